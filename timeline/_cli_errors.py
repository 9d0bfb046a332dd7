"""Errors the command line reports in one line."""

__all__ = ["UsageError"]


class UsageError(Exception):
    """Bad arguments the parser could not catch."""
