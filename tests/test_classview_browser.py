"""The teacher's class view (teacher/class_view.ipynb) in real JupyterLab and Chromium, on the shipped
sample hand-ins: every cell runs without error, the roster, the answers, the grading box and all six
debrief charts render; names start hidden and the keyboard toggle shows them; choosing a question
shows that question's answers; a grade noted in the browser is saved to the grades file, never to a
hand-in.

It shares the session's JupyterLab and Chromium with the other browser tests (tests/browser_support.py),
whose JupyterLab serves a copy of teacher/ beside notebooks/.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from browser_support import BAD_TEXT, SHOTS, Lab  # noqa: E402
from conftest import REPO  # noqa: E402
from fedstate import classview as cv  # noqa: E402
from fedstate import questions  # noqa: E402

pytestmark = pytest.mark.browser

NOTEBOOK = REPO / "teacher" / "class_view.ipynb"


def _options(select) -> list[str]:
    # ipywidgets writes the spaces of an option's label as no-break spaces
    return [t.replace("\xa0", " ") for t in select.evaluate("s => Array.from(s.options).map(o => o.textContent)")]


def test_class_view_runs_on_the_sample_hand_ins(jupyterlab, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        lab = Lab(page, jupyterlab, NOTEBOOK)
        lab.open()
        started = time.time()
        lab.run_all()
        print(f"class view: Run All on {len(cv.load_class(REPO / 'teacher' / cv.DEFAULT_FOLDER).students)} sample "
              f"students took {time.time() - started:.1f} s in the browser")
        lab.shot()
        errors = lab.errors()
        assert not errors, "class_view.ipynb: error output in the browser:\n" + "\n---\n".join(errors)
        assert lab.unexecuted_code_cells() == 0, f"class_view.ipynb: a code cell did not run; screenshot in {SHOTS}"
        body = page.inner_text("#main")
        for bad in BAD_TEXT:
            assert bad not in body, f"class_view.ipynb: the page shows {bad!r}; screenshot in {SHOTS}"

        # -- the folder: 30 students, duplicates and skipped files listed --------------------------------
        controls = page.locator(".fedstate-classview-controls").first
        status = controls.inner_text()
        assert "30 students" in status and "Files skipped, and why" in status, status
        assert "class_newsletter.html" not in status  # file names are hidden with the names

        # -- the roster: names hidden by default, then shown from the keyboard -----------------------------
        roster = page.locator(".fedstate-roster").first
        roster.scroll_into_view_if_needed()
        assert roster.locator("tbody tr").count() == 30
        hidden = roster.inner_text()
        assert "Student 1" in hidden and "Sample student" not in hidden
        answers = page.locator(".fedstate-class-answers").first
        assert "Sample student" not in answers.inner_text()
        toggle = controls.locator("input[type=checkbox]").first
        assert toggle.is_checked()
        toggle.focus()
        toggle.press("Space")
        lab.wait_for(lambda: "Sample student 01 (invented)" in roster.inner_text(), 20,
                     "the roster to show names after the toggle")
        lab.wait_for(lambda: "Sample student" in answers.inner_text(), 20, "the answers to show names")
        assert "class_newsletter.html" in controls.inner_text()
        lab.shot("roster")

        # -- one question: choose notebook 01 and its surprise question -----------------------------------
        view = page.locator(".fedstate-question-view").first
        menus = view.locator(".widget-dropdown select")
        before = answers.inner_html()
        menus.nth(0).select_option(index=_options(menus.nth(0)).index(questions.NOTEBOOKS["01"]))
        labels = [lbl for lbl, _qid in cv.question_options("01")]
        lab.wait_for(lambda: _options(menus.nth(1)) == labels, 30,
                     f"the question menu to list notebook 01's questions (it lists {_options(menus.nth(1))[:2]})")
        menus.nth(1).select_option(index=[qid for _l, qid in cv.question_options("01")].index("01.surprise"))
        lab.wait_for(lambda: answers.inner_html() != before and "Which claim" in answers.inner_text(), 20,
                     "the answers to show 01.surprise")
        assert "C270" in answers.inner_text()
        assert "Rubric" not in view.inner_text()

        # -- note a grade: saved in the grades file beside the hand-ins ---------------------------------
        grading = page.locator(".fedstate-grading").first
        grade = grading.locator("input[type=text]").first
        grade.scroll_into_view_if_needed()
        grade.fill("3/4")
        grade.press("Tab")  # leaving the box saves it
        lab.wait_for(lambda: "Saved at" in grading.inner_text(), 20, "the grade to be saved")
        saved = jupyterlab["root"] / "teacher" / cv.DEFAULT_FOLDER / cv.GRADES_FILE
        content = json.loads(saved.read_text(encoding="utf-8"))
        assert any(g.get("01.surprise", {}).get("mark") == "3/4"
                   for g in (s["grades"] for s in content["students"].values()))
        lab.wait_for(lambda: "3/4" in answers.inner_text(), 20, "the grade to appear beside the answer")
        lab.shot("answers")

        # -- the six debrief charts, each with its text version ------------------------------------------
        charts = page.locator(".fedstate-debrief")
        assert charts.count() == len(cv.CHARTS)
        for i in range(charts.count()):
            chart = charts.nth(i)
            chart.scroll_into_view_if_needed()
            lab.wait_for(lambda: chart.locator(".js-plotly-plot .main-svg").count() > 0
                         and chart.locator(".js-plotly-plot .point").count() > 0, 30,
                         f"debrief chart {i + 1} ({list(cv.CHARTS)[i]}) to draw its bars or dots")
            # the text version is folded (one Tab and Enter away): its summary is shown, its body is
            # in the page for screen readers and printing
            assert chart.locator("details.fedstate-text-version summary").inner_text().startswith("Text version")
            assert "Text version of the chart" in chart.locator(".fedstate-textalt").text_content()
        lab.shot("after")
        body = page.inner_text("#main")
        for bad in BAD_TEXT:
            assert bad not in body, f"class_view.ipynb: after interacting, the page shows {bad!r}"
    finally:
        context.close()
