"""The hand-in a teacher receives: named per student, every question in order and marked, a summary
at the top, the record embedded as JSON that reads back exactly, and student text that can never
become markup, script or a request, in the HTML or in the Markdown."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import pytest

from fedstate import handins, questions, reading, responses
from fedstate.handins import HandinError, load_handin
from fedstate.responses import AnswerStore
from fedstate.widgets.common import export_panel

TODAY = dt.date.today().isoformat()
HOSTILE = [
    "<script>alert('x')</script>",
    "</script><script>alert(1)</script>",
    "<!-- <script>alert(2)</script>",
    '<img src=x onerror="alert(3)">',
    '<a href="javascript:alert(4)">click me</a>',
    '<div onmouseover="alert(5)" style="position:fixed">hover</div>',
    "[a link](javascript:alert(6))",
    "![tracking pixel](https://example.com/pixel.png)",
    "<https://example.com/autolink>",
    "line one\u2028line two\u2029paragraph",
    "&lt;b&gt;typed entity&lt;/b&gt; & ampersand",
    "# not a heading\n- not a list\n1. not numbered\n    not code\n> not a quote",
    "emoji 🌎 🏳️‍🌈 👩🏽‍🎓 ✔",
    "right to left: مرحبا بالعالم · שלום עולם",
]


class Page(HTMLParser):
    """What a browser would build from a page: tags with attributes, script elements, visible text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self.text, self._in_script = [], [], [], None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append([dict(attrs), ""])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            self.scripts[-1][1] += data
        else:
            self.text.append(data)

    def assert_harmless(self, allowed_tags: set[str]):
        for tag, attrs in self.tags:
            assert tag in allowed_tags, f"unexpected element <{tag}> {attrs}"
            for name, value in attrs.items():
                assert not name.startswith("on"), f"event handler {name}={value!r} on <{tag}>"
                if name == "href" and (value or "").startswith("#"):
                    continue  # nbconvert's own link to a heading on the same page
                assert name not in ("href", "src", "srcset", "action", "formaction"), f"{name}={value!r} on <{tag}>"
                assert "javascript:" not in (value or "").lower()


def _export(store: AnswerStore, name: str | None = None):
    html_path, md_path = store.export(name=name)
    return html_path, md_path, html_path.read_text(encoding="utf-8"), md_path.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Named per student


@pytest.mark.parametrize("typed, part", [("Ana María López", "Ana-María-López"), ("李 小龙", "李-小龙"),
                                         ("  Zoë O'Brien-Smith ", "Zoë-O-Brien-Smith"), ("../../etc/passwd", "etc-passwd"),
                                         ("<script>", "script"), ("", "no-name"), ("   ", "no-name"), ("***", "no-name"),
                                         ("x" * 300, "x" * 60)])
def test_file_name_is_safe_and_keeps_letters_of_any_script(typed, part):
    assert handins.file_stem(typed, dt.date(2026, 12, 5)) == f"my_work_{part}_2026-12-05"


def test_export_is_named_for_the_student_and_the_day(answers_dir):
    store = AnswerStore(answers_dir, debounce=0)
    store.set_student_name("Ana María")
    html_path, md_path = store.export()
    assert html_path.name == f"my_work_Ana-María_{TODAY}.html" and md_path.name == f"my_work_Ana-María_{TODAY}.md"
    assert html_path.parent == answers_dir
    unnamed = AnswerStore(answers_dir / "other", debounce=0).export()[0]
    assert unnamed.name == f"my_work_no-name_{TODAY}.html"
    assert "Work of (no name entered)" in unnamed.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Every question, marked, with a summary


def _views_cue() -> dict:
    return next(c for c in reading.cues().to_dict("records") if c["cue"].strip().lower().endswith("views"))


def test_every_question_is_listed_in_order_marked_or_not_answered(answers_dir):
    store = AnswerStore(answers_dir, debounce=0)
    store.set_student_name("Sam")
    cue = _views_cue()
    store.set(f"01.cue.{cue['id']}", "opinion")                   # wrong: the key says otherwise
    store.set("01.text-kind", reading.TEXT_KIND.answer)           # right
    store.set("03.trend", "The ICE share for Jan.–Oct. 2025.")     # written
    store.set("predict.arrests-convicted", 40)                    # a prediction: no right answer
    store.set("02.sort-powers", {"immigration-rules": "state"})  # one item of a sort (wrong or not an item)
    _html_path, _md_path, page, md = _export(store)
    asked = [q for q in questions.catalogue() if q.key != questions.NAME_KEY]
    assert page.count('<section class="q"') == len(asked)
    positions = [page.index(f'id="q-{q.id}"') for q in asked]
    assert positions == sorted(positions), "questions are not in notebook order"
    assert page.count("Not answered") >= len(asked) - 5
    section = page[page.index(f'id="q-01.cue.{cue["id"]}"'):]
    section = section[:section.index("</section>")]
    assert "✘ Not right" in section and reading.grade_cue(cue, "opinion").message in section.replace("&#x27;", "'")
    right = page[page.index('id="q-01.text-kind"'):]
    assert "✔ Right" in right[:right.index("</section>")]
    prediction = page[page.index('id="q-predict.arrests-convicted"'):]
    assert "40 out of 100" in prediction[:prediction.index("</section>")]
    assert "No right answer" in prediction[:prediction.index("</section>")]
    # the summary at the top: 01 has 2 of its questions answered, 1 of 2 checked right
    summary = page[page.index("<h2>Summary</h2>"):page.index('<h2 id="nb-00">')]
    n01 = sum(1 for q in asked if q.notebook == "01")
    assert f"<td>{questions.NOTEBOOKS['01']}</td><td class=n>2 of {n01}</td><td class=n>1 of 2</td>" in summary
    assert f"5 of {len(asked)}" in summary or f"4 of {len(asked)}" in summary
    assert page.index("<h2>Summary</h2>") < page.index('<h2 id="nb-00">')
    # the Markdown copy has the same questions and marks
    assert md.count("*Not answered*") == page.count('<p class="missing">Not answered</p>')
    assert "✘ **Not right.**" in md and "✔ **Right.**" in md


def test_export_panel_names_the_file_says_how_to_download_and_counts_every_notebook(answers_dir):
    other_kernel = AnswerStore(answers_dir, debounce=0)  # notebook 03, in another kernel
    other_kernel.set("03.trend", "from notebook 03")
    store = responses.store()
    store.set_student_name("Sam")
    store.set("05.steelman", "from notebook 05")
    panel = export_panel()
    html_path = panel.export()
    shown = panel.result.value
    total = len([q for q in questions.catalogue() if q.key != questions.NAME_KEY])
    assert f"2 of {total} questions answered" in shown
    assert html_path.name in shown and f"my_work_Sam_{TODAY}.md" in shown and str(answers_dir) in shown
    assert "right-click" in shown and "Download" in shown


# ---------------------------------------------------------------------------------------------
# The embedded record


def test_the_record_reads_back_exactly(answers_dir):
    store = AnswerStore(answers_dir, debounce=0)
    store.set_student_name("Ana <María>")
    store.set("03.trend", HOSTILE[1])
    store.set("04.my-weights", {"Public safety": 7, "Cost": 2})
    store.set("bench.unknown-key", ["kept", "as", "is"])
    html_path, _md = store.export()
    back = load_handin(html_path)
    assert back.student_name == "Ana <María>" and back.version == handins.VERSION
    assert back.module == handins.MODULE and dt.datetime.fromisoformat(back.exported).tzinfo is not None
    assert back.answers == store.entries()  # every raw entry, unchanged
    assert back.values["04.my-weights"] == {"Public safety": 7, "Cost": 2}
    marks = {row.question.id: row.mark.status for row in back.rows()}
    assert marks["03.trend"] == "no-right-answer" and marks["01.text-kind"] == "not-answered"
    assert sum(s.answered for s in back.summary()) == 2


def test_student_text_cannot_break_out_of_the_html_page(answers_dir):
    store = AnswerStore(answers_dir, debounce=0)
    store.set_student_name(HOSTILE[0])
    long_text = "A very long answer. " * 10_000 + "".join(HOSTILE)
    store.set("05.essay", long_text)
    for number, text in enumerate(HOSTILE):
        store.set(questions.catalogue()[2 + number].key if False else f"bench.hostile.{number}", text)
    store.set("03.trend", "\n".join(HOSTILE))
    store.set("01.text-kind", HOSTILE[3])  # not one of the choices: shown, marked, escaped
    store.set(questions.SCORE_CHANGES_KEY, {HOSTILE[4]: HOSTILE[5]})
    html_path, _md, page, _mdtext = _export(store)
    parsed = Page(page)
    assert len(parsed.scripts) == 1, "student text opened a script element"
    attrs, body = parsed.scripts[0]
    assert attrs == {"type": "application/json", "id": "fedstate-handin"}
    assert json.loads(body)["answers"]["03.trend"]["value"] == "\n".join(HOSTILE)
    assert "\u2028" not in body and "\u2029" not in body and "<" not in body
    parsed.assert_harmless({"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "span", "div",
                            "section", "strong", "small", "table", "caption", "thead", "tbody", "tfoot", "tr", "th",
                            "td", "script"})
    visible = "".join(parsed.text)
    for text in HOSTILE:
        assert text in visible, f"{text!r} is not shown as typed"
    assert long_text in visible
    assert load_handin(html_path).values["05.essay"] == long_text


def test_student_text_cannot_become_markup_in_the_markdown(answers_dir):
    """Rendered with the renderer nbconvert uses (and JupyterLab's Markdown preview follows the same
    CommonMark rules for raw HTML), nothing a student typed runs, links, or loads."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    store = AnswerStore(answers_dir, debounce=0)
    store.set_student_name(HOSTILE[3])
    store.set("03.trend", "\n".join(HOSTILE))
    for number, text in enumerate(HOSTILE):
        store.set(f"bench.hostile.{number}", text)
    store.set(questions.SCORE_CHANGES_KEY, {HOSTILE[6]: HOSTILE[7]})
    _html, _md_path, _page, md = _export(store)
    rendered = Page(markdown2html_mistune(md))
    assert rendered.scripts == []
    rendered.assert_harmless({"h1", "h2", "h3", "p", "strong", "em", "small", "blockquote", "br", "table", "thead",
                              "tbody", "tr", "th", "td", "a"})
    visible = " ".join("".join(rendered.text).split())
    for text in HOSTILE:
        for line in text.replace("\u2028", "\n").replace("\u2029", "\n").splitlines():
            assert " ".join(line.split()) in visible, f"{line!r} is not shown as typed"


def test_unescaped_markdown_would_have_run_scripts():
    """The check above can fail: the same renderer runs raw HTML (what my_work.md used to contain)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    unsafe = Page(markdown2html_mistune("> " + HOSTILE[3] + "\n\n" + HOSTILE[7]))
    with pytest.raises(AssertionError):
        unsafe.assert_harmless({"p", "blockquote"})


# ---------------------------------------------------------------------------------------------
# Reading back: clear errors for anything that is not a good hand-in


def _good_handin(answers_dir):
    store = AnswerStore(answers_dir, debounce=0)
    store.set("03.trend", "an answer")
    return store.export()[0]


@pytest.mark.parametrize("change, reason", [
    (lambda page: "<html><body><h1>My essay</h1></body></html>", "is not a hand-in of this module"),
    (lambda page: page.replace('"version": 1', '"version": 7'), "newer version of the module"),
    (lambda page: page.replace('"format": "fedstate-handin"', '"format": "other"'), "not a hand-in of this module"),
    (lambda page: page.replace(f'"module": "{handins.MODULE}"', '"module": "Another module"'), "another module"),
    (lambda page: page[:page.index('"answers"')], "damaged (not valid JSON"),
    (lambda page: page.replace('"answers": {', '"answers": [{').replace('\n}\n</script>', '\n}]\n</script>'),
     "damaged"),
    (lambda page: page.replace('"student_name": ""', '"student_name": 12'), 'the field "student_name"'),
    (lambda page: page.replace('"version": 1', '"version": "1"'), "damaged (version"),
])
def test_foreign_damaged_or_too_new_files_are_refused_with_the_reason(answers_dir, change, reason):
    good = _good_handin(answers_dir)
    bad = answers_dir / "suspect.html"
    bad.write_text(change(good.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(HandinError) as raised:
        load_handin(bad)
    assert str(bad) in str(raised.value) and reason in str(raised.value)


def test_unreadable_files_are_refused_with_the_reason(answers_dir):
    with pytest.raises(HandinError, match="cannot be read"):
        load_handin(answers_dir / "missing.html")
    binary = answers_dir / "photo.html"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(HandinError, match="not UTF-8"):
        load_handin(binary)


def test_an_edited_record_keeps_good_answers_and_sets_bad_ones_aside(answers_dir):
    good = _good_handin(answers_dir)
    page = good.read_text(encoding="utf-8").replace('"value": "an answer"', '"value": ["a", "list"]')
    edited = answers_dir / "edited.html"
    edited.write_text(page, encoding="utf-8")
    back = load_handin(edited)
    assert "03.trend" not in back.answers and "expected text" in back.set_aside["03.trend"]
