"""Sentence splitting: abbreviations, initials and datelines do not end a sentence."""

from __future__ import annotations

import pytest

from timeline.extraction.rules._sentences import split_sentences


def _split(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON, D.C. - America Online is negotiating to buy Netscape, a source said.",
        "PALO ALTO, Calif. (CBS.MW) -- CMGI is in talks to acquire AltaVista, CNBC reported.",
        "Sony held talks with Sweden's L.M. Ericsson Telephone Co. about cooperation.",
        "Dr. Reddy's signed a deal with Merck Inc. on Monday.",
    ],
)
def test_one_sentence_stays_whole(text: str) -> None:
    assert _split(text) == [text]


def test_sentences_still_end_at_a_full_stop() -> None:
    text = "Xiaomi denied the report. The shares fell 3 percent! Would it sell? Nobody knows."
    assert _split(text) == [
        "Xiaomi denied the report.",
        "The shares fell 3 percent!",
        "Would it sell?",
        "Nobody knows.",
    ]
