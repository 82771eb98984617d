"""Widgets of notebook 05: the evidence-card browser, the SAC worksheet, the steelman, the tasks."""

from __future__ import annotations

import html

import ipywidgets as widgets

from fedstate import deliberation as d
from fedstate.widgets.common import FULL, answer_box, prose
from fedstate.widgets.printing import printable

ALL = "all"


def evidence_cards() -> widgets.VBox:
    """Browse the cards by position and by kind of question; the list and its count update together."""
    position = widgets.Dropdown(
        options=[("All positions", ALL)] + [(label, key) for key, label in d.POSITION_LABELS.items()],
        value=ALL, description="Position:", style={"description_width": "initial"},
        layout=widgets.Layout(width="36em"))
    kind = widgets.ToggleButtons(
        options=[("All", ALL)] + [(f"{d.KIND_MARKERS[k]} {label}", k) for k, label in d.KIND_LABELS.items()],
        value=ALL, description="Kind of question:", style={"description_width": "initial", "button_width": "8em"})
    count = widgets.HTML()
    shown = widgets.HTML(layout=FULL)
    count.add_class("fedstate-status")
    shown.add_class("fedstate-cards")

    def refresh(_change=None):
        table = d.cards(None if position.value == ALL else position.value, None if kind.value == ALL else kind.value)
        total = len(d.cards())
        count.value = prose(f'<span role="status">Showing {len(table)} of {total} cards.</span>')
        shown.value = d.cards_html(table)

    position.observe(refresh, "value")
    kind.observe(refresh, "value")
    refresh()
    box = widgets.VBox([position, kind, count, shown])
    box.add_class("fedstate-card-browser")
    box.position, box.kind, box.count, box.shown, box.refresh = position, kind, count, shown, refresh
    # On paper: every card (the browser's first view), two columns to a page, as reference material that
    # the packet prints as a handout at the back (fedstate.packets moves long folded blocks there).
    return printable(box, lambda: (f'<details class="fedstate-reference" open><summary>The evidence cards '
                                   f'({len(d.cards())} cards)</summary><div class="fedstate-print-cards">'
                                   f"{d.cards_html(d.cards())}</div></details>"))


def sac_worksheet() -> widgets.VBox:
    """One writing space per step of the structured academic controversy, saved as students type.
    The steps' instructions are printed above it by ``deliberation.sac_steps_html()``."""
    parts = []
    for step in d.SAC_STEPS:
        parts.append(widgets.HTML(prose(f"<h4 style='margin:0.8em 0 0.2em 0'>{html.escape(step.title)}</h4>"),
                                  layout=FULL))
        parts.append(answer_box(step.id, step.prompt, d.NOTEBOOK, rows=5))
    box = widgets.VBox(parts)
    box.add_class("fedstate-sac")
    return printable(box)


def steelman_box() -> widgets.VBox:
    """The steelman's writing space (Rapoport's rules are printed above it by ``deliberation.rapoport_html()``)."""
    box = widgets.VBox([answer_box(d.STEELMAN_ID, d.STEELMAN_PROMPT, d.NOTEBOOK, rows=7, words=(120, 180))])
    box.add_class("fedstate-steelman")
    return printable(box)


def summative_task(task_id: str) -> widgets.VBox:
    """A task's writing spaces, with word counts (its instructions and rubric are printed above it by
    ``deliberation.task_html()``)."""
    task = next(t for t in d.SUMMATIVE_TASKS if t.id == task_id)
    parts = [answer_box(question_id, prompt, d.NOTEBOOK, rows=10 if words and words[1] >= 500 else 5, words=words)
             for question_id, prompt, words in task.parts]
    box = widgets.VBox(parts)
    box.add_class("fedstate-task")
    return printable(box)


def benchmark_actions():
    """One callback each, on widgets built once (used by benchmarks/run.py)."""
    browser = evidence_cards()
    positions = [v for _, v in browser.position.options]
    kinds = [v for _, v in browser.kind.options]
    steel = steelman_box().children[0]
    state = {"i": 0}

    def next_position():
        state["i"] += 1
        browser.position.value = positions[state["i"] % len(positions)]

    def next_kind():
        state["i"] += 1
        browser.kind.value = kinds[state["i"] % len(kinds)]

    def type_steelman():
        state["i"] += 1
        steel.area.value = "word " * (state["i"] % 200)

    return [("choosing a position in the card browser", next_position),
            ("choosing a kind of question in the card browser", next_kind),
            ("typing in the steelman box (word count)", type_steelman)]
