"""The read-stage store: a document labelled again is not read again, unless its file, the
code or the read settings changed; damaged entries and failures are never reused."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

import pipeline.write.contents as contents_module
from pipeline.models import DocumentContent
from pipeline.process import PipelineSettings, process_document
from pipeline.read import ReadError, ReadSettings, read_document
from pipeline.write.contents import ContentStore, content_key
from samples import Heading, Para, numbered, render_pdf

ITEMS = [
    "Woonstede bouwt in 2026 veertig sociale huurwoningen aan de Molenweg.",
    "De gemeente stelt jaarlijks 50.000 euro beschikbaar voor buurtinitiatieven.",
    "Partijen overleggen twee keer per jaar over de voortgang.",
]


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "rijnburg-2026.pdf"
    path.parent.mkdir()
    blocks = [
        Para("Prestatieafspraken 2026-2029", style="title"),
        Para("Gemeente Rijnburg, Woonstede en Huurdersraad Rijnburg", style="subtitle"),
        Heading("Artikel 1 Afspraken"),
        numbered((f"1.{i + 1}", t) for i, t in enumerate(ITEMS)),
    ]
    render_pdf(blocks, path)
    return path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the read stage really read (the store's fallback to `read_document`)."""
    calls: list[Path] = []

    def counting(path: Path, settings: ReadSettings | None = None) -> DocumentContent:
        calls.append(path)
        return read_document(path, settings)

    monkeypatch.setattr(contents_module, "read_document", counting)
    return calls


def test_a_file_is_read_once_and_then_taken_from_the_store(
    pdf: Path, tmp_path: Path, reads: list[Path]
) -> None:
    store = ContentStore(tmp_path / "state")
    first = store.read(pdf)
    assert reads == [pdf]
    entries = sorted((tmp_path / "state" / "read").rglob("*.content.json"))
    assert len(entries) == 1
    copy = tmp_path / "elders" / "kopie.pdf"
    copy.parent.mkdir()
    shutil.copy(pdf, copy)
    again = store.read(copy)
    assert reads == [pdf]  # the same content under another name: not read again
    assert again.source_file == str(copy)
    assert again.model_dump(exclude={"source_file"}) == first.model_dump(exclude={"source_file"})
    assert [b.text for b in again.blocks] == [b.text for b in first.blocks]


def test_other_read_settings_read_the_file_again(
    pdf: Path, tmp_path: Path, reads: list[Path]
) -> None:
    store = ContentStore(tmp_path / "state")
    store.read(pdf)
    other = ReadSettings(running_zone=0.1)
    assert content_key("ab" * 32, other) != content_key("ab" * 32, ReadSettings())
    store.read(pdf, other)
    store.read(pdf, other)
    assert reads == [pdf, pdf]


def test_a_damaged_entry_is_read_again_and_replaced(
    pdf: Path, tmp_path: Path, reads: list[Path], caplog: pytest.LogCaptureFixture
) -> None:
    store = ContentStore(tmp_path / "state")
    first = store.read(pdf)
    (entry,) = (tmp_path / "state" / "read").rglob("*.content.json")
    entry.write_text('{"source_file": "cut off', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        again = store.read(pdf)
    assert reads == [pdf, pdf]
    assert "is damaged" in caplog.text
    assert again == first
    assert DocumentContent.model_validate_json(entry.read_text(encoding="utf-8")) == first


def test_a_file_that_cannot_be_read_is_not_stored(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really a pdf")
    store = ContentStore(tmp_path / "state")
    with pytest.raises(ReadError):
        store.read(broken)
    assert not list((tmp_path / "state").rglob("*.content.json"))


@pytest.mark.model
def test_labels_from_a_stored_read_are_those_of_a_fresh_read(
    pdf: Path, tmp_path: Path, reads: list[Path]
) -> None:
    store = ContentStore(tmp_path / "state")
    settings = PipelineSettings()
    fresh = process_document(pdf, settings)
    store.read(pdf, settings.read)
    stored = process_document(pdf, settings, read=store.read)
    assert reads == [pdf]
    assert stored.status == fresh.status == "ok"
    assert len(stored.agreements) == len(fresh.agreements) == 3
    assert [a.model_dump() for a in stored.agreements] == [a.model_dump() for a in fresh.agreements]
