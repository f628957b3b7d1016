"""OCR for pages without a usable text layer: a page image in, positioned lines and tables out.

Used by the read stage (`pipeline.read`) for scanned or mixed PDFs (docs/domain.md §1: "sometimes a
scanned signed copy"). A page is rendered with pypdfium2, straightened (a scan is rarely level),
made even (paper white under shaded cells), smoothed, cleaned of specks and binarised, its table
rulings are found as long dark pixel runs and erased (`pipeline.read.scan_image`), each table's
cells are read together, one below the other, and the rest of the page is read by Tesseract (Dutch
language data) through its hOCR output, which gives every word with its box and confidence and every
line with its baseline and height. Words that are specks read as marks are dropped (issue 20, item
12). Lines come back in PDF points with an estimated font size and boldness, so the read stage can
treat them like lines from a text layer; rulings go through pdfplumber's own edges -> intersections
-> cells -> tables steps.

Tesseract is an external program (Debian: `tesseract-ocr`, `tesseract-ocr-nld`); when it or the
language data is missing, `ocr_unavailable_reason` says why and the read stage reports a page
without text as before. `PageOcr` is the read stage's side: one page of a document in, a `RawPage`
of lines and tables marked `ocr=True` out.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

import numpy as np
import pypdfium2 as pdfium
from pdfplumber.table import Table as _PlumberTable
from PIL import Image

from pipeline.read.raw import Box, RawLine, RawPage, RawTable
from pipeline.read.scan_image import (
    binarise,
    despeckle,
    flatten_background,
    ink_threshold,
    largest_blob,
    otsu_threshold,
    rulings,
    smooth,
    tables,
)
from pipeline.read.scan_text import repaired_item_numbers
from pipeline.read.scan_words import (
    X_SIZE_PER_POINT,
    Line,
    Word,
    bullet_first,
    merge_same_baseline,
    plausible_lines,
    with_bullet,
    without_leading_marks,
    without_speck_lines,
)
from pipeline.read.settings import OcrSettings, ReadError, ReadSettings
from pipeline.read.tables import fill_grid
from pipeline.text import clean_glyphs


class OcrError(Exception):
    """OCR of a page failed; the message is meant for the user."""


@dataclass
class OcrLine:
    """One line of OCR'd text in PDF points (origin top-left)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    confidence: float


@dataclass
class OcrRow:
    """A table row found from rulings: its box and its cells (None where a cell is merged)."""

    bbox: Box
    cells: list[Box | None]


@dataclass
class OcrTable:
    """A ruled table on an OCR'd page, with each cell's text (None for merged cells)."""

    bbox: Box
    rows: list[OcrRow]
    texts: list[list[str | None]]
    first_row_bold: bool
    confidence: float | None = None  # mean confidence of the words read in its cells (0-1)
    word_confidences: list[float] = field(default_factory=list, repr=False)


@dataclass
class OcrPage:
    """What OCR found on one page."""

    width: float
    height: float
    lines: list[OcrLine] = field(default_factory=list)
    tables: list[OcrTable] = field(default_factory=list)
    confidence: float | None = None
    skew_degrees: float = 0.0


def ocr_unavailable_reason(settings: OcrSettings) -> str | None:
    """None when OCR can run, else a sentence saying what is missing."""
    if not settings.enabled:
        return "OCR is switched off"
    return _check_tesseract(settings.command, settings.language)


@functools.lru_cache(maxsize=8)
def _check_tesseract(command: str, language: str) -> str | None:
    program = shutil.which(command)
    if program is None:
        return f"the OCR program {command!r} is not installed"
    try:
        listed = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"the OCR program {command!r} does not run ({exc})"
    installed = set(listed.stdout.split()) | set(listed.stderr.split())
    missing = [lang for lang in language.split("+") if lang not in installed]
    if missing:
        return f"the OCR language data {', '.join(missing)!r} is not installed"
    return None


def render_page(page: Any, settings: OcrSettings) -> tuple[Image.Image, float]:
    """Render a pypdfium2 page in grey; returns the image and its pixels per point."""
    width, height = page.get_size()
    scale = settings.dpi / 72
    if width * height * scale * scale > settings.max_pixels:
        scale = (settings.max_pixels / max(width * height, 1.0)) ** 0.5
    bitmap = page.render(scale=scale, grayscale=True)
    image = bitmap.to_pil().convert("L")
    return image, scale


def ocr_image(image: Image.Image, scale: float, settings: ReadSettings) -> OcrPage:
    """OCR a grey page image rendered at `scale` pixels per point (the read stage's settings:
    its tables follow the same rules as those of a text layer)."""
    ocr = settings.ocr
    grey = np.asarray(image.convert("L"), dtype=np.uint8)
    angle = _skew_angle(grey, ocr)
    if abs(angle) >= ocr.min_skew_degrees:
        image = image.convert("L").rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
        grey = np.asarray(image, dtype=np.uint8)
    page = OcrPage(width=grey.shape[1] / scale, height=grey.shape[0] / scale, skew_degrees=angle)
    if ocr.flatten_background:
        grey = flatten_background(
            grey, scale, ocr.background_window_points, ocr.darkest_paper, ocr.paper_share
        )
    grey = smooth(grey, ocr.median_pixels)
    if ocr.despeckle:
        threshold = ink_threshold(grey, ocr.ink_share) if ocr.ink_share else otsu_threshold(grey)
        grey, _ = despeckle(
            grey,
            scale,
            ocr.speck_size_points,
            ocr.speck_margin_points,
            threshold,
            ocr.speck_side_points,
        )
        grey = binarise(grey, threshold)
    dark = _ink(grey, ocr)
    edges: list[dict[str, Any]] = []
    if ocr.find_rulings:
        edges, ruling_mask = rulings(dark, scale, ocr)
        if ruling_mask.any():
            grey = grey.copy()
            grey[ruling_mask] = 255
            dark = _ink(grey, ocr)
    # Tables are read cell by cell and blanked out of the page the rest is read from.
    text_only = grey.copy()
    paper = 255 if ocr.despeckle else int(np.median(grey))
    for table_cells in tables(edges, settings):
        table = _read_table(table_cells, grey, dark, scale, ocr)
        if table is not None:
            page.tables.append(table)
            x0, top, x1, bottom = (int(v * scale) for v in table.bbox)
            text_only[max(top - 2, 0) : bottom + 2, max(x0 - 2, 0) : x1 + 2] = paper
    found = plausible_lines(_run_tesseract(Image.fromarray(text_only), scale, ocr), ocr)
    found = without_speck_lines(found, ocr)
    found = [without_leading_marks(with_bullet(bullet_first(line, ocr), dark)) for line in found]
    lines = merge_same_baseline(found, ocr)
    strokes = _stroke_widths(dark, lines)
    typical = median(v for v in strokes if v > 0) if any(strokes) else 0.0
    confidences: list[float] = []
    for line, stroke in zip(lines, strokes, strict=True):
        confidences += [w.confidence for w in line.words]
        heavy = typical > 0 and stroke >= ocr.bold_stroke_ratio * typical
        page.lines.append(_to_ocr_line(line, line.words, scale, heavy))
    confidences += [c for table in page.tables for c in table.word_confidences]
    page.confidence = round(sum(confidences) / len(confidences), 3) if confidences else None
    page.lines.sort(key=lambda ln: (ln.top, ln.x0))
    lefts = [(ln.text, ln.x0) for ln in page.lines]
    for ln, text in zip(
        page.lines, repaired_item_numbers(lefts, ocr.number_column_points), strict=True
    ):
        ln.text = text
    return page


def _ink(grey: np.ndarray, settings: OcrSettings) -> np.ndarray:
    """Dark pixels, with scanner specks removed: a pixel is ink when most of its 3x3 block is."""
    dark = (grey < settings.ink_level).astype(np.uint8)
    padded = np.pad(dark, 1)
    height, width = dark.shape
    count = sum(
        padded[dy : dy + height, dx : dx + width].astype(np.uint8)
        for dy in range(3)
        for dx in range(3)
    )
    return np.asarray(count >= settings.ink_min_neighbours)


# --- straightening ------------------------------------------------------------------------


def _skew_angle(grey: np.ndarray, settings: OcrSettings) -> float:
    """The rotation (degrees, counter-clockwise) that makes text rows level.

    Text rows give the sharpest horizontal projection profile when level; the angle is searched
    on a reduced image, coarse then fine.
    """
    max_degrees = settings.max_skew_degrees
    if max_degrees <= 0:
        return 0.0
    small = Image.fromarray(grey).reduce(4)
    ink = Image.fromarray(((np.asarray(small) < settings.ink_level) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float64)
        profile = rows.sum(axis=1)
        return float(np.sum(np.diff(profile) ** 2))

    best = max(np.arange(-max_degrees, max_degrees + 1e-9, 0.25), key=sharpness)
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    return round(float(max(fine, key=sharpness)), 2)


# --- tables, read cell by cell -------------------------------------------------------------


def _read_table(
    cells: list[Box],
    grey: np.ndarray,
    dark: np.ndarray,
    scale: float,
    settings: OcrSettings,
) -> OcrTable | None:
    """Read a ruled table cell by cell; None when it has fewer than two columns."""
    plumber = _PlumberTable(None, cells)  # type: ignore[arg-type]
    rows = [OcrRow(bbox=tuple(row.bbox), cells=list(row.cells)) for row in plumber.rows]
    if not rows or len(rows[0].cells) < 2:
        return None
    boxes = [(r, c, cell) for r, row in enumerate(rows) for c, cell in enumerate(row.cells) if cell]
    found = _read_cells(grey, [cell for _, _, cell in boxes], scale, settings)
    texts: list[list[str | None]] = [
        [None if cell is None else "" for cell in row.cells] for row in rows
    ]
    confidences: list[float] = []
    strokes: dict[int, list[float]] = {}
    for index, cell_lines in found.items():
        r, c, _ = boxes[index]
        cell_lines = merge_same_baseline(plausible_lines(cell_lines, settings), settings)
        parts = [
            " ".join(w.text for w in sorted(ln.words, key=lambda w: w.box[0])) for ln in cell_lines
        ]
        texts[r][c] = "\n".join(part for part in parts if part)
        confidences += [w.confidence for ln in cell_lines for w in ln.words]
        strokes.setdefault(r, []).extend(v for v in _stroke_widths(dark, cell_lines) if v > 0)
    # The header row is bold when its strokes are heavier than those of the rows below it.
    first = strokes.get(0, [])
    rest = [v for r, values in strokes.items() if r > 0 for v in values]
    bold = bool(first and rest) and median(first) >= settings.bold_stroke_ratio * median(rest)
    return OcrTable(
        bbox=plumber.bbox,
        rows=rows,
        texts=texts,
        first_row_bold=bold,
        confidence=round(sum(confidences) / len(confidences), 3) if confidences else None,
        word_confidences=confidences,
    )


def _read_cells(
    grey: np.ndarray,
    cells: list[Box],
    scale: float,
    settings: OcrSettings,
) -> dict[int, list[Line]]:
    """OCR all cells of a table in one Tesseract run, each cell's picture placed below the
    previous one: a line can never run across a column boundary (issue 20: two cells read as
    one line), and a number alone in a cell is not dropped by the page's layout analysis.
    Returns the lines of each cell that has text, by cell index, in page pixels."""
    pad = max(2, int(1.5 * scale))
    gap = int(settings.cell_gap_points * scale)
    crops: list[tuple[int, np.ndarray, int, int]] = []
    for index, cell in enumerate(cells):
        x0, top = int(cell[0] * scale) + pad, int(cell[1] * scale) + pad
        x1, bottom = int(cell[2] * scale) - pad, int(cell[3] * scale) - pad
        crop = grey[top:bottom, x0:x1]
        if crop.size and (crop < 128).sum() >= 3 * scale:
            crops.append((index, crop, x0, top))
    if not crops:
        return {}
    width = max(crop.shape[1] for _, crop, _, _ in crops) + 2 * gap
    height = sum(crop.shape[0] + gap for _, crop, _, _ in crops) + gap
    canvas = np.full((height, width), 255, dtype=np.uint8)
    placed: list[tuple[int, int, int, int, int]] = []  # index, top, height, dx, dy
    y = gap
    for index, crop, x0, top in crops:
        canvas[y : y + crop.shape[0], gap : gap + crop.shape[1]] = crop
        placed.append((index, y, crop.shape[0], x0 - gap, top - y))
        y += crop.shape[0] + gap
    if not settings.despeckle:
        canvas = binarise(canvas)
    out: dict[int, list[Line]] = {}
    for line in _run_tesseract(Image.fromarray(canvas), scale, settings, psm=6):
        centre = (line.box[1] + line.box[3]) / 2
        for index, top, size, dx, dy in placed:
            if top - gap / 2 <= centre < top + size + gap / 2:
                out.setdefault(index, []).append(_moved(line, dx, dy))
                break
    # A short number alone in a cell is sometimes skipped; such a cell is read on its own when
    # it holds a blob as tall as a small digit (not what specks or rulings left).
    missed = [
        (index, crop, x0, top)
        for index, crop, x0, top in crops
        if (index not in out or _garbled(out[index], settings))
        and _has_glyph(crop, settings.min_glyph_points * scale)
    ]
    for index, crop, x0, top in missed[: settings.max_cells_read_alone]:
        alone = np.full((crop.shape[0] + 2 * gap, crop.shape[1] + 2 * gap), 255, dtype=np.uint8)
        alone[gap:-gap, gap:-gap] = crop if settings.despeckle else binarise(crop)
        lines = [
            Line(line.box, line.baseline, line.x_size, words)
            for line in _run_tesseract(Image.fromarray(alone), scale, settings, psm=7)
            if (words := [w for w in line.words if _sure_or_number(w, settings)])
        ]
        if lines:
            out[index] = [_moved(line, x0 - gap, top - gap) for line in lines]
    return out


def _garbled(lines: list[Line], settings: OcrSettings) -> bool:
    """A cell read as a few unsure short marks without a digit ("Ke)" for a "9" among other
    cells): it is read again on its own."""
    words = [w for line in lines for w in line.words]
    if not words or any(c.isdigit() for w in words for c in w.text):
        return False
    unsure = sum(w.confidence for w in words) / len(words) < settings.sure_word_confidence
    return unsure and all(len(w.text) <= 3 for w in words)


def _has_glyph(crop: np.ndarray, min_height: float) -> bool:
    blob = largest_blob(crop < 128)
    return blob is not None and blob[3] - blob[1] >= min_height


def _sure_or_number(word: Word, settings: OcrSettings) -> bool:
    """A word of a cell read on its own: kept when sure, or when it holds a digit."""
    return word.confidence >= settings.sure_word_confidence or any(c.isdigit() for c in word.text)


def _moved(line: Line, dx: float, dy: float) -> Line:
    """A line shifted by (dx, dy) pixels."""

    def box(b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        return (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy)

    words = [Word(w.text, box(w.box), w.confidence, w.line) for w in line.words]
    return Line(box(line.box), line.baseline + dy, line.x_size, words)


# --- Tesseract -----------------------------------------------------------------------------

_BBOX = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
_BASELINE = re.compile(r"baseline (-?[\d.]+) (-?[\d.]+)")
_X_SIZE = re.compile(r"x_size ([\d.]+)")
_CONF = re.compile(r"x_wconf (\d+)")
_LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"}


def _run_tesseract(
    image: Image.Image, scale: float, settings: OcrSettings, psm: int = 3
) -> list[Line]:
    """Tesseract's hOCR for one image, parsed into lines of words (pixel coordinates)."""
    with tempfile.TemporaryDirectory(prefix="prestatie-ocr-") as folder:
        source = Path(folder) / "page.pgm"  # uncompressed: PNG encoding of a scan is slow
        image.save(source)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            done = subprocess.run(
                [
                    settings.command,
                    str(source),
                    str(Path(folder) / "page"),
                    "-l",
                    settings.language,
                    "--dpi",
                    str(round(scale * 72)),
                    "--psm",
                    str(psm),
                    "hocr",
                ],
                capture_output=True,
                timeout=settings.page_timeout_seconds,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise OcrError(
                f"OCR took longer than {settings.page_timeout_seconds:g} s on one page"
            ) from exc
        except OSError as exc:
            raise OcrError(f"the OCR program could not be started ({exc})") from exc
        hocr = Path(folder) / "page.hocr"
        if done.returncode != 0 or not hocr.exists():
            message = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
            raise OcrError(f"the OCR program failed ({message[0]})")
        return _parse_hocr(hocr.read_text(encoding="utf-8"))


def _parse_hocr(text: str) -> list[Line]:
    root = ET.fromstring(text)
    lines: list[Line] = []
    for element in root.iter():
        if element.get("class") not in _LINE_CLASSES:
            continue
        title = element.get("title", "")
        box = _box(title)
        if box is None:
            continue
        words = []
        for child in element:
            if child.get("class") != "ocrx_word":
                continue
            word = "".join(child.itertext()).strip()
            word_box = _box(child.get("title", ""))
            conf = _CONF.search(child.get("title", ""))
            if word and word_box is not None:
                words.append(
                    Word(word, word_box, int(conf.group(1)) / 100 if conf else 0.0, len(lines))
                )
        if not words:
            continue
        slope, offset = (0.0, 0.0)
        if match := _BASELINE.search(title):
            slope, offset = float(match.group(1)), float(match.group(2))
        x_size = float(m.group(1)) if (m := _X_SIZE.search(title)) else box[3] - box[1]
        baseline = box[3] + offset + slope * (box[2] - box[0]) / 2
        lines.append(Line(box=box, baseline=baseline, x_size=x_size, words=words))
    return lines


def _box(title: str) -> Box | None:
    match = _BBOX.search(title)
    if match is None:
        return None
    x0, top, x1, bottom = (float(v) for v in match.groups())
    return (x0, top, x1, bottom)


# --- line geometry and style ---------------------------------------------------------------

# The font box reaches 0.79 of the size above the baseline and 0.21 below (pdfminer's
# Helvetica metrics), as the text-layer lines do; the size is the x-size over X_SIZE_PER_POINT.
_ASCENT, _DESCENT = 0.79, 0.21


def _to_ocr_line(line: Line, words: list[Word], scale: float, bold: bool) -> OcrLine:
    size_px = line.x_size / X_SIZE_PER_POINT
    size = round(size_px / scale * 2) / 2
    text = " ".join(w.text for w in sorted(words, key=lambda w: w.box[0]))
    text = text.replace("\u201a", ",")  # Tesseract reads many commas as a low quote
    return OcrLine(
        text=text,
        x0=min(w.box[0] for w in words) / scale,
        top=(line.baseline - _ASCENT * size_px) / scale,
        x1=max(w.box[2] for w in words) / scale,
        bottom=(line.baseline + _DESCENT * size_px) / scale,
        size=size,
        bold=bold,
        confidence=round(sum(w.confidence for w in words) / len(words), 3),
    )


def _stroke_widths(dark: np.ndarray, lines: list[Line]) -> list[float]:
    """Per line: mean length of horizontal ink runs inside its words, per pixel of font size."""
    out: list[float] = []
    for line in lines:
        total = count = 0
        for word in line.words:
            x0, top, x1, bottom = (int(v) for v in word.box)
            patch = dark[top:bottom, x0:x1]
            if patch.size == 0:
                continue
            padded = np.zeros((patch.shape[0], patch.shape[1] + 2), dtype=np.int8)
            padded[:, 1:-1] = patch
            change = np.diff(padded, axis=1)
            total += int(patch.sum())
            count += int((change == 1).sum())
        size_px = line.x_size / X_SIZE_PER_POINT
        out.append(total / count / size_px if count and size_px else 0.0)
    return out


def ocr_page_text(page: Any, settings: OcrSettings, dpi: int) -> str:
    """The words of a pypdfium2 page as Tesseract reads them at `dpi`, binarised but without
    the full read's clean-up, tables or layout: enough to tell a page's language and
    vocabulary (the quick look before the full read, `pipeline.read.preview`)."""
    image, scale = render_page(page, settings.model_copy(update={"dpi": dpi}))
    grey = binarise(np.asarray(image, dtype=np.uint8))
    lines = _run_tesseract(Image.fromarray(grey), scale, settings)
    return "\n".join(" ".join(word.text for word in line.words) for line in lines)


# --- pages of the read stage ----------------------------------------------------------------


class PageOcr:
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

    def __enter__(self) -> PageOcr:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._document is not None:
            self._document.close()

    def read(self, number: int) -> RawPage | None:
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
            found = ocr_image(image, scale, self.settings)
        except OcrError as exc:
            raise ReadError(f"OCR of page {number} failed: {exc}.") from exc
        self.pages_read += 1
        return ocr_raw_page(found, number)


def ocr_raw_page(found: OcrPage, number: int) -> RawPage:
    """The read stage's raw page of what OCR found: lines and tables marked `ocr=True`."""
    raw = RawPage(number=number, height=found.height)
    for line in found.lines:
        text = clean_glyphs(line.text)
        if text:
            raw.lines.append(
                RawLine(
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
        grid = fill_grid(table.rows, table.texts, xs)
        if grid and len(grid[0]) >= 2:
            raw.tables.append(
                RawTable(
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
