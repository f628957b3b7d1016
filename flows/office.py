"""An audit office's own models: `prestatie learn`, and which models a run labels with
(README "The audit office's loop").

A run into an output folder uses the adapted models in `<output>/.models` when `learn` wrote
them there; `--models PATH` takes adapted models from elsewhere (an office shares them across
investigations) and `--base-models` ignores them. The choice is made at the start of every run,
so a scheduled run picks up models learned since the last one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from flows.inputs import UsageError

EXIT_OK, EXIT_REFUSED = 0, 2


def add_model_options(command: argparse.ArgumentParser) -> None:
    """`--models` and `--base-models` of `prestatie run`."""
    choice = command.add_mutually_exclusive_group()
    choice.add_argument(
        "--models",
        type=Path,
        metavar="PATH",
        help="adapted models written by `prestatie learn` (default: <output>/.models if there)",
    )
    choice.add_argument(
        "--base-models",
        action="store_true",
        help="label with the project's base models, ignoring adapted ones",
    )


def chosen_models(output_dir: Path, models: Path | None, base_models: bool) -> Path | None:
    """The adapted models folder a run into `output_dir` uses (None: the base models);
    UsageError when `--models` names no adapted models folder."""
    from pipeline.label.adaptation import AdaptationFormatError, load_adaptation
    from pipeline.modelfiles import ADAPTATION_FILE, office_models

    if base_models:
        return None
    if models is None:
        models = office_models(output_dir)
        if models is None:
            return None
    elif not (models / ADAPTATION_FILE).is_file():
        raise UsageError(
            f"{models} holds no adapted models ({ADAPTATION_FILE} is missing): give the folder "
            "`prestatie learn` wrote (<output>/.models, or its --models folder)."
        )
    try:
        load_adaptation(models)
    except AdaptationFormatError as exc:
        raise UsageError(
            f"{models / ADAPTATION_FILE}: {exc}. Run `prestatie learn` again, or run with "
            "--base-models."
        ) from None
    except ValueError as exc:
        raise UsageError(
            f"{models / ADAPTATION_FILE} is not an adapted model ({exc.__class__.__name__}); "
            "run `prestatie learn` again, or run with --base-models."
        ) from None
    return models.resolve()


def models_note(models: Path) -> str:
    """One line for the console: the adapted models that label this run."""
    from pipeline.label.adaptation import load_adaptation
    from pipeline.process import resources_version

    adaptation = load_adaptation(models)
    note = f"Labels by the adapted models in {models} ({adaptation.corrections} corrections)."
    if adaptation.base_version != resources_version():
        note += (
            f" They were learned over other base models ({adaptation.base_version}): run "
            "`prestatie learn` again."
        )
    return note


def add_learn(commands: Any) -> None:
    """The `learn` subcommand."""
    learn = commands.add_parser(
        "learn",
        help="adapt the type and SMART models to the corrections stored in an output folder",
    )
    learn.add_argument(
        "--output", "-o", type=Path, required=True, help="output folder with corrections"
    )
    learn.add_argument(
        "--models",
        type=Path,
        metavar="OUT",
        help="where to write the adapted models (default: <output>/.models)",
    )


def run_learn(args: argparse.Namespace) -> int:
    """`prestatie learn`: learn, write the models and the card, print the table."""
    from training.learn import LearnError, learn, rule_lines, summary_rows

    try:
        result = learn(args.output, args.models)
    except LearnError as exc:
        print(f"prestatie learn: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    a = result.adaptation
    counts = ", ".join(f"{k} {n}" for k, n in a.label_counts["type"].items())
    verdicts = ", ".join(f"{k} {n}" for k, n in a.label_counts["smart"].items())
    print(f"Learned from {a.corrections} corrections (type: {counts}; SMART: {verdicts}).")
    if result.left_out:
        print(f"{result.left_out} correction(s) left out: no agreement, or stored without text.")
    rows = [("", "base", "adapted", ""), *summary_rows(result)]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    print("Accuracy over the corrections, cross-validated:")
    for row in rows:
        print(
            "  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[3]
        )
    print("Rules learned (per label the first that holds decides):")
    for line in rule_lines(a):
        print(f"  {line}")
    print(f"Adapted models and MODEL_CARD.md written to {result.folder}.")
    return EXIT_OK
