"""The printed version of every widget: one mechanism for the whole package.

Widgets have no static form: a notebook exported or printed shows an empty space (or a line such as
``VBox(children=...)``) where a widget was. :func:`printable` gives a widget a second view, plain
HTML, placed beside the live view in the same output::

    {"application/vnd.jupyter.widget-view+json": ..., "text/html": <the print view>, "text/plain": ...}

JupyterLab shows the widget view (it outranks HTML), so students never see the print view on
screen. The printed packet (:mod:`fedstate.packets`) drops the widget view, and what remains is the
print view. It is made when the widget is displayed, so it shows the widget's first, default state.

What a print view contains:

- a written question: its prompt and ruled lines to write on, as many as the expected length needs
  (an answer already typed is printed instead of the lines);
- a self-check: its options lettered A, B, C… in the order students see them, and a blank for the
  letter; a numeric self-check, a blank with its unit;
- a sorting activity: the bins lettered once, then each item with a blank;
- an explorer: what its controls show by default, its chart drawn as a static chart, and its text
  version;
- everything else: the text it shows.

Answers for the teacher's edition travel in elements of class ``fedstate-print-key``; the student's
edition removes them. Each question carries ``data-fedstate-question`` with its id, so the teacher's
edition can add the model answer from the teacher notes, and a test can find every question.

:func:`print_html` builds a print view: a builder's own one where it gave one, else one assembled
from the widget's parts (a box prints its children in order).
"""

from __future__ import annotations

import html
import json
import math
from typing import Callable

import ipywidgets as widgets

from fedstate.checks import LETTERS, MultipleChoice, Numeric

esc = html.escape

#: The MIME type of a live widget view; the packet removes it so that the print view shows.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KEY_CLASS = "fedstate-print-key"
#: Parts of an output for the screen only (the packet removes them) and for paper only (hidden on screen,
#: including from screen readers, by the ``hidden`` attribute; the packet shows them).
SCREEN_ONLY = "fedstate-screen-only"
PAPER_ONLY = "fedstate-paper-only"
#: Words a handwritten line holds, on a letter page with the packet's margins.
WORDS_PER_LINE = 11
#: More lines than this and the space would fill a page: students continue on lined paper.
MAX_LINES = 24


def printable(widget: widgets.Widget, render: Callable[[], str] | None = None) -> widgets.Widget:
    """Give ``widget`` a print view beside its live view, and return it.

    ``render()`` returns the print view's HTML; without it, :func:`print_html` assembles one from the
    widget's parts. Call it on the widget a builder returns (nested widgets keep their own views).
    """
    if render is not None:
        widget._fedstate_print = render

    def bundle(**kwargs):
        data = type(widget)._repr_mimebundle_(widget, **kwargs)
        if data is None:  # a closed widget shows nothing, and neither does its print view
            return None
        data = dict(data)
        data["text/html"] = f'<div class="fedstate-print">{print_html(widget)}</div>'
        return data

    # IPython looks the method up on the instance, so this widget alone gets the extra view (ipywidgets
    # itself sets _repr_mimebundle_ on an instance when the widget is closed).
    widget._repr_mimebundle_ = bundle
    return widget


def print_html(widget) -> str:
    """The print view of a widget (see the module's docstring)."""
    custom = getattr(widget, "_fedstate_print", None)
    if custom is not None:
        return custom()
    return _generic(widget)


def _generic(widget) -> str:
    import plotly.graph_objects as go

    if isinstance(widget, go.FigureWidget):
        return plot_html(widget)
    if isinstance(widget, widgets.Box):
        return "".join(print_html(child) for child in widget.children)
    if isinstance(widget, (widgets.HTML, widgets.HTMLMath)):
        return widget.value or ""
    if isinstance(widget, widgets.Label):
        return f"<p>{esc(widget.value)}</p>"
    if isinstance(widget, widgets.Textarea):
        return widget.value and f"<p>{esc(widget.value)}</p>" or lines_html(max(3, (widget.rows or 3) + 1))
    if isinstance(widget, widgets.Text):
        return blank_html(widget.description or "Your answer")
    if isinstance(widget, widgets.RadioButtons):
        return lettered_html([_label(o) for o in widget.options])
    if isinstance(widget, widgets.Checkbox):
        return f'<p class="fedstate-print-control">{"☑" if widget.value else "☐"} {esc(widget.description)}</p>'
    if isinstance(widget, (widgets.Dropdown, widgets.ToggleButtons, widgets.Select, widgets.RadioButtons)):
        return _control_html(widget.description, widget.label)
    if isinstance(widget, (widgets.IntSlider, widgets.FloatSlider, widgets.BoundedIntText, widgets.IntText)):
        return _control_html(widget.description, str(widget.value))
    return ""  # buttons, invisible helpers, output areas: nothing to print


def _label(option) -> str:
    return str(option[0] if isinstance(option, tuple) else option)


def _control_html(description: str, shown) -> str:
    if shown is None:
        return ""
    name = esc(description.rstrip(":")) + ": " if description else "Shown: "
    return f'<p class="fedstate-print-control"><small>{name}<strong>{esc(str(shown))}</strong></small></p>'


# ---------------------------------------------------------------------------------------------
# Pieces of print views


def plot_html(figure) -> str:
    """A plotly figure (Figure, FigureWidget, or its JSON as a dict) as a static chart for print.

    The figure's JSON rides in a data attribute; the packet's page draws it with the plotly.js bundled
    inside the plotly package (no network), without its toolbar and without interaction.
    """
    import plotly.io as pio

    if isinstance(figure, dict):
        spec = {"data": figure.get("data", []), "layout": figure.get("layout", {})}
        text = json.dumps(spec)
    else:
        spec = json.loads(pio.to_json(figure, validate=False))
        text = json.dumps({"data": spec.get("data", []), "layout": spec.get("layout", {})})
        spec = json.loads(text)
    height = spec["layout"].get("height") or 420
    return (f'<div class="fedstate-print-plot" data-plotly="{esc(text)}" style="height:{int(height)}px;width:100%">'
            "</div>")


def lines_for(rows: int = 4, words: tuple[int, int] | None = None) -> int:
    """How many ruled lines a written answer gets: from its word target when it has one (about
    eleven handwritten words a line), else from the size of its box."""
    wanted = math.ceil(words[1] / WORDS_PER_LINE) if words else rows + 1
    return max(3, min(MAX_LINES, wanted))


def lines_html(count: int, more: bool = False) -> str:
    rule = '<div class="fedstate-line" style="border-bottom:1px solid #888;height:2.1em"></div>'
    tail = ('<p class="fedstate-print-more"><small>Need more room? Continue on lined paper.</small></p>'
            if more else "")
    return f'<div class="fedstate-lines" aria-hidden="true">{rule * count}</div>{tail}'


def blank_html(label: str = "Your answer", unit: str = "") -> str:
    unit = f" {esc(unit)}" if unit else ""
    return (f'<p class="fedstate-blank">{esc(label)}: <span style="display:inline-block;min-width:9em;'
            f'border-bottom:1px solid #888">&nbsp;</span>{unit}</p>')


def lettered_html(options) -> str:
    items = "".join(f'<li><strong>{LETTERS[i]}.</strong> {esc(str(o))}</li>' for i, o in enumerate(options))
    return f'<ol class="fedstate-options" style="list-style:none;padding-left:1em">{items}</ol>'


def key_html(markup: str) -> str:
    """A block for the teacher's edition only (the student's edition removes it)."""
    return (f'<div class="{KEY_CLASS}" style="border-left:4px solid #0072B2;background:#eef5fb;padding:0.3em 0.8em;'
            f'margin:0.3em 0 0.8em 0"><p style="margin:0.2em 0"><strong>Answer key</strong></p>{markup}</div>')


def question_html(question_id: str, body: str) -> str:
    return f'<div class="fedstate-print-question" data-fedstate-question="{esc(question_id)}">{body}</div>'


def written_answer_html(question_id: str, prompt: str, rows: int = 4, words: tuple[int, int] | None = None,
                        answer: str = "") -> str:
    """A written question on paper: the prompt, the target length, and lines (or the answer already typed)."""
    target = f" <small>(about {words[0]}–{words[1]} words)</small>" if words else ""
    if answer.strip():
        space = f'<p class="fedstate-typed" style="white-space:pre-wrap">{esc(answer)}</p>'
    else:
        count = lines_for(rows, words)
        space = lines_html(count, more=bool(words) and math.ceil(words[1] / WORDS_PER_LINE) > MAX_LINES)
    return question_html(question_id, f"<p><strong>{esc(prompt)}</strong>{target}</p>{space}")


def self_check_print_html(question: MultipleChoice | Numeric) -> str:
    """A self-check on paper, with its key for the teacher's edition."""
    prompt = f"<p><strong>Self-check.</strong> {esc(question.prompt)}</p>"
    if isinstance(question, MultipleChoice):
        body = prompt + lettered_html([c.text for c in question.displayed_choices]) + blank_html("Your answer (letter)")
        rows = []
        for letter, choice in zip(LETTERS, question.displayed_choices):
            verdict = "<strong>correct</strong>" if choice.correct else f"wrong (misconception: <em>{esc(choice.misconception)}</em>)"
            rows.append(f"<li><strong>{letter}</strong>: {verdict}. {esc(choice.feedback)}</li>")
        key = (f"<p style='margin:0.2em 0'><strong>{question.answer_letter}.</strong> {esc(question.answer)}</p>"
               f'<ul style="margin:0.2em 0">{"".join(rows)}</ul>')
    else:
        body = prompt + blank_html("Your answer", question.unit)
        key = numeric_key_html(question)
    return question_html(question.id, body + key_html(key))


def numeric_key_html(question: Numeric) -> str:
    unit = f" {question.unit}" if question.unit else ""
    traps = "".join(f"<li>{trap.resolved():g}{esc(unit)}: wrong (misconception: <em>{esc(trap.misconception)}</em>). "
                    f"{esc(trap.feedback)}</li>" for trap in question.traps)
    return (f"<p style='margin:0.2em 0'><strong>{question.resolved_answer():g}{esc(unit)}</strong> "
            f"(accepted within ±{question.tolerance:g}). {esc(question.explanation)}</p>"
            + (f'<ul style="margin:0.2em 0">{traps}</ul>' if traps else ""))


def sorting_print_html(question_id: str, prompt: str, bins: list[tuple[str, str]], items: list[str],
                       key: list[tuple[str, str]] | None = None) -> str:
    """A sorting activity on paper: the bins lettered, each item with a blank for a letter.

    ``bins`` are (label, key) pairs; ``key`` is one (answer label, why) pair per item, for the teacher."""
    letters = {label: LETTERS[i] for i, (label, _k) in enumerate(bins)}
    rows = "".join(f'<tr><td style="padding:3px 6px;vertical-align:top">{n}.</td>'
                   f'<td style="padding:3px 6px;vertical-align:top;text-align:left">{esc(text)}</td>'
                   f'<td style="padding:3px 6px;vertical-align:bottom;min-width:4em;border-bottom:1px solid #888"></td></tr>'
                   for n, text in enumerate(items, start=1))
    body = (f"<p><strong>{esc(prompt)}</strong> Write a letter beside each item.</p>"
            + lettered_html([label for label, _k in bins])
            + f'<table class="fedstate-sort" style="border-collapse:collapse;width:100%">{rows}</table>')
    if key:
        answers = "".join(f"<li><strong>{letters.get(label, '?')}</strong> ({esc(label)}). {esc(why)}</li>"
                          for label, why in key)
        body += key_html(f'<ol style="margin:0.2em 0">{answers}</ol>')
    return question_html(question_id, body)
