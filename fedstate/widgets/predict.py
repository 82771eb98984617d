"""The "predict first" widget of the start notebook, and the reveal that later notebooks show."""

from __future__ import annotations

import html

import ipywidgets as widgets

from fedstate import responses
from fedstate.charts import folded, reference
from fedstate.data import source_line
from fedstate.predictions import NOTEBOOK, PREDICTIONS, Prediction, prediction
from fedstate.widgets.access import labelled
from fedstate.widgets.common import _CHOICE_CSS, FULL, answer_box, prose
from fedstate.widgets.printing import (PAPER_ONLY, SCREEN_ONLY, blank_html, lettered_html, print_html, printable,
                                       question_html)


def prediction_control(p: Prediction, store: responses.AnswerStore | None = None) -> widgets.VBox:
    """One prediction: a slider (or choices) that saves when moved, plus a box for the reason.

    A slider has to start somewhere; it records nothing until the student moves it or presses
    "Save this value", so an untouched default is never mistaken for a guess.
    """
    store = store or responses.store()
    saved = store.get(p.id)
    label = widgets.HTML(prose(f"<strong>{html.escape(p.prompt)}</strong>"), layout=FULL)
    status = widgets.HTML()

    def show_status():
        value = store.get(p.id)
        if value is None:
            status.value = '<small role="status">No prediction saved yet.</small>'
        else:
            unit = f" {p.unit}" if p.unit and p.kind != "choice" else ""
            status.value = f'<small role="status">Saved prediction: {html.escape(str(value))}{html.escape(unit)}.</small>'

    if p.kind == "choice":
        control = widgets.RadioButtons(options=list(p.options), value=saved if saved in p.options else None,
                                       layout=widgets.Layout(width="auto"))
        save_button = None
    else:
        start = saved if isinstance(saved, int) else (p.low + p.high) // 2
        control = widgets.IntSlider(value=start, min=p.low, max=p.high, step=1,
                                    description=p.unit or "value", continuous_update=False,
                                    style={"description_width": "6em"},  # the same for every slider, so they line up
                                    layout=widgets.Layout(width="34em"))
        save_button = widgets.Button(description="Save this value", tooltip="Save the value shown as your prediction")
        save_button.on_click(lambda _b: (store.set(p.id, int(control.value), prompt=p.prompt, notebook=NOTEBOOK), show_status()))

    def moved(change):
        if change["new"] is None:
            return
        value = int(change["new"]) if p.kind != "choice" else change["new"]
        store.set(p.id, value, prompt=p.prompt, notebook=NOTEBOOK)
        show_status()

    control.observe(moved, "value")
    show_status()
    reason = answer_box(p.reason_id, "Why do you think so? (one or two sentences)", notebook=NOTEBOOK,
                        rows=2, store=store)
    row = [control] + ([save_button] if save_button else [])
    box = widgets.VBox([label, widgets.HBox(row), status, reason],
                       layout=widgets.Layout(border="1px solid #ccc", padding="0.6em", margin="0 0 0.8em 0"))
    status.add_class("fedstate-status")
    labelled(box, label)  # the slider or the choices are named by the question (the reason box by its own)
    box.add_class("fedstate-prediction")
    box.control, box.status, box.reason, box.save_button = control, status, reason, save_button
    return printable(box, lambda: _prediction_print_html(p, reason))


def _prediction_print_html(p: Prediction, reason) -> str:
    if p.kind == "choice":
        guess = lettered_html(p.options) + blank_html("Your guess (letter)")
    else:
        guess = blank_html(f"Your guess, from {p.low} to {p.high}", p.unit)
    return question_html(p.id, f"<p><strong>{html.escape(p.prompt)}</strong></p>{guess}") + print_html(reason)


def predict_first(store: responses.AnswerStore | None = None) -> widgets.VBox:
    """Every start-notebook prediction, in order."""
    store = store or responses.store()
    header = widgets.HTML(_CHOICE_CSS + prose("<p>Make a guess for each question. There are no wrong guesses here: "
                          "later notebooks put your guess beside the evidence.</p>"), layout=FULL)
    controls = [prediction_control(p, store) for p in PREDICTIONS]
    box = widgets.VBox([header, *controls])
    box.controls = controls
    return printable(box)


def prediction_vs_evidence_html(prediction_id: str, evidence: str, source_ids,
                                store: responses.AnswerStore | None = None) -> str:
    """Plain HTML: your saved guess, beside the evidence (a sentence built from data rows)."""
    store = store or responses.store()
    p = prediction(prediction_id)
    guess = store.get(p.id)
    unit = f" {p.unit}" if p.unit and p.kind != "choice" else ""
    if guess is None:
        # On screen, say so; on paper (the packet, printed without anyone's answers) leave a line to
        # copy the guess onto from the start notebook's packet.
        mine = (f'<p class="{SCREEN_ONLY}">You did not save a prediction for this in notebook 00.</p>'
                f'<div class="{PAPER_ONLY}" hidden>'
                + blank_html("Your prediction from notebook 00 (copy it from that packet)", p.unit if p.kind != "choice" else "")
                + "</div>")
    else:
        mine = f"<p>{html.escape(f'Your prediction: {guess}{unit}.')}</p>"
    # line-height: shown in an HTML widget, the text would otherwise get JupyterLab's tall widget lines.
    return (f'<div class="fedstate-reveal" style="border-left:4px solid #0072B2;padding-left:0.8em;line-height:1.45">'
            f"<p><strong>{html.escape(p.prompt)}</strong></p>{mine}"
            f"<p>What the evidence says: {html.escape(evidence)}</p>{_sources_html(source_ids)}</div>")


#: A source line with more sources than this is folded under a summary that counts them: a sentence
#: built from fifteen state laws would otherwise be followed by a paragraph of citations.
INLINE_SOURCES = 3


def _sources_html(source_ids) -> str:
    ids = [source_ids] if isinstance(source_ids, str) else list(dict.fromkeys(source_ids))
    line = f"<p><small>{html.escape(source_line(ids))}</small></p>"
    if len(ids) <= INLINE_SOURCES:
        return line
    return reference(line, f"Sources ({len(ids)}): publishers and titles")


def predictions_text_html(store: responses.AnswerStore | None = None) -> str:
    """The predictions as a plain list with any saved guesses: the printable twin of the widget."""
    store = store or responses.store()
    items = []
    for p in PREDICTIONS:
        guess = store.get(p.id)
        options = f" Options: {'; '.join(p.options)}." if p.options else ""
        range_ = f" Answer from {p.low} to {p.high} {p.unit}." if p.kind != "choice" else ""
        saved = "not yet saved" if guess is None else f"{guess}"
        reason = store.get(p.reason_id) or ""
        items.append(f"<li><p>{html.escape(p.prompt)}{html.escape(range_ + options)}</p>"
                     f"<p>Your prediction: {html.escape(saved)}"
                     + (f". Why: {html.escape(str(reason))}" if reason else "") + "</p></li>")
    return folded(f'<ol class="fedstate-predictions-text">{"".join(items)}</ol>',
                  "the three questions as plain text, with your saved guesses (for printing, or if the "
                  "widgets above do not show)")


def benchmark_actions():
    """One callback each, on widgets built once (used by benchmarks/run.py)."""
    widget = predict_first()
    slider = widget.controls[0].control
    choice = widget.controls[2].control
    options = list(choice.options)
    state = {"i": 0}

    def move_slider():
        slider.value = (slider.value + 1) % 101

    def pick_choice():
        state["i"] += 1
        choice.value = options[state["i"] % len(options)]

    return [("moving a prediction slider", move_slider), ("choosing a prediction option", pick_choice),
            ("saving the answers file", lambda: (responses.store().set("bench.flush", state["i"]), responses.store().flush()))]
