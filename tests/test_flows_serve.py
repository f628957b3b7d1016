"""`prestatie serve` against a real Prefect server on loopback: register, trigger, check outputs."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, sample_pdfs

pytestmark = pytest.mark.slow

DEPLOYMENT = "prestatie-batch/test-nightly"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command,
        env=env,
        cwd=REPO,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _wait(condition: object, seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(1.0)
    pytest.fail(f"{what} within {seconds:g} s; log:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A Prefect server on 127.0.0.1 with its own home; always stopped."""
    port = _free_port()
    env = dict(os.environ)
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect"),
        PREFECT_API_URL=f"http://127.0.0.1:{port}/api",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_UI_ENABLED="false",
        DO_NOT_TRACK="1",
    )
    log = tmp_path / "server.log"
    bin_dir = Path(sys.executable).parent
    process = _start(
        [str(bin_dir / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env,
        log,
    )
    try:
        _wait(lambda: _healthy(port), 120, "the Prefect server did not start", log)
        yield env
    finally:
        _stop(process)


def _healthy(port: int) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


def test_serve_registers_a_nightly_deployment_that_runs(
    server: dict[str, str], tmp_path: Path
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    shutil.copy(sample_pdfs()[0], inputs / "a.pdf")
    log = tmp_path / "serve.log"
    serve = _start(
        [
            str(Path(sys.executable).parent / "prestatie"),
            "serve",
            str(inputs),
            "--output",
            str(out),
            "--state-dir",
            str(tmp_path / "state"),
            "--name",
            "test-nightly",
            "--workers",
            "1",
        ],
        server,
        log,
    )
    code = (
        "from prefect.deployments import run_deployment\n"
        "from prefect.client.orchestration import get_client\n"
        "import sys\n"
        "with get_client(sync_client=True) as c:\n"
        f"    d = c.read_deployment_by_name({DEPLOYMENT!r})\n"
        "    assert d.schedules[0].schedule.cron == '0 2 * * *', d.schedules\n"
        "    assert d.global_concurrency_limit is not None and "
        "d.global_concurrency_limit.limit == 1\n"
        f"run = run_deployment({DEPLOYMENT!r}, timeout=300)\n"
        "print(run.state.type.value, run.state.message)\n"
        "sys.exit(0 if run.state.is_completed() else 1)\n"
    )
    try:
        _wait(
            lambda: (
                subprocess.run(
                    [
                        sys.executable,
                        "-c",
                        f"{code.splitlines()[1]}\n"
                        + "\n".join(
                            [
                                "with get_client(sync_client=True) as c:",
                                f"    c.read_deployment_by_name({DEPLOYMENT!r})",
                            ]
                        ),
                    ],
                    env=server,
                    capture_output=True,
                ).returncode
                == 0
            ),
            120,
            "the deployment was not registered",
            log,
        )
        trigger = subprocess.run(
            [sys.executable, "-c", code], env=server, capture_output=True, text=True, timeout=360
        )
        assert trigger.returncode == 0, trigger.stdout + trigger.stderr + log.read_text()
        assert "COMPLETED" in trigger.stdout
    finally:
        _stop(serve)
    afspraken = pd.read_parquet(out / "afspraken.parquet")
    assert set(afspraken["source_file"]) == {str((inputs / "a.pdf").resolve())}
    assert len(afspraken) > 0
