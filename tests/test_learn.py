"""`prestatie learn`: an office's corrections, made in the review workbook, adapt the models
that label its next run; what cannot be learned from is refused and nothing is written."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from flows.batch import run_settings
from flows.cli import main
from flows.inputs import UsageError
from flows.office import chosen_models
from pipeline.label.adaptation import (
    Adaptation,
    CorrectionEstimate,
    DecisionList,
    Rule,
    load_adaptation,
    moved_to,
)
from pipeline.label.cues import CueMatches
from pipeline.modelfiles import ADAPTATION_FILE, MODELS_DIR, OFFICE_MODELS_DIR, office_models
from pipeline.models import AgreementType
from pipeline.process import PipelineSettings, process_document, resources_version
from pipeline.write.corrections import corrections_path
from samples import Heading, Para, numbered, render_pdf
from training.learn import (
    BaseScores,
    CorrectionExample,
    LearnError,
    LearnSettings,
    cross_validate,
    describe_feature,
    folds,
    keeps_rules,
    learn,
    sign_test,
    type_problem,
)

# An office that calls every hedged measure concrete (the project's base models call these
# aims, `intentie`): it corrects the hedged agreements of its first document.
HEDGED_FIRST = [
    "De corporaties streven ernaar om jaarlijks 40 woningen te verduurzamen.",
    "Woonstede probeert waar mogelijk de huren van sociale huurwoningen te bevriezen.",
    "De gemeente streeft ernaar om in 2026 twee nieuwe bouwlocaties aan te wijzen.",
    "De corporaties streven naar 150 extra sociale huurwoningen voor starters.",
    "De huurdersvereniging probeert jaarlijks een bewonersavond per wijk te organiseren.",
    "Woonstede streeft ernaar om de wachttijd voor urgent woningzoekenden te verkorten tot "
    "een jaar.",
    "De gemeente probeert zoveel mogelijk kavels voor sociale huur te reserveren.",
    "De corporaties streven ernaar om voor 2027 alle woningen met label E of slechter te isoleren.",
]
PLAIN_FIRST = [
    "Woonstede bouwt in 2025 zestig sociale huurwoningen aan de Dijkstraat.",
    "De gemeente stelt jaarlijks een budget van 200.000 euro beschikbaar voor leefbaarheid.",
    "Partijen overleggen twee keer per jaar over de voortgang van deze afspraken.",
    "De corporaties plaatsen in 2025 zonnepanelen op 300 woningen.",
    "Partijen evalueren de afspraken jaarlijks in het bestuurlijk overleg.",
    "De gemeente verleent de omgevingsvergunning voor Het Veld uiterlijk in 2025.",
    "Woonstede wijst 20 woningen per jaar toe aan statushouders.",
    "Partijen stellen samen een monitor op van de wachttijden.",
]
# Its next document, never corrected: (text, type by the base models, type after learning)
NEXT = [
    ("De corporaties streven ernaar om jaarlijks 25 woningen aan te passen voor ouderen.",
     "intentie", "concreet"),
    ("Woonstede sloopt in 2026 veertig woningen aan de Kerkstraat en bouwt er vijftig terug.",
     "concreet", "concreet"),
    ("De gemeente probeert waar mogelijk grond voor tijdelijke woningen beschikbaar te "
     "stellen.", "intentie", "concreet"),
    ("Partijen overleggen elk kwartaal over de wachtlijsten.", "proces", "proces"),
    ("Woonstede streeft naar een gemiddeld energielabel B in 2028.", "intentie", "concreet"),
    ("De gemeente stelt in 2025 een woonzorgvisie vast.", "concreet", "concreet"),
]  # fmt: skip


def _document(path: Path, year: int, items: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    blocks = [
        Para(f"Prestatieafspraken {year}-{year + 3}", style="title"),
        Para("Gemeente Meetveen, Woonstede en Huurdersvereniging Meetveen", style="subtitle"),
        Heading("Artikel 1 Afspraken"),
        numbered((f"1.{i + 1}", t) for i, t in enumerate(items)),
    ]
    render_pdf(blocks, path)
    return path


def _types(output: Path, texts: list[str]) -> list[str]:
    frame = pd.read_parquet(output / "afspraken.parquet").set_index("text")
    return [str(frame.loc[t, "type"]) for t in texts]


def _review_first_document(workbook: Path) -> int:
    """As a reviewer: hedged agreements of the first document become concreet, the others
    are marked reviewed (the labels are right); returns the rows touched."""
    wb = load_workbook(workbook)
    ws = wb["afspraken"]
    header = {c.value: c.column for c in ws[1]}
    touched = 0
    for row in ws.iter_rows(min_row=2):
        text = row[header["text"] - 1].value
        if text in HEDGED_FIRST:
            row[header["type"] - 1].value = "concreet"
            kind = "kwantitatief" if any(ch.isdigit() for ch in text) else "kwalitatief"
            row[header["concrete_kind"] - 1].value = kind
        elif text in PLAIN_FIRST:
            row[header["reviewed"] - 1].value = "ja"
        else:
            continue
        touched += 1
    wb.save(workbook)
    return touched


def _stamps(folder: Path) -> dict[Path, int]:
    """Each file under the folder with its modification time (a rewrite changes it)."""
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.model
def test_the_office_loop_through_the_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, out, state = tmp_path / "in", tmp_path / "out", tmp_path / "state"
    first = [x for pair in zip(HEDGED_FIRST, PLAIN_FIRST, strict=True) for x in pair]
    _document(inputs / "meetveen-2025.pdf", 2025, first)
    _document(inputs / "meetveen-2026.pdf", 2026, [t for t, _, _ in NEXT])

    def run(*options: str) -> int:
        command = ["run", str(inputs), "--output", str(out), "--no-progress"]
        return main([*command, "--state-dir", str(state), *options])

    assert run() == 0
    assert _types(out, [t for t, _, _ in NEXT]) == [base for _, base, _ in NEXT]
    assert _types(out, HEDGED_FIRST) == ["intentie"] * 4 + ["proces"] + ["intentie"] * 3
    read_results = _stamps(state / "read")
    assert len(read_results) == 2
    workbook = tmp_path / "reviewed.xlsx"
    shutil.copy(out / "afspraken.xlsx", workbook)
    assert _review_first_document(workbook) == 16
    assert main(["review", "import", str(workbook), "--output", str(out)]) == 0

    models_before = _digests(MODELS_DIR)
    capsys.readouterr()
    assert main(["learn", "--output", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Learned from 16 corrections (type: concreet 13, proces 3;" in printed
    adaptation = load_adaptation(out / OFFICE_MODELS_DIR)
    assert adaptation.corrections == 16
    assert adaptation.label_counts["type"] == {"concreet": 13, "proces": 3}
    # every hedged correction became concreet, and no other correction is hedged
    assert adaptation.type_rules.rules == [
        Rule(feature="cue_hedge", value="concreet", fixes=8, contradictions=0, covers=8)
    ]
    assert adaptation.letter_rules == {}
    # held out, the hedged row the base model called proces is left to a rule on the base
    # model's intentie, which ties with the hedge on the seven others
    assert adaptation.estimate.type_before == 0.5 and adaptation.estimate.type_after == 0.9375
    assert "type, rule 1: where the text has a HEDGE cue, concreet (8 of the 8" in printed
    card = (out / OFFICE_MODELS_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "16 review corrections" in card and "| type | 0.50 | 0.94 |" in card
    assert "- type, rule 1: where the text has a HEDGE cue, concreet" in card
    assert _digests(MODELS_DIR) == models_before  # the base models are never changed
    learned = (out / OFFICE_MODELS_DIR / "adaptation.json").read_bytes()
    assert main(["learn", "--output", str(out)]) == 0  # seeded: the same model again
    assert (out / OFFICE_MODELS_DIR / "adaptation.json").read_bytes() == learned

    assert run() == 0  # the adapted models re-label every document
    assert _stamps(state / "read") == read_results  # from the stored reads: no PDF read again
    assert _types(out, [t for t, _, _ in NEXT]) == [adapted for _, _, adapted in NEXT]
    frame = pd.read_parquet(out / "afspraken.parquet").set_index("text")
    assert frame["model_version"].str.contains("+office-", regex=False).all()
    assert (frame.loc[HEDGED_FIRST, "label_source"] == "human").all()
    assert (frame.loc[HEDGED_FIRST, "type"] == "concreet").all()

    assert run("--base-models") == 0  # the base models again, the reviewer's labels kept
    assert _types(out, [t for t, _, _ in NEXT]) == [base for _, base, _ in NEXT]
    assert _types(out, HEDGED_FIRST) == ["concreet"] * 8


def _store(output: Path, lines: list[str]) -> Path:
    path = corrections_path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _correction(number: int, kind: str = "concreet", verdict: str = "deels") -> str:
    labels = {
        "type": kind,
        "concrete_kind": "kwalitatief" if kind == "concreet" else "",
        "theme_code": "nieuwbouw",
        **{f"smart_{x}": x != "t" for x in "smart"},
        "smart": verdict,
        "parties": "",
    }
    return json.dumps(
        {
            "afspraak_id": f"a{number}",
            "labels": labels,
            "text": f"Woonstede bouwt {number} woningen.",
            "heading": "",
            "source_kind": "list",
        }
    )


def _no_base() -> object:
    raise AssertionError("the base models were loaded although nothing can be learned")


def test_a_corrupt_line_is_named_and_nothing_is_learned(tmp_path: Path) -> None:
    lines = [_correction(i) for i in range(12)]
    lines[4] = lines[4][:-5]  # cut off: not JSON any more
    path = _store(tmp_path, lines)
    with pytest.raises(LearnError, match=rf"{path}, line 5: not valid JSON"):
        learn(tmp_path, base=_no_base)  # type: ignore[arg-type]
    assert not (tmp_path / OFFICE_MODELS_DIR).exists()


def test_a_hand_edited_label_is_named(tmp_path: Path) -> None:
    lines = [_correction(i) for i in range(12)]
    lines[7] = lines[7].replace('"type": "concreet"', '"type": "concrete"')
    _store(tmp_path, lines)
    with pytest.raises(LearnError, match=r"line 8: type 'concrete' is not one of"):
        learn(tmp_path, base=_no_base)  # type: ignore[arg-type]
    lines[7] = json.dumps({"afspraak_id": "a7", "labels": {"type": "proces"}})
    _store(tmp_path, lines)
    with pytest.raises(LearnError, match=r"line 8: the labels lack concrete_kind"):
        learn(tmp_path, base=_no_base)  # type: ignore[arg-type]


def test_too_few_corrections_are_refused(tmp_path: Path) -> None:
    _store(tmp_path, [_correction(i, "proces" if i % 2 else "concreet") for i in range(9)])
    with pytest.raises(LearnError, match=r"9 correction\(s\) to learn from; at least 10"):
        learn(tmp_path, base=_no_base)  # type: ignore[arg-type]
    assert not (tmp_path / OFFICE_MODELS_DIR).exists()


def test_corrections_of_one_label_are_refused(tmp_path: Path) -> None:
    _store(tmp_path, [_correction(i) for i in range(25)])
    with pytest.raises(LearnError, match=r"all 25 corrections have type .concreet. and SMART"):
        learn(tmp_path, base=_no_base)  # type: ignore[arg-type]


def test_no_corrections_says_how_to_make_them(tmp_path: Path) -> None:
    with pytest.raises(LearnError, match=r"review afspraken\.xlsx and import it"):
        learn(tmp_path, base=_no_base)  # type: ignore[arg-type]


def test_the_base_models_are_never_the_destination(tmp_path: Path) -> None:
    _store(tmp_path, [_correction(i, "proces" if i % 2 else "concreet") for i in range(12)])
    with pytest.raises(LearnError, match="never changes"):
        learn(tmp_path, MODELS_DIR / "office", base=_no_base)  # type: ignore[arg-type]


def test_the_command_refuses_with_exit_2_and_keeps_the_current_models(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    current = tmp_path / OFFICE_MODELS_DIR
    current.mkdir()
    (current / "adaptation.json").write_text("kept", encoding="utf-8")
    _store(tmp_path, [_correction(i) for i in range(3)])
    assert main(["learn", "--output", str(tmp_path)]) == 2
    assert "3 correction(s) to learn from" in capsys.readouterr().err
    assert (current / "adaptation.json").read_text(encoding="utf-8") == "kept"


def test_a_run_refuses_models_that_are_not_adapted_models(tmp_path: Path) -> None:
    pdf = _document(tmp_path / "in" / "a.pdf", 2025, PLAIN_FIRST[:2])
    out = tmp_path / "out"
    code = main(["run", str(pdf), "--output", str(out), "--models", str(tmp_path)])
    assert code == 2
    assert not out.exists()


def _adaptation(corrections: int) -> Adaptation:
    return Adaptation(
        base_version="base",
        corrections=corrections,
        corrections_digest="0123456789abcdef",
        label_counts={"type": {"concreet": corrections}},
        estimate=CorrectionEstimate(
            type_before=0.5, type_after=0.5, verdict_before=0.5, verdict_after=0.5
        ),
    )


def test_a_new_adapted_model_is_a_new_model_version(tmp_path: Path) -> None:
    assert office_models(tmp_path) is None
    folder = tmp_path / OFFICE_MODELS_DIR
    folder.mkdir()
    (folder / ADAPTATION_FILE).write_text(_adaptation(12).model_dump_json(), encoding="utf-8")
    assert office_models(tmp_path) == folder
    assert chosen_models(tmp_path, None, False) == folder.resolve()
    assert chosen_models(tmp_path, None, True) is None  # --base-models
    first = resources_version(folder)
    assert first.startswith(resources_version() + "+office-")
    assert first.endswith("~12c-01234567")
    (folder / ADAPTATION_FILE).write_text(_adaptation(13).model_dump_json(), encoding="utf-8")
    assert resources_version(folder) not in (first, resources_version())


def test_models_that_are_not_adapted_models_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="holds no adapted models"):
        chosen_models(tmp_path, tmp_path, False)
    (tmp_path / ADAPTATION_FILE).write_text("{}", encoding="utf-8")
    with pytest.raises(UsageError, match="is not an adapted model"):
        chosen_models(tmp_path / "out", tmp_path, False)


@pytest.mark.model
def test_corrections_that_agree_with_the_base_models_change_nothing(tmp_path: Path) -> None:
    pdf = _document(tmp_path / "a.pdf", 2025, HEDGED_FIRST + PLAIN_FIRST)
    result = process_document(pdf)
    lines = []
    for number, row in enumerate(result.agreements):
        labels = {
            "type": row.type.type,
            "concrete_kind": row.type.concrete_kind,
            "theme_code": row.theme.theme_code,
            **{f"smart_{x}": getattr(row.smart, x).value for x in "smart"},
            "smart": row.smart.verdict,
            "parties": "",
        }
        record = {"afspraak_id": f"a{number}", "labels": labels, "text": row.agreement.text,
                  "heading": " ".join(row.agreement.heading_path),
                  "source_kind": row.agreement.source_kind}  # fmt: skip
        lines.append(json.dumps(record))
    _store(tmp_path, lines)
    adapted = learn(tmp_path).adaptation
    assert adapted.corrections == 16
    assert adapted.type_rules == DecisionList() and adapted.letter_rules == {}
    assert adapted.estimate.type_after == adapted.estimate.type_before == 1.0
    assert adapted.estimate.verdict_after == adapted.estimate.verdict_before == 1.0


def test_a_scheduled_run_picks_up_models_learned_since_the_last_one(tmp_path: Path) -> None:
    assert run_settings(tmp_path, None).models is None
    folder = tmp_path / OFFICE_MODELS_DIR
    folder.mkdir()
    (folder / ADAPTATION_FILE).write_text(_adaptation(12).model_dump_json(), encoding="utf-8")
    assert run_settings(tmp_path, None).models == folder.resolve()
    given = PipelineSettings()
    assert run_settings(tmp_path, given) is given  # a command's own choice is kept


# Base type probabilities of the constructed corrections, by the base model's type.
_BASE = {
    "intentie": {"intentie": 0.5, "proces": 0.1, "concreet": 0.4},
    "concreet": {"intentie": 0.2, "proces": 0.1, "concreet": 0.7},
    "proces": {"intentie": 0.1, "proces": 0.7, "concreet": 0.2},
}


Pair = tuple[AgreementType, AgreementType]
Plan = list[Pair]


def _scored(plan: Plan) -> tuple[list[CorrectionExample], BaseScores]:
    """Corrections without cues: (the base model's type, the office's type) each."""
    examples = [
        CorrectionExample(f"afspraak {i}", "", "", office, dict.fromkeys("SMART", False), "nee")
        for i, (_, office) in enumerate(plan)
    ]
    analysed = [CueMatches(e.text) for e in examples]
    types = [dict(_BASE[base]) for base, _ in plan]
    return examples, BaseScores(analysed, types, [{}] * len(plan))


def _type_choice(shifted: int, agreeing_aims: int) -> tuple[int, int, bool]:
    """The type rules' cross-validated wins and losses against the base model and whether
    they are kept, when the office calls `shifted` of the base model's aims concreet and
    agrees on `agreeing_aims` others and on 14 concrete and process agreements (the texts
    have no cues: the base model's type is all a rule can tell them apart by)."""
    counts: dict[Pair, int] = {
        ("intentie", "concreet"): shifted,
        ("concreet", "concreet"): 8,
        ("proces", "proces"): 6,
        ("intentie", "intentie"): agreeing_aims,
    }
    plan: Plan = [pair for pair, count in counts.items() for _ in range(count)]
    examples, scores = _scored(plan)
    settings = LearnSettings()
    split = folds(len(examples), settings.folds, settings.seed)
    choice = cross_validate(type_problem(examples, scores), range(len(plan)), split, settings)
    return choice.wins, choice.losses, choice.kept


def test_a_convention_shown_by_four_corrections_is_learned() -> None:
    # each held out in turn, the other three back the rule "base intentie -> concreet"
    assert _type_choice(shifted=4, agreeing_aims=0) == (4, 0, True)
    assert sign_test(4, 0) == 1 / 16


def test_three_corrections_are_too_few_for_a_rule() -> None:
    # each held out in turn, two corrections remain: fewer than min_fixes
    assert _type_choice(shifted=3, agreeing_aims=0) == (0, 0, False)


def test_one_inconsistent_correction_blocks_a_rule_only_when_few_show_it() -> None:
    # the office keeps one of the base model's aims: it contradicts "base intentie ->
    # concreet", and nothing else tells the two kinds apart. Held out in turn: each of 5
    # shifted aims leaves 4 against 1 (too few); the kept aim is put wrong by 5 against 0
    assert _type_choice(shifted=5, agreeing_aims=1) == (0, 1, False)
    # 7 shifted: each held out leaves 6 against 1, one contradiction per 6 is tolerated
    assert _type_choice(shifted=7, agreeing_aims=1) == (7, 1, True)


def test_the_keep_rule_needs_both_the_margin_and_the_significance() -> None:
    settings = LearnSettings()
    assert keeps_rules(4, 0, settings)  # p = 1/16
    assert not keeps_rules(3, 0, settings)  # p = 1/8
    assert not keeps_rules(12, 8, settings)  # 4 more, p = 0.25
    assert keeps_rules(15, 3, settings)  # p = 0.0038
    assert not keeps_rules(5, 0, LearnSettings(significance=0.01))
    assert not keeps_rules(1, 0, LearnSettings(significance=1.0))  # the margin alone
    assert sign_test(0, 0) == 1.0


def test_a_rule_moves_the_type_and_keeps_the_base_models_confidence() -> None:
    base = {"intentie": 0.2, "proces": 0.1, "concreet": 0.7}
    assert moved_to(base, "intentie") == {"intentie": 0.7, "proces": 0.1, "concreet": 0.2}
    assert moved_to(base, "concreet") == base


def test_rules_are_described_in_words() -> None:
    assert describe_feature("base_concreet&no_quantity") == (
        "the base model says concreet and the text has no QUANTITY cue"
    )
    assert describe_feature("src_table_row") == "it is a table row"
    assert describe_feature("hedged") == "the text is hedged"


def test_models_learned_by_the_linear_heads_are_refused_with_the_way_out(
    tmp_path: Path,
) -> None:
    old = _adaptation(12).model_dump()
    old.update(format=1, type_head=None, letter_heads={})
    del old["type_rules"], old["letter_rules"]
    (tmp_path / ADAPTATION_FILE).write_text(json.dumps(old), encoding="utf-8")
    with pytest.raises(UsageError, match="format 1 was written by an older version") as info:
        chosen_models(tmp_path / "out", tmp_path, False)
    assert "Run `prestatie learn` again, or run with --base-models." in str(info.value)
