"""Stopping cleanly (issue 20, items 8-10): an OCR timeout ends the OCR program and leaves no
temporary files; Ctrl-C and SIGTERM stop a real `prestatie run` within its bounded waits,
with no process left behind, the outputs untouched and one line that says what was done.

OCR runs a stand-in for Tesseract (a shell script that sleeps), so that a document is
certainly busy when the stop comes and the tests need no OCR installed. Every wait is bounded.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import REPO

from flows.workers import process_in_worker
from pipeline.process import PipelineSettings
from pipeline.read import ReadSettings
from pipeline.read.settings import OcrSettings
from pipeline.write.cache import ResultStore

FAKE_TESSERACT = """#!/bin/sh
if [ "$1" = "--list-langs" ]; then echo "List of available languages (1):"; echo nld; exit 0; fi
echo $$ >> "$FAKE_TESSERACT_PIDS"
touch "$2.hocr.part"
exec sleep 600
"""


def _fake_tesseract(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "tesseract"
    program.write_text(FAKE_TESSERACT)
    program.chmod(0o755)
    return program


def _scan(path: Path) -> Path:
    """A page with an image and no text layer: it is read with OCR."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("L", (600, 800), 255)
    image.paste(0, (100, 100, 500, 140))
    image.save(path, "PDF", resolution=72)
    return path


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent to collect it counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_until_ended(pids: list[int], seconds: float = 15.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _pids(path: Path) -> list[int]:
    return [int(line) for line in path.read_text().split()] if path.exists() else []


def _wait_for_pids(path: Path, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not _pids(path):
        time.sleep(0.2)
    return _pids(path)


def test_an_ocr_timeout_ends_tesseract_and_leaves_no_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    pids = tmp_path / "tesseract.pids"
    monkeypatch.setenv("FAKE_TESSERACT_PIDS", str(pids))
    program = _fake_tesseract(tmp_path / "bin")
    settings = PipelineSettings(read=ReadSettings(ocr=OcrSettings(command=str(program))))
    outcome = process_in_worker(
        _scan(tmp_path / "scan.pdf"),
        "key",
        "0" * 64,
        ResultStore(tmp_path / "state"),
        settings.model_dump_json(),
        ("v", "m"),
        timeout=8,
    )
    assert outcome.error == (
        "Processing this file was stopped: it took longer than the 8 s limit. "
        "The file may be damaged or very large."
    )
    started = _pids(pids)
    assert len(started) == 1  # the OCR program was running when the time was up
    assert _wait_until_ended(started) == []
    assert list(temp.iterdir()) == []


def _start_run(tmp_path: Path) -> tuple[subprocess.Popen[str], Path, Path]:
    """`prestatie run` over one scanned page in a session of its own, as a terminal runs a
    command; returns it once the (stand-in) OCR program runs."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    pids = tmp_path / "tesseract.pids"
    _fake_tesseract(tmp_path / "bin")
    out = tmp_path / "out"
    out.mkdir()
    (out / "afspraken.csv").write_text("earlier outputs\n")
    env = {
        **os.environ,
        "PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "TMPDIR": str(temp),
        "FAKE_TESSERACT_PIDS": str(pids),
    }
    command = [
        sys.executable,
        "-m",
        "flows.cli",
        "run",
        str(_scan(tmp_path / "in" / "scan.pdf")),
    ]
    command += ["--output", str(out), "--state-dir", str(tmp_path / "state"), "--no-progress"]
    run = subprocess.Popen(
        command, cwd=REPO, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    if not _wait_for_pids(pids, 240):
        run.kill()
        pytest.fail(f"OCR did not start: {run.communicate()[1]}")
    return run, out, temp


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signum", "name"), [(signal.SIGINT, "Ctrl-C"), (signal.SIGTERM, "SIGTERM")]
)
def test_a_stopped_run_leaves_nothing_behind(
    tmp_path: Path, signum: signal.Signals, name: str
) -> None:
    run, out, temp = _start_run(tmp_path)
    processes = _descendants(run.pid)  # workers, Prefect's server, the OCR program
    assert any(b"uvicorn" in Path(f"/proc/{p}/cmdline").read_bytes() for p in processes)
    if signum == signal.SIGINT:
        os.killpg(run.pid, signum)  # as Ctrl-C in a terminal: the command's whole group
    else:
        run.send_signal(signum)
    try:
        _, stderr = run.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        run.kill()
        pytest.fail("the run did not stop within 60 s")
    assert run.returncode == 128 + signum
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1] == (
        f"Stopped ({name}): 0 of 1 file(s) done, their results kept for the next run; "
        f"the outputs in {out} were not changed."
    )
    assert _wait_until_ended(processes) == []
    assert list(temp.iterdir()) == []
    assert [p.name for p in out.iterdir()] == ["afspraken.csv"]
    assert (out / "afspraken.csv").read_text() == "earlier outputs\n"


def test_temporary_server_output_goes_to_its_log_not_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: a server service cut off while stopping printed a traceback into the
    terminal of a stopped `prestatie run`."""
    from flows import TEMPORARY_SERVER_LOG, _NewSessionSubprocess

    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "home"))
    script = (
        "import os, sys; print('own session', os.getsid(0) == os.getpid()); "
        "sys.stderr.write('Traceback (most recent call last)')"
    )
    child = _NewSessionSubprocess.Popen([sys.executable, "-c", script])
    assert child.wait(timeout=30) == 0
    log = (tmp_path / "home" / TEMPORARY_SERVER_LOG).read_text(encoding="utf-8")
    assert log == "own session True\nTraceback (most recent call last)"
