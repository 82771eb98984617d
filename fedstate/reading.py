"""The reading activities of notebook 01: what kind of text, who said it, words and framing, tagging.

Plain functions over the data in ``data/article/``; the widgets in :mod:`fedstate.widgets.reader` only
call these. Feedback always says why. Nothing here grades a student's view of the policy: the
activities are about reading (genre cues, attribution, word choice, the kind of sentence), and the
rewriting exercise gives hints, not marks, because a neutral rewrite has no single right answer.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pandas as pd

from fedstate.article import article, load_claims
from fedstate.charts import folded
from fedstate.checks import Choice, MultipleChoice
from fedstate.data import load, source_address_html, sources

NOTEBOOK = "01 Reading the article"

#: Kinds of text a cue can point to (answers in the cue sorter), as students see them.
CUE_ZONES = {
    "opinion": "Opinion: a writer argues or gives views",
    "news": "News: reports what happened, with sources",
    "commercial": "Commercial: the page sells attention, ads or paid posts",
    "mismatch": "Mismatch: a label or template that does not fit this text",
}
CUE_PLACES = ("top of the page", "teaser", "body", "after the article")
#: Tags for the sentence-tagging activity (after the News Literacy Project's suggested first check).
TAGS = ("factual claim", "relayed DHS claim", "author's opinion", "rhetorical question")
TERM_CATEGORIES = ("label for people", "loaded wording")
FITS_AP = ("yes", "no", "not covered")
TRACED = ("similar words found", "not found")
#: Sentences offered for the neutral-rewrite exercise (claim ids): each has a label or loaded words.
REWRITE_CLAIMS = ("s1-refused", "s3-400000-70pct", "s1-letters")

_ATTRIBUTING = re.compile(r"\b(according to|said|says|say|reported|reports|report|estimated|estimates|counted|"
                          r"found|finds|claimed|claims|told)\b", re.IGNORECASE)
# Quoted passages (a source's own words) are not flagged. Straight single quotes are left out on purpose:
# they double as apostrophes ("didn't ... ICE's") and would hide the words between two apostrophes.
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’")


def text_or_empty(value) -> str:
    """An optional text cell as a string: empty for a missing value (pandas gives NaN or None)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def split_accepted(value) -> list[str]:
    """The ";"-separated extra answers of a cue or sentence (empty or missing means none)."""
    value = text_or_empty(value)
    if not value:
        return []
    return [part.strip() for part in str(value).split(";") if part.strip()]


# ---------------------------------------------------------------------------------------------
# Data


def cues(folder=None) -> pd.DataFrame:
    return load("article/text_cues.csv", folder)


def tagging_items(folder=None) -> pd.DataFrame:
    return load("article/tagging.csv", folder)


def terms(folder=None) -> pd.DataFrame:
    return load("article/terms.csv", folder)


def term_usage(folder=None) -> pd.DataFrame:
    return load("article/term_usage.csv", folder)


def quotation_traces(folder=None) -> pd.DataFrame:
    return load("article/quotations.csv", folder)


# ---------------------------------------------------------------------------------------------
# Grading with reasons


@dataclass(frozen=True)
class Result:
    """Feedback on one answer: correct is None when nothing was chosen yet."""

    correct: bool | None
    message: str

    @property
    def mark(self) -> str:
        return {True: "✔", False: "✘", None: "…"}[self.correct]


def grade_cue(cue: dict | pd.Series, choice: str | None) -> Result:
    """Feedback on what a student says a cue points to. Choices are keys of CUE_ZONES."""
    if choice is None:
        return Result(None, "Not answered yet.")
    if choice not in CUE_ZONES:
        raise ValueError(f"{choice!r} is not one of {', '.join(CUE_ZONES)}")
    key, extra = cue["points_to"], split_accepted(cue["also_accepted"])
    if choice == key:
        return Result(True, f"Yes. {cue['explanation']}")
    if choice in extra:
        return Result(True, f"Accepted (the key says {_zone_word(key)}). {cue['explanation']}")
    return Result(False, f"The key says {_zone_word(key)}. {cue['explanation']}")


def _zone_word(zone: str) -> str:
    return CUE_ZONES[zone].split(":")[0].lower()


def grade_tag(item: dict | pd.Series, tag: str | None) -> Result:
    """Feedback on one tagged sentence."""
    if tag is None:
        return Result(None, "Not tagged yet.")
    if tag not in TAGS:
        raise ValueError(f"{tag!r} is not one of {', '.join(TAGS)}")
    if tag == item["answer"]:
        return Result(True, f"Yes: {item['answer']}. {item['explanation']}")
    if tag in split_accepted(item["also_accepted"]):
        return Result(True, f"Accepted; the key says {item['answer']}. {item['explanation']}")
    return Result(False, f"The key says {item['answer']}. {item['explanation']}")


def tally(results: list[Result]) -> str:
    """One line summing up a set of answers, e.g. "6 of 8 match the key; 2 not answered yet"."""
    answered = [r for r in results if r.correct is not None]
    right = sum(1 for r in answered if r.correct)
    text = f"{right} of {len(results)} match the key"
    missing = len(results) - len(answered)
    if missing:
        text += f"; {missing} not answered yet"
    return text + "."


# ---------------------------------------------------------------------------------------------
# Words and framing


def term_spans(text: str, term: str) -> list[tuple[int, int]]:
    """Where a term occurs in text: whole words, any case, ’ and ' treated alike."""
    pattern = re.escape(term).replace("’", "['’]").replace("\\'", "['’]")
    if term[:1].isalnum():
        pattern = r"\b" + pattern
    if term[-1:].isalnum():
        pattern += r"\b"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, flags=re.IGNORECASE)]


def voice_of(start: int, end: int, art=None, claims=None) -> str:
    """Whose words these are: the article's own voice, relaying someone, or inside a quotation."""
    art = art or article()
    claims = claims if claims is not None else load_claims()
    block = art.block_at(start, end)
    if block is not None and block.kind in ("quotation", "closing_quote"):
        return "inside a quotation"
    for claim in claims:
        if claim.start <= start and end <= claim.end and claim.kind == "attribution" \
                and claim.attribution_type not in ("the author", "no one"):
            return "relaying someone's view"
    return "the article's own voice"


def term_table(folder=None) -> pd.DataFrame:
    """Each term with how often the article uses it, where, and in whose voice (computed from the text)."""
    art, claims = article(folder), load_claims(folder)
    rows = []
    for row in terms(folder).itertuples(index=False):
        spans = term_spans(art.text, row.term)
        voices = [voice_of(s, e, art, claims) for s, e in spans]
        sections = sorted({art.block_at(s, e).section for s, e in spans if art.block_at(s, e)})
        rows.append({
            "term": row.term, "category": row.category, "times used": len(spans),
            "own voice": voices.count("the article's own voice"),
            "relaying someone": voices.count("relaying someone's view"),
            "in a quotation": voices.count("inside a quotation"),
            "sections": ", ".join(sections), "fits AP 2013": row.fits_ap,
            "AP 2013 guidance": row.ap_2013, "alternatives": text_or_empty(row.alternatives),
            "note": row.note, "source_ids": row.source_ids,
        })
    return pd.DataFrame(rows)


def _unquoted(text: str) -> str:
    return _QUOTED.sub(" ", text)


def wording_hints(text: str, folder=None) -> list[str]:
    """Hints (not marks) on a student's neutral rewrite of a sentence.

    Flags labels for people that AP's 2013 entry advises against and loaded phrases from the
    article, unless they are inside quotation marks (a quoted source's words are allowed, with
    attribution); and a figure with no word saying who reported it.
    """
    if not text or not text.strip():
        return ["Write your sentence first, then ask for feedback."]
    plain = _unquoted(text)
    hints = []
    for row in terms(folder).itertuples(index=False):
        flagged = row.fits_ap == "no" or row.category == "loaded wording"
        if flagged and term_spans(plain, row.term):
            alternatives = text_or_empty(row.alternatives)
            better = f" Alternatives: {alternatives}." if alternatives else ""
            hints.append(f"“{row.term}”: {row.note}{better} If you keep it, put it in quotation marks and say "
                         f"whose word it is.")
    if re.search(r"\d", plain) and not _ATTRIBUTING.search(text):
        hints.append("Your sentence has a figure but does not say who reported or counted it "
                     "(for example “DHS said …”).")
    if not hints:
        hints.append("No flagged label or loaded phrase found. Now check two things yourself: the facts are the "
                     "same as in the original, and every figure or claim says whose it is.")
    return hints


# ---------------------------------------------------------------------------------------------
# Who said it?


_FUNCTION_WORDS = {"with", "when", "that", "this", "they", "them", "their", "there", "from", "have", "were", "will",
                   "into", "before", "after", "what", "which", "would", "should", "could", "about", "back", "over"}


def shared_words(a: str, b: str) -> list[str]:
    """Content words (4+ letters, not function words) two quotations share, in the order they appear in ``a``."""
    words_b = {w.lower() for w in re.findall(r"[A-Za-z’']{4,}", b)}
    seen, shared = set(), []
    for word in re.findall(r"[A-Za-z’']{4,}", a):
        low = word.lower()
        if low in words_b and low not in seen and low not in _FUNCTION_WORDS:
            seen.add(low)
            shared.append(low)
    return shared


def quotation_rows(folder=None) -> list[dict]:
    """The three quotations credited to unnamed roles, with their traces, in reading order."""
    claims = {c.id: c for c in load_claims(folder)}
    art = article(folder)
    rows = []
    for row in quotation_traces(folder).itertuples(index=False):
        claim = claims[row.claim]
        block = art.block(claim.block_id)
        rows.append({"claim": claim, "credited_to": block.attribution.text if block.attribution else "",
                     "traced": row.traced, "closest_words": text_or_empty(row.closest_words),
                     "closest_speaker": text_or_empty(row.closest_speaker),
                     "closest_date": text_or_empty(row.closest_date),
                     "what_differs": row.what_differs, "source_ids": tuple(row.source_ids)})
    return sorted(rows, key=lambda r: r["claim"].number)


# ---------------------------------------------------------------------------------------------
# Self-checks (each wrong answer names its misconception)
#
# They are module-level objects so that fedstate.answer_key finds them and writes teacher/answer_key.md.
# Their wording quotes the article and the traced quotation; tests/test_claims.py checks every quoted
# sentence, name and date here against data/article/, so a data change that makes one stale fails a test.

TEXT_KIND = MultipleChoice(
    id="01.text-kind", notebook=NOTEBOOK, answer_position=2,
    prompt="Taking all the cues together, what kind of text is this, mainly?",
    choices=(
        Choice("News: a report of what DHS asked the states to do, and how they answered",
               feedback=("Parts of it report events, but the writer gives his views in the first person, proposes a "
                         "policy split and asks readers what they think, and most claims are not credited to named "
                         "sources. A news report keeps the writer's views out."),
               misconception="a headline about a government action makes a text news"),
        Choice("Opinion: the writer argues a view and relays DHS's claims", correct=True,
               feedback=("First person (“Personally, I think”), a proposal (the “Balancing Act” split) and questions "
                         "to the reader: the text argues. It also passes on DHS's claims, sometimes without saying so, "
                         "which is why every claim needs checking.")),
        Choice("Sponsored content: a paid post, since the site sells sponsored articles",
               feedback=("The author box offers “sponsored article inquiries”, so the site sells paid posts; but "
                         "nothing on this page says this piece was paid for. Without a disclosure that stays a "
                         "question, not a finding."),
               misconception="a site that sells sponsored posts makes every post sponsored"),
        Choice("Financial market analysis: the label the site itself puts above it",
               feedback=("The label does not fit: there are no markets, prices or investments in the text. It reads "
                         "like a label the site's template adds, not a description of this text."),
               misconception="the label a site gives a text is its genre"),
    ))

WHO_SAID_IT = MultipleChoice(
    id="01.who-said-it", notebook=NOTEBOOK, answer_position=0,
    prompt=("The article sets a sentence apart as a quotation and credits a “DHS spokesperson”. The closest words found "
            "were said by Tricia McLaughlin, DHS Assistant Secretary, on September 20, 2025. What is the most "
            "accurate description of the article's quotation?"),
    choices=(
        Choice("An accurate quotation: DHS made the same point that day, so the words stand",
               feedback=("Presenting words as a quotation promises the speaker's exact words. The point is similar, "
                         "but the words differ and so does the request (custody, not only a notice)."),
               misconception="the same gist means the same words"),
        Choice("Words credited to DHS that we could not find in any DHS text, though DHS made a similar point",
               correct=True,
               feedback=("The point is DHS's; these words were not found in any DHS text we could find, and where they "
                         "came from is not known. A careful writer would quote the real words and name the speaker, or "
                         "describe DHS's point without quotation marks.")),
        Choice("A paraphrase of Tricia McLaughlin's statement",
               feedback=("Perhaps, but nothing shows it: the article names no source for its words, and they differ "
                         "from hers in what they ask for (a notice, not custody). Calling them her paraphrase claims "
                         "more than we know; say they were not found."),
               misconception="assuming where untraced words came from"),
        Choice("Made up: no DHS text has these words, so DHS never asked the states to notify ICE",
               feedback=("DHS did ask: its letters and its statement are documented. An untraceable quotation "
                         "weakens the article's sourcing; it does not make the underlying event false."),
               misconception="an untraceable quotation means the underlying claim is false"),
        Choice("Accurate: quotation marks tell the reader these are the speaker's own words",
               feedback=("Printing words as a quotation is the writer's claim that they are someone's exact words; "
                         "it can be wrong. Trace the words to the original."),
               misconception="printing words as a quotation guarantees they are exact"),
    ))

CHECKABLE = MultipleChoice(
    id="01.checkable", notebook=NOTEBOOK,
    prompt="Which of these sentences from the article could a reader check against records?",
    choices=(
        Choice("On September 20, they doubled down on their request for California, New York, and Illinois to work "
               "with Immigration and Customs Enforcement (ICE).", correct=True,
               feedback=("A dated, public event: DHS's statement can be found and read. “Doubled down” is loaded, "
                         "but the core is checkable.")),
        Choice("On one side, there’s the need to enforce laws and protect citizens; on the other, there’s a moral "
               "imperative to treat people with dignity.",
               feedback=("A judgement about what matters, and which side holds which value. It may sound reasonable, "
                         "but no record could confirm or refute it."),
               misconception="a sentence that sounds reasonable is a fact"),
        Choice("Families want to feel safe in their neighborhoods, but when policies seem to prioritize politics over "
               "protection, it’s hard not to feel frustrated.",
               feedback=("It sounds like a report about families, but it names no one and cites no survey: it is the "
                         "author's impression of how people feel and of what policies “seem” to do."),
               misconception="a sentence about people's feelings is a record of them"),
        Choice("Are sanctuary states rolling the dice with public safety, or is there more to the story?",
               feedback=("A question asserts nothing by itself. (Questions can carry claims in their premises, and "
                         "this one points at an empirical debate, but as written it is not a claim.)"),
               misconception="a question can be confirmed or refuted as it stands"),
    ))

SEVENTY_PERCENT = MultipleChoice(
    id="01.seventy-percent", notebook=NOTEBOOK,
    prompt=("The article says “The DHS reports that ICE has arrested over 400,000 … with a staggering 70 percent of "
            "them having criminal convictions or pending charges.” Which reading matches the sources?"),
    choices=(
        Choice("70 percent of the people ICE arrested since early 2025 had been convicted of a crime",
               feedback=("The figure counts people convicted or only charged. A pending charge is an accusation, not "
                         "a conviction; ICE's own records show a much smaller share convicted (open the claim's "
                         "panel in the reader)."),
               misconception="charged means convicted"),
        Choice("A figure for all of DHS in recent months, passed on as ICE's since early 2025", correct=True,
               feedback=("That is what the reports of DHS's statement say. Small changes in relaying (which agency, "
                         "which period) change what a number means.")),
        Choice("ICE's own data confirm 70 percent convicted or charged for ICE since early 2025",
               feedback=("The article relays DHS; it does not cite ICE's data. ICE's records, released later, show a "
                         "different split for ICE arrests (see the claim's panel)."),
               misconception="a relayed claim is a verified claim"),
        Choice("70 percent of those arrested had committed violent crimes, such as assault",
               feedback=("“Criminal convictions or pending charges” covers any offence, including traffic and "
                         "immigration offences; violent convictions are a small part."),
               misconception="any criminal record means a violent crime"),
    ))

#: Which claim each CHECKABLE choice quotes (tests check the quotes and that only the key is checkable).
CHECKABLE_CLAIMS = ("s1-sept20", "s7-one-side", "s4-politics", "s3-rolling-dice")
#: The end-of-notebook self-checks, in order (TEXT_KIND and WHO_SAID_IT belong to the activities).
SELF_CHECKS = (CHECKABLE, SEVENTY_PERCENT)


def date_words(iso: str) -> str:
    """2025-09-20 -> "September 20, 2025"."""
    import datetime as _dt

    day = _dt.date.fromisoformat(iso)
    return f"{day.strftime('%B')} {day.day}, {day.year}"


# ---------------------------------------------------------------------------------------------
# Static HTML (text versions for print and screen readers)


def _esc(value) -> str:
    return html.escape("" if value is None else str(value))


_LEFT = 'style="text-align:left;vertical-align:top"'


def left_aligned(markup: str) -> str:
    """Left-align the cells of tables of words (JupyterLab right-aligns table cells, which suits numbers only)."""
    markup = markup.replace("<td>", f"<td {_LEFT}>")
    return re.sub(r"<th scope=(['\"])col\1>", f'<th scope="col" {_LEFT}>', markup)


def source_list_html(source_ids, folder=None) -> str:
    """Sources as a list: publisher, title (date), link, confidence and note. Every value escaped."""
    table = sources(folder)
    items = []
    for sid in dict.fromkeys(source_ids):
        row = table.loc[sid]
        # Optional cells come back from pandas as NaN, so they are read through text_or_empty.
        note = f" {_esc(text_or_empty(row['note']))}" if text_or_empty(row["note"]) else ""
        date = text_or_empty(row["date"]) or "undated"
        items.append(f'<li>{_esc(row["publisher"])}, “{_esc(row["title"])}” ({_esc(date)}). '
                     f"{source_address_html(row)}. "
                     f'<small>Confidence: {_esc(row["confidence"])}.{note}</small></li>')
    # Long addresses have no spaces: let them break, or they widen (and clip) the panel around them.
    return '<ul class="fs-sources" style="overflow-wrap:anywhere;word-break:break-word">' + "".join(items) + "</ul>"


def cues_text_html(folder=None) -> str:
    """The cues as a printed list (no answers), so the activity reads on paper."""
    items = "".join(f"<li>“{_esc(row.cue)}” <small>({_esc(row.place)})</small></li>"
                    for row in cues(folder).itertuples(index=False))
    return folded('<div class="fs-text-version"><p><strong>Text version: the cues.</strong> For each, decide which kind of '
                  f"text it points to.</p><ol>{items}</ol></div>", "the cues as a list (for screen readers and printing)")


def tagging_text_html(folder=None) -> str:
    items = "".join(f"<li>“{_esc(row.sentence)}”</li>" for row in tagging_items(folder).itertuples(index=False))
    return folded('<div class="fs-text-version"><p><strong>Text version: the sentences to tag</strong> as '
                  f"{_esc(', '.join(TAGS))}.</p><ol>{items}</ol></div>",
                  "the sentences to tag, as a list (for screen readers and printing)")


def rewrite_text_html(folder=None) -> str:
    """The sentences offered for the neutral rewrite, as a printed list."""
    claims = {c.id: c for c in load_claims(folder)}
    items = "".join(f"<li>{_esc(claims[cid].label)}: “{_esc(claims[cid].quote)}”</li>" for cid in REWRITE_CLAIMS)
    return folded('<div class="fs-text-version"><p><strong>Text version: the sentences you may rewrite</strong> '
                  f"(choose one).</p><ul>{items}</ul></div>",
                  "the sentences you may rewrite, as a list (for screen readers and printing)")


def quotation_compare_html(row: dict, folder=None) -> str:
    """One quotation beside the closest real words found, what differs, and its sources."""
    claim = row["claim"]
    if row["closest_words"]:
        shared = shared_words(claim.quote, row["closest_words"])
        found = (f"<p>“{_esc(row['closest_words'])}”</p><p><small>{_esc(row['closest_speaker'])}, "
                 f"{_esc(date_words(row['closest_date']))}</small></p>")
        shared_line = (f"<p><strong>Words in both:</strong> {_esc(', '.join(shared)) if shared else 'none'}.</p>")
    else:
        found = "<p><em>No matching words were found in the sources checked for this module.</em></p>"
        shared_line = ""
    return left_aligned(f'<div class="fs-quote-compare" role="region" aria-label="Quotation {_esc(claim.label)} traced" '
                        f'style="overflow-wrap:anywhere;max-width:60em">'
            f'<table class="fedstate-table"><thead><tr><th scope="col">The article prints ({_esc(claim.label)})</th>'
            f'<th scope="col">Closest real words found</th></tr></thead><tbody><tr>'
            f"<td><p>“{_esc(claim.quote)}”</p><p><small>– {_esc(row['credited_to'])} (as credited in the article)</small>"
            f"</p></td><td>{found}</td></tr></tbody></table>{shared_line}"
            f"<p><strong>Traced:</strong> {_esc(row['traced'])}.</p>"
            f"<p><strong>What differs, and why it matters:</strong> {_esc(row['what_differs'])}</p>"
            f"<p><strong>Sources</strong></p>{source_list_html(row['source_ids'], folder)}</div>")


def quotations_text_html(folder=None) -> str:
    parts = [quotation_compare_html(row, folder) for row in quotation_rows(folder)]
    return folded('<div class="fs-text-version"><p><strong>Text version: the three quotations, traced.</strong></p>'
                  + "".join(parts) + "</div>",
                  "all three quotations and what tracing found (for screen readers and printing)")


def term_table_html(folder=None) -> str:
    """The terms with computed counts and AP's guidance, as an escaped HTML table."""
    table = term_table(folder)
    head = ("<tr><th scope='col'>Words in the article</th><th scope='col'>Used</th>"
            "<th scope='col'>In whose voice</th><th scope='col'>AP 2013</th><th scope='col'>Fits AP?</th>"
            "<th scope='col'>What the choice does</th><th scope='col'>Alternatives</th></tr>")
    body = []
    for row in table.to_dict("records"):
        voices = [f"{row[key]} {words}" for key, words in (("own voice", "in the article's own voice"),
                                                            ("relaying someone", "relaying someone's view"),
                                                            ("in a quotation", "inside a quotation")) if row[key]]
        body.append(f"<tr><td>“{_esc(row['term'])}”<br><small>{_esc(row['category'])}</small></td>"
                    f"<td>{row['times used']}×</td><td>{_esc('; '.join(voices))}</td>"
                    f"<td>{_esc(row['AP 2013 guidance'])}</td><td>{_esc(row['fits AP 2013'])}</td>"
                    f"<td>{_esc(row['note'])}</td><td>{_esc(row['alternatives'])}</td></tr>")
    ids = sorted({sid for ids in table["source_ids"] for sid in ids})
    return left_aligned(f'<table class="fedstate-table"><caption>Words the article uses, counted in the text</caption>'
            f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"
            f"<p><small>Guidance and notes: {_esc(_short_sources(ids, folder))}</small></p>")


def term_usage_html(folder=None) -> str:
    rows = term_usage(folder)
    body = "".join(f"<tr><td>{_esc(r.who)}</td><td>{_esc(r.prefers)}</td><td>{_esc(r.reasoning)}</td>"
                   f"<td><small>{_esc(_short_sources(r.source_ids, folder))}</small></td></tr>"
                   for r in rows.itertuples(index=False))
    return left_aligned('<table class="fedstate-table"><caption>Who prefers which words, and why (a contested choice)</caption>'
            "<thead><tr><th scope='col'>Who</th><th scope='col'>Prefers</th><th scope='col'>Their reason</th>"
            f"<th scope='col'>Source</th></tr></thead><tbody>{body}</tbody></table>")


def _short_sources(ids, folder=None) -> str:
    table = sources(folder)
    return "; ".join(f"{table.loc[s, 'publisher']}, “{table.loc[s, 'title']}” "
                     f"({text_or_empty(table.loc[s, 'date']) or 'undated'})" for s in dict.fromkeys(ids))
