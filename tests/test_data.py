"""The data layer: every real file matches its schema, and every kind of malformed input gives one
message naming the file, the line and the column."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from conftest import REPO
from fedstate import data
from fedstate.data import Column, DataError, Schema


# -- the real data ------------------------------------------------------------------------------

def test_every_declared_dataset_loads_and_is_not_empty():
    loaded = data.load_all()
    assert "sources.csv" in loaded
    for path, frame in loaded.items():
        assert len(frame) > 0, f"data/{path} has no rows"


def test_every_csv_under_data_has_a_schema():
    declared = set(data.schemas())
    on_disk = {p.relative_to(REPO / "data").as_posix() for p in (REPO / "data").rglob("*.csv")}
    assert on_disk <= declared, f"CSV files without a schema: {sorted(on_disk - declared)}"


def test_every_source_is_cited_somewhere_or_is_the_article():
    """A source nobody cites (in data, code, notebooks or the teacher guide) is a sign of a typo."""
    loaded = data.load_all()
    cited = set()
    for path, frame in loaded.items():
        schema = data.schema_for(path)
        for col in schema.columns:
            if col.kind == "source_ids":
                for ids in frame[col.name]:
                    cited.update(ids)
    # Sources may also be cited from code (e.g. chart builders); collect ids named in the package.
    package_text = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "fedstate").rglob("*.py"))
    notebooks_text = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "notebooks").glob("*.ipynb"))
    notebooks_text += "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "teacher").glob("*.md"))
    uncited = [sid for sid in loaded["sources.csv"]["id"]
               if sid not in cited and f'"{sid}"' not in package_text and sid not in notebooks_text]
    assert not uncited, f"sources never cited by any dataset, module or notebook: {uncited}"


def test_source_rows_are_specific():
    table = data.sources()
    for sid, row in table.iterrows():
        assert len(row["title"]) > 3, sid
        assert row["address"].startswith("http"), sid


def test_data_dictionary_is_up_to_date():
    from fedstate.dictionary import render

    committed = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    assert committed == render(), "data/README.md is stale: run `python -m fedstate.dictionary`"


def test_cite_and_source_line_name_publisher_title_and_date():
    line = data.source_line(["ice-fy2024-annual-report"])
    assert line.startswith("Source: U.S. Immigration and Customs Enforcement")
    assert "2024-12-19" in line
    two = data.source_line(["ice-fy2024-annual-report", "article-capwolf"])
    assert two.startswith("Sources: ")
    assert "ice.gov" in data.cite("ice-fy2024-annual-report")
    with pytest.raises(KeyError, match="not in data/sources.csv"):
        data.source_line(["no-such-source"])


def test_source_line_names_one_document_once_when_two_rows_record_it(tmp_path):
    # Two rows for one court opinion (as data/sources.csv has for Galarza): the reader sees it once.
    (tmp_path / "sources.csv").write_text(
        "id,publisher,title,date,address,read_at,kind,confidence,note\n"
        "op-a,Court X,\"Doe v. Roe\",2014-03-04,https://court.example/op.pdf,,court,High,n\n"
        "op-b,Court X,\"Doe v. Roe\",2014-03-04,https://court.example/op.pdf,,court,High,n\n"
        "other,Agency Y,\"Report\",2020-01-01,https://agency.example/r,,government,High,n\n",
        encoding="utf-8",
    )
    line = data.source_line(["op-a", "other", "op-b"], tmp_path)
    assert line.count("Doe v. Roe") == 1
    assert line == 'Sources: Court X, "Doe v. Roe" (2014-03-04); Agency Y, "Report" (2020-01-01).'
    assert data.source_line(["op-a", "op-b"], tmp_path).startswith("Source: Court X")


def test_loaded_frames_are_copies():
    first = data.load("sources.csv")
    first.loc[0, "publisher"] = "changed by a student"
    assert data.load("sources.csv").loc[0, "publisher"] != "changed by a student"


# -- malformed input: one message naming file, line and column ----------------------------------

def _sources_lines(data_copy):
    return (data_copy / "sources.csv").read_text(encoding="utf-8").splitlines()


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _error(data_copy, path="sources.csv") -> DataError:
    with pytest.raises(DataError) as caught:
        data.load(path, data_copy)
    return caught.value


def test_missing_file(data_copy):
    (data_copy / "glossary.csv").unlink()
    err = _error(data_copy, "glossary.csv")
    assert str(err) == "data/glossary.csv: file is missing"


def test_missing_column(data_copy):
    frame = pd.read_csv(data_copy / "sources.csv", dtype=str, keep_default_na=False)
    frame.drop(columns=["kind"]).to_csv(data_copy / "sources.csv", index=False)
    err = _error(data_copy)
    assert (err.file, err.line, err.column) == ("data/sources.csv", 1, "kind")
    assert "missing" in str(err)


def test_extra_column(data_copy):
    frame = pd.read_csv(data_copy / "sources.csv", dtype=str, keep_default_na=False)
    frame["colour"] = "red"
    frame.to_csv(data_copy / "sources.csv", index=False)
    err = _error(data_copy)
    assert (err.line, err.column) == (1, "colour")
    assert "unexpected column" in str(err)


def test_empty_required_value(data_copy):
    frame = pd.read_csv(data_copy / "sources.csv", dtype=str, keep_default_na=False)
    frame.loc[2, "publisher"] = ""
    frame.to_csv(data_copy / "sources.csv", index=False)
    err = _error(data_copy)
    assert str(err) == 'data/sources.csv, line 4, column "publisher": required value is empty'


def test_bad_date(data_copy):
    frame = pd.read_csv(data_copy / "sources.csv", dtype=str, keep_default_na=False)
    frame.loc[0, "date"] = "2025-13-01"
    frame.to_csv(data_copy / "sources.csv", index=False)
    err = _error(data_copy)
    assert (err.line, err.column) == (2, "date")
    assert '"2025-13-01"' in str(err) or "'2025-13-01'" in str(err)
    assert "not a real calendar date" in str(err)


def test_date_in_wrong_format(data_copy):
    frame = pd.read_csv(data_copy / "sources.csv", dtype=str, keep_default_na=False)
    frame.loc[1, "date"] = "09/20/2025"
    frame.to_csv(data_copy / "sources.csv", index=False)
    err = _error(data_copy)
    assert (err.line, err.column) == (3, "date")
    assert "is not a date" in str(err)


def test_non_number_where_a_number_belongs(tmp_path):
    schema = Schema("numbers.csv", (Column("id", unique=True), Column("value", "number", unit="percent"),
                                    Column("count", "int")))
    folder = tmp_path
    (folder / "numbers.csv").write_text("id,value,count\na,36.5,10\nb,70%,12\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        data.read_rows(schema, folder)
    assert str(caught.value).startswith('data/numbers.csv, line 3, column "value": \'70%\' is not a number')
    (folder / "numbers.csv").write_text("id,value,count\na,36.5,1.5\n", encoding="utf-8")
    with pytest.raises(DataError, match=r'line 2, column "count": \'1.5\' is not a whole number'):
        data.read_rows(schema, folder)


def test_unknown_source_id(data_copy):
    lines = (data_copy / "glossary.csv").read_text(encoding="utf-8").splitlines()
    lines.append('asylum,"A protection, for the test.",no-such-source,law,')
    _write(data_copy / "glossary.csv", lines)
    err = _error(data_copy, "glossary.csv")
    assert (err.line, err.column) == (len(lines), "source_ids")
    assert '"no-such-source" is not in data/sources.csv' in str(err)


def test_duplicate_id(data_copy):
    lines = _sources_lines(data_copy)
    lines.append(lines[1])
    _write(data_copy / "sources.csv", lines)
    err = _error(data_copy)
    assert err.column == "id" and err.line == len(lines)
    assert "duplicate id" in str(err) and "first used on line 2" in str(err)


def test_wrong_number_of_cells(data_copy):
    lines = _sources_lines(data_copy)
    lines.append("x-source,Someone,Title")
    _write(data_copy / "sources.csv", lines)
    err = _error(data_copy)
    assert err.line == len(lines) and "double quotes" in str(err)


def test_bad_choice_and_bad_address(data_copy):
    frame = pd.read_csv(data_copy / "sources.csv", dtype=str, keep_default_na=False)
    frame.loc[0, "kind"] = "blog"
    frame.to_csv(data_copy / "sources.csv", index=False)
    err = _error(data_copy)
    assert err.column == "kind" and "is not one of" in str(err)
    frame.loc[0, "kind"] = "article"
    frame.loc[0, "address"] = "capwolf.com/?p=43816"
    frame.to_csv(data_copy / "sources.csv", index=False)
    assert _error(data_copy).column == "address"


def test_line_numbers_count_multiline_cells(tmp_path):
    schema = Schema("notes.csv", (Column("id", unique=True), Column("text")))
    (tmp_path / "notes.csv").write_text('id,text\na,"two\nlines"\nb,\n', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        data.read_rows(schema, tmp_path)
    assert caught.value.line == 4 and caught.value.column == "text"


def test_not_utf8(tmp_path):
    schema = Schema("latin.csv", (Column("id"),))
    (tmp_path / "latin.csv").write_bytes("id\nok\nJos\xe9\n".encode("latin-1"))
    with pytest.raises(DataError, match=r"data/latin.csv, line 3: is not UTF-8"):
        data.read_rows(schema, tmp_path)


def test_schema_checks_run_after_rows(tmp_path, monkeypatch):
    def no_negative(frame, folder):
        for i, value in enumerate(frame["value"]):
            if value < 0:
                raise DataError("data/check.csv", "must not be negative", frame.attrs["lines"][i], "value")

    schema = Schema("check.csv", (Column("value", "number"),), checks=(no_negative,))
    monkeypatch.setitem(data._REGISTRY, "check.csv", schema)
    (tmp_path / "check.csv").write_text("value\n1\n-2\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text((REPO / "data" / "sources.csv").read_text(encoding="utf-8"))
    with pytest.raises(DataError, match=r'line 3, column "value": must not be negative'):
        data.load("check.csv", tmp_path)


def test_cache_sees_an_edited_file(data_copy):
    before = data.load("glossary.csv", data_copy)
    lines = (data_copy / "glossary.csv").read_text(encoding="utf-8").splitlines()
    lines.append('new-term,"A definition.",article-capwolf,reading,')
    _write(data_copy / "glossary.csv", lines)
    after = data.load("glossary.csv", data_copy)
    assert len(after) == len(before) + 1


def test_every_error_message_has_the_documented_shape():
    """The form a maintainer sees: file, line, column, then what is wrong."""
    err = DataError("data/x.csv", "something", 14, "period_end")
    assert re.fullmatch(r'data/x\.csv, line 14, column "period_end": something', str(err))


def test_a_legal_glossary_term_needs_a_source(data_copy):
    """Legal definitions must say where they can be checked; other terms may be the module's own words."""
    lines = (data_copy / "glossary.csv").read_text(encoding="utf-8").splitlines()
    lines.append('habeas corpus,"A court order to bring a detained person before a judge.",,law,')
    _write(data_copy / "glossary.csv", lines)
    err = _error(data_copy, "glossary.csv")
    assert (err.line, err.column) == (len(lines), "source_ids") and "legal term needs a source" in str(err)
    lines[-1] = 'base pay,"Pay before extras.",,data,'
    _write(data_copy / "glossary.csv", lines)
    assert "base pay" in set(data.load("glossary.csv", data_copy)["term"])
