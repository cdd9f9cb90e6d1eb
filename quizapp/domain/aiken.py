"""Aiken, the plainest question format Moodle reads: single-choice questions, one item a line.

    In which year was the Bishkek Protocol signed?
    A. 1992
    B. 1994
    C. 1996
    ANSWER: B

A question is its prompt (the first line, and any further lines before the first choice), its
choices (a capital letter in order from A, then "." or ")", a space and the text, one line each)
and an "ANSWER: X" line, which ends it. Blank lines are ignored.

Aiken carries the prompt, the choices and the answer only (see `carried`): no name, explanation,
feedback, weights, category or markdown flag. A choice is one line, so its line breaks become
spaces; a prompt line after the first that would read as a choice or an answer line joins the line
before it.

Aiken holds single-choice questions only: `export_aiken` raises ValueError naming every question
of another kind (and its kind) and writes nothing, so a teacher never receives a file that silently
lacks questions. who_said_it questions count as single choice.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator

from .generation import QuestionKind
from .interchange import (
    ImportResult,
    LineError,
    SetQuestion,
    describe,
    normalised,
    prepare_export,
)

MAX_CHOICES = len(string.ascii_uppercase)

_CHOICE = re.compile(r"([A-Z])[.)](?:\s+(.*))?", re.DOTALL)
_ANSWER = re.compile(r"ANSWER:(.*)", re.DOTALL)
# A line that a reader would take for a choice or for the answer line.
_STRUCTURAL = re.compile(r"[A-Z][.)](?:\s|$)|ANSWER:")


def parse_aiken(text: str) -> ImportResult:
    """Every question in Aiken `text` and every error, with its line (one error per question)."""
    questions: list[SetQuestion] = []
    errors: list[LineError] = []
    for group in _groups(text):
        read = _read_question(group)
        if isinstance(read, LineError):
            errors.append(LineError(read.line, read.message, group[0][0]))
        else:
            questions.append(read)
    if not questions and not errors:
        errors.append(LineError(0, "the file holds no questions"))
    return ImportResult(tuple(questions), tuple(errors))


def _groups(text: str) -> Iterator[list[tuple[int, str]]]:
    """Each question's (line number, stripped line) pairs: its lines up to its ANSWER: line."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    group: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        group.append((number, stripped))
        # The first line of a question is its prompt, whatever it looks like.
        if len(group) > 1 and _ANSWER.match(stripped):
            yield group
            group = []
    if group:
        yield group


def _read_question(group: list[tuple[int, str]]) -> SetQuestion | LineError:
    (start, first), *rest = group
    prompt = [first]
    choices: list[str] = []
    for number, line in rest:
        answer = _ANSWER.match(line)
        if answer:
            return _finished(prompt, choices, answer[1].strip(), number)
        choice = _CHOICE.fullmatch(line)
        if choice is None and not choices:
            prompt.append(line)
            continue
        count = len(choices)
        expected = string.ascii_uppercase[count] if count < MAX_CHOICES else None
        if choice is None:
            wanted = f'choice {expected} ("{expected}. text") or ' if expected else ""
            return LineError(number, f"expected {wanted}the ANSWER: line")
        letter, text = choice[1], (choice[2] or "").strip()
        if expected is None:
            return LineError(number, f"a question has at most {MAX_CHOICES} choices, A to Z")
        if letter != expected:
            return LineError(number, f"expected choice {expected}, found {letter}")
        if not text:
            return LineError(number, f"choice {letter} is empty")
        if text in choices:
            return LineError(number, f'the choice "{text}" appears twice')
        choices.append(text)
    return LineError(start, "the question has no ANSWER: line after it")


def _finished(
    prompt: list[str], choices: list[str], letter: str, number: int
) -> SetQuestion | LineError:
    if len(choices) < 2:
        return LineError(number, "a question needs at least two choices before its ANSWER: line")
    letters = string.ascii_uppercase[: len(choices)]
    if len(letter) != 1 or letter.upper() not in letters:
        return LineError(
            number, f'the answer must be one of the letters {", ".join(letters)}, not "{letter}"'
        )
    return SetQuestion(
        kind=QuestionKind.SINGLE_CHOICE,
        prompt="\n".join(prompt),
        choices=tuple(choices),
        answer=choices[letters.index(letter.upper())],
    )


def carried(question: SetQuestion) -> SetQuestion:
    """`question` as Aiken brings it back: `parse_aiken(export_aiken([q])).questions[0]`.

    Raises ValueError for a question that is not single choice or has more than 26 choices.
    """
    question = normalised(question)
    if question.kind is not QuestionKind.SINGLE_CHOICE:
        raise ValueError(
            f"{describe(question)} is a {question.kind.value} question; "
            "Aiken holds single-choice questions only"
        )
    if len(question.choices) > MAX_CHOICES:
        raise ValueError(f"{describe(question)} has more than {MAX_CHOICES} choices (A to Z)")
    return SetQuestion(
        kind=question.kind,
        prompt=_prompt(question.prompt),
        choices=tuple(_one_line(choice) for choice in question.choices),
        answer=_one_line(question.answer),
    )


def _one_line(text: str) -> str:
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


def _prompt(text: str) -> str:
    lines: list[str] = []
    for line in (line.strip() for line in text.split("\n")):
        if not line:
            continue
        if lines and _STRUCTURAL.match(line):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return "\n".join(lines)


def export_aiken(questions: Iterable[SetQuestion]) -> str:
    """`questions` as Aiken text; ValueError naming every question that is not single choice."""
    blocks = []
    for question in prepare_export(questions, carried, "Aiken"):
        letters = string.ascii_uppercase
        lines = [
            question.prompt,
            *(f"{letters[index]}. {choice}" for index, choice in enumerate(question.choices)),
            f"ANSWER: {letters[question.choices.index(question.answer)]}",
        ]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""
