"""The read stage's document: a PDF file in, `DocumentContent` out.

The file is checked (`pipeline.read.guards`), its pages are read one by one from their text
layer (`pipeline.read.pages`) or with OCR (`pipeline.read.ocr`), and the raw lines and tables
become the document's blocks in reading order: running headers and footers removed,
hyphenated words joined, headings marked (`pipeline.read.lines`), tables continued on the next
page stitched (`pipeline.read.tables`). A file that cannot be parsed is retried once after
pdfium has rewritten it (pdfium rebuilds a broken cross-reference table). Every printed
character is accounted for (`TextAccount`).
"""

from __future__ import annotations

import hashlib
import io
import logging
from itertools import islice
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfpage import PDFPage

from pipeline.models import Block, DocumentContent, ExcludedText, TextAccount
from pipeline.read.chars import convert_chars_quickly
from pipeline.read.guards import (
    Damaged,
    OpenError,
    check_streams,
    closing_quietly,
    open_error,
    read_bytes,
)
from pipeline.read.lines import (
    body_font_size,
    is_running,
    join_hyphenated,
    running_line_keys,
    to_text_line,
)
from pipeline.read.ocr import PageOcr
from pipeline.read.pages import read_page
from pipeline.read.raw import RawPage, line_key, reading_key
from pipeline.read.settings import ReadError, ReadSettings
from pipeline.read.tables import spell_ocr_headers, stitch_tables, to_table

log = logging.getLogger(__name__)


def read_document(path: Path, settings: ReadSettings | None = None) -> DocumentContent:
    """Read one PDF into clean lines and stitched tables in reading order."""
    settings = settings or ReadSettings()
    data = read_bytes(path, settings)
    pages = _read_pages(data, settings)
    running = running_line_keys(pages, settings)
    body_size = body_font_size(pages, settings)
    blocks: list[Block] = []
    excluded: list[ExcludedText] = []
    for page in pages:
        blocks += _page_blocks(page, running, body_size, settings, excluded)
    blocks = spell_ocr_headers(stitch_tables(blocks, settings), settings)
    return DocumentContent(
        source_file=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=len(pages),
        blocks=blocks,
        first_page_text="\n".join(ln.text for ln in pages[0].lines) if pages else "",
        last_pages_text="\n".join(ln.text for p in pages[-2:] for ln in p.lines),
        removed_running_lines=sorted(running),
        excluded=excluded,
        damaged_pages=[p.number for p in pages if p.damaged],
        account=_text_account(pages, excluded),
    )


def _page_blocks(
    page: RawPage,
    running: set[str],
    body_size: float,
    settings: ReadSettings,
    excluded: list[ExcludedText],
) -> list[Block]:
    """The blocks of one page in reading order; its running lines and watermark are added
    to `excluded`."""
    lines = []
    for line in page.lines:
        if is_running(line, running, settings):
            excluded.append(
                ExcludedText(
                    page=page.number, reason="header_footer", text=line.text, chars=line.chars
                )
            )
        else:
            lines.append(line)
    if page.watermark_chars:
        excluded.append(
            ExcludedText(
                page=page.number,
                reason="watermark",
                text=page.watermark,
                chars=page.watermark_chars,
            )
        )
    lines = join_hyphenated(lines, settings)
    items: list[tuple[tuple[float, int, float], Block]] = [
        (line_key(ln), to_text_line(ln, body_size, settings)) for ln in lines
    ]
    items += [(reading_key(t.bbox[1], t.band), to_table(t, settings)) for t in page.tables]
    return [block for _, block in sorted(items, key=lambda item: item[0])]


def _text_account(pages: list[RawPage], excluded: list[ExcludedText]) -> TextAccount:
    """Where the text layer's characters went. Characters in no line, table or exclusion are
    logged as a warning, so that text is never lost without a trace."""
    header_footer = sum(e.chars for e in excluded if e.reason == "header_footer")
    chars = in_lines = in_tables = watermark = unplaced = 0
    for page in pages:
        page_lines = sum(ln.chars for ln in page.lines)  # headers and footers included
        page_tables = sum(t.chars for t in page.tables)
        missing = max(page.chars - page_lines - page_tables - page.watermark_chars, 0)
        if missing:
            log.warning(
                "page %d: %d printed character(s) in no line or table", page.number, missing
            )
        chars += page.chars
        in_lines += page_lines
        in_tables += page_tables
        watermark += page.watermark_chars
        unplaced += missing
    return TextAccount(
        chars=chars,
        in_lines=in_lines - header_footer,
        in_tables=in_tables,
        excluded=header_footer + watermark,
        unplaced=unplaced,
    )


def _read_pages(data: bytes, settings: ReadSettings) -> list[RawPage]:
    """All pages of the PDF; a file that cannot be parsed, or has pages that cannot, is
    retried once after a repair. Damaged pages are kept empty, marked `damaged`, when other
    pages could be read (issue 20): the readable pages are not thrown away with them."""
    try:
        pages = _parse_pages(data, settings)
    except Damaged as damaged:
        repaired = _repaired(data, settings)
        if repaired is None:
            raise damaged.error from None
        log.info("retrying a damaged PDF after pdfium rewrote it (%s)", damaged)
        try:
            return _parse_pages(repaired, settings)
        except Damaged:
            raise damaged.error from None
    if not any(p.damaged for p in pages):
        return pages
    repaired = _repaired(data, settings)
    if repaired is not None:
        log.info("retrying a PDF with damaged pages after pdfium rewrote it")
        try:
            again = _parse_pages(repaired, settings)
        except (Damaged, ReadError):
            return pages
        if sum(bool(p.damaged) for p in again) < sum(bool(p.damaged) for p in pages):
            return again
    return pages


def _repaired(data: bytes, settings: ReadSettings) -> bytes | None:
    """The PDF as pdfium rewrites it (cross-reference table rebuilt), or None if it cannot."""
    try:
        document = pdfium.PdfDocument(data, password=settings.password or None)
        try:
            if len(document) == 0 or len(document) > settings.max_pages:
                return None
            buffer = io.BytesIO()
            document.save(buffer)
        finally:
            document.close()
    except Exception:  # pdfium cannot open it either: the first error stands
        return None
    return buffer.getvalue()


def _parse_pages(data: bytes, settings: ReadSettings) -> list[RawPage]:
    """The pages of the PDF, each read from its text layer or with OCR; `Damaged` when the
    file or every page cannot be parsed."""
    pdf = _open_pdf(data, settings)
    ocr = PageOcr(data, settings)
    with closing_quietly(pdf), ocr:
        pages = _read_each_page(_page_list(pdf, settings), settings, ocr)
    _check_readable(pages, ocr)
    return pages


def _open_pdf(data: bytes, settings: ReadSettings) -> Any:
    """The PDF opened by pdfplumber; an encrypted file ends in a `ReadError`, a damaged one
    in `Damaged` (worth a retry after a repair)."""
    try:
        return pdfplumber.open(io.BytesIO(data), password=settings.password or None)
    except Exception as exc:
        error: ReadError = open_error(exc)
        if isinstance(error, OpenError) and error.encrypted:
            raise error from exc
        raise Damaged(error) from exc


def _page_list(pdf: Any, settings: ReadSettings) -> list[Any]:
    """The page views of the PDF (see `_page_views`); too many pages, a damaged page tree or
    no pages end the reading."""
    try:
        count = sum(1 for _ in islice(PDFPage.create_pages(pdf.doc), settings.max_pages + 1))
        page_list = _page_views(pdf) if count <= settings.max_pages else []
    except Exception as exc:
        error = ReadError(f"The PDF's page tree is damaged ({type(exc).__name__}).")
        raise Damaged(error) from exc
    if count > settings.max_pages:
        raise ReadError(f"The PDF has more than {settings.max_pages} pages, the limit (max_pages).")
    if not page_list:
        raise Damaged(ReadError("The PDF has no pages."))
    return page_list


def _read_each_page(page_list: list[Any], settings: ReadSettings, ocr: PageOcr) -> list[RawPage]:
    """Every page read; a page that cannot be parsed is kept empty and marked `damaged`."""
    pages: list[RawPage] = []
    checked: set[int] = set()  # streams checked against the decompression limit
    for number, page in enumerate(page_list, start=1):
        if isinstance(page, Exception):  # its page object is damaged (a bad MediaBox)
            pages.append(RawPage(number=number, height=0.0, damaged=type(page).__name__))
            continue
        convert_chars_quickly(page)
        try:
            pages.append(_read_any_page(page, number, settings, ocr, checked))
        except (ReadError, Damaged):
            raise
        except Exception as exc:
            log.debug("page %d cannot be parsed", number, exc_info=True)
            pages.append(RawPage(number=number, height=0.0, damaged=type(exc).__name__))
        finally:
            page.close()
    return pages


def _check_readable(pages: list[RawPage], ocr: PageOcr) -> None:
    """Refuse a PDF of which every page is damaged (`Damaged`) or that gave no text at all."""
    damaged = [p for p in pages if p.damaged]
    if damaged and len(damaged) == len(pages):
        first = damaged[0]
        error = ReadError(
            f"Page {first.number} of the PDF is damaged and cannot be parsed ({first.damaged})."
            if len(pages) == 1
            else f"Every page of the PDF is damaged and cannot be parsed ({first.damaged})."
        )
        raise Damaged(error)
    if not any(p.lines or p.tables for p in pages):
        if ocr.pages_read:
            raise ReadError(
                "The PDF has no text layer (a scan or images only) and OCR found no text on "
                f"its {len(pages)} page(s)."
            )
        reason = f" ({ocr.unavailable})" if ocr.unavailable else ""
        raise ReadError(
            "The PDF has no text layer (a scan or images only); it cannot be read without "
            f"OCR{reason}."
        )


def _page_views(pdf: Any) -> list[Any]:
    """pdfplumber's pages, made one by one (its `pages` makes all of them at once, so one
    page object that cannot be read, e.g. a MediaBox of three numbers, failed them all); the
    exception in place of a page that could not be made."""
    views: list[Any] = []
    doctop = 0.0
    for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        try:
            view = pdfplumber.page.Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
        except Exception as exc:
            log.debug("page %d cannot be made", number, exc_info=True)
            views.append(exc)
            continue
        views.append(view)
        doctop += float(view.height)
    pdf._pages = [v for v in views if not isinstance(v, Exception)]  # what `close` flushes
    return views


def _read_any_page(
    page: Any, number: int, settings: ReadSettings, ocr: PageOcr, checked: set[int]
) -> RawPage:
    """A page from its text layer, or with OCR when it has (almost) no text but an image or
    text drawn as vector outlines (issue 20)."""
    check_streams(page.page_obj, number, settings, checked)
    raw = read_page(page, number, settings)
    text_chars = sum(len(ln.text) for ln in raw.lines) + sum(
        len(cell) for t in raw.tables for row in t.grid for cell in row
    )
    if text_chars >= settings.ocr.min_chars:
        return raw
    if page.images or _drawn_points(page) >= settings.ocr.min_path_points:
        return ocr.read(number) or raw
    return raw


def _drawn_points(page: Any) -> int:
    """Points of the page's curved or many-sided vector paths: text drawn as glyph outlines
    (a PDF printed with "text as curves") has hundreds, rulings and boxes have none."""
    return sum(len(curve.get("pts", ())) for curve in page.curves)
