"""Two students on a real JupyterHub keep separate answers (issue 12.4).

The test starts a real JupyterHub (the ``jupyterhub`` package with its Node proxy,
``configurable-http-proxy``) on 127.0.0.1 only, with a test login (any user name, one shared
password: the shared-password authenticator) and the simple local spawner (one OS user; each hub
user gets a home folder under the test's temporary folder and a single-user server from this test's
own virtualenv, so the servers import this checkout's ``fedstate``). Then, for two users, in
Chromium, as a student would:

1. open the module's nbgitpuller link, log in, start the server: nbgitpuller clones the module from
   a local git repository (a ``file://`` address; the repository is built from this checkout's
   files, working-tree versions, so the test sees uncommitted changes and works in CI's clean
   checkout) and opens notebook 00 in JupyterLab;
2. run every cell, check that the name box and the first written answer are empty (so the second
   user does not see the first user's answers), type a name and an answer, and wait until they are
   saved;
3. ask the notebook's own kernel where answers go (the user's pulled copy,
   ``<home>/fedstate-module/notebooks``) and that it finds the module's data.

Then: each user's ``my_answers.json`` is beside that user's pulled notebook and holds that user's
answers and none of the other's; no answers file appeared anywhere else (not in the checkout, not in
the package); and after a kernel restart the first user's notebook shows the first user's answers,
not the second's.

Teardown kills the hub, then every process that carries this test's marker in its environment (the
proxy, the single-user servers, their kernels), and checks that none is left, so nothing is left
running even when the test fails.

Needs ``pip install -r tests/requirements.txt`` (jupyterhub, nbgitpuller), ``npm ci --prefix
tests/hub`` (the proxy), git, and Debian's Chromium; under CI=true a missing piece fails the run
with the command that installs it, elsewhere the test is skipped with that message.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from browser_support import SHOTS, Lab, write_lab_settings
from conftest import REPO

pytestmark = pytest.mark.hub

PROXY = REPO / "tests" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
INSTALL_PROXY = "npm ci --prefix tests/hub"
MODULE = "fedstate-module"  # the local repository's folder name, so also the folder nbgitpuller pulls into
NOTEBOOK = "00_start_here.ipynb"
PASSWORD = "fedstate-hub-test"
MARKER = "FEDSTATE_HUB_TEST"  # every process this test starts carries it, so teardown can find them
STUDENTS = {
    "alice": {"name": "Alice Example", "answer": "Alice: the article gives one number without its source."},
    "bob": {"name": "Bob Example", "answer": "Bob: it depends on which jails are counted."},
}
HUB_START_S, SERVER_START_S, PULL_S, SAVE_S = 90, 120, 90, 30


def need_hub(only_git: bool = False) -> None:
    """Fail under CI=true, skip elsewhere, naming the command that installs what is missing."""
    missing = []
    if not only_git:
        try:
            import jupyterhub  # noqa: F401
            import nbgitpuller  # noqa: F401
        except ImportError:
            missing.append("jupyterhub and nbgitpuller (pip install -r tests/requirements.txt)")
        if not Path(sys.executable).with_name("jupyterhub-singleuser").exists():
            missing.append("jupyterhub-singleuser in this virtualenv (pip install -r tests/requirements.txt)")
        if not PROXY.exists():
            missing.append(f"JupyterHub's proxy, configurable-http-proxy, a Node package ({INSTALL_PROXY})")
        if not Path("/proc/self/environ").exists():
            missing.append("Linux's /proc (teardown finds the hub's processes there)")
    if shutil.which("git") is None:
        missing.append("git (sudo apt-get install -y git)")
    if not (REPO / ".git").exists():
        missing.append("a git checkout of the module (the test builds its repository from `git ls-files`)")
    if missing:
        message = "the JupyterHub test needs " + "; ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but " + message, pytrace=False)
        pytest.skip(message)


def _free_ports(count: int) -> list[int]:
    """Distinct free ports on 127.0.0.1 (all held open until all are chosen)."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _git_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="fedstate test", GIT_AUTHOR_EMAIL="test@localhost",
               GIT_COMMITTER_NAME="fedstate test", GIT_COMMITTER_EMAIL="test@localhost")
    return env


def module_repository(target: Path) -> Path:
    """A git repository of the module as it is in this checkout: the files git tracks (and new ones
    it does not ignore), in their working-tree versions, committed on ``main``."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, check=True, env=_git_env()).stdout
    copied = 0
    for name in sorted(set(listed.decode("utf-8").split("\0")) - {""}):
        source = REPO / name
        if not source.is_file():  # tracked but deleted in the working tree
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name)
        copied += 1
    assert (target / "notebooks" / NOTEBOOK).is_file() and copied > 50, f"only {copied} files copied"
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
                    ["git", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "the module as tested"]):
        subprocess.run(command, cwd=target, check=True, env=_git_env(), capture_output=True)
    return target


def pull_link(hub_url: str, repository: Path) -> str:
    """The nbgitpuller link, built as the instructor guide's link is (fedstate.publish.nbgitpuller_link),
    for the local repository instead of GitHub."""
    from fedstate.publish import nbgitpuller_link

    link = nbgitpuller_link(hub_url, repository.as_uri())
    assert f"urlpath=lab%2Ftree%2F{MODULE}%2Fnotebooks%2F{NOTEBOOK}" in link, link
    return link


def _marked_processes(marker: str) -> list[int]:
    """Process ids whose environment carries ``MARKER=marker`` (the hub, its proxy, the servers, kernels)."""
    needle = f"{MARKER}={marker}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:  # gone meanwhile, or a zombie
            continue
    return found


def _signal_all(pids: list[int], sig: int) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def stop_everything(proc: subprocess.Popen, marker: str) -> list[int]:
    """Kill the hub, then every process that carries this test's marker (the proxy, the single-user
    servers, their kernels). Their files go with the temporary folder, so nothing needs a graceful
    shutdown (which takes the servers more than 5 s). Returns the ids still alive (none)."""
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)
    deadline = time.time() + 10
    while _marked_processes(marker) and time.time() < deadline:
        _signal_all(_marked_processes(marker), signal.SIGKILL)
        time.sleep(0.2)
    return _marked_processes(marker)


def _wait_http(url: str, seconds: float, proc: subprocess.Popen, log: Path, what: str) -> None:
    deadline = time.time() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=3) as reply:
                if reply.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            state = f"exited with {proc.returncode}" if proc.poll() is not None else f"not up after {seconds:.0f} s"
            pytest.fail(f"{what} {state}; end of {log}:\n{log.read_text(errors='replace')[-4000:]}", pytrace=False)
        time.sleep(0.3)


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """A JupyterHub on 127.0.0.1 with two possible students; everything it started is stopped after."""
    need_hub()
    setup_started = time.time()
    base = tmp_path_factory.mktemp("hub")
    repository = module_repository(base / "repository" / MODULE)
    homes, settings = base / "home", write_lab_settings(base / "lab-settings")
    port, proxy_api_port, hub_port = _free_ports(3)
    marker = uuid.uuid4().hex
    args = ["--LabApp.expose_app_in_browser=True"]  # lets the test ask the kernel where it saves
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    config = {
        "JupyterHub.ip": "127.0.0.1", "JupyterHub.port": port,
        "JupyterHub.hub_ip": "127.0.0.1", "JupyterHub.hub_port": hub_port,
        "JupyterHub.db_url": f"sqlite:///{base / 'jupyterhub.sqlite'}",
        "JupyterHub.cookie_secret_file": str(base / "jupyterhub_cookie_secret"),
        "JupyterHub.pid_file": str(base / "jupyterhub.pid"),
        "JupyterHub.authenticator_class": "shared-password", "SharedPasswordAuthenticator.user_password": PASSWORD,
        "Authenticator.allow_all": True,
        "JupyterHub.spawner_class": "simple",
        "SimpleLocalProcessSpawner.home_dir_template": str(homes / "{username}"),
        "Spawner.ip": "127.0.0.1",
        "Spawner.cmd": [str(Path(sys.executable).with_name("jupyterhub-singleuser"))],
        "Spawner.args": args,
        "Spawner.default_url": "/lab",
        "Spawner.start_timeout": SERVER_START_S, "Spawner.http_timeout": SERVER_START_S,
        "Spawner.environment": {MARKER: marker, "JUPYTERLAB_SETTINGS_DIR": str(settings)},
        "ConfigurableHTTPProxy.command": [str(PROXY)],
        "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{proxy_api_port}",
        "ConfigurableHTTPProxy.pid_file": str(base / "jupyterhub-proxy.pid"),
    }
    config_file = base / "jupyterhub_config.py"
    config_file.write_text("".join(f"c.{key} = {value!r}\n" for key, value in config.items()))
    # Answers must land beside each user's notebook: nothing of this test session's own setup
    # (FEDSTATE_ANSWERS, FEDSTATE_DATA) may reach the hub or its servers.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FEDSTATE_", "JUPYTERHUB_"))}
    env[MARKER] = marker
    log_path = base / "jupyterhub.log"
    log = open(log_path, "w")
    proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config_file)], cwd=base, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_http(f"{url}/hub/api/", HUB_START_S, proc, log_path, "JupyterHub (through its proxy)")
        print(f"\nJupyterHub up (module repository built, hub and proxy started) in {time.time() - setup_started:.1f} s")
        yield {"url": url, "homes": homes, "repository": repository, "log": log_path}
    finally:
        stopping = time.time()
        left = stop_everything(proc, marker)
        log.close()
        print(f"\nJupyterHub, proxy and servers stopped in {time.time() - stopping:.1f} s")
        assert not left, f"processes still running after the hub test: {left}"


def _checkout_answer_files() -> dict[Path, float]:
    """Answers files in the checkout (a developer's own may exist); the test must not touch them."""
    folders = (REPO, REPO / "notebooks", REPO / "teacher", REPO / "fedstate", REPO / "fedstate" / "widgets")
    return {p: p.stat().st_mtime for folder in folders for p in folder.glob("my_answers*.json")}


class HubLab(Lab):
    """Notebook 00 as one student on the hub: reached through the nbgitpuller link, not a lab URL."""

    def __init__(self, page, hub, user: str):
        super().__init__(page, {"base": f"{hub['url']}/user/{user}", "token": ""}, Path(NOTEBOOK))
        self.hub, self.user, self.name = hub, user, f"hub-{user}"

    def start(self):
        """Open the link and log in; the hub then starts the server and nbgitpuller pulls, while
        the test goes on (both students' servers start at the same time)."""
        page = self.page
        page.goto(pull_link(self.hub["url"], self.hub["repository"]))
        page.wait_for_selector("#username_input", timeout=30_000)
        page.fill("#username_input", self.user)
        page.fill("#password_input", PASSWORD)
        page.click("#login_submit")

    def open(self):
        """Wait until the link has landed on notebook 00 in JupyterLab, with its kernel idle."""
        page = self.page
        deadline = time.time() + SERVER_START_S + PULL_S
        while "/lab" not in page.url:
            if page.locator("a#start").count():  # a hub that does not start servers by itself
                page.click("a#start")
            if time.time() > deadline:
                self.shot("TIMEOUT")
                pytest.fail(f"{self.user}: the nbgitpuller link did not open JupyterLab within "
                            f"{SERVER_START_S + PULL_S} s (stuck at {page.url}); screenshot in {SHOTS}; "
                            f"hub log {self.hub['log']}", pytrace=False)
            page.wait_for_timeout(500)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        self.wait_for(lambda: NOTEBOOK in page.title() or page.locator(f"[title*='{NOTEBOOK}']").count() > 0,
                      30, "notebook 00 to open")
        self.wait_for(lambda: "Idle" in self.status_text(), 90, f"{self.user}'s kernel to start (status bar 'Idle')")
        page.click(".jp-Notebook .jp-Cell >> nth=0")

    def kernel_says(self, code: str) -> str:
        """Run ``code`` in the notebook's own kernel and return what it printed."""
        return self.page.evaluate(
            """async (code) => {
                const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
                const future = kernel.requestExecute({code, store_history: false});
                let out = '';
                future.onIOPub = (msg) => {
                    if (msg.header.msg_type === 'stream') out += msg.content.text;
                    if (msg.header.msg_type === 'error') out += 'ERROR ' + msg.content.ename + ': ' + msg.content.evalue;
                };
                await future.done;
                return out;
            }""", code)

    def values(self) -> tuple[str, str]:
        """What the name box and the first written answer show."""
        return (self.page.locator(".fedstate-name input").input_value(),
                self.page.locator(".fedstate-answer textarea").first.input_value())

    def run_cleanly(self):
        self.run_all()
        errors, not_run = self.errors(), self.unexecuted_code_cells()
        if errors or not_run:
            self.shot("FAILED")
        assert not errors, f"{self.user}: error output in notebook 00 on the hub:\n" + "\n---\n".join(errors)
        assert not_run == 0, f"{self.user}: {not_run} code cell(s) of notebook 00 did not run; screenshot in {SHOTS}"


def _saved(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["answers"]
    except (OSError, ValueError, KeyError):
        return {}


def _wait_saved(lab: HubLab, path: Path, student: dict) -> dict:
    deadline = time.time() + SAVE_S
    while time.time() < deadline:
        answers = _saved(path)
        values = {entry.get("value") for entry in answers.values()}
        if student["name"] in values and student["answer"] in values:
            return answers
        time.sleep(0.3)
    lab.shot("NOT-SAVED")
    pytest.fail(f"{lab.user}: name and answer not saved to {path} within {SAVE_S} s; it holds "
                f"{_saved(path)!r}; screenshot in {SHOTS}", pytrace=False)


def test_two_students_on_a_hub_keep_separate_answers(hub, browser):
    started, timings = time.time(), []

    def phase(what):
        timings.append(f"{what}: {time.time() - started:.1f} s")

    before = _checkout_answer_files()
    labs, contexts = {}, []
    try:
        for user in STUDENTS:  # both follow the link and log in; their servers start side by side
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            contexts.append(context)
            labs[user] = HubLab(context.new_page(), hub, user)
            labs[user].start()
        phase("both logged in")
        for user, student in STUDENTS.items():  # one after the other: bob opens after alice saved
            lab, copy = labs[user], hub["homes"] / user / MODULE
            lab.page.bring_to_front()
            lab.open()
            phase(f"{user}: notebook 00 open")
            lab.run_cleanly()
            phase(f"{user}: ran all cells")
            # A fresh student sees no one's answers (for bob: alice's are already saved by now).
            assert lab.values() == ("", ""), f"{user} sees answers before typing any: {lab.values()}"
            where = lab.kernel_says("from fedstate.responses import store\nfrom fedstate.data import data_dir\n"
                                    "print(store().path)\nprint(data_dir() / 'sources.csv')")
            saves, data = (where.split() + ["", ""])[:2]
            assert saves == str(copy / "notebooks" / "my_answers.json"), \
                f"{user}'s kernel saves answers outside the pulled notebook's folder {copy / 'notebooks'}: {where!r}"
            assert Path(data).is_file(), f"{user}'s kernel finds no data: {where!r}"
            lab.page.locator(".fedstate-name input").fill(student["name"])
            lab.page.locator(".fedstate-answer textarea").first.fill(student["answer"])
            _wait_saved(lab, copy / "notebooks" / "my_answers.json", student)
            phase(f"{user}: saved")

        # On disk: each user's answers beside that user's pulled notebook, and nothing of the other's.
        for user, student in STUDENTS.items():
            text = (hub["homes"] / user / MODULE / "notebooks" / "my_answers.json").read_text(encoding="utf-8")
            for other, theirs in STUDENTS.items():
                for value in theirs.values():
                    assert (json.dumps(value, ensure_ascii=False) in text) == (other == user), \
                        f"{user}'s answers file {'lacks' if other == user else 'holds'} {other}'s {value!r}"
        found = sorted(p.relative_to(hub["homes"]) for p in hub["homes"].rglob("my_answers*.json"))
        assert found == [Path(user, MODULE, "notebooks", "my_answers.json") for user in sorted(STUDENTS)], \
            f"answers files in the users' homes: {found}"
        assert _checkout_answer_files() == before, "the hub test wrote or changed answers in the checkout"
        assert not list(hub["repository"].rglob("my_answers*.json")), "answers were written into the repository"

        # In the notebook: after a restart, alice's notebook shows alice's answers (not bob's, saved last).
        alice = labs["alice"]
        alice.page.bring_to_front()
        alice.restart_run_all()
        assert alice.values() == (STUDENTS["alice"]["name"], STUDENTS["alice"]["answer"]), \
            f"alice's notebook shows {alice.values()} after a restart"
        alice.shot()
        phase("alice: restarted, her answers shown")
    finally:
        for context in contexts:
            context.close()
        print("\nJupyterHub test, time since the hub was up: " + "; ".join(timings))


def test_the_test_repository_is_the_working_tree(tmp_path):
    """The pulled module is this checkout as it is now, uncommitted changes included."""
    need_hub(only_git=True)
    repository = module_repository(tmp_path / MODULE)
    for name in ("README.md", "fedstate/responses.py", f"notebooks/{NOTEBOOK}", "data/sources.csv"):
        assert (repository / name).read_bytes() == (REPO / name).read_bytes(), name
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repository, capture_output=True, text=True,
                            env=_git_env(), check=True)
    assert status.stdout == "", f"the test repository has uncommitted files: {status.stdout}"
    assert not (repository / ".venv").exists() and not (repository / "tests" / "hub" / "node_modules").exists()


def test_the_proxy_is_pinned_exactly():
    """configurable-http-proxy is installed by `npm ci --prefix tests/hub` at one exact version."""
    package = json.loads((REPO / "tests" / "hub" / "package.json").read_text(encoding="utf-8"))
    version = package["dependencies"]["configurable-http-proxy"]
    assert version.count(".") == 2 and version.replace(".", "").isdigit(), f"not an exact version: {version}"
    lock = json.loads((REPO / "tests" / "hub" / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == version
