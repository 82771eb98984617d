"""The teacher's class view: a folder of hand-ins read back as one class.

A teacher collects the ``my_work_<name>_<date>.html`` files students downloaded (see
:mod:`fedstate.handins`) into one folder. :func:`load_class` reads every HTML file in it and
returns a :class:`ClassWork`:

- each student once. A student who handed in twice (a second export, or the browser's
  ``my_work_Ana_2026-12-02 (1).html``) is kept with the newest export, and :attr:`ClassWork.duplicates`
  says which files were set aside. Students are matched by the name they typed (case and spacing
  ignored); hand-ins with no name are never merged, since nothing says they are the same student.
- every file that is not a readable hand-in, with the reason (:attr:`ClassWork.skipped`): a foreign
  page, a damaged or truncated download, a hand-in from a newer version of the module. Nothing is
  ever raised for a bad file.

The plain functions below build what the teacher's notebook (``teacher/class_view.ipynb``) shows:
the roster, every answer to one question side by side with its mark, the grading file, and the
debrief charts. Marks come from the module's own grading (:meth:`fedstate.questions.Question.mark`);
the debrief charts show how the class's views are spread and never label a view right.

Names can be hidden for projecting: :meth:`ClassWork.labels` gives every student a stable
"Student N" label. The numbers follow a hash of each name, not the alphabet, so the class cannot
work out who "Student 1" is from the order; the same folder gives the same labels every time.

Grades the teacher notes are saved in a file of their own (:class:`GradeBook`,
``teacher_grades.json`` beside the hand-ins by default), never in a student's file.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from fedstate import handins, questions
from fedstate.charts import GREY, PALETTE, Chart, style, wrap_label
from fedstate.handins import HandIn, HandinError, NotebookSummary, Row

#: Where the notebook looks first: the sample hand-ins beside it, in teacher/.
DEFAULT_FOLDER = "sample_handins"
GRADES_FILE = "teacher_grades.json"
GRADES_FORMAT = "fedstate-grades"
GRADES_VERSION = 1
HANDIN_SUFFIXES = (".html", ".htm")
#: The levels of the module's rubrics (data/deliberation/rubrics.csv), best first.
RUBRIC_LEVELS = ("proficient", "developing", "beginning")
NO_NAME_LABEL = "(no name entered)"
#: A stand-in "source id" for charts drawn from the class's own hand-ins (see ClassChart).
CLASS_DATA = "class-hand-ins"

KIND_LABELS = {
    "written": "written", "self-check": "self-check", "sorting": "sorting", "numeric": "number",
    "prediction": "prediction", "choice": "choice", "weights": "weights", "score-changes": "scores changed",
    "sac-step": "deliberation", "steelman": "steelman", "summative": "summative task", "name": "name",
}


class ClassViewError(ValueError):
    """The folder itself cannot be read (missing, not a folder, no permission); the message says which."""


# ---------------------------------------------------------------------------------------------
# Reading a folder


@dataclass(frozen=True)
class Skipped:
    """A file in the folder that is not a readable hand-in, and why."""

    path: Path
    reason: str


@dataclass
class Student:
    """One student's kept hand-in, with every question marked."""

    key: str  # stable across restarts: "name:<name as typed, case and spacing ignored>" or "file:<file>"
    name: str  # as typed ("" when none was entered)
    handin: HandIn
    rows: list[Row]
    summary: list[NotebookSummary]
    total: NotebookSummary
    replaced: list[HandIn] = field(default_factory=list)  # older hand-ins of the same student, not used

    @property
    def values(self) -> dict:
        return self.handin.values

    @property
    def file(self) -> str:
        return self.handin.path.name

    @property
    def real_label(self) -> str:
        return self.name if self.name else f"{NO_NAME_LABEL} · {self.file}"

    @property
    def exported(self) -> str:
        return exported_text(self.handin.exported)

    def row(self, question_id: str) -> Row:
        for row in self.rows:
            if row.question.id == question_id:
                return row
        raise KeyError(f"no question {question_id!r} in fedstate.questions")

    def problems(self) -> list[str]:
        """What the hand-in itself reports: a save problem when exported, answers it could not use."""
        out = []
        if self.handin.save_problem:
            out.append(f"When exported: {self.handin.save_problem}")
        for key, why in self.handin.set_aside.items():
            out.append(f"Answer “{key}” could not be used ({why}).")
        return out


@dataclass
class ClassWork:
    """A folder of hand-ins read as one class (see :func:`load_class`)."""

    folder: Path
    students: list[Student]
    skipped: list[Skipped]
    duplicates: list[tuple[Student, list[HandIn]]]  # students with more than one hand-in, and the ones set aside
    files_read: int = 0
    _rankings: list | None = field(default=None, repr=False, compare=False)  # computed once (see rankings)

    def labels(self, show_names: bool) -> dict[str, str]:
        """Each student's label: the name as typed, or "Student N" when names are hidden.

        Hidden labels are numbered in the order of a hash of each student's key, so they are stable
        for a folder and say nothing about alphabetical order."""
        if show_names:
            return {s.key: s.real_label for s in self.students}
        order = sorted(self.students, key=lambda s: hashlib.sha256(s.key.encode("utf-8")).hexdigest())
        return {s.key: f"Student {i}" for i, s in enumerate(order, start=1)}

    def ordered(self, show_names: bool) -> list[Student]:
        """Students in the order the roster lists them: by name, or by "Student N" when hidden."""
        labels = self.labels(show_names)
        if show_names:
            return sorted(self.students, key=lambda s: (not s.name, _fold(s.name), s.file))
        return sorted(self.students, key=lambda s: int(labels[s.key].split()[-1]))

    def student(self, key: str) -> Student:
        for s in self.students:
            if s.key == key:
                return s
        raise KeyError(key)


def _fold(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name or "").split()).casefold()


def student_key(handin: HandIn) -> str:
    name = _fold(handin.student_name)
    return f"name:{name}" if name else f"file:{handin.path.name}"


def exported_time(text: str) -> _dt.datetime | None:
    """The export time as a datetime (None if it cannot be read)."""
    try:
        return _dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def _timestamp(text: str) -> float:
    when = exported_time(text)
    return when.timestamp() if when is not None else float("-inf")


def exported_text(text: str) -> str:
    """``2026-12-02 15:10`` in the student's own time, as recorded (the text itself if unreadable)."""
    when = exported_time(text)
    return when.strftime("%Y-%m-%d %H:%M") if when is not None else str(text)


def handin_files(folder: Path) -> list[Path]:
    """Every HTML file in the folder and its subfolders (a learning platform's download often has
    one folder per student), in a stable order; hidden folders and checkpoints are left out."""
    found = []
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if any(p.startswith(".") for p in parts):
            continue
        if path.suffix.lower() in HANDIN_SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix().casefold())


class Marks:
    """The module's marks, worked out once per question and answer for a whole class.

    Thirty students give the same few answers to a choice question, and marking one answer reads
    the data (a sorting key, a numeric answer computed from a dataset): remembering each mark makes
    a class of thirty load in about a second instead of ten."""

    def __init__(self):
        self._cache: dict[tuple[str, str], questions.Mark] = {}

    def mark(self, q: questions.Question, value) -> questions.Mark:
        try:
            key = (q.id, json.dumps(value, sort_keys=True, ensure_ascii=False))
        except (TypeError, ValueError):
            return q.mark(value)
        if key not in self._cache:
            self._cache[key] = q.mark(value)
        return self._cache[key]


def marked_rows(answers: dict[str, dict], marks: Marks | None = None) -> list[Row]:
    """Every question with the answer from ``answers`` and its mark: the same rows as
    :func:`fedstate.handins.rows` (a test checks), with each distinct mark worked out once."""
    marks = marks or Marks()
    values = {k: e.get("value") for k, e in answers.items() if isinstance(e, dict)}
    out = []
    for q in questions.catalogue():
        if q.key == questions.NAME_KEY:
            continue
        value = q.value_in(values)
        entry = answers.get(q.key)
        updated = entry.get("updated", "") if isinstance(entry, dict) else ""
        out.append(Row(q, value, marks.mark(q, value), updated if isinstance(updated, str) else ""))
    return out


def resolve_folder(folder: Path | str | None = None) -> Path:
    """The folder to read: as given (relative to the working directory, which is the notebook's folder)."""
    return Path(folder if folder not in (None, "") else DEFAULT_FOLDER).expanduser()


def load_class(folder: Path | str | None = None) -> ClassWork:
    """Read every hand-in in ``folder``; bad files are listed with the reason, never raised.

    Raises :class:`ClassViewError` only when the folder itself cannot be read."""
    folder = resolve_folder(folder)
    if not folder.exists():
        raise ClassViewError(f"The folder {folder} does not exist (looked in {folder.resolve()}). Put the students' "
                             "HTML hand-ins in one folder and type its path.")
    if not folder.is_dir():
        raise ClassViewError(f"{folder} is a file, not a folder. Type the folder that holds the hand-ins.")
    try:
        files = handin_files(folder)
    except OSError as exc:
        raise ClassViewError(f"The folder {folder} cannot be read ({exc.strerror or exc}).") from None
    read: list[HandIn] = []
    skipped: list[Skipped] = []
    for path in files:
        try:
            read.append(handins.load_handin(path))
        except HandinError as problem:
            skipped.append(Skipped(path, problem.reason))
    groups: dict[str, list[HandIn]] = {}
    for handin in read:
        groups.setdefault(student_key(handin), []).append(handin)
    students, duplicates = [], []
    marks = Marks()
    for key, group in groups.items():
        # newest export first; for equal times (one file downloaded twice) the later file name
        group.sort(key=lambda h: (_timestamp(h.exported), h.path.name), reverse=True)
        kept = group[0]
        table = marked_rows(kept.answers, marks)
        summary = handins.summarise(table)
        student = Student(key, kept.student_name.strip(), kept, table, summary, handins.totals(summary), group[1:])
        students.append(student)
        if len(group) > 1:
            duplicates.append((student, group[1:]))
    students.sort(key=lambda s: (not s.name, _fold(s.name), s.file))
    duplicates.sort(key=lambda d: (not d[0].name, _fold(d[0].name), d[0].file))
    return ClassWork(folder, students, skipped, duplicates, len(files))


# ---------------------------------------------------------------------------------------------
# What the teacher reads: status, roster


def _fraction(a: int, b: int) -> str:
    return f"{a} of {b}"


def status_summary(work: ClassWork) -> str:
    """One sentence: how many files, students, duplicates and skipped files."""
    n = len(work.students)
    parts = [f"Read {work.files_read} HTML file{'s' if work.files_read != 1 else ''} in {work.folder}: "
             f"{n} student{'s' if n != 1 else ''}"]
    if work.duplicates:
        extra = sum(len(old) for _, old in work.duplicates)
        parts.append(f"{len(work.duplicates)} of them handed in more than once ({extra} older "
                     f"hand-in{'s' if extra != 1 else ''} set aside, the newest kept)")
    if work.skipped:
        parts.append(f"{len(work.skipped)} file{'s' if len(work.skipped) != 1 else ''} skipped (listed below)")
    if not work.files_read:
        return (f"No HTML files in {work.folder}. Put the students' my_work_….html files in it (the .md copies "
                "are not needed) and read it again.")
    return "; ".join(parts) + "."


def skipped_table(work: ClassWork, show_names: bool) -> pd.DataFrame:
    """The files that were not read, with the reason. File names can carry a student's name, so
    when names are hidden they are replaced by "file 1", "file 2", ..."""
    rows = []
    for i, item in enumerate(work.skipped, start=1):
        where = item.path.relative_to(work.folder).as_posix() if show_names else f"file {i} (name hidden)"
        rows.append((where, item.reason))
    return pd.DataFrame(rows, columns=["File", "Why it was skipped"])


def duplicates_table(work: ClassWork, show_names: bool) -> pd.DataFrame:
    """Students who handed in more than once: which hand-in is used, which are set aside."""
    labels = work.labels(show_names)
    rows = []
    for student, older in work.duplicates:
        kept = f"exported {student.exported}" + (f" ({student.file})" if show_names else "")
        aside = "; ".join(f"exported {exported_text(h.exported)}" + (f" ({h.path.name})" if show_names else "")
                          for h in older)
        rows.append((labels[student.key], len(older) + 1, kept, aside))
    return pd.DataFrame(rows, columns=["Student", "Hand-ins", "Used (the newest)", "Set aside (older)"])


def roster_table(work: ClassWork, show_names: bool) -> pd.DataFrame:
    """One row per student: questions answered per notebook and in all, checked answers right of
    those tried, when the hand-in was exported, and any problem the hand-in records."""
    labels = work.labels(show_names)
    rows = []
    for s in work.ordered(show_names):
        row = {"Student": labels[s.key]}
        for nb in s.summary:
            row[f"{nb.notebook} answered"] = _fraction(nb.answered, nb.total)
        row["All answered"] = f"{_fraction(s.total.answered, s.total.total)} ({_percent(s.total.answered, s.total.total)})"
        row["Checked answers right"] = (f"{_fraction(s.total.right, s.total.attempted)}"
                                        + (f" ({_percent(s.total.right, s.total.attempted)})" if s.total.attempted else ""))
        row["Exported"] = s.exported
        notes = s.problems()
        if s.replaced:
            notes.append(f"Handed in {len(s.replaced) + 1} times: the newest is used.")
        row["Notes"] = " ".join(notes)
        rows.append(row)
    columns = (["Student"] + [f"{k} answered" for k in questions.NOTEBOOKS]
               + ["All answered", "Checked answers right", "Exported", "Notes"])
    return pd.DataFrame(rows, columns=columns)


def _percent(a: int, b: int) -> str:
    return f"{round(100 * a / b)}%" if b else "–"


def class_totals(work: ClassWork) -> dict[str, object]:
    """Figures for the line above the roster."""
    if not work.students:
        return {"students": 0}
    done = sorted(s.total.answered / s.total.total for s in work.students if s.total.total)
    right = sum(s.total.right for s in work.students)
    tried = sum(s.total.attempted for s in work.students)
    complete = sum(1 for s in work.students if s.total.answered == s.total.total)
    return {"students": len(work.students), "median_completion": _median(done), "complete": complete,
            "right": right, "attempted": tried,
            "with_problems": sum(1 for s in work.students if s.problems())}


def _median(values: list[float]) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def roster_sentence(work: ClassWork) -> str:
    t = class_totals(work)
    if not t["students"]:
        return "No hand-ins to show yet."
    text = (f"{t['students']} students. Half answered at least {round(100 * t['median_completion'])}% of the "
            f"{work.students[0].total.total} questions; {t['complete']} answered every one. Checked answers "
            f"(self-checks, sorting activities, numeric exercises): {t['right']} right of {t['attempted']} tried "
            f"across the class.")
    if t["with_problems"]:
        n = t["with_problems"]
        text += f" {n} hand-in{'s report' if n != 1 else ' reports'} a problem (see Notes)."
    return text


# ---------------------------------------------------------------------------------------------
# One question, every answer


def question_numbers() -> dict[str, str]:
    """Each question's number as the hand-in page prints it ("03.7"), so the two can be compared."""
    out, count = {}, {}
    for q in questions.catalogue():
        if q.key == questions.NAME_KEY:
            continue
        count[q.notebook] = count.get(q.notebook, 0) + 1
        out[q.id] = f"{q.notebook}.{count[q.notebook]}"
    return out


def question_options(notebook: str) -> list[tuple[str, str]]:
    """(label, question id) for a picker: every question of one notebook, numbered as in the hand-in."""
    numbers = question_numbers()
    out = []
    for q in questions.catalogue():
        if q.notebook != notebook or q.id not in numbers:
            continue
        prompt = " ".join(q.prompt.split())
        if len(prompt) > 80:
            prompt = prompt[:79].rstrip() + "…"
        out.append((f"{numbers[q.id]} ({KIND_LABELS.get(q.kind, q.kind)}) {prompt}", q.id))
    return out


def notebook_options() -> list[tuple[str, str]]:
    return [(title, key) for key, title in questions.NOTEBOOKS.items()]


def rubric_task(question_id: str) -> str | None:
    """The rubric (task id in data/deliberation/rubrics.csv) that grades this question, if any."""
    from fedstate import deliberation

    for task in deliberation.SUMMATIVE_TASKS:
        if any(key == question_id for key, _prompt, _words in task.parts):
            return task.id
    q = questions.question(question_id)
    if q.kind in ("sac-step", "steelman"):
        return "deliberation"
    return None


def grade_target(question_id: str) -> str:
    """What a grade is noted against: the question, or the whole task for a question graded by a rubric
    (so the memo's two parts share one rubric grade)."""
    task = rubric_task(question_id)
    return f"task:{task}" if task else question_id


def target_title(target: str) -> str:
    """A grade target in words: the task's title, or the question's number."""
    from fedstate import deliberation

    if target.startswith("task:"):
        task = target[5:]
        if task == "deliberation":
            return "the structured academic controversy and steelman (one grade for all its parts)"
        title = next((t.title for t in deliberation.SUMMATIVE_TASKS if t.id == task), task)
        return f"the task “{title}” (one grade for all its parts)"
    return f"question {question_numbers().get(target, target)}"


def answers_for(work: ClassWork, question_id: str, show_names: bool) -> list[tuple[Student, str, Row]]:
    """(student, label, row) for every student, in roster order."""
    questions.question(question_id)
    labels = work.labels(show_names)
    return [(s, labels[s.key], s.row(question_id)) for s in work.ordered(show_names)]


def question_sentence(work: ClassWork, question_id: str) -> str:
    """How the class answered one question, in one sentence."""
    q = questions.question(question_id)
    rows = [s.row(question_id) for s in work.students]
    answered = [r for r in rows if r.mark.status != "not-answered"]
    text = f"{len(answered)} of {len(rows)} students answered."
    if q.graded:
        right = sum(1 for r in answered if r.mark.status == "right")
        text += f" {right} right, {len(answered) - right} not right."
    elif q.kind in ("written", "sac-step", "steelman", "summative") and answered:
        words = sorted(len(str(r.value).split()) for r in answered)
        text += f" Length: {words[0]} to {words[-1]} words (median {round(_median(words))})."
    return text


def choice_counts(work: ClassWork, question_id: str) -> pd.DataFrame:
    """For a question with choices: how many students chose each, and which is the key (if it has one)."""
    q = questions.question(question_id)
    counts: dict[str, int] = {}
    missing = 0
    for s in work.students:
        value = s.row(question_id).value
        if not questions.answered(value):
            missing += 1
            continue
        counts[str(value)] = counts.get(str(value), 0) + 1
    values = list(q.options) + [v for v in counts if v not in q.options]
    rows = []
    for v in values:
        if q.graded:
            status = q.mark(v).status
            key = "✔ the key" if status == "right" else ("" if v in q.options else "not one of the choices")
        else:
            key = "no right answer" if v in q.options else ""
        rows.append((q.display(v) or v, counts.get(v, 0), key))
    rows.append(("(not answered)", missing, ""))
    return pd.DataFrame(rows, columns=["Answer", "Students", "Key" if q.graded else "Note"])


_ANSWER_CELL = ("border-bottom:1px solid #ddd;padding:6px 8px;vertical-align:top;line-height:1.45;text-align:left;")
_MARK_CSS = {"right": "color:#006b3c", "wrong": "color:#a04000", "no-right-answer": "color:#444",
             "not-answered": "color:#a04000;font-style:italic"}


def answers_html(work: ClassWork, question_id: str, show_names: bool, book: "GradeBook | None" = None) -> str:
    """Every student's answer to one question, in full and escaped, with its mark and any grade noted."""
    from fedstate.charts import NO_MATH

    esc = html.escape
    q = questions.question(question_id)
    target = grade_target(question_id)
    head = ["Student", "Answer", "Mark"] + (["Your grade"] if book is not None else [])
    out = [f'<table class="fedstate-table fedstate-answers {NO_MATH}" style="table-layout:auto;border-collapse:'
           f'collapse;margin:0.4em 0;width:100%"><caption style="text-align:left;font-weight:bold;padding:0.3em 0">'
           f"Every answer to {esc(question_numbers().get(q.id, q.id))}: {esc(q.prompt)}</caption><thead><tr>"
           + "".join(f'<th scope="col" style="{_ANSWER_CELL}">{esc(h)}</th>' for h in head) + "</tr></thead><tbody>"]
    for student, label, row in answers_for(work, question_id, show_names):
        if row.mark.status == "not-answered":
            answer = '<span style="color:#a04000;font-style:italic">Not answered</span>'
        else:
            answer = (f'<div dir="auto" style="white-space:pre-wrap;overflow-wrap:anywhere;max-width:60em">'
                      f"{esc(q.display(row.value))}</div>")
        mark = ("" if row.mark.status == "not-answered"  # said once, in the answer's cell
                else f'<span style="{_MARK_CSS[row.mark.status]}">{row.mark.symbol} {esc(row.mark.label)}</span>')
        if row.mark.status == "wrong" and row.mark.feedback:
            mark += f'<br><small style="color:#444">{esc(row.mark.feedback)}</small>'
        cells = [f'<th scope="row" style="{_ANSWER_CELL}font-weight:normal;white-space:nowrap">{esc(label)}</th>',
                 f'<td style="{_ANSWER_CELL}">{answer}</td>', f'<td style="{_ANSWER_CELL}min-width:9em">{mark}</td>']
        if book is not None:
            cells.append(f'<td style="{_ANSWER_CELL}">{esc(book.describe(student.key, target))}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def rubric_html(question_id: str) -> str:
    """The rubric beside a question graded by one ("" otherwise): the same rubric teacher/rubrics.md shows."""
    from fedstate import deliberation

    task = rubric_task(question_id)
    if task is None:
        return ""
    return deliberation.rubric_html(task).replace(
        "Rubric: no criterion depends on the position you take",
        f"Rubric for {target_title(grade_target(question_id))}: no criterion depends on the position taken")


def rubric_criteria(question_id: str) -> list[str]:
    """The criteria of the rubric that grades this question ([] when none does)."""
    from fedstate.data import load

    task = rubric_task(question_id)
    if task is None:
        return []
    table = load("deliberation/rubrics.csv")
    return list(table.loc[table["task"] == task, "criterion"])


# ---------------------------------------------------------------------------------------------
# The teacher's grades


@dataclass
class Grade:
    mark: str = ""
    comment: str = ""
    levels: dict[str, str] = field(default_factory=dict)  # rubric criterion -> proficient/developing/beginning
    updated: str = ""

    @property
    def empty(self) -> bool:
        return not (self.mark.strip() or self.comment.strip() or any(self.levels.values()))


def grades_path(folder: Path | str) -> Path:
    """Where a class's grades are kept by default: beside its hand-ins."""
    return Path(folder) / GRADES_FILE


class GradeBook:
    """The teacher's grades for one class, in a JSON file of its own (never in a student's file).

    Saved at once on every change (written to a temporary file, then renamed over the old one, so
    a crash never leaves half a file). A damaged file is kept under a new name and never
    overwritten; ``message`` says so. If the file cannot be written, ``message`` says why and the
    grades stay in memory until the next save succeeds.
    """

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.message = ""
        self.last_saved = ""
        self.grades: dict[str, dict[str, Grade]] = {}
        self.names: dict[str, str] = {}
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            content = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(content, dict) or content.get("format") != GRADES_FORMAT:
                raise ValueError(f'not a grades file of this module (no "format": "{GRADES_FORMAT}")')
            if not isinstance(content.get("version"), int) or content["version"] > GRADES_VERSION:
                raise ValueError(f"grades file version {content.get('version')!r} is not one this copy reads")
            students = content.get("students")
            if not isinstance(students, dict):
                raise ValueError('no "students" section')
            for key, entry in students.items():
                if not isinstance(entry, dict):
                    continue
                self.names[key] = str(entry.get("name", ""))
                for target, g in (entry.get("grades") or {}).items():
                    if isinstance(g, dict):
                        levels = g.get("levels") if isinstance(g.get("levels"), dict) else {}
                        self.grades.setdefault(key, {})[target] = Grade(
                            str(g.get("mark", "")), str(g.get("comment", "")),
                            {str(k): str(v) for k, v in levels.items() if v}, str(g.get("updated", "")))
        except (OSError, UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError is a ValueError
            self.grades, self.names = {}, {}
            kept = self._set_aside()
            self.message = (f"The grades file {self.path} could not be read ({exc}). "
                            + (f"It was kept, unchanged, as {kept.name}; " if kept else "It was left as it is; ")
                            + "new grades go to a fresh file.")

    def _set_aside(self) -> Path | None:
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.damaged-{stamp}{self.path.suffix}")
        try:
            os.replace(self.path, target)
            return target
        except OSError:
            return None

    def get(self, student: str, target: str) -> Grade:
        return self.grades.get(student, {}).get(target) or Grade()

    def describe(self, student: str, target: str) -> str:
        """A grade in one line, for the answers table ("" when none is noted)."""
        g = self.get(student, target)
        parts = []
        if g.mark.strip():
            parts.append(g.mark.strip())
        parts += [f"{criterion}: {level}" for criterion, level in g.levels.items() if level]
        if g.comment.strip():
            parts.append(f"“{g.comment.strip()}”")
        return "; ".join(parts)

    def set(self, student: str, target: str, name: str = "", *, mark: str | None = None,
            comment: str | None = None, levels: dict[str, str] | None = None) -> bool:
        """Note a grade (only the fields given change) and save. Returns True once it is on disk."""
        old = self.get(student, target)
        new = Grade(old.mark if mark is None else str(mark), old.comment if comment is None else str(comment),
                    dict(old.levels), _dt.datetime.now().astimezone().isoformat(timespec="seconds"))
        if levels is not None:
            for criterion, level in levels.items():
                if level and level not in RUBRIC_LEVELS:
                    raise ValueError(f"a rubric level is one of {', '.join(RUBRIC_LEVELS)}; got {level!r}")
                if level:
                    new.levels[criterion] = level
                else:
                    new.levels.pop(criterion, None)
        if new.empty:
            self.grades.get(student, {}).pop(target, None)
        else:
            self.grades.setdefault(student, {})[target] = new
        if name:
            self.names[student] = name
        return self.save()

    def content(self) -> dict:
        students = {}
        for key in sorted(self.grades):
            if not self.grades[key]:
                continue
            students[key] = {"name": self.names.get(key, ""), "grades": {
                t: {"mark": g.mark, "comment": g.comment, "levels": g.levels, "updated": g.updated}
                for t, g in sorted(self.grades[key].items())}}
        return {"format": GRADES_FORMAT, "version": GRADES_VERSION,
                "note": "The teacher's grades for the hand-ins in this folder, noted in the class view "
                        "(teacher/class_view.ipynb). Students' files are never changed.",
                "students": students}

    def save(self) -> bool:
        from fedstate.responses import _write_atomic, reason

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(self.path, json.dumps(self.content(), ensure_ascii=False, indent=1) + "\n")
        except OSError as exc:
            self.message = (f"Not saved: the grades could not be written to {self.path} ({reason(exc)}). They are "
                            "kept while this notebook stays open; choose a folder you can write to.")
            return False
        self.message = ""
        self.last_saved = _dt.datetime.now().strftime("%H:%M:%S")
        return True

    def table(self, work: ClassWork, show_names: bool) -> pd.DataFrame:
        """Every grade noted for this class, one row per student and question or task."""
        labels = work.labels(show_names)
        numbers = question_numbers()
        rows = []
        for s in work.ordered(show_names):
            for target, g in self.grades.get(s.key, {}).items():
                what = target_title(target) if target.startswith("task:") else numbers.get(target, target)
                rows.append((labels[s.key], what, self.describe(s.key, target), g.updated[:16].replace("T", " ")))
        return pd.DataFrame(rows, columns=["Student", "Question or task", "Grade", "Noted"])


# ---------------------------------------------------------------------------------------------
# Debrief charts


@dataclass
class ClassChart(Chart):
    """A chart of the class's own answers: its source line names the hand-ins (and any evidence
    drawn beside them, by its ids in data/sources.csv)."""

    data_note: str = ""

    def source_line(self) -> str:
        from fedstate.data import source_line

        ids = [s for s in self.sources if s != CLASS_DATA]
        line = f"Data: {self.data_note}" if self.data_note else ""
        if ids:  # what is drawn beside the class's answers: evidence, the article's claims, the model
            line = f"{line} {source_line(ids)}".strip()
        return line


def _data_note(work: ClassWork, answered: int, what: str) -> str:
    return (f"{answered} of {len(work.students)} students' hand-ins ({what}), read from {work.folder.name}/. "
            "Names are never shown in these charts.")


def conviction_evidence() -> tuple[int, str, tuple[str, ...]]:
    """The evidence notebook 03 reveals beside the convictions guess: about k of every 100, its
    sentence and sources (from :func:`fedstate.stats.prediction_evidence`; the figure is the same one
    that sentence states, which a test checks)."""
    from fedstate import stats

    sentence, ids = stats.prediction_evidence()
    table = stats.figures()
    groups = table[(table["population"] == "ice-arrests") & (table["category"] == "convicted")
                   & table["period_start"].fillna("").str.startswith("2025-01")]
    best = max(groups.to_dict("records"), key=lambda f: stats.date_bounds(f["period_end"])[1])
    k, _ = stats.natural_frequency(best["share"], 100)
    return k, sentence, ids


def prediction_evidence(prediction_id: str) -> tuple[float | None, str, tuple[str, ...]]:
    """(the evidence as a number on the guess's scale, or None for a choice; its sentence; its sources):
    the same evidence notebooks 02 and 03 reveal beside each prediction."""
    from fedstate import law

    if prediction_id == "predict.arrests-convicted":
        return conviction_evidence()
    if prediction_id == "predict.states-limiting":
        sentence, ids = law.states_limiting_evidence()
        return law.count_states("limits"), sentence, ids
    if prediction_id == "predict.must-hold":
        sentence, ids = law.must_hold_evidence()
        return None, sentence, ids
    raise KeyError(f"no evidence for prediction {prediction_id!r}")


def prediction_values(work: ClassWork, prediction_id: str) -> list:
    """Every saved guess for one prediction (students who saved none are left out)."""
    from fedstate.predictions import prediction

    p = prediction(prediction_id)
    out = []
    for s in work.students:
        v = s.values.get(p.id)
        if p.kind == "choice":
            if isinstance(v, str) and v.strip():
                out.append(v)
        elif isinstance(v, int) and not isinstance(v, bool) and p.low <= v <= p.high:
            out.append(v)
    return out


def _bins(low: int, high: int) -> list[tuple[int, int]]:
    """Whole-number bins of 10 (or 5 for a short scale); the top value joins the last bin (90–100)."""
    width = 10 if high - low > 60 else 5
    out = [(a, min(a + width - 1, high)) for a in range(low, high + 1, width)]
    if len(out) > 1 and out[-1][0] == out[-1][1]:
        last = out.pop()
        out[-1] = (out[-1][0], last[1])
    return out


def prediction_chart(work: ClassWork, prediction_id: str) -> ClassChart:
    """The class's guesses for one prediction from notebook 00, beside the evidence later notebooks reveal.

    A guess is not graded; the chart shows how the class's guesses are spread and where the evidence
    lies, so the class can talk about what surprised it."""
    from fedstate.predictions import prediction

    p = prediction(prediction_id)
    values = prediction_values(work, prediction_id)
    evidence, sentence, ids = prediction_evidence(prediction_id)
    missing = len(work.students) - len(values)
    note = _data_note(work, len(values), "notebook 00's predictions")
    if p.kind == "choice":
        labels = list(p.options) + sorted({v for v in values if v not in p.options})
        counts = [values.count(label) for label in labels]
        fig = go.Figure(go.Bar(x=counts, y=[wrap_label(x, 30) for x in labels], orientation="h",
                               marker_color=PALETTE[0], text=counts, textposition="outside", cliponaxis=False,
                               hovertemplate="%{y}: %{x} students<extra></extra>"))
        style(fig, "The class's predictions: must a jail hold a person for ICE?", "students", None, height=330)
        fig.update_yaxes(autorange="reversed")
        fig.update_xaxes(rangemode="tozero", dtick=max(1, (max(counts + [1]) + 4) // 5))
        fig.update_layout(margin={"l": 230})
        table = pd.DataFrame({"Prediction": labels, "Students": counts})
        common = max(zip(counts, labels))[1] if values else ""
        summary = (f"{len(values)} students saved a prediction ({missing} did not). "
                   + (f"The most common answer: “{common}” ({max(counts)} students). " if values else "")
                   + f"What notebook 02 shows: {sentence}")
        return ClassChart(fig, summary, table, (CLASS_DATA, *ids), notes=(
            "A prediction is a guess made before the evidence, never graded.",), data_note=note)
    bins = _bins(p.low, p.high)
    counts = [sum(1 for v in values if a <= v <= b) for a, b in bins]
    centres = [(a + b) / 2 for a, b in bins]
    widths = [b - a + 0.8 for a, b in bins]
    labels = [f"{a}–{b}" for a, b in bins]
    fig = go.Figure(go.Bar(x=centres, y=counts, width=widths, marker_color=PALETTE[0], name="Guesses",
                           customdata=labels, text=[c or "" for c in counts], textposition="outside",
                           cliponaxis=False, hovertemplate="%{customdata}: %{y} students<extra></extra>"))
    unit = p.unit or ""
    short = {"predict.arrests-convicted": "The class's guesses: of 100 people ICE arrested, how many had a conviction?",
             "predict.states-limiting": "The class's guesses: how many states limit cooperation by state law?"}
    style(fig, short.get(p.id, f"The class's guesses: {p.prompt}"), f"guess ({unit})" if unit else "guess",
          "students", height=380)
    top = max(counts + [1])
    fig.update_yaxes(rangemode="tozero", range=[0, top * 1.25 + 0.5], dtick=max(1, (top + 4) // 5))
    fig.update_xaxes(range=[p.low - 1, p.high + 1], tickmode="array", tickvals=centres, ticktext=labels)
    reveal = {"predict.arrests-convicted": "notebook 03", "predict.states-limiting": "notebook 02"}.get(p.id, "later")
    fig.add_shape(type="line", x0=evidence, x1=evidence, y0=0, y1=1, yref="paper",
                  line={"color": GREY, "width": 3, "dash": "dash"})
    fig.add_annotation(x=evidence, y=1, yref="paper", text=f"evidence: {evidence:g} {unit}", showarrow=False,
                       xanchor="left", yanchor="top", xshift=4, font={"color": "#333"}, bgcolor="rgba(255,255,255,0.8)")
    table = pd.DataFrame({f"Guess ({unit})" if unit else "Guess": labels, "Students": counts})
    if values:
        spread = (f"Guesses ran from {min(values)} to {max(values)} {unit}; half the class guessed "
                  f"{_median(values):g} or less. ")
        above = sum(1 for v in values if v > evidence)
        below = sum(1 for v in values if v < evidence)
        spread += f"{above} guessed above the evidence, {below} below, {len(values) - above - below} on it. "
    else:
        spread = ""
    summary = (f"{len(values)} students saved a guess ({missing} did not). {spread}"
               f"The evidence ({reveal}), the dashed line: {sentence}")
    return ClassChart(fig, summary, table, (CLASS_DATA, *ids), notes=(
        "A prediction is a guess made before the evidence, never graded.",), data_note=note)


class _Values:
    """The read-only ``get`` a decision session needs, over one student's saved answers."""

    def __init__(self, values: dict):
        self._values = values

    def get(self, key, default=None):
        return self._values.get(key, default)


NO_WEIGHTS = "Set no weights"
ALL_ZERO = "All weights zero (no ranking)"


@dataclass(frozen=True)
class StudentRanking:
    """What notebook 04 ranked first for one student (with their saved weights and any scores they changed)."""

    student: str  # key
    weights: dict[str, int] | None  # criterion id -> weight; None when the student set none
    top: tuple[str, ...]  # option ids ranked first (several: a tie); () when there is no ranking
    changed_scores: int = 0

    @property
    def outcome(self) -> str:
        if self.weights is None:
            return NO_WEIGHTS
        if not self.top:
            return ALL_ZERO
        return "tie" if len(self.top) > 1 else self.top[0]


def rankings(work: ClassWork) -> list[StudentRanking]:
    """Each student's ranking from notebook 04's main decision session, as the notebook computes it:
    the saved weights and score changes are restored by the notebook's own decision session and
    ranked with :func:`fedstate.tradeoffs.top_options`. A student who saved no weights is counted as
    such, never as if they had chosen equal weights."""
    if work._rankings is None:
        work._rankings = _rankings(work)
    return work._rankings


def _rankings(work: ClassWork) -> list[StudentRanking]:
    from fedstate import tradeoffs
    from fedstate.widgets.tradeoffs import DecisionSession

    out = []
    for s in work.students:
        saved = s.values.get(questions.WEIGHTS_KEY)
        if not isinstance(saved, dict) or not saved:
            out.append(StudentRanking(s.key, None, ()))
            continue
        session = DecisionSession(store=_Values(s.values))
        weights = {c: int(v) for c, v in session.weights.items()}
        changed = sum(1 for cell in session.model.cells.values() if cell.changed)
        w = tradeoffs.weight_vector(session.model, weights)
        if int(w.sum()) == 0:
            out.append(StudentRanking(s.key, weights, (), changed))
            continue
        try:
            score, _low, _high = session.model.matrices()
        except tradeoffs.IncompleteScores:
            out.append(StudentRanking(s.key, weights, (), changed))
            continue
        top = tuple(session.model.option_ids[i] for i in sorted(tradeoffs.top_options(score, w)))
        out.append(StudentRanking(s.key, weights, top, changed))
    return out


def top_option_counts(work: ClassWork) -> pd.DataFrame:
    """How many students' weights put each option first; ties, all-zero weights and no weights counted apart."""
    from fedstate import tradeoffs

    model = tradeoffs.starting_model()
    found = rankings(work)
    outcomes = [r.outcome for r in found]
    rows = [(o.label, outcomes.count(o.id)) for o in model.options]
    rows += [("A tie for first", outcomes.count("tie")), (ALL_ZERO, outcomes.count(ALL_ZERO)),
             (NO_WEIGHTS, outcomes.count(NO_WEIGHTS))]
    return pd.DataFrame(rows, columns=["Ranked first", "Students"])


def top_options_chart(work: ClassWork) -> ClassChart:
    from fedstate import tradeoffs

    model = tradeoffs.starting_model()
    table = top_option_counts(work)
    n_options = len(model.options)
    colours = [PALETTE[0]] * n_options + [GREY] * (len(table) - n_options)
    fig = go.Figure(go.Bar(x=table["Students"], y=[wrap_label(x, 28) for x in table["Ranked first"]],
                           orientation="h", marker_color=colours, text=table["Students"], textposition="outside",
                           cliponaxis=False, hovertemplate="%{y}: %{x} students<extra></extra>"))
    style(fig, "Which option ranked first with each student's weights (notebook 04)", "students", None, height=380)
    fig.update_yaxes(autorange="reversed")
    top = int(table["Students"].max() or 1)
    fig.update_xaxes(rangemode="tozero", dtick=max(1, (top + 4) // 5))
    fig.update_layout(margin={"l": 230})
    ranked = int(table["Students"].iloc[:n_options].sum())
    ties = int(table["Students"].iloc[n_options])
    parts = "; ".join(f"{label}: {n}" for label, n in zip(table["Ranked first"].iloc[:n_options],
                                                          table["Students"].iloc[:n_options]))
    none = int(table.loc[table["Ranked first"] == NO_WEIGHTS, "Students"].iloc[0])
    summary = (f"{ranked + ties} students' weights gave a ranking: {parts}"
               + (f"; {ties} a tie for first" if ties else "") + f". {none} set no weights in notebook 04.")
    changed = sum(1 for r in rankings(work) if r.changed_scores)
    notes = ("Each ranking follows from a student's own weights and the model's scores (with any scores the "
             f"student changed: {changed} did). No ranking is the right answer, and neither is the article's 50/30/20.",
             "Students who set no weights are counted apart, not as if they had chosen equal weights.")
    ids = tuple(dict.fromkeys(s for o in model.options for s in o.source_ids))
    return ClassChart(fig, summary, table, (CLASS_DATA, *ids), notes=notes,
                      data_note=_data_note(work, ranked + ties + int(table["Students"].iloc[n_options + 1]),
                                           "notebook 04's weights and changed scores"))


def weights_table(work: ClassWork) -> pd.DataFrame:
    """Per criterion: how many students set a weight, and the spread of their weights (0-10)."""
    from fedstate import tradeoffs

    model = tradeoffs.starting_model()
    found = [r for r in rankings(work) if r.weights is not None]
    rows = []
    for c in model.criteria:
        values = sorted(r.weights.get(c.id, 0) for r in found)
        if values:
            counts = {v: values.count(v) for v in values}
            common = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))[0]
            rows.append((c.label, len(values), _median(values), values[0], values[-1], common))
        else:
            rows.append((c.label, 0, float("nan"), None, None, None))
    return pd.DataFrame(rows, columns=["Criterion", "Students", "Median weight", "Lowest", "Highest",
                                       "Most common"])


def weight_counts(work: ClassWork) -> dict[str, list[int]]:
    """criterion label -> how many students gave each weight from 0 to 10."""
    from fedstate import tradeoffs

    model = tradeoffs.starting_model()
    found = [r for r in rankings(work) if r.weights is not None]
    return {c.label: [sum(1 for r in found if r.weights.get(c.id, 0) == w)
                      for w in range(tradeoffs.WEIGHT_MIN, tradeoffs.WEIGHT_MAX + 1)] for c in model.criteria}


def weights_chart(work: ClassWork) -> ClassChart:
    """The class's weights for each criterion: one row of dots per criterion, a dot's size the number of
    students who gave that weight."""
    from fedstate import tradeoffs

    counts = weight_counts(work)
    table = weights_table(work)
    labels = list(counts)
    xs, ys, sizes, texts = [], [], [], []
    most = max([n for row in counts.values() for n in row] + [1])
    for label, row in counts.items():
        for weight, n in enumerate(row, start=tradeoffs.WEIGHT_MIN):
            if n:
                xs.append(weight)
                ys.append(wrap_label(label, 24))
                sizes.append(8 + 30 * (n / most) ** 0.5)
                texts.append(f"{label}: weight {weight}, {n} student{'s' if n != 1 else ''}")
    fig = go.Figure(go.Scatter(x=xs, y=ys, mode="markers", marker={"size": sizes, "color": PALETTE[0],
                                                                    "opacity": 0.8, "line": {"width": 1, "color": "#fff"}},
                               text=texts, hovertemplate="%{text}<extra></extra>", name="students"))
    medians = table["Median weight"].tolist()
    fig.add_trace(go.Scatter(x=medians, y=[wrap_label(x, 24) for x in labels], mode="markers", name="median",
                             marker={"symbol": "line-ns-open", "size": 26, "color": "#000", "line": {"width": 3}},
                             hovertemplate="median %{x}<extra></extra>"))
    style(fig, "How the class weighed the criteria (notebook 04)", "weight (0 = ignore, 10 = matters most)", None,
          height=420)
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=[wrap_label(x, 24) for x in labels])
    fig.update_xaxes(range=[tradeoffs.WEIGHT_MIN - 0.6, tradeoffs.WEIGHT_MAX + 0.6], dtick=1)
    fig.update_layout(margin={"l": 200}, legend={"orientation": "h", "y": -0.2, "yanchor": "top", "x": 0})
    n = int(table["Students"].max() or 0)
    if n:
        ranked = table.dropna(subset=["Median weight"])
        high = ranked.sort_values("Median weight", ascending=False, kind="stable").iloc[0]
        spread = ranked.assign(width=ranked["Highest"] - ranked["Lowest"]).sort_values(
            "width", ascending=False, kind="stable").iloc[0]
        summary = (f"{n} students saved weights. The highest median weight: “{high['Criterion']}” "
                   f"({high['Median weight']:g}). The widest spread: “{spread['Criterion']}”, from "
                   f"{int(spread['Lowest'])} to {int(spread['Highest'])}.")
    else:
        summary = "No student saved weights in notebook 04 yet."
    missing = len(work.students) - n
    summary += f" {missing} student{'s' if missing != 1 else ''} set no weights (left out here, not counted as equal weights)."
    return ClassChart(fig, summary, table, (CLASS_DATA,), notes=(
        "Weights are value judgements: the chart shows how the class's priorities differ, not which are right.",),
        data_note=_data_note(work, n, "notebook 04's weights"))


_CLAIM_REF = re.compile(r"(?i)(?<![A-Za-z0-9])(?:c|claim)\s*(?:number\s*|no\.?\s*|#\s*|-\s*)?(\d{1,3})(?!\d)")


def claim_numbers(text: str) -> list[int]:
    """The claim numbers a student wrote ("C12", "c 12", "claim 12", "claim #12"), in order, each once."""
    found = []
    for match in _CLAIM_REF.finditer(str(text or "")):
        n = int(match.group(1))
        if n not in found:
            found.append(n)
    return found


def surprise_counts(work: ClassWork) -> tuple[pd.DataFrame, dict[str, int]]:
    """How many students named each claim in ``01.surprise`` (each claim once per student), with the
    claim's text; and how many answers named no claim, or only numbers that are not claims."""
    from fedstate.article import load_claims

    claims = {c.number: c for c in load_claims()}
    counts: dict[int, int] = {}
    info = {"answered": 0, "no number": 0, "not a claim": 0}
    unknown: list[int] = []
    for s in work.students:
        text = s.values.get("01.surprise")
        if not questions.answered(text):
            continue
        info["answered"] += 1
        numbers = claim_numbers(text)
        valid = [n for n in numbers if n in claims]
        unknown += [n for n in numbers if n not in claims]
        if not numbers:
            info["no number"] += 1
        elif not valid:
            info["not a claim"] += 1
        for n in valid:
            counts[n] = counts.get(n, 0) + 1
    order = sorted(counts, key=lambda n: (-counts[n], n))
    table = pd.DataFrame([(claims[n].label, counts[n], claims[n].kind, claims[n].quote, claims[n].verdict)
                          for n in order], columns=["Claim", "Students", "Kind", "The claim (as the article has it)",
                                                    "Verdict in notebook 01"])
    info["unknown numbers"] = sorted(set(unknown))
    return table, info


def surprise_chart(work: ClassWork, top: int = 10) -> ClassChart:
    """The claims students found most surprising (the claims they named in 01.surprise)."""
    from fedstate.article import SOURCE_ID

    table, info = surprise_counts(work)
    shown = table.head(top)
    labels = [f"{claim}: {_short(quote, 50)}" for claim, quote in
              zip(shown["Claim"], shown["The claim (as the article has it)"])]
    fig = go.Figure(go.Bar(x=shown["Students"], y=[wrap_label(x, 34) for x in labels], orientation="h",
                           marker_color=PALETTE[2], text=shown["Students"], textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{x} students<extra></extra>"))
    style(fig, "The claims students found most surprising (notebook 01)", "students who named the claim", None,
          height=max(300, 90 + 48 * max(len(shown), 1)))
    fig.update_yaxes(autorange="reversed")
    most = int(shown["Students"].max()) if len(shown) else 1
    fig.update_xaxes(rangemode="tozero", dtick=max(1, (most + 4) // 5))
    fig.update_layout(margin={"l": 300})
    if len(table):
        first = table.iloc[0]
        lead = (f"{info['answered']} students answered; {len(table)} different claims were named. Named most: "
                f"{first['Claim']} ({first['Students']} students), “{first['The claim (as the article has it)']}”.")
    else:
        lead = f"{info['answered']} students answered; none named a claim by its number yet."
    rest = f" {info['no number']} answers named no claim number."
    if info["unknown numbers"]:
        rest += (f" Numbers that are not claims of the article (there are C1 to C{len(_claims())}): "
                 + ", ".join(f"C{n}" for n in info["unknown numbers"]) + ".")
    notes = ("A student who names several claims counts once for each. Surprise is not a verdict: the chart "
             "shows what caught the class's attention.",)
    if len(table) > top:
        notes += (f"The chart shows the {top} named most; the table lists all {len(table)}.",)
    return ClassChart(fig, lead + rest, table, (CLASS_DATA, SOURCE_ID), notes=notes,
                      data_note=_data_note(work, info["answered"], "notebook 01's question “Which claim's panel "
                                                                   "surprised you most?”"))


def _claims():
    from fedstate.article import load_claims

    return load_claims()


def _short(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


#: The debrief charts, by name, in the order the notebook shows them.
CHARTS = {
    "predict.arrests-convicted": lambda work: prediction_chart(work, "predict.arrests-convicted"),
    "predict.states-limiting": lambda work: prediction_chart(work, "predict.states-limiting"),
    "predict.must-hold": lambda work: prediction_chart(work, "predict.must-hold"),
    "weights": weights_chart,
    "top-options": top_options_chart,
    "surprise": surprise_chart,
}


def chart(work: ClassWork, name: str) -> ClassChart:
    if name not in CHARTS:
        raise KeyError(f"no debrief chart {name!r}; the charts are {', '.join(CHARTS)}")
    return CHARTS[name](work)


def empty_class(folder: Path | str) -> ClassWork:
    """A class with no hand-ins (what the view shows while a folder cannot be read)."""
    return ClassWork(Path(folder), [], [], [], 0)
