"""Weighing trade-offs: the article's 50/30/20 "Balancing Act" and a real decision model.

Two parts, both plain functions over plain values (the widgets in ``fedstate.widgets.tradeoffs`` only
call them):

1. **The balancing act as three linked shares.** :func:`rebalance_shares` moves one share and
   rebalances the other two *in proportion*, in whole percentages that always add up to exactly 100,
   with a fixed tie rule (:data:`SHARE_RULE`, written for students). Integer arithmetic only, so there
   is no float noise and the same input always gives the same output.
2. **A multi-criteria decision model** (after the UK government's *Multi-criteria analysis: a manual*,
   2009): options x criteria scores on a 0-10 scale, each with a low-high range and the evidence behind
   it (``data/tradeoffs/``); weights that the student sets; a weighted additive score and a ranking;
   a seeded Monte Carlo that draws every score within its range and counts how often each option
   ranks first; the smallest change of one weight that changes the top option; an assumptions ledger;
   illustrative stakeholder presets; and a blank mode in which the student enters every score.

The scores are the module's starting estimates, not facts: each says what kind of evidence backs it,
and students may change any of them. No weight, preset or score here is presented as the right answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from fedstate.charts import GREY, PALETTE, Chart, style, wrap_label
from fedstate.checks import Choice, MultipleChoice, Numeric, Trap
from fedstate.data import data_dir, load
from fedstate.schemas.tradeoffs import (EVIDENCE_KINDS, MIDPOINT, SCALE, SERVES, SHARE_TOTAL, SIDES, UNMEASURED_KINDS,
                                        derive_kind, source_evidence_kinds)

NOTEBOOK = "04 Weighing trade-offs"

#: Number of random draws of the scores in the Monte Carlo, and its fixed seed: the same weights and
#: scores always give the same probabilities, so a student who moves a slider back sees the old result.
MC_DRAWS = 2000
MC_SEED = 20250922
#: Weight sliders run over whole numbers from 0 (ignore this criterion) to 10. They start at 0, so no
#: ranking appears until the student sets weights: equal weights are a choice, not a neutral default.
#: DEFAULT_WEIGHT is the value of "equal weights" when a student (or a test) chooses them.
WEIGHT_MIN, WEIGHT_MAX, DEFAULT_WEIGHT = 0, 10, 5
START_WEIGHT = 0
#: How the model names each side of the debate.
SIDE_LABELS = {"more-cooperation": "more cooperation with ICE", "limits-on-cooperation": "limits on cooperation",
               "both": "both sides"}
SCORE_MIN, SCORE_MAX = SCALE
#: In blank mode a score the student types gets this range on each side until they set their own.
OWN_SCORE_HALF_RANGE = 2
OWN_ESTIMATE = "your own estimate"

SHARE_RULE = (
    "The share you move keeps exactly the value you choose. The other two shares split what is left "
    "(100 minus your share) in the same proportion to each other as before. When that split does not "
    "come out in whole percentages, each gets the whole-number part of its exact share, and the one "
    "spare point goes to the share with the larger leftover fraction; if the fractions are equal, to "
    "the share that was larger before; if those are equal too, to the one listed first. If both other "
    "shares were zero, they split what is left equally.")


# ================================================================================================
# 1. Whole percentages and the linked shares


def _whole(value, name: str) -> int:
    """An integer, or a ValueError naming what was wrong (a float like 50.0 is accepted, 50.5 is not)."""
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return int(value)
    raise ValueError(f"{name} must be a whole number, not {value!r}")


def apportion(parts: Sequence[int], total: int) -> tuple[int, ...]:
    """Split ``total`` whole points among ``parts`` in proportion to them (largest-remainder method).

    Each part gets the whole-number part of its exact share; the spare points go one each to the parts
    with the largest leftover fractions, ties going to the larger part, then to the one listed first.
    If every part is zero, the points are split equally. Pure integer arithmetic: the result always
    adds up to exactly ``total``.
    """
    parts = [_whole(p, "each part") for p in parts]
    total = _whole(total, "the total")
    if not parts:
        raise ValueError("there must be at least one part to share among")
    if any(p < 0 for p in parts) or total < 0:
        raise ValueError("parts and total must not be negative")
    weights = parts if sum(parts) > 0 else [1] * len(parts)
    denominator = sum(weights)
    floors = [w * total // denominator for w in weights]
    remainders = [w * total % denominator for w in weights]
    spare = total - sum(floors)
    order = sorted(range(len(parts)), key=lambda k: (-remainders[k], -parts[k], k))
    for k in order[:spare]:
        floors[k] += 1
    return tuple(floors)


def check_shares(shares: Sequence[int]) -> tuple[int, int, int]:
    """Three whole percentages from 0 to 100 that add up to exactly 100, or a clear ValueError."""
    if len(shares) != 3:
        raise ValueError(f"the balancing act has three shares, not {len(shares)}")
    values = tuple(_whole(s, "a share") for s in shares)
    if any(not 0 <= s <= SHARE_TOTAL for s in values):
        raise ValueError(f"each share must be between 0 and {SHARE_TOTAL}: {values}")
    if sum(values) != SHARE_TOTAL:
        raise ValueError(f"the shares must add up to {SHARE_TOTAL}, not {sum(values)}: {values}")
    return values  # type: ignore[return-value]


def rebalance_shares(shares: Sequence[int], moved: int, value: int) -> tuple[int, int, int]:
    """Set share ``moved`` (0, 1 or 2) to ``value`` and rebalance the other two by :data:`SHARE_RULE`.

    >>> rebalance_shares((50, 30, 20), 0, 60)
    (60, 24, 16)
    >>> rebalance_shares((50, 30, 20), 0, 51)   # 49 split 30:20 is 29.4 and 19.6: the spare point goes to 19.6
    (51, 29, 20)
    """
    shares = check_shares(shares)
    moved = _whole(moved, "the moved share's position")
    if moved not in (0, 1, 2):
        raise ValueError(f"the moved share must be 0, 1 or 2, not {moved}")
    value = _whole(value, "the new value")
    if not 0 <= value <= SHARE_TOTAL:
        raise ValueError(f"a share must be between 0 and {SHARE_TOTAL}, not {value}")
    others = [i for i in range(3) if i != moved]
    split = apportion([shares[i] for i in others], SHARE_TOTAL - value)
    result = list(shares)
    result[moved] = value
    for position, amount in zip(others, split):
        result[position] = amount
    return tuple(result)  # type: ignore[return-value]


@dataclass(frozen=True)
class BalancingAct:
    """The article's three shares: ids, labels as printed, percentages and source."""

    ids: tuple[str, ...]
    labels: tuple[str, ...]
    percents: tuple[int, int, int]
    source_ids: tuple[str, ...]


def article_balancing_act(folder=None) -> BalancingAct:
    """The article's "Balancing Act" from data/tradeoffs/balancing_act.csv."""
    frame = load("tradeoffs/balancing_act.csv", folder)
    ids = tuple(frame["source_ids"].explode().dropna().unique())
    return BalancingAct(tuple(frame["share_id"]), tuple(frame["article_label"]),
                        check_shares(tuple(int(v) for v in frame["article_percent"])), ids)


@dataclass(frozen=True)
class ChartParts:
    """What changes when a chart redraws: its title, each trace's data, and its text alternative.

    A builder makes a full :class:`~fedstate.charts.Chart` from these once; a live widget then updates
    only the traces' data and the text, which is many times faster than rebuilding the figure."""

    title: str
    traces: tuple[dict, ...]
    summary: str
    table: pd.DataFrame
    sources: tuple[str, ...]
    notes: tuple[str, ...] = ()


def shares_chart_parts(shares: Sequence[int], act: BalancingAct | None = None) -> ChartParts:
    act = act or article_balancing_act()
    shares = check_shares(shares)
    labels = list(act.labels)
    parts = ", ".join(f"{label} {value}%" for label, value in zip(labels, shares))
    article = ", ".join(f"{value}%" for value in act.percents)
    summary = (f"Your split: {parts} (total {sum(shares)}%). The article's split, shown as grey marks, "
               f"is {article}.")
    table = pd.DataFrame({"Share (as the article labels it)": labels, "Your split (%)": list(shares),
                          "The article's split (%)": list(act.percents)})
    notes = ("The article gives these percentages without a source and without saying what they are "
             "percentages of (money, staff time, attention?).",)
    traces = ({"x": labels, "y": list(shares), "text": [f"{s}%" for s in shares]},
              {"x": labels, "y": list(act.percents)})
    return ChartParts("The balancing act: your split of 100%", traces, summary, table, act.source_ids, notes)


def shares_chart(shares: Sequence[int], act: BalancingAct | None = None) -> Chart:
    """Bar chart of a split of the balancing act, beside the article's split (grey marks)."""
    parts = shares_chart_parts(shares, act)
    fig = go.Figure()
    fig.add_bar(name="Your split", marker_color=PALETTE[0], textposition="outside", cliponaxis=False,
                hovertemplate="%{x}: %{y}%<extra>Your split</extra>", **parts.traces[0])
    fig.add_scatter(name="The article's split", mode="markers",
                    marker={"symbol": "line-ew-open", "size": 46, "color": GREY, "line": {"width": 3}},
                    hovertemplate="%{x}: %{y}%<extra>The article's split</extra>", **parts.traces[1])
    style(fig, parts.title, None, "Share (percent)", height=320)
    fig.update_yaxes(range=[0, 110], dtick=20)
    # Level, wrapped tick labels: in a narrow cell plotly tilts long labels down into the legend.
    labels = parts.traces[0]["x"]
    fig.update_xaxes(tickangle=0, tickmode="array", tickvals=labels, ticktext=[wrap_label(x) for x in labels])
    fig.update_layout(legend={"orientation": "h", "y": -0.3, "yanchor": "top", "x": 0}, bargap=0.45,
                      margin={"l": 60, "r": 20, "t": 60, "b": 100})
    return Chart(fig, parts.summary, parts.table, parts.sources, parts.notes)


# ================================================================================================
# 2. The decision model: data


@dataclass(frozen=True)
class Option:
    id: str
    short_label: str
    label: str
    what_it_means: str
    modelled_on: str
    source_ids: tuple[str, ...]
    preferred_by: str = ""  # the side of the debate that usually prefers it


@dataclass(frozen=True)
class Criterion:
    id: str
    short_label: str
    label: str
    question: str
    ten_means: str
    zero_means: str
    question_kind: str
    keywords: tuple[str, ...]
    serves: str = "both"  # whose case the criterion states in its own terms
    scores_from: str = ""  # where its scores come from


@dataclass(frozen=True)
class Cell:
    """One option's score on one criterion: the value in use, its range, and where it came from.

    ``start`` keeps the module's starting estimate (score, low, high), so the ledger can show what a
    student changed; ``reason`` is the student's source or reasoning for a change ("" if unchanged).
    In blank mode every cell starts with ``score is None``.
    """

    score: int | None
    low: int | None
    high: int | None
    evidence_kind: str
    note: str
    source_ids: tuple[str, ...]
    start: tuple[int, int, int] | None = None
    reason: str = ""
    rests_on: tuple[str, ...] = ()  # the sources its kind of evidence is derived from (empty: no good evidence)

    @property
    def filled(self) -> bool:
        return self.score is not None

    @property
    def changed(self) -> bool:
        return bool(self.reason)


class IncompleteScores(ValueError):
    """Some scores are still blank, so no ranking can be computed yet."""


@dataclass(frozen=True)
class DecisionModel:
    """Options x criteria with a score cell for every pair. Immutable: edits return a new model."""

    options: tuple[Option, ...]
    criteria: tuple[Criterion, ...]
    cells: Mapping[tuple[str, str], Cell] = field(compare=False)
    blank: bool = False

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria)

    def option(self, option_id: str) -> Option:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(f"no option {option_id!r}; the options are {', '.join(self.option_ids)}")

    def criterion(self, criterion_id: str) -> Criterion:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(f"no criterion {criterion_id!r}; the criteria are {', '.join(self.criterion_ids)}")

    def cell(self, option_id: str, criterion_id: str) -> Cell:
        self.option(option_id), self.criterion(criterion_id)
        return self.cells[(option_id, criterion_id)]

    def missing(self) -> list[tuple[str, str]]:
        """The (option, criterion) pairs still without a score, in table order."""
        return [(o, c) for o in self.option_ids for c in self.criterion_ids if not self.cells[(o, c)].filled]

    def matrices(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Scores, lows and highs as integer arrays (options x criteria). Raises IncompleteScores."""
        gaps = self.missing()
        if gaps:
            raise IncompleteScores(f"{len(gaps)} of {len(self.cells)} scores are still blank")
        shape = (len(self.options), len(self.criteria))
        score, low, high = (np.zeros(shape, dtype=np.int64) for _ in range(3))
        for i, o in enumerate(self.option_ids):
            for j, c in enumerate(self.criterion_ids):
                cell = self.cells[(o, c)]
                score[i, j], low[i, j], high[i, j] = cell.score, cell.low, cell.high
        return score, low, high

    def with_score(self, option_id: str, criterion_id: str, score: int, low: int, high: int,
                   reason: str) -> "DecisionModel":
        """A new model with one score changed, or a ValueError saying what is wrong with the change."""
        old = self.cell(option_id, criterion_id)
        score, low, high = (_whole(v, name) for v, name in ((score, "the score"), (low, "the low end"),
                                                            (high, "the high end")))
        for value, name in ((score, "The score"), (low, "The low end"), (high, "The high end")):
            if not SCORE_MIN <= value <= SCORE_MAX:
                raise ValueError(f"{name} must be between {SCORE_MIN} and {SCORE_MAX}; it is {value}.")
        if not low <= score <= high:
            raise ValueError(f"The score must lie inside its range: low {low} ≤ score {score} ≤ high {high} "
                             "is not true.")
        reason = (reason or "").strip()
        if not reason:
            raise ValueError("Say why: name the source or give the reasoning behind your change.")
        cells = dict(self.cells)
        cells[(option_id, criterion_id)] = Cell(score, low, high, old.evidence_kind if not self.blank else OWN_ESTIMATE,
                                                old.note, old.source_ids, old.start, reason, old.rests_on)
        return DecisionModel(self.options, self.criteria, cells, self.blank)

    def with_start_restored(self, option_id: str, criterion_id: str) -> "DecisionModel":
        """A new model with one cell back to the module's starting estimate (or blank in blank mode)."""
        old = self.cell(option_id, criterion_id)
        cells = dict(self.cells)
        if old.start is None:
            cells[(option_id, criterion_id)] = Cell(None, None, None, OWN_ESTIMATE, "", ())
        else:
            cells[(option_id, criterion_id)] = Cell(*old.start, old.evidence_kind, old.note, old.source_ids,
                                                    old.start, "", old.rests_on)
        return DecisionModel(self.options, self.criteria, cells, self.blank)

    def with_own_score(self, option_id: str, criterion_id: str, score: int | None) -> "DecisionModel":
        """Blank mode: set (or clear, with None) a score the student types; its range is score ± 2."""
        if score is None:
            return self.with_start_restored(option_id, criterion_id)
        score = _whole(score, "the score")
        low = max(SCORE_MIN, score - OWN_SCORE_HALF_RANGE)
        high = min(SCORE_MAX, score + OWN_SCORE_HALF_RANGE)
        return self.with_score(option_id, criterion_id, score, low, high, OWN_ESTIMATE)

    def source_ids(self) -> tuple[str, ...]:
        """Every source behind the options and the scores in use (not those of scores a student replaced)."""
        ids: dict[str, None] = {}
        for o in self.options:
            ids.update(dict.fromkeys(o.source_ids))
        for key in ((o, c) for o in self.option_ids for c in self.criterion_ids):
            cell = self.cells[key]
            if cell.filled and not cell.changed:
                ids.update(dict.fromkeys(cell.source_ids))
        return tuple(ids)


def _options_and_criteria(folder=None) -> tuple[tuple[Option, ...], tuple[Criterion, ...], pd.DataFrame]:
    # load() caches by file modification time, so an edited CSV is picked up without a restart.
    options_f, criteria_f, scores_f = (load(p, folder) for p in ("tradeoffs/options.csv", "tradeoffs/criteria.csv",
                                                                 "tradeoffs/scores.csv"))
    options = tuple(Option(r.option_id, r.short_label, r.label, r.what_it_means, r.modelled_on, tuple(r.source_ids),
                           r.preferred_by)
                    for r in options_f.itertuples())
    criteria = tuple(Criterion(r.criterion_id, r.short_label, r.label, r.question, r.ten_means, r.zero_means,
                               r.question_kind, tuple(k.strip().lower() for k in r.keywords.split(";") if k.strip()),
                               r.serves, r.scores_from)
                     for r in criteria_f.itertuples())
    return options, criteria, scores_f


def starting_model(folder=None) -> DecisionModel:
    """The module's starting estimates from data/tradeoffs/scores.csv. Each score's kind of evidence is
    derived from the sources it rests on (:func:`fedstate.schemas.tradeoffs.derive_kind`), never typed in."""
    options, criteria, scores = _options_and_criteria(folder)
    kinds = source_evidence_kinds(data_dir() if folder is None else folder)
    cells = {}
    for r in scores.itertuples():
        start = (int(r.score), int(r.low), int(r.high))
        rests_on = tuple(r.rests_on)
        cells[(r.option_id, r.criterion_id)] = Cell(*start, derive_kind(rests_on, kinds), r.evidence_note,
                                                    tuple(r.source_ids), start, "", rests_on)
    return DecisionModel(options, criteria, cells)


def evidence_kind_of(source_id: str, folder=None) -> tuple[str, str]:
    """(kind of evidence, what it is) for one source behind the scores."""
    return source_evidence_kinds(data_dir() if folder is None else folder)[source_id]


def blank_model(folder=None) -> DecisionModel:
    """The same options and criteria with every score blank, for the student to fill in."""
    options, criteria, _ = _options_and_criteria(folder)
    cells = {(o.id, c.id): Cell(None, None, None, OWN_ESTIMATE, "", ()) for o in options for c in criteria}
    return DecisionModel(options, criteria, cells, blank=True)


def evidence_kinds(folder=None) -> pd.DataFrame:
    """The kinds of evidence, strongest first, with how to weigh each and its narrowest allowed range."""
    frame = load("tradeoffs/evidence_kinds.csv", folder)
    order = {kind: i for i, kind in enumerate(EVIDENCE_KINDS)}
    return frame.sort_values("evidence_kind", key=lambda s: s.map(order)).reset_index(drop=True)


# ================================================================================================
# 3. Weights, totals, ranking


def weight_vector(model: DecisionModel, weights: Mapping[str, int] | Sequence[int]) -> np.ndarray:
    """Weights in criterion order as an integer array; each a whole number from 0 to 10."""
    if isinstance(weights, Mapping):
        unknown = set(weights) - set(model.criterion_ids)
        if unknown:
            raise KeyError(f"unknown criteria in weights: {', '.join(sorted(unknown))}")
        values = [weights.get(c, DEFAULT_WEIGHT) for c in model.criterion_ids]
    else:
        values = list(weights)
        if len(values) != len(model.criteria):
            raise ValueError(f"{len(model.criteria)} weights are needed, one per criterion; got {len(values)}")
    vector = np.array([_whole(v, "a weight") for v in values], dtype=np.int64)
    if (vector < WEIGHT_MIN).any() or (vector > WEIGHT_MAX).any():
        raise ValueError(f"each weight must be between {WEIGHT_MIN} and {WEIGHT_MAX}")
    return vector


def equal_weights(model: DecisionModel) -> dict[str, int]:
    return {c: DEFAULT_WEIGHT for c in model.criterion_ids}


class NoWeights(ValueError):
    """Every weight is zero, so nothing distinguishes the options."""


NO_WEIGHTS = ("No ranking yet: every weight is 0. Set your own weights first (0 = ignore, 10 = matters most); "
              "there is no default, and equal weights are a choice like any other.")


def _require_weight(w: np.ndarray) -> None:
    if int(w.sum()) == 0:
        raise NoWeights(NO_WEIGHTS)


def weighted_totals(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each option's weighted average score on the 0-10 scale: sum(weight x score) / sum(weights)."""
    _require_weight(weights)
    return scores @ weights / weights.sum()


def top_options(scores: np.ndarray, weights: np.ndarray) -> frozenset[int]:
    """Indices of the option(s) ranked first. Compared exactly in integers, so a tie is a real tie."""
    _require_weight(weights)
    points = scores @ weights
    return frozenset(np.flatnonzero(points == points.max()).tolist())


def ranks(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Competition ranks (1, 2, 2, 4): options with equal weighted scores share a rank."""
    _require_weight(weights)
    points = scores @ weights
    return np.array([1 + int((points > p).sum()) for p in points], dtype=np.int64)


def whole_percentages(weights: Sequence[int]) -> tuple[int, ...]:
    """Weights as whole percentages of their total that add up to exactly 100 (same rule as the shares)."""
    if sum(int(w) for w in weights) == 0:
        return tuple(0 for _ in weights)
    return apportion([int(w) for w in weights], SHARE_TOTAL)


def percent_shares(weights: Sequence[int]) -> tuple[float, ...]:
    """Weights as percentages of their total, to one decimal, for display: equal weights show as
    equal shares (14.3% each of seven), where whole percentages would have to differ to reach 100."""
    total = sum(int(w) for w in weights)
    if total == 0:
        return tuple(0.0 for _ in weights)
    return tuple(round(int(w) * 100 / total, 1) for w in weights)


# ================================================================================================
# 4. Uncertainty: a seeded Monte Carlo over the score ranges


def triangular_quantile(u: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Inverse CDF of the triangular distribution (low, mode, high); a zero-width range gives its value.

    The triangle peaks at the starting estimate: a score near the estimate is the most likely, scores
    near the ends of the range less so.
    """
    low, mode, high = (np.asarray(a, dtype=float) for a in (low, mode, high))
    width = high - low
    safe = np.where(width > 0, width, 1.0)
    at_mode = np.where(width > 0, (mode - low) / safe, 0.0)
    left = low + np.sqrt(u * width * (mode - low))
    right = high - np.sqrt((1.0 - u) * width * (high - mode))
    return np.where(u < at_mode, left, right)


@dataclass(frozen=True)
class Uncertainty:
    """What the Monte Carlo found, per option (in option order)."""

    p_first: np.ndarray  # share of draws in which the option ranked first (ties share the draw)
    low: np.ndarray  # 5th percentile of the weighted score over the draws
    high: np.ndarray  # 95th percentile
    draws: int
    seed: int


def first_place_probabilities(scores: np.ndarray, low: np.ndarray, high: np.ndarray, weights: np.ndarray,
                              draws: int = MC_DRAWS, seed: int = MC_SEED) -> Uncertainty:
    """Draw every score within its range (triangular, peaked at the estimate) ``draws`` times.

    Returns how often each option ranks first and the 5th-95th percentile band of its weighted score.
    Seeded: the same inputs always give the same answer.
    """
    _require_weight(weights)
    if draws < 1:
        raise ValueError("at least one draw is needed")
    if not ((low <= scores) & (scores <= high)).all():
        raise ValueError("every score must lie inside its low-high range")
    rng = np.random.default_rng(seed)
    u = rng.random((draws,) + scores.shape)
    sampled = triangular_quantile(u, low, scores, high)
    totals = sampled @ (weights / weights.sum())
    best = totals.max(axis=1, keepdims=True)
    winners = totals >= best - 1e-9
    p_first = (winners / winners.sum(axis=1, keepdims=True)).mean(axis=0)
    band = np.percentile(totals, [5, 95], axis=0)
    return Uncertainty(p_first, band[0], band[1], draws, seed)


# ================================================================================================
# 5. Sensitivity: the smallest change of one weight that changes the top option


@dataclass(frozen=True)
class WeightChange:
    criterion_id: str
    old: int
    new: int
    old_top: tuple[str, ...]
    new_top: tuple[str, ...]

    @property
    def delta(self) -> int:
        return self.new - self.old


@dataclass(frozen=True)
class Sensitivity:
    top: tuple[str, ...]  # the option id(s) ranked first now
    smallest: WeightChange | None  # None: no single-weight change within 0-10 changes the top
    by_criterion: tuple[WeightChange | None, ...]  # the nearest change for each criterion


def weight_sensitivity(scores: np.ndarray, weights: np.ndarray, criterion_ids: Sequence[str],
                       option_ids: Sequence[str]) -> Sensitivity:
    """Try every whole-number value (0-10) of one weight at a time, others fixed; find the nearest that
    changes which option(s) rank first. A new tie for first counts as a change. Ties between equally
    small changes go to the criterion listed first, then to raising before lowering."""
    _require_weight(weights)
    current = top_options(scores, weights)
    values = np.arange(WEIGHT_MIN, WEIGHT_MAX + 1)
    points = scores @ weights
    nearest: list[WeightChange | None] = []
    for j, cid in enumerate(criterion_ids):
        base = points - scores[:, j] * weights[j]
        grid = base[:, None] + scores[:, j][:, None] * values[None, :]  # options x candidate values
        found = None
        for v in sorted(values, key=lambda v: (abs(int(v) - int(weights[j])), -int(v))):
            v = int(v)
            if v == int(weights[j]) or int(weights.sum() - weights[j] + v) == 0:
                continue
            column = grid[:, v - WEIGHT_MIN]
            top = frozenset(np.flatnonzero(column == column.max()).tolist())
            if top != current:
                found = WeightChange(cid, int(weights[j]), v, tuple(option_ids[i] for i in sorted(current)),
                                     tuple(option_ids[i] for i in sorted(top)))
                break
        nearest.append(found)
    candidates = [(abs(c.delta), j, -c.delta) for j, c in enumerate(nearest) if c is not None]
    smallest = nearest[min(candidates)[1]] if candidates else None
    return Sensitivity(tuple(option_ids[i] for i in sorted(current)), smallest, tuple(nearest))


def _quoted(model: DecisionModel, option_ids: Sequence[str]) -> str:
    names = [f"“{model.option(o).label}”" for o in option_ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _top_phrase(model: DecisionModel, option_ids: Sequence[str]) -> str:
    if len(option_ids) == 1:
        return f"{_quoted(model, option_ids)} ranks first"
    return f"{_quoted(model, option_ids)} tie for first"


def change_phrase(model: DecisionModel, change: WeightChange) -> str:
    verb = "raising" if change.delta > 0 else "lowering"
    points = abs(change.delta)
    return (f"{verb} the weight of “{model.criterion(change.criterion_id).label}” from {change.old} to "
            f"{change.new} ({'+' if change.delta > 0 else '−'}{points} point{'s' if points != 1 else ''})")


def sensitivity_sentence(model: DecisionModel, result: Sensitivity) -> str:
    """The sensitivity result in words."""
    now = _top_phrase(model, result.top)
    if result.smallest is None:
        return (f"Now {now}. No change of a single weight, anywhere from {WEIGHT_MIN} to {WEIGHT_MAX}, changes "
                "that: the top of the ranking is robust to one weight at a time (several weights moving "
                "together could still change it).")
    change = result.smallest
    return (f"Now {now}. The smallest change of one weight that changes this is {change_phrase(model, change)}: "
            f"then {_top_phrase(model, change.new_top)}.")


def sensitivity_table(model: DecisionModel, result: Sensitivity, weights: np.ndarray) -> pd.DataFrame:
    """For each criterion: its weight and the nearest weight that changes the top option, with the new top."""
    rows = []
    for j, (crit, change) in enumerate(zip(model.criteria, result.by_criterion)):
        if change is None:
            rows.append((crit.label, int(weights[j]), "none from 0 to 10", "no change"))
        else:
            rows.append((crit.label, int(weights[j]), change.new,
                         ("tie: " if len(change.new_top) > 1 else "") +
                         " / ".join(model.option(o).short_label for o in change.new_top)))
    return pd.DataFrame(rows, columns=["Criterion", "Your weight", "Nearest weight that changes the top",
                                       "Then first"])


# ================================================================================================
# 6. Everything the explorer shows, computed once per change


@dataclass(frozen=True)
class Analysis:
    """The model evaluated at one set of weights. ``problem`` explains why there is no ranking."""

    model: DecisionModel
    weights: np.ndarray
    problem: str = ""
    totals: np.ndarray | None = None
    ranks: np.ndarray | None = None
    uncertainty: Uncertainty | None = None
    sensitivity: Sensitivity | None = None

    @property
    def ok(self) -> bool:
        return not self.problem

    def top(self) -> tuple[str, ...]:
        return self.sensitivity.top if self.sensitivity else ()


def analyse(model: DecisionModel, weights: Mapping[str, int] | Sequence[int], draws: int = MC_DRAWS,
            seed: int = MC_SEED) -> Analysis:
    """Rank, Monte Carlo and sensitivity for one model and one set of weights."""
    w = weight_vector(model, weights)
    try:
        score, low, high = model.matrices()
    except IncompleteScores as gap:
        return Analysis(model, w, problem=f"{gap}: enter every score to see a ranking.")
    if int(w.sum()) == 0:
        return Analysis(model, w, problem=NO_WEIGHTS)
    return Analysis(model, w, "", weighted_totals(score, w), ranks(score, w),
                    first_place_probabilities(score, low, high, w, draws, seed),
                    weight_sensitivity(score, w, model.criterion_ids, model.option_ids))


def ranking_table(analysis: Analysis) -> pd.DataFrame:
    """Rank, option, weighted score, its 90% band over the draws, and the chance of ranking first."""
    if not analysis.ok:
        return pd.DataFrame(columns=["Rank", "Option", "Weighted score (0-10)", "Middle 90% of draws",
                                     "Ranked first in (% of draws)"])
    model, u = analysis.model, analysis.uncertainty
    rows = []
    for i, o in enumerate(model.options):
        rows.append((int(analysis.ranks[i]), o.label, round(float(analysis.totals[i]), 2),
                     f"{u.low[i]:.1f} to {u.high[i]:.1f}", round(100 * float(u.p_first[i]), 1), i))
    rows.sort(key=lambda r: (r[0], r[5]))
    return pd.DataFrame([r[:5] for r in rows], columns=["Rank", "Option", "Weighted score (0-10)",
                                                        "Middle 90% of draws", "Ranked first in (% of draws)"])


def ranking_sentence(analysis: Analysis) -> str:
    if not analysis.ok:
        return analysis.problem
    model, u = analysis.model, analysis.uncertainty
    top = analysis.top()
    best = max(range(len(model.options)), key=lambda i: (u.p_first[i], -i))
    first = _top_phrase(model, top)
    scored = f"{float(analysis.totals[model.option_ids.index(top[0])]):.2f}"
    text = (f"With your weights {first} with a weighted score of {scored} out of {SCORE_MAX}. When every "
            f"score is drawn at random within its range ({u.draws:,} draws), "
            f"“{model.options[best].label}” comes first most often, in {100 * u.p_first[best]:.0f}% of draws.")
    if model.options[best].id not in top:
        text += (" So the ranking from the scores as they stand and the most frequent winner in the draws "
                 "disagree: the ranges lean toward another option, and the ranking is fragile.")
    return text


# ================================================================================================
# 7. The assumptions ledger


def model_assumptions(model: DecisionModel) -> list[str]:
    """The model's built-in assumptions, in words, for the top of the ledger."""
    return [
        f"Scores run from {SCORE_MIN} (worst) to {SCORE_MAX} (best) on every criterion; for legal risk and cost "
        "a high score means little risk or little cost.",
        "An option's weighted score is the weighted average of its scores: each score times its criterion's "
        "weight, added up, divided by the sum of the weights (an additive model).",
        f"Uncertainty: each score is drawn at random within its low-high range, most often near the estimate "
        f"(a triangular distribution), {MC_DRAWS:,} times with a fixed seed ({MC_SEED}).",
        "Ranges are not independent in reality, but the draws treat them as independent.",
        "Each score's kind of evidence is derived from the sources it rests on, never typed in; where nothing "
        f"measures an option on a criterion (no good evidence, or only reasoning), the score is the middle of the "
        f"scale ({MIDPOINT}) with a range at least as wide as the widest measured one, so it favours no side.",
        "Four criteria state the case for more cooperation in its own terms, four the case for limits, and one "
        "(public safety) is claimed by both; each side's criteria overlap with one another.",
        "No ranking is shown until you set weights: there is no default, and equal weights are a choice.",
        "Scores starting from the module's estimates are estimates, not facts; a changed score shows your reason."
        if not model.blank else "Blank mode: every score is your own estimate, with a range of "
        f"{OWN_SCORE_HALF_RANGE} points either side unless you set another.",
    ]


@lru_cache(maxsize=4)
def _source_short_cached(path: str, mtime: int) -> dict[str, str]:
    frame = load("sources.csv", Path(path).parent)
    return {r.id: f"{r.publisher} ({r.date[:4] if isinstance(r.date, str) and r.date else 'undated'})"
            for r in frame.itertuples()}


def _source_short() -> dict[str, str]:
    """Short citations by id; cached until sources.csv changes (the ledger redraws on every edit)."""
    path = data_dir() / "sources.csv"
    return _source_short_cached(str(path), path.stat().st_mtime_ns)


def assumptions_ledger(model: DecisionModel, weights: Mapping[str, int] | Sequence[int] | None = None,
                       criterion_id: str | None = None) -> pd.DataFrame:
    """Every score, its range, its evidence and sources, and what the student changed, as a table."""
    w = weight_vector(model, weights if weights is not None else equal_weights(model))
    shares = dict(zip(model.criterion_ids, whole_percentages(w.tolist())))
    short = _source_short()  # students see who published a study and when, never its row id
    rows = []
    for c in model.criteria:
        if criterion_id is not None and c.id != criterion_id:
            continue
        for o in model.options:
            cell = model.cells[(o.id, c.id)]
            if not cell.filled:
                score, rng = "blank", ""
            else:
                score = str(cell.score)
                if cell.start is not None and (cell.score, cell.low, cell.high) != cell.start:
                    score += f" (start {cell.start[0]}, range {cell.start[1]} to {cell.start[2]})"
                rng = f"{cell.low} to {cell.high}"
            rows.append({
                "Criterion": c.label,
                "Weight (share)": f"{int(w[model.criterion_ids.index(c.id)])} ({shares[c.id]}%)",
                "Option": o.short_label,
                "Score": score,
                "Range": rng,
                "Evidence kind": cell.evidence_kind,
                "Kind derived from": "; ".join(short.get(s, s) for s in cell.rests_on) if cell.rests_on else (
                    "nothing that measures it" if cell.filled and cell.evidence_kind != OWN_ESTIMATE else ""),
                "What the evidence says": cell.note,
                "Sources": "; ".join(short.get(s, s) for s in cell.source_ids),
                "Your change and why": cell.reason if cell.changed and cell.reason != OWN_ESTIMATE else "",
            })
    return pd.DataFrame(rows)


def sources_in(model: DecisionModel, criterion_id: str | None = None) -> list[tuple[str, str]]:
    """(id, short citation) for every source behind the scores shown, for a list under the ledger."""
    short = _source_short()
    ids: dict[str, None] = {}
    for (o, c), cell in model.cells.items():
        if criterion_id is None or c == criterion_id:
            ids.update(dict.fromkeys(cell.source_ids))
    return [(sid, short.get(sid, sid)) for sid in ids]


# ================================================================================================
# 8. The chart of the decision


def model_source_line(source_ids: Sequence[str]) -> str:
    """The source line of the decision chart: how many sources, pointing to the ledger that names them
    (a list of row ids would mean nothing to a student)."""
    return (f"Sources: options from data/tradeoffs/options.csv and scores from data/tradeoffs/scores.csv, "
            f"resting on {len(source_ids)} sources, each listed with its publisher and year in the assumptions "
            "ledger beside the score it supports; full citations in data/sources.csv.")


class ModelChart(Chart):
    """A Chart whose sources are the dozens behind the scores: the source line counts them and
    points to the ledger, instead of printing every full citation under the figure."""

    def source_line(self) -> str:
        return model_source_line(self.sources)


def decision_chart_parts(analysis: Analysis) -> ChartParts:
    model = analysis.model
    if analysis.ok:
        u = analysis.uncertainty
        order = list(range(len(model.options)))[::-1]  # the first option at the top
        labels = [model.options[i].short_label for i in order]
        top = set(analysis.top())
        totals = [round(float(analysis.totals[i]), 3) for i in order]
        minus = [round(float(analysis.totals[i] - u.low[i]), 3) for i in order]
        plus = [round(float(u.high[i] - analysis.totals[i]), 3) for i in order]
        p = [round(100 * float(u.p_first[i]), 1) for i in order]
        text_scores = [f"{analysis.totals[i]:.2f}" + ("  ← first" if model.options[i].id in top else "") for i in order]
        text_p = [f"{x:.0f}%" for x in p]
        title = "How the options compare with your weights"
    else:
        labels, totals, minus, plus, p, text_scores, text_p = [], [], [], [], [], [], []
        title = analysis.problem
    notes = [f"Weighted score: the weighted average of an option's scores (0 worst, {SCORE_MAX} best). "
             f"Black lines on the left show the middle 90% of {MC_DRAWS:,} random draws of the scores within "
             "their ranges; the right panel shows how often each option came first in those draws."]
    if model.blank:
        notes.append("Blank mode: the scores are your own estimates.")
    traces = ({"y": labels, "x": totals, "text": text_scores,
               "error_x": {"array": plus, "arrayminus": minus}},
              {"y": labels, "x": p, "text": text_p})
    return ChartParts(title, traces, ranking_sentence(analysis), ranking_table(analysis),
                      model.source_ids() or model.options[0].source_ids, tuple(notes))


def decision_chart(analysis: Analysis) -> Chart:
    """Two panels: each option's weighted score with its 90% band, and how often it ranks first."""
    parts = decision_chart_parts(analysis)
    first, second = parts.traces
    fig = go.Figure()
    fig.add_bar(orientation="h", name="Weighted score", marker_color=PALETTE[0],
                error_x={"type": "data", "symmetric": False, "color": "#222", "thickness": 1.5,
                         **first["error_x"]},
                y=first["y"], x=first["x"], text=first["text"], textposition="inside", insidetextanchor="start",
                hovertemplate="%{y}: %{x:.2f}<extra>Weighted score</extra>", xaxis="x", yaxis="y")
    fig.add_bar(orientation="h", name="Ranked first (% of draws)", marker_color=PALETTE[1],
                textposition="outside", cliponaxis=False, xaxis="x2", yaxis="y2",
                hovertemplate="%{y}: %{x:.1f}%<extra>Ranked first</extra>", **second)
    style(fig, parts.title, height=340)
    axis = {"showline": True, "linecolor": "#444", "gridcolor": "#e5e5e5", "zeroline": False}
    fig.update_layout(
        showlegend=False, margin={"l": 170, "r": 30, "t": 70, "b": 60},
        xaxis={"domain": [0.0, 0.58], "range": [0, SCORE_MAX],
               "title": {"text": "Weighted score (0-10)"}, **axis},
        xaxis2={"domain": [0.68, 1.0], "range": [0, 115], "title": {"text": "Ranked first (% of draws)"},
                "tickvals": [0, 25, 50, 75, 100], **axis},
        yaxis={"anchor": "x", "showline": True, "linecolor": "#444"},
        yaxis2={"anchor": "x2", "matches": "y", "showticklabels": False},
    )
    fig.update_layout(decision_chart_state_layout(not parts.traces[0]["y"]))
    return ModelChart(fig, parts.summary, parts.table, parts.sources, parts.notes)


def decision_chart_state_layout(empty: bool) -> dict:
    """The decision chart's axes and note, with or without a ranking to draw.

    With no ranking (scores still blank, or every weight zero) the chart would show empty axes with
    meaningless ticks; the axes are hidden instead and a note points to the title, which says why.
    """
    note = [{"text": "Nothing to rank yet: the title above says what is missing.", "showarrow": False,
             "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5, "font": {"size": 14, "color": "#444"}}]
    return {"xaxis": {"visible": not empty}, "xaxis2": {"visible": not empty}, "yaxis": {"visible": not empty},
            "annotations": note if empty else []}


# ================================================================================================
# 9. Illustrative presets and the activities' feedback


@dataclass(frozen=True)
class Preset:
    id: str
    label: str
    weights: Mapping[str, int] = field(compare=False)
    reasons: Mapping[str, str] = field(compare=False)
    side: str = ""  # more-cooperation or limits-on-cooperation
    pair: str = ""  # the mirror pair it belongs to (one preset per side, symmetrical weights)


def presets(folder=None) -> dict[str, Preset]:
    """The illustrative stakeholder presets, by id (labels all start with "Illustration:"). They come in
    mirror pairs, one from each side, with symmetrical weights (the loader checks it)."""
    frame = load("tradeoffs/presets.csv", folder)
    out: dict[str, Preset] = {}
    for pid, group in frame.groupby("preset_id", sort=False):
        out[pid] = Preset(pid, group["preset_label"].iloc[0],
                          dict(zip(group["criterion_id"], (int(w) for w in group["weight"]))),
                          dict(zip(group["criterion_id"], group["reason"])),
                          group["side"].iloc[0], group["pair"].iloc[0])
    return out


def preset_rankings(model: DecisionModel | None = None) -> pd.DataFrame:
    """Each illustrative preset's ranking of the options with the starting scores: the balance check a
    teacher can show (each side's illustration ranks that side's options first)."""
    model = model or starting_model()
    rows = []
    for preset in presets().values():
        analysis = analyse(model, preset.weights)
        order = sorted(range(len(model.options)), key=lambda i: (int(analysis.ranks[i]), i))
        rows.append({"Illustration": preset.label, "Side": SIDE_LABELS[preset.side],
                     "Ranking (weighted score)": "; ".join(
                         f"{int(analysis.ranks[i])}. {model.options[i].short_label} ({analysis.totals[i]:.2f})"
                         for i in order),
                     "First": " / ".join(model.option(o).short_label for o in analysis.top()),
                     "Its side's option first": all(model.option(o).preferred_by == preset.side for o in analysis.top())})
    return pd.DataFrame(rows)


def criteria_table(model: DecisionModel | None = None) -> pd.DataFrame:
    """The model's documentation, one row per criterion: whose case it states and where its scores come from."""
    model = model or starting_model()
    kinds = {}
    for (o, c), cell in model.cells.items():
        kinds.setdefault(c, {}).setdefault(cell.evidence_kind, 0)
        kinds[c][cell.evidence_kind] += 1
    return pd.DataFrame([{
        "Criterion": c.label,
        "States the case of": SIDE_LABELS[c.serves],
        "Kind of question": c.question_kind,
        "Where its scores come from": c.scores_from,
        "Kinds of evidence (scores)": "; ".join(f"{k} ({n})" for k, n in sorted(
            kinds.get(c.id, {}).items(), key=lambda kv: EVIDENCE_KINDS.index(kv[0]) if kv[0] in EVIDENCE_KINDS else 99)),
    } for c in model.criteria])


def criteria_documentation_markdown() -> str:
    """The criteria table as Markdown, for the teacher notes (a test keeps the notes in step with the data)."""
    table = criteria_table()
    head = "| " + " | ".join(table.columns) + " |\n|" + "---|" * len(table.columns) + "\n"
    return head + "\n".join("| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |"
                             for row in table.itertuples(index=False))


def compare_with_preset(model: DecisionModel, weights: Mapping[str, int] | Sequence[int],
                        preset: Preset) -> tuple[pd.DataFrame, str]:
    """Your weights beside an illustrative preset's, with a sentence on the biggest difference and on
    what ranks first under each."""
    mine = weight_vector(model, weights)
    theirs = weight_vector(model, preset.weights)
    my_pct, their_pct = percent_shares(mine.tolist()), percent_shares(theirs.tolist())
    table = pd.DataFrame({
        "Criterion": [c.label for c in model.criteria],
        "Your weight": mine.tolist(), "Your share (%)": list(my_pct),
        "Illustration's weight": theirs.tolist(), "Illustration's share (%)": list(their_pct),
        "Difference (percentage points)": [round(a - b, 1) for a, b in zip(my_pct, their_pct)],
        "The illustration's made-up reason": [preset.reasons[c] for c in model.criterion_ids],
    })
    if int(mine.sum()) == 0:
        return table, "All your weights are zero, so there is nothing to compare yet."
    gaps = [abs(a - b) for a, b in zip(my_pct, their_pct)]
    j = max(range(len(gaps)), key=lambda k: (gaps[k], -k))
    sentence = (f"Your weights and this illustration differ most on “{model.criteria[j].label}”: "
                f"{my_pct[j]:g}% of your total against {their_pct[j]:g}% of theirs.")
    try:
        score, _, _ = model.matrices()
    except IncompleteScores:
        return table, sentence + " Fill in every score to compare rankings."
    mine_top = [model.option_ids[i] for i in sorted(top_options(score, mine))]
    their_top = [model.option_ids[i] for i in sorted(top_options(score, theirs))]
    if mine_top == their_top:
        sentence += f" With the same scores, both sets of weights put the same option first: {_top_phrase(model, mine_top)}."
    else:
        sentence += (f" With the same scores, your weights mean {_top_phrase(model, mine_top)}, while "
                     f"the illustration's mean {_top_phrase(model, their_top)}.")
    return table, sentence


def rank_reversal_feedback(model: DecisionModel, weights: Mapping[str, int] | Sequence[int]) -> tuple[bool, str]:
    """Has the student found weights under which a different option ranks first than under equal
    weights (same scores)? Feedback never depends on which option that is."""
    try:
        score, _, _ = model.matrices()
    except IncompleteScores as gap:
        return False, f"{gap}: fill them in first."
    w = weight_vector(model, weights)
    if int(w.sum()) == 0:
        return False, "All your weights are zero, so no option ranks first. Give some criteria weight."
    base = weight_vector(model, equal_weights(model))
    now = [model.option_ids[i] for i in sorted(top_options(score, w))]
    before = [model.option_ids[i] for i in sorted(top_options(score, base))]
    moved = [(model.criteria[j].label, int(base[j]), int(w[j])) for j in range(len(w)) if w[j] != base[j]]
    moved_text = "; ".join(f"“{name}” {a} → {b}" for name, a, b in moved) or "none"
    if now != before:
        return True, (f"Yes: that is a rank reversal. With equal weights {_top_phrase(model, before)}; with yours "
                      f"{_top_phrase(model, now)}. The weights you changed: {moved_text}. In your answer, say which "
                      "change did it and what value judgement it expresses.")
    analysis = analyse(model, w, draws=200)
    hint = ""
    if analysis.ok and analysis.sensitivity.smallest is not None:
        hint = f" Hint: try {change_phrase(model, analysis.sensitivity.smallest)}."
    return False, (f"Not yet: {_top_phrase(model, now)}, as with equal weights. Weights you changed: {moved_text}."
                   + hint)


def score_change_effect(before: DecisionModel, after: DecisionModel,
                        weights: Mapping[str, int] | Sequence[int]) -> str:
    """What one score change did to the ranking and to the chance of ranking first, in words."""
    first, second = analyse(before, weights), analyse(after, weights)
    if not second.ok:
        return second.problem
    if not first.ok:
        return f"Now {_top_phrase(after, second.top())}."
    parts = []
    for i, o in enumerate(after.options):
        r0, r1 = int(first.ranks[i]), int(second.ranks[i])
        p0, p1 = 100 * first.uncertainty.p_first[i], 100 * second.uncertainty.p_first[i]
        if r0 != r1 or abs(p1 - p0) >= 0.5:
            parts.append(f"“{o.short_label}” rank {r0} → {r1}, first in {p0:.0f}% → {p1:.0f}% of draws")
    if not parts:
        return "Your change did not move any option's rank or its chance of ranking first."
    lead = ("The top option changed. " if first.top() != second.top() else "The top option stayed the same. ")
    return lead + "; ".join(parts) + "."


_COMPARE = re.compile(r"\b(more|less|most|least|than|rather|over|above|before|outweighs?|matters?)\b")
_REASON = re.compile(r"\b(because|since|so that|therefore|that is why|which means|in order to)\b")
_EVIDENCE = re.compile(r"\b(evidence|study|studies|data|source|sources|research|court|law|statute|shows?|found)\b")


def justification_feedback(text: str, criteria: Sequence[Criterion]) -> list[tuple[bool, str]]:
    """A checklist for a written justification of weights. It looks at the shape of the reasoning
    only; it does not and cannot judge whether the values are right (there is no right set of weights)."""
    words = re.findall(r"[\w'’-]+", (text or "").lower())
    low = " ".join(words)
    named = [c.label for c in criteria if any(re.search(rf"\b{re.escape(k)}\b", low) for k in c.keywords)]
    return [
        (len(words) >= 40, f"Long enough to explain (at least 40 words; you have {len(words)})."),
        (len(named) >= 2, "Names at least two criteria (you mention: " + (", ".join(named) or "none yet") + ")."),
        (bool(_COMPARE.search(low)), "Says which matters more than which (words like “more than”, “over”, “matters most”)."),
        (bool(_REASON.search(low)), "Gives a reason (“because …”) for the ranking of what matters."),
        (bool(_EVIDENCE.search(low)), "Separates values from facts: points to evidence or law where a weight rests on what happens, not only on what you value."),
    ]


# ================================================================================================
# 10. Self-checks (answers computed from the data, so a data update updates the key)


def _shares_after_moving_enforcement() -> int:
    act = article_balancing_act()
    return rebalance_shares(act.percents, 0, act.percents[0] + 10)[1]


def _top_equal_weight_score() -> float:
    model = starting_model()
    score, _, _ = model.matrices()
    return round(float(weighted_totals(score, weight_vector(model, equal_weights(model))).max()), 2)


def _top_equal_weight_sum() -> float:
    model = starting_model()
    score, _, _ = model.matrices()
    return float((score @ weight_vector(model, equal_weights(model))).max() / DEFAULT_WEIGHT)


def _article_share(position: int) -> int:
    return article_balancing_act().percents[position]


#: Every self-check of notebook 04, at module level so the teacher's answer key (fedstate.answer_key)
#: collects them. Nothing here reads the data at import time: numeric answers and traps are functions
#: of the data, evaluated when a student checks an answer or the key is written.
SELF_CHECKS: tuple[MultipleChoice | Numeric, ...] = (
    MultipleChoice(
        "04.shares-of-what",
        "The article's “Balancing Act” gives three percentages. What are they percentages of?",
        (
            Choice("The article does not say; shares of money, staff time or attention would each mean a "
                   "different policy.", True,
                   "Right. Without a unit (dollars? officers? hours?) the split cannot be carried out or "
                   "checked; that is the first thing to ask of any allocation."),
            Choice("Shares of the state's yearly law-enforcement budget, to be divided among the three "
                   "programs the article names.", False,
                   "The article never says so. Budget is one possible reading among several.",
                   "filling in an unstated unit"),
            Choice("Shares of the people ICE arrested.", False,
                   "That mixes the closing allocation with the arrest statistics earlier in the article; "
                   "nothing links them.", "confusing an allocation with a statistic"),
            Choice("They are the result of a study the article summarizes.", False,
                   "The article cites no source for them; they read as the author's suggestion.",
                   "assuming a number has a source because it is precise"),
        ), NOTEBOOK),
    MultipleChoice(
        "04.goals-or-means",
        "Which best describes the article's three items?",
        (
            Choice("They mix a goal (community trust) with ways of acting (enforcement focus, policy "
                   "reform).", True,
                   "Right. “Community trust” is an outcome people want, while “enforcement focus” and “policy "
                   "reform” are ways of acting, so the shares weigh unlike things against each other. A "
                   "decision model keeps them apart: options are the means, criteria the goals, and weights "
                   "say how much each goal matters."),
            Choice("All three are goals the state wants to reach, so the percentages say how much each goal "
                   "matters.", False,
                   "“Enforcement focus” and “policy reform” describe actions, not results.",
                   "treating means as ends"),
            Choice("All three are policy options, so the percentages say how often to choose each.", False,
                   "“Community trust” is an outcome, not something one can choose to do directly.",
                   "treating goals as options"),
        ), NOTEBOOK),
    Numeric(
        "04.rebalance-rule",
        "Start from the article's split. Move the first share (the enforcement focus) up by ten "
        "percentage points. Under the sliders' rule, what does the second share (community trust) become?",
        _shares_after_moving_enforcement, 0.01,
        "The two other shares keep their proportion to each other and split what is left, so the second "
        "keeps its fraction of the two. Check it with the sliders above.", unit="%",
        traps=(Trap(lambda: _article_share(1) - 5, "splitting a change equally",
                    "That takes the same number of points from each other share. The rule keeps their "
                    "proportion instead, so the larger share gives up more."),
               Trap(lambda: _article_share(1), "thinking the other shares stay put",
                    "If nothing else moved, the total would pass 100. Something has to give.")),
        notebook=NOTEBOOK),
    MultipleChoice(
        "04.count-no-comparison",
        "A sheriff reports that, of the people with detainers the county released under a state law, a "
        "certain number were re-arrested within months. What does this count show on its own?",
        (
            Choice("That those re-arrests happened, but not whether the law caused more crime: we do not "
                   "know how many would have been re-arrested had the people been handed to ICE instead, "
                   "or how many similar people are re-arrested anyway.", True,
                   "Right. A count without a comparison group shows that something happened, not what "
                   "caused it. That is why such scores get wider ranges here."),
            Choice("That the state law raised crime.", False,
                   "A cause needs a comparison: the same kind of people or places without the law.",
                   "reading a count as a causal effect"),
            Choice("Nothing at all: counts from interested parties should be ignored.", False,
                   "Counts are real evidence of what happened; the point is to weigh them for what they can "
                   "show, not to throw them out.", "dismissing evidence because of its source"),
        ), NOTEBOOK),
    Numeric(
        "04.equal-weight-score",
        "Suppose you chose to give every criterion the same weight. With the module's starting estimates, what "
        "would the top option's weighted score be (out of 10)? Give two decimals.",
        _top_equal_weight_score, 0.01,
        "With equal weights the weighted score is the plain average of the option's scores: add its "
        "scores and divide by the number of criteria.", unit="points",
        traps=(Trap(_top_equal_weight_sum, "forgetting to divide by the total weight",
                    "That is the sum of the scores. A weighted average divides by the sum of the weights."),),
        notebook=NOTEBOOK),
    MultipleChoice(
        "04.p-first-meaning",  # shown fourth (answer_position below): three of 04's others would be second
        "Suppose the chart said that one option ranks first in about half of the draws. What would that mean?",
        (
            Choice("When every score is drawn at random within its range, that option comes out on top "
                   "with your weights in about half of the draws: the ranking depends on scores that are "
                   "uncertain.", True,
                   "Right. It measures how robust the ranking is to the uncertainty in the scores, given "
                   "your weights; it says nothing about whether those weights are right."),
            Choice("About half of people prefer that option.", False,
                   "No one was surveyed; the draws vary the scores, not people's opinions.",
                   "reading a model probability as a poll"),
            Choice("There is about a fifty-fifty chance that it is the correct policy.", False,
                   "The model cannot say which policy is correct: that depends on values (the weights), "
                   "which are yours to set.", "treating a model output as the answer to a value question"),
            Choice("It scores about half as well as the best possible option.", False,
                   "That would be its weighted score; the percentage counts draws in which it ranked first.",
                   "confusing a probability with a score"),
        ), NOTEBOOK, answer_position=3),
    MultipleChoice(
        "04.compensation",
        "In an additive model, option A scores 10 on due process and 0 on enforcement; option B scores 5 "
        "and 5. Both criteria have equal weight. What happens?",
        (
            Choice("They tie: a strength on one criterion fully makes up for a weakness on the other.", True,
                   "Right. Additive models are “compensatory”. That is an assumption, stated in the "
                   "model's limits, not a fact about the policies. Someone who thinks a score of 0 on any "
                   "criterion is unacceptable needs a different rule."),
            Choice("B wins: an option with a score of 0 on any criterion drops out of an additive model.", False,
                   "That would be a rule that rejects any very low score; the additive model does not work "
                   "that way.", "assuming the model screens out weak options"),
            Choice("A wins: its 10 on due process is the highest single score, and the model rewards the best "
                   "feature.", False,
                   "Only the weighted total counts, not the best single score.",
                   "judging by the best feature alone"),
        ), NOTEBOOK),
)


def self_checks() -> dict[str, MultipleChoice | Numeric]:
    """Every self-check of notebook 04, by id."""
    return {check.id: check for check in SELF_CHECKS}
