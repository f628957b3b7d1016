"""The learned part of the type classifier: a spaCy bag-of-words `textcat` over the agreement
text plus the rule cues, combined with the rule scores of `pipeline.classify`.

Numbers are replaced by a placeholder and the rule evidence is added as tag words, so the model
weighs cues such as "a party commits to a deed" instead of learning that a digit means
`concreet` (issue: numbers alone do not make an agreement concrete, DOMAIN.md §3).
"""

from __future__ import annotations

import argparse
import math
import random
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

import spacy
from spacy.language import Language
from spacy.pipeline import TextCategorizer
from spacy.training import Example
from spacy.util import fix_random_seed

from pipeline.classify import ClassifySettings, rule_type_probabilities
from pipeline.cues import CueMatcher, CueMatches
from pipeline.models import AGREEMENT_TYPES, AgreementType

if TYPE_CHECKING:
    from pipeline.evaluate import AnnotationRecord

TYPES: tuple[AgreementType, ...] = AGREEMENT_TYPES
TYPE_MODEL_VERSION = "0.2.0"
_NUMBER = re.compile(r"\d[\d.,]*")
_TAGGED_FAMILIES = (
    "PROCES",
    "INTENT",
    "ACTION",
    "DEED",
    "PARTY",
    "QUANTITY",
    "TIME",
    "DELIVERABLE",
    "HEDGE",
    "CONDITION",
)
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


def featurize(cues: CueMatches) -> str:
    """Model input: lower-cased text, numbers as 'getal', and one tag word per cue family."""
    text = _NUMBER.sub(" getal ", cues.text.lower())
    tags = [f"cue_{family.lower()}" for family in _TAGGED_FAMILIES if cues.get(family)]
    if cues.get("PARTY") and (cues.get("ACTION") or cues.get("DEED")):
        tags.append("cue_party_deed")
    return f"{text} {' '.join(tags)}"


def type_features(cues: CueMatches, heading: str, source_kind: str) -> str:
    """Model input of the type model: `featurize` plus the source kind and the first words of
    the heading path as tag words (a "Samenwerking" section holds process agreements, running
    text more often intentions; chosen by cross-validation by municipality)."""
    heading_tags = " ".join(f"h_{word}" for word in heading.lower().split()[:6])
    return f"{featurize(cues)} src_{source_kind or 'onbekend'} {heading_tags}".rstrip()


def train_type_model(
    inputs: Sequence[str], labels: Sequence[AgreementType], *, epochs: int = 12, seed: int = 13
) -> Language:
    """Train the bag-of-words type model on featurized texts with a fixed seed."""
    cats: list[dict[str, float]] = [{t: float(t == label) for t in TYPES} for label in labels]
    return train_textcat(inputs, cats, TYPES, exclusive=True, epochs=epochs, seed=seed)


def train_textcat(
    inputs: Sequence[str],
    cats: Sequence[dict[str, float]],
    labels: Sequence[str],
    *,
    exclusive: bool,
    epochs: int = 12,
    seed: int = 13,
) -> Language:
    """Train a bag-of-words text classifier (exclusive classes or independent labels)."""
    fix_random_seed(seed)
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
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        for start in range(0, len(examples), 16):
            nlp.update(examples[start : start + 16], sgd=optimizer, drop=0.1)
    return nlp


def predict_type_probabilities(nlp: Language, inputs: Sequence[str]) -> list[dict[str, float]]:
    """Class probabilities per featurized text."""
    return [dict(doc.cats) for doc in nlp.pipe(inputs)]


def save_type_model(nlp: Language, path: Path) -> None:
    """Write the trained model to disk."""
    nlp.to_disk(path)


def load_type_model(path: Path) -> Language:
    """Load a trained type model."""
    return spacy.load(path)


class TypeEnsemble:
    """Weighted average of the learned and the rule probabilities, then temperature-scaled.

    The weight and temperature were chosen by cross-validation by municipality on the training
    municipalities (see `prestatie evaluate` and the model card).
    """

    def __init__(
        self,
        model: Language,
        weight: float = 0.7,
        temperature: float = 0.5,
        settings: ClassifySettings | None = None,
    ) -> None:
        self.model = model
        self.weight = weight
        self.temperature = temperature
        self.settings = settings or ClassifySettings()

    def __call__(
        self,
        analysed: Sequence[CueMatches],
        headings: Sequence[str],
        source_kinds: Sequence[str],
    ) -> list[dict[str, float]]:
        """Calibrated type probabilities for analysed agreement texts."""
        inputs = [
            type_features(c, h, k) for c, h, k in zip(analysed, headings, source_kinds, strict=True)
        ]
        return self.mix(analysed, predict_type_probabilities(self.model, inputs))

    def mix(
        self, analysed: Sequence[CueMatches], learned: Sequence[dict[str, float]]
    ) -> list[dict[str, float]]:
        """Mix the model's probabilities with the rule probabilities, then temperature-scale."""
        out = []
        for cues, model_p in zip(analysed, learned, strict=True):
            rule_p = rule_type_probabilities(cues, self.settings)
            mixed: dict[str, float] = {
                t: self.weight * model_p[t] + (1 - self.weight) * rule_p[t] for t in TYPES
            }
            out.append(temperature_scale(mixed, self.temperature))
        return out


def temperature_scale(probabilities: dict[str, float], temperature: float) -> dict[str, float]:
    """Sharpen (T < 1) or soften (T > 1) a probability distribution."""
    logits = {k: math.log(max(v, 1e-9)) / temperature for k, v in probabilities.items()}
    top = max(logits.values())
    exps = {k: math.exp(v - top) for k, v in logits.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}


TYPE_MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "prestatie_type"


def training_set(corpus: Path) -> tuple[list[AnnotationRecord], list[CueMatches]]:
    """The corpus records of the train and dev municipalities, analysed with the Dutch pipeline."""
    from pipeline.evaluate import analyse_records, load_corpus, load_splits
    from pipeline.process import load_language

    test = set(load_splits(corpus)["test"])
    training = [r for r in load_corpus(corpus) if r.municipality not in test]
    return training, analyse_records(CueMatcher(load_language()), training)


def training_arguments(description: str | None, default_output: Path) -> argparse.Namespace:
    """Command-line arguments of the training commands: corpus folder and output folder."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("corpus", type=Path, nargs="?", default=Path("data/annotations"))
    parser.add_argument("output", type=Path, nargs="?", default=default_output)
    return parser.parse_args()


def main() -> int:
    """Train the type model on the corpus's train and dev municipalities and save it."""
    args = training_arguments(main.__doc__, TYPE_MODEL_DIR)
    training, analysed = training_set(args.corpus)
    inputs = [
        type_features(c, r.heading, r.source_kind) for c, r in zip(analysed, training, strict=True)
    ]
    nlp = train_type_model(inputs, [r.type for r in training])
    nlp.meta.update({"name": "prestatie_type", "version": TYPE_MODEL_VERSION})
    save_type_model(nlp, args.output)
    print(f"trained on {len(training)} agreements; saved to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
