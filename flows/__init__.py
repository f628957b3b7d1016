"""Prefect flows that wire the pipeline's stages together; no logic of their own.

Importing this package sets Prefect's defaults for this project before Prefect is imported:
state inside the project folder, analytics off (there is no network), a generous start-up
timeout for the embedded server, and that server recording task runs in batches.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

PROJECT_STATE = Path(__file__).resolve().parents[1] / ".state"
"""The project's state folder (git-ignored): Prefect's home and the result cache."""

os.environ.setdefault("PREFECT_HOME", str(PROJECT_STATE / "prefect"))
Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_TELEMETRY_ENABLE_RESOURCE_METRICS", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_UI_ENABLED", "false")
# The temporary server that `prestatie run` starts has no UI; it records task runs for later.
# One database write per task-run event cost it about 12 ms of CPU per document, taken from the
# workers' cores; in batches of up to 100 (and at least every 5 s, and when it stops) it costs
# a third of that. A server of your own (`make serve`) keeps its own settings.
os.environ.setdefault("PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE", "100")


TEMPORARY_SERVER_LOG = "temporary-server.log"
"""The file in Prefect's home folder that receives the temporary server's own output."""


def temporary_server_log() -> Path:
    """Where the output of `prestatie run`'s temporary Prefect server goes (appended)."""
    return Path(os.environ["PREFECT_HOME"]) / TEMPORARY_SERVER_LOG


class _NewSessionSubprocess:
    """The `subprocess` module as Prefect's server module sees it, with `Popen` starting the
    child in a session of its own and writing its output to `temporary_server_log()`."""

    def __getattr__(self, name: str) -> Any:
        return getattr(subprocess, name)

    @staticmethod
    def Popen(*args: Any, **kwargs: Any) -> subprocess.Popen[Any]:
        if "stdout" in kwargs or "stderr" in kwargs:
            return subprocess.Popen(*args, **kwargs, start_new_session=True)
        log = temporary_server_log()
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("ab") as output:  # the child keeps its own copy of the descriptor
            kwargs.update(start_new_session=True, stdout=output, stderr=subprocess.STDOUT)
            return subprocess.Popen(*args, **kwargs)


def keep_server_from_terminal_signals() -> None:
    """Start Prefect's temporary server in a session of its own.

    Ctrl-C in a terminal signals every process of the command's group. The server then
    stopped at once, and the interrupted flow run retried its calls to it for about two
    minutes ("connection refused"). In its own session it keeps serving until the command
    stops it on the way out (Prefect stops it when Python exits). Its own output goes to
    `temporary_server_log()`: a service of the server cut off while it stops (a batch of task
    events not yet recorded) logged a traceback into the user's terminal.
    """
    try:
        import prefect.server.api.server as server
    except ImportError:  # another Prefect: its server then gets the terminal's Ctrl-C, as before
        return
    if isinstance(getattr(server, "subprocess", None), type(subprocess)):
        server.subprocess = _NewSessionSubprocess()  # type: ignore[assignment]
