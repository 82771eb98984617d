"""Schemas for notebook 02, "Who decides?": the law, the states, the timeline and the scenario rules.

Every row names its sources. Cross-file checks below catch what a row-by-row check cannot: a state
missing from the map, a scenario cell with no rule or two rules, a timeline event marked "before the
article" that is dated after it, a low-confidence state shown as if it were verified.
"""

from __future__ import annotations

from pathlib import Path

from fedstate.data import Column, DataError, Schema, read_rows, register, schema_for

CONFIDENCE = ("High", "Medium-High", "Medium", "Low-Medium", "Low")

#: The article the module studies was published on this day; the timeline marks every event as
#: before or after it.
ARTICLE_DATE = "2025-09-22"

# ---------------------------------------------------------------------------------------------
# Vocabulary of the scenario explorer (ids used in data/scenario_rules.csv)

JURISDICTION_IDS = ("federal", "california", "illinois", "new-york-state", "new-york-city", "texas",
                    "florida", "georgia")
REQUEST_IDS = ("detainer", "notification", "judicial")
SITUATION_IDS = ("serious-conviction", "other-conviction", "pending-charge", "no-record")
ACTION_IDS = ("notify", "hold", "transfer")
STATUSES = ("must", "may", "depends", "must not", "unsettled", "not verified", "not asked")

STATE_LAW = ("limits", "requires", "mixed", "none", "not verified")
VERIFICATION = ("verified", "partly verified", "low confidence", "not verified here")
#: How a row's confidence maps to the plain status students see: a Low row is never shown as verified.
VERIFICATION_FOR_CONFIDENCE = {"High": "verified", "Medium-High": "verified", "Medium": "partly verified",
                               "Low-Medium": "partly verified", "Low": "low confidence"}

TIMELINE_KINDS = ("law", "case", "executive action", "letter")
DATE_STATUS = ("exact", "month", "year", "range", "disputed")
AUTHORITY_KINDS = ("constitution", "statute", "regulation", "agency form", "program", "case",
                   "lawsuit", "executive order")
AUTHORITY_STATUS = ("in force", "decided", "dismissed", "outcome not verified here")
SORT_BINS = ("federal", "state", "shared", "cannot be required")
QUESTION_TYPES = ("legal-settled", "legal-contested", "empirical", "value")


def _file(schema: Schema) -> str:
    return f"data/{schema.path}"


def _line(frame, i: int) -> int:
    return frame.attrs["lines"][i]


def _filled(value) -> bool:
    """An optional cell that holds text (pandas may hand an empty one back as None or NaN)."""
    return isinstance(value, str) and value.strip() != ""


# ---------------------------------------------------------------------------------------------
# Cross-file checks


def _check_tile_grid(frame, folder: Path) -> None:
    seen = {}
    for i, row in frame.iterrows():
        key = (row["col"], row["row"])
        if key in seen:
            raise DataError(_file(TILE_GRID), f"tile position col {key[0]}, row {key[1]} is already used "
                            f"by {seen[key]}", _line(frame, i), "col")
        seen[key] = row["abbr"]
        if not (1 <= row["col"] <= 12 and 1 <= row["row"] <= 8):
            raise DataError(_file(TILE_GRID), "tiles must sit on the 12 x 8 grid (col 1-12, row 1-8)",
                            _line(frame, i), "col")
    if len(frame) != 51:
        raise DataError(_file(TILE_GRID), f"the map needs all 50 states and DC (51 tiles); found {len(frame)}")


def _check_jurisdictions(frame, folder: Path) -> None:
    file = _file(JURISDICTIONS)
    tiles, _ = read_rows(schema_for("tile_grid.csv"), folder)
    tile_abbrs = {t["abbr"] for t in tiles}
    for i, row in frame.iterrows():
        line = _line(frame, i)
        if row["abbr"] not in tile_abbrs:
            raise DataError(file, f'{row["abbr"]!r} has no tile in data/tile_grid.csv', line, "abbr")
        if row["state_law"] in ("limits", "mixed") and not _filled(row["limit_laws"]):
            raise DataError(file, f'a state whose law is "{row["state_law"]}" must name the limiting law or ruling',
                            line, "limit_laws")
        if row["state_law"] in ("requires", "mixed") and not _filled(row["require_laws"]):
            raise DataError(file, f'a state whose law is "{row["state_law"]}" must name the law that requires cooperation',
                            line, "require_laws")
        if row["state_law"] == "none" and (_filled(row["limit_laws"]) or _filled(row["require_laws"])):
            raise DataError(file, 'a state with no state-level rule ("none") must leave limit_laws and require_laws empty',
                            line, "state_law")
        if row["state_law"] == "not verified" and row["status"] != "not verified here":
            raise DataError(file, 'a row whose law was not verified must have status "not verified here"', line, "status")
        expected = VERIFICATION_FOR_CONFIDENCE[row["confidence"]]
        if row["status"] != "not verified here" and row["status"] != expected:
            raise DataError(file, f'confidence {row["confidence"]} must be shown as "{expected}", not "{row["status"]}"',
                            line, "status")
    missing = tile_abbrs - set(frame["abbr"])
    if missing:
        raise DataError(file, f"states on the map with no row: {', '.join(sorted(missing))}")


def _situations(value: str) -> tuple[str, ...]:
    if value.strip() == "all":
        return SITUATION_IDS
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _check_scenario_rules(frame, folder: Path) -> None:
    """Every jurisdiction x request x situation x action has exactly one rule."""
    file = _file(SCENARIO_RULES)
    cover: dict[tuple, int] = {}
    for i, row in frame.iterrows():
        line = _line(frame, i)
        situations = _situations(row["situations"])
        if not situations:
            raise DataError(file, 'list the situations this rule covers, or write "all"', line, "situations")
        for s in situations:
            if s not in SITUATION_IDS:
                raise DataError(file, f'{s!r} is not a situation; use "all" or some of: {", ".join(SITUATION_IDS)} '
                                      'separated by ";"', line, "situations")
            key = (row["jurisdiction"], row["request"], s, row["action"])
            if key in cover:
                raise DataError(file, f"a second rule for {' / '.join(key)} (the first is on line {cover[key]})",
                                line, "situations")
            cover[key] = line
    for j in JURISDICTION_IDS:
        for r in REQUEST_IDS:
            for s in SITUATION_IDS:
                for a in ACTION_IDS:
                    if (j, r, s, a) not in cover:
                        raise DataError(file, f"no rule for jurisdiction {j}, request {r}, situation {s}, action {a}")


def _check_scenario_terms(frame, folder: Path) -> None:
    file = _file(SCENARIO_TERMS)
    expected = {"jurisdiction": JURISDICTION_IDS, "request": REQUEST_IDS, "situation": SITUATION_IDS}
    for i, row in frame.iterrows():
        if row["id"] not in expected[row["kind"]]:
            raise DataError(file, f'{row["id"]!r} is not a known {row["kind"]} id; known: '
                                  f'{", ".join(expected[row["kind"]])}', _line(frame, i), "id")
    for kind, ids in expected.items():
        have = set(frame.loc[frame["kind"] == kind, "id"])
        for term in ids:
            if term not in have:
                raise DataError(file, f"the {kind} {term!r} has no label and description")


def _before_or_after(date: str) -> str:
    """A (partial) date against the article's date; a month or year that contains it is ambiguous."""
    if len(date) == 10:
        return "before" if date < ARTICLE_DATE else "after" if date > ARTICLE_DATE else "same day"
    if ARTICLE_DATE.startswith(date):
        return "ambiguous"
    return "before" if date < ARTICLE_DATE[: len(date)] else "after"


def _check_timeline(frame, folder: Path) -> None:
    file = _file(TIMELINE)
    for i, row in frame.iterrows():
        line = _line(frame, i)
        date, status = row["date"], row["date_status"]
        end = row["date_end"] if _filled(row["date_end"]) else None
        shape = {"exact": 10, "month": 7, "year": 4, "range": 10, "disputed": 10}[status]
        if len(date) != shape:
            raise DataError(file, f'date_status "{status}" needs a date like '
                                  f'{ {10: "YYYY-MM-DD", 7: "YYYY-MM", 4: "YYYY"}[shape] }', line, "date")
        if status in ("range", "disputed"):
            if not end:
                raise DataError(file, f'a {status} date needs date_end (the other end of the span)', line, "date_end")
            if end <= date:
                raise DataError(file, "date_end must be after date", line, "date_end")
            if not _filled(row["date_note"]):
                raise DataError(file, f"a {status} date needs a date_note saying who gives which date", line, "date_note")
        elif end:
            raise DataError(file, f'date_end is only for "range" or "disputed" dates', line, "date_end")
        first = _before_or_after(date)
        last = _before_or_after(end) if end else first
        if first != last or first in ("ambiguous", "same day"):
            raise DataError(file, "the event must fall wholly before or wholly after the article's date "
                                  f"({ARTICLE_DATE}); split it into two events", line, "date")
        if row["vs_article"] != first:
            raise DataError(file, f'dated {date}, so it is "{first}" the article ({ARTICLE_DATE}), '
                                  f'not "{row["vs_article"]}"', line, "vs_article")


def _check_authorities(frame, folder: Path) -> None:
    file = _file(LEGAL_AUTHORITIES)
    for i, row in frame.iterrows():
        line = _line(frame, i)
        if row["kind"] == "lawsuit":
            if row["status"] not in ("dismissed", "outcome not verified here"):
                raise DataError(file, 'a lawsuit\'s status is "dismissed" or "outcome not verified here"', line, "status")
            if not _filled(row["outcome"]):
                raise DataError(file, "a lawsuit needs an outcome (say plainly when it is not verified)", line, "outcome")
        if row["status"] == "dismissed" and not _filled(row["outcome_date"]):
            raise DataError(file, "a dismissed suit needs its outcome_date", line, "outcome_date")


def _authority_ids(folder: Path) -> set[str]:
    rows, _ = read_rows(schema_for("legal_authorities.csv"), folder)
    return {r["id"] for r in rows}


def _check_powers(frame, folder: Path) -> None:
    known = _authority_ids(folder)
    for i, row in frame.iterrows():
        for aid in (row["authority_ids"] if _filled(row["authority_ids"]) else "").split(";"):
            aid = aid.strip()
            if aid and aid not in known:
                raise DataError(_file(POWERS_SORT), f'"{aid}" is not an id in data/legal_authorities.csv',
                                _line(frame, i), "authority_ids")


# ---------------------------------------------------------------------------------------------
# Schemas

TILE_GRID = register(Schema(
    path="tile_grid.csv",
    description=("Where each state's tile sits on the offline tile map (equal-size squares on a 12 x 8 grid, "
                 "drawn from this file, so the map needs no internet). A drawing layout, not a fact about law."),
    columns=(
        Column("abbr", unique=True, description="Two-letter postal abbreviation (DC for the District of Columbia)."),
        Column("name", unique=True, description="Full name of the state or district."),
        Column("col", "int", description="Column of the tile, 1 (west) to 12 (east).", unit="grid column"),
        Column("row", "int", description="Row of the tile, 1 (north) to 8 (south).", unit="grid row"),
        Column("source_ids", "source_ids", description="Where the layout comes from."),
    ),
    checks=(_check_tile_grid,),
))

JURISDICTIONS = register(Schema(
    path="jurisdictions.csv",
    description=("All 50 states and DC: whether DOJ's Aug 5, 2025 sanctuary list names the state, and what "
                 "the state's own law does about cooperation with federal immigration enforcement, as of the "
                 "end of 2025, with how well each row was verified."),
    columns=(
        Column("abbr", unique=True, description="Two-letter postal abbreviation; matches data/tile_grid.csv."),
        Column("name", unique=True, description="Full name of the state or district."),
        Column("on_doj_list", "bool", description="yes if the state (or DC) is one of the 13 'states' on DOJ's sanctuary-jurisdiction list of Aug 5, 2025."),
        Column("state_law", "choice", choices=STATE_LAW,
               description=("What state-level law or binding statewide policy does: limits = limits cooperation with "
                            "ICE; requires = requires cooperation and/or bans local sanctuary policies; mixed = rules "
                            "pointing both ways; none = no state-level rule either way; not verified = could not be "
                            "checked here.")),
        Column("limit_laws", required=False, description="The law(s), order or ruling that limit cooperation, with year."),
        Column("require_laws", required=False, description="The law(s) or order that require cooperation or ban sanctuary policies, with year."),
        Column("what_it_does", description="One or two sentences, in the module's own words."),
        Column("status", "choice", choices=VERIFICATION,
               description=("How well the row was checked, as students see it: verified (High or Medium-High), "
                            "partly verified (Medium), low confidence (Low: a lead, shown as such), or not verified here.")),
        Column("confidence", "choice", choices=CONFIDENCE, description="Confidence in the row, from the fact sheet."),
        Column("change_2024_2025", required=False, description="What changed in 2024-2025 (and just after), if anything."),
        Column("source_ids", "source_ids", description="Sources for the row."),
    ),
    checks=(_check_jurisdictions,),
))

SCENARIO_TERMS = register(Schema(
    path="law_scenario_terms.csv",
    description="Labels and plain definitions for the choices in the scenario explorer: jurisdictions, requests, situations.",
    columns=(
        Column("kind", "choice", choices=("jurisdiction", "request", "situation"), description="Which menu the term belongs to."),
        Column("id", unique=True, description="Id used in data/scenario_rules.csv."),
        Column("label", description="What the menu shows."),
        Column("description", description="What the term means here, and what it covers or leaves out."),
        Column("source_ids", "source_ids", description="Where the definition can be checked."),
    ),
    checks=(_check_scenario_terms,),
))

SCENARIO_RULES = register(Schema(
    path="scenario_rules.csv",
    description=("What a jail or police agency may, must or must not do when ICE asks: one row per jurisdiction, "
                 "request and action, for the situations listed (or all). Every combination is covered exactly "
                 "once; cells the sources could not settle say 'unsettled' or 'not verified'."),
    columns=(
        Column("jurisdiction", "choice", choices=JURISDICTION_IDS, description="Whose law applies."),
        Column("request", "choice", choices=REQUEST_IDS, description="What ICE sent."),
        Column("situations", description=f'The situations this rule covers: "all", or ids separated by ";" ({", ".join(SITUATION_IDS)}).'),
        Column("action", "choice", choices=ACTION_IDS,
               description="notify = tell ICE the release date; hold = keep the person past release; transfer = hand the person to ICE."),
        Column("status", "choice", choices=STATUSES,
               description=("must; may (allowed, not required); depends (allowed only if a condition the explanation "
                            "names is met); must not; unsettled (courts disagree); not verified (no text could be read "
                            "to confirm it); not asked (the request does not ask for this).")),
        Column("explanation", description="Why, in the module's own words, with any condition or exception."),
        Column("citation", description="The statute, regulation, order or case behind the answer."),
        Column("confidence", "choice", choices=CONFIDENCE, description="How directly the rule's text was read (from the fact sheet)."),
        Column("source_ids", "source_ids", description="Where the rule's text was read."),
    ),
    checks=(_check_scenario_rules,),
))

LEGAL_AUTHORITIES = register(Schema(
    path="legal_authorities.csv",
    description="The constitutional clauses, statutes, regulations, cases, orders and lawsuits behind the federal-state question.",
    columns=(
        Column("id", unique=True, description="Short id used by other files."),
        Column("name", description="Common name."),
        Column("kind", "choice", choices=AUTHORITY_KINDS, description="What sort of authority it is."),
        Column("date", "partial_date", description="Decided, enacted, issued or filed (YYYY, YYYY-MM or YYYY-MM-DD)."),
        Column("date_note", required=False, description="What the date is, when that is not obvious, or a disagreement about it."),
        Column("decided_by", description="The court or body that decided, enacted, issued or filed it."),
        Column("citation", description="Where it is found (reporter, code section, case number)."),
        Column("what_it_does", description="What it holds or does, in the module's own words."),
        Column("status", "choice", choices=AUTHORITY_STATUS, description="Whether it is in force, decided, dismissed, or its outcome is unknown here."),
        Column("outcome", required=False, description="For lawsuits: what happened, or that the outcome was not verified."),
        Column("outcome_date", "partial_date", required=False, description="When the outcome came."),
        Column("confidence", "choice", choices=CONFIDENCE, description="Confidence in the row."),
        Column("source_ids", "source_ids", description="Sources."),
    ),
    checks=(_check_authorities,),
))

TIMELINE = register(Schema(
    path="timeline.csv",
    description=("Events from the 1990s to 2026 behind the federal-state dispute, each marked before or after the "
                 f"article's date ({ARTICLE_DATE}). Disputed dates keep both versions."),
    columns=(
        Column("id", unique=True, description="Short id."),
        Column("date", "partial_date", description="When it happened (the earlier date if the span is a range or disputed)."),
        Column("date_end", "date", required=False, description="The later date of a range, or the other version of a disputed date."),
        Column("date_status", "choice", choices=DATE_STATUS,
               description="exact; month or year (only that is known); range (it happened over a span); disputed (sources give different dates)."),
        Column("date_note", required=False, description="Who gives which date, for ranges and disputes."),
        Column("kind", "choice", choices=TIMELINE_KINDS, description="law (statutes), case (court rulings and lawsuits), executive action (orders, rules, lists, operations), letter (letters and statements)."),
        Column("event", description="What happened, in a few words."),
        Column("what_happened", description="One sentence of detail, in the module's own words."),
        Column("vs_article", "choice", choices=("before", "after"), description=f"Before or after the article's date ({ARTICLE_DATE})."),
        Column("confidence", "choice", choices=CONFIDENCE, description="Confidence in the row."),
        Column("source_ids", "source_ids", description="Sources."),
    ),
    checks=(_check_timeline,),
))

POWERS_SORT = register(Schema(
    path="law_powers_sort.csv",
    description="Sorting activity: who can require what. Each statement belongs in one bin, with the authority that decides it.",
    columns=(
        Column("id", unique=True, description="Short id."),
        Column("statement", description="A power or action to sort."),
        Column("answer", "choice", choices=SORT_BINS,
               description="federal (only the national government), state (each state decides), shared (needs both), cannot be required (the federal government cannot make states do it)."),
        Column("authority_ids", required=False, description='Ids in data/legal_authorities.csv that decide it, separated by ";".'),
        Column("explanation", description="Why it belongs there (shown as feedback)."),
        Column("source_ids", "source_ids", description="Sources for the explanation."),
    ),
    checks=(_check_powers,),
))

QUESTION_TYPES_SORT = register(Schema(
    path="law_question_types.csv",
    description="Labelling activity: is a question legal and settled, legal and contested, empirical, or about values?",
    columns=(
        Column("id", unique=True, description="Short id."),
        Column("question", description="The question to label."),
        Column("answer", "choice", choices=QUESTION_TYPES, description="The kind of question it is."),
        Column("explanation", description="Why (shown as feedback); for legal questions, the authority."),
        Column("source_ids", "source_ids", description="Sources for the explanation, or where the question is raised."),
    ),
))

ARTICLE_LINES = register(Schema(
    path="law_article_lines.csv",
    description="Short quotations from the article that notebook 02 puts beside what courts later did.",
    columns=(
        Column("id", unique=True, description="Short id."),
        Column("quote", description="Verbatim from the article (checked against data/article/article.txt by the tests)."),
        Column("topic", description="What the line is about."),
        Column("source_ids", "source_ids", description="The article."),
    ),
))
