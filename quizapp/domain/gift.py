r"""GIFT, Moodle's text format for questions (docs.moodle.org/en/GIFT_format): read and write sets.

Read as Moodle reads them:

- `//` comment lines; questions separated by blank lines;
- `$CATEGORY: path` sets the category of the questions after it (Moodle's context prefix, such as
  "$course$/top/", is dropped; an empty path returns to no category);
- `::name::` names; `[markdown]`, `[html]`, `[plain]` and `[moodle]` format tags. `[markdown]` and
  `[html]` set the markdown flag (CommonMark keeps inline HTML, so an HTML prompt renders as
  Markdown); the others do not. Tags before answers and feedback are dropped;
- single choice `{=right ~wrong}`, with partial credit `~%50%close`;
- multiple choice: weights and no `=`, `{~%50%a ~%50%b ~%-100%c}`;
- true/false `{T}`, `{TRUE}`, `{F}`, `{FALSE}`, with feedback `{T#if answered wrong#if right}`;
- short answer: `=` answers only, `{=Stepanakert =Khankendi}`, with partial credit
  `=%75%Stepanakertt` (0 to 100 %) and Moodle's `*` wildcard in an answer (`=%0%*#feedback`);
- missing word: text after the braces; the prompt keeps a blank "_____" where the braces stood;
- numeric `{#5:0.5}` and `{#1..5}` (value = midpoint, tolerance = half-width); several `=`
  answers `{#=1822:0 =%50%1822:2}` keep every range with its weight (0 to 100 %) and feedback,
  in order: the first worth 100 % is the answer, the others its further `ranges`; `~#feedback`
  is the feedback for any other number;
- matching `{=left -> right ...}`; `= -> extra` adds a right side that matches no left side;
- per-answer feedback `#...`, general feedback `####...`;
- escapes `\~ \= \# \{ \} \:`, `\n` (a newline) and `\\` (a backslash). The writer adds two
  escapes GIFT lacks, only where the text needs them: `\>`, so that "->" in a short answer or a
  matching side is written "-\>", and `\%` for an answer that starts with "%".

Reported as errors, with their line: essays `{}`, descriptions (no answer list), negative
weights on short and numeric answers, a numeric question with no range worth 100 %, numeric
wrong-answer ranges, weights or feedback on matching pairs, several `=` in a choice question, a
weight on `=` in a choice question, repeated answers, a second answer list, unbalanced braces.
Every problem in the answers of a question is reported, not only the first.

Where the app differs from Moodle: a partial-credit numeric range written before the 100 % one
is checked after it; a negative weight on a single-choice answer scores 0, not below.

GIFT does not carry (see `carried`) the unit of a numeric answer or a category's Moodle context
prefix; a multiple-choice question without weights is written with the app's grading as weights:
each of its n correct choices 100/n %, each wrong one -100/n %.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from .generation import QuestionKind
from .interchange import (
    ImportResult,
    LineError,
    SetQuestion,
    describe,
    escaped_mask,
    find_unescaped,
    format_number,
    normalised,
    optional_text,
    parse_number,
    prepare_export,
    range_keys,
    split_unescaped,
    tidy_text,
    unique,
)

BLANK = "_____"
"""Where a missing-word question's answer list stood in the prompt."""

_CATEGORY = "$CATEGORY:"
_CONTEXT = re.compile(r"(?:\$[a-z]+\$|top)(?:/|$)")
_TAG = re.compile(r"\[(html|markdown|plain|moodle)\]", re.IGNORECASE)
_MARKDOWN_TAGS = frozenset({"markdown", "html"})
_WEIGHT = re.compile(r"%\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"n": "\n", "\\": "\\", **{char: char for char in "~=#{}:>%"}}
_SPECIAL = "~=#{}:"


class _GiftError(Exception):
    """One or more problems in a question, each (line, message)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.found = [(line, message)]

    @classmethod
    def of(cls, found: list[tuple[int, str]]) -> _GiftError:
        error = cls(*found[0])
        error.found = list(found)
        return error


class _Collector:
    """Runs each step of reading a question, keeping every problem rather than the first only."""

    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []

    def check(self, line: int, message: str | None) -> None:
        if message:
            self.found.append((line, message))

    def run(self, step: Callable[[], Any]) -> Any:
        try:
            return step()
        except _GiftError as error:
            self.found.extend(error.found)
            return None

    def raise_found(self) -> None:
        if self.found:
            raise _GiftError.of(self.found)


@dataclass(frozen=True)
class _Block:
    """A question's lines joined with newlines, and where each line came from in the file."""

    text: str
    starts: tuple[int, ...]
    numbers: tuple[int, ...]

    @classmethod
    def of(cls, lines: list[tuple[int, str]]) -> _Block:
        starts, offset = [], 0
        for _, line in lines:
            starts.append(offset)
            offset += len(line) + 1
        return cls("\n".join(line for _, line in lines), tuple(starts), tuple(n for n, _ in lines))

    @property
    def first_line(self) -> int:
        return self.numbers[0]

    def line_at(self, offset: int) -> int:
        return self.numbers[bisect_right(self.starts, offset) - 1]


class _Answers(NamedTuple):
    kind: QuestionKind
    choices: tuple[str, ...]
    answer: Any
    feedback: dict[str, str]
    weights: dict[str, float]


# --- escapes -------------------------------------------------------------------------------------


def _rfind(raw: str, target: str) -> int:
    """The index of the last unescaped `target` in `raw`, or -1."""
    mask = escaped_mask(raw)
    index = raw.rfind(target)
    while index >= 0 and any(mask[index : index + len(target)]):
        index = raw.rfind(target, 0, index)
    return index


def _split_first(raw: str, char: str) -> tuple[str, str]:
    """`raw` cut at its first unescaped `char` (the second part is empty when there is none)."""
    index = find_unescaped(raw, char)
    return (raw, "") if index < 0 else (raw[:index], raw[index + 1 :])


def _unescape(raw: str) -> str:
    # Moodle keeps a backslash before any other character, so this does too.
    return _ESCAPE.sub(lambda match: _UNESCAPED.get(match[1], match[0]), raw)


def _escape(text: str, arrows: bool = False) -> str:
    escaped = text.replace("\\", "\\\\")
    for char in _SPECIAL:
        escaped = escaped.replace(char, "\\" + char)
    escaped = escaped.replace("\n", "\\n")
    # In short answers and matching pairs an unescaped "->" would make a matching pair.
    return escaped.replace("->", "-\\>") if arrows else escaped


def _format_tag(raw: str) -> tuple[str | None, str]:
    stripped = raw.lstrip()
    match = _TAG.match(stripped)
    return (match[1].lower(), stripped[match.end() :]) if match else (None, raw)


def _text(raw: str) -> str:
    """The text an answer, a feedback or a left side spells, without its format tag."""
    return tidy_text(_unescape(_format_tag(raw)[1]))


# --- reading -------------------------------------------------------------------------------------


def parse_gift(text: str) -> ImportResult:
    """Every question in GIFT `text` and every error, with its line (see the module docstring)."""
    questions: list[SetQuestion] = []
    errors: list[LineError] = []
    category: str | None = None
    for lines in _blocks(text):
        if lines[0][1].upper().startswith(_CATEGORY):
            category = _category_path(_unescape(lines[0][1][len(_CATEGORY) :]))
            # Moodle wants a blank line after the category; a question right below it is read too.
            lines = lines[1:]
            if not lines:
                continue
        try:
            questions.append(_read_question(_Block.of(lines), category))
        except _GiftError as error:
            first = lines[0][0]
            errors.extend(LineError(line, message, first) for line, message in error.found)
    if not questions and not errors:
        errors.append(LineError(0, "the file holds no questions"))
    return ImportResult(tuple(questions), tuple(errors))


def _blocks(text: str) -> Iterator[list[tuple[int, str]]]:
    """Each question's (line number, stripped line) pairs, without comment lines."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            if block:
                yield block
            block = []
        elif not stripped.startswith("//"):
            block.append((number, stripped))
    if block:
        yield block


def _category_path(raw: str) -> str | None:
    path = tidy_text(raw)
    # Moodle writes paths such as "$course$/top/History"; the context and the root say nothing here.
    while match := _CONTEXT.match(path):
        path = tidy_text(path[match.end() :])
    return path or None


def _read_question(block: _Block, category: str | None) -> SetQuestion:
    text, start = block.text, block.first_line
    position, name = 0, None
    if text.startswith("::"):
        end = find_unescaped(text, "::", 2)
        if end < 0:
            raise _GiftError(start, "the question name is not closed: write ::name:: before it")
        name = optional_text(_unescape(text[2:end]))
        position = end + 2
    opening, closing = find_unescaped(text, "{", position), find_unescaped(text, "}", position)
    if opening < 0 and closing < 0:
        raise _GiftError(
            start, "there is no answer list in braces {...}; descriptions are not supported"
        )
    if opening < 0 or 0 <= closing < opening:
        raise _GiftError(
            block.line_at(closing), "a } closes no answer list; write \\} for a literal brace"
        )
    if closing < 0:
        raise _GiftError(block.line_at(opening), "the answer list opened here is never closed")
    inner = find_unescaped(text, "{", opening + 1)
    if 0 <= inner < closing:
        raise _GiftError(
            block.line_at(inner), "a { inside an answer list; write \\{ for a literal brace"
        )
    extra = max(inner, find_unescaped(text, "}", closing + 1))
    if extra >= 0:
        raise _GiftError(
            block.line_at(extra),
            "a question has one answer list; write \\{ and \\} for literal braces",
        )
    head, tail = text[position:opening], text[closing + 1 :]
    tag, prompt_raw = _format_tag(head + BLANK + tail if tail.strip() else head)
    prompt = tidy_text(_unescape(prompt_raw))
    if not prompt:
        raise _GiftError(start, "the question has no text")
    body, explanation = _general_feedback(text[opening + 1 : closing])
    answers = _read_answers(block, body, opening + 1)
    return SetQuestion(
        name=name,
        kind=answers.kind,
        prompt=prompt,
        choices=answers.choices,
        answer=answers.answer,
        explanation=explanation,
        choice_feedback=answers.feedback,
        weights=answers.weights,
        category=category,
        markdown=tag in _MARKDOWN_TAGS,
    )


def _general_feedback(raw: str) -> tuple[str, str]:
    # Moodle takes the last "####": answer feedback before it may itself start with "#".
    index = _rfind(raw, "####")
    return (raw, "") if index < 0 else (raw[:index], _text(raw[index + 4 :]))


def _read_answers(block: _Block, body: str, base: int) -> _Answers:
    """The answers in `body`, which starts at offset `base` of the block; kinds as Moodle tells."""
    stripped = body.strip()
    if not stripped:
        raise _GiftError(
            block.line_at(base), "essay questions (an empty answer list {}) are not supported"
        )
    if stripped.startswith("#"):
        return _numeric(block, body, base)
    if find_unescaped(body, "~") >= 0:
        return _choice(block, body, base)
    if find_unescaped(body, "=") >= 0 and find_unescaped(body, "->") >= 0:
        return _matching(block, body, base)
    if _split_first(body, "#")[0].strip().upper() in _TRUE_FALSE:
        return _true_false(body)
    if stripped.startswith("="):
        return _short_text(block, body, base)
    raise _GiftError(block.line_at(base), "the answer list has no correct answer (=)")


def _answer_items(block: _Block, body: str, base: int, markers: str) -> list[tuple[str, str, int]]:
    """(marker, raw text, line) for each answer; text before the first marker is an error."""
    lead, items = split_unescaped(body, markers)
    if lead.strip():
        raise _GiftError(
            block.line_at(base),
            f"text before the first answer: start each answer with {' or '.join(markers)}",
        )
    return [(marker, raw, block.line_at(base + offset)) for marker, raw, offset in items]


def _weight(raw: str, line: int) -> tuple[float | None, str]:
    """The %weight% that starts `raw`, if any, and the rest of `raw`."""
    stripped = raw.lstrip()
    match = _WEIGHT.match(stripped)
    if not match:
        return None, raw
    weight = parse_number(match[1])
    if weight is None or not -100 <= weight <= 100:
        raise _GiftError(line, f"the weight {match[0]} is not a percentage from -100 to 100")
    return float(weight), stripped[match.end() :]


def _checked_answer(raw: str, seen: Iterable[str], line: int) -> str:
    text = _text(raw)
    if not text:
        raise _GiftError(line, "an answer is empty")
    if text in seen:
        raise _GiftError(line, f'the answer "{text}" appears twice')
    return text


def _choice(block: _Block, body: str, base: int) -> _Answers:
    collector = _Collector()
    choices: list[str] = []
    correct: list[tuple[str, int]] = []
    feedback: dict[str, str] = {}
    weights: dict[str, float] = {}
    for marker, raw, line in _answer_items(block, body, base, "=~"):
        weight, rest = collector.run(lambda raw=raw, line=line: _weight(raw, line)) or (None, raw)
        answer_raw, feedback_raw = _split_first(rest, "#")
        choice = collector.run(lambda a=answer_raw, line=line: _checked_answer(a, choices, line))
        if choice is None:
            continue
        choices.append(choice)
        if _text(feedback_raw):
            feedback[choice] = _text(feedback_raw)
        if marker == "=":
            collector.check(
                line,
                weight not in (None, 100)
                and "= marks the correct answer; write ~%50%answer for partial credit",
            )
            correct.append((choice, line))
        elif weight is not None:
            weights[choice] = weight
    collector.check(
        block.line_at(base),
        len(choices) < 2 and not collector.found and "a choice question needs at least two answers",
    )
    for _, line in correct[1:]:
        collector.check(
            line,
            "only one answer can be marked =; for several correct answers use weights such as "
            "~%50%answer and no =",
        )
    if correct:
        kind, answer = QuestionKind.SINGLE_CHOICE, correct[0][0]
    else:
        kind, answer = QuestionKind.MULTIPLE_CHOICE, [c for c in choices if weights.get(c, 0) > 0]
        collector.check(
            block.line_at(base),
            not answer
            and not collector.found
            and "the answer list has no correct answer (= or a positive weight such as ~%50%)",
        )
    collector.raise_found()
    return _Answers(kind, tuple(choices), answer, feedback, weights)


def _matching(block: _Block, body: str, base: int) -> _Answers:
    collector = _Collector()
    pairs: list[list[str]] = []
    extras: list[str] = []
    for _, raw, line in _answer_items(block, body, base, "="):
        pair = collector.run(lambda raw=raw, line=line: _matching_pair(raw, line, pairs))
        if pair is not None and pair[0]:
            pairs.append(pair)
        elif pair is not None:
            extras.append(pair[1])
    collector.check(
        block.line_at(base),
        len(pairs) < 2 and not collector.found and "a matching question needs at least two pairs",
    )
    collector.raise_found()
    choices = tuple(unique([*(right for _, right in pairs), *extras]))
    return _Answers(QuestionKind.MATCHING, choices, pairs, {}, {})


def _matching_pair(raw: str, line: int, pairs: list[list[str]]) -> list[str]:
    """[left, right] of one pair ("" on the left: an extra right side)."""
    collector = _Collector()
    collector.check(line, bool(_WEIGHT.match(raw.lstrip())) and "matching pairs take no weights")
    collector.check(
        line,
        find_unescaped(raw, "#") >= 0
        and "matching pairs take no feedback (#); write \\# for a literal #",
    )
    arrow = find_unescaped(raw, "->")
    if arrow < 0:
        collector.check(line, "a matching pair is written =left -> right")
        collector.raise_found()
    left, right = _text(raw[:arrow]), tidy_text(_unescape(raw[arrow + 2 :]))
    collector.check(line, not right and "a matching pair has an empty right side")
    collector.check(
        line,
        bool(left)
        and left in (known for known, _ in pairs)
        and f'the left side "{left}" appears twice',
    )
    collector.raise_found()
    return [left, right]


def _true_false(body: str) -> _Answers:
    value_raw, rest = _split_first(body, "#")
    wrong_raw, right_raw = _split_first(rest, "#")
    value = _TRUE_FALSE[value_raw.strip().upper()]
    given = {str(value).lower(): _text(right_raw), str(not value).lower(): _text(wrong_raw)}
    feedback = {key: text for key, text in given.items() if text}
    return _Answers(QuestionKind.TRUE_FALSE, (), value, feedback, {})


def _short_text(block: _Block, body: str, base: int) -> _Answers:
    collector = _Collector()
    spellings: list[str] = []
    feedback: dict[str, str] = {}
    weights: dict[str, float] = {}
    for _, raw, line in _answer_items(block, body, base, "="):
        weight, rest = collector.run(lambda raw=raw, line=line: _weight(raw, line)) or (None, raw)
        collector.check(
            line,
            weight is not None
            and weight < 0
            and f"a short answer's weight (={format_number(weight)}%) runs from 0 to 100",
        )
        answer_raw, feedback_raw = _split_first(rest, "#")
        spelling = collector.run(
            lambda a=answer_raw, line=line: _checked_answer(a, spellings, line)
        )
        if spelling is None:
            continue
        spellings.append(spelling)
        if weight is not None and 0 <= weight < 100:
            weights[spelling] = weight
        if _text(feedback_raw):
            feedback[spelling] = _text(feedback_raw)
    collector.raise_found()
    answer = {"answer": spellings[0], "accept": spellings}
    return _Answers(QuestionKind.SHORT_TEXT, (), answer, feedback, weights)


class _Range(NamedTuple):
    value: int | float
    tolerance: int | float
    weight: float
    feedback: str


def _numeric(block: _Block, body: str, base: int) -> _Answers:
    collector = _Collector()
    hash_at = body.index("#") + 1
    body, base = body[hash_at:], base + hash_at
    feedback: dict[str, str] = {}
    tilde = find_unescaped(body, "~")
    if tilde >= 0:
        wrong = body[tilde + 1 :].lstrip()
        collector.check(
            block.line_at(base + tilde),
            ((wrong and not wrong.startswith("#")) or find_unescaped(wrong, "~") >= 0)
            and "numeric wrong answers are not supported; ~#feedback alone gives the feedback "
            "for any other number (write =%0%range#feedback for feedback on a range)",
        )
        if wrong.startswith("#") and _text(wrong[1:]):
            feedback["wrong"] = _text(wrong[1:])
        body = body[:tilde]
    lead, items = split_unescaped(body, "=")
    pieces = [(raw, block.line_at(base + offset)) for _, raw, offset in items]
    if lead.strip():
        pieces.insert(0, (lead, block.line_at(base)))
    if not pieces:
        collector.check(
            block.line_at(base), "a numeric question needs an answer such as {#5:0.5} or {#1..5}"
        )
    ranges = [
        found
        for raw, line in pieces
        if (found := collector.run(lambda raw=raw, line=line: _numeric_range(raw, line)))
    ]
    full = next((r for r in ranges if r.weight == 100), None)
    collector.check(
        pieces[0][1] if pieces else 0,
        bool(ranges)
        and full is None
        and "no numeric answer is worth 100%: write one without a weight, such as =1822:0",
    )
    collector.raise_found()
    assert full is not None
    others = [r for r in ranges if r is not full]
    if full.feedback:
        feedback["right"] = full.feedback
    for number, extra in enumerate(others, start=1):
        if extra.feedback:
            feedback[f"range {number}"] = extra.feedback
    answer: dict[str, Any] = {"value": full.value, "tolerance": full.tolerance, "unit": None}
    if others:
        answer["ranges"] = [
            {"value": r.value, "tolerance": r.tolerance, "weight": r.weight} for r in others
        ]
    return _Answers(QuestionKind.NUMERIC, (), answer, feedback, {})


def _numeric_range(raw: str, line: int) -> _Range:
    weight, rest = _weight(raw, line)
    if weight is not None and weight < 0:
        raise _GiftError(
            line, f"a numeric answer's weight (={format_number(weight)}%) runs from 0 to 100"
        )
    number_raw, feedback_raw = _split_first(rest, "#")
    spelled = _unescape(number_raw).strip()
    dots, colon = spelled.find("..", 1), spelled.find(":", 1)
    if dots > 0:
        low, high = _number(spelled[:dots], line), _number(spelled[dots + 2 :], line)
        if high < low:
            raise _GiftError(line, f"the range {spelled} ends below its start")
        value, tolerance = _midpoint(low, high)
    elif colon > 0:
        value, tolerance = _number(spelled[:colon], line), _number(spelled[colon + 1 :], line)
        if tolerance < 0:
            raise _GiftError(line, f"the tolerance in {spelled} is negative")
    else:
        value, tolerance = _number(spelled, line), 0
    return _Range(value, tolerance, 100.0 if weight is None else weight, _text(feedback_raw))


def _number(text: str, line: int) -> int | float:
    number = parse_number(text)
    if number is None:
        raise _GiftError(line, f'"{text.strip()}" is not a number')
    return number


def _midpoint(low: int | float, high: int | float) -> tuple[int | float, int | float]:
    if isinstance(low, int) and isinstance(high, int) and (low + high) % 2 == 0:
        return (low + high) // 2, (high - low) // 2
    return (low + high) / 2, (high - low) / 2


# --- writing -------------------------------------------------------------------------------------


def carried(question: SetQuestion) -> SetQuestion:
    """`question` as GIFT brings it back: `parse_gift(export_gift([q])).questions[0]`.

    Normalised (see `interchange`), without a numeric unit or a Moodle category context prefix,
    and a multiple-choice question with no weights gets the weights of the app's grading.
    """
    question = normalised(question)
    if question.kind is QuestionKind.ORDERING:
        raise ValueError(f"{describe(question)}: GIFT has no ordering questions")
    category = _category_path(question.category) if question.category else None
    question = replace(question, category=category)
    if question.kind is QuestionKind.NUMERIC:
        return replace(question, answer={**question.answer, "unit": None})
    if question.kind is QuestionKind.MULTIPLE_CHOICE and not question.weights:
        return replace(question, weights=_grading_weights(question.choices, question.answer))
    return question


def _grading_weights(choices: tuple[str, ...], correct: list[str]) -> dict[str, float]:
    if not correct:
        return {}
    share = 100 / len(correct)
    return {choice: share if choice in correct else -share for choice in choices}


def export_gift(questions: Iterable[SetQuestion]) -> str:
    """`questions` as GIFT text; ValueError naming every question that cannot be written."""
    written: list[str] = []
    category: str | None = None
    for question in prepare_export(questions, carried, "GIFT"):
        if question.category != category:
            written.append(f"{_CATEGORY} {_escape_category(question.category)}".rstrip())
            category = question.category
        written.append(_write_question(question))
    return "\n\n".join(written) + "\n" if written else ""


def _escape_category(path: str | None) -> str:
    return (path or "").replace("\\", "\\\\").replace("\n", "\\n")


def _write_question(question: SetQuestion) -> str:
    own_tag = "[markdown]" if question.markdown else "[plain]"
    prompt = question.prompt
    blank = prompt.find(BLANK)
    if blank >= 0 and prompt[blank + len(BLANK) :].strip():
        head, tail = prompt[:blank], prompt[blank + len(BLANK) :]
    else:
        head, tail = prompt, ""
    # A tag also keeps a prompt that starts like a tag or a comment from being read as one.
    tag = own_tag if question.markdown or head.startswith(("[", "//")) else ""
    name = f"::{_escape(question.name)}::" if question.name else ""
    opening = "{#" if question.kind is QuestionKind.NUMERIC else "{"
    if head and not tail:
        opening = " " + opening
    lines = [f"{name}{tag}{_escape(head)}{opening}", *_answer_lines(question, own_tag)]
    if question.explanation:
        lines.append("####" + _tagged(question.explanation, own_tag))
    lines.append("}" + _escape(tail))
    return "\n".join(lines)


def _tagged(text: str, tag: str, arrows: bool = False) -> str:
    """`text` escaped, behind `tag` if it starts with a format tag a reader would take away."""
    escaped = _escape(text, arrows)
    return tag + escaped if _TAG.match(text) else escaped


def _answer(text: str, tag: str, arrows: bool = False) -> str:
    written = _tagged(text, tag, arrows)
    # A leading "%" would be read as the start of a weight.
    return "\\" + written if written.startswith("%") else written


def _feedback(feedback: Mapping[str, str], key: str, tag: str, arrows: bool = False) -> str:
    return f"#{_tagged(feedback[key], tag, arrows)}" if feedback.get(key) else ""


def _answer_lines(question: SetQuestion, tag: str) -> list[str]:
    feedback = question.choice_feedback
    match question.kind:
        case QuestionKind.SINGLE_CHOICE | QuestionKind.MULTIPLE_CHOICE:
            return [
                _choice_marker(question, choice)
                + _answer(choice, tag)
                + _feedback(feedback, choice, tag)
                for choice in question.choices
            ]
        case QuestionKind.TRUE_FALSE:
            right, wrong = ("true", "false") if question.answer else ("false", "true")
            line = "TRUE" if question.answer else "FALSE"
            if feedback.get(wrong) or feedback.get(right):
                line += "#" + (_tagged(feedback[wrong], tag) if feedback.get(wrong) else "")
            return [line + _feedback(feedback, right, tag)]
        case QuestionKind.NUMERIC:
            value, tolerance = question.answer["value"], question.answer["tolerance"]
            lines = [
                f"={format_number(value)}:{format_number(tolerance)}"
                + _feedback(feedback, "right", tag)
            ]
            for key, extra in zip(
                range_keys(question.answer), question.answer.get("ranges", ()), strict=True
            ):
                lines.append(
                    f"=%{format_number(extra['weight'])}%{format_number(extra['value'])}:"
                    f"{format_number(extra['tolerance'])}" + _feedback(feedback, key, tag)
                )
            if feedback.get("wrong"):
                lines.append("~" + _feedback(feedback, "wrong", tag))
            return lines
        case QuestionKind.SHORT_TEXT:
            return [
                "="
                + _weight_marker(question.weights.get(spelling))
                + _answer(spelling, tag, arrows=True)
                + _feedback(feedback, spelling, tag, True)
                for spelling in question.answer["accept"]
            ]
        case QuestionKind.MATCHING:
            rights = {right for _, right in question.answer}
            pairs = [
                f"={_answer(left, tag, arrows=True)} -> {_escape(right, arrows=True)}"
                for left, right in question.answer
            ]
            extras = [
                f"= -> {_escape(choice, arrows=True)}"
                for choice in question.choices
                if choice not in rights
            ]
            return [*pairs, *extras]
    raise ValueError(f"GIFT cannot write {question.kind.value} questions")


def _weight_marker(weight: float | None) -> str:
    return "" if weight is None else f"%{format_number(weight)}%"


def _choice_marker(question: SetQuestion, choice: str) -> str:
    if question.kind is QuestionKind.SINGLE_CHOICE and choice == question.answer:
        return "="
    return "~" + _weight_marker(question.weights.get(choice))
