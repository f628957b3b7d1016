"""Regenerate the shipped samples: python -m samples OUT_DIR TRUTH_DIR (`make samples`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from samples.generate import write_samples


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate the shipped samples: python -m samples OUT_DIR TRUTH_DIR."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m samples OUT_DIR TRUTH_DIR", file=sys.stderr)
        return 2
    for pdf in write_samples(Path(args[0]), Path(args[1])):
        print(pdf)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
