"""Schemas for notebook 03, "Checking the numbers": enforcement figures, the article's numbers,
research studies, and the labelled disagreements between sources.

The populations and categories are closed lists on purpose: a figure about people detained on one
day can never be filed (or drawn) as if it were about arrests, and a share "convicted or charged"
can never pass for a share "convicted".
"""

from __future__ import annotations

import calendar
import datetime as _dt
from pathlib import Path

from fedstate.data import Column, DataError, Schema, register
from fedstate.schemas.core import CONFIDENCE

#: Who is counted. Each figure belongs to exactly one population; charts never put two on one
#: scale without saying so.
POPULATIONS = {
    "dhs-arrests": "arrests by DHS as a whole (which agencies is not stated)",
    "ice-arrests": "ICE arrests",
    "ice-at-large-arrests": "ICE at-large (street) arrests",
    "book-ins": "book-ins into ICE detention (includes people transferred from Border Patrol)",
    "detained-on-day": "people held in ICE detention on one day",
    "detained-on-day-ice-arrested": "people held in ICE detention on one day who were arrested by ICE (not Border Patrol)",
    "detainers": "people subject to ICE detainers",
    "removals": "removals (deportations)",
    "arrestee-convictions": "convictions held by people ICE arrested (convictions, not people)",
    "detention-records": "ICE detention records, by most serious conviction",
    "unauthorized-population": "the unauthorized immigrant population (estimates)",
}

#: What is counted within the population.
CATEGORIES = {
    "all": "everyone in the population (the total)",
    "convicted": "people with a criminal conviction",
    "pending-only": "people with a pending criminal charge but no conviction",
    "convicted-or-pending": "people with a conviction or a pending charge (DHS's 'criminal' category)",
    "neither": "people with neither a conviction nor a pending charge",
    "no-conviction": "people with no conviction (includes people with pending charges)",
    "no-record-as-worded": "'no criminal record', as the source words it, without saying whether pending charges count",
    "violent-conviction": "people with a violent conviction",
    "no-violent-conviction": "people with no violent conviction",
    "violent-or-property-conviction": "people with a violent or property conviction",
    "no-violent-or-property-conviction": "people with no violent or property conviction",
    "property-conviction": "people with a property conviction (and no violent one)",
    "homicide-conviction": "people convicted of homicide",
    "sexual-assault-conviction": "people convicted of sexual assault",
    "weapons-conviction": "weapons offenses",
    "drug-conviction": "drug offenses",
    "dui-conviction": "driving under the influence",
    "immigration-conviction": "immigration offenses (for example illegal entry)",
    "gang": "gang membership or gang offenses (as the source defines it)",
    "uncertainty-50": "a range with a 50% chance of containing the true value",
    "uncertainty-95": "a range with a 95% chance of containing the true value",
}

UNITS = ("count", "percent", "per-day", "per-month")
QUALIFIERS = ("exact", "about", "nearly", "more-than", "fewer-than")
DISAGREEMENT_KINDS = ("different-release", "rounding", "claim-vs-records", "different-period",
                      "different-definition", "different-method", "different-population")
RESEARCH_QUESTIONS = ("immigrant-crime-rates", "enforcement-and-crime", "sanctuary-and-crime", "crime-reporting")
RESEARCH_KINDS = ("peer-reviewed", "working-paper", "think-tank-report", "research-report", "government", "survey")
DESIGN_TYPES = ("difference-in-differences", "event-study", "synthetic-control", "panel-regression",
                "matched-comparison", "cross-sectional-comparison", "before-after", "descriptive-rates",
                "descriptive-counts", "survey", "not-described")
SIDES = ("more-cooperation", "limits-on-cooperation", "both")
ROLES = ("total", "share", "restatement", "table-share")


def _listing(mapping: dict) -> str:
    return "; ".join(f"`{k}` = {v}" for k, v in mapping.items())


def date_bounds(value: str | None) -> tuple[_dt.date, _dt.date] | None:
    """The first and last day a partial date (YYYY, YYYY-MM or YYYY-MM-DD) can mean."""
    if _blank(value):
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return _dt.date(parts[0], 1, 1), _dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return _dt.date(parts[0], parts[1], 1), _dt.date(parts[0], parts[1], last)
    day = _dt.date(*parts)
    return day, day


def _check_enforcement(frame, folder: Path) -> None:
    file = "data/enforcement_stats.csv"
    lines = frame.attrs["lines"]
    groups: dict[str, tuple] = {}
    totals: dict[str, int] = {}
    for i, row in frame.iterrows():
        line = lines[i]
        value, low, high = row["value"], row["low"], row["high"]
        has_value = not _blank(value)
        has_range = not _blank(low) and not _blank(high)
        if not has_value and not has_range:
            raise DataError(file, "give a value, or both low and high for a range", line, "value")
        if has_range and low > high:
            raise DataError(file, f"low ({low:g}) is greater than high ({high:g})", line, "low")
        if row["unit"] == "percent" and has_value and not 0 <= value <= 100:
            raise DataError(file, f"{value:g} is not a percentage between 0 and 100", line, "value")
        if has_value and value < 0:
            raise DataError(file, f"{value:g} is negative", line, "value")
        start, end = date_bounds(row["period_start"]), date_bounds(row["period_end"])
        if start and end and start[0] > end[1]:
            raise DataError(file, f"period_start {row['period_start']} is after period_end {row['period_end']}", line, "period_start")
        published = date_bounds(row["published"])
        if published and end and published[1] < end[0]:
            raise DataError(file, f"published {row['published']} is before the period it describes ends ({row['period_end']})",
                            line, "published")
        key = (row["population"], row["period_start"], row["period_end"])
        first = groups.setdefault(row["group"], key + (line,))
        if first[:3] != key:
            raise DataError(file, f'rows of group "{row["group"]}" must share population and period (see line {first[3]})',
                            line, "group")
        if row["category"] == "all" and row["unit"] == "count":
            if row["group"] in totals:
                raise DataError(file, f'group "{row["group"]}" already has a total count on line {totals[row["group"]]}',
                                line, "category")
            totals[row["group"]] = line


def _check_article_numbers(frame, folder: Path) -> None:
    from fedstate.data import load

    file = "data/article_numbers.csv"
    article = Path(folder) / "article" / "article.txt"
    text = article.read_text(encoding="utf-8") if article.is_file() else None
    groups = set(load("enforcement_stats.csv", folder)["group"])
    for i, row in frame.iterrows():
        line = frame.attrs["lines"][i]
        if text is not None and row["quote"] not in text:
            raise DataError(file, "quote does not occur word for word in data/article/article.txt", line, "quote")
        for column in ("origin_groups", "evidence_groups"):
            for gid in _ids(row[column]):
                if gid not in groups:
                    raise DataError(file, f'"{gid}" is not a group in data/enforcement_stats.csv', line, column)
        if row["role"] != "table-share" and not _ids(row["origin_groups"]):
            raise DataError(file, "a number the article relays needs the group of the statement it relays", line, "origin_groups")


def _check_research(frame, folder: Path) -> None:
    for i, row in frame.iterrows():
        if not _blank(row["critiques"]) and not row["critique_source_ids"]:
            raise DataError("data/research.csv", "a critique needs the source it comes from",
                            frame.attrs["lines"][i], "critique_source_ids")


def _check_disagreements(frame, folder: Path) -> None:
    from fedstate.data import load

    stats = load("enforcement_stats.csv", folder)
    known = set(zip(stats["group"], stats["category"]))
    groups = set(stats["group"])
    for i, row in frame.iterrows():
        for column in ("figure_a", "figure_b"):
            group, _, category = row[column].partition(":")
            if group not in groups:
                raise DataError("data/stats_disagreements.csv", f'"{group}" is not a group in data/enforcement_stats.csv',
                                frame.attrs["lines"][i], column)
            if category not in CATEGORIES:
                raise DataError("data/stats_disagreements.csv", f'"{category}" is not a category (write group:category)',
                                frame.attrs["lines"][i], column)
            if (group, category) not in known and category not in ("convicted-or-pending", "neither", "convicted",
                                                                     "no-conviction", "violent-conviction"):
                raise DataError("data/stats_disagreements.csv", f'group "{group}" has no figure for "{category}"',
                                frame.attrs["lines"][i], column)


def _blank(value) -> bool:
    """True for an empty cell, however pandas represents it (None, NaN or "")."""
    return value is None or value != value or value == ""


def _ids(value) -> list[str]:
    if _blank(value):
        return []
    return [part.strip() for part in str(value).split(";") if part.strip()]


ENFORCEMENT_STATS = register(Schema(
    path="enforcement_stats.csv",
    description=("Enforcement figures (arrests, book-ins, detention, detainers, removals) and population estimates, "
                 "one row per figure as its source states it. Rows that describe one count (same population, period "
                 "and count) share a group, so shares can be recomputed from counts. Used in notebook 03."),
    checks=(_check_enforcement,),
    columns=(
        Column("id", unique=True, description="Stable id of the figure."),
        Column("group", description="Rows describing one count (the total and its parts) share a group id; shares are recomputed within a group."),
        Column("population", "choice", choices=tuple(POPULATIONS), description="Who is counted: " + _listing(POPULATIONS) + "."),
        Column("category", "choice", choices=tuple(CATEGORIES), description="What is counted within the population: " + _listing(CATEGORIES) + "."),
        Column("measure", description="The figure in words, as a reader should understand it."),
        Column("value", "number", required=False, description="The figure as the source states it (no commas). Empty only for a range given by low and high.", unit="see unit"),
        Column("qualifier", "choice", choices=QUALIFIERS, description="How exact the source says the figure is ('more-than' for 'over 400,000')."),
        Column("unit", "choice", choices=UNITS, description="count (people or records), percent (of the population), per-day or per-month (a rate)."),
        Column("low", "number", required=False, description="Lower end of a stated range.", unit="see unit"),
        Column("high", "number", required=False, description="Upper end of a stated range.", unit="see unit"),
        Column("period_start", "partial_date", required=False, description="First day the figure covers (YYYY-MM or YYYY when the source gives no day). Empty when the source gives no start."),
        Column("period_end", "partial_date", required=False, description="Last day the figure covers; equal to period_start for a one-day snapshot. Empty when not stated."),
        Column("period_label", description="The period in the source's own terms (for example 'in recent months')."),
        Column("as_of", "partial_date", required=False, description="The date the figure describes the situation at: the data cut-off, the snapshot day or the statement date."),
        Column("published", "partial_date", required=False, description="When the figure was first published. Empty when the copy read is undated. Later than 2025-09-22 means published after the article."),
        Column("confidence", "choice", choices=CONFIDENCE, description="How directly the figure was read (see sources.csv). Low-Medium rows are shown as low-confidence."),
        Column("claimed_by", description=("Who measured or asserted the figure (an agency, research group or newsroom), in a few words: "
                                          "`DHS` for a DHS claim, `ICE` for ICE's own count, even when another body's report relays it. "
                                          "Captions name this body first and add \"as reported by\" the publisher of the copy read "
                                          "(the source's publisher) when that is someone else, for example \"DHS, as reported by Newsmax\".")),
        Column("source_ids", "source_ids", description="Where the figure was read (the publisher of each source is who relayed it)."),
        Column("note", required=False, description="Caveats a reader needs: what is excluded, how the source words it."),
    ),
))

#: The verdicts on the article's numbers, each with its rule, in the order fedstate.stats.reconcile
#: applies them (the data dictionary and the teacher notes print them from here).
NUMBER_VERDICT_RULES = {
    "Misstates the figure": ("the article restates a sourced figure in words that change what it counts, for example "
                             "\u201ca criminal record\u201d for \u201cconvictions or pending charges\u201d."),
    "Not verified: no source found": "no statement giving the number was found in any source, and the article names none.",
    "Misreported": "the number differs from the statement the article relays.",
    "Accurate": ("the number matches the statement it relays, is credited to the same population, and the first "
                 "independent figure for that population agrees (a share within 5 points; a count reached)."),
    "Partly accurate": ("the number matches the statement it relays, but the article changes who or what it is about, or "
                        "independent figures for the population the article names do not agree."),
}
_VERDICT_RULES_TEXT = " ".join(f"**{v}**: {rule}" for v, rule in NUMBER_VERDICT_RULES.items())

ARTICLE_NUMBERS = register(Schema(
    path="article_numbers.csv",
    description=("Every statistic the article states, with the population, category and period it attributes the "
                 "number to, the statement it relays (if any) and the figures it should be checked against. The "
                 "verdicts are computed from these rows and enforcement_stats.csv by fedstate.stats.reconcile, by "
                 "these rules, applied in this order: " + _VERDICT_RULES_TEXT),
    checks=(_check_article_numbers,),
    columns=(
        Column("id", unique=True, description="Stable id of the article's number."),
        Column("quote", description="The words of the article that state the number, exactly as in data/article/article.txt (the scraped table cells run together)."),
        Column("value", "number", description="The number the article states.", unit="see unit"),
        Column("qualifier", "choice", choices=QUALIFIERS, description="How the article qualifies it ('over' = more-than)."),
        Column("unit", "choice", choices=UNITS, description="count or percent."),
        Column("article_population", "choice", choices=tuple(POPULATIONS), description="The population the article says the number is about."),
        Column("article_category", "choice", choices=tuple(CATEGORIES), description="What the number counts, in the module's categories."),
        Column("article_period_label", description="The period as the article states it."),
        Column("attributed_to", description="Who the article says the number comes from."),
        Column("role", "choice", choices=ROLES, description="total (a count), share, restatement (the article repeating a number in other words that change what it counts), table-share (a cell of the article's crime-type table)."),
        Column("origin_groups", required=False, description="Groups in enforcement_stats.csv holding the statement the article relays (';'-separated); empty when no source was found."),
        Column("evidence_groups", required=False, description="Groups in enforcement_stats.csv to check the number against (';'-separated)."),
        Column("source_ids", "source_ids", description="The article itself."),
        Column("note", required=False, description="What a reader should notice about the wording."),
    ),
))

RESEARCH = register(Schema(
    path="research.csv",
    description=("Studies on immigrants' crime rates, enforcement programs and crime, sanctuary policies and crime, and "
                 "crime reporting: design, coverage, finding, limits and published critiques, including those cited by "
                 "each side of the debate. Findings and limits are summarized in the module's own words."),
    checks=(_check_research,),
    columns=(
        Column("id", unique=True, description="Stable id of the study."),
        Column("question", "choice", choices=RESEARCH_QUESTIONS, description="Which question the study addresses."),
        Column("study", description="Authors or publisher, and year."),
        Column("kind", "choice", choices=RESEARCH_KINDS, description="What sort of publication it is (peer review matters)."),
        Column("design", description="How the study was done, in plain words."),
        Column("design_type", "choice", choices=DESIGN_TYPES, description="The design's family; fedstate.stats.what_design_can_show says what each can and cannot show."),
        Column("coverage", description="Where the study looked."),
        Column("period_start", "partial_date", required=False, description="First year (or month) of the data."),
        Column("period_end", "partial_date", required=False, description="Last year (or month) of the data."),
        Column("who_was_counted", description="Who or what was counted: the denominator of its numbers."),
        Column("finding", description="The main finding, in the module's words."),
        Column("key_figure", description="The headline number as the study states it."),
        Column("limits", description="What the design cannot show, and caveats about the copy read."),
        Column("critiques", required=False, description="Published critiques of the study, in the module's words."),
        Column("critique_source_ids", "source_ids", required=False, description="Where the critiques come from."),
        Column("used_to_argue", "choice", choices=SIDES, description="The module's classification of which side of the debate the finding is usually used to support, by its direction: more-cooperation, limits-on-cooperation, or both."),
        Column("published", "partial_date", required=False, description="Publication date (empty when not shown in the text read)."),
        Column("confidence", "choice", choices=CONFIDENCE, description="How directly the study's text was read."),
        Column("source_ids", "source_ids", description="Where the study was read."),
    ),
))

DISAGREEMENTS = register(Schema(
    path="stats_disagreements.csv",
    description=("Every place where two figures in enforcement_stats.csv that look comparable disagree, with the kind of "
                 "disagreement and an explanation. A test finds every comparable pair that differs beyond rounding and "
                 "fails unless it is listed here."),
    checks=(_check_disagreements,),
    columns=(
        Column("id", unique=True, description="Stable id of the disagreement."),
        Column("figure_a", description="One figure, written group:category (for example ddp-2025:convicted-or-pending)."),
        Column("figure_b", description="The other figure, written group:category."),
        Column("kind", "choice", choices=DISAGREEMENT_KINDS, description="Why they differ."),
        Column("explanation", description="The explanation students see, in the module's words."),
        Column("source_ids", "source_ids", description="Sources that bear on the explanation."),
    ),
))
