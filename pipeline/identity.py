"""Identities that stay the same when the same file is read again: a document's id comes from
its content, so a renamed or moved file keeps its rows."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

LIBRARY_ROOT = Path(__file__).resolve().parent
"""The library's own folder (`pipeline/`): its code and reference data make the labels."""


def file_sha256(path: Path) -> str:
    """The sha256 of a file's content ('' when it cannot be read)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def document_id(sha256: str, path: Path) -> str:
    """The document's id: from its content, or from its path when it cannot be read."""
    if sha256:
        return sha256[:16]
    return "path-" + hashlib.sha256(str(path).encode()).hexdigest()[:11]


@functools.cache
def code_digest(root: Path = LIBRARY_ROOT) -> str:
    """A digest of the library's code and reference data (every file under `root` that is not
    compiled bytecode), read once per process.

    Part of the result cache's key: the package version alone stays the same while the code
    changes in a checkout, and results labelled by other code were reused as if current.
    """
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
