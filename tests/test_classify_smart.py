"""Rule-based type, theme and SMART: exact labels and evidence spans on Dutch examples."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from pipeline.label.classify import ClassifySettings, classify_theme, classify_type
from pipeline.label.cues import CueMatcher, _literal_words, parse_helps
from pipeline.label.smart import assess_smart, smart_verdict
from pipeline.models import SmartLetterResult
from pipeline.process import load_resources


def _cues(text: str):  # type: ignore[no-untyped-def]
    return load_resources().cue_matcher.analyse_many([text])[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De corporatie realiseert in 2025 veertig sociale huurwoningen.", "concreet"),
        ("De gemeente wijst één vast aanspreekpunt aan voor de corporaties.", "concreet"),
        ("De gemeente stelt jaarlijks € 50.000 beschikbaar voor het woonlastenfonds.", "concreet"),
        ("Partijen streven naar 70% betaalbare woningen in de nieuwbouw.", "intentie"),
        ("De corporaties zetten zich in om zoveel mogelijk woningen te verduurzamen.", "intentie"),
        ("Betaalbaarheid van het wonen staat voorop.", "intentie"),
        ("Partijen overleggen twee keer per jaar over de voortgang van de afspraken.", "proces"),
        (
            "De corporaties leveren jaarlijks voor 1 mei een overzicht van de toewijzingen.",
            "proces",
        ),
        ("Geschillen worden voorgelegd aan een onafhankelijke commissie.", "proces"),
        ("Gemeente en corporaties wisselen maandelijks gegevens uit over achterstanden.", "proces"),
    ],
)
def test_type_follows_the_decision_guide(text: str, expected: str) -> None:
    label = classify_type(_cues(text), ClassifySettings())
    assert label.type == expected
    assert 0.0 <= label.type_score <= 1.0


def test_concrete_kind_depends_on_a_number() -> None:
    settings = ClassifySettings()
    quantitative = classify_type(_cues("De corporatie bouwt in 2026 dertig woningen."), settings)
    qualitative = classify_type(_cues("De gemeente wijst een vast aanspreekpunt aan."), settings)
    assert (quantitative.concrete_kind, qualitative.concrete_kind) == (
        "kwantitatief",
        "kwalitatief",
    )


@pytest.mark.parametrize(
    ("text", "heading", "theme"),
    [
        ("De corporatie isoleert 200 woningen tot label B.", "", "duurzaamheid"),
        ("Partijen bespreken jaarlijks de huurachterstanden en de schuldhulp.", "", "armoede"),
        ("De corporatie huisvest jaarlijks 25 vergunninghouders.", "", "bijzondere_doelgroepen"),
        ("De corporatie realiseert 40 woningen.", "4 Nieuwbouw", "nieuwbouw"),
        ("Onderwerp zonder aanwijzing.", "", "overig"),
        # target-table rows (issue 19): the indicator's head word decides a tie
        (
            "Nieuwbouw sociale huur (aantal). 2026: 30. 2027: 45",
            "Bijlage 2 Jaarschijf",
            "nieuwbouw",
        ),
        ("Nieuwbouw middenhuur (aantal). 2026: 12. 2027: 8", "Bijlage 2 Jaarschijf", "nieuwbouw"),
        ("Huurverlaging bij nieuwbouw (aantal). 2026: 5", "", "betaalbaarheid"),
        # "gelabeld" is not an energy label
        ("Woningen gelabeld voor ouderen (aantal). 2026: 12", "Bijlage 2 Jaarschijf", "wonen_zorg"),
        ("Woningen met een E-, F- of G-label (aantal). 2026: 40", "", "duurzaamheid"),
    ],
)
def test_theme_codes(text: str, heading: str, theme: str) -> None:
    assert classify_theme(text, heading).theme_code == theme


def test_theme_evidence_spans_are_the_words_found() -> None:
    text = "Woonstichting Oost brengt 30 woningen naar label B zonder extra huur voor de huurder."
    label = classify_theme(text, "")
    assert label.theme_code == "duurzaamheid"
    assert [(e.text, e.start, e.end) for e in label.evidence] == [("label", 43, 48)]
    assert classify_theme("De huur daalt.", "").evidence[0].model_dump() == {
        "text": "huur",
        "start": 3,
        "end": 7,
        "cue": "theme:betaalbaarheid",
        "supports": True,
    }


def test_smart_letters_carry_their_evidence() -> None:
    text = "De corporatie realiseert in 2025 veertig sociale huurwoningen."
    result = assess_smart(_cues(text), "concreet")
    assert (result.s.value, result.m.value, result.a.value, result.r.value, result.t.value) == (
        True,
        True,
        True,
        True,
        True,
    )
    assert result.verdict == "ja"
    assert [s.text for s in result.t.spans] == ["2025"]
    assert [s.text for s in result.m.spans] == ["veertig"]
    assert [s.text for s in result.s.spans] == ["De corporatie", "realiseert"]
    for span in result.t.spans + result.m.spans:
        assert text[span.start : span.end] == span.text


def test_hedges_and_conditions_are_evidence_against() -> None:
    text = "De corporatie bouwt waar mogelijk 30 woningen, mits de gemeente de grond levert."
    result = assess_smart(_cues(text), "concreet")
    assert not result.a.value and [s.text for s in result.a.spans] == ["waar mogelijk"]
    assert not result.r.value and [s.text for s in result.r.spans] == ["mits"]
    assert all(not s.supports for s in result.a.spans + result.r.spans)
    assert result.verdict == "deels"


def test_vague_intention_is_not_smart() -> None:
    result = assess_smart(_cues("Partijen streven naar een prettige woonomgeving."), "intentie")
    assert (result.s.value, result.m.value, result.t.value) == (False, False, False)
    assert result.verdict == "nee"


@pytest.mark.parametrize(
    ("letters", "verdict"),
    [
        ((True, True, True, True, True), "ja"),
        ((False, False, True, True, False), "nee"),
        ((True, False, True, True, False), "deels"),
        ((False, False, False, False, True), "deels"),
        ((True, True, True, False, True), "deels"),
    ],
)
def test_verdict_rule(letters: tuple[bool, ...], verdict: str) -> None:
    s, m, a, r, t = (SmartLetterResult(value=v) for v in letters)
    assert smart_verdict(s, m, a, r, t) == verdict


def test_table_rows_are_analysed_without_the_parse() -> None:
    assert parse_helps("table_row") is False
    assert all(parse_helps(kind) for kind in ("list", "numbered", "paragraph"))


@pytest.mark.model
def test_parse_flags_per_text_decide_the_subject_cues() -> None:
    matcher = load_resources().cue_matcher
    text = "De corporatie bouwt in 2026 veertig woningen."
    parsed, plain = matcher.analyse_many([text, text], parse=[True, False])
    assert [c.text for c in parsed.get("DEED")] == ["bouwt"]
    assert plain.get("DEED") == [] and plain.get("OBJECT") == []
    assert [c.text for c in parsed.get("TIME")] == [c.text for c in plain.get("TIME")] == ["2026"]
    with pytest.raises(ValueError, match="1 parse flags for 2 texts"):
        matcher.analyse_many([text, text], parse=[True])


def test_word_sequence_patterns_match_as_in_the_token_matcher() -> None:
    """The PhraseMatcher that takes the plain word patterns finds what a Matcher would."""
    cue_matcher = load_resources().cue_matcher
    reference = Matcher(cue_matcher.nlp.vocab)
    for family, patterns in CueMatcher.FAMILIES.items():
        reference.add(family, [list(p) for p in patterns])
    texts = [
        "Partijen voeren ten minste twee maal per jaar bestuurlijk overleg.",
        "De gemeente streeft ernaar, voor zover mogelijk en onder voorbehoud van middelen, "
        "uiterlijk 1 juli 2026 een plan van aanpak op te stellen.",
        "Wonen Plus: Brengt in overleg met de huurdersvereniging elk kwartaal verslag uit.",
        "In 2025 en 2026 worden in totaal honderdtwintig woningen gesloopt en vervangen.",
    ]
    for doc in cue_matcher.nlp.tokenizer.pipe(texts):
        # as sets: a span found by both matchers comes twice, which the cue analysis merges
        split = {*cue_matcher.matcher(doc), *cue_matcher.phrases(doc)}
        assert split == set(reference(doc))
    patterns = [p for family in CueMatcher.FAMILIES.values() for p in family]
    literal = [p for p in patterns if _literal_words(p)]
    assert len(literal) > 0.8 * len(patterns)  # most patterns are plain word sequences


def test_only_plain_lower_case_word_patterns_are_literal() -> None:
    assert _literal_words([{"LOWER": "ten"}, {"LOWER": "minste"}]) == ["ten", "minste"]
    assert _literal_words([{"LOWER": {"IN": ["ten", "tenminste"]}}]) == []
    assert _literal_words([{"LOWER": "per"}, {"LOWER": "jaar", "OP": "?"}]) == []


@pytest.mark.parametrize(
    ("text", "times"),
    [
        ("Woonstichting Oost wijst woningen toe aan huurders van 67 jaar en ouder.", []),
        ("De corporatie bouwt in 2027 16 woningen voor jongeren tot 24 jaar.", ["2027"]),
        ("Senioren vanaf 70 jaar krijgen jaarlijks een huisbezoek.", ["jaarlijks"]),
        ("Bewoners van 80 jaar oud krijgen voorrang.", []),
        # durations stay times
        ("De gemeente beslist binnen 2 jaar over de locatie.", ["binnen 2 jaar"]),
        ("Het contract loopt tot 5 jaar na oplevering.", ["tot 5 jaar"]),
    ],
)
def test_an_age_is_not_a_time(text: str, times: list[str]) -> None:
    cues = _cues(text)
    assert [c.text for c in cues.get("TIME")] == times
    assert not {"67", "24", "70", "80"} & {c.text for c in cues.get("QUANTITY")}
