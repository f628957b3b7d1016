"""Segmentation against the truth files: how many agreements each PDF's rows find, and extras.

A development aid beside the model scores: run it after a change to segmentation to see which
agreements of the samples went missing or were split off (`make samples` writes the truth):

    .venv/bin/python -m training.eval_segmentation data/input_pdfs [tests/data/samples]
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline.label.segment import segment_document
from pipeline.read import read_document


def _norm(text: str) -> str:
    """Lower-case words only, for matching a row to a truth text."""
    return re.sub(r"\W+", " ", text.lower()).strip()


def evaluate(pdf: Path, truth_file: Path, verbose: bool = False) -> tuple[int, int, int]:
    """(truth count, found, extra rows) for one document; found = a row starts with its text."""
    truth = json.loads(truth_file.read_text())
    agreements = segment_document(read_document(pdf))
    rows = [_norm(a.text) for a in agreements]
    used: set[int] = set()
    found = 0
    for t in truth["agreements"]:
        key = _norm(t["text"])
        candidates = [
            i
            for i, r in enumerate(rows)
            if i not in used and (r.startswith(key[:60]) or key.startswith(r[:60]))
        ]
        # A short key ("Zandwonen") also starts other rows: prefer a row of the same kind.
        same_kind = [i for i in candidates if agreements[i].source_kind == t["source_kind"]]
        hits = same_kind or candidates
        if not hits:
            if verbose:
                print("  MISSING", t["source_kind"], t["number"], t["text"][:90])
            continue
        used.add(hits[0])
        found += 1
    extra = [i for i in range(len(rows)) if i not in used]
    if verbose:
        for i in extra:
            print(
                "  EXTRA", agreements[i].source_kind, agreements[i].number, agreements[i].text[:90]
            )
    return len(truth["agreements"]), found, len(extra)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the missing and extra rows of every PDF in a folder, then the totals."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m training.eval_segmentation PDF_DIR [TRUTH_DIR]", file=sys.stderr)
        return 2
    truth_dir = Path(args[1]) if len(args) > 1 else Path("tests/data/samples")
    totals = [0, 0, 0]
    for pdf in sorted(Path(args[0]).glob("*.pdf")):
        n, found, extra = evaluate(pdf, truth_dir / f"{pdf.stem}.truth.json", verbose=True)
        print(f"{pdf.name}: truth {n}, found {found} ({found / n:.0%}), extra {extra}")
        totals = [totals[0] + n, totals[1] + found, totals[2] + extra]
    n, found, extra = totals
    if n:
        print(f"TOTAL: truth {n}, found {found} ({found / n:.1%}), extra {extra} ({extra / n:.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
