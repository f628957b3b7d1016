"""Stage 4, classify: agreements in, their type (`TypeLabel`) and theme (`ThemeLabel`) out.

A transparent rule-based classifier over the cue families in `pipeline.label.cues`, following the
decision guide of docs/domain.md §3 in order: process cues first, then a party committing to a
specific measure, otherwise an intention. Scores per type are turned into probabilities with a
softmax. With the learned type model (`pipeline.label.typemodel`) the type and `type_score` come
from
its probabilities, calibrated on the real corpus; the rules still give the evidence spans.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import cast

from pydantic import BaseModel, ConfigDict, Field

from pipeline.label.cues import CueMatches
from pipeline.lexicon import THEME_WORDS
from pipeline.models import (
    THEME_CODES,
    AgreementType,
    ConcreteKind,
    EvidenceSpan,
    ThemeCode,
    ThemeLabel,
    TypeLabel,
)

LearnedTypeModel = Callable[
    [Sequence[CueMatches], Sequence[str], Sequence[str]], list[dict[str, float]]
]
"""The trained type model (`pipeline.label.typemodel.TypeEnsemble`): analysed texts, their heading
paths and source kinds in; probabilities per type out."""


class ClassifySettings(BaseModel):
    """Weights of the rule-based type classifier (docs/domain.md §3 decision guide)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    proces_weight: float = Field(3.5, description="per process cue (step 1 of the guide)")
    intent_weight: float = Field(2.0, description="per intention cue (step 3)")
    action_weight: float = Field(1.5, description="a deed verb (step 2)")
    party_weight: float = Field(0.8, description="a named party next to a deed (step 2)")
    quantity_weight: float = Field(0.6, description="a number as target (supports step 2)")
    time_weight: float = Field(0.4, description="a date or deadline (supports step 2)")
    deliverable_weight: float = Field(0.4, description="a checkable deliverable (step 2)")
    intent_prior: float = Field(
        0.3,
        description="step 3 is the default when nothing else fits; lowered from 0.8 when the "
        "guide made intentie the smallest class (type macro-F1 of the rules alone 0.479 -> 0.511 "
        "on the real train municipalities, 0.673 -> 0.711 on the written training corpus)",
    )
    max_cues_counted: int = Field(2, ge=1, description="cues of one family counted at most")
    temperature: float = Field(1.0, gt=0, description="softmax temperature for type_score")


def classify_agreements(
    analysed: Sequence[CueMatches],
    headings: Sequence[str],
    settings: ClassifySettings | None = None,
    learned: LearnedTypeModel | None = None,
    source_kinds: Sequence[str] | None = None,
) -> list[tuple[TypeLabel, ThemeLabel]]:
    """Type and theme for each analysed agreement text (with its heading path and, for the
    learned model, its source kind: list, numbered, table_row or paragraph).

    With `learned` (the trained type model, see `pipeline.label.typemodel`), the type comes from its
    calibrated probabilities; the rules still give the evidence and `concrete_kind`.
    """
    settings = settings or ClassifySettings()
    if learned is not None and analysed:
        kinds = source_kinds if source_kinds is not None else [""] * len(analysed)
        probabilities = learned(analysed, headings, kinds)
        labels = [
            label_from_probabilities(c, p) for c, p in zip(analysed, probabilities, strict=True)
        ]
    else:
        labels = [classify_type(cues, settings) for cues in analysed]
    return [
        (label, classify_theme(cues.text, heading, cues))
        for label, cues, heading in zip(labels, analysed, headings, strict=True)
    ]


def rule_type_probabilities(cues: CueMatches, settings: ClassifySettings) -> dict[str, float]:
    """The rule scores as probabilities (softmax), for the ensemble."""
    return {
        str(k): v for k, v in _softmax(_type_scores(cues, settings), settings.temperature).items()
    }


def label_from_probabilities(cues: CueMatches, probabilities: dict[str, float]) -> TypeLabel:
    """The type label of the most probable type, with its probability and evidence spans."""
    winner = cast(AgreementType, max(probabilities, key=lambda k: probabilities[k]))
    return _type_label(winner, probabilities[winner], cues)


def _type_label(winner: AgreementType, probability: float, cues: CueMatches) -> TypeLabel:
    """The label for the winning type with its evidence spans and concrete_kind."""
    kind = ""
    if winner == "concreet":
        kind = "kwantitatief" if cues.get("QUANTITY") else "kwalitatief"
    evidence = [c.span() for f in _EVIDENCE_FAMILIES[winner] for c in cues.get(f)]
    return TypeLabel(
        type=winner,
        type_score=round(probability, 4),
        concrete_kind=cast(ConcreteKind, kind),
        evidence=sorted(evidence, key=lambda e: e.start),
    )


_EVIDENCE_FAMILIES: dict[str, tuple[str, ...]] = {
    "proces": ("PROCES",),
    "intentie": ("INTENT",),
    "concreet": ("ACTION", "DEED", "PARTY", "QUANTITY", "TIME", "DELIVERABLE"),
}


def classify_type(cues: CueMatches, settings: ClassifySettings) -> TypeLabel:
    """Apply the decision guide as weighted cues and return the most likely type."""
    scores = _type_scores(cues, settings)
    label: AgreementType = max(scores, key=lambda k: scores[k])
    return _type_label(label, _softmax(scores, settings.temperature)[label], cues)


def _type_scores(cues: CueMatches, settings: ClassifySettings) -> dict[AgreementType, float]:
    """Weighted cue counts per type, following the decision guide."""
    limit = settings.max_cues_counted

    def count(family: str) -> int:
        return min(len(cues.get(family)), limit)

    deeds = min(count("ACTION"), 1)
    has_party = bool(cues.get("PARTY"))
    return {
        "proces": settings.proces_weight * count("PROCES"),
        "intentie": settings.intent_prior + settings.intent_weight * count("INTENT"),
        "concreet": (
            settings.action_weight * deeds
            + (settings.party_weight if has_party and deeds else 0.0)
            + settings.quantity_weight * min(count("QUANTITY"), 1)
            + settings.time_weight * min(count("TIME"), 1)
            + settings.deliverable_weight * min(count("DELIVERABLE"), 1)
        ),
    }


def _softmax(scores: dict[AgreementType, float], temperature: float) -> dict[AgreementType, float]:
    top = max(scores.values())
    exps = {k: math.exp((v - top) / temperature) for k, v in scores.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}


def classify_theme(text: str, heading: str, cues: CueMatches | None = None) -> ThemeLabel:
    """Theme code from theme words in the heading (counted double) and the text (docs/domain.md §5);
    of themes with the same count, the one whose word comes first in the text."""
    lowered_text = f" {text.lower()} "
    lowered_heading = f" {heading.lower()} "
    scores: dict[ThemeCode, float] = {}
    evidence: dict[ThemeCode, list[EvidenceSpan]] = {}
    first: dict[ThemeCode, int] = {}
    for code in THEME_CODES:
        for stem in THEME_WORDS.get(code, ()):
            position = lowered_text.find(stem)
            if position >= 0:
                scores[code] = scores.get(code, 0.0) + 1.0
                first[code] = min(first.get(code, position), position)
                # offsets in `text` (the padded text has one space in front), without the
                # spaces some words carry to mark a word's edge ("huur ", " label")
                start = max(position - 1, 0) + len(stem) - len(stem.lstrip())
                end = start + len(stem.strip())
                evidence.setdefault(code, []).append(
                    EvidenceSpan(text=text[start:end], start=start, end=end, cue=f"theme:{code}")
                )
            if stem in lowered_heading:
                scores[code] = scores.get(code, 0.0) + 2.0
    if not scores:
        proces_only = cues is not None and bool(cues.get("PROCES"))
        return ThemeLabel(theme_code="samenwerking" if proces_only else "overig")
    # a tie goes to the theme named first: the head of a target-table indicator comes first
    # ("Nieuwbouw sociale huur (aantal)" is nieuwbouw, issue 19), then to the list's order
    best = max(
        scores,
        key=lambda k: (scores[k], -first.get(k, len(lowered_text)), -THEME_CODES.index(k)),
    )
    return ThemeLabel(theme_code=best, evidence=evidence.get(best, []))
