"""Consistency checks for the gazetteer data files (timeline/extraction/data/gazetteer)."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[1] / "timeline" / "extraction" / "data" / "gazetteer"
COMPANY_FILES = tuple(sorted(p.stem for p in (DATA / "companies").glob("*.toml")))
SECTORS = {
    "internet",
    "e-commerce",
    "software",
    "semiconductors",
    "consumer-electronics",
    "telecom",
    "media",
    "finance",
    "payments",
    "insurance",
    "automotive",
    "energy",
    "industrials",
    "healthcare",
    "consumer-goods",
    "retail",
    "real-estate",
    "materials",
    "transport",
    "conglomerate",
    "other",
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY = re.compile(r"^[A-Z]{2}$")

# Ordinary English words that must never be a bare alias or brand: they would match
# everyday text. Such forms belong in `ambiguous`, which matchers use only with context.
_STOPWORD_TEXT = """
    a an the and or of in on at to for by with from as is it its be we us our you your my me
    he she they them this that these those all any some one two three four five first second
    new next best top big good great real true free open smart plus pro max mini ultra air
    line box square block key hub base core edge link net web cloud data pay cash card bank
    money fund capital group global international holdings company home world life time day
    go now play live star sun sky moon fire ice water wind gold silver stone rock mint shell
    target orange gap office windows teams surface outlook echo ring switch chrome pixel nest
    prime note mobile phone online digital tech technology energy motors games music video
    news mail maps search store shop market ant tide crest dove axe king quest threads
    messenger beats spectrum charter delta united american progressive travelers vanguard
    fidelity unity valve steam fox universal peacock marvel cruise mustang bronco autopilot
    dragon falcon blade magic legion yoga band snow melon lineage genesis giant evergreen total
    alpine ram golf seat man hydro jaguar defender nothing sage finish vanish virgin tank
    firefly lotus metro evolution investor omega standard seek noon nice titan power grid
    eternal district lava pulsar persistent reliance recruit indeed brother camel crucial
    microchip cadence disco coke sprite chase cat predator aspire kindle galaxy
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def _load(name: str) -> dict[str, Any]:
    with open(DATA / name, "rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def companies() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for region in COMPANY_FILES:
        data = _load(f"companies/{region}.toml")
        for row in data["company"]:
            rows.append({**row, "_file": region})
    return rows


@pytest.fixture(scope="module")
def by_slug(companies: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {c["slug"]: c for c in companies}


@pytest.fixture(scope="module")
def exchanges() -> list[dict[str, Any]]:
    return list(_load("exchanges.toml")["exchange"])


def test_every_file_parses() -> None:
    names = [f"companies/{r}.toml" for r in COMPANY_FILES]
    names += ["exchanges.toml", "people.toml", "media.toml", "titles.toml"]
    for name in names:
        assert _load(name), name


def test_company_count(companies: list[dict[str, Any]]) -> None:
    assert len(companies) >= 1000, len(companies)


def test_slugs_unique_and_well_formed(companies: list[dict[str, Any]]) -> None:
    seen: dict[str, str] = {}
    dups, bad = [], []
    for c in companies:
        if not SLUG.match(c["slug"]):
            bad.append(c["slug"])
        if c["slug"] in seen:
            dups.append(f"{c['slug']} ({seen[c['slug']]}, {c['_file']})")
        seen[c["slug"]] = c["_file"]
    assert not bad, f"malformed slugs: {bad}"
    assert not dups, f"duplicate slugs: {dups}"


def test_company_fields(companies: list[dict[str, Any]]) -> None:
    problems = []
    for c in companies:
        slug = c["slug"]
        if not c.get("name", "").strip():
            problems.append(f"{slug}: empty name")
        if c.get("sector") not in SECTORS:
            problems.append(f"{slug}: sector {c.get('sector')!r}")
        if not COUNTRY.match(c.get("country", "")):
            problems.append(f"{slug}: country {c.get('country')!r}")
        for key in ("aliases", "tickers", "brands", "ambiguous"):
            values = c.get(key, [])
            if not isinstance(values, list) or not all(
                isinstance(v, str) and v.strip() == v and v for v in values
            ):
                problems.append(f"{slug}: bad {key}")
        forms = [c["name"], *c.get("aliases", []), *c.get("brands", []), *c.get("ambiguous", [])]
        # Short forms match case-sensitively, so "Vivo" and "vivo" are two forms.
        folded = [f if len(f) <= 4 else f.casefold() for f in forms]
        if len(set(folded)) != len(folded):
            problems.append(f"{slug}: a form is repeated (name, aliases, brands, ambiguous)")
    assert not problems, "\n".join(problems)


def test_parents_exist(companies: list[dict[str, Any]], by_slug: dict[str, Any]) -> None:
    missing = [
        f"{c['slug']} -> {c['parent']}"
        for c in companies
        if c.get("parent") and (c["parent"] not in by_slug or c["parent"] == c["slug"])
    ]
    assert not missing, f"unknown parents: {missing}"


def test_no_parent_cycles(companies: list[dict[str, Any]], by_slug: dict[str, Any]) -> None:
    cycles = []
    for c in companies:
        seen = {c["slug"]}
        parent = c.get("parent", "")
        while parent:
            if parent in seen:
                cycles.append(c["slug"])
                break
            seen.add(parent)
            parent = by_slug.get(parent, {}).get("parent", "")
    assert not cycles, f"parent cycles: {cycles}"


def test_ticker_exchanges_exist(
    companies: list[dict[str, Any]], exchanges: list[dict[str, Any]]
) -> None:
    codes = {e["code"] for e in exchanges}
    bad = []
    owners: dict[str, set[str]] = defaultdict(set)
    for c in companies:
        for ticker in c.get("tickers", []):
            exchange, _, symbol = ticker.partition(":")
            if exchange not in codes or not symbol:
                bad.append(f"{c['slug']}: {ticker}")
            if exchange == "HKEX" and symbol.startswith("0"):
                bad.append(f"{c['slug']}: {ticker} (HKEX symbols have no leading zeros)")
            if exchange in ("SSE", "SZSE", "KRX") and not re.fullmatch(r"\d{6}", symbol):
                bad.append(f"{c['slug']}: {ticker} (6 digits expected)")
            owners[ticker].add(c["slug"])
    assert not bad, "\n".join(bad)
    shared = {t: sorted(s) for t, s in owners.items() if len(s) > 1}
    assert not shared, f"tickers on several companies: {shared}"


def test_exchange_aliases_unique(exchanges: list[dict[str, Any]]) -> None:
    seen: dict[str, str] = {}
    clashes = []
    for e in exchanges:
        for form in (e["code"], *e.get("aliases", [])):
            key = form.casefold()
            if key in seen and seen[key] != e["code"]:
                clashes.append(f"{form!r}: {seen[key]} / {e['code']}")
            seen[key] = e["code"]
    assert not clashes, "\n".join(clashes)


def test_no_alias_or_brand_claimed_by_two_companies(
    companies: list[dict[str, Any]], by_slug: dict[str, Any]
) -> None:
    claims: dict[str, set[str]] = defaultdict(set)
    for c in companies:
        for form in (c["name"], *c.get("aliases", []), *c.get("brands", [])):
            claims[form.casefold()].add(c["slug"])

    def related(a: str, b: str) -> bool:
        return bool(by_slug[a].get("parent") == b or by_slug[b].get("parent") == a)

    clashes = []
    for form, slugs in sorted(claims.items()):
        ordered = sorted(slugs)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if not related(a, b):
                    clashes.append(f"{form!r}: {a} / {b}")
    assert not clashes, "forms claimed by unrelated companies:\n" + "\n".join(clashes)


def test_no_stopword_aliases_or_brands(companies: list[dict[str, Any]]) -> None:
    hits = [
        f"{c['slug']}: {form!r}"
        for c in companies
        for form in (*c.get("aliases", []), *c.get("brands", []))
        if form.casefold() in STOPWORDS
    ]
    assert not hits, "common words used as aliases/brands (use `ambiguous`):\n" + "\n".join(hits)


def test_people(by_slug: dict[str, Any]) -> None:
    people = _load("people.toml")["person"]
    assert len(people) >= 300, len(people)
    problems = []
    names: set[str] = set()
    for p in people:
        if p["company"] not in by_slug:
            problems.append(f"{p['name']}: unknown company {p['company']!r}")
        if not p.get("role", "").strip():
            problems.append(f"{p['name']}: empty role")
        if p["name"].casefold() in names:
            problems.append(f"{p['name']}: duplicate person")
        names.add(p["name"].casefold())
    assert not problems, "\n".join(problems)


def test_media(by_slug: dict[str, Any]) -> None:
    outlets = _load("media.toml")["outlet"]
    assert len(outlets) >= 120, len(outlets)
    slugs = [o["slug"] for o in outlets]
    assert len(slugs) == len(set(slugs)), "duplicate outlet slugs"
    bad = [o["slug"] for o in outlets if not SLUG.match(o["slug"])]
    assert not bad, f"malformed outlet slugs: {bad}"
    unknown = [o["slug"] for o in outlets if o.get("company") and o["company"] not in by_slug]
    assert not unknown, f"outlets whose company is unknown: {unknown}"
    weibo = next(o for o in outlets if o["slug"] == "weibo")
    assert weibo["company"] == "weibo" and "weibo" in by_slug


def test_titles_and_public_figures() -> None:
    data = _load("titles.toml")
    titles = {t.casefold() for t in data["titles"]}
    for required in ("first lady", "president", "premier", "prime minister", "king", "queen"):
        assert required in titles, required
    figures = data["public_figure"]
    assert len(figures) >= 80, len(figures)
    bad = [f["name"] for f in figures if f["title"].casefold() not in titles]
    assert not bad, f"public figures whose title is not in `titles`: {bad}"
    assert any(f["name"] == "Peng Liyuan" and f["title"] == "First Lady" for f in figures)


def test_seed_entities_present(by_slug: dict[str, Any]) -> None:
    """Entities from the seed articles resolve to the expected companies."""
    index: dict[str, set[str]] = defaultdict(set)
    for c in by_slug.values():
        for form in (c["name"], *c.get("aliases", []), *c.get("brands", [])):
            index[form.casefold()].add(c["slug"])
    expect = {
        "xiaomi": "xiaomi",
        "alibaba": "alibaba",
        "tencent": "tencent",
        "baidu": "baidu",
        "zte": "zte",
        "nubia": "zte",
        "jd.com": "jd",
        "meizu": "meizu",
        "flyme": "meizu",
        "yunos": "alibaba",
        "xiami": "alibaba",
        "wechat": "tencent",
        "facebook": "meta",
        "redmi": "xiaomi",
        "weibo": "weibo",
    }
    wrong = {
        form: sorted(index.get(form, set()))
        for form, slug in expect.items()
        if index.get(form) != {slug}
    }
    assert not wrong, wrong
    assert "HKEX:700" in by_slug["tencent"]["tickers"]
    assert "NASDAQ:BIDU" in by_slug["baidu"]["tickers"]
    assert {"HKEX:763", "SZSE:000063"} <= set(by_slug["zte"]["tickers"])
