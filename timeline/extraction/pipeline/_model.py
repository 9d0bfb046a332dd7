"""The decision model's weights: read from the package's data file, applied as sums."""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path

import msgspec

from timeline.extraction.evaluation import DEAL_TYPES

__all__ = ["MODEL_FILE", "TYPES", "DecisionModel", "KindModel", "Scorer", "TypeModel"]

MODEL_FILE = "decision_model.json"


class TypeModel(msgspec.Struct, frozen=True):
    """One event type's logistic regression: bias, weights and the threshold to call it."""

    bias: float
    threshold: float
    weights: dict[str, float]


class KindModel(msgspec.Struct, frozen=True):
    """A multinomial regression over deal kinds: per feature, one weight per kind."""

    kinds: list[str]
    bias: list[float]
    weights: dict[str, list[float]]

    def best(self, features: list[str]) -> str:
        get = self.weights.get
        rows = [row for row in map(get, features) if row is not None]
        # zip(*rows) sums each kind's column in C, not weight by weight in Python.
        totals = [sum(column) for column in zip(self.bias, *rows, strict=True)]
        return self.kinds[max(range(len(totals)), key=totals.__getitem__)]


class DecisionModel(msgspec.Struct, frozen=True):
    """Everything the decision stage learned; `version` names the training run."""

    version: str
    types: dict[str, TypeModel]
    kinds: KindModel
    trained_on: list[str] = []

    @classmethod
    def load(cls, path: Path | None = None) -> DecisionModel:
        if path is None:
            data = (resources.files("timeline.extraction") / "data" / MODEL_FILE).read_bytes()
        else:
            data = path.read_bytes()
        return msgspec.json.decode(data, type=cls)

    def dump(self, path: Path) -> None:
        path.write_bytes(msgspec.json.format(msgspec.json.encode(self), indent=0) + b"\n")


TYPES = DEAL_TYPES  # the order of the scorer's columns


class Scorer:
    """The model laid out for speed: one lookup per feature gives every type's weight."""

    def __init__(self, model: DecisionModel) -> None:
        self.model = model
        self.thresholds = tuple(model.types[t].threshold for t in TYPES)
        self._bias = tuple(model.types[t].bias for t in TYPES)
        table: dict[str, list[float]] = {}
        for i, name in enumerate(TYPES):
            for feature, weight in model.types[name].weights.items():
                table.setdefault(feature, [0.0] * len(TYPES))[i] = weight
        self._table = {f: tuple(w) for f, w in table.items()}

    def scores(self, features: list[str]) -> tuple[float, ...]:
        """The probability of each type (rumor, denial, partnership, endorsement)."""
        rows = [row for row in map(self._table.get, features) if row is not None]
        return tuple(_sigmoid(sum(column)) for column in zip(self._bias, *rows, strict=True))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))
