"""The label columns of the `afspraken` table, as the workbook shows them and a reviewer
corrects them; the corrections store, the workbook and the report name them from here."""

from __future__ import annotations

from typing import get_args

from pipeline.models import AGREEMENT_TYPES, SMART_LETTERS, ConcreteKind

LETTER_COLUMNS: tuple[str, ...] = tuple(f"smart_{x.lower()}" for x in SMART_LETTERS)
"""One yes/no column per SMART letter, in the order of the acronym."""
CONCRETE_KINDS: tuple[str, ...] = tuple(k for k in get_args(ConcreteKind) if k)
"""The kinds of a concrete agreement (empty for the other types)."""
LABEL_FIELDS = ("type", "concrete_kind", "theme_code", *LETTER_COLUMNS, "smart", "parties")
"""The labels a reviewer may correct, as named in the `afspraken` table."""
NOT_AGREEMENT = "geen afspraak"
"""The `type` a reviewer gives a row that is not an agreement: the row then leaves every
table and count (issue 19, item 9)."""
REVIEW_TYPES: tuple[str, ...] = (*AGREEMENT_TYPES, NOT_AGREEMENT)
"""The types a reviewer may choose from."""
