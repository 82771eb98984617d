"""Notebook 04 in real JupyterLab and Chromium: the linked share sliders, moved from the keyboard, must
show three values that add up to exactly 100 (setting displayed sliders from code is where browsers
have kept stale values before; see STACK-NOTES.md), and moving a weight must change the chart and the
ranking to what the package computes for the weights shown on screen.

It shares the session's JupyterLab and Chromium with the generic browser test (tests/browser_support.py).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from browser_support import INTERACTION_TIMEOUT_S  # noqa: E402
from conftest import NOTEBOOKS  # noqa: E402
from fedstate import tradeoffs as t  # noqa: E402

pytestmark = pytest.mark.browser

NOTEBOOK = next((p for p in NOTEBOOKS if p.name == "04_weighing_tradeoffs.ipynb"), None)


@pytest.mark.skipif(NOTEBOOK is None, reason="notebook 04 is not in notebooks/")
def test_linked_shares_and_weights_in_the_browser(jupyterlab, browser):
    check_notebook(browser, jupyterlab, NOTEBOOK)


def _readouts(page, selector: str) -> list[int]:
    texts = page.eval_on_selector_all(f"{selector} .widget-readout", "els => els.map(e => e.textContent.trim())")
    return [int(text) for text in texts]


def _wait(lab, condition, what: str, seconds: float = INTERACTION_TIMEOUT_S):
    lab.wait_for(condition, seconds, what)


def check_notebook(chromium, lab_info, notebook: Path) -> None:
    from browser_support import Lab

    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        lab = Lab(page, lab_info, notebook)
        lab.name = "04_weighing_tradeoffs-linked"
        lab.open()
        lab.run_all()
        assert lab.unexecuted_code_cells() == 0 and not lab.errors()

        # -- the share sliders, from the keyboard -------------------------------------------------
        shares_sel = ".fedstate-shares"
        shown = _readouts(page, shares_sel)
        assert len(shown) == 3 and sum(shown) == 100, shown
        assert tuple(shown) == t.article_balancing_act().percents
        handles = page.locator(f"{shares_sel} .noUi-handle")
        steps = [(0, "ArrowRight"), (0, "ArrowRight"), (1, "ArrowRight"), (2, "ArrowLeft"),
                 (1, "ArrowLeft"), (2, "End"), (0, "ArrowRight"), (1, "ArrowRight"), (2, "Home"),
                 (1, "ArrowLeft")]
        for number, (index, key) in enumerate(steps, start=1):
            before = tuple(_readouts(page, shares_sel))
            handle = handles.nth(index)
            handle.scroll_into_view_if_needed()
            handle.focus()
            handle.press(key)
            # the pressed slider's own new value, then the rule decides the other two
            _wait(lab, lambda: _readouts(page, shares_sel)[index] != before[index],
                  f"share step {number}: slider {index} to move on {key}")
            moved_to = _readouts(page, shares_sel)[index]
            expected = t.rebalance_shares(before, index, moved_to)
            _wait(lab, lambda: tuple(_readouts(page, shares_sel)) == expected,
                  f"share step {number}: the sliders to show {expected} (they show {_readouts(page, shares_sel)})")
            time.sleep(0.3)  # nothing may arrive later and undo the display
            shown = tuple(_readouts(page, shares_sel))
            assert shown == expected and sum(shown) == 100, (number, key, shown, expected)
            text = page.locator(f"{shares_sel} .fedstate-textalt").first.inner_text()
            assert "total 100%" in text
        lab.shot("shares")

        # -- a weight slider changes the chart and the ranking ------------------------------------
        weights_sel = ".fedstate-weights"
        model = t.starting_model()
        enforcement = model.criterion_ids.index("enforcement")
        ranking = page.locator(f"{weights_sel} .fedstate-ranking").first
        chart = page.locator(f"{weights_sel} .js-plotly-plot").first

        def first_in_ranking() -> str:
            return ranking.locator("table tbody tr").first.locator("td").nth(1).inner_text().strip()

        def expected_first() -> set[str]:
            weights = _readouts(page, weights_sel)
            analysis = t.analyse(model, weights)
            return {model.option(o).label for o in analysis.top()}

        assert first_in_ranking() in expected_first()
        handle = page.locator(f"{weights_sel} .noUi-handle").nth(enforcement)
        for _press in range(2):
            before_chart, before_rank = chart.inner_html(), ranking.inner_html()
            before_value = _readouts(page, weights_sel)[enforcement]
            handle.scroll_into_view_if_needed()
            handle.focus()
            handle.press("ArrowLeft")
            _wait(lab, lambda: _readouts(page, weights_sel)[enforcement] == before_value - 1,
                  "the enforcement weight to drop by one")
            _wait(lab, lambda: chart.inner_html() != before_chart, "the decision chart to redraw")
            _wait(lab, lambda: ranking.inner_html() != before_rank, "the ranking to change")
            _wait(lab, lambda: first_in_ranking() in expected_first(),
                  f"the ranking's first row to match the package for weights {_readouts(page, weights_sel)}")
        lab.shot("weights")

        # -- screenshots of the remaining panels, for review --------------------------------------
        for name, selector in (("ledger", ".fedstate-ledger-view"), ("editor", ".fedstate-score-editor"),
                               ("presets", ".fedstate-presets"), ("grid", ".fedstate-own-scores"),
                               ("sensitivity", ".fedstate-sensitivity")):
            element = page.locator(selector).first
            element.scroll_into_view_if_needed()
            page.wait_for_timeout(200)
            lab.shot(name)
        assert re.search(r"Checks passed\.", page.inner_text("#main"))
    finally:
        context.close()

