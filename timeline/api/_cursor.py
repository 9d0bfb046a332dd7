"""Opaque page cursors: a key encoded as URL-safe base64 of its JSON."""

from __future__ import annotations

import base64
import binascii
from typing import TypeVar

import msgspec

from timeline.api._problems import bad_param

__all__ = ["decode_cursor", "encode_cursor"]

T = TypeVar("T")


def encode_cursor(key: object) -> str:
    return base64.urlsafe_b64encode(msgspec.json.encode(key)).decode().rstrip("=")


def decode_cursor(text: str | None, type: type[T], name: str = "cursor") -> T | None:
    """The key, None for no cursor; a 400 naming the parameter when it is not one of ours."""
    if text is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        return msgspec.json.decode(raw, type=type)
    except (binascii.Error, ValueError, msgspec.DecodeError):
        raise bad_param(name, "not a cursor this API gave out") from None
