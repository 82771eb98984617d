"""Every control the notebooks build has a name a screen reader can announce, headless.

ipywidgets cannot set ARIA attributes, so the builders follow conventions that the page's
accessibility helper (fedstate.widgets.access) turns into names in the browser: a control shows its
own description, or sits in a container marked with ``labelled()`` whose visible question names it.
A text area or number box is never named by its placeholder alone. tests/test_accessibility.py
checks the result in real JupyterLab; this test walks every builder's widget tree without one.
"""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from fedstate.widgets import access

CONTROLS = (widgets.Dropdown, widgets.Select, widgets.RadioButtons, widgets.ToggleButtons, widgets.Textarea,
            widgets.Text, widgets.BoundedIntText, widgets.IntText, widgets.IntSlider, widgets.FloatSlider,
            widgets.Checkbox)
#: Controls that may be named by their tooltip (the helper's fallback): the score grid's cells, whose
#: visible labels are the row and the column around them.
TOOLTIP_OK = (widgets.Dropdown,)


def _builders():
    from fedstate import law, reading, stats
    from fedstate import tradeoffs as t
    from fedstate.checks import Choice, MultipleChoice
    from fedstate.widgets import common, deliberation, predict, reader
    from fedstate.widgets import law as law_widgets
    from fedstate.widgets import stats as stats_widgets
    from fedstate.widgets import tradeoffs as tw

    def numeric_check():
        return common.self_check(stats.SELF_CHECKS["03.pandas-share"])

    def choice_check():
        return common.self_check(MultipleChoice("x.check", "Pick one", (Choice("a", True, "because"),
                                                                         Choice("b", False, "because not", "a slip"))))

    session = lambda blank=False: tw.decision_session(blank=blank)  # noqa: E731
    return {
        "answer box": lambda: common.answer_box("x.q", "A question?", words=(10, 20)),
        "self-check (choices)": choice_check,
        "self-check (number)": numeric_check,
        "name box": common.name_box,
        "predict first": predict.predict_first,
        "reader": reader.article_reader,
        "cue sorter": reader.cue_sorter,
        "quotation tracer": reader.quotation_tracer,
        "wording coach": reader.wording_coach,
        "sentence tagger": reader.sentence_tagger,
        "self-check (01)": lambda: common.self_check(reading.TEXT_KIND),
        "state map": law_widgets.state_map,
        "timeline": law_widgets.timeline_explorer,
        "scenario explorer": law_widgets.scenario_explorer,
        "powers sort": law_widgets.powers_sort,
        "question types sort": law_widgets.question_types_sort,
        "self-check (02)": lambda: common.self_check(law.DETAINER_IS),
        "denominator explorer": stats_widgets.denominator_explorer,
        "table that sums": stats_widgets.table_that_sums,
        "trends": stats_widgets.trends_explorer,
        "chart honesty": stats_widgets.chart_honesty,
        "research explorer": stats_widgets.research_explorer,
        "balancing act": tw.balancing_act,
        "decision explorer": lambda: tw.decision_explorer(session()),
        "ledger": lambda: tw.ledger_view(session()),
        "score editor": lambda: tw.score_editor(session()),
        "own scores grid": lambda: tw.my_scores_grid(session(blank=True)),
        "presets": lambda: tw.preset_comparison(session()),
        "justification": lambda: tw.justification_check("04.x", "Why these weights?", session()),
        "self-check (04)": lambda: common.self_check(t.self_checks()["04.shares-of-what"]),
        "evidence cards": deliberation.evidence_cards,
        "SAC worksheet": deliberation.sac_worksheet,
        "steelman": deliberation.steelman_box,
        "summative task": lambda: deliberation.summative_task("argument-essay"),
    }


def _walk(widget, ancestors=()):
    yield widget, ancestors
    for child in getattr(widget, "children", ()):
        yield from _walk(child, ancestors + (widget,))


def _field_label(ancestors) -> str:
    """The visible question of the nearest container marked with labelled(), if any."""
    for container in reversed(ancestors):
        if access.FIELD in container._dom_classes:
            for widget, _ in _walk(container):
                if access.FIELD_LABEL in getattr(widget, "_dom_classes", ()) and getattr(widget, "value", ""):
                    return widget.value
            return ""
    return ""


def _unnamed(root) -> list[str]:
    problems = []
    for widget, ancestors in _walk(root):
        if not isinstance(widget, CONTROLS):
            continue
        description = (widget.description or "").strip()
        question = _field_label(ancestors)
        if description or question:
            continue
        if isinstance(widget, TOOLTIP_OK) and (widget.tooltip or "").strip():
            continue
        placeholder = getattr(widget, "placeholder", "")
        problems.append(f"{type(widget).__name__}{' (placeholder only: ' + repr(placeholder) + ')' if placeholder else ''}")
    return problems


@pytest.mark.parametrize("name", list(_builders()))
def test_every_control_is_named_by_visible_text(name, answers_dir):
    root = _builders()[name]()
    controls = [w for w, _ in _walk(root) if isinstance(w, CONTROLS)]
    assert controls, f"{name}: no control found (the walk is broken?)"
    assert _unnamed(root) == [], f"{name}: controls with no visible label or question"


def test_answer_box_is_named_by_its_question_and_described_by_its_word_count(answers_dir):
    from fedstate.widgets.common import answer_box

    box = answer_box("x.q", "Which claim surprised you?", words=(10, 20))
    assert access.FIELD in box._dom_classes
    label, area = box.children[0], box.area
    assert access.FIELD_LABEL in label._dom_classes and "Which claim surprised you?" in label.value
    assert access.FIELD_HINT in box.counter._dom_classes
    assert area.description == ""  # named by the question above it, not by a second label


def test_the_page_helper_is_one_widget_per_kernel_and_carries_its_script():
    helper = access.page_helper()
    assert access.page_helper() is helper
    script = helper._esm
    for piece in ("stopPropagation", "radiogroup", "aria-pressed", "aria-describedby", 'role", "img',
                  "text-decoration: underline", "tabindex", access.FIELD_LABEL):
        assert piece in script, piece


def test_charts_have_no_mode_bar(answers_dir):
    from fedstate.charts import PLOTLY_CONFIG, figure_bundle, live_figure
    from fedstate.stats import honesty_chart

    chart = honesty_chart()
    assert PLOTLY_CONFIG["displayModeBar"] is False
    assert live_figure(chart.figure)._config["displayModeBar"] is False
    assert figure_bundle(chart.figure)["application/vnd.plotly.v1+json"]["config"]["displayModeBar"] is False
