"""End to end through the `prestatie` command and the Prefect flow (embedded server)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import load_truth, sample_pdfs

from flows.cli import EXIT_ALL_FAILED_OR_USAGE, EXIT_SOME_FAILED, collect_pdfs, main


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert main(["run", str(tmp_path / "missing"), "--output", str(tmp_path / "out")]) == 2
    assert main(["run", str(tmp_path), "--output", str(tmp_path / "out")]) == 2  # no PDFs
    assert main(["bogus"]) == EXIT_ALL_FAILED_OR_USAGE


def test_collect_pdfs_from_files_and_folders(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.pdf", "a.PDF", "sub/c.pdf", "notes.txt"):
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    found = collect_pdfs([tmp_path, tmp_path / "b.pdf"])
    assert [p.name for p in found] == ["a.PDF", "b.pdf", "c.pdf"]


@pytest.mark.slow
def test_run_through_prefect_with_one_bad_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.settings import get_current_settings

    import flows.batch

    heartbeats: list[int | None] = []
    publish = flows.batch.publish

    def recording_publish(*args: Any) -> None:
        heartbeats.append(get_current_settings().flows.heartbeat_frequency)
        publish(*args)

    monkeypatch.setattr(flows.batch, "publish", recording_publish)
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = sample_pdfs()[0]
    shutil.copy(good, inputs / good.name)
    (inputs / "kapot.pdf").write_bytes(b"%PDF-1.4\n%%broken")
    out = tmp_path / "out"
    code = main(["run", str(inputs), "--output", str(out), "--no-progress"])
    assert code == EXIT_SOME_FAILED
    # the flow ran without heartbeats (their thread held up its end by up to a second)
    assert heartbeats == [None]
    assert get_current_settings().flows.heartbeat_frequency is not None
    documenten = pd.read_csv(out / "documenten.csv").set_index("status")
    assert documenten.loc["failed", "error"].startswith("The PDF is damaged")
    afspraken = pd.read_parquet(out / "afspraken.parquet")
    assert len(afspraken) == len(load_truth(good)["agreements"])  # type: ignore[arg-type]


def test_links_leading_out_of_an_input_folder_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "geheim.pdf").write_bytes(b"%PDF-1.4")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "eigen rapport\n2024 ë.pdf").write_bytes(b"%PDF-1.4")
    (inputs / "link.pdf").symlink_to(outside / "geheim.pdf")
    (inputs / "map").symlink_to(outside, target_is_directory=True)
    assert [p.name for p in collect_pdfs([inputs])] == ["eigen rapport\n2024 ë.pdf"]
