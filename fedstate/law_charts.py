"""Figures and HTML panels for notebook 02: the offline state tile map, the timeline, the answers.

The map is drawn from shipped data (data/tile_grid.csv): one equal-size square per state on a 12 x 8
grid, as a plotly heatmap. Plotly's choropleth maps fetch their outlines from the internet when
viewed, and show an empty box offline; a heatmap needs nothing but the data in the figure.

Colour is never the only cue: every tile carries a letter code, every answer a symbol and a word.
Every builder returns a :class:`fedstate.charts.Chart` (figure + text version + sources) or an
HTML string in which all text is escaped.
"""

from __future__ import annotations

import html
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from fedstate import law
from fedstate.charts import GREY, PALETTE, Chart, folded, reference, style, table_html
from fedstate.data import source_address_html, source_line, sources
from fedstate.schemas.law import ARTICLE_DATE, TIMELINE_KINDS

esc = html.escape

MAP_VIEWS = {"law": "State law (end of 2025)", "doj": "DOJ's sanctuary list (Aug 5, 2025)"}

#: Tile fill, letter code and legend text for each category of each view. Light fills keep the
#: black tile labels readable (contrast of at least 4.5:1 with black text).
LAW_STYLE = {
    "limits": ("#56B4E9", "L", law.STATE_LAW_LABELS["limits"]),
    "requires": ("#E69F00", "R", law.STATE_LAW_LABELS["requires"]),
    "mixed": ("#CC79A7", "M", law.STATE_LAW_LABELS["mixed"]),
    "none": ("#DDDDDD", "–", law.STATE_LAW_LABELS["none"]),
    "not verified": ("#FFFFFF", "?", law.STATE_LAW_LABELS["not verified"]),
}
DOJ_STYLE = {
    True: ("#F0E442", "DOJ", "On DOJ's list"),
    False: ("#EEEEEE", "", "Not on DOJ's list"),
}
LOW_CONFIDENCE_MARK = "*"

MAP_NOTES = (
    "'Sanctuary' has no legal definition, and lists disagree: DOJ's list is the federal government's "
    "designation, while the state-law view classifies what each state's own law does.",
    "Equal-size tiles: a tile's size says nothing about a state's area or population.",
    "* marks a row of low confidence (a lead, not a fact): read its sources before relying on it.",
    "State law as of the end of 2025; Maine's law counts from January 2026.",
)


@lru_cache(maxsize=16)
def _styled_layout(title: str, x_title: str | None, height: int) -> str:
    """The module's chart conventions (fedstate.charts.style) as layout JSON, computed once per title.

    Building a figure from plain dicts in one step is several times faster than adding traces and
    updating the layout piece by piece; widgets redraw these figures on every click.
    """
    layout = style(go.Figure(), title, x_title=x_title, height=height).layout.to_plotly_json()
    # Copying plotly's default template into every new figure is most of the build time. style()
    # already sets what these charts rely on (fonts, colours, white background, grid lines), so
    # the template is dropped and only its hover and axis defaults that matter are kept below.
    layout.pop("template", None)
    layout["template"] = "none"
    layout.setdefault("hoverlabel", {"align": "left"})
    return layout


def _merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _figure(traces: list[dict], layout: dict, title: str, x_title: str | None = None, height: int = 380) -> go.Figure:
    import json

    base = json.loads(json.dumps(_styled_layout(title, x_title, height), default=str))
    return go.Figure({"data": traces, "layout": _merge(base, layout)})


_SOURCE_CACHE: dict = {}


def _source_rows() -> dict[str, dict]:
    """sources.csv as a dict of plain rows, rebuilt only when the file changes (fast lookups in callbacks)."""
    from fedstate.data import data_dir

    path = data_dir() / "sources.csv"
    key = (str(path), path.stat().st_mtime_ns)
    if _SOURCE_CACHE.get("key") != key:
        table = sources()
        table.attrs = {}
        _SOURCE_CACHE.update(key=key, rows={row["id"]: row for row in table.to_dict("records")})
    return _SOURCE_CACHE["rows"]


def source_line_safe(source_ids) -> str:
    """The chart's source line: ``fedstate.data.source_line`` (kept under this name for the law module)."""
    return source_line(source_ids)


class LawChart(Chart):
    """A Chart whose source line comes from the cached lookup (see source_line_safe)."""

    def source_line(self) -> str:
        return source_line_safe(self.sources)


def _publisher_lookup() -> dict[str, str]:
    return {sid: row["publisher"] for sid, row in _source_rows().items()}


def _publishers(source_ids, lookup: dict[str, str] | None = None) -> str:
    lookup = lookup or _publisher_lookup()
    return "; ".join(dict.fromkeys(lookup[sid] for sid in source_ids))


def _category(row, view: str):
    return row["state_law"] if view == "law" else bool(row["on_doj_list"])


def state_tile_map(view: str = "law", selected: str | None = None) -> Chart:
    """The 50 states and DC as equal tiles, coloured by state law or by DOJ's 2025 list."""
    if view not in MAP_VIEWS:
        raise ValueError(f"view must be one of {', '.join(MAP_VIEWS)}, not {view!r}")
    styles = LAW_STYLE if view == "law" else DOJ_STYLE
    states = law.jurisdictions().merge(law.tile_grid()[["abbr", "col", "row"]], on="abbr")
    states.attrs = {}  # line numbers are for error messages only; copying them slows every row access
    if selected is not None and selected not in set(states["abbr"]):
        raise ValueError(f"{selected!r} is not a state abbreviation on the map")
    keys = list(styles)
    z = [[None] * 12 for _ in range(8)]
    text = [[""] * 12 for _ in range(8)]
    hover = [[""] * 12 for _ in range(8)]
    for _, row in states.iterrows():
        r, c = row["row"] - 1, row["col"] - 1
        category = _category(row, view)
        _colour, code, label = styles[category]
        low = row["status"] == "low confidence"
        mark = LOW_CONFIDENCE_MARK if low else ""
        z[r][c] = keys.index(category)
        text[r][c] = f"<b>{row['abbr']}</b>{mark}<br>{code}" if code else f"<b>{row['abbr']}</b>{mark}"
        laws = "; ".join(x for x in (row["limit_laws"], row["require_laws"]) if isinstance(x, str) and x)
        hover[r][c] = (f"<b>{esc(row['name'])}</b><br>{esc(label)}<br>{esc(laws or 'no state-level law')}"
                       f"<br>Checked: {esc(row['status'])}")
    n = len(keys)
    colourscale = []
    for i, key in enumerate(keys):
        colour = styles[key][0]
        colourscale += [[i / n, colour], [(i + 1) / n, colour]]
    traces = [{"type": "heatmap", "z": z, "x": list(range(1, 13)), "y": list(range(1, 9)), "text": text,
               "texttemplate": "%{text}", "textfont": {"color": "#000000", "size": 12}, "customdata": hover,
               "hovertemplate": "%{customdata}<extra></extra>", "colorscale": colourscale, "zmin": -0.5,
               "zmax": n - 0.5, "showscale": False, "xgap": 4, "ygap": 4, "hoverongaps": False, "name": "states"}]
    for key in keys:  # legend entries: the heatmap itself has none
        colour, code, label = styles[key]
        traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers", "hoverinfo": "skip",
                       "name": f"{code + ' = ' if code else ''}{label}",
                       "marker": {"symbol": "square", "size": 14, "color": colour, "line": {"color": "#444444", "width": 1}}})
    shapes = []
    if selected:
        row = states[states["abbr"] == selected].iloc[0]
        shapes.append(selection_outline(int(row["col"]), int(row["row"])))
    title = f"{MAP_VIEWS[view]}: all 50 states and DC"
    fig = _figure(traces, {
        "xaxis": {"visible": False, "range": [0.4, 12.6], "fixedrange": True},
        "yaxis": {"visible": False, "range": [8.6, 0.4], "scaleanchor": "x", "scaleratio": 1, "fixedrange": True},
        # The legend sits under the map. No fixed width: the live map (fedstate.charts.live_figure)
        # follows its cell's width, so it is neither cut off in a narrow window nor small in a wide one.
        "legend": {"orientation": "h", "x": 0, "y": -0.01, "yanchor": "top", "font": {"size": 13}},
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10}, "dragmode": False, "shapes": shapes,
    }, title, height=600)  # 8 rows of tiles, square, at 1366x768 without a scroll per map

    lookup = _publisher_lookup()
    table_rows = []
    for _, row in states.sort_values("name").iterrows():
        _colour, code, label = styles[_category(row, view)]
        table_rows.append({"State": row["name"], MAP_VIEWS[view]: label,
                           "Law": "; ".join(x for x in (row["limit_laws"], row["require_laws"]) if isinstance(x, str) and x) or "none",
                           "Checked": row["status"], "Sources": _publishers(row["source_ids"], lookup)})
    table = pd.DataFrame(table_rows)
    if view == "law":
        counts = states["state_law"].value_counts()
        parts = [f"{int(counts.get(k, 0))} {law.STATE_LAW_VERBS[k]}" for k in LAW_STYLE if counts.get(k, 0)]
        summary = (f"Of the 50 states and DC: {', '.join(parts)}. Low-confidence rows: "
                   f"{law._join(law.low_confidence_states())}.")
        source_ids = ("psmag-2019-sanctuary-map", "statebins-layout")
    else:
        on = states[states["on_doj_list"]]
        summary = (f"DOJ's list names {len(on)} of the 50 states and DC ({law._join(sorted(on['name']))}). "
                   f"On the list but not limiting cooperation by state law: {law._join(law.on_list_not_limiting())}. "
                   f"Limiting cooperation but not on the list: {law._join(law.limiting_not_on_list())}.")
        source_ids = ("doj-2025-sanctuary-list", "nbc26-doj-list", "psmag-2019-sanctuary-map", "statebins-layout")
    if selected:
        summary += f" Selected: {states.loc[states['abbr'] == selected, 'name'].iloc[0]}."
    return LawChart(figure=fig, summary=summary, table=table, sources=source_ids,
                 notes=MAP_NOTES + ("Each state's own sources are in the table's last column and in the panel "
                                    "that opens when you select the state.",))


def selection_outline(col: int, row: int) -> dict:
    """A thick black square around one tile (a shape, so moving it does not redraw the tiles)."""
    return {"type": "rect", "x0": col - 0.5, "x1": col + 0.5, "y0": row - 0.5, "y1": row + 0.5,
            "line": {"color": "#000000", "width": 4}, "fillcolor": "rgba(0,0,0,0)"}


def state_at(col: int, row: int) -> str | None:
    """The abbreviation of the state whose tile is at this grid position (for clicks on the map)."""
    grid = law.tile_grid()
    match = grid[(grid["col"] == col) & (grid["row"] == row)]
    return None if match.empty else match.iloc[0]["abbr"]


def state_detail_html(abbr: str | None) -> str:
    """The selected state's laws, what they do, how well they were checked, and full sources."""
    if not abbr:
        return ('<div class="fedstate-state-detail" role="status"><p><em>Select a state from the menu, '
                "or click its tile, to see its laws and sources.</em></p></div>")
    frame = law.jurisdictions()
    match = frame[frame["abbr"] == abbr]
    if match.empty:
        raise ValueError(f"{abbr!r} is not a state abbreviation")
    row = match.iloc[0]
    table = sources()

    def field(label, value):  # row labels left and top: centred, they drifted away from long values
        return (f"<tr><th scope='row' style='text-align:left;vertical-align:top;padding:3px 10px 3px 0'>{esc(label)}</th>"
                f"<td style='vertical-align:top;padding:3px 0'>{esc(value)}</td></tr>")

    rows = [field("State law", law.STATE_LAW_LABELS[row["state_law"]]),
            field("Law that limits cooperation", row["limit_laws"] if isinstance(row["limit_laws"], str) and row["limit_laws"] else "none found"),
            field("Law that requires cooperation", row["require_laws"] if isinstance(row["require_laws"], str) and row["require_laws"] else "none found"),
            field("What it does", row["what_it_does"]),
            field("On DOJ's list (Aug 5, 2025)", "yes" if row["on_doj_list"] else "no"),
            field("How well checked", f"{row['status']} (confidence: {row['confidence']})")]
    if isinstance(row["change_2024_2025"], str) and row["change_2024_2025"]:
        rows.append(field("Changes 2024 to 2026", row["change_2024_2025"]))
    warn = ""
    if row["status"] in ("low confidence", "not verified here"):
        warn = (f"<p role='note'><strong>Careful:</strong> this row is {esc(row['status'])}; treat it as a lead to "
                "check, not as a fact.</p>")
    cites = "".join(f"<li>{esc(table.loc[s, 'publisher'])}, “{esc(table.loc[s, 'title'])}”"
                    f"{', ' + esc(str(table.loc[s, 'date'])) if isinstance(table.loc[s, 'date'], str) and table.loc[s, 'date'] else ''}. "
                    f"{source_address_html(table.loc[s])}</li>"
                    for s in row["source_ids"])
    return (f'<div class="fedstate-state-detail" role="status"><h4>{esc(row["name"])}</h4>{warn}'
            f'<table class="fedstate-table">{"".join(rows)}</table><p><strong>Sources</strong></p><ul>{cites}</ul></div>')


# ---------------------------------------------------------------------------------------------
# Timeline

KIND_SYMBOL = {"law": "square", "case": "diamond", "executive action": "triangle-up", "letter": "circle"}
KIND_COLOUR = {"law": PALETTE[0], "case": PALETTE[5], "executive action": PALETTE[2], "letter": PALETTE[3]}
LANE = {kind: i for i, kind in enumerate(reversed(TIMELINE_KINDS))}


def _stack(frame: pd.DataFrame, period: str) -> list[float]:
    """Small vertical offsets inside each lane so that events close in time do not hide each other."""
    if period == "sept-2025":
        # A close-up with labels: every event in a lane gets its own row, so labels never collide.
        seen: dict[str, int] = {}
        rows = []
        for _, row in frame.iterrows():
            i = seen.get(row["kind"], 0)
            seen[row["kind"]] = i + 1
            rows.append(0.3 - 0.22 * i)
        return rows
    _label, start, end = law.TIMELINE_PERIODS[period]
    span = (pd.Timestamp(end) - pd.Timestamp(start)).days
    gap = span / 45
    slots = (0.0, 0.22, -0.22, 0.11, -0.11, 0.33, -0.33)
    last: dict[tuple[str, int], pd.Timestamp] = {}
    offsets = []
    for _, row in frame.iterrows():
        when = pd.Timestamp(row["plot_date"])
        for i, offset in enumerate(slots):
            previous = last.get((row["kind"], i))
            if previous is None or (when - previous).days >= gap:
                break
        else:
            i, offset = len(offsets) % len(slots), slots[len(offsets) % len(slots)]
        end_date = row["date_end"] if isinstance(row["date_end"], str) and row["date_end"] else row["plot_date"]
        last[(row["kind"], i)] = pd.Timestamp(end_date)
        offsets.append(offset)
    return offsets


def timeline_chart(kinds=TIMELINE_KINDS, period: str = "all") -> Chart:
    """Events by kind over time, before and after the article; ranges and disputed dates as segments."""
    parts = timeline_parts(kinds, period)
    fig = _figure(parts["traces"], parts["layout"], parts["title"], x_title="Date", height=parts["height"])
    return LawChart(figure=fig, summary=parts["summary"], table=parts["table"], sources=parts["sources"],
                    notes=parts["notes"])


def timeline_parts(kinds=TIMELINE_KINDS, period: str = "all") -> dict:
    """Everything the timeline shows, as plain values: traces and layout (dicts), summary, table, sources.

    The widget updates its figure from these directly, which is much quicker than building and
    validating a whole new figure on every tick of a check box.
    """
    kinds = tuple(k for k in TIMELINE_KINDS if k in set(kinds))
    frame = law.timeline(kinds, period)
    offsets = _stack(frame, period)
    lookup = _publisher_lookup()
    labelled = period == "sept-2025"  # few events: name them on the chart itself
    traces = []
    # Two traces per kind, always, even when a kind is hidden or empty: the figure keeps the same
    # shape, so a widget redraw updates traces in place instead of rebuilding them.
    for kind in TIMELINE_KINDS:
        part = frame[frame["kind"] == kind]
        shown = kind in kinds and not part.empty
        ys = [LANE[kind] + offsets[i] for i in part.index]
        symbols = [KIND_SYMBOL[kind] + ("" if v == "before" else "-open") for v in part["vs_article"]]
        hover = [f"<b>{esc(r['event'])}</b><br>{esc(law.date_label(r))}<br>{esc(r['what_happened'])}"
                 f"<br><i>{'Before' if r['vs_article'] == 'before' else 'After'} the article</i>"
                 f"<br>Sources: {esc(_publishers(r['source_ids'], lookup))}" for _, r in part.iterrows()]
        # a span's label goes at its far end (next trace), so it does not sit on its own bar
        labels = [("" if s in ("range", "disputed") else e) for s, e in zip(part["date_status"], part["event"])]
        traces.append({
            "type": "scatter", "x": list(part["plot_date"]), "y": ys, "mode": "markers+text" if labelled else "markers",
            "name": law.TIMELINE_KIND_LABELS[kind], "showlegend": shown, "text": labels if labelled else [],
            "textposition": "middle right", "textfont": {"size": 11},
            "marker": {"symbol": symbols, "size": 12, "color": KIND_COLOUR[kind], "line": {"width": 2, "color": KIND_COLOUR[kind]}},
            "hovertext": hover, "hovertemplate": "%{hovertext}<extra></extra>"})
        # Ranges and disputed dates: a dotted bar from one date to the other, so both stay visible.
        xs, ys_span, texts, hovers = [], [], [], []
        for i, r in part[part["date_status"].isin(["range", "disputed"])].iterrows():
            y = LANE[kind] + offsets[i]
            tag = " (date disputed)" if r["date_status"] == "disputed" else ""
            note = f"<b>{esc(r['event'])}</b><br>{esc(r['date_note'])}"
            xs += [r["date"], r["date_end"], None]
            ys_span += [y, y, None]
            texts += ["", r["event"] + tag, ""]
            hovers += [note, note, ""]
        traces.append({
            "type": "scatter", "x": xs, "y": ys_span, "mode": "lines+markers+text" if labelled else "lines+markers",
            "text": texts if labelled else [], "textposition": "middle right", "textfont": {"size": 11},
            "showlegend": False, "connectgaps": False, "name": law.TIMELINE_KIND_LABELS[kind] + ": spans",
            "line": {"color": KIND_COLOUR[kind], "width": 3, "dash": "dot"},
            "marker": {"symbol": "line-ns", "size": 14, "line": {"width": 2, "color": KIND_COLOUR[kind]}},
            "hovertext": hovers, "hovertemplate": "%{hovertext}<extra></extra>"})
    for label, symbol in (("Filled: before the article", "circle"), ("Open: after the article", "circle-open")):
        traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": label,
                       "marker": {"symbol": symbol, "size": 11, "color": GREY, "line": {"width": 2, "color": GREY}}})
    _label, start, end = law.TIMELINE_PERIODS[period]
    title = "How we got here: laws, cases, executive actions and letters"
    layout = {
        "shapes": [{"type": "line", "x0": ARTICLE_DATE, "x1": ARTICLE_DATE, "y0": -0.5, "y1": len(TIMELINE_KINDS) - 0.5,
                    "line": {"color": "#000000", "width": 2, "dash": "dash"}}],
        "annotations": [{"x": ARTICLE_DATE, "y": len(TIMELINE_KINDS) - 0.45, "text": f"Article, {law.nice_date(ARTICLE_DATE)}",
                         "showarrow": False, "xanchor": "right", "yanchor": "bottom", "font": {"size": 12}}],
        "yaxis": {"tickvals": [LANE[k] for k in TIMELINE_KINDS], "ticktext": [law.TIMELINE_KIND_LABELS[k] for k in TIMELINE_KINDS],
                  "range": [-0.6, len(TIMELINE_KINDS) - 0.3], "showgrid": True, "fixedrange": True},
        # The close-up names its events beside their markers: room on the right for the last labels,
        # which otherwise ran over the article's date line or off the chart.
        "xaxis": {"type": "date", "range": [start, (pd.Timestamp(end) + pd.Timedelta(days=9)).date().isoformat()
                                            if period == "sept-2025" else end]},
        # below the axis title "Date", with a gap: it touched the title once the chart followed the cell width
        "legend": {"orientation": "h", "y": -0.45, "yanchor": "top", "x": 0},
        "margin": {"l": 190, "r": 20, "t": 60, "b": 90},
    }
    height = 500 if period == "sept-2025" else 430

    before = int((frame["vs_article"] == "before").sum())
    after = int((frame["vs_article"] == "after").sum())
    first, second = law.followup_dates()
    if frame.empty:
        summary = "No events shown: choose at least one kind of event."
    else:
        per_kind = ", ".join(f"{int((frame['kind'] == k).sum())} {law.TIMELINE_KIND_LABELS[k].lower()}" for k in kinds)
        summary = (f"{len(frame)} events from {law.date_label(frame.iloc[0])} to {law.date_label(frame.iloc[-1])} "
                   f"({per_kind}): {before} before the article and {after} after it.")
        if "t2025-followups" in set(frame["id"]):
            summary += f" The follow-up letters' date is disputed: {first} per CBS News, {second} per DHS."
    table = pd.DataFrame({
        "Date": [law.date_label(r) for _, r in frame.iterrows()],
        "Kind": [law.TIMELINE_KIND_LABELS[k] for k in frame["kind"]],
        "Event": frame["event"], "What happened": frame["what_happened"],
        "Before or after the article": frame["vs_article"],
        "Sources": [_publishers(s, lookup) for s in frame["source_ids"]],
    })
    ids = tuple(dict.fromkeys(s for ids in frame["source_ids"] for s in ids)) or ("dhs-2025-09-20-notice",)
    notes = ("A date known only to the month is drawn at mid-month, a year-only date at July 1; the table gives the real precision.",
             "Dotted bars join the dates that different sources give for the same event.")
    return {"traces": traces, "layout": layout, "title": title, "height": height, "summary": summary,
            "table": table, "sources": ids, "notes": notes}


# ---------------------------------------------------------------------------------------------
# Scenario answers


def _status_badge(status: str) -> str:
    symbol, word, meaning = law.STATUS_TEXT[status]
    colour = {"must": "#0b5394", "may": "#38761d", "depends": "#7f6000", "must not": "#a61c00",
              "unsettled": "#674ea7", "not verified": "#444444", "not asked": "#666666"}[status]
    return (f'<span class="fedstate-status" style="color:{colour};font-weight:bold">{esc(symbol)} {esc(word)}</span>'
            f'<br><small>{esc(meaning)}</small>')


def scenario_answer_html(outcome: law.Outcome) -> str:
    """The answer for one scenario: each action with its status, why, the law, confidence and sources."""
    j = law.term("jurisdiction", outcome.jurisdiction)
    r = law.term("request", outcome.request)
    s = law.term("situation", outcome.situation)
    rows = []
    for ruling in outcome.rulings:
        rows.append(f"<tr style='vertical-align:top'><th scope='row' style='text-align:left'>{esc(law.ACTION_LABELS[ruling.action])}</th>"
                    f"<td>{_status_badge(ruling.status)}</td><td>{esc(ruling.explanation)}</td>"
                    f"<td>{esc(ruling.citation)}<br><small>confidence: {esc(ruling.confidence)}</small></td></tr>")
    return (f'<div class="fedstate-scenario-answer" role="status" aria-live="polite">'
            f"<p><strong>Where:</strong> {esc(j['label'])}. <strong>ICE sent:</strong> {esc(r['label'])}. "
            f"<strong>The person:</strong> {esc(s['label'])}.</p>"
            # narrower fixed columns leave the "Why" column room to read in a narrow window
            f'<table class="fedstate-table" style="width:100%"><thead><tr><th scope="col" style="width:9em">What ICE asks</th>'
            f'<th scope="col" style="width:7em">Answer</th><th scope="col">Why</th>'
            f'<th scope="col" style="width:11em">Law behind it</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f"<p><small><strong>About this place:</strong> {esc(j['description'])}</small><br>"
            f"<small><strong>About this request:</strong> {esc(r['description'])}</small><br>"
            f"<small><strong>About this situation:</strong> {esc(s['description'])}</small></p>"
            f"<p><small>{esc(source_line_safe(outcome.source_ids))}</small></p></div>")


def _lower_first(label: str) -> str:
    """"No criminal record" -> "no criminal record", but "ICE detainer (Form I-247A)" keeps its capitals."""
    first = label.split(" ", 1)[0]
    return label if len(first) > 1 and first[:2].isupper() else label[:1].lower() + label[1:]


def comparison_html(request: str, situation: str) -> str:
    """The same person and request in every jurisdiction, as a compact table."""
    table = law.compare_jurisdictions(request, situation)
    caption = (f"Same person ({_lower_first(law.term('situation', situation)['label'])}), same request "
               f"({_lower_first(law.term('request', request)['label'])}), in each place")
    return f'<div class="fedstate-scenario-compare">{table_html(table, caption=caption)}</div>'


def decision_matrix_html() -> str:
    """Text version of the whole explorer: one table per request, every jurisdiction and situation."""
    parts = ['<div class="fedstate-textalt" role="group" aria-label="Scenario explorer: text version">',
             "<p><strong>Text version of the scenario explorer: every combination.</strong> Each cell gives "
             "N (tell ICE the release date), H (hold past release) and T (hand to ICE): must, may, depends, "
             "must not, unsettled, not verified (here), or not asked.</p>"]
    ids: dict[str, None] = {}
    for label, rid in law.options("request"):
        parts.append(table_html(law.decision_matrix(rid), caption=label))
        for jid in law.JURISDICTION_IDS:
            for sid in law.SITUATION_IDS:
                for s in law.detainer_outcome(jid, rid, sid).source_ids:
                    ids.setdefault(s, None)
    parts.append(f"<p><small>{esc(source_line_safe(tuple(ids)))}</small></p></div>")
    return folded("".join(parts), "every place, request and person in tables (for screen readers and printing)")


def framework_html() -> str:
    """The rules of the game as a table, with sources."""
    ids = ("supremacy-clause", "tenth-amendment", "new-york-v-us", "printz", "murphy-v-ncaa", "arizona-v-us",
           "cfr-287-7", "form-i-247a", "galarza", "miranda-olivares", "ina-287g", "287g-models", "usc-1373",
           "us-v-california", "el-cenizo")
    table = law.framework_table(ids)
    frame = law.legal_authorities().set_index("id")
    sids = tuple(dict.fromkeys(s for i in ids for s in frame.loc[i, "source_ids"]))
    return reference(f'<div class="fedstate-framework">{table_html(table, caption="The rules of the game")}'
                     f"<p><small>{esc(source_line_safe(sids))}</small></p></div>",
                     "Reference table: each rule with the case or law behind it (open it when a question asks "
                     "for an authority)")


def executive_actions_html() -> str:
    ids = ("eo-14159", "eo-14287", "laken-riley-act", "obbba")
    table = law.framework_table(ids)
    frame = law.legal_authorities().set_index("id")
    sids = tuple(dict.fromkeys(s for i in ids for s in frame.loc[i, "source_ids"]))
    return (f'<div class="fedstate-framework">{table_html(table, caption="2025: new federal orders and laws")}'
            f"<p><small>{esc(source_line_safe(sids))}</small></p></div>")


def legal_action_html() -> str:
    """The article's "Legal Action" line beside what the courts did with DOJ's 2025 suits."""
    lines = law.load("law_article_lines.csv").set_index("id")
    quote = lines.loc["legal-action", "quote"]
    suits = law.lawsuits()
    sids = tuple(dict.fromkeys(s for ids in suits["source_ids"] for s in ids))
    return (f'<div class="fedstate-legal-action"><blockquote style="border-left:4px solid {GREY};padding-left:0.8em">'
            f"“{esc(quote)}”<br><small>— the article, {esc(law.nice_date(ARTICLE_DATE))} ({esc(source_line_safe(lines.loc['legal-action', 'source_ids']))})</small>"
            f"</blockquote>{table_html(law.legal_action_comparison(), caption='What happened to the Justice Department’s 2025 suits')}"
            f"<p><small>{esc(source_line_safe(sids))}</small></p></div>")


def sorting_worksheet_html(activity: str) -> str:
    """A printable version of a sorting activity: the items and the bins, with space for answers."""
    items = law.sort_items(activity)
    text_col = law.ACTIVITIES[activity][1]
    bins = "; ".join(label for label, _ in law.sort_bins(activity))
    table = pd.DataFrame({"#": range(1, len(items) + 1), "Item": items[text_col], "Your answer": [""] * len(items)})
    return folded(f'<div class="fedstate-textalt"><p><strong>Worksheet (text version).</strong> Bins: {esc(bins)}.</p>'
                  f"{table_html(table)}</div>", "the sorting activity as a worksheet (for screen readers and printing)")


def sort_feedback_html(results: list[law.SortResult], bin_labels: dict[str, str]) -> str:
    right = sum(r.correct for r in results)
    rows = []
    for r in results:
        mark = "✔ right" if r.correct else ("✘ not yet" if r.chosen else "… not answered")
        decided = f" <small>Decided by: {esc('; '.join(r.authorities))}.</small>" if r.authorities else ""
        rows.append(f"<li><strong>{esc(mark)}</strong> — {esc(r.text)}<br>"
                    f"{'Answer: ' + esc(bin_labels[r.answer]) + '. ' if not r.correct else ''}{esc(r.explanation)}{decided}</li>")
    return (f'<div class="fedstate-sort-feedback" role="status"><p><strong>{right} of {len(results)} placed as the '
            f"law or the evidence decides.</strong></p><ul>{''.join(rows)}</ul></div>")


__all__ = ["MAP_VIEWS", "comparison_html", "decision_matrix_html", "executive_actions_html", "framework_html",
           "legal_action_html", "scenario_answer_html", "sort_feedback_html", "sorting_worksheet_html",
           "state_at", "state_detail_html", "state_tile_map", "timeline_chart", "timeline_parts", "LawChart",
           "selection_outline", "source_line_safe"]
