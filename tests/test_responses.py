"""Student work is never lost: atomic saves, restore, merge between kernels, damaged files kept,
export to one file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from fedstate import responses
from fedstate.responses import AnswerStore
from fedstate.widgets.common import answer_box, export_panel, name_box


def test_answer_survives_a_new_store(answers_dir):
    first = AnswerStore(answers_dir, debounce=0)
    first.set("01.q", "My answer", prompt="Why?", notebook="01 Reading")
    again = AnswerStore(answers_dir)  # as after a kernel restart
    assert again.get("01.q") == "My answer"
    assert again.entries()["01.q"]["prompt"] == "Why?"


def test_debounced_save_happens_after_typing_stops(answers_dir):
    store = AnswerStore(answers_dir, debounce=0.2)
    for text in ("M", "My", "My a", "My answer"):
        store.set("01.q", text)
    assert not store.path.exists()  # nothing written while typing
    deadline = time.time() + 5
    while not store.path.exists() and time.time() < deadline:
        time.sleep(0.05)
    assert json.loads(store.path.read_text())["answers"]["01.q"]["value"] == "My answer"


def test_unicode_and_very_long_answers(answers_dir):
    store = AnswerStore(answers_dir, debounce=0)
    text = "Só é «justo» se… 移民 — ✔ \U0001F30E\n" * 20_000  # about 0.6 MB
    store.set("05.essay", text)
    assert AnswerStore(answers_dir).get("05.essay") == text
    html_path, md_path = store.export()
    assert "移民" in html_path.read_text(encoding="utf-8")
    assert "«justo»" in md_path.read_text(encoding="utf-8")


def test_two_widgets_bound_to_the_same_question(answers_dir):
    one = answer_box("02.q", "Explain.", "02 Who decides?")
    two = answer_box("02.q", "Explain.", "02 Who decides?")
    one.area.value = "typed in the first box"
    assert two.area.value == "typed in the first box"
    two.area.value = "then edited in the second"
    assert one.area.value == "then edited in the second"
    responses.store().flush()
    assert AnswerStore(answers_dir).get("02.q") == "then edited in the second"


def test_answer_box_restores_saved_text_and_shows_status(answers_dir):
    AnswerStore(answers_dir, debounce=0).set("03.q", "earlier answer")
    box = answer_box("03.q", "What does 70% count?")
    assert box.area.value == "earlier answer"
    assert "restored from my_answers.json" in box.status.value
    assert "Not answered yet" in answer_box("03.other", "Another question").status.value
    box.area.value = "new answer"
    responses.store().flush()
    assert "Saved at" in box.status.value


def test_two_kernels_do_not_erase_each_others_answers(answers_dir):
    kernel_a = AnswerStore(answers_dir, debounce=0)
    kernel_b = AnswerStore(answers_dir, debounce=0)  # loaded before A wrote anything
    kernel_a.set("01.a", "from notebook 1")
    kernel_b.set("03.b", "from notebook 3")
    on_disk = AnswerStore(answers_dir)
    assert on_disk.get("01.a") == "from notebook 1"
    assert on_disk.get("03.b") == "from notebook 3"


def test_damaged_file_is_kept_and_reported_never_overwritten(answers_dir):
    path = answers_dir / responses.FILE_NAME
    path.write_text('{"answers": {"01.q": {"value": "precious"', encoding="utf-8")  # truncated
    damaged = path.read_bytes()
    store = AnswerStore(answers_dir, debounce=0)
    assert "could not be read" in store.message and "line 1" in store.message
    kept = [p for p in answers_dir.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    store.set("01.q", "new")
    assert json.loads(path.read_text())["answers"]["01.q"]["value"] == "new"
    assert kept[0].read_bytes() == damaged


def test_file_that_is_json_but_not_answers_is_kept_aside(answers_dir):
    (answers_dir / responses.FILE_NAME).write_text("[1, 2, 3]")
    store = AnswerStore(answers_dir)
    assert "not an answers file" in store.message
    assert any(".damaged-" in p.name for p in answers_dir.iterdir())


def test_missing_file_is_not_an_error(answers_dir):
    store = AnswerStore(answers_dir)
    assert store.message == "" and store.get("anything") is None


def test_unsaveable_value_fails_in_the_students_cell(answers_dir):
    store = AnswerStore(answers_dir)
    with pytest.raises(TypeError):
        store.set("x", object())


def test_process_killed_mid_write_leaves_the_last_good_file(answers_dir):
    """A writer that is SIGKILLed while saving large answers never leaves a partial file."""
    script = textwrap.dedent(f"""
        import sys
        from fedstate.responses import AnswerStore
        store = AnswerStore({str(answers_dir)!r}, debounce=0)
        i = 0
        while True:
            store.set("05.essay", str(i) + ":" + "x" * 2_000_000)
            i += 1
            if i == 1:
                print("first save done", flush=True)
    """)
    for attempt in range(3):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"first save done"
        time.sleep(0.15 + 0.1 * attempt)  # land somewhere inside a later write
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        content = json.loads((answers_dir / responses.FILE_NAME).read_text(encoding="utf-8"))
        value = content["answers"]["05.essay"]["value"]
        number, _, body = value.partition(":")
        assert number.isdigit() and body == "x" * 2_000_000


def test_export_lists_each_question_with_its_answer_and_escapes(answers_dir):
    store = AnswerStore(answers_dir, debounce=0)
    store.set_student_name("Ana <script>")
    store.set("00.predict", 40, prompt="How many of 100?", notebook="00 Start here")
    store.set("01.q", "Opinion, because <b>first person</b>", prompt="What kind of text?", notebook="01 Reading")
    html_path, md_path = store.export()
    page = html_path.read_text(encoding="utf-8")
    assert "Work of Ana &lt;script&gt;" in page and "<script>" not in page
    assert "How many of 100?" in page and ">40<" in page
    assert "&lt;b&gt;first person&lt;/b&gt;" in page
    assert page.index("00 Start here") < page.index("01 Reading")
    md = md_path.read_text(encoding="utf-8")
    assert "**What kind of text?**" in md and "> Opinion, because" in md


def test_export_of_an_empty_set(answers_dir):
    store = AnswerStore(answers_dir)
    html_path, md_path = store.export()
    assert "No answers yet." in html_path.read_text(encoding="utf-8")
    assert "(no name entered)" in md_path.read_text(encoding="utf-8")


def test_name_and_export_widgets(answers_dir):
    name = name_box()
    name.text.value = "Sam"
    panel = export_panel()
    panel.export()
    assert "Exported 0 answers" in panel.result.value
    assert "Work of Sam" in (answers_dir / "my_work.html").read_text(encoding="utf-8")
