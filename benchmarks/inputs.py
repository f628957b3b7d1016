"""Inputs of the benchmark: sample agreements generated at controlled sizes, kept in a cache.

In: the sizes and layouts wanted. Out: PDF paths under the cache folder (git-ignored
`.state/bench/inputs/<key>/`), where the key changes with `samples/`, so a changed
generator gives fresh inputs. Documents are made by `samples.build_sample_pdf`
(deterministic), batches are distinct 10-page documents (different municipality and seed each,
so every file has its own content and cache key).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import samples as samples

INPUTS_VERSION = "1"
BATCH_PAGES = 10
MUNICIPALITIES = ("Benchdorp", "Meetveen", "Proefhaven", "Toetsmeer", "Rekenwoude")


@dataclass(frozen=True)
class InputDoc:
    """One generated agreement PDF."""

    path: Path
    layout: str
    target_pages: int
    pages: int
    agreements: int

    def to_json(self) -> dict[str, object]:
        """Plain data for the results file."""
        return {**asdict(self), "path": str(self.path)}


def inputs_dir(cache: Path) -> Path:
    """The folder of this generator version's inputs."""
    package = Path(samples.__file__).parent
    generator = b"".join(f.read_bytes() for f in sorted(package.glob("*.py")))
    key = hashlib.sha256(generator + INPUTS_VERSION.encode()).hexdigest()[:12]
    return cache / "inputs" / key


def sized_document(cache: Path, layout: str, pages: int) -> InputDoc:
    """A document of `layout` with about `pages` pages (generated once, then reused)."""
    folder = inputs_dir(cache) / "sized"
    return _document(folder / f"{layout}_{pages}p.pdf", layout, "Benchdorp", 7, pages)


def batch(cache: Path, size: int) -> tuple[Path, list[InputDoc]]:
    """A folder holding `size` distinct 10-page documents (the first ones of the 100 series)."""
    root = inputs_dir(cache)
    docs = [
        _document(
            root / "series" / f"doc{i:03d}.pdf",
            samples.LAYOUTS[i % len(samples.LAYOUTS)],
            MUNICIPALITIES[i % len(MUNICIPALITIES)],
            100 + i,
            BATCH_PAGES,
        )
        for i in range(size)
    ]
    folder = root / f"batch_{size}"
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {d.path.name for d in docs}
    for stale in folder.glob("*.pdf"):
        if stale.name not in wanted:
            stale.unlink()
    for doc in docs:
        link = folder / doc.path.name
        if not link.exists():
            os.link(doc.path, link)
    return folder, [_relocated(d, folder / d.path.name) for d in docs]


def tiny_document(cache: Path) -> InputDoc:
    """The smallest document the generator makes (for the harness's own test)."""
    folder = inputs_dir(cache) / "sized"
    return _document(folder / "bullets_3p.pdf", "bullets", "Benchdorp", 7, 3)


def _relocated(doc: InputDoc, path: Path) -> InputDoc:
    return InputDoc(path, doc.layout, doc.target_pages, doc.pages, doc.agreements)


def _document(path: Path, layout: str, municipality: str, seed: int, pages: int) -> InputDoc:
    meta = path.with_suffix(".json")
    if path.is_file() and meta.is_file():
        info = json.loads(meta.read_text(encoding="utf-8"))
        return InputDoc(path, layout, pages, int(info["pages"]), int(info["agreements"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}")
    truth = samples.build_sample_pdf(
        layout, partial, municipality=municipality, seed=seed, target_pages=pages
    )
    partial.replace(path)
    info = {"pages": truth.page_count, "agreements": len(truth.agreements)}
    meta.write_text(json.dumps(info), encoding="utf-8")
    return InputDoc(path, layout, pages, truth.page_count, len(truth.agreements))


def total_pages(docs: Sequence[InputDoc]) -> int:
    """Pages of all documents together."""
    return sum(d.pages for d in docs)
