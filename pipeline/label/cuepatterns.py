"""The cue families as spaCy token patterns (docs/domain.md §3 and §4), read by `cues.CueMatcher`.

Each family cites the section of docs/domain.md it comes from; word lists that other modules
read as well live in `pipeline.lexicon`. Plain word sequences go to a PhraseMatcher, the rest
(prefixes, regular expressions, operators) to the token Matcher.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pipeline.lexicon import CONDITION_PHRASES, HEDGE_PHRASES, PARTY_PHRASES, PARTY_STEMS
from pipeline.text import YEAR_DIGITS

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
_YEAR = {"TEXT": {"REGEX": f"^{YEAR_DIGITS}$"}}
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


CUE_FAMILIES: dict[str, Sequence[Sequence[dict[str, Any]]]] = {
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
"""The pattern families the matcher runs, by cue family name."""
