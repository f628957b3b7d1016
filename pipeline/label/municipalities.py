"""Dutch municipalities (CBS gemeentecodes): name normalisation, lookup and title-page detection.

The reference data lives in ``pipeline/label/data``:

* ``gemeenten.csv`` - the 342 municipalities as of 1 January 2025 (code, official CBS name,
  ``|``-separated aliases that people write in documents).
* ``gemeenten_opgeheven.csv`` - municipalities merged away since 2016, with the code of the
  municipality they were merged into and the year from which the merger applies.

Lookups normalise case, diacritics, a leading "Gemeente", apostrophes, hyphens, dots,
parentheses and whitespace, so ``"gemeente Den Haag"``, ``"'s-Gravenhage"`` and
``"S GRAVENHAGE"`` all resolve to GM0518. Names of merged-away municipalities resolve to
their current successor; :meth:`MunicipalityIndex.lookup_with_history` also reports the
original municipality.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "LookupResult",
    "MergedMunicipality",
    "Municipality",
    "MunicipalityIndex",
    "find_in_text",
    "load_municipalities",
    "lookup",
    "normalise_name",
]

CURRENT_FILE = "gemeenten.csv"
MERGED_FILE = "gemeenten_opgeheven.csv"
REFERENCE_DATE = "2025-01-01"

_APOSTROPHES = re.compile("['\u2018\u2019\u201a\u201b`\u00b4\u2032]")
_SEPARATORS = re.compile(r"[^a-z0-9,&]+")
_PREFIX = re.compile(r"^(?:de\s+|het\s+)?gemeenten?\s+")
_CODE = re.compile(r"^(?:gm)?\s*(\d{1,4})$")
_TOKEN = re.compile(r"[a-z0-9]+|[,&]")
# Words that continue a list of municipalities after "gemeenten": "gemeenten A, B en C".
_LIST_JOINERS = frozenset({",", "&", "en"})
_TRIGGERS = frozenset({"gemeente", "gemeenten"})


@dataclass(frozen=True, slots=True)
class Municipality:
    """A current municipality: CBS code (``GMxxxx``) and official CBS name."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class MergedMunicipality:
    """A municipality that no longer exists because it was merged into another one."""

    code: str
    name: str
    merged_into_code: str
    year: int


@dataclass(frozen=True, slots=True)
class LookupResult:
    """A lookup hit: the current municipality plus the former one when the name was historic."""

    municipality: Municipality
    original: MergedMunicipality | None = None

    @property
    def was_merged(self) -> bool:
        """True when the text named a municipality that has since been merged away."""
        return self.original is not None

    @property
    def original_name(self) -> str:
        """The name that was matched: the former municipality's name, or the current one."""
        return self.original.name if self.original else self.municipality.name

    @property
    def original_code(self) -> str:
        """The code of the matched municipality (the former code for merged-away names)."""
        return self.original.code if self.original else self.municipality.code


def _fold(text: str) -> str:
    """Lower-case, strip diacritics and apostrophes; keep other characters."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _APOSTROPHES.sub("", stripped.casefold())


def normalise_name(text: str) -> str:
    """Normalise a municipality name for comparison.

    Case, diacritics, apostrophes, hyphens, dots, slashes, parentheses, commas and runs of
    whitespace are ignored, as is a leading "Gemeente"/"de gemeente". Examples:
    ``"Gemeente 's-Gravenhage"`` -> ``"s gravenhage"``, ``"Bergen (NH.)"`` -> ``"bergen nh"``,
    ``"Súdwest-Fryslân"`` -> ``"sudwest fryslan"``.
    """
    folded = _SEPARATORS.sub(" ", _fold(text)).replace(",", " ")
    folded = " ".join(folded.split())
    return _PREFIX.sub("", folded)


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(_fold(text)))


def _normalise_code(text: str) -> str | None:
    match = _CODE.match(text.strip().casefold())
    return f"GM{int(match.group(1)):04d}" if match else None


class MunicipalityIndex:
    """In-memory index of current and merged-away municipalities."""

    def __init__(
        self,
        municipalities: list[Municipality],
        aliases: dict[str, list[str]],
        merged: list[MergedMunicipality],
    ) -> None:
        self._by_code: dict[str, Municipality] = {m.code: m for m in municipalities}
        if len(self._by_code) != len(municipalities):
            raise ValueError("duplicate municipality code in reference data")
        self._merged: dict[str, MergedMunicipality] = {m.code: m for m in merged}
        overlap = self._by_code.keys() & self._merged.keys()
        if overlap:
            raise ValueError(f"codes both current and merged: {sorted(overlap)}")
        # normalised name -> (current code, merged record or None); None marks an ambiguous key
        self._keys: dict[str, tuple[str, MergedMunicipality | None] | None] = {}
        self._official: set[str] = set()
        for muni in municipalities:
            self._add_key(muni.name, muni.code, None, official=True)
        for record in merged:
            self._add_key(record.name, self._successor_code(record.code), record, official=True)
        for code, names in aliases.items():
            for alias in names:
                self._add_key(alias, code, None, official=False)
        self._token_keys: dict[tuple[str, ...], str] = {
            tuple(key.split()): key for key, value in self._keys.items() if value is not None
        }
        self._max_key_len = max((len(k) for k in self._token_keys), default=0)

    def _successor_code(self, code: str) -> str:
        seen: set[str] = set()
        while code in self._merged:
            if code in seen:
                raise ValueError(f"merger cycle at {code}")
            seen.add(code)
            code = self._merged[code].merged_into_code
        if code not in self._by_code:
            raise ValueError(f"merger points to unknown municipality {code}")
        return code

    def _add_key(
        self, text: str, code: str, record: MergedMunicipality | None, *, official: bool
    ) -> None:
        key = normalise_name(text)
        if not key:
            return
        if key not in self._keys:
            self._keys[key] = (code, record)
            if official:
                self._official.add(key)
            return
        existing = self._keys[key]
        if existing is not None and existing[0] == code:
            return
        if official:
            # Two official (current or former) names must never collide.
            raise ValueError(f"ambiguous municipality name {text!r}")
        if key not in self._official:
            # Two aliases pointing at different municipalities: refuse to guess.
            self._keys[key] = None

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Municipality]:
        return iter(self._by_code.values())

    @property
    def municipalities(self) -> tuple[Municipality, ...]:
        """All current municipalities, in CBS code order."""
        return tuple(sorted(self._by_code.values(), key=lambda m: m.code))

    @property
    def merged(self) -> tuple[MergedMunicipality, ...]:
        """All merged-away municipalities in the reference data."""
        return tuple(self._merged.values())

    def by_code(self, code: str) -> Municipality | None:
        """Current municipality for a code (``GM0637``, ``0637`` or ``637``), or None.

        Codes of merged-away municipalities resolve to their successor.
        """
        result = self._result_for_code(code)
        return result.municipality if result else None

    def _result_for_code(self, code: str) -> LookupResult | None:
        normal = _normalise_code(code)
        if normal is None:
            return None
        if normal in self._by_code:
            return LookupResult(self._by_code[normal])
        record = self._merged.get(normal)
        if record is None:
            return None
        return LookupResult(self._by_code[self._successor_code(normal)], record)

    def lookup_with_history(self, text: str) -> LookupResult | None:
        """Resolve a name, alias, former name or code; None when unknown or ambiguous."""
        by_code = self._result_for_code(text)
        if by_code is not None:
            return by_code
        hit = self._keys.get(normalise_name(text))
        if hit is None:
            return None
        code, record = hit
        return LookupResult(self._by_code[code], record)

    def lookup(self, text: str) -> Municipality | None:
        """The current municipality a name refers to, or None (unknown or ambiguous)."""
        result = self.lookup_with_history(text)
        return result.municipality if result else None

    def _match_at(self, tokens: tuple[str, ...], start: int) -> tuple[Municipality, int] | None:
        """Longest key starting at ``tokens[start]``; returns the municipality and the end."""
        longest = min(self._max_key_len, len(tokens) - start)
        for size in range(longest, 0, -1):
            key = self._token_keys.get(tokens[start : start + size])
            if key is not None:
                hit = self._keys[key]
                if hit is not None:
                    return self._by_code[hit[0]], start + size
        return None

    def find_in_text(self, text: str) -> list[Municipality]:
        """Municipalities mentioned as "gemeente <Name>" or as a whole line, in order of appearance.

        Only two contexts count, because many names are also ordinary words ("Best", "Ede",
        "Epe", "Bergen", "Oost Gelre"): a name right after "gemeente"/"gemeenten" (also across
        a line break, and lists such as "gemeenten Delft, Rijswijk en Westland"), or a line that
        consists of nothing but a name (optionally preceded by "Gemeente"). The longest
        matching name wins. Former names resolve to their current successor.
        """
        found: dict[str, Municipality] = {}
        lines = [_tokens(line) for line in text.splitlines()]
        for index, line in enumerate(lines):
            words = tuple(t for t in line if t not in {",", "&"})
            body = words[1:] if words and words[0] in _TRIGGERS else words
            whole = self._token_keys.get(body)
            if whole is not None and (hit := self._keys[whole]) is not None:
                found.setdefault(hit[0], self._by_code[hit[0]])
                continue
            for position, token in enumerate(line):
                if token not in _TRIGGERS:
                    continue
                following = line[position + 1 :]
                if not following and index + 1 < len(lines):
                    following = lines[index + 1]
                self._collect(following, plural=token == "gemeenten", found=found)
        return list(found.values())

    def _collect(
        self, tokens: tuple[str, ...], *, plural: bool, found: dict[str, Municipality]
    ) -> None:
        start = 0
        while start < len(tokens):
            match = self._match_at(tokens, start)
            if match is None:
                return
            municipality, start = match
            found.setdefault(municipality.code, municipality)
            if not plural:
                return
            if start < len(tokens) and tokens[start] in _LIST_JOINERS:
                start += 1
                while start < len(tokens) and tokens[start] in _LIST_JOINERS:
                    start += 1
            else:
                return


def _read_csv(name: str) -> list[dict[str, str]]:
    resource = resources.files(__package__ or "pipeline") / "data" / name
    return list(csv.DictReader(io.StringIO(resource.read_text(encoding="utf-8"), newline="")))


@cache
def load_municipalities() -> MunicipalityIndex:
    """Load (once) the CBS municipality list as of 1 January 2025 and the merger history."""
    municipalities: list[Municipality] = []
    aliases: dict[str, list[str]] = {}
    for row in _read_csv(CURRENT_FILE):
        municipalities.append(Municipality(code=row["code"], name=row["name"]))
        names = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        if names:
            aliases[row["code"]] = names
    merged = [
        MergedMunicipality(
            code=row["code"],
            name=row["name"],
            merged_into_code=row["merged_into_code"],
            year=int(row["year"]),
        )
        for row in _read_csv(MERGED_FILE)
    ]
    return MunicipalityIndex(municipalities, aliases, merged)


def lookup(text: str) -> Municipality | None:
    """Shortcut for ``load_municipalities().lookup(text)``."""
    return load_municipalities().lookup(text)


def find_in_text(text: str) -> list[Municipality]:
    """Shortcut for ``load_municipalities().find_in_text(text)``."""
    return load_municipalities().find_in_text(text)
