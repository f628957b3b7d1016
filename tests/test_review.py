"""Review workbook, corrections store and training export (README "Review and corrections")."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, sample_pdfs
from openpyxl import load_workbook

from flows.cli import main
from pipeline.models import DocumentResult
from pipeline.process import process_document
from pipeline.write.corrections import (
    CORRECTIONS_DIR,
    STALE_FILE,
    corrections_path,
    load_corrections,
)
from pipeline.write.tables import ExportSettings, agreements_frame, write_outputs
from pipeline.write.training_export import ANNOTATION_KEYS
from pipeline.write.workbook import (
    SHEET_AGREEMENTS,
    SHEET_DOCUMENTS,
    SHEET_SOURCE,
    SHEET_SUMMARY,
    STREAMED_WORKBOOK_ROWS,
    agreement_sheet_rows,
    evidence_text,
)


@pytest.fixture(scope="module")
def results() -> list[DocumentResult]:
    return [process_document(p) for p in sample_pdfs()]


def _header(ws: object) -> dict[str, int]:
    return {c.value: c.column for c in ws[1]}  # type: ignore[index]


def _row_of(ws: object, afspraak_id: str) -> int:
    column = _header(ws)["afspraak_id"]
    for row in ws.iter_rows(min_row=2):  # type: ignore[attr-defined]
        if row[column - 1].value == afspraak_id:
            return int(row[0].row)
    raise AssertionError(f"{afspraak_id} not in sheet")


def _edit(path: Path, afspraak_id: str, **values: object) -> None:
    wb = load_workbook(path)
    ws = wb[SHEET_AGREEMENTS]
    row = _row_of(ws, afspraak_id)
    header = _header(ws)
    for name, value in values.items():
        ws.cell(row=row, column=header[name]).value = value
    wb.save(path)


def _afspraken(output: Path) -> pd.DataFrame:
    return pd.read_parquet(output / "afspraken.parquet").set_index("afspraak_id")


def test_workbook_sheets_layout_and_validation(results: list[DocumentResult], tmp_path: Path):
    files = write_outputs(results, tmp_path)
    assert files.afspraken_xlsx == tmp_path / "afspraken.xlsx"
    afspraken = pd.read_parquet(files.afspraken_parquet)
    wb = load_workbook(tmp_path / "afspraken.xlsx")
    assert wb.sheetnames == [SHEET_AGREEMENTS, SHEET_SUMMARY, SHEET_DOCUMENTS, SHEET_SOURCE]
    assert wb[SHEET_SOURCE].sheet_state == "hidden"
    ws = wb[SHEET_AGREEMENTS]
    assert ws.max_row == len(afspraken) + 1
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    header = _header(ws)
    validated = {}
    for dv in ws.data_validations.dataValidation:
        column = str(dv.sqref).split(":")[0].rstrip("0123456789")
        validated[column] = dv.formula1
    letter = {name: ws.cell(row=1, column=col).column_letter for name, col in header.items()}
    assert validated[letter["type"]] == '"intentie,proces,concreet,geen afspraak"'
    assert validated[letter["smart"]] == '"ja,deels,nee"'
    assert "duurzaamheid" in validated[letter["theme_code"]]
    assert validated[letter["concrete_kind"]] == '"kwalitatief,kwantitatief"'
    for name in ("smart_s", "smart_m", "smart_a", "smart_r", "smart_t", "reviewed"):
        assert validated[letter[name]] == '"ja,nee"', name
    assert ws.cell(row=2, column=header["text"]).alignment.wrap_text
    assert ws.column_dimensions[letter["text"]].width >= 60
    # evidence next to its label, readable
    time_cells = [c.value for c in ws[letter["evidence_t"]][1:] if c.value]
    assert time_cells and all(str(v).startswith("T") for v in time_cells)
    # low-confidence rows are highlighted, others are not
    review_col, fills = header["needs_review"], set()
    for row in ws.iter_rows(min_row=2):
        flagged = row[review_col - 1].value == "ja"
        fills.add((flagged, row[header["text"] - 1].fill.fgColor.rgb))
    flagged_fills = {f for flagged, f in fills if flagged}
    plain_fills = {f for flagged, f in fills if not flagged}
    assert flagged_fills and not (flagged_fills & plain_fills)
    # the summary repeats per document the theme x type and theme x SMART tables
    summary = [[c.value for c in row] for row in wb[SHEET_SUMMARY].iter_rows()]
    totals = [r for r in summary if r[0] == "Totaal"]
    assert len(totals) == 2 * len(results)
    by_doc = afspraken.groupby("document_id", sort=False).size().tolist()
    assert [t[4] for t in totals[::2]] == by_doc
    assert all(t[1] + t[2] + t[3] == t[4] for t in totals)
    assert abs(sum(totals[0][5:8]) - 1) < 1e-9
    documents = wb[SHEET_DOCUMENTS]
    assert documents.max_row == len(results) + 1


def test_evidence_text_marks_spans_against() -> None:
    spans = [
        {"text": "in 2025", "supports": True},
        {"text": "jaarlijks", "supports": True},
        {"text": "waar mogelijk", "supports": False},
    ]
    assert evidence_text("T", spans) == "T: in 2025; jaarlijks | T tegen: waar mogelijk"


def test_evidence_text_of_no_spans_is_empty() -> None:
    assert evidence_text("S", []) == ""


def test_sheet_rows_of_a_table_without_review_notes(results: list[DocumentResult]) -> None:
    """The agreements sheet from the `afspraken` table alone: no earlier notes, not hard."""
    afspraken = agreements_frame(results[:1])
    rows = agreement_sheet_rows(afspraken)
    assert len(rows) == len(afspraken) > 0
    assert {(r["hard_case"], r["note"]) for r in rows} == {("nee", "")}
    assert [r["afspraak_id"] for r in rows] == afspraken["afspraak_id"].tolist()
    assert {r["document"] for r in rows} == {Path(results[0].source_file).name}


@pytest.mark.parametrize("text", ["=1+1", '=HYPERLINK("http://x","y")', "+31", "-5", "@SUM(A1)"])
def test_workbook_cells_never_become_formulas(
    results: list[DocumentResult], tmp_path: Path, text: str
) -> None:
    first = results[0]
    item = first.agreements[0]
    hostile = item.model_copy(
        update={
            "agreement": item.agreement.model_copy(
                update={"text": text, "lead_in": "\tlead", "heading_path": ["\rkop\x07"]}
            ),
            "parties": ["=cmd|' /C calc'!A0"],
        }
    )
    write_outputs([first.model_copy(update={"agreements": [hostile]})], tmp_path)
    wb = load_workbook(tmp_path / "afspraken.xlsx")
    ws = wb[SHEET_AGREEMENTS]
    header = _header(ws)
    for name, expected in (
        ("text", text),
        ("lead_in", "\tlead"),
        ("heading", "\rkop"),
        ("parties", "=cmd|' /C calc'!A0"),
    ):
        cell = ws.cell(row=2, column=header[name])
        assert cell.data_type == "s", name
        # XML normalises a bare carriage return to a line feed unless the writer escapes it
        # (openpyxl does with lxml installed, not without); either way it stays text.
        assert cell.value.replace("\r", "\n") == expected.replace("\r", "\n"), name
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            assert all(c.data_type != "f" for c in row)


def test_import_applies_corrections_and_they_survive_a_new_model(
    results: list[DocumentResult], tmp_path: Path
) -> None:
    write_outputs(results, tmp_path)
    before = _afspraken(tmp_path)
    target = str(before.index[3])
    new_type = "intentie" if before.loc[target, "type"] != "intentie" else "proces"
    confirmed = str(before.index[4])
    workbook = tmp_path / "reviewed.xlsx"
    (tmp_path / "afspraken.xlsx").rename(workbook)
    _edit(
        workbook,
        target,
        type=new_type,
        concrete_kind="kwantitatief",  # dropped: only concreet has a kind
        smart_s="nee",
        smart_m="nee",
        smart_t="nee",
        hard_case="ja",
        note="aim, no deed",
    )
    _edit(workbook, confirmed, reviewed="ja")
    assert main(["review", "import", str(workbook), "--output", str(tmp_path)]) == 0

    store = load_corrections(tmp_path)
    assert set(store) == {target, confirmed}
    assert corrections_path(tmp_path).parent.name == CORRECTIONS_DIR
    after = _afspraken(tmp_path)
    assert after.loc[target, "type"] == new_type
    assert after.loc[target, "concrete_kind"] == ""
    assert after.loc[target, "smart"] == "nee"  # derived from the corrected letters
    assert after.loc[target, "label_source"] == "human"
    assert not after.loc[target, "needs_review"]
    assert after.loc[confirmed, "label_source"] == "human"
    assert (after.drop(index=[target, confirmed])["label_source"] == "model").all()
    wb = load_workbook(tmp_path / "afspraken.xlsx")
    ws = wb[SHEET_AGREEMENTS]
    row, header = _row_of(ws, target), _header(ws)
    assert ws.cell(row=row, column=header["label_source"]).value == "human"
    assert ws.cell(row=row, column=header["note"]).value == "aim, no deed"

    # Re-extraction with another model: same text, so the correction still applies.
    rerun = [r.model_copy(update={"model_version": "rules-9.9.9"}) for r in results]
    files = write_outputs(rerun, tmp_path)
    again = _afspraken(tmp_path)
    assert files.corrections_applied == 2 and files.corrections_stale == 0
    assert again.loc[target, "type"] == new_type
    assert again.loc[target, "label_source"] == "human"
    assert again.loc[target, "model_version"] == "rules-9.9.9"
    assert not (tmp_path / STALE_FILE).exists()

    # Importing the same workbook twice stores nothing new.
    stored = corrections_path(tmp_path).read_text(encoding="utf-8")
    assert main(["review", "import", str(workbook), "--output", str(tmp_path)]) == 0
    assert corrections_path(tmp_path).read_text(encoding="utf-8") == stored
    assert len(load_corrections(tmp_path)) == 2


def test_correction_of_changed_text_is_reported_not_applied(
    results: list[DocumentResult], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = results[0]
    write_outputs([doc], tmp_path)
    changed, moved = doc.agreements[1], doc.agreements[2]
    for item in (changed, moved):
        _edit(tmp_path / "afspraken.xlsx", item.afspraak_id, reviewed="ja", smart="nee")
    assert main(["review", "import", str(tmp_path / "afspraken.xlsx"), "-o", str(tmp_path)]) == 0
    capsys.readouterr()

    def retext(item: object, new_id: str | None = None) -> object:
        agreement = item.agreement  # type: ignore[attr-defined]
        update = {"agreement": agreement.model_copy(update={"text": agreement.text + " Extra."})}
        if new_id:
            update["afspraak_id"] = new_id
        return item.model_copy(update=update)  # type: ignore[attr-defined]

    agreements = list(doc.agreements)
    agreements[1] = retext(changed)  # type: ignore[call-overload]
    agreements[2] = retext(moved, new_id="new-id-for-changed-text")  # type: ignore[call-overload]
    files = write_outputs([doc.model_copy(update={"agreements": agreements})], tmp_path)
    assert files.corrections_stale == 2 and files.corrections_applied == 0
    after = _afspraken(tmp_path)
    assert after.loc[changed.afspraak_id, "label_source"] == "model"
    assert after.loc["new-id-for-changed-text", "label_source"] == "model"
    stale = pd.read_csv(tmp_path / STALE_FILE).set_index("afspraak_id")
    assert set(stale.index) == {changed.afspraak_id, moved.afspraak_id}
    assert "changed" in stale.loc[changed.afspraak_id, "reason"]
    assert stale.loc[changed.afspraak_id, "text_now"].endswith("Extra.")
    assert main(["report", "--output", str(tmp_path)]) == 0
    assert "2 stored correction(s) not applied" in capsys.readouterr().err.replace("\n", " ")


def test_invalid_values_are_rejected_and_nothing_is_stored(
    results: list[DocumentResult], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_outputs(results[:1], tmp_path)
    first = results[0].agreements[0].afspraak_id
    second = results[0].agreements[1].afspraak_id
    _edit(tmp_path / "afspraken.xlsx", first, type="vaag")
    _edit(tmp_path / "afspraken.xlsx", second, smart_t="misschien", type="intentie")
    code = main(["review", "import", str(tmp_path / "afspraken.xlsx"), "-o", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err
    assert "type 'vaag'" in err and "smart_t 'misschien'" in err
    assert not corrections_path(tmp_path).exists()
    assert main(["review", "import", str(tmp_path / "missing.xlsx"), "-o", str(tmp_path)]) == 2
    (tmp_path / "not.xlsx").write_text("no workbook", encoding="utf-8")
    assert main(["review", "import", str(tmp_path / "not.xlsx"), "-o", str(tmp_path)]) == 2


def test_export_training_writes_annotation_records(
    results: list[DocumentResult], tmp_path: Path
) -> None:
    write_outputs(results, tmp_path)
    table_row = next(a for r in results for a in r.agreements if a.contributions)
    plain = results[0].agreements[0]
    _edit(tmp_path / "afspraken.xlsx", table_row.afspraak_id, reviewed="ja")
    _edit(
        tmp_path / "afspraken.xlsx",
        plain.afspraak_id,
        type="concreet",
        concrete_kind="kwalitatief",
        theme_code="leefbaarheid",
    )
    assert main(["review", "import", str(tmp_path / "afspraken.xlsx"), "-o", str(tmp_path)]) == 0
    out = tmp_path / "training" / "corrections.jsonl"
    assert main(["review", "export-training", "--output", str(tmp_path), str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    reference = json.loads(
        (REPO / "data" / "annotations" / "part_a.jsonl").read_text(encoding="utf-8").splitlines()[0]
    )
    for record in records:
        assert tuple(record) == ANNOTATION_KEYS == tuple(reference)
        assert record["municipality"].startswith("Gemeente ")
        assert record["type"] in {"intentie", "proces", "concreet"}
        assert record["smart"] in {"ja", "deels", "nee"}
        assert isinstance(record["smart_s"], bool) and isinstance(record["year"], int)
    by_text = {r["text"]: r for r in records}
    row = next(r for r in records if table_row.agreement.text in r["text"])
    assert row["contributions"] and all(isinstance(v, str) for v in row["contributions"].values())
    edited = next(r for t, r in by_text.items() if plain.agreement.text in t)
    assert (edited["type"], edited["concrete_kind"], edited["theme_code"]) == (
        "concreet",
        "kwalitatief",
        "leefbaarheid",
    )
    assert len({r["id"] for r in records}) == 2


def test_excel_nl_csv(results: list[DocumentResult], tmp_path: Path) -> None:
    first = results[0]
    item = first.agreements[0]
    hostile = item.model_copy(
        update={"agreement": item.agreement.model_copy(update={"text": "=1+1; en meer"})}
    )
    doc = first.model_copy(update={"agreements": [hostile, *first.agreements[1:]]})
    files = write_outputs([doc], tmp_path, ExportSettings(csv_dialect="excel-nl"))
    path = tmp_path / "afspraken_excel-nl.csv"
    assert path in files.excel_nl_csv
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("document_id;source_file;")
    frame = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
    parquet = pd.read_parquet(tmp_path / "afspraken.parquet")
    assert len(frame) == len(parquet)
    assert frame["type_score"].tolist() == pytest.approx(parquet["type_score"].tolist())
    assert "0," in raw.decode("utf-8-sig")  # decimal comma
    assert set(frame["smart_s"]) <= {"ja", "nee"}
    assert frame["text"][0] == "'=1+1; en meer"
    assert (tmp_path / "afspraken.csv").exists()  # the standard CSV is kept
    assert {p.name for p in files.excel_nl_csv} == {
        "afspraken_excel-nl.csv",
        "documenten_excel-nl.csv",
        "samenvatting_excel-nl.csv",
    }


def test_files_asked_for_once_stay_current(results: list[DocumentResult], tmp_path: Path) -> None:
    doc = results[0]
    write_outputs([doc], tmp_path, ExportSettings(csv_dialect="excel-nl"))
    assert main(["report", "--output", str(tmp_path)]) == 0
    fewer = doc.model_copy(update={"agreements": doc.agreements[:5]})
    write_outputs([fewer], tmp_path)  # default settings, as the batch flow calls it
    nl = pd.read_csv(tmp_path / "afspraken_excel-nl.csv", sep=";", encoding="utf-8-sig")
    assert len(nl) == 5
    page = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert page.count('<tr class="agr') == 5


@pytest.mark.parametrize("rows", [300, STREAMED_WORKBOOK_ROWS + 1], ids=["in_memory", "streamed"])
def test_sheet_rows_keep_types_text_as_text_and_each_cell_its_own_style(
    tmp_path: Path, rows: int
) -> None:
    from pipeline.write.workbook import CellStyle, _Book

    book = _Book(tmp_path / "t.xlsx", rows)
    assert book.workbook.constant_memory == (rows > STREAMED_WORKBOOK_ROWS)
    sheet = book.sheet("t")
    bold, italic = sheet.format(CellStyle(bold=True)), sheet.format(CellStyle(italic=True))
    assert sheet.format(CellStyle(bold=True)) is bold and sheet.format(CellStyle()) is None
    for i in range(300):
        sheet.append([(f"r{i}", bold if i % 2 == 0 else italic)])
    percent = sheet.format(CellStyle(number_format="0%", fill="#DCEFD8"))
    values = ["=1+1", "+31 6", 2.5, 7, True, None, "", float("nan"), float("inf"), "a\x01b\r\nc\rd"]
    sheet.append((value, percent) for value in values)
    sheet.append([("x" * 40_000, None)])
    book.close()

    ws = load_workbook(tmp_path / "t.xlsx")["t"]
    cells = [ws.cell(row=i + 1, column=1) for i in range(300)]
    assert [(c.font.b, c.font.i) for c in cells] == [(i % 2 == 0, i % 2 == 1) for i in range(300)]
    row = [ws.cell(row=301, column=j + 1) for j in range(len(values))]
    expected = ["=1+1", "+31 6", 2.5, 7, True, None, None, None, "inf", "ab\nc\nd"]
    assert [c.value for c in row] == expected
    assert [c.data_type for c in row[:5]] == ["s", "s", "n", "n", "b"]
    assert {c.number_format for c in row} == {"0%"}  # empty cells keep their style too
    assert {c.fill.fgColor.rgb[-6:] for c in row} == {"DCEFD8"}
    assert len(ws.cell(row=302, column=1).value) == 32_000


def test_workbook_error_is_raised_as_it_happened(
    results: list[DocumentResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.write.workbook as workbook
    from pipeline.write.tables import agreements_frame, documents_frame

    def broken(sheet: object, afspraken: object) -> None:
        raise RuntimeError("summary failed")

    monkeypatch.setattr(workbook, "_write_summary", broken)
    with pytest.raises(RuntimeError, match="summary failed"):
        workbook.write_workbook(
            agreements_frame(results), documents_frame(results), tmp_path / "a.xlsx"
        )
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]  # closed; the caller drops it


def _sheet_contents(path: Path) -> dict[str, object]:
    """Every cell's value, type and look, and each sheet's layout, as openpyxl reads them."""
    book = load_workbook(path)
    contents: dict[str, object] = {}
    for ws in book.worksheets:
        contents[ws.title] = (
            ws.sheet_state,
            ws.freeze_panes,
            ws.auto_filter.ref,
            [(str(v.sqref), v.formula1, v.allow_blank) for v in ws.data_validations.dataValidation],
            {key: dim.width for key, dim in ws.column_dimensions.items()},
            [
                (
                    c.coordinate,
                    c.value,
                    c.data_type,
                    c.font.b,
                    c.font.i,
                    c.font.sz,
                    c.fill.fgColor.rgb,
                    c.alignment.wrap_text,
                    c.alignment.vertical,
                    c.number_format,
                )
                for row in ws.iter_rows()
                for c in row
            ],
        )
    return contents


def test_a_streamed_workbook_reads_the_same_as_one_built_in_memory(
    results: list[DocumentResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.write.workbook as workbook
    from pipeline.write.tables import documents_frame

    afspraken, documenten = agreements_frame(results), documents_frame(results)
    notes = {str(afspraken["afspraak_id"].iloc[0]): {"hard_case": True, "note": "lastig\r\ngeval"}}
    workbook.write_workbook(afspraken, documenten, tmp_path / "in_memory.xlsx", notes)
    monkeypatch.setattr(workbook, "STREAMED_WORKBOOK_ROWS", len(afspraken) - 1)
    workbook.write_workbook(afspraken, documenten, tmp_path / "streamed.xlsx", notes)
    in_memory = _sheet_contents(tmp_path / "in_memory.xlsx")
    assert in_memory == _sheet_contents(tmp_path / "streamed.xlsx")
    agreements_sheet = in_memory[SHEET_AGREEMENTS]
    assert isinstance(agreements_sheet, tuple)
    rows = {str(cell[0]).lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for cell in agreements_sheet[5]}
    assert len(rows) == len(afspraken) + 1  # the header and one row per agreement
    with zipfile.ZipFile(tmp_path / "in_memory.xlsx") as z:
        assert "xl/sharedStrings.xml" in z.namelist()
    with zipfile.ZipFile(tmp_path / "streamed.xlsx") as z:
        assert "xl/sharedStrings.xml" not in z.namelist()
