"""Stage 4, classify: agreements in, their type (`TypeLabel`) and theme (`ThemeLabel`) out.

A transparent rule-based classifier over the cue families in `pipeline.cues`, following the
decision guide of DOMAIN.md §3 in order: process cues first, then a party committing to a
specific deed, otherwise an intention. Scores per type are turned into probabilities with a
softmax; `type_score` is the winner's probability (not yet calibrated on held-out data).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from pipeline.cues import THEMES, Cue, CueMatches
from pipeline.models import AgreementType, EvidenceSpan, ThemeLabel, TypeLabel


class ClassifySettings(BaseModel):
    """Weights of the rule-based type classifier (DOMAIN.md §3 decision guide)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    proces_weight: float = Field(3.5, description="per process cue (step 1 of the guide)")
    intent_weight: float = Field(2.0, description="per intention cue (step 3)")
    action_weight: float = Field(1.5, description="a deed verb (step 2)")
    party_weight: float = Field(0.8, description="a named party next to a deed (step 2)")
    quantity_weight: float = Field(0.6, description="a number as target (supports step 2)")
    time_weight: float = Field(0.4, description="a date or deadline (supports step 2)")
    deliverable_weight: float = Field(0.4, description="a checkable deliverable (step 2)")
    intent_prior: float = Field(0.8, description="step 3 is the default when nothing else fits")
    max_cues_counted: int = Field(2, ge=1, description="cues of one family counted at most")
    temperature: float = Field(1.0, gt=0, description="softmax temperature for type_score")


@dataclass(frozen=True)
class TypeDecision:
    """The raw scores behind a type label, kept for evaluation."""

    scores: dict[AgreementType, float]


def classify_agreements(
    analysed: Sequence[CueMatches],
    headings: Sequence[str],
    settings: ClassifySettings | None = None,
) -> list[tuple[TypeLabel, ThemeLabel]]:
    """Type and theme for each analysed agreement text (with its heading path)."""
    settings = settings or ClassifySettings()
    return [
        (classify_type(cues, settings), classify_theme(cues.text, heading, cues))
        for cues, heading in zip(analysed, headings, strict=True)
    ]


def classify_type(cues: CueMatches, settings: ClassifySettings) -> TypeLabel:
    """Apply the decision guide as weighted cues and return the most likely type."""
    limit = settings.max_cues_counted

    def count(family: str) -> int:
        return min(len(cues.get(family)), limit)

    deeds = min(count("ACTION"), 1)
    has_party = bool(cues.get("PARTY"))
    scores: dict[AgreementType, float] = {
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
    label: AgreementType = max(scores, key=lambda k: scores[k])
    probabilities = _softmax(scores, settings.temperature)
    evidence_families = {
        "proces": ("PROCES",),
        "intentie": ("INTENT",),
        "concreet": ("ACTION", "PARTY", "QUANTITY", "TIME", "DELIVERABLE"),
    }[label]
    evidence = [c.span() for f in evidence_families for c in cues.get(f)]
    kind = ""
    if label == "concreet":
        kind = "kwantitatief" if cues.get("QUANTITY") else "kwalitatief"
    return TypeLabel(
        type=label,
        type_score=round(probabilities[label], 4),
        concrete_kind=kind,
        evidence=sorted(evidence, key=lambda e: e.start),
    )


def _softmax(scores: dict[AgreementType, float], temperature: float) -> dict[AgreementType, float]:
    top = max(scores.values())
    exps = {k: math.exp((v - top) / temperature) for k, v in scores.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}


def classify_theme(text: str, heading: str, cues: CueMatches | None = None) -> ThemeLabel:
    """Theme code from theme words in the heading (counted double) and the text (DOMAIN.md §5)."""
    lowered_text = f" {text.lower()} "
    lowered_heading = f" {heading.lower()} "
    scores: dict[str, float] = {}
    evidence: dict[str, list[EvidenceSpan]] = {}
    for code, stems in THEMES.items():
        for stem in stems:
            position = lowered_text.find(stem)
            if position >= 0:
                scores[code] = scores.get(code, 0.0) + 1.0
                start = max(position - 1, 0)
                evidence.setdefault(code, []).append(
                    EvidenceSpan(
                        text=text[start : start + len(stem)].strip(),
                        start=start,
                        end=start + len(stem),
                        cue=f"theme:{code}",
                    )
                )
            if stem in lowered_heading:
                scores[code] = scores.get(code, 0.0) + 2.0
    if not scores:
        proces_only = cues is not None and bool(cues.get("PROCES"))
        return ThemeLabel(theme_code="samenwerking" if proces_only else "overig")
    best = max(scores, key=lambda k: (scores[k], -list(THEMES).index(k)))
    return ThemeLabel(theme_code=best, evidence=evidence.get(best, []))


def first(cues: list[Cue]) -> Cue | None:
    """The first cue of a list, if any."""
    return cues[0] if cues else None
