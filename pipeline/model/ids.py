"""Stable identifiers: the same inputs give the same id on every run and machine."""
from __future__ import annotations

import hashlib


def stable_id(prefix: str, *parts: object, length: int = 16) -> str:
    """A short hex id from the parts' text, prefixed with what it identifies."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{prefix}_{hashlib.sha256(text.encode('utf-8')).hexdigest()[:length]}"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
