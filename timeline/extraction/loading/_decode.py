"""Bytes to text: refuse binary data, oversized input and unknown encodings, never guess."""

from __future__ import annotations

import codecs
import re

from timeline.extraction.loading._errors import ArticleRejected

__all__ = ["DEFAULT_MAX_BYTES", "check_size", "check_text", "decode"]

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_BOMS = (
    # UTF-32 first: its little-endian BOM begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
# Real text has almost none; a few stray ones are cleaned away by normalising.
_MAX_CONTROL_RATIO = 0.01
_MIN_CONTROLS = 4


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ArticleRejected(f"too large: {size:,} bytes is over the limit of {max_bytes:,} bytes")


def decode(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, charset: str | None = None) -> str:
    """UTF-8 (with or without BOM), UTF-16/32 with a BOM, else a charset the source declared.

    Valid UTF-8 is taken as UTF-8 even when a page declares otherwise: such declarations are
    often stale, and other encodings rarely make valid UTF-8 by chance.
    """
    check_size(len(data), max_bytes)
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data:
        raise ArticleRejected("binary data: contains NUL bytes and no UTF-16 byte order mark")
    declared = _known(charset)
    if encoding is None:
        encoding = "utf-8"
        if declared not in {None, "utf-8"}:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                encoding = declared or encoding
            else:
                check_text(text, max_bytes)
                return text
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        byte = data[error.start : error.start + 1].hex()
        raise ArticleRejected(
            f"cannot decode as {encoding}: byte 0x{byte} at offset {error.start} is invalid;"
            " save the file as UTF-8 (or UTF-16 with a byte order mark)"
        ) from None
    check_text(text, max_bytes)
    return text


def _known(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        return codecs.lookup(charset.strip().strip("\"'")).name
    except LookupError:
        raise ArticleRejected(f"unknown character encoding {charset!r}") from None


def check_text(text: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse text that is binary data, too large as UTF-8, or not encodable at all."""
    if "\x00" in text:
        raise ArticleRejected("binary data: contains NUL characters")
    if _CONTROL.search(text) is not None:
        controls = len(_CONTROL.findall(text))
        if controls >= _MIN_CONTROLS and controls > _MAX_CONTROL_RATIO * len(text):
            raise ArticleRejected(
                f"binary data: {controls} of {len(text)} characters are control characters"
            )
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        raise ArticleRejected(
            f"invalid text: unpaired surrogate at character {error.start}"
        ) from None
    check_size(size, max_bytes)
