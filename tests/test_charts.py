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
