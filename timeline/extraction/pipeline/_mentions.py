"""Stage 2, mentions: companies (known or not), people and outlets, sentence by sentence."""

from __future__ import annotations

import bisect
import re

import msgspec

from timeline.extraction.evaluation import company_key
from timeline.extraction.gazetteer import Gazetteer, Mention
from timeline.extraction.gazetteer._text import slugify
from timeline.extraction.gazetteer._unverified import strip_suffix
from timeline.extraction.pipeline._descriptions import RECENT_SENTENCES, described
from timeline.extraction.pipeline._document import Doc, Party, SentenceView, person_key
from timeline.extraction.pipeline._names import with_local_names
from timeline.extraction.pipeline._organisations import (
    is_place,
    looks_like_organisation,
    unknown_organisations,
)
from timeline.extraction.pipeline._people import (
    NameMemory,
    speaks_of_faces,
    unknown_people,
    unlisted_person,
)
from timeline.extraction.rules._citations import cited_outlets
from timeline.extraction.rules._lexicon import Lexicon
from timeline.extraction.rules._parties import Party as RuleParty
from timeline.extraction.rules._references import Context, ReferencePhrases, find_references
from timeline.extraction.rules._sentences import split_sentences

__all__ = ["find_mentions", "party_key"]

_PRONOUN = re.compile(r"\W*(?:It|Its|They|Their|The company|The firm|The group)\b")
# "its takeover of", "its partners": a deal of the company the article is about.
_ITS = re.compile(
    r"\b(?:its|their) (?:\w+ ){0,2}?(?:takeover|acquisition|purchase|stake|investment|deal"
    r"|merger|bid|offer|partners?|partnership|alliance|venture|unit|sale|talks)\b"
)


def party_key(mention: Mention) -> str:
    if mention.kind == "person":
        return person_key(mention.name)
    return company_key(mention.name, mention.id if mention.verified else None)


def _party(m: Mention, via: str | None = None, name: str | None = None) -> Party:
    name = name or m.name
    return Party(
        key=person_key(name) if m.kind == "person" else party_key(m),
        name=name,
        start=m.start,
        end=m.end,
        kind="person" if m.kind == "person" else "company",
        verified=m.verified,
        via=via or ("unknown" if not m.verified else m.via),
        slug=m.id if m.verified else "",
    )


def find_mentions(doc: Doc, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
    """Fill `doc.sentences`: each sentence with its parties, people and cited outlets."""
    text = doc.text
    found = [n for m in gazetteer.find(text) if (n := _near_name(text, m)) is not None]
    found = unknown_organisations(text, found)
    mentions = with_local_names(text, found)
    starts = [m.start for m in mentions]
    fullest = _fullest_names(mentions)
    context = Context()
    known = NameMemory()
    phrases = ReferencePhrases(doc.scan.lowered)
    history: list[list[Party]] = []
    for sentence in split_sentences(text):
        lo = bisect.bisect_left(starts, sentence.start)
        hi = bisect.bisect_left(starts, sentence.end)
        here = mentions[lo:hi]
        view = SentenceView(sentence.index, sentence.start, sentence.end, sentence.paragraph)
        view.parties = _companies(text, here)
        view.people = [_party(m, name=fullest[m.id]) for m in here if m.kind == "person"]
        if speaks_of_faces(doc.scan.lowered, sentence.start, sentence.end):
            figures = _figures(text, lexicon, sentence.start, sentence.end)
            view.people += _endorsers(figures, view.people)
            taken = [(m.start, m.end) for m in here] + [(p.start, p.end) for p in view.people]
            view.people += unknown_people(text, sentence.start, sentence.end, taken)
            # A guessed organisation that is (part of) a person's name is that person
            # ("Nike ended its contract with Vick").
            taken = [(m.start, m.end) for m in here if m.verified or m.kind != "company"]
            taken += [(p.start, p.end) for p in view.people]
            view.people += known.find(text, sentence.start, sentence.end, taken)
            view.parties = [
                p
                for p in view.parties
                if p.verified or not any(_overlap(p, q) for q in view.people)
            ]
        known.learn(view.people)
        view.outlets = [m.name for m in here if m.kind == "outlet"]
        view.cited = cited_outlets(text, here, sentence.start, sentence.end)
        context.learn_names(here)
        keys = {p.key for p in view.parties}
        recent = [p for named in history[-RECENT_SENTENCES:] for p in named]
        history.append(list(view.parties))
        descriptions = described(
            doc.scan.lowered, sentence.start, sentence.end, recent, keys, gazetteer
        )
        view.parties += descriptions
        for ref in find_references(text, sentence.start, sentence.end, context, here, phrases):
            if any(d.start <= ref.start < d.end for d in descriptions):
                continue  # the description said which company it is
            party = _remembered(ref.slug, ref.name, ref.start, ref.end, "reference")
            if party.key not in keys and not ref.slug.startswith("unverified"):
                view.parties.append(party)
                keys.add(party.key)
        pronoun = _PRONOUN.match(text, sentence.start) or _ITS.search(
            text, sentence.start, sentence.end
        )
        if pronoun is not None:
            # "It has put money into Ola, Snapdeal and Oyo": the subject is the company the
            # article is about, even when the sentence names others.
            named = {p.slug or p.key for p in view.parties}
            slug = context.salient(exclude=named)
            if slug is not None:
                name = context.names.get(slug, slug.partition(":")[2] or slug)
                party = _remembered(slug, name, pronoun.start(), pronoun.end(), "pronoun")
                if party.key not in keys:
                    view.parties.append(party)
        if not view.parties:
            view.parties += _speakers(here, gazetteer)
        view.parties.sort(key=lambda p: p.start)
        context.remember(
            [
                RuleParty(p.slug or p.key, p.name, p.start, p.end, p.verified, p.via)
                for p in view.parties
                if p.via not in {"reference", "pronoun"}
            ],
            here,
        )
        doc.sentences.append(view)


def _fullest_names(mentions: list[Mention]) -> dict[str, str]:
    # A person goes by the fullest name the article gives ("Mahendra Singh Dhoni", then
    # "Dhoni"), not the gazetteer's display name ("MS Dhoni"): readers and labels use it.
    fullest: dict[str, str] = {}
    for m in mentions:
        if m.kind == "person" and len(m.surface) > len(fullest.get(m.id, "")):
            fullest[m.id] = m.surface
    return fullest


def _remembered(slug: str, name: str, start: int, end: int, via: str) -> Party:
    # The rules' context remembers a gazetteer company by its slug and any other organisation
    # by its "name:" key (see `context.remember` above).
    if slug.startswith("name:"):
        return Party(slug, name, start, end, verified=False, via=via)
    return Party(company_key(name, slug), name, start, end, verified=True, via=via, slug=slug)


_BOUGHT = re.compile(
    r"\b(?:acquir\w*|buy\w*|bought|purchas\w*|takeover of|take over|took over|stake in)"
    r"\s+(?:\S+\s+){0,2}$",
    re.I,
)


def _bought(text: str, mention: Mention) -> bool:
    """Whether a brand is what a deal buys, not a product of a company named beside it."""
    return _BOUGHT.search(text, max(0, mention.start - 50), mention.start) is not None


_ELIDED = re.compile(r"(?:^|\W)[A-Za-z]'$")


def _overlap(a: Party, b: Party) -> bool:
    return a.start < b.end and b.start < a.end


def _near_name(text: str, mention: Mention) -> Mention | None:
    """A gazetteer mention as the pipeline takes it: a near-name kept as a misspelling, taken as
    an unknown organisation when it names one ("Amylin Pharmaceuticals Inc." is no misspelt
    Amylyx), or dropped; a guessed organisation that is a place dropped."""
    if mention.via == "pattern" and is_place(mention.surface):
        return None  # "a stake in Sri Lanka's John Keells"
    if _ELIDED.match(text, max(0, mention.start - 3), mention.start):
        return None  # "Dell" in "Shay O'Dell"
    if mention.via != "fuzzy":
        return mention
    name = strip_suffix(mention.surface)
    if name == mention.surface:  # with a legal suffix it is a name written with care
        if _lone_word(text, mention):
            return mention
        if not looks_like_organisation(name):
            return None
    return msgspec.structs.replace(
        mention, id=slugify(name), name=name, via="pattern", verified=False, score=None
    )


def _lone_word(text: str, mention: Mention) -> bool:
    """A misspelling stands alone ("Samsnug said"); a near-name inside a longer capitalised
    name is someone's surname or another firm ("Richard Mille", "Daewoo Motor", "John
    Legere"), and a place is a place ("Bayern")."""
    before = text[max(0, mention.start - 30) : mention.start].split()
    after = text[mention.end : mention.end + 30].split()
    joined = (before and before[-1][:1].isupper() and before[-1][-1:].isalnum()) or (
        after and after[0][:1].isupper() and mention.end < len(text) and text[mention.end] == " "
    )
    # Below 0.8 the near-names of a large gazetteer are mostly other words ("Daewoo" for
    # Daewoong, "Fortuner" for Fortinet); real misspellings scored 0.8 and more here.
    return not joined and not is_place(mention.surface) and (mention.score or 0.0) >= 0.8


_DATELINE_CREDIT = re.compile("[\\w.]*\\) ?(?:-|\u2014|\u2013)")


def _companies(text: str, mentions: list[Mention]) -> list[Party]:
    """One party per company per sentence, at its first naming; tickers only when alone."""
    named = {m.id for m in mentions if m.kind == "company" and m.via != "ticker"}
    parties: list[Party] = []
    seen: set[str] = set()
    for m in mentions:
        if m.kind != "company" or (m.via == "ticker" and m.id in named):
            continue
        if _DATELINE_CREDIT.match(text, m.end) and text[m.start - 1 : m.start] == "(":
            continue  # "PALO ALTO, Calif. (CBS.MW) --": the wire that filed the story
        party = _party(m)
        if party.key in seen and m.via == "brand" and m.id in named and _bought(text, m):
            # "Apple agreed to acquire Beats": a brand bought by its later owner is a party.
            name = m.brand or m.surface
            party = Party(company_key(name), name, m.start, m.end, verified=False, via="brand")
        if party.key in seen:
            continue
        seen.add(party.key)
        parties.append(party)
    return parties


def _speakers(mentions: list[Mention], gazetteer: Gazetteer) -> list[Party]:
    """A known executive speaks for the company: "Lei Jun ... said the chatter was rumors"."""
    out: dict[str, Party] = {}
    for m in mentions:
        company = gazetteer.company(m.company) if m.kind == "person" and m.company else None
        if company is not None:
            out.setdefault(
                company.slug,
                Party(
                    company_key(company.name, company.slug),
                    company.name,
                    m.start,
                    m.end,
                    via="person",
                    slug=company.slug,
                ),
            )
    return list(out.values())


_RUN = re.compile(r"[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,3}")


def _figures(text: str, lexicon: Lexicon, start: int, end: int) -> list[tuple[int, int, str]]:
    """Capitalised names after a descriptor ("NBA guard Jo Doe", "President Xi Jinping"):
    the runs are found first and the words before each tested, which is far quicker than
    trying the descriptors at every position."""
    out = []
    for run in _RUN.finditer(text, start, end):
        words = list(re.finditer(r"\S+", run.group(0)))
        for i in range(min(2, len(words) - 1)):
            begin = run.start() + words[i].start()
            if lexicon.endorser_before.search(text, max(0, begin - 40), begin):
                stop = run.start() + words[min(i + 2, len(words) - 1)].end()
                out.append((begin, stop, text[begin:stop]))
                break
    return out


def _endorsers(figures: list[tuple[int, int, str]], people: list[Party]) -> list[Party]:
    """ "NBA guard Jo Doe", "actor Eddie Peng": figures the gazetteer does not list."""
    out = []
    for s, e, name in figures:
        if any(p.start <= s < p.end or s <= p.start < e for p in people):
            continue
        out.append(unlisted_person(name, s, e, "title"))
    return out
