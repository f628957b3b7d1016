"""Training of the two bag-of-words models (the type model and the SMART letter model) and
writing them, with their training settings and calibration, to their model folders.

The run-time side (features, loading, prediction) is in `pipeline.label.typemodel` and
`pipeline.label.smartmodel`; this module is only needed to train.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import spacy
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.training import Example
from spacy.util import fix_random_seed

from pipeline.label.smartmodel import LEARNED_LETTERS, SMART_MODEL_VERSION, SmartTrainingSettings
from pipeline.label.typemodel import TYPE_MODEL_VERSION, TYPES, TypeTrainingSettings
from pipeline.modelfiles import TypeCalibration, write_settings
from pipeline.models import AgreementType

# The spaCy bag-of-words architecture of both models (word uni- and bigrams hashed into 2**18
# buckets); it is saved in each model's config.cfg. `exclusive_classes` is set per model.
BOW_CONFIG = {
    "threshold": 0.5,
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": 262144,
    },
}


def train_type_model(
    inputs: Sequence[str],
    labels: Sequence[AgreementType],
    settings: TypeTrainingSettings | None = None,
) -> Language:
    """Train the bag-of-words type model on featurized texts with a fixed seed."""
    settings = settings or TypeTrainingSettings()
    cats: list[dict[str, float]] = [{t: float(t == label) for t in TYPES} for label in labels]
    return train_textcat(inputs, cats, TYPES, exclusive=True, settings=settings)


def train_textcat(
    inputs: Sequence[str],
    cats: Sequence[dict[str, float]],
    labels: Sequence[str],
    *,
    exclusive: bool,
    settings: TypeTrainingSettings | SmartTrainingSettings,
) -> Language:
    """Train a bag-of-words text classifier (exclusive classes or independent labels) with the
    epochs, seed, batch size and dropout of `settings`."""
    fix_random_seed(settings.seed)
    nlp = spacy.blank("nl")
    config = {**BOW_CONFIG, "model": {**BOW_CONFIG["model"], "exclusive_classes": exclusive}}  # type: ignore[dict-item]
    factory = "textcat" if exclusive else "textcat_multilabel"
    textcat = cast(TextCategorizer, nlp.add_pipe(factory, config=config))
    for label in labels:
        textcat.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": dict(c)})
        for text, c in zip(inputs, cats, strict=True)
    ]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(settings.seed)
    size = settings.batch_size
    for _ in range(settings.epochs):
        rng.shuffle(examples)
        for start in range(0, len(examples), size):
            nlp.update(examples[start : start + size], sgd=optimizer, drop=settings.dropout)
    return nlp


def train_smart_model(
    inputs: Sequence[str],
    letters: Sequence[dict[str, bool]],
    settings: SmartTrainingSettings | None = None,
) -> Language:
    """Train the S/M/A model on `smart_features` texts and gold letters."""
    settings = settings or SmartTrainingSettings()
    cats = [{k: float(v[k]) for k in LEARNED_LETTERS} for v in letters]
    return train_textcat(
        inputs,
        cats,
        LEARNED_LETTERS,
        exclusive=False,
        settings=settings,
    )


def save_type_model(
    nlp: Language, path: Path, training: TypeTrainingSettings, calibration: TypeCalibration
) -> None:
    """Write the trained model with its training settings and calibration to disk."""
    nlp.meta.update({"name": "prestatie_type", "version": TYPE_MODEL_VERSION})
    nlp.to_disk(path)
    write_settings(path, {"training": training, "calibration": calibration})


def save_smart_model(nlp: Language, path: Path, training: SmartTrainingSettings) -> None:
    """Write the trained letter model with its training settings to disk."""
    nlp.meta.update({"name": "prestatie_smart", "version": SMART_MODEL_VERSION})
    nlp.to_disk(path)
    write_settings(path, {"training": training})
