"""Invented sample hand-ins, so that a teacher can try the class view before a real class hands in.

    python -m fedstate.sample_handins            # rewrites teacher/sample_handins/

Thirty invented students ("Sample student 01 (invented)" ... "30"), made from the module's own
question catalogue (:mod:`fedstate.questions`) and written by the module's own export code
(:func:`fedstate.handins.build_record` and :func:`fedstate.handins.render_html`), so each file is
exactly what a student's **Export my work** writes. Every name says "(invented)", and the folder's
README says so too. Nothing here is about a real student or a real person.

What the folder shows a teacher (all chosen on purpose, with a fixed seed, so the files are the
same on every run and a test checks that the committed ones are current):

- completion from nearly blank to complete, notebook by notebook;
- right and wrong answers to self-checks and sorting activities (marks come from the module's own
  keys, so the mix follows each invented student's accuracy);
- predictions spread widely; notebook 04 weights drawn so that each of the four options ranks first
  for the same number of students (no side of the debate over-represented by design), some
  changed scores with reasons on both sides, and one student who reached notebook 04 without
  setting weights;
- short written answers in plain student language (neutral, about the lesson only);
- two students who handed in twice (one as the browser's "(1)" copy), a hand-in that records a
  save problem, a foreign HTML page and a truncated download: the class view's skip list.

If the module's questions, keys or data change, run the command again and commit the result (the
test in tests/test_classview.py fails until the samples are current).
"""

from __future__ import annotations

import datetime as _dt
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

from fedstate import handins, questions

SEED = 20261204
N_STUDENTS = 30
TARGET = Path(__file__).resolve().parent.parent / "teacher" / "sample_handins"
OFFSET = _dt.timezone(_dt.timedelta(hours=-5))  # the invented class's local time (US Eastern in winter)
FOREIGN_FILE = "class_newsletter.html"
NAME = "Sample student {n:02d} (invented)"

#: The day each notebook was done in class (invented), and the day work was handed in.
DAYS = {"00": "2026-11-23", "01": "2026-11-23", "02": "2026-11-24", "03": "2026-11-30", "04": "2026-12-01",
        "05": "2026-12-02"}
NOTEBOOK_ORDER = list(questions.NOTEBOOKS)

#: How far each invented student got: the last notebook they worked in (index into NOTEBOOK_ORDER);
#: -1 is a nearly blank hand-in (a name and a prediction or two). Shuffled with the seed.
STAGES = [-1] * 2 + [1] * 3 + [2] * 4 + [3] * 4 + [4] * 7 + [5] * 10

# ---------------------------------------------------------------------------------------------
# Written answers, in plain student language. "{c:<claim id>}" becomes the claim's number as
# notebook 01 shows it (C27), "{n:<claim id>}" the bare number, "{sp:<claim id>}" a lower-case "c 27".

WRITTEN: dict[str, list[str]] = {
    "predict.arrests-convicted.why": [
        "The article says 70 percent had records, so I went a bit lower because it said convictions or pending charges.",
        "I guessed about half because some people are arrested only for immigration violations.",
        "I remember hearing a high number on the news, but I'm not sure who counted it.",
        "Just a guess. I don't know how ICE decides who to arrest.",
    ],
    "predict.states-limiting.why": [
        "I only know about California, New York and Illinois from the article, so I guessed a small number.",
        "I think a lot of states have some kind of rule, maybe a third of them.",
        "Not sure at all. I guessed about ten because it seems like a big-state thing.",
    ],
    "predict.must-hold.why": [
        "Federal law usually wins over state law, so I think the jail has to do it.",
        "The article calls it a request, so I think the jail can say no.",
        "Probably depends on where the jail is, since the states in the article refused.",
        "I really don't know how detainers work yet.",
    ],
    "01.surprise": [
        "{c:s3-400000-70pct} surprised me most. The 70% was DHS's number for the whole department, but the article "
        "says it is about ICE.",
        "{c:table-violent}: nobody could find a source for the crime table, and it adds up to 100% even though the "
        "article's own text leaves about 30% with no record.",
        "I was surprised by {c:s1-quote-dhs} because it is printed like a quote but the panel says no DHS text has "
        "that sentence.",
        "{c:teaser-demands} - the summary says DHS \"demands\", but the panel says a detainer is a request.",
        "Claim {n:s1-refused} surprised me because it actually checked out. I expected it to be exaggerated.",
        "{c:s4-quote-official} and {c:s6-quote-analyst}. Two quotes with no name attached, and they could not be "
        "traced.",
        "The one about the crime table. I didn't think a site could just post a table with no source.",
        "{c:table-violent} and {c:table-drug}, because the percentages don't come from anywhere.",
        "{sp:s3-400000-70pct}, the 70 percent. It counts pending charges too, not just convictions.",
        "C270 because the 70 percent is about charges too & not only convictions (I think it's < half convicted).",
        "{c:s5-obbba}: I didn't know a law with that name had been passed. The panel shows it is real.",
    ],
    "01.text-kind.why": [
        "The \"1 views\" counter, the first person \"I\" and the author bio about finance made me think opinion. To be "
        "news it would need named sources and no personal views.",
        "It says \"Personally, I think\", so it is opinion. A news story would quote people by name and link the DHS "
        "statement.",
        "The label says financial market analysis but it isn't about markets at all. It would need a reporter's "
        "byline and real sourcing to count as news.",
    ],
    "01.trace": [
        "DHS has said it asked the states to honor detainers; the exact words the article quotes could not be found "
        "in any DHS statement.",
        "The article gives a quotation to a \"DHS spokesperson\", but no published DHS statement contains those "
        "words. DHS's September 20 statement makes a similar point in different words.",
        "According to the article an official said this, but we could not find where it was said, so it should not be "
        "in quotation marks.",
    ],
    "01.words.why": [
        "\"Illegal immigrants\" versus \"unauthorized immigrants\". A writer on the other side would probably say "
        "undocumented.",
        "\"Flat-out refused\" makes the states sound stubborn. Someone on the states' side might say \"declined\".",
        "\"Rolling the dice with public safety\" is loaded. A writer who supports limits would frame it as "
        "protecting trust.",
        "\"Demands\" makes DHS sound like it can order states around, which is not what the law says.",
    ],
    "02.map-disagree": [
        "DOJ's list is about the places DOJ calls sanctuary jurisdictions, while the map is about state law, so a "
        "state can limit cooperation by law and not be on the list.",
        "The list was made by DOJ for its own purposes and the state-law view counts statutes, so they measure "
        "different things.",
        "Minnesota is on the list but its state law points both ways, so it depends which level of government you "
        "look at.",
    ],
    "02.scenario-compare": [
        "In Texas the jail must hold the person on a detainer, but in California it may not hold them. The "
        "difference comes from each state's law, since federal law only asks.",
        "Same person, different answers: New York City needs a judge's warrant, Florida requires the hold. State and "
        "city laws explain it.",
        "In Illinois the jail cannot hold them for ICE, in Georgia it has to. Federal law is the same for both, the "
        "state law is not.",
    ],
    "02.legal-action": [
        "I would say a lawsuit was threatened, and that federal courts later dismissed the suits against Illinois and "
        "New York. I would still want to know what legal claim DHS would make.",
        "The line makes it sound like DHS can just take states to court and win. I'd want to know which court and "
        "which law they would use.",
        "It's a prediction, not a fact. I'd want to know if any case was actually filed and what happened to it.",
    ],
    "03.denominator": [
        "DHS's 70% and the Deportation Data Project's lower share can both be right: DHS counted convictions or "
        "pending charges for all of DHS, the project counted only ICE arrests and kept convictions apart from "
        "charges.",
        "One figure is about people arrested and the other about people in detention on one day. Different "
        "populations, so different shares.",
        "The periods are different. One is \"recent months\" and the other is January to October.",
    ],
    "03.rewrite": [
        "According to DHS, about 70% of the people the department arrested in recent months had a criminal "
        "conviction or a pending charge (DHS statement, Sept. 20, 2025).",
        "DHS says that of the people it arrested in recent months, 70% had convictions or pending charges; it did "
        "not give the exact period.",
    ],
    "03.table-contradiction": [
        "If about 30% had no record, the crime types can only add up to about 70%, not 100%. It might come from a "
        "list of example cases, not from real counts.",
        "The table treats everyone as if they had a crime, but the text says some don't. Maybe someone made it to "
        "look official.",
    ],
    "03.trend": [
        "I would cite ICE's own records for January 21 to October 15, 2025 and say they count ICE arrests only, with "
        "convictions and pending charges listed separately.",
        "I'd use the share convicted, and say the period and that the share changed during the year, so one month "
        "doesn't describe the whole year.",
    ],
    "03.honesty-why": [
        "Starting the axis just below the lowest bar makes a small change look huge. It helps whoever wants the trend "
        "to look dramatic. I'd start the bars at zero.",
        "Showing only the last three months hides the earlier part. I'd show the whole year with the period labelled.",
        "Adding DHS's 70% as a bar mixes two populations, so the share looks like it jumped. Keep one population per "
        "chart.",
    ],
    "03.research": [
        "A count of re-arrests shows that they happened but not what would have happened otherwise. A study comparing "
        "counties can show a correlation but not that the policy caused it.",
        "The report cited for cooperation counts cases with no comparison group. The study cited for limits compares "
        "counties, which can't prove cause either.",
    ],
    "04.shares-allocate": [
        "If it is officers' time, moving ten points means fewer hours on criminal cases and more on community "
        "meetings.",
        "If it's money, ten points from enforcement to trust would pay for outreach instead of jail transfers.",
        "As attention: the state would talk less about enforcement and more about reporting crime safely.",
    ],
    "04.rank-reversal": [
        "Raising help to federal enforcement made a different option rank first. It says enforcing federal law "
        "matters more to me than local trust. I would defend it.",
        "Lowering due process changed the top option. I'm not sure I'd defend that, it means caring less about "
        "holding the wrong person.",
        "When I raised due process the judicial warrant option moved to first. That is a value judgement that liberty "
        "matters more than speed.",
    ],
    "04.score-challenge": [
        "I changed one cost score because training officers costs money even if ICE pays part of it. It's my own "
        "reasoning, not a study. The ranking didn't change.",
        "I raised a safety score a little because the evidence is contested. It is a weak kind of evidence, so the "
        "ranking shouldn't move much.",
    ],
    "04.preset-compare": [
        "A sheriff might weigh legal risk highly because the county can be sued for holding someone without a "
        "warrant. My weights differ most on trust, which I weighed higher.",
        "A federal official would care about enforcement most because that's the job. I weighted due process higher "
        "than the illustration did.",
        "A taxpayers' group cares about cost because they want less spending. I care more about safety than cost.",
    ],
    "04.blank-compare": [
        "With my own scores a different option came second. The gap is mostly my scores (facts I'm unsure about), not "
        "my weights.",
        "My own scores and the starting estimates put the same option first. The weights matter more than the small "
        "differences in scores.",
    ],
    "05.sac.restate": [
        "Their strongest point was that a state decides what its own jails do, and the federal government can't "
        "order it. They said our summary was fair.",
        "Their strongest point was that people handed over inside a jail don't have to be arrested again on the "
        "street. They agreed with how we said it.",
    ],
    "05.sac.switch": [
        "For the other side: the data on crime effects are contested, so a state can't be sure that limits make "
        "anyone less safe (card A7).",
        "For the other side: a state may choose to require its own jails to honor detainers, and some do (card F1).",
    ],
    "05.sac.statement": [
        "We agree that a detainer is a request under federal law and that the data on crime effects are contested. "
        "We still disagree about whether trust or enforcement should come first, which is about values.",
        "We agree the article's 70% mixes convictions and charges. We disagree on how much legal risk counts, which is "
        "partly legal and partly values.",
    ],
    "05.memo": [
        "Dear legislator, the figures you will hear count different things. DHS's 70% is convictions or pending "
        "charges, for all of DHS, over \"recent months\". ICE's own records for January to October 2025 separate "
        "convictions from charges. None of these numbers says what would happen to crime under your bill. Data on "
        "re-arrests with a comparison group would help.",
        "Before you vote, ask who counted each number, which people it covers and over what period. The share with a "
        "conviction is lower than the share with a conviction or a charge. We still lack good data on how either "
        "policy changes crime reporting.",
    ],
    "05.memo.chart": [
        "I chose the chart of ICE arrests by criminal record, with its source line. It is honest because the bars "
        "start at zero and it shows one population over one period.",
        "I chose the share of arrests with no record over 2025. It labels the period and the source and does not mix "
        "DHS's figure in.",
    ],
    "05.dossier.genre": [
        "It is an opinion piece on a site that labels it financial market analysis. Cues: the first person, the view "
        "counter, the author bio about finance.",
    ],
    "05.dossier.claims": [
        "The 70% claim is partly supported (it was DHS's figure, for DHS not ICE). The crime table is not supported "
        "by any source found. The letters of September 10 are supported.",
        "The quote from a DHS spokesperson could not be traced. The refusal by Illinois and New York is supported. "
        "The 70% mixes convictions and charges.",
    ],
    "05.dossier.summary": [
        "The author argues that the conflict between DHS and the three states is serious, that both public safety and "
        "community trust matter, and that a middle path of targeted cooperation is worth trying.",
    ],
}

#: Answers whose content follows the side a student leans to in notebook 04 (both sides written alike).
SIDED: dict[str, dict[str, list[str]]] = {
    "02.steelman": {
        "cooperation": [
            "Under the Supreme Court's anti-commandeering cases, Congress cannot order state officers to run a federal "
            "program, so a state may decide that its jails will not hold people on detainers.",
        ],
        "limits": [
            "Immigration is a federal power. Under the Supremacy Clause a state cannot block federal enforcement, and a "
            "state may choose to require its own jails to cooperate.",
        ],
    },
    "04.my-weights-why": {
        "cooperation": [
            "Public safety and help to federal enforcement matter most to me, because I think the law should be applied "
            "the same way everywhere. The safety evidence is mixed, so I kept the ranges in mind.",
            "I weighed state autonomy and federal relations highly because a fight with the federal government costs "
            "the state too.",
        ],
        "limits": [
            "Due process and crime reporting matter most to me. Holding someone without a judge's warrant worries me, "
            "and some studies suggest reporting can drop.",
            "I gave trust the most weight because police need people to call them. The evidence on this is contested, "
            "so it is partly a value judgement.",
        ],
    },
    "05.sac.prepare": {
        "cooperation": [
            "1) A state may require its own jails to honor detainers (F1). 2) Immigration is a federal responsibility "
            "(F2). 3) Handing people over in the jail is safer than an arrest on the street (F7).",
        ],
        "limits": [
            "1) The federal government cannot order states to enforce its law (A1). 2) A detainer is a request (A2). "
            "3) Fear of enforcement may keep victims from calling police (A10).",
        ],
    },
    "05.steelman": {
        "cooperation": [
            "People who want limits on cooperation say that local police depend on everyone being willing to report "
            "crimes and act as witnesses. If a jail hands people to ICE on a request alone, some residents may avoid "
            "the police, and that can leave a whole neighbourhood less safe. They also point out that a detainer is a "
            "request, not a warrant signed by a judge, so holding someone on it alone can risk holding the wrong "
            "person, and counties have been sued for it. Finally, they argue that a state has the right to decide how "
            "its own officers spend their time, which the Supreme Court has protected.",
        ],
        "limits": [
            "People who want states to cooperate say that immigration law is federal law and should apply the same way "
            "in every state. When a jail releases someone ICE has asked for, ICE has to find that person again, which "
            "takes officers' time and can be more dangerous than a handover inside the jail. They point to cases where "
            "people released despite a detainer were later arrested again. They also argue that cooperation is "
            "ordinary: jails share information with other agencies every day, and a state can choose to require it.",
        ],
    },
    "05.essay": {
        "cooperation": [
            "I think states should be required by their own laws to honor ICE detainers for people charged with or "
            "convicted of serious crimes. Legally, the federal government cannot force them (the anti-commandeering "
            "cases), so the requirement has to come from the state. Empirically, the data on crime effects are "
            "contested, which I admit. My reason is mainly about values: a handover inside the jail is safer for "
            "officers than an arrest later. The strongest argument against me is that trust in police could drop; I "
            "would answer it by limiting the requirement to serious charges.",
        ],
        "limits": [
            "I think states should not be required to honor ICE detainers unless a judge has signed a warrant. "
            "Legally, a detainer is a request, and holding someone on it alone can violate the Fourth Amendment. "
            "Empirically, studies comparing counties did not find that more cooperation reduced crime, though they "
            "cannot prove cause. As a value, I think due process should come first. The strongest argument against "
            "me is that some people released are re-arrested; I would answer that a judge's warrant can still be "
            "used in those cases.",
        ],
    },
}

REWRITES = {  # 01.rewrite, by the sentence the student chose (01.rewrite.sentence)
    "s1-refused": "According to DHS, Illinois and New York declined its request to honor detainers, and California did "
                  "not respond by the deadline.",
    "s3-400000-70pct": "DHS said on Sept. 20, 2025 that about 70% of the people the department arrested in recent "
                       "months had criminal convictions or pending charges.",
    "s1-letters": "According to DHS, ICE sent letters on Sept. 10, 2025 asking the three states whether they would "
                  "honor detainers within two days.",
}

SCORE_REASONS = {  # option side -> a changed score's reason (own reasoning, no invented figures)
    "cooperation": "A handover inside the jail avoids a second arrest, so I think the low end is too low. My own "
                   "reasoning, not a study.",
    "limits": "Trust studies are contested but point the same way, so I moved the score up a little. Weak evidence, "
              "so I kept the range wide.",
}
SIDE_OF_OPTION = {"honor-all": "cooperation", "partner-287g": "cooperation", "judicial-warrant": "limits",
                  "serious-only": "limits"}

SAVE_PROBLEM = ("Not saved: your answers could not be written to /home/jovyan/notebooks/my_answers.json (your storage "
                "quota is full). What you typed is kept while this notebook stays open. Saving is tried again when you "
                "type or press Export my work. Do not close this notebook; press Export my work to hand in or copy "
                "your work, and tell your teacher.")

FOREIGN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Room 12 newsletter</title></head>
<body><h1>Room 12 newsletter (invented)</h1>
<p>An ordinary web page that found its way into the hand-in folder. It is part of the class view's
invented samples: the view lists it as skipped, with the reason, and reads everything else.</p>
</body></html>
"""

README = """# Sample hand-ins (invented)

**Every file in this folder is invented.** No real student wrote any of it. The students are
named "Sample student 01 (invented)" to "Sample student 30 (invented)"; their answers were made
by a script, `python -m fedstate.sample_handins`, from the module's own questions, and written by
the module's own export code, so each file is exactly what a student's **Export my work** button
writes. The written answers are short sentences in student language, written for these samples.

They are here so that you can try the class view (`teacher/class_view.ipynb`) before your class
hands anything in: open the notebook and run it; it reads this folder unless you point it at another.

What the folder holds, on purpose:

- 30 invented students, from nearly blank to complete, with right and wrong self-check answers,
  varied predictions, and notebook 04 weights drawn so that each of the four options ranks first
  for the same number of students (no side of the debate over-represented by design), and one
  student who reached notebook 04 without setting weights;
- two students who handed in twice: {twice_same_day} (the later download is the browser's
  "(1)" copy) and {twice_two_days} (on two days). The view keeps the newest and says so;
- one hand-in that records a problem saving answers on the student's computer ({save_problem});
- two files that are not readable hand-ins, which the view lists as skipped with the reason:
  `{foreign}` (an ordinary web page) and `{damaged}` (an earlier hand-in whose
  download was cut off).

If you note grades while trying the view, they are saved in `teacher_grades.json` in this folder
(git ignores that file). Delete it to start again.

To make the samples again after the module's questions or data change, run
`python -m fedstate.sample_handins` from the module's folder (a test fails until the committed
samples are current).
"""


# ---------------------------------------------------------------------------------------------
# One invented student


@dataclass
class Plan:
    number: int
    stage: int
    accuracy: float
    side: str
    target: str | None = None  # the option their weights rank first
    weights: dict[str, int] | None = None
    score_change: bool = False
    thorough: bool = False  # answers every question it reaches
    save_problem: bool = False
    entries: list[tuple[str, object, str]] = field(default_factory=list)  # (key, value, updated)

    @property
    def name(self) -> str:
        return NAME.format(n=self.number)


def _claims_by_id() -> dict:
    from fedstate.article import load_claims

    return {c.id: c for c in load_claims()}


def _fill(text: str, claims: dict) -> str:
    import re

    def sub(match):
        how, claim_id = match.group(1), match.group(2)
        n = claims[claim_id].number
        return {"c": f"C{n}", "n": str(n), "sp": f"c {n}"}[how]

    return re.sub(r"\{(c|n|sp):([a-z0-9-]+)\}", sub, text)


def _checks() -> dict:
    from fedstate.answer_key import all_checks

    return {c.id: c for c in all_checks()}


def _number_text(check, q, rng: random.Random, right: bool) -> str:
    answer = check.resolved_answer()
    if right:
        for decimals in range(0, 4):
            text = f"{answer:.{decimals}f}"
            if q.mark(text).status == "right":
                return text
        return f"{answer:g}"
    if check.traps and rng.random() < 0.7:
        return f"{rng.choice(check.traps).resolved():.1f}".rstrip("0").rstrip(".")
    return f"{answer * rng.choice((0.5, 2, 1.3)) + 1:.1f}"


def _choice(q, rng: random.Random, right: bool) -> str:
    options = list(q.options)
    keyed = [o for o in options if q.mark(o).status == "right"]
    wrong = [o for o in options if o not in keyed]
    if right and keyed:
        return keyed[0]
    return rng.choice(wrong or options)


def _weights_for(target: str, rng: random.Random) -> dict[str, int]:
    """Random whole-number weights under which ``target`` alone ranks first (the module's own ranking)."""
    from fedstate import tradeoffs

    model = tradeoffs.starting_model()
    score, _low, _high = model.matrices()
    index = model.option_ids.index(target)
    for _ in range(20000):
        w = [round(rng.triangular(tradeoffs.WEIGHT_MIN, tradeoffs.WEIGHT_MAX, 6)) for _ in model.criterion_ids]
        if sum(w) == 0:
            continue
        if tradeoffs.top_options(score, tradeoffs.weight_vector(model, w)) == frozenset({index}):
            return dict(zip(model.criterion_ids, w))
    raise RuntimeError(f"no weights found under which {target} ranks first: the model's scores changed; "
                       "change the sample targets in fedstate/sample_handins.py")


def _prediction(p, rng: random.Random):
    if p.kind == "choice":
        return rng.choices(list(p.options), weights=(3, 3, 3, 1))[0]
    if p.id == "predict.arrests-convicted":
        roll = rng.random()
        low, high = (58, 82) if roll < 0.4 else (25, 55) if roll < 0.75 else (5, 95)
        return rng.randint(low, high)
    return rng.randint(max(p.low, 3), min(p.high, 35))


def _draw(decks: dict, key: str, texts: list[str], rng: random.Random) -> str:
    """One of ``texts``, dealt like cards from a shuffled deck kept per question, so that across the
    class every written answer appears before any repeats (the class view's tests and a teacher trying
    it out see each kind of answer: one that names no claim, one with a number that is not a claim)."""
    deck = decks.get(key)
    if not deck:
        deck = decks[key] = list(texts)
        rng.shuffle(deck)
    return deck.pop()


def _plan_answers(plan: Plan, rng: random.Random, claims: dict, checks: dict, decks: dict | None = None) -> None:
    """Every answer this invented student gives, in notebook order, with the time it was saved."""
    from fedstate import tradeoffs
    from fedstate.predictions import PREDICTIONS

    model = tradeoffs.starting_model()
    labels = {c.id: c.short_label for c in model.criteria}
    clock = {nb: _dt.datetime.fromisoformat(f"{DAYS[nb]}T09:05:00") + _dt.timedelta(minutes=rng.randint(0, 20))
             for nb in NOTEBOOK_ORDER}

    def stamp(nb: str) -> str:
        clock[nb] += _dt.timedelta(seconds=rng.randint(20, 150))
        return clock[nb].isoformat(timespec="seconds")

    def add(key, value, nb):
        plan.entries.append((key, value, stamp(nb)))

    add(questions.NAME_KEY, plan.name, "00")
    last = plan.stage
    if last < 0:  # nearly blank: a name and one or two guesses
        for p in PREDICTIONS[: rng.randint(1, 2)]:
            add(p.id, _prediction(p, rng), "00")
        return
    sorts: dict[str, dict[str, str]] = {}
    chosen_sentence = None
    for q in questions.catalogue():
        if q.key == questions.NAME_KEY:
            continue
        position = NOTEBOOK_ORDER.index(q.notebook)
        if position > last:
            break
        # the notebook they were working in when they stopped is done only in part
        chance = 0.55 if position == last and last < len(NOTEBOOK_ORDER) - 1 else 0.92
        if q.kind in ("summative",):
            chance = 0.75 if q.id != "05.essay" else 0.6
        if plan.thorough:
            chance = 1.0
        if q.kind == "weights":
            if q.key == questions.WEIGHTS_KEY and plan.weights is not None:
                add(q.key, {labels[c]: w for c, w in plan.weights.items()}, q.notebook)
            elif q.key == questions.BLANK_WEIGHTS_KEY and plan.weights is not None and (plan.thorough
                                                                                        or rng.random() < 0.4):
                add(q.key, {labels[c]: min(10, max(0, w + rng.randint(-1, 1))) for c, w in plan.weights.items()},
                    q.notebook)
            continue
        if q.kind == "score-changes":
            if q.key == questions.SCORE_CHANGES_KEY and plan.score_change and plan.weights is not None:
                # raise the option they rank first on one criterion: the ranking keeps its top
                criterion = "safety" if plan.side == "cooperation" else "trust"
                cell = model.cell(plan.target, criterion)
                score = min(cell.score + 1, tradeoffs.SCORE_MAX)
                low, high = min(cell.low, score), max(cell.high, score)
                add(q.key, {_cell_name(model, plan.target, criterion): f"{score} ({low} to {high}): "
                                                                       f"{SCORE_REASONS[plan.side]}"}, q.notebook)
            elif q.key == questions.OWN_SCORES_KEY and plan.weights is not None and (plan.thorough or rng.random() < 0.3):
                own = {}
                for o in model.option_ids:  # blank mode: every score the student's own (a range of score ± 2)
                    for c in model.criterion_ids:
                        score = min(tradeoffs.SCORE_MAX, max(tradeoffs.SCORE_MIN, model.cell(o, c).score
                                                             + rng.randint(-2, 2)))
                        low = max(tradeoffs.SCORE_MIN, score - tradeoffs.OWN_SCORE_HALF_RANGE)
                        high = min(tradeoffs.SCORE_MAX, score + tradeoffs.OWN_SCORE_HALF_RANGE)
                        own[_cell_name(model, o, c)] = f"{score} ({low} to {high}): {tradeoffs.OWN_ESTIMATE}"
                add(q.key, own, q.notebook)
            continue
        if q.id == "04.score-challenge" and not plan.score_change:
            continue
        if rng.random() > chance:
            continue
        right = rng.random() < plan.accuracy
        if q.item is not None:  # one item of a sorting activity of notebook 02: one entry for all items
            sorts.setdefault(q.key, {})[q.item] = _choice(q, rng, right)
            continue
        if q.kind == "prediction":
            from fedstate.predictions import prediction

            value = _prediction(prediction(q.id), rng)
        elif q.kind in ("self-check", "sorting"):
            value = _choice(q, rng, right)
        elif q.kind == "numeric":
            value = _number_text(checks[q.id], q, rng, right)
        elif q.kind == "choice":
            value = chosen_sentence = rng.choice(list(q.options))
        elif q.id == "01.rewrite":
            value = REWRITES.get(chosen_sentence or "", REWRITES["s1-refused"])
        elif q.id == "04.exit-ticket":
            value = _exit_ticket(plan, model)
        elif q.id in SIDED:
            value = rng.choice(SIDED[q.id][plan.side])
        elif q.id in WRITTEN:
            value = _fill(_draw(decks if decks is not None else {}, q.id, WRITTEN[q.id], rng), claims)
        else:
            continue  # a question added to the catalogue after these texts were written: left unanswered
        add(q.key, value, q.notebook)
    for key, value in sorts.items():  # 02's sorts are saved as one entry when the student presses Check
        nb = questions.for_key(key)[0].notebook
        add(key, value, nb)


def _cell_name(model, option_id: str, criterion_id: str) -> str:
    """A score cell's name in the answers file, as notebook 04's decision session saves it."""
    return f"{model.option(option_id).short_label} × {model.criterion(criterion_id).short_label}"


def _exit_ticket(plan: Plan, model) -> str:
    if plan.weights is None:
        return "I haven't set my weights yet, so I don't have an answer. I lean towards a middle option."
    first = model.option(plan.target).label
    heaviest = max(model.criteria, key=lambda c: (plan.weights[c.id], -model.criterion_ids.index(c.id)))
    return (f"I favour \u201c{first}\u201d with my weights, where {heaviest.label.lower()} counts most. It is fairly "
            f"robust: it changes only if I lower that weight a lot. Better evidence on crime reporting and safety "
            f"would change my mind.")


def plans() -> list[Plan]:
    """The thirty invented students, drawn with the fixed seed."""
    from fedstate import tradeoffs

    rng = random.Random(SEED)
    claims, checks = _claims_by_id(), _checks()
    stages = list(STAGES)
    rng.shuffle(stages)
    out = [Plan(i, stages[i - 1], round(rng.uniform(0.35, 0.95), 2), "") for i in range(1, N_STUDENTS + 1)]
    # Weights for everyone who reached notebook 04, but one student who skipped the decision model:
    # each option is the target of the same number of students, in a shuffled order.
    reached = [p for p in out if p.stage >= NOTEBOOK_ORDER.index("04")]
    skipper = reached.pop(rng.randrange(len(reached)))
    options = list(tradeoffs.starting_model().option_ids)
    targets = [options[i % len(options)] for i in range(len(reached))]
    rng.shuffle(targets)
    for plan, target in zip(reached, targets):
        plan.target, plan.side = target, SIDE_OF_OPTION.get(target, "cooperation")
        plan.weights = _weights_for(target, rng)
    for side in ("cooperation", "limits"):  # two students on each side changed a score, with a reason
        for plan in [p for p in reached if p.side == side][:2]:
            plan.score_change = True
    sides = ["cooperation", "limits"]
    for i, plan in enumerate(p for p in out if not p.side):  # the rest alternate, for the written answers
        plan.side = sides[i % 2]
    finishers = sorted((p for p in out if p.stage == len(NOTEBOOK_ORDER) - 1 and p.weights is not None),
                       key=lambda p: (-p.accuracy, p.number))
    for plan in finishers[:2]:  # two invented students answer everything
        plan.thorough = plan.score_change = True
    decks: dict = {}
    for plan in out:
        _plan_answers(plan, rng, claims, checks, decks)
    # one hand-in records that saving failed on the student's computer
    next(p for p in sorted(out, key=lambda p: -p.number) if p.stage >= 3).save_problem = True
    return out


# ---------------------------------------------------------------------------------------------
# Writing the folder


def _entries(plan: Plan, until: str | None = None) -> dict[str, dict]:
    """The answers file as the student's notebook saved it (fedstate.responses.AnswerStore.set)."""
    out: dict[str, dict] = {}
    for key, value, updated in plan.entries:
        if until is not None and updated > until:
            continue
        found = questions.for_key(key)
        prompt = (found[0].group if found[0].item else found[0].prompt) if found else ""
        out[key] = {"value": value, "prompt": prompt, "notebook": found[0].notebook_title if found else "",
                    "updated": updated}
    return out


def _times(plan: Plan) -> list[str]:
    return sorted(updated for _key, _value, updated in plan.entries)


def _exported(plan: Plan) -> _dt.datetime:
    """A few minutes after the last answer, in the class's own time zone."""
    return (_dt.datetime.fromisoformat(_times(plan)[-1]) + _dt.timedelta(minutes=3)).replace(tzinfo=OFFSET)


def _page(plan: Plan, when: _dt.datetime, until: str | None = None) -> str:
    record = handins.build_record(plan.name, _entries(plan, until), exported=when,
                                  save_problem=SAVE_PROBLEM if plan.save_problem and until is None else "")
    # build_record converts the time to this computer's time zone; the samples keep the class's own,
    # so that they are the same files on every computer.
    record["exported"] = when.isoformat(timespec="seconds")
    return handins.render_html(record)


def _earlier(plan: Plan, same_day: bool) -> tuple[_dt.datetime, str]:
    """An earlier export of the same student: (its time, the last answer it holds)."""
    times, final = _times(plan), _exported(plan)
    if same_day:  # a few answers before the end, the same day
        cut = times[-4]
    else:  # the last answer saved before the final day
        cut = max(t for t in times if t[:10] < final.date().isoformat())
    return _dt.datetime.fromisoformat(cut).replace(tzinfo=OFFSET) + _dt.timedelta(minutes=2), cut


@dataclass(frozen=True)
class Roles:
    """Which invented students show the folder's special cases (chosen from those with enough work)."""

    twice_same_day: int
    twice_two_days: int
    cut_off: int


def roles(all_plans: list[Plan]) -> Roles:
    worked = [p.number for p in all_plans if p.stage >= 3]
    return Roles(next(n for n in worked if n >= 7), next(n for n in worked if n >= 19), next(n for n in worked if n >= 12))


def files() -> dict[str, str]:
    """Every file of the sample folder: name -> text."""
    all_plans = plans()
    who = roles(all_plans)
    out: dict[str, str] = {FOREIGN_FILE: FOREIGN_PAGE}
    for plan in all_plans:
        when = _exported(plan)
        name = f"{handins.file_stem(plan.name, when.date())}.html"
        out[name] = _page(plan, when)
        if plan.number == who.twice_same_day:
            # exported earlier the same day; the browser saved the later download as "... (1).html"
            early, cut = _earlier(plan, same_day=True)
            out[name.replace(".html", " (1).html")] = out[name]
            out[name] = _page(plan, early, until=cut)
        if plan.number == who.twice_two_days:
            early, cut = _earlier(plan, same_day=False)
            out[f"{handins.file_stem(plan.name, early.date())}.html"] = _page(plan, early, until=cut)
        if plan.number == who.cut_off:
            # an earlier export whose download was cut off part-way through its record
            early, cut = _earlier(plan, same_day=False)
            text = _page(plan, early, until=cut)
            start = text.index(f'<script type="application/json" id="{handins.SCRIPT_ID}">')
            cut_name = f"{handins.file_stem(plan.name, early.date())}.html"
            out[cut_name] = text[: start + (len(text) - start) // 2]
            damaged = cut_name
    out["README.md"] = README.format(
        twice_same_day=NAME.format(n=who.twice_same_day), twice_two_days=NAME.format(n=who.twice_two_days),
        save_problem=next(p.name for p in all_plans if p.save_problem), foreign=FOREIGN_FILE, damaged=damaged)
    return dict(sorted(out.items()))


def is_sample_file(path: Path) -> bool:
    """Files this script owns in the folder (so a rerun removes stale ones and nothing else)."""
    return path.name in ("README.md", FOREIGN_FILE) or (path.name.startswith("my_work_Sample-student-")
                                                        and path.suffix == ".html")


def write(folder: Path | str = TARGET) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = files()
    for old in folder.iterdir():
        if old.is_file() and is_sample_file(old) and old.name not in wanted:
            old.unlink()
    written = []
    for name, text in wanted.items():
        path = folder / name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    folder = Path(argv[0]) if argv else TARGET
    written = write(folder)
    print(f"wrote {len(written)} files in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
