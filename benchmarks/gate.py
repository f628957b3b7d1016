"""`make gate-eval`: how well the document gate tells agreement documents from other PDFs.

In: agreement documents (the shipped samples and more generated ones, the realistic Word PDFs,
the short documents of `samples.short`, and the real corpus typeset as PDFs when its folder is
present) and non-agreement documents (the municipal documents of `samples.municipal`, and the
folders given with `--negatives`, such as what `benchmarks/collect_gate_negatives.py` downloads).
Out: docs/gate.md, the gate's card: per set how many documents were accepted and skipped and
why, recall on the agreement documents and the share of the others that is skipped, and how
many were skipped early (from the quick look at their text, without the full read) with the time
per skipped document with and without the early skip, measured side by side.

Each PDF is looked at quickly and judged early, then read, segmented and gated in full, in a
child process with a time limit, as a worker does; a document's time with the early skip is the
quick look's when it was skipped early, else the quick look's and the full read's together.
the generated PDFs and the typeset real corpus live in `.state/gate/` (git-ignored), so no text
of the real corpus enters the repository.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from pipeline.label.gate import GateSettings, gate_document, gate_preview
from pipeline.label.metadata import extract_metadata
from pipeline.label.segment import segment_document
from pipeline.read import PreviewSettings, ReadError, ReadSettings, preview_document, read_document
from samples import LAYOUTS, Heading, Para, build_sample_pdf, bullets, numbered, render_pdf
from samples.manual import build_manual_pdf
from samples.municipal import KINDS, build_municipal_pdf
from samples.scans import PROFILES, scanned_copy
from samples.short import SHORT_DOCUMENTS, build_short_pdf

PROJECT = Path(__file__).resolve().parents[1]
WORK = PROJECT / ".state" / "gate"
TIMEOUT_SECONDS = 300.0
MEMORY_LIMIT_BYTES = 4 << 30
MUNICIPALITIES = ("Lindehaven", "Oostervaart", "Bergerode")
OFFICE_SCAN = PROFILES["office-200"]
KNOWN_SETS = {
    "debian": "the PDFs of Debian documentation packages (manuals in Dutch and English, the "
    "installation guide in Dutch, English, German and French, the handbook's diagrams), "
    "collected by benchmarks.collect_gate_negatives",
    "pypi": "the test PDFs in the source distributions of pypdf 7.1.1, pikepdf 10.18.0 and "
    "pdfminer.six 20191110, collected by benchmarks.collect_gate_negatives",
}
"""Descriptions of the folders `benchmarks.collect_gate_negatives` fills."""
LIMITS = (
    "The municipal documents share the vocabulary of the agreements (their scores are those of "
    "agreements), so only the kind of document their title names, or a letter's salutation "
    "and closing, tells them apart: the same 21 documents with their title lines taken away "
    "were accepted 18 times (the 3 letters were still skipped) when this was tried. A "
    "non-agreement document about housing whose title names no kind (an untitled excerpt, a "
    "note) is accepted. The municipal documents and the gate were written by the same team; "
    "real woonvisies and minutes may name their kind in words the lists lack. The real corpus "
    "holds fragments of agreements (12 to 100 words a document), so it tests short documents, "
    "not long ones. The early skip judges only the language and the vocabulary, on at least "
    "300 words of a document of 3 pages or more: the municipal documents (only their title "
    "tells them apart) and the short "
    "documents (most PDF-library test files, the handbook's one-page diagrams) are still read "
    "in full before they are skipped, which costs little for a short one. It judges the 40 "
    "pages it takes of a long document, not the others: a long English report with the signed "
    "Dutch agreements in a few pages it did not take would be skipped (no such document was in "
    "the sets). A scan is judged on its first 2 pages OCR'd at 150 dpi, which costs an "
    "agreement scan of 5 pages or more those seconds on top of its full read; a shorter scan is "
    "not OCR'd for the quick look and is read in full."
)


@dataclass
class Outcome:
    """What the gate decided for one PDF (or why it could not be read)."""

    name: str
    status: str  # "accepted", "skipped" or "unreadable"
    score: float = 0.0
    reason: str = ""
    words: int = 0
    segments: int = 0
    read_seconds: float = 0.0
    gate_seconds: float = 0.0
    pages: int = 0
    early: bool = False  # skipped on the quick look, before the full read
    early_reason: str = ""
    preview_seconds: float = 0.0  # the quick look and the early gate

    @property
    def full_seconds(self) -> float:
        """Time to a decision without the early skip: full read, segments and gate."""
        return self.read_seconds + self.gate_seconds

    @property
    def early_seconds(self) -> float:
        """Time to a decision with the early skip: the quick look, and the full read after it
        when the document was not skipped early."""
        return self.preview_seconds + (0.0 if self.early else self.full_seconds)


@dataclass
class DocumentSet:
    """PDFs of one origin and whether they hold agreements."""

    name: str
    agreements: bool
    description: str
    pdfs: list[Path] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)


def _gate_one(path: str, queue: Any) -> None:
    """Child process: read, segment and gate one PDF; put the outcome on the queue."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    name = Path(path).name
    looked_at = time.perf_counter()
    looked = preview_document(Path(path), ReadSettings(), PreviewSettings())
    early = gate_preview(looked, GateSettings()) if looked is not None else None
    preview_seconds = time.perf_counter() - looked_at
    started = time.perf_counter()
    try:
        content = read_document(Path(path))
        extract_metadata(content)
        segments = segment_document(content)
    except (ReadError, MemoryError) as exc:
        unread = Outcome(name, "unreadable", reason=str(exc), early=early is not None)
        queue.put(asdict(unread))
        return
    read_seconds = time.perf_counter() - started
    decision = gate_document(content, GateSettings())
    gate_seconds = time.perf_counter() - started - read_seconds
    outcome = Outcome(
        name,
        "accepted" if decision.accepted else "skipped",
        decision.score,
        decision.reason,
        decision.words,
        len(segments),
        read_seconds,
        gate_seconds,
        content.page_count,
        early is not None,
        early.reason if early is not None else "",
        preview_seconds,
    )
    queue.put(asdict(outcome))


def gate_pdf(path: Path) -> Outcome:
    """The gate's outcome for one PDF, measured in a child process with a time limit."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_gate_one, args=(str(path), queue))
    child.start()
    child.join(TIMEOUT_SECONDS)
    if child.is_alive():
        child.kill()
        child.join()
        return Outcome(path.name, "unreadable", reason="timeout")
    if queue.empty():
        return Outcome(path.name, "unreadable", reason=f"exit code {child.exitcode}")
    return Outcome(**queue.get())


def agreement_sets(work: Path, real: Path | None) -> list[DocumentSet]:
    """The agreement documents: generated, shipped and (when present) the typeset real corpus."""
    samples = DocumentSet("samples", True, "the 3 shipped samples and 12 more generated ones")
    folder = work / "samples"
    folder.mkdir(parents=True, exist_ok=True)
    samples.pdfs = sorted((PROJECT / "data" / "input_pdfs").glob("*.pdf"))
    for i, municipality in enumerate(("Gaasterwoude", "Rietmond", "Hoogerzand")):
        for layout in LAYOUTS:
            pdf = folder / f"{layout}_{municipality.lower()}.pdf"
            build_sample_pdf(layout, pdf, municipality=municipality, seed=50 + i)
            samples.pdfs.append(pdf)
        small = folder / f"{LAYOUTS[i]}_{municipality.lower()}_3p.pdf"
        build_sample_pdf(LAYOUTS[i], small, municipality=municipality, seed=60 + i, target_pages=3)
        samples.pdfs.append(small)
    realistic = DocumentSet("realistic", True, "the Word/LibreOffice PDFs of tests/data/realistic")
    realistic.pdfs = sorted((PROJECT / "tests" / "data" / "realistic").glob("*.pdf"))
    short = DocumentSet("short", True, "short agreement documents of samples.short")
    short.pdfs = [build_short_pdf(kind, work / "short" / f"{kind}.pdf") for kind in SHORT_DOCUMENTS]
    scans = DocumentSet(
        "scans", True, "a generated 11-page agreement scanned as an office scanner does (200 dpi)"
    )
    source = folder / f"{LAYOUTS[0]}_{'Gaasterwoude'.lower()}.pdf"
    (work / "scans").mkdir(parents=True, exist_ok=True)
    scans.pdfs = [scanned_copy(source, work / "scans" / "scan_agreement.pdf", OFFICE_SCAN, 3)]
    sets = [samples, realistic, short, scans]
    if real is not None and (real / "agreements.jsonl").is_file():
        sets += typeset_real_corpus(real, work / "real")
    return sets


def typeset_real_corpus(real: Path, work: Path) -> list[DocumentSet]:
    """Each document of the real corpus as a PDF of its own: once with a title as the
    agreements have one, once bare (only its headings and agreements)."""
    records = [json.loads(line) for line in (real / "agreements.jsonl").read_text().splitlines()]
    documents = json.loads((real / "record_docs.json").read_text(encoding="utf-8"))
    by_document: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_document[documents[record["id"]]].append(record)
    sets = [
        DocumentSet("real_titled", True, "the real corpus, one PDF per document, with a title"),
        DocumentSet("real_bare", True, "the same without a title: headings and agreements only"),
    ]
    for document_set, titled in zip(sets, (True, False), strict=True):
        folder = work / document_set.name
        folder.mkdir(parents=True, exist_ok=True)
        for i, (slug, items) in enumerate(sorted(by_document.items())):
            pdf = folder / f"{slug}.pdf"
            blocks = _title(i, items[0]["municipality"], items[0]["year"]) if titled else []
            render_pdf(blocks + _agreement_blocks(items), pdf, footer="")
            document_set.pdfs.append(pdf)
    return sets


def _title(index: int, municipality: str, year: int) -> list[Any]:
    """One of four title pages agreements have, in turn."""
    name = municipality.removeprefix("Gemeente ")
    titles = [
        [Para(f"Prestatieafspraken {year}", style="title"), Para(municipality, style="subtitle")],
        [
            Para(f"Jaarschijf {year}", style="title"),
            Para(f"bij de prestatieafspraken {municipality.lower()}", style="subtitle"),
        ],
        [Para(f"Samenwerkingsafspraken wonen {name} {year}", style="title")],
        [
            Para(f"Afspraken over wonen in {name} {year}", style="title"),
            Para(f"{municipality}, corporaties en huurders", style="subtitle"),
        ],
    ]
    return titles[index % len(titles)]


def _agreement_blocks(items: list[dict[str, Any]]) -> list[Any]:
    """The records of one document under their headings, in their layout (list, numbered or
    running text); a heading that ends in ':' is a lead-in sentence."""
    name = items[0]["municipality"].removeprefix("Gemeente ")
    blocks: list[Any] = []
    heading: str | None = None
    run: list[dict[str, Any]] = []

    def flush() -> None:
        if run and run[0]["layout"] == "list":
            blocks.append(bullets([r["text"] for r in run]))
        elif run and run[0]["layout"] == "numbered":
            blocks.append(
                numbered([(r["number"] or f"{k}.", r["text"]) for k, r in enumerate(run, 1)])
            )
        else:
            blocks.extend(Para(r["text"]) for r in run)
        run.clear()

    for item in items:
        current = item["heading"] or f"{name} {item['year']}"
        if current != heading or (run and run[0]["layout"] != item["layout"]):
            flush()
            if current != heading:
                if current.endswith(":"):
                    if heading is None:
                        blocks.append(Heading(f"{name} {item['year']}", 1))
                    blocks.append(Para(current))
                else:
                    blocks.append(Heading(current, 1))
                heading = current
        run.append(item)
    flush()
    return blocks


def non_agreement_sets(work: Path, negatives: Sequence[tuple[str, Path]]) -> list[DocumentSet]:
    """The municipal documents of samples.municipal and the folders given."""
    municipal = DocumentSet(
        "municipal",
        False,
        "woonvisie, raadsnotulen, raadsbrief, jaarverslag, begroting, "
        "aanbesteding and bestemmingsplan of 3 municipalities (samples.municipal)",
    )
    for seed, municipality in enumerate(MUNICIPALITIES, start=1):
        for kind in KINDS:
            pdf = work / "municipal" / f"{kind}_{municipality.lower()}.pdf"
            build_municipal_pdf(kind, pdf, municipality=municipality, seed=seed)
            municipal.pdfs.append(pdf)
    manual = DocumentSet(
        "manual",
        False,
        "a generated 12-page English software manual (samples.manual), and the same scanned "
        "as an office scanner does (200 dpi, samples.scans)",
    )
    born_digital = work / "manual" / "manual.pdf"
    build_manual_pdf(born_digital, pages=12, seed=1)
    scanned = scanned_copy(born_digital, work / "manual" / "manual_scanned.pdf", OFFICE_SCAN, 5)
    manual.pdfs = [born_digital, scanned]
    sets = [municipal, manual]
    for name, folder in negatives:
        found = DocumentSet(name, False, KNOWN_SETS.get(name, f"the PDFs in {folder}"))
        found.pdfs = sorted(p for p in folder.rglob("*") if p.suffix.lower() == ".pdf")
        sets.append(found)
    return sets


def measure(sets: list[DocumentSet]) -> None:
    """Gate every PDF of every set, printing one line per PDF as it goes. The quick look and
    the full read run once here first, so that each child starts warm, as a worker that has
    read documents before does, and neither pays the libraries' first-use costs."""
    first = next(pdf for s in sets for pdf in s.pdfs)
    preview_document(first, ReadSettings(), PreviewSettings())
    read_document(first)
    for document_set in sets:
        for pdf in document_set.pdfs:
            outcome = gate_pdf(pdf)
            outcome.name = pdf.name
            document_set.outcomes.append(outcome)
            print(f"{document_set.name:12} {outcome.status:10} {pdf.name}: {outcome.reason}")


def _reason_kind(reason: str) -> str:
    """The check that skipped a document, from its reason ("geen prestatieafspraken: X (...)"
    or "... X in 34 woorden"), without the document's own figures."""
    check = reason.removeprefix("geen prestatieafspraken: ").split(" (")[0].split(":")[0]
    return check.split(" in ")[0]


@dataclass
class Tally:
    """Pooled counts: agreement documents accepted / skipped, other documents accepted /
    skipped."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0


def _set_row(document_set: DocumentSet, tally: Tally) -> str:
    """One set's line of the figures table; adds its counts to the tally."""
    read = [o for o in document_set.outcomes if o.status != "unreadable"]
    accepted = sum(o.status == "accepted" for o in read)
    skipped = [o for o in read if o.status == "skipped"]
    if document_set.agreements:
        tally.tp, tally.fn = tally.tp + accepted, tally.fn + len(skipped)
    else:
        tally.fp, tally.tn = tally.fp + accepted, tally.tn + len(skipped)
    reasons = Counter(_reason_kind(o.reason) for o in skipped)
    why = "; ".join(f"{kind} {count}" for kind, count in reasons.most_common())
    holds = "agreements" if document_set.agreements else "other"
    segments = sum(o.segments for o in skipped)
    scores = _span([o.score for o in read])
    early = sum(o.early for o in read)
    return (
        f"| {document_set.name} | {holds} | {len(document_set.pdfs)} | {len(read)} | "
        f"{accepted} | {len(skipped)} | {early} | {segments:,} | {scores} | {why} |"
    )


def _scores(sets: list[DocumentSet], agreements: bool, min_words: int) -> list[float]:
    """Scores of the read documents of at least `min_words` words, of one kind of set."""
    return [
        o.score
        for s in sets
        if s.agreements == agreements
        for o in s.outcomes
        if o.status != "unreadable" and o.words >= min_words
    ]


def render(sets: list[DocumentSet], settings: GateSettings, seconds: float) -> str:
    """The gate card: the figures per set, the score ranges, and every wrong decision."""
    tally = Tally()
    rows = [_set_row(s, tally) for s in sets]
    errors = [
        f"- {s.name}/{o.name}: {o.status}, {o.reason}"
        for s in sets
        for o in s.outcomes
        if o.status != "unreadable" and (o.status == "accepted") != s.agreements
    ]
    gate_ms = [1000 * o.gate_seconds for s in sets for o in s.outcomes if o.status != "unreadable"]
    agreement_scores = _scores(sets, True, settings.density_min_words)
    other_scores = _scores(sets, False, settings.density_min_words)
    recall = tally.tp / max(tally.tp + tally.fn, 1)
    skipped = tally.tn / max(tally.tn + tally.fp, 1)
    precision = tally.tp / max(tally.tp + tally.fp, 1)
    return "\n".join(
        [
            "# The document gate",
            "",
            "Written by `make gate-eval` (`benchmarks/gate.py`); do not edit by hand. How the "
            "gate decides: `pipeline/label/gate.py` and the README (status `skipped`).",
            "",
            "## Figures",
            "",
            f"Agreement documents accepted (recall): **{tally.tp} of {tally.tp + tally.fn}** "
            f"({recall:.3f}). Other documents skipped: **{tally.tn} of {tally.tn + tally.fp}** "
            f"({skipped:.3f}); precision of acceptance {precision:.3f}. Files that could not "
            "be read fail before the gate and are not counted.",
            "",
            "| set | holds | PDFs | read | accepted | skipped | of them early | segments in "
            "skipped documents | scores | why skipped |",
            "|---|---|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            "Of them early: skipped on the quick look at the text, before the full read (see "
            "below). Segments in skipped documents: the list items, numbered items, table rows and "
            "sentences the pipeline would have labelled as agreements without the gate. Scores: "
            "the lowest and highest score (words of the housing-agreement vocabulary per 1000 "
            "words) of the set's documents.",
            "",
            "Scores (words of the housing-agreement vocabulary per 1000 words) of documents of "
            f"{settings.density_min_words} words or more: agreement documents "
            f"{_span(agreement_scores)}, other documents {_span(other_scores)}; the gate skips "
            f"below {settings.min_terms_per_1000_words:g}.",
            "",
            f"Gate time per document: median {median(gate_ms or [0]):.1f} ms, at most "
            f"{max(gate_ms or [0]):.0f} ms. Whole measurement: {seconds / 60:.1f} min.",
            "",
            *early_section(sets),
            "## Wrong decisions",
            "",
            *(errors or ["None."]),
            "",
            "## The sets",
            "",
            *(f"- **{s.name}**: {s.description}." for s in sets),
            "",
            "## Limits",
            "",
            LIMITS,
            "",
        ]
    )


def early_section(sets: list[DocumentSet]) -> list[str]:
    """The section on skipping early: how many, and the time per skipped document with and
    without it, measured side by side in the same run."""
    read = [(s, o) for s in sets for o in s.outcomes if o.status != "unreadable"]
    skipped = [o for s, o in read if o.status == "skipped"]
    agreements = [o for s, o in read if s.agreements]
    wrongly = [o.name for o in agreements if o.early]
    unreadable = [o.name for s in sets for o in s.outcomes if o.status == "unreadable" and o.early]
    rows = [_time_row(s.name, [o for o in s.outcomes if o.status == "skipped"]) for s in sets]
    slowest = sorted(skipped, key=lambda o: o.full_seconds, reverse=True)[:3]
    scanned = [o for o in skipped if "scan" in o.name and o not in slowest]
    named = [_document_row(o) for o in slowest + scanned]
    costs = "; ".join(
        _cost(s.name, [o for o in s.outcomes if o.status != "unreadable"])
        for s in sets
        if s.agreements
    )
    return [
        "## Skipping early",
        "",
        "Before the full read of a document of 3 pages or more, the quick look "
        "(`pipeline.read.preview`, `PreviewSettings`) takes the text layer of the first 10 "
        "pages and of 30 more spread over the rest (the first 2 pages OCR'd at 150 dpi for a "
        "scan of 5 pages or more), and the gate skips a document on it when it is clearly in "
        "another language or without the vocabulary (`gate_preview`, the `early_*` settings of "
        "`GateSettings`).",
        "",
        f"Other documents skipped early: **{sum(o.early for o in skipped)} of {len(skipped)}** "
        f"skipped. Agreement documents skipped early: **{len(wrongly)} of {len(agreements)}**"
        + (f" ({', '.join(wrongly)})" if wrongly else "")
        + f". Files whose full read fails that the quick look would skip: {len(unreadable)}"
        + (f" ({', '.join(unreadable)})" if unreadable else "")
        + ".",
        "",
        "Time per skipped document to its decision, without the early skip (full read, "
        "segments, gate) and with it (the quick look; for a document not skipped early also "
        "the full read after it), measured side by side in one run on a machine shared with "
        "other work:",
        "",
        "| set | skipped | early | median without | median with | ratio | total without | "
        "total with |",
        "|---|---|---|---|---|---|---|---|",
        *(row for row in rows if row),
        "",
        "| document | pages | without | with | ratio |",
        "|---|---|---|---|---|",
        *named,
        "",
        "What the quick look costs an agreement document, which is then read in full (median "
        f"per set, and its share of the full read): {costs}.",
        "",
    ]


def _cost(name: str, outcomes: list[Outcome]) -> str:
    """A set's median quick-look time and its median share of the full read."""
    look = median([o.preview_seconds for o in outcomes] or [0.0])
    share = median([o.preview_seconds / o.full_seconds for o in outcomes if o.full_seconds] or [0])
    shown = f"{1000 * look:.0f} ms" if look < 1 else f"{look:.1f} s"
    return f"{name} {shown} ({100 * share:.0f}%)"


def _time_row(name: str, skipped: list[Outcome]) -> str:
    """One set's times per skipped document, or '' when it skipped none."""
    if not skipped:
        return ""
    without = [o.full_seconds for o in skipped]
    with_early = [o.early_seconds for o in skipped]
    return (
        f"| {name} | {len(skipped)} | {sum(o.early for o in skipped)} | "
        f"{_seconds(median(without))} | {_seconds(median(with_early))} | "
        f"{_ratio(median(without), median(with_early))} | {_seconds(sum(without))} | "
        f"{_seconds(sum(with_early))} |"
    )


def _document_row(outcome: Outcome) -> str:
    """One skipped document's times."""
    return (
        f"| {outcome.name} | {outcome.pages} | {_seconds(outcome.full_seconds)} | "
        f"{_seconds(outcome.early_seconds)} | "
        f"{_ratio(outcome.full_seconds, outcome.early_seconds)} |"
    )


def _seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.0f} s"


def _ratio(without: float, with_early: float) -> str:
    if with_early <= 0:
        return "-"
    ratio = without / with_early
    return f"{ratio:.1f}x" if ratio < 10 else f"{ratio:.0f}x"


def _span(values: list[float]) -> str:
    return f"{min(values):g}-{max(values):g}" if values else "none measured"


def main(argv: Sequence[str] | None = None) -> int:
    """Build the sets, gate every PDF and write the gate card."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=PROJECT.parent / "shared" / "realworld")
    parser.add_argument(
        "--negatives",
        type=Path,
        help="a folder with subfolders of non-agreement PDFs "
        "(benchmarks/collect_gate_negatives.py), each measured as a set of its own",
    )
    parser.add_argument("--out", type=Path, default=PROJECT / "docs" / "gate.md")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    shutil.rmtree(WORK, ignore_errors=True)
    negatives = []
    if args.negatives:
        negatives = [(d.name, d) for d in sorted(args.negatives.iterdir()) if d.is_dir()]
    sets = agreement_sets(WORK, args.real) + non_agreement_sets(WORK, negatives)
    measure(sets)
    args.out.write_text(render(sets, GateSettings(), time.perf_counter() - started))
    outcomes = {s.name: [asdict(o) for o in s.outcomes] for s in sets}
    (WORK / "outcomes.json").write_text(json.dumps(outcomes, ensure_ascii=False, indent=1))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
