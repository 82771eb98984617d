"""HTML for the annotated article: marked text, the claim panel, the legend and the printed table.

Each claim is marked three ways, so colour is never the only cue: a tinted background in the kind's
colour (Okabe–Ito palette), an underline whose *style* differs by kind (solid, double, dotted, dashed,
wavy), and a bracketed badge with the claim's number and a word for its kind ("[C12 STAT]"), which a
screen reader reads aloud. The selected claim also gets a black outline and a ▶ marker.

Every string from the data or the article is escaped with :func:`html.escape` before it is put into
HTML. All functions are plain (text in, HTML out), so they are tested without a browser.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from fedstate.article import (CLAIM_KINDS, SOURCE_ID, VERDICT_RULES, VERDICTS, Article, Block, Claim, Piece, Section,
                              coverage)
from fedstate.charts import GREY, PALETTE, folded, table_html
from fedstate.data import load, source_line, sources
from fedstate.reading import left_aligned, source_list_html


@dataclass(frozen=True)
class KindStyle:
    badge: str  # the word in the badge: the non-colour cue
    colour: str
    underline: str  # CSS text-decoration-style: a second non-colour cue
    meaning: str


KIND_STYLES: dict[str, KindStyle] = {
    "statistic": KindStyle("STAT", PALETTE[0], "solid", "a number: count, share or rate"),
    "factual claim": KindStyle("FACT", PALETTE[2], "double", "a date, event or other checkable statement"),
    "quotation": KindStyle("QUOTE", PALETTE[3], "dotted", "words presented as a quotation and credited to a speaker"),
    "attribution": KindStyle("SAYS", PALETTE[4], "dashed", "the article reports what someone else says or thinks"),
    "anecdote": KindStyle("STORY", PALETTE[5], "wavy", "a single case told as an example"),
    "prediction": KindStyle("PRED", PALETTE[7], "dashed", "a claim about what will happen"),
    "opinion": KindStyle("VIEW", PALETTE[1], "dotted", "the author's judgement, feeling or proposal"),
    "rhetorical question": KindStyle("ASK", "#8a7d00", "wavy", "a question asked for effect"),
}
assert set(KIND_STYLES) == set(CLAIM_KINDS)

VERDICT_MARKS = {
    "supported": ("✔", "#006b3c"),
    "partly supported": ("◐", "#8a5a00"),
    "misstates the source": ("≠", "#a00000"),
    "contradicted by sources": ("✘", "#a00000"),
    "not supported by any source found": ("?", "#a03000"),
    "quotation not found in any source we could find": ("⁇", "#a03000"),
    "cannot be checked": ("∅", "#444444"),
    "opinion, not checkable": ("—", "#444444"),
    "a question, not a claim": ("…", "#444444"),
}
assert set(VERDICT_MARKS) == set(VERDICTS)

def _esc(value) -> str:
    return html.escape("" if value is None else str(value))


def _tint(colour: str, alpha: float = 0.16) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def badge_html(claim: Claim) -> str:
    style = KIND_STYLES[claim.kind]
    return (f'<sup class="fs-badge" style="font-size:0.72em;font-weight:bold;color:#222;white-space:nowrap">'
            f"[{_esc(claim.label)}&nbsp;{_esc(style.badge)}]</sup>")


def verdict_html(verdict: str) -> str:
    mark, colour = VERDICT_MARKS[verdict]
    return f'<span style="color:{colour};font-weight:bold">{_esc(mark)} {_esc(verdict)}</span>'


def _mark_style(claim: Claim, selected: bool) -> str:
    style = KIND_STYLES[claim.kind]
    css = (f"background:{_tint(style.colour)};text-decoration-line:underline;"
           f"text-decoration-style:{style.underline};text-decoration-color:{style.colour};"
           "text-decoration-thickness:2px;text-underline-offset:3px;padding:0 1px;border-radius:2px;")
    if selected:
        css += "outline:2px solid #000;outline-offset:1px;"
    return css


def mark_piece(piece: Piece, claims: list[Claim], selected: str | None = None) -> str:
    """The piece's text as HTML, with every claim that overlaps it marked (claims never overlap each other)."""
    inside = sorted((c for c in claims if c.start < piece.end and piece.start < c.end), key=lambda c: c.start)
    out, cursor = [], piece.start
    for claim in inside:
        start, end = max(claim.start, piece.start), min(claim.end, piece.end)
        out.append(_esc(piece.text[cursor - piece.start:start - piece.start]))
        is_selected = claim.id == selected
        opener = "▶ " if is_selected and start == claim.start else ""
        title = f"{claim.label}: {claim.kind}; {claim.verdict}"
        out.append(f'<mark class="fs-claim" data-claim="{_esc(claim.id)}" title="{_esc(title)}" '
                   f'style="color:inherit;{_mark_style(claim, is_selected)}">{_esc(opener)}'
                   f"{_esc(piece.text[start - piece.start:end - piece.start])}</mark>")
        if end == claim.end:
            out.append(badge_html(claim))
        cursor = end
    out.append(_esc(piece.text[cursor - piece.start:]))
    return "".join(out)


def block_html(block: Block, claims: list[Claim], selected: str | None = None) -> str:
    """One block in reading form. Lists and tables keep their structure; quotations their attribution."""
    mine = [c for c in claims if c.block_id == block.id]
    mark = lambda piece: mark_piece(piece, mine, selected)  # noqa: E731
    rows = block.rows
    if block.kind in ("paragraph", "teaser", "site_label"):
        body = " ".join(mark(p) for row in rows for p in row)
        note = {"teaser": "Teaser the site shows above the article",
                "site_label": "Label the site puts on the page"}.get(block.kind)
        tag = f'<small style="color:#555;text-transform:uppercase;letter-spacing:0.03em">{_esc(note)}</small><br>' \
            if note else ""
        style = ' style="border-left:3px solid #999;padding-left:0.6em;color:#333"' if note else ""
        return f'<p class="fs-{block.kind}"{style}>{tag}{body}</p>'
    if block.kind in ("quotation", "closing_quote"):
        body = "<br>".join(mark(p) for row in rows for p in row)
        dash = "—" if block.kind == "closing_quote" else "–"
        lead = ('<small style="color:#555;text-transform:uppercase">Closing quote the site adds after the article'
                "</small><br>") if block.kind == "closing_quote" else ""
        return (f'<blockquote class="fs-{block.kind}" style="border-left:4px solid #777;margin:0.6em 0 0.6em 1em;'
                f'padding-left:0.8em;font-style:italic">{lead}<p style="margin:0">{body}</p>'
                f'<p style="margin:0.2em 0 0 0;font-style:normal">{_esc(dash)} {mark(block.attribution)}</p>'
                "</blockquote>")
    if block.kind in ("bulleted_list", "numbered_list"):
        tag = "ul" if block.kind == "bulleted_list" else "ol"
        items = "".join(f"<li>{mark(row[0])}</li>" for row in rows)
        return f'<{tag} class="fs-{block.kind}">{items}</{tag}>'
    if block.kind == "table":
        (left, right), *data = rows
        head = f'<tr><th scope="col">{mark(left)}</th><th scope="col">{mark(right)}</th></tr>'
        body = "".join(f"<tr><td>{mark(a)}</td><td>{mark(b)}</td></tr>" for a, b in data)
        return (f'<table class="fedstate-table fs-article-table"><caption style="text-align:left;color:#555">'
                f"<small>Table as printed in the article (its two columns were run together in the scrape and "
                f"have been separated)</small></caption><thead>{head}</thead><tbody>{body}</tbody></table>")
    if block.kind == "balancing_list":
        items = "".join(f"<li>{mark(row[0])}</li>" for row in rows)
        return f'<div class="fs-balancing"><p><strong>{mark(block.heading)}:</strong></p><ul>{items}</ul></div>'
    if block.kind == "author_box":
        body = " ".join(mark(p) for row in rows for p in row)
        return (f'<div class="fs-author-box" style="border:1px solid #bbb;padding:0.5em;background:#f6f6f6">'
                f"<strong>Author</strong><p>{body}</p></div>")
    raise ValueError(f"no renderer for block kind {block.kind!r}")


def section_html(section: Section, claims: list[Claim], selected: str | None = None) -> str:
    """A whole section as HTML, with its claims marked."""
    blocks = "".join(block_html(b, claims, selected) for b in section.blocks)
    return (f'<div class="fs-section" role="region" aria-label="{_esc(section.title)}" '
            f'style="line-height:1.65;max-width:48em">'
            f'<h3 style="margin-top:0.2em">{_esc(section.title)}</h3>{blocks}</div>')


def claim_panel_html(claim: Claim | None, folder=None, empty_note: str = "") -> str:
    """What is known about one claim: kind, attribution, checkable, verdict, what sources say, sources."""
    if claim is None:
        note = empty_note or "Choose a claim to see what is known about it."
        return f'<div class="fs-panel" role="status"><p><em>{_esc(note)}</em></p></div>'
    style = KIND_STYLES[claim.kind]
    rows = [
        ("Kind", f'<span style="{_mark_style(claim, False)}">{_esc(claim.kind)}</span> {badge_html(claim)}'
                 f"<br><small>{_esc(style.meaning)}</small>"),
        ("Credited to", _esc(claim.attributed_to) if claim.attributed_to == claim.attribution_type
         else f"{_esc(claim.attributed_to)} <small>({_esc(claim.attribution_type)})</small>"),
        ("Kind of question", _esc(claim.question_type)),
        ("Can it be checked?", _esc(claim.checkable)),
        ("Verdict", verdict_html(claim.verdict)),
    ]
    table = "".join(f'<tr><th scope="row" style="text-align:left;padding-right:0.8em;vertical-align:top;'
                    f'white-space:nowrap">'
                    f"{_esc(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return left_aligned(f'<div class="fs-panel" role="region" aria-live="polite" aria-label="Claim {_esc(claim.label)}" '
                        'style="overflow-wrap:anywhere;min-width:0">'
            f'<h4 style="margin:0.2em 0">Claim {_esc(claim.label)}</h4>'
            f'<blockquote style="margin:0.3em 0 0.6em 0;font-style:italic">“{_esc(claim.quote)}”</blockquote>'
            f"<table>{table}</table>"
            f'<p style="margin-top:0.6em"><strong>What sources say.</strong> {_esc(claim.what_sources_say)}</p>'
            f"<p><strong>Sources</strong></p>{source_list_html(claim.source_ids, folder)}</div>")


def legend_html() -> str:
    """The key to the marks: kind, badge, underline style, colour, meaning; then the verdicts."""
    kinds = "".join(
        f'<tr><td><span style="background:{_tint(s.colour)};text-decoration-line:underline;'
        f"text-decoration-style:{s.underline};text-decoration-color:{s.colour};text-decoration-thickness:2px;"
        f'text-underline-offset:3px">sample words</span><sup><b>[C1&nbsp;{_esc(s.badge)}]</b></sup></td>'
        f"<td><b>{_esc(s.badge)}</b></td><td>{_esc(kind)}</td><td>{_esc(s.underline)} underline</td>"
        f"<td>{_esc(s.meaning)}</td></tr>"
        for kind, s in KIND_STYLES.items())
    verdicts = "".join(f"<li>{verdict_html(v)}: {_esc(VERDICT_RULES[v])}</li>" for v in VERDICTS)
    return left_aligned('<div class="fs-legend"><table class="fedstate-table"><caption>How claims are marked (the badge word '
            'and the underline style carry the meaning; colour only repeats it)</caption><thead><tr>'
            '<th scope="col">Looks like</th><th scope="col">Badge</th><th scope="col">Kind</th>'
            '<th scope="col">Underline</th><th scope="col">Meaning</th></tr></thead>'
            f"<tbody>{kinds}</tbody></table><p><strong>Verdicts</strong>, each with the rule that decides it "
            f"(“not supported by any source found” is not the same as “false”):</p><ul>{verdicts}</ul></div>")


def attribution_html(art: Article, folder=None) -> str:
    """Where the article comes from: title, author as credited, the site's label, date, address."""
    row = sources(folder).loc[SOURCE_ID]
    meta = art.metadata
    items = [
        ("Title", art.title),
        ("Author, as credited on the page", meta.get("author", "not given")),
        ("Published", f"{meta.get('date_as_printed', '')} (site's date line)"),
        ("Label the site gives it", f"“{meta.get('site_label', '')}”"),
        ("Site and address", row["address"]),
        ("How the text was obtained", row["note"]),
    ]
    body = "".join(f'<tr><th scope="row" style="text-align:left;padding-right:1em">{_esc(k)}</th>'
                   f"<td>{_esc(v)}</td></tr>" for k, v in items)
    return left_aligned('<div class="fs-attribution" style="border:1px solid #999;padding:0.6em;max-width:48em">'
            f"<table>{body}</table><p><small>The module reproduces the article as the object of study, with this "
            "attribution, exactly as it was scraped (glitches included). It does not endorse it.</small></p></div>")


def furniture_table(art: Article) -> pd.DataFrame:
    names = {"read_time": "reading time", "views": "view counter", "date": "date line",
             "related": "heading for links to other posts", "stray_markup": "leftover code from the site's template"}
    return pd.DataFrame([{"on the page": f.text, "what it is": names.get(f.what, f.what), "line": f.line}
                         for f in art.furniture])


def claims_table_html(art: Article, claims: list[Claim]) -> str:
    """The printed stand-in for the reader: every section's claims, in order, with verdict and sources."""
    parts = []
    for section in art.sections:
        mine = [c for c in claims if c.section == section.id]
        if not mine:
            parts.append(f"<h4>{_esc(section.title)}</h4><p><em>No claims annotated in this section "
                         f"(see the coverage table).</em></p>")
            continue
        rows = "".join(
            f"<tr><td>{_esc(c.label)}</td><td>“{_esc(c.quote)}”</td>"
            f"<td><b>{_esc(KIND_STYLES[c.kind].badge)}</b> {_esc(c.kind)}</td><td>{_esc(c.attributed_to)}</td>"
            f"<td>{_esc(c.question_type)}</td><td>{_esc(c.checkable)}</td><td>{verdict_html(c.verdict)}</td>"
            f"<td>{_esc(c.what_sources_say)}<br><small>{_esc(source_line(c.source_ids))}</small></td></tr>"
            for c in mine)
        parts.append(f"<h4>{_esc(section.title)}</h4><table class=\"fedstate-table\"><thead><tr>"
                     '<th scope="col">Claim</th><th scope="col" style="min-width:12em">Words</th><th scope="col">Kind</th>'
                     '<th scope="col">Credited to</th><th scope="col">Question</th><th scope="col">Checkable</th>'
                     # the same minimum widths in every section, so the eight tables line up when read in turn
                     '<th scope="col">Verdict</th><th scope="col" style="min-width:16em">What sources say</th></tr></thead>'
                     f"<tbody>{rows}</tbody></table>")
    return left_aligned(folded("".join(parts), "Text version of the reader: every section's claims in one table "
                                              "(for screen readers and printing)"))


def coverage_html(art: Article, claims: list[Claim], folder=None) -> str:
    """How complete the annotation is, computed: blocks annotated, blocks listed with a reason, missing ones."""
    table = coverage(art, claims, load("article/no_claim.csv", folder))
    annotated = int((table["status"] == "annotated").sum())
    listed = table[table["status"] == "no claim"]
    missing = int((table["status"] == "missing").sum())
    summary = (f"The parser finds {len(table)} blocks in the article. {annotated} carry {len(claims)} annotated "
               f"claims between them; {len(listed)} carry none, for the reasons below; {missing} are missing.")
    return left_aligned(f"<p>{_esc(summary)}</p>"
                        + table_html(listed[["kind", "begins", "claims or reason"]].rename(  # block ids ("s0-b2") mean nothing to a reader
                columns={"claims or reason": "why no claim"}), caption="Blocks without a claim"))


def verdict_counts(claims: list[Claim]) -> pd.DataFrame:
    """How many claims have each verdict (all verdicts listed, zero included), in the scale's order."""
    counts = pd.Series([c.verdict for c in claims]).value_counts()
    return pd.DataFrame({"verdict": list(VERDICTS), "claims": [int(counts.get(v, 0)) for v in VERDICTS]})


def kind_counts(claims: list[Claim]) -> pd.DataFrame:
    counts = pd.Series([c.kind for c in claims]).value_counts()
    return pd.DataFrame({"kind": list(CLAIM_KINDS), "claims": [int(counts.get(k, 0)) for k in CLAIM_KINDS]})


def verdict_chart(claims: list[Claim]):
    """Bar chart: the article's claims by verdict. Returns a fedstate.charts.Chart with its text version."""
    import plotly.graph_objects as go

    from fedstate.charts import Chart, style

    table = verdict_counts(claims)
    fig = go.Figure(go.Bar(x=table["claims"], y=table["verdict"], orientation="h", marker_color=GREY,
                           text=table["claims"], textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{x} claims<extra></extra>"))
    style(fig, f"The article's {len(claims)} annotated claims, by verdict", x_title="number of claims", y_title=None,
          height=400)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(rangemode="tozero")
    fig.update_layout(margin={"l": 340})
    checkable = sum(1 for c in claims if c.checkable != "no")
    top = table.sort_values("claims", ascending=False).iloc[0]
    summary = (f"Of {len(claims)} claims, {checkable} can be checked at least in part. The most common verdict is "
               f"“{top['verdict']}” ({top['claims']} claims).")
    return Chart(figure=fig, summary=summary, table=table, sources=(SOURCE_ID,),
                 notes=("Counts come from data/article/claims.csv; each verdict follows the module's fact sheets.",))
