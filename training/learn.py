"""`prestatie learn`: an output folder's review corrections in, an adapted type and SMART model
out (`pipeline.label.adaptation`), with a model card and a short table of what was learned.

The corrections are read strictly (a damaged line is an error that names it, and nothing is
trained), analysed as the pipeline analyses agreements, and decided by the base models. Short
decision lists (`training.decision_lists`) are learned per label from the corrections alone,
and a list is kept only when its cross-validated gain over the base model is not noise (a
margin and a sign test over the held-out corrections where the two disagree), so corrections
that agree with the base model or the guide change nothing. Deterministic: fixed folds, rules
chosen by count with ties broken by name.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from pipeline.label.adaptation import (
    LETTER_VALUES,
    Adaptation,
    CorrectionEstimate,
    DecisionList,
    adaptation_path,
    letter_is_free,
    letter_rule_features,
    type_rule_features,
    with_letter_rules,
)
from pipeline.label.cues import CueMatcher, CueMatches, parse_helps
from pipeline.label.smart import assess_smart
from pipeline.label.smartmodel import LEARNED_LETTERS, SmartLetterModel
from pipeline.label.typemodel import TypeEnsemble, likeliest_type
from pipeline.modelfiles import MODELS_DIR, OFFICE_MODELS_DIR
from pipeline.models import AGREEMENT_TYPES, SMART_VERDICTS, AgreementType
from pipeline.write.atomic import write_text_atomic
from pipeline.write.corrections import corrections_path
from pipeline.write.label_columns import LABEL_FIELDS, NOT_AGREEMENT, REVIEW_TYPES
from training.decision_lists import RuleProblem, learn_decision_list

VERDICT_LETTERS = ("smart_s", "smart_m", "smart_a", "smart_r", "smart_t")


class LearnError(Exception):
    """The corrections cannot be learned from; the message says why (nothing was written)."""


class LearnSettings(BaseModel):
    """How `prestatie learn` learns and judges the rules."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_corrections: int = Field(
        10, ge=2, description="fewer corrections than this are too few to learn from"
    )
    folds: int = Field(
        25,
        ge=2,
        description="folds of the cross-validation over the corrections (one correction each "
        "when there are fewer: with 25 corrections a rule learned from 24 is judged on the "
        "25th)",
    )
    min_fixes: int = Field(
        3,
        ge=1,
        description="a rule is learned only when it puts at least this many more corrections "
        "right (the base models got them wrong) than it contradicts (the base models got them "
        "right, it puts them wrong)",
    )
    fixes_per_contradiction: int = Field(
        6,
        ge=1,
        description="and only when it is contradicted at most once per this many corrections "
        "it puts right: one inconsistent correction must not block a rule that twenty show, "
        "nor may two hold up five",
    )
    max_rules: int = Field(3, ge=1, description="rules per decision list, at most")
    seed: int = Field(13, description="seed of the fold assignment")
    min_gain: int = Field(
        2,
        ge=1,
        description="a decision list is kept only when, over the held-out corrections, it gets "
        "at least this many more right than the base model (one more is too often luck)",
    )
    significance: float = Field(
        0.10,
        gt=0.0,
        le=1.0,
        description="and only when a one-sided sign test over the held-out corrections where "
        "rules and base model disagree rejects 'no better than the base model' at this level "
        "(4 wins and no loss pass, 3 do not; 0.05, which needs 5, halved the gains at 25 "
        "corrections and protected no agreeing office more: BENCHMARKS.md)",
    )


@dataclass(frozen=True)
class CorrectionExample:
    """One correction as the rules learn from it: the analysed text and the office's labels."""

    text: str
    heading: str
    source_kind: str
    type: AgreementType
    letters: dict[str, bool]
    verdict: str


def read_corrections(output_dir: Path) -> tuple[list[CorrectionExample], str, int]:
    """The latest correction per agreement as examples, the digest of those used, and how many
    were left out (rows a reviewer called no agreement, or stored without their text).

    Raises LearnError naming the first line that is not a correction record.
    """
    path = corrections_path(output_dir)
    if not path.is_file():
        raise LearnError(
            f"{output_dir} has no corrections ({path} is missing): review afspraken.xlsx and "
            f"import it with `prestatie review import` first."
        )
    latest: dict[str, dict[str, object]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            record = _correction_record(line, path, number)
            latest[str(record["afspraak_id"])] = record
    examples: list[CorrectionExample] = []
    used: list[str] = []
    for afspraak_id, record in sorted(latest.items()):
        example = _example(record)
        if example is not None:
            examples.append(example)
            used.append(json.dumps([afspraak_id, record["labels"], example.text], sort_keys=True))
    digest = hashlib.sha256("\n".join(used).encode("utf-8")).hexdigest()[:16]
    return examples, digest, len(latest) - len(examples)


def _correction_record(line: str, path: Path, number: int) -> dict[str, object]:
    """One line of the corrections store, checked; LearnError naming the line otherwise."""
    where = f"{path}, line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise LearnError(f"{where}: not valid JSON ({error.msg}); nothing was learned.") from None
    labels = record.get("labels") if isinstance(record, dict) else None
    if not isinstance(labels, dict) or not record.get("afspraak_id"):
        raise LearnError(f"{where}: not a correction record (no afspraak_id or labels).")
    missing = [f for f in LABEL_FIELDS if f not in labels]
    if missing:
        raise LearnError(f"{where}: the labels lack {', '.join(missing)}; nothing was learned.")
    if labels["type"] not in REVIEW_TYPES:
        raise LearnError(
            f"{where}: type '{labels['type']}' is not one of {', '.join(REVIEW_TYPES)}."
        )
    if labels["smart"] not in SMART_VERDICTS:
        raise LearnError(f"{where}: smart '{labels['smart']}' is not ja, deels or nee.")
    bad = [f for f in VERDICT_LETTERS if not isinstance(labels[f], bool)]
    if bad:
        raise LearnError(f"{where}: {', '.join(bad)} must be true or false.")
    return record


def _example(record: dict[str, object]) -> CorrectionExample | None:
    """The example of a correction (None for a row that is no agreement or has no text)."""
    labels = record["labels"]
    assert isinstance(labels, dict)
    text = str(record.get("text") or "")
    if not text or labels["type"] == NOT_AGREEMENT:
        return None
    lead_in = str(record.get("lead_in") or "")
    return CorrectionExample(
        text=f"{lead_in} {text}" if lead_in else text,
        heading=str(record.get("heading") or ""),
        source_kind=str(record.get("source_kind") or ""),
        type=labels["type"],
        letters={f[-1].upper(): bool(labels[f]) for f in VERDICT_LETTERS},
        verdict=str(labels["smart"]),
    )


@dataclass(frozen=True)
class BaseScores:
    """The base models on the corrections: per example its analysis, the uncalibrated type
    probabilities, and per type the letter probabilities."""

    analysed: list[CueMatches]
    types: list[dict[str, float]]
    letters: list[dict[str, dict[str, float]]]

    def base_type(self, i: int) -> AgreementType:
        """The base model's type of example i."""
        return likeliest_type(self.types[i])


def score_examples(
    examples: Sequence[CorrectionExample],
    matcher: CueMatcher,
    type_model: TypeEnsemble,
    letter_model: SmartLetterModel,
) -> BaseScores:
    """Analyse the corrections' texts as the pipeline does and score them with the base models."""
    analysed = matcher.analyse_many(
        [e.text for e in examples], parse=[parse_helps(e.source_kind) for e in examples]
    )
    return score_analysed(analysed, examples, type_model, letter_model)


def score_analysed(
    analysed: Sequence[CueMatches],
    examples: Sequence[CorrectionExample],
    type_model: TypeEnsemble,
    letter_model: SmartLetterModel,
) -> BaseScores:
    """The base models' scores of analysed texts: type probabilities, and per type the letter
    probabilities."""
    types = type_model.uncalibrated(
        analysed, [e.heading for e in examples], [e.source_kind for e in examples]
    )
    per_type = {t: letter_model(analysed, [t] * len(analysed)) for t in AGREEMENT_TYPES}
    letters: list[dict[str, dict[str, float]]] = [
        {t: per_type[t][i] for t in AGREEMENT_TYPES} for i in range(len(analysed))
    ]
    return BaseScores(list(analysed), types, letters)


def folds(n: int, count: int, seed: int) -> list[list[int]]:
    """Example indices split into `count` folds (one example each when there are fewer)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    count = min(count, n)
    return [sorted(order[i::count]) for i in range(count)]


def type_problem(examples: Sequence[CorrectionExample], scores: BaseScores) -> RuleProblem:
    """The corrections as a problem for type rules: a rule moves an agreement to its type."""
    return RuleProblem(
        features=[
            type_rule_features(scores.analysed[i], e.heading, e.source_kind, scores.base_type(i))
            for i, e in enumerate(examples)
        ],
        current=[scores.base_type(i) for i in range(len(examples))],
        target=[e.type for e in examples],
        outcomes=[{t: t for t in AGREEMENT_TYPES} for _ in examples],
        values=AGREEMENT_TYPES,
    )


def _decided(
    cues: CueMatches, agreement_type: AgreementType, letters: dict[str, float], letter: str
) -> str:
    """`ja` or `nee`: the pipeline's decision of a letter with these letter probabilities."""
    value = getattr(assess_smart(cues, agreement_type, letters), letter.lower()).value
    return "ja" if value else "nee"


def letter_problem(
    letter: str, examples: Sequence[CorrectionExample], scores: BaseScores
) -> tuple[RuleProblem, list[int]]:
    """The corrections as a problem for rules of one letter, given the office's type, and the
    examples where the letter model may decide the letter (the only ones rules learn from)."""
    features, current, target, outcomes = [], [], [], []
    for i, e in enumerate(examples):
        cues, base = scores.analysed[i], scores.letters[i][e.type]
        features.append(letter_rule_features(cues, e.type))
        current.append(_decided(cues, e.type, base, letter))
        target.append("ja" if e.letters[letter] else "nee")
        outcomes.append(
            {
                value: _decided(cues, e.type, {**base, letter: float(value == "ja")}, letter)
                for value in LETTER_VALUES
            }
        )
    free = [i for i, e in enumerate(examples) if letter_is_free(letter, scores.analysed[i], e.type)]
    return RuleProblem(features, current, target, outcomes, LETTER_VALUES), free


@dataclass(frozen=True)
class Choice:
    """The cross-validated verdict on a decision list: accuracy with and without it, the
    held-out corrections only the rules get right (wins) and only the base model gets right
    (losses), and whether the list is kept (`keeps_rules`)."""

    accuracy: float
    base_accuracy: float
    wins: int
    losses: int
    kept: bool


def sign_test(wins: int, losses: int) -> float:
    """One-sided exact sign test: the chance of at least `wins` of the `wins + losses`
    disagreements going to the rules if rules and base model were equally good."""
    n = wins + losses
    return sum(math.comb(n, j) for j in range(wins, n + 1)) / 2**n


def keeps_rules(wins: int, losses: int, settings: LearnSettings) -> bool:
    """Whether the rules' cross-validated gain over the base model is large and not noise: at
    least `min_gain` more corrections right, and significant by the sign test."""
    return (
        wins - losses >= settings.min_gain
        and sign_test(wins, losses) <= settings.significance + 1e-12
    )


def cross_validate(
    problem: RuleProblem, rows: Sequence[int], split: list[list[int]], settings: LearnSettings
) -> Choice:
    """Each example of `rows` decided by rules learned without its fold, against the base."""
    rows = list(rows)
    base = {i: problem.current[i] == problem.target[i] for i in rows}
    right = dict(base)
    for held in split:
        held_rows = [i for i in held if i in base]
        if held_rows:
            rules = _learn(problem, sorted(set(rows) - set(held)), settings)
            right.update({i: problem.right(i, rules) for i in held_rows})
    wins = sum(right[i] and not base[i] for i in rows)
    losses = sum(base[i] and not right[i] for i in rows)
    n = max(len(rows), 1)
    return Choice(
        sum(right.values()) / n,
        sum(base.values()) / n,
        wins,
        losses,
        keeps_rules(wins, losses, settings),
    )


def _learn(problem: RuleProblem, rows: Sequence[int], settings: LearnSettings) -> DecisionList:
    return learn_decision_list(
        problem, rows, settings.min_fixes, settings.max_rules, settings.fixes_per_contradiction
    )


@dataclass(frozen=True)
class Problems:
    """The corrections as rule problems: the type's, and per letter its own with its rows."""

    type: RuleProblem
    letters: dict[str, tuple[RuleProblem, list[int]]]


def problems(examples: Sequence[CorrectionExample], scores: BaseScores) -> Problems:
    """The rule problems of scored corrections."""
    return Problems(
        type_problem(examples, scores),
        {letter: letter_problem(letter, examples, scores) for letter in LEARNED_LETTERS},
    )


def cross_validated_estimate(
    examples: Sequence[CorrectionExample],
    scores: BaseScores,
    split: list[list[int]],
    found: Problems,
    kept: tuple[bool, dict[str, bool]],
    settings: LearnSettings,
) -> CorrectionEstimate:
    """Type and verdict accuracy over the corrections before (base models) and after (the
    kept rules, learned without the fold), with the pipeline's type feeding its SMART
    assessment."""
    n = len(examples)
    everything = list(range(n))
    before_type = before_verdict = after_type = after_verdict = 0
    for held in split:
        train = sorted(set(everything) - set(held))
        type_rules = _learn(found.type, train, settings) if kept[0] else DecisionList()
        letter_rules = {
            letter: _learn(problem, sorted(set(rows) & set(train)), settings)
            for letter, (problem, rows) in found.letters.items()
            if kept[1][letter]
        }
        for i in held:
            e = examples[i]
            for after in (False, True):
                t = scores.base_type(i)
                rules = letter_rules if after else {}
                if after and (value := type_rules.decide(found.type.features[i])) is not None:
                    t = value  # type: ignore[assignment]
                verdict = assess_smart(scores.analysed[i], t, _letters(scores, i, t, rules)).verdict
                if after:
                    after_type += t == e.type
                    after_verdict += verdict == e.verdict
                else:
                    before_type += t == e.type
                    before_verdict += verdict == e.verdict
    return CorrectionEstimate(
        type_before=round(before_type / n, 4),
        type_after=round(after_type / n, 4),
        verdict_before=round(before_verdict / n, 4),
        verdict_after=round(after_verdict / n, 4),
    )


def _letters(
    scores: BaseScores, i: int, agreement_type: AgreementType, rules: dict[str, DecisionList]
) -> dict[str, float]:
    """The letter probabilities of example i for a type, after the letter rules there are."""
    return with_letter_rules(
        rules, scores.analysed[i], agreement_type, scores.letters[i][agreement_type]
    )


@dataclass(frozen=True)
class LearnResult:
    """What `prestatie learn` wrote and the figures it prints."""

    folder: Path
    adaptation: Adaptation
    left_out: int
    type_choice: Choice
    letter_choices: dict[str, Choice]
    settings: LearnSettings


def label_counts(examples: Sequence[CorrectionExample]) -> dict[str, dict[str, int]]:
    """How often each value of each label occurs among the corrections."""
    counts: dict[str, dict[str, int]] = {
        "type": dict(sorted(Counter(e.type for e in examples).items())),
        "smart": dict(sorted(Counter(e.verdict for e in examples).items())),
    }
    for letter in ("S", "M", "A", "R", "T"):
        values = Counter("ja" if e.letters[letter] else "nee" for e in examples)
        counts[f"smart_{letter.lower()}"] = dict(sorted(values.items()))
    return counts


def check_learnable(examples: Sequence[CorrectionExample], settings: LearnSettings) -> None:
    """LearnError when there are too few corrections or they all carry the same labels."""
    if len(examples) < settings.min_corrections:
        raise LearnError(
            f"{len(examples)} correction(s) to learn from; at least {settings.min_corrections} "
            "are needed. Review more agreements (mark the right ones reviewed, correct the "
            "wrong ones) and import the workbook again. The current models are kept."
        )
    if len({e.type for e in examples}) < 2 and len({e.verdict for e in examples}) < 2:
        raise LearnError(
            f"all {len(examples)} corrections have type '{examples[0].type}' and SMART "
            f"'{examples[0].verdict}': one label says nothing about where the office draws "
            "its lines. Review agreements of other kinds too. The current models are kept."
        )


def check_destination(folder: Path) -> None:
    """LearnError when the destination is the project's base models (never changed)."""
    resolved = folder.resolve()
    if resolved == MODELS_DIR.resolve() or MODELS_DIR.resolve() in resolved.parents:
        raise LearnError(
            f"{folder} is inside the project's base models ({MODELS_DIR}), which `learn` never "
            "changes; give another folder with --models."
        )


def fit_adaptation(
    examples: Sequence[CorrectionExample],
    scores: BaseScores,
    base_version: str,
    settings: LearnSettings,
    digest: str = "",
) -> tuple[Adaptation, Choice, dict[str, Choice]]:
    """Learn, cross-validate and estimate the rules on scored examples (no files read or
    written); a decision list is kept only when cross-validation shows a clear gain."""
    split = folds(len(examples), settings.folds, settings.seed)
    found = problems(examples, scores)
    everything = range(len(examples))
    type_choice = cross_validate(found.type, everything, split, settings)
    letter_choices = {
        letter: cross_validate(problem, rows, split, settings)
        for letter, (problem, rows) in found.letters.items()
    }
    type_rules = _learn(found.type, everything, settings) if type_choice.kept else DecisionList()
    letter_rules = {
        letter: _learn(problem, rows, settings)
        for letter, (problem, rows) in found.letters.items()
        if letter_choices[letter].kept
    }
    kept = (type_choice.kept, {k: c.kept for k, c in letter_choices.items()})
    adaptation = Adaptation(
        base_version=base_version,
        corrections=len(examples),
        corrections_digest=digest,
        label_counts=label_counts(examples),
        type_rules=type_rules,
        letter_rules={k: v for k, v in letter_rules.items() if v.rules},
        estimate=cross_validated_estimate(examples, scores, split, found, kept, settings),
    )
    return adaptation, type_choice, letter_choices


@dataclass(frozen=True)
class BaseModels:
    """What the rules are learned over: the base models, their version and the cue matcher."""

    type_model: TypeEnsemble
    letter_model: SmartLetterModel
    version: str
    matcher: CueMatcher


def load_base_models() -> BaseModels:
    """The project's base models under `models/` (LearnError when they are not trained)."""
    from pipeline.label.smartmodel import load_smart_model
    from pipeline.label.typemodel import load_type_model
    from pipeline.modelfiles import SMART_MODEL_DIR, TYPE_MODEL_DIR
    from pipeline.process import load_language, resources_version

    for folder in (TYPE_MODEL_DIR, SMART_MODEL_DIR):
        if not (folder / "meta.json").is_file():
            raise LearnError(f"No trained model in {folder}: run `make classifier` first.")
    return BaseModels(
        load_type_model(), load_smart_model(), resources_version(), CueMatcher(load_language())
    )


def learn(
    output_dir: Path,
    destination: Path | None = None,
    settings: LearnSettings | None = None,
    base: Callable[[], BaseModels] = load_base_models,
) -> LearnResult:
    """Learn the office's rules from the corrections of `output_dir` and write them (with a
    model card) to `destination`, by default `<output_dir>/.models`. Everything is checked
    before the base models are loaded; on any LearnError nothing is written."""
    settings = settings or LearnSettings()
    folder = destination or output_dir / OFFICE_MODELS_DIR
    check_destination(folder)
    examples, digest, left_out = read_corrections(output_dir)
    check_learnable(examples, settings)
    models = base()
    scores = score_examples(examples, models.matcher, models.type_model, models.letter_model)
    adaptation, type_choice, letter_choices = fit_adaptation(
        examples, scores, models.version, settings, digest
    )
    result = LearnResult(folder, adaptation, left_out, type_choice, letter_choices, settings)
    folder.mkdir(parents=True, exist_ok=True)
    write_text_atomic(folder / "MODEL_CARD.md", model_card(result))
    write_text_atomic(adaptation_path(folder), adaptation.model_dump_json(indent=1) + "\n")
    return result


def summary_rows(result: LearnResult) -> list[tuple[str, str, str, str]]:
    """The rows of the printed table and the model card: what, base, adapted, rules."""
    e = result.adaptation.estimate
    t = result.type_choice
    rows = [
        ("type", f"{e.type_before:.2f}", f"{e.type_after:.2f}", _rules_note(t)),
        ("SMART verdict", f"{e.verdict_before:.2f}", f"{e.verdict_after:.2f}", ""),
    ]
    for letter, c in result.letter_choices.items():
        rows.append(
            (f"letter {letter}", f"{c.base_accuracy:.2f}", f"{c.accuracy:.2f}", _rules_note(c))
        )
    return rows


def _rules_note(choice: Choice) -> str:
    tally = f"{choice.wins} more right, {choice.losses} fewer"
    if choice.kept:
        return f"adapted ({tally})"
    return f"base model kept ({tally}: within noise)"


def describe_feature(feature: str) -> str:
    """A rule's feature in words, for the model card."""
    if "&" in feature:
        return " and ".join(describe_feature(part) for part in feature.split("&"))
    kind, _, name = feature.partition("_")
    words = {
        "cue": f"the text has a {name.upper()} cue",
        "no": f"the text has no {name.upper()} cue",
        "base": f"the base model says {name}",
        "type": f"the type is {name}",
        "src": f"it is a {name.replace('_', ' ')}",
        "hl": f"its heading names a {name} section",
    }
    if feature == "cue_party_deed":
        return "the text names a party and what it does"
    if feature == "hedged":
        return "the text is hedged"
    return words.get(kind, feature)


def rule_lines(adaptation: Adaptation) -> list[str]:
    """The learned rules in words, one Markdown list item each (first that holds decides)."""
    lists = [("type", adaptation.type_rules)] + [
        (f"letter {letter}", rules) for letter, rules in adaptation.letter_rules.items()
    ]
    lines = []
    for label, rules in lists:
        for number, rule in enumerate(rules.rules, start=1):
            lines.append(
                f"- {label}, rule {number}: where {describe_feature(rule.feature)}, "
                f"{rule.value} ({rule.fixes} of the {rule.covers} corrections it covers were "
                f"wrong without it; {_contradicted(rule.contradictions)})"
            )
    return lines or ["- none: the base models decide everything"]


def _contradicted(count: int) -> str:
    return {0: "none contradicts it", 1: "1 contradicts it"}.get(count, f"{count} contradict it")


def model_card(result: LearnResult) -> str:
    """The adapted models' card: what they learned from and how well, as Markdown."""
    a = result.adaptation
    settings = result.settings
    lines = [
        "# Adapted models (prestatie learn)",
        "",
        f"Adapts the base models `{a.base_version}` to the conventions shown by "
        f"{a.corrections} review corrections (digest `{a.corrections_digest}`"
        + (
            f"; {result.left_out} left out: no agreement, or stored without text"
            if result.left_out
            else ""
        )
        + ").",
        "",
        "## Labels of the corrections",
        "",
        "| label | values |",
        "|---|---|",
        *(
            f"| {label} | " + ", ".join(f"{v} {n}" for v, n in values.items()) + " |"
            for label, values in a.label_counts.items()
        ),
        "",
        "## Learned rules",
        "",
        "Per label, the first rule that holds decides; where none holds, the base models do.",
        "",
        *rule_lines(a),
        "",
        "## Accuracy over the corrections, cross-validated",
        "",
        f"Each correction decided by rules learned without it (in {settings.folds} folds, or "
        "one correction each when there are fewer); base: the base models alone.",
        "",
        "| | base | adapted | rules |",
        "|---|---|---|---|",
        *(f"| {w} | {b} | {ad} | {note} |" for w, b, ad, note in summary_rows(result)),
        "",
        "## Method",
        "",
        "Short decision lists over tag features of each agreement (cue families present or "
        "absent, hedging, source kind, heading section words, the base model's type, and "
        "pairs of these; `training/decision_lists.py`, `pipeline/label/adaptation.py`). A "
        f"rule is learned only when it puts at least {settings.min_fixes} more corrections right "
        "than it contradicts, and is contradicted at most once per "
        f"{settings.fixes_per_contradiction} it puts right; at most {settings.max_rules} rules "
        "per label. A list is kept only when, "
        f"over the held-out corrections, it gets at least {settings.min_gain} more right than "
        "the base model and a one-sided sign test over the corrections where they disagree "
        f"is significant at {settings.significance:g}; otherwise the base model decides. The "
        "learning curve on simulated offices is in BENCHMARKS.md, \"Learning an office's "
        'conventions".',
        "",
    ]
    return "\n".join(lines)
