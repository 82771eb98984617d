"""A student's work: saved as they type, restored on every run, exported to hand in.

Where: one file, ``my_answers.json``, in the folder the notebook runs in (the kernel's working
directory, which JupyterLab sets to the notebook's folder), or in ``FEDSTATE_ANSWERS`` if that is
set. Never inside the installed package, so two students sharing one installation (a JupyterHub
image, a lab machine) never share a file. Why it is built this way:

- **Atomic writes.** The file is written to a temporary file in the same folder, flushed to disk and
  renamed over the old one, so a kernel killed mid-write (or a Binder session culled) leaves the
  last good file, never half of one. Temporary files a crash left behind are removed on start.
- **Merge on save, under a cross-platform lock.** Each notebook runs in its own kernel, and a student
  may have two open. A save takes the ``filelock`` lock (fcntl on Linux and macOS, the Windows API on
  Windows), re-reads the file and writes back only the answers this kernel changed, so one notebook
  never erases another's answers. The lock file is removed after each save.
- **Export is always current.** Export re-reads the file under the lock and adds this kernel's
  unsaved changes before writing the hand-in (:mod:`fedstate.handins`).
- **Debounced.** Typing saves about half a second after the last keystroke (and at once on
  ``flush()``, on Export, and when the kernel exits).
- **A folder that cannot be written** (read-only, or part of the path is a file): answers go to
  ``~/fedstate-answers`` (then a private temporary folder), and every answer box says where.
- **A save that fails** (disk full, the folder locked mid-lesson) keeps the text in memory, says so
  in every answer box (where, why, what to do), and retries with back-off; Export then hands in
  everything from memory, or shows the text to copy if no folder can be written.
- **Nothing is deleted.** A damaged file is renamed aside; an answer of the wrong type (a list where
  text belongs, say) is moved to a ``my_answers.set-aside-*.json`` file; each with a message
  naming what was kept and where.

Questions are never about anyone's own or family immigration status: answers here are work on the
lesson's questions (:mod:`fedstate.questions`), and the export names only what the student types as
their name.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as _dt
import errno
import getpass
import json
import os
import tempfile
import threading
import time
from pathlib import Path

from filelock import FileLock, Timeout

FILE_NAME = "my_answers.json"
LOCK_NAME = f".{FILE_NAME}.lock"
NAME_KEY = "_student_name"
FORMAT = 1
DEBOUNCE_SECONDS = 0.5
LOCK_TIMEOUT = 20.0  # seconds to wait for another notebook's save
#: Seconds between retries after a failed save; after the last one, the next change or Export retries.
RETRY_DELAYS = (2, 4, 8, 16, 30, 60, 60, 60)
FALLBACK_NAME = "fedstate-answers"


def default_folder() -> Path:
    """Where answers live: FEDSTATE_ANSWERS if set, else the kernel's working directory (the notebook's folder)."""
    if os.environ.get("FEDSTATE_ANSWERS"):
        return Path(os.environ["FEDSTATE_ANSWERS"])
    return Path.cwd()


def fallback_folders() -> list[Path]:
    """Where answers go when their folder cannot be written, in order of preference."""
    folders = []
    with contextlib.suppress(RuntimeError, KeyError):  # no home directory
        folders.append(Path.home() / FALLBACK_NAME)
    folders.append(Path(tempfile.gettempdir()) / f"{FALLBACK_NAME}-{_user()}")
    return folders


def _user() -> str:
    try:
        return "".join(c for c in getpass.getuser() if c.isalnum() or c in "-_") or "student"
    except Exception:  # noqa: BLE001 (no user name on this system)
        return str(os.getuid()) if hasattr(os, "getuid") else "student"


def _now() -> str:
    return _dt.datetime.now().isoformat(timespec="seconds")


def reason(exc: BaseException) -> str:
    """An OSError in words a student can act on."""
    if isinstance(exc, Timeout):
        return "another notebook kept the answers file busy"
    code = getattr(exc, "errno", None)
    words = {
        errno.EACCES: "you do not have permission to write there",
        errno.EPERM: "you do not have permission to write there",
        errno.EROFS: "that disk is read-only",
        errno.ENOSPC: "the disk is full",
        errno.ENOTDIR: "part of that path is a file, not a folder",
        errno.ENOENT: "that folder does not exist",
    }
    if hasattr(errno, "EDQUOT"):
        words[errno.EDQUOT] = "your storage quota is full"
    return words.get(code) or getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _probe(folder: Path) -> str:
    """"" if answers can be written in ``folder`` (created if needed), else why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{FILE_NAME}.probe-", dir=folder)
        os.close(fd)
        os.unlink(name)
        return ""
    except OSError as exc:
        return reason(exc)


class AnswersFileError(Exception):
    """The answers file could not be read; the message says what was done about it."""


def _read(path: Path) -> dict:
    """Read an answers file, or raise AnswersFileError saying what is wrong with the file as a whole."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AnswersFileError(f"{path} is not UTF-8 text") from None
    try:
        content = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswersFileError(f"{path}, line {exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(content, dict) or not isinstance(content.get("answers"), dict):
        raise AnswersFileError(f'{path}: not an answers file (no "answers" section)')
    return content


def check_entries(answers: dict) -> tuple[dict[str, dict], dict[str, str], dict[str, object]]:
    """Split raw answer entries into usable ones and problems.

    Returns ``(usable, problems, originals)``: ``problems`` maps a key to what is wrong with it, and
    ``originals`` holds each such entry exactly as it was (to be kept aside, never deleted). An entry
    whose value has the wrong type for its question is left out of ``usable``; one whose value is
    fine but whose prompt, notebook or time is not text is kept, with those fields repaired.
    """
    from fedstate import questions

    usable, problems, originals = {}, {}, {}
    for key, entry in answers.items():
        if not isinstance(entry, dict) or "value" not in entry:
            problems[key], originals[key] = "not an answer (it has no value)", entry
            continue
        why = questions.value_problem(key, entry["value"])
        if why:
            problems[key], originals[key] = why, entry
            continue
        fixed = dict(entry)
        bad_fields = [f for f in ("prompt", "notebook", "updated") if f in entry and not isinstance(entry[f], str)]
        if bad_fields:
            found = _known(key)
            if "prompt" in bad_fields:
                fixed["prompt"] = (found[0].group if found and found[0].item else found[0].prompt) if found else ""
            if "notebook" in bad_fields:
                fixed["notebook"] = found[0].notebook_title if found else ""
            if "updated" in bad_fields:
                fixed["updated"] = ""
            problems[key] = f"its {' and '.join(bad_fields)} field was not text (the answer is kept; the field was repaired)"
            originals[key] = entry
        usable[key] = fixed
    return usable, problems, originals


def _known(key: str) -> list:
    """The catalogue's questions for an answers-file key ([] if unknown, or if the data cannot be read)."""
    from fedstate import questions

    try:
        return questions.for_key(key)
    except Exception:  # noqa: BLE001 (a data problem is reported by the loader, not by saving)
        return []


def _write_atomic(path: Path, text: str) -> None:
    """Write text to a temporary file beside ``path``, fsync it, then rename it over ``path``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _json(content: dict) -> str:
    return json.dumps(content, ensure_ascii=False, indent=1)


def _stamp() -> str:
    return _dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _unused(folder: Path, stem: str, suffix: str) -> Path:
    candidate, n = folder / f"{stem}{suffix}", 1
    while candidate.exists():
        candidate, n = folder / f"{stem}-{n}{suffix}", n + 1
    return candidate


class ExportError(OSError):
    """No folder could take the hand-in; ``text`` holds it, for the student to copy."""

    def __init__(self, message: str, text: str):
        super().__init__(message)
        self.text = text


class AnswerStore:
    """All of one student's answers, in one file. Use :func:`store` to get the shared instance.

    Public attributes: ``folder`` and ``path`` (where answers are saved now), ``requested_folder``
    (where they were meant to go), ``message`` (what the student should know about the file: a damaged
    file kept, answers set aside, a folder that could not be written), ``save_error`` (why the last
    save failed; "" when saving works), ``last_saved``.
    """

    def __init__(self, folder: Path | str | None = None, debounce: float = DEBOUNCE_SECONDS):
        self.requested_folder = Path(folder) if folder is not None else default_folder()
        self.folder = self.requested_folder
        self.debounce = debounce
        self.message = ""
        self.save_error = ""
        self.last_saved: str | None = None
        self.last_export: dict | None = None  # the record of the last hand-in written
        self._answers: dict[str, dict] = {}
        self._dirty: set[str] = set()
        self._lock = threading.RLock()
        self._timer: threading.Timer | None = None
        self._failures = 0
        self._listeners: dict[str, list] = {}
        problem = _probe(self.folder)
        if problem:
            self._move_to_fallback(problem)
        self._clean_stale_files()
        self.reload()
        if self.folder != self.requested_folder:
            self._import_from(self.requested_folder)

    @property
    def path(self) -> Path:
        return self.folder / FILE_NAME

    def _file_lock(self) -> FileLock:
        return FileLock(str(self.folder / LOCK_NAME), timeout=LOCK_TIMEOUT)

    # -- where --------------------------------------------------------------------------------
    def _move_to_fallback(self, why: str, report_failure: bool = True) -> bool:
        """Switch to the first fallback folder that can be written; say so in ``message``."""
        for candidate in fallback_folders():
            if candidate == self.folder or _probe(candidate):
                continue
            with contextlib.suppress(OSError):
                if candidate.parent == Path(tempfile.gettempdir()):
                    os.chmod(candidate, 0o700)  # a shared temporary folder: keep the answers private
            self.folder = candidate
            self._note(f"Your answers cannot be saved in {self.requested_folder} ({why}), so they are saved in "
                       f"{candidate} instead. Nothing is lost, and Export my work puts your hand-in there too. "
                       "Tell your teacher if this surprises you.")
            return True
        if not report_failure:  # a failed save says so itself, in save_error
            return False
        self._note(f"Your answers cannot be saved in {self.requested_folder} ({why}), nor in "
                   f"{' or '.join(str(f) for f in fallback_folders())}. Keep this notebook open: what you type is "
                   "kept in memory, and Export my work shows your answers to copy.")
        return False

    def _note(self, text: str) -> None:
        self.message = f"{self.message} {text}".strip() if text not in self.message else self.message

    def _clean_stale_files(self) -> None:
        """Remove temporary files a killed kernel left (never answers, damaged or set-aside files)."""
        try:
            with self._file_lock():  # no save is writing while we hold it
                for leftover in self.folder.glob(f".{FILE_NAME}.*.tmp"):
                    with contextlib.suppress(OSError):
                        leftover.unlink()
                for leftover in list(self.folder.glob(f".{FILE_NAME}.probe-*")) + list(self.folder.glob(".my_work*.tmp")):
                    with contextlib.suppress(OSError):
                        if time.time() - leftover.stat().st_mtime > 600:  # not one being written right now
                            leftover.unlink()
                self._remove_lock_file()
        except OSError:
            pass  # a folder we cannot lock is reported by the first save

    def _remove_lock_file(self) -> None:
        # Called while holding the lock: filelock notices a lock file removed under a waiting
        # kernel and takes a fresh one, so no lock file is left behind after a save.
        with contextlib.suppress(OSError):
            (self.folder / LOCK_NAME).unlink()

    # -- reading ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the file. A damaged file is renamed aside and bad answers set aside (never deleted), with a message."""
        with self._lock:
            try:
                with self._file_lock():
                    self._answers = self._load_locked()
                    self._remove_lock_file()
            except OSError:
                self._answers = self._load_readonly(self.path)

    def _load_locked(self) -> dict[str, dict]:
        """The answers on disk, checked; call while holding the file lock (it may rewrite the file)."""
        if not self.path.exists():
            return {}
        try:
            raw = _read(self.path)["answers"]
        except AnswersFileError as exc:
            kept = self._set_aside_file()
            self._note(f"Your answers file could not be read ({exc}). It was kept, unchanged, as {kept.name}; ask your "
                       f"teacher if you need what was in it. New answers are saved to a fresh {self.path.name}.")
            return {}
        usable, problems, originals = check_entries(raw)
        if problems:
            self._set_aside_entries(problems, originals, usable)
        return usable

    def _load_readonly(self, path: Path) -> dict[str, dict]:
        """Answers from a file we cannot write beside (nothing is moved; bad entries are only skipped)."""
        try:
            if not path.exists():
                return {}
            usable, problems, _ = check_entries(_read(path)["answers"])
        except (OSError, AnswersFileError) as exc:
            self._note(f"The answers in {path} could not be read ({exc}); the file is left as it is.")
            return {}
        if problems:
            self._note("Some answers in " + str(path) + " could not be used and were skipped (the file is left as it "
                       "is): " + "; ".join(f'"{k}": {why}' for k, why in problems.items()) + ".")
        return usable

    def _import_from(self, folder: Path) -> None:
        """Bring in answers saved earlier in a folder that can no longer be written."""
        earlier = self._load_readonly(folder / FILE_NAME)
        with self._lock:
            for key, entry in earlier.items():
                if key not in self._answers:
                    self._answers[key] = entry
                    self._dirty.add(key)
            if self._dirty:
                self._schedule()

    def _set_aside_file(self) -> Path:
        kept = _unused(self.folder, f"{self.path.stem}.damaged-{_stamp()}", self.path.suffix)
        os.replace(self.path, kept)
        return kept

    def _set_aside_entries(self, problems: dict[str, str], originals: dict, usable: dict) -> None:
        listing = "; ".join(f'"{k}": {why}' for k, why in problems.items())
        try:
            kept = _unused(self.folder, f"{self.path.stem}.set-aside-{_stamp()}", self.path.suffix)
            _write_atomic(kept, _json({"format": FORMAT, "set_aside": _now(), "from": str(self.path),
                                       "reasons": problems, "answers": originals}))
            _write_atomic(self.path, _json({"format": FORMAT, "saved": _now(), "answers": usable}))
        except OSError as exc:
            self._note(f"Some saved answers could not be used ({listing}); they are left in {self.path.name} but not "
                       f"shown, and could not be copied aside ({reason(exc)}).")
            return
        self._note(f"Some saved answers could not be used and were kept aside, unchanged, in {kept.name}: {listing}. "
                   "Your other answers are restored.")

    def get(self, question_id: str, default=None):
        with self._lock:
            entry = self._answers.get(question_id)
            return default if entry is None else entry["value"]

    def entries(self) -> dict[str, dict]:
        """Every answer with its prompt, notebook and time, in the order first answered."""
        with self._lock:
            return {k: dict(v) for k, v in self._answers.items()}

    @property
    def student_name(self) -> str:
        name = self.get(NAME_KEY, "")
        return name if isinstance(name, str) else ""

    @property
    def unsaved(self) -> bool:
        """True while some answer is only in memory."""
        with self._lock:
            return bool(self._dirty)

    # -- writing ------------------------------------------------------------------------------
    def set(self, question_id: str, value, prompt: str = "", notebook: str = "", *, source=None) -> None:
        """Record an answer and schedule a save. ``source`` is the widget that changed, if any.

        The prompt and notebook default to the question's, from :mod:`fedstate.questions`. A value
        of the wrong type for its question (a list where text belongs) is refused at once, in the
        student's cell, rather than saved and found broken later.
        """
        from fedstate import questions

        if not question_id:
            raise ValueError("an answer needs a question id")
        json.dumps(value)  # fail now, in the student's cell, if the value cannot be saved
        problem = questions.value_problem(question_id, value)
        if problem:
            raise TypeError(f"answer {question_id!r}: {problem}")
        if not prompt or not notebook:
            found = _known(question_id)
            if found:
                prompt = prompt or (found[0].group if found[0].item else found[0].prompt)
                notebook = notebook or found[0].notebook_title
        with self._lock:
            old = self._answers.get(question_id, {})
            self._answers[question_id] = {
                "value": value,
                "prompt": prompt or old.get("prompt", ""),
                "notebook": notebook or old.get("notebook", ""),
                "updated": _now(),
            }
            self._dirty.add(question_id)
            self._schedule()
        for listener in list(self._listeners.get(question_id, [])):
            if listener is not source:
                listener(value)

    def set_student_name(self, name: str) -> None:
        self.set(NAME_KEY, name)

    def _schedule(self, delay: float | None = None) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        delay = self.debounce if delay is None else delay
        if delay <= 0:
            self.flush()
            return
        self._timer = threading.Timer(delay, self._background_save)
        self._timer.daemon = True
        self._timer.start()

    def _background_save(self) -> None:
        try:
            self.flush()
        except Exception as exc:  # noqa: BLE001 (a timer thread's error would otherwise vanish)
            with self._lock:
                self.save_error = f"Your answers could not be saved ({exc}). They are kept while this notebook is open."
            self._notify()

    def flush(self) -> bool:
        """Save now. Returns True if the file was written; never raises for a disk problem (see ``save_error``)."""
        return self._sync(reread=False)

    def sync(self) -> bool:
        """Re-read the file under the lock (answers saved by other notebooks) and save this kernel's changes."""
        return self._sync(reread=True)

    def _sync(self, reread: bool, _moved: bool = False) -> bool:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if not self._dirty and not reread:
                return False
            try:
                with self._file_lock():
                    on_disk = self._load_locked()
                    # Answers other kernels saved meanwhile stay; this kernel's changes win for the
                    # questions it changed; answers only this kernel knows are kept too.
                    merged = dict(on_disk)
                    for key, entry in self._answers.items():
                        if key in self._dirty or key not in merged:
                            merged[key] = entry
                    wrote = bool(self._dirty) or len(merged) != len(on_disk)
                    if wrote:
                        _write_atomic(self.path, _json({"format": FORMAT, "saved": _now(), "answers": merged}))
                    self._answers = merged
                    self._dirty.clear()
                    self._remove_lock_file()
            except OSError as exc:
                if not isinstance(exc, Timeout) and not _moved and self.folder == self.requested_folder \
                        and self._move_to_fallback(reason(exc), report_failure=False):
                    self._dirty.update(self._answers)  # everything goes to the new folder
                    return self._sync(reread, _moved=True)
                self._failed(exc)
                written = False
            else:
                self._failures = 0
                self.save_error = ""
                if wrote:
                    self.last_saved = _now()
                written = wrote
        self._notify()
        return written

    def _failed(self, exc: OSError) -> None:
        """Keep the answers in memory, say where and why, and retry with back-off (called holding the lock)."""
        self._failures += 1
        if self._failures <= len(RETRY_DELAYS):
            delay = RETRY_DELAYS[self._failures - 1]
            retry = f"Saving is tried again in {delay} seconds."
        else:
            delay = None
            retry = "Saving is tried again when you type or press Export my work."
        self.save_error = (f"Not saved: your answers could not be written to {self.path} ({reason(exc)}). What you "
                           f"typed is kept while this notebook stays open. {retry} Do not close this notebook; "
                           "press Export my work to hand in or copy your work, and tell your teacher.")
        if delay is not None:
            self._timer = threading.Timer(delay, self._background_save)
            self._timer.daemon = True
            self._timer.start()

    def _notify(self) -> None:
        for listener in list(self._listeners.get("__saved__", [])):
            listener(self.last_saved)

    # -- widgets listen here ------------------------------------------------------------------
    def listen(self, question_id: str, callback) -> None:
        """Call ``callback(value)`` when the answer changes elsewhere (another widget, same question)."""
        self._listeners.setdefault(question_id, []).append(callback)

    def on_saved(self, callback) -> None:
        """Call ``callback(last_saved)`` after every save attempt, successful or not (see ``save_error``)."""
        self.listen("__saved__", callback)

    # -- export -------------------------------------------------------------------------------
    def export(self, folder: Path | str | None = None, name: str | None = None) -> tuple[Path, Path]:
        """Write the hand-in, ``my_work_<name>_<date>.html`` and ``.md``; return both paths.

        It first re-reads the answers file under the lock and adds this kernel's unsaved changes, so
        the hand-in holds every answer saved from any notebook. If the answers folder cannot take
        it, the fallback folders are tried; if none can, :class:`ExportError` carries the text.
        """
        from fedstate import handins

        self.sync()
        student = name if name is not None else self.student_name
        record = handins.build_record(student, self.entries(), save_problem=self.save_error)
        stem = handins.file_stem(student, _dt.date.today())
        targets = [Path(folder)] if folder is not None else [self.folder]
        targets += [f for f in fallback_folders() if f not in targets]
        failures = []
        for target in targets:
            try:
                target.mkdir(parents=True, exist_ok=True)
                html_path, md_path = target / f"{stem}.html", target / f"{stem}.md"
                _write_atomic(html_path, handins.render_html(record))
                _write_atomic(md_path, handins.render_markdown(record))
            except OSError as exc:
                failures.append(f"{target} ({reason(exc)})")
                continue
            self.last_export = record
            return html_path, md_path
        raise ExportError("Your hand-in could not be written in " + "; nor in ".join(failures) + ".",
                          handins.render_markdown(record))


_STORE: AnswerStore | None = None


def store() -> AnswerStore:
    """The answer store of this kernel (one per kernel, shared by every widget)."""
    global _STORE
    if _STORE is None or _STORE.requested_folder != default_folder():
        _STORE = AnswerStore()
    return _STORE


@atexit.register
def _flush_on_exit() -> None:
    if _STORE is not None:
        with contextlib.suppress(Exception):
            _STORE.flush()
            if _STORE._timer is not None:
                _STORE._timer.cancel()
