"""Every chart in the module comes with its words: a text alternative, a data table and a source line.

A builder returns a :class:`Chart`; nothing draws a bare figure. ``Chart.show()`` displays the
interactive figure and, beside it, a plain-HTML text version (summary, table, sources) that a
screen reader reads and that survives printing or export, where plotly figures and widgets do not.
Widgets that redraw a chart hold a :class:`ChartView`, which updates the figure and its text
together, so the text alternative can never describe an old state of the chart.

Every text version is folded by :func:`folded`: a ``<details>`` element whose summary says what it
holds ("Text version: ..."). It is one Tab stop away for a keyboard or screen-reader user, it keeps
the lesson on the screen for everyone else, and the printed packet opens every ``<details>``. Under a
live chart only the one-sentence summary stays open, because it is what changes when a control moves.
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
#: plotly's display options for every chart, live or static. No mode bar: its eleven buttons (zoom,
#: pan, download...) were eleven Tab stops per chart for a keyboard user, and a lesson needs none of
#: them; hover labels still work, and each chart's text version carries its numbers.
PLOTLY_CONFIG = {"displayModeBar": False, "displaylogo": False}
#: CSS classes that keep JupyterLab's MathJax away from an output: several sources quote dollar
#: amounts, and two "$" in one output were typeset as a formula ("$170.7 billion ... $45 billion").
NO_MATH = "mathjax_ignore tex2jax_ignore"
#: The class of every folded text version (print styles and tests find them by it).
TEXT_VERSION_CLASS = "fedstate-text-version"
#: What the summary of a chart's folded text version says.
CHART_TEXT_SUMMARY = "Text version: the table behind this chart (for screen readers and printing)"


def folded(inner_html: str, summary: str) -> str:
    """A text version folded away until asked for: ``<details>`` with a summary saying what it is.

    ``summary`` is plain text (it is escaped); it is prefixed with "Text version: " unless it already
    starts so. ``inner_html`` is HTML, already escaped by its builder. The element is a standard
    disclosure: Tab reaches its summary, Enter or Space opens it, and screen readers announce it as
    collapsed or expanded.
    """
    label = summary if summary.startswith("Text version") else f"Text version: {summary}"
    return (f'<details class="{TEXT_VERSION_CLASS} {NO_MATH}"><summary>{html.escape(label)}</summary>'
            f'<div class="fedstate-text-version-body">{inner_html}</div></details>')


def reference(inner_html: str, summary: str) -> str:
    """Reference material a student opens when a question sends them to it (a table of cases, say):
    folded like a text version, but its summary names what it holds, not "Text version"."""
    return (f'<details class="fedstate-reference {NO_MATH}"><summary>{html.escape(summary)}</summary>'
            f'<div class="fedstate-reference-body">{inner_html}</div></details>')


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


def wrap_label(text: str, width: int = 18) -> str:
    """A category label broken into short lines (plotly's ``<br>``), so that tick labels stay level
    and readable in a narrow cell instead of being tilted into the legend. The text is escaped."""
    import textwrap

    return "<br>".join(html.escape(line) for line in textwrap.wrap(str(text), width)) or html.escape(str(text))


@dataclass
class Chart:
    """A figure with its text alternative, its data and its sources."""

    figure: go.Figure
    summary: str  # one or two sentences saying what the chart shows, with numbers
    table: pd.DataFrame  # the data drawn, as a reader would want it in a table
    sources: tuple[str, ...]  # ids in data/sources.csv
    notes: tuple[str, ...] = field(default=())  # caveats shown under the chart (period, population)
    #: who measured or claimed the figures drawn ("DHS, as reported by Newsmax"), when that is not
    #: simply the publisher of the sources (the source line says where the figures were read)
    credits: tuple[str, ...] = field(default=())

    def __post_init__(self):
        if not self.summary.strip():
            raise ValueError("a chart needs a text summary")
        if not self.sources:
            raise ValueError("a chart needs at least one source id")
        if not self.figure.layout.title.text:
            raise ValueError("a chart needs a title")
        self.sources = tuple(self.sources)
        self.notes = tuple(self.notes)
        self.credits = tuple(dict.fromkeys(self.credits))

    @property
    def title(self) -> str:
        return self.figure.layout.title.text

    def source_line(self) -> str:
        line = source_line(self.sources)
        if self.credits:
            return f"Counted or claimed by: {'; '.join(self.credits)}. {line}"
        return line

    def text_html(self) -> str:
        """The text alternative as HTML, folded (see :func:`folded`): every value escaped."""
        return text_alternative_html(self.title, self.summary, self.table, self.source_line(), self.notes)

    def text(self) -> str:
        """The text alternative as plain text (for tests, screen readers, print)."""
        lines = [self.title, self.summary, *self.notes, self.table.to_string(index=False), self.source_line()]
        return "\n".join(lines)

    def show(self):
        """Display the figure and its text version (for notebooks). The text version follows the
        figure, where the page's accessibility helper links the chart to it (fedstate.widgets.access)."""
        from IPython.display import HTML, display

        from fedstate.widgets.access import page_helper

        page_helper()
        display(figure_bundle(self.figure), raw=True)
        display(HTML(self.text_html()))


def figure_bundle(figure: go.Figure) -> dict:
    """The figure as JupyterLab's plotly MIME bundle, with the module's display options."""
    import json

    return {"application/vnd.plotly.v1+json": {**json.loads(figure.to_json()), "config": dict(PLOTLY_CONFIG)}}


def text_alternative_html(title: str, summary: str, table: pd.DataFrame | None, sources: str,
                          notes=(), collapse_after: int | None = None, fold: bool = True,
                          live: bool = False) -> str:
    """A block that stands in for a chart when it cannot be seen: summary, notes, table, source.

    Folded by default (``fold=True``): the whole block sits in a :func:`folded` ``<details>``.
    ``live=True`` is for the text under a chart that a widget redraws: the one-sentence summary stays
    open (it is what changes when a control moves, and a folded element closes again whenever a
    widget redraws it), and the notes, table and source are folded under it.
    ``collapse_after`` is kept for callers of the unfolded block (``fold=False``): a table longer
    than that many rows is folded on its own."""
    esc = html.escape
    head = (f"<p><strong>Text version of the chart “{esc(title.rstrip('.'))}”.</strong> {esc(summary)}</p>")
    rest = [f"<p><em>{esc(note)}</em></p>" for note in notes]
    if table is not None and len(table):
        rows = table_html(table)
        if not fold and collapse_after is not None and len(table) > collapse_after:
            rows = (f"<details><summary>The chart's data as a table ({len(table)} rows): open to read"
                    f"</summary>{rows}</details>")
        rest.append(rows)
    rest.append(f"<p><small>{esc(sources)}</small></p>")
    opening = (f'<div class="fedstate-textalt {NO_MATH}" role="group" aria-label="{esc(title)}: text version" '
               f'style="line-height:1.45">')
    if live:
        return (f"{opening}<p>{esc(summary)}</p>"
                + folded(head + "".join(rest), CHART_TEXT_SUMMARY) + "</div>")
    block = opening + head + "".join(rest) + "</div>"
    return folded(block, CHART_TEXT_SUMMARY) if fold else block


def table_html(table: pd.DataFrame, caption: str | None = None) -> str:
    """An HTML table with every cell escaped (pandas' own to_html escapes too; this keeps it explicit)."""
    esc = html.escape
    numeric = [_is_numeric_column(table[c]) for c in table.columns]
    head = "".join(f'<th scope="col" style="{_CELL}{"text-align:right" if n else "text-align:left"}">{esc(str(c))}</th>'
                   for c, n in zip(table.columns, numeric))
    body = []
    cell_styles = [f' style="{_CELL}{"text-align:right" if n else "text-align:left"}"' for n in numeric]
    for row in table.itertuples(index=False):
        cells = "".join(f"<td{st}>{esc(_fmt(v))}</td>" for st, v in zip(cell_styles, row))
        body.append(f"<tr>{cells}</tr>")
    cap = f'<caption style="text-align:left;font-weight:bold;padding:0.3em 0">{esc(caption)}</caption>' if caption else ""
    # table-layout:auto: JupyterLab sets "fixed" on output tables, which lets a table with one long
    # text column grow far wider than the notebook instead of wrapping the text.
    return (f'<table class="fedstate-table {NO_MATH}" style="table-layout:auto;border-collapse:collapse;'
            f'margin:0.4em 0">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


#: Cell style of every table: text reads from the left and numbers line up on the right (JupyterLab
#: right-aligns every output cell, which makes sentences hard to read), rows are ruled, and the
#: same look holds inside widgets, which do not get JupyterLab's table styles.
_CELL = "border-bottom:1px solid #ddd;padding:4px 8px;vertical-align:top;line-height:1.35;"


def _is_numeric_column(column: pd.Series) -> bool:
    values = [v for v in column if v is not None and not (isinstance(v, float) and v != v)]
    return bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


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
        return f'<div class="{NO_MATH}">{self.value}</div>'


def text_version(chart: Chart, note: str = "as the chart stood when this cell ran; re-run the cell to refresh") -> Printable:
    """The printable twin of a live chart: its text version as a plain output, labelled with when,
    folded (the live chart above it carries its own; the printed packet opens this one)."""
    block = text_alternative_html(chart.title, chart.summary, chart.table, chart.source_line(), chart.notes,
                                  fold=False)
    return Printable(folded(f'<div class="fedstate-print-twin"><p><small><em>Text version for printing and '
                            f"screen readers, {html.escape(note)}.</em></small></p>{block}</div>",
                            f"“{chart.title.rstrip('.')}”, as it stood when this cell ran (for printing and "
                            "screen readers)"))


class ChartView:
    """A live chart in a widget: the figure and its text version, always updated together.

    ``view.widget`` is what a notebook displays. ``view.update(chart)`` redraws both. The figure is
    a plotly FigureWidget (needs anywidget); its traces are replaced in one batch so the browser
    receives a single update.
    """

    #: Kept for callers that fold a long table of an unfolded block (see text_alternative_html).
    COLLAPSE_AFTER = 15

    def __init__(self, chart: Chart):
        import ipywidgets as widgets

        self.figure = live_figure(chart.figure)
        self.text = widgets.HTML(self._text_html(chart))
        self.widget = widgets.VBox([self.figure, fit_to_width(), self.text])
        self.chart = chart

    @staticmethod
    def text_for(chart: Chart) -> str:
        """The live text under a chart: its summary sentence open, the rest folded."""
        return text_alternative_html(chart.title, chart.summary, chart.table, chart.source_line(), chart.notes,
                                     live=True)

    def _text_html(self, chart: Chart) -> str:
        return self.text_for(chart)

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
            # "autosize" comes back from the browser once the figure has been fitted to its cell.
            if any(key not in new_layout for key in old_layout if key != "autosize"):
                self.figure.layout = new.layout
            else:
                changed = {k: v for k, v in new_layout.items() if old_layout.get(k) != v}
                if changed:
                    self.figure.update_layout(changed, overwrite=True)
        self.text.value = self._text_html(chart)
        self.chart = chart


def live_figure(figure: go.Figure) -> go.FigureWidget:
    """A FigureWidget that follows the width of its notebook cell (with :func:`fit_to_width` beside it).

    Plotly draws a widget before it is on the page, so without this every live chart is 700 px wide:
    cut off in a narrow window, and narrower than the text under it in a wide one.
    """
    from fedstate.widgets.access import page_helper

    page_helper()
    return _LiveFigure(figure, {**PLOTLY_CONFIG, "responsive": True})


class _LiveFigure(go.FigureWidget):
    """A FigureWidget whose first message to the browser already holds the figure and its options.

    plotly's FigureWidget opens its channel to the browser before it sets the figure's data, layout and
    options, and sends those as updates; the browser draws the chart once, from whatever it holds when
    the view appears. In JupyterLab (Run All, many widgets) the updates sometimes lost that race and a
    chart stayed an empty pair of axes with the default mode bar. Opening the channel only once
    everything is set removes the race.
    """

    def __init__(self, figure, config: dict):
        self._hold_open = True
        super().__init__(figure)
        self._config = {**self._config, **config}
        self._hold_open = False
        self.open()

    def open(self):
        if not getattr(self, "_hold_open", False):
            super().open()


_FIT_ESM = """
export default {
  render({ el }) {
    // Invisible. When the cell that holds it changes width (first shown, window or sidebar resized),
    // ask the responsive plotly figures on the page to fit their containers again.
    el.style.display = "none";
    let last = -1, timer = null, observer = null;
    const fire = () => { clearTimeout(timer); timer = setTimeout(() => window.dispatchEvent(new Event("resize")), 60); };
    const start = () => {
      const host = el.parentElement && el.parentElement.parentElement;
      if (!host || !host.isConnected) { requestAnimationFrame(start); return; }
      observer = new ResizeObserver((entries) => {
        for (const entry of entries) {
          const width = Math.round(entry.contentRect.width);
          if (width > 0 && width !== last) { last = width; fire(); }
        }
      });
      observer.observe(host);
    };
    requestAnimationFrame(start);
    return () => { clearTimeout(timer); if (observer) observer.disconnect(); };
  }
};
"""
_FIT_CLASS = None


def fit_to_width():
    """An invisible widget to place next to a :func:`live_figure`: it refits the figure to the cell's width."""
    global _FIT_CLASS
    if _FIT_CLASS is None:
        import anywidget

        class FitToWidth(anywidget.AnyWidget):
            _esm = _FIT_ESM

        _FIT_CLASS = FitToWidth
    return _FIT_CLASS()
