"""Worker processes: what the user reads when a worker crashes (issue 20, item 11)."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import sample_pdfs

from pipeline import isolation
from pipeline.cache import ResultStore
from pipeline.isolation import Worker, exit_description, process_in_worker


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
