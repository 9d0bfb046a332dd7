"""Known companies, people and media outlets, and where a text names them."""

from timeline.extraction.gazetteer._gazetteer import Gazetteer
from timeline.extraction.gazetteer._load import GazetteerError
from timeline.extraction.gazetteer._model import (
    Company,
    Exchange,
    Mention,
    MentionKind,
    Outlet,
    Person,
    PublicFigure,
    Via,
)

__all__ = [
    "Company",
    "Exchange",
    "Gazetteer",
    "GazetteerError",
    "Mention",
    "MentionKind",
    "Outlet",
    "Person",
    "PublicFigure",
    "Via",
]
