"""A page view of the read stage: a pdfplumber page in, a `RawPage` of lines and tables in
reading order out.

Text drawn turned on the page is read from a turned view of it and text at other angles
(a diagonal watermark) is dropped; rulings decide whether the table finder runs; tables are
taken out of the running text; `pipeline.read.layout` finds whitespace tables and two-column
bands, whose columns are read one after the other.
"""

from __future__ import annotations

import copy
import logging
from collections import Counter
from typing import Any

import pdfplumber

from pipeline.read.chars import (
    convert_chars_quickly,
    is_bold_font,
    may_have_duplicate_chars,
    printed_chars,
)
from pipeline.read.layout import ColumnBand, PageLayout, Word, analyse_page
from pipeline.read.raw import Band, Box, RawLine, RawPage, RawTable, line_key
from pipeline.read.settings import ReadSettings
from pipeline.read.tables import (
    in_cells,
    read_ruled_table,
    table_finder_settings,
    tables_ruled_by_rows_only,
    whitespace_table,
)
from pipeline.text import clean_glyphs

log = logging.getLogger(__name__)


def read_page(page: Any, number: int, settings: ReadSettings) -> RawPage:
    """A page from its text layer; text drawn turned on the page (a table set sideways on a
    portrait page) is read from a view of the page turned so that this text is upright.
    Text at other angles (a diagonal "CONCEPT" watermark) is dropped: it is never an
    agreement and its letters would otherwise land in the lines they cross, so it is kept
    as an exclusion of the page. Every printed character is counted (`RawPage.chars`)."""
    if may_have_duplicate_chars(page.chars):
        page = page.dedupe_chars()
    chars = printed_chars(page.chars)
    tolerance = settings.turn_tolerance
    angled: list[dict[str, Any]] = []
    if settings.turned_text and any(_char_turn(c, tolerance) is None for c in page.chars):
        angled = [c for c in page.chars if _char_turn(c, tolerance) is None and c["text"].strip()]
        page = page.filter(
            lambda obj: obj.get("object_type") != "char" or _char_turn(obj, tolerance) is not None
        )
    raw = _read_turned_or_upright(page, number, settings)
    raw.chars = chars
    raw.watermark = "".join(str(c["text"]) for c in angled)
    raw.watermark_chars = len(angled)
    return raw


def _read_turned_or_upright(page: Any, number: int, settings: ReadSettings) -> RawPage:
    """A page view without angled text: upright, or with its turned part read turned."""
    turn = _text_turn(page.chars, settings) if settings.turned_text else None
    tolerance = settings.turn_tolerance
    if turn is None:
        return _read_view(page, number, settings, dedupe=False)
    turned = [c for c in page.chars if _char_turn(c, tolerance) == turn]
    region = _with_rulings(page, _padded(_bbox_of(turned), settings.turned_region_margin))
    upright = page.filter(
        lambda obj: (
            _char_turn(obj, tolerance) != turn
            if obj.get("object_type") == "char"
            else not _touches(obj, region)
        )
    )
    raw = _read_view(upright, number, settings, dedupe=False)
    view = _turned_page(page, turn)
    try:
        kept = [c for c in view.chars if _char_turn(c, tolerance) == 0 and c["text"].strip()]
        if kept:
            inner = _with_rulings(view, _padded(_bbox_of(kept), settings.turned_region_margin))
            sideways = view.filter(
                lambda obj: (
                    (obj.get("object_type") != "char" or _char_turn(obj, tolerance) == 0)
                    and _touches(obj, inner)
                )
            )
            part = _read_view(sideways, number, settings)
            anchor = (region[1], 1)  # read where the turned block starts on the page
            for line in part.lines:
                line.band = anchor
            for table in part.tables:
                table.band = anchor
            raw.lines = sorted([*raw.lines, *part.lines], key=line_key)
            raw.tables += part.tables
            raw.table_sizes.update(part.table_sizes)
    finally:
        view.close()
    return raw


def _with_rulings(page: Any, box: Box) -> Box:
    """The box grown over the rulings that touch it (twice: a table's far border is only
    reached through the rules that run to it)."""
    drawings = [*page.lines, *page.rects, *page.curves]
    for _ in range(2):
        touching = [d for d in drawings if _touches(d, box)]
        if touching:
            outer = _bbox_of(touching)
            box = (
                min(box[0], outer[0]),
                min(box[1], outer[1]),
                max(box[2], outer[2]),
                max(box[3], outer[3]),
            )
    return box


def _touches(obj: dict[str, Any], box: Box) -> bool:
    """A character with its centre in the box, or a drawing (ruling) that overlaps it."""
    if "x0" not in obj or "top" not in obj:
        return False
    if obj.get("object_type") == "char":
        return _inside_any(obj, [box])
    return (
        float(obj["x0"]) <= box[2]
        and float(obj["x1"]) >= box[0]
        and float(obj["top"]) <= box[3]
        and float(obj["bottom"]) >= box[1]
    )


def _char_turn(char: dict[str, Any], tolerance: float) -> int | None:
    """Clockwise page rotation (0, 90, 180, 270) that sets this character upright; None for
    text set at another angle (a diagonal watermark), which is left as it is."""
    a, b = float(char["matrix"][0]), float(char["matrix"][1])
    if a == b == 0:
        return 0  # a degenerate (zero-size) glyph: left where pdfplumber puts it
    if abs(a) < tolerance * abs(b):
        return 90 if b > 0 else 270
    if abs(b) < tolerance * abs(a):
        return 180 if a < 0 else 0
    return None


def _text_turn(chars: list[dict[str, Any]], settings: ReadSettings) -> int | None:
    """The turn of the page's sideways text, when most of its text is drawn turned (a few
    turned column headers in an upright table are left to the table finder)."""
    turns = Counter(_char_turn(c, settings.turn_tolerance) for c in chars if c["text"].strip())
    total = sum(turns.values())
    turns.pop(0, None)
    turns.pop(None, None)
    if not turns:
        return None
    turn, count = turns.most_common(1)[0]
    enough = count >= settings.turned_min_chars and count >= settings.turned_min_share * total
    return turn if enough else None


def _bbox_of(objs: list[dict[str, Any]]) -> Box:
    """The box around the objects."""
    return (
        min(float(o["x0"]) for o in objs),
        min(float(o["top"]) for o in objs),
        max(float(o["x1"]) for o in objs),
        max(float(o["bottom"]) for o in objs),
    )


def _padded(box: Box, margin: float) -> Box:
    """The box grown by `margin` on every side."""
    return (box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin)


def _turned_page(page: Any, turn: int) -> Any:
    """The same page with its /Rotate advanced by `turn`: pdfminer then sets the turned text
    upright (pdfplumber reads /Rotate pages upright already, only drawn-turned text is not)."""
    root = page.root_page
    obj = copy.copy(root.page_obj)
    rotation = (int(root.rotation) + turn) % 360
    obj.attrs = {**root.page_obj.attrs, "Rotate": rotation}
    obj.rotate = rotation
    turned = pdfplumber.page.Page(
        root.pdf, obj, page_number=root.page_number, initial_doctop=root.initial_doctop
    )
    convert_chars_quickly(turned)
    return turned


def _read_view(page: Any, number: int, settings: ReadSettings, dedupe: bool = True) -> RawPage:
    """Lines and tables of one (possibly filtered) page view, in reading order: ruled tables
    first, then whitespace tables and two-column bands in the text that is left, then the
    text lines of each column."""
    if dedupe and may_have_duplicate_chars(page.chars):
        page = page.dedupe_chars()
    raw = RawPage(number=number, height=float(page.height))
    raw.tables, boxes, text_page = _ruled_tables(page, number, settings)
    layout = _page_layout(text_page, boxes, settings)
    text_page = _take_whitespace_tables(page, text_page, layout, raw, settings)
    for view, band in _column_views(text_page, layout, raw.tables):
        raw.lines += _text_lines(view, number, raw.height, settings, band)
    raw.lines.sort(key=line_key)
    return raw


def _wants_tables(page: Any, number: int, settings: ReadSettings) -> bool:
    """Whether the table finder runs on the page: always, never, or when it has rulings (and
    not so many that it is a map or a drawing)."""
    rulings = len(page.lines) + len(page.rects)
    wants = settings.find_tables == "always" or (
        settings.find_tables == "auto" and rulings >= settings.min_rulings
    )
    if rulings > settings.max_ruling_edges:
        log.warning("page %d has %d ruling lines: table finder skipped", number, rulings)
        wants = False
    return wants


def _ruled_tables(
    page: Any, number: int, settings: ReadSettings
) -> tuple[list[RawTable], list[Box], Any]:
    """The ruled tables of the page, their boxes, and the page without their text.

    Only the text of tables that were read is taken out of the running text: a filled
    rectangle behind a line (a highlight) looks like a one-cell table to the table finder,
    and the text under it must stay (issue 20).
    """
    wants_tables = _wants_tables(page, number, settings)
    tables = page.find_tables(table_finder_settings(page, settings)) if wants_tables else []
    if wants_tables and not tables:
        tables = tables_ruled_by_rows_only(page, settings)
    raw_tables: list[RawTable] = []
    read = []
    for table in tables:
        raw_table = read_ruled_table(page, table, number, settings)
        if raw_table is not None:
            raw_tables.append(raw_table)
            read.append(table)
    boxes = [t.bbox for t in read]
    if not read:
        return raw_tables, boxes, page
    cells = [(t.bbox, t.cells) for t in read]
    for raw_table, table in zip(raw_tables, cells, strict=True):
        raw_table.chars = sum(1 for c in page.chars if c["text"].strip() and in_cells(c, [table]))
    text_page = page.filter(
        lambda obj: (
            not (
                in_cells(obj, cells)
                if obj.get("object_type") == "char"
                else _inside_any(obj, boxes)
            )
        )
    )
    return raw_tables, boxes, text_page


def _page_layout(text_page: Any, boxes: list[Box], settings: ReadSettings) -> PageLayout:
    """Whitespace tables and two-column bands of the page's running text (`boxes`: the ruled
    tables, each taking part in the bands as one block)."""
    if settings.find_tables == "never" and not settings.layout.columns:
        return PageLayout()
    words = [
        Word(str(w["text"]), float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
        for w in text_page.extract_words(y_tolerance=settings.line_y_tolerance)
    ]
    if not words:
        return PageLayout()
    layout_settings = settings.layout
    if settings.find_tables == "never":
        layout_settings = layout_settings.model_copy(update={"whitespace_tables": False})
    return analyse_page(words, layout_settings, boxes)


def _take_whitespace_tables(
    page: Any, text_page: Any, layout: PageLayout, raw: RawPage, settings: ReadSettings
) -> Any:
    """Add the whitespace tables to the raw page (their characters counted, their font sizes
    kept for the body size) and return the running text without them."""
    if not layout.tables:
        return text_page
    margin = settings.whitespace_table_margin
    spaced = [_padded(t.bbox, margin) for t in layout.tables]
    for table, box in zip(layout.tables, spaced, strict=True):
        raw.tables.append(whitespace_table(page, table, raw.number, settings))
        raw.tables[-1].chars = sum(
            1 for c in text_page.chars if c["text"].strip() and _inside_any(c, [box])
        )
    raw.table_sizes.update(
        round(float(c["size"]), 1)
        for c in text_page.chars
        if c["text"].strip() and _inside_any(c, spaced)
    )
    return text_page.filter(lambda obj: not _inside_any(obj, spaced))


def _column_views(
    text_page: Any, layout: PageLayout, tables: list[RawTable]
) -> list[tuple[Any, Band | None]]:
    """The running text as views read one after the other: the text outside the bands, then
    each column of each band (read where its band starts). A table set in one column is
    read with that column."""
    if not layout.bands:
        return [(text_page, None)]
    halves = [
        (box, (band.top, column))
        for band in layout.bands
        for column, box in enumerate(_band_halves(band), start=1)
    ]
    rest = [box for box, _ in halves]
    for table in tables:
        centre = {"x0": table.bbox[0], "x1": table.bbox[2], "top": table.bbox[1]}
        centre["bottom"] = table.bbox[3]
        table.band = next((key for box, key in halves if _inside_any(centre, [box])), None)
    views: list[tuple[Any, Band | None]] = [
        (text_page.filter(lambda obj: not _inside_any(obj, rest)), None)
    ]
    views += [(text_page.filter(_inside_box(box)), key) for box, key in halves]
    return views


def _band_halves(band: ColumnBand) -> list[Box]:
    """The left and right column of a two-column band, as boxes."""
    return [
        (band.x0 - 1, band.top - 1, band.gutter, band.bottom + 1),
        (band.gutter, band.top - 1, band.x1 + 1, band.bottom + 1),
    ]


def _inside_box(box: Box) -> Any:
    """A filter that keeps the objects with their centre in the box."""
    return lambda obj: _inside_any(obj, [box])


def _text_lines(
    view: Any, number: int, height: float, settings: ReadSettings, band: Band | None
) -> list[RawLine]:
    """The text lines of a view, each with its dominant font size and weight."""
    lines: list[RawLine] = []
    for line in view.extract_text_lines(return_chars=True, y_tolerance=settings.line_y_tolerance):
        text = clean_glyphs(line["text"])
        if not text:
            continue
        # a character whose text has several letters ("(cid:127)") is listed once per letter
        chars = list({id(c): c for c in line["chars"] if c["text"].strip()}.values())
        sizes = [round(float(c["size"]), 1) for c in chars] or [0.0]
        bold_share = sum(is_bold_font(c["fontname"]) for c in chars) / max(len(chars), 1)
        lines.append(
            RawLine(
                page=number,
                text=text,
                x0=float(line["x0"]),
                top=float(line["top"]),
                x1=float(line["x1"]),
                bottom=float(line["bottom"]),
                size=Counter(sizes).most_common(1)[0][0],
                bold=bold_share >= settings.bold_min_share,
                page_height=height,
                band=band,
                chars=len(chars),
            )
        )
    return lines


def _inside_any(obj: dict[str, Any], boxes: list[Box]) -> bool:
    """Whether the object's centre lies in one of the boxes."""
    if "x0" not in obj or "top" not in obj:
        return False
    cx = (float(obj["x0"]) + float(obj["x1"])) / 2
    cy = (float(obj["top"]) + float(obj["bottom"])) / 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)
