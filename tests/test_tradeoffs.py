"""fedstate.tradeoffs: the linked shares (every reachable input), and the decision model (ranking,
seeded Monte Carlo, sensitivity) against small cases worked by hand."""

from __future__ import annotations

import math
from collections import deque
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fedstate import tradeoffs as t
from fedstate.checks import MultipleChoice, Numeric

# ------------------------------------------------------------------------------------------------
# Linked shares

ALL_STATES = [(a, b, 100 - a - b) for a in range(101) for b in range(101 - a)]


@st.composite
def share_states(draw):
    a = draw(st.integers(0, 100))
    b = draw(st.integers(0, 100 - a))
    return (a, b, 100 - a - b)


def _exact_quota(old_self: int, old_other: int, rest: int) -> Fraction:
    if old_self + old_other == 0:
        return Fraction(rest, 2)
    return Fraction(old_self * rest, old_self + old_other)


@settings(max_examples=3000, deadline=None)
@given(share_states(), st.integers(0, 2), st.integers(0, 100))
def test_rebalance_keeps_every_rule(shares, moved, value):
    result = t.rebalance_shares(shares, moved, value)
    assert all(type(v) is int for v in result)
    assert sum(result) == 100
    assert all(0 <= v <= 100 for v in result)
    assert result[moved] == value  # the moved share keeps exactly the chosen value
    first, second = [i for i in range(3) if i != moved]
    rest = 100 - value
    for me, other in ((first, second), (second, first)):
        quota = _exact_quota(shares[me], shares[other], rest)
        assert abs(result[me] - quota) < 1, "each other share is its exact proportional share, rounded"
    # the larger of the two others stays at least as large (the proportion is kept)
    if shares[first] > shares[second]:
        assert result[first] >= result[second]
    if shares[second] > shares[first]:
        assert result[second] >= result[first]
    assert t.rebalance_shares(shares, moved, value) == result  # deterministic


@settings(max_examples=500, deadline=None)
@given(share_states(), st.integers(0, 2))
def test_moving_a_share_to_its_own_value_changes_nothing(shares, moved):
    assert t.rebalance_shares(shares, moved, shares[moved]) == shares


def test_every_state_every_slider_every_value_exhaustively():
    """All 5,151 states x 3 sliders x 101 values (1.56 million inputs): the sum is always exactly 100
    and the moved share always keeps its value."""
    bad = []
    rebalance = t.rebalance_shares
    for shares in ALL_STATES:
        for moved in (0, 1, 2):
            for value in range(101):
                result = rebalance(shares, moved, value)
                if result[0] + result[1] + result[2] != 100 or result[moved] != value or min(result) < 0:
                    bad.append((shares, moved, value, result))
    assert not bad, bad[:5]
    assert len(ALL_STATES) == 5151


def test_every_state_is_reachable_from_the_article_by_keyboard():
    """Breadth-first search over one-step arrow-key moves (one point up or down on one slider)
    reaches every one of the 5,151 splits from the article's starting split."""
    start = t.article_balancing_act().percents
    seen, queue = {start}, deque([start])
    while queue:
        state = queue.popleft()
        for moved in (0, 1, 2):
            for step in (-1, 1):
                value = state[moved] + step
                if 0 <= value <= 100:
                    new = t.rebalance_shares(state, moved, value)
                    if new not in seen:
                        seen.add(new)
                        queue.append(new)
    assert seen == set(ALL_STATES)


def test_rebalance_hand_worked_cases():
    assert t.rebalance_shares((50, 30, 20), 0, 60) == (60, 24, 16)  # 40 split 30:20 exactly
    assert t.rebalance_shares((50, 30, 20), 0, 51) == (51, 29, 20)  # 29.4 / 19.6: spare point to .6
    assert t.rebalance_shares((50, 30, 20), 0, 49) == (49, 31, 20)  # 30.6 / 20.4
    # 100 split 50:30 = 62.5 / 37.5: equal fractions, so the spare point goes to the larger share before
    assert t.rebalance_shares((50, 30, 20), 2, 0) == (63, 37, 0)
    assert t.rebalance_shares((50, 30, 20), 0, 100) == (100, 0, 0)
    # both others zero: split equally; an odd point goes to the one listed first
    assert t.rebalance_shares((100, 0, 0), 0, 99) == (99, 1, 0)
    assert t.rebalance_shares((100, 0, 0), 0, 98) == (98, 1, 1)
    assert t.rebalance_shares((0, 100, 0), 1, 97) == (2, 97, 1)
    # equal fractions: the spare point goes to the share that was larger before
    assert t.rebalance_shares((50, 25, 25), 0, 49) == (49, 26, 25)  # 25.5 / 25.5, tie -> listed first
    assert t.rebalance_shares((10, 60, 30), 0, 9) == (9, 61, 30)  # 60.67 / 30.33


@pytest.mark.parametrize("shares, moved, value, message", [
    ((50, 30, 30), 0, 40, "add up to 100"),
    ((50, 30), 0, 40, "three shares"),
    ((50, 30, 20), 3, 40, "0, 1 or 2"),
    ((50, 30, 20), 0, 101, "between 0 and 100"),
    ((50, 30, 20), 0, -1, "between 0 and 100"),
    ((50, 30, 20), 0, 50.5, "whole number"),
    ((50.5, 29.5, 20), 0, 50, "whole number"),
    ((50, 30, 20), 0, True, "whole number"),
])
def test_rebalance_rejects_bad_input_clearly(shares, moved, value, message):
    with pytest.raises(ValueError, match=message):
        t.rebalance_shares(shares, moved, value)


def test_rebalance_accepts_whole_floats_and_numpy_integers():
    assert t.rebalance_shares((50.0, 30, 20), np.int64(0), 60.0) == (60, 24, 16)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.integers(0, 50), min_size=1, max_size=8), st.integers(0, 200))
def test_apportion_adds_up_and_stays_within_one_of_the_exact_share(parts, total):
    result = t.apportion(parts, total)
    assert sum(result) == total
    denominator = sum(parts) or len(parts)
    weights = parts if sum(parts) else [1] * len(parts)
    for share, weight in zip(result, weights):
        assert abs(share - Fraction(weight * total, denominator)) < 1


def test_whole_percentages_of_weights():
    assert t.whole_percentages([5] * 7) == (15, 15, 14, 14, 14, 14, 14)  # 100/7 = 14.29 each
    assert sum(t.whole_percentages([1, 2, 3, 4, 5, 6, 7])) == 100
    assert t.whole_percentages([0, 0, 0]) == (0, 0, 0)


def test_the_rule_is_written_for_students_and_the_article_split_comes_from_data():
    act = t.article_balancing_act()
    assert sum(act.percents) == 100 and len(act.labels) == 3
    for phrase in ("same proportion", "spare point", "listed first", "equally"):
        assert phrase in t.SHARE_RULE


def test_shares_chart_has_its_words_and_starts_at_zero():
    chart = t.shares_chart((60, 24, 16))
    assert chart.figure.layout.yaxis.range[0] == 0
    assert list(chart.figure.data[0].y) == [60, 24, 16]
    for label in t.article_balancing_act().labels:
        assert label in chart.summary
    assert "60%" in chart.summary and "total 100%" in chart.summary
    assert "without a source" in chart.notes[0]
    assert chart.source_line().startswith("Source: ")


# ------------------------------------------------------------------------------------------------
# A small model worked by hand


def tiny_model(cells, option_ids=("a", "b"), criterion_ids=("x", "y")) -> t.DecisionModel:
    options = tuple(t.Option(o, o.upper(), f"Option {o.upper()}", "", "", ("article-capwolf",)) for o in option_ids)
    criteria = tuple(t.Criterion(c, c.upper(), f"Criterion {c.upper()}", "", "", "", "empirical", (c,))
                     for c in criterion_ids)
    built = {}
    for (o, c), (score, low, high) in cells.items():
        built[(o, c)] = t.Cell(score, low, high, "reasoning", "", (), (score, low, high))
    return t.DecisionModel(options, criteria, built)


def test_weighted_totals_ranks_and_exact_ties_by_hand():
    scores = np.array([[8, 2], [4, 6], [5, 5]])
    w = np.array([1, 1])
    assert t.weighted_totals(scores, w).tolist() == [5.0, 5.0, 5.0]
    assert t.top_options(scores, w) == frozenset({0, 1, 2})
    assert t.ranks(scores, w).tolist() == [1, 1, 1]
    w = np.array([6, 5])  # A: (48 + 10) / 11 = 5.27; B: (24 + 30) / 11 = 4.91; C: 5
    assert np.allclose(t.weighted_totals(scores, w), [58 / 11, 54 / 11, 5.0])
    assert t.top_options(scores, w) == frozenset({0})
    assert t.ranks(scores, w).tolist() == [1, 3, 2]
    with pytest.raises(t.NoWeights, match="No ranking yet: every weight is 0"):
        t.weighted_totals(scores, np.array([0, 0]))


def test_triangular_draws_by_hand():
    u = np.array([0.0, 0.5, 1.0])
    assert t.triangular_quantile(u, 0, 5, 10).tolist() == [0.0, 5.0, 10.0]  # F(5) = 0.5 for a symmetric triangle
    assert t.triangular_quantile(np.array([0.3]), 4, 4, 4).tolist() == [4.0]  # zero-width range
    many = t.triangular_quantile(np.random.default_rng(1).random(200_000), 2, 3, 10)
    assert abs(many.mean() - 5.0) < 0.02  # mean of a triangle is (low + mode + high) / 3
    assert many.min() >= 2 and many.max() <= 10


def test_monte_carlo_hand_worked_probability():
    """A is fixed at 8; B is triangular (0, 5, 10). P(B > 8) = (10 - 8)^2 / ((10 - 0)(10 - 5)) = 0.08."""
    scores, low, high = np.array([[8], [5]]), np.array([[8], [0]]), np.array([[8], [10]])
    result = t.first_place_probabilities(scores, low, high, np.array([1]), draws=20_000, seed=7)
    assert abs(result.p_first[1] - 0.08) < 0.01
    assert math.isclose(result.p_first.sum(), 1.0)


def test_monte_carlo_certain_and_tied_cases():
    # ranges that cannot overlap: A always first
    scores, low, high = np.array([[8, 8], [3, 3]]), np.array([[7, 7], [1, 1]]), np.array([[9, 9], [5, 5]])
    result = t.first_place_probabilities(scores, low, high, np.array([5, 5]))
    assert result.p_first.tolist() == [1.0, 0.0]
    assert result.draws == t.MC_DRAWS >= 2000
    # identical fixed scores: every draw is a tie, shared equally
    fixed = np.array([[5], [5], [5], [5]])
    tied = t.first_place_probabilities(fixed, fixed, fixed, np.array([3]))
    assert np.allclose(tied.p_first, 0.25)
    # the band holds the weighted score when ranges are symmetric
    assert result.low[0] <= 8 <= result.high[0]


def test_monte_carlo_is_seeded_and_reproducible():
    model = t.starting_model()
    score, low, high = model.matrices()
    w = t.weight_vector(model, t.equal_weights(model))
    first = t.first_place_probabilities(score, low, high, w)
    again = t.first_place_probabilities(score, low, high, w)
    assert first.p_first.tolist() == again.p_first.tolist()
    assert first.low.tolist() == again.low.tolist()
    other = t.first_place_probabilities(score, low, high, w, seed=t.MC_SEED + 1)
    assert other.p_first.tolist() != first.p_first.tolist()
    assert math.isclose(first.p_first.sum(), 1.0)
    with pytest.raises(ValueError, match="inside its low-high range"):
        t.first_place_probabilities(score, low + 11, high, w)


def test_sensitivity_hand_worked():
    """A = (8, 2), B = (4, 6), weights (6, 5): A leads 58 to 54. Lowering x to 5 gives 50 = 50 (a tie);
    raising y to 6 gives 60 = 60 (a tie). Both are one point; x is listed first, so it is the answer."""
    scores, w = np.array([[8, 2], [4, 6]]), np.array([6, 5])
    result = t.weight_sensitivity(scores, w, ["x", "y"], ["a", "b"])
    assert result.top == ("a",)
    assert result.smallest == t.WeightChange("x", 6, 5, ("a",), ("a", "b"))
    assert result.by_criterion[1] == t.WeightChange("y", 5, 6, ("a",), ("a", "b"))
    # B becomes first alone when x drops to 4: 8*4 + 2*5 = 42 < 4*4 + 6*5 = 46
    w2 = np.array([4, 5])
    assert t.top_options(scores, w2) == frozenset({1})


def test_sensitivity_when_nothing_changes_the_top():
    scores = np.array([[9, 9, 9], [1, 2, 3]])  # A better on every criterion
    result = t.weight_sensitivity(scores, np.array([5, 5, 5]), ["x", "y", "z"], ["a", "b"])
    assert result.smallest is None and result.by_criterion == (None, None, None)
    model = tiny_model({("a", "x"): (9, 9, 9), ("a", "y"): (9, 9, 9), ("b", "x"): (1, 1, 1), ("b", "y"): (2, 2, 2)})
    sentence = t.sensitivity_sentence(model, t.weight_sensitivity(*model.matrices()[:1], np.array([5, 5]),
                                                                  model.criterion_ids, model.option_ids))
    assert "robust" in sentence and "“Option A” ranks first" in sentence


def test_sensitivity_prefers_raising_when_equally_small():
    # A = (6, 4), B = (4, 6) at (5, 5) tie; from (5, 4): A 30+16=46, B 20+24=44.
    # x: lowering to 4 gives 40 = 40 (tie); y: raising to 5 gives a tie too. Both one point; x first.
    scores = np.array([[6, 4], [4, 6]])
    result = t.weight_sensitivity(scores, np.array([5, 4]), ["x", "y"], ["a", "b"])
    assert result.smallest.criterion_id == "x" and result.smallest.new == 4
    # with only y able to change: raising beats lowering at equal distance is checked per criterion
    single = t.weight_sensitivity(np.array([[6], [4]]), np.array([5]), ["x"], ["a", "b"])
    assert single.smallest is None  # one criterion: A always wins at any positive weight


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 10), min_size=9, max_size=9).filter(lambda w: sum(w) > 0))
def test_sensitivity_on_the_real_data_is_the_true_minimum(weights):
    """Brute force over every single-weight change: the reported change really changes the top,
    and no smaller change of any one weight does."""
    model = t.starting_model()
    score, _, _ = model.matrices()
    w = np.array(weights)
    result = t.weight_sensitivity(score, w, model.criterion_ids, model.option_ids)
    current = t.top_options(score, w)

    def changes(j, v):
        trial = w.copy()
        trial[j] = v
        return trial.sum() > 0 and t.top_options(score, trial) != current

    flips = [(abs(v - w[j]), j, v) for j in range(len(w)) for v in range(11) if v != w[j] and changes(j, v)]
    if not flips:
        assert result.smallest is None
    else:
        best = min(d for d, _, _ in flips)
        assert result.smallest is not None and abs(result.smallest.delta) == best
        j = model.criterion_ids.index(result.smallest.criterion_id)
        assert changes(j, result.smallest.new)
        assert tuple(model.option_ids[i] for i in sorted(
            t.top_options(score, np.where(np.arange(len(w)) == j, result.smallest.new, w)))) == result.smallest.new_top


# ------------------------------------------------------------------------------------------------
# The real model


def test_starting_model_is_complete_and_in_range():
    model = t.starting_model()
    score, low, high = model.matrices()
    assert score.shape == (len(model.options), len(model.criteria)) and score.shape[0] >= 4 and score.shape[1] >= 6
    assert ((low <= score) & (score <= high)).all()
    assert score.min() >= 0 and high.max() <= 10
    assert not model.missing()


def test_analysis_of_equal_weights_matches_an_independent_calculation():
    model = t.starting_model()
    score, _, _ = model.matrices()
    analysis = t.analyse(model, t.equal_weights(model))
    averages = score.mean(axis=1)  # equal weights: the plain average
    assert np.allclose(analysis.totals, averages)
    best = averages.max()
    assert set(analysis.top()) == {model.option_ids[i] for i in range(len(averages)) if averages[i] == best}
    table = t.ranking_table(analysis)
    assert list(table["Rank"]) == sorted(table["Rank"])
    assert math.isclose(table["Ranked first in (% of draws)"].sum(), 100, abs_tol=0.5)


def test_analysis_explains_why_there_is_no_ranking():
    model = t.starting_model()
    zero = t.analyse(model, {c: 0 for c in model.criterion_ids})
    assert not zero.ok and "No ranking yet" in zero.problem and "equal weights are a choice" in zero.problem
    cells = len(model.cells)
    blank = t.analyse(t.blank_model(), t.equal_weights(model))
    assert not blank.ok and f"{cells} of {cells} scores are still blank" in blank.problem
    chart = t.decision_chart(blank)
    assert chart.title.startswith(f"{cells} of {cells} scores are still blank")
    assert len(chart.figure.data[0].x) == 0


def test_weights_are_checked():
    model = t.starting_model()
    with pytest.raises(ValueError, match="between 0 and 10"):
        t.weight_vector(model, [11] + [5] * (len(model.criteria) - 1))
    with pytest.raises(ValueError, match=f"{len(model.criteria)} weights are needed"):
        t.weight_vector(model, [5, 5])
    with pytest.raises(KeyError, match="unknown criteria"):
        t.weight_vector(model, {"nonsense": 3})


def test_editing_a_score_is_validated_and_reversible():
    model = t.starting_model()
    with pytest.raises(ValueError, match="inside its range"):
        model.with_score("honor-all", "safety", 9, 2, 8, "my source")
    with pytest.raises(ValueError, match="between 0 and 10"):
        model.with_score("honor-all", "safety", 5, 2, 11, "my source")
    with pytest.raises(ValueError, match="Say why"):
        model.with_score("honor-all", "safety", 5, 2, 8, "  ")
    with pytest.raises(KeyError, match="no option"):
        model.with_score("nope", "safety", 5, 2, 8, "x")
    edited = model.with_score("honor-all", "safety", 7, 5, 9, "A source I found")
    cell = edited.cell("honor-all", "safety")
    assert (cell.score, cell.low, cell.high, cell.reason) == (7, 5, 9, "A source I found")
    assert model.cell("honor-all", "safety").score == 5  # the original model is untouched
    back = edited.with_start_restored("honor-all", "safety")
    assert back.cell("honor-all", "safety") == model.cell("honor-all", "safety")


def test_blank_mode_scores_get_a_clipped_range():
    blank = t.blank_model()
    assert len(blank.missing()) == len(blank.options) * len(blank.criteria)
    one = blank.with_own_score("honor-all", "safety", 1)
    cell = one.cell("honor-all", "safety")
    assert (cell.score, cell.low, cell.high) == (1, 0, 3)
    assert one.with_own_score("honor-all", "safety", None).cell("honor-all", "safety").score is None
    full = blank
    for o in blank.option_ids:
        for c in blank.criterion_ids:
            full = full.with_own_score(o, c, 10 if o == "partner-287g" else 4)
    analysis = t.analyse(full, t.equal_weights(full))
    assert analysis.ok and analysis.top() == ("partner-287g",)
    assert analysis.uncertainty.p_first[full.option_ids.index("partner-287g")] == 1.0


def test_ledger_lists_every_score_with_its_evidence_and_marks_changes():
    model = t.starting_model()
    ledger = t.assumptions_ledger(model)
    assert len(ledger) == len(model.options) * len(model.criteria)
    scores = t.load("tradeoffs/scores.csv")
    for row in scores.itertuples():
        match = ledger[(ledger["Option"] == model.option(row.option_id).short_label)
                       & (ledger["Criterion"] == model.criterion(row.criterion_id).label)]
        assert len(match) == 1
        assert match["What the evidence says"].iloc[0] == row.evidence_note
        # publisher and year, never the internal ids of sources.csv
        assert match["Sources"].iloc[0] == "; ".join(t._source_short()[s] for s in row.source_ids)
        assert match["Range"].iloc[0] == f"{row.low} to {row.high}"
        assert match["Evidence kind"].iloc[0] == model.cell(row.option_id, row.criterion_id).evidence_kind
        # the kind is derived by code from these studies; students see them by publisher and year
        assert match["Kind derived from"].iloc[0] == (
            "; ".join(t._source_short()[s] for s in row.rests_on) or "nothing that measures it")
    edited = model.with_score("partner-287g", "cost", 8, 4, 10, "DHS says ICE now reimburses officers")
    after = t.assumptions_ledger(edited, None, "cost")
    assert len(after) == 4
    row = after[after["Option"] == "287(g) partnership"].iloc[0]
    assert row["Score"].startswith("8 (start 6") and row["Your change and why"] == "DHS says ICE now reimburses officers"
    assert "additive" in " ".join(t.model_assumptions(model))
    shown = ledger["Kind derived from"].str.cat(sep=" ") + t.model_source_line(["hines-peri-2019-iza"])
    assert "hines-peri-2019-iza" not in shown and "miles-cox" not in shown and "ids:" not in shown


def test_decision_chart_has_words_bars_from_zero_and_sources():
    model = t.starting_model()
    analysis = t.analyse(model, t.equal_weights(model))
    chart = t.decision_chart(analysis)
    assert chart.figure.layout.xaxis.range[0] == 0 and chart.figure.layout.xaxis2.range[0] == 0
    for o in model.options:
        assert o.label in chart.text()
    assert "ranks first" in chart.summary
    assert "assumptions ledger" in chart.source_line()
    assert set(chart.sources) >= set(t.load("tradeoffs/scores.csv")["source_ids"].explode())
    assert f"{t.MC_DRAWS:,}" in chart.notes[0]


def test_presets_are_illustrations_and_comparison_names_the_biggest_gap():
    model = t.starting_model()
    all_presets = t.presets()
    assert len(all_presets) >= 4
    for preset in all_presets.values():
        assert preset.label.startswith("Illustration:")
        assert set(preset.weights) == set(model.criterion_ids)
    preset = all_presets["police-chief-limits"]
    table, sentence = t.compare_with_preset(model, t.equal_weights(model), preset)
    assert len(table) == len(model.criteria)
    # one-decimal shares: equal weights show as equal shares, and the rounded shares add up to 100 within rounding
    assert len(set(table["Your share (%)"])) == 1
    assert abs(sum(table["Your share (%)"]) - 100) <= 0.05 * len(table)
    assert abs(sum(table["Illustration's share (%)"]) - 100) <= 0.05 * len(table)
    biggest = table.loc[table["Difference (percentage points)"].abs().idxmax(), "Criterion"]
    assert f"differ most on “{biggest}”" in sentence


def test_rank_reversal_feedback_does_not_depend_on_which_option_wins():
    model = t.starting_model()
    found, message = t.rank_reversal_feedback(model, t.equal_weights(model))
    assert not found and message.startswith("Not yet")
    analysis = t.analyse(model, t.equal_weights(model))
    change = analysis.sensitivity.smallest
    weights = t.equal_weights(model)
    weights[change.criterion_id] = change.new
    found, message = t.rank_reversal_feedback(model, weights)
    assert found and message.startswith("Yes")
    assert "value judgement" in message
    # the hint names the change that would do it
    assert t.change_phrase(model, change) in t.rank_reversal_feedback(model, t.equal_weights(model))[1]


def test_score_change_effect_in_words():
    model = t.starting_model()
    edited = model.with_score("honor-all", "rights", 9, 7, 10, "hypothetical")
    text = t.score_change_effect(model, edited, t.equal_weights(model))
    assert "Ambitious" not in text and "rank" in text
    same = t.score_change_effect(model, model, t.equal_weights(model))
    assert same == "Your change did not move any option's rank or its chance of ranking first."


def test_justification_feedback_checks_shape_not_values():
    criteria = t.starting_model().criteria
    empty = t.justification_feedback("", criteria)
    assert not any(ok for ok, _ in empty)
    text = ("I put due process and crime reporting above cost because the evidence from court cases "
            "shows that holding people on detainers alone led to lawsuits, and studies found people "
            "report fewer crimes. Safety matters to me too, but the studies found little difference "
            "between the options, so that weight does less work than it seems.")
    items = t.justification_feedback(text, criteria)
    assert all(ok for ok, _ in items), items
    opposite = text.replace("due process and crime reporting above cost", "enforcement and cost above due process")
    assert all(ok for ok, _ in t.justification_feedback(opposite, criteria))  # the other values pass as well


def test_self_checks_have_keys_computed_from_data():
    checks = t.self_checks()
    assert all(qid.startswith("04.") for qid in checks)
    act = t.article_balancing_act()
    expected = t.rebalance_shares(act.percents, 0, act.percents[0] + 10)[1]
    assert checks["04.rebalance-rule"].grade(str(expected)).correct
    assert checks["04.rebalance-rule"].grade(str(act.percents[1] - 5)).misconception == "splitting a change equally"
    model = t.starting_model()
    score, _, _ = model.matrices()
    best = max(score.mean(axis=1))
    assert checks["04.equal-weight-score"].grade(f"{best:.2f}").correct
    assert checks["04.equal-weight-score"].grade(f"{best * len(model.criteria):.0f}").misconception == \
        "forgetting to divide by the total weight"
    for check in checks.values():
        assert isinstance(check, (MultipleChoice, Numeric))
        assert check.notebook == t.NOTEBOOK
        if isinstance(check, MultipleChoice):
            assert sum(c.correct for c in check.choices) == 1
            assert all(c.misconception for c in check.choices if not c.correct)


# ---------------------------------------------------------------------------------------------
# Balance (issue 13.5): each side's case is in the model, and each side's illustration ranks its options first


def test_each_sides_illustration_ranks_that_sides_options_first():
    model = t.starting_model()
    all_presets = t.presets()
    assert {p.side for p in all_presets.values()} == {"more-cooperation", "limits-on-cooperation"}
    assert {o.preferred_by for o in model.options} == {"more-cooperation", "limits-on-cooperation"}
    for preset in all_presets.values():
        analysis = t.analyse(model, preset.weights)
        top = analysis.top()
        assert top and all(model.option(o).preferred_by == preset.side for o in top), (preset.id, top)
    assert t.preset_rankings(model)["Its side's option first"].all()


def test_presets_are_mirror_pairs_one_from_each_side():
    model = t.starting_model()
    serves = {c.id: c.serves for c in model.criteria}
    pairs = {}
    for preset in t.presets().values():
        pairs.setdefault(preset.pair, []).append(preset)
    assert len(pairs) >= 2
    for members in pairs.values():
        a, b = members
        assert {a.side, b.side} == {"more-cooperation", "limits-on-cooperation"}

        def on(preset, side):
            return sorted(w for c, w in preset.weights.items() if serves[c] == side)

        assert on(a, a.side) == on(b, b.side) and on(a, b.side) == on(b, a.side)
        assert all(a.weights[c] == b.weights[c] for c, side in serves.items() if side == "both")


def test_equal_weights_are_a_choice_not_a_default():
    # every weight starts at 0: the model gives no ranking until someone chooses weights
    model = t.starting_model()
    start = {c: t.START_WEIGHT for c in model.criterion_ids}
    assert not t.analyse(model, start).ok
    assert t.analyse(model, t.equal_weights(model)).ok
