"""The truth of a generated sample: every agreement with its expected type, theme and pages.

Written beside each sample as JSON (`tests/data/samples/*.truth.json`) and read back by the tests
that score the pipeline against it. Labels follow the decision guide of docs/domain.md §3.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal

Layout = Literal["bullets", "actor_table", "numbered"]
SourceKind = Literal["list", "numbered", "table_row", "paragraph"]
AgreementType = Literal["intentie", "proces", "concreet"]

LAYOUTS: tuple[str, ...] = ("bullets", "actor_table", "numbered")


@dataclass
class SampleAgreement:
    """One agreement as the generator placed it, with its expected labels."""

    index: int
    number: str
    heading_path: list[str]
    source_kind: SourceKind
    text: str
    contributions: dict[str, str]
    expected_type: AgreementType
    theme_code: str
    page_start: int = 0
    page_end: int = 0
    hyphenated: bool = False


@dataclass
class SampleTruth:
    """Everything a generated document contains that the pipeline should find."""

    layout: str
    seed: int
    municipality: str
    period_start: int
    period_end: int
    parties: list[str]
    page_count: int
    agreements: list[SampleAgreement]

    def to_json(self) -> str:
        """Serialise as pretty-printed JSON with a stable field order."""
        return json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> SampleTruth:
        """Read a truth file written by `to_json`."""
        raw = json.loads(text)
        raw["agreements"] = [SampleAgreement(**a) for a in raw["agreements"]]
        return cls(**raw)
