"""The product's word lists: one home for each list that more than one module reads.

Each list says what it is for and where it comes from (docs/domain.md). Lists that only one
module uses and that only mean something there (the segment stage's commitment verbs, the
tokenizer's place names) stay in that module.
"""

from __future__ import annotations

from pipeline.models import ThemeCode

# --- abbreviations (docs/domain.md §2) -------------------------------------------------------

ABBREVIATION_ENDS_SENTENCE: dict[str, bool] = {
    "o.a.": False,
    "t.b.v.": False,
    "c.q.": False,
    "i.v.m.": False,
    "m.b.t.": False,
    "z.s.m.": True,
    "t/m": False,
    "e.d.": True,
    "nr.": False,
    "art.": False,
    "t.a.v.": False,
    "i.s.m.": False,
    "d.w.z.": False,
    "m.u.v.": False,
    "i.o.m.": False,
    "a.s.": False,
    "m.i.v.": False,
    "n.a.v.": False,
    "i.p.v.": False,
    "t.z.t.": True,
    "etc.": True,
    "enz.": True,
    "incl.": True,
    "excl.": True,
    "ca.": False,
    "mln.": True,
    "mld.": True,
    "resp.": False,
    "bijv.": False,
    "vs.": False,
    "jo.": False,
    "o.b.v.": True,
    "jl.": True,
    "e.a.": True,
    "min.": True,
    "max.": True,
    "evt.": True,
    "m.n.": True,
}
"""Abbreviations common in agreement texts, each with whether it can end a sentence ("... en
dergelijke zaken z.s.m."). Every one is one token for the tokenizer (also capitalised at a
sentence start) and never a sentence end for the rule-based sentence splitter; the spaCy
pipeline never starts a sentence after those that cannot end one and leaves the others to the
parser."""

ABBREVIATIONS: tuple[str, ...] = tuple(ABBREVIATION_ENDS_SENTENCE)
"""The abbreviations, in the order the sentence splitter protects them in."""

NO_SENTENCE_BREAK_AFTER: frozenset[str] = frozenset(
    a for a, ends in ABBREVIATION_ENDS_SENTENCE.items() if not ends
)
"""Abbreviations after which the spaCy pipeline never starts a sentence (lower case)."""

# --- sentence ends -----------------------------------------------------------------------------

SENTENCE_END_MARKS: tuple[str, ...] = (".", "!", "?")
"""Marks that end a sentence."""

CLAUSE_END_MARKS: tuple[str, ...] = (".", ":", ";", "!", "?")
"""Marks after which a printed unit (a list item, a paragraph, a table cell) is complete: a
sentence end, a colon before a list, or a semicolon between list items."""

# --- bullets and list markers (docs/domain.md §2 "Glyph artefacts") ---------------------------

BULLET = "•"
"""The one bullet glyph every PDF bullet leftover is normalised to."""

BULLET_GLYPHS = "•◦▪▫■□●○‣⁃∙·➢➤►▶✓✔❖*"
"""Glyphs that mark a list item wherever they stand at a line start."""

DASH_BULLETS = "-–—_"
"""Dashes that mark a list item when a space follows; OCR reads some bullets as "_" (issue 19)."""

BULLET_CHARS = BULLET_GLYPHS + "o" + DASH_BULLETS
"""Every character that can mark a list item at a line start ("o" before a capitalised word)."""

TOKEN_BULLETS: frozenset[str] = frozenset(
    {"•", "▪", "–", "-", "·", "●", "◦", "■", "□", "➢", "►", "o"}
)
"""Tokens the Dutch pipeline takes for a list item's marker at a line start."""

TOKEN_BULLET_GLYPHS = "•▪·●◦■□➢►"
"""Bullet glyphs the tokenizer splits off as tokens of their own, glued to a word or not."""

# --- parties (docs/domain.md §2 and §4 S) ------------------------------------------------------

PARTY_ROLE_WORDS: tuple[str, ...] = (
    "gemeente",
    "college",
    "corporaties?",
    "woningcorporaties?",
    "partijen",
    "wij",
    "we",
    r"huurders\w*",
    "verhuurders?",
)
"""Words (regular-expression fragments) that name a committing party by its role; every
pattern that looks for a party in a sentence starts from these."""

CORPORATION_NAME = r"[A-Z][\w-]*(?:wonen|woningen|groep|stichting)"
"""A corporation's name written as one word ending in a housing word ("Woonwijzerwonen",
"Woongroep"), matched without regard to case."""

PARTY_STEMS: tuple[str, ...] = (
    "gemeente",
    "corporatie",
    "woningcorporatie",
    "woonstichting",
    "woningstichting",
    "stichting",
    "huurdersorganisatie",
    "huurdersvereniging",
    "huurdersbelang",
    "huurdersraad",
    "verhuurder",
    "bewonerscommissie",
    "woningbouwvereniging",
)
"""Word starts that name a party (PARTY cue, docs/domain.md §4 S): inflections and compounds."""

PARTY_PHRASES: tuple[str, ...] = (
    "het college",
    "college van b&w",
    "b&w",
    "partijen",
    "alle partijen",
    "wij",
    "we",
    "de ti's",
    "ti's",
    "de huurders",
    "huurders",
    "hbv",
    "de corporatie",
    "de corporaties",
    "wethouder",
)
"""Whole words and phrases that name a party (PARTY cue)."""

TABLE_HEADER_WORDS: tuple[str, ...] = (
    *PARTY_STEMS,
    "college",
    "corporati",
    "wonen",
    "woon",
    "woning",
    "huurder",
    "bewoner",
    "provincie",
    "afspraak",
    "afspraken",
    "prestatie",
    "thema",
    "onderwerp",
    "partij",
    "inzet",
    "bijdrage",
    "indicator",
    "actie",
    "planning",
)
"""Word starts of the header cells of actor and target tables (parties, "Afspraak",
"Prestatie"): an OCR'd first row made of them is the header row (issue 20, item 12)."""

ACCENTED_WORDS: frozenset[str] = frozenset(
    [
        "à",
        "één",
        "vóór",
        "vóórdat",
        "privé",
        "café",
        "cafés",
        "crèche",
        "crèches",
        "enquête",
        "enquêtes",
        "façade",
        "façades",
        "cliché",
        "coupé",
        "reçu",
    ]
)
"""Dutch words (lower case) written with an accent other than a trema after a vowel
("ideeën", "geïnd", "coördinatie"): on a scan, any other accent is a speck above a letter that
OCR read as one ("Gemátigd", "toewijzén"), and is taken off (issue 20, item 12)."""

SIGNATURE_WORDS: tuple[str, ...] = (
    "namens",
    "handtekening",
    "naam",
    "functie",
    "datum",
    "plaats",
    "paraaf",
    "ondertekening",
)
"""First words of the cells of a signature block ("Namens ...", "Handtekening: ____",
"Naam:"): a table made of them holds no agreements (docs/domain.md §2, signature pages)."""

CORPORATION_LEGAL_FORMS: tuple[str, ...] = (
    "Woonstichting",
    "Woningstichting",
    "Stichting",
    "Woningbouwvereniging",
    "Woonbedrijf",
    "Wooncorporatie",
    "Woningcorporatie",
)
"""Legal forms before a corporation's name ("Woonstichting De Linde"); a short name leaves
them out ("De Linde")."""

TENANT_ORGANISATION_FORMS: tuple[str, ...] = (
    "Huurdersvereniging",
    "Huurdersbelangenvereniging",
    "Huurdersraad",
    "Huurdersorganisatie",
    "Huurdersplatform",
    "Bewonersraad",
    "HBV",
    "Huurderskoepel",
)
"""Forms before a tenant organisation's name ("Huurdersvereniging Oost")."""

# --- achievability and realism (docs/domain.md §4 A and R) -------------------------------------

HEDGE_PHRASES: tuple[str, ...] = (
    "waar mogelijk",
    "zo mogelijk",
    "indien mogelijk",
    "voor zover",
    "zoveel mogelijk",
    "zo veel mogelijk",
    "in principe",
    "bij voorkeur",
    "zo veel als mogelijk",
    "proberen",
    "probeert",
    "trachten",
    "tracht",
    "streven",
    "streeft",
    "streven naar",
    "in beginsel",
    # Hedges written as plain statements (docs/domain.md §4 A).
    "naar verwachting",
    "verwachten te",
    "verwacht te",
    "werken toe naar",
    "werkt toe naar",
    "toewerken naar",
    "waar nodig",
    "zo nodig",
    "zo goed mogelijk",
    "mogelijk",
    "eventueel",
    "eventuele",
    "overwegen",
    "overweegt",
    "kan",
    "kunnen",
    "willen",
    "wil",
    "indien",
)
"""Phrases that hedge a promise (HEDGE cue, docs/domain.md §4 A): the A letter fails."""

HEDGING_INTENT_STEMS: tuple[str, ...] = (
    "streven",
    "streeft",
    "streefde",
    "nastreven",
    "zoveel mogelijk",
    "zo veel mogelijk",
    "proberen",
    "trachten",
    "waar mogelijk",
)
"""Starts of intention cues (INTENT) that hedge as well ("streven naar"): A fails on them too."""

CONDITION_PHRASES: tuple[str, ...] = (
    "afhankelijk van",
    "mits",
    "onder voorbehoud",
    "onder voorbehoud van",
    "op voorwaarde",
    "op voorwaarde dat",
    "als de middelen",
    "indien subsidie",
    "indien de financiering",
    "als de financiering",
    "indien er",
    "wanneer er",
    "bij voldoende",
    "als er voldoende",
    "indien voldoende",
    "voor zover de middelen",
    "binnen de financiële mogelijkheden",
    "financiële ruimte",
    "als het rijk",
    "indien het rijk",
    "na goedkeuring",
    "onder voorwaarde",
)
"""Phrases that make a promise conditional (CONDITION cue, docs/domain.md §4 R)."""

# --- themes (docs/domain.md §5) ----------------------------------------------------------------

THEME_WORDS: dict[ThemeCode, tuple[str, ...]] = {
    "betaalbaarheid": (
        "betaalba",
        "huurverhoging",
        "huurprijs",
        "huurprijzen",
        "huurbeleid",
        "huursom",
        "huren",
        "huur ",
        "aftopping",
        "passend toewijz",
        "passend toegewezen",
        "huurbevriezing",
        "huurverlaging",
        "streefhuur",
        "inkomensafhankelijk",
        "huurtoeslag",
        "liberalisatiegrens",
        "dure scheefwon",
        "goedkope scheefwon",
        "scheefwon",
        "woonlasten",
    ),
    "beschikbaarheid": (
        "beschikba",
        "voorraad",
        "kernvoorraad",
        "verkoop",
        "verkocht",
        "liberalis",
        "doorstro",
        "slaagkans",
        "woonruimteverdel",
        "woningzoekend",
        "wachttijd",
        "inschrijfduur",
        "toewijzing",
        "vrije sector",
        "middenhuur",
        "woningtekort",
        "sloop",
        "splitsing",
    ),
    "nieuwbouw": (
        "nieuwbouw",
        "bouwen",
        "bouwt",
        "bouwlocatie",
        "bouwprogramma",
        "bouwplan",
        "realiseren",
        "realiseert",
        "flexwonen",
        "tijdelijke woningen",
        "transformatie",
        "bouwgrond",
        "grondprijs",
        "woningbouw",
        "plancapaciteit",
        "nieuwe woningen",
    ),
    "duurzaamheid": (
        "duurza",
        "verduurza",
        "energie",
        " label",  # a word of its own ("label B", "labelstap"): not "gelabeld voor ouderen"
        "-label",  # "E-, F- of G-label"
        "nul-op-de-meter",
        "nom",
        "zonnepane",
        "zonnepaneel",
        "aardgasvrij",
        "gasloos",
        "warmtenet",
        "warmtepomp",
        "isol",
        "klimaat",
        "co2",
        "epv",
        "circulair",
        "hittestress",
        "groen",
        "wateroverlast",
        "warmtetransitie",
        "rode complexen",
        "energiearmoede",
        "biodiversiteit",
        "vergroen",
    ),
    "leefbaarheid": (
        "leefba",
        "wijk",
        "buurt",
        "veilig",
        "overlast",
        "zelfbeheer",
        "ontmoeting",
        "schoon",
        "buurtbemiddel",
        "wijkaanpak",
        "wijkschouw",
        "sociale cohesie",
        "woonfraude",
        "huismeester",
        "buurtcoach",
        "achter de voordeur",
        "openbare ruimte",
        "participatie",
    ),
    "wonen_zorg": (
        "zorg",
        "ouderen",
        "senioren",
        "levensloop",
        "beschermd wonen",
        "uitstroom",
        "maatschappelijke opvang",
        "mantelzorg",
        "wmo",
        "aanpassing",
        "rolstoel",
        "dementie",
        "zelfstandig wonen",
        "langer thuis",
        "verpleeg",
        "ggz",
        "geclusterd",
        "hofje",
        "nultreden",
        "zorgwoning",
        "kangoeroe",
    ),
    "bijzondere_doelgroepen": (
        "vergunninghouder",
        "statushouder",
        "jongeren",
        "studenten",
        "urgent",
        "arbeidsmigrant",
        "woonwagen",
        "standplaats",
        "taakstelling",
        "dakloos",
        "aandachtsgroep",
        "spoedzoeker",
        "starters",
        "bijzondere doelgroep",
        "ex-gedetineerd",
        "economisch dakloze",
        "oekraïn",
        "asielzoeker",
        "kwetsbare",
        "tienermoeder",
    ),
    "armoede": (
        "armoede",
        "huurachterstand",
        "schuld",
        "betalingsachterstand",
        "vroegsignal",
        "ontruiming",
        "huisuitzetting",
        "budgetcoach",
        "minima",
        "kwijtschelding",
        "betaalproblem",
        "geldzorgen",
        "noodfonds",
        "woonlastenfonds",
    ),
    "samenwerking": (
        "samenwerk",
        "overleg",
        "monitor",
        "evalu",
        "looptijd",
        "geschil",
        "bod ",
        "verantwoord",
        "rapport",
        "informatie",
        "communicatie",
        "bestuurlijk",
        "ambtelijk",
        "ondertekening",
        "wijziging",
    ),
}
"""Words that point to each theme code of `pipeline.models.THEME_CODES` but "overig", in that order.
Matched as substrings of the lower-cased text padded with a space, so a leading or trailing
space marks a word's edge."""
# --- the document gate (pipeline/label/gate.py) ---------------------------------------------

DUTCH_FUNCTION_WORDS = frozenset(
    (
        "het",
        "een",
        "van",
        "voor",
        "zijn",
        "wordt",
        "worden",
        "niet",
        "ook",
        "bij",
        "aan",
        "naar",
        "dat",
        "deze",
        "dit",
        "te",
        "om",
        "maar",
        "nog",
        "wel",
        "kan",
        "zal",
        "zullen",
        "hun",
        "wij",
        "onze",
        "heeft",
        "hebben",
        "uit",
        "je",
        "ze",
        "zij",
        "geen",
        "meer",
        "waar",
        "hoe",
        "wanneer",
        "omdat",
        "dus",
        "alle",
        "andere",
        "kunnen",
        "moet",
        "moeten",
        "gaan",
        "gaat",
        "welke",
        "zoals",
        "tussen",
        "binnen",
        "jaarlijks",
        "werd",
        "onder",
        "per",
        "elk",
        "elke",
        "waarin",
        "waarbij",
        "daarom",
        "zodat",
        "bovendien",
        "echter",
    )
)
"""Dutch function words that English, German and French texts hardly use as words ("de",
"en", "in", "die", "over" and "met" are left out: they are words of those languages too)."""

FOREIGN_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "Engelse": frozenset(
        (
            "the",
            "and",
            "of",
            "to",
            "is",
            "for",
            "with",
            "that",
            "this",
            "are",
            "be",
            "by",
            "from",
            "you",
            "your",
            "can",
            "which",
            "will",
            "not",
            "it",
            "on",
            "as",
            "or",
            "an",
            "has",
            "have",
            "was",
            "were",
            "if",
            "when",
            "there",
            "their",
            "should",
            "would",
            "also",
        )
    ),
    "Duitse": frozenset(
        (
            "der",
            "die",
            "und",
            "das",
            "ist",
            "nicht",
            "mit",
            "sich",
            "auf",
            "eine",
            "einen",
            "dem",
            "den",
            "ein",
            "zu",
            "auch",
            "werden",
            "wird",
            "oder",
        )
    ),
    "Franse": frozenset(
        (
            "le",
            "la",
            "les",
            "des",
            "est",
            "une",
            "pour",
            "pas",
            "qui",
            "que",
            "dans",
            "sur",
            "il",
            "vous",
            "avec",
            "sont",
            "du",
            "au",
            "aux",
            "ce",
            "cette",
        )
    ),
}
"""Function words of the other languages of manuals and software documentation found beside
agreements, by the adjective the gate's reason uses."""

HOUSING_TERM_WORDS: tuple[str, ...] = (
    r"prestatie-?afspra\w*|jaarschij\w*|raamovereenkomst\w*|afspraak|afspraken",
    r"\w*corporatie\w*|woonstichting\w*|woningstichting\w*|woningbouwvereniging\w*",
    r"\w*huurder\w*|bewonersraad\w*|bewonerscommissie\w*",
    r"huurwoning\w*|huurprijs\w*|huurverhoging\w*|streefhuur\w*|huursom\w*|huurachterstand\w*"
    r"|huurbeleid|middenhuur\w*",
    r"woningen|woningvoorraad|woningbouw\w*|nieuwbouw\w*|woningzoekend\w*|woningmarkt\w*",
    r"gemeente\w*",
    r"energielabel\w*|verduurza\w*|aardgasvrij\w*|nul-op-de-meter",
    r"leefbaarheid\w*",
    r"statushouder\w*|vergunninghouder\w*|aandachtsgroep\w*|urgentieregeling\w*",
    r"woonvisie\w*|volkshuisvest\w*|woningwet|woonruimteverdel\w*|huisvestingsverordening\w*",
    r"betaalbaarheid|betaalbare|woonlasten|liberalisatiegrens|aftoppingsgrens\w*|huurtoeslag",
    r"levensloopbestendig\w*|nultreden\w*|ouderenhuisvesting|zorgwoning\w*",
)
"""The vocabulary of housing agreements (docs/domain.md §1, §5), one pattern per family, each
matched against a whole lower-case word: the agreement itself, corporations, tenants, rents,
the housing stock, the municipality, sustainability, liveability, target groups, housing
policy, affordability, housing and care."""

HOUSING_TERM_PHRASES: tuple[str, ...] = (
    r"sociale huur",
    r"labels? [a-g]",
    r"toegelaten instelling",
    r"beschermd wonen",
    r"wonen en zorg",
)
"""Terms of the same vocabulary that are more than one word (matched in lower-case text)."""

AGREEMENT_TITLE: tuple[str, ...] = (
    r"prestatie-?\s?afspra",
    r"raamovereenkomst",
    r"jaarschijf",
    r"\bafspraken\b",
    r"overeenkomst",
    r"convenant",
    r"addendum",
    r"akkoord",
    r"\bwoondeal\b",
)
"""Words by which a title names an agreement (docs/domain.md §1: raamovereenkomst, jaarschijf)."""

REPORT_DOCUMENT_TITLES: dict[str, str] = {
    "notulen": r"\bnotulen\b|\bbesluitenlijst\b|\bverslag\b",
    "brief": r"\braadsinformatiebrief\b|\braadsbrief\b|\bbrief\b|\bpersbericht\b|\bnieuwsbrief\b",
    "jaarverslag": r"\bjaarverslag\b|\bjaarrekening\b|\bjaarstukken\b|\bjaarbericht\b",
    "begroting": r"\b(?:programma)?begroting\b|\bvoorjaarsnota\b|\bkadernota\b",
    "aanbesteding": r"\baanbesteding\w*|\bbestek\b|\binschrijvingsleidraad\b",
    "bestemmingsplan": r"\bbestemmingsplan\b|\bomgevingsplan\b",
    "monitor": r"\bmonitor\b|\bmonitoring\b|\bevaluatie\b|\brapportage\b|\bonderzoek\b",
    "raadsvoorstel": r"\braadsvoorstel\b|\bcollegebesluit\b|\braadsbesluit\b",
}
"""Kinds of document that are never an agreement, even when their title names the agreements
they are about ("Raadsinformatiebrief prestatieafspraken 2026"), by the title words that name
them."""

POLICY_DOCUMENT_TITLES: dict[str, str] = {
    "woonvisie": r"\b\w*visie\b|\bwoonagenda\b|\bwoonprogramma\b",
}
"""Policy documents that an agreement's own title may name ("Uitwerking van de Woonvisie"):
they count only in a title that names no agreement."""

LETTER_SALUTATION = r"^\s*geachte\b"
LETTER_CLOSING = r"\bmet vriendelijke groet|\bhoogachtend\b"
SIGNATORY = r"\b[Nn]amens\s+(?:de\s+|het\s+)?([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)"
"""A signature block's 'Namens <Party>' (the party's capitalised name)."""
