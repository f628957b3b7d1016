"""The small document model drawn by `samples.render.render_pdf`.

Tests build tiny PDFs from these blocks with exactly the structure a regression needs; the sample
layouts build whole agreements from them. A block's `key` tracks the pages it lands on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 starts a chapter, `page_break` starts it on a new page."""

    text: str
    level: int = 1
    key: str = ""
    page_break: bool = False


@dataclass(frozen=True)
class Para:
    """A paragraph of running text; `key` tracks its pages."""

    text: str
    key: str = ""
    style: Literal["body", "title", "subtitle", "center", "small", "signature"] = "body"
    hyphenate: bool = False


@dataclass(frozen=True)
class ListItem:
    """One bullet, dash or numbered item; `marker` is printed before the text."""

    marker: str
    text: str
    key: str = ""
    level: int = 0
    hyphenate: bool = False


@dataclass(frozen=True)
class ItemList:
    """A bulleted or numbered list."""

    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class TableBlock:
    """A ruled table with a header row that repeats on every page it spans."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    keys: tuple[str, ...] = ()
    col_fractions: tuple[float, ...] = ()
    numeric: bool = False
    split_in_row: bool = True
    font_size: float = 8.0


@dataclass(frozen=True)
class TocBlock:
    """A table of contents with dotted leaders; entries are (text, heading key, level)."""

    title: str
    entries: tuple[tuple[str, str, int], ...]


@dataclass(frozen=True)
class PageBreak:
    """Force a new page."""


@dataclass(frozen=True)
class Space:
    """Vertical white space in points."""

    height: float = 12.0


Block = Heading | Para | ItemList | TableBlock | TocBlock | PageBreak | Space


def bullets(texts: Iterable[str], marker: str = "•", key_prefix: str = "") -> ItemList:
    """A bulleted list; with `key_prefix`, item i is tracked as f"{key_prefix}{i}"."""
    return ItemList(
        tuple(
            ListItem(marker, t, f"{key_prefix}{i}" if key_prefix else "")
            for i, t in enumerate(texts)
        )
    )


def numbered(pairs: Iterable[tuple[str, str]], key_prefix: str = "") -> ItemList:
    """A numbered list from (number, text) pairs."""
    return ItemList(
        tuple(
            ListItem(n, t, f"{key_prefix}{i}" if key_prefix else "")
            for i, (n, t) in enumerate(pairs)
        )
    )
