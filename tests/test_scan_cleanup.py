"""The pieces of scan reading that need no OCR program (issue 20, item 12): speck removal,
rulings, bullets beside specks, words made of specks, header rows and their spelling, repeated
lines, signature tables."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.label.segment import segment_document
from pipeline.models import BBox, Block, DocumentContent, Table, TableRow
from pipeline.read.raw import RawTable
from pipeline.read.scan_image import (
    binarise,
    despeckle,
    flatten_background,
    largest_blob,
    long_runs,
    smooth,
)
from pipeline.read.scan_text import (
    DocumentWords,
    clean_cell,
    clean_header,
    looks_like_header,
    recurring,
    repaired_item_numbers,
    similar_cells,
    without_speck_accents,
)
from pipeline.read.scan_words import (
    Line,
    Word,
    bullet_first,
    plausible_lines,
    with_bullet,
    without_leading_marks,
    without_speck_lines,
)
from pipeline.read.settings import OcrSettings, ReadSettings
from pipeline.read.tables import spell_ocr_headers, to_table

SCALE = 300 / 72  # pixels per point at the rendering resolution


def _page(height: int = 200, width: int = 300) -> np.ndarray:
    return np.full((height, width), 236, dtype=np.uint8)


def test_despeckle_removes_isolated_specks_and_keeps_letters_dots_and_bullets() -> None:
    grey = _page()
    grey[20:23, 20:23] = 30  # a speck alone on the paper
    grey[150:152, 250:254] = 40  # another
    grey[60:100, 60:64] = 20  # a letter's stem ...
    grey[96:100, 66:70] = 20  # ... and the period right after it
    grey[50:54, 100:104] = 20  # the dot of an i ...
    grey[58:100, 100:104] = 20  # ... above its stem
    grey[70:84, 160:174] = 20  # a bullet
    cleaned, removed = despeckle(grey, SCALE, window_points=2.0, margin_points=1.5, threshold=128)
    assert removed == 9 + 8
    assert (cleaned[20:23, 20:23] == 236).all() and (cleaned[150:152, 250:254] == 236).all()
    for region in ((slice(96, 100), slice(66, 70)), (slice(50, 54), slice(100, 104))):
        assert (cleaned[region] == 20).all()
    assert (cleaned[70:84, 160:174] == 20).all()


def test_the_periods_of_a_section_number_are_no_specks() -> None:
    # "2.1.1": each period 10 pixels (2.4 points) from the digits beside it, nothing above it.
    grey = _page()
    grey[60:100, 40:46] = 20  # "2"
    grey[94:100, 56:62] = 20  # "."
    grey[60:100, 72:78] = 20  # "1"
    grey[94:100, 88:94] = 20  # "."
    grey[60:100, 104:110] = 20  # "1"
    grey[150:155, 200:205] = 30  # a speck alone
    grey[97:100, 160:163] = 30  # a speck on the baseline, far from the digits
    cleaned, removed = despeckle(grey, SCALE, 2.0, 1.5, 128, side_points=2.5)
    assert removed == 25 + 9
    assert (cleaned[94:100, 56:62] == 20).all() and (cleaned[94:100, 88:94] == 20).all()
    _, removed_without = despeckle(grey, SCALE, 2.0, 1.5, 128)
    assert removed_without == removed + 2 * 36  # without the check, the periods went


def test_a_clean_page_is_left_as_it_is() -> None:
    grey = _page()
    grey[60:100, 60:64] = 20
    cleaned, removed = despeckle(grey, SCALE, window_points=2.0, margin_points=1.5, threshold=128)
    assert removed == 0 and cleaned is grey


def test_a_rule_slanted_by_a_pixel_and_broken_by_two_stays_one_run() -> None:
    dark = np.zeros((40, 600), dtype=bool)
    dark[20, 0:300] = True
    dark[22, 300:450] = True  # one pixel lower after straightening, with a row between
    dark[22, 452:600] = True  # and a two-pixel gap the scan left
    _, runs = long_runs(dark, 500)
    assert [(start, end) for _, start, end in runs] == [(0, 600)]


def test_the_bullet_is_the_biggest_blob_beside_a_speck() -> None:
    region = np.zeros((30, 60), dtype=bool)
    region[5:19, 30:44] = True  # the bullet
    region[22:25, 26:30] = True  # a speck touching its column range
    assert largest_blob(region) == (30, 5, 44, 19)
    assert largest_blob(np.zeros((5, 5), dtype=bool)) is None


def _strokes(grey: np.ndarray, top: int, left: int, value: int) -> None:
    """Three letter-like strokes, 5 pixels wide and 30 high, 15 pixels apart."""
    for i in range(3):
        grey[top : top + 30, left + 15 * i : left + 15 * i + 5] = value


def test_text_on_a_shaded_cell_is_black_on_white_after_flattening() -> None:
    # A page with a dark shaded header cell (noisy-200: Otsu's threshold of the whole page
    # made the cell one block of ink and its header unreadable).
    grey = _page(400, 600)
    grey[40:140, 0:600] = 120  # the shaded header row
    _strokes(grey, 70, 100, 18)  # text on it
    _strokes(grey, 250, 100, 18)  # text on the paper
    assert (binarise(grey) == 0)[40:140].sum() > 50_000  # the cell is ink without flattening
    even = flatten_background(grey, SCALE, window_points=10.0, darkest_paper=0.5)
    ink = binarise(even) == 0
    strokes = np.zeros_like(ink)
    strokes[70:100] = ink[70:100]
    strokes[250:280] = ink[250:280]
    assert strokes.sum() == 2 * 3 * 5 * 30  # the six strokes and nothing beside them
    assert ink[70:100, 100:105].all() and ink[250:280, 130:135].all()
    assert not ink[44:70].any() and not ink[100:136].any() and not ink[140:250].any()
    assert (ink & ~strokes).sum() <= 2 * 600  # at most a ruling's width along the cell's edge


def test_a_black_bar_with_white_text_is_not_made_paper() -> None:
    grey = _page(400, 600)
    grey[40:140, 0:600] = 18  # a black bar ...
    _strokes(grey, 70, 100, 236)  # ... with white text on it
    even = flatten_background(grey, SCALE, window_points=10.0, darkest_paper=0.5)
    ink = binarise(even) == 0
    assert ink[40:140].sum() == 100 * 600 - 3 * 5 * 30 and not ink[200:].any()


def test_smoothing_takes_out_grain_and_keeps_strokes() -> None:
    grey = _page()
    _strokes(grey, 50, 50, 18)
    grey[150, 40] = 18  # a dark grain on the paper
    grey[60, 51] = 236  # a light grain in a stroke
    even = smooth(grey, 3)
    assert even[150, 40] == 236 and even[60, 51] == 18
    assert (even[51:79, 51:54] == 18).all() and (even[51:79, 66:69] == 18).all()
    assert smooth(grey, 1) is grey


def test_smoothing_is_the_median_of_each_three_by_three_block() -> None:
    grey = np.random.default_rng(7).integers(0, 256, (60, 80), dtype=np.uint8)
    padded = np.pad(grey, 1, mode="edge")
    blocks = np.stack([padded[dy : dy + 60, dx : dx + 80] for dy in range(3) for dx in range(3)])
    assert (smooth(grey, 3) == np.median(blocks, axis=0)).all()


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("Gemátigd huurbeleid", "Gematigd huurbeleid"),
        ("toewijzén en hùurwoningen", "toewijzen en huurwoningen"),
        ("Sämen Sterk, oudëren", "Samen Sterk, ouderen"),
        ("financiële ideeën, geïnd, coördinatie", "financiële ideeën, geïnd, coördinatie"),
        ("één crèche, 2 à 3 woningen, een enquête", "één crèche, 2 à 3 woningen, een enquête"),
        ("VÓÓR 2025", "VÓÓR 2025"),
    ],
)
def test_accents_dutch_does_not_write_are_specks(read: str, meant: str) -> None:
    assert without_speck_accents(read) == meant


def test_accents_of_specks_go_from_ocr_words() -> None:
    line = _line(_word("Gemátigd", 0), _word("financiële", 200))
    (kept,) = plausible_lines([line], OcrSettings())
    assert [w.text for w in kept.words] == ["Gematigd", "financiële"]


def test_a_bullet_whose_box_holds_specks_too_is_restored() -> None:
    # Tesseract read the dot and two specks above it as one word "'e_".
    dark = np.zeros((200, 600), dtype=bool)
    dark[80:94, 30:44] = True  # the bullet, at x-height
    dark[62:65, 24:27] = True  # specks above it, inside the word's box
    dark[66:68, 40:43] = True
    first = Word("'e_", (24.0, 62.0, 44.0, 94.0), 0.4, 0)
    line = Line((24, 60, 600, 110), baseline=100, x_size=40, words=[first, _word("Wolder", 90)])
    restored = with_bullet(line, dark)
    assert [w.text for w in restored.words] == ["•", "Wolder"]
    assert restored.words[0].box == (30.0, 80.0, 44.0, 94.0)


def test_a_word_of_two_letters_is_no_bullet() -> None:
    dark = np.zeros((200, 600), dtype=bool)
    dark[80:94, 30:44] = True  # an "e" drawn as a filled blob, then an "n"
    dark[80:100, 50:64] = True
    first = Word("en", (30.0, 80.0, 64.0, 100.0), 0.9, 0)
    line = Line((30, 60, 600, 110), baseline=100, x_size=40, words=[first, _word("de", 90)])
    assert [w.text for w in with_bullet(line, dark).words] == ["en", "de"]


def _word(text: str, x0: float, height: float = 32, confidence: float = 0.95) -> Word:
    return Word(text, (x0, 100 - height, x0 + 20 * len(text), 100), confidence, 0)


def _line(*words: Word) -> Line:
    return Line((0, 60, 2000, 100), baseline=100, x_size=36, words=list(words))


def test_words_made_of_specks_are_dropped_and_signs_kept() -> None:
    line = _line(
        _word("_", 0, height=30, confidence=0.45),  # a bullet read as '_': starts the line
        _word("Partijen", 40),
        _word("…", 220, height=4, confidence=0.1),  # specks
        _word("„", 260, height=30, confidence=0.2),
        _word("bouwen", 300),
        _word("-", 460, height=4, confidence=0.9),  # a dash between words stays
        _word("€", 500, height=30, confidence=0.4),
        _word("5", 540, height=26, confidence=0.3),  # digits stay, whatever the confidence
    )
    (kept,) = plausible_lines([line], OcrSettings())
    assert [w.text for w in kept.words] == ["_", "Partijen", "bouwen", "-", "€", "5"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["hoofdstuk", "bevat.", "de", "regels"], ["hoofdstuk", "bevat", "de", "regels"]),
        (["zie", "bijv.", "de", "regels"], ["zie", "bijv.", "de", "regels"]),
        (["in", "2025.", "de"], ["in", "2025.", "de"]),
        (["wonen.", "De", "gemeente"], ["wonen.", "De", "gemeente"]),
        (["Woonstichting.De", "Vaart"], ["Woonstichting De", "Vaart"]),
        (["zie", "gemeente.nl", "en"], ["zie", "gemeente.nl", "en"]),
    ],
)
def test_a_period_a_speck_added_inside_a_sentence_goes(
    words: list[str], expected: list[str]
) -> None:
    line = _line(*(_word(w, 200 * i) for i, w in enumerate(words)))
    (kept,) = plausible_lines([line], OcrSettings())
    assert [w.text for w in kept.words] == expected


def test_a_bullet_beside_a_speck_is_restored() -> None:
    dark = np.zeros((200, 600), dtype=bool)
    dark[80:94, 30:44] = True  # the bullet, at x-height
    dark[96:99, 26:30] = True  # a speck below its left edge
    line = Line((90, 60, 600, 110), baseline=100, x_size=40, words=[_word("Partijen", 90)])
    restored = with_bullet(line, dark)
    assert [w.text for w in restored.words] == ["•", "Partijen"]


@pytest.mark.parametrize(
    ("first", "header"),
    [
        (["Afspraak", "Gemeente", "Woonstichting De Vaart", "Huurdersvereniging"], True),
        (
            ["Prestatie 2025", "Woonstichting De Vaart", "Brakeloo Wonen", "Woonzorg Rijnstreek"],
            True,
        ),
        (
            ["Looptijd", "Deze overeenkomst loopt tot en met 2028 en wordt daarna geëvalueerd."],
            False,
        ),
        (["Passend toewijzen", "Neemt\nvoorlichting op", "Wijst 95% passend toe", ""], False),
    ],
)
def test_an_ocr_header_row_is_known_by_its_words(first: list[str], header: bool) -> None:
    assert looks_like_header(first, max_words=5) is header


def test_header_cells_take_the_documents_spelling() -> None:
    words = DocumentWords(
        [
            "Gemeente Testdorp, Woonstichting De Vaart en Woonzorg Rijnstreek maken afspraken.",
            "Gemeente: Neemt voorlichting op. Woonzorg Rijnstreek: Belt binnen een week.",
            "Gefneente: Wijst een locatie aan. Waonzorg Rijnstreek: Bouwt. Brakeloo Wonen De",
            "Brakeloo Wonen bouwt. Brakeloo Wonen verkoopt.",
        ],
        max_words=6,
        threshold=0.8,
    )
    cells = ("Gefneente", "Waonzorg Rijnstreek", "Brakeloo Wonen De", "Huurdersraad")
    assert [words.spelling(c) for c in cells] == [
        "Gemeente",
        "Woonzorg Rijnstreek",
        "Brakeloo Wonen",
        "Huurdersraad",
    ]
    assert words.support("Huts der svercmaging") == 0 < words.support("Gemeente")
    assert clean_header("Woonzorg Rijnstreek _") == "Woonzorg Rijnstreek"
    assert clean_header("“Gemeente À •") == "Gemeente"
    cells = ("“40", "_0", ". 14", "3:", "€ 2,4", "40 woningen", "'Passend", "'s-Hertogenbosch")
    assert [clean_cell(c) for c in cells] == [
        "40",
        "0",
        "14",
        "3",
        "€ 2,4",
        "40 woningen",
        "Passend",
        "'s-Hertogenbosch",
    ]
    assert clean_cell("‘Van groot naar beter’") == "‘Van groot naar beter’"
    header = ["Afspraak", "Gefneente", "Brakeloo Wonen", "Huurdersvereniging"]
    garbled = ["Afspraak", "Gemeente", "Brakeloó Wonen", "Huts der svercmaging"]
    assert similar_cells(header, garbled, 0.8)  # one cell of four may be garbled
    assert not similar_cells(header[2:], garbled[2:], 0.8)  # not one of two
    assert not similar_cells(header, header[:3], 0.8)


def test_running_lines_recur_with_misread_letters() -> None:
    pages = [
        {"top|raamovereenkomst prestatieafspraken brakeloo #-#"},
        {"top|raamovéreenkomst prestatieafspraken brakeloò #-#"},
        {"top|raafnovereenkomst-prêstatieafspraken brakeloo #-#"},
        {"top|bijlage # jaarschijf #"},
    ]
    assert recurring(pages, needed=3, threshold=0.85) == pages[0] | pages[1] | pages[2]


def _table(header: list[str], rows: list[list[str]], ocr: bool) -> Table:
    box = BBox(x0=50, top=100, x1=500, bottom=300)
    return Table(
        page=1,
        page_end=1,
        bbox=box,
        header=header,
        has_header=True,
        rows=[TableRow(cells=r, page_start=1, page_end=1, bbox=box) for r in rows],
        ocr=ocr,
    )


@pytest.mark.parametrize("ocr", [False, True])
def test_a_signature_table_gives_no_agreements(ocr: bool) -> None:
    signature = _table(
        ["Namens Gemeente Testdorp", "Narnens Woonstichting De Vaart" if ocr else "Namens Vaart"],
        [
            ["Naam: J. de Vries", "Naam: P. Jansen"],
            ["Functie: wethouder", "Functie: directeur"],
            ["Handtekening: ____", "Handtekemng: ____" if ocr else "Handtekening: ____"],
        ],
        ocr,
    )
    actors = _table(
        ["Afspraak", "Gemeente", "Woonstichting De Vaart"],
        [["Passend toewijzen", "Neemt voorlichting op.", "Wijst 95% passend toe."]],
        ocr,
    )
    content = DocumentContent(
        source_file="scan.pdf",
        sha256="0" * 64,
        page_count=1,
        blocks=[actors, signature],
        first_page_text="",
        last_pages_text="",
    )
    found = segment_document(content)
    assert [(a.text, [c.party for c in a.contributions]) for a in found] == [
        (
            "Passend toewijzen. Gemeente: Neemt voorlichting op. Woonstichting De Vaart: Wijst "
            "95% passend toe.",
            ["Gemeente", "Woonstichting De Vaart"],
        )
    ]


def test_a_garbled_party_header_takes_the_reading_of_the_other_tables() -> None:
    parties = ["Afspraak", "Gemeente", "Brakeloo Wonen", "Huurdersvereniging"]
    garbled = ["Afspraak", "Gefneente", "Brakeloo Wonen", "Huts der svercmaging"]
    row = [["Passend toewijzen", "Neemt voorlichting op.", "Wijst toe.", "Denkt mee."]]
    blocks: list[Block] = [
        _table(parties, row, ocr=True),
        _table(garbled, row, ocr=True),
        _table(["Onderwerp", "Afspraak"], [["Looptijd", "Tot en met 2028."]], ocr=True),
    ]
    spelled = spell_ocr_headers(blocks, ReadSettings())
    assert [b.header for b in spelled if isinstance(b, Table)] == [
        parties,
        parties,
        ["Onderwerp", "Afspraak"],
    ]
    born_digital = [_table(garbled, row, ocr=False)]
    assert spell_ocr_headers(born_digital, ReadSettings()) == born_digital


@pytest.mark.parametrize("ocr", [True, False])
def test_years_across_a_scanned_table_with_a_speck_mark_are_its_header(ocr: bool) -> None:
    grid = [
        ["Indicator", "2025", "2026", "“2027"],  # a speck before 2027 read as a quote
        ["Nieuwbouw sociale huur (aantal)", "64", "52", "36"],
        ["Verkoop (aantal)", "4", "10", "8"],
    ]
    raw = RawTable(
        page=11,
        bbox=(50, 100, 550, 200),
        grid=grid,
        row_boxes=[(50, 100 + 30 * i, 550, 130 + 30 * i) for i in range(3)],
        first_row_bold=False,
        page_height=842,
        ocr=ocr,
    )
    table = to_table(raw, ReadSettings())
    assert table.has_header is ocr  # a text layer has no specks: its header is found by weight
    if ocr:
        assert table.header == ["Indicator", "2025", "2026", "2027"]
        assert [row.cells[0] for row in table.rows] == [
            "Nieuwbouw sociale huur (aantal)",
            "Verkoop (aantal)",
        ]


def test_the_number_of_a_heading_is_no_bullet() -> None:
    # A thick scan fills in the "9" of "9 Samenwerking": its box looks like a dot.
    dark = np.zeros((200, 600), dtype=bool)
    dark[60:96, 30:60] = True
    first = Word("9", (30.0, 60.0, 60.0, 96.0), 0.9, 0)
    line = Line((30, 30, 600, 100), baseline=100, x_size=70, words=[first, _word("Samen", 120)])
    assert [w.text for w in with_bullet(line, dark).words] == ["9", "Samen"]
    read_as_e = Word("e", (30.0, 60.0, 60.0, 96.0), 0.9, 0)
    line = Line((30, 30, 600, 100), baseline=100, x_size=70, words=[read_as_e, _word("Samen", 120)])
    assert [w.text for w in with_bullet(line, dark).words] == ["•", "Samen"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["„10", "Algemene", "bepalingen"], ["10", "Algemene", "bepalingen"]),
        (["'Deze", "afspraken", "gelden"], ["Deze", "afspraken", "gelden"]),
        (["‘Van", "groot", "naar", "beter’"], ["‘Van", "groot", "naar", "beter’"]),
        (["'s-Hertogenbosch", "bouwt"], ["'s-Hertogenbosch", "bouwt"]),
        (["'s", "avonds", "open"], ["'s", "avonds", "open"]),
    ],
)
def test_marks_a_speck_put_before_a_line_go(words: list[str], expected: list[str]) -> None:
    line = _line(*(_word(w, 200 * i) for i, w in enumerate(words)))
    assert [w.text for w in without_leading_marks(line).words] == expected


def test_garbled_item_numbers_are_written_like_their_column() -> None:
    lines = [
        ("2.1 Uitgangspunten", 57.0),
        ("2.1.1 Uitgangspunt is dat ten minste 70% passend wordt toegewezen.", 59.0),
        ("2.1 2 Partijen streven ernaar de woonlasten betaalbaar te houden.", 56.0),
        ("22 Afspraken", 54.0),
        ("221 Havenwoningen verlaagt in 2027 de huur van 10 woningen.", 59.0),
        ("221 woningen krijgen een lagere huur.", 88.0),  # a line of text, indented
        ("2.2.2 Woonpartners Zuid biedt een tijdelijke huurverlaging aan.", 58.0),
        ("3.2:2 De gemeente past de huisvestingsverordening aan.", 59.0),
        ("-2:2.4 Havenwoningen zet een wijkbeheerder in.", 57.0),
        ("42.1 „Woonpartners Zuid start met de bouw.", 53.0),
        ("2,8 miljoen euro is voor de wijkaanpak.", 59.0),  # no capital after it: text
        ("a) De corporaties beperken de huurverhoging.", 95.0),
        ("b) Partijen monitoren de huurprijzen.", 94.0),
        ("c). Woonpartners Zuid wijst passend toe.", 95.0),
        ("d} Havenwoningen liberaliseert geen woningen.", 95.0),
    ]
    assert repaired_item_numbers(lines, tolerance=6.0) == [
        "2.1 Uitgangspunten",
        "2.1.1 Uitgangspunt is dat ten minste 70% passend wordt toegewezen.",
        "2.1.2 Partijen streven ernaar de woonlasten betaalbaar te houden.",
        "2.2 Afspraken",
        "2.2.1 Havenwoningen verlaagt in 2027 de huur van 10 woningen.",
        "221 woningen krijgen een lagere huur.",
        "2.2.2 Woonpartners Zuid biedt een tijdelijke huurverlaging aan.",
        "3.2.2 De gemeente past de huisvestingsverordening aan.",
        "2.2.4 Havenwoningen zet een wijkbeheerder in.",
        "4.2.1 „Woonpartners Zuid start met de bouw.",
        "2,8 miljoen euro is voor de wijkaanpak.",
        "a) De corporaties beperken de huurverhoging.",
        "b) Partijen monitoren de huurprijzen.",
        "c) Woonpartners Zuid wijst passend toe.",
        "d) Havenwoningen liberaliseert geen woningen.",
    ]


def test_a_page_without_clean_numbers_keeps_its_lines() -> None:
    lines = [("221 Havenwoningen verlaagt de huur.", 59.0), ("c). Woonpartners Zuid.", 95.0)]
    assert repaired_item_numbers(lines, tolerance=6.0) == [text for text, _ in lines]


def test_a_dash_tesseract_left_out_is_restored() -> None:
    # "– Partijen ...": the dash 14 points left of the text, at mid x-height, not read.
    dark = np.zeros((200, 600), dtype=bool)
    dark[86:90, 40:63] = True  # the dash: 23 x 4 pixels, 10 to 14 pixels above the baseline
    line = Line((90, 60, 600, 110), baseline=100, x_size=40, words=[_word("Partijen", 90)])
    restored = with_bullet(line, dark)
    assert [w.text for w in restored.words] == ["–", "Partijen"]
    assert restored.words[0].box == (40.0, 86.0, 63.0, 90.0)


def test_the_hyphen_ending_a_word_before_is_no_dash() -> None:
    dark = np.zeros((200, 600), dtype=bool)
    dark[70:100, 20:38] = True  # the last letter of a word in the column to the left ...
    dark[86:90, 40:63] = True  # ... and its hyphen
    line = Line((90, 60, 600, 110), baseline=100, x_size=40, words=[_word("Partijen", 90)])
    assert [w.text for w in with_bullet(line, dark).words] == ["Partijen"]


def test_a_line_made_of_specks_goes() -> None:
    specks = [_word("Oi", 300, 10, 0.3), _word("$.", 340, 10, 0.2)]
    lines = [
        Line((0, 60, 2000, 100), 100, 36, [_word("Partijen", 0), _word("bouwen", 200)]),
        Line((0, 160, 2000, 200), 200, 36, [_word("De", 0), _word("gemeente", 200)]),
        Line((0, 260, 2000, 300), 300, 36, [_word("wijst", 0), _word("toe", 200)]),
        Line((300, 330, 380, 340), 340, 12, specks),
        Line((0, 360, 300, 370), 370, 12, [_word("2", 0, 10, 0.9)]),  # small, read sure: kept
    ]
    kept = without_speck_lines(lines, OcrSettings())
    assert [[w.text for w in line.words] for line in kept] == [
        ["Partijen", "bouwen"],
        ["De", "gemeente"],
        ["wijst", "toe"],
        ["2"],
    ]


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("Brakeloo Wonen, Dn", "Brakeloo Wonen"),
        ("Prestatie 2025 OO", "Prestatie 2025"),
        ("Afspraak N", "Afspraak"),
        ("Stichting De Vaart", "Stichting De Vaart"),
        ("Fase 2", "Fase 2"),
        ("Deel B", "Deel B"),  # names no party or attribute: left as read
    ],
)
def test_short_last_words_specks_made_leave_a_header_cell(read: str, meant: str) -> None:
    assert clean_header(read) == meant


def test_a_header_of_six_cells_may_have_two_garbled() -> None:
    header = [
        "Afspraak",
        "Gemeente",
        "Woonstichting De Vaart",
        "Brakeloo Wonen",
        "Woonzorg",
        "Huurders",
    ]
    garbled = ["Afspraak", "", "Woonstichting De Vaarf", "Brakeloo Wonen", "Woonzorg", "Ht zr oer"]
    assert similar_cells(header, garbled, 0.8)
    assert not similar_cells(header, ["", "", "", *garbled[3:]], 0.8)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([("Ed", 0.3), ("•", 0.9), ("Woonstichting", 0.95)], ["•", "Woonstichting"]),
        ([("<", 0.9), ("•", 0.9), ("De", 0.95)], ["•", "De"]),
        ([("•", 0.9), ("•", 0.9), ("Partijen", 0.95)], ["•", "Partijen"]),
        ([("De", 0.95), ("-", 0.9), ("gemeente", 0.95)], ["De", "-", "gemeente"]),  # a dash
        ([("Partijen", 0.95), ("•", 0.9), ("bouwen", 0.95)], ["Partijen", "•", "bouwen"]),
    ],
)
def test_specks_before_a_bullet_go(words: list[tuple[str, float]], expected: list[str]) -> None:
    # "Ed" is specks read unsure as letters; "De" is a word read sure
    dark = np.zeros((200, 2000), dtype=bool)
    line = _line(*(_word(w, 100 + 200 * i, confidence=c) for i, (w, c) in enumerate(words)))
    kept = with_bullet(bullet_first(line, OcrSettings()), dark)
    assert [w.text for w in kept.words] == expected


def test_a_dot_read_as_a_mark_glued_to_the_first_word_is_a_bullet() -> None:
    dark = np.zeros((200, 2000), dtype=bool)
    dark[80:94, 100:114] = True  # the dot, then the "W" from x 132
    dark[66:100, 132:160] = True
    first = Word("“Woonstichting", (100.0, 62.0, 400.0, 100.0), 0.2, 0)
    line = Line((100, 60, 2000, 110), baseline=100, x_size=40, words=[first, _word("De", 420)])
    restored = without_leading_marks(with_bullet(line, dark))
    assert [w.text for w in restored.words] == ["•", "Woonstichting", "De"]
    line = Line((100, 60, 2000, 110), baseline=100, x_size=40, words=[first, _word("De", 420)])
    assert [w.text for w in without_leading_marks(line).words] == ["Woonstichting", "De"]


@pytest.mark.parametrize(
    ("cell", "kept"),
    [("0)", "0"), ("95%)", "95%"), ("(0)", "(0)"), ("a)", "a)"), ("3 (ca.)", "3 (ca.)")],
)
def test_a_parenthesis_no_one_opened_after_a_number_is_a_speck(cell: str, kept: str) -> None:
    assert clean_cell(cell) == kept
