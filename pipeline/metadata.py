"""Stage 3, document metadata: `DocumentContent` in, `DocumentMetadata` out.

The municipality comes from the title page ("Gemeente X"), normalised to its CBS gemeentecode
with the table in `pipeline/data/gemeenten.csv`; the period from the first year range on the
title page; the parties from the title page, the actor-table headers and the signature block.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from pipeline.cues import CueMatches
from pipeline.models import Agreement, DocumentContent, DocumentMetadata, Table
from pipeline.municipalities import load_municipalities
from pipeline.text import PERIOD, YEAR

_GEMEENTE = re.compile(
    r"\b[Gg]emeente\s+((?:'s-)?[A-Z][\w'-]*(?:[ -](?:[A-Z][\w'-]*|aan|op|den|de|en|van|het))*)"
)
_NAME_WORD = r"[A-Z][\w'-]*"
_CORPORATION = re.compile(
    r"\b((?:Woonstichting|Woningstichting|Stichting|Woningbouwvereniging|Woonbedrijf|"
    r"Wooncorporatie|Woningcorporatie)[ ]+(?:'t[ ]+|de[ ]+|De[ ]+|Het[ ]+)?"
    + _NAME_WORD
    + r"(?:[ ]+"
    + _NAME_WORD
    + r")?|"
    + _NAME_WORD
    + r"[ ]?(?:[Ww]onen|[Ww]oningen|Woonpartners|"
    r"Wooncombinatie|Woongroep)(?:[ ]+" + _NAME_WORD + r")?)"
)
_TENANTS = re.compile(
    r"\b((?:Huurdersvereniging|Huurdersbelangenvereniging|Huurdersraad|Huurdersorganisatie|"
    r"Huurdersplatform|Bewonersraad|HBV|Huurderskoepel)[ ]+(?:'t[ ]+|de[ ]+|De[ ]+|Het[ ]+)?"
    + _NAME_WORD
    + r"(?:[ ]+"
    + _NAME_WORD
    + r")?)"
)
_NOT_A_NAME = {"De", "Het", "Een", "En", "Namens", "Vastgesteld", "Datum", "Afspraak", "Gemeente"}


def extract_metadata(content: DocumentContent) -> DocumentMetadata:
    """Find municipality, period and parties of one document."""
    title = content.first_page_text
    everything = "\n".join([title, content.last_pages_text, *_table_headers(content)])
    municipality, code = _municipality(title, everything)
    start, end = _period(title, everything)
    parties: list[str] = []
    if municipality:
        parties.append(f"Gemeente {municipality}")
    for pattern in (_CORPORATION, _TENANTS):
        for name in _ordered_unique(m.group(1).strip() for m in pattern.finditer(everything)):
            name = _trim(name)
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


def _trim(name: str) -> str:
    """Drop words that are not part of a name, and single-letter leftovers."""
    words = [w for w in name.split() if w not in _NOT_A_NAME or w in ("De", "Het")]
    while words and (words[-1] in _NOT_A_NAME or len(words[-1]) == 1):
        words.pop()
    return " ".join(words) if len(words) > 1 or (words and len(words[0]) > 6) else ""


_MUNICIPALITY_WORDS = ("gemeente", "het college", "college", "b&w", "wethouder")
_CORPORATION_WORDS = ("corporatie", "woningcorporatie", "ti's", "verhuurder", "de ti")
_TENANT_WORDS = ("huurder", "bewoner", "hbv")
_ALL_WORDS = ("partijen", "alle partijen", "wij", "we")


def resolve_parties(
    agreement: Agreement, cues: CueMatches, metadata: DocumentMetadata
) -> list[str]:
    """Parties that commit: table party columns, else party mentions mapped to document parties."""
    if agreement.contributions:
        return _ordered_unique(canonical_party(c.party, metadata) for c in agreement.contributions)
    municipality = [p for p in metadata.parties if p.lower().startswith("gemeente")]
    tenants = [p for p in metadata.parties if _TENANTS.fullmatch(p)]
    corporations = [p for p in metadata.parties if p not in municipality and p not in tenants]
    found: list[str] = []
    for cue in cues.get("PARTY"):
        mention = cue.text.lower()
        named = [p for p in metadata.parties if p.lower() == mention]
        if named:
            found += named
        elif mention.startswith(_MUNICIPALITY_WORDS):
            found += municipality or ["gemeente"]
        elif mention.startswith(_ALL_WORDS):
            found += metadata.parties or ["partijen"]
        elif any(w in mention for w in _TENANT_WORDS):
            found += tenants or ["huurdersorganisatie"]
        elif any(w in mention for w in _CORPORATION_WORDS):
            found += corporations or ["corporaties"]
    return _ordered_unique(found)


def canonical_party(name: str, metadata: DocumentMetadata) -> str:
    """The document's full name for a party as a column header prints it ("Gemeente" ->
    "Gemeente Eemdal"), so that one party is counted once across tables; else the name as is."""
    lowered = name.lower().strip()
    parties = metadata.parties
    exact = [p for p in parties if p.lower() == lowered]
    if exact:
        return exact[0]
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
