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
from fedstate.checks import LETTERS, MultipleChoice, Numeric

TEACHER = Path(__file__).resolve().parent.parent / "teacher"
TARGET = TEACHER / "answer_key.md"
RUBRICS = TEACHER / "rubrics.md"
TASK_TITLES = {"argument-essay": "Argument essay on the compelling question",
               "data-memo": "Data memo with one honest chart",
               "source-dossier": "Source dossier on the article",
               "deliberation": "Structured academic controversy and steelman"}


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
            lines += [f"Answer: **{q.answer_letter}** (choices as students see them, lettered as in the printed packet).", ""]
            for letter, choice in zip(LETTERS, q.displayed_choices):
                mark = "**correct**" if choice.correct else f"wrong (misconception: *{choice.misconception}*)"
                lines.append(f"- **{letter}.** {choice.text}: {mark}. {choice.feedback}")
        else:
            unit = f" {q.unit}" if q.unit else ""
            lines.append(f"- Answer: **{q.resolved_answer():g}{unit}** (accepted within ±{q.tolerance:g}). {q.explanation}")
            for trap in q.traps:
                lines.append(f"- {trap.resolved():g}{unit}: wrong (misconception: *{trap.misconception}*). {trap.feedback}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def choice_balance() -> list[dict]:
    """For each notebook's multiple-choice self-checks: where the right answers sit (A, B, C…), how often
    the right answer is the longest choice, and its length beside the wrong ones' average.

    A student who learns "it's always the first" or "pick the longest" should gain nothing; a test keeps
    both in check and ``python -m fedstate.answer_key --balance`` prints this table."""
    from collections import Counter, defaultdict

    by_notebook = defaultdict(list)
    for q in all_checks():
        if isinstance(q, MultipleChoice):
            by_notebook[q.notebook].append(q)
    rows = []
    for notebook, questions in sorted(by_notebook.items()):
        ratios = [len(q.answer) / (sum(len(c.text) for c in q.choices if not c.correct) / (len(q.choices) - 1))
                  for q in questions]
        rows.append({"notebook": notebook, "questions": len(questions),
                     "positions": dict(sorted(Counter(q.answer_letter for q in questions).items())),
                     "right_is_longest": sum(1 for q in questions
                                             if len(q.answer) > max(len(c.text) for c in q.choices if not c.correct)),
                     "length_ratio": round(sum(ratios) / len(ratios), 2)})
    return rows


def render_rubrics() -> str:
    """The rubrics of the summative tasks, from data/deliberation/rubrics.csv."""
    from fedstate.data import load, source_line

    rubrics = load("deliberation/rubrics.csv")
    lines = ["# Rubrics for the summative tasks", "",
             "Generated from `data/deliberation/rubrics.csv` by `python -m fedstate.answer_key`; notebook 05",
             "shows the same rubrics to students. Credit goes to evidence, reasoning, precision and fairness",
             "to other views. **No criterion depends on the position a student takes.**", ""]
    for task, rows in rubrics.groupby("task", sort=False):
        lines += [f"## {TASK_TITLES[task]}", "", "| Criterion | Proficient | Developing | Beginning |", "|---|---|---|---|"]
        for _, row in rows.iterrows():
            cells = [f"**{row['criterion']}**: {row['what_it_assesses']}", row["proficient"], row["developing"], row["beginning"]]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        ids = sorted({sid for ids in rows["source_ids"] for sid in ids})
        if ids:
            lines += ["", f"<small>Method: {source_line(ids)}</small>"]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    if "--balance" in (sys.argv[1:] if argv is None else argv):
        print("| Notebook | Self-checks | Right answer at | Right is the longest | Right length / wrong average |")
        print("|---|---|---|---|---|")
        for row in choice_balance():
            places = ", ".join(f"{k} {v}" for k, v in row["positions"].items())
            print(f"| {row['notebook']} | {row['questions']} | {places} | {row['right_is_longest']} | {row['length_ratio']} |")
        return 0
    TEACHER.mkdir(exist_ok=True)
    TARGET.write_text(render(), encoding="utf-8")
    RUBRICS.write_text(render_rubrics(), encoding="utf-8")
    print(f"wrote {TARGET} ({len(all_checks())} self-checks) and {RUBRICS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
