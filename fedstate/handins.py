"""The hand-in: one student's work as a page a teacher can read, print, and read back by program.

``AnswerStore.export()`` (:mod:`fedstate.responses`) writes two files in the answers folder:

- ``my_work_<name>_<YYYY-MM-DD>.html``: a completion summary, then every question of every notebook
  in order (:mod:`fedstate.questions`), answered or not, self-checks and sorters marked with the
  module's own feedback, written answers as typed. The full record is embedded as JSON, so the file
  alone rebuilds the student's record (:func:`load_handin`).
- ``my_work_<name>_<YYYY-MM-DD>.md``: the same, as Markdown that renders safely.

The embedded record (format ``fedstate-handin``, version 1) is the contract for readers such as the
teacher's class view. It sits in ``<script type="application/json" id="fedstate-handin">`` and is
a JSON object with these fields:

=================  =====================================================================================
``format``         ``"fedstate-handin"`` (anything else is not a hand-in of this module)
``version``        ``1``; a reader refuses a higher version with a message to update the module
``module``         the module's name, :data:`MODULE`
``module_version`` the package version that exported it (``fedstate.__version__``)
``exported``       local time of the export, ISO 8601 with the UTC offset (``2026-12-05T10:31:07+01:00``)
``student_name``   the name as typed ("" when none was entered)
``answers``        every raw entry of the student's answers file, unchanged: ``{key: {"value": ..., "prompt":
                   text, "notebook": text, "updated": ISO time}}``; keys and value types are those of
                   :mod:`fedstate.questions` (a key it does not know is kept as it is)
``save_problem``   "" or why the answers could not be saved when the student exported (the hand-in
                   still holds everything that was in memory)
=================  =====================================================================================

Marks are not stored: a reader re-marks each answer with :meth:`Question.mark`, as the page did.
Inside the script element the JSON escapes ``<``, ``>``, ``&``, U+2028 and U+2029 as ``\\uXXXX``, so
no student text can end the element or open a comment; ``json.loads`` reads it back unchanged.

Student text is escaped everywhere: in HTML with :func:`html.escape`, in Markdown by
backslash-escaping every ASCII punctuation mark and writing ``<``, ``>`` and ``&`` as entities, so a
renderer (nbconvert's, JupyterLab's, GitHub's) shows it as text and never as markup or a link.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import fedstate

FORMAT = "fedstate-handin"
VERSION = 1
MODULE = "DHS, ICE and the states: reading one article closely"
SCRIPT_ID = "fedstate-handin"
NO_NAME = "(no name entered)"
NO_NAME_FILE = "no-name"
NAME_KEY = "_student_name"


# ---------------------------------------------------------------------------------------------
# File names


def safe_name(student: str) -> str:
    """The student's name as part of a file name: letters of any script, digits, - and _ only."""
    text = unicodedata.normalize("NFC", student or "").strip()
    text = re.sub(r"[^\w-]+", "-", text)  # \w keeps non-ASCII letters (é, ñ, 李)
    text = re.sub(r"-{2,}", "-", text).strip("-_.")[:60].strip("-_.")
    return text or NO_NAME_FILE


def file_stem(student: str, day: _dt.date) -> str:
    """``my_work_<name>_<YYYY-MM-DD>`` (``my_work_no-name_<date>`` when no name was entered)."""
    return f"my_work_{safe_name(student)}_{day.isoformat()}"


# ---------------------------------------------------------------------------------------------
# The record


def build_record(student: str, entries: dict[str, dict], exported: _dt.datetime | None = None,
                 save_problem: str = "") -> dict:
    """The machine-readable record of a hand-in (see the module docstring for its fields)."""
    when = (exported or _dt.datetime.now()).astimezone()
    return {
        "format": FORMAT,
        "version": VERSION,
        "module": MODULE,
        "module_version": fedstate.__version__,
        "exported": when.isoformat(timespec="seconds"),
        "student_name": (student or "").strip(),
        "answers": {k: dict(v) for k, v in entries.items()},
        "save_problem": save_problem or "",
    }


@dataclass
class Row:
    """One question of the hand-in with its answer and mark."""

    question: object  # fedstate.questions.Question
    value: object
    mark: object  # fedstate.questions.Mark
    updated: str = ""


@dataclass
class NotebookSummary:
    notebook: str
    title: str
    answered: int = 0
    total: int = 0
    right: int = 0
    attempted: int = 0  # graded questions answered (self-checks, sorters, numeric exercises)


def rows(answers: dict[str, dict]) -> list[Row]:
    """Every question of the catalogue, in order, with the answer from ``answers`` (raw entries) and its mark."""
    from fedstate import questions

    values = {k: e.get("value") for k, e in answers.items() if isinstance(e, dict)}
    out = []
    for q in questions.catalogue():
        if q.key == NAME_KEY:
            continue
        value = q.value_in(values)
        entry = answers.get(q.key)
        updated = entry.get("updated", "") if isinstance(entry, dict) else ""
        out.append(Row(q, value, q.mark(value), updated if isinstance(updated, str) else ""))
    return out


def other_entries(answers: dict[str, dict]) -> dict[str, dict]:
    """Entries whose key the catalogue does not know (kept and shown, never dropped)."""
    from fedstate import questions

    known = set(questions.keys())
    return {k: e for k, e in answers.items() if k not in known}


def summarise(table: list[Row]) -> list[NotebookSummary]:
    """Per notebook: questions answered of all, and graded answers right of those attempted."""
    from fedstate import questions

    out = {key: NotebookSummary(key, title) for key, title in questions.NOTEBOOKS.items()}
    for row in table:
        s = out[row.question.notebook]
        s.total += 1
        if row.mark.status != "not-answered":
            s.answered += 1
        if row.question.graded and row.mark.status in ("right", "wrong"):
            s.attempted += 1
            s.right += row.mark.status == "right"
    return list(out.values())


def totals(summary: list[NotebookSummary]) -> NotebookSummary:
    total = NotebookSummary("all", "All notebooks")
    for s in summary:
        total.answered += s.answered
        total.total += s.total
        total.right += s.right
        total.attempted += s.attempted
    return total


# ---------------------------------------------------------------------------------------------
# HTML


_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(record: dict) -> str:
    """The record as JSON that is safe inside a <script> element (nothing in it can close the element)."""
    text = json.dumps(record, ensure_ascii=False, indent=1)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


_CSS = """
body{font-family:Arial,Helvetica,sans-serif;max-width:48em;margin:2em auto;padding:0 1em;line-height:1.5;color:#111}
table{border-collapse:collapse;margin:0.5em 0 1em 0}th,td{border:1px solid #999;padding:0.2em 0.6em;text-align:left}
td.n{text-align:right}
.q{border-top:1px solid #ccc;padding:0.4em 0 0.6em 0;break-inside:avoid}
.prompt{font-weight:bold;margin:0.2em 0}
.answer{white-space:pre-wrap;overflow-wrap:anywhere;border-left:4px solid #0072B2;padding:0.1em 0.6em;margin:0.3em 0}
.missing{color:#a04000;font-style:italic;margin:0.3em 0}
.mark{margin:0.3em 0}.right{color:#006b3c}.wrong{color:#a04000}.open{color:#444}
.alert{border:2px solid #a00;padding:0.5em;color:#a00}
small{color:#555}
@media print{body{max-width:none;margin:0}.q{page-break-inside:avoid}}
"""


def _summary_table_html(summary: list[NotebookSummary]) -> str:
    esc = html.escape
    total = totals(summary)
    body = "".join(f"<tr><td>{esc(s.title)}</td><td class=n>{s.answered} of {s.total}</td>"
                   f"<td class=n>{s.right} of {s.attempted}</td></tr>" for s in summary)
    return ("<table><caption>Completion, notebook by notebook</caption><thead><tr><th scope=col>Notebook</th>"
            "<th scope=col>Questions answered</th><th scope=col>Checked answers right (of those tried)</th></tr>"
            f"</thead><tbody>{body}</tbody><tfoot><tr><th scope=row>All notebooks</th>"
            f"<td class=n><strong>{total.answered} of {total.total}</strong></td>"
            f"<td class=n><strong>{total.right} of {total.attempted}</strong></td></tr></tfoot></table>")


def _mark_html(row: Row) -> str:
    esc = html.escape
    mark = row.mark
    if mark.status == "not-answered":
        return ""
    css = {"right": "right", "wrong": "wrong"}.get(mark.status, "open")
    text = f" {esc(mark.feedback)}" if mark.feedback else (": a prediction, a choice or your own view, not marked"
                                                           if mark.status == "no-right-answer" else "")
    return f'<p class="mark {css}"><strong>{mark.symbol} {esc(mark.label)}</strong>{text}</p>'


def render_html(record: dict) -> str:
    """The hand-in page: summary, then every question in order, escaped, readable when printed."""
    esc = html.escape
    student = record["student_name"] or NO_NAME
    table = rows(record["answers"])
    summary = summarise(table)
    total = totals(summary)
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>Work of {esc(student)}</title>", f"<style>{_CSS}</style></head><body>",
           f'<h1>Work of <span dir="auto">{esc(student)}</span></h1>',
           f"<p>Exported {esc(record['exported'])} from the module “{esc(record['module'])}”. "
           f"{total.answered} of {total.total} questions answered; checked answers: {total.right} right of "
           f"{total.attempted} tried.</p>"]
    if record.get("save_problem"):
        out.append(f'<p class="alert" role="alert">When this was exported, the answers could not be saved on the '
                   f"student's computer: {esc(record['save_problem'])} This hand-in holds every answer that was in "
                   "the notebook.</p>")
    out += ["<h2>Summary</h2>", _summary_table_html(summary)]
    current_nb, current_group, number = None, None, 0
    for row in table:
        q = row.question
        if q.notebook != current_nb:
            out.append(f'<h2 id="nb-{esc(q.notebook)}">{esc(q.notebook_title)}</h2>')
            current_nb, current_group, number = q.notebook, None, 0
        if q.group != current_group:
            if q.group:
                out.append(f"<h3>{esc(q.group)}</h3>")
            current_group = q.group
        number += 1
        answer = (f'<div class="answer" dir="auto">{esc(q.display(row.value))}</div>'
                  if row.mark.status != "not-answered" else '<p class="missing">Not answered</p>')
        when = f" · last changed {esc(row.updated)}" if row.updated else ""
        out.append(f'<section class="q" id="q-{esc(q.id)}"><p class="prompt">{q.notebook}.{number} '
                   f"{esc(q.prompt)}</p>{answer}{_mark_html(row)}"
                   f"<p><small>question {esc(q.id)}{when}</small></p></section>")
    others = other_entries(record["answers"])
    if others:
        out.append("<h2>Other answers</h2><p>Answers saved under questions this version of the module does not "
                   "list (from an older or newer version, or a teacher's own exercise), shown as they were saved.</p>")
        for key, entry in others.items():
            entry = entry if isinstance(entry, dict) else {"value": entry}
            prompt = entry.get("prompt") if isinstance(entry.get("prompt"), str) and entry.get("prompt") else key
            out.append(f'<section class="q"><p class="prompt">{esc(prompt)}</p><div class="answer" dir="auto">'
                       f"{esc(_plain(entry.get('value')))}</div><p><small>question {esc(key)}</small></p></section>")
    out.append(f'<script type="application/json" id="{SCRIPT_ID}">\n{script_json(record)}\n</script>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _plain(value) -> str:
    from fedstate.questions import display_value

    return display_value(value)


# ---------------------------------------------------------------------------------------------
# Markdown


_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|javascript|vbscript|data|file|www)([:.@])")
_MD_INLINE = re.compile(r"[\\`*_\[\]|~]")  # emphasis, code, links and images, tables, strike-through


def md_escape(text: str) -> str:
    """One line of text, safe in Markdown: shown as typed, never as markup, HTML, a link or an image.

    ``<``, ``>`` and ``&`` become entities (so no HTML tag, comment or entity can form); the marks that
    make emphasis, code, links, images and tables are backslash-escaped; a line that would start a
    heading or a list has its first mark escaped, and so does the ":" or "." of an address
    (``https://``, ``www.``) that an extended renderer would turn into a link. Other punctuation is
    left alone, so the file stays readable as plain text.
    """
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", str(text))
    text = _MD_INLINE.sub(lambda m: "\\" + m.group(0), text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _AUTOLINK.sub(lambda m: m.group(1) + "\\" + m.group(2), text)  # no bare address becomes a link
    text = re.sub(r"^([#+=-])", r"\\\1", text)          # a heading, a list item, a setext underline
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)    # an ordered list item


def md_block(text: str) -> str:
    """Several lines of student text as a Markdown block quote (leading spaces dropped: they would start code)."""
    lines = [md_escape(line.strip()) for line in str(text).splitlines()] or [""]
    out = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        out.append(f"> {line}" + ("  " if following else "") if line else ">")  # "  ": a line break
    return "\n".join(out)


def render_markdown(record: dict) -> str:
    """The hand-in as Markdown: the same content as the HTML page, every student text escaped."""
    student = record["student_name"] or NO_NAME
    table = rows(record["answers"])
    summary = summarise(table)
    total = totals(summary)
    lines = [f"# Work of {md_escape(student)}", "",
             f"Exported {md_escape(record['exported'])} from the module “{md_escape(record['module'])}”. "
             f"{total.answered} of {total.total} questions answered; checked answers: {total.right} right of "
             f"{total.attempted} tried.", ""]
    if record.get("save_problem"):
        lines += [f"**Not saved on the student's computer when exported:** {md_escape(record['save_problem'])} "
                  "This hand-in holds every answer that was in the notebook.", ""]
    lines += ["## Summary", "", "| Notebook | Questions answered | Checked answers right (of those tried) |",
              "|---|---|---|"]
    for s in summary + [total]:
        lines.append(f"| {md_escape(s.title)} | {s.answered} of {s.total} | {s.right} of {s.attempted} |")
    lines.append("")
    current_nb, current_group, number = None, None, 0
    for row in table:
        q = row.question
        if q.notebook != current_nb:
            lines += [f"## {md_escape(q.notebook_title)}", ""]
            current_nb, current_group, number = q.notebook, None, 0
        if q.group != current_group:
            if q.group:
                lines += [f"### {md_escape(q.group)}", ""]
            current_group = q.group
        number += 1
        lines += [f"**{q.notebook}.{number} {md_escape(q.prompt)}**", ""]
        if row.mark.status == "not-answered":
            lines += ["*Not answered*", ""]
        else:
            lines += [md_block(q.display(row.value)), ""]
            if row.mark.status == "no-right-answer":
                lines += [f"{row.mark.symbol} No right answer", ""]
            else:
                lines += [f"{row.mark.symbol} **{row.mark.label}.** {md_escape(row.mark.feedback)}", ""]
        lines += [f"<small>question {md_escape(q.id)}" + (f" · last changed {md_escape(row.updated)}" if row.updated
                                                          else "") + "</small>", ""]
    others = other_entries(record["answers"])
    if others:
        lines += ["## Other answers", ""]
        for key, entry in others.items():
            entry = entry if isinstance(entry, dict) else {"value": entry}
            prompt = entry.get("prompt") if isinstance(entry.get("prompt"), str) and entry.get("prompt") else key
            lines += [f"**{md_escape(prompt)}**", "", md_block(_plain(entry.get("value"))), "",
                      f"<small>question {md_escape(key)}</small>", ""]
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------------------------------------
# Reading a hand-in back


class HandinError(ValueError):
    """A file that is not a readable hand-in of this module; the message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str):
        self.path, self.reason = Path(path), reason
        super().__init__(f"{path}: {reason}")


@dataclass
class HandIn:
    """A hand-in read back from its HTML file."""

    path: Path
    version: int
    module: str
    module_version: str
    exported: str
    student_name: str
    answers: dict[str, dict]  # raw entries whose values fit their questions
    save_problem: str = ""
    set_aside: dict[str, str] = field(default_factory=dict)  # key -> why its entry could not be used

    @property
    def values(self) -> dict:
        return {k: e["value"] for k, e in self.answers.items()}

    def rows(self) -> list[Row]:
        """Every question with this student's answer and its mark (re-marked with the current module)."""
        return rows(self.answers)

    def summary(self) -> list[NotebookSummary]:
        return summarise(self.rows())


class _ScriptFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside, self.found, self.parts = False, 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("id") == SCRIPT_ID:
            self.inside = True
            self.found += 1

    def handle_endtag(self, tag):
        if tag == "script":
            self.inside = False

    def handle_data(self, data):
        if self.inside and self.found == 1:
            self.parts.append(data)


def load_handin(path: Path | str) -> HandIn:
    """Read a hand-in exported by this module. Raises :class:`HandinError` for a foreign, damaged or too-new file."""
    from fedstate.responses import check_entries

    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise HandinError(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HandinError(path, "is not UTF-8 text, so it is not a hand-in exported by this module") from None
    finder = _ScriptFinder()
    try:
        finder.feed(text)
        finder.close()
    except Exception:  # noqa: BLE001 (html.parser is lenient; anything it cannot take is not ours)
        raise HandinError(path, "is not an HTML page this reader can parse") from None
    if not finder.found:
        raise HandinError(path, f'is not a hand-in of this module: it has no <script id="{SCRIPT_ID}"> record '
                                "(ask the student to export again with Export my work and download that file)")
    if finder.found > 1:
        raise HandinError(path, "holds more than one hand-in record, so it cannot be trusted")
    try:
        record = json.loads("".join(finder.parts))
    except json.JSONDecodeError as exc:
        raise HandinError(path, f"its hand-in record is damaged (not valid JSON: {exc.msg}, line {exc.lineno} of the "
                                "record)") from None
    if not isinstance(record, dict):
        raise HandinError(path, "its hand-in record is damaged (not a JSON object)")
    if record.get("format") != FORMAT:
        raise HandinError(path, f"its record is of format {record.get('format')!r}, not {FORMAT!r}: not a hand-in "
                                "of this module")
    version = record.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise HandinError(path, f"its hand-in record is damaged (version {version!r} is not a whole number from 1)")
    if version > VERSION:
        raise HandinError(path, f"was exported by a newer version of the module (hand-in format version {version}; "
                                f"this copy reads up to version {VERSION}): update the module to read it")
    if record.get("module") != MODULE:
        raise HandinError(path, f"is a hand-in of another module ({record.get('module')!r}), not of {MODULE!r}")
    for name in ("exported", "student_name"):
        if not isinstance(record.get(name), str):
            raise HandinError(path, f'its hand-in record is damaged (the field "{name}" is missing or not text)')
    answers = record.get("answers")
    if not isinstance(answers, dict):
        raise HandinError(path, 'its hand-in record is damaged (the field "answers" is missing or not an object)')
    usable, problems, _ = check_entries(answers)
    return HandIn(path=path, version=version, module=record["module"],
                  module_version=str(record.get("module_version", "")), exported=record["exported"],
                  student_name=record["student_name"], answers=usable,
                  save_problem=str(record.get("save_problem") or ""), set_aside=problems)
