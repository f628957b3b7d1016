"""A damaged page does not fail the whole document (issue 20, item 3): the readable pages are
kept, the document gets `status = partial` and the damaged pages are listed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from test_hostile import raw_pdf, stream

from flows.cli import EXIT_SOME_FAILED, main
from pipeline.models import TextLine
from pipeline.process import process_document
from pipeline.read import ReadError, read_document
from pipeline.write.tables import documents_frame

PAGES = 12


def _page_text(number: int) -> bytes:
    """Two lines in the body of the page (below the header zone)."""
    return (
        b"BT /F1 11 Tf 72 560 Td 14 TL (%d. De corporatie bouwt in 2026 %d woningen.) Tj T* "
        b"(De gemeente levert daarvoor de grond.) Tj ET" % (number, number * 10)
    )


def _pdf_with_damaged_pages(path: Path, damaged: set[int], pages: int = PAGES) -> Path:
    """A PDF whose damaged pages draw a form XObject with a broken /Matrix (a string): pdfminer
    raises while it interprets such a page; pdfplumber reads the others."""
    font, form = 3 + 2 * pages, 4 + 2 * pages
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(pages))
    objects = [b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages]
    resources = b"<< /Font << /F1 %d 0 R >> /XObject << /X1 %d 0 R >> >>" % (font, form)
    for number in range(1, pages + 1):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
            + resources
            + b" /Contents %d 0 R >>" % (4 + 2 * (number - 1))
        )
        content = _page_text(number) + (b" /X1 Do" if number in damaged else b"")
        objects.append(stream(content))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects.append(
        stream(b"0 0 m 10 10 l S", b"/Type /XObject /Subtype /Form /BBox [0 0 9 9] /Matrix (x) ")
    )
    path.write_bytes(raw_pdf(objects))
    return path


def test_readable_pages_are_kept_and_the_damaged_page_listed(tmp_path: Path) -> None:
    content = read_document(_pdf_with_damaged_pages(tmp_path / "last.pdf", {PAGES}))
    assert content.page_count == PAGES
    assert content.damaged_pages == [PAGES]
    lines = [b for b in content.blocks if isinstance(b, TextLine)]
    assert sorted({line.page for line in lines}) == list(range(1, PAGES))
    assert lines[-2].text == "11. De corporatie bouwt in 2026 110 woningen."


def test_document_with_a_damaged_page_is_partial(tmp_path: Path) -> None:
    result = process_document(_pdf_with_damaged_pages(tmp_path / "two.pdf", {5, PAGES}))
    assert result.status == "partial"
    assert result.damaged_pages == [5, PAGES]
    assert result.error == (
        "Pages 5, 12 are damaged and could not be read; the other 10 of 12 pages were read."
    )
    row = documents_frame([result]).iloc[0]
    assert (row["status"], row["damaged_pages"], row["pages"]) == ("partial", "5; 12", 12)
    one = process_document(_pdf_with_damaged_pages(tmp_path / "one.pdf", {PAGES}))
    assert (
        one.error == "Page 12 is damaged and could not be read; the other 11 of 12 pages were read."
    )


def test_a_document_whose_every_page_is_damaged_fails(tmp_path: Path) -> None:
    path = _pdf_with_damaged_pages(tmp_path / "all.pdf", {1, 2, 3}, pages=3)
    with pytest.raises(ReadError, match=r"^Every page of the PDF is damaged and cannot be parsed"):
        read_document(path)
    assert process_document(path).status == "failed"


@pytest.mark.slow
def test_partial_document_exits_1_and_is_listed(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    path = _pdf_with_damaged_pages(tmp_path / "in" / "deels.pdf", {PAGES})
    out = tmp_path / "out"
    assert main(["run", str(path), "--output", str(out), "--no-progress"]) == EXIT_SOME_FAILED
    documenten = pd.read_csv(out / "documenten.csv", dtype={"damaged_pages": str})
    assert documenten[["status", "damaged_pages"]].values.tolist() == [["partial", "12"]]


def test_a_page_whose_page_object_is_damaged_is_left_out(tmp_path: Path) -> None:
    path = _pdf_with_damaged_pages(tmp_path / "mediabox.pdf", set())
    data = path.read_bytes()
    third = -1
    for _ in range(3):  # the third page object's MediaBox, cut to three numbers (same length)
        third = data.index(b"/MediaBox [0 0 595 842]", third + 1)
    path.write_bytes(data[:third] + b"/MediaBox [0 0 595]    " + data[third + 23 :])
    result = process_document(path)
    assert (result.status, result.damaged_pages) == ("partial", [3])
