"""README's reference parts (Usage block, column table, DuckDB views) match what the code does."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO

from flows.cli import build_parser
from pipeline.write.database import VIEWS, write_database
from pipeline.write.tables import AGREEMENT_COLUMNS, DOCUMENT_COLUMNS

README = (REPO / "README.md").read_text(encoding="utf-8")
KEY_COLUMNS = {"municipality_code", "municipality", "period_start", "period_end"}


def _section(title: str) -> str:
    """The text of one `## title` section (up to the next heading of level two)."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M)
    assert match is not None, title
    return match.group(1)


def test_usage_block_names_every_option_of_run() -> None:
    usage = _section("Usage").split("```")[1]
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    options = [
        max(action.option_strings, key=len)
        for action in commands["run"]._actions
        if action.option_strings and action.dest != "help"
    ]
    assert "--csv-dialect" in options
    assert [o for o in options if o not in usage] == []
    assert "--version" in usage


def test_column_table_lists_every_column_of_afspraken() -> None:
    outputs = _section("Outputs")
    table = outputs.split("`afspraken.parquet` / `afspraken.csv`")[1].split("\n\n")[1]
    listed = set(re.findall(r"^\| ([^|]+) \|", table, re.M))
    named = {name for cell in listed for name in re.findall(r"`([a-z_]+)`", cell)}
    named |= {f"smart_{x}" for x in "smart"}  # `smart_s` ... `smart_t`
    assert [c for c in AGREEMENT_COLUMNS if c not in named] == []


def test_documenten_columns_are_named() -> None:
    outputs = _section("Outputs")
    text = outputs.split("`documenten.parquet` / `documenten.csv`")[1].split("\n\n")[0]
    named = set(re.findall(r"`([a-z_0-9]+)`", text))
    assert {"status", "error", "warning", "pages", "agreements"} <= named
    assert {"status", "error", "warning"} <= set(DOCUMENT_COLUMNS)


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_view_table_names_the_columns_of_each_view(view: str, tmp_path: Path) -> None:
    row = re.search(rf"^\| `{view}` \|[^|]*\|([^\n]*)\|$", _section("DuckDB"), re.M)
    assert row is not None, view
    named = set(re.findall(r"`([a-z_]+)`", row.group(1)))
    empty = {
        name: pd.DataFrame(columns=list(columns))
        for name, columns in (
            ("documenten", DOCUMENT_COLUMNS),
            ("afspraken", AGREEMENT_COLUMNS),
            ("bijdragen", ("document_id", "afspraak_id", "party", "text", "type")),
        )
    }
    database = tmp_path / "db.duckdb"
    write_database(database, empty["documenten"], empty["afspraken"], empty["bijdragen"])
    import duckdb

    with duckdb.connect(str(database), read_only=True) as con:
        columns = [r[0] for r in con.sql(f"DESCRIBE {view}").fetchall()]
    assert [c for c in columns if c not in KEY_COLUMNS and c not in named] == []
