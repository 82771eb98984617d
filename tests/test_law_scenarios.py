"""Every jurisdiction x request x situation of the scenario explorer, against an answer key written
independently from the data, from the decision matrix of ../shared/facts/scenario-rules.md.

Each expected triple is (notify, hold, transfer), followed by a source id that must be among the
sources the answer shows: the statute, regulation or case text the fact sheet read for that cell.
A comment above each block names the fact-sheet table it transcribes. Cells marked NV in the fact
sheet must come out "not verified"; if someone verifies one, they change the data with its source
AND this key with the new citation, and the test tells them if the two disagree.
"""

from __future__ import annotations

import pytest

from fedstate import law
from fedstate.schemas.law import ACTION_IDS, JURISDICTION_IDS, REQUEST_IDS, SITUATION_IDS

A, B, C, D = SITUATION_IDS  # serious-conviction, other-conviction, pending-charge, no-record
ALL = SITUATION_IDS

MUST, MAY, DEPENDS, NO, UNSETTLED, NV, NOT_ASKED = ("must", "may", "depends", "must not", "unsettled",
                                                    "not verified", "not asked")

KEY: dict[tuple[str, str], list[tuple[tuple[str, ...], tuple[str, str, str], str]]] = {
    # 1. Federal baseline. Detainer: MAY / MAY (<=48h; liability risk) / MAY, as the fact sheet's matrix
    # says. The hold's liability risk (Galarza; Miranda-Olivares, D. Or. 2014; City of El Cenizo, 5th Cir.
    # 2018) is stated in the explanation, not turned into a different status; 8 C.F.R. 287.7(a), (d).
    ("federal", "detainer"): [(ALL, (MAY, MAY, MAY), "cfr-287-7-usbp")],
    # Notif.: MAY / n/a (holding needs separate authority) / NV.
    ("federal", "notification"): [(ALL, (MAY, NOT_ASKED, NV), "usc-1373-text")],
    # Judicial: MAY / MAY / MAY (MUST not verified).
    ("federal", "judicial"): [(ALL, (MAY, MAY, MAY), "printz-1997-onecle")],

    # 2. California, county jails and city police (Gov. Code 7284.6, 7282.5, SB 54 chaptered text).
    # Detainer: A = MAY / NO / MAY; B = NO / NO / NO; C = notice only with a serious or state-prison felony
    # charge and a PC 872 finding (7282.5(b)), no transfer; D = NO / NO / NO.
    ("california", "detainer"): [
        ((A,), (MAY, NO, MAY), "ca-sb54-2017"),
        ((B,), (NO, NO, NO), "ca-sb54-2017"),
        ((C,), (DEPENDS, NO, NO), "ca-sb54-2017"),
        ((D,), (NO, NO, NO), "ca-sb54-2017"),
    ],
    # Notif.: A = MAY / n/a (NO) / MAY; B = NO / n/a / NO; C = as the detainer row; D = NO / n/a / NO.
    ("california", "notification"): [
        ((A,), (MAY, NO, MAY), "ca-sb54-2017"),
        ((B,), (NO, NO, NO), "ca-sb54-2017"),
        ((C,), (DEPENDS, NO, NO), "ca-sb54-2017"),
        ((D,), (NO, NO, NO), "ca-sb54-2017"),
    ],
    # Judicial: NV / NV / MAY for every situation (7284.6(a)(4) authorizes transfer only).
    ("california", "judicial"): [(ALL, (NV, NV, MAY), "ca-sb54-2017")],

    # 3. Illinois: record does not matter. Detainer NO / NO / NO (5 ILCS 805/15(a)); Notif. NO / n/a / NO;
    # federal criminal warrant MAY / MAY / MAY (Medium, Way Forward Act digest).
    ("illinois", "detainer"): [(ALL, (NO, NO, NO), "il-805-15")],
    ("illinois", "notification"): [(ALL, (NO, NOT_ASKED, NO), "il-805-15")],
    ("illinois", "judicial"): [(ALL, (MAY, MAY, MAY), "legiscan-il-sb667")],

    # 4. New York State (counties outside NYC; state agencies). Detainer: notice only in "narrow
    # circumstances" (AG guidance; which ones NV) / NO (Wells v. DeMarco) / NV. Notif.: same / n/a / NV.
    # Judicial: MAY / MAY / MAY (AG's "without a judicial warrant" framing).
    ("new-york-state", "detainer"): [(ALL, (DEPENDS, NO, NV), "ny-wells-demarco")],
    ("new-york-state", "notification"): [(ALL, (DEPENDS, NOT_ASKED, NV), "nyag-immigration-guidance")],
    ("new-york-state", "judicial"): [(ALL, (MAY, MAY, MAY), "nyag-immigration-guidance")],

    # 5. New York City (Admin. Code 9-131, 14-154, 10-178). Administrative warrant only: NO / NO / NO for
    # everyone (the NYPD re-entry carve-out is NV and stays a note). Notif.: NO / n/a / NO. Detainer plus a
    # federal judge's warrant: A = MAY / MAY (<=48h) / MAY; B, C, D = NO / NO / NO.
    ("new-york-city", "detainer"): [(ALL, (NO, NO, NO), "eiic-nyc-detainer-laws")],
    ("new-york-city", "notification"): [(ALL, (NO, NOT_ASKED, NO), "eiic-nyc-detainer-laws")],
    ("new-york-city", "judicial"): [
        ((A,), (MAY, MAY, MAY), "nyc-mayor-520-14"),
        ((B, C, D), (NO, NO, NO), "nyc-mayor-520-14"),
    ],

    # 6. Texas (Code Crim. Proc. art. 2.251, now 2A.060). Detainer MUST / MUST / MUST; Notif. MUST only if
    # it is an "immigration detainer request" (stand-alone: NV) / n/a / n/a; Judicial MAY (MUST not verified).
    ("texas", "detainer"): [(ALL, (MUST, MUST, MUST), "texas-ccp-2-251")],
    ("texas", "notification"): [(ALL, (NV, NOT_ASKED, NOT_ASKED), "texas-ccp-2-251")],
    ("texas", "judicial"): [(ALL, (MAY, MAY, MAY), "tx-hb1217-2019")],

    # 7. Florida (ch. 908). Detainer meeting 908.102(2): MAY (cannot be restricted; stand-alone MUST NV) /
    # MUST (908.105, Medium) / MAY transport (908.104(4)). Notif.: MAY / n/a / NV. Judicial: MAY.
    ("florida", "detainer"): [(ALL, (MAY, MUST, MAY), "fl-908-104")],
    ("florida", "notification"): [(ALL, (MAY, NOT_ASKED, NV), "fl-908-104")],
    ("florida", "judicial"): [(ALL, (MAY, MAY, MAY), "fl-908-104")],

    # 8. Georgia (HB 1105). Detainer: MUST notify DHS (42-4-14) / MUST honor (42-1-11.5, Medium; any cap
    # Low/NV) / MAY transport. Notif.: MUST / n/a / MAY. Judicial: MAY.
    ("georgia", "detainer"): [(ALL, (MUST, MUST, MAY), "ga-42-4-14-casetext")],
    ("georgia", "notification"): [(ALL, (MUST, NOT_ASKED, MAY), "ga-42-4-14-casetext")],
    ("georgia", "judicial"): [(ALL, (MAY, MAY, MAY), "ga-36-80-23")],
}


def _cases():
    for (jurisdiction, request), groups in KEY.items():
        for situations, statuses, source in groups:
            for situation in situations:
                yield pytest.param(jurisdiction, request, situation, statuses, source,
                                   id=f"{jurisdiction}-{request}-{situation}")


CASES = list(_cases())


def test_the_key_covers_every_combination_exactly_once():
    seen = [(p.values[0], p.values[1], p.values[2]) for p in CASES]
    assert len(seen) == len(set(seen)) == len(JURISDICTION_IDS) * len(REQUEST_IDS) * len(SITUATION_IDS) == 96


@pytest.mark.parametrize("jurisdiction,ice_request,situation,expected,source", CASES)
def test_scenario_answer_matches_the_fact_sheet(jurisdiction, ice_request, situation, expected, source):
    outcome = law.detainer_outcome(jurisdiction, ice_request, situation)
    assert outcome.statuses == expected, (
        f"{jurisdiction} / {ice_request} / {situation}: data say {dict(zip(ACTION_IDS, outcome.statuses))}, "
        f"the fact sheet's matrix says {dict(zip(ACTION_IDS, expected))}")
    assert source in outcome.source_ids, f"the answer should cite {source!r}; it cites {outcome.source_ids}"
    for ruling in outcome.rulings:
        assert ruling.citation.strip(), f"{ruling.action}: no citation"
        assert ruling.explanation.strip(), f"{ruling.action}: no explanation"
        assert ruling.source_ids, f"{ruling.action}: no sources"
        assert ruling.line >= 2


def test_unverified_cells_are_low_confidence_and_say_so():
    for jurisdiction in JURISDICTION_IDS:
        for request in REQUEST_IDS:
            for situation in SITUATION_IDS:
                for ruling in law.detainer_outcome(jurisdiction, request, situation).rulings:
                    if ruling.status == "not verified":
                        assert ruling.confidence == "Low", (jurisdiction, request, situation, ruling.action)
                        assert "not verified" in ruling.explanation.lower() or "no rule text" in ruling.citation.lower()


def test_conditional_answers_and_the_federal_hold_explain_their_condition():
    ca = law.detainer_outcome("california", "detainer", "pending-charge").ruling("notify")
    assert ca.status == "depends" and "probable cause" in ca.explanation and "7282.5(b)" in ca.citation
    # The fact sheet's matrix: the federal hold is MAY, with its liability risk spelled out.
    fed = law.detainer_outcome("federal", "detainer", "no-record").ruling("hold")
    assert fed.status == "may" and "Never required" in fed.explanation and "legal risk" in fed.explanation
    assert "Fourth Amendment" in fed.explanation and "probable cause" in fed.explanation
    assert "Miranda-Olivares" in fed.citation and "El Cenizo" in fed.citation


def test_exceptions_the_fact_sheet_names_are_shown():
    # California: the federal-felony-warrant exception (7282.5(a)(5)); Texas: proof of status lifts the duty;
    # New York City: the NYPD re-entry carve-out, whose survival is not verified.
    assert "7282.5(a)(5)" in law.detainer_outcome("california", "detainer", "no-record").ruling("transfer").explanation
    assert "proof of U.S. citizenship" in law.detainer_outcome("texas", "detainer", "no-record").ruling("hold").explanation
    nyc = law.detainer_outcome("new-york-city", "detainer", "serious-conviction").ruling("hold")
    assert "not verified" in nyc.explanation and "re-entered" in nyc.explanation


@pytest.mark.parametrize("args,message", [
    (("Texas", "detainer", "no-record"), "is not a jurisdiction"),
    (("texas", "warrant", "no-record"), "is not a request"),
    (("texas", "detainer", "convicted"), "is not a situation"),
])
def test_unknown_choices_are_refused_with_the_allowed_values(args, message):
    with pytest.raises(ValueError, match=message):
        law.detainer_outcome(*args)
