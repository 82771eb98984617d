"""Every notebook, run in real JupyterLab in Debian's Chromium, checked as a student would see it.

For each notebook in notebooks/ (new ones are picked up automatically) the test opens it in a clean
workspace, runs all cells, waits until the kernel is idle, and asserts: every code cell ran, no
error or stderr output, no "Error displaying widget" / "Model not found" / "Javascript Error", the
widgets and figures the notebook declares are visible, and each declared interaction (a key on a
slider, a click, a choice in a drop-down) visibly changes what it says it changes. A screenshot of
each notebook is saved under test-output/screenshots/.

What a notebook expects is declared in its own metadata, so adding a notebook never means editing
this file::

    "metadata": {"fedstate": {"browser": {
        "expect": {".widget-slider": 1, ".js-plotly-plot": 1},
        "interactions": [
            {"action": "press", "target": ".widget-slider .noUi-handle", "nth": 0,
             "key": "ArrowRight", "watch": ".js-plotly-plot", "nth_watch": 0},
            {"action": "click", "target": ".widget-button", "text": "Next", "watch": ".reader"},
            {"action": "select", "target": ".widget-dropdown select", "value": "California",
             "watch": ".answer"},
            {"action": "fill", "target": ".widget-textarea textarea", "value": "hello",
             "watch": ".widget-html"},
            {"action": "restart_run_all"},
            {"action": "assert_value", "target": ".fedstate-answer textarea", "value": "hello"}
        ]}}}

``restart_run_all`` restarts the kernel and runs every cell again (as a student does after a
crash); ``assert_value`` then checks what an input or text area shows, e.g. that an answer typed
before the restart came back.

Under CI=true a missing Chromium fails the run; elsewhere these tests skip with the command that
installs it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser_support import BAD_TEXT, INTERACTION_TIMEOUT_S, SHOTS, Lab
from conftest import NOTEBOOKS

pytestmark = pytest.mark.browser

def _spec(notebook: Path) -> dict:
    meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
    return meta.get("fedstate", {}).get("browser", {})


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_in_jupyterlab(notebook, jupyterlab, browser):
    spec = _spec(notebook)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    console = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    try:
        lab = Lab(page, jupyterlab, notebook)
        lab.open()
        lab.run_all()
        lab.shot()
        not_run = lab.unexecuted_code_cells()
        errors = lab.errors()
        assert not errors, f"{notebook.name}: error output in the browser:\n" + "\n---\n".join(errors)
        assert not_run == 0, (f"{notebook.name}: {not_run} code cell(s) did not run (Run All stops at "
                              f"the first error); screenshot in {SHOTS}")
        body = page.inner_text("#main")
        for bad in BAD_TEXT:
            assert bad not in body, f"{notebook.name}: the page shows {bad!r}; screenshot in {SHOTS}"
        for selector, minimum in spec.get("expect", {}).items():
            seen = lab.count(selector)
            assert seen >= minimum, (f"{notebook.name}: expected at least {minimum} visible {selector!r}, "
                                     f"saw {seen}; screenshot in {SHOTS}")
        for number, step in enumerate(spec.get("interactions", []), start=1):
            if step["action"] == "restart_run_all":
                lab.restart_run_all()
                assert lab.unexecuted_code_cells() == 0 and not lab.errors(), \
                    f"{notebook.name}: step {number}: the notebook did not re-run cleanly after a restart"
                lab.shot(f"step{number}")
                continue
            if step["action"] == "assert_value":
                field = page.locator(step["target"]).nth(step.get("nth", 0))
                field.scroll_into_view_if_needed(timeout=15_000)
                lab.wait_for(lambda: field.input_value() == step["value"], INTERACTION_TIMEOUT_S,
                             f"step {number}: {step['target']} to show {step['value']!r} "
                             f"(it shows {field.input_value()!r})")
                continue
            watch, nth_watch = step["watch"], step.get("nth_watch", 0)
            before = lab.snapshot(watch, nth_watch)
            assert before, f"{notebook.name}: step {number}: nothing matches {watch!r} to watch"
            lab.interact(step)
            lab.wait_for(lambda: lab.snapshot(watch, nth_watch) != before, INTERACTION_TIMEOUT_S,
                         f"step {number} ({step['action']} on {step['target']}) to change {watch!r}")
            lab.shot(f"step{number}")
        body = page.inner_text("#main")
        for bad in BAD_TEXT:
            assert bad not in body, f"{notebook.name}: after interacting, the page shows {bad!r}"
    finally:
        context.close()
