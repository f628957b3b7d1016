"""Text drawn as vector outlines ("text as curves", no text layer and no image) is rendered
and read with OCR like a scanned page (issue 20, item 6).

The outlines are Helvetica's own glyph paths (from pdfium) drawn with reportlab. OCR runs a
stand-in for Tesseract that keeps a copy of the page image it is given and answers with a
fixed hOCR line, so the test checks what the read stage sends to OCR and what it makes of the
answer, with or without Tesseract installed.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.models import TextLine
from pipeline.read import ReadError, ReadSettings, read_document
from pipeline.read.settings import OcrSettings

TEXT = "De corporatie bouwt veertig woningen."
SIZE = 14.0
X, Y = 72.0, 700.0  # where the outlined line starts (baseline, PDF coordinates)

FAKE_TESSERACT = """#!/bin/sh
if [ "$1" = "--list-langs" ]; then echo "List of available languages (1):"; echo nld; exit 0; fi
cp "$1" "$FAKE_IMAGE_COPY"
cp "$FAKE_HOCR" "$2.hocr"
"""

# the line as Tesseract gives it at 300 dpi (pixels): five words on one baseline
HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class="ocr_page" title="bbox 0 0 2480 3508">
<span class="ocr_line" title="bbox 300 540 1500 600; baseline 0 -12; x_size 42">
<span class="ocrx_word" title="bbox 300 540 370 590; x_wconf 96">De</span>
<span class="ocrx_word" title="bbox 390 540 700 600; x_wconf 93">corporatie</span>
<span class="ocrx_word" title="bbox 720 540 880 590; x_wconf 95">bouwt</span>
<span class="ocrx_word" title="bbox 900 540 1080 600; x_wconf 94">veertig</span>
<span class="ocrx_word" title="bbox 1100 540 1500 600; x_wconf 92">woningen.</span>
</span></div></body></html>
"""


def _draw_outlined(pdf: canvas.Canvas, text: str, x: float, y: float, size: float) -> None:
    """Draw `text` in Helvetica as filled glyph outlines, one path per glyph, no text."""
    helper = pdfium.PdfDocument.new()
    font = pdfium_raw.FPDFText_LoadStandardFont(helper.raw, b"Helvetica")
    for char in text:
        glyph = pdfium_raw.FPDFFont_GetGlyphPath(font, ord(char), ctypes.c_float(size))
        count = pdfium_raw.FPDFGlyphPath_CountGlyphSegments(glyph) if glyph else 0
        path, curve = pdf.beginPath(), []
        for i in range(count):
            segment = pdfium_raw.FPDFGlyphPath_GetGlyphPathSegment(glyph, i)
            px, py = ctypes.c_float(), ctypes.c_float()
            pdfium_raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(px), ctypes.byref(py))
            point = (x + px.value * size, y + py.value * size)
            kind = pdfium_raw.FPDFPathSegment_GetType(segment)
            if kind == pdfium_raw.FPDF_SEGMENT_MOVETO:
                path.moveTo(*point)
            elif kind == pdfium_raw.FPDF_SEGMENT_LINETO:
                path.lineTo(*point)
            else:  # a Bézier curve comes as three points
                curve.append(point)
                if len(curve) == 3:
                    path.curveTo(*curve[0], *curve[1], *curve[2])
                    curve = []
            if pdfium_raw.FPDFPathSegment_GetClose(segment):
                path.close()
        if count:
            pdf.drawPath(path, stroke=0, fill=1)
        width = ctypes.c_float()
        pdfium_raw.FPDFFont_GetGlyphWidth(
            font, ord(char), ctypes.c_float(size), ctypes.byref(width)
        )
        x += width.value
    helper.close()


@pytest.fixture
def fake_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReadSettings:
    program = tmp_path / "bin" / "tesseract"
    program.parent.mkdir()
    program.write_text(FAKE_TESSERACT)
    program.chmod(0o755)
    (tmp_path / "answer.hocr").write_text(HOCR)
    monkeypatch.setenv("FAKE_HOCR", str(tmp_path / "answer.hocr"))
    monkeypatch.setenv("FAKE_IMAGE_COPY", str(tmp_path / "sent.pgm"))
    return ReadSettings(ocr=OcrSettings(command=str(program), find_rulings=False))


def test_text_drawn_as_outlines_is_read_with_ocr(tmp_path: Path, fake_ocr: ReadSettings) -> None:
    path = tmp_path / "outlined.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _draw_outlined(pdf, TEXT, X, Y, SIZE)
    pdf.save()
    content = read_document(path, fake_ocr)
    lines = [b for b in content.blocks if isinstance(b, TextLine)]
    assert [(ln.text, ln.ocr, ln.ocr_confidence) for ln in lines] == [(TEXT, True, 0.94)]
    # the page was rendered with the outlines on it: ink where the line is drawn, not above
    image = np.asarray(Image.open(tmp_path / "sent.pgm"))
    scale = image.shape[1] / A4[0]
    row = round((A4[1] - Y - SIZE * 0.3) * scale)
    assert (image[row, round(X * scale) : round((X + 200) * scale)] < 128).sum() > 20
    assert (image[: round((A4[1] - Y - 2 * SIZE) * scale)] < 128).sum() == 0


def test_a_page_with_a_few_rulings_and_no_text_is_not_sent_to_ocr(
    tmp_path: Path, fake_ocr: ReadSettings
) -> None:
    path = tmp_path / "ruled.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for top in (700, 680, 660):
        pdf.line(72, top, 500, top)
    pdf.circle(300, 400, 20)
    pdf.save()
    with pytest.raises(ReadError, match=r"^The PDF has no text layer"):
        read_document(path, fake_ocr)
    assert not (tmp_path / "sent.pgm").exists()
