"""The benchmark harness runs on a tiny input and writes a well-formed report; no timing checks."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from benchmarks.report import render
from benchmarks.run import QUICK, run_benchmarks
from benchmarks.stats import Stat, ratio


def _tables(markdown: str) -> list[list[str]]:
    """The Markdown tables of a report, each as its lines."""
    tables: list[list[str]] = []
    current: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return [*tables, current] if current else tables


def _assert_well_formed(markdown: str) -> None:
    assert markdown.startswith("# Benchmarks\n")
    for section in ("## Machine", "## Targets", "## Memory", "## How it was measured"):
        assert section in markdown
    assert not re.search(r"\bnan\b|\binf\b|None", markdown)
    for table in _tables(markdown):
        columns = table[0].count("|")
        assert re.fullmatch(r"\|(---\|)+", table[1]), table[:2]
        assert all(row.count("|") == columns for row in table), table


def test_quick_run_writes_report_and_results(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARKS.md"
    results = run_benchmarks(QUICK, tmp_path / "cache", report)
    markdown = report.read_text(encoding="utf-8")
    _assert_well_formed(markdown)
    assert "## Floors and stages" in markdown
    assert "## Where the read stage spends its time" in markdown
    stored = json.loads((tmp_path / "cache" / "results.json").read_text(encoding="utf-8"))
    assert stored["documents"] == results["documents"]
    (doc,) = results["documents"]
    for name in ("pdfium", "pdfplumber", "read", "metadata", "segment", "classify", "smart"):
        assert len(doc["seconds"][name]) == QUICK.runs
        assert all(seconds >= 0 for seconds in doc["seconds"][name])
    assert doc["agreements"] > 0 and doc["worker_peak_rss_mb"] > 0
    assert results["language"]["words"] > 0


def _cli_run(seconds: float, worker_mb: float = 250.0) -> dict[str, Any]:
    return {
        "seconds": seconds,
        "exit_code": 0,
        "peak_tree_mb": 900.0,
        "peak_flow_mb": 400.0,
        "peak_worker_mb": worker_mb,
        "workers_seen": 2,
        "worker_first_third_mb": worker_mb,
        "worker_last_third_mb": worker_mb,
    }


def _batch(size: int, cold: float, warm: float, one_worker: float) -> dict[str, Any]:
    return {
        "documents": size,
        "pages": 10 * size,
        "agreements": 30 * size,
        "cold": [_cli_run(cold), _cli_run(cold + 1)],
        "warm": [_cli_run(warm), _cli_run(warm)],
        "cold_1_worker": [_cli_run(one_worker), _cli_run(one_worker + 1)] if size == 10 else [],
        "pdfplumber": [10.0, 10.0] if size <= 10 else [],
        "pdfium": [0.1, 0.1] if size <= 10 else [],
    }


def _results_of_batches(ten: dict[str, Any]) -> dict[str, Any]:
    """Recorded results with the one-document batch and this ten-document batch only."""
    return {
        "machine": MACHINE,
        "plan": {**QUICK.__dict__, "sizes": [], "batches": [1, 10], "cli": True},
        "minutes": 1.0,
        "documents": [],
        "cli": {"batches": {"1": _batch(1, cold=25.0, warm=20.0, one_worker=0), "10": ten}},
    }


def _document(pages: int, seconds: float) -> dict[str, Any]:
    names = ("pdfium", "pdfplumber", "read", "metadata", "segment", "classify", "smart")
    timings = {name: [seconds, seconds * 1.1] for name in names}
    timings |= {"write": [0.5, 0.6], "process_document": [seconds * 5, seconds * 5.2]}
    return {
        "layout": "actor_table",
        "target_pages": pages,
        "pages": pages,
        "agreements": 10 * pages,
        "chars": 2000 * pages,
        "seconds": timings,
        "worker_peak_rss_mb": 300.0,
        "peak_rss_mb": 350.0,
        "model_version": "rules-0.1.0",
    }


MACHINE = {
    "date": "2026-01-01 00:00 UTC",
    "cpu": "test cpu",
    "logical_cores": 2,
    "usable_cores": 2,
    "memory_gb": 4.0,
    "os": "Linux",
    "python": "3.11",
    "packages": {"pdfplumber": "0.11"},
    "revision": "abc",
    "load_at_start": "0.1",
    "load_at_end": "0.2",
}


def test_report_judges_the_targets_from_recorded_runs() -> None:
    results = {
        "machine": MACHINE,
        "plan": {**QUICK.__dict__, "sizes": [10, 200], "batches": [1, 10, 100], "cli": True},
        "minutes": 1.0,
        "documents": [_document(10, 0.2), _document(200, 4.0)],
        "language": {
            "texts": 10,
            "words": 100,
            "tokens": 120,
            "seconds": [0.01, 0.02],
            "pipe_names": [],
            "model": "nl_pipeline-0",
            "trained": False,
            "load_seconds": 0.1,
        },
        "cli": {
            "batches": {
                "1": _batch(1, cold=25.0, warm=20.0, one_worker=0),
                "10": _batch(10, cold=30.0, warm=20.2, one_worker=38.0),
                "100": _batch(100, cold=120.0, warm=21.0, one_worker=0),
            }
        },
    }
    markdown = render(results)
    _assert_well_formed(markdown)
    targets = markdown.split("## Targets", 1)[1].split("##", 1)[0]
    rows = {row.split("|")[1].strip()[:12]: row for row in targets.splitlines()[4:] if row}
    assert "1 worker: 1.85x (1.80-1.90) the floor" in rows["end to end w"]
    assert "(2 workers: 1.05x (1.00-1.10))" in rows["end to end w"]
    assert rows["end to end w"].endswith(
        "| **met** with 2 workers (the default on 2 cores); **not met** with 1 |"
    )
    results["cli"]["batches"]["10"] = _batch(10, cold=36.0, warm=20.2, one_worker=38.0)
    slow = render(results).split("## Targets", 1)[1].split("##", 1)[0]
    row = next(r for r in slow.splitlines() if r.startswith("| end to end w"))
    assert row.endswith("| **not met** |")
    assert "10 documents: 1.9 % (1.8-2.0)" in rows["warm re-run "]
    assert "**met**" in rows["warm re-run "]
    assert "1.76x (1.73-1.80) without start-up" in rows["2 workers >="]
    assert "**met**" in rows["2 workers >="]
    assert "**met**" in rows["peak memory "]
    assert "not met" in rows["classificati"]  # 100 agreements / 2.2 s


def test_stat_summaries() -> None:
    stat = Stat.of([3.0, 1.0, 2.0])
    assert (stat.median, stat.low, stat.high, stat.n) == (2.0, 1.0, 3.0, 3)
    rate = stat.rate(6.0)
    assert (rate.median, rate.low, rate.high) == (3.0, 2.0, 6.0)
    assert stat.fmt(1, " s") == "2.0 s (1.0-3.0)"
    assert Stat.of([1.5]).fmt(2) == "1.50"
    assert ratio([4.0, 9.0], [2.0, 3.0]).median == pytest.approx(2.5)


def test_closing_line_gives_the_batch_seconds_even_when_wrapped() -> None:
    from benchmarks.cli_runs import reported_batch_seconds

    line = (
        "Processing 10 PDF file(s), 111 pages.\n10 of 10 file(s) processed, 439 agreements "
        "in 2.31 s (after\nPrefect's start-up); outputs in /tmp/out\n"
    )
    assert reported_batch_seconds(line) == 2.31
    assert reported_batch_seconds("10 of 10 file(s) processed, 439 agreements; outputs") is None


def test_report_takes_the_batch_time_the_command_reports_over_a_subtraction() -> None:
    def timed(run: dict[str, Any], batch_seconds: float) -> dict[str, Any]:
        return {**run, "batch_seconds": batch_seconds}

    ten = _batch(10, cold=30.0, warm=20.2, one_worker=38.0)
    ten["cold_1_worker"] = [
        timed(r, s) for r, s in zip(ten["cold_1_worker"], (14.0, 16.0), strict=True)
    ]
    ten["cold"] = [timed(r, s) for r, s in zip(ten["cold"], (8.0, 8.0), strict=True)]
    ten["warm"] = [timed(r, 0.1) for r in ten["warm"]]
    results = _results_of_batches(ten)
    targets = render(results).split("## Targets", 1)[1].split("##", 1)[0]
    rows = {row.split("|")[1].strip()[:12]: row for row in targets.splitlines()[4:] if row}
    # 15 s (median of 14 and 16) and 8 s against the 10 s floor, not 38/39 s minus 20 s
    assert "1 worker: 1.50x (1.40-1.60) the floor (2 workers: 0.80x)" in (rows["end to end w"])
    assert rows["end to end w"].endswith("| **met** |")
    assert "1.88x (1.75-2.00) without start-up" in rows["2 workers >="]
    assert "10 documents: 1.2 % |" in rows["warm re-run "]  # 0.1 s of 8 s
    markdown = render(results)
    assert re.search(
        r"\| Prefect start-up and shutdown, cold, 10 document\(s\) \| 22\.\d\d", markdown
    )


def test_report_shows_what_the_speed_up_is_made_of() -> None:
    ten = _batch(10, cold=30.0, warm=20.2, one_worker=38.0)
    ten["cold_1_worker"] = [
        {**r, "document_seconds": s} for r, s in zip(ten["cold_1_worker"], (2.8, 3.0), strict=True)
    ]
    ten["cold"] = [
        {**r, "document_seconds": s} for r, s in zip(ten["cold"], (3.2, 3.3), strict=True)
    ]
    ten |= {"plain_1": [2.8, 2.9], "plain_2": [1.5, 1.45], "write": [0.3, 0.32]}
    results = _results_of_batches(ten)
    markdown = render(results)
    _assert_well_formed(markdown)
    table = next(t for t in _tables(markdown) if "plain processes" in t[2])
    cells = [[c.strip() for c in row.split("|")[1:-1]] for row in table[2:]]
    assert cells[0] == [
        "plain processes, no Prefect s",
        "2.85 (2.80-2.90)",
        "1.48 (1.45-1.50)",
        "1.93x (1.87-2.00)",
    ]
    assert cells[1] == [
        "documents' processing in the batch, summed s",
        "2.90 (2.80-3.00)",
        "3.25 (3.20-3.30)",
        "1.12x (1.10-1.14)",
    ]
    assert table[4] == "| output write alone s | 0.31 (0.30-0.32) |  |  |"
    verdict = next(r for r in markdown.splitlines() if r.startswith("| 2 workers >="))
    assert (
        "; the same documents in plain processes: 1.93x (1.87-2.00); each document's processing "
        "1.12x (1.10-1.14) as long with 2 workers; output write 0.31 s (0.30-0.32) after the "
        "last document | **met** |"
    ) in verdict
    del ten["plain_1"]  # results recorded before these parts were measured: no table
    assert "| plain processes, no Prefect s" not in render(results)


def test_documents_split_for_two_workers_largest_first_and_balanced(tmp_path: Path) -> None:
    from benchmarks.run import split_for_workers

    sizes = {"a": 900, "b": 700, "c": 500, "d": 400, "e": 300}
    for name, size in sizes.items():
        (tmp_path / f"{name}.pdf").write_bytes(b"x" * size)
    halves = split_for_workers(sorted(tmp_path.glob("*.pdf")), 2)
    assert [[p.stem for p in h] for h in halves] == [["a", "d"], ["b", "c", "e"]]


def test_document_seconds_are_summed_from_the_stored_outcomes(tmp_path: Path) -> None:
    from benchmarks.cli_runs import stored_document_seconds

    (tmp_path / "ab").mkdir()
    (tmp_path / "ab" / "ab1.outcome.json").write_text('{"seconds": 0.25}', encoding="utf-8")
    (tmp_path / "ab" / "ab2.outcome.json").write_text('{"seconds": 1.5}', encoding="utf-8")
    (tmp_path / "ab" / "ab2.result.json").write_text('{"seconds": 9}', encoding="utf-8")
    (tmp_path / "ab" / "broken.outcome.json").write_text("{", encoding="utf-8")
    assert stored_document_seconds(tmp_path) == pytest.approx(1.75)
    assert stored_document_seconds(tmp_path / "missing") == 0.0


def test_worker_drift_stops_at_the_last_stored_result(tmp_path: Path) -> None:
    import os

    from benchmarks.cli_runs import CliRun, last_result_stored

    # documents from 0 to 9 s at 300-309 MB, then a workbook job at 350 MB
    timeline = [(float(t), 300.0 + t) for t in range(10)] + [(10.0, 350.0), (11.0, 350.0)]
    run = CliRun(seconds=12.0, exit_code=0, worker_timeline=timeline)
    assert run.worker_drift() == (303.0, 350.0)  # the whole run
    run.documents_done = 9.5
    assert run.worker_drift() == (303.0, 309.0)  # thirds of 0-9 s: up to 3 s, from 6 s

    (tmp_path / "ab").mkdir()
    older, newer = tmp_path / "ab" / "old.outcome.json", tmp_path / "ab" / "new.outcome.json"
    for path, when in ((older, 900.0), (newer, 1_012.5)):
        path.write_text("{}", encoding="utf-8")
        os.utime(path, (when, when))
    (tmp_path / "ab" / "new.result.json").write_text("{}", encoding="utf-8")  # not an outcome
    assert last_result_stored(tmp_path, since=1_000.0) == pytest.approx(12.5)
    assert last_result_stored(tmp_path, since=2_000.0) is None  # a warm run stores none


def test_memory_sampler_lists_the_process_tree_only_now_and_then(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import subprocess
    import sys
    import time

    import psutil

    from benchmarks import cli_runs

    child = "import time; time.sleep(60)"
    code = (
        "import subprocess, sys, time; "
        f"subprocess.Popen([sys.executable, '-c', {child!r}, 'flows.workers']).wait(); "
        "time.sleep(60)"
    )
    root = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 30
        while not psutil.Process(root.pid).children() and time.monotonic() < deadline:
            time.sleep(0.05)
        (worker,) = psutil.Process(root.pid).children()
        listings: list[int] = []
        children = psutil.Process.children

        def counted(self: psutil.Process, recursive: bool = False) -> list[psutil.Process]:
            listings.append(self.pid)
            return children(self, recursive=recursive)

        monkeypatch.setattr(psutil.Process, "children", counted)
        monkeypatch.setattr(cli_runs, "LIST_SECONDS", 60.0)
        sampler = cli_runs._Sampler(root.pid)
        for _ in range(5):
            sampler._sample()
        info = sampler.run_info
        assert listings == [root.pid]  # once, not at every sample
        assert info.workers_seen == 1
        assert info.peak_flow_mb > 1 and info.peak_worker_mb > 1
        assert info.peak_tree_mb >= info.peak_flow_mb + info.peak_worker_mb
        assert len(info.worker_timeline) == 5

        worker.kill()  # a process of the tree ends: the next sample lists the tree again
        while psutil.pid_exists(worker.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        sampler._sample()
        sampler._sample()
        assert listings == [root.pid, root.pid]
        assert len(info.worker_timeline) == 5  # no worker alive any more
    finally:
        for process in psutil.Process(root.pid).children(recursive=True):
            process.kill()
        root.kill()
        root.wait()
