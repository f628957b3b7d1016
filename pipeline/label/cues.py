"""The cue matcher, shared by classify and smart: texts in, `CueMatches` (cues by family) out.

The families are the patterns of `pipeline.label.cuepatterns` (each cites its docs/domain.md
section), plus the parse's subjects, deeds and objects and the document's party names. The
matcher runs spaCy's Dutch tokenizer (and parser) and the Matchers once per text.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from pipeline.label.cuepatterns import CUE_FAMILIES
from pipeline.lexicon import PARTY_ROLE_WORDS
from pipeline.models import EvidenceSpan
from pipeline.text import YEAR_DIGITS, longest_first

_NUMBER_WORD = re.compile(
    r"^(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|"
    r"vijftien|zestien|zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|zestig|"
    r"zeventig|tachtig|negentig|honderd|duizend|en|ën)+$"
)
_NOT_A_COUNT = {"een", "één", "en", "ën"}


@dataclass(frozen=True)
class Cue:
    """One matched cue in the analysed text."""

    family: str
    start: int
    end: int
    text: str

    def span(self, supports: bool = True) -> EvidenceSpan:
        """The cue as an evidence span."""
        return EvidenceSpan(
            text=self.text, start=self.start, end=self.end, cue=self.family, supports=supports
        )


@dataclass
class CueMatches:
    """All cues found in one text, by family, plus the shape of its parse (`syntax_tags`)."""

    text: str
    by_family: dict[str, list[Cue]] = field(default_factory=dict)
    syntax: list[str] = field(default_factory=list)

    def get(self, family: str) -> list[Cue]:
        """Cues of one family, in text order."""
        return self.by_family.get(family, [])


class CueSettings(BaseModel):
    """Limits of the cue matcher."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_party_name_chars: int = Field(
        4, ge=1, description="a document's party name shorter than this is too ambiguous a cue"
    )
    object_tokens: int = Field(
        10, ge=1, description="tokens of a direct object kept in its OBJECT cue"
    )
    subject_tokens: int = Field(
        8, ge=1, description="tokens of a grammatical subject looked at for a party"
    )
    age_context_chars: int = Field(
        60, ge=0, description="characters before a number of years searched for people"
    )
    parse_batch_size: int = Field(64, ge=1, description="texts per batch of the parser")


def _literal_words(pattern: Sequence[dict[str, Any]]) -> list[str]:
    """The words of a pattern that only lists lower-case words (no operators), else []."""
    if all(set(spec) == {"LOWER"} and isinstance(spec["LOWER"], str) for spec in pattern):
        return [spec["LOWER"] for spec in pattern]
    return []


def parse_helps(source_kind: str) -> bool:
    """Whether the parser's subject/verb cues are worth their cost for this kind of agreement.

    Not for table rows (a headline and telegram-style party cells): analysed without the parse
    in training and prediction alike, type macro-F1 and SMART verdict accuracy were unchanged in
    cross-validation by municipality, and the parse is most of the cost of an actor table.
    """
    return source_kind != "table_row"


class CueMatcher:
    """Runs the cue families over texts with spaCy's Dutch tokenizer and Matcher."""

    FAMILIES: ClassVar[dict[str, Sequence[Sequence[dict[str, Any]]]]] = CUE_FAMILIES

    def __init__(
        self,
        nlp: Language,
        party_names: Iterable[str] = (),
        settings: CueSettings | None = None,
    ) -> None:
        self.nlp = nlp
        self.settings = settings or CueSettings()
        # Patterns that are plain word sequences go to a PhraseMatcher (a hash lookup per
        # token); the Matcher tries every pattern at every token, which made it most of the cost.
        self.matcher = Matcher(nlp.vocab)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for family, patterns in self.FAMILIES.items():
            words = [_literal_words(p) for p in patterns]
            phrases = [Doc(nlp.vocab, words=w) for w in words if w]
            token_patterns = [list(p) for p, w in zip(patterns, words, strict=True) if not w]
            if phrases:
                self.phrases.add(family, phrases)
            if token_patterns:
                self.matcher.add(family, token_patterns)
        self.party_names = tuple(party_names)

    def with_settings(self, settings: CueSettings) -> CueMatcher:
        """This matcher with other limits (the patterns and the language are shared)."""
        if settings == self.settings:
            return self
        other = copy.copy(self)
        other.settings = settings
        return other

    def analyse_many(
        self,
        texts: Sequence[str],
        party_names: Iterable[str] = (),
        parse: bool | Sequence[bool] = True,
    ) -> list[CueMatches]:
        """Analyse texts in a batch; extra party names (from the document) count as parties.

        `parse`, for all texts or per text: False skips the parser (no subject/verb cues), see
        `parse_helps`.
        """
        names = [
            n
            for n in (*self.party_names, *party_names)
            if len(n) >= self.settings.min_party_name_chars
        ]
        flags = [parse] * len(texts) if isinstance(parse, bool) else list(parse)
        if len(flags) != len(texts):
            raise ValueError(f"{len(flags)} parse flags for {len(texts)} texts")
        if not self.parses:
            flags = [False] * len(texts)
        parsed = iter(
            self.nlp.pipe(
                [t for t, f in zip(texts, flags, strict=True) if f],
                batch_size=self.settings.parse_batch_size,
            )
        )
        plain = iter(
            self.nlp.tokenizer.pipe(  # type: ignore[union-attr]
                [t for t, f in zip(texts, flags, strict=True) if not f]
            )
        )
        return [self._analyse(next(parsed) if f else next(plain), names) for f in flags]

    @property
    def parses(self) -> bool:
        """Whether the language pipeline has a dependency parser (subject/verb cues)."""
        return "parser" in self.nlp.pipe_names

    def _analyse(self, doc: Doc, party_names: list[str]) -> CueMatches:
        """All cues of one tokenized (and maybe parsed) text, nested and age matches dropped."""
        result = CueMatches(text=doc.text)
        spans = []
        for match_id, start, end in [*self.matcher(doc), *self.phrases(doc)]:
            spans.append((self.nlp.vocab.strings[match_id], doc[start:end]))
        for family, span in spans:
            if family == "QUANTITY" and not _is_count(span):
                continue
            result.by_family.setdefault(family, []).append(
                Cue(family, span.start_char, span.end_char, span.text)
            )
        for token in doc:
            low = token.lower_
            if _NUMBER_WORD.match(low) and low not in _NOT_A_COUNT:
                result.by_family.setdefault("QUANTITY", []).append(
                    Cue("QUANTITY", token.idx, token.idx + len(token), token.text)
                )
        if doc.has_annotation("DEP"):
            _add_subject_cues(doc, result, self.settings)
            result.syntax = syntax_tags(doc)
        lowered = doc.text.lower()
        for name in party_names:
            start = lowered.find(name.lower())
            if start >= 0:
                result.by_family.setdefault("PARTY", []).append(
                    Cue("PARTY", start, start + len(name), doc.text[start : start + len(name)])
                )
        for family, cues in result.by_family.items():
            result.by_family[family] = longest_first(cues)
        times = result.get("TIME")
        ages = [t for t in times if _is_age(doc, t, self.settings.age_context_chars)]
        if ages:
            result.by_family["TIME"] = [t for t in times if t not in ages]
        result.by_family["QUANTITY"] = [
            q
            for q in result.get("QUANTITY")
            if not any(t.start <= q.start and q.end <= t.end for t in times)
        ]
        return result


# Verbs whose subject only states a direction or a state, not a deed (docs/domain.md §4 S).
_NON_DEED_LEMMAS = {
    "streven",
    "willen",
    "proberen",
    "trachten",
    "hopen",
    "wensen",
    "ambiëren",
    "beogen",
    "inzetten",
    "bevorderen",
    "stimuleren",
    "vinden",
    "zijn",
    "hebben",
    "worden",
    "blijven",
    "achten",
    "erkennen",
    "zien",
    "menen",
    "hechten",
    "spannen",
    "kunnen",
    "mogen",
    "verwachten",
}
_SUBJECT_WORDS = re.compile(
    rf"^({'|'.join(PARTY_ROLE_WORDS)}|zij|ze|ti's|woonstichting|stichting|bewonerscommissie|"
    r"wethouder)$",
    re.IGNORECASE,
)


def _add_subject_cues(doc: Doc, result: CueMatches, settings: CueSettings) -> None:
    """With a parse: a party as grammatical subject is a PARTY cue, its verb a DEED cue, and
    the direct object of a main verb an OBJECT cue (what is delivered, evidence for M)."""
    for token in doc:
        if token.dep_ == "obj" and token.head.pos_ == "VERB":
            span = [t for t in token.subtree if t.i >= token.left_edge.i][: settings.object_tokens]
            start, end = span[0].idx, span[-1].idx + len(span[-1])
            result.by_family.setdefault("OBJECT", []).append(
                Cue("OBJECT", start, end, doc.text[start:end])
            )
    for token in doc:
        if token.dep_ != "nsubj" or _is_passive(token.head):
            continue  # in a passive clause the subject undergoes the deed, it does not commit
        span = [t for t in token.subtree if t.i >= token.left_edge.i][: settings.subject_tokens]
        is_party = any(t.pos_ == "PROPN" or _SUBJECT_WORDS.match(t.text) for t in span)
        if not is_party:
            continue
        start, end = span[0].idx, span[-1].idx + len(span[-1])
        result.by_family.setdefault("PARTY", []).append(
            Cue("PARTY", start, end, doc.text[start:end])
        )
        verb = token.head
        if verb.pos_ == "VERB" and verb.lemma_.lower() not in _NON_DEED_LEMMAS:
            result.by_family.setdefault("DEED", []).append(
                Cue("DEED", verb.idx, verb.idx + len(verb), verb.text)
            )


_MODAL_LEMMAS = {"gaan", "zullen", "willen", "kunnen", "moeten", "mogen"}


def syntax_tags(doc: Doc) -> list[str]:
    """Tag words for the shape of a parsed text, which survive terse real text (issue 17): no
    verb at all (a noun-phrase fragment such as "Inzet van ... bij ..."), the first word's lemma
    and part of speech, the root's lemma, part of speech and verb form, its subject and modal."""
    words = [t for t in doc if not t.is_punct and not t.is_space]
    if not words:
        return []
    tags = [] if any(t.pos_ in ("VERB", "AUX") for t in words) else ["syn_noverb"]
    tags += [f"syn_first_{words[0].lemma_.lower()}", f"syn_firstpos_{words[0].pos_}"]
    for root in [t for t in doc if t.dep_ == "ROOT"][:2]:
        tags += [f"syn_root_{root.lemma_.lower()}", f"syn_rootpos_{root.pos_}"]
        tags += [f"syn_rootform_{form}" for form in root.morph.get("VerbForm", [])[:1]]
        for child in root.children:
            if child.dep_ == "nsubj":
                tags.append(f"syn_subj_{child.lemma_.lower()}")
            elif child.dep_ == "aux" and child.lemma_.lower() in _MODAL_LEMMAS:
                tags.append(f"syn_aux_{child.lemma_.lower()}")
    return tags


# An age is not a time (issue 19): "65 jaar en ouder", "jongeren tot 23 jaar".
_YEARS = re.compile(r"\d+\s+jaar$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"^\s*(?:(?:en|of)\s+(?:ouder|jonger)|oud)\b", re.IGNORECASE)
_AGE_PERSONS = re.compile(
    r"\b(?:jongeren|ouderen|senioren|starters|personen|mensen|kinderen|inwoners|huurders|"
    r"bewoners|woningzoekenden|studenten|huishoudens)\s+(?:tot|vanaf|van|boven|onder)\s+$",
    re.IGNORECASE,
)


def _is_age(doc: Doc, cue: Cue, context_chars: int) -> bool:
    """A number of years that is someone's age: followed by "en ouder" / "oud", or after
    people and "tot" / "vanaf" ("jongeren tot 23 jaar"). Its number stays out of QUANTITY."""
    years = _YEARS.search(cue.text)
    if years is None:
        return False
    start = cue.start + years.start()
    before = doc.text[max(start - context_chars, 0) : start]
    return bool(_AGE_AFTER.match(doc.text[cue.end :]) or _AGE_PERSONS.search(before))


def _is_passive(verb: Token) -> bool:
    """A verb with a passive auxiliary ("worden ... afgestemd")."""
    return any(child.dep_ == "aux:pass" for child in verb.children) or verb.lemma_ == "worden"


def _is_count(span: object) -> bool:
    """Numbers that are counts or amounts: not years, dates, or section numbers."""
    text = str(span)
    if re.fullmatch(YEAR_DIGITS, text):
        return False
    return not re.fullmatch(r"\d{1,2}(\.\d{1,2}){1,3}", text)
