"""The printed packets: built with the README's command, printed by Chromium, read back page by page.

One build (``python -m fedstate.packets --out <tmp>``) makes a student and a teacher edition of every
notebook; pypdf reads the PDFs. Each student packet's core path (the pages before the appendices)
fits in twelve pages, shows every question of its notebook and no code; each teacher edition carries
the answer key. Like the browser tests, these need Debian's Chromium: they are skipped with a message
where it is missing, and fail under CI=true.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import unicodedata

import pytest

from browser_support import need_browser
from conftest import NOTEBOOKS, REPO
from fedstate.answer_key import all_checks
from fedstate.checks import MultipleChoice

pytestmark = pytest.mark.browser
CORE_PAGE_LIMIT = 12
#: Code that must never reach paper: Python statements and calls, and notebook prompts.
CODE = re.compile(r"\bimport\s+[\w*]|\bdisplay\(|answer_box\(|self_check\(|>>>|\bIn \[\d*\]|\bOut\[\d+\]|"
                  r"\bdef [a-z_]+\(|Traceback \(most recent call last\)|<ipywidgets|VBox\(")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    need_browser()
    pytest.importorskip("pypdf", reason="pip install -r tests/requirements.txt (pypdf reads the packets)")
    out = tmp_path_factory.mktemp("packets")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "fedstate.packets", "--out", str(out)], cwd=REPO,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, f"the packet command failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["test_seconds"] = round(time.perf_counter() - started, 1)
    return out, manifest


def _pages(pdf) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(str(pdf)).pages]


def _squeezed(text: str) -> str:
    """Text without whitespace or soft hyphens, ligatures spelled out ("ﬁ" as "fi"), to compare across
    line breaks."""
    return re.sub(r"[\s\u00ad]+", "", unicodedata.normalize("NFKC", text))


def _entry(manifest, notebook, edition):
    return next(p for p in manifest["packets"] if p["notebook"] == notebook.name and p["edition"] == edition)


#: Catalogue kinds that are the state of a widget rather than a question with wording of its own: the
#: name (the cover's name line), 04's weights and score grids (printed as the widgets' default view), and
#: the choice of sentence in 01's rewrite (printed as a lettered list of the sentences).
NOT_WORDED = {"name", "weights", "score-changes", "choice"}


def expected_questions(notebook) -> list[tuple[str, list[str]]]:
    """Every question of the notebook from the question catalogue (never from the packet), each with the
    wordings that count as showing it: its prompt, or for one item of a sorting activity the item itself
    (the packet prints the activity's instruction once, then each item)."""
    from fedstate.questions import catalogue

    found = []
    for question in catalogue():
        if question.notebook != notebook.name[:2] or question.kind in NOT_WORDED:
            continue
        wordings = [question.prompt]
        if question.kind == "sorting":
            quoted = re.findall(r"“(.+)”", question.prompt)
            wordings += quoted + [question.prompt.split("? ", 1)[-1]]
        found.append((question.id, wordings))
    return found


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_the_student_packet_fits_a_period_and_shows_every_question_and_no_code(built, notebook):
    out, manifest = built
    entry = _entry(manifest, notebook, "student")
    pages = _pages(out / entry["pdf"])
    assert entry["pages"] == len(pages)
    core = entry["core_pages"]
    assert 1 <= core <= CORE_PAGE_LIMIT, (f"{notebook.name}: the core path prints on {core} pages "
                                          f"(limit {CORE_PAGE_LIMIT}); see {out / entry['html']}")
    text = _squeezed(" ".join(pages))
    questions = expected_questions(notebook)
    assert questions or notebook.name.startswith("00"), f"{notebook.name}: no questions found in the catalogue"
    missing = [qid for qid, wordings in questions if not any(_squeezed(w) in text for w in wordings)]
    assert not missing, f"{notebook.name}: questions missing from the packet: {missing}"
    # A packet is printed without anyone's answers: it leaves lines to write on, never the screen's
    # "you did not save a prediction" (02 and 03 put the start notebook's guess beside the evidence).
    assert "didnotsaveaprediction" not in text, f"{notebook.name}: a screen-only sentence reached paper"
    if notebook.name[:2] in ("02", "03"):
        assert _squeezed("Your prediction from notebook 00") in text
    # 05's cards say where their data are for the teacher only: the student's packet leaves that out.
    assert _squeezed("For the teacher: where this card") not in text
    code = [(n + 1, m.group(0)) for n, page in enumerate(pages) for m in CODE.finditer(page)]
    assert not code, f"{notebook.name}: code on the printed pages (page, text): {code}"
    assert "Answer key" not in " ".join(pages), f"{notebook.name}: the student edition shows the answer key"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_the_teacher_edition_carries_the_answer_key(built, notebook):
    out, manifest = built
    entry = _entry(manifest, notebook, "teacher")
    text = " ".join(_pages(out / entry["pdf"]))
    assert "Teacher edition" in text
    for question in (q for q in all_checks() if q.notebook[:2] == notebook.name[:2]):
        if isinstance(question, MultipleChoice):
            assert _squeezed(f"{question.answer_letter}. {question.answer}") in _squeezed(text), question.id
        else:
            assert f"{question.resolved_answer():g}" in text, question.id
    assert not CODE.search(text)
    if notebook.name.startswith("05"):  # the teacher's packet keeps where each card's data are
        assert _squeezed("For the teacher: where this card") in _squeezed(text)


def test_every_packet_has_both_editions_and_charts_printed_offline(built):
    out, manifest = built
    assert {(p["notebook"], p["edition"]) for p in manifest["packets"]} == {
        (nb.name, edition) for nb in NOTEBOOKS for edition in ("student", "teacher")}
    page = (out / "03_checking_the_numbers-student.html").read_text(encoding="utf-8")
    assert 'src="plotly.min.js"' in page and (out / "plotly.min.js").stat().st_size > 1_000_000
    assert "cdn" not in re.sub(r'data-plotly="[^"]*"', "", page).lower(), "the packet must not load from a CDN"
