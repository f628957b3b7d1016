"""Tests for the CBS municipality reference data and the name normaliser."""

from __future__ import annotations

import csv
import io
import re
from importlib import resources

import pytest

from pipeline.label.municipalities import (
    Municipality,
    MunicipalityIndex,
    find_in_text,
    load_municipalities,
    lookup,
    normalise_name,
)


def _rows(name: str) -> list[dict[str, str]]:
    resource = resources.files("pipeline.label") / "data" / name
    return list(csv.DictReader(io.StringIO(resource.read_text(encoding="utf-8"), newline="")))


@pytest.fixture(scope="module")
def index() -> MunicipalityIndex:
    return load_municipalities()


def test_current_list_has_342_unique_well_formed_codes() -> None:
    rows = _rows("gemeenten.csv")
    assert len(rows) == 342
    codes = [row["code"] for row in rows]
    assert len(set(codes)) == 342
    assert all(re.fullmatch(r"GM\d{4}", code) for code in codes)
    assert len({row["name"] for row in rows}) == 342
    assert list(rows[0]) == ["code", "name", "aliases"]


def test_index_size_and_cache(index: MunicipalityIndex) -> None:
    assert len(index) == 342
    assert len(index.municipalities) == 342
    assert load_municipalities() is index


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("GM0014", "Groningen"),
        ("GM0363", "Amsterdam"),
        ("GM0518", "'s-Gravenhage"),
        ("GM0599", "Rotterdam"),
        ("GM0637", "Zoetermeer"),
        ("GM0796", "'s-Hertogenbosch"),
        ("GM0373", "Bergen (NH.)"),
        ("GM0893", "Bergen (L.)"),
        ("GM1900", "Súdwest-Fryslân"),
        ("GM1970", "Noardeast-Fryslân"),
        ("GM1992", "Voorne aan Zee"),
    ],
)
def test_official_names(index: MunicipalityIndex, code: str, name: str) -> None:
    assert index.by_code(code) == Municipality(code, name)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Den Haag", "GM0518"),
        ("gemeente Den Haag", "GM0518"),
        ("'s-Gravenhage", "GM0518"),
        ("S GRAVENHAGE", "GM0518"),
        ("’s-Gravenhage", "GM0518"),
        ("gemeente Zoetermeer", "GM0637"),
        ("Gemeente  Zoetermeer ", "GM0637"),
        ("Zoetermeer", "GM0637"),
        ("Súdwest Fryslan", "GM1900"),
        ("sudwest-fryslân", "GM1900"),
        ("Noordoost-Friesland", "GM1970"),
        ("Noardeast Fryslan", "GM1970"),
        ("Den Bosch", "GM0796"),
        ("'s-Hertogenbosch", "GM0796"),
        ("s Hertogenbosch", "GM0796"),
        ("Bergen NH", "GM0373"),
        ("Bergen (NH.)", "GM0373"),
        ("Bergen L", "GM0893"),
        ("Nuenen", "GM0820"),
        ("Nuenen, Gerwen en Nederwetten", "GM0820"),
        ("Rijswijk", "GM0603"),
        ("Hengelo", "GM0164"),
        ("West-Betuwe", "GM1960"),
        ("Oost-Gelre", "GM1586"),
        ("Capelle a/d IJssel", "GM0502"),
        ("GM0637", "GM0637"),
        ("637", "GM0637"),
        ("gm0518", "GM0518"),
    ],
)
def test_lookup(text: str, code: str) -> None:
    found = lookup(text)
    assert found is not None
    assert found.code == code


@pytest.mark.parametrize("text", ["Atlantis", "", "gemeente", "Bergen", "Woonstad", "GM9999"])
def test_lookup_unknown_or_ambiguous_is_none(text: str) -> None:
    assert lookup(text) is None


@pytest.mark.parametrize(
    ("text", "old_code", "new_code", "year"),
    [
        ("Beemster", "GM0370", "GM0439", 2022),
        ("Weesp", "GM0457", "GM0363", 2022),
        ("Hellevoetsluis", "GM0530", "GM1992", 2023),
        ("gemeente Uden", "GM0856", "GM1991", 2022),
        ("Heerhugowaard", "GM0398", "GM1980", 2022),
        ("Haren", "GM0017", "GM0014", 2019),
        ("Noordwijkerhout", "GM0576", "GM0575", 2019),
        ("Delfzijl", "GM0010", "GM1979", 2021),
        ("Veghel", "GM0860", "GM1948", 2017),
        ("Bussum", "GM0381", "GM1942", 2016),
        ("het Bildt", "GM0063", "GM1949", 2018),
    ],
)
def test_merged_away_names_resolve_to_successor(
    index: MunicipalityIndex, text: str, old_code: str, new_code: str, year: int
) -> None:
    found = index.lookup(text)
    assert found is not None
    assert found.code == new_code
    result = index.lookup_with_history(text)
    assert result is not None
    assert result.was_merged
    assert result.original is not None
    assert result.original_code == old_code
    assert result.original.year == year
    assert result.municipality.code == new_code


def test_current_name_has_no_history(index: MunicipalityIndex) -> None:
    result = index.lookup_with_history("Den Haag")
    assert result is not None
    assert not result.was_merged
    assert result.original_name == "'s-Gravenhage"
    assert result.original_code == "GM0518"


def test_merged_codes_resolve(index: MunicipalityIndex) -> None:
    found = index.by_code("GM0370")
    assert found == Municipality("GM0439", "Purmerend")


def test_merged_file_is_consistent() -> None:
    current = {row["code"] for row in _rows("gemeenten.csv")}
    merged = _rows("gemeenten_opgeheven.csv")
    assert merged
    assert list(merged[0]) == ["code", "name", "merged_into_code", "year"]
    codes = [row["code"] for row in merged]
    assert len(set(codes)) == len(codes)
    assert not set(codes) & current
    for row in merged:
        assert row["merged_into_code"] in current
        assert 2016 <= int(row["year"]) <= 2025


def test_no_official_name_collides() -> None:
    names = [row["name"] for row in _rows("gemeenten.csv")]
    names += [row["name"] for row in _rows("gemeenten_opgeheven.csv")]
    keys = [normalise_name(name) for name in names]
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("Gemeente 's-Gravenhage", "s gravenhage"),
        ("Bergen (NH.)", "bergen nh"),
        ("Súdwest-Fryslân", "sudwest fryslan"),
        ("  de gemeente  Zoetermeer ", "zoetermeer"),
        ("Nuenen, Gerwen en Nederwetten", "nuenen gerwen en nederwetten"),
    ],
)
def test_normalise_name(raw: str, normal: str) -> None:
    assert normalise_name(raw) == normal


def _codes(text: str) -> list[str]:
    return [m.code for m in find_in_text(text)]


def test_find_in_text_title_page() -> None:
    text = (
        "Prestatieafspraken 2024-2027\n"
        "tussen de gemeente Zoetermeer, Vidomes en de huurdersorganisatie\n"
        "Zoetermeer, 12 december 2023\n"
    )
    assert _codes(text) == ["GM0637"]


def test_find_in_text_ignores_ordinary_words() -> None:
    text = (
        "Wij doen ons best en werken samen.\n"
        "Best practices voor Ede en Epe worden gedeeld in Bergen op de markt.\n"
        "De gemeente stelt jaarlijks een bod op.\n"
    )
    assert _codes(text) == []


def test_find_in_text_collision_names_after_gemeente() -> None:
    assert _codes("Afspraken met de gemeente Best over nieuwbouw") == ["GM0753"]
    assert _codes("Gemeente Ede en Woonstede") == ["GM0228"]
    assert _codes("gemeente Oost Gelre") == ["GM1586"]
    assert _codes("gemeente Bergen (NH.)") == ["GM0373"]
    # Plain "Bergen" is ambiguous between Noord-Holland and Limburg.
    assert _codes("gemeente Bergen") == []


def test_find_in_text_whole_title_line() -> None:
    assert _codes("Prestatieafspraken\nEpe\n2025") == ["GM0232"]
    assert _codes("GEMEENTE\nDEN HAAG\nHaag Wonen") == ["GM0518"]


def test_find_in_text_longest_match_first() -> None:
    assert _codes("gemeente Bergen op Zoom en Woonkwartier") == ["GM0748"]
    assert _codes("gemeente Alphen aan den Rijn") == ["GM0484"]
    assert _codes("gemeente Nuenen, Gerwen en Nederwetten") == ["GM0820"]


def test_find_in_text_list_after_gemeenten() -> None:
    text = "Afspraken tussen de gemeenten Delft, Rijswijk en Midden-Delfland en Woonbron"
    assert _codes(text) == ["GM0503", "GM0603", "GM1842"]


def test_find_in_text_merged_name_and_dedup() -> None:
    text = "Gemeente Hellevoetsluis\nIn de gemeente Voorne aan Zee ..."
    assert _codes(text) == ["GM1992"]
