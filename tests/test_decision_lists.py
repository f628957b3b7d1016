"""Decision lists learned from a few examples: which rule, in which order, and when none."""

from __future__ import annotations

from pipeline.label.adaptation import DecisionList, Rule
from training.decision_lists import RuleProblem, learn_decision_list

TYPES = ("intentie", "proces", "concreet")


def _problem(rows: list[tuple[set[str], str, str]]) -> RuleProblem:
    """(features, decision without rules, wanted type) per example; a rule gives its type."""
    return RuleProblem(
        features=[features for features, _, _ in rows],
        current=[current for _, current, _ in rows],
        target=[target for _, _, target in rows],
        outcomes=[{t: t for t in TYPES} for _ in rows],
        values=TYPES,
    )


NO_NUMBER = {"base_concreet", "no_quantity", "base_concreet&no_quantity"}
WITH_NUMBER = {"base_concreet", "cue_quantity", "base_concreet&cue_quantity"}
PROCESS = {"base_proces", "no_quantity", "base_proces&no_quantity"}
HEDGED = {"base_proces", "hedged", "no_quantity", "base_proces&hedged"}


def test_the_most_specific_rule_without_a_contradiction_is_learned() -> None:
    rows = [(NO_NUMBER, "concreet", "intentie")] * 4
    rows += [(WITH_NUMBER, "concreet", "concreet")] * 3 + [(PROCESS, "proces", "proces")] * 3
    rules = learn_decision_list(_problem(rows), range(len(rows)), 3, 3, 6)
    # "no_quantity" alone would put the process rows wrong; the pair with the base type
    # fixes the same four and covers nothing else
    assert rules == DecisionList(
        rules=[
            Rule(
                feature="base_concreet&no_quantity",
                value="intentie",
                fixes=4,
                contradictions=0,
                covers=4,
            )
        ]
    )
    assert all(_problem(rows).right(i, rules) for i in range(len(rows)))


def test_a_second_rule_is_sought_among_the_examples_the_first_leaves() -> None:
    rows = [(NO_NUMBER, "concreet", "intentie")] * 5 + [(HEDGED, "proces", "intentie")] * 3
    rows += [(PROCESS, "proces", "proces")] * 2 + [(WITH_NUMBER, "concreet", "concreet")] * 2
    rules = learn_decision_list(_problem(rows), range(len(rows)), 3, 3, 6)
    # "hedged" and "base_proces&hedged" cover the same three: equal ties go by name
    assert [(r.feature, r.value, r.fixes, r.covers) for r in rules.rules] == [
        ("base_concreet&no_quantity", "intentie", 5, 5),
        ("base_proces&hedged", "intentie", 3, 3),
    ]
    assert rules.decide(HEDGED | NO_NUMBER) == "intentie"
    assert rules.decide(PROCESS) is None


def test_no_rule_when_too_few_show_it() -> None:
    few = [(NO_NUMBER, "concreet", "intentie")] * 2 + [(PROCESS, "proces", "proces")] * 5
    assert learn_decision_list(_problem(few), range(7), 3, 3, 6) == DecisionList()


def test_one_contradiction_is_tolerated_per_six_corrections_put_right() -> None:
    five = [(NO_NUMBER, "concreet", "intentie")] * 5 + [(NO_NUMBER, "concreet", "concreet")]
    assert learn_decision_list(_problem(five), range(6), 3, 3, 6) == DecisionList()
    six = [(NO_NUMBER, "concreet", "intentie")] * 6 + [(NO_NUMBER, "concreet", "concreet")]
    (rule,) = learn_decision_list(_problem(six), range(7), 3, 3, 6).rules
    assert (rule.fixes, rule.contradictions, rule.covers) == (6, 1, 7)
    assert learn_decision_list(_problem(six), range(7), 3, 3, 7) == DecisionList()
    # a correction wrong without the rule and with it (a third type) is not held against it
    other = [(NO_NUMBER, "concreet", "intentie")] * 3 + [(NO_NUMBER, "concreet", "proces")]
    (rule,) = learn_decision_list(_problem(other), range(4), 3, 3, 6).rules
    assert (rule.fixes, rule.contradictions, rule.covers) == (3, 0, 4)


def test_only_the_given_rows_are_learned_from() -> None:
    rows = [(NO_NUMBER, "concreet", "intentie")] * 4
    problem = _problem(rows)
    assert learn_decision_list(problem, [0, 1], 3, 3, 6) == DecisionList()
    assert len(learn_decision_list(problem, [0, 1, 2], 3, 3, 6).rules) == 1
    assert learn_decision_list(problem, [], 3, 3, 6) == DecisionList()
