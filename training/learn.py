"""`prestatie learn`: an output folder's review corrections in, an adapted type and SMART model
out (`pipeline.label.adaptation`), with a model card and a short table of what was learned.

The corrections are read strictly (a damaged line is an error that names it, and nothing is
trained), analysed as the pipeline analyses agreements, and scored by the base models. A head
is fitted per model on the corrections alone; its penalty is chosen by cross-validation over the
corrections, and a head that does not beat the base model there is left out, so corrections
that agree with the base model change nothing. Deterministic: fixed folds, full-batch fitting.
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

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from pipeline.label.adaptation import (
    Adaptation,
    CorrectionEstimate,
    LinearHead,
    adaptation_path,
    decision_offset,
    letter_head_features,
    letter_is_free,
    rule_letters,
    shifted_letter,
    shifted_types,
    type_head_features,
)
from pipeline.label.cues import CueMatcher, CueMatches, parse_helps
from pipeline.label.smart import assess_smart
from pipeline.label.smartmodel import LEARNED_LETTERS, SmartLetterModel
from pipeline.label.typemodel import TypeEnsemble
from pipeline.modelfiles import MODELS_DIR, OFFICE_MODELS_DIR
from pipeline.models import AGREEMENT_TYPES, SMART_VERDICTS, AgreementType
from pipeline.write.atomic import write_text_atomic
from pipeline.write.corrections import corrections_path
from pipeline.write.label_columns import LABEL_FIELDS, NOT_AGREEMENT, REVIEW_TYPES

VERDICT_LETTERS = ("smart_s", "smart_m", "smart_a", "smart_r", "smart_t")


class LearnError(Exception):
    """The corrections cannot be learned from; the message says why (nothing was written)."""


class LearnSettings(BaseModel):
    """How `prestatie learn` fits the heads."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_corrections: int = Field(
        10, ge=2, description="fewer corrections than this are too few to learn from"
    )
    penalties: tuple[float, ...] = Field(
        (0.25, 1.0, 4.0, 16.0),
        description="L2 penalties (on the summed log-loss) tried; cross-validation picks one",
    )
    folds: int = Field(5, ge=2, description="folds of the cross-validation over the corrections")
    iterations: int = Field(300, ge=1, description="accelerated full-batch gradient steps per fit")
    seed: int = Field(13, description="seed of the fold assignment")
    min_gain: int = Field(
        2,
        ge=1,
        description="a head is kept only when, over the held-out corrections, it gets at least "
        "this many more right than the base model (one more is too often luck)",
    )


@dataclass(frozen=True)
class CorrectionExample:
    """One correction as the heads learn from it: the analysed text and the office's labels."""

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
    probabilities, and per type the letter probabilities and the rule letters."""

    analysed: list[CueMatches]
    types: list[dict[str, float]]
    letters: list[dict[str, dict[str, float]]]
    rules: list[dict[str, dict[str, float]]]

    def base_type(self, i: int) -> AgreementType:
        """The base model's type of example i."""
        p = self.types[i]
        return max(AGREEMENT_TYPES, key=lambda t: p[t])


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
    probabilities and the rule letters."""
    types = type_model.uncalibrated(
        analysed, [e.heading for e in examples], [e.source_kind for e in examples]
    )
    per_type = {t: letter_model(analysed, [t] * len(analysed)) for t in AGREEMENT_TYPES}
    letters: list[dict[str, dict[str, float]]] = [
        {t: per_type[t][i] for t in AGREEMENT_TYPES} for i in range(len(analysed))
    ]
    rules: list[dict[str, dict[str, float]]] = [
        {t: rule_letters(c, t) for t in AGREEMENT_TYPES} for c in analysed
    ]
    return BaseScores(list(analysed), types, letters, rules)


def fit_head(
    features: Sequence[dict[str, float]],
    offsets: Sequence[Sequence[float]],
    targets: Sequence[int],
    classes: Sequence[str],
    penalty: float,
    iterations: int,
) -> LinearHead:
    """Fit a head by full-batch gradient descent on the penalised log-loss: softmax over the
    classes, or logistic for one class (targets 0/1). The offsets are the base scores."""
    names = sorted({name for f in features for name in f})
    x = np.array([[f.get(name, 0.0) for name in names] for f in features]).reshape(
        len(features), len(names)
    )
    base = np.array(offsets, dtype=float)
    n, width = len(features), len(classes)
    y = np.array(targets, dtype=float).reshape(n, 1) if width == 1 else np.eye(width)[targets]
    w, b = np.zeros((len(names), width)), np.zeros(width)
    w_last, b_last = w, b
    curvature = (0.25 if width == 1 else 1.0) * (1.0 + float((x**2).sum(1).max(initial=0.0)))
    step = 1.0 / (curvature + penalty / n)
    for t in range(iterations):  # Nesterov's accelerated gradient descent
        momentum = t / (t + 3)
        w_ahead, b_ahead = w + momentum * (w - w_last), b + momentum * (b - b_last)
        z = base + x @ w_ahead + b_ahead
        if width == 1:
            p = 1.0 / (1.0 + np.exp(-z))
        else:
            p = np.exp(z - z.max(1, keepdims=True))
            p /= p.sum(1, keepdims=True)
        gradient = (p - y) / n
        w_last, b_last = w, b
        w = w_ahead - step * (x.T @ gradient + penalty / n * w_ahead)
        b = b_ahead - step * (gradient.sum(0) + penalty / n * b_ahead)
    return LinearHead(
        classes=list(classes),
        features=names,
        weights=[[round(float(v), 6) for v in row] for row in w],
        bias=[round(float(v), 6) for v in b],
        penalty=penalty,
    )


def folds(n: int, count: int, seed: int) -> list[list[int]]:
    """Example indices split into `count` folds (fewer when there are fewer examples)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    count = min(count, n)
    return [sorted(order[i::count]) for i in range(count)]


def fit_type_head(
    examples: Sequence[CorrectionExample],
    scores: BaseScores,
    rows: Sequence[int],
    penalty: float,
    iterations: int,
) -> LinearHead:
    """The type head on the given examples."""
    features = [_type_features(examples, scores, i) for i in rows]
    offsets = [[math.log(max(scores.types[i][t], 1e-6)) for t in AGREEMENT_TYPES] for i in rows]
    targets = [AGREEMENT_TYPES.index(examples[i].type) for i in rows]
    return fit_head(features, offsets, targets, AGREEMENT_TYPES, penalty, iterations)


def _type_features(
    examples: Sequence[CorrectionExample], scores: BaseScores, i: int
) -> dict[str, float]:
    e = examples[i]
    return type_head_features(scores.analysed[i], e.heading, e.source_kind, scores.base_type(i))


def predict_type(
    head: LinearHead | None, examples: Sequence[CorrectionExample], scores: BaseScores, i: int
) -> AgreementType:
    """The type of example i by the base model, shifted by the head when there is one."""
    if head is None:
        return scores.base_type(i)
    p = shifted_types(head, scores.types[i], _type_features(examples, scores, i))
    return max(AGREEMENT_TYPES, key=lambda t: p[t])


def fit_letter_head(
    letter: str,
    examples: Sequence[CorrectionExample],
    scores: BaseScores,
    rows: Sequence[int],
    penalty: float,
    iterations: int,
) -> LinearHead | None:
    """A letter head on the examples where the letter model may decide it (None when those
    carry only one value of the letter)."""
    free = [i for i in rows if letter_is_free(letter, scores.analysed[i], examples[i].type)]
    targets = [int(examples[i].letters[letter]) for i in free]
    if len(set(targets)) < 2:
        return None
    features = [letter_head_features(scores.analysed[i], examples[i].type) for i in free]
    offsets = [
        [
            decision_offset(
                letter,
                scores.letters[i][examples[i].type][letter],
                scores.rules[i][examples[i].type][letter],
            )
        ]
        for i in free
    ]
    return fit_head(features, offsets, targets, [letter], penalty, iterations)


def letter_probabilities(
    heads: dict[str, LinearHead | None], scores: BaseScores, i: int, agreement_type: AgreementType
) -> dict[str, float]:
    """The letter probabilities of example i for a type, shifted by the heads there are."""
    out = dict(scores.letters[i][agreement_type])
    cues = scores.analysed[i]
    features = letter_head_features(cues, agreement_type)
    for letter, head in heads.items():
        if head is not None and letter_is_free(letter, cues, agreement_type):
            out[letter] = shifted_letter(
                head, letter, out[letter], scores.rules[i][agreement_type][letter], features
            )
    return out


@dataclass(frozen=True)
class Choice:
    """A head chosen by cross-validation: its penalty, its CV accuracy and the base model's,
    and whether it is kept (it beat the base model by `LearnSettings.min_gain` corrections)."""

    penalty: float
    accuracy: float
    base_accuracy: float
    kept: bool


def choose_type_penalty(
    examples: Sequence[CorrectionExample],
    scores: BaseScores,
    split: list[list[int]],
    settings: LearnSettings,
) -> Choice:
    """The penalty of the type head with the best cross-validated accuracy (ties: the larger)."""
    n = len(examples)
    base = sum(scores.base_type(i) == examples[i].type for i in range(n)) / n
    best: tuple[float, float] | None = None
    for penalty in sorted(settings.penalties, reverse=True):
        right = 0
        for held in split:
            rows = sorted(set(range(n)) - set(held))
            head = fit_type_head(examples, scores, rows, penalty, settings.iterations)
            right += sum(predict_type(head, examples, scores, i) == examples[i].type for i in held)
        if best is None or right / n > best[1]:
            best = (penalty, right / n)
    assert best is not None
    return Choice(best[0], best[1], base, (best[1] - base) * n >= settings.min_gain - 1e-9)


def _letter_right(
    letter: str,
    head: LinearHead | None,
    examples: Sequence[CorrectionExample],
    scores: BaseScores,
    i: int,
) -> bool:
    """Whether the pipeline's decision of a letter (given the office's type) is the office's."""
    e = examples[i]
    probabilities = letter_probabilities({letter: head}, scores, i, e.type)
    decided = assess_smart(scores.analysed[i], e.type, probabilities)
    return bool(getattr(decided, letter.lower()).value) == e.letters[letter]


def choose_letter_penalty(
    letter: str,
    examples: Sequence[CorrectionExample],
    scores: BaseScores,
    split: list[list[int]],
    settings: LearnSettings,
) -> Choice:
    """The penalty of a letter head with the best cross-validated accuracy of the letter."""
    n = len(examples)
    base = sum(_letter_right(letter, None, examples, scores, i) for i in range(n)) / n
    best: tuple[float, float] | None = None
    for penalty in sorted(settings.penalties, reverse=True):
        right = 0
        for held in split:
            rows = sorted(set(range(n)) - set(held))
            head = fit_letter_head(letter, examples, scores, rows, penalty, settings.iterations)
            right += sum(_letter_right(letter, head, examples, scores, i) for i in held)
        if best is None or right / n > best[1]:
            best = (penalty, right / n)
    assert best is not None
    return Choice(best[0], best[1], base, (best[1] - base) * n >= settings.min_gain - 1e-9)


def cross_validated_estimate(
    examples: Sequence[CorrectionExample],
    scores: BaseScores,
    split: list[list[int]],
    type_choice: Choice,
    letter_choices: dict[str, Choice],
    settings: LearnSettings,
) -> CorrectionEstimate:
    """Type and verdict accuracy over the corrections before (base models) and after (heads
    fitted without the fold), with the pipeline's type feeding its SMART assessment."""
    n = len(examples)
    before_type = before_verdict = after_type = after_verdict = 0
    for held in split:
        rows = sorted(set(range(n)) - set(held))
        type_head = (
            fit_type_head(examples, scores, rows, type_choice.penalty, settings.iterations)
            if type_choice.kept
            else None
        )
        heads = {
            letter: fit_letter_head(letter, examples, scores, rows, c.penalty, settings.iterations)
            for letter, c in letter_choices.items()
            if c.kept
        }
        for i in held:
            e = examples[i]
            for after, head_set, t_head in ((False, {}, None), (True, heads, type_head)):
                t = predict_type(t_head, examples, scores, i)
                q = letter_probabilities(head_set, scores, i, t)
                verdict = assess_smart(scores.analysed[i], t, q).verdict
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


@dataclass(frozen=True)
class LearnResult:
    """What `prestatie learn` wrote and the figures it prints."""

    folder: Path
    adaptation: Adaptation
    left_out: int
    type_choice: Choice
    letter_choices: dict[str, Choice]


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
    """Choose, fit and estimate the heads on scored examples (no files read or written)."""
    split = folds(len(examples), settings.folds, settings.seed)
    type_choice = choose_type_penalty(examples, scores, split, settings)
    letter_choices = {
        letter: choose_letter_penalty(letter, examples, scores, split, settings)
        for letter in LEARNED_LETTERS
    }
    everything = range(len(examples))
    type_head = (
        fit_type_head(examples, scores, everything, type_choice.penalty, settings.iterations)
        if type_choice.kept
        else None
    )
    letter_heads = {
        letter: fit_letter_head(
            letter, examples, scores, everything, c.penalty, settings.iterations
        )
        for letter, c in letter_choices.items()
        if c.kept
    }
    adaptation = Adaptation(
        base_version=base_version,
        corrections=len(examples),
        corrections_digest=digest,
        label_counts=label_counts(examples),
        type_head=type_head,
        letter_heads={k: h for k, h in letter_heads.items() if h is not None},
        estimate=cross_validated_estimate(
            examples, scores, split, type_choice, letter_choices, settings
        ),
    )
    return adaptation, type_choice, letter_choices


@dataclass(frozen=True)
class BaseModels:
    """What the heads are learned over: the base models, their version and the cue matcher."""

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
    """Learn the office's heads from the corrections of `output_dir` and write them (with a
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
    result = LearnResult(folder, adaptation, left_out, type_choice, letter_choices)
    folder.mkdir(parents=True, exist_ok=True)
    write_text_atomic(folder / "MODEL_CARD.md", model_card(result))
    write_text_atomic(adaptation_path(folder), adaptation.model_dump_json(indent=1) + "\n")
    return result


def summary_rows(result: LearnResult) -> list[tuple[str, str, str, str]]:
    """The rows of the printed table and the model card: what, base, adapted, head."""
    e = result.adaptation.estimate
    t = result.type_choice
    rows = [
        ("type", f"{e.type_before:.2f}", f"{e.type_after:.2f}", _head_note(t)),
        ("SMART verdict", f"{e.verdict_before:.2f}", f"{e.verdict_after:.2f}", ""),
    ]
    for letter, c in result.letter_choices.items():
        rows.append(
            (f"letter {letter}", f"{c.base_accuracy:.2f}", f"{c.accuracy:.2f}", _head_note(c))
        )
    return rows


def _head_note(choice: Choice) -> str:
    if choice.kept:
        return f"adapted (penalty {choice.penalty:g})"
    return "base model kept (no gain in cross-validation)"


def model_card(result: LearnResult) -> str:
    """The adapted models' card: what they learned from and how well, as Markdown."""
    a = result.adaptation
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
        "## Accuracy over the corrections, cross-validated",
        "",
        f"Each correction predicted by heads fitted without its fold ({len(result.letter_choices)}"
        " letter heads and the type head, penalty chosen over the same folds, so slightly "
        "optimistic); base: the base models alone.",
        "",
        "| | base | adapted | head |",
        "|---|---|---|---|",
        *(f"| {w} | {b} | {ad} | {note} |" for w, b, ad, note in summary_rows(result)),
        "",
        "## Method",
        "",
        "Small linear heads over the base models' scores and the rule cues "
        "(pipeline/label/adaptation.py),"
        " regularised toward no change; a head that does not beat the base model in "
        "cross-validation over the corrections is left out. The learning curve on simulated "
        'offices is in BENCHMARKS.md, "Learning an office\'s conventions".',
        "",
    ]
    return "\n".join(lines)
