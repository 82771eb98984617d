"""Accessibility of every notebook in real JupyterLab and Chromium, after Run All.

1. **axe-core** (tests/vendor/axe-core, version pinned below) runs its WCAG 2.1 A and AA rules on
   the notebook's outputs and rendered markdown: zero violations allowed. The test prints what it
   checked: the rules that applied, with how many elements passed or failed each.
2. **What axe does not check**: every chart's SVG is an image named by its title and described by
   its text version, with no Tab stops; radio buttons form one named group; toggle buttons are a
   named group whose ``aria-pressed`` matches what is shown; no text area, box, menu or slider is
   named only by its placeholder (names computed by axe's own accessible-name code).
3. **Keyboard only**: in each notebook, one control of every kind present (slider, drop-down, list,
   radio, checkbox, toggle, button, text area, number box, text box) is reached with Tab and
   operated with arrow keys, Space, Enter and typed letters. After every key no notebook cell was
   added, removed or moved, and focus is still inside the widget's output; at the end the control's
   view has changed. In 01 the reader's "Previous section" button, pressed until it disables
   itself, must leave focus in the reader.

The notebook is run once (a module-scoped fixture per notebook) and shared by the three tests, in
this order; the keyboard test changes answers, so it comes last.

It shares the session's JupyterLab and Chromium with the other browser tests
(tests/browser_support.py): Playwright's sync API runs only once per process.
"""

from __future__ import annotations

import base64
import hashlib
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from browser_support import SHOTS, Lab  # noqa: E402
from conftest import NOTEBOOKS  # noqa: E402

pytestmark = pytest.mark.browser

AXE = HERE / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "KTSJmUUM3yhJqOcLeRL8LahahJ2jnA0NU5T1HUqe2Vw="  # from the npm package's sri-history.json
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: What a student reads: every output and every rendered markdown cell (not JupyterLab's own chrome).
SCOPE = [".jp-Notebook .jp-OutputArea-output", ".jp-Notebook .jp-RenderedMarkdown"]


def axe_script() -> str:
    text = AXE.read_text(encoding="utf-8").replace("\r\n", "\n")  # a CRLF checkout is the same file
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    assert text.startswith(f"/*! axe v{AXE_VERSION}"), f"{AXE} is not axe-core {AXE_VERSION}"
    assert digest == AXE_SHA256, f"{AXE} differs from axe-core {AXE_VERSION} as published (sha256 {digest})"
    return text


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def ran(request, jupyterlab, browser):
    """One notebook, opened in a clean workspace and run top to bottom; shared by the tests below."""
    notebook = request.param
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        lab = Lab(page, jupyterlab, notebook)
        lab.name = f"{notebook.stem}-a11y"
        lab.open()
        lab.run_all()
        assert not lab.errors() and lab.unexecuted_code_cells() == 0, \
            f"{notebook.name}: Run All did not finish cleanly; screenshot in {SHOTS}"
        yield lab
    finally:
        context.close()


def whole_notebook_on_screen(page):
    """Make the viewport as tall as the notebook and scroll to its top, so that axe's visual rules
    (contrast, links in text) see every cell: they skip what is out of view. Returns the viewport
    to restore."""
    before = page.viewport_size
    for _attempt in range(3):  # cells reflow a little at a new size; measure again
        height = page.evaluate("""() => {
            const outer = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
            const cells = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-viewport')
                          || document.querySelector('.jp-NotebookPanel .jp-Notebook');
            outer.scrollTop = 0;
            return Math.ceil(cells.getBoundingClientRect().height + (window.innerHeight - outer.clientHeight)) + 40;
        }""")
        if abs(height - page.viewport_size["height"]) < 200:
            break
        page.set_viewport_size({"width": before["width"], "height": min(height, 60_000)})
        page.wait_for_timeout(1000)  # widgets and charts refit to the new size
    # JupyterLab's <body> is 0 px high with overflow:hidden (its shell is positioned absolutely, and
    # the browser applies a body's overflow to the viewport instead). axe reads that as "everything is
    # clipped" and silently skips its visual rules (colour contrast, links in text) on every cell:
    # give <body> the viewport's height while axe runs, which changes nothing a reader sees.
    page.evaluate("""() => {
        document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer').scrollTop = 0;
        const style = document.createElement('style');
        style.id = 'fedstate-axe-body';
        style.textContent = 'html, body { height: 100%; }';
        document.head.appendChild(style);
    }""")
    return before


def restore_viewport(page, viewport):
    page.evaluate("() => { const s = document.getElementById('fedstate-axe-body'); if (s) s.remove(); }")
    page.set_viewport_size(viewport)


def run_axe(page) -> dict:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_script())
    return page.evaluate(
        """([scope, tags]) => axe.run({include: scope.map(s => [s])},
                                      {runOnly: {type: 'tag', values: tags}})""",
        [SCOPE, AXE_TAGS])


def summary(name: str, results: dict) -> str:
    applied = {}
    for kind in ("passes", "violations", "incomplete"):
        for rule in results[kind]:
            counts = applied.setdefault(rule["id"], {"passes": 0, "violations": 0, "incomplete": 0})
            counts[kind] = len(rule["nodes"])
    lines = [f"axe-core {results['testEngine']['version']} on {name} ({', '.join(AXE_TAGS)}; scope: "
             f"{', '.join(SCOPE)}): {len(applied)} rules applied, {len(results['inapplicable'])} inapplicable"]
    for rule_id, counts in sorted(applied.items()):
        lines.append(f"  {rule_id:32s} passed {counts['passes']:4d}  violations {counts['violations']:3d}"
                     + (f"  needs review {counts['incomplete']}" if counts["incomplete"] else ""))
    return "\n".join(lines)


def violation_report(results: dict) -> str:
    out = []
    for rule in results["violations"]:
        out.append(f"{rule['id']} ({rule['impact']}, {len(rule['nodes'])} nodes): {rule['help']}")
        for node in rule["nodes"][:5]:
            out.append(f"    {' '.join(node['target'])}: {node['html'][:160]}")
            out.append(f"      {node['failureSummary'].splitlines()[-1].strip() if node.get('failureSummary') else ''}")
    return "\n".join(out)


def test_axe_finds_no_wcag21_violation(ran):
    viewport = whole_notebook_on_screen(ran.page)
    try:
        results = run_axe(ran.page)
    finally:
        restore_viewport(ran.page, viewport)
    print("\n" + summary(ran.notebook.name, results))
    assert results["violations"] == [], (f"{ran.notebook.name}: axe-core found WCAG 2.1 A/AA violations:\n"
                                         + violation_report(results))


# ------------------------------------------------------------------------------------------------
# What axe's rules do not cover: charts, radio groups, toggle state, names that are not placeholders

_STRUCTURE = """() => {
  axe.setup(document);
  const name = (el) => axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(el)).trim();
  const inNotebook = (sel) => [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output ' + sel)]
      .filter(el => el.getClientRects().length > 0);
  const out = {charts: [], radios: [], toggles: [], fields: []};
  // A static chart's output element is itself the plot; a live chart's plot sits inside its widget.
  for (const plot of [...document.querySelectorAll('.jp-Notebook .js-plotly-plot')].filter(el => el.getClientRects().length)) {
    const svg = plot.querySelector('svg.main-svg');
    const described = (svg.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
        .map(id => document.getElementById(id)).filter(Boolean);
    const tabbable = [...plot.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
        .filter(el => el.tabIndex >= 0 && !el.disabled).length;
    out.charts.push({role: svg.getAttribute('role'), name: name(svg), title: (plot.querySelector('.gtitle') || {}).textContent || '',
                     textVersion: described.length > 0 && described.every(d => d.closest('.fedstate-textalt')),
                     hidden: [...plot.querySelectorAll('svg.main-svg')].slice(1).every(s => s.getAttribute('aria-hidden') === 'true'),
                     tabbable, modebar: plot.querySelectorAll('.modebar-btn').length});
  }
  for (const box of inNotebook('.widget-radio-box')) {
    const radios = [...box.querySelectorAll('input[type=radio]')];
    out.radios.push({role: box.getAttribute('role'), name: name(box),
                     groups: new Set(radios.map(r => r.name)).size, unnamed: radios.filter(r => !r.name).length});
  }
  for (const button of inNotebook('.widget-toggle-buttons button')) {
    const row = button.parentElement;
    out.toggles.push({role: row.getAttribute('role'), name: name(row), pressed: button.getAttribute('aria-pressed'),
                      active: button.classList.contains('mod-active')});
  }
  for (const el of inNotebook('textarea, input[type=text], input[type=number], select, .noUi-handle')) {
    out.fields.push({tag: el.tagName.toLowerCase(), name: name(el), placeholder: el.getAttribute('placeholder') || ''});
  }
  axe.teardown();
  return out;
}"""


def test_charts_groups_and_fields_are_exposed(ran):
    """Every chart: an image named by its title, described by its text version, no Tab stops.
    Radios: one named group each. Toggle buttons: a named group, aria-pressed matching what is shown.
    Text areas, boxes, menus and sliders: a name that is not just the placeholder."""
    page, name = ran.page, ran.notebook.name
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_script())
    found = page.evaluate(_STRUCTURE)
    for chart in found["charts"]:
        assert chart["role"] == "img" and chart["title"] and chart["title"] in chart["name"], (name, chart)
        assert chart["textVersion"], f"{name}: the chart {chart['title']!r} does not point to its text version"
        assert chart["hidden"], f"{name}: the chart {chart['title']!r} exposes its layers to screen readers"
        assert chart["tabbable"] == 0 and chart["modebar"] == 0, f"{name}: the chart {chart['title']!r} adds Tab stops"
    for group in found["radios"]:
        assert group["role"] == "radiogroup" and group["name"], f"{name}: radio buttons not in a named group: {group}"
        assert group["groups"] == 1 and group["unnamed"] == 0, f"{name}: radio buttons not one group: {group}"
    for button in found["toggles"]:
        assert button["role"] == "group" and button["name"], f"{name}: toggle buttons not in a named group: {button}"
        assert button["pressed"] == ("true" if button["active"] else "false"), f"{name}: aria-pressed wrong: {button}"
    for field in found["fields"]:
        assert field["name"] and field["name"] != field["placeholder"], \
            f"{name}: a {field['tag']} is named only by its placeholder ({field['placeholder']!r}) or not at all"
    print(f"\n{name}: {len(found['charts'])} charts (image, title, text version, no Tab stops), "
          f"{len(found['radios'])} radio groups, {len(found['toggles'])} toggle buttons, "
          f"{len(found['fields'])} text areas, boxes, menus and sliders named by visible text")


# ------------------------------------------------------------------------------------------------
# Keyboard only

#: Every kind of control the module uses, by how ipywidgets draws it.
KINDS = {
    "slider": ".jupyter-widgets .noUi-handle",
    "drop-down": ".widget-dropdown select",
    "list": ".widget-select select",
    "radio": ".widget-radio-box",
    "checkbox": ".widget-checkbox input[type=checkbox]",
    "toggle": ".widget-toggle-buttons button",
    "button": "button.widget-button",
    "text area": ".widget-textarea textarea",
    "number box": ".jupyter-widgets input[type=number]",
    "text box": ".jupyter-widgets input[type=text]",
}

_JS = """
window.__kb = {
  area: (el) => el.closest('.jp-OutputArea-output'),
  visible: (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden',
  cells: () => {
    const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
    return Array.from({length: cells.length}, (_, i) => cells.get(i).id);
  },
  state: (root) => [...root.querySelectorAll('select, input, textarea, [role=slider], button')].map(e =>
      [e.value, e.checked, e.selectedIndex, e.getAttribute('aria-valuenow'), e.getAttribute('aria-pressed')].join(':')
  ).join('|'),
  view: (el) => { const a = window.__kb.area(el); return a.innerText + '#' + window.__kb.state(a); },
};
"""


def _pick(page, kind: str):
    """The first visible, enabled control of this kind inside a notebook output (its element handle)."""
    return page.evaluate_handle("""(selector) => {
        for (const el of document.querySelectorAll('.jp-Notebook .jp-OutputArea-output ' + selector)) {
            if (!window.__kb.visible(el) || el.disabled) continue;
            if (el.matches('select') && el.options.length < 2) continue;
            if (el.matches('.widget-radio-box') && !el.querySelector('input[type=radio]:not(:disabled)')) continue;
            return el;
        }
        return null;
    }""", KINDS[kind])


class Keys:
    """Keys pressed on one control: after each, the cells are the same and focus is in the widget."""

    def __init__(self, lab, kind: str, control):
        self.lab, self.page, self.kind, self.control = lab, lab.page, kind, control
        self.cells = self.page.evaluate("() => window.__kb.cells()")
        self.pressed: list[str] = []

    def tab_in(self):
        """Put a temporary focus stop just before the control, then Tab: the control is in the tab order."""
        self.control.scroll_into_view_if_needed()
        self.page.evaluate("""(el) => {
            const probe = document.createElement('span');
            probe.tabIndex = 0; probe.id = 'kb-probe';
            el.parentElement.insertBefore(probe, el);
            probe.focus();
        }""", self.control)
        self.press("Tab")
        self.page.evaluate("() => document.getElementById('kb-probe').remove()")

    def focused(self) -> str:
        return self.page.evaluate("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 120) : ''")

    def press(self, key: str):
        self.page.keyboard.press(key)
        self.pressed.append(key)
        self.page.wait_for_timeout(120)
        where = f"{self.lab.notebook.name}, {self.kind}, after {' '.join(self.pressed)}"
        cells = self.page.evaluate("() => window.__kb.cells()")
        assert cells == self.cells, f"{where}: a key reached JupyterLab and changed the cells ({len(self.cells)} -> {len(cells)})"
        inside = self.page.evaluate("""(el) => {
            const a = document.activeElement, area = window.__kb.area(el);
            return !!a && a !== document.body && !!area && area.contains(a);
        }""", self.control)
        assert inside, f"{where}: focus left the widget (now on {self.focused()!r})"

    def type(self, text: str):
        for char in text:
            self.press(char if char != " " else "Space")


def _settle(lab):
    lab.page.wait_for_timeout(300)
    lab.wait_for(lambda: not lab.busy(), 60, "the kernel to finish after a key")
    lab.page.wait_for_timeout(300)
    lab.wait_for(lambda: not lab.busy(), 60, "the kernel to finish after a key")


def _operate(lab, kind: str, control) -> str:
    """Operate one control from the keyboard; returns what was done, for the printed report."""
    page = lab.page
    keys = Keys(lab, kind, control)
    value = lambda: page.evaluate("(el) => window.__kb.view(el)", control)  # noqa: E731  (text and states)
    start = value()
    if kind == "radio":
        keys.tab_in()
        assert page.evaluate("(box) => box.contains(document.activeElement)", control), \
            f"{lab.notebook.name}: Tab did not reach the radio group"
        keys.press("Space")          # choose the focused option
        first = page.evaluate("(box) => [...box.querySelectorAll('input')].findIndex(r => r.checked)", control)
        keys.press("ArrowDown")      # the next option, in the same group
        second = page.evaluate("(box) => [...box.querySelectorAll('input')].findIndex(r => r.checked)", control)
        assert first >= 0 and second == (first + 1) % page.evaluate("(b) => b.querySelectorAll('input').length", control), \
            f"{lab.notebook.name}: ArrowDown did not move to the next radio button ({first} -> {second})"
        keys.type("b")
        keys.press("Enter")
    else:
        keys.tab_in()
        same = page.evaluate("(el) => document.activeElement === el", control)
        assert same, f"{lab.notebook.name}: Tab did not reach the {kind} (focus is on {keys.focused()!r})"
        if kind == "slider":
            keys.press("ArrowRight")
            keys.type("b")
            keys.press("Enter")
        elif kind in ("drop-down", "list"):
            # No Enter or Space here: in Chromium on Linux they open the menu's pop-up, which takes the keys.
            start_index = page.evaluate("(el) => el.selectedIndex", control)
            keys.press("ArrowDown")
            # A letter that jumps to an option other than the first two (type-ahead finds the next
            # option, after the current one, whose label starts with it).
            letter = page.evaluate("""([el, start]) => {
                const first = (o) => o.text.trim().toLowerCase()[0] || '';
                const n = el.options.length, now = el.selectedIndex;
                for (const o of el.options) {
                    const c = first(o);
                    if (!/[a-z0-9]/.test(c)) continue;
                    for (let k = 1; k <= n; k++) {
                        const i = (now + k) % n;
                        if (first(el.options[i]) === c) { if (i !== now && i !== start) return c; break; }
                    }
                }
                return null;
            }""", [control, start_index])
            if letter:
                before = page.evaluate("(el) => el.selectedIndex", control)
                keys.type(letter)
                after = page.evaluate("(el) => el.selectedIndex", control)
                assert after != before, f"{lab.notebook.name}: typing {letter!r} on a {kind} did not choose an option"
            else:
                keys.type("q")  # no option to jump to: the letter must still stay in the menu
        elif kind == "checkbox":
            keys.press("Space")
            keys.press("ArrowDown")
            keys.type("b")
        elif kind == "toggle":
            if page.evaluate("(el) => el.classList.contains('mod-active')", control):
                keys.press("Tab")      # the next button of the row, not chosen yet
                control = page.evaluate_handle("() => document.activeElement")
            assert page.evaluate("(el) => el.getAttribute('aria-pressed')", control) == "false"
            keys.press("Space")
            _settle(lab)
            assert page.evaluate("(el) => el.getAttribute('aria-pressed')", control) == "true", \
                f"{lab.notebook.name}: Space did not press the toggle button (aria-pressed)"
            keys.press("ArrowRight")
            keys.type("b")
        elif kind == "button":
            keys.press("Enter")
            keys.type("b")
            keys.press("ArrowDown")
        elif kind == "text area":
            keys.type("Bad dog")
            keys.press("Enter")
            keys.press("ArrowUp")
        elif kind == "number box":
            keys.press("ArrowUp")
            keys.type("b")
            keys.press("Enter")
        elif kind == "text box":
            keys.press("End")  # Tab selects a box's text; typing at its end always changes it
            keys.type("Ab")
            keys.press("ArrowLeft")
            keys.press("Enter")
    _settle(lab)
    end = value()
    assert end != start, f"{lab.notebook.name}: the {kind} did not change from the keyboard ({' '.join(keys.pressed)})"
    # Escape leaves the widget for its cell (where the notebook's own keys work again).
    page.keyboard.press("Escape")
    assert page.evaluate("""(el) => document.activeElement === el.closest('.jp-Cell')""", control), \
        f"{lab.notebook.name}: Escape on the {kind} did not return to its cell (focus is on {keys.focused()!r})"
    assert page.evaluate("() => window.__kb.cells()") == keys.cells
    return f"{kind}: {' '.join(keys.pressed)} Escape"


def _reader_focus(lab) -> str | None:
    """01's reader: "Previous section" disables itself at the first section; focus must not fall to the page."""
    page = lab.page
    previous = page.locator(".fedstate-reader button.widget-button", has_text="Previous section")
    if previous.count() == 0:
        return None
    nxt = page.locator(".fedstate-reader button.widget-button", has_text="Next section").first
    keys = Keys(lab, "button", nxt.element_handle())
    menu = page.locator(".fedstate-reader .widget-dropdown select").first
    menu.focus()
    keys.press("Home")           # the first section, whatever the tests above chose
    _settle(lab)
    nxt.focus()
    keys.press("Enter")          # to section 2: "Previous section" is enabled now
    _settle(lab)
    keys.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.textContent.includes('Previous section')")
    keys.press("Enter")          # back to section 1: the focused button disables itself
    _settle(lab)
    page.wait_for_timeout(500)
    assert previous.first.is_disabled(), "the reader did not go back to its first section"
    where = page.evaluate("""() => { const a = document.activeElement;
        return !a || a === document.body ? 'the page' : a.closest('.fedstate-reader') ? 'reader' : a.outerHTML.slice(0, 100); }""")
    assert where == "reader", f"{lab.notebook.name}: focus fell to {where} when 'Previous section' disabled itself"
    keys.press("ArrowLeft")      # and a key there still stays in the widget
    return "reader: Home on the section menu, Enter on Next section, Shift+Tab, Enter on Previous section (it disables itself)"


def test_keyboard_only(ran):
    page, lab = ran.page, ran
    page.evaluate(_JS)
    done = []
    for kind in KINDS:
        control = _pick(page, kind)
        if not page.evaluate("(el) => el !== null", control):
            continue
        done.append(_operate(lab, kind, control))
        assert not lab.errors(), f"{lab.notebook.name}: error output after the {kind}: {lab.errors()}"
    reader = _reader_focus(lab)
    if reader:
        done.append(reader)
    lab.shot("keyboard")
    print(f"\nkeyboard-only in {lab.notebook.name}, one control of each kind (cells unchanged and focus in the "
          "widget after every key):\n  " + "\n  ".join(done))
    assert done, f"{lab.notebook.name}: no control found to operate"
