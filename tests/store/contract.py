"""The event store contract: one suite, run unchanged against every backend."""

from __future__ import annotations

import abc
import datetime as dt
import threading
import time
import uuid
from collections.abc import Callable

import msgspec
import pytest

from timeline.domain.dates import FuzzyDate, Precision
from timeline.domain.events import (
    ArticleIngested,
    CompanyRef,
    CompanyRole,
    DealKind,
    Evidence,
    RumorReported,
)
from timeline.store import (
    DuplicateEventError,
    EventStore,
    Metadata,
    NewEvent,
    StoredRow,
    StreamState,
    WrongExpectedVersion,
)


def article(n: int = 0, text: str = "Tencent plans to invest in Xiaomi.") -> NewEvent:
    return NewEvent(
        event=ArticleIngested(
            article_id=f"a{n:04d}",
            url=f"https://news.example/{n}",
            title=f"Article {n}",
            text=text,
            published=FuzzyDate.parse("2014-04"),
            content_hash=f"h{n}",
        ),
        metadata=Metadata(actor="test"),
    )


def rumor(n: int = 0) -> NewEvent:
    return NewEvent(
        event=RumorReported(
            article_id=f"a{n:04d}",
            deal_kind=DealKind.INVESTMENT,
            companies=(
                CompanyRef(slug="tencent", name="Tencent", role=CompanyRole.ACTOR),
                CompanyRef(slug="xiaomi", name="Xiaomi", role=CompanyRole.TARGET),
            ),
            sources=("Bloomberg",),
            evidence=(Evidence(text="Tencent plans to invest in Xiaomi.", start=0, end=34),),
            confidence=0.8,
            rules=("rumor.plan",),
            extractor_version="test",
        ),
        metadata=Metadata(causation_id=uuid.uuid4(), extractor_version="test"),
    )


class EventStoreContract(abc.ABC):
    """Subclasses give a fresh store and two backend-specific powers."""

    @abc.abstractmethod
    def make_store(self) -> EventStore:
        """A store on an empty log; the same log on every call within one test."""

    @abc.abstractmethod
    def make_slow_store(self, delay: float) -> EventStore:
        """A store on the same log whose appends hold their transaction open for `delay`."""

    @abc.abstractmethod
    def insert_raw(self, store: EventStore, row: StoredRow) -> None:
        """Write a row as older code would have, bypassing the codec."""

    # -- appending and reading -------------------------------------------------------------

    def test_append_to_new_stream_and_read_back(self) -> None:
        store = self.make_store()
        batch = [article(1), rumor(1), rumor(2)]
        result = store.append("article-a1", batch, StreamState.NO_STREAM)
        assert result.positions == (1, 2, 3)
        assert result.stream_version == 3
        assert not result.duplicate
        read = store.read_stream("article-a1")
        assert [r.event for r in read] == [e.event for e in batch]
        assert [r.event_id for r in read] == [e.event_id for e in batch]
        assert [r.metadata for r in read] == [e.metadata for e in batch]
        assert [r.stream_version for r in read] == [1, 2, 3]
        assert read[0].recorded_at.tzinfo is not None
        assert store.head() == 3
        assert store.stream_version("article-a1") == 3
        assert store.stream_version("article-none") is None

    def test_exact_expected_version_appends(self) -> None:
        store = self.make_store()
        store.append("s", [article(1)], StreamState.NO_STREAM)
        result = store.append("s", [rumor(1), rumor(2)], 1)
        assert result.positions == (2, 3)
        assert result.stream_version == 3
        assert store.append("s", [rumor(3)], StreamState.ANY).stream_version == 4

    def test_occurred_at_is_kept(self) -> None:
        store = self.make_store()
        when = dt.datetime(2014, 4, 9, 12, 30, tzinfo=dt.UTC)
        new = msgspec.structs.replace(article(1), occurred_at=when)
        store.append("s", [new], StreamState.ANY)
        assert store.read_all()[0].occurred_at == when

    @pytest.mark.parametrize(
        ("expected", "existing"),
        [(StreamState.NO_STREAM, True), (2, True), (5, True), (1, False)],
    )
    def test_wrong_expected_version_raises_and_writes_nothing(
        self, expected: int | StreamState, existing: bool
    ) -> None:
        store = self.make_store()
        if existing:
            store.append("s", [article(1)], StreamState.NO_STREAM)
        head = store.head()
        with pytest.raises(WrongExpectedVersion) as info:
            store.append("s", [rumor(1), rumor(2)], expected)
        assert "'s'" in str(info.value)
        assert store.head() == head
        assert len(store.read_all()) == head

    def test_expected_version_checked_for_an_empty_batch(self) -> None:
        store = self.make_store()
        store.append("s", [article(1)], StreamState.NO_STREAM)
        with pytest.raises(WrongExpectedVersion):
            store.append("s", [], StreamState.NO_STREAM)
        assert store.append("s", [], 1).positions == ()

    def test_read_all_pages_and_filters_by_type(self) -> None:
        store = self.make_store()
        for n in range(5):
            store.append(f"article-{n}", [article(n), rumor(n)], StreamState.NO_STREAM)
        everything = store.read_all(0, 100)
        assert [r.position for r in everything] == list(range(1, 11))
        page = store.read_all(after_position=3, limit=4)
        assert [r.position for r in page] == [4, 5, 6, 7]
        rumors = store.read_all(0, 100, types={"RumorReported"})
        assert [r.position for r in rumors] == [2, 4, 6, 8, 10]
        assert all(r.type == "RumorReported" for r in rumors)
        assert store.read_all(0, 100, types=()) == []
        assert store.read_all(10, 100) == []

    def test_read_stream_from_version(self) -> None:
        store = self.make_store()
        store.append("s", [article(1), rumor(1), rumor(2)], StreamState.NO_STREAM)
        store.append("t", [article(2)], StreamState.NO_STREAM)
        assert [r.stream_version for r in store.read_stream("s", 2)] == [2, 3]
        assert store.read_stream("missing") == []

    def test_find_event_by_id(self) -> None:
        store = self.make_store()
        batch = [article(1), rumor(1)]
        store.append("s", batch, StreamState.NO_STREAM)
        found = store.find_event(batch[1].event_id)
        assert found is not None
        assert found.position == 2
        assert found.event == batch[1].event
        assert store.find_event(uuid.uuid4()) is None

    # -- idempotency -----------------------------------------------------------------------

    def test_reappending_the_same_events_is_a_no_op(self) -> None:
        store = self.make_store()
        batch = [article(1), rumor(1)]
        first = store.append("s", batch, StreamState.NO_STREAM)
        again = store.append("s", batch, StreamState.NO_STREAM)
        assert again.duplicate
        assert again.positions == first.positions
        assert store.head() == 2
        assert store.append("s", batch, StreamState.ANY).positions == first.positions

    def test_same_id_with_other_content_is_an_error(self) -> None:
        store = self.make_store()
        original = article(1)
        store.append("s", [original], StreamState.NO_STREAM)
        changed = msgspec.structs.replace(
            original, event=msgspec.structs.replace(original.event, title="Changed")
        )
        with pytest.raises(DuplicateEventError, match="other content"):
            store.append("s", [changed], StreamState.ANY)
        with pytest.raises(DuplicateEventError):
            store.append("other", [original], StreamState.ANY)
        assert store.head() == 1

    def test_partly_stored_batch_is_refused_whole(self) -> None:
        store = self.make_store()
        stored = article(1)
        store.append("s", [stored], StreamState.NO_STREAM)
        with pytest.raises(DuplicateEventError):
            store.append("s", [rumor(1), stored, rumor(2)], StreamState.ANY)
        assert store.head() == 1

    def test_same_id_twice_in_one_batch_is_refused(self) -> None:
        store = self.make_store()
        one = rumor(1)
        with pytest.raises(DuplicateEventError):
            store.append("s", [one, one], StreamState.ANY)
        assert store.head() == 0

    # -- upcasting -------------------------------------------------------------------------

    def test_old_schema_versions_are_upcast_on_read(self) -> None:
        store = self.make_store()
        store.append("s", [article(1)], StreamState.NO_STREAM)
        v1 = {
            "type": "ArticleIngested",
            "article_id": "old",
            "url": None,
            "title": "Old",
            "text": "An article stored by v1 code.",
            "published": "2014-12",
            "content_hash": "x",
        }
        now = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        self.insert_raw(
            store,
            StoredRow(
                position=2,
                stream_id="article-old",
                stream_version=1,
                event_id=uuid.uuid4(),
                type="ArticleIngested",
                schema_version=1,
                data=msgspec.json.encode(v1),
                metadata=b"{}",
                occurred_at=now,
                recorded_at=now,
            ),
        )
        read = store.read_all()
        assert isinstance(read[1].event, ArticleIngested)
        assert read[1].event.published == FuzzyDate.parse("2014-12")
        assert read[1].event.published.precision is Precision.MONTH
        assert read[1].event.title == "Old"
        assert store.read_stream("article-old")[0].event == read[1].event
        assert read[0].event == article(1).event

    # -- concurrency -----------------------------------------------------------------------

    def test_concurrent_appenders_to_one_stream_exactly_one_wins(self) -> None:
        store = self.make_store()
        store.append("s", [article(0)], StreamState.NO_STREAM)
        rounds, writers = 5, 4
        for round_ in range(rounds):
            version = store.stream_version("s")
            assert version is not None
            outcomes: list[str] = []
            batches = [[rumor(round_ * 10 + w)] for w in range(writers)]

            def write(
                batch: list[NewEvent], expected: int = version, outcomes: list[str] = outcomes
            ) -> None:
                try:
                    store.append("s", batch, expected)
                    outcomes.append("won")
                except WrongExpectedVersion:
                    outcomes.append("lost")

            _run_together([lambda b=b: write(b) for b in batches])
            assert sorted(outcomes) == ["lost"] * (writers - 1) + ["won"]
        events = store.read_stream("s")
        assert [r.stream_version for r in events] == list(range(1, rounds + 2))
        assert [r.position for r in store.read_all(0, 1000)] == list(range(1, rounds + 2))

    def test_readers_never_see_a_gap_they_later_fill(self) -> None:
        store = self.make_store()
        slow = self.make_slow_store(delay=0.4)
        writers, per_writer = 4, 5
        seen: list[int] = []
        gaps: list[str] = []
        done = threading.Event()

        def tail() -> None:
            last = 0
            while not done.is_set() or store.head() > last:
                batch = store.read_all(last, 1000)
                for record in batch:
                    if record.position != last + 1:
                        gaps.append(f"saw {record.position} right after {last}")
                    last = record.position
                    seen.append(record.position)
                time.sleep(0.001)

        def write_fast(w: int) -> None:
            time.sleep(0.05)  # let the slow writer take the lock first
            for n in range(per_writer):
                store.append(f"fast-{w}", [rumor(w * 100 + n)], StreamState.ANY)

        reader = threading.Thread(target=tail)
        reader.start()
        try:
            _run_together(
                [lambda: slow.append("slow", [article(9), rumor(999)], StreamState.NO_STREAM)]
                + [lambda w=w: write_fast(w) for w in range(writers)]
            )
        finally:
            done.set()
            reader.join(timeout=30)
        total = 2 + writers * per_writer
        assert gaps == []
        assert seen == list(range(1, total + 1))
        assert [r.position for r in store.read_all(0, 1000)] == seen

    def test_wait_for_events_wakes_on_append(self) -> None:
        store = self.make_store()
        assert store.wait_for_events(0, timeout=0.05) == 0
        store.append("s", [article(1)], StreamState.NO_STREAM)
        assert store.wait_for_events(0, timeout=5) == 1
        timer = threading.Timer(0.2, lambda: store.append("s", [rumor(1)], 1))
        started = time.monotonic()
        timer.start()
        head = store.wait_for_events(1, timeout=10)
        timer.join()
        assert head == 2
        assert time.monotonic() - started < 5


def _run_together(jobs: list[Callable[[], None]]) -> None:
    """Start every job at once and re-raise the first error any of them hit."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(jobs))

    def run(job: Callable[[], None]) -> None:
        try:
            barrier.wait()
            job()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        raise errors[0]
