"""Widgets every notebook uses: written answers, the student's name, export, self-checks.

Thin wiring only: saving lives in :mod:`fedstate.responses`, grading in :mod:`fedstate.checks`.
Every control is a standard ipywidget, reachable with Tab and operable from the keyboard.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from fedstate import responses
from fedstate.checks import MultipleChoice, Numeric
from fedstate.widgets.access import labelled
from fedstate.widgets.printing import blank_html, printable, self_check_print_html, written_answer_html

FULL = widgets.Layout(width="100%", max_width="46em")
# JupyterLab gives radio-button labels one fixed-height line, so long choices overlap; let them wrap.
# ipywidgets puts the text before the button and floats the button left, so a choice that wraps
# pushed its button below the first line (or onto a line of its own): the label becomes a flex row
# with the button first, and the text wraps beside it.
_CHOICE_CSS = ("<style>.fedstate-selfcheck .widget-radio-box label,.fedstate-prediction .widget-radio-box label"
               "{display:flex;align-items:flex-start;white-space:normal;height:auto;line-height:1.4;"
               "margin:0.15em 0 0.35em 0}"
               ".fedstate-selfcheck .widget-radio-box input,.fedstate-prediction .widget-radio-box input"
               "{order:-1;flex:none;float:none;margin:0.2em 0.6em 0 1px}</style>")

#: Buttons as wide as their words, at the left of a column (in a VBox, width "auto" alone stretches
#: a button across the whole output).
BUTTON = dict(width="auto", align_self="flex-start")


def prose(markup: str) -> str:
    """Wrap HTML for an ``ipywidgets.HTML``: JupyterLab gives widget text a tall line-height."""
    return f'<div style="line-height:1.45">{markup}</div>'


def _status_text(store: responses.AnswerStore, saved: bool) -> str:
    if store.save_error:  # a save failed: where, why, what to do (the text stays in the box)
        return f'<span role="alert" style="color:#a00">{html.escape(store.save_error)}</span>'
    if store.message:
        return f'<span role="alert" style="color:#a00">{html.escape(store.message)}</span>'
    if saved and store.last_saved:
        return (f'<small role="status">Saved at {html.escape(store.last_saved[11:])} in '
                f'{html.escape(store.path.name)}.</small>')
    if saved:  # an answer from an earlier session, read back from the file
        return f'<small role="status">Your saved answer, restored from {html.escape(store.path.name)}.</small>'
    return '<small role="status">Not answered yet: what you type is saved automatically.</small>'


def show_placeholder(menu: widgets.Dropdown) -> widgets.Dropdown:
    """Keep a drop-down's first option ("— choose —", value None) visible while nothing is chosen.

    A Dropdown whose value is None selects no option at all, and the browser shows an empty box with
    no hint of what to do; selecting the placeholder by index shows its words instead.
    """
    options = list(menu.options)
    if not options or not isinstance(options[0], tuple) or options[0][1] is not None:
        return menu

    def restore(change):
        if change["new"] is None and menu.index is None:
            menu.index = 0

    if menu.value is None:
        menu.index = 0
    menu.observe(restore, "value")
    return menu


def word_count(text: str) -> int:
    return len(text.split())


def _words_text(text: str, words: tuple[int, int]) -> str:
    n = word_count(text)
    low, high = words
    # "a little short" read oddly under an empty box
    hint = ("" if low <= n <= high else " (not started yet)" if n == 0
            else " (a little short)" if n < low else " (over the limit)")
    return f"<small>{n} word{'s' if n != 1 else ''}; aim for {low}–{high}{hint}.</small>"


def answer_box(question_id: str, prompt: str | None = None, notebook: str = "", rows: int = 4,
               placeholder: str = "Type your answer here. It is saved as you type.",
               store: responses.AnswerStore | None = None, words: tuple[int, int] | None = None) -> widgets.VBox:
    """A text area for a written answer, saved as the student types and restored on every run.

    The prompt and notebook come from the question catalogue (:mod:`fedstate.questions`) unless
    given, so the notebook, the hand-in and the teacher's view use one wording.
    Two boxes bound to the same ``question_id`` show the same text: typing in one updates the other.
    ``words=(low, high)`` adds a live word count with the target length.
    """
    store = store or responses.store()
    if prompt is None or not notebook:
        from fedstate import questions

        known = questions.by_id().get(question_id)
        if known is None and prompt is None:
            questions.question(question_id)  # raises: says where to add the question
        if known is not None:
            prompt = known.prompt if prompt is None else prompt
            notebook = notebook or known.notebook_title
            words = words if words is not None else known.words
    label = widgets.HTML(prose(f"<strong>{html.escape(prompt)}</strong>"), layout=FULL)
    area = widgets.Textarea(value=str(store.get(question_id, "") or ""), placeholder=placeholder,
                            rows=rows, continuous_update=True, layout=FULL)
    area.description_allow_html = False
    status = widgets.HTML(_status_text(store, store.get(question_id) is not None))
    counter = widgets.HTML(_words_text(area.value, words)) if words else None

    def typed(change):
        store.set(question_id, change["new"], prompt=prompt, notebook=notebook, source=on_other)
        status.value = '<small role="status">Saving…</small>'
        if counter is not None:
            counter.value = _words_text(change["new"], words)

    def on_other(value):  # another widget bound to the same question changed it
        area.unobserve(typed, "value")
        try:
            area.value = str(value or "")
        finally:
            area.observe(typed, "value")
        if counter is not None:
            counter.value = _words_text(area.value, words)

    area.observe(typed, "value")
    store.listen(question_id, on_other)
    store.on_saved(lambda _when: setattr(status, "value", _status_text(store, True)))
    status.add_class("fedstate-status")
    parts = [label, area] + ([counter] if counter is not None else []) + [status]
    box = widgets.VBox(parts, layout=widgets.Layout(margin="0.5em 0 1em 0"))
    labelled(box, label, hint=counter)  # the text area is named by the question, not its placeholder
    box.add_class("fedstate-answer")
    box.question_id, box.area, box.status, box.counter = question_id, area, status, counter
    return printable(box, lambda: written_answer_html(question_id, prompt, rows, words, area.value))


def name_box(store: responses.AnswerStore | None = None) -> widgets.VBox:
    """Where the student types the name that goes on their exported work (and in its file name)."""
    store = store or responses.store()
    text = widgets.Text(value=store.student_name, description="Your name:",
                        placeholder="as your teacher should see it", continuous_update=True,
                        style={"description_width": "initial"}, layout=widgets.Layout(width="28em"))
    text.observe(lambda change: store.set_student_name(change["new"]), "value")
    box = widgets.VBox([text])
    box.add_class("fedstate-name")
    box.text = text
    return printable(box, lambda: blank_html("Your name"))


def export_panel(store: responses.AnswerStore | None = None) -> widgets.VBox:
    """A button that writes the hand-in (my_work_<name>_<date>.html and .md), with what to do next."""
    store = store or responses.store()
    button = widgets.Button(description="Export my work", icon="download", button_style="primary",
                            tooltip="Write all your answers, from every notebook, to a file to hand in")
    result = widgets.HTML()

    def export(_button=None):
        from fedstate import handins

        esc = html.escape
        try:
            html_path, md_path = store.export()
        except responses.ExportError as problem:
            result.value = prose(
                f'<div role="alert" style="color:#a00"><p><strong>Your work could not be saved to a file.</strong> '
                f"{esc(str(problem))}</p><p>Nothing is lost while this notebook stays open. Copy everything in the "
                "box below (click in it, press Ctrl+A then Ctrl+C; on a Mac ⌘A then ⌘C), paste it into a "
                "document or an email, and hand that in. Tell your teacher.</p></div>"
                f'<textarea readonly rows="14" aria-label="Your work, to copy" style="width:100%;max-width:46em">'
                f"{esc(problem.text)}</textarea>")
            return None
        summary = handins.totals(handins.summarise(handins.rows(store.entries())))
        warning = ""
        if store.save_error:
            warning = (f'<p role="alert" style="color:#a00"><strong>Your answers could not be saved on this computer'
                       f"</strong> ({esc(store.save_error)}) The hand-in below holds every answer from this notebook: "
                       "download it now.</p>")
        moved = (f"<p>Your answers folder could not be written, so the files are in <code>{esc(str(html_path.parent))}"
                 "</code>.</p>" if html_path.parent != store.requested_folder else "")
        result.value = prose(
            f'{warning}<div role="status"><p><strong>Exported.</strong> {summary.answered} of {summary.total} '
            f"questions answered, from every notebook; checked answers: {summary.right} right of {summary.attempted} "
            f"tried.</p><p>Your hand-in is <code>{esc(html_path.name)}</code> (with a copy for printing or editing, "
            f"<code>{esc(md_path.name)}</code>), in the folder <code>{esc(str(html_path.parent))}</code>.</p>{moved}"
            f"<p>To hand it in: in JupyterLab's file browser on the left (the folder icon), open that folder, "
            f"right-click <code>{esc(html_path.name)}</code> and choose <em>Download</em>, then send or upload the "
            "downloaded file as your teacher asked. Export again after you change an answer.</p></div>")
        return html_path

    button.on_click(export)
    result.add_class("fedstate-status")
    box = widgets.VBox([button, result])
    box.add_class("fedstate-export")
    box.button, box.result, box.export = button, result, export
    return printable(box, lambda: "")  # nothing to export from paper


def self_check(question: MultipleChoice | Numeric, store: responses.AnswerStore | None = None) -> widgets.VBox:
    """A self-check: answer, press Check, read feedback that explains why. Attempts are saved."""
    store = store or responses.store()
    prompt = widgets.HTML(_CHOICE_CSS + prose(f"<strong>Self-check.</strong> {html.escape(question.prompt)}"), layout=FULL)
    saved = store.get(question.id)
    if isinstance(question, MultipleChoice):
        options = [c.text for c in question.displayed_choices]  # a fixed order per question, right answer anywhere
        entry = widgets.RadioButtons(options=options, value=saved if saved in options else None,
                                     layout=widgets.Layout(width="auto", max_width="46em"))
    else:
        entry = widgets.Text(value="" if saved is None else str(saved),
                             placeholder=f"a number{' in ' + question.unit if question.unit else ''}",
                             layout=widgets.Layout(width="14em"))
    button = widgets.Button(description="Check", tooltip="Check your answer")
    feedback = widgets.HTML(layout=FULL)

    def check(_button=None):
        result = question.grade(entry.value)
        colour = "#006b3c" if result.correct else "#a04000"
        mark = "✔" if result.correct else "✘"
        extra = (f"<br><small>Misconception this answer reflects: <em>{html.escape(result.misconception)}</em></small>"
                 if result.misconception else "")
        feedback.value = prose(f'<div role="status" style="color:{colour}">{mark} {html.escape(result.message)}{extra}</div>')
        if entry.value not in (None, ""):
            store.set(question.id, entry.value, prompt=question.prompt, notebook=question.notebook)
        return result

    button.on_click(check)
    feedback.add_class("fedstate-feedback")
    box = widgets.VBox([prompt, entry, button, feedback], layout=widgets.Layout(margin="0.5em 0 1em 0"))
    labelled(box, prompt)  # the choices (a named radio group) or the number box are named by the question
    box.add_class("fedstate-selfcheck")
    box.entry, box.button, box.feedback, box.check = entry, button, feedback, check
    return printable(box, lambda: self_check_print_html(question))


def benchmark_actions():
    """One callback each, on widgets built once (used by benchmarks/run.py)."""
    from fedstate.checks import Choice

    box = answer_box("bench.answer", "A benchmark question")
    check = self_check(MultipleChoice("bench.check", "Pick one", (
        Choice("right", True, "because"), Choice("wrong", False, "because not", "a misconception"))))
    check.entry.value = "wrong"
    counter = iter(range(10**9))
    return [
        ("typing in an answer box", lambda: setattr(box.area, "value", f"answer {next(counter)}")),
        ("pressing Check on a self-check", check.check),
    ]
