"""The DuckDB file of an output folder: tables, comparison views, README queries, atomic write."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import REPO, sample_pdfs

import pipeline.write.tables
from pipeline.models import DocumentResult
from pipeline.process import process_document
from pipeline.write.database import DATABASE_FILE, VIEWS, connect
from pipeline.write.tables import write_outputs


@pytest.fixture(scope="module")
def results() -> list[DocumentResult]:
    return [process_document(p) for p in sample_pdfs()]


@pytest.fixture(scope="module")
def output(results: list[DocumentResult], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("db")
    write_outputs(results, folder)
    return folder


def test_tables_match_the_parquet_files(output: Path) -> None:
    with connect(output) as con:
        for table in ("documenten", "afspraken", "bijdragen"):
            frame = pd.read_parquet(output / f"{table}.parquet")
            assert con.sql(f"SELECT count(*) FROM {table}").fetchall() == [(len(frame),)]
            columns = [c[0] for c in con.sql(f"DESCRIBE {table}").fetchall()]
            assert columns == list(frame.columns), table
        views = {r[0] for r in con.sql("SELECT view_name FROM duckdb_views()").fetchall()}
        assert set(VIEWS) <= views


def test_comparison_views_add_up(output: Path) -> None:
    afspraken = pd.read_parquet(output / "afspraken.parquet")
    with connect(output) as con:
        overview = con.sql("FROM vergelijking ORDER BY municipality").df()
        per_type = con.sql("FROM vergelijking_type").df()
        per_smart = con.sql("FROM vergelijking_smart").df()
        per_theme = con.sql("FROM vergelijking_thema").df()
        per_party = con.sql("FROM vergelijking_partij").df()
    expected = afspraken.groupby("municipality").size().sort_index()
    assert overview["afspraken"].tolist() == expected.tolist()
    sums = overview["intentie"] + overview["proces"] + overview["concreet"]
    assert (sums == overview["afspraken"]).all()
    assert (overview["smart_ja"] + overview["smart_deels"] + overview["smart_nee"] == sums).all()
    for frame in (per_type, per_smart, per_theme):
        shares = frame.groupby("municipality")["pct"].sum()
        assert shares.between(99.5, 100.5).all()
    assert per_type["afspraken"].sum() == len(afspraken)
    wolderwijk = per_party[per_party["municipality"] == "Wolderwijk"]
    assert wolderwijk["party"].str.startswith("Gemeente").any()
    assert (wolderwijk["pct"] <= 100).all()


def _readme_queries() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## DuckDB", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


def test_readme_example_queries_run(output: Path) -> None:
    queries = _readme_queries()
    assert len(queries) == 4
    with connect(output) as con:
        for query in queries:
            rows = con.sql(query).fetchall()
            assert rows, query


def test_failed_write_keeps_the_previous_database(
    results: list[DocumentResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_outputs(results[:1], tmp_path)
    before = (tmp_path / DATABASE_FILE).read_bytes()

    def broken(path: Path, *args: object) -> None:
        duckdb.connect(str(path)).close()
        raise OSError("disk full")

    monkeypatch.setattr(pipeline.write.tables, "write_database", broken)
    with pytest.raises(OSError):
        write_outputs(results, tmp_path)
    assert (tmp_path / DATABASE_FILE).read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".writing-")]


def test_empty_batch_still_gives_a_queryable_database(tmp_path: Path) -> None:
    write_outputs([], tmp_path)
    with connect(tmp_path) as con:
        assert con.sql("SELECT count(*) FROM afspraken").fetchall() == [(0,)]
        assert con.sql("FROM vergelijking").fetchall() == []
