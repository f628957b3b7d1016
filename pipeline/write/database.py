"""The DuckDB database of an output folder: the three tables plus comparison views.

In: the `documenten`, `afspraken` (corrections applied) and `bijdragen` frames of
pipeline.write.tables.
Out: `prestatieafspraken.duckdb` with those tables and views that compare municipalities per
period (docs/domain.md §6: the same measures for many municipalities and years side by side), and
one that follows each municipality over its periods (`ontwikkeling`). The
caller builds the file in its staging folder and renames it into place, so a reader never sees
a half-built database.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.models import AGREEMENT_TYPES, SMART_VERDICTS

DATABASE_FILE = "prestatieafspraken.duckdb"

_GROUP = "municipality_code, municipality, period_start, period_end"
_SEP = ",\n               "


def _counts(column: str, values: Sequence[str], prefix: str = "") -> str:
    """One count column per value: `count(*) FILTER (type = 'proces') AS proces`."""
    return _SEP.join(f"count(*) FILTER ({column} = '{v}') AS {prefix}{v}" for v in values)


def _shares(column: str, values: Sequence[str], prefix: str = "") -> str:
    """One column per value with its share of the group's agreements (`pct_<prefix><value>`)."""
    return _SEP.join(
        f"round(100.0 * count(*) FILTER ({column} = '{v}') / count(*), 1) AS pct_{prefix}{v}"
        for v in values
    )


_TYPE_COLUMNS = ", ".join(AGREEMENT_TYPES)
_TYPE_SHARES = ", ".join(f"pct_{t}" for t in AGREEMENT_TYPES)
_TYPE_CHANGES = _SEP.join(
    f"round(pct_{t} - lag(pct_{t}) OVER tijd, 1) AS verschil_pct_{t}" for t in AGREEMENT_TYPES
)

VIEWS: dict[str, str] = {
    # One row per municipality and period: totals, and counts and shares per type and verdict.
    "vergelijking": f"""
        SELECT {_GROUP},
               count(DISTINCT document_id) AS documenten,
               count(*) AS afspraken,
               {_counts("type", AGREEMENT_TYPES)},
               {_shares("type", AGREEMENT_TYPES)},
               {_counts("smart", SMART_VERDICTS, "smart_")},
               {_shares("smart", SMART_VERDICTS, "smart_")},
               count(*) FILTER (label_source = 'human') AS gecorrigeerd
        FROM afspraken
        GROUP BY {_GROUP}
    """,
    # Long form, per type: count and share of the municipality's agreements in that period.
    "vergelijking_type": f"""
        SELECT {_GROUP}, type, count(*) AS afspraken,
               round(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY {_GROUP}), 1) AS pct
        FROM afspraken
        GROUP BY {_GROUP}, type
    """,
    "vergelijking_smart": f"""
        SELECT {_GROUP}, smart, count(*) AS afspraken,
               round(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY {_GROUP}), 1) AS pct
        FROM afspraken
        GROUP BY {_GROUP}, smart
    """,
    # Per theme: its share of all agreements, and the type mix and SMART share within it.
    "vergelijking_thema": f"""
        SELECT {_GROUP}, theme_code, count(*) AS afspraken,
               round(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY {_GROUP}), 1) AS pct,
               {_counts("type", AGREEMENT_TYPES)},
               count(*) FILTER (smart = 'ja') AS smart_ja,
               round(100.0 * count(*) FILTER (smart = 'ja') / count(*), 1) AS pct_smart_ja
        FROM afspraken
        GROUP BY {_GROUP}, theme_code
    """,
    # Per committing party: in how many (and what share) of the agreements it commits.
    "vergelijking_partij": f"""
        WITH per_partij AS (
            SELECT {_GROUP}, afspraak_id, type, smart,
                   unnest(string_split(parties, '; ')) AS party
            FROM afspraken
            WHERE parties <> ''
        ), totaal AS (
            SELECT {_GROUP}, count(*) AS alle_afspraken FROM afspraken GROUP BY {_GROUP}
        )
        SELECT p.municipality_code, p.municipality, p.period_start, p.period_end, p.party,
               count(*) AS afspraken,
               round(100.0 * count(*) / any_value(t.alle_afspraken), 1) AS pct,
               {_counts("p.type", AGREEMENT_TYPES)},
               count(*) FILTER (p.smart = 'ja') AS smart_ja
        FROM per_partij p
        JOIN totaal t
          ON t.municipality IS NOT DISTINCT FROM p.municipality
         AND t.municipality_code IS NOT DISTINCT FROM p.municipality_code
         AND t.period_start IS NOT DISTINCT FROM p.period_start
         AND t.period_end IS NOT DISTINCT FROM p.period_end
        GROUP BY p.municipality_code, p.municipality, p.period_start, p.period_end, p.party
    """,
    # Change over time (docs/domain.md §6): each municipality's periods in order, with the change
    # since its previous period. A municipality is its CBS code, or its name without one;
    # agreements without a municipality or a period cannot be placed in time and are left out.
    "ontwikkeling": f"""
        WITH periodes AS (
            SELECT *, coalesce(nullif(municipality_code, ''), municipality) AS gemeente
            FROM vergelijking
            WHERE period_start IS NOT NULL
              AND coalesce(nullif(municipality_code, ''), municipality, '') <> ''
        )
        SELECT {_GROUP},
               row_number() OVER tijd AS periode,
               count(*) OVER (PARTITION BY gemeente) AS periodes,
               documenten, afspraken, {_TYPE_COLUMNS},
               {_TYPE_SHARES}, smart_ja, pct_smart_ja,
               lag(period_start) OVER tijd AS vorige_period_start,
               lag(period_end) OVER tijd AS vorige_period_end,
               afspraken - lag(afspraken) OVER tijd AS verschil_afspraken,
               {_TYPE_CHANGES},
               round(pct_smart_ja - lag(pct_smart_ja) OVER tijd, 1) AS verschil_pct_smart_ja
        FROM periodes
        WINDOW tijd AS (PARTITION BY gemeente ORDER BY period_start, period_end)
    """,
}


def write_database(
    path: Path, documenten: pd.DataFrame, afspraken: pd.DataFrame, bijdragen: pd.DataFrame
) -> None:
    """Create the database file at path (which must not exist) with tables and views."""
    con = duckdb.connect(str(path))
    try:
        for name, frame in (
            ("documenten", documenten),
            ("afspraken", afspraken),
            ("bijdragen", bijdragen),
        ):
            con.register("_frame", _storable(frame))
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM _frame")
            con.unregister("_frame")
        for name, sql in VIEWS.items():
            con.execute(f"CREATE VIEW {name} AS {sql}")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _storable(frame: pd.DataFrame) -> pd.DataFrame:
    """Plain object columns for text so DuckDB types them VARCHAR even when a frame is empty."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].astype(object)
    return out


def connect(output_dir: Path) -> duckdb.DuckDBPyConnection:
    """Open an output folder's database read-only."""
    return duckdb.connect(str(output_dir / DATABASE_FILE), read_only=True)
