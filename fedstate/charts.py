"""Every chart in the module comes with its words: a text alternative, a data table and a source line.

A builder returns a :class:`Chart`; nothing draws a bare figure. ``Chart.show()`` displays the
interactive figure and, beside it, a plain-HTML text version (summary, table, sources) that a
screen reader reads and that survives printing or export, where plotly figures and widgets do not.
Widgets that redraw a chart hold a :class:`ChartView`, which updates the figure and its text
together, so the text alternative can never describe an old state of the chart.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from fedstate.data import source_line

#: Okabe & Ito's colour-blind-safe palette (Okabe and Ito, "Color Universal Design", 2008).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: A neutral grey for context marks (article figures shown for comparison, reference lines).
GREY = "#7F7F7F"
FONT = "Arial, Helvetica, sans-serif"


def style(fig: go.Figure, title: str, x_title: str | None = None, y_title: str | None = None,
          height: int = 380) -> go.Figure:
    """Apply the module's chart conventions: a title, labelled axes, readable font, the palette."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        font={"family": FONT, "size": 13},
        colorway=list(PALETTE),
        height=height,
        margin={"l": 60, "r": 20, "t": 60, "b": 60},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"bgcolor": "rgba(255,255,255,0.8)"},
    )
    fig.update_xaxes(showline=True, linecolor="#444", gridcolor="#e5e5e5", zeroline=False)
    fig.update_yaxes(showline=True, linecolor="#444", gridcolor="#e5e5e5", zeroline=False)
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


@dataclass
class Chart:
    """A figure with its text alternative, its data and its sources."""

    figure: go.Figure
    summary: str  # one or two sentences saying what the chart shows, with numbers
    table: pd.DataFrame  # the data drawn, as a reader would want it in a table
    sources: tuple[str, ...]  # ids in data/sources.csv
    notes: tuple[str, ...] = field(default=())  # caveats shown under the chart (period, population)

    def __post_init__(self):
        if not self.summary.strip():
            raise ValueError("a chart needs a text summary")
        if not self.sources:
            raise ValueError("a chart needs at least one source id")
        if not self.figure.layout.title.text:
            raise ValueError("a chart needs a title")
        self.sources = tuple(self.sources)
        self.notes = tuple(self.notes)

    @property
    def title(self) -> str:
        return self.figure.layout.title.text

    def source_line(self) -> str:
        return source_line(self.sources)

    def text_html(self) -> str:
        """The text alternative as HTML: every value escaped."""
        return text_alternative_html(self.title, self.summary, self.table, self.source_line(), self.notes)

    def text(self) -> str:
        """The text alternative as plain text (for tests, screen readers, print)."""
        lines = [self.title, self.summary, *self.notes, self.table.to_string(index=False), self.source_line()]
        return "\n".join(lines)

    def show(self):
        """Display the figure and its text version (for notebooks)."""
        from IPython.display import HTML, display

        display(self.figure)
        display(HTML(self.text_html()))


def text_alternative_html(title: str, summary: str, table: pd.DataFrame | None, sources: str,
                          notes=()) -> str:
    """A block that stands in for a chart when it cannot be seen: summary, notes, table, source."""
    esc = html.escape
    parts = [f'<div class="fedstate-textalt" role="group" aria-label="{esc(title)}: text version" '
             f'style="line-height:1.45">',
             f"<p><strong>Text version of the chart “{esc(title)}”.</strong> {esc(summary)}</p>"]
    for note in notes:
        parts.append(f"<p><em>{esc(note)}</em></p>")
    if table is not None and len(table):
        parts.append(table_html(table))
    parts.append(f"<p><small>{esc(sources)}</small></p></div>")
    return "".join(parts)


def table_html(table: pd.DataFrame, caption: str | None = None) -> str:
    """An HTML table with every cell escaped (pandas' own to_html escapes too; this keeps it explicit)."""
    esc = html.escape
    head = "".join(f'<th scope="col">{esc(str(c))}</th>' for c in table.columns)
    body = []
    for _, row in table.iterrows():
        cells = "".join(f"<td>{esc(_fmt(v))}</td>" for v in row)
        body.append(f"<tr>{cells}</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f'<table class="fedstate-table">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _fmt(value) -> str:
    if isinstance(value, float):
        if value != value:
            return ""
        return f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, (tuple, list)):
        return "; ".join(map(str, value))
    return "" if value is None else str(value)


class Printable:
    """Static HTML shown as an ordinary notebook output, so it survives printing and HTML export
    (widget views do not). ``.value`` holds the HTML, as on an ``ipywidgets.HTML``."""

    def __init__(self, html_text: str):
        self.value = html_text

    def _repr_html_(self) -> str:
        return self.value


def text_version(chart: Chart, note: str = "as the chart stood when this cell ran; re-run the cell to refresh") -> Printable:
    """The printable twin of a live chart: its text version as a plain output, labelled with when."""
    return Printable(f'<div class="fedstate-print-twin"><p><small><em>Text version for printing and screen '
                     f"readers, {html.escape(note)}.</em></small></p>{chart.text_html()}</div>")


class ChartView:
    """A live chart in a widget: the figure and its text version, always updated together.

    ``view.widget`` is what a notebook displays. ``view.update(chart)`` redraws both. The figure is
    a plotly FigureWidget (needs anywidget); its traces are replaced in one batch so the browser
    receives a single update.
    """

    def __init__(self, chart: Chart):
        import ipywidgets as widgets

        self.figure = go.FigureWidget(chart.figure)
        self.text = widgets.HTML(chart.text_html())
        self.widget = widgets.VBox([self.figure, self.text])
        self.chart = chart

    def update(self, chart: Chart) -> None:
        new = chart.figure
        with self.figure.batch_update():
            if len(self.figure.data) == len(new.data) and all(
                    a.type == b.type for a, b in zip(self.figure.data, new.data)):
                for old_trace, new_trace in zip(self.figure.data, new.data):
                    old_trace.update(new_trace.to_plotly_json(), overwrite=True)
            else:
                self.figure.data = ()
                self.figure.add_traces(list(new.data))
            # Only the parts of the layout that changed: re-validating a whole layout (its template
            # above all) cost most of an update's time.
            new_layout, old_layout = new.layout.to_plotly_json(), self.figure.layout.to_plotly_json()
            if any(key not in new_layout for key in old_layout):
                self.figure.layout = new.layout
            else:
                changed = {k: v for k, v in new_layout.items() if old_layout.get(k) != v}
                if changed:
                    self.figure.update_layout(changed, overwrite=True)
        self.text.value = chart.text_html()
        self.chart = chart
