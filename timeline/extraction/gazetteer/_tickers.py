"""Stock tickers in parentheses: "(HKEx: 700)", "(NYSE:BABA)", "(0700.HK)"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from timeline.extraction.gazetteer._index import Index, normal_symbol

__all__ = ["Ticker", "find_tickers", "parse_ticker", "possessor_end", "tickers_by_paren"]

_PAREN = re.compile(r"\(([^()\n]{2,120})\)")
_PIECE = re.compile(r"[^;,]+")
# Symbols are capitals and digits; "(Source: Bloomberg)" and "(Paris: Le Monde)" are not tickers.
_EXCHANGE_SYMBOL = re.compile(
    r"\s*(?P<exchange>[^\W\d_][^:;,]{0,40}?)\s*[:\uff1a]\s*(?P<symbol>[A-Z0-9][A-Z0-9.\-]{0,11})\s*"
)
_RIC = re.compile(r"\s*(?P<symbol>[A-Z0-9]{1,8})\.(?P<exchange>[A-Z]{1,2})\s*")
_RIC_EXCHANGES = {
    "HK": "HKEX",
    "SS": "SSE",
    "SZ": "SZSE",
    "T": "TSE",
    "KS": "KRX",
    "KQ": "KRX",
    "N": "NYSE",
    "O": "NASDAQ",
    "OQ": "NASDAQ",
    "L": "LSE",
    "DE": "XETRA",
    "PA": "EURONEXT",
    "AS": "EURONEXT",
    "TW": "TWSE",
    "SI": "SGX",
    "AX": "ASX",
}


class Ticker(NamedTuple):
    """A ticker at start:end, inside the parenthesis opened at `paren`.

    `slug` is the listed company, None for a symbol the gazetteer does not know; `ticker`
    is "EXCHANGE:SYMBOL" as the data writes it when known.
    """

    start: int
    end: int
    paren: int
    code: str
    ticker: str
    slug: str | None


def find_tickers(index: Index, text: str) -> list[Ticker]:
    """Every ticker on a known exchange, in text order: "(HKEx: 700)", "(NYSE:BABA)",
    "(HKEx: 763; Shenzhen: 000063)" and Reuters codes such as "(0700.HK)"."""
    if "(" not in text:
        return []
    found: list[Ticker] = []
    for paren in _PAREN.finditer(text):
        inner = paren.start(1)
        for piece in _PIECE.finditer(paren.group(1)):
            parsed = _parse(index, piece.group())
            if parsed is not None:
                code, symbol, start, end = parsed
                key = (code, normal_symbol(symbol))
                ticker = index.ticker_text.get(key, f"{code}:{symbol}")
                at = inner + piece.start()
                found.append(
                    Ticker(
                        at + start, at + end, paren.start(), code, ticker, index.tickers.get(key)
                    )
                )
    return found


def _parse(index: Index, piece: str) -> tuple[str, str, int, int] | None:
    """(exchange code, symbol, start, end) of a "Nasdaq: BIDU" or "0700.HK" piece."""
    match = _EXCHANGE_SYMBOL.fullmatch(piece)
    if match is not None:
        code = index.exchanges.get(match.group("exchange").lower())
        if code is None:
            return None
        return code, match.group("symbol"), match.start("exchange"), match.end("symbol")
    match = _RIC.fullmatch(piece)
    if match is not None and match.group("exchange") in _RIC_EXCHANGES:
        code = _RIC_EXCHANGES[match.group("exchange")]
        return code, match.group("symbol"), match.start("symbol"), match.end("exchange")
    return None


def parse_ticker(index: Index, query: str) -> tuple[str, str] | None:
    """(exchange code, normalised symbol) for "HKEx: 700", "hkex:0700" or "0700.HK"."""
    parsed = _parse(index, query.strip().upper())
    if parsed is None:
        return None
    return parsed[0], normal_symbol(parsed[1])


def possessor_end(text: str, paren: int) -> int:
    """Where the name before a parenthesis ends: "ZTE's (HKEx: 763)" ends after "ZTE"."""
    end = paren
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    if text[max(0, end - 2) : end] == "'s":
        return end - 2
    if text[end - 1 : end] == "'":
        return end - 1
    return end


def tickers_by_paren(tickers: list[Ticker]) -> Iterator[list[Ticker]]:
    """The tickers grouped by the parenthesis they share."""
    group: list[Ticker] = []
    for ticker in tickers:
        if group and ticker.paren != group[0].paren:
            yield group
            group = []
        group.append(ticker)
    if group:
        yield group
