"""Short agreement documents: the ones a document gate could take for something else.

In: a kind from `SHORT_DOCUMENTS` and a path. Out: a deterministic PDF of an agreement document
of one or two pages: an annex (jaarschijf) with a handful of agreements, the same annex without
title or signatures, a target table alone, an actor table alone, a one-page addendum, a signed
agreement behind a cover letter, an agreement whose title names the woonvisie it works out, and
a scan of the annex (page images only, read with OCR). All names are invented.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from samples.blocks import (
    Block,
    Heading,
    PageBreak,
    Para,
    TableBlock,
    bullets,
)
from samples.render import render_pdf

_ANNEX_AGREEMENTS = (
    "Het Anker start in 2026 met de bouw van 48 sociale huurwoningen aan de Kerkstraat.",
    "De gemeente levert de kavel aan de Molenweg bouwrijp op voor 1 oktober 2026.",
    "Het Anker verbetert in 2026 de laatste 35 woningen met label E, F of G.",
    "Huurders krijgen na de isolatie geen huurverhoging.",
    "Partijen bespreken de voortgang twee keer per jaar in het bestuurlijk overleg.",
)
_SIGNATURES: tuple[Block, ...] = (
    Heading("Ondertekening", 1),
    Para("Namens Gemeente Veldmere", style="signature"),
    Para("Datum: ______________", style="signature"),
    Para("Namens Woonstichting Het Anker", style="signature"),
    Para("Datum: ______________", style="signature"),
    Para("Namens Huurdersvereniging Veldmere", style="signature"),
)


def _annex(path: Path) -> None:
    """Two pages: a jaarschijf with five agreements under three themes, then the signatures."""
    render_pdf(
        [
            Para("Bijlage 2 bij de prestatieafspraken 2025-2028", style="title"),
            Para(
                "Jaarschijf 2026 Gemeente Veldmere, Woonstichting Het Anker en "
                "Huurdersvereniging Veldmere",
                style="subtitle",
            ),
            Heading("1 Nieuwbouw", 1),
            bullets(_ANNEX_AGREEMENTS[:2]),
            Heading("2 Duurzaamheid", 1),
            bullets(_ANNEX_AGREEMENTS[2:4]),
            Heading("3 Samenwerking", 1),
            bullets(_ANNEX_AGREEMENTS[4:]),
            PageBreak(),
            *_SIGNATURES,
        ],
        path,
        header="Jaarschijf 2026 Veldmere",
    )


def _bare_annex(path: Path) -> None:
    """Four agreements under one heading: no title, no signatures, no 'prestatieafspraken'."""
    render_pdf([Heading("Afspraken 2026", 1), bullets(_ANNEX_AGREEMENTS[:4])], path, footer="")


def _target_table(path: Path) -> None:
    """A jaarschijf target table and its heading, nothing else."""
    rows = (
        ("Nieuwbouw sociale huur", "60", "80", "75"),
        ("Woningen met label E, F of G verbeterd", "120", "140", "90"),
        ("Woningen toegewezen aan statushouders", "25", "25", "25"),
        ("Verkoop sociale huurwoningen", "5", "5", "0"),
        ("Investering leefbaarheid (EUR)", "150.000", "150.000", "175.000"),
    )
    render_pdf(
        [
            Heading("Jaarschijf 2026-2028 Gemeente Rivierdal", 1),
            TableBlock(header=("Indicator", "2026", "2027", "2028"), rows=rows, numeric=True),
        ],
        path,
        footer="",
    )


def _actor_table(path: Path) -> None:
    """An actor table under one heading: a goal per row, each party's part in its column."""
    rows = (
        (
            "Meer sociale huurwoningen in de kernen",
            "Stelt twee locaties beschikbaar tegen sociale grondprijs",
            "Bouwt 40 woningen in Oudedijk",
            "Denkt mee over het ontwerp",
        ),
        (
            "Voorkomen van huisuitzettingen",
            "Biedt schuldhulp binnen twee weken",
            "Meldt achterstanden na een maand",
            "Informeert huurders over regelingen",
        ),
        (
            "Verduurzaming",
            "Subsidieert zonnepanelen op huurwoningen",
            "Isoleert 150 woningen naar label B",
            "Organiseert bewonersavonden",
        ),
        ("Wonen en zorg", "Financiert de woonconsulent", "Labelt 30 woningen voor ouderen", ""),
    )
    render_pdf(
        [
            Heading("Uitvoeringsafspraken 2026", 1),
            TableBlock(
                header=("Afspraak", "Gemeente", "Woonpartners Rivierdal", "Huurdersraad"),
                rows=rows,
                col_fractions=(0.28, 0.24, 0.26, 0.22),
            ),
        ],
        path,
        footer="",
    )


def _addendum(path: Path) -> None:
    """One page, three numbered articles."""
    render_pdf(
        [
            Para("Addendum prestatieafspraken Gemeente Zeewolde-aan-Zee 2026", style="title"),
            Heading("Artikel 1 Huurbeleid", 1),
            Para("De corporatie beperkt de huurverhoging in 2026 tot de inflatie."),
            Heading("Artikel 2 Statushouders", 1),
            Para("De corporatie stelt in 2026 twintig woningen beschikbaar voor statushouders."),
            Heading("Artikel 3 Looptijd", 1),
            Para("Dit addendum geldt van 1 januari 2026 tot en met 31 december 2026."),
        ],
        path,
        footer="",
    )


def _cover_letter(path: Path) -> None:
    """A letter to the council ('Geachte ...', 'Met vriendelijke groet') in front of the signed
    agreements it sends."""
    render_pdf(
        [
            Para("Gemeente Veldmere", style="title"),
            Para("Aan de gemeenteraad"),
            Para("Onderwerp: prestatieafspraken 2026"),
            Para("Geachte leden van de raad,"),
            Para("Hierbij ontvangt u de ondertekende prestatieafspraken voor 2026."),
            Para("Met vriendelijke groet,"),
            Para("Het college van burgemeester en wethouders"),
            PageBreak(),
            Heading("Prestatieafspraken 2026", 1),
            Heading("1 Nieuwbouw", 2),
            bullets(_ANNEX_AGREEMENTS[:2]),
            Heading("2 Betaalbaarheid", 2),
            bullets(_ANNEX_AGREEMENTS[2:4]),
            *_SIGNATURES,
        ],
        path,
    )


def _woonvisie_title(path: Path) -> None:
    """Agreements whose subtitle names the woonvisie they work out."""
    render_pdf(
        [
            Para("Prestatieafspraken 2025-2028", style="title"),
            Para("Uitwerking van de Woonvisie Rivierdal", style="subtitle"),
            Heading("1 Beschikbaarheid", 1),
            bullets(
                (
                    "Woonpartners Rivierdal houdt de sociale huurvoorraad op minimaal 4.200 "
                    "woningen.",
                    "De gemeente wijst jaarlijks twee locaties aan voor sociale huur.",
                )
            ),
            Heading("2 Leefbaarheid", 1),
            bullets(("Partijen overleggen elk kwartaal over de leefbaarheid in De Akkers.",)),
        ],
        path,
    )


def _scanned_annex(path: Path) -> None:
    """The annex as page images at 200 dpi (a scan without text layer)."""
    import pypdfium2

    source = path.with_name(path.stem + ".source.pdf")
    _annex(source)
    document = pypdfium2.PdfDocument(str(source))
    try:
        images = [page.render(scale=200 / 72).to_pil().convert("L") for page in document]
    finally:
        document.close()
    source.unlink()
    images[0].save(path, save_all=True, append_images=images[1:], resolution=200)


SHORT_DOCUMENTS: dict[str, Callable[[Path], None]] = {
    "annex": _annex,
    "bare_annex": _bare_annex,
    "target_table": _target_table,
    "actor_table": _actor_table,
    "addendum": _addendum,
    "cover_letter": _cover_letter,
    "woonvisie_title": _woonvisie_title,
    "scanned_annex": _scanned_annex,
}


def build_short_pdf(kind: str, path: Path) -> Path:
    """Write the short agreement document `kind` to `path` and return the path."""
    if kind not in SHORT_DOCUMENTS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {tuple(SHORT_DOCUMENTS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    SHORT_DOCUMENTS[kind](path)
    return path
