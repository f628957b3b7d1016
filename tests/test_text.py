"""Text clean-up helpers: glyphs, bullets, hyphenated line breaks, sentence splitting."""

from __future__ import annotations

import pytest

from pipeline.label.segment import split_sentences
from pipeline.text import bullet_prefix, clean_glyphs, join_lines, strip_bullet


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("(cid:127) De gemeente", "• De gemeente"),
        ("\uf0b7 De corporatie", "• De corporatie"),
        ("ofﬁciële afspraken", "officiële afspraken"),
        ("huur\u00adverhoging", "huurverhoging"),
        ("te  veel\u00a0spaties ", "te veel spaties"),
    ],
)
def test_clean_glyphs(raw: str, clean: str) -> None:
    assert clean_glyphs(raw) == clean


def test_bullets_are_recognised_and_stripped() -> None:
    assert bullet_prefix("• De gemeente bouwt") == "•"
    assert bullet_prefix("- De gemeente bouwt") == "-"
    assert bullet_prefix("-15% minder") is None
    assert bullet_prefix("De gemeente") is None
    assert strip_bullet("– De corporatie") == "De corporatie"


def test_join_lines_repairs_hyphen_breaks_but_keeps_real_hyphens() -> None:
    assert join_lines(["De ver-", "koop van woningen"]) == "De verkoop van woningen"
    assert join_lines(["sociale huur-", "en koopwoningen"]) == "sociale huur- en koopwoningen"
    assert join_lines(["Noord-", "Brabant"]) == "Noord- Brabant"


def test_sentences_do_not_break_on_abbreviations() -> None:
    text = "De gemeente o.a. bouwt i.v.m. de vraag. De corporatie levert t.b.v. huurders een plan."
    assert split_sentences(text) == [
        "De gemeente o.a. bouwt i.v.m. de vraag.",
        "De corporatie levert t.b.v. huurders een plan.",
    ]
