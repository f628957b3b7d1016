"""Shared fixtures: the shipped samples with their truth, and a builder for tiny PDFs."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "input_pdfs"
TRUTH = REPO / "tests" / "data" / "samples"
GOLDEN = REPO / "tests" / "data" / "golden"
# Set PRESTATIE_REGENERATE_GOLDEN=1 to rewrite the golden files; a test keeps it off in CI.
REGENERATE_GOLDEN = os.environ.get("PRESTATIE_REGENERATE_GOLDEN") == "1"


def sample_pdfs() -> list[Path]:
    """The sample agreements shipped with the repository."""
    return sorted(SAMPLES.glob("*.pdf"))


def load_truth(pdf: Path) -> dict[str, object]:
    """The generator's truth for a sample PDF."""
    return json.loads((TRUTH / f"{pdf.stem}.truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session", autouse=True)
def quiet_prefect_exit() -> Iterator[None]:
    """Prefect stops its temporary server at interpreter exit and logs that at INFO level, to
    a stream pytest has closed by then ("--- Logging error ---"); that line is dropped."""
    yield
    logging.getLogger("prefect").setLevel(logging.WARNING)


@pytest.fixture(scope="session")
def tmp_pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A session-wide folder for PDFs built by tests."""
    return tmp_path_factory.mktemp("pdfs")


class _UnplacedText(logging.Handler):
    """Collects the read stage's warnings about characters that went into no line, table or
    exclusion (issue 20): text must never be lost without a trace."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "in no line or table" in message:
            self.messages.append(message)


@pytest.fixture(autouse=True)
def no_text_lost() -> Iterator[None]:
    """Every PDF any test reads in this process (in the test process itself, not in worker
    processes) keeps all of its text."""
    handler = _UnplacedText()
    logger = logging.getLogger("pipeline.read")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        pytest.fail(f"text lost while reading: {handler.messages[:3]}")
