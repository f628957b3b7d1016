"""The parts every sample layout shares: title page, introduction, general provisions, signatures.

Also where list items get hyphenated line breaks (a few per document, spread over its chapters).
"""

from __future__ import annotations

from samples.blocks import Block, Heading, ListItem, PageBreak, Para, Space
from samples.context import DocumentContext
from samples.hyphenation import hyphen_break
from samples.names import SIGNATORIES
from samples.render import FONT, FRAME_WIDTH, list_style


def title_blocks(ctx: DocumentContext, kind: str, subtitle: str) -> list[Block]:
    """The title page: kind and period, subtitle, the parties and the date agreed."""
    start, end = ctx.period
    parties = [ctx.gemeente, *ctx.corps, ctx.tenants]
    return [
        Space(150),
        Para(f"{kind} {start}-{end}", style="title"),
        Para(subtitle, style="subtitle"),
        Space(40),
        Para("Afspraken tussen", style="center"),
        *[Para(p, style="center") for p in parties],
        Space(60),
        Para(f"Vastgesteld in december {start - 1}", style="center"),
        PageBreak(),
    ]


def intro_paragraphs(ctx: DocumentContext) -> list[str]:
    """The introduction: who agreed, on what legal ground, for which period."""
    start, end = ctx.period
    corps = " en ".join(ctx.corps)
    return [
        f"Deze prestatieafspraken zijn gemaakt door de gemeente {ctx.municipality}, "
        f"{corps} en {ctx.tenants}. Zij bouwen voort op de afspraken uit de vorige periode en op "
        f"de woonvisie die de gemeenteraad in {start - 1} heeft vastgesteld.",
        "Op grond van de Woningwet maken gemeente, corporaties en huurdersorganisaties jaarlijks "
        "afspraken over de bijdrage van de corporaties aan het volkshuisvestingsbeleid. De "
        "corporaties hebben voor 1 juli een bod uitgebracht; dit document is het resultaat van de "
        "gesprekken daarover.",
        f"{ctx.municipality} telt ongeveer 41.000 inwoners en 17.800 woningen, waarvan circa 31% "
        "sociale huurwoningen. De druk op de woningmarkt is groot en de vergrijzing neemt toe.",
        f"De afspraken gelden voor de periode {start}-{end}. Elk jaar stellen partijen vast of de "
        "afspraken moeten worden bijgesteld.",
    ]


def signature_blocks(ctx: DocumentContext, heading: str) -> list[Block]:
    """The signature page: a signatory per party, drawn by seed."""
    start, _ = ctx.period
    blocks: list[Block] = [
        Heading(heading, 1, page_break=True),
        Para(f"Aldus overeengekomen en ondertekend te {ctx.municipality} in december {start - 1}."),
        Space(8),
    ]
    parties = [ctx.gemeente, *ctx.corps, ctx.tenants]
    people = list(SIGNATORIES)
    ctx.rng.shuffle(people)
    for party, (name, function) in zip(parties, people, strict=False):
        blocks += [
            Para(f"Namens {party}", style="signature"),
            Para(f"{name}, {function}", style="signature"),
            Para("Datum: ______________________", style="signature"),
            Para("Handtekening: ______________________", style="signature"),
            Space(14),
        ]
    return blocks


def general_provisions(ctx: DocumentContext, path: list[str]) -> list[Block]:
    """Running-text paragraphs holding several agreements each (docs/domain.md §2)."""
    start, end = ctx.period
    groups = [
        [
            f"Deze prestatieafspraken gelden van 1 januari {start} tot en met 31 december {end}.",
            "Partijen evalueren de afspraken jaarlijks in het eerste kwartaal en passen ze zo "
            "nodig "
            "aan in een jaarschijf.",
        ],
        [
            "Wijzigingen in deze afspraken worden schriftelijk vastgelegd en door alle partijen "
            "ondertekend.",
            "Bij een geschil over de uitvoering wenden partijen zich eerst tot het bestuurlijk "
            "overleg en daarna tot de geschillencommissie van de Minister.",
        ],
    ]
    blocks: list[Block] = [
        Para("Dit hoofdstuk bevat de algemene bepalingen die voor alle afspraken gelden."),
    ]
    for group in groups:
        keys = [ctx.add("", path, "paragraph", s, "proces", "samenwerking") for s in group]
        for key in keys[1:]:
            ctx.aliases[key] = keys[0]  # sentences of one paragraph share its pages
        blocks.append(Para(" ".join(group), key=keys[0]))
    return blocks


def mark_hyphenation(items: list[ListItem], wanted: int) -> list[ListItem]:
    """Ask for hyphenated line breaks on `wanted` items, spread out, where such a break occurs."""
    candidates = [
        i
        for i, it in enumerate(items)
        if hyphen_break(
            it.text, FRAME_WIDTH - list_style(it.marker, it.level).leftIndent - 2, FONT, 10
        )
        is not None
    ]
    step = max(1, len(candidates) // max(wanted, 1))
    chosen = set(candidates[::step][:wanted])
    return [
        ListItem(it.marker, it.text, it.key, it.level, hyphenate=i in chosen)
        for i, it in enumerate(items)
    ]
