"""The claims and the activities' data: verbatim quotes, resolvable sources, complete coverage, verdicts that
follow the fact sheets, answer keys tied to the data, and clear errors when a maintainer breaks a file."""

from __future__ import annotations

import csv
import html
import io

import pytest
from conftest import REPO

from fedstate import reading
from fedstate.article import (CLAIMS_FILE, PARAPHRASE_CLAIMS, QUOTATION_NOT_FOUND, SOURCE_ID, VERDICT_RULES, VERDICTS,
                              article, coverage, load_claims, locate, verdict_problems, verdict_scale_markdown)
from fedstate.checks import MultipleChoice
from fedstate.data import DataError, load, sources

ART = article()
CLAIMS = load_claims()
BY_ID = {c.id: c for c in CLAIMS}


def test_every_quote_occurs_verbatim_exactly_once():
    for claim in CLAIMS:
        assert locate(ART.text, claim.quote) == [claim.start], claim.id
        assert ART.text[claim.start:claim.end] == claim.quote


def test_every_source_id_resolves():
    known = set(sources().index)
    for claim in CLAIMS:
        assert claim.source_ids and set(claim.source_ids) <= known, claim.id
    for path in ("article/no_claim.csv", "article/text_cues.csv", "article/tagging.csv", "article/terms.csv",
                 "article/term_usage.csv", "article/quotations.csv"):
        for ids in load(path)["source_ids"]:
            assert ids and set(ids) <= known, path


def test_coverage_is_complete_and_visible():
    table = coverage(ART, CLAIMS, load("article/no_claim.csv"))
    assert set(table["status"]) <= {"annotated", "no claim"}
    body_blocks = [b.id for s in ART.body_sections for b in s.blocks]
    listed = set(load("article/no_claim.csv")["block"])
    annotated = {c.block_id for c in CLAIMS}
    for block_id in body_blocks:
        assert (block_id in annotated) != (block_id in listed), block_id
    assert len(table) == len(ART.blocks)


def test_claims_are_numbered_in_reading_order_and_never_overlap():
    assert [c.number for c in CLAIMS] == list(range(1, len(CLAIMS) + 1))
    for before, after in zip(CLAIMS, CLAIMS[1:]):
        assert before.end <= after.start, (before.id, after.id)


def test_each_claim_lies_in_the_section_it_names():
    for claim in CLAIMS:
        assert ART.block(claim.block_id).section == claim.section


def test_every_kind_of_statement_the_issue_lists_is_annotated():
    kinds = {c.kind for c in CLAIMS}
    assert {"statistic", "factual claim", "quotation", "attribution", "anecdote", "prediction", "opinion",
            "rhetorical question"} <= kinds
    types = {c.attribution_type for c in CLAIMS}
    assert {"named organisation", "unnamed role", "the author", "no one"} <= types


def test_verdicts_follow_the_fact_sheets():
    # statistics.md, section 0: claim 1 partly accurate; the table not verified; the letters verified as DHS's account.
    assert BY_ID["s3-400000-70pct"].verdict == "partly supported"
    for row in ("table-violent", "table-drug", "table-weapons", "table-other-gang"):
        assert BY_ID[row].verdict == "not supported by any source found"
    for claim in ("s1-refused", "s1-sept20"):
        assert BY_ID[claim].verdict == "supported"
    # the letters asked the states to honor detainers (notice and hold); the article mentions only the notice
    assert BY_ID["s1-letters"].verdict == "partly supported"
    # The quoted "DHS spokesperson" sentence appears in no DHS text found; the other two in no text at all.
    for claim in ("s1-quote-dhs", "s4-quote-official", "s6-quote-analyst"):
        assert BY_ID[claim].verdict == QUOTATION_NOT_FOUND
    assert "not found in any DHS text we could find" in BY_ID["s1-quote-dhs"].what_sources_say
    # anecdotes with no name, place or date cannot be checked; they are not "partly supported"
    for claim in ("s4-gang-case", "s4-assault-case"):
        assert BY_ID[claim].verdict == "cannot be checked" and BY_ID[claim].checkable == "no"
    # "a criminal record" for "convictions or pending charges" changes what the figure counts
    assert BY_ID["s3-criminal-record"].verdict == "misstates the source"
    assert "ddp-2025-arrests-clearmedia" in BY_ID["s3-400000-70pct"].source_ids


def test_every_claim_follows_the_written_verdict_rules():
    restated = tuple(load("article_numbers.csv").query("role == 'restatement'")["quote"])
    assert restated and any(q in BY_ID["s3-criminal-record"].quote for q in restated)
    traced = {r["claim"].id: r for r in reading.quotation_rows()}
    for claim in CLAIMS:
        found = None if claim.id not in traced else claim.quote in (traced[claim.id]["closest_words"] or "")
        assert verdict_problems(claim, restated, found) == [], claim.id


def test_the_verdict_scale_is_written_down_with_a_rule_for_each_level():
    from fedstate import annotation

    assert set(VERDICT_RULES) == set(VERDICTS) and all(len(rule) > 40 for rule in VERDICT_RULES.values())
    dictionary = " ".join((REPO / "data" / "README.md").read_text(encoding="utf-8").split())
    teacher = (REPO / "teacher" / "01_reading_the_article.md").read_text(encoding="utf-8")
    assert verdict_scale_markdown() in teacher, "teacher/01: paste fedstate.article.verdict_scale_markdown()"
    legend = annotation.legend_html()
    for verdict, rule in VERDICT_RULES.items():
        assert f"`{verdict}`: {' '.join(rule.split())}" in dictionary, verdict
        assert html.escape(rule) in legend, verdict


def test_no_text_calls_an_untraced_quotation_a_paraphrase():
    texts = [c.what_sources_say for c in CLAIMS] + list(load("article/quotations.csv")["what_differs"])
    texts += [choice.feedback for choice in reading.WHO_SAID_IT.choices if choice.correct]
    texts += [reading.WHO_SAID_IT.answer]
    traps = [c.text for c in reading.WHO_SAID_IT.choices if not c.correct]  # a wrong answer may name the mistake
    for path in ("notebooks/01_reading_the_article.ipynb", "teacher/01_reading_the_article.md"):
        text = (REPO / path).read_text(encoding="utf-8")
        texts.append("\n".join(line for line in text.splitlines() if not any(t in line for t in traps)))
    for text in texts:
        for phrase in PARAPHRASE_CLAIMS:
            assert phrase not in text.lower(), (phrase, text[:80])


@pytest.mark.parametrize("claim_id, column, value, message", [
    ("s4-gang-case", "verdict", "partly supported", "cannot be checked"),
    ("s1-letters", "verdict", "supported", 'at most "partly supported"'),
    ("s3-criminal-record", "verdict", "partly supported", '"misstates the source"'),
    ("s6-quote-analyst", "verdict", "not supported by any source found", "were not found in any source"),
    ("s1-quote-dhs", "what_sources_say", "The words are a paraphrase of DHS's statement.", "paraphrase"),
    ("s2-definition", "verdict", "a question, not a claim", "only for rhetorical questions"),
])
def test_a_verdict_that_breaks_a_rule_is_caught(data_copy, claim_id, column, value, message):
    path = data_copy / CLAIMS_FILE
    line = _line_of(path, f"{claim_id},")
    _set_cell(path, claim_id, column, value)
    with pytest.raises(DataError, match=message) as caught:
        load(CLAIMS_FILE)
    assert caught.value.line == line


def test_the_three_quotations_are_the_ones_credited_to_unnamed_roles():
    quotes = [c for c in CLAIMS if c.kind == "quotation"]
    assert len(quotes) == 3 and {c.attribution_type for c in quotes} == {"unnamed role"}
    traced = reading.quotation_rows()
    assert [r["claim"].id for r in traced] == [c.id for c in quotes]
    dhs = traced[0]
    assert dhs["credited_to"] == "DHS spokesperson" and dhs["traced"] == "similar words found"
    assert dhs["closest_words"].startswith("ICE detainers ask for something very simple")
    assert [r["traced"] for r in traced[1:]] == ["not found", "not found"]


def test_checkable_claims_cite_evidence_beyond_the_article():
    for claim in CLAIMS:
        if claim.checkable == "yes":
            assert [s for s in claim.source_ids if s != SOURCE_ID], claim.id
        if claim.verdict == "opinion, not checkable":
            assert claim.checkable == "no", claim.id


# ---------------------------------------------------------------------------------------------
# Self-checks quote the data they are about


def test_self_checks_name_a_misconception_for_every_wrong_answer():
    for question in (reading.TEXT_KIND, reading.WHO_SAID_IT, *reading.SELF_CHECKS):
        assert isinstance(question, MultipleChoice) and question.id.startswith("01.")
        assert question.grade(question.answer).correct
        for choice in question.choices:
            if not choice.correct:
                assert question.grade(choice.text).misconception


def test_checkable_question_quotes_the_claims_and_only_the_key_is_checkable():
    for choice, claim_id in zip(reading.CHECKABLE.choices, reading.CHECKABLE_CLAIMS):
        claim = BY_ID[claim_id]
        assert choice.text == claim.quote
        assert (claim.checkable == "yes") is choice.correct


def test_who_said_it_question_matches_the_traced_quotation():
    traced = reading.quotation_rows()[0]
    prompt = reading.WHO_SAID_IT.prompt
    assert f"“{traced['credited_to']}”" in prompt
    assert traced["closest_speaker"] in prompt and reading.date_words(traced["closest_date"]) in prompt


def test_text_kind_and_seventy_percent_questions_quote_the_article():
    assert any(ART.metadata["site_label"] in c.text for c in reading.TEXT_KIND.choices)
    quoted = reading.SEVENTY_PERCENT.prompt.split("“")[1].split("”")[0]
    for part in quoted.split(" … "):
        assert part in BY_ID["s3-400000-70pct"].quote


# ---------------------------------------------------------------------------------------------
# Activities: grading with reasons


CUES = reading.cues().to_dict("records")
ITEMS = reading.tagging_items().to_dict("records")


@pytest.mark.parametrize("cue", CUES, ids=[c["id"] for c in CUES])
def test_every_cue_is_graded_with_its_explanation(cue):
    assert reading.grade_cue(cue, cue["points_to"]).correct
    for extra in reading.split_accepted(cue["also_accepted"]):
        result = reading.grade_cue(cue, extra)
        assert result.correct and "Accepted" in result.message
    wrong = [z for z in reading.CUE_ZONES if z != cue["points_to"] and z not in reading.split_accepted(cue["also_accepted"])]
    for zone in wrong:
        result = reading.grade_cue(cue, zone)
        assert result.correct is False and cue["explanation"] in result.message
    assert reading.grade_cue(cue, None).correct is None
    with pytest.raises(ValueError):
        reading.grade_cue(cue, "gossip")


def test_cues_cover_the_signals_the_issue_names():
    cue_texts = " ".join(c["cue"] for c in CUES)
    for signal in ("Financial market analysis", "Click to find out", "1 views", "sponsored article inquiries",
                   "make money while you sleep", "Personally, I think"):
        assert signal in cue_texts
    assert {c["points_to"] for c in CUES} == set(reading.CUE_ZONES)


@pytest.mark.parametrize("item", ITEMS, ids=[i["id"] for i in ITEMS])
def test_every_sentence_is_graded_with_its_explanation(item):
    assert reading.grade_tag(item, item["answer"]).correct
    for tag in reading.TAGS:
        result = reading.grade_tag(item, tag)
        accepted = tag == item["answer"] or tag in reading.split_accepted(item["also_accepted"])
        assert result.correct is accepted
        assert item["explanation"] in result.message
    with pytest.raises(ValueError):
        reading.grade_tag(item, "fact")


def test_tagging_uses_every_tag_and_sentences_from_the_article():
    assert {i["answer"] for i in ITEMS} == set(reading.TAGS)
    for item in ITEMS:
        assert len(locate(ART.text, item["sentence"])) == 1


def test_tally():
    results = [reading.Result(True, ""), reading.Result(False, ""), reading.Result(None, "")]
    assert reading.tally(results) == "1 of 3 match the key; 1 not answered yet."
    assert reading.tally([reading.Result(True, "")]) == "1 of 1 match the key."


def test_term_spans_match_whole_words_in_any_case_and_either_apostrophe():
    assert reading.term_spans("Illegal immigrants and illegal immigration", "illegal immigrants") == [(0, 18)]
    assert reading.term_spans("the defiances", "defiance") == []
    assert reading.term_spans("California didn't even bother to respond", "didn’t even bother to respond")


def test_term_table_counts_come_from_the_text():
    table = reading.term_table().set_index("term")
    assert table.loc["illegal immigrants", "times used"] == ART.text.count("illegal immigrants")
    assert table.loc["criminal alien", "in a quotation"] == 1
    for _, row in table.iterrows():
        assert row["times used"] >= 1
        assert row["own voice"] + row["relaying someone"] + row["in a quotation"] == row["times used"]


def test_wording_hints():
    flagged = reading.wording_hints("ICE arrested 400,000 illegal immigrants, a staggering number.")
    assert any("“illegal immigrants”" in h for h in flagged) and any("“staggering”" in h for h in flagged)
    assert any("does not say who reported" in h for h in flagged)
    quoted = reading.wording_hints("DHS said it arrested “illegal immigrants”, in its words.")
    assert not any("“illegal immigrants”:" in h for h in quoted)
    clean = reading.wording_hints("DHS said the department arrested more than 400,000 people.")
    assert len(clean) == 1 and clean[0].startswith("No flagged")
    assert reading.wording_hints("   ")[0].startswith("Write your sentence")
    apostrophes = reading.wording_hints("Illinois's officials didn't call them illegal immigrants in ICE's view.")
    assert any("“illegal immigrants”" in h for h in apostrophes), "apostrophes are not quotation marks"


def test_shared_words_leave_out_function_words():
    assert reading.shared_words("notify us when a criminal is released", "notify ICE when criminals are released") \
        == ["notify", "released"]


# ---------------------------------------------------------------------------------------------
# A maintainer's mistakes give one clear message: file, line, column


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path, needle):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_a_straightened_apostrophe_is_caught(data_copy):
    path = data_copy / CLAIMS_FILE
    line = _line_of(path, "The DHS isn’t mincing words.")
    _edit(path, "The DHS isn’t mincing words.", "The DHS isn't mincing words.")
    with pytest.raises(DataError) as caught:
        load(CLAIMS_FILE)
    assert (caught.value.file, caught.value.line, caught.value.column) == ("data/article/claims.csv", line, "quote")
    assert "does not occur verbatim" in str(caught.value)


def test_a_quote_that_occurs_twice_is_caught(data_copy):
    path = data_copy / CLAIMS_FILE
    _edit(path, ",ICE is ramping up operations,", ",illegal immigrants,")
    with pytest.raises(DataError, match="occurs 6 times"):
        load(CLAIMS_FILE)


def _set_cell(path, claim_id, column, value):
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    row = next(r for r in rows if r["id"] == claim_id)
    row[column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_a_quote_across_a_paragraph_break_is_caught(data_copy):
    path = data_copy / CLAIMS_FILE
    _set_cell(path, "s2-black-white", "quote", "so tricky to navigate.\n\nThe Numbers Tell a Story")
    with pytest.raises(DataError) as caught:
        load(CLAIMS_FILE)
    assert "runs across two parts of the article" in str(caught.value) and caught.value.column == "quote"


def test_a_wrong_section_is_caught(data_copy):
    path = data_copy / CLAIMS_FILE
    line = _line_of(path, "s1-mincing")
    _edit(path, "s1-mincing,s1,", "s1-mincing,s2,")
    with pytest.raises(DataError) as caught:
        load(CLAIMS_FILE)
    assert caught.value.line == line and caught.value.column == "section"


def test_an_opinion_marked_checkable_is_caught(data_copy):
    path = data_copy / CLAIMS_FILE
    assert BY_ID["s1-mincing"].verdict == "opinion, not checkable"
    _set_cell(path, "s1-mincing", "checkable", "yes")
    with pytest.raises(DataError, match='needs checkable "no"'):
        load(CLAIMS_FILE)


def test_an_unknown_source_is_caught(data_copy):
    path = data_copy / CLAIMS_FILE
    _edit(path, "galarza-2014-lexisnexis", "galarza-2041-lexisnexis")
    with pytest.raises(DataError, match='"galarza-2041-lexisnexis" is not in data/sources.csv'):
        load(CLAIMS_FILE)


def test_an_unannotated_block_is_caught(data_copy):
    path = data_copy / "article" / "no_claim.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("after-b2")), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load("article/no_claim.csv")
    assert caught.value.file == "data/article/no_claim.csv" and "after-b2" in str(caught.value)


def test_a_block_listed_without_claims_that_has_claims_is_caught(data_copy):
    path = data_copy / "article" / "no_claim.csv"
    path.write_text(path.read_text(encoding="utf-8") + "s1-b1,Just a test.,article-capwolf\n", encoding="utf-8")
    with pytest.raises(DataError, match="s1-b1 is listed as having no claim but carries claims"):
        load("article/no_claim.csv")


def test_a_cue_not_in_the_article_is_caught(data_copy):
    _edit(data_copy / "article" / "text_cues.csv", "Click to find out.", "Click here to find out.")
    with pytest.raises(DataError, match="does not occur verbatim"):
        load("article/text_cues.csv")


def test_an_unknown_accepted_tag_is_caught(data_copy):
    _edit(data_copy / "article" / "tagging.csv", ",relayed DHS claim,factual claim,", ",relayed DHS claim,fact,")
    with pytest.raises(DataError) as caught:
        load("article/tagging.csv")
    assert caught.value.column == "also_accepted"


def test_a_quotation_row_that_is_not_a_quotation_is_caught(data_copy):
    _edit(data_copy / "article" / "quotations.csv", "s4-quote-official,", "s4-warnings,")
    with pytest.raises(DataError, match="is not a quotation"):
        load("article/quotations.csv")


def test_a_traced_quotation_needs_its_speaker(data_copy):
    _edit(data_copy / "article" / "quotations.csv", "Tricia McLaughlin, DHS Assistant Secretary", "")
    with pytest.raises(DataError) as caught:
        load("article/quotations.csv")
    assert caught.value.column == "closest_speaker"


def test_a_missing_article_text_is_named(data_copy):
    (data_copy / "article" / "article.txt").unlink()
    with pytest.raises(DataError, match="data/article/article.txt: file is missing"):
        load(CLAIMS_FILE)


# ---------------------------------------------------------------------------------------------
# The teacher's notes are the key the widgets grade with


TEACHER = (REPO / "teacher" / "01_reading_the_article.md").read_text(encoding="utf-8")
#: Claim numbers the teacher's notes cite, by claim id (numbers follow reading order).
CITED = {"intro-mandates": "C3", "s1-quote-dhs": "C11", "s1-letters": "C12", "s1-refused": "C14",
         "s3-400000-70pct": "C27", "table-violent": "C31", "table-other-gang": "C34", "s3-criminal-record": "C36",
         "s4-quote-official": "C43", "s5-middle": "C57", "s6-quote-analyst": "C67", "s7-hybrid": "C75"}


def test_claim_numbers_cited_in_the_teachers_notes_are_current():
    for claim_id, label in CITED.items():
        assert BY_ID[claim_id].label == label, (f"{claim_id} is now {BY_ID[claim_id].label}; update "
                                                f"teacher/01_reading_the_article.md and this table")
        assert label in TEACHER


def test_teachers_notes_carry_every_key():
    for cue in CUES:
        assert f"| “{cue['cue']}” | {cue['place']} | **{cue['points_to']}**" in TEACHER, cue["id"]
    for number, item in enumerate(ITEMS, start=1):
        assert f"| {number} | “{item['sentence']}” | **{item['answer']}**" in TEACHER, item["id"]
    for question in (reading.TEXT_KIND, reading.WHO_SAID_IT, *reading.SELF_CHECKS):
        # the letter students see in their packet and the order of the widget
        assert f"**Self-check `{question.id}`** (answer **{question.answer_letter}**). {question.prompt}" in TEACHER
        assert f"- **{question.answer_letter}.** {question.answer}: **correct**." in TEACHER
        for letter, choice in zip("ABCD", question.displayed_choices):
            assert f"- **{letter}.** {choice.text}: " in TEACHER, (question.id, letter)
