"""The README's two commands are the ones CI runs, and its links and map point at real files."""

from __future__ import annotations

import re

from conftest import NOTEBOOKS, REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", README)


def test_readme_gives_the_two_commands():
    install, test = _commands()[:2]
    assert "pip install -r requirements.txt" in install and "jupyter lab notebooks/00_start_here.ipynb" in install
    assert "pip install -r tests/requirements.txt" in test and test.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command_exactly():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _commands()[1] in ci, ".ci/run must run the README's test command as written"
    assert any("apt-get install" in line and "chromium" in line for line in ci)
    # JupyterHub's proxy for tests/test_hub.py, at the version pinned in tests/hub/package-lock.json.
    assert any(line.startswith("npm ci --prefix tests/hub") for line in ci)
    assert ci.index(next(line for line in ci if line.startswith("npm ci"))) < ci.index(_commands()[1])


def test_binder_badge_opens_the_start_notebook_in_jupyterlab():
    assert re.search(r"mybinder\.org/v2/gh/[^)]+\?urlpath=lab/tree/notebooks/00_start_here\.ipynb", README)


def test_every_notebook_is_on_the_map_and_every_local_link_resolves():
    for notebook in NOTEBOOKS:
        assert f"(notebooks/{notebook.name})" in README, f"{notebook.name} is not in the README's map"
    for target in re.findall(r"\]\(([^)#\s]+)\)", README):
        if not target.startswith(("http://", "https://")):
            assert (REPO / target).exists(), f"README links to {target}, which does not exist"
