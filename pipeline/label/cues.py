"""Dutch cue lexicons and the matcher that finds them, shared by classify and smart.

Each cue family cites the docs/domain.md §it comes from. The matcher runs spaCy's Dutch
tokenizer and token Matcher once per text; classify and smart read the same `CueMatches`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from pipeline.lexicon import (
    CONDITION_PHRASES,
    HEDGE_PHRASES,
    PARTY_PHRASES,
    PARTY_ROLE_WORDS,
    PARTY_STEMS,
)
from pipeline.models import EvidenceSpan

_NUMBER_WORD = re.compile(
    r"^(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|"
    r"vijftien|zestien|zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|zestig|"
    r"zeventig|tachtig|negentig|honderd|duizend|en|ën)+$"
)
_NOT_A_COUNT = {"een", "één", "en", "ën"}
MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"


def _words(*words: str) -> list[list[dict[str, Any]]]:
    """One token pattern per (possibly multi-word) phrase, matched on lower case."""
    return [[{"LOWER": w} for w in phrase.split()] for phrase in words]


def _prefixes(*stems: str) -> list[list[dict[str, Any]]]:
    """Single tokens starting with one of the stems (inflections and compounds)."""
    # One alternation instead of a pattern per stem: the matcher runs one regex per token.
    return [[{"LOWER": {"REGEX": "^(?:" + "|".join(re.escape(stem) for stem in stems) + ")"}}]]


# docs/domain.md §3, proces: working together, information, the agreement itself.
PROCES = [
    *_prefixes(
        "overleg",
        "afstem",
        "afgestemd",
        "monitor",
        "rapport",
        "evalu",
        "geëvalueerd",
        "bespre",
        "besproken",
        "geschil",
        "looptijd",
        "jaarschijf",
        "voortgang",
        "verantwoord",
        "dashboard",
        "werkgroep",
        "stuurgroep",
        "kwartaaloverleg",
        "actualis",
        "geactualiseerd",
        "informatie-uitwisseling",
        "terugkoppel",
        "bijeenkomst",
        "klankbord",
        "samenwerkings",
        "uitwissel",
        "wisselen",
        "wisselt",
        "stemmen",
        "stemt",
        "vergader",
        "gesprek",
        "signaleren",
        "signaleert",
        "raadpleg",
        "adviseer",
        "advies",
    ),
    *_words(
        "stemmen af",
        "stemt af",
        "houden elkaar op de hoogte",
        "informeren elkaar",
        "wisselen informatie uit",
        "wisselen gegevens uit",
        "delen informatie",
        "delen gegevens",
        "gezamenlijk onderzoeken",
        "onderzoeken gezamenlijk",
        "gezamenlijk onderzoek",
        "in werking",
        "treedt in werking",
        "maken afspraken",
        "maken nadere afspraken",
        "nadere afspraken",
        "een overzicht",
        "het overzicht",
        "overzicht van",
        "inzicht in",
        "leveren gegevens",
        "levert gegevens",
        "verstrekken gegevens",
        "wijziging van",
        "opzeggen",
        "heronderhandel",
        "bestuurlijk",
        "ambtelijk",
        "in gesprek",
        "gaan in gesprek",
        "gaan met elkaar in gesprek",
        "met elkaar",
        "prestatieafspraken",
    ),
]

# docs/domain.md §3, intentie: direction, ambition or principle without a deliverable.
# "streven" and its forms only: "streefhuur" or "streefwaarde" are targets, not hedges.
_STRIVE = [[{"LOWER": {"REGEX": r"^(na)?stre(ven|eft|efde|efden|vend|efd)$"}}]]

INTENT = [
    *_STRIVE,
    *_prefixes(
        "ambit",
        "ambiër",
        "uitgangspunt",
        "intentie",
        "inspann",
        "stimul",
        "bevorder",
        "nastreven",
    ),
    *_words(
        "inzetten op",
        "zetten in op",
        "zet in op",
        "zetten zich in",
        "zet zich in",
        "zich inzetten",
        "zoveel mogelijk",
        "zo veel mogelijk",
        "in stand houden",
        "in stand te houden",
        "houden in stand",
        "richten zich op",
        "richt zich op",
        "aandacht voor",
        "vinden het belangrijk",
        "is belangrijk",
        "zijn belangrijk",
        "hebben de wens",
        "willen",
        "wil",
        "wensen",
        "voorkeur",
        "gericht op",
        "zich inspannen",
        "maximaal inzetten",
        "blijven inzetten",
        "hoog in het vaandel",
        "zorg dragen voor een goede",
        "zo goed mogelijk",
        "waar mogelijk",
        "indien mogelijk",
        "waar nodig",
        "proberen",
        "trachten",
        "beogen",
        "beoogt",
        "doel is",
        "het doel",
        "koers",
        "visie",
        "denken mee",
        "dragen bij aan",
        "draagt bij aan",
        "bijdragen aan",
        "verkennen",
        "verkent",
    ),
]

# docs/domain.md §3, concreet: an identifiable party does or delivers something specific.
ACTION = _prefixes(
    "realise",
    "gerealiseerd",
    "renove",
    "organis",
    "reserve",
    "bouw",
    "gebouwd",
    "lever",
    "geleverd",
    "stelt",
    "stellen",
    "gesteld",
    "label",
    "gelabeld",
    "wijst",
    "wijzen",
    "aangewezen",
    "verduurza",
    "renover",
    "sloop",
    "sloopt",
    "gesloopt",
    "verkoop",
    "verkoopt",
    "verkocht",
    "investeer",
    "investeert",
    "geïnvesteerd",
    "plaats",
    "geplaatst",
    "hanteer",
    "hanteert",
    "gehanteerd",
    "biedt",
    "bieden",
    "aangeboden",
    "huisvest",
    "gehuisvest",
    "financier",
    "gefinancierd",
    "subsidi",
    "treft",
    "treffen",
    "getroffen",
    "voert",
    "voeren",
    "uitgevoerd",
    "ontwikkel",
    "organiseer",
    "georganiseerd",
    "start",
    "gestart",
    "zorgt",
    "zorgen",
    "draagt",
    "dragen",
    "verlaag",
    "bevries",
    "beperk",
    "verhoog",
    "verleen",
    "verleent",
    "behandel",
    "isoleer",
    "geïsoleerd",
    "vervang",
    "vervangen",
    "transformeer",
    "splits",
    "aankoop",
    "koopt",
    "wijst",
    "reserveer",
    "gereserveerd",
    "neemt",
    "nemen",
    "opgenomen",
    "brengt",
    "brengen",
    "gebracht",
    "past",
    "passen",
    "toegepast",
    "maakt",
    "maken",
    "gemaakt",
    "stelt",
    "vast",
    "levert",
    "garandeer",
    "zet",
    "zetten",
    "legt",
    "leggen",
    "aangelegd",
    "richt",
    "richten",
    "ingericht",
    "verstrekt",
    "verstrekken",
    "benoem",
    "benoemt",
    "opent",
    "openen",
    "handhaaf",
    "handhaven",
    "verruim",
    "betaalt",
    "betalen",
    "compenseer",
    "vergoed",
    "draagt",
    "onderzoekt",
    "onderzoeken",
    "laat",
    "laten",
    "herstructureer",
    "herontwikkel",
    "ondersteun",
    "begeleid",
    "bemiddel",
    "voorziet",
    "houdt",
    "houden",
    "hanteren",
    "bouwen",
    "verhuur",
    "verhuren",
    "liberaliseer",
)


# docs/domain.md §4 S: a named responsible party.
PARTY = [*_prefixes(*PARTY_STEMS), *_words(*PARTY_PHRASES)]

# docs/domain.md §4 M: a verifiable deliverable.
DELIVERABLE = [
    [
        {
            "LOWER": {
                # "aanbod" (the supply of homes) is no deliverable, unlike a corporation's "bod".
                "REGEX": r"^(?![\w-]*aanbod$)[\w-]*(plan|overzicht|convenant|rapportage|notitie|"
                r"aanspreekpunt|protocol|regeling|afsprakenkader|jaarverslag|programma|verslag|verordening|"
                r"contactpersoon|meldpunt|loket|brochure|factsheet|monitor|rapport|routekaart|"
                r"strategie|kaart|lijst|nieuwsbrief|wijkschouw|spreekuur|advies|besluit|bod|"
                r"evaluatie|inventarisatie|analyse|onderzoek|prognose|beleid|jaarschijf|planning|"
                r"agenda|overeenkomst|pilot|project|campagne|projecten|pilots|"
                r"overzichten|convenanten|regelingen|campagnes|protocollen)$"
            }
        }
    ]
]


# docs/domain.md §4 A: hedging; §4 R: conditions that leave it open.
HEDGE = _words(*HEDGE_PHRASES)
CONDITION = _words(*CONDITION_PHRASES)

# docs/domain.md §4 R: named means.
MEANS: list[list[dict[str, Any]]] = [
    [{"LOWER": {"IN": ["€", "eur", "euro"]}}],
    *_words(
        "budget",
        "fte",
        "formatie",
        "locatie",
        "locaties",
        "middelen",
        "subsidie",
        "bijdrage",
        "fonds",
        "kavel",
        "grond",
        "bouwgrond",
        "investering",
    ),
]


# docs/domain.md §4 T: a date, year, period, deadline or frequency.
_YEAR = {"TEXT": {"REGEX": r"^(19[89]\d|20[0-6]\d)$"}}
_YEAR_RANGE = {"TEXT": {"REGEX": r"^(19|20)\d\d[-/–](19|20)?\d\d$"}}
_DAY = {"TEXT": {"REGEX": r"^([1-9]|[12]\d|3[01])$"}}
_MONTH = {"LOWER": {"REGEX": f"^({MONTHS})$"}}
TIME: list[list[dict[str, Any]]] = [
    [_YEAR],
    [_YEAR_RANGE],
    [_DAY, _MONTH, {"TEXT": {"REGEX": r"^(19|20)\d\d$"}, "OP": "?"}],
    [_MONTH, _YEAR],
    [
        {
            "LOWER": {
                "REGEX": r"^(jaarlijks|maandelijks|wekelijks|halfjaarlijks|tweejaarlijks|"
                r"driejaarlijks|elk|ieder|kwartaal\w*|dagelijks)$"
            }
        },
        {"LOWER": {"IN": ["jaar", "kwartaal", "half", "maand", "week"]}, "OP": "?"},
    ],
    [
        {
            "LOWER": {
                "IN": [
                    "per",
                    "elk",
                    "ieder",
                    "één",
                    "eens",
                    "twee",
                    "drie",
                    "vier",
                    "2x",
                    "1x",
                    "3x",
                    "4x",
                    "keer",
                ]
            }
        },
        {"LOWER": {"IN": ["keer", "maal"]}, "OP": "?"},
        {"LOWER": {"IN": ["per", "in", "het"]}, "OP": "?"},
        {"LOWER": {"IN": ["jaar", "kwartaal", "maand", "week", "halfjaar", "jaren"]}},
    ],
    [
        {
            "LOWER": {"IN": ["binnen", "uiterlijk", "vóór", "voor", "na", "tot", "vanaf", "per"]},
            "OP": "?",
        },
        {"LIKE_NUM": True},
        {"LOWER": {"REGEX": r"^(dag|dagen|week|weken|maand|maanden|jaar|jaren|werkdagen)$"}},
    ],
    [
        {
            "LOWER": {
                "IN": [
                    "uiterlijk",
                    "eind",
                    "begin",
                    "medio",
                    "voorjaar",
                    "najaar",
                    "zomer",
                    "q1",
                    "q2",
                    "q3",
                    "q4",
                    "kwartaal",
                ]
            }
        },
        {"LOWER": {"IN": ["het", "de"]}, "OP": "?"},
        _YEAR,
    ],
    *_words(
        "binnen acht weken",
        "binnen zes weken",
        "binnen een maand",
        "binnen een jaar",
        "binnen twee weken",
        "binnen drie maanden",
        "binnen zes maanden",
        "voor de zomer",
        "na de zomer",
        "aan het eind van het jaar",
        "aan het einde van het jaar",
        "voor het eind van het jaar",
        "voor het einde van het jaar",
        "in het eerste kwartaal",
        "in het tweede kwartaal",
        "in het derde kwartaal",
        "in het vierde kwartaal",
        "dit jaar",
        "volgend jaar",
        "komend jaar",
        "per jaar",
        "per kwartaal",
        "elke maand",
        "ieder jaar",
        "elk jaar",
        "jaarlijks",
        "twee keer per jaar",
        "halverwege",
        "tijdens de looptijd",
        "gedurende de looptijd",
    ),
]

# docs/domain.md §4 M: numbers, amounts, percentages (years and dates are T, not M).
QUANTITY: list[list[dict[str, Any]]] = [
    [
        {"TEXT": {"REGEX": r"^\d[\d.]*(,\d+)?%?$"}, "OP": "+"},
        {"LOWER": {"IN": ["%", "procent", "miljoen", "mln", "mln.", "duizend"]}, "OP": "?"},
    ],
    [{"TEXT": {"REGEX": r"^\d+(,\d+)?%$"}}],
    [
        {"LOWER": {"IN": ["€", "eur"]}},
        {"TEXT": {"REGEX": r"^\d[\d.,]*(-|,-)?$"}},
        {"LOWER": {"IN": ["miljoen", "mln", "mln.", "duizend", "miljard"]}, "OP": "?"},
    ],
    [{"LOWER": {"FUZZY1": "procent"}}],
    [{"LOWER": {"REGEX": r"^(label|energielabel)$"}}, {"TEXT": {"REGEX": r"^[A-G](\+{1,4})?$"}}],
]


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

    FAMILIES: ClassVar[dict[str, Sequence[Sequence[dict[str, Any]]]]] = {
        "PROCES": PROCES,
        "INTENT": INTENT,
        "ACTION": ACTION,
        "PARTY": PARTY,
        "DELIVERABLE": DELIVERABLE,
        "HEDGE": HEDGE,
        "CONDITION": CONDITION,
        "MEANS": MEANS,
        "TIME": TIME,
        "QUANTITY": QUANTITY,
    }

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
            result.by_family[family] = _longest_first(cues)
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
    if re.fullmatch(r"(19[89]\d|20[0-6]\d)", text):
        return False
    return not re.fullmatch(r"\d{1,2}(\.\d{1,2}){1,3}", text)


def _longest_first(cues: list[Cue]) -> list[Cue]:
    """Drop cues nested in longer ones of the same family, keep text order."""
    kept: list[Cue] = []
    for cue in sorted(cues, key=lambda c: (c.start, -(c.end - c.start))):
        if kept and cue.start < kept[-1].end:
            continue
        kept.append(cue)
    return kept
