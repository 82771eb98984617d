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

FIRST_CELL = '''try:
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
