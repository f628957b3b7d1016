"""An audit office's adaptation of the type and SMART models, applied at labelling time.

`prestatie learn` learns short decision lists from the office's review corrections: each rule
names one tag feature of an agreement (a cue family present or absent, hedging, the source
kind, the heading's section words, the base model's type, or a pair of the base type and one
of those) and the label the office gives where it holds. A rule is learned only when several
corrections show it and hardly any contradicts it, so an office that agrees with the guide gets
no rules and the base models decide as before. The first rule that holds decides; where none
holds the base model does. The method was chosen by measurement (BENCHMARKS.md, "Learning an
office's conventions").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from pipeline.label.cues import CueMatches
from pipeline.label.smart import hedge_cues
from pipeline.label.smartmodel import LEARNED_LETTERS, SmartLetterModel
from pipeline.label.typemodel import TAGGED_FAMILIES, TypeEnsemble, heading_tags, likeliest_type
from pipeline.modelfiles import ADAPTATION_FILE, adaptation_digest
from pipeline.models import AgreementType

ADAPTATION_FORMAT = 2
"""Format 1 (linear heads) is no longer read: `prestatie learn` again writes format 2."""
RULE_FAMILIES = (*TAGGED_FAMILIES, "MEANS", "OBJECT")
"""The cue families the rules read (one feature each, present or not)."""
RULE_SOURCE_KINDS = ("table_row", "list", "numbered", "paragraph")
LETTER_VALUES = ("ja", "nee")
"""The values a letter rule gives (the letter holds, or not)."""


class AdaptationFormatError(ValueError):
    """An adaptation file written by an older version of `prestatie learn`."""


class Rule(BaseModel):
    """Where `feature` holds, the office's label is `value`; with the corrections it came from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    feature: str = Field(description="the tag feature the rule tests (see `type_rule_features`)")
    value: str = Field(description="the label it gives: a type, or ja/nee for a letter")
    fixes: int = Field(description="corrections the base models got wrong that it gets right")
    contradictions: int = Field(
        description="corrections the base models got right that it puts wrong"
    )
    covers: int = Field(description="corrections where it holds")


class DecisionList(BaseModel):
    """Rules in order of priority: the first whose feature holds decides."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rules: list[Rule] = Field(default_factory=list)

    def decide(self, features: set[str]) -> str | None:
        """The value of the first rule that holds, None when none does."""
        for rule in self.rules:
            if rule.feature in features:
                return rule.value
        return None


class CorrectionEstimate(BaseModel):
    """Accuracy over the corrections, each predicted without its own label (cross-validated)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type_before: float
    type_after: float
    verdict_before: float
    verdict_after: float


class Adaptation(BaseModel):
    """What `prestatie learn` writes: the decision lists and what they were learned from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: int = Field(ADAPTATION_FORMAT, description="2; older files are refused")
    base_version: str = Field(description="model_version of the base models it adapts")
    corrections: int = Field(description="corrections learned from")
    corrections_digest: str = Field(description="sha256 (16 hex) of the corrections used")
    label_counts: dict[str, dict[str, int]] = Field(
        description="per label (type, smart, smart_s ...), how often each value was given"
    )
    type_rules: DecisionList = Field(
        default_factory=DecisionList,
        description="empty when cross-validation found no clear gain over the base model",
    )
    letter_rules: dict[str, DecisionList] = Field(
        default_factory=dict, description="per letter (S, M, A) with a clear gain"
    )
    estimate: CorrectionEstimate

    @property
    def changes_anything(self) -> bool:
        """Whether any rule was learned (otherwise the base models decide everything)."""
        return bool(self.type_rules.rules) or any(d.rules for d in self.letter_rules.values())


def adaptation_path(folder: Path) -> Path:
    """The adaptation file of a models folder."""
    return folder / ADAPTATION_FILE


def load_adaptation(folder: Path) -> Adaptation:
    """The adaptation stored in a models folder (ValueError when it is not one,
    AdaptationFormatError when an older version wrote it)."""
    raw = json.loads(adaptation_path(folder).read_text(encoding="utf-8"))
    version = raw.get("format") if isinstance(raw, dict) else None
    if isinstance(version, int) and version != ADAPTATION_FORMAT:
        raise AdaptationFormatError(
            f"adaptation format {version} was written by an older version of "
            f"`prestatie learn` (this one reads format {ADAPTATION_FORMAT})"
        )
    return Adaptation.model_validate(raw)


def adaptation_version(adaptation: Adaptation, folder: Path) -> str:
    """The adapted model's name in `model_version`: the digest of its file and of the
    corrections it learned from, and their number."""
    return (
        f"office-{adaptation_digest(folder)}"
        f"~{adaptation.corrections}c-{adaptation.corrections_digest[:8]}"
    )


def family_features(cues: CueMatches) -> list[str]:
    """One feature per cue family: `cue_x` when the text has it, `no_x` when not (a missing
    number can be what an office's convention turns on)."""
    return [f"cue_{f.lower()}" if cues.get(f) else f"no_{f.lower()}" for f in RULE_FAMILIES]


def type_rule_features(
    cues: CueMatches, heading: str, source_kind: str, base_type: str
) -> set[str]:
    """Tag features a type rule may test: cue families, hedging, source kind and section
    words, the base model's type, and each of the others paired with that type."""
    names = family_features(cues)
    if cues.get("PARTY") and (cues.get("ACTION") or cues.get("DEED")):
        names.append("cue_party_deed")
    if hedge_cues(cues):
        names.append("hedged")
    if source_kind in RULE_SOURCE_KINDS:
        names.append(f"src_{source_kind}")
    names += heading_tags(heading, "lexicon")
    return {*names, f"base_{base_type}", *(f"base_{base_type}&{name}" for name in names)}


def letter_rule_features(cues: CueMatches, agreement_type: str) -> set[str]:
    """Tag features a letter rule may test: cue families, hedging and the agreement's type."""
    names = family_features(cues)
    if hedge_cues(cues):
        names.append("hedged")
    names.append(f"type_{agreement_type}")
    return set(names)


def letter_is_free(letter: str, cues: CueMatches, agreement_type: str) -> bool:
    """Whether the letter model may decide this letter here: an intention never has S and a
    hedge keeps A false (`pipeline.label.smart`): a rule neither learns from nor changes those."""
    if letter == "S" and agreement_type == "intentie":
        return False
    return not (letter == "A" and bool(hedge_cues(cues)))


def moved_to(probabilities: dict[str, float], agreement_type: str) -> dict[str, float]:
    """The probabilities with `agreement_type` on top: it swaps places with the base model's
    choice, so the row keeps the base model's confidence (and its review flag)."""
    top = likeliest_type(probabilities)
    out = dict(probabilities)
    out[top], out[agreement_type] = probabilities[agreement_type], probabilities[top]
    return out


def letter_probability(rules: DecisionList, features: set[str], probability: float) -> float:
    """The letter model's probability after an office's rules: certain where a rule holds."""
    value = rules.decide(features)
    if value is None:
        return probability
    return 1.0 if value == "ja" else 0.0


def with_letter_rules(
    rules: dict[str, DecisionList],
    cues: CueMatches,
    agreement_type: AgreementType,
    probabilities: dict[str, float],
) -> dict[str, float]:
    """One text's letter probabilities after an office's letter rules (only letters the
    letter model may decide here change)."""
    out = dict(probabilities)
    features = letter_rule_features(cues, agreement_type)
    for letter, letter_rules in rules.items():
        if letter in LEARNED_LETTERS and letter_is_free(letter, cues, agreement_type):
            out[letter] = letter_probability(letter_rules, features, out[letter])
    return out


class AdaptedTypeModel:
    """The base type model with an office's type rules: same call as `TypeEnsemble`."""

    def __init__(self, base: TypeEnsemble, rules: DecisionList) -> None:
        self.base = base
        self.rules = rules

    def __call__(
        self,
        analysed: Sequence[CueMatches],
        headings: Sequence[str],
        source_kinds: Sequence[str],
    ) -> list[dict[str, float]]:
        """Calibrated type probabilities, moved to the office's type where a rule holds."""
        out = []
        for cues, heading, kind, p in zip(
            analysed,
            headings,
            source_kinds,
            self.base(analysed, headings, source_kinds),
            strict=True,
        ):
            value = self.rules.decide(type_rule_features(cues, heading, kind, likeliest_type(p)))
            out.append(p if value is None else moved_to(p, value))
        return out


class AdaptedLetterModel:
    """The base letter model with an office's letter rules: same call as `SmartLetterModel`."""

    def __init__(self, base: SmartLetterModel, rules: dict[str, DecisionList]) -> None:
        self.base = base
        self.rules = rules

    def __call__(
        self, analysed: Sequence[CueMatches], types: Sequence[AgreementType]
    ) -> list[dict[str, float]]:
        """Per text, the probability of S, M and A; certain where an office's rule holds."""
        return [
            with_letter_rules(self.rules, cues, agreement_type, probabilities)
            for cues, agreement_type, probabilities in zip(
                analysed, types, self.base(analysed, types), strict=True
            )
        ]


LetterModel = Callable[[Sequence[CueMatches], Sequence[AgreementType]], list[dict[str, float]]]
TypeModel = Callable[[Sequence[CueMatches], Sequence[str], Sequence[str]], list[dict[str, float]]]


def adapted_models(
    folder: Path, type_model: TypeModel | None, smart_model: LetterModel | None
) -> tuple[TypeModel | None, LetterModel | None]:
    """The base models wrapped with the rules of an adapted models folder (a model without
    rules, or not a trained model, is returned as it is). ValueError when the folder's
    adaptation file is not one."""
    adaptation = load_adaptation(folder)
    if isinstance(type_model, TypeEnsemble) and adaptation.type_rules.rules:
        type_model = AdaptedTypeModel(type_model, adaptation.type_rules)
    letter_rules = {k: v for k, v in adaptation.letter_rules.items() if v.rules}
    if isinstance(smart_model, SmartLetterModel) and letter_rules:
        smart_model = AdaptedLetterModel(smart_model, letter_rules)
    return type_model, smart_model
