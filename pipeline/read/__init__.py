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
"""

from __future__ import annotations

import copy
import functools
import hashlib
import io
import itertools
import logging
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from statistics import median
from types import MethodType
from typing import Any, Literal
from unicodedata import normalize as normalize_unicode

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.layout import LTChar
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFStream, resolve1
from pdfplumber.page import ALL_ATTRS
from pdfplumber.utils import resolve_all, resolve_and_decode
from pydantic import BaseModel, ConfigDict, Field

from pipeline.models import (
    BBox,
    Block,
    DocumentContent,
    ExcludedText,
    Table,
    TableRow,
    TextAccount,
    TextLine,
)
from pipeline.read.layout import (
    ColumnBand,
    LayoutSettings,
    PageLayout,
    WhitespaceTable,
    Word,
    analyse_page,
)
from pipeline.read.ocr import (
    OcrError,
    OcrPage,
    OcrSettings,
    ocr_image,
    ocr_unavailable_reason,
    render_page,
)
from pipeline.text import (
    bullet_prefix,
    clean_glyphs,
    ends_with_hyphen_break,
    join_lines,
    normalise_key,
)


class ReadSettings(BaseModel):
    """Settings of the read stage."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    running_zone: float = Field(
        0.12,
        gt=0,
        lt=0.5,
        description="share of page height at top and bottom searched for headers/footers",
    )
    running_min_share: float = Field(
        0.5,
        gt=0,
        le=1,
        description="a line repeated on at least this share of pages is a header/footer",
    )
    running_min_pages: int = Field(
        3, ge=2, description="documents shorter than this keep all lines"
    )
    line_y_tolerance: float = Field(
        3.0, gt=0, description="points; chars closer than this share a line"
    )
    heading_size_delta: float = Field(
        1.0, ge=0, description="points above body size from which a line counts as a heading"
    )
    max_heading_words: int = Field(14, ge=1, description="longer lines are never headings")
    find_tables: Literal["auto", "always", "never"] = Field(
        "auto", description="auto: run the table finder only on pages with ruling lines"
    )
    table_settings: dict[str, Any] = Field(
        default_factory=lambda: {"vertical_strategy": "lines", "horizontal_strategy": "lines"},
        description="pdfplumber table finder settings",
    )
    password: str = Field("", description="password for encrypted PDFs")
    ocr: OcrSettings = Field(
        default_factory=OcrSettings, description="OCR of pages without a usable text layer"
    )
    max_file_bytes: int = Field(
        200_000_000, ge=1, description="larger files are refused before they are parsed"
    )
    max_pages: int = Field(1000, ge=1, description="PDFs with more pages are refused")
    max_stream_bytes: int = Field(
        32_000_000,
        ge=1,
        description="a page with a stream (content, form, font) of which any stage of the "
        "filter chain decodes to more than this is refused (a decompression bomb)",
    )
    max_image_bytes: int = Field(
        400_000_000,
        ge=1,
        description="the same for an image (or its soft mask): a scanned A3 page at 600 dpi in "
        "colour is about 210 MB of pixels",
    )
    layout: LayoutSettings = Field(
        default_factory=LayoutSettings,
        description="two-column bands and tables aligned by whitespace (pipeline.read.layout)",
    )
    turned_text: bool = Field(
        True,
        description="read text drawn turned by 90/180/270 degrees from a turned view, and drop "
        "text set at other angles (diagonal watermarks)",
    )
    turned_min_share: float = Field(
        0.4,
        gt=0,
        le=1,
        description="share of a page's characters that must be turned before it is read turned",
    )
    turned_region_margin: float = Field(
        8.0, ge=0, description="points around turned text that belong to it (its rulings)"
    )
    max_ruling_edges: int = Field(
        5000,
        ge=2,
        description="pages with more ruling lines than this (maps, drawings) skip the table finder",
    )


class ReadError(Exception):
    """A PDF that cannot be read; the message is meant for the user."""


class _Damaged(Exception):
    """The PDF could not be parsed; worth one retry after pdfium rewrote it."""

    def __init__(self, error: ReadError) -> None:
        super().__init__(str(error))
        self.error = error


log = logging.getLogger(__name__)


@dataclass
class _RawLine:
    page: int
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    page_height: float
    ocr: bool = False
    confidence: float | None = None
    band: tuple[float, int] | None = None  # (top of its band, column) when not read by top
    chars: int = 0  # printed characters of the text layer in this line


@dataclass
class _RawTable:
    page: int
    bbox: tuple[float, float, float, float]
    grid: list[list[str]]
    row_boxes: list[tuple[float, float, float, float]]
    first_row_bold: bool
    page_height: float
    ocr: bool = False
    confidence: float | None = None
    band: tuple[float, int] | None = None  # read at this (top, column) instead of its own top
    chars: int = 0  # printed characters of the text layer in its cells


@dataclass
class _RawPage:
    number: int
    height: float
    lines: list[_RawLine] = field(default_factory=list)
    tables: list[_RawTable] = field(default_factory=list)
    chars: int = 0  # printed characters of the text layer (0 for a page read with OCR)
    watermark: str = ""  # text set at an angle, dropped
    watermark_chars: int = 0
    damaged: str = ""  # why the page could not be parsed; '' when it was read
    # Characters per font size in tables found by word alignment: before they were found,
    # that text was running text, and it still decides the body font size.
    table_sizes: Counter[float] = field(default_factory=Counter)


def read_document(path: Path, settings: ReadSettings | None = None) -> DocumentContent:
    """Read one PDF into clean lines and stitched tables in reading order."""
    settings = settings or ReadSettings()
    data = _read_bytes(path, settings)
    pages = _read_pages(data, settings)
    running = _running_line_keys(pages, settings)
    body_size = _body_font_size(pages)
    blocks: list[Block] = []
    excluded: list[ExcludedText] = []
    for page in pages:
        lines = []
        for line in page.lines:
            if _is_running(line, running, settings):
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
        lines = _join_hyphenated(lines)
        items: list[tuple[tuple[float, int, float], Block]] = [
            (_line_key(ln), _to_text_line(ln, body_size, settings)) for ln in lines
        ]
        items += [(_reading_key(t.bbox[1], t.band), _to_table(t)) for t in page.tables]
        blocks.extend(block for _, block in sorted(items, key=lambda item: item[0]))
    blocks = _stitch_tables(blocks, pages)
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


def _text_account(pages: list[_RawPage], excluded: list[ExcludedText]) -> TextAccount:
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


def _read_bytes(path: Path, settings: ReadSettings) -> bytes:
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise ReadError(
                f"The file is {_megabytes(size)}, larger than the limit of "
                f"{_megabytes(settings.max_file_bytes)} (max_file_bytes)."
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"The file cannot be opened: {exc.strerror or exc}.") from exc
    if not data:
        raise ReadError("The file is empty (0 bytes).")
    if b"%PDF-" not in data[:1024]:
        raise ReadError("The file is not a PDF (it does not start with a PDF header).")
    return data


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _read_pages(data: bytes, settings: ReadSettings) -> list[_RawPage]:
    """All pages of the PDF; a file that cannot be parsed, or has pages that cannot, is
    retried once after a repair. Damaged pages are kept empty, marked `damaged`, when other
    pages could be read (issue 20): the readable pages are not thrown away with them."""
    try:
        pages = _parse_pages(data, settings)
    except _Damaged as damaged:
        repaired = _repaired(data, settings)
        if repaired is None:
            raise damaged.error from None
        log.info("retrying a damaged PDF after pdfium rewrote it (%s)", damaged)
        try:
            return _parse_pages(repaired, settings)
        except _Damaged:
            raise damaged.error from None
    if not any(p.damaged for p in pages):
        return pages
    repaired = _repaired(data, settings)
    if repaired is not None:
        log.info("retrying a PDF with damaged pages after pdfium rewrote it")
        try:
            again = _parse_pages(repaired, settings)
        except (_Damaged, ReadError):
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


def _parse_pages(data: bytes, settings: ReadSettings) -> list[_RawPage]:
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=settings.password or None)
    except Exception as exc:
        error: ReadError = _open_error(exc)
        if isinstance(error, _OpenError) and error.encrypted:
            raise error from exc
        raise _Damaged(error) from exc
    ocr = _PageOcr(data, settings)
    pages: list[_RawPage] = []
    checked: set[int] = set()  # streams checked against the decompression limit
    with _closing_quietly(pdf), ocr:
        try:
            count = sum(1 for _ in islice(PDFPage.create_pages(pdf.doc), settings.max_pages + 1))
            page_list = _page_views(pdf) if count <= settings.max_pages else []
        except Exception as exc:
            error = ReadError(f"The PDF's page tree is damaged ({type(exc).__name__}).")
            raise _Damaged(error) from exc
        if count > settings.max_pages:
            raise ReadError(
                f"The PDF has more than {settings.max_pages} pages, the limit (max_pages)."
            )
        if not page_list:
            raise _Damaged(ReadError("The PDF has no pages."))
        for number, page in enumerate(page_list, start=1):
            if isinstance(page, Exception):  # its page object is damaged (a bad MediaBox)
                pages.append(_RawPage(number=number, height=0.0, damaged=type(page).__name__))
                continue
            _convert_chars_quickly(page)
            try:
                pages.append(_read_any_page(page, number, settings, ocr, checked))
            except (ReadError, _Damaged):
                raise
            except Exception as exc:
                log.debug("page %d cannot be parsed", number, exc_info=True)
                pages.append(_RawPage(number=number, height=0.0, damaged=type(exc).__name__))
            finally:
                page.close()
    damaged = [p for p in pages if p.damaged]
    if damaged and len(damaged) == len(pages):
        first = damaged[0]
        error = ReadError(
            f"Page {first.number} of the PDF is damaged and cannot be parsed ({first.damaged})."
            if len(pages) == 1
            else f"Every page of the PDF is damaged and cannot be parsed ({first.damaged})."
        )
        raise _Damaged(error)
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
    return pages


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


@contextmanager
def _closing_quietly(pdf: Any) -> Iterator[Any]:
    """Close a pdfplumber PDF; its `close` walks the page tree again, which raises on a
    damaged tree and would hide the error already reported."""
    try:
        yield pdf
    finally:
        try:
            pdf.close()
        except Exception:
            log.debug("closing a damaged PDF failed", exc_info=True)


def _read_any_page(
    page: Any, number: int, settings: ReadSettings, ocr: _PageOcr, checked: set[int]
) -> _RawPage:
    """A page from its text layer, or with OCR when it has (almost) no text but an image or
    text drawn as vector outlines (issue 20)."""
    _check_streams(page.page_obj, number, settings, checked)
    raw = _read_page(page, number, settings)
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


class _PageOcr:
    """OCR of single pages of one document; the pdfium document is opened on first use."""

    def __init__(self, data: bytes, settings: ReadSettings) -> None:
        self.data = data
        self.settings = settings
        self.pages_read = 0
        self._document: Any = None

    @functools.cached_property
    def unavailable(self) -> str | None:
        """Why OCR cannot run, or None. Asked only when a page needs it: finding out runs the
        OCR program, which a worker's first document paid for even without a scanned page."""
        return ocr_unavailable_reason(self.settings.ocr)

    def __enter__(self) -> _PageOcr:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._document is not None:
            self._document.close()

    def read(self, number: int) -> _RawPage | None:
        """The page read with OCR, or None when OCR is unavailable."""
        if self.unavailable:
            return None
        if self._document is None:
            self._document = pdfium.PdfDocument(self.data, password=self.settings.password or None)
        page = self._document[number - 1]
        try:
            image, scale = render_page(page, self.settings.ocr)
        finally:
            page.close()
        try:
            found = ocr_image(image, scale, self.settings.ocr)
        except OcrError as exc:
            raise ReadError(f"OCR of page {number} failed: {exc}.") from exc
        self.pages_read += 1
        return _ocr_raw_page(found, number)


def _ocr_raw_page(found: OcrPage, number: int) -> _RawPage:
    raw = _RawPage(number=number, height=found.height)
    for line in found.lines:
        text = clean_glyphs(line.text)
        if text:
            raw.lines.append(
                _RawLine(
                    page=number,
                    text=text,
                    x0=line.x0,
                    top=line.top,
                    x1=line.x1,
                    bottom=line.bottom,
                    size=line.size,
                    bold=line.bold,
                    page_height=found.height,
                    ocr=True,
                    confidence=line.confidence,
                )
            )
    for table in found.tables:
        xs = sorted({c[0] for row in table.rows for c in row.cells if c is not None})
        grid = _fill_grid(table.rows, table.texts, xs)
        if grid and len(grid[0]) >= 2:
            raw.tables.append(
                _RawTable(
                    page=number,
                    bbox=table.bbox,
                    grid=grid,
                    row_boxes=[row.bbox for row in table.rows],
                    first_row_bold=table.first_row_bold,
                    page_height=found.height,
                    ocr=True,
                    confidence=table.confidence,
                )
            )
    return raw


_STREAM_KINDS = {"content": "a content stream", "image": "an image", "font": "a font"}
_MAX_STREAMS_PER_PAGE = 500
_MAX_FORM_DEPTH = 8


def _check_streams(
    page_obj: Any, number: int, settings: ReadSettings, checked: set[int] | None = None
) -> None:
    """Refuse a page with a stream that inflates beyond the limit (a decompression bomb):
    its content streams and forms, and the images and fonts they use. pdfminer would decode
    such a stream whole into memory; here each stage of its filter chain is decoded with the
    output capped at the limit, so a bomb is found after decoding at most that much.
    `checked` holds the object ids already checked in this document (shared fonts)."""
    checked = set() if checked is None else checked
    for kind, stream in islice(_page_streams(page_obj), _MAX_STREAMS_PER_PAGE):
        if stream.objid is not None:
            if stream.objid in checked:
                continue
            checked.add(stream.objid)
        name = "max_image_bytes" if kind == "image" else "max_stream_bytes"
        limit: int = getattr(settings, name)
        if _inflates_beyond(stream, limit):
            raise ReadError(
                f"Page {number} has {_STREAM_KINDS[kind]} that inflates to more than "
                f"{_megabytes(limit)} ({name}); the file may be a decompression bomb."
            )


def _page_streams(page_obj: Any) -> Iterator[tuple[str, PDFStream]]:
    """The streams pdfminer or pdfium decode to read a page: content streams, form XObjects
    (and, within them, their own resources), images with their soft masks, and the font
    programs and ToUnicode maps of its fonts."""
    for content in page_obj.contents:
        stream = resolve1(content)
        if isinstance(stream, PDFStream):
            yield "content", stream
    yield from _resource_streams(page_obj.resources, depth=0, seen=set())


def _resource_streams(
    resources: Any, depth: int, seen: set[int]
) -> Iterator[tuple[str, PDFStream]]:
    resources = _dict(resources)
    for ref in list(_dict(resources.get("XObject")).values())[:200]:
        obj = resolve1(ref)
        if not isinstance(obj, PDFStream) or id(obj) in seen:
            continue
        seen.add(id(obj))
        subtype = _name(obj.get("Subtype"))
        if subtype == "Form":
            yield "content", obj
            if depth < _MAX_FORM_DEPTH:
                yield from _resource_streams(obj.get("Resources"), depth + 1, seen)
        elif subtype == "Image":
            yield "image", obj
            mask = resolve1(obj.get("SMask"))
            if isinstance(mask, PDFStream):
                yield "image", mask
    for ref in list(_dict(resources.get("Font")).values())[:200]:
        font = _dict(ref)
        fonts = [font, *(_dict(d) for d in _list(font.get("DescendantFonts")))]
        for each in fonts:
            unicode_map = resolve1(each.get("ToUnicode"))
            if isinstance(unicode_map, PDFStream):
                yield "font", unicode_map
            descriptor = _dict(each.get("FontDescriptor"))
            for key in ("FontFile", "FontFile2", "FontFile3"):
                program = resolve1(descriptor.get(key))
                if isinstance(program, PDFStream):
                    yield "font", program


def _dict(obj: Any) -> dict[str, Any]:
    value = resolve1(obj)
    return value if isinstance(value, dict) else {}


def _list(obj: Any) -> list[Any]:
    value = resolve1(obj)
    return value if isinstance(value, list) else []


def _name(obj: Any) -> str:
    value = resolve1(obj)
    return str(getattr(value, "name", value))


class _TooLarge(Exception):
    """A stage of a filter chain produced more than the limit."""


def _inflates_beyond(stream: PDFStream, limit: int) -> bool:
    """Whether any stage of the stream's filter chain decodes to more than `limit` bytes.

    Each stage's input is at most `limit` bytes (the previous stage was checked), and each
    decoder stops once its output passes the limit. Image codecs (DCT, JPX, JBIG2, CCITT) end
    the check: pdfminer leaves their data encoded. A damaged stage ends it too; pdfminer
    reports the damage itself.
    """
    data = stream.rawdata
    if data is None:
        return len(stream.data or b"") > limit
    if len(data) > limit:
        return True
    try:
        if stream.decipher and stream.objid is not None and stream.genno is not None:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        for filter_, _params in stream.get_filters():
            decode = _BOUNDED_DECODERS.get(_name(filter_))
            if decode is None:
                return False
            data = decode(data, limit)
            if len(data) > limit:
                return True
    except _TooLarge:
        return True
    except Exception:  # a damaged stream: pdfminer reports it when it reads the page
        log.debug("a stream could not be checked", exc_info=True)
    return False


def _inflate(data: bytes, limit: int) -> bytes:
    """FlateDecode with the output capped just past `limit`; a stream damaged halfway gives
    what came before the damage, as pdfminer's lenient decoder does."""
    inflater = zlib.decompressobj()
    out = bytearray()
    pending = data
    try:
        while pending and len(out) <= limit and not inflater.eof:
            out += inflater.decompress(pending, limit + 1 - len(out))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass
    return bytes(out)


def _ascii85(data: bytes, limit: int) -> bytes:
    """ASCII85Decode: 'z' stands for four zero bytes, the only way it grows its input."""
    if 4 * data.count(b"z") > limit:
        raise _TooLarge
    return bytes(ascii85decode(data))


def _run_length(data: bytes, limit: int) -> bytes:
    """RunLengthDecode (a run of up to 128 bytes from two), capped just past `limit`."""
    out = bytearray()
    i = 0
    while i < len(data) and len(out) <= limit:
        length = data[i]
        if length == 128:
            break
        if length < 128:
            out += data[i + 1 : i + 2 + length]
            i += 2 + length
        else:
            out += data[i + 1 : i + 2] * (257 - length)
            i += 2
    return bytes(out)


def _lzw(data: bytes, limit: int) -> bytes:
    """LZWDecode, capped just past `limit` (one code can stand for thousands of bytes)."""
    out = bytearray()
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        out += chunk
        if len(out) > limit:
            break
    return bytes(out)


_BOUNDED_DECODERS: dict[str, Callable[[bytes, int], bytes]] = {
    "FlateDecode": _inflate,
    "Fl": _inflate,
    "ASCIIHexDecode": lambda data, limit: bytes(asciihexdecode(data)),
    "AHx": lambda data, limit: bytes(asciihexdecode(data)),
    "ASCII85Decode": _ascii85,
    "A85": _ascii85,
    "RunLengthDecode": _run_length,
    "RL": _run_length,
    "LZWDecode": _lzw,
    "LZW": _lzw,
}


class _OpenError(ReadError):
    def __init__(self, message: str, encrypted: bool) -> None:
        super().__init__(message)
        self.encrypted = encrypted


def _open_error(exc: Exception) -> _OpenError:
    """Turn pdfminer/pdfplumber's exception (often wrapped) into a sentence for the user."""
    causes: list[object] = [exc, *exc.args, exc.__cause__, exc.__context__]
    if any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) for c in causes) or any(
        "password" in str(c).lower() or "encrypt" in str(c).lower() for c in causes if c
    ):
        return _OpenError("The PDF is encrypted and no valid password was given.", True)
    inner = next((c for c in exc.args if isinstance(c, Exception)), exc)
    return _OpenError(f"The PDF is damaged and cannot be parsed ({type(inner).__name__}).", False)


def _may_have_duplicate_chars(chars: list[dict[str, Any]]) -> bool:
    """Whether a page may print a character twice at (almost) the same place (fake bold).

    pdfplumber's `dedupe_chars` sorts and groups every character, the costliest step of
    reading a page; this linear check (the same glyph within 1 pt, via two offset grids) lets
    pages without duplicates skip it.
    """
    for offset in (0.0, 0.5):
        seen: set[tuple[str, int, int]] = set()
        for char in chars:
            key = (char["text"], int(char["x0"] + offset), int(char["top"] + offset))
            if key in seen:
                return True
            seen.add(key)
    return False


def _read_page(page: Any, number: int, settings: ReadSettings) -> _RawPage:
    """A page from its text layer; text drawn turned on the page (a table set sideways on a
    portrait page) is read from a view of the page turned so that this text is upright.
    Text at other angles (a diagonal "CONCEPT" watermark) is dropped: it is never an
    agreement and its letters would otherwise land in the lines they cross, so it is kept
    as an exclusion of the page. Every printed character is counted (`_RawPage.chars`)."""
    if _may_have_duplicate_chars(page.chars):
        page = page.dedupe_chars()
    chars = _printed(page.chars)
    angled: list[dict[str, Any]] = []
    if settings.turned_text and any(_char_turn(c) is None for c in page.chars):
        angled = [c for c in page.chars if _char_turn(c) is None and c["text"].strip()]
        page = page.filter(
            lambda obj: obj.get("object_type") != "char" or _char_turn(obj) is not None
        )
    raw = _read_turned_or_upright(page, number, settings)
    raw.chars = chars
    raw.watermark = "".join(str(c["text"]) for c in angled)
    raw.watermark_chars = len(angled)
    return raw


def _printed(chars: list[dict[str, Any]]) -> int:
    """The number of printed (non-space) characters."""
    return sum(1 for c in chars if c["text"].strip())


def _read_turned_or_upright(page: Any, number: int, settings: ReadSettings) -> _RawPage:
    """A page view without angled text: upright, or with its turned part read turned."""
    turn = _text_turn(page.chars, settings.turned_min_share) if settings.turned_text else None
    if turn is None:
        return _read_view(page, number, settings, dedupe=False)
    turned = [c for c in page.chars if _char_turn(c) == turn]
    region = _with_rulings(page, _padded(_bbox_of(turned), settings.turned_region_margin))
    upright = page.filter(
        lambda obj: (
            _char_turn(obj) != turn
            if obj.get("object_type") == "char"
            else not _touches(obj, region)
        )
    )
    raw = _read_view(upright, number, settings, dedupe=False)
    view = _turned_page(page, turn)
    try:
        kept = [c for c in view.chars if _char_turn(c) == 0 and c["text"].strip()]
        if kept:
            inner = _with_rulings(view, _padded(_bbox_of(kept), settings.turned_region_margin))
            sideways = view.filter(
                lambda obj: (
                    (obj.get("object_type") != "char" or _char_turn(obj) == 0)
                    and _touches(obj, inner)
                )
            )
            part = _read_view(sideways, number, settings)
            anchor = (region[1], 1)  # read where the turned block starts on the page
            for line in part.lines:
                line.band = anchor
            for table in part.tables:
                table.band = anchor
            raw.lines = sorted([*raw.lines, *part.lines], key=_line_key)
            raw.tables += part.tables
            raw.table_sizes.update(part.table_sizes)
    finally:
        view.close()
    return raw


def _with_rulings(
    page: Any, box: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    """The box grown over the rulings that touch it (twice: a table's far border is only
    reached through the rules that run to it)."""
    drawings = [*page.lines, *page.rects, *page.curves]
    for _ in range(2):
        touching = [d for d in drawings if _touches(d, box)]
        if touching:
            outer = _bbox_of(touching)
            box = (
                min(box[0], outer[0]),
                min(box[1], outer[1]),
                max(box[2], outer[2]),
                max(box[3], outer[3]),
            )
    return box


def _touches(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    """A character with its centre in the box, or a drawing (ruling) that overlaps it."""
    if "x0" not in obj or "top" not in obj:
        return False
    if obj.get("object_type") == "char":
        return _inside_any(obj, [box])
    return (
        float(obj["x0"]) <= box[2]
        and float(obj["x1"]) >= box[0]
        and float(obj["top"]) <= box[3]
        and float(obj["bottom"]) >= box[1]
    )


def _char_turn(char: dict[str, Any]) -> int | None:
    """Clockwise page rotation (0, 90, 180, 270) that sets this character upright; None for
    text set at another angle (a diagonal watermark), which is left as it is."""
    a, b = float(char["matrix"][0]), float(char["matrix"][1])
    if a == b == 0:
        return 0  # a degenerate (zero-size) glyph: left where pdfplumber puts it
    if abs(a) < 0.02 * abs(b):
        return 90 if b > 0 else 270
    if abs(b) < 0.02 * abs(a):
        return 180 if a < 0 else 0
    return None


def _text_turn(chars: list[dict[str, Any]], min_share: float) -> int | None:
    """The turn of the page's sideways text, when most of its text is drawn turned (a few
    turned column headers in an upright table are left to the table finder)."""
    turns = Counter(_char_turn(c) for c in chars if c["text"].strip())
    total = sum(turns.values())
    turns.pop(0, None)
    turns.pop(None, None)
    if not turns:
        return None
    turn, count = turns.most_common(1)[0]
    return turn if count >= 20 and count >= min_share * total else None


def _bbox_of(objs: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    return (
        min(float(o["x0"]) for o in objs),
        min(float(o["top"]) for o in objs),
        max(float(o["x1"]) for o in objs),
        max(float(o["bottom"]) for o in objs),
    )


def _padded(
    box: tuple[float, float, float, float], margin: float
) -> tuple[float, float, float, float]:
    return (box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin)


def _turned_page(page: Any, turn: int) -> Any:
    """The same page with its /Rotate advanced by `turn`: pdfminer then sets the turned text
    upright (pdfplumber reads /Rotate pages upright already, only drawn-turned text is not)."""
    root = page.root_page
    obj = copy.copy(root.page_obj)
    rotation = (int(root.rotation) + turn) % 360
    obj.attrs = {**root.page_obj.attrs, "Rotate": rotation}
    obj.rotate = rotation
    turned = pdfplumber.page.Page(
        root.pdf, obj, page_number=root.page_number, initial_doctop=root.initial_doctop
    )
    _convert_chars_quickly(turned)
    return turned


_PLAIN_TYPES = frozenset({int, float, str, bool, type(None)})
_DECODED_COLOUR_SPACES: dict[str, Any] = {}


def _convert_chars_quickly(page: Any) -> None:
    """Let the page turn pdfminer's characters into pdfplumber's dicts with the fast path
    below; every other object keeps pdfplumber's own conversion."""
    page.process_object = MethodType(_process_object, page)


def _process_object(page: Any, obj: Any) -> dict[str, Any]:
    """pdfplumber's `Page.process_object`, the same dict for a character built without its
    generic per-attribute resolving, which took half of the time of reading a page.

    A character's attributes are plain numbers, strings and tuples of numbers, which that
    resolving returns unchanged; anything else still goes through it. A test compares both
    conversions object by object.
    """
    if type(obj) is not LTChar:
        return pdfplumber.page.Page.process_object(page, obj)
    attr = {k: v for k, v in obj.__dict__.items() if k in ALL_ATTRS}
    for key, value in attr.items():
        if type(value) not in _PLAIN_TYPES and not (
            type(value) is tuple and _PLAIN_TYPES.issuperset(map(type, value))
        ):
            attr[key] = resolve_all(value)
    attr["object_type"] = "char"
    attr["page_number"] = page.page_number
    colour_space = obj.ncs.name
    decoded = _DECODED_COLOUR_SPACES.get(colour_space)
    if decoded is None:
        decoded = _DECODED_COLOUR_SPACES.setdefault(colour_space, resolve_and_decode(colour_space))
    attr["ncs"] = decoded
    text = obj.get_text()
    norm = page.pdf.unicode_norm
    attr["text"] = normalize_unicode(norm, text) if norm is not None else text
    state = obj.graphicstate
    attr["stroking_color"] = state.scolor if isinstance(state.scolor, tuple) else (state.scolor,)
    attr["non_stroking_color"] = (
        state.ncolor if isinstance(state.ncolor, tuple) else (state.ncolor,)
    )
    if isinstance(attr["fontname"], bytes):
        attr["fontname"] = pdfplumber.page.fix_fontname_bytes(attr["fontname"])
    mb_x0, mb_top = page.mediabox[:2]
    attr["top"] = (page.height - attr["y1"]) + mb_top
    attr["bottom"] = (page.height - attr["y0"]) + mb_top
    attr["doctop"] = page.initial_doctop + attr["top"]
    if mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr


def _read_view(page: Any, number: int, settings: ReadSettings, dedupe: bool = True) -> _RawPage:
    """Lines and tables of one (possibly filtered) page view, in reading order.

    Only the text of tables that were read is taken out of the running text: a filled
    rectangle behind a line (a highlight) looks like a one-cell table to the table finder,
    and the text under it must stay (issue 20).
    """
    if dedupe and _may_have_duplicate_chars(page.chars):
        page = page.dedupe_chars()
    raw = _RawPage(number=number, height=float(page.height))
    rulings = len(page.lines) + len(page.rects)
    has_rulings = rulings >= 2
    wants_tables = settings.find_tables == "always" or (
        settings.find_tables == "auto" and has_rulings
    )
    if rulings > settings.max_ruling_edges:
        log.warning("page %d has %d ruling lines: table finder skipped", number, rulings)
        wants_tables = False
    tables = page.find_tables(_table_settings(page, settings)) if wants_tables else []
    if wants_tables and not tables:
        tables = _tables_ruled_by_rows_only(page)
    read = []
    for table in tables:
        raw_table = _read_table(page, table, number)
        if raw_table is not None:
            raw.tables.append(raw_table)
            read.append(table)
    boxes = [t.bbox for t in read]
    text_page = page
    if read:
        cells = [(t.bbox, t.cells) for t in read]
        for raw_table, table in zip(raw.tables, cells, strict=True):
            raw_table.chars = sum(
                1 for c in page.chars if c["text"].strip() and _in_cells(c, [table])
            )
        text_page = page.filter(
            lambda obj: (
                not (
                    _in_cells(obj, cells)
                    if obj.get("object_type") == "char"
                    else _inside_any(obj, boxes)
                )
            )
        )
    layout = PageLayout()
    if settings.find_tables != "never" or settings.layout.columns:
        words = [
            Word(
                str(w["text"]), float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])
            )
            for w in text_page.extract_words(y_tolerance=settings.line_y_tolerance)
        ]
        layout_settings = settings.layout
        if settings.find_tables == "never":
            layout_settings = layout_settings.model_copy(update={"whitespace_tables": False})
        layout = analyse_page(words, layout_settings, boxes) if words else layout
    if layout.tables:
        spaced = [_padded(t.bbox, 1.0) for t in layout.tables]
        for table, box in zip(layout.tables, spaced, strict=True):
            raw.tables.append(_whitespace_table(page, table, number))
            raw.tables[-1].chars = sum(
                1 for c in text_page.chars if c["text"].strip() and _inside_any(c, [box])
            )
        raw.table_sizes.update(
            round(float(c["size"]), 1)
            for c in text_page.chars
            if c["text"].strip() and _inside_any(c, spaced)
        )
        text_page = text_page.filter(lambda obj: not _inside_any(obj, spaced))
    views: list[tuple[Any, tuple[float, int] | None]] = []
    if layout.bands:
        halves = [
            (box, (band.top, column))
            for band in layout.bands
            for column, box in enumerate(_band_halves(band), start=1)
        ]
        rest = [box for box, _ in halves]
        for table in raw.tables:  # a table set in one column is read with that column
            centre = {"x0": table.bbox[0], "x1": table.bbox[2], "top": table.bbox[1]}
            centre["bottom"] = table.bbox[3]
            table.band = next((key for box, key in halves if _inside_any(centre, [box])), None)
        views.append((text_page.filter(lambda obj: not _inside_any(obj, rest)), None))
        views += [(text_page.filter(_inside_box(box)), key) for box, key in halves]
    else:
        views.append((text_page, None))
    for view, band in views:
        raw.lines += _text_lines(view, number, raw.height, settings, band)
    raw.lines.sort(key=_line_key)
    return raw


def _in_cells(
    char: dict[str, Any],
    tables: list[tuple[tuple[float, float, float, float], list[tuple[float, float, float, float]]]],
) -> bool:
    """Whether a character is in a cell of one of the tables (bbox, cells), by pdfplumber's
    own rule for the text of a cell: its centre, the right and bottom edges excluded."""
    h_mid = (float(char["x0"]) + float(char["x1"])) / 2
    v_mid = (float(char["top"]) + float(char["bottom"])) / 2
    for box, cells in tables:
        if not (box[0] <= h_mid <= box[2] and box[1] <= v_mid <= box[3]):
            continue
        if any(c[0] <= h_mid < c[2] and c[1] <= v_mid < c[3] for c in cells):
            return True
    return False


def _band_halves(band: ColumnBand) -> list[tuple[float, float, float, float]]:
    """The left and right column of a two-column band, as boxes."""
    return [
        (band.x0 - 1, band.top - 1, band.gutter, band.bottom + 1),
        (band.gutter, band.top - 1, band.x1 + 1, band.bottom + 1),
    ]


def _inside_box(box: tuple[float, float, float, float]) -> Any:
    return lambda obj: _inside_any(obj, [box])


def _text_lines(
    view: Any, number: int, height: float, settings: ReadSettings, band: tuple[float, int] | None
) -> list[_RawLine]:
    lines: list[_RawLine] = []
    for line in view.extract_text_lines(return_chars=True, y_tolerance=settings.line_y_tolerance):
        text = clean_glyphs(line["text"])
        if not text:
            continue
        # a character whose text has several letters ("(cid:127)") is listed once per letter
        chars = list({id(c): c for c in line["chars"] if c["text"].strip()}.values())
        sizes = [round(float(c["size"]), 1) for c in chars] or [0.0]
        bold_share = sum(_is_bold(c["fontname"]) for c in chars) / max(len(chars), 1)
        lines.append(
            _RawLine(
                page=number,
                text=text,
                x0=float(line["x0"]),
                top=float(line["top"]),
                x1=float(line["x1"]),
                bottom=float(line["bottom"]),
                size=Counter(sizes).most_common(1)[0][0],
                bold=bold_share >= 0.6,
                page_height=height,
                band=band,
                chars=len(chars),
            )
        )
    return lines


def _line_key(line: _RawLine) -> tuple[float, int, float]:
    return _reading_key(line.top, line.band)


def _reading_key(top: float, band: tuple[float, int] | None) -> tuple[float, int, float]:
    """Reading order on a page: by top, but a column of a band (or a turned block) is read
    whole where its band starts."""
    return (band[0], band[1], top) if band is not None else (top, 0, top)


def _whitespace_table(page: Any, table: WhitespaceTable, number: int) -> _RawTable:
    """A `_RawTable` from a table found by word alignment (no rulings)."""
    first = table.row_boxes[0]
    return _RawTable(
        page=number,
        bbox=table.bbox,
        grid=[[clean_glyphs(c) for c in row] for row in table.grid],
        row_boxes=table.row_boxes,
        first_row_bold=_bold_share(page, first) >= 0.6,
        page_height=float(page.height),
    )


def _bold_share(page: Any, box: tuple[float, float, float, float]) -> float:
    chars = [
        c
        for c in page.chars
        if box[1] <= (c["top"] + c["bottom"]) / 2 <= box[3]
        and box[0] <= c["x0"] <= box[2]
        and c["text"].strip()
    ]
    return sum(_is_bold(c["fontname"]) for c in chars) / max(len(chars), 1)


def _tables_ruled_by_rows_only(page: Any) -> list[Any]:
    """Target tables drawn with horizontal rules only (a common Word table style, issue #7).

    The columns come from the word alignment between the rules (pdfplumber's "text" strategy),
    then the table is read again with those columns as explicit lines so the header row is kept.
    Only compact tables count: at least three rows under four rules of the same width, no
    vertical rulings, and short cells beside the first column (numbers per year or party), so
    that rules around running text never turn a page into a table.
    """
    width = float(page.width)
    rules = [e for e in page.edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 0.25 * width]
    if len(rules) < 4 or any(e["orientation"] == "v" and e["height"] > 4 for e in page.edges):
        return []
    groups: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for rule in rules:
        groups.setdefault((round(rule["x0"] / 3), round(rule["x1"] / 3)), []).append(rule)
    found = []
    for group in groups.values():
        tops = sorted({round(float(e["top"]), 1) for e in group})
        if len(tops) < 4 or max(b - a for a, b in itertools.pairwise(tops)) > 80:
            continue
        x0, x1 = min(e["x0"] for e in group), max(e["x1"] for e in group)
        band = page.crop((x0 - 1, tops[0] - 1, x1 + 1, tops[-1] + 1))
        guess = band.find_tables({"vertical_strategy": "text", "horizontal_strategy": "lines"})
        if not guess:
            continue
        columns = sorted({round(float(c[0]), 1) for c in guess[0].cells})
        lines = [x0, *columns[1:], x1]
        if len(lines) < 3:
            continue
        tables = band.find_tables(
            {
                "vertical_strategy": "explicit",
                "explicit_vertical_lines": lines,
                "horizontal_strategy": "lines",
            }
        )
        for table in tables:
            rows = table.extract()
            cells = [c or "" for row in rows[1:] for c in row[1:]]
            short = sum(len(c.split()) <= 4 for c in cells)
            if len(rows) >= 3 and cells and short >= 0.6 * len(cells):
                found.append(table)
    return found


def _table_settings(page: Any, settings: ReadSettings) -> dict[str, Any]:
    """Close tables whose row runs over the page break: word processors often leave that row
    without a bottom (or top) ruling, and pdfplumber then drops the row; the ends of the
    vertical rulings mark where the row was cut."""
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["height"] > 4]
    table_settings = dict(settings.table_settings)
    if len(verticals) >= 2 and table_settings.get("horizontal_strategy") == "lines":
        extra = [min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)]
        table_settings["explicit_horizontal_lines"] = [
            *table_settings.get("explicit_horizontal_lines", []),
            *extra,
        ]
    return table_settings


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(w in name for w in ("bold", "black", "heavy", "semibold", "demi"))


def _inside_any(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    if "x0" not in obj or "top" not in obj:
        return False
    cx = (float(obj["x0"]) + float(obj["x1"])) / 2
    cy = (float(obj["top"]) + float(obj["bottom"])) / 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


def _read_table(page: Any, table: Any, number: int) -> _RawTable | None:
    """Extract a table's grid, filling merged cells (None) from the cell geometry."""
    rows = table.rows
    if not rows:
        return None
    # Turned text in a cell (a column header set upright in a narrow column) runs bottom to
    # top in Word tables; pdfplumber's default would read it top to bottom, mirrored.
    texts = table.extract(line_dir_rotated="ltr", char_dir_rotated="btt")
    xs = sorted({c[0] for c in table.cells})
    grid = _fill_grid(rows, texts, xs)
    if not grid or len(grid[0]) < 2:
        return None
    bold = _bold_share(page, rows[0].bbox)
    return _RawTable(
        page=number,
        bbox=tuple(float(v) for v in table.bbox),  # type: ignore[arg-type]
        grid=grid,
        row_boxes=[tuple(float(v) for v in r.bbox) for r in rows],  # type: ignore[misc]
        first_row_bold=bold >= 0.6,
        page_height=float(page.height),
    )


def _fill_grid(rows: list[Any], texts: list[list[str | None]], xs: list[float]) -> list[list[str]]:
    """Cell texts row by row; a merged cell (None) takes the text of the cell covering it.

    `rows` are pdfplumber rows or OCR rows: anything with `.cells` (bbox or None) and `.bbox`.
    """
    grid: list[list[str]] = []
    for i, row in enumerate(rows):
        out: list[str] = []
        for j, cell in enumerate(row.cells):
            if cell is not None:
                out.append(_cell_text(texts[i][j]))
                continue
            out.append(_merged_cell_text(rows, texts, i, j, xs))
        grid.append(out)
    return grid


def _merged_cell_text(
    rows: list[Any], texts: list[list[str | None]], i: int, j: int, xs: list[float]
) -> str:
    """Text of the merged cell covering column j of row i: from the left, else from above."""
    col_x = xs[j] if j < len(xs) else None
    for k in range(j - 1, -1, -1):
        left = rows[i].cells[k]
        if left is not None:
            if col_x is not None and left[2] > col_x + 1:
                return _cell_text(texts[i][k])
            break
    row_top = rows[i].bbox[1]
    for k in range(i - 1, -1, -1):
        above = rows[k].cells[j] if j < len(rows[k].cells) else None
        if above is not None:
            if above[3] > row_top + 1:
                return _cell_text(texts[k][j])
            break
    return ""


def _cell_text(text: str | None) -> str:
    if not text:
        return ""
    return join_lines([clean_glyphs(part) for part in text.split("\n")])


def _running_line_keys(pages: list[_RawPage], settings: ReadSettings) -> set[str]:
    """Keys of lines repeated in the header/footer zone on most pages (digits as '#')."""
    if len(pages) < settings.running_min_pages:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        keys = {_running_key(ln) for ln in page.lines if _in_running_zone(ln, settings)}
        seen.update(keys)
    needed = max(2, int(len(pages) * settings.running_min_share + 0.5) - 1)
    return {key for key, count in seen.items() if count >= needed}


def _running_key(line: _RawLine) -> str:
    zone = "top" if line.top < line.page_height / 2 else "bottom"
    return f"{zone}|{normalise_key(line.text)}"


def _in_running_zone(line: _RawLine, settings: ReadSettings) -> bool:
    zone = line.page_height * settings.running_zone
    return line.top < zone or line.bottom > line.page_height - zone


_PAGE_NUMBER = re.compile(
    r"^(?:pagina|blz\.?|page|p\.)?\s*[-–]?\s*\d{1,4}\s*(?:(?:/|van|of)\s*\d{1,4})?\s*[-–]?$",
    re.IGNORECASE,
)


def _is_running(line: _RawLine, running: set[str], settings: ReadSettings) -> bool:
    if not _in_running_zone(line, settings):
        return False
    return _running_key(line) in running or bool(_PAGE_NUMBER.match(line.text))


def _join_hyphenated(lines: list[_RawLine]) -> list[_RawLine]:
    """Move the rest of a hyphen-broken word up to the line where it started."""
    out = list(lines)
    for i in range(len(out) - 1):
        current, following = out[i], out[i + 1]
        if not ends_with_hyphen_break(current.text) or following.top - current.bottom > 8:
            continue
        head, _, rest = following.text.partition(" ")
        joined = join_lines([current.text, head])
        if " " in joined[len(current.text) - 1 :]:
            continue  # the hyphen was real ("huur- en koop")
        out[i] = _replace_text(current, joined)
        out[i + 1] = _replace_text(following, rest)
    return [ln for ln in out if ln.text]


def _replace_text(line: _RawLine, text: str) -> _RawLine:
    return _RawLine(**{**line.__dict__, "text": text})


def _body_font_size(pages: list[_RawPage]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[ln.size] += len(ln.text)
        sizes.update(page.table_sizes)
    return sizes.most_common(1)[0][0] if sizes else 10.0


_NUMBERED_HEADING = re.compile(
    r"^(?:(?:hoofdstuk|artikel|bijlage)\s+)?(\d+(?:\.\d+)*)\.?\s+\S", re.I
)


def _to_text_line(line: _RawLine, body_size: float, settings: ReadSettings) -> TextLine:
    return TextLine(
        page=line.page,
        text=line.text,
        bbox=BBox(x0=line.x0, top=line.top, x1=line.x1, bottom=line.bottom),
        font_size=line.size,
        bold=line.bold,
        heading_level=_heading_level(line, body_size, settings),
        ocr=line.ocr,
        ocr_confidence=line.confidence,
    )


def _heading_level(line: _RawLine, body_size: float, settings: ReadSettings) -> int | None:
    """Headings are short lines set larger or bold; the level comes from numbering or size."""
    words = line.text.split()
    if len(words) > settings.max_heading_words or bullet_prefix(line.text):
        return None
    larger = line.size >= body_size + settings.heading_size_delta
    if not (larger or line.bold):
        return None
    if line.text.endswith((".", ";", ",", ":")) and not larger:
        return None
    if line.ocr and _continues_a_sentence(line.text):
        return None
    match = _NUMBERED_HEADING.match(line.text)
    lowered = line.text.lower()
    if lowered.startswith(("hoofdstuk", "bijlage")):
        return 1
    if match:
        return min(match.group(1).count(".") + 1, 4)
    if line.size >= body_size + 3:
        return 1
    return 2 if larger else 3


def _continues_a_sentence(text: str) -> bool:
    """A scanned line that starts in lower case or ends a sentence is the end of the text above
    ("schuldhulpverlening." after a bullet), not a heading, whatever size or weight was
    measured on the scan (issue 19). Text-layer lines keep their measured fonts."""
    first_letter = next((c for c in text if c.isalpha()), "")
    return first_letter.islower() or text.endswith((".", ";", ",", ":"))


def _to_table(raw: _RawTable) -> Table:
    header_first = _looks_like_header(raw)
    rows = [
        TableRow(
            cells=cells,
            page_start=raw.page,
            page_end=raw.page,
            bbox=BBox(x0=box[0], top=box[1], x1=box[2], bottom=box[3]),
        )
        for cells, box in zip(raw.grid, raw.row_boxes, strict=True)
    ]
    header = rows[0].cells if header_first else ["" for _ in raw.grid[0]]
    return Table(
        page=raw.page,
        page_end=raw.page,
        bbox=BBox(x0=raw.bbox[0], top=raw.bbox[1], x1=raw.bbox[2], bottom=raw.bbox[3]),
        header=header,
        has_header=header_first,
        rows=rows[1:] if header_first else rows,
        ocr=raw.ocr,
        ocr_confidence=raw.confidence,
    )


_YEAR_HEADER = re.compile(r"^(?:19|20)\d\d(?:\s*[-/–]\s*(?:19|20)?\d\d)?$")


def _looks_like_header(raw: _RawTable) -> bool:
    """A first row that is bold, or short labels above longer rows, is the header row."""
    if len(raw.grid) < 2:
        return False
    first = raw.grid[0]
    filled = [c for c in first if c]
    if len(filled) < max(2, len(first) // 2):
        return False
    if raw.first_row_bold:
        return True
    if all(_YEAR_HEADER.match(c) for c in first[1:] if c) and any(first[1:]):
        return True  # years or periods across the top: a target table's header row
    short = all(len(c.split()) <= 6 and not c.endswith(".") for c in filled)
    later = [len(c.split()) for row in raw.grid[1:] for c in row if c]
    return short and bool(later) and median(later) > median(len(c.split()) for c in filled)


def _stitch_tables(blocks: list[Block], pages: list[_RawPage]) -> list[Block]:
    """Join a table that ends a page with the table that starts the next page."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if _is_orphan_header(block, previous):
            continue
        if (
            isinstance(block, Table)
            and isinstance(previous, Table)
            and block.page == previous.page_end + 1
            and len(block.header) == len(previous.header)
            and abs(block.bbox.x0 - previous.bbox.x0) < 15
            and (abs(block.bbox.x1 - previous.bbox.x1) < 15 or _repeats_header(previous, block))
        ):
            out[-1] = _continue_table(previous, block)
        else:
            out.append(block)
    return out


def _repeats_header(first: Table, nxt: Table) -> bool:
    """The next page's table repeats the header: continued even when its right edge moved
    (a table without rulings ends where its longest text ends)."""
    return first.has_header and nxt.has_header and _same_cells(first.header, nxt.header)


def _is_orphan_header(block: Block, previous: Block | None) -> bool:
    """A repeated header row left alone at the bottom of a page."""
    return (
        isinstance(block, Table)
        and isinstance(previous, Table)
        and not block.has_header
        and len(block.rows) == 1
        and previous.has_header
        and _same_cells(block.rows[0].cells, previous.header)
    )


def _continue_table(first: Table, nxt: Table) -> Table:
    rows = list(nxt.rows)
    header_repeated = nxt.has_header and _same_cells(nxt.header, first.header)
    if nxt.has_header and not header_repeated:
        # The next page's first row was taken as a header but is data.
        rows = [
            TableRow(cells=nxt.header, page_start=nxt.page, page_end=nxt.page, bbox=nxt.bbox),
            *rows,
        ]
    if not first.has_header and rows and _same_cells(rows[0].cells, first.header):
        rows = rows[1:]
    joined = list(first.rows)
    if joined and rows and _is_split_row(joined[-1], rows[0]):
        last, cont = joined[-1], rows[0]
        joined[-1] = TableRow(
            cells=[join_lines([a, b]) for a, b in zip(last.cells, cont.cells, strict=True)],
            page_start=last.page_start,
            page_end=cont.page_end,
            bbox=last.bbox,
        )
        rows = rows[1:]
    return Table(
        page=first.page,
        page_end=nxt.page_end,
        bbox=first.bbox,
        header=first.header,
        has_header=first.has_header,
        rows=joined + rows,
        ocr=first.ocr or nxt.ocr,
        ocr_confidence=_mean_confidence(first, nxt),
    )


def _mean_confidence(first: Table, nxt: Table) -> float | None:
    """OCR confidence of two stitched tables, weighted by their rows."""
    parts = [(t.ocr_confidence, max(len(t.rows), 1)) for t in (first, nxt)]
    known = [(c, n) for c, n in parts if c is not None]
    if not known:
        return None
    return round(sum(c * n for c, n in known) / sum(n for _, n in known), 3)


def _same_cells(a: list[str], b: list[str]) -> bool:
    return [normalise_key(x) for x in a] == [normalise_key(x) for x in b]


def _is_split_row(last: TableRow, cont: TableRow) -> bool:
    """A row continued over the page break: empty first cell, or a cell resuming mid-sentence."""
    if not cont.cells[0] and any(cont.cells[1:]):
        return True
    return any(
        before and after[:1].islower() and not before.rstrip().endswith((".", ";", ":", "!", "?"))
        for before, after in zip(last.cells, cont.cells, strict=True)
    )
