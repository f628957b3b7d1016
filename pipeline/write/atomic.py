"""Atomic writes: a file, or a set of files, is either complete in its place or not there.

Every file of the write stage goes through here: it is written under a temporary name
(`.writing-...`) beside its target and renamed into place, so a run killed halfway never leaves
a half-written file behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMPORARY_PREFIX = ".writing-"
"""The name every temporary file and folder of an atomic write starts with."""


def write_text_atomic(path: Path, text: str) -> None:
    """Write a UTF-8 text file under a temporary name, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def staging_folder(output_dir: Path) -> Iterator[Path]:
    """A temporary folder inside output_dir for files to move into place together
    (`move_into_place`); removed afterwards with whatever is left in it."""
    staging = Path(tempfile.mkdtemp(prefix=TEMPORARY_PREFIX, dir=output_dir))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def move_into_place(staging: Path, output_dir: Path) -> list[Path]:
    """Rename every file of the staging folder into output_dir, one by one; their new paths."""
    moved = []
    for staged in staging.iterdir():
        target = output_dir / staged.name
        os.replace(staged, target)
        moved.append(target)
    return moved
