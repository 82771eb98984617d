"""Write data/README.md, the data dictionary, from the declared schemas.

The schemas are the single description of every file and column, so the dictionary cannot drift
from what the loader enforces. After changing a schema, run::

    python -m fedstate.dictionary

and a test fails until data/README.md matches.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fedstate.data import DEFAULT_DATA_DIR, schemas

KIND_TEXT = {
    "text": "text",
    "int": "whole number",
    "number": "number",
    "date": "date (YYYY-MM-DD)",
    "partial_date": "date (YYYY-MM-DD, or YYYY-MM / YYYY when only that is known)",
    "choice": "one of the listed values",
    "source_ids": "source ids from sources.csv, separated by ;",
    "bool": "yes / no",
    "url": "web address",
}

INTRO = """# Data dictionary

Every dataset the module uses, every column, and its units. This file is generated from the
schemas in `fedstate/schemas/` by `python -m fedstate.dictionary`; edit the schema, not this file.

## Rules for every file
- CSV, UTF-8, comma-separated, one header line; a value containing a comma is in double quotes.
- Every fact carries `source_ids`: one or more ids from `sources.csv`, separated by `;`. The loader
  refuses a file whose id is not in `sources.csv`.
- Figures move: rows say what period they cover and when the source published them. Sources
  published after the article (Sep 22, 2025) say so in their note.
- The loader (`fedstate.data.load`) checks each file against its schema. A problem stops the load
  with one message naming the file, the line and the column, for example:
  `data/sources.csv, line 7, column "date": "2025-13-01" is not a real calendar date (...)`.

## How to update a figure
1. Edit the one row in the CSV that holds it, and its `source_ids`; add the source to
   `sources.csv` if it is new (publisher, title, date, address, kind, confidence). The address is
   the original publisher's page (the court, legislature, agency, journal or newspaper), never a
   repost, mirror or aggregator; if you could read the text only in a copy, put the copy in
   `read_at` and say so in the note (`tests/test_sources.py` lists the copy sites it refuses).
2. Run the tests (see the README). The data tests check the schema and the sources; the notebook
   tests re-run every notebook; the self-check tests fail if an answer key no longer matches.

## The article
`article/article.txt` is the opinion article studied in this module, exactly as it was received
(scraped text, glitches included): "DHS Urges States to Aid ICE in Deportation Efforts", credited to
Steven Soarez, labelled by the site "Financial market analysis from 22/09/2025", dated Sep 22, 2025,
at https://capwolf.com/?p=43816 (source id `article-capwolf`). It is included as the object of study,
with attribution; the module does not endorse it.
"""


def render() -> str:
    parts = [INTRO, "## Files\n"]
    for path, schema in schemas().items():
        parts.append(f"### `{path}`\n")
        if schema.description:
            parts.append(schema.description + "\n")
        parts.append("| column | type | required | unit | meaning |")
        parts.append("|---|---|---|---|---|")
        for col in schema.columns:
            kind = KIND_TEXT[col.kind]
            if col.kind == "choice":
                kind += ": " + ", ".join(f"`{c}`" for c in col.choices)
            if col.unique:
                kind += " (unique)"
            meaning = col.description.replace("|", "\\|").replace("\n", " ")
            parts.append(f"| `{col.name}` | {kind} | {'yes' if col.required else 'no'} | {col.unit} | {meaning} |")
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    target = Path(DEFAULT_DATA_DIR) / "README.md"
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
