"""Every self-check's key matches the data it is about, and the teacher's key is the graded key."""

from __future__ import annotations

import pytest

from conftest import REPO
from fedstate.answer_key import all_checks, render, render_rubrics
from fedstate.checks import MultipleChoice, Numeric

CHECKS = all_checks()


def test_the_teachers_answer_key_is_up_to_date():
    committed = (REPO / "teacher" / "answer_key.md").read_text(encoding="utf-8")
    assert committed == render(), ("teacher/answer_key.md differs from what the data now give: a data "
                                   "update changed an answer. Check it, then run `python -m fedstate.answer_key`.")


def test_the_rubrics_page_is_up_to_date_and_never_grades_a_position():
    committed = (REPO / "teacher" / "rubrics.md").read_text(encoding="utf-8")
    assert committed == render_rubrics(), "teacher/rubrics.md is stale: run `python -m fedstate.answer_key`"
    for phrase in ("correct position", "right position", "right side", "supports the resolution",
                   "opposes the resolution", "agrees with the teacher"):
        assert phrase not in committed.lower()


@pytest.mark.parametrize("question", CHECKS, ids=[q.id for q in CHECKS])
def test_key_is_graded_correct_and_every_wrong_answer_names_a_misconception(question):
    if isinstance(question, MultipleChoice):
        assert question.grade(question.answer).correct
        for choice in question.choices:
            if not choice.correct:
                result = question.grade(choice.text)
                assert not result.correct and result.misconception
    else:
        assert isinstance(question, Numeric)
        answer = question.resolved_answer()
        assert question.grade(str(answer)).correct
        for trap in question.traps:
            # A trap inside the tolerance of the answer could never be reached: it would hide a wrong key.
            assert abs(trap.resolved() - answer) > question.tolerance, f"{question.id}: trap equals the answer"
            result = question.grade(str(trap.resolved()))
            assert not result.correct and result.misconception == trap.misconception


def test_self_check_ids_name_their_notebook():
    for q in CHECKS:
        assert q.notebook, f"{q.id}: say which notebook it belongs to"
        assert q.id[:2].isdigit() and q.id[:2] == q.notebook[:2], f"{q.id}: ids start with the notebook number"
