"""Evaluation on the annotated corpus: annotation records in, scores and confusion matrices out.

The corpus (`data/annotations/*.jsonl`, format in docs/annotation-guide.md) is split by
municipality in `data/annotations/splits.json`; the test municipalities are only scored, never
used for a decision.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from pipeline.classify import LearnedTypeModel, classify_agreements
from pipeline.cues import CueMatcher, CueMatches, parse_helps
from pipeline.models import (
    AGREEMENT_TYPES,
    AgreementType,
    SmartAssessment,
    ThemeLabel,
    TypeLabel,
)
from pipeline.process import Resources, load_resources
from pipeline.smart import assess_smart

TYPES: tuple[str, ...] = AGREEMENT_TYPES
VERDICTS: tuple[str, ...] = ("ja", "deels", "nee")
LETTERS: tuple[str, ...] = ("s", "m", "a", "r", "t")


class AnnotationRecord(BaseModel):
    """One labelled agreement of the corpus."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str
    municipality: str
    year: int
    layout: str
    heading: str
    number: str
    text: str
    contributions: dict[str, str]
    type: AgreementType
    concrete_kind: str
    theme_code: str
    smart_s: bool
    smart_m: bool
    smart_a: bool
    smart_r: bool
    smart_t: bool
    smart: str
    hard_case: bool = False

    @property
    def source_kind(self) -> str:
        """The segment stage's `source_kind` for this layout (target rows are table rows)."""
        return "table_row" if self.layout in ("table_row", "target_row") else self.layout


@dataclass(frozen=True)
class Prediction:
    """What a labeller says about one record."""

    type: TypeLabel
    theme: ThemeLabel
    smart: SmartAssessment


Labeller = Callable[[Sequence[AnnotationRecord]], list[Prediction]]


def load_corpus(folder: Path) -> list[AnnotationRecord]:
    """All annotation records of the corpus files (part_*.jsonl) in a folder."""
    records = []
    for path in sorted(folder.glob("part_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(AnnotationRecord.model_validate_json(line))
    return records


def analyse_records(matcher: CueMatcher, records: Sequence[AnnotationRecord]) -> list[CueMatches]:
    """Cue analysis of corpus records as the pipeline analyses agreements of their layout."""
    return matcher.analyse_many(
        [r.text for r in records], parse=[parse_helps(r.source_kind) for r in records]
    )


def classify_records(
    records: Sequence[AnnotationRecord],
    cues: Sequence[CueMatches],
    learned: LearnedTypeModel | None,
) -> list[tuple[TypeLabel, ThemeLabel]]:
    """Type and theme of corpus records, with their headings and layouts as in the pipeline."""
    return classify_agreements(
        cues,
        [r.heading for r in records],
        learned=learned,
        source_kinds=[r.source_kind for r in records],
    )


def load_splits(folder: Path) -> dict[str, list[str]]:
    """Municipalities per split (train/dev/test)."""
    splits: dict[str, list[str]] = json.loads((folder / "splits.json").read_text("utf-8"))
    return splits


def pipeline_labeller(
    resources: Resources | None = None,
    learned: LearnedTypeModel | None = None,
    use_learned: bool = True,
) -> Labeller:
    """The pipeline's classify and SMART stages as a labeller (rules only without a model)."""
    resources = resources or load_resources()
    if use_learned and learned is None:
        learned = resources.type_model
    model = learned if use_learned else None

    def label(records: Sequence[AnnotationRecord]) -> list[Prediction]:
        cues = analyse_records(resources.cue_matcher, records)
        labels = classify_records(records, cues, model)
        types = [t.type for t, _ in labels]
        letters = resources.smart_probabilities(cues, types) if use_learned else [None] * len(cues)
        return [
            Prediction(type=t, theme=theme, smart=assess_smart(c, t.type, p))
            for c, (t, theme), p in zip(cues, labels, letters, strict=True)
        ]

    return label


@dataclass
class Scores:
    """Scores of one labeller on one set of records."""

    n: int
    type_accuracy: float
    type_macro_f1: float
    type_confusion: dict[str, dict[str, int]]
    concrete_kind_accuracy: float
    theme_accuracy: float
    verdict_accuracy: float
    verdict_confusion: dict[str, dict[str, int]]
    letter_accuracy: dict[str, float] = field(default_factory=dict)


def score(records: Sequence[AnnotationRecord], predictions: Sequence[Prediction]) -> Scores:
    """Compare predictions with the gold labels."""
    gold_types = [r.type for r in records]
    pred_types = [p.type.type for p in predictions]
    concrete = [
        (r, p)
        for r, p in zip(records, predictions, strict=True)
        if r.type == "concreet" and p.type.type == "concreet"
    ]
    letters = {
        letter: _mean(
            getattr(r, f"smart_{letter}") == getattr(p.smart, letter).value
            for r, p in zip(records, predictions, strict=True)
        )
        for letter in LETTERS
    }
    return Scores(
        n=len(records),
        type_accuracy=_mean(g == p for g, p in zip(gold_types, pred_types, strict=True)),
        type_macro_f1=macro_f1(gold_types, pred_types, TYPES),
        type_confusion=confusion(gold_types, pred_types, TYPES),
        concrete_kind_accuracy=_mean(r.concrete_kind == p.type.concrete_kind for r, p in concrete),
        theme_accuracy=_mean(
            r.theme_code == p.theme.theme_code for r, p in zip(records, predictions, strict=True)
        ),
        verdict_accuracy=_mean(
            r.smart == p.smart.verdict for r, p in zip(records, predictions, strict=True)
        ),
        verdict_confusion=confusion(
            [r.smart for r in records], [p.smart.verdict for p in predictions], VERDICTS
        ),
        letter_accuracy=letters,
    )


def macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> float:
    """Unweighted mean of per-label F1."""
    f1s = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(f1s) / len(f1s)


def confusion(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> dict[str, dict[str, int]]:
    """Counts gold label -> predicted label."""
    counts = Counter(zip(gold, predicted, strict=True))
    return {g: {p: counts[(g, p)] for p in labels} for g in labels}


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float:
    """Agreement of two annotators beyond chance."""
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    a_counts, b_counts = Counter(first), Counter(second)
    expected = sum(a_counts[k] * b_counts[k] for k in set(first) | set(second)) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def format_scores(name: str, scores: Scores) -> str:
    """A plain-text report of one score set with its confusion matrices."""
    lines = [
        f"{name} (n={scores.n})",
        f"  type accuracy {scores.type_accuracy:.3f}  macro-F1 {scores.type_macro_f1:.3f}",
        f"  concrete_kind accuracy {scores.concrete_kind_accuracy:.3f}"
        f"  theme accuracy {scores.theme_accuracy:.3f}",
        f"  SMART verdict accuracy {scores.verdict_accuracy:.3f}  letters "
        + " ".join(f"{k.upper()}={v:.2f}" for k, v in scores.letter_accuracy.items()),
        "  type confusion (rows gold, columns predicted):",
        *_matrix(scores.type_confusion),
        "  SMART verdict confusion:",
        *_matrix(scores.verdict_confusion),
    ]
    return "\n".join(lines)


def _matrix(matrix: dict[str, dict[str, int]]) -> list[str]:
    labels = list(matrix)
    rows = ["    " + " " * 10 + "".join(f"{label:>10}" for label in labels)]
    for gold in labels:
        rows.append(f"    {gold:>10}" + "".join(f"{matrix[gold][p]:>10}" for p in labels))
    return rows


def _mean(values: Iterable[bool]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0


@dataclass
class Comparison:
    """Cross-validated (by municipality) and test-municipality scores of the type models."""

    rows: list[tuple[str, float, float, float, float]]  # name, cv acc, cv F1, test acc, test F1


def municipality_folds(
    pool: Sequence[AnnotationRecord], folds: int
) -> list[tuple[list[int], list[int]]]:
    """Cross-validation folds by municipality: (training indices, held-out indices) per fold."""
    municipalities = sorted({r.municipality for r in pool})
    groups = [set(municipalities[i::folds]) for i in range(folds)]
    return [
        (
            [i for i, r in enumerate(pool) if r.municipality not in group],
            [i for i, r in enumerate(pool) if r.municipality in group],
        )
        for group in groups
    ]


def _pool_and_test(
    records: Sequence[AnnotationRecord], splits: dict[str, list[str]], resources: Resources
) -> tuple[list[AnnotationRecord], list[AnnotationRecord], list[CueMatches], list[CueMatches]]:
    """The train+dev records (cross-validation pool) and the test records, both analysed."""
    pool = [r for r in records if r.municipality not in splits["test"]]
    test = [r for r in records if r.municipality in splits["test"]]
    return (
        pool,
        test,
        analyse_records(resources.cue_matcher, pool),
        analyse_records(resources.cue_matcher, test),
    )


def compare_type_models(
    records: Sequence[AnnotationRecord],
    splits: dict[str, list[str]],
    resources: Resources,
    folds: int = 6,
) -> Comparison:
    """Rules only, plain bag-of-words, bag-of-words with cue tags, and the ensemble."""
    from pipeline.classify import ClassifySettings, rule_type_probabilities
    from pipeline.typemodel import (
        TypeEnsemble,
        featurize,
        predict_type_probabilities,
        train_type_model,
        type_features,
    )

    pool, test, cues_pool, cues_test = _pool_and_test(records, splits, resources)
    settings = ClassifySettings()

    def plain(c: CueMatches, _r: AnnotationRecord) -> str:
        return featurize(c).split(" cue_", 1)[0]

    def with_cue_tags(c: CueMatches, _r: AnnotationRecord) -> str:
        return featurize(c)

    def with_context(c: CueMatches, r: AnnotationRecord) -> str:
        return type_features(c, r.heading, r.source_kind)

    def predictors() -> dict[
        str,
        Callable[
            [list[AnnotationRecord], list[CueMatches], list[AnnotationRecord], list[CueMatches]],
            list[str],
        ],
    ]:
        def rules(
            _tr: list[AnnotationRecord],
            _ct: list[CueMatches],
            _te: list[AnnotationRecord],
            ce: list[CueMatches],
        ) -> list[str]:
            return [_argmax(rule_type_probabilities(c, settings)) for c in ce]

        def bow(
            features: Callable[[CueMatches, AnnotationRecord], str], ensemble: bool
        ) -> Callable[..., list[str]]:
            def run(
                tr: list[AnnotationRecord],
                ct: list[CueMatches],
                te: list[AnnotationRecord],
                ce: list[CueMatches],
            ) -> list[str]:
                inputs = [features(c, r) for c, r in zip(ct, tr, strict=True)]
                model = train_type_model(inputs, [r.type for r in tr])
                scored = [features(c, r) for c, r in zip(ce, te, strict=True)]
                probabilities = predict_type_probabilities(model, scored)
                if ensemble:
                    probabilities = TypeEnsemble(model).mix(ce, probabilities)
                return [_argmax(p) for p in probabilities]

            return run

        return {
            "rules only": rules,
            "bag-of-words": bow(plain, False),
            "bag-of-words + cue tags": bow(with_cue_tags, False),
            "ensemble, cue tags (0.1.0)": bow(with_cue_tags, True),
            "bag-of-words + cue tags + heading, layout": bow(with_context, False),
            "ensemble + heading, layout (chosen)": bow(with_context, True),
        }

    rows = []
    for name, predict in predictors().items():
        predicted: dict[int, str] = {}
        for train_idx, test_idx in municipality_folds(pool, folds):
            out = predict(
                [pool[i] for i in train_idx],
                [cues_pool[i] for i in train_idx],
                [pool[i] for i in test_idx],
                [cues_pool[i] for i in test_idx],
            )
            predicted.update(zip(test_idx, out, strict=True))
        cv_pred = [predicted[i] for i in range(len(pool))]
        gold = [r.type for r in pool]
        test_pred = predict(pool, cues_pool, test, cues_test)
        test_gold = [r.type for r in test]
        rows.append(
            (
                name,
                _mean(g == p for g, p in zip(gold, cv_pred, strict=True)),
                macro_f1(gold, cv_pred, TYPES),
                _mean(g == p for g, p in zip(test_gold, test_pred, strict=True)),
                macro_f1(test_gold, test_pred, TYPES),
            )
        )
    return Comparison(rows=rows)


def compare_smart_models(
    records: Sequence[AnnotationRecord],
    splits: dict[str, list[str]],
    resources: Resources,
    folds: int = 6,
) -> list[tuple[str, float, float]]:
    """SMART verdict accuracy of the rules and of the rules mixed with a letter model, by
    cross-validation by municipality (type and letter models retrained on each fold's training
    municipalities), then trained on train+dev and scored on the test municipalities."""
    from pipeline.smartmodel import TRAINING_EPOCHS, smart_features
    from pipeline.typemodel import (
        TypeEnsemble,
        featurize,
        train_textcat,
        train_type_model,
        type_features,
    )

    pool, test, cues_pool, cues_test = _pool_and_test(records, splits, resources)
    rule_labeller = pipeline_labeller(resources, use_learned=False)
    letter_models: dict[str, tuple[Callable[[CueMatches, AgreementType], str], int]] = {
        "rules + letter model, no type tag (0.1.0)": (lambda c, _t: featurize(c), 12),
        "rules + letter model with the type (chosen)": (smart_features, TRAINING_EPOCHS),
    }

    def verdicts(
        train: Sequence[int], scored: Sequence[AnnotationRecord], cues: Sequence[CueMatches]
    ) -> dict[str, list[str]]:
        rule_types = [p.type.type for p in rule_labeller(scored)]
        out: dict[str, list[str]] = {
            "rules only": [
                assess_smart(c, t).verdict for c, t in zip(cues, rule_types, strict=True)
            ]
        }
        type_inputs = [
            type_features(cues_pool[i], pool[i].heading, pool[i].source_kind) for i in train
        ]
        type_model = TypeEnsemble(train_type_model(type_inputs, [pool[i].type for i in train]))
        labels = classify_records(scored, cues, type_model)
        types = [t.type for t, _ in labels]
        for name, (features, epochs) in letter_models.items():
            model = train_textcat(
                [features(cues_pool[i], pool[i].type) for i in train],
                [{k: float(getattr(pool[i], f"smart_{k.lower()}")) for k in "SMA"} for i in train],
                ("S", "M", "A"),
                exclusive=False,
                epochs=epochs,
            )
            probabilities = [
                dict(doc.cats)
                for doc in model.pipe([features(c, t) for c, t in zip(cues, types, strict=True)])
            ]
            out[name] = [
                assess_smart(c, t, p).verdict
                for c, t, p in zip(cues, types, probabilities, strict=True)
            ]
        return out

    cross_validated: dict[str, dict[int, str]] = {}
    for train, held in municipality_folds(pool, folds):
        fold = verdicts(train, [pool[i] for i in held], [cues_pool[i] for i in held])
        for name, predicted in fold.items():
            cross_validated.setdefault(name, {}).update(zip(held, predicted, strict=True))
    on_test = verdicts(range(len(pool)), test, cues_test)

    def accuracy(gold: Sequence[AnnotationRecord], predicted: Sequence[str]) -> float:
        return _mean(r.smart == p for r, p in zip(gold, predicted, strict=True))

    return [
        (
            name,
            accuracy(pool, [cross_validated[name][i] for i in range(len(pool))]),
            accuracy(test, on_test[name]),
        )
        for name in on_test
    ]


def _argmax(probabilities: dict[str, float]) -> str:
    return max(probabilities, key=lambda k: probabilities[k])


def reliability_table(
    records: Sequence[AnnotationRecord], predictions: Sequence[Prediction], bins: int = 5
) -> list[tuple[str, int, float, float]]:
    """Per confidence bin: count, mean type_score and accuracy (a calibration check)."""
    table = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [
            (r, p)
            for r, p in zip(records, predictions, strict=True)
            if low <= p.type.type_score < high or (b == bins - 1 and p.type.type_score == 1.0)
        ]
        if members:
            table.append(
                (
                    f"{low:.1f}-{high:.1f}",
                    len(members),
                    sum(p.type.type_score for _, p in members) / len(members),
                    _mean(r.type == p.type.type for r, p in members),
                )
            )
    return table


def run_evaluation(corpus: Path, with_comparison: bool = True) -> str:
    """The full report printed by `prestatie evaluate`."""
    records = load_corpus(corpus)
    splits = load_splits(corpus)
    resources = load_resources()
    test = [r for r in records if r.municipality in splits["test"]]
    lines = [
        f"corpus: {len(records)} agreements, {len({r.municipality for r in records})} "
        f"municipalities; test municipalities: {', '.join(splits['test'])} ({len(test)})",
        f"model version: {resources.model_version}",
        "",
    ]
    predictions = pipeline_labeller(resources)(test)
    lines.append(format_scores("pipeline on the test municipalities", score(test, predictions)))
    rules = pipeline_labeller(resources, use_learned=False)(test)
    lines.append(format_scores("rules only on the test municipalities", score(test, rules)))
    lines += [
        "",
        "type_score reliability on the test municipalities (bin, n, mean score, accuracy):",
    ]
    lines += [
        f"  {b}  {n:>4}  {m:.2f}  {a:.2f}" for b, n, m, a in reliability_table(test, predictions)
    ]
    if with_comparison:
        comparison = compare_type_models(records, splits, resources)
        lines += [
            "",
            "type models (cross-validation by municipality on train+dev, "
            "then trained on train+dev and scored on test):",
            f"  {'model':<44}{'cv acc':>8}{'cv F1':>8}{'test acc':>10}{'test F1':>9}",
        ]
        lines += [
            f"  {n:<44}{a:>8.3f}{f:>8.3f}{ta:>10.3f}{tf:>9.3f}"
            for n, a, f, ta, tf in comparison.rows
        ]
        lines += [
            "",
            "SMART verdict accuracy (cross-validation by municipality, then test):",
            f"  {'model':<44}{'cv acc':>8}{'test acc':>10}",
        ]
        lines += [
            f"  {n:<44}{a:>8.3f}{t:>10.3f}"
            for n, a, t in compare_smart_models(records, splits, resources)
        ]
    return "\n".join(lines)
