"""Student work is never lost: atomic saves, restore, merge between kernels under a cross-platform
lock, damaged files and mistyped answers kept aside, a folder that cannot be written, a save that
fails, and an export that is always complete and current."""

from __future__ import annotations

import errno
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

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



# ---------------------------------------------------------------------------------------------
# Where answers go (issue 12.1)

REPO = Path(__file__).resolve().parent.parent


def test_answers_are_saved_in_the_working_directory_never_in_the_package(tmp_path, monkeypatch):
    monkeypatch.delenv("FEDSTATE_ANSWERS", raising=False)
    monkeypatch.setattr(responses, "_STORE", None)
    lesson = tmp_path / "student-a" / "notebooks"
    lesson.mkdir(parents=True)
    monkeypatch.chdir(lesson)  # JupyterLab starts a notebook's kernel in the notebook's folder
    assert responses.default_folder() == lesson
    store = responses.store()
    store.set("03.trend", "mine")
    store.flush()
    assert (lesson / responses.FILE_NAME).exists()
    assert not (REPO / "notebooks" / responses.FILE_NAME).exists() or \
        "mine" not in (REPO / "notebooks" / responses.FILE_NAME).read_text(encoding="utf-8")
    package = Path(responses.__file__).resolve().parent
    assert package not in store.path.resolve().parents
    other = tmp_path / "student-b"
    other.mkdir()
    monkeypatch.chdir(other)  # another user's kernel: another folder, another file
    assert responses.store().path == other / responses.FILE_NAME
    assert responses.store().get("03.trend") is None


def test_folder_that_cannot_be_written_sends_answers_to_a_fallback_with_a_message(tmp_path, monkeypatch):
    """Works as root too: nobody can create a folder under a regular file."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    fallback = tmp_path / "home" / "fedstate-answers"
    monkeypatch.setattr(responses, "fallback_folders", lambda: [fallback])
    store = AnswerStore(blocker / "answers", debounce=0)
    assert store.folder == fallback and store.requested_folder == blocker / "answers"
    assert str(blocker / "answers") in store.message and str(fallback) in store.message
    assert "part of that path is a file" in store.message
    store.set("03.trend", "kept")
    assert json.loads((fallback / responses.FILE_NAME).read_text())["answers"]["03.trend"]["value"] == "kept"
    box = answer_box("03.trend", store=store)
    assert str(fallback) in box.status.value and box.area.value == "kept"
    html_path, _md = store.export()
    assert html_path.parent == fallback


def _run_as_another_user(scenario, *args) -> dict:
    """Run ``scenario(*args)`` in a forked child that has dropped root for the user ``nobody``.

    chmod does not stop root, so a real permission error needs another user. The child cannot exec
    Python (its installation may sit under root's private home), so everything it needs is imported,
    and the question catalogue built, before the fork.
    """
    from fedstate import questions

    questions.catalogue()
    nobody = pwd.getpwnam("nobody")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            result = json.dumps(scenario(*args))
            code = 0
        except BaseException as exc:  # noqa: BLE001 (reported to the parent)
            result = json.dumps({"child error": repr(exc)})
        finally:
            with os.fdopen(write_end, "w") as out:
                out.write(result)
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        output = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(output)


def _read_only_scenario(folder: str, fallback: str) -> dict:
    responses.fallback_folders = lambda: [Path(fallback)]
    try:
        store = responses.AnswerStore(folder, debounce=0)
        store.set("03.rewrite", "written after the folder was locked")
        store.flush()
        return {"folder": str(store.folder), "message": store.message, "error": store.save_error,
                "earlier": store.get("03.trend"), "uid": os.geteuid()}
    finally:
        responses.fallback_folders = _FALLBACKS


_FALLBACKS = responses.fallback_folders


def test_really_read_only_folder_keeps_earlier_answers_and_saves_the_new_ones_elsewhere():
    """A folder the student cannot write (as on a hub where the course folder belongs to the teacher).

    As an ordinary user, chmod makes it read-only; under root (CI, containers), where chmod does
    not stop writes, the scenario runs in a child process that has become the user ``nobody``.
    Either way the store meets a real EACCES from the operating system, not a simulated one.
    """
    base = Path(tempfile.mkdtemp(prefix="fedstate-ro-"))  # under /tmp: reachable by another user
    folder, fallback = base / "course", base / "fallback"
    try:
        os.chmod(base, 0o755)
        folder.mkdir()
        fallback.mkdir()
        AnswerStore(folder, debounce=0).set("03.trend", "saved last week")
        os.chmod(folder / responses.FILE_NAME, 0o644)
        os.chmod(folder, 0o555)
        if os.geteuid() == 0:
            os.chown(fallback, pwd.getpwnam("nobody").pw_uid, -1)
            seen = _run_as_another_user(_read_only_scenario, str(folder), str(fallback))
        else:
            seen = _read_only_scenario(str(folder), str(fallback))
        assert "child error" not in seen, seen
        assert seen["uid"] != 0
        assert seen["folder"] == str(fallback) and seen["error"] == ""
        assert "you do not have permission to write there" in seen["message"] and str(fallback) in seen["message"]
        assert seen["earlier"] == "saved last week"  # nothing lost: the earlier answer came along
        saved = json.loads((fallback / responses.FILE_NAME).read_text())["answers"]
        assert saved["03.rewrite"]["value"] == "written after the folder was locked"
        assert saved["03.trend"]["value"] == "saved last week"
        assert sorted(p.name for p in folder.iterdir()) == [responses.FILE_NAME]  # untouched
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(base, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Saving never fails silently (issue 14.3)


def _break_saving(monkeypatch, error=errno.ENOSPC):
    real = responses._write_atomic
    state = {"broken": True}

    def write(path, text):
        if state["broken"]:
            raise OSError(error, os.strerror(error), str(path))
        return real(path, text)

    monkeypatch.setattr(responses, "_write_atomic", write)
    return state


def test_failed_save_says_where_why_and_what_to_do_keeps_the_text_and_retries(answers_dir, monkeypatch, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setattr(responses, "fallback_folders", lambda: [blocker / "fallback"])  # no way out either
    broken = _break_saving(monkeypatch)
    store = responses.store()
    box = answer_box("05.memo")
    box.area.value = "my memo, typed while the disk was full"
    store.flush()
    status = box.status.value
    assert "Not saved" in status and str(store.path) in status and "the disk is full" in status
    assert "Export my work" in status and 'role="alert"' in status
    assert store.get("05.memo") == "my memo, typed while the disk was full" and store.unsaved
    assert store._timer is not None and store._timer.interval == responses.RETRY_DELAYS[0]
    delays = [store._timer.interval]
    for _ in range(len(responses.RETRY_DELAYS) + 1):
        store.flush()
        delays.append(store._timer.interval if store._timer else None)
    assert delays[:len(responses.RETRY_DELAYS)] == list(responses.RETRY_DELAYS)  # backs off
    assert delays[-1] is None and "when you type or press Export" in store.save_error  # then stops
    broken["broken"] = False
    store.flush()  # the next change or Export saves it
    assert store.save_error == "" and "Saved at" in box.status.value
    assert AnswerStore(answers_dir).get("05.memo") == "my memo, typed while the disk was full"


def test_export_when_nothing_can_be_written_offers_the_text_to_copy(answers_dir, monkeypatch, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setattr(responses, "fallback_folders", lambda: [blocker / "fallback"])
    _break_saving(monkeypatch, errno.EACCES)
    store = responses.store()
    store.set("05.steelman", "The other side says <this> & that")
    with pytest.raises(responses.ExportError) as raised:
        store.export()
    assert "The other side says &lt;this&gt; &amp; that" in raised.value.text
    panel = export_panel()
    panel.export()
    shown = panel.result.value
    assert "could not be saved to a file" in shown and "<textarea readonly" in shown
    assert "The other side says &amp;lt;this&amp;gt;" in shown  # the Markdown, escaped once more for HTML
    assert store.get("05.steelman") == "The other side says <this> & that"


def test_export_after_a_failed_save_hands_in_everything_and_says_so(answers_dir, monkeypatch):
    broken = _break_saving(monkeypatch)
    store = responses.store()
    real = responses._write_atomic

    def write(path, text):  # the answers file cannot be written, the hand-in can
        if path.name == responses.FILE_NAME:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real.__wrapped__(path, text) if hasattr(real, "__wrapped__") else _plain_write(path, text)

    monkeypatch.setattr(responses, "_write_atomic", write)
    monkeypatch.setattr(responses, "fallback_folders", lambda: [])
    store.set("03.trend", "unsaved but handed in")
    panel = export_panel()
    html_path = panel.export()
    assert "unsaved but handed in" in html_path.read_text(encoding="utf-8")
    assert "could not be saved on this computer" in panel.result.value
    assert "When this was exported, the answers could not be saved" in html_path.read_text(encoding="utf-8")
    broken["broken"] = False


def _plain_write(path, text):
    Path(path).write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# A cross-platform lock, and a tidy folder (issue 14.5)

_WRITER = textwrap.dedent("""
    import sys
    from fedstate import responses
    if sys.argv[3] == "soft":  # the lock filelock falls back to where a filesystem has no flock
        import filelock
        responses.FileLock = filelock.SoftFileLock
    store = responses.AnswerStore(sys.argv[1], debounce=0)
    for i in range(int(sys.argv[4])):
        store.set(f"bench.{sys.argv[2]}.{i}", f"answer {i} from {sys.argv[2]}")
""")


@pytest.mark.parametrize("lock", ["filelock", "soft"])
def test_two_processes_saving_at_once_lose_nothing(answers_dir, lock):
    import filelock

    assert responses.FileLock is filelock.FileLock and "fcntl" not in vars(responses)
    n = 200
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(answers_dir), name, lock, str(n)],
                              stderr=subprocess.PIPE, text=True) for name in ("A", "B")]
    for proc in procs:
        assert proc.wait(timeout=300) == 0, proc.stderr.read()
    saved = json.loads((answers_dir / responses.FILE_NAME).read_text(encoding="utf-8"))["answers"]
    for name in ("A", "B"):
        missing = [i for i in range(n) if f"bench.{name}.{i}" not in saved]
        assert not missing, f"{len(missing)} of {n} answers from {name} were lost"
    assert sorted(p.name for p in answers_dir.iterdir()) == [responses.FILE_NAME]  # no lock or temp file left


def test_no_lock_or_temp_file_is_left_after_a_normal_exit(answers_dir):
    script = ("from fedstate import responses\n"
              "s = responses.store()\n"
              "s.set('03.trend', 'typed just before the kernel stopped')\n")  # saved by the exit hook
    subprocess.run([sys.executable, "-c", script], check=True, env=dict(os.environ, FEDSTATE_ANSWERS=str(answers_dir)))
    assert sorted(p.name for p in answers_dir.iterdir()) == [responses.FILE_NAME]
    assert AnswerStore(answers_dir).get("03.trend") == "typed just before the kernel stopped"


def test_stale_temporary_files_are_cleaned_on_start_and_nothing_else(answers_dir):
    stale = [answers_dir / ".my_answers.json.k2j3h4.tmp", answers_dir / ".my_answers.json.lock"]
    kept = [answers_dir / "my_answers.damaged-20260101-101010.json",
            answers_dir / "my_answers.set-aside-20260101-101010.json", answers_dir / "notes.txt"]
    for path in stale + kept:
        path.write_text("x")
    AnswerStore(answers_dir)
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in kept)


def test_gitignore_covers_answers_and_leftovers_in_any_folder():
    paths = ["notebooks/my_answers.json", "my_answers.json", "some/folder/my_answers.json",
             "teacher/.my_answers.json.lock", "notebooks/.my_answers.json.a1b2c3.tmp",
             "x/.my_answers.json.probe-abc", "notebooks/my_answers.damaged-20260101-101010.json",
             "deep/my_answers.set-aside-20260101-101010-1.json", "notebooks/my_work_Ana_2026-12-05.html",
             "my_work_no-name_2026-12-05.md", "x/.my_work_Ana_2026-12-05.html.k3j4.tmp", "fedstate-answers/my_answers.json"]
    run = subprocess.run(["git", "check-ignore", "--no-index", *paths], cwd=REPO, capture_output=True, text=True)
    assert sorted(run.stdout.split()) == sorted(paths), f"not ignored: {sorted(set(paths) - set(run.stdout.split()))}"
    normal = ["notebooks/00_start_here.ipynb", "data/sources.csv", "README.md"]
    run = subprocess.run(["git", "check-ignore", "--no-index", *normal], cwd=REPO, capture_output=True, text=True)
    assert run.stdout.split() == []


# ---------------------------------------------------------------------------------------------
# Export is always complete and current (issue 14.2)


def _save_in_another_kernel(folder, **answers):
    script = ("import json, sys\nfrom fedstate.responses import AnswerStore\n"
              "a = AnswerStore(sys.argv[1], debounce=0)\n"
              "for key, value in json.loads(sys.argv[2]).items():\n    a.set(key, value)\n")
    subprocess.run([sys.executable, "-c", script, str(folder), json.dumps(answers)], check=True)


def test_export_from_a_store_opened_earlier_has_answers_saved_elsewhere(answers_dir):
    kernel_b = AnswerStore(answers_dir, debounce=60)  # notebook 05, opened first, nothing typed yet
    _save_in_another_kernel(answers_dir, **{"03.trend": "saved from notebook 03 in another kernel"})
    page = kernel_b.export()[0].read_text(encoding="utf-8")
    assert "saved from notebook 03 in another kernel" in page  # before: missing (export never re-read)
    # with an unsaved change in B, and a draft that A changes afterwards: both current
    kernel_b.set("05.steelman", "typed in B, not yet saved")
    _save_in_another_kernel(answers_dir, **{"03.trend": "A's newer draft"})
    page = kernel_b.export()[0].read_text(encoding="utf-8")
    assert "A's newer draft" in page.replace("&#x27;", "'") and "saved from notebook 03" not in page
    assert "typed in B, not yet saved" in page
    assert AnswerStore(answers_dir).get("05.steelman") == "typed in B, not yet saved"  # and now saved


# ---------------------------------------------------------------------------------------------
# Answers of the wrong type (issue 14.4)


def _write_answers(folder, answers):
    (folder / responses.FILE_NAME).write_text(json.dumps({"format": 1, "answers": answers}), encoding="utf-8")


def test_answers_of_the_wrong_type_are_set_aside_with_a_message_and_never_break_a_cell(answers_dir):
    from fedstate.widgets.reader import cue_sorter

    _write_answers(answers_dir, {
        "_student_name": {"value": ["Ana", "Lee"]},                # a list where the name belongs
        "01.cue.click": {"value": True},                            # a boolean where a choice belongs
        "03.trend": {"value": 42, "prompt": "Which figure?"},       # a number where text belongs
        "05.memo": {"value": "fine text", "notebook": 5},           # an integer notebook field
        "predict.arrests-convicted": {"value": 1000},               # outside the slider's range
        "04.my-weights": {"value": {"Cost": "high"}},               # text where a weight belongs
        "02.sort-powers": {"value": ["federal"]},                   # a list where item: bin pairs belong
        "03.rewrite": {"value": "kept as it is"},
    })
    store = responses.store()
    for key in ("_student_name", "01.cue.click", "03.trend", "predict.arrests-convicted", "04.my-weights",
                "02.sort-powers", "05.memo"):
        assert f'"{key}"' in store.message, key
    assert "expected text, found a list" in store.message and "found true/false" in store.message
    aside = list(answers_dir.glob("my_answers.set-aside-*.json"))
    assert len(aside) == 1 and aside[0].name in store.message
    kept = json.loads(aside[0].read_text(encoding="utf-8"))
    assert kept["answers"]["_student_name"]["value"] == ["Ana", "Lee"] and kept["answers"]["03.trend"]["value"] == 42
    assert store.get("03.rewrite") == "kept as it is" and store.get("05.memo") == "fine text"
    assert store.entries()["05.memo"]["notebook"] == "05 Deliberate and argue"
    assert store.get("03.trend") is None and store.student_name == ""
    # the cells that broke before: the name box (TraitError), the cue sorter, export
    assert name_box().text.value == ""
    cue_sorter()
    html_path, _md = store.export()
    assert "fine text" in html_path.read_text(encoding="utf-8")
    # the file itself was cleaned, so the next run sets nothing aside again
    responses._STORE = None
    assert responses.store().message == "" and len(list(answers_dir.glob("my_answers.set-aside-*.json"))) == 1


def test_a_widget_cannot_save_a_value_of_the_wrong_type(answers_dir):
    store = AnswerStore(answers_dir)
    with pytest.raises(TypeError, match="03.trend.*expected text"):
        store.set("03.trend", ["a", "list"])
    store.set("bench.anything", ["a", "list"])  # keys the catalogue does not know take any JSON value
