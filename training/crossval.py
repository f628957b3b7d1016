"""Cross-validation by municipality on the real and the written corpus: out-of-fold predictions
in, scores, calibration and the choices between model variants out.

The real corpus (published agreements, lightly reworded and pseudonymised; its folder is given
on the command line) is the headline: models are trained on the project's written corpus (its
train and dev municipalities) plus the real municipalities outside the fold, and scored on the
fold's municipalities, so no municipality is ever scored by a model that saw it. The written test
municipalities are scored beside it by the model trained on everything else.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from pipeline.label.classify import (
    ClassifySettings,
    classify_theme,
    label_from_probabilities,
    rule_type_probabilities,
)
from pipeline.label.cues import CueMatcher, CueMatches
from pipeline.label.smart import SmartSettings, assess_smart
from pipeline.label.smartmodel import (
    LEARNED_LETTERS,
    SmartLetterModel,
    SmartTrainingSettings,
    smart_features,
)
from pipeline.label.typemodel import (
    TYPES,
    TypeEnsemble,
    TypeTrainingSettings,
    temperature_scale,
    type_features,
)
from pipeline.modelfiles import TypeCalibration
from pipeline.models import AgreementType
from training.corpus import (
    AnnotationRecord,
    Prediction,
    analyse_records,
    load_corpus,
    load_splits,
    municipality_folds,
)
from training.textcat import train_smart_model, train_type_model

CV_FOLDS = 10
"""Folds of the cross-validation by municipality (each municipality is held out once)."""
REVIEW_MAX_ERROR = 0.10
"""needs_review: at most this share of the rows not flagged may have a wrong type."""
TEMPERATURES = tuple(round(0.3 + 0.05 * i, 2) for i in range(55))
"""The temperatures tried when calibrating type_score (0.3 to 3.0)."""


@dataclass(frozen=True)
class LabelledSet:
    """Annotation records with their cue analysis, in the same order."""

    records: list[AnnotationRecord]
    cues: list[CueMatches]

    def where(self, keep: Callable[[AnnotationRecord], bool]) -> LabelledSet:
        """The records (and their analyses) for which `keep` is true."""
        pairs = [(r, c) for r, c in zip(self.records, self.cues, strict=True) if keep(r)]
        return LabelledSet([r for r, _ in pairs], [c for _, c in pairs])

    def __len__(self) -> int:
        """The number of records."""
        return len(self.records)


@dataclass(frozen=True)
class Corpora:
    """The written corpus and the real corpus, each analysed once, with their splits."""

    written: LabelledSet
    written_splits: dict[str, list[str]]
    real: LabelledSet
    real_splits: dict[str, list[str]]

    def written_training(self) -> LabelledSet:
        """The written train and dev municipalities: always training data, never scored."""
        test = set(self.written_splits.get("test", []))
        return self.written.where(lambda r: r.municipality not in test)

    def written_test(self) -> LabelledSet:
        """The written test municipalities: only ever scored."""
        test = set(self.written_splits.get("test", []))
        return self.written.where(lambda r: r.municipality in test)

    def real_split(self, *names: str) -> LabelledSet:
        """The real records of the municipalities in these splits."""
        wanted = {m for name in names for m in self.real_splits.get(name, [])}
        return self.real.where(lambda r: r.municipality in wanted)


def load_corpora(written_dir: Path, real_dir: Path, matcher: CueMatcher) -> Corpora:
    """Load and analyse both corpora (as the pipeline analyses agreements of their layout)."""
    written = load_corpus(written_dir)
    real = load_corpus(real_dir)
    return Corpora(
        written=LabelledSet(written, analyse_records(matcher, written)),
        written_splits=load_splits(written_dir),
        real=LabelledSet(real, analyse_records(matcher, real)),
        real_splits=load_splits(real_dir),
    )


class ModelSettings(BaseModel):
    """The training settings of both learned models and how their outputs are combined."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: TypeTrainingSettings = Field(
        default_factory=TypeTrainingSettings, description="how the type model is trained"
    )
    smart: SmartTrainingSettings = Field(
        default_factory=SmartTrainingSettings, description="how the letter model is trained"
    )
    mix: SmartSettings = Field(
        default_factory=SmartSettings,
        description="how the letter probabilities and the rules give the SMART verdict",
    )


@dataclass(frozen=True)
class TrainedModels:
    """A type model (uncalibrated) and a letter model trained together."""

    type_model: TypeEnsemble
    letter_model: SmartLetterModel


def train_models(written: LabelledSet, real: LabelledSet, settings: ModelSettings) -> TrainedModels:
    """Train both models on the written records plus the real ones, each real record repeated
    as the settings say (the written corpus is larger and cleaner than real text)."""
    type_inputs = [
        type_features(c, r.heading, r.source_kind, settings.type)
        for c, r in zip(written.cues, written.records, strict=True)
    ]
    type_labels = [r.type for r in written.records]
    real_inputs = [
        type_features(c, r.heading, r.source_kind, settings.type)
        for c, r in zip(real.cues, real.records, strict=True)
    ]
    type_inputs += real_inputs * settings.type.real_weight
    type_labels += [r.type for r in real.records] * settings.type.real_weight
    type_model = TypeEnsemble(
        train_type_model(type_inputs, type_labels, settings.type), settings.type
    )

    def letters(r: AnnotationRecord) -> dict[str, bool]:
        """The gold S/M/A letters of a record."""
        return {k: bool(getattr(r, f"smart_{k.lower()}")) for k in LEARNED_LETTERS}

    smart_inputs = [
        smart_features(c, r.type) for c, r in zip(written.cues, written.records, strict=True)
    ]
    smart_gold = [letters(r) for r in written.records]
    smart_inputs += [
        smart_features(c, r.type) for c, r in zip(real.cues, real.records, strict=True)
    ] * settings.smart.real_weight
    smart_gold += [letters(r) for r in real.records] * settings.smart.real_weight
    letter_model = SmartLetterModel(train_smart_model(smart_inputs, smart_gold, settings.smart))
    return TrainedModels(type_model, letter_model)


@dataclass(frozen=True)
class RawPrediction:
    """A model's uncalibrated type probabilities and letter probabilities for one record."""

    type_probabilities: dict[str, float]
    letter_probabilities: dict[str, float]


def predict_raw(models: TrainedModels, scored: LabelledSet) -> list[RawPrediction]:
    """Uncalibrated type probabilities, and the letter probabilities given the predicted type."""
    probabilities = models.type_model.uncalibrated(
        scored.cues, [r.heading for r in scored.records], [r.source_kind for r in scored.records]
    )
    types: list[AgreementType] = [_argmax(p) for p in probabilities]  # type: ignore[misc]
    letters = models.letter_model(scored.cues, types)
    return [RawPrediction(p, q) for p, q in zip(probabilities, letters, strict=True)]


def out_of_fold(
    corpora: Corpora, pool: LabelledSet, settings: ModelSettings, folds: int = CV_FOLDS
) -> tuple[list[RawPrediction], list[int]]:
    """Each pool record predicted by models trained without its municipality (plus the written
    training corpus), and the fold each record was held out in."""
    predicted: dict[int, RawPrediction] = {}
    fold_of: dict[int, int] = {}
    written = corpora.written_training()
    for number, (train_idx, held_idx) in enumerate(municipality_folds(pool.records, folds)):
        train = LabelledSet([pool.records[i] for i in train_idx], [pool.cues[i] for i in train_idx])
        held = LabelledSet([pool.records[i] for i in held_idx], [pool.cues[i] for i in held_idx])
        models = train_models(written, train, settings)
        predicted.update(zip(held_idx, predict_raw(models, held), strict=True))
        fold_of.update(dict.fromkeys(held_idx, number))
    order = range(len(pool))
    return [predicted[i] for i in order], [fold_of[i] for i in order]


def fit_temperature(raw: Sequence[dict[str, float]], gold: Sequence[str]) -> float:
    """The temperature (of `TEMPERATURES`) with the lowest log-loss of the gold types."""

    def log_loss(temperature: float) -> float:
        """Negative log-likelihood of the gold types at this temperature."""
        return -sum(
            math.log(max(temperature_scale(p, temperature)[g], 1e-9))
            for p, g in zip(raw, gold, strict=True)
        )

    return min(TEMPERATURES, key=log_loss)


def review_threshold(
    scores: Sequence[float], correct: Sequence[bool], max_error: float = REVIEW_MAX_ERROR
) -> float:
    """The lowest type_score threshold at which at most `max_error` of the rows scoring at or
    above it are wrong (flagging as few rows as that allows); 1.0 when none qualifies."""
    for threshold in sorted(set(scores)):
        kept = [ok for s, ok in zip(scores, correct, strict=True) if s >= threshold]
        if kept and len(kept) - sum(kept) <= max_error * len(kept) + 1e-9:
            return threshold
    return 1.0


def calibrate(raw: Sequence[RawPrediction], gold: Sequence[AnnotationRecord]) -> TypeCalibration:
    """Temperature and review threshold fitted on out-of-fold predictions."""
    probabilities = [r.type_probabilities for r in raw]
    temperature = fit_temperature(probabilities, [g.type for g in gold])
    scaled = [temperature_scale(p, temperature) for p in probabilities]
    return TypeCalibration(
        temperature=temperature,
        review_threshold=round(
            review_threshold(
                [max(p.values()) for p in scaled],
                [_argmax(p) == g.type for p, g in zip(scaled, gold, strict=True)],
            ),
            4,
        ),
    )


def cross_fitted_calibrations(
    raw: Sequence[RawPrediction], gold: Sequence[AnnotationRecord], folds: Sequence[int]
) -> list[TypeCalibration]:
    """Per record, the calibration fitted on the other folds' predictions only, so the scores
    of a fold are calibrated without its own labels."""
    by_fold: dict[int, TypeCalibration] = {}
    for fold in sorted(set(folds)):
        others = [i for i, f in enumerate(folds) if f != fold]
        by_fold[fold] = calibrate([raw[i] for i in others], [gold[i] for i in others])
    return [by_fold[f] for f in folds]


def to_predictions(
    scored: LabelledSet,
    raw: Sequence[RawPrediction],
    calibrations: Sequence[TypeCalibration],
    mix: SmartSettings,
) -> list[Prediction]:
    """Labels as the pipeline would give them: calibrated type, theme and SMART with evidence."""
    out = []
    for record, cues, prediction, calibration in zip(
        scored.records, scored.cues, raw, calibrations, strict=True
    ):
        probabilities = temperature_scale(prediction.type_probabilities, calibration.temperature)
        type_label = label_from_probabilities(cues, probabilities)
        out.append(
            Prediction(
                type=type_label,
                theme=classify_theme(cues.text, record.heading, cues),
                smart=assess_smart(
                    cues, type_label.type, prediction.letter_probabilities or None, mix
                ),
            )
        )
    return out


def rule_predictions(scored: LabelledSet) -> list[RawPrediction]:
    """The rule classifier alone (no learned model), in the same form."""
    settings = ClassifySettings()
    return [RawPrediction(rule_type_probabilities(c, settings), {}) for c in scored.cues]


def _argmax(probabilities: dict[str, float]) -> str:
    """The most probable type."""
    return max(TYPES, key=lambda k: probabilities.get(k, 0.0))
