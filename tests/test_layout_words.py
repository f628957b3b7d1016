"""`pipeline.read.layout` on plain word boxes: gutters make bands and tables, indents do not."""

from __future__ import annotations

from pipeline.read.layout import Word, analyse_page, text_rows
from pipeline.read.settings import LayoutSettings


def _row(top: float, *spans: tuple[float, str]) -> list[Word]:
    """Words of one text row: each span starts at x and is laid out with 5 pt per character."""
    words = []
    for x, text in spans:
        for part in text.split():
            words.append(Word(part, x, top, x + 5 * len(part), top + 10))
            x += 5 * len(part) + 3
    return words


def test_words_on_one_baseline_form_one_row_left_to_right() -> None:
    words = _row(100, (300, "rechts"), (60, "links"))
    (row,) = text_rows(words, tolerance=3)
    assert [w.text for w in row.words] == ["links", "rechts"]


def test_two_columns_of_running_text_are_one_band() -> None:
    left = "de gemeente stelt jaarlijks geld beschikbaar voor"
    right = "de corporatie bouwt tot 2028 nieuwe huurwoningen"
    words = [w for i in range(8) for w in _row(100 + 14 * i, (60, left), (320, right))]
    layout = analyse_page(words)
    assert not layout.tables
    (band,) = layout.bands
    assert (band.top, band.bottom) == (100, 208)
    assert 60 + 5 * 42 + 3 * 6 < band.gutter < 320


def test_hanging_indent_is_neither_a_band_nor_a_table() -> None:
    words: list[Word] = []
    for i in range(10):
        marker = [(60.0, "•")] if i % 3 == 0 else []
        words += _row(
            100 + 14 * i,
            *marker,
            (80, "de corporatie isoleert in 2026 woningen tot label B en meer"),
        )
    assert analyse_page(words).bands == [] and analyse_page(words).tables == []


def test_short_labels_over_aligned_rows_are_a_table_unless_switched_off() -> None:
    words = _row(100, (60, "Afspraak"), (220, "Gemeente"), (360, "Corporatie"))
    words += _row(
        118, (60, "Meer sociale huur"), (220, "Levert grond."), (360, "Bouwt 40 woningen in 2026.")
    )
    words += _row(
        136, (60, "Vroegsignalering"), (220, "Belt huurders."), (360, "Meldt achterstand.")
    )
    (table,) = analyse_page(words).tables
    assert table.grid == [
        ["Afspraak", "Gemeente", "Corporatie"],
        ["Meer sociale huur", "Levert grond.", "Bouwt 40 woningen in 2026."],
        ["Vroegsignalering", "Belt huurders.", "Meldt achterstand."],
    ]
    assert analyse_page(words, LayoutSettings(whitespace_tables=False)).tables == []
