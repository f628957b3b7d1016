"""Build Word-style test PDFs of fictional prestatieafspraken and the truth they contain.

The project's own samples (samples/) are drawn with reportlab; real agreements are
written in Word and exported to PDF. This package writes .docx files the way municipal staff do
(real Word bullet and multi-level list definitions with Symbol/Wingdings/Courier New glyphs,
heading styles, ruled tables whose header row repeats on every page and whose rows may break
over a page, merged cells, a static table of contents with tab leaders, running headers and
footers with "pagina X van Y" fields, title and signature pages, landscape sections, annexes
with a jaarschijf) and converts them with LibreOffice. Out: tests/data/realistic/<stem>.pdf and
<stem>.truth.json (same schema as tests/data/samples; page numbers are null because Word
decides the page breaks).

LibreOffice (`soffice`) and python-docx are needed only to regenerate these files; neither is a
dependency of the project:

    apt-get install libreoffice-writer-nogui; .venv/bin/pip install python-docx
    .venv/bin/python -m samples.realistic            # all six, or name stems to pick

Modules: `word` (the Word writer and truth), `content` (the invented text), `documents` (one
builder per municipality) and `__main__`. All municipalities, corporations and agreements are
invented.
"""
