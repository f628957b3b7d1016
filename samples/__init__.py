"""Deterministic generator of fictional prestatieafspraken PDFs and the truth they contain.

In: a layout name ("bullets", "actor_table", "numbered"), a fictional municipality, a seed and
optionally a target page count. Out: a PDF that is byte-identical for the same arguments, and a
`SampleTruth` listing every agreement with its expected type, theme and the pages it was drawn on.

The documents follow the layouts of docs/domain.md §1-2 (title page, introduction, one chapter per
theme, general provisions, signature page, running header and footer, actor tables whose rows
split over pages, a table of contents and a jaarschijf target table). Labels follow the decision
guide of docs/domain.md §3 and the theme codes of §5. All names and agreements are invented.

The modules, from the bottom up: `truth` (what a sample contains), `blocks` (the small document
model), `hyphenation` and `render` (blocks to PDF with reportlab), the invented content
(`sentences`, `table_rows`, `names`, `themes`), `context` and `sections` (what the layouts
share), `layouts` (the three documents), `generate` (the entry) and `__main__` (`make samples`).
The Word-exported realistic PDFs are made by `samples.realistic`.

The low-level part (`Heading`, `Para`, `ItemList`, `TableBlock`, `TocBlock`, `render_pdf`) lets
tests build tiny PDFs with exactly the structure a regression needs.
"""

from samples.blocks import (
    Block,
    Heading,
    ItemList,
    ListItem,
    PageBreak,
    Para,
    Space,
    TableBlock,
    TocBlock,
    bullets,
    numbered,
)
from samples.generate import SAMPLE_SPECS, build_sample_pdf, write_samples
from samples.render import RenderResult, render_pdf
from samples.truth import LAYOUTS, SampleAgreement, SampleTruth

__all__ = [
    "LAYOUTS",
    "SAMPLE_SPECS",
    "Block",
    "Heading",
    "ItemList",
    "ListItem",
    "PageBreak",
    "Para",
    "RenderResult",
    "SampleAgreement",
    "SampleTruth",
    "Space",
    "TableBlock",
    "TocBlock",
    "build_sample_pdf",
    "bullets",
    "numbered",
    "render_pdf",
    "write_samples",
]
