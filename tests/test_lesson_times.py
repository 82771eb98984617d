"""The times the documents promise are the times measured (issue 11: measured, not guessed).

``python benchmarks/reading_load.py --update`` records each notebook's measured core-path and
extension minutes in ``metadata.fedstate.lesson.measured`` and in the notebook's "**Time:**" line; the
browser test (tests/test_browser.py) fails when the live measurement drifts from those figures or a
core path outgrows its period. This file checks, without a browser, that every document quoting the
figures quotes the recorded ones: the README's map, the instructor guide's pacing table, each
notebook's teacher note and the notebook itself. It also checks that the one-period plan is marked
in the notebooks it names.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import NOTEBOOKS, REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
GUIDE = (REPO / "teacher" / "README.md").read_text(encoding="utf-8")


def _nb(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _measured(path) -> tuple[int, int, int]:
    lesson = _nb(path)["metadata"].get("fedstate", {}).get("lesson", {})
    measured = lesson.get("measured")
    assert measured, (f"{path.name}: no measured minutes in metadata.fedstate.lesson.measured; run "
                      "python benchmarks/reading_load.py --update")
    return measured["core_minutes"], measured["extension_minutes"], measured["screens"]


ids = [p.stem for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_core_path_fits_its_period_as_recorded(path):
    period = _nb(path)["metadata"]["fedstate"]["lesson"]["period"]
    core, _ext, _screens = _measured(path)
    assert core <= period, f"{path.name}: the recorded core path ({core} min) is longer than its period ({period} min)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_the_notebook_states_its_measured_time(path):
    core, ext, _ = _measured(path)
    time_line = next((line for line in _source(_nb(path)["cells"][0]).splitlines() if line.startswith("**Time:**")), "")
    assert f"about {core} minutes" in time_line, f"{path.name}: its Time line should say about {core} minutes: {time_line!r}"
    if ext:
        assert f"about {ext} more" in time_line, f"{path.name}: its Time line should say about {ext} more (extensions)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_the_readme_map_states_the_measured_time(path):
    core, ext, _ = _measured(path)
    row = next((line for line in README.splitlines() if f"(notebooks/{path.name})" in line and line.startswith("|")), "")
    assert f"{core} min" in row, f"README's map, {path.name}: should say {core} min: {row!r}"
    if ext:
        assert f"extensions {ext} min" in row, f"README's map, {path.name}: should say extensions {ext} min: {row!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_the_instructor_guide_states_the_measured_time(path):
    core, ext, screens = _measured(path)
    number = path.name[:2]
    lines = GUIDE.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| Notebook | Core path (min) |"))
    table = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        table.append(line)
    row = next((line for line in table if line.startswith(f"| {number} ")), "")
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1:4] == [str(core), str(ext), str(screens)], \
        f"teacher/README.md, pacing table, notebook {number}: expected {core} | {ext} | {screens}, found {row!r}"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name[:2] != "00"], ids=[p.stem for p in NOTEBOOKS if p.name[:2] != "00"])
def test_the_teacher_note_states_the_measured_time(path):
    core, ext, _ = _measured(path)
    note = (REPO / "teacher" / f"{path.stem}.md").read_text(encoding="utf-8")
    assert f"about {core} minutes" in note, f"teacher/{path.stem}.md should give the core path as about {core} minutes"
    if ext:
        assert f"about {ext} minutes" in note, f"teacher/{path.stem}.md should give the extensions as about {ext} minutes"


def test_the_one_period_plan_is_marked_in_the_notebooks_it_uses():
    """The instructor guide's one-period plan ("a taste") is tagged "taste" in the notebooks, and each
    such notebook says so to students with a "One-period plan" line in a tagged cell."""
    row = next(line for line in GUIDE.splitlines() if line.startswith("| **One period**"))
    named = set(re.findall(r"\b0[0-5]\b", row)) - {"00"}
    tasting = set()
    for path in NOTEBOOKS:
        cells = [c for c in _nb(path)["cells"] if "taste" in c["metadata"].get("tags", [])]
        if not cells:
            continue
        tasting.add(path.name[:2])
        assert any("**One-period plan:**" in _source(c) for c in cells if c["cell_type"] == "markdown"), \
            f"{path.name}: cells are tagged 'taste' but none tells students it is the one-period plan"
        assert not any("extension" in c["metadata"].get("tags", []) for c in cells), \
            f"{path.name}: the one-period plan uses an extension cell"
    assert tasting == named, f"the guide's one-period plan names notebooks {sorted(named)}, tagged: {sorted(tasting)}"
