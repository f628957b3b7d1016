"""Deterministic generator of Dutch municipal documents that are NOT prestatieafspraken.

In: a kind (woonvisie, raadsnotulen, raadsbrief, jaarverslag, begroting, aanbesteding,
bestemmingsplan), a fictional municipality and a seed. Out: a PDF that is byte-identical for the
same arguments. They share the vocabulary of housing agreements on purpose (corporaties,
huurders, sociale huur, prestatieafspraken, the municipality, numbers and years): the hard
negatives of the document gate. All names and figures are invented.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from samples.blocks import (
    Block,
    Heading,
    ItemList,
    ListItem,
    PageBreak,
    Para,
    Space,
    TableBlock,
    bullets,
    numbered,
)
from samples.render import render_pdf

KINDS = (
    "woonvisie",
    "raadsnotulen",
    "raadsbrief",
    "jaarverslag",
    "begroting",
    "aanbesteding",
    "bestemmingsplan",
)
_CORPS = (
    "Woonstichting De Linie",
    "Waardwonen",
    "Woongroep Hoflanden",
    "Stichting Ons Huis",
    "Rivierwonen",
    "Woningstichting Vaart en Veld",
)
_TENANTS = ("Huurdersvereniging De Sleutel", "Huurdersraad Waardwonen", "HBV Samen Sterk")
_PEOPLE = (
    "mevrouw A. de Vries",
    "de heer B. Jansen",
    "mevrouw C. Bakker",
    "de heer D. Visser",
    "mevrouw E. Smit",
    "de heer F. Mulder",
    "mevrouw G. de Boer",
    "de heer H. Bos",
)
_FRACTIONS = ("VVD", "PvdA", "CDA", "GroenLinks", "D66", "SP", "Lokaal Belang", "ChristenUnie")
_DISTRICTS = (
    "Oosterkwartier",
    "De Akkers",
    "Molenwijk",
    "Stationsgebied",
    "Het Veld",
    "Noorderhaven",
)


class _Ctx:
    """Names and numbers for one document, drawn from the seeded generator."""

    def __init__(self, municipality: str, seed: int, kind: str) -> None:
        self.rng = random.Random(f"{kind}:{municipality}:{seed}")
        self.m = municipality
        self.year = self.rng.choice((2023, 2024, 2025, 2026))
        self.corps = self.rng.sample(_CORPS, 2)
        self.tenants = self.rng.choice(_TENANTS)
        self.people = self.rng.sample(_PEOPLE, len(_PEOPLE))
        self.district = self.rng.choice(_DISTRICTS)

    def n(self, low: int, high: int, step: int = 1) -> int:
        return self.rng.randrange(low, high, step)

    def pick(self, pool: list[str], k: int) -> list[str]:
        k = min(k, len(pool))
        idx = sorted(self.rng.sample(range(len(pool)), k))
        return [pool[i] for i in idx]


def _woonvisie(c: _Ctx) -> tuple[list[Block], str]:
    y = c.year
    corps = " en ".join(c.corps)
    ambitions = [
        f"We willen dat iedereen in {c.m} een betaalbare en passende woning kan vinden.",
        f"De gemeente streeft naar {c.n(25, 40)}% sociale huur in nieuwe woningbouwprojecten.",
        "We willen meer levensloopbestendige woningen, zodat ouderen langer zelfstandig kunnen "
        "blijven wonen.",
        f"In {y + 5} moet de woningvoorraad gemiddeld energielabel B hebben.",
        "Wij zetten in op doorstroming: ouderen die een eengezinswoning achterlaten krijgen "
        "voorrang op een passende woning.",
        "Nieuwbouw voor starters en jongeren krijgt prioriteit in de komende jaren.",
        "Wij vinden het belangrijk dat wijken leefbaar en veilig blijven.",
        "Aandachtsgroepen zoals statushouders en uitstromers uit beschermd wonen moeten een plek "
        "krijgen in alle wijken.",
    ]
    blocks: list[Block] = [
        Space(150),
        Para(f"Woonvisie {c.m} {y}-{y + 5}", style="title"),
        Para(f"Thuis in {c.m}: wonen voor iedereen", style="subtitle"),
        Space(40),
        Para(f"Vastgesteld door de gemeenteraad op {c.n(1, 28)} juni {y - 1}", style="center"),
        PageBreak(),
        Heading("1 Inleiding", 1),
        Para(
            f"Deze woonvisie beschrijft hoe de gemeente {c.m} de komende vijf jaar naar het wonen "
            "kijkt. Zij vervangt de woonvisie uit 2018 en is opgesteld na gesprekken met inwoners, "
            f"de woningcorporaties {corps}, {c.tenants}, zorgpartijen en ontwikkelaars."
        ),
        Para(
            "De woonvisie is het kader voor de prestatieafspraken die de gemeente jaarlijks met de "
            "corporaties en de huurdersorganisaties maakt. De afspraken zelf staan niet in deze "
            "visie; zij worden elk jaar in december ondertekend."
        ),
        Heading("2 De woningmarkt in cijfers", 1),
        Para(
            f"{c.m} telt {c.n(20, 90)}.{c.n(100, 999)} inwoners en {c.n(9, 40)}.{c.n(100, 999)} "
            f"woningen. Daarvan is {c.n(24, 38)}% een sociale huurwoning, {c.n(8, 15)}% "
            "particuliere "
            "huur en de rest koop. De wachttijd voor een sociale huurwoning is opgelopen tot "
            f"{c.n(5, 11)} jaar. Het aantal huishoudens groeit tot {y + 10} met ongeveer "
            f"{c.n(800, 3000)}."
        ),
        TableBlock(
            header=("Segment", str(y - 2), str(y - 1), str(y)),
            rows=tuple(
                (s, str(c.n(2000, 9000)), str(c.n(2000, 9000)), str(c.n(2000, 9000)))
                for s in ("Sociale huur", "Middenhuur", "Vrije sector huur", "Koopwoningen")
            ),
            numeric=True,
        ),
        Heading("3 Onze ambities", 1),
        Para("De gemeenteraad heeft de volgende ambities vastgesteld:"),
        bullets(c.pick(ambitions, 6)),
        Heading("4 Betaalbaarheid", 1),
        Para(
            "Veel huurders hebben moeite hun woonlasten te betalen. De huren stegen de afgelopen "
            "jaren sneller dan de inkomens. De gemeente wil samen met de corporaties "
            "huurachterstanden vroeg signaleren en huisuitzettingen voorkomen. In de "
            "prestatieafspraken worden hierover concrete afspraken gemaakt."
        ),
        Heading("5 Duurzaamheid", 1),
        Para(
            f"De corporaties hebben samen nog ongeveer {c.n(300, 1200)} woningen met energielabel "
            "E, F of G. Het Rijk heeft afgesproken dat deze woningen voor 2029 zijn verbeterd. De "
            "gemeente ondersteunt de wijkaanpak aardgasvrij en de isolatie van particuliere "
            "woningen met een subsidieregeling."
        ),
        Heading("6 Wonen en zorg", 1),
        Para(
            "Het aantal inwoners boven de 75 jaar verdubbelt tot 2040. Er is behoefte aan "
            f"ongeveer {c.n(200, 600)} extra nultredenwoningen en aan geclusterde woonvormen met "
            "ontmoetingsruimte. Zorgaanbieders, corporaties en gemeente werken hierin samen."
        ),
        Heading("7 Uitvoering en monitoring", 1),
        Para(
            "De gemeente werkt deze visie uit in een uitvoeringsprogramma. Elk jaar rapporteert "
            "het college aan de raad over de voortgang. De prestatieafspraken met de corporaties "
            "zijn het belangrijkste instrument om de ambities voor de sociale huur te realiseren. "
            f"Na {c.n(3, 5)} jaar wordt de woonvisie geëvalueerd."
        ),
    ]
    return blocks, f"Woonvisie {c.m} {y}-{y + 5}"


def _raadsnotulen(c: _Ctx) -> tuple[list[Block], str]:
    y = c.year
    chair, wh, griffier, *members = c.people
    f = c.rng.sample(_FRACTIONS, 5)
    corps = " en ".join(c.corps)
    blocks: list[Block] = [
        Para(f"Notulen van de openbare vergadering van de gemeenteraad van {c.m}", style="title"),
        Para(f"gehouden op donderdag {c.n(1, 28)} november {y} om 19.30 uur in het raadhuis"),
        Para(
            f"Aanwezig: {chair} (voorzitter), {griffier} (griffier), {members[0]} ({f[0]}), "
            f"{members[1]} ({f[1]}), {members[2]} ({f[2]}), {members[3]} ({f[3]}) en "
            f"{c.n(14, 24)} andere leden. Wethouder: {wh} (wonen)."
        ),
        Heading("1 Opening en vaststelling van de agenda", 1),
        Para(
            "De voorzitter opent de vergadering en heet iedereen welkom, in het bijzonder de "
            "bewoners van de publieke tribune. De agenda wordt ongewijzigd vastgesteld."
        ),
        Heading("2 Vaststelling van de notulen van de vorige vergadering", 1),
        Para("De notulen worden zonder wijzigingen vastgesteld."),
        Heading("3 Vragenhalfuur", 1),
        Para(
            f"{members[0].capitalize()} ({f[0]}) vraagt waarom de wachttijd voor een sociale "
            f"huurwoning in {c.m} is opgelopen tot {c.n(6, 11)} jaar. Wethouder {wh} antwoordt dat "
            f"er te weinig is gebouwd en dat de gemeente met {corps} afspraken heeft gemaakt over "
            f"{c.n(150, 500)} nieuwe sociale huurwoningen tot {y + 4}."
        ),
        Heading("4 Prestatieafspraken wonen (raadsinformatiebrief)", 1),
        Para(
            f"{members[1].capitalize()} ({f[1]}) is blij dat de prestatieafspraken zijn "
            "ondertekend, maar mist afspraken over middenhuur. Zij vraagt of de corporaties "
            "voldoende investeren in de verduurzaming van hun woningen."
        ),
        Para(
            f"{members[2].capitalize()} ({f[2]}) vindt de afspraken over huisuitzettingen te "
            "vrijblijvend en kondigt een motie aan."
        ),
        Para(
            f"Wethouder {wh} licht toe dat de corporaties hun woningen met label E, F en G voor "
            f"{y + 3} verbeteren en dat de huurdersorganisaties aan tafel zaten. De wethouder zegt "
            "toe de raad voor de zomer te informeren over de voortgang van de nieuwbouw."
        ),
        Para(
            f"Motie M{c.n(1, 40)} ({f[2]}, {f[3]}) verzoekt het college in de volgende jaarschijf "
            "afspraken te maken over het voorkomen van huisuitzettingen. De motie wordt aangenomen "
            f"met {c.n(16, 25)} stemmen voor en {c.n(3, 10)} tegen."
        ),
        Heading("5 Bestemmingsplan " + c.district, 1),
        Para(
            f"De raad bespreekt het bestemmingsplan {c.district}, dat ruimte biedt voor "
            f"{c.n(80, 300)} woningen, waarvan {c.n(25, 40)}% sociale huur. "
            f"{members[3].capitalize()} ({f[3]}) vraagt naar de parkeernormen. Het voorstel "
            "wordt zonder stemming aangenomen."
        ),
        Heading("6 Toezeggingen en besluitenlijst", 1),
        ItemList(
            tuple(
                ListItem("•", t)
                for t in (
                    f"Wethouder {wh} informeert de raad voor 1 juli {y + 1} over de "
                    "voortgang van de "
                    "nieuwbouw van sociale huurwoningen.",
                    "Het college stuurt de raad de evaluatie van de huisvestingsverordening.",
                    f"De raad stelt het bestemmingsplan {c.district} vast.",
                    "De motie over huisuitzettingen is aangenomen.",
                )
            )
        ),
        Heading("7 Sluiting", 1),
        Para("De voorzitter sluit de vergadering om 22.40 uur."),
        Para(f"Vastgesteld in de vergadering van {c.n(1, 28)} december {y}."),
        Para(f"De griffier, {griffier}          De voorzitter, {chair}"),
    ]
    return blocks, f"Gemeenteraad {c.m} - notulen {y}"


def _raadsbrief(c: _Ctx) -> tuple[list[Block], str]:
    y = c.year
    corps = " en ".join(c.corps)
    summary = c.rng.random() < 0.5
    blocks: list[Block] = [
        Para(f"Gemeente {c.m}", style="title"),
        Para("Raadsinformatiebrief"),
        Para(f"Aan de gemeenteraad van {c.m}"),
        Para(f"Datum: {c.n(1, 28)} december {y}"),
        Para(f"Kenmerk: RIB-{y}-{c.n(100, 999)}"),
        Para(f"Onderwerp: ondertekening prestatieafspraken {y + 1}-{y + 4}"),
        Space(12),
        Para("Geachte leden van de raad,"),
        Para(
            f"Met deze brief informeren wij u over de prestatieafspraken die wij op "
            f"{c.n(1, 20)} december met {corps} en {c.tenants} hebben ondertekend. De afspraken "
            f"gelden voor de jaren {y + 1} tot en met {y + 4} en bouwen voort op de woonvisie."
        ),
        Para(
            "De onderhandelingen verliepen constructief. Alle partijen zijn zich bewust van de "
            "grote opgave: de wachttijden zijn lang, de bouwkosten hoog en veel huurders hebben "
            "moeite met hun woonlasten."
        ),
    ]
    if summary:
        blocks += [
            Para("De belangrijkste afspraken op een rij:"),
            bullets(
                [
                    f"de corporaties bouwen tot {y + 4} samen {c.n(150, 600)} sociale "
                    "huurwoningen;",
                    f"alle woningen met label E, F of G zijn voor {y + 3} verbeterd;",
                    "huurders met een betalingsachterstand krijgen binnen twee maanden een "
                    "huisbezoek;",
                    "de gemeente stelt bouwlocaties beschikbaar tegen een sociale grondprijs.",
                ]
            ),
        ]
    blocks += [
        Para(
            "De volledige tekst van de prestatieafspraken vindt u als bijlage bij deze brief. In "
            f"het voorjaar van {y + 1} bespreken wij graag met u de voortgang."
        ),
        Para(
            "Financiële gevolgen: de afspraken passen binnen de begroting. Communicatie: de "
            "partijen brengen een gezamenlijk persbericht uit."
        ),
        Space(12),
        Para("Met vriendelijke groet,"),
        Para(f"Burgemeester en wethouders van {c.m},"),
        Para(f"de secretaris, {c.people[0]}          de burgemeester, {c.people[1]}"),
    ]
    return blocks, ""


def _jaarverslag(c: _Ctx) -> tuple[list[Block], str]:
    y = c.year
    corp = c.corps[0]
    blocks: list[Block] = [
        Space(150),
        Para(f"Jaarverslag {y}", style="title"),
        Para(corp, style="subtitle"),
        PageBreak(),
        Heading("Voorwoord", 1),
        Para(
            f"{y} was voor {corp} een jaar van bouwen en verduurzamen. Wij hebben "
            f"{c.n(60, 250)} nieuwe huurwoningen opgeleverd en {c.n(200, 700)} woningen van "
            "isolatie en zonnepanelen voorzien. Tegelijk zagen wij dat meer huurders moeite hebben "
            "met het betalen van hun huur."
        ),
        Para(f"{c.people[2].capitalize()}, directeur-bestuurder"),
        Heading("1 Kerncijfers", 1),
        TableBlock(
            header=("Kerncijfer", str(y - 1), str(y)),
            rows=tuple(
                (k, str(c.n(a, b)), str(c.n(a, b)))
                for k, a, b in (
                    ("Verhuureenheden", 5000, 12000),
                    ("Opgeleverde nieuwbouw", 40, 300),
                    ("Verkochte woningen", 5, 60),
                    ("Huurachterstand (x 1.000 euro)", 200, 900),
                    ("Ontruimingen", 1, 12),
                )
            ),
            numeric=True,
        ),
        Heading("2 Volkshuisvestelijke prestaties", 1),
        Para(
            f"In {y} hebben wij met de gemeente {c.m} en {c.tenants} prestatieafspraken gemaakt. "
            "Hieronder leggen wij verantwoording af over de uitvoering daarvan."
        ),
        bullets(
            [
                f"Wij hebben {c.n(40, 200)} sociale huurwoningen opgeleverd in {c.district}.",
                f"{c.n(100, 500)} woningen zijn verduurzaamd naar minimaal label B.",
                f"{c.n(20, 80)} statushouders hebben een woning gekregen.",
                "De huurverhoging bleef onder de inflatie.",
            ]
        ),
        Para(
            f"Voor {y + 1} verwachten wij {c.n(50, 200)} woningen op te leveren. De "
            "bouwkosten blijven een risico voor onze investeringsplannen."
        ),
        Heading("3 Verslag van de Raad van Commissarissen", 1),
        Para(
            f"De Raad van Commissarissen vergaderde in {y} {c.n(5, 9)} keer. De raad heeft de "
            "jaarrekening en het bestuursverslag besproken met de accountant en keurt deze goed. "
            "De raad dankt de medewerkers voor hun inzet."
        ),
        Heading("4 Financiën", 1),
        Para(
            f"Het resultaat na belastingen bedraagt € {c.n(2, 40)},{c.n(1, 9)} miljoen. De "
            f"solvabiliteit op beleidswaarde is {c.n(30, 60)}% en de ICR {c.n(13, 25) / 10:.1f}. "
            "De Autoriteit woningcorporaties heeft geen bijzonderheden gemeld."
        ),
        TableBlock(
            header=("Post", "Begroting", "Realisatie"),
            rows=tuple(
                (k, f"{c.n(5, 90)}.{c.n(100, 999)}", f"{c.n(5, 90)}.{c.n(100, 999)}")
                for k in (
                    "Huuropbrengsten",
                    "Onderhoudslasten",
                    "Verhuurderheffing",
                    "Investeringen nieuwbouw",
                    "Rentelasten",
                )
            ),
            numeric=True,
        ),
    ]
    return blocks, f"{corp} - Jaarverslag {y}"


def _begroting(c: _Ctx) -> tuple[list[Block], str]:
    y = c.year
    programs = [
        ("Programma 1 Veiligheid", "Wij willen dat inwoners zich veilig voelen in hun buurt."),
        ("Programma 3 Economie", "Wij versterken het centrum en de bedrijventerreinen."),
        (
            "Programma 6 Sociaal domein",
            "Inwoners krijgen tijdig de zorg en ondersteuning die zij nodig hebben.",
        ),
        (
            "Programma 8 Wonen en ruimte",
            "Er zijn voldoende betaalbare woningen voor alle inwoners.",
        ),
    ]
    blocks: list[Block] = [
        Space(150),
        Para(f"Programmabegroting {y + 1}", style="title"),
        Para(f"Gemeente {c.m}", style="subtitle"),
        Para(f"Meerjarenraming {y + 2}-{y + 4}", style="center"),
        PageBreak(),
        Heading("Aanbiedingsbrief", 1),
        Para(
            f"Hierbij bieden wij u de programmabegroting {y + 1} aan. De begroting is "
            "sluitend; het "
            f"saldo bedraagt € {c.n(100, 900)}.000 positief. De gemeentefondsuitkering daalt vanaf "
            f"{y + 2}, waardoor wij keuzes moeten maken."
        ),
    ]
    for title, goal in programs:
        blocks += [
            Heading(title, 1),
            Heading("Wat willen we bereiken?", 2),
            Para(goal),
            Heading("Wat gaan we daarvoor doen?", 2),
        ]
        if "Wonen" in title:
            blocks.append(
                bullets(
                    [
                        f"We maken nieuwe prestatieafspraken met {c.corps[0]} en {c.corps[1]}.",
                        f"We faciliteren de bouw van {c.n(100, 400)} woningen, waarvan een derde "
                        "sociale huur.",
                        "We actualiseren de huisvestingsverordening.",
                        "We verstrekken duurzaamheidsleningen aan woningeigenaren.",
                    ]
                )
            )
        else:
            blocks.append(
                bullets(
                    [
                        "We zetten de ingezette koers voort.",
                        "We werken samen met maatschappelijke partners.",
                        "We monitoren de resultaten twee keer per jaar.",
                    ]
                )
            )
        blocks += [
            Heading("Wat mag het kosten?", 2),
            TableBlock(
                header=("Bedragen x € 1.000", str(y), str(y + 1), str(y + 2)),
                rows=(
                    ("Lasten", str(c.n(900, 9000)), str(c.n(900, 9000)), str(c.n(900, 9000))),
                    ("Baten", str(c.n(100, 900)), str(c.n(100, 900)), str(c.n(100, 900))),
                    ("Saldo", str(-c.n(500, 8000)), str(-c.n(500, 8000)), str(-c.n(500, 8000))),
                ),
                numeric=True,
            ),
        ]
    blocks += [
        Heading("Paragraaf weerstandsvermogen en risicobeheersing", 1),
        Para(
            f"De weerstandsratio is {c.n(12, 30) / 10:.1f}. De belangrijkste risico's zijn de "
            "stijgende kosten van jeugdzorg en de onzekerheid over de rijksbijdragen."
        ),
    ]
    return blocks, f"Programmabegroting {y + 1} gemeente {c.m}"


def _aanbesteding(c: _Ctx) -> tuple[list[Block], str]:
    y = c.year
    corp = c.corps[0]
    n = c.n(24, 120, 4)
    blocks: list[Block] = [
        Space(120),
        Para("Aanbestedingsleidraad", style="title"),
        Para(
            f"Renovatie en verduurzaming van {n} eengezinswoningen in {c.district}, {c.m}",
            style="subtitle",
        ),
        Para(f"Opdrachtgever: {corp}", style="center"),
        Para(
            f"Europese openbare aanbestedingsprocedure, kenmerk "
            f"{corp[:3].upper()}-{y}-{c.n(10, 99)}",
            style="center",
        ),
        PageBreak(),
        Heading("1 Inleiding", 1),
        Para(
            f"{corp} is een woningcorporatie met ongeveer {c.n(4, 12)}.000 woningen in {c.m}. In "
            f"het kader van de prestatieafspraken met de gemeente verduurzaamt {corp} de komende "
            f"jaren haar bezit. Deze aanbesteding betreft {n} woningen uit 1968 met energielabel F."
        ),
        Heading("2 De opdracht", 1),
        numbered(
            [
                ("2.1", "De opdrachtnemer isoleert gevels, daken en vloeren tot minimaal Rc 4,7."),
                ("2.2", "De opdrachtnemer vervangt de cv-ketels door individuele warmtepompen."),
                (
                    "2.3",
                    "De werkzaamheden worden uitgevoerd in bewoonde staat; de opdrachtnemer "
                    "stelt per blok een bewonersbegeleider aan.",
                ),
                (
                    "2.4",
                    f"De oplevering van het laatste blok vindt uiterlijk op 1 december "
                    f"{y + 1} plaats.",
                ),
            ]
        ),
        Heading("3 Planning van de procedure", 1),
        TableBlock(
            header=("Activiteit", "Datum"),
            rows=(
                ("Publicatie op TenderNed", f"{c.n(1, 28)} februari {y}"),
                ("Sluiting vragenronde", f"{c.n(1, 28)} maart {y}"),
                ("Nota van inlichtingen", f"{c.n(1, 28)} maart {y}"),
                ("Uiterste datum inschrijving", f"{c.n(1, 28)} april {y}"),
                ("Voorlopige gunning", f"{c.n(1, 28)} mei {y}"),
            ),
        ),
        Heading("4 Geschiktheidseisen en uitsluitingsgronden", 1),
        Para(
            "De inschrijver voegt een Uniform Europees Aanbestedingsdocument bij. De inschrijver "
            f"toont aan dat hij in de afgelopen vijf jaar ten minste twee vergelijkbare projecten "
            f"van elk minimaal {n // 2} woningen heeft uitgevoerd."
        ),
        Heading("5 Gunningscriteria", 1),
        Para("De opdracht wordt gegund op basis van de beste prijs-kwaliteitverhouding:"),
        TableBlock(
            header=("Criterium", "Weging"),
            rows=(
                ("Prijs", "40%"),
                ("Plan van aanpak bewonerscommunicatie", "25%"),
                ("Duurzaamheid en CO2-reductie", "20%"),
                ("Planning en risicobeheersing", "15%"),
            ),
        ),
        Heading("6 Voorwaarden", 1),
        Para(
            "Op deze aanbesteding zijn de UAV 2012 van toepassing. Inschrijvingen die te laat "
            "worden ingediend, worden terzijde gelegd. Klachten kunnen worden gemeld bij het "
            "klachtenmeldpunt van de opdrachtgever."
        ),
    ]
    return blocks, f"Aanbestedingsleidraad {corp} {y}"


def _bestemmingsplan(c: _Ctx) -> tuple[list[Block], str]:
    y = c.year
    d = c.district
    n = c.n(60, 400)
    blocks: list[Block] = [
        Space(150),
        Para(f"Bestemmingsplan {d}", style="title"),
        Para(f"Gemeente {c.m} - ontwerp, {y}", style="subtitle"),
        PageBreak(),
        Heading("Toelichting", 1),
        Heading("1 Aanleiding", 2),
        Para(
            f"Het plangebied {d} ligt aan de oostkant van {c.m}. Het voormalige bedrijventerrein "
            f"wordt herontwikkeld tot een woonwijk met ongeveer {n} woningen. De gemeente, "
            f"{c.corps[0]} en een ontwikkelaar hebben hiervoor een anterieure "
            "overeenkomst gesloten."
        ),
        Heading("2 Beleidskader", 2),
        Para(
            "Het plan past binnen de provinciale omgevingsverordening, de woonvisie en de "
            f"prestatieafspraken, waarin is vastgelegd dat ten minste {c.n(25, 40)}% van de "
            "nieuwbouw sociale huur is."
        ),
        Heading("3 Milieuaspecten", 2),
        Para(
            "Uit het bodemonderzoek blijkt dat de grond licht verontreinigd is. Het akoestisch "
            "onderzoek toont aan dat de voorkeursgrenswaarde op de gevels langs de Stationsweg "
            "wordt overschreden; een hogere waarde wordt vastgesteld."
        ),
        Heading("Regels", 1),
        Heading("Artikel 1 Begrippen", 2),
        numbered(
            [
                ("1.1", "plan: het bestemmingsplan " + d + " van de gemeente " + c.m + ";"),
                (
                    "1.2",
                    "sociale huurwoning: een huurwoning met een aanvangshuurprijs onder de "
                    "liberalisatiegrens;",
                ),
                (
                    "1.3",
                    "bouwvlak: een geometrisch bepaald vlak waarmee gronden zijn aangewezen "
                    "waar bouwwerken zijn toegelaten;",
                ),
            ]
        ),
        Heading("Artikel 3 Wonen", 2),
        numbered(
            [
                (
                    "3.1",
                    "De voor 'Wonen' aangewezen gronden zijn bestemd voor woningen, "
                    "aan-huis-verbonden beroepen, tuinen en erven.",
                ),
                (
                    "3.2",
                    f"Ten minste {c.n(25, 40)}% van de woningen in het plangebied wordt "
                    "gebouwd als sociale huurwoning.",
                ),
                (
                    "3.3",
                    f"De goothoogte bedraagt ten hoogste {c.n(6, 12)} meter en de bouwhoogte "
                    f"ten hoogste {c.n(10, 16)} meter.",
                ),
                (
                    "3.4",
                    "Burgemeester en wethouders kunnen bij omgevingsvergunning afwijken van "
                    "de bouwhoogte met ten hoogste 10%.",
                ),
            ]
        ),
        Heading("Artikel 4 Verkeer", 2),
        numbered(
            [
                (
                    "4.1",
                    "De voor 'Verkeer' aangewezen gronden zijn bestemd voor wegen, fiets- en "
                    "voetpaden, parkeervoorzieningen en groen.",
                ),
            ]
        ),
        Heading("Artikel 12 Slotregel", 2),
        Para(f"Deze regels worden aangehaald als: Regels van het bestemmingsplan {d}."),
    ]
    return blocks, f"Bestemmingsplan {d} - gemeente {c.m}"


_BUILDERS: dict[str, Callable[[_Ctx], tuple[list[Block], str]]] = {
    "woonvisie": _woonvisie,
    "raadsnotulen": _raadsnotulen,
    "raadsbrief": _raadsbrief,
    "jaarverslag": _jaarverslag,
    "begroting": _begroting,
    "aanbesteding": _aanbesteding,
    "bestemmingsplan": _bestemmingsplan,
}


def build_municipal_pdf(kind: str, path: Path, *, municipality: str, seed: int) -> int:
    """Write a non-agreement municipal document of `kind` to `path`; return its page count."""
    if kind not in _BUILDERS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")
    ctx = _Ctx(municipality, seed, kind)
    blocks, header = _BUILDERS[kind](ctx)
    path.parent.mkdir(parents=True, exist_ok=True)
    result = render_pdf(
        blocks, path, header=header, footer="pagina {n}", plain_first_page=bool(header)
    )
    return result.page_count
