"""Hyphenated line breaks: the Dutch words the generator may split with "-" at a line end.

Real agreements break long words over lines; the samples do so on purpose for a few items so the
reader's de-hyphenation is tested (the truth marks those agreements `hyphenated`).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

HYPHENATED_WORDS = (
    "ver-koop",
    "huur-ders-or-ga-ni-sa-tie",
    "wo-ning-cor-po-ra-ties",
    "huur-wo-nin-gen",
    "be-schik-baar",
    "ener-gie-la-bel",
    "le-vens-loop-be-sten-di-ge",
    "ver-gun-ning-hou-ders",
    "een-ge-zins-wo-nin-gen",
    "huis-ves-tings-ver-or-de-ning",
    "wo-ning-zoe-ken-den",
    "door-stro-ming",
    "vrij-ko-men-de",
    "af-top-pings-grens",
    "ont-moe-tings-ruim-te",
    "wijk-uit-voe-rings-plan-nen",
    "wo-ning-aan-pas-sin-gen",
    "zon-ne-pa-ne-len",
    "be-stem-mings-plan-nen",
    "cor-po-ra-ties",
    "ge-lijk-vloer-se",
    "maat-schap-pe-lij-ke",
    "huur-ach-ter-stan-den",
    "schuld-hulp-ver-le-ning",
    "be-wo-ners-ini-ti-a-tie-ven",
    "ge-meen-te",
    "ver-duur-za-ming",
    "wo-nin-gen",
    "so-ci-a-le",
    "be-ge-lei-ding",
    "in-schrijf-duur",
    "toe-wij-zin-gen",
    "be-taal-baar",
    "be-spa-ring",
    "ener-gie-las-ten",
)


def _positions(hyphenated: str) -> tuple[int, ...]:
    """Where the word may break: "ver-koop" gives (3,)."""
    out: list[int] = []
    pos = 0
    for part in hyphenated.split("-")[:-1]:
        pos += len(part)
        out.append(pos)
    return tuple(out)


HYPHEN_POSITIONS: dict[str, tuple[int, ...]] = {
    w.replace("-", ""): _positions(w) for w in HYPHENATED_WORDS
}


def hyphen_break(text: str, width: float, font: str, size: float) -> str | None:
    """Greedy line breaking that splits a known word with "-" at a line end.

    Returns reportlab markup with explicit line breaks, or None if no word was split.
    """
    words = text.split(" ")
    lines: list[str] = []
    cur = ""
    did = False
    for word in words:
        cand = f"{cur} {word}" if cur else word
        if stringWidth(cand, font, size) <= width:
            cur = cand
            continue
        core = word.rstrip(".,;:)")
        positions = HYPHEN_POSITIONS.get(core.lower(), ())
        broke = False
        for pos in sorted(positions, reverse=True):
            head = f"{cur} {word[:pos]}-" if cur else f"{word[:pos]}-"
            if cur and stringWidth(head, font, size) <= width:
                lines.append(head)
                cur = word[pos:]
                did = broke = True
                break
        if not broke:
            if cur:
                lines.append(cur)
            cur = word
    lines.append(cur)
    if not did:
        return None
    return "<br/>".join(escape(line) for line in lines)
