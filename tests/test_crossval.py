"""Cross-validation by municipality, calibration and the review threshold, on tiny corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from flows.cli import main
from pipeline.label.cues import CueMatcher
from pipeline.label.typemodel import TypeTrainingSettings, temperature_scale
from training.corpus import CorpusError, load_corpus, load_splits
from training.crossval import (
    ModelSettings,
    calibrate,
    fit_temperature,
    load_corpora,
    out_of_fold,
    review_threshold,
)

TEXTS = {
    "concreet": "De corporatie bouwt in 2026 veertig woningen.",
    "proces": "Partijen overleggen twee keer per jaar over de voortgang.",
    "intentie": "Partijen streven naar betaalbare en leefbare wijken.",
}


def _record(municipality: str, number: int, agreement_type: str) -> dict[str, object]:
    return {
        "id": f"{municipality.split()[-1].lower()}-{number:03d}",
        "municipality": municipality,
        "year": 2025,
        "layout": "list",
        "heading": "",
        "number": "",
        "text": TEXTS[agreement_type],
        "contributions": {},
        "type": agreement_type,
        "concrete_kind": "kwantitatief" if agreement_type == "concreet" else "",
        "theme_code": "nieuwbouw",
        "smart_s": True,
        "smart_m": agreement_type != "intentie",
        "smart_a": agreement_type != "intentie",
        "smart_r": True,
        "smart_t": agreement_type != "intentie",
        "smart": "deels" if agreement_type == "intentie" else "ja",
        "hard_case": False,
        "note": "",
    }


def _corpus(folder: Path, file_name: str, splits: dict[str, list[str]]) -> Path:
    folder.mkdir(parents=True)
    lines = [
        json.dumps(_record(m, i * 3 + j, t))
        for names in splits.values()
        for m in names
        for i in range(2)
        for j, t in enumerate(TEXTS)
    ]
    (folder / file_name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "splits.json").write_text(json.dumps(splits), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpora_dirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("corpora")
    written = _corpus(
        root / "written",
        "part_a.jsonl",
        {"train": ["Gemeente Aa"], "dev": ["Gemeente Bee"], "test": ["Gemeente Cee"]},
    )
    real = _corpus(
        root / "real",
        "agreements.jsonl",
        {"train": ["Gemeente Dee", "Gemeente Ee", "Gemeente Eff"], "dev": ["Gemeente Gee"]},
    )
    return written, real


def test_out_of_fold_never_scores_a_municipality_with_a_model_that_saw_it(
    corpora_dirs: tuple[Path, Path],
) -> None:
    corpora = load_corpora(*corpora_dirs, CueMatcher(spacy.blank("nl")))
    assert len(corpora.real) == 24
    assert [r.municipality for r in corpora.written_test().records] == ["Gemeente Cee"] * 6
    assert len(corpora.written_training()) == 12
    pool = corpora.real_split("train", "dev")
    settings = ModelSettings(type=TypeTrainingSettings(epochs=8))
    raw, folds = out_of_fold(corpora, pool, settings, folds=4)
    assert len(raw) == len(folds) == 24
    fold_municipalities = {
        f: {r.municipality for r, g in zip(pool.records, folds, strict=True) if g == f}
        for f in set(folds)
    }
    assert sorted(len(m) for m in fold_municipalities.values()) == [1, 1, 1, 1]
    # The texts are unambiguous, so every held-out municipality is labelled right.
    predicted = [max(p.type_probabilities, key=p.type_probabilities.__getitem__) for p in raw]
    assert predicted == [r.type for r in pool.records]
    assert all(set(p.letter_probabilities) == {"S", "M", "A"} for p in raw)
    calibration = calibrate(raw, pool.records)
    assert calibration.temperature < 1.0  # right and under-confident: sharpened
    # Every row is right, so no row needs review: the threshold is the lowest score.
    lowest = min(
        max(temperature_scale(p.type_probabilities, calibration.temperature).values()) for p in raw
    )
    assert calibration.review_threshold == round(lowest, 4)


def test_review_threshold_flags_as_few_rows_as_the_error_bound_allows() -> None:
    scores = [0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4, 0.35]
    correct = [True, True, True, True, True, True, False, True, False, False]
    # At 0.6 and above all six rows are right; at 0.45 one of eight is wrong (12.5%).
    assert review_threshold(scores, correct, max_error=0.10) == 0.6
    assert review_threshold(scores, correct, max_error=0.15) == 0.45
    assert review_threshold(scores, correct, max_error=0.30) == 0.35
    assert review_threshold([0.9], [False], max_error=0.1) == 1.0


def test_temperature_sharpens_under_confident_and_softens_over_confident_scores() -> None:
    gold = ["concreet"] * 8 + ["proces"] * 2
    right = {"concreet": 0.5, "proces": 0.3, "intentie": 0.2}
    wrong = {"concreet": 0.5, "proces": 0.3, "intentie": 0.2}
    assert fit_temperature([right] * 8 + [wrong] * 2, gold) < 1.0
    over = [{"concreet": 0.99, "proces": 0.005, "intentie": 0.005}] * 10
    assert fit_temperature(over, ["concreet"] * 6 + ["proces"] * 4) > 1.0


def test_a_corpus_without_splits_or_with_a_bad_line_is_refused_with_its_reason(
    tmp_path: Path,
) -> None:
    with pytest.raises(CorpusError, match=r"splits\.json is missing"):
        load_splits(tmp_path)
    with pytest.raises(CorpusError, match="no such folder"):
        load_splits(tmp_path / "absent")
    with pytest.raises(CorpusError, match="no annotation files"):
        load_corpus(tmp_path)
    (tmp_path / "agreements.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"agreements.jsonl, line 1: not an annotation record"):
        load_corpus(tmp_path)


def test_evaluate_without_splits_says_so_and_exits_2(
    tmp_path: Path, corpora_dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Regression (issue 19): it ended in a raw traceback with exit 1."""
    written, _ = corpora_dirs
    real = tmp_path / "real"
    real.mkdir()
    (real / "agreements.jsonl").write_text("", encoding="utf-8")
    code = main(["evaluate", "--corpus", str(written), "--real", str(real)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"prestatie evaluate: {real / 'splits.json'} is missing")
    assert "Traceback" not in err
