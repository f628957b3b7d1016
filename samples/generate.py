"""The sample generator's entry: a layout, a municipality and a seed in, a PDF and its truth out.

`build_sample_pdf` is deterministic (the same arguments give a byte-identical PDF) and can aim at
a page count by scaling the number of agreements; `write_samples` writes the shipped samples.
"""

from __future__ import annotations

import random
from pathlib import Path

from samples.context import DocumentContext
from samples.layouts import actor_document, bullets_document, numbered_document
from samples.names import CORP_POOL, PERIODS, PRESETS, TENANT_POOL
from samples.render import render_pdf
from samples.truth import LAYOUTS, SampleTruth

# Agreements per document of each layout when no page count is asked for.
DEFAULT_COUNTS: dict[str, int] = {"bullets": 56, "actor_table": 36, "numbered": 52}
# Aiming at a page count: pages not taken by agreements (title, introduction, signatures), the
# tolerance as a share of the target, the fewest agreements and the attempts after the first.
FIXED_PAGES = 5.0
PAGE_TOLERANCE = 0.08
MIN_AGREEMENTS = 8
PAGE_ATTEMPTS = 3
BUILDERS = {
    "bullets": bullets_document,
    "actor_table": actor_document,
    "numbered": numbered_document,
}


def _parties(municipality: str, seed: int) -> tuple[tuple[str, ...], str]:
    """The corporations and tenant organisation: the preset ones, else drawn by seed."""
    if municipality in PRESETS:
        return PRESETS[municipality]
    rng = random.Random(f"parties:{municipality}:{seed}")
    return tuple(rng.sample(CORP_POOL, 2)), rng.choice(TENANT_POOL)


def _build(layout: str, path: Path, municipality: str, seed: int, n: int) -> SampleTruth:
    """Render one document of `n` agreements and fill the pages of its truth."""
    corps, tenants = _parties(municipality, seed)
    period = PERIODS[layout]
    ctx = DocumentContext(
        layout, municipality, corps, tenants, period, random.Random(f"{layout}:{seed}")
    )
    blocks = BUILDERS[layout](ctx, n)
    result = render_pdf(blocks, path, header=ctx.header, footer="pagina {n}", plain_first_page=True)
    for a in ctx.agreements:
        key = f"a{a.index:04d}"
        a.page_start, a.page_end = result.pages[ctx.aliases.get(key, key)]
        a.hyphenated = key in result.hyphenated
    return SampleTruth(
        layout=layout,
        seed=seed,
        municipality=municipality,
        period_start=period[0],
        period_end=period[1],
        parties=[ctx.gemeente, *corps, tenants],
        page_count=result.page_count,
        agreements=ctx.agreements,
    )


def build_sample_pdf(
    layout: str, path: Path, *, municipality: str, seed: int, target_pages: int | None = None
) -> SampleTruth:
    """Write a fictional agreement PDF of `layout` to `path` and return its truth."""
    if layout not in BUILDERS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {LAYOUTS}")
    municipality = municipality.removeprefix("Gemeente ").strip()
    if not municipality:
        raise ValueError("municipality must not be empty")
    path.parent.mkdir(parents=True, exist_ok=True)
    n = DEFAULT_COUNTS[layout]
    truth = _build(layout, path, municipality, seed, n)
    if target_pages is None:
        return truth
    if target_pages < 3:
        raise ValueError("target_pages must be at least 3")
    # Scale the number of agreements; pages not taken by agreements stay roughly fixed.
    for _ in range(PAGE_ATTEMPTS):
        pages = truth.page_count
        if abs(pages - target_pages) <= max(1, PAGE_TOLERANCE * target_pages):
            break
        per_page = n / max(pages - FIXED_PAGES, 1.0)
        n = max(MIN_AGREEMENTS, round(per_page * max(target_pages - FIXED_PAGES, 1.0)))
        truth = _build(layout, path, municipality, seed, n)
    return truth


# (file stem, layout, municipality, seed) of the samples shipped in data/input_pdfs.
SAMPLE_SPECS: tuple[tuple[str, str, str, int], ...] = (
    ("prestatieafspraken_wolderwijk_2024-2027", "bullets", "Wolderwijk", 11),
    ("raamovereenkomst_eemdal_2025-2029", "actor_table", "Eemdal", 22),
    ("prestatieafspraken_zuiderhaven_2025-2027", "numbered", "Zuiderhaven", 33),
)


def write_samples(out_dir: Path, truth_dir: Path) -> list[Path]:
    """Write the shipped sample PDFs to `out_dir` and their truth JSON to `truth_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    truth_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, layout, municipality, seed in SAMPLE_SPECS:
        pdf = out_dir / f"{stem}.pdf"
        truth = build_sample_pdf(layout, pdf, municipality=municipality, seed=seed)
        (truth_dir / f"{stem}.truth.json").write_text(truth.to_json(), encoding="utf-8")
        written.append(pdf)
    return written
