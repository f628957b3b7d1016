"""The agreement sentences of the list layouts, invented, labelled per docs/domain.md §3.

Each entry is (theme code, expected type, template); the template's slots ({C}, {Y}, {W}, ...)
are filled by `samples.context.Slots` from the document's seeded generator.
"""

from __future__ import annotations

SENTENCES: tuple[tuple[str, str, str], ...] = (
    # betaalbaarheid
    (
        "betaalbaarheid",
        "concreet",
        "{C} wijst ten minste {P95}% van de vrijkomende sociale huurwoningen passend toe aan "
        "huishoudens met recht op huurtoeslag.",
    ),
    (
        "betaalbaarheid",
        "intentie",
        "Partijen streven ernaar de woonlasten van huurders met een laag inkomen betaalbaar te "
        "houden.",
    ),
    (
        "betaalbaarheid",
        "concreet",
        "De corporaties beperken de gemiddelde huurverhoging in {Y} tot {PHV}%, waarbij woningen "
        "met "
        "een huur boven de aftoppingsgrens geen hogere verhoging krijgen dan de inflatie.",
    ),
    (
        "betaalbaarheid",
        "intentie",
        "Uitgangspunt is dat ten minste {P70}% van de sociale huurvoorraad een huurprijs onder de "
        "aftoppingsgrens houdt.",
    ),
    (
        "betaalbaarheid",
        "concreet",
        "{C} verlaagt in {Y} de huur van {N} woningen van huishoudens met een te hoge huurquote "
        "naar "
        "de aftoppingsgrens.",
    ),
    (
        "betaalbaarheid",
        "proces",
        "Partijen monitoren jaarlijks de ontwikkeling van de huurprijzen en bespreken de "
        "uitkomsten in "
        "het bestuurlijk overleg van het najaar.",
    ),
    (
        "betaalbaarheid",
        "concreet",
        "{C} biedt huurders met een aantoonbare inkomensdaling een tijdelijke huurverlaging aan.",
    ),
    (
        "betaalbaarheid",
        "intentie",
        "Partijen zetten zich in om de huur van nieuwbouwwoningen zoveel mogelijk onder de tweede "
        "aftoppingsgrens te houden.",
    ),
    # armoede (placed in the betaalbaarheid chapter, as many documents do)
    (
        "armoede",
        "concreet",
        "{C} neemt binnen twee weken na een tweede gemiste huurbetaling persoonlijk contact op "
        "met de "
        "huurder en meldt de achterstand bij het meldpunt vroegsignalering van de gemeente.",
    ),
    (
        "armoede",
        "proces",
        "De gemeente en de corporaties wisselen maandelijks gegevens uit over huurachterstanden "
        "binnen "
        "het convenant vroegsignalering.",
    ),
    (
        "armoede",
        "concreet",
        "{C} gaat in {Y} niet over tot ontruiming wegens huurachterstand zonder voorafgaand "
        "overleg "
        "met de schuldhulpverlening van de gemeente.",
    ),
    (
        "armoede",
        "intentie",
        "Partijen streven ernaar het aantal huisuitzettingen terug te brengen tot nul.",
    ),
    # beschikbaarheid
    (
        "beschikbaarheid",
        "intentie",
        "Partijen streven naar een groei van de sociale huurvoorraad met ten minste {N2} "
        "woningen tot "
        "en met {END}.",
    ),
    (
        "beschikbaarheid",
        "concreet",
        "{C} verkoopt in de periode {START}-{END} maximaal {N} woningen, uitsluitend vrijkomende "
        "eengezinswoningen in de complexen aan de {STREET}.",
    ),
    (
        "beschikbaarheid",
        "concreet",
        "{C} liberaliseert tot en met {END} geen sociale huurwoningen.",
    ),
    (
        "beschikbaarheid",
        "proces",
        "De gemeente en de corporaties onderzoeken in {Y} gezamenlijk hoe de doorstroming van "
        "ouderen "
        "uit grote eengezinswoningen kan worden bevorderd.",
    ),
    (
        "beschikbaarheid",
        "concreet",
        "De corporaties stellen jaarlijks {N} woningen beschikbaar voor de doorstroomregeling "
        "'Van groot naar beter'.",
    ),
    (
        "beschikbaarheid",
        "intentie",
        "Het behoud van de slaagkans van starters op de woningmarkt is een gezamenlijk "
        "uitgangspunt.",
    ),
    (
        "beschikbaarheid",
        "proces",
        "Partijen delen ieder halfjaar de gegevens over inschrijfduur, zoektijd en slaagkans uit "
        "het "
        "woonruimteverdeelsysteem.",
    ),
    (
        "beschikbaarheid",
        "concreet",
        "De gemeente past voor {D} de huisvestingsverordening aan, zodat de corporaties tot 25% "
        "van "
        "de vrijkomende woningen met lokaal maatwerk kunnen toewijzen.",
    ),
    # nieuwbouw
    (
        "nieuwbouw",
        "concreet",
        "{C} realiseert in {Y} {NB} sociale huurwoningen in het plan {PROJECT}.",
    ),
    (
        "nieuwbouw",
        "concreet",
        "De gemeente stelt de locatie {PROJECT} uiterlijk {D} beschikbaar voor de bouw van ten "
        "minste "
        "{NB} sociale huurwoningen tegen een grondprijs van € {GP} per woning.",
    ),
    (
        "nieuwbouw",
        "intentie",
        "Partijen hebben de ambitie om tot en met {END} in totaal {NB2} sociale huurwoningen toe "
        "te "
        "voegen, mits de financiering rond komt.",
    ),
    (
        "nieuwbouw",
        "concreet",
        "De gemeente neemt in nieuwe bestemmingsplannen een aandeel van minimaal 30% sociale "
        "huur op.",
    ),
    (
        "nieuwbouw",
        "proces",
        "Partijen stemmen ieder kwartaal de planning van de nieuwbouwprojecten af in het "
        "projectenoverleg wonen.",
    ),
    (
        "nieuwbouw",
        "intentie",
        "Bij nieuwbouw wordt zoveel mogelijk ingezet op flexibele en betaalbare woonvormen.",
    ),
    (
        "nieuwbouw",
        "concreet",
        "{C} start voor het einde van {Y} met de bouw van {N} tijdelijke woningen aan de {STREET}.",
    ),
    (
        "nieuwbouw",
        "concreet",
        "Alle nieuwbouw van de corporaties wordt gasloos gebouwd en voldoet aan de BENG-eisen.",
    ),
    # duurzaamheid
    (
        "duurzaamheid",
        "concreet",
        "{C} verbetert in {Y} {NL} woningen met energielabel E, F of G naar ten minste label B.",
    ),
    ("duurzaamheid", "intentie", "Partijen streven naar een CO2-neutrale woningvoorraad in 2050."),
    (
        "duurzaamheid",
        "concreet",
        "{C} plaatst in de periode {START}-{END} zonnepanelen op {NL} eengezinswoningen, zonder "
        "huurverhoging voor de zittende huurder.",
    ),
    (
        "duurzaamheid",
        "concreet",
        "Uiterlijk eind 2028 heeft {C} geen woningen meer met een E-, F- of G-label.",
    ),
    (
        "duurzaamheid",
        "proces",
        "De gemeente en de corporaties stemmen de wijkuitvoeringsplannen voor aardgasvrije wijken "
        "jaarlijks met elkaar af.",
    ),
    (
        "duurzaamheid",
        "concreet",
        "De gemeente stelt voor {Y} € {A} miljoen beschikbaar voor klimaatadaptieve maatregelen in "
        "{W}, zoals het afkoppelen van regenwater en het vergroenen van binnenterreinen.",
    ),
    (
        "duurzaamheid",
        "intentie",
        "De corporaties zetten in op het verlagen van de energielasten van huurders, met "
        "bijzondere "
        "aandacht voor de rode complexen.",
    ),
    (
        "duurzaamheid",
        "concreet",
        "{H} organiseert twee keer per jaar een energiecafé waar huurders advies krijgen over "
        "energiebesparing.",
    ),
    # leefbaarheid
    ("leefbaarheid", "concreet", "{C} zet in {W} een wijkbeheerder in voor 24 uur per week."),
    (
        "leefbaarheid",
        "intentie",
        "Partijen bevorderen de sociale samenhang in de wijken en ondersteunen initiatieven van "
        "bewoners.",
    ),
    (
        "leefbaarheid",
        "proces",
        "De wijkteams, de politie en de corporaties overleggen maandelijks over signalen van "
        "woonoverlast.",
    ),
    (
        "leefbaarheid",
        "concreet",
        "De gemeente start in {Y} een pilot buurtbemiddeling in {W} en {W2}.",
    ),
    (
        "leefbaarheid",
        "concreet",
        "{C} besteedt jaarlijks ten hoogste € {LB} per woning aan leefbaarheid.",
    ),
    (
        "leefbaarheid",
        "intentie",
        "Zelfbeheer door bewoners van complexen wordt waar mogelijk gestimuleerd.",
    ),
    (
        "leefbaarheid",
        "concreet",
        "{C} richt in {Y} in {W} een ontmoetingsruimte in die bewoners zelf beheren.",
    ),
    (
        "leefbaarheid",
        "proces",
        "Partijen stellen voor {D} gezamenlijk een wijkaanpak op voor {W} en evalueren deze na een "
        "jaar met de bewoners.",
    ),
    # wonen_zorg
    (
        "wonen_zorg",
        "concreet",
        "{C} labelt jaarlijks {N} vrijkomende gelijkvloerse woningen voor ouderen van 65 jaar en "
        "ouder.",
    ),
    (
        "wonen_zorg",
        "intentie",
        "Partijen zetten zich in om ouderen zo lang mogelijk zelfstandig thuis te laten wonen.",
    ),
    (
        "wonen_zorg",
        "concreet",
        "De gemeente behandelt aanvragen voor woningaanpassingen uit de Wmo binnen zes weken.",
    ),
    (
        "wonen_zorg",
        "proces",
        "Partijen maken in {Y} een gezamenlijke analyse van de vraag naar zorggeschikte woningen "
        "tot "
        "2030 en bespreken de uitkomsten met de zorgaanbieders.",
    ),
    (
        "wonen_zorg",
        "concreet",
        "{C} stelt jaarlijks {NS} woningen beschikbaar voor uitstroom uit beschermd wonen en de "
        "maatschappelijke opvang.",
    ),
    (
        "wonen_zorg",
        "concreet",
        "De gemeente zorgt bij iedere uitstromer voor begeleiding gedurende ten minste twaalf "
        "maanden "
        "na de verhuizing.",
    ),
    (
        "wonen_zorg",
        "intentie",
        "Bij nieuwbouw gaat de voorkeur uit naar levensloopbestendige woningen nabij "
        "voorzieningen.",
    ),
    # bijzondere_doelgroepen
    (
        "bijzondere_doelgroepen",
        "concreet",
        "De corporaties huisvesten de vergunninghouders die aan de gemeente worden toegewezen, "
        "naar "
        "rato van hun woningbezit.",
    ),
    (
        "bijzondere_doelgroepen",
        "concreet",
        "{C} stelt in {Y} {N} woningen beschikbaar voor jongeren tot 23 jaar met een huurprijs "
        "onder "
        "de kwaliteitskortingsgrens.",
    ),
    (
        "bijzondere_doelgroepen",
        "proces",
        "De gemeente informeert de corporaties elk halfjaar over de taakstelling voor de "
        "huisvesting "
        "van vergunninghouders.",
    ),
    (
        "bijzondere_doelgroepen",
        "intentie",
        "Partijen willen dat de huisvesting van arbeidsmigranten niet ten koste gaat van de "
        "slaagkans "
        "van andere woningzoekenden.",
    ),
    (
        "bijzondere_doelgroepen",
        "concreet",
        "De gemeente richt uiterlijk {D} een urgentiecommissie in die elke aanvraag binnen acht "
        "weken "
        "behandelt.",
    ),
    (
        "bijzondere_doelgroepen",
        "concreet",
        "{C} realiseert voor eind {END} twee nieuwe standplaatsen voor woonwagens aan de {STREET}.",
    ),
    (
        "bijzondere_doelgroepen",
        "intentie",
        "Uitgangspunt is dat urgent woningzoekenden niet langer dan zes maanden op een passende "
        "woning wachten.",
    ),
    # a few long agreements (40-60 words), as Word documents often contain
    (
        "betaalbaarheid",
        "concreet",
        "{C} past vanaf 1 juli {Y} bij iedere nieuwe verhuring de streefhuur toe die hoort bij de "
        "kwaliteit van de woning, met dien verstande dat ten minste {P70}% van de vrijkomende "
        "woningen een huur onder de aftoppingsgrens krijgt en dat woningen met label E, F of G "
        "niet "
        "boven de eerste aftoppingsgrens worden verhuurd.",
    ),
    (
        "leefbaarheid",
        "intentie",
        "Partijen willen dat iedere inwoner zich thuis voelt in de eigen buurt; daarom zetten "
        "zij in "
        "op schone en veilige woonomgevingen, op ontmoeting tussen oude en nieuwe bewoners en op "
        "het versterken van de sociale netwerken in de wijken waar de leefbaarheid onder druk "
        "staat, "
        "zoals {W} en {W2}.",
    ),
    (
        "duurzaamheid",
        "concreet",
        "{C} voert in {Y} in {W} een proef uit met {N} nul-op-de-meterwoningen, waarbij de "
        "energieprestatievergoeding niet hoger is dan de gemiddelde energierekening van de huurder "
        "in de drie jaar voor de renovatie en de huurder vooraf een onafhankelijk advies krijgt "
        "over de gevolgen voor zijn woonlasten.",
    ),
    (
        "wonen_zorg",
        "proces",
        "De gemeente, de corporaties en de zorgaanbieders komen ieder halfjaar bijeen om de "
        "wachtlijsten voor beschermd wonen, de beschikbare woningen voor uitstroom en de "
        "knelpunten "
        "in de begeleiding te bespreken, en leggen de afspraken die zij daarover maken vast in een "
        "kort verslag dat ook aan de huurdersorganisaties wordt gestuurd.",
    ),
    # samenwerking
    (
        "samenwerking",
        "proces",
        "Partijen houden twee keer per jaar een bestuurlijk overleg over de voortgang van de "
        "afspraken.",
    ),
    (
        "samenwerking",
        "proces",
        "{C} levert jaarlijks voor 1 juli een bod aan de gemeente en de huurdersorganisatie.",
    ),
    (
        "samenwerking",
        "proces",
        "De gemeente stelt jaarlijks in overleg met partijen een monitor van de afspraken op en "
        "deelt "
        "deze voor 1 april met de gemeenteraad.",
    ),
    (
        "samenwerking",
        "proces",
        "Partijen betrekken de huurdersorganisaties tijdig bij de voorbereiding van nieuwe "
        "afspraken, "
        "uiterlijk acht weken voor het eerste overleg.",
    ),
    (
        "samenwerking",
        "proces",
        "Geschillen over de uitvoering van deze afspraken worden eerst in het bestuurlijk overleg "
        "besproken; komen partijen er niet uit, dan kan elk van hen de minister om een oordeel "
        "vragen.",
    ),
    (
        "samenwerking",
        "proces",
        "Partijen evalueren de samenwerking in {Y} aan de hand van een korte enquête onder de "
        "betrokken medewerkers en bestuurders.",
    ),
)
