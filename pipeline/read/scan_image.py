"""Pixel work on a scanned page before Tesseract reads it: clean-up, rulings, dots.

A scanner leaves specks (dust, toner) and a grey, grainy background. Specks in the margins and
between table rows become words ("_", "ee", "En") and, inside a table cell, garbage in a party's
contribution (issue 20, item 12). Here a speck is an ink blob small enough to fit in a window of
about a point and a half with no other ink within about a point and a half around it: letters,
bullets and the dots of i and j are larger or close to other ink, so only specks go. The page is
then binarised (halfway between its typical ink and paper grey, `ink_threshold`), so that what
Tesseract reads and what the rest of the OCR step measures is the same picture. Before that the
page is made even: the paper's grey is estimated over a coarse grid (a grey closing: wider than
a stroke, narrower than a shaded cell) and every pixel divided by it, so that a shaded table
header is read as black on white instead of one dark block under a page-wide threshold; and a
3x3 median takes out the grain a noisy scanner or strong JPEG compression leaves on strokes and
paper (issue 20: noisy-200). Table rulings are found as long dark pixel runs and handed to
pdfplumber's own edges -> intersections -> cells -> tables steps.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from PIL import Image, ImageFilter

from pipeline.read.raw import Box
from pipeline.read.settings import OcrSettings, ReadSettings


def otsu_threshold(grey: np.ndarray) -> int:
    """The grey level that best separates ink from paper (Otsu's method); ink is <= it."""
    hist = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 127
    omega = np.cumsum(hist) / total
    mu = np.cumsum(hist * np.arange(256)) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mu[-1] * omega - mu) ** 2 / (omega * (1 - omega))
    return int(np.argmax(np.nan_to_num(between)))


def ink_threshold(grey: np.ndarray, share: float) -> int:
    """The grey level `share` of the way from the typical ink to the typical paper, each the
    median of its side of Otsu's threshold. On a page made even, paper is one narrow peak and
    Otsu's threshold sits high, in the blur around strokes: small bold digits fill in and read
    as "EE" (issue 20). Between the two levels a stroke keeps its printed width."""
    otsu = otsu_threshold(grey)
    hist = np.bincount(grey.ravel(), minlength=256)
    ink, paper = hist[: otsu + 1], hist[otsu + 1 :]
    if not ink.any() or not paper.any():
        return otsu
    ink_level = int(np.searchsorted(np.cumsum(ink), ink.sum() / 2))
    paper_level = otsu + 1 + int(np.searchsorted(np.cumsum(paper), paper.sum() / 2))
    return round(ink_level + share * (paper_level - ink_level))


def box_sum(values: np.ndarray, radius: int, across: int | None = None) -> np.ndarray:
    """Sum of `values` over the box centred on each pixel that reaches `radius` pixels up and
    down and `across` pixels left and right (`radius` when not given)."""
    across = radius if across is None else across
    rows, cols = 2 * radius + 1, 2 * across + 1
    padded = np.pad(values.astype(np.int32), ((radius + 1, radius), (across + 1, across)))
    c = padded.cumsum(0).cumsum(1)
    return c[rows:, cols:] - c[:-rows, cols:] - c[rows:, :-cols] + c[:-rows, :-cols]


def despeckle(
    grey: np.ndarray,
    scale: float,
    window_points: float,
    margin_points: float,
    threshold: int,
    side_points: float = 0.0,
) -> tuple[np.ndarray, int]:
    """The page with isolated specks painted in the paper's grey, and how many pixels went;
    ink is grey <= `threshold`. A blob with ink within `side_points` left or right of it, on
    its own rows, is on a line of text and stays (the periods of "2.1.1", issue 20).

    Worked out on a half-resolution ink map (a cell is ink when any of its 2x2 pixels is), which
    is four times cheaper and changes nothing at the sizes involved.
    """
    ink = grey <= threshold
    height, width = (ink.shape[0] // 2) * 2, (ink.shape[1] // 2) * 2
    small = (
        ink[:height:2, :width:2]
        | ink[1:height:2, :width:2]
        | ink[:height:2, 1:width:2]
        | ink[1:height:2, 1:width:2]
    )
    half = scale / 2
    radius = max(1, round(window_points / 2 * half))
    margin = max(1, round(margin_points * half))
    inner = box_sum(small, radius)
    isolated = (inner > 0) & (box_sum(small, radius + margin) == inner)
    side = round(side_points * half)
    if side > margin:
        isolated &= box_sum(small, radius, radius + side) == inner
    spread = box_sum(isolated, radius) > 0
    remove = np.zeros_like(ink)
    remove[:height, :width] = np.repeat(np.repeat(spread, 2, axis=0), 2, axis=1)
    remove &= ink
    if not remove.any():
        return grey, 0
    paper = int(np.median(grey[~ink])) if (~ink).any() else 255
    cleaned = grey.copy()
    cleaned[remove] = paper
    return cleaned, int(remove.sum())


def flatten_background(
    grey: np.ndarray,
    scale: float,
    window_points: float,
    darkest_paper: float,
    paper_share: float = 0.7,
) -> np.ndarray:
    """The page divided by its paper's grey, so the paper is white everywhere (shaded cells,
    a darker edge of the scan); worked out on a grid of two-point cells.

    Ink is divided by the lightest grey within `window_points` (a stroke is narrower than the
    window, so paper is always near). A pixel at least `paper_share` of the page closed over
    the window (that lightest grey, then the darkest of those) is paper, also on a shaded cell
    up to its edge, and is divided by that. Regions darker than `darkest_paper` times the
    page's paper (a black bar, white text on black) are not paper and are left as they are.
    """
    image = Image.fromarray(grey)
    cell = max(1, round(2 * scale))
    cells = max(3, round(window_points / 2) | 1)  # an odd number of cells for the filters
    lightest = image.reduce(cell).filter(ImageFilter.MaxFilter(cells))
    closed = lightest.filter(ImageFilter.MinFilter(cells))
    floor = round(darkest_paper * int(np.asarray(lightest).max()))
    near = _upsampled(lightest, image.size, floor)
    level = _upsampled(closed, image.size, floor)
    values = grey.astype(np.float32)
    paper = np.where(values >= paper_share * level, level, near)
    np.multiply(values, 255, out=values)
    np.divide(values, np.maximum(paper, 1, out=paper), out=values)
    return np.minimum(values, 255, out=values).astype(np.uint8)


def _upsampled(small: Image.Image, size: tuple[int, int], floor: int) -> np.ndarray:
    """A coarse grid of grey levels at full size (bilinear), none darker than `floor`."""
    raised = small.point(lambda v: max(v, floor))
    return np.asarray(raised.resize(size, Image.Resampling.BILINEAR), dtype=np.float32)


_MEDIAN_OF_NINE = (
    (1, 2), (4, 5), (7, 8), (0, 1), (3, 4), (6, 7), (1, 2), (4, 5), (7, 8), (0, 3),
    (5, 8), (4, 7), (3, 6), (1, 4), (2, 5), (4, 7), (4, 2), (6, 4), (4, 2),
)  # fmt: skip
"""The compare-exchange steps after which the middle of nine values is the fifth (Paeth)."""


def smooth(grey: np.ndarray, size: int) -> np.ndarray:
    """A 3x3 median of the page (`size` 3; below 3 the page as it is): grain goes, strokes
    and their corners stay. A sorting network over the nine shifted pages, ten times faster
    than a rank filter."""
    if size < 3:
        return grey
    padded = np.pad(grey, 1, mode="edge")
    height, width = grey.shape
    v = [padded[dy : dy + height, dx : dx + width] for dy in range(3) for dx in range(3)]
    for a, b in _MEDIAN_OF_NINE:
        v[a], v[b] = np.minimum(v[a], v[b]), np.maximum(v[a], v[b])
    return v[4]


def binarise(grey: np.ndarray, threshold: int | None = None) -> np.ndarray:
    """Black ink on white paper, split at `threshold` (Otsu's when not given)."""
    if threshold is None:
        threshold = otsu_threshold(grey)
    return np.where(grey <= threshold, 0, 255).astype(np.uint8)


def largest_blob(region: np.ndarray) -> tuple[int, int, int, int] | None:
    """Box (x0, top, x1, bottom) of the 4-connected ink blob through the inkiest column of a
    small region, or None without ink: a bullet beside a speck is still found as a dot."""
    columns = region.sum(axis=0)
    if not columns.any():
        return None
    col = int(np.argmax(columns))
    rows = np.nonzero(region[:, col])[0]
    seed = (int(rows[len(rows) // 2]), col)
    seen = {seed}
    stack = [seed]
    height, width = region.shape
    while stack:
        y, x = stack.pop()
        for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
            if 0 <= ny < height and 0 <= nx < width and region[ny, nx] and (ny, nx) not in seen:
                seen.add((ny, nx))
                stack.append((ny, nx))
    ys = [y for y, _ in seen]
    xs = [x for _, x in seen]
    return (min(xs), min(ys), max(xs) + 1, max(ys) + 1)


# --- rulings and tables --------------------------------------------------------------------


def long_runs(dark: np.ndarray, min_length: int) -> tuple[np.ndarray, list[tuple[int, int, int]]]:
    """Dark runs along each row of at least `min_length` pixels: a mask and (row, start, end).

    Each row is joined with the rows above and below it, and gaps of up to two pixels are
    bridged, so that a rule that straightening left a little slanted, or that the scan thinned
    in places, stays one run (issue 20: a missed rule merged two rows of a jaarschijf).
    """
    joined = dark.copy()
    joined[1:] |= dark[:-1]
    joined[:-1] |= dark[1:]
    bridged = joined.copy()
    bridged[:, 1:] |= joined[:, :-1]
    bridged[:, 2:] |= joined[:, :-2]
    padded = np.zeros((bridged.shape[0], bridged.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = bridged
    change = np.diff(padded, axis=1)
    starts_r, starts_c = np.nonzero(change == 1)
    _, ends_c = np.nonzero(change == -1)
    mask = np.zeros_like(dark)
    runs: list[tuple[int, int, int]] = []
    for row, start, end in zip(starts_r, starts_c, ends_c, strict=True):
        if end - start >= min_length:
            runs.append((int(row), int(start), int(end)))
            mask[max(row - 3, 0) : row + 3, start:end] = True
    return mask & grown(dark), runs


def grown(dark: np.ndarray) -> np.ndarray:
    """The ink grown by one pixel in each direction."""
    out = dark.copy()
    out[1:] |= dark[:-1]
    out[:-1] |= dark[1:]
    out[:, 1:] |= dark[:, :-1]
    out[:, :-1] |= dark[:, 1:]
    return out


def rulings(
    dark: np.ndarray, scale: float, settings: OcrSettings
) -> tuple[list[dict[str, Any]], np.ndarray]:
    """Horizontal and vertical rulings as pdfplumber edges (points), and their pixel mask."""
    h_mask, h_runs = long_runs(dark, int(settings.ruling_min_width * scale))
    v_mask_t, v_runs = long_runs(dark.T, int(settings.ruling_min_height * scale))
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


def tables(edges: list[dict[str, Any]], settings: ReadSettings) -> list[list[Box]]:
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
