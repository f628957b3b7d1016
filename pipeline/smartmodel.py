"""The learned part of SMART: one bag-of-words `textcat_multilabel` for the letters S, M and A.

Like the type model, it reads the featurized text (numbers hidden, rule cues as tag words), plus
the agreement's type as a tag word (an intention rarely names who does what by when). In
`pipeline.smart` its probability is mixed with the rule decision (weight 0.8 on the model,
chosen by cross-validation by municipality); a letter the model turns on still needs a rule span
to point at, so every flag keeps its evidence. R and T stay rule-only: the model did not beat
the rules there in cross-validation.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.cues import CueMatches
from pipeline.models import AgreementType
from pipeline.typemodel import featurize, train_textcat, training_arguments, training_set

LEARNED_LETTERS: tuple[str, ...] = ("S", "M", "A")
SMART_MODEL_VERSION = "0.2.0"
TRAINING_EPOCHS = 20  # chosen by cross-validation by municipality (12, 20, 30 compared)


def smart_features(cues: CueMatches, agreement_type: AgreementType) -> str:
    """Model input: the type model's features plus the agreement's type as a tag word."""
    return f"{featurize(cues)} type_{agreement_type}"


SMART_MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "prestatie_smart"


def train_smart_model(
    inputs: Sequence[str], letters: Sequence[dict[str, bool]], *, seed: int = 13
) -> Language:
    """Train the S/M/A model on `smart_features` texts and gold letters."""
    cats = [{k: float(v[k]) for k in LEARNED_LETTERS} for v in letters]
    return train_textcat(
        inputs, cats, LEARNED_LETTERS, exclusive=False, epochs=TRAINING_EPOCHS, seed=seed
    )


class SmartLetterModel:
    """Per-letter probabilities for analysed agreement texts."""

    def __init__(self, model: Language) -> None:
        self.model = model

    def __call__(
        self, analysed: Sequence[CueMatches], types: Sequence[AgreementType]
    ) -> list[dict[str, float]]:
        """Probability that S, M and A hold, per text (with the type it was classified as)."""
        inputs = [smart_features(c, t) for c, t in zip(analysed, types, strict=True)]
        return [dict(doc.cats) for doc in self.model.pipe(inputs)]


def load_smart_model(path: Path = SMART_MODEL_DIR) -> SmartLetterModel:
    """Load the trained letter model."""
    return SmartLetterModel(spacy.load(path))


def main() -> int:
    """Train the letter model on the corpus's train and dev municipalities and save it."""
    args = training_arguments(main.__doc__, SMART_MODEL_DIR)
    training, analysed = training_set(args.corpus)
    letters = [{"S": r.smart_s, "M": r.smart_m, "A": r.smart_a} for r in training]
    nlp = train_smart_model(
        [smart_features(c, r.type) for c, r in zip(analysed, training, strict=True)], letters
    )
    nlp.meta.update({"name": "prestatie_smart", "version": SMART_MODEL_VERSION})
    nlp.to_disk(args.output)
    print(f"trained on {len(training)} agreements; saved to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
