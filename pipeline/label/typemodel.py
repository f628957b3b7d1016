"""The learned type classifier: a spaCy bag-of-words `textcat` over the agreement text plus tag
words for the rule cues, the source kind, the section kind of the heading and the shape of the
parse; optionally mixed with the rule scores of `pipeline.label.classify`, then temperature-scaled.

Numbers are replaced by a placeholder and the rule evidence is added as tag words, so the model
weighs cues such as "a party commits to a deed" instead of learning that a digit means
`concreet` (numbers alone do not make an agreement concrete, docs/annotation-guide.md §3).
Training (`training.textcat`) and calibration: `training.train`; the choices behind them:
`training.crossval`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import spacy
from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language

from pipeline.label.classify import ClassifySettings, rule_type_probabilities
from pipeline.label.cues import CueMatches
from pipeline.modelfiles import TYPE_MODEL_DIR, TypeCalibration, stored_section
from pipeline.models import AGREEMENT_TYPES, AgreementType

TYPES: tuple[AgreementType, ...] = AGREEMENT_TYPES
TYPE_MODEL_VERSION = "0.3.0"
HeadingFeatures = Literal["none", "lexicon", "words"]
_NUMBER = re.compile(r"\d[\d.,]*")
TAGGED_FAMILIES = (
    "PROCES",
    "INTENT",
    "ACTION",
    "DEED",
    "PARTY",
    "QUANTITY",
    "TIME",
    "DELIVERABLE",
    "HEDGE",
    "CONDITION",
)
"""The cue families the type model reads as tag words (`cue_<family>`)."""


# Heading words that say what kind of section an agreement sits in (docs/domain.md §1: a chapter on
# the cooperation and the formal provisions holds process agreements; an "ambitie" or
# "streefgetallen" table holds aims). Only these words of a heading reach the type model: its
# theme words made identical texts depend on the heading above them (issue 19).
HEADING_TYPE_WORDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "samenwerking",
            "proces",
            "procesafspraken",
            "monitoring",
            "overleg",
            "evaluatie",
            "algemeen",
            "algemene",
            "bepalingen",
            "looptijd",
            "slotbepalingen",
            "geschillen",
        ),
        "proces",
    ),
    **dict.fromkeys(
        (
            "ambitie",
            "ambities",
            "visie",
            "doel",
            "doelen",
            "doelstellingen",
            "uitgangspunten",
            "opgave",
            "indicatief",
            "indicatieve",
            "streefgetallen",
        ),
        "intentie",
    ),
}


def featurize(cues: CueMatches) -> str:
    """Model input: lower-cased text, numbers as 'getal', and one tag word per cue family."""
    text = _NUMBER.sub(" getal ", cues.text.lower())
    tags = [f"cue_{family.lower()}" for family in TAGGED_FAMILIES if cues.get(family)]
    if cues.get("PARTY") and (cues.get("ACTION") or cues.get("DEED")):
        tags.append("cue_party_deed")
    return f"{text} {' '.join(tags)}"


class TypeTrainingSettings(BaseModel):
    """How the type model is trained; chosen by cross-validation by municipality on the real
    corpus's train municipalities (`training.crossval`) and stored in the model's meta.json."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    epochs: int = Field(12, ge=1, description="passes over the training texts")
    seed: int = Field(13, description="random seed of initialisation and shuffling")
    real_weight: int = Field(
        1, ge=1, description="times each real agreement is repeated among the training texts"
    )
    heading_features: HeadingFeatures = Field(
        "lexicon",
        description="what of the heading path the model sees: nothing, only the section words "
        "of `HEADING_TYPE_WORDS`, or its first six words",
    )
    syntax_features: bool = Field(True, description="add the parse's shape (`cues.syntax_tags`)")
    rule_weight: float = Field(
        0.0, ge=0, le=1, description="share of the rule probabilities in the mix (0: model only)"
    )
    batch_size: int = Field(16, ge=1, description="training texts per update")
    dropout: float = Field(0.1, ge=0, lt=1, description="dropout rate during training")


def heading_tags(heading: str, mode: HeadingFeatures) -> list[str]:
    """Tag words for the heading path: its section-kind words, its first words, or none."""
    if mode == "words":
        return [f"h_{word}" for word in heading.lower().split()[:6]]
    if mode == "lexicon":
        words = [w.strip(":.,;()") for w in heading.lower().split()]
        kinds = sorted({HEADING_TYPE_WORDS[w] for w in words if w in HEADING_TYPE_WORDS})
        return [f"hl_{kind}" for kind in kinds]
    return []


def type_features(
    cues: CueMatches, heading: str, source_kind: str, settings: TypeTrainingSettings
) -> str:
    """Model input of the type model: `featurize` plus the source kind, the heading tags and
    the parse's shape as tag words, as the settings say."""
    parts = [featurize(cues), f"src_{source_kind or 'onbekend'}"]
    parts += heading_tags(heading, settings.heading_features)
    if settings.syntax_features:
        parts += cues.syntax
    return " ".join(parts)


def predict_type_probabilities(nlp: Language, inputs: Sequence[str]) -> list[dict[str, float]]:
    """Class probabilities per featurized text."""
    return [dict(doc.cats) for doc in nlp.pipe(inputs)]


class TypeEnsemble:
    """The learned type model at run time: its probabilities, mixed with the rule probabilities
    when the training settings give the rules a weight, then temperature-scaled."""

    def __init__(
        self,
        model: Language,
        training: TypeTrainingSettings | None = None,
        calibration: TypeCalibration | None = None,
        settings: ClassifySettings | None = None,
    ) -> None:
        self.model = model
        self.training = training or TypeTrainingSettings()
        self.calibration = calibration or TypeCalibration()
        self.settings = settings or ClassifySettings()

    def __call__(
        self,
        analysed: Sequence[CueMatches],
        headings: Sequence[str],
        source_kinds: Sequence[str],
    ) -> list[dict[str, float]]:
        """Calibrated type probabilities for analysed agreement texts."""
        return [
            temperature_scale(p, self.calibration.temperature)
            for p in self.uncalibrated(analysed, headings, source_kinds)
        ]

    def uncalibrated(
        self,
        analysed: Sequence[CueMatches],
        headings: Sequence[str],
        source_kinds: Sequence[str],
    ) -> list[dict[str, float]]:
        """The mixed probabilities before temperature scaling (what the calibration is fit on)."""
        inputs = [
            type_features(c, h, k, self.training)
            for c, h, k in zip(analysed, headings, source_kinds, strict=True)
        ]
        learned = predict_type_probabilities(self.model, inputs)
        weight = self.training.rule_weight
        if weight == 0:
            return learned
        out: list[dict[str, float]] = []
        for cues, model_p in zip(analysed, learned, strict=True):
            rule_p = rule_type_probabilities(cues, self.settings)
            out.append({t: (1 - weight) * model_p[t] + weight * rule_p[t] for t in TYPES})
        return out


def likeliest_type(probabilities: dict[str, float]) -> AgreementType:
    """The type with the highest probability (ties: the first in `AGREEMENT_TYPES`)."""
    return max(AGREEMENT_TYPES, key=lambda t: probabilities[t])


def temperature_scale(probabilities: dict[str, float], temperature: float) -> dict[str, float]:
    """Sharpen (T < 1) or soften (T > 1) a probability distribution."""
    logits = {k: math.log(max(v, 1e-9)) / temperature for k, v in probabilities.items()}
    top = max(logits.values())
    exps = {k: math.exp(v - top) for k, v in logits.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}


def load_type_model(path: Path = TYPE_MODEL_DIR) -> TypeEnsemble:
    """Load a trained type model with the settings and calibration it was saved with."""
    return TypeEnsemble(
        spacy.load(path),
        TypeTrainingSettings.model_validate(stored_section(path, "training")),
        TypeCalibration.model_validate(stored_section(path, "calibration")),
    )
