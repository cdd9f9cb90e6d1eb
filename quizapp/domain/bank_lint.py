"""Quality rules for the questions a bank yields: what a teacher would refuse to show a class.

Each rule is a pure function from the bank and its generated questions to findings, with an id,
a level (an error fails `flask bank lint`; a warning is listed, and may be accepted with a
reason in `question_bank/lint-accepted.toml`) and an explanation of why it matters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from . import distractors as kinds
from .bank import ActorFact, Bank, EventFact, FigureFact, NumberFact, PlaceFact
from .generation import CHOICE_KINDS, Question, normalised


class Level(StrEnum):
    """How serious a finding is: errors fail the lint, warnings may be accepted."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem: the rule, the bank item it comes from, and the question it shows in."""

    rule: str
    level: Level
    item_id: str
    question_id: str
    message: str


@dataclass(frozen=True)
class Lint:
    """What the rules look at: the bank's facts and every question made from them."""

    bank: Bank
    questions: Sequence[Question]

    def facts_of(self, question: Question) -> list:
        return [self.bank.fact(fact_id) for fact_id in question.fact_ids if fact_id in self.bank]


@dataclass(frozen=True)
class Rule:
    """A quality rule: its id, level, why it matters, and the check itself."""

    id: str
    level: Level
    explanation: str
    check: Callable[[Lint], Iterable[tuple[str, str, str]]]
    """Yields (item id, question id, message) for each problem found."""

    def findings(self, lint: Lint) -> list[Finding]:
        return [
            Finding(self.id, self.level, item_id, question_id, message)
            for item_id, question_id, message in self.check(lint)
        ]


def _item_id(question: Question) -> str:
    return question.fact_ids[0] if question.fact_ids else question.id


def _contains(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(normalised(phrase))}(?!\w)", normalised(text)) is not None


def _wrong_choices(question: Question) -> list[str]:
    answers = question.answer if isinstance(question.answer, list) else [question.answer]
    return [choice for choice in question.choices if choice not in answers]


# --- give-away -----------------------------------------------------------------------------------


def _number_text(choice: str) -> str:
    return choice.split(" ", 1)[0]


def check_give_away(lint: Lint) -> Iterator[tuple[str, str, str]]:
    """The answer in its own prompt, or the only option written with its precision."""
    for question in lint.questions:
        if question.kind not in CHOICE_KINDS or not isinstance(question.answer, str):
            continue
        if _contains(question.prompt, question.answer):
            yield _item_id(question), question.id, f"the prompt states {question.answer!r}"
        wrong = _wrong_choices(question)
        if question.template == "number-choice" and wrong:
            places = kinds.decimals_of(float(_number_text(question.answer).replace(",", "")))
            others = {
                kinds.decimals_of(float(_number_text(choice).replace(",", ""))) for choice in wrong
            }
            if places not in others:
                yield (
                    _item_id(question),
                    question.id,
                    f"only the answer {question.answer!r} has {places} decimal place(s)",
                )


def check_telling_word(lint: Lint) -> Iterator[tuple[str, str, str]]:
    """A distinctive word of the answer (4+ letters) in the prompt, and in no wrong option."""
    for question in lint.questions:
        if question.kind not in CHOICE_KINDS or not isinstance(question.answer, str):
            continue
        wrong = " ".join(_wrong_choices(question))
        for word in re.findall(r"[^\W\d_]{4,}", question.answer):
            if _contains(question.prompt, word) and not _contains(wrong, word):
                yield _item_id(question), question.id, f"the prompt shares {word!r} with the answer"
                break


# --- wrong-kind distractor -----------------------------------------------------------------------


def _figures_by_name(bank: Bank) -> dict[str, list[FigureFact]]:
    found: dict[str, list[FigureFact]] = {}
    for figure in bank.figures:
        found.setdefault(figure.name, []).append(figure)
    return found


def _named(bank: Bank) -> dict[str, ActorFact | PlaceFact]:
    named: dict[str, ActorFact | PlaceFact] = {actor.name: actor for actor in bank.actors}
    named.update({place.display_name: place for place in bank.places})
    return named


def check_wrong_kind(lint: Lint) -> Iterator[tuple[str, str, str]]:
    """A wrong option of another kind than the answer: a judge among commanders, a town for
    a state, an office of another state."""
    people = _figures_by_name(lint.bank)
    roles = {figure.role: figure.affiliation for figure in lint.bank.figures}
    named = _named(lint.bank)
    for question in lint.questions:
        facts = lint.facts_of(question)
        if len(facts) != 1:
            continue
        fact = facts[0]
        for choice in _wrong_choices(question):
            if question.template == "figure-by-role":
                others = {figure.affiliation for figure in people.get(choice, [])}
                if fact.affiliation not in others:
                    yield fact.id, question.id, f"{choice!r} is not of {fact.affiliation}"
            elif question.template == "figure-role" and roles.get(choice) != fact.affiliation:
                yield fact.id, question.id, f"{choice!r} is not an office of {fact.affiliation}"
            elif question.template in ("actor-by-description", "place-by-description"):
                other = named.get(choice)
                if other is not None and not kinds.same_kind(other.category, fact.category):
                    yield fact.id, question.id, f"{choice!r} is a {other.category}"


# --- implausible number --------------------------------------------------------------------------


def check_implausible_number(lint: Lint) -> Iterator[tuple[str, str, str]]:
    """A numeric option no reader would consider: a percentage over 100, another magnitude."""
    for question in lint.questions:
        if question.template != "number-choice":
            continue
        fact = lint.facts_of(question)[0]
        assert isinstance(fact, NumberFact)
        for choice in _wrong_choices(question):
            value = float(_number_text(choice).replace(",", ""))
            if float(value).is_integer() and kinds.decimals_of(fact.value) == 0:
                value = int(value)
            why = kinds.implausible_number(value, fact.value, fact.unit)
            if why:
                yield fact.id, question.id, why


# --- duplicates ----------------------------------------------------------------------------------


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def check_duplicates(lint: Lint) -> Iterator[tuple[str, str, str]]:
    """The same quote twice in the bank, or two questions asking the same with the same answer."""
    quotes: dict[str, str] = {}
    for quote in lint.bank.quotes:
        key = _words(quote.text)
        if key in quotes:
            yield quote.id, quote.id, f"the same quote as {quotes[key]}"
        quotes.setdefault(key, quote.id)
    asked: dict[tuple[str, str], str] = {}
    for question in lint.questions:
        key = (_words(question.prompt), repr(question.answer))
        if key in asked:
            yield _item_id(question), question.id, f"asks what {asked[key]} asks"
        asked.setdefault(key, question.id)


# --- self-contradicting true/false ---------------------------------------------------------------


def check_self_contradiction(lint: Lint) -> Iterator[tuple[str, str, str]]:
    """A false statement that names its own subject as something else ("Armenia is the state
    with relations with both Armenia and Azerbaijan")."""
    for question in lint.questions:
        if question.template not in ("actor-true-false", "place-true-false"):
            continue
        fact = lint.facts_of(question)[0]
        names = fact.names if isinstance(fact, PlaceFact) else (fact.name,)
        subject = fact.display_name if isinstance(fact, PlaceFact) else fact.name
        stated = question.prompt.removeprefix(f"True or false: {subject} is ")
        for name in names:
            if _contains(stated, name):
                yield fact.id, question.id, f"the statement names {name!r} twice"


# --- second defensible answer --------------------------------------------------------------------


def check_second_answer(lint: Lint) -> Iterator[tuple[str, str, str]]:
    """A wrong option that is right under another fact: an acting holder of the same office,
    the year of a near-duplicate event, a date other sources give."""
    people = _figures_by_name(lint.bank)
    events = lint.bank.events
    for question in lint.questions:
        facts = lint.facts_of(question)
        if len(facts) != 1:
            continue
        fact = facts[0]
        wrong = _wrong_choices(question)
        if question.template == "figure-by-role":
            for choice in wrong:
                offices = [
                    role
                    for figure in people.get(choice, [])
                    for role in (figure.role, *figure.also)
                ]
                if any(kinds.same_office(role, fact.role) for role in offices):
                    yield fact.id, question.id, f"{choice!r} also held {fact.role!r}"
        elif question.template == "event-year-choice" and isinstance(fact, EventFact):
            defensible = {date.year for date in fact.also_dated}
            defensible |= {other.date.year for other in kinds.related_events(fact, events)}
            for choice in wrong:
                if int(choice) in defensible and int(choice) != fact.date.year:
                    yield fact.id, question.id, f"{choice} is defensible too"


# --- span asked as a single year -----------------------------------------------------------------

_LASTED = re.compile(r"\b(lasted until|lasted from|until its end|from \w+ \d{4} (?:to|until))\b")


def check_span_as_year(lint: Lint) -> Iterator[tuple[str, str, str]]:
    """An event that lasted asked as "took place in" one year, or a span with no `end`."""
    spans = {event.id for event in lint.bank.events if event.lasts}
    for question in lint.questions:
        asked_once = re.search(r"\b(take|took) place\b", question.prompt)
        if set(question.fact_ids) & spans and asked_once:
            yield _item_id(question), question.id, "a span is asked as taking place at one time"
    for event in lint.bank.events:
        if kinds.head_noun(event.name) in kinds.POINT_NOUNS:
            continue
        if not event.lasts and _LASTED.search(f"{event.statement} {event.explanation}"):
            yield event.id, event.id, "the text says the event lasted, but it has no `end`"


# --- template grammar ----------------------------------------------------------------------------


def check_template_grammar(lint: Lint) -> Iterator[tuple[str, str, str]]:
    """ "Take place" said of a thing (a checkpoint, a deadline) rather than of an event."""
    for question in lint.questions:
        if not question.template.startswith("event-") or len(question.fact_ids) != 1:
            continue
        event = lint.facts_of(question)[0]
        head = kinds.head_noun(event.name)
        if head in kinds.THING_NOUNS and re.search(r"\b(take|took) place\b", question.prompt):
            yield event.id, question.id, f"{head!r} is a thing: it does not take place"


RULES: tuple[Rule, ...] = (
    Rule("give-away", Level.ERROR, "The prompt shows the answer, or the answer alone is "
         "written with its precision: the learner need not know anything.", check_give_away),
    Rule("telling-word", Level.WARNING, "A word shared by the prompt and the answer alone "
         "points to it; sometimes it is the subject itself and harmless.", check_telling_word),
    Rule("wrong-kind-distractor", Level.ERROR, "A wrong option of another kind than the answer "
         "is rejected on sight and teaches nothing.", check_wrong_kind),
    Rule("implausible-number", Level.ERROR, "A number nobody would pick (over 100 percent, ten "
         "times too large) is no option.", check_implausible_number),
    Rule("duplicate", Level.ERROR, "The same quote or question twice shows up twice in quizzes "
         "and skews statistics.", check_duplicates),
    Rule("self-contradiction", Level.ERROR, "A true/false statement that names its subject as "
         "something else contradicts itself.", check_self_contradiction),
    Rule("second-defensible-answer", Level.ERROR, "A wrong option that another fact of the bank "
         "makes right punishes the learner who knows more.", check_second_answer),
    Rule("span-as-single-year", Level.ERROR, "An event that lasted did not take place in one "
         "year: ask when it began or ended.", check_span_as_year),
    Rule("template-grammar", Level.ERROR, "Templates say an event 'took place'; a name that "
         "is a thing rather than an event reads wrongly.", check_template_grammar),
)  # fmt: skip


def lint_bank(bank: Bank, questions: Sequence[Question]) -> list[Finding]:
    """Every finding of every rule, rule by rule."""
    lint = Lint(bank, questions)
    return [finding for rule in RULES for finding in rule.findings(lint)]


# --- accepted warnings and where items are -------------------------------------------------------


@dataclass(frozen=True)
class Accepted:
    """A warning kept on purpose, with the reason."""

    rule: str
    item_id: str
    reason: str


def read_accepted(data: Mapping[str, object]) -> tuple[list[Accepted], list[str]]:
    """The accepted warnings of a parsed `lint-accepted.toml`, and what is wrong in it."""
    accepted: list[Accepted] = []
    problems: list[str] = []
    rules = {rule.id: rule for rule in RULES}
    entries = data.get("accepted", [])
    if not isinstance(entries, list):
        return [], ["'accepted' must be an array of tables"]
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(f"accepted entry {index} is not a table")
            continue
        rule, item, reason = entry.get("rule"), entry.get("item"), entry.get("reason")
        if rule not in rules:
            problems.append(f"accepted entry {index}: unknown rule {rule!r}")
        elif rules[rule].level is not Level.WARNING:
            problems.append(f"accepted entry {index}: {rule!r} is an error and cannot be accepted")
        elif not isinstance(item, str) or not isinstance(reason, str) or not reason.strip():
            problems.append(f"accepted entry {index}: needs an item and a reason")
        else:
            accepted.append(Accepted(rule, item, reason.strip()))
    return accepted, problems


def unaccepted(findings: Iterable[Finding], accepted: Iterable[Accepted]) -> list[Finding]:
    """The findings not accepted (errors are never accepted)."""
    keys = {(entry.rule, entry.item_id) for entry in accepted}
    return [
        finding
        for finding in findings
        if finding.level is Level.ERROR or (finding.rule, finding.item_id) not in keys
    ]


def item_lines(files: Mapping[str, str]) -> dict[str, tuple[str, int]]:
    """Where each item's `id = "..."` line is: file name and 1-based line."""
    found: dict[str, tuple[str, int]] = {}
    for name in sorted(files):
        for number, line in enumerate(files[name].splitlines(), start=1):
            match = re.match(r'\s*id\s*=\s*"([^"]+)"', line)
            if match:
                found.setdefault(match.group(1), (name, number))
    return found
