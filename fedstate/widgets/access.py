"""Accessibility that ipywidgets and plotly do not give on their own, added in the browser.

ipywidgets 8 has no way to set ARIA attributes, and JupyterLab sends the keys a student presses in a
drop-down or on a radio button to the notebook's command-mode shortcuts (arrow keys select another
cell; "B" inserts a cell). One small front-end helper, loaded once per page by an invisible
anywidget, fixes what Python cannot reach, from conventions the widget builders follow:

- **Names.** A container marked with :func:`labelled` names the controls inside it after its visible
  question (``aria-labelledby``), and a hint inside it (``hint=``) describes them. A slider, a radio
  group or a row of toggle buttons is named after its own visible description; a control with
  neither is named after its tooltip.
- **Groups and state.** Radio buttons form a named ``radiogroup`` (arrow keys move between them, one
  Tab stop); toggle buttons form a named ``group`` and expose ``aria-pressed`` (and show the choice by
  a bar under it, not only by a grey background).
- **Keys stay in the widget.** A key pressed on a control inside an output or rendered markdown
  never reaches JupyterLab's notebook shortcuts, unless it carries Ctrl, Alt or Meta (save, the
  command palette) or is Tab (the next control). Escape leaves the widget for its cell, where the
  notebook's keys work again.
- **Focus never falls to the page.** When the focused control is disabled or removed (the reader's
  "Previous section" button at the first section), focus moves to its neighbour in the same output.
- **Charts.** Each plotly chart's SVG gets ``role="img"``, a ``<title>`` with the chart's title,
  ``aria-describedby`` pointing to the summary of its text version (the ``.fedstate-textalt`` block
  that follows it), and its decorative layers are hidden from screen readers.
- **Scrolling and links.** An output region that scrolls and holds nothing focusable becomes a named,
  focusable region; links in outputs and markdown are underlined.

Nothing here changes what a widget does in Python: without the front-end (a plain kernel, nbval,
the widget tests) the helper is an inert widget model.
"""

from __future__ import annotations

import hashlib

import ipywidgets as widgets

#: A container whose controls are named after its question (see :func:`labelled`).
FIELD = "fedstate-field"
FIELD_LABEL = "fedstate-field-label"
FIELD_HINT = "fedstate-field-hint"

_TEMPLATE = r"""
const VERSION = "%(version)s";
const FIELD = "%(field)s", FIELD_LABEL = "%(label)s", FIELD_HINT = "%(hint)s";
// Where a student's controls live: notebook outputs and rendered markdown (never JupyterLab's own UI).
const AREA = ".jp-Notebook .jp-OutputArea-output, .jp-Notebook .jp-RenderedMarkdown";
const FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, summary, " +
                  "[tabindex], [contenteditable=true], [contenteditable='']";
// Keys that are never kept from JupyterLab (nor is any key with Ctrl, Alt or Meta): Tab moves on to
// the next control, and Escape is handled by escapeToCell.
const PASS = new Set(["Tab", "Escape"]);

let counter = 0;
const uid = (el) => el.id || (el.id = `fedstate-a11y-${Date.now().toString(36)}-${++counter}`);
const text = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : "");
const setAttr = (el, name, value) => { if (el.getAttribute(name) !== value) el.setAttribute(name, value); };
const shown = (el) => !!el && el.style.display !== "none" && text(el) !== "";

// The element of the ipywidget that holds a control (not every view carries "jupyter-widgets").
const ROOT = ".widget-inline-hbox, .widget-toggle-buttons, .widget-radio, .jupyter-widgets";
const descriptionLabel = (control) => {
  const root = control.closest(ROOT);
  return root ? [...root.children].find((c) => c.classList.contains("widget-label")) || null : null;
};

function ownDescription(control) {
  // The widget's own visible description label (ipywidgets puts it first in the widget's element).
  const label = descriptionLabel(control);
  return shown(label) ? label : null;
}

function fieldParts(control) {
  const field = control.closest("." + FIELD);
  if (!field) return {label: null, hint: null};
  const mine = (el) => el.closest("." + FIELD) === field;
  const label = [...field.querySelectorAll("." + FIELD_LABEL)].find(mine) || null;
  const hint = [...field.querySelectorAll("." + FIELD_HINT)].find(mine) || null;
  return {label: label && text(label) ? label : null, hint};
}

function tooltip(control) {
  const label = descriptionLabel(control);
  const tip = (label && label.getAttribute("title")) || control.getAttribute("title") || "";
  return tip === "null" ? "" : tip;  // ipywidgets writes "null" when a widget has no tooltip
}

function name(control) {
  // control: a form element, a slider handle, a radio box or a row of toggle buttons
  const {label, hint} = fieldParts(control);
  const description = ownDescription(control);
  const ids = [label, description].filter(Boolean).map(uid);
  if (ids.length) {
    setAttr(control, "aria-labelledby", ids.join(" "));
  } else if (!control.hasAttribute("aria-labelledby") && !control.hasAttribute("aria-label")) {
    const tip = tooltip(control);
    if (tip) setAttr(control, "aria-label", tip);
  }
  if (hint) setAttr(control, "aria-describedby", uid(hint));
}

function nameControls(area) {
  for (const control of area.querySelectorAll(
      ".jupyter-widgets select, .jupyter-widgets textarea, .jupyter-widgets input[type=text], " +
      ".jupyter-widgets input[type=number], .jupyter-widgets .noUi-handle, .widget-readout[contenteditable=true]")) {
    name(control);
  }
  for (const box of area.querySelectorAll(".widget-radio-box")) {
    setAttr(box, "role", "radiogroup");
    name(box);
    const group = "fedstate-radio-" + uid(box);
    for (const radio of box.querySelectorAll("input[type=radio]")) setAttr(radio, "name", group);
  }
  for (const root of area.querySelectorAll(".widget-toggle-buttons")) {
    const row = [...root.children].find((c) => c.tagName === "DIV" && !c.classList.contains("widget-label"));
    if (!row) continue;
    setAttr(row, "role", "group");
    name(row);
    for (const button of row.querySelectorAll("button.widget-toggle-button")) {
      setAttr(button, "aria-pressed", button.classList.contains("mod-active") ? "true" : "false");
    }
  }
}

function describeCharts(notebook) {
  const marks = [...notebook.querySelectorAll(".js-plotly-plot, .fedstate-textalt")];
  marks.forEach((plot, i) => {
    if (!plot.classList.contains("js-plotly-plot")) return;
    const svgs = plot.querySelectorAll("svg.main-svg");
    if (!svgs.length) return;
    const [main, ...layers] = svgs;
    const title = text(plot.querySelector(".gtitle")) || "Chart";
    setAttr(main, "role", "img");
    let tag = main.querySelector(":scope > title.fedstate-chart-title");
    if (!tag) {
      tag = document.createElementNS("http://www.w3.org/2000/svg", "title");
      tag.setAttribute("class", "fedstate-chart-title");
      main.insertBefore(tag, main.firstChild);
    }
    const words = `Chart: ${title}. Its text version follows the chart.`;
    if (tag.textContent !== words) tag.textContent = words;
    setAttr(main, "aria-labelledby", uid(tag));
    const next = marks[i + 1];
    if (next && next.classList.contains("fedstate-textalt")) {
      const summary = next.querySelector("p") || next;
      setAttr(main, "aria-describedby", uid(summary));
    }
    for (const layer of layers) setAttr(layer, "aria-hidden", "true");
    for (const button of plot.querySelectorAll(".modebar a, .modebar button")) setAttr(button, "tabindex", "-1");
  });
}

function scrollRegions(area) {
  const candidates = [area, ...area.querySelectorAll(
      "[style*=overflow], .jp-RenderedHTMLCommon, .widget-html-content, .fedstate-scroll")];
  for (const el of candidates) {
    const style = getComputedStyle(el);
    const scrolls = (/(auto|scroll)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
                    (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
    const added = el.hasAttribute("data-fedstate-scroll");
    const reachable = () => [...el.querySelectorAll(FOCUSABLE)].some((f) => f.tabIndex >= 0);
    if (scrolls && !added && !el.hasAttribute("tabindex") && !reachable()) {
      el.setAttribute("data-fedstate-scroll", "");
      el.setAttribute("tabindex", "0");
      if (!el.getAttribute("role")) { el.setAttribute("role", "region"); el.setAttribute("data-fedstate-role", ""); }
      if (!el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby")) {
        const heading = el.querySelector("caption, h1, h2, h3, h4, th, strong");
        el.setAttribute("aria-label", `Scrollable: ${text(heading).slice(0, 80) || "content"}`);
        el.setAttribute("data-fedstate-label", "");
      }
    } else if (!scrolls && added) {
      el.removeAttribute("data-fedstate-scroll");
      el.removeAttribute("tabindex");
      if (el.hasAttribute("data-fedstate-role")) { el.removeAttribute("role"); el.removeAttribute("data-fedstate-role"); }
      if (el.hasAttribute("data-fedstate-label")) { el.removeAttribute("aria-label"); el.removeAttribute("data-fedstate-label"); }
    }
  }
}

function scan() {
  for (const notebook of document.querySelectorAll(".jp-Notebook")) {
    for (const area of notebook.querySelectorAll(AREA)) {
      if (!area.hasAttribute("data-fedstate-keys")) {
        area.setAttribute("data-fedstate-keys", "");
        area.addEventListener("keydown", keepKeys);
        area.addEventListener("keydown", escapeToCell, true);
      }
      nameControls(area);
      scrollRegions(area);
    }
    describeCharts(notebook);
  }
}

function escapeToCell(event) {
  // Escape leaves the widget for its cell, where the notebook's own keys work again (as Escape leaves
  // a cell's editor). Listened to on the way down: ipywidgets' text boxes stop keys on their way up.
  if (event.key !== "Escape" || event.target === event.currentTarget) return;
  if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) return;
  const cell = event.target.closest(".jp-Cell");
  if (cell) { event.preventDefault(); event.stopPropagation(); cell.focus(); }
}

function keepKeys(event) {
  // The output or markdown element itself is not a control: a key there is the notebook's.
  if (event.target === event.currentTarget) return;
  if (event.ctrlKey || event.altKey || event.metaKey || PASS.has(event.key)) return;
  if (/^F\d+$/.test(event.key)) return;
  event.stopPropagation();  // JupyterLab listens on the document, after the event bubbles up
}

// -- focus never falls to the page ---------------------------------------------------------------
let last = null;  // {element, area, index}: the control that had focus, where it was

function focusables(area) {
  return [...area.querySelectorAll(FOCUSABLE)].filter(
      (el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0);
}

function rescue() {
  if (!last || !last.area.isConnected) return;
  const active = document.activeElement;
  if (active && active !== document.body && active !== last.element) return;
  if (last.element.isConnected && !last.element.disabled) return;
  const options = focusables(last.area);
  if (!options.length) return;
  const target = options[Math.min(last.index, options.length - 1)];
  target.focus({preventScroll: true});
}

function remember(event) {
  const area = event.target.closest && event.target.closest(AREA);
  if (!area || event.target === area) return;
  last = {element: event.target, area, index: Math.max(0, focusables(area).indexOf(event.target))};
}

function later() { setTimeout(rescue, 0); }

let timer = null;
function soon() { clearTimeout(timer); timer = setTimeout(scan, 60); }

function watch(records) {
  let changed = false;
  for (const record of records) {
    const target = record.target;
    if (record.type === "attributes") {
      if (record.attributeName === "disabled" && last && target === last.element && target.disabled) {
        setTimeout(rescue, 0);
      } else if (record.attributeName === "class" && target.classList &&
                 target.classList.contains("widget-toggle-button")) {
        changed = true;
      }
      continue;
    }
    if (target.closest && target.closest(".hoverlayer")) continue;  // plotly's hover labels
    changed = true;
    if (last && !last.element.isConnected) setTimeout(rescue, 0);
  }
  if (changed) soon();
}

const CSS = `
.jp-Notebook .jp-RenderedHTMLCommon a:not(.jp-InternalAnchorLink),
.jp-Notebook .jp-OutputArea-output a, .jp-Notebook .jupyter-widgets a { text-decoration: underline; }
.jp-Notebook .widget-toggle-button.mod-active { box-shadow: inset 0 -4px 0 #0072B2; }
.jp-Notebook [data-fedstate-scroll]:focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; }
`;

function install() {
  const present = window.__fedstateAccess;
  if (present && present.version === VERSION) { present.scan(); return; }
  if (present && present.stop) present.stop();
  const style = document.getElementById("fedstate-access-css") || document.createElement("style");
  style.id = "fedstate-access-css";
  style.textContent = CSS;
  document.head.appendChild(style);
  const observer = new MutationObserver(watch);
  observer.observe(document.body, {subtree: true, childList: true, attributes: true,
                                   attributeFilter: ["disabled", "class"]});
  document.addEventListener("focusin", remember, true);
  document.addEventListener("focusout", later, true);
  window.addEventListener("resize", soon);
  window.__fedstateAccess = {
    version: VERSION, scan,
    stop() {
      observer.disconnect();
      document.removeEventListener("focusin", remember, true);
      document.removeEventListener("focusout", later, true);
      window.removeEventListener("resize", soon);
    },
  };
  scan();
}

export default {
  initialize() { install(); },
  render({ el }) { el.style.display = "none"; install(); },
};
"""
#: A digest of the script: a page that loaded another version of the helper (the package was updated
#: while JupyterLab stayed open) replaces it instead of keeping the old one.
VERSION = hashlib.sha256(_TEMPLATE.encode("utf-8")).hexdigest()[:12]
_ESM = _TEMPLATE % {"version": VERSION, "field": FIELD, "label": FIELD_LABEL, "hint": FIELD_HINT}

_HELPER = None


def page_helper():
    """The page's accessibility helper (one per kernel): an invisible anywidget whose script runs in
    JupyterLab as soon as the widget exists, whether or not it is displayed."""
    global _HELPER
    if _HELPER is None:
        import anywidget

        class AccessHelper(anywidget.AnyWidget):
            _esm = _ESM

        _HELPER = AccessHelper()
    return _HELPER


def labelled(container: widgets.Widget, label: widgets.Widget, hint: widgets.Widget | None = None):
    """Name every control inside ``container`` after the visible ``label`` (a widget inside it, e.g.
    the question above a text area); ``hint`` (e.g. a word count) describes them. Returns the container."""
    page_helper()
    container.add_class(FIELD)
    label.add_class(FIELD_LABEL)
    if hint is not None:
        hint.add_class(FIELD_HINT)
    return container
