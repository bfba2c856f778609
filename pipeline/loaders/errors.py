"""The one exception loaders raise for bad input; the batch records it and moves on."""
from __future__ import annotations

from pipeline.model.vocab import DocumentStatus


class LoadError(Exception):
    """A document that cannot be read: `status` goes to documents.parquet with the reason."""

    def __init__(self, status: DocumentStatus, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason
