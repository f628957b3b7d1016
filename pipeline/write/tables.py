"""Stage 6, write: `DocumentResult`s in, the output files of the contract out (README "Outputs").

Each result first becomes its rows of the four tables (`document_rows`). A worker makes them
as it stores a result, so a batch's write (`write_document_rows`) only joins them.
All files are first written into a temporary folder inside the output folder and then moved
into place one by one with an atomic rename, so a failed run never leaves a half-written file.
Before anything is written, the reviewers' corrections stored in the output folder
(pipeline.write.corrections) replace the model's labels; corrections whose agreement text
changed are reported in `corrections_stale.csv` instead.
"""

from __future__ import annotations

import gc
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from concurrent.futures import wait as futures_wait
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from pipeline.identity import code_digest
from pipeline.label.metadata import canonical_party
from pipeline.modelfiles import stored_calibration
from pipeline.models import (
    AGREEMENT_TYPES,
    SMART_LETTERS,
    DocumentResult,
    DocumentRows,
    EvidenceSpan,
    SmartAssessment,
)
from pipeline.write.atomic import move_into_place, staging_folder
from pipeline.write.corrections import (
    NEAR_IDENTICAL_RATIO,
    STALE_FILE,
    AppliedCorrections,
    apply_corrections,
    exclude_not_agreements,
    load_corrections,
    output_id,
    review_notes,
)
from pipeline.write.csv_files import (
    CSV_TABLES,
    EXCEL_NL_SUFFIX,
    CsvDialect,
    write_csv,
    write_csv_excel_nl,
)
from pipeline.write.database import DATABASE_FILE, write_database
from pipeline.write.label_columns import LETTER_COLUMNS
from pipeline.write.report import REPORT_FILE, write_report
from pipeline.write.summary import summary_frame
from pipeline.write.workbook import WORKBOOK_FILE, save_workbook_inputs, write_workbook

log = logging.getLogger(__name__)


class ExportSettings(BaseModel):
    """Settings of the write stage."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    review_threshold: float | None = Field(
        None,
        ge=0,
        le=1,
        description="needs_review is true when type_score is below this; by default the "
        "threshold calibrated with the type model (its meta.json): at most a tenth of the rows "
        "not flagged had a wrong type in cross-validation on the real corpus",
    )
    neutralise_formulas: bool = Field(
        True, description="prefix CSV cells starting with = + - @ so Excel shows them as text"
    )
    csv_dialect: CsvDialect = Field(
        "standard",
        description="'excel-nl' also writes <table>_excel-nl.csv: ';'-separated, UTF-8 with "
        "BOM, decimal comma, booleans ja/nee (opens directly in Dutch Excel)",
    )
    near_identical_ratio: float = Field(
        NEAR_IDENTICAL_RATIO,
        gt=0,
        le=1,
        description="share of words an agreement's text must keep (difflib ratio) for a stale "
        "correction to be shown next to it with the change (corrections_stale.csv)",
    )
    workbook: bool = Field(True, description="write the review workbook afspraken.xlsx")
    database: bool = Field(True, description="write the DuckDB file prestatieafspraken.duckdb")


class OutputFiles(BaseModel):
    """Paths of the files one run wrote, and what happened to the stored corrections."""

    model_config = ConfigDict(frozen=True)

    afspraken_parquet: Path
    afspraken_csv: Path
    bijdragen_parquet: Path
    documenten_parquet: Path
    documenten_csv: Path
    samenvatting_csv: Path
    doelen_parquet: Path | None = None
    afspraken_xlsx: Path | None = None
    database: Path | None = None
    excel_nl_csv: list[Path] = Field(default_factory=list)
    corrections_applied: int = 0
    corrections_carried_over: int = 0
    corrections_stale: int = 0
    corrections_stale_csv: Path | None = None


@dataclass(frozen=True)
class OutputFrames:
    """The tables to write (`doelen` when the results had target tables); stored corrections
    are applied to `afspraken` on writing."""

    afspraken: pd.DataFrame
    bijdragen: pd.DataFrame
    documenten: pd.DataFrame
    doelen: pd.DataFrame | None = None


class WorkbookWriter(Protocol):
    """Writes the review workbook in another process while this one writes the other files
    (the workbook is the slowest file; flows.workers has one that uses an idle worker)."""

    def __call__(self, inputs: Path, path: Path) -> Future[None] | None:
        """Start writing the workbook to path from inputs (`workbook.save_workbook_inputs`);
        None when no process is free, and the caller writes it itself."""


def write_outputs(
    results: Sequence[DocumentResult],
    output_dir: Path,
    settings: ExportSettings | None = None,
    workbook_writer: WorkbookWriter | None = None,
) -> OutputFiles:
    """Write the contract's files for these results into output_dir, atomically per file."""
    return write_document_rows(
        (document_rows(r) for r in results), output_dir, settings, workbook_writer
    )


def write_document_rows(
    documents: Iterable[DocumentRows],
    output_dir: Path,
    settings: ExportSettings | None = None,
    workbook_writer: WorkbookWriter | None = None,
) -> OutputFiles:
    """`write_outputs` from each document's rows (`document_rows`, or as stored beside its
    result): a batch's tables are then a join of rows its workers already made."""
    settings = settings or ExportSettings()
    with _older_objects_frozen():
        batch = list(documents)
        # the workbook needs only these two; the others are made while it is being written
        afspraken = _agreements_table([row for d in batch for row in d.afspraken], settings)
        documenten = _documents_table([row for d in batch for row in d.documenten])
        return _write_staged(
            afspraken,
            documenten,
            lambda: (
                _contributions_table([row for d in batch for row in d.bijdragen]),
                _targets_table([row for d in batch for row in d.doelen]),
            ),
            output_dir,
            settings,
            workbook_writer,
        )


def rows_format() -> str:
    """A fingerprint of the code that makes `document_rows`: the library's code digest, so rows
    stored by other code (this module, the models, party names and their word lists, and what
    they import) are made again from their result instead."""
    return code_digest()


def document_rows(result: DocumentResult) -> DocumentRows:
    """One document's rows of the `afspraken`, `bijdragen`, `documenten` and `doelen` tables."""
    return DocumentRows(
        afspraken=_agreement_rows(result),
        bijdragen=_contribution_rows(result),
        documenten=[_document_row(result)],
        doelen=_target_rows(result),
    )


_WORKBOOK_INPUTS = ".workbook-inputs.pickle"


def _start_workbook(
    writer: WorkbookWriter,
    staging: Path,
    afspraken: pd.DataFrame,
    documenten: pd.DataFrame,
    notes: Mapping[str, Mapping[str, Any]],
) -> Future[None] | None:
    inputs = staging / _WORKBOOK_INPUTS
    save_workbook_inputs(inputs, afspraken, documenten, notes, _folder(staging.parent))
    return writer(inputs, staging / WORKBOOK_FILE)


def _finish_workbook(
    started: Future[None] | None,
    staging: Path,
    afspraken: pd.DataFrame,
    documenten: pd.DataFrame,
    notes: Mapping[str, Mapping[str, Any]],
) -> None:
    """Wait for the workbook another process writes; write it here if none did."""
    written = False
    if started is not None:
        try:
            started.result()
            written = True
        except Exception as exc:
            log.warning("The workbook could not be written in a worker (%s); writing it here.", exc)
    (staging / _WORKBOOK_INPUTS).unlink(missing_ok=True)
    if not written:
        write_workbook(
            afspraken, documenten, staging / WORKBOOK_FILE, notes, _folder(staging.parent)
        )


def _folder(output_dir: Path) -> tuple[str, str]:
    """The output folder's id and path, for the review workbook."""
    return output_id(output_dir, create=True), str(output_dir.resolve())


@contextmanager
def _older_objects_frozen() -> Iterator[None]:
    """Let the garbage collector scan only what the write allocates, not everything the
    process already holds (in a Prefect flow process that scanning was a third of the write).
    Objects are unfrozen again afterwards; a process that froze objects itself is left as is.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def review_threshold(settings: ExportSettings) -> float:
    """The type_score below which a row needs review: the setting, else the model's own."""
    if settings.review_threshold is not None:
        return settings.review_threshold
    return stored_calibration().review_threshold


def refresh_outputs(output_dir: Path, settings: ExportSettings | None = None) -> OutputFiles:
    """Write an output folder's files again from its Parquet tables, with current corrections.

    Used after `prestatie review import`.
    """
    settings = settings or ExportSettings()
    afspraken = pd.read_parquet(output_dir / "afspraken.parquet")
    model_rows = afspraken["label_source"] != "human"
    afspraken["needs_review"] = (afspraken["type_score"] < review_threshold(settings)) & model_rows
    frames = OutputFrames(
        afspraken=afspraken,
        bijdragen=pd.read_parquet(output_dir / "bijdragen.parquet"),
        documenten=pd.read_parquet(output_dir / "documenten.parquet"),
        doelen=pd.read_parquet(output_dir / TARGETS_FILE)
        if (output_dir / TARGETS_FILE).exists()
        else None,
    )
    return write_frames(frames, output_dir, settings)


TARGETS_FILE = "doelen.parquet"
TARGET_COLUMNS = (
    "document_id",
    "afspraak_id",
    "municipality",
    "municipality_code",
    "indicator",
    "party",
    "year",
    "period",
    "value",
    "unit",
    "raw",
)
_YEAR_COLUMN = re.compile(r"^\s*((?:19|20)\d\d)\s*$")


def targets_frame(results: Sequence[DocumentResult]) -> pd.DataFrame:
    """One row per promised number in a target table (`doelen`): indicator, party, year, value.

    A year column gives `year`; a party column gives `party` (and the year, when the heading
    names exactly one, as in "Jaarschijf 2025"); other columns (periods) go to `period`.
    """
    return _targets_table([row for result in results for row in _target_rows(result)])


def _targets_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(TARGET_COLUMNS)).astype({"year": "Int64"})


def _target_rows(result: DocumentResult) -> list[dict[str, Any]]:
    rows = []
    meta = result.metadata
    for item in result.agreements:
        headings = " ".join(item.agreement.heading_path)
        heading_years = set(re.findall(r"\b(?:19|20)\d\d\b", headings))
        for target in item.agreement.targets:
            year_match = _YEAR_COLUMN.match(target.column)
            is_party = target.column in {c.party for c in item.agreement.contributions}
            year = int(year_match.group(1)) if year_match else None
            if year is None and is_party and len(heading_years) == 1:
                year = int(next(iter(heading_years)))
            rows.append(
                {
                    "document_id": result.document_id,
                    "afspraak_id": item.afspraak_id,
                    "municipality": meta.municipality if meta else "",
                    "municipality_code": meta.municipality_code if meta else "",
                    "indicator": target.indicator,
                    "party": canonical_party(target.column, meta) if is_party and meta else "",
                    "year": year,
                    "period": "" if year_match or is_party else target.column,
                    "value": target.value,
                    "unit": target.unit,
                    "raw": target.raw,
                }
            )
    return rows


def write_frames(
    frames: OutputFrames,
    output_dir: Path,
    settings: ExportSettings | None = None,
    workbook_writer: WorkbookWriter | None = None,
) -> OutputFiles:
    """Apply stored corrections, then write every output file through a staging folder.

    Files a user asked for once stay current: the excel-nl CSVs and the default report
    (`rapport.html`) are written again whenever the folder already has them. With a
    workbook_writer the review workbook is written by another process meanwhile; if that
    fails, it is written here.
    """
    return _write_staged(
        frames.afspraken,
        frames.documenten,
        lambda: (frames.bijdragen, frames.doelen),
        output_dir,
        settings,
        workbook_writer,
    )


def _write_staged(
    model_afspraken: pd.DataFrame,
    documenten: pd.DataFrame,
    other_tables: Callable[[], tuple[pd.DataFrame, pd.DataFrame | None]],
    output_dir: Path,
    settings: ExportSettings | None,
    workbook_writer: WorkbookWriter | None,
) -> OutputFiles:
    """`write_frames`, with `bijdragen` and `doelen` from other_tables, which is called once
    another process has started on the workbook."""
    output_dir.mkdir(parents=True, exist_ok=True)
    settings = _current_settings(output_dir, settings or ExportSettings())
    corrections = load_corrections(output_dir)
    corrected = apply_corrections(model_afspraken, corrections, settings.near_identical_ratio)
    afspraken, not_agreements = exclude_not_agreements(corrected.frame)
    documenten = recount_documents(documenten, afspraken, not_agreements, corrected.frame)
    notes = review_notes(corrections)
    workbook: Future[None] | None = None
    with staging_folder(output_dir) as staging:
        try:
            if settings.workbook and workbook_writer is not None:
                workbook = _start_workbook(workbook_writer, staging, afspraken, documenten, notes)
            bijdragen, doelen = _without_rows(not_agreements, *other_tables())
            frames = OutputFrames(afspraken, bijdragen, documenten, doelen)
            _stage_tables(staging, frames, corrected.stale, settings)
            if settings.workbook:
                _finish_workbook(workbook, staging, afspraken, documenten, notes)
            move_into_place(staging, output_dir)
        finally:
            if workbook is not None:  # after an error here, let the other process finish first
                futures_wait([workbook])
    _after_move(output_dir, corrected.stale)
    return _output_files(output_dir, settings, doelen is not None, corrected)


def _current_settings(output_dir: Path, settings: ExportSettings) -> ExportSettings:
    """The settings, with the excel-nl CSVs on when the folder already has them."""
    if (output_dir / f"afspraken{EXCEL_NL_SUFFIX}").exists():
        return settings.model_copy(update={"csv_dialect": "excel-nl"})
    return settings


def _without_rows(
    not_agreements: set[str], bijdragen: pd.DataFrame, doelen: pd.DataFrame | None
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """`bijdragen` and `doelen` without the rows of agreements a reviewer marked as none."""
    if not not_agreements:
        return bijdragen, doelen
    bijdragen = bijdragen[~bijdragen["afspraak_id"].isin(not_agreements)]
    if doelen is not None:
        doelen = doelen[~doelen["afspraak_id"].isin(not_agreements)]
    return bijdragen, doelen


def _stage_tables(
    staging: Path, frames: OutputFrames, stale: pd.DataFrame, settings: ExportSettings
) -> None:
    """Write every table file (Parquet, CSV, the database, stale corrections) into staging."""
    afspraken, documenten = frames.afspraken, frames.documenten
    neutralise = settings.neutralise_formulas
    samenvatting = summary_frame(afspraken, documenten)
    afspraken.to_parquet(staging / "afspraken.parquet", index=False)
    write_csv(afspraken, staging / "afspraken.csv", neutralise)
    frames.bijdragen.to_parquet(staging / "bijdragen.parquet", index=False)
    documenten.to_parquet(staging / "documenten.parquet", index=False)
    if frames.doelen is not None:
        frames.doelen.to_parquet(staging / TARGETS_FILE, index=False)
    write_csv(documenten, staging / "documenten.csv", neutralise)
    write_csv(samenvatting, staging / "samenvatting.csv", neutralise)
    if settings.csv_dialect == "excel-nl":
        for name, frame in zip(CSV_TABLES, (afspraken, documenten, samenvatting), strict=True):
            write_csv_excel_nl(frame, staging / f"{name}{EXCEL_NL_SUFFIX}", neutralise)
    if settings.database:
        write_database(staging / DATABASE_FILE, documenten, afspraken, frames.bijdragen)
    if len(stale):
        write_csv(stale, staging / STALE_FILE, neutralise)


def _after_move(output_dir: Path, stale: pd.DataFrame) -> None:
    """Drop a stale-corrections file no longer true, refresh a report the folder has, warn."""
    stale_csv = output_dir / STALE_FILE
    if not len(stale) and stale_csv.exists():
        stale_csv.unlink()
    if (output_dir / REPORT_FILE).exists():
        write_report(output_dir)
    if len(stale):
        log.warning(
            "%d stored correction(s) not applied because the agreement text changed; see %s",
            len(stale),
            stale_csv,
        )


def _output_files(
    output_dir: Path, settings: ExportSettings, targets: bool, corrected: AppliedCorrections
) -> OutputFiles:
    """The paths a write left in output_dir, and what happened to the stored corrections."""
    stale = len(corrected.stale)
    excel_nl = settings.csv_dialect == "excel-nl"
    return OutputFiles(
        afspraken_parquet=output_dir / "afspraken.parquet",
        afspraken_csv=output_dir / "afspraken.csv",
        bijdragen_parquet=output_dir / "bijdragen.parquet",
        documenten_parquet=output_dir / "documenten.parquet",
        documenten_csv=output_dir / "documenten.csv",
        samenvatting_csv=output_dir / "samenvatting.csv",
        doelen_parquet=output_dir / TARGETS_FILE if targets else None,
        afspraken_xlsx=output_dir / WORKBOOK_FILE if settings.workbook else None,
        database=output_dir / DATABASE_FILE if settings.database else None,
        excel_nl_csv=[output_dir / f"{n}{EXCEL_NL_SUFFIX}" for n in CSV_TABLES] if excel_nl else [],
        corrections_applied=corrected.applied,
        corrections_carried_over=corrected.carried_over,
        corrections_stale=stale,
        corrections_stale_csv=output_dir / STALE_FILE if stale else None,
    )


AGREEMENT_COLUMNS = (
    "document_id",
    "source_file",
    "municipality",
    "municipality_code",
    "period_start",
    "period_end",
    "afspraak_id",
    "ordinal",
    "number",
    "heading",
    "heading_path",
    "theme_code",
    "text",
    "lead_in",
    "source_kind",
    "page_start",
    "page_end",
    "bbox",
    "parties",
    "type",
    "type_score",
    "needs_review",
    "concrete_kind",
    *LETTER_COLUMNS,
    "smart",
    "smart_evidence",
    "type_evidence",
    "theme_evidence",
    "label_source",
    "ocr",
    "ocr_confidence",
    "model_version",
    "pipeline_version",
)


def agreements_frame(
    results: Sequence[DocumentResult], settings: ExportSettings | None = None
) -> pd.DataFrame:
    """One row per agreement (the `afspraken` table)."""
    rows = [row for result in results for row in _agreement_rows(result)]
    return _agreements_table(rows, settings or ExportSettings())


def _agreements_table(rows: list[dict[str, Any]], settings: ExportSettings) -> pd.DataFrame:
    """The `afspraken` table of these rows; sets each row's `needs_review` (in place)."""
    threshold = review_threshold(settings)
    for row in rows:
        row["needs_review"] = row["type_score"] < threshold
    frame = pd.DataFrame(rows, columns=list(AGREEMENT_COLUMNS))
    return frame.astype({"period_start": "Int64", "period_end": "Int64"})


def _agreement_rows(result: DocumentResult) -> list[dict[str, Any]]:
    rows = []
    meta = result.metadata
    for item in result.agreements:
        a = item.agreement
        rows.append(
            {
                "document_id": result.document_id,
                "source_file": result.source_file,
                "municipality": meta.municipality if meta else "",
                "municipality_code": meta.municipality_code if meta else "",
                "period_start": meta.period_start if meta else None,
                "period_end": meta.period_end if meta else None,
                "afspraak_id": item.afspraak_id,
                "ordinal": a.ordinal,
                "number": a.number,
                "heading": a.heading,
                "heading_path": " > ".join(a.heading_path),
                "theme_code": item.theme.theme_code,
                "text": a.text,
                "lead_in": a.lead_in,
                "source_kind": a.source_kind,
                "page_start": a.page_start,
                "page_end": a.page_end,
                "bbox": json.dumps([round(v, 1) for v in a.bbox.model_dump().values()]),
                "parties": "; ".join(item.parties),
                "type": item.type.type,
                "type_score": item.type.type_score,
                "concrete_kind": item.type.concrete_kind,
                **_smart_columns(item.smart),
                "type_evidence": _spans_json(item.type.evidence),
                "theme_evidence": _spans_json(item.theme.evidence),
                "label_source": "model",
                "ocr": a.ocr,
                "ocr_confidence": a.ocr_confidence,
                "model_version": result.model_version,
                "pipeline_version": result.pipeline_version,
            }
        )
    return rows


def _smart_columns(smart: SmartAssessment) -> dict[str, object]:
    dumped = smart.model_dump()  # one call for all spans: a call per span cost a third more
    columns: dict[str, object] = {f"smart_{k}": dumped[k]["value"] for k in _SMART_KEYS}
    columns["smart"] = smart.verdict
    columns["smart_evidence"] = json.dumps(
        {k.upper(): dumped[k]["spans"] for k in _SMART_KEYS}, ensure_ascii=False
    )
    return columns


_SMART_KEYS = tuple(x.lower() for x in SMART_LETTERS)


def _spans_json(spans: list[EvidenceSpan]) -> str:
    if not spans:
        return "[]"
    return json.dumps(_SPAN_LIST.dump_python(spans), ensure_ascii=False)


_SPAN_LIST = TypeAdapter(list[EvidenceSpan])


def contributions_frame(results: Sequence[DocumentResult]) -> pd.DataFrame:
    """One row per party contribution (the `bijdragen` table)."""
    return _contributions_table([row for result in results for row in _contribution_rows(result)])


def _contribution_rows(result: DocumentResult) -> list[dict[str, Any]]:
    return [
        {
            "document_id": result.document_id,
            "afspraak_id": item.afspraak_id,
            "party": c.party,
            "text": c.text,
            "type": c.type,
            "type_score": c.type_score,
            **_smart_columns(c.smart),
            "model_version": result.model_version,
        }
        for item in result.agreements
        for c in item.contributions
    ]


def _contributions_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = [
        "document_id",
        "afspraak_id",
        "party",
        "text",
        "type",
        "type_score",
        *LETTER_COLUMNS,
        "smart",
        "smart_evidence",
        "model_version",
    ]
    return pd.DataFrame(rows, columns=columns)


def documents_frame(results: Sequence[DocumentResult]) -> pd.DataFrame:
    """One row per input file (the `documenten` table), failed files included."""
    return _documents_table([_document_row(r) for r in results])


def _documents_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))
    return frame.astype({"period_start": "Int64", "period_end": "Int64", "gate_score": "Float64"})


NO_AGREEMENTS_WARNING = (
    "No agreements found: the text was read, but no list item, numbered item, table row or "
    "committing sentence was taken for an agreement. Check that the file holds "
    "prestatieafspraken."
)
"""The `warning` of a document read without error that gave no agreement (issue: a silent 0
looked like a result)."""


def document_warning(status: str, agreements: int) -> str:
    """The `warning` column of `documenten`: '' unless a readable document gave no agreement."""
    return NO_AGREEMENTS_WARNING if status == "ok" and agreements == 0 else ""


def _document_row(r: DocumentResult) -> dict[str, Any]:
    meta = r.metadata
    counts = {t: sum(a.type.type == t for a in r.agreements) for t in AGREEMENT_TYPES}
    return {
        "document_id": r.document_id,
        "sha256": r.sha256,
        "source_file": r.source_file,
        "duplicate_files": "",
        "status": r.status,
        "error": r.error,
        "warning": document_warning(r.status, len(r.agreements)),
        "pages": r.page_count,
        "damaged_pages": "; ".join(map(str, r.damaged_pages)),
        "excluded_chars": r.excluded_chars,
        "gate_score": r.gate.score if r.gate else None,
        "gate_reason": r.gate.reason if r.gate else "",
        "agreements": len(r.agreements),
        **{f"agreements_{t}": n for t, n in counts.items()},
        "marked_not_agreement": 0,
        "municipality": meta.municipality if meta else "",
        "municipality_code": meta.municipality_code if meta else "",
        "period_start": meta.period_start if meta else None,
        "period_end": meta.period_end if meta else None,
        "parties": "; ".join(meta.parties) if meta else "",
        "pipeline_version": r.pipeline_version,
        "model_version": r.model_version,
        "started_at": r.started_at,
        "finished_at": r.finished_at,
    }


DOCUMENT_COLUMNS = (
    "document_id",
    "sha256",
    "source_file",
    "duplicate_files",
    "status",
    "error",
    "warning",
    "pages",
    "damaged_pages",
    "excluded_chars",
    "gate_score",
    "gate_reason",
    "agreements",
    *(f"agreements_{t}" for t in AGREEMENT_TYPES),
    "marked_not_agreement",
    "municipality",
    "municipality_code",
    "period_start",
    "period_end",
    "parties",
    "pipeline_version",
    "model_version",
    "started_at",
    "finished_at",
)


def recount_documents(
    documenten: pd.DataFrame,
    afspraken: pd.DataFrame,
    not_agreements: set[str],
    corrected: pd.DataFrame,
) -> pd.DataFrame:
    """`documenten` with its counts from the corrected `afspraken` table: rows a reviewer
    marked `geen afspraak` are not counted (they are in `marked_not_agreement`), and a
    corrected type counts as corrected."""
    frame = documenten.copy()
    marked = corrected[corrected["afspraak_id"].isin(not_agreements)]
    frame["marked_not_agreement"] = (
        frame["document_id"].map(marked.groupby("document_id").size()).fillna(0).astype(int)
    )
    if not len(corrected) or (not not_agreements and (corrected["label_source"] != "human").all()):
        return frame
    ok = frame["status"] != "failed"
    per_document = afspraken.groupby("document_id")
    frame.loc[ok, "agreements"] = (
        frame.loc[ok, "document_id"].map(per_document.size()).fillna(0).astype(int)
    )
    for kind in AGREEMENT_TYPES:
        counts = afspraken[afspraken["type"] == kind].groupby("document_id").size()
        frame.loc[ok, f"agreements_{kind}"] = (
            frame.loc[ok, "document_id"].map(counts).fillna(0).astype(int)
        )
    return frame


def write_csv_dialect(output_dir: Path, dialect: CsvDialect) -> list[Path]:
    """Write an output folder's CSV tables in another dialect, from its Parquet files."""
    if dialect == "standard":
        return []
    neutralise = ExportSettings(csv_dialect=dialect).neutralise_formulas
    afspraken = pd.read_parquet(output_dir / "afspraken.parquet")
    documenten = pd.read_parquet(output_dir / "documenten.parquet")
    frames = (afspraken, documenten, summary_frame(afspraken, documenten))
    with staging_folder(output_dir) as staging:
        for name, frame in zip(CSV_TABLES, frames, strict=True):
            write_csv_excel_nl(frame, staging / f"{name}{EXCEL_NL_SUFFIX}", neutralise)
        return sorted(move_into_place(staging, output_dir))
