"""The parser on the real article (every block kind, the furniture, the repaired table) and on edge cases."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fedstate.article import (ARTICLE_FILE, BLOCK_KINDS, DataError, article, balancing_shares, find_block, is_heading,
                              parse, read_text, split_run_together_header, table_frame)

ART = article()


def _blocks(kind):
    return [b for b in ART.blocks if b.kind == kind]


def test_the_file_is_the_scrape_as_received():
    text = read_text()
    assert "\r\n" not in text, (
        "data/article/article.txt has Windows line endings (CRLF): git converted it on checkout. The "
        "repository's .gitattributes keeps data/ byte-exact for new checkouts; for this one, delete the data "
        "folder and run `git checkout -- data`.")
    assert text.startswith("DHS Urges States to Aid ICE in Deportation Efforts\n")
    assert text.endswith("Related Articles\n\n?>"), "the stray ?> at the end is kept in the file"
    assert "\r" not in text


def test_title_and_page_metadata():
    meta = ART.metadata
    assert ART.title == "DHS Urges States to Aid ICE in Deportation Efforts"
    assert meta["read_time_minutes"] == 6 and meta["views"] == 1
    assert meta["date"] == "2025-09-22" and meta["date_as_printed"] == "Sep 22, 2025"
    assert meta["site_label"] == "Financial market analysis" and meta["site_label_date"] == "2025-09-22"
    assert meta["author"] == "Steven Soarez"


def test_page_furniture_is_metadata_not_body_text():
    kinds = {f.what: f.text for f in ART.furniture}
    assert kinds == {"read_time": "6 min read", "views": "1 views", "date": "Sep 22, 2025",
                     "related": "Related Articles", "stray_markup": "?>"}
    body = " ".join(b.text for b in ART.blocks)
    for furniture in ("6 min read", "1 views", "Related Articles", "?>"):
        assert furniture not in body
    stray = next(f for f in ART.furniture if f.what == "stray_markup")
    assert stray.line == ART.text.count("\n") + 1, "the ?> is the last line of the file"


def test_sections_follow_the_headings():
    titles = [s.title for s in ART.sections]
    assert titles[1:8] == ["The DHS Push for Cooperation", "Why Sanctuary Policies Stir Debate",
                           "The Numbers Tell a Story", "Real-Life Impacts: Stories Behind the Policy",
                           "The Federal Response: A New Era of Enforcement", "What’s Next for States and Communities?",
                           "Finding a Path Forward"]
    assert [s.id for s in ART.sections] == ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "after"]
    assert all(s.body for s in ART.sections[:-1]) and not ART.sections[-1].body
    for section in ART.sections[1:8]:
        assert ART.text.splitlines()[section.line - 1] == section.title


def test_every_block_kind_is_found():
    assert {b.kind for b in ART.blocks} == set(BLOCK_KINDS)


def test_quotations_keep_their_attribution_lines():
    quotes = _blocks("quotation")
    assert [q.attribution.text for q in quotes] == ["DHS spokesperson", "Federal law enforcement official",
                                                    "Immigration policy analyst"]
    assert quotes[0].rows[0][0].text.startswith("Cooperation with ICE is a simple request")
    assert [q.section for q in quotes] == ["s1", "s4", "s6"]


def test_lists():
    (bullets,) = _blocks("bulleted_list")
    assert [row[0].text.split(":")[0] for row in bullets.rows] == ["Community Trust", "Public Safety Risks",
                                                                   "Federal-State Divide"]
    assert not any("•" in row[0].text for row in bullets.rows), "the bullet character is not part of the item"
    (numbered,) = _blocks("numbered_list")
    assert [row[0].text.split(":")[0] for row in numbered.rows] == ["Increased Funding", "Legal Action",
                                                                    "Public Messaging"]


def test_the_run_together_table_is_split_into_two_columns():
    table = table_frame(find_block("table"))
    assert list(table.columns) == ["Crime Type", "Percentage of ICE Arrests"]
    assert table["Crime Type"].tolist() == ["Violent Crimes (e.g., rape, assault)", "Drug-Related Offenses",
                                            "Weapons Charges", "Other (e.g., gang-related)"]
    assert table["Percentage of ICE Arrests"].tolist() == [35.0, 25.0, 15.0, 25.0]


def test_the_balancing_act_list():
    block = find_block("balancing_list")
    assert block.heading.text == "Balancing Act"
    shares = balancing_shares(block)
    assert shares["share (%)"].tolist() == [50, 30, 20]
    assert shares["for"].tolist() == ["Enforcement Focus on Criminals", "Community Trust Initiatives",
                                      "Policy Reform for Clarity"]


def test_teaser_label_closing_quote_and_author_box():
    (teaser,) = _blocks("teaser")
    assert teaser.text.endswith("Click to find out.") and teaser.section == "s0"
    (label,) = _blocks("site_label")
    assert label.text.startswith("Financial market analysis from 22/09/2025")
    (closing,) = _blocks("closing_quote")
    assert closing.attribution.text == "Warren Buffett" and closing.section == "after"
    (author,) = _blocks("author_box")
    assert author.author == "Steven Soarez" and "sponsored article inquiries" in author.text


def test_every_piece_points_at_its_own_words_in_the_raw_text():
    for block in ART.blocks:
        for piece in block.pieces:
            assert ART.text[piece.start:piece.end] == piece.text, (block.id, piece.text)
            assert piece.text == piece.text.strip()


def test_nothing_in_the_file_is_lost():
    """Every visible character is the title, a heading, furniture, the Author marker, a piece, or list/quote markup."""
    covered = [False] * len(ART.text)

    def cover(start, end):
        for i in range(start, end):
            covered[i] = True

    for block in ART.blocks:
        for piece in block.pieces:
            cover(piece.start, piece.end)
    offsets, at = [], 0
    for line in ART.text.split("\n"):
        offsets.append(at)
        at += len(line) + 1
    lines = ART.text.split("\n")
    extra = [1] + [s.line for s in ART.sections[1:8]] + [f.line for f in ART.furniture]
    extra += [i + 1 for i, line in enumerate(lines) if line.strip() == "Author"]
    for number in extra:
        cover(offsets[number - 1], offsets[number - 1] + len(lines[number - 1]))
    leftover = "".join(ch for ch, done in zip(ART.text, covered) if not done and not ch.isspace())
    assert re.fullmatch(r"[•–—:0-9.]*", leftover), f"text the parser dropped: {leftover!r}"


def test_block_ids_are_unique_and_ordered():
    ids = [b.id for b in ART.blocks]
    assert len(ids) == len(set(ids))
    starts = [b.start for b in ART.blocks]
    assert starts == sorted(starts)


def test_block_lookup_by_span():
    quote = "Illinois and New York flat-out refused to comply"
    start = ART.text.index(quote)
    assert ART.block_at(start, start + len(quote)).id == "s1-b3"
    paragraph_break = ART.text.index("mincing words.")
    assert ART.block_at(paragraph_break - 5, ART.text.index("The DHS’s frustration")) is None


@pytest.mark.parametrize("line, expected", [
    ("The Numbers Tell a Story", True),
    ("What’s Next for States and Communities?", True),
    ("Real-Life Impacts: Stories Behind the Policy", True),
    ("The DHS isn’t mincing words.", False),
    ("– DHS spokesperson", False),
    ("Balancing Act:", False),
    ("these numbers make you pause", False),
])
def test_is_heading(line, expected):
    assert is_heading([line]) is expected


def test_split_run_together_header():
    assert split_run_together_header("Crime TypePercentage of ICE Arrests") == ("Crime Type", "Percentage of ICE Arrests")
    with pytest.raises(ValueError):
        split_run_together_header("crime type percentage")


def test_table_and_list_helpers_refuse_the_wrong_block():
    with pytest.raises(ValueError):
        table_frame(find_block("paragraph"))
    with pytest.raises(ValueError):
        balancing_shares(find_block("table"))


SMALL = "Title Of It\n\nA first paragraph.\n\nA Short Heading\n\nBody text here.\n"


def test_a_minimal_article():
    parsed = parse(SMALL)
    assert parsed.title == "Title Of It"
    assert [s.id for s in parsed.sections] == ["s0", "s1"]
    assert parsed.sections[1].blocks[0].text == "Body text here."


@pytest.mark.parametrize("text, line, words", [
    ("", 1, "empty"),
    ("Two lines\nof title\n\nBody.", 1, "first line must be the article's title"),
    ("Title\n\nIntro text.\n\nA Lonely Heading", 5, "has no text under its heading"),
    ("Title\n\nA quote.\n– Someone\nstray words", 5, "unexpected text after a quotation"),
])
def test_shapes_the_parser_cannot_read_name_the_line(text, line, words):
    with pytest.raises(DataError) as caught:
        parse(text)
    assert caught.value.file == "data/article/article.txt" and caught.value.line == line
    assert words in str(caught.value)


def test_a_missing_article_file_is_named(tmp_path):
    with pytest.raises(DataError, match="data/article/article.txt: file is missing"):
        read_text(tmp_path)


def test_a_non_utf8_article_names_the_line(tmp_path):
    (tmp_path / ARTICLE_FILE).parent.mkdir(parents=True)
    (tmp_path / ARTICLE_FILE).write_bytes(b"Title\n\nfine\n\nbad \xff byte\n")
    with pytest.raises(DataError) as caught:
        read_text(tmp_path)
    assert caught.value.line == 5


words = st.text(alphabet="abcdefghij ", min_size=3, max_size=40).map(str.strip).filter(lambda s: len(s) >= 3)


@settings(max_examples=60, deadline=None, database=None)
@given(st.lists(words, min_size=1, max_size=6))
def test_paragraph_pieces_always_match_the_raw_text(paragraphs):
    text = "Some Title\n\n" + "\n\n".join(p[0].upper() + p[1:] + "." for p in paragraphs)
    parsed = parse(text)
    pieces = [piece for block in parsed.blocks for piece in block.pieces]
    assert len(pieces) == len(paragraphs)
    for piece in pieces:
        assert text[piece.start:piece.end] == piece.text
