"""`make learning-curve` rewrites its own section of BENCHMARKS.md and nothing else."""

from __future__ import annotations

from pathlib import Path

from benchmarks.learning import SECTION, CurvePoint, CurveResults, render_section, write_section
from benchmarks.report import keeping_sections


def _results() -> CurveResults:
    point = CurvePoint(
        "written", "concreet needs a number", 25, 4,
        (0.74, 0.8), (0.21, 0.07), (0.1, 0.05), (0.68, 0.77), (0.24, 0.12), (0.19, 0.04),
    )  # fmt: skip
    return CurveResults([point], [3.5, 3.8, 4.1], 1000, "1.00 / 1.00 / 1.00")


def test_the_section_is_replaced_and_the_sections_after_it_are_kept(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARKS.md"
    report.write_text(
        f"# Benchmarks\n\n## Memory\n\nsmall\n\n{SECTION}\n\nold table\n\n"
        "## Scanned documents\n\nscans table\n",
        encoding="utf-8",
    )
    section = render_section(_results())
    write_section(report, section)
    text = report.read_text(encoding="utf-8")
    assert text.count(SECTION) == 1 and "old table" not in text
    assert "## Memory\n\nsmall\n" in text and text.endswith("## Scanned documents\n\nscans table\n")
    assert (
        "| written (4) | concreet needs a number | 25 | 0.74 / 0.80 | +0.21 / +0.07 "
        "(+0.10 / +0.05) | 0.68 / 0.77 | +0.24 / +0.12 (+0.19 / +0.04) |" in text
    )
    assert "3.8 s, median of 3 runs (3.5-4.1 s)" in text


def test_a_report_without_the_section_gets_it_at_the_end(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARKS.md"
    report.write_text("# Benchmarks\n\n## Memory\n\nsmall\n", encoding="utf-8")
    write_section(report, render_section(_results()))
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\n## Memory\n\nsmall\n\n" + SECTION)


def test_make_bench_keeps_the_sections_other_commands_write() -> None:
    previous = (
        "# Benchmarks\n\n## Machine\n\nold\n\n## Scanned documents\n\nscans\n\n"
        "## Labelling again from stored reads\n\nrelabel\n"
    )
    report = keeping_sections("# Benchmarks\n\n## Machine\n\nnew\n", previous)
    assert report == (
        "# Benchmarks\n\n## Machine\n\nnew\n\n## Scanned documents\n\nscans\n\n"
        "## Labelling again from stored reads\n\nrelabel\n"
    )
