"""The document gate: `DocumentContent` in, `GateDecision` out.

An audit office points the pipeline at a municipality's folder, which holds woonvisies, council
minutes, letters and annual reports beside the agreements (docs/domain.md §1); their bullets and
sentences would become agreements too (issue 20: 156 manuals and test PDFs gave 7,842). So every
document that was read passes this gate before the costly labelling; one it does not accept gets
status `skipped`, with the reason (in Dutch, for the user) and the score in `documenten`.

The checks, in order, on the text the read stage found (lines and table cells):
1. language: more function words of English, German or French than of Dutch;
2. vocabulary: no word of the housing-agreement vocabulary, or, in a text of
   `density_min_words` words or more, fewer than `min_terms_per_1000_words` per 1000 words;
3. kind: a title that names another kind of document (a woonvisie, minutes, a letter, an annual
   report, a budget, a tender, a zoning plan, a monitor or evaluation, a council proposal), or a
   letter's salutation and closing; not when the title names an agreement before that kind, or
   when `min_signatories` parties sign the document ("Namens ...", a letter in front of the
   signed agreements).
Before the full read, `gate_preview` judges the quick look at the text (`pipeline.read.preview`:
pdfium's text of some pages, or the first pages of a scan OCR'd) with checks 1 and 2 and a
safety margin (the `early_*` settings), and skips a clear non-agreement without reading it in
full; whatever is less clear is read and judged here. The word lists are in
`pipeline/lexicon.py`. The thresholds were set by measuring agreement and other PDFs
(`make gate-eval`, docs/gate.md): recall first, no agreement document may be skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from statistics import median

from pydantic import BaseModel, ConfigDict, Field

from pipeline.lexicon import (
    AGREEMENT_TITLE,
    DUTCH_FUNCTION_WORDS,
    FOREIGN_FUNCTION_WORDS,
    HOUSING_TERM_PHRASES,
    HOUSING_TERM_WORDS,
    LETTER_CLOSING,
    LETTER_SALUTATION,
    POLICY_DOCUMENT_TITLES,
    REPORT_DOCUMENT_TITLES,
    SIGNATORY,
)
from pipeline.models import DocumentContent, GateDecision, TextLine, TextPreview

_WORD = re.compile(r"[a-zà-ÿ]+(?:-[a-zà-ÿ]+)*")
_TERM_WORD = re.compile("|".join(f"(?:{stem})" for stem in HOUSING_TERM_WORDS))
_TERM_PHRASE = re.compile(r"\b(?:" + "|".join(HOUSING_TERM_PHRASES) + r")\b")
_AGREEMENT_TITLE = re.compile("|".join(AGREEMENT_TITLE), re.IGNORECASE)
_REPORT_TITLES = {k: re.compile(v, re.IGNORECASE) for k, v in REPORT_DOCUMENT_TITLES.items()}
_POLICY_TITLES = {k: re.compile(v, re.IGNORECASE) for k, v in POLICY_DOCUMENT_TITLES.items()}
_SALUTATION = re.compile(LETTER_SALUTATION, re.IGNORECASE)
_CLOSING = re.compile(LETTER_CLOSING, re.IGNORECASE)
_SIGNATORY = re.compile(SIGNATORY)
SKIP_PREFIX = "geen prestatieafspraken: "
"""Every skip reason starts so; the rest names the check and its figures."""


class GateSettings(BaseModel):
    """Settings of the document gate (measured in docs/gate.md)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    process_all: bool = Field(
        False,
        description="process every document, also those the gate does not accept (their "
        "reason is kept); `prestatie run --no-gate`",
    )
    min_function_words: int = Field(
        10,
        ge=1,
        description="a text counts as written in another language only when it has at least "
        "this many function words of that language (a short table has none of either)",
    )
    min_terms: int = Field(
        1, ge=1, description="a document needs at least this many housing-agreement words"
    )
    density_min_words: int = Field(
        300,
        ge=1,
        description="from this many words on, the vocabulary is also judged per 1000 words (a "
        "short annex says little; a manual that mentions 'gemeente' says much)",
    )
    min_terms_per_1000_words: float = Field(
        10.0,
        ge=0,
        description="fewest housing-agreement words per 1000 words in a longer text (measured: "
        "agreement documents 95 and more, manuals at most 2)",
    )
    min_signatories: int = Field(
        2,
        ge=1,
        description="parties that sign ('Namens ...') and so make a document an agreement "
        "whatever its title or a cover letter says",
    )
    early: bool = Field(
        True,
        description="judge each document first from the quick look at its text "
        "(`pipeline.read.preview`) and skip a clear non-agreement without the full read",
    )
    early_min_words: int = Field(
        300,
        ge=1,
        description="the quick look judges only a text of at least this many words (an "
        "empty or short text layer, a scan that OCR could not read: the full read decides)",
    )
    early_language_margin: float = Field(
        3.0,
        ge=1,
        description="the quick look skips a text as written in another language only when "
        "that language has this many times `min_function_words` function words and this many "
        "times as many as Dutch",
    )
    early_vocabulary_margin: float = Field(
        4.0,
        ge=1,
        description="the quick look skips for the vocabulary only below "
        "`min_terms_per_1000_words` divided by this (measured: agreement documents 95 per "
        "1000 words and more, manuals at most 2)",
    )
    title_lines: int = Field(4, ge=1, description="most lines the title of page 1 can have")
    title_size_step: float = Field(
        2.0,
        ge=0,
        description="a line of the first page is part of the title when it is set this many "
        "points larger than the body text (or is its first heading)",
    )


def gate_document(content: DocumentContent, settings: GateSettings | None = None) -> GateDecision:
    """Decide whether a document holds prestatieafspraken, with the reason and the score."""
    settings = settings or GateSettings()
    texts = list(_texts(content))
    counts, words, terms, score = _measure("\n".join(texts))
    reason = _language(counts, settings) or _vocabulary(terms, words, score, settings)
    if not reason:
        reason = _other_kind(content, texts, settings)
    if reason:
        return GateDecision(accepted=False, score=score, words=words, reason=SKIP_PREFIX + reason)
    return GateDecision(
        accepted=True, score=score, words=words, reason=_acceptance(score, texts, settings)
    )


def gate_preview(preview: TextPreview, settings: GateSettings | None = None) -> GateDecision | None:
    """The gate's decision on the quick look at a document's text, when it is clear: a skip
    when the text is long enough and another language or without the vocabulary by the safety
    margins; else None, and the document is read in full and judged again. The kind of
    document is not judged here: its title needs the font sizes of the full read."""
    settings = settings or GateSettings()
    if not settings.early:
        return None
    counts, words, terms, score = _measure(preview.text)
    if words < settings.early_min_words:
        return None
    strict = settings.model_copy(
        update={
            "min_function_words": round(
                settings.min_function_words * settings.early_language_margin
            ),
            "min_terms_per_1000_words": settings.min_terms_per_1000_words
            / settings.early_vocabulary_margin,
            "density_min_words": settings.early_min_words,
        }
    )
    if _language(counts, strict, settings.early_language_margin):
        reason = _language(counts, settings)
    elif _vocabulary(terms, words, score, strict):
        # said with the usual threshold, which a text of fewer than `density_min_words` lacks
        reason = _vocabulary(terms, words, score, settings) or _vocabulary(
            terms, words, score, strict
        )
    else:
        return None
    return GateDecision(
        accepted=False,
        score=score,
        words=words,
        reason=f"{SKIP_PREFIX}{reason}; {_previewed(preview)}",
        early=True,
    )


def _previewed(preview: TextPreview) -> str:
    """How the text of an early skip was taken, for its reason."""
    pages = len(preview.pages)
    if preview.ocr_pages:
        source = f"OCR van {preview.ocr_pages} van de {preview.page_count} pagina's"
    elif pages == preview.page_count:
        source = f"de tekstlaag van alle {pages} pagina's"
    else:
        source = f"de tekstlaag van {pages} van de {preview.page_count} pagina's"
    return f"beoordeeld op {source}, niet volledig gelezen"


def _measure(text: str) -> tuple[Counter[str], int, int, float]:
    """The text's word counts, words, housing-agreement words and score (per 1000 words)."""
    lowered = text.lower()
    counts = Counter(_WORD.findall(lowered))
    words = sum(counts.values())
    terms = sum(n for word, n in counts.items() if _TERM_WORD.fullmatch(word))
    terms += len(_TERM_PHRASE.findall(lowered))
    score = round(1000 * terms / words, 1) if words else 0.0
    return counts, words, terms, score


def _texts(content: DocumentContent) -> Iterator[str]:
    """Every line and non-empty table cell, in reading order."""
    for block in content.blocks:
        if isinstance(block, TextLine):
            yield block.text
        else:
            yield from (cell for cell in block.header if cell)
            for row in block.rows:
                yield from (cell for cell in row.cells if cell)


def _language(counts: Counter[str], settings: GateSettings, margin: float = 1.0) -> str:
    """Why the text is not Dutch, or '': another language has `min_function_words` function
    words and more than `margin` times as many as Dutch (at least as many with a margin)."""
    dutch = sum(counts[w] for w in DUTCH_FUNCTION_WORDS)
    language, foreign = max(
        ((name, sum(counts[w] for w in words)) for name, words in FOREIGN_FUNCTION_WORDS.items()),
        key=lambda item: item[1],
    )
    if foreign < settings.min_function_words or foreign <= dutch:
        return ""
    if margin > 1 and foreign < margin * dutch:
        return ""
    return (
        f"tekst is niet Nederlands ({foreign} {language} tegen {dutch} Nederlandse functiewoorden)"
    )


def _vocabulary(terms: int, words: int, score: float, settings: GateSettings) -> str:
    """Why the text is not about housing agreements, or ''."""
    if terms < settings.min_terms:
        return f"geen woorden van woonafspraken in {words} woorden"
    if words >= settings.density_min_words and score < settings.min_terms_per_1000_words:
        return (
            f"te weinig woorden van woonafspraken ({_decimal(score)} per 1000 woorden, minimaal "
            f"{_decimal(settings.min_terms_per_1000_words)})"
        )
    return ""


def _other_kind(content: DocumentContent, texts: list[str], settings: GateSettings) -> str:
    """Why the document is another kind of document (its title, or a letter), or ''."""
    title = document_title(content, settings)
    kind = title_kind(title)
    if not kind and not _AGREEMENT_TITLE.search(title) and _is_letter(content, texts):
        kind = "brief"
    if not kind or len(signatories(texts)) >= settings.min_signatories:
        return ""
    shown = f"titel '{_shorten(title)}'" if title_kind(title) else "aanhef en slotgroet"
    return f"ander soort document: {kind} ({shown})"


def _shorten(text: str, limit: int = 70) -> str:
    """`text` cut at a word before `limit` characters, with '...' when cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " ..."


def _decimal(value: float) -> str:
    """A number as Dutch writes it: decimal comma, no trailing zeros."""
    return f"{value:g}".replace(".", ",")


def document_title(content: DocumentContent, settings: GateSettings) -> str:
    """The title: the first page's leading lines set larger than the body text (or its first
    heading), at most `title_lines`; else the first line."""
    lines = [b for b in content.blocks if isinstance(b, TextLine)]
    if not lines:
        return ""
    body = median(line.font_size for line in lines)
    title: list[str] = []
    for line in lines:
        if line.page != lines[0].page or len(title) >= settings.title_lines:
            break
        if line.font_size >= body + settings.title_size_step or (
            line.heading_level == 1 and not title
        ):
            title.append(line.text)
        elif title:
            break
    return " ".join(title) or lines[0].text


def title_kind(title: str) -> str:
    """The kind of non-agreement document a title names ('' for none): a report, letter,
    budget and the like unless an agreement is named before it; a policy document (woonvisie)
    only when no agreement is named at all."""
    agreement = _AGREEMENT_TITLE.search(title)
    found = sorted(
        (match.start(), kind)
        for kind, pattern in _REPORT_TITLES.items()
        if (match := pattern.search(title))
    )
    if found and (agreement is None or found[0][0] < agreement.start()):
        return found[0][1]
    if agreement is None:
        return next((k for k, pattern in _POLICY_TITLES.items() if pattern.search(title)), "")
    return ""


def _is_letter(content: DocumentContent, texts: list[str]) -> bool:
    """A salutation ('Geachte ...') on the first page and a closing anywhere."""
    first = next((b.page for b in content.blocks if isinstance(b, TextLine)), 0)
    opens = any(
        _SALUTATION.match(b.text)
        for b in content.blocks
        if isinstance(b, TextLine) and b.page == first
    )
    return opens and any(_CLOSING.search(t) for t in texts)


def signatories(texts: list[str]) -> set[str]:
    """The parties named after 'Namens' (a signature block), once each."""
    return {match.group(1) for text in texts for match in _SIGNATORY.finditer(text)}


def _acceptance(score: float, texts: list[str], settings: GateSettings) -> str:
    """Why the document was accepted."""
    reason = f"{_decimal(score)} woorden van woonafspraken per 1000 woorden"
    signed = len(signatories(texts))
    if signed >= settings.min_signatories:
        reason += f"; ondertekend door {signed} partijen"
    return reason
