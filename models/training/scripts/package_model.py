"""Copy the best trained pipeline into the repository with its meta.json and model card.

In: the training output (model-best), the Alpino test, dev and agreement scores (JSON) and the
model card template. Out: models/nl_prestatie_core with meta.json (name, version, licence,
sources, scores) and README.md, so the committed pipeline documents what it is and how good.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Annotated, Any

import typer

SOURCES: list[dict[str, str]] = [
    {
        "name": "UD_Dutch-Alpino",
        "url": "https://github.com/UniversalDependencies/UD_Dutch-Alpino",
        "license": "CC BY-SA 4.0",
    },
    {
        "name": "UD_Dutch-LassySmall",
        "url": "https://github.com/UniversalDependencies/UD_Dutch-LassySmall",
        "license": "CC BY-SA 4.0",
    },
]
DESCRIPTION = (
    "Dutch tagger, morphologizer, lemmatizer and parser for prestatieafspraken, "
    "trained on UD Dutch Alpino and LassySmall."
)
SCORE_KEYS: tuple[str, ...] = (
    "token_acc",
    "pos_acc",
    "tag_acc",
    "morph_acc",
    "lemma_acc",
    "dep_uas",
    "dep_las",
    "sents_p",
    "sents_r",
    "sents_f",
    "speed",
)


def read_json(path: Path) -> dict[str, Any]:
    """Read a JSON object from a file."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def pick_scores(scores: dict[str, Any]) -> dict[str, float]:
    """Keep the headline scores of a spaCy evaluation, as plain floats."""
    return {key: round(float(scores[key]), 4) for key in SCORE_KEYS if scores.get(key) is not None}


def directory_size_mb(path: Path) -> float:
    """Return the total size of the files below a directory in megabytes."""
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file()) / 1_000_000


def main(
    trained: Path,
    output: Path,
    test_scores: Path,
    agreement_scores: Path,
    card_template: Path,
    name: Annotated[str, typer.Option(help="Pipeline name in meta.json.")] = "prestatie_core",
    version: Annotated[str, typer.Option(help="Pipeline version in meta.json.")] = "0.1.0",
) -> None:
    """Copy `trained` to `output`, write meta.json with the scores and render the model card."""
    if output.exists():
        shutil.rmtree(output)
    shutil.copytree(trained, output)
    meta = read_json(output / "meta.json")
    dev = pick_scores(meta.get("performance", {}))
    test = pick_scores(read_json(test_scores))
    agreements = read_json(agreement_scores)
    meta.update(
        {
            "lang": "nl",
            "name": name,
            "version": version,
            "description": DESCRIPTION,
            "license": "CC BY-SA 4.0",
            "sources": SOURCES,
            "performance": test,
            "performance_dev": dev,
            "performance_agreements": agreements,
        }
    )
    (output / "meta.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    values: dict[str, Any] = {f"test_{key}": value for key, value in test.items()}
    values.update({f"dev_{key}": value for key, value in dev.items()})
    values.update({f"agreement_{key}": value for key, value in agreements.items()})
    values.update({"name": name, "version": version, "size_mb": directory_size_mb(output)})
    card = card_template.read_text(encoding="utf-8").format(**values)
    (output / "README.md").write_text(card, encoding="utf-8")
    typer.echo(f"Packaged {meta['lang']}_{name}-{version} in {output} ({values['size_mb']:.1f} MB)")


if __name__ == "__main__":
    typer.run(main)
