"""Public figures the gazetteer does not list, in sentences that speak of brands and faces."""

from __future__ import annotations

import re

import msgspec

from timeline.extraction.gazetteer._text import FUNCTION_WORDS, NOT_NAMES
from timeline.extraction.pipeline._document import Party, person_key
from timeline.extraction.pipeline._organisations import is_place, looks_like_organisation

__all__ = ["NameMemory", "speaks_of_faces", "unknown_people", "unlisted_person"]

# Only where a sentence can be an endorsement is a bare capitalised pair taken for a person.
# Matched on lower-cased text; the look-ahead on first letters makes the scan five times faster.
_HINT = re.compile(
    r"\b(?=[abcdefgiklmopqrsw])(?:ambassador|face|campaign|endors\w*|sponsor\w*|wear\w*|wore|sport\w*|photographed"
    r"|spotted|seen|star\w*|model\w*|signed|signs|deal|promot\w*|advert\w*|commercial"
    r"|actor|actress|singer|player|athlete|footballer|cricketer|rapper|designer|influencer"
    r"|front\w*|muse|collaborat\w*|partner\w*|brand|guard|forward|striker|midfielder"
    r"|goalkeeper|quarterback|pitcher|golfer|swimmer|skater|boxer|sprinter|champion|medal\w*"
    r"|olympian|idol|icon|legend|celebrity|lady|president|minister|prince\w*|queen|king)\b"
)
_UPPER = r"[A-Z](?:'[A-Z])?[a-zà-öø-ÿ]+(?:-[A-Z]?[a-zà-öø-ÿ]+)?"
_PERSON = re.compile(rf"\b{_UPPER}(?: (?:de |van |da |dos |del |di |le )?{_UPPER}){{1,2}}\b")


def speaks_of_faces(lowered: str, start: int, end: int) -> bool:
    """Whether `lowered[start:end]` (the text in lower case) can be an endorsement: only
    there are faces looked for."""
    return _HINT.search(lowered, start, end) is not None


def unknown_people(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[Party]:
    """Two or three capitalised words that are no company, place, month or title."""
    found = []
    for match in _PERSON.finditer(text, start, end):
        s, e = match.span()
        if any(a < e and s < b for a, b in taken):
            continue
        words = match.group(0).split()
        folded = [w.casefold() for w in words]
        if folded[0] in FUNCTION_WORDS or any(w in NOT_NAMES for w in folded):
            continue
        if is_place(match.group(0)) or any(is_place(w) for w in words):
            continue
        if looks_like_organisation(match.group(0)):
            continue
        found.append(unlisted_person(match.group(0), s, e, "pattern"))
    return found


def unlisted_person(name: str, start: int, end: int, via: str) -> Party:
    """A person the gazetteer does not list, keyed by the folded name as the gold is."""
    return Party(person_key(name), name, start, end, kind="person", verified=False, via=via)


_WORD = re.compile(rf"\b{_UPPER}\b")


class NameMemory:
    """The people an article has named in full, by their first and their last name, so that
    a later "Hale" or "Lisa" is the person named before (the latest, where two share one)."""

    def __init__(self) -> None:
        self._by_word: dict[str, Party] = {}

    def learn(self, people: list[Party]) -> None:
        for person in people:
            words = person.name.split()
            if len(words) > 1:
                for word in (words[0], words[-1]):
                    if word.casefold() not in FUNCTION_WORDS:
                        self._by_word[word] = person

    def find(self, text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[Party]:
        found = []
        for match in _WORD.finditer(text, start, end):
            person = self._by_word.get(match.group(0))
            s, e = match.span()
            if person is None or any(a < e and s < b for a, b in taken):
                continue
            found.append(msgspec.structs.replace(person, start=s, end=e, via="short"))
        return found
