"""Checking the numbers: denominators, shares, natural frequencies and the article's statistics.

Every figure comes from a row of ``data/enforcement_stats.csv``. Rows that describe one count (the
same population, period and tally) share a *group*; :func:`figures` works out, within each group,
every share and count the rows imply (a share from a count and its total, a complement such as
"no conviction" = 100 − "convicted", a sum such as "convicted or charged" = "convicted" + "pending
charges only"), and says how each was obtained. Everything the notebook shows is computed from
those figures, so a maintainer who edits one CSV row changes every chart, sentence, verdict and
answer key that depends on it.

Why the care with words: the article's "70 percent" counts convictions *and* pending charges, is
about arrests by DHS as a whole, and covers an unstated period; a figure about people detained on
one day, or about book-ins, is about a different population. Every function here keeps the
population, the category, the period and the publication date attached to the number.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from fedstate.charts import GREY, PALETTE, Chart, style
from fedstate.checks import Choice, MultipleChoice, Numeric, Trap
from fedstate.data import load, sources
from fedstate.schemas.stats import CATEGORIES, NUMBER_VERDICT_RULES, POPULATIONS, date_bounds

NOTEBOOK = "03 Checking the numbers"
ARTICLE_SOURCE_ID = "article-capwolf"

#: Short names for populations, used in controls and legends.
POPULATION_SHORT = {
    "dhs-arrests": "DHS-wide arrests",
    "ice-arrests": "ICE arrests",
    "ice-at-large-arrests": "ICE at-large arrests",
    "book-ins": "Book-ins into ICE detention",
    "detained-on-day": "People in ICE detention on one day",
    "detained-on-day-ice-arrested": "People in ICE detention on one day, arrested by ICE",
    "detainers": "People subject to ICE detainers",
    "removals": "Removals",
    "arrestee-convictions": "Convictions of ICE arrestees",
    "detention-records": "ICE detention records",
    "unauthorized-population": "Unauthorized immigrant population",
}

#: The definitions of "criminal" a student can choose in the denominator explorer.
EXPLORER_CATEGORIES = {
    "convicted": "Convicted of a crime",
    "convicted-or-pending": "Convicted or charged (DHS's definition)",
    "violent-conviction": "Convicted of a violent crime",
    "neither": "Neither convicted nor charged",
}

#: Populations the explorer offers, in teaching order.
EXPLORER_POPULATIONS = ("ice-arrests", "dhs-arrests", "book-ins", "detained-on-day",
                        "detained-on-day-ice-arrested", "ice-at-large-arrests", "detainers")

_QUALIFIER_WORDS = {"exact": "", "about": "about ", "nearly": "nearly ", "more-than": "more than ",
                    "fewer-than": "fewer than "}
_FLIP = {"exact": "exact", "about": "about", "nearly": "about", "more-than": "fewer-than", "fewer-than": "more-than"}
_CONFIDENCE_ORDER = ("Low", "Low-Medium", "Medium", "Medium-High", "High")
LOW_CONFIDENCE = ("Low", "Low-Medium")

#: Pairs of categories that together make up the whole population.
COMPLEMENTS = (("convicted", "no-conviction"), ("convicted-or-pending", "neither"),
               ("violent-conviction", "no-violent-conviction"),
               ("violent-or-property-conviction", "no-violent-or-property-conviction"))
#: Categories that are the sum of two others (whole = part + part).
SUMS = (("convicted-or-pending", "convicted", "pending-only"), ("no-conviction", "pending-only", "neither"),
        ("violent-or-property-conviction", "violent-conviction", "property-conviction"))

#: Narrower measured categories that bear on an article category (for the crime-type table).
RELATED = {"violent-conviction": ("violent-conviction", "homicide-conviction", "sexual-assault-conviction"),
           "drug-conviction": ("drug-conviction",), "weapons-conviction": ("weapons-conviction",),
           "gang": ("gang",)}


# ---------------------------------------------------------------------------------------------
# Loading and small formatting helpers


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop the loader's line-number bookkeeping: pandas deep-copies ``attrs`` on every slice,
    which made each filter here copy a list of every CSV line."""
    frame.attrs = {}
    return frame


def stats_rows() -> pd.DataFrame:
    """data/enforcement_stats.csv, as its rows state the figures."""
    return _plain(load("enforcement_stats.csv"))


def article_numbers() -> pd.DataFrame:
    return _plain(load("article_numbers.csv")).set_index("id", drop=False)


def research() -> pd.DataFrame:
    return _plain(load("research.csv"))


def disagreements() -> pd.DataFrame:
    return _plain(load("stats_disagreements.csv"))


def blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def article_date() -> _dt.date:
    """The article's publication date, from its row in sources.csv."""
    return _memo("article_date", lambda: _dt.date.fromisoformat(sources().loc[ARTICLE_SOURCE_ID, "date"]))


def after_article(published) -> bool | None:
    """True if published after the article, False if on or before, None if the date is unknown or
    too coarse to tell (for example "2025-09" or "2025")."""
    bounds = date_bounds(None if blank(published) else published)
    if bounds is None:
        return None
    day = article_date()
    if bounds[0] > day:
        return True
    if bounds[1] <= day:
        return False
    return None


def date_text(value) -> str:
    """A partial date in words: 2025-12-01 -> Dec. 1, 2025; 2025-12 -> Dec. 2025; 2025 -> 2025."""
    if blank(value):
        return "date not known"
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 1:
        return str(parts[0])
    # AP style: Jan. Feb. Aug. Sept. Oct. Nov. Dec. abbreviated; March to July spelled out
    month = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{month} {parts[2]}, {parts[0]}"


def published_text(published) -> str:
    """'published Dec. 1, 2025, after the article' and the like."""
    if blank(published):
        return "publication date not known"
    when = after_article(published)
    tail = {True: ", after the article", False: ", before the article", None: ""}[when]
    return f"published {date_text(published)}{tail}"


def round_half_up(x: float) -> int:
    """Round .5 up (Python's round() sends 36.5 to 36, which would surprise a student)."""
    return int(math.floor(x + 0.5))


def fmt_count(value: float) -> str:
    return f"{round_half_up(value):,}"


def fmt_share(value: float) -> str:
    """A percentage with the precision a reader needs: 36.5%, 5%, 0.41%."""
    if value == 0:
        return "0%"
    if abs(value) < 1:
        return f"{value:.2g}%"
    if abs(value - round(value)) < 1e-9:
        return f"{int(round(value))}%"
    return f"{value:.1f}%"


def qualified(value: float, qualifier: str, unit: str) -> str:
    """'more than 400,000', 'fewer than 7%', '36.5%'."""
    number = fmt_share(value) if unit == "percent" else fmt_count(value)
    return f"{_QUALIFIER_WORDS.get(qualifier, '')}{number}"


_SHORT_CATEGORY = {
    "all": "everyone", "convicted": "convicted", "pending-only": "pending charges only",
    "convicted-or-pending": "convicted or charged", "neither": "neither convicted nor charged",
    "no-conviction": "no conviction", "no-record-as-worded": "'no criminal record' (as worded)",
    "violent-conviction": "violent conviction", "no-violent-conviction": "no violent conviction",
    "violent-or-property-conviction": "violent or property conviction",
    "no-violent-or-property-conviction": "no violent or property conviction",
    "property-conviction": "property conviction", "homicide-conviction": "homicide conviction",
    "sexual-assault-conviction": "sexual-assault conviction", "weapons-conviction": "weapons offense",
    "drug-conviction": "drug offense", "dui-conviction": "driving under the influence",
    "immigration-conviction": "immigration offense", "gang": "gang (as the source defines it)",
}


def short_category(slug: str) -> str:
    """A few words for a category, for sentences such as 'computed: 100% − convicted'."""
    return _SHORT_CATEGORY.get(slug, slug)


def population_label(slug: str) -> str:
    """A population's name for a control or a legend (capitalized)."""
    return POPULATION_SHORT.get(slug, POPULATIONS.get(slug, slug))


_POPULATION_PHRASE = {
    "dhs-arrests": "arrests by DHS as a whole", "ice-arrests": "ICE arrests",
    "ice-at-large-arrests": "ICE at-large arrests", "book-ins": "book-ins into ICE detention",
    "detained-on-day": "people in ICE detention on one day",
    "detained-on-day-ice-arrested": "people in ICE detention on one day who were arrested by ICE",
    "detainers": "people subject to ICE detainers", "removals": "removals",
    "arrestee-convictions": "convictions of ICE arrestees (convictions, not people)",
    "detention-records": "ICE detention records", "unauthorized-population": "the unauthorized immigrant population",
}


def population_phrase(slug: str) -> str:
    """A population's name inside a sentence ('book-ins into ICE detention')."""
    return _POPULATION_PHRASE.get(slug, slug)


def _unit_noun(population: str) -> str:
    return {"detention-records": "records", "arrestee-convictions": "convictions"}.get(population, "people")


def category_label(slug: str) -> str:
    return EXPLORER_CATEGORIES.get(slug, CATEGORIES.get(slug, slug))


def publisher(source_id: str, short: bool = True) -> str:
    """The publisher of a source, shortened for a legend ("TRAC", "Cato Institute")."""
    table = _memo("publishers", lambda: dict(zip(sources()["id"], sources()["publisher"])))
    name = str(table[source_id])
    if short:
        for cut in (" (", ","):
            name = name.split(cut)[0]
    return name.strip()


#: Other names under which a body that makes claims publishes (a source's publisher column spells
#: the agency out; enforcement_stats.csv's claimed_by uses the short name).
BODY_NAMES = {
    "DHS": ("U.S. Department of Homeland Security", "Department of Homeland Security"),
    "ICE": ("U.S. Immigration and Customs Enforcement", "Immigration and Customs Enforcement"),
}


def _own_source(body: str, source_id: str) -> bool:
    """True when the source was published by the body itself (its own release, report or page, even
    if read in a word-for-word repost), False when another body relays what it said."""
    full = publisher(source_id, short=False).casefold()
    short = publisher(source_id).casefold()
    names = (body,) + BODY_NAMES.get(body, ())
    return any(full.startswith(n.casefold()) for n in names) or body.casefold().startswith(short)


def _and(names) -> str:
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def credit(claimed_by: str, source_ids) -> str:
    """Who measured or claimed a figure and, when someone else published the copy read, who relayed it:
    "DHS, as reported by Newsmax and The Epoch Times"; "ICE" for ICE's own report; "Cato Institute"
    when Cato's own release is among the sources."""
    ids = [source_ids] if isinstance(source_ids, str) else list(source_ids)
    if not ids or any(_own_source(claimed_by, s) for s in ids):
        return claimed_by
    return f"{claimed_by}, as reported by {_and(publisher(s) for s in ids)}"


def rows_credit(rows) -> str:
    """The credit of a figure built from several rows (a count divided by another body's total):
    one credit per body, in the order the rows name them, joined by "; "."""
    by_body: dict[str, list[str]] = {}
    for r in rows:
        by_body.setdefault(r["claimed_by"], []).extend(r["source_ids"])
    return "; ".join(credit(body, list(dict.fromkeys(ids))) for body, ids in by_body.items())


def decimals_of(value: float) -> int:
    """How many decimals a stated figure has (71.7 -> 1, 65.0 -> 0, 0.0149 -> 4)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def rounding_tolerance(value: float, qualifier: str = "exact") -> float:
    """How far a recomputed figure may sit from a stated one and still agree, given how it was
    rounded: half of the last stated digit, and a whole point for 'about' or 'nearly'."""
    tol = 0.5 * 10 ** (-decimals_of(value))
    if qualifier in ("about", "nearly"):
        tol = max(tol, 1.0)
    return tol


def _combine(*qualifiers: str) -> str:
    """The qualifier of a figure computed from several (pass the flipped qualifier of anything
    that is subtracted or divided by): exact only if all are exact; a bound survives when every
    other input is exact; opposite bounds give "unknown"."""
    unique = set(qualifiers) - {"exact"}
    if not unique:
        return "exact"
    if unique in ({"more-than"}, {"fewer-than"}):
        return unique.pop()
    if {"more-than", "fewer-than"} <= unique:
        return "unknown"
    bounds = unique & {"more-than", "fewer-than"}
    return bounds.pop() if bounds else "about"


def _lowest_confidence(levels) -> str:
    levels = [lv for lv in levels if lv in _CONFIDENCE_ORDER]
    return min(levels, key=_CONFIDENCE_ORDER.index) if levels else "Medium"


# ---------------------------------------------------------------------------------------------
# Figures: every share and count that a group of rows states or implies


@dataclass
class _Cell:
    value: float
    qualifier: str
    how: str
    rows: tuple[str, ...]
    tolerance: float = 0.0  # how far the true value may be from this one through rounding alone


def figures(rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """One line per (group, category): the share and count, stated or computed, and how.

    Columns: group, population, category, share, share_qualifier, share_how, share_tolerance,
    count, count_qualifier, count_how, total, total_qualifier, period_start, period_end,
    period_label, as_of, published, confidence, source_ids, row_ids, notes.

    The result is cached for each version of the data files (a changed file is recomputed).
    Callers get a copy, so changing it cannot corrupt what others see.
    """
    if rows is not None:
        return _figures(rows)
    return _memo("figures", lambda: _figures(stats_rows())).copy()


_MEMO: dict = {}
_VERSION: dict = {}
#: How long a check of the data files' modification times is trusted. Listing the folder on every
#: call cost more than the charts; a maintainer's edit shows up within this many seconds.
VERSION_SECONDS = 2.0


def _data_version() -> tuple:
    import time

    from fedstate.data import data_dir, data_version

    folder, now = str(data_dir()), time.monotonic()
    cached = _VERSION.get(folder)
    if cached is None or now - cached[0] > VERSION_SECONDS:
        cached = _VERSION[folder] = (now, data_version())
    return folder, cached[1]


def clear_cache() -> None:
    """Forget every computed figure (tests that edit data files call this)."""
    _MEMO.clear()
    _VERSION.clear()


def _memo(name: str, build):
    """Compute once per version of data/ (its folder and its files' modification times)."""
    key = (name,) + _data_version()
    if key not in _MEMO:
        for old in [k for k in _MEMO if k[0] == name]:
            del _MEMO[old]
        _MEMO[key] = build()
    return _MEMO[key]


def _figures(rows: pd.DataFrame) -> pd.DataFrame:
    order = list(CATEGORIES)
    out = []
    by_group: dict[str, list[dict]] = {}
    for r in rows.to_dict("records"):  # plain dicts: pandas slicing per group is far too slow here
        if r["unit"] in ("count", "percent") and not blank(r["value"]):
            by_group.setdefault(r["group"], []).append(r)
    for group, members in by_group.items():
        first = members[0]
        by_id = {r["id"]: r for r in members}
        shares: dict[str, _Cell] = {}
        counts: dict[str, _Cell] = {}
        for r in members:
            value = float(r["value"])
            cell = _Cell(value, r["qualifier"], "stated", (r["id"],),
                         rounding_tolerance(value, r["qualifier"]) if r["unit"] == "percent" else 0.0)
            (shares if r["unit"] == "percent" else counts)[r["category"]] = cell
        _derive(shares, counts)
        total = counts.get("all")
        for category in sorted(set(shares) | set(counts), key=order.index):
            share, count = shares.get(category), counts.get(category)
            used = set()
            for cell in (share, count, total if category != "all" else None):
                if cell is not None:
                    used.update(cell.rows)
            used_rows = [by_id[i] for i in sorted(used)]
            out.append({
                "group": group, "population": first["population"], "category": category,
                "share": share.value if share else float("nan"),
                "share_qualifier": share.qualifier if share else "",
                "share_how": share.how if share else "",
                "share_tolerance": share.tolerance if share else float("nan"),
                "count": count.value if count else float("nan"),
                "count_qualifier": count.qualifier if count else "",
                "count_how": count.how if count else "",
                "total": total.value if total else float("nan"),
                "total_qualifier": total.qualifier if total else "",
                "period_start": first["period_start"], "period_end": first["period_end"],
                "period_label": first["period_label"], "as_of": first["as_of"],
                "published": _latest_published([r["published"] for r in used_rows]) or first["published"],
                "confidence": _lowest_confidence([r["confidence"] for r in used_rows]),
                "source_ids": tuple(dict.fromkeys(s for r in used_rows for s in r["source_ids"])),
                "claimed_by": tuple(dict.fromkeys(r["claimed_by"] for r in used_rows)),
                "credit": rows_credit(_own_rows_first(used_rows, category)),
                "row_ids": tuple(sorted(used)),
                "notes": tuple(dict.fromkeys(r["note"] for r in used_rows if not blank(r["note"]))),
            })
    return pd.DataFrame(out)


def _own_rows_first(rows: list[dict], category: str) -> list[dict]:
    """The rows behind a figure, the figure's own category first and the total it was divided by last,
    so that a credit names first who counted the thing itself."""
    return sorted(rows, key=lambda r: (r["category"] != category, r["category"] == "all"))


def _latest_published(values) -> str:
    known = [v for v in values if not blank(v)]
    if not known:
        return ""
    return max(known, key=lambda v: date_bounds(v)[0])


def _derive(shares: dict[str, _Cell], counts: dict[str, _Cell]) -> None:
    """Fill in what the stated figures imply. Stated figures are never overwritten."""
    for _ in range(4):  # a few passes: one derivation can enable another
        total = counts.get("all")
        # the total from three parts that cover everyone
        parts = ("convicted", "pending-only", "neither")
        if total is None and all(p in counts and counts[p].how == "stated" for p in parts):
            cells = [counts[p] for p in parts]
            counts["all"] = total = _Cell(sum(c.value for c in cells), _combine(*(c.qualifier for c in cells)),
                                          "the three groups added together", tuple(r for c in cells for r in c.rows))
        for category, cell in list(counts.items()):
            if category != "all" and category not in shares and total is not None and total.value > 0:
                q = _combine(cell.qualifier, _FLIP[total.qualifier])
                if q != "unknown":
                    shares[category] = _Cell(100 * cell.value / total.value, q, "computed: count ÷ total",
                                             cell.rows + total.rows, 0.05)
        for whole, x, y in SUMS:
            if whole not in shares and x in shares and y in shares:
                q = _combine(shares[x].qualifier, shares[y].qualifier)
                if q != "unknown":
                    shares[whole] = _Cell(shares[x].value + shares[y].value, q,
                                          f"computed: {short_category(x)} + {short_category(y)}",
                                          shares[x].rows + shares[y].rows, shares[x].tolerance + shares[y].tolerance)
            for part, other in ((x, y), (y, x)):
                if part not in shares and whole in shares and other in shares:
                    q = _combine(shares[whole].qualifier, _FLIP[shares[other].qualifier])
                    if q != "unknown":
                        shares[part] = _Cell(shares[whole].value - shares[other].value, q,
                                             f"computed: {short_category(whole)} − {short_category(other)}",
                                             shares[whole].rows + shares[other].rows,
                                             shares[whole].tolerance + shares[other].tolerance)
        for a, b in COMPLEMENTS:
            for have, want in ((a, b), (b, a)):
                if have in shares and want not in shares:
                    src = shares[have]
                    shares[want] = _Cell(100 - src.value, _FLIP[src.qualifier],
                                         f"computed: 100% − {short_category(have)}", src.rows, src.tolerance)
        if total is not None:
            for category, cell in list(shares.items()):
                if category not in counts and category != "all":
                    q = _combine(cell.qualifier, total.qualifier)
                    if q != "unknown":
                        # a share is rounded, so the count it implies is approximate unless it is a bound
                        counts[category] = _Cell(cell.value * total.value / 100, "about" if q == "exact" else q,
                                                 "computed: share × total", cell.rows + total.rows)


def figure(group: str, category: str, table: pd.DataFrame | None = None) -> dict:
    """The figure for one group and category (a dict of the columns of :func:`figures`)."""
    table = figures() if table is None else table
    match = table[(table["group"] == group) & (table["category"] == category)]
    if match.empty:
        raise KeyError(f"no figure for {group}:{category} in data/enforcement_stats.csv")
    return match.iloc[0].to_dict()


def figure_text(fig: dict, with_source: bool = True) -> str:
    """One phrase describing a figure: share, count, population, period, source, date."""
    noun = _unit_noun(fig["population"])
    if fig["category"] == "all":
        text = f"{qualified(fig['count'], fig['count_qualifier'], 'count')} {population_phrase(fig['population'])}"
    elif not blank(fig["share"]):
        text = (f"{qualified(fig['share'], fig['share_qualifier'], 'percent')} of {population_phrase(fig['population'])}: "
                f"{short_category(fig['category'])}")
        if not blank(fig["count"]):
            text += f" ({qualified(fig['count'], fig['count_qualifier'], 'count')} {noun})"
    else:
        text = f"{qualified(fig['count'], fig['count_qualifier'], 'count')} {population_phrase(fig['population'])}: {short_category(fig['category'])}"
    text += f", {fig['period_label']}"
    if with_source:
        text += f" ({fig['credit']}, {published_text(fig['published'])}"
        text += "; low confidence)" if fig["confidence"] in LOW_CONFIDENCE else ")"
    return text


# ---------------------------------------------------------------------------------------------
# Arithmetic checks: do the stated figures agree with each other?


@dataclass(frozen=True)
class ArithmeticCheck:
    group: str
    what: str
    stated: float
    recomputed: float
    tolerance: float
    qualifier: str

    @property
    def ok(self) -> bool:
        if self.qualifier == "more-than":
            return self.recomputed >= self.stated - self.tolerance
        if self.qualifier == "fewer-than":
            return self.recomputed <= self.stated + self.tolerance
        return abs(self.recomputed - self.stated) <= self.tolerance


def arithmetic_checks(rows: pd.DataFrame | None = None) -> list[ArithmeticCheck]:
    """Every stated share that the same group's counts can recompute, every set of parts that
    should add up to 100%, and every sum of counts that should equal the total."""
    rows = stats_rows() if rows is None else rows
    checks = []
    for group, members in rows.groupby("group", sort=False):
        members = members[members["value"].notna()]
        pct = {r["category"]: r for _, r in members[members["unit"] == "percent"].iterrows()}
        cnt = {r["category"]: r for _, r in members[members["unit"] == "count"].iterrows()}
        total = cnt.get("all")
        if total is not None:
            for category, r in pct.items():
                if category in cnt:
                    recomputed = 100 * cnt[category]["value"] / total["value"]
                    q = r["qualifier"] if r["qualifier"] in ("more-than", "fewer-than") else cnt[category]["qualifier"]
                    checks.append(ArithmeticCheck(group, f"{category}: count ÷ total", r["value"], recomputed,
                                                  rounding_tolerance(r["value"], r["qualifier"]),
                                                  q if q in ("more-than", "fewer-than") else "exact"))
        for whole, x, y in SUMS:
            if whole in pct and x in pct and y in pct:
                tol = sum(rounding_tolerance(pct[c]["value"], pct[c]["qualifier"]) for c in (whole, x, y))
                checks.append(ArithmeticCheck(group, f"{x} + {y} = {whole}", pct[whole]["value"],
                                              pct[x]["value"] + pct[y]["value"], tol, "exact"))
            if whole in cnt and x in cnt and y in cnt:
                checks.append(ArithmeticCheck(group, f"{x} + {y} = {whole} (counts)", cnt[whole]["value"],
                                              cnt[x]["value"] + cnt[y]["value"], 0.5, "exact"))
        parts = ("convicted", "pending-only", "neither")
        shares = {}
        for p in parts:
            if p in pct:
                shares[p] = (pct[p]["value"], rounding_tolerance(pct[p]["value"], pct[p]["qualifier"]))
            elif p in cnt and total is not None:
                shares[p] = (100 * cnt[p]["value"] / total["value"], 0.0)
        if len(shares) == 3:
            checks.append(ArithmeticCheck(group, "convicted + pending only + neither = 100%", 100.0,
                                          sum(v for v, _ in shares.values()), sum(t for _, t in shares.values()) or 0.05,
                                          "exact"))
        if total is not None and all(p in cnt for p in parts):
            checks.append(ArithmeticCheck(group, "the three counts add up to the total", total["value"],
                                          sum(cnt[p]["value"] for p in parts), 0.5, "exact"))
        for a, b in COMPLEMENTS:
            if a in pct and b in pct:
                tol = rounding_tolerance(pct[a]["value"], pct[a]["qualifier"]) + rounding_tolerance(pct[b]["value"], pct[b]["qualifier"])
                checks.append(ArithmeticCheck(group, f"{a} + {b} = 100%", 100.0, pct[a]["value"] + pct[b]["value"], tol, "exact"))
    return checks


def comparable_pairs(table: pd.DataFrame | None = None) -> list[tuple[str, str, float, float, float]]:
    """Pairs of figures from different groups that measure the same thing (same population,
    category and kind of number, periods starting and ending within a month of each other) and
    disagree beyond rounding. Each must be explained in data/stats_disagreements.csv."""
    table = figures() if table is None else table
    found = []
    records = table.to_dict("records")
    for i, a in enumerate(records):
        for b in records[i + 1:]:
            if a["group"] == b["group"] or a["population"] != b["population"] or a["category"] != b["category"]:
                continue
            kind = "count" if a["category"] == "all" else "share"
            # counts over a period grow with it, so they must cover the same days (a day's slack
            # for "Jan. 20" versus "Jan. 21"); shares may be compared across a month
            if not _periods_match(a, b, days=1 if kind == "count" else 31):
                continue
            va, vb = a[kind], b[kind]
            if blank(va) or blank(vb):
                continue
            qa, qb = a[f"{kind}_qualifier"], b[f"{kind}_qualifier"]
            if kind == "count":
                loose = {qa, qb} & {"about", "nearly", "more-than", "fewer-than"}
                tol = 0.01 * max(va, vb) if loose else 0.5
            else:
                tol = _share_tolerance(a) + _share_tolerance(b)
            if abs(va - vb) > tol:
                found.append((f"{a['group']}:{a['category']}", f"{b['group']}:{b['category']}", va, vb, tol))
    return found


def _share_tolerance(fig: dict) -> float:
    return max(fig["share_tolerance"], 0.05)


def _periods_match(a: dict, b: dict, days: int = 31) -> bool:
    sa, ea = date_bounds(_none(a["period_start"])), date_bounds(_none(a["period_end"]))
    sb, eb = date_bounds(_none(b["period_start"])), date_bounds(_none(b["period_end"]))
    if not (sa and ea and sb and eb):
        return False
    slack = _dt.timedelta(days=days)
    return abs(sa[0] - sb[0]) <= slack and abs(ea[1] - eb[1]) <= slack


def _complement(category: str) -> str | None:
    for a, b in COMPLEMENTS:
        if category == a:
            return b
        if category == b:
            return a
    return None


def unlabelled_disagreements() -> list[tuple[str, str, float, float, float]]:
    """Comparable pairs that disagree and are not explained in stats_disagreements.csv. A pair is
    covered when it, or the same two groups' complementary categories, are listed."""
    listed = set()
    for _, r in disagreements().iterrows():
        for a, b in ((r["figure_a"], r["figure_b"]), (r["figure_b"], r["figure_a"])):
            listed.add((a, b))
            ga, ca = a.split(":")
            gb, cb = b.split(":")
            if ca == cb and _complement(ca):
                listed.add((f"{ga}:{_complement(ca)}", f"{gb}:{_complement(cb)}"))
    return [pair for pair in comparable_pairs() if (pair[0], pair[1]) not in listed]


def _none(value):
    return None if blank(value) else value


# ---------------------------------------------------------------------------------------------
# Natural frequencies and icon arrays


def natural_frequency(share: float, per: int | None = None) -> tuple[int, int]:
    """How many of `per` people a share is ("36.5%" -> 37 of 100). Shares under 1% use 1,000."""
    if per is None:
        per = 1000 if 0 < share < 1 else 100
    return round_half_up(share * per / 100), per


def split_hundred(shares: dict[str, float], per: int = 100) -> dict[str, int]:
    """Whole icons for parts that add up to `per` (largest remainder), so an icon array of
    36.5% / 29.8% / 33.6% shows 36 + 30 + 34 = 100 people, not 101."""
    exact = {k: v * per / 100 for k, v in shares.items()}
    whole = {k: int(math.floor(v)) for k, v in exact.items()}
    left = per - sum(whole.values())
    for k in sorted(exact, key=lambda k: exact[k] - whole[k], reverse=True)[:max(left, 0)]:
        whole[k] += 1
    return whole


_CATEGORY_VERB = {
    "convicted": "had a criminal conviction", "pending-only": "had a pending charge but no conviction",
    "convicted-or-pending": "had a conviction or a pending charge", "neither": "had neither a conviction nor a pending charge",
    "no-conviction": "had no conviction", "violent-conviction": "had a violent conviction",
    "no-violent-conviction": "had no violent conviction", "homicide-conviction": "had a homicide conviction",
    "sexual-assault-conviction": "had a sexual-assault conviction", "gang": "were counted as gang members or gang offenders",
}


def natural_frequency_sentence(fig: dict) -> str:
    """'About 37 of every 100 people arrested by ICE (...) had a criminal conviction.'"""
    k, per = natural_frequency(fig["share"])
    words = {"exact": "About", "about": "About", "nearly": "Nearly", "more-than": "More than",
             "fewer-than": "Fewer than"}[fig["share_qualifier"] or "exact"]
    verb = _CATEGORY_VERB.get(fig["category"], f"were counted as: {short_category(fig['category'])}")
    return f"{words} {k} of every {per:,} {_people_in(fig['population'])} ({fig['period_label']}) {verb}."


def _people_in(population: str) -> str:
    return {
        "dhs-arrests": "people arrested by DHS", "ice-arrests": "people arrested by ICE",
        "ice-at-large-arrests": "people arrested by ICE at large", "book-ins": "people booked into ICE detention",
        "detained-on-day": "people in ICE detention on that day",
        "detained-on-day-ice-arrested": "ICE-arrested people in detention on that day",
        "detainers": "people subject to ICE detainers",
    }.get(population, population_phrase(population))


def _grid(n: int, columns: int = 10):
    xs = [i % columns for i in range(n)]
    ys = [-(i // columns) for i in range(n)]
    return xs, ys


# ---------------------------------------------------------------------------------------------
# The article's numbers beside the evidence


VERDICTS = ("Accurate", "Partly accurate", "Misstates the figure", "Misreported", "Not verified: no source found")
#: The rule for each verdict on the article's numbers, in the order :func:`reconcile` applies them.
VERDICT_RULES = NUMBER_VERDICT_RULES
assert set(VERDICT_RULES) == set(VERDICTS)


def verdict_scale_markdown() -> str:
    """The verdicts on the article's numbers and their rules, as a Markdown table (for the teacher notes)."""
    rows = "\n".join(f"| {v} | {rule[0].upper() + rule[1:]} |" for v, rule in VERDICT_RULES.items())
    return "| Verdict (rules applied in this order) | Rule |\n| --- | --- |\n" + rows


@dataclass
class Reconciliation:
    number: dict
    verdict: str
    reasons: list[str]
    origin: list[dict] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)

    @property
    def source_ids(self) -> tuple[str, ...]:
        ids = [ARTICLE_SOURCE_ID]
        for fig in self.origin + self.evidence:
            ids.extend(fig["source_ids"])
        return tuple(dict.fromkeys(ids))


def _ids(value) -> list[str]:
    return [] if blank(value) else [p.strip() for p in str(value).split(";") if p.strip()]


def reconcile(number_id: str, table: pd.DataFrame | None = None) -> Reconciliation:
    """Put one of the article's numbers beside what sources say, and derive a verdict from the rows.

    The rules (:data:`VERDICT_RULES`), in order: a restatement in words that change what the figure
    counts "Misstates the figure"; a number with no source found is "Not verified"; a number that
    differs from the statement it relays is "Misreported"; a number that matches its statement, is
    attributed to the same population and agrees (within 5 points, or for a count, is reached) with
    the first independent figure for that population is "Accurate"; otherwise "Partly accurate".
    """
    table = figures() if table is None else table
    numbers = article_numbers()
    n = numbers.loc[number_id].to_dict()
    kind = "count" if n["unit"] == "count" else "share"
    category = n["article_category"]
    origin = [figure(g, category, table) for g in _ids(n["origin_groups"])
              if not table[(table["group"] == g) & (table["category"] == category)].empty]
    related = RELATED.get(category, (category,))
    evidence = [f for g in _ids(n["evidence_groups"])
                for f in table[(table["group"] == g) & table["category"].isin(related)].to_dict("records")]
    stated = qualified(n["value"], n["qualifier"], n["unit"])

    if n["role"] == "table-share":
        return _reconcile_table_cell(n, numbers, evidence)
    if not origin:
        return Reconciliation(n, "Not verified: no source found",
                              [f"No statement giving {stated} was found in the sources."], [], evidence)

    reasons: list[str] = []
    o = origin[0]
    o_value, o_qual = o[kind], o[f"{kind}_qualifier"]
    close = 0.5 if kind == "share" else 0.005 * n["value"]
    value_matches = abs(o_value - n["value"]) <= close and (kind == "share" or o_qual == n["qualifier"])
    if value_matches:
        reasons.append(f"The number matches the statement it relays: {qualified(o_value, o_qual, n['unit'])} "
                       f"({o['credit']}, {published_text(o['published'])}).")
    else:
        reasons.append(f"The statement it relays gave {qualified(o_value, o_qual, n['unit'])}, not {stated}.")
    attribution_ok = o["population"] == n["article_population"]
    if not attribution_ok:
        reasons.append(f"The article says the number is about {population_phrase(n['article_population'])}; "
                       f"the statement was about {population_phrase(o['population'])} (which agencies it counts is not stated).")
    if o["period_label"] != n["article_period_label"]:
        reasons.append(f"The article gives the period as \u201c{n['article_period_label']}\u201d; "
                       f"the statement's period was {o['period_label']}.")

    same = [f for f in evidence if f["population"] == n["article_population"] and f["category"] == category
            and not blank(f[kind])]
    in_2025 = [f for f in same if _starts_in(f, 2025)]
    supported = True
    if in_2025:
        primary = in_2025[0]
        p_value = primary[kind]
        if kind == "count":
            supported = p_value >= n["value"]
            runs_past = (date_bounds(_none(primary["period_end"])) or (article_date(),))[0] > article_date()
            reasons.append(
                f"ICE's own records: {figure_text(primary)}. That is about {round_half_up(100 * p_value / n['value'])}% "
                "of the article's figure" + (", over a period that runs past the article's date." if runs_past else "."))
        else:
            gap = p_value - n["value"]
            supported = abs(gap) <= 5
            words = "close to" if supported else ("well below" if gap < 0 else "well above")
            reasons.append(f"ICE's own records give {figure_text(primary)}: {words} {stated}.")
            windows = sorted((f for f in in_2025[1:] if f["share_how"] and _is_window(f)), key=_start_ordinal)
            if len(windows) >= 2:
                reasons.append(f"By three-month window the share went from {fmt_share(windows[0]['share'])} "
                               f"({windows[0]['period_label']}) to {fmt_share(windows[-1]['share'])} "
                               f"({windows[-1]['period_label']}): a single figure for \u201csince early 2025\u201d hides that change.")
            earlier = [f for f in same if not _starts_in(f, 2025)]
            if earlier:
                reasons.append(f"For comparison, {figure_text(earlier[0])}.")
            convicted = [figure(f["group"], "convicted", table) for f in in_2025[:1]
                         if not table[(table["group"] == f["group"]) & (table["category"] == "convicted")].empty]
            if category == "convicted-or-pending" and convicted:
                c = convicted[0]
                reasons.append(f"\u201cConvicted or charged\u201d is not \u201cconvicted\u201d: in the same records "
                               f"{qualified(c['share'], c['share_qualifier'], 'percent')} had a conviction.")
    if n["role"] == "restatement":
        verdict = "Misstates the figure"
        reasons.insert(0, "The article restates \u201cconvictions or pending charges\u201d as \u201ca criminal record\u201d. "
                          "That changes what the figure counts: a pending charge is an accusation, not a crime proven, "
                          "and read as \u201cconvicted\u201d the figure overstates the evidence.")
    elif not value_matches:
        verdict = "Misreported"
    elif attribution_ok and supported:
        verdict = "Accurate"
    else:
        verdict = "Partly accurate"
    return Reconciliation(n, verdict, reasons, origin, evidence)


def _starts_in(fig: dict, year: int) -> bool:
    bounds = date_bounds(_none(fig["period_start"]))
    return bool(bounds) and bounds[0].year == year


def _is_window(fig: dict) -> bool:
    start, end = date_bounds(_none(fig["period_start"])), date_bounds(_none(fig["period_end"]))
    return bool(start and end) and (end[1] - start[0]).days <= 125


def _start_ordinal(fig: dict) -> int:
    return date_bounds(_none(fig["period_start"]))[0].toordinal()


def _reconcile_table_cell(n: dict, numbers: pd.DataFrame, evidence: list[dict]) -> Reconciliation:
    table_rows = numbers[numbers["role"] == "table-share"]
    total = float(table_rows["value"].sum())
    share_row = numbers[numbers["role"] == "share"].iloc[0]
    left = 100 - share_row["value"]
    reasons = [
        "No source for this table was found: the article names none, and no DHS, ICE or independent release "
        "examined for this module gives these shares.",
        f"The table's shares add up to {fmt_share(total)} of ICE arrests, but the article's own text says "
        f"{fmt_share(share_row['value'])} had convictions or pending charges, which leaves {fmt_share(left)} with neither. "
        "A breakdown of all arrests by crime type cannot put everyone in a crime category.",
    ]
    same = [f for f in evidence if f["category"] == n["article_category"] and not blank(f["share"])]
    if same:
        top = max(same, key=lambda f: f["share"])
        bound = "more than " if top["share_qualifier"] == "fewer-than" else "about "
        base = "" if top["population"] == n["article_population"] else " (a different base from the table's ICE arrests)"
        reasons.append(f"The largest measured share for this category: {figure_text(top)}{base}. "
                       f"The table's {fmt_share(n['value'])} is {bound}{round_half_up(n['value'] / top['share'])} times that.")
    elif evidence:
        reasons.append(f"No measured share exists for this category; the nearest figure is a count on a different base: "
                       f"{figure_text(evidence[0])}.")
    return Reconciliation(n, "Not verified: no source found", reasons, [], evidence)


def article_vs_evidence() -> pd.DataFrame:
    """Every number in the article beside the evidence, with the verdict and why (for a table)."""
    table = figures()
    out = []
    for number_id in article_numbers()["id"]:
        r = reconcile(number_id, table)
        n = r.number
        evidence = "; ".join(figure_text(f) for f in (r.origin + [e for e in r.evidence if e not in r.origin])[:4])
        out.append({"The article says": f"\u201c{n['quote']}\u201d",
                    "Attributed to": n["attributed_to"],
                    "What sources say": evidence or "no source found",
                    "Verdict": r.verdict,
                    "Why": " ".join(r.reasons)})
    return pd.DataFrame(out)


def table_implied_counts() -> pd.DataFrame:
    """The article's crime-type table applied to its 400,000 arrests and to the 280,000 its text
    says had convictions or charges: the implied number of people in each row."""
    numbers = article_numbers()
    arrests = float(numbers[numbers["role"] == "total"].iloc[0]["value"])
    share = float(numbers[numbers["role"] == "share"].iloc[0]["value"])
    with_record = arrests * share / 100
    cells = numbers[numbers["role"] == "table-share"]
    out = [{"Crime type (the article's table)": _table_label(r["quote"]), "Share in the table": r["value"],
            f"Of {fmt_count(arrests)} arrests": arrests * r["value"] / 100,
            f"Of the {fmt_count(with_record)} with convictions or charges": with_record * r["value"] / 100}
           for _, r in cells.iterrows()]
    out.append({"Crime type (the article's table)": "Total", "Share in the table": float(cells["value"].sum()),
                f"Of {fmt_count(arrests)} arrests": arrests * cells["value"].sum() / 100,
                f"Of the {fmt_count(with_record)} with convictions or charges": with_record * cells["value"].sum() / 100})
    return pd.DataFrame(out)


def _table_label(quote: str) -> str:
    """The row label of a scraped table cell: 'Weapons Charges15%' -> 'Weapons Charges'."""
    return quote.rstrip("%").rstrip("0123456789.").strip()


TABLE_BASES = {"arrests": "All arrests the article counts", "with-record": "Only those with convictions or charges"}


def table_chart(base: str = "arrests") -> Chart:
    """The article's crime-type table applied to a base, beside what its own text says.

    Left bar: the people the table puts in each crime type. Right bar: the same base split the way
    the article's text splits it (convictions or charges, and neither)."""
    if base not in TABLE_BASES:
        raise ValueError(f"base must be one of {', '.join(TABLE_BASES)}")
    numbers = article_numbers()
    facts = table_contradiction()
    total = facts["arrests"] if base == "arrests" else facts["with_record"]
    cells = numbers[numbers["role"] == "table-share"]
    traces = []
    patterns = ("", "/", "x", ".")
    for i, (_, r) in enumerate(cells.iterrows()):
        people = total * r["value"] / 100
        traces.append({"type": "bar", "x": ["The article's table"], "y": [people],
                       "name": f"{_table_label(r['quote'])} ({fmt_share(r['value'])})",
                       "marker": {"color": PALETTE[i], "pattern": {"shape": patterns[i]}, "line": {"color": "#333", "width": 1}},
                       "hovertemplate": f"{_table_label(r['quote'])}: %{{y:,.0f}}<extra></extra>"})
    record = total if base == "with-record" else facts["with_record"]
    neither = 0 if base == "with-record" else facts["arrests"] - facts["with_record"]
    traces.append({"type": "bar", "x": ["The article's text"], "y": [record],
                   "name": f"Convictions or pending charges ({fmt_share(facts['share_with_record'])} of arrests)",
                   "marker": {"color": GREY, "line": {"color": "#333", "width": 1}},
                   "hovertemplate": "Convictions or pending charges: %{y:,.0f}<extra></extra>"})
    traces.append({"type": "bar", "x": ["The article's text"], "y": [neither], "name": "Neither (no conviction, no pending charge)",
                   "marker": {"color": "white", "pattern": {"shape": "-", "fgcolor": GREY}, "line": {"color": "#333", "width": 1}},
                   "hovertemplate": "Neither: %{y:,.0f}<extra></extra>"})
    fig = fast_figure(traces, {"barmode": "stack"})
    what = f"all {fmt_count(facts['arrests'])} arrests" if base == "arrests" else f"the {fmt_count(facts['with_record'])} with convictions or charges"
    style(fig, f"The crime-type table applied to {what}", None, "People", height=360)
    fig.update_layout(yaxis={"rangemode": "tozero", "tickformat": ","}, margin={"l": 90})
    table = pd.DataFrame([{"Bar": "The article's table", "Part": _table_label(r["quote"]), "People": total * r["value"] / 100}
                          for _, r in cells.iterrows()] +
                         [{"Bar": "The article's text", "Part": "Convictions or pending charges", "People": record},
                          {"Bar": "The article's text", "Part": "Neither", "People": neither}])
    in_table = total * cells["value"].sum() / 100
    if base == "arrests":
        summary = (f"Applied to {fmt_count(total)} arrests, the table puts {fmt_count(in_table)} people in a crime type; "
                   f"the text says only {fmt_count(facts['with_record'])} had convictions or charges, so the table "
                   f"assigns crimes to {fmt_count(in_table - facts['with_record'])} people who, by the article's own text, had neither.")
    else:
        summary = (f"Applied only to the {fmt_count(total)} with convictions or charges, the table adds up, but then it is not "
                   f"a table of 'ICE arrests' as its heading says, and it would mean {fmt_count(total * float(cells.iloc[0]['value']) / 100)} "
                   "people with violent crimes.")
    return Chart(fig, summary, table, (ARTICLE_SOURCE_ID,),
                 ("Both bars use only the article's own numbers; the table names no source.",),
                 credits=(ARTICLE_CREDIT + " (its text)", "the article's table (no source named)"))


def table_contradiction() -> dict:
    """The numbers behind the contradiction, for the notebook's sentence and its assert cell."""
    numbers = article_numbers()
    arrests = float(numbers[numbers["role"] == "total"].iloc[0]["value"])
    share = float(numbers[numbers["role"] == "share"].iloc[0]["value"])
    table_total = float(numbers[numbers["role"] == "table-share"]["value"].sum())
    with_record = arrests * share / 100
    in_table = arrests * table_total / 100
    return {"arrests": arrests, "share_with_record": share, "with_record": with_record,
            "table_total_share": table_total, "people_in_table": in_table, "excess": in_table - with_record}


def violent_evidence() -> pd.DataFrame:
    """What measured data say about violent convictions, with populations kept apart."""
    table = figures()
    wanted = table[table["category"].isin(["violent-conviction", "homicide-conviction", "sexual-assault-conviction"])]
    out = []
    for _, f in wanted.iterrows():
        k, per = natural_frequency(f["share"])
        label = category_label(f["category"])
        out.append({"Population": population_label(f["population"]), "Category": label[0].upper() + label[1:],
                    "Share": qualified(f["share"], f["share_qualifier"], "percent"),
                    "In plain numbers":  # a natural frequency, without the jargon in the heading
                    f"{_QUALIFIER_WORDS.get(f['share_qualifier'], '')}{k} in {per:,}".strip(),
                    "Period": f["period_label"], "Published": published_text(f["published"]),
                    "Confidence": f["confidence"], "How": f["share_how"],
                    "Who counted or claimed it": f["credit"]})
    return pd.DataFrame(out)


@dataclass(frozen=True)
class ArticleFigure:
    """The article's number nearest to a category the explorer offers, and how near it is."""

    value: float | None
    sentence: str
    counts: str  # what the article's number counts, in a few words
    same_category: bool  # False when it counts something wider or vaguer than the chosen category
    credit: str  # who the number comes from, as the article presents it


#: The article's 70% is DHS's claim, relayed without naming DHS's period or its own agency.
ARTICLE_CREDIT = "DHS, as relayed by the article"


def article_comparison(category: str) -> ArticleFigure:
    """The article's number nearest to a category, and a sentence saying how near it is. Only two
    categories match one of the article's numbers exactly (convicted or charged, and neither, which its
    text implies); for the others the article counts something wider or vaguer, and the result says so."""
    numbers = article_numbers()
    share = float(numbers[numbers["role"] == "share"].iloc[0]["value"])
    if category == "convicted-or-pending":
        return ArticleFigure(share, f"The article: {fmt_share(share)} of ICE arrests had convictions or pending charges "
                                    "(the same category).", "convicted or charged", True, ARTICLE_CREDIT)
    if category == "neither":
        return ArticleFigure(100 - share, f"The article's text implies {fmt_share(100 - share)} had neither "
                                          f"(100% − {fmt_share(share)}); its table leaves room for none.",
                             "neither (implied by its text)", True, ARTICLE_CREDIT)
    if category == "convicted":
        return ArticleFigure(share, f"The article gives no share for convictions alone. The right-hand grid shows its "
                                    f"{fmt_share(share)}, which counts convictions and pending charges together: a wider "
                                    "category than the one you chose, so the two grids do not count the same thing.",
                             "convicted or charged, a wider category", False, ARTICLE_CREDIT)
    cells = numbers[(numbers["role"] == "table-share") & (numbers["article_category"] == category)]
    if len(cells):
        value, label = float(cells.iloc[0]["value"]), _table_label(cells.iloc[0]["quote"])
        return ArticleFigure(value, f"The article's table: {fmt_share(value)} of ICE arrests were \u201c{label}\u201d (no "
                                    "source given). The table does not say whether it counts convictions, charges or "
                                    "suspicions, so it may not count the same thing as the evidence.",
                             f"\u201c{label}\u201d in its table, which does not say whether it counts convictions", False,
                             "the article's table (no source named)")
    return ArticleFigure(None, "The article gives no number for this category.", "no figure", False, "the article")


def prediction_evidence() -> tuple[str, tuple[str, ...]]:
    """The evidence sentence shown beside the start notebook's prediction about convictions."""
    table = figures()
    groups = table[(table["population"] == "ice-arrests") & (table["category"] == "convicted")
                   & table["period_start"].fillna("").str.startswith("2025-01")]
    # The prediction asks about late January to mid-October 2025: the longest 2025 window.
    best = max(groups.to_dict("records"), key=lambda f: date_bounds(f["period_end"])[1])
    parts = {c: figure(best["group"], c, table)["share"] for c in ("convicted", "pending-only", "neither")}
    k, _ = natural_frequency(parts["convicted"], 100)
    sentence = (f"Of every 100 people ICE arrested ({best['period_label']}), about {k} had a U.S. criminal conviction "
                f"({fmt_share(parts['convicted'])}). Another {fmt_share(parts['pending-only'])} had pending charges but no "
                f"conviction, and {fmt_share(parts['neither'])} had neither. These are ICE's own records as counted "
                f"by {best['credit']}, {published_text(best['published'])}.")
    ids = tuple(dict.fromkeys(s for c in parts for s in figure(best["group"], c, table)["source_ids"]))
    return sentence, ids


# ---------------------------------------------------------------------------------------------
# The denominator explorer


def explorer_options(table: pd.DataFrame | None = None) -> dict[str, dict[str, list[str]]]:
    """population -> category -> groups with a share for it (best first: higher confidence,
    then the most recent period)."""
    table = figures() if table is None else table
    table = table[table["share"].notna()]
    options: dict[str, dict[str, list[str]]] = {}
    for population in EXPLORER_POPULATIONS:
        for category in EXPLORER_CATEGORIES:
            rows = table[(table["population"] == population) & (table["category"] == category)].to_dict("records")
            if not rows:
                continue
            # most recent first (to the month), then the longest period, low confidence last
            rows.sort(key=lambda f: (f["confidence"] in LOW_CONFIDENCE, -_end_month(f), -round(_length_days(f) / 30),
                                     -len(f["row_ids"])))
            options.setdefault(population, {})[category] = [f["group"] for f in rows]
    return options


def _end_month(f: dict) -> int:
    bounds = date_bounds(_none(f["period_end"])) or date_bounds(_none(f["as_of"])) or date_bounds(_none(f["published"]))
    return bounds[1].year * 12 + bounds[1].month if bounds else 0


def _length_days(f: dict) -> int:
    start, end = date_bounds(_none(f["period_start"])), date_bounds(_none(f["period_end"]))
    return (end[1] - start[0]).days if start and end else 0


def group_label(fig: dict) -> str:
    """How a source choice reads in the explorer's drop-down."""
    low = " · low confidence" if fig["confidence"] in LOW_CONFIDENCE else ""
    return f"{fig['credit']} · {fig['period_label']} · {published_text(fig['published'])}{low}"


@dataclass
class ExplorerView:
    chart: Chart
    share_text: str
    warning: str  # the populations differ ("" when the evidence is about ICE arrests, as the article says)
    category_note: str = ""  # the article's number counts a different category ("" when it counts the same)


def explorer_view(population: str, category: str, group: str, table: pd.DataFrame | None = None) -> ExplorerView:
    """The explorer's chart (two icon arrays on the same 100-person scale) and its words.

    The chart compares like with like where it can: its title names one category only when both grids
    count it; when the article's number counts something else, the title, the right-hand grid's label
    and a note all say so."""
    table = figures() if table is None else table
    fig_data = figure(group, category, table)
    if fig_data["population"] != population:
        raise ValueError(f"group {group} is about {fig_data['population']}, not {population}")
    k, per = natural_frequency(fig_data["share"], 100)
    article = article_comparison(category)
    article_k = natural_frequency(article.value, 100)[0] if article.value is not None else 0

    left_label = f"{category_label(category)}: {qualified(fig_data['share'], fig_data['share_qualifier'], 'percent')}"
    right_label = ("The article: no figure" if article.value is None
                   else f"The article's figure ({article.counts}): {fmt_share(article.value)}")
    traces = (_icon_traces(0, k, left_label, "square", PALETTE[0], True)
              + _icon_traces(_RIGHT_GRID, article_k, right_label, "diamond", PALETTE[5], False))
    right_title = "The article: ICE arrests (as it says)"
    if not article.same_category and article.value is not None:
        right_title = "The article: a different category"
    titles = [{"x": 4.5, "y": 1.3, "text": f"Evidence: {population_label(population)}"},
              {"x": _RIGHT_GRID + 4.5, "y": 1.3, "text": right_title}]
    fig = fast_figure(traces, {
        "xaxis": {"visible": False, "range": [-0.8, _RIGHT_GRID + 9.8]},
        "yaxis": {"visible": False, "range": [-9.8, 1.9]},
        "annotations": [dict(t, xref="x", yref="y", showarrow=False, font={"size": 14}) for t in titles],
        "legend": {"orientation": "h", "y": -0.05}})
    if article.same_category or article.value is None:
        title = f"Of 100 people: {short_category(category)}"
    else:
        title = f"Of 100 people: {short_category(category)} (left) beside {article.counts} (right)"
    style(fig, title, height=360)
    fig.update_layout(margin={"t": 60, "b": 40})

    share_words = qualified(fig_data["share"], fig_data["share_qualifier"], "percent")
    detail = share_words
    if not blank(fig_data["count"]):
        detail += f"; {qualified(fig_data['count'], fig_data['count_qualifier'], 'count')} people"
        if not blank(fig_data["total"]):
            detail += f" of {qualified(fig_data['total'], fig_data['total_qualifier'], 'count')}"
    how = "" if fig_data["share_how"] == "stated" else f" The share is {fig_data['share_how']}."
    low = " Low confidence: treat this figure as a lead." if fig_data["confidence"] in LOW_CONFIDENCE else ""
    share_text = (f"{natural_frequency_sentence(fig_data)[:-1]} ({detail}).{how} "
                  f"Counted or claimed by: {fig_data['credit']}; {published_text(fig_data['published'])}.{low}")
    warning = ""
    if population != "ice-arrests":
        warning = (f"Different populations: these figures are about {POPULATIONS[population]}. The article's numbers are "
                   "about ICE arrests (as it says; the DHS statement it relays was about arrests by all of DHS). "
                   "Shares of different populations need not match, and neither proves the other wrong.")
    category_note = ""
    if not article.same_category and article.value is not None:
        category_note = (f"Different categories: the left grid counts {short_category(category)}; the article's number "
                         f"counts {article.counts}. The grids are not two measures of the same thing.")
    table_text = pd.DataFrame([
        {"Figure": f"Evidence ({population_label(population)})", "Counts": short_category(category), "Share": share_words,
         "Of 100 people": k, "Period": fig_data["period_label"], "Published": published_text(fig_data["published"]),
         "Counted or claimed by": fig_data["credit"], "Confidence": fig_data["confidence"]},
        {"Figure": "The article (ICE arrests, as it says)", "Counts": article.counts,
         "Share": "none" if article.value is None else fmt_share(article.value),
         "Of 100 people": "" if article.value is None else article_k, "Period": "since early 2025 (as it says)",
         "Published": f"published {date_text(article_date().isoformat())} (the article itself)", "Counted or claimed by": article.credit,
         "Confidence": "no source given" if article.credit != ARTICLE_CREDIT else "relays DHS"},
    ])
    summary = (f"Two grids of 100 people. Left: {k} of 100 {_people_in(population)} marked as "
               f"{short_category(category)} ({share_words}). Right: {article.sentence}")
    notes = tuple(n for n in (warning, category_note,
                              f"Period: {fig_data['period_label']}; {published_text(fig_data['published'])}.") if n)
    chart = Chart(fig, summary, table_text, tuple(dict.fromkeys(fig_data["source_ids"] + (ARTICLE_SOURCE_ID,))), notes,
                  credits=(fig_data["credit"], article.credit))
    return ExplorerView(chart, share_text, warning, category_note)


_RIGHT_GRID = 12  # the article's grid starts this many icon-widths to the right of the evidence grid


def _icon_traces(offset: int, k: int, label: str, symbol: str, colour: str, legend_rest: bool) -> list[dict]:
    """Two traces for one grid of 100 people: the k counted (filled shape) and everyone else (open circle)."""
    xs, ys = _grid(100)
    xs = [x + offset for x in xs]
    return [
        {"type": "scatter", "x": xs[:k], "y": ys[:k], "mode": "markers", "name": label,
         "marker": {"symbol": symbol, "size": 15, "color": colour, "line": {"width": 1, "color": "#333"}},
         "hovertemplate": label + "<extra></extra>"},
        {"type": "scatter", "x": xs[k:], "y": ys[k:], "mode": "markers", "showlegend": legend_rest,
         "name": "Everyone else", "legendgroup": "rest",
         "marker": {"symbol": "circle-open", "size": 12, "color": GREY, "line": {"width": 1.5}}, "hoverinfo": "skip"},
    ]


def fast_figure(traces: list[dict], layout: dict | None = None) -> go.Figure:
    """A figure from plain dicts, without plotly's per-property validation (fifteen times faster,
    which keeps widget callbacks quick). The tests rebuild every chart with validation on."""
    layout = dict(layout or {})
    # plotly.js's own defaults instead of the large "plotly" template, which made every widget
    # update re-validate a few hundred template properties; style() sets what the module needs
    layout.setdefault("template", pio.templates["none"])
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


# ---------------------------------------------------------------------------------------------
# Trends through 2025


TREND_MEASURES = {
    "neither": "Neither a conviction nor a pending charge (some sources call this 'no criminal record')",
    "convicted": "Convicted of a crime",
    "convicted-or-pending": "Convicted or charged",
}
TREND_POPULATIONS = ("ice-arrests", "detained-on-day", "book-ins")


def trend_points(measure: str, populations=TREND_POPULATIONS, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Shares for one measure, 2025 periods only, one line per figure, with series labels."""
    table = figures() if table is None else table
    categories = [measure] + (["no-record-as-worded"] if measure == "neither" else [])
    row_of = _memo("rows_by_id", lambda: {r["id"]: r for r in stats_rows().to_dict("records")})
    out = []
    for f in table.to_dict("records"):
        if f["category"] not in categories or f["population"] not in populations or blank(f["share"]):
            continue
        start = date_bounds(_none(f["period_start"]))
        end = date_bounds(_none(f["period_end"]))
        if not start or not end or end[1] < _dt.date(2025, 1, 1):
            continue
        # name the series after who counted the figure's own rows, not the total it was divided by
        own = [row_of[i] for i in f["row_ids"] if row_of[i]["category"] != "all"] or [row_of[i] for i in f["row_ids"]]
        worded = f["category"] == "no-record-as-worded"
        out.append({
            "series": f"{population_label(f['population'])} \u2014 {rows_credit(own)}"
                      + (" ('no criminal record', as worded)" if worded else ""),
            "population": f["population"], "category": f["category"], "group": f["group"],
            "start": start[0], "end": end[1], "middle": start[0] + (end[1] - start[0]) / 2,
            "share": f["share"], "qualifier": f["share_qualifier"], "period": f["period_label"],
            "published": f["published"], "after_article": after_article(f["published"]),
            "confidence": f["confidence"], "source_ids": f["source_ids"], "how": f["share_how"], "credit": f["credit"],
        })
    columns = ["series", "population", "category", "group", "start", "end", "middle", "share", "qualifier", "period",
               "published", "after_article", "confidence", "source_ids", "how", "credit"]
    if not out:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(out, columns=columns).sort_values(["series", "middle"]).reset_index(drop=True)


def _unknown(after) -> bool:
    return after is None or (isinstance(after, float) and math.isnan(after))


def _marker(shape: str, after) -> str:
    """Filled: published by the article's date; open: after it; open with a dot: not known."""
    if _unknown(after):
        return f"{'square' if shape in ('square-x', 'square-cross') else shape}-open-dot"  # plotly has no "square-x-open-dot"
    return f"{shape}-open" if bool(after) else shape


#: Each line's marker shape, so that lines are told apart by shape as well as by colour (squares are
#: kept for figures worded only as "no criminal record", as the chart's note says).
_SERIES_SHAPES = ("circle", "diamond", "triangle-up", "pentagon", "hexagon", "star", "triangle-down", "hourglass")
_WORDED_SHAPES = ("square", "square-x", "square-cross")  # three sources word it so: three shapes, not two


def trend_chart(measure: str = "neither", populations=("ice-arrests", "detained-on-day")) -> Chart:
    """Shares through 2025 by population; windows drawn across their span, snapshots as points."""
    if measure not in TREND_MEASURES:
        raise ValueError(f"measure must be one of {', '.join(TREND_MEASURES)}")
    populations = tuple(p for p in TREND_POPULATIONS if p in populations)
    points = trend_points(measure, populations)
    traces = []
    colours = [c for c in PALETTE if c != "#F0E442"]  # the yellow is too pale for thin lines on white
    shapes_used = {"worded": 0, "plain": 0}
    for i, (series, part) in enumerate(points.groupby("series", sort=True)):
        colour = colours[i % len(colours)]
        part = part.to_dict("records")
        low = any(r["confidence"] in LOW_CONFIDENCE for r in part)
        worded = any(r["category"] == "no-record-as-worded" for r in part)
        kind = "worded" if worded else "plain"
        choices = _WORDED_SHAPES if worded else _SERIES_SHAPES
        shape = choices[shapes_used[kind] % len(choices)]
        shapes_used[kind] += 1
        seg_x, seg_y = [], []
        for r in part:
            if r["end"] > r["start"]:
                seg_x += [r["start"].isoformat(), r["end"].isoformat(), None]
                seg_y += [r["share"], r["share"], None]
        if seg_x:
            traces.append({"type": "scatter", "x": seg_x, "y": seg_y, "mode": "lines", "showlegend": False,
                           "line": {"color": colour, "width": 6}, "opacity": 0.35, "hoverinfo": "skip"})
        traces.append({
            "type": "scatter", "x": [r["middle"].isoformat() for r in part], "y": [r["share"] for r in part],
            "mode": "lines+markers", "name": series + (" (low confidence)" if low else ""),
            "line": {"color": colour, "dash": "dash" if low else "solid", "width": 2},
            "marker": {"symbol": [_marker(shape, r["after_article"]) for r in part], "size": 12,
                       "color": colour, "line": {"width": 2, "color": colour}},
            "hovertext": [f"{series}<br>{qualified(r['share'], r['qualifier'], 'percent')} \u00b7 {r['period']}"
                          f"<br>{published_text(r['published'])}" for r in part],
            "hoverinfo": "text"})
    traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers",
                   "name": "Filled marker: published by the article's date", "marker": {"symbol": "circle", "color": GREY, "size": 10}})
    traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": "Open marker: published after the article",
                   "marker": {"symbol": "circle-open", "color": GREY, "size": 10, "line": {"width": 2}}})
    if any(_unknown(a) for a in points["after_article"]):
        traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers",
                       "name": "Open marker with a dot: publication date not known (or too coarse to tell)",
                       "marker": {"symbol": "circle-open-dot", "color": GREY, "size": 10, "line": {"width": 2}}})
    day = article_date().isoformat()
    fig = fast_figure(traces, {
        "shapes": [{"type": "line", "x0": day, "x1": day, "y0": 0, "y1": 100, "line": {"color": "#444", "dash": "dot"}}],
        "annotations": [{"x": day, "y": 97, "text": "Article published", "showarrow": False, "xanchor": "right",
                         "font": {"size": 12}}]})
    title = f"Share of each population: {TREND_MEASURES[measure].lower()}, 2025"
    style(fig, title, "Period the figure covers (a band shows a window; a point, one day)", "Percent of the population", height=600)
    fig.update_layout(yaxis={"range": [0, 100], "ticksuffix": "%"}, xaxis={"range": ["2025-01-01", "2025-12-31"], "type": "date"},
                      legend={"orientation": "v", "yanchor": "top", "y": -0.25, "x": 0}, margin={"b": 280})
    table = pd.DataFrame([{
        "Population and source": r["series"], "Share": qualified(r["share"], r["qualifier"], "percent"),
        "Period": r["period"], "Published": published_text(r["published"]), "Confidence": r["confidence"],
    } for r in points.to_dict("records")])
    if points.empty:
        summary = "No figures for this measure and these populations."
    else:
        ordered = points.sort_values("middle")
        first, last = ordered.iloc[0], ordered.iloc[-1]
        after = sum(1 for a in points["after_article"] if not _unknown(a) and bool(a))
        summary = (f"{len(points)} figures for {', '.join(population_label(p) for p in populations)}: "
                   f"the earliest is {qualified(first['share'], first['qualifier'], 'percent')} ({first['period']}), "
                   f"the latest {qualified(last['share'], last['qualifier'], 'percent')} ({last['period']}). "
                   f"Published after the article: {after} of {len(points)}. Lines for different populations are different "
                   "measurements and are not expected to agree.")
    notes = ("Each line is one population from one source. Arrests over a period and people held on one day are different populations.",
             "Windows whose edges are known only to the month are drawn from the start of the first month to the end of the last.",
             "Square markers: the source says 'no criminal record' without saying whether pending charges count.",
             "A figure given only as a bound ('fewer than 30%') is drawn at the bound; its hover text and this table say which.")
    ids = tuple(dict.fromkeys(s for ids in points["source_ids"] for s in ids)) or ("factcheck-2026-01-ice-no-record",)
    return Chart(fig, summary, table, ids, notes, credits=tuple(points["credit"]))


# ---------------------------------------------------------------------------------------------
# Chart honesty: one chart, four framing toggles


@dataclass(frozen=True)
class Framing:
    key: str
    label: str
    misleads: bool
    favours: str
    why: str


FRAMINGS = (
    Framing("truncated", "Start the vertical axis just below the shortest bar instead of at 0%", True,
            "those who say ICE has turned away from arresting people with criminal records",
            "Bars are read by their length. Cutting the axis makes a fall of less than a quarter of the starting share look like "
            "most of the bar vanishing. Bar charts start at zero."),
    Framing("first-window", "Show only the first three months", True,
            "DHS's claim that 70% of the people it arrested had convictions or pending charges",
            "Picking the window with the highest share hides the later windows, when the share was lower. The title still "
            "says '2025', so the reader takes one window for the whole year."),
    Framing("last-window", "Show only the last three months", True,
            "those who say ICE mostly arrests people without criminal records",
            "Picking the window with the lowest share hides the earlier ones. It is the same cherry-pick in the other direction."),
    Framing("mixed", "Add DHS's 70% as the newest bar", True,
            "DHS's claim, by making the decline seem to reverse",
            "DHS's 70% counts arrests by all of DHS 'in recent months'; the other bars count ICE arrests in set windows. "
            "Putting a different population on the same axis, with no label saying so, invents a trend."),
    Framing("baseline", "Add ICE's fiscal-year-2024 share, labelled as the year before", False, "neither side",
            "The same population (ICE arrests) and the same category, clearly labelled with its own period, is fair "
            "context: a reader can see what the 2025 windows are compared with."),
)
FRAMING_BY_KEY = {f.key: f for f in FRAMINGS}
WINDOWS = {"all": "All three windows", "first": "First three months only", "last": "Last three months only"}


def honesty_bars() -> pd.DataFrame:
    """The honest chart's bars: share of ICE arrests with a conviction or pending charge, by window."""
    table = figures()
    rows = table[(table["population"] == "ice-arrests") & (table["category"] == "convicted-or-pending")
                 & table["group"].str.match(r"^fc-2025-w\d$")]
    rows = rows.assign(_start=[date_bounds(s)[0] for s in rows["period_start"]]).sort_values("_start")
    return rows.drop(columns="_start").reset_index(drop=True)


def honesty_chart(truncated: bool = False, window: str = "all", mixed: bool = False, baseline: bool = False) -> Chart:
    """The chart-honesty exercise: an honest bar chart, or a variant with the chosen framings."""
    if window not in WINDOWS:
        raise ValueError(f"window must be one of {', '.join(WINDOWS)}")
    table = figures()
    bars = honesty_bars()
    if window == "first":
        bars = bars.iloc[:1]
    elif window == "last":
        bars = bars.iloc[-1:]
    labels = [_window_label(a, b) for a, b in zip(bars["period_start"], bars["period_end"])]
    values = list(bars["share"])
    colours = [PALETTE[0]] * len(values)
    ids = [s for ids in bars["source_ids"] for s in ids]
    credits = list(bars["credit"])
    notes = []
    if baseline:
        base = figure("ice-fy2024", "convicted-or-pending", table)
        labels.insert(0, f"Fiscal 2024: {_window_label(base['period_start'], base['period_end'])}")
        values.insert(0, base["share"])
        colours.insert(0, GREY)
        ids += list(base["source_ids"])
        credits.insert(0, base["credit"])
        notes.append("The grey bar is ICE's fiscal-year-2024 figure, labelled with its own period.")
    if mixed:
        dhs = figure("dhs-2025-09-20", "convicted-or-pending", table)
        labels.append(f"{date_text(dhs['as_of'])}")
        values.append(dhs["share"])
        colours.append(PALETTE[0])
        ids += list(dhs["source_ids"])
        credits.append(dhs["credit"])
        notes.append("The last bar is DHS's claim about arrests by all of DHS 'in recent months', drawn as if it were another window of ICE arrests.")
    fig = fast_figure([{"type": "bar", "x": labels, "y": values, "marker": {"color": colours, "line": {"color": "#333", "width": 1}},
                        "text": [fmt_share(v) for v in values], "textposition": "outside",
                        "hovertemplate": "%{x}: %{y:.1f}%<extra></extra>"}])
    title = ("Share of ICE arrests with a conviction or pending charge, 2025" if window != "all" or mixed
             else "Share of ICE arrests with a conviction or pending charge, by three-month window of 2025")
    style(fig, title, "Period", "Percent of ICE arrests", height=340)
    low = 0
    if truncated:
        low = 5 * math.floor((min(values) - 2) / 5)
        notes.append(f"This version starts the vertical axis at {low}%.")
    fig.update_layout(yaxis={"range": [low, 100], "ticksuffix": "%"})
    if window != "all":
        notes.append(f"This version shows only: {WINDOWS[window].lower()}.")
    summary = ("Bars: " + "; ".join(f"{lab}: {fmt_share(v)}" for lab, v in zip(labels, values)) +
               f". The vertical axis runs from {low}% to 100%.")
    data = pd.DataFrame({"Bar": labels, "Percent": [round(v, 1) for v in values], "Counted or claimed by": credits})
    return Chart(fig, summary, data, tuple(dict.fromkeys(ids)), tuple(notes), credits=tuple(credits))


def _window_label(start: str, end: str) -> str:
    """'Jan.–April 2025' for a window (months only: several windows are known only to the month)."""
    a, b = date_bounds(start)[0], date_bounds(end)[1]
    first, last = date_text(a.strftime("%Y-%m")).split(" ")[0], date_text(b.strftime("%Y-%m")).split(" ")[0]
    return f"{first} {a.year}\u2013{last} {b.year}" if a.year != b.year else f"{first}\u2013{last} {b.year}"


def active_framings(truncated: bool, window: str, mixed: bool, baseline: bool) -> list[str]:
    keys = []
    if truncated:
        keys.append("truncated")
    if window == "first":
        keys.append("first-window")
    if window == "last":
        keys.append("last-window")
    if mixed:
        keys.append("mixed")
    if baseline:
        keys.append("baseline")
    return keys


def judge_framings(judgements: dict[str, str | None]) -> list[tuple[str, bool | None, str]]:
    """Feedback on the student's judgements: framing key -> "Misleads" / "Fair" / None.
    Returns (key, correct or None if unanswered, feedback text)."""
    out = []
    for framing in FRAMINGS:
        answer = judgements.get(framing.key)
        truth = "Misleads" if framing.misleads else "Fair"
        side = f" It favours {framing.favours}." if framing.misleads else ""
        if answer not in ("Misleads", "Fair"):
            out.append((framing.key, None, f"{framing.label}: not answered yet."))
            continue
        correct = answer == truth
        lead = "Right" if correct else "Not quite"
        verb = "misleads" if framing.misleads else "is fair"
        out.append((framing.key, correct, f"{framing.label}: {lead}, it {verb}. {framing.why}{side}"))
    return out


# ---------------------------------------------------------------------------------------------
# Research in context


RESEARCH_QUESTIONS = {
    "immigrant-crime-rates": "Do immigrants commit crimes at higher rates?",
    "enforcement-and-crime": "Does more enforcement cooperation reduce crime?",
    "sanctuary-and-crime": "Do sanctuary policies raise crime?",
    "crime-reporting": "Do enforcement policies change whether victims report crimes?",
}
SIDE_LABELS = {"more-cooperation": "Usually cited for more cooperation with ICE",
               "limits-on-cooperation": "Usually cited for limits on cooperation",
               "both": "Cited by both sides"}


def what_design_can_show(design_type: str) -> str:
    """What a study design can and cannot tell us about cause and effect."""
    return {
        "difference-in-differences": "Compares places that changed policy with places that had not yet changed: can estimate an effect, if the places would otherwise have moved alike.",
        "event-study": "Follows places before and after a change, against places without it: can estimate an effect, if nothing else changed at the same time.",
        "synthetic-control": "Builds a look-alike from other places: can estimate an effect, if the look-alike is good.",
        "panel-regression": "Follows the same places over years: rules out fixed differences between places, but other changes over time can still explain the link.",
        "matched-comparison": "Compares similar places: shows an association; unmeasured differences can explain it.",
        "cross-sectional-comparison": "Compares places at one time: shows a correlation, not a cause.",
        "before-after": "Compares one place before and after: many other things change too; it cannot isolate a cause.",
        "descriptive-rates": "Rates per person in a group: describes who is arrested or convicted; says nothing about what a policy causes.",
        "descriptive-counts": "Counts of cases with no comparison group: shows that something happened, not how often it would have happened otherwise.",
        "survey": "What people say: shows attitudes and intentions, not what they did.",
        "not-described": "The text read does not describe the method, so the finding cannot be weighed.",
    }[design_type]


def research_table(question: str | None = None) -> pd.DataFrame:
    """The studies, for a printed table: who, design, what it can show, finding, limits, critiques."""
    rows = research()
    if question is not None:
        rows = rows[rows["question"] == question]
    out = []
    for _, r in rows.iterrows():
        out.append({"Study": r["study"], "Question": RESEARCH_QUESTIONS[r["question"]],
                    "Design": r["design"], "What this design can show": what_design_can_show(r["design_type"]),
                    "Finding": r["finding"], "Key figure": r["key_figure"], "Who was counted": r["who_was_counted"],
                    "Limits": r["limits"], "Critiques": "" if blank(r["critiques"]) else r["critiques"],
                    "Usually cited": SIDE_LABELS[r["used_to_argue"]], "Confidence": r["confidence"],
                    "Data period": _span(r["period_start"], r["period_end"]),
                    "Published": published_text(r["published"]),
                    "Sources": "; ".join(r["source_ids"])})
    return pd.DataFrame(out)


def _span(start, end) -> str:
    if blank(start) and blank(end):
        return "not stated in the text read"
    if blank(end):
        return f"from {date_text(start)}"
    if blank(start) or start == end:
        return date_text(end)
    return f"{date_text(start)} to {date_text(end)}"


def research_by_side(question: str) -> dict[str, pd.DataFrame]:
    """The studies on one question, split by the side that usually cites them (none hidden)."""
    table = research_table(question)
    return {side: table[table["Usually cited"] == label] for side, label in SIDE_LABELS.items()}


# ---------------------------------------------------------------------------------------------
# The unauthorized population: estimates and their uncertainty


def estimates_chart() -> Chart:
    """Estimates of the unauthorized population by year and publisher, beside how uncertain one estimate is."""
    rows = stats_rows()
    est = rows[(rows["population"] == "unauthorized-population") & (rows["category"] == "all")].copy()
    ranges = rows[(rows["population"] == "unauthorized-population") & rows["category"].str.startswith("uncertainty")]
    est["year"] = [date_bounds(p)[0].year + (0.5 if len(p) == 4 else (date_bounds(p)[0].month - 0.5) / 12) for p in est["period_end"]]
    est["who"] = [m.split("'s estimate")[0] for m in est["measure"]]
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.72, 0.28], horizontal_spacing=0.04,
                        subplot_titles=("Estimates by year", "How uncertain one estimate is"))
    symbols = ("circle", "square", "diamond", "triangle-up", "x")
    for i, (who, part) in enumerate(est.groupby("who", sort=True)):
        fig.add_trace(go.Scatter(x=list(part["year"]), y=list(part["value"] / 1e6), mode="markers+lines", name=who,
                                 marker={"symbol": symbols[i % len(symbols)], "size": 11, "color": PALETTE[i % len(PALETTE)]},
                                 line={"color": PALETTE[i % len(PALETTE)], "width": 1},
                                 hovertemplate=who + ": %{y:.1f} million<extra></extra>"), row=1, col=1)
    for j, (_, r) in enumerate(ranges.iterrows()):
        width = "50%" if r["category"].endswith("50") else "95%"
        fig.add_trace(go.Bar(x=[f"{width} range"], y=[(r["high"] - r["low"]) / 1e6], base=[r["low"] / 1e6],
                             name=f"{width} range ({publisher(r['source_ids'][0])} and colleagues)", marker={"color": GREY if j else PALETTE[4],
                                                                                "pattern": {"shape": "/" if j else ""}},
                             hovertemplate=f"{width} range: %{{base:.1f}} to %{{y:.1f}} million wide<extra></extra>"), row=1, col=2)
    style(fig, "Estimates of the unauthorized immigrant population (millions of people)", None, "Millions of people", height=430)
    fig.update_yaxes(range=[0, 17], row=1, col=1)
    fig.update_xaxes(title_text="Year the estimate is for", dtick=1, row=1, col=1)
    fig.update_layout(legend={"orientation": "h", "y": -0.2})
    fig.update_yaxes(title_text=None, row=1, col=2)
    table = pd.DataFrame([{"Estimate by": r["who"], "For": r["period_label"], "Millions": r["value"] / 1e6,
                           "Published": published_text(r["published"]), "Confidence": r["confidence"]} for _, r in est.iterrows()]
                         + [{"Estimate by": publisher(r["source_ids"][0], short=False), "For": r["measure"],
                             "Millions": f"{r['low'] / 1e6:.1f} to {r['high'] / 1e6:.1f}",
                             "Published": published_text(r["published"]), "Confidence": r["confidence"]} for _, r in ranges.iterrows()])
    lo, hi = est["value"].min() / 1e6, est["value"].max() / 1e6
    wide = ranges[ranges["category"] == "uncertainty-95"].iloc[0]
    summary = (f"Estimates from {est['who'].nunique()} research groups run from {lo:.1f} to {hi:.1f} million people "
               f"between {int(est['year'].min())} and {int(est['year'].max())}. A published study found that one such "
               f"estimate has a 95% chance of lying between {wide['low'] / 1e6:.1f} and {wide['high'] / 1e6:.1f} million.")
    ids = tuple(dict.fromkeys(s for ids in list(est["source_ids"]) + list(ranges["source_ids"]) for s in ids))
    credits = tuple(credit(r["claimed_by"], r["source_ids"]) for _, r in pd.concat([est, ranges]).iterrows())
    return Chart(fig, summary, table, ids,
                 ("Each publisher uses its own method; the gaps between estimates for the same year are smaller than the 95% range "
                  "one published study found for the uncertainty of such an estimate.",), credits=credits)


# ---------------------------------------------------------------------------------------------
# Percent and percentage points


def percentage_point_change(before: float, after: float) -> float:
    """Difference between two percentages, in percentage points."""
    return after - before


def percent_change(before: float, after: float) -> float:
    """Relative change, in percent of the starting value."""
    if before == 0:
        raise ZeroDivisionError("a percent change from zero is undefined")
    return 100 * (after - before) / before


def _fc(window: str, category: str) -> float:
    return figure(f"fc-2025-{window}", category)["share"]


def _value(row_id: str) -> float:
    rows = stats_rows().set_index("id")
    return float(rows.loc[row_id, "value"])


# ---------------------------------------------------------------------------------------------
# Self-checks (collected by fedstate.answer_key; numeric answers read the data)


SELF_CHECKS = {
    "03.what-70-counts": MultipleChoice(
        "03.what-70-counts",
        "DHS said 70% of the people it arrested had criminal convictions or pending criminal charges. Which statement follows?",
        (Choice("At least 70% of them had been convicted of a crime.", False,
                "A pending charge is an accusation not yet tried. DHS's 70% adds convictions and pending charges together; "
                "in ICE's own records for January to October 2025, only part of that group had a conviction.",
                "treating 'convicted or charged' as 'convicted'"),
         Choice("About 70% had a conviction or a pending charge; about 30% had neither.", True,
                "That is what the category counts. How many were convicted is a separate question that the 70% cannot answer."),
         Choice("70% of them had committed violent crimes.", False,
                "Nothing in the figure says what kind of offense; the only measured shares of violent convictions are far lower.",
                "reading a criminal-record share as a violent-crime share"),
         Choice("70% of all unauthorized immigrants in the country have a criminal record of some kind.", False,
                "The figure is a share of people arrested, not of the whole population; who gets arrested depends on whom "
                "officers look for.", "confusing the arrested group with the whole population (base rate)")),
        notebook=NOTEBOOK),
    "03.populations": MultipleChoice(
        "03.populations",
        "In November 2025 TRAC reported that most people held in ICE detention had never been convicted of a crime. "
        "ICE's own records show that a minority of the people ICE arrested from January to October 2025 had a "
        "conviction. Do these contradict each other?",
        (Choice("Yes: both count people in ICE's hands in 2025, so one of the two sources must be wrong.", False,
                "They count different people: everyone held on one day (including people transferred from Border Patrol, and "
                "weighted toward long stays) versus everyone ICE arrested over nine months.",
                "mixing populations"),
         Choice("No: they measure different populations and periods, so they need not match.", True,
                "People detained on one day and people arrested over a period are different groups; each share is right for its own group."),
         Choice("No, because the numbers are almost the same.", False,
                "They are not the same measure: 'never convicted' among detainees is not 'convicted' among arrests, and the "
                "right reason they can both be true is that the populations differ.", "comparing numbers without checking what they count")),
        notebook=NOTEBOOK),
    "03.table-100": MultipleChoice(
        "03.table-100",
        "The article's crime-type table (violent, drug, weapons, other) adds up to 100% of ICE arrests. Why can't that fit its own text?",
        (Choice("Because percentages in a table should never add up to 100%.", False,
                "Parts of a whole should add up to 100%; the problem is which whole.", "a rule about tables instead of reading the categories"),
         Choice("Because the text says only 70% had convictions or charges, so about 30% belong in no crime category.", True,
                "A table of all arrests by crime type must leave room for the people with no criminal record; this one puts everyone in a crime type."),
         Choice("Because 35% violent is too high to be true.", False,
                "Measured shares are indeed far lower, but the internal contradiction holds whatever the true shares are.",
                "checking plausibility instead of internal consistency")),
        notebook=NOTEBOOK),
    "03.pandas-share": Numeric(
        "03.pandas-share",
        "ICE's fiscal-year-2024 report: what percent of its arrests were of people with convictions or pending charges? "
        "Compute it from the two counts (one decimal).",
        answer=lambda: 100 * _value("ice-fy2024-with-record-count") / _value("ice-fy2024-arrests"),
        tolerance=0.1, unit="%",
        explanation="Share = part ÷ whole × 100: the arrests with a record over all arrests. It matches the 71.7% ICE states.",
        traps=(Trap(lambda: 100 * _value("ice-fy2024-arrests") / _value("ice-fy2024-with-record-count"), "part and whole swapped",
                    "You divided the whole by the part. A share of a group can never be above 100%: put the part on top."),
               Trap(lambda: _value("ice-fy2024-with-record-count") / _value("ice-fy2024-arrests"), "fraction not converted to percent",
                    "That is the fraction; multiply by 100 to get a percent.", tolerance=0.001)),
        notebook=NOTEBOOK),
    "03.points": Numeric(
        "03.points",
        "FactCheck.org: the share of ICE arrests with no criminal record rose from the first three months to the "
        "three months ending in mid-October. By how many percentage points?",
        answer=lambda: percentage_point_change(_fc("w1", "neither"), _fc("w3", "neither")),
        tolerance=0.05, unit="percentage points",
        explanation="Subtract the two percentages: the gap between them is in percentage points.",
        traps=(Trap(lambda: percent_change(_fc("w1", "neither"), _fc("w3", "neither")), "percent change given for percentage points",
                    "That is the relative change (how much bigger the share became compared with itself). "
                    "The question asks for the difference in percentage points."),),
        notebook=NOTEBOOK),
    "03.percent-change": Numeric(
        "03.percent-change",
        "Same two figures: by what percent did the share itself grow? (one decimal)",
        answer=lambda: percent_change(_fc("w1", "neither"), _fc("w3", "neither")),
        tolerance=0.1, unit="%",
        explanation="Percent change = (new − old) ÷ old × 100. A rise of a few percentage points can be a large percent change when the starting share is small.",
        traps=(Trap(lambda: percentage_point_change(_fc("w1", "neither"), _fc("w3", "neither")), "percentage points given for percent change",
                    "That is the difference in percentage points. For the percent change, divide it by the starting share."),),
        notebook=NOTEBOOK),
    "03.recompute": Numeric(
        "03.recompute",
        "NBC's ICE data (low confidence): of the people booked into ICE detention from Oct. 1, 2024 to May 31, 2025, "
        "what percent had a criminal conviction? (one decimal)",
        answer=lambda: 100 * _value("nbc-book-ins-2025-05-convicted") / _value("nbc-book-ins-2025-05-book-ins"),
        tolerance=0.1, unit="%",
        explanation="Convicted book-ins ÷ all book-ins × 100. It is close to the share of ICE arrests with a conviction, "
                    "but book-ins are a different population (they include people transferred from Border Patrol).",
        traps=(Trap(lambda: figure("ddp-2025", "convicted")["share"], "copied another source's figure",
                    "That is the share for ICE arrests from the other dataset. Recompute it from this source's two counts."),
               Trap(lambda: 100 * _value("nbc-book-ins-2025-05-book-ins") / _value("nbc-book-ins-2025-05-convicted"),
                    "part and whole swapped", "Put the part (convicted) on top and the whole (all book-ins) underneath.")),
        notebook=NOTEBOOK),
    "03.correlation": MultipleChoice(
        "03.correlation",
        "A think-tank report found that counties with sanctuary policies had fewer crimes per 10,000 people than other "
        "counties, comparing them at one point in time. What can you conclude?",
        (Choice("Sanctuary policies reduce crime: the counties that have them have fewer crimes per person.", False,
                "A comparison at one time shows a correlation. Counties that adopt such policies may differ in many other ways "
                "(size, income, policing).", "correlation taken for causation"),
         Choice("Sanctuary counties had less crime; this design cannot say whether the policy caused it.", True,
                "Right: to estimate an effect, studies follow places before and after a change against places without it."),
         Choice("The finding is worthless because of who published it.", False,
                "Judge a study by its design and data first; the publisher's stance is a reason to check, not a reason to dismiss.",
                "judging evidence only by its source")),
        notebook=NOTEBOOK),
    "03.no-comparison": MultipleChoice(
        "03.no-comparison",
        "A report counted people released despite ICE detainers and found that some were later arrested again. What "
        "would you need to know before concluding that honoring the detainers would have prevented those crimes?",
        (Choice("Nothing: every re-arrest shows a crime the release caused.", False,
                "Without a comparison we do not know how many similar people are re-arrested after other releases, or whether "
                "ICE custody would have led to removal before a new offense.", "counting cases without a comparison group"),
         Choice("How often similar people who were not released under these policies were re-arrested (a comparison group).", True,
                "A count of cases shows that something happened; a comparison shows how much more often it happens."),
         Choice("Only the name of the think tank that wrote the report.", False,
                "Who published it is worth knowing, but the missing piece is the comparison.", "judging evidence only by its source")),
        notebook=NOTEBOOK),
}


def shares_overview() -> pd.DataFrame:
    """Every share the denominator explorer offers, in one table (its printed stand-in)."""
    table = figures()
    options = explorer_options(table)
    out = []
    for population, by_category in options.items():
        for category, groups in by_category.items():
            for g in groups:
                f = figure(g, category, table)
                k, per = natural_frequency(f["share"], 100)
                out.append({"Population": population_label(population), "Counted as": EXPLORER_CATEGORIES[category],
                            "Share": qualified(f["share"], f["share_qualifier"], "percent"),
                            "Of 100 people": f"{_QUALIFIER_WORDS.get(f['share_qualifier'], '')}{k}".strip(),
                            "Period": f["period_label"], "Published": published_text(f["published"]),
                            "Who counted or claimed it": f["credit"],
                            "Confidence": f["confidence"]})
    return pd.DataFrame(out)


def honesty_text_version() -> str:
    """The chart-honesty exercise in words, for print: the honest chart's numbers and each framing."""
    honest = honesty_chart()
    lines = [honest.summary] + [f"Framing to judge: {f.label}." for f in FRAMINGS]
    return " ".join(lines)
