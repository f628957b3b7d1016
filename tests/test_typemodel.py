"""The learned type model: features, deterministic tiny training, save/load round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from pipeline.label.cues import CueMatcher
from pipeline.label.typemodel import (
    TypeEnsemble,
    TypeTrainingSettings,
    featurize,
    load_type_model,
    predict_type_probabilities,
    temperature_scale,
    type_features,
)
from pipeline.modelfiles import TypeCalibration, stored_calibration
from training.metrics import cohen_kappa, confusion, macro_f1
from training.textcat import save_type_model, train_type_model

TRAIN = [
    ("De corporatie bouwt in 2025 veertig woningen.", "concreet"),
    ("De gemeente stelt jaarlijks € 50.000 beschikbaar.", "concreet"),
    ("De corporatie isoleert 200 woningen tot label B.", "concreet"),
    ("Partijen overleggen twee keer per jaar.", "proces"),
    ("De corporaties leveren jaarlijks een overzicht aan.", "proces"),
    ("Partijen evalueren de afspraken in 2026.", "proces"),
    ("Partijen streven naar betaalbare woningen.", "intentie"),
    ("De gemeente zet zich in voor leefbare wijken.", "intentie"),
    ("De ambitie is om in 2030 aardgasvrij te zijn.", "intentie"),
]


def _matcher() -> CueMatcher:
    return CueMatcher(spacy.blank("nl"))


def test_featurize_hides_numbers_and_adds_cue_tags() -> None:
    cues = _matcher().analyse_many(["De corporatie bouwt in 2025 veertig woningen."])[0]
    assert featurize(cues) == (
        "de corporatie bouwt in  getal  veertig woningen. "
        "cue_action cue_party cue_quantity cue_time cue_party_deed"
    )


def test_tiny_training_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    cues = _matcher().analyse_many([t for t, _ in TRAIN])
    inputs = [featurize(c) for c in cues]
    labels = [label for _, label in TRAIN]
    settings = TypeTrainingSettings(epochs=20, seed=3, rule_weight=0.25)
    first = train_type_model(inputs, labels, settings)  # type: ignore[arg-type]
    second = train_type_model(inputs, labels, settings)  # type: ignore[arg-type]
    p1 = predict_type_probabilities(first, inputs)
    assert p1 == predict_type_probabilities(second, inputs)
    assert [max(p, key=p.get) for p in p1] == labels  # type: ignore[arg-type]
    calibration = TypeCalibration(temperature=0.7, review_threshold=0.55)
    save_type_model(first, tmp_path / "model", settings, calibration)
    loaded = load_type_model(tmp_path / "model")
    assert (loaded.training, loaded.calibration) == (settings, calibration)
    assert stored_calibration(tmp_path / "model") == calibration
    assert predict_type_probabilities(loaded.model, inputs) == p1
    n = len(cues)
    ensemble = TypeEnsemble(first, settings, calibration)(cues, [""] * n, ["list"] * n)
    assert all(abs(sum(p.values()) - 1.0) < 1e-6 for p in ensemble)


def test_a_missing_model_has_the_default_calibration(tmp_path: Path) -> None:
    assert stored_calibration(tmp_path / "nothing") == TypeCalibration()


def test_type_features_add_the_layout_and_the_heading_as_the_settings_say() -> None:
    cues = _matcher().analyse_many(["Partijen overleggen elk kwartaal."])[0]
    heading = "Hoofdstuk 7 Samenwerking, overleg en monitoring"
    words = TypeTrainingSettings(heading_features="words")
    assert type_features(cues, heading, "numbered", words) == (
        f"{featurize(cues)} src_numbered "
        "h_hoofdstuk h_7 h_samenwerking, h_overleg h_en h_monitoring"
    )
    lexicon = TypeTrainingSettings(heading_features="lexicon")
    assert type_features(cues, heading, "numbered", lexicon) == (
        f"{featurize(cues)} src_numbered hl_proces"
    )
    ambition = type_features(cues, "3. Ambities nieuwbouw", "list", lexicon)
    assert ambition == f"{featurize(cues)} src_list hl_intentie"
    none = TypeTrainingSettings(heading_features="none")
    assert type_features(cues, heading, "", none) == f"{featurize(cues)} src_onbekend"


def test_identical_texts_under_theme_headings_get_identical_features() -> None:
    """Regression (issue 19): heading theme words made identical commitments depend on the
    heading above them; only section-kind words of the heading reach the model now."""
    cues = _matcher().analyse_many(["Alle nieuwbouw wordt zonder gasaansluiting opgeleverd."])[0]
    settings = TypeTrainingSettings()
    under_energy = type_features(cues, "4. Duurzaamheid en energie", "list", settings)
    under_building = type_features(cues, "Nieuwbouw en grondbeleid", "list", settings)
    assert under_energy == under_building


def test_temperature_sharpens_without_changing_the_winner() -> None:
    sharp = temperature_scale({"intentie": 0.2, "proces": 0.3, "concreet": 0.5}, 0.5)
    assert max(sharp, key=sharp.get) == "concreet"  # type: ignore[arg-type]
    assert sharp["concreet"] > 0.5
    assert abs(sum(sharp.values()) - 1.0) < 1e-9


def test_scores() -> None:
    gold = ["a", "a", "b", "b"]
    predicted = ["a", "b", "b", "b"]
    assert confusion(gold, predicted, ["a", "b"]) == {"a": {"a": 1, "b": 1}, "b": {"a": 0, "b": 2}}
    assert round(macro_f1(gold, predicted, ["a", "b"]), 4) == round((2 / 3 + 0.8) / 2, 4)
    assert cohen_kappa(["x", "y", "x", "y"], ["x", "y", "x", "y"]) == 1.0
    assert cohen_kappa(["x", "x", "y", "y"], ["x", "y", "x", "y"]) == 0.0


def test_letter_model_can_turn_a_letter_on_only_with_a_span_to_point_at() -> None:
    from pipeline.label.smart import assess_smart

    matcher = _matcher()
    with_deed = matcher.analyse_many(["De corporatie bouwt woningen voor starters."])[0]
    nothing = matcher.analyse_many(["Goed wonen voor iedereen."])[0]
    rule_only = assess_smart(with_deed, "concreet")
    assert rule_only.m.value is False
    learned = assess_smart(with_deed, "concreet", {"S": 0.9, "M": 0.95, "A": 0.9})
    assert learned.m.value is True
    assert [s.cue for s in learned.m.spans] == ["ACTION+model"]
    assert assess_smart(nothing, "intentie", {"S": 0.99, "M": 0.99, "A": 0.99}).s.value is False
    turned_off = assess_smart(with_deed, "concreet", {"S": 0.01, "M": 0.5, "A": 0.9})
    assert (turned_off.s.value, turned_off.s.spans) == (False, [])


def test_an_intention_promises_nothing_specific_whatever_the_letter_model_says() -> None:
    from pipeline.label.smart import assess_smart

    cues = _matcher().analyse_many(["De gemeente zorgt voor meer groen in de wijken."])[0]
    assert assess_smart(cues, "concreet").s.value is True
    intention = assess_smart(cues, "intentie", {"S": 0.99, "M": 0.9, "A": 0.9}).s
    assert (intention.value, intention.spans) == (False, [])


@pytest.mark.model
def test_the_same_commitment_gets_the_same_type_in_two_documents() -> None:
    """Regression (issue 19): heading theme words gave these texts `intentie` in one sample and
    `concreet` in the other."""
    from pipeline.process import load_resources, process_document

    samples = Path(__file__).resolve().parents[1] / "data" / "input_pdfs"
    starts = ("alle nieuwbouw van de corporaties wordt gasloos", "de corporaties huisvesten de")
    types: dict[str, set[str]] = {start: set() for start in starts}
    for name in ("wolderwijk_2024-2027", "zuiderhaven_2025-2027"):
        result = process_document(
            samples / f"prestatieafspraken_{name}.pdf", resources=load_resources()
        )
        for agreement in result.agreements:
            text = agreement.agreement.text.lower()
            for start in starts:
                if text.startswith(start):
                    types[start].add(agreement.type.type)
    assert {start: len(found) for start, found in types.items()} == {start: 1 for start in starts}


def test_letter_model_s_on_a_target_row_points_at_the_promised_number() -> None:
    from pipeline.label.smart import assess_smart

    row = _matcher().analyse_many(["Nieuwe sociale huurwoningen: 2025: 40; 2026: 55"])[0]
    assert assess_smart(row, "concreet").s.value is False
    s = assess_smart(row, "concreet", {"S": 0.9, "M": 0.9, "A": 0.9}).s
    assert s.value is True
    assert [(span.text, span.cue) for span in s.spans] == [("40", "QUANTITY+model")]
