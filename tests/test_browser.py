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

After Run All the test also checks what issue 11 asks of a lesson: no text version is shown open (each
is folded in a ``<details>``), no test code or its output is visible, and the notebook's reading load
(benchmarks/reading_load.py, measured at 1366x768 with the extensions folded and then opened) fits
the period it declares in ``metadata.fedstate.lesson`` and matches the minutes recorded there. The
declared expectations and interactions below are then checked with every extension opened.

``restart_run_all`` restarts the kernel and runs every cell again (as a student does after a
crash); ``assert_value`` then checks what an input or text area shows, e.g. that an answer typed
before the restart came back.

Under CI=true a missing Chromium fails the run; elsewhere these tests skip with the command that
installs it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from browser_support import BAD_TEXT, INTERACTION_TIMEOUT_S, SHOTS, Lab
from conftest import NOTEBOOKS, REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import reading_load  # noqa: E402  (benchmarks/reading_load.py: the same measurement, shared)

pytestmark = pytest.mark.browser

def _spec(notebook: Path) -> dict:
    meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
    return meta.get("fedstate", {}).get("browser", {})


#: Text versions that are visible on the page: an open <details> of a text version, or a text-version
#: block (reader table, printable twin, worksheet, list of predictions) that no closed <details> hides.
TEXT_VERSIONS_SHOWN_JS = """() => {
  const shown = (el) => el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true});
  const found = [];
  for (const d of document.querySelectorAll('.jp-Notebook details.fedstate-text-version[open]')) {
    found.push('open: ' + d.querySelector('summary').innerText.slice(0, 80));
  }
  for (const el of document.querySelectorAll('.jp-Notebook .fedstate-text-version-body, .jp-Notebook .fs-text-version, '
                                             + '.jp-Notebook .fedstate-print-twin, .jp-Notebook .fedstate-predictions-text')) {
    if (shown(el)) found.push('visible: ' + el.innerText.slice(0, 80));
  }
  return found;
}"""


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
        assert not [line for line in body.splitlines() if line.lstrip().startswith("assert ")
                    or "Checks passed" in line], f"{notebook.name}: test code or its output is visible"
        open_versions = page.evaluate(TEXT_VERSIONS_SHOWN_JS)
        assert not open_versions, (f"{notebook.name}: text versions shown open after Run All (they must be "
                                   f"folded, so that nothing appears twice): {open_versions}")
        # The reading load of the core path (extensions folded), then of everything: both at 1366x768.
        load = reading_load.measure(page, notebook)
        problems = reading_load.check_budget(load)
        assert not problems, "\n".join(problems)
        page.set_viewport_size({"width": 1400, "height": 1000})
        lab.shot("unfolded")
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
