"""Charts always carry a title, a text alternative, a table and a source line, kept in step."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from fedstate.charts import PALETTE, Chart, ChartView, style, table_html


def _chart(value: int, kind: str = "bar") -> Chart:
    trace = go.Bar(x=["convicted", "other"], y=[value, 100 - value]) if kind == "bar" else go.Scatter(x=[1, 2], y=[value, value])
    fig = style(go.Figure(trace), "Share of arrests", "category", "percent of arrests")
    table = pd.DataFrame({"category": ["convicted", "other"], "percent": [value, 100 - value]})
    return Chart(fig, f"{value}% were convicted.", table, ["ice-fy2024-annual-report"], notes=("FY2024 only.",))


def test_chart_requires_its_words():
    fig = style(go.Figure(go.Bar(x=[1], y=[1])), "Title")
    with pytest.raises(ValueError, match="summary"):
        Chart(fig, " ", pd.DataFrame(), ["article-capwolf"])
    with pytest.raises(ValueError, match="source"):
        Chart(fig, "text", pd.DataFrame(), [])
    with pytest.raises(ValueError, match="title"):
        Chart(go.Figure(), "text", pd.DataFrame(), ["article-capwolf"])


def test_text_alternative_has_summary_table_notes_and_source():
    chart = _chart(36)
    text = chart.text_html()
    assert "36% were convicted." in text and "FY2024 only." in text
    assert "<table" in text and "U.S. Immigration and Customs Enforcement" in text
    assert chart.text().splitlines()[0] == "Share of arrests"


def test_style_uses_colour_blind_safe_palette_and_labels_axes():
    fig = _chart(36).figure
    assert list(fig.layout.colorway) == list(PALETTE)
    assert fig.layout.xaxis.title.text == "category" and fig.layout.yaxis.title.text == "percent of arrests"


def test_table_html_escapes_every_cell():
    html = table_html(pd.DataFrame({"<col>": ["<script>alert(1)</script>"]}), caption="a & b")
    assert "<script>" not in html and "&lt;col&gt;" in html and "a &amp; b" in html


def test_chart_view_updates_figure_and_text_together():
    view = ChartView(_chart(36))
    view.update(_chart(50))
    assert tuple(view.figure.data[0].y) == (50, 50)
    assert "50% were convicted." in view.text.value and "36%" not in view.text.value
    view.update(_chart(20, kind="line"))  # a different trace type replaces the traces
    assert view.figure.data[0].type == "scatter" and "20% were convicted." in view.text.value


def test_chart_view_update_removes_layout_settings_the_new_chart_lacks():
    truncated = _chart(36)
    truncated.figure.update_yaxes(range=[30, 40])
    view = ChartView(truncated)
    assert tuple(view.figure.layout.yaxis.range) == (30, 40)
    view.update(_chart(37))
    assert view.figure.layout.yaxis.range is None
    assert view.figure.layout.title.text == "Share of arrests"


# -- text versions are folded, never shown twice open (issue 11) ---------------------------------------

def _is_folded(markup: str) -> bool:
    """A closed <details class="fedstate-text-version"> whose summary starts "Text version"."""
    import re

    opening = re.search(r"<details([^>]*)>\s*<summary>([^<]*)</summary>", markup)
    return bool(opening) and "fedstate-text-version" in opening.group(1) and " open" not in opening.group(1) \
        and opening.group(2).startswith("Text version")


def test_folded_wraps_a_text_version_in_a_closed_details_with_a_plain_summary():
    from fedstate.charts import folded

    markup = folded("<table><tr><td>1</td></tr></table>", "the table <behind> this chart")
    assert _is_folded(markup) and "the table &lt;behind&gt; this chart" in markup and "<table>" in markup
    assert folded("x", "Text version of the reader").count("Text version") == 1


def test_a_static_chart_and_its_printable_twin_are_folded():
    from fedstate.charts import text_version

    chart = _chart(36)
    assert _is_folded(chart.text_html()) and "36% were convicted." in chart.text_html()
    twin = text_version(chart)._repr_html_()
    assert _is_folded(twin[twin.index("<details"):]) and "Share of arrests" in twin


def test_under_a_live_chart_only_the_summary_sentence_stays_open():
    view = ChartView(_chart(36))
    text = view.text.value
    before, _, folded_part = text.partition("<details")
    assert "36% were convicted." in before and "<table" not in before
    assert _is_folded("<details" + folded_part) and "<table" in folded_part


@pytest.mark.parametrize("name", ["reader table", "cues", "tags", "rewrites", "quotations", "predictions",
                                  "decision matrix", "powers worksheet", "question worksheet", "cards", "research"])
def test_every_widgets_text_version_is_folded(name, answers_dir):
    from fedstate import annotation, deliberation, law_charts, reading
    from fedstate.article import article, load_claims
    from fedstate.widgets.predict import predictions_text_html
    from fedstate.widgets.stats import research_text_version

    build = {
        "reader table": lambda: annotation.claims_table_html(article(), load_claims()),
        "cues": reading.cues_text_html, "tags": reading.tagging_text_html, "rewrites": reading.rewrite_text_html,
        "quotations": reading.quotations_text_html, "predictions": predictions_text_html,
        "decision matrix": law_charts.decision_matrix_html,
        "powers worksheet": lambda: law_charts.sorting_worksheet_html("powers"),
        "question worksheet": lambda: law_charts.sorting_worksheet_html("question-types"),
        "cards": deliberation.cards_text_table, "research": research_text_version,
    }[name]
    markup = build()
    assert _is_folded(markup[markup.index("<details"):]) and markup.lstrip().startswith(("<details", "<div")), name
    assert markup.count("<details") >= 1 and "<details open" not in markup
