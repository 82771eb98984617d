"""Schemas of notebook 04's data (``data/tradeoffs/``): the article's balancing act and the decision
model (options, criteria, evidence-based scores with ranges, kinds of evidence, illustrative presets).

Besides the per-cell checks, cross-file checks make a broken model impossible to load: every score
names a known option and criterion, every option x criterion pair is scored exactly once, each
starting score lies inside its range, and weaker kinds of evidence carry wider ranges.
"""

from __future__ import annotations

from fedstate.data import Column, DataError, Schema, read_rows, register, schema_for

#: The kinds of evidence a score can rest on, strongest first. evidence_kinds.csv describes each. A
#: score's kind is never typed in: it is derived from the sources it rests on (see derive_kind).
EVIDENCE_KINDS = ("causal study", "legal text", "observational study", "count without comparison group",
                  "study, design not described", "reasoning", "no good evidence")
#: Kinds that measure nothing: a score resting only on them sits at the middle of the scale with a range at
#: least as wide as the widest measured one, so that missing evidence gives no side a point.
UNMEASURED_KINDS = ("reasoning", "no good evidence")
#: What each study design in data/research.csv counts as (fedstate.stats.what_design_can_show says why).
DESIGN_KINDS = {
    "difference-in-differences": "causal study", "event-study": "causal study", "synthetic-control": "causal study",
    "panel-regression": "observational study", "matched-comparison": "observational study",
    "cross-sectional-comparison": "observational study", "before-after": "observational study",
    "survey": "observational study", "descriptive-rates": "count without comparison group",
    "descriptive-counts": "count without comparison group", "not-described": "study, design not described",
}
#: Which side of the debate a criterion states the case of, and which options each side prefers.
SIDES = ("more-cooperation", "limits-on-cooperation")
SERVES = SIDES + ("both",)
MIDPOINT = 5
#: Scores, ranges and weights live on a 0-10 scale of whole numbers.
SCALE = (0, 10)
QUESTION_KINDS = ("empirical", "legal", "legal and empirical", "legal and value")
SHARE_TOTAL = 100


def _ids(path: str, column: str, folder) -> list:
    rows, _ = read_rows(schema_for(path), folder)
    return [row[column] for row in rows]


def _in_scale(frame, columns, low=SCALE[0], high=SCALE[1]):
    for name in columns:
        for i, value in enumerate(frame[name]):
            if not low <= int(value) <= high:
                raise DataError(frame.attrs["file"], f"{value} is outside {low} to {high}",
                                frame.attrs["lines"][i], name)


# ------------------------------------------------------------------------------------------------
# The article's balancing act


def _shares_sum_to_100(frame, folder) -> None:
    _in_scale(frame, ["article_percent"], 0, SHARE_TOTAL)
    total = int(frame["article_percent"].sum())
    if len(frame) != 3:
        raise DataError(frame.attrs["file"], f"the article lists three shares; the file has {len(frame)}")
    if total != SHARE_TOTAL:
        raise DataError(frame.attrs["file"], f"the shares add up to {total}, not {SHARE_TOTAL}",
                        frame.attrs["lines"][-1], "article_percent")


BALANCING_ACT = register(Schema(
    path="tradeoffs/balancing_act.csv",
    description=("The article's closing \"Balancing Act\": three percentages given with no source and no "
                 "definition of what they are percentages of. Notebook 04 starts its linked sliders here."),
    columns=(
        Column("share_id", unique=True, description="Short id of the share, used in code."),
        Column("article_label", description="The share's label, word for word as the article prints it."),
        Column("article_percent", "int", unit="percent",
               description="The percentage the article gives (whole number); the three add up to 100."),
        Column("source_ids", "source_ids", description="The article."),
    ),
    checks=(_shares_sum_to_100,),
))


# ------------------------------------------------------------------------------------------------
# The decision model


OPTIONS = register(Schema(
    path="tradeoffs/options.csv",
    description=("The policy options a state could choose for its jails and police when ICE asks for help. "
                 "Each is modelled on real laws, simplified for the model."),
    columns=(
        Column("option_id", unique=True, description="Short id of the option, used in code and other files."),
        Column("preferred_by", "choice", choices=SIDES,
               description="Which side of the debate usually prefers the option (used by the balance test: each side's "
                           "illustrative preset must rank that side's options first)."),
        Column("short_label", unique=True, description="A label short enough for a chart axis."),
        Column("label", description="The option in one line."),
        Column("what_it_means", description="What the option requires, in the module's own words."),
        Column("modelled_on", description="The real laws or programs the option is modelled on."),
        Column("source_ids", "source_ids", description="The laws or official descriptions behind the option."),
    ),
))

CRITERIA = register(Schema(
    path="tradeoffs/criteria.csv",
    description=("What each option is judged on. Every criterion is phrased so that a higher score is "
                 "better (for example \"low cost\", not \"cost\")."),
    columns=(
        Column("criterion_id", unique=True, description="Short id of the criterion, used in code and other files."),
        Column("short_label", unique=True, description="A label short enough for a slider."),
        Column("label", description="The criterion's full name."),
        Column("question", description="The question a score on this criterion answers."),
        Column("ten_means", description="What a score of 10 (the best) means."),
        Column("zero_means", description="What a score of 0 (the worst) means."),
        Column("question_kind", "choice", choices=QUESTION_KINDS,
               description="Which kind of question scoring it is: empirical (what happens), legal (what the law says), or a mix."),
        Column("serves", "choice", choices=SERVES,
               description="Whose case the criterion states in its own terms: more-cooperation, limits-on-cooperation, or both "
                           "(a goal both sides claim)."),
        Column("scores_from", description="Where its scores come from: the kinds of evidence and the main sources."),
        Column("keywords", description="Words a student might use for this criterion, separated by \";\" (used to give feedback on written reasons)."),
    ),
))


def _kinds_match(frame, folder) -> None:
    listed = tuple(frame["evidence_kind"])
    if set(listed) != set(EVIDENCE_KINDS):
        raise DataError(frame.attrs["file"], f"must list exactly these kinds: {', '.join(EVIDENCE_KINDS)}")
    _in_scale(frame, ["minimum_range_width"])


EVIDENCE = register(Schema(
    path="tradeoffs/evidence_kinds.csv",
    description=("The kinds of evidence a score can rest on, how much each should be trusted, and the "
                 "narrowest low-to-high range a score resting on it may have: weaker evidence, wider range."),
    columns=(
        Column("evidence_kind", "choice", choices=EVIDENCE_KINDS, unique=True, description="The kind of evidence."),
        Column("what_it_is", description="What counts as this kind of evidence."),
        Column("how_to_weigh_it", description="What it can and cannot show."),
        Column("minimum_range_width", "int", unit="points on the 0-10 scale",
               description="The smallest allowed difference between a score's high and low ends for this kind."),
    ),
    checks=(_kinds_match,),
))


def source_evidence_kinds(folder) -> dict[str, tuple[str, str]]:
    """Each source a score can rest on -> (kind of evidence, what it is). A study in data/research.csv gets
    the kind of its recorded design (DESIGN_KINDS); every other source is classified, once, in
    data/tradeoffs/source_kinds.csv."""
    from pathlib import Path

    folder = Path(folder)
    kinds: dict[str, tuple[str, str]] = {}
    studies, _ = read_rows(schema_for("research.csv"), folder)
    for study in studies:
        for sid in study["source_ids"]:
            kinds[sid] = (DESIGN_KINDS[study["design_type"]], f"{study['study']}: {study['design_type']} (data/research.csv)")
    listed, _ = read_rows(schema_for("tradeoffs/source_kinds.csv"), folder)
    for row in listed:
        for sid in row["source_id"]:
            kinds.setdefault(sid, (row["evidence_kind"], row["what_it_is"]))
    return kinds


def derive_kind(rests_on, kinds: dict[str, tuple[str, str]]) -> str:
    """The kind of evidence a score rests on: the strongest kind among the sources it rests on, or "no good
    evidence" when it rests on none."""
    if not rests_on:
        return "no good evidence"
    return min((kinds[sid][0] for sid in rests_on), key=EVIDENCE_KINDS.index)


def _scores_complete_and_consistent(frame, folder) -> None:
    file = frame.attrs["file"]
    lines = frame.attrs["lines"]
    options = _ids("tradeoffs/options.csv", "option_id", folder)
    criteria = _ids("tradeoffs/criteria.csv", "criterion_id", folder)
    kinds_rows, _ = read_rows(schema_for("tradeoffs/evidence_kinds.csv"), folder)
    min_width = {row["evidence_kind"]: row["minimum_range_width"] for row in kinds_rows}
    source_kinds = source_evidence_kinds(folder)
    _in_scale(frame, ["score", "low", "high"])
    seen = {}
    derived = {}
    for i, row in frame.iterrows():
        for sid in row["source_ids"]:
            if sid not in source_kinds:
                raise DataError(file, f'"{sid}" has no kind of evidence: list it in data/tradeoffs/source_kinds.csv '
                                      "(or, for a study, in data/research.csv)", lines[i], "source_ids")
        for sid in row["rests_on"]:
            if sid not in row["source_ids"]:
                raise DataError(file, f'"{sid}" is in rests_on but not in source_ids', lines[i], "rests_on")
        derived[i] = derive_kind(row["rests_on"], source_kinds)
    measured = [row["high"] - row["low"] for i, row in frame.iterrows() if derived[i] not in UNMEASURED_KINDS]
    widest = max(measured, default=0)
    for i, row in frame.iterrows():
        line = lines[i]
        if row["option_id"] not in options:
            raise DataError(file, f'"{row["option_id"]}" is not an option in data/tradeoffs/options.csv', line, "option_id")
        if row["criterion_id"] not in criteria:
            raise DataError(file, f'"{row["criterion_id"]}" is not a criterion in data/tradeoffs/criteria.csv', line, "criterion_id")
        key = (row["option_id"], row["criterion_id"])
        if key in seen:
            raise DataError(file, f"{key[0]} x {key[1]} is scored twice (first on line {seen[key]})", line, "criterion_id")
        seen[key] = line
        if not row["low"] <= row["score"] <= row["high"]:
            raise DataError(file, f'the score {row["score"]} is not between low {row["low"]} and high {row["high"]}', line, "score")
        width = row["high"] - row["low"]
        kind = derived[i]
        needed = min_width.get(kind, 0)
        if width < needed:
            raise DataError(file, f'a score resting on "{kind}" needs a range at least {needed} '
                                  f'points wide (high minus low); this one is {width}', line, "high")
        if kind in UNMEASURED_KINDS:
            if row["score"] != MIDPOINT or row["low"] + row["high"] != 2 * MIDPOINT:
                raise DataError(file, f'a score with {kind} (rests_on: {"; ".join(row["rests_on"]) or "none"}) sits at '
                                      f"the middle of the scale ({MIDPOINT}) with a range centred on it, so that missing "
                                      "evidence favours no side", line, "score")
            if width < widest:
                raise DataError(file, f"a score with {kind} needs a range at least as wide as the widest measured one "
                                      f"({widest} points); this one is {width}", line, "high")
    missing = [f"{o} x {c}" for o in options for c in criteria if (o, c) not in seen]
    if missing:
        raise DataError(file, "no score for " + ", ".join(missing))


def _source_kinds_check(frame, folder) -> None:
    from pathlib import Path

    file, lines = frame.attrs["file"], frame.attrs["lines"]
    studies, _ = read_rows(schema_for("research.csv"), Path(folder))
    in_research = {sid for study in studies for sid in study["source_ids"]}
    for i, row in frame.iterrows():
        if len(row["source_id"]) != 1:
            raise DataError(file, "give exactly one source id per row", lines[i], "source_id")
        if row["source_id"][0] in in_research:
            raise DataError(file, f'"{row["source_id"][0]}" is a study in data/research.csv: its kind comes from its '
                                  "design there, so it is not listed here", lines[i], "source_id")


SOURCE_KINDS = register(Schema(
    path="tradeoffs/source_kinds.csv",
    description=("The kind of evidence each source behind a score is, for every source that is not a study in "
                 "research.csv (a study's kind follows from its recorded design). A score's kind of evidence is "
                 "derived from these, never typed in."),
    columns=(
        Column("source_id", "source_ids", unique=True, description="One id from sources.csv."),
        Column("evidence_kind", "choice", choices=tuple(k for k in EVIDENCE_KINDS if k != "no good evidence"),
               description="What kind of evidence the source is (see evidence_kinds.csv)."),
        Column("what_it_is", description="The source in a few words, saying why it is that kind."),
    ),
    checks=(_source_kinds_check,),
))

SCORES = register(Schema(
    path="tradeoffs/scores.csv",
    description=("The module's starting estimates: how each option does on each criterion, on a 0-10 "
                 "scale (10 best), with a low-high range and the evidence behind it. They are estimates "
                 "from the sources named, not facts, and students may change them. Each score's kind of "
                 "evidence is derived from the sources it rests on; a score with no good evidence, or only "
                 "reasoning, is the midpoint with a range at least as wide as the widest measured one."),
    columns=(
        Column("option_id", description="An option_id from options.csv."),
        Column("criterion_id", description="A criterion_id from criteria.csv."),
        Column("score", "int", unit="points, 0-10", description="The starting estimate (10 is best on this criterion)."),
        Column("low", "int", unit="points, 0-10", description="The lowest score the evidence reasonably allows."),
        Column("high", "int", unit="points, 0-10", description="The highest score the evidence reasonably allows."),
        Column("rests_on", "source_ids", required=False,
               description=("The sources, among source_ids, that measure or settle this option on this criterion. The "
                            "score's kind of evidence is derived from them: the strongest kind among them (a study's kind "
                            "comes from its design in research.csv, any other source's from source_kinds.csv). Empty "
                            "means no good evidence: the score is then the midpoint, 5, with the widest range.")),
        Column("evidence_note", description="What the sources show, for and against, naming the kind of each; written for this module."),
        Column("source_ids", "source_ids", description="The sources named in the note (for and against)."),
    ),
    checks=(_scores_complete_and_consistent,),
))


def _presets_are_complete_illustrations(frame, folder) -> None:
    file, lines = frame.attrs["file"], frame.attrs["lines"]
    criteria = _ids("tradeoffs/criteria.csv", "criterion_id", folder)
    serves = dict(zip(criteria, _ids("tradeoffs/criteria.csv", "serves", folder)))
    _in_scale(frame, ["weight"])
    labels, seen = {}, {}
    sides, pairs = {}, {}
    for i, row in frame.iterrows():
        pid = row["preset_id"]
        if sides.setdefault(pid, row["side"]) != row["side"] or pairs.setdefault(pid, row["pair"]) != row["pair"]:
            raise DataError(file, f'preset "{pid}" must keep one side and one pair on every row', lines[i], "side")
    for i, row in frame.iterrows():
        pid, line = row["preset_id"], lines[i]
        if not row["preset_label"].startswith("Illustration:"):
            raise DataError(file, 'a preset is an illustration and its label must start with "Illustration:"', line, "preset_label")
        if labels.setdefault(pid, row["preset_label"]) != row["preset_label"]:
            raise DataError(file, f'preset "{pid}" has two different labels', line, "preset_label")
        if row["criterion_id"] not in criteria:
            raise DataError(file, f'"{row["criterion_id"]}" is not a criterion in data/tradeoffs/criteria.csv', line, "criterion_id")
        if (pid, row["criterion_id"]) in seen:
            raise DataError(file, f'preset "{pid}" weights {row["criterion_id"]} twice', line, "criterion_id")
        seen[(pid, row["criterion_id"])] = row["weight"]
    for pid in labels:
        missing = [c for c in criteria if (pid, c) not in seen]
        if missing:
            raise DataError(file, f'preset "{pid}" has no weight for: {", ".join(missing)}')
        if not any(seen[(pid, c)] for c in criteria):
            raise DataError(file, f'preset "{pid}" gives every criterion weight 0')
    # Presets come in mirror pairs, one per side: each gives its own side's criteria the weights the other
    # gives its own, the other side's criteria the weights the other gives them, and shared criteria the same.
    for pair in dict.fromkeys(pairs.values()):
        members = [pid for pid in labels if pairs[pid] == pair]
        if sorted(sides[pid] for pid in members) != sorted(SIDES):
            raise DataError(file, f'pair "{pair}" needs exactly one preset for each side ({", ".join(SIDES)})')
        a, b = members

        def weights_for(pid, group):
            return sorted(seen[(pid, c)] for c in criteria if serves[c] == group)

        own_a, own_b = weights_for(a, sides[a]), weights_for(b, sides[b])
        other_a, other_b = weights_for(a, sides[b]), weights_for(b, sides[a])
        shared = [c for c in criteria if serves[c] == "both"]
        if own_a != own_b or other_a != other_b or any(seen[(a, c)] != seen[(b, c)] for c in shared):
            raise DataError(file, f'pair "{pair}" is not symmetrical: "{a}" and "{b}" must give their own side\'s '
                                  "criteria the same set of weights, the other side's the same set, and shared criteria "
                                  f"the same weight (now {own_a} / {own_b}, {other_a} / {other_b})")


PRESETS = register(Schema(
    path="tradeoffs/presets.csv",
    description=("Illustrative weights for imagined stakeholders, one row per stakeholder and criterion. "
                 "They are made up for teaching and are not the view of any real person or organization. They "
                 "come in mirror pairs, one from each side, with symmetrical weights (the loader checks it)."),
    columns=(
        Column("preset_id", description="Short id of the illustrative stakeholder."),
        Column("preset_label", description='How the preset is shown; always starts with "Illustration:".'),
        Column("side", "choice", choices=SIDES, description="Which side of the debate the imagined stakeholder is on."),
        Column("pair", description="Presets come in mirror pairs, one for each side, with symmetrical weights; this names the pair."),
        Column("criterion_id", description="A criterion_id from criteria.csv."),
        Column("weight", "int", unit="points, 0-10", description="How much this imagined stakeholder cares about the criterion."),
        Column("reason", description="A made-up reason for the weight, written for this module."),
    ),
    checks=(_presets_are_complete_illustrations,),
))
