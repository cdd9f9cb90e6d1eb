"""What makes a wrong answer of the same kind as the right one.

A distractor teaches only when it is plausible: an office of the same state or body, held in an
overlapping era; a state for a state and a town for a town; a number with the answer's unit,
magnitude and rounding. These rules are shared by the generator and by the bank's quality lint.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

ERA_SLACK = 3
"""Years by which two offices' periods may miss each other and still count as one era."""

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(s?)\b")
_OPEN_ENDED = re.compile(r"\bsince\b", re.IGNORECASE)
"""Only "since" runs to the present: "from April 1992" says when a tenure began, not that it
lasts (an acting chairman of 1992 is no peer of a 2023 president)."""
_OFFICE_QUALIFIERS = re.compile(r"\b(acting|interim)\s+", re.IGNORECASE)


def office_era(period: str, latest_year: int) -> tuple[int, int] | None:
    """The first and last year of a period written as text ("1991-1998", "since 2018", "1990s").

    An open-ended period ("since 2018") runs to `latest_year`; None when no year is given.
    """
    years: list[int] = []
    for year, decade in _YEAR.findall(period):
        years.append(int(year))
        if decade:
            years.append(int(year) + 9)
    if not years:
        return None
    last = latest_year if _OPEN_ENDED.search(period) else max(years)
    return min(years), max(last, max(years))


def eras_overlap(
    first: tuple[int, int] | None, second: tuple[int, int] | None, slack: int = ERA_SLACK
) -> bool:
    """Whether two eras meet, allowing `slack` years between them; unknown eras never do."""
    if first is None or second is None:
        return False
    return first[0] - slack <= second[1] and second[0] - slack <= first[1]


def office_key(role: str) -> str:
    """An office as compared with others: an acting or interim holder holds the same office."""
    return " ".join(_OFFICE_QUALIFIERS.sub("", role).split()).casefold()


def same_office(first: str, second: str) -> bool:
    """Whether two role texts name one office: acting and full holders alike, and a post under
    its longer, later name ("EU Special Representative for the South Caucasus [and ...]")."""
    one, two = sorted((office_key(first), office_key(second)), key=len)
    return two == one or two.startswith(f"{one} ")


# --- kinds of actors and places ------------------------------------------------------------------

_KIND_OF_CATEGORY = {
    "state": "state",
    "de facto authority": "authority",
    "de facto legislature": "authority",
    "soviet autonomous region": "authority",
    "armed force": "force",
    "peacekeeping force": "force",
    "border force": "force",
    "government ministry": "government body",
    "government agency": "government body",
    "government body": "government body",
    "political movement": "political organisation",
    "political party": "political organisation",
    "court": "court",
    "city": "settlement",
    "town": "settlement",
    "village": "settlement",
    "district": "area",
    "region": "area",
    "road": "route",
    "route": "route",
    "bridge": "route",
}
"""Categories close enough to stand in for each other; any other category is an organisation."""


def kind_of(category: str) -> str:
    """The broad kind a category belongs to (a state, a settlement, an organisation, ...)."""
    key = " ".join(category.split()).casefold()
    return _KIND_OF_CATEGORY.get(key, "organisation" if "organisation" in key else key)


def same_kind(first_category: str, second_category: str) -> bool:
    """Whether facts of these categories may stand in for each other as distractors."""
    return kind_of(first_category) == kind_of(second_category)


# --- numbers -------------------------------------------------------------------------------------

PERCENT_UNITS = frozenset({"percent", "per cent", "%"})
_NUMBER_FACTORS = (0.5, 0.6, 0.7, 0.8, 1.25, 1.5, 1.75, 2.0)
_MIN_RELATIVE_GAP = 0.15
_BOUND_FRAME = re.compile(
    r"\b(at least|at most|up to|more than|fewer than|less than|over|under|nearly|almost)\b"
    r"(?=[^?]*\bhow (many|much)\b)|\bhow (many|much)\b[^?]*\b(at least|at most|or more)\b",
    re.IGNORECASE,
)


def bound_frame(question: str) -> str | None:
    """The "at least / up to / more than" words of a question whose wrong options are also true."""
    found = _BOUND_FRAME.search(question)
    if found is None:
        return None
    return next(group for group in found.groups() if group and "how" not in group.casefold())


def is_percent(unit: str | None) -> bool:
    """Whether a unit is a percentage (values from 0 to 100)."""
    return unit is not None and " ".join(unit.split()).casefold() in PERCENT_UNITS


def decimals_of(value: float) -> int:
    """How many decimal places a number is written with (76.9 -> 1, 120000 -> 0)."""
    if isinstance(value, int) or float(value).is_integer():
        return 0
    text = repr(float(value))
    return len(text.split(".")[1]) if "." in text and "e" not in text else 6


def rounding_step(value: float) -> float:
    """The step the answer is rounded to: 10**k for a whole number ending in zeros, 10**-d."""
    places = decimals_of(value)
    if places:
        return 10.0**-places
    whole = abs(int(value))
    if whole == 0:
        return 1
    digits = len(str(whole))
    zeros = len(str(whole)) - len(str(whole).rstrip("0"))
    return 10 ** max(0, min(zeros, digits - 2))


def format_like(value: float, answer: float) -> str:
    """A number written with the answer's decimals and thousands separators."""
    places = decimals_of(answer)
    if places:
        return f"{value:,.{places}f}"
    return f"{round(value):,}"


def plausible_numbers(value: float, unit: str | None, tolerance: float) -> list[float]:
    """Wrong values of the answer's magnitude and rounding, clearly outside its tolerance.

    Percentages stay between 0 and 100. Empty for a zero answer (no magnitude to keep).
    """
    if value == 0:
        return []
    step = rounding_step(value)
    found: list[float] = []
    for factor in _NUMBER_FACTORS:
        candidate = round(value * factor / step) * step
        candidate = round(candidate, decimals_of(value))
        if is_percent(unit) and not 0 < candidate < 100:
            continue
        gap = abs(candidate - value)
        if gap <= tolerance or gap < _MIN_RELATIVE_GAP * abs(value):
            continue
        if candidate not in found:
            found.append(candidate)
    return found


def implausible_number(value: float, answer: float, unit: str | None) -> str | None:
    """Why a number could not stand in for the answer, or None when it could."""
    if is_percent(unit) and not 0 <= value <= 100:
        return f"{value} is not a percentage"
    if answer and value and not 0.3 <= abs(value / answer) <= 3.5:
        return f"{value} is of another magnitude than {answer}"
    if decimals_of(value) != decimals_of(answer):
        return f"{value} is written with other precision than {answer}"
    return None


# --- speakers and offices in text ----------------------------------------------------------------


def acronym(text: str) -> str | None:
    """The initials of a title ("UN High Commissioner for Refugees" -> "UNHCR"), if 3+ letters."""
    letters = []
    for word in re.findall(r"[^\W\d_]+", text):
        if word.isupper():
            letters.append(word)
        elif word[:1].isupper():
            letters.append(word[0])
    initials = "".join(letters)
    return initials if len(initials) >= 3 else None


def office_words(role: str, ignore: Iterable[str] = ()) -> list[str]:
    """The words of an office that would identify its holder: its acronym and its proper nouns."""
    ignored = {word.casefold() for word in ignore}
    words = [
        word
        for word in re.findall(r"[^\W\d_]+", role)
        if word[:1].isupper() and len(word) >= 4 and word.casefold() not in ignored
    ]
    initials = acronym(role)
    return [*words, initials] if initials else words


# --- events --------------------------------------------------------------------------------------

_STOP_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "in",
        "on",
        "at",
        "by",
        "to",
        "for",
        "from",
        "with",
        "into",
        "after",
        "before",
        "its",
        "their",
        "his",
        "her",
        "that",
        "which",
        "between",
        "along",
        "under",
        "over",
    ]
)
NEAR_DUPLICATE_SHARE = 0.7
"""Share of the shorter name's words two event names must have in common to be one event."""


def name_words(name: str) -> set[str]:
    """The words of a name that tell events apart (no articles or prepositions)."""
    words = {word.casefold() for word in re.findall(r"[^\W\d_]+", name)}
    return {word for word in words if word not in _STOP_WORDS and len(word) >= 3}


def near_duplicate(first: str, second: str) -> bool:
    """Whether two event names describe what a learner would take for one event."""
    one, two = name_words(first), name_words(second)
    if not one or not two:
        return False
    return len(one & two) / min(len(one), len(two)) >= NEAR_DUPLICATE_SHARE


def near_duplicate_events(event, events: Iterable) -> list:
    """The other events whose names are near duplicates of this one's."""
    return [
        other for other in events if other.id != event.id and near_duplicate(other.name, event.name)
    ]


NARROW_TAG_EVENTS = 4
"""A tag carried by at most this many events names one episode (e.g. a border crisis)."""


def related_events(event, events: Iterable) -> list:
    """Events a learner could take for this one: near-duplicate names, or one narrow episode.

    A year or month of a related event is a second defensible answer, never a wrong one.
    """
    events = list(events)
    counts: dict[str, int] = {}
    for other in events:
        for tag in other.tags:
            counts[tag] = counts.get(tag, 0) + 1
    narrow = {tag for tag in event.tags if counts.get(tag, 0) <= NARROW_TAG_EVENTS}
    narrow = {tag for tag in narrow if not tag.isdigit()}
    return [
        other
        for other in events
        if other.id != event.id
        and (near_duplicate(other.name, event.name) or narrow & set(other.tags))
    ]


THING_NOUNS = frozenset(
    ["checkpoint", "deadline", "decree", "principles", "protocol", "corridor", "contingent",
     "camp", "road", "route", "mission", "committee", "group", "office", "order"]
)  # fmt: skip
"""Head nouns of things, not happenings: "did the checkpoint take place" is not English."""

POINT_NOUNS = frozenset(["start", "outbreak", "launch", "beginning", "end", "completion"])
"""Head nouns that make any event a moment, however long what they start or end lasted."""

_PREPOSITIONS = frozenset(
    ["of", "at", "on", "in", "by", "for", "to", "from", "with", "between", "along", "near",
     "under", "after", "into", "against", "(known", "as", "that", "which", "who"]
)  # fmt: skip


def head_noun(name: str) -> str:
    """The word a noun phrase is about: "the Azerbaijani checkpoint at ..." -> "checkpoint"."""
    words = [word for word in name.casefold().split() if word not in ("the", "a", "an")]
    head = ""
    for index, word in enumerate(words):
        if word in _PREPOSITIONS or (index and word.endswith("ing") and head):
            break
        head = re.sub(r"[^\w\-]", "", word)
    return head
