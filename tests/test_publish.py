"""fedstate.publish points the Binder badge and the nbgitpuller link at a GitHub repository, on a
temporary copy of the documents: only the links change, a second run changes nothing, a malformed
name is refused with a message and no file is touched."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.parse

import pytest

from conftest import REPO
from fedstate import publish

DOCS = list(publish.DOCUMENTS)


@pytest.fixture
def module(tmp_path):
    """A copy of the documents the script rewrites, laid out as in the module's folder."""
    for name in DOCS:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, tmp_path / name)
    return tmp_path


def _texts(root) -> dict[str, str]:
    return {name: (root / name).read_text(encoding="utf-8") for name in DOCS}


def test_the_documents_hold_the_placeholder_links_the_script_rewrites():
    readme, guide = (_texts(REPO)[name] for name in DOCS)
    assert f"]({publish.binder_link('OWNER', 'REPO')})" in readme, "README's badge is not the placeholder badge"
    link = publish.nbgitpuller_link("https://HUB-ADDRESS", "https://github.com/OWNER/REPO")
    assert link in guide, "the instructor guide does not show the nbgitpuller link fedstate.publish builds"
    assert publish.rewrite(readme, "OWNER", "REPO")[1] == 1 and publish.rewrite(guide, "OWNER", "REPO")[2] == 1


def test_the_nbgitpuller_link_opens_the_start_notebook_in_the_pulled_folder():
    link = publish.nbgitpuller_link("https://hub.example.org/", "https://github.com/some-school/civics-module")
    base, query = link.split("?")
    assert base == "https://hub.example.org/hub/user-redirect/git-pull"
    assert urllib.parse.parse_qs(query) == {
        "repo": ["https://github.com/some-school/civics-module"],
        "urlpath": ["lab/tree/civics-module/notebooks/00_start_here.ipynb"]}


def test_rewrites_only_the_links_and_is_idempotent(module):
    before = _texts(module)
    changed = publish.set_repository(module, "some-school/civics.module_2")
    assert sorted(p.relative_to(module).as_posix() for p in changed) == sorted(DOCS)
    after = _texts(module)
    assert f"]({publish.binder_link('some-school', 'civics.module_2')})" in after["README.md"]
    assert publish.nbgitpuller_link("https://HUB-ADDRESS", "https://github.com/some-school/civics.module_2") \
        in after["teacher/README.md"]
    for name in DOCS:
        old_lines, new_lines = before[name].splitlines(), after[name].splitlines()
        assert len(old_lines) == len(new_lines)
        diff = [(a, b) for a, b in zip(old_lines, new_lines) if a != b]
        assert len(diff) == 1, f"{name}: expected only the link's line to change, got {diff}"
        # Only the owner and name changed: putting the placeholder back restores the file exactly.
        assert (diff[0][1].replace("some-school", "OWNER").replace("civics.module_2", "REPO")
                == diff[0][0])
        assert "`OWNER/REPO`" in after[name], f"{name}: the prose about the placeholder must stay"
    assert publish.set_repository(module, "some-school/civics.module_2") == [], "a second run changed files"
    assert _texts(module) == after
    # Another name moves the links; the placeholder brings the documents back byte for byte.
    publish.set_repository(module, "other/place")
    assert "mybinder.org/v2/gh/other/place/HEAD" in _texts(module)["README.md"]
    publish.set_repository(module, publish.PLACEHOLDER)
    assert _texts(module) == before


@pytest.mark.parametrize("bad", [
    "", "owner", "owner/", "/name", "owner/name/extra", "-owner/name", "owner-/name", "own er/name",
    "owner/na me", "owner/name.git", "owner/..", "a" * 40 + "/name", "owner/" + "n" * 101,
    "https://github.com/owner/name", "github.com/owner/name", "owner/na#me", "owner/n%2Fame"])
def test_a_malformed_name_is_refused_and_nothing_changes(module, bad):
    before = _texts(module)
    with pytest.raises(publish.PublishError) as caught:
        publish.set_repository(module, bad)
    message = str(caught.value)
    assert "OWNER/NAME" in message, message  # says the form it wants, with an example
    assert any(repr(part) in message for part in [bad, *bad.split("/")]), f"the message does not quote the input: {message}"
    assert _texts(module) == before


def test_missing_links_are_reported_and_nothing_is_written(module):
    before = _texts(module)
    guide = module / "teacher" / "README.md"
    guide.write_text(before["teacher/README.md"].replace("git-pull?", "git-pull-removed "), encoding="utf-8")
    with pytest.raises(publish.PublishError, match="no nbgitpuller link"):
        publish.set_repository(module, "some-school/civics")
    assert _texts(module)["README.md"] == before["README.md"], "README was written although the guide failed"


def test_the_command_line(module):
    run = [sys.executable, "-m", "fedstate.publish"]
    ok = subprocess.run(run + ["some-school/civics", "--root", str(module)], capture_output=True, text=True)
    assert ok.returncode == 0 and "github.com/some-school/civics" in ok.stdout, ok.stderr
    again = subprocess.run(run + ["some-school/civics", "--root", str(module)], capture_output=True, text=True)
    assert again.returncode == 0 and "nothing changed" in again.stdout
    bad = subprocess.run(run + ["some-school", "--root", str(module)], capture_output=True, text=True)
    assert bad.returncode == 2 and "OWNER/NAME" in bad.stderr and "Traceback" not in bad.stderr
    elsewhere = subprocess.run(run + ["some-school/civics", "--root", str(module / "nowhere")],
                               capture_output=True, text=True)
    assert elsewhere.returncode == 2 and "module's folder" in elsewhere.stderr and "Traceback" not in elsewhere.stderr
