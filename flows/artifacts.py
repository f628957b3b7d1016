"""What a batch run shows in Prefect: a progress bar, a summary, per-document counts, failures."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import cast
from uuid import UUID

from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from pydantic import BaseModel, ConfigDict

from pipeline.models import AGREEMENT_TYPES
from pipeline.write.cache import DocumentOutcome
from pipeline.write.tables import OutputFiles


class BatchSummary(BaseModel):
    """What a batch run did: counts and the files that failed."""

    model_config = ConfigDict(frozen=True)

    documents: int
    succeeded: int
    """Documents that did not fail: processed, or read and skipped by the document gate."""
    failed: list[tuple[str, str]]
    agreements: int
    partial: list[tuple[str, str]] = []
    """Files read without their damaged pages (status `partial`), with the reason."""
    skipped: list[tuple[str, str]] = []
    """Files the document gate did not take for prestatieafspraken (status `skipped`), with
    the gate's reason."""
    output_dir: str
    new: int = 0
    cached: int = 0
    outputs_written: bool = True
    kept: int = 0
    """Documents of earlier runs that the output folder keeps (not in this batch)."""
    lost: list[str] = []
    """Files of earlier runs dropped from the output folder: their stored results are gone."""
    duplicates: list[tuple[str, str]] = []
    """(file, the file with the same content that is counted instead)."""
    corrections_applied: int = 0
    corrections_carried_over: int = 0
    """Of the applied corrections: made on another version of the document."""
    corrections_stale: int = 0
    seconds: float = 0.0
    """Wall time of the batch itself, from the flow's start to its outputs written: without
    Prefect's start-up (its server, the flow run's creation) and shutdown."""

    @property
    def processed(self) -> int:
        """Documents whose agreements were read: neither failed nor skipped."""
        return self.succeeded - len(self.skipped)

    @property
    def message(self) -> str:
        """One line for the flow run's final state."""
        line = (
            f"{self.processed} of {self.documents} document(s) processed "
            f"({self.new} read now, {self.cached} unchanged from the cache), "
            f"{self.agreements} agreements"
        )
        if self.skipped:
            line += f"; {len(self.skipped)} skipped (not prestatieafspraken)"
        if self.partial:
            line += f"; {len(self.partial)} partial (damaged pages left out)"
        if self.failed:
            line += f"; {len(self.failed)} failed (see the failed-documents artifact)"
        if self.kept:
            line += f"; {self.kept} document(s) kept from earlier runs"
        if self.duplicates:
            line += f"; {len(self.duplicates)} duplicate file(s) counted once"
        return line


def summarise(
    outcomes: Sequence[DocumentOutcome],
    output_dir: Path,
    written: bool,
    seconds: float = 0.0,
    kept: int = 0,
    lost: Sequence[str] = (),
    duplicates: Sequence[tuple[str, str]] = (),
    files: OutputFiles | None = None,
) -> BatchSummary:
    """Count what happened to each document of the batch (agreements of a duplicate file
    counted once)."""
    failed = [(o.source_file, o.error) for o in outcomes if o.status == "failed"]
    partial = [(o.source_file, o.error) for o in outcomes if o.status == "partial"]
    skipped = [(o.source_file, o.gate_reason) for o in outcomes if o.status == "skipped"]
    cached = sum(o.cached for o in outcomes)
    repeated = {duplicate for duplicate, _ in duplicates}
    return BatchSummary(
        documents=len(outcomes),
        succeeded=len(outcomes) - len(failed),
        failed=failed,
        partial=partial,
        skipped=skipped,
        agreements=sum(o.agreements for o in outcomes if o.source_file not in repeated),
        kept=kept,
        lost=list(lost),
        duplicates=list(duplicates),
        corrections_applied=files.corrections_applied if files else 0,
        corrections_carried_over=files.corrections_carried_over if files else 0,
        corrections_stale=files.corrections_stale if files else 0,
        output_dir=str(output_dir),
        new=len(outcomes) - cached,
        cached=cached,
        outputs_written=written,
        seconds=round(seconds, 3),
    )


class ProgressArtifact:
    """A progress artifact of the run, moved on as documents finish.

    Each update is a call to the Prefect API (10-25 ms), so none is made where the batch would
    wait for it: not before the first document starts, nor between the last document and the
    written outputs. The artifact is made when the first document is done, updated at most once
    per `interval` seconds, and shown with its final count once the outputs are written.
    """

    def __init__(self, total: int, done: int = 0, interval: float = 2.0) -> None:
        self.total = max(total, 1)
        self.description = f"documents done of {total}"
        self.done = done
        self.interval = interval
        self._shown_at = time.monotonic()
        self.artifact_id: UUID | None = None

    def advance(self, count: int = 1) -> None:
        """Count finished documents; show them the first time and then when an update is due,
        except for the last: the final count is shown after the write."""
        self.done += count
        due = time.monotonic() - self._shown_at >= self.interval
        if self.done < self.total and (self.artifact_id is None or due):
            self.show()

    def show(self) -> None:
        """Make the artifact with the current count, or update it."""
        self._shown_at = time.monotonic()
        progress = 100.0 * self.done / self.total
        if self.artifact_id is None:
            self.artifact_id = cast(
                UUID,
                create_progress_artifact(
                    progress, key="prestatie-progress", description=self.description
                ),
            )
        else:
            update_progress_artifact(self.artifact_id, progress=progress)


def publish(summary: BatchSummary, outcomes: Sequence[DocumentOutcome]) -> None:
    """The run's summary, per-document table and (if any) failed-documents table."""
    create_markdown_artifact(
        "\n".join(
            [
                "# prestatie batch",
                "",
                f"- documents: {summary.documents} ({summary.new} read now, "
                f"{summary.cached} unchanged, results from the cache)",
                f"- skipped (not prestatieafspraken): {len(summary.skipped)}",
                f"- partial (damaged pages left out): {len(summary.partial)}",
                f"- failed: {len(summary.failed)}",
                f"- agreements: {summary.agreements}",
                f"- outputs: `{summary.output_dir}`"
                + ("" if summary.outputs_written else " (unchanged, not rewritten)"),
            ]
        ),
        key="prestatie-summary",
        description=summary.message,
    )
    create_table_artifact(
        [
            {
                "file": Path(o.source_file).name,
                "status": o.status,
                "from_cache": o.cached,
                "pages": o.pages,
                "agreements": o.agreements,
                **{t: o.per_type.get(t, 0) for t in AGREEMENT_TYPES},
                "seconds": o.seconds,
            }
            for o in outcomes
        ],
        key="prestatie-documents",
        description="per-document counts",
    )
    if summary.failed:
        create_table_artifact(
            [{"file": source, "error": error} for source, error in summary.failed],
            key="prestatie-failed-documents",
            description=f"{len(summary.failed)} document(s) failed",
        )
