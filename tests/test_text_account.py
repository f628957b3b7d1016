"""No text is lost without a trace (issue 20, item 1): every printed character of a text-layer
page ends up in a line, a table cell, or a counted exclusion (header, footer, page number,
watermark). Checked twice: by the read stage's own account, and independently here by
comparing the letters and digits pdfplumber sees with those the read stage gives out."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from conftest import REPO, sample_pdfs
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.models import DocumentContent, Table, TextLine
from pipeline.read import read_document
from samples import Heading, Para, bullets, render_pdf

WIDTH, HEIGHT = A4
YELLOW = Color(1.0, 0.95, 0.3)
GREY = Color(0.9, 0.9, 0.9)

LINES = [
    "3 Betaalbaarheid",
    "De partijen spreken het volgende af:",
    "- De corporatie past bij 70% van de mutaties de streefhuur toe die hoort bij",
    "  woningen met label E, F of G, vanaf 1 januari 2025.",
    "- De gemeente meldt jaarlijks in mei de voortgang aan de huurders.",
]


def _lines_pdf(path: Path, shade: Callable[[int], Color | None]) -> Path:
    """LINES drawn one per line; `shade(i)` fills a rectangle behind line i (or not)."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = HEIGHT - 80
    for i, text in enumerate(LINES):
        colour = shade(i)
        if colour is not None:
            pdf.setFillColor(colour)
            pdf.rect(68, y - 4, 470, 16, stroke=0, fill=1)
            pdf.setFillColor(Color(0, 0, 0))
        pdf.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 10)
        pdf.drawString(72, y, text)
        y -= 16
    pdf.save()
    return path


def _highlighted(path: Path) -> Path:
    """A yellow highlight behind the two lines of the first bullet."""
    return _lines_pdf(path, lambda i: YELLOW if i in (2, 3) else None)


def _shaded(path: Path) -> Path:
    """A grey box behind every line, touching the next (as LibreOffice writes shaded text)."""
    return _lines_pdf(path, lambda i: GREY)


def _watermarked_with_running_lines(path: Path) -> Path:
    """Four pages with a header, a footer with the page number and a diagonal watermark."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for page in range(1, 5):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, HEIGHT - 40, "Prestatieafspraken Gemeente Veldhoven-Oost 2025")
        pdf.drawString(72, 30, f"pagina {page} van 4")
        pdf.saveState()
        pdf.translate(WIDTH / 2, HEIGHT / 2)
        pdf.rotate(40)
        pdf.setFont("Helvetica", 50)
        pdf.setFillGray(0.85)
        pdf.drawCentredString(0, 0, "CONCEPT")
        pdf.restoreState()
        pdf.setFont("Helvetica", 10)
        pdf.drawString(
            72, HEIGHT - 200, f"Afspraak {page}: de corporatie bouwt {page * 10} woningen."
        )
        pdf.showPage()
    pdf.save()
    return path


def _table_document(path: Path) -> Path:
    render_pdf(
        [
            Heading("2 Nieuwbouw"),
            Para("De partijen spreken het volgende af:"),
            bullets(["De gemeente levert in 2026 twee locaties voor sociale huur."]),
        ],
        path,
    )
    return path


BUILT: dict[str, Callable[[Path], Path]] = {
    "highlighted-bullet": _highlighted,
    "shaded-lines": _shaded,
    "watermark-header-footer": _watermarked_with_running_lines,
    "bullets": _table_document,
}

SHIPPED = [
    *sample_pdfs(),
    *sorted((REPO / "tests" / "data" / "realistic").glob("*.pdf")),
]


def _alnum(text: str) -> Counter[str]:
    """Letters and digits of a text, as the read stage normalises them (NFKC, any case)."""
    return Counter(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def _printed_letters(path: Path) -> Counter[str]:
    """Letters and digits of every text-layer character pdfplumber finds (bullet glyphs
    that pdfminer cannot name, "(cid:N)", left out: they become a bullet sign)."""
    found: Counter[str] = Counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            chars = page.dedupe_chars().chars
            found += _alnum("".join(c["text"] for c in chars if not c["text"].startswith("(cid:")))
    return found


def _given_letters(content: DocumentContent) -> Counter[str]:
    out: Counter[str] = Counter()
    for block in content.blocks:
        if isinstance(block, TextLine):
            out += _alnum(block.text)
        elif isinstance(block, Table):
            # a table over several pages keeps one header: count it once per page
            pages = block.page_end - block.page + 1 if block.has_header else 1
            out += _alnum(
                " ".join([*block.header * pages, *(c for r in block.rows for c in r.cells)])
            )
    for item in content.excluded:
        out += _alnum(item.text)
    return out


def _check_nothing_lost(path: Path) -> DocumentContent:
    content = read_document(path)
    account = content.account
    assert account.unplaced == 0, account
    assert account.chars == account.in_lines + account.in_tables + account.excluded, account
    assert sum(e.chars for e in content.excluded) == account.excluded
    missing = _printed_letters(path) - _given_letters(content)
    assert not missing, dict(missing)
    return content


@pytest.mark.parametrize("pdf", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_character_of_the_shipped_pdfs_is_placed_or_excluded(pdf: Path) -> None:
    content = _check_nothing_lost(pdf)
    assert content.account.chars > 0


@pytest.mark.parametrize("name", list(BUILT))
def test_every_character_of_the_built_pdfs_is_placed_or_excluded(tmp_path: Path, name: str) -> None:
    _check_nothing_lost(BUILT[name](tmp_path / f"{name}.pdf"))


def _texts(content: DocumentContent) -> list[str]:
    return [b.text for b in content.blocks if isinstance(b, TextLine)]


def test_text_under_a_highlight_is_kept(tmp_path: Path) -> None:
    content = read_document(_highlighted(tmp_path / "highlighted.pdf"))
    assert _texts(content) == [line.strip() for line in LINES]
    assert content.account.model_dump() == {
        "chars": 204,
        "in_lines": 204,
        "in_tables": 0,
        "excluded": 0,
        "unplaced": 0,
    }


def test_lines_each_on_a_shaded_box_are_read_as_text(tmp_path: Path) -> None:
    content = read_document(_shaded(tmp_path / "shaded.pdf"))
    assert _texts(content) == [line.strip() for line in LINES]
    assert not any(isinstance(b, Table) for b in content.blocks)


def test_headers_footers_and_watermarks_are_counted_exclusions(tmp_path: Path) -> None:
    content = read_document(_watermarked_with_running_lines(tmp_path / "watermark.pdf"))
    assert _texts(content) == [
        f"Afspraak {n}: de corporatie bouwt {n * 10} woningen." for n in range(1, 5)
    ]
    assert [(e.page, e.reason, e.text, e.chars) for e in content.excluded if e.page == 2] == [
        (2, "header_footer", "Prestatieafspraken Gemeente Veldhoven-Oost 2025", 44),
        (2, "header_footer", "pagina 2 van 4", 11),
        (2, "watermark", "CONCEPT", 7),
    ]
    assert content.account.excluded == 4 * (44 + 11 + 7)
