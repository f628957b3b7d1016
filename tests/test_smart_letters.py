"""Fifteen positive and fifteen negative Dutch examples per SMART letter (tests/data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.label.classify import classify_agreements
from pipeline.label.smart import assess_smart
from pipeline.process import load_resources

EXAMPLES = json.loads((Path(__file__).parent / "data" / "smart_letters.json").read_text("utf-8"))
CASES = [
    (letter, text, polarity == "positive")
    for letter, sets in EXAMPLES.items()
    for polarity, texts in sets.items()
    for text in texts
]


def test_fifteen_examples_each_way_per_letter() -> None:
    assert {k: (len(v["positive"]), len(v["negative"])) for k, v in EXAMPLES.items()} == {
        letter: (15, 15) for letter in "SMART"
    }


@pytest.mark.parametrize(("letter", "text", "expected"), CASES, ids=lambda v: str(v)[:40])
def test_letter(letter: str, text: str, expected: bool) -> None:
    resources = load_resources()
    cues = resources.cue_matcher.analyse_many([text])[0]
    ((type_label, _),) = classify_agreements([cues], [""], learned=resources.type_model)
    result = assess_smart(cues, type_label.type).letters()[letter]  # type: ignore[index]
    assert result.value is expected
    if expected and letter in "SMT":
        assert result.spans and all(text[s.start : s.end] == s.text for s in result.spans)
