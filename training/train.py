"""Training of the type and letter models (`make classifier`): both corpora in, the two models
under `models/` out.

The calibration of `type_score` (temperature and review threshold) is fitted first, on
out-of-fold predictions of cross-validation by municipality over the real corpus; then both
models are trained on the written train and dev municipalities plus every real municipality and
saved with their settings and that calibration. The written test municipalities are never used.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.label.cues import CueMatcher
from pipeline.modelfiles import SMART_MODEL_DIR, TYPE_MODEL_DIR, TypeCalibration
from pipeline.process import load_language
from training.crossval import ModelSettings, calibrate, load_corpora, out_of_fold, train_models
from training.textcat import save_smart_model, save_type_model

DEFAULT_WRITTEN = Path("data/annotations")
DEFAULT_REAL = Path("../shared/realworld")


def train_and_save(
    written_dir: Path,
    real_dir: Path,
    type_dir: Path = TYPE_MODEL_DIR,
    smart_dir: Path = SMART_MODEL_DIR,
    settings: ModelSettings | None = None,
) -> TypeCalibration:
    """Calibrate on the real corpus, train both models on everything but the written test
    municipalities, save them, and return the calibration."""
    settings = settings or ModelSettings()
    corpora = load_corpora(written_dir, real_dir, CueMatcher(load_language()))
    real = corpora.real_split("train", "dev")
    raw, _ = out_of_fold(corpora, real, settings)
    calibration = calibrate(raw, real.records)
    models = train_models(corpora.written_training(), real, settings)
    save_type_model(models.type_model.model, type_dir, settings.type, calibration)
    save_smart_model(models.letter_model.model, smart_dir, settings.smart)
    return calibration


def main() -> int:
    """Train and save the type and letter models."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_WRITTEN, help="written corpus")
    parser.add_argument(
        "--real", type=Path, default=DEFAULT_REAL, help="real corpus (agreements.jsonl)"
    )
    parser.add_argument("--type-output", type=Path, default=TYPE_MODEL_DIR)
    parser.add_argument("--smart-output", type=Path, default=SMART_MODEL_DIR)
    args = parser.parse_args()
    calibration = train_and_save(args.corpus, args.real, args.type_output, args.smart_output)
    print(
        f"saved {args.type_output} and {args.smart_output}; type_score temperature "
        f"{calibration.temperature}, needs_review below {calibration.review_threshold}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
