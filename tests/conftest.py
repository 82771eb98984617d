"""Shared test setup.

Answers written while tests run (by nbval's kernels, the browser test's JupyterLab, the widget
tests) go to a temporary folder, never into the checkout's notebooks/ folder where a teacher's or
student's real work may be.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from browser_support import browser, jupyterlab  # noqa: F401  (fixtures shared by every browser test)

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for p in (REPO / "notebooks").glob("*.ipynb"))

_ANSWERS = Path(tempfile.mkdtemp(prefix="fedstate-test-answers-"))
# Set at import time so that nbval's kernels, started later in this process, inherit it.
os.environ["FEDSTATE_ANSWERS"] = str(_ANSWERS)
os.environ.setdefault("FEDSTATE_TEST_OUTPUT", str(REPO / "test-output"))


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_ANSWERS, ignore_errors=True)


@pytest.fixture
def answers_dir(tmp_path, monkeypatch):
    """A fresh, empty answers folder for one test; the shared store is reset to use it."""
    from fedstate import responses

    folder = tmp_path / "answers"
    folder.mkdir()
    monkeypatch.setenv("FEDSTATE_ANSWERS", str(folder))
    monkeypatch.setattr(responses, "_STORE", None)
    return folder


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A writable copy of data/ for tests that break a file on purpose; the loader points at it."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    monkeypatch.setenv("FEDSTATE_DATA", str(target))
    return target
