"""Text read from scans, made to behave like a text layer: OCR misreads a few letters of a line
that repeats on every page, or of a table header, and exact comparisons then fail (issue 20,
item 12). Pure functions over strings; the read stage calls them for OCR'd pages only.

- A running header or footer is recognised when similar (not equal) lines recur on most pages.
- The header row of an OCR'd table is recognised by the words of its cells (party names,
  "Afspraak", "Thema"), since weight measured on a scan is rough.
- A header cell is spelled as the document spells it most often ("Gefneente" -> "Gemeente"):
  a misread is rare, the right spelling repeats in the text and the other pages' headers.
- Repeated header rows of a table continued over pages are compared by similarity.
- An accent Dutch does not write is a speck above a letter ("gemátigd" -> "gematigd").
- An item number a speck or a lost period garbled ("221", "3.2:2", "c).") is read as the
  numbers beside it in the same column are written ("2.2.1", "3.2.2", "c)").
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from pipeline.lexicon import ACCENTED_WORDS, TABLE_HEADER_WORDS
from pipeline.text import normalise_key

# Marks at a cell's edges, and a last "word" of one or two marks or accented capitals ("À").
_HEADER_WORD = re.compile("|".join(TABLE_HEADER_WORDS), re.IGNORECASE)
_EDGE_JUNK = re.compile(r"^(?:[^\w(€]|_)+|(?:[^\w)%]|_)+$|(?:\s+(?:[^\w\s]|_|[À-ÖØ-Þ]){1,2})+$")
_WORD_EDGES = ".,:;()'\"“”„‘’"


def similar(a: str, b: str, threshold: float) -> bool:
    """Whether two texts are the same up to OCR misreads (difflib ratio, compared keys)."""
    key_a, key_b = normalise_key(a), normalise_key(b)
    if key_a == key_b:
        return True
    return difflib.SequenceMatcher(None, key_a, key_b).ratio() >= threshold


def similar_cells(a: list[str], b: list[str], threshold: float) -> bool:
    """Two rows of cells that are the same up to OCR misreads; of three or more cells one in
    three (at least one) may be garbled beyond recognition or lost (a shaded header cell at
    the page's edge, a party name a speck cut through)."""
    if len(a) != len(b):
        return False
    alike = sum(similar(x, y, threshold) for x, y in zip(a, b, strict=True))
    return alike == len(a) or (len(a) >= 3 and alike >= len(a) - max(1, len(a) // 3))


def recurring(keys_per_page: list[set[str]], needed: int, threshold: float) -> set[str]:
    """The keys that have a similar key on at least `needed` pages (each page counts once)."""
    out: set[str] = set()
    for keys in keys_per_page:
        for key in keys:
            if key in out or len(key) < 12:
                continue
            pages = sum(
                any(key[:4] == other[:4] and similar(key, other, threshold) for other in others)
                for others in keys_per_page
            )
            if pages >= needed:
                out.add(key)
    return out


_VOWELS = frozenset("aeiouy")
_TREMA = "\u0308"
_ACCENTED_WORD = re.compile(r"[^\W\d_]*[À-ÖØ-öø-ÿ][^\W\d_]*")


def without_speck_accents(text: str) -> str:
    """`text` with the accents Dutch does not write taken off its words: Dutch puts a trema
    on a vowel after a vowel ("financiële", "geïnd") and other accents only in a few words
    (ACCENTED_WORDS); on a scan, any other accent is a speck OCR read as one."""
    return _ACCENTED_WORD.sub(_unaccented_word, text)


def _unaccented_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if word.lower() in ACCENTED_WORDS:
        return word
    out: list[str] = []
    for char in word:
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], list(decomposed[1:])
        previous = out[-1].lower() if out else ""
        trema = marks == [_TREMA] and base.lower() in "eiou" and previous in _VOWELS
        out.append(char if not marks or trema else base)
    return "".join(out)


_CLEAN_NUMBER = re.compile(r"^(\d(?:\.\d)+)\.?\s+\S")
_GARBLED_NUMBER = re.compile(r"^[„“‘'_.,·–-]?(\d[\d.,:;]*)[.,:;)-]?\s+(?=[„“‘'\"]*[A-Z])")
_SPLIT_NUMBER = re.compile(r"^(\d(?:\.\d)+)\s+(\d)\s+(?=[„“‘'\"]*[A-Z])")
_CLEAN_LETTER = re.compile(r"^[a-z]\)\s+\S")
_GARBLED_LETTER = re.compile(r"^([a-z])[)}\]][.,:;)-]*\s+(?=\S)")


def repaired_item_numbers(lines: list[tuple[str, float]], tolerance: float) -> list[str]:
    """The texts of a scanned page's lines (text, left edge) with garbled item numbers written
    as the clean numbers in the same column are ("221 Havenwoningen", "2.1 2 Partijen" ->
    "2.2.1 ...", "2.1.2 ..." beside "2.2.2"; "c). Woonpartners" -> "c) ..." beside "a)"): a
    period lost or a speck read as a mark makes the item's number unreadable for segmentation.
    Only lines that start where two or more clean numbers of that depth start, and go on with
    a capital, are touched."""
    clean = [
        (x0, m.group(1).count(".") + 1) for text, x0 in lines if (m := _CLEAN_NUMBER.match(text))
    ]
    counts = Counter(depth for _, depth in clean)
    edges = [(x0, depth) for x0, depth in clean if counts[depth] >= 2]
    letter_edges = [x0 for text, x0 in lines if _CLEAN_LETTER.match(text)]
    out: list[str] = []
    for text, x0 in lines:
        depths = {depth for edge, depth in edges if abs(x0 - edge) <= tolerance}
        out.append(_repaired_number(text, depths) if depths else text)
        lettered = any(abs(x0 - edge) <= tolerance for edge in letter_edges)
        if lettered and not _CLEAN_LETTER.match(text) and (m := _GARBLED_LETTER.match(text)):
            out[-1] = f"{m.group(1)}) {text[m.end() :]}"
    return out


def _repaired_number(text: str, depths: set[int]) -> str:
    if (split := _SPLIT_NUMBER.match(text)) and split.group(1).count(".") + 2 in depths:
        return f"{split.group(1)}.{split.group(2)} {text[split.end() :]}"
    if _CLEAN_NUMBER.match(text):
        return text
    garbled = _GARBLED_NUMBER.match(text)
    if garbled is None:
        return text
    digits = re.sub(r"\D", "", garbled.group(1))
    if len(digits) not in depths:
        return text
    return f"{'.'.join(digits)} {text[garbled.end() :]}"


def looks_like_header(first: list[str], max_words: int) -> bool:
    """A first row of short one-line labels that name parties or attributes ("Gemeente",
    "Woonstichting De Vaart", "Afspraak"): the header of an actor or target table."""
    filled = [c for c in first if c]
    if len(filled) < max(2, len(first) - 1):
        return False
    if not all(len(c.split()) <= max_words and "\n" not in c for c in filled):
        return False
    named = sum(names_a_header(c) for c in filled)
    return named >= max(2, len(filled) - 1)


def names_a_header(cell: str) -> bool:
    """Whether a cell holds a party or attribute word of table headers (TABLE_HEADER_WORDS)."""
    return bool(_HEADER_WORD.search(cell))


def clean_header(cell: str) -> str:
    """A header cell without marks that specks left at its edges ("Gemeente _" -> "Gemeente"),
    and without last words of one or two letters specks made ("Brakeloo Wonen, Dn",
    "Prestatie 2025 OO") where the rest names a party or attribute."""
    cell = _EDGE_JUNK.sub("", cell).strip()
    while (short := _SHORT_LAST_WORD.search(cell)) and names_a_header(cell[: short.start()]):
        cell = _EDGE_JUNK.sub("", cell[: short.start()]).strip()
    return cell


_SHORT_LAST_WORD = re.compile(r"\s+[^\W\d_]{1,2}$")


_NUMBER_CELL = re.compile(r"(?:[^\w€(]|_)*((?:€\s*)?\d[\d.,]*\s*%?)(?:[^\w%)]|_)*")
_UNOPENED_PAREN = re.compile(r"(?<=[\d%])\)(?=\W*$)")  # "0)": a speck read as a parenthesis


_LEADING_MARKS = re.compile(r"^[‘'“„_,.·]+\s*(?=[^\W_])")


def clean_cell(cell: str) -> str:
    """A cell without the marks specks put before it ("'Passend"), or, holding one number,
    around it ("“40", "_0", ". 14", "0)" without an opening parenthesis). A quote that opens
    "'s-Hertogenbosch" or is closed in the cell stays."""
    stripped = cell.strip()
    if "(" not in stripped:
        stripped = _UNOPENED_PAREN.sub("", stripped)
    match = _NUMBER_CELL.fullmatch(stripped)
    if match:
        return match.group(1)
    if re.match(r"^['‘]s[\s-]", cell) or "’" in cell or "”" in cell:
        return cell
    return _LEADING_MARKS.sub("", cell)


class DocumentWords:
    """The word sequences of a document (one to `max_words` + 1 words), counted, to find how
    the document spells a header cell: a misread is rare, the right spelling repeats."""

    def __init__(self, texts: Iterable[str], max_words: int, threshold: float) -> None:
        words = [w.strip(_WORD_EDGES) for text in texts for w in text.split()]
        words = [w for w in words if w]
        self.grams: Counter[str] = Counter(
            " ".join(words[i : i + n])
            for n in range(1, max_words + 2)
            for i in range(len(words) - n + 1)
        )
        self.max_words = max_words
        self.threshold = threshold
        self._found: dict[str, Counter[str]] = {}

    def similar(self, cell: str) -> Counter[str]:
        """Word sequences similar to `cell` with their counts (one word fewer to one more)."""
        if cell not in self._found:
            n = len(cell.split())
            target = cell.lower()
            found: Counter[str] = Counter()
            for gram, count in self.grams.items():
                if abs(len(gram) - len(cell)) > 3 or abs(gram.count(" ") + 1 - n) > 1:
                    continue
                matcher = difflib.SequenceMatcher(None, gram.lower(), target)
                if gram.lower() == target or (
                    matcher.real_quick_ratio() >= self.threshold
                    and matcher.quick_ratio() >= self.threshold
                    and matcher.ratio() >= self.threshold
                ):
                    found[gram] = count
            self._found[cell] = found
        return self._found[cell]

    def support(self, cell: str) -> int:
        """How often the document holds `cell` or a similar sequence: a header cell read right
        finds itself in the text, a garbled one does not."""
        return sum(self.similar(cell).values()) if cell else 0

    def spelling(self, cell: str) -> str:
        """The spelling of `cell` the document uses most often ("Gefneente" -> "Gemeente",
        "Brakeloo Wonen De" -> "Brakeloo Wonen"); `cell` itself when it is the most frequent
        (or on a tie, unless it has more accents: specks above letters read as accents)."""
        if not cell or len(cell.split()) > self.max_words:
            return cell
        counts: Counter[str] = Counter()
        forms: dict[str, Counter[str]] = {}
        for gram, count in self.similar(cell).items():
            counts[gram.lower()] += count
            forms.setdefault(gram.lower(), Counter())[gram] += count
        target = cell.lower()
        if not counts:
            return cell
        best, count = max(
            counts.items(), key=lambda kv: (kv[1], -_accented(kv[0]), kv[0] == target)
        )
        if best == target or (count, -_accented(best)) <= (counts[target], -_accented(target)):
            return cell
        upper = cell[:1].isupper()
        same_case = Counter({f: c for f, c in forms[best].items() if f[:1].isupper() == upper})
        form = (same_case or forms[best]).most_common(1)[0][0]
        return form[:1].upper() + form[1:] if upper else form


def _accented(text: str) -> int:
    return sum(not c.isascii() for c in text)
