"""Self-checks cannot be gamed by position: the right answer's place varies, fixed per question.

Authors tend to write the right choice first (every self-check of notebooks 02 and 04 had it first,
every one of 03 second). Students see ``displayed_choices``, an order drawn from the question's id;
the widget, the answer key and the printed packet all use it, so the letters agree everywhere.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from conftest import REPO
from fedstate.answer_key import all_checks, choice_balance
from fedstate.checks import LETTERS, Choice, MultipleChoice
from fedstate.widgets.common import self_check

MULTIPLE_CHOICE = [q for q in all_checks() if isinstance(q, MultipleChoice)]
BY_NOTEBOOK = defaultdict(list)
for _q in MULTIPLE_CHOICE:
    BY_NOTEBOOK[_q.notebook].append(_q)


def _question(qid="99.test", position=None):
    return MultipleChoice(qid, "Which?", (
        Choice("right", True, "because"), Choice("wrong one", False, "no", "m1"),
        Choice("wrong two", False, "no", "m2"), Choice("wrong three", False, "no", "m3")), answer_position=position)


def test_the_displayed_order_is_a_fixed_permutation_of_the_choices():
    first, again = _question(), _question()
    assert first.displayed_choices == again.displayed_choices  # the same every run, on every machine
    assert sorted(c.text for c in first.displayed_choices) == sorted(c.text for c in first.choices)
    orders = {tuple(c.text for c in _question(f"99.q{i}").displayed_choices) for i in range(12)}
    assert len(orders) > 3, "the order must depend on the question"
    assert {_question(f"99.q{i}").answer_index for i in range(12)} == {0, 1, 2, 3}


@pytest.mark.parametrize("position", [0, 1, 2, 3])
def test_answer_position_puts_the_right_answer_there(position):
    question = _question(position=position)
    assert question.answer_index == position and question.answer_letter == LETTERS[position]
    assert question.displayed_choices[position].correct
    with pytest.raises(ValueError, match="answer_position"):
        _question(position=4)


@pytest.mark.parametrize("notebook", sorted(BY_NOTEBOOK))
def test_no_position_holds_more_than_half_of_a_notebooks_right_answers(notebook):
    questions = BY_NOTEBOOK[notebook]
    places = Counter(q.answer_letter for q in questions)
    letter, count = places.most_common(1)[0]
    assert count <= len(questions) / 2, (
        f"{notebook}: {count} of {len(questions)} right answers are at {letter} ({dict(places)}); "
        "set answer_position on one of them")


@pytest.mark.parametrize("notebook", sorted(BY_NOTEBOOK))
def test_the_right_answer_is_not_reliably_the_longest(notebook):
    questions = BY_NOTEBOOK[notebook]
    longest = [q.id for q in questions
               if len(q.answer) > max(len(c.text) for c in q.choices if not c.correct)]
    assert len(longest) <= len(questions) / 2, (
        f"{notebook}: the right answer is the longest choice in {longest}; lengthen a wrong choice with the "
        "reasoning behind its misconception, or tighten the right one")


def test_the_balance_report_counts_positions_and_lengths():
    rows = {row["notebook"]: row for row in choice_balance()}
    assert set(rows) == set(BY_NOTEBOOK)
    for notebook, questions in BY_NOTEBOOK.items():
        assert sum(rows[notebook]["positions"].values()) == len(questions)


def test_the_widget_shows_the_choices_in_the_displayed_order(answers_dir):
    for question in MULTIPLE_CHOICE:
        box = self_check(question)
        assert list(box.entry.options) == [c.text for c in question.displayed_choices]


def test_the_answer_key_gives_the_letter_students_see():
    key = (REPO / "teacher" / "answer_key.md").read_text(encoding="utf-8")
    for question in MULTIPLE_CHOICE:
        section = key.split(f"### `{question.id}`", 1)[1].split("### ", 1)[0]
        assert f"Answer: **{question.answer_letter}**" in section, question.id
        for letter, choice in zip(LETTERS, question.displayed_choices):
            assert f"- **{letter}.** {choice.text}: " in section, (question.id, letter)


def test_the_teacher_notes_give_the_letters_students_see():
    from fedstate import stats, tradeoffs

    notes03 = (REPO / "teacher" / "03_checking_the_numbers.md").read_text(encoding="utf-8")
    for qid, question in stats.SELF_CHECKS.items():
        if isinstance(question, MultipleChoice):
            section = notes03.split(f"**`{qid}`**", 1)[1].split("\n\n", 1)[0]
            assert f"Correct (**{question.answer_letter}**" in section, qid
    notes04 = (REPO / "teacher" / "04_weighing_tradeoffs.md").read_text(encoding="utf-8")
    for question in tradeoffs.SELF_CHECKS:
        if isinstance(question, MultipleChoice):
            section = notes04.split(f"**{question.id}**", 1)[1].split("\n\n", 1)[0]
            assert f"*Answer ({question.answer_letter}):*" in section, question.id
