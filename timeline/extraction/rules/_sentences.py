"""Sentence segmentation that keeps offsets and knows common abbreviations."""

from __future__ import annotations

import re

import msgspec

__all__ = ["Sentence", "split_sentences"]

_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[-*\u2022]\s)")
_LINE = re.compile(r"[^\n]+")
# An end mark, closing quotes or brackets, space, then something that can start a sentence.
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?(?:[A-Z0-9]|[^\x00-\x7f]))")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "inc",
        "co",
        "corp",
        "ltd",
        "llc",
        "plc",
        "bros",
        "no",
        "nos",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "gen",
        "gov",
        "sen",
        "rep",
        "rev",
        "fig",
        "approx",
        "est",
        "dept",
        "univ",
        "ave",
        "blvd",
        # US states as datelines write them ("PALO ALTO, Calif. (Reuters) -"); those that are
        # also words ("ill", "mass", "wash") are left out.
        "ala",
        "ariz",
        "ark",
        "calif",
        "colo",
        "conn",
        "fla",
        "ga",
        "kan",
        "ky",
        "md",
        "mich",
        "minn",
        "mo",
        "mont",
        "neb",
        "nev",
        "okla",
        "ore",
        "pa",
        "tenn",
        "tex",
        "va",
        "vt",
        "wis",
        "wyo",
    ]
)
# Initials: "J.R. Smith", "WASHINGTON, D.C. -", "A.G."
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")


class Sentence(msgspec.Struct, frozen=True):
    index: int
    start: int
    end: int
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    cursor = 0
    for paragraph, block in enumerate([*_PARAGRAPH.finditer(text), None]):
        stop = block.start() if block else len(text)
        for line in _LINE.finditer(text, cursor, stop):
            _split_block(text, line.start(), line.end(), paragraph, sentences)
        cursor = block.end() if block else len(text)
    return sentences


def _split_block(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    begin = start
    for mark in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, begin, mark.start()):
            continue
        _add(text, begin, mark.end(), paragraph, out)
        begin = mark.end()
    _add(text, begin, end, paragraph, out)


def _is_abbreviation(text: str, begin: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > begin and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip("(\"'").lower()
    # "J. Smith" and "U.S." are not sentence ends; neither are listed abbreviations.
    return (
        (len(word) == 1 and word.isalpha())
        or word in _ABBREVIATIONS
        or _INITIALS.fullmatch(word) is not None
    )


def _add(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, paragraph))
