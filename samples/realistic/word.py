"""The Word writer of the realistic samples: a python-docx document plus the truth it holds.

`Doc` writes what municipal staff write in Word (real bullet and multi-level list definitions,
heading styles, ruled tables with repeating header rows, a static table of contents, running
headers and footers with page fields, landscape sections) and records each agreement's truth
while writing; `Doc.save` converts the .docx with LibreOffice and writes the truth JSON.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import (
    WD_ALIGN_PARAGRAPH,
    WD_BREAK,
    WD_TAB_ALIGNMENT,
    WD_TAB_LEADER,
)
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parents[2] / "tests" / "data" / "realistic"


@dataclass
class TruthAgreement:
    number: str
    heading_path: list[str]
    source_kind: str
    text: str
    contributions: dict[str, str]
    expected_type: str
    theme_code: str


@dataclass
class Doc:
    """A python-docx document plus the truth collected while writing it."""

    font: str
    size: float
    layout: str
    municipality: str
    period: tuple[int, int]
    parties: list[str]
    doc: Any = None
    truth: list[TruthAgreement] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    _next_abstract: int = 100
    _next_num: int = 100

    def __post_init__(self) -> None:
        self.doc = Document()
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = self.font
        normal.font.size = Pt(self.size)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), self.font)
        normal.paragraph_format.space_after = Pt(4)
        for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
            st = styles[name]
            st.font.name = self.font
            st.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
            rfonts = st.element.rPr.rFonts
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                if rfonts.get(qn(attr)) is not None:
                    del rfonts.attrib[qn(attr)]
            rfonts.set(qn("w:ascii"), self.font)
            rfonts.set(qn("w:hAnsi"), self.font)

    # -- numbering ------------------------------------------------------------------------

    def list_definition(
        self, levels: list[tuple[str, str, str | None]], indent_cm: float = 0.63
    ) -> int:
        """Add an abstract list definition (bullets or multi-level numbers); return its id."""
        numbering = self.doc.part.numbering_part.element
        aid = self._next_abstract
        self._next_abstract += 1
        lvls = []
        for i, (fmt, text, font) in enumerate(levels):
            left = int((i + 1) * indent_cm * 567)
            hanging = int(indent_cm * 567)
            rpr = (
                f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>'
                if font
                else ""
            )
            lvls.append(
                f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
                f'<w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>{rpr}</w:lvl>'
            )
        xml = (
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(lvls)}</w:abstractNum>'
        )
        first_num = numbering.find(qn("w:num"))
        element = parse_xml(xml)
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)
        return aid

    def list_instance(self, abstract_id: int, restart: bool = True) -> int:
        """A w:num pointing at a definition; restart=True starts its counters at 1 again."""
        numbering = self.doc.part.numbering_part.element
        nid = self._next_num
        self._next_num += 1
        overrides = (
            "".join(
                f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="1"/></w:lvlOverride>'
                for i in range(3)
            )
            if restart
            else ""
        )
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{abstract_id}"/>'
                f"{overrides}</w:num>"
            )
        )
        return nid

    @staticmethod
    def set_numbering(paragraph: Any, num_id: int, level: int) -> None:
        ppr = paragraph._p.get_or_add_pPr()
        numpr = parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
            "</w:numPr>"
        )
        ppr.insert(0, numpr)

    # -- text -------------------------------------------------------------------------------

    def heading(
        self,
        level: int,
        text: str,
        printed: str | None = None,
        *,
        style: bool = True,
        num: tuple[int, int] | None = None,
        page_break: bool = False,
        bold_size: float | None = None,
    ) -> None:
        """A heading; `printed` is how it appears in the PDF (with its number)."""
        if style:
            p = self.doc.add_heading(text, level=level)
        else:
            p = self.doc.add_paragraph()
            run = p.add_run(text)
            run.bold = True
            run.font.size = Pt(bold_size or self.size)
            p.paragraph_format.space_before = Pt(10)
            p.paragraph_format.keep_with_next = True
        if page_break:
            p.paragraph_format.page_break_before = True
        if num is not None:
            self.set_numbering(p, num[0], num[1])
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        self.headings.append((level, printed or text))

    def path(self) -> list[str]:
        return [h for _, h in self.headings]

    def para(self, text: str, *, italic: bool = False, align: Any = None) -> Any:
        p = self.doc.add_paragraph()
        run = p.add_run(text)
        run.italic = italic
        if align is not None:
            p.alignment = align
        return p

    def agreement_para(self, sentences: list[tuple[str, str, str]], extra: str = "") -> None:
        """Running text holding several agreements: (sentence, type, theme) each."""
        body = " ".join(s for s, _, _ in sentences)
        if extra:
            body += " " + extra
        self.para(body)
        for sentence, kind, theme in sentences:
            self.add_truth("", "paragraph", sentence, kind, theme)

    def add_truth(
        self,
        number: str,
        kind: str,
        text: str,
        expected: str,
        theme: str,
        contributions: dict[str, str] | None = None,
    ) -> None:
        self.truth.append(
            TruthAgreement(number, self.path(), kind, text, contributions or {}, expected, theme)
        )

    def list_items(
        self,
        num_id: int,
        items: list[Any],
        *,
        numbers: list[str] | None = None,
        level: int = 0,
        kind: str = "list",
        sub_numbers: Any = None,
    ) -> None:
        """Items: (text, type, theme) or (lead-in text, [sub items]) for a nested list."""
        for i, item in enumerate(items):
            p = self.doc.add_paragraph()
            p.add_run(item[0])
            self.set_numbering(p, num_id, level)
            number = numbers[i] if numbers else ""
            if isinstance(item[1], list):
                sub_kind = "numbered" if sub_numbers else "list"
                for j, (text, expected, theme) in enumerate(item[1]):
                    sp = self.doc.add_paragraph()
                    sp.add_run(text)
                    self.set_numbering(sp, num_id, level + 1)
                    self.add_truth(
                        sub_numbers(j) if sub_numbers else "", sub_kind, text, expected, theme
                    )
                continue
            self.add_truth(number, kind, item[0], item[1], item[2])

    # -- tables -----------------------------------------------------------------------------

    def table(
        self,
        header: list[str],
        rows: list[list[Any]],
        widths: list[float],
        *,
        grid: bool = True,
        repeat_header: bool = True,
        shade: str | None = "D9E2F3",
        font_size: float | None = None,
        bullet_num: int | None = None,
    ) -> Any:
        """A Word table; a cell is a str, or a list of str shown as bullets in the cell."""
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        if grid:
            table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        size = Pt(font_size or self.size - 1)
        for r, values in enumerate([header, *rows]):
            row = table.rows[r]
            if r == 0 and repeat_header:
                trpr = row._tr.get_or_add_trPr()
                trpr.append(OxmlElement("w:tblHeader"))
            for c, value in enumerate(values):
                cell = row.cells[c]
                cell.width = Cm(widths[c])
                parts = value if isinstance(value, list) else [value]
                cell.paragraphs[0].text = ""
                for k, part in enumerate(parts):
                    p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                    run = p.add_run(part)
                    run.font.size = size
                    run.bold = r == 0
                    p.paragraph_format.space_after = Pt(2)
                    if isinstance(value, list) and bullet_num is not None and len(parts) > 1:
                        self.set_numbering(p, bullet_num, 0)
                if r == 0 and shade:
                    tcpr = cell._tc.get_or_add_tcPr()
                    shd = f'<w:shd {nsdecls("w")} w:val="clear" w:fill="{shade}"/>'
                    tcpr.append(parse_xml(shd))
        return table

    def actor_table(
        self,
        header: list[str],
        rows: list[tuple[str, list[Any], str, str]],
        widths: list[float],
        **kw: Any,
    ) -> None:
        """Actor table: (agreement, cells per party, type, theme); one row is one agreement."""
        self.table(header, [[a, *cells] for a, cells, _, _ in rows], widths, **kw)
        for agreement, cells, expected, theme in rows:
            contributions = {
                header[i + 1]: (" ".join(c) if isinstance(c, list) else c)
                for i, c in enumerate(cells)
                if c
            }
            self.add_truth("", "table_row", agreement, expected, theme, contributions)

    def target_table(
        self, header: list[str], rows: list[list[str]], widths: list[float], theme: str, **kw: Any
    ) -> None:
        """Target table: first column an indicator or a party, then numbers per column."""
        self.table(header, rows, widths, **kw)
        for row in rows:
            contributions = {header[i]: v for i, v in enumerate(row) if i and v}
            self.add_truth("", "table_row", row[0], "concreet", theme, contributions)

    def toc(self, entries: list[tuple[str, int, int]], title: str = "Inhoudsopgave") -> None:
        """A static table of contents with dot leaders (as after 'update field' in Word)."""
        p = self.para(title)
        p.runs[0].bold = True
        p.runs[0].font.size = Pt(self.size + 4)
        section = self.doc.sections[-1]
        width = section.page_width - section.left_margin - section.right_margin
        for text, level, page in entries:
            p = self.doc.add_paragraph()
            p.paragraph_format.tab_stops.add_tab_stop(
                width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
            )
            p.paragraph_format.left_indent = Cm(0.5 * (level - 1))
            p.add_run(f"{text}\t{page}")

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def header_footer(
        self, header: str, footer: str, *, first_page_different: bool = True, align: Any = None
    ) -> None:
        """Running header and a footer with PAGE / NUMPAGES fields ('{page}', '{pages}')."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = first_page_different
        hp = section.header.paragraphs[0]
        hp.text = header
        hp.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.RIGHT
        for run in hp.runs:
            run.font.size = Pt(8)
        fp = section.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        rest = footer
        while rest:
            before, _, after = rest.partition("{")
            if before:
                fp.add_run(before).font.size = Pt(8)
            if not _:
                break
            name, _, rest = after.partition("}")
            instr = "PAGE" if name == "page" else "NUMPAGES"
            fld = parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" {instr} "><w:r><w:rPr><w:sz w:val="16"/>'
                "</w:rPr><w:t>1</w:t></w:r></w:fldSimple>"
            )
            fp._p.append(fld)

    def margins(self, top: float, bottom: float, left: float, right: float) -> None:
        s = self.doc.sections[0]
        s.top_margin, s.bottom_margin = Cm(top), Cm(bottom)
        s.left_margin, s.right_margin = Cm(left), Cm(right)

    def new_section(self, landscape: bool) -> None:
        """A new section starting on a new page, landscape or portrait (headers linked)."""
        previous = self.doc.sections[-1]
        section = self.doc.add_section()
        width, height = previous.page_width, previous.page_height
        if landscape != (width > height):
            section.page_width, section.page_height = height, width
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.different_first_page_header_footer = False

    def title_page(self, lines: list[tuple[str, float, bool]]) -> None:
        for _ in range(6):
            self.doc.add_paragraph()
        for text, size, bold in lines:
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(text)
            run.font.size = Pt(size)
            run.bold = bold
        self.page_break()

    def signature_table(self, parties: list[str], grid: bool, city: str, date: str) -> None:
        self.para(f"Aldus overeengekomen en ondertekend te {city} op {date}.")
        rows = [["Naam:"] * len(parties), ["Functie:"] * len(parties), [""] * len(parties)]
        header = [f"Namens {p}" for p in parties]
        width = 16.0 / len(parties)
        self.table(header, rows, [width] * len(parties), grid=grid, shade=None, repeat_header=False)

    def save(self, stem: str, out: Path) -> Path:
        with tempfile.TemporaryDirectory() as tmp:
            docx_path = Path(tmp) / f"{stem}.docx"
            self.doc.save(docx_path)
            subprocess.run(
                ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx_path)],
                check=True,
                capture_output=True,
                timeout=180,
            )
            out.mkdir(parents=True, exist_ok=True)
            shutil.copy(Path(tmp) / f"{stem}.pdf", out / f"{stem}.pdf")
        truth = {
            "layout": self.layout,
            "seed": 0,
            "municipality": self.municipality,
            "period_start": self.period[0],
            "period_end": self.period[1],
            "parties": self.parties,
            "page_count": None,
            "agreements": [
                {
                    "index": i,
                    "number": t.number,
                    "heading_path": t.heading_path,
                    "source_kind": t.source_kind,
                    "text": t.text,
                    "contributions": t.contributions,
                    "expected_type": t.expected_type,
                    "theme_code": t.theme_code,
                    "page_start": None,
                    "page_end": None,
                    "hyphenated": False,
                }
                for i, t in enumerate(self.truth, start=1)
            ],
        }
        (out / f"{stem}.truth.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return out / f"{stem}.pdf"
