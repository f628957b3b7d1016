"""Settings of a batch run (parallelism, timeout, state folder, Dask) and the task runner they pick.

Each setting has an environment variable (`PRESTATIE_WORKERS`, `PRESTATIE_TIMEOUT`,
`PRESTATIE_STATE_DIR`, `PRESTATIE_DASK_ADDRESS`); command-line options override them.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, model_validator

from flows import PROJECT_STATE

if TYPE_CHECKING:  # Prefect is imported when a runner is made: the settings are read earlier
    from prefect.task_runners import TaskRunner

DEFAULT_STATE_DIR = PROJECT_STATE / "results"


class DaskUnreachableError(RuntimeError):
    """No Dask scheduler answers at the address given; the message says what to do."""


def _default_workers() -> int:
    workers = _number("PRESTATIE_WORKERS", min(2, os.cpu_count() or 1))
    if not workers.is_integer():
        raise ValueError(f"PRESTATIE_WORKERS must be a whole number, not {workers:g}")
    return int(workers)


def _default_timeout() -> float:
    return _number("PRESTATIE_TIMEOUT", 300)


def _number(variable: str, default: float) -> float:
    """A number from the environment; a ValueError that names the variable otherwise."""
    text = os.environ.get(variable)
    if text is None:
        return float(default)
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{variable} must be a number, not {text!r}") from None


def _default_state_dir() -> Path:
    return Path(os.environ.get("PRESTATIE_STATE_DIR", DEFAULT_STATE_DIR))


def _default_dask_address() -> str | None:
    return os.environ.get("PRESTATIE_DASK_ADDRESS") or None


class BatchSettings(BaseModel):
    """How a batch runs; none of these change its results."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # validate_default: the defaults come from the environment and are checked like options
    workers: int = Field(
        default_factory=_default_workers,
        ge=1,
        validate_default=True,
        description="documents processed at once",
    )
    timeout_seconds: float = Field(
        default_factory=_default_timeout,
        gt=0,
        validate_default=True,
        description="a document still running after this is stopped and marked failed",
    )
    state_dir: Path = Field(
        default_factory=_default_state_dir,
        description="where per-document results are kept between runs (the cache)",
    )
    dask_address: str | None = Field(
        default_factory=_default_dask_address,
        description="scheduler of an existing Dask cluster (tcp://HOST:PORT) to run documents on",
    )
    dask_local: int | None = Field(
        None, ge=1, description="start a local Dask cluster with this many worker processes"
    )
    dask_connect_timeout_seconds: float = Field(
        5.0,
        gt=0,
        description="how long the check of --dask-address waits for the scheduler to answer "
        "before the run stops (Dask's own connect waits 30 s and then ends in a traceback)",
    )

    @model_validator(mode="after")
    def _one_dask_choice(self) -> BatchSettings:
        if self.dask_address and self.dask_local:
            raise ValueError(
                "give either a Dask address (--dask-address, PRESTATIE_DASK_ADDRESS) or a local "
                "Dask cluster size (--dask-local), not both"
            )
        return self

    def check_dask_address(self) -> None:
        """`DaskUnreachableError` when a Dask address is set and nothing answers there.

        Checked before any work (and before Prefect starts, in `prestatie run`), so that an
        unreachable cluster gives one clear message instead of a traceback after 30 s, and
        also when every document is cached and the cluster would not be used.
        """
        if not self.dask_address:
            return
        address = self.dask_address if "://" in self.dask_address else f"tcp://{self.dask_address}"
        parts = urlsplit(address)
        if parts.scheme not in ("tcp", "tls"):
            return  # other transports (inproc, ucx, ws) are left to Dask
        try:
            port = parts.port
        except ValueError:
            port = None
        if not parts.hostname or port is None:
            raise DaskUnreachableError(
                f"{self.dask_address!r} is not a Dask address of the form tcp://HOST:PORT."
            )
        try:
            with socket.create_connection(
                (parts.hostname, port), timeout=self.dask_connect_timeout_seconds
            ):
                pass
        except OSError as exc:
            reason = exc.strerror or str(exc) or type(exc).__name__
            raise DaskUnreachableError(
                f"no Dask scheduler answers at {self.dask_address} ({reason}). Start the "
                "cluster or correct the address; nothing was processed."
            ) from exc

    def task_runner(self) -> TaskRunner[Any]:
        """Threads in this process (each driving a worker process), or a Dask cluster."""
        if self.dask_address or self.dask_local:
            from prefect_dask import DaskTaskRunner

            if self.dask_address:
                return DaskTaskRunner(address=self.dask_address)
            return DaskTaskRunner(
                cluster_kwargs={
                    "n_workers": self.dask_local,
                    "threads_per_worker": 1,
                    "processes": True,
                    "dashboard_address": None,
                }
            )
        from prefect.task_runners import ThreadPoolTaskRunner

        # One thread more than there are workers: Prefect's bookkeeping of the next task runs
        # while the workers are busy; `limit_workers` keeps the documents at once to `workers`.
        return ThreadPoolTaskRunner(max_workers=self.workers + 1)
