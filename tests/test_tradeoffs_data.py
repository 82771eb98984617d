"""data/tradeoffs/: the files match their schemas, every source resolves, the model is complete and
honest about its evidence, and every kind of broken file gives one message naming file, line and column."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from fedstate import data
from fedstate import tradeoffs as t
from fedstate.data import DataError
from fedstate.schemas.tradeoffs import DESIGN_KINDS, EVIDENCE_KINDS, MIDPOINT, SIDES, UNMEASURED_KINDS

FILES = ("tradeoffs/balancing_act.csv", "tradeoffs/options.csv", "tradeoffs/criteria.csv",
         "tradeoffs/evidence_kinds.csv", "tradeoffs/source_kinds.csv", "tradeoffs/scores.csv", "tradeoffs/presets.csv")


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
    assert {"safety", "trust", "cost", "rights", "autonomy"} <= set(model.criterion_ids)
    # the cooperation side's case in its own terms, and the limits side's likewise (issue 13.5)
    assert {"federal-law", "transfers", "serious-removals", "uniformity"} <= set(model.criterion_ids)
    for option in model.options:
        assert option.source_ids, option.id
    modelled = {o.id: o.modelled_on for o in model.options}
    assert "Texas" in modelled["honor-all"] and "Florida" in modelled["honor-all"]
    assert "SB 54" in modelled["serious-only"]
    assert "Illinois" in modelled["judicial-warrant"] and "New York City" in modelled["judicial-warrant"]
    assert "287(g)" in modelled["partner-287g"]


def test_every_score_says_what_kind_of_evidence_backs_it():
    scores = data.load("tradeoffs/scores.csv")
    model = t.starting_model()
    kinds = {cell.evidence_kind for cell in model.cells.values()}
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
    assert minimum["no good evidence"] > max(minimum[k] for k in EVIDENCE_KINDS if k not in UNMEASURED_KINDS)
    assert minimum["count without comparison group"] > minimum["causal study"]
    model = t.starting_model()
    for row in scores.itertuples():
        assert row.high - row.low >= minimum[model.cell(row.option_id, row.criterion_id).evidence_kind]


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
    _replace(path, "honor-all,cost,4,1,7,", "honor-all,cost,9,1,7,")
    line = _line_of(path, "honor-all,cost,")
    with pytest.raises(DataError) as error:
        data.load("tradeoffs/scores.csv")
    assert str(error.value).startswith(f'data/tradeoffs/scores.csv, line {line}, column "score": the score 9 is not between')


def test_a_too_narrow_range_for_weak_evidence_is_named(data_copy):
    path = data_copy / "tradeoffs" / "scores.csv"
    _replace(path, "judicial-warrant,cost,5,1,9,,", "judicial-warrant,cost,5,3,7,,")
    line = _line_of(path, "judicial-warrant,cost,")
    with pytest.raises(DataError, match=rf'line {line}, column "high": a score resting on "no good evidence" needs a range at least 7'):
        data.load("tradeoffs/scores.csv")


def test_an_unknown_option_a_duplicate_and_a_missing_pair_are_named(data_copy):
    path = data_copy / "tradeoffs" / "scores.csv"
    original = path.read_text(encoding="utf-8")
    _replace(path, "honor-all,cost,", "honour-all,cost,")
    with pytest.raises(DataError, match='column "option_id": "honour-all" is not an option'):
        data.load("tradeoffs/scores.csv")
    path.write_text(original.replace("honor-all,cost,", "honor-all,rights,", 1), encoding="utf-8")
    with pytest.raises(DataError, match="honor-all x rights is scored twice"):
        data.load("tradeoffs/scores.csv")
    lines = original.splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("partner-287g,uniformity,")), encoding="utf-8")
    with pytest.raises(DataError, match="no score for partner-287g x uniformity"):
        data.load("tradeoffs/scores.csv")


def test_a_bad_evidence_kind_and_a_missing_source_are_named(data_copy):
    kinds = data_copy / "tradeoffs" / "source_kinds.csv"
    _replace(kinds, "texas-ccp-2-251,legal text,", "texas-ccp-2-251,gut feeling,")
    with pytest.raises(DataError, match='column "evidence_kind": \'gut feeling\' is not one of'):
        data.load("tradeoffs/source_kinds.csv")
    kinds.write_text(kinds.read_text(encoding="utf-8").replace("gut feeling", "legal text"), encoding="utf-8")
    path = data_copy / "tradeoffs" / "scores.csv"
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
    path.write_text(text.replace("Illustration: a federal immigration official", "A federal immigration official", 1),
                    encoding="utf-8")
    with pytest.raises(DataError, match='line 2, column "preset_label": a preset is an illustration'):
        data.load("tradeoffs/presets.csv")


def test_a_preset_missing_a_criterion_is_named(data_copy):
    path = data_copy / "tradeoffs" / "presets.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not (line.startswith("rights-advocate,") and ",cost," in line)),
                    encoding="utf-8")
    with pytest.raises(DataError, match='preset "rights-advocate" has no weight for: cost'):
        data.load("tradeoffs/presets.csv")


# -- labels that match the evidence (issue 13.4) and scores that favour no side without evidence (13.5) --


def _kinds_by_source():
    """Each source's kind, worked out here independently of the package: a study's from its design in
    research.csv, any other source's from source_kinds.csv."""
    kinds = {}
    for study in data.load("research.csv").itertuples():
        for sid in study.source_ids:
            kinds[sid] = DESIGN_KINDS[study.design_type]
    for row in data.load("tradeoffs/source_kinds.csv").itertuples():
        assert row.source_id[0] not in kinds, f"{row.source_id[0]} is a research.csv study: its kind comes from there"
        kinds[row.source_id[0]] = row.evidence_kind
    return kinds


def test_each_scores_kind_of_evidence_is_derived_from_the_sources_it_rests_on():
    kinds = _kinds_by_source()
    model = t.starting_model()
    scores = data.load("tradeoffs/scores.csv")
    assert "evidence_kind" not in scores.columns  # never typed in
    for row in scores.itertuples():
        cell = model.cell(row.option_id, row.criterion_id)
        for sid in row.source_ids:
            assert sid in kinds, f"{sid} (cited for {row.option_id} x {row.criterion_id}) has no kind of evidence"
        assert set(row.rests_on) <= set(row.source_ids)
        expected = (min((kinds[s] for s in row.rests_on), key=EVIDENCE_KINDS.index) if row.rests_on
                    else "no good evidence")
        assert cell.evidence_kind == expected, (row.option_id, row.criterion_id)
        if expected == "causal study":
            assert any(kinds[s] == "causal study" for s in row.rests_on)


def test_a_study_whose_design_is_not_described_is_never_called_a_causal_study():
    """research.csv records the design of Gonçalves, Jácome and Weisburst (2024) and Otsu (2020) as not
    described: no score may rest on them as causal, and no note may label them so."""
    studies = data.load("research.csv")
    not_causal = {sid: study.study.split(",")[0].split(" and ")[0].split(" (")[0]
                  for study in studies.itertuples() if DESIGN_KINDS[study.design_type] != "causal study"
                  for sid in study.source_ids}
    assert "goncalves-2024-nber-enforcement" in not_causal and "otsu-2020-cgo-sanctuary" in not_causal
    checked = 0
    for row in data.load("tradeoffs/scores.csv").itertuples():
        for sid in row.source_ids:
            if sid not in not_causal:
                continue
            surname = not_causal[sid]
            for match in re.finditer(re.escape(surname), row.evidence_note):
                label = re.split(r"[);]", row.evidence_note[match.end():], maxsplit=1)[0]
                assert "causal stud" not in label, (row.option_id, row.criterion_id, surname, label)
                checked += 1
    assert checked >= 4


def test_scores_without_measured_evidence_sit_at_the_midpoint_with_the_widest_range():
    model = t.starting_model()
    cells = list(model.cells.values())
    measured = [c.high - c.low for c in cells if c.evidence_kind not in UNMEASURED_KINDS]
    unmeasured = [c for c in cells if c.evidence_kind in UNMEASURED_KINDS]
    assert unmeasured, "the data should include scores with no good evidence (the limiting options' cost)"
    for cell in unmeasured:
        assert cell.score == MIDPOINT and cell.low + cell.high == 2 * MIDPOINT, cell
        assert cell.high - cell.low >= max(measured), cell
    # the issue's case: the limiting options' cost, whose own notes say there is no good evidence
    for option in ("serious-only", "judicial-warrant"):
        cost = model.cell(option, "cost")
        assert cost.evidence_kind == "no good evidence" and cost.score == MIDPOINT
        assert "No good evidence" in cost.note


def test_every_criterion_says_whose_case_it_states_and_where_its_scores_come_from():
    model = t.starting_model()
    sides = {c.serves for c in model.criteria}
    assert set(SIDES) <= sides
    counts = {side: sum(c.serves == side for c in model.criteria) for side in SIDES}
    assert counts["more-cooperation"] == counts["limits-on-cooperation"] >= 4
    for c in model.criteria:
        assert len(c.scores_from) > 40, c.id
    documented = t.criteria_documentation_markdown()
    guide = (REPO / "teacher" / "04_weighing_tradeoffs.md").read_text(encoding="utf-8")
    assert documented in guide, "teacher/04: paste fedstate.tradeoffs.criteria_documentation_markdown()"
    dictionary = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    assert "`serves`" in dictionary and "`scores_from`" in dictionary and "`rests_on`" in dictionary


def test_a_score_resting_on_a_source_it_does_not_cite_is_named(data_copy):
    path = data_copy / "tradeoffs" / "scores.csv"
    _replace(path, "honor-all,safety,5,3,7,hines-peri-2019-iza;", "honor-all,safety,5,3,7,wong-2020-trust;")
    with pytest.raises(DataError, match='"wong-2020-trust" is in rests_on but not in source_ids'):
        data.load("tradeoffs/scores.csv")


def test_a_score_without_evidence_that_favours_a_side_is_refused(data_copy):
    path = data_copy / "tradeoffs" / "scores.csv"
    _replace(path, "serious-only,cost,5,1,9,,", "serious-only,cost,7,2,10,,")
    line = _line_of(path, "serious-only,cost,")
    with pytest.raises(DataError, match=rf'line {line}, column "score": a score with no good evidence .* sits at the middle'):
        data.load("tradeoffs/scores.csv")


def test_a_study_listed_twice_for_its_kind_is_refused(data_copy):
    path = data_copy / "tradeoffs" / "source_kinds.csv"
    with path.open("a", encoding="utf-8") as f:
        f.write("goncalves-2024-nber-enforcement,causal study,relabelled\n")
    with pytest.raises(DataError, match="is a study in data/research.csv: its kind comes from its design there"):
        data.load("tradeoffs/source_kinds.csv")


def test_a_source_without_a_kind_is_named(data_copy):
    path = data_copy / "tradeoffs" / "source_kinds.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("cppp-2017-sb4,")), encoding="utf-8")
    with pytest.raises(DataError, match='"cppp-2017-sb4" has no kind of evidence'):
        data.load("tradeoffs/scores.csv")


def test_presets_that_are_not_mirror_images_are_refused(data_copy):
    path = data_copy / "tradeoffs" / "presets.csv"
    _replace(path, "rights-advocate,Illustration: an immigrant-rights advocate,limits-on-cooperation,officials,trust,10,",
             "rights-advocate,Illustration: an immigrant-rights advocate,limits-on-cooperation,officials,trust,7,")
    with pytest.raises(DataError, match='pair "officials" is not symmetrical'):
        data.load("tradeoffs/presets.csv")
