"""The output contract: files, columns, one row per agreement, atomic writes, safe CSV."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from conftest import load_truth, sample_pdfs

from pipeline.models import THEME_CODES, DocumentResult
from pipeline.process import process_document
from pipeline.write.cache import ResultStore, load_result, load_rows, rows_path
from pipeline.write.corrections import output_id
from pipeline.write.display_names import THEME_LABELS
from pipeline.write.summary import summary_frame
from pipeline.write.tables import (
    AGREEMENT_COLUMNS,
    document_rows,
    write_document_rows,
    write_outputs,
)
from pipeline.write.workbook import theme_tables

CONTRACT_COLUMNS = {
    "document_id",
    "source_file",
    "municipality",
    "municipality_code",
    "period_start",
    "period_end",
    "afspraak_id",
    "ordinal",
    "number",
    "heading",
    "theme_code",
    "text",
    "source_kind",
    "page_start",
    "page_end",
    "parties",
    "type",
    "type_score",
    "concrete_kind",
    "smart_s",
    "smart_m",
    "smart_a",
    "smart_r",
    "smart_t",
    "smart",
    "smart_evidence",
    "model_version",
}


@pytest.fixture(scope="module")
def results() -> list[DocumentResult]:
    return [process_document(p) for p in sample_pdfs()]


def test_contract_files_and_columns(results: list[DocumentResult], tmp_path: Path) -> None:
    files = write_outputs(results, tmp_path)
    afspraken = pd.read_parquet(files.afspraken_parquet)
    assert set(afspraken.columns) >= CONTRACT_COLUMNS
    assert list(afspraken.columns) == list(AGREEMENT_COLUMNS)
    expected = sum(len(load_truth(p)["agreements"]) for p in sample_pdfs())  # type: ignore[arg-type]
    assert len(afspraken) == expected
    assert afspraken["afspraak_id"].is_unique
    assert set(afspraken["type"]) <= {"intentie", "proces", "concreet"}
    assert set(afspraken["smart"]) <= {"ja", "deels", "nee"}
    assert len(pd.read_csv(files.afspraken_csv)) == expected
    evidence = json.loads(afspraken["smart_evidence"].iloc[0])
    assert set(evidence) == {"S", "M", "A", "R", "T"}
    documenten = pd.read_csv(files.documenten_csv)
    assert list(documenten["status"]) == ["ok", "ok", "ok"]
    assert list(documenten["agreements"]) == [
        len(load_truth(p)["agreements"])
        for p in sample_pdfs()  # type: ignore[arg-type]
    ]
    bijdragen = pd.read_parquet(files.bijdragen_parquet)
    assert set(bijdragen["afspraak_id"]) <= set(afspraken["afspraak_id"])
    summary = pd.read_csv(files.samenvatting_csv)
    totals = summary[summary["theme_code"] == "totaal"]
    assert list(totals["afspraken"]) == list(documenten["agreements"])
    assert (totals["intentie"] + totals["proces"] + totals["concreet"] == totals["afspraken"]).all()


def test_municipality_and_period_from_title_page(results: list[DocumentResult]) -> None:
    for pdf, result in zip(sample_pdfs(), results, strict=True):
        truth = load_truth(pdf)
        assert result.metadata is not None
        assert result.metadata.municipality == truth["municipality"]
        assert (result.metadata.period_start, result.metadata.period_end) == (
            truth["period_start"],
            truth["period_end"],
        )
        assert result.metadata.parties[0] == f"Gemeente {truth['municipality']}"


def test_afspraak_id_is_stable_for_same_content(results: list[DocumentResult]) -> None:
    again = process_document(sample_pdfs()[0])
    assert [a.afspraak_id for a in again.agreements] == [
        a.afspraak_id for a in results[0].agreements
    ]


def test_failed_write_leaves_previous_outputs(
    results: list[DocumentResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_outputs(results[:1], tmp_path)
    before = (tmp_path / "afspraken.csv").read_bytes()

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken)
    with pytest.raises(OSError):
        write_outputs(results, tmp_path)
    assert (tmp_path / "afspraken.csv").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".writing-")]


def test_csv_cells_never_run_as_formulas(results: list[DocumentResult], tmp_path: Path) -> None:
    first = results[0]
    item = first.agreements[0]
    hostile = item.model_copy(
        update={"agreement": item.agreement.model_copy(update={"text": '=HYPERLINK("x")'})}
    )
    doc = first.model_copy(update={"agreements": [hostile]})
    write_outputs([doc], tmp_path)
    raw = (tmp_path / "afspraken.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in raw
    assert pd.read_parquet(tmp_path / "afspraken.parquet")["text"][0] == '=HYPERLINK("x")'


def test_target_table_numbers_become_doelen(tmp_path: Path) -> None:
    zuiderhaven = next(p for p in sample_pdfs() if "zuiderhaven" in p.name)
    result = process_document(zuiderhaven)
    files = write_outputs([result], tmp_path)
    assert files.doelen_parquet is not None
    doelen = pd.read_parquet(files.doelen_parquet)
    truth_rows = [
        a
        for a in load_truth(zuiderhaven)["agreements"]  # type: ignore[attr-defined]
        if a["source_kind"] == "table_row"
    ]
    expected = sum(1 for a in truth_rows for v in a["contributions"].values() if v)
    assert len(doelen) == expected
    assert set(doelen["year"].dropna()) == {2025, 2026, 2027}
    first = truth_rows[0]
    year, raw = next((k, v) for k, v in first["contributions"].items() if v)
    row = doelen[(doelen["indicator"] == first["text"]) & (doelen["year"] == int(year))].iloc[0]
    assert row["raw"] == raw
    afspraken = pd.read_parquet(files.afspraken_parquet)
    assert set(doelen["afspraak_id"]) <= set(afspraken["afspraak_id"])


def _labelled(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """A minimal agreements table: (document, theme, type, verdict) per agreement."""
    return pd.DataFrame(
        [
            {
                "document_id": doc,
                "source_file": f"{doc}.pdf",
                "municipality": "Gemeente " + doc.upper(),
                "theme_code": theme,
                "type": kind,
                "smart": verdict,
            }
            for doc, theme, kind, verdict in rows
        ]
    )


def test_summary_counts_types_and_verdicts_per_document_and_theme() -> None:
    afspraken = _labelled(
        [
            ("b", "nieuwbouw", "concreet", "ja"),
            ("a", "nieuwbouw", "proces", "deels"),
            ("a", "betaalbaarheid", "intentie", "nee"),
            ("a", "nieuwbouw", "concreet", "ja"),
            ("b", "duurzaamheid", "intentie", "nee"),
            ("b", "nieuwbouw", "concreet", "deels"),
        ]
    )
    summary = summary_frame(afspraken, pd.DataFrame())
    keys = list(zip(summary["document_id"], summary["theme_code"], strict=True))
    assert keys == [  # documents in order of appearance, their themes sorted, then the total
        ("b", "duurzaamheid"),
        ("b", "nieuwbouw"),
        ("b", "totaal"),
        ("a", "betaalbaarheid"),
        ("a", "nieuwbouw"),
        ("a", "totaal"),
    ]
    a_new = summary.iloc[4]
    assert (a_new["afspraken"], a_new["intentie"], a_new["proces"], a_new["concreet"]) == (
        2,
        0,
        1,
        1,
    )
    assert (a_new["ja"], a_new["deels"], a_new["nee"]) == (1, 1, 0)
    assert (a_new["pct_proces"], a_new["pct_smart_ja"]) == (50.0, 50.0)
    b_total = summary.iloc[2]
    assert (b_total["afspraken"], b_total["concreet"], b_total["pct_concreet"]) == (3, 2, 66.7)
    assert b_total["municipality"] == "Gemeente B" and b_total["source_file"] == "b.pdf"
    assert summary_frame(afspraken.iloc[0:0], pd.DataFrame()).empty


def test_workbook_theme_tables_count_every_theme_and_the_total() -> None:
    group = _labelled(
        [
            ("a", "nieuwbouw", "proces", "deels"),
            ("a", "nieuwbouw", "concreet", "ja"),
            ("a", "overig", "intentie", "nee"),
        ]
    )
    by_type, by_smart = theme_tables(group)
    assert [row[0] for row in by_type] == [*(THEME_LABELS[t] for t in THEME_CODES), "Totaal"]
    assert by_type[THEME_CODES.index("nieuwbouw")] == ["Nieuwbouw", 0, 1, 1, 2, 0.0, 0.5, 0.5]
    assert by_type[THEME_CODES.index("armoede")] == [
        "Armoede en woonlasten",
        0,
        0,
        0,
        0,
        None,
        None,
        None,
    ]
    assert by_smart[-1] == ["Totaal", 1, 1, 1, 3, 1 / 3, 1 / 3, 1 / 3]


def test_write_freezes_older_objects_only_while_it_runs(
    results: list[DocumentResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    import pipeline.write.tables as export

    seen: list[int] = []
    original = export._write_staged

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.get_freeze_count())
        return original(*args, **kwargs)

    monkeypatch.setattr(export, "_write_staged", recording)
    assert gc.get_freeze_count() == 0
    write_outputs(results, tmp_path / "a")
    assert seen[0] > 1000 and gc.get_freeze_count() == 0
    gc.freeze()  # a process that froze its own objects (a worker) keeps them frozen
    try:
        frozen = gc.get_freeze_count()
        write_outputs(results, tmp_path / "b")
        # not frozen again (the count would grow) nor unfrozen (it would drop to 0); objects
        # freed by reference counting leave the frozen set, so it may shrink a little
        assert frozen / 2 < seen[1] <= frozen
        assert frozen / 2 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


def _parts(workbook: Path) -> dict[str, bytes]:
    """A workbook's parts, without the one that holds its creation time, and without the id
    and path of the output folder it was written in."""
    folder = workbook.parent
    own = (output_id(folder).encode(), str(folder.resolve()).encode())
    with zipfile.ZipFile(workbook) as z:
        parts = {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}
    return {n: part.replace(own[0], b"").replace(own[1], b"") for n, part in parts.items()}


def test_rows_stored_beside_each_result_write_the_same_files_as_the_results(
    results: list[DocumentResult], tmp_path: Path
) -> None:
    store = ResultStore(tmp_path / "state")
    outcomes = [store.save(r, key=f"k{i}-x") for i, r in enumerate(results)]
    assert all(rows_path(Path(o.result_file)).is_file() for o in outcomes)
    from_rows = write_document_rows((load_rows(o) for o in outcomes), tmp_path / "rows")
    from_results = write_outputs(results, tmp_path / "results")
    tables = ("afspraken", "bijdragen", "documenten", "doelen")
    for table in tables:
        a = pd.read_parquet(tmp_path / "rows" / f"{table}.parquet")
        b = pd.read_parquet(tmp_path / "results" / f"{table}.parquet")
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert len(pd.read_parquet(from_rows.afspraken_parquet)) == sum(
        len(r.agreements) for r in results
    )
    for name in ("afspraken.csv", "documenten.csv", "samenvatting.csv"):
        assert (tmp_path / "rows" / name).read_bytes() == (tmp_path / "results" / name).read_bytes()
    assert from_rows.afspraken_xlsx and from_results.afspraken_xlsx
    assert _parts(from_rows.afspraken_xlsx) == _parts(from_results.afspraken_xlsx)
    assert from_rows.database and from_results.database
    for table in tables[:3]:
        with duckdb.connect(str(from_rows.database), read_only=True) as con:
            a = con.execute(f"SELECT * FROM {table}").df()
        with duckdb.connect(str(from_results.database), read_only=True) as con:
            b = con.execute(f"SELECT * FROM {table}").df()
        pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_stored_rows_follow_a_renamed_file_and_give_way_to_the_result_when_unusable(
    results: list[DocumentResult], tmp_path: Path
) -> None:
    store = ResultStore(tmp_path)
    saved = store.save(results[0], key="k0-x")
    renamed = saved.model_copy(update={"source_file": "elders/hernoemd.pdf"})
    expected = document_rows(load_result(renamed))
    rows = load_rows(renamed)
    assert rows == expected
    assert {r["source_file"] for r in (*rows.afspraken, *rows.documenten)} == {
        "elders/hernoemd.pdf"
    }
    assert len(rows.afspraken) == len(results[0].agreements) > 0
    stored = rows_path(Path(saved.result_file))
    original = json.loads(stored.read_text(encoding="utf-8"))
    for unusable in (
        json.dumps({**original, "format": "other code", "afspraken": []}),  # an older version
        "{not json",
        json.dumps({"format": original["format"]}),  # tables missing
        json.dumps([1, 2]),
    ):
        stored.write_text(unusable, encoding="utf-8")
        assert load_rows(renamed) == expected
    stored.unlink()  # stored by a version that kept no rows
    assert load_rows(renamed) == expected
