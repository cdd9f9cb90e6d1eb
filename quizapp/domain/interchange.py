"""Teachers' question sets in and out of the app: the shared question model and format dispatch.

A question set travels as text in one of three formats, each a module of its own:

- GIFT, Moodle's rich text format (`gift.py`): every kind below, feedback, weights, categories;
- Aiken (`aiken.py`): single-choice questions only, no feedback;
- CSV (`csv_format.py`): one question per row, for spreadsheets.

Each module offers `parse_<format>(text) -> ImportResult`, `export_<format>(questions) -> str` and
`carried(question)`: the question as that format brings it back, so that
`parse(export(qs)).questions == tuple(carried(q) for q in qs)`. Callers pass and receive text;
nothing here reads files. `set_formats.read_set` picks the format: the teacher's choice, else the
file's extension, else (".txt") the content.

Import is all-or-nothing for the caller: if `ImportResult.errors` is not empty, nothing is saved.
A parser still returns every question it could read (for a preview) and every error it found, each
with the line it is on; line 0 means the file as a whole. An exporter raises `ValueError`, naming
every question it cannot write, rather than write a file that would not read back.

`SetQuestion.answer` has the shapes of `generation.Question.answer`:

- single_choice: the correct choice (str);
- multiple_choice: the correct choices (list[str]), in the order of `choices`;
- true_false: bool;
- numeric: {"value": number, "tolerance": number, "unit": str | None}, the range worth 100 %,
  and optionally "ranges": [{"value": number, "tolerance": number, "weight": percent}, ...], the
  further ranges that earn partial credit (or 100 % too), checked in their order;
- short_text: {"answer": str, "accept": list[str]}, `accept` holding every accepted spelling,
  `answer` first;
- matching: the correct [left, right] pairs (list[list[str]]); `choices` holds the right sides,
  in pair order, then any extra right sides that match no left side (distractors).

`choices` is empty for true_false, numeric and short_text.

`choice_feedback` is the feedback a learner sees for one answer, keyed by kind:

- single_choice, multiple_choice: the choice;
- true_false: "true" or "false", the answer the learner gave;
- numeric: "right" (a number inside the range), "range N" (inside the N-th further range, from
  1) or "wrong" (any other number);
- short_text: the accepted spelling the learner typed;
- matching: none.

`weights` are percentages (`grading` scores with them as Moodle does). On choice questions they
run from -100 to 100. In a multiple_choice question a choice without a weight weighs 0 and the
correct choices are those with a positive weight; empty weights mean the app's own grading (each
correct choice earns an equal share, each wrong one takes a share away). In a single_choice
question they give partial credit to choices other than the answer. On short_text questions they
key accepted spellings, from 0 to 100 (a spelling without one is worth 100; 100 is not written).

Every format normalises a question the same way first (`normalised`): text is stripped and its line
endings become "\\n"; an empty name or category becomes None; who_said_it becomes single_choice and
year becomes numeric (their answers have the same shape); fields a kind does not use are emptied;
multiple-choice answers follow the order of the choices; short-text spellings lose repeats; empty
feedback and feedback keys the kind does not use are dropped.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .generation import CHOICE_KINDS, QuestionKind
from .numbers import parse_plain_number

SUPPORTED_KINDS = frozenset(
    {
        QuestionKind.SINGLE_CHOICE,
        QuestionKind.MULTIPLE_CHOICE,
        QuestionKind.TRUE_FALSE,
        QuestionKind.NUMERIC,
        QuestionKind.SHORT_TEXT,
        QuestionKind.MATCHING,
        QuestionKind.ORDERING,
    }
)
"""The kinds a question set can hold."""

KIND_ALIASES: Mapping[QuestionKind, QuestionKind] = {
    QuestionKind.WHO_SAID_IT: QuestionKind.SINGLE_CHOICE,
    QuestionKind.YEAR: QuestionKind.NUMERIC,
}
"""Generated kinds that export as a supported kind with the same answer shape."""

TRUE_FALSE_KEYS = ("true", "false")
NUMERIC_KEYS = ("right", "wrong")

# Floats that are whole and this small are written without ".0"; larger ones keep repr's exponent.
_PLAIN_INTEGER_LIMIT = 1e16


@dataclass(frozen=True)
class LineError:
    """A problem in an imported file, on a 1-based line (0: the file as a whole)."""

    line: int
    message: str
    question: int = field(default=0, compare=False)
    """The first line of the question the problem belongs to (0: none in particular)."""

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class ImportResult:
    """Every question a parser could read and every error it found, in file order."""

    questions: tuple[SetQuestion, ...] = ()
    errors: tuple[LineError, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the caller may save the questions: the file has no errors at all."""
        return not self.errors


def problems_by_question(errors: Iterable[LineError]) -> list[tuple[int, list[LineError]]]:
    """The errors grouped by the question they belong to (its first line), in file order; errors
    about the file as a whole are left out."""
    grouped: dict[int, list[LineError]] = {}
    for error in errors:
        if error.question:
            grouped.setdefault(error.question, []).append(error)
    return sorted(grouped.items())


@dataclass(frozen=True, kw_only=True)
class SetQuestion:
    """One question of a teacher's set; see the module docstring for the fields by kind."""

    name: str | None = None
    kind: QuestionKind
    prompt: str
    choices: tuple[str, ...] = ()
    answer: Any
    explanation: str = ""
    choice_feedback: Mapping[str, str] = field(default_factory=dict)
    weights: Mapping[str, float] = field(default_factory=dict)
    category: str | None = None
    markdown: bool = False

    def __hash__(self) -> int:
        # `answer` and the mappings are lists and dicts; equal questions share kind and prompt.
        return hash((self.kind, self.prompt))

    def as_dict(self) -> dict[str, Any]:
        """The question as a JSON-able dict (to keep an import preview between requests)."""
        return {
            "name": self.name,
            "kind": self.kind.value,
            "prompt": self.prompt,
            "choices": list(self.choices),
            "answer": self.answer,
            "explanation": self.explanation,
            "choice_feedback": dict(self.choice_feedback),
            "weights": dict(self.weights),
            "category": self.category,
            "markdown": self.markdown,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SetQuestion:
        """The question `as_dict` described."""
        return cls(
            name=data["name"],
            kind=QuestionKind(data["kind"]),
            prompt=data["prompt"],
            choices=tuple(data["choices"]),
            answer=data["answer"],
            explanation=data["explanation"],
            choice_feedback=dict(data["choice_feedback"]),
            weights=dict(data["weights"]),
            category=data["category"],
            markdown=data["markdown"],
        )


# --- text and numbers, as every format writes them -----------------------------------------------


def tidy_text(text: str) -> str:
    """`text` with "\\r\\n" and "\\r" line endings made "\\n", and stripped."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def optional_text(text: str | None) -> str | None:
    """`tidy_text(text)`, or None when that is empty."""
    return (tidy_text(text) or None) if text is not None else None


def unique(items: Iterable[str]) -> list[str]:
    """`items` without repeats, in first-seen order."""
    return list(dict.fromkeys(items))


def format_number(number: float) -> str:
    """`number` written so that `parse_number` reads back an equal value ("5", "0.1", "1e+20")."""
    if isinstance(number, int):
        return str(number)
    if number.is_integer() and abs(number) < _PLAIN_INTEGER_LIMIT:
        return str(int(number))
    return repr(number)


def parse_number(text: str) -> int | float | None:
    """The finite number `text` spells in plain decimal or exponent notation, else None.

    An integer literal gives an int, so that "1994" reads back as exactly 1994.
    """
    return parse_plain_number(text)


def escaped_mask(raw: str) -> list[bool]:
    """For each character of `raw`, whether it belongs to a backslash escape ("\\x")."""
    mask = [False] * len(raw)
    index = 0
    while index < len(raw):
        if raw[index] == "\\" and index + 1 < len(raw):
            mask[index] = mask[index + 1] = True
            index += 2
        else:
            index += 1
    return mask


def find_unescaped(raw: str, target: str, start: int = 0) -> int:
    """The index of the first `target` in `raw` from `start` that no backslash escapes, or -1."""
    mask = escaped_mask(raw)
    index = raw.find(target, start)
    while index >= 0 and any(mask[index : index + len(target)]):
        index = raw.find(target, index + 1)
    return index


def split_unescaped(raw: str, separators: str) -> tuple[str, list[tuple[str, str, int]]]:
    """`raw` cut at every unescaped character of `separators`.

    Returns the text before the first cut, then (separator, text up to the next cut, offset of
    the separator) for each cut.
    """
    mask = escaped_mask(raw)
    cuts = [index for index, char in enumerate(raw) if char in separators and not mask[index]]
    ends = [*cuts[1:], len(raw)] if cuts else []
    lead = raw[: cuts[0]] if cuts else raw
    return lead, [(raw[cut], raw[cut + 1 : end], cut) for cut, end in zip(cuts, ends, strict=True)]


def is_number(value: object) -> bool:
    """Whether `value` is a finite int or float (a bool is not a number here)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


# --- the normal form and its checks --------------------------------------------------------------


def normalised(question: SetQuestion) -> SetQuestion:
    """`question` in the normal form every format starts from (see the module docstring).

    Raises ValueError when the answer does not have the shape its kind needs, or the kind cannot
    be exported; `problems` describes what is wrong.
    """
    shape = _shape_problem(question)
    if shape:
        raise ValueError(f"{describe(question)}: {shape}")
    kind = KIND_ALIASES.get(question.kind, question.kind)
    choices: tuple[str, ...] = ()
    answer = question.answer
    if kind in CHOICE_KINDS:
        choices = tuple(tidy_text(choice) for choice in question.choices)
        if kind is QuestionKind.SINGLE_CHOICE:
            answer = tidy_text(answer)
        else:
            correct = [tidy_text(text) for text in answer]
            if set(correct) <= set(choices):
                # Choice order is the order every format writes and reads back.
                correct = [choice for choice in unique(choices) if choice in set(correct)]
            answer = correct
    elif kind is QuestionKind.NUMERIC:
        answer = {
            "value": answer["value"],
            "tolerance": answer["tolerance"],
            "unit": optional_text(answer.get("unit")),
        }
        ranges = [
            {"value": r["value"], "tolerance": r["tolerance"], "weight": r["weight"]}
            for r in question.answer.get("ranges") or ()
        ]
        if ranges:
            answer["ranges"] = ranges
    elif kind is QuestionKind.SHORT_TEXT:
        spellings = [tidy_text(answer["answer"]), *(tidy_text(text) for text in answer["accept"])]
        answer = {"answer": spellings[0], "accept": unique(text for text in spellings if text)}
    elif kind is QuestionKind.ORDERING:
        # The items in their correct order are the answer; how they are shown is the app's.
        answer = [tidy_text(item) for item in answer]
    elif kind is QuestionKind.MATCHING:
        answer = [[tidy_text(left), tidy_text(right)] for left, right in answer]
        rights = [right for _, right in answer]
        extras = (tidy_text(choice) for choice in question.choices)
        choices = tuple(unique(text for text in [*rights, *extras] if text))
    return replace(
        question,
        name=optional_text(question.name),
        kind=kind,
        prompt=tidy_text(question.prompt),
        choices=choices,
        answer=answer,
        explanation=tidy_text(question.explanation),
        choice_feedback=_feedback(kind, answer, choices, question.choice_feedback),
        weights=_weights(kind, answer, question.weights),
        category=optional_text(question.category),
        markdown=bool(question.markdown),
    )


def _weights(kind: QuestionKind, answer: Any, weights: Mapping[str, float]) -> dict[str, float]:
    tidied = {tidy_text(key): weight for key, weight in weights.items()}
    if kind in CHOICE_KINDS:
        return tidied
    if kind is QuestionKind.SHORT_TEXT:
        return {key: tidied[key] for key in answer["accept"] if tidied.get(key, 100) != 100}
    return {}


def range_keys(answer: Mapping[str, Any]) -> list[str]:
    """The feedback keys of a numeric answer's further ranges: "range 1", "range 2", ..."""
    return [f"range {number}" for number in range(1, len(answer.get("ranges") or ()) + 1)]


def _feedback(
    kind: QuestionKind, answer: Any, choices: Sequence[str], feedback: Mapping[str, str]
) -> dict[str, str]:
    keys: Iterable[str]
    if kind in CHOICE_KINDS:
        keys = choices
    elif kind is QuestionKind.TRUE_FALSE:
        keys = TRUE_FALSE_KEYS
    elif kind is QuestionKind.NUMERIC:
        keys = (NUMERIC_KEYS[0], *range_keys(answer), NUMERIC_KEYS[1])
    elif kind is QuestionKind.SHORT_TEXT:
        keys = answer["accept"]
    else:
        keys = ()
    tidied = {tidy_text(key): tidy_text(text) for key, text in feedback.items()}
    return {key: tidied[key] for key in unique(keys) if tidied.get(key)}


def _shape_problem(question: SetQuestion) -> str | None:
    kind = KIND_ALIASES.get(question.kind, question.kind)
    answer = question.answer
    if kind not in SUPPORTED_KINDS:
        return f"{question.kind.value} questions cannot be part of a question set"
    if not isinstance(question.prompt, str):
        return "the prompt is not text"
    if not all(isinstance(choice, str) for choice in question.choices):
        return "a choice is not text"
    wanted = {
        QuestionKind.SINGLE_CHOICE: "the correct choice",
        QuestionKind.MULTIPLE_CHOICE: "a list of the correct choices",
        QuestionKind.TRUE_FALSE: "true or false",
        QuestionKind.NUMERIC: "a value and a tolerance",
        QuestionKind.SHORT_TEXT: "an answer and its accepted spellings",
        QuestionKind.MATCHING: "a list of [left, right] pairs",
        QuestionKind.ORDERING: "the items in their correct order",
    }[kind]
    shaped = {
        QuestionKind.SINGLE_CHOICE: lambda: isinstance(answer, str),
        QuestionKind.MULTIPLE_CHOICE: lambda: (
            isinstance(answer, list | tuple) and all(isinstance(text, str) for text in answer)
        ),
        QuestionKind.TRUE_FALSE: lambda: isinstance(answer, bool),
        QuestionKind.NUMERIC: lambda: (
            isinstance(answer, Mapping)
            and is_number(answer.get("value"))
            and is_number(answer.get("tolerance"))
            and isinstance(answer.get("unit"), str | None)
            and isinstance(answer.get("ranges", []), list | tuple)
            and all(
                isinstance(extra, Mapping)
                and all(is_number(extra.get(key)) for key in ("value", "tolerance", "weight"))
                for extra in answer.get("ranges", [])
            )
        ),
        QuestionKind.SHORT_TEXT: lambda: (
            isinstance(answer, Mapping)
            and isinstance(answer.get("answer"), str)
            and isinstance(answer.get("accept"), list | tuple)
            and all(isinstance(text, str) for text in answer["accept"])
        ),
        QuestionKind.MATCHING: lambda: (
            isinstance(answer, list | tuple)
            and all(
                isinstance(pair, list | tuple)
                and len(pair) == 2
                and all(isinstance(side, str) for side in pair)
                for pair in answer
            )
        ),
        QuestionKind.ORDERING: lambda: (
            isinstance(answer, list | tuple) and all(isinstance(item, str) for item in answer)
        ),
    }[kind]
    return None if shaped() else f"a {kind.value} answer must be {wanted}"


def problems(question: SetQuestion) -> tuple[str, ...]:
    """What makes `question` unfit to save or export; empty when it is sound.

    Checks the answer's shape for its kind and its consistency with the choices and weights; a
    question a parser returns has none.
    """
    shape = _shape_problem(question)
    if shape:
        return (shape,)
    found: list[str] = []
    kind = KIND_ALIASES.get(question.kind, question.kind)
    choices = [tidy_text(choice) for choice in question.choices]
    answer = question.answer
    if not tidy_text(question.prompt):
        found.append("the prompt is empty")
    if kind in CHOICE_KINDS:
        found.extend(_choice_problems(kind, choices, answer, question.weights))
    elif kind is QuestionKind.NUMERIC:
        found.extend(_numeric_problems(answer))
    elif kind is QuestionKind.SHORT_TEXT:
        found.extend(_short_text_problems(answer, question.weights))
    elif kind is QuestionKind.MATCHING:
        lefts = [tidy_text(left) for left, _ in answer]
        if len(answer) < 2:
            found.append("a matching question needs at least two pairs")
        if not all(lefts) or not all(tidy_text(right) for _, right in answer):
            found.append("a pair has an empty side")
        if len(set(lefts)) < len(lefts):
            found.append("a left side appears twice")
    elif kind is QuestionKind.ORDERING:
        items = [tidy_text(item) for item in answer]
        if len(items) < 3:
            found.append("an ordering question needs at least three items")
        if not all(items):
            found.append("an item is empty")
        if len(set(items)) < len(items):
            found.append("an item appears twice")
    return tuple(found)


def _numeric_problems(answer: Mapping[str, Any]) -> list[str]:
    found = []
    ranges = list(answer.get("ranges") or ())
    if answer["tolerance"] < 0 or any(extra["tolerance"] < 0 for extra in ranges):
        found.append("the tolerance is negative")
    if not all(0 <= extra["weight"] <= 100 for extra in ranges):
        found.append("a range's weight is not a percentage from 0 to 100")
    return found


def _short_text_problems(answer: Mapping[str, Any], weights: Mapping[str, float]) -> list[str]:
    found = []
    if not tidy_text(answer["answer"]):
        found.append("the answer is empty")
    accepted = {tidy_text(text) for text in [answer["answer"], *answer["accept"]]}
    if any(tidy_text(key) not in accepted for key in weights):
        found.append("a weight names something that is not an accepted answer")
    if not all(is_number(weight) and 0 <= weight <= 100 for weight in weights.values()):
        found.append("a weight is not a percentage from 0 to 100")
    return found


def _choice_problems(
    kind: QuestionKind, choices: Sequence[str], answer: Any, weights: Mapping[str, float]
) -> list[str]:
    found = []
    if len(choices) < 2:
        found.append("a choice question needs at least two choices")
    if not all(choices):
        found.append("a choice is empty")
    if len(set(choices)) < len(choices):
        found.append("a choice appears twice")
    weights = {tidy_text(key): weight for key, weight in weights.items()}
    if any(key not in choices for key in weights):
        found.append("a weight names something that is not a choice")
    if not all(is_number(weight) and -100 <= weight <= 100 for weight in weights.values()):
        found.append("a weight is not a number from -100 to 100")
    if kind is QuestionKind.SINGLE_CHOICE:
        if tidy_text(answer) not in choices:
            found.append("the answer is not one of the choices")
        elif tidy_text(answer) in weights:
            found.append("the answer has a weight; weights are for the other choices")
        return found
    correct = [tidy_text(text) for text in answer]
    if not correct:
        found.append("no choice is marked correct")
    elif not set(correct) <= set(choices):
        found.append("an answer is not one of the choices")
    elif len(set(correct)) < len(correct):
        found.append("an answer appears twice")
    elif weights and {key for key, weight in weights.items() if weight > 0} != set(correct):
        found.append("the correct choices are not exactly those with a positive weight")
    return found


def describe(question: SetQuestion) -> str:
    """A short way to name `question` in a message: its name, or the start of its prompt."""
    label = question.name or " ".join(str(question.prompt).split())
    return f'"{label[:47]}..."' if len(label) > 50 else f'"{label}"'


def prepare_export(
    questions: Iterable[SetQuestion],
    carried: Callable[[SetQuestion], SetQuestion],
    format_name: str,
) -> tuple[SetQuestion, ...]:
    """Every question as `carried` makes it; raises ValueError naming each one that is unfit."""
    ready: list[SetQuestion] = []
    unfit: list[str] = []
    for number, question in enumerate(questions, start=1):
        try:
            written = carried(question)
        except ValueError as error:
            unfit.append(f"question {number} {error}")
            continue
        found = problems(written)
        if found:
            unfit.append(f"question {number} {describe(question)}: {'; '.join(found)}")
        ready.append(written)
    if unfit:
        raise ValueError(f"cannot export as {format_name}: " + "; ".join(unfit))
    return tuple(ready)
