"""OCR for pages without a usable text layer: a page image in, positioned lines and tables out.

Used by the read stage (`pipeline.read`) for scanned or mixed PDFs (docs/domain.md §1: "sometimes a
scanned signed copy"). A page is rendered with pypdfium2, straightened (a scan is rarely level),
its table rulings are found as long dark pixel runs and erased, and the rest is read by
Tesseract (Dutch language data) through its hOCR output, which gives every word with its box and
confidence and every line with its baseline and height. Lines come back in PDF points with an
estimated font size and boldness, so the read stage can treat them like lines from a text
layer; rulings go through pdfplumber's own edges -> intersections -> cells -> tables steps.

Tesseract is an external program (Debian: `tesseract-ocr`, `tesseract-ocr-nld`); when it or the
language data is missing, `ocr_unavailable_reason` says why and the read stage reports a page
without text as before. `PageOcr` is the read stage's side: one page of a document in, a
`RawPage` of lines and tables marked `ocr=True` out.
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
from pdfplumber.table import (
    Table as _PlumberTable,
)
from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from PIL import Image

from pipeline.read.raw import Box, RawLine, RawPage, RawTable
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


@dataclass
class OcrPage:
    """What OCR found on one page."""

    width: float
    height: float
    lines: list[OcrLine] = field(default_factory=list)
    tables: list[OcrTable] = field(default_factory=list)
    confidence: float | None = None
    skew_degrees: float = 0.0


@dataclass
class _Word:
    text: str
    box: Box  # pixels x0, top, x1, bottom
    confidence: float
    line: int


@dataclass
class _Line:
    box: Box
    baseline: float  # pixel y of the baseline
    x_size: float
    words: list[_Word]


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
    dark = _ink(grey, ocr)
    edges: list[dict[str, Any]] = []
    if ocr.find_rulings:
        edges, ruling_mask = _rulings(dark, scale, ocr)
        if ruling_mask.any():
            grey = grey.copy()
            grey[ruling_mask] = 255
            dark = _ink(grey, ocr)
    found = _run_tesseract(Image.fromarray(grey), scale, ocr)
    lines = _merge_same_baseline([_with_bullet(line, dark) for line in found], ocr)
    tables = _tables(edges, settings)
    strokes = _stroke_widths(dark, lines)
    typical = median(v for v in strokes if v > 0) if any(strokes) else 0.0
    heavy = [typical > 0 and v >= ocr.bold_stroke_ratio * typical for v in strokes]
    in_table: set[int] = set()
    for table_cells in tables:
        table, used = _fill_table(table_cells, lines, heavy, grey, dark, scale, settings)
        if table is not None:
            page.tables.append(table)
            in_table |= used
    confidences: list[float] = []
    for index, line in enumerate(lines):
        words = [w for w in line.words if id(w) not in in_table]
        if not words:
            continue
        confidences += [w.confidence for w in words]
        page.lines.append(_to_ocr_line(line, words, scale, heavy[index]))
    confidences += [w.confidence for ln in lines for w in ln.words if id(w) in in_table]
    page.confidence = round(sum(confidences) / len(confidences), 3) if confidences else None
    page.lines.sort(key=lambda ln: (ln.top, ln.x0))
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


# --- rulings and tables --------------------------------------------------------------------


def _long_runs(dark: np.ndarray, min_length: int) -> tuple[np.ndarray, list[tuple[int, int, int]]]:
    """Dark runs along each row of at least `min_length` pixels: a mask and (row, start, end)."""
    # Rows one pixel apart are joined so that a rule left slightly slanted stays one run.
    joined = dark.copy()
    joined[1:] |= dark[:-1]
    padded = np.zeros((joined.shape[0], joined.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = joined
    change = np.diff(padded, axis=1)
    starts_r, starts_c = np.nonzero(change == 1)
    _, ends_c = np.nonzero(change == -1)
    mask = np.zeros_like(dark)
    runs: list[tuple[int, int, int]] = []
    for row, start, end in zip(starts_r, starts_c, ends_c, strict=True):
        if end - start >= min_length:
            runs.append((int(row), int(start), int(end)))
            mask[max(row - 3, 0) : row + 3, start:end] = True
    return mask & _grown(dark), runs


def _grown(dark: np.ndarray) -> np.ndarray:
    out = dark.copy()
    out[1:] |= dark[:-1]
    out[:-1] |= dark[1:]
    out[:, 1:] |= dark[:, :-1]
    out[:, :-1] |= dark[:, 1:]
    return out


def _rulings(
    dark: np.ndarray, scale: float, settings: OcrSettings
) -> tuple[list[dict[str, Any]], np.ndarray]:
    """Horizontal and vertical rulings as pdfplumber edges (points), and their pixel mask."""
    h_mask, h_runs = _long_runs(dark, int(settings.ruling_min_width * scale))
    v_mask_t, v_runs = _long_runs(dark.T, int(settings.ruling_min_height * scale))
    edges: list[dict[str, Any]] = []
    for row, start, end in h_runs:
        y = row / scale
        edges.append(
            {
                "x0": start / scale,
                "x1": end / scale,
                "top": y,
                "bottom": y,
                "orientation": "h",
                "width": (end - start) / scale,
            }
        )
    for col, start, end in v_runs:
        x = col / scale
        edges.append(
            {
                "x0": x,
                "x1": x,
                "top": start / scale,
                "bottom": end / scale,
                "orientation": "v",
                "height": (end - start) / scale,
            }
        )
    snap = settings.ruling_merge_tolerance
    edges = merge_edges(edges, snap, snap, snap, snap)
    return edges, h_mask | v_mask_t.T


def _tables(edges: list[dict[str, Any]], settings: ReadSettings) -> list[list[Box]]:
    """Cells grouped into tables, as pdfplumber finds them from a page's rulings."""
    verticals = [
        e
        for e in edges
        if e["orientation"] == "v" and e["bottom"] - e["top"] > settings.min_vertical_ruling
    ]
    if len(verticals) < 2:
        return []
    # A row cut by a page break has no closing rule; the ends of the verticals mark it
    # (the same rule the read stage applies to text-layer pages).
    x0 = min(e["x0"] for e in verticals)
    x1 = max(e["x0"] for e in verticals)
    closing = [
        {"x0": x0, "x1": x1, "top": y, "bottom": y, "orientation": "h", "width": x1 - x0}
        for y in (min(e["top"] for e in verticals), max(e["bottom"] for e in verticals))
    ]
    snap = settings.ocr.ruling_merge_tolerance
    merged = merge_edges(edges + closing, snap, snap, snap, snap)
    intersections = edges_to_intersections(merged, snap, snap)
    cells = intersections_to_cells(intersections)
    return [group for group in cells_to_tables(cells) if len(group) >= 2]


def _fill_table(
    cells: list[Box],
    lines: list[_Line],
    heavy: list[bool],
    grey: np.ndarray,
    dark: np.ndarray,
    scale: float,
    settings: ReadSettings,
) -> tuple[OcrTable | None, set[int]]:
    """Put the OCR'd words into the table's cells; returns the table and the words it took."""
    plumber = _PlumberTable(None, cells)  # type: ignore[arg-type]
    rows = [OcrRow(bbox=tuple(row.bbox), cells=list(row.cells)) for row in plumber.rows]
    if not rows or len(rows[0].cells) < 2:
        return None, set()
    used: set[int] = set()
    texts: list[list[str | None]] = []
    first_row_heavy: list[bool] = []
    confidences: list[float] = []
    for r, row in enumerate(rows):
        row_texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                row_texts.append(None)
                continue
            parts: list[str] = []
            for index, line in enumerate(lines):
                words = [w for w in line.words if _centre_in(w.box, cell, scale)]
                if not words:
                    continue
                used |= {id(w) for w in words}
                confidences += [w.confidence for w in words]
                parts.append(" ".join(w.text for w in sorted(words, key=lambda w: w.box[0])))
                if r == 0:
                    first_row_heavy.append(heavy[index])
            if not parts:
                cell_lines = _ocr_cell(grey, dark, cell, scale, settings.ocr)
                parts = [" ".join(w.text for w in line.words) for line in cell_lines]
                confidences += [w.confidence for line in cell_lines for w in line.words]
            row_texts.append("\n".join(parts))
        texts.append(row_texts)
    needed = settings.bold_min_share * len(first_row_heavy)
    bold = bool(first_row_heavy) and sum(first_row_heavy) >= needed
    confidence = round(sum(confidences) / len(confidences), 3) if confidences else None
    table = OcrTable(
        bbox=plumber.bbox, rows=rows, texts=texts, first_row_bold=bold, confidence=confidence
    )
    return table, used


def _ocr_cell(
    grey: np.ndarray,
    dark: np.ndarray,
    cell: Box,
    scale: float,
    settings: OcrSettings,
) -> list[_Line]:
    """Read a cell on its own when it has ink but the page pass found no words in it:
    Tesseract's page layout analysis tends to drop short numbers alone in table cells."""
    pad = int(2 * scale)
    x0, top = int(cell[0] * scale) + pad, int(cell[1] * scale) + pad
    x1, bottom = int(cell[2] * scale) - pad, int(cell[3] * scale) - pad
    if x1 - x0 < 4 or bottom - top < 4 or dark[top:bottom, x0:x1].sum() < 4 * scale * scale:
        return []
    crop = np.full((bottom - top + 2 * pad, x1 - x0 + 2 * pad), 255, dtype=np.uint8)
    crop[pad:-pad, pad:-pad] = grey[top:bottom, x0:x1]
    return _run_tesseract(Image.fromarray(crop), scale, settings, psm=6)


def _merge_same_baseline(lines: list[_Line], settings: OcrSettings) -> list[_Line]:
    """Join lines Tesseract split on one baseline (a hanging number and its text, columns):
    a text layer gives them as one line too, since pdfplumber groups characters by height."""
    out: list[_Line] = []
    for line in sorted(lines, key=lambda ln: (ln.baseline, ln.box[0])):
        previous = out[-1] if out else None
        tolerance = settings.same_baseline_share * max(
            line.x_size, previous.x_size if previous else 0.0
        )
        if (
            previous is not None
            and abs(line.baseline - previous.baseline) <= tolerance
            and (line.box[0] >= previous.box[2] or line.box[2] <= previous.box[0])
        ):
            words = sorted([*previous.words, *line.words], key=lambda w: w.box[0])
            main = previous if len(previous.words) >= len(line.words) else line
            box = (
                min(previous.box[0], line.box[0]),
                min(previous.box[1], line.box[1]),
                max(previous.box[2], line.box[2]),
                max(previous.box[3], line.box[3]),
            )
            out[-1] = _Line(box=box, baseline=main.baseline, x_size=main.x_size, words=words)
        else:
            out.append(line)
    return out


def _centre_in(box: Box, cell: Box, scale: float) -> bool:
    cx = (box[0] + box[2]) / 2 / scale
    cy = (box[1] + box[3]) / 2 / scale
    return cell[0] <= cx < cell[2] and cell[1] <= cy < cell[3]


# --- Tesseract -----------------------------------------------------------------------------

_BBOX = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
_BASELINE = re.compile(r"baseline (-?[\d.]+) (-?[\d.]+)")
_X_SIZE = re.compile(r"x_size ([\d.]+)")
_CONF = re.compile(r"x_wconf (\d+)")
_LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"}


def _run_tesseract(
    image: Image.Image, scale: float, settings: OcrSettings, psm: int = 3
) -> list[_Line]:
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


def _parse_hocr(text: str) -> list[_Line]:
    root = ET.fromstring(text)
    lines: list[_Line] = []
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
                    _Word(word, word_box, int(conf.group(1)) / 100 if conf else 0.0, len(lines))
                )
        if not words:
            continue
        slope, offset = (0.0, 0.0)
        if match := _BASELINE.search(title):
            slope, offset = float(match.group(1)), float(match.group(2))
        x_size = float(m.group(1)) if (m := _X_SIZE.search(title)) else box[3] - box[1]
        baseline = box[3] + offset + slope * (box[2] - box[0]) / 2
        lines.append(_Line(box=box, baseline=baseline, x_size=x_size, words=words))
    return lines


def _box(title: str) -> Box | None:
    match = _BBOX.search(title)
    if match is None:
        return None
    x0, top, x1, bottom = (float(v) for v in match.groups())
    return (x0, top, x1, bottom)


# --- line geometry and style ---------------------------------------------------------------

# Calibrated on the sample agreements rendered at 300 dpi (Helvetica 10-24 pt): Tesseract's
# x_size is about 0.86 of the font size; the font box reaches 0.79 of the size above the
# baseline and 0.21 below (pdfminer's Helvetica metrics), as the text-layer lines do.
_X_SIZE_PER_POINT = 0.95
_ASCENT, _DESCENT = 0.79, 0.21


def _to_ocr_line(line: _Line, words: list[_Word], scale: float, bold: bool) -> OcrLine:
    size_px = line.x_size / _X_SIZE_PER_POINT
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


def _with_bullet(line: _Line, dark: np.ndarray) -> _Line:
    """Restore a list bullet (a small filled dot): Tesseract reads it as 'e' or '*', or drops it."""
    size_px = line.x_size / _X_SIZE_PER_POINT
    first = line.words[0]
    if len(first.text) <= 2 and _is_dot(dark, first.box, size_px):
        return _Line(line.box, line.baseline, line.x_size, [_bullet_word(first), *line.words[1:]])
    # Look left of the line, at x-height, for a dot Tesseract left out.
    top = int(line.baseline - 0.75 * size_px)
    bottom = int(line.baseline + 1)
    right = int(first.box[0] - 0.15 * size_px)
    left = max(int(first.box[0] - 2.2 * size_px), 0)
    if right <= left or top < 0:
        return line
    region = dark[top:bottom, left:right]
    cols = np.nonzero(region.any(axis=0))[0]
    rows = np.nonzero(region.any(axis=1))[0]
    if cols.size == 0:
        return line
    box = (left + cols[0], top + rows[0], left + cols[-1] + 1, top + rows[-1] + 1)
    if not _is_dot(dark, box, size_px):
        return line
    dot = _Word("•", tuple(float(v) for v in box), first.confidence, first.line)  # type: ignore[arg-type]
    return _Line(line.box, line.baseline, line.x_size, [dot, *line.words])


def _is_dot(dark: np.ndarray, box: Box, size_px: float) -> bool:
    x0, top, x1, bottom = (int(v) for v in box)
    width, height = x1 - x0, bottom - top
    if width <= 0 or height <= 0:
        return False
    if not (0.15 * size_px <= width <= 0.6 * size_px and 0.7 <= height / width <= 1.4):
        return False
    return float(dark[top:bottom, x0:x1].mean()) >= 0.6


def _bullet_word(word: _Word) -> _Word:
    return _Word("•", word.box, word.confidence, word.line)


def _stroke_widths(dark: np.ndarray, lines: list[_Line]) -> list[float]:
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
        size_px = line.x_size / _X_SIZE_PER_POINT
        out.append(total / count / size_px if count and size_px else 0.0)
    return out


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
