"""Companies named by description ("the Swiss drugmaker"), resolved by country and sector."""

from __future__ import annotations

import re

from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.pipeline._document import Party

__all__ = ["RECENT_SENTENCES", "described"]

# What kind of company a noun describes, as the gazetteer's sectors; None: any kind.
_NOUNS: dict[str, frozenset[str] | None] = {
    "company": None,
    "firm": None,
    "group": None,
    "giant": None,
    "conglomerate": None,
    "maker": None,
    "manufacturer": None,
    "business": None,
    "drugmaker": frozenset({"healthcare"}),
    "biotech": frozenset({"healthcare"}),
    "carmaker": frozenset({"automotive"}),
    "automaker": frozenset({"automotive"}),
    "bank": frozenset({"finance"}),
    "lender": frozenset({"finance"}),
    "investor": frozenset({"finance"}),
    "insurer": frozenset({"insurance", "finance"}),
    "miner": frozenset({"materials", "energy"}),
    "airline": frozenset({"transport"}),
    "carrier": frozenset({"transport", "telecom"}),
    "operator": frozenset({"telecom", "transport"}),
    "telco": frozenset({"telecom"}),
    "chipmaker": frozenset({"semiconductors"}),
    "retailer": frozenset({"retail", "e-commerce"}),
    "grocer": frozenset({"retail"}),
    "brewer": frozenset({"consumer-goods"}),
    "studio": frozenset({"media"}),
    "broadcaster": frozenset({"media"}),
    "publisher": frozenset({"media"}),
    "platform": frozenset({"internet", "e-commerce", "software"}),
    "startup": None,
}
_COUNTRIES = {
    "american": "US", "u.s.": "US", "us": "US", "japanese": "JP", "chinese": "CN",
    "swiss": "CH", "german": "DE", "french": "FR", "british": "GB", "uk": "GB",
    "korean": "KR", "south korean": "KR", "indian": "IN", "taiwanese": "TW",
    "italian": "IT", "spanish": "ES", "dutch": "NL", "swedish": "SE", "canadian": "CA",
    "australian": "AU", "brazilian": "BR", "mexican": "MX", "russian": "RU", "saudi": "SA",
    "israeli": "IL", "irish": "IE", "danish": "DK", "norwegian": "NO", "finnish": "FI",
    "belgian": "BE", "austrian": "AT", "singaporean": "SG", "malaysian": "MY",
    "indonesian": "ID", "thai": "TH", "vietnamese": "VN", "philippine": "PH",
    "south african": "ZA", "nigerian": "NG", "egyptian": "EG", "emirati": "AE",
    "qatari": "QA", "turkish": "TR", "polish": "PL", "chilean": "CL", "argentine": "AR",
    "colombian": "CO", "hong kong": "HK",
}  # fmt: skip
# No \b before "the": a literal start lets the regex engine skip ahead (four times faster);
# a letter before the match is refused in the loop instead.
_PHRASE = re.compile(
    r"the (?:(?P<country>"
    + "|".join(sorted(map(re.escape, _COUNTRIES), key=len, reverse=True))
    + r")[ -])?(?:[a-z-]+ ){0,2}?(?P<noun>"
    + "|".join(_NOUNS)
    + r")s?\b(?! of\b)"
)
# Sentences back in which a description may find its company.
RECENT_SENTENCES = 6


def described(
    lowered: str,
    start: int,
    end: int,
    recent: list[Party],
    present: set[str],
    gazetteer: Gazetteer,
) -> list[Party]:
    """Known companies that `lowered[start:end]` names by country and kind, each the most
    recent one mentioned that fits and is not named in the sentence already."""
    found = []
    for match in _PHRASE.finditer(lowered, start, end):
        if match.start() and lowered[match.start() - 1].isalpha():
            continue
        country = _COUNTRIES.get(match["country"] or "")
        sectors = _NOUNS[match["noun"]]
        if country is None and sectors is None:
            continue  # "the company": the references stage gives the article's subject
        for party in reversed(recent):
            company = gazetteer.company(party.slug) if party.slug else None
            if company is None or party.key in present:
                continue
            if country is not None and company.country != country:
                continue
            if sectors is not None and company.sector not in sectors:
                continue
            at = match.start(), match.end()
            found.append(Party(party.key, party.name, *at, via="description", slug=party.slug))
            present.add(party.key)
            break
    return found
