"""Encode events to the stored JSON and back, upcasting old schema versions on read."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import msgspec

from timeline.domain.events import EVENT_TYPES, DomainEvent, Event, type_name
from timeline.store._types import Metadata, NewEvent

__all__ = ["Codec", "UnknownEventType", "Upcaster", "default_upcasters"]

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


class UnknownEventType(ValueError):
    pass


def _article_ingested_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v1 kept `published` as a bare ISO string; v2 keeps its precision beside it."""
    published = data.get("published")
    if isinstance(published, str) and published:
        parts = published[:10].split("-")
        precision = ("year", "month", "day")[min(len(parts), 3) - 1]
        while len(parts) < 3:
            parts.append("01")
        data["published"] = ["-".join(parts), precision]
    else:
        data.pop("published", None)
    return data


def default_upcasters() -> dict[tuple[str, int], Upcaster]:
    """Every upcaster the code knows, keyed by (type, version it upgrades from)."""
    return {("ArticleIngested", 1): _article_ingested_v1_to_v2}


class Codec:
    """Turns events into (type, schema_version, JSON) and back."""

    def __init__(
        self,
        types: Mapping[str, type[Event]] = EVENT_TYPES,
        upcasters: Mapping[tuple[str, int], Upcaster] | None = None,
    ) -> None:
        self._types = dict(types)
        self._versions = {name: cls.schema_version for name, cls in self._types.items()}
        self._upcasters = dict(default_upcasters() if upcasters is None else upcasters)
        self._encoder = msgspec.json.Encoder()
        self._kinds: dict[type[Event], tuple[str, int]] = {}
        self._decoder: msgspec.json.Decoder[DomainEvent] = msgspec.json.Decoder(DomainEvent)
        self._meta_decoder = msgspec.json.Decoder(Metadata)

    @property
    def encoder(self) -> msgspec.json.Encoder:
        return self._encoder

    def type_name(self, event: Event) -> str:
        return type_name(type(event))

    def version_of(self, type_name: str) -> int:
        try:
            return self._versions[type_name]
        except KeyError:
            raise UnknownEventType(f"unknown event type {type_name!r}") from None

    def versions(self) -> dict[str, int]:
        """The schema version this code writes, by event type."""
        return dict(self._versions)

    def is_current(self, type_name: str, schema_version: int) -> bool:
        return self._versions.get(type_name) == schema_version

    def encode(self, event: Event) -> bytes:
        return self._encoder.encode(event)

    def encode_metadata(self, metadata: Metadata) -> bytes:
        return self._encoder.encode(metadata)

    def encode_rows(self, events: Sequence[NewEvent]) -> list[tuple[str, int, str, str]]:
        """(type, schema_version, data, metadata) for each event, as the log stores them.

        JSON goes to the databases as str: both take text for their JSON columns.
        """
        encode = self._encoder.encode
        kinds = self._kinds
        rows = []
        last_meta: Metadata | None = None
        meta_json = ""
        for new in events:
            kind = kinds.get(type(new.event))
            if kind is None:
                cls = type(new.event)
                kind = kinds[cls] = (self.type_name(new.event), cls.schema_version)
            # A batch usually shares one metadata object; encode it once.
            if new.metadata is not last_meta:
                last_meta, meta_json = new.metadata, encode(new.metadata).decode()
            rows.append((kind[0], kind[1], encode(new.event).decode(), meta_json))
        return rows

    def decode(self, type_name: str, schema_version: int, data: str | bytes) -> DomainEvent:
        if self._versions.get(type_name) == schema_version:
            return self._decoder.decode(data)
        return self.upcast(type_name, schema_version, msgspec.json.decode(data))

    def upcast(self, type_name: str, schema_version: int, data: dict[str, Any]) -> DomainEvent:
        current = self.version_of(type_name)
        if schema_version > current:
            raise UnknownEventType(
                f"{type_name} v{schema_version} is newer than this code (v{current}): upgrade"
            )
        for version in range(schema_version, current):
            step = self._upcasters.get((type_name, version))
            if step is None:
                raise UnknownEventType(f"no upcaster for {type_name} v{version}")
            data = step(data)
        data["type"] = type_name
        event: DomainEvent = msgspec.convert(data, DomainEvent)
        return event

    def decode_metadata(self, data: str | bytes) -> Metadata:
        return self._meta_decoder.decode(data)
