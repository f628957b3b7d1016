"""Decision lists learned from a handful of labelled examples (`prestatie learn`'s rules).

A rule says: where this tag feature holds, give this label. Rules are learned greedily: the
rule with the most examples it puts right (the current decision got them wrong) less those it
puts wrong (the current decision got them right), with at least `min_fixes` more right
than contradicted and at most one contradiction per `fixes_per_contradiction` examples put
right (reviewers are not perfectly consistent); the examples it covers are then left to it,
and the next rule is sought among the rest. Few, crisp rules
generalise from 25 corrections where a weighted model over the same features overfits
(BENCHMARKS.md, "Learning an office's conventions").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pipeline.label.adaptation import DecisionList, Rule


@dataclass(frozen=True)
class RuleProblem:
    """Examples to learn rules from: per example its tag features, the decision without rules,
    the label wanted, and per rule value the decision a rule with that value would give (a
    letter rule cannot always overrule the letter's rule decision)."""

    features: list[set[str]]
    current: list[str]
    target: list[str]
    outcomes: list[dict[str, str]]
    values: tuple[str, ...]

    def right(self, i: int, rules: DecisionList) -> bool:
        """Whether example i gets its wanted label under the rules."""
        value = rules.decide(self.features[i])
        decided = self.current[i] if value is None else self.outcomes[i][value]
        return decided == self.target[i]


def learn_decision_list(
    problem: RuleProblem,
    rows: Sequence[int],
    min_fixes: int,
    max_rules: int,
    fixes_per_contradiction: int,
) -> DecisionList:
    """The decision list learned from the given examples (empty when no rule puts
    `min_fixes` more examples right than it contradicts, within the contradictions allowed)."""
    rows = list(rows)
    names = sorted({name for i in rows for name in problem.features[i]})
    if not rows or not names:
        return DecisionList()
    column = {name: j for j, name in enumerate(names)}
    holds = np.zeros((len(rows), len(names)), dtype=np.int64)
    for r, i in enumerate(rows):
        holds[r, [column[name] for name in problem.features[i]]] = 1
    wrong = np.array([problem.current[i] != problem.target[i] for i in rows])
    fixes, breaks = {}, {}
    for value in problem.values:
        gives = np.array([problem.outcomes[i][value] == problem.target[i] for i in rows])
        fixes[value] = (wrong & gives).astype(np.int64)
        breaks[value] = (~wrong & ~gives).astype(np.int64)
    free = np.ones(len(rows), dtype=np.int64)
    rules: list[Rule] = []
    for _ in range(max_rules):
        rule = _best_rule(
            holds * free[:, None], names, (fixes, breaks), min_fixes, fixes_per_contradiction
        )
        if rule is None:
            break
        rules.append(rule)
        free[holds[:, column[rule.feature]] == 1] = 0
    return DecisionList(rules=rules)


def _best_rule(
    holds: np.ndarray,
    names: list[str],
    counts: tuple[dict[str, np.ndarray], dict[str, np.ndarray]],
    min_fixes: int,
    fixes_per_contradiction: int,
) -> Rule | None:
    """The rule with the most fixes less breaks over the examples still free (ties:
    the one covering fewest, the most specific; then by name, so the choice is deterministic)."""
    fixes, breaks = counts
    covers = holds.sum(0)
    best: tuple[tuple[int, int], Rule] | None = None
    for value in sorted(fixes):
        fixed = fixes[value] @ holds
        broken = breaks[value] @ holds
        allowed = (fixed - broken >= min_fixes) & (broken <= fixed // fixes_per_contradiction)
        for j in np.flatnonzero(allowed):
            key = (int(fixed[j] - broken[j]), -int(covers[j]))
            if best is None or key > best[0]:
                rule = Rule(
                    feature=names[j],
                    value=value,
                    fixes=int(fixed[j]),
                    contradictions=int(broken[j]),
                    covers=int(covers[j]),
                )
                best = (key, rule)
    return None if best is None else best[1]
