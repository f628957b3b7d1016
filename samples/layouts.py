"""The three sample layouts (docs/domain.md §1-2), each a list of blocks for one document.

- bullets: one chapter per theme with bulleted agreements;
- actor_table: one table per theme, a row per agreement and a column per party;
- numbered: numbered articles with sub-items, a table of contents and a jaarschijf annex.

Every builder draws from the document's seeded generator in a fixed order: reordering the steps
changes the PDFs (and the shipped samples must stay byte-identical).
"""

from __future__ import annotations

from collections.abc import Sequence

from samples.blocks import Block, Heading, ItemList, ListItem, PageBreak, Para, TableBlock, TocBlock
from samples.context import DocumentContext, distribute
from samples.sections import (
    general_provisions,
    intro_paragraphs,
    mark_hyphenation,
    signature_blocks,
    title_blocks,
)
from samples.table_rows import ACTOR_ROWS, JAARSCHIJF_INDICATORS
from samples.themes import THEME_INTROS, THEME_TITLES

# Hyphenated line breaks asked for per bullets document (spread over its chapters).
HYPHENATED_ITEMS = 4
# Actor tables: width share of the agreement column; chance that a corporation cell holds two
# commitments (tall rows), and that a second corporation's cell stays empty.
ACTOR_FIRST_COLUMN = 0.22
ACTOR_DOUBLE_CELL = 0.6
ACTOR_EMPTY_CELL = 0.15
# Jaarschijf table: width share of the indicator column.
JAARSCHIJF_FIRST_COLUMN = 0.52

SECTION_TITLES = ("Uitgangspunten", "Afspraken")
# The theme articles of the numbered layout: (title, theme codes of its agreements).
ARTICLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Betaalbaarheid", ("betaalbaarheid",)),
    ("Beschikbaarheid en doorstroming", ("beschikbaarheid",)),
    ("Nieuwbouw", ("nieuwbouw",)),
    ("Duurzaamheid", ("duurzaamheid",)),
    ("Leefbaarheid", ("leefbaarheid",)),
    ("Wonen en zorg", ("wonen_zorg",)),
    ("Bijzondere doelgroepen", ("bijzondere_doelgroepen",)),
    ("Huurachterstanden en armoede", ("armoede",)),
)

Sentence = tuple[str, str, str]


def bullets_document(ctx: DocumentContext, n: int) -> list[Block]:
    """A chapter per theme with `n` bulleted agreements in all, a few hyphenated."""
    blocks = title_blocks(
        ctx, "Prestatieafspraken", f"Samen werken aan wonen in {ctx.municipality}"
    )
    blocks += [Heading("1 Inleiding", 1)]
    blocks += [Para(p) for p in intro_paragraphs(ctx)]
    blocks += [
        Heading("Leeswijzer", 2),
        Para(
            "Elk hoofdstuk begint met een korte schets van de opgave, gevolgd door de afspraken. "
            "Waar een corporatie bij naam wordt genoemd, geldt de afspraak alleen voor die "
            "corporatie."
        ),
    ]
    counts = distribute(n, len(THEME_TITLES))
    pending: list[ListItem] = []
    chapter_items: list[tuple[int, int]] = []  # (block index, number of items)
    for c, ((code, title, themes), count) in enumerate(zip(THEME_TITLES, counts, strict=True)):
        heading = f"{c + 2} {title}"
        blocks += [Heading(heading, 1, page_break=True), Para(THEME_INTROS[code])]
        marker = "–" if code in ("leefbaarheid", "wonen_zorg") else "•"
        items = []
        for theme, type_, text in ctx.sentences(themes, count):
            key = ctx.add("", [heading], "list", text, type_, theme)
            items.append(ListItem(marker, text, key))
        chapter_items.append((len(blocks), len(items)))
        blocks.append(ItemList(tuple(items)))
        pending += items
    marked = mark_hyphenation(pending, HYPHENATED_ITEMS)
    pos = 0
    for block_index, size in chapter_items:
        blocks[block_index] = ItemList(tuple(marked[pos : pos + size]))
        pos += size
    provisions = f"{len(THEME_TITLES) + 2} Algemene bepalingen"
    blocks += [Heading(provisions, 1, page_break=True), *general_provisions(ctx, [provisions])]
    blocks += signature_blocks(ctx, "Ondertekening")
    return blocks


def actor_document(ctx: DocumentContext, n: int) -> list[Block]:
    """A table per theme with `n` agreement rows in all, a column per party."""
    blocks = title_blocks(
        ctx, "Raamovereenkomst prestatieafspraken", f"Samen bouwen aan wonen in {ctx.municipality}"
    )
    blocks += [Heading("1 Inleiding", 1)]
    blocks += [Para(p) for p in intro_paragraphs(ctx)]
    blocks += [
        Heading("2 Leeswijzer", 1),
        Para(
            "In hoofdstuk 3 staat per thema een tabel. De eerste kolom bevat de gezamenlijke "
            "afspraak; de overige kolommen beschrijven wat elke partij daaraan bijdraagt. Een "
            "lege cel betekent dat de partij voor die afspraak geen eigen inzet levert."
        ),
        Heading("3 Afspraken per thema", 1, page_break=True),
    ]
    header = ("Afspraak", "Gemeente", *ctx.corps, "Huurdersorganisatie")
    party_names = header[1:]
    rest = (1 - ACTOR_FIRST_COLUMN) / len(party_names)
    widths = (ACTOR_FIRST_COLUMN, *[rest] * len(party_names))
    counts = distribute(n, len(THEME_TITLES))
    used: dict[str, int] = {}
    for c, ((_code, title, themes), count) in enumerate(zip(THEME_TITLES, counts, strict=True)):
        heading = f"3.{c + 1} {title}"
        rows, keys = _actor_rows(ctx, heading, themes, count, used)
        blocks += [
            Heading(heading, 2),
            TableBlock(header, tuple(rows), tuple(keys), widths, font_size=8.5),
        ]
    blocks += [
        Heading("4 Algemene bepalingen", 1, page_break=True),
        *general_provisions(ctx, ["4 Algemene bepalingen"]),
    ]
    blocks += signature_blocks(ctx, "5 Ondertekening")
    return blocks


def _actor_rows(
    ctx: DocumentContext, heading: str, themes: Sequence[str], count: int, used: dict[str, int]
) -> tuple[list[tuple[str, ...]], list[str]]:
    """`count` table rows of one theme and their tracking keys; `used` numbers repeated rows."""
    party_names = ("Gemeente", *ctx.corps, "Huurdersorganisatie")
    pool = [r for r in ACTOR_ROWS if r[0] in themes]
    order = list(range(len(pool)))
    ctx.rng.shuffle(order)
    rows: list[tuple[str, ...]] = []
    keys: list[str] = []
    for i in range(count):
        theme, type_, headline, gem, corp_cells, tenant = pool[order[i % len(order)]]
        slots = ctx.slots()
        used[headline] = used.get(headline, 0) + 1
        if used[headline] > 1:
            headline = f"{headline} ({slots['W']})"
        cells = [gem.format_map(slots)]
        for j, _corp in enumerate(ctx.corps):
            template = corp_cells[(j + i) % len(corp_cells)]
            if ctx.rng.random() < ACTOR_DOUBLE_CELL:
                template = f"{template} {corp_cells[(j + i + 1) % len(corp_cells)]}"
            empty = j > 0 and ctx.rng.random() < ACTOR_EMPTY_CELL
            cells.append("" if empty else template.format_map(ctx.slots()))
        cells.append(tenant.format_map(slots))
        contributions = dict(zip(party_names, cells, strict=True))
        keys.append(ctx.add("", [heading], "table_row", headline, type_, theme, contributions))
        rows.append((headline, *cells))
    return rows, keys


class _Toc:
    """The headings of a numbered document, collected for its table of contents."""

    def __init__(self) -> None:
        """No headings yet."""
        self.entries: list[tuple[str, str, int]] = []

    def heading(self, text: str, level: int, page_break: bool = False) -> Heading:
        """A heading tracked under the next key and listed in the contents."""
        key = f"h{len(self.entries):03d}"
        self.entries.append((text, key, level))
        return Heading(text, level, key, page_break)


def numbered_document(ctx: DocumentContext, n: int) -> list[Block]:
    """Numbered articles with `n` theme agreements in all, a contents page and a jaarschijf."""
    blocks = title_blocks(ctx, "Prestatieafspraken", f"Samen thuis in {ctx.municipality}")
    toc_index = len(blocks)
    blocks += [TocBlock("Inhoudsopgave", ()), PageBreak()]
    toc = _Toc()
    blocks.append(toc.heading("Inleiding", 1))
    blocks += [Para(p) for p in intro_paragraphs(ctx)]
    blocks += _looptijd_article(ctx, toc)
    counts = distribute(n, len(ARTICLES))
    for a, ((title, themes), count) in enumerate(zip(ARTICLES, counts, strict=True), start=2):
        blocks += _theme_article(ctx, toc, a, title, ctx.sentences(themes, count))
    blocks += _samenwerking_article(ctx, toc, len(ARTICLES) + 2)
    blocks += signature_blocks(ctx, "Ondertekening")
    blocks += _jaarschijf_annex(ctx, toc)
    blocks[toc_index] = TocBlock("Inhoudsopgave", tuple(toc.entries))
    return blocks


def _looptijd_article(ctx: DocumentContext, toc: _Toc) -> list[Block]:
    """Artikel 1 Looptijd: its items stand directly under the article."""
    start, end = ctx.period
    art = "Artikel 1 Looptijd"
    looptijd = [
        f"Deze overeenkomst gaat in op 1 januari {start} en eindigt op 31 december {end}.",
        "Partijen stellen jaarlijks voor 15 december een jaarschijf vast met de concrete "
        "afspraken voor het volgende jaar.",
        "Als de woonvisie tussentijds wordt gewijzigd, bespreken partijen binnen drie maanden of "
        "deze overeenkomst moet worden aangepast.",
    ]
    items = []
    for i, text in enumerate(looptijd, start=1):
        key = ctx.add(f"1.{i}", [art], "numbered", text, "proces", "samenwerking")
        items.append(ListItem(f"1.{i}", text, key))
    return [toc.heading(art, 1, page_break=True), ItemList(tuple(items))]


def _theme_article(
    ctx: DocumentContext, toc: _Toc, a: int, title: str, sentences: Sequence[Sentence]
) -> list[Block]:
    """Article `a`: a section of aims, then one of deeds whose last three may be lettered."""
    art = f"Artikel {a} {title}"
    blocks: list[Block] = [toc.heading(art, 1, page_break=a % 2 == 0)]
    aims = [s for s in sentences if s[1] == "intentie"]
    deeds = [s for s in sentences if s[1] != "intentie"]
    for s, (section_title, group) in enumerate(
        zip(SECTION_TITLES, (aims, deeds), strict=True), start=1
    ):
        if not group:
            continue
        section = f"{a}.{s} {section_title}"
        blocks.append(toc.heading(section, 2))
        lettered = s == 2 and len(group) >= 5 and a % 3 != 1
        blocks.append(_section_items(ctx, [art, section], f"{a}.{s}", group, lettered))
    return blocks


def _section_items(
    ctx: DocumentContext, path: list[str], prefix: str, group: list[Sentence], lettered: bool
) -> ItemList:
    """The numbered items of one section; with `lettered`, the last three as a), b), c)."""
    plain, subs = (group[:-3], group[-3:]) if lettered else (group, [])
    items = []
    for i, (theme, type_, text) in enumerate(plain, start=1):
        number = f"{prefix}.{i}"
        key = ctx.add(number, path, "numbered", text, type_, theme)
        items.append(ListItem(number, text, key))
    if subs:
        lead = f"{prefix}.{len(plain) + 1}"
        items.append(ListItem(lead, "Daarnaast spreken partijen het volgende af:"))
        for letter, (theme, type_, text) in zip("abcdef", subs, strict=False):
            key = ctx.add(f"{letter})", path, "numbered", text, type_, theme)
            items.append(ListItem(f"{letter})", text, key, level=2))
    return ItemList(tuple(items))


def _samenwerking_article(ctx: DocumentContext, toc: _Toc, a: int) -> list[Block]:
    """The last article: five agreements on cooperation, monitoring and disputes."""
    art = f"Artikel {a} Samenwerking, monitoring en geschillen"
    heading = toc.heading(art, 1, page_break=True)
    items = []
    for i, (theme, type_, text) in enumerate(ctx.sentences(("samenwerking",), 5), start=1):
        number = f"{a}.{i}"
        key = ctx.add(number, [art], "numbered", text, type_, theme)
        items.append(ListItem(number, text, key))
    return [heading, ItemList(tuple(items))]


def _jaarschijf_annex(ctx: DocumentContext, toc: _Toc) -> list[Block]:
    """Bijlage 1: a table of yearly target values, one row (agreement) per indicator."""
    start, end = ctx.period
    annex = f"Bijlage 1 Jaarschijf {start}"
    heading = toc.heading(annex, 1, page_break=True)
    intro = Para(
        f"In deze jaarschijf staan de streefwaarden per jaar voor alle corporaties "
        f"samen. De waarden voor {start + 1} en later zijn indicatief."
    )
    years = tuple(str(y) for y in range(start, end + 1))
    rows: list[tuple[str, ...]] = []
    keys: list[str] = []
    for indicator, theme, choices in JAARSCHIJF_INDICATORS:
        values = tuple(ctx.rng.choice(choices) for _ in years)
        contributions = dict(zip(years, values, strict=True))
        keys.append(ctx.add("", [annex], "table_row", indicator, "concreet", theme, contributions))
        rows.append((indicator, *values))
    rest = (1 - JAARSCHIJF_FIRST_COLUMN) / len(years)
    table = TableBlock(
        ("Indicator", *years),
        tuple(rows),
        tuple(keys),
        (JAARSCHIJF_FIRST_COLUMN, *[rest] * len(years)),
        numeric=True,
        split_in_row=False,
        font_size=9,
    )
    return [heading, intro, table]
