"""Tests for the Dutch pipeline: tokenizer exceptions, config training smoke test, trained model."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import spacy
from spacy.cli.train import train as spacy_train
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from pipeline.label.nlp import (
    SENTENCE_GUARD_NAME,
    TOKENIZER_NAME,
    load_dutch_pipeline,
    model_version,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
TRAINING_DIR = REPO_ROOT / "models" / "training"
UD_DIR = Path(__file__).resolve().parents[2] / "shared" / "ud-dutch"


@pytest.fixture(scope="module")
def blank_nlp() -> Language:
    """A blank Dutch pipeline with the project tokenizer and sentence guard, no trained weights."""
    nlp = spacy.blank("nl", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    nlp.add_pipe(SENTENCE_GUARD_NAME)
    return nlp


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        (
            "De corporatie realiseert t/m 2025 o.a. 120 woningen t.b.v. starters.",
            [
                "De",
                "corporatie",
                "realiseert",
                "t/m",
                "2025",
                "o.a.",
                "120",
                "woningen",
                "t.b.v.",
                "starters",
                ".",
            ],
        ),
        (
            "C.q. i.v.m. m.b.t. z.s.m. e.d. nr. 5 art. 3",
            ["C.q.", "i.v.m.", "m.b.t.", "z.s.m.", "e.d.", "nr.", "5", "art.", "3"],
        ),
        (
            "Een bijdrage van € 1,5 miljoen en €2,5 miljoen, ofwel 70%.",
            [
                "Een",
                "bijdrage",
                "van",
                "€",
                "1,5",
                "miljoen",
                "en",
                "€",
                "2,5",
                "miljoen",
                ",",
                "ofwel",
                "70%",
                ".",
            ],
        ),
        ("In 2016-2019 en 2023/2024.", ["In", "2016-2019", "en", "2023/2024", "."]),
        ("1.4.1 Artikel 3 Duurzaamheid", ["1.4.1", "Artikel", "3", "Duurzaamheid"]),
        ("•De gemeente", ["•", "De", "gemeente"]),
        ("▪ De · gemeente – doet", ["▪", "De", "·", "gemeente", "–", "doet"]),
        ("-De corporatie", ["-", "De", "corporatie"]),
        ("(cid:127)De huurders(cid:127)", ["(cid:127)", "De", "huurders", "(cid:127)"]),
        ("'s-Hertogenbosch en wonen-zorg", ["'s-Hertogenbosch", "en", "wonen-zorg"]),
    ],
)
def test_tokenizer_keeps_agreement_tokens(
    blank_nlp: Language, text: str, tokens: list[str]
) -> None:
    """The tokenizer keeps abbreviations, amounts, ranges and bullets as agreement texts need."""
    assert [token.text for token in blank_nlp.make_doc(text)] == tokens


def test_sentence_guard_presets_boundaries(blank_nlp: Language) -> None:
    """No sentence starts after a fixed abbreviation; a bullet at a line start starts one."""
    doc = blank_nlp("Zie o.a. De Wijk.\n• De gemeente bouwt.\n2.1 Partijen overleggen.")
    starts = [(token.text, token.is_sent_start) for token in doc if not token.is_space]
    assert starts[2] == ("De", False)
    assert starts[5] == ("•", True)
    assert starts[10] == ("2.1", True)


def _load_converter() -> ModuleType:
    """Import the training project's UD converter from its script path."""
    spec = importlib.util.spec_from_file_location(
        "convert_ud", TRAINING_DIR / "scripts" / "convert_ud.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module while being defined
    spec.loader.exec_module(module)
    return module


def test_converter_maps_v1_trees_to_v2() -> None:
    """A v1 auxiliary-headed passive and a v1 conjunction attachment come out as in UD v2."""
    converter = _load_converter()
    words = [
        ("Toch", "toch", "ADV", "", 2, "advmod"),
        ("wordt", "worden", "AUX", "", 0, "root"),
        ("de", "de", "DET", "", 4, "det"),
        ("naam", "naam", "NOUN", "", 2, "nsubjpass"),
        ("uitgesproken", "uitspreken", "VERB", "VerbForm=Part", 2, "xcomp"),
        ("en", "en", "CONJ", "", 7, "cc"),
        ("geschreven", "schrijven", "VERB", "VerbForm=Part", 5, "conj"),
        (".", ".", "PUNCT", "", 2, "punct"),
    ]
    rows = [
        converter.Row(form, lemma, upos, "_", feats, head, deprel, True)
        for form, lemma, upos, feats, head, deprel in words
    ]
    mapped = converter.map_v1_sentence(converter.Sentence("wiki-1.p.1.s.1", rows), {})
    assert [(row.head, row.deprel) for row in mapped.rows] == [
        (5, "advmod"),
        (5, "aux:pass"),
        (4, "det"),
        (5, "nsubj:pass"),
        (0, "root"),
        (7, "cc"),
        (5, "conj"),
        (5, "punct"),
    ]
    assert {row.upos for row in mapped.rows} == {""}


def _annotations(doc: Doc) -> list[tuple[str, str, str, str, int, str, bool | None]]:
    """Return every token annotation the pipeline sets, for exact comparison."""
    return [
        (
            token.tag_,
            token.pos_,
            str(token.morph),
            token.lemma_,
            token.head.i,
            token.dep_,
            token.is_sent_start,
        )
        for token in doc
    ]


def test_config_trains_and_round_trips(tmp_path: Path) -> None:
    """The training config trains on a tiny corpus and the saved pipeline reloads identically."""
    conllu = UD_DIR / "nl_alpino-ud-dev.conllu"
    if not conllu.exists():
        pytest.skip(f"UD Dutch treebanks not found at {UD_DIR}")
    converter = _load_converter()
    sentences = list(converter.read_conllu(conllu))[:10]
    vocab = spacy.blank("nl").vocab
    corpus = tmp_path / "tiny.spacy"
    DocBin(docs=converter.sentences_to_docs(vocab, sentences)).to_disk(corpus)
    overrides = {
        "paths.train": str(corpus),
        "paths.dev": str(corpus),
        "system.seed": 7,
        "training.max_steps": 6,
        "training.eval_frequency": 3,
        "components.parser.min_action_freq": 1,
        "components.trainable_lemmatizer.min_tree_freq": 1,
    }
    spacy_train(TRAINING_DIR / "config.cfg", tmp_path / "out", overrides=overrides)
    trained = spacy.load(tmp_path / "out" / "model-last")
    trained.to_disk(tmp_path / "copy")
    reloaded = spacy.load(tmp_path / "copy")
    texts = [
        "De corporatie bouwt o.a. 40 woningen. De gemeente overlegt jaarlijks.",
        "• Huurders praten mee.",
    ]
    assert [_annotations(doc) for doc in trained.pipe(texts)] == [
        _annotations(doc) for doc in reloaded.pipe(texts)
    ]
    assert reloaded.config["nlp"]["tokenizer"]["@tokenizers"] == TOKENIZER_NAME


@pytest.fixture(scope="module")
def trained_nlp() -> Language:
    """The committed trained pipeline."""
    return load_dutch_pipeline()


def _sentences(doc: Doc) -> list[str]:
    """Return the predicted sentences without surrounding whitespace."""
    return [sentence.text.strip() for sentence in doc.sents if sentence.text.strip()]


def _root_and_subject(doc: Doc, sentence_index: int) -> tuple[str, str | None]:
    """Return the root text and its nominal subject text for one predicted sentence."""
    sentence = [sent for sent in doc.sents if sent.text.strip()][sentence_index]
    subjects = [
        child.text for child in sentence.root.children if child.dep_ in {"nsubj", "nsubj:pass"}
    ]
    return sentence.root.text, subjects[0] if subjects else None


@pytest.mark.model
def test_model_version() -> None:
    """The committed pipeline reports its versioned name for provenance."""
    assert model_version() == "nl_prestatie_core-0.1.0"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sentences", "roots_and_subjects"),
    [
        (
            "De corporatie realiseert t/m 2025 in totaal 120 sociale huurwoningen. "
            "De gemeente stelt o.a. grond beschikbaar.",
            [
                "De corporatie realiseert t/m 2025 in totaal 120 sociale huurwoningen.",
                "De gemeente stelt o.a. grond beschikbaar.",
            ],
            [("realiseert", "corporatie"), ("stelt", "gemeente")],
        ),
        (
            "• De corporatie plaatst in 2025 zonnepanelen op 300 woningen.\n"
            "• De gemeente verstrekt een subsidie van € 200.000 voor isolatie.",
            [
                "• De corporatie plaatst in 2025 zonnepanelen op 300 woningen.",
                "• De gemeente verstrekt een subsidie van € 200.000 voor isolatie.",
            ],
            [("plaatst", "corporatie"), ("verstrekt", "gemeente")],
        ),
        (
            "▪ Huurders betalen een vergoeding van € 10 per maand.\n"
            "▪ Zij brengt gevraagd en ongevraagd advies uit.",
            [
                "▪ Huurders betalen een vergoeding van € 10 per maand.",
                "▪ Zij brengt gevraagd en ongevraagd advies uit.",
            ],
            [("betalen", "Huurders"), ("brengt", "Zij")],
        ),
        (
            "1.4.1 De gemeente behandelt een urgentieaanvraag binnen acht weken.\n"
            "1.4.2 De corporatie wijst jaarlijks 15 woningen toe aan urgent woningzoekenden.",
            [
                "1.4.1 De gemeente behandelt een urgentieaanvraag binnen acht weken.",
                "1.4.2 De corporatie wijst jaarlijks 15 woningen toe aan urgent woningzoekenden.",
            ],
            [("behandelt", "gemeente"), ("wijst", "corporatie")],
        ),
    ],
)
def test_model_splits_and_parses_agreements(
    trained_nlp: Language,
    text: str,
    sentences: list[str],
    roots_and_subjects: list[tuple[str, str]],
) -> None:
    """The trained pipeline splits agreement texts and finds each sentence's verb and subject."""
    doc = trained_nlp(text)
    assert _sentences(doc) == sentences
    assert [_root_and_subject(doc, index) for index in range(len(sentences))] == roots_and_subjects


@pytest.mark.model
def test_model_does_not_split_after_abbreviations(trained_nlp: Language) -> None:
    """A capitalised word after "t.b.v." or "i.v.m." does not start a new sentence."""
    doc = trained_nlp("De corporatie bouwt t.b.v. Starters en i.v.m. De wachtlijst extra woningen.")
    assert len(list(doc.sents)) == 1
