"""File names as people may safely see them.

A file name can hold any byte but `/` and NUL: newlines (that forge summary lines), terminal
escape sequences (that retitle or clear the terminal) and bytes that are not UTF-8 (kept by
Python as surrogate escapes, which cannot be printed or written to Parquet). recount keeps the
name exactly (os.fsencode(path) gives the bytes back) and shows it through `printable`.
"""
from __future__ import annotations

import os
import unicodedata

# Categories shown as escapes: control, format (bidi overrides that reorder text), surrogates,
# unassigned, private use, and line and paragraph separators.
HIDDEN = {"Cc", "Cf", "Cs", "Cn", "Co", "Zl", "Zp"}


def printable(text: str) -> str:
    """`text` with every character a terminal would act on shown as an escape (`\\n`,
    `\\x1b`, `\\u202e`); undecodable bytes of a file name as `\\xNN`. Backslashes are doubled,
    so two different names never look the same."""
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(escape(ch) for ch in text)


def escape(ch: str) -> str:
    if ch == "\\":
        return "\\\\"
    if 0xDC80 <= ord(ch) <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{ord(ch) - 0xDC00:02x}"
    if unicodedata.category(ch) in HIDDEN or not ch.isprintable() and ch != " ":
        return ch.encode("unicode_escape").decode("ascii")
    return ch


def storable(text: str) -> str:
    """A name as valid UTF-8 text for Parquet: the printable form when it holds bytes that are
    not UTF-8 (the exact bytes stay in the manifest), else the name itself."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return printable(text)


def name_bytes(text: str) -> bytes:
    """The exact bytes of a name that came from the file system."""
    return os.fsencode(text)
