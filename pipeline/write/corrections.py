"""The corrections store: reviewers' label corrections kept in an output folder, and applied.

In: correction records (`pipeline.write.workbook_import` makes them from a corrected workbook),
appended to `<output>/.corrections/corrections.jsonl`. Out: the `afspraken` table with the
reviewers' labels in place of the model's (`apply_corrections`, called on every write by
pipeline.write.tables): a correction applies while its agreement text is unchanged and is
reported as stale, never applied, when the text changed (docs/domain.md §6: audit offices
correct labels by hand and want the correction kept).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.models import SMART_LETTERS
from pipeline.write.atomic import write_text_atomic
from pipeline.write.label_columns import LABEL_FIELDS, LETTER_COLUMNS, NOT_AGREEMENT

log = logging.getLogger(__name__)

CORRECTIONS_DIR = ".corrections"
CORRECTIONS_FILE = "corrections.jsonl"
OUTPUT_ID_FILE = Path(".prestatie") / "output-id"
"""An output folder's identity (a random id made at its first write): a review workbook
carries it, so that it is never imported into another folder. It moves with the folder."""
STALE_FILE = "corrections_stale.csv"


def text_hash(text: str, lead_in: str = "") -> str:
    """Hash of the text a label judges (lead-in and agreement), whitespace-normalised."""
    normalised = " ".join(f"{lead_in}\n{text}".split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


# --- the store --------------------------------------------------------------------------


class Correction(dict[str, Any]):
    """One stored correction record (a JSON object; see `import_workbook` for its keys)."""


def corrections_path(output_dir: Path) -> Path:
    """Where the corrections of an output folder are kept."""
    return output_dir / CORRECTIONS_DIR / CORRECTIONS_FILE


def output_id(output_dir: Path, create: bool = False) -> str:
    """The folder's identity ('' when it has none and `create` is false)."""
    path = output_dir / OUTPUT_ID_FILE
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        if not create:
            return ""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, uuid.uuid4().hex + "\n")
    return path.read_text(encoding="utf-8").strip()


def load_corrections(output_dir: Path) -> dict[str, Correction]:
    """The latest correction per afspraak_id (later lines of the store win)."""
    path = corrections_path(output_dir)
    latest: dict[str, Correction] = {}
    if not path.exists():
        return latest
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = Correction(json.loads(line))
        except json.JSONDecodeError:
            log.warning("%s line %d is not valid JSON; skipped", path, number)
            continue
        latest[record["afspraak_id"]] = record
    return latest


def append_corrections(output_dir: Path, records: Sequence[Mapping[str, Any]]) -> Path:
    """Add records to the store; the file is rewritten atomically (old lines kept)."""
    path = corrections_path(output_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if old and not old.endswith("\n"):
        old += "\n"
    new = "".join(json.dumps(dict(r), ensure_ascii=False) + "\n" for r in records)
    write_text_atomic(path, old + new)
    return path


def review_notes(corrections: Mapping[str, Correction]) -> dict[str, dict[str, Any]]:
    """afspraak_id -> hard_case and note, to show earlier review notes in a new workbook."""
    return {
        a: {"hard_case": bool(c.get("hard_case")), "note": c.get("note", "")}
        for a, c in corrections.items()
    }


# --- applying the corrections ----------------------------------------------------------


@dataclass
class AppliedCorrections:
    """The `afspraken` table after corrections, and the corrections that could not apply."""

    frame: pd.DataFrame
    applied: int
    stale: pd.DataFrame
    carried_over: int = 0
    """Of `applied`: corrections made on another version of the document (same municipality
    and period, the agreement's text unchanged)."""


STALE_COLUMNS = (
    "afspraak_id",
    "document_id",
    "reason",
    "corrected_labels",
    "text_at_review",
    "text_now",
    "change",
    "imported_at",
)

NEAR_IDENTICAL_RATIO = 0.8
"""Default share of words two agreement texts must have in common (difflib's ratio over their
words) for a stale correction to name the agreement it was probably made on, with the change."""


@dataclass
class _Rows:
    """Where to find rows of the frame: by id, by document and text hash, by document."""

    hashes: list[str]
    by_id: dict[str, int]
    by_hash: dict[tuple[str, str], list[int]]
    by_document: dict[str, list[int]]
    by_area: dict[tuple[str, str], list[str]]

    @classmethod
    def of(cls, frame: pd.DataFrame) -> _Rows:
        hashes = [text_hash(t, li) for t, li in zip(frame["text"], frame["lead_in"], strict=True)]
        by_hash: dict[tuple[str, str], list[int]] = {}
        by_document: dict[str, list[int]] = {}
        by_area: dict[tuple[str, str], list[str]] = {}
        for i, (doc, h) in enumerate(zip(frame["document_id"], hashes, strict=True)):
            by_hash.setdefault((doc, h), []).append(i)
            by_document.setdefault(doc, []).append(i)
        documents = frame.drop_duplicates("document_id")
        for doc, municipality, start in zip(
            documents["document_id"],
            documents["municipality"],
            documents["period_start"],
            strict=True,
        ):
            by_area.setdefault(_area(municipality, start), []).append(doc)
        return cls(
            hashes=hashes,
            by_id={a: i for i, a in enumerate(frame["afspraak_id"])},
            by_hash=by_hash,
            by_document=by_document,
            by_area=by_area,
        )


def _area(municipality: object, period_start: object) -> tuple[str, str]:
    """Municipality and first year: documents with the same are versions of one agreement."""
    start = "" if period_start is None or period_start is pd.NA else str(period_start)
    if start.endswith(".0"):
        start = start[:-2]
    return (str(municipality or "").strip().lower(), start)


def apply_corrections(
    afspraken: pd.DataFrame,
    corrections: Mapping[str, Correction],
    near_identical: float = NEAR_IDENTICAL_RATIO,
) -> AppliedCorrections:
    """Replace model labels by the reviewer's where the agreement text is unchanged.

    A correction matches its afspraak_id when the text hash is equal; failing that, the one row
    of the same document with that text hash (ids may change when segmentation changes). When
    its document is not in the frame, the correction follows the agreement to another version
    of the document (same municipality and period, e.g. the PDF saved again or revised): the
    row there with the same text is corrected (carried over). A correction that matches no row
    is stale: reported with the nearest text (at least `near_identical` alike) and the change,
    never applied. Corrections for documents without such a version in the frame are left
    alone; another document of the same municipality and period counts as a version only when
    some of the document's corrections are found in it, exactly or nearly.
    """
    frame = afspraken.copy()
    if frame.empty or not corrections:
        return AppliedCorrections(frame, 0, pd.DataFrame(columns=list(STALE_COLUMNS)))
    rows = _Rows.of(frame)
    targets, unmatched = _match_in_own_document(rows, corrections)
    carried, stale_rows = _follow_unmatched(frame, rows, unmatched, targets, near_identical)
    columns = list(frame.columns)
    for row, corr in targets.items():
        for name in LABEL_FIELDS:
            if name in corr["labels"]:
                frame.iat[row, columns.index(name)] = corr["labels"][name]
        frame.iat[row, columns.index("label_source")] = "human"
        frame.iat[row, columns.index("needs_review")] = False
    stale = pd.DataFrame(stale_rows, columns=list(STALE_COLUMNS))
    return AppliedCorrections(frame, len(targets), stale, carried_over=carried)


def _match_in_own_document(
    rows: _Rows, corrections: Mapping[str, Correction]
) -> tuple[dict[int, Correction], list[tuple[str, Correction]]]:
    """Row -> correction for those found in their own document, and the others in order."""
    targets: dict[int, Correction] = {}
    unmatched: list[tuple[str, Correction]] = []
    for afspraak_id, corr in corrections.items():
        row = rows.by_id.get(afspraak_id)
        if row is not None and rows.hashes[row] == corr["text_hash"]:
            targets[row] = corr
            continue
        candidates = rows.by_hash.get((corr.get("document_id", ""), corr["text_hash"]), [])
        if len(candidates) == 1 and candidates[0] not in targets:
            targets[candidates[0]] = corr
            continue
        unmatched.append((afspraak_id, corr))
    return targets, unmatched


def _follow_unmatched(
    frame: pd.DataFrame,
    rows: _Rows,
    unmatched: list[tuple[str, Correction]],
    targets: dict[int, Correction],
    near_identical: float,
) -> tuple[int, list[dict[str, Any]]]:
    """Carry corrections of a document that is gone over to a version of it (added to
    targets); the count carried over and the stale records of the rest."""
    carried = 0
    stale_rows: list[dict[str, Any]] = []
    # corrections of a document that is gone, by that document: they count as stale only when
    # some of them were found (exactly or nearly) in another document of its municipality and
    # period, so that this document is a version of theirs and not just another one
    elsewhere: dict[str, list[dict[str, Any]]] = {}
    versions_of: set[str] = set()
    for afspraak_id, corr in unmatched:
        row = rows.by_id.get(afspraak_id)
        own = corr.get("document_id", "")
        if row is None and own in rows.by_document and marks_not_agreement(corr):
            continue  # a table written after the review no longer holds the row
        if row is not None or own in rows.by_document:
            scope = rows.by_document.get(own, [])
            stale_rows.append(_stale_record(frame, afspraak_id, corr, row, scope, near_identical))
            continue
        versions = rows.by_area.get(_area(corr.get("municipality"), corr.get("period_start")))
        if not versions or not corr.get("municipality"):
            continue  # no version of its document in this frame: left alone
        found = [
            i
            for doc in versions
            for i in rows.by_hash.get((doc, corr["text_hash"]), [])
            if i not in targets
        ]
        if found:
            targets[found[0]] = corr
            carried += 1
            versions_of.add(own)
            continue
        scope = [i for doc in versions for i in rows.by_document[doc]]
        replaced_by = ", ".join(
            dict.fromkeys(str(frame["source_file"].iloc[rows.by_document[d][0]]) for d in versions)
        )
        record = _stale_record(frame, afspraak_id, corr, None, scope, near_identical, replaced_by)
        if record["text_now"]:
            versions_of.add(own)
        elsewhere.setdefault(own, []).append(record)
    for own, records in elsewhere.items():
        if own in versions_of:
            stale_rows += records
    return carried, stale_rows


def _stale_record(
    frame: pd.DataFrame,
    afspraak_id: str,
    corr: Correction,
    row: int | None,
    scope: Sequence[int],
    near_identical: float,
    replaced_by: str = "",
) -> dict[str, Any]:
    """A correction that applies to no row, with the text it was probably made on now (its
    own row, else the nearest in scope) and why; replaced_by names its document's versions."""
    before = " ".join(str(corr.get("text", "")).split())
    near = row if row is not None else _nearest(frame, scope, before, near_identical)
    now = str(frame["text"].iloc[near]) if near is not None else ""
    if replaced_by:
        reason = (
            f"its document was replaced by {replaced_by} (same municipality and period) and "
            + ("the agreement's text changed" if now else "the agreement is not in it")
        )
    elif row is not None:
        reason = "agreement text changed since the review"
    else:
        reason = "agreement no longer found in the document (its text changed)"
    return {
        "afspraak_id": afspraak_id,
        "document_id": corr.get("document_id", ""),
        "reason": reason,
        "corrected_labels": describe_labels(corr["labels"]),
        "text_at_review": corr.get("text", ""),
        "text_now": now,
        "change": describe_change(before, now) if before and now else "",
        "imported_at": corr.get("imported_at", ""),
    }


def marks_not_agreement(corr: Mapping[str, Any]) -> bool:
    """Whether a correction says its row is not an agreement (`geen afspraak`)."""
    return bool(corr.get("labels", {}).get("type") == NOT_AGREEMENT)


def exclude_not_agreements(afspraken: pd.DataFrame) -> tuple[pd.DataFrame, set[str]]:
    """The table without the rows a reviewer marked `geen afspraak`, and their ids."""
    marked = afspraken["type"] == NOT_AGREEMENT
    if not marked.any():
        return afspraken, set()
    return afspraken[~marked].reset_index(drop=True), set(afspraken.loc[marked, "afspraak_id"])


def _nearest(frame: pd.DataFrame, scope: Sequence[int], text: str, least: float) -> int | None:
    """The row in scope whose text is most like `text`, if at least `least` alike."""
    if not text:
        return None
    words = text.lower().split()
    best, best_ratio = None, least
    for i in scope:
        matcher = difflib.SequenceMatcher(None, words, str(frame["text"].iloc[i]).lower().split())
        if matcher.quick_ratio() >= best_ratio and matcher.ratio() >= best_ratio:
            best, best_ratio = i, matcher.ratio()
    return best


def describe_change(before: str, after: str) -> str:
    """What changed between two texts, word by word: `'60' -> '80'; + 'words'; - 'words'`."""
    old, new = before.split(), after.split()
    parts = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        removed, added = " ".join(old[a0:a1]), " ".join(new[b0:b1])
        if op == "replace":
            parts.append(f"'{removed}' -> '{added}'")
        elif op == "delete":
            parts.append(f"- '{removed}'")
        elif op == "insert":
            parts.append(f"+ '{added}'")
    return "; ".join(parts)


def describe_labels(labels: Mapping[str, Any]) -> str:
    """Labels in one line: 'concreet (kwantitatief), nieuwbouw, SMART deels (S M T)'."""
    kind = f" ({labels['concrete_kind']})" if labels.get("concrete_kind") else ""
    letters = " ".join(
        x for x, c in zip(SMART_LETTERS, LETTER_COLUMNS, strict=True) if labels.get(c)
    )
    return (
        f"{labels.get('type', '')}{kind}, {labels.get('theme_code', '')}, "
        f"SMART {labels.get('smart', '')} ({letters or '-'})"
    )
