"""Shared machinery of the browser tests: JupyterLab on loopback and Debian's Chromium through
Playwright (one of each per test session), and :class:`Lab`, which drives one notebook.

The fixtures are registered in conftest.py so that every browser test (the generic one in
test_browser.py and any notebook-specific one) shares one JupyterLab and one browser: Playwright's
sync API can run only once per process.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
BAD_TEXT = ("Error displaying widget", "Model not found", "Javascript Error", "Error rendering output",
            "Failed to load model class")
SHOTS = Path(os.environ.get("FEDSTATE_TEST_OUTPUT", REPO / "test-output")) / "screenshots"
RUN_TIMEOUT_S = 240
# How long a widget may take to redraw after a key, click or choice. A redraw takes well under a second
# on a quiet machine; 20 s timed out on a loaded 2-core one, and a flaky test blocks every submission.
INTERACTION_TIMEOUT_S = 60


def _chromium() -> str | None:
    for path in CHROMIUM_CANDIDATES:
        if Path(path).exists():
            return path
    return shutil.which("chromium")


def need_browser():
    chromium = _chromium()
    try:
        import playwright  # noqa: F401
    except ImportError:
        chromium = None
    if chromium is None:
        message = ("browser tests need Debian's Chromium and Playwright: "
                   "sudo apt-get install -y chromium && pip install -r tests/requirements.txt")
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but " + message, pytrace=False)
        pytest.skip(message)
    return chromium


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_lab_settings(settings: Path) -> Path:
    """JupyterLab settings for a test (pass the folder as JUPYTERLAB_SETTINGS_DIR): no virtual
    scrolling (so every cell is in the page to be checked), no news pop-up, and no autosave (never
    write executed notebooks, with outputs and widget state, back over the committed ones)."""
    for plugin, values in {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                             "checkForUpdates": False},
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    }.items():
        target = settings / plugin
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    return settings


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory):
    """JupyterLab on loopback with a token, clean settings, answers in a temporary folder."""
    need_browser()
    port, token = _free_port(), "fedstate-browser-test"
    home = tmp_path_factory.mktemp("lab")
    settings = write_lab_settings(home / "settings")
    # JupyterLab serves a copy of the notebooks, so nothing it saves can touch the checkout.
    root = home / "root"
    shutil.copytree(REPO / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "my_answers*", "my_work*"))
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
               FEDSTATE_ANSWERS=str(home / "answers"))
    log = open(home / "jupyterlab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", "--allow-root", f"--ServerApp.root_dir={root}",
         "--LabApp.expose_app_in_browser=True", "--ServerApp.open_browser=False"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as reply:
                if reply.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            pytest.fail(f"JupyterLab did not start; see {home / 'jupyterlab.log'}:\n"
                        + (home / "jupyterlab.log").read_text()[-3000:], pytrace=False)
        time.sleep(0.5)
    yield {"base": base, "token": token, "answers": home / "answers", "log": home / "jupyterlab.log", "root": root}
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    chromium = need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


class Lab:
    """One notebook open in JupyterLab: run it, wait, inspect, interact."""

    def __init__(self, page, lab, notebook: Path):
        self.page, self.lab, self.notebook = page, lab, notebook
        self.name = notebook.stem

    def open(self):
        rel = f"notebooks/{self.notebook.name}"
        url = f"{self.lab['base']}/lab/workspaces/{self.name}/tree/{rel}?reset&token={self.lab['token']}"
        self.page.goto(url)
        self.page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        self.wait_for(lambda: "Idle" in self.status_text(), 90, "the kernel to start (status bar 'Idle')")
        self.page.click(".jp-Notebook .jp-Cell >> nth=0")

    def status_text(self) -> str:
        bar = self.page.query_selector("#jp-main-statusbar")
        return bar.inner_text() if bar else ""

    def wait_for(self, condition, seconds: float, what: str):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if condition():
                return
            time.sleep(0.25)
        self.shot("TIMEOUT")
        pytest.fail(f"{self.notebook.name}: timed out after {seconds:.0f} s waiting for {what}; "
                    f"screenshot in {SHOTS}", pytrace=False)

    def busy(self) -> bool:
        prompts = self.page.eval_on_selector_all(".jp-InputPrompt", "els => els.map(e => e.textContent)")
        return "Idle" not in self.status_text() or any("*" in p for p in prompts)

    def restart_run_all(self):
        # Not awaited: the command's promise settles only after the dialog below is answered.
        self.page.evaluate("() => { window.jupyterapp.commands.execute('notebook:restart-run-all'); }")
        accept = self.page.locator(".jp-Dialog .jp-mod-accept")
        accept.wait_for(timeout=15_000)
        accept.click()
        self.wait_for(lambda: self.page.locator(".jp-Dialog").count() == 0, 15, "the restart dialog to close")
        self._wait_until_finished()

    def run_all(self):
        self.page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        self._wait_until_finished()

    def _wait_until_finished(self):
        time.sleep(1.0)  # let the first cell be queued before polling for idle
        deadline = time.time() + RUN_TIMEOUT_S
        calm = 0
        while calm < 2:
            if time.time() > deadline:
                self.shot("TIMEOUT")
                pytest.fail(f"{self.notebook.name}: still running after {RUN_TIMEOUT_S} s", pytrace=False)
            calm = 0 if self.busy() else calm + 1
            time.sleep(1.0)

    def unexecuted_code_cells(self) -> int:
        prompts = self.page.eval_on_selector_all(".jp-CodeCell .jp-InputPrompt",
                                                 "els => els.map(e => e.textContent.trim())")
        return sum(1 for p in prompts if p in ("[ ]:", "[]:", ""))

    def errors(self) -> list[str]:
        return self.page.eval_on_selector_all(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
            "els => els.map(e => e.innerText.slice(0, 1500))")

    def count(self, selector: str) -> int:
        return len([e for e in self.page.query_selector_all(selector) if e.is_visible()])

    def snapshot(self, selector: str, nth: int = 0) -> str:
        elements = self.page.query_selector_all(selector)
        if len(elements) <= nth:
            return ""
        return elements[nth].inner_html()

    def interact(self, step: dict):
        target = self.page.locator(step["target"])
        if step.get("text"):
            target = target.filter(has_text=step["text"])
        target = target.nth(step.get("nth", 0))
        target.scroll_into_view_if_needed(timeout=15_000)
        action = step["action"]
        if action == "press":
            target.focus()
            target.press(step.get("key", "ArrowRight"))
        elif action == "click":
            target.click()
        elif action == "select":
            target.select_option(step["value"])
        elif action == "fill":
            target.fill(step["value"])
        else:
            raise ValueError(f"unknown browser action {action!r}")

    def shot(self, suffix: str = ""):
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{self.name}{'-' + suffix if suffix else ''}.png"))


