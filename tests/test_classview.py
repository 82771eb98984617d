"""The teacher's class view: a folder of hand-ins read as one class (fedstate/classview.py), its
widgets (fedstate/widgets/classview.py), the invented samples it opens on (fedstate/sample_handins.py,
teacher/sample_handins/) and its notebook (teacher/class_view.ipynb)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest

from conftest import REPO
from fedstate import classview as cv
from fedstate import handins, law, questions, sample_handins, stats, tradeoffs
from fedstate.responses import AnswerStore

SAMPLES = REPO / "teacher" / "sample_handins"
NOTEBOOK = REPO / "teacher" / "class_view.ipynb"


@pytest.fixture(scope="module")
def work():
    return cv.load_class(SAMPLES)


def _record(path) -> dict:
    text = path.read_text(encoding="utf-8")
    body = text[text.index(f'id="{handins.SCRIPT_ID}">') + len(f'id="{handins.SCRIPT_ID}">'):text.rindex("</script>")]
    return json.loads(body)


def _handin(folder, name: str, answers: dict, exported: str = "2026-12-02T10:00:00-05:00", file: str | None = None,
            save_problem: str = ""):
    """A hand-in written by the module's own export code, as a student would hand it in."""
    entries = {k: {"value": v, "prompt": "", "notebook": "", "updated": "2026-12-01T10:00:00"}
               for k, v in answers.items()}
    if name:
        entries[questions.NAME_KEY] = {"value": name, "prompt": "", "notebook": "", "updated": "2026-12-01T10:00:00"}
    record = handins.build_record(name, entries, save_problem=save_problem)
    record["exported"] = exported
    path = folder / (file or f"{handins.file_stem(name, dt.date.fromisoformat(exported[:10]))}.html")
    path.write_text(handins.render_html(record), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# The samples: invented, current, and exactly what an export writes


def test_committed_samples_are_what_the_script_makes():
    expected = sample_handins.files()
    on_disk = {p.name: p.read_bytes() for p in SAMPLES.iterdir() if sample_handins.is_sample_file(p)}
    stale = sorted(set(on_disk) - set(expected))
    missing = sorted(set(expected) - set(on_disk))
    changed = sorted(n for n in set(expected) & set(on_disk) if on_disk[n] != expected[n].encode("utf-8"))
    assert not (stale or missing or changed), (
        "teacher/sample_handins/ is not what `python -m fedstate.sample_handins` makes now (the module's questions, "
        f"keys or data changed?): run it and commit the result. Stale: {stale}; missing: {missing}; changed: {changed}")


def test_samples_are_marked_invented_and_many(work):
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    assert "invented" in readme.lower() and "No real student" in readme
    names = {s.name for s in work.students} | {h.student_name for _s, older in work.duplicates for h in older}
    assert len(names) == sample_handins.N_STUDENTS == 30
    assert all(re.fullmatch(r"Sample student \d\d \(invented\)", n) for n in names), names


def test_a_sample_is_byte_for_byte_what_export_my_work_writes(tmp_path, work):
    """One sample's answers, typed into a real answer store (AnswerStore.set, as the widgets save them)
    and exported by AnswerStore.export, give the very same page once the times are the sample's."""
    student = next(s for s in work.students if s.handin.save_problem == "" and s.total.answered > 100)
    original = student.handin.path.read_text(encoding="utf-8")
    saved = _record(student.handin.path)["answers"]
    store = AnswerStore(tmp_path, debounce=60)
    for key, entry in saved.items():
        store.set(key, entry["value"])
    html_path, _md = store.export()
    entries = store.entries()
    assert list(entries) == list(saved)
    for key, entry in entries.items():  # the same prompt, notebook and value as the store writes
        assert {**entry, "updated": saved[key]["updated"]} == saved[key], key
    record = _record(html_path)
    assert record["answers"] == entries and record["student_name"] == student.name
    record["answers"] = saved
    record["exported"] = student.handin.exported
    assert handins.render_html(record) == original
    assert html_path.name == f"{handins.file_stem(student.name, dt.date.today())}.html"


def test_every_sample_reads_back_whole(work):
    for s in work.students:
        assert s.handin.set_aside == {}, (s.name, s.handin.set_aside)
        assert s.handin.module == handins.MODULE


def test_samples_spread_the_top_options_evenly(work):
    counts = cv.top_option_counts(work).set_index("Ranked first")["Students"]
    options = [o.label for o in tradeoffs.starting_model().options]
    assert len({int(counts[o]) for o in options}) == 1 and counts[options[0]] >= 3, counts
    cooperation = counts[options[0]] + counts[options[3]]
    limits = counts[options[1]] + counts[options[2]]
    assert cooperation == limits


# ---------------------------------------------------------------------------------------------
# Reading a folder: roster, duplicates, bad files


def test_roster_on_the_samples(work):
    assert work.files_read == 34
    assert len(work.students) == 30
    table = cv.roster_table(work, show_names=True)
    assert list(table["Student"]) == sorted(table["Student"])
    for s in work.students:
        reference = handins.summarise(handins.rows(s.handin.answers))  # the hand-in page's own figures
        row = table[table["Student"] == s.name].iloc[0]
        for nb in reference:
            assert row[f"{nb.notebook} answered"] == f"{nb.answered} of {nb.total}"
        total = handins.totals(reference)
        assert row["All answered"].startswith(f"{total.answered} of {total.total}")
        assert row["Checked answers right"].startswith(f"{total.right} of {total.attempted}")
        assert row["Exported"] == cv.exported_text(s.handin.exported)
    assert cv.class_totals(work)["complete"] == 2
    assert sum(1 for s in work.students if s.handin.save_problem) == 1
    noted = table[table["Notes"].str.contains("When exported: Not saved")]
    assert len(noted) == 1


def test_marks_are_the_hand_in_pages_marks(work):
    for s in work.students[:8]:
        ours = [(r.question.id, r.value, r.mark) for r in s.rows]
        theirs = [(r.question.id, r.value, r.mark) for r in handins.rows(s.handin.answers)]
        assert ours == theirs


def test_duplicates_keep_the_newest_and_say_so(work):
    assert len(work.duplicates) == 2
    for student, older in work.duplicates:
        assert all(cv.exported_time(h.exported) < cv.exported_time(student.handin.exported) for h in older)
        assert student.total.answered > max(handins.totals(h.summary()).answered for h in older)
    kept_files = {s.file for s, _ in work.duplicates}
    assert any(name.endswith(" (1).html") for name in kept_files), kept_files
    table = cv.duplicates_table(work, show_names=True)
    assert table["Hand-ins"].tolist() == [2, 2]
    assert all("(1).html" in used or "2026-12-02" in used for used in table["Used (the newest)"])


def test_bad_files_are_listed_with_the_reason(work):
    reasons = {item.path.name: item.reason for item in work.skipped}
    assert len(reasons) == 2 and "no <script" in reasons.pop(sample_handins.FOREIGN_FILE)
    (name, reason), = reasons.items()
    assert name.startswith("my_work_Sample-student-") and "damaged" in reason
    assert name in (SAMPLES / "README.md").read_text(encoding="utf-8")
    assert "2 files skipped" in cv.status_summary(work)


def test_folder_problems_never_raise_deep(tmp_path):
    with pytest.raises(cv.ClassViewError, match="does not exist"):
        cv.load_class(tmp_path / "nowhere")
    (tmp_path / "a_file.html").write_text("x")
    with pytest.raises(cv.ClassViewError, match="not a folder"):
        cv.load_class(tmp_path / "a_file.html")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "No HTML files" in cv.status_summary(cv.load_class(empty))


def test_every_kind_of_bad_file_is_skipped_with_its_reason(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    good = _handin(folder, "Ana", {"01.text-kind": "x"})
    text = good.read_text(encoding="utf-8")
    (folder / "newer.html").write_text(text.replace('"version": 1,', '"version": 9,'), encoding="utf-8")
    (folder / "other_module.html").write_text(text.replace(handins.MODULE, "Another module"), encoding="utf-8")
    (folder / "latin1.html").write_bytes("caf\xe9 <p>".encode("latin-1"))
    record_at = text.index(f'id="{handins.SCRIPT_ID}"')
    (folder / "cut.html").write_text(text[: record_at + (len(text) - record_at) // 2], encoding="utf-8")
    (folder / "notes.txt").write_text("not read at all")
    sub = folder / "Ben"  # a platform's download: one folder per student
    sub.mkdir()
    _handin(sub, "Ben", {})
    work = cv.load_class(folder)
    assert sorted(s.name for s in work.students) == ["Ana", "Ben"]
    reasons = {i.path.name: i.reason for i in work.skipped}
    assert "newer version" in reasons["newer.html"]
    assert "another module" in reasons["other_module.html"]
    assert "UTF-8" in reasons["latin1.html"]
    assert "damaged" in reasons["cut.html"]
    assert "notes.txt" not in reasons


def test_same_file_twice_and_nameless_hand_ins(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    first = _handin(folder, "Ana María", {"01.surprise": "C12"})
    shutil.copy(first, folder / first.name.replace(".html", " (1).html"))  # downloaded twice
    _handin(folder, "  ana  maría ", {"01.surprise": "C13"}, exported="2026-12-01T10:00:00-05:00",
            file="earlier.html")  # the same student, typed differently, an older export
    _handin(folder, "", {"01.surprise": "C1"}, file="my_work_no-name_2026-12-02.html")
    _handin(folder, "", {"01.surprise": "C2"}, file="my_work_no-name_2026-12-02 (1).html")
    work = cv.load_class(folder)
    names = sorted(s.real_label for s in work.students)
    assert len(work.students) == 3  # two nameless hand-ins are never merged: nothing says they are one student
    assert names[0] == "(no name entered) · my_work_no-name_2026-12-02 (1).html"
    ana = next(s for s in work.students if s.name)
    assert ana.values["01.surprise"] == "C12" and len(ana.replaced) == 2


# ---------------------------------------------------------------------------------------------
# Hiding names


def test_hidden_names_are_consistent_and_leak_nothing(work):
    labels = work.labels(show_names=False)
    assert sorted(labels.values(), key=lambda x: int(x.split()[1])) == [f"Student {i}" for i in range(1, 31)]
    assert labels == cv.load_class(SAMPLES).labels(False)  # the same numbers every time
    alphabetical = [s.key for s in sorted(work.students, key=lambda s: s.name)]
    assert [labels[k] for k in alphabetical] != [f"Student {i}" for i in range(1, 31)]
    shown = {
        "roster": cv.roster_table(work, False).to_string(),
        "answers": cv.answers_html(work, "01.surprise", False),
        "skipped": cv.skipped_table(work, False).to_string(),
        "duplicates": cv.duplicates_table(work, False).to_string(),
    }
    for where, text in shown.items():
        assert "Sample student" not in text and "Sample-student" not in text, where
    roster = cv.roster_table(work, False)
    assert list(roster["Student"]) == [f"Student {i}" for i in range(1, 31)]
    row = next(s for s in work.students if s.total.answered == 2)
    label = labels[row.key]
    assert roster.set_index("Student").loc[label, "All answered"].startswith("2 of")
    answers = {lbl: r for _s, lbl, r in cv.answers_for(work, "predict.arrests-convicted", False)}
    assert answers[label].value == row.values.get("predict.arrests-convicted")


def test_charts_never_show_names(work):
    for name in cv.CHARTS:
        chart = cv.chart(work, name)
        text = chart.text() + json.dumps(chart.figure.to_plotly_json(), default=str)
        assert "Sample student" not in text, name


# ---------------------------------------------------------------------------------------------
# One question, every answer


def test_a_self_check_side_by_side(work):
    qid = "01.text-kind"
    rows = [s.row(qid) for s in work.students]
    counts = cv.choice_counts(work, qid)
    assert counts["Students"].sum() == 30
    assert counts.iloc[-1]["Students"] == sum(1 for r in rows if r.mark.status == "not-answered")
    key = counts[counts["Key"] == "✔ the key"]
    assert len(key) == 1 and key.iloc[0]["Students"] == sum(1 for r in rows if r.mark.status == "right")
    right = sum(1 for r in rows if r.mark.status == "right")
    assert f"{right} right" in cv.question_sentence(work, qid)
    page = cv.answers_html(work, qid, True)
    assert page.count("<tr>") == 31 and page.count("✔ Right") == right
    assert page.count(">Not answered</span>") == counts.iloc[-1]["Students"] and "○" not in page


def test_written_answers_in_full_and_escaped(work, tmp_path):
    page = cv.answers_html(work, "01.surprise", True)
    assert "&amp; not only convictions (I think it&#x27;s &lt; half convicted)" in page
    folder = tmp_path / "class"
    folder.mkdir()
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> " + "long " * 400
    _handin(folder, "<b>Eve</b>", {"01.surprise": hostile})
    small = cv.load_class(folder)
    page = cv.answers_html(small, "01.surprise", True)
    assert "<script>" not in page and "<img" not in page and "<b>Eve" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and page.count("long ") == 400


def test_sorting_items_and_predictions_show_readable_answers(work):
    qid = "02.sort-powers/p-removal"
    q = questions.question(qid)
    page = cv.answers_html(work, qid, True)
    labels = dict((b, label) for label, b in law.sort_bins("powers"))
    assert any(label in page for label in labels.values())
    assert q.options and cv.choice_counts(work, qid)["Students"].sum() == 30
    assert "out of 100" in cv.answers_html(work, "predict.arrests-convicted", True)


def test_rubric_beside_summative_and_deliberation_tasks():
    from fedstate import deliberation

    assert cv.rubric_task("05.memo") == cv.rubric_task("05.memo.chart") == "data-memo"
    assert cv.grade_target("05.memo") == cv.grade_target("05.memo.chart") == "task:data-memo"
    assert cv.rubric_task("05.steelman") == cv.rubric_task("05.sac.prepare") == "deliberation"
    assert cv.rubric_task("01.surprise") is None and cv.rubric_html("01.surprise") == ""
    for criterion in deliberation.rubric("argument-essay")["criterion"]:
        assert criterion.split(":")[0] in cv.rubric_html("05.essay")
    assert cv.rubric_criteria("05.essay") == ["Claim", "Evidence", "Reasoning", "Counterclaim"]


def test_question_picker_numbers_match_the_hand_in_page(work):
    student = work.students[0]
    page = student.handin.path.read_text(encoding="utf-8")
    for number, qid in ((cv.question_numbers()["01.surprise"], "01.surprise"),
                        (cv.question_numbers()["05.essay"], "05.essay")):
        assert f'id="q-{qid}"><p class="prompt">{number} ' in page
    labels = [label for label, _ in cv.question_options("03")]
    assert len(labels) == sum(1 for q in questions.catalogue() if q.notebook == "03")
    assert labels[0].startswith("03.1 (self-check)")


# ---------------------------------------------------------------------------------------------
# Debrief charts


def test_prediction_charts_show_the_class_beside_the_evidence(work):
    k, sentence, ids = cv.conviction_evidence()
    assert f"about {k} had" in sentence and (sentence, ids) == stats.prediction_evidence()
    guesses = [s.values.get("predict.arrests-convicted") for s in work.students
               if isinstance(s.values.get("predict.arrests-convicted"), int)]
    chart = cv.prediction_chart(work, "predict.arrests-convicted")
    assert chart.table["Students"].sum() == len(guesses) > 20
    assert chart.table.iloc[-1, 0] == "90–100"
    assert chart.figure.layout.shapes[0].x0 == k
    assert sentence in chart.summary and f"{len(guesses)} students saved a guess" in chart.summary
    above = sum(1 for g in guesses if g > k)
    assert f"{above} guessed above the evidence" in chart.summary
    states = cv.prediction_chart(work, "predict.states-limiting")
    count = law.count_states("limits")
    assert law.states_limiting_evidence()[0].startswith(f"{count} of the 50 states")
    assert states.figure.layout.shapes[0].x0 == count and states.table.iloc[-1, 0] == "45–50"
    hold = cv.prediction_chart(work, "predict.must-hold")
    picked = [s.values.get("predict.must-hold") for s in work.students if s.values.get("predict.must-hold")]
    assert hold.table["Students"].sum() == len(picked)
    assert law.must_hold_evidence()[0] in hold.summary
    assert isinstance(hold.figure.data[0].marker.color, str)  # one colour: no choice is singled out
    for chart in (chart, states, hold):
        assert chart.source_line().startswith("Data: ") and " Source" in chart.source_line()
        assert "never graded" in chart.text()


def test_weights_and_top_options_follow_notebook_04s_model(work):
    found = {r.student: r for r in cv.rankings(work)}
    model = tradeoffs.starting_model()
    score, _, _ = model.matrices()
    unchanged = [s for s in work.students if s.values.get(questions.WEIGHTS_KEY) and not s.values.get(
        questions.SCORE_CHANGES_KEY)]
    assert unchanged
    for s in unchanged:
        labels = {c.short_label: c.id for c in model.criteria}
        weights = {labels[k]: v for k, v in s.values[questions.WEIGHTS_KEY].items()}
        top = tradeoffs.top_options(score, tradeoffs.weight_vector(model, weights))
        assert found[s.key].top == tuple(model.option_ids[i] for i in sorted(top))
    changed = [s for s in work.students if s.values.get(questions.SCORE_CHANGES_KEY)]
    assert changed and all(found[s.key].changed_scores == 1 for s in changed)
    none = sum(1 for s in work.students if not s.values.get(questions.WEIGHTS_KEY))
    table = cv.top_option_counts(work).set_index("Ranked first")["Students"]
    assert table[cv.NO_WEIGHTS] == none and table.sum() == 30
    weights = cv.weights_table(work)
    assert (weights["Students"] == 30 - none).all()
    model_labels = {c.id: c.label for c in model.criteria}
    for criterion in ("federal-law", "trust"):  # one criterion from each side of the debate
        given = sorted(found[s.key].weights[criterion] for s in work.students if found[s.key].weights)
        assert weights.set_index("Criterion").loc[model_labels[criterion], "Highest"] == given[-1]
    assert f"{none} students set no weights" in cv.weights_chart(work).summary


def test_a_student_without_weights_is_not_counted_as_equal_weights(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    model = tradeoffs.starting_model()
    equal = {c.short_label: tradeoffs.DEFAULT_WEIGHT for c in model.criteria}
    zero = {c.short_label: 0 for c in model.criteria}
    _handin(folder, "Ana", {"04.exit-ticket": "no weights yet"})
    _handin(folder, "Ben", {questions.WEIGHTS_KEY: equal})
    _handin(folder, "Cy", {questions.WEIGHTS_KEY: zero})
    work = cv.load_class(folder)
    outcome = {work.student(r.student).name: r.outcome for r in cv.rankings(work)}
    score, _, _ = model.matrices()
    equal_top = model.option_ids[min(tradeoffs.top_options(score, tradeoffs.weight_vector(
        model, tradeoffs.equal_weights(model))))]
    assert outcome == {"Ana": cv.NO_WEIGHTS, "Ben": equal_top, "Cy": cv.ALL_ZERO}
    table = cv.top_option_counts(work).set_index("Ranked first")["Students"]
    assert table[model.option(equal_top).label] == 1 and table[cv.NO_WEIGHTS] == 1 and table[cv.ALL_ZERO] == 1
    assert cv.weights_table(work)["Students"].tolist() == [2] * len(model.criteria)


def test_claim_numbers_are_read_as_students_write_them():
    assert cv.claim_numbers("C12 surprised me, and c 3, claim 27, Claim #41, claim no. 8, C-9") == [12, 3, 27, 41, 8, 9]
    assert cv.claim_numbers("C12 and again C12") == [12]
    assert cv.claim_numbers("ABC12, 70%, in 2025, the C-SPAN clip") == []
    assert cv.claim_numbers("") == []


def test_surprising_claims_counted_with_their_text(work):
    from fedstate.article import load_claims

    claims = {c.number: c for c in load_claims()}
    table, info = cv.surprise_counts(work)
    expected: dict[int, int] = {}
    for s in work.students:
        for n in set(cv.claim_numbers(s.values.get("01.surprise") or "")) & set(claims):
            expected[n] = expected.get(n, 0) + 1
    assert dict(zip((int(c[1:]) for c in table["Claim"]), table["Students"])) == expected
    top = table.iloc[0]
    assert top["The claim (as the article has it)"] == claims[int(top["Claim"][1:])].quote
    assert info["unknown numbers"] == [270] and info["no number"] >= 1
    chart = cv.surprise_chart(work)
    assert "C270" in chart.summary and top["Claim"] in chart.summary
    assert "article-capwolf" in chart.sources


# ---------------------------------------------------------------------------------------------
# The teacher's grades


def test_grades_are_saved_apart_and_survive_a_restart(tmp_path, work):
    folder = tmp_path / "class"
    shutil.copytree(SAMPLES, folder)
    before = {p.name: p.read_bytes() for p in folder.glob("*.html")}
    small = cv.load_class(folder)
    student = small.students[3]
    book = cv.GradeBook(cv.grades_path(folder))
    assert not book.path.exists()  # nothing is written until a grade is noted
    assert book.set(student.key, cv.grade_target("05.memo"), student.name, mark="B+",
                    levels={"Precision": "proficient", "Limits": "developing"})
    assert book.set(student.key, "01.surprise", student.name, comment="Names C31: good, say why")
    again = cv.GradeBook(cv.grades_path(folder))
    assert again.describe(student.key, "task:data-memo") == "B+; Precision: proficient; Limits: developing"
    assert again.get(student.key, "01.surprise").comment == "Names C31: good, say why"
    assert {p.name: p.read_bytes() for p in folder.glob("*.html")} == before  # students' files untouched
    content = json.loads(book.path.read_text(encoding="utf-8"))
    assert content["format"] == cv.GRADES_FORMAT and content["students"][student.key]["name"] == student.name
    again.set(student.key, "01.surprise", comment="")
    assert "01.surprise" not in cv.GradeBook(book.path).grades.get(student.key, {})
    table = again.table(small, show_names=False)
    assert "Sample student" not in table.to_string() and len(table) == 1
    with pytest.raises(ValueError, match="rubric level"):
        again.set(student.key, "task:data-memo", levels={"Precision": "excellent"})


def test_a_damaged_grades_file_is_kept_never_overwritten(tmp_path):
    path = tmp_path / cv.GRADES_FILE
    path.write_text('{"format": "fedstate-grades", "version": 1, "students": {', encoding="utf-8")
    book = cv.GradeBook(path)
    assert "could not be read" in book.message and "kept, unchanged" in book.message
    kept = list(tmp_path.glob("teacher_grades.damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_text().endswith("{")
    assert book.set("name:ana", "01.surprise", "Ana", mark="A")
    assert cv.GradeBook(path).get("name:ana", "01.surprise").mark == "A"


def test_a_grades_file_that_cannot_be_written_says_so(tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    book = cv.GradeBook(blocker / "teacher_grades.json")
    assert book.set("name:ana", "01.surprise", "Ana", mark="A") is False
    assert "Not saved" in book.message and book.get("name:ana", "01.surprise").mark == "A"


# ---------------------------------------------------------------------------------------------
# The widgets, headless


def test_class_view_widgets(tmp_path):
    from fedstate.widgets.classview import ClassView

    folder = tmp_path / "class"
    shutil.copytree(SAMPLES, folder)
    view = ClassView(folder)
    assert view.hide_names.value is True  # hidden by default: the view is often opened with a projector on
    assert "Sample student" not in view.roster_html.value + view.answers_html.value + view.status.value
    assert "Student 1" in view.roster_html.value and "Files skipped" in view.status.value
    assert view.question_menu.value == "05.essay" and "Rubric for the task" in view.rubric.value
    assert [m.description for m in view.grade_levels.children] == ["Claim:", "Evidence:", "Reasoning:", "Counterclaim:"]
    roster, answers = view.roster_html.value, view.answers_html.value
    view.hide_names.value = False
    assert view.roster_html.value != roster and "Sample student 01 (invented)" in view.roster_html.value
    assert "Sample student" in view.answers_html.value and answers != view.answers_html.value
    assert view.grade_student.options[0][0] == "Sample student 01 (invented)"
    view.notebook_menu.value = "01"
    view.question_menu.value = "01.surprise"
    assert "Which claim" in view.question_info.value and "Rubric" not in view.rubric.value
    assert view.grade_levels.children == ()
    view.grade_student.value = view.grade_student.options[2][1]
    view.grade_mark.value = "3/4"
    view.grade_comment.value = "Say what the panel showed."
    assert "Saved at" in view.grade_status.value
    assert "3/4; “Say what the panel showed.”" in view.answers_html.value
    assert "Grades noted (1)" in view.grades_html.value
    chart = view.chart("surprise")
    first = view._views["surprise"].chart.summary
    # restart: a new view on the same folder shows the grade again, for the same student
    again = ClassView(folder, show_names=True)
    again.notebook_menu.value = "01"
    again.question_menu.value = "01.surprise"
    again.grade_student.value = view.grade_student.options[2][1]
    assert again.grade_mark.value == "3/4" and again.grade_comment.value == "Say what the panel showed."
    # reading the folder again after a hand-in is removed redraws the charts
    for p in folder.glob("my_work_Sample-student-0*.html"):
        p.unlink()
    view.read(str(folder))
    assert view._views["surprise"].chart.summary != first and chart is view.chart("surprise")
    view.read(str(tmp_path / "missing"))
    assert "does not exist" in view.status.value and "No hand-ins" in view.roster_html.value


# ---------------------------------------------------------------------------------------------
# The notebook


def test_notebook_is_stored_clean_and_short():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for cell in code:
        assert not cell["outputs"] and cell["execution_count"] is None
        assert len("".join(cell["source"]).splitlines()) <= 6
    assert "widgets" not in nb["metadata"]
    markdown = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert len(re.findall(r"(?m)^# ", markdown)) == 1
    source = "\n".join("".join(c["source"]) for c in code)
    assert f'ClassView("{cv.DEFAULT_FOLDER}")' in source and (REPO / "teacher" / cv.DEFAULT_FOLDER).is_dir()
    for name in cv.CHARTS:
        assert f'class_view.chart("{name}")' in source
    for link in re.findall(r"\]\(([^)#]+)\)", markdown):
        assert (NOTEBOOK.parent / link).exists(), link


def test_the_notebook_is_collected_by_the_test_command():
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert any(NOTEBOOK.is_relative_to(REPO / p) for p in config["testpaths"])
