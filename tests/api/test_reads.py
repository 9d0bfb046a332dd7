"""The read endpoints end to end over the seed articles."""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree as ET

from litestar import Litestar
from litestar.testing import TestClient

Client = TestClient[Litestar]


def timeline(client: Client, company: str, **params: object) -> list[dict[str, object]]:
    answer = client.get(f"/companies/{company}/timeline", params=params)  # type: ignore[arg-type]
    assert answer.status_code == 200, answer.text
    events: list[dict[str, object]] = answer.json()["events"]
    return events


def summary(events: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [
        (e["type"], e["deal_kind"], tuple(c["slug"] for c in e["counterparties"]))  # type: ignore[attr-defined]
        for e in events
    ]


def test_xiaomi_timeline_in_order(client: Client) -> None:
    events = timeline(client, "xiaomi")
    assert summary(events) == [
        ("rumor", "investment", ("tencent",)),
        ("denial", "investment", ("tencent",)),
        ("rumor", "partnership", ("alibaba",)),
        ("denial", "partnership", ("alibaba",)),
        ("rumor", "investment", ("alibaba",)),
        ("rumor", "acquisition", ("alibaba",)),
    ]
    assert [e["date"] for e in events] == ["2014-04"] * 4 + ["2014-12"] * 2
    assert all(e["date_precision"] == "month" and e["current"] for e in events)
    first = events[0]["evidence"][0]  # type: ignore[index]
    assert "Tencent" in first["text"] and first["end"] > first["start"]
    assert events[4]["sources"] == ["Bloomberg"]


def test_alibaba_and_zte_timelines(client: Client) -> None:
    alibaba = summary(timeline(client, "alibaba"))
    assert ("rumor", "investment", ("xiaomi",)) in alibaba
    assert ("rumor", "acquisition", ("xiaomi",)) in alibaba
    assert ("denial", "partnership", ("xiaomi",)) in alibaba
    zte = timeline(client, "zte")
    assert [e["type"] for e in zte] == ["endorsement", "partnership"]
    assert zte[0]["people"][0]["name"] == "Peng Liyuan"  # type: ignore[index]


def test_names_aliases_and_tickers_resolve(client: Client) -> None:
    assert timeline(client, "Xiaomi") == timeline(client, "xiaomi")
    answer = client.get("/companies/HKEx: 700/timeline")
    assert answer.status_code == 200
    assert answer.json()["company"] == "tencent"


def test_timeline_filters(client: Client) -> None:
    assert [e["type"] for e in timeline(client, "xiaomi", type="denial")] == ["denial"] * 2
    kinds = timeline(client, "xiaomi", deal_kind=["acquisition", "partnership"])
    assert {e["deal_kind"] for e in kinds} == {"acquisition", "partnership"}
    with_tencent = timeline(client, "xiaomi", counterparty="Tencent")
    assert summary(with_tencent) == [
        ("rumor", "investment", ("tencent",)),
        ("denial", "investment", ("tencent",)),
    ]
    assert len(timeline(client, "xiaomi", **{"from": "2014-12"})) == 2
    assert len(timeline(client, "xiaomi", to="2014-04")) == 4
    assert len(timeline(client, "xiaomi", **{"from": "2015"})) == 0


def test_timeline_as_of_a_position(client: Client) -> None:
    assert len(timeline(client, "xiaomi", as_of_position=7)) == 4
    assert timeline(client, "xiaomi", as_of_position=0) == []
    answer = client.get("/companies/xiaomi/timeline", params={"as_of": "2000-01-01T00:00:00Z"})
    assert answer.json()["events"] == [] and answer.json()["as_of_position"] == 0
    now = client.get("/companies/xiaomi/timeline", params={"as_of": "2100-01-01T00:00:00"})
    assert len(now.json()["events"]) == 6


def test_timeline_pages_with_a_cursor(client: Client) -> None:
    seen: list[object] = []
    cursor = None
    while True:
        params: dict[str, object] = {"limit": 4}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/companies/xiaomi/timeline", params=params).json()  # type: ignore[arg-type]
        seen += [e["event_id"] for e in page["events"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [e["event_id"] for e in timeline(client, "xiaomi")]


def test_timeline_as_csv_ics_and_atom(client: Client) -> None:
    answer = client.get("/companies/xiaomi/timeline", params={"format": "csv"})
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["type"] for r in rows][:2] == ["rumor", "denial"] and len(rows) == 6
    assert rows[0]["counterparties"] == "Tencent"
    ics = client.get("/companies/xiaomi/timeline", params={"format": "ics"})
    assert ics.headers["content-type"].startswith("text/calendar")
    assert ics.text.startswith("BEGIN:VCALENDAR\r\n") and ics.text.count("BEGIN:VEVENT") == 6
    assert "DTSTART;VALUE=DATE:20140401" in ics.text and "DTEND;VALUE=DATE:20140501" in ics.text
    assert all(len(line.encode()) <= 75 for line in ics.text.split("\r\n"))
    atom = client.get("/companies/xiaomi/timeline.atom")
    assert atom.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(atom.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 6
    newest = entries[0].findtext("a:title", namespaces=ns)
    assert newest == "2014-12 rumor: acquisition with Alibaba"


def test_company_search_and_pages(client: Client) -> None:
    found = client.get("/companies", params={"q": "ali"}).json()
    assert [c["slug"] for c in found["companies"]] == ["alibaba"]
    assert found["companies"][0]["counts"]["rumors"] >= 2
    by_ticker = client.get("/companies", params={"q": "HKEx: 763"}).json()
    assert [c["slug"] for c in by_ticker["companies"]] == ["zte"]
    slugs, cursor = [], None
    while True:
        params: dict[str, object] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/companies", params=params).json()  # type: ignore[arg-type]
        slugs += [c["slug"] for c in page["companies"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert slugs == sorted(slugs) and {"xiaomi", "alibaba", "tencent", "zte"} <= set(slugs)


def test_company_with_its_deals(client: Client) -> None:
    xiaomi = client.get("/companies/xiaomi").json()
    assert xiaomi["name"] == "Xiaomi"
    assert xiaomi["counts"] == {"rumors": 4, "denials": 2, "partnerships": 0, "endorsements": 0}
    statuses = {
        (d["deal_kind"], tuple(c["slug"] for c in d["companies"])): d["status"]
        for d in xiaomi["deals"]
    }
    assert statuses[("investment", ("tencent", "xiaomi"))] == "denied"
    assert statuses[("partnership", ("alibaba", "xiaomi"))] == "denied"
    assert statuses[("acquisition", ("alibaba", "xiaomi"))] == "rumored"
    deal = xiaomi["deals"][0]
    assert client.get(f"/deals/{deal['deal_id']}").json() == deal
    denied = client.get("/deals", params={"company": "xiaomi", "status": "denied"}).json()
    assert {d["status"] for d in denied["deals"]} == {"denied"} and len(denied["deals"]) == 2
    kinds = client.get("/deals", params={"kind": "endorsement"}).json()["deals"]
    assert kinds and {d["deal_kind"] for d in kinds} == {"endorsement"}


def test_events_in_order_and_by_type(client: Client) -> None:
    page = client.get("/events", params={"limit": 3}).json()
    assert [e["position"] for e in page["events"]] == [1, 2, 3]
    assert page["events"][0]["type"] == "ArticleIngested" and page["next_after"] == 3
    rest = client.get("/events", params={"after": 3, "limit": 100}).json()
    assert rest["events"][0]["position"] == 4 and rest["next_after"] == rest["head"] == 11
    rumors = client.get("/events", params={"type": "RumorReported"}).json()["events"]
    assert rumors and {e["type"] for e in rumors} == {"RumorReported"}
    assert "companies" in rumors[0]["data"]


def test_article_with_events_and_offsets(client: Client) -> None:
    first = client.get("/events", params={"limit": 1}).json()["events"][0]
    article_id = first["data"]["article_id"]
    article = client.get(f"/articles/{article_id}").json()
    assert article["title"].startswith("Weibo: Xiaomi Kills Tie-Up Talk")
    assert article["published"] == "2014-04" and article["published_precision"] == "month"
    assert len(article["events"]) == 6
    for event in article["events"]:
        for evidence in event["evidence"]:
            assert article["text"][evidence["start"] : evidence["end"]] == evidence["text"]


def test_event_stream_resumes_after_last_event_id(client: Client) -> None:
    answer = client.get("/events/stream", params={"limit": 3})
    assert answer.headers["content-type"].startswith("text/event-stream")
    ids = [line[4:] for line in answer.text.splitlines() if line.startswith("id: ")]
    assert ids == ["1", "2", "3"]
    resumed = client.get("/events/stream", params={"limit": 2}, headers={"Last-Event-ID": "9"})
    ids = [line[4:] for line in resumed.text.splitlines() if line.startswith("id: ")]
    assert ids == ["10", "11"]
    assert "event: RumorReported" in resumed.text


def test_date_filters_at_their_edges(client: Client) -> None:
    for bad in ("", "unknown", "0", "2014-13"):
        answer = client.get("/companies/xiaomi/timeline", params={"to": bad})
        assert answer.status_code == 400, (bad, answer.text)
        assert answer.json()["invalid_params"][0]["name"] == "to"
    assert len(timeline(client, "xiaomi", **{"from": "2014", "to": "9999-12"})) == 6
    assert len(timeline(client, "xiaomi", to="2014-04")) == 4  # the April rumors and denials
