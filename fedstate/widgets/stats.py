"""Widgets for notebook 03, "Checking the numbers". Thin wiring over :mod:`fedstate.stats`.

Each builder returns a container and exposes its controls and outputs as attributes, so a test can
set a control's value and read what the student would see. Every chart is a
:class:`fedstate.charts.ChartView`: the figure and its text version change together.
"""

from __future__ import annotations

import html
import tempfile

import ipywidgets as widgets

from fedstate import responses, stats
from fedstate.charts import ChartView, folded, table_html
from fedstate.data import source_line
from fedstate.widgets.common import BUTTON, prose, show_placeholder
from fedstate.widgets.printing import blank_html, key_html, numeric_key_html, print_html, printable, question_html

WIDE = widgets.Layout(width="100%", max_width="52em")
_VERDICT_MARK = {"Accurate": "✔", "Partly accurate": "◐", "Misstates the figure": "≠", "Misreported": "✘",
                 "Not verified: no source found": "?"}
_VERDICT_COLOUR = {"Accurate": "#006b3c", "Partly accurate": "#8a5a00", "Misstates the figure": "#a00000",
                   "Misreported": "#a00000", "Not verified: no source found": "#444"}


def _dropdown(description: str, options, value=None, width="38em") -> widgets.Dropdown:
    # max_width: a long choice never pushes the menu past the cell in a narrow window
    return widgets.Dropdown(options=options, value=value, description=description,
                            style={"description_width": "9em"}, layout=widgets.Layout(width=width, max_width="100%"))


# ---------------------------------------------------------------------------------------------
# The article's numbers beside the evidence


def reconciliation_html(reconciliation: stats.Reconciliation) -> str:
    """One card: the article's words, the verdict (symbol and word, not colour alone), why, sources."""
    esc = html.escape
    r = reconciliation
    n = r.number
    colour = _VERDICT_COLOUR[r.verdict]
    reasons = "".join(f"<li>{esc(reason)}</li>" for reason in r.reasons)
    # Tight margins: the seven cards are the tallest part of the notebook's core path, and JupyterLab's
    # default paragraph and list margins spread them out; every word stays.
    gap = "margin:0 0 0.3em 0"
    return (f'<div class="fedstate-stats-card" style="border-left:5px solid {colour};padding:0.2em 0.8em;margin:0 0 0.7em 0">'
            f"<p style=\"{gap}\"><strong>The article:</strong> \u201c{esc(n['quote'])}\u201d <small>(attributed to {esc(n['attributed_to'])})</small></p>"
            f'<p style="color:{colour};{gap}"><strong>{_VERDICT_MARK[r.verdict]} Verdict: {esc(r.verdict)}</strong> '
            f"<small>(the rule: {esc(stats.VERDICT_RULES[r.verdict])})</small></p>"
            f'<ul style="{gap};padding-left:1.4em">{reasons}</ul><p style="margin:0"><small>{esc(source_line(r.source_ids))}</small></p></div>')


def article_vs_evidence_html() -> str:
    """Every number the article states, each with its verdict and reasons (plain HTML, prints)."""
    table = stats.figures()
    cards = [reconciliation_html(stats.reconcile(nid, table)) for nid in stats.article_numbers()["id"]]
    return prose("".join(cards))


# ---------------------------------------------------------------------------------------------
# Denominator explorer


def denominator_explorer(population: str = "ice-arrests", category: str = "convicted-or-pending") -> widgets.VBox:
    """Pick a population, a definition of "criminal" and a source; see the share, the count and
    100 people as icons, beside the article's number. It starts on like with like (ICE arrests,
    "convicted or charged", the article's own category); choosing another definition is the student's
    step, and the view then says when the article's number counts something else."""
    table = stats.figures()
    options = stats.explorer_options(table)
    labels = {g: stats.group_label(stats.figure(g, c, table)) for p in options for c in options[p] for g in options[p][c]}
    pop = _dropdown("Population", [(stats.population_label(p), p) for p in options], population)
    cat = _dropdown("Counted as", [], None)
    src = _dropdown("Source", [], None, width="62em")  # the source labels are long: room for the whole label
    share = widgets.HTML(layout=WIDE)
    share.add_class("fedstate-stats-share")
    warning = widgets.HTML(layout=WIDE)
    warning.add_class("fedstate-stats-warning")
    first = stats.explorer_view(population, category, options[population][category][0], table)
    view = ChartView(first.chart)
    state = {"busy": False}

    def fill_categories():
        available = options[pop.value]
        keep = cat.value if cat.value in available else next(iter(available))
        cat.options = [(stats.EXPLORER_CATEGORIES[c], c) for c in available]
        cat.value = keep

    def fill_sources():
        groups = options[pop.value][cat.value]
        keep = src.value if src.value in groups else groups[0]
        src.options = [(labels[g], g) for g in groups]
        src.value = keep

    def redraw():
        result = stats.explorer_view(pop.value, cat.value, src.value, table)
        view.update(result.chart)
        share.value = prose(f"<p><strong>{html.escape(result.share_text)}</strong></p>")
        notes = [f'<p role="note">⚠ {html.escape(text)}</p>' for text in (result.warning, result.category_note) if text]
        if not result.warning:
            notes.insert(0, "<p>Same population as the article's numbers (ICE arrests).</p>")
        if not result.category_note:
            notes.append("<p>Same category as the article's number: like is compared with like.</p>")
        warning.value = prose("".join(notes))
        box.current = result

    def changed(_change=None, level="population"):
        if state["busy"]:
            return
        state["busy"] = True
        try:
            if level == "population":
                fill_categories()
            if level in ("population", "category"):
                fill_sources()
        finally:
            state["busy"] = False
        redraw()

    state["busy"] = True
    fill_categories()
    cat.value = category if category in options[population] else cat.value
    fill_sources()
    state["busy"] = False
    pop.observe(lambda ch: changed(ch, "population"), "value")
    cat.observe(lambda ch: changed(ch, "category"), "value")
    src.observe(lambda ch: changed(ch, "source"), "value")
    intro = widgets.HTML(prose("<p>Choose who is counted, what counts as &ldquo;criminal&rdquo;, and whose figure to use. "
                               "Each grid shows 100 people; the right-hand grid is the article's nearest number, on the "
                               "same scale. It starts on the article's own category (convicted <em>or</em> charged); "
                               "choose <em>Convicted of a crime</em> to see what that category hides, and read the note "
                               "that says when the two grids count different things.</p>"), layout=WIDE)
    box = widgets.VBox([intro, pop, cat, src, share, warning, view.widget])
    box.add_class("fedstate-stats-explorer")
    box.population, box.category, box.source, box.share, box.warning, box.view = pop, cat, src, share, warning, view
    box.options = options
    redraw()
    return printable(box)


# ---------------------------------------------------------------------------------------------
# The table that sums to 100%


def table_that_sums() -> widgets.VBox:
    """Apply the article's crime-type table to 400,000 or to 280,000 and compare with its text."""
    base = widgets.ToggleButtons(options=[(label, key) for key, label in stats.TABLE_BASES.items()], value="arrests",
                                 description="Apply the table to", style={"description_width": "initial", "button_width": "24em"})
    view = ChartView(stats.table_chart("arrests"))
    base.observe(lambda ch: view.update(stats.table_chart(ch["new"])), "value")
    box = widgets.VBox([base, view.widget])
    box.add_class("fedstate-stats-table")
    box.base, box.view = base, view
    return printable(box)


# ---------------------------------------------------------------------------------------------
# Trends


def trends_explorer(measure: str = "neither") -> widgets.VBox:
    """Shares through 2025, one line per population and source; choose the measure and populations."""
    pick = _dropdown("Measure", [(label, key) for key, label in stats.TREND_MEASURES.items()], measure, width="40em")
    boxes = {p: widgets.Checkbox(value=p in ("ice-arrests", "detained-on-day"), description=stats.population_label(p),
                                 indent=False, layout=widgets.Layout(width="22em"))
             for p in stats.TREND_POPULATIONS}
    view = ChartView(stats.trend_chart(measure, [p for p, b in boxes.items() if b.value]))

    def redraw(_change=None):
        view.update(stats.trend_chart(pick.value, [p for p, b in boxes.items() if b.value]))

    pick.observe(redraw, "value")
    for b in boxes.values():
        b.observe(redraw, "value")
    box = widgets.VBox([pick, widgets.HBox(list(boxes.values())), view.widget])
    box.add_class("fedstate-stats-trends")
    box.measure, box.populations, box.view, box.redraw = pick, boxes, view, redraw
    return printable(box)


# ---------------------------------------------------------------------------------------------
# Chart honesty


#: A framing's label is a sentence: let it wrap, left-aligned, instead of being cut off with "…".
_JUDGE_CSS = ("<style>.fedstate-judge{height:auto;align-items:center;margin:0.2em 0}"
              ".fedstate-judge>.widget-label{white-space:normal;overflow:visible;height:auto;line-height:1.35;"
              "text-align:left;padding-right:0.8em}</style>")


def chart_honesty(store: responses.AnswerStore | None = None) -> widgets.VBox:
    """One chart with framing toggles; the student judges each framing and gets feedback."""
    store = store or responses.store()
    truncated = widgets.Checkbox(value=False, description=stats.FRAMING_BY_KEY["truncated"].label, indent=False,
                                 layout=widgets.Layout(width="40em"))
    window = widgets.ToggleButtons(options=[(label, key) for key, label in stats.WINDOWS.items()], value="all",
                                   description="Windows shown", style={"description_width": "initial", "button_width": "15em"})
    mixed = widgets.Checkbox(value=False, description=stats.FRAMING_BY_KEY["mixed"].label, indent=False,
                             layout=widgets.Layout(width="40em"))
    baseline = widgets.Checkbox(value=False, description=stats.FRAMING_BY_KEY["baseline"].label, indent=False,
                                layout=widgets.Layout(width="40em"))
    view = ChartView(stats.honesty_chart())

    def redraw(_change=None):
        view.update(stats.honesty_chart(truncated.value, window.value, mixed.value, baseline.value))

    for control in (truncated, window, mixed, baseline):
        control.observe(redraw, "value")

    judges = {}
    for framing in stats.FRAMINGS:
        saved = store.get(f"03.honesty.{framing.key}")
        judges[framing.key] = show_placeholder(widgets.Dropdown(
            options=[("(choose)", None), ("Misleads", "Misleads"), ("Fair", "Fair")],
            value=saved if saved in ("Misleads", "Fair") else None, description=framing.label,
            style={"description_width": "26em"}, layout=widgets.Layout(width="36em", max_width="100%")))
        judges[framing.key].add_class("fedstate-judge")
    button = widgets.Button(description="Check my judgements", tooltip="Check which framings mislead, and why",
                            layout=widgets.Layout(**BUTTON))
    feedback = widgets.HTML(layout=WIDE)
    feedback.add_class("fedstate-feedback")

    def check(_button=None):
        answers = {key: d.value for key, d in judges.items()}
        for key, value in answers.items():
            if value is not None:
                store.set(f"03.honesty.{key}", value, prompt=f"Does this framing mislead? {stats.FRAMING_BY_KEY[key].label}",
                          notebook=stats.NOTEBOOK)
        results = stats.judge_framings(answers)
        items = []
        for key, correct, text in results:
            mark = {True: "✔", False: "✘", None: "…"}[correct]
            items.append(f"<li>{mark} {html.escape(text)}</li>")
        feedback.value = prose(f'<div role="status"><ul>{"".join(items)}</ul></div>')
        return results

    button.on_click(check)
    controls = widgets.VBox([truncated, window, mixed, baseline])
    judge_box = widgets.VBox([widgets.HTML(_JUDGE_CSS + prose("<p><strong>Your judgement:</strong> for each framing, "
                                                              "does it mislead or is it fair?</p>")),
                              *judges.values(), button, feedback])
    box = widgets.VBox([controls, view.widget, judge_box])
    box.add_class("fedstate-stats-honesty")
    box.truncated, box.window, box.mixed, box.baseline, box.view = truncated, window, mixed, baseline, view
    box.judges, box.button, box.feedback, box.check = judges, button, feedback, check
    return printable(box, lambda: print_html(controls) + print_html(view.widget) + _judgements_print_html())


def _judgements_print_html() -> str:
    """The framings to judge, on paper: circle one word for each; the key for the teacher."""
    rows = "".join(f'<tr><td style="padding:3px 6px;text-align:left">{n}. {html.escape(f.label)}</td>'
                   '<td style="padding:3px 6px;white-space:nowrap">Misleads&nbsp;/&nbsp;Fair</td></tr>'
                   for n, f in enumerate(stats.FRAMINGS, start=1))
    key = "".join(f"<li>{'Misleads' if f.misleads else 'Fair'}. {html.escape(f.why)}"
                  + (f" It favours {html.escape(f.favours)}." if f.misleads else "") + "</li>" for f in stats.FRAMINGS)
    return question_html("03.honesty", "<p><strong>Your judgement:</strong> for each framing, circle whether it "
                         f'misleads or is fair.</p><table style="border-collapse:collapse">{rows}</table>'
                         + key_html(f'<ol style="margin:0.2em 0">{key}</ol>'))


# ---------------------------------------------------------------------------------------------
# Research in context


def research_html(question: str) -> str:
    """The studies on one question, in three columns by the side that usually cites them."""
    esc = html.escape
    columns = []
    for side, frame in stats.research_by_side(question).items():
        cards = []
        for _, r in frame.iterrows():
            low = " <em>(low confidence)</em>" if r["Confidence"] in stats.LOW_CONFIDENCE else ""
            critique = f"<br><strong>Critiques:</strong> {esc(r['Critiques'])}" if r["Critiques"] else ""
            cards.append(
                f'<div class="fedstate-study" style="border:1px solid #ccc;padding:0.4em;margin:0 0 0.6em 0">'
                f"<strong>{esc(r['Study'])}</strong>{low}<br><strong>Finding:</strong> {esc(r['Finding'])} "
                f"<em>{esc(r['Key figure'])}</em><br><strong>Design:</strong> {esc(r['Design'])}<br>"
                f"<strong>What this design can show:</strong> {esc(r['What this design can show'])}<br>"
                f"<strong>Who was counted:</strong> {esc(r['Who was counted'])}<br><strong>Limits:</strong> {esc(r['Limits'])}"
                f"{critique}<br><small>Data: {esc(r['Data period'])}; {esc(r['Published'])}. "
                f"{esc(source_line(r['Sources'].split('; ')))}</small></div>")
        body = "".join(cards) or "<p><em>No study in this module's sources for this side of this question.</em></p>"
        columns.append(f'<div style="flex:1;min-width:16em"><h4 style="margin:0.2em 0">{esc(stats.SIDE_LABELS[side])} '
                       f"({len(frame)})</h4>{body}</div>")
    return prose(f'<div style="display:flex;gap:1em;flex-wrap:wrap">{"".join(columns)}</div>')


def research_explorer(question: str = "immigrant-crime-rates") -> widgets.VBox:
    """Choose a research question; see every study on it, grouped by the side that usually cites it."""
    pick = _dropdown("Question", [(label, key) for key, label in stats.RESEARCH_QUESTIONS.items()], question, width="44em")
    shown = widgets.HTML(research_html(question), layout=widgets.Layout(width="100%"))
    shown.add_class("fedstate-stats-research")
    pick.observe(lambda ch: setattr(shown, "value", research_html(ch["new"])), "value")
    box = widgets.VBox([pick, shown])
    box.question, box.shown = pick, shown
    return printable(box, _research_on_paper)


def _research_on_paper() -> str:
    """On paper the menu cannot be changed, so every question's studies are printed, as reference that the
    packet puts at the back (a long folded block)."""
    parts = "".join(f"<h4>{html.escape(label)}</h4>{research_html(key)}" for key, label in stats.RESEARCH_QUESTIONS.items())
    return (f'<details class="fedstate-reference" open><summary>The studies, question by question '
            f"({len(stats.RESEARCH_QUESTIONS)} questions)</summary>{parts}</details>")


def research_text_version() -> str:
    """Every study in one table (the printed stand-in for the explorer): everything the explorer's cards
    show, its limits and published critiques included, so print and screen-reader users lose nothing."""
    table = stats.research_table()
    table["Critiques"] = [c or "none found in the sources read" for c in table["Critiques"]]
    # publisher, title and date, as on the cards; the row ids of sources.csv mean nothing to a reader
    table["Sources"] = [source_line(ids.split("; ")).split(": ", 1)[1] for ids in table["Sources"]]
    table = table[["Study", "Question", "Finding", "Key figure", "Design", "What this design can show",
                   "Who was counted", "Limits", "Critiques", "Data period", "Published", "Usually cited", "Confidence",
                   "Sources"]].rename(columns={"Critiques": "Published critiques"})
    return folded(table_html(table, caption="Every study in this notebook: design, what it can show, limits and published critiques"),
                  "every study in one table (for screen readers and printing)")


# ---------------------------------------------------------------------------------------------
# Pandas exercises


def pandas_check(question_id: str, value, store: responses.AnswerStore | None = None) -> widgets.HTML:
    """Feedback on a number a student computed in a code cell (the answer key reads the data)."""
    store = store or responses.store()
    question = stats.SELF_CHECKS[question_id]

    def on_paper() -> str:  # the exercise needs a computer; on paper it is a question with a blank
        return question_html(question.id, f"<p><strong>Your turn.</strong> {html.escape(question.prompt)}</p>"
                             + blank_html("Your answer", question.unit) + key_html(numeric_key_html(question)))
    if value is Ellipsis or value is None:
        message = ("…", "#444", "Replace the <code>...</code> with your calculation, then run the cell again.")
        out = widgets.HTML(prose(f'<div role="status" style="color:{message[1]}">{message[0]} {message[2]}</div>'))
        out.add_class("fedstate-feedback")
        out.result = None
        return printable(out, on_paper)
    if hasattr(value, "item") and getattr(value, "size", 1) == 1:
        value = value.item()  # a one-number pandas Series or numpy value
    if hasattr(value, "__len__") and not isinstance(value, str):
        result_text = ("✘", "#a04000", "That is a table or a list, not one number: pick out the single value "
                       "(for example with <code>.iloc[0]</code>).")
        out = widgets.HTML(prose(f'<div role="status" style="color:{result_text[1]}">{result_text[0]} {result_text[2]}</div>'))
        out.add_class("fedstate-feedback")
        out.result = None
        return printable(out, on_paper)
    result = question.grade(value)
    store.set(question_id, str(value), prompt=question.prompt, notebook=question.notebook)
    colour = "#006b3c" if result.correct else "#a04000"
    mark = "✔" if result.correct else "✘"
    extra = (f"<br><small>Misconception this answer reflects: <em>{html.escape(result.misconception)}</em></small>"
             if result.misconception else "")
    out = widgets.HTML(prose(f'<div role="status" style="color:{colour}">{mark} {html.escape(result.message)}{extra}</div>'))
    out.add_class("fedstate-feedback")
    out.result = result
    return printable(out, on_paper)


# ---------------------------------------------------------------------------------------------
# Benchmark


def benchmark_actions():
    """One callback each, on widgets built once (used by the project benchmark)."""
    explorer = denominator_explorer()
    by_category = denominator_explorer()  # stays on ICE arrests, which offers several definitions
    by_source = denominator_explorer(category="convicted-or-pending")  # and many sources for this one
    trends = trends_explorer()
    # judgements made while benchmarking go to a throwaway folder, never into a student's answers
    honesty = chart_honesty(store=responses.AnswerStore(tempfile.mkdtemp(prefix="fedstate-bench-")))
    summed = table_that_sums()
    research = research_explorer()
    populations = list(explorer.options)
    cycle = {"i": 0}

    def next_population():
        cycle["i"] = (cycle["i"] + 1) % len(populations)
        explorer.population.value = populations[cycle["i"]]

    def next_category():
        options = [v for _, v in by_category.category.options]
        by_category.category.value = options[(options.index(by_category.category.value) + 1) % len(options)]

    def next_source():
        options = [v for _, v in by_source.source.options]
        by_source.source.value = options[(options.index(by_source.source.value) + 1) % len(options)]

    def toggle(control):
        return lambda: setattr(control, "value", not control.value)

    measures = list(stats.TREND_MEASURES)
    windows = list(stats.WINDOWS)
    questions = list(stats.RESEARCH_QUESTIONS)
    return [
        ("explorer: change population", next_population),
        ("explorer: change category", next_category),
        ("explorer: change source", next_source),
        ("trends: change measure", lambda: setattr(trends.measure, "value", measures[(measures.index(trends.measure.value) + 1) % len(measures)])),
        ("trends: toggle a population", toggle(trends.populations["book-ins"])),
        ("honesty: toggle truncated axis", toggle(honesty.truncated)),
        ("honesty: change window", lambda: setattr(honesty.window, "value", windows[(windows.index(honesty.window.value) + 1) % len(windows)])),
        ("honesty: toggle mixed populations", toggle(honesty.mixed)),
        ("honesty: check judgements", honesty.check),
        ("table: change base", lambda: setattr(summed.base, "value", "with-record" if summed.base.value == "arrests" else "arrests")),
        ("research: change question", lambda: setattr(research.question, "value", questions[(questions.index(research.question.value) + 1) % len(questions)])),
    ]
