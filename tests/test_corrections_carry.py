"""Corrections follow the agreement to another version of its PDF (issue 19, item 6)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pypdfium2
import pytest
from conftest import sample_pdfs
from openpyxl import load_workbook

from flows.cli import main
from pipeline.models import DocumentResult
from pipeline.process import process_document
from pipeline.write.corrections import STALE_FILE, describe_change
from pipeline.write.tables import write_outputs
from pipeline.write.workbook import SHEET_AGREEMENTS

REVIEWED = 7


def _resave(source: Path, target: Path) -> Path:
    """The same PDF saved again by another tool: the same text, other bytes."""
    document = pypdfium2.PdfDocument(str(source))
    try:
        document.save(str(target), version=17)
    finally:
        document.close()
    return target


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[DocumentResult, DocumentResult]:
    folder = tmp_path_factory.mktemp("versions")
    original = folder / "afspraken.pdf"
    shutil.copy(sample_pdfs()[0], original)
    resaved = _resave(original, folder / "afspraken-opgeslagen.pdf")
    return process_document(original), process_document(resaved)


def _review(output: Path, result: DocumentResult) -> list[str]:
    """Correct the first REVIEWED agreements in the workbook and import it."""
    wb = load_workbook(output / "afspraken.xlsx")
    ws = wb[SHEET_AGREEMENTS]
    header = {c.value: c.column for c in ws[1]}
    ids = [a.afspraak_id for a in result.agreements[:REVIEWED]]
    for row in ws.iter_rows(min_row=2):
        if row[header["afspraak_id"] - 1].value in ids:
            ws.cell(row=row[0].row, column=header["theme_code"]).value = "samenwerking"
            ws.cell(row=row[0].row, column=header["note"]).value = "thema nagekeken"
    wb.save(output / "reviewed.xlsx")
    assert main(["review", "import", str(output / "reviewed.xlsx"), "-o", str(output)]) == 0
    return ids


def test_corrections_follow_a_pdf_saved_again(
    versions: tuple[DocumentResult, DocumentResult], tmp_path: Path
) -> None:
    original, resaved = versions
    assert original.sha256 != resaved.sha256
    assert [a.agreement.text for a in original.agreements] == [
        a.agreement.text for a in resaved.agreements
    ]
    write_outputs([original], tmp_path)
    _review(tmp_path, original)
    files = write_outputs([resaved], tmp_path)
    assert (files.corrections_applied, files.corrections_carried_over) == (REVIEWED, REVIEWED)
    assert files.corrections_stale == 0 and not (tmp_path / STALE_FILE).exists()
    afspraken = pd.read_parquet(tmp_path / "afspraken.parquet")
    human = afspraken[afspraken["label_source"] == "human"]
    assert human["afspraak_id"].tolist() == [a.afspraak_id for a in resaved.agreements[:REVIEWED]]
    assert set(human["theme_code"]) == {"samenwerking"}


def test_a_revised_pdf_keeps_the_corrections_of_unchanged_agreements(
    versions: tuple[DocumentResult, DocumentResult], tmp_path: Path
) -> None:
    original, resaved = versions
    write_outputs([original], tmp_path)
    ids = _review(tmp_path, original)
    # the revision changes one reviewed sentence: "... 2027 ..." becomes "... 2028 ..."
    agreements = list(resaved.agreements)
    first = agreements[0]
    old_text = first.agreement.text
    assert old_text.count("2027") == 1
    new_text = old_text.replace("2027", "2028")
    agreements[0] = first.model_copy(
        update={
            "afspraak_id": "revised-1",
            "agreement": first.agreement.model_copy(update={"text": new_text}),
        }
    )
    revised = resaved.model_copy(
        update={
            "agreements": agreements,
            "document_id": "0123456789abcdef",
            "sha256": "0123456789abcdef" * 4,
            "source_file": "herzien.pdf",
        }
    )
    files = write_outputs([revised], tmp_path)
    assert (files.corrections_applied, files.corrections_carried_over) == (6, 6)
    assert files.corrections_stale == 1
    stale = pd.read_csv(tmp_path / STALE_FILE, keep_default_na=False)
    assert stale["afspraak_id"].tolist() == [ids[0]]
    assert stale["reason"].tolist() == [
        "its document was replaced by herzien.pdf (same municipality and period) and the "
        "agreement's text changed"
    ]
    assert stale["text_now"].tolist() == [new_text]
    assert stale["change"].tolist() == ["'2027' -> '2028'"]
    afspraken = pd.read_parquet(tmp_path / "afspraken.parquet").set_index("afspraak_id")
    assert afspraken.loc["revised-1", "label_source"] == "model"


def test_corrections_of_another_municipality_are_left_alone(
    versions: tuple[DocumentResult, DocumentResult], tmp_path: Path
) -> None:
    original, _ = versions
    write_outputs([original], tmp_path)
    _review(tmp_path, original)
    other = process_document(sample_pdfs()[-1])
    files = write_outputs([other], tmp_path)
    assert (files.corrections_applied, files.corrections_stale) == (0, 0)


def test_describe_change() -> None:
    assert describe_change("a b c d", "a x c d e") == "'b' -> 'x'; + 'e'"
    assert describe_change("a b c", "a c") == "- 'b'"
    assert describe_change("a b", "a b") == ""


@pytest.mark.slow
def test_the_console_counts_applied_carried_over_and_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    pdf = inputs / "afspraken.pdf"
    shutil.copy(sample_pdfs()[0], pdf)
    options = ["--output", str(out), "--no-progress", "--state-dir", str(tmp_path / "state")]
    assert main(["run", str(inputs), *options]) == 0
    _review(out, process_document(pdf))
    capsys.readouterr()
    _resave(sample_pdfs()[0], pdf)  # saved again by another tool, in place
    assert main(["run", str(inputs), *options]) == 0
    console = capsys.readouterr().err
    assert (
        f"Stored corrections: {REVIEWED} applied, {REVIEWED} of them carried over from another "
        "version of their document, 0 stale." in console
    )


def test_another_document_of_the_same_municipality_and_period_is_not_a_version(
    versions: tuple[DocumentResult, DocumentResult], tmp_path: Path
) -> None:
    original, _ = versions
    write_outputs([original], tmp_path)
    _review(tmp_path, original)
    annex = original.model_copy(
        update={
            "document_id": "fedcba9876543210",
            "sha256": "fedcba9876543210" * 4,
            "source_file": "bijlage.pdf",
            "agreements": [
                a.model_copy(
                    update={
                        "afspraak_id": f"bijlage-{i}",
                        "agreement": a.agreement.model_copy(
                            update={"text": f"Bijlage-onderwerp {i}: een overzicht van cijfers."}
                        ),
                    }
                )
                for i, a in enumerate(original.agreements)
            ],
        }
    )
    files = write_outputs([annex], tmp_path)
    assert (files.corrections_applied, files.corrections_stale) == (0, 0)
