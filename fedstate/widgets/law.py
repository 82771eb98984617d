"""Widgets for notebook 02, "Who decides?": the state map, the timeline, the scenario explorer, sorting.

Thin wiring only: answers come from :mod:`fedstate.law`, figures and HTML from
:mod:`fedstate.law_charts`. Every builder returns its container with its parts as attributes, so a
test can set a value and read what the student would see. Every control is a standard ipywidget
(drop-downs, toggle buttons, check boxes, buttons), usable from the keyboard.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from fedstate import law, responses
from fedstate import law_charts as charts
from fedstate.charts import ChartView, text_alternative_html
from fedstate.schemas.law import TIMELINE_KINDS
from fedstate.widgets.access import labelled
from fedstate.widgets.common import FULL, prose, show_placeholder
from fedstate.widgets.printing import printable, sorting_print_html

WIDE = widgets.Layout(width="100%", max_width="62em")


def _dropdown(label: str, options, value, css: str, width: str = "40em") -> widgets.Dropdown:
    menu = widgets.Dropdown(options=options, value=value, description=label, style={"description_width": "8em"},
                            layout=widgets.Layout(width=width))
    menu.add_class(css)
    return menu


# ---------------------------------------------------------------------------------------------
# State map


def state_map(view: str = "law", selected: str | None = None) -> widgets.VBox:
    """The tile map with two views (state law, DOJ's list) and a state chooser showing laws and sources.

    Choose a state from the menu or click its tile. Selecting only moves the outline on the figure
    (a quick update); switching the view redraws the tiles and the text version.
    """
    view_toggle = widgets.ToggleButtons(
        options=[(label, key) for key, label in charts.MAP_VIEWS.items()], value=view,
        tooltips=["What each state's own law does", "The federal government's list of 'sanctuary jurisdictions'"],
        description="The map shows:", style={"button_width": "19em", "description_width": "initial"})
    view_toggle.add_class("fedstate-map-view")
    names = law.jurisdictions().sort_values("name")
    state_select = show_placeholder(_dropdown("State:", [("Choose a state…", None)] + list(zip(names["name"], names["abbr"])),
                                              selected, "fedstate-map-state", width="26em"))
    chart_view = ChartView(charts.state_tile_map(view, selected))
    chart_view.widget.add_class("fedstate-map")
    detail = widgets.HTML(prose(charts.state_detail_html(selected)), layout=WIDE)
    caveat = widgets.HTML(
        prose("<p><small><strong>Read with care:</strong> " + html.escape(charts.MAP_NOTES[0]) + "</small></p>"),
        layout=WIDE)

    def outline(abbr):
        """Move the selection outline without rebuilding the figure."""
        if abbr is None:
            chart_view.figure.layout.shapes = ()
            return
        grid = law.tile_grid().set_index("abbr")
        chart_view.figure.layout.shapes = (charts.selection_outline(int(grid.loc[abbr, "col"]), int(grid.loc[abbr, "row"])),)

    def chose_state(change):
        detail.value = prose(charts.state_detail_html(change["new"]))
        outline(change["new"])

    def chose_view(change):
        chart_view.update(charts.state_tile_map(change["new"], state_select.value))
        _register_click()

    def clicked(trace, points, _state):
        if points.point_inds:
            abbr = charts.state_at(int(points.xs[0]), int(points.ys[0]))
            if abbr:
                state_select.value = abbr

    def _register_click():
        chart_view.figure.data[0].on_click(clicked)

    state_select.observe(chose_state, "value")
    view_toggle.observe(chose_view, "value")
    _register_click()
    box = widgets.VBox([view_toggle, chart_view.widget, state_select, detail, caveat])
    box.view_toggle, box.state_select, box.chart_view, box.detail = view_toggle, state_select, chart_view, detail
    box.click_tile = lambda abbr: state_select.__setattr__("value", abbr)
    return printable(box)


# ---------------------------------------------------------------------------------------------
# Timeline


def timeline_explorer(period: str = "all") -> widgets.VBox:
    """The timeline with a check box per kind of event and a choice of period."""
    boxes = {}
    for kind in TIMELINE_KINDS:
        box = widgets.Checkbox(value=True, description=law.TIMELINE_KIND_LABELS[kind], indent=False,
                               layout=widgets.Layout(width="auto", margin="0 1.2em 0 0"))
        box.add_class("fedstate-timeline-kind")
        boxes[kind] = box
    period_select = _dropdown("Period:", [(label, key) for key, (label, _s, _e) in law.TIMELINE_PERIODS.items()],
                              period, "fedstate-timeline-period", width="30em")
    chart_view = ChartView(charts.timeline_chart(TIMELINE_KINDS, period))
    chart_view.widget.add_class("fedstate-timeline")

    def selected_kinds() -> tuple[str, ...]:
        return tuple(k for k, b in boxes.items() if b.value)

    def redraw(_change=None):
        # Update the traces' data and the axis range in place (same trace structure every time), and
        # the text version with them, instead of rebuilding and re-validating the whole figure.
        parts = charts.timeline_parts(selected_kinds(), period_select.value)
        figure = chart_view.figure
        with figure.batch_update():
            for trace, new in zip(figure.data, parts["traces"]):
                trace.update({k: v for k, v in new.items() if k != "type"}, overwrite=True)
            figure.layout.xaxis.range = parts["layout"]["xaxis"]["range"]
            figure.layout.height = parts["height"]
        chart_view.text.value = text_alternative_html(parts["title"], parts["summary"], parts["table"],
                                                      charts.source_line_safe(parts["sources"]), parts["notes"],
                                                      live=True)

    for b in boxes.values():
        b.observe(redraw, "value")
    period_select.observe(redraw, "value")
    label = widgets.HTML("<strong>Show:</strong>")
    container = widgets.VBox([widgets.HBox([label, *boxes.values()]), period_select, chart_view.widget])
    container.kind_boxes, container.period_select, container.chart_view = boxes, period_select, chart_view
    container.selected_kinds = selected_kinds
    return printable(container)


# ---------------------------------------------------------------------------------------------
# Scenario explorer


def scenario_explorer(jurisdiction: str = "federal", request: str = "detainer",
                      situation: str = "no-record") -> widgets.VBox:
    """Choose a place, what ICE sent and the person's situation; read what the jail may, must or must not do."""
    jurisdiction_menu = _dropdown("Where:", law.options("jurisdiction"), jurisdiction, "fedstate-scenario-jurisdiction")
    request_menu = _dropdown("ICE sends:", law.options("request"), request, "fedstate-scenario-request")
    situation_menu = _dropdown("The person:", law.options("situation"), situation, "fedstate-scenario-situation")
    answer = widgets.HTML(layout=WIDE)
    answer.add_class("fedstate-scenario-panel")
    comparison = widgets.HTML(layout=WIDE)

    def show(_change=None):
        outcome = law.detainer_outcome(jurisdiction_menu.value, request_menu.value, situation_menu.value)
        answer.value = prose(charts.scenario_answer_html(outcome))
        comparison.value = prose(charts.comparison_html(request_menu.value, situation_menu.value))
        container.outcome = outcome

    container = widgets.VBox([jurisdiction_menu, request_menu, situation_menu, answer,
                              widgets.HTML("<p><strong>Same person, same request, everywhere:</strong></p>"),
                              comparison])
    for menu in (jurisdiction_menu, request_menu, situation_menu):
        menu.observe(show, "value")
    show()
    container.jurisdiction, container.request, container.situation = jurisdiction_menu, request_menu, situation_menu
    container.answer, container.comparison = answer, comparison
    return printable(container)


# ---------------------------------------------------------------------------------------------
# Sorting activities


def sorting_activity(activity: str, question_id: str, prompt: str,
                     store: responses.AnswerStore | None = None) -> widgets.VBox:
    """Put each item in a bin with a drop-down, then press Check for feedback that names the deciding case.

    The choices are saved with the student's answers (as text), and restored when the notebook is run again.
    """
    store = store or responses.store()
    items = law.sort_items(activity)
    text_col = law.ACTIVITIES[activity][1]
    bins = law.sort_bins(activity)
    bin_labels = {key: label for label, key in bins}
    saved = store.get(question_id)
    saved = saved if isinstance(saved, dict) else {}
    choices: dict[str, widgets.Dropdown] = {}
    rows = []
    for number, (_, item) in enumerate(items.iterrows(), start=1):
        menu = show_placeholder(widgets.Dropdown(
            options=[("— choose —", None)] + bins,
            value=saved.get(item["id"]) if saved.get(item["id"]) in bin_labels else None,
            layout=widgets.Layout(width="26em")))
        menu.add_class(f"fedstate-sort-{activity}")
        choices[item["id"]] = menu
        text = widgets.HTML(prose(f"<span>{number}. {html.escape(item[text_col])}</span>"), layout=widgets.Layout(width="30em"))
        rows.append(labelled(widgets.HBox([text, menu], layout=widgets.Layout(
            align_items="center", margin="0.15em 0", flex_flow="row wrap")), text))  # the menu is named by its item
    button = widgets.Button(description="Check my sorting", tooltip="Compare your choices with the law and the evidence")
    feedback = widgets.HTML(layout=FULL)

    def answers() -> dict:
        return {item_id: menu.value for item_id, menu in choices.items() if menu.value is not None}

    def save(_change=None):
        store.set(question_id, answers(), prompt=prompt, notebook=law.NOTEBOOK)

    def check(_button=None):
        results = law.grade_sort(activity, answers())
        feedback.value = prose(charts.sort_feedback_html(results, bin_labels))
        save()
        return results

    for menu in choices.values():
        menu.observe(save, "value")
    button.on_click(check)
    header = widgets.HTML(prose(f"<p><strong>{html.escape(prompt)}</strong></p>"), layout=FULL)
    container = widgets.VBox([header, *rows, button, feedback], layout=widgets.Layout(margin="0.5em 0 1em 0"))
    container.choices, container.button, container.feedback, container.check = choices, button, feedback, check
    return printable(container, lambda: _sorting_print_html(activity, question_id, prompt, bins, bin_labels))


def _sorting_print_html(activity, question_id, prompt, bins, bin_labels) -> str:
    key = [(bin_labels[r.answer], r.explanation + (f" (Decided by: {'; '.join(r.authorities)}.)" if r.authorities else ""))
           for r in law.grade_sort(activity, {})]
    items = list(law.sort_items(activity)[law.ACTIVITIES[activity][1]])
    return sorting_print_html(question_id, prompt, bins, items, key)


def powers_sort(store: responses.AnswerStore | None = None) -> widgets.VBox:
    return sorting_activity("powers", "02.sort-powers",
                            "Who can require what? Put each power or action in its bin.", store)


def question_types_sort(store: responses.AnswerStore | None = None) -> widgets.VBox:
    return sorting_activity("question-types", "02.sort-question-types",
                            "Settled or open? Label each question: legal and settled, legal and contested, empirical, or a question of values.",
                            store)


# ---------------------------------------------------------------------------------------------
# Prediction reveal


def prediction_reveal(prediction_id: str, evidence: str, source_ids) -> widgets.HTML:
    """The start notebook's guess beside the evidence (fedstate.widgets.predict), in a wide HTML widget."""
    from fedstate.widgets.predict import prediction_vs_evidence_html

    return printable(widgets.HTML(prediction_vs_evidence_html(prediction_id, evidence, source_ids), layout=WIDE))


# ---------------------------------------------------------------------------------------------
# Benchmark


def benchmark_actions() -> list[tuple[str, callable]]:
    """One widget callback per item, on widgets built once here, for the project benchmark."""
    import tempfile

    # The sorting widget saves as it is used: keep the benchmark's answers out of a real student's file.
    store = responses.AnswerStore(tempfile.mkdtemp(prefix="fedstate-bench-"))
    the_map = state_map()
    the_timeline = timeline_explorer()
    explorer = scenario_explorer()
    powers = powers_sort(store)
    jurisdictions = [j for _label, j in law.options("jurisdiction")]
    states = ["CA", "TX", "IL", "NY", "AK"]
    periods = list(law.TIMELINE_PERIODS)
    counter = {"j": 0, "s": 0, "v": 0, "p": 0, "k": 0}

    def next_value(key, values):
        counter[key] = (counter[key] + 1) % len(values)
        return values[counter[key]]

    def flip(box):
        box.value = not box.value

    return [
        ("law: scenario, change jurisdiction", lambda: setattr(explorer.jurisdiction, "value", next_value("j", jurisdictions))),
        ("law: scenario, change situation", lambda: setattr(explorer.situation, "value", next_value("s", list(law.SITUATION_IDS)))),
        ("law: map, select a state", lambda: setattr(the_map.state_select, "value", next_value("v", states))),
        ("law: map, switch view", lambda: setattr(the_map.view_toggle, "value", "doj" if the_map.view_toggle.value == "law" else "law")),
        ("law: timeline, switch period", lambda: setattr(the_timeline.period_select, "value", next_value("p", periods))),
        ("law: timeline, toggle a kind", lambda: flip(the_timeline.kind_boxes["law"])),
        ("law: sorting, check answers", lambda: powers.check()),
    ]
