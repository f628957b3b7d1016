"""In-process measurements of one document, run in a child process of the benchmark.

`python -m benchmarks.stages stages PDF --runs N` prints one JSON object: per run the floors
(pypdfium2 plain text, plain pdfplumber words + table finder) and every stage of the pipeline
timed as `pipeline/process.py` and `pipeline/label/agreements.py` call it, plus the write stage
and the process's peak memory
after the first document (what a worker process holds). `spacy PDF...` times the Dutch
language pipeline alone with `nlp.pipe`; `profile PDF` profiles the read stage with cProfile.
`plain PDF...` times `process_document` over the files in one process set up as a worker, with
no Prefect around it; `write STATE_DIR` times writing the outputs of the results stored there.
A fresh process per document keeps one document's memory out of the next one's figures.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import logging
import pstats
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]

STAGES = ("read", "metadata", "segment", "classify", "smart")
"""Stage names as in README "Stages"; classify includes the cue analysis."""


def pdfium_floor(path: Path) -> float:
    """Seconds for pypdfium2's plain text of every page."""
    import pypdfium2

    clock = time.perf_counter()
    document = pypdfium2.PdfDocument(str(path))
    try:
        for i in range(len(document)):
            page = document[i]
            text_page = page.get_textpage()
            text_page.get_text_range()
            text_page.close()
            page.close()
    finally:
        document.close()
    return time.perf_counter() - clock


def pdfplumber_floor(path: Path) -> float:
    """Seconds for pdfplumber's words and table finder on every page, nothing else."""
    import pdfplumber

    clock = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.find_tables()
            page.close()
    return time.perf_counter() - clock


class StageClock:
    """Accumulates the seconds spent in named functions while installed."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """`function`, timed under `name`."""

        def timed(*args: Any, **kwargs: Any) -> Any:
            clock = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - clock

        return timed

    def take(self) -> dict[str, float]:
        """The seconds gathered since the last call, and start again."""
        taken, self.seconds = self.seconds, {}
        return taken


@contextmanager
def timed_stages(clock: StageClock, resources: Any) -> Iterator[None]:
    """Time the stage functions in the namespaces where they are looked up: the stage list
    (`pipeline.process`) and the label stage's entry (`pipeline.label.agreements`)."""
    from pipeline import process
    from pipeline.label import agreements

    names = {
        (process, "read_document"): "read",
        (process, "extract_metadata"): "metadata",
        (process, "segment_document"): "segment",
        (process, "label_agreements"): "label",
        (agreements, "assess_smart"): "smart",
    }
    originals = {key: getattr(*key) for key in names}
    matcher = resources.cue_matcher
    analyse = matcher.analyse_many
    # A learned SMART model (when the resources have one) is part of the smart stage.
    smart_model = getattr(resources, "smart_probabilities", None)
    try:
        for (module, attr), name in names.items():
            setattr(module, attr, clock.wrap(name, originals[(module, attr)]))
        matcher.analyse_many = clock.wrap("cues", analyse)
        if smart_model is not None:  # Resources is frozen: set the attribute around it
            object.__setattr__(resources, "smart_probabilities", clock.wrap("smart", smart_model))
        yield
    finally:
        for (module, attr), original in originals.items():
            setattr(module, attr, original)
        del matcher.analyse_many
        if smart_model is not None:
            object.__delattr__(resources, "smart_probabilities")


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_document(path: Path, runs: int, texts_out: Path | None = None) -> dict[str, Any]:
    """Floors and stages of one document, `runs` times, side by side in each run."""
    from pipeline.process import (
        PipelineSettings,
        load_resources,
        process_document,
        tune_garbage_collector,
    )
    from pipeline.write.tables import write_outputs

    clock = time.perf_counter()
    resources = load_resources()
    load_seconds = time.perf_counter() - clock
    tune_garbage_collector()  # as a worker process does
    settings = PipelineSettings()
    stage_clock = StageClock()
    samples: dict[str, list[float]] = {}
    worker_peak = 0.0
    result: Any = None
    with timed_stages(stage_clock, resources):
        for run in range(runs):
            clock, cpu = time.perf_counter(), time.process_time()
            result = process_document(path, settings, resources)
            total = time.perf_counter() - clock
            cpu_total = time.process_time() - cpu
            if result.status != "ok":
                raise RuntimeError(f"{path.name}: {result.error}")
            if run == 0:
                worker_peak = peak_rss_mb()
            stages = stage_clock.take()
            label = stages.pop("label")
            stages["classify"] = label - stages["smart"]
            stages["process_document"] = total
            with tempfile.TemporaryDirectory(prefix="bench-write-") as out:
                clock = time.perf_counter()
                write_outputs([result], Path(out))
                stages["write"] = time.perf_counter() - clock
            stages["cpu_process_document"] = cpu_total
            stages["pdfium"] = pdfium_floor(path)
            cpu = time.process_time()
            stages["pdfplumber"] = pdfplumber_floor(path)
            stages["cpu_pdfplumber"] = time.process_time() - cpu
            for name, seconds in stages.items():
                samples.setdefault(name, []).append(seconds)
    if texts_out is not None:
        texts = []
        for labelled in result.agreements:
            agreement = labelled.agreement
            lead = f"{agreement.lead_in} " if agreement.lead_in else ""
            texts.append(lead + agreement.text)
            texts += [f"{c.party}: {c.text}" for c in agreement.contributions]
        texts_out.write_text(json.dumps(texts), encoding="utf-8")
    return {
        "file": str(path),
        "pages": result.page_count,
        "agreements": len(result.agreements),
        "contributions": sum(len(a.contributions) for a in result.agreements),
        "chars": text_chars(path),
        "runs": runs,
        "seconds": samples,
        "load_resources_seconds": load_seconds,
        "model_version": resources.model_version,
        "worker_peak_rss_mb": worker_peak,
        "peak_rss_mb": peak_rss_mb(),
    }


def measure_plain(paths: list[Path]) -> dict[str, Any]:
    """`process_document` over the files, one after another, in a process set up as a worker
    (resources loaded, collector tuned): the documents' work without any orchestration."""
    from pipeline.process import load_resources, process_document, tune_garbage_collector

    resources = load_resources()
    tune_garbage_collector()
    clock = time.perf_counter()
    for path in paths:
        process_document(path, None, resources)
    return {"documents": len(paths), "seconds": time.perf_counter() - clock}


def measure_write(state_dir: Path) -> dict[str, Any]:
    """Writing the outputs of every result stored under state_dir into an empty folder from
    the rows stored beside them, as a batch does: the first write of a fresh process (here
    without an idle worker for the workbook)."""
    from pipeline.write.cache import OUTCOME_SUFFIX, DocumentOutcome, load_rows
    from pipeline.write.tables import write_document_rows

    files = sorted(state_dir.rglob(f"*{OUTCOME_SUFFIX}"))
    clock = time.perf_counter()
    outcomes = [DocumentOutcome.model_validate_json(f.read_text(encoding="utf-8")) for f in files]
    with tempfile.TemporaryDirectory(prefix="bench-write-") as out:
        write_document_rows((load_rows(o) for o in outcomes), Path(out))
    return {"documents": len(outcomes), "seconds": time.perf_counter() - clock}


def text_chars(path: Path) -> int:
    """Non-blank characters of the text layer (pypdfium2), to state how dense the pages are."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        count = 0
        for i in range(len(document)):
            page = document[i]
            text_page = page.get_textpage()
            count += len("".join(text_page.get_text_range().split()))
            text_page.close()
            page.close()
        return count
    finally:
        document.close()


def measure_language(text_files: list[Path], runs: int) -> dict[str, Any]:
    """Words per second of the Dutch language pipeline alone (`nlp.pipe`) on agreement texts."""
    from pipeline.process import load_language

    texts: list[str] = []
    for text_file in text_files:
        texts += json.loads(text_file.read_text(encoding="utf-8"))
    clock = time.perf_counter()
    nlp = load_language()
    load_seconds = time.perf_counter() - clock
    words = sum(len(t.split()) for t in texts)
    seconds: list[float] = []
    tokens = 0
    for _ in range(runs):
        clock = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
        seconds.append(time.perf_counter() - clock)
    meta = nlp.meta
    return {
        "texts": len(texts),
        "words": words,
        "tokens": tokens,
        "seconds": seconds,
        "pipe_names": list(nlp.pipe_names),
        "model": f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}",
        "trained": bool(nlp.pipe_names),
        "load_seconds": load_seconds,
    }


def profile_read(path: Path, top: int) -> dict[str, Any]:
    """cProfile of the read stage on one document: the functions with most own and total time."""
    from pipeline.read import read_document

    profiler = cProfile.Profile()
    clock = time.perf_counter()
    profiler.enable()
    read_document(path)
    profiler.disable()
    wall = time.perf_counter() - clock
    stats = pstats.Stats(profiler)
    rows = []
    for (filename, line, function), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(
            {
                "function": f"{_short(filename)}:{line}({function})",
                "calls": calls,
                "own": own,
                "cumulative": cumulative,
            }
        )
    total = float(stats.total_tt)  # type: ignore[attr-defined]
    by_own = sorted(rows, key=lambda r: -r["own"])[:top]
    by_cumulative = sorted(rows, key=lambda r: -r["cumulative"])
    by_cumulative = [r for r in by_cumulative if not r["function"].startswith("~")][: top + 4]
    return {
        "file": str(path),
        "wall": wall,
        "total": total,
        "own": by_own,
        "cumulative": by_cumulative,
    }


def _short(filename: str) -> str:
    """A path relative to site-packages or the project, to keep the table narrow."""
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1]
    return filename.removeprefix(str(PROJECT) + "/")


def main(argv: list[str] | None = None) -> int:
    """Command line of the child process; the JSON answer is the last line on stdout."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stages")
    commands = parser.add_subparsers(dest="command", required=True)
    stages = commands.add_parser("stages")
    stages.add_argument("pdf", type=Path)
    stages.add_argument("--runs", type=int, default=3)
    stages.add_argument("--texts-out", type=Path, help="write the agreement texts (JSON) here")
    language = commands.add_parser("spacy")
    language.add_argument("texts", type=Path, nargs="+", help="JSON files of agreement texts")
    language.add_argument("--runs", type=int, default=5)
    profile = commands.add_parser("profile")
    profile.add_argument("pdf", type=Path)
    profile.add_argument("--top", type=int, default=12)
    plain = commands.add_parser("plain")
    plain.add_argument("pdfs", type=Path, nargs="+")
    write = commands.add_parser("write")
    write.add_argument("state_dir", type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    if args.command == "stages":
        answer = measure_document(args.pdf, args.runs, args.texts_out)
    elif args.command == "spacy":
        answer = measure_language(args.texts, args.runs)
    elif args.command == "plain":
        answer = measure_plain(args.pdfs)
    elif args.command == "write":
        answer = measure_write(args.state_dir)
    else:
        answer = profile_read(args.pdf, args.top)
    sys.stdout.write(json.dumps(answer) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
