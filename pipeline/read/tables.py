"""Tables of the read stage: ruled tables (the table finder, tables ruled by rows only),
tables aligned by whitespace, their cells and header row, and tables continued across a page
break stitched into one."""

from __future__ import annotations

import itertools
import re
from statistics import median
from typing import Any

from pipeline.models import BBox, Block, Table, TableRow
from pipeline.read import scan_text
from pipeline.read.chars import is_bold_font
from pipeline.read.layout import WhitespaceTable
from pipeline.read.raw import Box, RawTable
from pipeline.read.settings import ReadSettings
from pipeline.text import clean_glyphs, join_lines, normalise_key


def in_cells(
    char: dict[str, Any],
    tables: list[tuple[Box, list[Box]]],
) -> bool:
    """Whether a character is in a cell of one of the tables (bbox, cells), by pdfplumber's
    own rule for the text of a cell: its centre, the right and bottom edges excluded."""
    h_mid = (float(char["x0"]) + float(char["x1"])) / 2
    v_mid = (float(char["top"]) + float(char["bottom"])) / 2
    for box, cells in tables:
        if not (box[0] <= h_mid <= box[2] and box[1] <= v_mid <= box[3]):
            continue
        if any(c[0] <= h_mid < c[2] and c[1] <= v_mid < c[3] for c in cells):
            return True
    return False


def whitespace_table(
    page: Any, table: WhitespaceTable, number: int, settings: ReadSettings
) -> RawTable:
    """A `RawTable` from a table found by word alignment (no rulings)."""
    first = table.row_boxes[0]
    return RawTable(
        page=number,
        bbox=table.bbox,
        grid=[[clean_glyphs(c) for c in row] for row in table.grid],
        row_boxes=table.row_boxes,
        first_row_bold=bold_share(page, first) >= settings.bold_min_share,
        page_height=float(page.height),
    )


def bold_share(page: Any, box: Box) -> float:
    """Share of the printed characters in the box set in a bold font."""
    chars = [
        c
        for c in page.chars
        if box[1] <= (c["top"] + c["bottom"]) / 2 <= box[3]
        and box[0] <= c["x0"] <= box[2]
        and c["text"].strip()
    ]
    return sum(is_bold_font(c["fontname"]) for c in chars) / max(len(chars), 1)


def tables_ruled_by_rows_only(page: Any, settings: ReadSettings) -> list[Any]:
    """Target tables drawn with horizontal rules only (a common Word table style, issue #7).

    The columns come from the word alignment between the rules (pdfplumber's "text" strategy),
    then the table is read again with those columns as explicit lines so the header row is kept.
    Only compact tables count: at least three rows under four rules of the same width, no
    vertical rulings, and short cells beside the first column (numbers per year or party), so
    that rules around running text never turn a page into a table.
    """
    width = float(page.width)
    rules = [
        e
        for e in page.edges
        if e["orientation"] == "h" and e["x1"] - e["x0"] > settings.row_rule_min_width * width
    ]
    if len(rules) < settings.row_rule_min_count or any(
        e["orientation"] == "v" and e["height"] > settings.min_vertical_ruling for e in page.edges
    ):
        return []
    groups: dict[tuple[int, int], list[dict[str, Any]]] = {}
    snap = settings.row_rule_snap
    for rule in rules:
        groups.setdefault((round(rule["x0"] / snap), round(rule["x1"] / snap)), []).append(rule)
    found = []
    for group in groups.values():
        found += [t for t in _tables_under_rules(page, group, settings) if _is_compact(t, settings)]
    return found


def _tables_under_rules(
    page: Any, group: list[dict[str, Any]], settings: ReadSettings
) -> list[Any]:
    """The tables between rules of the same width, their columns found from the word
    alignment and then read as explicit lines (so that the header row is kept)."""
    tops = sorted({round(float(e["top"]), 1) for e in group})
    gaps = [b - a for a, b in itertools.pairwise(tops)]
    if len(tops) < settings.row_rule_min_count or max(gaps) > settings.row_rule_max_gap:
        return []
    x0, x1 = min(e["x0"] for e in group), max(e["x1"] for e in group)
    band = page.crop((x0 - 1, tops[0] - 1, x1 + 1, tops[-1] + 1))
    guess = band.find_tables({"vertical_strategy": "text", "horizontal_strategy": "lines"})
    if not guess:
        return []
    columns = sorted({round(float(c[0]), 1) for c in guess[0].cells})
    lines = [x0, *columns[1:], x1]
    if len(lines) < 3:  # fewer than two columns
        return []
    explicit = {
        "vertical_strategy": "explicit",
        "explicit_vertical_lines": lines,
        "horizontal_strategy": "lines",
    }
    return list(band.find_tables(explicit))


def _is_compact(table: Any, settings: ReadSettings) -> bool:
    """Enough rows, and mostly short cells beside the first column (numbers per year or
    party): rules around running text are not a table."""
    rows = table.extract()
    cells = [c or "" for row in rows[1:] for c in row[1:]]
    short = sum(len(c.split()) <= settings.row_table_short_words for c in cells)
    return (
        len(rows) >= settings.row_table_min_rows
        and bool(cells)
        and short >= settings.row_table_short_share * len(cells)
    )


def table_finder_settings(page: Any, settings: ReadSettings) -> dict[str, Any]:
    """Close tables whose row runs over the page break: word processors often leave that row
    without a bottom (or top) ruling, and pdfplumber then drops the row; the ends of the
    vertical rulings mark where the row was cut."""
    verticals = [
        e
        for e in page.edges
        if e["orientation"] == "v" and e["height"] > settings.min_vertical_ruling
    ]
    table_settings = dict(settings.table_settings)
    if len(verticals) >= 2 and table_settings.get("horizontal_strategy") == "lines":
        extra = [min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)]
        table_settings["explicit_horizontal_lines"] = [
            *table_settings.get("explicit_horizontal_lines", []),
            *extra,
        ]
    return table_settings


def read_ruled_table(page: Any, table: Any, number: int, settings: ReadSettings) -> RawTable | None:
    """Extract a table's grid, filling merged cells (None) from the cell geometry."""
    rows = table.rows
    if not rows:
        return None
    # Turned text in a cell (a column header set upright in a narrow column) runs bottom to
    # top in Word tables; pdfplumber's default would read it top to bottom, mirrored.
    texts = table.extract(line_dir_rotated="ltr", char_dir_rotated="btt")
    xs = sorted({c[0] for c in table.cells})
    grid = fill_grid(rows, texts, xs)
    if not grid or len(grid[0]) < 2:
        return None
    bold = bold_share(page, rows[0].bbox)
    return RawTable(
        page=number,
        bbox=tuple(float(v) for v in table.bbox),  # type: ignore[arg-type]
        grid=grid,
        row_boxes=[tuple(float(v) for v in r.bbox) for r in rows],  # type: ignore[misc]
        first_row_bold=bold >= settings.bold_min_share,
        page_height=float(page.height),
    )


def fill_grid(rows: list[Any], texts: list[list[str | None]], xs: list[float]) -> list[list[str]]:
    """Cell texts row by row; a merged cell (None) takes the text of the cell covering it.

    `rows` are pdfplumber rows or OCR rows: anything with `.cells` (bbox or None) and `.bbox`.
    """
    grid: list[list[str]] = []
    for i, row in enumerate(rows):
        out: list[str] = []
        for j, cell in enumerate(row.cells):
            if cell is not None:
                out.append(_cell_text(texts[i][j]))
                continue
            out.append(_merged_cell_text(rows, texts, i, j, xs))
        grid.append(out)
    return grid


def _merged_cell_text(
    rows: list[Any], texts: list[list[str | None]], i: int, j: int, xs: list[float]
) -> str:
    """Text of the merged cell covering column j of row i: from the left, else from above."""
    col_x = xs[j] if j < len(xs) else None
    for k in range(j - 1, -1, -1):
        left = rows[i].cells[k]
        if left is not None:
            if col_x is not None and left[2] > col_x + 1:
                return _cell_text(texts[i][k])
            break
    row_top = rows[i].bbox[1]
    for k in range(i - 1, -1, -1):
        above = rows[k].cells[j] if j < len(rows[k].cells) else None
        if above is not None:
            if above[3] > row_top + 1:
                return _cell_text(texts[k][j])
            break
    return ""


def _cell_text(text: str | None) -> str:
    """A cell's text lines, glyphs cleaned and joined (hyphenated breaks closed)."""
    if not text:
        return ""
    return join_lines([clean_glyphs(part) for part in text.split("\n")])


def to_table(raw: RawTable, settings: ReadSettings) -> Table:
    """The output table of a raw table, its header row taken apart when it has one; an OCR'd
    table's cells without the marks specks left (`pipeline.read.scan_text`)."""
    header_first = _looks_like_header(raw, settings) or (
        raw.ocr
        and len(raw.grid) >= 2
        and scan_text.looks_like_header(raw.grid[0], settings.header_max_words)
    )
    rows = [
        TableRow(
            cells=cells,
            page_start=raw.page,
            page_end=raw.page,
            bbox=BBox(x0=box[0], top=box[1], x1=box[2], bottom=box[3]),
        )
        for cells, box in zip(raw.grid, raw.row_boxes, strict=True)
    ]
    header = rows[0].cells if header_first else ["" for _ in raw.grid[0]]
    if raw.ocr:
        header = [scan_text.clean_header(cell) for cell in header]
        rows = [
            row.model_copy(update={"cells": [scan_text.clean_cell(c) for c in row.cells]})
            for row in rows
        ]
    return Table(
        page=raw.page,
        page_end=raw.page,
        bbox=BBox(x0=raw.bbox[0], top=raw.bbox[1], x1=raw.bbox[2], bottom=raw.bbox[3]),
        header=header,
        has_header=header_first,
        rows=rows[1:] if header_first else rows,
        ocr=raw.ocr,
        ocr_confidence=raw.confidence,
    )


_YEAR_HEADER = re.compile(r"^(?:19|20)\d\d(?:\s*[-/–]\s*(?:19|20)?\d\d)?$")


def _looks_like_header(raw: RawTable, settings: ReadSettings) -> bool:
    """A first row that is bold, or short labels above longer rows, is the header row."""
    if len(raw.grid) < 2:
        return False
    first = raw.grid[0]
    filled = [c for c in first if c]
    if len(filled) < max(2, len(first) // 2):
        return False
    if raw.first_row_bold:
        return True
    # On a scan, a speck beside a year reads as a mark ("“2027"): compare the cleaned cells.
    tops = [scan_text.clean_header(c) if raw.ocr else c for c in first[1:]]
    if all(_YEAR_HEADER.match(c) for c in tops if c) and any(tops):
        return True  # years or periods across the top: a target table's header row
    short = all(len(c.split()) <= settings.header_max_words and not c.endswith(".") for c in filled)
    later = [len(c.split()) for row in raw.grid[1:] for c in row if c]
    return short and bool(later) and median(later) > median(len(c.split()) for c in filled)


def stitch_tables(blocks: list[Block], settings: ReadSettings) -> list[Block]:
    """Join a table that ends a page with the table that starts the next page."""
    tolerance = settings.stitch_tolerance
    words = _ocr_document_words(blocks, settings)
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        # Headers OCR'd on two pages differ by a few misread letters.
        fuzzy = settings.ocr.similar_header if isinstance(block, Table) and block.ocr else 1.0
        if _is_orphan_header(block, previous, fuzzy):
            continue
        if (
            isinstance(block, Table)
            and isinstance(previous, Table)
            and block.page == previous.page_end + 1
            and len(block.header) == len(previous.header)
            and abs(block.bbox.x0 - previous.bbox.x0) < tolerance
            and (
                abs(block.bbox.x1 - previous.bbox.x1) < tolerance
                or _repeats_header(previous, block, fuzzy)
            )
        ):
            joined = _continue_table(previous, block, fuzzy)
            if fuzzy < 1.0 and previous.has_header and block.has_header:
                header = _better_header(previous.header, block.header, words)
                joined = joined.model_copy(update={"header": header})
            out[-1] = joined
        else:
            out.append(block)
    return out


def _repeats_header(first: Table, nxt: Table, fuzzy: float) -> bool:
    """The next page's table repeats the header: continued even when its right edge moved
    (a table without rulings ends where its longest text ends)."""
    return first.has_header and nxt.has_header and _same_cells(first.header, nxt.header, fuzzy)


def _is_orphan_header(block: Block, previous: Block | None, fuzzy: float) -> bool:
    """A repeated header row left alone at the bottom of a page."""
    return (
        isinstance(block, Table)
        and isinstance(previous, Table)
        and not block.has_header
        and len(block.rows) == 1
        and previous.has_header
        and _same_cells(block.rows[0].cells, previous.header, fuzzy)
    )


def _continue_table(first: Table, nxt: Table, fuzzy: float) -> Table:
    """One table of a table and its continuation on the next page."""
    rows = list(nxt.rows)
    header_repeated = nxt.has_header and _same_cells(nxt.header, first.header, fuzzy)
    if nxt.has_header and not header_repeated:
        # The next page's first row was taken as a header but is data.
        rows = [
            TableRow(cells=nxt.header, page_start=nxt.page, page_end=nxt.page, bbox=nxt.bbox),
            *rows,
        ]
    if not first.has_header and rows and _same_cells(rows[0].cells, first.header, fuzzy):
        rows = rows[1:]
    joined = list(first.rows)
    if joined and rows and _is_split_row(joined[-1], rows[0]):
        last, cont = joined[-1], rows[0]
        joined[-1] = TableRow(
            cells=[join_lines([a, b]) for a, b in zip(last.cells, cont.cells, strict=True)],
            page_start=last.page_start,
            page_end=cont.page_end,
            bbox=last.bbox,
        )
        rows = rows[1:]
    return Table(
        page=first.page,
        page_end=nxt.page_end,
        bbox=first.bbox,
        header=first.header,
        has_header=first.has_header,
        rows=joined + rows,
        ocr=first.ocr or nxt.ocr,
        ocr_confidence=_mean_confidence(first, nxt),
    )


def _mean_confidence(first: Table, nxt: Table) -> float | None:
    """OCR confidence of two stitched tables, weighted by their rows."""
    parts = [(t.ocr_confidence, max(len(t.rows), 1)) for t in (first, nxt)]
    known = [(c, n) for c, n in parts if c is not None]
    if not known:
        return None
    return round(sum(c * n for c, n in known) / sum(n for _, n in known), 3)


def _same_cells(a: list[str], b: list[str], fuzzy: float = 1.0) -> bool:
    """Whether two rows hold the same texts, up to case, spacing and digits; with `fuzzy`
    below 1, up to OCR misreads (that similarity)."""
    if fuzzy < 1.0:
        return scan_text.similar_cells(a, b, fuzzy)
    return [normalise_key(x) for x in a] == [normalise_key(x) for x in b]


def _ocr_document_words(blocks: list[Block], settings: ReadSettings) -> scan_text.DocumentWords:
    """The words of a document with OCR'd tables (what their header cells are checked
    against); empty for a document without."""
    texts: list[str] = []
    if any(isinstance(b, Table) and b.ocr and b.has_header for b in blocks):
        for block in blocks:
            if isinstance(block, Table):
                texts += [*block.header, *(cell for row in block.rows for cell in row.cells)]
            else:
                texts.append(block.text)
    return scan_text.DocumentWords(texts, settings.header_max_words, settings.ocr.similar_header)


def _better_header(first: list[str], nxt: list[str], words: scan_text.DocumentWords) -> list[str]:
    """Per column, the reading of a header OCR'd on two pages that the document supports more
    (on a tie the first page's)."""
    return [
        b if words.support(b) > words.support(a) else a for a, b in zip(first, nxt, strict=True)
    ]


def _best_reading(cell: str, readings: list[str], words: scan_text.DocumentWords) -> str:
    """A header cell, or the best supported of its readings in tables with the same header
    when the cell is garbled: it names no party or attribute and another reading does."""
    if scan_text.names_a_header(cell):
        return cell
    named = [r for r in readings if scan_text.names_a_header(r)]
    return max(named, key=words.support) if named else cell


def spell_ocr_headers(blocks: list[Block], settings: ReadSettings) -> list[Block]:
    """Header cells of OCR'd tables as the document reads them best: per column the reading,
    among the tables with the same header (up to one garbled cell), that the document
    supports most, then spelled as the document spells it most often."""
    words = _ocr_document_words(blocks, settings)
    if not words.grams:
        return blocks
    threshold = settings.ocr.similar_header
    headers = [b.header for b in blocks if isinstance(b, Table) and b.ocr and b.has_header]
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and block.ocr and block.has_header:
            alike = [h for h in headers if scan_text.similar_cells(block.header, h, threshold)]
            header = [
                _best_reading(cell, [h[i] for h in alike], words)
                for i, cell in enumerate(block.header)
            ]
            block = block.model_copy(update={"header": [words.spelling(c) for c in header]})
        out.append(block)
    return out


def _is_split_row(last: TableRow, cont: TableRow) -> bool:
    """A row continued over the page break: empty first cell, or a cell resuming mid-sentence."""
    if not cont.cells[0] and any(cont.cells[1:]):
        return True
    return any(
        before and after[:1].islower() and not before.rstrip().endswith((".", ";", ":", "!", "?"))
        for before, after in zip(last.cells, cont.cells, strict=True)
    )
