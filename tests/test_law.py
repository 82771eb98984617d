"""Unit tests for fedstate.law (who may require what) and fedstate.law_charts (map, timeline, panels)."""

from __future__ import annotations

import csv
import html

import pytest

from fedstate import law
from fedstate import law_charts as charts
from fedstate.schemas.law import ACTION_IDS, JURISDICTION_IDS, REQUEST_IDS, SITUATION_IDS, STATUSES

# ---------------------------------------------------------------------------------------------
# Scenario helpers


def test_outcome_summary_and_sources():
    outcome = law.detainer_outcome("california", "detainer", "serious-conviction")
    assert outcome.summary() == "Notify: may; hold: must not; transfer: may."
    assert outcome.ruling("hold").words == "MUST NOT"
    assert len(outcome.source_ids) == len(set(outcome.source_ids)) >= 1
    with pytest.raises(KeyError, match="no action 'arrest'"):
        outcome.ruling("arrest")


def test_options_follow_teaching_order_with_labels_from_data():
    assert [i for _, i in law.options("jurisdiction")] == list(JURISDICTION_IDS)
    assert [i for _, i in law.options("situation")] == list(SITUATION_IDS)
    labels = [label for label, _ in law.options("request")]
    assert labels[0].startswith("ICE detainer") and all(labels)


def test_compare_and_matrix_cover_every_jurisdiction():
    table = law.compare_jurisdictions("detainer", "no-record")
    assert len(table) == len(JURISDICTION_IDS)
    texas = table[table["Jurisdiction"].str.startswith("Texas")].iloc[0]
    assert texas[law.ACTION_LABELS["hold"]] == "must"
    matrix = law.decision_matrix("judicial")
    assert matrix.shape == (len(JURISDICTION_IDS), 1 + len(SITUATION_IDS))
    assert matrix.iloc[0, 1] == "N: may · H: may · T: may"


def test_status_counts_add_up_and_use_only_known_statuses():
    counts = law.status_counts()
    assert set(counts) == set(STATUSES)
    assert sum(counts.values()) == len(JURISDICTION_IDS) * len(REQUEST_IDS) * len(SITUATION_IDS) * len(ACTION_IDS)
    assert counts["not verified"] > 0  # honesty is visible, not hidden


def test_rules_index_follows_edits_to_the_data(data_copy):
    path = data_copy / "scenario_rules.csv"
    rows = list(csv.reader(open(path, encoding="utf-8")))
    i = next(n for n, r in enumerate(rows) if r[:4] == ["georgia", "judicial", "all", "transfer"])
    rows[i][4] = "must"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    assert law.detainer_outcome("georgia", "judicial", "no-record").status("transfer") == "must"


# ---------------------------------------------------------------------------------------------
# States


def test_counts_exclude_dc_unless_asked():
    assert law.count_states("limits") == 14
    assert law.count_states("limits", include_dc=True) == 15
    assert law.count_states(on_doj_list=True) == 12
    assert law.count_states() == 50


def test_list_and_law_disagreements_are_computed():
    assert law.limiting_not_on_list() == ["Maine", "Maryland", "New Jersey"]
    assert law.on_list_not_limiting() == ["Minnesota"]
    table = law.list_vs_law()
    assert table["Count"].sum() == 51
    assert "MN" in table[(table["On DOJ's list"] == "yes") & (table["State law"].str.startswith("Mixed"))]["States"].iloc[0]


def test_evidence_sentences_are_computed_from_rows():
    sentence, ids = law.states_limiting_evidence()
    assert sentence.startswith(f"{law.count_states('limits')} of the 50 states")
    assert f"{law.count_states('requires')} states require" in sentence
    assert ids and len(ids) == len(set(ids))
    hold, hold_ids = law.must_hold_evidence()
    assert hold.startswith("No. Federal law alone does not require the hold")
    assert "Texas, Florida and Georgia require the hold" in hold
    assert "California, Illinois, New York State and New York City forbid it" in hold
    assert "galarza-2014-lexisnexis" in hold_ids


def test_must_hold_evidence_follows_the_data(data_copy):
    path = data_copy / "scenario_rules.csv"
    rows = list(csv.reader(open(path, encoding="utf-8")))
    i = next(n for n, r in enumerate(rows) if r[:4] == ["florida", "detainer", "all", "hold"])
    rows[i][4] = "may"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    assert "Texas and Georgia require the hold" in law.must_hold_evidence()[0]


# ---------------------------------------------------------------------------------------------
# Authorities, lawsuits, timeline


def test_legal_action_comparison_separates_before_and_after_the_article():
    table = law.legal_action_comparison().set_index("Suit")
    results = list(table["Result"])
    assert any("before the article" in r for r in results) and any("after the article" in r for r in results)
    assert sum(r == "Outcome not verified here" for r in results) == 2
    assert law.known_on_article_date("2025-09-22") and not law.known_on_article_date("2025-09-23")
    assert not law.known_on_article_date(None)


def test_framework_table_keeps_the_requested_order():
    table = law.framework_table(("printz", "supremacy-clause"))
    assert list(table["Authority"]) == ["Printz v. United States", "Supremacy Clause"]
    with pytest.raises(KeyError):
        law.authority("no-such-case")


@pytest.mark.parametrize("date,expected", [("1996", "1996-07-01"), ("2025-02", "2025-02-15"), ("2025-09-10", "2025-09-10")])
def test_plot_date_places_partial_dates_in_their_period(date, expected):
    assert law.plot_date(date) == expected


@pytest.mark.parametrize("date,expected", [("2025-09-10", "September 10, 2025"), ("2025-02", "February 2025"), ("1996", "1996")])
def test_nice_date(date, expected):
    assert law.nice_date(date) == expected


def test_timeline_filters_by_kind_and_period():
    every = law.timeline()
    letters = law.timeline(("letter",))
    assert set(letters["kind"]) == {"letter"} and 0 < len(letters) < len(every)
    close_up = law.timeline(period="sept-2025")
    assert close_up["plot_date"].between("2025-09-01", "2025-09-26").all()
    assert "t2025-followups" in set(close_up["id"])
    assert list(every["plot_date"]) == sorted(every["plot_date"])
    assert law.timeline(()).empty
    with pytest.raises(ValueError, match="timeline kind"):
        law.timeline(("rumour",))
    with pytest.raises(ValueError, match="timeline period"):
        law.timeline(period="1800s")


def test_date_labels_show_precision_and_both_disputed_dates():
    events = law.timeline().set_index("id")
    assert law.date_label(events.loc["t2025-followups"]) == "2025-09-18 or 2025-09-19 (disputed)"
    assert law.date_label(events.loc["t2025-tn-pc1"]) == "2025-02 (month only)"
    assert law.date_label(events.loc["t1996-1373"]) == "1996 (year only)"
    assert law.followup_dates() == ("2025-09-18", "2025-09-19")


def test_context_paragraph_is_built_from_rows_with_both_dates():
    text, ids = law.context_markdown()
    assert "September 18, 2025 or September 19, 2025" in text and "disputed" in text
    assert "September 10, 2025" in text and "article-capwolf" in ids


# ---------------------------------------------------------------------------------------------
# Sorting and self-checks


def test_grade_sort_marks_right_wrong_and_unanswered():
    items = law.sort_items("powers").set_index("id")
    answers = {"p-sheriff-checks": "cannot be required", "p-removal": "state"}
    results = {r.item_id: r for r in law.grade_sort("powers", answers)}
    assert results["p-sheriff-checks"].correct and "Printz v. United States" in results["p-sheriff-checks"].authorities
    assert not results["p-removal"].correct and results["p-removal"].answer == items.loc["p-removal", "answer"]
    assert results["p-287g"].chosen is None and not results["p-287g"].correct
    perfect = {i: row["answer"] for i, row in items.iterrows()}
    assert all(r.correct for r in law.grade_sort("powers", perfect))
    with pytest.raises(ValueError, match="is not a bin"):
        law.grade_sort("powers", {"p-removal": "county"})
    with pytest.raises(ValueError, match="sorting activity"):
        law.sort_items("colours")


def test_question_types_never_grade_a_position():
    kinds = law.sort_items("question-types").set_index("id")
    assert kinds.loc["q-should-require", "answer"] == "value"
    assert all(r.correct for r in law.grade_sort("question-types", dict(kinds["answer"])))


def test_self_checks_are_module_level_for_the_answer_key():
    from fedstate.answer_key import all_checks

    ids = {c.id for c in all_checks()}
    assert {c.id for c in law.SELF_CHECKS} <= ids


def test_self_checks_have_one_key_and_named_misconceptions():
    checks = law.self_checks()
    assert set(checks) == {"02.detainer-is", "02.tenth-amendment", "02.preemption", "02.limit-not-listed",
                           "02.nyc-hold", "02.followup-date"}
    for check in checks.values():
        assert check.id.startswith("02.") and check.notebook == law.NOTEBOOK
    misconceptions = {c.misconception for q in checks.values() if hasattr(q, "choices") for c in q.choices}
    assert "a detainer is a warrant" in misconceptions
    assert "the Tenth Amendment lets states ignore any federal law" in misconceptions


def test_nyc_self_check_key_agrees_with_the_scenario_rules():
    check = law.NYC_HOLD
    assert check.answer.startswith("No")
    assert law.detainer_outcome("new-york-city", "detainer", "serious-conviction").status("hold") == "must not"
    assert law.detainer_outcome("new-york-city", "judicial", "serious-conviction").status("hold") == "may"
    assert law.detainer_outcome("new-york-city", "judicial", "other-conviction").status("hold") == "must not"


def test_detainer_check_key_agrees_with_the_federal_rule():
    assert law.DETAINER_IS.answer.startswith("A request")
    assert law.detainer_outcome("federal", "detainer", "no-record").status("hold") != "must"


def test_numeric_check_is_computed_and_catches_traps():
    check = law.LIMIT_NOT_LISTED
    assert check.resolved_answer() == len(law.limiting_not_on_list()) == 3
    assert check.grade("3").correct and "Correct: 3 states" in check.grade("3").message
    assert check.grade("0").misconception == "DOJ's list is the same thing as state law"
    assert check.grade(str(law.count_states(on_doj_list=True))).misconception == "counting the list instead of comparing"


def test_followup_check_keys_the_disagreement_the_data_record():
    check = law.FOLLOWUP_DATE
    assert check.answer.startswith("Sources disagree")
    first, second = law.followup_dates()
    assert first != second  # the key is right only while the sources still disagree
    assert check.grade(check.answer).correct


# ---------------------------------------------------------------------------------------------
# Charts and panels


def test_tile_map_draws_every_state_offline_with_letter_codes():
    chart = charts.state_tile_map("law")
    heat = chart.figure.data[0]
    assert heat.type == "heatmap"
    assert not any(t.type in ("choropleth", "scattergeo") for t in chart.figure.data)
    cells = [v for row in heat.z for v in row if v is not None]
    assert len(cells) == 51
    labels = [t for row in heat.text for t in row if t]
    assert any(t.startswith("<b>CA</b>") and t.endswith("L") for t in labels)
    assert any(t.startswith("<b>AK</b>*") for t in labels)  # low confidence marked on the tile
    assert len(chart.table) == 51 and "Sources" in chart.table.columns
    assert "15 limit cooperation with ICE" in chart.summary
    assert chart.figure.layout.title.text and chart.text()


def test_doj_view_and_selection():
    chart = charts.state_tile_map("doj", selected="TX")
    labels = [t for row in chart.figure.data[0].text for t in row if t]
    assert sum(t.endswith("DOJ") for t in labels) == 13
    assert "Limiting cooperation but not on the list: Maine, Maryland and New Jersey" in chart.summary
    (shape,) = chart.figure.layout.shapes
    assert (shape.x0 + shape.x1) / 2 == 5 and (shape.y0 + shape.y1) / 2 == 8  # Texas's tile
    with pytest.raises(ValueError, match="view must be one of"):
        charts.state_tile_map("counties")
    with pytest.raises(ValueError, match="not a state abbreviation"):
        charts.state_tile_map("law", selected="XX")


def test_state_at_inverts_the_grid():
    for _, row in law.tile_grid().iterrows():
        assert charts.state_at(row["col"], row["row"]) == row["abbr"]
    assert charts.state_at(1, 1) is None


def test_state_detail_panel_warns_on_low_confidence_and_lists_sources():
    detail = charts.state_detail_html("OK")
    assert "Careful:" in detail and "low confidence" in detail and "<li>" in detail
    assert "Careful:" not in charts.state_detail_html("CA")
    assert "Select a state" in charts.state_detail_html(None)
    with pytest.raises(ValueError):
        charts.state_detail_html("ZZ")


def test_panels_escape_text_from_data(data_copy):
    path = data_copy / "jurisdictions.csv"
    rows = list(csv.reader(open(path, encoding="utf-8")))
    i = next(n for n, r in enumerate(rows) if r[0] == "CA")
    rows[i][rows[0].index("what_it_does")] = "<script>alert(1)</script>"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    detail = charts.state_detail_html("CA")
    assert "<script>" not in detail and html.escape("<script>alert(1)</script>") in detail


def test_timeline_chart_marks_the_article_and_the_disputed_span():
    chart = charts.timeline_chart()
    assert chart.figure.layout.shapes[0].x0 == "2025-09-22"
    spans = [t for t in chart.figure.data if t.name and t.name.endswith(": spans") and t.x]
    xs = [x for t in spans for x in t.x]
    assert "2025-09-18" in xs and "2025-09-19" in xs
    assert "disputed: 2025-09-18 per CBS News, 2025-09-19 per DHS" in chart.summary
    assert set(chart.table["Before or after the article"]) == {"before", "after"}


def test_timeline_chart_keeps_its_shape_when_filtered():
    full, part = charts.timeline_chart(), charts.timeline_chart(("case",), "2025")
    assert len(full.figure.data) == len(part.figure.data)  # stable shape: widget redraws update in place
    shown = [t.name for t in part.figure.data if t.showlegend is not False and t.x and t.x[0] is not None]
    assert shown == [law.TIMELINE_KIND_LABELS["case"]]
    empty = charts.timeline_chart(())
    assert empty.summary.startswith("No events shown") and len(empty.table) == 0


def test_close_up_names_events_on_the_chart():
    chart = charts.timeline_chart(period="sept-2025")
    texts = [x for t in chart.figure.data if t.text for x in t.text if x]
    assert any("ICE follow-up letters (date disputed)" == x for x in texts)


def test_scenario_answer_panel_shows_words_symbols_law_and_sources():
    answer = charts.scenario_answer_html(law.detainer_outcome("federal", "detainer", "no-record"))
    assert 'class="fedstate-scenario-answer"' in answer and 'aria-live="polite"' in answer
    assert "MAY" in answer and "legal risk" in answer and "8 C.F.R. 287.7" in answer
    assert "Sources:" in answer and "(nan)" not in answer


def test_text_versions_cover_every_request_and_never_print_nan():
    matrix = charts.decision_matrix_html()
    for label, _ in law.options("request"):
        assert html.escape(label) in matrix
    for block in (matrix, charts.framework_html(), charts.executive_actions_html(), charts.legal_action_html(),
                  charts.state_tile_map("law").text_html(), charts.timeline_chart().text_html()):
        assert "(nan)" not in block and "Source" in block


def test_source_line_safe_reads_undated():
    assert charts.source_line_safe("statebins-layout").endswith("(undated).")
    with pytest.raises(KeyError):
        charts.source_line_safe(["nope"])


def test_legal_action_panel_quotes_the_article():
    panel = charts.legal_action_html()
    assert "Legal Action: The DHS is prepared to work with the Department of Justice" in panel
    assert "September 22, 2025" in panel


def test_worksheet_and_feedback():
    sheet = charts.sorting_worksheet_html("powers")
    assert "Cannot be required" in sheet and "Your answer" in sheet
    results = law.grade_sort("powers", {"p-sheriff-checks": "cannot be required"})
    feedback = charts.sort_feedback_html(results, {k: v for v, k in law.sort_bins("powers")})
    assert f"1 of {len(results)} placed" in feedback and "not answered" in feedback and "Printz" in feedback
