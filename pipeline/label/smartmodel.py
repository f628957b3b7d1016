"""The learned part of SMART: one bag-of-words `textcat_multilabel` for the letters S, M and A.

Like the type model, it reads the featurized text (numbers hidden, rule cues as tag words), plus
the agreement's type as a tag word (an intention rarely names who does what by when). In
`pipeline.label.smart` its probability is mixed with the rule decision
(`SmartSettings.model_weights`);
a letter the model turns on must still point at a rule span, so every flag keeps its evidence.
R and T stay rule-only: the model did not beat the rules there in cross-validation.
Training: `training.textcat`, `training.train`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import spacy
from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language

from pipeline.label.cues import CueMatches
from pipeline.label.typemodel import featurize
from pipeline.modelfiles import SMART_MODEL_DIR
from pipeline.models import SMART_LETTERS, AgreementType

LEARNED_LETTERS: tuple[str, ...] = tuple(
    letter for letter in SMART_LETTERS if letter in ("S", "M", "A")
)
"""The letters the model learns; R and T stay rule-only (`pipeline.label.smart`)."""
SMART_MODEL_VERSION = "0.3.0"


class SmartTrainingSettings(BaseModel):
    """How the letter model is trained (chosen by cross-validation by municipality)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    epochs: int = Field(20, ge=1, description="passes over the training texts")
    seed: int = Field(13, description="random seed of initialisation and shuffling")
    real_weight: int = Field(
        1, ge=1, description="times each real agreement is repeated among the training texts"
    )
    batch_size: int = Field(16, ge=1, description="training texts per update")
    dropout: float = Field(0.1, ge=0, lt=1, description="dropout rate during training")


def smart_features(cues: CueMatches, agreement_type: AgreementType) -> str:
    """Model input: the type model's features plus the agreement's type as a tag word."""
    return f"{featurize(cues)} type_{agreement_type}"


class SmartLetterModel:
    """Per-letter probabilities for analysed agreement texts."""

    def __init__(self, model: Language) -> None:
        self.model = model

    def __call__(
        self, analysed: Sequence[CueMatches], types: Sequence[AgreementType]
    ) -> list[dict[str, float]]:
        """Probability that S, M and A hold, per text (with the type it was classified as)."""
        inputs = [smart_features(c, t) for c, t in zip(analysed, types, strict=True)]
        return [dict(doc.cats) for doc in self.model.pipe(inputs)]


def load_smart_model(path: Path = SMART_MODEL_DIR) -> SmartLetterModel:
    """Load the trained letter model."""
    return SmartLetterModel(spacy.load(path))
