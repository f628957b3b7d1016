"""`make bench-scans`: how much of a born-digital agreement its scans give back (issue 20).

Each document is scanned (`samples/scans.py`, fixed seed) at every profile: resolution,
rotation, blur, grain and specks. Born-digital file and scan both go through read + segment; a
born-digital agreement counts as found when a scanned agreement within a page of it has text
at least 85% similar (difflib ratio on lower-case words). Reported per document and profile:
the share found, the character error rate of the found texts (Levenshtein distance over the
born-digital length, spaces normalised), table rows whose party columns are exactly the
born-digital ones, scanned agreements that match nothing (signature rows, merged or split
items), and seconds per page (wall and CPU, OCR program included; wall time depends on the
machine's load, CPU time is the comparable figure).

Out: `.state/bench/scans-<label>.json` and, unless `--json-only`, the "Scanned documents"
section of BENCHMARKS.md, which `make bench` keeps as it is.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import resource
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from benchmarks.report import SCANS_SECTION, write_section
from pipeline.label.segment import segment_document
from pipeline.models import Agreement
from pipeline.read import read_document
from samples.scans import PROFILES, scanned_copy

PROJECT = Path(__file__).resolve().parents[1]
CACHE = PROJECT / ".state" / "bench" / "scans"
DOCUMENTS = {  # name: (born-digital file, what it shows)
    "brakeloo": (
        PROJECT / "tests/data/realistic/raamovereenkomst_brakeloo_2025-2028.pdf",
        "realistic, landscape actor table",
    ),
    "eemdal": (PROJECT / "data/input_pdfs/raamovereenkomst_eemdal_2025-2029.pdf", "actor table"),
    "wolderwijk": (
        PROJECT / "data/input_pdfs/prestatieafspraken_wolderwijk_2024-2027.pdf",
        "bullets",
    ),
    "zuiderhaven": (
        PROJECT / "data/input_pdfs/prestatieafspraken_zuiderhaven_2025-2027.pdf",
        "numbered",
    ),
}
SIMILAR = 0.85
SECTION = SCANS_SECTION


def _words(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _spaced(text: str) -> str:
    return " ".join(text.split())


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions) between two texts."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def match(
    want: list[Agreement], got: list[Agreement]
) -> tuple[list[tuple[Agreement, Agreement]], list[Agreement]]:
    """Pairs (born-digital, scanned) found, and the scanned agreements left over."""
    free = list(got)
    pairs: list[tuple[Agreement, Agreement]] = []
    for w in want:
        best, ratio = None, 0.0
        for g in free:
            if abs(g.page_start - w.page_start) > 1:
                continue
            r = difflib.SequenceMatcher(None, _words(w.text), _words(g.text), autojunk=False)
            if r.ratio() > ratio:
                best, ratio = g, r.ratio()
        if best is not None and ratio >= SIMILAR:
            free.remove(best)
            pairs.append((w, best))
    return pairs, free


def _cpu() -> float:
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(name: str, pdf: Path, profile: str, seed: int) -> dict[str, Any]:
    """The figures of one document scanned with one profile."""
    CACHE.mkdir(parents=True, exist_ok=True)
    scan = CACHE / f"{pdf.stem}.{profile}.{seed}.pdf"
    if not scan.exists():
        scanned_copy(pdf, scan, PROFILES[profile], seed)
    want = segment_document(read_document(pdf))
    started, cpu = time.monotonic(), _cpu()
    content = read_document(scan)
    seconds, cpu_seconds = time.monotonic() - started, _cpu() - cpu
    got = segment_document(content)
    pairs, extra = match(want, got)
    distance = sum(levenshtein(_spaced(w.text), _spaced(g.text)) for w, g in pairs)
    length = sum(len(_spaced(w.text)) for w, _ in pairs)
    rows = [(w, g) for w, g in pairs if w.source_kind == "table_row"]
    document = pdfium.PdfDocument(scan)
    pages = len(document)
    document.close()
    return {
        "document": name,
        "profile": profile,
        "seed": seed,
        "pages": pages,
        "agreements": len(want),
        "scanned_agreements": len(got),
        "found": len(pairs),
        "cer": distance / length if length else 0.0,
        "table_rows": sum(w.source_kind == "table_row" for w in want),
        "same_parties": sum(
            [c.party for c in w.contributions] == [c.party for c in g.contributions]
            for w, g in rows
        ),
        "unmatched": len(extra),
        "seconds_per_page": seconds / pages,
        "cpu_seconds_per_page": cpu_seconds / pages,
    }


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _summary(rows: Sequence[dict[str, Any]]) -> list[str]:
    want = sum(r["agreements"] for r in rows)
    found = sum(r["found"] for r in rows)
    chars = [r["cer"] * r["found"] for r in rows]
    table_rows = sum(r["table_rows"] for r in rows)
    pages = sum(r["pages"] for r in rows)
    return [
        f"{found}/{want} ({_pct(found, want)})",
        f"{100 * sum(chars) / max(found, 1):.2f}%",
        f"{sum(r['same_parties'] for r in rows)}/{table_rows}",
        str(sum(r["unmatched"] for r in rows)),
        f"{sum(r['seconds_per_page'] * r['pages'] for r in rows) / pages:.1f}",
        f"{sum(r['cpu_seconds_per_page'] * r['pages'] for r in rows) / pages:.1f}",
    ]


def render(runs: dict[str, list[dict[str, Any]]]) -> str:
    """The BENCHMARKS.md section: per profile for each measured code, then per document."""
    head = "| code | profile | found | CER | party columns | unmatched | s/page | CPU s/page |"
    lines = [
        SECTION,
        "",
        "Written by `make bench-scans` (`benchmarks/scans.py`). "
        + (__doc__ or "").split("\n\n")[1].replace("\n", " "),
        "",
        "Profiles (`samples/scans.py`): "
        + "; ".join(
            f"`{p.name}` {p.dpi} dpi, turned {p.min_degrees}-{p.max_degrees} degrees, blur "
            f"{p.blur}, grain {p.grain}, specks {p.specks:.2%} of pixels, JPEG {p.jpeg_quality}"
            for p in PROFILES.values()
        )
        + ". Documents: "
        + ", ".join(sorted({r["document"] for rows in runs.values() for r in rows}))
        + ".",
        "",
        head,
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, rows in runs.items():
        for profile in PROFILES:
            chosen = [r for r in rows if r["profile"] == profile]
            if chosen:
                lines.append(f"| {label} | {profile} | " + " | ".join(_summary(chosen)) + " |")
        lines.append(f"| {label} | all | " + " | ".join(_summary(rows)) + " |")
    lines += ["", "Per document (" + ", ".join(runs) + "):", ""]
    lines += [
        "| code | document | profile | found | CER | party columns | unmatched | s/page "
        "| CPU s/page |"
    ]
    lines += ["|---|---|---|---|---|---|---|---|---|"]
    for label, rows in runs.items():
        for r in rows:
            lines.append(
                f"| {label} | {r['document']} | {r['profile']} | "
                + " | ".join(_summary([r]))
                + " |"
            )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """python -m benchmarks.scans [--label NAME] [--documents ...] [--profiles ...]
    [--compare JSON ...] [--json-only | --render-only]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--label", default="this revision", help="name of the code measured")
    parser.add_argument("--profiles", nargs="+", default=list(PROFILES), choices=list(PROFILES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--compare", type=Path, nargs="*", default=[], help="earlier JSON files")
    parser.add_argument("--json-only", action="store_true", help="do not touch BENCHMARKS.md")
    parser.add_argument("--output", type=Path, default=PROJECT / "BENCHMARKS.md")
    parser.add_argument("--documents", nargs="+", default=list(DOCUMENTS), choices=list(DOCUMENTS))
    parser.add_argument(
        "--render-only", action="store_true", help="only write the section from --compare files"
    )
    args = parser.parse_args(argv)
    runs: dict[str, list[dict[str, Any]]] = {}
    for path in args.compare:
        for row in json.loads(path.read_text(encoding="utf-8")):
            runs.setdefault(row["label"], []).append(row)
    if not args.render_only:
        rows = _measure_all(args.label, args.documents, args.profiles, args.seed)
        runs.setdefault(args.label, []).extend(rows)
    if not args.json_only:
        write_section(args.output, SECTION, render(runs))
    return 0


def _measure_all(
    label: str, documents: Sequence[str], profiles: Sequence[str], seed: int
) -> list[dict[str, Any]]:
    """Each document at each profile; the rows are also saved in the cache folder."""
    rows: list[dict[str, Any]] = []
    for name in documents:
        pdf, shows = DOCUMENTS[name]
        for profile in profiles:
            row = {"label": label, **measure(f"{name} ({shows})", pdf, profile, seed)}
            rows.append(row)
            print(json.dumps(row), flush=True)
    slug = re.sub(r"\W+", "-", " ".join([label, *documents])).strip("-")[:120]
    (CACHE / f"scans-{slug}.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
