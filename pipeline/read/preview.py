"""The read stage's quick look: a PDF file in, `TextPreview` out, before the full read.

Reading a page in full (pdfplumber's characters, lines and tables) takes 75-100 ms, OCR of a
scanned page seconds; pdfium extracts a page's text layer in about a millisecond. An audit
office's folder holds manuals, annexes and scanned letter archives beside the agreements
(issue 20), and the document gate tells the clear cases apart from this text alone, so the
stage list (`pipeline.process`) takes it first, for documents of a few pages or more. The
first pages and pages at even steps over the rest are taken; when they have (almost) no text
layer (a scan), the first pages are OCR'd at a low resolution. Each page's streams are checked
against the decompression limits first (`pipeline.read.guards`; images only on pages that are
OCR'd: extracting text does not decode them). When anything goes wrong there is no preview
(None): the full read then reads the file and reports what is wrong with it, as without the
quick look.
"""

from __future__ import annotations

import io
import logging
from itertools import islice
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfpage import PDFPage

from pipeline.models import TextPreview
from pipeline.read.guards import check_streams, closing_quietly, read_bytes
from pipeline.read.ocr import ocr_page_text, ocr_unavailable_reason
from pipeline.read.settings import PreviewSettings, ReadSettings

log = logging.getLogger(__name__)


def preview_document(
    path: Path, settings: ReadSettings, preview: PreviewSettings | None = None
) -> TextPreview | None:
    """The text of the PDF's first pages and of pages spread over the rest (OCR'd first pages
    for a scan); None when the file cannot be looked at quickly (the full read tells why)."""
    preview = preview or PreviewSettings()
    try:
        data = read_bytes(path, settings)
        return _preview(data, settings, preview)
    except Exception:  # whatever it is, the full read meets it again and reports it
        log.debug("no quick look at %s", path, exc_info=True)
        return None


def preview_pages(count: int, preview: PreviewSettings) -> list[int]:
    """The pages (1-based) taken: the first `first_pages`, then up to `spread_pages` at even
    steps over the rest."""
    first = list(range(1, min(count, preview.first_pages) + 1))
    rest = count - len(first)
    take = min(rest, preview.spread_pages)
    if take <= 0:
        return first
    step = rest / take
    return first + sorted({len(first) + 1 + int(i * step) for i in range(take)})


def _preview(data: bytes, settings: ReadSettings, preview: PreviewSettings) -> TextPreview | None:
    """The preview of a PDF's bytes; None when it has too few pages to be worth it or too
    many, or its page trees disagree (a stream beyond the limits raises `ReadError`)."""
    password = settings.password or None
    document = pdfium.PdfDocument(data, password=password)
    try:
        count = len(document)
        if count < preview.min_pages or count > settings.max_pages:
            return None
        numbers = preview_pages(count, preview)
        with closing_quietly(pdfplumber.open(io.BytesIO(data), password=password)) as pdf:
            objects = _page_objects(pdf, numbers)
            if objects is None:
                return None
            checked: set[int] = set()
            for number in numbers:
                check_streams(objects[number], number, settings, checked, images=False)
            texts = {number: _page_text(document, number) for number in numbers}
            ocr = _scanned_pages(texts, count, settings, preview)
            for number in ocr:
                check_streams(objects[number], number, settings, set(), images=True)
                texts[number] = _ocr_text(document, number, settings, preview)
    finally:
        document.close()
    text = "\n".join(texts[number] for number in numbers)
    return TextPreview(page_count=count, pages=numbers, ocr_pages=len(ocr), text=text)


def _ocr_text(document: Any, number: int, settings: ReadSettings, preview: PreviewSettings) -> str:
    """One page's words as OCR reads them at the quick look's resolution."""
    page = document[number - 1]
    try:
        return ocr_page_text(page, settings.ocr, preview.ocr_dpi)
    finally:
        page.close()


def _page_objects(pdf: Any, numbers: list[int]) -> dict[int, Any] | None:
    """pdfminer's page objects of the pages taken (for the stream checks); None when its page
    tree has fewer pages than pdfium's."""
    wanted = set(numbers)
    objects = {
        number: page
        for number, page in enumerate(islice(PDFPage.create_pages(pdf.doc), max(numbers)), 1)
        if number in wanted
    }
    return objects if len(objects) == len(wanted) else None


def _page_text(document: Any, number: int) -> str:
    """The text layer of one page as pdfium extracts it."""
    page = document[number - 1]
    try:
        textpage = page.get_textpage()
        try:
            return str(textpage.get_text_range())
        finally:
            textpage.close()
    finally:
        page.close()


def _scanned_pages(
    texts: dict[int, str], count: int, settings: ReadSettings, preview: PreviewSettings
) -> list[int]:
    """The first pages to OCR: none unless the pages taken have fewer characters of text than
    the full read needs on one page before it OCRs it (`ocr.min_chars`), on average, and OCR
    can run, in a document of `ocr_min_pages` or more; then up to `ocr_pages` of the first
    pages without a text layer."""
    least = settings.ocr.min_chars
    chars = sum(len(text.strip()) for text in texts.values())
    if not preview.ocr_pages or chars >= least * len(texts):
        return []
    if count < preview.ocr_min_pages:
        return []
    if ocr_unavailable_reason(settings.ocr):
        return []
    bare = [number for number, text in texts.items() if len(text.strip()) < least]
    return bare[: preview.ocr_pages]
