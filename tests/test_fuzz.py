"""Fuzzing: damaged copies of sample PDFs give a `ReadError` or a result, never a crash.

The seeds are two small agreements drawn by the sample generator (`samples`: running
header, bullets, numbered items, an actor table), so that each example reads in well under a
second and the whole run stays bounded in CI. Hypothesis flips, inserts, deletes and overwrites
bytes and truncates the files; read + segment must either succeed or raise `ReadError`, each
within a bounded time. A crash found this way is fixed and its smallest input kept under
tests/data/regression/, named after the bug, and replayed here.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.label.segment import segment_document
from pipeline.read import ReadError, ReadSettings, read_document
from samples import Heading, Para, TableBlock, bullets, numbered, render_pdf

REGRESSION = REPO / "tests" / "data" / "regression"
SECONDS_PER_CALL = 30.0  # generous: CI machines are shared; the worker timeout is the real bound
# OCR is off: a mutation that wipes the text layer must fail fast, not start Tesseract.
READ = ReadSettings(ocr={"enabled": False})  # type: ignore[arg-type]


def _seed_pdfs() -> list[bytes]:
    folder = Path(tempfile.mkdtemp(prefix="prestatie-fuzz-"))
    lists = folder / "lists.pdf"
    render_pdf(
        [
            Heading("2 Betaalbaarheid"),
            Para("De partijen spreken het volgende af:"),
            bullets(
                [
                    "De corporatie realiseert in 2025 veertig sociale huurwoningen.",
                    "De gemeente stelt jaarlijks € 50.000 beschikbaar voor schuldhulp.",
                ]
            ),
            numbered([("2.1", "Partijen overleggen twee keer per jaar over de voortgang.")]),
        ],
        lists,
        header="Prestatieafspraken Gemeente Testdorp 2025",
    )
    table = folder / "table.pdf"
    render_pdf(
        [
            Heading("3 Beschikbaarheid"),
            TableBlock(
                header=("Afspraak", "Gemeente", "Corporatie"),
                rows=(
                    ("Passend toewijzen", "Neemt voorlichting op zich.", "Wijst 95% toe."),
                    ("Huurachterstanden", "Biedt schuldhulp.", "Belt binnen een week."),
                ),
            ),
        ],
        table,
    )
    return [lists.read_bytes(), table.read_bytes()]


SAMPLES = _seed_pdfs()


@st.composite
def damaged_pdf(draw: st.DrawFn) -> bytes:
    data = bytearray(SAMPLES[draw(st.integers(0, len(SAMPLES) - 1))])
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "overwrite"]))
        # The header stays: a file without one is refused before parsing (tests/test_errors.py).
        if len(data) <= 17:
            break
        at = draw(st.integers(16, len(data) - 1))
        if kind == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 512))]
        elif kind == "truncate":
            del data[at:]
        else:
            chunk = draw(st.sampled_from([b"0", b" ", b"<<", b">>", b"/Length 999999", b"obj"]))
            data[at : at + len(chunk)] = chunk
    return bytes(data)


def _read_and_segment(path: Path) -> None:
    started = time.monotonic()
    try:
        segment_document(read_document(path, READ))
    except ReadError as exc:
        assert str(exc)
    assert time.monotonic() - started < SECONDS_PER_CALL


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=damaged_pdf())
def test_damaged_samples_give_read_error_or_result(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "damaged.pdf"
    path.write_bytes(data)
    _read_and_segment(path)


@pytest.mark.parametrize("pdf", sorted(REGRESSION.glob("*.pdf")), ids=lambda p: p.stem)
def test_regression_files_give_read_error_or_result(pdf: Path) -> None:
    _read_and_segment(pdf)
