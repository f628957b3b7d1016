"""The review workbook: the `afspraken` table in, `afspraken.xlsx` out (written by
pipeline.write.tables with the other outputs).

One sheet with every agreement and its labels next to their evidence, for a reviewer to
correct (pipeline.write.workbook_import reads it back); a summary sheet per document; a
documents sheet; a hidden sheet with the values as written, so an import sees what changed.
"""

from __future__ import annotations

import json
import math
import pickle
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet as XlsxWorksheet

from pipeline.models import AGREEMENT_TYPES, SMART_LETTERS, SMART_VERDICTS, THEME_CODES
from pipeline.write.corrections import text_hash
from pipeline.write.display_names import THEME_LABELS, TYPE_NAMES
from pipeline.write.label_columns import CONCRETE_KINDS, LABEL_FIELDS, LETTER_COLUMNS, REVIEW_TYPES
from pipeline.write.summary import ThemeCounts, counts_by_theme

WORKBOOK_FILE = "afspraken.xlsx"
SHEET_AGREEMENTS = "afspraken"
SHEET_SUMMARY = "samenvatting"
SHEET_DOCUMENTS = "documenten"
SHEET_SOURCE = "_bron"
"""Hidden sheet: the values as written, so an import sees what the reviewer changed."""

YES, NO = "ja", "nee"
_MAX_CELL = 32_000

EDIT_COLUMNS = (*LABEL_FIELDS, "reviewed", "hard_case", "note")
"""Columns of the agreements sheet a reviewer edits; the import reads only these."""


@dataclass(frozen=True)
class CellStyle:
    """How a cell looks: font, fill colour, alignment and number format."""

    bold: bool = False
    italic: bool = False
    size: float | None = None
    fill: str = ""
    wrap: bool = False
    top: bool = False
    number_format: str = ""

    def format_properties(self) -> dict[str, object]:
        """The style as XlsxWriter format properties."""
        properties: dict[str, object] = {}
        if self.bold:
            properties["bold"] = True
        if self.italic:
            properties["italic"] = True
        if self.size:
            properties["font_size"] = self.size
        if self.fill:
            properties.update(pattern=1, bg_color=self.fill)
        if self.wrap:
            properties["text_wrap"] = True
        if self.top:
            properties["valign"] = "top"
        if self.number_format:
            properties["num_format"] = self.number_format
        return properties


_HEADER = CellStyle(bold=True, fill="#DDE4EE")
_HEADER_WRAPPED = CellStyle(bold=True, fill="#DDE4EE", wrap=True, top=True)
_REVIEW_FILL = "#FCE4C4"
_HUMAN_FILL = "#DCEFD8"
_ITALIC = CellStyle(italic=True)
_SHEET_TITLE = CellStyle(bold=True, size=13)
_DOCUMENT_TITLE = CellStyle(bold=True, size=12)
_PLAIN = CellStyle()


@dataclass(frozen=True)
class _Column:
    name: str
    width: float
    wrap: bool = False
    choices: tuple[str, ...] = ()
    blank: bool = False
    number_format: str = ""


def _agreement_columns() -> list[_Column]:
    yes_no = (YES, NO)
    cols = [
        _Column("municipality", 14, wrap=True),
        _Column("document", 22, wrap=True),
        _Column("afspraak_id", 22),
        _Column("ordinal", 6),
        _Column("number", 7),
        _Column("page", 6),
        _Column("heading", 24, wrap=True),
        _Column("lead_in", 20, wrap=True),
        _Column("text", 70, wrap=True),
        _Column("parties", 22, wrap=True),
        _Column("type", 11, choices=REVIEW_TYPES),
        _Column("type_score", 8, number_format="0.00"),
        _Column("type_evidence", 26, wrap=True),
        _Column("concrete_kind", 13, choices=CONCRETE_KINDS, blank=True),
        _Column("theme_code", 20, choices=THEME_CODES),
        _Column("theme_evidence", 22, wrap=True),
    ]
    for letter, name in zip(SMART_LETTERS, LETTER_COLUMNS, strict=True):
        cols.append(_Column(name, 8, choices=yes_no))
        cols.append(_Column(f"evidence_{letter.lower()}", 24, wrap=True))
    cols += [
        _Column("smart", 8, choices=SMART_VERDICTS),
        _Column("needs_review", 8),
        _Column("label_source", 9),
        _Column("reviewed", 9, choices=yes_no),
        _Column("hard_case", 9, choices=yes_no),
        _Column("note", 30, wrap=True),
    ]
    return cols


def safe_cell_value(value: object) -> object:
    """A value a workbook can store: NA and NaN -> None, numpy scalars -> Python values, text
    with line feeds as line breaks, cleaned of control characters and capped at the cell limit.
    """
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, str):
        return _clean_text(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


_UNSAFE_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f]")
"""Control characters a cell cannot hold, and the carriage return (0x0d) among them."""


def _clean_text(text: str) -> str:
    """Text as a cell stores it: see `safe_cell_value` (most text needs no change)."""
    if _UNSAFE_TEXT.search(text) is not None:
        # a carriage return would be stored as the escape code "_x000D_", which other readers
        # than Excel show as such; a line break in a cell is a line feed
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text[:_MAX_CELL]


class _SheetRows:
    """Rows written in order to a sheet of a workbook (`_Book`).

    Text is always stored as text, never as a formula, a number or a link; numbers and
    booleans keep their type. Cells are (value, format) pairs; `format` makes one workbook
    format per style, which callers look up once per column rather than per cell.
    """

    def __init__(self, book: _Book, ws: XlsxWorksheet) -> None:
        self.book = book
        self.ws = ws
        self.count = 0

    def format(self, style: CellStyle) -> Format | None:
        """The workbook format of a style (None for the default look)."""
        return self.book.format(style)

    def append(self, cells: Iterable[tuple[object, Format | None]] = ()) -> None:
        """The next row of cells (an empty row when none are given)."""
        row = self.count
        for column, (value, cell_format) in enumerate(cells):
            self.write(row, column, value, cell_format)
        self.count += 1

    def write(self, row: int, column: int, value: object, cell_format: Format | None) -> None:
        """One cell, stored with the type of its value; empty text is an empty cell."""
        if type(value) is str:  # most cells: the same as below, without the type checks
            text = _clean_text(value)
            if text:
                self.ws.write_string(row, column, text, cell_format)
            elif cell_format is not None:
                self.ws.write_blank(row, column, None, cell_format)
            return
        value = safe_cell_value(value)
        if value is None or (isinstance(value, str) and not value):
            if cell_format is not None:
                self.ws.write_blank(row, column, None, cell_format)
        elif isinstance(value, bool):
            self.ws.write_boolean(row, column, value, cell_format)
        elif isinstance(value, int | float) and math.isfinite(value):
            self.ws.write_number(row, column, value, cell_format)
        else:
            self.ws.write_string(row, column, str(value)[:_MAX_CELL], cell_format)


STREAMED_WORKBOOK_ROWS = 20_000
"""A workbook of more agreements than this streams each sheet's rows to disk as they are
written (constant memory). A smaller one is kept in memory until it is closed, which lets text
repeated in many cells ("ja", "nee", a theme) be stored once: about a fifth faster to write and
a smaller file, for some 150 bytes of memory per cell."""


class _Book:
    """An XlsxWriter workbook with one format per style; see `STREAMED_WORKBOOK_ROWS`."""

    def __init__(self, path: Path, rows: int) -> None:
        streamed = rows > STREAMED_WORKBOOK_ROWS
        self.workbook = xlsxwriter.Workbook(str(path), {"constant_memory": streamed})
        self._formats: dict[CellStyle, Format | None] = {_PLAIN: None}

    def sheet(self, name: str) -> _SheetRows:
        return _SheetRows(self, self.workbook.add_worksheet(name))

    def format(self, style: CellStyle) -> Format | None:
        if style not in self._formats:
            self._formats[style] = self.workbook.add_format(style.format_properties())
        return self._formats[style]

    def close(self) -> None:
        self.workbook.close()


def evidence_text(letter: str, spans: Iterable[Mapping[str, Any]]) -> str:
    """Evidence spans readable in one cell: 'T: 2025; jaarlijks', hedges marked 'tegen'."""
    spans = list(spans)
    if not spans:
        return ""
    pro = _unique(s["text"] for s in spans if s.get("supports", True))
    con = _unique(s["text"] for s in spans if not s.get("supports", True))
    parts = []
    if pro:
        parts.append(f"{letter}: " + "; ".join(pro))
    if con:
        parts.append(f"{letter} tegen: " + "; ".join(con))
    return " | ".join(parts)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(" ".join(i.split()) for i in items if i.strip()))


def _cue_text(spans_json: str) -> str:
    """Cue words of the type or theme evidence: 'streven naar; inzetten op'."""
    try:
        spans = json.loads(spans_json) if spans_json else []
    except json.JSONDecodeError:
        return ""
    pro = _unique(s["text"] for s in spans if s.get("supports", True))
    con = _unique(s["text"] for s in spans if not s.get("supports", True))
    return "; ".join(pro) + (" | tegen: " + "; ".join(con) if con else "")


_SHEET_FIELDS = (
    "municipality",
    "source_file",
    "afspraak_id",
    "ordinal",
    "number",
    "page_start",
    "heading",
    "lead_in",
    "text",
    "parties",
    "type",
    "type_score",
    "type_evidence",
    "concrete_kind",
    "theme_code",
    "theme_evidence",
    "smart_evidence",
    *LETTER_COLUMNS,
    "smart",
    "needs_review",
    "label_source",
    "hard_case",
    "note",
)
"""The columns of the `afspraken` table the agreements sheet shows (hard_case and note come
from earlier reviews and may be missing)."""


def _records(frame: pd.DataFrame, columns: Sequence[str]) -> Iterator[dict[str, Any]]:
    """The frame's rows as dicts of these columns; a column the frame lacks reads as None.

    Whole columns are converted at once: reading text backed by pyarrow cell by cell, as
    `DataFrame.to_dict` does, took longer than the rest of the sheet's rows.
    """
    values = [frame[c].tolist() if c in frame.columns else [None] * len(frame) for c in columns]
    for row in zip(*values, strict=True):
        yield dict(zip(columns, row, strict=True))


def agreement_sheet_rows(afspraken: pd.DataFrame) -> list[dict[str, object]]:
    """The agreements sheet as records, in the workbook's column order and value style."""
    rows = []
    file_names: dict[str, str] = {}  # a batch has many agreements per file
    for rec in _records(afspraken, _SHEET_FIELDS):
        try:
            smart_ev = json.loads(rec["smart_evidence"]) if rec["smart_evidence"] else {}
        except json.JSONDecodeError:
            smart_ev = {}
        source = str(rec["source_file"])
        if source not in file_names:
            file_names[source] = Path(source).name
        row: dict[str, object] = {
            "municipality": rec["municipality"],
            "document": file_names[source],
            "afspraak_id": rec["afspraak_id"],
            "ordinal": rec["ordinal"],
            "number": rec["number"],
            "page": rec["page_start"],
            "heading": rec["heading"],
            "lead_in": rec["lead_in"],
            "text": rec["text"],
            "parties": rec["parties"],
            "type": rec["type"],
            "type_score": rec["type_score"],
            "type_evidence": _cue_text(rec["type_evidence"]),
            "concrete_kind": rec["concrete_kind"],
            "theme_code": rec["theme_code"],
            "theme_evidence": _cue_text(rec["theme_evidence"]),
        }
        for letter, name in zip(SMART_LETTERS, LETTER_COLUMNS, strict=True):
            row[name] = YES if bool(rec[name]) else NO
            row[f"evidence_{letter.lower()}"] = evidence_text(letter, smart_ev.get(letter, []))
        human = rec["label_source"] == "human"
        row.update(
            {
                "smart": rec["smart"],
                "needs_review": YES if bool(rec["needs_review"]) else NO,
                "label_source": rec["label_source"],
                "reviewed": YES if human else NO,
                "hard_case": YES if rec["hard_case"] else NO,
                "note": rec["note"] or "",
            }
        )
        rows.append(row)
    return rows


def save_workbook_inputs(
    path: Path,
    afspraken: pd.DataFrame,
    documenten: pd.DataFrame,
    notes: Mapping[str, Mapping[str, Any]] | None = None,
    folder: tuple[str, str] = ("", ""),
) -> None:
    """Store what `write_workbook` needs in one file, for another process of this program to
    write the workbook from (`write_workbook_from`); pickled, as frames load from it in 2 ms."""
    path.write_bytes(pickle.dumps((afspraken, documenten, dict(notes or {}), folder), protocol=5))


def write_workbook_from(inputs: Path, path: Path) -> None:
    """Write the review workbook to path from a file made by `save_workbook_inputs` (only
    ever one this program wrote itself: unpickling runs code)."""
    afspraken, documenten, notes, folder = pickle.loads(inputs.read_bytes())
    write_workbook(afspraken, documenten, path, notes, folder)


def write_workbook(
    afspraken: pd.DataFrame,
    documenten: pd.DataFrame,
    path: Path,
    notes: Mapping[str, Mapping[str, Any]] | None = None,
    folder: tuple[str, str] = ("", ""),
) -> None:
    """Write the review workbook to path (the caller makes the write atomic).

    notes: afspraak_id -> {"hard_case", "note"} from earlier reviews, shown again.
    folder: the output folder's id (`output_id`) and path, kept in the hidden sheet so that
    the workbook is only imported into that folder.
    """
    notes = notes or {}
    frame = afspraken.copy()
    frame["hard_case"] = [bool(notes.get(a, {}).get("hard_case")) for a in frame["afspraak_id"]]
    frame["note"] = [notes.get(a, {}).get("note", "") for a in frame["afspraak_id"]]
    rows = agreement_sheet_rows(frame)
    book = _Book(path, rows=len(rows))
    try:
        _write_agreements(book.sheet(SHEET_AGREEMENTS), rows)
        _write_summary(book.sheet(SHEET_SUMMARY), afspraken)
        _write_documents(book.sheet(SHEET_DOCUMENTS), documenten)
        _write_source(book.sheet(SHEET_SOURCE), frame, rows, folder)
    finally:  # also after an error: its temporary sheet files go, the caller drops the file
        book.close()


def _write_agreements(sheet: _SheetRows, rows: list[dict[str, object]]) -> None:
    ws = sheet.ws
    columns = _agreement_columns()
    for j, col in enumerate(columns):
        ws.set_column(j, j, col.width)
    ws.freeze_panes(1, 0)
    header = sheet.format(_HEADER_WRAPPED)
    sheet.append((c.name, header) for c in columns)

    def formats(fill: str, human: bool) -> list[Format | None]:
        """One format per column for a row of this kind."""
        return [
            sheet.format(
                CellStyle(
                    fill=_HUMAN_FILL if human and col.name in LABEL_FIELDS else fill,
                    wrap=col.wrap,
                    top=True,
                    number_format=col.number_format,
                )
            )
            for col in columns
        ]

    # (needs review, labelled by a person) -> formats
    row_formats = {
        (review, human): formats(_REVIEW_FILL if review else "", human)
        for review in (False, True)
        for human in (False, True)
    }
    names = [col.name for col in columns]
    for row in rows:
        kind = (row["needs_review"] == YES, row["label_source"] == "human")
        sheet.append(zip((row[n] for n in names), row_formats[kind], strict=True))
    last = max(len(rows), 1)  # last data row, 0-based (row 0 is the header)
    for j, col in enumerate(columns):
        if not col.choices:
            continue
        ws.data_validation(
            1,
            j,
            last,
            j,
            {
                "validate": "list",
                "source": list(col.choices),
                "ignore_blank": col.blank,
                "show_error": True,
                "error_title": "Ongeldige waarde",
                "error_message": "Kies een waarde uit de lijst: " + ", ".join(col.choices),
            },
        )
    ws.autofilter(0, 0, last, len(columns) - 1)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)


def _write_source(
    sheet: _SheetRows,
    frame: pd.DataFrame,
    rows: list[dict[str, object]],
    folder: tuple[str, str] = ("", ""),
) -> None:
    sheet.ws.hide()
    header = ["afspraak_id", "document_id", "text_hash", *EDIT_COLUMNS, *_FOLDER_COLUMNS]
    sheet.append((name, None) for name in header)
    texts, lead_ins = frame["text"].tolist(), frame["lead_in"].tolist()
    hashes = [text_hash(t, li) for t, li in zip(texts, lead_ins, strict=True)]
    docs = frame["document_id"].tolist()
    for row, doc, hashed in zip(rows, docs, hashes, strict=True):
        values = [row["afspraak_id"], doc, hashed, *(row[c] for c in EDIT_COLUMNS), *folder]
        sheet.append((value, None) for value in values)


_FOLDER_COLUMNS = ("output_id", "output_folder")


def _title(rec: Mapping[str, Any]) -> str:
    period = ""
    start, end = rec.get("period_start"), rec.get("period_end")
    if start is not None and start is not pd.NA:
        period = f" {start}" + (f"-{end}" if end is not None and end is not pd.NA else "")
    name = rec.get("municipality") or "(gemeente onbekend)"
    return f"Gemeente {name}{period} — {Path(str(rec.get('source_file', ''))).name}"


def theme_tables(group: pd.DataFrame) -> tuple[list[list[object]], list[list[object]]]:
    """Theme x type and theme x SMART rows (counts, total, shares as fractions), with a total."""
    by_type: list[list[object]] = []
    by_smart: list[list[object]] = []
    per_theme, overall = counts_by_theme(
        zip(group["theme_code"], group["type"], group["smart"], strict=True)
    )
    parts = [(THEME_LABELS[t], per_theme.get(t, ThemeCounts())) for t in THEME_CODES]
    parts.append(("Totaal", overall))
    for label, counts in parts:
        n = counts.total
        types = [counts.types[t] for t in AGREEMENT_TYPES]
        verdicts = [counts.verdicts[v] for v in SMART_VERDICTS]
        by_type.append([label, *types, n, *(x / n if n else None for x in types)])
        by_smart.append([label, *verdicts, n, *(x / n if n else None for x in verdicts)])
    return by_type, by_smart


_TYPE_HEAD = (
    "Thema",
    *(TYPE_NAMES[t] for t in AGREEMENT_TYPES),
    "Totaal",
    *(f"% {t}" for t in AGREEMENT_TYPES),
)
"""The header of a summary's theme x type table (`theme_tables`)."""
_SMART_HEAD = (
    "Thema",
    f"SMART {SMART_VERDICTS[0]}",
    *SMART_VERDICTS[1:],
    "Totaal",
    *(f"% {v}" for v in SMART_VERDICTS),
)
"""The header of a summary's theme x SMART table (`theme_tables`)."""


def _write_summary(sheet: _SheetRows, afspraken: pd.DataFrame) -> None:
    sheet.ws.set_column(0, 0, 28)
    sheet.ws.set_column(1, 7, 11)
    title = "Samenvatting per document: aantal afspraken per thema, type en SMART-oordeel"
    sheet.append([(title, sheet.format(_SHEET_TITLE))])
    sheet.append()
    if afspraken.empty:
        sheet.append([("Geen afspraken gevonden.", None)])
        return
    header = sheet.format(_HEADER)
    # the theme label, 3 counts and a total, 3 shares; a total row in bold
    theme_row, total_row = (
        [
            sheet.format(CellStyle(bold=bold, number_format="0%" if j >= 6 else ""))
            for j in range(1, 9)
        ]
        for bold in (False, True)
    )
    for _, group in afspraken.groupby("document_id", sort=False):
        rec = {str(k): v for k, v in group.iloc[0].to_dict().items()}
        sheet.append([(_title(rec), sheet.format(_DOCUMENT_TITLE))])
        by_type, by_smart = theme_tables(group)
        for caption, head, body in (
            ("Type afspraak per thema", _TYPE_HEAD, by_type),
            ("SMART per thema", _SMART_HEAD, by_smart),
        ):
            sheet.append([(caption, sheet.format(_ITALIC))])
            sheet.append((name, header) for name in head)
            for values in body:
                styles = total_row if values[0] == "Totaal" else theme_row
                sheet.append(zip(values, styles, strict=True))
            sheet.append()
        sheet.append()


def _write_documents(sheet: _SheetRows, documenten: pd.DataFrame) -> None:
    ws = sheet.ws
    columns = list(documenten.columns)
    widths = {
        "source_file": 40,
        "error": 40,
        "gate_reason": 40,
        "parties": 40,
        "municipality": 16,
    }
    for j, name in enumerate(columns):
        ws.set_column(j, j, widths.get(name, 12))
    ws.freeze_panes(1, 0)
    header = sheet.format(_HEADER)
    sheet.append((name, header) for name in columns)
    for rec in documenten.to_dict("records"):
        fill = _REVIEW_FILL if rec.get("status") == "failed" else ""
        cells = []
        for name in columns:
            value = rec[name]
            if name == "source_file":
                value = Path(str(value)).name
            style = CellStyle(fill=fill, wrap=name in widths, top=True)
            cells.append((value, sheet.format(style)))
        sheet.append(cells)
    if columns:
        ws.autofilter(0, 0, max(len(documenten), 1), len(columns) - 1)


# --- importing a corrected workbook -----------------------------------------------------
