"""Data tests for notebook 03: schemas, provenance, the article's numbers, arithmetic, disagreements.

The arithmetic tests recompute every share that the rows' own counts allow and check it against the
share the source states, within the rounding the source used; and they find every pair of sources
that measure the same thing and disagree, which must be explained in stats_disagreements.csv.
"""

from __future__ import annotations

import csv
import re

import pytest

from conftest import REPO
from fedstate import stats
from fedstate.data import DataError, load, sources

FILES = ("enforcement_stats.csv", "article_numbers.csv", "research.csv", "stats_disagreements.csv")


@pytest.fixture(autouse=True)
def fresh_cache():
    stats.clear_cache()
    yield
    stats.clear_cache()


@pytest.mark.parametrize("name", FILES)
def test_file_matches_its_schema(name):
    frame = load(name)
    assert len(frame) > 0
    assert frame["id"].is_unique


def test_every_figure_names_who_counted_or_claimed_it():
    """claimed_by is the body behind the figure, not the outlet that relayed it: a row the data call a
    DHS (or ICE) claim is claimed by DHS (or ICE), and a row read only in an agency's own publication
    is that agency's."""
    rows = load("enforcement_stats.csv")
    agency_of = {"U.S. Department of Homeland Security": "DHS", "U.S. Immigration and Customs Enforcement": "ICE"}
    publishers = dict(zip(sources()["id"], sources()["publisher"]))
    for r in rows.to_dict("records"):
        assert r["claimed_by"].strip(), r["id"]
        if "DHS's claim" in r["measure"]:
            assert r["claimed_by"] == "DHS", r["id"]
        if "ICE's figures" in str(r["note"]) or "ICE's count" in r["measure"] or "ICE's classification" in r["measure"]:
            assert r["claimed_by"] == "ICE", r["id"]
        owners = {next((a for name, a in agency_of.items() if publishers[s].startswith(name)), None) for s in r["source_ids"]}
        if len(owners) == 1 and None not in owners:
            assert r["claimed_by"] == owners.pop(), r["id"]


def test_every_row_has_a_source_that_resolves():
    known = set(sources()["id"])
    for name in FILES:
        for ids in load(name)["source_ids"]:
            assert ids and set(ids) <= known, f"{name}: {ids}"
    for ids in load("research.csv")["critique_source_ids"]:
        assert set(ids or ()) <= known


def test_no_low_confidence_row_enters_as_a_fact():
    """'Low' rows stay out; 'Low-Medium' rows are allowed only because every display marks them."""
    for name in ("enforcement_stats.csv", "research.csv"):
        assert "Low" not in set(load(name)["confidence"]), name
    low = [f for f in stats.figures().to_dict("records") if f["confidence"] in stats.LOW_CONFIDENCE and f["category"] != "all"]
    assert low, "the data include low-confidence leads; the displays below must mark them"
    for f in low:
        assert "low confidence" in stats.figure_text(f)


def test_every_figure_states_its_period_and_publication():
    rows = load("enforcement_stats.csv")
    table = sources()
    for _, row in rows.iterrows():
        assert row["period_label"].strip()
        if stats.blank(row["published"]):
            # only when every copy read was undated
            assert all(stats.blank(table.loc[s, "date"]) for s in row["source_ids"]), row["id"]


def test_sources_published_after_the_article_say_so():
    day = stats.article_date()
    used = {s for name in FILES for ids in load(name)["source_ids"] for s in ids}
    table = sources()
    for sid in used:
        when = stats.after_article(table.loc[sid, "date"])
        if when:
            note = str(table.loc[sid, "note"] or "")
            assert "after the article" in note, f"{sid} was published after {day} but its note does not say so"


def test_published_after_article_is_marked_in_text():
    f = stats.figure("ddp-2025", "convicted")
    assert stats.after_article(f["published"]) is True
    assert "after the article" in stats.figure_text(f)
    assert stats.after_article(stats.figure("ice-fy2024", "convicted-or-pending")["published"]) is False


def test_every_article_quote_occurs_in_the_article():
    text = (REPO / "data" / "article" / "article.txt").read_text(encoding="utf-8")
    for quote in load("article_numbers.csv")["quote"]:
        assert quote in text, quote


def test_every_statistic_in_the_article_is_checked():
    """Each percentage or large number in the article is inside one of the quotes we check, except
    the 'Balancing Act' allocation, which is a proposal (notebook 04), not a statistic."""
    text = (REPO / "data" / "article" / "article.txt").read_text(encoding="utf-8")
    balancing = text[text.index("Balancing Act:"):].split("\n\n")[0]
    quotes = list(load("article_numbers.csv")["quote"])
    body = text.replace(balancing, "")
    found = re.findall(r"\d{1,3}(?:,\d{3})+|\d+ percent|\d+%", body)
    assert len(found) >= 7
    for figure in found:
        assert any(figure in q for q in quotes), f"the article's {figure!r} is not checked"


def test_populations_and_categories_are_closed_lists():
    rows = load("enforcement_stats.csv")
    from fedstate.schemas.stats import CATEGORIES, POPULATIONS
    assert set(rows["population"]) <= set(POPULATIONS)
    assert set(rows["category"]) <= set(CATEGORIES)
    # each group is one count: one population and one period
    for group, members in rows.groupby("group"):
        assert members["population"].nunique() == 1, group
        assert members["period_label"].nunique() == 1, group


# ---------------------------------------------------------------------------------------------
# Arithmetic


def test_shares_recomputed_from_counts_agree_within_rounding():
    checks = stats.arithmetic_checks()
    failures = [c for c in checks if not c.ok]
    assert not failures, "\n".join(f"{c.group}: {c.what}: stated {c.stated}, recomputed {c.recomputed:.3f}" for c in failures)
    kinds = {c.what.split(":")[-1].strip() for c in checks}
    assert "count ÷ total" in kinds and any("= 100%" in c.what for c in checks)
    assert len(checks) >= 8


def test_specific_recomputations_match_the_fact_sheet_arithmetic():
    # 280,000 / 400,000 = 70%; 81,312 / 113,431 = 71.7%; 36.5 + 29.8 = 66.3; 1,155 / 32,809 = 3.5%
    assert stats.figure("dhs-2025-09-20", "convicted-or-pending")["share"] == pytest.approx(70)
    check = next(c for c in stats.arithmetic_checks() if c.group == "ice-fy2024")
    assert check.recomputed == pytest.approx(71.68, abs=0.01)
    assert stats.figure("ddp-2025", "convicted-or-pending")["share"] == pytest.approx(66.3)
    assert stats.figure("ice-2025-03-10", "gang")["share"] == pytest.approx(3.52, abs=0.01)
    kocher = stats.figure("kocher-2025-09", "all")
    assert kocher["count"] == 16523 + 15725 + 13767


def test_pew_parts_add_to_101_because_of_rounding_and_that_is_accepted():
    check = next(c for c in stats.arithmetic_checks() if c.group == "pew-fy2017")
    assert check.recomputed == 101 and check.ok


def test_every_disagreement_between_sources_is_labelled():
    assert stats.comparable_pairs(), "the data contain comparable figures; the test must find some"
    assert not stats.unlabelled_disagreements()


def test_every_labelled_disagreement_is_real():
    """A listed disagreement names two figures that exist and really differ (no stale entries)."""
    table = stats.figures()
    for _, row in stats.disagreements().iterrows():
        values = []
        for key in (row["figure_a"], row["figure_b"]):
            group, category = key.split(":")
            f = stats.figure(group, category, table)
            values.append(f["count"] if category == "all" else f["share"])
        assert values[0] != pytest.approx(values[1], abs=1e-9), row["id"]
        assert row["explanation"].strip()


def test_verdicts_derived_from_rows_match_the_fact_sheet():
    verdicts = {nid: stats.reconcile(nid).verdict for nid in load("article_numbers.csv")["id"]}
    assert verdicts["article-arrests"] == "Partly accurate"
    assert verdicts["article-share"] == "Partly accurate"
    assert verdicts["article-record"] == "Misstates the figure"
    for nid in ("article-table-violent", "article-table-drug", "article-table-weapons", "article-table-other"):
        assert verdicts[nid] == "Not verified: no source found"


# ---------------------------------------------------------------------------------------------
# Malformed data give a message naming file, line and column


def _rewrite(path, change):
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    change(rows)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _set(path, row_id, column, value):
    def change(rows):
        index = rows[0].index(column)
        for row in rows[1:]:
            if row[0] == row_id:
                row[index] = value
    _rewrite(path, change)


def _line_of(path, row_id):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(row_id + ","):
            return number
    raise AssertionError(row_id)


@pytest.mark.parametrize("column, value, message", [
    ("value", "140", "not a percentage"),
    ("population", "book-ins", "must share population and period"),
    ("published", "2025-01-01", "is before the period it describes ends"),
    ("period_start", "2025-11-01", "is after period_end"),
    ("value", "36,5", "not a number"),
    ("category", "criminals", "is not one of"),
    ("source_ids", "ddp-2025-arrests-clearmedia;no-such-source", "not in data/sources.csv"),
])
def test_malformed_enforcement_rows_are_refused(data_copy, column, value, message):
    path = data_copy / "enforcement_stats.csv"
    _set(path, "ddp-2025-convicted", column, value)
    line = _line_of(path, "ddp-2025-convicted")
    with pytest.raises(DataError) as caught:
        load("enforcement_stats.csv")
    assert message in str(caught.value)
    assert caught.value.file == "data/enforcement_stats.csv"
    assert caught.value.line == line or column == "population"


def test_a_value_or_a_range_is_required(data_copy):
    path = data_copy / "enforcement_stats.csv"
    _set(path, "vanhook-uncertainty-50", "low", "")
    with pytest.raises(DataError, match="give a value, or both low and high"):
        load("enforcement_stats.csv")


def test_a_misquoted_article_number_is_refused(data_copy):
    path = data_copy / "article_numbers.csv"
    _set(path, "article-share", "quote", "70 percent of them were criminals")
    with pytest.raises(DataError) as caught:
        load("article_numbers.csv")
    assert "word for word" in str(caught.value) and caught.value.column == "quote"
    assert caught.value.line == _line_of(path, "article-share")


def test_an_unknown_evidence_group_is_refused(data_copy):
    _set(data_copy / "article_numbers.csv", "article-arrests", "evidence_groups", "ddp-2025;no-such-group")
    with pytest.raises(DataError, match='"no-such-group" is not a group'):
        load("article_numbers.csv")


def test_a_relayed_number_needs_its_origin(data_copy):
    _set(data_copy / "article_numbers.csv", "article-arrests", "origin_groups", "")
    with pytest.raises(DataError, match="needs the group of the statement it relays"):
        load("article_numbers.csv")


def test_a_disagreement_about_an_unknown_group_is_refused(data_copy):
    _set(data_copy / "stats_disagreements.csv", "ddp-vs-kprc-arrests", "figure_b", "kprc-2099:all")
    with pytest.raises(DataError, match='"kprc-2099" is not a group'):
        load("stats_disagreements.csv")


def test_a_critique_needs_its_source(data_copy):
    _set(data_copy / "research.csv", "light-he-robey-2020", "critique_source_ids", "")
    with pytest.raises(DataError, match="a critique needs the source"):
        load("research.csv")


def test_an_unexplained_disagreement_fails_the_check(data_copy):
    """Editing KPRC's share so it disagrees with a source nobody compared it with is caught."""
    def drop(rows):
        rows[:] = [r for r in rows if r[0] not in ("ddp-vs-kprc-share",)]
    _rewrite(data_copy / "stats_disagreements.csv", drop)
    stats.clear_cache()
    missing = stats.unlabelled_disagreements()
    assert ("ddp-2025:convicted-or-pending", "kprc-ddp-2025:convicted-or-pending") in [m[:2] for m in missing]


def test_a_data_update_changes_the_answer_key(data_copy):
    """Numeric answers read the data: change ICE's count and the key follows."""
    before = stats.SELF_CHECKS["03.pandas-share"].resolved_answer()
    _set(data_copy / "enforcement_stats.csv", "ice-fy2024-with-record-count", "value", "80000")
    _set(data_copy / "enforcement_stats.csv", "ice-fy2024-with-record-share", "value", "70.5")
    stats.clear_cache()
    after = stats.SELF_CHECKS["03.pandas-share"].resolved_answer()
    assert after == pytest.approx(100 * 80000 / 113431)
    assert after != pytest.approx(before)


def test_teacher_notes_quote_the_answers_the_data_give():
    """The teacher notes give numeric answers in words; they must be the ones the checks accept."""
    notes = (REPO / "teacher" / "03_checking_the_numbers.md").read_text(encoding="utf-8")
    for qid in ("03.pandas-share", "03.points", "03.percent-change", "03.recompute"):
        question = stats.SELF_CHECKS[qid]
        assert f"`{qid}`" in notes
        assert f"**{question.resolved_answer():.1f}**" in notes, f"{qid}: update the teacher notes"
        for trap in question.traps:
            assert f"{trap.resolved():.1f}" in notes or f"{trap.resolved():.4f}" in notes, f"{qid}: trap {trap.resolved()}"
    for qid, question in stats.SELF_CHECKS.items():
        assert f"`{qid}`" in notes, f"{qid} is missing from the teacher notes"
        if hasattr(question, "choices"):
            assert question.answer.rstrip(".")[:60] in notes.replace("\n", " "), qid


def test_the_verdict_scale_for_the_articles_numbers_is_written_down():
    """Every verdict reconcile() can give has a written rule, printed in the data dictionary and in the
    teacher notes for 03; a restatement that changes what a figure counts is said to misstate it."""
    assert set(stats.VERDICT_RULES) == set(stats.VERDICTS)
    dictionary = " ".join((REPO / "data" / "README.md").read_text(encoding="utf-8").split())
    for verdict, rule in stats.VERDICT_RULES.items():
        assert f"**{verdict}**: {rule}" in dictionary, verdict
    teacher = (REPO / "teacher" / "03_checking_the_numbers.md").read_text(encoding="utf-8")
    assert stats.verdict_scale_markdown() in teacher, "teacher/03: paste fedstate.stats.verdict_scale_markdown()"
    restatements = stats.article_numbers().query("role == 'restatement'")["id"]
    assert len(restatements) and all(stats.reconcile(i).verdict == "Misstates the figure" for i in restatements)
