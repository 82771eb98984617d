"""Headless tests of notebook 03's widgets: set each control as a student would, check what is shown.

FigureWidget and observers work without a kernel, so every reachable control value is tried.
"""

from __future__ import annotations

import html
import json

import numpy as np
import pandas as pd
import pytest

from fedstate import responses, stats
from fedstate.charts import ChartView
from fedstate.data import source_line
from fedstate.widgets import stats as w
from fedstate.widgets.predict import prediction_vs_evidence_html


@pytest.fixture(autouse=True)
def fresh_cache():
    stats.clear_cache()
    yield
    stats.clear_cache()


def _values(dropdown):
    return [value for _, value in dropdown.options]


# ---------------------------------------------------------------------------------------------
# Denominator explorer


def test_explorer_starts_like_with_like_on_the_articles_own_category(answers_dir):
    box = w.denominator_explorer()
    assert box.population.value == "ice-arrests" and box.category.value == "convicted-or-pending"
    assert box.source.value == "ddp-2025"
    assert "66.3%" in box.share.value and "About 66 of every 100" in box.share.value
    assert "Same population" in box.warning.value and "Same category" in box.warning.value
    assert len(box.view.figure.data[0].x) == 66 and len(box.view.figure.data[2].x) == 70
    assert box.view.figure.layout.title.text == "Of 100 people: convicted or charged"


def test_choosing_convicted_is_a_step_that_says_the_categories_differ(answers_dir):
    box = w.denominator_explorer()
    box.category.value = "convicted"
    assert "36.5%" in box.share.value and len(box.view.figure.data[0].x) == 37
    assert len(box.view.figure.data[2].x) == 70  # the article's 70% is still shown, for contrast
    assert "Different categories" in box.warning.value and "wider category" in box.warning.value
    assert "beside convicted or charged" in box.view.figure.layout.title.text
    assert "Different categories" in box.view.text.value  # and the text version says so too


def test_explorer_every_population_category_and_source(answers_dir):
    box = w.denominator_explorer()
    seen = set()
    for population in _values(box.population):
        box.population.value = population
        assert box.category.value in box.options[population]
        for category in _values(box.category):
            box.category.value = category
            assert _values(box.source) == box.options[population][category]
            for group in _values(box.source):
                box.source.value = group
                f = stats.figure(group, category)
                k = stats.natural_frequency(f["share"], 100)[0]
                assert len(box.view.figure.data[0].x) == k
                assert box.current.chart.figure.layout.title.text == box.view.figure.layout.title.text
                assert html.escape(box.current.share_text) in box.share.value
                assert ("Different populations" in box.warning.value) == (population != "ice-arrests")
                assert box.view.text.value == ChartView.text_for(box.current.chart)  # text version follows the figure
                seen.add((population, category, group))
    expected = {(p, c, g) for p, cats in box.options.items() for c, groups in cats.items() for g in groups}
    assert seen == expected


def test_explorer_keeps_the_category_when_it_can_and_falls_back_when_it_cannot(answers_dir):
    box = w.denominator_explorer()
    box.population.value = "book-ins"
    box.category.value = "violent-conviction"
    assert "violent conviction" in box.share.value
    box.population.value = "detained-on-day"  # no violent-conviction figure for this population
    assert box.category.value == next(iter(box.options["detained-on-day"]))
    assert "detention" in box.share.value
    box.population.value = "ice-arrests"
    box.category.value = "neither"
    box.population.value = "detained-on-day"
    assert box.category.value == "neither"  # available there too, so kept


def test_changing_the_denominator_changes_figure_and_share_text(answers_dir):
    box = w.denominator_explorer()
    before_text, before_k = box.share.value, len(box.view.figure.data[0].x)
    box.population.value = "book-ins"
    assert box.share.value != before_text
    assert len(box.view.figure.data[0].x) != before_k
    assert "Evidence: Book-ins" in json.dumps(box.view.figure.layout.to_plotly_json()["annotations"])


def test_article_vs_evidence_cards():
    page = w.article_vs_evidence_html()
    assert page.count('class="fedstate-stats-card"') == len(stats.article_numbers())
    for verdict in ("Partly accurate", "Misstates the figure", "Not verified: no source found"):
        assert f"Verdict: {html.escape(verdict)}" in page
        assert html.escape(stats.VERDICT_RULES[verdict]) in page  # every card prints the rule behind it
    assert "◐" in page and "?" in page  # a symbol as well as a colour
    for quote in stats.article_numbers()["quote"]:
        assert html.escape(quote) in page  # every article quote shown, escaped


# ---------------------------------------------------------------------------------------------
# The table, trends, honesty, research


def test_table_that_sums_switches_base():
    box = w.table_that_sums()
    first = box.view.text.value
    assert "400,000" in box.view.figure.layout.title.text
    box.base.value = "with-record"
    assert "280,000" in box.view.figure.layout.title.text and box.view.text.value != first
    box.base.value = "arrests"
    assert box.view.text.value == first


def test_trends_every_measure_and_population_combination():
    box = w.trends_explorer()
    for measure in _values(box.measure):
        box.measure.value = measure
        for mask in range(8):
            for i, p in enumerate(stats.TREND_POPULATIONS):
                box.populations[p].value = bool(mask & (1 << i))
            chosen = [p for p in stats.TREND_POPULATIONS if box.populations[p].value]
            expected = stats.trend_chart(measure, chosen)
            assert box.view.figure.layout.title.text == expected.title
            names = [t.name for t in box.view.figure.data if t.name and " \u2014 " in t.name]
            assert sorted(names) == sorted(t.name for t in expected.figure.data if t.name and " \u2014 " in t.name)
            assert box.view.text.value == ChartView.text_for(expected)


def test_chart_honesty_toggles_change_the_chart(answers_dir):
    box = w.chart_honesty()
    honest = list(box.view.figure.data[0].y)
    assert box.view.figure.layout.yaxis.range[0] == 0
    box.truncated.value = True
    assert box.view.figure.layout.yaxis.range[0] > 0
    box.window.value = "first"
    assert len(box.view.figure.data[0].y) == 1 and box.view.figure.data[0].y[0] == honest[0]
    box.window.value = "last"
    assert box.view.figure.data[0].y[0] == honest[-1]
    box.mixed.value = True
    assert box.view.figure.data[0].y[-1] == 70
    box.baseline.value = True
    assert len(box.view.figure.data[0].y) == 3
    box.truncated.value = box.mixed.value = box.baseline.value = False
    box.window.value = "all"
    assert list(box.view.figure.data[0].y) == honest


def test_chart_honesty_feedback_and_saving(answers_dir):
    store = responses.AnswerStore(answers_dir)
    box = w.chart_honesty(store=store)
    results = box.check()
    assert all(ok is None for _, ok, _ in results) and "not answered yet" in box.feedback.value
    for framing in stats.FRAMINGS:
        box.judges[framing.key].value = "Misleads" if framing.misleads else "Fair"
    results = box.check()
    assert all(ok for _, ok, _ in results)
    assert box.feedback.value.count("✔") == len(stats.FRAMINGS)
    box.judges["baseline"].value = "Misleads"
    box.check()
    assert box.feedback.value.count("✘") == 1 and "Not quite, it is fair" in box.feedback.value
    store.flush()
    saved = responses.AnswerStore(answers_dir)
    assert saved.get("03.honesty.baseline") == "Misleads"
    again = w.chart_honesty(store=saved)
    assert again.judges["baseline"].value == "Misleads"  # restored on re-run


def test_research_explorer_shows_every_study_for_each_question():
    box = w.research_explorer()
    table = stats.research_table()
    for question, label in stats.RESEARCH_QUESTIONS.items():
        box.question.value = question
        studies = table[table["Question"] == label]["Study"]
        assert len(studies) > 0
        for study in studies:
            assert html.escape(study) in box.shown.value
        for side_label in stats.SIDE_LABELS.values():
            assert html.escape(side_label) in box.shown.value
    assert "low confidence" in w.research_html("immigrant-crime-rates")
    assert w.research_text_version().count("<tr>") == len(table) + 1


def test_the_printed_research_table_names_sources_not_their_ids():
    printed = w.research_text_version()
    for _, study in stats.research_table().iterrows():
        ids = study["Sources"].split("; ")
        assert html.escape(source_line(ids).split(": ", 1)[1]) in printed, study["Study"]
        for sid in ids:
            assert f">{sid}<" not in printed and f"{sid};" not in printed, sid


def test_the_printed_research_table_shows_every_limit_and_critique():
    """The text version is what print and screen-reader users get: it must carry what the cards carry."""
    printed = w.research_text_version()
    table = stats.research_table()
    for _, study in table.iterrows():
        for column in ("Limits", "Design", "Who was counted", "Key figure"):
            assert html.escape(study[column]) in printed, (study["Study"], column)
        if study["Critiques"]:
            assert html.escape(study["Critiques"]) in printed, study["Study"]
    light = table[table["Study"].str.startswith("Light, He")]
    assert len(light) == 1 and light.iloc[0]["Critiques"]
    assert html.escape(light.iloc[0]["Critiques"]) in printed


# ---------------------------------------------------------------------------------------------
# Pandas exercise checks


def test_pandas_check_placeholder_and_answers(answers_dir):
    store = responses.AnswerStore(answers_dir)
    untouched = w.pandas_check("03.pandas-share", ..., store=store)
    assert "Replace the" in untouched.value and untouched.result is None
    answer = stats.SELF_CHECKS["03.pandas-share"].resolved_answer()
    right = w.pandas_check("03.pandas-share", answer, store=store)
    assert right.result.correct and "✔" in right.value
    swapped = w.pandas_check("03.pandas-share", 100 * 113431 / 81312, store=store)
    assert not swapped.result.correct and "part and whole swapped" in swapped.value
    as_series = w.pandas_check("03.pandas-share", pd.Series([answer]), store=store)
    assert as_series.result.correct
    as_numpy = w.pandas_check("03.pandas-share", np.float64(answer), store=store)
    assert as_numpy.result.correct
    table = w.pandas_check("03.pandas-share", pd.DataFrame({"a": [1, 2]}), store=store)
    assert "not one number" in table.value
    words = w.pandas_check("03.pandas-share", "seventy", store=store)
    assert "is not a number" in words.value
    store.flush()
    assert responses.AnswerStore(answers_dir).get("03.pandas-share") == "seventy"


@pytest.mark.parametrize("qid, wrong, misconception", [
    ("03.points", stats.percent_change(21.9, 40.5), "percent change given for percentage points"),
    ("03.percent-change", 18.6, "percentage points given for percent change"),
    ("03.recompute", 36.5, "copied another source's figure"),
])
def test_pandas_check_names_the_misconception(answers_dir, qid, wrong, misconception):
    out = w.pandas_check(qid, wrong, store=responses.AnswerStore(answers_dir))
    assert not out.result.correct and out.result.misconception == misconception


# ---------------------------------------------------------------------------------------------
# The prediction from notebook 00, beside the evidence


def test_prediction_reveal_with_and_without_a_saved_guess(answers_dir):
    store = responses.AnswerStore(answers_dir)
    sentence, ids = stats.prediction_evidence()
    empty = prediction_vs_evidence_html("predict.arrests-convicted", sentence, ids, store=store)
    assert "did not save a prediction" in empty and html.escape(sentence) in empty
    store.set("predict.arrests-convicted", 70, prompt="p", notebook="00 Start here")
    shown = prediction_vs_evidence_html("predict.arrests-convicted", sentence, ids, store=store)
    assert "Your prediction: 70" in shown and "36.5%" in shown


def test_benchmark_actions_each_run_one_callback():
    actions = w.benchmark_actions()
    assert len(actions) >= 10
    for name, action in actions:
        action()
        action()
