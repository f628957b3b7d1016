"""The batch flow through Prefect: incremental re-runs, timeouts, failures and artifacts."""

from __future__ import annotations

import shutil
import time
from concurrent.futures import Future
from pathlib import Path

import pandas as pd
import pytest
from conftest import sample_pdfs

import flows  # noqa: F401  (Prefect's environment first)
from flows import batch as batch_module
from flows.batch import BatchSummary, run_batch
from flows.cli import EXIT_ALL_FAILED_OR_USAGE, EXIT_OK, main
from flows.settings import BatchSettings
from flows.workers import write_workbook_in_worker

pytestmark = pytest.mark.slow


def _run(inputs: Path, out: Path, state: Path, **options: object) -> tuple[object, BatchSummary]:
    settings = BatchSettings(state_dir=state, **options)  # type: ignore[arg-type]
    final = run_batch([inputs], out, settings, return_state=True)
    summary = final.result(raise_on_failure=False)
    assert isinstance(summary, BatchSummary), final
    return final, summary


def test_rerun_is_incremental_and_outputs_hold_the_whole_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, out, state = tmp_path / "in", tmp_path / "out", tmp_path / "state"
    inputs.mkdir()
    first, second, third = sample_pdfs()
    shutil.copy(first, inputs / "a.pdf")
    shutil.copy(second, inputs / "b.pdf")
    workbook_jobs: list[Future[None] | None] = []

    def recorded(job_inputs: Path, path: Path) -> Future[None] | None:
        workbook_jobs.append(write_workbook_in_worker(job_inputs, path))
        return workbook_jobs[-1]

    monkeypatch.setattr(batch_module, "write_workbook_in_worker", recorded)

    clock = time.monotonic()
    final, cold = _run(inputs, out, state)
    wall = time.monotonic() - clock
    assert final.is_completed() and (cold.new, cold.cached) == (2, 0)
    assert len(workbook_jobs) == 1 and workbook_jobs[0] is not None  # a worker of the batch
    assert 0 < cold.seconds < wall  # the batch's own time, without Prefect's start-up
    rows = pd.read_parquet(out / "afspraken.parquet")
    written = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

    _, warm = _run(inputs, out, state)  # nothing changed: no document work, no write
    assert (warm.new, warm.cached, warm.outputs_written) == (0, 2, False)
    assert 0 < warm.seconds < cold.seconds
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == written

    shutil.copy(third, inputs / "b.pdf")  # one file changed: only that one is read again
    _, changed = _run(inputs, out, state)
    assert (changed.new, changed.cached, changed.outputs_written) == (1, 1, True)
    assert len(workbook_jobs) == 2 and workbook_jobs[1] is not None
    documenten = pd.read_csv(out / "documenten.csv")
    assert sorted(Path(s).name for s in documenten["source_file"]) == ["a.pdf", "b.pdf"]
    kept = pd.read_parquet(out / "afspraken.parquet")
    a_rows = kept[kept["source_file"].str.endswith("a.pdf")].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        a_rows, rows[rows["source_file"].str.endswith("a.pdf")].reset_index(drop=True)
    )

    monkeypatch.setattr(batch_module, "pipeline_version", lambda: "99.0")  # new version
    _, upgraded = _run(inputs, out, state)
    assert (upgraded.new, upgraded.cached) == (2, 0)


def test_timeout_and_broken_file_fail_alone(tmp_path: Path) -> None:
    inputs, out, state = tmp_path / "in", tmp_path / "out", tmp_path / "state"
    inputs.mkdir()
    shutil.copy(sample_pdfs()[-1], inputs / "groot.pdf")
    (inputs / "kapot.pdf").write_bytes(b"%PDF-1.4\n%%broken")
    final, summary = _run(inputs, out, state, timeout_seconds=0.2, workers=2)
    assert final.is_failed()  # every document failed
    assert "2 failed" in (final.message or "")
    errors = dict((Path(s).name, e) for s, e in summary.failed)
    assert "longer than the 0.2 s limit" in errors["groot.pdf"]
    assert errors["kapot.pdf"].startswith("The PDF is damaged")
    documenten = pd.read_csv(out / "documenten.csv").set_index("source_file")
    assert set(documenten["status"]) == {"failed"}

    _, again = _run(inputs, out, state, timeout_seconds=120)  # the timeout is not remembered
    assert (again.new, again.cached, again.succeeded) == (1, 1, 1)


def test_artifacts_name_the_failed_documents(tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(sample_pdfs()[0], inputs / "goed.pdf")
    (inputs / "kapot.pdf").write_bytes(b"not a pdf")
    final, summary = _run(inputs, tmp_path / "out", tmp_path / "state")
    assert final.is_completed() and summary.succeeded == 1
    assert "1 failed" in (final.message or "")
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                flow_run_id=ArtifactFilterFlowRunId(any_=[final.state_details.flow_run_id])
            )
        )
    by_key = {a.key: a for a in artifacts}
    assert {
        "prestatie-summary",
        "prestatie-documents",
        "prestatie-failed-documents",
        "prestatie-progress",
    } <= set(by_key)
    assert "kapot.pdf" in str(by_key["prestatie-failed-documents"].data)
    assert by_key["prestatie-progress"].data == 100.0


def test_cli_run_uses_the_cache_and_keeps_exit_codes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(sample_pdfs()[0], inputs / "goed.pdf")
    args = ["run", str(inputs), "--output", str(tmp_path / "out"), "--no-progress"]
    args += ["--state-dir", str(tmp_path / "state"), "--workers", "1", "--timeout", "120"]
    assert main(args) == EXIT_OK
    assert main(args) == EXIT_OK
    assert main([*args, "--workers", "0"]) == EXIT_ALL_FAILED_OR_USAGE
    assert main([*args, "--dask-local", "2", "--dask-address", "tcp://x:1"]) == 2
