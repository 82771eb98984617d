"""Unit tests for fedstate.stats: shares, natural frequencies, reconciliation, charts, self-checks.

Every reachable input of each chart function is tried (the widgets can reach no other), and every
chart is rebuilt with plotly's validation switched on, since the fast builders skip it.
"""

from __future__ import annotations

import csv
import itertools

import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fedstate import stats
from fedstate.charts import Chart


@pytest.fixture(autouse=True)
def fresh_cache():
    stats.clear_cache()
    yield
    stats.clear_cache()


def _validated(chart: Chart) -> go.Figure:
    """Rebuild with validation on: a misspelt property fails here."""
    assert isinstance(chart, Chart) and chart.title and chart.summary and chart.sources
    assert chart.text().strip()
    return go.Figure(chart.figure.to_dict())


# ---------------------------------------------------------------------------------------------
# Small helpers


@pytest.mark.parametrize("share, expected", [(0, (0, 100)), (100, (100, 100)), (36.5, (37, 100)), (29.8, (30, 100)),
                                             (0.41, (4, 1000)), (0.9149, (9, 1000)), (99.5, (100, 100)), (5, (5, 100))])
def test_natural_frequency(share, expected):
    assert stats.natural_frequency(share) == expected


def test_natural_frequency_with_a_fixed_base():
    assert stats.natural_frequency(0.41, 100) == (0, 100)
    assert stats.natural_frequency(36.5, 1000) == (365, 1000)


@given(st.lists(st.floats(min_value=0, max_value=100), min_size=1, max_size=6))
def test_split_hundred_always_makes_exactly_one_hundred_icons(raw):
    total = sum(raw)
    if total == 0:
        return
    shares = {f"part{i}": 100 * v / total for i, v in enumerate(raw)}
    icons = stats.split_hundred(shares)
    assert sum(icons.values()) == 100
    for key, value in shares.items():
        assert abs(icons[key] - value) < 1


def test_split_hundred_on_the_ice_records():
    icons = stats.split_hundred({"convicted": 36.5, "pending": 29.8, "neither": 33.64})
    assert icons == {"convicted": 36, "pending": 30, "neither": 34}


@pytest.mark.parametrize("value, text", [(36.5, "36.5%"), (5.0, "5%"), (0.4064, "0.41%"), (0.0149, "0.015%"), (0, "0%"),
                                         (71.68, "71.7%")])
def test_fmt_share(value, text):
    assert stats.fmt_share(value) == text


def test_qualified_and_counts():
    assert stats.qualified(400000, "more-than", "count") == "more than 400,000"
    assert stats.qualified(7, "fewer-than", "percent") == "fewer than 7%"
    assert stats.qualified(220000, "nearly", "count") == "nearly 220,000"
    assert stats.fmt_count(146391.7) == "146,392"


@pytest.mark.parametrize("value, text", [("2025-12-01", "Dec. 1, 2025"), ("2025-09", "Sept. 2025"), ("2025", "2025"),
                                         ("2025-06-23", "June 23, 2025"), ("", "date not known"), (None, "date not known")])
def test_date_text(value, text):
    assert stats.date_text(value) == text


def test_after_article_before_after_and_unknown():
    assert stats.article_date().isoformat() == "2025-09-22"
    assert stats.after_article("2025-09-23") is True
    assert stats.after_article("2025-09-22") is False
    assert stats.after_article("2025-10") is True
    assert stats.after_article("2025-09") is None  # September 2025 straddles the article's date
    assert stats.after_article("2025") is None
    assert stats.after_article("2024") is False
    assert stats.after_article("") is None
    assert "after the article" in stats.published_text("2026-01")
    assert stats.published_text(None) == "publication date not known"


def test_round_half_up_is_what_students_expect():
    assert stats.round_half_up(36.5) == 37 and stats.round_half_up(0.5) == 1 and stats.round_half_up(2.49) == 2


@pytest.mark.parametrize("value, qualifier, tol", [(65.0, "exact", 0.5), (71.7, "exact", 0.05), (0.0149, "exact", 0.00005),
                                                   (90.0, "about", 1.0), (36.5, "nearly", 1.0)])
def test_rounding_tolerance(value, qualifier, tol):
    assert stats.rounding_tolerance(value, qualifier) == pytest.approx(tol)


@pytest.mark.parametrize("qualifiers, result", [
    (("exact", "exact"), "exact"), (("more-than", "exact"), "more-than"), (("fewer-than", "exact"), "fewer-than"),
    (("more-than", "fewer-than"), "unknown"), (("about", "exact"), "about"), (("fewer-than", "about"), "fewer-than"),
    (("nearly", "about"), "about")])
def test_combining_qualifiers(qualifiers, result):
    assert stats._combine(*qualifiers) == result


def test_percent_and_percentage_points():
    assert stats.percentage_point_change(21.9, 40.5) == pytest.approx(18.6)
    assert stats.percent_change(21.9, 40.5) == pytest.approx(84.93, abs=0.01)
    with pytest.raises(ZeroDivisionError):
        stats.percent_change(0, 5)


# ---------------------------------------------------------------------------------------------
# Figures: derivations within a group


def _frame(rows):
    columns = ["id", "group", "population", "category", "measure", "value", "qualifier", "unit", "low", "high",
               "period_start", "period_end", "period_label", "as_of", "published", "confidence", "claimed_by", "source_ids", "note"]
    full = []
    for r in rows:
        base = dict.fromkeys(columns, "")
        base.update({"group": "g", "population": "ice-arrests", "measure": "m", "qualifier": "exact", "unit": "count",
                     "period_label": "p", "confidence": "High", "claimed_by": "ICE",
                     "source_ids": ("ice-fy2024-annual-report",), "low": float("nan"), "high": float("nan")})
        base.update(r)
        full.append(base)
    return pd.DataFrame(full, columns=columns)


def _cell(table, category):
    return table[table["category"] == category].iloc[0]


def test_share_from_count_and_total_and_its_complement():
    table = stats.figures(_frame([{"id": "t", "category": "all", "value": 200.0},
                                  {"id": "c", "category": "convicted", "value": 50.0}]))
    convicted = _cell(table, "convicted")
    assert convicted["share"] == 25 and convicted["share_how"] == "computed: count ÷ total"
    no_conviction = _cell(table, "no-conviction")
    assert no_conviction["share"] == 75 and no_conviction["count"] == 150


def test_sum_of_parts_and_bounds_flip_in_complements():
    table = stats.figures(_frame([
        {"id": "a", "category": "convicted", "value": 36.5, "unit": "percent"},
        {"id": "b", "category": "pending-only", "value": 29.8, "unit": "percent"},
        {"id": "c", "category": "no-violent-conviction", "value": 93.0, "unit": "percent", "qualifier": "more-than"}]))
    assert _cell(table, "convicted-or-pending")["share"] == pytest.approx(66.3)
    assert _cell(table, "neither")["share"] == pytest.approx(33.7)
    violent = _cell(table, "violent-conviction")
    assert violent["share"] == pytest.approx(7) and violent["share_qualifier"] == "fewer-than"


def test_stated_figures_are_never_overwritten():
    table = stats.figures(_frame([{"id": "t", "category": "all", "value": 204297.0},
                                  {"id": "n", "category": "no-conviction", "value": 133687.0},
                                  {"id": "s", "category": "no-conviction", "value": 65.0, "unit": "percent"}]))
    row = _cell(table, "no-conviction")
    assert row["share"] == 65 and row["share_how"] == "stated" and row["count"] == 133687


def test_bounds_through_a_division():
    # more than 50 out of fewer than 100 is more than 50%
    table = stats.figures(_frame([{"id": "t", "category": "all", "value": 100.0, "qualifier": "fewer-than"},
                                  {"id": "c", "category": "convicted", "value": 50.0, "qualifier": "more-than"}]))
    row = _cell(table, "convicted")
    assert row["share"] == 50 and row["share_qualifier"] == "more-than"
    # more than 50 out of more than 100 could be anything: no share is claimed
    table = stats.figures(_frame([{"id": "t", "category": "all", "value": 100.0, "qualifier": "more-than"},
                                  {"id": "c", "category": "convicted", "value": 50.0, "qualifier": "more-than"}]))
    assert pd.isna(_cell(table, "convicted")["share"])


def test_total_from_three_parts():
    table = stats.figures(_frame([{"id": "a", "category": "convicted", "value": 10.0},
                                  {"id": "b", "category": "pending-only", "value": 20.0},
                                  {"id": "c", "category": "neither", "value": 70.0}]))
    assert _cell(table, "all")["count"] == 100 and _cell(table, "neither")["share"] == 70


def test_figure_rows_keep_provenance():
    f = stats.figure("ddp-2025", "convicted-or-pending")
    assert set(f["row_ids"]) >= {"ddp-2025-convicted", "ddp-2025-pending-only"}
    assert f["source_ids"] == ("ddp-2025-arrests-clearmedia",)
    assert f["period_label"] and f["published"] == "2025-12-01"
    with pytest.raises(KeyError):
        stats.figure("ddp-2025", "violent-conviction")


def test_figures_are_cached_but_callers_get_copies():
    first = stats.figures()
    first.loc[0, "share"] = -1
    assert (stats.figures()["share"].fillna(0) >= 0).all()


# ---------------------------------------------------------------------------------------------
# The article's numbers


def test_reconcile_explains_each_verdict_with_numbers_from_the_rows():
    r = stats.reconcile("article-arrests")
    text = " ".join(r.reasons)
    assert "more than 400,000" in text and "220,802" in text and "DHS as a whole" in text
    assert "ddp-2025-arrests-clearmedia" in r.source_ids and stats.ARTICLE_SOURCE_ID in r.source_ids
    share = " ".join(stats.reconcile("article-share").reasons)
    assert "66.3%" in share and "36.5%" in share and "78.1%" in share and "59.5%" in share


def test_table_cells_are_compared_with_measured_shares():
    violent = " ".join(stats.reconcile("article-table-violent").reasons)
    assert "100%" in violent and "30%" in violent and "fewer than 7%" in violent and "more than 5 times" in violent
    weapons = " ".join(stats.reconcile("article-table-weapons").reasons)
    assert "count on a different base" in weapons


def _edit(path, row_id, column, value):
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    index = rows[0].index(column)
    for row in rows[1:]:
        if row[0] == row_id:
            row[index] = value
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def test_a_number_that_differs_from_its_statement_is_misreported(data_copy):
    _edit(data_copy / "article_numbers.csv", "article-share", "value", "80")
    stats.clear_cache()
    r = stats.reconcile("article-share")
    assert r.verdict == "Misreported" and "not 80%" in r.reasons[0]


def test_a_correctly_attributed_and_supported_number_is_accurate(data_copy):
    # if the article had said "DHS" and the DHS-wide figure were the evidence, the rule gives Accurate
    _edit(data_copy / "article_numbers.csv", "article-share", "article_population", "dhs-arrests")
    _edit(data_copy / "article_numbers.csv", "article-share", "article_period_label", "'in recent months' (DHS gave no start date)")
    stats.clear_cache()
    assert stats.reconcile("article-share").verdict == "Accurate"


def test_no_origin_means_not_verified(data_copy):
    _edit(data_copy / "article_numbers.csv", "article-share", "origin_groups", "dhs-2025-12-03")
    stats.clear_cache()
    assert stats.reconcile("article-share").verdict == "Not verified: no source found"


def test_article_vs_evidence_table_has_every_number():
    table = stats.article_vs_evidence()
    assert len(table) == len(stats.article_numbers())
    assert set(table["Verdict"]) <= set(stats.VERDICTS)
    assert all(table["Why"].str.len() > 50)


def test_table_implied_counts_and_the_contradiction():
    implied = stats.table_implied_counts()
    totals = implied.iloc[-1]
    assert totals["Share in the table"] == 100
    assert totals["Of 400,000 arrests"] == 400000
    assert totals["Of the 280,000 with convictions or charges"] == 280000
    assert implied.iloc[0]["Of 400,000 arrests"] == 140000
    facts = stats.table_contradiction()
    assert facts["excess"] == facts["arrests"] * (facts["table_total_share"] - facts["share_with_record"]) / 100 == 120000


@pytest.mark.parametrize("base", list(stats.TABLE_BASES))
def test_table_chart(base):
    chart = stats.table_chart(base)
    fig = _validated(chart)
    assert fig.layout.barmode == "stack"
    heights = {t.name: t.y[0] for t in fig.data}
    table_total = sum(v for k, v in heights.items() if "%" in k and "arrests" not in k)
    assert table_total == pytest.approx(400000 if base == "arrests" else 280000)
    with pytest.raises(ValueError):
        stats.table_chart("everyone")


def test_violent_evidence_keeps_populations_and_confidence():
    table = stats.violent_evidence()
    assert set(table["Population"]) == {"Book-ins into ICE detention"}
    assert "fewer than 7%" in set(table["Share"]) and "5%" in set(table["Share"])
    assert "4 in 1,000" in set(table["In plain numbers"])
    assert "Low-Medium" in set(table["Confidence"])


@pytest.mark.parametrize("category", list(stats.EXPLORER_CATEGORIES) + ["gang"])
def test_article_comparison_for_every_category(category):
    article = stats.article_comparison(category)
    assert article.sentence and article.counts and article.credit
    if category in ("convicted-or-pending", "convicted"):
        assert article.value == 70
    if category == "neither":
        assert article.value == 30
    if category == "violent-conviction":
        assert article.value == 35
    # only the article's own category (and its complement) is like with like
    assert article.same_category == (category in ("convicted-or-pending", "neither"))
    if category == "convicted":
        assert "wider category" in article.counts and "wider category" in article.sentence


def test_prediction_evidence_is_computed_from_the_records():
    sentence, ids = stats.prediction_evidence()
    assert "about 37 had a U.S. criminal conviction (36.5%)" in sentence
    assert "29.8%" in sentence and "33.6%" in sentence and "after the article" in sentence
    assert ids == ("ddp-2025-arrests-clearmedia",)


# ---------------------------------------------------------------------------------------------
# The explorer, over every option it offers


def _every_option():
    options = stats.explorer_options()
    return [(p, c, g) for p, cats in options.items() for c, groups in cats.items() for g in groups]


def test_explorer_options_cover_each_population():
    options = stats.explorer_options()
    assert set(options) == set(stats.EXPLORER_POPULATIONS)
    assert options["ice-arrests"]["convicted"][0] == "ddp-2025"
    assert "violent-conviction" in options["book-ins"]
    # low-confidence figures are offered last
    for cats in options.values():
        for category, groups in cats.items():
            flags = [stats.figure(g, category)["confidence"] in stats.LOW_CONFIDENCE for g in groups]
            assert flags == sorted(flags)


@pytest.mark.parametrize("population, category, group", _every_option())
def test_explorer_view_for_every_reachable_choice(population, category, group):
    view = stats.explorer_view(population, category, group)
    fig = _validated(view.chart)
    f = stats.figure(group, category)
    k = stats.natural_frequency(f["share"], 100)[0]
    assert len(fig.data) == 4
    assert len(fig.data[0].x) == k and len(fig.data[0].x) + len(fig.data[1].x) == 100
    article = stats.article_comparison(category)
    article_value = article.value
    assert len(fig.data[2].x) == (stats.natural_frequency(article_value, 100)[0] if article_value is not None else 0)
    assert "of every 100" in view.share_text and f"Counted or claimed by: {f['credit']};" in view.share_text
    # one title for both grids only when both count the same thing; otherwise a note says they differ
    mismatch = article_value is not None and not article.same_category
    assert bool(view.category_note) == mismatch
    assert (" beside " in view.chart.title) == mismatch
    assert view.chart.title.startswith(f"Of 100 people: {stats.short_category(category)}")
    assert f"Counted or claimed by: {f['credit']}" in view.chart.source_line()
    assert "published" in view.share_text or "publication date not known" in view.share_text
    assert bool(view.warning) == (population != "ice-arrests")
    if f["confidence"] in stats.LOW_CONFIDENCE:
        assert "Low confidence" in view.share_text


def test_explorer_refuses_a_group_from_another_population():
    with pytest.raises(ValueError):
        stats.explorer_view("book-ins", "convicted", "ddp-2025")


def test_shares_overview_lists_every_explorer_option():
    assert len(stats.shares_overview()) == len(_every_option())


# ---------------------------------------------------------------------------------------------
# Trends


@pytest.mark.parametrize("measure", list(stats.TREND_MEASURES))
@pytest.mark.parametrize("subset", [s for n in range(4) for s in itertools.combinations(stats.TREND_POPULATIONS, n)])
def test_trend_chart_for_every_measure_and_population_choice(measure, subset):
    chart = stats.trend_chart(measure, subset)
    fig = _validated(chart)
    assert tuple(fig.layout.yaxis.range) == (0, 100)
    named = [t for t in fig.data if t.name and " \u2014 " in t.name]
    labels = {stats.population_label(p) for p in subset}
    for trace in named:  # every line names one of the chosen populations and its source
        assert trace.name.split(" \u2014 ")[0] in labels
    points = stats.trend_points(measure, subset)
    assert len(chart.table) == len(points)
    assert all(points["end"] >= pd.Timestamp("2025-01-01").date()) if len(points) else True
    if not subset:
        assert "No figures" in chart.summary
    # Told apart without colour: no two lines share both marker shape and dash (CBS News and TRAC at
    # Work were once two squares in two shades of blue).
    def shape(symbol: str) -> str:
        return symbol.replace("-open", "").replace("-dot", "")

    looks = [(tuple(sorted({shape(s) for s in trace.marker.symbol})), trace.line.dash) for trace in named]
    assert len(set(looks)) == len(looks), [(t.name, look) for t, look in zip(named, looks)]


def test_trend_marks_figures_published_after_the_article():
    points = stats.trend_points("neither", ("ice-arrests",))
    fc = points[points["group"] == "fc-2025-w1"].iloc[0]
    assert fc["after_article"] == True  # noqa: E712 (a numpy bool in the frame)
    chart = stats.trend_chart("neither", ("ice-arrests",))
    fc_trace = next(t for t in chart.figure.data if t.name and "FactCheck" in t.name)
    assert all(symbol.endswith("-open") for symbol in fc_trace.marker.symbol)
    assert any("published after" in (t.name or "") for t in chart.figure.data)
    detained = stats.trend_chart("neither", ("detained-on-day",))
    assert "Published after the article: 1 of 4." in detained.summary


def test_unknown_publication_dates_are_not_shown_as_before_the_article():
    chart = stats.trend_chart("convicted", ("ice-arrests", "detained-on-day"))
    for trace in chart.figure.data:
        if trace.name and "CBS" in trace.name:  # published June 2025: before
            assert all(not s.endswith("open") for s in trace.marker.symbol)
    points = stats.trend_points("convicted", ("ice-arrests", "detained-on-day"))
    after = sum(1 for a in points["after_article"] if a is not None and bool(a))
    assert f"Published after the article: {after} of {len(points)}." in chart.summary


def test_trend_rejects_an_unknown_measure():
    with pytest.raises(ValueError):
        stats.trend_chart("criminals")


# ---------------------------------------------------------------------------------------------
# Chart honesty


@pytest.mark.parametrize("truncated, window, mixed, baseline",
                         list(itertools.product([False, True], list(stats.WINDOWS), [False, True], [False, True])))
def test_honesty_chart_for_every_toggle_combination(truncated, window, mixed, baseline):
    chart = stats.honesty_chart(truncated, window, mixed, baseline)
    fig = _validated(chart)
    bars = list(fig.data[0].y)
    expected = {"all": 3, "first": 1, "last": 1}[window] + mixed + baseline
    assert len(bars) == expected
    low = fig.layout.yaxis.range[0]
    assert (low > 0) == truncated and low < min(bars)
    if mixed:
        assert bars[-1] == 70
        assert any("all of DHS" in n for n in chart.notes)
    if baseline:
        assert bars[0] == pytest.approx(71.7)
    honest = stats.honesty_bars()["share"].tolist()
    if window == "first":
        assert honest[0] in bars and honest[-1] not in bars
    if window == "last":
        assert honest[-1] in bars and honest[0] not in bars
    assert set(stats.active_framings(truncated, window, mixed, baseline)) <= set(stats.FRAMING_BY_KEY)


def test_honesty_bars_are_the_three_windows_in_order():
    bars = stats.honesty_bars()
    assert list(bars["group"]) == ["fc-2025-w1", "fc-2025-w2", "fc-2025-w3"]
    assert list(bars["share"]) == pytest.approx([78.1, 65.8, 59.5])


def test_framings_favour_each_side_at_least_once():
    misleading = [f for f in stats.FRAMINGS if f.misleads]
    assert any("DHS" in f.favours for f in misleading)
    assert any("ICE" in f.favours and "DHS" not in f.favours for f in misleading)
    assert any(not f.misleads for f in stats.FRAMINGS)


def test_judge_framings_feedback():
    right = {f.key: ("Misleads" if f.misleads else "Fair") for f in stats.FRAMINGS}
    assert all(ok for _, ok, _ in stats.judge_framings(right))
    wrong = {f.key: ("Fair" if f.misleads else "Misleads") for f in stats.FRAMINGS}
    results = stats.judge_framings(wrong)
    assert not any(ok for _, ok, _ in results) and all("Not quite" in text for _, _, text in results)
    blank = stats.judge_framings({})
    assert all(ok is None and "not answered" in text for _, ok, text in blank)
    with pytest.raises(ValueError):
        stats.honesty_chart(window="middle")


# ---------------------------------------------------------------------------------------------
# Research and estimates


def test_research_every_study_once_and_both_sides_visible():
    for question in stats.RESEARCH_QUESTIONS:
        split = stats.research_by_side(question)
        assert sum(len(frame) for frame in split.values()) == len(stats.research_table(question))
    table = stats.research_table()
    assert set(table["Usually cited"]) == set(stats.SIDE_LABELS.values())
    assert table["Critiques"].str.len().gt(0).any()


@pytest.mark.parametrize("design", __import__("fedstate.schemas.stats", fromlist=["DESIGN_TYPES"]).DESIGN_TYPES)
def test_every_design_says_what_it_can_show(design):
    assert len(stats.what_design_can_show(design)) > 40


def test_estimates_chart_shows_the_uncertainty():
    chart = stats.estimates_chart()
    fig = _validated(chart)
    assert fig.layout.yaxis.range[0] == 0
    assert "7.0 and 15.7 million" in chart.summary
    assert any("95% range" in (t.name or "") for t in fig.data)


# ---------------------------------------------------------------------------------------------
# Self-checks


def test_numeric_answers_come_from_the_data():
    checks = stats.SELF_CHECKS
    assert checks["03.pandas-share"].resolved_answer() == pytest.approx(100 * 81312 / 113431)
    assert checks["03.points"].resolved_answer() == pytest.approx(18.6)
    assert checks["03.percent-change"].resolved_answer() == pytest.approx(84.93, abs=0.01)
    assert checks["03.recompute"].resolved_answer() == pytest.approx(35.15, abs=0.01)


@pytest.mark.parametrize("qid", [q for q, c in stats.SELF_CHECKS.items() if hasattr(c, "traps")])
def test_numeric_traps_name_their_misconception(qid):
    question = stats.SELF_CHECKS[qid]
    assert question.grade(question.resolved_answer()).correct
    for trap in question.traps:
        assert abs(trap.resolved() - question.resolved_answer()) > question.tolerance
        result = question.grade(trap.resolved())
        assert not result.correct and result.misconception == trap.misconception


@pytest.mark.parametrize("qid", [q for q, c in stats.SELF_CHECKS.items() if hasattr(c, "choices")])
def test_multiple_choice_checks_have_one_answer_and_named_misconceptions(qid):
    question = stats.SELF_CHECKS[qid]
    assert question.id == qid and question.notebook == stats.NOTEBOOK
    for choice in question.choices:
        result = question.grade(choice.text)
        assert result.correct == choice.correct
        assert choice.correct or result.misconception


# ---------------------------------------------------------------------------------------------
# Who counted or claimed each figure, apart from who published the copy read


AGENCIES = ("DHS", "ICE")


def test_no_dhs_or_ice_claim_is_captioned_with_another_bodys_name_alone():
    table = stats.figures()
    overview = stats.shares_overview()
    checked = 0
    for f in table.to_dict("records"):
        own = [b for b in f["claimed_by"] if b in AGENCIES]
        if not own:
            continue
        checked += 1
        # every caption of the figure names the agency, and a caption about the agency's own figure starts with it
        captions = {"credit": f["credit"], "figure_text": stats.figure_text(f), "group_label": stats.group_label(f)}
        for where, caption in captions.items():
            for body in own:
                assert body in caption, f"{f['group']}:{f['category']} {where} hides {body}: {caption!r}"
        if set(f["claimed_by"]) <= set(AGENCIES):
            assert f["credit"].startswith(f["claimed_by"][0]), f["credit"]
            assert stats.group_label(f).startswith(f["claimed_by"][0])
    assert checked >= 10
    for caption in overview["Who counted or claimed it"]:
        assert caption.split(",")[0].split(";")[0].strip()  # never empty
    dhs_rows = overview[overview["Who counted or claimed it"].str.startswith("DHS")]
    assert len(dhs_rows) >= 2  # the Dec. 5 and Sept. 20 claims, each credited to DHS


def test_a_claim_relayed_by_another_body_names_both():
    dec5 = stats.figure("dhs-2025-12-05", "convicted-or-pending")
    relay = stats.publisher("ddp-2025-arrests-clearmedia")
    assert dec5["credit"] == f"DHS, as reported by {relay}"
    view = stats.explorer_view("ice-arrests", "convicted-or-pending", "dhs-2025-12-05")
    assert f"Counted or claimed by: DHS, as reported by {relay};" in view.share_text
    assert view.chart.source_line().startswith(f"Counted or claimed by: DHS, as reported by {relay}")
    sept20 = stats.figure("dhs-2025-09-20", "all")
    assert sept20["credit"] == "DHS, as reported by Newsmax and The Epoch Times"
    # an agency's own report needs no relay; a research group's own release neither
    assert stats.figure("ice-fy2024", "convicted-or-pending")["credit"] == "ICE"
    assert stats.figure("cato-2025-11", "violent-conviction")["credit"] == "Cato Institute"
    # a share computed from ICE's count and ICE's total (read in two places) is ICE's
    assert stats.figure("trac-2025-11-16", "pending-only")["credit"] == "ICE"
    # a figure built from two bodies' rows names both, the figure's own rows first
    rows = [{"claimed_by": "Cato Institute", "source_ids": ("cato-2025-11-news-release",)},
            {"claimed_by": "DHS", "source_ids": ("newsmax-2025-09-20-dhs",)}]
    assert stats.rows_credit(rows) == "Cato Institute; DHS, as reported by Newsmax"


def test_credit_is_the_claimant_when_the_copy_is_the_claimants_own():
    assert stats.credit("DHS", ["dhs-2025-09-20-notice"]) == "DHS"
    assert stats.credit("ICE", ["ice-fy2024-annual-report"]) == "ICE"
    assert stats.credit("DHS", ["newsmax-2025-09-20-dhs"]) == "DHS, as reported by Newsmax"
    assert stats.credit("DHS", ["newsmax-2025-09-20-dhs", "dhs-2025-09-20-notice"]) == "DHS"


def test_reconciliation_and_trend_lines_credit_the_claimant():
    r = stats.reconcile("article-share")
    assert "(DHS, as reported by Newsmax and The Epoch Times," in r.reasons[0]
    series = set(stats.trend_points("neither")["series"])
    assert any("ICE, as reported by TRAC" in s for s in series)
    chart = stats.trend_chart("neither")
    assert chart.source_line().startswith("Counted or claimed by: ")
