"""Worker processes: what the user reads when a worker crashes (issue 20, item 11) or cannot
start under the memory limit (item 7)."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import sample_pdfs

from flows import workers as isolation
from flows.cli import main
from flows.workers import (
    MEMORY_LIMIT_ENV,
    Worker,
    WorkerMemoryLimitError,
    WorkerPool,
    exit_description,
    process_in_worker,
)
from pipeline.write.cache import ResultStore


def test_exit_description_names_the_signal() -> None:
    assert exit_description(1) == "exit code 1"
    assert exit_description(-11) == "signal SIGSEGV, segmentation fault"
    assert exit_description(-6) == "signal SIGABRT, aborted"
    assert exit_description(-9) == ("signal SIGKILL, killed; the system may have run out of memory")


def test_a_crashed_worker_gives_a_sentence_naming_the_signal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker = Worker()
    worker.wait_ready()
    os.kill(worker.process.pid, signal.SIGSEGV)
    worker.process.wait()

    @contextmanager
    def crashed() -> Iterator[Worker]:
        yield worker

    monkeypatch.setattr(isolation.POOL, "worker", crashed)
    pdf = sample_pdfs()[0]
    outcome = process_in_worker(
        pdf, "key", "0" * 64, ResultStore(tmp_path), "{}", ("v", "m"), timeout=60
    )
    assert outcome.status == "failed"
    assert outcome.error == (
        "Processing this file was stopped: the process reading it crashed (signal SIGSEGV, "
        "segmentation fault). The file may be damaged or very large."
    )


# --- a memory limit too low to start a worker (issue 20, item 7) ---------------------------

TOO_LOW = (
    "The memory limit of the worker processes (PRESTATIE_WORKER_MEMORY_MB=100) is too low to "
    "start a worker; raise it (the default is 4096) or unset it."
)


def test_a_worker_under_a_too_low_memory_limit_says_so_without_a_trace(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "100")
    worker = Worker()
    with pytest.raises(WorkerMemoryLimitError) as caught:
        worker.wait_ready()
    assert str(caught.value) == TOO_LOW
    assert worker.process.returncode is not None
    assert "Traceback" not in capfd.readouterr().err


def test_documents_fail_with_the_memory_limit_sentence_and_no_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "100")
    monkeypatch.setattr(isolation, "POOL", WorkerPool())
    started: list[int] = []
    real_worker = isolation.Worker

    def counted() -> Worker:
        started.append(1)
        return real_worker()

    monkeypatch.setattr(isolation, "Worker", counted)
    store = ResultStore(tmp_path)
    for pdf in sample_pdfs()[:2]:
        outcome = process_in_worker(pdf, "key", "0" * 64, store, "{}", ("v", "m"), timeout=60)
        assert (outcome.status, outcome.error) == ("failed", TOO_LOW)
    assert len(started) == 1  # the second document did not try another worker


def test_prestatie_run_says_once_that_the_memory_limit_is_too_low(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "100")
    monkeypatch.setattr(isolation, "POOL", WorkerPool())
    args = ["run", *map(str, sample_pdfs()), "--output", str(tmp_path / "out")]
    assert main([*args, "--state-dir", str(tmp_path / "state"), "--no-progress"]) == 2
    assert capsys.readouterr().err == f"prestatie: {TOO_LOW}\n"
    assert not (tmp_path / "out").exists()


def test_out_of_memory_while_loading_is_recognised() -> None:
    assert isolation._out_of_memory(MemoryError())
    assert isolation._out_of_memory(
        ImportError("/x/_duckdb.so: failed to map segment from shared object")
    )
    assert isolation._out_of_memory(OSError(12, "Cannot allocate memory"))
    assert not isolation._out_of_memory(ImportError("No module named 'duckdb'"))
