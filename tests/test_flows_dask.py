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
