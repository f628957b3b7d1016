"""Read-stage store: what the read stage found in a file, kept in the state folder so that
labelling a document again (after `prestatie learn`, or with other label settings) does not
read its PDF again.

The key is the sha256 of the file's content, the library's code digest and the read settings:
another file, other code or other settings read the PDF again. A damaged entry is read again
and replaced. Files are written atomically, so a run killed halfway leaves whole entries.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from pydantic import ValidationError

from pipeline.identity import code_digest, file_sha256
from pipeline.models import DocumentContent, TextPreview
from pipeline.read import PreviewSettings, ReadSettings, preview_document, read_document
from pipeline.write.atomic import write_text_atomic

CONTENTS_DIR = "read"
CONTENT_SUFFIX = ".content.json"
log = logging.getLogger(__name__)


def content_key(sha256: str, settings: ReadSettings) -> str:
    """The store key of a file's read result under these settings and this code."""
    versions = f"{code_digest()}|{settings.model_dump_json()}"
    return f"{sha256[:32]}-{hashlib.sha256(versions.encode()).hexdigest()[:12]}"


class ContentStore:
    """Read results under `<state folder>/read/`, one JSON file per file and read settings."""

    def __init__(self, root: Path) -> None:
        self.root = root / CONTENTS_DIR

    def path(self, key: str) -> Path:
        """Where the read result of this key lives (whether or not it exists yet)."""
        return self.root / key[:2] / f"{key}{CONTENT_SUFFIX}"

    def preview(
        self, path: Path, settings: ReadSettings, preview: PreviewSettings
    ) -> TextPreview | None:
        """The quick look at the file before its full read (`preview_document`); None when its
        read result is stored: judging that costs less, and no PDF is read again."""
        if self.path(content_key(file_sha256(path), settings)).exists():
            return None
        return preview_document(path, settings, preview)

    def read(self, path: Path, settings: ReadSettings | None = None) -> DocumentContent:
        """The read stage's result for the file: from the store when it holds it, else read
        (ReadError as `read_document` raises it; a failure is never stored) and stored."""
        settings = settings or ReadSettings()
        stored = self.path(content_key(file_sha256(path), settings))
        try:
            content = DocumentContent.model_validate_json(stored.read_text(encoding="utf-8"))
            return content.model_copy(update={"source_file": str(path)})
        except FileNotFoundError:
            pass
        except (OSError, ValidationError, UnicodeDecodeError) as exc:
            log.warning("stored read result %s is damaged (%s); reading the PDF again", stored, exc)
        content = read_document(path, settings)
        try:
            stored.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(stored, content.model_dump_json())
        except OSError as exc:
            log.warning("could not store the read result of %s: %s", path, exc)
        return content
