"""Result store: one JSON file per document result, keyed by what the result depends on.

In: a `DocumentResult` and its key. Out: the result's file in the state folder, a small
`DocumentOutcome` beside it (status and counts) that a batch reads without parsing the result,
and the document's rows of the output tables (`DocumentRows`), which the batch's write joins.

The key is the sha256 of the file's content, the pipeline version, the model version and the
stage settings: re-running over an unchanged folder finds every result here and does no
extraction work, a changed file gets a new key, and a new pipeline or model version gives every
file a new key. Files are written to a temporary name and renamed into place, so a run killed
halfway leaves only complete results behind.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from pipeline.identity import code_digest, document_id, file_sha256
from pipeline.models import AGREEMENT_TYPES, DocumentResult, DocumentRows
from pipeline.write.atomic import write_text_atomic

RESULT_SUFFIX = ".result.json"
OUTCOME_SUFFIX = ".outcome.json"
ROWS_SUFFIX = ".rows.json"
_TABLES = tuple(table.name for table in fields(DocumentRows))


class DocumentOutcome(BaseModel):
    """What a batch needs to know about one document: small enough to pass between tasks."""

    model_config = ConfigDict(frozen=True)

    source_file: str
    result_file: str
    sha256: str = ""
    status: str
    error: str = ""
    gate_reason: str = ""
    pages: int = 0
    agreements: int = 0
    per_type: dict[str, int] = {}
    cached: bool = False
    seconds: float = 0.0

    @property
    def document_id(self) -> str:
        """The document's id, as in the output tables."""
        return document_id(self.sha256, Path(self.source_file))


def result_key(sha256: str, pipeline_version: str, model_version: str, settings_json: str) -> str:
    """The cache key of one document's result; '' (never cached) when the file was unreadable.

    Besides the given versions it holds `code_digest()`: results made by other library code
    are labelled again.
    """
    if not sha256:
        return ""
    settings_digest = hashlib.sha256(settings_json.encode()).hexdigest()[:12]
    code = code_digest()
    versions = hashlib.sha256(f"{pipeline_version}|{code}|{model_version}".encode()).hexdigest()
    versions = versions[:12]
    return f"{sha256[:32]}-{versions}-{settings_digest}"


class ResultStore:
    """Per-document result files under one folder (the project's state folder by default)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def result_path(self, key: str) -> Path:
        """Where the result of this key lives (whether or not it exists yet)."""
        return self.root / key[:2] / f"{key}{RESULT_SUFFIX}"

    def lookup(self, key: str, source_file: str) -> DocumentOutcome | None:
        """The stored outcome for this key, seen from `source_file`; None when not stored."""
        if not key:
            return None
        result = self.result_path(key)
        try:
            raw = result.with_name(f"{key}{OUTCOME_SUFFIX}").read_text(encoding="utf-8")
        except OSError:
            return None
        if not result.is_file():
            return None
        stored = DocumentOutcome.model_validate_json(raw)
        return stored.model_copy(update={"source_file": source_file, "cached": True, "seconds": 0})

    def save(self, result: DocumentResult, key: str, seconds: float = 0.0) -> DocumentOutcome:
        """Store a result under its key (atomically) and return its outcome.

        A result without a key (an unreadable file, a timeout, a crashed worker) is stored under
        `uncached/` for this run's outputs and is never found by `lookup`.
        """
        if key:
            path = self.result_path(key)
        else:
            name = hashlib.sha256(f"{result.source_file}|{result.finished_at}".encode()).hexdigest()
            path = self.root / "uncached" / f"{name[:24]}{RESULT_SUFFIX}"
        outcome = outcome_of(result, path, seconds)
        write_text_atomic(path, result.model_dump_json())
        # imported here: looking results up at start-up needs none of the output libraries
        from pipeline.write.tables import document_rows, rows_format

        rows = document_rows(result)
        stored_rows = {"format": rows_format(), **{t: getattr(rows, t) for t in _TABLES}}
        write_text_atomic(rows_path(path), json.dumps(stored_rows, ensure_ascii=False))
        if key:  # last: an outcome file marks a complete entry
            write_text_atomic(path.with_name(f"{key}{OUTCOME_SUFFIX}"), outcome.model_dump_json())
        return outcome


class PendingDocument(BaseModel):
    """A document whose result is not stored yet: its content hash and its cache key."""

    model_config = ConfigDict(frozen=True)

    sha256: str
    key: str


def partition_by_cache(
    pdfs: Sequence[Path],
    store: ResultStore,
    versions: tuple[str, str],
    settings_json: str,
    unskipped_json: str | None = None,
) -> tuple[dict[Path, DocumentOutcome], dict[Path, PendingDocument]]:
    """Split a batch into documents with a stored result and documents still to process.

    `unskipped_json`: other settings whose stored results serve too, except those of skipped
    documents: a run that processes every document (`--no-gate`) reuses what a run with the
    document gate processed, and reads only the documents the gate skipped.
    """
    stored: dict[Path, DocumentOutcome] = {}
    pending: dict[Path, PendingDocument] = {}
    for pdf in pdfs:
        sha256 = file_sha256(pdf)
        key = result_key(sha256, *versions, settings_json)
        found = store.lookup(key, str(pdf))
        if found is None and unskipped_json is not None:
            other = store.lookup(result_key(sha256, *versions, unskipped_json), str(pdf))
            found = other if other is not None and other.status != "skipped" else None
        if found is None:
            pending[pdf] = PendingDocument(sha256=sha256, key=key)
        else:
            stored[pdf] = found.model_copy(update={"sha256": sha256})
    return stored, pending


def outcome_of(result: DocumentResult, result_file: Path, seconds: float = 0.0) -> DocumentOutcome:
    """The small summary of a result that travels between tasks."""
    return DocumentOutcome(
        source_file=result.source_file,
        result_file=str(result_file),
        sha256=result.sha256,
        status=result.status,
        error=result.error,
        gate_reason=result.gate.reason if result.gate else "",
        pages=result.page_count,
        agreements=len(result.agreements),
        per_type={t: sum(a.type.type == t for a in result.agreements) for t in AGREEMENT_TYPES},
        seconds=round(seconds, 2),
    )


def load_result(outcome: DocumentOutcome) -> DocumentResult:
    """Read a stored result back, with the path the file has in this batch."""
    raw = Path(outcome.result_file).read_text(encoding="utf-8")
    result = DocumentResult.model_validate_json(raw)
    if result.source_file != outcome.source_file:  # same content found under another name
        result = result.model_copy(update={"source_file": outcome.source_file})
    return result


def rows_path(result_file: Path) -> Path:
    """Where the table rows of the result in result_file are stored."""
    return result_file.with_name(result_file.name.removesuffix(RESULT_SUFFIX) + ROWS_SUFFIX)


def load_rows(outcome: DocumentOutcome) -> DocumentRows:
    """A document's rows of the output tables as stored beside its result, with the path the
    file has in this batch. Made again from the result when they are missing (a result stored
    by an earlier version), unreadable, or made by other code than this (`rows_format`)."""
    from pipeline.write.tables import document_rows, rows_format

    try:
        stored = json.loads(rows_path(Path(outcome.result_file)).read_text(encoding="utf-8"))
        if stored["format"] != rows_format():
            raise ValueError("rows made by other code")
        rows = DocumentRows(**{t: stored[t] for t in _TABLES})
    except (OSError, ValueError, KeyError, TypeError):
        return document_rows(load_result(outcome))
    for row in (*rows.documenten, *rows.afspraken):  # same content found under another name
        if row["source_file"] != outcome.source_file:
            row["source_file"] = outcome.source_file
    return rows


def failed_result(
    path: Path, sha256: str, pipeline_version: str, model_version: str, error: str, started: str
) -> DocumentResult:
    """A failed result made outside the stage list (timeout, crashed worker, I/O failure)."""
    return DocumentResult(
        document_id=document_id(sha256, path),
        source_file=str(path),
        sha256=sha256,
        status="failed",
        error=error,
        pipeline_version=pipeline_version,
        model_version=model_version,
        started_at=started,
        finished_at=now(),
    )


def outputs_fingerprint(outcomes: Sequence[DocumentOutcome], output_dir: Path) -> str:
    """What the output files of a batch depend on: each result file and the name it had."""
    parts = [str(output_dir.resolve())]
    parts += [f"{o.result_file}|{o.source_file}" for o in outcomes]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class OutputsRecord:
    """Remembers which results the files in an output folder were written from.

    A batch whose results are the same as at the last write, into a folder whose files were not
    touched since (no file added, removed or changed: corrections, edits), skips writing.
    """

    def __init__(self, root: Path, output_dir: Path) -> None:
        self.output_dir = output_dir
        name = hashlib.sha256(str(output_dir.resolve()).encode()).hexdigest()[:24]
        self.path = root / "written" / f"{name}.json"

    def is_current(self, fingerprint: str) -> bool:
        """True when the folder was last written from the same results and is untouched."""
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return bool(
            record.get("fingerprint") == fingerprint and record.get("files") == self._stats()
        )

    def remember(self, fingerprint: str) -> None:
        """Record a completed write."""
        record = {"fingerprint": fingerprint, "files": self._stats(), "written_at": now()}
        write_text_atomic(self.path, json.dumps(record))

    def _stats(self) -> dict[str, list[int]]:
        """Size and modification time of every file in the output folder."""
        try:
            files = sorted(p for p in self.output_dir.rglob("*") if p.is_file())
            return {str(f): [f.stat().st_size, f.stat().st_mtime_ns] for f in files}
        except OSError:
            return {}


def now() -> str:
    """ISO 8601 time in UTC, as in `DocumentResult`."""
    return datetime.now(UTC).isoformat(timespec="seconds")
