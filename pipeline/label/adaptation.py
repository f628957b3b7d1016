"""An audit office's adaptation of the type and SMART models, applied at labelling time.

`prestatie learn` fits small heads on the office's review corrections: the type head adds to the
base type model's log-probabilities a linear function of tag features (cue families, source
kind, the heading's section words, each also crossed with the base model's own choice); a letter
head (S, M, A) adds to the log-odds of the mixed rule and model decision of `pipeline.label.smart` a
linear function of the cue families and the type. With zero weights a head changes nothing, and
it is regularised toward zero, so corrections move only what they consistently show. The method
was chosen by measurement (BENCHMARKS.md, "Learning an office's conventions").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from pipeline.label.cues import CueMatches
from pipeline.label.smart import SmartSettings, assess_smart, hedge_cues
from pipeline.label.smartmodel import LEARNED_LETTERS, SmartLetterModel
from pipeline.label.typemodel import (
    TAGGED_FAMILIES,
    TypeEnsemble,
    heading_tags,
    temperature_scale,
)
from pipeline.modelfiles import ADAPTATION_FILE, adaptation_digest
from pipeline.models import AGREEMENT_TYPES, AgreementType

ADAPTATION_FORMAT = 1
HEAD_FAMILIES = (*TAGGED_FAMILIES, "MEANS", "OBJECT")
"""The cue families the heads read (one feature each, present or not)."""
HEAD_SOURCE_KINDS = ("table_row", "list", "numbered", "paragraph")
_FLOOR = 1e-6


class LinearHead(BaseModel):
    """Weights that shift a base model's scores: per class, a bias and one weight per feature."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    classes: list[str] = Field(description="the classes whose scores the head shifts")
    features: list[str] = Field(description="feature names, in the order of the weight rows")
    weights: list[list[float]] = Field(description="one row per feature, one column per class")
    bias: list[float] = Field(description="one per class")
    penalty: float = Field(description="the L2 penalty it was fitted with (chosen by CV)")

    def shift(self, features: dict[str, float]) -> list[float]:
        """What the head adds to each class's score for one example."""
        out = list(self.bias)
        for name, row in zip(self.features, self.weights, strict=True):
            value = features.get(name, 0.0)
            if value:
                out = [o + value * w for o, w in zip(out, row, strict=True)]
        return out


class CorrectionEstimate(BaseModel):
    """Accuracy over the corrections, each predicted without its own label (cross-validated)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type_before: float
    type_after: float
    verdict_before: float
    verdict_after: float


class Adaptation(BaseModel):
    """What `prestatie learn` writes: the heads and what they were learned from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: int = ADAPTATION_FORMAT
    base_version: str = Field(description="model_version of the base models it adapts")
    corrections: int = Field(description="corrections learned from")
    corrections_digest: str = Field(description="sha256 (16 hex) of the corrections used")
    label_counts: dict[str, dict[str, int]] = Field(
        description="per label (type, smart, smart_s ...), how often each value was given"
    )
    type_head: LinearHead | None = Field(
        None, description="None when cross-validation found no gain over the base model"
    )
    letter_heads: dict[str, LinearHead] = Field(default_factory=dict)
    estimate: CorrectionEstimate


def adaptation_path(folder: Path) -> Path:
    """The adaptation file of a models folder."""
    return folder / ADAPTATION_FILE


def load_adaptation(folder: Path) -> Adaptation:
    """The adaptation stored in a models folder (ValueError when it is not one)."""
    return Adaptation.model_validate_json(adaptation_path(folder).read_text(encoding="utf-8"))


def adaptation_version(adaptation: Adaptation, folder: Path) -> str:
    """The adapted model's name in `model_version`: the digest of its file and of the
    corrections it learned from, and their number."""
    return (
        f"office-{adaptation_digest(folder)}"
        f"~{adaptation.corrections}c-{adaptation.corrections_digest[:8]}"
    )


def family_features(cues: CueMatches) -> list[str]:
    """One feature per cue family: `cue_x` when the text has it, `no_x` when not (a missing
    number can be what an office's convention turns on, and both sides start at zero)."""
    return [f"cue_{f.lower()}" if cues.get(f) else f"no_{f.lower()}" for f in HEAD_FAMILIES]


def type_head_features(
    cues: CueMatches, heading: str, source_kind: str, base_type: str
) -> dict[str, float]:
    """Tag features of the type head: cue families, hedging, source kind and section words, and
    each of them again crossed with the type the base model chose."""
    names = family_features(cues)
    if cues.get("PARTY") and (cues.get("ACTION") or cues.get("DEED")):
        names.append("cue_party_deed")
    if bool(hedge_cues(cues)):
        names.append("hedged")
    if source_kind in HEAD_SOURCE_KINDS:
        names.append(f"src_{source_kind}")
    names += heading_tags(heading, "lexicon")
    features = dict.fromkeys(names, 1.0)
    features[f"base_{base_type}"] = 1.0
    features.update({f"base_{base_type}&{name}": 1.0 for name in names})
    return features


def letter_head_features(cues: CueMatches, agreement_type: str) -> dict[str, float]:
    """Tag features of a letter head: cue families, hedging and the agreement's type."""
    names = family_features(cues)
    if bool(hedge_cues(cues)):
        names.append("hedged")
    names.append(f"type_{agreement_type}")
    return dict.fromkeys(names, 1.0)


def shifted_types(
    head: LinearHead, probabilities: dict[str, float], features: dict[str, float]
) -> dict[str, float]:
    """Type probabilities after the head: softmax of log-probability plus the head's shift."""
    shift = head.shift(features)
    logits = {
        t: math.log(max(probabilities[t], _FLOOR)) + s
        for t, s in zip(head.classes, shift, strict=True)
    }
    top = max(logits.values())
    exps = {t: math.exp(v - top) for t, v in logits.items()}
    total = sum(exps.values())
    return {t: exps[t] / total for t in AGREEMENT_TYPES}


def letter_is_free(letter: str, cues: CueMatches, agreement_type: str) -> bool:
    """Whether the letter model may decide this letter here: an intention never has S and a
    hedge keeps A false (`pipeline.label.smart`): a head neither learns from nor changes those."""
    if letter == "S" and agreement_type == "intentie":
        return False
    return not (letter == "A" and bool(hedge_cues(cues)))


def rule_letters(cues: CueMatches, agreement_type: AgreementType) -> dict[str, float]:
    """The rule decision of S, M and A (1.0 or 0.0), before the letter model is mixed in."""
    rules = assess_smart(cues, agreement_type)
    return {k: float(getattr(rules, k.lower()).value) for k in LEARNED_LETTERS}


def logit(p: float) -> float:
    """Log-odds, kept finite."""
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def decision_offset(letter: str, probability: float, rule: float) -> float:
    """The log-odds of `pipeline.label.smart`'s decision of a letter: its mix of the model's
    probability and the rule, against the threshold (positive: the letter holds)."""
    settings = SmartSettings()
    weight = settings.model_weights[letter]
    mixed = weight * probability + (1 - weight) * rule
    return logit(mixed) - logit(settings.letter_threshold)


def shifted_letter(
    head: LinearHead, letter: str, probability: float, rule: float, features: dict[str, float]
) -> float:
    """The letter model's probability after the head: the head shifts the log-odds of the
    mixed decision, and the probability is solved back so that `pipeline.label.smart` mixes
    it with the rule into the head's decision."""
    settings = SmartSettings()
    weight = settings.model_weights[letter]
    shifted = decision_offset(letter, probability, rule) + head.shift(features)[0]
    mixed = 1 / (1 + math.exp(-(shifted + logit(settings.letter_threshold))))
    return min(1.0, max(0.0, (mixed - (1 - weight) * rule) / weight))


class AdaptedTypeModel:
    """The base type model with an office's head: same call as `TypeEnsemble`."""

    def __init__(self, base: TypeEnsemble, head: LinearHead) -> None:
        self.base = base
        self.head = head

    def __call__(
        self,
        analysed: Sequence[CueMatches],
        headings: Sequence[str],
        source_kinds: Sequence[str],
    ) -> list[dict[str, float]]:
        """Calibrated type probabilities, shifted to the office's conventions."""
        raw = self.base.uncalibrated(analysed, headings, source_kinds)
        out = []
        for cues, heading, kind, p in zip(analysed, headings, source_kinds, raw, strict=True):
            base_type = max(AGREEMENT_TYPES, key=lambda t: p[t])
            features = type_head_features(cues, heading, kind, base_type)
            out.append(
                temperature_scale(
                    shifted_types(self.head, p, features), self.base.calibration.temperature
                )
            )
        return out


class AdaptedLetterModel:
    """The base letter model with an office's letter heads: same call as `SmartLetterModel`."""

    def __init__(self, base: SmartLetterModel, heads: dict[str, LinearHead]) -> None:
        self.base = base
        self.heads = heads

    def __call__(
        self, analysed: Sequence[CueMatches], types: Sequence[AgreementType]
    ) -> list[dict[str, float]]:
        """Per text, the probability of S, M and A, shifted to the office's conventions."""
        out = self.base(analysed, types)
        for cues, agreement_type, probabilities in zip(analysed, types, out, strict=True):
            rules = rule_letters(cues, agreement_type)
            features = letter_head_features(cues, agreement_type)
            for letter, head in self.heads.items():
                if letter_is_free(letter, cues, agreement_type):
                    probabilities[letter] = shifted_letter(
                        head, letter, probabilities[letter], rules[letter], features
                    )
        return out


LetterModel = Callable[[Sequence[CueMatches], Sequence[AgreementType]], list[dict[str, float]]]
TypeModel = Callable[[Sequence[CueMatches], Sequence[str], Sequence[str]], list[dict[str, float]]]


def adapted_models(
    folder: Path, type_model: TypeModel | None, smart_model: LetterModel | None
) -> tuple[TypeModel | None, LetterModel | None]:
    """The base models wrapped with the heads of an adapted models folder (a model without a
    head, or not a trained model, is returned as it is). ValueError when the folder's
    adaptation file is not one."""
    adaptation = load_adaptation(folder)
    if isinstance(type_model, TypeEnsemble) and adaptation.type_head is not None:
        type_model = AdaptedTypeModel(type_model, adaptation.type_head)
    if isinstance(smart_model, SmartLetterModel) and adaptation.letter_heads:
        smart_model = AdaptedLetterModel(smart_model, adaptation.letter_heads)
    return type_model, smart_model
