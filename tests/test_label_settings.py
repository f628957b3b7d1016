"""The label stage's settings reach every step (regression: `PipelineSettings.classify` was part
of the cache key but never passed on, so changing it changed nothing but the key)."""

from __future__ import annotations

import pytest
import spacy

from pipeline.label import agreements
from pipeline.label.agreements import LabelInput, LabelSettings, Resources, label_texts
from pipeline.label.classify import ClassifySettings
from pipeline.label.cues import CueMatcher, CueSettings
from pipeline.label.smart import SmartSettings
from pipeline.process import PipelineSettings

TEXT = "Woonstichting Eemhaven bouwt in 2026 zestig sociale huurwoningen."


def _rules_only() -> Resources:
    """No Dutch pipeline and no learned models: the rules decide, quickly."""
    return Resources(cue_matcher=CueMatcher(spacy.blank("nl")), model_version="test")


def _label(settings: LabelSettings) -> agreements.TextLabels:
    item = LabelInput(text=TEXT, heading="Nieuwbouw", source_kind="list", parse=False)
    return label_texts([item], ["Woonstichting Eemhaven"], _rules_only(), settings)[0]


def test_classify_settings_change_the_rule_type() -> None:
    assert _label(LabelSettings()).type.type == "concreet"
    leaning = LabelSettings(classify=ClassifySettings(intent_prior=50.0))
    assert _label(leaning).type.type == "intentie"


def test_cue_settings_reach_the_matcher() -> None:
    """A document's party name shorter than `min_party_name_chars` is no cue: only the generic
    party word of the pattern list is found."""
    default = [(s.cue, s.text) for s in _label(LabelSettings()).smart.s.spans]
    assert default == [("PARTY", "Woonstichting Eemhaven"), ("ACTION", "bouwt")]
    strict = LabelSettings(cues=CueSettings(min_party_name_chars=40))
    found = [(s.cue, s.text) for s in _label(strict).smart.s.spans]
    assert found == [("PARTY", "Woonstichting"), ("ACTION", "bouwt")]


def test_smart_settings_are_passed_to_the_assessment(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[SmartSettings | None] = []
    original = agreements.assess_smart

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(args[3] if len(args) > 3 else kwargs.get("settings"))  # type: ignore[arg-type]
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(agreements, "assess_smart", spy)
    mine = SmartSettings(model_weights={"S": 0.1, "M": 0.2, "A": 0.3})
    _label(LabelSettings(smart=mine))
    assert seen == [mine]


def test_label_settings_are_part_of_the_cache_key() -> None:
    default = PipelineSettings().model_dump_json()
    weights = SmartSettings(model_weights={"S": 0.5, "M": 0.8, "A": 0.8})
    assert PipelineSettings(label=LabelSettings(smart=weights)).model_dump_json() != default
