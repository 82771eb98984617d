"""Every question of every notebook, in notebook order: one list for the widgets, the hand-in and
the teacher's class view.

Each :class:`Question` says where it is asked (notebook ``"00"``–``"05"``), what kind of answer it
takes, its wording, and how an answer is marked. Marking reuses the module's own grading
(:meth:`MultipleChoice.grade`, :meth:`Numeric.grade`, the sorters' answer keys in ``data/``): the
hand-in marks an answer exactly as the widget did when the student pressed Check.

How a question maps onto the answers file (``my_answers.json``, see :mod:`fedstate.responses`):
``key`` is the entry's key in the file. Most questions own one entry. The two sorting activities of
notebook 02 save one entry holding every item (``{item id: bin}``); each item is still a question
here, with ``item`` naming its place inside the entry and an ``id`` of ``"<key>/<item>"``.

Written prompts that used to be typed inline in the notebooks live in :data:`WRITTEN_PROMPTS`, so that
``answer_box("03.denominator")`` shows the same wording as the hand-in and the class view.

No question here, or anywhere in the module, asks about a student's own or family's immigration
status (a test checks every prompt).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable

from fedstate import deliberation, law, predictions, reading, stats, tradeoffs
from fedstate.checks import MultipleChoice, Numeric

#: Notebook keys and the titles stored with each answer ("notebook" in the answers file).
NOTEBOOKS = {
    "00": predictions.NOTEBOOK,
    "01": reading.NOTEBOOK,
    "02": law.NOTEBOOK,
    "03": stats.NOTEBOOK,
    "04": tradeoffs.NOTEBOOK,
    "05": deliberation.NOTEBOOK,
}

#: Kinds of question, with the kind of value the answers file holds for each.
KINDS = {
    "name": "text",            # the student's name (asked in 00, 04 and 05; one answer)
    "written": "text",         # a written answer (answer_box)
    "self-check": "choice",    # a multiple-choice self-check (the text of the choice)
    "prediction": "int or choice",  # 00's predictions: a whole number on a slider, or a choice
    "sorting": "choice",       # one item of a sorter: 01's cues and tags, 02's sorts, 03's framings
    "numeric": "number",       # a numeric self-check, or a number computed in a pandas exercise (03)
    "choice": "choice",        # a choice with no right answer (the sentence chosen to rewrite in 01)
    "weights": "mapping of whole numbers",  # 04's weights, {criterion: 0..10}
    "score-changes": "mapping of text",     # 04's changed or own scores, {cell: "score (low to high): reason"}
    "sac-step": "text",        # a step of 05's structured academic controversy
    "steelman": "text",
    "summative": "text",       # a part of one of 05's summative tasks
}

STATUSES = ("right", "wrong", "no-right-answer", "not-answered")

NAME_KEY = "_student_name"
NAME_PROMPT = "Your name (as your teacher should see it)"
# The decision session's entries (fedstate.widgets.tradeoffs writes them; a test checks the keys).
WEIGHTS_KEY = "04.my-weights"
SCORE_CHANGES_KEY = "04.my-score-changes"
BLANK_WEIGHTS_KEY = "04.blank-mode-weights"
OWN_SCORES_KEY = "04.my-own-scores"
WEIGHTS_PROMPT = "Your weights (0 = ignore, 10 = matters most) for each criterion"

#: Written answers whose prompt is not kept elsewhere in the package, in notebook order.
WRITTEN_PROMPTS = {
    "01.surprise": "Which claim's panel surprised you most, and why? Name the claim by its number (for example C12).",
    "01.text-kind.why": ("In two sentences: which cues decided it for you, and what would have to change for this "
                         "page to count as news?"),
    "01.trace": ("Pick one of the two quotations that could not be traced. Rewrite the sentence around it as a "
                 "careful reporter would, so that a reader knows exactly what is known and what is not."),
    "01.rewrite": "Your neutral rewrite of the sentence:",
    "01.words.why": ("Which word choice in the article matters most for how a reader sees the issue? Would a writer "
                     "on the other side have chosen differently?"),
    "02.map-disagree": "Why do DOJ's list and the state-law view disagree about the state you chose?",
    "02.scenario-compare": "What happens to this person in each place, and which law explains the difference?",
    "02.legal-action": ("What would you tell a reader about the article's Legal Action line, and what would you "
                        "still want to know?"),
    "02.steelman": "The strongest legal argument for the side you find less convincing:",
    "03.denominator": ("Find two figures in the explorer that look as if they disagree. In two or three sentences, "
                       "explain why both can be right (use the five questions)."),
    "03.rewrite": ("Rewrite the article's sentence about arrests so that it is precise and attributed: who counted, "
                   "which population, which period, which category."),
    "03.table-contradiction": ("In your own words: why can the table and the article's text not both be right? "
                               "Where might a table like this come from?"),
    "03.trend": ("Which figure would you cite to describe who ICE arrested in 2025, and what would you say about "
                 "the period and the population so that a reader is not misled?"),
    "03.honesty-why": "Pick one misleading framing. Who would it help, and how would you redraw the chart honestly?",
    "03.research": ("Choose one study usually cited for more cooperation and one usually cited for limits on "
                    "cooperation. For each, what can its design show, and what can it not show?"),
    "04.shares-allocate": ("Pick one reading (money, officers' time, or attention) and say what moving ten points "
                           "from the first share to the second would mean in practice under that reading."),
    "04.my-weights-why": ("Which criteria matter most to you, and why? Where a weight rests on facts, what is the "
                          "evidence?"),
    "04.rank-reversal": ("Which weight change produced a rank reversal, and what value judgement does that change "
                         "express? Would you defend it?"),
    "04.score-challenge": ("Which score did you change, to what, and on what evidence? What kind of evidence is it? "
                           "Did the ranking move, and should it have?"),
    "04.preset-compare": ("Choose one illustration. First restate, fairly, why someone in that role might weigh "
                          "things that way. Then say where your weights differ most, and why."),
    "04.blank-compare": ("Compare the ranking from your own scores with the one from the starting estimates. Which "
                         "differences in scores (facts) or in weights (values) explain the gap?"),
    "04.exit-ticket": ("In three or four sentences: which option do you favour, under which weights? How robust is "
                       "that (what would change it)? What evidence would change your mind?"),
}
PREDICTION_REASON_PROMPT = "Why do you think so? (one or two sentences)"


@dataclass(frozen=True)
class Mark:
    """How an answer fares: status is one of STATUSES; feedback is the module's own explanation."""

    status: str
    feedback: str = ""

    @property
    def symbol(self) -> str:
        return {"right": "✔", "wrong": "✘", "no-right-answer": "–", "not-answered": "○"}[self.status]

    @property
    def label(self) -> str:
        return {"right": "Right", "wrong": "Not right", "no-right-answer": "No right answer",
                "not-answered": "Not answered"}[self.status]


@dataclass(frozen=True)
class Question:
    """One question. ``grade(value)`` gives ``(correct, feedback)``; None when there is no right answer."""

    id: str
    key: str
    notebook: str
    kind: str
    prompt: str
    item: str | None = None
    group: str = ""       # the activity it belongs to, e.g. the cue sorter's instruction
    widget: str = ""      # the builder in fedstate.widgets that writes it (answer_box, cue_sorter, ...)
    options: tuple[str, ...] = ()  # the values a choice may take (empty: any text)
    words: tuple[int, int] | None = None
    grade: Callable[[object], tuple[bool, str]] | None = field(default=None, compare=False, repr=False)
    show: Callable[[object], str] | None = field(default=None, compare=False, repr=False)

    @property
    def notebook_title(self) -> str:
        return NOTEBOOKS.get(self.notebook, self.notebook)

    @property
    def graded(self) -> bool:
        return self.grade is not None

    def value_in(self, answers: dict):
        """This question's answer among ``answers`` ({key: value}), or None."""
        value = answers.get(self.key)
        if self.item is not None:
            return value.get(self.item) if isinstance(value, dict) else None
        return value

    def mark(self, value) -> Mark:
        if not answered(value):
            return Mark("not-answered")
        if self.grade is None:
            return Mark("no-right-answer")
        try:
            correct, feedback = self.grade(value)
        except (ValueError, KeyError, TypeError):
            return Mark("wrong", f"“{display_value(value)}” is not one of this question's answers "
                                 "(the question may have changed since it was answered).")
        return Mark("right" if correct else "wrong", feedback)

    def display(self, value) -> str:
        """The answer as a reader should see it (a bin's label, not its id)."""
        if not answered(value):
            return ""
        if self.show is not None:
            try:
                return self.show(value)
            except (KeyError, TypeError, ValueError):
                pass
        return display_value(value)


def answered(value) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (dict, list, tuple)):
        return bool(value)
    return True


def display_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    return str(value)


# ---------------------------------------------------------------------------------------------
# Building the catalogue


def _check_question(check: MultipleChoice | Numeric, notebook: str, widget: str = "self_check") -> Question:
    def grade(value):
        result = check.grade(value)
        return result.correct, result.message + (f" (Misconception: {result.misconception}.)" if result.misconception
                                                 and not result.correct else "")

    if isinstance(check, Numeric):
        return Question(check.id, check.id, notebook, "numeric", check.prompt, widget=widget, grade=grade)
    return Question(check.id, check.id, notebook, "self-check", check.prompt, widget=widget,
                    options=tuple(c.text for c in check.choices), grade=grade)


def _written(key: str, notebook: str, prompt: str | None = None, widget: str = "answer_box", kind: str = "written",
             group: str = "", words=None) -> Question:
    return Question(key, key, notebook, kind, prompt if prompt is not None else WRITTEN_PROMPTS[key], group=group,
                    widget=widget, words=words)


def _notebook_00() -> list[Question]:
    out = [Question(NAME_KEY, NAME_KEY, "00", "name", NAME_PROMPT, widget="name_box")]
    group = "Predict first: make a guess for each question (later notebooks show the evidence)."
    for p in predictions.PREDICTIONS:
        out.append(Question(p.id, p.id, "00", "prediction", p.prompt, group=group, widget="predict_first",
                            options=tuple(p.options),
                            show=(lambda v, unit=p.unit, kind=p.kind: f"{v} {unit}" if unit and kind != "choice" else str(v))))
        out.append(_written(p.reason_id, "00", PREDICTION_REASON_PROMPT, widget="predict_first", group=group))
    return out


def _notebook_01() -> list[Question]:
    cue_group = "What kind of text is this? For each cue on the page, choose what it points to."
    cues = [Question(f"01.cue.{cue['id']}", f"01.cue.{cue['id']}", "01", "sorting",
                     f"What does the cue “{cue['cue']}” point to?", group=cue_group, widget="cue_sorter",
                     options=tuple(reading.CUE_ZONES),
                     grade=lambda v, cue=cue: _result(reading.grade_cue(cue, v)),
                     show=lambda v: reading.CUE_ZONES[v])
            for cue in reading.cues().to_dict("records")]
    tag_group = "Tag the sentences: for each sentence, choose what kind of statement it is."
    tags = [Question(f"01.tag.{item['id']}", f"01.tag.{item['id']}", "01", "sorting",
                     f"Tag the sentence: “{item['sentence']}”", group=tag_group, widget="sentence_tagger",
                     options=tuple(reading.TAGS), grade=lambda v, item=item: _result(reading.grade_tag(item, v)))
            for item in reading.tagging_items().to_dict("records")]

    def sentence(claim_id):
        from fedstate.article import load_claims

        claim = next(c for c in load_claims() if c.id == claim_id)
        return f"{claim.label}: “{claim.quote}”"

    return [
        _written("01.surprise", "01"),
        *cues,
        _check_question(reading.TEXT_KIND, "01"),
        _written("01.text-kind.why", "01"),
        _check_question(reading.WHO_SAID_IT, "01"),
        _written("01.trace", "01"),
        Question("01.rewrite.sentence", "01.rewrite.sentence", "01", "choice", "Sentence chosen to rewrite",
                 widget="wording_coach", options=tuple(reading.REWRITE_CLAIMS), show=sentence),
        _written("01.rewrite", "01", widget="wording_coach"),
        _written("01.words.why", "01"),
        *tags,
        _check_question(reading.CHECKABLE, "01"),
        _check_question(reading.SEVENTY_PERCENT, "01"),
    ]


SORTS = {  # activity: (answers-file key, prompt, widget)
    "powers": ("02.sort-powers", "Who can require what? Put each power or action in its bin.", "powers_sort"),
    "question-types": ("02.sort-question-types", "Settled or open? Label each question: legal and settled, legal and "
                       "contested, empirical, or a question of values.", "question_types_sort"),
}


def _sort_questions(activity: str) -> list[Question]:
    key, prompt, widget = SORTS[activity]
    text_col = law.ACTIVITIES[activity][1]
    labels = {b: label for label, b in law.sort_bins(activity)}

    def grade(value, item_id):
        result = next(r for r in law.grade_sort(activity, {item_id: value}) if r.item_id == item_id)
        lead = "Right." if result.correct else f"The key says: {labels[result.answer]}."
        cited = f" (See {', '.join(result.authorities)}.)" if result.authorities else ""
        return result.correct, f"{lead} {result.explanation}{cited}"

    return [Question(f"{key}/{item['id']}", key, "02", "sorting", str(item[text_col]), item=item["id"], group=prompt,
                     widget=widget, options=tuple(labels), grade=lambda v, i=item["id"]: grade(v, i),
                     show=lambda v: labels[v])
            for item in law.sort_items(activity).to_dict("records")]


def _notebook_02() -> list[Question]:
    c = law.self_checks()
    return [
        _check_question(c["02.detainer-is"], "02"),
        _check_question(c["02.tenth-amendment"], "02"),
        _check_question(c["02.preemption"], "02"),
        *_sort_questions("powers"),
        _check_question(c["02.limit-not-listed"], "02"),
        _written("02.map-disagree", "02"),
        _check_question(c["02.followup-date"], "02"),
        _written("02.scenario-compare", "02"),
        _check_question(c["02.nyc-hold"], "02"),
        _written("02.legal-action", "02"),
        *_sort_questions("question-types"),
        _written("02.steelman", "02"),
    ]


def _notebook_03() -> list[Question]:
    c = stats.SELF_CHECKS
    group = "Your judgement: for each framing of the chart, does it mislead or is it fair?"

    def judge(value, key):
        _key, correct, text = next(r for r in stats.judge_framings({key: value}) if r[0] == key)
        if correct is None:
            raise ValueError(value)
        return correct, text

    honesty = [Question(f"03.honesty.{f.key}", f"03.honesty.{f.key}", "03", "sorting",
                        f"Does this framing mislead? {f.label}", group=group, widget="chart_honesty",
                        options=("Misleads", "Fair"), grade=lambda v, k=f.key: judge(v, k))
               for f in stats.FRAMINGS]
    return [
        _check_question(c["03.what-70-counts"], "03"),
        _check_question(c["03.populations"], "03"),
        _written("03.denominator", "03"),
        _written("03.rewrite", "03"),
        _check_question(c["03.table-100"], "03"),
        _written("03.table-contradiction", "03"),
        _written("03.trend", "03"),
        *honesty,
        _written("03.honesty-why", "03"),
        _check_question(c["03.correlation"], "03"),
        _check_question(c["03.no-comparison"], "03"),
        _written("03.research", "03"),
        _check_question(c["03.pandas-share"], "03", widget="pandas_check"),
        _check_question(c["03.points"], "03", widget="pandas_check"),
        _check_question(c["03.percent-change"], "03", widget="pandas_check"),
        _check_question(c["03.recompute"], "03", widget="pandas_check"),
    ]


def _notebook_04() -> list[Question]:
    c = tradeoffs.self_checks()

    def session(blank: bool) -> list[Question]:
        widget = "decision_session(blank=True)" if blank else "decision_session"
        return [
            Question(BLANK_WEIGHTS_KEY if blank else WEIGHTS_KEY, BLANK_WEIGHTS_KEY if blank else WEIGHTS_KEY, "04",
                     "weights", WEIGHTS_PROMPT + (" in blank mode" if blank else ""), widget=widget),
            Question(OWN_SCORES_KEY if blank else SCORE_CHANGES_KEY, OWN_SCORES_KEY if blank else SCORE_CHANGES_KEY,
                     "04", "score-changes",
                     "Your own scores (score (low to high): note)" if blank
                     else "Scores you changed (score (low to high): your source or reason)", widget=widget),
        ]

    return [
        _check_question(c["04.shares-of-what"], "04"),
        _written("04.shares-allocate", "04"),
        _check_question(c["04.goals-or-means"], "04"),
        _check_question(c["04.rebalance-rule"], "04"),
        _check_question(c["04.count-no-comparison"], "04"),
        *session(blank=False),
        _check_question(c["04.equal-weight-score"], "04"),
        _check_question(c["04.p-first-meaning"], "04"),
        _written("04.my-weights-why", "04", widget="justification_check"),
        _written("04.rank-reversal", "04"),
        _written("04.score-challenge", "04"),
        _written("04.preset-compare", "04"),
        *session(blank=True),
        _written("04.blank-compare", "04"),
        _check_question(c["04.compensation"], "04"),
        _written("04.exit-ticket", "04"),
    ]


def _notebook_05() -> list[Question]:
    out = [_written(step.id, "05", step.prompt, widget="sac_worksheet", kind="sac-step", group=step.title)
           for step in deliberation.SAC_STEPS]
    out.append(_written(deliberation.STEELMAN_ID, "05", deliberation.STEELMAN_PROMPT, widget="steelman_box",
                        kind="steelman", words=(120, 180)))
    for task in deliberation.SUMMATIVE_TASKS:
        for key, prompt, words in task.parts:
            out.append(_written(key, "05", prompt, widget=f'summative_task("{task.id}")', kind="summative",
                                group=task.title, words=words))
    return out


def _result(result: reading.Result) -> tuple[bool, str]:
    if result.correct is None:
        raise ValueError("not answered")
    return result.correct, result.message


_CACHE: dict[str, tuple[Question, ...]] = {}


def catalogue() -> tuple[Question, ...]:
    """Every question of every notebook, in notebook order (built once per data folder)."""
    folder = os.environ.get("FEDSTATE_DATA", "")
    if folder not in _CACHE:
        questions = (_notebook_00() + _notebook_01() + _notebook_02() + _notebook_03() + _notebook_04()
                     + _notebook_05())
        ids = [q.id for q in questions]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"two questions share an id: {', '.join(duplicates)}")
        _CACHE[folder] = tuple(questions)
    return _CACHE[folder]


def by_id() -> dict[str, Question]:
    return {q.id: q for q in catalogue()}


def for_key(key: str) -> list[Question]:
    """The questions answered by one entry of the answers file (several for 02's sorts)."""
    return [q for q in catalogue() if q.key == key]


def keys() -> list[str]:
    """Every answers-file key, in notebook order."""
    return list(dict.fromkeys(q.key for q in catalogue()))


def question(question_id: str) -> Question:
    found = by_id().get(question_id)
    if found is None:
        raise KeyError(f"no question {question_id!r} in fedstate.questions; add it there (with its prompt), "
                       "or pass the prompt to answer_box")
    return found


def prompt(question_id: str) -> str:
    return question(question_id).prompt


def notebook_of(key: str) -> str:
    """The notebook title an answers-file key belongs to ("" when the key is not in the catalogue)."""
    found = for_key(key)
    return found[0].notebook_title if found else ""


# ---------------------------------------------------------------------------------------------
# What an answers-file value may be, by kind: a list, number or true/false where text belongs is
# set aside with a message (fedstate.responses) instead of breaking a widget in a later cell.


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def value_problem(key: str, value) -> str:
    """Why ``value`` cannot be the answer stored under ``key`` ("" when it can).

    Keys the catalogue does not know (from an older or newer version of the module) may hold any
    JSON value: they are kept and shown as they are.
    """
    if value is None:
        return ""
    try:
        found = for_key(key)
    except Exception:  # noqa: BLE001 (the data cannot be read: the loader reports that itself)
        return "" if isinstance(value, (str, int, float, dict, list)) else "not a JSON value"
    if not found:
        return ""
    q = found[0]
    kind = q.kind
    if q.item is not None:  # 02's sorts: one entry of {item id: bin id}
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            return "expected a list of item: choice pairs (an object of text values)"
        return ""
    if kind in ("name", "written", "sac-step", "steelman", "summative", "self-check", "sorting", "choice"):
        return "" if isinstance(value, str) else f"expected text, found {_type_name(value)}"
    if kind == "numeric":
        return "" if isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool)) \
            else f"expected a number typed as text, found {_type_name(value)}"
    if kind == "prediction":
        p = predictions.prediction(key)
        if p.kind == "choice":
            return "" if isinstance(value, str) else f"expected one of the choices as text, found {_type_name(value)}"
        if not _is_int(value):
            return f"expected a whole number from {p.low} to {p.high}, found {_type_name(value)}"
        return "" if p.low <= value <= p.high else f"expected a whole number from {p.low} to {p.high}, found {value}"
    if kind == "weights":
        if not isinstance(value, dict) or not all(_is_int(v) for v in value.values()):
            return f"expected criterion: whole-number pairs, found {_type_name(value)}"
        return ""
    if kind == "score-changes":
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            return f"expected cell: text pairs, found {_type_name(value)}"
        return ""
    return ""


def _type_name(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
