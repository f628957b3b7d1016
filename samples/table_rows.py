"""The table rows of the samples: actor-table agreements and jaarschijf indicators (invented).

Actor rows hold a joint agreement and what each party contributes (docs/domain.md §2); the
indicators fill the yearly target table of the numbered layout's annex.
"""

from __future__ import annotations

# Actor-table rows: (theme, type, headline, gemeente cell, corporation cells, tenants cell).
ACTOR_ROWS: tuple[tuple[str, str, str, str, tuple[str, ...], str], ...] = (
    (
        "betaalbaarheid",
        "concreet",
        "Passend toewijzen en betaalbare huren",
        "Neemt voorlichting over huurtoeslag op in het sociaal loket en verwijst huurders met "
        "betalingsproblemen binnen een week door naar het wijkteam.",
        (
            "Wijst ten minste {P95}% van de vrijkomende woningen passend toe en houdt {P70}% van "
            "de "
            "voorraad onder de aftoppingsgrens.",
            "Beperkt de huurverhoging in {Y} tot {PHV}% en past geen inkomensafhankelijke "
            "huurverhoging toe.",
        ),
        "Brengt jaarlijks voor 1 april een advies uit over het huurbeleid.",
    ),
    (
        "betaalbaarheid",
        "intentie",
        "Betaalbaarheid voor de laagste inkomens borgen",
        "Zet zich in voor een goed bereik van de minimaregelingen.",
        (
            "Streeft naar een gematigd huurbeleid met aandacht voor de totale woonlasten.",
            "Houdt zoveel mogelijk rekening met de woonlasten van huishoudens met een laag "
            "inkomen.",
        ),
        "",
    ),
    (
        "armoede",
        "concreet",
        "Voorkomen van huurachterstanden en huisuitzettingen",
        "Biedt binnen drie werkdagen na een melding een gesprek aan met de schuldhulpverlening.",
        (
            "Meldt huurachterstanden vanaf één maand bij het meldpunt vroegsignalering en neemt "
            "binnen "
            "twee weken contact op met de huurder.",
            "Zet geen huurder uit zonder huisbezoek en stelt een betalingsregeling van ten minste "
            "twaalf maanden voor.",
        ),
        "Werft in {Y} vijf vrijwillige thuisadministrateurs voor huurders met geldzorgen.",
    ),
    (
        "beschikbaarheid",
        "concreet",
        "Omvang van de sociale huurvoorraad",
        "Legt de omvang van de kernvoorraad van {N2} woningen vast in de woonvisie {Y}.",
        (
            "Verkoopt maximaal {N} woningen per jaar en liberaliseert tot en met {END} geen "
            "woningen.",
            "Houdt het aantal sociale huurwoningen tot en met {END} op ten minste het niveau van "
            "1 januari {START}.",
        ),
        "",
    ),
    (
        "beschikbaarheid",
        "proces",
        "Woonruimteverdeling en slaagkansen",
        "Levert jaarlijks de cijfers over woningzoekenden per kern aan de corporaties.",
        (
            "Deelt per kwartaal de gegevens over inschrijfduur, reacties en toewijzingen.",
            "Bespreekt de slaagkansen twee keer per jaar met de gemeente in het ambtelijk overleg.",
        ),
        "Bespreekt de uitkomsten met de achterban en geeft een zienswijze.",
    ),
    (
        "beschikbaarheid",
        "intentie",
        "Doorstroming bevorderen",
        "Verkent de wenselijkheid van een doorstroommakelaar.",
        (
            "Zet in op het verleiden van ouderen om te verhuizen naar een passende woning.",
            "Wil de doorstroming uit eengezinswoningen waar mogelijk stimuleren.",
        ),
        "Denkt mee over de voorwaarden van een doorstroomregeling.",
    ),
    (
        "nieuwbouw",
        "concreet",
        "Toevoegen van sociale huurwoningen",
        "Stelt de locaties {PROJECT} en {PROJECT2} beschikbaar tegen een sociale grondprijs van "
        "€ {GP} per woning.",
        (
            "Realiseert in de periode {START}-{END} {NB} sociale huurwoningen, waarvan ten "
            "minste een "
            "derde gelijkvloers.",
            "Start in {Y} met de bouw van {NB} woningen in {PROJECT2}, waarvan 60% sociale huur.",
        ),
        "Wordt bij elk project voor het definitief ontwerp betrokken via een klankbordgroep.",
    ),
    (
        "nieuwbouw",
        "proces",
        "Planning en afstemming nieuwbouw",
        "Organiseert ieder kwartaal een projectenoverleg wonen.",
        (
            "Levert jaarlijks voor 1 september een geactualiseerde projectenplanning aan.",
            "Meldt vertraging in projecten binnen een maand in het projectenoverleg.",
        ),
        "",
    ),
    (
        "nieuwbouw",
        "intentie",
        "Versnellen van de woningbouw",
        "Streeft ernaar de procedures voor sociale woningbouw te versnellen.",
        (
            "Zet zich in om de bouwproductie op peil te houden, mits de financiële ruimte dit "
            "toelaat.",
            "Wil bijdragen aan de woningbouwopgave, afhankelijk van de beschikbare locaties.",
        ),
        "",
    ),
    (
        "duurzaamheid",
        "concreet",
        "Verduurzaming van de bestaande voorraad",
        "Stelt een subsidie van € {A} miljoen beschikbaar voor de aanpak van {W}.",
        (
            "Verbetert uiterlijk in 2028 alle woningen met label E, F of G; in {Y} gaat het om "
            "{NL} "
            "woningen.",
            "Isoleert in {Y} {NL} woningen in {W} en plaatst waar mogelijk zonnepanelen zonder "
            "huurverhoging.",
        ),
        "Stelt per complex samen met de corporatie een bewonersplan op.",
    ),
    (
        "duurzaamheid",
        "intentie",
        "Aardgasvrije wijken",
        "Streeft naar een aardgasvrij {W} in 2035.",
        (
            "Sluit waar mogelijk aan bij de wijkaanpak van de gemeente.",
            "Wil de complexen in {W} op termijn aardgasvrij maken.",
        ),
        "Vraagt aandacht voor de woonlasten van huurders.",
    ),
    (
        "duurzaamheid",
        "concreet",
        "Energiebesparing bij huurders",
        "Zet in {Y} energiecoaches in voor {N2} huishoudens.",
        (
            "Plaatst bij elke mutatie ledverlichting en waterbesparende douchekoppen.",
            "Vervangt in {Y} bij {NL} woningen de enkele beglazing door HR++-glas.",
        ),
        "Organiseert twee energiecafés per jaar.",
    ),
    (
        "leefbaarheid",
        "concreet",
        "Schone, hele en veilige wijken",
        "Voert in {Y} een extra schouw uit in {W} en herstelt gebreken in de openbare ruimte "
        "binnen "
        "vier weken.",
        (
            "Zet een wijkbeheerder in voor 16 uur per week per complex boven de 40 woningen.",
            "Besteedt jaarlijks € {LB} per woning aan leefbaarheid, waarvan een deel via "
            "bewonersbudgetten.",
        ),
        "Wijst per complex een contactpersoon aan.",
    ),
    (
        "leefbaarheid",
        "proces",
        "Aanpak woonoverlast",
        "Coördineert het maandelijkse overleg over overlastsituaties.",
        (
            "Neemt deel aan het overleg en deelt signalen binnen de kaders van de "
            "privacywetgeving.",
            "Bespreekt complexe overlastzaken in het casusoverleg met wijkteam en politie.",
        ),
        "",
    ),
    (
        "leefbaarheid",
        "intentie",
        "Versterken van de leefbaarheid",
        "Ondersteunt bewonersinitiatieven.",
        (
            "Draagt bij aan prettige en veilige wijken.",
            "Zet zich in voor ontmoeting tussen bewoners.",
        ),
        "Stimuleert bewonersparticipatie.",
    ),
    (
        "wonen_zorg",
        "concreet",
        "Geschikte woningen voor ouderen",
        "Behandelt aanvragen voor woningaanpassingen binnen zes weken.",
        (
            "Labelt jaarlijks {N} vrijkomende gelijkvloerse woningen voor 65-plussers.",
            "Maakt in {Y} {NS} portiekflats in {W} rollatortoegankelijk.",
        ),
        "",
    ),
    (
        "wonen_zorg",
        "concreet",
        "Uitstroom uit beschermd wonen",
        "Regelt voor iedere uitstromer begeleiding gedurende ten minste een jaar.",
        (
            "Stelt in {Y} {NS} woningen beschikbaar voor uitstroom uit beschermd wonen en de "
            "maatschappelijke opvang.",
            "Stelt jaarlijks {NS} woningen beschikbaar voor uitstroom en sluit per huurder een "
            "driepartijenovereenkomst.",
        ),
        "",
    ),
    (
        "wonen_zorg",
        "proces",
        "Zorgvastgoed en langer thuis",
        "Brengt in {Y} samen met de corporaties en zorgaanbieders de vraag naar zorgwoningen in "
        "beeld.",
        (
            "Levert gegevens over geschikte woningen aan voor de analyse.",
            "Neemt deel aan het regionale overleg wonen en zorg.",
        ),
        "Brengt signalen van oudere huurders in.",
    ),
    (
        "bijzondere_doelgroepen",
        "concreet",
        "Huisvesting vergunninghouders",
        "Informeert de corporaties ieder halfjaar over de taakstelling en zorgt voor "
        "maatschappelijke begeleiding.",
        (
            "Huisvest naar rato van het woningbezit de vergunninghouders die aan de gemeente zijn "
            "toegewezen.",
            "Stelt in {Y} {N} woningen beschikbaar voor vergunninghouders, waarvan een deel voor "
            "woningdelers.",
        ),
        "",
    ),
    (
        "bijzondere_doelgroepen",
        "intentie",
        "Woonruimte voor jongeren",
        "Zet zich in voor meer woonruimte voor jongeren.",
        (
            "Streeft naar een groter aanbod van kleine, goedkope woningen.",
            "Wil waar mogelijk tijdelijke huurcontracten voor jongeren aanbieden.",
        ),
        "",
    ),
    (
        "bijzondere_doelgroepen",
        "concreet",
        "Urgentie en maatwerk",
        "Behandelt urgentieaanvragen binnen acht weken en wijst één vast aanspreekpunt aan.",
        (
            "Stelt jaarlijks {N} woningen beschikbaar voor urgent woningzoekenden.",
            "Reserveert jaarlijks {N} woningen voor maatwerk op voordracht van de gemeente.",
        ),
        "",
    ),
    (
        "samenwerking",
        "proces",
        "Overleg en monitoring",
        "Organiseert twee keer per jaar een bestuurlijk overleg en stelt jaarlijks de monitor op.",
        (
            "Levert voor 1 maart de cijfers over het voorgaande jaar aan.",
            "Levert jaarlijks voor 1 juli een bod op de woonvisie.",
        ),
        "Neemt deel aan het bestuurlijk overleg en geeft een zienswijze op de monitor.",
    ),
    (
        "samenwerking",
        "proces",
        "Betrokkenheid van huurders",
        "Nodigt de huurdersorganisaties uit voor elk overleg over de prestatieafspraken.",
        (
            "Informeert de huurdersorganisatie tijdig over voorgenomen beleid.",
            "Bespreekt het bod voor verzending met de huurdersorganisatie.",
        ),
        "Raadpleegt jaarlijks de achterban over de uitvoering van de afspraken.",
    ),
)

# Jaarschijf indicators: (indicator, theme, value choices).
JAARSCHIJF_INDICATORS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Nieuwbouw sociale huur (aantal)", "nieuwbouw", ("24", "36", "40", "52", "64", "80")),
    ("Nieuwbouw middenhuur (aantal)", "nieuwbouw", ("0", "12", "18", "24")),
    ("Verkoop (aantal)", "beschikbaarheid", ("4", "6", "8", "10")),
    ("Sloop (aantal)", "beschikbaarheid", ("0", "16", "24", "32")),
    ("Liberalisatie (aantal)", "beschikbaarheid", ("0",)),
    ("Woningen met label E, F of G verbeterd", "duurzaamheid", ("60", "85", "110", "140")),
    ("Woningen voorzien van zonnepanelen", "duurzaamheid", ("50", "75", "100", "120")),
    ("Gemiddelde huurverhoging (%)", "betaalbaarheid", ("2,5", "2,8", "3,1", "3,5")),
    ("Passend toegewezen (% van de toewijzingen)", "betaalbaarheid", ("95", "96", "97")),
    ("Woningen gelabeld voor ouderen (aantal)", "wonen_zorg", ("10", "15", "20")),
    ("Woningen voor uitstroom beschermd wonen (aantal)", "wonen_zorg", ("4", "6", "8")),
    ("Vergunninghouders gehuisvest (personen)", "bijzondere_doelgroepen", ("30", "42", "55")),
    ("Budget leefbaarheid (€ per woning)", "leefbaarheid", ("95", "110", "135")),
)
