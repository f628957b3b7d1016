"""The data passed between stages, in one place: this module reads as the output contract.

read -> `DocumentContent`; metadata -> `DocumentMetadata`; segment -> `Agreement`;
gate -> `GateDecision`;
classify -> `TypeLabel` / `ThemeLabel`; smart -> `SmartAssessment`;
the document stage list -> `DocumentResult`; export makes each result's table rows
(`DocumentRows`, stored beside the result) and writes a batch's rows to files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

AgreementType = Literal["intentie", "proces", "concreet"]
AGREEMENT_TYPES: tuple[AgreementType, ...] = get_args(AgreementType)
"""The agreement types in the order every table, report and model lists them."""
ConcreteKind = Literal["kwalitatief", "kwantitatief", ""]
SmartVerdict = Literal["ja", "deels", "nee"]
SMART_VERDICTS: tuple[SmartVerdict, ...] = get_args(SmartVerdict)
"""The SMART verdicts: ja when all five letters hold, nee when none of S, M and T does, else
deels (docs/domain.md §4)."""
SourceKind = Literal["list", "numbered", "table_row", "paragraph"]
DocumentStatus = Literal["ok", "partial", "failed", "skipped"]
ExclusionReason = Literal["header_footer", "watermark"]
SmartLetter = Literal["S", "M", "A", "R", "T"]
SMART_LETTERS: tuple[SmartLetter, ...] = get_args(SmartLetter)
"""The five SMART letters in the order of the acronym."""
ThemeCode = Literal[
    "betaalbaarheid",
    "beschikbaarheid",
    "nieuwbouw",
    "duurzaamheid",
    "leefbaarheid",
    "wonen_zorg",
    "bijzondere_doelgroepen",
    "armoede",
    "samenwerking",
    "overig",
]
THEME_CODES: tuple[ThemeCode, ...] = get_args(ThemeCode)
"""The themes (docs/domain.md §5) in the order every table and report lists them."""


class _Model(BaseModel):
    """Base for all stage models: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class BBox(_Model):
    """A rectangle on a page in PDF points, origin top-left (pdfplumber's convention)."""

    x0: float
    top: float
    x1: float
    bottom: float


# --- read -------------------------------------------------------------------------------


class TextLine(_Model):
    """One printed line of running text after header/footer removal and clean-up."""

    kind: Literal["line"] = "line"
    page: int = Field(description="1-based page number")
    text: str
    bbox: BBox
    font_size: float
    bold: bool
    heading_level: int | None = Field(
        default=None, description="1 = chapter, 2 = section, ...; None for body text"
    )
    ocr: bool = Field(default=False, description="read with OCR from a page without text layer")
    ocr_confidence: float | None = Field(
        default=None, ge=0, le=1, description="mean OCR word confidence (0-1); None without OCR"
    )


class TableRow(_Model):
    """One logical table row; a row split over a page break is already joined."""

    cells: list[str]
    page_start: int
    page_end: int
    bbox: BBox


class Table(_Model):
    """A table (ruled, or aligned by whitespace), stitched across pages, header row identified."""

    kind: Literal["table"] = "table"
    page: int = Field(description="page where the table starts")
    page_end: int
    bbox: BBox = Field(description="bounding box on the first page")
    header: list[str] = Field(description="header cells; empty strings when there is no header")
    has_header: bool
    rows: list[TableRow] = Field(description="data rows, header excluded")
    ocr: bool = Field(default=False, description="read with OCR from a page without text layer")
    ocr_confidence: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="mean OCR word confidence of its cells (0-1); None without OCR",
    )


Block = Annotated[TextLine | Table, Field(discriminator="kind")]


class ExcludedText(_Model):
    """Text of the text layer that the read stage leaves out on purpose, kept so that no
    character disappears without a trace."""

    page: int
    reason: ExclusionReason = Field(
        description="header_footer: a running header, footer or page number; watermark: text "
        "set at an angle other than 0/90/180/270 degrees"
    )
    text: str
    chars: int = Field(ge=0, description="printed (non-space) characters")


class TextAccount(_Model):
    """Where the printed characters of the text layer went (pages read with OCR not counted).

    `chars == in_lines + in_tables + excluded + unplaced`; `unplaced` is 0 unless text was
    lost, which the read stage logs as a warning.
    """

    chars: int = Field(0, ge=0, description="printed characters of the text-layer pages")
    in_lines: int = Field(0, ge=0)
    in_tables: int = Field(0, ge=0)
    excluded: int = Field(0, ge=0, description="headers, footers, page numbers, watermarks")
    unplaced: int = Field(0, ge=0, description="characters in no line, table or exclusion")


class DocumentContent(_Model):
    """What the read stage found in one PDF, in reading order."""

    source_file: str
    sha256: str
    page_count: int
    blocks: list[Block]
    first_page_text: str = Field(description="title page text, for metadata")
    last_pages_text: str = Field(description="text of the last pages, for signature blocks")
    removed_running_lines: list[str] = Field(
        default_factory=list, description="header/footer patterns removed (digits as #)"
    )
    excluded: list[ExcludedText] = Field(
        default_factory=list,
        description="text of the text layer deliberately left out of the lines and tables",
    )
    account: TextAccount = Field(
        default_factory=TextAccount, description="where the text layer's characters went"
    )
    damaged_pages: list[int] = Field(
        default_factory=list, description="pages that could not be parsed and were left out"
    )


class TextPreview(_Model):
    """A PDF's text taken quickly before the full read: pdfium's text of some pages, or OCR of
    the first pages of a scan. The document gate skips a clear non-agreement on it unread."""

    page_count: int = Field(ge=0, description="pages of the PDF")
    pages: list[int] = Field(description="the pages whose text was taken (1-based)")
    ocr_pages: int = Field(0, ge=0, description="of those, pages read with OCR (a scan)")
    text: str = Field(description="their text, page after page")


# --- metadata ---------------------------------------------------------------------------


class DocumentMetadata(_Model):
    """Who made the agreements and for which period."""

    municipality: str = Field(description="municipality name as CBS spells it, or as printed")
    municipality_code: str = Field(description="CBS gemeentecode such as GM0637, or ''")
    period_start: int | None
    period_end: int | None
    parties: list[str] = Field(description="municipality, corporations, tenant organisations")


# --- segment ----------------------------------------------------------------------------


class Contribution(_Model):
    """One party's part of an agreement (an actor-table cell, or a target-table value)."""

    party: str
    text: str


class TargetValue(_Model):
    """One number promised in a target-table cell (indicator x year or party)."""

    indicator: str = Field(description="the row's first-column text")
    column: str = Field(description="the column header: a year, period or party")
    value: float
    unit: str = Field(description="'%', 'EUR' or '' (a count)")
    raw: str = Field(description="the cell as printed")


class Agreement(_Model):
    """One agreement as the users count it (docs/domain.md §2), with its provenance."""

    ordinal: int = Field(description="1-based position in the document")
    number: str = Field(description="number or bullet label as printed, '' when none")
    heading_path: list[str]
    text: str = Field(description="agreement text; table rows add 'Party: contribution'")
    lead_in: str = Field(default="", description="the sentence introducing a list, if any")
    source_kind: SourceKind
    page_start: int
    page_end: int
    bbox: BBox = Field(description="position on the first page")
    contributions: list[Contribution] = Field(default_factory=list)
    targets: list[TargetValue] = Field(
        default_factory=list, description="numbers in a target-table row, per column"
    )
    ocr: bool = Field(default=False, description="read with OCR (a page without text layer)")
    ocr_confidence: float | None = Field(
        default=None, description="mean OCR confidence of its lines (0-1); None without OCR"
    )

    @property
    def heading(self) -> str:
        """The nearest heading, as printed."""
        return self.heading_path[-1] if self.heading_path else ""


# --- classify and smart -----------------------------------------------------------------


class EvidenceSpan(_Model):
    """A piece of the agreement text that supports (or blocks) a label."""

    text: str
    start: int = Field(description="character offset in the classified text")
    end: int
    cue: str = Field(description="name of the rule that matched")
    supports: bool = Field(default=True, description="False when the span argues against")


class TypeLabel(_Model):
    """Agreement type with its probability and the cues that decided it."""

    type: AgreementType
    type_score: float = Field(ge=0.0, le=1.0)
    concrete_kind: ConcreteKind
    evidence: list[EvidenceSpan] = Field(default_factory=list)


class ThemeLabel(_Model):
    """Theme code and the words that chose it."""

    theme_code: ThemeCode
    evidence: list[EvidenceSpan] = Field(default_factory=list)


class SmartLetterResult(_Model):
    """One SMART letter: its value and the spans that justify it."""

    value: bool
    spans: list[EvidenceSpan] = Field(default_factory=list)


class SmartAssessment(_Model):
    """The five SMART letters and the verdict combined from them (see pipeline.label.smart)."""

    s: SmartLetterResult
    m: SmartLetterResult
    a: SmartLetterResult
    r: SmartLetterResult
    t: SmartLetterResult
    verdict: SmartVerdict

    def letters(self) -> dict[SmartLetter, SmartLetterResult]:
        """Letters in SMART order."""
        return {"S": self.s, "M": self.m, "A": self.a, "R": self.r, "T": self.t}


class LabelledContribution(_Model):
    """A party contribution with the labels that apply to it on its own."""

    party: str
    text: str
    type: AgreementType
    type_score: float
    smart: SmartAssessment


class LabelledAgreement(_Model):
    """An agreement with every label the pipeline gives it."""

    afspraak_id: str = Field(description="stable for the same file content and position")
    agreement: Agreement
    type: TypeLabel
    theme: ThemeLabel
    smart: SmartAssessment
    contributions: list[LabelledContribution] = Field(default_factory=list)
    parties: list[str] = Field(
        default_factory=list, description="parties that commit, normalised to document parties"
    )


# --- document and run -------------------------------------------------------------------


class GateDecision(_Model):
    """Whether a document holds prestatieafspraken, as the document gate judged it, and why."""

    accepted: bool = Field(description="the gate found a prestatieafspraken document")
    forced: bool = Field(
        default=False, description="not accepted, but processed because the run said so"
    )
    score: float = Field(
        ge=0, description="words of the housing-agreement vocabulary per 1000 words"
    )
    words: int = Field(ge=0, description="words of the text that was judged")
    reason: str = Field(description="why, in Dutch for the user ('geen prestatieafspraken: ...')")
    early: bool = Field(
        default=False,
        description="judged on the quick look at the text before the full read (which was "
        "not done)",
    )


class DocumentResult(_Model):
    """Everything known about one input file after the stage list ran (or failed)."""

    document_id: str
    source_file: str
    sha256: str
    status: DocumentStatus
    error: str = Field(
        default="", description="a sentence a user understands; '' when ok (partial: which pages)"
    )
    page_count: int = 0
    damaged_pages: list[int] = Field(
        default_factory=list, description="pages left out because they could not be parsed"
    )
    excluded_chars: int = Field(
        0, ge=0, description="printed characters left out as headers, footers or watermarks"
    )
    metadata: DocumentMetadata | None = None
    gate: GateDecision | None = Field(
        default=None, description="the document gate's decision; None when the file was not read"
    )
    agreements: list[LabelledAgreement] = Field(default_factory=list)
    pipeline_version: str
    model_version: str
    started_at: str = Field(description="ISO 8601, UTC")
    finished_at: str = Field(description="ISO 8601, UTC")


@dataclass(frozen=True)
class DocumentRows:
    """One document's rows of the output tables, by column name (pipeline.write.tables defines the
    columns). Made by the worker that processed the document, so that writing a batch only
    joins the rows of its documents; a row's `needs_review` is set when the tables are made,
    as it depends on the export settings."""

    afspraken: list[dict[str, Any]]
    bijdragen: list[dict[str, Any]]
    documenten: list[dict[str, Any]]
    doelen: list[dict[str, Any]]
