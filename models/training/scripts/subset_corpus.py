"""Keep every Nth document of a training corpus, for the learning curve.

In: a DocBin (.spacy) and N. Out: a DocBin with documents 0, N, 2N, ... (the converted corpus
holds ten consecutive sentences per document, so this samples whole documents from every
source in the same proportions). Subsets for N = 4 and N = 2 are nested.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import spacy
import typer
from spacy.tokens import DocBin


def main(
    corpus: Annotated[Path, typer.Argument(help="training corpus (.spacy)")],
    every: Annotated[int, typer.Argument(help="keep every Nth document", min=1)],
    output: Annotated[Path, typer.Argument(help="subset corpus to write (.spacy)")],
) -> None:
    """Write the subset and print its size."""
    vocab = spacy.blank("nl").vocab
    docs = list(DocBin().from_disk(corpus).get_docs(vocab))[::every]
    DocBin(store_user_data=True, docs=docs).to_disk(output)
    print(f"{output}: {len(docs)} documents, {sum(len(d) for d in docs)} tokens")


if __name__ == "__main__":
    typer.run(main)
