"""End-to-end runs of the `prestatie` command, with the memory of its process tree sampled.

In: input paths, an output folder, a state (result cache) folder and a worker count. Out: a
`CliRun` with the wall time and peak resident memory of the whole tree, of the flow's own
process and of each worker process (`python -m flows.workers`), sampled every 50 ms with
psutil. Sampling can miss a spike shorter than the interval; a tree total counts shared pages
once per process, so it is an upper bound.

The sampler must not slow down what it measures: listing a process's descendants reads every
process of the machine, and doing that every 50 ms cost about 3 % of a core, taken from the
two cores a 2-worker run uses. The tree is listed every `LIST_SECONDS`; in between, only the
memory of the processes already listed is read.
"""

from __future__ import annotations

import contextlib
import json
import re
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryFile

import psutil

SAMPLE_SECONDS = 0.05
LIST_SECONDS = 0.5
MB = 1024 * 1024


def prestatie_command() -> Path:
    """The console script of the environment the benchmark runs in (`.venv/bin/prestatie`)."""
    return Path(sys.executable).parent / "prestatie"


@dataclass
class CliRun:
    """One run of `prestatie run`."""

    seconds: float
    exit_code: int
    batch_seconds: float | None = None
    """The batch's own time as the command reports it (flow start to outputs written), that is
    the wall time without Prefect's start-up and shutdown; None if the line was not found."""
    peak_tree_mb: float = 0.0
    peak_flow_mb: float = 0.0
    peak_worker_mb: float = 0.0
    workers_seen: int = 0
    cpu_seconds: float = 0.0
    """CPU time (user + system) of the command and every process it waited for."""
    document_seconds: float = 0.0
    """Seconds of the documents' own processing, as the workers timed them (summed over the
    results in the state folder; after a warm run, those of the run that made them)."""
    worker_timeline: list[tuple[float, float]] = field(default_factory=list)
    """(seconds since start, largest worker RSS in MB) at each sample with a worker alive."""
    documents_done: float | None = None
    """Seconds since start when the last result of this run was stored (None if it stored
    none); after that an idle worker may still write the review workbook."""

    def worker_drift(self) -> tuple[float, float] | None:
        """Largest worker RSS in the first and in the last third of the time workers processed
        documents (up to `documents_done`: the workbook job after it is no document's)."""
        timeline = [
            (t, mb)
            for t, mb in self.worker_timeline
            if self.documents_done is None or t <= self.documents_done
        ]
        if len(timeline) < 6:
            return None
        start, end = timeline[0][0], timeline[-1][0]
        third = (end - start) / 3
        first = [mb for t, mb in timeline if t <= start + third]
        last = [mb for t, mb in timeline if t >= end - third]
        if not first or not last:
            return None
        return max(first), max(last)


class _Sampler(threading.Thread):
    """Samples the resident memory of a process and its descendants until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True, name="rss-sampler")
        self.root = psutil.Process(pid)
        self.stop = threading.Event()
        self.started = time.perf_counter()
        self.started_wall = time.time()
        self.run_info = CliRun(seconds=0.0, exit_code=0)
        self._workers: set[int] = set()
        self._is_worker: dict[int, bool] = {}
        self._processes: list[psutil.Process] = []
        self._listed_at = float("-inf")

    def run(self) -> None:
        while not self.stop.is_set():
            self._sample()
            self.stop.wait(SAMPLE_SECONDS)

    def _list(self) -> list[psutil.Process]:
        """The root and its descendants, listed again every `LIST_SECONDS` or after one ended."""
        now = time.perf_counter()
        if now - self._listed_at >= LIST_SECONDS:
            try:
                self._processes = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                self._processes = []
            self._listed_at = now
        return self._processes

    def _sample(self) -> None:
        info = self.run_info
        tree = 0.0
        worker_max = 0.0
        for process in self._list():
            try:
                rss = process.memory_info().rss / MB
                worker = self._worker(process)
            except psutil.Error:
                self._listed_at = float("-inf")
                continue
            tree += rss
            if process.pid == self.root.pid:
                info.peak_flow_mb = max(info.peak_flow_mb, rss)
            elif worker:
                self._workers.add(process.pid)
                worker_max = max(worker_max, rss)
        info.peak_tree_mb = max(info.peak_tree_mb, tree)
        info.peak_worker_mb = max(info.peak_worker_mb, worker_max)
        info.workers_seen = len(self._workers)
        if worker_max:
            info.worker_timeline.append((time.perf_counter() - self.started, worker_max))

    def _worker(self, process: psutil.Process) -> bool:
        known = self._is_worker.get(process.pid)
        if known is None:
            known = "flows.workers" in " ".join(process.cmdline())
            self._is_worker[process.pid] = known
        return known


def run_cli(
    inputs: Sequence[Path], output: Path, state_dir: Path, workers: int, log: Path | None = None
) -> CliRun:
    """Run `prestatie run INPUTS --output OUTPUT --state-dir STATE --workers N` and measure it."""
    command = [
        str(prestatie_command()),
        "run",
        *map(str, inputs),
        "--output",
        str(output),
        "--state-dir",
        str(state_dir),
        "--workers",
        str(workers),
        "--no-progress",
    ]
    with TemporaryFile() as sink:
        before = _children_cpu()
        clock = time.perf_counter()
        process = subprocess.Popen(command, stdout=sink, stderr=sink)
        sampler = _Sampler(process.pid)
        sampler.start()
        try:
            code = process.wait()
        except BaseException:  # interrupted: leave no server or worker of this run behind
            _stop_tree(process.pid)
            raise
        finally:
            seconds = time.perf_counter() - clock
            sampler.stop.set()
            sampler.join()
        sink.seek(0)
        printed = sink.read()
    if log:
        with log.open("ab") as kept:
            kept.write(printed)
    run = sampler.run_info
    run.batch_seconds = reported_batch_seconds(printed.decode("utf-8", "replace"))
    run.seconds = seconds
    run.exit_code = code
    run.cpu_seconds = _children_cpu() - before
    run.document_seconds = stored_document_seconds(state_dir)
    run.documents_done = last_result_stored(state_dir, since=sampler.started_wall)
    if code != 0:
        where = f"; see {log}" if log else ""
        raise RuntimeError(f"prestatie run exited with {code} on {list(inputs)}{where}")
    return run


_BATCH_SECONDS = re.compile(r"agreements in (\d+(?:\.\d+)?) s \(after Prefect's start-up\)")


def reported_batch_seconds(output: str) -> float | None:
    """The seconds in the command's closing line ("... agreements in 2.31 s (after Prefect's
    start-up); outputs in ..."), which the console may have wrapped over lines."""
    found = _BATCH_SECONDS.search(" ".join(output.split()))
    return float(found.group(1)) if found else None


def stored_document_seconds(state_dir: Path) -> float:
    """The processing seconds recorded with each stored result under state_dir, summed."""
    total = 0.0
    for outcome in state_dir.rglob("*.outcome.json"):
        with contextlib.suppress(OSError, ValueError):
            total += float(json.loads(outcome.read_text(encoding="utf-8")).get("seconds", 0.0))
    return total


def last_result_stored(state_dir: Path, since: float) -> float | None:
    """Seconds after `since` (a `time.time()`) when the newest result file under state_dir
    was written; None if none was written after it."""
    times = []
    for outcome in state_dir.rglob("*.outcome.json"):
        with contextlib.suppress(OSError):
            times.append(outcome.stat().st_mtime)
    newest = max((t for t in times if t >= since), default=None)
    return None if newest is None else newest - since


def _children_cpu() -> float:
    """CPU seconds of all finished child processes of this process (and theirs, when waited)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _stop_tree(pid: int) -> None:
    """Terminate a process this module started and every process it started."""
    try:
        root = psutil.Process(pid)
        processes = [*root.children(recursive=True), root]
    except psutil.Error:
        return
    for process in processes:
        with contextlib.suppress(psutil.Error):
            process.terminate()
    _, alive = psutil.wait_procs(processes, timeout=10)
    for process in alive:
        with contextlib.suppress(psutil.Error):
            process.kill()
