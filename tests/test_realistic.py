"""Word-exported agreements (tests/data/realistic, made by samples/realistic).

The shipped samples are drawn with reportlab; these PDFs come from LibreOffice and carry what a
real Word export carries: Symbol/Wingdings/Courier New list glyphs, list-generated numbers
followed by a tab, repeated header rows, rows broken over pages, landscape pages, a static
table of contents, "pagina X van Y" footers, contract preambles and signature tables.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from pipeline.label.segment import segment_document
from pipeline.models import Agreement
from pipeline.read import read_document

REALISTIC = Path(__file__).resolve().parent / "data" / "realistic"
PDFS = sorted(REALISTIC.glob("*.pdf"))


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


@cache
def _segments(pdf: Path) -> tuple[Agreement, ...]:
    return tuple(segment_document(read_document(pdf)))


def _truth(pdf: Path) -> list[dict[str, object]]:
    data = json.loads((REALISTIC / f"{pdf.stem}.truth.json").read_text(encoding="utf-8"))
    return data["agreements"]  # type: ignore[no-any-return]


def test_realistic_set_is_present_and_small() -> None:
    assert len(PDFS) >= 6
    assert sum(p.stat().st_size for p in PDFS) < 2_000_000


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_realistic_one_row_per_agreement(pdf: Path) -> None:
    truth = _truth(pdf)
    found = _segments(pdf)
    assert len(found) == len(truth)
    for got, want in zip(found, truth, strict=True):
        key, text = _norm(str(want["text"])), _norm(got.text)
        assert text.startswith(key[:60]) or key.startswith(text[:60]), (got.text, want["text"])
        assert got.source_kind == want["source_kind"]
        assert got.number == want["number"]


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_realistic_party_columns_become_contributions(pdf: Path) -> None:
    rows = [a for a in _segments(pdf) if a.source_kind == "table_row"]
    wanted = [t for t in _truth(pdf) if t["source_kind"] == "table_row"]
    for got, want in zip(rows, wanted, strict=True):
        contributions = want["contributions"]
        assert isinstance(contributions, dict)
        # Year columns of target tables are numbers per year, not parties.
        expected = {p: _norm(t) for p, t in contributions.items() if not p.isdigit()}
        assert {c.party: _norm(c.text) for c in got.contributions} == expected
