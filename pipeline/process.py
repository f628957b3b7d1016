"""The document stage list: one PDF path in, one `DocumentResult` out.

quick look -> early gate -> read -> metadata -> segment -> gate -> analyse cues -> classify ->
smart. The quick look (`pipeline.read.preview`) takes a PDF's text layer in milliseconds, and the
document gate skips a clear non-agreement on it without the full read. Any failure becomes a
`status=failed` result with a sentence the user understands; nothing is raised to the caller,
so one bad file never stops a batch. A document read without its damaged pages is `partial`; one
the document gate does not take for prestatieafspraken is `skipped` and is not labelled.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import logging
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import spacy
from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language

from pipeline.identity import document_id, file_sha256
from pipeline.label.agreements import LabelSettings, Resources, label_agreements
from pipeline.label.cues import CueMatcher
from pipeline.label.gate import GateSettings, gate_document, gate_preview
from pipeline.label.metadata import extract_metadata
from pipeline.label.segment import SegmentSettings, segment_document
from pipeline.models import DocumentContent, DocumentResult, GateDecision, TextPreview
from pipeline.read import (
    PreviewSettings,
    ReadError,
    ReadSettings,
    preview_document,
    read_document,
)

log = logging.getLogger(__name__)

RULES_MODEL_VERSION = "rules-0.1.0"


def pipeline_version() -> str:
    """The installed package version, part of every output row."""
    try:
        return version("prestatie")
    except PackageNotFoundError:
        return "0+unknown"


class PipelineSettings(BaseModel):
    """All stage settings of one run, validated together."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    read: ReadSettings = Field(default_factory=ReadSettings, description="the read stage")
    preview: PreviewSettings = Field(
        default_factory=PreviewSettings,
        description="the quick look at the text before the full read, for the document gate",
    )
    segment: SegmentSettings = Field(
        default_factory=SegmentSettings, description="how agreements are found in the text"
    )
    gate: GateSettings = Field(
        default_factory=GateSettings,
        description="whether a document holds prestatieafspraken (the document gate)",
    )
    label: LabelSettings = Field(
        default_factory=LabelSettings,
        description="metadata, cues, type, theme and SMART (the label stage)",
    )
    models: Path | None = Field(
        None,
        description="an audit office's adapted models (a folder written by `prestatie learn`) "
        "applied over the base models; None: the base models alone",
    )

    def gated_json(self) -> str | None:
        """With `gate.process_all`: the same settings with the gate on, whose stored results
        serve this run too except for skipped documents (see `partition_by_cache`); else None."""
        if not self.gate.process_all:
            return None
        gated = self.gate.model_copy(update={"process_all": False})
        return self.model_copy(update={"gate": gated}).model_dump_json()


def load_language() -> Language:
    """The project's trained Dutch pipeline when it is present, else spaCy's Dutch tokenizer."""
    from pipeline.label.nlp import DEFAULT_MODEL_PATH, load_dutch_pipeline

    if (DEFAULT_MODEL_PATH / "meta.json").exists():
        return load_dutch_pipeline()
    log.warning("no trained Dutch pipeline in %s: using the tokenizer only", DEFAULT_MODEL_PATH)
    return spacy.blank("nl")


GC_YOUNG_THRESHOLD = 50_000
"""Allocations between two collections of the youngest generation in a worker (Python's
default is 700): reading a page allocates that many objects in bursts, and most die young."""


def tune_garbage_collector() -> None:
    """Set up the cyclic garbage collector of a worker process once its models are loaded.

    Reading a page allocates tens of thousands of small objects, so the collector ran very
    often, and each full collection walked every object of the loaded models again. Freezing
    what is loaded keeps it out of those scans (frozen objects are never collected, so this is
    for a process whose models live as long as it does), and a higher young-generation
    threshold runs the collector less often. Together about 15% of a document's processing.
    """
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)


def resources_version(models: Path | None = None) -> str:
    """The version of the language resources, read from the model metadata without loading
    them (cheap: used to key cached results); with an office's adapted models, their name."""
    from pipeline.label.nlp import DEFAULT_MODEL_PATH, model_version
    from pipeline.modelfiles import SMART_MODEL_DIR, TYPE_MODEL_DIR, settings_digest

    if models is not None:
        from pipeline.label.adaptation import adaptation_version, load_adaptation

        return f"{resources_version()}+{adaptation_version(load_adaptation(models), models)}"

    versions = [RULES_MODEL_VERSION]
    if (DEFAULT_MODEL_PATH / "meta.json").exists():
        versions.append(model_version(DEFAULT_MODEL_PATH))
    for folder in (TYPE_MODEL_DIR, SMART_MODEL_DIR):
        meta_path = folder / "meta.json"
        if meta_path.exists():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            digest = settings_digest(folder)
            versions.append(f"{meta['name']}-{meta['version']}" + (f"~{digest}" if digest else ""))
    return "+".join(versions)


@lru_cache(maxsize=1)
def load_resources() -> Resources:
    """Load the language resources once per process."""
    from pipeline.label.smartmodel import load_smart_model
    from pipeline.label.typemodel import load_type_model
    from pipeline.modelfiles import SMART_MODEL_DIR, TYPE_MODEL_DIR

    nlp = load_language()
    type_model = None
    if (TYPE_MODEL_DIR / "meta.json").exists():
        type_model = load_type_model(TYPE_MODEL_DIR)
    smart_model = None
    if (SMART_MODEL_DIR / "meta.json").exists():
        smart_model = load_smart_model(SMART_MODEL_DIR)
    return Resources(
        cue_matcher=CueMatcher(nlp),
        model_version=resources_version(),
        type_model=type_model,
        smart_model=smart_model,
    )


_ADAPTED: dict[tuple[int, str, str], Resources] = {}


def with_models(resources: Resources, models: Path | None) -> Resources:
    """The resources with an office's adapted models over their base models (loaded once per
    process and version of the adaptation file); the resources as they are without."""
    if models is None:
        return resources
    from pipeline.label.adaptation import adapted_models
    from pipeline.modelfiles import adaptation_digest

    key = (id(resources), str(models.resolve()), adaptation_digest(models))
    if key not in _ADAPTED:
        type_model, smart_model = adapted_models(
            models, resources.type_model, resources.smart_model
        )
        _ADAPTED[key] = dataclasses.replace(
            resources,
            model_version=resources_version(models),
            type_model=type_model,
            smart_model=smart_model,
        )
    return _ADAPTED[key]


ReadStage = Callable[[Path, ReadSettings], DocumentContent]
PreviewStage = Callable[[Path, ReadSettings, PreviewSettings], TextPreview | None]


def process_document(
    path: Path,
    settings: PipelineSettings | None = None,
    resources: Resources | None = None,
    read: ReadStage | None = None,
    preview: PreviewStage | None = None,
) -> DocumentResult:
    """Run the stage list on one file; failures become a failed result, never an exception.
    `read` stands in for the read stage (a store of earlier read results), `preview` for the
    quick look (the store's, which looks only at files it has not read); by default the PDF is
    read."""
    settings = settings or PipelineSettings()
    resources = with_models(resources or load_resources(), settings.models)
    started = _now()
    sha256 = file_sha256(path)
    base = {
        "document_id": document_id(sha256, path),
        "source_file": str(path),
        "sha256": sha256,
        "pipeline_version": pipeline_version(),
        "model_version": resources.model_version,
        "started_at": started,
    }
    try:
        early = _early_gate(path, settings, preview or preview_document)
        if early is not None:
            page_count, gate = early
            return DocumentResult(
                status="skipped", page_count=page_count, gate=gate, finished_at=_now(), **base
            )
        content = (read or read_document)(path, settings.read)
        metadata = extract_metadata(content, settings.label.metadata)
        agreements = segment_document(content, settings.segment)
        gate = _gate(content, settings.gate)
        skipped = not (gate.accepted or gate.forced)
        labelled = []
        if not skipped:
            labelled = label_agreements(
                agreements, metadata, base["document_id"], resources, settings.label
            )
    except ReadError as exc:
        return DocumentResult(status="failed", error=str(exc), finished_at=_now(), **base)
    except MemoryError:
        error = (
            "The file needs more memory than the per-document limit allows; it may be a "
            "decompression bomb or extremely large."
        )
        return DocumentResult(status="failed", error=error, finished_at=_now(), **base)
    except Exception as exc:  # a bug must not take the batch down; keep the trace in the log
        log.error("unexpected error in %s:\n%s", path, traceback.format_exc())
        return DocumentResult(
            status="failed",
            error=f"Internal error while processing the file ({type(exc).__name__}: {exc}).",
            finished_at=_now(),
            **base,
        )
    return DocumentResult(
        status="skipped" if skipped else "partial" if content.damaged_pages else "ok",
        error=_damaged_pages_error(content.damaged_pages, content.page_count),
        page_count=content.page_count,
        damaged_pages=content.damaged_pages,
        excluded_chars=content.account.excluded,
        metadata=metadata,
        gate=gate,
        agreements=labelled,
        finished_at=_now(),
        **base,
    )


def _early_gate(
    path: Path, settings: PipelineSettings, preview: PreviewStage
) -> tuple[int, GateDecision] | None:
    """The page count and the gate's skip decision from the quick look at the text, when the
    gate is sure; None (read the document in full) otherwise, and always with `--no-gate`."""
    if settings.gate.process_all or not settings.gate.early:
        return None
    looked = preview(path, settings.read, settings.preview)
    if looked is None:
        return None
    decision = gate_preview(looked, settings.gate)
    return None if decision is None else (looked.page_count, decision)


def _gate(content: DocumentContent, settings: GateSettings) -> GateDecision:
    """The gate's decision, and whether a document it does not accept is processed anyway: when
    the run asks for every document, or when pages are damaged (the gate cannot judge text it
    could not read, so such a document stays `partial` rather than being skipped)."""
    decision = gate_document(content, settings)
    if decision.accepted:
        return decision
    if settings.process_all:
        reason = f"verwerkt op verzoek (--no-gate); {decision.reason}"
    elif content.damaged_pages:
        reason = f"niet overgeslagen: {len(content.damaged_pages)} pagina('s) beschadigd; "
        reason += decision.reason
    else:
        return decision
    return decision.model_copy(update={"forced": True, "reason": reason})


def _damaged_pages_error(damaged: list[int], page_count: int) -> str:
    """The sentence for a document read without its damaged pages; '' when none were."""
    if not damaged:
        return ""
    pages = ", ".join(map(str, damaged))
    which = f"Page {pages} is" if len(damaged) == 1 else f"Pages {pages} are"
    return (
        f"{which} damaged and could not be read; the other {page_count - len(damaged)} "
        f"of {page_count} pages were read."
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
