"""The shared word lists: the tokenizer knows every abbreviation, the lists fit the label lists."""

from __future__ import annotations

import pytest
import spacy

from pipeline.label.nlp import build_dutch_tokenizer
from pipeline.lexicon import (
    ABBREVIATION_ENDS_SENTENCE,
    ABBREVIATIONS,
    NO_SENTENCE_BREAK_AFTER,
    THEME_WORDS,
)
from pipeline.models import THEME_CODES


@pytest.fixture(scope="module")
def tokenizer() -> spacy.tokenizer.Tokenizer:
    return build_dutch_tokenizer(spacy.blank("nl"))


@pytest.mark.parametrize("abbreviation", ABBREVIATIONS)
def test_tokenizer_keeps_every_abbreviation_whole(
    tokenizer: spacy.tokenizer.Tokenizer, abbreviation: str
) -> None:
    """Each abbreviation, as written and capitalised at a sentence start, is a special case
    of the tokenizer and one token in a sentence."""
    for form in (abbreviation, abbreviation[:1].upper() + abbreviation[1:]):
        assert form in tokenizer.rules
        tokens = [t.text for t in tokenizer(f"De gemeente {form} bouwt")]
        assert form in tokens


def test_abbreviation_lists_are_one_list() -> None:
    ending = {a for a, ends in ABBREVIATION_ENDS_SENTENCE.items() if ends}
    assert set(ABBREVIATIONS) - ending == NO_SENTENCE_BREAK_AFTER
    assert all(a == a.lower() for a in ABBREVIATIONS)


def test_theme_words_follow_the_theme_codes() -> None:
    assert tuple(THEME_WORDS) == tuple(c for c in THEME_CODES if c != "overig")
