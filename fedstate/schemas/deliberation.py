"""Schemas for notebook 05: evidence cards drawn from the other datasets, and the rubrics."""

from __future__ import annotations

from fedstate.data import Column, DataError, Schema, load, register

POSITIONS = ("for", "against", "context")
QUESTION_KINDS = ("legal", "empirical", "value")
#: Datasets a card may draw from, with the column that identifies a row in each.
CARD_DATASETS = {
    "enforcement_stats.csv": "id",
    "research.csv": "id",
    "legal_authorities.csv": "id",
    "timeline.csv": "id",
    "article/claims.csv": "id",
}


def _cards_point_at_real_rows(frame, folder):
    """Each card names a row of another dataset and carries all of that row's sources (it may add
    sources for what its "limits" say)."""
    file = "data/deliberation/evidence_cards.csv"
    for i, card in frame.iterrows():
        line = frame.attrs["lines"][i]
        if card["dataset"] not in CARD_DATASETS:
            raise DataError(file, f"{card['dataset']!r} is not a dataset cards may draw from: "
                                  f"{', '.join(CARD_DATASETS)}", line, "dataset")
        target = load(card["dataset"], folder)
        key = CARD_DATASETS[card["dataset"]]
        match = target[target[key] == card["row_id"]]
        if match.empty:
            raise DataError(file, f"no row {card['row_id']!r} in data/{card['dataset']}", line, "row_id")
        missing = [s for s in match.iloc[0]["source_ids"] if s not in card["source_ids"]]
        if missing:
            raise DataError(file, f"lacks {', '.join(missing)}, a source of data/{card['dataset']} row "
                                  f"{card['row_id']!r}: a card carries all of its row's sources", line, "source_ids")


EVIDENCE_CARDS = register(Schema(
    path="deliberation/evidence_cards.csv",
    description=("Evidence cards for the structured academic controversy in notebook 05. Each card "
                 "restates, in the module's words, one row of another dataset and carries that row's sources."),
    columns=(
        Column("id", unique=True, description="Card id, shown to students so they can cite the card."),
        Column("position", "choice", choices=POSITIONS,
               description="The side of the resolution the card is most often used for (for = states should be required to honor detainers; against = they should not; context = either side may use it). Students may argue otherwise."),
        Column("question_kind", "choice", choices=QUESTION_KINDS,
               description="Whether the card bears on a legal, an empirical or a value question."),
        Column("headline", description="The point of the card in a few words."),
        Column("evidence", description="What the evidence says, in the module's words, with its period and population."),
        Column("limits", description="What the evidence does not show, or how the other side answers it."),
        Column("dataset", "choice", choices=tuple(CARD_DATASETS), description="The dataset the card draws from."),
        Column("row_id", description="The id of the row in that dataset."),
        Column("source_ids", "source_ids", description="Sources of the card: those of its row."),
    ),
    checks=(_cards_point_at_real_rows,),
))

RUBRICS = register(Schema(
    path="deliberation/rubrics.csv",
    description=("Rubrics for the summative tasks. Credit goes to evidence, reasoning, precision and "
                 "fairness to other views; no criterion depends on the position a student takes."),
    columns=(
        Column("task", "choice", choices=("argument-essay", "data-memo", "source-dossier", "deliberation"),
               description="The task the criterion belongs to."),
        Column("criterion", description="What is assessed."),
        Column("what_it_assesses", description="The criterion in a sentence."),
        Column("proficient", description="What meeting the criterion fully looks like."),
        Column("developing", description="What partly meeting it looks like."),
        Column("beginning", description="What not yet meeting it looks like."),
        Column("source_ids", "source_ids", required=False, description="Where the method behind the criterion comes from."),
    ),
))
