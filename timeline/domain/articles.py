"""Article identity: ids from canonical URLs, else from normalised text."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["article_id", "canonical_url", "content_hash", "fingerprint_text"]

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|spm)$", re.IGNORECASE)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop fragments, tracking parameters and default ports."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        raise ValueError(f"not an absolute URL: {url!r}")
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and (scheme, parts.port) not in {("http", 80), ("https", 443)}:
        host = f"{host}:{parts.port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or "/"
    # http and https copies of one page are the same article.
    return urlunsplit(("https" if scheme == "http" else scheme, host, path, query, ""))


def fingerprint_text(text: str) -> str:
    """Text with its spacing, case and Unicode forms evened out: copies that differ only
    there are one article."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.casefold().split())


def content_hash(text: str) -> str:
    return hashlib.sha256(fingerprint_text(text).encode()).hexdigest()


def article_id(url: str | None, text: str, text_hash: str | None = None) -> str:
    """A stable 16-hex-digit id: from the canonical URL when there is one.

    `text_hash` is `content_hash(text)` when the caller has it already.
    """
    basis = f"url:{canonical_url(url)}" if url else f"text:{text_hash or content_hash(text)}"
    return hashlib.sha256(basis.encode()).hexdigest()[:16]
