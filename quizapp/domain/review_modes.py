"""Review modes besides flip-and-rate: typing the answer, and choosing it among four options.

A card is asked in a mode through one of the bank's questions about its fact (or, for a card
made from a set question, that question itself): a recall question (short text, year, number)
to type, and a choice question, whose wrong options the generator chose under the quality rules
(same kind, plausible, no duplicates, no give-away), to choose from.

Typing is recall: a right answer rates Good, a wrong one Again, and the learner may overrule the
verdict one step ("I was right: typo"). Choosing is recognition, weaker evidence: a wrong choice
rates Again; a right one is a recognition event, which rates a studied card Good but moves a new
card to the typing step without rating it, as in Quizlet's Learn (choose, then type, then the
schedule).
"""

from __future__ import annotations

import difflib
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .bank import GENERATED_ID_PREFIX
from .generation import QuestionKind, Template
from .grading import grade, normalise_text
from .responses import Parsed, ShownQuestion, parse_form_response, parse_json_response
from .scheduling import Rating

OPTIONS = 4
"""Options shown in choose mode: the answer and three wrong ones."""


class ReviewMode(StrEnum):
    FLIP = "flip"
    TYPE = "type"
    CHOOSE = "choose"

    @property
    def label(self) -> str:
        return {"flip": "Flip", "type": "Type the answer", "choose": "Choose"}[self.value]


@dataclass(frozen=True)
class ModePreferences:
    """The learner's settings: the mode a session starts in, and whether new cards take the
    learn path (choose, then type, then the schedule)."""

    review_mode: ReviewMode = ReviewMode.FLIP
    learn_path: bool = False


class LearnStep(StrEnum):
    """Where a card stands on the learn path: new cards are chosen, then typed, then scheduled."""

    CHOOSE = "choose"
    TYPE = "type"
    SCHEDULED = "scheduled"


def parse_mode(text: str | None) -> ReviewMode | None:
    """The mode written `text` ("type"), or None for anything else."""
    try:
        return ReviewMode(text or "")
    except ValueError:
        return None


def learn_step(is_new: bool, recognised: bool) -> LearnStep:
    """A card with reviews is scheduled; a new card recognised once waits to be typed."""
    if not is_new:
        return LearnStep.SCHEDULED
    return LearnStep.TYPE if recognised else LearnStep.CHOOSE


_FALLBACKS = {
    ReviewMode.CHOOSE: (ReviewMode.CHOOSE, ReviewMode.TYPE, ReviewMode.FLIP),
    ReviewMode.TYPE: (ReviewMode.TYPE, ReviewMode.FLIP),
    ReviewMode.FLIP: (ReviewMode.FLIP,),
}


def mode_for_card(
    wanted: ReviewMode,
    *,
    learn_path: bool,
    step: LearnStep,
    available: Iterable[ReviewMode],
) -> ReviewMode:
    """The mode a card is asked in this session.

    A new card recognised among choices is typed next whatever the session's mode (recognition
    never graduates it); on the learn path a new card is first chosen. A card without a question
    for a mode falls back: choose to type, type to flip (every card can be flipped).
    """
    asked = asked_mode(wanted, learn_path=learn_path, step=step)
    possible = {*available, ReviewMode.FLIP}
    return next(mode for mode in _FALLBACKS[asked] if mode in possible)


def asked_mode(wanted: ReviewMode, *, learn_path: bool, step: LearnStep) -> ReviewMode:
    """The mode a card would be asked in if it had a question for every mode."""
    if step is LearnStep.TYPE:
        return ReviewMode.TYPE
    if step is LearnStep.CHOOSE and learn_path:
        return ReviewMode.CHOOSE
    return wanted


# --- which question asks a card in a mode --------------------------------------------------------

TYPED_KINDS = frozenset({QuestionKind.SHORT_TEXT, QuestionKind.YEAR, QuestionKind.NUMERIC})
CHOSEN_KINDS = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.WHO_SAID_IT})

_TEMPLATES = {
    ReviewMode.TYPE: (
        Template.FIGURE_NAME,
        Template.PLACE_NAME,
        Template.EVENT_YEAR,
        Template.NUMBER_VALUE,
    ),
    ReviewMode.CHOOSE: (
        Template.FIGURE_BY_ROLE,
        Template.PLACE_BY_DESCRIPTION,
        Template.ACTOR_BY_DESCRIPTION,
        Template.WHO_SAID_IT,
        Template.EVENT_YEAR_CHOICE,
        Template.NUMBER_CHOICE,
        Template.EVENT_MONTH_CHOICE,
        Template.FIGURE_ROLE,
    ),
}
"""The generated questions that ask a fact's card in each mode, the closest to the card first."""


def candidate_question_ids(fact_id: str | None, set_question_id: str | None) -> list[str]:
    """The ids of the questions that may ask a card: its fact's, or its own set question."""
    if fact_id is None:
        return [set_question_id] if set_question_id else []
    return [
        f"{GENERATED_ID_PREFIX}{template.value}.{fact_id}"
        for mode in (ReviewMode.TYPE, ReviewMode.CHOOSE)
        for template in _TEMPLATES[mode]
    ]


@dataclass(frozen=True)
class ModeQuestion:
    """A question asking a card in one mode. `answer` never goes to the browser before grading."""

    id: str
    kind: QuestionKind
    prompt: str
    answer: Any
    options: tuple[str, ...] = ()
    """Choose mode: the four options in the order shown."""


def mode_questions(
    ordered_ids: Sequence[str], contents: Mapping[str, Mapping[str, Any]], seed: str
) -> dict[ReviewMode, ModeQuestion]:
    """For each mode, the first question in `ordered_ids` (found in `contents`) that can ask
    the card in it; `seed` varies the options' order from one review of the card to the next."""
    found: dict[ReviewMode, ModeQuestion] = {}
    for question_id in ordered_ids:
        content = contents.get(question_id)
        if content is None:
            continue
        kind = QuestionKind(content["kind"])
        if kind in TYPED_KINDS and ReviewMode.TYPE not in found:
            found[ReviewMode.TYPE] = ModeQuestion(
                question_id, kind, content["prompt"], content["answer"]
            )
        elif kind in CHOSEN_KINDS and ReviewMode.CHOOSE not in found:
            options = choice_options(
                content["answer"], content["choices"], random.Random(f"{seed}:{question_id}")
            )
            if options is not None:
                found[ReviewMode.CHOOSE] = ModeQuestion(
                    question_id, kind, content["prompt"], content["answer"], options
                )
    return found


def choice_options(
    answer: str, choices: Sequence[str], rng: random.Random
) -> tuple[str, ...] | None:
    """The answer and three wrong choices, shuffled; None without three distinct wrong ones.

    Choices that read the same as the answer or as each other once case, accents and
    punctuation are set aside are dropped: two options a learner cannot tell apart teach
    nothing.
    """
    seen = {normalise_text(answer)}
    wrong = []
    for choice in choices:
        key = normalise_text(choice)
        if key and key not in seen:
            seen.add(key)
            wrong.append(choice)
    if len(wrong) < OPTIONS - 1:
        return None
    options = [answer, *rng.sample(wrong, OPTIONS - 1)]
    rng.shuffle(options)
    return tuple(options)


# --- typing --------------------------------------------------------------------------------------

MAX_TYPED_LENGTH = 200
EMPTY_ANSWER = "Type your answer before checking it."
_NUMBER_MESSAGES = {
    QuestionKind.YEAR: "Enter a whole year in digits.",
    QuestionKind.NUMERIC: "Enter a number in digits (commas between thousands are fine).",
}


@dataclass(frozen=True)
class DiffPart:
    """A run of characters: in both answers (`same`), typed only (`extra`), expected only
    (`missing`)."""

    text: str
    kind: str


@dataclass(frozen=True)
class TypedGrade:
    correct: bool
    expected: str
    """The accepted answer closest to what was typed, as the bank writes it."""
    diff: tuple[DiffPart, ...]
    rating: Rating


def parse_typed(kind: QuestionKind, value: Any, *, from_json: bool = False) -> Parsed:
    """The typed answer as a response, or a message saying what is wrong with it."""
    shown = ShownQuestion(kind, ())
    if from_json:
        parsed = parse_json_response(shown, value)
    else:
        parsed = parse_form_response(shown, [value], {})
    if parsed.error is None and parsed.response is None:
        return Parsed(error=EMPTY_ANSWER)
    if parsed.error is not None and parsed.error.startswith("Enter ") and kind in _NUMBER_MESSAGES:
        # The quizzes' "Enter a year, such as 1994." gives an example that could be this card's
        # answer; a JSON value of the wrong type keeps its own message.
        return Parsed(error=_NUMBER_MESSAGES[kind])
    return parsed


def grade_typed(kind: QuestionKind, answer: Any, typed: str, response: Any) -> TypedGrade:
    """Grade a typed answer with the quizzes' tolerant matching; only full marks are right."""
    correct = grade(kind, answer, response) == 1.0
    expected = expected_text(kind, answer, typed)
    # Digits compared character by character say nothing useful ("1992" against "1994" shows
    # itself); spellings do.
    diff = difference(typed.strip(), expected) if kind is QuestionKind.SHORT_TEXT else ()
    return TypedGrade(
        correct=correct,
        expected=expected,
        diff=diff,
        rating=Rating.GOOD if correct else Rating.AGAIN,
    )


def expected_text(kind: QuestionKind, answer: Any, typed: str) -> str:
    """The right answer as shown after grading: for text, the accepted spelling nearest to
    what was typed; for a number, the value with its unit."""
    if kind is QuestionKind.SHORT_TEXT:
        spellings = [answer["answer"], *answer.get("accept", ())]
        spellings = [spelling for spelling in spellings if "*" not in spelling] or [
            answer["answer"]
        ]
        key = normalise_text(typed)
        return max(
            spellings,
            key=lambda spelling: difflib.SequenceMatcher(
                None, key, normalise_text(spelling)
            ).ratio(),
        )
    value = answer["value"]
    if kind is QuestionKind.YEAR:
        return str(int(value))
    text = _number_text(value)
    if answer.get("unit"):
        text = f"{text} {answer['unit']}"
    if answer.get("tolerance"):
        text = f"{text} (within {_number_text(answer['tolerance'])})"
    return text


def _number_text(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def difference(typed: str, expected: str) -> tuple[DiffPart, ...]:
    """Where `typed` and `expected` differ, character by character (case set aside)."""
    matcher = difflib.SequenceMatcher(None, typed.casefold(), expected.casefold(), autojunk=False)
    parts = []
    for tag, typed_start, typed_end, expected_start, expected_end in matcher.get_opcodes():
        if tag == "equal":
            parts.append(DiffPart(expected[expected_start:expected_end], "same"))
            continue
        if typed_end > typed_start:
            parts.append(DiffPart(typed[typed_start:typed_end], "extra"))
        if expected_end > expected_start:
            parts.append(DiffPart(expected[expected_start:expected_end], "missing"))
    return tuple(parts)


def overruled(rating: Rating) -> Rating | None:
    """The rating after "I was right": one step up the typed scale (Again to Good), once."""
    return Rating.GOOD if rating is Rating.AGAIN else None


# --- choosing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceOutcome:
    correct: bool
    rating: Rating | None
    """The FSRS rating; None for a new card recognised (it moves to the typing step instead)."""

    @property
    def to_typing_step(self) -> bool:
        return self.correct and self.rating is None


def choice_outcome(correct: bool, *, is_new: bool) -> ChoiceOutcome:
    """A wrong choice rates Again; a right one rates a studied card Good and a new card not at
    all (recognising it among four says little about recalling it)."""
    if not correct:
        return ChoiceOutcome(False, Rating.AGAIN)
    return ChoiceOutcome(True, None if is_new else Rating.GOOD)


CHOOSE_ONE = "Choose one of the four options shown."


def parse_choice(options: Sequence[str], value: Any) -> Parsed:
    """The chosen option, or a message when nothing or something not shown was sent."""
    if not isinstance(value, str) or not value:
        return Parsed(error=CHOOSE_ONE)
    if value not in options:
        return Parsed(error=CHOOSE_ONE)
    return Parsed(value)
