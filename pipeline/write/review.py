"""Review by people: the review workbook, the corrections store and the training export.

Out: `afspraken.xlsx` (written by pipeline.write.tables with the other outputs): one sheet with
every
agreement and its labels next to their evidence, a summary sheet per document, a documents sheet.
In: the same workbook after a reviewer corrected labels -> correction records appended to
`<output>/.corrections/corrections.jsonl`. Every later write (pipeline.write.tables) applies them:
a correction replaces the model's labels when its agreement text is unchanged and is reported as
stale, never applied, when the text changed (docs/domain.md §6: audit offices correct labels by hand
and want the correction kept).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import logging
import math
import os
import pickle
import re
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet as XlsxWorksheet

from pipeline.label.smart import smart_verdict
from pipeline.models import AGREEMENT_TYPES, THEME_CODES, SmartLetterResult

log = logging.getLogger(__name__)

TYPES: tuple[str, ...] = AGREEMENT_TYPES
CONCRETE_KINDS = ("kwalitatief", "kwantitatief")
VERDICTS = ("ja", "deels", "nee")
LETTERS = ("S", "M", "A", "R", "T")
LETTER_COLUMNS = tuple(f"smart_{x.lower()}" for x in LETTERS)
LABEL_FIELDS = ("type", "concrete_kind", "theme_code", *LETTER_COLUMNS, "smart", "parties")
NOT_AGREEMENT = "geen afspraak"
"""The `type` a reviewer gives a row that is not an agreement: the row then leaves every
table and count (issue 19, item 9)."""
REVIEW_TYPES: tuple[str, ...] = (*AGREEMENT_TYPES, NOT_AGREEMENT)
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
OUTPUT_ID_FILE = Path(".prestatie") / "output-id"
"""An output folder's identity (a random id made at its first write): a review workbook
carries it, so that it is never imported into another folder. It moves with the folder."""
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


def output_id(output_dir: Path, create: bool = False) -> str:
    """The folder's identity ('' when it has none and `create` is false)."""
    path = output_dir / OUTPUT_ID_FILE
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        if not create:
            return ""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, uuid.uuid4().hex + "\n")
    return path.read_text(encoding="utf-8").strip()


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
    carried_over: int = 0
    """Of `applied`: corrections made on another version of the document (same municipality
    and period, the agreement's text unchanged)."""


STALE_COLUMNS = (
    "afspraak_id",
    "document_id",
    "reason",
    "corrected_labels",
    "text_at_review",
    "text_now",
    "change",
    "imported_at",
)

NEAR_IDENTICAL_RATIO = 0.8
"""Default share of words two agreement texts must have in common (difflib's ratio over their
words) for a stale correction to name the agreement it was probably made on, with the change."""


@dataclass
class _Rows:
    """Where to find rows of the frame: by id, by document and text hash, by document."""

    hashes: list[str]
    by_id: dict[str, int]
    by_hash: dict[tuple[str, str], list[int]]
    by_document: dict[str, list[int]]
    by_area: dict[tuple[str, str], list[str]]

    @classmethod
    def of(cls, frame: pd.DataFrame) -> _Rows:
        hashes = [text_hash(t, li) for t, li in zip(frame["text"], frame["lead_in"], strict=True)]
        by_hash: dict[tuple[str, str], list[int]] = {}
        by_document: dict[str, list[int]] = {}
        by_area: dict[tuple[str, str], list[str]] = {}
        for i, (doc, h) in enumerate(zip(frame["document_id"], hashes, strict=True)):
            by_hash.setdefault((doc, h), []).append(i)
            by_document.setdefault(doc, []).append(i)
        documents = frame.drop_duplicates("document_id")
        for doc, municipality, start in zip(
            documents["document_id"],
            documents["municipality"],
            documents["period_start"],
            strict=True,
        ):
            by_area.setdefault(_area(municipality, start), []).append(doc)
        return cls(
            hashes=hashes,
            by_id={a: i for i, a in enumerate(frame["afspraak_id"])},
            by_hash=by_hash,
            by_document=by_document,
            by_area=by_area,
        )


def _area(municipality: object, period_start: object) -> tuple[str, str]:
    """Municipality and first year: documents with the same are versions of one agreement."""
    start = "" if period_start is None or period_start is pd.NA else str(period_start)
    if start.endswith(".0"):
        start = start[:-2]
    return (str(municipality or "").strip().lower(), start)


def apply_corrections(
    afspraken: pd.DataFrame,
    corrections: Mapping[str, Correction],
    near_identical: float = NEAR_IDENTICAL_RATIO,
) -> AppliedCorrections:
    """Replace model labels by the reviewer's where the agreement text is unchanged.

    A correction matches its afspraak_id when the text hash is equal; failing that, the one row
    of the same document with that text hash (ids may change when segmentation changes). When
    its document is not in the frame, the correction follows the agreement to another version
    of the document (same municipality and period, e.g. the PDF saved again or revised): the
    row there with the same text is corrected (carried over). A correction that matches no row
    is stale: reported with the nearest text (at least `near_identical` alike) and the change,
    never applied. Corrections for documents without such a version in the frame are left
    alone; another document of the same municipality and period counts as a version only when
    some of the document's corrections are found in it, exactly or nearly.
    """
    frame = afspraken.copy()
    stale_rows: list[dict[str, Any]] = []
    if frame.empty or not corrections:
        return AppliedCorrections(frame, 0, pd.DataFrame(columns=list(STALE_COLUMNS)))
    rows = _Rows.of(frame)
    targets: dict[int, Correction] = {}
    unmatched: list[tuple[str, Correction]] = []
    for afspraak_id, corr in corrections.items():  # its own document first
        row = rows.by_id.get(afspraak_id)
        if row is not None and rows.hashes[row] == corr["text_hash"]:
            targets[row] = corr
            continue
        candidates = rows.by_hash.get((corr.get("document_id", ""), corr["text_hash"]), [])
        if len(candidates) == 1 and candidates[0] not in targets:
            targets[candidates[0]] = corr
            continue
        unmatched.append((afspraak_id, corr))
    carried = 0
    # corrections of a document that is gone, by that document: they count as stale only when
    # some of them were found (exactly or nearly) in another document of its municipality and
    # period, so that this document is a version of theirs and not just another one
    elsewhere: dict[str, list[dict[str, Any]]] = {}
    versions_of: set[str] = set()
    for afspraak_id, corr in unmatched:
        row = rows.by_id.get(afspraak_id)
        own = corr.get("document_id", "")
        if row is None and own in rows.by_document and _not_agreement(corr):
            continue  # a table written after the review no longer holds the row
        if row is not None or own in rows.by_document:
            scope, replaced_by = rows.by_document.get(own, []), ""
        else:
            versions = rows.by_area.get(_area(corr.get("municipality"), corr.get("period_start")))
            if not versions or not corr.get("municipality"):
                continue  # no version of its document in this frame: left alone
            found = [
                i
                for doc in versions
                for i in rows.by_hash.get((doc, corr["text_hash"]), [])
                if i not in targets
            ]
            if found:
                targets[found[0]] = corr
                carried += 1
                versions_of.add(own)
                continue
            scope = [i for doc in versions for i in rows.by_document[doc]]
            replaced_by = ", ".join(
                dict.fromkeys(
                    str(frame["source_file"].iloc[rows.by_document[d][0]]) for d in versions
                )
            )
        before = " ".join(str(corr.get("text", "")).split())
        near = row if row is not None else _nearest(frame, scope, before, near_identical)
        now = str(frame["text"].iloc[near]) if near is not None else ""
        if replaced_by:
            reason = (
                f"its document was replaced by {replaced_by} (same municipality and period) and "
                + ("the agreement's text changed" if now else "the agreement is not in it")
            )
            if now:
                versions_of.add(own)
        elif row is not None:
            reason = "agreement text changed since the review"
        else:
            reason = "agreement no longer found in the document (its text changed)"
        record = {
            "afspraak_id": afspraak_id,
            "document_id": own,
            "reason": reason,
            "corrected_labels": describe_labels(corr["labels"]),
            "text_at_review": corr.get("text", ""),
            "text_now": now,
            "change": describe_change(before, now) if before and now else "",
            "imported_at": corr.get("imported_at", ""),
        }
        if replaced_by:
            elsewhere.setdefault(own, []).append(record)
        else:
            stale_rows.append(record)
    for own, records in elsewhere.items():
        if own in versions_of:
            stale_rows += records
    columns = list(frame.columns)
    for row, corr in targets.items():
        for name in LABEL_FIELDS:
            if name in corr["labels"]:
                frame.iat[row, columns.index(name)] = corr["labels"][name]
        frame.iat[row, columns.index("label_source")] = "human"
        frame.iat[row, columns.index("needs_review")] = False
    stale = pd.DataFrame(stale_rows, columns=list(STALE_COLUMNS))
    return AppliedCorrections(frame, len(targets), stale, carried_over=carried)


def _not_agreement(corr: Mapping[str, Any]) -> bool:
    return bool(corr.get("labels", {}).get("type") == NOT_AGREEMENT)


def exclude_not_agreements(afspraken: pd.DataFrame) -> tuple[pd.DataFrame, set[str]]:
    """The table without the rows a reviewer marked `geen afspraak`, and their ids."""
    marked = afspraken["type"] == NOT_AGREEMENT
    if not marked.any():
        return afspraken, set()
    return afspraken[~marked].reset_index(drop=True), set(afspraken.loc[marked, "afspraak_id"])


def _nearest(frame: pd.DataFrame, scope: Sequence[int], text: str, least: float) -> int | None:
    """The row in scope whose text is most like `text`, if at least `least` alike."""
    if not text:
        return None
    words = text.lower().split()
    best, best_ratio = None, least
    for i in scope:
        matcher = difflib.SequenceMatcher(None, words, str(frame["text"].iloc[i]).lower().split())
        if matcher.quick_ratio() >= best_ratio and matcher.ratio() >= best_ratio:
            best, best_ratio = i, matcher.ratio()
    return best


def describe_change(before: str, after: str) -> str:
    """What changed between two texts, word by word: `'60' -> '80'; + 'words'; - 'words'`."""
    old, new = before.split(), after.split()
    parts = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        removed, added = " ".join(old[a0:a1]), " ".join(new[b0:b1])
        if op == "replace":
            parts.append(f"'{removed}' -> '{added}'")
        elif op == "delete":
            parts.append(f"- '{removed}'")
        elif op == "insert":
            parts.append(f"+ '{added}'")
    return "; ".join(parts)


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
        type_head = ["Thema", "Intentie", "Proces", "Concreet", "Totaal"]
        type_head += ["% intentie", "% proces", "% concreet"]
        smart_head = ["Thema", "SMART ja", "deels", "nee", "Totaal", "% ja", "% deels", "% nee"]
        for caption, head, body in (
            ("Type afspraak per thema", type_head, by_type),
            ("SMART per thema", smart_head, by_smart),
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
    widths = {"source_file": 40, "error": 40, "parties": 40, "municipality": 16}
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


def workbook_folder(path: Path) -> tuple[str, str]:
    """The id and path of the output folder a review workbook was written for ('' when it
    does not say: written by an older version)."""
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a damaged or foreign file
        raise ReviewImportError(f"Cannot read {path} as an Excel workbook: {exc}") from exc
    try:
        if SHEET_SOURCE not in wb.sheetnames:
            return "", ""
        for _, row in _sheet_records(wb[SHEET_SOURCE]):
            return _norm(row.get("output_id")), _norm(row.get("output_folder"))
        return "", ""
    finally:
        wb.close()


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
        source_rows = _sheet_records(wb[SHEET_SOURCE])
        source = {_norm(r.get("afspraak_id")): r for _, r in source_rows}
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
        if "parties" not in original:  # a workbook written before parties were correctable
            before["parties"] = labels["parties"]
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
        if labels["type"] == NOT_AGREEMENT:
            warnings = [w for w in warnings if not w.startswith(f"row {number}: smart ")]
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
        "type": REVIEW_TYPES,
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
    parties = str(row.get("parties") or "").replace("\n", ";").split(";")
    labels["parties"] = "; ".join(p for p in (" ".join(x.split()) for x in parties) if p)
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
    written_for, folder = workbook_folder(workbook)
    own = output_id(output_dir)
    if written_for and written_for != own:
        raise ReviewImportError(
            f"{workbook.name} was written for another output folder ({folder}), not for "
            f"{output_dir}; nothing imported. Import it into the folder it came from: "
            f"prestatie review import {workbook} --output {folder}"
        )
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
        if not c.get("text") or _not_agreement(c):
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
            **{name: labels.get(name) for name in LABEL_FIELDS},
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
