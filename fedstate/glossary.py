"""The words a student needs, defined once in ``data/glossary.csv`` and shown in ``notebooks/glossary.md``.

Each notebook glosses a term where it first uses it (a few words in brackets) and links the term to
its entry in the glossary page, which this module writes::

    python -m fedstate.glossary          # rewrites notebooks/glossary.md from data/glossary.csv

A test fails when the page is stale, when a notebook links to a term the page lacks, or when the
first use of a term in a notebook carries no link and gloss (:func:`first_use_problems`).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

from fedstate.data import load, sources

PAGE = Path(__file__).resolve().parent.parent / "notebooks" / "glossary.md"
KIND_TITLES = {"law": "Law and government", "data": "Numbers and data", "reading": "Reading, sources and words",
               "deciding": "Deciding and discussing"}
#: What may follow a term's first link to count as a gloss: a bracket, a colon, a dash, or a verb
#: that introduces a definition ("is", "means", ...); see _glossed.
_GLOSS = re.compile(r"^[\"”’*]*\s*(\(|:|—|–|is |are |means )")


def terms(folder=None) -> pd.DataFrame:
    """The glossary, sorted alphabetically (case-insensitive), with each term's anchor and forms."""
    table = load("glossary.csv", folder)
    table["anchor"] = table["term"].map(anchor)
    table["all_forms"] = [tuple(dict.fromkeys([t] + [f.strip() for f in (forms or "").split(";") if f.strip()]))
                          for t, forms in zip(table["term"], table["forms"])]
    return table.sort_values("term", key=lambda s: s.str.lower()).reset_index(drop=True)


def anchor(term: str) -> str:
    """The id of a term's entry in the page: lower case, letters and digits joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def page_markdown(folder=None) -> str:
    """The glossary page, as Markdown that JupyterLab's Markdown preview and GitHub both render."""
    table = terms(folder)
    known = sources(folder)
    kinds = [k for k in KIND_TITLES if (table["kind"] == k).any()]
    lines = ["# Glossary", "",
             "The words this module uses, in plain language. Each notebook explains a word in a few words where "
             "it first uses it and links it here. A legal definition names where it can be checked "
             "(publisher and title; every source, with its address, is listed in `data/sources.csv`).", "",
             "Jump to: " + " · ".join(f"[{KIND_TITLES[k]}](#{k})" for k in kinds), "",
             "<!-- Generated from data/glossary.csv by `python -m fedstate.glossary`: edit the CSV, not this page. -->",
             ""]
    for kind in kinds:
        lines += [f'<a id="{kind}"></a>', "", f"## {KIND_TITLES[kind]}", ""]
        for row in table[table["kind"] == kind].itertuples(index=False):
            lines += [f'<a id="{row.anchor}"></a>', "", f"### {row.term}", "", row.definition]
            if row.source_ids:
                cites = "; ".join(f"{known.loc[s, 'publisher']}, “{known.loc[s, 'title']}”" for s in row.source_ids)
                lines += ["", f"<small>Where to check: {cites}.</small>"]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_page(path: Path = PAGE, folder=None) -> Path:
    path.write_text(page_markdown(folder), encoding="utf-8")
    return path


# -- checking the notebooks' prose -----------------------------------------------------------------

_LINK = re.compile(r"\[([^\]]+)\]\(glossary\.md#([a-z0-9-]+)\)")


def _markdown_text(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _prose(markdown: str) -> str:
    """A cell's text without headings, code spans, HTML comments or quoted article lines."""
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    kept = [line for line in text.splitlines() if not re.match(r"\s*#{1,6} ", line)]
    return "\n".join(kept)


def first_use_problems(notebook: dict, folder=None) -> list[str]:
    """For each glossary term a notebook's prose uses, its first use must be a link to the term's entry
    followed by a gloss (a bracket, a colon, a dash, or "is"/"means"). Returns what is wrong."""
    table = terms(folder)
    cells = [_prose(_markdown_text(c)) for c in notebook["cells"] if c["cell_type"] == "markdown"]
    text = "\n\n".join(cells)
    problems = []
    for row in table.itertuples(index=False):
        pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in sorted(row.all_forms, key=len,
                                                                                      reverse=True))
                             + r")(?![\w-])", re.I)
        first = pattern.search(text)
        if first is None:
            continue
        link = next((m for m in _LINK.finditer(text) if m.start() <= first.start() < m.end()), None)
        context = text[max(0, first.start() - 40):first.end() + 40].replace("\n", " ")
        if link is None:
            problems.append(f"{row.term!r}: first used without a link to glossary.md#{row.anchor}: …{context}…")
        elif link.group(2) != row.anchor:
            problems.append(f"{row.term!r}: first use links to #{link.group(2)}, not #{row.anchor}: …{context}…")
        elif not _glossed(text[link.end():link.end() + 80]):
            problems.append(f"{row.term!r}: first use is linked but not glossed (put a few words in brackets, or a "
                            f"colon or dash and a definition, right after the link): …{context}…")
    return problems


def _glossed(after: str) -> bool:
    """Whether the words after a term's link gloss it: a definition verb right away, or a bracket, a
    colon or a dash before the sentence ends ("[steelman](…) before you disagree: state the other
    view …")."""
    if _GLOSS.match(after):
        return True
    sentence = re.split(r"[.?!](?:\s|$)|\n", after, maxsplit=1)[0][:60]
    return any(mark in sentence for mark in ("(", ":", " — ", " – "))


def linked_anchors(notebook: dict) -> set[str]:
    return {m.group(2) for c in notebook["cells"] if c["cell_type"] == "markdown"
            for m in _LINK.finditer(_markdown_text(c))}


def main(argv=None) -> int:
    path = write_page()
    print(f"wrote {path.relative_to(PAGE.parent.parent)} ({len(terms())} terms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
