"""Widgets of notebook 04, "Weighing trade-offs": thin wiring to :mod:`fedstate.tradeoffs`.

- :func:`balancing_act`: the article's three shares as linked whole-percent sliders and a chart.
- :func:`decision_session`: one decision model (starting estimates, or blank) with the student's
  weights; every view below is bound to a session and redraws when it changes.
- :func:`decision_explorer` (weights, chart, ranking, sensitivity), :func:`ledger_view` (the
  assumptions ledger), :func:`score_editor` (challenge a score), :func:`my_scores_grid` (blank mode),
  :func:`preset_comparison`, :func:`rank_reversal_check`, :func:`justification_check`.

Every interactive part is a standard ipywidget (keyboard-operable) and is paired with a plain-HTML text
version, so the notebook still reads in order when printed. All text put into HTML is escaped.
"""

from __future__ import annotations

import html
import re

import ipywidgets as widgets
import traitlets

from fedstate import responses
from fedstate import tradeoffs as model_lib
from fedstate.charts import ChartView, Printable, fit_to_width, live_figure, table_html, text_alternative_html
from fedstate.data import source_line
from fedstate.tradeoffs import NOTEBOOK
from fedstate.widgets.access import labelled
from fedstate.widgets.common import BUTTON, FULL, answer_box
from fedstate.widgets.printing import printable, question_html

esc = html.escape

#: Widget HTML inherits a 28 px line height from ipywidgets, which spreads paragraphs and tables
#: apart; every HTML block of this notebook is wrapped in a class that restores normal spacing.
#: contain:inline-size + overflow-x:auto: in a narrow window a wide table scrolls sideways inside
#: its block, instead of widening the block so that the sentences around it are cut off.
_CSS = ("<style>.fedstate-t04{line-height:1.45;contain:inline-size;overflow-x:auto}.fedstate-t04 p{margin:0.35em 0}"
        ".fedstate-t04 table{border-collapse:collapse;margin:0.4em 0}"
        ".fedstate-t04 th,.fedstate-t04 td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;"
        "vertical-align:top;line-height:1.35}.fedstate-t04 caption{text-align:left;font-weight:bold;"
        "padding:0.3em 0}.fedstate-t04 small,.fedstate-t04 .fine{font-size:0.88em}"
        ".fedstate-ledger td:nth-child(8){min-width:20em}.fedstate-ledger td:nth-child(7),.fedstate-ledger td:nth-child(9){font-size:0.85em;"
        "min-width:10em}@media print{.fedstate-scroll{max-height:none!important;overflow:visible!important}}"
        "</style>")


class Prose(widgets.HTML):
    """An HTML widget whose content always sits inside the notebook's readable-spacing wrapper."""

    @traitlets.validate("value")
    def _wrapped(self, proposal):
        value = proposal["value"]
        if not value or value.startswith(_CSS):
            return value
        return f'{_CSS}<div class="fedstate-t04">{value}</div>'

WIDE = widgets.Layout(width="100%", max_width="60em")
SLIDER_STYLE = {"description_width": "17em"}
#: The weight sliders' labels are the criteria's short labels (at most 20 characters).
WEIGHT_SLIDER_STYLE = {"description_width": "11em"}

WEIGHTS_KEY = "04.my-weights"
SCORE_CHANGES_KEY = "04.my-score-changes"
BLANK_WEIGHTS_KEY = "04.blank-mode-weights"
OWN_SCORES_KEY = "04.my-own-scores"


class LiveChart:
    """A chart that redraws fast: built once from a full Chart, then updated from ChartParts.

    Like :class:`fedstate.charts.ChartView`, the figure and its text version always change together,
    but only the traces' data, the title and the text are sent, not a whole new figure (rebuilding and
    validating a plotly figure on every slider step would take most of the 50 ms budget).
    """

    def __init__(self, chart, source_line_for, layout_for=None):
        self.figure = live_figure(chart.figure)  # follows the cell's width
        self.text = Prose(ChartView.text_for(chart))  # the sentence open, the table folded
        self.widget = widgets.VBox([self.figure, fit_to_width(), self.text])
        self.source_line_for = source_line_for
        # layout_for(parts) -> layout changes that depend on the state (sent only when they change)
        self.layout_for, self._layout = layout_for, None
        self.parts = None

    def update(self, parts: model_lib.ChartParts) -> None:
        layout = self.layout_for(parts) if self.layout_for else None
        with self.figure.batch_update():
            for trace, data in zip(self.figure.data, parts.traces):
                trace.update(data)
            self.figure.layout.title.text = parts.title
            if layout is not None and layout != self._layout:
                changes = dict(layout)
                if "annotations" in changes:  # a list is replaced, not merged (an empty one would be ignored)
                    self.figure.layout.annotations = changes.pop("annotations")
                self.figure.update_layout(changes)  # merged: the axes keep their domains and titles
                self._layout = layout
        self.text.value = text_alternative_html(parts.title, parts.summary, parts.table,
                                                self.source_line_for(parts.sources), parts.notes, live=True)
        self.parts = parts


def _box(children, css: str, **layout) -> widgets.VBox:
    box = widgets.VBox(children, layout=widgets.Layout(**layout)) if layout else widgets.VBox(children)
    box.add_class(css)
    return printable(box)  # every view of this notebook prints what it shows (fedstate.widgets.printing)


# ================================================================================================
# The balancing act


def balancing_act() -> widgets.VBox:
    """Three linked sliders (whole percent, always adding up to 100, starting at the article's split)
    and a bar chart of the split beside the article's. Moving one slider rebalances the other two by
    :data:`fedstate.tradeoffs.SHARE_RULE`; the rule is printed under the sliders."""
    act = model_lib.article_balancing_act()
    state = {"shares": act.percents, "busy": False}
    sliders = [widgets.IntSlider(value=v, min=0, max=100, step=1, description=label, continuous_update=False,
                                 readout_format="d", style=SLIDER_STYLE, layout=widgets.Layout(width="44em"))
               for label, v in zip(act.labels, act.percents)]
    total = Prose()
    first = model_lib.shares_chart(act.percents, act)
    fixed_line = first.source_line()
    view = LiveChart(first, lambda _ids: fixed_line)
    rule = Prose(f'<p class="fine" style="max-width:46em"><strong>The rule the sliders follow.</strong> '
                 f"{esc(model_lib.SHARE_RULE)}</p>", layout=FULL)

    def show_total(shares):
        total.value = (f'<p role="status">Your split: '
                       + ", ".join(f"{esc(label)} <strong>{v}%</strong>" for label, v in zip(act.labels, shares))
                       + f" (total {sum(shares)}%).</p>")

    def moved(index, change):
        if state["busy"]:
            return  # a value this callback set itself
        new = model_lib.rebalance_shares(state["shares"], index, int(change["new"]))
        state["shares"] = new
        state["busy"] = True
        try:
            # Each other slider is set at most once per move: setting a displayed slider twice in a row
            # can leave the browser showing the older value (see STACK-NOTES.md).
            for position, slider in enumerate(sliders):
                if position != index and slider.value != new[position]:
                    slider.value = new[position]
        finally:
            state["busy"] = False
        show_total(new)
        view.update(model_lib.shares_chart_parts(new, act))

    for i, slider in enumerate(sliders):
        slider.observe(lambda change, i=i: moved(i, change), "value")
    show_total(act.percents)
    box = _box([Prose("<p><strong>Move a share</strong> (click a handle, then use the arrow keys; "
                             "Home and End jump to 0 and 100).</p>"), *sliders, total, rule, view.widget],
               "fedstate-shares")
    box.sliders, box.total, box.view, box.state = sliders, total, view, state
    box.shares = lambda: state["shares"]
    return box


def article_shares_html() -> Printable:
    """The article's balancing act as printed, with its source, as a static table."""
    act = model_lib.article_balancing_act()
    import pandas as pd

    table = pd.DataFrame({"Share, as the article labels it": act.labels, "Percent": list(act.percents)})
    return Printable(table_html(table, caption="The article's “Balancing Act”")
                     + f"<p><small>{esc(source_line(act.source_ids))}</small></p>")


# ================================================================================================
# Static tables: options, criteria, kinds of evidence


def options_html() -> Printable:
    import pandas as pd

    m = model_lib.starting_model()
    table = pd.DataFrame({"Option": [o.label for o in m.options],
                          "What it means": [o.what_it_means for o in m.options],
                          "Modelled on": [o.modelled_on for o in m.options]})
    ids = [sid for o in m.options for sid in o.source_ids]
    return Printable(table_html(table, caption="The options (means)")
                     + f"<p><small>{esc(source_line(ids))}</small></p>")


def criteria_html() -> Printable:
    import pandas as pd

    m = model_lib.starting_model()
    table = pd.DataFrame({"Criterion": [c.label for c in m.criteria],
                          "States the case of": [model_lib.SIDE_LABELS[c.serves] for c in m.criteria],
                          "The question a score answers": [c.question for c in m.criteria],
                          "10 means": [c.ten_means for c in m.criteria],
                          "0 means": [c.zero_means for c in m.criteria],
                          "Kind of question": [c.question_kind for c in m.criteria],
                          "Where its scores come from": [c.scores_from for c in m.criteria]})
    return Printable(table_html(table, caption="The criteria (goals), each side's case in its own terms; a higher "
                                               "score is always better"))


def evidence_kinds_html() -> Printable:
    frame = model_lib.evidence_kinds().rename(columns={
        "evidence_kind": "Kind of evidence", "what_it_is": "What it is", "how_to_weigh_it": "How to weigh it",
        "minimum_range_width": "Narrowest allowed range (points)"})
    return Printable(table_html(frame, caption="Kinds of evidence, strongest first: weaker evidence, wider range"))


# ================================================================================================
# A decision session: one model, one set of weights, saved as the student works


def _cell_key(model, option_id: str, criterion_id: str) -> str:
    return f"{model.option(option_id).short_label} × {model.criterion(criterion_id).short_label}"


_SAVED_CELL = re.compile(r"^(\d+) \((\d+) to (\d+)\): (.*)$", re.S)


class DecisionSession:
    """A decision model and the student's weights; views listen and redraw when either changes.

    Weights and score changes are saved in the answers file as the student works (so they are
    restored on re-run and included in the exported work).
    """

    def __init__(self, blank: bool = False, store: responses.AnswerStore | None = None):
        self.store = store or responses.store()
        self.blank = blank
        self.start = model_lib.blank_model() if blank else model_lib.starting_model()
        self.model = self.start
        self.weights_key = BLANK_WEIGHTS_KEY if blank else WEIGHTS_KEY
        self.scores_key = OWN_SCORES_KEY if blank else SCORE_CHANGES_KEY
        # every weight starts at 0: no ranking until the student sets weights (there is no default)
        self.weights = {c: model_lib.START_WEIGHT for c in self.model.criterion_ids}
        self._listeners: list = []
        self._analysis = None
        self._restore()

    # -- saving and restoring ---------------------------------------------------------------------
    def _restore(self) -> None:
        saved = self.store.get(self.weights_key)
        if isinstance(saved, dict):
            by_label = {c.short_label: c.id for c in self.model.criteria}
            for label, value in saved.items():
                if label in by_label and isinstance(value, int) and model_lib.WEIGHT_MIN <= value <= model_lib.WEIGHT_MAX:
                    self.weights[by_label[label]] = value
        changes = self.store.get(self.scores_key)
        if isinstance(changes, dict):
            cells = {_cell_key(self.model, o, c): (o, c) for o in self.model.option_ids for c in self.model.criterion_ids}
            for key, text in changes.items():
                match = _SAVED_CELL.match(str(text))
                if key in cells and match:
                    score, low, high, reason = int(match[1]), int(match[2]), int(match[3]), match[4]
                    try:
                        self.model = self.model.with_score(*cells[key], score, low, high, reason)
                    except ValueError:
                        continue  # a hand-edited answers file; skip the unusable entry

    def _save(self) -> None:
        labels = {c.id: c.short_label for c in self.model.criteria}
        self.store.set(self.weights_key, {labels[c]: int(v) for c, v in self.weights.items()},
                       prompt="Your weights (0 = ignore, 10 = matters most) for each criterion"
                              + (" in blank mode" if self.blank else ""), notebook=NOTEBOOK)
        changes = {}
        for (o, c), cell in self.model.cells.items():
            if cell.changed:
                changes[_cell_key(self.model, o, c)] = f"{cell.score} ({cell.low} to {cell.high}): {cell.reason}"
        self.store.set(self.scores_key, changes,
                       prompt=("Your own scores (score (low to high): note)" if self.blank
                               else "Scores you changed (score (low to high): your source or reason)"),
                       notebook=NOTEBOOK)

    # -- changing ---------------------------------------------------------------------------------
    def listen(self, callback) -> None:
        self._listeners.append(callback)

    def _changed(self) -> None:
        self._analysis = None
        self._save()
        for callback in list(self._listeners):
            callback()

    def set_weight(self, criterion_id: str, value: int) -> None:
        self.model.criterion(criterion_id)
        self.weights[criterion_id] = int(value)
        self._changed()

    def set_score(self, option_id: str, criterion_id: str, score: int, low: int, high: int, reason: str):
        """Change one score (ValueError if the change is not valid); returns (before, after) models."""
        before = self.model
        self.model = self.model.with_score(option_id, criterion_id, score, low, high, reason)
        self._changed()
        return before, self.model

    def restore_score(self, option_id: str, criterion_id: str):
        before = self.model
        self.model = self.model.with_start_restored(option_id, criterion_id)
        self._changed()
        return before, self.model

    def set_own_score(self, option_id: str, criterion_id: str, score: int | None) -> None:
        self.model = self.model.with_own_score(option_id, criterion_id, score)
        self._changed()

    @property
    def analysis(self) -> model_lib.Analysis:
        if self._analysis is None:
            self._analysis = model_lib.analyse(self.model, self.weights)
        return self._analysis


def decision_session(blank: bool = False, store: responses.AnswerStore | None = None) -> DecisionSession:
    """A decision model with the module's starting estimates, or with every score blank (``blank=True``)."""
    return DecisionSession(blank=blank, store=store)


# ================================================================================================
# The explorer: weights, chart, ranking, sensitivity


def _weights_text(session: DecisionSession) -> str:
    m = session.model
    w = [session.weights[c] for c in m.criterion_ids]
    pct = model_lib.percent_shares(w)
    parts = ", ".join(f"{esc(c.short_label)} {v} ({p:g}%)" for c, v, p in zip(m.criteria, w, pct))
    return f"<p><strong>Your weights</strong> (and each one's share of the total, rounded): {parts}.</p>"


def _sensitivity_html(session: DecisionSession) -> str:
    a = session.analysis
    if not a.ok:
        return f'<p role="status">{esc(a.problem)}</p>'
    table = model_lib.sensitivity_table(a.model, a.sensitivity, a.weights)
    return (f'<div class="fedstate-sensitivity"><p><strong>What would change the top option?</strong> '
            f"{esc(model_lib.sensitivity_sentence(a.model, a.sensitivity))}</p>"
            + table_html(table, caption="For each criterion, the nearest weight (others unchanged) that changes the top")
            + "</div>")


def decision_explorer(session: DecisionSession) -> widgets.VBox:
    """Weight sliders (0-10, default equal) with the chart, the ranking and the sensitivity they drive."""
    m = session.model
    sliders = {}
    for c in m.criteria:
        slider = widgets.IntSlider(value=session.weights[c.id], min=model_lib.WEIGHT_MIN, max=model_lib.WEIGHT_MAX,
                                   step=1, description=c.short_label, continuous_update=False,
                                   style=WEIGHT_SLIDER_STYLE, layout=widgets.Layout(width="28em", max_width="100%"))
        slider.observe(lambda change, cid=c.id: session.set_weight(cid, change["new"]), "value")
        sliders[c.id] = slider
    weights_text = Prose(_weights_text(session), layout=WIDE)
    view = LiveChart(model_lib.decision_chart(session.analysis), model_lib.model_source_line,
                     layout_for=lambda parts: model_lib.decision_chart_state_layout(not parts.traces[0]["y"]))
    view.text.add_class("fedstate-ranking")
    sensitivity = Prose(_sensitivity_html(session), layout=WIDE)

    def redraw():
        weights_text.value = _weights_text(session)
        view.update(model_lib.decision_chart_parts(session.analysis))
        sensitivity.value = _sensitivity_html(session)

    session.listen(redraw)
    intro = Prose("<p><strong>Set your weights</strong>: 0 means “ignore this criterion”, 10 “matters "
                         "most”. Click a handle, then use the arrow keys. Every weight starts at 0 and no ranking "
                         "appears until you set them: there is no default, and equal weights would be a choice "
                         "too.</p>", layout=WIDE)
    # Two columns where the cell is wide enough (one in a narrow window): nine stacked sliders were
    # taller than a 1366x768 screen. The order (and the Tab order) stays the criteria's order, row by row.
    grid = widgets.GridBox(list(sliders.values()), layout=widgets.Layout(
        grid_template_columns="repeat(auto-fill, minmax(28em, 1fr))", width="100%", max_width="60em"))
    box = _box([intro, grid, weights_text, view.widget, sensitivity],
               "fedstate-weights" if not session.blank else "fedstate-weights-blank")
    box.sliders, box.view, box.sensitivity, box.weights_text, box.session = sliders, view, sensitivity, weights_text, session
    box.redraw = redraw
    return box


# ================================================================================================
# The assumptions ledger


def _ledger_html(session: DecisionSession, criterion_id: str | None) -> str:
    m = session.model
    items = "".join(f"<li>{esc(a)}</li>" for a in model_lib.model_assumptions(m))
    table = model_lib.assumptions_ledger(m, session.weights, criterion_id)
    shown = model_lib.sources_in(m, criterion_id)
    cites = "".join(f"<li>{esc(source_line([sid]).removeprefix('Source: ').rstrip('.'))}</li>" for sid, _ in shown)
    sources = (f"<details><summary>Sources in this view ({len(shown)}): publishers and titles</summary><ul>{cites}</ul>"
               "<p><small>Every source's address is in <code>data/sources.csv</code>.</small></p></details>"
               if shown else "")
    changed = sum(1 for cell in m.cells.values() if cell.changed and cell.reason != model_lib.OWN_ESTIMATE)
    status = (f"{changed} score{'s' if changed != 1 else ''} changed by you (marked in the last column)."
              if not m.blank else f"{len(m.cells) - len(m.missing())} of {len(m.cells)} scores entered.")
    return (f'<div class="fedstate-ledger"><p><strong>The model assumes:</strong></p><ul>{items}</ul>'
            f'<p role="status">{esc(status)}</p>'
            f'<div class="fedstate-scroll" style="max-height:38em;overflow:auto">{table_html(table)}</div>'
            f"{sources}</div>")


def ledger_view(session: DecisionSession) -> widgets.VBox:
    """The assumptions ledger: every score, range, kind of evidence, note and source; it redraws when
    weights or scores change. A drop-down shows one criterion at a time."""
    m = session.model
    choice = widgets.Dropdown(options=[("All criteria", "")] + [(c.label, c.id) for c in m.criteria],
                              value="", description="Show:", layout=widgets.Layout(width="32em"))
    body = Prose(_ledger_html(session, None), layout=widgets.Layout(width="100%"))

    def redraw(*_):
        body.value = _ledger_html(session, choice.value or None)

    choice.observe(redraw, "value")
    session.listen(redraw)
    box = _box([choice, body], "fedstate-ledger-view")
    box.choice, box.body, box.redraw = choice, body, redraw
    # On paper the ledger is reference: the packet prints it at the back, every criterion, in full.
    return printable(box, lambda: ('<details class="fedstate-reference" open><summary>The assumptions ledger: '
                                   "every score, its range, evidence and source</summary>"
                                   f"{_CSS}<div class='fedstate-t04'>{_ledger_html(session, None)}</div></details>"))


# ================================================================================================
# Challenging a score


def _cell_html(session: DecisionSession, option_id: str, criterion_id: str) -> str:
    m = session.model
    cell = m.cell(option_id, criterion_id)
    crit = m.criterion(criterion_id)
    head = (f"<p><strong>{esc(m.option(option_id).label)}</strong> on <strong>{esc(crit.label)}</strong> "
            f"(10 = {esc(crit.ten_means)}; 0 = {esc(crit.zero_means)}).</p>")
    if not cell.filled:
        return head + "<p>Blank: enter your own score.</p>"
    now = f"<p>Score now: <strong>{cell.score}</strong>, range {cell.low} to {cell.high}"
    if cell.start is not None:
        now += f" (module's starting estimate: {cell.start[0]}, range {cell.start[1]} to {cell.start[2]})"
    now += "."
    if cell.changed and cell.reason != model_lib.OWN_ESTIMATE:
        now += f" Your reason: {esc(cell.reason)}"
    now += "</p>"
    note = (f"<p><em>Evidence ({esc(cell.evidence_kind)}):</em> {esc(cell.note)}</p>"
            f"<p><small>{esc(source_line(cell.source_ids))}</small></p>" if cell.note and cell.source_ids else
            f"<p><em>Evidence ({esc(cell.evidence_kind)}):</em> {esc(cell.note)}</p>" if cell.note else "")
    return head + now + note


def score_editor(session: DecisionSession) -> widgets.VBox:
    """Pick one score, change it (and its range), say why; see how the ranking moves."""
    m = session.model
    option = widgets.Dropdown(options=[(o.short_label, o.id) for o in m.options], description="Option:",
                              layout=widgets.Layout(width="30em"))
    criterion = widgets.Dropdown(options=[(c.label, c.id) for c in m.criteria], description="Criterion:",
                                 layout=widgets.Layout(width="30em"))
    current = Prose(layout=WIDE)
    number = dict(min=model_lib.SCORE_MIN, max=model_lib.SCORE_MAX, layout=widgets.Layout(width="11em"))
    score = widgets.BoundedIntText(description="Score:", **number)
    low = widgets.BoundedIntText(description="Low:", **number)
    high = widgets.BoundedIntText(description="High:", **number)
    reason = widgets.Textarea(placeholder="Type your source or reasoning here.",
                              rows=2, layout=widgets.Layout(width="100%", max_width="46em"))
    # Visible labels that also name the boxes for a screen reader (a placeholder is no label).
    numbers_label = Prose("<p><strong>Your score</strong> for this option on this criterion, and the range it "
                          f"could lie in ({model_lib.SCORE_MIN} to {model_lib.SCORE_MAX}):</p>")
    reason_label = Prose("<p><strong>Why?</strong> Your source (who published it, title, date) or your "
                         "reasoning (required):</p>")
    apply = widgets.Button(description="Apply my change", button_style="primary",
                           tooltip="Use your score, range and reason in the model", layout=widgets.Layout(width="auto"))
    restore = widgets.Button(description="Back to the starting estimate" if not m.blank else "Clear this score",
                             tooltip="Undo your change to this one score", layout=widgets.Layout(width="auto"))
    feedback = Prose(layout=WIDE)
    feedback.add_class("fedstate-edit-feedback")

    def show(*_):
        cell = session.model.cell(option.value, criterion.value)
        current.value = _cell_html(session, option.value, criterion.value)
        if cell.filled:
            # Text boxes, not sliders, so setting them from code is safe in the browser.
            score.value, low.value, high.value = cell.score, cell.low, cell.high
        reason.value = cell.reason if cell.changed and cell.reason != model_lib.OWN_ESTIMATE else ""

    def do_apply(_button=None):
        if not reason.value.strip():
            feedback.value = ('<p role="alert" style="color:#a04000">Say why first: name the source (who '
                              "published it, title, date) or give your reasoning.</p>")
            return
        try:
            before, after = session.set_score(option.value, criterion.value, score.value, low.value,
                                              high.value, reason.value)
        except ValueError as problem:
            feedback.value = f'<p role="alert" style="color:#a04000">{esc(str(problem))}</p>'
            return
        effect = model_lib.score_change_effect(before, after, session.weights)
        feedback.value = f'<p role="status"><strong>Applied.</strong> {esc(effect)}</p>'
        show()

    def do_restore(_button=None):
        before, after = session.restore_score(option.value, criterion.value)
        effect = model_lib.score_change_effect(before, after, session.weights)
        feedback.value = f'<p role="status"><strong>Restored.</strong> {esc(effect)}</p>'
        show()

    option.observe(show, "value")
    criterion.observe(show, "value")
    apply.on_click(do_apply)
    restore.on_click(do_restore)
    show()
    wrap = widgets.Layout(flex_flow="row wrap")  # the menus and boxes wrap in a narrow window instead of being cut off
    box = _box([widgets.HBox([option, criterion], layout=wrap), current,
                labelled(widgets.VBox([numbers_label, widgets.HBox([score, low, high], layout=widgets.Layout(
                    flex_flow="row wrap"))]), numbers_label),
                labelled(widgets.VBox([reason_label, reason]), reason_label),
                widgets.HBox([apply, restore], layout=widgets.Layout(flex_flow="row wrap")), feedback], "fedstate-score-editor",
               border="1px solid #ccc", padding="0.6em", max_width="62em")
    box.option, box.criterion, box.score, box.low, box.high, box.reason = option, criterion, score, low, high, reason
    box.apply, box.restore, box.feedback, box.current = apply, restore, feedback, current
    box.do_apply, box.do_restore = do_apply, do_restore
    return box


# ================================================================================================
# Blank mode: a grid for entering every score


BLANK = -1


def my_scores_grid(session: DecisionSession) -> widgets.VBox:
    """One drop-down per option x criterion (blank, or 0-10). Each score you enter gets a range of two
    points either side; change a range in the score editor."""
    m = session.model
    choices = [("blank", BLANK)] + [(str(v), v) for v in range(model_lib.SCORE_MIN, model_lib.SCORE_MAX + 1)]
    cells = {}
    items = [Prose("<strong>Option</strong>")]
    items += [Prose(f"<strong>{esc(c.short_label)}</strong>") for c in m.criteria]
    for o in m.options:
        items.append(Prose(esc(o.short_label)))
        for c in m.criteria:
            cell = m.cell(o.id, c.id)
            box = widgets.Dropdown(options=choices, value=cell.score if cell.filled else BLANK,
                                   layout=widgets.Layout(width="6.5em"),
                                   description_allow_html=False)
            box.tooltip = f"{o.short_label}: {c.label}"
            box.observe(lambda change, o=o.id, c=c.id: session.set_own_score(o, c, None if change["new"] == BLANK
                                                                                else int(change["new"])), "value")
            cells[(o.id, c.id)] = box
            items.append(box)
    grid = widgets.GridBox(items, layout=widgets.Layout(
        grid_template_columns=f"11em repeat({len(m.criteria)}, 7em)", grid_gap="4px 6px"))
    progress = Prose()

    def redraw():
        left = len(session.model.missing())
        total = len(session.model.cells)
        progress.value = (f'<p role="status">{total - left} of {total} scores entered'
                          + (f"; {left} still blank." if left else ". The ranking below uses your scores.") + "</p>")

    session.listen(redraw)
    redraw()
    box = _box([Prose("<p>Pick a score for every cell (10 = best on that criterion; 0 = worst). Your scores "
                      "are saved as you pick them; to see them as a table, run <code>ledger_view(mine)</code>.</p>"),
                grid, progress],
               "fedstate-own-scores")
    box.cells, box.progress = cells, progress
    return printable(box, lambda: _scores_on_paper(session))


def _scores_on_paper(session: DecisionSession) -> str:
    """The blank grid on paper: one empty box per option and criterion."""
    m = session.model
    cell = "border:1px solid #888;padding:4px 6px"
    head = "".join(f'<th style="{cell};font-size:0.85em">{esc(c.short_label)}</th>' for c in m.criteria)
    rows = "".join(f'<tr><th style="{cell};text-align:left;font-size:0.9em">{esc(o.short_label)}</th>'
                   + "".join(f'<td style="{cell};height:1.8em"></td>' for _c in m.criteria) + "</tr>" for o in m.options)
    return question_html(OWN_SCORES_KEY, "<p><strong>Your own scores.</strong> Write a score from 0 (worst) to 10 "
                         "(best on that criterion) in every box.</p>"
                         f'<table style="border-collapse:collapse"><tr><th style="{cell}">Option</th>{head}</tr>'
                         f"{rows}</table>")


# ================================================================================================
# Presets, rank reversal, justification


def preset_comparison(session: DecisionSession) -> widgets.VBox:
    """Your weights beside an illustrative stakeholder's (made up for teaching, never a real person's view)."""
    all_presets = model_lib.presets()
    choice = widgets.Dropdown(options=[(p.label, pid) for pid, p in all_presets.items()],
                              description="Compare with:", style={"description_width": "initial"},
                              layout=widgets.Layout(width="40em"))
    body = Prose(layout=WIDE)

    def redraw(*_):
        preset = all_presets[choice.value]
        table, sentence = model_lib.compare_with_preset(session.model, session.weights, preset)
        mirror = next((p for p in all_presets.values() if p.pair == preset.pair and p.id != preset.id), None)
        pair = (f" It has a mirror illustration from the other side ({esc(mirror.label.removeprefix('Illustration: '))}), "
                "with the same weights swapped between the two sides' criteria." if mirror else "")
        body.value = (f'<div class="fedstate-preset"><p><em>{esc(preset.label)} (an illustration of the case for '
                      f"{esc(model_lib.SIDE_LABELS[preset.side])}). These weights and reasons were made up for "
                      f"teaching; they are not the view of any real person or organization.{pair}</em></p>"
                      f'<p role="status">{esc(sentence)}</p>' + table_html(table) + "</div>")

    choice.observe(redraw, "value")
    session.listen(redraw)
    redraw()
    box = _box([choice, body], "fedstate-presets")
    box.choice, box.body, box.redraw = choice, body, redraw
    return box


def rank_reversal_check(session: DecisionSession) -> widgets.VBox:
    """A button that says whether the current weights rank a different option first than equal weights."""
    button = widgets.Button(description="Check for a rank reversal", tooltip="Compare with equal weights",
                            layout=widgets.Layout(**BUTTON))
    feedback = Prose(layout=WIDE)

    def check(_button=None):
        found, message = model_lib.rank_reversal_feedback(session.model, session.weights)
        colour = "#006b3c" if found else "#a04000"
        feedback.value = f'<p role="status" style="color:{colour}">{"✔" if found else "…"} {esc(message)}</p>'
        return found

    button.on_click(check)
    box = _box([button, feedback], "fedstate-reversal")
    box.button, box.feedback, box.check = button, feedback, check
    return box


def justification_check(question_id: str, prompt: str | None = None, session: DecisionSession | None = None,
                        store: responses.AnswerStore | None = None) -> widgets.VBox:
    """A written answer (saved as typed) and a checklist on the shape of the reasoning, never on the values.

    The prompt comes from the question catalogue (fedstate.questions) unless given."""
    if session is None:
        raise TypeError("justification_check needs the decision session: justification_check(question_id, session=session)")
    store = store or responses.store()
    answer = answer_box(question_id, prompt, notebook=NOTEBOOK, rows=6, store=store)
    button = widgets.Button(description="Look over my reasons", tooltip="A checklist for your written reasons",
                            layout=widgets.Layout(**BUTTON))
    feedback = Prose(layout=WIDE)

    def check(_button=None):
        items = model_lib.justification_feedback(answer.area.value, session.model.criteria)
        rows = "".join(f"<li>{'✔' if ok else '○'} {esc(text)}</li>" for ok, text in items)
        feedback.value = ('<div role="status"><ul style="list-style:none;padding-left:0.5em">' + rows + "</ul>"
                          "<p><small>This checklist looks only at how the reasoning is built. It does not "
                          "judge your values: there is no right set of weights.</small></p></div>")
        return items

    button.on_click(check)
    box = _box([answer, button, feedback], "fedstate-justify")
    box.answer, box.button, box.feedback, box.check = answer, button, feedback, check
    return box


# ================================================================================================
# The benchmark hooks (benchmarks/run.py and benchmarks/bench_tradeoffs.py time each callback)


def benchmark_actions() -> list:
    """Build every widget once (answers go to a temporary folder), then return one closure per callback."""
    import tempfile

    store = responses.AnswerStore(tempfile.mkdtemp(prefix="fedstate-bench-"), debounce=60)
    shares = balancing_act()
    session = decision_session(store=store)
    explorer = decision_explorer(session)
    ledger = ledger_view(session)
    editor = score_editor(session)
    presets_box = preset_comparison(session)
    reversal = rank_reversal_check(session)
    justify = justification_check("04.bench-justify", "Why?", session, store=store)
    justify.answer.area.value = ("I weigh public safety and due process more than cost because the evidence "
                                 "from courts and studies shows ...")
    blank = decision_session(blank=True, store=store)
    grid = my_scores_grid(blank)
    blank_explorer = decision_explorer(blank)
    for (o, c), cell_box in grid.cells.items():
        cell_box.value = 5
    counter = {"n": 0}

    def tick():
        counter["n"] += 1
        return counter["n"]

    def share_slider():
        slider = shares.sliders[tick() % 3]
        slider.value = (slider.value + 7) % 101

    def weight_slider():
        slider = explorer.sliders["transfers"]
        slider.value = 3 if slider.value != 3 else 5

    def score_edit():
        editor.option.value, editor.criterion.value = "honor-all", "safety"
        editor.score.value = 6 if editor.score.value != 6 else 5
        editor.low.value, editor.high.value = 3, 8
        editor.reason.value = "benchmark"
        editor.do_apply()

    def pick_cell():
        editor.criterion.value = "trust" if editor.criterion.value != "trust" else "rights"

    def ledger_filter():
        ledger.choice.value = "cost" if ledger.choice.value != "cost" else ""

    def preset_pick():
        presets_box.choice.value = "sheriff-cooperating" if presets_box.choice.value != "sheriff-cooperating" else "police-chief-limits"

    def blank_cell():
        cell_box = grid.cells[("honor-all", "safety")]
        cell_box.value = 7 if cell_box.value != 7 else 4

    def blank_weight():
        slider = blank_explorer.sliders["cost"]
        slider.value = 8 if slider.value != 8 else 5

    return [
        ("balancing act: move a share slider", share_slider),
        ("decision: move a weight slider (chart, ranking, Monte Carlo, sensitivity, ledger, presets)", weight_slider),
        ("decision: apply a score change", score_edit),
        ("decision: pick a cell in the score editor", pick_cell),
        ("decision: filter the ledger", ledger_filter),
        ("decision: choose a preset", preset_pick),
        ("decision: check for a rank reversal", reversal.check),
        ("decision: look over my reasons", justify.check),
        ("blank mode: enter a score", blank_cell),
        ("blank mode: move a weight slider", blank_weight),
    ]
