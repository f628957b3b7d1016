"""The annotated corpora: records, loading, splits and cross-validation folds by municipality.

A corpus folder holds annotation records (format in docs/annotation-guide.md) and a
`splits.json` that assigns municipalities to splits: the project's written corpus
(`data/annotations`) and the real corpus of published agreements. The cross-validation and the
report of `prestatie evaluate` are in `training.crossval` and `training.scorecard`; the scores
(accuracy, F1, kappa, confusion, calibration error) in `training.metrics`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
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
