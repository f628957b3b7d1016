"""From which batch size does `--dask-local N` pay off against `--workers N` on this machine?

`python -m benchmarks.dask_payoff [--sizes 1 4 16] [--runs 3] [--workers 2]` runs the
`prestatie` command on batches of distinct 10-page documents (the inputs of `make bench`),
each batch once with local worker processes and once on a local Dask cluster of as many
workers, side by side, run after run, with a fresh result cache each time. It prints the
median wall time of the command and of the batch itself (the seconds of its closing line) as
a Markdown table, the numbers README "Running on Dask" quotes.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks import inputs
from benchmarks.cli_runs import prestatie_command
from benchmarks.run import DEFAULT_CACHE

_BATCH_SECONDS = re.compile(r"agreements in ([0-9.]+) s")


def run_once(folder: Path, scratch: Path, options: list[str]) -> tuple[float, float]:
    """(wall seconds, batch seconds) of one `prestatie run` with a fresh cache and output."""
    with tempfile.TemporaryDirectory(dir=scratch) as work:
        command = [
            str(prestatie_command()),
            "run",
            str(folder),
            "--output",
            f"{work}/out",
            "--state-dir",
            f"{work}/state",
            "--no-progress",
            *options,
        ]
        clock = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - clock
    match = _BATCH_SECONDS.search(done.stderr)
    if done.returncode != 0 or match is None:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    return wall, float(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    modes = {
        f"--workers {args.workers}": ["--workers", str(args.workers)],
        f"--dask-local {args.workers}": ["--dask-local", str(args.workers)],
    }
    DEFAULT_CACHE.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory(dir=DEFAULT_CACHE) as scratch:
        for size in args.sizes:
            folder, docs = inputs.batch(DEFAULT_CACHE, size)
            times: dict[str, list[tuple[float, float]]] = {mode: [] for mode in modes}
            for _ in range(args.runs):
                for mode, options in modes.items():
                    times[mode].append(run_once(folder, Path(scratch), options))
            medians = {
                mode: (
                    statistics.median(t[0] for t in runs),
                    statistics.median(t[1] for t in runs),
                )
                for mode, runs in times.items()
            }
            rows.append((size, inputs.total_pages(docs), medians))
            print(f"{size} documents: {medians}", flush=True)
    local, dask = modes
    print(
        f"\n| documents (pages) | {local}: command / batch | {dask}: command / batch |\n"
        "|---|---|---|"
    )
    for size, pages, medians in rows:
        cells = " | ".join(f"{medians[m][0]:.1f} s / {medians[m][1]:.1f} s" for m in modes)
        print(f"| {size} ({pages}) | {cells} |")


if __name__ == "__main__":
    main()
