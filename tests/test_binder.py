"""Binder reads the configuration as intended: Python 3.11 and an install of requirements.txt.

repo2docker's --no-build --debug prints the Dockerfile it would build, without Docker, which is the
cheap way to see what mybinder.org will do with this repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.binder


def _repo2docker() -> str:
    exe = Path(sys.executable).with_name("repo2docker")
    found = str(exe) if exe.exists() else shutil.which("repo2docker")
    if not found:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but repo2docker is missing: pip install -r tests/requirements.txt", pytrace=False)
        pytest.skip("repo2docker is missing: pip install -r tests/requirements.txt")
    return found


def test_runtime_is_python_3_11():
    assert (REPO / "runtime.txt").read_text().strip() == "python-3.11"


def test_requirements_are_pinned_and_complete():
    lines = [line.strip() for line in (REPO / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.strip().startswith("#")]
    assert "-e ." in lines
    pinned = {line.split("==")[0].lower(): line.split("==")[1] for line in lines if "==" in line}
    unpinned = [line for line in lines if "==" not in line and line != "-e ."]
    assert not unpinned, f"unpinned lines: {unpinned}"
    for package in ("jupyterlab", "ipywidgets", "plotly", "nbval", "anywidget", "pandas", "nbgitpuller"):
        assert package in pinned, f"{package} missing from requirements.txt"


def test_repo2docker_builds_python_3_11_and_installs_requirements():
    result = subprocess.run([_repo2docker(), "--no-build", "--debug", str(REPO)],
                            capture_output=True, text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-2000:]
    assert re.search(r"python=3\.11\b", output), "repo2docker did not pick Python 3.11 from runtime.txt"
    assert 'pip install --no-cache-dir -r "requirements.txt"' in output, "requirements.txt is not installed"
