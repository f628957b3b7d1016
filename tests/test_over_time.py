"""Change over time: the same municipality in several periods side by side, in the DuckDB view
`ontwikkeling` and in the report's section "Ontwikkeling in de tijd"."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from pipeline.process import process_document
from pipeline.write.database import connect, write_database
from pipeline.write.report import build_report
from pipeline.write.tables import AGREEMENT_COLUMNS, DOCUMENT_COLUMNS, write_outputs
from samples import build_sample_pdf

# (document, municipality, code, period, type, smart, theme) of each agreement
ROWS: list[tuple[str, str, str, tuple[int, int] | None, str, str, str]] = [
    ("d1", "Meetveen", "", (2019, 2022), "intentie", "nee", "duurzaamheid"),
    ("d1", "Meetveen", "", (2019, 2022), "intentie", "deels", "duurzaamheid"),
    ("d1", "Meetveen", "", (2019, 2022), "proces", "deels", "samenwerking"),
    ("d1", "Meetveen", "", (2019, 2022), "concreet", "ja", "nieuwbouw"),
    ("d2", "Meetveen", "", (2023, 2026), "intentie", "nee", "duurzaamheid"),
    ("d2", "Meetveen", "", (2023, 2026), "proces", "deels", "samenwerking"),
    ("d2", "Meetveen", "", (2023, 2026), "concreet", "ja", "duurzaamheid"),
    ("d3", "Meetveen", "", (2023, 2026), "concreet", "ja", "nieuwbouw"),
    ("d3", "Meetveen", "", (2023, 2026), "concreet", "ja", "nieuwbouw"),
    ("d4", "Utrecht", "GM0344", (2022, 2025), "concreet", "deels", "nieuwbouw"),
    ("d4", "Utrecht", "GM0344", (2022, 2025), "proces", "nee", "samenwerking"),
    ("d5", "Meetveen", "", None, "concreet", "ja", "nieuwbouw"),
]


def _afspraken() -> pd.DataFrame:
    records: list[dict[str, Any]] = []
    for i, (doc, name, code, period, kind, verdict, theme) in enumerate(ROWS):
        record: dict[str, Any] = dict.fromkeys(AGREEMENT_COLUMNS, "")
        record.update(
            document_id=doc,
            source_file=f"{doc}.pdf",
            municipality=name,
            municipality_code=code,
            period_start=period[0] if period else None,
            period_end=period[1] if period else None,
            afspraak_id=f"{doc}-{i:04d}",
            ordinal=i + 1,
            text=f"Afspraak {i}",
            type=kind,
            type_score=0.9,
            needs_review=False,
            smart=verdict,
            smart_evidence="{}",
            type_evidence="[]",
            theme_code=theme,
            label_source="model",
            ocr=False,
            ocr_confidence=None,
            **{f"smart_{x}": verdict == "ja" for x in "smart"},
        )
        records.append(record)
    frame = pd.DataFrame(records, columns=list(AGREEMENT_COLUMNS))
    return frame.astype({"period_start": "Int64", "period_end": "Int64"})


def _documenten(afspraken: pd.DataFrame) -> pd.DataFrame:
    firsts = afspraken.drop_duplicates("document_id")
    frame = pd.DataFrame(
        [
            dict.fromkeys(DOCUMENT_COLUMNS, "")
            | {k: r[k] for k in ("document_id", "source_file", "municipality")}
            | {"status": "ok", "pages": 3, "agreements": 1}
            | {"period_start": None, "period_end": None}
            for r in firsts.to_dict("records")
        ],
        columns=list(DOCUMENT_COLUMNS),
    )
    return frame


def test_view_places_each_municipality_s_periods_side_by_side(tmp_path: Path) -> None:
    afspraken = _afspraken()
    write_database(
        tmp_path / "db.duckdb", _documenten(afspraken), afspraken, pd.DataFrame({"party": []})
    )
    with duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        rows = con.sql(
            "SELECT municipality, municipality_code, period_start, period_end, periode, periodes,"
            " documenten, afspraken, concreet, pct_concreet, smart_ja, pct_smart_ja,"
            " vorige_period_start, vorige_period_end, verschil_afspraken,"
            " verschil_pct_intentie, verschil_pct_proces, verschil_pct_concreet,"
            " verschil_pct_smart_ja"
            " FROM ontwikkeling ORDER BY municipality, periode"
        ).fetchall()
    first = (None,) * 7  # no previous period, no change
    second = (2019, 2022, 1, -30.0, -5.0, 35.0, 35.0)  # previous period, changes since
    assert rows == [
        ("Meetveen", "", 2019, 2022, 1, 2, 1, 4, 1, 25.0, 1, 25.0, *first),
        ("Meetveen", "", 2023, 2026, 2, 2, 2, 5, 3, 60.0, 3, 60.0, *second),
        ("Utrecht", "GM0344", 2022, 2025, 1, 1, 1, 2, 1, 50.0, 0, 0.0, *first),
    ]


def test_report_shows_each_municipality_s_periods_side_by_side() -> None:
    afspraken = _afspraken()
    page = build_report(afspraken, _documenten(afspraken))
    section = re.search(r'<section id="ontwikkeling">.*?</section>', page)
    assert section is not None
    html = section.group(0)
    assert re.findall(r"<h3>(.*?)</h3>", html) == ["Meetveen"]
    head = re.search(r"<thead>(.*?)</thead>", html)
    assert head is not None
    assert re.findall(r"<th>(.*?)</th>", head.group(1)) == [
        "Maatstaf",
        "2019-2022",
        "2023-2026",
        "Verschil",
    ]
    cells = {
        label: re.findall(r'<td class="num">(.*?)</td>', rest)
        for label, rest in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', html)
    }
    assert cells["Documenten"] == ["1", "2", "+1"]
    assert cells["Afspraken"] == ["4", "5", "+1"]
    assert cells["Intentie"] == ["2 (50%)", "1 (20%)", "-30.0 pp"]
    assert cells["Concreet"] == ["1 (25%)", "3 (60%)", "+35.0 pp"]
    assert cells["SMART"] == ["1 (25%)", "3 (60%)", "+35.0 pp"]
    assert cells["Thema nieuwbouw"] == ["1", "2", "+1"]
    assert "Thema wonen en zorg" not in cells
    assert "Met één periode: Utrecht (2022-2025)." in html
    assert '<a href="#ontwikkeling">' in page


def test_report_without_a_municipality_in_several_periods() -> None:
    afspraken = _afspraken()
    afspraken = afspraken[afspraken["document_id"].isin(["d1", "d4"])]
    page = build_report(afspraken, _documenten(afspraken))
    assert "Geen gemeente met afspraken uit meer dan één periode." in page
    assert "Met één periode: Meetveen (2019-2022), Utrecht (2022-2025)." in page


@pytest.mark.model
def test_two_documents_of_one_municipality_from_pdf_to_view(tmp_path: Path) -> None:
    for layout in ("bullets", "numbered"):
        build_sample_pdf(layout, tmp_path / f"{layout}.pdf", municipality="Meetveen", seed=3)
    results = [process_document(tmp_path / f"{x}.pdf") for x in ("bullets", "numbered")]
    assert [r.status for r in results] == ["ok", "ok"]
    write_outputs(results, tmp_path / "out")
    with connect(tmp_path / "out") as con:
        rows = con.sql(
            "SELECT municipality, period_start, period_end, periode, periodes, afspraken,"
            " verschil_afspraken FROM ontwikkeling ORDER BY periode"
        ).fetchall()
    counts = [len(r.agreements) for r in results]
    assert rows == [
        ("Meetveen", 2024, 2027, 1, 2, counts[0], None),
        ("Meetveen", 2025, 2027, 2, 2, counts[1], counts[1] - counts[0]),
    ]
