"""Scans as an office scanner makes them (issue 20, item 12): 200 dpi, turned about a degree,
blurred, grainy and speckled (`samples/scans.py`, fixed seeds). Each test builds a small
born-digital PDF, scans it, and checks that the scan gives the born-digital agreements: the
header row as party columns, no signature block, cells and list items kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.label.segment import segment_document
from pipeline.models import Agreement
from pipeline.read import read_document
from pipeline.read.ocr import ocr_unavailable_reason
from pipeline.read.settings import OcrSettings
from samples import Heading, ItemList, ListItem, Para, TableBlock, bullets, render_pdf
from samples.scans import PROFILES, scanned_copy

needs_ocr = pytest.mark.skipif(
    ocr_unavailable_reason(OcrSettings()) is not None,
    reason=f"OCR unavailable: {ocr_unavailable_reason(OcrSettings())}",
)

HEADER = "Prestatieafspraken Gemeente Testdorp 2025"
PARTIES = ("Gemeente", "Woonstichting De Vaart", "Huurdersvereniging")


def _digital_and_scan(
    tmp_path: Path, blocks: list[object], seed: int, profile: str = "office-200"
) -> tuple[Path, Path]:
    digital = tmp_path / "digital.pdf"
    render_pdf(blocks, digital, header=HEADER)  # type: ignore[arg-type]
    scan = scanned_copy(digital, tmp_path / "scan.pdf", PROFILES[profile], seed)
    return digital, scan


def _agreements(path: Path) -> list[Agreement]:
    return segment_document(read_document(path))


def _parties(agreements: list[Agreement]) -> list[list[str]]:
    return [[c.party for c in a.contributions] for a in agreements]


_ACTOR_ROWS = (
    (
        "Passend toewijzen",
        "Neemt voorlichting over huurtoeslag op in de gemeentelijke nieuwsbrief.",
        "Wijst ten minste 95% van de vrijkomende woningen passend toe.",
        "Informeert de leden over de regels voor passend toewijzen.",
    ),
    (
        "Huurachterstanden",
        "Biedt binnen drie werkdagen een gesprek met de schuldhulpverlening aan.",
        "Meldt een achterstand van twee maanden binnen vijf werkdagen.",
        "Wijst huurders op het spreekuur van de vereniging.",
    ),
    (
        "Woningen voor starters",
        "Wijst in 2025 een locatie aan voor 30 starterswoningen.",
        "Bouwt tot en met 2027 in totaal 30 starterswoningen.",
        "Denkt mee over de toewijzing aan jongeren uit de gemeente.",
    ),
)


def _actor_table_document() -> list[object]:
    """An introduction naming the parties, then an actor table with a header row."""
    return [
        Heading("1 Inleiding"),
        Para(
            "Gemeente Testdorp, Woonstichting De Vaart en Huurdersvereniging Testdorp maken "
            "deze afspraken voor de jaren 2025 tot en met 2028."
        ),
        Heading("3 Afspraken per thema"),
        TableBlock(header=("Afspraak", *PARTIES), rows=_ACTOR_ROWS, font_size=9),
    ]


@needs_ocr
def test_scanned_actor_table_keeps_its_header_row_as_party_columns(tmp_path: Path) -> None:
    blocks = _actor_table_document()
    digital, scan = _digital_and_scan(tmp_path, blocks, seed=3)
    want = _agreements(digital)
    got = _agreements(scan)
    assert [a.source_kind for a in got] == ["table_row"] * 3
    assert _parties(got) == _parties(want) == [list(PARTIES)] * 3
    assert not any("Kolom" in a.text for a in got)
    assert [a.text.split(".")[0] for a in got] == [row[0] for row in _ACTOR_ROWS]


@needs_ocr
def test_scanned_signature_block_gives_no_agreements(tmp_path: Path) -> None:
    blocks: list[object] = [
        Heading("4 Afspraken"),
        bullets(
            [
                "De corporatie realiseert in 2025 veertig sociale huurwoningen aan de Dijkstraat.",
                "De gemeente stelt jaarlijks 50.000 euro beschikbaar voor het woonlastenfonds.",
            ]
        ),
        Para("Aldus overeengekomen te Testdorp op 12 december 2024."),
        TableBlock(
            header=("Namens Gemeente Testdorp", "Namens Woonstichting De Vaart"),
            rows=(
                ("Naam: J. de Vries", "Naam: P. Jansen"),
                ("Functie: wethouder wonen", "Functie: directeur-bestuurder"),
                ("Handtekening: ____________", "Handtekening: ____________"),
            ),
        ),
    ]
    digital, scan = _digital_and_scan(tmp_path, blocks, seed=5)
    for path in (digital, scan):
        got = _agreements(path)
        assert [a.source_kind for a in got] == ["list", "list"], [a.text for a in got]


_TARGET_ROWS = (
    ("Nieuwbouw sociale huur", "40", "25", "3"),
    ("Verkoop sociale huur", "10", "5", "0"),
    ("Woningen naar label A", "120", "60", "9"),
    ("Woningen voor vergunninghouders", "14", "9", "2"),
)


@needs_ocr
def test_scanned_target_table_keeps_each_cell_apart(tmp_path: Path) -> None:
    blocks: list[object] = [
        Heading("Bijlage 1 Jaarschijf 2025"),
        TableBlock(
            header=(
                "Prestatie 2025",
                "Woonstichting De Vaart",
                "Brakeloo Wonen",
                "Woonzorg Rijnstreek",
            ),
            rows=_TARGET_ROWS,
            numeric=True,
            font_size=9,
        ),
    ]
    digital, scan = _digital_and_scan(tmp_path, blocks, seed=11)
    want = _agreements(digital)
    got = _agreements(scan)
    assert len(got) == len(want) == 4
    values = [[t.raw for t in a.targets] for a in got]
    assert values == [list(row[1:]) for row in _TARGET_ROWS]
    assert _parties(got) == _parties(want)


@needs_ocr
def test_scanned_bullets_stay_apart(tmp_path: Path) -> None:
    items = [
        "Partijen streven naar een groei van de sociale huurvoorraad met ten minste 60 woningen.",
        "Het behoud van de slaagkans van starters op de woningmarkt is een gezamenlijk doel.",
        "Woonstichting De Linde verkoopt in de periode 2024-2027 maximaal 25 woningen.",
        "Partijen delen ieder halfjaar de gegevens over inschrijfduur en zoektijd.",
        "De corporaties stellen jaarlijks 8 woningen beschikbaar voor doorstroming.",
        "De gemeente past voor 1 december 2027 de huisvestingsverordening aan.",
    ]
    blocks: list[object] = [
        Heading("3 Beschikbaarheid"),
        Para("De partijen maken de volgende afspraken over beschikbaarheid."),
        bullets(items),
    ]
    digital, scan = _digital_and_scan(tmp_path, blocks, seed=2)
    got = _agreements(scan)
    assert len(_agreements(digital)) == len(got) == len(items)
    assert all(a.source_kind == "list" for a in got)
    assert [a.text.split()[:2] for a in got] == [item.split()[:2] for item in items]


# noisy-200: blur 0.9, grain 16, specks on 0.2% of the pixels, JPEG 60, turned up to 1.5 degrees.


@needs_ocr
def test_noisy_scan_of_an_actor_table_keeps_its_shaded_header_as_party_columns(
    tmp_path: Path,
) -> None:
    blocks = _actor_table_document()
    digital, scan = _digital_and_scan(tmp_path, blocks, seed=1, profile="noisy-200")
    got = _agreements(scan)
    assert [a.source_kind for a in got] == ["table_row"] * 3
    assert _parties(got) == _parties(_agreements(digital)) == [list(PARTIES)] * 3


_NUMBERED = (
    ("2.1.1", "Havenwoningen verlaagt in 2027 de huur van 10 woningen naar de aftoppingsgrens."),
    ("2.1.2", "Woonpartners Zuid biedt huurders met een inkomensdaling een huurverlaging aan."),
    ("2.1.3", "De gemeente stelt jaarlijks 50.000 euro beschikbaar voor het woonlastenfonds."),
    ("2.1.4", "Partijen monitoren jaarlijks de ontwikkeling van de huurprijzen."),
)


@needs_ocr
def test_noisy_scan_keeps_numbered_items_apart(tmp_path: Path) -> None:
    blocks: list[object] = [
        Heading("2 Betaalbaarheid"),
        Heading("2.1 Afspraken", level=2),
        ItemList(tuple(ListItem(number, text) for number, text in _NUMBERED)),
    ]
    digital, scan = _digital_and_scan(tmp_path, blocks, seed=1, profile="noisy-200")
    got = _agreements(scan)
    assert len(_agreements(digital)) == len(got) == len(_NUMBERED)
    assert [a.source_kind for a in got] == ["numbered"] * len(_NUMBERED)
    assert [a.number for a in got] == [number for number, _ in _NUMBERED]


@needs_ocr
def test_noisy_scan_keeps_bullets_apart(tmp_path: Path) -> None:
    items = [
        "Partijen streven naar een groei van de sociale huurvoorraad met ten minste 60 woningen.",
        "Woonstichting De Linde verkoopt in de periode 2024-2027 maximaal 25 woningen.",
        "Partijen delen ieder halfjaar de gegevens over inschrijfduur en zoektijd.",
        "Wolder Wonen liberaliseert tot en met 2027 geen sociale huurwoningen.",
        "De gemeente past voor 1 december 2027 de huisvestingsverordening aan.",
    ]
    blocks: list[object] = [
        Heading("3 Beschikbaarheid"),
        Para("De partijen maken de volgende afspraken over beschikbaarheid."),
        bullets(items),
    ]
    digital, scan = _digital_and_scan(tmp_path, blocks, seed=4, profile="noisy-200")
    got = _agreements(scan)
    assert len(_agreements(digital)) == len(got) == len(items)
    assert [a.source_kind for a in got] == ["list"] * len(items)
    assert [a.text.split()[0] for a in got] == [item.split()[0] for item in items]
