"""Bad inputs: each becomes a failed document with a clear error; the rest of the batch goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import sample_pdfs
from reportlab.pdfgen import canvas

from pipeline.process import process_document


def _encrypted_pdf(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), encrypt="geheim", invariant=1)
    pdf.drawString(72, 720, "De gemeente bouwt in 2025 veertig woningen.")
    pdf.save()
    return path


def _image_only_pdf(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.rect(72, 600, 200, 100, fill=1)
    pdf.save()
    return path


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("empty.pdf", lambda p: p.write_bytes(b""), "The file is empty (0 bytes)."),
        (
            "notes.pdf",
            lambda p: p.write_text("Dit is geen PDF maar platte tekst.\n"),
            "The file is not a PDF (it does not start with a PDF header).",
        ),
        (
            "archive.pdf",
            lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 200),
            "The file is not a PDF (it does not start with a PDF header).",
        ),
        (
            "corrupt.pdf",
            lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj <<\n%%garbage"),
            "The PDF is damaged and cannot be parsed",
        ),
        ("encrypted.pdf", _encrypted_pdf, "The PDF is encrypted and no valid password was given."),
        ("scan.pdf", _image_only_pdf, "The PDF has no text layer"),
    ],
)
def test_bad_input_fails_with_clear_error(
    tmp_path: Path, name: str, make: object, message: str
) -> None:
    path = tmp_path / name
    make(path)  # type: ignore[operator]
    result = process_document(path)
    assert result.status == "failed"
    assert result.error.startswith(message)
    assert result.agreements == []


def test_truncated_sample_fails_cleanly(tmp_path: Path) -> None:
    data = sample_pdfs()[0].read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 3])
    result = process_document(path)
    assert result.status in ("ok", "failed")
    if result.status == "failed":
        assert result.error


def test_missing_file_fails_with_clear_error(tmp_path: Path) -> None:
    result = process_document(tmp_path / "weg.pdf")
    assert result.status == "failed"
    assert result.error.startswith("The file cannot be opened")
