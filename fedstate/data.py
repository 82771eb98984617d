"""Load every dataset through one declared schema per file, with provenance checked.

Each CSV under ``data/`` is described once, by a :class:`Schema` in ``fedstate/schemas/``.
:func:`load` reads a file, checks every row against its schema and returns a typed
``pandas.DataFrame``. Anything wrong stops the load with a :class:`DataError` whose message names
the file, the line and the column, so a maintainer who mistyped a date sees where, and a student
never sees a chart drawn from bad data.

Why the rows are read with :mod:`csv` and not ``pandas.read_csv``: pandas would coerce a mistyped
number to text or NaN silently and could not tell us the line a quoted, multi-line cell began on.
"""

from __future__ import annotations

import csv
import datetime as _dt
import importlib
import os
import pkgutil
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

#: The folder that holds the datasets in a checkout or an editable install: ``data/`` beside the
#: package. FEDSTATE_DATA overrides it (tests point it at a temporary copy to try malformed files);
#: a built wheel carries a copy inside the package (see setup.py and :func:`data_dir`).
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PACKAGED_DATA = "_data"  # the copy's folder inside the installed package

KINDS = ("text", "int", "number", "date", "partial_date", "choice", "source_ids", "bool", "url")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TRUE = {"yes", "true", "1"}
_FALSE = {"no", "false", "0"}


def data_dir() -> Path:
    """The data folder in use.

    FEDSTATE_DATA if set; else ``data/`` beside the package (a checkout, or ``pip install -e .``);
    else the copy inside the installed package (``pip install .`` or a wheel); else a ``data/``
    folder in the working directory or one of its parents (a notebook run from the module's
    folder). If none holds the module's data, the DataError says where it looked and how to install.
    """
    if os.environ.get("FEDSTATE_DATA"):
        return Path(os.environ["FEDSTATE_DATA"])
    candidates = [DEFAULT_DATA_DIR, _packaged_data()]
    here = Path.cwd()
    candidates += [folder / "data" for folder in (here, *here.parents)]
    for folder in candidates:
        if folder is not None and _holds_data(folder):
            return folder
    looked = [str(f) for f in dict.fromkeys(candidates[:2] + candidates[2:4]) if f is not None]
    raise DataError("data/", "the module's data folder was not found. Looked in: " + "; ".join(looked)
                    + f" (and the parents of {here}). Install the module from its folder with "
                    "`pip install -r requirements.txt`, or install it with `pip install .` (which copies the data "
                    "into the package), or set FEDSTATE_DATA to the folder that holds sources.csv and "
                    "article/article.txt.")


def _holds_data(folder: Path) -> bool:
    return (folder / "sources.csv").is_file() and (folder / "article" / "article.txt").is_file()


def _packaged_data() -> Path | None:
    try:
        from importlib.resources import files

        return Path(str(files("fedstate") / PACKAGED_DATA))
    except (ModuleNotFoundError, TypeError, NotADirectoryError):  # e.g. a package imported from a zip file
        return None


class DataError(ValueError):
    """A dataset does not match its schema. The message names file, line and column."""

    def __init__(self, file: str, message: str, line: int | None = None, column: str | None = None):
        self.file, self.line, self.column, self.detail = file, line, column, message
        where = file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f', column "{column}"'
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Column:
    """One column of a dataset.

    kind is one of KINDS: ``text``; ``int``; ``number`` (a decimal); ``date`` (YYYY-MM-DD);
    ``partial_date`` (YYYY, YYYY-MM or YYYY-MM-DD, for events known only to the month or year);
    ``choice`` (one of ``choices``); ``source_ids`` (one or more ids from sources.csv, separated
    by ";"); ``bool`` (yes/no); ``url`` (http or https address).
    """

    name: str
    kind: str = "text"
    required: bool = True
    description: str = ""
    unit: str = ""
    choices: tuple[str, ...] = ()
    unique: bool = False

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"column {self.name!r}: unknown kind {self.kind!r}; use one of {KINDS}")
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"column {self.name!r}: a choice column needs its choices")


@dataclass(frozen=True)
class Schema:
    """The declared shape of one CSV file under ``data/``."""

    path: str  # relative to the data folder, with "/" separators
    columns: tuple[Column, ...]
    description: str = ""
    # Cross-file checks (e.g. "every option id exists") run after the row checks; each takes the
    # typed frame and the data folder and raises DataError itself.
    checks: tuple = field(default=(), compare=False)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


_REGISTRY: dict[str, Schema] = {}


def register(schema: Schema) -> Schema:
    """Declare a dataset. Schemas live in ``fedstate/schemas/<topic>.py`` and call this on import."""
    if schema.path in _REGISTRY and _REGISTRY[schema.path] != schema:
        raise ValueError(f"two schemas declared for {schema.path}")
    _REGISTRY[schema.path] = schema
    return schema


def schemas() -> dict[str, Schema]:
    """Every declared schema, by path. Importing the topic modules registers them."""
    import fedstate.schemas as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"{pkg.__name__}.{info.name}")
    return dict(sorted(_REGISTRY.items()))


def schema_for(path: str) -> Schema:
    known = schemas()
    if path not in known:
        raise KeyError(f"no schema declared for {path!r}; declared: {', '.join(known)}")
    return known[path]


# ---------------------------------------------------------------------------------------------
# Reading and checking


def _convert(value: str, col: Column, file: str, line: int):
    """Turn one cell's text into its typed value, or raise DataError naming the cell."""
    fail = lambda msg: DataError(file, msg, line, col.name)  # noqa: E731
    if col.kind == "text":
        return value
    if col.kind == "int":
        if not re.fullmatch(r"-?\d+", value):
            raise fail(f"{value!r} is not a whole number")
        return int(value)
    if col.kind == "number":
        try:
            number = float(value)
        except ValueError:
            raise fail(f"{value!r} is not a number (use digits and a decimal point, no commas or %)") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise fail(f"{value!r} is not a finite number")
        return number
    if col.kind in ("date", "partial_date"):
        pattern, shape = (_DATE, "YYYY-MM-DD") if col.kind == "date" else (_PARTIAL_DATE, "YYYY, YYYY-MM or YYYY-MM-DD")
        if not pattern.match(value):
            raise fail(f"{value!r} is not a date ({shape})")
        parts = [int(p) for p in value.split("-")] + [1, 1]
        try:
            _dt.date(parts[0], parts[1], parts[2])
        except ValueError:
            raise fail(f"{value!r} is not a real calendar date ({shape})") from None
        return value
    if col.kind == "choice":
        if value not in col.choices:
            raise fail(f"{value!r} is not one of: {', '.join(col.choices)}")
        return value
    if col.kind == "bool":
        low = value.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise fail(f"{value!r} is not yes or no")
    if col.kind == "url":
        if not re.match(r"^https?://\S+$", value):
            raise fail(f"{value!r} is not a web address (http:// or https://)")
        return value
    if col.kind == "source_ids":
        ids = [part.strip() for part in value.split(";") if part.strip()]
        for sid in ids:
            if not _SOURCE_ID.match(sid):
                raise fail(f"{sid!r} is not a source id (lower-case letters, digits and hyphens)")
        return tuple(ids)
    raise AssertionError(col.kind)


def read_rows(schema: Schema, folder: Path) -> tuple[list[dict], list[int]]:
    """Read and check the rows of one file. Returns the typed rows and each row's first line."""
    file = f"data/{schema.path}"
    path = folder / schema.path
    if not path.is_file():
        raise DataError(file, "file is missing")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise DataError(file, "is not UTF-8 text (save it as CSV UTF-8)", line) from None
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError(file, "file is empty: the first line must name the columns", 1) from None
    header = [h.strip() for h in header]
    for name in header:
        if name not in schema.names:
            raise DataError(file, f"unexpected column; the columns are: {', '.join(schema.names)}", 1, name)
    for name in schema.names:
        if name not in header:
            raise DataError(file, "column is missing from the header", 1, name)
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        raise DataError(file, "column appears twice in the header", 1, dup)

    rows, starts, seen = [], [], {}
    line_start = 2
    for cells in reader:
        line = line_start
        line_start = reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue  # blank line
        if len(cells) != len(header):
            raise DataError(file, f"has {len(cells)} cells but the header names {len(header)} columns "
                                  "(a comma inside a value needs the value in double quotes)", line)
        row = {}
        for name, raw in zip(header, cells):
            col = schema.column(name)
            value = raw.strip()
            if value == "":
                if col.required:
                    raise DataError(file, "required value is empty", line, name)
                row[name] = () if col.kind == "source_ids" else None
                continue
            row[name] = _convert(value, col, file, line)
            if col.unique:
                key = (name, row[name])
                if key in seen:
                    raise DataError(file, f"duplicate id {value!r} (first used on line {seen[key]})", line, name)
                seen[key] = line
        rows.append(row)
        starts.append(line)
    return rows, starts


def _known_source_ids(folder: Path) -> set[str]:
    rows, _ = read_rows(schema_for("sources.csv"), folder)
    return {r["id"] for r in rows}


def _check_sources(schema: Schema, rows: list[dict], starts: list[int], folder: Path) -> None:
    cols = [c.name for c in schema.columns if c.kind == "source_ids"]
    if not cols:
        return
    known = _known_source_ids(folder)
    for row, line in zip(rows, starts):
        for name in cols:
            for sid in row[name]:
                if sid not in known:
                    raise DataError(f"data/{schema.path}", f'"{sid}" is not in data/sources.csv', line, name)


def _frame(schema: Schema, rows: list[dict], starts: list[int]) -> pd.DataFrame:
    columns = {}
    for col in schema.columns:
        values = [row[col.name] for row in rows]
        if col.kind == "int" and col.required:
            columns[col.name] = pd.Series(values, dtype="int64")
        elif col.kind == "number":
            columns[col.name] = pd.Series([float("nan") if v is None else v for v in values], dtype="float64")
        else:
            # object dtype keeps an empty optional cell as None (pandas' string dtype would make it
            # NaN, which is truthy and would print as "nan" in a citation).
            columns[col.name] = pd.Series(values, dtype=object)
    frame = pd.DataFrame(columns, columns=schema.names)
    frame.attrs["lines"] = _Lines(starts)
    frame.attrs["file"] = f"data/{schema.path}"
    return frame


class _Lines(tuple):
    """Each row's first line in its CSV file. pandas deep-copies ``DataFrame.attrs`` on every slice
    and filter; this tuple is immutable, so copying it can safely return itself (O(1), not O(rows))."""

    def __deepcopy__(self, memo):
        return self


def data_version(folder: Path | str | None = None) -> tuple:
    """A value that changes whenever any data file changes (for caches built on top of load())."""
    return _signature(Path(folder) if folder is not None else data_dir())


def _signature(folder: Path) -> tuple:
    """Modification times of every data file: a changed file invalidates the cache."""
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*.csv")))


@lru_cache(maxsize=64)
def _load_cached(path: str, folder: str, signature: tuple) -> pd.DataFrame:
    schema = schema_for(path)
    rows, starts = read_rows(schema, Path(folder))
    _check_sources(schema, rows, starts, Path(folder))
    frame = _frame(schema, rows, starts)
    for check in schema.checks:
        check(frame, Path(folder))
    return frame


def load(path: str, folder: Path | str | None = None) -> pd.DataFrame:
    """Load ``data/<path>`` through its schema; raise DataError on any problem.

    Returns a copy, so a student who edits the frame in a notebook cannot corrupt later loads.
    """
    folder = Path(folder) if folder is not None else data_dir()
    return _load_cached(path, str(folder), _signature(folder)).copy()


def load_all(folder: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Load every declared dataset (a full validation of data/)."""
    return {path: load(path, folder) for path in schemas()}


def row_line(frame: pd.DataFrame, index: int) -> int:
    """The line in the CSV file where row ``index`` of a loaded frame begins."""
    return frame.attrs["lines"][index]


# ---------------------------------------------------------------------------------------------
# Sources


def sources(folder: Path | str | None = None) -> pd.DataFrame:
    """sources.csv, indexed by id."""
    return load("sources.csv", folder).set_index("id", drop=False)


def read_at(row) -> str:
    """Where a source's text was read when that was a copy (its ``read_at``), or "" when it was read
    at the address. The copy is a secondary note, never the source."""
    value = row["read_at"] if "read_at" in row else None
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def cite(source_id: str, folder: Path | str | None = None) -> str:
    """A one-line citation: publisher, "title", date. Address (read in a copy at ..., if it was)."""
    table = sources(folder)
    if source_id not in table.index:
        raise KeyError(f'"{source_id}" is not in data/sources.csv')
    row = table.loc[source_id]
    date = row["date"] or "undated"
    line = f'{row["publisher"]}, "{row["title"]}", {date}. {row["address"]}'
    copy = read_at(row)
    return f"{line} (read in a copy at {copy})" if copy else line


def source_address_html(row) -> str:
    """A source's address as a link and, where its text was read in a copy, a secondary
    "read in a copy at ..." note after it. Every value escaped."""
    from html import escape

    address = escape(str(row["address"]))
    markup = f'<a href="{address}" target="_blank" rel="noopener">{address}</a>'
    copy = read_at(row)
    if copy:
        markup += (f' <small>(read in a copy at <a href="{escape(copy)}" target="_blank" rel="noopener">'
                   f"{escape(copy)}</a>)</small>")
    return markup


def source_line(source_ids, folder: Path | str | None = None) -> str:
    """"Source: ..." for the foot of a chart or panel; several sources are joined with "; "."""
    ids = [source_ids] if isinstance(source_ids, str) else list(source_ids)
    if not ids:
        raise ValueError("a source line needs at least one source id")
    table = sources(folder)
    parts = []
    for sid in dict.fromkeys(ids):
        if sid not in table.index:
            raise KeyError(f'"{sid}" is not in data/sources.csv')
        row = table.loc[sid]
        part = f'{row["publisher"]}, "{row["title"]}" ({row["date"] or "undated"})'
        # Two rows can record one document read through different finding aids (e.g. the court's
        # opinion found via two case databases); the reader should see it named once.
        if part not in parts:
            parts.append(part)
    label = "Source" if len(parts) == 1 else "Sources"
    return f"{label}: " + "; ".join(parts) + "."
