"""The result store and the worker processes behind the batch flow (no Prefect needed)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from conftest import sample_pdfs
from openpyxl import load_workbook

from flows.workers import (
    POOL,
    Worker,
    WorkerError,
    WorkerPool,
    _Killed,
    process_in_worker,
    write_workbook_in_worker,
)
from pipeline.identity import file_sha256
from pipeline.label.agreements import LabelSettings
from pipeline.label.classify import ClassifySettings
from pipeline.process import PipelineSettings, process_document
from pipeline.write.cache import (
    OutputsRecord,
    PendingDocument,
    ResultStore,
    failed_result,
    load_result,
    now,
    outputs_fingerprint,
    partition_by_cache,
    result_key,
)
from pipeline.write.corrections import output_id
from pipeline.write.tables import DOCUMENT_COLUMNS, write_outputs
from pipeline.write.workbook import SHEET_DOCUMENTS, WORKBOOK_FILE

SETTINGS = PipelineSettings().model_dump_json()
VERSIONS = ("1.0", "rules-1")


def _failed(path: Path, sha256: str = "ab" * 32) -> object:
    return failed_result(path, sha256, *VERSIONS, error="The PDF is damaged.", started=now())


def test_key_changes_with_content_versions_and_settings() -> None:
    base = result_key("ab" * 32, "1.0", "rules-1", SETTINGS)
    assert base == result_key("ab" * 32, "1.0", "rules-1", SETTINGS)
    assert base != result_key("cd" * 32, "1.0", "rules-1", SETTINGS)
    assert base != result_key("ab" * 32, "1.1", "rules-1", SETTINGS)
    assert base != result_key("ab" * 32, "1.0", "rules-2", SETTINGS)
    relabel = LabelSettings(classify=ClassifySettings(intent_prior=0.5))
    other = PipelineSettings(label=relabel).model_dump_json()
    assert base != result_key("ab" * 32, "1.0", "rules-1", other)
    assert result_key("", "1.0", "rules-1", SETTINGS) == ""  # unreadable file: never cached


def test_store_round_trip_under_another_name(tmp_path: Path) -> None:
    store = ResultStore(tmp_path)
    key = result_key("ab" * 32, *VERSIONS, SETTINGS)
    assert store.lookup(key, "a.pdf") is None
    saved = store.save(_failed(Path("a.pdf")), key)  # type: ignore[arg-type]
    found = store.lookup(key, "renamed.pdf")
    assert found is not None and found.cached and found.status == "failed"
    assert found.result_file == saved.result_file
    assert load_result(found).source_file == "renamed.pdf"
    assert not list(tmp_path.rglob(".writing-*"))  # atomic writes leave no temporary files


def test_results_without_key_are_never_found(tmp_path: Path) -> None:
    store = ResultStore(tmp_path)
    saved = store.save(_failed(Path("a.pdf")), key="")  # type: ignore[arg-type]
    assert Path(saved.result_file).is_file()
    assert "uncached" in saved.result_file
    assert store.lookup("", "a.pdf") is None


def test_a_half_written_entry_is_a_miss(tmp_path: Path) -> None:
    store = ResultStore(tmp_path)
    key = result_key("ab" * 32, *VERSIONS, SETTINGS)
    store.save(_failed(Path("a.pdf")), key)  # type: ignore[arg-type]
    store.result_path(key).unlink()  # outcome without its result: do the work again
    assert store.lookup(key, "a.pdf") is None


def test_outputs_record_notices_changed_results_and_touched_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "afspraken.csv").write_text("x")
    store = ResultStore(tmp_path / "state")
    outcome = store.save(_failed(Path("a.pdf")), "k1")  # type: ignore[arg-type]
    record = OutputsRecord(store.root, out)
    fingerprint = outputs_fingerprint([outcome], out)
    assert not record.is_current(fingerprint)
    record.remember(fingerprint)
    assert record.is_current(fingerprint)
    renamed = outcome.model_copy(update={"source_file": "b.pdf"})
    assert not record.is_current(outputs_fingerprint([renamed], out))
    (out / "afspraken.csv").write_text("edited by hand")
    assert not record.is_current(fingerprint)


def test_worker_processes_a_document_and_stores_its_result(tmp_path: Path) -> None:
    pdf = sample_pdfs()[0]
    store = ResultStore(tmp_path)
    sha256 = file_sha256(pdf)
    key = result_key(sha256, *VERSIONS, SETTINGS)
    try:
        outcome = process_in_worker(pdf, key, sha256, store, SETTINGS, VERSIONS, timeout=120)
    finally:
        POOL.close()
    assert outcome.status == "ok" and outcome.agreements > 0
    assert sum(outcome.per_type.values()) == outcome.agreements
    assert store.lookup(key, str(pdf)) is not None
    assert load_result(outcome).status == "ok"


def test_timeout_kills_the_worker_and_fails_only_that_document(tmp_path: Path) -> None:
    pdf = tmp_path / sample_pdfs()[-1].name
    shutil.copy(sample_pdfs()[-1], pdf)
    store = ResultStore(tmp_path / "state")
    sha256 = file_sha256(pdf)
    key = result_key(sha256, *VERSIONS, SETTINGS)
    try:
        outcome = process_in_worker(pdf, key, sha256, store, SETTINGS, VERSIONS, timeout=0.05)
    finally:
        POOL.close()
    assert outcome.status == "failed"
    assert "longer than the 0.05 s limit" in outcome.error
    assert store.lookup(key, str(pdf)) is None  # a timeout is not remembered
    assert load_result(outcome).source_file == str(pdf)


def test_a_crashed_worker_is_reported_not_raised() -> None:
    worker = Worker()
    worker.wait_ready()
    killer = threading.Timer(0.3, worker.process.kill)
    killer.start()
    message = {"path": str(sample_pdfs()[-1]), "key": "", "store": "/nonexistent"}
    with pytest.raises(_Killed) as caught:
        worker.request({**message, "settings": SETTINGS}, timeout=60)
    killer.cancel()
    assert str(caught.value) == (
        "the process reading it crashed (signal SIGKILL, killed; the system may have run out "
        "of memory)"
    )


def test_partition_by_cache_splits_stored_from_pending(tmp_path: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    shutil.copy(sample_pdfs()[0], first)
    shutil.copy(sample_pdfs()[1], second)
    store = ResultStore(tmp_path / "state")
    stored, pending = partition_by_cache([first, second], store, VERSIONS, SETTINGS)
    assert stored == {} and list(pending) == [first, second]
    assert pending[first].sha256 == file_sha256(first)
    assert pending[first].key == result_key(file_sha256(first), *VERSIONS, SETTINGS)
    store.save(_failed(first, pending[first].sha256), pending[first].key)  # type: ignore[arg-type]
    stored, pending = partition_by_cache([first, second], store, VERSIONS, SETTINGS)
    assert list(stored) == [first] and stored[first].cached
    assert list(pending) == [second]


def test_prestarted_workers_load_one_after_another_and_are_used(tmp_path: Path) -> None:
    pool = WorkerPool()
    thread = pool.prestart(2)
    assert thread is not None and pool.prestart(0) is None
    try:
        thread.join(timeout=120)
        assert not thread.is_alive()
        first, second = pool._idle
        assert first.ready and second.ready
        assert first.ready_at is not None and second.started_at >= first.ready_at  # in turn
        with pool.worker() as worker:
            assert worker is first
        assert pool._idle == [second, first]  # returned; no third process started
    finally:
        pool.close()
    assert pool._idle == []


def test_closing_the_pool_ends_its_workers_cleanly_side_by_side(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pool = WorkerPool()
    thread = pool.prestart(2)
    assert thread is not None
    thread.join(timeout=120)
    workers = list(pool._idle)
    assert len(workers) == 2
    calls: list[tuple[str, int]] = []
    for number, worker in enumerate(workers):
        for step in ("finish", "wait_or_kill"):
            original = getattr(worker, step)

            def traced(*args: object, _o: Any = original, _s: str = step, _n: int = number) -> Any:
                calls.append((_s, _n))
                return _o(*args)

            monkeypatch.setattr(worker, step, traced)
    pool.close()
    assert calls == [("finish", 0), ("finish", 1), ("wait_or_kill", 0), ("wait_or_kill", 1)]
    assert [w.process.returncode for w in workers] == [0, 0]  # exited by itself, not killed
    assert pool._idle == []


def test_a_prestart_still_running_at_close_leaves_no_worker_behind() -> None:
    pool = WorkerPool()
    thread = pool.prestart(2)
    assert thread is not None
    pool.close()  # before the first worker is ready
    thread.join(timeout=120)
    assert pool._idle == []


def test_run_prestarts_one_worker_per_pending_document_at_most(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows import cli
    from flows import workers as isolation
    from flows.settings import BatchSettings

    started: list[int] = []
    monkeypatch.setattr(isolation, "prestart_workers", started.append)
    pdf = tmp_path / "a.pdf"
    shutil.copy(sample_pdfs()[0], pdf)
    batch = BatchSettings(workers=2, state_dir=tmp_path / "state")
    settings = PipelineSettings()
    cli._prestart_workers([pdf], batch, settings)
    assert started == [1]  # two workers allowed, one document to do
    from pipeline.process import pipeline_version, resources_version

    key = result_key(file_sha256(pdf), pipeline_version(), resources_version(), SETTINGS)
    ResultStore(tmp_path / "state").save(_failed(pdf, file_sha256(pdf)), key)  # type: ignore[arg-type]
    cli._prestart_workers([pdf], batch, settings)
    assert started == [1, 0]  # unchanged folder: nothing to load
    cli._prestart_workers([pdf], BatchSettings(dask_local=1, state_dir=tmp_path / "s2"), settings)
    assert started == [1, 0]  # Dask workers live in the cluster


def test_run_starts_its_workers_before_prefect_or_the_output_libraries_are_imported(
    tmp_path: Path,
) -> None:
    """The workers load the language resources (2-3 s each, one after another) while Prefect
    is imported and started; starting them after those imports left the second one loading
    when the first documents were due."""
    pdf = tmp_path / "a.pdf"
    shutil.copy(sample_pdfs()[0], pdf)
    script = (
        "import sys\n"
        "from flows import cli\n"
        "from flows import workers as isolation\n"
        "def prestart(count):\n"
        "    loaded = [m for m in ('prefect', 'pandas', 'duckdb') if m in sys.modules]\n"
        "    print('prestart', count, loaded)\n"
        "    raise SystemExit(0)\n"
        "isolation.POOL.prestart = prestart\n"
        "cli.main(sys.argv[1:])\n"
    )
    options = ["--output", str(tmp_path / "out"), "--state-dir", str(tmp_path / "state")]
    options += ["--workers", "2", "--no-progress"]
    run = subprocess.run(
        [sys.executable, "-c", script, "run", str(pdf), *options],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "prestart 1 []"


def test_the_biggest_documents_are_submitted_first(tmp_path: Path) -> None:
    from flows.batch import _largest_first

    sizes = {"small.pdf": 10, "big.pdf": 300, "middle.pdf": 120}
    todo = {}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
        todo[tmp_path / name] = PendingDocument(sha256=name, key=name)
    todo[tmp_path / "gone.pdf"] = PendingDocument(sha256="gone", key="gone")  # deleted meanwhile
    order = [path.name for path, _ in _largest_first(todo)]
    assert order == ["big.pdf", "middle.pdf", "small.pdf", "gone.pdf"]


def test_progress_artifact_is_made_at_the_first_document_and_shown_at_the_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import flows  # noqa: F401  (Prefect's environment first)
    from flows import artifacts as report

    created: list[float] = []
    shown: list[float] = []

    def create(progress: float, **_: object) -> str:
        created.append(progress)
        return "artifact-id"

    monkeypatch.setattr(report, "create_progress_artifact", create)
    monkeypatch.setattr(
        report, "update_progress_artifact", lambda _id, progress: shown.append(progress)
    )
    clock = [100.0]
    monkeypatch.setattr(report.time, "monotonic", lambda: clock[0])
    progress = report.ProgressArtifact(5, done=1)  # one document from the cache
    assert created == []
    progress.advance()  # the first document processed: made
    progress.advance()  # 0 s after that: not yet
    clock[0] += 2.5
    progress.advance()  # due
    clock[0] += 2.5
    progress.advance()  # the last document: due, but left to the end
    assert created == [40.0] and shown == [80.0]
    progress.show()  # the outputs are written
    assert shown == [80.0, 100.0]


def test_progress_artifact_of_a_batch_of_cached_documents_is_made_at_the_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import flows  # noqa: F401  (Prefect's environment first)
    from flows import artifacts as report

    created: list[float] = []
    monkeypatch.setattr(
        report, "create_progress_artifact", lambda progress, **_: created.append(progress)
    )
    progress = report.ProgressArtifact(3, done=3)
    assert created == []
    progress.show()
    assert created == [100.0]


def test_worker_collector_freezes_what_is_loaded_and_collects_young_objects_less_often() -> None:
    import gc

    from pipeline.process import GC_YOUNG_THRESHOLD, tune_garbage_collector

    kept = [[index] for index in range(1000)]  # stands in for the loaded models
    thresholds = gc.get_threshold()
    try:
        tune_garbage_collector()
        assert gc.get_freeze_count() >= len(kept)
        tracked = {id(obj) for obj in gc.get_objects()}
        assert not any(id(obj) in tracked for obj in kept)
        assert gc.get_threshold() == (GC_YOUNG_THRESHOLD, *thresholds[1:])
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
    assert gc.get_freeze_count() == 0


def test_a_pool_limit_lets_extra_threads_wait_for_a_worker_instead_of_starting_one() -> None:
    pool = WorkerPool()
    pool.limit(1)
    busy, most, used = [0], [0], []
    guard = threading.Lock()

    def document() -> None:
        with pool.worker() as worker:
            with guard:
                busy[0] += 1
                most[0] = max(most[0], busy[0])
                used.append(worker)
            time.sleep(0.2)
            with guard:
                busy[0] -= 1

    threads = [threading.Thread(target=document) for _ in range(3)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert most[0] == 1  # never two documents at once
        assert len(used) == 3 and len({id(w) for w in used}) == 1  # one process, reused
    finally:
        pool.close()
        pool.limit(None)
    assert pool._slots is None


def test_local_runs_have_one_thread_more_than_workers() -> None:
    from flows.settings import BatchSettings

    runner = BatchSettings(workers=2).task_runner()
    assert type(runner).__name__ == "ThreadPoolTaskRunner"
    assert runner._max_workers == 3  # type: ignore[attr-defined]


def test_documents_wait_for_prestarted_workers_instead_of_starting_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flows import workers as isolation

    started: list[Worker] = []

    class CountedWorker(Worker):
        def __init__(self) -> None:
            super().__init__()
            started.append(self)

    monkeypatch.setattr(isolation, "Worker", CountedWorker)
    pool = WorkerPool()
    used: list[Worker] = []

    def document() -> None:
        with pool.worker() as worker:
            used.append(worker)
            time.sleep(0.5)

    thread = pool.prestart(2)
    assert thread is not None
    documents = [threading.Thread(target=document) for _ in range(2)]
    try:
        for each in documents:  # asked for before the prestarted workers have loaded
            each.start()
        for each in [*documents, thread]:
            each.join(timeout=120)
        # no third process loading the models from scratch: the second document takes the
        # first worker back or the second one once it has loaded, whichever comes first
        assert len(started) == 2 and len(used) == 2
        assert {id(w) for w in used} <= {id(w) for w in started}
    finally:
        pool.close()


def _sheets(workbook: Path) -> dict[str, bytes]:
    """The parts of an .xlsx file, without its creation time, and without the id and path of
    the output folder it was written in."""
    folder = workbook.parent
    own = (output_id(folder).encode(), str(folder.resolve()).encode())
    with zipfile.ZipFile(workbook) as archive:
        parts = {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}
    return {n: part.replace(own[0], b"").replace(own[1], b"") for n, part in parts.items()}


@pytest.mark.model
def test_an_idle_worker_writes_the_same_workbook_while_this_process_writes_the_rest(
    tmp_path: Path,
) -> None:
    results = [process_document(p) for p in sample_pdfs()]
    thread = POOL.prestart(1)
    assert thread is not None
    thread.join(timeout=120)
    worker = POOL._idle[0]
    jobs: list[Future[None] | None] = []

    def recorded(inputs: Path, path: Path) -> Future[None] | None:
        jobs.append(write_workbook_in_worker(inputs, path))
        return jobs[-1]

    try:
        write_outputs(results, tmp_path / "worker", workbook_writer=recorded)
        assert POOL._idle == [worker]  # given back, still alive
        assert worker.process.poll() is None
    finally:
        POOL.close()
    write_outputs(results, tmp_path / "here")
    assert len(jobs) == 1 and jobs[0] is not None and jobs[0].done()
    assert sorted(p.name for p in (tmp_path / "worker").iterdir()) == sorted(
        p.name for p in (tmp_path / "here").iterdir()
    )  # the worker's input file is gone with the staging folder
    assert _sheets(tmp_path / "worker" / WORKBOOK_FILE) == _sheets(
        tmp_path / "here" / WORKBOOK_FILE
    )


def test_without_an_idle_worker_no_workbook_job_is_started(tmp_path: Path) -> None:
    assert POOL._idle == []
    assert write_workbook_in_worker(tmp_path / "inputs", tmp_path / "a.xlsx") is None


def test_a_worker_that_cannot_write_the_workbook_answers_with_the_error(tmp_path: Path) -> None:
    thread = POOL.prestart(1)
    assert thread is not None
    thread.join(timeout=120)
    try:
        job = write_workbook_in_worker(tmp_path / "missing.pickle", tmp_path / "a.xlsx")
        assert job is not None
        with pytest.raises(WorkerError, match=r"FileNotFoundError: .*missing\.pickle"):
            job.result(timeout=60)
        assert len(POOL._idle) == 1  # the worker goes on
    finally:
        POOL.close()
    assert not (tmp_path / "a.xlsx").exists()


def test_a_failed_workbook_job_is_written_here_instead(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    failed: Future[None] = Future()
    failed.set_exception(WorkerError("the worker writing the workbook stopped"))
    out = tmp_path / "out"
    document = _failed(tmp_path / "a.pdf")
    write_outputs([document], out, workbook_writer=lambda _i, _p: failed)  # type: ignore[list-item]
    assert "could not be written in a worker (the worker writing the workbook stopped)" in (
        caplog.text
    )
    header, row = _rows(out / WORKBOOK_FILE, SHEET_DOCUMENTS)
    assert header == DOCUMENT_COLUMNS and row[header.index("status")] == "failed"
    # no staging folder, no input file left (only the folder's own record)
    assert [p.name for p in out.glob(".*")] == [".prestatie"]


def _rows(workbook: Path, sheet: str) -> list[tuple[object, ...]]:
    return list(load_workbook(workbook, read_only=True)[sheet].iter_rows(values_only=True))


def test_closing_without_waiting_returns_at_once_and_the_workers_still_end() -> None:
    pool = WorkerPool()
    thread = pool.prestart(2)
    assert thread is not None
    thread.join(timeout=120)
    workers = list(pool._idle)
    pool.close(wait=False)
    assert pool._idle == []
    for worker in workers:
        assert worker.process.wait(timeout=30) == 0  # exited by itself after end of input


def test_a_workbook_worker_that_answers_wrongly_is_killed_and_the_job_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    thread = POOL.prestart(1)
    assert thread is not None
    thread.join(timeout=120)
    worker = POOL._idle[0]

    def garbled(*_args: object) -> dict[str, object]:
        raise json.JSONDecodeError("Expecting value", "garbage", 0)

    monkeypatch.setattr(worker, "request", garbled)
    try:
        job = write_workbook_in_worker(tmp_path / "inputs.pickle", tmp_path / "a.xlsx")
        assert job is not None
        with pytest.raises(WorkerError, match="writing the workbook failed: Expecting value"):
            job.result(timeout=60)
        assert POOL._idle == []  # not given back
        assert worker.process.poll() is not None  # and not left running
    finally:
        POOL.close()


def test_changed_library_code_is_a_new_cache_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: the key held the package version, which stays the same while the code of a
    checkout changes, so results labelled by older rules were reused as current."""
    from pipeline.identity import code_digest
    from pipeline.write import cache

    library = tmp_path / "pipeline"
    (library / "label").mkdir(parents=True)
    (library / "label" / "smart.py").write_text("WEIGHT = 0.65\n", encoding="utf-8")
    before = code_digest(library)
    (library / "label" / "smart.py").write_text("WEIGHT = 0.8\n", encoding="utf-8")
    code_digest.cache_clear()
    changed = code_digest(library)
    assert changed != before
    (library / "label" / "__pycache__").mkdir()  # bytecode is not code that changed
    (library / "label" / "__pycache__" / "smart.cpython-311.pyc").write_bytes(b"\0")
    code_digest.cache_clear()
    assert code_digest(library) == changed

    key = result_key("ab" * 32, "1.0", "rules-1", SETTINGS)
    monkeypatch.setattr(cache, "code_digest", lambda: "another")
    assert result_key("ab" * 32, "1.0", "rules-1", SETTINGS) != key
