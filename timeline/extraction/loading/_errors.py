"""Why an input is not an article."""

from __future__ import annotations

__all__ = ["ArticleRejected"]


class ArticleRejected(ValueError):
    """The input cannot become an article; `reason` says why in words a user can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
