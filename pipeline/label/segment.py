"""Stage 2, segment: `DocumentContent` in, a list of `Agreement`s out.

The unit is the one audit offices count (docs/domain.md §2): one bullet, one numbered item, one
table row (party columns become contributions), or one agreement sentence group in running
text. Tables of contents, introductions, context paragraphs, headers and signature blocks are
not agreements. Each agreement keeps its page(s), position, heading path and printed number.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from statistics import median

from pydantic import BaseModel, ConfigDict, Field

from pipeline.lexicon import (
    ABBREVIATIONS,
    CLAUSE_END_MARKS,
    CORPORATION_NAME,
    PARTY_ROLE_WORDS,
    SENTENCE_END_MARKS,
    SIGNATURE_WORDS,
)
from pipeline.models import (
    Agreement,
    BBox,
    Contribution,
    DocumentContent,
    Table,
    TargetValue,
    TextLine,
)
from pipeline.text import bullet_prefix, join_lines, strip_bullet


class SegmentSettings(BaseModel):
    """Settings of the segment stage."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    skip_section_words: tuple[str, ...] = Field(
        (
            "inhoud",
            "inhoudsopgave",
            "inleiding",
            "aanleiding",
            "voorwoord",
            "context",
            "achtergrond",
            "leeswijzer",
            "totstandkoming",
            "ondertekening",
            "handtekening",
            "handtekeningen",
            "colofon",
            "begrippen",
            "begrippenlijst",
            "definities",
            "begripsbepalingen",
            "samenvatting",
            "terugblik",
            "proces van totstandkoming",
            "woonvisie",
            "ambities",
            "visie",
            "beleidskader",
            "wettelijk kader",
            "toelichting",
            # The preamble of a contract-style agreement: who signs and the recitals.
            "partijen",
            "de partijen",
            "ondergetekenden",
            "de ondergetekenden",
            "overwegende",
            "overwegende dat",
            "overwegingen",
        ),
        description="section headings (without numbering) whose text holds no agreements "
        "(docs/domain.md §2: introductions, context, TOC and signature pages)",
    )
    skip_first_words: tuple[str, ...] = Field(
        (
            "inleiding",
            "aanleiding",
            "voorwoord",
            "context",
            "achtergrond",
            "kader",
            "leeswijzer",
            "terugblik",
            "ondertekening",
        ),
        description="a heading starting with one of these words is context too, whatever "
        "follows ('Terugblik 2024', 'Kader en werkwijze', 'Inleiding en leeswijzer')",
    )
    annex_words: tuple[str, ...] = Field(
        ("bijlage", "bijlagen", "annex"),
        description="in annexes only tables are agreements (jaarschijf), unless the heading "
        "names agreements",
    )
    min_words: int = Field(3, ge=1, description="shorter units are labels, not agreements")
    short_numbered_heading_words: int = Field(
        7, ge=1, description="a numbered line this short without punctuation is a heading"
    )
    article_heading_words: int = Field(
        10, ge=1, description="an 'Artikel 3 ...' line of at most this many words is a heading"
    )
    toc_min_lines: int = Field(
        4, ge=1, description="a page with fewer lines ending in a page number is no contents page"
    )
    toc_line_share: float = Field(
        0.6,
        gt=0,
        le=1,
        description="share of a page's lines ending in a page number that makes it a table of "
        "contents (without the title 'Inhoud')",
    )
    max_line_gap: float = Field(
        30.0, gt=0, description="larger vertical gaps (points) do not count for the typical gap"
    )
    default_line_gap: float = Field(
        3.0, ge=0, description="the typical line gap (points) of a document without line pairs"
    )
    close_gap_factor: float = Field(
        1.6, gt=0, description="a line this many typical gaps below (plus the slack) is close"
    )
    close_gap_slack: float = Field(
        1.5, ge=0, description="points added to the close-gap limit for rounding in the PDF"
    )
    hanging_indent: float = Field(
        4.0, ge=0, description="a line indented this many points past its item's marker hangs"
    )
    hanging_gap_factor: float = Field(
        3.0,
        gt=0,
        description="a hanging line continues its item up to this many typical gaps below",
    )
    paragraph_indent_tolerance: float = Field(
        30.0, ge=0, description="a paragraph's next line starts within this many points of it"
    )
    party_header_words: int = Field(
        4, ge=1, description="a capitalised column header of at most this many words names a party"
    )
    number_column_min_columns: int = Field(
        3, ge=2, description="only a table with at least this many columns has a number column"
    )
    table_lead_in_words: int = Field(
        25, ge=1, description="a sentence above a table announcing it has at most this many words"
    )
    signature_share: float = Field(
        0.5,
        gt=0,
        le=1,
        description="a table whose filled cells start with a signature word (SIGNATURE_WORDS: "
        "'Namens', 'Handtekening', 'Naam:') at least this often is a signature block",
    )
    signature_similarity: float = Field(
        0.75,
        ge=0.5,
        le=1,
        description="in an OCR'd table a first word this similar to a signature word counts "
        "as one ('Narnens')",
    )
    sibling_indent: float = Field(
        2.0,
        ge=0,
        description="points; a scanned list item ending in a colon before an item indented "
        "within this much of it is an item, not the lead-in of the next",
    )


@dataclass
class _Unit:
    """A run of lines forming one bullet, numbered item or paragraph."""

    kind: str  # "list" | "numbered" | "paragraph"
    number: str
    lines: list[TextLine]
    indent: float
    heading_path: list[str]
    skip: bool
    annex: bool
    lead_in: str = ""
    children: list[_Unit] = field(default_factory=list)
    table_follows: bool = False

    @property
    def text(self) -> str:
        """The unit's text with the marker removed and hyphen breaks joined."""
        texts = [ln.text for ln in self.lines]
        texts[0] = _strip_marker(texts[0], self.kind)
        return join_lines(texts)


_MULTI_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(?=\S)")
_SINGLE_NUMBER = re.compile(r"^(\d{1,2}[.)])\s+(?=\S)")
_LETTER_NUMBER = re.compile(r"^(\(?[a-z][.)]|\([a-z0-9]{1,2}\)|(?:i{1,3}|iv|vi{0,3})[.)])\s+(?=\S)")
_ARTICLE = re.compile(r"^(artikel|art\.)\s+\d+[a-z]?\b", re.IGNORECASE)
_TOC_LINE = re.compile(r"(\.{3,}|…{2,}|_{3,}|·{3,})\s*\d{1,3}$")
_ENDS_PAGE_NUMBER = re.compile(r"\s\d{1,3}$")
_SIGNATURE = re.compile(
    r"^(namens|datum|plaats|handtekening|\(handtekening|w\.g\.|voor akkoord|aldus|"
    r"ondertekend|getekend|naam:|functie:)",
    re.IGNORECASE,
)
_ROLES = "|".join(PARTY_ROLE_WORDS)
_PARTY_WORDS = re.compile(
    rf"\b({_ROLES}|woonstichting|woningstichting|ti'?s|huurdersorganisaties?|bewonerscommissies?|"
    rf"{CORPORATION_NAME}|"
    # a corporation named "<Name> Wonen" / "<Name> Woningen" (capitals required)
    r"(?-i:[A-Z][\w-]+ (?:Wonen|Woningen|Woongroep)))\b",
    re.IGNORECASE,
)
_COMMITMENT = re.compile(
    r"\b(zal|zullen|gaat|gaan|spreken|spreekt|afgesproken|verplicht\w*|zorgt|zorgen|draagt|dragen|"
    r"realiseert|realiseren|bouwt|bouwen|levert|leveren|stelt|stellen|streeft|streven|zet|zetten|"
    r"neemt|nemen|maakt|maken|overleggen|overlegt|monitoren|monitort|evalueren|evalueert|"
    r"verbinden|committeren|investeert|investeren|onderzoekt|onderzoeken|biedt|bieden|"
    r"wijst|wijzen|houdt|houden|verduurzaamt|verduurzamen|renoveert|renoveren|labelt|labelen|"
    r"voert|voeren|informeert|informeren|rapporteert|rapporteren|brengt|brengen|"
    r"werkt|werken|blijft|blijven|garandeert|garanderen|treedt|looptijd|geschil\w*|"
    r"stemt|stemmen|bespreekt|bespreken|bevordert|bevorderen|ondersteunt|ondersteunen|"
    r"wordt|worden)\b",
    re.IGNORECASE,
)
# General provisions are process agreements even without a party (docs/domain.md §3, proces).
_FORMAL_PROVISION = re.compile(
    r"\b(looptijd|geschil\w*|treedt in werking|van kracht|(gelden|geldt) (van|vanaf|tot))\b",
    re.IGNORECASE,
)
_PAST_TENSE_AUX = re.compile(r"\b(heeft|hebben|had|hadden|was|waren|werd|werden)\b", re.I)
_DEADLINE = re.compile(r"\b(uiterlijk|niet later dan)\b", re.I)
_STRICT_PAST = re.compile(r"\b(had|hadden|was|waren|werd|werden)\b", re.I)
# Running text states an agreement as "<party> <verb> ...": a party as the sentence's subject
# followed by a present-tense verb (docs/domain.md §2, running text); copulas describe, not commit.
_PARTY_SUBJECT = re.compile(
    rf"^(?:(?:de|het)\s+)?(?:{_ROLES}|{CORPORATION_NAME}(?:\s+[A-Z][\w'-]*)*|"
    r"(?-i:[A-Z][\w-]+ (?:Wonen|Woningen)))\s+(?P<verb>[a-z]\w*)\b",
    re.IGNORECASE,
)
_DESCRIPTIVE_VERBS = {
    "is",
    "zijn",
    "heeft",
    "hebben",
    "kent",
    "kennen",
    "bestaat",
    "bestaan",
    "bezit",
    "bezitten",
    "telt",
    "tellen",
    "beschikt",
    "beschikken",
    "was",
    "waren",
    "had",
    "hadden",
}


def segment_document(
    content: DocumentContent, settings: SegmentSettings | None = None
) -> list[Agreement]:
    """Split a document into agreements, in reading order."""
    settings = settings or SegmentSettings()
    toc_pages = _toc_pages(content, settings)
    drafts: list[Agreement] = []
    headings: list[tuple[int, str]] = []
    units: list[_Unit] = []
    line_gap = _typical_line_gap(content, settings)

    def flush() -> None:
        drafts.extend(_units_to_agreements(units, settings))
        units.clear()

    for block in content.blocks:
        if isinstance(block, Table):
            path = [h for _, h in headings]
            skip, annex = _zone(path, settings)
            if units and units[-1].kind == "paragraph":
                units[-1].table_follows = True
            flush()
            if not skip and not _is_signature_table(block, settings):
                drafts.extend(_table_agreements(block, path, settings))
            continue
        line = block
        if line.page in toc_pages or _TOC_LINE.search(line.text):
            continue
        level = _heading_of(line, units, settings)
        if level is not None:
            flush()
            while headings and headings[-1][0] >= level:
                headings.pop()
            headings.append((level, line.text))
            continue
        path = [h for _, h in headings]
        skip, annex = _zone(path, settings)
        if line.page == 1 and not headings:
            skip = True  # title page
        kind, number = _marker(line.text)
        previous = units[-1] if units else None
        if kind == "" and previous is not None and _continues(previous, line, line_gap, settings):
            previous.lines.append(line)
            continue
        units.append(
            _Unit(
                kind=kind or "paragraph",
                number=number,
                lines=[line],
                indent=line.bbox.x0,
                heading_path=path,
                skip=skip,
                annex=annex,
            )
        )
    flush()
    return [d.model_copy(update={"ordinal": i}) for i, d in enumerate(drafts, start=1)]


_TABLE_LEAD_IN = re.compile(r"\b(volgende|onderstaande|hieronder|tabel|als volgt)\b", re.I)


def _introduces_table(text: str, settings: SegmentSettings) -> bool:
    """A short sentence right above a table that announces it, not an agreement of its own."""
    return len(text.split()) <= settings.table_lead_in_words and (
        text.rstrip().endswith(":") or bool(_TABLE_LEAD_IN.search(text))
    )


def _toc_pages(content: DocumentContent, settings: SegmentSettings) -> set[int]:
    """Pages where most lines end in a page number: a table of contents."""
    per_page: dict[int, list[str]] = {}
    for block in content.blocks:
        if isinstance(block, TextLine):
            per_page.setdefault(block.page, []).append(block.text)
    pages = set()
    for page, texts in per_page.items():
        hits = sum(bool(_TOC_LINE.search(t) or _ENDS_PAGE_NUMBER.search(t)) for t in texts)
        titled = any(t.lower().strip(" :") in ("inhoud", "inhoudsopgave") for t in texts)
        if hits >= settings.toc_min_lines and (
            hits >= settings.toc_line_share * len(texts) or titled
        ):
            pages.add(page)
    return pages


def _typical_line_gap(content: DocumentContent, settings: SegmentSettings) -> float:
    """The median gap between consecutive lines of a page: the unit for 'close' lines."""
    gaps = []
    previous: TextLine | None = None
    for block in content.blocks:
        if isinstance(block, TextLine):
            if previous is not None and previous.page == block.page:
                gap = block.bbox.top - previous.bbox.bottom
                if 0 <= gap < settings.max_line_gap:
                    gaps.append(gap)
            previous = block
        else:
            previous = None
    return median(gaps) if gaps else settings.default_line_gap


def _heading_of(line: TextLine, units: list[_Unit], settings: SegmentSettings) -> int | None:
    """Heading level of a line: from the read stage, or an article / short numbered title."""
    if line.heading_level is not None:
        return line.heading_level
    words = line.text.split()
    if (
        _ARTICLE.match(line.text)
        and len(words) <= settings.article_heading_words
        and not line.text.endswith(".")
    ):
        return 1
    match = _MULTI_NUMBER.match(line.text) or _SINGLE_NUMBER.match(line.text)
    if (
        match
        and len(words) - 1 <= settings.short_numbered_heading_words
        and not line.text.endswith((".", ";", ":", ","))
        and not any(ch.isdigit() for ch in line.text[match.end() :])
        and line.text[match.end() : match.end() + 1].isupper()
        and not _COMMITMENT.search(line.text[match.end() :])
    ):
        return match.group(1).rstrip(".)").count(".") + 1
    return None


def _marker(text: str) -> tuple[str, str]:
    """('list', '') for a bullet, ('numbered', '3.1.2') for a numbered item, else ('', '')."""
    if bullet_prefix(text):
        return "list", ""
    for pattern in (_MULTI_NUMBER, _SINGLE_NUMBER, _LETTER_NUMBER):
        match = pattern.match(text)
        if match:
            return "numbered", match.group(1)
    return "", ""


def _strip_marker(text: str, kind: str) -> str:
    if kind == "list":
        return strip_bullet(text)
    if kind == "numbered":
        for pattern in (_MULTI_NUMBER, _SINGLE_NUMBER, _LETTER_NUMBER):
            match = pattern.match(text)
            if match:
                return text[match.end() :]
    return text


def _ends_clause(text: str, *, semicolon: bool = True) -> bool:
    """Whether a printed line ends a clause (`CLAUSE_END_MARKS`); with `semicolon` False a
    line ending in ';' stays open: an enumeration of clauses goes on over a page break."""
    marks = CLAUSE_END_MARKS if semicolon else tuple(m for m in CLAUSE_END_MARKS if m != ";")
    return text.rstrip().endswith(marks)


def _continues(unit: _Unit, line: TextLine, line_gap: float, settings: SegmentSettings) -> bool:
    """Whether an unmarked line continues the unit above it (wrapped or over a page break)."""
    last = unit.lines[-1]
    if _SIGNATURE.match(line.text):
        return False
    hanging = line.bbox.x0 > unit.indent + settings.hanging_indent
    if line.page == last.page + 1:
        # Continues on the next page when the unit did not end a sentence.
        return not _ends_clause(last.text, semicolon=False) or (
            unit.kind != "paragraph" and hanging
        )
    if line.page != last.page:
        return False
    gap = line.bbox.top - last.bbox.bottom
    if gap < -(last.bbox.bottom - last.bbox.top) and line.bbox.x0 > last.bbox.x1:
        # The next column of a two-column page (the read stage orders columns): like a page
        # break, the unit goes on when its sentence did not end.
        return not _ends_clause(last.text)
    close = gap <= line_gap * settings.close_gap_factor + settings.close_gap_slack
    if unit.kind == "paragraph":
        return close and abs(line.bbox.x0 - unit.indent) < settings.paragraph_indent_tolerance
    far_hanging = gap <= line_gap * settings.hanging_gap_factor
    return (hanging and (close or far_hanging)) or (close and not _ends_clause(last.text))


def _zone(path: list[str], settings: SegmentSettings) -> tuple[bool, bool]:
    """(skip, annex) for a heading path: skip sections hold no agreements."""
    skip = annex = False
    for heading in path:
        bare = re.sub(r"^((hoofdstuk|artikel|bijlage)\s+)?[\d.]+\s*", "", heading.lower())
        bare = bare.strip(" :.")
        first_word = re.split(r"[\s,:;]+", bare, maxsplit=1)[0]
        if (
            bare in settings.skip_section_words
            or heading.lower().strip(" :") in settings.skip_section_words
            or first_word in settings.skip_first_words
        ):
            skip = True
        first = heading.lower().split(" ", 1)[0].strip(":")
        if first in settings.annex_words:
            annex = "afspraken" not in heading.lower() and "jaarschijf" not in heading.lower()
    return skip, annex


def _units_to_agreements(units: list[_Unit], settings: SegmentSettings) -> list[Agreement]:
    """Turn the units of one section into agreements, applying lead-ins and context rules."""
    section_has_items = any(u.kind != "paragraph" and not u.skip for u in units)
    out: list[Agreement] = []
    lead_in = ""
    lead_indent = -1.0
    for i, unit in enumerate(units):
        if unit.skip or unit.annex or _SIGNATURE.match(unit.lines[0].text):
            continue
        text = unit.text
        nxt = units[i + 1] if i + 1 < len(units) else None
        if (
            text.endswith(":")
            and nxt is not None
            and nxt.kind != "paragraph"
            and not _scanned_sibling(unit, nxt, settings)
        ):
            lead_in, lead_indent = text, unit.indent
            continue
        if unit.kind == "paragraph":
            lead_in, lead_indent = "", -1.0
            if section_has_items:
                continue  # context around a list: not an agreement (docs/domain.md §2)
            out.extend(_paragraph_agreements(unit, settings))
            continue
        if lead_in and unit.indent <= lead_indent + 1 and unit.kind == "list":
            lead_in, lead_indent = "", -1.0
        if len(text.split()) < settings.min_words:
            continue
        out.append(_agreement(unit, text, unit.kind, unit.number, lead_in))
    return out


def _agreement(unit: _Unit, text: str, kind: str, number: str, lead_in: str) -> Agreement:
    first = unit.lines[0]
    same_page = [ln for ln in unit.lines if ln.page == first.page]
    confidences = [ln.ocr_confidence for ln in unit.lines if ln.ocr_confidence is not None]
    return Agreement(
        ordinal=0,
        number=number,
        heading_path=unit.heading_path,
        text=text,
        lead_in=lead_in,
        source_kind=kind,
        page_start=first.page,
        page_end=unit.lines[-1].page,
        ocr=any(ln.ocr for ln in unit.lines),
        ocr_confidence=round(sum(confidences) / len(confidences), 3) if confidences else None,
        bbox=BBox(
            x0=min(ln.bbox.x0 for ln in same_page),
            top=first.bbox.top,
            x1=max(ln.bbox.x1 for ln in same_page),
            bottom=same_page[-1].bbox.bottom,
        ),
    )


# A sentence ends at a sentence mark followed by a space and a capital, a euro sign or a quote.
_SENTENCE_BREAK = re.compile(rf"(?<=[{re.escape(''.join(SENTENCE_END_MARKS))}])\s+(?=[A-Z€\"'(])")


def split_sentences(text: str) -> list[str]:
    """Split Dutch running text into sentences without breaking on common abbreviations."""
    protected = text
    for i, abbr in enumerate(ABBREVIATIONS):
        protected = re.sub(re.escape(abbr), f"\x00{i}\x00", protected, flags=re.IGNORECASE)
    parts = _SENTENCE_BREAK.split(protected)
    out = []
    for part in parts:
        restored = re.sub(r"\x00(\d+)\x00", lambda m: ABBREVIATIONS[int(m.group(1))], part)
        if restored.strip():
            out.append(restored.strip())
    return out


def _is_commitment(sentence: str) -> bool:
    """A sentence in running text that commits a party (not context or history)."""
    future = re.search(r"\b(zal|zullen)\b", sentence, re.I)
    if _STRICT_PAST.search(sentence) and not future:
        return False
    # "Deze afspraken hebben een looptijd van ..." is a provision, not history.
    if _FORMAL_PROVISION.search(sentence):
        return True
    # "heeft uiterlijk 2028 geen label E meer" states a future result, not history.
    if _PAST_TENSE_AUX.search(sentence) and not future and not _DEADLINE.search(sentence):
        return False
    subject = _PARTY_SUBJECT.match(sentence)
    if subject and subject.group("verb").lower() not in _DESCRIPTIVE_VERBS:
        return True
    return bool(_PARTY_WORDS.search(sentence) and _COMMITMENT.search(sentence))


def _paragraph_agreements(unit: _Unit, settings: SegmentSettings) -> list[Agreement]:
    """Group the sentences of a paragraph: each committing sentence starts an agreement."""
    groups: list[list[str]] = []
    sentences = split_sentences(unit.text)
    if unit.table_follows and sentences and _introduces_table(sentences[-1], settings):
        sentences = sentences[:-1]  # "... de volgende aantallen:" announces the table below
    for sentence in sentences:
        if _is_commitment(sentence):
            groups.append([sentence])
        elif groups and not _PARTY_WORDS.search(sentence):
            groups[-1].append(sentence)
    return [
        _agreement(unit, " ".join(group), "paragraph", "", "")
        for group in groups
        if len(" ".join(group).split()) >= settings.min_words
    ]


def _scanned_sibling(unit: _Unit, nxt: _Unit, settings: SegmentSettings) -> bool:
    """A scanned list item followed by an item at the same indent is an item, not the lead-in
    of the next: a speck turns its final period into a colon (issue 20: two items merged)."""
    return (
        unit.kind == "list"
        and nxt.kind == "list"
        and unit.lines[-1].ocr
        and abs(nxt.indent - unit.indent) <= settings.sibling_indent
    )


# --- tables -------------------------------------------------------------------------------


def _is_signature_table(table: Table, settings: SegmentSettings) -> bool:
    """A signature block laid out as a table ("Namens ... | Namens ...", "Handtekening: ___"):
    no agreements, wherever it stands (issue 20: on a scan the 'Ondertekening' heading that
    marks it is easily misread). OCR'd tables accept misread signature words."""
    cells = [c for c in [*table.header, *(c for row in table.rows for c in row.cells)] if c]
    if not cells:
        return False
    fuzzy = settings.signature_similarity if table.ocr else 1.0
    signed = sum(_starts_with_signature_word(c, fuzzy) for c in cells)
    return signed >= settings.signature_share * len(cells)


def _starts_with_signature_word(cell: str, fuzzy: float) -> bool:
    first = re.split(r"[\s:]+", cell.strip().lower(), maxsplit=1)[0]
    if first in SIGNATURE_WORDS:
        return True
    return (
        fuzzy < 1.0
        and len(first) >= 4
        and any(difflib.SequenceMatcher(None, first, w).ratio() >= fuzzy for w in SIGNATURE_WORDS)
    )


_PARTY_HEADER = re.compile(
    # "woon" covers corporation names such as Woonbedrijf, Woonpunt, Woonlinie (party columns)
    r"(gemeente|college|corporati|woonstichting|woningstichting|stichting|wonen|woning|woon|"
    r"huurder|bewoner|hbv|provincie|zorg|verhuurder|\bti\b|partner|welzijn)",
    re.IGNORECASE,
)
_NUMBER_HEADER = re.compile(r"^(nr\.?|no\.?|#|nummer|artikel)$", re.IGNORECASE)
# Column headers that describe an attribute, not a party: such columns are never contributions.
_ATTRIBUTE_HEADER = re.compile(
    r"^(wie|wat|wanneer|hoe|planning|toelichting|opmerking(en)?|status|indicator|thema|doel|"
    r"doelen|resultaat|actie|acties|actiehouder|trekker|termijn|jaar|budget|kosten|prioriteit|"
    r"afspraak|afspraken|omschrijving|maatregel|maatregelen|prestatie|kpi|streefwaarde|"
    r"nulmeting|realisatie|eenheid|bron|totaal|onderwerp|ambitie|inzet|bijdrage|kolom \d+)$",
    re.IGNORECASE,
)
_NUMBER_CELL = re.compile(r"^\d{1,2}(\.\d{1,2})*\.?$|^[a-z][.)]$")


def _table_agreements(table: Table, path: list[str], settings: SegmentSettings) -> list[Agreement]:
    """One agreement per data row; party columns become contributions (docs/domain.md §2)."""
    header = [h or f"Kolom {i + 1}" for i, h in enumerate(table.header)]
    number_col = _number_column(table, settings)
    text_col = next(i for i in range(len(header)) if i != number_col)
    party_cols = {
        i
        for i, h in enumerate(table.header)
        if i not in (number_col, text_col) and h and _is_party_header(h, settings)
    }
    out: list[Agreement] = []
    sub_heading: list[str] = []
    for row in table.rows:
        cells = row.cells
        filled = [c for c in cells if c]
        if not filled:
            continue
        if len(set(filled)) == 1 and len(filled) == len(cells) and len(cells) > 1:
            sub_heading = [filled[0]]  # a merged row across the table is a sub-heading
            continue
        main = cells[text_col]
        others = [(i, c) for i, c in enumerate(cells) if c and i not in (number_col, text_col)]
        if not main and not others:
            continue
        parts = [main] if main else []
        parts += [f"{header[i]}: {c}" for i, c in others]
        text = (
            " ".join(_with_stop(p) for p in parts[:-1])
            + (" " if len(parts) > 1 else "")
            + parts[-1]
        )
        if len(text.split()) < settings.min_words and not others:
            continue
        out.append(
            Agreement(
                ordinal=0,
                number=cells[number_col] if number_col is not None else "",
                heading_path=path + sub_heading,
                text=text,
                source_kind="table_row",
                page_start=row.page_start,
                page_end=row.page_end,
                bbox=row.bbox,
                contributions=[
                    Contribution(party=header[i], text=c) for i, c in others if i in party_cols
                ],
                targets=[
                    target
                    for i, c in others
                    if (target := parse_target(main, header[i], c)) is not None
                ],
                ocr=table.ocr,
                ocr_confidence=table.ocr_confidence,
            )
        )
    return out


_TARGET_CELL = re.compile(
    r"^(?P<euro>€|eur\.?)?\s*(?P<number>[-+]?\d{1,3}(?:\.\d{3})+|[-+]?\d+)(?P<decimals>,\d+)?\s*"
    r"(?P<scale>miljoen|mln\.?|duizend)?\s*(?P<percent>%|procent)?$",
    re.IGNORECASE,
)


def parse_target(indicator: str, column: str, cell: str) -> TargetValue | None:
    """A target-table cell that is one number ("40", "1.200", "28%", "€ 1,5 mln"), else None."""
    match = _TARGET_CELL.match(cell.strip())
    if not match:
        return None
    number = match.group("number").replace(".", "") + (match.group("decimals") or "").replace(
        ",", "."
    )
    value = float(number)
    scale = (match.group("scale") or "").lower()
    if scale.startswith(("miljoen", "mln")):
        value *= 1_000_000
    elif scale == "duizend":
        value *= 1_000
    unit = "%" if match.group("percent") else "EUR" if match.group("euro") else ""
    return TargetValue(indicator=indicator, column=column, value=value, unit=unit, raw=cell)


def _is_party_header(header: str, settings: SegmentSettings) -> bool:
    """A party column: a party word, or a short proper name such as a corporation ("De Vaart").

    Actor tables (docs/domain.md §2) head their party columns with names that often carry no party
    word at all, so any short capitalised header that is not an attribute or a year counts.
    """
    text = header.strip()
    if _PARTY_HEADER.search(text):
        return True
    if _ATTRIBUTE_HEADER.match(text.strip(" :")) or any(ch.isdigit() for ch in text):
        return False
    words = text.split()
    return (
        0 < len(words) <= settings.party_header_words
        and text[:1].isupper()
        and not text.endswith((".", "?"))
    )


def _with_stop(text: str) -> str:
    """A table cell's text ending in a clause mark, so that joined cells read as sentences."""
    return text if text.endswith(CLAUSE_END_MARKS) else text + "."


def _number_column(table: Table, settings: SegmentSettings) -> int | None:
    """The column holding item numbers, if the table has one."""
    if len(table.header) < settings.number_column_min_columns:
        return None
    if _NUMBER_HEADER.match(table.header[0].strip()):
        return 0
    firsts = [r.cells[0] for r in table.rows if r.cells[0]]
    if firsts and all(_NUMBER_CELL.match(c) for c in firsts):
        return 0
    return None
