"""The chapters of the samples: one per theme (codes of docs/domain.md §5), with an introduction.

Each entry of `THEME_TITLES` is (chapter code, chapter title, theme codes of its agreements).
"""

from __future__ import annotations

THEME_TITLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("betaalbaarheid", "Betaalbaarheid en woonlasten", ("betaalbaarheid", "armoede")),
    ("beschikbaarheid", "Beschikbaarheid en woonruimteverdeling", ("beschikbaarheid",)),
    ("nieuwbouw", "Nieuwbouw", ("nieuwbouw",)),
    ("duurzaamheid", "Duurzaamheid", ("duurzaamheid",)),
    ("leefbaarheid", "Leefbaarheid", ("leefbaarheid",)),
    ("wonen_zorg", "Wonen en zorg", ("wonen_zorg",)),
    ("bijzondere_doelgroepen", "Bijzondere doelgroepen", ("bijzondere_doelgroepen",)),
    ("samenwerking", "Samenwerking en monitoring", ("samenwerking",)),
)

THEME_INTROS: dict[str, str] = {
    "betaalbaarheid": "De woonlasten van huurders zijn de afgelopen jaren gestegen. In de "
    "woonvisie "
    "staat dat betaalbaarheid voor de laagste inkomens voorop staat. Dit hoofdstuk beschrijft wat "
    "partijen daarvoor doen.",
    "beschikbaarheid": "Het aantal woningzoekenden groeit, terwijl er weinig woningen vrijkomen. "
    "De gemiddelde zoektijd bedroeg vorig jaar ruim drie jaar.",
    "nieuwbouw": "De regio heeft een grote bouwopgave. Een deel van de nieuwe woningen komt op "
    "locaties die de gemeente in eigendom heeft.",
    "duurzaamheid": "De corporaties hebben een groot deel van hun bezit al verbeterd. De opgave "
    "verschuift naar complexen met slechte labels en naar klimaatadaptatie.",
    "leefbaarheid": "In enkele buurten staat de leefbaarheid onder druk. De wijkmonitor laat "
    "vooral in de oudere wijken een daling zien.",
    "wonen_zorg": "Het aantal inwoners boven de 75 jaar verdubbelt tot 2040. Meer mensen met een "
    "zorgvraag wonen zelfstandig.",
    "bijzondere_doelgroepen": "Verschillende groepen hebben met voorrang een woning nodig. "
    "Partijen "
    "verdelen die opgave evenwichtig over de kernen.",
    "samenwerking": "Partijen werken al jaren samen. Dit hoofdstuk legt vast hoe zij dat de "
    "komende jaren doen.",
}
