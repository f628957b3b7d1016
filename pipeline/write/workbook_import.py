"""The workbook import: a review workbook a reviewer corrected in, correction records out.

Reads `afspraken.xlsx` (pipeline.write.workbook) after a reviewer changed labels, checks
every value, and appends a record per changed row to the output folder's corrections store
(pipeline.write.corrections); the next write applies them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.label.smart import smart_verdict
from pipeline.models import SMART_VERDICTS, THEME_CODES, SmartLetterResult
from pipeline.write.corrections import append_corrections, load_corrections, output_id, text_hash
from pipeline.write.label_columns import (
    CONCRETE_KINDS,
    LABEL_FIELDS,
    LETTER_COLUMNS,
    NOT_AGREEMENT,
    REVIEW_TYPES,
)
from pipeline.write.workbook import EDIT_COLUMNS, NO, SHEET_AGREEMENTS, SHEET_SOURCE, YES


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
    wb = _open(path)
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
    edited, source = _read_sheets(path)
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
        edit = _row_edit(number, afspraak_id, row, original, labels, warnings)
        if edit is None:
            unchanged += 1
        else:
            out.append(edit)
    if errors:
        raise ReviewImportError(
            f"{path.name}: {len(errors)} invalid value(s), nothing imported:\n  "
            + "\n  ".join(errors)
        )
    return out, warnings, unchanged


def _open(path: Path) -> Workbook:
    """The workbook at path, read-only, or ReviewImportError when it is none."""
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a damaged or foreign file
        raise ReviewImportError(f"Cannot read {path} as an Excel workbook: {exc}") from exc


def _read_sheets(
    path: Path,
) -> tuple[list[tuple[int, dict[str, object]]], dict[str, dict[str, object]]]:
    """The agreements sheet's rows (with their row numbers) and the hidden sheet's rows by
    afspraak_id; ReviewImportError when a sheet or an editable column is missing."""
    wb = _open(path)
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
    return edited, source


def _row_edit(
    number: int,
    afspraak_id: str,
    row: Mapping[str, object],
    original: Mapping[str, object],
    labels: dict[str, Any],
    warnings: list[str],
) -> dict[str, Any] | None:
    """The edit of a row with valid labels, compared with the values written (`original`);
    None when the reviewer changed nothing. A warning of the row goes to warnings."""
    before, _ = _labels_from_row(original, number)
    if "parties" not in original:  # a workbook written before parties were correctable
        before["parties"] = labels["parties"]
    changed = [f for f in LABEL_FIELDS if labels[f] != before.get(f)]
    newly_reviewed = bool(_yes_no(row.get("reviewed"))) and not _yes_no(original.get("reviewed"))
    hard_case = bool(_yes_no(row.get("hard_case")))
    note = _norm(row.get("note"))
    notes_changed = hard_case != bool(_yes_no(original.get("hard_case"))) or note != _norm(
        original.get("note")
    )
    if not changed and not notes_changed and not newly_reviewed:
        return None
    if any(f in changed for f in LETTER_COLUMNS) and "smart" not in changed:
        labels["smart"] = _verdict(labels)
        changed.append("smart")
    elif labels["smart"] != _verdict(labels) and labels["type"] != NOT_AGREEMENT:
        warnings.append(
            f"row {number}: smart '{labels['smart']}' does not follow from the letters "
            f"(the rule gives '{_verdict(labels)}'); kept as entered"
        )
    if labels["type"] != "concreet":
        labels["concrete_kind"] = ""
    return {
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
        "smart": SMART_VERDICTS,
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
