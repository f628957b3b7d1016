"""Process isolation: each document is read in a worker process that can be killed.

In: a PDF path, its cache key and the stage settings. Out: a `DocumentOutcome` whose result
file the worker wrote into the result store.

A worker is a long-lived child process (`python -m flows.workers`) that loads the language
resources once and then processes one document per request. A request that runs longer than
its timeout gets the worker killed (a hung parser cannot be stopped any other way) and the
document a failed result; a worker that dies (a crash in a PDF library) does the same. The next
document gets a fresh worker. Requests and answers are JSON lines on the worker's stdin and a
private copy of its stdout; anything a library prints goes to stderr. After the documents, an
idle worker can also write the review workbook (`write_workbook_in_worker`) while the caller
writes the other output files.

Why not a process pool: `concurrent.futures.ProcessPoolExecutor` cannot kill one task, and a
worker that dies breaks the whole pool (`BrokenProcessPool`), failing every pending document.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator, Mapping
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path

from pipeline.write.cache import DocumentOutcome, ResultStore, failed_result, now

log = logging.getLogger(__name__)

STARTUP_TIMEOUT_SECONDS = 180.0
WORKBOOK_TIMEOUT_SECONDS = 600.0
LOG_LEVEL_ENV = "PRESTATIE_WORKER_LOG_LEVEL"
MEMORY_LIMIT_ENV = "PRESTATIE_WORKER_MEMORY_MB"
DEFAULT_MEMORY_LIMIT_MB = 4096


class WorkerError(OSError):
    """A worker could not be started or answered with an I/O error; worth a retry."""


class WorkerMemoryLimitError(Exception):
    """The memory limit of the worker processes is too low for a worker to load its resources;
    every worker would fail the same way, so this is not retried."""


def memory_limit_too_low(megabytes: int) -> str:
    """The sentence for a memory limit too low to start a worker."""
    return (
        f"The memory limit of the worker processes ({MEMORY_LIMIT_ENV}={megabytes}) is too low "
        f"to start a worker; raise it (the default is {DEFAULT_MEMORY_LIMIT_MB}) or unset it."
    )


class _Killed(Exception):
    """The worker was killed (timeout) or died while processing a document; the message is a
    clause that follows "Processing this file was stopped: "."""


def exit_description(code: int) -> str:
    """How a process ended, for a user: its exit code, or the signal that ended it by name."""
    if code >= 0:
        return f"exit code {code}"
    try:
        number = signal.Signals(-code)
    except ValueError:
        return f"signal {-code}"
    meaning = signal.strsignal(number)
    text = f"signal {number.name}" + (f", {meaning.lower()}" if meaning else "")
    if number == signal.SIGKILL:
        text += "; the system may have run out of memory"
    return text


class Worker:
    """One child process that processes documents one at a time.

    Starting it only spawns the process; `wait_ready` waits until it has loaded the language
    resources, so workers can load while the caller does other start-up work.
    """

    def __init__(self) -> None:
        if _STOPPING.is_set():
            raise WorkerError("the batch is stopping")
        env = dict(os.environ)
        env.setdefault(
            LOG_LEVEL_ENV, logging.getLevelName(logging.getLogger("pipeline").getEffectiveLevel())
        )
        try:
            # the worker's temporary files (OCR images and Tesseract's output) go here, so
            # that they can be removed whichever way the worker ends
            self.temp_dir = Path(tempfile.mkdtemp(prefix="prestatie-worker-"))
            env["TMPDIR"] = str(self.temp_dir)
            # its own session: the terminal's Ctrl-C goes to the command, which ends the
            # workers itself, and killing the worker's group also ends its OCR program
            self.process = subprocess.Popen(
                [sys.executable, "-m", "flows.workers"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
                start_new_session=True,
            )
        except OSError as exc:
            raise WorkerError(f"could not start a worker process: {exc}") from exc
        _LIVE.add(self)
        self._buffer = b""
        self.ready = False
        self.started_at = time.monotonic()
        self.ready_at: float | None = None

    def wait_ready(self) -> None:
        """Wait for the worker's ready message; `WorkerError` when it does not come."""
        if self.ready:
            return
        try:
            ready = self._read_line(STARTUP_TIMEOUT_SECONDS)
        except _Killed as exc:
            self.kill()
            if _STOPPING.is_set():
                raise WorkerError("the batch was stopped") from exc
            code = self.process.returncode
            how = exit_description(code) if code is not None else str(exc)
            raise WorkerError(f"the worker process did not start ({how})") from exc
        answer = json.loads(ready)
        if "memory_limit_mb" in answer:
            self.kill()
            raise WorkerMemoryLimitError(memory_limit_too_low(int(answer["memory_limit_mb"])))
        if answer.get("ready") is not True:
            self.kill()
            raise WorkerError(f"the worker process did not start: {ready!r}")
        self.ready = True
        self.ready_at = time.monotonic()

    def request(self, message: Mapping[str, object], timeout: float) -> dict[str, object]:
        """Send one request and wait for its answer; `_Killed` after timeout or a crash."""
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(message).encode() + b"\n")
            self.process.stdin.flush()
        except OSError as exc:
            raise self._died() from exc
        answer: dict[str, object] = json.loads(self._read_line(timeout))
        return answer

    def _read_line(self, timeout: float) -> bytes:
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                raise _Killed(f"it took longer than the {timeout:g} s limit")
            readable, _, _ = select.select([fd], [], [], remaining)
            if readable:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise self._died()
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def _died(self) -> _Killed:
        """The error for a worker that ended on its own (a crash in a PDF library)."""
        self._kill_group()  # an OCR program it started
        code = self.process.wait()
        self._remove_temp_dir()
        if _STOPPING.is_set():
            return _Killed("the batch was stopped")
        return _Killed(f"the process reading it crashed ({exit_description(code)})")

    def kill(self) -> None:
        """Stop the process now, with any program it started (OCR), and remove its
        temporary files."""
        self._kill_group()
        self.process.wait()
        self._remove_temp_dir()

    def _kill_group(self) -> None:
        """Kill the worker's process group (the worker and its OCR program). Only while the
        worker is not reaped: until then its id, which is the group's, cannot be reused."""
        if self.process.returncode is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            if self.process.poll() is None:
                self.process.kill()

    def _remove_temp_dir(self) -> None:
        shutil.rmtree(self.temp_dir, ignore_errors=True)
        _LIVE.discard(self)

    def close(self) -> None:
        """Ask the process to finish (end of input), kill it if it does not."""
        self.finish()
        self.wait_or_kill()

    def finish(self) -> None:
        """Tell the process that no more requests come (end of input); it then exits."""
        if self.process.poll() is None and self.process.stdin is not None:
            try:
                self.process.stdin.close()
            except OSError:
                log.debug("closing a worker's input failed", exc_info=True)

    def wait_or_kill(self, timeout: float = 5.0) -> None:
        """Wait for the process to exit after `finish`; kill it if it does not in time."""
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
        self._remove_temp_dir()


class WorkerPool:
    """Idle workers of this process, reused across documents; one per concurrent document."""

    def __init__(self) -> None:
        self._idle: list[Worker] = []
        self._lock = threading.Lock()
        self._ready = threading.Condition(self._lock)  # a prestarted worker became idle
        self._starting = 0  # prestarted workers still loading
        self._generation = 0  # moved on by `close`: a prestart still running then gives up
        self._slots: threading.BoundedSemaphore | None = None
        # set when a worker could not load under the memory limit: later ones would not either
        self._memory_error: WorkerMemoryLimitError | None = None

    def limit(self, count: int | None) -> None:
        """Let at most `count` documents be processed at once (None: one worker per caller).

        With a limit the caller can run more threads than workers: a thread's own work before
        and after a document (Prefect's bookkeeping of a task) then overlaps another document's
        processing instead of leaving the worker idle, and it waits here for a free worker.
        """
        self._slots = threading.BoundedSemaphore(count) if count else None

    def prestart(self, count: int) -> threading.Thread | None:
        """Start `count` workers in the background, one after another: each loads the language
        resources while the caller goes on (e.g. while Prefect starts), and loading one at a
        time takes at most one core from the caller's own start-up."""
        if count <= 0:
            return None
        with self._lock:
            generation = self._generation
            self._starting += count
        thread = threading.Thread(
            target=self._start_in_turn, args=(count, generation), daemon=True, name="prestart"
        )
        thread.start()
        return thread

    def _start_in_turn(self, count: int, generation: int) -> None:
        left = count
        try:
            while left and not _STOPPING.is_set():
                try:
                    worker = Worker()
                    worker.wait_ready()
                except WorkerMemoryLimitError as exc:  # each document reports it
                    self._memory_error = exc
                    return
                except WorkerError as exc:  # a document's own request will try again, reports
                    if not _STOPPING.is_set():
                        log.warning("%s", exc)
                    return
                with self._lock:
                    current = generation == self._generation
                    if current:
                        self._idle.append(worker)
                        self._starting -= 1
                        left -= 1
                        self._ready.notify_all()
                if not current:
                    worker.close()
                    return
        finally:  # the ones that will not come are not waited for
            with self._lock:
                if generation == self._generation:
                    self._starting -= left
                    self._ready.notify_all()

    @contextmanager
    def worker(self) -> Iterator[Worker]:
        """An idle worker (or a new one), ready; returned to the pool unless it was killed.
        Waits first while the pool's limit of documents at once is reached."""
        slots = self._slots
        if slots is not None:
            slots.acquire()
        try:
            with self._lock:
                # a worker still loading is nearer than a new one, which would load from scratch
                # and take a core from it
                deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
                while not self._idle and self._starting > 0:
                    if not self._ready.wait(timeout=max(deadline - time.monotonic(), 0)):
                        break
                worker = self._idle.pop(0) if self._idle else None
            if worker is None or worker.process.poll() is not None:
                if self._memory_error is not None:
                    raise self._memory_error
                worker = Worker()
            try:
                try:
                    worker.wait_ready()
                except WorkerMemoryLimitError as exc:
                    self._memory_error = exc
                    raise
                yield worker
            except BaseException:
                worker.kill()
                raise
            self.give_back(worker)
        finally:
            if slots is not None:
                slots.release()

    def take_idle(self) -> Worker | None:
        """An idle, ready worker for other work than a document (give it back after), or None;
        never waits and never starts one."""
        with self._lock:
            while self._idle:
                worker = self._idle.pop(0)
                if worker.process.poll() is None:
                    return worker
            return None

    def give_back(self, worker: Worker) -> None:
        """Return a worker to the idle ones (after a document, or after `take_idle`)."""
        with self._lock:
            self._idle.append(worker)
            self._ready.notify()

    def close(self, wait: bool = True) -> None:
        """End every idle worker (called at the end of a batch and when Python exits).

        wait=False returns once the workers are told to exit; a background thread then waits
        for them (an exiting worker takes some 30 ms to give back its memory).
        """
        with self._lock:
            idle, self._idle = self._idle, []
            self._generation += 1
            self._starting = 0
            self._ready.notify_all()
        for worker in idle:  # all told first, so that they exit side by side
            worker.finish()
        if wait:
            _wait_for_exit(idle)
        elif idle:
            threading.Thread(
                target=_wait_for_exit, args=(idle,), daemon=True, name="worker-exit"
            ).start()


def _wait_for_exit(workers: list[Worker]) -> None:
    for worker in workers:
        worker.wait_or_kill()


POOL = WorkerPool()
atexit.register(POOL.close)
_LIVE: weakref.WeakSet[Worker] = weakref.WeakSet()  # every worker not yet ended
_STOPPING = threading.Event()  # set by `stop_workers`: no document starts any more


def is_stopping() -> bool:
    """Whether `stop_workers` was called: the batch is being stopped."""
    return _STOPPING.is_set()


def stop_workers() -> None:
    """End every worker of this process now, busy or idle (the batch is being stopped): a
    document being processed gets no result, and no further document starts."""
    _STOPPING.set()
    for worker in list(_LIVE):
        worker.kill()
    POOL.close(wait=False)


def close_workers(wait: bool = True) -> None:
    """End this process's idle workers (at the end of a batch); see `WorkerPool.close`."""
    POOL.close(wait)


def limit_workers(count: int | None) -> None:
    """At most `count` documents at once in this process's workers (None: no limit)."""
    POOL.limit(count)


def start_worker_now() -> None:
    """Start one worker and wait until it is ready, then keep it for the batch: finds out
    before a batch starts whether a worker can load at all (`WorkerMemoryLimitError`)."""
    worker = Worker()
    worker.wait_ready()
    POOL.give_back(worker)


def prestart_workers(count: int) -> None:
    """Start this process's workers ahead of the batch, e.g. while Prefect starts up."""
    POOL.prestart(count)


def process_in_worker(
    path: Path,
    key: str,
    sha256: str,
    store: ResultStore,
    settings_json: str,
    versions: tuple[str, str],
    timeout: float,
) -> DocumentOutcome:
    """Process one document in a worker of this process's pool, within `timeout` seconds.

    A timeout or a crash gives a failed outcome (never retried: the same file would do it
    again); `WorkerError`, an `OSError`, means the worker could not be started or could not
    write the result, which a retry may fix.
    """
    started, clock = now(), time.monotonic()
    message = {"path": str(path), "key": key, "store": str(store.root), "settings": settings_json}
    stopped = DocumentOutcome(
        source_file=str(path), result_file="", status="failed", error="The batch was stopped."
    )
    if _STOPPING.is_set():
        return stopped
    try:
        with POOL.worker() as worker:
            answer = worker.request(message, timeout)
    except WorkerError:
        if _STOPPING.is_set():
            return stopped
        raise
    except _Killed as exc:
        if _STOPPING.is_set():  # nothing is stored for a document the stop interrupted
            return stopped
        log.warning("%s: %s", path.name, exc)
        error = f"Processing this file was stopped: {exc}. The file may be damaged or very large."
        result = failed_result(path, sha256, *versions, error=error, started=started)
        return store.save(result, key="", seconds=time.monotonic() - clock)
    except WorkerMemoryLimitError as exc:  # a failed result, not a task failure with a trace
        result = failed_result(path, sha256, *versions, error=str(exc), started=started)
        return store.save(result, key="", seconds=time.monotonic() - clock)
    if "os_error" in answer:
        raise WorkerError(f"{path.name}: {answer['os_error']}")
    return DocumentOutcome.model_validate(answer)


def write_workbook_in_worker(inputs: Path, path: Path) -> Future[None] | None:
    """Let an idle worker write the review workbook (`export.WorkbookWriter`) while the caller
    writes the other output files; None when no worker of this process is idle."""
    worker = POOL.take_idle()
    if worker is None:
        return None
    done: Future[None] = Future()

    def write() -> None:
        try:
            answer = worker.request(
                {"workbook": str(path), "inputs": str(inputs)}, WORKBOOK_TIMEOUT_SECONDS
            )
        except Exception as exc:  # killed, died, or answered no JSON: not used again
            worker.kill()
            done.set_exception(WorkerError(f"the worker writing the workbook failed: {exc}"))
            return
        POOL.give_back(worker)
        if "error" in answer:
            done.set_exception(WorkerError(str(answer["error"])))
        else:
            done.set_result(None)

    threading.Thread(target=write, daemon=True, name="workbook").start()
    return done


def _write_workbook(request: Mapping[str, str]) -> str:
    """A worker's answer to a workbook request: written, or the error."""
    from pipeline.write.workbook import write_workbook_from

    try:
        write_workbook_from(Path(request["inputs"]), Path(request["workbook"]))
    except Exception as exc:
        return json.dumps({"error": f"{type(exc).__name__}: {exc}"})
    return json.dumps({"written": True})


def _serve_requests() -> None:
    """The worker process: load the resources, then answer requests until stdin closes."""
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # whatever a library prints must not corrupt the answers
    logging.basicConfig(
        level=os.environ.get(LOG_LEVEL_ENV, "WARNING"),
        format="%(levelname)s %(name)s: %(message)s",
    )
    _exit_with_parent()
    limit_mb = int(os.environ.get(MEMORY_LIMIT_ENV, DEFAULT_MEMORY_LIMIT_MB))
    apply_memory_limit(limit_mb)
    try:
        from pipeline.process import (
            PipelineSettings,
            load_resources,
            process_document,
            tune_garbage_collector,
        )
        from pipeline.write.contents import ContentStore
        from pipeline.write.tables import rows_format

        resources = load_resources()
        rows_format()  # with the output libraries it needs: storing a result makes its rows
    except (MemoryError, ImportError, OSError) as exc:
        if limit_mb <= 0 or not _out_of_memory(exc):
            raise
        # the caller says so once, in a sentence; a trace per worker would only hide that
        answers.write(json.dumps({"ready": False, "memory_limit_mb": limit_mb}) + "\n")
        answers.flush()
        os._exit(3)
    tune_garbage_collector()
    answers.write(json.dumps({"ready": True}) + "\n")
    answers.flush()
    settings_cache: dict[str, PipelineSettings] = {}
    for line in sys.stdin:
        request = json.loads(line)
        if "workbook" in request:
            answers.write(_write_workbook(request) + "\n")
            answers.flush()
            continue
        raw_settings = request["settings"]
        if raw_settings not in settings_cache:
            settings_cache[raw_settings] = PipelineSettings.model_validate_json(raw_settings)
        clock = time.monotonic()
        contents = ContentStore(Path(request["store"]))
        result = process_document(
            Path(request["path"]),
            settings_cache[raw_settings],
            resources,
            read=contents.read,
            preview=contents.preview,
        )
        try:
            outcome = ResultStore(Path(request["store"])).save(
                result, request["key"], seconds=time.monotonic() - clock
            )
            answer = outcome.model_dump_json()
        except OSError as exc:
            answer = json.dumps({"os_error": f"could not store the result: {exc}"})
        answers.write(answer + "\n")
        answers.flush()


def _out_of_memory(exc: BaseException) -> bool:
    """Whether loading failed for want of address space: a MemoryError, or a shared library
    that could not be mapped (an ImportError or OSError from the loader)."""
    if isinstance(exc, MemoryError):
        return True
    text = str(exc).lower()
    return "failed to map segment" in text or "cannot allocate memory" in text


def apply_memory_limit(megabytes: int) -> None:
    """Cap this process's address space: pdfminer's decoders have no output cap, so a
    decompression bomb must hit this limit (a MemoryError, reported for that document)."""
    if megabytes <= 0:
        return
    limit = megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _remove_own_temp_dir() -> None:
    """A worker removes the temporary folder its parent made for it (see `Worker`)."""
    folder = os.environ.get("TMPDIR", "")
    if Path(folder).name.startswith("prestatie-worker-"):
        shutil.rmtree(folder, ignore_errors=True)


def _exit_with_parent() -> None:
    """A worker whose parent died (killed batch) must not keep working on its own."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                _remove_own_temp_dir()
                if os.getpgrp() == os.getpid():  # its OCR program goes with it
                    os.killpg(os.getpid(), signal.SIGKILL)
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


if __name__ == "__main__":
    _serve_requests()
    # Every answer is flushed and every result file is written by now. Skipping the
    # interpreter's teardown of the loaded models ends the worker at once instead of after
    # about 0.3 s, which the batch would otherwise wait for before writing its outputs.
    sys.stderr.flush()
    _remove_own_temp_dir()
    os._exit(0)
