"""Labelling again from stored reads (`python -m benchmarks.relabel`): what a re-run after
`prestatie learn` costs per document when the read stage's results are taken from the state
folder (`pipeline/write/contents.py`) instead of reading the PDFs again.

Both ways run side by side in one process, alternating per round, over the sample PDFs and a
scan of one of them (office-200 profile, OCR'd); medians per document and their ratio go to
the section "Labelling again from stored reads" of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.report import RELABEL_SECTION, write_section
from pipeline.process import PipelineSettings, load_resources, process_document
from pipeline.read import read_document
from pipeline.write.contents import ContentStore
from samples.scans import PROFILES, scanned_copy

PROJECT = Path(__file__).resolve().parents[1]
SECTION = RELABEL_SECTION


def documents(folder: Path) -> list[Path]:
    """The sample PDFs and one scanned copy of the first."""
    pdfs = sorted((PROJECT / "data" / "input_pdfs").glob("*.pdf"))
    scan = scanned_copy(pdfs[0], folder / f"scan-{pdfs[0].name}", PROFILES["office-200"], 1)
    return [*pdfs, scan]


def measure(pdfs: list[Path], store: ContentStore, rounds: int) -> dict[str, tuple[float, float]]:
    """Per document, the median seconds of process_document reading the PDF and of the same
    from the stored read."""
    settings = PipelineSettings()
    resources = load_resources()
    for pdf in pdfs:  # fill the store (and warm the caches of both ways)
        process_document(pdf, settings, resources, read=store.read)
    seconds: dict[str, dict[str, list[float]]] = {p.name: {"read": [], "stored": []} for p in pdfs}
    for r in range(rounds):
        ways = [("read", read_document), ("stored", store.read)]
        for name, read in ways if r % 2 == 0 else ways[::-1]:
            for pdf in pdfs:
                started = time.perf_counter()
                process_document(pdf, settings, resources, read=read)
                seconds[pdf.name][name].append(time.perf_counter() - started)
    return {
        name: (statistics.median(w["read"]), statistics.median(w["stored"]))
        for name, w in seconds.items()
    }


def render(medians: dict[str, tuple[float, float]], rounds: int, load: str) -> str:
    """The BENCHMARKS.md section."""
    lines = [
        SECTION,
        "",
        "Written by `python -m benchmarks.relabel`. A re-run after `prestatie learn` (or with "
        "other label settings) labels every document again; the read stage's results come "
        "from the state folder. `process_document` per document, reading the PDF and from the "
        f"stored read, side by side in one process, medians of {rounds} alternating rounds "
        f"(labelling included in both); load average at the start {load} (OCR time in "
        "particular depends on the machine's load).",
        "",
        "| document | reading the PDF | from the stored read | ratio |",
        "|---|---|---|---|",
    ]
    for name, (read, stored) in medians.items():
        lines.append(f"| {name} | {read:.2f} s | {stored:.2f} s | {read / stored:.1f}x |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """python -m benchmarks.relabel [--rounds N] [--report BENCHMARKS.md]."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.relabel", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--report", type=Path, default=PROJECT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory() as folder:
        pdfs = documents(Path(folder))
        medians = measure(pdfs, ContentStore(Path(folder) / "state"), args.rounds)
    section = render(medians, args.rounds, load)
    write_section(args.report, SECTION, section)
    print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
