"""Tests for the sample generator: determinism, shipped samples, truth, pages and layouts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from pipeline.models import THEME_CODES
from samples import (
    SAMPLE_SPECS,
    Block,
    Heading,
    ItemList,
    ListItem,
    Para,
    SampleTruth,
    TableBlock,
    build_sample_pdf,
    bullets,
    render_pdf,
    write_samples,
)

ROOT = Path(__file__).resolve().parents[1]
PDF_DIR = ROOT / "data" / "input_pdfs"
TRUTH_DIR = ROOT / "tests" / "data" / "samples"
THEMES = set(THEME_CODES)
# Agreements per source kind that each shipped layout is specified to contain.
EXPECTED_KINDS = {
    "bullets": {"list": 56, "paragraph": 4},
    "actor_table": {"table_row": 36, "paragraph": 4},
    "numbered": {"numbered": 60, "table_row": 13},
}


def _truth(stem: str) -> SampleTruth:
    return SampleTruth.from_json((TRUTH_DIR / f"{stem}.truth.json").read_text(encoding="utf-8"))


def _stem(layout: str) -> str:
    return next(stem for stem, lay, _, _ in SAMPLE_SPECS if lay == layout)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh generation of the shipped samples, PDFs and truth in one folder."""
    out = tmp_path_factory.mktemp("samples")
    write_samples(out, out)
    return out


def test_generation_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    ta = build_sample_pdf("actor_table", a, municipality="Eemdal", seed=7)
    tb = build_sample_pdf("actor_table", b, municipality="Eemdal", seed=7)
    assert a.read_bytes() == b.read_bytes()
    assert ta.to_json() == tb.to_json()


def test_seed_changes_content(tmp_path: Path) -> None:
    a = build_sample_pdf("bullets", tmp_path / "a.pdf", municipality="Wolderwijk", seed=1)
    b = build_sample_pdf("bullets", tmp_path / "b.pdf", municipality="Wolderwijk", seed=2)
    assert [x.text for x in a.agreements] != [x.text for x in b.agreements]


@pytest.mark.parametrize("stem", [s[0] for s in SAMPLE_SPECS])
def test_shipped_samples_match_fresh_generation(stem: str, fresh: Path) -> None:
    """Regenerate with: python -m samples data/input_pdfs tests/data/samples."""
    assert (PDF_DIR / f"{stem}.pdf").read_bytes() == (fresh / f"{stem}.pdf").read_bytes()
    shipped = (TRUTH_DIR / f"{stem}.truth.json").read_text(encoding="utf-8")
    assert shipped == (fresh / f"{stem}.truth.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("stem,layout", [(s[0], s[1]) for s in SAMPLE_SPECS])
def test_truth_counts_follow_the_spec(stem: str, layout: str) -> None:
    truth = _truth(stem)
    assert truth.layout == layout
    assert 8 <= truth.page_count <= 20
    assert 40 <= len(truth.agreements) <= 90
    assert dict(Counter(a.source_kind for a in truth.agreements)) == EXPECTED_KINDS[layout]
    assert {a.expected_type for a in truth.agreements} == {"intentie", "proces", "concreet"}
    assert {a.theme_code for a in truth.agreements} <= THEMES
    assert [a.index for a in truth.agreements] == list(range(1, len(truth.agreements) + 1))
    for a in truth.agreements:
        assert 1 < a.page_start <= a.page_end <= truth.page_count
        assert a.heading_path and a.text
        assert bool(a.contributions) == (a.source_kind == "table_row")


@pytest.mark.parametrize("stem", [s[0] for s in SAMPLE_SPECS])
def test_truth_pages_match_extracted_text(stem: str) -> None:
    truth = _truth(stem)
    with pdfplumber.open(PDF_DIR / f"{stem}.pdf") as pdf:
        assert len(pdf.pages) == truth.page_count
        texts = [(p.extract_text() or "").replace("-\n", "").replace("\n", " ") for p in pdf.pages]
        first_cells = [
            {" ".join((row[0] or "").split()) for t in p.find_tables() for row in t.extract()}
            for p in pdf.pages
        ]
    for a in truth.agreements:
        if a.source_kind == "table_row":
            # A tall row may split inside its first cell; the page start holds a prefix.
            assert any(c and a.text.startswith(c) for c in first_cells[a.page_start - 1]), a.index
            continue
        words = a.text.split()
        assert " ".join(words[:2]) in texts[a.page_start - 1], a.index
        assert words[-1] in texts[a.page_end - 1], a.index


@pytest.mark.parametrize("stem", [s[0] for s in SAMPLE_SPECS])
def test_running_header_and_footer(stem: str) -> None:
    truth = _truth(stem)
    header = f"Prestatieafspraken Gemeente {truth.municipality}"
    with pdfplumber.open(PDF_DIR / f"{stem}.pdf") as pdf:
        for page in pdf.pages[1:]:
            lines = page.extract_text_lines()
            assert lines[0]["text"].startswith(header)
            assert lines[-1]["text"] == f"pagina {page.page_number}"
            assert round(lines[0]["top"]) == round(pdf.pages[1].extract_text_lines()[0]["top"])
            assert round(lines[-1]["top"]) == round(pdf.pages[1].extract_text_lines()[-1]["top"])


def test_actor_table_rows_split_over_pages_with_repeated_header() -> None:
    stem = _stem("actor_table")
    truth = _truth(stem)
    split = [a for a in truth.agreements if a.page_end > a.page_start]
    assert len(split) >= 2
    with pdfplumber.open(PDF_DIR / f"{stem}.pdf") as pdf:
        for a in split:
            tables = pdf.pages[a.page_end - 1].find_tables()
            assert tables
            header = tables[0].extract()[0]
            assert header[0] == "Afspraak" and header[-1] == "Huurdersorganisatie"
            assert len(header) == 1 + len(a.contributions)


def test_target_table_is_found_with_year_columns() -> None:
    stem = _stem("numbered")
    truth = _truth(stem)
    rows = [a for a in truth.agreements if a.source_kind == "table_row"]
    with pdfplumber.open(PDF_DIR / f"{stem}.pdf") as pdf:
        table = pdf.pages[rows[0].page_start - 1].find_tables()[0].extract()
    years = [str(y) for y in range(truth.period_start, truth.period_end + 1)]
    assert table[0] == ["Indicator", *years]
    assert [r[0] for r in table[1:]] == [a.text for a in rows]
    assert [r[1:] for r in table[1:]] == [[a.contributions[y] for y in years] for a in rows]


def test_bullets_sample_has_hyphenated_line_breaks() -> None:
    stem = _stem("bullets")
    truth = _truth(stem)
    hyphenated = [a for a in truth.agreements if a.hyphenated]
    assert len(hyphenated) >= 3
    with pdfplumber.open(PDF_DIR / f"{stem}.pdf") as pdf:
        for a in hyphenated:
            raw = pdf.pages[a.page_start - 1].extract_text() or ""
            assert "-\n" in raw
            assert "-" not in a.text.replace(" - ", "") or a.text in raw.replace("-\n", "")


@pytest.mark.parametrize(
    "layout,target", [("bullets", 10), ("actor_table", 10), ("numbered", 10), ("actor_table", 50)]
)
def test_target_pages_scale_the_document(layout: str, target: int, tmp_path: Path) -> None:
    truth = build_sample_pdf(
        layout, tmp_path / "bench.pdf", municipality="Benchdorp", seed=3, target_pages=target
    )
    assert abs(truth.page_count - target) <= 0.3 * target
    with pdfplumber.open(tmp_path / "bench.pdf") as pdf:
        assert len(pdf.pages) == truth.page_count


def test_render_pdf_tiny_document_with_split_table_row(tmp_path: Path) -> None:
    long_cell = "De corporatie levert deze bijdrage. " * 60
    blocks: list[Block] = [
        Heading("1 Betaalbaarheid", 1),
        bullets(["Eerste afspraak.", "Tweede afspraak.", "Derde afspraak."], key_prefix="b"),
        Para("Vulling. " * 400),
        TableBlock(
            ("Afspraak", "Gemeente", "Corporatie"),
            (("Rij die splitst", "Kort.", long_cell),),
            keys=("row",),
        ),
    ]
    result = render_pdf(blocks, tmp_path / "tiny.pdf", header="Kop", footer="{n}")
    assert result.page_count == 2
    assert result.pages["b0"] == result.pages["b2"] == (1, 1)
    assert result.pages["row"] == (1, 2)
    with pdfplumber.open(tmp_path / "tiny.pdf") as pdf:
        assert (pdf.pages[1].find_tables()[0].extract()[0]) == [
            "Afspraak",
            "Gemeente",
            "Corporatie",
        ]
        assert (pdf.pages[0].extract_text() or "").count("afspraak.") == 3


def test_numbered_items_keep_their_marker(tmp_path: Path) -> None:
    items = ItemList(
        (
            ListItem("3.1.1", "De corporaties bouwen 40 woningen.", "x"),
            ListItem("a)", "De gemeente levert grond.", "y", level=2),
        )
    )
    render_pdf([items], tmp_path / "n.pdf")
    with pdfplumber.open(tmp_path / "n.pdf") as pdf:
        text = pdf.pages[0].extract_text() or ""
    assert "3.1.1 De corporaties bouwen 40 woningen." in text
    assert "a) De gemeente levert grond." in text


def test_unknown_layout_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown layout"):
        build_sample_pdf("scan", tmp_path / "x.pdf", municipality="Eemdal", seed=1)
