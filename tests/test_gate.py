"""The document gate (issue 20, item 2): a PDF that holds no prestatieafspraken is skipped with
its reason, short agreement documents are not, and `--no-gate` processes everything."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from test_hostile import raw_pdf, stream

from flows.cli import EXIT_OK, main
from pipeline.label.gate import GateSettings, gate_document, title_kind
from pipeline.models import DocumentResult, GateDecision
from pipeline.process import PipelineSettings, process_document
from pipeline.read import read_document
from pipeline.write.cache import ResultStore, partition_by_cache, result_key
from pipeline.write.report import build_report
from pipeline.write.tables import write_outputs
from samples import Heading, Para, bullets, render_pdf
from samples.municipal import KINDS, build_municipal_pdf
from samples.short import SHORT_DOCUMENTS, build_short_pdf

WOONVISIE_REASON = (
    "geen prestatieafspraken: ander soort document: woonvisie (titel 'Woonvisie Lindehaven "
    "2023-2028 Thuis in Lindehaven: wonen voor ...')"
)
ENGLISH = (
    "The installer asks for the keyboard layout and then for the network settings of the "
    "machine. If there is no network, you can configure it later with the tools that are "
    "installed by default, and the system will use the settings from the first boot."
)
DUTCH_MANUAL = (
    "Het programma vraagt eerst naar de indeling van het toetsenbord en daarna naar de "
    "netwerkinstellingen. Als er geen netwerk is, kunt u dit later instellen met de "
    "hulpprogramma's die standaard worden meegeleverd."
)


def _woonvisie(folder: Path) -> Path:
    return _municipal("woonvisie", folder)


def _municipal(kind: str, folder: Path) -> Path:
    path = folder / f"{kind}_lindehaven.pdf"
    build_municipal_pdf(kind, path, municipality="Lindehaven", seed=1)
    return path


def test_a_woonvisie_is_skipped_with_its_reason_and_no_agreements(tmp_path: Path) -> None:
    result = process_document(_woonvisie(tmp_path))
    assert result.status == "skipped"
    assert result.agreements == []
    assert result.gate == GateDecision(
        accepted=False, score=141.7, words=367, reason=WOONVISIE_REASON
    )
    assert result.metadata is not None and result.page_count == 3


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_municipal_document_is_skipped(kind: str, tmp_path: Path) -> None:
    named = {"raadsnotulen": "notulen", "raadsbrief": "brief"}.get(kind, kind)
    result = process_document(_municipal(kind, tmp_path))
    assert result.gate is not None
    assert result.gate.reason.startswith(
        f"geen prestatieafspraken: ander soort document: {named} ("
    )
    assert (result.status, len(result.agreements)) == ("skipped", 0)


@pytest.mark.parametrize(
    ("kind", "agreements"),
    [
        ("annex", 5),
        ("bare_annex", 4),
        ("target_table", 5),
        ("actor_table", 4),
        ("addendum", 3),
        ("cover_letter", 4),
        ("woonvisie_title", 3),
        ("scanned_annex", 5),
    ],
)
def test_short_agreement_documents_are_not_skipped(
    kind: str, agreements: int, tmp_path: Path
) -> None:
    assert kind in SHORT_DOCUMENTS
    result = process_document(build_short_pdf(kind, tmp_path / f"{kind}.pdf"))
    assert result.gate is not None and result.gate.accepted, result.gate
    assert (result.status, len(result.agreements)) == ("ok", agreements)


def test_the_annex_is_accepted_as_signed(tmp_path: Path) -> None:
    gate = gate_document(read_document(build_short_pdf("annex", tmp_path / "annex.pdf")))
    assert gate == GateDecision(
        accepted=True,
        score=188.9,
        words=90,
        reason="188,9 woorden van woonafspraken per 1000 woorden; ondertekend door 3 partijen",
    )


def test_no_gate_processes_a_skipped_document_and_says_so(tmp_path: Path) -> None:
    settings = PipelineSettings(gate=GateSettings(process_all=True))
    result = process_document(_woonvisie(tmp_path), settings)
    assert (result.status, len(result.agreements)) == ("ok", 16)
    assert result.gate is not None and result.gate.forced and not result.gate.accepted
    assert result.gate.reason == "verwerkt op verzoek (--no-gate); " + WOONVISIE_REASON


def _pdf(path: Path, *texts: str, title: str = "Handleiding") -> Path:
    render_pdf([Heading(title, 1), *(Para(t) for t in texts)], path, footer="")
    return path


def test_english_text_is_not_dutch(tmp_path: Path) -> None:
    gate = gate_document(read_document(_pdf(tmp_path / "en.pdf", ENGLISH, title="Installing")))
    assert gate.reason == (
        "geen prestatieafspraken: tekst is niet Nederlands (25 Engelse tegen 0 Nederlandse "
        "functiewoorden)"
    )


def test_dutch_text_without_housing_words(tmp_path: Path) -> None:
    gate = gate_document(read_document(_pdf(tmp_path / "nl.pdf", DUTCH_MANUAL)))
    assert gate.reason == "geen prestatieafspraken: geen woorden van woonafspraken in 34 woorden"
    assert (gate.accepted, gate.score) == (False, 0.0)


def test_a_long_text_that_mentions_housing_once_is_skipped(tmp_path: Path) -> None:
    texts = [DUTCH_MANUAL] * 9 + ["De gemeente gebruikt dit programma op alle scholen."]
    gate = gate_document(read_document(_pdf(tmp_path / "long.pdf", *texts)))
    assert gate.words == 306
    assert gate.reason == (
        "geen prestatieafspraken: te weinig woorden van woonafspraken (3,3 per 1000 woorden, "
        "minimaal 10)"
    )
    shorter = gate_document(read_document(_pdf(tmp_path / "short.pdf", *texts[-2:])))
    assert shorter.accepted  # under 300 words one housing word is enough: short annexes


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Woonvisie Lindehaven 2025-2030", "woonvisie"),
        ("Prestatieafspraken 2025-2028 Uitwerking van de Woonvisie Rivierdal", ""),
        ("Samen bouwen aan een gedeelde visie Prestatieafspraken 2025", ""),
        ("Raadsinformatiebrief prestatieafspraken 2026", "brief"),
        ("Evaluatie prestatieafspraken 2020-2023", "monitor"),
        ("Jaarschijf 2026 bij de prestatieafspraken gemeente Zoomdal", ""),
        ("Prestatieafspraken 2024, verslag van de onderhandelingen", ""),
        ("Programmabegroting 2026 gemeente Rivierdal", "begroting"),
        ("Samen werken aan wonen", ""),
        ("Verslag van de bewonersavond in Wolderwijk", "notulen"),
    ],
)
def test_the_kind_a_title_names(title: str, kind: str) -> None:
    assert title_kind(title) == kind


def test_a_document_with_damaged_pages_is_not_skipped(tmp_path: Path) -> None:
    """The gate cannot judge text it could not read: such a document stays `partial`."""
    text = b"BT /F1 11 Tf 72 560 Td (%s) Tj ET" % ENGLISH[:90].encode()
    pages, font, form = 3, 9, 10
    objects = [b"<< /Type /Pages /Kids [3 0 R 5 0 R 7 0 R] /Count 3 >>"]
    resources = b"<< /Font << /F1 %d 0 R >> /XObject << /X1 %d 0 R >> >>" % (font, form)
    for number in range(1, pages + 1):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
            + resources
            + b" /Contents %d 0 R >>" % (4 + 2 * (number - 1))
        )
        objects.append(stream(text * 4 + (b" /X1 Do" if number == 3 else b"")))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects.append(
        stream(b"0 0 m 10 10 l S", b"/Type /XObject /Subtype /Form /BBox [0 0 9 9] /Matrix (x) ")
    )
    path = tmp_path / "damaged.pdf"
    path.write_bytes(raw_pdf(objects))
    result = process_document(path)
    assert (result.status, result.damaged_pages) == ("partial", [3])
    assert result.gate is not None and result.gate.forced
    assert result.gate.reason.startswith(
        "niet overgeslagen: 1 pagina('s) beschadigd; geen prestatieafspraken: "
    )


def test_a_run_with_no_gate_reuses_what_the_gated_run_processed(tmp_path: Path) -> None:
    store = ResultStore(tmp_path / "state")
    gated, forced = PipelineSettings(), PipelineSettings(gate=GateSettings(process_all=True))
    versions = ("1", "m")
    pdfs = [_woonvisie(tmp_path), build_short_pdf("annex", tmp_path / "annex.pdf")]
    for pdf in pdfs:
        result = process_document(pdf, gated)
        store.save(result, result_key(result.sha256, *versions, gated.model_dump_json()))
    stored, pending = partition_by_cache(
        pdfs, store, versions, forced.model_dump_json(), forced.gated_json()
    )
    assert [p.name for p in stored] == ["annex.pdf"]
    assert [p.name for p in pending] == ["woonvisie_lindehaven.pdf"]
    assert forced.gated_json() == gated.model_dump_json() and gated.gated_json() is None


def test_outputs_and_report_of_a_skipped_document(tmp_path: Path) -> None:
    results: list[DocumentResult] = [
        process_document(_woonvisie(tmp_path)),
        process_document(build_short_pdf("annex", tmp_path / "annex.pdf")),
    ]
    out = tmp_path / "out"
    write_outputs(results, out)
    documenten = pd.read_csv(out / "documenten.csv").set_index("status")
    assert list(documenten.index) == ["skipped", "ok"]
    skipped = documenten.loc["skipped"]
    assert (skipped["gate_reason"], skipped["gate_score"]) == (WOONVISIE_REASON, 141.7)
    assert (skipped["agreements"], skipped["warning"] if pd.notna(skipped["warning"]) else "") == (
        0,
        "",
    )
    assert documenten.loc["ok", "gate_score"] == 188.9
    afspraken = pd.read_parquet(out / "afspraken.parquet")
    assert set(afspraken["source_file"]) == {str(tmp_path / "annex.pdf")}
    html = build_report(afspraken, pd.read_parquet(out / "documenten.parquet"))
    assert "Overgeslagen, geen prestatieafspraken: ander soort document: woonvisie" in html


@pytest.mark.slow
def test_run_skips_prints_and_exits_0_then_no_gate_processes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    woonvisie = _woonvisie(inputs)
    build_short_pdf("annex", inputs / "annex.pdf")
    out, state = tmp_path / "out", tmp_path / "state"
    common = ["--output", str(out), "--no-progress", "--state-dir", str(state)]
    assert main(["run", str(inputs), *common]) == EXIT_OK
    console = " ".join(capsys.readouterr().err.split())
    assert f"skipped {woonvisie}: {WOONVISIE_REASON}" in console
    assert "1 of 2 file(s) processed, 5 agreements" in console
    assert "1 skipped (not prestatieafspraken; --no-gate processes them)" in console
    documenten = pd.read_csv(out / "documenten.csv")
    assert sorted(documenten["status"]) == ["ok", "skipped"]
    assert main(["run", str(inputs), *common, "--no-gate"]) == EXIT_OK
    console = " ".join(capsys.readouterr().err.split())
    assert "2 of 2 file(s) processed, 21 agreements" in console
    documenten = pd.read_csv(out / "documenten.csv").set_index("source_file")
    assert documenten.loc[str(woonvisie), "status"] == "ok"
    assert documenten.loc[str(woonvisie), "gate_reason"].startswith("verwerkt op verzoek")


def test_bullets_under_a_title_that_names_the_agreements_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "titled.pdf"
    render_pdf(
        [
            Para("Prestatieafspraken 2026", style="title"),
            Heading("Nieuwbouw", 1),
            bullets(["De corporatie bouwt 40 sociale huurwoningen."]),
        ],
        path,
    )
    assert gate_document(read_document(path)).accepted


def test_a_served_run_with_no_gate_processes_every_document(tmp_path: Path) -> None:
    from flows.batch import run_settings

    assert run_settings(tmp_path, None, no_gate=True).gate.process_all
    assert not run_settings(tmp_path, None).gate.process_all
    given = PipelineSettings(gate=GateSettings(min_terms=2))
    assert run_settings(tmp_path, given, no_gate=True).gate == GateSettings(
        min_terms=2, process_all=True
    )
