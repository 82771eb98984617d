"""Notebook 02's datasets: schemas, sources, the facts they must agree with, and clear errors.

The facts checked here are the ones the lesson depends on, as the fact sheets give them
(../shared/facts/states.md, law-and-timeline.md): DOJ's 13 listed "states" counting DC, the end-of-2025
tally of state laws, the low-confidence rows, the disputed follow-up date, and before/after the
article. A maintainer who changes a row sees here what else must change.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import REPO
from fedstate import law, stats
from fedstate.data import DataError, load, schemas, sources

LAW_FILES = ("tile_grid.csv", "jurisdictions.csv", "law_scenario_terms.csv", "scenario_rules.csv",
             "legal_authorities.csv", "timeline.csv", "law_powers_sort.csv", "law_question_types.csv",
             "law_article_lines.csv")


@pytest.mark.parametrize("path", LAW_FILES)
def test_every_law_file_loads_through_its_schema_with_described_columns(path):
    frame = load(path)
    assert len(frame) > 0
    schema = schemas()[path]
    assert schema.description
    for column in schema.columns:
        assert column.description, f"{path}: column {column.name} needs a description for data/README.md"
    # every row cites at least one source that resolves (load() checks resolution)
    assert all(len(ids) > 0 for ids in frame["source_ids"])


def test_map_has_all_50_states_and_dc_once():
    states = law.jurisdictions()
    assert len(states) == 51 and states["abbr"].is_unique
    assert "DC" in set(states["abbr"])
    assert set(states["abbr"]) == set(law.tile_grid()["abbr"])


def test_doj_list_is_the_13_states_on_the_aug_5_2025_list():
    # states.md legend: "DOJ list" = CA, CO, CT, DE, DC, IL, MN, NV, NY, OR, RI, VT, WA
    listed = set(law.jurisdictions().query("on_doj_list")["abbr"])
    assert listed == set("CA CO CT DE DC IL MN NV NY OR RI VT WA".split())


def test_state_law_tally_matches_the_fact_sheet():
    # states.md "Tally (51 jurisdictions)": LIMITS 15, REQUIRES/BANS 26, MIXED 2, NONE 8
    counts = law.jurisdictions()["state_law"].value_counts().to_dict()
    assert counts == {"requires": 26, "limits": 15, "none": 8, "mixed": 2}
    assert set(law.jurisdictions().query("state_law == 'mixed'")["abbr"]) == {"MA", "MN"}


def test_low_confidence_rows_are_shown_as_such_never_as_verified():
    states = law.jurisdictions()
    low = states[states["confidence"] == "Low"]
    assert set(low["abbr"]) == {"AK", "OK"}  # states.md: "low-confidence rows are AK and OK"
    assert set(low["status"]) == {"low confidence"}
    assert not ((states["status"] == "verified") & states["confidence"].isin(["Medium", "Low-Medium", "Low"])).any()


def test_laws_named_for_limiting_and_requiring_states():
    states = law.jurisdictions()
    for _, row in states.iterrows():
        if row["state_law"] in ("limits", "mixed"):
            assert isinstance(row["limit_laws"], str) and row["limit_laws"], row["abbr"]
        if row["state_law"] in ("requires", "mixed"):
            assert isinstance(row["require_laws"], str) and row["require_laws"], row["abbr"]


def test_timeline_marks_before_and_after_and_keeps_both_disputed_dates():
    events = load("timeline.csv")
    for _, row in events.iterrows():
        # a partial date (YYYY or YYYY-MM) is compared with the same precision of the article's date
        assert (row["vs_article"] == "before") == (row["date"] < "2025-09-22"[: len(row["date"])]), row["id"]
    followups = events.set_index("id").loc["t2025-followups"]
    assert (followups["date"], followups["date_end"], followups["date_status"]) == ("2025-09-18", "2025-09-19", "disputed")
    assert "CBS" in followups["date_note"] and "DHS" in followups["date_note"]
    assert set(events["kind"]) == {"law", "case", "executive action", "letter"}
    assert (events["vs_article"] == "after").sum() >= 5  # later court outcomes and laws are on it


def test_timeline_spans_the_1996_statutes_to_later_court_outcomes():
    events = load("timeline.csv").set_index("id")
    assert events.loc["t1996-287g", "date"] == "1996-09-30"
    assert events.loc["t2025-ice-letters", "date"] == "2025-09-10"
    assert events.loc["t2025-ny-dismissed", "vs_article"] == "after"
    for state_law in ("t2013-ca-trust", "t2017-il-trust", "t2017-ca-sb54", "t2021-il-wayforward"):
        assert events.loc[state_law, "kind"] == "law"


def test_legal_authorities_cover_the_issue_list():
    ids = set(load("legal_authorities.csv")["id"])
    required = {"supremacy-clause", "tenth-amendment", "new-york-v-us", "printz", "murphy-v-ncaa", "arizona-v-us",
                "cfr-287-7", "form-i-247a", "galarza", "miranda-olivares", "ina-287g", "287g-models", "usc-1373",
                "us-v-california", "us-v-illinois-2025", "us-v-new-york-2025", "us-v-los-angeles-2025",
                "us-v-new-york-city-2025", "eo-14159", "eo-14287", "laken-riley-act", "obbba"}
    assert required <= ids


def test_lawsuit_outcomes_say_plainly_when_unknown():
    suits = law.lawsuits().set_index("id")
    assert suits.loc["us-v-illinois-2025", "outcome_date"] == "2025-07-25"
    assert suits.loc["us-v-new-york-2025", "outcome_date"] == "2025-11-17"
    for unknown in ("us-v-los-angeles-2025", "us-v-new-york-city-2025"):
        assert suits.loc[unknown, "status"] == "outcome not verified here"
        assert "not verified" in suits.loc[unknown, "outcome"]


def _article_text() -> str | None:
    for candidate in (REPO / "data" / "article" / "article.txt", Path("/work/shared/seed/article.txt")):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    return None


def test_article_quotes_are_verbatim():
    text = _article_text()
    if text is None:
        pytest.skip("the article text (data/article/article.txt) is not in this checkout")
    for quote in load("law_article_lines.csv")["quote"]:
        assert quote in text, quote


def test_sorting_items_name_real_authorities_and_cover_every_bin():
    powers = load("law_powers_sort.csv")
    assert set(powers["answer"]) == {"federal", "state", "shared", "cannot be required"}
    known = set(load("legal_authorities.csv")["id"])
    for ids in powers["authority_ids"].dropna():
        assert set(i.strip() for i in ids.split(";")) <= known
    kinds = load("law_question_types.csv")
    assert set(kinds["answer"]) == {"legal-settled", "legal-contested", "empirical", "value"}


def test_sources_added_for_notebook_02_are_used_and_complete():
    used = set()
    for path in LAW_FILES:
        for ids in load(path)["source_ids"]:
            used.update(ids)
    rows = {r["id"]: r for r in csv.DictReader(open(REPO / "data" / "sources.csv", encoding="utf-8"))}
    for sid in used:
        row = rows[sid]
        assert row["publisher"] and row["title"] and row["address"].startswith("http"), sid


# ---------------------------------------------------------------------------------------------
# Bad input: the message names the file, the line and the column


def _rewrite(path: Path, edit) -> None:
    rows = list(csv.reader(open(path, encoding="utf-8")))
    edit(rows)
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def _col(rows, name):
    return rows[0].index(name)


def test_timeline_event_marked_on_the_wrong_side_of_the_article(data_copy):
    def edit(rows):
        i = next(n for n, r in enumerate(rows) if r[0] == "t2025-ny-dismissed")
        rows[i][_col(rows, "vs_article")] = "before"
    _rewrite(data_copy / "timeline.csv", edit)
    with pytest.raises(DataError, match=r'data/timeline\.csv, line \d+, column "vs_article": dated 2025-11-17, so it is "after"'):
        load("timeline.csv")


def test_disputed_date_without_its_other_date(data_copy):
    def edit(rows):
        i = next(n for n, r in enumerate(rows) if r[0] == "t2025-followups")
        rows[i][_col(rows, "date_end")] = ""
    _rewrite(data_copy / "timeline.csv", edit)
    with pytest.raises(DataError, match=r'column "date_end": a disputed date needs date_end'):
        load("timeline.csv")


def test_scenario_gap_is_reported(data_copy):
    def edit(rows):
        i = next(n for n, r in enumerate(rows) if r[:4] == ["texas", "detainer", "all", "hold"])
        del rows[i]
    _rewrite(data_copy / "scenario_rules.csv", edit)
    with pytest.raises(DataError, match="no rule for jurisdiction texas, request detainer, situation serious-conviction, action hold"):
        load("scenario_rules.csv")


def test_scenario_overlap_is_reported_with_both_lines(data_copy):
    def edit(rows):
        i = next(n for n, r in enumerate(rows) if r[:4] == ["california", "detainer", "serious-conviction", "notify"])
        rows[i][_col(rows, "situations")] = "serious-conviction;no-record"
    _rewrite(data_copy / "scenario_rules.csv", edit)
    with pytest.raises(DataError, match=r'scenario_rules\.csv, line \d+, column "situations": a second rule for .*the first is on line \d+'):
        load("scenario_rules.csv")


def test_unknown_situation_and_status_are_reported(data_copy):
    def edit(rows):
        rows[1][_col(rows, "situations")] = "convicted"
    _rewrite(data_copy / "scenario_rules.csv", edit)
    with pytest.raises(DataError, match=r"line 2, column \"situations\": 'convicted' is not a situation"):
        load("scenario_rules.csv")


def test_bad_status_word_is_reported(data_copy):
    def edit(rows):
        rows[1][_col(rows, "status")] = "maybe"
    _rewrite(data_copy / "scenario_rules.csv", edit)
    with pytest.raises(DataError, match=r"line 2, column \"status\": 'maybe' is not one of: must, may"):
        load("scenario_rules.csv")


def test_low_confidence_state_shown_as_verified_is_refused(data_copy):
    def edit(rows):
        i = next(n for n, r in enumerate(rows) if r[0] == "OK")
        rows[i][_col(rows, "status")] = "verified"
    _rewrite(data_copy / "jurisdictions.csv", edit)
    with pytest.raises(DataError, match=r'jurisdictions\.csv, line \d+, column "status": confidence Low must be shown as "low confidence"'):
        load("jurisdictions.csv")


def test_limiting_state_without_its_law_is_refused(data_copy):
    def edit(rows):
        i = next(n for n, r in enumerate(rows) if r[0] == "CA")
        rows[i][_col(rows, "limit_laws")] = ""
    _rewrite(data_copy / "jurisdictions.csv", edit)
    with pytest.raises(DataError, match=r'column "limit_laws": a state whose law is "limits" must name'):
        load("jurisdictions.csv")


def test_missing_state_and_overlapping_tiles_are_refused(data_copy):
    _rewrite(data_copy / "tile_grid.csv", lambda rows: rows[2].__setitem__(2, rows[3][2]) or rows[2].__setitem__(3, rows[3][3]))
    with pytest.raises(DataError, match=r"tile_grid\.csv, line \d+, column \"col\": tile position .* is already used"):
        load("tile_grid.csv")


def test_unknown_source_id_names_file_line_and_column(data_copy):
    def edit(rows):
        rows[5][_col(rows, "source_ids")] = "no-such-source"
    _rewrite(data_copy / "legal_authorities.csv", edit)
    with pytest.raises(DataError, match=r'legal_authorities\.csv, line 6, column "source_ids": "no-such-source" is not in data/sources\.csv'):
        load("legal_authorities.csv")


def test_sorting_item_citing_an_unknown_authority(data_copy):
    def edit(rows):
        rows[1][_col(rows, "authority_ids")] = "printz;not-a-case"
    _rewrite(data_copy / "law_powers_sort.csv", edit)
    with pytest.raises(DataError, match=r'law_powers_sort\.csv, line 2, column "authority_ids": "not-a-case"'):
        load("law_powers_sort.csv")


# ---------------------------------------------------------------------------------------------
# The teacher guide's answer key is generated from the data: it must not drift


@pytest.mark.parametrize("name", list(law.GUIDE_BLOCKS))
def test_teacher_guide_answer_keys_match_the_data(name):
    guide = (REPO / "teacher" / "02_who_decides.md").read_text(encoding="utf-8")
    assert f"<!-- generated:{name}:start -->" in guide, f"the teacher guide must contain the generated block {name}"
    assert law.guide_block(guide, name) == law.GUIDE_BLOCKS[name]().strip(), (
        f"teacher/02_who_decides.md ({name}) is out of date: regenerate it with "
        "python -c 'from fedstate.law import update_teacher_guide; update_teacher_guide()'")


# ---------------------------------------------------------------------------------------------
# Dates that follow their sources


def test_an_event_that_is_a_dhs_statement_carries_the_statements_date():
    """'DHS reports ...' happened when DHS's release is dated: the 287(g) milestone was dated Sept. 17
    (a newspaper's report) while the DHS release it cites is dated Sept. 18."""
    timeline = load("timeline.csv")
    srcs = sources()
    checked = 0
    for _, row in timeline.iterrows():
        if not (row["what_happened"].startswith("DHS reports") or "A DHS statement" in row["what_happened"]):
            continue
        dhs = [s for s in row["source_ids"] if srcs.loc[s, "publisher"].startswith("U.S. Department of Homeland Security")]
        assert dhs, row["id"]
        for sid in dhs:
            assert srcs.loc[sid, "date"] == row["date"], (row["id"], sid)
        checked += 1
    assert checked >= 2
    milestone = timeline.set_index("id").loc["t2025-287g-1000"]
    assert milestone["date"] == srcs.loc["dhs-2025-287g-1000", "date"] == "2025-09-18"
    assert "Sept. 17" in milestone["date_note"]  # the earlier newspaper report is not lost


def test_the_followup_letters_answer_states_the_dates_the_sources_give():
    cbs, dhs_implied = law.followup_dates()
    notice = load("timeline.csv").set_index("id").loc["t2025-dhs-notice", "date"]
    key = next(c for c in law.FOLLOWUP_DATE.choices if c.correct).feedback

    def day(iso):
        return stats.date_text(iso).split(",")[0]

    assert f"dates the letters {day(cbs)}" in key and f"release of {day(notice)}" in key
    assert f"points to {day(dhs_implied)}" in key
    # Sept. 20 is two days after Sept. 18: nothing may call the release "the next day"
    texts = [c.feedback for c in law.FOLLOWUP_DATE.choices]
    texts += [(REPO / p).read_text(encoding="utf-8") for p in ("teacher/02_who_decides.md", "teacher/answer_key.md",
                                                              "notebooks/02_who_decides.ipynb")]
    for text in texts:
        assert "the next day" not in text and "release of the next day" not in text
