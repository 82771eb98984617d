"""The question catalogue is the one list of every question: every widget writes only catalogued
keys with the catalogue's wording, each notebook asks exactly its part of the catalogue in the same
order, and every answer is marked with the module's own grading."""

from __future__ import annotations

import json
import re

import pytest

from conftest import NOTEBOOKS
from fedstate import law, questions, reading, stats, tradeoffs
from fedstate.checks import MultipleChoice, Numeric
from fedstate.responses import AnswerStore


class RecordingStore(AnswerStore):
    """An answer store that remembers every key written, with the prompt it was written with."""

    def __init__(self, folder):
        super().__init__(folder, debounce=60)
        self.written: dict[str, set[str]] = {}

    def set(self, question_id, value, prompt="", notebook="", *, source=None):
        self.written.setdefault(question_id, set()).add(prompt)
        super().set(question_id, value, prompt, notebook, source=source)


def _exercise_every_widget(store) -> None:
    """Build every widget that saves answers, headlessly, and give each control a value."""
    from fedstate.widgets import common, law as law_w, predict, reader, stats as stats_w
    from fedstate.widgets import tradeoffs as trade_w

    common.name_box(store).text.value = "Sam"
    for control in predict.predict_first(store).controls:
        control.control.value = control.control.options[1] if hasattr(control.control, "options") else 12
        control.reason.area.value = "a reason"
    cues = reader.cue_sorter(store=store)
    for menu in cues.controls.values():
        menu.value = next(iter(reading.CUE_ZONES))
    coach = reader.wording_coach(store=store)
    coach.chooser.value = reading.REWRITE_CLAIMS[1]
    coach.rewrite.area.value = "a neutral rewrite"
    tagger = reader.sentence_tagger(store=store)
    for menu in tagger.controls.values():
        menu.value = reading.TAGS[0]
    for sorter in (law_w.powers_sort(store), law_w.question_types_sort(store)):
        for menu in sorter.choices.values():
            menu.value = menu.options[1][1]
        sorter.check()
    honesty = stats_w.chart_honesty(store)
    for judge in honesty.judges.values():
        judge.value = "Fair"
    honesty.check()
    for key in ("03.pandas-share", "03.points", "03.percent-change", "03.recompute"):
        stats_w.pandas_check(key, 3.5, store)
    for q in questions.catalogue():
        if q.widget == "answer_box":
            common.answer_box(q.id, store=store).area.value = "my answer"
        if q.widget == "self_check":
            check = {**law.self_checks(), **stats.SELF_CHECKS, **tradeoffs.self_checks(),
                     **{c.id: c for c in (reading.TEXT_KIND, reading.WHO_SAID_IT, reading.CHECKABLE,
                                          reading.SEVENTY_PERCENT)}}[q.id]
            box = common.self_check(check, store)
            box.entry.value = check.choices[0].text if isinstance(check, MultipleChoice) else "7"
            box.check()
    session = trade_w.decision_session(store=store)
    session.set_weight(session.model.criteria[0].id, 7)
    option, criterion = session.model.option_ids[0], session.model.criterion_ids[0]
    cell = session.model.cells[(option, criterion)]
    session.set_score(option, criterion, cell.low, cell.low, cell.high, "a source")
    trade_w.justification_check("04.my-weights-why", session=session, store=store).answer.area.value = "because"
    blank = trade_w.decision_session(blank=True, store=store)
    blank.set_own_score(option, criterion, 5)
    blank.set_weight(blank.model.criteria[0].id, 3)


def test_every_key_a_widget_writes_is_catalogued_with_its_wording(answers_dir, monkeypatch):
    from fedstate import responses
    from fedstate.widgets import deliberation

    store = RecordingStore(answers_dir)
    monkeypatch.setattr(responses, "_STORE", store)  # widgets that use the shared store record here too
    monkeypatch.setattr(responses, "default_folder", lambda: answers_dir)
    _exercise_every_widget(store)
    for builder in (deliberation.sac_worksheet, deliberation.steelman_box,
                    *(lambda t=t: deliberation.summative_task(t.id) for t in deliberation.d.SUMMATIVE_TASKS)):
        for answer in _answer_boxes(builder()):
            answer.area.value = "my answer"
    catalogued = questions.keys()
    assert sorted(store.written) == sorted(catalogued), (
        f"written but not catalogued: {sorted(set(store.written) - set(catalogued))}; "
        f"catalogued but never written: {sorted(set(catalogued) - set(store.written))}")
    for key, prompts in store.written.items():
        q = questions.for_key(key)[0]
        expected = q.group if q.item else q.prompt
        assert prompts <= {expected, ""}, f"{key}: the widget says {prompts}, the catalogue {expected!r}"
    # and every value written has the type its question expects (set() refuses any other)
    assert all(questions.value_problem(k, v["value"]) == "" for k, v in store.entries().items())


def _answer_boxes(widget):
    found = []
    for child in getattr(widget, "children", ()):
        if hasattr(child, "area") and hasattr(child, "question_id"):
            found.append(child)
        else:
            found += _answer_boxes(child)
    return found


_CALL = re.compile(r"\b(answer_box|justification_check|pandas_check|self_check|name_box|predict_first|cue_sorter|"
                   r"wording_coach|sentence_tagger|powers_sort|question_types_sort|chart_honesty|decision_session|"
                   r"sac_worksheet|steelman_box|summative_task)\(")


def _arguments(source: str, start: int) -> str:
    depth, i = 1, start
    while depth:
        depth += {"(": 1, ")": -1}.get(source[i], 0)
        i += 1
    return source[start:i - 1]


def _asked_in(notebook_path) -> list[str]:
    """The catalogue ids a notebook asks, in the order its code cells ask them."""
    namespace = {"reading": reading, "law": law, "stats": stats, "checks": tradeoffs.self_checks()}
    by_widget: dict[str, list[str]] = {}
    for q in questions.catalogue():
        by_widget.setdefault(q.widget, []).append(q.id)
    asked = []
    cells = json.loads(notebook_path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        for match in _CALL.finditer(source):
            name, args = match.group(1), _arguments(source, match.end())
            if name == "self_check":
                asked.append(eval(args, namespace).id)  # noqa: S307 (the notebook's own expression)
            elif name in ("answer_box", "justification_check", "pandas_check"):
                asked.append(re.match(r'\s*"([^"]+)"', args).group(1))
            elif name == "decision_session":
                asked += by_widget["decision_session(blank=True)" if "blank=True" in args else "decision_session"]
            elif name == "summative_task":
                asked += by_widget[f"summative_task({args.strip()})"]
            elif name == "name_box" and asked and questions.NAME_KEY in asked:
                continue
            else:
                asked += by_widget[name]
    return asked


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_each_notebook_asks_exactly_its_part_of_the_catalogue_in_order(notebook):
    key = notebook.name[:2]
    expected = [q.id for q in questions.catalogue() if q.notebook == key]
    asked = [i for i in _asked_in(notebook) if not (i == questions.NAME_KEY and key != "00")]
    assert asked == expected, (f"{notebook.name}: asked but not in its part of the catalogue: "
                               f"{[i for i in asked if i not in expected]}; in the catalogue but not asked: "
                               f"{[i for i in expected if i not in asked]}; or the order differs")


def test_catalogue_is_in_notebook_order_and_complete():
    catalogue = questions.catalogue()
    assert [q.notebook for q in catalogue] == sorted(q.notebook for q in catalogue)
    assert {q.notebook for q in catalogue} == set(questions.NOTEBOOKS)
    assert len({q.id for q in catalogue}) == len(catalogue)
    assert all(q.kind in questions.KINDS for q in catalogue)
    assert all(q.prompt.strip() for q in catalogue)
    kinds = {q.kind for q in catalogue}
    assert kinds == set(questions.KINDS), f"kinds never used: {set(questions.KINDS) - kinds}"


def test_marking_reuses_the_modules_own_grading():
    by_id = questions.by_id()
    # a multiple-choice self-check: the same feedback as its widget
    right = reading.TEXT_KIND.answer
    assert by_id["01.text-kind"].mark(right).status == "right"
    assert by_id["01.text-kind"].mark(right).feedback.startswith(reading.TEXT_KIND.grade(right).message)
    wrong = next(c for c in reading.TEXT_KIND.choices if not c.correct)
    mark = by_id["01.text-kind"].mark(wrong.text)
    assert mark.status == "wrong" and wrong.misconception in mark.feedback
    # the cue sorter, item by item, with the data's key ("1 views" points to commercial, not opinion)
    cue = next(c for c in reading.cues().to_dict("records") if c["points_to"] != "opinion"
               and "opinion" not in reading.split_accepted(c["also_accepted"]))
    assert by_id[f"01.cue.{cue['id']}"].mark("opinion").status == "wrong"
    assert by_id[f"01.cue.{cue['id']}"].mark(cue["points_to"]).status == "right"
    # 02's sorts: one entry holds every item; each item is marked against law.grade_sort
    item = law.sort_items("powers").iloc[0]
    q = by_id[f"02.sort-powers/{item['id']}"]
    assert q.value_in({"02.sort-powers": {item["id"]: item["answer"]}}) == item["answer"]
    assert q.mark(item["answer"]).status == "right" and item["explanation"] in q.mark(item["answer"]).feedback
    # a numeric exercise: Numeric.grade, comma decimals included
    points = stats.SELF_CHECKS["03.points"]
    typed = f"{points.resolved_answer():.2f}".replace(".", ",")
    assert by_id["03.points"].mark(typed).status == "right"
    # chart honesty, predictions and written answers
    assert by_id["03.honesty.baseline"].mark("Fair").status == "right"
    assert by_id["03.honesty.truncated"].mark("Fair").status == "wrong"
    assert by_id["predict.must-hold"].mark("I am not sure").status == "no-right-answer"
    assert by_id["03.trend"].mark("   ").status == "not-answered"
    assert by_id["01.text-kind"].mark("a choice that no longer exists").status == "wrong"


def test_every_graded_question_can_be_right():
    """Each graded question has an answer its own grading accepts (so no mark is impossible)."""
    for q in questions.catalogue():
        if not q.graded:
            continue
        if q.kind == "numeric":
            check = {**law.self_checks(), **stats.SELF_CHECKS, **tradeoffs.self_checks()}[q.id]
            assert isinstance(check, Numeric)
            assert q.mark(str(check.resolved_answer())).status == "right", q.id
        else:
            assert any(q.mark(option).status == "right" for option in q.options), q.id


_STATUS_WORDS = re.compile(
    r"\byour\b[^?]{0,80}?\b(immigration status|citizenship|visa|green card|papers|documented|undocumented|born in|"
    r"country of birth|legal status)\b|\b(are you|is your family|were you|was your)\b[^?]{0,80}?\b(citizen|immigrant|"
    r"documented|undocumented|deport)", re.IGNORECASE)


def test_no_question_asks_about_a_students_own_or_family_status():
    texts = [(q.id, t) for q in questions.catalogue() for t in (q.prompt, q.group, *q.options)]
    assert [(i, t) for i, t in texts if _STATUS_WORDS.search(t)] == []
    # the check itself can fail:
    assert _STATUS_WORDS.search("What is your family's immigration status?")
    assert _STATUS_WORDS.search("Are you a U.S. citizen?")


def test_answer_box_takes_its_prompt_from_the_catalogue(answers_dir):
    from fedstate.widgets.common import answer_box

    box = answer_box("03.denominator")
    assert questions.prompt("03.denominator") in box.children[0].value.replace("&#x27;", "'")
    box.area.value = "two figures"
    from fedstate import responses

    entry = responses.store().entries()["03.denominator"]
    assert entry["prompt"] == questions.prompt("03.denominator") and entry["notebook"] == stats.NOTEBOOK
    assert "A prompt given" in answer_box("03.denominator", "A prompt given").children[0].value  # still works
    with pytest.raises(KeyError, match="no question 'nope.q'"):
        answer_box("nope.q")
