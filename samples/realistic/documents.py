"""The six Word-style documents of the realistic samples, one builder per municipality.

Every builder gets the `Doc` class and a seeded random generator and returns (stem, doc). The
truth is recorded by the `Doc` helpers while the document is written. Each builder is a document
script: its parts in reading order, so a builder is as long as its document has parts.
All names are invented.
"""

from __future__ import annotations

import random
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from samples.realistic.content import (
    ACTOR_ROWS,
    CONTEXT,
    DASH_BULLETS,
    INTRO,
    SYMBOL_BULLETS,
    THEME_TITLES,
    WINGDINGS_BULLETS,
    actor_rows,
    pick,
    statements,
)

# --- A: actor-table raamovereenkomst with landscape table pages -----------------------------


def build_brakeloo(doc_cls: Any, rng: random.Random) -> tuple[str, Any]:
    corps = ["Woonstichting De Vaart", "Brakeloo Wonen", "Woonzorg Rijnstreek"]
    parties = ["Gemeente Brakeloo", *corps, "Huurdersvereniging Samen Sterk"]
    d = doc_cls("Carlito", 10, "actor_table", "Brakeloo", (2025, 2028), parties)
    d.margins(2.5, 2.0, 2.2, 2.2)
    d.header_footer(
        "Raamovereenkomst prestatieafspraken Brakeloo 2025-2028",
        "pagina {page} van {pages}",
    )
    d.title_page(
        [
            ("Raamovereenkomst", 26, True),
            ("Prestatieafspraken gemeente Brakeloo 2025-2028", 18, False),
            ("Samen bouwen aan thuis in Brakeloo", 14, False),
            ("Gemeente Brakeloo, Woonstichting De Vaart, Brakeloo Wonen,", 11, False),
            ("Woonzorg Rijnstreek en Huurdersvereniging Samen Sterk", 11, False),
            ("Vastgesteld op 12 december 2024", 11, False),
        ]
    )
    d.toc(
        [
            ("1 Inleiding", 1, 3),
            ("2 Kader en werkwijze", 1, 4),
            ("3 Afspraken", 1, 5),
            ("3.1 Betaalbaarheid", 2, 5),
            ("3.2 Armoede en woonlasten", 2, 6),
            ("3.3 Beschikbaarheid en doorstroming", 2, 7),
            ("3.4 Nieuwbouw", 2, 8),
            ("3.5 Duurzaamheid", 2, 9),
            ("3.6 Leefbaarheid", 2, 10),
            ("3.7 Wonen en zorg", 2, 11),
            ("3.8 Bijzondere doelgroepen", 2, 12),
            ("3.9 Samenwerking en monitoring", 2, 13),
            ("4 Algemene bepalingen", 1, 14),
            ("5 Ondertekening", 1, 15),
            ("Bijlage 1 Jaarschijf 2025", 1, 16),
        ]
    )
    d.page_break()
    d.heading(1, "1 Inleiding")
    for text in INTRO:
        d.para(text)
    d.heading(1, "2 Kader en werkwijze")
    for text in CONTEXT[:3]:
        d.para(text)
    d.para(
        "De corporaties zijn volgens de Woningwet verplicht om jaarlijks voor 1 juli een bod "
        "uit te brengen. Deze raamovereenkomst geeft daarvoor het kader."
    )
    for text in CONTEXT[3:]:
        d.para(text)
    d.heading(1, "3 Afspraken", page_break=True)
    d.para("Per thema staan hieronder de gezamenlijke afspraak en de bijdrage van iedere partij.")
    d.new_section(landscape=True)
    header = ["Afspraak", "Gemeente", *corps, "Huurdersvereniging"]
    widths = [5.0, 4.2, 4.2, 4.2, 4.2, 3.6]
    themes = [
        "betaalbaarheid",
        "armoede",
        "beschikbaarheid",
        "nieuwbouw",
        "duurzaamheid",
        "leefbaarheid",
        "wonen_zorg",
        "bijzondere_doelgroepen",
        "samenwerking",
    ]
    for i, theme in enumerate(themes, start=1):
        d.heading(2, f"3.{i} {THEME_TITLES[theme]}")
        d.actor_table(header, actor_rows(theme, 3, rng, long=True), widths, font_size=9)
    d.new_section(landscape=False)
    d.heading(1, "4 Algemene bepalingen")
    general = [
        [
            "Looptijd",
            "Deze raamovereenkomst heeft een looptijd van 1 januari 2025 tot en met "
            "31 december 2028.",
        ],
        [
            "Jaarschijf",
            "Partijen stellen elk jaar voor 15 december een jaarschijf vast met de "
            "prestaties voor het volgende jaar.",
        ],
        [
            "Monitoring",
            "De gemeente stelt jaarlijks voor 1 mei een monitor op van de "
            "uitvoering van de afspraken en bespreekt deze met alle partijen.",
        ],
        [
            "Geschillen",
            "Partijen leggen een geschil over de uitvoering eerst voor aan het "
            "bestuurlijk overleg en daarna aan de minister.",
        ],
    ]
    d.table(["Onderwerp", "Afspraak"], general, [4.0, 12.0])
    for row in general:
        # The second column is the agreement itself, not a party's contribution.
        d.add_truth("", "table_row", row[0], "proces", "samenwerking", {})
    d.heading(1, "5 Ondertekening", page_break=True)
    d.signature_table(parties[:3], True, "Brakeloo", "12 december 2024")
    d.signature_table(parties[3:], True, "Brakeloo", "12 december 2024")
    d.heading(1, "Bijlage 1 Jaarschijf 2025", page_break=True)
    d.para("De jaarschijf bevat de concrete prestaties van de corporaties voor 2025.")
    rows = [
        ["Nieuwbouw sociale huur (aantal)", "40", "25", "12"],
        ["Verkoop sociale huur (maximum)", "10", "5", "0"],
        ["Woningen verbeterd van label E/F/G", "120", "60", "35"],
        ["Woningen levensloopbestendig gemaakt", "30", "20", "45"],
        ["Woningen voor vergunninghouders", "14", "9", "3"],
    ]
    d.target_table(["Prestatie 2025", *corps], rows, [6.5, 3.2, 3.2, 3.2], "nieuwbouw")
    return "raamovereenkomst_brakeloo_2025-2028", d


# --- B: numbered articles with Word multi-level numbering -------------------------------------


def build_marrewijk(doc_cls: Any, rng: random.Random) -> tuple[str, Any]:
    corps = ["Stichting Marrewoon", "Woningbouwvereniging Ons Belang"]
    parties = ["Gemeente Marrewijk", *corps, "Huurdersraad Marrewijk"]
    d = doc_cls("Liberation Serif", 11, "numbered", "Marrewijk", (2024, 2027), parties)
    d.margins(2.5, 2.5, 2.5, 2.5)
    d.header_footer(
        "Prestatieafspraken Marrewijk 2024-2027",
        "Pagina {page} van {pages}",
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    d.title_page(
        [
            ("Prestatieafspraken", 24, True),
            ("Marrewijk 2024-2027", 20, True),
            ("tussen de gemeente Marrewijk, Stichting Marrewoon,", 12, False),
            ("Woningbouwvereniging Ons Belang en de Huurdersraad Marrewijk", 12, False),
        ]
    )
    articles = [
        ("Begripsbepalingen", None),
        ("Looptijd en status", "samenwerking"),
        ("Betaalbaarheid", "betaalbaarheid"),
        ("Beschikbaarheid en doorstroming", "beschikbaarheid"),
        ("Nieuwbouw", "nieuwbouw"),
        ("Duurzaamheid", "duurzaamheid"),
        ("Wonen en zorg", "wonen_zorg"),
        ("Bijzondere doelgroepen", "bijzondere_doelgroepen"),
        ("Leefbaarheid", "leefbaarheid"),
        ("Monitoring en overleg", "samenwerking"),
        ("Geschillen", "samenwerking"),
    ]
    d.toc(
        [(f"Artikel {i} {t}", 1, 2 + i // 2) for i, (t, _) in enumerate(articles, 1)]
        + [("Bijlage 1 Jaarschijf 2024", 1, 12)],
        title="Inhoud",
    )
    d.page_break()
    d.heading(1, "Partijen", style=False, bold_size=12)
    party_list = d.list_instance(d.list_definition([("decimal", "%1.", None)]))
    for p in parties:
        para = d.doc.add_paragraph()
        para.add_run(f"{p}, hierna te noemen: {'de gemeente' if 'Gemeente' in p else p};")
        d.set_numbering(para, party_list, 0)
    d.heading(1, "Overwegende dat", style=False, bold_size=12)
    consider = d.list_instance(d.list_definition([("lowerLetter", "%1.", None)]))
    for text in [
        "de gemeenteraad op 4 maart 2024 de Woonvisie Marrewijk 2024-2030 heeft vastgesteld;",
        "de corporaties op 1 juli 2024 een bod op de woonvisie hebben uitgebracht;",
        "partijen over het bod in overleg zijn getreden en overeenstemming hebben bereikt;",
    ]:
        para = d.doc.add_paragraph(text)
        d.set_numbering(para, consider, 0)
    d.para("Komen het volgende overeen:")
    outline = d.list_definition(
        [("decimal", "Artikel %1", None), ("decimal", "%1.%2", None), ("lowerLetter", "%3.", None)],
        indent_cm=1.0,
    )
    num = d.list_instance(outline)
    for a, (title, theme) in enumerate(articles, start=1):
        d.heading(1, title, printed=f"Artikel {a} {title}", num=(num, 0), page_break=a == 3)
        if theme is None:
            defs = [
                "Corporaties: Stichting Marrewoon en Woningbouwvereniging Ons Belang.",
                "Sociale huurwoning: een woning met een huur tot de liberalisatiegrens.",
                "Doelgroep: huishoudens met een inkomen tot de inkomensgrens voor passend "
                "toewijzen.",
            ]
            for text in defs:
                para = d.doc.add_paragraph(text)
                d.set_numbering(para, num, 1)
            continue
        if title == "Looptijd en status":
            items: list[Any] = [
                (
                    "Deze overeenkomst treedt in werking op 1 januari 2024 en loopt tot en met "
                    "31 december 2027.",
                    "proces",
                    theme,
                ),
                (
                    "Partijen stellen elk jaar voor 15 december een jaarschijf vast met de "
                    "prestaties voor het komende jaar.",
                    "proces",
                    theme,
                ),
            ]
        elif title == "Geschillen":
            items = [
                (
                    "Partijen lossen een geschil over deze afspraken eerst op in het bestuurlijk "
                    "overleg.",
                    "proces",
                    theme,
                ),
                (
                    "Komen partijen er binnen acht weken niet uit, dan kan ieder van hen het "
                    "geschil voorleggen aan de minister.",
                    "proces",
                    theme,
                ),
            ]
        else:
            pool = statements(theme, corps[a % 2], rng) + statements(theme, corps[a % 2 - 1], rng)
            items = pick(rng, pool, 6, d)
            if a in (3, 6, 9):
                sub_pool = statements(theme, corps[(a + 1) % 2], rng)
                subs = pick(rng, [s for s in sub_pool if s not in items], 3, d)
                lead = f"{corps[(a + 1) % 2]} zal in de looptijd van deze afspraken:"
                items.insert(2, (lead, list(subs)))
        numbers = [f"{a}.{i}" for i in range(1, len(items) + 1)]
        d.list_items(
            num,
            items,
            numbers=numbers,
            level=1,
            kind="numbered",
            sub_numbers=lambda j: f"{'abc'[j]}.",
        )
        if a == 5:
            d.para(
                "Toelichting: de aantallen zijn netto toevoegingen; sloop en verkoop zijn al "
                "verrekend.",
                italic=True,
            )
    d.heading(1, "Ondertekening", printed="Ondertekening", page_break=True)
    d.para("Aldus overeengekomen en in viervoud ondertekend te Marrewijk op 9 december 2023.")
    d.signature_table(parties[:2], False, "Marrewijk", "9 december 2023")
    d.signature_table(parties[2:], False, "Marrewijk", "9 december 2023")
    d.heading(1, "Bijlage 1 Jaarschijf 2024", page_break=True)
    rows = [
        ["Nieuwbouw sociale huurwoningen", "36", "18"],
        ["Woningen naar label B of beter", "140", "65"],
        ["Woningen met zonnepanelen", "200", "90"],
        ["Woningen gelabeld voor ouderen", "25", "10"],
    ]
    d.target_table(["Prestatie", *corps], rows, [7.0, 4.0, 4.0], "nieuwbouw")
    return "prestatieafspraken_marrewijk_2024-2027", d


# --- C: bullets with Word list numbering for headings and a target table ------------------------


def build_oosterzande(doc_cls: Any, rng: random.Random) -> tuple[str, Any]:
    corps = ["Zandwonen", "Woonstichting Oosterpoort", "Stichting Thuis aan Zee"]
    parties = ["Gemeente Oosterzande", *corps, "Huurdersplatform Oosterzande"]
    d = doc_cls("Liberation Sans", 10, "bullets", "Oosterzande", (2025, 2025), parties)
    d.margins(2.0, 2.0, 2.0, 2.0)
    d.header_footer(
        "Gemeente Oosterzande", "Oosterzande | prestatieafspraken 2025 | pagina {page} van {pages}"
    )
    d.title_page(
        [
            ("Prestatieafspraken 2025", 28, True),
            ("Gemeente Oosterzande", 18, False),
            ("Zandwonen - Woonstichting Oosterpoort - Stichting Thuis aan Zee", 11, False),
            ("Huurdersplatform Oosterzande", 11, False),
        ]
    )
    d.toc(
        [
            ("1 Inleiding", 1, 3),
            ("2 Terugblik 2024", 1, 3),
            ("3 Afspraken per thema", 1, 4),
            ("3.1 Betaalbaarheid", 2, 4),
            ("3.2 Nieuwbouw", 2, 5),
            ("3.3 Duurzaamheid", 2, 6),
            ("3.4 Leefbaarheid", 2, 7),
            ("3.5 Wonen en zorg", 2, 8),
            ("3.6 Bijzondere doelgroepen", 2, 8),
            ("4 Samenwerking", 1, 9),
            ("5 Ondertekening", 1, 10),
        ]
    )
    d.page_break()
    outline = d.list_definition(
        [("decimal", "%1", None), ("decimal", "%1.%2", None), ("decimal", "%1.%2.%3", None)],
        indent_cm=0.76,
    )
    hnum = d.list_instance(outline)
    bullets = d.list_definition(SYMBOL_BULLETS)
    dashes = d.list_definition(DASH_BULLETS)
    squares = d.list_definition(WINGDINGS_BULLETS)
    d.heading(1, "Inleiding", printed="1 Inleiding", num=(hnum, 0))
    d.para(INTRO[0])
    d.para("De woonvisie kent drie pijlers:")
    b = d.list_instance(bullets)
    for text in [
        "een betaalbare woning voor iedereen die dat nodig heeft;",
        "een duurzame en toekomstbestendige woningvoorraad;",
        "prettig wonen in leefbare kernen.",
    ]:
        p = d.doc.add_paragraph(text)
        d.set_numbering(p, b, 0)
    d.heading(1, "Terugblik 2024", printed="2 Terugblik 2024", num=(hnum, 0))
    d.para(INTRO[2])
    b = d.list_instance(dashes)
    for text in [
        "Zandwonen heeft 48 woningen opgeleverd aan de Duinweg.",
        "Er zijn 310 woningen verbeterd naar label B of beter.",
        "De huurachterstanden zijn gedaald met 12%.",
    ]:
        p = d.doc.add_paragraph(text)
        d.set_numbering(p, b, 0)
    d.heading(
        1, "Afspraken per thema", printed="3 Afspraken per thema", num=(hnum, 0), page_break=True
    )
    themes = [
        "betaalbaarheid",
        "nieuwbouw",
        "duurzaamheid",
        "leefbaarheid",
        "wonen_zorg",
        "bijzondere_doelgroepen",
    ]
    for i, theme in enumerate(themes, start=1):
        d.heading(2, THEME_TITLES[theme], printed=f"3.{i} {THEME_TITLES[theme]}", num=(hnum, 1))
        if i % 2:
            d.para(CONTEXT[i % len(CONTEXT)])
        pool = statements(theme, corps[i % 3], rng) + statements(theme, corps[i % 3 - 1], rng)
        items: list[Any] = pick(rng, pool, 6, d)
        if i in (2, 3, 5):
            lead = f"{corps[(i + 1) % 3]} gaat in 2025:"
            subs = pick(
                rng, [s for s in statements(theme, corps[(i + 1) % 3], rng) if s not in items], 2, d
            )
            items.append((lead, subs[:2]))
        definition = squares if i == 4 else (dashes if i == 6 else bullets)
        d.list_items(d.list_instance(definition), items)
        if theme == "nieuwbouw":
            d.para("Tabel 1. Nieuwbouwprogramma sociale huur (aantal opleveringen)", italic=True)
            rows = [
                [c, *[str(rng.choice([0, 12, 24, 30, 48, 60])) for _ in range(4)]] for c in corps
            ]
            d.target_table(
                ["Corporatie", "2025", "2026", "2027", "2028"],
                rows,
                [6.0, 2.5, 2.5, 2.5, 2.5],
                "nieuwbouw",
            )
            d.para("Bron: bod van de corporaties, juni 2024.", italic=True)
        if theme == "duurzaamheid":
            rows = [
                ["Woningen met label E, F of G (einde jaar)", "420", "180", "0", "0"],
                ["Woningen geïsoleerd tot label B", "250", "300", "300", "280"],
                ["Woningen aardgasvrij gemaakt", "0", "40", "120", "160"],
                ["Woningen met zonnepanelen", "600", "750", "900", "1.000"],
            ]
            d.target_table(
                ["Indicator", "2025", "2026", "2027", "2028"],
                rows,
                [7.0, 2.2, 2.2, 2.2, 2.2],
                "duurzaamheid",
            )
    d.heading(1, "Samenwerking", printed="4 Samenwerking", num=(hnum, 0))
    items = pick(rng, statements("samenwerking", corps[0], rng), 5, d)
    d.list_items(d.list_instance(bullets), items)
    d.heading(1, "Ondertekening", printed="5 Ondertekening", num=(hnum, 0), page_break=True)
    d.signature_table(parties[:3], True, "Oosterzande", "10 december 2024")
    d.para("")
    d.signature_table(parties[3:], True, "Oosterzande", "10 december 2024")
    return "prestatieafspraken_oosterzande_2025", d


# --- D: running text, unnumbered bold headings -----------------------------------------------


def build_heugerveld(doc_cls: Any, rng: random.Random) -> tuple[str, Any]:
    corps = ["Woonstichting Heuvelrand", "Veldhuis Wonen"]
    parties = ["Gemeente Heugerveld", *corps, "Huurdersbelangenvereniging Heugerveld"]
    d = doc_cls("Caladea", 11, "paragraphs", "Heugerveld", (2023, 2026), parties)
    d.margins(3.0, 2.5, 3.0, 2.5)
    d.header_footer(
        "Heugerveld - samen werken aan wonen", "- {page} -", align=WD_ALIGN_PARAGRAPH.CENTER
    )
    d.title_page(
        [
            ("Samen werken aan wonen", 24, True),
            ("Prestatieafspraken Heugerveld 2023-2026", 16, False),
            ("december 2022", 11, False),
        ]
    )
    d.heading(1, "Inleiding", style=False, bold_size=14)
    for text in INTRO:
        d.para(text)
    d.heading(1, "De opgave in Heugerveld", style=False, bold_size=14)
    for text in CONTEXT:
        d.para(text)
    d.heading(1, "Onze afspraken", style=False, bold_size=14)
    d.para(
        "In de volgende paragrafen staan de afspraken per thema. Waar een afspraak voor een "
        "corporatie geldt, staat de naam van die corporatie erbij."
    )
    themes = [
        "betaalbaarheid",
        "beschikbaarheid",
        "nieuwbouw",
        "duurzaamheid",
        "leefbaarheid",
        "wonen_zorg",
        "armoede",
        "bijzondere_doelgroepen",
    ]
    for i, theme in enumerate(themes):
        d.heading(2, THEME_TITLES[theme], style=False, bold_size=11)
        pool = statements(theme, corps[i % 2], rng) + statements(theme, corps[i % 2 - 1], rng)
        chosen = pick(rng, pool, 6, d)
        if i % 3 == 0:
            d.para(
                "Het aantal woningzoekenden is de afgelopen jaren gestegen en de wachttijden "
                "zijn lang."
            )
        d.agreement_para(chosen[:2])
        d.agreement_para(
            chosen[2:4], extra="Dit gebeurt in nauw overleg met de bewonerscommissies."
        )
        if chosen[4:]:
            d.agreement_para(chosen[4:])
    d.heading(1, "Looptijd en evaluatie", style=False, bold_size=14)
    d.agreement_para(
        [
            (
                "Deze afspraken hebben een looptijd van 1 januari 2023 tot en met "
                "31 december 2026.",
                "proces",
                "samenwerking",
            ),
            (
                "Partijen evalueren de afspraken in het najaar van 2025 en stellen ze zo "
                "nodig bij.",
                "proces",
                "samenwerking",
            ),
        ]
    )
    d.heading(1, "Ondertekening", style=False, bold_size=14, page_break=True)
    for p in parties:
        d.para(f"Namens {p},")
        d.para("w.g. (naam en functie)")
        d.para("")
    return "prestatieafspraken_heugerveld_2023-2026", d


# --- E: mixed numbered items, actor table with bullets in cells, landscape target table ------


def build_lindwoude(doc_cls: Any, rng: random.Random) -> tuple[str, Any]:
    corps = ["Lindewoningen", "Stichting Woonpunt Lindwoude"]
    parties = ["Gemeente Lindwoude", *corps, "Huurdersorganisatie De Linde"]
    d = doc_cls("DejaVu Sans", 9, "mixed", "Lindwoude", (2024, 2028), parties)
    d.margins(2.0, 1.8, 2.5, 1.8)
    d.header_footer("Prestatieafspraken 2024-2028 | Gemeente Lindwoude", "{page}/{pages}")
    d.title_page(
        [
            ("Prestatieafspraken 2024-2028", 22, True),
            ("Wonen in Lindwoude", 16, False),
            ("Gemeente Lindwoude | Lindewoningen | Stichting Woonpunt Lindwoude |", 10, False),
            ("Huurdersorganisatie De Linde", 10, False),
        ]
    )
    d.toc(
        [
            ("1. Inleiding", 1, 2),
            ("2. Nieuwbouw en beschikbaarheid", 1, 3),
            ("3. Duurzaamheid", 1, 4),
            ("4. Wonen, zorg en leefbaarheid", 1, 5),
            ("5. Afspraken per partij", 1, 6),
            ("6. Prestaties per jaar", 1, 9),
            ("7. Ondertekening", 1, 10),
        ],
        title="Inhoudsopgave",
    )
    d.page_break()
    d.heading(1, "1.\tInleiding", printed="1. Inleiding")
    d.para(INTRO[1])
    d.para(INTRO[0])
    items_def = d.list_definition([("decimal", "%1)", None), ("lowerLetter", "%2.", None)])
    chapters = [
        (
            "2.\tNieuwbouw en beschikbaarheid",
            "2. Nieuwbouw en beschikbaarheid",
            ["nieuwbouw", "beschikbaarheid"],
        ),
        ("3.\tDuurzaamheid", "3. Duurzaamheid", ["duurzaamheid"]),
        (
            "4.\tWonen, zorg en leefbaarheid",
            "4. Wonen, zorg en leefbaarheid",
            ["wonen_zorg", "leefbaarheid"],
        ),
    ]
    for c, (title, printed, themes) in enumerate(chapters):
        d.heading(1, title, printed=printed)
        items: list[Any] = []
        for t in themes:
            items += pick(
                rng, statements(t, corps[c % 2], rng) + statements(t, corps[c % 2 - 1], rng), 4, d
            )
        if c == 1:
            subs = pick(
                rng, [s for s in statements("duurzaamheid", corps[1], rng) if s not in items], 3, d
            )
            items.insert(
                1,
                (
                    "De corporaties voeren de volgende maatregelen uit:",
                    [(t, k, th) for t, k, th in subs[:3]],
                ),
            )
        num = d.list_instance(items_def)
        d.list_items(
            num,
            items,
            numbers=[f"{i})" for i in range(1, len(items) + 1)],
            kind="numbered",
            sub_numbers=lambda j: f"{'abc'[j]}.",
        )
        d.para("Deze afspraken worden uitgewerkt in de jaarschijf.")
    d.heading(1, "5.\tAfspraken per partij", printed="5. Afspraken per partij", page_break=True)
    cellbullets = d.list_definition(DASH_BULLETS)
    header = ["Afspraak", "Gemeente", "Corporaties", "Huurdersorganisatie"]
    rows: list[tuple[str, list[Any], str, str]] = []
    for theme in [
        "betaalbaarheid",
        "armoede",
        "duurzaamheid",
        "leefbaarheid",
        "bijzondere_doelgroepen",
        "samenwerking",
        "wonen_zorg",
        "nieuwbouw",
    ]:
        for head, gem, corp, ten, kind in ACTOR_ROWS[theme]:
            corp_text = corp.format(n=25, m=3, p=95, q=75, y=2025, y2=2028)
            parts = [s.strip() + "." for s in corp_text.split(".") if s.strip()]
            extra = "Rapporteert twee keer per jaar over de voortgang aan de gemeente."
            cell: Any = [*parts, extra] if len(parts) > 1 else corp_text
            rows.append((head, [gem.format(y=2025, y2=2028), cell, ten], kind, theme))
    d.actor_table(header, rows, [4.0, 4.0, 5.5, 3.5], bullet_num=d.list_instance(cellbullets))
    d.new_section(landscape=True)
    d.heading(1, "6.\tPrestaties per jaar", printed="6. Prestaties per jaar")
    years = ["2024", "2025", "2026", "2027", "2028"]
    rows2 = []
    for ind in [
        "Nieuwbouw sociale huur",
        "Sloop",
        "Verkoop",
        "Labelsprong naar B",
        "Nul-op-de-meter renovaties",
        "Woningen voor vergunninghouders",
    ]:
        for corp in corps:
            rows2.append(
                [f"{ind} - {corp}", *[str(rng.choice([0, 5, 10, 20, 40, 80])) for _ in years]]
            )
    d.target_table(
        ["Indicator per corporatie", *years], rows2, [9.0, 2.8, 2.8, 2.8, 2.8, 2.8], "nieuwbouw"
    )
    d.new_section(landscape=False)
    d.heading(1, "7.\tOndertekening", printed="7. Ondertekening")
    d.signature_table(parties, True, "Lindwoude", "14 december 2023")
    return "prestatieafspraken_lindwoude_2024-2028", d


# --- F: short jaarschijf, only tables --------------------------------------------------------


def build_keppelrode(doc_cls: Any, rng: random.Random) -> tuple[str, Any]:
    corps = ["Trefwonen", "Woonbedrijf Keppel"]
    parties = ["Gemeente Keppelrode", *corps, "Bewonersraad Keppelrode"]
    d = doc_cls("Carlito", 11, "jaarschijf", "Keppelrode", (2026, 2026), parties)
    d.margins(2.0, 2.0, 2.0, 2.0)
    d.header_footer(
        "Jaarschijf 2026 - prestatieafspraken Keppelrode",
        "pagina {page}",
        first_page_different=False,
    )
    t = d.para("Jaarschijf 2026")
    t.runs[0].bold = True
    t.runs[0].font.size = d.doc.styles["Normal"].font.size * 2
    d.para(
        "Bij de raamovereenkomst prestatieafspraken Keppelrode 2024-2027. Deze jaarschijf "
        "bevat de prestaties die partijen in 2026 leveren."
    )
    d.heading(1, "1. Prestaties per corporatie")
    rows = [
        ["Oplevering nieuwbouw sociale huur", "32", "20"],
        ["Start bouw sociale huur", "45", "16"],
        ["Verkoop bestaande sociale huurwoningen (max.)", "4", "0"],
        ["Woningen naar label A of B", "180", "95"],
        ["Woningen van het aardgas af", "60", "0"],
        ["Woningen voor vergunninghouders", "11", "7"],
        ["Woningen met urgentie toegewezen", "15", "9"],
        ["Budget leefbaarheid (euro)", "85.000", "40.000"],
    ]
    d.target_table(["Prestatie", *corps], rows, [9.0, 3.5, 3.5], "nieuwbouw")
    d.heading(1, "2. Activiteiten in 2026", page_break=True)
    acts = []
    for theme in [
        "betaalbaarheid",
        "armoede",
        "nieuwbouw",
        "duurzaamheid",
        "leefbaarheid",
        "wonen_zorg",
        "bijzondere_doelgroepen",
        "samenwerking",
    ]:
        for head, gem, corp, _ten, kind in ACTOR_ROWS[theme][:2]:
            first = corp.format(n=20, m=2, p=95, q=75, y=2026, y2=2027)
            second = corp.format(n=10, m=1, p=90, q=70, y=2026, y2=2027)
            acts.append((head, [gem.format(y=2026, y2=2027), first, second], kind, theme))
    d.actor_table(["Activiteit", "Gemeente", *corps], acts, [4.0, 4.0, 4.5, 4.5], font_size=10.5)
    d.heading(1, "3. Ondertekening", page_break=True)
    d.signature_table(parties, True, "Keppelrode", "11 december 2025")
    return "jaarschijf_keppelrode_2026", d
