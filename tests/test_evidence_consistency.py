"""A SMART letter and the evidence shown beside it never contradict each other (issue 19: A was
true beside red hedge marks in the report), on every row of every shipped and realistic PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from pipeline.label.cues import CueMatcher
from pipeline.label.smart import assess_smart
from pipeline.models import SmartAssessment
from pipeline.process import load_resources, process_document

REPO = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted((REPO / "data" / "input_pdfs").glob("*.pdf")) + sorted(
    (REPO / "tests" / "data" / "realistic").glob("*.pdf")
)


def contradictions(smart: SmartAssessment) -> list[str]:
    """Letters shown true with a span against them, or false with a span for them."""
    out = []
    for letter, result in smart.letters().items():
        for span in result.spans:
            if span.supports != result.value:
                out.append(f"{letter}={result.value} beside {span.cue} '{span.text}'")
    return out


def test_a_hedge_keeps_a_false_whatever_the_letter_model_says() -> None:
    cues = CueMatcher(spacy.blank("nl")).analyse_many(
        ["De corporaties zetten waar mogelijk in op doorstroming van senioren."]
    )[0]
    smart = assess_smart(cues, "intentie", {"S": 0.9, "M": 0.9, "A": 0.99})
    assert smart.a.value is False
    assert [(s.text, s.supports) for s in smart.a.spans] == [("waar mogelijk", False)]
    assert contradictions(smart) == []


@pytest.mark.model
@pytest.mark.parametrize("pdf", DOCUMENTS, ids=lambda p: p.stem)
def test_no_letter_contradicts_its_evidence(pdf: Path) -> None:
    result = process_document(pdf, resources=load_resources())
    assert result.status == "ok"
    found = []
    for agreement in result.agreements:
        found += [f"{agreement.agreement.text[:60]}: {c}" for c in contradictions(agreement.smart)]
        for contribution in agreement.contributions:
            found += [f"{contribution.text[:60]}: {c}" for c in contradictions(contribution.smart)]
    assert found == []
    assert len(result.agreements) > 20
