"""Review choices beyond labels: `geen afspraak`, corrected parties, the workbook's own folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import sample_pdfs
from openpyxl import load_workbook

from flows.cli import main
from pipeline.models import DocumentResult
from pipeline.process import process_document
from pipeline.write.corrections import STALE_FILE, load_corrections
from pipeline.write.label_columns import NOT_AGREEMENT
from pipeline.write.tables import write_outputs
from pipeline.write.workbook import SHEET_AGREEMENTS
from pipeline.write.workbook_import import ReviewImportError, import_workbook


@pytest.fixture(scope="module")
def eemdal() -> DocumentResult:
    return process_document(sample_pdfs()[-1])


def _edit(path: Path, edits: dict[str, dict[str, object]]) -> None:
    wb = load_workbook(path)
    ws = wb[SHEET_AGREEMENTS]
    header = {c.value: c.column for c in ws[1]}
    for row in ws.iter_rows(min_row=2):
        values = edits.get(str(row[header["afspraak_id"] - 1].value), {})
        for name, value in values.items():
            ws.cell(row=row[0].row, column=header[name]).value = value
    wb.save(path)


def _count(output: Path, sql: str) -> object:
    with duckdb.connect(str(output / "prestatieafspraken.duckdb"), read_only=True) as con:
        rows = con.sql(sql).fetchall()
    assert len(rows) == 1
    return rows[0][0]


def test_a_row_marked_geen_afspraak_leaves_every_table_and_count(
    eemdal: DocumentResult, tmp_path: Path
) -> None:
    write_outputs([eemdal], tmp_path)
    rows = [a for a in eemdal.agreements if a.contributions]
    marked, renamed = rows[0], rows[1]
    total = len(eemdal.agreements)
    assert (
        len(
            pd.read_parquet(tmp_path / "bijdragen.parquet").query(
                "afspraak_id == @marked.afspraak_id"
            )
        )
        > 0
    )
    _edit(
        tmp_path / "afspraken.xlsx",
        {
            marked.afspraak_id: {"type": NOT_AGREEMENT, "note": "kop van een tabel"},
            renamed.afspraak_id: {"parties": "Gemeente Eemdal;  Zorggroep Eem"},
        },
    )
    assert main(["review", "import", str(tmp_path / "afspraken.xlsx"), "-o", str(tmp_path)]) == 0
    store = load_corrections(tmp_path)
    assert store[marked.afspraak_id]["labels"]["type"] == NOT_AGREEMENT
    assert store[renamed.afspraak_id]["changed"] == ["parties"]

    def check() -> None:
        afspraken = pd.read_parquet(tmp_path / "afspraken.parquet").set_index("afspraak_id")
        assert len(afspraken) == total - 1 and marked.afspraak_id not in afspraken.index
        assert afspraken.loc[renamed.afspraak_id, "parties"] == "Gemeente Eemdal; Zorggroep Eem"
        assert afspraken.loc[renamed.afspraak_id, "label_source"] == "human"
        for table in ("bijdragen", "doelen"):
            ids = pd.read_parquet(tmp_path / f"{table}.parquet")["afspraak_id"]
            assert marked.afspraak_id not in set(ids)
        documenten = pd.read_csv(tmp_path / "documenten.csv")
        assert documenten[["agreements", "marked_not_agreement"]].values.tolist() == [
            [total - 1, 1]
        ]
        counted = sum(
            documenten[f"agreements_{t}"].iloc[0] for t in ("intentie", "proces", "concreet")
        )
        assert counted == total - 1
        samenvatting = pd.read_csv(tmp_path / "samenvatting.csv")
        assert samenvatting.query("theme_code == 'totaal'")["afspraken"].tolist() == [total - 1]
        assert _count(tmp_path, "SELECT afspraken FROM vergelijking") == total - 1
        parties = "SELECT afspraken FROM vergelijking_partij WHERE party = 'Zorggroep Eem'"
        assert _count(tmp_path, parties) == 1
        sheet = load_workbook(tmp_path / "afspraken.xlsx", read_only=True)[SHEET_AGREEMENTS]
        assert sum(1 for _ in sheet.iter_rows(min_row=2)) == total - 1
        assert not (tmp_path / STALE_FILE).exists()

    check()
    files = write_outputs([eemdal], tmp_path)  # a later run: still excluded
    assert (files.corrections_applied, files.corrections_stale) == (2, 0)
    check()
    out = tmp_path / "training.jsonl"
    assert main(["review", "export-training", "--output", str(tmp_path), str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["type"] for r in records] == [store[renamed.afspraak_id]["labels"]["type"]]


def test_a_workbook_of_another_output_folder_is_refused(
    eemdal: DocumentResult, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "eerste", tmp_path / "tweede"
    write_outputs([eemdal], first)
    write_outputs([eemdal], second)
    target = eemdal.agreements[0].afspraak_id
    _edit(first / "afspraken.xlsx", {target: {"type": NOT_AGREEMENT}})
    with pytest.raises(ReviewImportError) as refused:
        import_workbook(first / "afspraken.xlsx", second)
    assert str(refused.value) == (
        f"afspraken.xlsx was written for another output folder ({first.resolve()}), not for "
        f"{second}; nothing imported. Import it into the folder it came from: prestatie review "
        f"import {first / 'afspraken.xlsx'} --output {first.resolve()}"
    )
    code = main(["review", "import", str(first / "afspraken.xlsx"), "-o", str(second)])
    assert code == 2
    assert "was written for another output folder" in capsys.readouterr().err
    assert load_corrections(second) == {}
    # a copy of the whole folder is the same dataset: its workbook imports there
    copy = tmp_path / "kopie"
    shutil.copytree(first, copy)
    assert main(["review", "import", str(copy / "afspraken.xlsx"), "-o", str(copy)]) == 0
    assert set(load_corrections(copy)) == {target}
