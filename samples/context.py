"""What the layouts of one sample share: the seeded slot values and the agreements registered.

`DocumentContext` carries the parties, the period and the seeded generator of one document and
collects its agreements in order; their order and the generator's draws make the PDF
deterministic, so builders must draw in a fixed order.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from samples.names import MONTHS, NEIGHBOURHOODS, PROJECTS, STREETS
from samples.sentences import SENTENCES
from samples.truth import SampleAgreement, SourceKind


class Slots(dict[str, str]):
    """Slot values for one agreement, drawn from the seeded generator."""

    def __init__(
        self, rng: random.Random, corps: Sequence[str], tenants: str, period: tuple[int, int]
    ) -> None:
        start, end = period
        year = rng.randint(start, end)
        w, w2 = rng.sample(NEIGHBOURHOODS, 2)
        p1, p2 = rng.sample(PROJECTS, 2)
        super().__init__(
            C=rng.choice(list(corps)),
            H=tenants,
            Y=str(year),
            START=str(start),
            END=str(end),
            N=str(rng.choice((5, 8, 10, 12, 15, 20, 25))),
            N2=str(rng.choice((40, 60, 75, 100, 150))),
            NB=str(rng.randrange(20, 160, 4)),
            NB2=str(rng.choice((300, 450, 600, 800))),
            NL=str(rng.randrange(40, 260, 5)),
            NS=str(rng.choice((4, 6, 8, 10, 12))),
            P95=rng.choice(("95", "96", "97", "98")),
            P70=rng.choice(("70", "75", "80")),
            PHV=rng.choice(("2,5", "2,8", "3,1", "3,5")),
            A=rng.choice(("0,5", "0,8", "1,2", "1,5", "2,4")),
            GP=rng.choice(("15.000", "17.500", "20.000", "22.500")),
            LB=rng.choice(("95", "110", "135", "150")),
            W=w,
            W2=w2,
            STREET=rng.choice(STREETS),
            PROJECT=p1,
            PROJECT2=p2,
            D=f"{rng.choice(MONTHS)} {year}",
        )


def capitalised(text: str) -> str:
    """`text` with its first letter upper-case (templates may start with a slot)."""
    return text[:1].upper() + text[1:] if text else text


@dataclass
class DocumentContext:
    """Everything the content builders share for one document."""

    layout: str
    municipality: str
    corps: tuple[str, ...]
    tenants: str
    period: tuple[int, int]
    rng: random.Random
    agreements: list[SampleAgreement] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)

    @property
    def gemeente(self) -> str:
        """The municipality as a party ("Gemeente X")."""
        return f"Gemeente {self.municipality}"

    @property
    def header(self) -> str:
        """The running header of every page but the first."""
        start, end = self.period
        return f"Prestatieafspraken {self.gemeente} {start}-{end}"

    def slots(self) -> Slots:
        """Fresh slot values for one agreement."""
        return Slots(self.rng, self.corps, self.tenants, self.period)

    def add(
        self,
        number: str,
        path: Sequence[str],
        kind: SourceKind,
        text: str,
        type_: str,
        theme: str,
        contributions: dict[str, str] | None = None,
    ) -> str:
        """Register one agreement and return its tracking key."""
        index = len(self.agreements) + 1
        self.agreements.append(
            SampleAgreement(
                index=index,
                number=number,
                heading_path=list(path),
                source_kind=kind,
                text=text,
                contributions=dict(contributions or {}),
                expected_type=type_,  # type: ignore[arg-type]
                theme_code=theme,
            )
        )
        return f"a{index:04d}"

    def sentences(self, themes: Sequence[str], count: int) -> list[tuple[str, str, str]]:
        """`count` filled (theme, type, text) sentences cycling through the pool of `themes`."""
        pool = [s for s in SENTENCES if s[0] in themes]
        order = list(range(len(pool)))
        self.rng.shuffle(order)
        out = []
        for i in range(count):
            theme, type_, template = pool[order[i % len(order)]]
            out.append((theme, type_, capitalised(template.format_map(self.slots()))))
        return out


def distribute(total: int, parts: int) -> list[int]:
    """`total` split into `parts` counts that differ by at most one, the larger first."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]
