"""The label stage's entry: every label an agreement and each of its party cells get.

The cue matcher reads each text once; the type model (or the rules), the theme rules and the
SMART assessment work on what it found. Heavy objects come in a `Resources`, loaded once per
process by the caller.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from pipeline.label.classify import ClassifySettings, LearnedTypeModel, classify_agreements
from pipeline.label.cues import CueMatcher, CueMatches, CueSettings, parse_helps
from pipeline.label.metadata import MetadataSettings, canonical_party, resolve_parties
from pipeline.label.smart import SmartSettings, assess_smart
from pipeline.models import (
    Agreement,
    AgreementType,
    DocumentMetadata,
    LabelledAgreement,
    LabelledContribution,
    SmartAssessment,
    ThemeLabel,
    TypeLabel,
)

SmartLetterModel = Callable[[Sequence[CueMatches], Sequence[AgreementType]], list[dict[str, float]]]
"""The SMART letter model: per analysed text and its type, a probability per letter."""


class LabelSettings(BaseModel):
    """The settings of the label stage's steps, validated together (part of the result cache's
    key, so changing one re-labels every document)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    metadata: MetadataSettings = Field(
        default_factory=MetadataSettings,
        description="party names: how the document's parties are found and matched",
    )
    cues: CueSettings = Field(default_factory=CueSettings, description="the cue matcher")
    classify: ClassifySettings = Field(
        default_factory=ClassifySettings, description="type by the rules (without a type model)"
    )
    smart: SmartSettings = Field(
        default_factory=SmartSettings, description="the SMART letters and their model weights"
    )


@dataclass(frozen=True)
class Resources:
    """Heavy objects loaded once per process: the cue matcher (with the Dutch pipeline), the
    type model and the SMART letter model (None when not trained: the rules decide)."""

    cue_matcher: CueMatcher
    model_version: str
    type_model: LearnedTypeModel | None = None
    smart_model: SmartLetterModel | None = None

    def smart_probabilities(
        self, analysed: Sequence[CueMatches], types: Sequence[AgreementType]
    ) -> list[dict[str, float] | None]:
        """The letter model's probabilities per text, or None per text without the model."""
        if self.smart_model is None or not analysed:
            return [None] * len(analysed)
        return list(self.smart_model(analysed, types))


@dataclass(frozen=True)
class LabelInput:
    """One text to label: an agreement (with its lead-in) or a party's cell of an actor table."""

    text: str
    heading: str
    source_kind: str
    parse: bool


@dataclass(frozen=True)
class TextLabels:
    """What one `LabelInput` was given."""

    type: TypeLabel
    theme: ThemeLabel
    smart: SmartAssessment


def label_agreements(
    agreements: list[Agreement],
    metadata: DocumentMetadata,
    document_id: str,
    resources: Resources,
    settings: LabelSettings | None = None,
) -> list[LabelledAgreement]:
    """Classify type and theme, assess SMART, and label each party contribution."""
    settings = settings or LabelSettings()
    agreement_labels = label_texts(
        [_agreement_input(a) for a in agreements], metadata.parties, resources, settings
    )
    cell_labels = iter(
        label_texts(
            [_cell_input(a, c.party, c.text) for a in agreements for c in a.contributions],
            metadata.parties,
            resources,
            settings,
        )
    )
    out: list[LabelledAgreement] = []
    seen: dict[str, int] = {}
    for agreement, labels in zip(agreements, agreement_labels, strict=True):
        key = " ".join(agreement.text.lower().split())
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        out.append(
            LabelledAgreement(
                afspraak_id=afspraak_id(document_id, key, occurrence),
                agreement=agreement,
                type=labels.type,
                theme=labels.theme,
                smart=labels.smart,
                contributions=_contributions(agreement, metadata, cell_labels, settings),
                parties=resolve_parties(agreement, metadata, settings.metadata),
            )
        )
    return out


def label_texts(
    inputs: Sequence[LabelInput],
    party_names: Sequence[str],
    resources: Resources,
    settings: LabelSettings | None = None,
) -> list[TextLabels]:
    """Type, theme and SMART of each text, analysed in one batch."""
    settings = settings or LabelSettings()
    analysed = resources.cue_matcher.with_settings(settings.cues).analyse_many(
        [i.text for i in inputs], party_names, parse=[i.parse for i in inputs]
    )
    labels = classify_agreements(
        analysed,
        [i.heading for i in inputs],
        settings.classify,
        learned=resources.type_model,
        source_kinds=[i.source_kind for i in inputs],
    )
    probabilities = resources.smart_probabilities(analysed, [t.type for t, _ in labels])
    return [
        TextLabels(
            type_label,
            theme_label,
            assess_smart(cues, type_label.type, letters, settings.smart),
        )
        for cues, (type_label, theme_label), letters in zip(
            analysed, labels, probabilities, strict=True
        )
    ]


def _agreement_input(agreement: Agreement) -> LabelInput:
    """The classifier reads the lead-in (if any) and the agreement text."""
    text = f"{agreement.lead_in} {agreement.text}" if agreement.lead_in else agreement.text
    return LabelInput(
        text=text,
        heading=" ".join(agreement.heading_path),
        source_kind=agreement.source_kind,
        parse=parse_helps(agreement.source_kind),
    )


def _cell_input(agreement: Agreement, party: str, text: str) -> LabelInput:
    """A party cell is a short telegram-style deed: like its row, read without the parse."""
    return LabelInput(
        text=f"{party}: {text}",
        heading=" ".join(agreement.heading_path),
        source_kind="table_row",
        parse=False,
    )


def _contributions(
    agreement: Agreement,
    metadata: DocumentMetadata,
    cell_labels: Iterator[TextLabels],
    settings: LabelSettings,
) -> list[LabelledContribution]:
    """The agreement's party cells with their labels (taken in order from `cell_labels`)."""
    contributions = []
    for contribution in agreement.contributions:
        labels = next(cell_labels)
        contributions.append(
            LabelledContribution(
                party=canonical_party(contribution.party, metadata, settings.metadata),
                text=contribution.text,
                type=labels.type.type,
                type_score=labels.type.type_score,
                smart=labels.smart,
            )
        )
    return contributions


def afspraak_id(document_id: str, normalised_text: str, occurrence: int) -> str:
    """Stable for the same file content: depends on the document and the agreement's text."""
    digest = hashlib.sha256(f"{document_id}|{normalised_text}|{occurrence}".encode()).hexdigest()
    return f"{document_id[:8]}-{digest[:12]}"
