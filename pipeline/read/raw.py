"""The raw lines, tables and pages of the read stage, before they become `DocumentContent`.

A page read from its text layer (`pipeline.read.pages`) or with OCR (`pipeline.read.ocr`)
gives the same raw types; `pipeline.read.document` then removes running lines, joins
hyphenated words, marks headings and stitches tables. `Box` is the one box type of the stage:
(x0, top, x1, bottom) in PDF points, origin top-left.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

Box = tuple[float, float, float, float]
"""(x0, top, x1, bottom) in points, origin top-left."""

Band = tuple[float, int]
"""(top of its band, column): where a column of a two-column band or a turned block is read."""


@dataclass
class RawLine:
    """One line of text on a page, with its box, dominant font size and weight."""

    page: int
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    page_height: float
    ocr: bool = False
    confidence: float | None = None
    band: Band | None = None  # (top of its band, column) when not read by top
    chars: int = 0  # printed characters of the text layer in this line


@dataclass
class RawTable:
    """One table on a page: its cell texts (merged cells filled) and one box per row."""

    page: int
    bbox: Box
    grid: list[list[str]]
    row_boxes: list[Box]
    first_row_bold: bool
    page_height: float
    ocr: bool = False
    confidence: float | None = None
    band: Band | None = None  # read at this (top, column) instead of its own top
    chars: int = 0  # printed characters of the text layer in its cells


@dataclass
class RawPage:
    """The lines and tables of one page, and how many printed characters it has."""

    number: int
    height: float
    lines: list[RawLine] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)
    chars: int = 0  # printed characters of the text layer (0 for a page read with OCR)
    watermark: str = ""  # text set at an angle, dropped
    watermark_chars: int = 0
    damaged: str = ""  # why the page could not be parsed; '' when it was read
    # Characters per font size in tables found by word alignment: before they were found,
    # that text was running text, and it still decides the body font size.
    table_sizes: Counter[float] = field(default_factory=Counter)


def line_key(line: RawLine) -> tuple[float, int, float]:
    """The reading-order key of a line (see `reading_key`)."""
    return reading_key(line.top, line.band)


def reading_key(top: float, band: Band | None) -> tuple[float, int, float]:
    """Reading order on a page: by top, but a column of a band (or a turned block) is read
    whole where its band starts."""
    return (band[0], band[1], top) if band is not None else (top, 0, top)
