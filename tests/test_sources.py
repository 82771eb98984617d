"""Primary sources: the module passes the SIFT test it teaches ("trace claims to the original").

Every source's address is its original publisher's page (a court, legislature, agency, journal or
newspaper), never a copy. Where the text could only be read in a copy, the copy is kept in read_at,
the note says so, and every place that prints a source shows the copy only as a secondary
"read in a copy at" note after the original's address.
"""

from __future__ import annotations

import csv
from urllib.parse import urlsplit

import pandas as pd
import pytest

from conftest import REPO
from fedstate import data
from fedstate.data import DataError

# Sites that copy, mirror, repost or aggregate other publishers' documents. Each was met in
# data/sources.csv and judged a copy (see the issue 13 audit); none may be a source's address.
# An entry matches its host and every subdomain ("scribd.com" also covers "de.scribd.com"); an entry
# with a path ("tracreports.org/tracatwork") matches only addresses under that path.
COPY_SITES = (
    # copies of Wikipedia and other encyclopedias, transcriptions
    "infogalactic.com", "wikimili.com", "wikisource.org",
    # press-release and news reposts, scrapers and aggregators
    "einpresswire.com", "eurasiareview.com", "homelandsecuritynewswire.com", "security.mil-osi.com",
    "dnyuz.com", "internewscast.com", "particle.news", "yahoo.com", "tnnews.ai", "daddycow.com",
    "financialsourcereport.com", "123citizen.com", "usa-today-news.com", "us-inquirer.com",
    "finnoexpert.com", "daily8.com", "frumspeak.com", "gantnews.com", "georgialawnews.com",
    "mymotherlode.com", "newszed.com", "twitchy.com", "politicalemails.org", "prophecyhour.com",
    "cairco.org", "aocds.org", "alipac.us", "blogs.ilw.com", "blogspot.com",
    "immigrationresearch.org", "tracreports.org/tracatwork", "trac.syr.edu/tracatwork",
    # a newspaper's own asset or content-delivery copies (the article's address is on the paper's site)
    "twt-assets.washtimes.com", "cdn.arcpublishing.com", "alpha.pewresearch.org",
    # proxies and web archives
    "pages.dev", "webharvest.gov",
    # document mirrors and upload sites
    "scribd.com", "paperzz.com", "docslib.org", "fdocuments.in", "zbook.org", "5y1.org",
    "lawsdocbox.com", "documentine.com", "anyflip.com", "mydigitalchalkboard.org",
    # copies of statutes, regulations, bills and court opinions
    "lawserver.com", "onecle.com", "self-law.org", "usborderpatrol.com", "casetext.com", "vlex.com",
    "law.justia.com", "regulations.justia.com", "legiscan.com", "billtrack50.com", "legiplex.com",
    "bamapolitics.com", "votesmart.org", "courtgpt.ai", "instalawyer.io", "uslawyerdatabase.com",
    "getpocketlaw.com", "policyrisk.com", "syfert.com", "d1tvxue8o4w0fl.cloudfront.net",
    "counselstack.com", "lexplug.com", "everycrsreport.com",
    # index and citation records of research papers (the paper's address is the journal or its DOI)
    "semanticscholar.org", "ssrn.com", "repec.org", "safetylit.org",
)


def _site(address: str) -> tuple[str, str]:
    """(host, path) of an address, lower-cased, without "www." and a trailing dot on the host."""
    parts = urlsplit(address)
    host = parts.netloc.lower().rstrip(".").removeprefix("www.")
    return host, parts.path.lower()


def copy_site(address: str) -> str | None:
    """The entry of COPY_SITES that an address falls under, or None."""
    host, path = _site(address)
    for entry in COPY_SITES:
        site, _, under = entry.partition("/")
        if (host == site or host.endswith("." + site)) and (not under or path.startswith("/" + under)):
            return entry
    return None


def _rows(path=REPO / "data" / "sources.csv") -> list[dict]:
    # Read as plain CSV (not through the schema) so the check also runs on a file the schema rejects.
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_matcher_knows_hosts_subdomains_and_paths():
    assert copy_site("https://de.scribd.com/document/1/x") == "scribd.com"
    assert copy_site("https://legiscan.com./CA/text/AB2792/2015") == "legiscan.com"
    assert copy_site("https://tracreports.org/tracatwork/detail/A5946.html") == "tracreports.org/tracatwork"
    assert copy_site("https://tracreports.org/whatsnew/email.251124.html") is None
    assert copy_site("https://www.supremecourt.gov/opinions/boundvolumes/521bv.pdf") is None
    assert copy_site("https://notscribd.com/x") is None


def test_no_address_is_on_a_copy_or_aggregator_site():
    bad = [f"{row['id']}: {row['address']} ({copy_site(row['address'])})"
           for row in _rows() if copy_site(row["address"])]
    assert not bad, "addresses on copy or aggregator sites (give the original publisher's page; keep the copy " \
                    "in read_at): " + "; ".join(bad)


def test_every_read_at_differs_from_the_address_and_is_explained_in_the_note():
    rows = _rows()
    assert "read_at" in rows[0], "data/sources.csv has no read_at column"
    copies = [row for row in rows if row["read_at"]]
    assert copies, "no source records a copy it was read in"
    for row in copies:
        assert row["read_at"] != row["address"], row["id"]
        assert row["read_at"].startswith(("http://", "https://")), row["id"]
        host, _ = _site(row["read_at"])
        assert "read_at" in row["note"] or host in row["note"].lower(), \
            f"{row['id']}: the note does not say the text was read in a copy"


def test_a_copy_of_a_known_copy_site_is_recorded_as_read_at_not_dropped():
    # The copies met in the audit are kept (a reader can still see where the text was read).
    read_at_sites = {copy_site(row["read_at"]) for row in _rows() if row["read_at"]}
    for site in ("einpresswire.com", "onecle.com", "law.justia.com", "usborderpatrol.com", "wikimili.com"):
        assert site in read_at_sites, site


# -- the schema enforces the same rule on any edited file ---------------------------------------

def _edit(data_copy, sid: str, **values) -> None:
    frame = pd.read_csv(data_copy / "sources.csv", dtype=str, keep_default_na=False)
    for column, value in values.items():
        frame.loc[frame["id"] == sid, column] = value
    frame.to_csv(data_copy / "sources.csv", index=False)


def test_schema_rejects_a_read_at_that_repeats_the_address(data_copy):
    row = data.sources().loc["gao-09-109"]
    _edit(data_copy, "gao-09-109", read_at=row["address"])
    with pytest.raises(DataError) as caught:
        data.load("sources.csv", data_copy)
    assert caught.value.column == "read_at" and "repeats the address" in str(caught.value)


def test_schema_rejects_a_read_at_the_note_does_not_explain(data_copy):
    _edit(data_copy, "gao-09-109", note="The report's Highlights page.")
    with pytest.raises(DataError) as caught:
        data.load("sources.csv", data_copy)
    assert caught.value.column == "note" and "scribd.com" in str(caught.value)
    ids = pd.read_csv(data_copy / "sources.csv", dtype=str, keep_default_na=False)["id"].tolist()
    assert caught.value.line == ids.index("gao-09-109") + 2  # the header is line 1


# -- what a reader sees ----------------------------------------------------------------------------

COPIED = "galarza-2014-lexisnexis"  # a court opinion read only in a legal-news summary


def test_cite_gives_the_original_first_and_the_copy_only_as_a_note():
    row = data.sources().loc[COPIED]
    line = data.cite(COPIED)
    assert line.startswith("U.S. Court of Appeals for the Third Circuit")
    assert line.index(row["address"]) < line.index("read in a copy at") < line.index(row["read_at"])
    assert "read in a copy" not in data.cite("ice-fy2024-annual-report")


def test_source_line_names_the_publisher_not_the_copy():
    line = data.source_line([COPIED, "dhs-2025-09-20-notice"])
    assert "Third Circuit" in line and "U.S. Department of Homeland Security" in line
    for sid in (COPIED, "dhs-2025-09-20-notice"):
        host, _ = _site(data.sources().loc[sid, "read_at"])
        assert host.split(".")[-2] not in line.lower(), (sid, host)  # "einpresswire", "lexisnexis"


def test_printed_source_lists_link_the_original_before_the_copy():
    from fedstate.reading import source_list_html

    row = data.sources().loc[COPIED]
    markup = source_list_html([COPIED])
    first_link = markup.index('href="')
    assert markup[first_link:].startswith(f'href="{row["address"]}"')
    assert markup.index(row["address"]) < markup.index("read in a copy at") < markup.index(row["read_at"])


def test_state_detail_links_the_original_before_the_copy():
    from fedstate import law_charts

    states = data.load("jurisdictions.csv")
    table = data.sources()
    copied = [(r["abbr"], s) for _, r in states.iterrows() for s in r["source_ids"] if data.read_at(table.loc[s])]
    assert copied, "no state's sources were read in a copy (the check below would test nothing)"
    abbr, sid = copied[0]
    markup = law_charts.state_detail_html(abbr)
    row = table.loc[sid]
    assert markup.index(row["address"]) < markup.index("read in a copy at") < markup.index(row["read_at"])
