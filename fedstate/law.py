"""Who may require what: the federal-state rules behind the article, as data plus plain functions.

The centre is :func:`detainer_outcome`, which answers "what may, must or must not a jail do for this
person, in this place, when ICE sends this request?" from the rows of ``data/scenario_rules.csv``.
Each part of the answer (notify ICE, hold past release, hand the person to ICE) carries the statute,
regulation or case behind it, how directly its text was read, and its sources. Where the sources
could not settle a cell, the answer says "unsettled" or "not verified" rather than guessing.

The rest of the module reads the other notebook-02 datasets: the legal authorities, the 50 states
and DC (:func:`jurisdictions`), the timeline, and the two sorting activities with their grading.
Nothing here draws; figures and HTML live in :mod:`fedstate.law_charts`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from fedstate.checks import Choice, MultipleChoice, Numeric, Trap
from fedstate.data import data_dir, load
from fedstate.schemas.law import (ACTION_IDS, ARTICLE_DATE, JURISDICTION_IDS, QUESTION_TYPES,
                                  REQUEST_IDS, SITUATION_IDS, SORT_BINS, STATUSES, TIMELINE_KINDS,
                                  _situations)

NOTEBOOK = "02 Who decides?"

ACTION_LABELS = {
    "notify": "Tell ICE the release date",
    "hold": "Keep the person past release (up to 48 hours)",
    "transfer": "Hand the person to ICE",
}

#: What each status means, in the words students see; the symbol makes the answer readable without colour.
STATUS_TEXT = {
    "must": ("●", "MUST", "required by law"),
    "may": ("○", "MAY", "allowed, not required"),
    "depends": ("◐", "DEPENDS", "allowed only if a condition is met"),
    "must not": ("✕", "MUST NOT", "forbidden"),
    "unsettled": ("⚖", "UNSETTLED", "courts disagree"),
    "not verified": ("?", "NOT VERIFIED HERE", "no text could be read to confirm it"),
    "not asked": ("–", "NOT ASKED", "this request does not ask for it"),
}

STATE_LAW_LABELS = {
    "limits": "Limits cooperation with ICE",
    "requires": "Requires cooperation or bans sanctuary policies",
    "mixed": "Mixed: rules point both ways",
    "none": "No state-level rule either way",
    "not verified": "Not verified here",
}

#: The same categories as verb phrases, for sentences ("14 states limit cooperation with ICE").
STATE_LAW_VERBS = {
    "limits": "limit cooperation with ICE",
    "requires": "require cooperation or ban sanctuary policies",
    "mixed": "have rules pointing both ways",
    "none": "have no state-level rule either way",
    "not verified": "could not be verified",
}

TIMELINE_KIND_LABELS = {
    "law": "Laws",
    "case": "Court cases and lawsuits",
    "executive action": "Executive actions",
    "letter": "Letters and statements",
}

SORT_BIN_LABELS = {
    "federal": "Federal: only the national government decides",
    "state": "State: each state decides for itself",
    "shared": "Shared: needs both to agree",
    "cannot be required": "Cannot be required: the federal government cannot make states do it",
}

QUESTION_TYPE_LABELS = {
    "legal-settled": "Legal, settled",
    "legal-contested": "Legal, contested",
    "empirical": "Empirical (facts)",
    "value": "Value (what ought to be)",
}

#: The two periods the timeline offers: everything, or a close-up of the year of the article.
TIMELINE_PERIODS = {
    "all": ("All events, 1992 to 2026", "1990-01-01", "2026-12-31"),
    "2025": ("2025 and after (close-up)", "2024-12-01", "2026-05-31"),
    "sept-2025": ("September 2025: the letters (close-up)", "2025-09-01", "2025-09-26"),
}


# ---------------------------------------------------------------------------------------------
# Scenario explorer


@dataclass(frozen=True)
class Ruling:
    """One part of an answer: what the law says about one action."""

    action: str
    status: str
    explanation: str
    citation: str
    confidence: str
    source_ids: tuple[str, ...]
    line: int  # the line of data/scenario_rules.csv the answer comes from

    @property
    def words(self) -> str:
        return STATUS_TEXT[self.status][1]


@dataclass(frozen=True)
class Outcome:
    """The full answer for one jurisdiction, request and situation."""

    jurisdiction: str
    request: str
    situation: str
    rulings: tuple[Ruling, ...]  # in ACTION_IDS order

    def ruling(self, action: str) -> Ruling:
        for ruling in self.rulings:
            if ruling.action == action:
                return ruling
        raise KeyError(f"no action {action!r}; actions are {', '.join(ACTION_IDS)}")

    def status(self, action: str) -> str:
        return self.ruling(action).status

    @property
    def statuses(self) -> tuple[str, str, str]:
        return tuple(r.status for r in self.rulings)

    @property
    def source_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for ruling in self.rulings:
            for sid in ruling.source_ids:
                seen.setdefault(sid, None)
        return tuple(seen)

    def summary(self) -> str:
        """One line: "Notify: may; hold: must not; transfer: may." """
        parts = [f"{a}: {self.status(a)}" for a in ACTION_IDS]
        return (parts[0][0].upper() + "; ".join(parts)[1:]) + "."


def scenario_terms() -> pd.DataFrame:
    """Labels and definitions for the explorer's menus (data/law_scenario_terms.csv)."""
    return load("law_scenario_terms.csv")


def term(kind: str, term_id: str) -> dict:
    """The label and description of one jurisdiction, request or situation."""
    terms = scenario_terms()
    match = terms[(terms["kind"] == kind) & (terms["id"] == term_id)]
    if match.empty:
        raise KeyError(f"no {kind} {term_id!r} in data/law_scenario_terms.csv")
    return match.iloc[0].to_dict()


def options(kind: str) -> list[tuple[str, str]]:
    """(label, id) pairs for a menu, in teaching order."""
    order = {"jurisdiction": JURISDICTION_IDS, "request": REQUEST_IDS, "situation": SITUATION_IDS}[kind]
    terms = scenario_terms()
    labels = dict(zip(terms.loc[terms["kind"] == kind, "id"], terms.loc[terms["kind"] == kind, "label"]))
    return [(labels[i], i) for i in order]


def _check_choice(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"{value!r} is not a {what}; choose one of: {', '.join(allowed)}")


def _rule_index() -> dict[tuple[str, str, str, str], Ruling]:
    """Every (jurisdiction, request, situation, action) cell, built once per version of the data."""
    path = data_dir() / "scenario_rules.csv"
    # A maintainer who edits the rules (even in a running kernel) gets the new answers at once.
    key = (str(path), path.stat().st_mtime_ns if path.exists() else None)
    if _INDEX_CACHE.get("key") != key:
        rules = load("scenario_rules.csv")
        lines = rules.attrs["lines"]
        index: dict[tuple[str, str, str, str], Ruling] = {}
        for i, row in rules.iterrows():
            ruling = Ruling(row["action"], row["status"], row["explanation"], row["citation"], row["confidence"],
                            tuple(row["source_ids"]), lines[i])
            for situation in _situations(row["situations"]):
                index[(row["jurisdiction"], row["request"], situation, row["action"])] = ruling
        _INDEX_CACHE.update(key=key, index=index)
    return _INDEX_CACHE["index"]


_INDEX_CACHE: dict = {}


def detainer_outcome(jurisdiction: str, request: str, situation: str) -> Outcome:
    """What a jail or agency may, must or must not do: notify ICE, hold the person, hand them over.

    ``jurisdiction`` is one of JURISDICTION_IDS (e.g. "california"), ``request`` one of REQUEST_IDS
    ("detainer", "notification", "judicial"), ``situation`` one of SITUATION_IDS
    ("serious-conviction", "other-conviction", "pending-charge", "no-record"). Each rule row in
    data/scenario_rules.csv covers some situations (or all); the schema guarantees exactly one row
    per combination, so the answer is never a guess.
    """
    _check_choice(jurisdiction, JURISDICTION_IDS, "jurisdiction")
    _check_choice(request, REQUEST_IDS, "request")
    _check_choice(situation, SITUATION_IDS, "situation")
    index = _rule_index()
    return Outcome(jurisdiction, request, situation,
                   tuple(index[(jurisdiction, request, situation, a)] for a in ACTION_IDS))


def compare_jurisdictions(request: str, situation: str) -> pd.DataFrame:
    """The same person and request in every jurisdiction: one row each, one column per action."""
    rows = []
    for label, jid in options("jurisdiction"):
        outcome = detainer_outcome(jid, request, situation)
        rows.append({"Jurisdiction": label, **{ACTION_LABELS[a]: STATUS_TEXT[outcome.status(a)][1].lower()
                                               for a in ACTION_IDS}})
    return pd.DataFrame(rows)


def decision_matrix(request: str) -> pd.DataFrame:
    """Every jurisdiction (rows) by every situation (columns) for one request; cells give N / H / T."""
    situations = options("situation")
    rows = []
    for label, jid in options("jurisdiction"):
        row = {"Jurisdiction": label}
        for s_label, sid in situations:
            o = detainer_outcome(jid, request, sid)
            row[s_label] = " · ".join(f"{a[0].upper()}: {o.status(a)}" for a in ACTION_IDS)
        rows.append(row)
    return pd.DataFrame(rows)


def status_counts() -> dict[str, int]:
    """How many of the 288 jurisdiction x request x situation x action cells have each status."""
    counts = {s: 0 for s in STATUSES}
    for j in JURISDICTION_IDS:
        for r in REQUEST_IDS:
            for s in SITUATION_IDS:
                for status in detainer_outcome(j, r, s).statuses:
                    counts[status] += 1
    return counts


# ---------------------------------------------------------------------------------------------
# States and DC


def jurisdictions() -> pd.DataFrame:
    """data/jurisdictions.csv: all 50 states and DC."""
    return load("jurisdictions.csv")


def tile_grid() -> pd.DataFrame:
    return load("tile_grid.csv")


def states_only(frame: pd.DataFrame) -> pd.DataFrame:
    """The 50 states, without DC (a question about "states" should not count the District)."""
    return frame[frame["abbr"] != "DC"]


def count_states(state_law: str | None = None, on_doj_list: bool | None = None, include_dc: bool = False) -> int:
    """How many states (and DC if asked) match a state-law category and/or DOJ-list membership."""
    frame = jurisdictions()
    if not include_dc:
        frame = states_only(frame)
    if state_law is not None:
        frame = frame[frame["state_law"] == state_law]
    if on_doj_list is not None:
        frame = frame[frame["on_doj_list"] == on_doj_list]
    return int(len(frame))


def names(state_law: str | None = None, on_doj_list: bool | None = None, include_dc: bool = True) -> list[str]:
    """Names of the states matching the filters, alphabetically."""
    frame = jurisdictions()
    if not include_dc:
        frame = states_only(frame)
    if state_law is not None:
        frame = frame[frame["state_law"] == state_law]
    if on_doj_list is not None:
        frame = frame[frame["on_doj_list"] == on_doj_list]
    return sorted(frame["name"])


def list_vs_law() -> pd.DataFrame:
    """Where DOJ's 2025 list and state law agree and disagree: one row per combination that occurs."""
    frame = jurisdictions()
    rows = []
    for on_list in (True, False):
        for law in STATE_LAW_LABELS:
            part = frame[(frame["on_doj_list"] == on_list) & (frame["state_law"] == law)]
            if len(part):
                rows.append({"On DOJ's list": "yes" if on_list else "no", "State law": STATE_LAW_LABELS[law],
                             "Count": len(part), "States": ", ".join(sorted(part["abbr"]))})
    return pd.DataFrame(rows)


def limiting_not_on_list() -> list[str]:
    """States (not DC) whose own law limits cooperation but which DOJ's list leaves out."""
    return names("limits", on_doj_list=False, include_dc=False)


def on_list_not_limiting() -> list[str]:
    """Places on DOJ's list whose state law is not classified as limiting cooperation."""
    frame = jurisdictions()
    return sorted(frame[(frame["on_doj_list"]) & (frame["state_law"] != "limits")]["name"])


def low_confidence_states() -> list[str]:
    frame = jurisdictions()
    return sorted(frame[frame["status"] == "low confidence"]["name"])


def _join(items: list[str]) -> str:
    if not items:
        return "none"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def states_limiting_evidence() -> tuple[str, tuple[str, ...]]:
    """The evidence sentence for the start notebook's "how many states limit cooperation?" guess."""
    frame = jurisdictions()
    states = states_only(frame)
    counts = {law: int((states["state_law"] == law).sum()) for law in STATE_LAW_LABELS}
    dc_limits = bool((frame.loc[frame["abbr"] == "DC", "state_law"] == "limits").any())
    sentence = (f"{counts['limits']} of the 50 states have a state law or binding statewide policy that limits how "
                f"much police and jails help federal immigration enforcement (classified at the end of 2025, counting laws "
                f"passed by then"
                f"{'; DC limits it too' if dc_limits else ''}). {counts['requires']} states require cooperation or "
                f"ban sanctuary policies, {counts['mixed']} have rules pointing both ways, and {counts['none']} have "
                f"no state-level rule either way.")
    if counts["not verified"]:
        sentence += f" {counts['not verified']} could not be verified."
    # One source per counted state (its first, which names the law), so the line stays readable;
    # the map's table lists every source of every state.
    ids = dict.fromkeys(sources[0] for sources in frame.loc[frame["state_law"] == "limits", "source_ids"])
    return sentence, tuple(ids)


def must_hold_evidence(situation: str = "no-record") -> tuple[str, tuple[str, ...]]:
    """The evidence sentence for "does federal law require the jail to hold the person?"."""
    federal = detainer_outcome("federal", "detainer", situation)
    must, must_not = [], []
    for label, jid in options("jurisdiction"):
        if jid == "federal":
            continue
        status = detainer_outcome(jid, "detainer", situation).status("hold")
        short = label.split(" (")[0]
        (must if status == "must" else must_not if status == "must not" else []).append(short)
    hold = federal.ruling("hold")
    required = "does" if hold.status == "must" else "does not"
    sentence = (f"No. Federal law alone {required} require the hold: the regulation calls a detainer a request, and a "
                f"federal appeals court held that detainers cannot compel a jail.")
    if hold.status == "unsettled":
        sentence += " Whether a jail may lawfully hold someone on ICE's own warrant is itself unsettled: courts disagree."
    sentence += (f" State law changes the answer: for a person with {term('situation', situation)['label'].lower()}, "
                 f"{_join(must)} require the hold, while {_join(must_not)} forbid it.")
    # The federal rule's sources in full, then the first (statute or case) source of each state rule.
    ids = dict.fromkeys(hold.source_ids)
    for jid in JURISDICTION_IDS[1:]:
        ids.setdefault(detainer_outcome(jid, "detainer", situation).ruling("hold").source_ids[0], None)
    return sentence, tuple(ids)


# ---------------------------------------------------------------------------------------------
# Legal authorities and the timeline


def legal_authorities(kind: str | None = None) -> pd.DataFrame:
    frame = load("legal_authorities.csv")
    if kind is not None:
        frame = frame[frame["kind"] == kind]
    return frame


def authority(authority_id: str) -> dict:
    frame = legal_authorities()
    match = frame[frame["id"] == authority_id]
    if match.empty:
        raise KeyError(f"no authority {authority_id!r} in data/legal_authorities.csv")
    return match.iloc[0].to_dict()


def framework_table(ids: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The rules of the game in a readable table: name, kind, date, who decided, what it does."""
    frame = legal_authorities()
    if ids is not None:
        frame = frame.set_index("id").loc[list(ids)].reset_index()
    return pd.DataFrame({"Authority": frame["name"], "Kind": frame["kind"], "Date": frame["date"],
                         "Decided by": frame["decided_by"], "What it holds or does": frame["what_it_does"]})


def known_on_article_date(date: str | None) -> bool:
    """Was something that happened on ``date`` already known when the article came out?"""
    return bool(date) and isinstance(date, str) and date[:10] <= ARTICLE_DATE


def lawsuits() -> pd.DataFrame:
    """The 2025 federal suits against state and local limits, with what happened."""
    frame = legal_authorities("lawsuit").copy()
    frame["known_on_article_date"] = [known_on_article_date(d) for d in frame["outcome_date"]]
    return frame


def legal_action_comparison() -> pd.DataFrame:
    """The article's "Legal Action" line beside what courts did: one row per suit."""
    rows = []
    for _, suit in lawsuits().iterrows():
        if suit["status"] == "dismissed":
            when = "before the article" if suit["known_on_article_date"] else "after the article"
            result = f"Dismissed ({suit['outcome_date']}, {when})"
        else:
            result = "Outcome not verified here"
        rows.append({"Suit": suit["name"], "Filed": suit["date"], "Result": result, "What the court said": suit["outcome"]})
    return pd.DataFrame(rows)


def timeline(kinds=TIMELINE_KINDS, period: str = "all") -> pd.DataFrame:
    """Timeline events of the chosen kinds inside the chosen period, in date order."""
    for kind in kinds:
        _check_choice(kind, TIMELINE_KINDS, "timeline kind")
    _check_choice(period, tuple(TIMELINE_PERIODS), "timeline period")
    frame = load("timeline.csv")
    # The CSV line numbers in attrs are only for error messages; pandas deep-copies attrs on every
    # row access, which made each redraw of the timeline several times slower.
    frame.attrs = {}
    frame = frame[frame["kind"].isin(list(kinds))].copy()
    # an explicit text column, so an empty selection still compares with dates below
    frame["plot_date"] = pd.Series([plot_date(d) for d in frame["date"]], index=frame.index, dtype="object")
    _label, start, end = TIMELINE_PERIODS[period]
    frame = frame[(frame["plot_date"] >= start) & (frame["plot_date"] <= end)]
    return frame.sort_values(["plot_date", "id"]).reset_index(drop=True)


def plot_date(date: str) -> str:
    """Where a partial date is drawn: a month at its 15th, a year at July 1 (the label says which)."""
    if len(date) == 4:
        return f"{date}-07-01"
    if len(date) == 7:
        return f"{date}-15"
    return date


def date_label(row) -> str:
    """A date as a reader should see it, with the other version of a disputed date."""
    date, status = row["date"], row["date_status"]
    end = row["date_end"] if isinstance(row["date_end"], str) and row["date_end"] else None
    if status == "year":
        return f"{date} (year only)"
    if status == "month":
        return f"{date} (month only)"
    if status == "range":
        return f"{date} to {end}"
    if status == "disputed":
        return f"{date} or {end} (disputed)"
    return date


def followup_dates() -> tuple[str, str]:
    """The two dates sources give for ICE's follow-up letters (the disputed event)."""
    frame = load("timeline.csv")
    row = frame[frame["id"] == "t2025-followups"].iloc[0]
    return row["date"], row["date_end"]


# ---------------------------------------------------------------------------------------------
# Sorting activities


ACTIVITIES = {
    "powers": ("law_powers_sort.csv", "statement", SORT_BINS, SORT_BIN_LABELS),
    "question-types": ("law_question_types.csv", "question", QUESTION_TYPES, QUESTION_TYPE_LABELS),
}


@dataclass(frozen=True)
class SortResult:
    item_id: str
    text: str
    chosen: str | None
    answer: str
    correct: bool
    explanation: str
    authorities: tuple[str, ...] = ()


def sort_items(activity: str) -> pd.DataFrame:
    _check_choice(activity, tuple(ACTIVITIES), "sorting activity")
    return load(ACTIVITIES[activity][0])


def sort_bins(activity: str) -> list[tuple[str, str]]:
    """(label, id) pairs of the bins, for a menu."""
    _file, _col, bins, labels = ACTIVITIES[activity]
    return [(labels[b], b) for b in bins]


def grade_sort(activity: str, answers: dict) -> list[SortResult]:
    """Compare the bin the student chose for each item with the key; unanswered items count as wrong."""
    _file, text_col, bins, labels = ACTIVITIES[activity]
    authority_names = dict(zip(legal_authorities()["id"], legal_authorities()["name"])) if activity == "powers" else {}
    results = []
    for _, item in sort_items(activity).iterrows():
        chosen = answers.get(item["id"])
        if chosen is not None and chosen not in bins:
            raise ValueError(f"{chosen!r} is not a bin; bins are: {', '.join(bins)}")
        authorities: tuple[str, ...] = ()
        if activity == "powers" and isinstance(item["authority_ids"], str):
            authorities = tuple(authority_names[a.strip()] for a in item["authority_ids"].split(";") if a.strip())
        results.append(SortResult(item["id"], item[text_col], chosen, item["answer"], chosen == item["answer"],
                                  item["explanation"], authorities))
    return results


# ---------------------------------------------------------------------------------------------
# Self-checks (the answer key follows the data: see tests/test_law.py)


DETAINER_IS = MultipleChoice(
    id="02.detainer-is", notebook=NOTEBOOK,
    prompt="Under federal law, what is an ICE detainer (Form I-247A)?",
    choices=(
        Choice("A request to notify ICE and hold the person up to 48 hours",
               True, "The regulation itself calls a detainer a request (8 C.F.R. 287.7(a)), and the Third "
               "Circuit held in Galarza (2014) that it cannot compel a jail."),
        Choice("A warrant signed by a judge that lets the jail hold the person for ICE", False,
               "It comes with a warrant signed by an ICE officer (Form I-200 or I-205), not by a judge. State laws "
               "such as California's treat the difference as decisive.", "a detainer is a warrant"),
        Choice("A federal order that every jail must obey for up to 48 hours", False,
               "Federal law makes no local hold mandatory; only some states' own laws (such as Texas, Florida "
               "and Georgia) make their jails comply.", "detainers are mandatory under federal law"),
        Choice("A new criminal charge filed against the person by federal prosecutors", False,
               "A detainer concerns civil immigration status (whether a person can be removed), not a crime.",
               "immigration detainers are criminal charges"),
    ))


TENTH_AMENDMENT = MultipleChoice(
    id="02.tenth-amendment", notebook=NOTEBOOK, answer_position=2,
    prompt="In July 2025 a federal court dismissed DOJ's suit against Illinois's limits on cooperation. What legal reason did it accept?",
    choices=(
        Choice("States may decline to help: Washington cannot draft their officers",
               True, "That is the anti-commandeering rule (Printz, 1997; Murphy, 2018). Judge Jenkins held the "
               "policies are a decision not to take part, protected by the Tenth Amendment and not preempted."),
        Choice("The Tenth Amendment lets a state ignore any federal law it disagrees with", False,
               "No: valid federal law binds everyone in Illinois (the Supremacy Clause), and ICE may still enforce "
               "it. The Tenth Amendment only stops Washington from drafting state officers to do the work.",
               "the Tenth Amendment lets states ignore any federal law"),
        Choice("Immigration is a state power, so Illinois may set its own immigration rules", False,
               "Immigration rules are federal (Arizona v. United States, 2012). Illinois decides only what its own "
               "police and jails do.", "immigration is a state matter"),
        Choice("Detainers are illegal, so no jail in any state may honor them", False,
               "Courts treat detainers as lawful requests; a state may choose to honor them (Texas requires it).",
               "declining to help means the federal request is illegal"),
    ))


PREEMPTION = MultipleChoice(
    id="02.preemption", notebook=NOTEBOOK, answer_position=1,
    prompt="Arizona made it a state crime for a noncitizen not to carry federal registration papers. What did the Supreme Court decide in 2012?",
    choices=(
        Choice("Preempted: only federal law may set such immigration rules", True,
               "Arizona v. United States struck this part (section 3) of SB 1070 down, while leaving the status-check "
               "section in force for the time being."),
        Choice("Allowed: states may add their own penalties on top of federal immigration law", False,
               "The Court held that federal law occupies this field, so a state crime on top of it conflicts with "
               "federal law.", "states can add their own immigration penalties"),
        Choice("Allowed: under the Tenth Amendment a state may pass any criminal law it chooses", False,
               "The Tenth Amendment does not shield a state law that conflicts with valid federal law; the "
               "Supremacy Clause decides that case.", "the Tenth Amendment protects any state law"),
        Choice("The Court ordered Arizona's police to enforce federal rules", False,
               "Courts cannot order that either: commandeering state officers is off-limits (Printz).",
               "the federal government can command state police"),
    ))


NYC_HOLD = MultipleChoice(
    id="02.nyc-hold", notebook=NOTEBOOK,
    prompt=("In New York City, ICE sends a detainer with only its own administrative warrant for a person convicted "
            "of a serious crime two years ago. May the city jail hold the person for ICE?"),
    choices=(
        Choice("No: the city also requires a judge's warrant", True,
               "The city's 2014 detainer laws require both a recent serious conviction (this person has one) and a "
               "judge's warrant; an ICE officer's warrant is not a judge's."),
        Choice("Yes: a conviction for a serious crime is enough on its own", False,
               "That is California's rule for notice and transfer (and even California never holds). New York City "
               "also requires a judge's warrant.", "one state's rule applies everywhere"),
        Choice("Yes: federal law requires every jail to honor an ICE detainer", False,
               "Federal law makes no hold mandatory; detainers are requests.",
               "detainers are mandatory under federal law"),
        Choice("Only if the person signs a form agreeing to be held for ICE", False,
               "Consent is not part of the rule; California's TRUTH Act requires consent for ICE interviews, not holds.",
               "mixing up interview consent with holds"),
    ))


FOLLOWUP_DATE = MultipleChoice(
    id="02.followup-date", notebook=NOTEBOOK,
    prompt="On what date did ICE send its follow-up letters to California, New York and Illinois?",
    choices=(
        Choice("Sources disagree: CBS News and DHS give different days", True,
               "CBS News dates the letters Sept. 18; DHS's release of Sept. 20 says they went out 'yesterday', "
               "which points to Sept. 19. Without the letters themselves, the honest answer keeps both dates."),
        Choice("The day CBS News reports: the first source found settles it", False,
               "A date is not confirmed by being found first; two credible sources disagree.",
               "the first source found is right"),
        Choice("The day DHS implies: an agency's own statement is always right", False,
               "An agency's release is a primary source, but its 'yesterday' is loose, and it still disagrees "
               "with CBS.", "official sources cannot be wrong"),
        Choice("The article's own date, since it reports the letters as news", False,
               "That is when the article appeared, days later, not when the letters were sent.",
               "publication date mistaken for event date"),
    ))


LIMIT_NOT_LISTED = Numeric(
    id="02.limit-not-listed", notebook=NOTEBOOK,
    prompt=("Use the map. How many states (not counting DC) have a state law that limits cooperation with ICE "
            "but are NOT on DOJ's list?"),
    answer=lambda: len(limiting_not_on_list()), tolerance=0, unit="states",
    explanation=("Compare the two views tile by tile: these states limit cooperation by state law or binding "
                 "statewide policy, but DOJ's list, a federal designation rather than a reading of state law, "
                 "leaves them out. The state panel names each one's law."),
    traps=(
        Trap(0, "DOJ's list is the same thing as state law",
             "The two do not match: DOJ's list is the federal government's designation, and 'sanctuary' has no "
             "legal definition. Compare the two views state by state."),
        Trap(lambda: count_states(on_doj_list=True), "counting the list instead of comparing",
             "That is how many states are on DOJ's list. The question asks for states whose law limits "
             "cooperation but which the list leaves out."),
    ),
    otherwise="Compare the two views tile by tile: find states marked L in the state-law view that are not on DOJ's list.",
    otherwise_misconception="comparing the two views without a system",
)


#: Every self-check of notebook 02, in the order the notebook asks them (fedstate.answer_key collects them).
SELF_CHECKS = (DETAINER_IS, TENTH_AMENDMENT, PREEMPTION, LIMIT_NOT_LISTED, NYC_HOLD, FOLLOWUP_DATE)


def self_checks() -> dict[str, MultipleChoice | Numeric]:
    return {c.id: c for c in SELF_CHECKS}


# ---------------------------------------------------------------------------------------------
# The story in the notebook's opening, built from the timeline rows (so the prose never types a date)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def nice_date(date: str) -> str:
    """2025-09-10 -> "September 10, 2025"; 2025-02 -> "February 2025"; 1996 -> "1996"."""
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{month} {int(parts[2])}, {parts[0]}"


def context_markdown() -> tuple[str, tuple[str, ...]]:
    """What happened in September 2025, in a few sentences, with the rows' sources."""
    frame = load("timeline.csv").set_index("id")
    letters, answers, followups, notice = (frame.loc[i] for i in
                                           ("t2025-ice-letters", "t2025-responses", "t2025-followups", "t2025-dhs-notice"))
    first, second = followups["date"], followups["date_end"]
    text = (f"**{nice_date(letters['date'])}.** {letters['what_happened']}\n\n"
            f"**{nice_date(answers['date'])} to about {nice_date(answers['date_end'])}.** {answers['what_happened']} "
            f"*{answers['date_note']}*\n\n"
            f"**{nice_date(first)} or {nice_date(second)}: the date is disputed.** {followups['what_happened']} "
            f"*{followups['date_note']}*\n\n"
            f"**{nice_date(notice['date'])}.** {notice['what_happened']}\n\n"
            f"**{nice_date(ARTICLE_DATE)}.** The article appears. It describes the states' answers as "
            f"defiance and says DHS is considering legal action.")
    ids: dict[str, None] = {}
    for row in (letters, answers, followups, notice):
        for sid in row["source_ids"]:
            ids.setdefault(sid, None)
    ids.setdefault("article-capwolf", None)
    return text, tuple(ids)


# ---------------------------------------------------------------------------------------------
# The teacher guide's answer keys, generated from the data and the checks (tests keep them in sync)


def _md_table(frame) -> str:
    lines = ["| " + " | ".join(str(c) for c in frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    for _, row in frame.iterrows():
        lines.append("| " + " | ".join(str(v).replace("|", "/") for v in row) + " |")
    return "\n".join(lines)


def scenario_matrix_markdown() -> str:
    """Every combination as Markdown tables (one per request)."""
    out = []
    for r_label, rid in options("request"):
        out.append(f"**{r_label}** (N = tell ICE the release date, H = hold past release, T = hand to ICE)\n")
        out.append(_md_table(decision_matrix(rid)))
        out.append("")
    return "\n".join(out)


def self_check_key_markdown() -> str:
    """Each self-check: the question, the right answer and why, and each wrong answer's misconception."""
    out = []
    for check in self_checks().values():
        out.append(f"**{check.id}.** {check.prompt}\n")
        if isinstance(check, MultipleChoice):
            for letter, choice in zip("ABCDEFGH", check.displayed_choices):  # as students see them
                if choice.correct:
                    out.append(f"- **{letter}. Answer: {choice.text}.** {choice.feedback}")
                else:
                    out.append(f"- {letter}. *{choice.text}*: misconception \u201c{choice.misconception}\u201d. {choice.feedback}")
        else:
            out.append(f"- **Answer: {check.resolved_answer():g} {check.unit}.** {check.explanation}")
            for trap in check.traps:
                out.append(f"- *{trap.resolved():g}*: misconception \u201c{trap.misconception}\u201d. {trap.feedback}")
        out.append("")
    return "\n".join(out)


def sorting_key_markdown(activity: str) -> str:
    """The answer key of a sorting activity, with the deciding authority and the reason."""
    _file, text_col, _bins, labels = ACTIVITIES[activity]
    rows = []
    for r in grade_sort(activity, {}):
        rows.append({"Item": r.text, "Answer": labels[r.answer],
                     "Why": r.explanation + (f" (Decided by: {'; '.join(r.authorities)}.)" if r.authorities else "")})
    return _md_table(pd.DataFrame(rows))


def key_facts_markdown() -> str:
    """The numbers the notebook computes, as of the current data, for the teacher's reference."""
    frame = jurisdictions()
    states = states_only(frame)
    counts = status_counts()
    first, second = followup_dates()
    lines = [
        "- States (not DC) by state law: " + "; ".join(
            f"{int((states['state_law'] == k).sum())} {STATE_LAW_VERBS[k]}" for k in STATE_LAW_LABELS
            if (states["state_law"] == k).any()) + f". DC: {STATE_LAW_LABELS[frame.set_index('abbr').loc['DC', 'state_law']]}.",
        f"- DOJ's list: {int(frame['on_doj_list'].sum())} places counting DC ({count_states(on_doj_list=True)} states).",
        f"- Limit cooperation but not on DOJ's list: {_join(limiting_not_on_list())}. On the list but not limiting: "
        f"{_join(on_list_not_limiting())}.",
        f"- Low-confidence rows (shown with a star on the map): {_join(low_confidence_states())}.",
        f"- Scenario explorer: {sum(counts.values())} answers (jurisdiction x request x situation x action): "
        + ", ".join(f"{k} {v}" for k, v in counts.items()) + ".",
        f"- ICE follow-up letters: {first} (CBS News) or {second} (DHS); the module shows both.",
        f"- Timeline: {len(timeline())} events, {int((timeline()['vs_article'] == 'after').sum())} after the article.",
    ]
    return "\n".join(lines)


GUIDE_BLOCKS = {
    "key-facts": key_facts_markdown,
    "self-checks": self_check_key_markdown,
    "powers-key": lambda: sorting_key_markdown("powers"),
    "question-types-key": lambda: sorting_key_markdown("question-types"),
    "scenario-matrix": scenario_matrix_markdown,
}


def _guide_path():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "teacher" / "02_who_decides.md"


def guide_block(text: str, name: str) -> str:
    """The generated block called ``name`` in the teacher guide's text."""
    start, end = f"<!-- generated:{name}:start -->", f"<!-- generated:{name}:end -->"
    return text[text.index(start) + len(start): text.index(end)].strip()


def update_teacher_guide(path=None) -> None:
    """Rewrite every generated block of teacher/02_who_decides.md from the current data."""
    from pathlib import Path

    path = Path(path) if path else _guide_path()
    text = path.read_text(encoding="utf-8")
    for name, build in GUIDE_BLOCKS.items():
        start, end = f"<!-- generated:{name}:start -->", f"<!-- generated:{name}:end -->"
        i, j = text.index(start) + len(start), text.index(end)
        text = text[:i] + "\n" + build() + "\n" + text[j:]
    path.write_text(text, encoding="utf-8")
