"""recount: every number in a public-sector report, as data, reconciled."""
PIPELINE_VERSION = "0.1.0"
