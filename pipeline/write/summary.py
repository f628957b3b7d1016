"""The `samenvatting` table: per document and theme, the agreements counted by type and SMART
verdict with their shares (the workbook's summary sheet counts the same way)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from pipeline.models import AGREEMENT_TYPES, SMART_VERDICTS


@dataclass
class ThemeCounts:
    """Agreements of one theme (or of all themes): how many, per type and per SMART verdict."""

    total: int = 0
    types: Counter[str] = field(default_factory=Counter)
    verdicts: Counter[str] = field(default_factory=Counter)

    def add(self, kind: str, verdict: str) -> None:
        self.total += 1
        self.types[kind] += 1
        self.verdicts[verdict] += 1


def counts_by_theme(
    labels: Iterable[tuple[str, str, str]],
) -> tuple[dict[str, ThemeCounts], ThemeCounts]:
    """(theme, type, verdict) per agreement, counted per theme in one pass, and over all."""
    per_theme: dict[str, ThemeCounts] = {}
    overall = ThemeCounts()
    for theme, kind, verdict in labels:
        per_theme.setdefault(theme, ThemeCounts()).add(kind, verdict)
        overall.add(kind, verdict)
    return per_theme, overall


def summary_frame(afspraken: pd.DataFrame, documenten: pd.DataFrame) -> pd.DataFrame:
    """Per document and theme: counts per type and SMART verdict with percentages."""
    columns = [
        "document_id",
        "source_file",
        "municipality",
        "theme_code",
        "afspraken",
        *AGREEMENT_TYPES,
        *SMART_VERDICTS,
        *(f"pct_{t}" for t in AGREEMENT_TYPES),
        *(f"pct_smart_{v}" for v in SMART_VERDICTS),
    ]
    if afspraken.empty:
        return pd.DataFrame(columns=columns)
    # Counted in plain Python: pandas' per-group filtering cost more than the rest of the write.
    documents: dict[tuple[object, object, object], list[tuple[str, str, str]]] = {}
    for doc_id, source, municipality, theme, kind, verdict in zip(
        afspraken["document_id"],
        afspraken["source_file"],
        afspraken["municipality"],
        afspraken["theme_code"],
        afspraken["type"],
        afspraken["smart"],
        strict=True,
    ):
        documents.setdefault((doc_id, source, municipality), []).append((theme, kind, verdict))
    rows = []
    for (doc_id, source, municipality), labels in documents.items():
        per_theme, overall = counts_by_theme(labels)
        parts = [*sorted(per_theme.items()), ("totaal", overall)]
        for theme, counts in parts:
            total, types, verdicts = counts.total, counts.types, counts.verdicts
            row: dict[str, object] = {
                "document_id": doc_id,
                "source_file": source,
                "municipality": municipality,
                "theme_code": theme,
                "afspraken": total,
            }
            row.update({t: types[t] for t in AGREEMENT_TYPES})
            row.update({v: verdicts[v] for v in SMART_VERDICTS})
            row.update({f"pct_{t}": round(100 * types[t] / total, 1) for t in AGREEMENT_TYPES})
            row.update(
                {f"pct_smart_{v}": round(100 * verdicts[v] / total, 1) for v in SMART_VERDICTS}
            )
            rows.append(row)
    return pd.DataFrame(rows, columns=columns)
