"""Scores of a labeller on corpus records: accuracy, macro-F1, kappa, confusion, calibration.

In: annotation records and the predictions of one labeller. Out: a `Scores` per set, its
plain-text report, and the calibration checks of the type score (expected calibration error,
reliability table).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from training.corpus import LETTERS, TYPES, VERDICTS, AnnotationRecord, Prediction


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
    """A confusion matrix as indented text rows (gold down, predicted across)."""
    labels = list(matrix)
    rows = ["    " + " " * 10 + "".join(f"{label:>10}" for label in labels)]
    for gold in labels:
        rows.append(f"    {gold:>10}" + "".join(f"{matrix[gold][p]:>10}" for p in labels))
    return rows


def _mean(values: Iterable[bool]) -> float:
    """Share of true values (0 for none)."""
    items = list(values)
    return sum(items) / len(items) if items else 0.0


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
