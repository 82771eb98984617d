"""What every notebook's first cell imports: one place for setup (after Data 100's textbook).

    from fedstate.notebook import *

It sets plotly to render in JupyterLab without any network access, checks the data once (so a
broken CSV shows one clear message here rather than an error deep in a later cell), and makes the
shared helpers available. Topic notebooks import their own builders after this line.
"""

from __future__ import annotations

import sys

# Start-up time: plotly's FigureWidget imports nbformat, nbformat imports jsonschema, and jsonschema
# builds a grammar for the optional rfc3987-syntax package (IRI format checks) at import, about a
# second on a classroom laptop or a Binder pod, every time a notebook starts. Nothing in a lesson
# validates IRIs, so this kernel does without that optional checker: jsonschema treats the package
# as absent, as it does on any machine where it is not installed.
if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)

import plotly.io as pio  # noqa: E402
from IPython.display import HTML, Markdown, display  # noqa: F401,E402  (used in notebooks)

from fedstate import responses  # noqa: F401
from fedstate.charts import Chart, ChartView, Printable, folded, reference, table_html, text_version  # noqa: F401
from fedstate.data import DataError, cite, load, load_all, source_line, sources  # noqa: F401
from fedstate.widgets.access import page_helper  # noqa: E402
from fedstate.widgets.common import answer_box, export_panel, name_box, self_check  # noqa: F401

# JupyterLab renders plotly's own MIME type with the extension shipped inside the plotly package:
# no CDN, so charts draw offline and in locked-down classrooms.
pio.renderers.default = "plotly_mimetype"
# Names for controls, keys that stay in widgets, charts linked to their text versions: the page's
# accessibility helper starts in JupyterLab as soon as it exists (fedstate.widgets.access).
page_helper()


def check_data() -> None:
    """Validate every dataset; on a problem, show the one message that names file, line and column."""
    try:
        load_all()
    except DataError as problem:
        display(HTML(f'<div role="alert" style="border:2px solid #a00;padding:0.5em">'
                     f"<strong>A data file has a problem, so the charts below would be wrong.</strong><br>"
                     f"<code>{_escape(str(problem))}</code><br>Fix that line (or ask your teacher), "
                     f"then choose <em>Kernel → Restart Kernel and Run All Cells</em>.</div>"))
        raise


def _escape(text: str) -> str:
    import html

    return html.escape(text)


check_data()
answers = responses.store()
if answers.message:
    display(HTML(f'<div role="alert" style="color:#a00">{_escape(answers.message)}</div>'))

__all__ = ["Chart", "ChartView", "DataError", "HTML", "Markdown", "answer_box", "answers", "cite",
           "display", "export_panel", "load", "load_all", "name_box", "responses", "self_check",
           "source_line", "sources", "table_html", "Printable", "text_version", "folded", "reference"]
