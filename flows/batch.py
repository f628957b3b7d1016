"""The main job: a batch of agreement PDFs through the stage list, then the output files.

One flow run per batch. Documents whose result is already stored (same content, pipeline,
model and settings) are taken from the result store; every other document is one task, run in
a worker process that is killed after the timeout. Tasks pass result file paths, not results;
the write task joins the table rows stored beside them and writes the outputs of the batch.
"""

# No `from __future__ import annotations` here: a served flow is pickled by value and
# validates its parameters from these annotations, which must be real objects, not strings.
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prefect import flow, get_client, get_run_logger, task
from prefect.client.schemas.objects import TaskRun
from prefect.futures import as_completed
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.states import Completed, Failed, State

from flows.artifacts import BatchSummary, ProgressArtifact, publish, summarise
from flows.inputs import UsageError, collect_pdfs
from flows.settings import BatchSettings, DaskUnreachableError
from flows.workers import (
    close_workers,
    is_stopping,
    limit_workers,
    process_in_worker,
    stop_workers,
    write_workbook_in_worker,
)
from pipeline.modelfiles import office_models
from pipeline.process import PipelineSettings, pipeline_version, resources_version
from pipeline.write.cache import (
    DocumentOutcome,
    OutputsRecord,
    PendingDocument,
    ResultStore,
    failed_result,
    load_rows,
    now,
    outputs_fingerprint,
    partition_by_cache,
)
from pipeline.write.dataset import (
    DistinctDocuments,
    MergedDataset,
    dataset_path,
    distinct_documents,
    load_dataset,
    merge_dataset,
    save_dataset,
    with_duplicates,
)
from pipeline.write.tables import OutputFiles, write_document_rows

__all__ = ["BatchSettings", "BatchSummary", "on_document_done", "run_batch"]

ProgressCallback = Callable[[DocumentOutcome], None]
_progress_callbacks: list[ProgressCallback] = []


def on_document_done(callback: ProgressCallback) -> None:
    """Register a callback called in the flow's process as each document finishes."""
    _progress_callbacks.append(callback)


def _notify(outcome: DocumentOutcome) -> None:
    # A function, not the list itself, is what the flow refers to: the flow is pickled by value
    # when its tasks go to Dask, and a progress bar does not pickle.
    for callback in _progress_callbacks:
        callback(outcome)


def _transient(task: Any, task_run: TaskRun, state: State[Any]) -> bool:
    """Retry I/O errors only; a broken PDF gives a failed result, not an exception."""
    try:
        state.result()
    except OSError:
        return True
    except Exception:
        return False
    return False


@task(
    name="process-document",
    task_run_name="process {path.name}",
    retries=2,
    retry_delay_seconds=2,
    retry_condition_fn=_transient,
    persist_result=False,  # the result store is the cache; Prefect's own would hash every input
)
def process_document_task(
    path: Path,
    key: str,
    sha256: str,
    state_dir: Path,
    settings_json: str,
    versions: tuple[str, str],
    timeout: float,
) -> DocumentOutcome:
    """One document through the stage list in a worker process; returns where its result is."""
    outcome = process_in_worker(
        path, key, sha256, ResultStore(state_dir), settings_json, versions, timeout
    )
    logger = get_run_logger()
    if outcome.status == "failed" and not is_stopping():
        logger.warning("%s failed: %s", path.name, outcome.error)
    else:
        logger.info("%s: %d agreements (%.1f s)", path.name, outcome.agreements, outcome.seconds)
    return outcome


def _quiet_after_stop() -> None:
    """A stop the user asked for is not a crash to report on the console: the command says
    in one line what was done (the flow run still ends `Crashed` in Prefect)."""
    for name in ("prefect", "prefect.flow_runs", "prefect.task_runs"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


@contextmanager
def _tasks_report_here(batch: BatchSettings) -> Iterator[None]:
    """Task runs sent to Dask take this flow run's settings with them; with the address of the
    Prefect API in those settings, each Dask worker reports to this run's server. Without it,
    a worker started its own temporary Prefect server (15-45 s on two cores, most of what made
    `--dask-local` slow) and recorded its task runs there, out of the run's sight."""
    if not (batch.dask_address or batch.dask_local) or PREFECT_API_URL.value():
        yield
        return
    with get_client(sync_client=True) as client:
        api_url = str(client.api_url)
    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        yield


def _largest_first(todo: dict[Path, PendingDocument]) -> list[tuple[Path, PendingDocument]]:
    """Biggest files first, so that no large document starts last while the other workers idle
    (the outputs keep the order of the input)."""
    return sorted(todo.items(), key=lambda item: -_size(item[0]))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@task(
    name="write-outputs",
    retries=2,
    retry_delay_seconds=2,
    retry_condition_fn=_transient,
    persist_result=False,
)
def write_outputs_task(
    documents: list[DocumentOutcome],
    output_dir: Path,
    state_dir: Path,
    distinct: DistinctDocuments | None = None,
) -> OutputFiles | None:
    """Write the output files of the dataset (`documents`: every file of the batch and those
    kept from earlier runs; `distinct`: each content once) and record which files it holds;
    skipped when nothing changed since last time."""
    distinct = distinct or distinct_documents(documents)
    record = OutputsRecord(state_dir, output_dir)
    fingerprint = outputs_fingerprint(documents, output_dir)
    if record.is_current(fingerprint):
        get_run_logger().info("outputs in %s are up to date", output_dir)
        if not dataset_path(output_dir).is_file():  # written before the folder kept a record
            save_dataset(output_dir, documents)
            record.remember(fingerprint)
        return None
    # the rows each worker stored beside its result are joined; an idle worker of this
    # batch, if any, writes the workbook beside the other files
    files = write_document_rows(
        (with_duplicates(load_rows(o), distinct.duplicates) for o in distinct.documents),
        output_dir,
        workbook_writer=write_workbook_in_worker,
    )
    save_dataset(output_dir, documents)
    record.remember(fingerprint)
    return files


@flow(name="prestatie-batch")
def run_batch(
    inputs: list[Path],
    output_dir: Path,
    batch: BatchSettings | None = None,
    settings: PipelineSettings | None = None,
    replace: bool = False,
    no_gate: bool = False,
) -> State[BatchSummary]:
    """Process every PDF in the inputs (files or folders) and add them to the output folder's
    dataset (with `replace`, the dataset becomes this batch alone; with `no_gate`, also the
    documents the document gate does not take for prestatieafspraken)."""
    started = time.monotonic()
    batch = batch or BatchSettings()
    settings = run_settings(output_dir, settings, no_gate)
    logger = get_run_logger()
    try:
        pdfs = collect_pdfs(inputs)
        batch.check_dask_address()
    except (UsageError, DaskUnreachableError) as exc:
        return Failed(message=str(exc))
    store = ResultStore(batch.state_dir)
    settings_json = settings.model_dump_json()
    try:
        versions = (pipeline_version(), resources_version(settings.models))
    except (OSError, ValueError) as exc:
        return Failed(message=f"The adapted models in {settings.models} cannot be read: {exc}")
    outcomes: dict[Path, DocumentOutcome] = {}

    def finished(pdf: Path, outcome: DocumentOutcome) -> None:
        outcomes[pdf] = outcome
        _notify(outcome)

    stored, todo = partition_by_cache(pdfs, store, versions, settings_json, settings.gated_json())
    for pdf, cached in stored.items():
        finished(pdf, cached)
    logger.info("%d of %d document(s) unchanged since an earlier run", len(outcomes), len(pdfs))
    progress = ProgressArtifact(len(pdfs), done=len(outcomes))
    todo, repeats = _one_per_content(todo)
    try:
        if todo:
            _process(todo, batch, settings_json, versions, store, finished, progress)
        for pdf, first in repeats.items():  # the same content under another path: read once
            finished(pdf, outcomes[first].model_copy(update={"source_file": str(pdf)}))
        ordered = [outcomes[p] for p in pdfs]
        dataset, distinct = _merged_dataset(ordered, output_dir, replace)
        written = write_outputs_task(dataset.documents, output_dir, batch.state_dir, distinct)
        seconds = time.monotonic() - started
    finally:
        close_workers(wait=False)  # they exit while the summary is made
    summary = summarise(
        ordered,
        output_dir,
        written is not None,
        seconds=seconds,
        kept=dataset.kept,
        lost=dataset.lost,
        duplicates=distinct.duplicate_pairs,
        files=written,
    )
    progress.show()
    publish(summary, ordered)
    if summary.documents and not summary.succeeded:
        return Failed(message=summary.message, data=summary)
    return Completed(message=summary.message, data=summary)


def _merged_dataset(
    ordered: list[DocumentOutcome], output_dir: Path, replace: bool
) -> tuple[MergedDataset, DistinctDocuments]:
    """This batch's documents added to the folder's dataset (or alone, with `replace`), and the
    distinct documents among them; duplicates and lost documents are logged."""
    logger = get_run_logger()
    dataset = merge_dataset(ordered, [] if replace else load_dataset(output_dir))
    distinct = distinct_documents(dataset.documents)
    # info, not warning: `prestatie run` prints these itself (a warning would show twice)
    for duplicate, original in distinct.duplicate_pairs:
        logger.info("%s has the same content as %s: counted once", duplicate, original)
    if dataset.lost:
        logger.info(
            "%d document(s) of earlier runs dropped, their stored results are gone: %s",
            len(dataset.lost),
            ", ".join(dataset.lost),
        )
    return dataset, distinct


def run_settings(
    output_dir: Path, settings: PipelineSettings | None, no_gate: bool = False
) -> PipelineSettings:
    """The settings of a run: as given, or (a scheduled run gives none) the defaults with the
    output folder's adapted models as they are at the start of this run, so that models
    learned since the last run are used; with `no_gate` the document gate skips nothing."""
    settings = settings or PipelineSettings(models=office_models(output_dir.resolve()))
    if not no_gate:
        return settings
    gate = settings.gate.model_copy(update={"process_all": True})
    return settings.model_copy(update={"gate": gate})


def _one_per_content(
    todo: dict[Path, PendingDocument],
) -> tuple[dict[Path, PendingDocument], dict[Path, Path]]:
    """The documents to process, each content once, and the other files with the same content
    (file -> the file that is processed for it); unreadable files are each processed."""
    first: dict[str, Path] = {}
    repeats: dict[Path, Path] = {}
    for pdf, pending in todo.items():
        if pending.key and pending.key in first:
            repeats[pdf] = first[pending.key]
        elif pending.key:
            first[pending.key] = pdf
    return {p: v for p, v in todo.items() if p not in repeats}, repeats


def _process(
    todo: dict[Path, PendingDocument],
    batch: BatchSettings,
    settings_json: str,
    versions: tuple[str, str],
    store: ResultStore,
    finished: Callable[[Path, DocumentOutcome], None],
    progress: ProgressArtifact,
) -> None:
    """One task per document, largest first; a document whose retries ran out gets a failed
    result and the batch goes on."""
    logger = get_run_logger()
    limit_workers(None if batch.dask_address or batch.dask_local else batch.workers)
    try:
        with _tasks_report_here(batch), batch.task_runner() as runner:
            futures = {
                runner.submit(
                    process_document_task,
                    parameters={
                        "path": pdf,
                        "key": pending.key,
                        "sha256": pending.sha256,
                        "state_dir": batch.state_dir,
                        "settings_json": settings_json,
                        "versions": versions,
                        "timeout": batch.timeout_seconds,
                    },
                ): pdf
                for pdf, pending in _largest_first(todo)
            }
            try:
                for future in as_completed(list(futures)):
                    pdf = futures[future]
                    try:
                        outcome = future.result()
                    except Exception as exc:  # retries exhausted: the batch goes on
                        logger.error("%s could not be processed: %s", pdf.name, exc)
                        error = f"The file could not be processed ({type(exc).__name__}: {exc})."
                        result = failed_result(pdf, todo[pdf].sha256, *versions, error, now())
                        outcome = store.save(result, key="")
                    finished(pdf, outcome)
                    progress.advance()
            except BaseException as exc:
                if not isinstance(exc, Exception):  # Ctrl-C or SIGTERM: stop the documents
                    stop_workers()  # now, or leaving the task runner waits for each of them
                    _quiet_after_stop()
                raise
    finally:
        limit_workers(None)
