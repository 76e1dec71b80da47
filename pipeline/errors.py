"""Errors with codes, one family per kind of failure.

Why codes: a user who sees `E102` in a log can search for it; the message
names the file and line and says what to do.
"""

from __future__ import annotations


class FactsError(Exception):
    """Base class of every error this package raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InputFormatError(FactsError):
    """A document or input file could not be read or parsed."""

    code = "E100"


class FactFormatError(FactsError):
    """A facts/gold JSONL line is not in the interchange format."""

    code = "E200"


class ModelNotInstalledError(FactsError):
    """A statistical spaCy model was named but is not installed."""

    code = "E300"


class DatabaseError(FactsError):
    """Loading into or creating a database failed."""

    code = "E400"


class EngineError(FactsError):
    """An execution engine (workers, Dask) is unavailable or failed."""

    code = "E500"
