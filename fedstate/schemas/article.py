"""Schemas for notebook 01, "Reading the article": the claims, their coverage, and the activities' data.

The cross-file checks tie every file to the article text itself (``data/article/article.txt``): every
claim quotes the article exactly, in the section it names; every block of the article either carries
a claim or is listed, with a reason, in ``no_claim.csv``; every cue, sentence and term the activities
use occurs in the article. A maintainer who mistypes a curly apostrophe gets the file, the line and
the column.
"""

from __future__ import annotations

from fedstate.article import (ATTRIBUTION_TYPES, CHECKABLE, CLAIM_KINDS, CLAIMS_FILE, NO_CLAIM_FILE, QUESTION_TYPES,
                              SOURCE_ID, VERDICT_RULES, VERDICTS, article, claim_problems, locate, verdict_problems)
from fedstate.data import Column, DataError, Schema, load, read_rows, register, schema_for
from fedstate.reading import (CUE_PLACES, CUE_ZONES, FITS_AP, TAGS, TERM_CATEGORIES, TRACED, split_accepted, term_spans,
                              text_or_empty)

ATTRIBUTION_NOTE = (' The article is "DHS Urges States to Aid ICE in Deportation Efforts" (Sep 22, 2025), credited to '
                    'Steven Soarez on capwolf.com, which labels it "Financial market analysis"; source id '
                    '`article-capwolf`.')


def _file(schema_path: str) -> str:
    return f"data/{schema_path}"


def _line(frame, i: int) -> int:
    return frame.attrs["lines"][i]


def _check_claims(frame, folder):
    art = article(folder)
    for i, column, message in claim_problems(frame, art):
        raise DataError(_file(CLAIMS_FILE), message, _line(frame, i), column)
    restated, found = _restatements_and_quotations(folder)
    for i, row in enumerate(frame.itertuples(index=False)):
        for column, message in verdict_problems(row, restated, found(row)):
            raise DataError(_file(CLAIMS_FILE), message, _line(frame, i), column)
        if row.checkable == "yes" and not [s for s in row.source_ids if s != SOURCE_ID]:
            raise DataError(_file(CLAIMS_FILE), "a checkable claim needs at least one source besides the article",
                            _line(frame, i), "source_ids")
        start = art.text.index(row.quote)
        block = art.block_at(start, start + len(row.quote))
        if row.kind == "quotation" and block.kind not in ("quotation", "closing_quote"):
            raise DataError(_file(CLAIMS_FILE), f"kind is quotation but the quote is in a {block.kind}, not a quotation",
                            _line(frame, i), "kind")


def _restatements_and_quotations(folder):
    """The article's words that restate a figure (data/article_numbers.csv) and, per quotation, whether
    its exact words were found (data/article/quotations.csv). Read without their own cross-file checks,
    which load the claims in turn."""
    from pathlib import Path

    folder = Path(folder)
    numbers, _ = read_rows(schema_for("article_numbers.csv"), folder)
    restated = tuple(r["quote"] for r in numbers if r["role"] == "restatement")
    traced, _ = read_rows(schema_for("article/quotations.csv"), folder)
    closest = {r["claim"]: r.get("closest_words") or "" for r in traced}

    def found(row):
        if row.kind != "quotation" or row.id not in closest:
            return None
        return row.quote in closest[row.id]
    return restated, found


def _check_no_claim(frame, folder):
    from fedstate.article import coverage, load_claims

    art = article(folder)
    known = {b.id for b in art.blocks}
    claims = load_claims(folder)
    annotated = {c.block_id for c in claims}
    for i, row in enumerate(frame.itertuples(index=False)):
        if row.block not in known:
            raise DataError(_file(NO_CLAIM_FILE), f"{row.block!r} is not a block of the article "
                                                  f"(blocks look like s1-b2; see fedstate.article.coverage)",
                            _line(frame, i), "block")
        if row.block in annotated:
            raise DataError(_file(NO_CLAIM_FILE), f"{row.block} is listed as having no claim but carries claims "
                                                  f"in {CLAIMS_FILE}", _line(frame, i), "block")
    table = coverage(art, claims, frame)
    missing = table[table["status"] == "missing"]
    if len(missing):
        first = missing.iloc[0]
        raise DataError(_file(NO_CLAIM_FILE), f"block {first['block']} ({first['kind']}, begins "
                                              f"{first['begins']!r}) has no claim in {CLAIMS_FILE} and is not listed "
                                              f"here; annotate it or list it with a reason")


def _check_in_article(column: str, path: str, exactly_once: bool):
    def check(frame, folder):
        text = article(folder).text
        for i, value in enumerate(frame[column]):
            hits = len(locate(text, value))
            if hits == 0:
                raise DataError(_file(path), f"{value[:60]!r} does not occur verbatim in data/article/article.txt",
                                _line(frame, i), column)
            if exactly_once and hits > 1:
                raise DataError(_file(path), f"{value[:60]!r} occurs {hits} times in the article; quote more words",
                                _line(frame, i), column)
    return check


def _check_accepted(choices, path: str):
    def check(frame, folder):
        for i, value in enumerate(frame["also_accepted"]):
            for item in split_accepted(value):
                if item not in choices:
                    raise DataError(_file(path), f"{item!r} is not one of: {', '.join(choices)}",
                                    _line(frame, i), "also_accepted")
    return check


def _check_terms(frame, folder):
    text = article(folder).text
    for i, term in enumerate(frame["term"]):
        if not term_spans(text, term):
            raise DataError(_file("article/terms.csv"), f"{term!r} does not occur in the article as whole words",
                            _line(frame, i), "term")


def _check_quotations(frame, folder):
    claims = load(CLAIMS_FILE, folder).set_index("id")
    for i, row in enumerate(frame.itertuples(index=False)):
        if row.claim not in claims.index:
            raise DataError(_file("article/quotations.csv"), f"{row.claim!r} is not a claim id in {CLAIMS_FILE}",
                            _line(frame, i), "claim")
        if claims.loc[row.claim, "kind"] != "quotation":
            raise DataError(_file("article/quotations.csv"), f"claim {row.claim} is not a quotation",
                            _line(frame, i), "claim")
        if row.traced == "similar words found":
            for column in ("closest_words", "closest_speaker", "closest_date"):
                if not text_or_empty(getattr(row, column)):
                    raise DataError(_file("article/quotations.csv"),
                                    'needed when traced is "similar words found"', _line(frame, i), column)


CLAIMS = register(Schema(
    path=CLAIMS_FILE,
    description=("Every statement in the article's body that a reader could check or should weigh, quoted exactly, "
                 "with who it is credited to, whether it can be checked, what sources say (written for this module) "
                 "and a verdict that follows the fact sheets." + ATTRIBUTION_NOTE),
    columns=(
        Column("id", unique=True, description="Stable id of the claim (students see C1, C2, ... in reading order)."),
        Column("section", description="Section of the article: s0 (before the first heading), s1 ... s7 by heading, "
                                      "or after (closing quote and author box)."),
        Column("quote", description="The claim's words, an exact substring of data/article/article.txt (curly "
                                    "quotes and dashes as in the article); unique in the article; claims never overlap."),
        Column("kind", "choice", choices=CLAIM_KINDS, description="What sort of statement it is."),
        Column("attributed_to", description="Who the article says it comes from, in words (e.g. DHS; an unnamed "
                                            "\"DHS spokesperson\"; the author)."),
        Column("attribution_type", "choice", choices=ATTRIBUTION_TYPES, description="The kind of attribution."),
        Column("question_type", "choice", choices=QUESTION_TYPES,
               description="Whether checking it is an empirical, legal or value question."),
        Column("checkable", "choice", choices=CHECKABLE, description="Whether evidence can settle it."),
        Column("what_sources_say", description="What the sources found for this module say about it, in the "
                                               "module's own words, with periods and dates."),
        Column("verdict", "choice", choices=VERDICTS, description=(
            "The verdict, by the written scale below; the loader refuses a row that breaks a rule it can check. "
            + " ".join(f"`{v}`: {rule}" for v, rule in VERDICT_RULES.items()))),
        Column("source_ids", "source_ids", description="The sources behind what_sources_say (the article itself, "
                                                       "article-capwolf, for opinions)."),
    ),
    checks=(_check_claims,),
))

NO_CLAIM = register(Schema(
    path=NO_CLAIM_FILE,
    description=("Blocks of the article that carry no annotated claim, each with the reason, so that coverage is "
                 "complete and visible: every block is either in claims.csv or here."),
    columns=(
        Column("block", unique=True, description="Block id as the parser numbers it (e.g. s0-b2, after-b1)."),
        Column("why", description="Why the block carries no claim."),
        Column("source_ids", "source_ids", description="Where the block can be read (the article)."),
    ),
    checks=(_check_no_claim,),
))

TEXT_CUES = register(Schema(
    path="article/text_cues.csv",
    description=("Activity \"What kind of text is this?\": cues on the page, quoted exactly, with the kind of text "
                 "each points to and why."),
    columns=(
        Column("id", unique=True, description="Stable id of the cue."),
        Column("cue", description="The words on the page, an exact substring of the article text."),
        Column("place", "choice", choices=CUE_PLACES, description="Where on the page the cue is."),
        Column("points_to", "choice", choices=tuple(CUE_ZONES), description="The kind of text the cue points to "
                                                                             "(the answer key)."),
        Column("also_accepted", required=False, description="Other answers accepted, separated by ;"),
        Column("explanation", description="Why: the feedback a student reads."),
        Column("source_ids", "source_ids", description="Sources for any fact the explanation states."),
    ),
    checks=(_check_in_article("cue", "article/text_cues.csv", exactly_once=False),
            _check_accepted(tuple(CUE_ZONES), "article/text_cues.csv")),
))

TAGGING = register(Schema(
    path="article/tagging.csv",
    description="Activity \"Tag the sentences\": sentences from the article with the tag in the answer key and why.",
    columns=(
        Column("id", unique=True, description="Stable id of the sentence."),
        Column("sentence", description="The sentence, an exact substring of the article that occurs once."),
        Column("answer", "choice", choices=TAGS, description="The tag in the answer key."),
        Column("also_accepted", required=False, description="Other tags accepted, separated by ;"),
        Column("explanation", description="Why: the feedback a student reads."),
        Column("source_ids", "source_ids", description="Sources for any fact the explanation states."),
    ),
    checks=(_check_in_article("sentence", "article/tagging.csv", exactly_once=True),
            _check_accepted(TAGS, "article/tagging.csv")),
))

TERMS = register(Schema(
    path="article/terms.csv",
    description=("Activity \"Words and framing\": words the article uses for people and loaded phrases, beside the "
                 "AP Stylebook's 2013 guidance. How often and in whose voice each is used is computed from the text."),
    columns=(
        Column("id", unique=True, description="Stable id of the term."),
        Column("term", description="The words as they appear in the article (matched as whole words, any case)."),
        Column("category", "choice", choices=TERM_CATEGORIES, description="A label for people, or loaded wording."),
        Column("ap_2013", description="What the AP Stylebook's 2013 \"illegal immigration\" entry says about it, "
                                      "in the module's words."),
        Column("fits_ap", "choice", choices=FITS_AP, description="Whether the use fits that entry."),
        Column("alternatives", required=False, description="Plainer or more precise wordings."),
        Column("note", description="What the choice of words does, and who prefers it."),
        Column("source_ids", "source_ids", description="Sources for the guidance and any fact in the note."),
    ),
    checks=(_check_terms,),
))

TERM_USAGE = register(Schema(
    path="article/term_usage.csv",
    description="Who prefers which words for people in the country without legal permission, and their reasons: "
                "a contested choice, shown from several sides.",
    columns=(
        Column("id", unique=True, description="Stable id."),
        Column("who", description="The organisation or guide."),
        Column("prefers", description="The words it prefers."),
        Column("reasoning", description="Its stated reason, in the module's words."),
        Column("source_ids", "source_ids", description="Where its guidance or usage can be read."),
    ),
))

QUOTATIONS = register(Schema(
    path="article/quotations.csv",
    description="Activity \"Who said it?\": the article's quotations credited to unnamed roles, traced.",
    columns=(
        Column("claim", unique=True, description="The claim id (in claims.csv) of the quotation."),
        Column("traced", "choice", choices=TRACED, description="What tracing the words found."),
        Column("closest_words", required=False,
               description="The closest real words found, quoted exactly from the source."),
        Column("closest_speaker", required=False, description="Who said them, with title."),
        Column("closest_date", "date", required=False, description="When they were said."),
        Column("what_differs", description="What differs between the article's quotation and the source, and what "
                                           "that changes for a reader."),
        Column("source_ids", "source_ids", description="Where the closest words were read."),
    ),
    checks=(_check_quotations,),
))
