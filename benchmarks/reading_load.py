"""How long each notebook takes a student, measured on what JupyterLab shows after Run All.

    python benchmarks/reading_load.py                # every notebook
    python benchmarks/reading_load.py 01 03          # some of them
    python benchmarks/reading_load.py --json out.json

For every notebook it starts JupyterLab and Debian's Chromium (the browser tests' machinery,
tests/browser_support.py), opens the notebook at 1366x768 in a clean workspace, runs all cells and
reads the page as a student would, twice:

- **core path**: the notebook as it opens, with every "Extension" section folded;
- **with extensions**: after unfolding every section.

Each time it counts, per cell, the words shown (rendered markdown, outputs and widget prose; not
code, prompts, the options of a closed drop-down, chart labels, or text inside a closed
``<details>`` such as a folded text version), the written answers (text areas, and code exercises
checked by ``pandas_check``), the self-checks and the other interactive widgets. The estimate is the
one the lesson audit used:

    minutes = words / 200 + 2 x written answers + 1 x (widgets + self-checks)

and the number of 1366x768 screens is the height of the notebook (with the file browser open, as
JupyterLab opens) divided by the height of its visible area.

A notebook declares its period in its metadata, ``metadata.fedstate.lesson``::

    {"period": 45}                                        # the core path must fit 45 minutes
    {"period": 50, "part_ends_before": "Your final work"} # only the cells before that heading

``--update`` writes what was measured back into that metadata (``"measured": {"core_minutes": ...,
"extension_minutes": ..., "screens": ...}``) and into the "**Time:**" line of the notebook's opening
cell; the README's map, the instructor guide and each notebook's teacher note quote the same figures,
and tests/test_lesson_times.py names any document that no longer agrees.
Each "## Extension: <title> (about N min)" heading is checked against the minutes its cells measure,
and the cells tagged "taste" (the instructor guide's one-period plan) are added up across notebooks.

tests/test_browser.py measures every notebook the same way and fails when a core path exceeds its
period, or when the figures written in the metadata no longer match (see :func:`check_budget`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VIEWPORT = {"width": 1366, "height": 768}
WORDS_PER_MINUTE = 200
MINUTES_PER_ANSWER = 2
MINUTES_PER_WIDGET = 1
#: The screens goal for a core path (the lesson audit's: a period's reading fits in about 15 screens).
SCREENS_GOAL = 15

# Per cell: the words a student sees, and what there is to do. Elements that are not prose (code,
# prompts, chart labels, the options of a drop-down, the text in a text area) are hidden for the
# count and shown again at once; closed <details> and folded cells are already absent from innerText.
MEASURE_JS = r"""
() => {
  const SKIP = [".jp-CodeCell .jp-InputArea", ".jp-InputArea-editor", ".jp-InputPrompt", ".jp-OutputPrompt", ".js-plotly-plot",
                "select", "textarea", "input", "script", "style", ".jp-showHiddenCellsButton",
                ".jp-collapseHeadingButton"];
  const skipped = [];
  for (const el of document.querySelectorAll(SKIP.map(s => ".jp-Notebook " + s).join(","))) {
    skipped.push([el, el.style.display]);
  }
  const visible = (el) => el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true});
  const inside = (el, sel) => Boolean(el.closest(sel));
  const chores = ".fedstate-answer, .fedstate-selfcheck, .fedstate-name, .fedstate-export";
  const cells = [...document.querySelectorAll(".jp-Notebook .jp-Cell")];
  // Controls first (visibility needs the layout as it is), then the words.
  const facts = cells.map((cell) => {
    const shown = visible(cell);
    const textareas = [...cell.querySelectorAll(".jp-OutputArea textarea")].filter(visible).length;
    const selfchecks = [...cell.querySelectorAll(".fedstate-selfcheck")].filter(visible).length;
    const controls = [...cell.querySelectorAll(
        ".jp-OutputArea select, .jp-OutputArea button, .jp-OutputArea input, .jp-OutputArea .noUi-handle")]
      .filter((el) => visible(el) && !inside(el, chores));
    const menus = [...cell.querySelectorAll(".jp-OutputArea select")].filter(visible)
      .map((s) => (s.selectedIndex >= 0 ? s.options[s.selectedIndex].text : ""));
    return {shown, textareas, selfchecks, widget: controls.length > 0, menus};
  });
  const scroller = document.querySelector(".jp-NotebookPanel .jp-WindowedPanel-outer")
                   || document.querySelector(".jp-NotebookPanel-notebook");
  const top = scroller.getBoundingClientRect().top - scroller.scrollTop;
  const bottoms = cells.map((cell) => visible(cell) ? cell.getBoundingClientRect().bottom - top : null);
  const heights = cells.map((cell) => visible(cell) ? Math.round(cell.getBoundingClientRect().height) : 0);
  for (const [el] of skipped) el.style.setProperty("display", "none", "important");
  try {
    cells.forEach((cell, i) => {
      const words = facts[i].shown ? (cell.innerText + " " + facts[i].menus.join(" ")) : "";
      facts[i].words = (words.match(/\S+/g) || []).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
      facts[i].bottom = bottoms[i];
      facts[i].height = heights[i];
    });
  } finally {
    for (const [el, display] of skipped) el.style.display = display;
  }
  return {cells: facts, height: scroller.scrollHeight, screen: scroller.clientHeight};
}
"""


@dataclass
class Load:
    """What one path through a notebook asks of a student."""

    words: int
    answers: int
    widgets: int
    selfchecks: int
    screens: float

    @property
    def minutes(self) -> float:
        return (self.words / WORDS_PER_MINUTE + MINUTES_PER_ANSWER * self.answers
                + MINUTES_PER_WIDGET * (self.widgets + self.selfchecks))

    def row(self) -> dict:
        return {**asdict(self), "minutes": round(self.minutes, 1)}


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def lesson_spec(nb: dict) -> dict:
    return nb.get("metadata", {}).get("fedstate", {}).get("lesson", {})


def _tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def part_end(nb: dict) -> int:
    """Index of the first cell after the part the period covers (the whole notebook by default)."""
    heading = lesson_spec(nb).get("part_ends_before")
    if not heading:
        return len(nb["cells"])
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown" and re.search(rf"^#+ {re.escape(heading)}", _source(cell), re.M):
            return i
    raise ValueError(f"part_ends_before: no heading {heading!r} in the notebook")


def summarise(measured: dict, nb: dict, cells=None, screens: float | None = None) -> Load:
    """Add up the measured cells (all of them, or the indices in ``cells``) into one :class:`Load`."""
    facts = measured["cells"]
    if len(facts) != len(nb["cells"]):
        raise ValueError(f"the page shows {len(facts)} cells, the notebook has {len(nb['cells'])}")
    chosen = range(len(facts)) if cells is None else cells
    words = answers = widgets = selfchecks = 0
    for i in chosen:
        fact, cell = facts[i], nb["cells"][i]
        if not fact["shown"]:
            continue
        words += fact["words"]
        answers += fact["textareas"] + (1 if "pandas_check(" in _source(cell) else 0)
        selfchecks += fact["selfchecks"]
        widgets += 1 if fact["widget"] else 0
    return Load(words, answers, widgets, selfchecks, 0.0 if screens is None else round(screens, 1))


def _screens(measured: dict, end: int) -> float:
    """Screens from the top of the notebook to the end of the part (its last visible cell)."""
    cells = measured["cells"]
    if end >= len(cells):
        return measured["height"] / measured["screen"]
    bottoms = [c["bottom"] for c in cells[:end] if c["bottom"] is not None]
    return (max(bottoms) if bottoms else 0) / measured["screen"]


def extension_sections(nb: dict) -> list[dict]:
    """Every "## Extension: <title> (about N min)" section: its title, stated minutes and cell indices."""
    sections, current = [], None
    for i, cell in enumerate(nb["cells"]):
        text = _source(cell)
        heading = re.search(r"^## (.*)$", text, re.M) if cell["cell_type"] == "markdown" else None
        if heading:
            current = None
            found = re.fullmatch(r"Extension: (.+) \(about (\d+) min\)", heading.group(1).strip())
            if found:
                current = {"title": found.group(1), "stated": int(found.group(2)), "cells": []}
                sections.append(current)
        if current is not None:
            current["cells"].append(i)
    return sections


def unfold_all(page) -> None:
    """Open every folded section, as a student does by pressing each "N cells hidden" button."""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:expand-all-headings')")
    deadline = time.time() + 20
    while page.locator(".jp-showHiddenCellsButton").count() and time.time() < deadline:
        time.sleep(0.25)
    time.sleep(1.0)  # let charts that were hidden fit their new width


def measure(page, notebook: Path) -> dict:
    """Both paths through a notebook already run in ``page`` (left unfolded afterwards)."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    end = part_end(nb)
    part = range(end)
    page.set_viewport_size(VIEWPORT)
    time.sleep(1.0)
    folded = page.evaluate(MEASURE_JS)
    core = summarise(folded, nb, part, _screens(folded, end))
    taste_cells = [i for i in part if "taste" in _tags(nb["cells"][i])]
    taste = summarise(folded, nb, taste_cells) if taste_cells else None
    unfold_all(page)
    unfolded = page.evaluate(MEASURE_JS)
    full = summarise(unfolded, nb, part, _screens(unfolded, end))
    whole = summarise(unfolded, nb, None, _screens(unfolded, len(nb["cells"]))) if end < len(nb["cells"]) else None
    sections = [{"title": sec["title"], "stated": sec["stated"],
                 "measured": round(summarise(unfolded, nb, sec["cells"]).minutes, 1)}
                for sec in extension_sections(nb)]
    per_cell = [{"cell": i, "start": _source(cell).strip().splitlines()[0][:60] if _source(cell).strip() else "",
                 "core": a["shown"], "words": b["words"], "height": a["height"] if a["shown"] else b["height"],
                 "textareas": b["textareas"],
                 "selfchecks": b["selfchecks"], "widget": b["widget"]}
                for i, (cell, a, b) in enumerate(zip(nb["cells"], folded["cells"], unfolded["cells"]))]
    spec = lesson_spec(nb)
    return {"notebook": notebook.stem, "path": notebook, "budget": spec.get("period"),
            "part": spec.get("part_ends_before"), "recorded": spec.get("measured"), "core": core,
            "extensions": full, "whole": whole, "taste": taste, "sections": sections, "cells": per_cell}


def measured_figures(result: dict) -> dict:
    """What --update writes into a notebook's metadata (and what the documents quote)."""
    core, full = result["core"], result["extensions"]
    return {"core_minutes": round(core.minutes), "extension_minutes": round(full.minutes - core.minutes),
            "screens": round(core.screens)}


#: How far the live measurement may drift from the figures recorded in the metadata before a test
#: asks for `--update` (answers restored from an earlier run or a chart's height move it a little).
RECORDED_TOLERANCE_MIN = 2


def check_budget(result: dict) -> list[str]:
    """The problems a test reports: a core path over its period, a notebook without a period, recorded
    figures that no longer match, or an extension whose stated minutes are far from its measured ones."""
    name, core = result["notebook"], result["core"]
    problems = []
    if result["budget"] is None:
        problems.append(f"{name}: no metadata.fedstate.lesson.period (the minutes its core path must fit)")
    elif core.minutes > result["budget"]:
        problems.append(f"{name}: the core path takes {core.minutes:.1f} min by the estimate "
                        f"({core.words} words, {core.answers} written answers, {core.widgets} widgets, "
                        f"{core.selfchecks} self-checks), over its {result['budget']} min period")
    recorded, now = result.get("recorded") or {}, measured_figures(result)
    for key in ("core_minutes", "extension_minutes"):
        if key not in recorded:
            problems.append(f"{name}: metadata.fedstate.lesson.measured.{key} is missing: run "
                            f"python benchmarks/reading_load.py --update")
        elif abs(recorded[key] - now[key]) > RECORDED_TOLERANCE_MIN:
            problems.append(f"{name}: recorded {key} = {recorded[key]} but it measures {now[key]} now: run "
                            f"python benchmarks/reading_load.py --update, then correct the documents the test names")
    for sec in result["sections"]:
        if abs(sec["stated"] - sec["measured"]) > max(2, 0.3 * sec["measured"]):
            problems.append(f"{name}: 'Extension: {sec['title']} (about {sec['stated']} min)' measures "
                            f"{sec['measured']:.1f} min")
    return problems


def update_metadata(result: dict) -> None:
    """Write the measured figures into the notebook's metadata and into the "**Time:**" line of its
    opening cell ("about N minutes ..., and about M more"), keeping its JSON layout."""
    path = result["path"]
    nb = json.loads(path.read_text(encoding="utf-8"))
    figures = measured_figures(result)
    nb["metadata"].setdefault("fedstate", {}).setdefault("lesson", {})["measured"] = figures
    opening = nb["cells"][0]
    lines = _source(opening).split("\n")
    for i, line in enumerate(lines):
        if line.startswith("**Time:**"):
            line = re.sub(r"about \d+ minutes", f"about {figures['core_minutes']} minutes", line, count=1)
            lines[i] = re.sub(r"about \d+ more", f"about {figures['extension_minutes']} more", line, count=1)
    text = "\n".join(lines)
    opening["source"] = [part + "\n" for part in text.split("\n")[:-1]] + [text.split("\n")[-1]]
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def table(results: list[dict]) -> str:
    lines = ["| notebook | path | words | answers | widgets | self-checks | minutes | screens | period |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        label = r["notebook"] + (f" (before “{r['part']}”)" if r["part"] else "")
        paths = [("core", r["core"]), ("with extensions", r["extensions"])]
        if r.get("whole"):
            paths.append(("whole notebook, with extensions", r["whole"]))
        for name, load in paths:
            lines.append(f"| {label} | {name} | {load.words} | {load.answers} | {load.widgets} | {load.selfchecks} "
                         f"| {load.minutes:.1f} | {load.screens:.1f} | {r['budget'] if name == 'core' else ''} |")
    sections = [(r["notebook"], s) for r in results for s in r["sections"]]
    if sections:
        lines += ["", "| notebook | extension | stated | measured |", "|---|---|---:|---:|"]
        lines += [f"| {n} | {s['title']} | {s['stated']} | {s['measured']:.1f} |" for n, s in sections]
    tastes = [(r["notebook"], r["taste"]) for r in results if r.get("taste")]
    if tastes:
        total = sum(t.minutes for _, t in tastes)
        lines += ["", "One-period plan (cells tagged \"taste\"): " + "; ".join(
            f"{n}: {t.minutes:.1f} min ({t.words} words, {t.answers} answers, {t.widgets} widgets, "
            f"{t.selfchecks} self-checks)" for n, t in tastes) + f"; total {total:.1f} min."]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("only", nargs="*", help="notebook numbers or names to measure (default: all)")
    parser.add_argument("--notebooks", type=Path, default=REPO / "notebooks", help="folder of notebooks")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--cells", action="store_true", help="also list every cell's words (for authors)")
    parser.add_argument("--update", action="store_true",
                        help="write the measured minutes into each notebook's metadata.fedstate.lesson.measured")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "tests"))
    from browser_support import Lab, _chromium, chromium_browser, lab_server

    chromium = _chromium()
    if chromium is None:
        print("needs Debian's Chromium (/usr/bin/chromium) and playwright (pip install -r tests/requirements.txt)")
        return 2
    paths = sorted(args.notebooks.glob("*.ipynb"))
    if args.only:
        paths = [p for p in paths if any(p.stem.startswith(o) or p.stem == o for o in args.only)]
    results = []
    with tempfile.TemporaryDirectory() as home, lab_server(Path(home), args.notebooks) as lab, \
            chromium_browser(chromium) as browser:
        for path in paths:
            context = browser.new_context(viewport=VIEWPORT)
            page = context.new_page()
            try:
                notebook = Lab(page, lab, path)
                notebook.open()
                notebook.run_all()
                if notebook.unexecuted_code_cells() or notebook.errors():
                    print(f"{path.name}: did not run cleanly; figures would be wrong", file=sys.stderr)
                    return 1
                results.append(measure(page, path))
                print(f"measured {path.stem}", file=sys.stderr)
            finally:
                context.close()
    print(f"Estimate: words / {WORDS_PER_MINUTE} + {MINUTES_PER_ANSWER} min per written answer + "
          f"{MINUTES_PER_WIDGET} min per widget or self-check; screens at {VIEWPORT['width']}x{VIEWPORT['height']}.\n")
    print(table(results))
    if args.cells:
        for r in results:
            print(f"\n{r['notebook']}: cell, core?, words, height (px), text areas, self-checks, widget, first line")
            for c in r["cells"]:
                print(f"  {c['cell']:3d} {'core' if c['core'] else 'ext '} {c['words']:5d} {c['height']:5d} {c['textareas']} "
                      f"{c['selfchecks']} {'W' if c['widget'] else ' '}  {c['start']}")
    problems = [p for r in results for p in check_budget(r)
                if not (args.update and ("recorded" in p or "is missing" in p))]
    for r in results:
        if r["core"].screens > SCREENS_GOAL and r["notebook"][:2] in ("01", "02", "03", "04"):
            print(f"note: {r['notebook']}: core path is {r['core'].screens} screens (goal <= {SCREENS_GOAL})")
    for problem in problems:
        print("OVER:", problem)
    if args.update:
        for r in results:
            update_metadata(r)
            print(f"updated {r['path'].name}: {measured_figures(r)}")
    if args.json:
        args.json.write_text(json.dumps([{**r, "path": str(r["path"]), "core": r["core"].row(),
                                          "extensions": r["extensions"].row(),
                                          "whole": r["whole"].row() if r.get("whole") else None,
                                          "taste": r["taste"].row() if r.get("taste") else None}
                                         for r in results], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
