"""Hostile and broken files: each ends in a clear error (or a correct result) within the limits,
and the rest of the batch is unaffected. The files are built here, byte by byte where needed."""

from __future__ import annotations

import socket
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import sample_pdfs
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from pipeline.models import TextLine
from pipeline.process import PipelineSettings, process_document
from pipeline.read import ReadError, ReadSettings, read_document
from pipeline.read.ocr import ocr_unavailable_reason
from pipeline.read.settings import OcrSettings
from samples import Heading, Para, bullets, render_pdf

SECONDS_PER_FILE = 30.0
AGREEMENT = "De gemeente bouwt in 2025 veertig sociale huurwoningen aan de Dijkstraat."


def raw_pdf(objects: list[bytes], *, catalog_extra: bytes = b"", xref: bool = True) -> bytes:
    """A PDF from object bodies; object 1 is the catalog, 2 the page tree."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    bodies = [b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>", *objects]
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        start,
    )
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_ops(lines: list[str], size: int = 11) -> bytes:
    ops = [b"BT /F1 %d Tf 72 760 Td 14 TL" % size]
    ops += [b"(" + line.encode("latin-1") + b") Tj T*" for line in lines]
    return b"\n".join([*ops, b"ET"])


def one_page_pdf(
    content: bytes,
    *,
    media_box: bytes = b"[0 0 595 842]",
    content_extra: bytes = b"",
    catalog_extra: bytes = b"",
    more: list[bytes] | None = None,
) -> bytes:
    return raw_pdf(
        [
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox "
            + media_box
            + b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            stream(content, content_extra),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            *(more or []),
        ],
        catalog_extra=catalog_extra,
    )


def _agreement_pdf(path: Path) -> Path:
    render_pdf(
        [
            Heading("2 Nieuwbouw"),
            Para("De partijen spreken het volgende af:"),
            bullets([AGREEMENT, "De corporatie isoleert in 2026 honderd woningen tot label B."]),
        ],
        path,
    )
    return path


# --- the corpus --------------------------------------------------------------------------


def _zero_pages(path: Path) -> None:
    path.write_bytes(raw_pdf([b"<< /Type /Pages /Kids [] /Count 0 >>"]))


def _truncated(path: Path) -> None:
    data = sample_pdfs()[0].read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _broken_xref(path: Path) -> None:
    data = _agreement_pdf(path).read_bytes()
    head, _, _ = data.rpartition(b"startxref")
    path.write_bytes(head + b"startxref\n999999\n%%EOF\n")


def _garbled_xref_table(path: Path) -> None:
    data = bytearray(_agreement_pdf(path).read_bytes())
    at = data.rfind(b"xref\n0 ")
    for i in range(at + 30, min(at + 200, len(data))):
        if chr(data[i]).isdigit():
            data[i] = ord("7")
    path.write_bytes(bytes(data))


def _encrypted(user: str, owner: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        pdf = canvas.Canvas(
            str(path), encrypt=StandardEncryption(user, ownerPassword=owner), invariant=1
        )
        pdf.drawString(72, 720, AGREEMENT)
        pdf.save()

    return make


def _html(path: Path) -> None:
    path.write_text("<!DOCTYPE html><html><body><h1>Afspraken</h1></body></html>\n")


def _zip(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("afspraken.txt", AGREEMENT)


def _many_pages(path: Path) -> None:
    pdf = canvas.Canvas(str(path), pagesize=(72, 72), invariant=1)
    for number in range(3000):
        pdf.drawString(5, 30, str(number))
        pdf.showPage()
    pdf.save()


def _huge_content_stream(path: Path) -> None:
    # 40 MB of drawing operations on one page: refused before pdfminer spends minutes on it.
    ops = b"0 0 m 1 1 l S\n" * 3_000_000
    path.write_bytes(one_page_pdf(ops + text_ops([AGREEMENT])))


def _big_content_stream(path: Path) -> None:
    # 2,000 text operations on one page, each on its own line outside the page.
    ops = b"BT /F1 1 Tf\n" + b"-50 -50 Td (x) Tj\n" * 2_000 + b"ET\n"
    path.write_bytes(one_page_pdf(ops + text_ops([AGREEMENT])))


def _many_rulings(path: Path) -> None:
    ops = b"".join(
        b"%d %d 4 4 re S\n" % (10 + (i % 140) * 4, 10 + (i // 140) * 4) for i in range(20_000)
    )
    path.write_bytes(one_page_pdf(ops + text_ops([AGREEMENT])))


def _flate_bomb(path: Path) -> None:
    # 200 MB of spaces deflate to about 200 kB: pdfminer would inflate all of it in memory.
    packer = zlib.compressobj(9)
    chunk = b" " * 1_000_000
    packed = b"".join(packer.compress(chunk) for _ in range(200)) + packer.flush()
    path.write_bytes(one_page_pdf(packed, content_extra=b"/Filter /FlateDecode "))


def _javascript_and_embedded_file(path: Path) -> None:
    path.write_bytes(
        one_page_pdf(
            text_ops([AGREEMENT]),
            catalog_extra=b"/OpenAction 6 0 R "
            b"/Names << /EmbeddedFiles << /Names [(x.exe) 7 0 R] >> >> ",
            more=[
                b"<< /Type /Action /S /JavaScript /JS (app.alert('hallo');) >>",
                b"<< /Type /Filespec /F (x.exe) /EF << /F 8 0 R >> >>",
                stream(b"MZ\x90\x00 not really a program", b"/Type /EmbeddedFile "),
            ],
        )
    )


def _giant_page(path: Path) -> None:
    path.write_bytes(one_page_pdf(text_ops([AGREEMENT]), media_box=b"[0 0 14400 14400]"))


def _english(path: Path) -> None:
    render_pdf(
        [
            Heading("2 Housing"),
            Para("The parties agree on the following:"),
            bullets(
                [
                    "The municipality will build forty social rental homes in 2025.",
                    "The parties meet twice a year to discuss progress.",
                ]
            ),
        ],
        path,
    )


def _image_only(path: Path) -> None:
    from PIL import Image

    image = Image.new("L", (600, 800), 255)
    image.paste(0, (100, 100, 500, 140))
    image.save(path, "PDF", resolution=72)


NO_OCR = PipelineSettings(read=ReadSettings(ocr=OcrSettings(enabled=False)))

# name, builder, expected status, start of the error ("" when ok), settings
CORPUS: list[tuple[str, Callable[[Path], object], str, str, PipelineSettings | None]] = [
    ("empty", lambda p: p.write_bytes(b""), "failed", "The file is empty", None),
    ("zero-pages", _zero_pages, "failed", "The PDF has no pages.", None),
    ("truncated", _truncated, "failed", "The PDF is damaged and cannot be parsed", None),
    ("broken-startxref", _broken_xref, "ok", "", None),
    ("garbled-xref-table", _garbled_xref_table, "ok", "", None),
    (
        "encrypted-user-password",
        _encrypted("geheim", "eigenaar"),
        "failed",
        "The PDF is encrypted and no valid password was given.",
        None,
    ),
    ("encrypted-owner-only", _encrypted("", "eigenaar"), "ok", "", None),
    ("html", _html, "failed", "The file is not a PDF", None),
    ("zip", _zip, "failed", "The file is not a PDF", None),
    ("3000-pages", _many_pages, "failed", "The PDF has more than 1000 pages", None),
    (
        "huge-content-stream",
        _huge_content_stream,
        "failed",
        "Page 1 has a content stream that inflates to more than 32.0 MB",
        None,
    ),
    # 2,000 words "x" around one agreement sentence: read in time, then skipped by the document
    # gate (1 housing-agreement word per 1000 words)
    ("big-content-stream", _big_content_stream, "skipped", "", None),
    ("20000-rulings", _many_rulings, "ok", "", None),
    ("flate-bomb", _flate_bomb, "failed", "Page 1 has a content stream that inflates", None),
    ("javascript-embedded-file", _javascript_and_embedded_file, "ok", "", None),
    ("giant-page", _giant_page, "ok", "", None),
    ("english", _english, "skipped", "", None),  # prestatieafspraken are Dutch: the gate
    ("image-only-no-ocr", _image_only, "failed", "The PDF has no text layer", NO_OCR),
]


@pytest.mark.parametrize(
    ("name", "make", "status", "error", "settings"), CORPUS, ids=[c[0] for c in CORPUS]
)
def test_hostile_file_gives_clear_result_in_time(
    tmp_path: Path,
    name: str,
    make: Callable[[Path], object],
    status: str,
    error: str,
    settings: PipelineSettings | None,
) -> None:
    path = tmp_path / f"{name}.pdf"
    make(path)
    started = time.monotonic()
    result = process_document(path, settings)
    seconds = time.monotonic() - started
    assert (result.status, result.error[: len(error)]) == (status, error), result.error
    assert "Internal error" not in result.error
    assert seconds < SECONDS_PER_FILE
    if status in ("ok", "skipped") and name != "english":
        content = read_document(path, (settings or PipelineSettings()).read)
        assert any(AGREEMENT in b.text for b in content.blocks if isinstance(b, TextLine))


def test_batch_goes_on_after_every_hostile_file(tmp_path: Path) -> None:
    results = []
    for name, make, *_ in CORPUS:
        path = tmp_path / f"{name}.pdf"
        make(path)
        results.append(process_document(path))
    good = process_document(sample_pdfs()[0])
    assert good.status == "ok" and len(good.agreements) > 10
    assert all(r.status in ("ok", "skipped") or r.error for r in results)


def test_password_opens_the_encrypted_file(tmp_path: Path) -> None:
    path = tmp_path / "encrypted.pdf"
    _encrypted("geheim", "eigenaar")(path)
    content = read_document(path, ReadSettings(password="geheim"))
    assert AGREEMENT in content.first_page_text


def test_limits_are_settings_with_clear_messages(tmp_path: Path) -> None:
    sample = sample_pdfs()[0]
    with pytest.raises(ReadError, match=r"^The file is 0\.\d MB, larger than the limit"):
        read_document(sample, ReadSettings(max_file_bytes=1000))
    with pytest.raises(ReadError, match=r"^The PDF has more than 3 pages, the limit \(max_pages\)"):
        read_document(sample, ReadSettings(max_pages=3))
    bomb = tmp_path / "bomb.pdf"
    packed = zlib.compress(b" " * 2_000_000 + text_ops([AGREEMENT]))
    bomb.write_bytes(one_page_pdf(packed, content_extra=b"/Filter /FlateDecode "))
    with pytest.raises(ReadError, match="max_stream_bytes"):
        read_document(bomb, ReadSettings(max_stream_bytes=1_000_000))
    assert read_document(bomb, ReadSettings(max_stream_bytes=3_000_000)).page_count == 1


@pytest.mark.skipif(ocr_unavailable_reason(OcrSettings()) is not None, reason="no OCR")
def test_giant_scanned_page_is_rendered_within_the_pixel_limit(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("L", (2000, 2000), 255)
    ImageDraw.Draw(image).text((100, 100), "Afspraak", fill=0)
    path = tmp_path / "giant-scan.pdf"
    image.save(path, "PDF", resolution=10)  # 2000 px at 10 dpi: a page of 200 inches square
    started = time.monotonic()
    result = process_document(path)
    assert result.status in ("ok", "failed")
    assert "Internal error" not in result.error
    assert time.monotonic() - started < 60


def test_a_run_uses_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access during a run: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = process_document(sample_pdfs()[0])
    assert result.status == "ok", result.error
    assert result.agreements


# --- decompression limits on whole filter chains, images and fonts (issue 20, item 5) -----

LOW_LIMIT = ReadSettings(max_stream_bytes=1_000_000)


def _spaces_deflated(megabytes: int) -> bytes:
    """`megabytes` MB of spaces, deflated (about 1 kB per MB)."""
    packer = zlib.compressobj(9)
    chunk = b" " * 1_000_000
    return b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()


def _chain_bomb(filters: bytes) -> bytes:
    """Content that inflates to 8 MB through the filter chain `filters` (decoded in order)."""
    inner = _spaces_deflated(8)
    if filters == b"[/FlateDecode /FlateDecode]":
        return zlib.compress(inner, 9)
    if filters == b"[/ASCIIHexDecode /FlateDecode]":
        return inner.hex().encode() + b">"
    if filters == b"[/ASCII85Decode /FlateDecode]":
        import base64

        return base64.a85encode(inner) + b"~>"
    raise AssertionError(filters)


CHAINS = [
    b"[/FlateDecode /FlateDecode]",
    b"[/ASCIIHexDecode /FlateDecode]",
    b"[/ASCII85Decode /FlateDecode]",
]


@pytest.mark.parametrize("filters", CHAINS, ids=[c.decode() for c in CHAINS])
def test_a_bomb_behind_a_filter_chain_is_refused(tmp_path: Path, filters: bytes) -> None:
    path = tmp_path / "chain-bomb.pdf"
    path.write_bytes(one_page_pdf(_chain_bomb(filters), content_extra=b"/Filter " + filters + b" "))
    assert path.stat().st_size < 20_000
    with pytest.raises(ReadError) as caught:
        read_document(path, LOW_LIMIT)
    assert str(caught.value) == (
        "Page 1 has a content stream that inflates to more than 1.0 MB (max_stream_bytes); "
        "the file may be a decompression bomb."
    )


def test_content_behind_a_filter_chain_within_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "chain.pdf"
    packed = zlib.compress(text_ops([AGREEMENT]))
    path.write_bytes(
        one_page_pdf(
            packed.hex().encode() + b">", content_extra=b"/Filter [/ASCIIHexDecode /FlateDecode] "
        )
    )
    content = read_document(path, LOW_LIMIT)
    assert [b.text for b in content.blocks if isinstance(b, TextLine)] == [AGREEMENT]


def _page_with_resources(resources: bytes, more: list[bytes], content: bytes) -> bytes:
    """One page whose resources are given; objects 5 and on are `more`."""
    return raw_pdf(
        [
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
            + resources
            + b" /Contents 4 0 R >>",
            stream(content),
            *more,
        ]
    )


def test_an_image_bomb_is_refused(tmp_path: Path) -> None:
    # a 4000 x 2000 grey image whose pixels (8 MB) deflate to 8 kB
    image = stream(
        _spaces_deflated(8),
        b"/Type /XObject /Subtype /Image /Width 4000 /Height 2000 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode ",
    )
    path = tmp_path / "image-bomb.pdf"
    path.write_bytes(
        _page_with_resources(
            b"<< /XObject << /Im1 5 0 R >> /Font << /F1 6 0 R >> >>",
            [image, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"],
            b"q 500 0 0 250 50 500 cm /Im1 Do Q " + text_ops([AGREEMENT]),
        )
    )
    with pytest.raises(ReadError) as caught:
        read_document(path, LOW_LIMIT.model_copy(update={"max_image_bytes": 2_000_000}))
    assert str(caught.value) == (
        "Page 1 has an image that inflates to more than 2.0 MB (max_image_bytes); "
        "the file may be a decompression bomb."
    )
    # the image's 8 MB are within a limit for images above the one for other streams
    content = read_document(path, LOW_LIMIT.model_copy(update={"max_image_bytes": 9_000_000}))
    assert [b.text for b in content.blocks if isinstance(b, TextLine)] == [AGREEMENT]


def test_a_font_bomb_is_refused(tmp_path: Path) -> None:
    font_program = stream(_spaces_deflated(8), b"/Length1 8000000 /Filter /FlateDecode ")
    path = tmp_path / "font-bomb.pdf"
    path.write_bytes(
        _page_with_resources(
            b"<< /Font << /F1 5 0 R >> >>",
            [
                b"<< /Type /Font /Subtype /TrueType /BaseFont /Bom /FirstChar 32 /LastChar 126 "
                b"/FontDescriptor 6 0 R >>",
                b"<< /Type /FontDescriptor /FontName /Bom /Flags 32 /FontBBox [0 0 1000 1000] "
                b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 "
                b"/FontFile2 7 0 R >>",
                font_program,
            ],
            text_ops([AGREEMENT]),
        )
    )
    with pytest.raises(ReadError, match=r"^Page 1 has a font that inflates to more than 1\.0 MB"):
        read_document(path, LOW_LIMIT)
