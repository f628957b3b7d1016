"""Scans made from born-digital PDFs, the way an office scanner makes them (deterministic).

Each page is rendered in grey at the scan's resolution, toned (paper is not white, toner not
black), turned by a small angle, blurred a little, given grain and specks, and stored as a JPEG
image in an image-only PDF. A seed fixes every random choice, so tests and the benchmark build
the same scans on every machine. Used by the tests and `benchmarks/scans.py`; the product never
imports it.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter


@dataclass(frozen=True)
class ScanProfile:
    """How a scanner degrades a page."""

    name: str
    dpi: int
    min_degrees: float  # the page is turned by an angle between these two, either way
    max_degrees: float
    blur: float  # Gaussian blur radius in pixels at 200 dpi (scaled with dpi)
    grain: float  # standard deviation of the grey noise
    specks: float  # share of pixels where a dark speck of 1-3 pixels starts
    jpeg_quality: int


PROFILES: dict[str, ScanProfile] = {
    p.name: p
    for p in (
        ScanProfile("light-300", 300, 0.3, 0.6, 0.5, 6, 0.0003, 85),
        ScanProfile("office-200", 200, 0.3, 1.2, 0.7, 10, 0.0008, 75),
        ScanProfile("office-150", 150, 0.3, 1.0, 0.6, 10, 0.0008, 75),
        ScanProfile("noisy-200", 200, 0.8, 1.5, 0.9, 16, 0.002, 60),
    )
}

_PAPER, _TONER = 236, 18


def scan_page(
    image: Image.Image, profile: ScanProfile, rng: random.Random, noise: np.random.Generator
) -> Image.Image:
    """One grey page image as the scanner returns it."""
    angle = rng.uniform(profile.min_degrees, profile.max_degrees) * rng.choice((-1, 1))
    rendered = np.asarray(image.convert("L"), dtype=np.float32)
    toned = Image.fromarray((_TONER + rendered * (_PAPER - _TONER) / 255).astype(np.uint8))
    turned = toned.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=_PAPER)
    if profile.blur > 0:
        turned = turned.filter(ImageFilter.GaussianBlur(profile.blur * profile.dpi / 200))
    pixels = np.asarray(turned, dtype=np.float32) + noise.normal(
        0, profile.grain, turned.size[::-1]
    )
    height, width = pixels.shape
    count = int(profile.specks * height * width)
    ys = noise.integers(0, height - 3, count)
    xs = noise.integers(0, width - 3, count)
    sizes = noise.integers(1, 4, count)
    for y, x, size in zip(ys.tolist(), xs.tolist(), sizes.tolist(), strict=True):
        pixels[y : y + size, x : x + size] = noise.uniform(10, 90)
    pixels[noise.random(pixels.shape) < profile.specks / 2] = _PAPER
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def scanned_copy(source: Path, target: Path, profile: ScanProfile, seed: int) -> Path:
    """Write an image-only PDF of `source` as scanned with `profile`; returns `target`."""
    rng = random.Random(f"{profile.name}:{seed}")
    noise = np.random.default_rng(seed * 1000 + profile.dpi)
    document = pdfium.PdfDocument(source)
    images: list[Image.Image] = []
    try:
        for page in document:
            image = page.render(scale=profile.dpi / 72, grayscale=True).to_pil()
            page.close()
            images.append(scan_page(image, profile, rng, noise))
    finally:
        document.close()
    buffer = io.BytesIO()
    images[0].save(
        buffer,
        "PDF",
        save_all=True,
        append_images=images[1:],
        resolution=profile.dpi,
        quality=profile.jpeg_quality,
    )
    target.write_bytes(buffer.getvalue())
    return target
