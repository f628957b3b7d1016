"""The dataset an output folder holds: which documents, kept from one run to the next.

In: the outcomes of a batch and the record of the documents the folder held before
(`.prestatie/dataset.json`). Out: the documents to write (the batch's new and updated files,
the others kept from earlier runs with their stored results), identical files counted once,
and the record written again. An output folder is an audit office's dataset: a run over one
new file adds it and keeps the rest, `--replace` starts again from the batch, and
`prestatie remove` takes a document out (issue 19, item 7; identical files: item 8).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from pipeline.models import DocumentRows
from pipeline.write.atomic import write_text_atomic
from pipeline.write.cache import DocumentOutcome

log = logging.getLogger(__name__)

DATASET_FILE = Path(".prestatie") / "dataset.json"
DATASET_FORMAT = 1


class DatasetRecord(BaseModel):
    """What an output folder holds: one outcome per input file, in the order of the outputs."""

    model_config = ConfigDict(frozen=True)

    format: int = DATASET_FORMAT
    documents: list[DocumentOutcome] = Field(default_factory=list)


class MergedDataset(BaseModel):
    """The documents of a write: this batch's files and those kept from earlier runs."""

    model_config = ConfigDict(frozen=True)

    documents: list[DocumentOutcome] = Field(description="every file, earlier order first")
    kept: int = Field(0, description="documents kept from earlier runs (not in this batch)")
    lost: list[str] = Field(
        default_factory=list,
        description="files of earlier runs dropped because their stored result is gone",
    )


class DistinctDocuments(BaseModel):
    """The documents to write, each content once, and the other files with that content."""

    model_config = ConfigDict(frozen=True)

    documents: list[DocumentOutcome]
    duplicates: dict[str, list[str]] = Field(
        default_factory=dict, description="kept file -> other files with the same content"
    )

    @property
    def duplicate_pairs(self) -> list[tuple[str, str]]:
        """(duplicate file, the file it duplicates), in order."""
        return [(dup, kept) for kept, dups in self.duplicates.items() for dup in dups]


class DatasetError(Exception):
    """A request about an output folder's dataset that cannot be met; the message says why."""


def dataset_path(output_dir: Path) -> Path:
    """Where an output folder keeps the record of its documents."""
    return output_dir / DATASET_FILE


def load_dataset(output_dir: Path) -> list[DocumentOutcome]:
    """The documents the folder held after its last write ([] for a new folder, or one written
    before the record existed)."""
    try:
        raw = dataset_path(output_dir).read_text(encoding="utf-8")
    except OSError:
        return []
    try:
        return list(DatasetRecord.model_validate_json(raw).documents)
    except ValueError:
        log.warning("The record of documents in %s is unreadable; it starts again.", output_dir)
        return []


def save_dataset(output_dir: Path, documents: Sequence[DocumentOutcome]) -> None:
    """Record the documents just written into the folder (cache flags dropped)."""
    plain = [
        d.model_copy(
            update={
                "cached": False,
                "seconds": 0.0,
                "result_file": str(Path(d.result_file).resolve()),
            }
        )
        for d in documents
    ]
    record = DatasetRecord(documents=plain)
    write_text_atomic(
        dataset_path(output_dir), json.dumps(record.model_dump(mode="json"), indent=1)
    )


def merge_dataset(
    batch: Sequence[DocumentOutcome], earlier: Sequence[DocumentOutcome]
) -> MergedDataset:
    """The batch's files added to the earlier dataset: a file of the batch replaces the earlier
    entry of the same path, in its place; new files come after; the others are kept as long as
    their stored result exists (whether or not their PDF still does)."""
    by_path = {_path_key(o.source_file): o for o in batch}
    documents: list[DocumentOutcome] = []
    kept = 0
    lost: list[str] = []
    for old in earlier:
        key = _path_key(old.source_file)
        if key in by_path:
            documents.append(by_path.pop(key))
        elif Path(old.result_file).is_file():
            documents.append(old.model_copy(update={"cached": True, "seconds": 0.0}))
            kept += 1
        else:
            lost.append(old.source_file)
    documents += by_path.values()
    return MergedDataset(documents=documents, kept=kept, lost=lost)


def distinct_documents(documents: Sequence[DocumentOutcome]) -> DistinctDocuments:
    """Each content once: of the files with the same sha256 the first is kept, the others are
    listed as its duplicates (a file that could not be read is always its own document)."""
    first: dict[str, DocumentOutcome] = {}
    kept: list[DocumentOutcome] = []
    duplicates: dict[str, list[str]] = {}
    for outcome in documents:
        original = first.get(outcome.sha256) if outcome.sha256 else None
        if original is None:
            if outcome.sha256:
                first[outcome.sha256] = outcome
            kept.append(outcome)
        else:
            duplicates.setdefault(original.source_file, []).append(outcome.source_file)
    return DistinctDocuments(documents=kept, duplicates=duplicates)


def select_documents(documents: Sequence[DocumentOutcome], selector: str) -> list[DocumentOutcome]:
    """The documents a user names: a document_id (or the start of the sha256, 8 digits at
    least), the path of a file, or a file name that only one document has."""
    wanted = selector.strip()
    if not wanted:
        return []
    by_id = [
        d
        for d in documents
        if d.document_id == wanted or (len(wanted) >= 8 and d.sha256.startswith(wanted.lower()))
    ]
    if by_id:
        return by_id
    path = _path_key(wanted)
    by_path = [d for d in documents if _path_key(d.source_file) == path]
    if by_path:
        return by_path
    by_name = [d for d in documents if Path(d.source_file).name == Path(wanted).name]
    if len(by_name) > 1:
        names = ", ".join(d.source_file for d in by_name)
        raise DatasetError(f"'{selector}' names {len(by_name)} files ({names}); give the path.")
    return by_name


def remove_documents(output_dir: Path, selectors: Sequence[str]) -> list[DocumentOutcome]:
    """Take documents out of an output folder's dataset and write its outputs again.

    Every selector must name a document of the folder; otherwise nothing is changed.
    """
    from pipeline.write.cache import load_rows
    from pipeline.write.tables import write_document_rows

    documents = load_dataset(output_dir)
    if not documents:
        raise DatasetError(
            f"{output_dir} has no record of its documents (written by an older version, or not "
            "an output folder); run `prestatie run ... --replace` to start it again."
        )
    removed: list[DocumentOutcome] = []
    for selector in selectors:
        found = select_documents(documents, selector)
        if not found:
            raise DatasetError(
                f"No document '{selector}' in {output_dir}; documenten.csv lists document_id "
                "and source_file of each."
            )
        removed += [d for d in found if d not in removed]
    remaining = [d for d in documents if d not in removed]
    missing = [d.source_file for d in remaining if not Path(d.result_file).is_file()]
    if missing:
        raise DatasetError(
            f"The stored results of {len(missing)} document(s) of {output_dir} are gone (was "
            f"the state folder deleted?): {', '.join(missing)}. Run `prestatie run ... "
            "--replace` over the files to keep."
        )
    distinct = distinct_documents(remaining)
    write_document_rows(
        (with_duplicates(load_rows(o), distinct.duplicates) for o in distinct.documents),
        output_dir,
    )
    save_dataset(output_dir, remaining)
    return removed


def with_duplicates(rows: DocumentRows, duplicates: dict[str, list[str]]) -> DocumentRows:
    """A document's rows with the other files of the same content in `duplicate_files`."""
    for row in rows.documenten:
        row["duplicate_files"] = "; ".join(duplicates.get(row["source_file"], []))
    return rows


def _path_key(source_file: str) -> str:
    """A file's path as the dataset compares it: absolute, links resolved."""
    return str(Path(source_file).expanduser().resolve())
