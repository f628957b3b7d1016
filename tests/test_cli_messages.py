"""What the `prestatie` command prints: one line per failed file, unwrapped lines, versions,
option errors in the user's own terms."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from flows.cli import EXIT_ALL_FAILED_OR_USAGE, EXIT_OK, EXIT_SOME_FAILED, main
from pipeline.process import pipeline_version, resources_version
from pipeline.write.cache import DocumentOutcome

CHANGED_BY_THE_COMMAND = (
    "PREFECT_LOGGING_LEVEL",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL",
    "DASK_LOGGING__DISTRIBUTED",
)
LONG_NAME = "prestatieafspraken gemeente met een bijzonder lange naam 2024-2027 [concept] kapot.pdf"


@pytest.fixture(autouse=True)
def own_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The command sets logging variables for Prefect and Dask; they are undone after a test."""
    for name in (*CHANGED_BY_THE_COMMAND, "PRESTATIE_TIMEOUT", "PRESTATIE_WORKERS"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.delenv("PRESTATIE_DASK_ADDRESS", raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    yield


def test_version_prints_package_pipeline_and_model_versions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--version"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    model = resources_version()
    assert lines[:3] == [
        f"prestatie {pipeline_version()}",
        f"pipeline_version: {pipeline_version()}",
        f"model_version: {model}",
    ]
    assert lines[3:] == [f"  {part}" for part in model.split("+")]
    assert lines[3] == "  rules-0.1.0"


@pytest.mark.parametrize(
    ("options", "environment", "message"),
    [
        (["--timeout", "0"], {}, "--timeout must be greater than 0."),
        (["--timeout", "-2.5"], {}, "--timeout must be greater than 0."),
        (["--dask-local", "0"], {}, "--dask-local must be at least 1."),
        ([], {"PRESTATIE_TIMEOUT": "0"}, "PRESTATIE_TIMEOUT must be greater than 0."),
        ([], {"PRESTATIE_TIMEOUT": "lang"}, "PRESTATIE_TIMEOUT must be a number, not 'lang'."),
        ([], {"PRESTATIE_WORKERS": "0"}, "PRESTATIE_WORKERS must be at least 1."),
        ([], {"PRESTATIE_WORKERS": "1.5"}, "PRESTATIE_WORKERS must be a whole number, not 1.5."),
        (
            ["--dask-local", "2", "--dask-address", "tcp://127.0.0.1:8786"],
            {},
            "give either a Dask address (--dask-address, PRESTATIE_DASK_ADDRESS) or a local "
            "Dask cluster size (--dask-local), not both.",
        ),
    ],
)
def test_option_errors_name_the_option_as_typed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    environment: dict[str, str],
    message: str,
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    code = main(["run", str(pdf), "--output", str(tmp_path / "out"), *options])
    assert code == EXIT_ALL_FAILED_OR_USAGE
    assert capsys.readouterr().err == f"prestatie: {message}\n"


class _FinishedState:
    """What `run_batch(..., return_state=True)` gives back, for a batch that did not run."""

    def __init__(self, summary: Any) -> None:
        self.summary = summary
        self.message = ""

    def result(self, raise_on_failure: bool = True) -> Any:
        return self.summary


def test_each_failed_file_is_reported_once_on_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import flows.batch
    from flows.artifacts import summarise

    inputs = tmp_path / "invoer met een lange mapnaam voor de rekenkamer"
    inputs.mkdir()
    good, bad = inputs / "goed.pdf", inputs / LONG_NAME
    good.write_bytes(b"%PDF-1.4")
    bad.write_bytes(b"%PDF-1.4")
    error = "The PDF is damaged and cannot be parsed (PDFSyntaxError)."
    outcomes = [
        DocumentOutcome(source_file=str(good), result_file="", status="ok", agreements=12),
        DocumentOutcome(source_file=str(bad), result_file="", status="failed", error=error),
    ]

    def run_batch(pdfs: list[Path], output: Path, *args: Any, **kwargs: Any) -> _FinishedState:
        for outcome in outcomes:
            flows.batch._notify(outcome)
        return _FinishedState(summarise(outcomes, output, written=True, seconds=1.5))

    monkeypatch.setattr(flows.batch, "_progress_callbacks", [])
    monkeypatch.setattr(flows.batch, "run_batch", run_batch)
    monkeypatch.setattr(flows.cli, "_prestart_workers", lambda *args: None)
    out = tmp_path / "uitvoer"
    code = main(["run", str(inputs), "--output", str(out), "--no-progress"])
    assert code == EXIT_SOME_FAILED
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "Processing 2 PDF file(s), 0 pages (starting Prefect takes up to half a minute).",
        f"failed {bad.resolve()}: {error}",
        f"1 of 2 file(s) processed, 12 agreements in 1.50 s (after Prefect's start-up); "
        f"1 failed (see documenten.csv); outputs in {out}",
    ]


@pytest.mark.slow
def test_command_prints_a_failed_file_once_without_prefect_warnings(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    bad = inputs / LONG_NAME
    bad.write_bytes(b"%PDF-1.4\n%%broken")
    environment = {k: v for k, v in os.environ.items() if k not in CHANGED_BY_THE_COMMAND} | {
        "COLUMNS": "80"
    }
    command = ["run", str(inputs), "--output", str(tmp_path / "o"), "--no-progress"]
    done = subprocess.run(
        [sys.executable, "-m", "flows.cli", *command, "--state-dir", str(tmp_path / "state")],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=environment,
        timeout=300,
    )
    assert done.returncode == EXIT_ALL_FAILED_OR_USAGE
    lines = done.stderr.splitlines()
    assert lines[1:] == [
        f"failed {bad}: The PDF is damaged and cannot be parsed (PDFSyntaxError).",
        lines[2],
    ]
    assert lines[2].startswith("0 of 1 file(s) processed, 0 agreements in ")
    assert lines[2].endswith(f"; 1 failed (see documenten.csv); outputs in {tmp_path / 'o'}")


def _closed_port() -> int:
    """A local port nobody listens on."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_unreachable_dask_address_stops_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import flows.batch

    def must_not_run(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the batch started")

    monkeypatch.setattr(flows.batch, "run_batch", must_not_run)
    monkeypatch.setattr(flows.cli, "_prestart_workers", must_not_run)
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    address = f"tcp://127.0.0.1:{_closed_port()}"
    out, state = tmp_path / "out", tmp_path / "state"
    command = ["run", str(pdf), "--output", str(out), "--state-dir", str(state)]
    assert main([*command, "--dask-address", address]) == EXIT_ALL_FAILED_OR_USAGE
    assert capsys.readouterr().err == (
        f"prestatie: --dask-address: no Dask scheduler answers at {address} (Connection "
        "refused). Start the cluster or correct the address; nothing was processed.\n"
    )
    monkeypatch.setenv("PRESTATIE_DASK_ADDRESS", "127.0.0.1")
    assert main(command) == EXIT_ALL_FAILED_OR_USAGE
    assert capsys.readouterr().err == (
        "prestatie: PRESTATIE_DASK_ADDRESS: '127.0.0.1' is not a Dask address of the form "
        "tcp://HOST:PORT.\n"
    )
    assert not out.exists() and not state.exists()


def test_dask_address_check_passes_when_a_scheduler_listens() -> None:
    import socket

    from flows.settings import BatchSettings

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        BatchSettings(dask_address=f"tcp://127.0.0.1:{port}").check_dask_address()
        BatchSettings(dask_address=f"127.0.0.1:{port}").check_dask_address()
    BatchSettings(dask_address=None).check_dask_address()
