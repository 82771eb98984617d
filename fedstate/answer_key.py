"""The answer key for every self-check in the module, written from the checks themselves.

Self-checks are objects in the package (:mod:`fedstate.checks`); numeric answers are computed from
the data. This module collects every one of them and writes ``teacher/answer_key.md``, so the key a
teacher reads is the key the widgets grade with. After a data update, run::

    python -m fedstate.answer_key

A test fails while the committed key differs from the one the data give, which is how a maintainer
learns that an update changed an answer.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

import fedstate
from fedstate.checks import MultipleChoice, Numeric

TARGET = Path(__file__).resolve().parent.parent / "teacher" / "answer_key.md"


def all_checks() -> list[MultipleChoice | Numeric]:
    """Every self-check defined at module level anywhere in the package (alone or in a tuple/list/dict)."""
    found: dict[str, MultipleChoice | Numeric] = {}
    names = [m.name for m in pkgutil.walk_packages(fedstate.__path__, "fedstate.")]
    for name in sorted(names):
        if name in ("fedstate.answer_key", "fedstate.dictionary"):
            continue
        module = importlib.import_module(name)
        for value in vars(module).values():
            items = value.values() if isinstance(value, dict) else value if isinstance(value, (tuple, list)) else [value]
            for item in items:
                if isinstance(item, (MultipleChoice, Numeric)):
                    if item.id in found and found[item.id] is not item:
                        raise ValueError(f"two self-checks share the id {item.id!r}")
                    found[item.id] = item
    return sorted(found.values(), key=lambda q: q.id)


def render() -> str:
    lines = ["# Answer key: every self-check", "",
             "Generated from the self-checks in the package by `python -m fedstate.answer_key`; numeric",
             "answers are computed from the data, so this key is the one the widgets grade with. Each wrong",
             "answer is listed with the misconception it reflects, which is what to listen for in class.",
             "Written and discussion answers are in the notebook notes in this folder.", ""]
    current = None
    for q in all_checks():
        notebook = q.notebook or "Other"
        if notebook != current:
            lines += [f"## {notebook}", ""]
            current = notebook
        lines += [f"### `{q.id}`", "", f"**{q.prompt}**", ""]
        if isinstance(q, MultipleChoice):
            for choice in q.choices:
                mark = "**correct**" if choice.correct else f"wrong: *{choice.misconception}*"
                lines.append(f"- {choice.text}: {mark}. {choice.feedback}")
        else:
            unit = f" {q.unit}" if q.unit else ""
            lines.append(f"- Answer: **{q.resolved_answer():g}{unit}** (accepted within ±{q.tolerance:g}). {q.explanation}")
            for trap in q.traps:
                lines.append(f"- {trap.resolved():g}{unit}: wrong: *{trap.misconception}*. {trap.feedback}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET} ({len(all_checks())} self-checks)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
