"""Convert the UD Dutch treebanks to spaCy corpora: map UD v1 to v2, drop overlaps, split.

In: the .conllu files of UD_Dutch-Alpino and UD_Dutch-LassySmall (see ud-dutch/README.md).
Out: train.spacy, dev.spacy and test.spacy in the output folder, ten sentences per Doc so the
parser also learns sentence boundaries.

Choices (documented in the model card):
- train = LassySmall 2016 train (UD v1, mapped to v2, minus sentences that are in the current
  LassySmall dev/test) + current LassySmall dev + test + the first half of Alpino dev;
- dev = the second half of Alpino dev (news, like the held-out test set);
- test = Alpino test, only converted here, never used for training or tuning.
The 2016 file has no XPOS and UPOS/features that follow the older guidelines (e.g. PROPN for
every word of a name, VERB for auxiliaries), so its tags and features are left missing; its
trees (relations renamed, auxiliary-headed clauses and conjunction attachment restructured as in
v2) and lemmas (Alpino compound underscores restored where known) are used.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import spacy
import typer
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

V1_TO_V2_DEPRELS: dict[str, str] = {
    "dobj": "obj",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "auxpass": "aux:pass",
    "name": "flat",
    "mwe": "fixed",
    "neg": "advmod",
    "remnant": "orphan",
    "compound": "compound:prt",
}
AUXILIARY_LEMMAS = frozenset({"worden", "zijn", "hebben", "zullen", "kunnen", "moeten", "mogen"})
FIXED_HEAD_UPOS = frozenset({"ADP", "ADV", "SCONJ", "CONJ", "CCONJ"})
PREDICATE_UPOS = frozenset({"VERB", "AUX", "ADJ", "ADV"})
POSSESSIVES = frozenset({"zijn", "haar", "hun", "mijn", "ons", "onze", "jouw", "uw", "z'n", "m'n"})
RELATIVE_WORDS = frozenset(
    {
        "die",
        "dat",
        "wat",
        "wie",
        "welke",
        "hetgeen",
        "hetwelk",
        "waar",
        "waarin",
        "waarbij",
        "waarvan",
        "waarmee",
        "waarop",
        "waardoor",
        "waaraan",
        "waaruit",
        "waarover",
        "waarna",
    }
)
SENTENCES_PER_DOC = 10
V1_ID = re.compile(r"^#\s*(wiki-\S+?)(?:\.xml)?\s*$")


@dataclass
class Row:
    """One CoNLL-U word line."""

    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    space_after: bool


@dataclass
class Sentence:
    """One CoNLL-U sentence with its id."""

    sent_id: str
    rows: list[Row] = field(default_factory=list)


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Yield the sentences of a CoNLL-U file, reading both v2 `sent_id` and v1 `# wiki-` ids."""
    sentence = Sentence(sent_id="")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sentence.rows:
                yield sentence
            sentence = Sentence(sent_id="")
        elif line.startswith("#"):
            if line.startswith("# sent_id = "):
                sentence.sent_id = line.split("=", 1)[1].strip()
            elif match := V1_ID.match(line):
                sentence.sent_id = match.group(1)
        else:
            cols = line.split("\t")
            if not cols[0].isdigit():
                continue  # multiword-token ranges and empty nodes
            sentence.rows.append(
                Row(
                    form=cols[1],
                    lemma=cols[2],
                    upos=cols[3],
                    xpos=cols[4],
                    feats=cols[5],
                    head=int(cols[6]),
                    deprel=cols[7],
                    space_after="SpaceAfter=No" not in cols[9],
                )
            )
    if sentence.rows:
        yield sentence


def _rename_deprel(rows: list[Row], row: Row) -> str:
    """Rename a v1 relation; `mwe` inside names becomes `flat` as in the current treebanks."""
    if row.deprel == "mwe" and row.head > 0 and rows[row.head - 1].upos not in FIXED_HEAD_UPOS:
        return "flat"
    return V1_TO_V2_DEPRELS.get(row.deprel, row.deprel)


def _children(rows: list[Row], head: int) -> list[int]:
    """Return the 0-based indices of the words whose head is word `head` (1-based)."""
    return [index for index, row in enumerate(rows) if row.head == head]


def _promote_main_verbs(rows: list[Row]) -> None:
    """Make a participle or infinitive the head of its auxiliary, as UD v2 does (in place).

    The 2016 file often heads a clause with the auxiliary ("werd ... uitgezet") and attaches the
    main verb as xcomp/ccomp; v2 heads it with the main verb and attaches the auxiliary as aux or
    aux:pass, with all other dependents (subject, modifiers, punctuation) on the main verb.
    """
    for aux_index, aux in enumerate(rows):
        if aux.lemma not in AUXILIARY_LEMMAS or aux.deprel in {"aux", "aux:pass", "cop"}:
            continue
        verbs = [
            index
            for index in _children(rows, aux_index + 1)
            if rows[index].deprel in {"xcomp", "ccomp"}
            and rows[index].upos == "VERB"
            and ("VerbForm=Part" in rows[index].feats or "VerbForm=Inf" in rows[index].feats)
            and not any(rows[child].deprel == "mark" for child in _children(rows, index + 1))
        ]
        if not verbs:
            continue
        verb_index = verbs[0]
        verb = rows[verb_index]
        passive = "VerbForm=Part" in verb.feats and aux.lemma in {"worden", "zijn"}
        for child in _children(rows, aux_index + 1):
            if child != verb_index:
                rows[child].head = verb_index + 1
                if passive and rows[child].deprel == "nsubj":
                    rows[child].deprel = "nsubj:pass"
        verb.head, verb.deprel = aux.head, aux.deprel
        aux.head, aux.deprel = verb_index + 1, "aux:pass" if passive else "aux"


def _attach_cc_to_next_conjunct(rows: list[Row]) -> None:
    """Attach a coordinating conjunction to the conjunct after it, as UD v2 does (in place)."""
    for cc_index, row in enumerate(rows):
        if row.deprel != "cc" or row.head == 0:
            continue
        following = [
            index
            for index in _children(rows, row.head)
            if rows[index].deprel == "conj" and index > cc_index
        ]
        if following:
            row.head = following[0] + 1


def _refine_deprel(rows: list[Row], index: int) -> str:
    """Return the v2 subtype of one word's relation: obl, acl:relcl or nmod:poss."""
    row = rows[index]
    head = rows[row.head - 1] if row.head > 0 else None
    if row.deprel == "nmod" and head is not None:
        siblings = _children(rows, row.head)
        if head.upos in PREDICATE_UPOS or any(rows[child].deprel == "cop" for child in siblings):
            return "obl"
    if (
        row.deprel in {"det", "nmod"}
        and row.form.lower() in POSSESSIVES
        and row.upos in {"DET", "PRON"}
    ):
        return "nmod:poss"
    if row.deprel == "acl" and any(
        (rows[child].deprel != "mark" and rows[child].form.lower() in RELATIVE_WORDS)
        or "PronType=Rel" in rows[child].feats
        for child in _children(rows, index + 1)
    ):
        return "acl:relcl"
    return row.deprel


def map_v1_sentence(sentence: Sentence, lemma_map: dict[str, str]) -> Sentence:
    """Map a UD v1 sentence to v2 trees and Alpino lemmas; drop its old-style tags."""
    rows = [replace(row, deprel=_rename_deprel(sentence.rows, row)) for row in sentence.rows]
    _promote_main_verbs(rows)
    _attach_cc_to_next_conjunct(rows)
    deprels = [_refine_deprel(rows, index) for index in range(len(rows))]
    mapped = [
        replace(
            row,
            lemma=lemma_map.get(row.lemma, row.lemma),
            upos="",
            xpos="",
            feats="",
            deprel=deprel,
        )
        for row, deprel in zip(rows, deprels, strict=True)
    ]
    return Sentence(sent_id=sentence.sent_id, rows=mapped)


def build_lemma_map(sentences: list[Sentence]) -> dict[str, str]:
    """Map a lemma without Alpino's compound underscores to its most frequent underscored form."""
    counts: Counter[tuple[str, str]] = Counter()
    for sentence in sentences:
        for row in sentence.rows:
            if "_" in row.lemma and row.lemma != "_":
                counts[(row.lemma.replace("_", ""), row.lemma)] += 1
    lemma_map: dict[str, str] = {}
    for (plain, lemma), _count in counts.most_common():
        lemma_map.setdefault(plain, lemma)
    return lemma_map


def sentences_to_docs(vocab: Vocab, sentences: list[Sentence]) -> Iterator[Doc]:
    """Group sentences into Docs of SENTENCES_PER_DOC sentences with full annotation."""
    for start in range(0, len(sentences), SENTENCES_PER_DOC):
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        pos: list[str] = []
        morphs: list[str] = []
        lemmas: list[str] = []
        heads: list[int] = []
        deps: list[str] = []
        sent_starts: list[bool | int | None] = []
        for sentence in sentences[start : start + SENTENCES_PER_DOC]:
            offset = len(words)
            for index, row in enumerate(sentence.rows):
                words.append(row.form)
                spaces.append(row.space_after)
                tags.append(row.xpos if row.xpos != "_" else "")
                pos.append(row.upos if row.upos != "_" else "")
                morphs.append(row.feats if row.feats != "_" else "")
                lemmas.append(row.lemma)
                heads.append(offset + row.head - 1 if row.head > 0 else offset + index)
                deps.append("ROOT" if row.head == 0 else row.deprel)
                sent_starts.append(index == 0)
            spaces[-1] = True
        doc = Doc(
            vocab,
            words=words,
            spaces=spaces,
            tags=tags,
            pos=pos,
            morphs=morphs,
            lemmas=lemmas,
            heads=heads,
            deps=deps,
            sent_starts=sent_starts,
        )
        for token in doc:
            if not pos[token.i] and not morphs[token.i]:
                token.set_morph(None)  # type: ignore[attr-defined]  # missing, not "no features": the morphologizer skips it
        yield doc


def write_docbin(vocab: Vocab, sentences: list[Sentence], path: Path) -> None:
    """Write sentences as a .spacy file and report its size."""
    DocBin(docs=sentences_to_docs(vocab, sentences), store_user_data=False).to_disk(path)
    n_words = sum(len(sentence.rows) for sentence in sentences)
    typer.echo(f"{path.name}: {len(sentences)} sentences, {n_words} words")


def main(ud_dir: Path, output_dir: Path) -> None:
    """Build train/dev/test corpora from the UD Dutch treebanks in ud_dir."""
    output_dir.mkdir(parents=True, exist_ok=True)
    lassy_dev = list(read_conllu(ud_dir / "nl_lassysmall-ud-dev.conllu"))
    lassy_test = list(read_conllu(ud_dir / "nl_lassysmall-ud-test.conllu"))
    alpino_dev = list(read_conllu(ud_dir / "nl_alpino-ud-dev.conllu"))
    alpino_test = list(read_conllu(ud_dir / "nl_alpino-ud-test.conllu"))
    v1_train = list(read_conllu(ud_dir / "nl_lassysmall-ud-train.v1-2016.conllu"))

    held_ids = {sentence.sent_id for sentence in lassy_dev + lassy_test}
    kept_v1 = [sentence for sentence in v1_train if sentence.sent_id not in held_ids]
    typer.echo(
        f"2016 train: {len(v1_train)} sentences, {len(v1_train) - len(kept_v1)} dropped as overlap"
    )
    lemma_map = build_lemma_map(lassy_dev + lassy_test + alpino_dev)
    mapped_v1 = [map_v1_sentence(sentence, lemma_map) for sentence in kept_v1]

    half = len(alpino_dev) // 2
    vocab = spacy.blank("nl").vocab
    write_docbin(
        vocab, mapped_v1 + lassy_dev + lassy_test + alpino_dev[:half], output_dir / "train.spacy"
    )
    write_docbin(vocab, alpino_dev[half:], output_dir / "dev.spacy")
    write_docbin(vocab, alpino_test, output_dir / "test.spacy")


if __name__ == "__main__":
    typer.run(main)
