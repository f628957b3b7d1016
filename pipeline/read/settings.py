"""Settings and the error of the read stage: `ReadSettings` with its parts for OCR
(`OcrSettings`) and page layout (`LayoutSettings`), and `ReadError`.

Every threshold of the read stage is a documented field here, so that one object says how a
PDF is read (docs/architecture.md, "Where things live").
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class OcrSettings(BaseModel):
    """Settings of OCR for pages without a text layer (part of `ReadSettings`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    enabled: bool = Field(True, description="OCR pages without a usable text layer")
    language: str = Field(
        "nld", pattern=r"^[a-z_]+(\+[a-z_]+)*$", description="Tesseract language(s), e.g. nld+eng"
    )
    dpi: int = Field(300, ge=100, le=600, description="resolution the page is rendered at")
    min_chars: int = Field(
        20,
        ge=0,
        description="a page with fewer text characters than this and an image is OCR'd",
    )
    min_path_points: int = Field(
        200,
        ge=1,
        description="a page with fewer text characters than min_chars, no image, and vector "
        "paths of at least this many points in all (text drawn as outlines) is OCR'd too",
    )
    max_pixels: int = Field(
        40_000_000,
        ge=1_000_000,
        description="render at a lower resolution when a page would be larger (giant pages)",
    )
    page_timeout_seconds: float = Field(
        120.0, gt=0, description="Tesseract is stopped after this long on one page"
    )
    find_rulings: bool = Field(True, description="find table rulings in the page image")
    max_skew_degrees: float = Field(
        2.0, ge=0, le=10, description="largest rotation of a scan that is straightened"
    )
    command: str = Field("tesseract", description="the Tesseract program")
    ink_level: int = Field(
        160, ge=1, le=255, description="grey levels below this are ink (0 black, 255 white)"
    )
    ink_min_neighbours: int = Field(
        5,
        ge=1,
        le=9,
        description="ink pixels of its 3x3 block a pixel needs to stay ink (scanner specks go)",
    )
    min_skew_degrees: float = Field(
        0.05, ge=0, description="a scan turned less than this is left as it is"
    )
    ruling_min_width: float = Field(
        60.0, gt=0, description="points; shorter horizontal ink runs are not table rulings"
    )
    ruling_min_height: float = Field(
        25.0, gt=0, description="points; shorter vertical ink runs are not table rulings"
    )
    same_baseline_share: float = Field(
        0.3,
        ge=0,
        description="share of the x-height within which two OCR lines side by side share a "
        "baseline and are joined into one line",
    )
    ruling_merge_tolerance: float = Field(
        3.0, ge=0, description="points; rulings this close are joined into one (pdfplumber)"
    )
    bold_stroke_ratio: float = Field(
        1.22,
        gt=1,
        description="a line is bold when its strokes are this much heavier than the page's "
        "typical line (a table's header row: than the rows below it): the mean horizontal ink "
        "run per point of font size is about 0.13 for regular and 0.17-0.21 for bold "
        "sans-serif text on a clean render, and a scan thickens every stroke",
    )
    despeckle: bool = Field(
        True, description="erase isolated specks and binarise the page before reading it"
    )
    flatten_background: bool = Field(
        True,
        description="divide the page by its paper's grey before binarising it, so that text "
        "on a shaded table header or a darker scan edge stays apart from its background",
    )
    background_window_points: float = Field(
        10.0,
        ge=4,
        le=40,
        description="points; ink is divided by the lightest grey within this width and paper "
        "by the page closed over it (that lightest grey, then the darkest of those): wider "
        "than a stroke of bold heading text, narrower than a shaded cell",
    )
    paper_share: float = Field(
        0.7,
        gt=0,
        le=1,
        description="a pixel at least this share of the page's closed grey (see "
        "background_window_points) is paper, also on a shaded cell near its edge; darker "
        "pixels are ink and are divided by the lightest grey near them",
    )
    darkest_paper: float = Field(
        0.5,
        gt=0,
        le=1,
        description="share of the page's paper grey below which a region is no paper (a black "
        "bar, white text on black) and is not made white",
    )
    median_pixels: int = Field(
        3,
        ge=0,
        le=3,
        description="pixels; side of the median filter that takes the grain out of a page "
        "before it is binarised (0 or 1: none); at 300 dpi, 3 pixels are less than a stroke "
        "of 10 pt text",
    )
    ink_share: float = Field(
        0.5,
        ge=0,
        lt=1,
        description="the page is binarised this share of the way from its typical ink grey to "
        "its typical paper grey (each the median of its side of Otsu's threshold); 0: at "
        "Otsu's threshold, which on a page made even lies in the blur around strokes",
    )
    speck_size_points: float = Field(
        2.0,
        ge=0.5,
        le=6,
        description="an ink blob that fits in a square this wide (points) and has no other ink "
        "within speck_margin_points is a speck; a bullet or an i's dot never is",
    )
    speck_margin_points: float = Field(
        1.5, ge=0.5, le=6, description="clear paper around a speck (points); see speck_size_points"
    )
    speck_side_points: float = Field(
        2.5,
        ge=0,
        le=6,
        description="points; a blob with ink this close on its left or right, on its own rows, "
        "sits on a line of text and is no speck (the periods of '2.1.1', a full stop after a "
        "word); 0 or at most speck_margin_points: no such check",
    )
    cell_gap_points: float = Field(
        14.0,
        ge=2,
        description="white space between table cells when they are read together, one cell "
        "above the other, so that no line can run across a column boundary",
    )
    max_cells_read_alone: int = Field(
        12,
        ge=0,
        description="per table, at most this many cells with ink but no text after the table "
        "was read are read again on their own (a lone digit Tesseract skipped)",
    )
    min_glyph_points: float = Field(
        4.0,
        gt=0,
        description="a cell read on its own must hold a blob at least this tall (points): "
        "a digit of 6 pt or more, not what specks or erased rulings left",
    )
    min_word_height: float = Field(
        0.25,
        ge=0,
        le=1,
        description="a word lower than this share of its line's x-height with at most two "
        "letters or digits is a speck Tesseract read as a mark, and is dropped",
    )
    speck_line_size_share: float = Field(
        0.5,
        ge=0,
        le=1,
        description="a line whose x-height is below this share of the page's typical line and "
        "whose words are read unsure (below sure_word_confidence) is specks, and is dropped",
    )
    number_column_points: float = Field(
        6.0,
        ge=0,
        description="points; a scanned line starting this close to where two or more clean "
        "item numbers start ('2.2.2') has its garbled number ('221', '3.2:2') written like "
        "them",
    )
    similar_text: float = Field(
        0.85,
        ge=0.5,
        le=1,
        description="OCR'd lines in the header/footer zone this similar (difflib ratio) count "
        "as the same running header or footer",
    )
    similar_header: float = Field(
        0.8,
        ge=0.5,
        le=1,
        description="OCR'd header cells this similar count as the same (a header repeated on "
        "the next page; the document's usual spelling of a misread header cell)",
    )
    sure_word_confidence: float = Field(
        0.6,
        ge=0,
        le=1,
        description="below this confidence a word without letters or digits (a mark such as "
        "'„' or '_' inside a line) is dropped, unless it is a sign such as '-', '€' or '%'",
    )


class LayoutSettings(BaseModel):
    """Settings of the layout analysis of a page (two columns, whitespace tables)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    columns: bool = Field(True, description="find two-column bands and read them column-wise")
    whitespace_tables: bool = Field(
        True, description="find tables whose columns are aligned by whitespace only"
    )
    row_tolerance: float = Field(
        3.0, gt=0, description="points; words whose tops differ less share a text row"
    )
    column_gutter: float = Field(
        12.0, gt=0, description="points; minimum width of the gutter between two text columns"
    )
    column_zone: float = Field(
        0.3,
        gt=0,
        lt=1,
        description="the column gutter lies within this share of the text width around its middle",
    )
    min_column_rows: int = Field(
        5, ge=2, description="text rows each column of a two-column band must hold"
    )
    long_line_share: float = Field(
        0.5,
        ge=0,
        le=1,
        description="share of a column's rows that must be long lines (running text)",
    )
    long_line_width: float = Field(
        0.6, gt=0, le=1, description="share of its column's width a long line runs over"
    )
    marker_indent: float = Field(
        30.0,
        ge=0,
        description="points; a gap this close to a column's left edge is a hanging indent",
    )
    band_gap_factor: float = Field(
        2.2, gt=0, description="a vertical gap over this many row heights ends a band or table"
    )
    table_gutter: float = Field(
        8.0, gt=0, description="points; minimum width of the gap between two table columns"
    )
    min_table_columns: int = Field(3, ge=2, description="whitespace tables have this many columns")
    min_table_rows: int = Field(2, ge=1, description="data rows a whitespace table must have")
    max_header_words: int = Field(5, ge=1, description="longer header cells are running text")
    row_gap_min_spread: float = Field(
        2.5,
        ge=0,
        description="points; text rows of a whitespace table are grouped into table rows by "
        "their gaps only when the largest and smallest gap differ by this much",
    )
    row_gap_spread_share: float = Field(
        0.25,
        ge=0,
        description="the same difference as a share of the row height, when that is larger",
    )
    sentence_min_words: int = Field(
        5,
        ge=1,
        description="a cell of this many words holds a sentence: its table holds agreements "
        "(an actor table)",
    )
    numeric_cell_share: float = Field(
        0.6,
        ge=0,
        le=1,
        description="share of the cells beside the first column that are numbers in a target table",
    )


class PreviewSettings(BaseModel):
    """Settings of the quick look at a PDF before the full read (`pipeline.read.preview`): which
    pages' text is taken, and how much of a scan is OCR'd, for the document gate to judge."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_pages: int = Field(
        3,
        ge=1,
        description="documents of fewer pages get no quick look: their full read takes a "
        "fraction of a second, and the look would add a quarter to it (measured on one-page "
        "documents, docs/gate.md)",
    )
    first_pages: int = Field(
        10, ge=1, description="pages from the start whose text layer is taken (title, contents)"
    )
    spread_pages: int = Field(
        30,
        ge=0,
        description="further pages taken at even steps over the rest of a longer document, so "
        "that its text is judged as a whole, not by its first chapter",
    )
    ocr_pages: int = Field(
        2,
        ge=0,
        description="when the pages taken have (almost) no text layer (a scan), OCR this many "
        "of the first pages to judge from; 0: never OCR before the full read",
    )
    ocr_min_pages: int = Field(
        5,
        ge=1,
        description="OCR for the quick look only in documents of at least this many pages: "
        "in a shorter scan it would do again much of what the full read does anyway",
    )
    ocr_dpi: int = Field(
        150,
        ge=100,
        le=600,
        description="resolution the pages OCR'd for the quick look are rendered at (enough to "
        "tell the language and the vocabulary, half the time of the full read's)",
    )


class ReadSettings(BaseModel):
    """Settings of the read stage."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    running_zone: float = Field(
        0.12,
        gt=0,
        lt=0.5,
        description="share of page height at top and bottom searched for headers/footers",
    )
    running_min_share: float = Field(
        0.5,
        gt=0,
        le=1,
        description="a line repeated on at least this share of pages is a header/footer",
    )
    running_min_pages: int = Field(
        3, ge=2, description="documents shorter than this keep all lines"
    )
    line_y_tolerance: float = Field(
        3.0, gt=0, description="points; chars closer than this share a line"
    )
    heading_size_delta: float = Field(
        1.0, ge=0, description="points above body size from which a line counts as a heading"
    )
    max_heading_words: int = Field(14, ge=1, description="longer lines are never headings")
    find_tables: Literal["auto", "always", "never"] = Field(
        "auto", description="auto: run the table finder only on pages with ruling lines"
    )
    table_settings: dict[str, Any] = Field(
        default_factory=lambda: {"vertical_strategy": "lines", "horizontal_strategy": "lines"},
        description="pdfplumber table finder settings",
    )
    password: str = Field("", description="password for encrypted PDFs")
    ocr: OcrSettings = Field(
        default_factory=OcrSettings, description="OCR of pages without a usable text layer"
    )
    max_file_bytes: int = Field(
        200_000_000, ge=1, description="larger files are refused before they are parsed"
    )
    max_pages: int = Field(1000, ge=1, description="PDFs with more pages are refused")
    max_stream_bytes: int = Field(
        32_000_000,
        ge=1,
        description="a page with a stream (content, form, font) of which any stage of the "
        "filter chain decodes to more than this is refused (a decompression bomb)",
    )
    max_image_bytes: int = Field(
        400_000_000,
        ge=1,
        description="the same for an image (or its soft mask): a scanned A3 page at 600 dpi in "
        "colour is about 210 MB of pixels",
    )
    layout: LayoutSettings = Field(
        default_factory=LayoutSettings,
        description="two-column bands and tables aligned by whitespace (pipeline.read.layout)",
    )
    turned_text: bool = Field(
        True,
        description="read text drawn turned by 90/180/270 degrees from a turned view, and drop "
        "text set at other angles (diagonal watermarks)",
    )
    turned_min_share: float = Field(
        0.4,
        gt=0,
        le=1,
        description="share of a page's characters that must be turned before it is read turned",
    )
    turned_region_margin: float = Field(
        8.0, ge=0, description="points around turned text that belong to it (its rulings)"
    )
    max_ruling_edges: int = Field(
        5000,
        ge=2,
        description="pages with more ruling lines than this (maps, drawings) skip the table finder",
    )
    min_rulings: int = Field(
        2,
        ge=1,
        description="lines and rectangles a page needs before the table finder runs (auto)",
    )
    min_vertical_ruling: float = Field(
        4.0,
        ge=0,
        description="points; longer vertical edges are column rulings (shorter ones are "
        "underlines or dots)",
    )
    row_rule_min_width: float = Field(
        0.25,
        gt=0,
        le=1,
        description="share of the page width a horizontal rule spans in a table ruled by rows "
        "only (issue #7)",
    )
    row_rule_min_count: int = Field(
        4, ge=2, description="rules of the same width a table ruled by rows only has at least"
    )
    row_rule_snap: float = Field(
        3.0,
        gt=0,
        description="points; rules whose ends round to the same multiple of this have the same "
        "width",
    )
    row_rule_max_gap: float = Field(
        80.0,
        gt=0,
        description="points; rules further apart than this are not one table ruled by rows only",
    )
    row_table_min_rows: int = Field(
        3, ge=1, description="rows a table ruled by rows only has at least"
    )
    row_table_short_words: int = Field(
        4,
        ge=1,
        description="words of a short cell; a table ruled by rows only has mostly short cells "
        "beside its first column",
    )
    row_table_short_share: float = Field(
        0.6,
        ge=0,
        le=1,
        description="share of the cells beside the first column of a table ruled by rows only "
        "that are short",
    )
    bold_min_share: float = Field(
        0.6,
        ge=0,
        le=1,
        description="share of a line's (or a table's first row's) characters in a bold font "
        "from which it counts as bold",
    )
    header_max_words: int = Field(
        6,
        ge=1,
        description="a first row of short labels (at most this many words, no full stop) above "
        "longer rows is a table's header row",
    )
    stitch_tolerance: float = Field(
        15.0,
        ge=0,
        description="points; a table on the next page whose left (and right) edge lies closer "
        "than this to the previous table's continues it",
    )
    whitespace_table_margin: float = Field(
        1.0,
        ge=0,
        description="points around a table aligned by whitespace whose characters belong to it",
    )
    hyphen_max_gap: float = Field(
        8.0,
        ge=0,
        description="points between a line ending in a hyphen and the next line, over which "
        "the broken word is joined",
    )
    top_heading_size_delta: float = Field(
        3.0,
        ge=0,
        description="points above body size from which an unnumbered heading is of level 1",
    )
    max_heading_level: int = Field(
        4, ge=1, description="deepest heading level given by numbering (1.2.3.4)"
    )
    scanned_title_max_words: int = Field(
        5,
        ge=1,
        description="a scanned numbered line of at most this many words, set top_heading_size_"
        "delta larger than the body, is a heading even when it ends in a mark a speck made "
        "('3 Afspraken per thema:'); a longer one is a numbered item's lead-in",
    )
    fallback_body_size: float = Field(
        10.0, gt=0, description="points; the body font size of a document without text"
    )
    running_min_repeats: int = Field(
        2, ge=2, description="pages a header/footer line is repeated on at least"
    )
    turned_min_chars: int = Field(
        20, ge=1, description="turned characters a page needs before it is read turned"
    )
    turn_tolerance: float = Field(
        0.02,
        gt=0,
        lt=1,
        description="a character is turned by a multiple of 90 degrees when the smaller of its "
        "matrix's first two entries is below this share of the larger",
    )
    max_streams_per_page: int = Field(
        500, ge=1, description="streams of a page checked against the decompression limits"
    )
    max_form_depth: int = Field(
        8, ge=0, description="depth of nested forms whose streams are checked"
    )
    max_resources: int = Field(
        200,
        ge=1,
        description="images/forms and fonts of one resource dictionary whose streams are checked",
    )


class ReadError(Exception):
    """A PDF that cannot be read; the message is meant for the user."""
