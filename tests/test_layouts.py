"""Hard page layouts: two columns, turned tables, tables without rulings, and what must not
change (one-column text, hanging indents, label columns). The PDFs are drawn here with
reportlab, deterministically, in temporary folders."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as RLTable

from pipeline.label.segment import segment_document
from pipeline.models import Agreement, Table, TextLine
from pipeline.read import ReadSettings, read_document

WIDTH, HEIGHT = A4
MARGIN = 60.0
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
BULLET = ParagraphStyle("bullet", parent=BODY, leftIndent=14, bulletIndent=2)
TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=15, leading=19, spaceAfter=8)
SUB = ParagraphStyle(
    "sub", fontName="Helvetica-Bold", fontSize=11.5, leading=15, spaceBefore=4, spaceAfter=4
)
BOLD = ParagraphStyle("bold", parent=BODY, fontName="Helvetica-Bold", spaceAfter=0)
CELL = ParagraphStyle("cell", parent=BODY, spaceAfter=0)


def _segments(pdf: Path) -> list[Agreement]:
    return segment_document(read_document(pdf))


def _story(items: list[tuple[str, str]]) -> list[Any]:
    """Flowables from (kind, text): 'h' sub-heading, 'b' bullet, 'p' paragraph, '|' next column."""
    out: list[Any] = []
    for kind, text in items:
        if kind == "|":
            out.append(FrameBreak())
        elif kind == "h":
            out.append(Paragraph(text, SUB))
        elif kind == "b":
            out.append(Paragraph(text, BULLET, bulletText="•"))
        else:
            out.append(Paragraph(text, BODY))
    return out


def _footer(pdf: Any, doc: Any) -> None:
    pdf.setFont("Helvetica", 8.5)
    pdf.drawString(MARGIN, 30, "Prestatieafspraken Gemeente Brederwiel 2025-2028")
    pdf.drawRightString(WIDTH - MARGIN, 30, f"pagina {pdf.getPageNumber()}")


def _two_column_pdf(path: Path, title: str, items: list[tuple[str, str]]) -> Path:
    """A full-width title over two text columns (a 20 pt gutter), footer on every page."""
    column = (WIDTH - 2 * MARGIN - 20) / 2
    pad = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    frames = [
        Frame(MARGIN, HEIGHT - MARGIN - 30, WIDTH - 2 * MARGIN, 30, id="title", **pad),
        Frame(MARGIN, 70, column, HEIGHT - MARGIN - 100, id="left", **pad),
        Frame(MARGIN + column + 20, 70, column, HEIGHT - MARGIN - 100, id="right", **pad),
    ]
    doc = BaseDocTemplate(str(path), pagesize=A4, invariant=1)
    doc.addPageTemplates([PageTemplate("two", frames, onPage=_footer)])
    doc.build([Paragraph(title, TITLE), FrameBreak(), *_story(items)])
    return path


def _one_column_pdf(path: Path, flowables: list[Any]) -> Path:
    doc = BaseDocTemplate(str(path), pagesize=A4, invariant=1)
    frame = Frame(MARGIN, 70, WIDTH - 2 * MARGIN, HEIGHT - MARGIN - 70, id="body")
    doc.addPageTemplates([PageTemplate("one", [frame], onPage=_footer)])
    doc.build(flowables)
    return path


# --- 1. two columns -------------------------------------------------------------------------

LEFT_BULLETS = [
    "Woonstichting Oeverland isoleert in 2026 honderdtwintig eengezinswoningen in de wijk "
    "Kattenbroek tot minimaal label B.",
    "De gemeente stelt in 2025 een warmteplan op voor de buurten Zuid en Oost en betrekt de "
    "huurders daar vanaf het begin bij.",
    "Oeverland legt jaarlijks op driehonderd woningen zonnepanelen zonder dat de huur stijgt.",
    "De huurdersvereniging informeert haar leden twee keer per jaar over energiebesparing en "
    "over de energiecoach van de gemeente.",
]
RIGHT_BULLETS = [
    "Bij elke renovatie legt de corporatie een groen dak of een waterberging aan waar de "
    "constructie dat toelaat.",
    "De gemeente onderzoekt in 2026 samen met Oeverland welke complexen het meeste last hebben "
    "van hitte in de zomer.",
    "Partijen bespreken de voortgang van de klimaatadaptatie elk voorjaar in het bestuurlijk "
    "overleg.",
]


def test_two_column_page_reads_left_column_then_right(tmp_path: Path) -> None:
    items = [
        ("p", "De partijen spreken het volgende af over de verduurzaming van de woningen:"),
        *[("b", t) for t in LEFT_BULLETS],
        ("|", ""),
        ("h", "Klimaatadaptatie"),
        *[("b", t) for t in RIGHT_BULLETS],
    ]
    pdf = _two_column_pdf(tmp_path / "two.pdf", "3 Duurzaamheid", items)
    content = read_document(pdf)
    assert not [b for b in content.blocks if isinstance(b, Table)]
    found = segment_document(content)
    assert [a.text for a in found] == LEFT_BULLETS + RIGHT_BULLETS
    assert {a.source_kind for a in found} == {"list"}
    assert [a.heading_path for a in found] == [["3 Duurzaamheid"]] * 4 + [
        ["3 Duurzaamheid", "Klimaatadaptatie"]
    ] * 3
    assert [a.lead_in for a in found[:4]] == [items[0][1]] * 4
    assert all(a.page_start == a.page_end == 1 for a in found)
    assert all(a.bbox.x0 > WIDTH / 2 for a in found[4:])


def test_item_wrapping_from_the_left_column_into_the_right_stays_whole(tmp_path: Path) -> None:
    filler = (
        "De gemeente Brederwiel telt ruim vierduizend sociale huurwoningen, verdeeld over drie "
        "corporaties. De wachttijd voor een woning is de afgelopen jaren opgelopen tot ruim zeven "
        "jaar. "
    )
    numbered = [
        (
            "1.",
            "De corporaties verkopen in de looptijd van deze afspraken geen sociale "
            "huurwoningen in de kernen Oudwiel en Brederhoek, tenzij de gemeente daar vooraf mee "
            "instemt en de woningen op een andere plek in de gemeente worden teruggebouwd.",
        ),
        (
            "2.",
            "De gemeente neemt in 2026 een doorstroomregeling voor ouderen op in de "
            "huisvestingsverordening.",
        ),
        ("3.", "Oeverland wijst jaarlijks minimaal veertig woningen toe aan jongeren tot 27 jaar."),
    ]
    story: list[tuple[str, str]] = [("p", filler * 5), ("p", filler * 5), ("p", filler * 2)]
    story += [("p", f"{n} {t}") for n, t in numbered]
    pdf = _two_column_pdf(tmp_path / "wrap.pdf", "4 Beschikbaarheid", story)
    content = read_document(pdf)
    lines = [b for b in content.blocks if isinstance(b, TextLine)]
    first = next(i for i, ln in enumerate(lines) if ln.text.startswith("1. "))
    second = next(i for i, ln in enumerate(lines) if ln.text.startswith("2. "))
    item = lines[first:second]
    assert item[0].bbox.x0 < WIDTH / 2 < item[-1].bbox.x0  # item 1 wraps into the right column
    found = [a for a in segment_document(content) if a.source_kind == "numbered"]
    assert [(a.number, a.text) for a in found] == numbered
    assert all("pagina" not in a.text for a in found)


def test_signature_block_in_two_short_columns_reads_as_before(tmp_path: Path) -> None:
    pdf = tmp_path / "signatures.pdf"
    page = canvas.Canvas(str(pdf), invariant=1)
    page.setFont("Helvetica-Bold", 14)
    page.drawString(MARGIN, 760, "7 Ondertekening")
    page.setFont("Helvetica", 10)
    left = ["Namens de gemeente Brederwiel", "de wethouder wonen", "J. de Vries", "Datum:"]
    right = ["Namens Woonstichting Oeverland", "de directeur-bestuurder", "A. Bakker", "Datum:"]
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        page.drawString(MARGIN, 720 - 24 * i, a)
        page.drawString(320, 720 - 24 * i, b)
    page.save()
    texts = [b.text for b in read_document(pdf).blocks if isinstance(b, TextLine)]
    assert texts == ["7 Ondertekening", *[f"{a} {b}" for a, b in zip(left, right, strict=True)]]


# --- negative cases: one column, hanging indents, label columns -------------------------------


def test_one_column_page_with_hanging_indents_and_label_column_is_unchanged(
    tmp_path: Path,
) -> None:
    hanging = ParagraphStyle("hang", parent=BODY, leftIndent=28, bulletIndent=0)
    label = ParagraphStyle("label", parent=BODY, leftIndent=110, firstLineIndent=-110)
    bullets = [
        "De corporatie biedt huurders met een betalingsachterstand binnen twee weken een "
        "gesprek aan met een budgetcoach van de gemeente of van de eigen organisatie.",
        "De gemeente vergoedt in 2025 en 2026 de kosten van de vroegsignalering van "
        "huurachterstanden tot een bedrag van € 40.000 per jaar.",
        "Partijen evalueren de aanpak van huurachterstanden eind 2026 en passen hem zo nodig "
        "aan op basis van de cijfers van de corporaties.",
    ]
    flowables: list[Any] = [Paragraph("5 Armoede en huurachterstanden", TITLE)]
    flowables += [Paragraph(t, hanging, bulletText="–") for t in bullets]
    flowables += [
        Paragraph(
            "Gemeente:&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;"
            "betaalt de schuldhulp en de budgetcoaches en houdt de wachttijd voor een eerste "
            "gesprek onder de drie weken, ook in de drukke maanden na de jaarwisseling.",
            label,
        )
    ]
    pdf = _one_column_pdf(tmp_path / "one.pdf", flowables)
    on = read_document(pdf)
    off = read_document(
        pdf,
        ReadSettings(
            layout={"columns": False, "whitespace_tables": False},  # type: ignore[arg-type]
            turned_text=False,
        ),
    )
    assert on == off
    assert not [b for b in on.blocks if isinstance(b, Table)]
    found = segment_document(on)
    assert [a.text for a in found] == bullets
    assert [a.source_kind for a in found] == ["list"] * 3


def test_bullet_list_with_hanging_indent_and_nesting_is_not_a_table(tmp_path: Path) -> None:
    level1 = ParagraphStyle("l1", parent=BODY, leftIndent=20, bulletIndent=0)
    level2 = ParagraphStyle("l2", parent=BODY, leftIndent=40, bulletIndent=20)
    items = [
        (level1, "•", "De corporaties bouwen tot 2028 samen vierhonderd sociale huurwoningen:"),
        (level2, "–", "Oeverland in Brederhoek"),
        (level2, "–", "Wielwonen in Oudwiel"),
        (level2, "–", "Oeverland en Wielwonen samen op het stationsterrein"),
        (level1, "•", "De gemeente levert daarvoor de grond tegen een sociale grondprijs."),
        (level1, "•", "Partijen volgen de planning elk kwartaal in het ambtelijk overleg."),
    ]
    flowables: list[Any] = [Paragraph("2 Nieuwbouw", TITLE)]
    flowables += [Paragraph(text, style, bulletText=mark) for style, mark, text in items]
    pdf = _one_column_pdf(tmp_path / "nested.pdf", flowables)
    content = read_document(pdf)
    assert not [b for b in content.blocks if isinstance(b, Table)]
    texts = [b.text for b in content.blocks if isinstance(b, TextLine)]
    assert texts == [
        "2 Nieuwbouw",
        *[f"{mark} {text}" for _, mark, text in items],
        "Prestatieafspraken Gemeente Brederwiel 2025-2028 pagina 1",
    ]


# --- 2. turned pages and turned tables -------------------------------------------------------

ACTOR_ROWS = [
    ("Afspraak", "Gemeente", "Woonstichting Oeverland"),
    ("Meer sociale huur", "Levert twee bouwlocaties.", "Bouwt in 2026 dertig woningen."),
    ("Vroegsignalering", "Belt binnen een week na een melding.", "Meldt achterstanden na 1 maand."),
    ("Wonen met zorg", "Vergoedt woningaanpassingen.", "Maakt 25 woningen rollatorgeschikt."),
]
COLUMN_X = (0.0, 190.0, 420.0, 650.0)


def _draw_table(pdf: Any, rows: list[tuple[str, ...]], xs: tuple[float, ...]) -> None:
    """A ruled table from the origin downwards (y negative), in the current transformation."""
    height = 24
    for i, row in enumerate(rows):
        pdf.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 9.5)
        for x, text in zip(xs, row, strict=False):
            pdf.drawString(x + 4, -i * height - 16, text)
    for i in range(len(rows) + 1):
        pdf.line(xs[0], -i * height, xs[-1], -i * height)
    for x in xs:
        pdf.line(x, 0, x, -len(rows) * height)


def _landscape_page_pdf(path: Path, rotate: int) -> Path:
    """A portrait page whose /Rotate makes it landscape; the table is drawn turned to match
    (reportlab takes the page size as displayed, so landscape here means a portrait MediaBox)."""
    pdf = canvas.Canvas(str(path), pagesize=(HEIGHT, WIDTH), invariant=1)
    pdf.setPageRotation(rotate)
    if rotate == 90:
        pdf.translate(WIDTH - 60, 80)
        pdf.rotate(90)
    else:
        pdf.translate(60, HEIGHT - 80)
        pdf.rotate(-90)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(0, 10, "Bijlage 2 Afspraken wonen en zorg")
    pdf.translate(0, -10)
    _draw_table(pdf, ACTOR_ROWS, COLUMN_X)
    pdf.save()
    return path


def _expected_actor_texts() -> list[str]:
    return [f"{a}. Gemeente: {b} Woonstichting Oeverland: {c}" for a, b, c in ACTOR_ROWS[1:]]


def test_rotated_landscape_page_reads_like_an_ordinary_table(tmp_path: Path) -> None:
    for rotate in (90, 270):
        pdf = _landscape_page_pdf(tmp_path / f"rotate{rotate}.pdf", rotate)
        found = _segments(pdf)
        assert [a.text for a in found] == _expected_actor_texts(), rotate
        assert [a.heading_path for a in found] == [["Bijlage 2 Afspraken wonen en zorg"]] * 3
        assert [[c.party for c in a.contributions] for a in found] == [
            ["Gemeente", "Woonstichting Oeverland"]
        ] * 3
        assert all(a.source_kind == "table_row" and a.page_start == 1 for a in found)


def test_table_drawn_turned_on_a_portrait_page_reads_upright(tmp_path: Path) -> None:
    pdf_path = tmp_path / "turned.pdf"
    pdf = canvas.Canvas(str(pdf_path), pagesize=A4, invariant=1)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(MARGIN, HEIGHT - 70, "Bijlage 2 Afspraken wonen en zorg")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(MARGIN, HEIGHT - 95, "De tabel hieronder geeft de afspraken per partij.")
    pdf.saveState()
    pdf.translate(WIDTH - 80, 60)
    pdf.rotate(90)
    _draw_table(pdf, ACTOR_ROWS, COLUMN_X)
    pdf.restoreState()
    pdf.drawString(MARGIN, 40, "Zie ook hoofdstuk 4 voor de aantallen per jaar.")
    pdf.save()
    content = read_document(pdf_path)
    kinds = [b.kind for b in content.blocks]
    assert kinds == ["line", "line", "table", "line"]
    found = segment_document(content)
    rows = [a for a in found if a.source_kind == "table_row"]
    assert [a.text for a in rows] == _expected_actor_texts()
    assert [c.text for c in rows[2].contributions] == [
        "Vergoedt woningaanpassingen.",
        "Maakt 25 woningen rollatorgeschikt.",
    ]
    assert all(re.fullmatch(r"[\w ,.;:'€-]+", a.text) for a in found)  # no mirrored text


def test_diagonal_watermark_is_dropped_and_turned_column_headers_keep_the_table(
    tmp_path: Path,
) -> None:
    pdf_path = tmp_path / "headers.pdf"
    pdf = canvas.Canvas(str(pdf_path), pagesize=A4, invariant=1)
    pdf.saveState()
    pdf.translate(WIDTH / 2, HEIGHT / 2)
    pdf.rotate(45)
    pdf.setFont("Helvetica", 60)
    pdf.setFillGray(0.85)
    pdf.drawCentredString(0, 0, "CONCEPT")
    pdf.restoreState()
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(MARGIN, HEIGHT - 70, "Bijlage 1 Jaarschijf 2026")
    pdf.translate(MARGIN, HEIGHT - 100)
    xs = (0.0, 220.0, 280.0, 340.0, 400.0)
    for x, year in zip(xs[1:4], ("2026", "2027", "2028"), strict=True):
        pdf.saveState()
        pdf.translate(x + 16, -21)
        pdf.rotate(90)  # column headers set upright in narrow columns, read bottom to top
        pdf.setFont("Helvetica", 9)
        pdf.drawString(0, 0, year)
        pdf.restoreState()
    _draw_table(
        pdf,
        [
            ("Indicator", "", "", ""),
            ("Nieuwbouw sociale huur", "40", "45", "50"),
            ("Woningen verduurzaamd", "120", "110", "100"),
        ],
        xs,
    )
    pdf.save()
    content = read_document(pdf_path)
    assert all(len(b.text) > 1 for b in content.blocks if isinstance(b, TextLine))  # no letters
    assert "Bijlage 1 Jaarschijf 2026" in [getattr(b, "text", "") for b in content.blocks]
    (table,) = [b for b in content.blocks if isinstance(b, Table)]
    assert table.header == ["Indicator", "2026", "2027", "2028"]
    assert [r.cells for r in table.rows] == [
        ["Nieuwbouw sociale huur", "40", "45", "50"],
        ["Woningen verduurzaamd", "120", "110", "100"],
    ]


# --- 3. tables without rulings -----------------------------------------------------------------


def _whitespace_table(header: list[str], rows: list[list[str]], widths: list[float]) -> RLTable:
    data = [[Paragraph(h, BOLD) for h in header]]
    data += [[Paragraph(c, CELL) if c else "" for c in row] for row in rows]
    table = RLTable(data, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ]
    )
    return table


def test_actor_table_aligned_by_whitespace_only(tmp_path: Path) -> None:
    header = ["Afspraak", "Gemeente", "Corporatie", "Huurdersorganisatie"]
    rows = [
        [
            "Passend toewijzen aan huishoudens met een laag inkomen",
            "Controleert de toewijzingen één keer per jaar.",
            "Wijst 95% van de woningen passend toe.",
            "Meldt klachten over toewijzing.",
        ],
        [
            "Vergunninghouders huisvesten",
            "Zorgt voor begeleiding in het eerste jaar.",
            "Levert jaarlijks 30 woningen voor de taakstelling.",
            "",
        ],
        [
            "Ontmoeting in de wijk",
            "Subsidieert het buurthuis aan de Molenweg tot 2027.",
            "Stelt een ruimte in De Wielen gratis ter beschikking.",
            "Organiseert vier keer per jaar een wijkavond.",
        ],
    ]
    widths = [140.0, 110.0, 110.0, 115.0]
    flowables: list[Any] = [
        Paragraph("6 Leefbaarheid en doelgroepen", TITLE),
        Paragraph("Partijen maken de volgende afspraken, per partij uitgewerkt:", BODY),
        _whitespace_table(header, rows, widths),
        Spacer(1, 10),
        Paragraph(
            "De tabel is opgesteld op basis van de biedingen uit juni 2024 en het gesprek met de "
            "huurdersorganisaties in de zomer van dat jaar.",
            BODY,
        ),
    ]
    pdf = _one_column_pdf(tmp_path / "whitespace.pdf", flowables)
    content = read_document(pdf)
    (table,) = [b for b in content.blocks if isinstance(b, Table)]
    assert table.header == header and table.has_header
    assert [r.cells for r in table.rows] == rows
    found = segment_document(content)
    assert [a.source_kind for a in found] == ["table_row"] * 3
    assert [a.text.split(". ")[0] for a in found] == [r[0] for r in rows]
    assert [[(c.party, c.text) for c in a.contributions] for a in found] == [
        [(p, t) for p, t in zip(header[1:], row[1:], strict=True) if t] for row in rows
    ]
    texts = [b.text for b in content.blocks if isinstance(b, TextLine)]
    assert texts[-3].startswith("De tabel is opgesteld")  # the text below stays text


def test_numbered_who_when_table_without_rulings(tmp_path: Path) -> None:
    header = ["Nr", "Afspraak", "Wie", "Wanneer"]
    rows = [
        [
            "1",
            "Een gezamenlijke monitor van de slaagkans van woningzoekenden opstellen.",
            "Gemeente",
            "Q2 2026",
        ],
        [
            "2",
            "Vijftig woningen labelen voor mensen die uitstromen uit beschermd wonen.",
            "Oeverland",
            "2025-2027",
        ],
        [
            "3",
            "De huurdersraad vooraf betrekken bij elke sloopbeslissing.",
            "Corporaties",
            "Doorlopend",
        ],
    ]
    flowables: list[Any] = [
        Paragraph("8 Actiepunten", TITLE),
        _whitespace_table(header, rows, [30.0, 260.0, 80.0, 80.0]),
    ]
    pdf = _one_column_pdf(tmp_path / "who.pdf", flowables)
    found = _segments(pdf)
    assert [(a.number, a.text) for a in found] == [
        (n, f"{t} Wie: {w}. Wanneer: {d}") for n, t, w, d in rows
    ]
    assert all(a.contributions == [] for a in found)  # Wie/Wanneer are attributes


def test_whitespace_table_header_wrapped_over_two_lines(tmp_path: Path) -> None:
    header = ["Opgave", "Gemeente Brederwiel", "Woonstichting Oeverland", "Huurdersraad Wiel"]
    rows = [
        [
            "Doorstroming van ouderen",
            "Past de verordening in 2026 aan.",
            "Biedt 15 seniorenwoningen per jaar met voorrang aan.",
            "Denkt mee.",
        ],
        ["Tijdelijke woningen", "Wijst twee locaties aan.", "Plaatst 40 flexwoningen.", ""],
    ]
    flowables: list[Any] = [
        Paragraph("4 Beschikbaarheid", TITLE),
        _whitespace_table(header, rows, [120.0, 90.0, 140.0, 95.0]),
    ]
    content = read_document(_one_column_pdf(tmp_path / "wrapped.pdf", flowables))
    (table,) = [b for b in content.blocks if isinstance(b, Table)]
    assert table.header == header
    assert [r.cells for r in table.rows] == rows


def test_two_column_page_is_not_a_table(tmp_path: Path) -> None:
    items = [*[("b", t) for t in LEFT_BULLETS], ("|", ""), *[("b", t) for t in RIGHT_BULLETS]]
    pdf = _two_column_pdf(tmp_path / "cols.pdf", "3 Duurzaamheid", items)
    content = read_document(pdf)
    assert not [b for b in content.blocks if isinstance(b, Table)]
    assert [a.text for a in segment_document(content)] == LEFT_BULLETS + RIGHT_BULLETS


def test_target_table_without_rulings_gives_numbers_per_year(tmp_path: Path) -> None:
    header = ["Indicator", "2025", "2026", "2027"]
    rows = [
        ["Nieuwbouw sociale huur", "35", "50", "65"],
        ["Woningen naar label B of beter", "140", "120", "90"],
        ["Aandeel passend toegewezen", "95%", "95%", "96%"],
    ]
    flowables: list[Any] = [
        Paragraph("Bijlage 1 Jaarschijf 2025", TITLE),
        _whitespace_table(header, rows, [200.0, 60.0, 60.0, 60.0]),
    ]
    found = _segments(_one_column_pdf(tmp_path / "targets.pdf", flowables))
    assert [a.text for a in found] == [
        f"{r[0]}. 2025: {r[1]}. 2026: {r[2]}. 2027: {r[3]}" for r in rows
    ]
    assert [(t.column, t.value, t.unit) for t in found[2].targets] == [
        ("2025", 95.0, "%"),
        ("2026", 95.0, "%"),
        ("2027", 96.0, "%"),
    ]


def test_table_of_contents_without_leaders_is_not_a_table(tmp_path: Path) -> None:
    pdf = tmp_path / "toc.pdf"
    page = canvas.Canvas(str(pdf), invariant=1)
    page.setFont("Helvetica-Bold", 14)
    page.drawString(MARGIN, 760, "Inhoud")
    page.setFont("Helvetica", 10)
    entries = ["Inleiding", "Betaalbaarheid", "Beschikbaarheid", "Duurzaamheid", "Ondertekening"]
    for i, title in enumerate(entries):
        page.drawString(MARGIN, 730 - 18 * i, str(i + 1))
        page.drawString(MARGIN + 30, 730 - 18 * i, title)
        page.drawRightString(WIDTH - MARGIN, 730 - 18 * i, str(3 + 2 * i))
    page.save()
    content = read_document(pdf)
    assert all(isinstance(b, TextLine) for b in content.blocks)
    assert [b.text for b in content.blocks][1:] == [  # type: ignore[union-attr]
        f"{i + 1} {t} {3 + 2 * i}" for i, t in enumerate(entries)
    ]


def test_two_column_pages_over_a_page_break_keep_headers_out(tmp_path: Path) -> None:
    texts = [
        f"Woonstichting Oeverland renoveert in {2025 + i % 4} het complex aan de "
        f"{street} en verbetert daarbij de isolatie van alle {20 + 5 * i} woningen."
        for i, street in enumerate(
            2
            * [
                "Molenweg",
                "Kerkstraat",
                "Dijkweg",
                "Lindelaan",
                "Esdoornhof",
                "Vaartkade",
                "Beukenlaan",
                "Zuidwal",
                "Schoolstraat",
                "Havenkade",
                "Populierenlaan",
                "Wilgenhof",
                "Stationsweg",
                "Torenstraat",
                "Brink",
                "Sluisweg",
                "Marktplein",
                "Veldweg",
                "Eikenlaan",
                "Parkweg",
                "Noordsingel",
                "Hoefslag",
                "Weverstraat",
                "Kastanjelaan",
            ]
        )
    ]
    items = [("b", t) for t in texts]
    pdf = _two_column_pdf(tmp_path / "long.pdf", "3 Duurzaamheid", items)
    found = _segments(pdf)
    assert [a.text for a in found] == texts
    pages = [a.page_start for a in found]
    assert pages == sorted(pages) and pages.count(1) == 30 and pages.count(2) == 18
    assert all("pagina" not in a.text and "Prestatieafspraken" not in a.text for a in found)


def test_whitespace_table_over_three_pages_is_stitched_under_one_header(tmp_path: Path) -> None:
    header = ["Afspraak", "Gemeente", "Corporaties", "Huurders"]
    rows = [
        [
            f"Onderhoud complex {i + 3} in de wijk {('Oost', 'West', 'Noord')[i % 3]}",
            f"Verleent de vergunning voor complex {i + 3} binnen acht weken.",
            f"Renoveert in {2025 + i % 3} in totaal {10 + i} woningen.",
            "Denkt mee over de planning." if i % 2 else "",
        ]
        for i in range(34)
    ]
    table = _whitespace_table(header, rows, [150.0, 120.0, 120.0, 80.0])
    table.repeatRows = 1
    flowables = [Paragraph("5 Onderhoud", TITLE), Paragraph("Partijen spreken af:", BODY), table]
    content = read_document(_one_column_pdf(tmp_path / "long-table.pdf", flowables))
    (stitched,) = [b for b in content.blocks if isinstance(b, Table)]
    assert stitched.page == 1 and stitched.page_end == 3
    assert [r.cells for r in stitched.rows] == rows
    found = segment_document(content)
    assert len(found) == 34 and {a.source_kind for a in found} == {"table_row"}
    assert {tuple(a.heading_path) for a in found} == {("5 Onderhoud",)}  # the lead-in is text


def test_table_in_the_left_column_is_read_with_that_column(tmp_path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    grid = RLTable(
        [["Indicator", "2025", "2026"], ["Nieuwbouw", "40", "55"], ["Verkoop", "5", "0"]],
        colWidths=[110.0, 50.0, 50.0],
        hAlign="LEFT",
    )
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    column = (WIDTH - 2 * MARGIN - 20) / 2
    pad = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    frames = [
        Frame(MARGIN, HEIGHT - MARGIN - 30, WIDTH - 2 * MARGIN, 30, id="title", **pad),
        Frame(MARGIN, 70, column, HEIGHT - MARGIN - 100, id="left", **pad),
        Frame(MARGIN + column + 20, 70, column, HEIGHT - MARGIN - 100, id="right", **pad),
    ]
    path = tmp_path / "column-table.pdf"
    doc = BaseDocTemplate(str(path), pagesize=A4, invariant=1)
    doc.addPageTemplates([PageTemplate("two", frames)])
    story: list[Any] = [Paragraph("Bijlage 1 Jaarschijf en afspraken", TITLE), FrameBreak()]
    story += _story([("b", t) for t in LEFT_BULLETS[:3]])
    story += [grid, Spacer(1, 8), *_story([("b", LEFT_BULLETS[3]), ("|", "")])]
    story += _story([("b", t) for t in RIGHT_BULLETS])
    doc.build(story)
    content = read_document(path)
    kinds = ["table" if isinstance(b, Table) else b.text[:20] for b in content.blocks]
    assert kinds.index("table") == 1 + 3 * 3  # after the title and three 3-line bullets
    rows = [a for a in segment_document(content) if a.source_kind == "table_row"]
    assert [a.text for a in rows] == ["Nieuwbouw. 2025: 40. 2026: 55", "Verkoop. 2025: 5. 2026: 0"]


def test_signature_and_address_blocks_in_three_columns_are_not_tables(tmp_path: Path) -> None:
    pdf = tmp_path / "three-parties.pdf"
    page = canvas.Canvas(str(pdf), invariant=1)
    page.setFont("Helvetica", 10)
    blocks = [
        (
            "Namens de gemeente",
            "Namens Woonstichting Oeverland",
            "Namens Huurdersraad Wiel",
        ),
        ("de wethouder wonen", "de directeur-bestuurder", "de voorzitter"),
        ("J. de Vries", "A. Bakker", "P. Jansen"),
        ("", "", ""),
        ("Gemeente Brederwiel", "Woonstichting Oeverland", "Huurdersraad Wiel"),
        ("Postbus 100", "Kade 12", "Schoolstraat 3"),
        ("4100 AA Brederwiel", "4101 BC Brederwiel", "4102 CD Brederwiel"),
    ]
    for i, row in enumerate(blocks):
        for x, text in zip((MARGIN, 240, 420), row, strict=True):
            page.drawString(x, 760 - 18 * i, text)
    page.save()
    content = read_document(pdf)
    assert all(isinstance(b, TextLine) for b in content.blocks)
    assert [b.text for b in content.blocks] == [  # type: ignore[union-attr]
        " ".join(row) for row in blocks if any(row)
    ]
