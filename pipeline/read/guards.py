"""Guards against hostile or broken files: limits on file size and decoded streams, and the
errors of a file that cannot be opened, as sentences for the user.

A file larger than `max_file_bytes` is refused before it is parsed; a page whose content,
form, image or font stream inflates beyond its limit (a decompression bomb) is refused before
pdfminer decodes it whole into memory.
"""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import PDFStream, resolve1

from pipeline.read.settings import ReadError, ReadSettings

log = logging.getLogger(__name__)


class Damaged(Exception):
    """The PDF could not be parsed; worth one retry after pdfium rewrote it."""

    def __init__(self, error: ReadError) -> None:
        super().__init__(str(error))
        self.error = error


def read_bytes(path: Path, settings: ReadSettings) -> bytes:
    """The bytes of a PDF file; a file too large, empty or without a PDF header is refused."""
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise ReadError(
                f"The file is {megabytes(size)}, larger than the limit of "
                f"{megabytes(settings.max_file_bytes)} (max_file_bytes)."
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"The file cannot be opened: {exc.strerror or exc}.") from exc
    if not data:
        raise ReadError("The file is empty (0 bytes).")
    if b"%PDF-" not in data[:1024]:
        raise ReadError("The file is not a PDF (it does not start with a PDF header).")
    return data


def megabytes(size: int) -> str:
    """A size in bytes as megabytes, for messages."""
    return f"{size / 1_000_000:.1f} MB"


@contextmanager
def closing_quietly(pdf: Any) -> Iterator[Any]:
    """Close a pdfplumber PDF; its `close` walks the page tree again, which raises on a
    damaged tree and would hide the error already reported."""
    try:
        yield pdf
    finally:
        try:
            pdf.close()
        except Exception:
            log.debug("closing a damaged PDF failed", exc_info=True)


_STREAM_KINDS = {"content": "a content stream", "image": "an image", "font": "a font"}


def check_streams(
    page_obj: Any,
    number: int,
    settings: ReadSettings,
    checked: set[int] | None = None,
    images: bool = True,
) -> None:
    """Refuse a page with a stream that inflates beyond the limit (a decompression bomb):
    its content streams and forms, and the images and fonts they use. pdfminer would decode
    such a stream whole into memory; here each stage of its filter chain is decoded with the
    output capped at the limit, so a bomb is found after decoding at most that much.
    `checked` holds the object ids already checked in this document (shared fonts); without
    `images`, images are not checked (extracting a page's text does not decode them)."""
    checked = set() if checked is None else checked
    for kind, stream in islice(_page_streams(page_obj, settings), settings.max_streams_per_page):
        if kind == "image" and not images:
            continue
        if stream.objid is not None:
            if stream.objid in checked:
                continue
            checked.add(stream.objid)
        name = "max_image_bytes" if kind == "image" else "max_stream_bytes"
        limit: int = getattr(settings, name)
        if _inflates_beyond(stream, limit):
            raise ReadError(
                f"Page {number} has {_STREAM_KINDS[kind]} that inflates to more than "
                f"{megabytes(limit)} ({name}); the file may be a decompression bomb."
            )


def _page_streams(page_obj: Any, settings: ReadSettings) -> Iterator[tuple[str, PDFStream]]:
    """The streams pdfminer or pdfium decode to read a page: content streams, form XObjects
    (and, within them, their own resources), images with their soft masks, and the font
    programs and ToUnicode maps of its fonts."""
    for content in page_obj.contents:
        stream = resolve1(content)
        if isinstance(stream, PDFStream):
            yield "content", stream
    yield from _resource_streams(page_obj.resources, settings, depth=0, seen=set())


def _resource_streams(
    resources: Any, settings: ReadSettings, depth: int, seen: set[int]
) -> Iterator[tuple[str, PDFStream]]:
    """The streams of a resource dictionary: forms (and their own resources), images with
    their soft masks, and font programs and ToUnicode maps."""
    cap = settings.max_resources
    resources = _dict(resources)
    for ref in list(_dict(resources.get("XObject")).values())[:cap]:
        obj = resolve1(ref)
        if not isinstance(obj, PDFStream) or id(obj) in seen:
            continue
        seen.add(id(obj))
        subtype = _name(obj.get("Subtype"))
        if subtype == "Form":
            yield "content", obj
            if depth < settings.max_form_depth:
                yield from _resource_streams(obj.get("Resources"), settings, depth + 1, seen)
        elif subtype == "Image":
            yield "image", obj
            mask = resolve1(obj.get("SMask"))
            if isinstance(mask, PDFStream):
                yield "image", mask
    for ref in list(_dict(resources.get("Font")).values())[:cap]:
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
    """The object resolved as a dictionary ({} when it is not one)."""
    value = resolve1(obj)
    return value if isinstance(value, dict) else {}


def _list(obj: Any) -> list[Any]:
    """The object resolved as a list ([] when it is not one)."""
    value = resolve1(obj)
    return value if isinstance(value, list) else []


def _name(obj: Any) -> str:
    """The object resolved as a PDF name, as text."""
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


class OpenError(ReadError):
    """A PDF that cannot be opened; `encrypted` when a password is the reason."""

    def __init__(self, message: str, encrypted: bool) -> None:
        super().__init__(message)
        self.encrypted = encrypted


def open_error(exc: Exception) -> OpenError:
    """Turn pdfminer/pdfplumber's exception (often wrapped) into a sentence for the user."""
    causes: list[object] = [exc, *exc.args, exc.__cause__, exc.__context__]
    if any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) for c in causes) or any(
        "password" in str(c).lower() or "encrypt" in str(c).lower() for c in causes if c
    ):
        return OpenError("The PDF is encrypted and no valid password was given.", True)
    inner = next((c for c in exc.args if isinstance(c, Exception)), exc)
    return OpenError(f"The PDF is damaged and cannot be parsed ({type(inner).__name__}).", False)
