"""Identities that stay the same when the same file is read again: a document's id comes from
its content, so a renamed or moved file keeps its rows."""

from __future__ import annotations

import hashlib
from pathlib import Path


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
