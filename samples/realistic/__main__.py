"""Regenerate the Word-exported realistic PDFs: python -m samples.realistic [STEM ...].

Needs LibreOffice (`soffice`) and python-docx (see `samples.realistic`); writes
tests/data/realistic/<stem>.pdf and <stem>.truth.json, only the stems named if any are given.
"""

from __future__ import annotations

import random
import shutil
import sys

from samples.realistic.documents import (
    build_brakeloo,
    build_heugerveld,
    build_keppelrode,
    build_lindwoude,
    build_marrewijk,
    build_oosterzande,
)
from samples.realistic.word import OUT, Doc

BUILDERS = (
    build_brakeloo,
    build_marrewijk,
    build_oosterzande,
    build_heugerveld,
    build_lindwoude,
    build_keppelrode,
)


def main() -> None:
    """Write every realistic document (or those whose stem contains an argument)."""
    if shutil.which("soffice") is None:
        sys.exit("soffice (LibreOffice) is needed to regenerate the realistic PDFs")
    only = set(sys.argv[1:])
    for build in BUILDERS:
        stem, doc = build(Doc, random.Random(7))
        if only and not any(o in stem for o in only):
            continue
        pdf = doc.save(stem, OUT)
        print(f"{pdf.name}: {len(doc.truth)} agreements, {pdf.stat().st_size // 1024} kB")


if __name__ == "__main__":
    main()
