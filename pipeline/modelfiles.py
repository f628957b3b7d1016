"""Where the trained models live and what the project keeps beside their weights (training
settings, calibration) in `prestatie.json`, readable without loading spaCy: the write stage needs
the review threshold, not the model, and the result cache keys on the file's digest."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

MODELS_DIR = Path(__file__).resolve().parents[1] / "models"
TYPE_MODEL_DIR = MODELS_DIR / "prestatie_type"
SMART_MODEL_DIR = MODELS_DIR / "prestatie_smart"
OFFICE_MODELS_DIR = ".models"
"""The folder inside an output folder where `prestatie learn` writes an office's adapted models;
runs into that output folder use them (README "The audit office's loop")."""
ADAPTATION_FILE = "adaptation.json"
"""The file of an adapted models folder: the heads learned from the corrections."""
SETTINGS_FILE = "prestatie.json"
"""The file in a model's folder with its training settings and calibration (spaCy's meta.json
rounds floats on the way through, so the project writes its own)."""


class TypeCalibration(BaseModel):
    """What turns the type model's probabilities into `type_score` and `needs_review`, fitted on
    out-of-fold predictions of the real corpus (`training.crossval`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    temperature: float = Field(
        1.0, gt=0, description="softmax temperature that minimises the out-of-fold log-loss"
    )
    review_threshold: float = Field(
        0.6,
        ge=0,
        le=1,
        description="rows whose type_score is below it get needs_review: the lowest score at "
        "which at most a tenth of the out-of-fold rows not flagged have a wrong type",
    )


def write_settings(path: Path, sections: dict[str, BaseModel]) -> None:
    """Write a model's training settings and calibration beside its weights."""
    payload = {name: section.model_dump() for name, section in sections.items()}
    (path / SETTINGS_FILE).write_text(
        json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def stored_section(path: Path, name: str) -> dict[str, object]:
    """One section ("training", "calibration") of a model's settings file; empty when the
    model, its file or the section is missing."""
    settings_path = path / SETTINGS_FILE
    if not settings_path.is_file():
        return {}
    section: dict[str, object] = json.loads(settings_path.read_text(encoding="utf-8")).get(name, {})
    return section


def settings_digest(path: Path) -> str:
    """A short digest of a model's settings file ('' without one), part of its version."""
    settings_path = path / SETTINGS_FILE
    if not settings_path.is_file():
        return ""
    return hashlib.sha256(settings_path.read_bytes()).hexdigest()[:8]


def stored_calibration(path: Path = TYPE_MODEL_DIR) -> TypeCalibration:
    """The calibration saved with a type model (the defaults when there is none)."""
    return TypeCalibration.model_validate(stored_section(path, "calibration"))


def office_models(output_dir: Path) -> Path | None:
    """The adapted models an output folder holds (`<output>/.models`), None when it has none."""
    folder = output_dir / OFFICE_MODELS_DIR
    return folder if (folder / ADAPTATION_FILE).is_file() else None


def adaptation_digest(folder: Path) -> str:
    """A short digest of an adapted models folder's adaptation file: names the adapted model
    (the file holds the digest of the corrections it learned from)."""
    return hashlib.sha256((folder / ADAPTATION_FILE).read_bytes()).hexdigest()[:8]
