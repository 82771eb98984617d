""""Predict first": questions a student answers in the start notebook, before seeing any evidence.

Later notebooks show each saved prediction beside what the data say (``prediction_vs_evidence``).
A prediction is a guess, never graded; the point is to notice surprise. No question here asks about
anyone's own or family circumstances.
"""

from __future__ import annotations

from dataclasses import dataclass

NOTEBOOK = "00 Start here"


@dataclass(frozen=True)
class Prediction:
    id: str
    prompt: str
    kind: str  # "percent", "count" or "choice"
    reveal_in: str  # the notebook that shows the evidence
    low: int = 0
    high: int = 100
    unit: str = ""
    options: tuple[str, ...] = ()

    @property
    def reason_id(self) -> str:
        return f"{self.id}.why"


PREDICTIONS: tuple[Prediction, ...] = (
    Prediction(
        id="predict.arrests-convicted",
        prompt=("Think of 100 people arrested by ICE between late January and mid-October 2025. "
                "How many of them do you think had been convicted of a crime (in the United States)?"),
        kind="percent", unit="out of 100", reveal_in="03 Checking the numbers"),
    Prediction(
        id="predict.states-limiting",
        prompt=("How many of the 50 states do you think have a state law that limits how much their "
                "police and jails help federal immigration enforcement?"),
        kind="count", high=50, unit="states", reveal_in="02 Who decides?"),
    Prediction(
        id="predict.must-hold",
        prompt=("If ICE asks a state jail to keep a person in custody until ICE can pick them up, "
                "does federal law require the jail to do it?"),
        kind="choice", options=("Yes, the jail must do it", "No, the jail may decide",
                                "It depends on the state", "I am not sure"),
        reveal_in="02 Who decides?"),
)


def prediction(prediction_id: str) -> Prediction:
    for p in PREDICTIONS:
        if p.id == prediction_id:
            return p
    raise KeyError(f"no prediction {prediction_id!r}; known: {', '.join(p.id for p in PREDICTIONS)}")
