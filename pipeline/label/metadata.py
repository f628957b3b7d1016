"""Stage 3, document metadata: `DocumentContent` in, `DocumentMetadata` out.

The municipality comes from the title page ("Gemeente X"), normalised to its CBS gemeentecode
with the table in `pipeline/data/gemeenten.csv`; the period from the first year range on the
title page; the parties from the title page, the actor-table headers and the signature block.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from pipeline.label.municipalities import load_municipalities
from pipeline.lexicon import CORPORATION_LEGAL_FORMS, TENANT_ORGANISATION_FORMS
from pipeline.models import Agreement, DocumentContent, DocumentMetadata, Table
from pipeline.text import PERIOD, YEAR, longest_first

_GEMEENTE = re.compile(
    r"\b[Gg]emeente\s+((?:'s-)?[A-Z][\w'-]*(?:[ -](?:[A-Z][\w'-]*|aan|op|den|de|en|van|het))*)"
)
_NAME_WORD = r"[A-Z][\w'-]*"
_CORPORATION = re.compile(
    rf"\b((?:{'|'.join(CORPORATION_LEGAL_FORMS)})[ ]+(?:'t[ ]+|de[ ]+|De[ ]+|Het[ ]+)?"
    + _NAME_WORD
    + r"(?:[ ]+"
    + _NAME_WORD
    + r")?|"
    + _NAME_WORD
    + r"[ ]?(?:[Ww]onen|[Ww]oningen|Woonpartners|"
    r"Wooncombinatie|Woongroep)(?:[ ]+" + _NAME_WORD + r")?)"
)
_TENANTS = re.compile(
    rf"\b((?:{'|'.join(TENANT_ORGANISATION_FORMS)})[ ]+(?:'t[ ]+|de[ ]+|De[ ]+|Het[ ]+)?"
    + _NAME_WORD
    + r"(?:[ ]+"
    + _NAME_WORD
    + r")?)"
)
_NOT_A_NAME = {"De", "Het", "Een", "En", "Namens", "Vastgesteld", "Datum", "Afspraak", "Gemeente"}


class MetadataSettings(BaseModel):
    """Settings of the metadata stage."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_single_word_name: int = Field(
        7,
        ge=1,
        description="a party name found on the title or signature page that is one word needs "
        "at least this many letters (shorter ones are leftovers such as 'Wonen')",
    )
    min_short_name: int = Field(
        4,
        ge=1,
        description="shortest short name of a party (its name without the legal form) that "
        "counts as a mention; shorter ones are too ambiguous (initials always count)",
    )


def extract_metadata(
    content: DocumentContent, settings: MetadataSettings | None = None
) -> DocumentMetadata:
    """Find municipality, period and parties of one document."""
    settings = settings or MetadataSettings()
    title = content.first_page_text
    everything = "\n".join([title, content.last_pages_text, *_table_headers(content)])
    municipality, code = _municipality(title, everything)
    start, end = _period(title, everything)
    parties: list[str] = []
    if municipality:
        parties.append(f"Gemeente {municipality}")
    for pattern in (_CORPORATION, _TENANTS):
        for name in _ordered_unique(m.group(1).strip() for m in pattern.finditer(everything)):
            name = _trim(name, settings)
            if name and name not in parties and not name.lower().startswith("gemeente"):
                parties.append(name)
    return DocumentMetadata(
        municipality=municipality,
        municipality_code=code,
        period_start=start,
        period_end=end,
        parties=parties,
    )


def _table_headers(content: DocumentContent) -> list[str]:
    return [" | ".join(b.header) for b in content.blocks if isinstance(b, Table)]


def _municipality(title: str, everything: str) -> tuple[str, str]:
    """Municipality name as CBS spells it with its code; unknown names are kept as printed."""
    index = load_municipalities()
    found = index.find_in_text(title) or index.find_in_text(everything)
    if found:
        return found[0].name, found[0].code
    names = Counter(m.group(1).strip() for m in _GEMEENTE.finditer(title))
    if not names:
        names = Counter(m.group(1).strip() for m in _GEMEENTE.finditer(everything))
    if not names:
        return "", ""
    name = names.most_common(1)[0][0]
    name = re.split(r"\s+(?:en|\d)", name)[0]
    hit = index.lookup(name)
    return (hit.name, hit.code) if hit else (name, "")


def _period(title: str, everything: str) -> tuple[int | None, int | None]:
    for text in (title, everything):
        match = PERIOD.search(text)
        if match:
            return int(match.group(1)), int(match.group(2))
    years = [int(y) for y in YEAR.findall(title)]
    if years:
        return min(years), max(years)
    return None, None


def _ordered_unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _trim(name: str, settings: MetadataSettings) -> str:
    """Drop words that are not part of a name, and single-letter leftovers."""
    words = [w for w in name.split() if w not in _NOT_A_NAME or w in ("De", "Het")]
    while words and (words[-1] in _NOT_A_NAME or len(words[-1]) == 1):
        words.pop()
    long_enough = bool(words) and len(words[0]) >= settings.min_single_word_name
    return " ".join(words) if len(words) > 1 or long_enough else ""


_MUNICIPALITY_WORDS = ("gemeente", "het college", "college", "b&w", "wethouder")
_TENANT_WORDS = ("huurder", "bewoner", "hbv")

# Words that name a party by its role rather than its name (docs/domain.md §2), by role. Bare
# "huurders" / "bewoners" are usually who benefits, so they count only as a sentence's subject.
_ROLE_PATTERNS: dict[str, re.Pattern[str]] = {
    "municipality": re.compile(
        r"\b(?:de\s+|het\s+)?(?:gemeente|college(?:\s+van\s+(?:b&w|burgemeester en wethouders))?"
        r"|b&w|wethouder)\b",
        re.IGNORECASE,
    ),
    "corporations": re.compile(
        r"\b(?:de\s+|alle\s+|beide\s+)?(?:(?:woning)?corporaties?|toegelaten\s+instellingen?"
        r"|ti's|verhuurders?)(?!\w)",
        re.IGNORECASE,
    ),
    "tenants": re.compile(
        r"\b(?:de\s+)?(?:huurdersorganisaties?|huurdersverenigingen?|huurdersraad|"
        r"huurdersbelangenvereniging|bewonersraad|hbv)\b",
        re.IGNORECASE,
    ),
    "beneficiaries": re.compile(r"\b(?:de\s+)?(?:huurders|bewoners)\b", re.IGNORECASE),
    "all": re.compile(r"\b(?:alle\s+)?partijen\b|\bwij\b|\bwe\b", re.IGNORECASE),
}
_FALLBACK = {
    "municipality": "gemeente",
    "corporations": "corporaties",
    "tenants": "huurdersorganisatie",
    "beneficiaries": "huurdersorganisatie",
    "all": "partijen",
}
# Legal forms that a short name leaves out ("Mitros" for "Woningcorporatie Mitros").
_LEGAL_FORMS = {form.lower() for form in (*CORPORATION_LEGAL_FORMS, *TENANT_ORGANISATION_FORMS)}
_ARTICLES = {"de", "het", "'t"}
_JOINED = re.compile(r"\s*(?:,|en|&|of|met|samen met|,\s*en)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class _Mention:
    """A place in a text that names one or more of the document's parties."""

    start: int
    end: int
    parties: tuple[str, ...]
    role: str


def party_aliases(
    party: str, metadata: DocumentMetadata, settings: MetadataSettings | None = None
) -> list[str]:
    """Other names a text uses for a party: its name without the legal form ("Mitros" for
    "Woningcorporatie Mitros", "De Linde" and "Linde" for "Woonstichting De Linde") and its
    initials ("WDL"). Names shared with another party or the municipality are left out."""
    settings = settings or MetadataSettings()
    own = _aliases(party, settings)
    others = {
        alias.lower()
        for other in metadata.parties
        if other != party
        for alias in [*_aliases(other, settings), other]
    }
    others.add(metadata.municipality.lower())
    return [a for a in own if a.lower() not in others]


def _aliases(party: str, settings: MetadataSettings) -> list[str]:
    words = party.split()
    if words and words[0].lower() == "gemeente":
        return []  # "Eemdal" alone is the place, not the party
    aliases: list[str] = []
    rest = words[1:] if words and words[0].lower() in _LEGAL_FORMS else []
    if rest:
        aliases.append(" ".join(rest))
        if len(rest) > 1 and rest[0].lower() in _ARTICLES:
            aliases.append(" ".join(rest[1:]))
    initials = "".join(w[0] for w in words if w[:1].isupper())
    if len(initials) >= 2 and len(words) >= 2:
        aliases.append(initials.upper())
    return [a for a in dict.fromkeys(aliases) if len(a) >= settings.min_short_name or a.isupper()]


def _mentions(text: str, metadata: DocumentMetadata, settings: MetadataSettings) -> list[_Mention]:
    """Every mention of a party in a text, longest first where mentions overlap, in text order."""
    roles = _roles(metadata)
    found: list[_Mention] = []
    for party in metadata.parties:
        for match in re.finditer(rf"(?<!\w){re.escape(party)}(?!\w)", text, re.IGNORECASE):
            found.append(_Mention(match.start(), match.end(), (party,), "named"))
        for alias in party_aliases(party, metadata, settings):  # case-sensitive: a name, not a word
            for match in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text):
                found.append(_Mention(match.start(), match.end(), (party,), "named"))
    for role, pattern in _ROLE_PATTERNS.items():
        for match in pattern.finditer(text):
            parties = tuple(roles[role]) or (_FALLBACK[role],)
            found.append(_Mention(match.start(), match.end(), parties, role))
    return longest_first(found)


def _roles(metadata: DocumentMetadata) -> dict[str, list[str]]:
    """The document's parties by the role words that refer to them."""
    municipality = [p for p in metadata.parties if p.lower().startswith("gemeente")]
    tenants = [p for p in metadata.parties if _TENANTS.fullmatch(p)]
    corporations = [p for p in metadata.parties if p not in municipality and p not in tenants]
    return {
        "municipality": municipality,
        "corporations": corporations,
        "tenants": tenants,
        "beneficiaries": tenants,
        "all": list(metadata.parties),
    }


def _chain(mentions: list[_Mention], text: str, first: int) -> list[str]:
    """The parties of the mention at `first` and of those joined to it ("De gemeente en de
    corporaties", "De gemeente, de corporaties en ...")."""
    parties = list(mentions[first].parties)
    for before, mention in zip(mentions[first:], mentions[first + 1 :], strict=False):
        if not _JOINED.fullmatch(text[before.end : mention.start]):
            break
        parties += mention.parties
    return parties


def _subject_parties(
    text: str, metadata: DocumentMetadata, anywhere: bool, settings: MetadataSettings
) -> list[str]:
    """The parties a text starts with ("De gemeente stelt ..."); with `anywhere`, else the first
    parties it names after the opening words ("In 2025 bouwt Mitros ..."), leaving out words
    for who benefits ("voor huurders")."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    mentions = _mentions(text, metadata, settings)
    if mentions and mentions[0].start == offset:
        return _chain(mentions, text, 0)
    if anywhere:
        for index, mention in enumerate(mentions):
            if mention.role != "beneficiaries":
                return _chain(mentions, text, index)
    return []


def resolve_parties(
    agreement: Agreement, metadata: DocumentMetadata, settings: MetadataSettings | None = None
) -> list[str]:
    """The parties that commit to an agreement, as the document names them.

    A table row: its party columns. Otherwise the subject of the agreement's own text
    ("De gemeente stelt ...", "De gemeente en de corporaties ..."), else the subject of its
    lead-in ("De corporaties:"), else the first parties the text or the lead-in names. Role
    words map to the document's parties ("de corporaties" to both corporations, "partijen",
    "wij" and "we" to all), short names and initials to the full name (issue 19).
    """
    settings = settings or MetadataSettings()
    if agreement.contributions:
        return _ordered_unique(
            canonical_party(c.party, metadata, settings) for c in agreement.contributions
        )
    lead_in = agreement.lead_in
    for text, anywhere in (
        (agreement.text, False),
        (lead_in, False),
        (agreement.text, True),
        (lead_in, True),
    ):
        parties = _subject_parties(text, metadata, anywhere, settings) if text else []
        if parties:
            return _ordered_unique(parties)
    return []


def canonical_party(
    name: str, metadata: DocumentMetadata, settings: MetadataSettings | None = None
) -> str:
    """The document's full name for a party as a column header prints it ("Gemeente" ->
    "Gemeente Eemdal", "Mitros" -> "Woningcorporatie Mitros"), so that one party is counted
    once across tables; else the name as is."""
    lowered = name.lower().strip()
    parties = metadata.parties
    exact = [p for p in parties if p.lower() == lowered]
    if exact:
        return exact[0]
    aliased = [p for p in parties if name.strip() in party_aliases(p, metadata, settings)]
    if len(aliased) == 1:
        return aliased[0]
    overlapping = [p for p in parties if lowered in p.lower() or p.lower() in lowered]
    if len(overlapping) == 1:
        return overlapping[0]
    if lowered.startswith(_MUNICIPALITY_WORDS):
        municipality = [p for p in parties if p.lower().startswith("gemeente")]
        if len(municipality) == 1:
            return municipality[0]
    if any(w in lowered for w in _TENANT_WORDS):
        tenants = [p for p in parties if _TENANTS.fullmatch(p)]
        if len(tenants) == 1:
            return tenants[0]
    return name
