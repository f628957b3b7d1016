"""The main job: a batch of agreement PDFs through the stage list, then the output files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner
from pydantic import BaseModel, ConfigDict

from pipeline.export import write_outputs
from pipeline.models import DocumentResult
from pipeline.process import PipelineSettings, load_resources, process_document

ProgressCallback = Callable[[DocumentResult], None]
_progress_callbacks: list[ProgressCallback] = []


class BatchSummary(BaseModel):
    """What a batch run did: counts and the files that failed."""

    model_config = ConfigDict(frozen=True)

    documents: int
    succeeded: int
    failed: list[tuple[str, str]]
    agreements: int
    output_dir: str


def on_document_done(callback: ProgressCallback) -> None:
    """Register a callback called in the flow's process as each document finishes."""
    _progress_callbacks.append(callback)


@task(name="process-document", task_run_name="process {path.name}")
def process_document_task(path: Path, settings: PipelineSettings) -> DocumentResult:
    """One document through read, metadata, segment, classify and SMART."""
    result = process_document(path, settings, load_resources())
    logger = get_run_logger()
    if result.status == "failed":
        logger.warning("%s failed: %s", path.name, result.error)
    else:
        logger.info("%s: %d agreements", path.name, len(result.agreements))
    return result


@task(name="write-outputs")
def write_outputs_task(results: list[DocumentResult], output_dir: Path) -> None:
    """Write the output contract's files for the whole batch."""
    write_outputs(results, output_dir)


@flow(
    name="prestatie-run",
    log_prints=True,
    task_runner=ThreadPoolTaskRunner(max_workers=2),  # type: ignore[arg-type]
)
def run_batch(
    pdfs: list[Path], output_dir: Path, settings: PipelineSettings | None = None
) -> BatchSummary:
    """Process every PDF (one task each, bounded parallelism) and write the outputs."""
    settings = settings or PipelineSettings()
    results: dict[Path, DocumentResult] = {}
    futures = {process_document_task.submit(p, settings): p for p in pdfs}
    for future in as_completed(list(futures)):
        result = future.result()
        results[futures[future]] = result
        for callback in _progress_callbacks:
            callback(result)
    ordered = [results[p] for p in pdfs]
    write_outputs_task(ordered, output_dir)
    failed = [(r.source_file, r.error) for r in ordered if r.status == "failed"]
    return BatchSummary(
        documents=len(ordered),
        succeeded=len(ordered) - len(failed),
        failed=failed,
        agreements=sum(len(r.agreements) for r in ordered),
        output_dir=str(output_dir),
    )


def run_batch_with_workers(
    pdfs: list[Path], output_dir: Path, workers: int, settings: PipelineSettings | None = None
) -> BatchSummary:
    """Run the batch flow with a bounded number of parallel documents."""
    runner: ThreadPoolTaskRunner[Any] = ThreadPoolTaskRunner(max_workers=max(1, workers))
    bounded = run_batch.with_options(task_runner=runner)  # type: ignore[arg-type]
    return bounded(pdfs, output_dir, settings)
