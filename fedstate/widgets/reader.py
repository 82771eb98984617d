"""Widgets of notebook 01: the article reader and the four reading activities.

Thin wiring: the text, marks and panels come from :mod:`fedstate.annotation`, the grading and hints
from :mod:`fedstate.reading`. Each builder returns its container with its parts as attributes, so
tests can set values and read what is shown. Every control is a standard ipywidget (keyboard-usable);
every HTML string is built from escaped text.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from fedstate import annotation, reading, responses
from fedstate.article import article, load_claims
from fedstate.data import load
from fedstate.widgets.access import labelled
from fedstate.widgets.common import BUTTON, FULL, answer_box, prose
from fedstate.widgets.printing import blank_html, lettered_html, print_html, printable, question_html, sorting_print_html

NOTEBOOK = reading.NOTEBOOK
_PLACEHOLDER = "— choose —"
_AUTO = widgets.Layout(width="auto")  # buttons in a row, as wide as their words (the default width cuts them off)
#: The claim list's label sits above the list, so the list gets the panel's whole width and the
#: claims' opening words are not cut short.
_CLAIM_LIST_CSS = ("<style>.fedstate-claim-select{flex-direction:column;align-items:stretch}"
                   ".fedstate-claim-select>.widget-label{width:auto;max-width:none;text-align:left}</style>")


def _short(text: str, n: int = 52) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def section_option_label(section, claims) -> str:
    count = sum(1 for c in claims if c.section == section.id)
    number = f"{section.id[1:]}. " if section.id.startswith("s") and section.id != "s0" else ""
    return f"{number}{section.title} · {count} claim{'s' if count != 1 else ''}" if count else \
        f"{number}{section.title} · no claims"


def claim_option_label(claim) -> str:
    """How a claim is listed in the reader: number, badge word, the opening words."""
    return f"{claim.label} {annotation.KIND_STYLES[claim.kind].badge} · {_short(claim.quote, 40)}"


# ---------------------------------------------------------------------------------------------
# The reader


def article_reader(folder=None, start: str = "s0") -> widgets.VBox:
    """Choose a section (drop-down or previous/next); read it with its claims marked; pick a claim to see its panel."""
    art, claims = article(folder), load_claims(folder)
    sections = list(art.sections)
    ids = [s.id for s in sections]
    no_claim_rows = load("article/no_claim.csv", folder)
    no_claim = dict(zip(no_claim_rows["block"], no_claim_rows["why"]))

    section_dropdown = widgets.Dropdown(options=[(section_option_label(s, claims), s.id) for s in sections],
                                        value=start, description="Section:",
                                        style={"description_width": "initial"},
                                        layout=widgets.Layout(width="30em"))
    previous_button = widgets.Button(description="Previous section", icon="arrow-left",
                                     tooltip="Go to the previous section", layout=_AUTO)
    next_button = widgets.Button(description="Next section", icon="arrow-right", tooltip="Go to the next section",
                                 layout=_AUTO)
    position = widgets.HTML()
    text = widgets.HTML(layout=widgets.Layout(flex="3 1 28em", min_width="20em", padding="0 1em 0 0"))
    text.add_class("fedstate-reader-text")
    claim_select = widgets.Select(options=[], rows=9, description="Claims:", style={"description_width": "initial"},
                                  layout=widgets.Layout(width="100%"))
    claim_select.add_class("fedstate-claim-select")
    panel = widgets.HTML(layout=widgets.Layout(width="100%"))
    panel.add_class("fedstate-claim-panel")
    side = widgets.VBox([widgets.HTML(_CLAIM_LIST_CSS + "<small>Choose a claim (arrow keys move through the list):</small>"),
                         claim_select, panel],
                        layout=widgets.Layout(flex="2 1 20em", min_width="18em", border="1px solid #ccc",
                                              padding="0.4em"))
    state = {"section": start, "claim": None, "updating": False}

    def render():
        section = art.section(state["section"])
        text.value = annotation.section_html(section, claims, state["claim"])
        claim = next((c for c in claims if c.id == state["claim"]), None)
        if claim is None:
            reasons = [f"{b.id}: {no_claim[b.id]}" for b in section.blocks if b.id in no_claim]
            note = ("No claims are annotated in this section. " + " ".join(reasons)) if reasons else ""
            panel.value = prose(annotation.claim_panel_html(None, folder, note))
        else:
            panel.value = prose(annotation.claim_panel_html(claim, folder))
        at = ids.index(state["section"])
        position.value = (f'<span role="status">Section {at + 1} of {len(ids)}</span>')
        previous_button.disabled = at == 0
        next_button.disabled = at == len(ids) - 1

    def show_section(section_id: str, claim_id: str | None = None):
        mine = [c for c in claims if c.section == section_id]
        state["updating"] = True
        try:
            state["section"] = section_id
            if section_dropdown.value != section_id:
                section_dropdown.value = section_id
            claim_select.options = [(claim_option_label(c), c.id) for c in mine]
            chosen = claim_id if claim_id in {c.id for c in mine} else (mine[0].id if mine else None)
            claim_select.value = chosen
            state["claim"] = chosen
        finally:
            state["updating"] = False
        render()

    def select_claim(claim_id: str | None):
        claim = next((c for c in claims if c.id == claim_id), None)
        if claim is not None and claim.section != state["section"]:
            show_section(claim.section, claim_id)
            return
        state["claim"] = claim_id
        if claim_select.value != claim_id:
            state["updating"] = True
            try:
                claim_select.value = claim_id
            finally:
                state["updating"] = False
        render()

    def step(offset: int):
        at = ids.index(state["section"]) + offset
        if 0 <= at < len(ids):
            show_section(ids[at])

    section_dropdown.observe(lambda ch: None if state["updating"] else show_section(ch["new"]), "value")
    claim_select.observe(lambda ch: None if state["updating"] else select_claim(ch["new"]), "value")
    previous_button.on_click(lambda _b: step(-1))
    next_button.on_click(lambda _b: step(1))

    controls = widgets.HBox([section_dropdown, previous_button, next_button, position],
                            layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
    body = widgets.HBox([text, side], layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))
    box = widgets.VBox([controls, body], layout=widgets.Layout(border="1px solid #999", padding="0.6em"))
    box.add_class("fedstate-reader")
    show_section(start)
    box.section_dropdown, box.previous_button, box.next_button = section_dropdown, previous_button, next_button
    box.position, box.text, box.claim_select, box.panel = position, text, claim_select, panel
    box.show_section, box.select_claim, box.state, box.claims = show_section, select_claim, state, claims
    # On paper: the whole article, every section, with its claims marked and numbered.
    return printable(box, lambda: "".join(annotation.section_html(s, claims) for s in sections))


# ---------------------------------------------------------------------------------------------
# Activity 1: What kind of text is this?


def cue_sorter(folder=None, store: responses.AnswerStore | None = None) -> widgets.VBox:
    """Each cue on the page with a choice of what it points to; Check gives feedback cue by cue."""
    store = store or responses.store()
    table = reading.cues(folder)
    # The placeholder's value is "" (not None): a Dropdown whose value is None shows a blank box.
    options = [(_PLACEHOLDER, "")] + [(label, key) for key, label in reading.CUE_ZONES.items()]
    controls, rows = {}, []
    for number, cue in enumerate(table.to_dict("records"), start=1):
        saved = store.get(f"01.cue.{cue['id']}")
        control = widgets.Dropdown(options=options, value=saved if saved in reading.CUE_ZONES else "",
                                   layout=widgets.Layout(width="26em"))
        control.observe(lambda ch, cid=cue["id"], text=cue["cue"]: store.set(
            f"01.cue.{cid}", ch["new"] or None, prompt=f"What does the cue “{text}” point to?", notebook=NOTEBOOK),
            "value")
        label = widgets.HTML(prose(f"<b>{number}.</b> “{html.escape(cue['cue'])}” <small>({html.escape(cue['place'])})"
                                   "</small>"), layout=widgets.Layout(width="30em"))
        controls[cue["id"]] = control
        rows.append(labelled(widgets.HBox([label, control], layout=widgets.Layout(
            flex_flow="row wrap", align_items="center", margin="0 0 0.3em 0")), label))  # the menu is named by its cue
    check_button = widgets.Button(description="Check my answers", icon="check",
                                  tooltip="Get feedback on each cue", layout=widgets.Layout(**BUTTON))
    feedback = widgets.HTML(layout=FULL)
    feedback.add_class("fedstate-cue-feedback")

    def check(_button=None):
        results = [(cue, reading.grade_cue(cue, controls[cue["id"]].value or None)) for cue in table.to_dict("records")]
        if all(r.correct is None for _, r in results):
            feedback.value = prose('<div role="status"><p>Choose what at least one cue points to, then press '
                                   "<em>Check my answers</em>.</p></div>")
            return [r for _, r in results]
        items = "".join(f"<li>{html.escape(r.mark)} “{html.escape(cue['cue'])}”: {html.escape(r.message)}</li>"
                        for cue, r in results)
        feedback.value = prose(f'<div role="status"><p><strong>{html.escape(reading.tally([r for _, r in results]))}'
                               f"</strong></p><ol>{items}</ol></div>")
        return [r for _, r in results]

    check_button.on_click(check)
    box = widgets.VBox([*rows, check_button, feedback])
    box.controls, box.check_button, box.feedback, box.check = controls, check_button, feedback, check
    records = table.to_dict("records")
    return printable(box, lambda: sorting_print_html(
        "01.cues", "What kind of text does each cue point to?", [(label, key) for key, label in reading.CUE_ZONES.items()],
        [f"“{cue['cue']}” ({cue['place']})" for cue in records],
        [(reading.CUE_ZONES[cue["points_to"]], _also(cue, reading.CUE_ZONES) + cue["explanation"]) for cue in records]))


def _also(row, labels=None) -> str:
    """"Also accepted: …" for a key with second answers (empty when there are none)."""
    extra = reading.split_accepted(row["also_accepted"])
    words = [labels[e].split(":")[0] if labels else e for e in extra]
    return f"Also accepted: {', '.join(words)}. " if words else ""


# ---------------------------------------------------------------------------------------------
# Activity 2: Who said it?


def quotation_tracer(folder=None) -> widgets.VBox:
    """Choose one of the quotations credited to unnamed roles; see it beside the closest real words found."""
    rows = reading.quotation_rows(folder)
    chooser = widgets.Dropdown(
        options=[(f"{r['claim'].label}: “{_short(r['claim'].quote, 40)}” – {r['credited_to']}", r["claim"].id)
                 for r in rows],
        value=rows[0]["claim"].id, description="Quotation:", style={"description_width": "initial"},
        layout=widgets.Layout(width="48em", max_width="100%"))
    chooser.add_class("fedstate-quote-choice")
    panel = widgets.HTML(layout=widgets.Layout(width="100%", max_width="62em"))  # room for the two columns
    panel.add_class("fedstate-quote-panel")

    def show(claim_id: str):
        row = next(r for r in rows if r["claim"].id == claim_id)
        panel.value = prose(reading.quotation_compare_html(row, folder))

    chooser.observe(lambda ch: show(ch["new"]), "value")
    show(chooser.value)
    box = widgets.VBox([chooser, panel])
    box.chooser, box.panel, box.show = chooser, panel, show
    return printable(box, lambda: reading.quotations_text_html(folder))  # on paper: every quotation, traced


# ---------------------------------------------------------------------------------------------
# Activity 3: Words and framing (rewrite one sentence; hints, not marks)


def wording_coach(folder=None, store: responses.AnswerStore | None = None) -> widgets.VBox:
    """Pick a sentence, rewrite it neutrally in the box, ask for hints on the wording."""
    store = store or responses.store()
    claims = {c.id: c for c in load_claims(folder)}
    choices = [claims[cid] for cid in reading.REWRITE_CLAIMS]
    saved = store.get("01.rewrite.sentence")
    chooser = widgets.Dropdown(options=[(f"{c.label}: {_short(c.quote, 60)}", c.id) for c in choices],
                               value=saved if saved in reading.REWRITE_CLAIMS else choices[0].id,
                               description="Sentence:", style={"description_width": "initial"},
                               layout=widgets.Layout(width="44em"))
    original = widgets.HTML(layout=FULL)
    rewrite = answer_box("01.rewrite", "Your neutral rewrite of the sentence:", notebook=NOTEBOOK, rows=3,
                         store=store)
    hint_button = widgets.Button(description="Get feedback on my wording", icon="comment",
                                 tooltip="Hints on labels, loaded words and attribution (not a grade)",
                                 layout=widgets.Layout(**BUTTON))
    hints = widgets.HTML(layout=FULL)
    hints.add_class("fedstate-wording-hints")

    def show_original(claim_id: str):
        claim = claims[claim_id]
        original.value = prose(f'<blockquote style="font-style:italic;margin:0.4em 0 0.2em 1.5em">“{html.escape(claim.quote)}”'
                               f"</blockquote><small>{html.escape(claim.label)}, section {html.escape(claim.section)}</small>")

    def chosen(change):
        store.set("01.rewrite.sentence", change["new"], prompt="Sentence chosen to rewrite", notebook=NOTEBOOK)
        show_original(change["new"])

    def give_hints(_button=None):
        found = reading.wording_hints(rewrite.area.value, folder)
        hints.value = prose('<div role="status"><p><strong>Hints (not a grade: there is more than one good '
                            "rewrite)</strong></p><ul>" + "".join(f"<li>{html.escape(h)}</li>" for h in found)
                            + "</ul></div>")
        return found

    chooser.observe(chosen, "value")
    hint_button.on_click(give_hints)
    show_original(chooser.value)
    box = widgets.VBox([chooser, original, rewrite, hint_button, hints])
    box.chooser, box.original, box.rewrite, box.hint_button, box.hints = chooser, original, rewrite, hint_button, hints
    box.give_hints = give_hints

    def on_paper() -> str:
        sentences = lettered_html([f"{c.label}: “{c.quote}”" for c in choices])
        return (question_html("01.rewrite.sentence", "<p><strong>Choose one sentence to rewrite neutrally:</strong></p>"
                              + sentences + blank_html("The sentence you chose (letter)")) + print_html(rewrite))

    return printable(box, on_paper)


# ---------------------------------------------------------------------------------------------
# Activity 4: Tag the sentences


def sentence_tagger(folder=None, store: responses.AnswerStore | None = None) -> widgets.VBox:
    """Tag each sentence; Check gives per-sentence feedback that explains the key."""
    store = store or responses.store()
    items = reading.tagging_items(folder).to_dict("records")
    options = [(_PLACEHOLDER, "")] + [(tag, tag) for tag in reading.TAGS]
    controls, rows = {}, []
    for number, item in enumerate(items, start=1):
        saved = store.get(f"01.tag.{item['id']}")
        control = widgets.Dropdown(options=options, value=saved if saved in reading.TAGS else "",
                                   layout=widgets.Layout(width="14em"))
        control.observe(lambda ch, iid=item["id"], text=item["sentence"]: store.set(
            f"01.tag.{iid}", ch["new"] or None, prompt=f"Tag the sentence: “{text}”", notebook=NOTEBOOK), "value")
        sentence = widgets.HTML(prose(f"<b>{number}.</b> “{html.escape(item['sentence'])}”"),
                                layout=widgets.Layout(width="38em"))
        controls[item["id"]] = control
        rows.append(labelled(widgets.HBox([sentence, control], layout=widgets.Layout(
            flex_flow="row wrap", align_items="center", margin="0 0 0.3em 0")), sentence))  # named by its sentence
    check_button = widgets.Button(description="Check my tags", icon="check", tooltip="Feedback on every sentence",
                                  layout=widgets.Layout(**BUTTON))
    feedback = widgets.HTML(layout=FULL)
    feedback.add_class("fedstate-tag-feedback")

    def check(_button=None):
        results = [reading.grade_tag(item, controls[item["id"]].value or None) for item in items]
        if all(r.correct is None for r in results):
            feedback.value = prose('<div role="status"><p>Tag at least one sentence, then press '
                                   "<em>Check my tags</em>.</p></div>")
            return results
        lines = "".join(f"<li>{html.escape(r.mark)} {html.escape(r.message)}</li>" for r in results)
        feedback.value = prose(f'<div role="status"><p><strong>{html.escape(reading.tally(results))}</strong></p>'
                               f"<ol>{lines}</ol></div>")
        return results

    check_button.on_click(check)
    box = widgets.VBox([*rows, check_button, feedback])
    box.controls, box.check_button, box.feedback, box.check = controls, check_button, feedback, check
    return printable(box, lambda: sorting_print_html(
        "01.tags", "Tag each sentence.", [(tag, tag) for tag in reading.TAGS], [f"“{i['sentence']}”" for i in items],
        [(i["answer"], _also(i) + i["explanation"]) for i in items]))


# ---------------------------------------------------------------------------------------------
# Benchmark


def benchmark_actions() -> list[tuple[str, callable]]:
    """One widget callback per item, on widgets built once here (for the project benchmark)."""
    import tempfile

    # A throw-away answers file, so timing the widgets never writes into a student's answers.
    scratch = responses.AnswerStore(tempfile.mkdtemp(prefix="fedstate-bench-"))
    reader = article_reader()
    cues, tagger = cue_sorter(store=scratch), sentence_tagger(store=scratch)
    tracer, coach = quotation_tracer(), wording_coach(store=scratch)
    # One answer each, so that Check does its full work (with nothing chosen it returns early).
    next(iter(cues.controls.values())).value = next(iter(reading.CUE_ZONES))
    next(iter(tagger.controls.values())).value = reading.TAGS[0]
    section_ids = [s.id for s in article().sections]
    claim_ids = [c.id for c in reader.claims]
    cycle = {"section": 0, "claim": 0, "quote": 0}

    def choose_section():
        cycle["section"] = (cycle["section"] + 1) % len(section_ids)
        reader.section_dropdown.value = section_ids[cycle["section"]]

    def choose_claim():
        options = [value for _label, value in reader.claim_select.options]
        if options:
            cycle["claim"] = (cycle["claim"] + 1) % len(options)
            reader.claim_select.value = options[cycle["claim"]]

    def next_section():
        if reader.next_button.disabled:
            reader.show_section(section_ids[0])
        else:
            reader.next_button.click()

    def jump_to_claim():
        cycle["claim"] = (cycle["claim"] + 7) % len(claim_ids)
        reader.select_claim(claim_ids[cycle["claim"]])

    def choose_quotation():
        values = [value for _label, value in tracer.chooser.options]
        cycle["quote"] = (cycle["quote"] + 1) % len(values)
        tracer.chooser.value = values[cycle["quote"]]

    def coach_hints():
        coach.rewrite.area.value = "DHS said the department arrested more than 400,000 people."
        coach.hint_button.click()

    return [
        ("reader: choose a section", choose_section),
        ("reader: next section", next_section),
        ("reader: select a claim", choose_claim),
        ("reader: jump to a claim in another section", jump_to_claim),
        ("cue sorter: check", cues.check_button.click),
        ("tagger: check", tagger.check_button.click),
        ("who said it: choose a quotation", choose_quotation),
        ("wording: hints", coach_hints),
    ]
