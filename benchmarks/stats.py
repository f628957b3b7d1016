"""Summaries of repeated measurements: median with minimum and maximum."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median


@dataclass(frozen=True)
class Stat:
    """Median, minimum and maximum of n samples."""

    median: float
    low: float
    high: float
    n: int

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stat:
        """The summary of the samples (at least one)."""
        if not samples:
            raise ValueError("no samples")
        return cls(float(median(samples)), float(min(samples)), float(max(samples)), len(samples))

    def scaled(self, factor: float) -> Stat:
        """The same summary with every figure multiplied by a positive factor."""
        return Stat(self.median * factor, self.low * factor, self.high * factor, self.n)

    def rate(self, amount: float) -> Stat:
        """amount / seconds: the median rate, its minimum (slowest run) and maximum (fastest)."""

        def per(seconds: float) -> float:
            return amount / seconds if seconds > 0 else float("inf")

        return Stat(per(self.median), per(self.high), per(self.low), self.n)

    def fmt(self, digits: int = 2, suffix: str = "") -> str:
        """`12.3x (11.9-13.0)`; the range is left out when there is one sample."""

        def num(value: float) -> str:
            return f"{value:,.{digits}f}"

        if self.n == 1 or self.low == self.high:
            return f"{num(self.median)}{suffix}"
        return f"{num(self.median)}{suffix} ({num(self.low)}-{num(self.high)})"


def ratio(numerators: Sequence[float], denominators: Sequence[float]) -> Stat:
    """Ratios of paired samples (measured side by side, run by run)."""
    pairs = [a / b for a, b in zip(numerators, denominators, strict=True) if b > 0]
    return Stat.of(pairs)
