"""The HTML comparison report: content, escaping, self-containment, and rendering in Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import sample_pdfs

from flows.cli import main
from pipeline.models import DocumentResult
from pipeline.process import process_document
from pipeline.write.report import REPORT_FILE, build_report, highlight
from pipeline.write.tables import write_outputs

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder of the samples, one agreement's text and heading made hostile."""
    results: list[DocumentResult] = [process_document(p) for p in sample_pdfs()]
    first = results[0]
    item = first.agreements[0]
    hostile = item.model_copy(
        update={
            "agreement": item.agreement.model_copy(
                update={"text": item.agreement.text + " " + HOSTILE, "heading_path": [HOSTILE]}
            )
        }
    )
    results[0] = first.model_copy(update={"agreements": [hostile, *first.agreements[1:]]})
    folder = tmp_path_factory.mktemp("report")
    write_outputs(results, folder)
    assert main(["report", "--output", str(folder)]) == 0
    return folder


def test_report_is_self_contained_and_escaped(output: Path) -> None:
    page = (output / REPORT_FILE).read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert html_escape(HOSTILE) in page
    tags = re.findall(r"<[a-zA-Z][^>]*>", page)
    assert not [t for t in tags if re.search(r"\s(src|href)=\"?(https?:|//)", t)]
    assert not [t for t in tags if t.startswith(("<link", "<iframe", "<object", "<embed"))]
    assert not [t for t in tags if " src=" in t]
    assert "@import" not in page and "url(" not in page
    assert page.count("<script>") == 2  # the error hook and the filters, both inline
    afspraken = pd.read_parquet(output / "afspraken.parquet")
    assert page.count('<tr class="agr') == len(afspraken)
    assert 'id="overview-table"' in page and "Nationale prestatieafspraken 2022" in page
    assert "Rijksprioriteiten 2016-2019" in page
    assert page.count('<section class="document"') == afspraken["document_id"].nunique()


def html_escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def test_highlight_marks_overlapping_spans_and_finds_shifted_ones() -> None:
    text = "De corporatie bouwt in 2025 waar mogelijk 40 woningen."
    evidence = {
        "S": [{"text": "De corporatie", "start": 0, "end": 13, "cue": "PARTY"}],
        "M": [{"text": "40 woningen", "start": 42, "end": 53, "cue": "QUANTITY"}],
        "T": [{"text": "in 2025", "start": 20, "end": 27, "cue": "TIME"}],
        "A": [
            {"text": "waar mogelijk", "start": 0, "end": 13, "cue": "HEDGE", "supports": False},
            {"text": "bouwt in", "start": 14, "end": 22, "cue": "ACTION"},
        ],
        "R": [{"text": "niet in de tekst", "start": 3, "end": 9, "cue": "X"}],
    }
    out = highlight(text, evidence)
    assert re.sub(r"<sup>.*?</sup>|<[^>]+>", "", out) == text
    assert '<mark class="ev ev-S"' in out
    assert "ev-neg" in out and "A✗" in out  # the hedge was found by its text
    assert '<b class="l-T">T</b>' in out and '<b class="l-M">M</b>' in out
    assert "niet in de tekst" not in out
    assert highlight("<b>", {}) == "&lt;b&gt;"


def test_report_without_agreements() -> None:
    documenten = pd.DataFrame(
        [{"document_id": "d1", "source_file": "x.pdf", "status": "failed", "error": "<kapot>"}]
    )
    page = build_report(pd.DataFrame(columns=["document_id", "model_version"]), documenten)
    assert "Niet verwerkt: &lt;kapot&gt;" in page


def _chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--enable-logging=stderr",
        "--v=0",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_report_renders_in_headless_chromium(output: Path, tmp_path: Path) -> None:
    url = (output / REPORT_FILE).resolve().as_uri()
    afspraken = pd.read_parquet(output / "afspraken.parquet")
    done = _chromium(["--dump-dom", url], tmp_path / "profile")
    dom = done.stdout
    assert done.returncode == 0, done.stderr[-2000:]
    assert 'data-js-ready="1"' in dom, "the filter script did not finish"
    assert 'data-js-error="' not in dom, "a script error was caught by window.onerror"
    assert "Uncaught" not in done.stderr, done.stderr[-2000:]
    assert len(re.findall(r'<tr class="agr[^"]*"[^>]*>', dom)) == len(afspraken)
    assert 'id="overview-table"' in dom
    overview = dom.split('id="overview-table"', 1)[1].split("</table>", 1)[0]
    assert overview.count('<tr class="area"') == afspraken["municipality"].nunique()
    for count in re.findall(r'<output class="count">([^<]*)</output>', dom):
        shown, _, total = count.split()[:3]
        assert shown == total  # nothing filtered without a preset

    # A preset filter in the address hides the other rows.
    filtered = _chromium(["--dump-dom", url + "?type=proces"], tmp_path / "profile")
    visible = re.findall(r'<tr class="agr[^"]*"(?![^>]*hidden)[^>]*>', filtered.stdout)
    assert len(visible) == int((afspraken["type"] == "proces").sum())
    assert all('data-type="proces"' in row for row in visible)

    shot = tmp_path / "report.png"
    _chromium(
        ["--window-size=1280,2000", "--hide-scrollbars", f"--screenshot={shot}", url],
        tmp_path / "profile",
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 50_000  # a blank page is a few kB


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_error_hook_reveals_script_errors_in_the_dom(tmp_path: Path) -> None:
    from pipeline.write.report_assets import ERROR_HOOK

    page = tmp_path / "broken.html"
    page.write_text(
        f"<!DOCTYPE html><html><head><script>{ERROR_HOOK}</script></head><body>"
        '<div id="js-error" hidden></div><script>undefinedFunction();</script></body></html>',
        encoding="utf-8",
    )
    dom = _chromium(["--dump-dom", page.resolve().as_uri()], tmp_path / "profile").stdout
    assert 'data-js-error="' in dom


def test_corrected_row_shows_the_reviewer_s_label_not_the_model_s_score(output: Path) -> None:
    afspraken = pd.read_parquet(output / "afspraken.parquet")
    documenten = pd.read_parquet(output / "documenten.parquet")
    afspraken["type_score"] = 0.4242
    corrected = afspraken["afspraak_id"].iloc[1]
    new_type = "proces" if afspraken["type"].iloc[1] != "proces" else "intentie"
    afspraken.loc[1, ["type", "label_source", "needs_review"]] = [new_type, "human", False]
    page = build_report(afspraken, documenten)
    rows = re.findall(r'<tr class="agr[^"]*" id="a-([0-9a-f-]+)".*?</tr>', page)
    assert len(rows) == len(afspraken)
    row = re.search(rf'<tr class="agr" id="a-{corrected}".*?</tr>', page)
    assert row is not None
    assert f'<span class="type t-{new_type}">{new_type}</span>' in row.group(0)
    assert "label van de beoordelaar" in row.group(0)
    assert "score" not in row.group(0)
    assert page.count("score 0.42") == len(afspraken) - 1
