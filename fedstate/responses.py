"""A student's written work: saved as they type, restored on every run, exported to hand in.

One JSON file beside the notebooks (``notebooks/my_answers.json``) holds every answer of every
notebook. Why it is built this way:

- **Atomic writes.** The file is written to a temporary file in the same folder, flushed to disk and
  renamed over the old one, so a kernel killed mid-write (or a Binder session culled) leaves the
  last good file, never half of one.
- **Merge on save.** Each notebook runs in its own kernel, and a student may have two open. A save
  re-reads the file under a lock and writes back only the answers this kernel changed, so one
  notebook never erases another's answers.
- **Debounced.** Typing saves about half a second after the last keystroke (and at once on
  ``flush()`` or when the kernel exits), so the disk is not written on every key.
- **A damaged file is kept, not overwritten.** It is renamed aside with a clear message saying where
  it went, and new answers go to a fresh file.

Questions are never about anyone's own or family immigration status: answers here are work on the
lesson's questions, and the export names only what the student types as their name.
"""

from __future__ import annotations

import atexit
import datetime as _dt
import html
import json
import os
import tempfile
import threading
from pathlib import Path

try:  # POSIX only; on Windows saves still work, without the cross-kernel lock.
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

FILE_NAME = "my_answers.json"
NAME_KEY = "_student_name"
FORMAT = 1
DEBOUNCE_SECONDS = 0.5


def default_folder() -> Path:
    """Where answers live: FEDSTATE_ANSWERS if set, else the kernel's working directory (JupyterLab
    starts a notebook's kernel in the notebook's folder), never inside the installed package."""
    if os.environ.get("FEDSTATE_ANSWERS"):
        return Path(os.environ["FEDSTATE_ANSWERS"])
    return Path.cwd()


def _now() -> str:
    return _dt.datetime.now().isoformat(timespec="seconds")


class AnswersFileError(Exception):
    """The answers file could not be read; the message says what was done about it."""


def _read(path: Path) -> dict:
    """Read an answers file, or raise AnswersFileError saying what is wrong with it."""
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
    for key, entry in content["answers"].items():
        if not isinstance(entry, dict) or "value" not in entry:
            raise AnswersFileError(f'{path}: the answer "{key}" has no value')
    return content


def _write_atomic(path: Path, content: dict) -> None:
    """Write JSON to a temporary file beside ``path``, fsync it, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(content, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


class AnswerStore:
    """All of one student's answers, in one file. Use :func:`store` to get the shared instance."""

    def __init__(self, folder: Path | str | None = None, debounce: float = DEBOUNCE_SECONDS):
        self.folder = Path(folder) if folder is not None else default_folder()
        self.path = self.folder / FILE_NAME
        self.debounce = debounce
        self.message = ""  # what the student should know about the file (e.g. a damaged one kept)
        self._answers: dict[str, dict] = {}
        self._dirty: set[str] = set()
        self._lock = threading.RLock()
        self._timer: threading.Timer | None = None
        self._listeners: dict[str, list] = {}
        self.last_saved: str | None = None
        self.reload()

    # -- reading ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the file. A damaged file is renamed aside (never deleted) and reported."""
        with self._lock:
            if not self.path.exists():
                self._answers = {}
                return
            try:
                self._answers = dict(_read(self.path)["answers"])
            except AnswersFileError as exc:
                kept = self._set_aside()
                self._answers = {}
                self.message = (f"Your answers file could not be read ({exc}). It was kept, unchanged, as "
                                f"{kept.name}; ask your teacher if you need what was in it. New answers are "
                                f"saved to a fresh {self.path.name}.")

    def _set_aside(self) -> Path:
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = self.path.with_name(f"{self.path.stem}.damaged-{stamp}{self.path.suffix}")
        n = 1
        while kept.exists():
            kept = self.path.with_name(f"{self.path.stem}.damaged-{stamp}-{n}{self.path.suffix}")
            n += 1
        os.replace(self.path, kept)
        return kept

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
        return self.get(NAME_KEY, "") or ""

    # -- writing ------------------------------------------------------------------------------
    def set(self, question_id: str, value, prompt: str = "", notebook: str = "", *, source=None) -> None:
        """Record an answer and schedule a save. ``source`` is the widget that changed, if any."""
        if not question_id:
            raise ValueError("an answer needs a question id")
        json.dumps(value)  # fail now, in the student's cell, if the value cannot be saved
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
        self.set(NAME_KEY, name, prompt="Student name", notebook="")

    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self.debounce <= 0:
            self.flush()
            return
        self._timer = threading.Timer(self.debounce, self.flush)
        self._timer.daemon = True
        self._timer.start()

    def flush(self) -> bool:
        """Save now. Returns True if anything was written."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if not self._dirty:
                return False
            self.folder.mkdir(parents=True, exist_ok=True)
            lock_path = self.folder / f".{FILE_NAME}.lock"
            with open(lock_path, "a") as lock_file:
                if fcntl is not None:
                    fcntl.flock(lock_file, fcntl.LOCK_EX)
                try:
                    on_disk = {}
                    if self.path.exists():
                        try:
                            on_disk = dict(_read(self.path)["answers"])
                        except AnswersFileError as exc:
                            kept = self._set_aside()
                            self.message = (f"Your answers file was damaged ({exc}); it was kept as "
                                            f"{kept.name} and your answers are now saved to a fresh file.")
                            on_disk = {}
                    # Answers other kernels saved meanwhile stay; this kernel's changes win for
                    # the questions it changed; answers only this kernel knows are kept too.
                    merged = dict(on_disk)
                    for key, entry in self._answers.items():
                        if key in self._dirty or key not in merged:
                            merged[key] = entry
                    _write_atomic(self.path, {"format": FORMAT, "saved": _now(), "answers": merged})
                    self._answers = merged
                    self._dirty.clear()
                    self.last_saved = _now()
                finally:
                    if fcntl is not None:
                        fcntl.flock(lock_file, fcntl.LOCK_UN)
        for listener in list(self._listeners.get("__saved__", [])):
            listener(self.last_saved)
        return True

    # -- widgets listen here ------------------------------------------------------------------
    def listen(self, question_id: str, callback) -> None:
        """Call ``callback(value)`` when the answer changes elsewhere (another widget, same question)."""
        self._listeners.setdefault(question_id, []).append(callback)

    def on_saved(self, callback) -> None:
        self.listen("__saved__", callback)

    # -- export -------------------------------------------------------------------------------
    def export(self, folder: Path | str | None = None, name: str | None = None) -> tuple[Path, Path]:
        """Write every answer to ``my_work.html`` and ``my_work.md``; return both paths."""
        self.flush()
        folder = Path(folder) if folder is not None else self.folder
        student = (name if name is not None else self.student_name).strip() or "(no name entered)"
        entries = {k: v for k, v in self.entries().items() if k != NAME_KEY}
        html_path, md_path = folder / "my_work.html", folder / "my_work.md"
        _write_text_atomic(html_path, render_html(student, entries))
        _write_text_atomic(md_path, render_markdown(student, entries))
        return html_path, md_path


def _write_text_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _grouped(entries: dict[str, dict]) -> list[tuple[str, list[tuple[str, dict]]]]:
    groups: dict[str, list] = {}
    for key, entry in entries.items():
        groups.setdefault(entry.get("notebook") or "Other", []).append((key, entry))
    return sorted(groups.items(), key=lambda item: item[0])


def _value_text(value) -> str:
    if value is None or value == "":
        return "(no answer)"
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def render_html(student: str, entries: dict[str, dict]) -> str:
    """The hand-in page: every question with its answer, escaped, readable when printed."""
    esc = html.escape
    out = ["<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">",
           f"<title>Work of {esc(student)}</title>",
           "<style>body{font-family:Arial,sans-serif;max-width:46em;margin:2em auto;line-height:1.5}"
           "dt{font-weight:bold;margin-top:1em}dd{margin:0.3em 0 0 0;white-space:pre-wrap}"
           "small{color:#555}</style></head><body>",
           f"<h1>Work of {esc(student)}</h1>",
           f"<p>Exported {esc(_now())} from the module “DHS, ICE and the states: reading one article”.</p>"]
    if not entries:
        out.append("<p>No answers yet.</p>")
    for notebook, items in _grouped(entries):
        out.append(f"<h2>{esc(notebook)}</h2><dl>")
        for key, entry in items:
            prompt = entry.get("prompt") or key
            out.append(f"<dt>{esc(prompt)}</dt><dd>{esc(_value_text(entry['value']))}</dd>"
                       f"<dd><small>question {esc(key)} · last changed {esc(entry.get('updated', ''))}</small></dd>")
        out.append("</dl>")
    out.append("</body></html>")
    return "\n".join(out)


def render_markdown(student: str, entries: dict[str, dict]) -> str:
    lines = [f"# Work of {student}", "", f"Exported {_now()}.", ""]
    if not entries:
        lines.append("No answers yet.")
    for notebook, items in _grouped(entries):
        lines += [f"## {notebook}", ""]
        for key, entry in items:
            prompt = (entry.get("prompt") or key).replace("\n", " ")
            answer = _value_text(entry["value"])
            quoted = "\n".join("> " + line if line else ">" for line in answer.splitlines() or [""])
            lines += [f"**{prompt}**", "", quoted, "", f"<small>question {key} · {entry.get('updated', '')}</small>", ""]
    return "\n".join(lines) + "\n"


_STORE: AnswerStore | None = None


def store() -> AnswerStore:
    """The answer store of this kernel (one per kernel, shared by every widget)."""
    global _STORE
    if _STORE is None or _STORE.folder != default_folder():
        _STORE = AnswerStore()
    return _STORE


@atexit.register
def _flush_on_exit() -> None:
    if _STORE is not None:
        try:
            _STORE.flush()
        except OSError:
            pass
