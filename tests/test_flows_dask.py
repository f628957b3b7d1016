"""The same batch on a Dask cluster (two worker processes) gives the same outputs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import SAMPLES

import flows  # noqa: F401  (Prefect's environment first)
from flows.batch import BatchSummary, run_batch
from flows.settings import BatchSettings

pytestmark = pytest.mark.slow

COMPARED = ["afspraak_id", "source_file", "text", "type", "type_score", "theme_code", "smart"]


def _rows(out: Path) -> pd.DataFrame:
    frame = pd.read_parquet(out / "afspraken.parquet")[COMPARED]
    return frame.sort_values("afspraak_id").reset_index(drop=True)


def test_dask_cluster_gives_the_same_outputs(tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    local = run_batch(
        [SAMPLES], tmp_path / "local", BatchSettings(state_dir=tmp_path / "s1", workers=1)
    )
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        settings = BatchSettings(state_dir=tmp_path / "s2", dask_address=cluster.scheduler_address)
        on_dask = run_batch([SAMPLES], tmp_path / "dask", settings)
    assert isinstance(on_dask, BatchSummary) and isinstance(local, BatchSummary)
    assert on_dask.new == local.new == 3 and not on_dask.failed
    pd.testing.assert_frame_equal(_rows(tmp_path / "dask"), _rows(tmp_path / "local"))


def test_unreachable_address_fails_the_flow_before_any_work(tmp_path: Path) -> None:
    """Also when every document is cached (the cluster would not even be used)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    state_dir = tmp_path / "state"
    cached = run_batch([SAMPLES], tmp_path / "first", BatchSettings(state_dir=state_dir))
    assert isinstance(cached, BatchSummary) and cached.new == 3
    settings = BatchSettings(state_dir=state_dir, dask_address=address)
    state = run_batch([SAMPLES], tmp_path / "out", settings, return_state=True)
    assert state.is_failed()
    assert state.message == (
        f"no Dask scheduler answers at {address} (Connection refused). Start the cluster or "
        "correct the address; nothing was processed."
    )
    assert not (tmp_path / "out").exists()


def test_local_cluster_is_quiet_and_reports_to_the_run_s_server(tmp_path: Path) -> None:
    """The Dask workers report their task runs to the server of the command's flow run; each
    used to start a temporary Prefect server of its own (most of a 30 s start)."""
    import os
    import sqlite3
    import subprocess
    import sys

    from conftest import REPO, sample_pdfs

    inputs = tmp_path / "in"
    inputs.mkdir()
    sample = sample_pdfs()[0]
    (inputs / sample.name).write_bytes(sample.read_bytes())
    home = tmp_path / "prefect"
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PREFECT_", "DASK_")) and k != "COLUMNS"
    } | {"PREFECT_HOME": str(home), "COLUMNS": "80"}
    out = tmp_path / "out"
    command = ["run", str(inputs), "--output", str(out), "--state-dir", str(tmp_path / "state")]
    done = subprocess.run(
        [sys.executable, "-m", "flows.cli", *command, "--no-progress", "--dask-local", "2"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=environment,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 2, done.stderr  # no `distributed` INFO lines
    assert lines[0] == (
        "Processing 1 PDF file(s), 12 pages (starting Prefect takes up to half a minute)."
    )
    assert lines[1].startswith("1 of 1 file(s) processed, 60 agreements in ")
    with sqlite3.connect(home / "prefect.db") as db:
        names = sorted(row[0] for row in db.execute("SELECT name FROM task_run"))
    assert names[0] == f"process {sample.name}"
    assert len(names) == 2 and names[1].startswith("write-outputs")
