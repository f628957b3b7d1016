"""The batch flow as a scheduled deployment: `prestatie serve` (needs a Prefect server)."""

from __future__ import annotations

import time
from pathlib import Path

from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.schedules import Cron
from prefect.settings import get_current_settings
from prefect.types.entrypoint import EntrypointType

from flows.batch import run_batch
from flows.settings import BatchSettings

DEFAULT_CRON = "0 2 * * *"
DEFAULT_TIMEZONE = "Europe/Amsterdam"
DEFAULT_DEPLOYMENT = "nightly"


class NoServerError(RuntimeError):
    """Schedules need a running Prefect server; the message says how to start one."""


def wait_for_server(timeout: float = 60.0) -> str:
    """The configured API URL once the server answers; `NoServerError` when none is set/up."""
    url = get_current_settings().api.url
    if not url:
        raise NoServerError(
            "Schedules need a Prefect server: start one with `prefect server start` and set "
            "PREFECT_API_URL (e.g. http://127.0.0.1:4200/api); see README "
            '"Batches, caching and schedules".'
        )
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while True:
            if client.api_healthcheck() is None:
                return url
            if time.monotonic() > deadline:
                raise NoServerError(f"No Prefect server answers at {url} (waited {timeout:g} s).")
            time.sleep(1.0)


def serve_batch(
    inputs: list[Path],
    output_dir: Path,
    batch: BatchSettings,
    cron: str = DEFAULT_CRON,
    timezone: str = DEFAULT_TIMEZONE,
    name: str = DEFAULT_DEPLOYMENT,
    no_gate: bool = False,
) -> None:
    """Serve the batch flow on a cron schedule until interrupted; never two runs at once.
    `no_gate`: every run processes every document, also those the document gate skips."""
    run_batch.serve(
        name=name,
        schedules=[Cron(cron, timezone=timezone)],
        parameters={
            "inputs": [str(p.resolve()) for p in inputs],
            "output_dir": str(output_dir.resolve()),
            "batch": batch.model_dump(mode="json"),
            "no_gate": no_gate,
        },
        # A run still busy when the next one is due: the new one is cancelled, not queued;
        # the next night's run picks up whatever is new.
        global_limit=ConcurrencyLimitConfig(
            limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW
        ),
        limit=1,
        description="Reads the agreement PDFs in the input folder(s) into the output datasets.",
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
