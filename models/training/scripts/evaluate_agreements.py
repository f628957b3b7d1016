"""Score a pipeline on hand-annotated agreement texts: sentence boundaries, root and subject.

In: assets/agreement_sentences.jsonl, one record per text with "text" and "sentences" (char
offsets "start"/"end", the root token text and the subject token text or null). Out: sentence
boundary precision/recall/F, root accuracy and subject accuracy, printed and optionally saved as
JSON. The UD test sets are news and Wikipedia; this measures the text the project really reads.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated, Any

import spacy
import typer
from spacy.language import Language
from spacy.tokens import Doc, Token

SUBJECT_RELATIONS = frozenset({"nsubj", "nsubj:pass"})


@dataclass
class AgreementScores:
    """Scores of one pipeline on the agreement texts."""

    n_texts: int
    n_sentences: int
    sents_p: float
    sents_r: float
    sents_f: float
    root_acc: float
    n_subjects: int
    subject_acc: float


def read_records(path: Path) -> list[dict[str, Any]]:
    """Read the JSONL records of annotated agreement texts."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def predicted_spans(doc: Doc) -> set[tuple[int, int]]:
    """Return predicted sentences as character spans without surrounding whitespace tokens."""
    spans: set[tuple[int, int]] = set()
    for sentence in doc.sents:
        tokens = [token for token in sentence if not token.is_space]
        if tokens:
            spans.add((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
    return spans


def find_token(doc: Doc, start: int, end: int, text: str) -> Token | None:
    """Return the first token with the given text inside a character span."""
    for token in doc:
        if start <= token.idx < end and token.text == text:
            return token
    return None


def is_subject_of(subject: Token | None, root: Token | None) -> bool:
    """Tell whether the predicted subject of the gold root is the gold subject token."""
    if subject is None or root is None:
        return False
    return subject.head.i == root.i and subject.dep_ in SUBJECT_RELATIONS


def score_records(nlp: Language, records: list[dict[str, Any]]) -> AgreementScores:
    """Run the pipeline over the texts and compare with the hand annotation."""
    n_gold = n_pred = n_match = n_root = n_subject_gold = n_subject = 0
    docs = nlp.pipe(record["text"] for record in records)
    for record, doc in zip(records, docs, strict=True):
        gold = {(sentence["start"], sentence["end"]) for sentence in record["sentences"]}
        pred = predicted_spans(doc)
        n_gold += len(gold)
        n_pred += len(pred)
        n_match += len(gold & pred)
        for sentence in record["sentences"]:
            root = find_token(doc, sentence["start"], sentence["end"], sentence["root"])
            n_root += int(root is not None and root.dep_ == "ROOT")
            if sentence["subject"] is not None:
                n_subject_gold += 1
                subject = find_token(doc, sentence["start"], sentence["end"], sentence["subject"])
                n_subject += int(is_subject_of(subject, root))
    precision = n_match / n_pred if n_pred else 0.0
    recall = n_match / n_gold if n_gold else 0.0
    f_score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return AgreementScores(
        n_texts=len(records),
        n_sentences=n_gold,
        sents_p=precision,
        sents_r=recall,
        sents_f=f_score,
        root_acc=n_root / n_gold if n_gold else 0.0,
        n_subjects=n_subject_gold,
        subject_acc=n_subject / n_subject_gold if n_subject_gold else 0.0,
    )


def main(
    model: Path,
    data: Path,
    code: Annotated[Path, typer.Option(help="Module registering the tokenizer and components.")],
    output: Annotated[Path | None, typer.Option(help="Write the scores to this JSON file.")] = None,
) -> None:
    """Evaluate the pipeline in `model` on the agreement sentences in `data`."""
    spacy.util.import_file("prestatie_nlp", code)
    scores = score_records(spacy.load(model), read_records(data))
    for name, value in asdict(scores).items():
        typer.echo(f"{name:12} {value:.3f}" if isinstance(value, float) else f"{name:12} {value}")
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(asdict(scores), indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    typer.run(main)
