"""Printed packets: the static edition of every notebook, for students and for the teacher.

One command builds them all::

    python -m fedstate.packets

For each notebook it runs the notebook top to bottom in a fresh kernel (nbclient; answers go to a
temporary folder, so no one's saved work is read or touched), turns the executed notebook into a
page for print with nbconvert (the HTML exporter, this package's template and print style sheet, and
:class:`PrintPreprocessor`), and prints that page to PDF with Chrome or Chromium. Two editions:

- ``NN_name-student.pdf``: prose, charts drawn as static charts, every text version unfolded, every
  question with space to answer (self-check options lettered A, B, C…; ruled lines for written
  answers, as many as the expected length needs), and no code.
- ``NN_name-teacher.pdf``: the same pages with the answer key: each self-check's letter with the
  feedback for every option, the key of every sorting activity, and the model answer or "what a
  strong answer includes" from the teacher notes in ``teacher/`` for each written question.

Extensions (cells tagged ``extension``) are printed after the core path, in an appendix that starts
on a new page, so the pages of the core path come first and can be printed alone; ``packets/index.md``
lists the page ranges.

Packets go to ``packets/`` (not committed: they are rebuilt from the notebooks and the data, so they
always show the current figures). Without Chrome or Chromium the HTML packets are still written:
open one in any browser and print it (they draw their charts with the plotly.js that ships inside the
plotly package, so no network is needed).
"""

from __future__ import annotations

import argparse
import copy
import datetime as _dt
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup
from nbconvert.preprocessors import Preprocessor
from traitlets import Dict, Unicode

from fedstate.widgets.printing import KEY_CLASS, PAPER_ONLY, SCREEN_ONLY, WIDGET_VIEW, key_html, plot_html

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
TEACHER = REPO / "teacher"
OUT = REPO / "packets"
TEMPLATES = Path(__file__).resolve().parent / "packet_template"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
EDITIONS = ("student", "teacher")
EXTENSION_TAG = "extension"
#: The heading that starts the appendix of extensions (the page-count test looks for it).
APPENDIX_TITLE = "Extensions (optional)"
TABLES_TITLE = "Full tables and text versions (for reference)"
#: Classes of the text versions printed under widgets (``text_version``, notebook 01's activities, and the
#: folded text versions of the shared convention).
TWIN_CLASSES = ("fedstate-print-twin", "fs-text-version", "fedstate-text-version")


#: Tables with more rows than this are printed at the back (a 51-row table would take pages mid-lesson),
#: and so are folded blocks (text versions, reference) longer than this many characters (about half a page).
LONG_TABLE = 15
LONG_FOLDED = 2500
CHROME_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
                     "/usr/bin/google-chrome-stable",
                     "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                     "/Applications/Chromium.app/Contents/MacOS/Chromium",
                     r"C:\Program Files\Google\Chrome\Application\chrome.exe",
                     r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe")


class PacketError(Exception):
    """A packet could not be built; the message says which notebook and why."""


# ---------------------------------------------------------------------------------------------
# 1. Run the notebook


def execute(path: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """The notebook run top to bottom in a fresh kernel, with answers in a temporary folder."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="fedstate-packet-answers-") as answers:
        env = {**os.environ, "FEDSTATE_ANSWERS": answers}
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        try:  # the kernel gets its own environment; the builder's own is left alone
            client.execute(env=env)
        except CellExecutionError as problem:
            raise PacketError(f"{path.name} did not run to the end, so no packet was made from it:\n{problem}") from None
    return nb


# ---------------------------------------------------------------------------------------------
# 2. Make it a page for print


def model_answers(notebook: Path) -> dict[str, str]:
    """What the teacher notes say a strong answer to each written question includes, by question id.

    The notes (``teacher/NN_*.md``) introduce each answer by naming its question id near the start of a
    paragraph or list item (``**04.rank-reversal**``, ``Written answer `01.trace` ...``, ``- **`03.rewrite`**``).
    The block that does so is taken, with the lists or quotations that follow a paragraph ending in a
    colon (an essay outline, a model memo).
    """
    notes = sorted(TEACHER.glob(f"{notebook.name[:2]}_*.md"))
    if not notes:
        return {}
    blocks = _blocks(notes[0].read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    mention = re.compile(r"(?:`|\*\*)(\d\d\.[a-z0-9][a-z0-9.-]*?[a-z0-9])\.?(?:`|\*\*)")
    for index, block in enumerate(blocks):
        lead = re.sub(r"^(\s*[-*]|\s*\d+\.)\s+", "", block)[:70]
        for match in mention.finditer(lead):
            qid = match.group(1)
            if qid in found:
                continue
            text = block
            if not _is_list_item(block) and block.rstrip().endswith(":"):
                for follower in blocks[index + 1:]:
                    if not (_is_list_item(follower) or follower.lstrip().startswith(">")):
                        break
                    text += "\n\n" + follower
            found[qid] = text
    return found


def _is_list_item(block: str) -> bool:
    return bool(re.match(r"\s*([-*]|\d+\.)\s", block))


def _blocks(markdown: str) -> list[str]:
    """Paragraphs, and each top-level list item as its own block (with its indented continuation)."""
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", markdown):
        lines = chunk.split("\n")
        if _is_list_item(lines[0]):
            current: list[str] = []
            for line in lines:
                if re.match(r"([-*]|\d+\.)\s", line) and current:
                    blocks.append("\n".join(current))
                    current = []
                current.append(line)
            blocks.append("\n".join(current))
        elif blocks and _is_list_item(blocks[-1]) and chunk.startswith("  "):
            blocks[-1] += "\n\n" + chunk  # a list item's second paragraph
        else:
            blocks.append(chunk)
    return blocks


def _markdown_html(text: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(text)


class PrintPreprocessor(Preprocessor):
    """An executed notebook made ready for print.

    - Widget outputs keep only their print view (the widget-view MIME type is dropped; see
      :mod:`fedstate.widgets.printing`); a widget without one is an error, not a blank.
    - Plotly outputs become static charts drawn by the page (:func:`fedstate.widgets.printing.plot_html`).
    - Every ``<details>`` is opened, so text versions are printed.
    - Screen-only parts (``fedstate-screen-only``, such as "You did not save a prediction") are left out and
      paper-only ones (``fedstate-paper-only``, such as a line to copy a prediction onto) are shown.
    - Warnings (stderr) and bare reprs (``text/plain`` alone) are left out: no code reaches paper.
    - Extension cells move to an appendix after the core path.
    - The student's edition loses every answer-key block; the teacher's edition gains the teacher
      notes' model answer under each written question.
    """

    edition = Unicode("student").tag(config=True)
    title = Unicode("").tag(config=True)
    answers = Dict().tag(config=True)  # question id -> model answer (markdown), teacher's edition only

    def preprocess(self, nb, resources):
        nb.metadata.pop("widgets", None)
        core = [c for c in nb.cells if EXTENSION_TAG not in c.get("metadata", {}).get("tags", [])]
        extensions = [c for c in nb.cells if EXTENSION_TAG in c.get("metadata", {}).get("tags", [])]
        cells = [self._cover()] + core
        if extensions:
            cells.append(nbformat.v4.new_markdown_cell(
                f'<div class="fedstate-appendix-start"></div>\n\n# {APPENDIX_TITLE}\n\n'
                "These sections go beyond the core lesson. Your teacher will say whether to do them."))
            cells += extensions
        nb.cells = cells
        self.missing: list[str] = []
        self.printed: set[tuple[str, str]] = set()  # text versions already printed (title, summary)
        self.after_widget = False
        self.tables: list[str] = []  # long tables moved to the back
        self.table_numbers: dict[str, int] = {}  # their text -> their number, so a repeat points to the first
        for index, cell in enumerate(nb.cells):
            nb.cells[index], resources = self.preprocess_cell(cell, resources, index)
        if self.tables:
            intro = (f'<div class="fedstate-appendix-start"></div><h1>{TABLES_TITLE}</h1><p>The long tables and text '
                     "versions of the charts and activities, in full. Each one is referred to where it belongs "
                     "(R1, R2, …).</p>")
            cell = nbformat.v4.new_code_cell("")
            cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": intro + "".join(self.tables)})]
            nb.cells.append(cell)
        if self.missing:
            raise PacketError(f"{self.title}: widgets with no print view (add one with "
                              f"fedstate.widgets.printing.printable): {', '.join(self.missing)}")
        return nb, resources

    def _cover(self):
        if self.edition == "teacher":
            banner = ('<div class="fedstate-cover fedstate-cover-teacher"><strong>Teacher edition.</strong> The answer '
                      "key is in the blue boxes: self-check letters with the feedback for every option, and what a "
                      "strong written answer includes (from the teacher notes). Do not hand this edition out.</div>")
        else:
            banner = ('<div class="fedstate-cover"><p>Name: <span class="fedstate-fill"></span> Class: '
                      '<span class="fedstate-fill short"></span> Date: <span class="fedstate-fill short"></span></p>'
                      "<p><small>The printed edition of the notebook. Charts and activities appear as the notebook "
                      "first shows them; write your answers on the lines and blanks.</small></p></div>")
        return nbformat.v4.new_markdown_cell(banner)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = _open_details(cell.source)
            if cell.source.strip():
                self.after_widget = False
            return cell, resources
        if cell.cell_type != "code":
            return cell, resources
        outputs = []
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                if output.name == "stdout" and output.text.strip():
                    outputs.append(output)
                    self.after_widget = False
                continue
            if output.output_type == "error":
                raise PacketError(f"{self.title}: cell {index} ended in an error: {output.ename}: {output.evalue}")
            data = output.get("data", {})
            widget = WIDGET_VIEW in data
            if widget:
                if "text/html" not in data:
                    self.missing.append(data.get("text/plain", "a widget")[:60])
                    continue
                data = {"text/html": data["text/html"]}
            elif PLOTLY_MIME in data:
                data = {"text/html": plot_html(data[PLOTLY_MIME])}
            elif set(data) <= {"text/plain"}:
                continue  # a repr such as <object at 0x...>: code talk, not lesson
            if "text/html" in data:
                markup = self._edition_html(_joined(data["text/html"]), widget)
                if markup is None:
                    continue  # nothing left to print: a text version already printed above
                data = {"text/html": markup}
            output.data = data
            output.metadata = {}
            outputs.append(output)
            self.after_widget = widget
        cell.outputs = outputs
        return cell, resources

    def _edition_html(self, markup: str, widget: bool = False) -> str | None:
        """One HTML output for this edition: answer keys removed (student) or completed (teacher), and
        text versions already printed left out (None when nothing is left)."""
        # Charts' JSON rides in long attributes that make HTML parsing slow: set it aside meanwhile.
        charts: list[str] = []

        def aside(match):
            charts.append(match.group(1))
            return f'data-plotly="@{len(charts) - 1}"'

        markup = re.sub(r'data-plotly="([^"]*)"', aside, _open_details(markup))
        soup = BeautifulSoup(markup, "html.parser")
        if not widget and self.after_widget:
            # A text version shown right after a widget is that widget's text version, and the widget's
            # print view already prints it: on paper it would appear twice.
            for twin in soup.select(", ".join(f".{c}" for c in TWIN_CLASSES)):
                twin.decompose()
        for alternative in soup.select(".fedstate-textalt"):
            summary = alternative.find("p")
            seen = (alternative.get("aria-label", ""), " ".join((summary.get_text() if summary else "").split()))
            if seen in self.printed:
                alternative.decompose()
            else:
                self.printed.add(seen)
        for twin in soup.select(".fedstate-print-twin"):
            if not twin.select(".fedstate-textalt"):
                twin.decompose()
        for screen in soup.select(f".{SCREEN_ONLY}"):
            screen.decompose()
        for paper in soup.select(f".{PAPER_ONLY}"):
            del paper["hidden"]
        if self.edition == "student":  # before long blocks move to the back, so none carries a key there
            for key in soup.select(f".{KEY_CLASS}"):
                key.decompose()
        self._move_long_tables(soup)
        if self.edition == "teacher":
            for question in soup.select("[data-fedstate-question]"):
                qid = question["data-fedstate-question"]
                if qid in self.answers and not question.select(f".{KEY_CLASS}"):
                    block = key_html('<p style="margin:0.2em 0"><small>From the teacher notes:</small></p>'
                                     + _markdown_html(self.answers[qid]))
                    question.append(BeautifulSoup(block, "html.parser"))
        if not soup.get_text(strip=True) and not soup.select(".fedstate-print-plot, svg, img, table"):
            return None
        return re.sub(r'data-plotly="@(\d+)"', lambda m: f'data-plotly="{charts[int(m.group(1))]}"', str(soup))


    def _move_long_tables(self, soup) -> None:
        """Long reference material goes to the back of the packet, with a pointer where it was, so the
        lesson reads in order on few pages and nothing is lost: a folded block (``<details>``: a text
        version or reference on screen) longer than LONG_FOLDED characters, and any table longer than
        LONG_TABLE rows. A chart, its one-sentence summary and its sources stay in place."""
        for folded in soup.find_all("details"):
            if not folded.find_parent("details") and not _in_key(folded) and \
                    len(folded.get_text(" ", strip=True)) > LONG_FOLDED:
                summary = folded.find("summary")
                name = summary.get_text(" ", strip=True) if summary else ""
                self._to_back(soup, folded, name, "section")
        for table in soup.find_all("table"):
            if table.find_parent("table") is not None or _in_key(table):
                continue
            body = table.find("tbody") or table
            rows = len(body.find_all("tr", recursive=False))
            if rows <= LONG_TABLE:
                continue
            caption = table.find("caption")
            holder = table.find_parent(class_="fedstate-textalt")
            name = (caption.get_text(" ", strip=True) if caption else
                    holder.get("aria-label", "").replace(": text version", "") if holder else "")
            self._to_back(soup, table, name, f"table ({rows} rows)")

    def _to_back(self, soup, element, name: str, what: str) -> None:
        text = " ".join(" ".join(c.get_text(" ", strip=True) for c in element.find_all(["th", "td", "p", "li"])
                                 or [element]).split())
        number = self.table_numbers.get(text)
        if number is None:  # the same material again (a second view of the same data) points to the first
            number = len(self.tables) + 1
            self.table_numbers[text] = number
            label = f"R{number}" + (f". {name}" if name else "")
            self.tables.append(f'<div class="fedstate-moved-table"><h3>{html.escape(label)}</h3>{element}</div>')
        pointer = soup.new_tag("p", attrs={"class": "fedstate-table-pointer"})
        pointer.string = (f"{name + ': the' if name else 'The'} full {what} is printed at the back of this packet, "
                          f"as R{number}.")
        element.replace_with(pointer)


def _in_key(element) -> bool:
    return any(KEY_CLASS in (parent.get("class") or []) for parent in element.find_parents())


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def _open_details(markup: str) -> str:
    """Every <details> element opened (text versions are folded on screen and printed in full)."""
    return re.sub(r"<details(?![^>]*\bopen\b)", "<details open", markup)


def packet_html(nb: nbformat.NotebookNode, edition: str, title: str, answers: dict[str, str] | None = None) -> str:
    """The HTML page of one edition of one executed notebook (nbconvert, with this package's template)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="fedstate_packet", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(PrintPreprocessor(edition=edition, title=title,
                                                     answers=answers if edition == "teacher" else {}), enabled=True)
    edition_name = "Teacher edition" if edition == "teacher" else "Student packet"
    resources = {"metadata": {"name": f"{title}: {edition_name}"},
                 "fedstate": {"footer": f"{title} · {edition_name}", "edition": edition}}
    body, _resources = exporter.from_notebook_node(copy.deepcopy(nb), resources=resources)
    return body


# ---------------------------------------------------------------------------------------------
# 3. Print it


def find_chrome() -> str | None:
    """Chrome or Chromium on this machine (FEDSTATE_CHROME overrides), or None."""
    if os.environ.get("FEDSTATE_CHROME"):
        return os.environ["FEDSTATE_CHROME"]
    for candidate in CHROME_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def print_pdf(chrome: str, html_file: Path, pdf_file: Path, timeout: int = 120) -> None:
    """Print one HTML packet to PDF with headless Chrome/Chromium (paper size and margins come from
    the page's own @page rules; page numbers are drawn by the page, not by the browser)."""
    with tempfile.TemporaryDirectory(prefix="fedstate-chrome-") as profile:
        command = [chrome, "--headless", "--disable-gpu", "--no-first-run", "--disable-extensions",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={profile}", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                   "--virtual-time-budget=20000", "--window-size=1000,1400",
                   f"--print-to-pdf={pdf_file}", html_file.resolve().as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chrome refuses to run as root with its sandbox
        if pdf_file.exists():
            pdf_file.unlink()
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        if not pdf_file.exists() or pdf_file.stat().st_size == 0:
            raise PacketError(f"{chrome} did not print {html_file.name}: {done.stderr.strip()[-500:]}")


def page_count(pdf_file: Path) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return len(PdfReader(str(pdf_file)).pages)


def core_pages(pdf_file: Path) -> int | None:
    """Pages before the first appendix (extensions, data tables); all pages when there is none."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    pages = PdfReader(str(pdf_file)).pages
    for number, page in enumerate(pages):
        text = " ".join((page.extract_text() or "").split())
        if APPENDIX_TITLE in text or TABLES_TITLE in text:
            return number
    return len(pages)


# ---------------------------------------------------------------------------------------------
# The command


def notebook_title(nb: nbformat.NotebookNode, path: Path) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if match:
                return f"{path.name[:2]} {re.sub(r'[*_`]', '', match.group(1)).strip()}"
    return path.stem.replace("_", " ")


def build(out: Path = OUT, only: list[str] | None = None, pdf: bool = True, log=print) -> list[dict]:
    """Build every packet (or those whose notebook name starts with one of ``only``); return what was made."""
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    (out / "plotly.min.js").write_text(_plotly_js(), encoding="utf-8")
    paths = [p for p in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")) if not only or any(p.name.startswith(o) for o in only)]
    if not paths:
        raise PacketError(f"no notebook in {NOTEBOOKS} matches {only}")
    chrome = find_chrome() if pdf else None
    if pdf and chrome is None:
        log("No Chrome or Chromium found, so only the HTML packets are written: open one in a browser and "
            "print it (or set FEDSTATE_CHROME to the browser's path and run this again).")

    def one(path: Path) -> list[dict]:
        t0 = time.perf_counter()
        nb = execute(path)
        ran = time.perf_counter() - t0
        title = notebook_title(nb, path)
        made = []
        for edition in EDITIONS:
            page = packet_html(nb, edition, title, model_answers(path))
            html_file = out / f"{path.stem}-{edition}.html"
            html_file.write_text(page, encoding="utf-8")
            entry = {"notebook": path.name, "title": title, "edition": edition, "html": html_file.name,
                     "run_seconds": round(ran, 1)}
            if chrome:
                pdf_file = html_file.with_suffix(".pdf")
                print_pdf(chrome, html_file, pdf_file)
                entry.update(pdf=pdf_file.name, pages=page_count(pdf_file), core_pages=core_pages(pdf_file))
            made.append(entry)
            log(f"  {entry.get('pdf', html_file.name)}" + (f": {entry['pages']} pages (core {entry['core_pages']})"
                                                           if entry.get("pages") else ""))
        return made

    # Two notebooks at a time: a kernel run is mostly waiting on one core, printing on the other.
    with ThreadPoolExecutor(max_workers=2) as pool:
        made = [entry for entries in pool.map(one, paths) for entry in entries]
    seconds = round(time.perf_counter() - started, 1)
    manifest = {"built": _dt.datetime.now().isoformat(timespec="seconds"), "seconds": seconds, "packets": made}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    (out / "index.md").write_text(_index(manifest), encoding="utf-8")
    log(f"Built {len(made)} packets in {seconds:.0f} s into {out}")
    return made


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _index(manifest: dict) -> str:
    lines = ["# Printed packets", "", f"Built {manifest['built']} by `python -m fedstate.packets` "
             f"({manifest['seconds']:.0f} s). Rebuild after any change to the notebooks or the data.", "",
             "| Notebook | Edition | File | Pages | Core path |", "|---|---|---|---|---|"]
    for p in manifest["packets"]:
        pages = p.get("pages") or ""
        core = p.get("core_pages")
        core_text = "" if core is None else (f"pages 1–{core}" if core != pages else "all")
        lines.append(f"| {p['title']} | {p['edition']} | [{p.get('pdf', p['html'])}]({p.get('pdf', p['html'])}) "
                     f"| {pages} | {core_text} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fedstate.packets", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the packets (default: packets/)")
    parser.add_argument("--only", nargs="*", help="notebook numbers to build, e.g. --only 02 03")
    parser.add_argument("--html-only", action="store_true", help="write the HTML packets, do not print PDFs")
    args = parser.parse_args(argv)
    try:
        build(args.out, args.only, pdf=not args.html_only)
    except PacketError as problem:
        print(f"Packets not built: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
