"""Notebook 05: the structured academic controversy, its evidence cards, and the summative tasks.

The protocol is Johnson and Johnson's structured academic controversy (SAC), as described by the
Discussion Project and SERC: pairs argue assigned positions, restate each other, switch sides, then
drop roles and write what they agree on and where they still disagree. The notebook holds the
evidence and the writing; the talking happens in the room.

Evidence cards live in ``data/deliberation/evidence_cards.csv``; each restates one row of another
dataset and carries its sources (the schema checks both), so a card can never cite a figure that
the rest of the module does not hold.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from fedstate.charts import folded, table_html
from fedstate.data import load, source_line

NOTEBOOK = "05 Deliberate and argue"
RESOLUTION = "States should be required to honor ICE detainer requests for people in their custody."
POSITION_LABELS = {
    "for": "For the resolution (states should be required to honor detainers)",
    "against": "Against the resolution (states should not be required to)",
    "context": "Context (either side may use it)",
}
KIND_LABELS = {"legal": "Legal", "empirical": "Empirical", "value": "Value"}
# A text marker beside each kind, so colour is never the only cue.
KIND_MARKERS = {"legal": "§", "empirical": "#", "value": "⚖"}
KIND_COLOURS = {"legal": "#0072B2", "empirical": "#009E73", "value": "#CC79A7"}


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    minutes: int
    instruction: str
    prompt: str


SAC_STEPS: tuple[Step, ...] = (
    Step("05.sac.prepare", "1. Prepare your assigned position", 10,
         "With your partner, read the cards for your assigned position and the context cards. Pick your "
         "three strongest points. Use at least one legal and one empirical card, and say which card each "
         "point rests on.",
         "Our three strongest points, each with the card it rests on (for example: A5, F1):"),
    Step("05.sac.restate", "2. Present, then restate the other pair", 10,
         "Each pair presents for three minutes while the other pair listens and takes notes, without "
         "interrupting. Then restate the other pair's case until they agree that your summary is fair.",
         "The other pair's strongest point, in words they agreed were fair:"),
    Step("05.sac.switch", "3. Switch sides", 10,
         "Now argue the position you have just heard. Add at least one point, with its card, that the other "
         "pair did not make.",
         "A point for the other position that its pair did not make, with its card:"),
    Step("05.sac.statement", "4. Drop the roles and write a group statement", 12,
         "As a group of four, write what you agree on and, precisely, where you still disagree. For each "
         "disagreement say whether it is about the law, the facts (evidence) or values (priorities). "
         "Agreeing is not the goal; being precise is.",
         "Our group statement: what we agree on, where we still disagree, and what kind of disagreement each is:"),
)

STEELMAN_ID = "05.steelman"
STEELMAN_PROMPT = ("Steelman: restate the view on the resolution that you least agree with, so well that the "
                   "people who hold it would say you got it right.")  # the box shows the target length (120–180 words)
RAPOPORT_RULES = (
    "Restate the other view so clearly and fairly that its holders would thank you for it.",
    "List the points on which you agree with it.",
    "Say what you have learned from it.",
    "Only then, if you still wish, say where you differ.",
)


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    instructions: str
    parts: tuple[tuple[str, str, tuple[int, int] | None], ...]  # (question id, prompt, word range)


SUMMATIVE_TASKS: tuple[Task, ...] = (
    Task("argument-essay", "Argument essay",
         "Answer the module's compelling question, \"Should states be required to help enforce federal "
         "immigration law?\", in an essay of about 500 to 800 words. Take a clear position (either answer "
         "can earn full marks), support it with at least three pieces of evidence from different kinds of "
         "source in the module (a legal authority, a dataset, a study), keep legal, empirical and value "
         "reasons apart, and answer the strongest opposing argument.",
         (("05.essay", "My argument essay:", (500, 800)),)),
    Task("data-memo", "Data memo with one honest chart",
         "Write a memo of at most 500 words to a state legislator (an imagined reader) who has to vote on a "
         "bill about jail cooperation with ICE. Explain what the arrest and detention figures do and do not "
         "show, with each number's population, category, period and source, and name the further data that "
         "would help. Choose one chart from notebook 03 for the memo and say why it is honest.",
         (("05.memo", "My data memo:", (250, 500)),
          ("05.memo.chart", "The chart I chose (its title, and its source line) and why it does not mislead:", None))),
    Task("source-dossier", "Source dossier on the article",
         "Write a short dossier on the article from notebook 01: what kind of text it is, what its claims are "
         "and how well they hold up, and a fair summary of its argument.",
         (("05.dossier.genre", "What kind of text it is, and the cues on the page that show it:", None),
          ("05.dossier.claims", "Three of its claims, each with a verdict and the evidence for it:", None),
          ("05.dossier.summary", "A fair summary of its argument that its author would accept:", (80, 150)))),
)


def cards(position: str | None = None, kind: str | None = None) -> pd.DataFrame:
    """Evidence cards, optionally only one position and/or one kind of question."""
    table = load("deliberation/evidence_cards.csv")
    if position:
        if position not in POSITION_LABELS:
            raise ValueError(f"position must be one of {', '.join(POSITION_LABELS)}")
        table = table[table["position"] == position]
    if kind:
        if kind not in KIND_LABELS:
            raise ValueError(f"kind must be one of {', '.join(KIND_LABELS)}")
        table = table[table["question_kind"] == kind]
    return table.reset_index(drop=True)


def card_balance() -> pd.DataFrame:
    """How many cards each position has of each kind of question (a balance check a teacher can see)."""
    table = cards()
    counts = pd.crosstab(table["position"], table["question_kind"])
    return counts.reindex(index=list(POSITION_LABELS), columns=list(KIND_LABELS), fill_value=0)


def card_balance_html() -> str:
    """The card balance as a captioned table in words (sides and kinds of question), for the notebook."""
    counts = card_balance()
    view = pd.DataFrame({"Side": [POSITION_LABELS[p] for p in counts.index]})
    for kind in counts.columns:
        view[f"{KIND_LABELS[kind]} questions"] = counts[kind].astype(int).tolist()
    view["All cards"] = counts.sum(axis=1).astype(int).tolist()
    return table_html(view, caption="How many evidence cards each side has, by kind of question")


def card_html(card) -> str:
    """One card as HTML: id, kind (marker and word, not colour alone), headline, evidence, limits, sources."""
    from fedstate.widgets.printing import KEY_CLASS  # imported here: the data module stays free of widgets

    esc = html.escape
    kind = card["question_kind"]
    return (f'<div class="fedstate-card" style="border:1px solid #bbb;border-left:6px solid {KIND_COLOURS[kind]};'
            f'padding:0.5em 0.8em;margin:0.5em 0;line-height:1.45">'
            f"<p style='margin:0'><strong>Card {esc(card['id'])}</strong> · {KIND_MARKERS[kind]} "
            f"{esc(KIND_LABELS[kind])} question · {esc(POSITION_LABELS[card['position']])}</p>"
            f"<p style='margin:0.3em 0'><strong>{esc(card['headline'])}</strong></p>"
            f"<p style='margin:0.3em 0'>{esc(card['evidence'])}</p>"
            f"<p style='margin:0.3em 0'><em>Limits and replies:</em> {esc(card['limits'])}</p>"
            f"<p style='margin:0.3em 0'><small>{esc(source_line(card['source_ids']))}</small></p>"
            # where the card's facts live in the data, for a teacher checking it: folded off the student's face
            # on screen, and (as an answer-key block) printed only in the teacher's packet
            f"<details class='{KEY_CLASS}' style='margin:0.2em 0'><summary><small>For the teacher: where this card's data are"
            f"</small></summary><small>data/{esc(card['dataset'])}, row {esc(card['row_id'])}.</small>"
            f"</details></div>")


def cards_html(table: pd.DataFrame) -> str:
    if table.empty:
        return "<p>No card matches these choices.</p>"
    return "".join(card_html(row) for _, row in table.iterrows())


def cards_text_table() -> str:
    """Every card as one table: the printable twin of the card browser."""
    table = cards()
    view = pd.DataFrame({
        "card": table["id"],
        "position": table["position"],
        "kind": table["question_kind"],
        "point": table["headline"],
        "evidence": table["evidence"],
        "limits": table["limits"],
        "sources": [source_line(ids) for ids in table["source_ids"]],
    })
    return folded(table_html(view, caption="All evidence cards, with their sources"),
                  "every card in one table, with its sources (for screen readers and printing)")


def sac_steps_html() -> str:
    """The four steps of the controversy with their timings and instructions (printable)."""
    esc = html.escape
    items = "".join(f"<li><p><strong>{esc(step.title[3:])}</strong> (about {step.minutes} minutes). "
                    f"{esc(step.instruction)}</p></li>" for step in SAC_STEPS)
    return f'<ol class="fedstate-sac-steps">{items}</ol>'


def rapoport_html() -> str:
    rules = "".join(f"<li>{html.escape(rule)}</li>" for rule in RAPOPORT_RULES)
    return f"<p>Rapoport's rules for criticising a view fairly:</p><ol>{rules}</ol>"


def task_html(task_id: str) -> str:
    """A summative task's instructions and its rubric (printable)."""
    task = next(t for t in SUMMATIVE_TASKS if t.id == task_id)
    return f"<p>{html.escape(task.instructions)}</p>{rubric_html(task.id)}"


def rubric(task: str) -> pd.DataFrame:
    table = load("deliberation/rubrics.csv")
    if task not in set(table["task"]):
        raise ValueError(f"no rubric for {task!r}")
    rows = table[table["task"] == task]
    return pd.DataFrame({"criterion": rows["criterion"] + ": " + rows["what_it_assesses"],
                         "proficient": rows["proficient"], "developing": rows["developing"],
                         "beginning": rows["beginning"]}).reset_index(drop=True)


def rubric_html(task: str) -> str:
    return table_html(rubric(task), caption="Rubric: no criterion depends on the position you take")
