"""The teacher's class view (``teacher/class_view.ipynb``): thin wiring over :mod:`fedstate.classview`.

One :class:`ClassView` holds the class (a folder of hand-ins), the teacher's grade book and the
"hide names" switch; each part the notebook shows (the folder and its skip list, the roster, one
question's answers with grading, each debrief chart, the grades noted) is a widget that redraws
when the folder is read again or names are hidden or shown. Every control is a standard,
labelled ipywidget, reachable with Tab and operable from the keyboard.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

# As in fedstate.notebook (see there): without the optional IRI checker jsonschema builds at import,
# the first live chart of this notebook draws in about a second instead of several.
if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)

import ipywidgets as widgets  # noqa: E402

from fedstate import classview as cv  # noqa: E402
from fedstate import questions  # noqa: E402
from fedstate.charts import ChartView, table_html  # noqa: E402
from fedstate.widgets.common import BUTTON, FULL, prose  # noqa: E402

WIDE = widgets.Layout(width="100%")
LABEL = {"description_width": "10em"}
FIRST_QUESTION = "05.essay"


def _alert(text: str) -> str:
    return f'<div role="alert" style="color:#a00;border:2px solid #a00;padding:0.4em 0.6em">{html.escape(text)}</div>'


class ClassView:
    """A class's hand-ins, read from ``folder``; grades in ``grades`` (default: beside the hand-ins).

    Names are hidden by default (``show_names=False``): the view is often opened with a projector on,
    and one click shows them when the teacher grades alone.
    """

    def __init__(self, folder: Path | str = cv.DEFAULT_FOLDER, grades: Path | str | None = None,
                 show_names: bool = False):
        self._grades_arg = grades
        self.work = cv.empty_class(folder)
        self.book: cv.GradeBook | None = None
        self.problem = ""
        self._views: dict[str, ChartView] = {}

        # -- the folder, and whether names show --------------------------------------------------
        self.folder_box = widgets.Text(value=str(folder), description="Folder of hand-ins:",
                                       style={"description_width": "initial"},
                                       placeholder="a folder path, e.g. sample_handins or ~/class_7b_handins",
                                       layout=widgets.Layout(width="38em"))
        self.read_button = widgets.Button(description="Read the folder", icon="folder-open", layout=widgets.Layout(**BUTTON),
                                          tooltip="Read every hand-in in the folder again (after adding files)")
        self.hide_names = widgets.Checkbox(value=not show_names, indent=False,
                                           description="Hide students' names (shows Student 1, 2, ... for projecting)",
                                           layout=widgets.Layout(width="auto"))
        self.status = widgets.HTML(layout=FULL)
        self.status.add_class("fedstate-status")

        # -- the roster ----------------------------------------------------------------------------
        self.roster_html = widgets.HTML(layout=WIDE)

        # -- one question, every answer --------------------------------------------------------------
        self.notebook_menu = widgets.Dropdown(options=cv.notebook_options(), value="05", description="Notebook:",
                                              style=LABEL, layout=widgets.Layout(width="30em"))
        # opens on the argument essay: the work a teacher most often grades with the rubric beside it
        self.question_menu = widgets.Dropdown(options=cv.question_options("05"), value=FIRST_QUESTION,
                                              description="Question:", style=LABEL,
                                              layout=widgets.Layout(width="100%", max_width="60em"))
        self.question_info = widgets.HTML(layout=FULL)
        self.question_info.add_class("fedstate-status")
        self.rubric = widgets.HTML(layout=WIDE)
        self.answers_html = widgets.HTML(layout=WIDE)
        self.answers_html.add_class("fedstate-class-answers")

        # -- noting a grade --------------------------------------------------------------------------
        self.grade_student = widgets.Dropdown(options=[], description="Student:", style=LABEL,
                                              layout=widgets.Layout(width="30em"))
        self.grade_mark = widgets.Text(description="Grade:", placeholder="e.g. 4/5, or a letter", style=LABEL,
                                       continuous_update=False, layout=widgets.Layout(width="24em"))
        self.grade_comment = widgets.Textarea(description="Comment:", rows=3, style=LABEL, continuous_update=False,
                                              placeholder="a note for yourself or for the student",
                                              layout=widgets.Layout(width="100%", max_width="46em"))
        self.grade_levels = widgets.VBox()
        self.grade_heading = widgets.HTML(layout=FULL)
        self.grade_status = widgets.HTML(layout=FULL)
        self.grade_status.add_class("fedstate-status")
        self.grades_html = widgets.HTML(layout=WIDE)

        self.read_button.on_click(lambda _b: self.read(self.folder_box.value))
        self.hide_names.observe(lambda _c: self.refresh(), "value")
        self.notebook_menu.observe(self._notebook_changed, "value")
        self.question_menu.observe(lambda _c: self._show_question(), "value")
        self.grade_student.observe(lambda _c: self._load_grade(), "value")
        self.grade_mark.observe(self._grade_changed, "value")
        self.grade_comment.observe(self._grade_changed, "value")
        self._loading_grade = False
        self.read(folder)

    # -- state ------------------------------------------------------------------------------------
    @property
    def show_names(self) -> bool:
        return not self.hide_names.value

    def read(self, folder: Path | str) -> None:
        """Read (or read again) a folder of hand-ins, and redraw everything."""
        from fedstate.data import DataError

        folder = cv.resolve_folder(folder)
        self.problem = ""
        try:
            self.work = cv.load_class(folder)
        except (cv.ClassViewError, DataError) as problem:
            self.work, self.problem = cv.empty_class(folder), str(problem)
        path = Path(self._grades_arg) if self._grades_arg else cv.grades_path(folder)
        self.book = cv.GradeBook(path)
        self.refresh()
        for name, view in self._views.items():
            view.update(cv.chart(self.work, name))

    def refresh(self) -> None:
        """Redraw everything that shows names (status, roster, answers, grading, grades)."""
        self._show_status()
        self._show_roster()
        self._set_student_options()
        self._show_question()
        self._show_grades()

    # -- drawing ----------------------------------------------------------------------------------
    def _show_status(self) -> None:
        esc = html.escape
        work, names = self.work, self.show_names
        parts = []
        if self.problem:
            parts.append(_alert(self.problem))
        else:
            parts.append(f'<p role="status">{esc(cv.status_summary(work))}</p>')
        if work.duplicates:
            parts.append(table_html(cv.duplicates_table(work, names),
                                    caption="Students who handed in more than once (the newest hand-in is used)"))
        if work.skipped:
            parts.append(table_html(cv.skipped_table(work, names), caption="Files skipped, and why"))
        if self.book is not None:
            parts.append(f"<p><small>Grades you note below are saved in <code>{esc(str(self.book.path))}</code>, never "
                         "in the students' files.</small></p>")
            if self.book.message:
                parts.append(_alert(self.book.message))
        parts.append(f"<p><small>Names are {'shown' if names else 'hidden'}"
                     + ("" if names else ": each student is “Student N”, the same number in the roster, the answers "
                        "and the grading box; file names are hidden too") + ".</small></p>")
        self.status.value = prose("".join(parts))

    def _show_roster(self) -> None:
        if not self.work.students:
            self.roster_html.value = prose("<p>No hand-ins to show yet.</p>")
            return
        self.roster_html.value = prose(f"<p>{html.escape(cv.roster_sentence(self.work))}</p>"
                                       + table_html(cv.roster_table(self.work, self.show_names),
                                                    caption="Roster: questions answered by notebook, checked answers "
                                                            "right of those tried"))

    def _notebook_changed(self, _change=None) -> None:
        self.question_menu.options = cv.question_options(self.notebook_menu.value)

    def _show_question(self) -> None:
        qid = self.question_menu.value
        if qid is None:
            return
        q = questions.question(qid)
        esc = html.escape
        info = [f"<p><strong>{esc(cv.question_numbers()[qid])} {esc(q.prompt)}</strong><br>"
                f"<small>{esc(cv.KIND_LABELS.get(q.kind, q.kind))} · question id {esc(qid)}</small></p>",
                f'<p role="status">{esc(cv.question_sentence(self.work, qid))}</p>']
        if q.options and self.work.students:
            info.append(table_html(cv.choice_counts(self.work, qid), caption="How many chose each answer"))
        self.question_info.value = prose("".join(info))
        self.rubric.value = prose(cv.rubric_html(qid))
        self.answers_html.value = (cv.answers_html(self.work, qid, self.show_names, self.book)
                                   if self.work.students else prose("<p>No hand-ins to show yet.</p>"))
        self._set_levels()
        self._load_grade()

    def _set_student_options(self) -> None:
        labels = self.work.labels(self.show_names)
        options = [(labels[s.key], s.key) for s in self.work.ordered(self.show_names)]
        current = self.grade_student.value
        self._loading_grade = True
        try:
            self.grade_student.options = options
            keys = [k for _l, k in options]
            if current in keys:
                self.grade_student.value = current
            elif keys:
                self.grade_student.value = keys[0]
        finally:
            self._loading_grade = False

    def _set_levels(self) -> None:
        qid = self.question_menu.value
        menus = []
        for criterion in cv.rubric_criteria(qid) if qid else []:
            menu = widgets.Dropdown(options=[("— not yet —", "")] + [(level, level) for level in cv.RUBRIC_LEVELS],
                                    value="", description=f"{criterion}:", style=LABEL,
                                    layout=widgets.Layout(width="24em"))
            menu.criterion = criterion
            menu.observe(self._grade_changed, "value")
            menus.append(menu)
        self.grade_levels.children = menus

    def _target(self) -> str | None:
        qid = self.question_menu.value
        return cv.grade_target(qid) if qid else None

    def _load_grade(self) -> None:
        target, student = self._target(), self.grade_student.value
        if self.book is None or target is None:
            return
        self.grade_heading.value = prose(f"<p><strong>Note a grade</strong> for "
                                         f"{html.escape(cv.target_title(target))}. It is saved as you leave each box.</p>")
        self._loading_grade = True
        try:
            grade = self.book.get(student, target) if student else cv.Grade()
            self.grade_mark.value, self.grade_comment.value = grade.mark, grade.comment
            for menu in self.grade_levels.children:
                menu.value = grade.levels.get(menu.criterion, "")
        finally:
            self._loading_grade = False
        self._grade_status()

    def _grade_changed(self, _change=None) -> None:
        if self._loading_grade or self.book is None or not self.grade_student.value:
            return
        student, target = self.grade_student.value, self._target()
        levels = {menu.criterion: menu.value for menu in self.grade_levels.children}
        name = self.work.student(student).name
        self.book.set(student, target, name, mark=self.grade_mark.value, comment=self.grade_comment.value,
                      levels=levels)
        self._grade_status()
        self.answers_html.value = cv.answers_html(self.work, self.question_menu.value, self.show_names, self.book)
        self._show_grades()

    def _grade_status(self) -> None:
        if self.book is None:
            return
        if self.book.message:
            self.grade_status.value = _alert(self.book.message)
        elif self.book.last_saved:
            self.grade_status.value = (f'<small role="status">Saved at {html.escape(self.book.last_saved)} in '
                                       f"{html.escape(self.book.path.name)}.</small>")
        else:
            self.grade_status.value = '<small role="status">Nothing noted yet for this student.</small>'

    def _show_grades(self) -> None:
        if self.book is None:
            return
        table = self.book.table(self.work, self.show_names)
        if table.empty:
            self.grades_html.value = prose("<p>No grades noted yet.</p>")
        else:
            self.grades_html.value = prose(table_html(table, caption=f"Grades noted ({len(table)}), saved in "
                                                                     f"{self.book.path.name}"))

    # -- what the notebook displays ----------------------------------------------------------------
    @property
    def controls(self) -> widgets.VBox:
        box = widgets.VBox([widgets.HBox([self.folder_box, self.read_button]), self.hide_names, self.status])
        box.add_class("fedstate-classview-controls")
        return box

    @property
    def roster(self) -> widgets.VBox:
        box = widgets.VBox([self.roster_html])
        box.add_class("fedstate-roster")
        return box

    @property
    def answers(self) -> widgets.VBox:
        grading = widgets.VBox([self.grade_heading, self.grade_student, self.grade_levels, self.grade_mark,
                                self.grade_comment, self.grade_status],
                               layout=widgets.Layout(border="1px solid #ccc", padding="0.4em 0.8em", margin="0.6em 0"))
        grading.add_class("fedstate-grading")
        box = widgets.VBox([self.notebook_menu, self.question_menu, self.question_info, self.rubric,
                            self.answers_html, grading])
        box.add_class("fedstate-question-view")
        return box

    @property
    def grades(self) -> widgets.VBox:
        box = widgets.VBox([self.grades_html])
        box.add_class("fedstate-grades")
        return box

    def chart(self, name: str) -> widgets.VBox:
        """A debrief chart (see :data:`fedstate.classview.CHARTS`), redrawn when the folder is read again."""
        if name not in self._views:
            self._views[name] = ChartView(cv.chart(self.work, name))
            self._views[name].widget.add_class("fedstate-debrief")
        return self._views[name].widget


def benchmark_actions():
    """One callback each, on a class view of the 30 sample hand-ins (used by benchmarks/run.py)."""
    import tempfile

    from fedstate.sample_handins import TARGET

    view = ClassView(TARGET, grades=Path(tempfile.mkdtemp()) / cv.GRADES_FILE)
    ids = [qid for _label, qid in cv.question_options("05")]
    state = {"i": 0}

    def pick_question():
        state["i"] += 1
        view.question_menu.value = ids[state["i"] % len(ids)]

    def note_grade():
        state["i"] += 1
        view.grade_mark.value = f"{state['i'] % 5}/5"

    return [("hiding or showing names (roster, answers, grading)", lambda: setattr(
                view.hide_names, "value", not view.hide_names.value)),
            ("choosing a question (every answer side by side)", pick_question),
            ("noting a grade (saved to the grades file)", note_grade)]
