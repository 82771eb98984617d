"""The module works however it is installed: a wheel (``pip install .``, a JupyterHub image) carries
its data and finds it from any folder; answers never go into the installed package; a missing data
folder is reported with where the loader looked; a Windows checkout keeps the data byte-exact."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from conftest import REPO

_PROBE = """
import json, os
import fedstate
from fedstate import responses
from fedstate.article import load_claims
from fedstate.data import data_dir, load_all
load_all()
store = responses.store()
store.set("03.trend", "answered in a non-editable install")
store.flush()
print(json.dumps({"package": fedstate.__file__, "data": str(data_dir()), "claims": len(load_claims()),
                  "answers": str(store.path)}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """A real wheel of the checkout, built the way pip builds one for ``pip install .``."""
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(REPO)],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, f"pip wheel failed:\n{run.stdout[-2000:]}\n{run.stderr[-4000:]}"
    return next(out.glob("fedstate-*.whl"))


def _install(wheel, target):
    run = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target),
                          str(wheel)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]


def _env(target, answers=None):
    env = {k: v for k, v in os.environ.items() if k not in ("FEDSTATE_DATA", "FEDSTATE_ANSWERS")}
    env.update(PYTHONPATH=str(target), PYTHONDONTWRITEBYTECODE="1")
    if answers:
        env["FEDSTATE_ANSWERS"] = str(answers)
    return env


def test_the_wheel_carries_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data_files = [p.relative_to(REPO / "data").as_posix() for p in (REPO / "data").rglob("*") if p.is_file()]
    missing = [f for f in data_files if f"fedstate/_data/{f}" not in names]
    assert not missing, f"not in the wheel: {missing}"
    assert "fedstate/questions.py" in names and "fedstate/handins.py" in names


def test_a_non_editable_install_finds_its_data_from_any_folder_and_saves_answers_there(wheel, tmp_path):
    target, elsewhere = tmp_path / "site-packages", tmp_path / "a-students-folder"
    elsewhere.mkdir()
    _install(wheel, target)
    before = sorted(str(p) for p in target.rglob("*"))
    os.chmod(target, 0o555)  # a read-only install (a hub image): nothing may be written into it
    try:
        run = subprocess.run([sys.executable, "-c", _PROBE], cwd=elsewhere, env=_env(target), capture_output=True,
                             text=True, timeout=300)
    finally:
        os.chmod(target, 0o755)
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["package"].startswith(str(target)), "the checkout's package was imported instead of the wheel's"
    assert seen["data"] == str(target / "fedstate" / "_data") and seen["claims"] > 0
    assert seen["answers"] == str(elsewhere / "my_answers.json") and (elsewhere / "my_answers.json").exists()
    assert sorted(str(p) for p in target.rglob("*")) == before, "something was written into the installed package"


def test_missing_data_says_where_it_looked_and_how_to_install(wheel, tmp_path):
    import shutil

    target, elsewhere = tmp_path / "site-packages", tmp_path / "somewhere"
    elsewhere.mkdir()
    _install(wheel, target)
    shutil.rmtree(target / "fedstate" / "_data")
    run = subprocess.run([sys.executable, "-c", "from fedstate.data import load; load('sources.csv')"], cwd=elsewhere,
                         env=_env(target), capture_output=True, text=True, timeout=300)
    assert run.returncode != 0
    message = run.stderr.strip().splitlines()[-1]
    assert "DataError" in message and "data folder was not found" in message
    assert str(target / "fedstate" / "_data") in message and str(elsewhere / "data") in message
    assert "pip install" in message and "FEDSTATE_DATA" in message


def test_a_windows_checkout_keeps_the_data_byte_exact(tmp_path):
    """Cloned with core.autocrlf=true (Git for Windows' default), data/ and the article keep LF."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    clone = tmp_path / "windows-checkout"
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(REPO), str(clone)], check=True)
    subprocess.run(["git", "-c", "core.autocrlf=true", "checkout", "--quiet", head], cwd=clone, check=True)
    if b"\r\n" not in (clone / "README.md").read_bytes():
        pytest.fail("this git did not convert line endings with core.autocrlf=true, so the check proves nothing")
    changed = []
    for path in (REPO / "data").rglob("*"):
        if path.is_file():
            rel = path.relative_to(REPO).as_posix()
            committed = subprocess.run(["git", "show", f"{head}:{rel}"], cwd=REPO, capture_output=True).stdout
            if (clone / rel).read_bytes() != committed:
                changed.append(rel)
    assert not changed, f"line endings changed in a Windows-style checkout: {changed} (see .gitattributes)"
