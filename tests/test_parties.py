"""Party attribution (issue 19): who commits to an agreement, named as the document names it."""

from __future__ import annotations

import pytest
from conftest import sample_pdfs

from pipeline.label.metadata import canonical_party, party_aliases, resolve_parties
from pipeline.models import Agreement, BBox, Contribution, DocumentMetadata

NOORDVEEN = DocumentMetadata(
    municipality="Noordveen",
    municipality_code="",
    period_start=2026,
    period_end=2029,
    parties=[
        "Gemeente Noordveen",
        "Woningcorporatie Mitros",
        "Woonstichting De Linde",
        "Huurdersvereniging Noordveen",
    ],
)
ALL = list(NOORDVEEN.parties)
MUNICIPALITY = ["Gemeente Noordveen"]
CORPORATIONS = ["Woningcorporatie Mitros", "Woonstichting De Linde"]
TENANTS = ["Huurdersvereniging Noordveen"]


def _agreement(
    text: str, lead_in: str = "", contributions: list[Contribution] | None = None
) -> Agreement:
    return Agreement(
        ordinal=1,
        number="",
        heading_path=["Wonen"],
        text=text,
        lead_in=lead_in,
        source_kind="table_row" if contributions else "list",
        page_start=1,
        page_end=1,
        bbox=BBox(x0=0, top=0, x1=10, bottom=10),
        contributions=contributions or [],
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject commits, parties named later in the sentence do not
        (
            "De gemeente stelt in 2027 de locatie Oosterveld beschikbaar aan de corporaties.",
            MUNICIPALITY,
        ),
        (
            "De gemeente behandelt aanvragen voor een woningaanpassing binnen vijf weken.",
            MUNICIPALITY,
        ),
        ("De gemeente richt voor 1 maart 2027 een meldpunt in voor de huurders.", MUNICIPALITY),
        (
            "De gemeente informeert de corporaties en de huurdersvereniging elk kwartaal.",
            MUNICIPALITY,
        ),
        ("Het college van B&W stelt jaarlijks een monitor op.", MUNICIPALITY),
        (
            "De gemeente en de corporaties stemmen de wijkplannen jaarlijks af.",
            MUNICIPALITY + CORPORATIONS,
        ),
        (
            "De gemeente, de corporaties en de zorgpartners overleggen ieder halfjaar.",
            MUNICIPALITY + CORPORATIONS,
        ),
        ("De corporaties verlagen de huur van 30 woningen.", CORPORATIONS),
        ("Partijen evalueren de afspraken jaarlijks.", ALL),
        # short names, initials and full names
        ("Mitros bouwt in 2027 veertig sociale huurwoningen.", ["Woningcorporatie Mitros"]),
        (
            "In 2027 bouwt Mitros veertig woningen voor huurders met een laag inkomen.",
            ["Woningcorporatie Mitros"],
        ),
        ("De Linde verduurzaamt jaarlijks 80 woningen.", ["Woonstichting De Linde"]),
        ("WDL verduurzaamt jaarlijks 80 woningen.", ["Woonstichting De Linde"]),
        ("De HBV organiseert twee keer per jaar een bewonersavond.", TENANTS),
        (
            "Woningcorporatie Mitros en de gemeente maken een wijkplan.",
            ["Woningcorporatie Mitros", *MUNICIPALITY],
        ),
        # who benefits is not who commits
        ("Voor huurders met een laag inkomen stelt de gemeente een fonds in.", MUNICIPALITY),
        # a place name shared with a party is not that party
        ("In Noordveen bouwt de corporatie 50 woningen.", CORPORATIONS),
        # nothing names a party
        ("Uitgangspunt is dat de voorraad sociale huurwoningen groeit.", []),
    ],
)
def test_the_subject_of_an_agreement_is_the_party_that_commits(
    text: str, expected: list[str]
) -> None:
    assert resolve_parties(_agreement(text), NOORDVEEN) == expected


def test_a_lead_in_names_the_party_of_its_items() -> None:
    assert (
        resolve_parties(_agreement("bouwen in 2027 40 woningen.", "De corporaties:"), NOORDVEEN)
        == CORPORATIONS
    )
    assert (
        resolve_parties(_agreement("stelt een monitor op.", "De gemeente zal:"), NOORDVEEN)
        == MUNICIPALITY
    )
    # an item with its own subject keeps it
    item = _agreement("De gemeente stelt een monitor op.", "Partijen spreken het volgende af:")
    assert resolve_parties(item, NOORDVEEN) == MUNICIPALITY
    # no subject in the item, none at the start of the lead-in: the lead-in's parties
    item = _agreement("het wijkplan voor 1 juli 2027 vast.", "Daarnaast stellen partijen:")
    assert resolve_parties(item, NOORDVEEN) == ALL


def test_we_in_a_document_of_one_party_is_that_party() -> None:
    one = DocumentMetadata(
        municipality="",
        municipality_code="",
        period_start=2026,
        period_end=2027,
        parties=["Woningcorporatie Mitros"],
    )
    assert resolve_parties(_agreement("Wij verduurzamen in 2026 120 woningen."), one) == [
        "Woningcorporatie Mitros"
    ]
    assert resolve_parties(_agreement("In 2027 renoveren we 60 woningen."), one) == [
        "Woningcorporatie Mitros"
    ]
    # with several parties, "we" is all who sign
    assert resolve_parties(_agreement("We evalueren de afspraken in 2027."), NOORDVEEN) == ALL


def test_a_word_that_starts_like_we_is_not_we() -> None:
    west = DocumentMetadata(
        municipality="Noordveen",
        municipality_code="",
        period_start=2026,
        period_end=2027,
        parties=["Gemeente Noordveen", "Westerpoort Wonen"],
    )
    assert resolve_parties(_agreement("Westerpoort Wonen sloopt 20 woningen."), west) == [
        "Westerpoort Wonen"
    ]
    assert resolve_parties(_agreement("De wethouder opent het loket in 2026."), west) == [
        "Gemeente Noordveen"
    ]


def test_table_columns_are_the_document_parties() -> None:
    row = _agreement(
        "Doorstroming. Gemeente: Stelt een makelaar aan. Mitros: Biedt 10 woningen aan.",
        contributions=[
            Contribution(party="Gemeente", text="Stelt een makelaar aan."),
            Contribution(party="Mitros", text="Biedt 10 woningen aan."),
            Contribution(party="WDL", text="Biedt 5 woningen aan."),
            Contribution(party="Huurders", text="Denken mee."),
        ],
    )
    assert resolve_parties(row, NOORDVEEN) == ALL


def test_short_names_and_initials() -> None:
    assert party_aliases("Woonstichting De Linde", NOORDVEEN) == ["De Linde", "Linde", "WDL"]
    assert party_aliases("Woningcorporatie Mitros", NOORDVEEN) == ["Mitros", "WM"]
    # "Noordveen" is the municipality: no alias of the tenants' organisation
    assert party_aliases("Huurdersvereniging Noordveen", NOORDVEEN) == ["HN"]
    assert party_aliases("Gemeente Noordveen", NOORDVEEN) == []
    assert canonical_party("Mitros", NOORDVEEN) == "Woningcorporatie Mitros"
    assert canonical_party("Zorggroep Oost", NOORDVEEN) == "Zorggroep Oost"


@pytest.mark.model
def test_the_municipality_is_credited_with_its_commitments_in_the_samples() -> None:
    from pipeline.process import process_document

    credited, total = 0, 0
    for pdf in sample_pdfs():
        result = process_document(pdf)
        own = f"Gemeente {result.metadata.municipality}" if result.metadata else ""
        for labelled in result.agreements:
            if labelled.agreement.text.startswith("De gemeente "):
                total += 1
                credited += labelled.parties[:1] == [own]
    assert (credited, total) == (19, 19)
