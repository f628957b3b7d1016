"""Characters of a page: pdfplumber's character conversion made fast, duplicate (fake bold)
characters, printed characters and bold fonts."""

from __future__ import annotations

from types import MethodType
from typing import Any
from unicodedata import normalize as normalize_unicode

import pdfplumber
from pdfminer.layout import LTChar
from pdfplumber.page import ALL_ATTRS
from pdfplumber.utils import resolve_all, resolve_and_decode


def may_have_duplicate_chars(chars: list[dict[str, Any]]) -> bool:
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


def printed_chars(chars: list[dict[str, Any]]) -> int:
    """The number of printed (non-space) characters."""
    return sum(1 for c in chars if c["text"].strip())


_PLAIN_TYPES = frozenset({int, float, str, bool, type(None)})
_DECODED_COLOUR_SPACES: dict[str, Any] = {}


def convert_chars_quickly(page: Any) -> None:
    """Let the page turn pdfminer's characters into pdfplumber's dicts with the fast path
    below; every other object keeps pdfplumber's own conversion."""
    page.process_object = MethodType(process_object, page)


def process_object(page: Any, obj: Any) -> dict[str, Any]:
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


def is_bold_font(fontname: str) -> bool:
    """Whether the font's name says it is bold (or heavier)."""
    name = fontname.lower()
    return any(w in name for w in ("bold", "black", "heavy", "semibold", "demi"))
