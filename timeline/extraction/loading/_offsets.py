"""Map spans of normalised text back to the original text they came from."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import msgspec

__all__ = ["OffsetMap", "OffsetMapBuilder"]


class OffsetMap(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """Where normalised text differs in length from the original.

    Only edits are stored: a run `[norm_starts[i], norm_ends[i])` of normalised text came from
    `[orig_starts[i], orig_ends[i])` of the original; between edits both texts advance together.
    A deletion is an edit whose normalised run is empty. Edits are merged when they touch, so
    the start columns are strictly increasing and a bisect finds the edit covering a position.
    """

    length: int
    original_length: int
    norm_starts: tuple[int, ...] = ()
    norm_ends: tuple[int, ...] = ()
    orig_starts: tuple[int, ...] = ()
    orig_ends: tuple[int, ...] = ()

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(length=length, original_length=length)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span `[ostart, oend)` that the normalised span `[start, end)` came from.

        A span that starts or ends inside a replacement (`…` became `...`) widens to cover the
        whole original character; deleted text at the edges of the span is left out.
        """
        _check(start, end, self.length)
        return _map(start, end, self.norm_starts, self.norm_ends, self.orig_starts, self.orig_ends)

    def to_normalised(self, start: int, end: int) -> tuple[int, int]:
        """The normalised span for an original span; text deleted by normalising maps to nothing."""
        _check(start, end, self.original_length)
        return _map(start, end, self.orig_starts, self.orig_ends, self.norm_starts, self.norm_ends)


def _check(start: int, end: int, length: int) -> None:
    if not 0 <= start <= end <= length:
        raise ValueError(f"span [{start}, {end}) is not within text of length {length}")


def _map(
    start: int,
    end: int,
    from_starts: tuple[int, ...],
    from_ends: tuple[int, ...],
    to_starts: tuple[int, ...],
    to_ends: tuple[int, ...],
) -> tuple[int, int]:
    # The last edit starting at or before `start`: inside its output, snap to its start.
    i = bisect_right(from_starts, start) - 1
    if i < 0:
        new_start = start
    elif start < from_ends[i]:
        new_start = to_starts[i]
    else:
        new_start = to_ends[i] + (start - from_ends[i])
    if end == start:
        return new_start, new_start
    # The last edit starting strictly before `end`, so a deletion right at `end` stays outside.
    j = bisect_left(from_starts, end) - 1
    if j < 0:
        new_end = end
    elif end <= from_ends[j]:
        new_end = to_ends[j]
    else:
        new_end = to_ends[j] + (end - from_ends[j])
    return new_start, max(new_start, new_end)


class OffsetMapBuilder:
    """Collects edits in order while normalised text is written; merges touching ones."""

    __slots__ = ("_norm_ends", "_norm_starts", "_orig_ends", "_orig_starts")

    def __init__(self) -> None:
        self._norm_starts: list[int] = []
        self._norm_ends: list[int] = []
        self._orig_starts: list[int] = []
        self._orig_ends: list[int] = []

    def edit(self, norm_start: int, norm_end: int, orig_start: int, orig_end: int) -> None:
        """Record that original `[orig_start, orig_end)` became `[norm_start, norm_end)`."""
        if self._norm_ends and (
            self._norm_ends[-1] == norm_start and self._orig_ends[-1] == orig_start
        ):
            self._norm_ends[-1] = norm_end
            self._orig_ends[-1] = orig_end
            return
        self._norm_starts.append(norm_start)
        self._norm_ends.append(norm_end)
        self._orig_starts.append(orig_start)
        self._orig_ends.append(orig_end)

    def build(self, length: int, original_length: int) -> OffsetMap:
        return OffsetMap(
            length=length,
            original_length=original_length,
            norm_starts=tuple(self._norm_starts),
            norm_ends=tuple(self._norm_ends),
            orig_starts=tuple(self._orig_starts),
            orig_ends=tuple(self._orig_ends),
        )
