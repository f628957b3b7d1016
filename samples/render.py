"""Rendering of blocks into a deterministic PDF with reportlab, recording the pages drawn.

In: a sequence of `samples.blocks` blocks and a path. Out: the PDF (byte-identical for the same
blocks: reportlab's invariant flag is set) and a `RenderResult` with the pages each tracked key
landed on. Pages are recorded while drawing (each tracked paragraph notes the canvas page
number), never estimated. Layout follows docs/domain.md §1-2: running header and footer, ruled
tables whose header row repeats and whose rows may split over pages, a table of contents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
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

from samples.blocks import Block, Heading, ItemList, PageBreak, Para, Space, TableBlock, TocBlock
from samples.hyphenation import hyphen_break

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


@dataclass(frozen=True)
class RenderResult:
    """What `render_pdf` observed while drawing: page count and pages per tracked key."""

    page_count: int
    pages: dict[str, tuple[int, int]]
    hyphenated: frozenset[str] = field(default_factory=frozenset)


def _style(name: str, **kw: Any) -> ParagraphStyle:
    """A paragraph style over the body defaults."""
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


def list_style(marker: str, level: int) -> ParagraphStyle:
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
        """Draw the running header and footer (not on a plain first page)."""
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
    """A paragraph whose pages are recorded in `sink` under `key`."""
    p = _TrackedParagraph(markup if markup is not None else escape(text), style, bulletText=bullet)
    p.sample_key = key
    p.sink = sink
    return p


def _table_flowable(block: TableBlock, sink: dict[str, list[int]]) -> Table:
    """A ruled table whose cells record their pages under the row's key."""
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
    """The reportlab flowables of `blocks`; hyphenated keys are added to `hyphenated`."""
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
                markup = hyphen_break(block.text, FRAME_WIDTH - 2, FONT, style.fontSize)
                if markup is not None and block.key:
                    hyphenated.add(block.key)
            out.append(_para(block.text, style, block.key, sink, markup=markup))
        elif isinstance(block, ItemList):
            for item in block.items:
                style = list_style(item.marker, item.level)
                markup = None
                if item.hyphenate:
                    width = FRAME_WIDTH - style.leftIndent - 2
                    markup = hyphen_break(item.text, width, FONT, style.fontSize)
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
