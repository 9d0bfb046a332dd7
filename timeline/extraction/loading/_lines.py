"""Lines of a text as offset ranges, so parsers can drop them without copying."""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["iter_lines", "line_end"]


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """`(start, stop)` of each line in `text[start:end]`, without its "\\n" (a CR stays)."""
    stop = len(text) if end is None else end
    position = start
    while position < stop:
        newline = text.find("\n", position, stop)
        if newline < 0:
            yield position, stop
            return
        yield position, newline
        position = newline + 1


def line_end(text: str, stop: int) -> int:
    """Offset just past the line break that ends at `stop`, if there is one."""
    return stop + 1 if text.startswith("\n", stop) else stop
