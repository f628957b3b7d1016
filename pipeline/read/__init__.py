"""Stage 1, read: a PDF file in, `DocumentContent` out.

pdfplumber gives characters with positions and fonts; from them this stage builds clean text
lines (running headers/footers removed, hyphenated breaks joined, bullet glyphs normalised,
headings marked) and ruled tables (header row found, merged cells filled from the cell
geometry, tables continued on the next page stitched into one). The table finder only runs on
pages that have ruling lines, because it is the expensive part. `pipeline.read.layout` finds, from
the word positions, tables aligned by whitespace only and two-column bands, whose columns are
read one after the other; text drawn turned on the page is read from a turned view of it.

A page without a usable text layer (a scan) is read with OCR (`pipeline.read.ocr`) into the same
lines and tables, marked `ocr=True`. Hostile or broken files end in a `ReadError` with a
sentence for the user: limits on file size, pages and decoded stream size keep one file
from taking the batch's time and memory, and a file that cannot be parsed is retried once after
pdfium has rewritten it (pdfium rebuilds a broken cross-reference table).

Modules: `document` (read_document, the page loop, text accounting), `pages` (one page view:
turned text, rulings, text lines, reading order), `tables` (ruled and whitespace tables,
header row, stitching), `lines` (running headers/footers, hyphenation, headings), `chars`
(character conversion, duplicate characters), `guards` (file and stream limits, open
errors), `ocr`, `layout`, `raw` (the raw types), `settings`, and `preview` (`preview_document`:
the quick look at a PDF's text layer, or its first pages OCR'd, before the full read).
"""

from pipeline.read.document import read_document
from pipeline.read.preview import preview_document
from pipeline.read.settings import (
    LayoutSettings,
    OcrSettings,
    PreviewSettings,
    ReadError,
    ReadSettings,
)

__all__ = [
    "LayoutSettings",
    "OcrSettings",
    "PreviewSettings",
    "ReadError",
    "ReadSettings",
    "preview_document",
    "read_document",
]
