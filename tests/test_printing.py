"""Every widget has a print view, and the packet's preprocessor turns an executed notebook into paper.

These run without a browser: widgets are built headlessly, and the preprocessor is fed notebooks made
here. tests/test_packets.py builds and prints the real packets with Chromium.
"""

from __future__ import annotations

import importlib
import inspect
import re

import nbformat
import plotly.graph_objects as go
import pytest

from fedstate import packets
from fedstate.checks import Choice, MultipleChoice, Numeric
from fedstate.packets import PacketError, PrintPreprocessor, model_answers
from fedstate.widgets import printing
from fedstate.widgets.common import answer_box, export_panel, name_box, self_check

WIDGET_MODULES = ("common", "deliberation", "law", "predict", "reader", "stats", "tradeoffs")
#: How to call the builders that need arguments (everything else is called with none).
ARGUMENTS = {
    "answer_box": lambda: ("99.q", "A question?"),
    "self_check": lambda: (MultipleChoice("99.mc", "Pick", (Choice("yes", True, "b"), Choice("no", False, "c", "m"))),),
    "summative_task": lambda: ("argument-essay",),
    "sorting_activity": lambda: ("powers", "02.sort-powers", "Sort them."),
    "prediction_control": lambda: (__import__("fedstate.predictions").predictions.PREDICTIONS[0],),
    "prediction_reveal": lambda: ("predict.must-hold", "Evidence.", ["galarza-2014-lexisnexis"]),
    "pandas_check": lambda: ("03.pandas-share", ...),
    "justification_check": lambda: ("99.why", "Why?", _session()),
}
#: Functions that take a widget and return it (not builders of their own).
HELPERS = {"show_placeholder"}
SESSION_BUILDERS = {"decision_explorer", "ledger_view", "score_editor", "my_scores_grid", "preset_comparison",
                    "rank_reversal_check"}


def _session():
    from fedstate.widgets.tradeoffs import decision_session

    return decision_session()


def _builders():
    found = []
    for name in WIDGET_MODULES:
        module = importlib.import_module(f"fedstate.widgets.{name}")
        for attr, value in vars(module).items():
            if (inspect.isfunction(value) and value.__module__ == module.__name__ and not attr.startswith("_")
                    and "widgets" in str(inspect.signature(value).return_annotation) and attr not in HELPERS):
                found.append((name, attr, value))
    return found


BUILDERS = _builders()


def test_every_widget_builder_is_found():
    names = {attr for _m, attr, _f in BUILDERS}
    assert {"answer_box", "self_check", "state_map", "denominator_explorer", "balancing_act", "evidence_cards",
            "article_reader", "predict_first", "my_scores_grid", "sorting_activity"} <= names


@pytest.mark.parametrize("builder", BUILDERS, ids=[f"{m}.{a}" for m, a, _f in BUILDERS])
def test_every_widget_builder_gives_a_print_view_beside_the_widget_view(builder, answers_dir):
    _module, name, function = builder
    args = (_session(),) if name in SESSION_BUILDERS else ARGUMENTS.get(name, tuple)()
    widget = function(*args)
    bundle = widget._repr_mimebundle_()
    assert printing.WIDGET_VIEW in bundle, "the live widget stays what JupyterLab shows"
    assert "text/html" in bundle, f"{name} has no print view"
    view = bundle["text/html"]
    if name not in ("export_panel", "rank_reversal_check"):  # a button has nothing to print
        assert re.sub(r"<[^>]+>", "", view).strip(), f"{name}: the print view is empty"
    for code in ("VBox(", "HBox(", "Layout(", "IntSlider(", "<bound method"):
        assert code not in view, f"{name}: widget internals in the print view"


def test_a_written_answer_prints_its_prompt_and_lines_in_proportion(answers_dir):
    short = printing.print_html(answer_box("99.a", "Short answer?", rows=2))
    essay = printing.print_html(answer_box("99.b", "Essay?", words=(120, 180)))
    long_essay = printing.print_html(answer_box("99.c", "Long essay?", words=(500, 800)))
    count = lambda view: view.count('class="fedstate-line"')  # noqa: E731
    assert "Short answer?" in short and 'data-fedstate-question="99.a"' in short
    assert count(short) == 3 and count(essay) == 17 and count(long_essay) == printing.MAX_LINES
    assert "about 120–180 words" in essay and "Continue on lined paper" in long_essay
    typed = answer_box("99.a", "Short answer?", rows=2)
    typed.area.value = "My own words."
    assert "My own words." in printing.print_html(typed) and count(printing.print_html(typed)) == 0


def test_a_self_check_prints_its_options_lettered_as_students_see_them_with_a_key(answers_dir):
    question = MultipleChoice("99.mc", "Which one?", (
        Choice("the right one", True, "Because."), Choice("a wrong one", False, "No.", "a misconception"),
        Choice("another wrong one", False, "No.", "another misconception")), answer_position=2)
    view = printing.print_html(self_check(question))
    letters = re.findall(r"<strong>([A-C])\.</strong> ([a-z ]+)</li>", view.split(printing.KEY_CLASS)[0])
    assert letters == [(L, c.text) for L, c in zip("ABC", question.displayed_choices)]
    assert "Your answer (letter)" in view
    key = view.split(printing.KEY_CLASS, 1)[1]
    assert "<strong>C.</strong> the right one" in key and "a misconception" in key


def test_a_numeric_self_check_prints_a_blank_with_its_unit_and_the_key(answers_dir):
    question = Numeric("99.n", "How many?", 3, 0, "Three.", unit="states")
    view = printing.print_html(self_check(question))
    assert "How many?" in view and "states" in view and "<strong>3 states</strong>" in view


def test_an_explorer_prints_its_chart_static_with_its_text_version(answers_dir):
    from fedstate.widgets.stats import trends_explorer

    view = printing.print_html(trends_explorer())
    assert 'class="fedstate-print-plot"' in view and "data-plotly=" in view
    assert "fedstate-textalt" in view and "Measure: " in view


def test_name_and_export_print_as_paper_would(answers_dir):
    assert "Your name" in printing.print_html(name_box())
    assert printing.print_html(export_panel()) == ""


# ---------------------------------------------------------------------------------------------
# The preprocessor


def _notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def _code(*outputs, tags=()):
    cell = nbformat.v4.new_code_cell("x = 1")
    cell.outputs = list(outputs)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def _display(data):
    return nbformat.v4.new_output("display_data", data=data)


def _run(nb, edition="student", answers=None):
    pre = PrintPreprocessor(edition=edition, title="99 Test", answers=answers or {})
    nb, _ = pre.preprocess(nb, {})
    return nb


def _html(nb) -> str:
    return "".join(o.data.get("text/html", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs) + \
        "".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_widget_outputs_keep_only_their_print_view_and_plotly_becomes_a_static_chart():
    figure = go.Figure(go.Bar(x=["a"], y=[1]), layout={"title": {"text": "T"}}).to_plotly_json()
    nb = _run(_notebook(_code(
        _display({printing.WIDGET_VIEW: {"model_id": "1"}, "text/plain": "VBox(...)", "text/html": "<p>printed</p>"}),
        _display({packets.PLOTLY_MIME: figure, "text/plain": "Figure"}),
        nbformat.v4.new_output("execute_result", data={"text/plain": "<object at 0x1>"}, execution_count=1),
        nbformat.v4.new_output("stream", name="stderr", text="a warning"))))
    outputs = nb.cells[1].outputs
    assert [list(o.data) for o in outputs] == [["text/html"], ["text/html"]]
    assert "printed" in outputs[0].data["text/html"] and "fedstate-print-plot" in outputs[1].data["text/html"]


def test_a_widget_without_a_print_view_stops_the_build():
    nb = _notebook(_code(_display({printing.WIDGET_VIEW: {"model_id": "1"}, "text/plain": "Button(...)"})))
    with pytest.raises(PacketError, match="no print view"):
        _run(nb)


def test_every_details_element_is_opened():
    nb = _run(_notebook(nbformat.v4.new_markdown_cell('<details class="fedstate-text-version"><summary>Text version'
                                                      "</summary>x</details>"),
                        _code(_display({"text/html": "<details><summary>S</summary>y</details>"}))))
    assert _html(nb).count("<details open") == 2


def test_the_student_edition_has_no_key_and_the_teacher_edition_adds_the_notes():
    question = printing.written_answer_html("99.q", "Explain.") + printing.self_check_print_html(
        MultipleChoice("99.mc", "Pick", (Choice("yes", True, "b"), Choice("no", False, "c", "m"))))
    student = _html(_run(_notebook(_code(_display({"text/html": question})))))
    teacher = _html(_run(_notebook(_code(_display({"text/html": question}))), "teacher",
                         {"99.q": "A strong answer **names** the law."}))
    assert printing.KEY_CLASS not in student and "Explain." in student
    assert teacher.count(printing.KEY_CLASS) == 2 and "<strong>names</strong>" in teacher
    assert "Teacher edition" in teacher and "Name:" in student


def test_extensions_move_to_an_appendix_after_the_core_path():
    nb = _run(_notebook(nbformat.v4.new_markdown_cell("# Title"),
                        nbformat.v4.new_markdown_cell("## Extension: more (about 10 min)", metadata={"tags": ["extension"]}),
                        nbformat.v4.new_markdown_cell("## Core section")))
    sources = [c.source for c in nb.cells]
    assert sources.index("## Core section") < next(i for i, s in enumerate(sources) if packets.APPENDIX_TITLE in s)
    assert sources[-1].startswith("## Extension: more")


def test_long_tables_move_to_the_back_once_and_repeats_point_to_them():
    rows = "".join(f"<tr><td>{i}</td></tr>" for i in range(packets.LONG_TABLE + 5))
    table = f'<table><caption>Every state</caption><tbody>{rows}</tbody></table>'
    short = "<table><tbody><tr><td>short</td></tr></tbody></table>"
    nb = _run(_notebook(_code(_display({"text/html": table + short})), _code(_display({"text/html": table}))))
    printed = _html(nb)
    assert printed.count("as R1.") == 2 and "short" in printed
    assert packets.TABLES_TITLE in printed and printed.count("R1. Every state") == 1


def test_a_long_folded_text_version_moves_to_the_back_and_a_short_one_stays():
    long_text = "<p>" + "word " * (packets.LONG_FOLDED // 4) + "</p>"
    nb = _run(_notebook(_code(_display({"text/html": f"<details><summary>Text version: long</summary>{long_text}"
                                                     "</details><details><summary>Text version: short</summary>"
                                                     "<p>brief</p></details>"}))))
    first = nb.cells[1].outputs[0].data["text/html"]
    assert "Text version: long: the full section is printed at the back" in first and "brief" in first
    assert "R1. Text version: long" in _html(nb)


def test_a_text_version_printed_by_a_widget_is_not_printed_again():
    text = ('<div class="fedstate-textalt" aria-label="Chart: text version"><p>Summary 1.</p></div>')
    nb = _run(_notebook(_code(_display({printing.WIDGET_VIEW: {}, "text/html": f"<p>w</p>{text}"})),
                        _code(_display({"text/html": f'<div class="fedstate-print-twin"><p>twin-note</p>{text}</div>'}))))
    assert _html(nb).count("Summary 1.") == 1 and "twin-note" not in _html(nb)


def test_model_answers_are_found_in_the_teacher_notes():
    notebooks = packets.NOTEBOOKS
    found = {qid: text for path in notebooks.glob("0*.ipynb") for qid, text in model_answers(path).items()}
    assert "strong" in found["02.map-disagree"].lower() or "names a state" in found["02.map-disagree"]
    assert found["03.denominator"].lstrip().startswith("- **`03.denominator`**")
    assert "Starting from equal weights" in found["04.rank-reversal"]
    assert "*Yes, through state law.*" in found["05.essay"]  # the outline that follows the lead paragraph
    assert "01.trace" in found and "05.sac.prepare" in found
