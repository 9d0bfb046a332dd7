"""Load every article in a folder, with metadata from an optional articles.json sidecar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from timeline.extraction.loading._article import Article, Metadata
from timeline.extraction.loading._decode import DEFAULT_MAX_BYTES, decode
from timeline.extraction.loading._errors import ArticleRejected
from timeline.extraction.loading._load import EXTENSIONS, load_file
from timeline.extraction.loading._parsed import metadata

__all__ = ["SIDECAR", "Loaded", "Rejected", "load_folder"]

SIDECAR = "articles.json"


class Loaded(msgspec.Struct, frozen=True):
    path: Path
    article: Article


class Rejected(msgspec.Struct, frozen=True):
    """A file (or the sidecar) that gave no article, and why, for the caller to report."""

    path: Path
    reason: str


class _Entry(msgspec.Struct, frozen=True, kw_only=True):
    file: str
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    published_precision: str | None = None
    language: str | None = None


class _Sidecar(msgspec.Struct, kw_only=True):
    # Metadata per file name, or why that file's entry is unusable.
    entries: dict[str, Metadata | str] = msgspec.field(default_factory=dict)
    problems: list[str] = msgspec.field(default_factory=list)
    fatal: str | None = None


def load_folder(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Loaded | Rejected]:
    """One result per article file (.txt .md .markdown .html .htm .json), sorted by name.

    Hidden files and the articles.json sidecar itself are not articles. A sidecar entry's
    fields win over what its file says. Problems with the sidecar come first, as Rejected
    for the sidecar. A file the sidecar lists but the folder lacks is a Rejected; so is every
    file when the sidecar cannot be read at all, since loading them without their metadata
    would give them other ids.
    """
    folder = Path(path)
    if not folder.is_dir():
        yield Rejected(folder, "not a folder")
        return
    sidecar = _read_sidecar(folder / SIDECAR, max_bytes)
    for problem in sidecar.problems:
        yield Rejected(folder / SIDECAR, problem)
    if sidecar.fatal is not None:
        yield Rejected(folder / SIDECAR, sidecar.fatal)
    try:
        names = {p.name for p in folder.iterdir() if _is_article(p)}
    except OSError as error:
        yield Rejected(folder, f"cannot list the folder: {error.strerror or error}")
        return
    for name in sorted(names | set(sidecar.entries)):
        file = folder / name
        entry = sidecar.entries.get(name)
        if sidecar.fatal is not None:
            yield Rejected(file, f"not loaded because {SIDECAR} is invalid")
        elif isinstance(entry, str):
            yield Rejected(file, entry)
        elif name not in names and not file.is_file():
            yield Rejected(file, f"listed in {SIDECAR} but there is no such file")
        else:
            try:
                yield Loaded(file, load_file(file, metadata=entry, max_bytes=max_bytes))
            except ArticleRejected as error:
                yield Rejected(file, error.reason)


def _is_article(path: Path) -> bool:
    return (
        not path.name.startswith(".")
        and path.name != SIDECAR
        and path.suffix.lower() in EXTENSIONS
        and path.is_file()
    )


def _read_sidecar(path: Path, max_bytes: int) -> _Sidecar:
    if not path.exists():
        return _Sidecar()
    try:
        raw = msgspec.json.decode(
            decode(path.read_bytes(), max_bytes=max_bytes), type=list[dict[str, Any]]
        )
    except OSError as error:
        return _Sidecar(fatal=f"cannot read: {error.strerror or error}")
    except ArticleRejected as error:
        return _Sidecar(fatal=error.reason)
    except msgspec.DecodeError as error:
        return _Sidecar(fatal=f"not a JSON list of objects: {error}")
    sidecar = _Sidecar()
    for index, fields in enumerate(raw):
        name = fields.get("file")
        if not isinstance(name, str) or not name or Path(name).name != name:
            sidecar.problems.append(f'entry {index}: "file" must name a file in the folder')
            continue
        if name in sidecar.entries:
            sidecar.entries[name] = f"listed more than once in {SIDECAR}"
            continue
        try:
            entry = msgspec.convert(fields, _Entry)
            sidecar.entries[name] = metadata(
                title=entry.title,
                url=entry.url,
                publisher=entry.publisher,
                published=entry.published,
                published_precision=entry.published_precision,
                language=entry.language,
                where=f"{SIDECAR} entry",
            )
        except msgspec.ValidationError as error:
            sidecar.entries[name] = f"{SIDECAR} entry is invalid: {error}"
        except ArticleRejected as error:
            sidecar.entries[name] = error.reason
    return sidecar
