"""Self-checks: each wrong answer's feedback names its misconception; numeric keys may follow data."""

from __future__ import annotations

import pytest

from fedstate.checks import Choice, MultipleChoice, Numeric, Trap
from fedstate.widgets.common import self_check

DETAINER = MultipleChoice(
    id="test.detainer", prompt="What is an ICE detainer?", notebook="test",
    choices=(
        Choice("A request to a jail", True, "It asks; it does not order."),
        Choice("A judge's warrant", False, "It is signed by an immigration officer.", "a detainer is a warrant"),
    ))


def test_multiple_choice_feedback():
    right = DETAINER.grade("A request to a jail")
    assert right.correct and right.message.startswith("Correct.") and right.misconception == ""
    wrong = DETAINER.grade("A judge's warrant")
    assert not wrong.correct and wrong.misconception == "a detainer is a warrant"
    assert "immigration officer" in wrong.message
    assert DETAINER.grade(None).message == "Choose an answer first."
    with pytest.raises(ValueError):
        DETAINER.grade("something else")


def test_questions_refuse_to_be_built_without_feedback_or_misconception():
    with pytest.raises(ValueError, match="misconception"):
        Choice("Wrong", False, "because")
    with pytest.raises(ValueError, match="feedback"):
        Choice("Right", True, "")
    with pytest.raises(ValueError, match="exactly one"):
        MultipleChoice("x", "p", (Choice("a", True, "f"), Choice("b", True, "f")))


def test_numeric_with_tolerance_traps_and_data_driven_key():
    value = {"share": 36.5}
    q = Numeric("test.share", "What share had a conviction?", answer=lambda: value["share"], tolerance=0.6,
                unit="%", explanation="Convicted only.",
                traps=(Trap(lambda: 66.3, "adding pending charges to convictions", "66.3% includes pending charges."),))
    assert q.grade("36.5").correct and q.grade("37").correct and q.grade("36.5 %").correct
    trap = q.grade("66")
    assert not trap.correct and trap.misconception == "adding pending charges to convictions"
    other = q.grade("12")
    assert not other.correct and other.misconception == "arithmetic or reading slip"
    assert q.grade("abc").misconception == "not a number"
    assert q.grade("").message == "Enter a number first."
    value["share"] = 40.0  # the data changed: the key follows
    assert not q.grade("36.5").correct and q.grade("40").correct


def test_self_check_widget_shows_feedback_and_saves_the_attempt(answers_dir):
    from fedstate import responses

    box = self_check(DETAINER)
    box.entry.value = "A judge's warrant"
    box.button.click()
    assert "✘" in box.feedback.value and "a detainer is a warrant" in box.feedback.value
    box.entry.value = "A request to a jail"
    box.button.click()
    assert "✔" in box.feedback.value
    responses.store().flush()
    assert responses.AnswerStore(answers_dir).get("test.detainer") == "A request to a jail"
    # Re-running restores the last answer chosen.
    assert self_check(DETAINER).entry.value == "A request to a jail"


def test_feedback_is_escaped(answers_dir):
    q = MultipleChoice("test.esc", "Pick <one>", (Choice("<b>", True, "fine & dandy"), Choice("c", False, "no", "m")))
    box = self_check(q)
    box.entry.value = "<b>"
    box.check()
    assert "fine &amp; dandy" in box.feedback.value
    assert "Pick &lt;one&gt;" in box.children[0].value


def _share_question():
    return Numeric("test.comma", "What share?", answer=71.68, tolerance=0.05, unit="%", explanation="Because.")


@pytest.mark.parametrize("typed, number", [("71,68", 71.68), ("71.68", 71.68), (" 71,68 % ", 71.68),
                                           ("1,000", 1000), ("1,000.5", 1000.5), ("1.000,5", 1000.5),
                                           ("12,345,678", 12345678), ("0,5", 0.5), ("−3", -3)])
def test_comma_decimal_is_read_where_unambiguous(typed, number):
    from fedstate.checks import read_number

    value, note = read_number(typed)
    assert value == pytest.approx(number)
    assert (note != "") == ("," in typed)  # a comma is never read silently


def test_comma_decimal_is_graded_and_the_feedback_says_how_it_was_read():
    q = _share_question()
    result = q.grade("71,68")
    assert result.correct, result.message  # before: read as 7168 and marked wrong
    assert "Read “71,68” as 71.68" in result.message and "decimal point" in result.message
    thousand = Numeric("test.k", "How many?", answer=1000, tolerance=0, explanation="A thousand.").grade("1,000")
    assert thousand.correct and "thousands separator" in thousand.message


@pytest.mark.parametrize("typed", ["nan", "NaN", "inf", "-Infinity", "1e309", float("nan"), float("inf"), "1,5,3",
                                   "12,34,567", True])
def test_not_a_number_is_said_so(typed):
    result = _share_question().grade(typed)
    assert not result.correct and result.misconception == "not a number", result
    assert "is not a number" in result.message


def test_every_numeric_self_check_accepts_its_answer_with_a_comma_decimal():
    from fedstate.answer_key import all_checks

    numeric = [q for q in all_checks() if isinstance(q, Numeric)]
    assert len(numeric) >= 7
    for q in numeric:
        answer = q.resolved_answer()
        typed = f"{answer:.2f}".replace(".", ",")
        if len(typed.split(",")[1]) == 3:  # never the case with two decimals; kept explicit
            continue
        assert q.grade(typed).correct, (q.id, typed, q.grade(typed).message)
