"""Point the module's launch links at the GitHub repository where it is published.

Run it from the module's folder, with the environment active::

    python -m fedstate.publish OWNER/NAME

where OWNER/NAME is the repository's address on GitHub, ``github.com/OWNER/NAME``. It rewrites

- the **Launch on Binder** badge in ``README.md``
  (``https://mybinder.org/v2/gh/OWNER/NAME/HEAD?urlpath=...``), and
- the **nbgitpuller link** in the instructor guide, ``teacher/README.md``
  (``.../hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2FOWNER%2FNAME&urlpath=lab%2Ftree%2FNAME%2F...``;
  nbgitpuller pulls into a folder named after the repository, so the folder in ``urlpath`` changes too),

and nothing else: not the prose around them, not the hub address a teacher fills in. It checks the
name first (a malformed one is refused with a message saying why, and no file is touched), it can
be run again (with the same name it changes nothing; with another name it moves the links), and it
prints what it changed. Until the module is published, the links hold the placeholder
``OWNER/REPO`` and launch nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
import urllib.parse
from pathlib import Path

PLACEHOLDER = "OWNER/REPO"
START_NOTEBOOK = "notebooks/00_start_here.ipynb"
#: The documents that carry launch links, relative to the module's folder, and what each must hold.
DOCUMENTS = {"README.md": "binder", "teacher/README.md": "nbgitpuller"}

# GitHub: an owner (user or organisation) is 1-39 letters, digits or single hyphens, not starting or
# ending with a hyphen; a repository name is 1-100 letters, digits, '.', '_' or '-'.
_OWNER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$")
_NAME = re.compile(r"^[A-Za-z0-9._-]{1,100}$")

_BINDER = re.compile(r"(https://mybinder\.org/v2/gh/)([^/\s()<>\"'`]+)/([^/\s()<>\"'`]+)(/)")
_PULL_LINK = re.compile(r"[^\s()<>\"'`]*/git-pull\?[^\s()<>\"'`]+")
_PULL_REPO = re.compile(r"(repo=https%3A%2F%2Fgithub\.com%2F)([^%&]+)%2F([^%&]+)(?=&|$)")
_PULL_FOLDER = re.compile(r"(urlpath=lab%2Ftree%2F)([^%&]+)(%2F)")


class PublishError(ValueError):
    """The name or the documents are not as expected; the message says what to do. Nothing was written."""


def check_name(full_name: str) -> tuple[str, str]:
    """Split ``OWNER/NAME`` into its parts, or raise PublishError saying what is wrong with it."""
    hint = ("give the repository as OWNER/NAME, as in its address github.com/OWNER/NAME "
            "(for example: python -m fedstate.publish my-school/dhs-ice-module)")
    text = full_name.strip()
    if text.startswith(("http://", "https://", "github.com/", "git@")):
        raise PublishError(f"{full_name!r} is an address, not a name: {hint}")
    parts = text.split("/")
    if len(parts) != 2 or not all(parts):
        raise PublishError(f"{full_name!r} is not OWNER/NAME (one '/' between two non-empty parts): {hint}")
    owner, name = parts
    if not _OWNER.match(owner):
        raise PublishError(f"{owner!r} is not a GitHub owner: an owner has 1-39 letters, digits or hyphens, "
                           f"and does not start or end with a hyphen; {hint}")
    if not _NAME.match(name) or name in (".", ".."):
        raise PublishError(f"{name!r} is not a GitHub repository name: a name has 1-100 letters, digits, "
                           f"'.', '_' or '-'; {hint}")
    if name.lower().endswith(".git"):
        raise PublishError(f"{name!r}: leave out the '.git' ending; {hint}")
    return owner, name


def binder_link(owner: str, name: str) -> str:
    """The Binder launch address: JupyterLab at the start notebook of the repository's default branch."""
    return f"https://mybinder.org/v2/gh/{owner}/{name}/HEAD?urlpath=lab/tree/{START_NOTEBOOK}"


def nbgitpuller_link(hub_url: str, repository_url: str, notebook: str = START_NOTEBOOK) -> str:
    """The link that makes a JupyterHub pull the module into a student's home and open ``notebook``.

    nbgitpuller pulls into a folder named after the repository (the last part of its address), so the
    page to open is ``lab/tree/<that folder>/<notebook>``. Without ``branch`` nbgitpuller takes the
    repository's default branch."""
    folder = repository_url.rstrip("/").split("/")[-1]
    query = urllib.parse.urlencode({"repo": repository_url, "urlpath": f"lab/tree/{folder}/{notebook}"},
                                   quote_via=urllib.parse.quote, safe="")
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def rewrite(text: str, owner: str, name: str) -> tuple[str, int, int]:
    """Point every Binder badge and nbgitpuller link in ``text`` at github.com/owner/name.

    Returns the new text and how many Binder and nbgitpuller links were found."""
    new, binder = _BINDER.subn(lambda m: f"{m[1]}{owner}/{name}{m[4]}", text)

    pulls = 0

    def one_link(match: re.Match) -> str:
        nonlocal pulls
        link = match[0]
        if not _PULL_REPO.search(link):
            return link  # a link to some other host's repository: not ours to change
        pulls += 1
        link = _PULL_REPO.sub(lambda m: f"{m[1]}{owner}%2F{name}", link)
        return _PULL_FOLDER.sub(lambda m: f"{m[1]}{name}{m[3]}", link)

    new = _PULL_LINK.sub(one_link, new)
    return new, binder, pulls


def set_repository(root: Path | str, full_name: str) -> list[Path]:
    """Rewrite the launch links in the module at ``root`` for ``full_name`` (OWNER/NAME).

    Every document is read and checked before any is written, so a problem leaves every file as it
    was. Returns the files that changed (none when the links already named this repository)."""
    owner, name = check_name(full_name)
    root = Path(root)
    pending = {}
    for relative, kind in DOCUMENTS.items():
        path = root / relative
        if not path.is_file():
            raise PublishError(f"{path} not found: run this from the module's folder (the one that holds "
                               f"README.md and teacher/), or give it with --root")
        text = path.read_text(encoding="utf-8")
        new, binder, pulls = rewrite(text, owner, name)
        if kind == "binder" and binder == 0:
            raise PublishError(f"{path}: no Binder badge address (https://mybinder.org/v2/gh/...) found; "
                               "nothing was changed")
        if kind == "nbgitpuller" and pulls == 0:
            raise PublishError(f"{path}: no nbgitpuller link (.../git-pull?repo=https%3A%2F%2Fgithub.com%2F...) "
                               "found; nothing was changed")
        if new != text:
            pending[path] = new
    for path, new in pending.items():
        path.write_text(new, encoding="utf-8")
    return list(pending)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m fedstate.publish",
        description="Point the Binder badge (README.md) and the nbgitpuller link (teacher/README.md) "
                    "at the GitHub repository OWNER/NAME where the module is published.")
    parser.add_argument("repository", help="OWNER/NAME, as in github.com/OWNER/NAME")
    parser.add_argument("--root", default=".", help="the module's folder (default: the current folder)")
    args = parser.parse_args(argv)
    try:
        changed = set_repository(args.root, args.repository)
    except PublishError as exc:
        print(f"fedstate.publish: {exc}", file=sys.stderr)
        return 2
    owner, name = check_name(args.repository)
    if not changed:
        print(f"The launch links already point at github.com/{owner}/{name}; nothing changed.")
    else:
        for path in changed:
            print(f"updated {path}")
        print(f"The launch links now point at github.com/{owner}/{name}. Binder badge: "
              f"{binder_link(owner, name)} (it works once the repository is public on GitHub). "
              "Commit and push the change.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
