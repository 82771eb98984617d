"""Conventions every notebook keeps (a test enforces them, after Python for Public Policy).

Running the notebooks is nbval's job (pytest collects notebooks/ with --nbval-lax); this file checks
their shape: stored clean, one H1, the same skeleton, the standard first cell, working links, and a
declaration of what the browser test should see.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import NOTEBOOKS, REPO

FIRST_CELL = '''# Setup: loads this module's tools and checks its data. Run it first; you do not need to change it.
try:
    from fedstate.notebook import *
except ModuleNotFoundError:
    print("This notebook needs its package. In a terminal, in the module's folder, run:\\n"
          "    pip install -r requirements.txt\\n"
          "then choose Kernel > Restart Kernel and Run All Cells.")'''

ids = [p.stem for p in NOTEBOOKS]


def _nb(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def test_there_is_a_start_notebook():
    assert (REPO / "notebooks" / "00_start_here.ipynb") in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_stored_without_outputs(path):
    nb = _nb(path)
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"{path.name}: cell {i} has stored outputs"
            assert cell.get("execution_count") is None, f"{path.name}: cell {i} has an execution count"
    assert "widgets" not in nb.get("metadata", {}), f"{path.name}: saved widget state in metadata"
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_skeleton(path):
    nb = _nb(path)
    assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name), f"{path.name}: name as NN_words.ipynb"
    markdown = [_source(c) for c in nb["cells"] if c["cell_type"] == "markdown"]
    headings = [line for text in markdown for line in text.splitlines() if re.match(r"#{1,6} ", line)]
    h1 = [h for h in headings if h.startswith("# ")]
    assert len(h1) == 1, f"{path.name}: {len(h1)} H1 titles (one expected)"
    assert markdown[0].startswith("# "), f"{path.name}: the first cell must start with the H1 title"
    for label in ("**You will:**", "**Time:**", "**Before this:**"):
        assert label in markdown[0], f"{path.name}: the opening cell lacks {label}"
    level = 1
    for heading in headings[1:]:
        new = len(heading.split(" ")[0])
        assert new <= level + 1, f"{path.name}: heading {heading!r} skips a level"
        level = new
    titles = [h.lstrip("# ").strip() for h in headings]
    assert "Summary" in titles, f"{path.name}: no '## Summary' section"
    assert any(t.startswith("What's next") for t in titles), f"{path.name}: no \"## What's next\" section"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_first_code_cell_is_the_standard_setup(path):
    code = [_source(c) for c in _nb(path)["cells"] if c["cell_type"] == "code"]
    assert code and code[0] == FIRST_CELL, f"{path.name}: the first code cell must be the standard setup cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_links_to_notebooks_and_files_resolve(path):
    text = "\n".join(_source(c) for c in _nb(path)["cells"] if c["cell_type"] == "markdown")
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        assert (path.parent / target).exists(), f"{path.name}: link to {target} points to nothing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_declares_what_the_browser_should_see(path):
    spec = _nb(path)["metadata"].get("fedstate", {}).get("browser", {})
    assert spec.get("expect"), f"{path.name}: metadata.fedstate.browser.expect is missing"
    interactions = spec.get("interactions", [])
    assert interactions, f"{path.name}: declare at least one interaction that changes what is shown"
    for step in interactions:
        if step["action"] == "restart_run_all":
            continue
        if step["action"] == "assert_value":
            assert step["target"] and "value" in step
            continue
        assert step["action"] in {"press", "click", "select", "fill"} and step["target"] and step["watch"]


PERSONAL = ("your immigration status", "your family's status", "your family's immigration",
            "your status", "are you documented", "are you undocumented", "your parents' status",
            "were you born", "your citizenship", "anyone you know been")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_no_question_asks_about_immigration_status(path):
    """The module never asks students about their own or their family's status: no code cell (where
    every prompt a student answers is built) and no question in the prose uses such a phrase."""
    for cell in _nb(path)["cells"]:
        text = _source(cell).lower()
        lines = text.splitlines() if cell["cell_type"] == "markdown" else [text]
        for line in lines:
            if cell["cell_type"] == "markdown" and "?" not in line:
                continue
            for phrase in PERSONAL:
                assert phrase not in line, f"{path.name}: a question uses {phrase!r}: {line[:120]!r}"


def test_first_cell_without_the_package_says_the_one_command_to_run():
    """A student whose environment lacks the package sees the install command, not a traceback."""
    import subprocess
    import sys

    blocker = ("import sys\n"
               "class Block:\n"
               "    def find_spec(self, name, path=None, target=None):\n"
               "        if name == 'fedstate' or name.startswith('fedstate.'):\n"
               "            raise ModuleNotFoundError(f\"No module named '{name}'\")\n"
               "sys.meta_path.insert(0, Block())\n")
    result = subprocess.run([sys.executable, "-c", blocker + FIRST_CELL], capture_output=True, text=True,
                            timeout=60, cwd=REPO / "notebooks")
    assert result.returncode == 0, result.stderr
    assert "pip install -r requirements.txt" in result.stdout
    assert "Restart Kernel and Run All Cells" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


# -- the shape of a lesson that fits a period (issue 11) -----------------------------------------------

EXTENSION_HEADING = re.compile(r"^## Extension: (.+) \(about (\d+) min\)$")


def _sections(nb):
    """(title, [cell indices]) for every "## " section, in order; cells before the first are skipped."""
    sections = []
    for i, cell in enumerate(nb["cells"]):
        headings = re.findall(r"^## (.*)$", _source(cell), re.M) if cell["cell_type"] == "markdown" else []
        for heading in headings:  # a cell may hold several ("## Summary" and "## What's next")
            sections.append((heading.strip(), [i]))
        if sections and not headings:
            sections[-1][1].append(i)
    return sections


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_extensions_are_marked_folded_and_tagged(path):
    """An extension is a "## Extension: <title> (about N min)" section whose heading cell is folded
    (JupyterLab's jp-MarkdownHeadingCollapsed) and says in one line what it adds; every cell from its
    heading to the next "## " carries the tag "extension", and no other cell does."""
    nb = _nb(path)
    tagged = {i for i, c in enumerate(nb["cells"]) if "extension" in c["metadata"].get("tags", [])}
    expected = set()
    for title, cells in _sections(nb):
        if not title.startswith("Extension"):
            continue
        head = nb["cells"][cells[0]]
        assert EXTENSION_HEADING.match(f"## {title}"), f"{path.name}: {title!r} must read 'Extension: <title> (about N min)'"
        assert head["metadata"].get("jp-MarkdownHeadingCollapsed") is True, f"{path.name}: {title!r} is not folded"
        body = _source(head).split("\n", 1)[1].strip() if "\n" in _source(head) else ""
        assert body.startswith("*What it adds:*"), f"{path.name}: {title!r} needs one line saying what it adds"
        expected |= set(cells)
    assert tagged == expected, (f"{path.name}: cells tagged 'extension' {sorted(tagged ^ expected)} do not match "
                                f"the extension sections")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_summary_and_whats_next_stay_core_and_last(path):
    titles = [title for title, _ in _sections(_nb(path))]
    assert titles[-2] == "Summary" and titles[-1].startswith("What's next"), \
        f"{path.name}: the last sections must be Summary and What's next, not {titles[-2:]}"
    assert not any(t.startswith("Extension") for t in titles[-2:])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_no_test_code_in_the_notebooks(path):
    """The checks moved to tests/test_notebook_checks.py: no cell a student sees asserts anything."""
    for i, cell in enumerate(_nb(path)["cells"]):
        if cell["cell_type"] != "code":
            continue
        text = _source(cell)
        assert not re.search(r"^\s*assert\b", text, re.M), f"{path.name}: cell {i} holds an assert"
        assert "Checks passed" not in text and "All checks passed" not in text, f"{path.name}: cell {i} prints a check"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_code_a_student_need_not_change_is_collapsed_with_a_plain_line(path):
    """Every code cell is collapsed (jupyter.source_hidden) and begins with one plain comment that says
    what it does (JupyterLab shows that first line in place of the code), except exercises, tagged
    "exercise", which a student edits and so sees in full."""
    for i, cell in enumerate(_nb(path)["cells"]):
        if cell["cell_type"] != "code":
            continue
        text = _source(cell)
        if "exercise" in cell["metadata"].get("tags", []):
            assert not cell["metadata"].get("jupyter", {}).get("source_hidden"), f"{path.name}: exercise cell {i} is hidden"
            continue
        assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True, f"{path.name}: code cell {i} is not collapsed"
        first = text.split("\n", 1)[0]
        assert re.match(r"# [A-Z][^\n]{10,}", first), f"{path.name}: cell {i} must begin with a plain line saying what it does: {first!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_no_internal_ids_in_what_students_read(path):
    """Source lists show publisher and title: prose never points a student at a row id of sources.csv."""
    from fedstate.data import sources

    known = set(sources().index)
    for i, cell in enumerate(_nb(path)["cells"]):
        if cell["cell_type"] == "markdown":
            for token in re.findall(r"`([a-z0-9-]+)`", _source(cell)):
                assert token not in known, f"{path.name}: cell {i} shows the source id {token!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_declares_its_period(path):
    spec = _nb(path)["metadata"].get("fedstate", {}).get("lesson", {})
    assert isinstance(spec.get("period"), int), f"{path.name}: metadata.fedstate.lesson.period is missing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids)
def test_glossary_terms_are_linked_and_glossed_where_first_used(path):
    from fedstate import glossary

    nb = _nb(path)
    problems = glossary.first_use_problems(nb)
    assert not problems, f"{path.name}:\n" + "\n".join(problems)
    known = set(glossary.terms()["anchor"])
    assert glossary.linked_anchors(nb) <= known, f"{path.name}: links to terms the glossary lacks"
    assert "](glossary.md)" in _source(nb["cells"][0]), f"{path.name}: the opening cell should link the glossary"


def test_glossary_page_is_current():
    from fedstate import glossary

    assert glossary.PAGE.read_text(encoding="utf-8") == glossary.page_markdown(), \
        "notebooks/glossary.md is stale: run `python -m fedstate.glossary`"


def test_glossary_check_finds_an_unglossed_first_use():
    """The first-use check is not vacuous: a term used bare, or linked without a gloss, is reported."""
    from fedstate import glossary

    bare = {"cells": [{"cell_type": "markdown", "source": "A detainer is sent. Later a [detainer](glossary.md#detainer) (a request)."}]}
    assert any("'detainer'" in p for p in glossary.first_use_problems(bare))
    unglossed = {"cells": [{"cell_type": "markdown", "source": "The [detainer](glossary.md#detainer) was sent."}]}
    assert any("not glossed" in p for p in glossary.first_use_problems(unglossed))
    good = {"cells": [{"cell_type": "markdown", "source": "A [detainer](glossary.md#detainer) (a request) was sent."}]}
    assert not [p for p in glossary.first_use_problems(good) if "'detainer'" in p]
