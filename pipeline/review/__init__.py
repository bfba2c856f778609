"""Human review of flags: the decisions store, re-checking existing output, the report."""
