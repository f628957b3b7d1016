"""Small pure text helpers shared by the stages: glyph clean-up, hyphen joining, patterns."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Protocol, TypeVar

from pipeline.lexicon import BULLET, BULLET_GLYPHS, DASH_BULLETS

# Bullet glyphs as they come out of PDFs: symbol-font private-use code points, (cid:N) leftovers
# (docs/domain.md §2 "Glyph artefacts"), and the usual typographic bullets.
_CID = re.compile(r"\(cid:\d+\)")
_PRIVATE_USE = re.compile("[\uf000-\uf8ff]")
# OCR reads some bullet glyphs as "_" (issue 19): a "_" before a space is a bullet too, and one
# left behind after a restored bullet ("• _ De ...") goes with it.
_BULLET_START = re.compile(
    rf"^\s*([{re.escape(BULLET_GLYPHS)}]|[{re.escape(DASH_BULLETS)}](?=\s)|o(?=\s+[A-Z]))"
    r"\s*(?:_(?=\s)\s*)?"
)
# Conjunctions after a line-end hyphen mean the hyphen is real: "huur- en koopwoningen".
_KEEP_HYPHEN_BEFORE = {"en", "of", "tot", "t/m", "c.q.", "en/of"}
_WS = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u202f]+")


def clean_glyphs(text: str) -> str:
    """Normalise ligatures and width variants (NFKC) and map bullet glyph leftovers to '•'."""
    text = text.replace("\u00ad", "")
    text = _CID.sub(BULLET, text)
    text = _PRIVATE_USE.sub(BULLET, text)
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return _WS.sub(" ", text).strip()


def bullet_prefix(text: str) -> str | None:
    """Return the bullet marker a line starts with, or None."""
    match = _BULLET_START.match(text)
    if not match or match.end() >= len(text):
        return None
    return match.group(1)


def strip_bullet(text: str) -> str:
    """Remove a leading bullet marker."""
    match = _BULLET_START.match(text)
    return text[match.end() :] if match else text


def ends_with_hyphen_break(text: str) -> bool:
    """True when a line ends in a word broken with a hyphen ('ver-')."""
    return len(text) >= 3 and text.endswith("-") and text[-2].isalpha()


def join_lines(lines: list[str]) -> str:
    """Join printed lines into one text, repairing hyphenated line breaks ('ver-' + 'koop')."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        first_word = line.split(" ", 1)[0]
        if (
            ends_with_hyphen_break(out)
            and first_word[:1].islower()
            and first_word.lower() not in _KEEP_HYPHEN_BEFORE
        ):
            out = out[:-1] + line
        else:
            out = out + " " + line
    return out


class Located(Protocol):
    """Anything found at a place in a text: a cue, a mention of a party."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


LocatedT = TypeVar("LocatedT", bound=Located)


def longest_first(found: Iterable[LocatedT]) -> list[LocatedT]:
    """Drop what lies within (or overlaps) an earlier or longer find, keep text order."""
    kept: list[LocatedT] = []
    for item in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


def normalise_key(text: str) -> str:
    """Lower-case, digits as '#', single spaces: for comparing repeated lines and headers."""
    text = re.sub(r"\d+", "#", text.lower())
    return _WS.sub(" ", text).strip()


# A spreadsheet runs a cell starting with one of these as a formula (CSV and XLSX outputs).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

YEAR_DIGITS = r"(19[89]\d|20[0-6]\d)"
"""A plausible agreement year, 1980-2069 (a number such as 2500 is an amount)."""
YEAR = re.compile(rf"\b{YEAR_DIGITS}\b")
PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|—|t/m|tot en met|tot)\s*((?:19|20)\d\d)\b")
