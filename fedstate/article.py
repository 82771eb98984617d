"""The article as data: the raw scraped text, parsed into sections and blocks, with its claims located.

``data/article/article.txt`` is kept exactly as it was received (a scrape of the web page, glitches
included). :func:`parse` turns it into an :class:`Article`:

- **sections**, one per heading (the text before the first heading is the opening section ``s0``;
  the closing quote and the author box, which follow the article, go in a last section ``after``);
- **blocks** inside each section: paragraph, quotation with its attribution line
  ("– DHS spokesperson"), bulleted list, numbered list, the crime-type table, the "Balancing Act"
  list, the teaser and the site's label at the top, the closing quote and the author box;
- **furniture**: what the page put around the article ("6 min read", "1 views", the date line,
  "Related Articles", a stray ``?>`` left by the site's PHP template). It is kept as metadata and
  never shown as body text.

Every piece of text keeps its offset in the raw file, so a claim (an exact quotation from the
article, in ``data/article/claims.csv``) can be located, checked and highlighted where it stands.

Why the table needs repairing: the scrape ran each row's two cells together
("Violent Crimes (e.g., rape, assault)35%"); the parser splits the percentage off the end of each
row, and the header at its one lower-to-upper case boundary ("Crime Type|Percentage of ICE Arrests").
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from fedstate.data import DataError, data_dir, load

ARTICLE_FILE = "article/article.txt"
ARTICLE_LABEL = "data/article/article.txt"
CLAIMS_FILE = "article/claims.csv"
NO_CLAIM_FILE = "article/no_claim.csv"
SOURCE_ID = "article-capwolf"

#: What a claim is, as students tag it. "factual claim" covers dates, events and definitions.
CLAIM_KINDS = ("statistic", "factual claim", "quotation", "attribution", "anecdote", "prediction", "opinion",
               "rhetorical question")
#: To whom the article credits a claim.
ATTRIBUTION_TYPES = ("named person", "named organisation", "unnamed role", "unnamed group", "the author", "no one")
#: Which kind of question checking the claim would answer (the module keeps these apart everywhere).
QUESTION_TYPES = ("empirical", "legal", "value")
CHECKABLE = ("yes", "partly", "no")
#: The verdict scale, from "the sources bear it out" to "nothing to check". Each level has a written
#: rule (VERDICT_RULES); :func:`verdict_problems` enforces the parts a program can check, and the data
#: loader refuses a claims file that breaks them. "Not supported by any source found" is not "false".
QUOTATION_NOT_FOUND = "quotation not found in any source we could find"
VERDICTS = ("supported", "partly supported", "misstates the source", "contradicted by sources",
            "not supported by any source found", QUOTATION_NOT_FOUND, "cannot be checked",
            "opinion, not checkable", "a question, not a claim")

#: The rule for each verdict, in the module's words (printed in data/README.md, the teacher notes and
#: the reader's key).
VERDICT_RULES = {
    "supported": ("Sources we found confirm the claim as the article states it. A claim that someone argues "
                  "something is supported when that side does argue it."),
    "partly supported": ("Sources confirm part of the claim, and another part is missing from them, changed, or "
                         "left out by the article. A claim whose note says the article leaves out part of what the "
                         "source says is at most partly supported."),
    "misstates the source": ("The article restates a sourced figure or statement in words that change what it "
                             "means, for example \u201ca criminal record\u201d for \u201cconvictions or pending "
                             "charges\u201d."),
    "contradicted by sources": "Sources we found say something different from the claim.",
    "not supported by any source found": ("A checkable claim for which we found no source. That is not the same as "
                                          "false: it means the article gives no source and we could not find one."),
    QUOTATION_NOT_FOUND: ("Words the article sets out as someone's quotation that we could not find in any text by "
                          "that speaker (for the \u201cDHS spokesperson\u201d, in any DHS text we could find). Where "
                          "similar words by a named person exist we show them, but we do not know where the "
                          "article's words came from, so we do not call them a paraphrase."),
    "cannot be checked": ("A factual claim that gives too little (no name, place or date) for anyone to check it; "
                          "its own note says it cannot be checked. It is not scored as partly supported."),
    "opinion, not checkable": "The author's judgement, feeling or proposal: evidence cannot settle it.",
    "a question, not a claim": ("A question asked for effect. Where it carries a premise, the note says what sources "
                                "say about the premise; a premise that restates a figure wrongly is judged as a "
                                "misstatement instead."),
}
assert set(VERDICT_RULES) == set(VERDICTS)

def verdict_scale_markdown() -> str:
    """The verdict scale as a Markdown table (the teacher notes print it; a test keeps them in step)."""
    rows = "\n".join(f"| {v} | {VERDICT_RULES[v]} |" for v in VERDICTS)
    return "| Verdict | Rule |\n| --- | --- |\n" + rows


#: Words in a claim's own note that fix its verdict (matched in what_sources_say, any case).
CANNOT_CHECK_WORDS = ("cannot be checked", "cannot be traced")
LEFT_OUT_WORDS = ("leaves out", "left out", "mentions only", "omits")
#: A quotation not found is never described as a paraphrase, as if we knew where its words came from.
PARAPHRASE_CLAIMS = ("is a paraphrase", "are a paraphrase", "as a paraphrase", "paraphrase presented",
                     "paraphrase printed", "a paraphrase of")

#: The kinds of block the parser produces, in the words the reader widget uses.
BLOCK_KINDS = {
    "teaser": "teaser (the summary shown above the article)",
    "site_label": "the site's label",
    "paragraph": "paragraph",
    "quotation": "quotation",
    "bulleted_list": "bulleted list",
    "numbered_list": "numbered list",
    "table": "table",
    "balancing_list": "the “Balancing Act” list",
    "closing_quote": "closing quote",
    "author_box": "author box",
}

# Lines the page template puts around the article.
_READ_TIME = re.compile(r"^(\d+) min read$")
_VIEWS = re.compile(r"^(\d+) views?$")
_DATE_LINE = re.compile(r"^[A-Z][a-z]{2} \d{1,2}, \d{4}$")
_SITE_LABEL = re.compile(r"^(?P<label>.+?) from (?P<date>\d{2}/\d{2}/\d{4})\.(?P<rest>.*)$")
_STRAY_MARKUP = re.compile(r"^\s*(\?>|<\?php|</?[a-zA-Z][^>]*>)\s*$")
_FURNITURE_LINES = {"Related Articles": "related"}
_AUTHOR_MARKER = "Author"
# An attribution line under a quotation starts with a dash: en dash (body) or em dash (closing quote).
_ATTRIBUTION = re.compile(r"^\s*[–—-]\s+(?P<who>\S.*)$")
_BULLET = re.compile(r"^\s*[•·*]\s+(?P<item>\S.*)$")
_NUMBERED = re.compile(r"^\s*(?P<n>\d+)\.\s+(?P<item>\S.*)$")
_TABLE_ROW = re.compile(r"^(?P<label>\S.*?)(?P<value>\d+(?:\.\d+)?%)$")
_SHARE = re.compile(r"^\s+(?P<share>\d+)%\s+(?P<label>\S.*)$")
_SMALL_WORDS = {"a", "an", "the", "and", "or", "for", "of", "to", "in", "on", "at", "by", "as", "but", "with"}


@dataclass(frozen=True)
class Piece:
    """A run of article text, shown as-is, with its position in the raw file."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Block:
    """One block of a section.

    ``rows`` holds the block's pieces row by row: one row for a paragraph, one per item of a list,
    header then data rows (two cells each) for the table. ``attribution`` is the line under a
    quotation, without its dash. ``heading`` is the lead-in line of the "Balancing Act" list.
    """

    id: str
    kind: str
    section: str
    line: int
    rows: tuple[tuple[Piece, ...], ...]
    attribution: Piece | None = None
    heading: Piece | None = None
    author: str = ""

    @property
    def pieces(self) -> tuple[Piece, ...]:
        found = [self.heading] if self.heading else []
        found += [piece for row in self.rows for piece in row]
        if self.attribution:
            found.append(self.attribution)
        return tuple(found)

    @property
    def start(self) -> int:
        return min(p.start for p in self.pieces)

    @property
    def end(self) -> int:
        return max(p.end for p in self.pieces)

    @property
    def text(self) -> str:
        """The block's words, one piece after another (for search and previews)."""
        return " ".join(p.text for p in self.pieces)

    def spans(self) -> list[tuple[int, int]]:
        """Where a claim may lie: within one row (a line of text, a list item, a table row whose
        cells the scrape ran together), the heading or the attribution line."""
        found = [(row[0].start, row[-1].end) for row in self.rows]
        for extra in (self.heading, self.attribution):
            if extra:
                found.append((extra.start, extra.end))
        return found

    def holds(self, start: int, end: int) -> bool:
        """True if [start, end) lies inside one row (or the heading, or the attribution)."""
        return any(s <= start and end <= e for s, e in self.spans())


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    line: int
    blocks: tuple[Block, ...]
    body: bool = True  # False for the closing quote and author box after the article

    @property
    def start(self) -> int:
        return min(b.start for b in self.blocks)

    @property
    def end(self) -> int:
        return max(b.end for b in self.blocks)


@dataclass(frozen=True)
class Furniture:
    """Something the page put around the article: kept, but not part of the text studied."""

    what: str  # read_time, views, date, related, stray_markup
    text: str
    line: int


@dataclass(frozen=True)
class Article:
    text: str
    title: str
    sections: tuple[Section, ...]
    furniture: tuple[Furniture, ...]
    metadata: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(b for s in self.sections for b in s.blocks)

    @property
    def body_sections(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.body)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(f"no section {section_id!r}; sections: {', '.join(s.id for s in self.sections)}")

    def block(self, block_id: str) -> Block:
        for b in self.blocks:
            if b.id == block_id:
                return b
        raise KeyError(f"no block {block_id!r} in the article")

    def block_at(self, start: int, end: int) -> Block | None:
        """The block that holds the span [start, end) within one of its rows."""
        for b in self.blocks:
            if b.holds(start, end):
                return b
        return None


# ---------------------------------------------------------------------------------------------
# Parsing


@dataclass
class _Line:
    text: str
    start: int
    number: int


def _chunks(text: str) -> list[list[_Line]]:
    """Runs of non-blank lines, separated by blank lines, each line with its offset and number."""
    chunks, current, offset = [], [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.strip():
            current.append(_Line(raw, offset, number))
        elif current:
            chunks.append(current)
            current = []
        offset += len(raw) + 1
    if current:
        chunks.append(current)
    return chunks


def _piece(line: _Line, text: str | None = None) -> Piece:
    """A piece for part of a line: ``text`` must occur in the line (by default, the stripped line)."""
    wanted = line.text.strip() if text is None else text
    at = line.text.find(wanted)
    if at < 0:  # pragma: no cover - callers pass parts of the line
        raise AssertionError((line.text, wanted))
    return Piece(wanted, line.start + at)


def is_heading(chunk_lines: list[str]) -> bool:
    """A section heading: one short line in title case, not ending like a sentence."""
    if len(chunk_lines) != 1:
        return False
    line = chunk_lines[0].strip()
    words = line.split()
    if not 1 <= len(words) <= 12 or line[-1] in ".,;:!\"”'’" or not line[0].isupper():
        return False
    if _ATTRIBUTION.match(line) or _BULLET.match(line) or _NUMBERED.match(line):
        return False
    long_words = [w for w in words if len(w) >= 4 and w.lower() not in _SMALL_WORDS]
    capitalised = [w for w in long_words if w[0].isupper()]
    return bool(long_words) and len(capitalised) / len(long_words) >= 0.7


def split_run_together_header(line: str) -> tuple[str, str]:
    """Split a table header whose two cells the scrape ran together ("Crime TypePercentage of ...")."""
    match = re.search(r"(?<=[a-z])(?=[A-Z])", line)
    if not match:
        raise ValueError(f"cannot find where the two header cells meet in {line!r}")
    return line[: match.start()], line[match.start():]


def _table(chunk: list[_Line]) -> tuple[tuple[Piece, ...], ...] | None:
    """The crime-type table: a header line, then rows ending in a percentage run into the label."""
    if len(chunk) < 3 or any(line.text.startswith((" ", "\t")) for line in chunk):
        return None
    data = [_TABLE_ROW.match(line.text.strip()) for line in chunk[1:]]
    if not all(data) or _TABLE_ROW.match(chunk[0].text.strip()):
        return None
    try:
        left, right = split_run_together_header(chunk[0].text.strip())
    except ValueError:
        return None
    rows = [(_piece(chunk[0], left), _piece(chunk[0], right))]
    for line, match in zip(chunk[1:], data):
        rows.append((_piece(line, match["label"]), _piece(line, match["value"])))
    return tuple(rows)


def _fail(message: str, line: int | None = None):
    raise DataError(ARTICLE_LABEL, message, line)


def parse(text: str) -> Article:
    """Parse the raw article text. A shape the parser does not recognise raises DataError with the line."""
    chunks = _chunks(text)
    if not chunks:
        _fail("the article file is empty", 1)
    if len(chunks[0]) != 1:
        _fail("the first line must be the article's title, followed by a blank line", chunks[0][0].number)
    title = chunks[0][0].text.strip()
    metadata: dict = {"title": title}
    furniture: list[Furniture] = []

    sections: list[dict] = [{"id": "s0", "title": "Opening (before the first heading)", "line": chunks[0][0].number,
                             "blocks": [], "body": True}]
    counter = {"s0": 0}

    def add_block(kind, line, rows, attribution=None, heading=None, author="", section=None):
        target = section or sections[-1]
        counter[target["id"]] = counter.get(target["id"], 0) + 1
        target["blocks"].append(Block(f'{target["id"]}-b{counter[target["id"]]}', kind, target["id"], line,
                                      tuple(tuple(r) for r in rows), attribution, heading, author))

    def after_section():
        if sections[-1]["id"] != "after":
            sections.append({"id": "after", "title": "After the article: closing quote and author box",
                             "line": None, "blocks": [], "body": False})
        return sections[-1]

    index, expecting_author_box = 1, False
    while index < len(chunks):
        chunk = chunks[index]
        lines = [line.text for line in chunk]
        first = chunk[0]
        stripped = first.text.strip()
        index += 1

        # Page furniture: reading time, views, date line; "Related Articles"; stray template markup.
        if all(_READ_TIME.match(t.strip()) or _VIEWS.match(t.strip()) or _DATE_LINE.match(t.strip()) for t in lines):
            for line in chunk:
                value = line.text.strip()
                if m := _READ_TIME.match(value):
                    furniture.append(Furniture("read_time", value, line.number))
                    metadata["read_time_minutes"] = int(m.group(1))
                elif m := _VIEWS.match(value):
                    furniture.append(Furniture("views", value, line.number))
                    metadata["views"] = int(m.group(1))
                else:
                    furniture.append(Furniture("date", value, line.number))
                    metadata["date_as_printed"] = value
                    metadata["date"] = _dt.datetime.strptime(value, "%b %d, %Y").date().isoformat()
            continue
        if len(chunk) == 1 and _STRAY_MARKUP.match(first.text):
            furniture.append(Furniture("stray_markup", stripped, first.number))
            continue
        if len(chunk) == 1 and stripped in _FURNITURE_LINES:
            furniture.append(Furniture(_FURNITURE_LINES[stripped], stripped, first.number))
            continue
        if len(chunk) == 1 and stripped == _AUTHOR_MARKER:
            expecting_author_box = True
            continue
        if expecting_author_box:
            blurb = " ".join(t.strip() for t in lines)
            name = re.match(r"^((?:[A-Z][\w'’.-]*\s+)+)", blurb)
            author = name.group(1).strip() if name else ""
            metadata["author"] = author
            add_block("author_box", first.number, [[_piece(line)] for line in chunk], author=author,
                      section=after_section())
            expecting_author_box = False
            continue

        # The site's label at the top ("Financial market analysis from 22/09/2025. ...").
        if len(sections) == 1 and (m := _SITE_LABEL.match(stripped)):
            metadata["site_label"] = m["label"]
            metadata["site_label_date"] = _dt.datetime.strptime(m["date"], "%d/%m/%Y").date().isoformat()
            metadata["site_label_text"] = stripped
            # Paragraphs above the label are the teaser the site shows before the article.
            opening = sections[0]
            opening["blocks"] = [Block(b.id, "teaser", b.section, b.line, b.rows) if b.kind == "paragraph" else b
                                 for b in opening["blocks"]]
            add_block("site_label", first.number, [[_piece(first)]])
            continue

        # A quotation: the quote, then a line starting with a dash (in the same chunk or the next).
        attribution_at = next((k for k, t in enumerate(lines) if k > 0 and _ATTRIBUTION.match(t)), None)
        next_chunk = chunks[index] if index < len(chunks) else None
        if attribution_at is None and len(chunk) == 1 and next_chunk and len(next_chunk) == 1 \
                and _ATTRIBUTION.match(next_chunk[0].text) and not is_heading(lines):
            chunk = chunk + next_chunk
            lines = [line.text for line in chunk]
            attribution_at = 1
            index += 1
        if attribution_at is not None:
            quote_lines, who_line = chunk[:attribution_at], chunk[attribution_at]
            rest = [line.text.strip() for line in chunk[attribution_at + 1:]]
            if rest and rest != [_AUTHOR_MARKER]:
                _fail(f"unexpected text after a quotation's attribution: {rest[0]!r}", chunk[attribution_at + 1].number)
            who = _piece(who_line, _ATTRIBUTION.match(who_line.text)["who"].strip())
            next_is_author = bool(index < len(chunks) and len(chunks[index]) == 1
                                  and chunks[index][0].text.strip() == _AUTHOR_MARKER)
            closing = rest == [_AUTHOR_MARKER] or next_is_author
            if closing:
                add_block("closing_quote", first.number, [[_piece(line)] for line in quote_lines], attribution=who,
                          section=after_section())
                expecting_author_box = rest == [_AUTHOR_MARKER]
            else:
                add_block("quotation", first.number, [[_piece(line)] for line in quote_lines], attribution=who)
            continue

        if is_heading(lines):
            section_id = f"s{sum(1 for s in sections if s['body'])}"
            sections.append({"id": section_id, "title": stripped, "line": first.number, "blocks": [], "body": True})
            continue
        if all(_BULLET.match(t) for t in lines):
            add_block("bulleted_list", first.number, [[_piece(line, _BULLET.match(line.text)["item"].strip())]
                                                      for line in chunk])
            continue
        if all(_NUMBERED.match(t) for t in lines):
            add_block("numbered_list", first.number, [[_piece(line, _NUMBERED.match(line.text)["item"].strip())]
                                                      for line in chunk])
            continue
        if (rows := _table(chunk)) is not None:
            add_block("table", first.number, rows)
            continue
        if len(chunk) >= 2 and stripped.endswith(":") and all(_SHARE.match(t) for t in lines[1:]):
            add_block("balancing_list", first.number, [[_piece(line)] for line in chunk[1:]],
                      heading=_piece(first, stripped[:-1]))
            continue
        add_block("paragraph", first.number, [[_piece(line)] for line in chunk])

    for s in sections:
        if not s["blocks"]:
            _fail(f"section {s['title']!r} has no text under its heading", s["line"])
    built = tuple(Section(s["id"], s["title"], s["line"] or s["blocks"][0].line, tuple(s["blocks"]), s["body"])
                  for s in sections)
    return Article(text=text, title=title, sections=built, furniture=tuple(furniture), metadata=metadata)


def read_text(folder: Path | str | None = None) -> str:
    """The raw article text, exactly as stored (no newline translation)."""
    folder = Path(folder) if folder is not None else data_dir()
    path = folder / ARTICLE_FILE
    if not path.is_file():
        raise DataError(ARTICLE_LABEL, "file is missing")
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise DataError(ARTICLE_LABEL, "is not UTF-8 text", line) from None


@lru_cache(maxsize=8)
def _parsed(text: str) -> Article:
    return parse(text)


def article(folder: Path | str | None = None) -> Article:
    """The parsed article (cached on its text, so an edited file is re-parsed)."""
    return _parsed(read_text(folder))


# ---------------------------------------------------------------------------------------------
# Tables inside the article


def table_frame(block: Block) -> pd.DataFrame:
    """The crime-type table as a frame: the header's two cells as columns, percentages as numbers."""
    if block.kind != "table":
        raise ValueError(f"{block.id} is a {block.kind}, not a table")
    (left, right), *rows = block.rows
    return pd.DataFrame({left.text: [r[0].text for r in rows],
                         right.text: [float(r[1].text.rstrip("%")) for r in rows]})


def balancing_shares(block: Block) -> pd.DataFrame:
    """The "Balancing Act" list as a frame: share (percent) and what it is for."""
    if block.kind != "balancing_list":
        raise ValueError(f"{block.id} is a {block.kind}, not the balancing list")
    rows = []
    for (piece,) in block.rows:
        match = re.match(r"^(\d+)%\s+(.+)$", piece.text)
        rows.append({"share (%)": int(match.group(1)), "for": match.group(2)})
    return pd.DataFrame(rows)


def find_block(kind: str, art: Article | None = None) -> Block:
    """The first block of a kind (the article has one table and one balancing list)."""
    art = art or article()
    for b in art.blocks:
        if b.kind == kind:
            return b
    raise KeyError(f"the article has no {kind}")


# ---------------------------------------------------------------------------------------------
# Claims: located in the text, checked, and counted against the blocks


@dataclass(frozen=True)
class Claim:
    id: str
    number: int  # 1, 2, ... in reading order, as students see it
    section: str
    quote: str
    kind: str
    attributed_to: str
    attribution_type: str
    question_type: str
    checkable: str
    what_sources_say: str
    verdict: str
    source_ids: tuple[str, ...]
    start: int
    end: int
    block_id: str

    @property
    def label(self) -> str:
        return f"C{self.number}"


def locate(text: str, quote: str) -> list[int]:
    """Every offset where ``quote`` occurs in ``text`` (exactly, character for character)."""
    found, at = [], text.find(quote)
    while at >= 0 and quote:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def verdict_problems(row, restated_quotes=(), quotation_found: bool | None = None) -> list[tuple[str, str]]:
    """What breaks the verdict scale's rules in one claim row: (column, message) pairs.

    ``restated_quotes`` are the article's words that data/article_numbers.csv marks as a restatement of a
    figure; ``quotation_found`` says whether a quotation's exact words were found in a source (None when
    the claim is not a traced quotation)."""
    problems = []
    note = str(row.what_sources_say).lower()
    verdict = row.verdict
    if verdict == "opinion, not checkable" and row.checkable != "no":
        problems.append(("checkable", 'the verdict "opinion, not checkable" needs checkable "no"'))
    if verdict == "cannot be checked" and row.checkable != "no":
        problems.append(("checkable", 'the verdict "cannot be checked" needs checkable "no"'))
    if verdict == "a question, not a claim" and row.kind != "rhetorical question":
        problems.append(("verdict", '"a question, not a claim" is only for rhetorical questions'))
    if any(w in note for w in CANNOT_CHECK_WORDS) and verdict not in ("cannot be checked", QUOTATION_NOT_FOUND):
        problems.append(("verdict", "the note says the claim cannot be checked, so the verdict must be "
                                    f'"cannot be checked", not "{verdict}"'))
    if any(w in note for w in LEFT_OUT_WORDS) and verdict == "supported":
        problems.append(("verdict", "the note says the article leaves out part of what the source says, so the "
                                    'verdict can be at most "partly supported"'))
    if any(q in row.quote for q in restated_quotes) and verdict != "misstates the source":
        problems.append(("verdict", "the claim restates a figure in words that change its meaning "
                                    '(see data/article_numbers.csv, role restatement): the verdict is "misstates the source"'))
    if row.kind == "quotation" and quotation_found is False and verdict != QUOTATION_NOT_FOUND:
        problems.append(("verdict", f'the quotation\'s words were not found in any source, so the verdict is "{QUOTATION_NOT_FOUND}"'))
    if verdict == QUOTATION_NOT_FOUND and row.kind != "quotation":
        problems.append(("verdict", f'"{QUOTATION_NOT_FOUND}" is only for quotations'))
    if any(p in note for p in PARAPHRASE_CLAIMS):
        problems.append(("what_sources_say", "calls the words a paraphrase, as if we knew where they came from; "
                                             "say they were not found in any text we could find"))
    return problems


def claim_problems(frame: pd.DataFrame, art: Article) -> list[tuple[int, str, str]]:
    """What is wrong with the claims' quotations: (row index, column, message) for each problem.

    Each quote must occur exactly once in the article, inside one piece of text (not across a
    paragraph break or a table cell), in the section the row names, and must not overlap another
    claim (so each highlighted span means one claim).
    """
    problems, spans = [], []
    section_ids = {s.id for s in art.sections}
    for i, row in enumerate(frame.itertuples(index=False)):
        quote = row.quote
        if quote != quote.strip():
            problems.append((i, "quote", "starts or ends with spaces; quote the words exactly"))
            continue
        hits = locate(art.text, quote)
        if not hits:
            problems.append((i, "quote", f"{_short(quote)!r} does not occur verbatim in {ARTICLE_LABEL} "
                                         "(check curly quotes ’ “ ” and dashes — –)"))
            continue
        if len(hits) > 1:
            problems.append((i, "quote", f"{_short(quote)!r} occurs {len(hits)} times in the article; "
                                         "quote more words so it points to one place"))
            continue
        start, end = hits[0], hits[0] + len(quote)
        block = art.block_at(start, end)
        if block is None:
            problems.append((i, "quote", f"{_short(quote)!r} runs across two parts of the article "
                                         "(a line break, list item or table row); split it into two claims"))
            continue
        if row.section not in section_ids:
            problems.append((i, "section", f"{row.section!r} is not a section; sections: {', '.join(sorted(section_ids))}"))
        elif block.section != row.section:
            problems.append((i, "section", f"the quote is in section {block.section}, not {row.section}"))
        for j, (other_start, other_end) in spans:
            if start < other_end and other_start < end:
                problems.append((i, "quote", f"overlaps the quote of the claim on row {j + 1} of the data; "
                                             "claims must not overlap"))
        spans.append((i, (start, end)))
    return problems


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def load_claims(folder: Path | str | None = None) -> list[Claim]:
    """Every claim, located in the article, numbered in reading order."""
    frame = load(CLAIMS_FILE, folder)
    art = article(folder)
    located = []
    for row in frame.itertuples(index=False):
        start = art.text.index(row.quote)  # the schema check guarantees one exact match
        located.append((start, row))
    located.sort(key=lambda item: item[0])
    claims = []
    for number, (start, row) in enumerate(located, start=1):
        end = start + len(row.quote)
        claims.append(Claim(row.id, number, row.section, row.quote, row.kind, row.attributed_to,
                            row.attribution_type, row.question_type, row.checkable, row.what_sources_say,
                            row.verdict, tuple(row.source_ids), start, end, art.block_at(start, end).id))
    return claims


def coverage(art: Article, claims: list[Claim], no_claim: pd.DataFrame) -> pd.DataFrame:
    """One row per block: its claims, or why it carries none. Complete when no status is "missing"."""
    listed = dict(zip(no_claim["block"], no_claim["why"])) if len(no_claim) else {}
    rows = []
    for block in art.blocks:
        ids = [c.label for c in claims if c.block_id == block.id]
        if ids:
            status, note = "annotated", ", ".join(ids)
        elif block.id in listed:
            status, note = "no claim", listed[block.id]
        else:
            status, note = "missing", "no claim annotated and not listed in data/article/no_claim.csv"
        rows.append({"section": block.section, "block": block.id, "kind": BLOCK_KINDS[block.kind],
                     "begins": _short(block.text, 50), "claims": len(ids), "status": status, "claims or reason": note})
    return pd.DataFrame(rows)
