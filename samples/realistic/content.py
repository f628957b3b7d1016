"""The invented text of the realistic samples: agreements per theme, actor-table rows, intros.

Shared by the six documents of `samples.realistic.documents`; Word's own list glyph sets live
here too. Labels follow docs/domain.md §3. All names are invented.
"""

from __future__ import annotations

import random
from typing import Any

# Word's own list glyphs: Symbol U+F0B7 bullet, Courier New "o", Wingdings U+F0A7 square and
# U+F0D8 arrow; (numFmt, lvlText, font).
SYMBOL_BULLETS = [
    ("bullet", "\uf0b7", "Symbol"),
    ("bullet", "o", "Courier New"),
    ("bullet", "\uf0a7", "Wingdings"),
]
WINGDINGS_BULLETS = [
    ("bullet", "\uf0d8", "Wingdings"),
    ("bullet", "\uf0a7", "Wingdings"),
    ("bullet", "\uf0b7", "Symbol"),
]
DASH_BULLETS = [
    ("bullet", "-", "Calibri"),
    ("bullet", "o", "Courier New"),
    ("bullet", "\uf0a7", "Wingdings"),
]

Item = tuple[str, str, str]  # text, expected type, theme


def pick(rng: random.Random, options: list[Any], k: int, doc: Any = None) -> list[Any]:
    """k random options, leaving out texts the document already holds (no duplicate rows)."""
    seen = {t.text for t in doc.truth} if doc is not None else set()
    unique = []
    for option in options:
        if option[0] not in seen:
            seen.add(option[0])
            unique.append(option)
    return rng.sample(unique, min(k, len(unique)))


# --- statements per theme (bullets, numbered items, running text) -------------------------


def statements(theme: str, corp: str, rng: random.Random) -> list[Item]:
    """Agreements one party or all parties make on a theme; {corp} is filled in."""
    n = rng.choice([12, 18, 24, 30, 40, 60, 85])
    y = rng.choice([2025, 2026, 2027])
    street = rng.choice(["Molenakker", "Kerkstraat-Oost", "De Horst", "Schoolstraat", "Boszoom"])
    eur = rng.choice(["15.000", "25.000", "40.000", "60.000"])
    pct = rng.choice([90, 95, 97])
    pools: dict[str, list[tuple[str, str]]] = {
        "betaalbaarheid": [
            (
                f"{corp} wijst ten minste {pct}% van de vrijkomende sociale huurwoningen "
                "passend toe aan huishoudens met recht op huurtoeslag.",
                "concreet",
            ),
            (
                "Partijen bespreken jaarlijks in het voorjaar de gevolgen van de huurverhoging "
                "voor de woonlasten van de huurders.",
                "proces",
            ),
            (
                f"{corp} houdt de gemiddelde huur van de sociale voorraad in {y} onder de tweede "
                "aftoppingsgrens.",
                "concreet",
            ),
            (
                "De gemeente zet zich in voor een groter bereik van de minimaregelingen onder "
                "huurders.",
                "intentie",
            ),
            (
                f"{corp} verlaagt in {y} de huur van {n} woningen met een hoge huur naar de "
                "maximale redelijke huur.",
                "concreet",
            ),
            (
                "Partijen streven ernaar dat de totale woonlasten van huishoudens met een laag "
                "inkomen niet verder stijgen.",
                "intentie",
            ),
        ],
        "beschikbaarheid": [
            (
                f"{corp} verkoopt in de looptijd van deze afspraken maximaal {n} sociale "
                "huurwoningen, uitsluitend bij mutatie.",
                "concreet",
            ),
            (
                "De gemeente onderzoekt samen met de corporaties in 2026 of een doorstroommakelaar "
                "voor senioren zinvol is.",
                "proces",
            ),
            (
                f"{corp} liberaliseert in de periode tot en met {y + 2} geen sociale huurwoningen.",
                "concreet",
            ),
            (
                "Partijen monitoren twee keer per jaar de slaagkans en de zoektijd van "
                "woningzoekenden in de regio.",
                "proces",
            ),
            (
                "Partijen houden de kernvoorraad sociale huurwoningen zoveel mogelijk op peil.",
                "intentie",
            ),
        ],
        "nieuwbouw": [
            (
                f"{corp} realiseert in {y} aan de {street} {n} sociale huurwoningen, waarvan de "
                "helft voor een- en tweepersoonshuishoudens.",
                "concreet",
            ),
            (
                f"De gemeente levert bouwrijpe grond voor sociale huur tegen een vaste grondprijs "
                f"van € {eur} per woning.",
                "concreet",
            ),
            (
                "Partijen zoeken gezamenlijk naar locaties voor flexwoningen en bespreken de "
                "voortgang elk kwartaal.",
                "proces",
            ),
            (
                "De gemeente streeft naar een aandeel van 30% sociale huur in nieuwe plannen van "
                "meer dan twintig woningen.",
                "intentie",
            ),
            (
                f"{corp} start voor 1 juli {y} met de bouw van {n} appartementen voor senioren in "
                f"het plan {street}.",
                "concreet",
            ),
        ],
        "duurzaamheid": [
            (
                f"{corp} heeft uiterlijk eind 2028 geen woningen meer met een energielabel E, F of "
                "G.",
                "concreet",
            ),
            (f"{corp} isoleert in {y} {n} eengezinswoningen tot ten minste label B.", "concreet"),
            (
                f"De gemeente stelt in {y} per wijk een uitvoeringsplan warmte op en deelt de "
                "planning met de corporaties.",
                "concreet",
            ),
            (
                f"Partijen werken samen aan een aardgasvrije wijk {street} en stemmen de planning "
                "jaarlijks af.",
                "proces",
            ),
            (
                f"{corp} legt bij {n} woningen zonnepanelen, zonder dat de woonlasten van de "
                "huurder stijgen.",
                "concreet",
            ),
            (
                "Partijen zetten in op klimaatadaptatie bij onderhoud en nieuwbouw, zoals groene "
                "daken en het afkoppelen van regenwater.",
                "intentie",
            ),
        ],
        "leefbaarheid": [
            (
                f"{corp} zet in de wijk {street} een huismeester in voor minimaal {n} uur per "
                "week.",
                "concreet",
            ),
            (
                f"De gemeente en {corp} houden vier keer per jaar een wijkschouw met de "
                "bewonerscommissie.",
                "proces",
            ),
            ("Partijen bevorderen de ontmoeting tussen bewoners in de wijken.", "intentie"),
            (
                f"{corp} stelt jaarlijks € {eur} beschikbaar voor initiatieven van bewoners.",
                "concreet",
            ),
            (
                f"Bij ernstige overlast stemmen de wijkagent, het wijkteam en {corp} binnen twee "
                "weken een aanpak af.",
                "proces",
            ),
        ],
        "wonen_zorg": [
            (
                f"{corp} maakt in {y} {n} woningen levensloopbestendig met een traplift of een "
                "aangepaste badkamer.",
                "concreet",
            ),
            (
                f"De gemeente en de corporaties maken voor 1 oktober {y} afspraken over de "
                "uitstroom uit beschermd wonen.",
                "proces",
            ),
            (
                f"{corp} labelt per jaar {n} vrijkomende benedenwoningen voor ouderen met een "
                "zorgindicatie.",
                "concreet",
            ),
            (
                "Partijen streven naar meer geclusterde woonvormen voor ouderen in alle kernen.",
                "intentie",
            ),
        ],
        "bijzondere_doelgroepen": [
            (
                f"{corp} stelt jaarlijks woningen beschikbaar voor vergunninghouders naar rato van "
                "haar aandeel in de sociale voorraad.",
                "concreet",
            ),
            (
                "De gemeente zorgt voor begeleiding van nieuwe vergunninghouders gedurende het "
                "eerste jaar na de huisvesting.",
                "concreet",
            ),
            (f"{corp} bouwt in {y} {n} tijdelijke woningen voor jongeren tot 27 jaar.", "concreet"),
            (
                "Partijen evalueren jaarlijks de urgentieregeling en het aantal toegekende "
                "urgenties.",
                "proces",
            ),
        ],
        "armoede": [
            (
                f"{corp} meldt huurachterstanden vanaf een maand bij het meldpunt "
                "vroegsignalering.",
                "concreet",
            ),
            (
                "De gemeente biedt binnen vijf werkdagen na een melding een gesprek aan met de "
                "schuldhulpverlening.",
                "concreet",
            ),
            ("Partijen voorkomen zoveel mogelijk huisuitzettingen wegens huurschuld.", "intentie"),
        ],
        "samenwerking": [
            (
                "Partijen houden twee keer per jaar een bestuurlijk overleg over de voortgang van "
                "de afspraken.",
                "proces",
            ),
            (
                f"{corp} levert voor 1 juli een bod op de woonvisie aan de gemeente en de "
                "huurdersorganisatie.",
                "proces",
            ),
            (
                "Partijen evalueren de samenwerking in het laatste jaar van de looptijd en stellen "
                "zo nodig de werkwijze bij.",
                "proces",
            ),
        ],
    }
    return [(text, kind, theme) for text, kind in pools[theme]]


# --- actor-table rows per theme -----------------------------------------------------------

ACTOR_ROWS: dict[str, list[tuple[str, str, str, str, str]]] = {
    # headline, municipality cell, corporation cell ({n}), tenants cell, expected type
    "betaalbaarheid": [
        (
            "Passend toewijzen en betaalbare huren",
            "Neemt voorlichting over huurtoeslag op in het sociaal loket.",
            "Wijst ten minste {p}% van de vrijkomende woningen passend toe en houdt {q}% van de "
            "voorraad onder de aftoppingsgrens.",
            "Brengt jaarlijks voor 1 april een advies uit over het huurbeleid.",
            "concreet",
        ),
        (
            "Gematigd huurbeleid",
            "",
            "Beperkt de huurverhoging in {y} tot de inflatie en past geen inkomensafhankelijke "
            "huurverhoging toe.",
            "Bespreekt het huurvoorstel met de achterban.",
            "concreet",
        ),
        (
            "Betaalbaarheid voor de laagste inkomens borgen",
            "Zet zich in voor een goed bereik van de minimaregelingen.",
            "Streeft naar een gematigd huurbeleid met aandacht voor de totale woonlasten.",
            "",
            "intentie",
        ),
    ],
    "beschikbaarheid": [
        (
            "Omvang van de sociale huurvoorraad",
            "Legt de omvang van de kernvoorraad vast in de woonvisie.",
            "Houdt het aantal sociale huurwoningen tot en met {y2} op ten minste het niveau van "
            "1 januari {y}. Verkoopt maximaal {n} woningen per jaar.",
            "",
            "concreet",
        ),
        (
            "Doorstroming bevorderen",
            "Verkent in {y} de wenselijkheid van een doorstroommakelaar.",
            "Zet in op het verleiden van ouderen om te verhuizen naar een passende woning.",
            "Denkt mee over de voorwaarden van een doorstroomregeling.",
            "intentie",
        ),
    ],
    "nieuwbouw": [
        (
            "Toevoegen van sociale huurwoningen",
            "Wijst in {y} twee locaties aan voor sociale woningbouw en levert de grond bouwrijp.",
            "Realiseert in de periode {y}-{y2} in totaal {n} sociale huurwoningen, waarvan "
            "ten minste een derde voor senioren.",
            "Adviseert over het programma van eisen.",
            "concreet",
        ),
        (
            "Flexwonen voor spoedzoekers",
            "Verleent voor 1 januari {y2} een tijdelijke omgevingsvergunning voor flexwoningen.",
            "Plaatst {n} flexwoningen op de locatie die de gemeente aanwijst.",
            "",
            "concreet",
        ),
    ],
    "duurzaamheid": [
        (
            "Geen slechte energielabels meer",
            "Ondersteunt met het energieloket en een subsidie voor isolatie.",
            "Verbetert uiterlijk in {y2} alle woningen met label E, F of G tot ten minste label "
            "C. Isoleert in {y} {n} woningen.",
            "Informeert huurders over de werkzaamheden en de gevolgen voor de huur.",
            "concreet",
        ),
        (
            "Aardgasvrije wijken",
            "Stelt in {y} voor de wijk Noord een uitvoeringsplan warmte vast.",
            "Sluit bij renovatie zoveel mogelijk aan bij de planning van de gemeente.",
            "Neemt deel aan de klankbordgroep.",
            "intentie",
        ),
        (
            "Energiearmoede bestrijden",
            "Zet in {y} energiecoaches in voor huishoudens met hoge energielasten.",
            "Vervangt op verzoek van de huurder binnen zes weken kapotte ventilatie en "
            "tochtstrips.",
            "Werft vrijwilligers voor de energiecoaches.",
            "concreet",
        ),
    ],
    "leefbaarheid": [
        (
            "Schone, hele en veilige wijken",
            "Onderhoudt de openbare ruimte op niveau B en houdt twee wijkschouwen per jaar.",
            "Zet in elke wijk met meer dan {n} woningen een wijkbeheerder in.",
            "Organiseert met de bewonerscommissies de wijkschouw.",
            "concreet",
        ),
        (
            "Aanpak van overlast",
            "Coördineert het overlastoverleg met politie en wijkteam.",
            "Neemt binnen vijf werkdagen contact op na een melding van ernstige overlast.",
            "",
            "concreet",
        ),
    ],
    "wonen_zorg": [
        (
            "Langer zelfstandig thuis wonen",
            "Vergoedt woningaanpassingen via de Wmo binnen acht weken na de aanvraag.",
            "Maakt in {y} {n} woningen levensloopbestendig.",
            "Brengt de woonwensen van oudere huurders in kaart.",
            "concreet",
        ),
        (
            "Uitstroom uit beschermd wonen",
            "Regelt de begeleiding na de uitstroom.",
            "Stelt per jaar {m} woningen beschikbaar voor uitstroom uit beschermd wonen.",
            "",
            "concreet",
        ),
    ],
    "bijzondere_doelgroepen": [
        (
            "Jongeren en starters",
            "Onderzoekt in {y} samen met de corporaties een locatie voor jongerenhuisvesting.",
            "Verhuurt {n} woningen met een jongerencontract van vijf jaar.",
            "Betrekt jongeren bij de keuze voor de locatie.",
            "concreet",
        ),
        (
            "Huisvesting van vergunninghouders",
            "Zorgt voor begeleiding van vergunninghouders in het eerste jaar.",
            "Huisvest naar rato van het woningbezit de vergunninghouders van de taakstelling.",
            "",
            "concreet",
        ),
    ],
    "armoede": [
        (
            "Vroegsignalering van betalingsproblemen",
            "Neemt binnen drie werkdagen na een melding contact op met het huishouden.",
            "Meldt huurachterstanden vanaf een maand bij het meldpunt en legt binnen twee weken "
            "een huisbezoek af.",
            "Wijst huurders op de spreekuren van de thuisadministratie.",
            "concreet",
        ),
        (
            "Woonlasten beperken",
            "Verstrekt in {y} een energietoeslag aan huishoudens tot 120% van het sociaal minimum.",
            "Biedt huurders met een betalingsachterstand een regeling van ten minste {m} "
            "maanden aan.",
            "",
            "concreet",
        ),
    ],
    "samenwerking": [
        (
            "Bod en jaarschijf",
            "Stuurt uiterlijk 1 maart de actuele woonopgave aan de corporaties.",
            "Brengt voor 1 juli een bod uit op de woonvisie.",
            "Geeft voor 1 september een reactie op het bod.",
            "proces",
        ),
        (
            "Monitoring en overleg",
            "Organiseert twee keer per jaar het bestuurlijk overleg.",
            "Levert jaarlijks voor 1 maart de cijfers over de prestaties van het vorige jaar.",
            "Neemt deel aan het bestuurlijk overleg.",
            "proces",
        ),
    ],
}

LONG_TAILS = [
    "Rapporteert hierover jaarlijks voor 1 maart in de monitor van de prestatieafspraken.",
    "Betrekt de bewonerscommissies vooraf bij de uitvoering en informeert de huurders "
    "schriftelijk over de planning.",
    "Stemt de uitvoering af met de andere corporaties in het werkgebied, zodat huurders in "
    "de hele gemeente dezelfde aanpak krijgen.",
]

THEME_TITLES = {
    "betaalbaarheid": "Betaalbaarheid",
    "beschikbaarheid": "Beschikbaarheid en doorstroming",
    "nieuwbouw": "Nieuwbouw",
    "duurzaamheid": "Duurzaamheid",
    "leefbaarheid": "Leefbaarheid",
    "wonen_zorg": "Wonen en zorg",
    "bijzondere_doelgroepen": "Bijzondere doelgroepen",
    "armoede": "Armoede en woonlasten",
    "samenwerking": "Samenwerking en monitoring",
}


def actor_rows(
    theme: str, corps: int, rng: random.Random, tenants: bool = True, long: bool = False
) -> list[tuple[str, list[Any], str, str]]:
    """Rows for an actor table: (headline, [gemeente, corp..., (tenants)], type, theme)."""
    out = []
    for head, gem, corp, ten, kind in ACTOR_ROWS[theme]:
        cells: list[Any] = [gem.format(y=2025, y2=2028)]
        for _ in range(corps):
            values = {
                "n": rng.choice([10, 15, 20, 35, 50, 120]),
                "m": rng.choice([2, 3, 4, 6]),
                "p": rng.choice([90, 95, 98]),
                "q": rng.choice([70, 75, 80]),
                "y": 2025,
                "y2": 2028,
            }
            text = corp.format(**values)
            if long and rng.random() < 0.6:
                text += " " + rng.choice(LONG_TAILS)
            cells.append(text)
        if tenants:
            cells.append(ten.format(y=2025))
        out.append((head, cells, kind, theme))
    return out


INTRO = [
    "De gemeente, de woningcorporaties en de huurdersorganisaties maken elk jaar afspraken "
    "over de volkshuisvesting. De Woningwet schrijft voor dat de corporaties naar redelijkheid "
    "bijdragen aan het volkshuisvestingsbeleid van de gemeente.",
    "In 2024 heeft de gemeenteraad een nieuwe woonvisie vastgesteld. Daarin staan de opgaven "
    "voor de komende jaren: meer betaalbare woningen, een duurzame woningvoorraad en wonen "
    "met zorg in de wijk.",
    "De afspraken in dit document bouwen voort op de afspraken van de vorige periode. Een deel "
    "van de afspraken is uitgevoerd; de resultaten staan in de monitor van 2024.",
]

CONTEXT = [
    "Sinds 2020 zijn er in de gemeente jaarlijks gemiddeld 140 woningen gebouwd, waarvan een "
    "kwart in de sociale huur. De bouwkosten zijn in die periode sterk gestegen.",
    "De Nationale prestatieafspraken van 2022 vragen alle gemeenten om extra sociale "
    "huurwoningen, het uitfaseren van slechte energielabels en meer woningen voor ouderen.",
    "Uit het woningbehoefteonderzoek van 2023 blijkt dat vooral kleine, betaalbare woningen "
    "ontbreken. Jongeren en senioren vinden moeilijk een passende woning in hun eigen kern.",
    "De woningmarkt in de regio staat onder druk. Het aantal woningzoekenden is de afgelopen "
    "vijf jaar met een kwart gestegen en de gemiddelde zoektijd bedraagt ruim zes jaar.",
    "Ongeveer een derde van de huishoudens heeft een inkomen tot de huurtoeslaggrens. Het "
    "aandeel ouderen groeit tot 2035 van 21% naar 28%.",
]
