"""The per-document memory limit of worker processes (stops decompression bombs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.process import process_document


def test_memory_limit_turns_a_huge_allocation_into_memory_error() -> None:
    code = (
        "from flows.workers import apply_memory_limit\n"
        "apply_memory_limit(512)\n"
        "try:\n"
        "    bytearray(2 * 1024 ** 3)\n"
        "except MemoryError:\n"
        "    print('stopped')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "stopped"


def test_memory_error_becomes_a_clear_failed_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = tmp_path / "bomb.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")

    def explode(*_args: object, **_kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr("pipeline.process.read_document", explode)
    result = process_document(pdf)
    assert result.status == "failed"
    assert result.error.startswith("The file needs more memory than the per-document limit")
