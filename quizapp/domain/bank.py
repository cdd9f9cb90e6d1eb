"""The question bank: sourced facts and hand-written questions, parsed and checked from TOML text.

`parse_bank` takes the text of each bank file (the caller reads the files) and returns the valid
items as a `Bank` together with every `Problem` found, each pointing at a file, an item id and a
line, so a content writer can fix all of them in one pass. The format is described field by field
in `question_bank/README.md`.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import hashlib
import json
import math
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlsplit

from .dates import MONTH_NAMES as MONTH_NAMES  # re-exported: the generator names months
from .dates import PartialDate, Period

SEED = "seed"
"""The `source` value, and the `Source.title`, of items taken from the seed article."""

SEED_DISPLAY = "Seed article (The Washington Post, September 2023)"

GENERATED_ID_PREFIX = "gen."
"""Ids starting with this belong to generated questions; hand-written ones may not use it."""

MAX_EVIDENCE_WORDS = 25

_ID_PATTERN = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
_TAG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TOML_ERROR_LOCATION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
_TOML_ERROR_AT_END = re.compile(r"\s*\(at end of document\)")


class Topic(StrEnum):
    """The three parts of the course a fact or question belongs to."""

    HISTORY = "history"
    ACTORS = "actors"
    FIGURES = "figures"


class FactKind(StrEnum):
    """What a fact is about; each kind has its own fields."""

    EVENT = "event"
    FIGURE = "figure"
    ACTOR = "actor"
    PLACE = "place"
    NUMBER = "number"
    QUOTE = "quote"


class AuthoredKind(StrEnum):
    """The kinds of hand-written question."""

    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    TRUE_FALSE = "true_false"
    NUMERIC = "numeric"
    SHORT_TEXT = "short_text"
    ORDERING = "ordering"
    MATCHING = "matching"


@dataclass(frozen=True)
class Source:
    """Where an item comes from: the seed article (title "seed", no url) or a public reference."""

    title: str
    url: str | None = None

    @property
    def is_seed(self) -> bool:
        """Whether this is the seed article."""
        return self.title == SEED and self.url is None

    @property
    def display(self) -> str:
        """The source as shown to a learner."""
        return SEED_DISPLAY if self.is_seed else self.title

    def as_dict(self) -> dict[str, str | None]:
        """The source as a JSON-able dict."""
        return {"title": self.title, "url": self.url}


SEED_SOURCE = Source(SEED)


def _jsonable(value: Any) -> Any:
    """Turn a domain value into plain JSON types: enums to values, tuples to lists."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Source):
        return value.as_dict()
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in value.items()}
    return value


def canonical_json(content: Any) -> str:
    """The one JSON text of a JSON-able value that content hashes are computed from."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_hash(content: Any) -> str:
    """The sha256 hex digest of the canonical JSON of a JSON-able value."""
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


@dataclass(frozen=True, kw_only=True)
class _BankItem:
    """Fields that every fact and every hand-written question carries."""

    kind: ClassVar[FactKind | AuthoredKind]
    id: str
    topic: Topic
    tags: tuple[str, ...]
    source: Source
    evidence: str
    explanation: str

    def as_dict(self) -> dict[str, Any]:
        """The item's full content as a JSON-able dict (its kind included)."""
        content: dict[str, Any] = {"kind": self.kind.value}
        for item_field in dataclasses.fields(self):
            content[item_field.name] = _jsonable(getattr(self, item_field.name))
        return content

    @property
    def content_hash(self) -> str:
        """A stable sha256 of the item's content: it changes exactly when the content does."""
        return content_hash(self.as_dict())


@dataclass(frozen=True, kw_only=True)
class Fact(_BankItem):
    """A sourced fact; the subclasses add the fields of each kind."""

    kind: ClassVar[FactKind]


@dataclass(frozen=True, kw_only=True)
class EventFact(Fact):
    """Something that happened on a date."""

    kind: ClassVar[FactKind] = FactKind.EVENT
    name: str
    date: PartialDate
    statement: str
    end: PartialDate | None = None
    """When an event that lasted (a blockade, a mission, a war) ended; `date` is its start."""
    also_dated: tuple[PartialDate, ...] = ()
    """Other dates serious sources give for the same event: never offered as wrong answers."""

    @property
    def lasts(self) -> bool:
        """Whether the event is a span with an end, asked by when it began, never as one year."""
        return self.end is not None


@dataclass(frozen=True, kw_only=True)
class FigureFact(Fact):
    """A person and the office or role the questions ask about."""

    kind: ClassVar[FactKind] = FactKind.FIGURE
    name: str
    role: str
    period: str
    affiliation: str
    category: str
    statement: str
    also: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()
    """Other spellings and transliterations in common use (accepted in typed answers)."""

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by its other spellings."""
        return (self.name, *self.other_names)


@dataclass(frozen=True, kw_only=True)
class ActorFact(Fact):
    """A state, authority, force, movement or organisation."""

    kind: ClassVar[FactKind] = FactKind.ACTOR
    name: str
    category: str
    description: str
    statement: str


@dataclass(frozen=True, kw_only=True)
class PlaceFact(Fact):
    """A city, town, district, road or region, with every name it goes by."""

    kind: ClassVar[FactKind] = FactKind.PLACE
    name: str
    category: str
    description: str
    statement: str
    other_names: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The main name followed by the other names."""
        return (self.name, *self.other_names)

    @property
    def display_name(self) -> str:
        """Every name of the place, e.g. "Stepanakert (Khankendi)"."""
        if not self.other_names:
            return self.name
        return f"{self.name} ({' / '.join(self.other_names)})"


@dataclass(frozen=True, kw_only=True)
class NumberFact(Fact):
    """A figure given by a named source at a named date, asked with its own question."""

    kind: ClassVar[FactKind] = FactKind.NUMBER
    question: str
    value: int | float
    tolerance: int | float
    unit: str
    statement: str


@dataclass(frozen=True, kw_only=True)
class QuoteFact(Fact):
    """Words with their speaker, date and context."""

    kind: ClassVar[FactKind] = FactKind.QUOTE
    text: str
    speaker: str
    speaker_role: str
    date: PartialDate
    context: str


@dataclass(frozen=True, kw_only=True)
class AuthoredQuestion(_BankItem):
    """A hand-written question; the subclasses add the fields of each kind."""

    kind: ClassVar[AuthoredKind]
    prompt: str


@dataclass(frozen=True, kw_only=True)
class AuthoredSingleChoice(AuthoredQuestion):
    """One correct answer among the choices."""

    kind: ClassVar[AuthoredKind] = AuthoredKind.SINGLE_CHOICE
    choices: tuple[str, ...]
    answer: str


@dataclass(frozen=True, kw_only=True)
class AuthoredMultipleChoice(AuthoredQuestion):
    """Several correct answers among the choices."""

    kind: ClassVar[AuthoredKind] = AuthoredKind.MULTIPLE_CHOICE
    choices: tuple[str, ...]
    answers: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class AuthoredTrueFalse(AuthoredQuestion):
    """A statement that is true or false."""

    kind: ClassVar[AuthoredKind] = AuthoredKind.TRUE_FALSE
    correct: bool


@dataclass(frozen=True, kw_only=True)
class AuthoredNumeric(AuthoredQuestion):
    """A number, counted right within an absolute tolerance."""

    kind: ClassVar[AuthoredKind] = AuthoredKind.NUMERIC
    value: int | float
    tolerance: int | float
    unit: str | None = None


@dataclass(frozen=True, kw_only=True)
class AuthoredShortText(AuthoredQuestion):
    """A typed answer, with the other spellings that are accepted."""

    kind: ClassVar[AuthoredKind] = AuthoredKind.SHORT_TEXT
    answer: str
    accept: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class AuthoredOrdering(AuthoredQuestion):
    """Items to put in order; `items` holds the correct order, earliest first."""

    kind: ClassVar[AuthoredKind] = AuthoredKind.ORDERING
    items: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class AuthoredMatching(AuthoredQuestion):
    """Left sides to match with right sides; `pairs` holds the correct pairs."""

    kind: ClassVar[AuthoredKind] = AuthoredKind.MATCHING
    pairs: tuple[tuple[str, str], ...]


BankItem = Fact | AuthoredQuestion
_FactT = TypeVar("_FactT", bound=Fact)


@dataclass(frozen=True)
class Bank:
    """The valid facts and hand-written questions, in file order, with lookup by id."""

    facts: tuple[Fact, ...] = ()
    questions: tuple[AuthoredQuestion, ...] = ()
    _by_id: Mapping[str, BankItem] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, BankItem] = {}
        for item in (*self.facts, *self.questions):
            if item.id in by_id:
                raise ValueError(f"duplicate id {item.id!r} in the bank")
            by_id[item.id] = item
        # The bank is frozen; the index is derived state built once here.
        object.__setattr__(self, "_by_id", by_id)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._by_id

    def item(self, item_id: str) -> BankItem:
        """The fact or question with this id; KeyError if there is none."""
        return self._by_id[item_id]

    def fact(self, item_id: str) -> Fact:
        """The fact with this id; KeyError if there is none."""
        item = self._by_id[item_id]
        if not isinstance(item, Fact):
            raise KeyError(item_id)
        return item

    def question(self, item_id: str) -> AuthoredQuestion:
        """The hand-written question with this id; KeyError if there is none."""
        item = self._by_id[item_id]
        if not isinstance(item, AuthoredQuestion):
            raise KeyError(item_id)
        return item

    def _facts_of(self, fact_type: type[_FactT]) -> tuple[_FactT, ...]:
        return tuple(fact for fact in self.facts if isinstance(fact, fact_type))

    @property
    def events(self) -> tuple[EventFact, ...]:
        """The event facts, in bank order."""
        return self._facts_of(EventFact)

    @property
    def figures(self) -> tuple[FigureFact, ...]:
        """The figure facts, in bank order."""
        return self._facts_of(FigureFact)

    @property
    def actors(self) -> tuple[ActorFact, ...]:
        """The actor facts, in bank order."""
        return self._facts_of(ActorFact)

    @property
    def places(self) -> tuple[PlaceFact, ...]:
        """The place facts, in bank order."""
        return self._facts_of(PlaceFact)

    @property
    def numbers(self) -> tuple[NumberFact, ...]:
        """The number facts, in bank order."""
        return self._facts_of(NumberFact)

    @property
    def quotes(self) -> tuple[QuoteFact, ...]:
        """The quote facts, in bank order."""
        return self._facts_of(QuoteFact)


@dataclass(frozen=True)
class Problem:
    """Something wrong in a bank file, located as precisely as the text allows."""

    file: str
    item_id: str | None
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.item_id is None:
            return f"{where}: {self.reason}"
        return f"{where}: {self.item_id}: {self.reason}"


@dataclass(frozen=True)
class BankLoad:
    """The result of parsing a bank: its valid items, and every problem found."""

    bank: Bank
    problems: tuple[Problem, ...]
    periods: tuple[Period, ...] = ()
    """The bank's periods, in order (see `periods.parse_periods`)."""

    @property
    def ok(self) -> bool:
        """Whether the bank parsed without a single problem."""
        return not self.problems


# --- parsing -------------------------------------------------------------------------------------


def parse_bank(files: Mapping[str, str]) -> BankLoad:
    """Parse bank files (file name -> TOML text) into the valid items and the problems found.

    Files are read in order of name, so "the first occurrence" of a duplicate id does not depend
    on the order of the mapping. An item with any problem is left out of the bank.
    """
    parser = _BankParser()
    for file_name in sorted(files):
        parser.parse_file(file_name, files[file_name])
    problems = sorted(
        parser.problems,
        key=lambda problem: (problem.file, problem.line if problem.line is not None else 0),
    )
    return BankLoad(Bank(tuple(parser.facts), tuple(parser.questions)), tuple(problems))


def fact_from_content(content: Mapping[str, Any]) -> Fact:
    """The fact a stored content dict (`Fact.as_dict`) describes; ValueError if it is not one."""
    # `as_dict` writes an absent optional field (an event's `end`) as None; TOML has no null.
    reader = _ItemReader({key: value for key, value in content.items() if value is not None})
    reader.check_id("fact")
    fact = reader.read_fact()
    if fact is None or reader.reasons:
        raise ValueError(f"not a valid fact: {'; '.join(reader.reasons)}")
    return fact


@dataclass
class _ItemLocation:
    """Where one `[[fact]]` or `[[question]]` table sits in its file (1-based lines)."""

    header_line: int
    id_line: int | None = None


def _locate_items(text: str) -> dict[str, list[_ItemLocation]]:
    """Find each array-of-tables header and the line of its `id =` key, in file order.

    tomllib does not report positions, so the text is scanned; the n-th `[[fact]]` header here
    is the n-th fact tomllib returns.
    """
    locations: dict[str, list[_ItemLocation]] = {}
    current: _ItemLocation | None = None
    open_string: str | None = None  # the delimiter of a multi-line string still open
    for number, line in enumerate(text.splitlines(), start=1):
        if open_string is not None:
            if line.count(open_string) % 2 == 1:
                open_string = None
            continue
        header = re.match(r"\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]", line)
        if header:
            current = _ItemLocation(number)
            locations.setdefault(header.group(1), []).append(current)
            continue
        if current is not None and current.id_line is None and re.match(r"\s*id\s*=", line):
            current.id_line = number
        for delimiter in ('"""', "'''"):
            if line.count(delimiter) % 2 == 1:
                open_string = delimiter
                break
    return locations


def _line_of_key(text: str, key: str) -> int | None:
    """The first line defining a top-level key or table named `key`, if any."""
    pattern = re.compile(rf"\s*(\[\[?\s*{re.escape(key)}\b|{re.escape(key)}\s*=)")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def _syntax_problem(file_name: str, text: str, error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error)
    location = _TOML_ERROR_LOCATION.search(message)
    if location:
        line: int | None = int(location.group(1))
        message = _TOML_ERROR_LOCATION.sub("", message)
    elif _TOML_ERROR_AT_END.search(message):
        line = max(1, len(text.splitlines()))
        message = _TOML_ERROR_AT_END.sub("", message)
    else:
        line = None
    return Problem(file_name, None, line, f"TOML syntax error: {message}")


class _BankParser:
    """Accumulates valid items and problems over the files of one bank."""

    def __init__(self) -> None:
        self.facts: list[Fact] = []
        self.questions: list[AuthoredQuestion] = []
        self.problems: list[Problem] = []
        self._first_seen: dict[str, tuple[str, int | None]] = {}

    def parse_file(self, file_name: str, text: str) -> None:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            self.problems.append(_syntax_problem(file_name, text, error))
            return
        locations = _locate_items(text)
        for key in data:
            # Periods are read and checked against the events by `periods.parse_periods`.
            if key not in ("fact", "question", "period"):
                self.problems.append(
                    Problem(
                        file_name,
                        None,
                        _line_of_key(text, key),
                        f"unknown table {key!r}: a bank file holds only [[fact]], [[question]] "
                        "and [[period]]",
                    )
                )
        for table in ("fact", "question"):
            raw_items = data.get(table, [])
            if not isinstance(raw_items, list):
                self.problems.append(
                    Problem(
                        file_name,
                        None,
                        _line_of_key(text, table),
                        f"{table!r} must be an array of tables, written [[{table}]]",
                    )
                )
                continue
            table_locations = locations.get(table, [])
            for index, raw in enumerate(raw_items):
                location = table_locations[index] if index < len(table_locations) else None
                self._parse_item(file_name, text, table, raw, location)

    def _parse_item(
        self,
        file_name: str,
        text: str,
        table: str,
        raw: object,
        location: _ItemLocation | None,
    ) -> None:
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        item_id = raw_id if isinstance(raw_id, str) else None
        line = _item_line(text, item_id, location)

        def report(reason: str) -> None:
            self.problems.append(Problem(file_name, item_id, line, reason))

        if not isinstance(raw, dict):
            report(f"each {table} must be a table, written [[{table}]]")
            return
        reader = _ItemReader(raw)
        reader.check_id(table)
        if item_id is not None and _ID_PATTERN.fullmatch(item_id):
            first = self._first_seen.get(item_id)
            if first is None:
                self._first_seen[item_id] = (file_name, line)
            else:
                first_file, first_line = first
                where = first_file if first_line is None else f"{first_file}:{first_line}"
                reader.reasons.append(f"duplicate id: first defined in {where}")
        item = reader.read_fact() if table == "fact" else reader.read_question()
        for reason in reader.reasons:
            report(reason)
        if item is None or reader.reasons:
            return
        if isinstance(item, Fact):
            self.facts.append(item)
        else:
            self.questions.append(item)


def _item_line(text: str, item_id: str | None, location: _ItemLocation | None) -> int | None:
    if location is not None:
        return location.id_line if location.id_line is not None else location.header_line
    if item_id is not None:
        # The scan and tomllib disagree (e.g. an inline array of tables): search for the id.
        pattern = re.compile(rf"""\s*id\s*=\s*["']{re.escape(item_id)}["']""")
        for number, line in enumerate(text.splitlines(), start=1):
            if pattern.match(line):
                return number
    return None


_MISSING = object()


def _normalised(text: str) -> str:
    """Text compared as a reader would: case, surrounding and repeated whitespace ignored."""
    return " ".join(text.split()).casefold()


def _repeated(values: Iterable[str]) -> list[str]:
    """The values that occur more than once, compared as a reader would, in first order."""
    seen: set[str] = set()
    repeated: list[str] = []
    for value in values:
        key = _normalised(value)
        if key in seen and value not in repeated:
            repeated.append(value)
        seen.add(key)
    return repeated


class _ItemReader:
    """Reads the typed fields of one raw TOML table, collecting what is wrong instead of raising.

    Every field name a reader asks for counts as known, so whatever else the table holds is an
    unknown field (a typo, usually).
    """

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw
        self.reasons: list[str] = []
        self._known: set[str] = set()

    # -- the item as a whole

    def check_id(self, table: str) -> None:
        self._known.add("id")
        value = self.raw.get("id", _MISSING)
        if value is _MISSING:
            self.reasons.append(self._missing("id"))
        elif not isinstance(value, str):
            self.reasons.append("field 'id' must be a string")
        elif not _ID_PATTERN.fullmatch(value):
            self.reasons.append(
                f"bad id {value!r}: use lowercase letters and digits separated by '.' or '-'"
            )
        elif table == "question" and value.startswith(GENERATED_ID_PREFIX):
            self.reasons.append(
                f"bad id {value!r}: ids starting with {GENERATED_ID_PREFIX!r} "
                "are reserved for generated questions"
            )

    def read_fact(self) -> Fact | None:
        kind = self._kind(FactKind, other=AuthoredKind, other_table="question")
        common = self._common()
        if kind is None:
            return None
        fact_type, read_fields = _FACT_READERS[kind]
        specific = read_fields(self)
        self._check_unknown_fields()
        if self.reasons:
            return None
        return fact_type(**common, **specific)

    def read_question(self) -> AuthoredQuestion | None:
        kind = self._kind(AuthoredKind, other=FactKind, other_table="fact")
        common = self._common()
        prompt = self.text("prompt")
        if kind is None:
            return None
        question_type, read_fields = _QUESTION_READERS[kind]
        specific = read_fields(self)
        self._check_unknown_fields()
        if self.reasons:
            return None
        return question_type(**common, prompt=prompt, **specific)

    def _kind(
        self, kinds: type[FactKind] | type[AuthoredKind], other: type[Enum], other_table: str
    ) -> Any:
        value = self.text("kind")
        if not value:
            return None
        try:
            return kinds(value)
        except ValueError:
            expected = ", ".join(kind.value for kind in kinds)
            is_other = value in {kind.value for kind in other}
            hint = f"; {value!r} is a {other_table} kind" if is_other else ""
            self.reasons.append(f"unknown kind {value!r} (expected one of: {expected}){hint}")
            return None

    def _common(self) -> dict[str, Any]:
        topic_text = self.text("topic")
        topic = Topic.HISTORY
        if topic_text:
            try:
                topic = Topic(topic_text)
            except ValueError:
                expected = ", ".join(topic.value for topic in Topic)
                self.reasons.append(f"unknown topic {topic_text!r} (expected one of: {expected})")
        evidence = self.text("evidence")
        words = len(evidence.split())
        if words > MAX_EVIDENCE_WORDS:
            self.reasons.append(f"evidence has {words} words (at most {MAX_EVIDENCE_WORDS})")
        return {
            "id": self.raw.get("id"),
            "topic": topic,
            "tags": self._tags(),
            "source": self._source(),
            "evidence": evidence,
            "explanation": self.text("explanation"),
        }

    def _tags(self) -> tuple[str, ...]:
        tags = self.texts("tags")
        for tag in tags:
            if not _TAG_PATTERN.fullmatch(tag):
                self.reasons.append(
                    f"bad tag {tag!r}: use lowercase letters and digits separated by '-'"
                )
        return tags

    def _source(self) -> Source:
        value = self._get("source")
        if value is _MISSING:
            return SEED_SOURCE
        if value == SEED:
            return SEED_SOURCE
        if not isinstance(value, dict):
            self.reasons.append(
                'source must be "seed" or a table { title = "...", url = "https://..." }'
            )
            return SEED_SOURCE
        for key in sorted(set(value) - {"title", "url"}):
            self.reasons.append(f"unknown source field {key!r}{_suggestion(key, ('title', 'url'))}")
        title = value.get("title")
        url = value.get("url")
        if not isinstance(title, str) or not title.strip():
            self.reasons.append("source has no title")
            title = ""
        if url is not None and not _is_web_url(url):
            self.reasons.append(f"source url {url!r} is not an http(s) URL")
            url = None
        return Source(title.strip(), url.strip() if isinstance(url, str) else None)

    def _check_unknown_fields(self) -> None:
        for name in self.raw:
            if name not in self._known:
                self.reasons.append(f"unknown field {name!r}{_suggestion(name, self._known)}")

    # -- single fields

    def _missing(self, name: str) -> str:
        if name in ("source", "evidence"):
            return f"missing {name}"
        return f"missing required field {name!r}"

    def _get(self, name: str, *, required: bool = True) -> Any:
        self._known.add(name)
        value = self.raw.get(name, _MISSING)
        if value is _MISSING and required:
            self.reasons.append(self._missing(name))
        return value

    def text(self, name: str) -> str:
        """A required non-empty string, stripped; "" after recording a problem."""
        value = self._get(name)
        if value is _MISSING:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.reasons.append(f"field {name!r} must be a non-empty string")
            return ""
        return value.strip()

    def optional_text(self, name: str) -> str | None:
        """An optional non-empty string, stripped."""
        if self._get(name, required=False) is _MISSING:
            return None
        return self.text(name) or None

    def texts(self, name: str, *, required: bool = True) -> tuple[str, ...]:
        """A list of non-empty strings, stripped."""
        value = self._get(name, required=required)
        if value is _MISSING:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            self.reasons.append(f"field {name!r} must be a list of non-empty strings")
            return ()
        return tuple(item.strip() for item in value)

    def number(self, name: str, *, required: bool = True) -> int | float | None:
        """A finite number (TOML integer or float, not a boolean)."""
        value = self._get(name, required=required)
        if value is _MISSING:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.reasons.append(f"field {name!r} must be a finite number")
            return None
        return value

    def tolerance(self) -> int | float:
        """A tolerance: a number that is not negative."""
        value = self.number("tolerance")
        if value is not None and value < 0:
            self.reasons.append(f"tolerance must not be negative (got {value})")
        return value if value is not None else 0

    def boolean(self, name: str) -> bool:
        value = self._get(name)
        if value is _MISSING:
            return False
        if not isinstance(value, bool):
            self.reasons.append(f"field {name!r} must be true or false")
            return False
        return value

    def date(self, name: str) -> PartialDate:
        """A date written "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a TOML date is accepted too)."""
        value = self._get(name)
        if value is _MISSING:
            return PartialDate(1)
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return PartialDate(value.year, value.month, value.day)
        return _parse_date_text(value, name, self.reasons)

    def optional_date(self, name: str) -> PartialDate | None:
        """An optional date, written as `date` is."""
        if name not in self.raw:
            self._known.add(name)
            return None
        return self.date(name)

    def dates(self, name: str) -> list[PartialDate]:
        """An optional list of dates, each written as `date` is."""
        texts = self.texts(name, required=False)
        return [_parse_date_text(text, name, self.reasons) for text in texts]

    def choices(self, name: str = "choices") -> tuple[str, ...]:
        """A list of at least two different choices."""
        choices = self.texts(name)
        if name in self.raw and len(choices) < 2 and not self.failed(name):
            self.reasons.append(f"{name!r} needs at least 2 entries")
        for repeated in _repeated(choices):
            self.reasons.append(f"{name!r} repeats {repeated!r}")
        return choices

    def pairs(self, name: str) -> tuple[tuple[str, str], ...]:
        """A list of [left, right] string pairs."""
        value = self._get(name)
        if value is _MISSING:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(side, str) and side.strip() for side in pair)
            for pair in value
        ):
            self.reasons.append(f"field {name!r} must be a list of [left, right] string pairs")
            return ()
        return tuple((left.strip(), right.strip()) for left, right in value)

    def failed(self, name: str) -> bool:
        """Whether a problem naming this field was already recorded."""
        return any(f"{name!r}" in reason for reason in self.reasons)


def _parse_date_text(value: object, name: str, reasons: list[str]) -> PartialDate:
    """A date written "YYYY", "YYYY-MM" or "YYYY-MM-DD"; a placeholder after noting a problem."""
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return PartialDate.parse(value.strip())
    except ValueError:
        reasons.append(
            f"bad date {value!r} in {name!r}: write YYYY, YYYY-MM or YYYY-MM-DD, a real date"
        )
        return PartialDate(1)


def _is_web_url(url: object) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _suggestion(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _surname(name: str) -> str | None:
    parts = re.findall(r"[^\W\d_]+", name)
    return parts[-1] if parts else None


# --- the fields of each kind ---------------------------------------------------------------------


def _event_fields(reader: _ItemReader) -> dict[str, Any]:
    date = reader.date("date")
    end = reader.optional_date("end")
    if end is not None and end.sort_key <= date.sort_key:
        reader.reasons.append(f"end {end} is not after the date {date}")
    return {
        "name": reader.text("name"),
        "date": date,
        "end": end,
        "also_dated": tuple(reader.dates("also_dated")),
        "statement": reader.text("statement"),
    }


def _figure_fields(reader: _ItemReader) -> dict[str, Any]:
    name = reader.text("name")
    other_names = reader.texts("other_names", required=False)
    for repeated in _repeated((name, *other_names)):
        reader.reasons.append(f"the figure's names repeat {repeated!r}")
    return {
        "name": name,
        "other_names": other_names,
        "role": reader.text("role"),
        "period": reader.text("period"),
        "affiliation": reader.text("affiliation"),
        "category": reader.text("category"),
        "statement": reader.text("statement"),
        "also": reader.texts("also", required=False),
    }


def _actor_fields(reader: _ItemReader) -> dict[str, Any]:
    return {
        "name": reader.text("name"),
        "category": reader.text("category"),
        "description": reader.text("description"),
        "statement": reader.text("statement"),
    }


def _place_fields(reader: _ItemReader) -> dict[str, Any]:
    name = reader.text("name")
    other_names = reader.texts("other_names", required=False)
    for repeated in _repeated((name, *other_names)):
        reader.reasons.append(f"the place's names repeat {repeated!r}")
    return {
        "name": name,
        "other_names": other_names,
        "category": reader.text("category"),
        "description": reader.text("description"),
        "statement": reader.text("statement"),
    }


def _number_fields(reader: _ItemReader) -> dict[str, Any]:
    return {
        "question": reader.text("question"),
        "value": reader.number("value"),
        "tolerance": reader.tolerance(),
        "unit": reader.text("unit"),
        "statement": reader.text("statement"),
    }


def _quote_fields(reader: _ItemReader) -> dict[str, Any]:
    text = reader.text("text")
    speaker = reader.text("speaker")
    surname = _surname(speaker)
    if text and surname and re.search(rf"\b{re.escape(surname)}\b", text, re.IGNORECASE):
        reader.reasons.append(f"quote text contains the speaker's surname {surname!r}")
    return {
        "text": text,
        "speaker": speaker,
        "speaker_role": reader.text("speaker_role"),
        "date": reader.date("date"),
        "context": reader.text("context"),
    }


def _single_choice_fields(reader: _ItemReader) -> dict[str, Any]:
    choices = reader.choices()
    answer = reader.text("answer")
    if answer and choices and answer not in choices:
        reader.reasons.append(f"answer {answer!r} is not among the choices")
    return {"choices": choices, "answer": answer}


def _multiple_choice_fields(reader: _ItemReader) -> dict[str, Any]:
    choices = reader.choices()
    answers = reader.texts("answers")
    if "answers" in reader.raw and not answers and not reader.failed("answers"):
        reader.reasons.append("'answers' needs at least 1 entry")
    strays = [answer for answer in answers if answer not in choices]
    if strays and choices:
        listed = ", ".join(repr(answer) for answer in strays)
        reader.reasons.append(f"answers not among the choices: {listed}")
    for repeated in _repeated(answers):
        reader.reasons.append(f"'answers' repeats {repeated!r}")
    return {"choices": choices, "answers": answers}


def _true_false_fields(reader: _ItemReader) -> dict[str, Any]:
    return {"correct": reader.boolean("correct")}


def _numeric_fields(reader: _ItemReader) -> dict[str, Any]:
    return {
        "value": reader.number("value"),
        "tolerance": reader.tolerance(),
        "unit": reader.optional_text("unit"),
    }


def _short_text_fields(reader: _ItemReader) -> dict[str, Any]:
    return {"answer": reader.text("answer"), "accept": reader.texts("accept", required=False)}


def _ordering_fields(reader: _ItemReader) -> dict[str, Any]:
    items = reader.texts("items")
    if "items" in reader.raw and len(items) < 3 and not reader.failed("items"):
        reader.reasons.append("ordering needs at least 3 items")
    for repeated in _repeated(items):
        reader.reasons.append(f"'items' repeats {repeated!r}")
    return {"items": items}


def _matching_fields(reader: _ItemReader) -> dict[str, Any]:
    pairs = reader.pairs("pairs")
    if "pairs" in reader.raw and len(pairs) < 2 and not reader.failed("pairs"):
        reader.reasons.append("matching needs at least 2 pairs")
    for side, values in (("left", [p[0] for p in pairs]), ("right", [p[1] for p in pairs])):
        for repeated in _repeated(values):
            reader.reasons.append(f"matching repeats the {side} side {repeated!r}")
    return {"pairs": pairs}


_FieldReader = Callable[[_ItemReader], dict[str, Any]]

_FACT_READERS: dict[FactKind, tuple[type[Fact], _FieldReader]] = {
    FactKind.EVENT: (EventFact, _event_fields),
    FactKind.FIGURE: (FigureFact, _figure_fields),
    FactKind.ACTOR: (ActorFact, _actor_fields),
    FactKind.PLACE: (PlaceFact, _place_fields),
    FactKind.NUMBER: (NumberFact, _number_fields),
    FactKind.QUOTE: (QuoteFact, _quote_fields),
}

_QUESTION_READERS: dict[AuthoredKind, tuple[type[AuthoredQuestion], _FieldReader]] = {
    AuthoredKind.SINGLE_CHOICE: (AuthoredSingleChoice, _single_choice_fields),
    AuthoredKind.MULTIPLE_CHOICE: (AuthoredMultipleChoice, _multiple_choice_fields),
    AuthoredKind.TRUE_FALSE: (AuthoredTrueFalse, _true_false_fields),
    AuthoredKind.NUMERIC: (AuthoredNumeric, _numeric_fields),
    AuthoredKind.SHORT_TEXT: (AuthoredShortText, _short_text_fields),
    AuthoredKind.ORDERING: (AuthoredOrdering, _ordering_fields),
    AuthoredKind.MATCHING: (AuthoredMatching, _matching_fields),
}
