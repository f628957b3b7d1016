"""Dutch display names of the label values, for the review workbook and the report."""

from __future__ import annotations

from pipeline.models import AGREEMENT_TYPES, SMART_VERDICTS, THEME_CODES

THEME_LABELS = {
    "betaalbaarheid": "Betaalbaarheid",
    "beschikbaarheid": "Beschikbaarheid",
    "nieuwbouw": "Nieuwbouw",
    "duurzaamheid": "Duurzaamheid",
    "leefbaarheid": "Leefbaarheid",
    "wonen_zorg": "Wonen en zorg",
    "bijzondere_doelgroepen": "Bijzondere doelgroepen",
    "armoede": "Armoede en woonlasten",
    "samenwerking": "Samenwerking en proces",
    "overig": "Overig",
}
"""Theme code -> its name in headings and table rows."""
TYPE_NAMES = {"intentie": "Intentie", "proces": "Proces", "concreet": "Concreet"}
"""Agreement type -> its name in headings and legends."""
VERDICT_NAMES = {"ja": "SMART", "deels": "Deels SMART", "nee": "Niet SMART"}
"""SMART verdict -> its name in the report's legends."""

assert set(THEME_LABELS) == set(THEME_CODES), "a theme without a display name"
assert set(TYPE_NAMES) == set(AGREEMENT_TYPES), "a type without a display name"
assert set(VERDICT_NAMES) == set(SMART_VERDICTS), "a verdict without a display name"
