"""Text lines of the read stage: running headers and footers, words hyphenated over a line
break, the body font size and headings (docs/domain.md §2)."""

from __future__ import annotations

import re
from collections import Counter

from pipeline.models import BBox, TextLine
from pipeline.read import scan_text
from pipeline.read.raw import RawLine, RawPage
from pipeline.read.settings import ReadSettings
from pipeline.text import bullet_prefix, ends_with_hyphen_break, join_lines, normalise_key


def running_line_keys(pages: list[RawPage], settings: ReadSettings) -> set[str]:
    """Keys of lines repeated in the header/footer zone on most pages (digits as '#'); on
    OCR'd pages a line counts as repeated when similar lines recur (misread letters)."""
    if len(pages) < settings.running_min_pages:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        keys = {_running_key(ln) for ln in page.lines if _in_running_zone(ln, settings)}
        seen.update(keys)
    needed = max(
        settings.running_min_repeats, int(len(pages) * settings.running_min_share + 0.5) - 1
    )
    running = {key for key, count in seen.items() if count >= needed}
    scanned = [
        {_running_key(ln) for ln in page.lines if ln.ocr and _in_running_zone(ln, settings)}
        for page in pages
    ]
    if any(scanned):
        running |= scan_text.recurring(scanned, needed, settings.ocr.similar_text)
    return running


def _running_key(line: RawLine) -> str:
    """The key of a line that repeats on other pages: its zone and its text, digits as '#'."""
    zone = "top" if line.top < line.page_height / 2 else "bottom"
    return f"{zone}|{normalise_key(line.text)}"


def _in_running_zone(line: RawLine, settings: ReadSettings) -> bool:
    """Whether the line lies in the header or footer zone of its page."""
    zone = line.page_height * settings.running_zone
    return line.top < zone or line.bottom > line.page_height - zone


_PAGE_NUMBER = re.compile(
    r"^(?:pagina|blz\.?|page|p\.)?\s*[-–]?\s*\d{1,4}\s*(?:(?:/|van|of)\s*\d{1,4})?\s*[-–]?$",
    re.IGNORECASE,
)


def is_running(line: RawLine, running: set[str], settings: ReadSettings) -> bool:
    """A running header or footer: a repeated line or a page number in the zone."""
    if not _in_running_zone(line, settings):
        return False
    return _running_key(line) in running or bool(_PAGE_NUMBER.match(line.text))


def join_hyphenated(lines: list[RawLine], settings: ReadSettings) -> list[RawLine]:
    """Move the rest of a hyphen-broken word up to the line where it started."""
    gap = settings.hyphen_max_gap
    out = list(lines)
    for i in range(len(out) - 1):
        current, following = out[i], out[i + 1]
        if not ends_with_hyphen_break(current.text) or following.top - current.bottom > gap:
            continue
        head, _, rest = following.text.partition(" ")
        joined = join_lines([current.text, head])
        if " " in joined[len(current.text) - 1 :]:
            continue  # the hyphen was real ("huur- en koop")
        out[i] = _replace_text(current, joined)
        out[i + 1] = _replace_text(following, rest)
    return [ln for ln in out if ln.text]


def _replace_text(line: RawLine, text: str) -> RawLine:
    """A copy of the line with another text."""
    return RawLine(**{**line.__dict__, "text": text})


def body_font_size(pages: list[RawPage], settings: ReadSettings) -> float:
    """The most used font size, weighted by characters (tables by word alignment included)."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[ln.size] += len(ln.text)
        sizes.update(page.table_sizes)
    return sizes.most_common(1)[0][0] if sizes else settings.fallback_body_size


_NUMBERED_HEADING = re.compile(
    r"^(?:(?:hoofdstuk|artikel|bijlage)\s+)?(\d+(?:\.\d+)*)\.?\s+\S", re.I
)


def to_text_line(line: RawLine, body_size: float, settings: ReadSettings) -> TextLine:
    """The output line of a raw line, with its heading level."""
    return TextLine(
        page=line.page,
        text=line.text,
        bbox=BBox(x0=line.x0, top=line.top, x1=line.x1, bottom=line.bottom),
        font_size=line.size,
        bold=line.bold,
        heading_level=heading_level(line, body_size, settings),
        ocr=line.ocr,
        ocr_confidence=line.confidence,
    )


def heading_level(line: RawLine, body_size: float, settings: ReadSettings) -> int | None:
    """Headings are short lines set larger or bold; the level comes from numbering or size."""
    words = line.text.split()
    if len(words) > settings.max_heading_words or bullet_prefix(line.text):
        return None
    larger = line.size >= body_size + settings.heading_size_delta
    if not (larger or line.bold):
        return None
    if line.text.endswith((".", ";", ",", ":")) and not larger:
        return None
    match = _NUMBERED_HEADING.match(line.text)
    title = (
        line.size >= body_size + settings.top_heading_size_delta
        and len(words) <= settings.scanned_title_max_words
        and _numbered_title(line)
    )
    if line.ocr and _continues_a_sentence(line.text) and not title:
        return None
    lowered = line.text.lower()
    if lowered.startswith(("hoofdstuk", "bijlage")):
        return 1
    if match:
        return min(match.group(1).count(".") + 1, settings.max_heading_level)
    if line.size >= body_size + settings.top_heading_size_delta:
        return 1
    return 2 if larger else 3


def _numbered_title(line: RawLine) -> bool:
    """A numbered line that starts with a capital: set clearly larger than the body on a scan
    (sizes measured there are a point or so off), it is a heading even when it ends in a mark,
    which a speck after its last word made ("3 Thema:")."""
    first_letter = next((c for c in line.text if c.isalpha()), "")
    return bool(_NUMBERED_HEADING.match(line.text)) and first_letter.isupper()


def _continues_a_sentence(text: str) -> bool:
    """A scanned line that starts in lower case or ends a sentence is the end of the text above
    ("schuldhulpverlening." after a bullet), not a heading, whatever size or weight was
    measured on the scan (issue 19). Text-layer lines keep their measured fonts."""
    first_letter = next((c for c in text if c.isalpha()), "")
    return first_letter.islower() or text.endswith((".", ";", ",", ":"))
