"""The scan benchmark's arithmetic and its section of BENCHMARKS.md (issue 20, item 12)."""

from __future__ import annotations

from benchmarks.report import SCANS_SECTION, keeping_sections, replace_section
from benchmarks.scans import levenshtein, render


def test_levenshtein_counts_edits() -> None:
    assert levenshtein("kitten", "sitting") == 3
    assert levenshtein("", "abc") == levenshtein("abc", "") == 3
    assert levenshtein("Gemeente", "Gemeente") == 0


def _row(profile: str, found: int) -> dict[str, object]:
    return {
        "label": "x",
        "document": "doc",
        "profile": profile,
        "seed": 1,
        "pages": 2,
        "agreements": 10,
        "scanned_agreements": 11,
        "found": found,
        "cer": 0.02,
        "table_rows": 4,
        "same_parties": 3,
        "unmatched": 1,
        "seconds_per_page": 3.0,
        "cpu_seconds_per_page": 2.5,
    }


def test_the_section_is_replaced_and_kept_by_make_bench() -> None:
    section = render({"after": [_row("office-200", 9), _row("noisy-200", 8)]})
    assert "| after | office-200 | 9/10 (90.0%) | 2.00% | 3/4 | 1 | 3.0 | 2.5 |" in section
    assert "| after | all | 17/20 (85.0%) | 2.00% | 6/8 | 2 | 3.0 | 2.5 |" in section
    report = "# Benchmarks\n\n## Machine\n\nfast\n\n## Memory\n\nsmall\n"
    with_scans = replace_section(report, SCANS_SECTION, section)
    assert with_scans.endswith(section) and with_scans.startswith(report.rstrip())
    middle = "# Benchmarks\n\n## Scanned documents\n\nold\n\n## Memory\n\nsmall\n"
    again = replace_section(middle, SCANS_SECTION, section)
    assert again.count("## Scanned documents") == 1 and "old" not in again
    assert again.endswith("## Memory\n\nsmall\n")
    regenerated = keeping_sections("# Benchmarks\n\n## Machine\n\nslow\n", with_scans)
    assert regenerated.endswith(section) and "slow" in regenerated and "fast" not in regenerated
