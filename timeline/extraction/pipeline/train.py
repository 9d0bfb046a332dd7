"""Train the decision model on labelled articles: `python -m timeline.extraction.pipeline.train`."""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec

from timeline.extraction.evaluation import evaluate, event_line
from timeline.extraction.evaluation._aliases import read_aliases
from timeline.extraction.evaluation._gold import GoldEvent, read_gold
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import Article, Rejected, load_folder
from timeline.extraction.pipeline._extractor import PipelineExtractor
from timeline.extraction.pipeline._features import Featurizer
from timeline.extraction.pipeline._labels import Example, label_candidates
from timeline.extraction.pipeline._model import TYPES, DecisionModel, KindModel, TypeModel

__all__ = ["Corpus", "collect", "fit", "main", "score"]

_ROOT = Path(__file__).resolve().parents[3]
# Chosen by five-fold cross-validation on the shared corpus and the real train split:
# F1 is flat from 0.1 to 0.3, and precision rises with it.
_THRESHOLD = 0.2
_POSITIVE_WEIGHT = 2.0
_PLACEHOLDER = DecisionModel(
    version="untrained",
    types={t: TypeModel(bias=-10.0, threshold=0.5, weights={}) for t in TYPES},
    kinds=KindModel(kinds=["partnership"], bias=[0.0], weights={}),
)


class Corpus(msgspec.Struct):
    """Labelled articles: their gold, their candidates' examples, by article file name."""

    name: str
    articles: dict[str, Article]
    gold: list[GoldEvent]
    examples: dict[str, list[Example]]
    aliases: dict[str, tuple[str, ...]]


def _read_set(spec: str) -> tuple[str, Path, Path, dict[str, tuple[str, ...]]]:
    name, gold, folder, *rest = spec.split(":")
    aliases = read_aliases(rest[0]) if rest and rest[0] else {}
    return name, Path(gold), Path(folder), aliases


def collect(spec: str, gazetteer: Gazetteer, only: set[str] | None = None) -> Corpus:
    """Load `NAME:GOLD:ARTICLES[:ALIASES]` and label every candidate of its articles."""
    name, gold_path, folder, aliases = _read_set(spec)
    gold = [g for g in read_gold(gold_path) if only is None or g.article in only]
    articles = {
        r.path.name: r.article
        for r in load_folder(folder)
        if not isinstance(r, Rejected) and (only is None or r.path.name in only)
    }
    extractor = PipelineExtractor(gazetteer, _PLACEHOLDER)
    examples = {}
    for file, article in articles.items():
        doc = extractor.document(article)
        featurizer = Featurizer(doc, doc.scan)
        feats = [featurizer.features(c) for c in doc.candidates]
        mine = [g for g in gold if g.article == file]
        examples[file] = label_candidates(doc, mine, gazetteer, aliases, feats)
    return Corpus(name, articles, gold, examples, aliases)


def fit(examples: Sequence[Example], c: float = 0.2, version: str = "") -> DecisionModel:
    """A logistic regression per type and one over deal kinds (scikit-learn, at training)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    types: dict[str, TypeModel] = {}
    for type_name in TYPES:
        person = type_name == "endorsement"
        rows = [e for e in examples if e.person == person and type_name not in e.unknown]
        labels = [int(type_name in e.types) for e in rows]
        sample = [e.weight for e in rows]
        if sum(labels) < 2:
            types[type_name] = TypeModel(bias=-10.0, threshold=0.5, weights={})
            continue
        vectorizer = DictVectorizer()
        x = vectorizer.fit_transform([dict.fromkeys(e.features, 1) for e in rows])
        model = LogisticRegression(C=c, max_iter=2000, class_weight={0: 1.0, 1: _POSITIVE_WEIGHT})
        model.fit(x, labels, sample_weight=sample)
        names = vectorizer.get_feature_names_out()
        weights = {
            str(n): round(float(w), 4)
            for n, w in zip(names, model.coef_[0], strict=True)
            if abs(w) >= 0.005
        }
        types[type_name] = TypeModel(
            bias=round(float(model.intercept_[0]), 4), threshold=_THRESHOLD, weights=weights
        )
    kinds = _fit_kinds([e for e in examples if not e.person and e.kind], c)
    return DecisionModel(version=version or "trained", types=types, kinds=kinds)


def _fit_kinds(rows: Sequence[Example], c: float) -> KindModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(e.features, 1) for e in rows])
    labels = [e.kind for e in rows]
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, labels, sample_weight=[e.weight for e in rows])
    names = vectorizer.get_feature_names_out()
    weights: dict[str, list[float]] = {}
    for j, n in enumerate(names):
        row = [round(float(model.coef_[k][j]), 4) for k in range(len(model.classes_))]
        if max(abs(w) for w in row) >= 0.005:
            weights[str(n)] = row
    return KindModel(
        kinds=[str(k) for k in model.classes_],
        bias=[round(float(b), 4) for b in model.intercept_],
        weights=weights,
    )


def score(
    model: DecisionModel, corpus: Corpus, gazetteer: Gazetteer, files: set[str] | None = None
) -> Any:
    """The evaluation report of `model` on the corpus's articles (or those in `files`)."""
    extractor = PipelineExtractor(gazetteer, model)
    chosen = {f: a for f, a in corpus.articles.items() if files is None or f in files}
    predicted = [event_line(f, e) for f, a in chosen.items() for e in extractor.extract(a)]
    gold = [g for g in corpus.gold if g.article in chosen]
    return evaluate(
        gold,
        predicted,
        gazetteer,
        articles=len(chosen),
        extractor_version="cv",
        aliases=corpus.aliases,
    )


def _cross_validate(corpora: list[Corpus], gazetteer: Gazetteer, c: float, folds: int) -> None:
    for held in corpora:
        files = sorted(held.examples)
        random.Random(7).shuffle(files)
        predicted_all: list[Any] = []
        for k in range(folds):
            test = set(files[k::folds])
            train = [
                e
                for corpus in corpora
                for f, rows in corpus.examples.items()
                if corpus is not held or f not in test
                for e in rows
            ]
            model = fit(train, c)
            extractor = PipelineExtractor(gazetteer, model)
            predicted_all += [
                event_line(f, e) for f in test for e in extractor.extract(held.articles[f])
            ]
        report = evaluate(
            held.gold,
            predicted_all,
            gazetteer,
            articles=len(files),
            extractor_version="cv",
            aliases=held.aliases,
        )
        _print(f"cv {held.name}", report)


def _print(label: str, report: Any) -> None:
    line = " ".join(f"{t}={v.f1:.2f}" for t, v in report.lenient.per_type.items())
    o, s = report.lenient.overall, report.strict.overall
    print(
        f"{label}: lenient P {o.precision:.3f} R {o.recall:.3f} F1 {o.f1:.3f}; "
        f"strict F1 {s.f1:.3f}; {line}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m timeline.extraction.pipeline.train")
    parser.add_argument("--set", action="append", default=[], metavar="NAME:GOLD:DIR[:ALIASES]")
    parser.add_argument("--c", type=float, default=0.2)
    parser.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="NAME=W",
        help="weight of a set's examples (the seeds, which the demo shows, must come out right)",
    )
    parser.add_argument("--cv", type=int, default=0, help="folds of cross-validation to print")
    parser.add_argument("--out", type=Path, help="where to write the model")
    args = parser.parse_args(argv)
    gazetteer = Gazetteer.load()
    corpora = [collect(spec, gazetteer) for spec in args.set]
    if args.cv:
        _cross_validate(corpora, gazetteer, args.c, args.cv)
    weights = dict(w.split("=") for w in args.weight)
    examples = [
        msgspec.structs.replace(e, weight=float(weights.get(corpus.name, 1.0)))
        for corpus in corpora
        for rows in corpus.examples.values()
        for e in rows
    ]
    model = fit(examples, args.c)
    # The version names what the model holds, so that any retraining that changes a weight
    # changes the version stamped on the events it finds.
    digest = hashlib.sha256(msgspec.json.encode(model)).hexdigest()[:10]
    model = msgspec.structs.replace(model, version=f"lr-{digest}")
    model = msgspec.structs.replace(model, trained_on=[c.name for c in corpora])
    for corpus in corpora:
        _print(f"train {corpus.name}", score(model, corpus, gazetteer))
    if args.out:
        model.dump(args.out)
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
