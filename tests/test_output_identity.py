"""The dataset every sample and realistic PDF gives, compared cell by cell with a golden copy.

Guards refactorings: moving code around must not change one value of the Parquet tables. Run
with PRESTATIE_REGENERATE_GOLDEN=1 after an intended change of labels or columns, and review
the diff of `tests/data/golden/outputs/` like any other change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import GOLDEN, REGENERATE_GOLDEN, REPO, sample_pdfs

from pipeline.models import DocumentResult
from pipeline.process import Resources, load_resources, process_document
from pipeline.write.tables import (
    agreements_frame,
    contributions_frame,
    documents_frame,
    targets_frame,
)

pytestmark = pytest.mark.model

OUTPUTS = GOLDEN / "outputs"
REALISTIC = REPO / "tests" / "data" / "realistic"
# Columns that change with the clock, the checkout's location or the installed version.
VOLATILE = {"source_file", "started_at", "finished_at", "pipeline_version"}


def _pdfs() -> list[Path]:
    return sample_pdfs() + sorted(REALISTIC.glob("*.pdf"))


@pytest.fixture(scope="module")
def resources() -> Resources:
    return load_resources()


def _tables(result: DocumentResult) -> dict[str, pd.DataFrame]:
    return {
        "afspraken": agreements_frame([result]),
        "bijdragen": contributions_frame([result]),
        "doelen": targets_frame([result]),
        "documenten": documents_frame([result]),
    }


def _as_records(frame: pd.DataFrame, tmp_path: Path) -> list[dict[str, object]]:
    """The rows as the Parquet file holds them (written and read back), without volatile
    columns; JSON-normal so that the golden file is plain text."""
    parquet = tmp_path / "table.parquet"
    frame.to_parquet(parquet, index=False)
    stored = pd.read_parquet(parquet)
    stored = stored.drop(columns=[c for c in stored.columns if c in VOLATILE])
    records: list[dict[str, object]] = json.loads(stored.to_json(orient="records"))
    return records


@pytest.mark.parametrize("pdf", _pdfs(), ids=lambda p: p.stem)
def test_outputs_match_golden(pdf: Path, resources: Resources, tmp_path: Path) -> None:
    result = process_document(pdf, resources=resources)
    found = {name: _as_records(frame, tmp_path) for name, frame in _tables(result).items()}
    golden = OUTPUTS / f"{pdf.stem}.json"
    if REGENERATE_GOLDEN:
        OUTPUTS.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", "utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    for name, rows in found.items():
        assert len(rows) == len(expected[name]), name
        for index, (row, want) in enumerate(zip(rows, expected[name], strict=True)):
            assert row == want, f"{name} row {index}"


def test_every_pdf_has_a_golden_file() -> None:
    assert sorted(p.stem for p in _pdfs()) == sorted(p.stem for p in OUTPUTS.glob("*.json"))
    assert len(_pdfs()) == 9
