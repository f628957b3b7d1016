"""A document that is read without error but gives no agreement is flagged, not silently 0."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from flows.cli import EXIT_OK, main
from pipeline.process import process_document
from pipeline.write.cache import DocumentOutcome
from pipeline.write.report import build_report
from pipeline.write.tables import NO_AGREEMENTS_WARNING, write_outputs

# Titled as agreements, so that the document gate lets it through (a page titled "Verslag ..."
# is skipped as minutes now, see tests/test_gate.py); its text holds no agreement.
MINUTES = (
    "Prestatieafspraken Wolderwijk 2025",
    "",
    "Op dinsdagavond kwamen ruim veertig bewoners bijeen in het buurthuis.",
    "De wethouder opende de avond met een terugblik op het afgelopen jaar.",
    "Daarna werd gesproken over het onderhoud van de speeltuin en de verlichting",
    "in de Lindelaan. De avond werd om half tien afgesloten met koffie.",
)


def _minutes_pdf(path: Path) -> Path:
    """One page under an agreement title: readable text, no agreement in it."""
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 780.0
    for line in MINUTES:
        page.drawString(60, y, line)
        y -= 18
    page.save()
    return path


def test_documenten_warns_about_a_document_without_agreements(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.pdf"
    broken.write_bytes(b"%PDF-1.4\n%%broken")
    results = [process_document(_minutes_pdf(tmp_path / "verslag.pdf")), process_document(broken)]
    assert [(r.status, len(r.agreements)) for r in results] == [("ok", 0), ("failed", 0)]
    files = write_outputs(results, tmp_path / "out")
    documenten = pd.read_csv(files.documenten_csv, keep_default_na=False)
    columns = list(documenten.columns)
    status = columns.index("status")
    assert columns[status : status + 3] == ["status", "error", "warning"]
    assert documenten["warning"].tolist() == [NO_AGREEMENTS_WARNING, ""]
    page = build_report(
        pd.read_parquet(files.afspraken_parquet), pd.read_parquet(files.documenten_parquet)
    )
    assert page.count("Geen afspraken gevonden") == 1


def test_console_warns_about_a_document_without_agreements(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import flows.batch
    from flows.artifacts import summarise

    for name in ("PREFECT_LOGGING_LEVEL", "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.setenv("DASK_LOGGING__DISTRIBUTED", "warning")
    empty, full = tmp_path / "verslag.pdf", tmp_path / "afspraken.pdf"
    for pdf in (empty, full):
        pdf.write_bytes(b"%PDF-1.4")
    outcomes = [
        DocumentOutcome(source_file=str(full), result_file="", status="ok", agreements=3),
        DocumentOutcome(source_file=str(empty), result_file="", status="ok", agreements=0),
    ]

    def run_batch(pdfs: list[Path], output: Path, *args: Any, **kwargs: Any) -> Any:
        for outcome in outcomes:
            flows.batch._notify(outcome)
        summary = summarise(outcomes, output, written=True, seconds=0.5)
        return type("State", (), {"message": "", "result": lambda self, **kw: summary})()

    monkeypatch.setattr(flows.batch, "_progress_callbacks", [])
    monkeypatch.setattr(flows.batch, "run_batch", run_batch)
    monkeypatch.setattr(flows.cli, "_prestart_workers", lambda *args: None)
    code = main(["run", str(tmp_path), "--output", str(tmp_path / "out"), "--no-progress"])
    assert code == EXIT_OK
    lines = capsys.readouterr().err.splitlines()
    assert lines[1:3] == [f"warning {empty}: {NO_AGREEMENTS_WARNING}", lines[2]]
    assert lines[2].startswith("2 of 2 file(s) processed, 3 agreements in 0.50 s")
    assert len(lines) == 3


@pytest.fixture(autouse=True)
def _columns(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("COLUMNS", "80")
    yield
