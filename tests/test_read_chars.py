"""The reader's fast character conversion must give exactly pdfplumber's own dicts: every
object of a page, compared key by key, on the shipped documents and on a page drawn here with
coloured and turned text on a MediaBox that does not start at 0,0."""

from __future__ import annotations

from pathlib import Path
from types import MethodType
from typing import Any

import pdfplumber
import pytest
from conftest import REPO, sample_pdfs
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.read.chars import convert_chars_quickly, process_object

REALISTIC = sorted((REPO / "tests" / "data" / "realistic").glob("*.pdf"))


def _shifted_mediabox_pdf(path: Path) -> Path:
    """A page with black, RGB, CMYK and grey text, some of it turned, on a MediaBox whose
    origin is moved (pdfplumber shifts x0/x1 and top then)."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, 780, "De corporatie bouwt 40 woningen in 2026.")
    pdf.setFillColorRGB(0.8, 0.1, 0.1)
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(72, 760, "Artikel 3 Betaalbaarheid")
    pdf.setFillColorCMYK(0.1, 0.2, 0.3, 0.4)
    pdf.drawString(72, 740, "€ 1,5 miljoen voor verduurzaming")
    pdf.setFillGray(0.5)
    pdf.saveState()
    pdf.translate(300, 400)
    pdf.rotate(90)
    pdf.drawString(0, 0, "Gedraaide kolomkop")
    pdf.restoreState()
    pdf.rect(70, 600, 200, 40)
    pdf.line(70, 580, 270, 580)
    pdf.showPage()
    pdf.save()
    data = path.read_bytes()
    box = b"/MediaBox [ 0 0 595.2756 841.8898 ]"
    assert data.count(box) == 1
    path.write_bytes(data.replace(box, b"/MediaBox [ 9 7 595.2756 841.8898 ]"))
    return path


def _objects(path: Path, fast: bool) -> list[dict[str, list[dict[str, Any]]]]:
    with pdfplumber.open(path) as pdf:
        out = []
        for page in pdf.pages:
            if fast:
                convert_chars_quickly(page)
            out.append(page.objects)
        return out


def _assert_same_objects(path: Path) -> int:
    slow, fast = _objects(path, fast=False), _objects(path, fast=True)
    assert len(slow) == len(fast)
    chars = 0
    for page_slow, page_fast in zip(slow, fast, strict=True):
        assert page_slow.keys() == page_fast.keys()
        for kind, objs in page_slow.items():
            assert len(objs) == len(page_fast[kind])
            for a, b in zip(objs, page_fast[kind], strict=True):
                assert a == b
                assert a.keys() == b.keys()
            chars += len(objs) if kind == "char" else 0
    return chars


@pytest.mark.parametrize("pdf", sample_pdfs() + REALISTIC, ids=lambda p: p.stem)
def test_fast_char_conversion_matches_pdfplumber_on_documents(pdf: Path) -> None:
    assert _assert_same_objects(pdf) > 1000


def test_fast_char_conversion_matches_pdfplumber_on_shifted_coloured_turned_text(
    tmp_path: Path,
) -> None:
    pdf = _shifted_mediabox_pdf(tmp_path / "shifted.pdf")
    assert _assert_same_objects(pdf) == sum(
        len(s.replace(" ", "")) + s.count(" ")
        for s in (
            "De corporatie bouwt 40 woningen in 2026.",
            "Artikel 3 Betaalbaarheid",
            "€ 1,5 miljoen voor verduurzaming",
            "Gedraaide kolomkop",
        )
    )
    with pdfplumber.open(pdf) as opened:
        page = opened.pages[0]
        convert_chars_quickly(page)
        first = page.chars[0]
        assert page.mediabox[0] == 9
        assert first["text"] == "D" and first["x0"] == pytest.approx(72.0)
        turned = [c for c in page.chars if c["matrix"][0] == 0]
        assert "".join(c["text"] for c in turned) == "Gedraaide kolomkop"
        coloured = [c for c in page.chars if c["non_stroking_color"] == (0.8, 0.1, 0.1)]
        assert "".join(c["text"] for c in coloured) == "Artikel 3 Betaalbaarheid"


def test_other_objects_keep_pdfplumbers_conversion(tmp_path: Path) -> None:
    pdf = _shifted_mediabox_pdf(tmp_path / "shifted.pdf")
    with pdfplumber.open(pdf) as opened:
        page = opened.pages[0]
        rect = next(o for o in page.layout._objs if type(o).__name__ == "LTRect")
        fast = MethodType(process_object, page)(rect)
        assert fast == pdfplumber.page.Page.process_object(page, rect)
        assert fast["object_type"] == "rect"
