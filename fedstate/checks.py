"""Self-check questions whose feedback explains why, and names the misconception behind a wrong answer.

Two kinds: :class:`MultipleChoice` and :class:`Numeric` (with a tolerance). A numeric answer may be a
function of the data (``answer=lambda: share_convicted()``), so when a maintainer updates a figure
the answer key follows it, and a test that compares every key with the data fails if it does not.

Grading is about reading evidence and law correctly; no check ever grades a student's position on
the policy question.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
from dataclasses import dataclass, field
from typing import Callable, Union

Number = Union[int, float]


_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")           # 1,000 / 12,345.6
_DOT_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+,\d+$")          # 1.000,5 (comma decimal, dot thousands)
_COMMA_DECIMAL = re.compile(r"^[+-]?\d*,\d+$")                       # 71,68 / ,5 (not three digits after)


def read_number(value) -> tuple[float, str]:
    """The number a student typed, and a note saying how a comma was read ("" when there was none).

    A comma is read as a thousands separator when it groups digits in threes ("1,000", "12,345.6")
    and as a decimal point when that is the only sensible reading ("71,68", "0,5", "1.000,5").
    "1,000" stays one thousand: three digits after a lone comma are read as thousands, as in
    English-language sources, and the note says so. Raises ValueError for anything else, and for
    values that are not finite numbers (NaN, infinity, or an overflow such as 1e309).
    """
    if isinstance(value, bool):
        raise ValueError("a yes/no value, not a number")
    if isinstance(value, (int, float)):
        number, note = float(value), ""
    else:
        text = str(value).strip().replace("\u2212", "-")  # a typographic minus sign
        if text.endswith("%"):
            text = text[:-1].strip()
        text = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        if _PLAIN.match(text):
            number, note = float(text), ""
        elif _GROUPED.match(text):
            number = float(text.replace(",", ""))
            note = f"Read “{str(value).strip()}” as {number:.10g}: the comma taken as a thousands separator."
        elif _DOT_GROUPED.match(text):
            number = float(text.replace(".", "").replace(",", "."))
            note = f"Read “{str(value).strip()}” as {number:.10g}: the comma taken as a decimal point."
        elif _COMMA_DECIMAL.match(text):
            number = float(text.replace(",", "."))
            note = f"Read “{str(value).strip()}” as {number:.10g}: the comma taken as a decimal point."
        else:
            try:
                number, note = float(text), ""  # e.g. "nan", "inf", "1e309": refused below
            except ValueError:
                raise ValueError(f"{str(value).strip()!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{str(value).strip()!r} is not a finite number")
    return number, note


@dataclass(frozen=True)
class Feedback:
    correct: bool
    message: str
    misconception: str = ""  # the name of the misconception a wrong answer reflects


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool = False
    feedback: str = ""  # why this answer is right or wrong
    misconception: str = ""  # required for a wrong choice: what belief leads here

    def __post_init__(self):
        if not self.feedback:
            raise ValueError(f"choice {self.text!r} needs feedback that explains why")
        if not self.correct and not self.misconception:
            raise ValueError(f"wrong choice {self.text!r} needs the misconception it reflects")


LETTERS = "ABCDEFGH"


@dataclass(frozen=True)
class MultipleChoice:
    """A multiple-choice self-check.

    ``choices`` are written in any order (authors tend to write the right one first); students see
    them in :attr:`displayed_choices`, an order fixed per question by its id, so the right answer's
    place varies from question to question but never from run to run, and the letters in the answer
    key and the printed packet stay stable. ``answer_position`` (0 = first) pins the right answer's
    place where the order drawn from the id would put too many of a notebook's answers in one place
    (a test checks the spread).
    """

    id: str
    prompt: str
    choices: tuple[Choice, ...]
    notebook: str = ""
    answer_position: int | None = None

    def __post_init__(self):
        if sum(c.correct for c in self.choices) != 1:
            raise ValueError(f"{self.id}: exactly one choice must be correct")
        if len(self.choices) < 2:
            raise ValueError(f"{self.id}: a multiple-choice question needs at least two choices")
        if len(self.choices) > len(LETTERS):
            raise ValueError(f"{self.id}: at most {len(LETTERS)} choices")
        if self.answer_position is not None and not 0 <= self.answer_position < len(self.choices):
            raise ValueError(f"{self.id}: answer_position must be from 0 to {len(self.choices) - 1}")

    @property
    def answer(self) -> str:
        return next(c.text for c in self.choices if c.correct)

    @property
    def displayed_choices(self) -> tuple[Choice, ...]:
        """The choices in the order students see them: a permutation seeded by the question's id
        (SHA-256, so the same on every machine and Python version), with the right answer moved to
        ``answer_position`` when that is set."""
        seed = int.from_bytes(hashlib.sha256(self.id.encode("utf-8")).digest()[:8], "big")
        order = list(self.choices)
        random.Random(seed).shuffle(order)
        if self.answer_position is not None:
            right = next(c for c in order if c.correct)
            order.remove(right)
            order.insert(self.answer_position, right)
        return tuple(order)

    @property
    def answer_index(self) -> int:
        """Where the right answer is shown (0 = first)."""
        return next(i for i, c in enumerate(self.displayed_choices) if c.correct)

    @property
    def answer_letter(self) -> str:
        """The right answer's letter as printed (A for the first choice shown)."""
        return LETTERS[self.answer_index]

    def grade(self, choice_text: str | None) -> Feedback:
        if choice_text is None:
            return Feedback(False, "Choose an answer first.")
        for choice in self.choices:
            if choice.text == choice_text:
                if choice.correct:
                    return Feedback(True, f"Correct. {choice.feedback}")
                return Feedback(False, f"Not quite. {choice.feedback}", choice.misconception)
        raise ValueError(f"{self.id}: {choice_text!r} is not one of the choices")


@dataclass(frozen=True)
class Trap:
    """A specific wrong numeric answer a known misconception leads to."""

    value: Number | Callable[[], Number]
    misconception: str
    feedback: str
    tolerance: Number | None = None  # defaults to the question's tolerance

    def resolved(self) -> float:
        return float(self.value() if callable(self.value) else self.value)


@dataclass(frozen=True)
class Numeric:
    id: str
    prompt: str
    answer: Number | Callable[[], Number]
    tolerance: Number
    explanation: str  # why the answer is what it is (shown when right, and after a wrong try)
    unit: str = ""
    traps: tuple[Trap, ...] = field(default=())
    notebook: str = ""
    otherwise: str = "Check which numbers go on top and underneath, and the units."
    otherwise_misconception: str = "arithmetic or reading slip"

    def resolved_answer(self) -> float:
        return float(self.answer() if callable(self.answer) else self.answer)

    def grade(self, value) -> Feedback:
        if value is None or (isinstance(value, str) and not value.strip()):
            return Feedback(False, "Enter a number first.")
        try:
            number, note = read_number(value)
        except ValueError:
            shown = str(value).strip()
            return Feedback(False, f"“{shown}” is not a number: type digits only, such as 36.5 (or 36,5).",
                            "not a number")
        read = f"{note} " if note else ""
        answer = self.resolved_answer()
        unit = f" {self.unit}" if self.unit else ""
        if abs(number - answer) <= self.tolerance:
            return Feedback(True, f"{read}Correct: {answer:g}{unit}. {self.explanation}")
        for trap in self.traps:
            tol = self.tolerance if trap.tolerance is None else trap.tolerance
            if abs(number - trap.resolved()) <= tol:
                return Feedback(False, f"{read}Not quite. {trap.feedback}", trap.misconception)
        return Feedback(False, f"{read}Not quite. {self.otherwise}", self.otherwise_misconception)
