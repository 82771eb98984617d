"""Schemas shared by every notebook: the sources and the glossary."""

from fedstate.data import Column, Schema, register

SOURCE_KINDS = ("government", "court", "legislature", "news", "research", "think-tank",
                "advocacy", "reference", "education", "article")
CONFIDENCE = ("High", "Medium-High", "Medium", "Low-Medium", "Low")

SOURCES = register(Schema(
    path="sources.csv",
    description="Every source the module cites. Other datasets point here through source_ids.",
    columns=(
        Column("id", unique=True, description="Short, stable id used by other files (lower-case, hyphens)."),
        Column("publisher", description="Who published it originally (an agency, court, outlet, researcher)."),
        Column("title", description="Title of the page, document or decision."),
        Column("date", "partial_date", required=False,
               description="Publication or decision date (YYYY-MM-DD; YYYY-MM or YYYY when only that is known). Empty when the source is undated."),
        Column("address", "url", description="Where the text was read (an archived copy or repost is named in the note)."),
        Column("kind", "choice", choices=SOURCE_KINDS, description="What sort of source it is."),
        Column("confidence", "choice", choices=CONFIDENCE,
               description="How directly the text was read: High = the publisher's own page; Medium = reputable report or word-for-word repost; Low = a lead only."),
        Column("note", required=False, description="Caveats: repost, partial text, disputed, published after the article."),
    ),
))

#: What a glossary term is about; a "law" term must name a source where its definition can be checked.
GLOSSARY_KINDS = ("law", "data", "reading", "deciding")


def _legal_terms_have_sources(frame, folder) -> None:
    from fedstate.data import DataError, row_line

    for i, row in enumerate(frame.itertuples(index=False)):
        if row.kind == "law" and not row.source_ids:
            raise DataError("data/glossary.csv", "a legal term needs a source where its definition can be "
                            "checked", row_line(frame, i), "source_ids")


GLOSSARY = register(Schema(
    path="glossary.csv",
    description="Terms a student meets in the module, defined in the module's own words. The notebooks link "
                "each term where it is first used to notebooks/glossary.md, generated from this file "
                "(python -m fedstate.glossary).",
    columns=(
        Column("term", unique=True, description="The term as students meet it."),
        Column("definition", description="A plain-language definition written for this module."),
        Column("source_ids", "source_ids", required=False,
               description="Where the definition can be checked (required for legal terms)."),
        Column("kind", "choice", choices=GLOSSARY_KINDS,
               description="What the term is about: law, data, reading (sources and words) or deciding."),
        Column("forms", required=False,
               description="Other forms of the term found in the notebooks (plural, short form), separated by ;."),
    ),
    checks=(_legal_terms_have_sources,),
))
