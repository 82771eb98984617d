"""Notebook 04's widgets, built headlessly: set values as a student would, assert on what is shown."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fedstate import responses
from fedstate import tradeoffs as t
from fedstate.widgets import tradeoffs as w


@pytest.fixture
def store(answers_dir):
    return responses.store()


def shown_shares(box):
    return tuple(s.value for s in box.sliders)


# -- the balancing act ---------------------------------------------------------------------------

def test_balancing_act_starts_at_the_article_split(store):
    box = w.balancing_act()
    act = t.article_balancing_act()
    assert shown_shares(box) == act.percents
    assert [s.description for s in box.sliders] == list(act.labels)
    assert all(s.min == 0 and s.max == 100 and s.step == 1 for s in box.sliders)
    assert "total 100%" in box.total.value
    assert "same proportion" in box.children[-2].value  # the rule, printed under the sliders


def test_moving_a_share_rebalances_the_others_and_redraws(store):
    box = w.balancing_act()
    box.sliders[0].value = 60
    assert shown_shares(box) == (60, 24, 16)
    assert list(box.view.figure.data[0].y) == [60, 24, 16]
    assert "60%" in box.view.text.value and "total 100%" in box.view.text.value
    assert "<strong>60%</strong>" in box.total.value
    box.sliders[2].value = 0
    assert shown_shares(box) == (t.rebalance_shares((60, 24, 16), 2, 0))
    assert sum(shown_shares(box)) == 100


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 100)), min_size=1, max_size=25))
def test_any_sequence_of_moves_keeps_the_displayed_sliders_at_100(moves):
    box = w.balancing_act()
    expected = t.article_balancing_act().percents
    for index, value in moves:
        box.sliders[index].value = value
        expected = t.rebalance_shares(expected, index, value) if value != expected[index] else expected
        assert shown_shares(box) == expected
        assert sum(shown_shares(box)) == 100
        assert tuple(box.view.figure.data[0].y) == expected


def test_keyboard_steps_through_every_value_of_one_slider(store):
    box = w.balancing_act()
    for value in range(box.sliders[1].value + 1, 101):  # ArrowRight, one step at a time, to the end
        box.sliders[1].value = value
        assert sum(shown_shares(box)) == 100 and box.sliders[1].value == value
    assert shown_shares(box) == (0, 100, 0)
    for value in range(99, -1, -1):  # and back down with ArrowLeft
        box.sliders[1].value = value
        assert sum(shown_shares(box)) == 100
    assert box.sliders[1].value == 0


# -- the explorer ----------------------------------------------------------------------------------

def test_no_ranking_is_shown_until_the_student_sets_weights(store):
    session = w.decision_session()
    box = w.decision_explorer(session)
    model = session.model
    assert [s.value for s in box.sliders.values()] == [t.START_WEIGHT] * len(model.criteria) == [0] * len(model.criteria)
    assert "No ranking yet" in box.view.text.value and "equal weights are a choice" in box.view.text.value
    assert len(box.view.figure.data[0].x) == 0  # no bars, no order: nothing is presented as a default
    assert "there is no default" in box.children[0].value
    box.sliders["trust"].value = 6
    assert "No ranking yet" not in box.view.text.value and len(box.view.figure.data[0].x) == len(model.options)


def test_explorer_shows_the_ranking_and_updates_it_when_a_weight_moves(store):
    session = w.decision_session()
    box = w.decision_explorer(session)
    model = session.model
    for slider in box.sliders.values():  # the student chooses equal weights, on purpose
        slider.value = t.DEFAULT_WEIGHT
    before_text, before_x = box.view.text.value, tuple(box.view.figure.data[0].x)
    equal = t.analyse(model, t.equal_weights(model))
    change = equal.sensitivity.smallest
    assert change is not None
    box.sliders[change.criterion_id].value = change.new
    after = t.analyse(model, session.weights)
    assert after.top() == change.new_top  # the ranking really changed
    assert box.view.text.value != before_text and tuple(box.view.figure.data[0].x) != before_x
    assert np.allclose(sorted(box.view.figure.data[0].x), sorted(np.round(after.totals, 3)))
    new_first = model.option(change.new_top[0]).label
    assert f"“{new_first}”" in box.view.text.value
    assert "What would change the top option?" in box.sensitivity.value
    assert "fedstate-ranking" in box.view.text._dom_classes


def test_all_weights_zero_gives_a_message_not_an_error(store):
    session = w.decision_session()
    box = w.decision_explorer(session)
    for slider in box.sliders.values():
        slider.value = 3
    for slider in box.sliders.values():
        slider.value = 0
    assert "No ranking yet" in box.view.text.value
    assert len(box.view.figure.data[0].x) == 0
    assert "No ranking yet" in box.sensitivity.value
    box.sliders["safety"].value = 1  # only public safety counts: the four options tie on it
    assert "tie for first with a weighted score" in box.view.text.value


def test_weights_and_score_changes_are_saved_and_restored(store):
    session = w.decision_session()
    w.decision_explorer(session).sliders["rights"].value = 9
    session.set_score("honor-all", "cost", 7, 4, 9, "Bell County figure is one county only")
    store.flush()
    saved = store.get(w.WEIGHTS_KEY)
    assert saved["Due process"] == 9
    assert store.get(w.SCORE_CHANGES_KEY) == {"Honor all detainers × Low cost": "7 (4 to 9): Bell County figure is one county only"}
    responses._STORE = None  # a fresh kernel
    again = w.decision_session()
    assert again.weights["rights"] == 9
    cell = again.model.cell("honor-all", "cost")
    assert (cell.score, cell.low, cell.high, cell.reason) == (7, 4, 9, "Bell County figure is one county only")
    assert w.decision_explorer(again).sliders["rights"].value == 9


# -- ledger and score editor -----------------------------------------------------------------------

def test_ledger_shows_every_score_and_follows_the_filter(store):
    session = w.decision_session()
    ledger = w.ledger_view(session)
    scores = t.load("tradeoffs/scores.csv")
    for note in scores["evidence_note"]:
        assert note.replace("'", "&#x27;") in ledger.body.value
    ledger.choice.value = "cost"
    assert ledger.body.value.count("<tr>") == 1 + 4  # header and one row per option
    assert "no good evidence" in ledger.body.value and "nothing that measures it" in ledger.body.value
    assert "additive" in ledger.body.value


def test_score_editor_validates_applies_and_restores(store):
    session = w.decision_session()
    editor = w.score_editor(session)
    explorer = w.decision_explorer(session)
    ledger = w.ledger_view(session)
    editor.option.value, editor.criterion.value = "partner-287g", "cost"
    start = session.model.cell("partner-287g", "cost")
    assert (editor.score.value, editor.low.value, editor.high.value) == (start.score, start.low, start.high)
    editor.do_apply()  # no reason yet
    assert "Say why first" in editor.feedback.value
    editor.reason.value = "DHS now reimburses 287(g) officers"
    editor.score.value, editor.low.value, editor.high.value = 9, 2, 8
    editor.do_apply()
    assert "inside its range" in editor.feedback.value
    before = explorer.view.text.value
    editor.high.value = 10
    editor.do_apply()
    assert "Applied." in editor.feedback.value
    assert session.model.cell("partner-287g", "cost").score == 9
    assert explorer.view.text.value != before
    assert "DHS now reimburses 287(g) officers" in ledger.body.value
    assert "1 score changed by you" in ledger.body.value
    editor.do_restore()
    assert "Restored." in editor.feedback.value
    assert session.model.cell("partner-287g", "cost") == start
    assert explorer.view.text.value == before


# -- blank mode ---------------------------------------------------------------------------------

def test_blank_mode_ranks_only_when_every_score_is_entered(store):
    session = w.decision_session(blank=True)
    grid = w.my_scores_grid(session)
    explorer = w.decision_explorer(session)
    n = len(session.model.options) * len(session.model.criteria)
    assert len(grid.cells) == n
    assert f"{n} of {n} scores are still blank" in explorer.view.text.value
    for slider in explorer.sliders.values():
        slider.value = t.DEFAULT_WEIGHT
    for (option_id, criterion_id), cell in grid.cells.items():
        cell.value = 8 if option_id == "serious-only" else 3
    assert f"{n} of {n} scores entered" in grid.progress.value
    assert "“Notify or transfer only for specified serious convictions” ranks first" in explorer.view.text.value
    grid.cells[("honor-all", "safety")].value = w.BLANK
    assert f"1 of {n} scores are still blank" in explorer.view.text.value
    assert store.get(w.OWN_SCORES_KEY)["Serious convictions only × Public safety"].startswith("8 (6 to 10)")


# -- presets, rank reversal, justification --------------------------------------------------------

def test_preset_comparison_redraws_for_presets_and_weights(store):
    session = w.decision_session()
    box = w.preset_comparison(session)
    assert "not the view of any real person" in box.body.value
    box.choice.value = "police-chief-limits"
    first = box.body.value
    box.choice.value = "federal-official"
    assert box.body.value != first and "federal immigration official" in box.body.value
    assert "mirror illustration from the other side" in box.body.value and "immigrant-rights advocate" in box.body.value
    shown = box.body.value
    session.set_weight("federal-law", 10)
    assert box.body.value != shown


def test_rank_reversal_check_gives_feedback_either_way(store):
    session = w.decision_session()
    box = w.rank_reversal_check(session)
    for criterion_id in session.model.criterion_ids:
        session.set_weight(criterion_id, t.DEFAULT_WEIGHT)
    assert box.check() is False and "Not yet" in box.feedback.value and "Hint" in box.feedback.value
    change = session.analysis.sensitivity.smallest
    session.set_weight(change.criterion_id, change.new)
    assert box.check() is True and "rank reversal" in box.feedback.value


def test_justification_check_reads_the_saved_answer(store):
    session = w.decision_session()
    box = w.justification_check("04.my-weights-why", "Why these weights?", session)
    box.answer.area.value = "Cost."
    items = box.check()
    assert not all(ok for ok, _ in items)
    assert "there is no right set of weights" in box.feedback.value
    assert store.get("04.my-weights-why") == "Cost."


def test_static_tables_escape_and_cite(store):
    assert "Illinois TRUST Act" in w.options_html().value
    assert "Source" in w.options_html().value
    assert "10 means" in w.criteria_html().value and "States the case of" in w.criteria_html().value
    assert "more cooperation with ICE" in w.criteria_html().value and "limits on cooperation" in w.criteria_html().value
    assert "no good evidence" in w.evidence_kinds_html().value
    assert "Enforcement Focus on Criminals" in w.article_shares_html().value


def test_benchmark_actions_each_perform_one_callback():
    actions = w.benchmark_actions()
    assert len(actions) >= 8
    for name, action in actions:
        assert callable(action), name
        action()
