"""Lines read from scanned pages (issue 19, item 5): a one-word line that ends a bullet is not a
heading, and a bullet glyph OCR reads as "_" is a bullet. No OCR program needed: the lines are
made as the OCR stage makes them."""

from __future__ import annotations

import pytest

from pipeline.label.segment import segment_document
from pipeline.models import BBox, DocumentContent, TextLine
from pipeline.read.lines import heading_level
from pipeline.read.raw import RawLine
from pipeline.read.settings import ReadSettings
from pipeline.text import bullet_prefix, strip_bullet

BODY = 10.0


def _raw(text: str, size: float = BODY, bold: bool = False, ocr: bool = True) -> RawLine:
    return RawLine(
        page=1,
        text=text,
        x0=72,
        top=300,
        x1=300,
        bottom=312,
        size=size,
        bold=bold,
        page_height=842,
        ocr=ocr,
    )


@pytest.mark.parametrize(
    ("line", "level"),
    [
        # measured a little larger and bold on a scan: still the end of the bullet above
        (_raw("schuldhulpverlening.", size=BODY + 1.5, bold=True), None),
        (_raw("gemeentelijke schuldhulpverlening", bold=True), None),
        # text-layer lines keep their measured fonts
        (_raw("gemeentelijke schuldhulpverlening", bold=True, ocr=False), 3),
        (_raw("Schuldhulpverlening.", size=BODY + 1.5), None),
        # real headings
        (_raw("5 Armoede en schulden", size=BODY + 4, bold=True), 1),
        (_raw("Schulden en armoede", bold=True), 3),
        (_raw("Artikel 3 Huur en beleid.", size=BODY + 1.5, ocr=False), 1),
        # a speck after a numbered heading read as a colon or full stop (issue 20)
        (_raw("3 Afspraken per thema:", size=BODY + 4, bold=True), 1),
        (_raw("3.1 Betaalbaarheid en woonlasten.", size=BODY + 3), 2),
        (_raw("2.1.3 De gemeente stelt jaarlijks geld beschikbaar.", size=BODY + 1.5), None),
        (_raw("2.2.3 Daarnaast spreken partijen het volgende af:", size=BODY + 3), None),
        (_raw("3 woningen per jaar.", size=BODY + 4), None),
        (_raw("1.2 Partijen stellen de jaarschijf vast:", size=BODY, bold=True), None),
    ],
)
def test_a_sentence_end_on_a_scan_is_not_a_heading(line: RawLine, level: int | None) -> None:
    assert heading_level(line, BODY, ReadSettings()) == level


@pytest.mark.parametrize(
    ("text", "marker", "rest"),
    [
        ("_ De gemeente biedt een gesprek aan.", "_", "De gemeente biedt een gesprek aan."),
        ("• _ De gemeente biedt een gesprek aan.", "•", "De gemeente biedt een gesprek aan."),
        ("snake_case blijft tekst", None, "snake_case blijft tekst"),
        ("_", None, "_"),
    ],
)
def test_an_underscore_read_for_a_bullet_is_a_bullet(
    text: str, marker: str | None, rest: str
) -> None:
    assert bullet_prefix(text) == marker
    assert strip_bullet(text) == rest


def _line(text: str, top: float, heading: int | None = None) -> TextLine:
    return TextLine(
        page=1,
        text=text,
        bbox=BBox(x0=72, top=top, x1=520, bottom=top + 12),
        font_size=BODY + 4 if heading else BODY,
        bold=heading is not None,
        heading_level=heading,
        ocr=True,
        ocr_confidence=0.9,
    )


def test_a_scanned_list_keeps_its_bullets_whole() -> None:
    texts = [
        ("5 Armoede en schulden", 1),
        (
            "_ De corporaties melden een huurachterstand van twee maanden binnen vijf werkdagen",
            None,
        ),
        ("bij de schuldhulpverlening.", None),
        ("_ De gemeente biedt binnen drie werkdagen een eerste gesprek aan over", None),
        ("schuldhulpverlening.", None),
        ("_ Partijen evalueren de aanpak in 2027.", None),
    ]
    lines = [_line(t, 100 + 16 * i, h) for i, (t, h) in enumerate(texts)]
    content = DocumentContent(
        source_file="scan.pdf",
        sha256="0" * 64,
        page_count=1,
        blocks=lines,
        first_page_text="",
        last_pages_text="",
    )
    found = segment_document(content)
    assert [(a.source_kind, a.heading_path, a.text) for a in found] == [
        (
            "list",
            ["5 Armoede en schulden"],
            "De corporaties melden een huurachterstand van twee maanden binnen vijf werkdagen bij "
            "de schuldhulpverlening.",
        ),
        (
            "list",
            ["5 Armoede en schulden"],
            "De gemeente biedt binnen drie werkdagen een eerste gesprek aan over "
            "schuldhulpverlening.",
        ),
        ("list", ["5 Armoede en schulden"], "Partijen evalueren de aanpak in 2027."),
    ]
