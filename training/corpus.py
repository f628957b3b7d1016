"""Scoring on an annotated corpus: annotation records in, scores and confusion matrices out.

A corpus folder holds annotation records (format in docs/annotation-guide.md) and a
`splits.json` that assigns municipalities to splits: the project's written corpus
(`data/annotations`) and the real corpus of published agreements. The cross-validation and the
report of `prestatie evaluate` are in `training.crossval` and `training.scorecard`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from pipeline.label.cues import CueMatcher, CueMatches, parse_helps
from pipeline.models import (
    AGREEMENT_TYPES,
    AgreementType,
    SmartAssessment,
    ThemeLabel,
    TypeLabel,
)

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


class CorpusError(Exception):
    """A corpus folder that cannot be used, with a sentence that says why."""


CORPUS_FILES = ("part_*.jsonl", "agreements.jsonl")
"""The annotation files of a corpus folder: the written corpus's parts, or the real corpus's
one file (`second_pass.jsonl`, a second labelling of the same records, is never included)."""


def load_corpus(folder: Path) -> list[AnnotationRecord]:
    """All annotation records of the corpus files in a folder."""
    paths = sorted(p for pattern in CORPUS_FILES for p in folder.glob(pattern))
    if not paths:
        raise CorpusError(f"{folder}: no annotation files (expected {' or '.join(CORPUS_FILES)})")
    records = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append(AnnotationRecord.model_validate_json(line))
            except ValueError as error:
                raise CorpusError(f"{path}, line {number}: not an annotation record") from error
    return records


def analyse_records(matcher: CueMatcher, records: Sequence[AnnotationRecord]) -> list[CueMatches]:
    """Cue analysis of corpus records as the pipeline analyses agreements of their layout."""
    return matcher.analyse_many(
        [r.text for r in records], parse=[parse_helps(r.source_kind) for r in records]
    )


def load_splits(folder: Path) -> dict[str, list[str]]:
    """Municipalities per split (train/dev, and test in the written corpus)."""
    if not folder.is_dir():
        raise CorpusError(f"{folder}: no such folder")
    path = folder / "splits.json"
    if not path.is_file():
        raise CorpusError(
            f"{path} is missing: a corpus folder needs a splits.json that assigns each "
            'municipality to a split, e.g. {"train": ["Gemeente A"], "dev": ["Gemeente B"]}'
        )
    try:
        splits: dict[str, list[str]] = json.loads(path.read_text("utf-8"))
    except ValueError as error:
        raise CorpusError(f"{path} is not valid JSON: {error}") from error
    return splits


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


def expected_calibration_error(
    records: Sequence[AnnotationRecord], predictions: Sequence[Prediction], bins: int = 10
) -> float:
    """Mean gap between type_score and accuracy over equal-width score bins, weighted by the
    bins' sizes (0 is perfectly calibrated)."""
    table = reliability_table(records, predictions, bins)
    n = sum(count for _, count, _, _ in table)
    return sum(count * abs(mean - accuracy) for _, count, mean, accuracy in table) / n if n else 0.0


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
