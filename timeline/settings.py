"""Settings, built once by an entry point from the environment and an optional TOML file."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import msgspec

__all__ = ["DEFAULT_DATABASE_URL", "Settings", "SettingsError", "load_settings"]

DEFAULT_DATABASE_URL = "sqlite:///./timeline.db"
_PREFIX = "TIMELINE_"


class SettingsError(Exception):
    """A setting is missing, malformed or of the wrong type; the message names it."""


class Settings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    database_url: str = DEFAULT_DATABASE_URL
    # How often SQLite readers look for new events, as SQLite cannot notify them.
    poll_interval: float = 0.2
    # Rebuild a read model whose code changed at start-up, instead of asking for a replay.
    auto_replay: bool = False
    # The API: the bearer token its write and admin endpoints need (unset: they are disabled),
    # whether reads need it too, the largest request body, writes per minute per client
    # (0: no limit), and the origins allowed by CORS (none: CORS is off).
    api_token: str | None = None
    api_private_reads: bool = False
    api_max_body_bytes: Annotated[int, msgspec.Meta(ge=1)] = 1_048_576
    api_write_rate: Annotated[int, msgspec.Meta(ge=0)] = 60
    api_cors_origins: tuple[str, ...] = ()
    # Memory for answers to repeated reads, reused while the data stays as it was (0: none;
    # unset: 64 on SQLite, none on PostgreSQL, see timeline.api._cache).
    api_cache_mb: Annotated[int, msgspec.Meta(ge=0)] | None = None
    # PostgreSQL connections each process keeps open, and how many more it may open at a peak.
    db_pool_size: Annotated[int, msgspec.Meta(ge=1)] = 5
    db_max_overflow: Annotated[int, msgspec.Meta(ge=0)] = 10
    # A replica: reads only, e.g. from a PostgreSQL read replica that the primary's processes
    # keep current; it never migrates, loads seeds, projects, schedules or writes.
    read_only: bool = False
    # Sources of articles as `[[sources]]` tables of the TOML file, checked by timeline.jobs.
    sources: tuple[dict[str, Any], ...] = ()


def load_settings(
    environ: Mapping[str, str] | None = None, config_file: str | Path | None = None
) -> Settings:
    """Defaults, overridden by the TOML file, overridden by TIMELINE_* variables.

    The file is `config_file`, else the one named by TIMELINE_CONFIG, else none.
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = config_file or env.get(f"{_PREFIX}CONFIG")
    if path:
        values.update(_read_toml(Path(path)))
    fields = {f.name: f for f in msgspec.structs.fields(Settings)}
    for name in fields:
        raw = env.get(_PREFIX + name.upper())
        if raw is not None:
            # A list in a variable is written with commas: "https://a.example,https://b.example".
            listed = isinstance(fields[name].default, tuple)
            values[name] = [v.strip() for v in raw.split(",") if v.strip()] if listed else raw
    try:
        return msgspec.convert(values, Settings, strict=False)
    except msgspec.ValidationError as error:
        raise SettingsError(_explain(str(error))) from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SettingsError(f"{_PREFIX}CONFIG: cannot read {path}: {error.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsError(f"{_PREFIX}CONFIG: {path} is not valid TOML: {error}") from None
    # Settings may sit at the top level or under a [timeline] table.
    section = data.get("timeline", data)
    if not isinstance(section, dict):
        raise SettingsError(f"{_PREFIX}CONFIG: [timeline] in {path} must be a table")
    return section


def _explain(message: str) -> str:
    """Turn msgspec's `... - at `$.database_url`` into a message naming the variable."""
    if "`$." in message:
        text, _, where = message.rpartition(" - at `$.")
        name = where.rstrip("`").split(".")[0].split("[")[0]
        return f"{_PREFIX}{name.upper()}: {text}"
    if "unknown field" in message:
        name = message.split("`")[1] if "`" in message else message
        return f"{_PREFIX}CONFIG: unknown setting {name!r}"
    return message
