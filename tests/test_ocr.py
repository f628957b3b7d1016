"""Scanned agreements: pages without a text layer are read with OCR into the same segments.

The scans are made here from the born-digital samples (rendered, turned slightly, noised, saved
as image-only PDFs with fixed seeds) in temporary folders; nothing generated is committed.
"""

from __future__ import annotations

import difflib
import io
import random
import re
import time
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from conftest import sample_pdfs
from PIL import Image
from reportlab.pdfgen import canvas

from pipeline.label.segment import segment_document
from pipeline.models import Agreement, TextLine
from pipeline.read import ReadError, ReadSettings, read_document
from pipeline.read.ocr import ocr_unavailable_reason
from pipeline.read.settings import OcrSettings
from samples import Heading, Para, TableBlock, bullets, render_pdf

needs_ocr = pytest.mark.skipif(
    ocr_unavailable_reason(OcrSettings()) is not None,
    reason=f"OCR unavailable: {ocr_unavailable_reason(OcrSettings())}",
)

SIMILAR = 0.85  # OCR'd text counts as the same agreement from this difflib ratio on


def scanned_copy(
    source: Path, target: Path, seed: int, dpi: int = 300, max_degrees: float = 1.0
) -> Path:
    """An image-only PDF of `source`: each page rendered, turned up to `max_degrees`, noised."""
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    document = pdfium.PdfDocument(source)
    images: list[Image.Image] = []
    for page in document:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        page.close()
        image = image.rotate(
            rng.uniform(-max_degrees, max_degrees),
            resample=Image.Resampling.BILINEAR,
            fillcolor=255,
        )
        pixels = np.asarray(image, dtype=np.int16)
        pixels = pixels + noise.normal(0, 12, pixels.shape).astype(np.int16)
        specks = noise.random(pixels.shape) < 0.0005
        pixels[specks] = 0
        images.append(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)))
    document.close()
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    target.write_bytes(buffer.getvalue())
    return target


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def recovered(
    digital: list[Agreement], scanned: list[Agreement]
) -> tuple[int, list[tuple[str, str]]]:
    """How many born-digital agreements come back from the scan with matching boundaries
    (the same text start to end, up to OCR character errors), and the misses."""
    found = 0
    misses: list[tuple[str, str]] = []
    free = list(scanned)
    for want in digital:
        near = [a for a in free if abs(a.page_start - want.page_start) <= 1]
        best, ratio = None, 0.0
        for got in near:
            score = difflib.SequenceMatcher(None, _norm(want.text), _norm(got.text)).ratio()
            if score > ratio:
                best, ratio = got, score
        if best is not None and ratio >= SIMILAR:
            found += 1
            free.remove(best)
        else:
            misses.append((want.text[:80], best.text[:80] if best else ""))
    return found, misses


def _scan_of_blocks(tmp_path: Path, blocks: list[object], seed: int) -> tuple[Path, Path]:
    digital = tmp_path / "digital.pdf"
    render_pdf(blocks, digital, header="Prestatieafspraken Gemeente Testdorp 2025")  # type: ignore[arg-type]
    return digital, scanned_copy(digital, tmp_path / "scan.pdf", seed=seed)


@needs_ocr
def test_scanned_list_and_table_page_reads_like_the_text_layer(tmp_path: Path) -> None:
    blocks: list[object] = [
        Heading("2 Betaalbaarheid"),
        Para("De partijen maken de volgende afspraken over betaalbaarheid."),
        bullets(
            [
                "De corporatie realiseert in 2025 veertig sociale huurwoningen aan de Dijkstraat.",
                "De gemeente stelt jaarlijks € 50.000 beschikbaar voor het woonlastenfonds.",
                "Partijen overleggen twee keer per jaar over de voortgang.",
            ]
        ),
        Heading("3 Beschikbaarheid"),
        TableBlock(
            header=("Afspraak", "Gemeente", "Corporatie"),
            rows=(
                ("Passend toewijzen", "Neemt voorlichting op zich.", "Wijst 95% passend toe."),
                (
                    "Huurachterstanden",
                    "Biedt schuldhulp binnen drie dagen.",
                    "Belt binnen een week.",
                ),
            ),
        ),
    ]
    digital, scan = _scan_of_blocks(tmp_path, blocks, seed=7)
    started = time.monotonic()
    content = read_document(scan)
    seconds = time.monotonic() - started
    lines = [b for b in content.blocks if isinstance(b, TextLine)]
    assert lines and all(ln.ocr for ln in lines)
    assert all(ln.ocr_confidence is not None and 0.5 < ln.ocr_confidence <= 1 for ln in lines)
    want = segment_document(read_document(digital))
    got = segment_document(content)
    found, misses = recovered(want, got)
    assert found == len(want), misses
    assert [a.source_kind for a in got] == [a.source_kind for a in want]
    table_rows = [a for a in got if a.source_kind == "table_row"]
    assert [c.party for c in table_rows[0].contributions] == ["Gemeente", "Corporatie"]
    assert all(a.ocr for a in got)  # table rows carry the OCR flag like lines do
    assert all(a.ocr_confidence is not None and 0.5 < a.ocr_confidence <= 1 for a in table_rows)
    assert not any(a.ocr or a.ocr_confidence is not None for a in want)
    assert seconds < 60


def test_image_only_pdf_without_ocr_keeps_the_clear_error(tmp_path: Path) -> None:
    image = Image.new("L", (600, 800), 255)
    image.paste(0, (100, 100, 500, 140))
    path = tmp_path / "scan.pdf"
    image.save(path, "PDF", resolution=72)
    for ocr in (OcrSettings(enabled=False), OcrSettings(command="geen-tesseract-hier")):
        with pytest.raises(ReadError, match=r"^The PDF has no text layer .*without OCR \("):
            read_document(path, ReadSettings(ocr=ocr))


@needs_ocr
def test_blank_scan_says_ocr_found_nothing(tmp_path: Path) -> None:
    image = Image.new("L", (600, 800), 250)
    path = tmp_path / "blank.pdf"
    image.save(path, "PDF", resolution=72)
    with pytest.raises(ReadError, match="OCR found no text"):
        read_document(path)


def test_page_with_text_layer_is_not_ocrd(tmp_path: Path) -> None:
    path = tmp_path / "text.pdf"
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.drawString(72, 720, "De gemeente bouwt in 2025 veertig woningen voor starters.")
    pdf.save()
    lines = [b for b in read_document(path).blocks if isinstance(b, TextLine)]
    assert lines and not any(ln.ocr for ln in lines)
    assert all(ln.ocr_confidence is None for ln in lines)


def test_a_document_with_a_text_layer_does_not_ask_whether_ocr_can_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # asking runs the OCR program: it cost each worker's first document about 10 ms
    import pipeline.read.ocr

    asked: list[OcrSettings] = []
    monkeypatch.setattr(
        pipeline.read.ocr, "ocr_unavailable_reason", lambda settings: asked.append(settings)
    )
    document = read_document(sample_pdfs()[0])
    assert document.blocks and asked == []


@needs_ocr
@pytest.mark.slow
def test_scanned_samples_recover_the_born_digital_agreements(tmp_path: Path) -> None:
    total = found = 0
    report = []
    for seed, pdf in enumerate(sample_pdfs(), start=1):
        want = segment_document(read_document(pdf))
        scan = scanned_copy(pdf, tmp_path / pdf.name, seed=seed)
        got = segment_document(read_document(scan))
        hits, misses = recovered(want, got)
        total += len(want)
        found += hits
        report.append(f"{pdf.stem}: {hits}/{len(want)} (found {len(got)}) misses {misses[:3]}")
    assert found >= 0.9 * total, "\n".join(report)
