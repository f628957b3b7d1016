"""Segmentation golden tests: exact agreement counts, boundaries, party cells, provenance."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import GOLDEN, REGENERATE_GOLDEN, load_truth, sample_pdfs

from pipeline.label.segment import segment_document
from pipeline.models import Agreement
from pipeline.read import read_document
from samples import (
    Heading,
    ItemList,
    ListItem,
    Para,
    TableBlock,
    TocBlock,
    bullets,
    numbered,
    render_pdf,
)


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _segments(pdf: Path) -> list[Agreement]:
    return segment_document(read_document(pdf))


@pytest.mark.parametrize("pdf", sample_pdfs(), ids=lambda p: p.stem)
def test_samples_match_truth_one_row_per_agreement(pdf: Path) -> None:
    truth = load_truth(pdf)["agreements"]
    found = _segments(pdf)
    assert len(found) == len(truth)  # type: ignore[arg-type]
    for got, want in zip(found, truth, strict=True):  # type: ignore[call-overload]
        assert got.source_kind == want["source_kind"]
        assert got.number == want["number"]
        assert got.page_start == want["page_start"]
        assert got.page_end == want["page_end"]
        if want["source_kind"] == "table_row":
            assert _norm(got.text).startswith(_norm(want["text"]))
            # A word broken without a hyphen in a narrow cell comes back with a space.
            parties = {c.party: c.text.replace(" ", "") for c in got.contributions}
            expected = {p: t.replace(" ", "") for p, t in want["contributions"].items() if t}
            if any(re.search(r"[a-z]", p) for p in expected if not p.isdigit()):
                assert parties == expected
        else:
            assert _norm(got.text) == _norm(want["text"])


@pytest.mark.parametrize("pdf", sample_pdfs(), ids=lambda p: p.stem)
def test_samples_match_golden_segments(pdf: Path) -> None:
    found = [a.model_dump(mode="json") for a in _segments(pdf)]
    golden = GOLDEN / f"{pdf.stem}.segments.json"
    if REGENERATE_GOLDEN:
        golden.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert json.loads(golden.read_text(encoding="utf-8")) == found


def test_golden_regeneration_switch_is_off() -> None:
    assert not REGENERATE_GOLDEN, "PRESTATIE_REGENERATE_GOLDEN must not be set when testing"


def test_bullets_with_running_header_footer_and_hyphenation(tmp_path: Path) -> None:
    pdf = tmp_path / "bullets.pdf"
    items = [
        "De gemeente stelt jaarlijks € 50.000 beschikbaar voor het woonlastenfonds voor "
        "huurders met betalingsproblemen.",
        "De corporatie realiseert in 2025 veertig sociale huurwoningen aan de Dijkstraat.",
        "Partijen overleggen twee keer per jaar over de voortgang.",
    ]
    blocks = [
        Heading("1 Inleiding"),
        Para("Deze afspraken zijn gemaakt in een goed overleg tussen de partijen."),
        Heading("2 Betaalbaarheid"),
        Para("Betaalbaarheid is voor alle partijen belangrijk:"),
        bullets(items),
        Para("Ter toelichting: de bedragen zijn inclusief btw."),
    ]
    render_pdf(blocks, pdf, header="Prestatieafspraken Gemeente Testdorp 2025", footer="pagina {n}")
    found = _segments(pdf)
    assert [a.text for a in found] == items
    assert {a.source_kind for a in found} == {"list"}
    assert all(a.heading_path == ["2 Betaalbaarheid"] for a in found)
    assert all("Prestatieafspraken Gemeente" not in a.text for a in found)


def test_toc_and_signature_block_are_not_agreements(tmp_path: Path) -> None:
    pdf = tmp_path / "numbered.pdf"
    blocks = [
        TocBlock("Inhoud", (("1 Nieuwbouw", "h1", 1), ("2 Ondertekening", "h2", 1))),
        Heading("1 Nieuwbouw", key="h1", page_break=True),
        numbered(
            [
                ("1.1", "De corporatie bouwt in 2026 zestig woningen in het centrum."),
                ("1.2", "De gemeente levert de grond voor de woningbouw tegen een sociale prijs."),
            ]
        ),
        Heading("2 Ondertekening", key="h2"),
        Para("Namens de gemeente Testdorp, de wethouder wonen"),
        Para("Datum: 1 december 2024"),
    ]
    render_pdf(blocks, pdf, header="Afspraken Testdorp", footer="{n}")
    found = _segments(pdf)
    assert [(a.number, a.source_kind) for a in found] == [("1.1", "numbered"), ("1.2", "numbered")]
    assert found[0].text == "De corporatie bouwt in 2026 zestig woningen in het centrum."


def test_lead_in_sentence_is_kept_with_its_items(tmp_path: Path) -> None:
    pdf = tmp_path / "leadin.pdf"
    blocks = [
        Heading("3 Duurzaamheid"),
        Para("De corporatie zal:"),
        ItemList(
            (
                ListItem("a)", "in 2025 tweehonderd woningen isoleren tot label B;"),
                ListItem("b)", "alle nieuwbouw aardgasvrij opleveren."),
            )
        ),
    ]
    render_pdf(blocks, pdf)
    found = _segments(pdf)
    assert [(a.number, a.lead_in) for a in found] == [
        ("a)", "De corporatie zal:"),
        ("b)", "De corporatie zal:"),
    ]


def test_actor_table_rows_become_agreements_with_party_contributions(tmp_path: Path) -> None:
    pdf = tmp_path / "actor.pdf"
    header = ("Afspraak", "Gemeente", "Woonstichting Testhuis", "Huurdersraad")
    rows = (
        ("Meer sociale huur", "Levert twee locaties.", "Bouwt in 2026 30 woningen.", ""),
        (
            "Vroegsignalering",
            "Neemt contact op binnen een week.",
            "Meldt achterstanden.",
            "Informeert huurders.",
        ),
    )
    render_pdf([Heading("2 Nieuwbouw"), TableBlock(header, rows)], pdf)
    found = _segments(pdf)
    assert len(found) == 2
    assert found[0].text == (
        "Meer sociale huur. Gemeente: Levert twee locaties. "
        "Woonstichting Testhuis: Bouwt in 2026 30 woningen."
    )
    assert [(c.party, c.text) for c in found[1].contributions] == [
        ("Gemeente", "Neemt contact op binnen een week."),
        ("Woonstichting Testhuis", "Meldt achterstanden."),
        ("Huurdersraad", "Informeert huurders."),
    ]
    assert all(a.source_kind == "table_row" for a in found)


def test_contract_preamble_parties_and_recitals_are_not_agreements(tmp_path: Path) -> None:
    # Bug: the numbered party list and the "Overwegende dat" a./b. recitals of an article
    # document (Word export) came out as numbered agreements.
    pdf = tmp_path / "preamble.pdf"
    blocks = [
        Heading("Partijen", level=2),
        numbered(
            [
                ("1.", "Gemeente Testdorp, hierna te noemen: de gemeente;"),
                ("2.", "Woonstichting Testhuis, hierna te noemen: de corporatie;"),
            ]
        ),
        Heading("Overwegende dat", level=2),
        numbered(
            [
                ("a.", "de gemeenteraad in 2024 een woonvisie heeft vastgesteld;"),
                ("b.", "de corporatie op 1 juli 2024 een bod heeft uitgebracht;"),
            ]
        ),
        Heading("Artikel 1 Nieuwbouw"),
        numbered([("1.1", "De corporatie bouwt in 2026 zestig sociale huurwoningen.")]),
    ]
    render_pdf(blocks, pdf)
    assert [(a.number, a.text) for a in _segments(pdf)] == [
        ("1.1", "De corporatie bouwt in 2026 zestig sociale huurwoningen.")
    ]


def test_context_headings_with_a_year_or_second_word_are_skipped(tmp_path: Path) -> None:
    # Bug: "2 Terugblik 2024" and "Kader en werkwijze" did not match the skip words exactly,
    # so past results and the legal context became agreements.
    pdf = tmp_path / "context.pdf"
    items = [
        "De corporatie realiseert in 2025 veertig sociale huurwoningen.",
        "Partijen overleggen twee keer per jaar over de voortgang.",
    ]
    blocks = [
        Heading("1 Terugblik 2024"),
        bullets(["De corporatie heeft 48 woningen opgeleverd.", "Er zijn 310 woningen verbeterd."]),
        Heading("2 Kader en werkwijze"),
        Para(
            "De corporaties zijn volgens de Woningwet verplicht om jaarlijks voor 1 juli een bod "
            "uit te brengen."
        ),
        Heading("3 Afspraken"),
        bullets(items),
    ]
    render_pdf(blocks, pdf)
    assert [a.text for a in _segments(pdf)] == items


def test_running_text_sentences_with_a_party_subject_are_agreements(tmp_path: Path) -> None:
    # Bug: running-text agreements were lost when their verb was not on the cue list, the
    # corporation was named "<Name> Wonen", or "heeft uiterlijk" / "hebben een looptijd"
    # was read as history.
    pdf = tmp_path / "running.pdf"
    sentences = [
        "Veldhuis Wonen isoleert in 2026 achttien woningen tot label B.",
        "Woonstichting Testhuis heeft uiterlijk eind 2028 geen woningen meer met label E, F of G.",
        "Bij overlast stemmen de wijkagent en Veldhuis Wonen binnen twee weken een aanpak af.",
        "Deze afspraken hebben een looptijd van 1 januari 2025 tot en met 31 december 2028.",
    ]
    blocks = [
        Heading("2 Duurzaamheid"),
        Para(" ".join(sentences[:3])),
        Heading("3 Looptijd"),
        Para(sentences[3] + " De gemeente heeft in 2024 een woonvisie vastgesteld."),
    ]
    render_pdf(blocks, pdf)
    found = _segments(pdf)
    assert [a.text for a in found] == sentences
    assert {a.source_kind for a in found} == {"paragraph"}


def test_woon_corporation_column_is_a_party(tmp_path: Path) -> None:
    # Bug: a column headed "Woonbedrijf Keppel" was not recognised as a party column.
    pdf = tmp_path / "woon.pdf"
    header = ("Activiteit", "Gemeente", "Woonbedrijf Keppel")
    rows = (("Langer thuis wonen", "Vergoedt aanpassingen.", "Maakt 20 woningen geschikt."),)
    render_pdf([Heading("2 Wonen en zorg"), TableBlock(header, rows)], pdf)
    found = _segments(pdf)
    assert [c.party for c in found[0].contributions] == ["Gemeente", "Woonbedrijf Keppel"]


def test_corporation_column_without_party_word_is_a_contribution(tmp_path: Path) -> None:
    pdf = tmp_path / "names.pdf"
    header = ("Afspraak", "Gemeente", "De Vaart", "Planning")
    rows = (("Meer woningen voor starters", "Levert een locatie.", "Bouwt 24 studio's.", "2026"),)
    render_pdf([Heading("4 Nieuwbouw"), TableBlock(header, rows)], pdf)
    (agreement,) = _segments(pdf)
    assert [(c.party, c.text) for c in agreement.contributions] == [
        ("Gemeente", "Levert een locatie."),
        ("De Vaart", "Bouwt 24 studio's."),
    ]
    assert agreement.text.endswith("Planning: 2026")


def test_fake_bold_duplicate_characters_are_removed(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "fakebold.pdf"
    page = canvas.Canvas(str(pdf), invariant=1)
    for dx in (0.0, 0.3):  # fake bold: the same text drawn twice, a fraction of a point apart
        page.drawString(72 + dx, 720, "Artikel 2 Nieuwbouw")
    page.drawString(72, 690, "2.1 De corporatie bouwt in 2026 dertig woningen.")
    page.save()
    content = read_document(pdf)
    assert [b.text for b in content.blocks] == [  # type: ignore[union-attr]
        "Artikel 2 Nieuwbouw",
        "2.1 De corporatie bouwt in 2026 dertig woningen.",
    ]


def test_target_table_with_horizontal_rules_only(tmp_path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RLTable

    pdf = tmp_path / "rows-only.pdf"
    data = [
        ["Indicator", "2025", "2026", "2027"],
        ["Nieuwbouw sociale huur", "40", "55", "60"],
        ["Verkoop huurwoningen", "5", "5", "0"],
        ["Woningen label E, F of G verbeterd", "110", "85", "85"],
    ]
    table = RLTable(data)
    table.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 1, colors.black),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black),
            ]
        )
    )
    styles = getSampleStyleSheet()
    SimpleDocTemplate(str(pdf), invariant=1).build(
        [Paragraph("Bijlage 1 Jaarschijf 2025", styles["Heading1"]), table]
    )
    rows = [a for a in _segments(pdf) if a.source_kind == "table_row"]
    assert [a.text for a in rows] == [
        "Nieuwbouw sociale huur. 2025: 40. 2026: 55. 2027: 60",
        "Verkoop huurwoningen. 2025: 5. 2026: 5. 2027: 0",
        "Woningen label E, F of G verbeterd. 2025: 110. 2026: 85. 2027: 85",
    ]
    assert [(t.column, t.value) for t in rows[0].targets] == [
        ("2025", 40.0),
        ("2026", 55.0),
        ("2027", 60.0),
    ]


def test_sentence_announcing_a_table_is_not_an_agreement(tmp_path: Path) -> None:
    pdf = tmp_path / "announce.pdf"
    blocks = [
        Heading("5 Jaarschijf"),
        Para("De gemeente bouwt in 2025 een nieuw wijkcentrum aan de Lindelaan."),
        Para("De corporaties realiseren de volgende aantallen."),
        TableBlock(("Indicator", "2025", "2026"), (("Nieuwbouw sociale huur", "40", "55"),)),
    ]
    render_pdf(blocks, pdf)
    found = _segments(pdf)
    assert [(a.source_kind, a.text) for a in found] == [
        ("paragraph", "De gemeente bouwt in 2025 een nieuw wijkcentrum aan de Lindelaan."),
        ("table_row", "Nieuwbouw sociale huur. 2025: 40. 2026: 55"),
    ]
