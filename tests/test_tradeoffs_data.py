"""data/tradeoffs/: the files match their schemas, every source resolves, the model is complete and
honest about its evidence, and every kind of broken file gives one message naming file, line and column."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from fedstate import data
from fedstate import tradeoffs as t
from fedstate.data import DataError
from fedstate.schemas.tradeoffs import EVIDENCE_KINDS

FILES = ("tradeoffs/balancing_act.csv", "tradeoffs/options.csv", "tradeoffs/criteria.csv",
         "tradeoffs/evidence_kinds.csv", "tradeoffs/scores.csv", "tradeoffs/presets.csv")


@pytest.mark.parametrize("path", FILES)
def test_file_loads_and_every_source_id_resolves(path):
    frame = data.load(path)
    assert len(frame) > 0
    known = set(data.sources()["id"])
    schema = data.schema_for(path)
    for column in (c.name for c in schema.columns if c.kind == "source_ids"):
        for ids in frame[column]:
            assert set(ids) <= known
    for column in schema.columns:
        assert column.description, f"{path}: column {column.name} needs a description for the data dictionary"


def test_the_article_prints_the_balancing_act_as_recorded():
    article = (REPO / "data" / "article" / "article.txt")
    text = article.read_text(encoding="utf-8") if article.exists() else (REPO.parent / "shared" / "seed" / "article.txt").read_text(encoding="utf-8")
    act = t.article_balancing_act()
    for label, percent in zip(act.labels, act.percents):
        assert re.search(rf"{percent}%\s+{re.escape(label)}", text), f"{percent}% {label} is not in the article"
    assert act.source_ids == ("article-capwolf",)


def test_the_options_and_criteria_the_issue_requires_are_there():
    model = t.starting_model()
    assert {"honor-all", "serious-only", "judicial-warrant", "partner-287g"} <= set(model.option_ids)
    assert {"safety", "trust", "legal", "cost", "rights", "autonomy"} <= set(model.criterion_ids)
    for option in model.options:
        assert option.source_ids, option.id
    modelled = {o.id: o.modelled_on for o in model.options}
    assert "Texas" in modelled["honor-all"] and "Florida" in modelled["honor-all"]
    assert "SB 54" in modelled["serious-only"]
    assert "Illinois" in modelled["judicial-warrant"] and "New York City" in modelled["judicial-warrant"]
    assert "287(g)" in modelled["partner-287g"]


def test_every_score_says_what_kind_of_evidence_backs_it():
    scores = data.load("tradeoffs/scores.csv")
    kinds = set(scores["evidence_kind"])
    assert "causal study" in kinds and "count without comparison group" in kinds and "no good evidence" in kinds
    kind_words = ("causal stud", "count", "legal text", "reasoning", "statement", "survey", "testimony",
                  "news", "no good evidence", "press release", "self-report", "court ruling", "fact sheet")
    for row in scores.itertuples():
        assert row.source_ids, f"{row.option_id} x {row.criterion_id} has no source"
        assert any(w in row.evidence_note for w in kind_words), (
            f"{row.option_id} x {row.criterion_id}: the note should say what kind each source is")


def test_weaker_evidence_means_wider_ranges():
    scores = data.load("tradeoffs/scores.csv")
    kinds = t.evidence_kinds()
    assert tuple(kinds["evidence_kind"]) == EVIDENCE_KINDS
    minimum = dict(zip(kinds["evidence_kind"], kinds["minimum_range_width"]))
    assert minimum["no good evidence"] > max(minimum[k] for k in EVIDENCE_KINDS if k != "no good evidence")
    assert minimum["count without comparison group"] > minimum["causal study"]
    for row in scores.itertuples():
        assert row.high - row.low >= minimum[row.evidence_kind]


def test_presets_are_labelled_illustrations_with_a_reason_for_every_weight():
    presets = data.load("tradeoffs/presets.csv")
    assert presets["preset_label"].str.startswith("Illustration:").all()
    assert presets["reason"].str.len().min() > 10
    criteria = set(data.load("tradeoffs/criteria.csv")["criterion_id"])
    for _, group in presets.groupby("preset_id"):
        assert set(group["criterion_id"]) == criteria


def test_criteria_say_what_the_ends_of_the_scale_mean():
    criteria = data.load("tradeoffs/criteria.csv")
    for row in criteria.itertuples():
        assert row.ten_means and row.zero_means and row.question.endswith("?")
        assert row.keywords.strip()


def test_the_teacher_guide_states_the_answers_the_data_give():
    guide = " ".join((REPO / "teacher" / "04_weighing_tradeoffs.md").read_text(encoding="utf-8").split())
    checks = t.self_checks()
    for qid, check in checks.items():
        assert qid in guide, f"the teacher guide has no answer for {qid}"
    assert f"{checks['04.rebalance-rule'].resolved_answer():g}" in guide
    assert f"{checks['04.equal-weight-score'].resolved_answer():.2f}" in guide
    model = t.starting_model()
    analysis = t.analyse(model, t.equal_weights(model))
    for option_id in analysis.top():
        assert model.option(option_id).label in guide
    assert t.change_phrase(model, analysis.sensitivity.smallest) in guide


# -- broken files: one clear message ------------------------------------------------------------

def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path, needle):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_a_score_outside_its_range_is_named(data_copy):
    path = data_copy / "tradeoffs" / "scores.csv"
    _replace(path, "honor-all,cost,5,2,8,", "honor-all,cost,9,2,8,")
    line = _line_of(path, "honor-all,cost,")
    with pytest.raises(DataError) as error:
        data.load("tradeoffs/scores.csv")
    assert str(error.value).startswith(f'data/tradeoffs/scores.csv, line {line}, column "score": the score 9 is not between')


def test_a_too_narrow_range_for_weak_evidence_is_named(data_copy):
    path = data_copy / "tradeoffs" / "scores.csv"
    _replace(path, "judicial-warrant,cost,7,3,9,no good evidence", "judicial-warrant,cost,7,5,9,no good evidence")
    line = _line_of(path, "judicial-warrant,cost,")
    with pytest.raises(DataError, match=rf'line {line}, column "high": a score resting on "no good evidence" needs a range at least 6'):
        data.load("tradeoffs/scores.csv")


def test_an_unknown_option_a_duplicate_and_a_missing_pair_are_named(data_copy):
    path = data_copy / "tradeoffs" / "scores.csv"
    original = path.read_text(encoding="utf-8")
    _replace(path, "honor-all,cost,", "honour-all,cost,")
    with pytest.raises(DataError, match='column "option_id": "honour-all" is not an option'):
        data.load("tradeoffs/scores.csv")
    path.write_text(original.replace("honor-all,cost,", "honor-all,legal,", 1), encoding="utf-8")
    with pytest.raises(DataError, match="honor-all x legal is scored twice"):
        data.load("tradeoffs/scores.csv")
    lines = original.splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("partner-287g,enforcement,")), encoding="utf-8")
    with pytest.raises(DataError, match="no score for partner-287g x enforcement"):
        data.load("tradeoffs/scores.csv")


def test_a_bad_evidence_kind_and_a_missing_source_are_named(data_copy):
    path = data_copy / "tradeoffs" / "scores.csv"
    _replace(path, "honor-all,enforcement,9,7,10,legal text", "honor-all,enforcement,9,7,10,gut feeling")
    with pytest.raises(DataError, match='column "evidence_kind": \'gut feeling\' is not one of'):
        data.load("tradeoffs/scores.csv")
    path.write_text(path.read_text(encoding="utf-8").replace("gut feeling", "legal text"), encoding="utf-8")
    _replace(path, "texas-ccp-2-251;cppp-2017-sb4", "texas-ccp-2-251;no-such-source")
    with pytest.raises(DataError, match='column "source_ids": "no-such-source" is not in data/sources.csv'):
        data.load("tradeoffs/scores.csv")


def test_shares_that_do_not_add_up_are_named(data_copy):
    path = data_copy / "tradeoffs" / "balancing_act.csv"
    _replace(path, "Policy Reform for Clarity,20,", "Policy Reform for Clarity,25,")
    with pytest.raises(DataError, match="data/tradeoffs/balancing_act.csv, line 4, column \"article_percent\": the shares add up to 105, not 100"):
        data.load("tradeoffs/balancing_act.csv")


def test_a_preset_not_labelled_as_an_illustration_is_refused(data_copy):
    path = data_copy / "tradeoffs" / "presets.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Illustration: a county sheriff who runs a jail", "A county sheriff", 1), encoding="utf-8")
    with pytest.raises(DataError, match='line 2, column "preset_label": a preset is an illustration'):
        data.load("tradeoffs/presets.csv")


def test_a_preset_missing_a_criterion_is_named(data_copy):
    path = data_copy / "tradeoffs" / "presets.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("taxpayers,Illustration: a taxpayers' group,cost,")),
                    encoding="utf-8")
    with pytest.raises(DataError, match='preset "taxpayers" has no weight for: cost'):
        data.load("tradeoffs/presets.csv")
