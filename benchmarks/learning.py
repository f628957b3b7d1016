"""The learning curve of `prestatie learn`: how far k corrections move the labels toward an
office's own conventions (`make learning-curve`, part of `make evaluate`).

Offices are simulated on the annotated corpora: each relabels the agreements by a convention
of its own (below). For k = 10, 25 and 50, k agreements of one document set (a written
municipality, or real municipalities until there are enough agreements) are corrected in the
office's labels (two offices give 10% of them a random other type: reviewers are not perfectly
consistent), the rules are learned from them exactly as `prestatie learn` learns them
(`training.learn.fit_adaptation`), and the uncorrected rest of those documents and the office's
other documents are labelled by the adapted models and scored against the office's labels. The
base models never saw the scored municipalities: the written test municipalities are scored by
models trained on the written training municipalities and the real train split; the real corpus
in two halves by municipality, each by models trained without it. Results: the section
"Learning an office's conventions" of BENCHMARKS.md and `benchmarks/learning_curve.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pipeline.label.adaptation import AdaptedLetterModel, AdaptedTypeModel
from pipeline.label.cues import CueMatcher, CueMatches
from pipeline.label.smart import assess_smart, hedge_cues, smart_verdict
from pipeline.label.smartmodel import SmartLetterModel
from pipeline.label.typemodel import TypeEnsemble, likeliest_type
from pipeline.models import AGREEMENT_TYPES, SmartLetterResult
from pipeline.process import load_language
from training.corpus import AnnotationRecord
from training.crossval import LabelledSet, ModelSettings, load_corpora, train_models
from training.learn import CorrectionExample, LearnSettings, fit_adaptation, score_analysed

PROJECT = Path(__file__).resolve().parents[1]
RESULTS_FILE = PROJECT / "benchmarks" / "learning_curve.json"
SECTION = "## Learning an office's conventions"
CORRECTIONS = (10, 25, 50)
DRAWS = {"written": 4, "real": 3}
Labels = tuple[str, dict[str, bool], str]
Pair = tuple[float, float]
"""Type accuracy and SMART-verdict accuracy (or their gains)."""


def _verdict(letters: dict[str, bool]) -> str:
    return smart_verdict(*(SmartLetterResult(value=letters[k]) for k in "smart"))


def _labels(record: AnnotationRecord) -> Labels:
    letters = {k: bool(getattr(record, f"smart_{k}")) for k in "smart"}
    return record.type, letters, record.smart


def _headline(record: AnnotationRecord) -> str:
    """An actor-table row's headline: its text before the first party's cell."""
    text = record.text
    starts = [text.find(f"{party}:") for party in record.contributions]
    return text[: min([s for s in starts if s > 0], default=len(text))]


def office_hedged(record: AnnotationRecord, cues: CueMatches) -> Labels:
    """Every hedged measure is an aim: intentie (so nothing specific, S false)."""
    kind, letters, verdict = _labels(record)
    if hedge_cues(cues):
        letters = {**letters, "s": False}
        return "intentie", letters, _verdict(letters)
    return kind, letters, verdict


def office_headline(record: AnnotationRecord, cues: CueMatches) -> Labels:
    """Actor-table rows are judged by their headline only: a concrete row whose headline holds
    no number is an aim."""
    kind, letters, verdict = _labels(record)
    by_headline = not any(ch.isdigit() for ch in _headline(record))
    if record.layout == "table_row" and kind == "concreet" and by_headline:
        letters = {**letters, "s": False}
        return "intentie", letters, _verdict(letters)
    return kind, letters, verdict


def office_numbers(record: AnnotationRecord, cues: CueMatches) -> Labels:
    """Only a measure with a number is concrete; a concrete measure without one is an aim."""
    kind, letters, verdict = _labels(record)
    if kind == "concreet" and not cues.get("QUANTITY"):
        letters = {**letters, "s": False}
        return "intentie", letters, _verdict(letters)
    return kind, letters, verdict


def office_strict(record: AnnotationRecord, cues: CueMatches) -> Labels:
    """Stricter on SMART: measurable (M) only with a number, so fewer `ja`."""
    kind, letters, verdict = _labels(record)
    if letters["m"] and not cues.get("QUANTITY"):
        letters = {**letters, "m": False}
        return kind, letters, _verdict(letters)
    return kind, letters, verdict


def office_guide(record: AnnotationRecord, cues: CueMatches) -> Labels:
    """The project's own guide: the corpus labels as they are."""
    return _labels(record)


OFFICES: dict[str, Callable[[AnnotationRecord, CueMatches], Labels]] = {
    "agrees with the base models": office_guide,  # labels replaced by the base models' own
    "agrees with the guide": office_guide,
    "hedged measure is intentie": office_hedged,
    "table rows by headline": office_headline,
    "concreet needs a number": office_numbers,
    "stricter SMART (M needs a number)": office_strict,
}
AGREES_WITH_BASE = "agrees with the base models"
INCONSISTENT = 0.1
"""Share of an inconsistent office's corrections that carry a random other type."""
INCONSISTENT_OFFICES = {
    "agrees with the guide, 10% inconsistent": "agrees with the guide",
    "concreet needs a number, 10% inconsistent": "concreet needs a number",
}
"""Offices whose reviewers give a random other type to some corrections: scored against the
office's own convention, taught by its inconsistent corrections."""


@dataclass(frozen=True)
class Pool:
    """Documents of simulated offices and the base models that never saw them."""

    name: str
    records: LabelledSet
    type_model: TypeEnsemble
    letter_model: SmartLetterModel


def _pools(written: Path, real: Path, matcher: CueMatcher) -> list[Pool]:
    """The written test municipalities, and the real corpus in two halves by municipality."""
    corpora = load_corpora(written, real, matcher)
    training = corpora.written_training()
    settings = ModelSettings()
    base = train_models(training, corpora.real_split("train"), settings)
    pools = [Pool("written", corpora.written_test(), base.type_model, base.letter_model)]
    municipalities = sorted({r.municipality for r in corpora.real.records})
    random.Random(7).shuffle(municipalities)
    for half in (set(municipalities[::2]), set(municipalities[1::2])):
        rest = corpora.real.where(lambda r, h=half: r.municipality not in h)  # type: ignore[misc]
        models = train_models(training, rest, settings)
        scored = corpora.real.where(lambda r, h=half: r.municipality in h)  # type: ignore[misc]
        pools.append(Pool("real", scored, models.type_model, models.letter_model))
    return pools


def scenarios(pool: Pool, k: int, draw: int) -> tuple[list[int], list[int], list[int]]:
    """The corrected agreements, the rest of their documents and the other documents: written,
    one municipality per draw (two when k needs them); real, municipalities in a drawn order
    until k plus 15 agreements."""
    by_municipality: dict[str, list[int]] = {}
    for i, record in enumerate(pool.records.records):
        by_municipality.setdefault(record.municipality, []).append(i)
    order = sorted(by_municipality)
    rng = random.Random(1000 * draw + k + sum(map(ord, pool.name)))
    if pool.name == "written":
        order = order[draw % len(order) :] + order[: draw % len(order)]
    else:
        rng.shuffle(order)
    source: list[str] = []
    for municipality in order:
        if sum(len(by_municipality[m]) for m in source) >= max(k, 25) + 15:
            break
        source.append(municipality)
    picked = [i for m in source for i in by_municipality[m]]
    rng.shuffle(picked)
    others = [i for m in order if m not in source for i in by_municipality[m]]
    return picked[:k], picked[k:], others


def _examples(
    records: Sequence[AnnotationRecord], labels: Sequence[Labels]
) -> list[CorrectionExample]:
    return [
        CorrectionExample(
            text=r.text,
            heading=r.heading,
            source_kind=r.source_kind,
            type=kind,  # type: ignore[arg-type]
            letters={k.upper(): v for k, v in letters.items()},
            verdict=verdict,
        )
        for r, (kind, letters, verdict) in zip(records, labels, strict=True)
    ]


def _accuracy(
    type_model: Callable[..., list[dict[str, float]]],
    letter_model: Callable[..., list[dict[str, float]]],
    scored: LabelledSet,
    truth: Sequence[Labels],
) -> tuple[float, float]:
    """Type and SMART verdict accuracy of the pipeline's labels against the office's."""
    records = scored.records
    probabilities = type_model(
        scored.cues, [r.heading for r in records], [r.source_kind for r in records]
    )
    types = [likeliest_type(p) for p in probabilities]
    letters = letter_model(scored.cues, types)
    verdicts = [
        assess_smart(c, t, q).verdict for c, t, q in zip(scored.cues, types, letters, strict=True)
    ]
    n = len(records)
    return (
        sum(t == g[0] for t, g in zip(types, truth, strict=True)) / n,
        sum(v == g[2] for v, g in zip(verdicts, truth, strict=True)) / n,
    )


def _office_truth(pool: Pool, office: str) -> tuple[list[Labels], list[Labels]]:
    """The office's labels of every agreement (what is scored), and the labels its reviewers
    give (the same, except for the office that agrees with the base models and the
    inconsistent offices)."""
    if office in INCONSISTENT_OFFICES:
        truth, _ = _office_truth(pool, INCONSISTENT_OFFICES[office])
        return truth, _inconsistent(truth, zlib.crc32(f"{pool.name}:{office}".encode()))
    rule = OFFICES[office]
    truth = [rule(r, c) for r, c in zip(pool.records.records, pool.records.cues, strict=True)]
    if office != AGREES_WITH_BASE:
        return truth, truth
    records = pool.records.records
    probabilities = pool.type_model(
        pool.records.cues, [r.heading for r in records], [r.source_kind for r in records]
    )
    types = [likeliest_type(p) for p in probabilities]
    letters = pool.letter_model(pool.records.cues, types)
    given: list[Labels] = []
    for cues, kind, q in zip(pool.records.cues, types, letters, strict=True):
        smart = assess_smart(cues, kind, q)
        given.append((kind, {k: bool(getattr(smart, k).value) for k in "smart"}, smart.verdict))
    return truth, given


def _inconsistent(truth: Sequence[Labels], seed: int) -> list[Labels]:
    """The labels with a share `INCONSISTENT` of the types replaced by a random other one."""
    rng = random.Random(seed)
    given = []
    for kind, letters, verdict in truth:
        if rng.random() < INCONSISTENT:
            kind = rng.choice([t for t in AGREEMENT_TYPES if t != kind])
        given.append((kind, letters, verdict))
    return given


@dataclass(frozen=True)
class ScenarioResult:
    """One office, corpus half, k and draw: accuracy on the rest of the corrected documents
    and on the other documents, by the base and by the adapted models."""

    corpus: str
    office: str
    k: int
    draw: int
    rest_base: Pair
    rest_adapted: Pair
    others_base: Pair
    others_adapted: Pair


def one_scenario(pool: Pool, office: str, k: int, draw: int) -> ScenarioResult:
    """Learn from k corrections of one office and score the rest and the other documents."""
    truth, given = _office_truth(pool, office)
    corrected, rest, others = scenarios(pool, k, draw)
    records = [pool.records.records[i] for i in corrected]
    cues = [pool.records.cues[i] for i in corrected]
    examples = _examples(records, [given[i] for i in corrected])
    scores = score_analysed(cues, examples, pool.type_model, pool.letter_model)
    adaptation, _, _ = fit_adaptation(examples, scores, "base", LearnSettings())
    adapted_type: Callable[..., list[dict[str, float]]] = pool.type_model
    if adaptation.type_rules.rules:
        adapted_type = AdaptedTypeModel(pool.type_model, adaptation.type_rules)
    adapted_letters = AdaptedLetterModel(pool.letter_model, adaptation.letter_rules)
    scored: dict[str, tuple[Pair, Pair]] = {}
    for name, indices in (("rest", rest), ("others", others)):
        subset = LabelledSet(
            [pool.records.records[i] for i in indices], [pool.records.cues[i] for i in indices]
        )
        office_labels = [truth[i] for i in indices]
        scored[name] = (
            _accuracy(pool.type_model, pool.letter_model, subset, office_labels),
            _accuracy(adapted_type, adapted_letters, subset, office_labels),
        )
    return ScenarioResult(pool.name, office, k, draw, *scored["rest"], *scored["others"])


def learning_curve(written: Path, real: Path) -> list[ScenarioResult]:
    """Every office, pool, k and draw."""
    pools = _pools(written, real, CueMatcher(load_language()))
    rows = []
    for pool in pools:
        for office in [*OFFICES, *INCONSISTENT_OFFICES]:
            if office == "table rows by headline" and pool.name != "written":
                continue  # the real corpus has no actor tables
            for k in CORRECTIONS:
                for draw in range(DRAWS[pool.name]):
                    rows.append(one_scenario(pool, office, k, draw))
    return rows


@dataclass(frozen=True)
class CurvePoint:
    """Per corpus, office and k, over the draws: the base models' accuracy, the mean gain of
    the adapted models and the worst draw's gain, on the rest and on the other documents."""

    corpus: str
    office: str
    k: int
    draws: int
    rest_base: Pair
    rest_gain: Pair
    rest_worst: Pair
    others_base: Pair
    others_gain: Pair
    others_worst: Pair


def _mean(pairs: Sequence[Pair]) -> Pair:
    return (
        round(statistics.mean(p[0] for p in pairs), 3),
        round(statistics.mean(p[1] for p in pairs), 3),
    )


def _gains(adapted: Sequence[Pair], base: Sequence[Pair]) -> list[Pair]:
    return [(a[0] - b[0], a[1] - b[1]) for a, b in zip(adapted, base, strict=True)]


def summarise(rows: Sequence[ScenarioResult]) -> list[CurvePoint]:
    """The learning curve: the scenarios averaged over their draws."""
    groups: dict[tuple[str, str, int], list[ScenarioResult]] = {}
    for row in rows:
        groups.setdefault((row.corpus, row.office, row.k), []).append(row)
    points = []
    for (corpus, office, k), members in groups.items():
        rest = _gains([m.rest_adapted for m in members], [m.rest_base for m in members])
        others = _gains([m.others_adapted for m in members], [m.others_base for m in members])
        points.append(
            CurvePoint(
                corpus,
                office,
                k,
                len(members),
                _mean([m.rest_base for m in members]),
                _mean(rest),
                (round(min(g[0] for g in rest), 3), round(min(g[1] for g in rest), 3)),
                _mean([m.others_base for m in members]),
                _mean(others),
                (round(min(g[0] for g in others), 3), round(min(g[1] for g in others), 3)),
            )
        )
    return points


def time_learning(written: Path, corrections: int = 1000, runs: int = 3) -> list[float]:
    """Seconds of `training.learn.learn` (reading, analysing, cross-validating, writing) on
    an output folder with `corrections` corrections from the written corpus (the base models
    loaded once beforehand, as the command loads them once)."""
    import tempfile

    from training.corpus import load_corpus
    from training.learn import learn, load_base_models

    records = load_corpus(written)
    base = load_base_models()
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder)
        store = output / ".corrections" / "corrections.jsonl"
        store.parent.mkdir(parents=True)
        lines = []
        for i in range(corrections):
            r = records[i % len(records)]
            labels = {
                "type": r.type,
                "concrete_kind": r.concrete_kind,
                "theme_code": r.theme_code,
                **{f"smart_{k}": bool(getattr(r, f"smart_{k}")) for k in "smart"},
                "smart": r.smart,
                "parties": "",
            }
            text = r.text if i < len(records) else f"{r.text} ({i})"
            record = {
                "afspraak_id": f"r{i}",
                "labels": labels,
                "text": text,
                "heading": r.heading,
                "source_kind": r.source_kind,
            }
            lines.append(json.dumps(record, ensure_ascii=False))
        store.write_text("\n".join(lines) + "\n", encoding="utf-8")
        seconds = []
        for _ in range(runs):
            started = time.perf_counter()
            learn(output, base=lambda: base)
            seconds.append(time.perf_counter() - started)
    return seconds


def _pair(values: Pair, signed: bool = True) -> str:
    return (
        f"{values[0]:+.2f} / {values[1]:+.2f}" if signed else f"{values[0]:.2f} / {values[1]:.2f}"
    )


@dataclass(frozen=True)
class CurveResults:
    """What `make learning-curve` keeps (benchmarks/learning_curve.json)."""

    points: list[CurvePoint]
    learn_seconds: list[float]
    learn_corrections: int
    load: str

    def to_json(self) -> str:
        """The results as JSON."""
        return json.dumps(asdict(self), indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> CurveResults:
        """Results written by `to_json`."""
        raw: dict[str, Any] = json.loads(text)
        points = [CurvePoint(*_pairs(list(p.values()))) for p in raw.pop("points")]
        return cls(points=points, **raw)


def _pairs(values: list[Any]) -> list[Any]:
    """JSON lists back into the tuples of a `CurvePoint`, in field order."""
    return [tuple(v) if isinstance(v, list) else v for v in values]


def render_section(results: CurveResults) -> str:
    """The BENCHMARKS.md section of the learning curve."""
    lines = [
        SECTION,
        "",
        "Written by `make learning-curve` (`benchmarks/learning.py`, also run by `make "
        "evaluate`). Simulated offices relabel the annotated corpora by a convention of their "
        "own; k agreements of one document set are corrected, `prestatie learn`'s method "
        "learns from them, and the rest of those documents and the office's other documents "
        "are scored against the office's labels (the inconsistent offices' reviewers give 10% of "
        "the corrections a random other type; their offices are scored by their convention). "
        "Figures are type / SMART-verdict accuracy; "
        "gains over the base models are averaged over the draws (the worst draw in brackets). "
        "The base models never saw the scored municipalities (see the module's docstring).",
        "",
        "| corpus (draws) | office | k | base, rest | gain, rest | base, others | gain, others |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in results.points:
        lines.append(
            f"| {p.corpus} ({p.draws}) | {p.office} | {p.k} | {_pair(p.rest_base, False)} | "
            f"{_pair(p.rest_gain)} ({_pair(p.rest_worst)}) | {_pair(p.others_base, False)} | "
            f"{_pair(p.others_gain)} ({_pair(p.others_worst)}) |"
        )
    if results.learn_seconds:
        seconds = results.learn_seconds
        lines += [
            "",
            f"Learning from {results.learn_corrections} corrections (`training.learn.learn`: "
            f"read, analyse, cross-validate, write): {statistics.median(seconds):.1f} s, median "
            f"of {len(seconds)} runs ({min(seconds):.1f}-{max(seconds):.1f} s); load average "
            f"at the start {results.load}.",
        ]
    return "\n".join(lines) + "\n"


def write_section(report: Path, section: str) -> None:
    """Put the section into BENCHMARKS.md, replacing an earlier one and keeping the sections
    after it."""
    from benchmarks import report as reports

    reports.write_section(report, SECTION, section)


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m benchmarks.learning [--corpus DIR] [--real DIR]."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.learning", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=PROJECT / "data" / "annotations")
    parser.add_argument("--real", type=Path, default=PROJECT.parent / "shared" / "realworld")
    parser.add_argument("--report", type=Path, default=PROJECT / "BENCHMARKS.md")
    parser.add_argument("--timing-runs", type=int, default=3)
    args = parser.parse_args(argv)
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    points = summarise(learning_curve(args.corpus, args.real))
    seconds = time_learning(args.corpus, runs=args.timing_runs) if args.timing_runs else []
    results = CurveResults(points, seconds, 1000, load)
    RESULTS_FILE.write_text(results.to_json(), encoding="utf-8")
    section = render_section(results)
    write_section(args.report, section)
    print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
