"""The training export: an output folder's corrections as annotation records.

In: the corrections store of an output folder (pipeline.write.corrections). Out: JSON Lines in
the format of docs/annotation-guide.md §2, for the training corpus.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pipeline.write.atomic import write_text_atomic
from pipeline.write.corrections import Correction, load_corrections, marks_not_agreement
from pipeline.write.label_columns import LABEL_FIELDS, LETTER_COLUMNS

ANNOTATION_KEYS = (
    "id",
    "municipality",
    "year",
    "layout",
    "heading",
    "number",
    "text",
    "contributions",
    "type",
    "concrete_kind",
    "theme_code",
    *LETTER_COLUMNS,
    "smart",
    "hard_case",
    "note",
)


def _slug(name: str) -> str:
    plain = name.lower().removeprefix("gemeente ").strip()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "onbekend"


def training_records(corrections: Mapping[str, Correction]) -> list[dict[str, Any]]:
    """Corrections as annotation records (docs/annotation-guide.md §2), keys in guide order.

    The text is the agreement text with the lead-in in front when there is one (the guide
    understands a lead-in's subject as part of the unit). Ids are `<municipality>-r<nnn>` so
    they never collide with hand-written ids.
    """
    ordered = sorted(
        corrections.values(),
        key=lambda c: (str(c.get("municipality", "")), str(c.get("imported_at", ""))),
    )
    counters: dict[str, int] = {}
    out = []
    for c in ordered:
        if not c.get("text") or marks_not_agreement(c):
            continue
        slug = _slug(str(c.get("municipality", "")))
        counters[slug] = counters.get(slug, 0) + 1
        municipality = str(c.get("municipality", "")).strip()
        text = f"{c['lead_in']} {c['text']}" if c.get("lead_in") else c["text"]
        labels = c["labels"]
        record = {
            "id": f"{slug}-r{counters[slug]:03d}",
            "municipality": f"Gemeente {municipality}" if municipality else "",
            "year": c.get("period_start"),
            "layout": c.get("source_kind", ""),
            "heading": c.get("heading", ""),
            "number": c.get("number", ""),
            "text": text,
            "contributions": c.get("contributions", {}),
            **{name: labels.get(name) for name in LABEL_FIELDS},
            "hard_case": bool(c.get("hard_case")),
            "note": c.get("note", ""),
        }
        out.append({k: record[k] for k in ANNOTATION_KEYS})
    return out


def export_training(output_dir: Path, out_file: Path) -> int:
    """Write the corrections of an output folder as annotation JSON Lines; returns the count."""
    records = training_records(load_corrections(output_dir))
    out_file.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(out_file, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return len(records)
