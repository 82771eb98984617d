"""Schemas of notebook 04's data (``data/tradeoffs/``): the article's balancing act and the decision
model (options, criteria, evidence-based scores with ranges, kinds of evidence, illustrative presets).

Besides the per-cell checks, cross-file checks make a broken model impossible to load: every score
names a known option and criterion, every option x criterion pair is scored exactly once, each
starting score lies inside its range, and weaker kinds of evidence carry wider ranges.
"""

from __future__ import annotations

from fedstate.data import Column, DataError, Schema, read_rows, register, schema_for

#: The kinds of evidence a score can rest on, strongest first. evidence_kinds.csv describes each.
EVIDENCE_KINDS = ("causal study", "legal text", "count without comparison group", "reasoning",
                  "no good evidence")
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


def _scores_complete_and_consistent(frame, folder) -> None:
    file = frame.attrs["file"]
    lines = frame.attrs["lines"]
    options = _ids("tradeoffs/options.csv", "option_id", folder)
    criteria = _ids("tradeoffs/criteria.csv", "criterion_id", folder)
    kinds_rows, _ = read_rows(schema_for("tradeoffs/evidence_kinds.csv"), folder)
    min_width = {row["evidence_kind"]: row["minimum_range_width"] for row in kinds_rows}
    _in_scale(frame, ["score", "low", "high"])
    seen = {}
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
        needed = min_width.get(row["evidence_kind"], 0)
        if width < needed:
            raise DataError(file, f'a score resting on "{row["evidence_kind"]}" needs a range at least {needed} '
                                  f'points wide (high minus low); this one is {width}', line, "high")
    missing = [f"{o} x {c}" for o in options for c in criteria if (o, c) not in seen]
    if missing:
        raise DataError(file, "no score for " + ", ".join(missing))


SCORES = register(Schema(
    path="tradeoffs/scores.csv",
    description=("The module's starting estimates: how each option does on each criterion, on a 0-10 "
                 "scale (10 best), with a low-high range and the evidence behind it. They are estimates "
                 "from the sources named, not facts, and students may change them."),
    columns=(
        Column("option_id", description="An option_id from options.csv."),
        Column("criterion_id", description="A criterion_id from criteria.csv."),
        Column("score", "int", unit="points, 0-10", description="The starting estimate (10 is best on this criterion)."),
        Column("low", "int", unit="points, 0-10", description="The lowest score the evidence reasonably allows."),
        Column("high", "int", unit="points, 0-10", description="The highest score the evidence reasonably allows."),
        Column("evidence_kind", "choice", choices=EVIDENCE_KINDS,
               description="The strongest kind of evidence the score rests on (see evidence_kinds.csv)."),
        Column("evidence_note", description="What the sources show, for and against, naming the kind of each; written for this module."),
        Column("source_ids", "source_ids", description="The sources named in the note."),
    ),
    checks=(_scores_complete_and_consistent,),
))


def _presets_are_complete_illustrations(frame, folder) -> None:
    file, lines = frame.attrs["file"], frame.attrs["lines"]
    criteria = _ids("tradeoffs/criteria.csv", "criterion_id", folder)
    _in_scale(frame, ["weight"])
    labels, seen = {}, {}
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


PRESETS = register(Schema(
    path="tradeoffs/presets.csv",
    description=("Illustrative weights for imagined stakeholders, one row per stakeholder and criterion. "
                 "They are made up for teaching and are not the view of any real person or organization."),
    columns=(
        Column("preset_id", description="Short id of the illustrative stakeholder."),
        Column("preset_label", description='How the preset is shown; always starts with "Illustration:".'),
        Column("criterion_id", description="A criterion_id from criteria.csv."),
        Column("weight", "int", unit="points, 0-10", description="How much this imagined stakeholder cares about the criterion."),
        Column("reason", description="A made-up reason for the weight, written for this module."),
    ),
    checks=(_presets_are_complete_illustrations,),
))
