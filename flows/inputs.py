"""The inputs of a run: the PDF files named or found in the folders given, and what is wrong
with them when they cannot be used."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class UsageError(Exception):
    """Wrong arguments; the message tells the user what to change."""


def collect_pdfs(inputs: Sequence[Path]) -> list[Path]:
    """PDF files named directly or found (recursively) in the folders given, in stable order."""
    found: list[Path] = []
    for item in inputs:
        if item.is_dir():
            root = item.resolve()
            found += sorted(
                p
                for p in item.rglob("*")
                if p.suffix.lower() == ".pdf" and p.is_file() and _inside(p.resolve(), root)
            )
        elif item.is_file():
            found.append(item)
        else:
            raise UsageError(f"Input not found: {item}")
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise UsageError("No PDF files found in the inputs given.")
    return unique


def _inside(path: Path, root: Path) -> bool:
    """A file found in an input folder must really live there: links leading out are skipped."""
    return path == root or root in path.parents


def count_pages(pdf: Path) -> int:
    """Page count for the progress bar, read quickly with pypdfium2 (0 if unreadable)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(pdf))
    except Exception:
        return 0
    try:
        return len(document)
    finally:
        document.close()
