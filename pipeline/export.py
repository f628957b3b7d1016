"""Stage 6, write: `DocumentResult`s in, the output files of the contract out (README "Outputs").

All files are first written into a temporary folder inside the output folder and then moved
into place one by one with an atomic rename, so a failed run never leaves a half-written file.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from pipeline.models import DocumentResult, SmartAssessment

TYPES = ("intentie", "proces", "concreet")
VERDICTS = ("ja", "deels", "nee")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportSettings(BaseModel):
    """Settings of the write stage."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    review_threshold: float = Field(
        0.6, ge=0, le=1, description="needs_review is true when type_score is below this"
    )
    neutralise_formulas: bool = Field(
        True, description="prefix CSV cells starting with = + - @ so Excel shows them as text"
    )


class OutputFiles(BaseModel):
    """Paths of the files one run wrote."""

    model_config = ConfigDict(frozen=True)

    afspraken_parquet: Path
    afspraken_csv: Path
    bijdragen_parquet: Path
    documenten_parquet: Path
    documenten_csv: Path
    samenvatting_csv: Path


def write_outputs(
    results: Sequence[DocumentResult], output_dir: Path, settings: ExportSettings | None = None
) -> OutputFiles:
    """Write the contract's files for these results into output_dir, atomically per file."""
    settings = settings or ExportSettings()
    output_dir.mkdir(parents=True, exist_ok=True)
    afspraken = agreements_frame(results, settings)
    bijdragen = contributions_frame(results)
    documenten = documents_frame(results)
    samenvatting = summary_frame(afspraken, documenten)
    staging = Path(tempfile.mkdtemp(prefix=".writing-", dir=output_dir))
    try:
        afspraken.to_parquet(staging / "afspraken.parquet", index=False)
        _to_csv(afspraken, staging / "afspraken.csv", settings)
        bijdragen.to_parquet(staging / "bijdragen.parquet", index=False)
        documenten.to_parquet(staging / "documenten.parquet", index=False)
        _to_csv(documenten, staging / "documenten.csv", settings)
        _to_csv(samenvatting, staging / "samenvatting.csv", settings)
        for staged in staging.iterdir():
            os.replace(staged, output_dir / staged.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return OutputFiles(
        afspraken_parquet=output_dir / "afspraken.parquet",
        afspraken_csv=output_dir / "afspraken.csv",
        bijdragen_parquet=output_dir / "bijdragen.parquet",
        documenten_parquet=output_dir / "documenten.parquet",
        documenten_csv=output_dir / "documenten.csv",
        samenvatting_csv=output_dir / "samenvatting.csv",
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
    "smart_s",
    "smart_m",
    "smart_a",
    "smart_r",
    "smart_t",
    "smart",
    "smart_evidence",
    "type_evidence",
    "theme_evidence",
    "label_source",
    "model_version",
    "pipeline_version",
)


def agreements_frame(
    results: Sequence[DocumentResult], settings: ExportSettings | None = None
) -> pd.DataFrame:
    """One row per agreement (the `afspraken` table)."""
    settings = settings or ExportSettings()
    rows = []
    for result in results:
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
                    "needs_review": item.type.type_score < settings.review_threshold,
                    "concrete_kind": item.type.concrete_kind,
                    **_smart_columns(item.smart),
                    "type_evidence": _spans_json(item.type.evidence),
                    "theme_evidence": _spans_json(item.theme.evidence),
                    "label_source": "model",
                    "model_version": result.model_version,
                    "pipeline_version": result.pipeline_version,
                }
            )
    frame = pd.DataFrame(rows, columns=list(AGREEMENT_COLUMNS))
    return frame.astype({"period_start": "Int64", "period_end": "Int64"})


def _smart_columns(smart: SmartAssessment) -> dict[str, object]:
    letters = smart.letters()
    columns: dict[str, object] = {f"smart_{k.lower()}": v.value for k, v in letters.items()}
    columns["smart"] = smart.verdict
    columns["smart_evidence"] = json.dumps(
        {k: [span.model_dump() for span in v.spans] for k, v in letters.items()},
        ensure_ascii=False,
    )
    return columns


def _spans_json(spans: Sequence[object]) -> str:
    return json.dumps([s.model_dump() for s in spans], ensure_ascii=False)  # type: ignore[attr-defined]


def contributions_frame(results: Sequence[DocumentResult]) -> pd.DataFrame:
    """One row per party contribution (the `bijdragen` table)."""
    rows = []
    for result in results:
        for item in result.agreements:
            for c in item.contributions:
                rows.append(
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
                )
    columns = [
        "document_id",
        "afspraak_id",
        "party",
        "text",
        "type",
        "type_score",
        "smart_s",
        "smart_m",
        "smart_a",
        "smart_r",
        "smart_t",
        "smart",
        "smart_evidence",
        "model_version",
    ]
    return pd.DataFrame(rows, columns=columns)


def documents_frame(results: Sequence[DocumentResult]) -> pd.DataFrame:
    """One row per input file (the `documenten` table), failed files included."""
    rows = []
    for r in results:
        meta = r.metadata
        counts = {t: sum(a.type.type == t for a in r.agreements) for t in TYPES}
        rows.append(
            {
                "document_id": r.document_id,
                "sha256": r.sha256,
                "source_file": r.source_file,
                "status": r.status,
                "error": r.error,
                "pages": r.page_count,
                "agreements": len(r.agreements),
                **{f"agreements_{t}": n for t, n in counts.items()},
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
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    return frame.astype({"period_start": "Int64", "period_end": "Int64"})


def summary_frame(afspraken: pd.DataFrame, documenten: pd.DataFrame) -> pd.DataFrame:
    """Per document and theme: counts per type and SMART verdict with percentages."""
    columns = [
        "document_id",
        "source_file",
        "municipality",
        "theme_code",
        "afspraken",
        *TYPES,
        *VERDICTS,
        *(f"pct_{t}" for t in TYPES),
        *(f"pct_smart_{v}" for v in VERDICTS),
    ]
    if afspraken.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (doc_id, source, municipality), group in afspraken.groupby(
        ["document_id", "source_file", "municipality"], sort=False
    ):
        parts = [(theme, g) for theme, g in group.groupby("theme_code", sort=True)]
        parts.append(("totaal", group))
        for theme, g in parts:
            total = len(g)
            row: dict[str, object] = {
                "document_id": doc_id,
                "source_file": source,
                "municipality": municipality,
                "theme_code": theme,
                "afspraken": total,
            }
            for t in TYPES:
                row[t] = int((g["type"] == t).sum())
            for v in VERDICTS:
                row[v] = int((g["smart"] == v).sum())
            for t in TYPES:
                row[f"pct_{t}"] = round(100 * row[t] / total, 1)  # type: ignore[operator]
            for v in VERDICTS:
                row[f"pct_smart_{v}"] = round(100 * row[v] / total, 1)  # type: ignore[operator]
            rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def _to_csv(frame: pd.DataFrame, path: Path, settings: ExportSettings) -> None:
    if settings.neutralise_formulas:
        frame = frame.copy()
        for column in frame.columns:
            if pd.api.types.is_string_dtype(frame[column]) or frame[column].dtype == object:
                frame[column] = frame[column].map(_neutralise)
    frame.to_csv(path, index=False, encoding="utf-8")


def _neutralise(value: object) -> object:
    """Excel must never run a cell as a formula: prefix risky text with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
