"""OCR'd words and lines, and what specks did to them (issue 20, item 12).

Tesseract reads specks as words ("_", "ee", "„"), as lines of their own ("Oi $."), as marks
before a line or a bullet, as periods inside a sentence and as accents; it leaves out the dot
or dash of a list item or reads it as "e". Here each OCR'd line of words (pixel boxes, as
`pipeline.read.ocr` parses them from Tesseract's hOCR) is cleaned of that, and lines Tesseract
split on one baseline are joined. Used by `pipeline.read.ocr` only.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from statistics import median

import numpy as np

from pipeline.lexicon import ABBREVIATIONS
from pipeline.read.raw import Box
from pipeline.read.scan_image import largest_blob
from pipeline.read.scan_text import without_speck_accents
from pipeline.read.settings import OcrSettings

# Calibrated on the sample agreements rendered at 300 dpi (Helvetica 10-24 pt): Tesseract's
# x_size is about 0.86 of the font size.
X_SIZE_PER_POINT = 0.95


@dataclass
class Word:
    text: str
    box: Box  # pixels x0, top, x1, bottom
    confidence: float
    line: int


@dataclass
class Line:
    box: Box
    baseline: float  # pixel y of the baseline
    x_size: float
    words: list[Word]


# --- words Tesseract made of specks --------------------------------------------------------

_ALNUM = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]")
_SIGNS = frozenset(["-", "–", "—", "€", "%", "&", "•", "+", "/", "(", ")", "=", "<", ">", "§"])
_BULLET_READINGS = frozenset(["_", "*", "•", "-", "e", "o", "«"])


def plausible_lines(lines: list[Line], settings: OcrSettings) -> list[Line]:
    """Lines without the words that are specks, and without periods and accents specks
    added."""
    out: list[Line] = []
    for line in lines:
        words = [
            Word(without_speck_accents(w.text), w.box, w.confidence, w.line)
            for i, w in enumerate(line.words)
            if _plausible(w, line.x_size, i == 0, settings)
        ]
        if words:
            out.append(Line(line.box, line.baseline, line.x_size, _without_stray_periods(words)))
    return out


def without_speck_lines(lines: list[Line], settings: OcrSettings) -> list[Line]:
    """The lines of a page without those Tesseract made of specks alone ("Oi $.", "• IN"):
    far smaller than the page's text and read unsure."""
    if not lines:
        return lines
    typical = median(line.x_size for line in lines)
    return [
        line
        for line in lines
        if line.x_size >= settings.speck_line_size_share * typical
        or median(w.confidence for w in line.words) >= settings.sure_word_confidence
    ]


_LEADING_MARKS = re.compile(r"^[„“‘'_,.·]+(?=[^\W_])")
_CLOSING_QUOTES = ("”", "’", "'", '"')


def without_leading_marks(line: Line) -> Line:
    """A line without the marks a speck put before its first word ("„10 Algemene", "'Deze"),
    unless a quote opened there is closed in the line ("‘Van groot naar beter’") or is the
    apostrophe of "'s". Taken after the bullets: a dot glued to a word is read as a mark."""
    return Line(line.box, line.baseline, line.x_size, _without_marks(line.words))


def _without_marks(words: list[Word]) -> list[Word]:
    first = words[0]
    marks = _LEADING_MARKS.match(first.text)
    rest = first.text[marks.end() :] if marks else ""
    if marks is None or (rest.startswith("s") and len(rest) <= 2) or rest.startswith("s-"):
        return words
    if any(w.text.rstrip(".,;:!?)").endswith(_CLOSING_QUOTES) for w in words):
        return words
    return [Word(rest, first.box, first.confidence, first.line), *words[1:]]


def _plausible(word: Word, x_size: float, first: bool, settings: OcrSettings) -> bool:
    """False for a speck Tesseract read as a word: a tiny mark, or an unsure mark without
    letters or digits (a bullet read as '_' or '*' is kept where it starts the line)."""
    letters = len(_ALNUM.findall(word.text))
    if not letters and "|" in word.text:
        return False  # what erasing a table's rulings left of them
    tiny = word.box[3] - word.box[1] < settings.min_word_height * x_size
    if tiny and letters <= 2 and not (word.text in _SIGNS and word.confidence >= 0.5):
        return first and word.text in _BULLET_READINGS and word.confidence >= 0.3
    if letters or word.confidence >= settings.sure_word_confidence:
        return True
    return (first and word.text in _BULLET_READINGS) or word.text in _SIGNS


_GLUED = re.compile(r"([A-Za-zÀ-ÖØ-öø-ÿ]{2,})\.([A-Za-zÀ-ÖØ-öø-ÿ]{2,}\S*)")
_NOT_GLUED = frozenset(["nl", "com", "org", "eu", "net", "html", "pdf", "www"])


def _without_stray_periods(words: list[Word]) -> list[Word]:
    """A period on a lower-case word followed by a lower-case word is a speck ('bevat. de'),
    unless the word is an abbreviation: Dutch sentences start with a capital. A speck between
    two words glues them with a period ('van.de', 'Woonstichting.De'): they are split again
    (not a web address such as 'gemeente.nl')."""
    out = [_unglued(word) for word in words]
    for i, (word, nxt) in enumerate(itertools.pairwise(list(out))):
        stem = word.text[:-1]
        if (
            word.text.endswith(".")
            and len(stem) >= 2
            and stem.isalpha()
            and stem.islower()
            and word.text not in ABBREVIATIONS
            and nxt.text[:1].islower()
        ):
            out[i] = Word(stem, word.box, word.confidence, word.line)
    return out


def _unglued(word: Word) -> Word:
    match = _GLUED.fullmatch(word.text)
    if match is None or "@" in word.text or {p.lower() for p in match.groups()} & _NOT_GLUED:
        return word
    return Word(f"{match.group(1)} {match.group(2)}", word.box, word.confidence, word.line)


def merge_same_baseline(lines: list[Line], settings: OcrSettings) -> list[Line]:
    """Join lines Tesseract split on one baseline (a hanging number and its text, columns):
    a text layer gives them as one line too, since pdfplumber groups characters by height."""
    out: list[Line] = []
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
            out[-1] = Line(box=box, baseline=main.baseline, x_size=main.x_size, words=words)
        else:
            out.append(line)
    return out


# --- bullets ---------------------------------------------------------------------------


def with_bullet(line: Line, dark: np.ndarray) -> Line:
    """Restore a list bullet (a small filled dot): Tesseract reads it as 'e' or '*', drops it,
    or glues a speck beside it to the first word ("„Woonstichting")."""
    size_px = line.x_size / X_SIZE_PER_POINT
    first = line.words[0]
    # A bullet is read as a mark, "e" or "o", never as a digit or another letter: the "9" of
    # a heading that a thick scan filled in looks like a dot, but stays a "9".
    maybe_bullet = not set(_ALNUM.findall(first.text)) - _DOT_LETTERS
    if maybe_bullet and len(first.text) <= 2 and _is_dot(dark, first.box, size_px):
        return Line(line.box, line.baseline, line.x_size, [_bullet_word(first), *line.words[1:]])
    # A speck beside the dot widens the word's box ("'e_"): the dot is its biggest blob.
    if maybe_bullet and len(_ALNUM.findall(first.text)) <= 1 and len(first.text) <= 3:
        x0, top, x1, bottom = (int(v) for v in first.box)
        blob = largest_blob(dark[top:bottom, x0:x1])
        if blob is not None:
            box = (x0 + blob[0], top + blob[1], x0 + blob[2], top + blob[3])
            if _is_dot(dark, box, size_px):
                bullet = Word("•", tuple(float(v) for v in box), first.confidence, first.line)  # type: ignore[arg-type]
                return Line(line.box, line.baseline, line.x_size, [bullet, *line.words[1:]])
    # A dot glued to the first word is read as a mark before it ("“Woonstichting").
    glued = first.text[:1] in _GLUED_MARKS and len(first.text) > 2 and first.text[1:2].isupper()
    if glued and (dot := _dot_at_start(first, dark, size_px)) is not None:
        after = (dot.box[2], first.box[1], first.box[2], first.box[3])
        rest = Word(first.text[1:], after, first.confidence, first.line)
        return Line(line.box, line.baseline, line.x_size, [dot, rest, *line.words[1:]])
    # Look left of the line, at x-height, for a dot or a dash Tesseract left out.
    mark = _mark_left_of(line, dark, size_px)
    if mark is None:
        return line
    words = list(line.words)
    if first.text[:1] in _GLUED_MARKS and len(first.text) > 2 and first.text[1:2].isupper():
        words[0] = Word(first.text[1:], first.box, first.confidence, first.line)
    return Line(line.box, line.baseline, line.x_size, [mark, *words])


def _dot_at_start(word: Word, dark: np.ndarray, size_px: float) -> Word | None:
    """A bullet's dot among the first blobs of a word's box (split by clear columns, within
    two font sizes of its left edge), or None."""
    x0, top, _, bottom = (int(v) for v in word.box)
    region = dark[top:bottom, x0 : x0 + int(2 * size_px)]
    columns = np.concatenate(([0], region.any(axis=0).astype(np.int8), [0]))
    starts = np.nonzero(np.diff(columns) == 1)[0]
    ends = np.nonzero(np.diff(columns) == -1)[0]
    for start, end in list(zip(starts, ends, strict=True))[:3]:
        rows = np.nonzero(region[:, start:end].any(axis=1))[0]
        box = (x0 + int(start), top + int(rows[0]), x0 + int(end), top + int(rows[-1]) + 1)
        if _is_dot(dark, box, size_px):
            return Word("•", tuple(float(v) for v in box), word.confidence, word.line)  # type: ignore[arg-type]
    return None


def bullet_first(line: Line, settings: OcrSettings) -> Line:
    """A line without the specks read before its bullet ("Ed • Woonstichting", "< • De",
    "• • Partijen"): words of one or two characters before a bullet near the line's start,
    marks or read unsure ("De - gemeente" stays)."""
    for i, word in enumerate(line.words[1:3], start=1):
        before = line.words[:i]
        if word.text in _LINE_BULLETS and all(_speck_word(w, settings) for w in before):
            return Line(line.box, line.baseline, line.x_size, line.words[i:])
    return line


def _speck_word(word: Word, settings: OcrSettings) -> bool:
    unsure = word.confidence < settings.sure_word_confidence
    return len(word.text) <= 2 and (unsure or not _ALNUM.search(word.text))


_LINE_BULLETS = frozenset(["•", "–", "-", "—", "*"])


def _mark_left_of(line: Line, dark: np.ndarray, size_px: float) -> Word | None:
    """A bullet's dot ("•") or a dash ("–") left of a line's first word, or None. The dot is
    the biggest blob there, so a speck beside it does not hide it; the dash is the longest
    run of ink, with no ink left of it (not the hyphen ending a word in the column before)."""
    first = line.words[0]
    top = int(line.baseline - 0.75 * size_px)
    bottom = int(line.baseline + 1)
    right = int(first.box[0] - 0.15 * size_px)
    left = max(int(first.box[0] - 2.2 * size_px), 0)
    if right <= left or top < 0:
        return None
    region = dark[top:bottom, left:right]
    blob = largest_blob(region)
    if blob is not None:
        box = (left + blob[0], top + blob[1], left + blob[2], top + blob[3])
        if _is_dot(dark, box, size_px):
            return Word("•", tuple(float(v) for v in box), first.confidence, first.line)  # type: ignore[arg-type]
    dash = _dash(region, size_px)
    if (
        dash is None
        or dark[top:bottom, max(left + dash[0] - int(size_px), 0) : left + dash[0]].any()
    ):
        return None
    box = (left + dash[0], top + dash[1], left + dash[2], top + dash[3])
    return Word("–", tuple(float(v) for v in box), first.confidence, first.line)  # type: ignore[arg-type]


def _dash(region: np.ndarray, size_px: float) -> tuple[int, int, int, int] | None:
    """Box of a dash in a region that ends at a line's baseline: a bar a third to one font
    size long and at most a fifth of one thick, in the middle of the x-height; or None."""
    if not region.any():
        return None
    row = int(np.argmax(region.sum(axis=1)))
    padded = np.concatenate(([0], region[row].astype(np.int8), [0]))
    starts, ends = np.nonzero(np.diff(padded) == 1)[0], np.nonzero(np.diff(padded) == -1)[0]
    start, end = max(zip(starts, ends, strict=True), key=lambda se: se[1] - se[0])
    if not 0.3 * size_px <= end - start <= 1.1 * size_px:
        return None
    rows = np.nonzero(region[:, start:end].mean(axis=1) >= 0.5)[0]
    upper, lower = int(rows.min()), int(rows.max()) + 1
    height = region.shape[0]
    if (
        lower - upper > 0.2 * size_px
        or not height - 0.6 * size_px <= row <= height - 0.15 * size_px
    ):
        return None
    return (int(start), upper, int(end), lower)


_GLUED_MARKS = frozenset("„“‘'_•*«")
_DOT_LETTERS = frozenset("eoO")  # letters Tesseract reads a bullet's dot as


def _is_dot(dark: np.ndarray, box: Box, size_px: float) -> bool:
    x0, top, x1, bottom = (int(v) for v in box)
    width, height = x1 - x0, bottom - top
    if width <= 0 or height <= 0:
        return False
    if not (0.15 * size_px <= width <= 0.6 * size_px and 0.7 <= height / width <= 1.4):
        return False
    return float(dark[top:bottom, x0:x1].mean()) >= 0.6


def _bullet_word(word: Word) -> Word:
    return Word("•", word.box, word.confidence, word.line)
