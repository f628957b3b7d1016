"""Dutch spaCy pipeline for agreement text: tokenizer, sentence rules and model loading.

In: raw Dutch text from prestatieafspraken. Out: a spaCy ``Language`` whose tokenizer keeps the
abbreviations, amounts, year ranges, section numbers and bullets of agreement documents
(docs/domain.md §2) as sensible tokens, whose parser never starts a sentence right after an
abbreviation such as "o.a." or "t.b.v.", and whose list markers ("•", "1.4.1", "a)") belong to
the sentence of their item. The trained pipeline lives in
``models/nl_prestatie_core`` and is built by ``models/training/project.yml``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from pipeline.lexicon import (
    ABBREVIATIONS,
    NO_SENTENCE_BREAK_AFTER,
    TOKEN_BULLET_GLYPHS,
    TOKEN_BULLETS,
)
from pipeline.modelfiles import MODELS_DIR

DEFAULT_MODEL_PATH: Path = MODELS_DIR / "nl_prestatie_core"
"""Where the trained pipeline lives in the repository (output of the training project)."""

TOKENIZER_NAME = "prestatie.dutch_tokenizer.v1"
SENTENCE_GUARD_NAME = "prestatie_sentence_guard"
LIST_MARKER_NAME = "prestatie_list_markers"


# Municipality names with a leading apostrophe that the Dutch defaults would split.
PLACE_NAMES: tuple[str, ...] = (
    "'s-Hertogenbosch",
    "'s-Gravenhage",
    "'s-Gravendeel",
    "'s-Gravenzande",
)

_CID_PATTERN = r"\(cid:\d+\)"
_DASH_BULLET = r"[-–—](?=[^\W\d_])"  # a dash glued to a word is a bullet: "-De gemeente"
_LIST_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)+\.?|\d+\.|\(cid:\d+\))$")  # "1.4.1", "2."
_LIST_LABEL = re.compile(r"^(?:\d{1,2}|[a-zA-Z])$")  # before ")" as in "1)" and "a)"


def _with_capitalised(abbreviations: Iterable[str]) -> list[str]:
    """Return each abbreviation plus its sentence-initial capitalised form."""
    variants: list[str] = []
    for abbreviation in abbreviations:
        for form in (abbreviation, abbreviation[:1].upper() + abbreviation[1:]):
            if form not in variants:
                variants.append(form)
    return variants


def build_dutch_tokenizer(nlp: Language) -> Tokenizer:
    """Build the Dutch default tokenizer extended for bullets, PDF glyphs and abbreviations."""
    own = [_CID_PATTERN, f"[{TOKEN_BULLET_GLYPHS}]"]
    prefixes = [*own, _DASH_BULLET, *(nlp.Defaults.prefixes or [])]
    suffixes = [*own, *(nlp.Defaults.suffixes or [])]
    infixes = [*own, *(nlp.Defaults.infixes or [])]
    rules = dict(nlp.Defaults.tokenizer_exceptions)
    for abbreviation in (*_with_capitalised(ABBREVIATIONS), *PLACE_NAMES):
        rules[abbreviation] = [{ORTH: abbreviation}]
    return Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=nlp.Defaults.token_match,
        url_match=nlp.Defaults.url_match,
    )


@spacy.registry.tokenizers(TOKENIZER_NAME)
def create_dutch_tokenizer() -> Callable[[Language], Tokenizer]:
    """Register the agreement-aware Dutch tokenizer so configs can refer to it by name."""
    return build_dutch_tokenizer


def _is_line_start(token: Token) -> bool:
    """Tell whether a token is the first non-space token on its line."""
    if token.i == 0:
        return True
    previous = token.doc[token.i - 1]
    return previous.is_space and "\n" in previous.text


def _list_marker_length(doc: Doc, index: int) -> int:
    """Return how many tokens a list marker starting at doc[index] spans, 0 if there is none."""
    token = doc[index]
    if token.text in TOKEN_BULLETS or _LIST_NUMBER.match(token.text):
        return 1
    if _LIST_LABEL.match(token.text) and index + 1 < len(doc) and doc[index + 1].text == ")":
        return 2  # "a)" and "1)" are two tokens
    return 0


@Language.component(SENTENCE_GUARD_NAME)
def sentence_guard(doc: Doc) -> Doc:
    """Preset sentence starts: none after fixed abbreviations; a list item starts at its marker.

    The treebanks have no bullets, so without this the parser makes a bullet its own sentence.
    """
    for token in doc[1:]:
        if doc[token.i - 1].text.lower() in NO_SENTENCE_BREAK_AFTER:
            token.is_sent_start = False
    for token in doc:
        length = (
            0 if token.is_space or not _is_line_start(token) else _list_marker_length(doc, token.i)
        )
        if length == 0:
            continue
        if token.i > 0:
            token.is_sent_start = True
        following = token.i + 1
        while following < len(doc) and (following < token.i + length or doc[following].is_space):
            doc[following].is_sent_start = False
            following += 1
        if following < len(doc):
            doc[following].is_sent_start = False  # the item's first word belongs to its marker
    return doc


def _hand_over_role(marker: Token) -> None:
    """Give a list marker's place in the tree to its main child, so the marker can be a leaf."""
    children = [child for child in marker.children if not child.is_space]
    if not children:
        return
    heir = next((child for child in children if child.pos_ in {"VERB", "AUX"}), children[0])
    if marker.head.i == marker.i:
        heir.head, heir.dep_ = heir, "ROOT"
    else:
        heir.head, heir.dep_ = marker.head, marker.dep_
    for child in children:
        if child.i != heir.i:
            child.head = heir


@Language.component(LIST_MARKER_NAME)
def attach_list_markers(doc: Doc) -> Doc:
    """Attach each line-start list marker to its item's root as punct, after the parser.

    The parser never saw bullets in the treebanks: it leaves a marker as its own sentence, makes
    it the root or the subject ("▪ Huurders betalen": "Huurders" flat under "▪"). The marker's
    role goes to its main child and the marker joins the sentence of its item's words.
    """
    for token in doc:
        length = (
            0 if token.is_space or not _is_line_start(token) else _list_marker_length(doc, token.i)
        )
        item_start = token.i + length
        while length and item_start < len(doc) and doc[item_start].is_space:
            item_start += 1
        if length == 0 or item_start >= len(doc):
            continue
        markers = list(doc[token.i : token.i + length])
        for marker in markers:
            _hand_over_role(marker)
        root = doc[item_start].sent.root
        for marker in markers:
            marker.head, marker.dep_ = root, "punct"
    return doc


def load_dutch_pipeline(path: Path | None = None) -> Language:
    """Load the trained pipeline (default: models/nl_prestatie_core) with its registrations."""
    return spacy.load(path if path is not None else DEFAULT_MODEL_PATH)


def model_version(path: Path | None = None) -> str:
    """Return the pipeline's version string, e.g. "nl_prestatie_core-0.1.0", for provenance."""
    meta_path = (path if path is not None else DEFAULT_MODEL_PATH) / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return f"{meta['lang']}_{meta['name']}-{meta['version']}"
