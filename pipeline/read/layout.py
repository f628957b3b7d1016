"""Page layout from word positions: two-column bands and tables aligned by whitespace only.

Part of the read stage (`pipeline.read`): words of one page in, a `PageLayout` out. Both
layouts are found from *gutters*, vertical strips that no word touches on a run of consecutive
text rows:

- one gutter near the middle of the text, with running text on both sides, splits a band of
  the page into two columns, read left then right (docs/domain.md §2: bullets and numbered items
  must come out whole and in reading order);
- two or more gutters under a short header row are the column gaps of a table drawn without
  any ruling line (docs/domain.md §2, actor and target tables).

Both are conservative: hanging indents of bullets, a party label column, signature blocks, a
table of contents and ordinary one-column text do not qualify (see the checks below).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

import numpy as np

from pipeline.read.raw import Box
from pipeline.read.settings import LayoutSettings
from pipeline.text import bullet_prefix, join_lines


@dataclass(frozen=True)
class Word:
    """One word on the page in points, origin top-left."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class TextRow:
    """Words that share a baseline (all of them, whatever column they are in)."""

    words: list[Word]

    @property
    def top(self) -> float:
        """Top of the highest word."""
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        """Bottom of the lowest word."""
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        """Left edge of the first word."""
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        """Right edge of the last word."""
        return max(w.x1 for w in self.words)


@dataclass(frozen=True)
class ColumnBand:
    """A vertical band of the page set in two columns split at `gutter` (an x in points)."""

    top: float
    bottom: float
    x0: float
    gutter: float
    x1: float


@dataclass
class WhitespaceTable:
    """A table without rulings: its cells as text, one box per row, header row first."""

    bbox: Box
    grid: list[list[str]]
    row_boxes: list[Box]


@dataclass
class PageLayout:
    """The two-column bands and whitespace tables of one page."""

    bands: list[ColumnBand] = field(default_factory=list)
    tables: list[WhitespaceTable] = field(default_factory=list)


def analyse_page(
    words: Sequence[Word],
    settings: LayoutSettings | None = None,
    tables: Sequence[Box] = (),
) -> PageLayout:
    """Find whitespace tables first, then two-column bands in the words that remain.

    `tables` are the boxes of tables found otherwise (ruled): they take part in the bands as
    one block each, so that a table set in one column neither ends the band nor is read
    outside its column.
    """
    settings = settings or LayoutSettings()
    layout = PageLayout()
    if settings.whitespace_tables:
        layout.tables = _find_tables(text_rows(words, settings.row_tolerance), settings)
    if settings.columns:
        boxes = [*tables, *(t.bbox for t in layout.tables)]
        blocks = [Word("", *box) for box in boxes]
        rest = [w for w in words if not _in_boxes(w, boxes)] if boxes else list(words)
        layout.bands = _find_bands(text_rows([*rest, *blocks], settings.row_tolerance), settings)
    return layout


def text_rows(words: Sequence[Word], tolerance: float) -> list[TextRow]:
    """Words grouped into rows by their top, top to bottom, each row left to right."""
    rows: list[TextRow] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and abs(word.top - rows[-1].words[0].top) <= tolerance:
            rows[-1].words.append(word)
        else:
            rows.append(TextRow([word]))
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
    return rows


def _in_boxes(word: Word, boxes: Sequence[Box]) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


# --- gutters -----------------------------------------------------------------------------


class _Grid:
    """A 1-point grid across the page's text width, to intersect the free x of many rows."""

    def __init__(self, rows: Sequence[TextRow]) -> None:
        self.x0 = math.floor(min(r.x0 for r in rows)) - 1
        self.width = math.ceil(max(r.x1 for r in rows)) - self.x0 + 2

    def free(self, row: TextRow) -> np.ndarray:
        """True where no word of the row is."""
        mask = np.ones(self.width, dtype=bool)
        for w in row.words:
            mask[max(int(w.x0) - self.x0, 0) : math.ceil(w.x1) - self.x0 + 1] = False
        return mask

    def gaps(
        self, mask: np.ndarray, lo: float, hi: float, min_width: float
    ) -> list[tuple[float, float]]:
        """Runs of free x strictly between lo and hi at least `min_width` wide, in points."""
        start, end = max(int(lo) - self.x0 + 1, 0), min(math.ceil(hi) - self.x0, self.width)
        if end <= start:
            return []
        window = np.concatenate(([False], mask[start:end], [False])).astype(np.int8)
        edges = np.flatnonzero(np.diff(window))
        return [
            (float(a + start + self.x0), float(b + start + self.x0))
            for a, b in zip(edges[::2], edges[1::2], strict=True)
            if b - a >= min_width
        ]


def _row_height(rows: Sequence[TextRow]) -> float:
    """The median height of the rows (every caller passes at least one row)."""
    return median(r.bottom - r.top for r in rows) if rows else 10.0


# --- whitespace tables -------------------------------------------------------------------

_NUMBER_ONLY = re.compile(r"^\d{1,3}\.?$")


def _find_tables(rows: list[TextRow], settings: LayoutSettings) -> list[WhitespaceTable]:
    """Tables drawn without rulings: a short header row whose gaps run down the rows below."""
    if len(rows) <= settings.min_table_rows:
        return []
    grid = _Grid(rows)
    max_gap = settings.band_gap_factor * _row_height(rows)
    found: list[WhitespaceTable] = []
    i = 0
    while i < len(rows):
        table, end = _table_at(rows, i, grid, max_gap, settings)
        if table is not None:
            found.append(table)
            i = end
        else:
            i += 1
    return found


def _table_at(
    rows: list[TextRow], start: int, grid: _Grid, max_gap: float, settings: LayoutSettings
) -> tuple[WhitespaceTable | None, int]:
    """The table whose header row is rows[start], and the index after its last row."""
    header = rows[start]
    mask = grid.free(header)
    columns = len(grid.gaps(mask, header.x0, header.x1, settings.table_gutter)) + 1
    if columns < settings.min_table_columns:
        return None, start
    end = start + 1
    x0, x1 = header.x0, header.x1
    while end < len(rows) and rows[end].top - rows[end - 1].bottom <= max_gap:
        candidate = mask & grid.free(rows[end])
        lo, hi = min(x0, rows[end].x0), max(x1, rows[end].x1)
        gaps = grid.gaps(candidate, lo, hi, settings.table_gutter)
        if len(gaps) != columns - 1 or not _gaps_inside(gaps, header):
            break
        mask, x0, x1 = candidate, lo, hi
        end += 1
    if end - start <= settings.min_table_rows:
        return None, start
    band = rows[start:end]
    gaps = grid.gaps(mask, x0, x1, settings.table_gutter)
    cuts = [(a + b) / 2 for a, b in gaps]
    table = _build_table(band, cuts, settings)
    return (table, end) if table is not None else (None, start)


def _gaps_inside(gaps: list[tuple[float, float]], header: TextRow) -> bool:
    """Every gap still lies between two header words (the header defines the columns)."""
    return all(header.x0 < a and b < header.x1 for a, b in gaps)


def _build_table(
    band: list[TextRow], cuts: list[float], settings: LayoutSettings
) -> WhitespaceTable | None:
    """Cells from the words of the band, text rows grouped into table rows by their gaps."""
    groups = _group_rows(band, settings)
    grid: list[list[str]] = []
    boxes: list[Box] = []
    for group in groups:
        cells: list[list[str]] = [[] for _ in range(len(cuts) + 1)]
        for row in group:
            parts: list[list[str]] = [[] for _ in range(len(cuts) + 1)]
            for w in row.words:
                parts[sum((w.x0 + w.x1) / 2 > c for c in cuts)].append(w.text)
            for j, words in enumerate(parts):
                if words:
                    cells[j].append(" ".join(words))
        grid.append([join_lines(c) if c else "" for c in cells])
        boxes.append(
            (
                min(r.x0 for r in group),
                min(r.top for r in group),
                max(r.x1 for r in group),
                max(r.bottom for r in group),
            )
        )
    if not _is_table(grid, settings):
        return None
    bbox = (
        min(b[0] for b in boxes),
        boxes[0][1],
        max(b[2] for b in boxes),
        boxes[-1][3],
    )
    return WhitespaceTable(bbox=bbox, grid=grid, row_boxes=boxes)


def _group_rows(band: list[TextRow], settings: LayoutSettings) -> list[list[TextRow]]:
    """Text rows of one table row (or of a wrapped header) sit closer together than the rows
    of the table: the cell padding adds to the line gap. Without a visible difference every
    text row is a table row."""
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(band)]
    threshold = -math.inf
    spread = max(settings.row_gap_min_spread, settings.row_gap_spread_share * _row_height(band))
    if gaps and max(gaps) - min(gaps) >= spread:
        threshold = (min(gaps) + max(gaps)) / 2
    groups = [[band[0]]]
    for previous, row in itertools.pairwise(band):
        if row.top - previous.bottom > threshold:
            groups.append([row])
        else:
            groups[-1].append(row)
    return groups


def _is_table(grid: list[list[str]], settings: LayoutSettings) -> bool:
    """A header of short labels over enough data rows; not a list, a TOC, running text or a
    signature block."""
    header, data = grid[0], grid[1:]
    if len(data) < settings.min_table_rows or not all(header):
        return False
    if any(
        len(c.split()) > settings.max_header_words or c.endswith((".", ";", ",")) for c in header
    ):
        return False
    if any(_NUMBER_ONLY.match(c) or bullet_prefix(c + " x") for c in header):
        return False  # a TOC entry or a list item, not a header
    filled = sum(sum(bool(c) for c in row) >= 2 for row in data)
    if filled < max(1, len(data) / 2):
        return False
    for j in range(len(header)):
        column = [row[j] for row in data if row[j]]
        if not column or all(bullet_prefix(c + " x") for c in column):
            return False
    return _holds_agreements(header, data, settings)


_SIGNATURE_HEADER = re.compile(r"^(namens|voor akkoord|handtekening|datum|plaats|naam)", re.I)
_NUMERIC_CELL = re.compile(r"^[€\s]*[-+]?\d[\d.,]*\s*(%|procent|mln\.?|miljoen)?$", re.I)


def _holds_agreements(header: list[str], data: list[list[str]], settings: LayoutSettings) -> bool:
    """Sentences in some cell (an actor table) or numbers beside the first column (a target
    table): a signature block or the parties' addresses in columns have neither."""
    if any(_SIGNATURE_HEADER.match(c) for c in header):
        return False
    if any(len(c.split()) >= settings.sentence_min_words for row in data for c in row):
        return True
    values = [c for row in data for c in row[1:] if c]
    return bool(values) and sum(
        bool(_NUMERIC_CELL.match(c)) for c in values
    ) >= settings.numeric_cell_share * len(values)


# --- two-column bands --------------------------------------------------------------------


def _find_bands(rows: list[TextRow], settings: LayoutSettings) -> list[ColumnBand]:
    """Runs of text rows that leave one gutter free near the middle of the text width."""
    if len(rows) < settings.min_column_rows:
        return []
    grid = _Grid(rows)
    left, right = min(r.x0 for r in rows), max(r.x1 for r in rows)
    middle, half_zone = (left + right) / 2, settings.column_zone * (right - left) / 2
    lo, hi = middle - half_zone, middle + half_zone
    max_gap = settings.band_gap_factor * _row_height(rows)
    bands: list[ColumnBand] = []
    run: list[TextRow] = []
    mask: np.ndarray | None = None
    for row in [*rows, None]:
        if row is not None:
            free = grid.free(row)
            joined = free if mask is None else mask & free
            near = not run or row.top - run[-1].bottom <= max_gap
            if near and grid.gaps(joined, lo, hi, settings.column_gutter):
                run.append(row)
                mask = joined
                continue
        if run and mask is not None:
            band = _band(run, grid, mask, (lo, hi), settings)
            if band is not None:
                bands.append(band)
        if row is None:
            break
        free = grid.free(row)
        ok = grid.gaps(free, lo, hi, settings.column_gutter)
        run, mask = ([row], free) if ok else ([], None)
    return bands


def _band(
    run: list[TextRow],
    grid: _Grid,
    mask: np.ndarray,
    zone: tuple[float, float],
    settings: LayoutSettings,
) -> ColumnBand | None:
    """A two-column band if both sides of the gutter hold enough running text."""
    gaps = grid.gaps(mask, zone[0], zone[1], settings.column_gutter)
    middle = (zone[0] + zone[1]) / 2
    a, b = min(gaps, key=lambda g: abs((g[0] + g[1]) / 2 - middle))
    sides = (
        [[w for w in r.words if w.x1 <= a + 1] for r in run],
        [[w for w in r.words if w.x0 >= b - 1] for r in run],
    )
    for side in sides:
        rows = [TextRow(ws) for ws in side if ws]
        if len(rows) < settings.min_column_rows or not _running_text(rows, grid, settings):
            return None
    return ColumnBand(
        top=min(r.top for r in run),
        bottom=max(r.bottom for r in run),
        x0=min(r.x0 for r in run),
        gutter=(a + b) / 2,
        x1=max(r.x1 for r in run),
    )


def _running_text(rows: list[TextRow], grid: _Grid, settings: LayoutSettings) -> bool:
    """Rows of one column are running text: most fill the column, and no gap runs down all of
    them except a hanging indent (a table or a label column would leave one)."""
    x0, x1 = min(r.x0 for r in rows), max(r.x1 for r in rows)
    long_rows = sum(r.x1 - r.x0 >= settings.long_line_width * (x1 - x0) for r in rows)
    if long_rows < settings.long_line_share * len(rows):
        return False
    mask = np.logical_and.reduce([grid.free(r) for r in rows])
    inner = grid.gaps(mask, x0 + settings.marker_indent, x1, settings.table_gutter)
    return not inner
