r"""CSV: a question set as a spreadsheet, one question a row.

The first row is the header, exactly `kind,name,prompt,choices,answer,explanation,category`.
Each following row is a question (blank rows are skipped):

- kind: single_choice, multiple_choice, true_false, numeric, short_text or matching;
- name, category: optional;
- prompt: the question; explanation: shown after answering, optional;
- choices: for single and multiple choice, the choices; for matching, the right sides to show
  (those no pair names are distractors; may be empty); empty for the other kinds;
- answer, by kind: single_choice the correct choice; multiple_choice the correct choices;
  true_false `true` or `false`; numeric `value±tolerance` (or `value+/-tolerance`, or `value` for
  an exact number), optionally followed by a space and a unit; short_text the accepted spellings,
  the preferred one first; matching the pairs, each `left->right`.

Lists are separated by `|`. In a list, `\|` is a literal bar, `\\` a literal backslash and `\>` a
literal ">" (the writer puts "-\>" for a literal "->" in a matching side); a backslash before any
other character stays as it is. Cells follow the csv module's quoting (excel dialect), so commas,
quotes and line breaks are safe.

Spreadsheet formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as
a formula. The writer puts a single quote `'` before such a cell (spreadsheets show the quote as
"this is text"), and the reader removes exactly one leading quote from a cell that starts with
quotes followed by one of those characters. A cell that itself starts with `'` and then one of them
is written with one more quote, so every cell reads back as it was.

CSV does not carry (see `carried`) per-answer feedback, weights or the markdown flag.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from .generation import QuestionKind
from .interchange import (
    SUPPORTED_KINDS,
    ImportResult,
    LineError,
    SetQuestion,
    find_unescaped,
    format_number,
    normalised,
    optional_text,
    parse_number,
    prepare_export,
    split_unescaped,
    tidy_text,
    unique,
)

HEADER = ("kind", "name", "prompt", "choices", "answer", "explanation", "category")

_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_NUMERIC = re.compile(
    rf"(?P<value>{_NUMBER})\s*(?:(?:±|\+/-)\s*(?P<tolerance>{_NUMBER}))?(?:\s+(?P<unit>.+))?",
    re.DOTALL,
)
_GUARDED = re.compile(r"'+[=+\-@]")
_NEEDS_GUARD = re.compile(r"'*[=+\-@]")
_ITEM_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ITEM_UNESCAPED = {"\\": "\\", "|": "|", ">": ">"}
_TRUE_FALSE = {"true": True, "t": True, "false": False, "f": False}
_CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)
_KIND_NAMES = ", ".join(sorted(kind.value for kind in SUPPORTED_KINDS))


class _RowError(Exception):
    pass


# --- reading -------------------------------------------------------------------------------------


def parse_csv(text: str) -> ImportResult:
    """Every question in CSV `text` and every error, with the line its row starts on."""
    questions: list[SetQuestion] = []
    errors: list[LineError] = []
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header_seen = False
    line = 1
    try:
        for row in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if not header_seen:
                if tuple(cell.strip().lower() for cell in row) != HEADER:
                    message = "the first row must be the header " + ",".join(HEADER)
                    return ImportResult(errors=(LineError(start, message),))
                header_seen = True
                continue
            try:
                questions.append(_read_row(row))
            except _RowError as error:
                errors.append(LineError(start, str(error), start))
    except csv.Error as error:
        errors.append(LineError(reader.line_num, f"the CSV cannot be read: {error}"))
    if not questions and not errors:
        errors.append(LineError(0, "the file holds no questions"))
    return ImportResult(tuple(questions), tuple(errors))


def _cell(raw: str) -> str:
    text = tidy_text(raw)
    return text[1:] if _GUARDED.match(text) else text


def _read_row(row: list[str]) -> SetQuestion:
    if len(row) != len(HEADER):
        raise _RowError(
            f"a row has {len(HEADER)} cells ({','.join(HEADER)}); this one has {len(row)}"
        )
    cells = dict(zip(HEADER, (_cell(raw) for raw in row), strict=True))
    spelled = cells["kind"].lower().replace("-", "_").replace(" ", "_")
    kind = next((kind for kind in SUPPORTED_KINDS if kind.value == spelled), None)
    if kind is None:
        raise _RowError(f'unknown kind "{cells["kind"]}"; the kinds are {_KIND_NAMES}')
    if not cells["prompt"]:
        raise _RowError("the prompt is empty")
    choices, answer = _read_answer(kind, cells["choices"], cells["answer"])
    return SetQuestion(
        name=optional_text(cells["name"]),
        kind=kind,
        prompt=cells["prompt"],
        choices=choices,
        answer=answer,
        explanation=cells["explanation"],
        category=optional_text(cells["category"]),
    )


def _items(cell: str, what: str) -> list[str]:
    """The raw items of a `|`-separated list; an empty item is an error."""
    if not cell:
        return []
    lead, rest = split_unescaped(cell, "|")
    items = [lead, *(raw for _, raw, _ in rest)]
    if not all(_unescape(item) for item in items):
        raise _RowError(f"{what} has an empty item (two | in a row, or one at an end)")
    return items


def _unescape(raw: str) -> str:
    return tidy_text(_ITEM_ESCAPE.sub(lambda m: _ITEM_UNESCAPED.get(m[1], m[0]), raw))


def _unique_items(cell: str, what: str) -> list[str]:
    items = [_unescape(raw) for raw in _items(cell, what)]
    repeated = next((item for index, item in enumerate(items) if item in items[:index]), None)
    if repeated is not None:
        raise _RowError(f'"{repeated}" appears twice in {what}')
    return items


def _read_answer(
    kind: QuestionKind, choices_cell: str, answer_cell: str
) -> tuple[tuple[str, ...], Any]:
    if kind in _CHOICE_KINDS:
        choices = _unique_items(choices_cell, "the choices")
        if len(choices) < 2:
            raise _RowError("a choice question needs at least two choices, separated by |")
        correct = _unique_items(answer_cell, "the answer")
        strays = [item for item in correct if item not in choices]
        if strays:
            raise _RowError(f'the answer "{strays[0]}" is not one of the choices')
        if kind is QuestionKind.SINGLE_CHOICE:
            if len(correct) != 1:
                raise _RowError("a single_choice question has exactly one correct choice")
            return tuple(choices), correct[0]
        if not correct:
            raise _RowError("a multiple_choice question needs at least one correct choice")
        return tuple(choices), [choice for choice in choices if choice in correct]
    if kind is QuestionKind.MATCHING:
        return _read_matching(choices_cell, answer_cell)
    if choices_cell:
        raise _RowError(f"a {kind.value} question takes no choices")
    if kind is QuestionKind.TRUE_FALSE:
        if answer_cell.lower() not in _TRUE_FALSE:
            raise _RowError(
                f'the answer of a true_false question is true or false, not "{answer_cell}"'
            )
        return (), _TRUE_FALSE[answer_cell.lower()]
    if kind is QuestionKind.NUMERIC:
        return (), _read_numeric(answer_cell)
    if kind is QuestionKind.ORDERING:
        items = _unique_items(answer_cell, "the answer")
        if len(items) < 3:
            raise _RowError("an ordering question lists at least three items, in order, with |")
        return (), items
    spellings = _unique_items(answer_cell, "the answer")
    if not spellings:
        raise _RowError("a short_text question needs at least one accepted answer")
    return (), {"answer": spellings[0], "accept": spellings}


def _read_numeric(cell: str) -> dict[str, Any]:
    match = _NUMERIC.fullmatch(cell)
    value = parse_number(match["value"]) if match else None
    tolerance = parse_number(match["tolerance"] or "0") if match else None
    if match is None or value is None or tolerance is None:
        raise _RowError(
            f'a numeric answer is written value±tolerance, such as 1994±1, not "{cell}"'
        )
    if tolerance < 0:
        raise _RowError("the tolerance is negative")
    return {"value": value, "tolerance": tolerance, "unit": optional_text(match["unit"])}


def _read_matching(choices_cell: str, answer_cell: str) -> tuple[tuple[str, ...], Any]:
    pairs: list[list[str]] = []
    for raw in _items(answer_cell, "the answer"):
        arrow = find_unescaped(raw, "->")
        if arrow < 0:
            raise _RowError(f'a matching pair is written left->right, not "{_unescape(raw)}"')
        left, right = _unescape(raw[:arrow]), _unescape(raw[arrow + 2 :])
        if not left or not right:
            raise _RowError(f'the pair "{_unescape(raw)}" has an empty side')
        if left in (known for known, _ in pairs):
            raise _RowError(f'the left side "{left}" appears twice')
        pairs.append([left, right])
    if len(pairs) < 2:
        raise _RowError("a matching question needs at least two pairs, separated by |")
    shown = [_unescape(raw) for raw in _items(choices_cell, "the choices")]
    return tuple(unique([*(right for _, right in pairs), *shown])), pairs


# --- writing -------------------------------------------------------------------------------------


def carried(question: SetQuestion) -> SetQuestion:
    """`question` as CSV brings it back: `parse_csv(export_csv([q])).questions[0]`.

    Normalised (see `interchange`), without feedback, weights, a numeric answer's further ranges
    or the markdown flag.
    """
    question = replace(normalised(question), choice_feedback={}, weights={}, markdown=False)
    if question.kind is QuestionKind.NUMERIC:
        answer = {key: value for key, value in question.answer.items() if key != "ranges"}
        question = replace(question, answer=answer)
    return question


def export_csv(questions: Iterable[SetQuestion]) -> str:
    """`questions` as CSV text with a header row; ValueError naming every unfit question."""
    written = io.StringIO()
    writer = csv.writer(written)
    writer.writerow(HEADER)
    for question in prepare_export(questions, carried, "CSV"):
        row = (
            question.kind.value,
            question.name or "",
            question.prompt,
            _choices_cell(question),
            _answer_cell(question),
            question.explanation,
            question.category or "",
        )
        writer.writerow([_guarded(cell) for cell in row])
    return written.getvalue()


def _guarded(cell: str) -> str:
    return "'" + cell if _NEEDS_GUARD.match(cell) else cell


def _item(text: str, arrows: bool = False) -> str:
    escaped = text.replace("\\", "\\\\").replace("|", "\\|")
    return escaped.replace("->", "-\\>") if arrows else escaped


def _choices_cell(question: SetQuestion) -> str:
    arrows = question.kind is QuestionKind.MATCHING
    return "|".join(_item(choice, arrows) for choice in question.choices)


def _answer_cell(question: SetQuestion) -> str:
    answer = question.answer
    match question.kind:
        case QuestionKind.SINGLE_CHOICE:
            return _item(answer)
        case QuestionKind.MULTIPLE_CHOICE:
            return "|".join(_item(choice) for choice in answer)
        case QuestionKind.TRUE_FALSE:
            return "true" if answer else "false"
        case QuestionKind.NUMERIC:
            number = f"{format_number(answer['value'])}±{format_number(answer['tolerance'])}"
            return f"{number} {answer['unit']}" if answer["unit"] else number
        case QuestionKind.SHORT_TEXT:
            return "|".join(_item(spelling) for spelling in answer["accept"])
        case QuestionKind.MATCHING:
            return "|".join(f"{_item(left, True)}->{_item(right, True)}" for left, right in answer)
        case QuestionKind.ORDERING:
            return "|".join(_item(item) for item in answer)
    raise ValueError(f"CSV cannot write {question.kind.value} questions")
