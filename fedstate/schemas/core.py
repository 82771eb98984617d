"""Schemas shared by every notebook: the sources and the glossary."""

from urllib.parse import urlsplit

from fedstate.data import Column, DataError, Schema, read_at, register

SOURCE_KINDS = ("government", "court", "legislature", "news", "research", "think-tank",
                "advocacy", "reference", "education", "article")
CONFIDENCE = ("High", "Medium-High", "Medium", "Low-Medium", "Low")


def _host(address: str) -> str:
    return urlsplit(address).netloc.lower().rstrip(".").removeprefix("www.")


def _check_read_at(frame, folder) -> None:
    """A copy is never the source: read_at, where given, must differ from the address and the note
    must say that the text was read there (naming "read_at" or the copy's site)."""
    file = "data/sources.csv"
    for i, row in frame.iterrows():
        copy = read_at(row)
        if not copy:
            continue
        line = frame.attrs["lines"][i]
        if copy == row["address"]:
            raise DataError(file, "read_at repeats the address; read_at is for a copy, the address for the "
                                  "original publisher's page", line, "read_at")
        note = row["note"] if isinstance(row["note"], str) else ""
        if "read_at" not in note and _host(copy) not in note.lower():
            raise DataError(file, f"the note must say the text was read in a copy (name \"read_at\" or "
                                  f"{_host(copy)}) and what could not be read at the address", line, "note")


SOURCES = register(Schema(
    path="sources.csv",
    description=("Every source the module cites. Other datasets point here through source_ids. The address "
                 "is the original publisher's page; where the text could be read only in a copy, the copy is "
                 "in read_at and the note says so."),
    columns=(
        Column("id", unique=True, description="Short, stable id used by other files (lower-case, hyphens)."),
        Column("publisher", description="Who published it originally (an agency, court, outlet, researcher)."),
        Column("title", description="Title of the page, document or decision."),
        Column("date", "partial_date", required=False,
               description="Publication or decision date (YYYY-MM-DD; YYYY-MM or YYYY when only that is known). Empty when the source is undated."),
        Column("address", "url",
               description=("The original publisher's page (the court, legislature, agency, journal or newspaper). "
                            "Where that page could not be found, the publisher's nearest page that could be "
                            "(its news index or home page), and the note says so. Never a mirror, repost or aggregator.")),
        Column("read_at", "url", required=False,
               description=("Where the text was actually read, when that was a copy (a repost, mirror, archive or "
                            "aggregator) and not the address. Shown only as a secondary note (\"read in a copy at\"), "
                            "never as the source. Empty when the text was read at the address.")),
        Column("kind", "choice", choices=SOURCE_KINDS, description="What sort of source it is."),
        Column("confidence", "choice", choices=CONFIDENCE,
               description="How directly the text was read: High = the publisher's own page; Medium = reputable report or word-for-word repost; Low = a lead only."),
        Column("note", required=False,
               description=("Caveats: partial text, disputed, published after the article; and, with read_at, "
                            "which copy was read and what could not be read at the address.")),
    ),
    checks=(_check_read_at,),
))

GLOSSARY = register(Schema(
    path="glossary.csv",
    description="Terms a student meets in the module, defined in the module's own words.",
    columns=(
        Column("term", unique=True, description="The term as students meet it."),
        Column("definition", description="A plain-language definition written for this module."),
        Column("source_ids", "source_ids", description="Where the definition can be checked."),
    ),
))
