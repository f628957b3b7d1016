"""The early skip of the document gate: a clear non-agreement is skipped from a quick look at
its text (`pipeline.read.preview`) without the full read; agreement documents, short texts and
`--no-gate` runs are read in full as before."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import sample_pdfs
from test_hostile import _flate_bomb

import pipeline.process as process_module
from flows.cli import EXIT_OK, main
from pipeline.label.gate import GateSettings, gate_document, gate_preview
from pipeline.models import DocumentContent, TextPreview
from pipeline.process import PipelineSettings, process_document
from pipeline.read import PreviewSettings, ReadSettings, preview_document, read_document
from pipeline.read.preview import preview_pages
from pipeline.write.contents import ContentStore
from samples import Para, render_pdf
from samples.manual import build_manual_pdf
from samples.scans import PROFILES, scanned_copy
from samples.short import SHORT_DOCUMENTS, build_short_pdf

NOT_READ = "beoordeeld op de tekstlaag van alle 3 pagina's, niet volledig gelezen"


@pytest.fixture
def full_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the full read stage was called for (it still reads them)."""
    called: list[Path] = []

    def counting(path: Path, settings: ReadSettings | None = None) -> DocumentContent:
        called.append(path)
        return read_document(path, settings)

    monkeypatch.setattr(process_module, "read_document", counting)
    return called


def _manual(folder: Path, pages: int = 3) -> Path:
    path = folder / "manual.pdf"
    assert build_manual_pdf(path, pages=pages, seed=1) == pages
    return path


def _scan(pdf: Path, folder: Path) -> Path:
    return scanned_copy(pdf, folder / "scan.pdf", PROFILES["office-200"], 5)


def test_an_english_manual_is_skipped_early_without_the_full_read(
    tmp_path: Path, full_reads: list[Path]
) -> None:
    result = process_document(_manual(tmp_path))
    assert full_reads == []
    assert (result.status, result.page_count, result.agreements) == ("skipped", 3, [])
    assert result.metadata is None and result.error == ""
    assert result.gate is not None and result.gate.early and not result.gate.accepted
    assert (result.gate.score, result.gate.words) == (0.0, 1491)
    assert result.gate.reason == (
        "geen prestatieafspraken: tekst is niet Nederlands (555 Engelse tegen 0 Nederlandse "
        f"functiewoorden); {NOT_READ}"
    )


def test_the_full_gate_skips_the_manual_for_the_same_reason(tmp_path: Path) -> None:
    full = gate_document(read_document(_manual(tmp_path)))
    assert full.reason.startswith(
        "geen prestatieafspraken: tekst is niet Nederlands (555 Engelse tegen 0 Nederlandse"
    )
    assert not full.early


def test_agreement_documents_are_never_skipped_early(
    tmp_path: Path, full_reads: list[Path]
) -> None:
    pdfs = sample_pdfs() + [
        build_short_pdf(kind, tmp_path / f"{kind}.pdf") for kind in SHORT_DOCUMENTS
    ]
    every = PreviewSettings(min_pages=1)  # the one-page documents too
    for pdf in pdfs:
        looked = preview_document(pdf, ReadSettings(), every)
        assert looked is not None and looked.ocr_pages == 0, pdf.name
        assert gate_preview(looked) is None, pdf.name
    result = process_document(sample_pdfs()[0])
    assert full_reads == [sample_pdfs()[0]]
    assert result.status == "ok" and result.gate is not None and not result.gate.early


def test_a_scanned_manual_is_judged_on_its_first_pages_ocrd(
    tmp_path: Path, full_reads: list[Path]
) -> None:
    scan = _scan(_manual(tmp_path, pages=5), tmp_path)
    result = process_document(scan)
    assert full_reads == []
    assert (result.status, result.page_count) == ("skipped", 5)
    assert result.gate is not None and result.gate.early
    assert re.fullmatch(
        r"geen prestatieafspraken: tekst is niet Nederlands \(\d+ Engelse tegen \d Nederlandse "
        r"functiewoorden\); beoordeeld op OCR van 2 van de 5 pagina's, niet volledig gelezen",
        result.gate.reason,
    ), result.gate.reason


def test_a_short_scan_is_not_ocrd_for_the_quick_look(tmp_path: Path) -> None:
    scan = _scan(_manual(tmp_path, pages=4), tmp_path)
    looked = preview_document(scan, ReadSettings())
    assert looked is not None
    assert (looked.page_count, looked.pages, looked.ocr_pages, looked.text.strip()) == (
        4,
        [1, 2, 3, 4],
        0,
        "",
    )
    assert gate_preview(looked) is None  # an empty text is never judged: read in full


def test_a_document_of_two_pages_gets_no_quick_look(
    tmp_path: Path, full_reads: list[Path]
) -> None:
    manual = _manual(tmp_path, pages=2)
    assert preview_document(manual, ReadSettings()) is None
    assert preview_document(manual, ReadSettings(), PreviewSettings(min_pages=2)) is not None
    result = process_document(manual)
    assert full_reads == [manual]
    assert result.status == "skipped" and result.gate is not None and not result.gate.early


def test_no_gate_reads_the_manual_in_full(
    tmp_path: Path, full_reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_look(*args: object) -> TextPreview | None:
        raise AssertionError("the quick look must not run with --no-gate")

    monkeypatch.setattr(process_module, "preview_document", no_look)
    manual = _manual(tmp_path)
    result = process_document(manual, PipelineSettings(gate=GateSettings(process_all=True)))
    assert full_reads == [manual]
    assert result.status == "ok" and result.page_count == 3
    assert result.gate is not None and result.gate.forced and not result.gate.early
    assert result.gate.reason.startswith(
        "verwerkt op verzoek (--no-gate); geen prestatieafspraken: tekst is niet Nederlands ("
    )
    assert "niet volledig gelezen" not in result.gate.reason


def test_without_early_the_manual_is_read_and_then_skipped(
    tmp_path: Path, full_reads: list[Path]
) -> None:
    manual = _manual(tmp_path)
    result = process_document(manual, PipelineSettings(gate=GateSettings(early=False)))
    assert full_reads == [manual]
    assert result.status == "skipped" and result.gate is not None and not result.gate.early
    assert result.metadata is not None


def test_a_short_english_text_is_read_in_full(tmp_path: Path, full_reads: list[Path]) -> None:
    path = tmp_path / "short.pdf"
    render_pdf([Para("The installer asks for the keyboard layout and the network.")], path)
    result = process_document(path)
    assert full_reads == [path]
    assert result.status == "skipped" and result.gate is not None and not result.gate.early


def _preview(text: str) -> TextPreview:
    return TextPreview(page_count=40, pages=list(range(1, 41)), text=text)


def test_the_language_is_judged_early_only_by_its_margin() -> None:
    # 40 English and 20 Dutch function words: the full gate calls this English, the quick
    # look wants 3 times as many as Dutch and 30 at least
    filler = " ".join(f"woord{chr(97 + i % 26)}" for i in range(300))
    mixed = _preview(f"{filler} {'the and ' * 20} {'het een ' * 10} gemeente gemeente")
    assert gate_preview(mixed) is None
    english = _preview(f"{filler} {'the and ' * 30} {'het een ' * 10} gemeente gemeente")
    decision = gate_preview(english)
    assert decision is not None and decision.reason == (
        "geen prestatieafspraken: tekst is niet Nederlands (60 Engelse tegen 20 Nederlandse "
        "functiewoorden); beoordeeld op de tekstlaag van alle 40 pagina's, niet volledig gelezen"
    )


def test_the_vocabulary_is_judged_early_only_by_its_margin() -> None:
    words = ["tekst"] * 995
    few = _preview(" ".join(words + ["gemeente"] * 5))  # 5 per 1000: the full gate skips
    assert gate_preview(few) is None
    fewer = _preview(" ".join(words + ["gemeente"] * 2))
    decision = gate_preview(fewer)
    assert decision is not None and decision.reason == (
        "geen prestatieafspraken: te weinig woorden van woonafspraken (2 per 1000 woorden, "
        "minimaal 10); beoordeeld op de tekstlaag van alle 40 pagina's, niet volledig gelezen"
    )
    assert gate_preview(_preview(" ".join(["tekst"] * 299))) is None  # too short to judge


def test_the_pages_taken_are_the_first_and_some_spread_over_the_rest() -> None:
    settings = PreviewSettings(first_pages=3, spread_pages=4)
    assert preview_pages(5, settings) == [1, 2, 3, 4, 5]
    assert preview_pages(23, settings) == [1, 2, 3, 4, 9, 14, 19]
    assert preview_pages(2, settings) == [1, 2]


def test_a_decompression_bomb_gives_no_quick_look_and_fails_as_before(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    _flate_bomb(bomb)
    started = time.perf_counter()
    assert preview_document(bomb, ReadSettings()) is None
    assert time.perf_counter() - started < 5  # capped at the limit, not inflated whole
    result = process_document(bomb)
    assert result.status == "failed"
    assert result.error.startswith("Page 1 has a content stream that inflates to more than")


def test_a_file_that_is_no_pdf_fails_as_before(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_text("<html></html>")
    assert preview_document(path, ReadSettings()) is None
    result = process_document(path)
    assert (result.status, result.error) == (
        "failed",
        "The file is not a PDF (it does not start with a PDF header).",
    )


def test_the_store_does_not_look_again_at_a_file_it_has_read(tmp_path: Path) -> None:
    store = ContentStore(tmp_path / "state")
    manual = _manual(tmp_path)
    assert store.preview(manual, ReadSettings(), PreviewSettings()) is not None
    store.read(manual, ReadSettings())
    assert store.preview(manual, ReadSettings(), PreviewSettings()) is None


@pytest.mark.slow
def test_a_run_skips_the_manual_early_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    manual = _manual(inputs)
    build_short_pdf("annex", inputs / "annex.pdf")
    out, state = tmp_path / "out", tmp_path / "state"
    common = ["--output", str(out), "--no-progress", "--state-dir", str(state)]
    assert main(["run", str(inputs), *common]) == EXIT_OK
    console = " ".join(capsys.readouterr().err.split())
    assert f"skipped {manual}: geen prestatieafspraken: tekst is niet Nederlands (555" in console
    assert "1 skipped (not prestatieafspraken; --no-gate processes them)" in console
    documenten = pd.read_csv(out / "documenten.csv").set_index("source_file")
    row = documenten.loc[str(manual)]
    assert (row["status"], row["pages"], row["gate_score"]) == ("skipped", 3, 0.0)
    assert row["gate_reason"].endswith(NOT_READ)
    assert len(list(state.rglob("*.content.json"))) == 1  # the annex alone was read
