"""Invented names and places of the samples, and the parties of each shipped municipality.

`PRESETS` fixes the corporations and tenant organisation of the three shipped samples; other
municipalities draw theirs from the pools with a seeded generator.
"""

from __future__ import annotations

NEIGHBOURHOODS = (
    "het Oosterkwartier",
    "De Brink",
    "de Molenwijk",
    "de Zuidrand",
    "Het Veld",
    "de Kerkebuurt",
    "de Bloemenbuurt",
    "Noorderhof",
)
STREETS = ("Lindelaan", "Havenstraat", "Molenweg", "Esdoornstraat", "Dijkweg", "Kastanjehof")
PROJECTS = (
    "Nieuwe Akker",
    "Kop van de Haven",
    "Schoolterrein Noord",
    "De Boomgaard",
    "Stationskwartier",
    "Weverspark",
)
MONTHS = ("1 april", "1 juli", "1 oktober", "1 december")
SIGNATORIES = (
    ("J.W. van Dalen", "wethouder Wonen"),
    ("A. Kooistra", "directeur-bestuurder"),
    ("M. El Amrani", "directeur-bestuurder"),
    ("P. de Wit", "voorzitter"),
    ("T. Brouwer-Smit", "bestuurder"),
    ("H. Veenstra", "voorzitter"),
    ("R. Nijboer", "wethouder Volkshuisvesting"),
    ("S. Oosterhuis", "directeur Wonen"),
)
CORP_POOL = (
    "Woonstichting De Linde",
    "Wolder Wonen",
    "Stichting Eemwonen",
    "Woningstichting Het Baken",
    "Woonpartners Zuid",
    "Havenwoningen",
    "Woonkracht Oost",
    "Stichting Thuis aan de Vaart",
)
TENANT_POOL = (
    "Huurdersvereniging De Sleutel",
    "Huurdersbelangenvereniging Eemdal",
    "Huurdersraad Zuiderhaven",
    "Bewonersraad De Vaart",
)

PRESETS: dict[str, tuple[tuple[str, ...], str]] = {
    "Wolderwijk": (("Woonstichting De Linde", "Wolder Wonen"), "Huurdersvereniging De Sleutel"),
    "Eemdal": (
        ("Stichting Eemwonen", "Woningstichting Het Baken"),
        "Huurdersbelangenvereniging Eemdal",
    ),
    "Zuiderhaven": (("Woonpartners Zuid", "Havenwoningen"), "Huurdersraad Zuiderhaven"),
}

PERIODS: dict[str, tuple[int, int]] = {
    "bullets": (2024, 2027),
    "actor_table": (2025, 2029),
    "numbered": (2025, 2027),
}
