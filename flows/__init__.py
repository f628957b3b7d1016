"""Prefect flows that wire the pipeline's stages together; no logic of their own.

Importing this package sets Prefect's defaults for this project before Prefect is imported:
state inside the project folder, analytics off (there is no network), a generous start-up
timeout for the embedded server.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_STATE = Path(__file__).resolve().parents[1] / ".state"
"""The project's state folder (git-ignored): Prefect's home and the result cache."""

os.environ.setdefault("PREFECT_HOME", str(PROJECT_STATE / "prefect"))
Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_TELEMETRY_ENABLE_RESOURCE_METRICS", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_UI_ENABLED", "false")
