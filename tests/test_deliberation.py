"""Notebook 05: evidence cards traced to their rows and sources, balance, rubrics, and the widgets."""

from __future__ import annotations

import csv
import html
import io

import pytest

from fedstate import data
from fedstate import deliberation as d
from fedstate.data import DataError
from fedstate.schemas.deliberation import CARD_DATASETS
from fedstate.widgets.deliberation import evidence_cards, sac_worksheet, steelman_box, summative_task

CARDS = "deliberation/evidence_cards.csv"


def test_every_card_restates_a_real_row_and_carries_all_its_sources():
    cards = d.cards()
    assert len(cards) >= 20
    for _, card in cards.iterrows():
        table = data.load(card["dataset"])
        row = table[table[CARD_DATASETS[card["dataset"]]] == card["row_id"]]
        assert len(row) == 1, card["id"]
        assert set(row.iloc[0]["source_ids"]) <= set(card["source_ids"]), card["id"]


def test_each_side_has_its_strongest_evidence_of_every_kind():
    balance = d.card_balance()
    for side in ("for", "against"):
        for kind in ("legal", "empirical", "value"):
            assert balance.loc[side, kind] >= 1, (side, kind)
    # neither side dwarfs the other
    assert abs(int(balance.loc["for"].sum()) - int(balance.loc["against"].sum())) <= 3


def test_card_filters():
    assert set(d.cards("for")["position"]) == {"for"}
    assert set(d.cards(kind="legal")["question_kind"]) == {"legal"}
    assert len(d.cards("against", "legal")) == len(d.cards().query("position == 'against' and question_kind == 'legal'"))
    with pytest.raises(ValueError):
        d.cards("maybe")
    with pytest.raises(ValueError):
        d.cards(kind="moral")


def test_card_html_names_the_kind_in_words_and_cites_sources():
    card = d.cards().iloc[0]
    shown = d.card_html(card)
    assert d.KIND_LABELS[card["question_kind"]] in shown  # not colour alone
    assert "Source" in shown and card["row_id"] in shown
    assert "Limits and replies" in shown
    # the row id is provenance for the teacher, folded under a summary, not on the card's face
    face = shown.split("<details")[0]
    assert card["row_id"] not in face and "Drawn from" not in face


def test_card_balance_table_speaks_in_words():
    shown = d.card_balance_html()
    assert "<caption" in shown and "Legal questions" in shown and d.POSITION_LABELS["for"] in shown
    assert "question_kind" not in shown and ">position<" not in shown
    counts = d.card_balance()
    assert f">{int(counts.loc['for'].sum())}<" in shown


def test_card_html_escapes():
    card = d.cards().iloc[0].copy()
    card["headline"] = "<script>x</script>"
    assert "<script>" not in d.card_html(card)


def _rewrite(path, change):
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_a_card_pointing_at_a_missing_row_is_refused(data_copy):
    _rewrite(data_copy / CARDS, lambda rows: rows[2].update(row_id="no-such-row"))
    with pytest.raises(DataError) as caught:
        data.load(CARDS, data_copy)
    assert caught.value.line == 4 and caught.value.column == "row_id"


def test_a_card_dropping_a_source_of_its_row_is_refused(data_copy):
    def drop(rows):
        card = next(r for r in rows if r["id"] == "A4")
        card["source_ids"] = card["source_ids"].split(";")[0]
    _rewrite(data_copy / CARDS, drop)
    with pytest.raises(DataError, match="a card carries all of its row's sources") as caught:
        data.load(CARDS, data_copy)
    assert caught.value.column == "source_ids"


def test_rubrics_cover_every_task_and_never_mention_a_position():
    for task in d.SUMMATIVE_TASKS:
        table = d.rubric(task.id)
        assert len(table) >= 3
        assert "no criterion depends on the position you take" in d.rubric_html(task.id)
        assert html.escape(task.instructions) in d.task_html(task.id)
    assert len(d.rubric("deliberation")) >= 3
    with pytest.raises(ValueError):
        d.rubric("poster")


def test_printable_instructions():
    steps = d.sac_steps_html()
    assert steps.count("<li>") == len(d.SAC_STEPS)
    assert "Switch sides" in steps
    assert d.rapoport_html().count("<li>") == 4


def test_card_browser_filters_and_counts(answers_dir):
    browser = evidence_cards()
    total = len(d.cards())
    assert f"Showing {total} of {total}" in browser.count.value
    browser.position.value = "against"
    assert f"Showing {len(d.cards('against'))} of {total}" in browser.count.value
    browser.kind.value = "value"
    assert f"Showing {len(d.cards('against', 'value'))} of {total}" in browser.count.value
    assert "Card A11" in browser.shown.value and "Card F1" not in browser.shown.value


def test_worksheet_steelman_and_tasks_save_and_restore(answers_dir):
    from fedstate import responses

    sheet = sac_worksheet()
    boxes = [c for c in sheet.children if hasattr(c, "area")]
    assert [b.question_id for b in boxes] == [s.id for s in d.SAC_STEPS]
    boxes[0].area.value = "A5, F1: our points"
    steel = steelman_box().children[0]
    steel.area.value = "word " * 130
    assert "130 words; aim for 120–180." in steel.counter.value
    essay = summative_task("argument-essay").children[0]
    essay.area.value = "My essay."
    responses.store().flush()
    restored = responses.AnswerStore(answers_dir)
    assert restored.get("05.sac.prepare") == "A5, F1: our points"
    assert restored.get("05.essay") == "My essay."
    assert len(summative_task("source-dossier").children) == 3
