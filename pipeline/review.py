"""Review by people: the review workbook, the corrections store and the training export.

Out: `afspraken.xlsx` (written by pipeline.export with the other outputs): one sheet with every
agreement and its labels next to their evidence, a summary sheet per document, a documents sheet.
In: the same workbook after a reviewer corrected labels -> correction records appended to
`<output>/.corrections/corrections.jsonl`. Every later write (pipeline.export) applies them:
a correction replaces the model's labels when its agreement text is unchanged and is reported as
stale, never applied, when the text changed (DOMAIN.md §6: audit offices correct labels by hand
and want the correction kept).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.models import THEME_CODES, SmartLetterResult
from pipeline.smart import smart_verdict

log = logging.getLogger(__name__)

TYPES = ("intentie", "proces", "concreet")
CONCRETE_KINDS = ("kwalitatief", "kwantitatief")
VERDICTS = ("ja", "deels", "nee")
LETTERS = ("S", "M", "A", "R", "T")
LETTER_COLUMNS = tuple(f"smart_{x.lower()}" for x in LETTERS)
LABEL_FIELDS = ("type", "concrete_kind", "theme_code", *LETTER_COLUMNS, "smart")
"""The labels a reviewer may correct, as named in the `afspraken` table."""

THEME_LABELS = {
    "betaalbaarheid": "Betaalbaarheid",
    "beschikbaarheid": "Beschikbaarheid",
    "nieuwbouw": "Nieuwbouw",
    "duurzaamheid": "Duurzaamheid",
    "leefbaarheid": "Leefbaarheid",
    "wonen_zorg": "Wonen en zorg",
    "bijzondere_doelgroepen": "Bijzondere doelgroepen",
    "armoede": "Armoede en woonlasten",
    "samenwerking": "Samenwerking en proces",
    "overig": "Overig",
}

CORRECTIONS_DIR = ".corrections"
CORRECTIONS_FILE = "corrections.jsonl"
STALE_FILE = "corrections_stale.csv"
WORKBOOK_FILE = "afspraken.xlsx"
SHEET_AGREEMENTS = "afspraken"
SHEET_SUMMARY = "samenvatting"
SHEET_DOCUMENTS = "documenten"
SHEET_SOURCE = "_bron"
"""Hidden sheet: the values as written, so an import sees what the reviewer changed."""

YES, NO = "ja", "nee"
_MAX_CELL = 32_000


def text_hash(text: str, lead_in: str = "") -> str:
    """Hash of the text a label judges (lead-in and agreement), whitespace-normalised."""
    normalised = " ".join(f"{lead_in}\n{text}".split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


# --- the corrections store --------------------------------------------------------------


class Correction(dict[str, Any]):
    """One stored correction record (a JSON object; see `import_workbook` for its keys)."""


def corrections_path(output_dir: Path) -> Path:
    """Where the corrections of an output folder are kept."""
    return output_dir / CORRECTIONS_DIR / CORRECTIONS_FILE


def load_corrections(output_dir: Path) -> dict[str, Correction]:
    """The latest correction per afspraak_id (later lines of the store win)."""
    path = corrections_path(output_dir)
    latest: dict[str, Correction] = {}
    if not path.exists():
        return latest
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = Correction(json.loads(line))
        except json.JSONDecodeError:
            log.warning("%s line %d is not valid JSON; skipped", path, number)
            continue
        latest[record["afspraak_id"]] = record
    return latest


def append_corrections(output_dir: Path, records: Sequence[Mapping[str, Any]]) -> Path:
    """Add records to the store; the file is rewritten atomically (old lines kept)."""
    path = corrections_path(output_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if old and not old.endswith("\n"):
        old += "\n"
    new = "".join(json.dumps(dict(r), ensure_ascii=False) + "\n" for r in records)
    atomic_write_text(path, old + new)
    return path


def atomic_write_text(path: Path, content: str) -> None:
    """Write a text file through a temporary file and a rename: never half-written."""
    tmp = path.with_name(f".writing-{uuid.uuid4().hex}-{path.name}")
    try:
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@dataclass
class AppliedCorrections:
    """The `afspraken` table after corrections, and the corrections that could not apply."""

    frame: pd.DataFrame
    applied: int
    stale: pd.DataFrame


STALE_COLUMNS = (
    "afspraak_id",
    "document_id",
    "reason",
    "corrected_labels",
    "text_at_review",
    "text_now",
    "imported_at",
)


def apply_corrections(
    afspraken: pd.DataFrame, corrections: Mapping[str, Correction]
) -> AppliedCorrections:
    """Replace model labels by the reviewer's where the agreement text is unchanged.

    A correction matches its afspraak_id when the text hash is equal; failing that, the one row
    of the same document with that text hash (ids may change when segmentation changes). A
    correction for a document in this frame that matches neither is stale: reported, not applied.
    Corrections for documents not in the frame are left alone.
    """
    frame = afspraken.copy()
    stale_rows: list[dict[str, Any]] = []
    if frame.empty or not corrections:
        return AppliedCorrections(frame, 0, pd.DataFrame(columns=list(STALE_COLUMNS)))
    hashes = [text_hash(t, li) for t, li in zip(frame["text"], frame["lead_in"], strict=True)]
    frame["_hash"] = hashes
    by_id = {a: i for i, a in enumerate(frame["afspraak_id"])}
    by_hash: dict[tuple[str, str], list[int]] = {}
    for i, (doc, h) in enumerate(zip(frame["document_id"], hashes, strict=True)):
        by_hash.setdefault((doc, h), []).append(i)
    documents = set(frame["document_id"])
    targets: dict[int, Correction] = {}
    for afspraak_id, corr in corrections.items():
        row = by_id.get(afspraak_id)
        if row is not None and hashes[row] == corr["text_hash"]:
            targets[row] = corr
            continue
        candidates = by_hash.get((corr.get("document_id", ""), corr["text_hash"]), [])
        if len(candidates) == 1 and candidates[0] not in targets:
            targets[candidates[0]] = corr
            continue
        if row is None and corr.get("document_id") not in documents:
            continue
        stale_rows.append(
            {
                "afspraak_id": afspraak_id,
                "document_id": corr.get("document_id", ""),
                "reason": (
                    "agreement text changed since the review"
                    if row is not None
                    else "agreement no longer found in the document (its text changed)"
                ),
                "corrected_labels": describe_labels(corr["labels"]),
                "text_at_review": corr.get("text", ""),
                "text_now": frame["text"].iloc[row] if row is not None else "",
                "imported_at": corr.get("imported_at", ""),
            }
        )
    columns = list(frame.columns)
    for row, corr in targets.items():
        for name in LABEL_FIELDS:
            if name in corr["labels"]:
                frame.iat[row, columns.index(name)] = corr["labels"][name]
        frame.iat[row, columns.index("label_source")] = "human"
        frame.iat[row, columns.index("needs_review")] = False
    frame = frame.drop(columns="_hash")
    stale = pd.DataFrame(stale_rows, columns=list(STALE_COLUMNS))
    return AppliedCorrections(frame, len(targets), stale)


def describe_labels(labels: Mapping[str, Any]) -> str:
    """Labels in one line: 'concreet (kwantitatief), nieuwbouw, SMART deels (S M T)'."""
    kind = f" ({labels['concrete_kind']})" if labels.get("concrete_kind") else ""
    letters = " ".join(x for x, c in zip(LETTERS, LETTER_COLUMNS, strict=True) if labels.get(c))
    return (
        f"{labels.get('type', '')}{kind}, {labels.get('theme_code', '')}, "
        f"SMART {labels.get('smart', '')} ({letters or '-'})"
    )


# --- writing the workbook ---------------------------------------------------------------

EDIT_COLUMNS = (*LABEL_FIELDS, "reviewed", "hard_case", "note")
"""Columns of the agreements sheet a reviewer edits; the import reads only these."""

_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_REVIEW_FILL = PatternFill("solid", fgColor="FCE4C4")
_HUMAN_FILL = PatternFill("solid", fgColor="DCEFD8")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_BOLD = Font(bold=True)
_ITALIC = Font(italic=True)
_SHEET_TITLE = Font(bold=True, size=13)
_DOCUMENT_TITLE = Font(bold=True, size=12)


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
        _Column("type", 11, choices=TYPES),
        _Column("type_score", 8, number_format="0.00"),
        _Column("type_evidence", 26, wrap=True),
        _Column("concrete_kind", 13, choices=CONCRETE_KINDS, blank=True),
        _Column("theme_code", 20, choices=THEME_CODES),
        _Column("theme_evidence", 22, wrap=True),
    ]
    for letter, name in zip(LETTERS, LETTER_COLUMNS, strict=True):
        cols.append(_Column(name, 8, choices=yes_no))
        cols.append(_Column(f"evidence_{letter.lower()}", 24, wrap=True))
    cols += [
        _Column("smart", 8, choices=VERDICTS),
        _Column("needs_review", 8),
        _Column("label_source", 9),
        _Column("reviewed", 9, choices=yes_no),
        _Column("hard_case", 9, choices=yes_no),
        _Column("note", 30, wrap=True),
    ]
    return cols


def safe_cell_value(value: object) -> object:
    """A value openpyxl can store: NA -> None, text cleaned of control characters and capped."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, str):
        return str(ILLEGAL_CHARACTERS_RE.sub("", value))[:_MAX_CELL]
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


class _SheetRows:
    """Rows appended in order to a write-only sheet (streamed, never all cells in memory).

    Text is always stored as text, never as a formula. A cell's style is given as constants of
    this module; each combination is set through openpyxl once and then copied as its style
    array, which is what makes a large workbook cheap to write.
    """

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        # keyed by the identity of the style objects (hashing them per cell is what was slow);
        # each entry keeps its objects alive, so that no identity is reused while cached
        self._styles: dict[tuple[int, int, int, str], tuple[StyleArray, tuple[object, ...]]] = {}

    def cell(
        self,
        value: object,
        font: Font | None = None,
        fill: PatternFill | None = None,
        alignment: Alignment | None = None,
        number_format: str = "",
    ) -> Cell:
        cell = WriteOnlyCell(self.ws, value=safe_cell_value(value))
        if isinstance(cell.value, str):
            cell.data_type = "s"
        key = (id(font), id(fill), id(alignment), number_format)
        cached = self._styles.get(key)
        if cached is not None:
            cell._style = copy(cached[0])
            return cell
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if alignment is not None:
            cell.alignment = alignment
        if number_format:
            cell.number_format = number_format
        self._styles[key] = (copy(cell._style), (font, fill, alignment))
        return cell

    def append(self, cells: Iterable[Cell] = ()) -> None:
        """The next row (an empty one when no cells are given)."""
        self.ws.append(list(cells))


def evidence_text(letter: str, spans: Iterable[Mapping[str, Any]]) -> str:
    """Evidence spans readable in one cell: 'T: 2025; jaarlijks', hedges marked 'tegen'."""
    spans = list(spans)
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


def agreement_sheet_rows(afspraken: pd.DataFrame) -> list[dict[str, object]]:
    """The agreements sheet as records, in the workbook's column order and value style."""
    rows = []
    for rec in afspraken.to_dict("records"):
        try:
            smart_ev = json.loads(rec["smart_evidence"]) if rec["smart_evidence"] else {}
        except json.JSONDecodeError:
            smart_ev = {}
        row: dict[str, object] = {
            "municipality": rec["municipality"],
            "document": Path(str(rec["source_file"])).name,
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
        for letter, name in zip(LETTERS, LETTER_COLUMNS, strict=True):
            row[name] = YES if bool(rec[name]) else NO
            row[f"evidence_{letter.lower()}"] = evidence_text(letter, smart_ev.get(letter, []))
        human = rec["label_source"] == "human"
        row.update(
            {
                "smart": rec["smart"],
                "needs_review": YES if bool(rec["needs_review"]) else NO,
                "label_source": rec["label_source"],
                "reviewed": YES if human else NO,
                "hard_case": YES if rec.get("hard_case") else NO,
                "note": rec.get("note", "") or "",
            }
        )
        rows.append(row)
    return rows


def write_workbook(
    afspraken: pd.DataFrame,
    documenten: pd.DataFrame,
    path: Path,
    notes: Mapping[str, Mapping[str, Any]] | None = None,
) -> None:
    """Write the review workbook to path (the caller makes the write atomic).

    notes: afspraak_id -> {"hard_case", "note"} from earlier reviews, shown again.
    """
    notes = notes or {}
    frame = afspraken.copy()
    frame["hard_case"] = [bool(notes.get(a, {}).get("hard_case")) for a in frame["afspraak_id"]]
    frame["note"] = [notes.get(a, {}).get("note", "") for a in frame["afspraak_id"]]
    rows = agreement_sheet_rows(frame)
    wb = Workbook(write_only=True)
    _write_agreements(wb.create_sheet(SHEET_AGREEMENTS), rows)
    _write_summary(wb.create_sheet(SHEET_SUMMARY), afspraken)
    _write_documents(wb.create_sheet(SHEET_DOCUMENTS), documenten)
    _write_source(wb.create_sheet(SHEET_SOURCE), frame, rows)
    wb.save(path)


def _write_agreements(ws: WriteOnlyWorksheet, rows: list[dict[str, object]]) -> None:
    columns = _agreement_columns()
    for j, col in enumerate(columns, start=1):  # widths and panes come before the first row
        ws.column_dimensions[get_column_letter(j)].width = col.width
    ws.freeze_panes = "A2"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    sheet = _SheetRows(ws)
    sheet.append(sheet.cell(c.name, _BOLD, _HEADER_FILL, _WRAP) for c in columns)
    label_columns = {c.name for c in columns if c.name in LABEL_FIELDS}
    for row in rows:
        review = row["needs_review"] == YES
        human = row["label_source"] == "human"
        cells = []
        for col in columns:
            fill = None
            if human and col.name in label_columns:
                fill = _HUMAN_FILL
            elif review:
                fill = _REVIEW_FILL
            alignment = _WRAP if col.wrap else _TOP
            cells.append(sheet.cell(row[col.name], None, fill, alignment, col.number_format))
        sheet.append(cells)
    last = max(len(rows) + 1, 2)
    for j, col in enumerate(columns, start=1):
        if not col.choices:
            continue
        letter = get_column_letter(j)
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(col.choices) + '"',
            allow_blank=col.blank,
            showErrorMessage=True,
            errorTitle="Ongeldige waarde",
            error="Kies een waarde uit de lijst: " + ", ".join(col.choices),
        )
        dv.add(f"{letter}2:{letter}{last}")
        ws.data_validations.append(dv)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"


def _write_source(
    ws: WriteOnlyWorksheet, frame: pd.DataFrame, rows: list[dict[str, object]]
) -> None:
    ws.sheet_state = "hidden"
    sheet = _SheetRows(ws)
    header = ["afspraak_id", "document_id", "text_hash", *EDIT_COLUMNS]
    sheet.append(sheet.cell(name) for name in header)
    hashes = [text_hash(t, li) for t, li in zip(frame["text"], frame["lead_in"], strict=True)]
    docs = list(frame["document_id"])
    for row, doc, hashed in zip(rows, docs, hashes, strict=True):
        values = [row["afspraak_id"], doc, hashed, *(row[c] for c in EDIT_COLUMNS)]
        sheet.append(sheet.cell(value) for value in values)


def _title(rec: Mapping[str, Any]) -> str:
    period = ""
    start, end = rec.get("period_start"), rec.get("period_end")
    if start is not None and start is not pd.NA:
        period = f" {start}" + (f"-{end}" if end is not None and end is not pd.NA else "")
    name = rec.get("municipality") or "(gemeente onbekend)"
    return f"Gemeente {name}{period} — {Path(str(rec.get('source_file', ''))).name}"


@dataclass
class ThemeCounts:
    """Agreements of one theme (or of all themes): how many, per type and per SMART verdict."""

    total: int = 0
    types: Counter[str] = field(default_factory=Counter)
    verdicts: Counter[str] = field(default_factory=Counter)

    def add(self, kind: str, verdict: str) -> None:
        self.total += 1
        self.types[kind] += 1
        self.verdicts[verdict] += 1


def counts_by_theme(
    labels: Iterable[tuple[str, str, str]],
) -> tuple[dict[str, ThemeCounts], ThemeCounts]:
    """(theme, type, verdict) per agreement, counted per theme in one pass, and over all."""
    per_theme: dict[str, ThemeCounts] = {}
    overall = ThemeCounts()
    for theme, kind, verdict in labels:
        per_theme.setdefault(theme, ThemeCounts()).add(kind, verdict)
        overall.add(kind, verdict)
    return per_theme, overall


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
        types = [counts.types[t] for t in TYPES]
        verdicts = [counts.verdicts[v] for v in VERDICTS]
        by_type.append([label, *types, n, *(x / n if n else None for x in types)])
        by_smart.append([label, *verdicts, n, *(x / n if n else None for x in verdicts)])
    return by_type, by_smart


def _write_summary(ws: WriteOnlyWorksheet, afspraken: pd.DataFrame) -> None:
    ws.column_dimensions["A"].width = 28
    for letter in "BCDEFGH":
        ws.column_dimensions[letter].width = 11
    sheet = _SheetRows(ws)
    title = "Samenvatting per document: aantal afspraken per thema, type en SMART-oordeel"
    sheet.append([sheet.cell(title, _SHEET_TITLE)])
    sheet.append()
    if afspraken.empty:
        sheet.append([sheet.cell("Geen afspraken gevonden.")])
        return
    for _, group in afspraken.groupby("document_id", sort=False):
        rec = {str(k): v for k, v in group.iloc[0].to_dict().items()}
        sheet.append([sheet.cell(_title(rec), _DOCUMENT_TITLE)])
        by_type, by_smart = theme_tables(group)
        type_head = ["Thema", "Intentie", "Proces", "Concreet", "Totaal"]
        type_head += ["% intentie", "% proces", "% concreet"]
        smart_head = ["Thema", "SMART ja", "deels", "nee", "Totaal", "% ja", "% deels", "% nee"]
        for caption, head, body in (
            ("Type afspraak per thema", type_head, by_type),
            ("SMART per thema", smart_head, by_smart),
        ):
            sheet.append([sheet.cell(caption, _ITALIC)])
            sheet.append(sheet.cell(name, _BOLD, _HEADER_FILL) for name in head)
            for values in body:
                font = _BOLD if values[0] == "Totaal" else None
                sheet.append(
                    sheet.cell(value, font, number_format="0%" if j >= 6 else "")
                    for j, value in enumerate(values, start=1)
                )
            sheet.append()
        sheet.append()


def _write_documents(ws: WriteOnlyWorksheet, documenten: pd.DataFrame) -> None:
    columns = list(documenten.columns)
    widths = {"source_file": 40, "error": 40, "parties": 40, "municipality": 16}
    for j, name in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(name, 12)
    ws.freeze_panes = "A2"
    sheet = _SheetRows(ws)
    sheet.append(sheet.cell(name, _BOLD, _HEADER_FILL) for name in columns)
    for rec in documenten.to_dict("records"):
        fill = _REVIEW_FILL if rec.get("status") == "failed" else None
        cells = []
        for name in columns:
            value = rec[name]
            if name == "source_file":
                value = Path(str(value)).name
            cells.append(sheet.cell(value, None, fill, _WRAP if name in widths else _TOP))
        sheet.append(cells)
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(documenten) + 1, 2)}"


# --- importing a corrected workbook -----------------------------------------------------


class ReviewImportError(Exception):
    """The workbook cannot be imported; the message lists what to fix."""


@dataclass
class ImportResult:
    """What an import stored and what it found."""

    records: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unchanged: int = 0
    store: Path | None = None


_TRUE = {"ja", "j", "waar", "true", "1", "yes", "y", "x"}
_FALSE = {"nee", "n", "onwaar", "false", "0", "no", ""}


def _norm(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    return " ".join(str(value).split()).strip()


def _yes_no(value: object) -> bool | None:
    text = _norm(value).lower().lstrip("'")
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def _sheet_records(ws: Worksheet) -> list[tuple[int, dict[str, object]]]:
    rows = ws.iter_rows(values_only=True)
    try:
        header = [_norm(h) for h in next(rows)]
    except StopIteration:
        return []
    out = []
    for number, values in enumerate(rows, start=2):
        if all(v is None for v in values):
            continue
        out.append((number, dict(zip(header, values, strict=False))))
    return out


def read_workbook_edits(path: Path) -> tuple[list[dict[str, Any]], list[str], int]:
    """Rows the reviewer changed or marked reviewed, as label dicts; plus warnings, unchanged.

    Raises ReviewImportError listing every invalid value (nothing is stored then).
    """
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a damaged or foreign file
        raise ReviewImportError(f"Cannot read {path} as an Excel workbook: {exc}") from exc
    try:
        for name in (SHEET_AGREEMENTS, SHEET_SOURCE):
            if name not in wb.sheetnames:
                raise ReviewImportError(
                    f"{path.name} has no sheet '{name}'; import a workbook written by "
                    "`prestatie run` (afspraken.xlsx)."
                )
        edited = _sheet_records(wb[SHEET_AGREEMENTS])
        source = {_norm(r.get("afspraak_id")): r for _, r in _sheet_records(wb[SHEET_SOURCE])}
    finally:
        wb.close()
    missing = [c for c in ("afspraak_id", *EDIT_COLUMNS) if edited and c not in edited[0][1]]
    if missing:
        raise ReviewImportError(
            f"Sheet '{SHEET_AGREEMENTS}' lacks the column(s) {', '.join(missing)}."
        )
    errors: list[str] = []
    warnings: list[str] = []
    out: list[dict[str, Any]] = []
    unchanged = 0
    for number, row in edited:
        afspraak_id = _norm(row.get("afspraak_id"))
        original = source.get(afspraak_id)
        if original is None:
            warnings.append(f"row {number}: afspraak_id '{afspraak_id}' unknown; row skipped")
            continue
        labels, row_errors = _labels_from_row(row, number)
        errors += row_errors
        if row_errors:
            continue
        before, _ = _labels_from_row(original, number)
        changed = [f for f in LABEL_FIELDS if labels[f] != before.get(f)]
        reviewed = bool(_yes_no(row.get("reviewed")))
        was_reviewed = bool(_yes_no(original.get("reviewed")))
        hard_case = bool(_yes_no(row.get("hard_case")))
        note = _norm(row.get("note"))
        notes_changed = hard_case != bool(_yes_no(original.get("hard_case"))) or note != _norm(
            original.get("note")
        )
        if not changed and not notes_changed and not (reviewed and not was_reviewed):
            unchanged += 1
            continue
        letters_changed = any(f in changed for f in LETTER_COLUMNS)
        if letters_changed and "smart" not in changed:
            labels["smart"] = _verdict(labels)
            changed.append("smart")
        elif labels["smart"] != _verdict(labels):
            warnings.append(
                f"row {number}: smart '{labels['smart']}' does not follow from the letters "
                f"(the rule gives '{_verdict(labels)}'); kept as entered"
            )
        if labels["type"] != "concreet":
            labels["concrete_kind"] = ""
        out.append(
            {
                "afspraak_id": afspraak_id,
                "document_id": _norm(original.get("document_id")),
                "text_hash": _norm(original.get("text_hash")),
                "labels": labels,
                "model_labels": before,
                "changed": changed,
                "hard_case": hard_case,
                "note": note,
                "row": number,
            }
        )
    if errors:
        raise ReviewImportError(
            f"{path.name}: {len(errors)} invalid value(s), nothing imported:\n  "
            + "\n  ".join(errors)
        )
    return out, warnings, unchanged


def _verdict(labels: Mapping[str, Any]) -> str:
    s, m, a, r, t = (SmartLetterResult(value=bool(labels[c])) for c in LETTER_COLUMNS)
    return smart_verdict(s, m, a, r, t)


def _labels_from_row(row: Mapping[str, object], number: int) -> tuple[dict[str, Any], list[str]]:
    errors = []
    labels: dict[str, Any] = {}
    choices = {
        "type": TYPES,
        "concrete_kind": ("", *CONCRETE_KINDS),
        "theme_code": THEME_CODES,
        "smart": VERDICTS,
    }
    for name, allowed in choices.items():
        value = _norm(row.get(name)).lower()
        if value not in allowed:
            errors.append(
                f"row {number}: {name} '{_norm(row.get(name))}' is not one of "
                + ", ".join(a or "(empty)" for a in allowed)
            )
        labels[name] = value
    for name in LETTER_COLUMNS:
        flag = _yes_no(row.get(name))
        if flag is None:
            errors.append(f"row {number}: {name} '{_norm(row.get(name))}' is not ja or nee")
        labels[name] = bool(flag)
    if not errors and labels["type"] == "concreet" and not labels["concrete_kind"]:
        errors.append(
            f"row {number}: type concreet needs concrete_kind kwalitatief or kwantitatief"
        )
    return labels, errors


def import_workbook(workbook: Path, output_dir: Path) -> ImportResult:
    """Read a corrected workbook and append its corrections to the output folder's store.

    Each record: afspraak_id, document_id, text_hash (of the text the reviewer saw), labels (all
    correctable labels as the reviewer left them), model_labels (as they were shown), changed,
    hard_case, note, the agreement's context (text, lead_in, municipality, period_start,
    source_kind, heading, number, contributions) for the training export, imported_at, workbook.
    """
    edits, warnings, unchanged = read_workbook_edits(workbook)
    context = _agreement_context(output_dir)
    stored = load_corrections(output_dir)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    records = []
    for edit in edits:
        known = stored.get(edit["afspraak_id"])
        if known and all(
            known.get(k) == edit[k] for k in ("text_hash", "labels", "hard_case", "note")
        ):
            unchanged += 1
            continue
        info = context.get(edit["afspraak_id"], {})
        if info and info["text_hash"] != edit["text_hash"]:
            warnings.append(
                f"row {edit['row']}: the text of {edit['afspraak_id']} changed since this "
                "workbook was written; the correction is stored but reported as stale"
            )
        record = {
            "afspraak_id": edit["afspraak_id"],
            "document_id": edit["document_id"],
            "text_hash": edit["text_hash"],
            "labels": edit["labels"],
            "model_labels": edit["model_labels"],
            "changed": edit["changed"],
            "hard_case": edit["hard_case"],
            "note": edit["note"],
            **{k: v for k, v in info.items() if k != "text_hash"},
            "imported_at": now,
            "workbook": workbook.name,
        }
        records.append(record)
    result = ImportResult(records=records, warnings=warnings, unchanged=unchanged)
    if records:
        result.store = append_corrections(output_dir, records)
    return result


def _agreement_context(output_dir: Path) -> dict[str, dict[str, Any]]:
    path = output_dir / "afspraken.parquet"
    if not path.exists():
        return {}
    frame = pd.read_parquet(path)
    contributions: dict[str, dict[str, str]] = {}
    bijdragen = output_dir / "bijdragen.parquet"
    if bijdragen.exists():
        for rec in pd.read_parquet(bijdragen, columns=["afspraak_id", "party", "text"]).to_dict(
            "records"
        ):
            contributions.setdefault(str(rec["afspraak_id"]), {})[str(rec["party"])] = str(
                rec["text"]
            )
    out = {}
    for rec in frame.to_dict("records"):
        start = rec["period_start"]
        out[str(rec["afspraak_id"])] = {
            "text_hash": text_hash(rec["text"], rec["lead_in"]),
            "text": rec["text"],
            "lead_in": rec["lead_in"],
            "municipality": rec["municipality"],
            "period_start": None if start is None or start is pd.NA else int(start),
            "source_kind": rec["source_kind"],
            "heading": rec["heading"],
            "number": rec["number"],
            "contributions": contributions.get(str(rec["afspraak_id"]), {}),
        }
    return out


def review_notes(corrections: Mapping[str, Correction]) -> dict[str, dict[str, Any]]:
    """afspraak_id -> hard_case and note, to show earlier review notes in a new workbook."""
    return {
        a: {"hard_case": bool(c.get("hard_case")), "note": c.get("note", "")}
        for a, c in corrections.items()
    }


# --- training export --------------------------------------------------------------------

ANNOTATION_KEYS = (
    "id",
    "municipality",
    "year",
    "layout",
    "heading",
    "number",
    "text",
    "contributions",
    "type",
    "concrete_kind",
    "theme_code",
    *LETTER_COLUMNS,
    "smart",
    "hard_case",
    "note",
)


def _slug(name: str) -> str:
    plain = name.lower().removeprefix("gemeente ").strip()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "onbekend"


def training_records(corrections: Mapping[str, Correction]) -> list[dict[str, Any]]:
    """Corrections as annotation records (docs/annotation-guide.md §2), keys in guide order.

    The text is the agreement text with the lead-in in front when there is one (the guide
    understands a lead-in's subject as part of the unit). Ids are `<municipality>-r<nnn>` so
    they never collide with hand-written ids.
    """
    ordered = sorted(
        corrections.values(),
        key=lambda c: (str(c.get("municipality", "")), str(c.get("imported_at", ""))),
    )
    counters: dict[str, int] = {}
    out = []
    for c in ordered:
        if not c.get("text"):
            continue
        slug = _slug(str(c.get("municipality", "")))
        counters[slug] = counters.get(slug, 0) + 1
        municipality = str(c.get("municipality", "")).strip()
        text = f"{c['lead_in']} {c['text']}" if c.get("lead_in") else c["text"]
        labels = c["labels"]
        record = {
            "id": f"{slug}-r{counters[slug]:03d}",
            "municipality": f"Gemeente {municipality}" if municipality else "",
            "year": c.get("period_start"),
            "layout": c.get("source_kind", ""),
            "heading": c.get("heading", ""),
            "number": c.get("number", ""),
            "text": text,
            "contributions": c.get("contributions", {}),
            **{name: labels[name] for name in LABEL_FIELDS},
            "hard_case": bool(c.get("hard_case")),
            "note": c.get("note", ""),
        }
        out.append({k: record[k] for k in ANNOTATION_KEYS})
    return out


def export_training(output_dir: Path, out_file: Path) -> int:
    """Write the corrections of an output folder as annotation JSON Lines; returns the count."""
    records = training_records(load_corrections(output_dir))
    out_file.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(out_file, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return len(records)
