"""Deterministic generator of fictional prestatieafspraken PDFs and the truth they contain.

In: a layout name ("bullets", "actor_table", "numbered"), a fictional municipality, a seed and
optionally a target page count. Out: a PDF that is byte-identical for the same arguments, and a
`SampleTruth` listing every agreement with its expected type, theme and the pages it was drawn on.

The documents follow the layouts of docs/domain.md §1-2 (title page, introduction, one chapter per
theme, general provisions, signature page, running header and footer, actor tables whose rows
split over pages, a table of contents and a jaarschijf target table). Labels follow the decision
guide of docs/domain.md §3 and the theme codes of §5. All names and agreements are invented.

The low-level part (`Heading`, `Para`, `ItemList`, `TableBlock`, `TocBlock`, `render_pdf`) lets
tests build tiny PDFs with exactly the structure a regression needs. Pages are recorded while
drawing (each tracked paragraph notes the canvas page number), never estimated.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import PageBreak as _RLPageBreak

Layout = Literal["bullets", "actor_table", "numbered"]
SourceKind = Literal["list", "numbered", "table_row", "paragraph"]
AgreementType = Literal["intentie", "proces", "concreet"]

LAYOUTS: tuple[str, ...] = ("bullets", "actor_table", "numbered")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 56.7
MARGIN_RIGHT = 56.7
MARGIN_TOP = 72.0
MARGIN_BOTTOM = 62.0
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
HEADER_Y = PAGE_HEIGHT - 40.0
FOOTER_Y = 30.0
FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"


# ---------------------------------------------------------------------------------------------
# Truth


@dataclass
class SampleAgreement:
    """One agreement as the generator placed it, with its expected labels."""

    index: int
    number: str
    heading_path: list[str]
    source_kind: SourceKind
    text: str
    contributions: dict[str, str]
    expected_type: AgreementType
    theme_code: str
    page_start: int = 0
    page_end: int = 0
    hyphenated: bool = False


@dataclass
class SampleTruth:
    """Everything a generated document contains that the pipeline should find."""

    layout: str
    seed: int
    municipality: str
    period_start: int
    period_end: int
    parties: list[str]
    page_count: int
    agreements: list[SampleAgreement]

    def to_json(self) -> str:
        """Serialise as pretty-printed JSON with a stable field order."""
        return json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> SampleTruth:
        """Read a truth file written by `to_json`."""
        raw = json.loads(text)
        raw["agreements"] = [SampleAgreement(**a) for a in raw["agreements"]]
        return cls(**raw)


# ---------------------------------------------------------------------------------------------
# Blocks: the small document model rendered by `render_pdf`


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 starts a chapter, `page_break` starts it on a new page."""

    text: str
    level: int = 1
    key: str = ""
    page_break: bool = False


@dataclass(frozen=True)
class Para:
    """A paragraph of running text; `key` tracks its pages."""

    text: str
    key: str = ""
    style: Literal["body", "title", "subtitle", "center", "small", "signature"] = "body"
    hyphenate: bool = False


@dataclass(frozen=True)
class ListItem:
    """One bullet, dash or numbered item; `marker` is printed before the text."""

    marker: str
    text: str
    key: str = ""
    level: int = 0
    hyphenate: bool = False


@dataclass(frozen=True)
class ItemList:
    """A bulleted or numbered list."""

    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class TableBlock:
    """A ruled table with a header row that repeats on every page it spans."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    keys: tuple[str, ...] = ()
    col_fractions: tuple[float, ...] = ()
    numeric: bool = False
    split_in_row: bool = True
    font_size: float = 8.0


@dataclass(frozen=True)
class TocBlock:
    """A table of contents with dotted leaders; entries are (text, heading key, level)."""

    title: str
    entries: tuple[tuple[str, str, int], ...]


@dataclass(frozen=True)
class PageBreak:
    """Force a new page."""


@dataclass(frozen=True)
class Space:
    """Vertical white space in points."""

    height: float = 12.0


Block = Heading | Para | ItemList | TableBlock | TocBlock | PageBreak | Space


@dataclass(frozen=True)
class RenderResult:
    """What `render_pdf` observed while drawing: page count and pages per tracked key."""

    page_count: int
    pages: dict[str, tuple[int, int]]
    hyphenated: frozenset[str] = field(default_factory=frozenset)


def bullets(texts: Iterable[str], marker: str = "•", key_prefix: str = "") -> ItemList:
    """A bulleted list; with `key_prefix`, item i is tracked as f"{key_prefix}{i}"."""
    return ItemList(
        tuple(
            ListItem(marker, t, f"{key_prefix}{i}" if key_prefix else "")
            for i, t in enumerate(texts)
        )
    )


def numbered(pairs: Iterable[tuple[str, str]], key_prefix: str = "") -> ItemList:
    """A numbered list from (number, text) pairs."""
    return ItemList(
        tuple(
            ListItem(n, t, f"{key_prefix}{i}" if key_prefix else "")
            for i, (n, t) in enumerate(pairs)
        )
    )


# ---------------------------------------------------------------------------------------------
# Rendering


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base: dict[str, Any] = {"fontName": FONT, "fontSize": 10, "leading": 13.5, "spaceAfter": 6}
    base.update(kw)
    return ParagraphStyle(name, **base)


_STYLES: dict[str, ParagraphStyle] = {
    "body": _style("body"),
    "small": _style("small", fontSize=9, leading=12),
    "signature": _style("signature", spaceAfter=3),
    "center": _style("center", alignment=TA_CENTER),
    "title": _style(
        "title", fontName=FONT_BOLD, fontSize=24, leading=30, alignment=TA_CENTER, spaceAfter=18
    ),
    "subtitle": _style("subtitle", fontSize=14, leading=18, alignment=TA_CENTER, spaceAfter=10),
    "h1": _style("h1", fontName=FONT_BOLD, fontSize=15, leading=19, spaceBefore=6, spaceAfter=10),
    "h2": _style("h2", fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=8, spaceAfter=6),
    "h3": _style("h3", fontName=FONT_BOLD, fontSize=10.5, leading=13, spaceBefore=6, spaceAfter=4),
    "toc_title": _style("toc_title", fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=14),
}


def _list_style(marker: str, level: int) -> ParagraphStyle:
    """Hanging indent wide enough for the marker ("•", "–", "3.1.1", "a)")."""
    marker_width = stringWidth(marker, FONT, 10)
    base = 18.0 * level
    indent = base + 16 if marker_width <= 8 else base + max(26.0, marker_width + 8)
    return _style(
        f"list{level}-{indent:.0f}",
        leftIndent=indent,
        bulletIndent=base + 2,
        bulletFontName=FONT,
        bulletFontSize=10,
        spaceAfter=4,
    )


class _TrackedParagraph(Paragraph):
    """A paragraph that records the page of every part it draws under its key."""

    sample_key: str = ""
    sink: dict[str, list[int]] | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """Split like a paragraph and keep the key on every part."""
        parts = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, _TrackedParagraph):
                part.sample_key = self.sample_key
                part.sink = self.sink
        return list(parts)

    def draw(self) -> None:
        """Record the page, then draw."""
        if self.sample_key and self.sink is not None:
            self.sink.setdefault(self.sample_key, []).append(self.canv.getPageNumber())
        super().draw()


class _TocLine(Flowable):
    """One table-of-contents line: text, dotted leader, right-aligned page number."""

    def __init__(self, text: str, page: int, level: int) -> None:
        super().__init__()
        self.text = text
        self.page = page
        self.level = level
        self.width = FRAME_WIDTH
        self.height = 17.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Take the full width, one line high."""
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        """Draw text, dots and page number on one baseline."""
        font = FONT_BOLD if self.level == 1 else FONT
        x0 = 18.0 * (self.level - 1)
        page_text = str(self.page)
        c = self.canv
        c.setFont(font, 10)
        c.drawString(x0, 4, self.text)
        c.setFont(FONT, 10)
        c.drawRightString(self.width, 4, page_text)
        left = x0 + stringWidth(self.text, font, 10) + 6
        right = self.width - stringWidth(page_text, FONT, 10) - 6
        dot = stringWidth(".", FONT, 10)
        n = int((right - left) / dot)
        if n > 3:
            c.drawRightString(right, 4, "." * n)


def _hyphen_break(text: str, width: float, font: str, size: float) -> str | None:
    """Greedy line breaking that splits a known word with "-" at a line end; None if it never "
    "does."""
    words = text.split(" ")
    lines: list[str] = []
    cur = ""
    did = False
    for word in words:
        cand = f"{cur} {word}" if cur else word
        if stringWidth(cand, font, size) <= width:
            cur = cand
            continue
        core = word.rstrip(".,;:)")
        positions = _HYPHEN_POSITIONS.get(core.lower(), ())
        broke = False
        for pos in sorted(positions, reverse=True):
            head = f"{cur} {word[:pos]}-" if cur else f"{word[:pos]}-"
            if cur and stringWidth(head, font, size) <= width:
                lines.append(head)
                cur = word[pos:]
                did = broke = True
                break
        if not broke:
            if cur:
                lines.append(cur)
            cur = word
    lines.append(cur)
    if not did:
        return None
    return "<br/>".join(escape(line) for line in lines)


class _Doc(BaseDocTemplate):
    """Doc template drawing the running header and footer and counting pages."""

    def __init__(self, path: Path, header: str, footer: str, plain_first_page: bool) -> None:
        super().__init__(
            str(path),
            pagesize=A4,
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            invariant=1,
            title=header or "Prestatieafspraken",
            author="",
            creator="prestatie samples",
            producer="prestatie samples",
            subject="",
        )
        self.header = header
        self.footer = footer
        self.plain_first_page = plain_first_page
        self.last_page = 0
        frame = Frame(
            MARGIN_LEFT,
            MARGIN_BOTTOM,
            FRAME_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def _decorate(self, canvas: Any, doc: Any) -> None:
        page = canvas.getPageNumber()
        self.last_page = max(self.last_page, page)
        if self.plain_first_page and page == 1:
            return
        canvas.saveState()
        if self.header:
            canvas.setFont(FONT, 8.5)
            canvas.setFillColor(colors.HexColor("#444444"))
            canvas.drawString(MARGIN_LEFT, HEADER_Y, self.header)
            canvas.setStrokeColor(colors.HexColor("#888888"))
            canvas.setLineWidth(0.4)
            canvas.line(MARGIN_LEFT, HEADER_Y - 5, PAGE_WIDTH - MARGIN_RIGHT, HEADER_Y - 5)
        if self.footer:
            canvas.setFont(FONT, 8.5)
            canvas.setFillColor(colors.HexColor("#444444"))
            canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, FOOTER_Y, self.footer.format(n=page))
        canvas.restoreState()


def _para(
    text: str,
    style: ParagraphStyle,
    key: str,
    sink: dict[str, list[int]],
    bullet: str | None = None,
    markup: str | None = None,
) -> _TrackedParagraph:
    p = _TrackedParagraph(markup if markup is not None else escape(text), style, bulletText=bullet)
    p.sample_key = key
    p.sink = sink
    return p


def _table_flowable(block: TableBlock, sink: dict[str, list[int]]) -> Table:
    size = block.font_size
    cell = _style("cell", fontSize=size, leading=size * 1.25, spaceAfter=0)
    cell_num = _style(
        "cellnum", fontSize=size, leading=size * 1.25, spaceAfter=0, alignment=TA_RIGHT
    )
    head = _style("head", fontName=FONT_BOLD, fontSize=size, leading=size * 1.25, spaceAfter=0)
    head_num = _style(
        "headnum",
        fontName=FONT_BOLD,
        fontSize=size,
        leading=size * 1.25,
        spaceAfter=0,
        alignment=TA_RIGHT,
    )
    ncols = len(block.header)
    header_row = [
        Paragraph(escape(h), head_num if block.numeric and i else head)
        for i, h in enumerate(block.header)
    ]
    data: list[list[Any]] = [header_row]
    for r, row in enumerate(block.rows):
        key = block.keys[r] if r < len(block.keys) else ""
        cells: list[Any] = []
        for i, value in enumerate(row):
            if not value:
                cells.append("")
                continue
            style = cell_num if block.numeric and i else cell
            cells.append([_para(value, style, key, sink)])
        data.append(cells)
    if block.col_fractions:
        widths = [FRAME_WIDTH * f for f in block.col_fractions]
    else:
        widths = [FRAME_WIDTH / ncols] * ncols
    style = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.6, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE4EE")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
    )
    return Table(
        data,
        colWidths=widths,
        repeatRows=1,
        splitByRow=0 if block.split_in_row else 1,
        splitInRow=30 if block.split_in_row else 0,
        style=style,
        hAlign="LEFT",
    )


def _flowables(
    blocks: Sequence[Block],
    sink: dict[str, list[int]],
    toc_pages: dict[str, int],
    hyphenated: set[str],
) -> list[Any]:
    out: list[Any] = []
    for block in blocks:
        if isinstance(block, Heading):
            if block.page_break:
                out.append(_RLPageBreak())
            style = _STYLES[f"h{min(max(block.level, 1), 3)}"]
            out.append(_para(block.text, style, block.key, sink))
        elif isinstance(block, Para):
            style = _STYLES[block.style]
            markup = None
            if block.hyphenate:
                markup = _hyphen_break(block.text, FRAME_WIDTH - 2, FONT, style.fontSize)
                if markup is not None and block.key:
                    hyphenated.add(block.key)
            out.append(_para(block.text, style, block.key, sink, markup=markup))
        elif isinstance(block, ItemList):
            for item in block.items:
                style = _list_style(item.marker, item.level)
                markup = None
                if item.hyphenate:
                    width = FRAME_WIDTH - style.leftIndent - 2
                    markup = _hyphen_break(item.text, width, FONT, style.fontSize)
                    if markup is not None and item.key:
                        hyphenated.add(item.key)
                out.append(_para(item.text, style, item.key, sink, item.marker, markup))
        elif isinstance(block, TableBlock):
            out.append(_table_flowable(block, sink))
            out.append(Spacer(1, 10))
        elif isinstance(block, TocBlock):
            out.append(Paragraph(escape(block.title), _STYLES["toc_title"]))
            for text, key, level in block.entries:
                out.append(_TocLine(text, toc_pages.get(key, 0), level))
        elif isinstance(block, PageBreak):
            out.append(_RLPageBreak())
        elif isinstance(block, Space):
            out.append(Spacer(1, block.height))
    return out


def render_pdf(
    blocks: Sequence[Block],
    path: Path,
    *,
    header: str = "",
    footer: str = "pagina {n}",
    plain_first_page: bool = False,
) -> RenderResult:
    """Draw blocks into a deterministic PDF and report the pages each tracked key landed on."""
    has_toc = any(isinstance(b, TocBlock) for b in blocks)
    toc_pages: dict[str, int] = {}
    passes = 2 if has_toc else 1
    sink: dict[str, list[int]] = {}
    hyphenated: set[str] = set()
    doc: _Doc | None = None
    for _ in range(passes):
        sink = {}
        hyphenated = set()
        doc = _Doc(path, header, footer, plain_first_page)
        doc.build(_flowables(blocks, sink, toc_pages, hyphenated))
        toc_pages = {k: min(v) for k, v in sink.items()}
    assert doc is not None
    pages = {k: (min(v), max(v)) for k, v in sink.items()}
    return RenderResult(doc.last_page, pages, frozenset(hyphenated))


# ---------------------------------------------------------------------------------------------
# Content pools (invented text; labels per docs/domain.md §3 decision guide)

_HYPHENATED_WORDS = (
    "ver-koop",
    "huur-ders-or-ga-ni-sa-tie",
    "wo-ning-cor-po-ra-ties",
    "huur-wo-nin-gen",
    "be-schik-baar",
    "ener-gie-la-bel",
    "le-vens-loop-be-sten-di-ge",
    "ver-gun-ning-hou-ders",
    "een-ge-zins-wo-nin-gen",
    "huis-ves-tings-ver-or-de-ning",
    "wo-ning-zoe-ken-den",
    "door-stro-ming",
    "vrij-ko-men-de",
    "af-top-pings-grens",
    "ont-moe-tings-ruim-te",
    "wijk-uit-voe-rings-plan-nen",
    "wo-ning-aan-pas-sin-gen",
    "zon-ne-pa-ne-len",
    "be-stem-mings-plan-nen",
    "cor-po-ra-ties",
    "ge-lijk-vloer-se",
    "maat-schap-pe-lij-ke",
    "huur-ach-ter-stan-den",
    "schuld-hulp-ver-le-ning",
    "be-wo-ners-ini-ti-a-tie-ven",
    "ge-meen-te",
    "ver-duur-za-ming",
    "wo-nin-gen",
    "so-ci-a-le",
    "be-ge-lei-ding",
    "in-schrijf-duur",
    "toe-wij-zin-gen",
    "be-taal-baar",
    "be-spa-ring",
    "ener-gie-las-ten",
)


def _positions(hyphenated: str) -> tuple[int, ...]:
    out: list[int] = []
    pos = 0
    for part in hyphenated.split("-")[:-1]:
        pos += len(part)
        out.append(pos)
    return tuple(out)


_HYPHEN_POSITIONS: dict[str, tuple[int, ...]] = {
    w.replace("-", ""): _positions(w) for w in _HYPHENATED_WORDS
}

# (theme_code, type, template). Slots are filled by `_Slots`.
_SENTENCES: tuple[tuple[str, str, str], ...] = (
    # betaalbaarheid
    (
        "betaalbaarheid",
        "concreet",
        "{C} wijst ten minste {P95}% van de vrijkomende sociale huurwoningen passend toe aan "
        "huishoudens met recht op huurtoeslag.",
    ),
    (
        "betaalbaarheid",
        "intentie",
        "Partijen streven ernaar de woonlasten van huurders met een laag inkomen betaalbaar te "
        "houden.",
    ),
    (
        "betaalbaarheid",
        "concreet",
        "De corporaties beperken de gemiddelde huurverhoging in {Y} tot {PHV}%, waarbij woningen "
        "met "
        "een huur boven de aftoppingsgrens geen hogere verhoging krijgen dan de inflatie.",
    ),
    (
        "betaalbaarheid",
        "intentie",
        "Uitgangspunt is dat ten minste {P70}% van de sociale huurvoorraad een huurprijs onder de "
        "aftoppingsgrens houdt.",
    ),
    (
        "betaalbaarheid",
        "concreet",
        "{C} verlaagt in {Y} de huur van {N} woningen van huishoudens met een te hoge huurquote "
        "naar "
        "de aftoppingsgrens.",
    ),
    (
        "betaalbaarheid",
        "proces",
        "Partijen monitoren jaarlijks de ontwikkeling van de huurprijzen en bespreken de "
        "uitkomsten in "
        "het bestuurlijk overleg van het najaar.",
    ),
    (
        "betaalbaarheid",
        "concreet",
        "{C} biedt huurders met een aantoonbare inkomensdaling een tijdelijke huurverlaging aan.",
    ),
    (
        "betaalbaarheid",
        "intentie",
        "Partijen zetten zich in om de huur van nieuwbouwwoningen zoveel mogelijk onder de tweede "
        "aftoppingsgrens te houden.",
    ),
    # armoede (placed in the betaalbaarheid chapter, as many documents do)
    (
        "armoede",
        "concreet",
        "{C} neemt binnen twee weken na een tweede gemiste huurbetaling persoonlijk contact op "
        "met de "
        "huurder en meldt de achterstand bij het meldpunt vroegsignalering van de gemeente.",
    ),
    (
        "armoede",
        "proces",
        "De gemeente en de corporaties wisselen maandelijks gegevens uit over huurachterstanden "
        "binnen "
        "het convenant vroegsignalering.",
    ),
    (
        "armoede",
        "concreet",
        "{C} gaat in {Y} niet over tot ontruiming wegens huurachterstand zonder voorafgaand "
        "overleg "
        "met de schuldhulpverlening van de gemeente.",
    ),
    (
        "armoede",
        "intentie",
        "Partijen streven ernaar het aantal huisuitzettingen terug te brengen tot nul.",
    ),
    # beschikbaarheid
    (
        "beschikbaarheid",
        "intentie",
        "Partijen streven naar een groei van de sociale huurvoorraad met ten minste {N2} "
        "woningen tot "
        "en met {END}.",
    ),
    (
        "beschikbaarheid",
        "concreet",
        "{C} verkoopt in de periode {START}-{END} maximaal {N} woningen, uitsluitend vrijkomende "
        "eengezinswoningen in de complexen aan de {STREET}.",
    ),
    (
        "beschikbaarheid",
        "concreet",
        "{C} liberaliseert tot en met {END} geen sociale huurwoningen.",
    ),
    (
        "beschikbaarheid",
        "proces",
        "De gemeente en de corporaties onderzoeken in {Y} gezamenlijk hoe de doorstroming van "
        "ouderen "
        "uit grote eengezinswoningen kan worden bevorderd.",
    ),
    (
        "beschikbaarheid",
        "concreet",
        "De corporaties stellen jaarlijks {N} woningen beschikbaar voor de doorstroomregeling "
        "'Van groot naar beter'.",
    ),
    (
        "beschikbaarheid",
        "intentie",
        "Het behoud van de slaagkans van starters op de woningmarkt is een gezamenlijk "
        "uitgangspunt.",
    ),
    (
        "beschikbaarheid",
        "proces",
        "Partijen delen ieder halfjaar de gegevens over inschrijfduur, zoektijd en slaagkans uit "
        "het "
        "woonruimteverdeelsysteem.",
    ),
    (
        "beschikbaarheid",
        "concreet",
        "De gemeente past voor {D} de huisvestingsverordening aan, zodat de corporaties tot 25% "
        "van "
        "de vrijkomende woningen met lokaal maatwerk kunnen toewijzen.",
    ),
    # nieuwbouw
    (
        "nieuwbouw",
        "concreet",
        "{C} realiseert in {Y} {NB} sociale huurwoningen in het plan {PROJECT}.",
    ),
    (
        "nieuwbouw",
        "concreet",
        "De gemeente stelt de locatie {PROJECT} uiterlijk {D} beschikbaar voor de bouw van ten "
        "minste "
        "{NB} sociale huurwoningen tegen een grondprijs van € {GP} per woning.",
    ),
    (
        "nieuwbouw",
        "intentie",
        "Partijen hebben de ambitie om tot en met {END} in totaal {NB2} sociale huurwoningen toe "
        "te "
        "voegen, mits de financiering rond komt.",
    ),
    (
        "nieuwbouw",
        "concreet",
        "De gemeente neemt in nieuwe bestemmingsplannen een aandeel van minimaal 30% sociale "
        "huur op.",
    ),
    (
        "nieuwbouw",
        "proces",
        "Partijen stemmen ieder kwartaal de planning van de nieuwbouwprojecten af in het "
        "projectenoverleg wonen.",
    ),
    (
        "nieuwbouw",
        "intentie",
        "Bij nieuwbouw wordt zoveel mogelijk ingezet op flexibele en betaalbare woonvormen.",
    ),
    (
        "nieuwbouw",
        "concreet",
        "{C} start voor het einde van {Y} met de bouw van {N} tijdelijke woningen aan de {STREET}.",
    ),
    (
        "nieuwbouw",
        "concreet",
        "Alle nieuwbouw van de corporaties wordt gasloos gebouwd en voldoet aan de BENG-eisen.",
    ),
    # duurzaamheid
    (
        "duurzaamheid",
        "concreet",
        "{C} verbetert in {Y} {NL} woningen met energielabel E, F of G naar ten minste label B.",
    ),
    ("duurzaamheid", "intentie", "Partijen streven naar een CO2-neutrale woningvoorraad in 2050."),
    (
        "duurzaamheid",
        "concreet",
        "{C} plaatst in de periode {START}-{END} zonnepanelen op {NL} eengezinswoningen, zonder "
        "huurverhoging voor de zittende huurder.",
    ),
    (
        "duurzaamheid",
        "concreet",
        "Uiterlijk eind 2028 heeft {C} geen woningen meer met een E-, F- of G-label.",
    ),
    (
        "duurzaamheid",
        "proces",
        "De gemeente en de corporaties stemmen de wijkuitvoeringsplannen voor aardgasvrije wijken "
        "jaarlijks met elkaar af.",
    ),
    (
        "duurzaamheid",
        "concreet",
        "De gemeente stelt voor {Y} € {A} miljoen beschikbaar voor klimaatadaptieve maatregelen in "
        "{W}, zoals het afkoppelen van regenwater en het vergroenen van binnenterreinen.",
    ),
    (
        "duurzaamheid",
        "intentie",
        "De corporaties zetten in op het verlagen van de energielasten van huurders, met "
        "bijzondere "
        "aandacht voor de rode complexen.",
    ),
    (
        "duurzaamheid",
        "concreet",
        "{H} organiseert twee keer per jaar een energiecafé waar huurders advies krijgen over "
        "energiebesparing.",
    ),
    # leefbaarheid
    ("leefbaarheid", "concreet", "{C} zet in {W} een wijkbeheerder in voor 24 uur per week."),
    (
        "leefbaarheid",
        "intentie",
        "Partijen bevorderen de sociale samenhang in de wijken en ondersteunen initiatieven van "
        "bewoners.",
    ),
    (
        "leefbaarheid",
        "proces",
        "De wijkteams, de politie en de corporaties overleggen maandelijks over signalen van "
        "woonoverlast.",
    ),
    (
        "leefbaarheid",
        "concreet",
        "De gemeente start in {Y} een pilot buurtbemiddeling in {W} en {W2}.",
    ),
    (
        "leefbaarheid",
        "concreet",
        "{C} besteedt jaarlijks ten hoogste € {LB} per woning aan leefbaarheid.",
    ),
    (
        "leefbaarheid",
        "intentie",
        "Zelfbeheer door bewoners van complexen wordt waar mogelijk gestimuleerd.",
    ),
    (
        "leefbaarheid",
        "concreet",
        "{C} richt in {Y} in {W} een ontmoetingsruimte in die bewoners zelf beheren.",
    ),
    (
        "leefbaarheid",
        "proces",
        "Partijen stellen voor {D} gezamenlijk een wijkaanpak op voor {W} en evalueren deze na een "
        "jaar met de bewoners.",
    ),
    # wonen_zorg
    (
        "wonen_zorg",
        "concreet",
        "{C} labelt jaarlijks {N} vrijkomende gelijkvloerse woningen voor ouderen van 65 jaar en "
        "ouder.",
    ),
    (
        "wonen_zorg",
        "intentie",
        "Partijen zetten zich in om ouderen zo lang mogelijk zelfstandig thuis te laten wonen.",
    ),
    (
        "wonen_zorg",
        "concreet",
        "De gemeente behandelt aanvragen voor woningaanpassingen uit de Wmo binnen zes weken.",
    ),
    (
        "wonen_zorg",
        "proces",
        "Partijen maken in {Y} een gezamenlijke analyse van de vraag naar zorggeschikte woningen "
        "tot "
        "2030 en bespreken de uitkomsten met de zorgaanbieders.",
    ),
    (
        "wonen_zorg",
        "concreet",
        "{C} stelt jaarlijks {NS} woningen beschikbaar voor uitstroom uit beschermd wonen en de "
        "maatschappelijke opvang.",
    ),
    (
        "wonen_zorg",
        "concreet",
        "De gemeente zorgt bij iedere uitstromer voor begeleiding gedurende ten minste twaalf "
        "maanden "
        "na de verhuizing.",
    ),
    (
        "wonen_zorg",
        "intentie",
        "Bij nieuwbouw gaat de voorkeur uit naar levensloopbestendige woningen nabij "
        "voorzieningen.",
    ),
    # bijzondere_doelgroepen
    (
        "bijzondere_doelgroepen",
        "concreet",
        "De corporaties huisvesten de vergunninghouders die aan de gemeente worden toegewezen, "
        "naar "
        "rato van hun woningbezit.",
    ),
    (
        "bijzondere_doelgroepen",
        "concreet",
        "{C} stelt in {Y} {N} woningen beschikbaar voor jongeren tot 23 jaar met een huurprijs "
        "onder "
        "de kwaliteitskortingsgrens.",
    ),
    (
        "bijzondere_doelgroepen",
        "proces",
        "De gemeente informeert de corporaties elk halfjaar over de taakstelling voor de "
        "huisvesting "
        "van vergunninghouders.",
    ),
    (
        "bijzondere_doelgroepen",
        "intentie",
        "Partijen willen dat de huisvesting van arbeidsmigranten niet ten koste gaat van de "
        "slaagkans "
        "van andere woningzoekenden.",
    ),
    (
        "bijzondere_doelgroepen",
        "concreet",
        "De gemeente richt uiterlijk {D} een urgentiecommissie in die elke aanvraag binnen acht "
        "weken "
        "behandelt.",
    ),
    (
        "bijzondere_doelgroepen",
        "concreet",
        "{C} realiseert voor eind {END} twee nieuwe standplaatsen voor woonwagens aan de {STREET}.",
    ),
    (
        "bijzondere_doelgroepen",
        "intentie",
        "Uitgangspunt is dat urgent woningzoekenden niet langer dan zes maanden op een passende "
        "woning wachten.",
    ),
    # a few long agreements (40-60 words), as Word documents often contain
    (
        "betaalbaarheid",
        "concreet",
        "{C} past vanaf 1 juli {Y} bij iedere nieuwe verhuring de streefhuur toe die hoort bij de "
        "kwaliteit van de woning, met dien verstande dat ten minste {P70}% van de vrijkomende "
        "woningen een huur onder de aftoppingsgrens krijgt en dat woningen met label E, F of G "
        "niet "
        "boven de eerste aftoppingsgrens worden verhuurd.",
    ),
    (
        "leefbaarheid",
        "intentie",
        "Partijen willen dat iedere inwoner zich thuis voelt in de eigen buurt; daarom zetten "
        "zij in "
        "op schone en veilige woonomgevingen, op ontmoeting tussen oude en nieuwe bewoners en op "
        "het versterken van de sociale netwerken in de wijken waar de leefbaarheid onder druk "
        "staat, "
        "zoals {W} en {W2}.",
    ),
    (
        "duurzaamheid",
        "concreet",
        "{C} voert in {Y} in {W} een proef uit met {N} nul-op-de-meterwoningen, waarbij de "
        "energieprestatievergoeding niet hoger is dan de gemiddelde energierekening van de huurder "
        "in de drie jaar voor de renovatie en de huurder vooraf een onafhankelijk advies krijgt "
        "over de gevolgen voor zijn woonlasten.",
    ),
    (
        "wonen_zorg",
        "proces",
        "De gemeente, de corporaties en de zorgaanbieders komen ieder halfjaar bijeen om de "
        "wachtlijsten voor beschermd wonen, de beschikbare woningen voor uitstroom en de "
        "knelpunten "
        "in de begeleiding te bespreken, en leggen de afspraken die zij daarover maken vast in een "
        "kort verslag dat ook aan de huurdersorganisaties wordt gestuurd.",
    ),
    # samenwerking
    (
        "samenwerking",
        "proces",
        "Partijen houden twee keer per jaar een bestuurlijk overleg over de voortgang van de "
        "afspraken.",
    ),
    (
        "samenwerking",
        "proces",
        "{C} levert jaarlijks voor 1 juli een bod aan de gemeente en de huurdersorganisatie.",
    ),
    (
        "samenwerking",
        "proces",
        "De gemeente stelt jaarlijks in overleg met partijen een monitor van de afspraken op en "
        "deelt "
        "deze voor 1 april met de gemeenteraad.",
    ),
    (
        "samenwerking",
        "proces",
        "Partijen betrekken de huurdersorganisaties tijdig bij de voorbereiding van nieuwe "
        "afspraken, "
        "uiterlijk acht weken voor het eerste overleg.",
    ),
    (
        "samenwerking",
        "proces",
        "Geschillen over de uitvoering van deze afspraken worden eerst in het bestuurlijk overleg "
        "besproken; komen partijen er niet uit, dan kan elk van hen de minister om een oordeel "
        "vragen.",
    ),
    (
        "samenwerking",
        "proces",
        "Partijen evalueren de samenwerking in {Y} aan de hand van een korte enquête onder de "
        "betrokken medewerkers en bestuurders.",
    ),
)

# Actor-table rows: (theme, type, headline, gemeente cell, corporation cells, tenants cell).
_ROWS: tuple[tuple[str, str, str, str, tuple[str, ...], str], ...] = (
    (
        "betaalbaarheid",
        "concreet",
        "Passend toewijzen en betaalbare huren",
        "Neemt voorlichting over huurtoeslag op in het sociaal loket en verwijst huurders met "
        "betalingsproblemen binnen een week door naar het wijkteam.",
        (
            "Wijst ten minste {P95}% van de vrijkomende woningen passend toe en houdt {P70}% van "
            "de "
            "voorraad onder de aftoppingsgrens.",
            "Beperkt de huurverhoging in {Y} tot {PHV}% en past geen inkomensafhankelijke "
            "huurverhoging toe.",
        ),
        "Brengt jaarlijks voor 1 april een advies uit over het huurbeleid.",
    ),
    (
        "betaalbaarheid",
        "intentie",
        "Betaalbaarheid voor de laagste inkomens borgen",
        "Zet zich in voor een goed bereik van de minimaregelingen.",
        (
            "Streeft naar een gematigd huurbeleid met aandacht voor de totale woonlasten.",
            "Houdt zoveel mogelijk rekening met de woonlasten van huishoudens met een laag "
            "inkomen.",
        ),
        "",
    ),
    (
        "armoede",
        "concreet",
        "Voorkomen van huurachterstanden en huisuitzettingen",
        "Biedt binnen drie werkdagen na een melding een gesprek aan met de schuldhulpverlening.",
        (
            "Meldt huurachterstanden vanaf één maand bij het meldpunt vroegsignalering en neemt "
            "binnen "
            "twee weken contact op met de huurder.",
            "Zet geen huurder uit zonder huisbezoek en stelt een betalingsregeling van ten minste "
            "twaalf maanden voor.",
        ),
        "Werft in {Y} vijf vrijwillige thuisadministrateurs voor huurders met geldzorgen.",
    ),
    (
        "beschikbaarheid",
        "concreet",
        "Omvang van de sociale huurvoorraad",
        "Legt de omvang van de kernvoorraad van {N2} woningen vast in de woonvisie {Y}.",
        (
            "Verkoopt maximaal {N} woningen per jaar en liberaliseert tot en met {END} geen "
            "woningen.",
            "Houdt het aantal sociale huurwoningen tot en met {END} op ten minste het niveau van "
            "1 januari {START}.",
        ),
        "",
    ),
    (
        "beschikbaarheid",
        "proces",
        "Woonruimteverdeling en slaagkansen",
        "Levert jaarlijks de cijfers over woningzoekenden per kern aan de corporaties.",
        (
            "Deelt per kwartaal de gegevens over inschrijfduur, reacties en toewijzingen.",
            "Bespreekt de slaagkansen twee keer per jaar met de gemeente in het ambtelijk overleg.",
        ),
        "Bespreekt de uitkomsten met de achterban en geeft een zienswijze.",
    ),
    (
        "beschikbaarheid",
        "intentie",
        "Doorstroming bevorderen",
        "Verkent de wenselijkheid van een doorstroommakelaar.",
        (
            "Zet in op het verleiden van ouderen om te verhuizen naar een passende woning.",
            "Wil de doorstroming uit eengezinswoningen waar mogelijk stimuleren.",
        ),
        "Denkt mee over de voorwaarden van een doorstroomregeling.",
    ),
    (
        "nieuwbouw",
        "concreet",
        "Toevoegen van sociale huurwoningen",
        "Stelt de locaties {PROJECT} en {PROJECT2} beschikbaar tegen een sociale grondprijs van "
        "€ {GP} per woning.",
        (
            "Realiseert in de periode {START}-{END} {NB} sociale huurwoningen, waarvan ten "
            "minste een "
            "derde gelijkvloers.",
            "Start in {Y} met de bouw van {NB} woningen in {PROJECT2}, waarvan 60% sociale huur.",
        ),
        "Wordt bij elk project voor het definitief ontwerp betrokken via een klankbordgroep.",
    ),
    (
        "nieuwbouw",
        "proces",
        "Planning en afstemming nieuwbouw",
        "Organiseert ieder kwartaal een projectenoverleg wonen.",
        (
            "Levert jaarlijks voor 1 september een geactualiseerde projectenplanning aan.",
            "Meldt vertraging in projecten binnen een maand in het projectenoverleg.",
        ),
        "",
    ),
    (
        "nieuwbouw",
        "intentie",
        "Versnellen van de woningbouw",
        "Streeft ernaar de procedures voor sociale woningbouw te versnellen.",
        (
            "Zet zich in om de bouwproductie op peil te houden, mits de financiële ruimte dit "
            "toelaat.",
            "Wil bijdragen aan de woningbouwopgave, afhankelijk van de beschikbare locaties.",
        ),
        "",
    ),
    (
        "duurzaamheid",
        "concreet",
        "Verduurzaming van de bestaande voorraad",
        "Stelt een subsidie van € {A} miljoen beschikbaar voor de aanpak van {W}.",
        (
            "Verbetert uiterlijk in 2028 alle woningen met label E, F of G; in {Y} gaat het om "
            "{NL} "
            "woningen.",
            "Isoleert in {Y} {NL} woningen in {W} en plaatst waar mogelijk zonnepanelen zonder "
            "huurverhoging.",
        ),
        "Stelt per complex samen met de corporatie een bewonersplan op.",
    ),
    (
        "duurzaamheid",
        "intentie",
        "Aardgasvrije wijken",
        "Streeft naar een aardgasvrij {W} in 2035.",
        (
            "Sluit waar mogelijk aan bij de wijkaanpak van de gemeente.",
            "Wil de complexen in {W} op termijn aardgasvrij maken.",
        ),
        "Vraagt aandacht voor de woonlasten van huurders.",
    ),
    (
        "duurzaamheid",
        "concreet",
        "Energiebesparing bij huurders",
        "Zet in {Y} energiecoaches in voor {N2} huishoudens.",
        (
            "Plaatst bij elke mutatie ledverlichting en waterbesparende douchekoppen.",
            "Vervangt in {Y} bij {NL} woningen de enkele beglazing door HR++-glas.",
        ),
        "Organiseert twee energiecafés per jaar.",
    ),
    (
        "leefbaarheid",
        "concreet",
        "Schone, hele en veilige wijken",
        "Voert in {Y} een extra schouw uit in {W} en herstelt gebreken in de openbare ruimte "
        "binnen "
        "vier weken.",
        (
            "Zet een wijkbeheerder in voor 16 uur per week per complex boven de 40 woningen.",
            "Besteedt jaarlijks € {LB} per woning aan leefbaarheid, waarvan een deel via "
            "bewonersbudgetten.",
        ),
        "Wijst per complex een contactpersoon aan.",
    ),
    (
        "leefbaarheid",
        "proces",
        "Aanpak woonoverlast",
        "Coördineert het maandelijkse overleg over overlastsituaties.",
        (
            "Neemt deel aan het overleg en deelt signalen binnen de kaders van de "
            "privacywetgeving.",
            "Bespreekt complexe overlastzaken in het casusoverleg met wijkteam en politie.",
        ),
        "",
    ),
    (
        "leefbaarheid",
        "intentie",
        "Versterken van de leefbaarheid",
        "Ondersteunt bewonersinitiatieven.",
        (
            "Draagt bij aan prettige en veilige wijken.",
            "Zet zich in voor ontmoeting tussen bewoners.",
        ),
        "Stimuleert bewonersparticipatie.",
    ),
    (
        "wonen_zorg",
        "concreet",
        "Geschikte woningen voor ouderen",
        "Behandelt aanvragen voor woningaanpassingen binnen zes weken.",
        (
            "Labelt jaarlijks {N} vrijkomende gelijkvloerse woningen voor 65-plussers.",
            "Maakt in {Y} {NS} portiekflats in {W} rollatortoegankelijk.",
        ),
        "",
    ),
    (
        "wonen_zorg",
        "concreet",
        "Uitstroom uit beschermd wonen",
        "Regelt voor iedere uitstromer begeleiding gedurende ten minste een jaar.",
        (
            "Stelt in {Y} {NS} woningen beschikbaar voor uitstroom uit beschermd wonen en de "
            "maatschappelijke opvang.",
            "Stelt jaarlijks {NS} woningen beschikbaar voor uitstroom en sluit per huurder een "
            "driepartijenovereenkomst.",
        ),
        "",
    ),
    (
        "wonen_zorg",
        "proces",
        "Zorgvastgoed en langer thuis",
        "Brengt in {Y} samen met de corporaties en zorgaanbieders de vraag naar zorgwoningen in "
        "beeld.",
        (
            "Levert gegevens over geschikte woningen aan voor de analyse.",
            "Neemt deel aan het regionale overleg wonen en zorg.",
        ),
        "Brengt signalen van oudere huurders in.",
    ),
    (
        "bijzondere_doelgroepen",
        "concreet",
        "Huisvesting vergunninghouders",
        "Informeert de corporaties ieder halfjaar over de taakstelling en zorgt voor "
        "maatschappelijke begeleiding.",
        (
            "Huisvest naar rato van het woningbezit de vergunninghouders die aan de gemeente zijn "
            "toegewezen.",
            "Stelt in {Y} {N} woningen beschikbaar voor vergunninghouders, waarvan een deel voor "
            "woningdelers.",
        ),
        "",
    ),
    (
        "bijzondere_doelgroepen",
        "intentie",
        "Woonruimte voor jongeren",
        "Zet zich in voor meer woonruimte voor jongeren.",
        (
            "Streeft naar een groter aanbod van kleine, goedkope woningen.",
            "Wil waar mogelijk tijdelijke huurcontracten voor jongeren aanbieden.",
        ),
        "",
    ),
    (
        "bijzondere_doelgroepen",
        "concreet",
        "Urgentie en maatwerk",
        "Behandelt urgentieaanvragen binnen acht weken en wijst één vast aanspreekpunt aan.",
        (
            "Stelt jaarlijks {N} woningen beschikbaar voor urgent woningzoekenden.",
            "Reserveert jaarlijks {N} woningen voor maatwerk op voordracht van de gemeente.",
        ),
        "",
    ),
    (
        "samenwerking",
        "proces",
        "Overleg en monitoring",
        "Organiseert twee keer per jaar een bestuurlijk overleg en stelt jaarlijks de monitor op.",
        (
            "Levert voor 1 maart de cijfers over het voorgaande jaar aan.",
            "Levert jaarlijks voor 1 juli een bod op de woonvisie.",
        ),
        "Neemt deel aan het bestuurlijk overleg en geeft een zienswijze op de monitor.",
    ),
    (
        "samenwerking",
        "proces",
        "Betrokkenheid van huurders",
        "Nodigt de huurdersorganisaties uit voor elk overleg over de prestatieafspraken.",
        (
            "Informeert de huurdersorganisatie tijdig over voorgenomen beleid.",
            "Bespreekt het bod voor verzending met de huurdersorganisatie.",
        ),
        "Raadpleegt jaarlijks de achterban over de uitvoering van de afspraken.",
    ),
)

# Jaarschijf indicators: (indicator, theme, value choices).
_INDICATORS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Nieuwbouw sociale huur (aantal)", "nieuwbouw", ("24", "36", "40", "52", "64", "80")),
    ("Nieuwbouw middenhuur (aantal)", "nieuwbouw", ("0", "12", "18", "24")),
    ("Verkoop (aantal)", "beschikbaarheid", ("4", "6", "8", "10")),
    ("Sloop (aantal)", "beschikbaarheid", ("0", "16", "24", "32")),
    ("Liberalisatie (aantal)", "beschikbaarheid", ("0",)),
    ("Woningen met label E, F of G verbeterd", "duurzaamheid", ("60", "85", "110", "140")),
    ("Woningen voorzien van zonnepanelen", "duurzaamheid", ("50", "75", "100", "120")),
    ("Gemiddelde huurverhoging (%)", "betaalbaarheid", ("2,5", "2,8", "3,1", "3,5")),
    ("Passend toegewezen (% van de toewijzingen)", "betaalbaarheid", ("95", "96", "97")),
    ("Woningen gelabeld voor ouderen (aantal)", "wonen_zorg", ("10", "15", "20")),
    ("Woningen voor uitstroom beschermd wonen (aantal)", "wonen_zorg", ("4", "6", "8")),
    ("Vergunninghouders gehuisvest (personen)", "bijzondere_doelgroepen", ("30", "42", "55")),
    ("Budget leefbaarheid (€ per woning)", "leefbaarheid", ("95", "110", "135")),
)

_NEIGHBOURHOODS = (
    "het Oosterkwartier",
    "De Brink",
    "de Molenwijk",
    "de Zuidrand",
    "Het Veld",
    "de Kerkebuurt",
    "de Bloemenbuurt",
    "Noorderhof",
)
_STREETS = ("Lindelaan", "Havenstraat", "Molenweg", "Esdoornstraat", "Dijkweg", "Kastanjehof")
_PROJECTS = (
    "Nieuwe Akker",
    "Kop van de Haven",
    "Schoolterrein Noord",
    "De Boomgaard",
    "Stationskwartier",
    "Weverspark",
)
_MONTHS = ("1 april", "1 juli", "1 oktober", "1 december")
_SIGNATORIES = (
    ("J.W. van Dalen", "wethouder Wonen"),
    ("A. Kooistra", "directeur-bestuurder"),
    ("M. El Amrani", "directeur-bestuurder"),
    ("P. de Wit", "voorzitter"),
    ("T. Brouwer-Smit", "bestuurder"),
    ("H. Veenstra", "voorzitter"),
    ("R. Nijboer", "wethouder Volkshuisvesting"),
    ("S. Oosterhuis", "directeur Wonen"),
)
_CORP_POOL = (
    "Woonstichting De Linde",
    "Wolder Wonen",
    "Stichting Eemwonen",
    "Woningstichting Het Baken",
    "Woonpartners Zuid",
    "Havenwoningen",
    "Woonkracht Oost",
    "Stichting Thuis aan de Vaart",
)
_TENANT_POOL = (
    "Huurdersvereniging De Sleutel",
    "Huurdersbelangenvereniging Eemdal",
    "Huurdersraad Zuiderhaven",
    "Bewonersraad De Vaart",
)

_PRESETS: dict[str, tuple[tuple[str, ...], str]] = {
    "Wolderwijk": (("Woonstichting De Linde", "Wolder Wonen"), "Huurdersvereniging De Sleutel"),
    "Eemdal": (
        ("Stichting Eemwonen", "Woningstichting Het Baken"),
        "Huurdersbelangenvereniging Eemdal",
    ),
    "Zuiderhaven": (("Woonpartners Zuid", "Havenwoningen"), "Huurdersraad Zuiderhaven"),
}

_PERIODS: dict[str, tuple[int, int]] = {
    "bullets": (2024, 2027),
    "actor_table": (2025, 2029),
    "numbered": (2025, 2027),
}

_THEME_TITLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("betaalbaarheid", "Betaalbaarheid en woonlasten", ("betaalbaarheid", "armoede")),
    ("beschikbaarheid", "Beschikbaarheid en woonruimteverdeling", ("beschikbaarheid",)),
    ("nieuwbouw", "Nieuwbouw", ("nieuwbouw",)),
    ("duurzaamheid", "Duurzaamheid", ("duurzaamheid",)),
    ("leefbaarheid", "Leefbaarheid", ("leefbaarheid",)),
    ("wonen_zorg", "Wonen en zorg", ("wonen_zorg",)),
    ("bijzondere_doelgroepen", "Bijzondere doelgroepen", ("bijzondere_doelgroepen",)),
    ("samenwerking", "Samenwerking en monitoring", ("samenwerking",)),
)

_THEME_INTROS: dict[str, str] = {
    "betaalbaarheid": "De woonlasten van huurders zijn de afgelopen jaren gestegen. In de "
    "woonvisie "
    "staat dat betaalbaarheid voor de laagste inkomens voorop staat. Dit hoofdstuk beschrijft wat "
    "partijen daarvoor doen.",
    "beschikbaarheid": "Het aantal woningzoekenden groeit, terwijl er weinig woningen vrijkomen. "
    "De gemiddelde zoektijd bedroeg vorig jaar ruim drie jaar.",
    "nieuwbouw": "De regio heeft een grote bouwopgave. Een deel van de nieuwe woningen komt op "
    "locaties die de gemeente in eigendom heeft.",
    "duurzaamheid": "De corporaties hebben een groot deel van hun bezit al verbeterd. De opgave "
    "verschuift naar complexen met slechte labels en naar klimaatadaptatie.",
    "leefbaarheid": "In enkele buurten staat de leefbaarheid onder druk. De wijkmonitor laat "
    "vooral in de oudere wijken een daling zien.",
    "wonen_zorg": "Het aantal inwoners boven de 75 jaar verdubbelt tot 2040. Meer mensen met een "
    "zorgvraag wonen zelfstandig.",
    "bijzondere_doelgroepen": "Verschillende groepen hebben met voorrang een woning nodig. "
    "Partijen "
    "verdelen die opgave evenwichtig over de kernen.",
    "samenwerking": "Partijen werken al jaren samen. Dit hoofdstuk legt vast hoe zij dat de "
    "komende jaren doen.",
}


class _Slots(dict[str, str]):
    """Slot values for one agreement, drawn from the seeded generator."""

    def __init__(
        self, rng: random.Random, corps: Sequence[str], tenants: str, period: tuple[int, int]
    ) -> None:
        start, end = period
        year = rng.randint(start, end)
        w, w2 = rng.sample(_NEIGHBOURHOODS, 2)
        p1, p2 = rng.sample(_PROJECTS, 2)
        super().__init__(
            C=rng.choice(list(corps)),
            H=tenants,
            Y=str(year),
            START=str(start),
            END=str(end),
            N=str(rng.choice((5, 8, 10, 12, 15, 20, 25))),
            N2=str(rng.choice((40, 60, 75, 100, 150))),
            NB=str(rng.randrange(20, 160, 4)),
            NB2=str(rng.choice((300, 450, 600, 800))),
            NL=str(rng.randrange(40, 260, 5)),
            NS=str(rng.choice((4, 6, 8, 10, 12))),
            P95=rng.choice(("95", "96", "97", "98")),
            P70=rng.choice(("70", "75", "80")),
            PHV=rng.choice(("2,5", "2,8", "3,1", "3,5")),
            A=rng.choice(("0,5", "0,8", "1,2", "1,5", "2,4")),
            GP=rng.choice(("15.000", "17.500", "20.000", "22.500")),
            LB=rng.choice(("95", "110", "135", "150")),
            W=w,
            W2=w2,
            STREET=rng.choice(_STREETS),
            PROJECT=p1,
            PROJECT2=p2,
            D=f"{rng.choice(_MONTHS)} {year}",
        )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


@dataclass
class _Ctx:
    """Everything the content builders share for one document."""

    layout: str
    municipality: str
    corps: tuple[str, ...]
    tenants: str
    period: tuple[int, int]
    rng: random.Random
    agreements: list[SampleAgreement] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)

    @property
    def gemeente(self) -> str:
        return f"Gemeente {self.municipality}"

    @property
    def header(self) -> str:
        start, end = self.period
        return f"Prestatieafspraken {self.gemeente} {start}-{end}"

    def slots(self) -> _Slots:
        return _Slots(self.rng, self.corps, self.tenants, self.period)

    def add(
        self,
        number: str,
        path: Sequence[str],
        kind: SourceKind,
        text: str,
        type_: str,
        theme: str,
        contributions: dict[str, str] | None = None,
    ) -> str:
        """Register one agreement and return its tracking key."""
        index = len(self.agreements) + 1
        self.agreements.append(
            SampleAgreement(
                index=index,
                number=number,
                heading_path=list(path),
                source_kind=kind,
                text=text,
                contributions=dict(contributions or {}),
                expected_type=type_,  # type: ignore[arg-type]
                theme_code=theme,
            )
        )
        return f"a{index:04d}"

    def sentences(self, themes: Sequence[str], count: int) -> list[tuple[str, str, str]]:
        """`count` filled (theme, type, text) sentences cycling through the pool of `themes`."""
        pool = [s for s in _SENTENCES if s[0] in themes]
        order = list(range(len(pool)))
        self.rng.shuffle(order)
        out = []
        for i in range(count):
            theme, type_, template = pool[order[i % len(order)]]
            out.append((theme, type_, _cap(template.format_map(self.slots()))))
        return out


def _distribute(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _title_blocks(ctx: _Ctx, kind: str, subtitle: str) -> list[Block]:
    start, end = ctx.period
    parties = [ctx.gemeente, *ctx.corps, ctx.tenants]
    return [
        Space(150),
        Para(f"{kind} {start}-{end}", style="title"),
        Para(subtitle, style="subtitle"),
        Space(40),
        Para("Afspraken tussen", style="center"),
        *[Para(p, style="center") for p in parties],
        Space(60),
        Para(f"Vastgesteld in december {start - 1}", style="center"),
        PageBreak(),
    ]


def _intro_paragraphs(ctx: _Ctx) -> list[str]:
    start, end = ctx.period
    corps = " en ".join(ctx.corps)
    return [
        f"Deze prestatieafspraken zijn gemaakt door de gemeente {ctx.municipality}, "
        f"{corps} en {ctx.tenants}. Zij bouwen voort op de afspraken uit de vorige periode en op "
        f"de woonvisie die de gemeenteraad in {start - 1} heeft vastgesteld.",
        "Op grond van de Woningwet maken gemeente, corporaties en huurdersorganisaties jaarlijks "
        "afspraken over de bijdrage van de corporaties aan het volkshuisvestingsbeleid. De "
        "corporaties hebben voor 1 juli een bod uitgebracht; dit document is het resultaat van de "
        "gesprekken daarover.",
        f"{ctx.municipality} telt ongeveer 41.000 inwoners en 17.800 woningen, waarvan circa 31% "
        "sociale huurwoningen. De druk op de woningmarkt is groot en de vergrijzing neemt toe.",
        f"De afspraken gelden voor de periode {start}-{end}. Elk jaar stellen partijen vast of de "
        "afspraken moeten worden bijgesteld.",
    ]


def _signature_blocks(ctx: _Ctx, heading: str) -> list[Block]:
    start, _ = ctx.period
    blocks: list[Block] = [
        Heading(heading, 1, page_break=True),
        Para(f"Aldus overeengekomen en ondertekend te {ctx.municipality} in december {start - 1}."),
        Space(8),
    ]
    parties = [ctx.gemeente, *ctx.corps, ctx.tenants]
    people = list(_SIGNATORIES)
    ctx.rng.shuffle(people)
    for party, (name, function) in zip(parties, people, strict=False):
        blocks += [
            Para(f"Namens {party}", style="signature"),
            Para(f"{name}, {function}", style="signature"),
            Para("Datum: ______________________", style="signature"),
            Para("Handtekening: ______________________", style="signature"),
            Space(14),
        ]
    return blocks


def _general_provisions(ctx: _Ctx, path: list[str]) -> list[Block]:
    """Running-text paragraphs holding several agreements each (docs/domain.md §2)."""
    start, end = ctx.period
    groups = [
        [
            f"Deze prestatieafspraken gelden van 1 januari {start} tot en met 31 december {end}.",
            "Partijen evalueren de afspraken jaarlijks in het eerste kwartaal en passen ze zo "
            "nodig "
            "aan in een jaarschijf.",
        ],
        [
            "Wijzigingen in deze afspraken worden schriftelijk vastgelegd en door alle partijen "
            "ondertekend.",
            "Bij een geschil over de uitvoering wenden partijen zich eerst tot het bestuurlijk "
            "overleg en daarna tot de geschillencommissie van de Minister.",
        ],
    ]
    blocks: list[Block] = [
        Para("Dit hoofdstuk bevat de algemene bepalingen die voor alle afspraken gelden."),
    ]
    for group in groups:
        keys = [ctx.add("", path, "paragraph", s, "proces", "samenwerking") for s in group]
        for key in keys[1:]:
            ctx.aliases[key] = keys[0]  # sentences of one paragraph share its pages
        blocks.append(Para(" ".join(group), key=keys[0]))
    return blocks


def _mark_hyphenation(items: list[ListItem], wanted: int) -> list[ListItem]:
    """Ask for hyphenated line breaks on `wanted` items, spread out, where such a break occurs."""
    candidates = [
        i
        for i, it in enumerate(items)
        if _hyphen_break(
            it.text, FRAME_WIDTH - _list_style(it.marker, it.level).leftIndent - 2, FONT, 10
        )
        is not None
    ]
    step = max(1, len(candidates) // max(wanted, 1))
    chosen = set(candidates[::step][:wanted])
    return [
        ListItem(it.marker, it.text, it.key, it.level, hyphenate=i in chosen)
        for i, it in enumerate(items)
    ]


def _bullets_document(ctx: _Ctx, n: int) -> list[Block]:
    blocks = _title_blocks(
        ctx, "Prestatieafspraken", f"Samen werken aan wonen in {ctx.municipality}"
    )
    blocks += [Heading("1 Inleiding", 1)]
    blocks += [Para(p) for p in _intro_paragraphs(ctx)]
    blocks += [
        Heading("Leeswijzer", 2),
        Para(
            "Elk hoofdstuk begint met een korte schets van de opgave, gevolgd door de afspraken. "
            "Waar een corporatie bij naam wordt genoemd, geldt de afspraak alleen voor die "
            "corporatie."
        ),
    ]
    counts = _distribute(n, len(_THEME_TITLES))
    pending: list[ListItem] = []
    chapter_items: list[tuple[int, int]] = []  # (block index, number of items)
    for c, ((code, title, themes), count) in enumerate(zip(_THEME_TITLES, counts, strict=True)):
        heading = f"{c + 2} {title}"
        blocks += [Heading(heading, 1, page_break=True), Para(_THEME_INTROS[code])]
        marker = "–" if code in ("leefbaarheid", "wonen_zorg") else "•"
        items = []
        for theme, type_, text in ctx.sentences(themes, count):
            key = ctx.add("", [heading], "list", text, type_, theme)
            items.append(ListItem(marker, text, key))
        chapter_items.append((len(blocks), len(items)))
        blocks.append(ItemList(tuple(items)))
        pending += items
    # Spread ~3-4 hyphenated breaks over the chapters.
    marked = _mark_hyphenation(pending, 4)
    pos = 0
    for block_index, size in chapter_items:
        blocks[block_index] = ItemList(tuple(marked[pos : pos + size]))
        pos += size
    provisions = f"{len(_THEME_TITLES) + 2} Algemene bepalingen"
    blocks += [Heading(provisions, 1, page_break=True), *_general_provisions(ctx, [provisions])]
    blocks += _signature_blocks(ctx, "Ondertekening")
    return blocks


def _actor_document(ctx: _Ctx, n: int) -> list[Block]:
    blocks = _title_blocks(
        ctx, "Raamovereenkomst prestatieafspraken", f"Samen bouwen aan wonen in {ctx.municipality}"
    )
    blocks += [Heading("1 Inleiding", 1)]
    blocks += [Para(p) for p in _intro_paragraphs(ctx)]
    blocks += [
        Heading("2 Leeswijzer", 1),
        Para(
            "In hoofdstuk 3 staat per thema een tabel. De eerste kolom bevat de gezamenlijke "
            "afspraak; de overige kolommen beschrijven wat elke partij daaraan bijdraagt. Een "
            "lege cel betekent dat de partij voor die afspraak geen eigen inzet levert."
        ),
        Heading("3 Afspraken per thema", 1, page_break=True),
    ]
    header = ("Afspraak", "Gemeente", *ctx.corps, "Huurdersorganisatie")
    party_names = header[1:]
    counts = _distribute(n, len(_THEME_TITLES))
    used: dict[str, int] = {}
    for c, ((_code, title, themes), count) in enumerate(zip(_THEME_TITLES, counts, strict=True)):
        heading = f"3.{c + 1} {title}"
        pool = [r for r in _ROWS if r[0] in themes]
        order = list(range(len(pool)))
        ctx.rng.shuffle(order)
        rows: list[tuple[str, ...]] = []
        keys: list[str] = []
        for i in range(count):
            theme, type_, headline, gem, corp_cells, tenant = pool[order[i % len(order)]]
            slots = ctx.slots()
            used[headline] = used.get(headline, 0) + 1
            if used[headline] > 1:
                headline = f"{headline} ({slots['W']})"
            cells = [gem.format_map(slots)]
            for j, _corp in enumerate(ctx.corps):
                template = corp_cells[(j + i) % len(corp_cells)]
                if ctx.rng.random() < 0.6:  # tall rows: often both commitments in one cell
                    template = f"{template} {corp_cells[(j + i + 1) % len(corp_cells)]}"
                empty = j > 0 and ctx.rng.random() < 0.15
                cells.append("" if empty else template.format_map(ctx.slots()))
            cells.append(tenant.format_map(slots))
            contributions = dict(zip(party_names, cells, strict=True))
            key = ctx.add("", [heading], "table_row", headline, type_, theme, contributions)
            rows.append((headline, *cells))
            keys.append(key)
        first = 0.22
        rest = (1 - first) / len(party_names)
        blocks += [
            Heading(heading, 2),
            TableBlock(
                header, tuple(rows), tuple(keys), (first, *[rest] * len(party_names)), font_size=8.5
            ),
        ]
    blocks += [
        Heading("4 Algemene bepalingen", 1, page_break=True),
        *_general_provisions(ctx, ["4 Algemene bepalingen"]),
    ]
    blocks += _signature_blocks(ctx, "5 Ondertekening")
    return blocks


_SECTION_TITLES = ("Uitgangspunten", "Afspraken")


def _numbered_document(ctx: _Ctx, n: int) -> list[Block]:
    start, end = ctx.period
    blocks = _title_blocks(ctx, "Prestatieafspraken", f"Samen thuis in {ctx.municipality}")
    toc_index = len(blocks)
    blocks.append(TocBlock("Inhoudsopgave", ()))
    blocks.append(PageBreak())
    toc: list[tuple[str, str, int]] = []

    def heading(text: str, level: int, page_break: bool = False) -> Heading:
        key = f"h{len(toc):03d}"
        toc.append((text, key, level))
        return Heading(text, level, key, page_break)

    blocks.append(heading("Inleiding", 1))
    blocks += [Para(p) for p in _intro_paragraphs(ctx)]
    articles: list[tuple[str, tuple[str, ...]]] = [
        ("Betaalbaarheid", ("betaalbaarheid",)),
        ("Beschikbaarheid en doorstroming", ("beschikbaarheid",)),
        ("Nieuwbouw", ("nieuwbouw",)),
        ("Duurzaamheid", ("duurzaamheid",)),
        ("Leefbaarheid", ("leefbaarheid",)),
        ("Wonen en zorg", ("wonen_zorg",)),
        ("Bijzondere doelgroepen", ("bijzondere_doelgroepen",)),
        ("Huurachterstanden en armoede", ("armoede",)),
    ]
    # Artikel 1 Looptijd: items directly under the article.
    art = "Artikel 1 Looptijd"
    blocks.append(heading(art, 1, page_break=True))
    looptijd = [
        f"Deze overeenkomst gaat in op 1 januari {start} en eindigt op 31 december {end}.",
        "Partijen stellen jaarlijks voor 15 december een jaarschijf vast met de concrete "
        "afspraken voor het volgende jaar.",
        "Als de woonvisie tussentijds wordt gewijzigd, bespreken partijen binnen drie maanden of "
        "deze overeenkomst moet worden aangepast.",
    ]
    items = []
    for i, text in enumerate(looptijd, start=1):
        key = ctx.add(f"1.{i}", [art], "numbered", text, "proces", "samenwerking")
        items.append(ListItem(f"1.{i}", text, key))
    blocks.append(ItemList(tuple(items)))
    counts = _distribute(n, len(articles))
    for a, ((title, themes), count) in enumerate(zip(articles, counts, strict=True), start=2):
        art = f"Artikel {a} {title}"
        blocks.append(heading(art, 1, page_break=a % 2 == 0))
        sentences = ctx.sentences(themes, count)
        aims = [s for s in sentences if s[1] == "intentie"]
        deeds = [s for s in sentences if s[1] != "intentie"]
        for s, (section_title, group) in enumerate(
            zip(_SECTION_TITLES, (aims, deeds), strict=True), start=1
        ):
            if not group:
                continue
            section = f"{a}.{s} {section_title}"
            blocks.append(heading(section, 2))
            path = [art, section]
            items = []
            plain = group
            subs: list[tuple[str, str, str]] = []
            if s == 2 and len(group) >= 5 and a % 3 != 1:
                plain, subs = group[:-3], group[-3:]
            for i, (theme, type_, text) in enumerate(plain, start=1):
                number = f"{a}.{s}.{i}"
                key = ctx.add(number, path, "numbered", text, type_, theme)
                items.append(ListItem(number, text, key))
            if subs:
                lead = f"{a}.{s}.{len(plain) + 1}"
                items.append(ListItem(lead, "Daarnaast spreken partijen het volgende af:"))
                for letter, (theme, type_, text) in zip("abcdef", subs, strict=False):
                    key = ctx.add(f"{letter})", path, "numbered", text, type_, theme)
                    items.append(ListItem(f"{letter})", text, key, level=2))
            blocks.append(ItemList(tuple(items)))
    art = f"Artikel {len(articles) + 2} Samenwerking, monitoring en geschillen"
    blocks.append(heading(art, 1, page_break=True))
    items = []
    for i, (theme, type_, text) in enumerate(ctx.sentences(("samenwerking",), 5), start=1):
        number = f"{len(articles) + 2}.{i}"
        key = ctx.add(number, [art], "numbered", text, type_, theme)
        items.append(ListItem(number, text, key))
    blocks.append(ItemList(tuple(items)))
    blocks += _signature_blocks(ctx, "Ondertekening")
    annex = f"Bijlage 1 Jaarschijf {start}"
    blocks.append(heading(annex, 1, page_break=True))
    blocks.append(
        Para(
            f"In deze jaarschijf staan de streefwaarden per jaar voor alle corporaties "
            f"samen. De waarden voor {start + 1} en later zijn indicatief."
        )
    )
    years = tuple(str(y) for y in range(start, end + 1))
    rows: list[tuple[str, ...]] = []
    keys: list[str] = []
    for indicator, theme, choices in _INDICATORS:
        values = tuple(ctx.rng.choice(choices) for _ in years)
        key = ctx.add(
            "",
            [annex],
            "table_row",
            indicator,
            "concreet",
            theme,
            dict(zip(years, values, strict=True)),
        )
        rows.append((indicator, *values))
        keys.append(key)
    first = 0.52
    blocks.append(
        TableBlock(
            ("Indicator", *years),
            tuple(rows),
            tuple(keys),
            (first, *[(1 - first) / len(years)] * len(years)),
            numeric=True,
            split_in_row=False,
            font_size=9,
        )
    )
    blocks[toc_index] = TocBlock("Inhoudsopgave", tuple(toc))
    return blocks


_DEFAULT_COUNTS: dict[str, int] = {"bullets": 56, "actor_table": 36, "numbered": 52}
_BUILDERS = {
    "bullets": _bullets_document,
    "actor_table": _actor_document,
    "numbered": _numbered_document,
}


def _parties(municipality: str, seed: int) -> tuple[tuple[str, ...], str]:
    if municipality in _PRESETS:
        return _PRESETS[municipality]
    rng = random.Random(f"parties:{municipality}:{seed}")
    return tuple(rng.sample(_CORP_POOL, 2)), rng.choice(_TENANT_POOL)


def _build(layout: str, path: Path, municipality: str, seed: int, n: int) -> SampleTruth:
    corps, tenants = _parties(municipality, seed)
    period = _PERIODS[layout]
    ctx = _Ctx(layout, municipality, corps, tenants, period, random.Random(f"{layout}:{seed}"))
    blocks = _BUILDERS[layout](ctx, n)
    result = render_pdf(blocks, path, header=ctx.header, footer="pagina {n}", plain_first_page=True)
    for a in ctx.agreements:
        key = f"a{a.index:04d}"
        a.page_start, a.page_end = result.pages[ctx.aliases.get(key, key)]
        a.hyphenated = key in result.hyphenated
    return SampleTruth(
        layout=layout,
        seed=seed,
        municipality=municipality,
        period_start=period[0],
        period_end=period[1],
        parties=[ctx.gemeente, *corps, tenants],
        page_count=result.page_count,
        agreements=ctx.agreements,
    )


def build_sample_pdf(
    layout: str, path: Path, *, municipality: str, seed: int, target_pages: int | None = None
) -> SampleTruth:
    """Write a fictional agreement PDF of `layout` to `path` and return its truth."""
    if layout not in _BUILDERS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {LAYOUTS}")
    municipality = municipality.removeprefix("Gemeente ").strip()
    if not municipality:
        raise ValueError("municipality must not be empty")
    path.parent.mkdir(parents=True, exist_ok=True)
    n = _DEFAULT_COUNTS[layout]
    truth = _build(layout, path, municipality, seed, n)
    if target_pages is None:
        return truth
    if target_pages < 3:
        raise ValueError("target_pages must be at least 3")
    # Scale the number of agreements; pages not taken by agreements stay roughly fixed.
    fixed = 5.0
    for _ in range(3):
        pages = truth.page_count
        if abs(pages - target_pages) <= max(1, 0.08 * target_pages):
            break
        per_page = n / max(pages - fixed, 1.0)
        n = max(8, round(per_page * max(target_pages - fixed, 1.0)))
        truth = _build(layout, path, municipality, seed, n)
    return truth


# (file stem, layout, municipality, seed) of the samples shipped in data/input_pdfs.
SAMPLE_SPECS: tuple[tuple[str, str, str, int], ...] = (
    ("prestatieafspraken_wolderwijk_2024-2027", "bullets", "Wolderwijk", 11),
    ("raamovereenkomst_eemdal_2025-2029", "actor_table", "Eemdal", 22),
    ("prestatieafspraken_zuiderhaven_2025-2027", "numbered", "Zuiderhaven", 33),
)


def write_samples(out_dir: Path, truth_dir: Path) -> list[Path]:
    """Write the shipped sample PDFs to `out_dir` and their truth JSON to `truth_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    truth_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, layout, municipality, seed in SAMPLE_SPECS:
        pdf = out_dir / f"{stem}.pdf"
        truth = build_sample_pdf(layout, pdf, municipality=municipality, seed=seed)
        (truth_dir / f"{stem}.truth.json").write_text(truth.to_json(), encoding="utf-8")
        written.append(pdf)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate the shipped samples: python -m samples OUT_DIR TRUTH_DIR."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m samples OUT_DIR TRUTH_DIR", file=sys.stderr)
        return 2
    for pdf in write_samples(Path(args[0]), Path(args[1])):
        print(pdf)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
