"""The output folder as a dataset: runs add documents, --replace, remove, identical files."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import sample_pdfs

from flows.cli import EXIT_ALL_FAILED_OR_USAGE, EXIT_OK, main
from pipeline.write.cache import DocumentOutcome, ResultStore, failed_result, now, result_key
from pipeline.write.dataset import (
    DATASET_FILE,
    DatasetError,
    distinct_documents,
    load_dataset,
    merge_dataset,
    remove_documents,
    save_dataset,
    select_documents,
)

VERSIONS = ("1.0", "rules-1")


def _stored(store: ResultStore, path: Path, sha256: str) -> DocumentOutcome:
    """A stored (failed) result: cheap, and it has rows like any other."""
    result = failed_result(path, sha256, *VERSIONS, error="The PDF is damaged.", started=now())
    return store.save(result, result_key(sha256, *VERSIONS, "{}"))


def test_a_batch_adds_to_and_updates_the_earlier_dataset(tmp_path: Path) -> None:
    store = ResultStore(tmp_path / "state")
    a = _stored(store, tmp_path / "a.pdf", "aa" * 32)
    b = _stored(store, tmp_path / "b.pdf", "bb" * 32)
    gone = _stored(store, tmp_path / "gone.pdf", "dd" * 32)
    Path(gone.result_file).unlink()  # the state folder lost it
    b_new = _stored(store, tmp_path / "b.pdf", "b2" * 32)
    c = _stored(store, tmp_path / "c.pdf", "cc" * 32)
    merged = merge_dataset([c, b_new], [a, b, gone])
    assert [Path(d.source_file).name for d in merged.documents] == ["a.pdf", "b.pdf", "c.pdf"]
    assert merged.documents[1].sha256 == "b2" * 32  # updated in its place
    assert merged.kept == 1
    assert merged.lost == [str(tmp_path / "gone.pdf")]
    assert merge_dataset([c], []).documents == [c]


def test_identical_content_is_one_document(tmp_path: Path) -> None:
    store = ResultStore(tmp_path / "state")
    first = _stored(store, tmp_path / "x" / "a.pdf", "aa" * 32)
    copy = first.model_copy(update={"source_file": str(tmp_path / "y" / "a.pdf")})
    other = _stored(store, tmp_path / "b.pdf", "bb" * 32)
    unreadable = [
        DocumentOutcome(source_file=str(tmp_path / f"{n}.pdf"), result_file="r", status="failed")
        for n in ("u", "v")
    ]
    distinct = distinct_documents([first, other, copy, *unreadable])
    assert distinct.documents == [first, other, *unreadable]
    assert distinct.duplicates == {first.source_file: [copy.source_file]}
    assert distinct.duplicate_pairs == [(copy.source_file, first.source_file)]


def test_documents_are_named_by_id_path_or_unique_file_name(tmp_path: Path) -> None:
    store = ResultStore(tmp_path / "state")
    a = _stored(store, tmp_path / "x" / "a.pdf", "a1" * 32)
    b = _stored(store, tmp_path / "y" / "a.pdf", "b1" * 32)
    c = _stored(store, tmp_path / "c.pdf", "c1" * 32)
    documents = [a, b, c]
    assert select_documents(documents, "a1" * 8) == [a]  # document_id
    assert a.document_id == "a1" * 8
    assert select_documents(documents, "b1b1b1b1b1") == [b]  # start of the sha256
    assert select_documents(documents, str(tmp_path / "y" / "a.pdf")) == [b]
    assert select_documents(documents, "c.pdf") == [c]
    assert select_documents(documents, "missing.pdf") == []
    with pytest.raises(DatasetError, match=r"'a\.pdf' names 2 files"):
        select_documents(documents, "a.pdf")


def test_remove_rewrites_the_outputs_without_the_document(tmp_path: Path) -> None:
    from pipeline.write.cache import load_rows
    from pipeline.write.tables import write_document_rows

    store, out = ResultStore(tmp_path / "state"), tmp_path / "out"
    a = _stored(store, tmp_path / "a.pdf", "aa" * 32)
    b = _stored(store, tmp_path / "b.pdf", "bb" * 32)
    with pytest.raises(DatasetError, match="has no record of its documents"):
        remove_documents(out, ["a.pdf"])
    write_document_rows([load_rows(a), load_rows(b)], out)
    save_dataset(out, [a, b])
    assert (out / DATASET_FILE).is_file()
    with pytest.raises(DatasetError, match=r"No document 'z\.pdf' in "):
        remove_documents(out, ["a.pdf", "z.pdf"])
    assert len(pd.read_csv(out / "documenten.csv")) == 2  # nothing changed
    assert remove_documents(out, ["a.pdf"]) == [a]
    assert pd.read_csv(out / "documenten.csv")["source_file"].tolist() == [b.source_file]
    assert [d.source_file for d in load_dataset(out)] == [b.source_file]
    Path(b.result_file).unlink()
    c = _stored(store, tmp_path / "c.pdf", "cc" * 32)
    save_dataset(out, [b, c])
    with pytest.raises(DatasetError, match=r"stored results of 1 document\(s\) .* are gone"):
        remove_documents(out, ["c.pdf"])


@pytest.mark.slow
def test_runs_add_to_the_dataset_until_replaced_or_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wolderwijk, _, eemdal = sample_pdfs()
    first, second, out = tmp_path / "in1", tmp_path / "in2", tmp_path / "out"
    first.mkdir()
    second.mkdir()
    shutil.copy(wolderwijk, first / "a.pdf")
    shutil.copy(eemdal, second / "b.pdf")
    options = ["--output", str(out), "--no-progress", "--state-dir", str(tmp_path / "state")]

    assert main(["run", str(first), *options]) == EXIT_OK
    capsys.readouterr()
    assert main(["run", str(second / "b.pdf"), *options]) == EXIT_OK
    console = capsys.readouterr().err
    assert f"1 document(s) kept from earlier runs in {out} (--replace" in console
    names = pd.read_csv(out / "documenten.csv")["source_file"].map(lambda s: Path(s).name)
    assert names.tolist() == ["a.pdf", "b.pdf"]
    assert len(pd.read_parquet(out / "afspraken.parquet")) == 60 + 40

    (first / "a.pdf").unlink()  # a document whose file is gone stays
    assert main(["run", str(second), *options]) == EXIT_OK
    assert len(pd.read_parquet(out / "afspraken.parquet")) == 100

    assert main(["remove", "nothing.pdf", "--output", str(out)]) == EXIT_ALL_FAILED_OR_USAGE
    assert "No document 'nothing.pdf' in" in capsys.readouterr().err
    assert main(["remove", "a.pdf", "--output", str(out)]) == EXIT_OK
    console = capsys.readouterr().err
    assert f"removed {(first / 'a.pdf').resolve()}" in console
    assert "1 document(s) removed" in console
    assert len(pd.read_parquet(out / "afspraken.parquet")) == 40

    assert main(["run", str(first.parent / "in2"), *options]) == EXIT_OK
    shutil.copy(wolderwijk, first / "a.pdf")
    assert main(["run", str(first), *options, "--replace"]) == EXIT_OK
    assert "kept from earlier runs" not in capsys.readouterr().err
    names = pd.read_csv(out / "documenten.csv")["source_file"].map(lambda s: Path(s).name)
    assert names.tolist() == ["a.pdf"]


@pytest.mark.slow
def test_the_same_file_in_two_folders_counts_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    eemdal = sample_pdfs()[-1]
    for folder in ("x", "y"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        shutil.copy(eemdal, tmp_path / "in" / folder / "eemdal.pdf")
    out = tmp_path / "out"
    args = ["run", str(tmp_path / "in"), "--output", str(out), "--no-progress"]
    assert main([*args, "--state-dir", str(tmp_path / "state")]) == EXIT_OK
    console = capsys.readouterr().err
    x, y = ((tmp_path / "in" / f / "eemdal.pdf").resolve() for f in ("x", "y"))
    assert f"{y} has the same content as {x}: counted once" in " ".join(console.split())
    assert "40 agreements" in console
    documenten = pd.read_csv(out / "documenten.csv", keep_default_na=False)
    assert documenten["source_file"].tolist() == [str(x)]
    assert documenten["duplicate_files"].tolist() == [str(y)]
    afspraken = pd.read_parquet(out / "afspraken.parquet")
    assert len(afspraken) == 40 and afspraken["afspraak_id"].is_unique
    with duckdb.connect(str(out / "prestatieafspraken.duckdb"), read_only=True) as con:
        assert con.sql("SELECT documenten, afspraken FROM vergelijking").fetchall() == [(1, 40)]
