"""The reader and the activity widgets, built headlessly: set values as a student would, read what is shown."""

from __future__ import annotations

import html
import re

import pytest

from fedstate import annotation, reading, responses
from fedstate.article import article, load_claims
from fedstate.widgets.reader import (article_reader, benchmark_actions, claim_option_label, cue_sorter,
                                     quotation_tracer, sentence_tagger, wording_coach)

ART = article()
CLAIMS = load_claims()


def _text(markup: str) -> str:
    """What a reader sees: tags removed, entities decoded, badges dropped."""
    without_badges = re.sub(r'<sup class="fs-badge".*?</sup>', "", markup)
    without_badges = without_badges.replace("▶ ", "")
    return html.unescape(re.sub(r"<[^>]+>", "", without_badges))


# ---------------------------------------------------------------------------------------------
# Reader


def test_reader_opens_on_the_first_section_with_its_first_claim(answers_dir):
    reader = article_reader()
    first = [c for c in CLAIMS if c.section == "s0"]
    assert reader.section_dropdown.value == "s0"
    assert [value for _label, value in reader.claim_select.options] == [c.id for c in first]
    assert reader.claim_select.value == first[0].id
    assert html.escape(first[0].quote) in reader.panel.value
    assert "Section 1 of 9" in reader.position.value
    assert reader.previous_button.disabled and not reader.next_button.disabled


def test_next_and_previous_move_through_every_section(answers_dir):
    reader = article_reader()
    seen = [reader.section_dropdown.value]
    while not reader.next_button.disabled:
        reader.next_button.click()
        seen.append(reader.section_dropdown.value)
    assert seen == [s.id for s in ART.sections]
    assert "Section 9 of 9" in reader.position.value
    reader.previous_button.click()
    assert reader.section_dropdown.value == "s7" and not reader.next_button.disabled


def test_choosing_a_claim_changes_the_panel_and_outlines_it_in_the_text(answers_dir):
    reader = article_reader(start="s3")
    target = next(c for c in CLAIMS if c.id == "s3-400000-70pct")
    reader.claim_select.value = "s3-wake-up"
    before_panel, before_text = reader.panel.value, reader.text.value
    reader.claim_select.value = target.id
    assert reader.panel.value != before_panel and reader.text.value != before_text
    assert html.escape(target.what_sources_say) in reader.panel.value
    assert annotation.verdict_html(target.verdict) in reader.panel.value
    assert f'data-claim="{target.id}"' in reader.text.value and "▶" in reader.text.value
    assert reader.text.value.count("outline:2px solid #000") == 1


def test_the_drop_down_changes_section_and_claim_list(answers_dir):
    reader = article_reader()
    reader.section_dropdown.value = "s5"
    ids = [value for _label, value in reader.claim_select.options]
    assert ids == [c.id for c in CLAIMS if c.section == "s5"] and reader.claim_select.value == ids[0]
    assert "The Federal Response" in reader.text.value


def test_selecting_a_claim_in_another_section_jumps_there(answers_dir):
    reader = article_reader()
    reader.select_claim("s7-balance-30")
    assert reader.section_dropdown.value == "s7" and reader.claim_select.value == "s7-balance-30"
    assert "30% Community Trust Initiatives" in reader.panel.value


def test_a_section_without_claims_says_why(answers_dir):
    reader = article_reader()
    reader.section_dropdown.value = "after"
    assert reader.claim_select.options == () and reader.claim_select.value is None
    assert "No claims are annotated in this section" in reader.panel.value
    assert "after-b2" in reader.panel.value


@pytest.mark.parametrize("section", [s.id for s in ART.sections])
def test_every_section_shows_all_its_words_and_marks_every_claim(section, answers_dir):
    reader = article_reader(start=section)
    shown = _text(reader.text.value)
    for block in ART.section(section).blocks:
        for piece in block.pieces:
            assert piece.text in shown, (block.id, piece.text)
    for claim in CLAIMS:
        if claim.section == section:
            assert f"[{claim.label}&nbsp;{annotation.KIND_STYLES[claim.kind].badge}]" in reader.text.value


def test_option_labels_are_what_the_browser_test_selects():
    labels = [claim_option_label(c) for c in CLAIMS]
    assert len(labels) == len(set(labels)), "each claim's label is unique"
    assert all(label.startswith(f"{c.label} ") for label, c in zip(labels, CLAIMS))


def test_text_from_the_data_is_escaped(data_copy, answers_dir):
    path = data_copy / "article" / "claims.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("The author's description of DHS's tone.", "<script>alert(1)</script> & <b>bold</b>", 1)
    path.write_text(text, encoding="utf-8")
    reader = article_reader(start="s1")
    reader.claim_select.value = "s1-mincing"
    assert "<script>" not in reader.panel.value and "&lt;script&gt;" in reader.panel.value
    assert "&lt;b&gt;bold&lt;/b&gt;" in reader.panel.value


def test_a_claim_over_two_table_cells_is_marked_in_both_with_one_badge():
    block = next(b for b in ART.blocks if b.kind == "table")
    markup = annotation.block_html(block, CLAIMS)
    violent = next(c for c in CLAIMS if c.id == "table-violent")
    assert markup.count(f'data-claim="{violent.id}"') == 2
    assert markup.count(f"[{violent.label}&nbsp;STAT]") == 1
    assert "<th scope=\"col\">" in markup and "Percentage of ICE Arrests" in markup


def test_legend_gives_every_kind_a_badge_and_an_underline_style():
    legend = annotation.legend_html()
    for kind, style in annotation.KIND_STYLES.items():
        assert f"<b>{style.badge}</b>" in legend and html.escape(kind) in legend
    assert len({s.badge for s in annotation.KIND_STYLES.values()}) == len(annotation.KIND_STYLES)
    for verdict in annotation.VERDICT_MARKS:
        assert html.escape(verdict) in legend


def test_printed_table_lists_every_claim_in_order():
    table = annotation.claims_table_html(ART, CLAIMS)
    positions = [table.index(f"<td {reading._LEFT}>{c.label}</td>") for c in CLAIMS]
    assert positions == sorted(positions)
    assert table.startswith('<details class="fedstate-text-version') and table.index('<summary>') < 90  # folded, not open


def test_verdict_chart_counts_every_claim():
    chart = annotation.verdict_chart(CLAIMS)
    assert chart.table["claims"].sum() == len(CLAIMS)
    assert list(chart.figure.data[0].x) == chart.table["claims"].tolist()
    assert f"Of {len(CLAIMS)} claims" in chart.summary and chart.title
    assert "Steven Soarez" in chart.source_line()


def test_attribution_shows_title_author_label_and_date():
    shown = _text(annotation.attribution_html(ART))
    for words in ("DHS Urges States to Aid ICE in Deportation Efforts", "Steven Soarez", "Financial market analysis",
                  "Sep 22, 2025", "https://capwolf.com/?p=43816"):
        assert words in shown


def test_coverage_summary_is_computed():
    shown = _text(annotation.coverage_html(ART, CLAIMS))
    assert f"finds {len(ART.blocks)} blocks" in shown and f"{len(CLAIMS)} annotated claims" in shown
    assert "0 are missing" in shown
    assert not any(f">{b.id}<" in annotation.coverage_html(ART, CLAIMS) for b in ART.blocks)  # no internal block ids


# ---------------------------------------------------------------------------------------------
# Activities


def test_cue_sorter_gives_feedback_for_each_cue_and_saves_answers(answers_dir):
    box = cue_sorter()
    cues = reading.cues().to_dict("records")
    assert all(control.value == "" for control in box.controls.values()), "nothing is pre-chosen"
    box.controls["site-label"].value = "mismatch"
    box.controls["click"].value = "news"
    results = box.check()
    assert results[0].correct and results[2].correct is False
    shown = _text(box.feedback.value)
    assert f"1 of {len(cues)} match the key; {len(cues) - 2} not answered yet." in shown
    assert cues[2]["explanation"] in shown
    responses.store().flush()
    again = cue_sorter(store=responses.AnswerStore(answers_dir))
    assert again.controls["site-label"].value == "mismatch" and again.controls["click"].value == "news"


def test_tagger_all_correct_and_one_wrong(answers_dir):
    box = sentence_tagger()
    items = reading.tagging_items().to_dict("records")
    for item in items:
        box.controls[item["id"]].value = item["answer"]
    box.check_button.click()
    assert f"{len(items)} of {len(items)} match the key." in _text(box.feedback.value)
    box.controls["personally"].value = "factual claim"
    results = box.check()
    wrong = results[[i["id"] for i in items].index("personally")]
    assert wrong.correct is False and "The key says author's opinion" in wrong.message
    assert "✘" in box.feedback.value


def test_quotation_tracer_shows_the_real_words_beside_the_article(answers_dir):
    box = quotation_tracer()
    assert "ICE detainers ask for something very simple" in html.unescape(box.panel.value)
    assert "Words in both:" in box.panel.value and "Tricia McLaughlin" in box.panel.value
    before = box.panel.value
    box.chooser.value = "s6-quote-analyst"
    assert box.panel.value != before and "No matching words were found" in box.panel.value


def test_wording_coach_hints_on_what_the_student_wrote(answers_dir):
    box = wording_coach()
    assert "flat-out refused" in html.unescape(box.original.value)
    box.rewrite.area.value = "Illinois and New York flat-out refused."
    hints = box.give_hints()
    assert any("flat-out refused" in h for h in hints) and "not a grade" in box.hints.value
    box.rewrite.area.value = "According to DHS, Illinois and New York declined and California did not reply."
    box.hint_button.click()
    assert "No flagged" in box.hints.value
    box.chooser.value = "s3-400000-70pct"
    assert "400,000" in box.original.value
    assert responses.store().get("01.rewrite.sentence") == "s3-400000-70pct"


def test_benchmark_actions_each_run_one_callback():
    actions = benchmark_actions()
    names = [name for name, _ in actions]
    assert len(names) == len(set(names)) >= 6
    for _name, action in actions:
        action()


def test_checking_with_nothing_chosen_says_what_to_do_first(answers_dir):
    cues, tagger = cue_sorter(), sentence_tagger()
    assert all(r.correct is None for r in cues.check())
    assert "Choose what at least one cue points to" in cues.feedback.value
    tagger.check_button.click()
    assert "Tag at least one sentence" in tagger.feedback.value


def test_every_activity_has_a_printed_text_version():
    assert all(c["cue"] in html.unescape(reading.cues_text_html()) for c in reading.cues().to_dict("records"))
    assert all(i["sentence"] in html.unescape(reading.tagging_text_html())
               for i in reading.tagging_items().to_dict("records"))
    printed = html.unescape(reading.rewrite_text_html())
    assert all(next(c for c in CLAIMS if c.id == cid).quote in printed for cid in reading.REWRITE_CLAIMS)
    traced = html.unescape(reading.quotations_text_html())
    assert all(r["claim"].quote in traced for r in reading.quotation_rows())
