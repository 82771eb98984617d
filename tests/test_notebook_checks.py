"""The checks that used to sit, as ``assert`` cells, at the end of every notebook.

Students saw them (and their "Checks passed" output) after Run All. They now live here, with the
same meaning: each ``check_NN`` function is the old cell, written against its inputs, so that the test
below it can run it on the shipped data *and* show that it still fails on broken data (a check that
cannot fail is not a check). Notebook 00's and 05's cells checked widgets; those are built headlessly.
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from fedstate import annotation, deliberation, law, reading, stats, tradeoffs
from fedstate.article import article, coverage, load_claims
from fedstate.data import load, sources


# -- 00 Start here ------------------------------------------------------------------------------------

def check_00(predictions_widget, prediction_list, store) -> None:
    assert len(predictions_widget.controls) == len(prediction_list), "one control per prediction"
    assert store.path.name == "my_answers.json", "answers are saved to my_answers.json"


def test_00_start_here(answers_dir):
    from fedstate import responses
    from fedstate.predictions import PREDICTIONS
    from fedstate.widgets.predict import predict_first

    check_00(predict_first(), PREDICTIONS, responses.store())
    with pytest.raises(AssertionError, match="one control per prediction"):
        check_00(predict_first(), PREDICTIONS + PREDICTIONS[:1], responses.store())


# -- 01 Reading the article -----------------------------------------------------------------------------

def check_01(art, claims, no_claim, known_sources, verdict_chart, tagging_items) -> None:
    assert all(art.text.count(c.quote) == 1 for c in claims), "every claim quotes the article exactly, once"
    table = coverage(art, claims, no_claim)
    assert (table["status"] != "missing").all(), "every block carries a claim or a reason"
    assert all(set(c.source_ids) <= known_sources for c in claims), "every claim's sources resolve"
    assert [c.number for c in claims] == list(range(1, len(claims) + 1)), "claims are numbered in reading order"
    assert sum(verdict_chart.table["claims"]) == len(claims), "the chart counts every claim once"
    assert all(reading.grade_tag(item, item["answer"]).correct for item in tagging_items), \
        "every tagging item's own answer is graded right"


@pytest.fixture(scope="module")
def reading_inputs():
    art, claims = article(), load_claims()
    return dict(art=art, claims=claims, no_claim=load("article/no_claim.csv"), known_sources=set(sources().index),
                verdict_chart=annotation.verdict_chart(claims),
                tagging_items=reading.tagging_items().to_dict("records"))


def test_01_reading_the_article(reading_inputs):
    check_01(**reading_inputs)


@pytest.mark.parametrize("break_it, message", [
    (lambda d: d["claims"].__setitem__(0, dataclasses.replace(d["claims"][0], quote=d["claims"][0].quote + " (not in the text)")),
     "quotes the article"),
    (lambda d: d.__setitem__("no_claim", d["no_claim"].iloc[0:0]), "carries a claim or a reason"),
    (lambda d: d.__setitem__("known_sources", d["known_sources"] - {d["claims"][0].source_ids[0]}), "sources resolve"),
    (lambda d: d["claims"].reverse(), "reading order"),
    (lambda d: d.__setitem__("verdict_chart", annotation.verdict_chart(d["claims"][1:])), "counts every claim"),
    (lambda d: d["tagging_items"].__setitem__(0, {**d["tagging_items"][0], "answer": "not a tag"}), "graded right"),
], ids=["quote", "coverage", "sources", "order", "chart", "tagging"])
def test_01_checks_fail_on_broken_data(reading_inputs, break_it, message):
    broken = {**reading_inputs, "claims": list(reading_inputs["claims"]),
              "tagging_items": [dict(i) for i in reading_inputs["tagging_items"]]}
    break_it(broken)
    with pytest.raises((AssertionError, ValueError), match=message if message != "graded right" else None):
        check_01(**broken)


# -- 02 Who decides? ------------------------------------------------------------------------------------

def check_02(states, tiles, counts, cells_expected, federal_hold, followup, timeline, low_confidence) -> None:
    assert len(states) == len(tiles), "every state and DC needs a tile on the map"
    assert set(states["abbr"]) == set(tiles["abbr"]), "the map's tiles are the states"
    assert sum(counts.values()) == cells_expected, "every scenario cell has a status"
    assert federal_hold != "must", "federal law makes no hold mandatory"
    assert followup[0] != followup[1], "the follow-up letters' date is disputed: both dates are shown"
    assert set(timeline["vs_article"]) == {"before", "after"}, "the timeline marks events before and after the article"
    assert low_confidence == sorted(states.loc[states["confidence"] == "Low", "name"]), "low-confidence states are listed"


@pytest.fixture(scope="module")
def law_inputs():
    from fedstate.schemas.law import ACTION_IDS, JURISDICTION_IDS, REQUEST_IDS, SITUATION_IDS

    return dict(states=law.jurisdictions(), tiles=law.tile_grid(), counts=law.status_counts(),
                cells_expected=len(JURISDICTION_IDS) * len(REQUEST_IDS) * len(SITUATION_IDS) * len(ACTION_IDS),
                federal_hold=law.detainer_outcome("federal", "detainer", "no-record").status("hold"),
                followup=law.followup_dates(), timeline=law.timeline(), low_confidence=law.low_confidence_states())


def test_02_who_decides(law_inputs):
    check_02(**law_inputs)


@pytest.mark.parametrize("change, message", [
    ({"tiles": lambda t: t.iloc[1:]}, "needs a tile"),
    ({"tiles": lambda t: t.assign(abbr=t["abbr"].replace({t["abbr"].iloc[0]: "ZZ"}))}, "tiles are the states"),
    ({"cells_expected": lambda n: n + 1}, "has a status"),
    ({"federal_hold": lambda s: "must"}, "no hold mandatory"),
    ({"followup": lambda f: (f[0], f[0])}, "disputed"),
    ({"timeline": lambda t: t.assign(vs_article="before")}, "before and after"),
    ({"low_confidence": lambda names: names[1:] if names else ["Nowhere"]}, "low-confidence"),
], ids=["tile-count", "tile-names", "cells", "hold", "followup", "timeline", "low-confidence"])
def test_02_checks_fail_on_broken_data(law_inputs, change, message):
    ((key, alter),) = change.items()
    with pytest.raises(AssertionError, match=message):
        check_02(**{**law_inputs, key: alter(law_inputs[key])})


# -- 03 Checking the numbers ------------------------------------------------------------------------------

def check_03(verdicts, contradiction, arithmetic, disagreements, explorer_share, trend_title, honesty_title) -> None:
    assert verdicts["article-arrests"] == "Partly accurate" and verdicts["article-share"] == "Partly accurate", \
        "the article's arrest total and share are partly accurate"
    assert all(v.startswith("Not verified") for k, v in verdicts.items() if k.startswith("article-table")), \
        "the crime-type table is not verified"
    assert contradiction["table_total_share"] == 100 and contradiction["excess"] > 0, \
        "the table sums to 100% and exceeds the article's own count"
    assert all(check.ok for check in arithmetic), "a stated share disagrees with its counts"
    assert not disagreements, "two sources disagree without an explanation"
    assert explorer_share and trend_title and honesty_title, "the explorers show a share and titled charts"


@pytest.fixture(scope="module")
def stats_inputs():
    from fedstate.widgets.stats import chart_honesty, denominator_explorer, trends_explorer

    return dict(verdicts={nid: stats.reconcile(nid).verdict for nid in stats.article_numbers()["id"]},
                contradiction=stats.table_contradiction(), arithmetic=stats.arithmetic_checks(),
                disagreements=stats.unlabelled_disagreements(),
                explorer_share=denominator_explorer().share.value, trend_title=trends_explorer().view.chart.title,
                honesty_title=chart_honesty().view.chart.title)


def test_03_checking_the_numbers(stats_inputs):
    check_03(**stats_inputs)


@pytest.mark.parametrize("change, message", [
    ({"verdicts": lambda v: {**v, "article-share": "Accurate"}}, "partly accurate"),
    ({"verdicts": lambda v: {**v, **{k: "Accurate" for k in v if k.startswith("article-table")}}}, "not verified"),
    ({"contradiction": lambda c: {**c, "excess": 0}}, "sums to 100%"),
    ({"arithmetic": lambda a: list(a) + [SimpleNamespace(ok=False)]}, "disagrees with its counts"),
    ({"disagreements": lambda d: [("a", "b", 1.0, 2.0, 1.0)]}, "without an explanation"),
    ({"explorer_share": lambda s: ""}, "show a share"),
], ids=["share", "table", "contradiction", "arithmetic", "disagreement", "explorer"])
def test_03_checks_fail_on_broken_data(stats_inputs, change, message):
    ((key, alter),) = change.items()
    with pytest.raises(AssertionError, match=message):
        check_03(**{**stats_inputs, key: alter(stats_inputs[key])})


# -- 04 Weighing trade-offs -------------------------------------------------------------------------------

def check_04(act_percents, slider_shares, model, first, again) -> None:
    assert sum(act_percents) == 100 and sum(slider_shares) == 100, "the shares add up to 100"
    score, low, high = model.matrices()
    assert ((low <= score) & (score <= high)).all(), "every starting score lies inside its range"
    assert first.uncertainty.draws >= 2000, "enough random draws"
    assert (first.uncertainty.p_first == again.uncertainty.p_first).all(), "the Monte Carlo is seeded"
    assert abs(first.uncertainty.p_first.sum() - 1) < 1e-9, "the chances of ranking first add up to 1"


@pytest.fixture(scope="module")
def tradeoff_inputs():
    from fedstate.widgets.tradeoffs import balancing_act

    model = tradeoffs.starting_model()
    return dict(act_percents=tradeoffs.article_balancing_act().percents, slider_shares=balancing_act().shares(),
                model=model, first=tradeoffs.analyse(model, tradeoffs.equal_weights(model)),
                again=tradeoffs.analyse(model, tradeoffs.equal_weights(model)))


def test_04_weighing_tradeoffs(tradeoff_inputs):
    check_04(**tradeoff_inputs)


class _Scores:
    """A model whose matrices put one score outside its range."""

    def __init__(self, model):
        self.model = model

    def matrices(self):
        score, low, high = (np.array(m, dtype=float) for m in self.model.matrices())
        score.flat[0] = high.flat[0] + 1
        return score, low, high


def _with(analysis, **changes):
    return dataclasses.replace(analysis, uncertainty=dataclasses.replace(analysis.uncertainty, **changes))


@pytest.mark.parametrize("change, message", [
    ({"slider_shares": lambda s: (s[0] + 1, *s[1:])}, "add up to 100"),
    ({"model": _Scores}, "inside its range"),
    ({"first": lambda a: _with(a, draws=10)}, "enough random draws"),
    ({"again": lambda a: _with(a, p_first=a.uncertainty.p_first[::-1] + 0.0)}, "seeded"),
    ({"first": lambda a: _with(a, p_first=a.uncertainty.p_first * 0.5),
      "again": lambda a: _with(a, p_first=a.uncertainty.p_first * 0.5)}, "add up to 1"),
], ids=["shares", "ranges", "draws", "seed", "p-first"])
def test_04_checks_fail_on_broken_data(tradeoff_inputs, change, message):
    broken = {**tradeoff_inputs, **{key: alter(tradeoff_inputs[key]) for key, alter in change.items()}}
    if set(change) == {"again"}:  # a reversed p_first equals the original only if it is symmetric: make sure it is not
        assert not (broken["again"].uncertainty.p_first == tradeoff_inputs["first"].uncertainty.p_first).all()
    with pytest.raises(AssertionError, match=message):
        check_04(**broken)


# -- 05 Deliberate and argue ------------------------------------------------------------------------------

def check_05(balance: pd.DataFrame, cards_widget) -> None:
    assert (balance.loc[["for", "against"], ["legal", "empirical", "value"]] > 0).all().all(), \
        "each side needs cards of every kind"
    assert len(cards_widget.shown.value) > 0 and "Showing" in cards_widget.count.value, "the card browser shows cards"


def test_05_deliberate_and_argue():
    from fedstate.widgets.deliberation import evidence_cards

    balance = deliberation.card_balance()
    check_05(balance, evidence_cards())
    broken = balance.copy()
    broken.loc["for", "legal"] = 0
    with pytest.raises(AssertionError, match="cards of every kind"):
        check_05(broken, evidence_cards())
    empty = evidence_cards()
    empty.shown.value = ""
    with pytest.raises(AssertionError, match="shows cards"):
        check_05(balance, empty)
