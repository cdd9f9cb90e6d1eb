"""Parsing the question bank: each mistake a writer can make is reported where they can find it."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from quizapp.domain.bank import (
    SEED_SOURCE,
    AuthoredMatching,
    AuthoredSingleChoice,
    Bank,
    EventFact,
    FigureFact,
    NumberFact,
    PartialDate,
    PlaceFact,
    Problem,
    QuoteFact,
    Source,
    Topic,
    parse_bank,
)

BANK_DATA = Path(__file__).resolve().parents[1] / "data" / "bank"

# --- writing TOML for the tests ------------------------------------------------------------------


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # A JSON string is a valid TOML basic string.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items()) + " }"
    raise TypeError(value)


def toml_table(table: str, item: dict[str, Any]) -> str:
    lines = [f"[[{table}]]", *(f"{key} = {toml_value(value)}" for key, value in item.items())]
    return "\n".join(lines) + "\n"


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line number of the n-th line equal to `needle`."""
    numbers = [n for n, line in enumerate(text.splitlines(), start=1) if line == needle]
    return numbers[occurrence - 1]


COMMON = {
    "topic": "history",
    "tags": ["test"],
    "source": "seed",
    "evidence": "A cease fire was declared in 1994",
    "explanation": "Why the answer is right, and one piece of context.",
}

FACTS: dict[str, dict[str, Any]] = {
    "event": {
        "kind": "event",
        "id": "event.sample",
        **COMMON,
        "name": "the ceasefire of the First Nagorno-Karabakh War",
        "date": "1994-05-12",
        "statement": "The ceasefire took effect on 12 May 1994.",
    },
    "figure": {
        "kind": "figure",
        "id": "figure.sample",
        **COMMON,
        "topic": "figures",
        "name": "Nikol Pashinyan",
        "role": "Prime Minister of Armenia",
        "period": "since 2018",
        "affiliation": "Armenia",
        "category": "head of government",
        "statement": "Nikol Pashinyan has been Prime Minister of Armenia since 2018.",
    },
    "actor": {
        "kind": "actor",
        "id": "actor.sample",
        **COMMON,
        "topic": "actors",
        "name": "International Committee of the Red Cross",
        "category": "humanitarian organisation",
        "description": "the humanitarian organisation that helped evacuate wounded patients",
        "statement": "The ICRC helped evacuate 23 wounded patients in September 2023.",
    },
    "place": {
        "kind": "place",
        "id": "place.sample",
        **COMMON,
        "name": "Stepanakert",
        "other_names": ["Khankendi"],
        "category": "city",
        "description": "the main city of Nagorno-Karabakh",
        "statement": "Stepanakert (Khankendi) is the main city of Nagorno-Karabakh.",
    },
    "number": {
        "kind": "number",
        "id": "number.sample",
        **COMMON,
        "question": "About how many ethnic Armenians lived there in September 2023, per the Post?",
        "value": 120000,
        "tolerance": 10000,
        "unit": "people",
        "statement": "About 120,000 ethnic Armenians lived there in September 2023.",
    },
    "quote": {
        "kind": "quote",
        "id": "quote.sample",
        **COMMON,
        "text": "Our people do not want to live as part of Azerbaijan.",
        "speaker": "David Babayan",
        "speaker_role": "adviser to the region's de facto president",
        "date": "2023-09-24",
        "context": "to Reuters",
    },
}

QUESTIONS: dict[str, dict[str, Any]] = {
    "single_choice": {
        "kind": "single_choice",
        "id": "q.single",
        **COMMON,
        "prompt": "Which is the main city of Nagorno-Karabakh?",
        "choices": ["Stepanakert", "Goris", "Ganja"],
        "answer": "Stepanakert",
    },
    "multiple_choice": {
        "kind": "multiple_choice",
        "id": "q.multiple",
        **COMMON,
        "prompt": "Which strikes did the operation include?",
        "choices": ["Drone strikes", "Artillery strikes", "Naval bombardment"],
        "answers": ["Drone strikes", "Artillery strikes"],
    },
    "true_false": {
        "kind": "true_false",
        "id": "q.true-false",
        **COMMON,
        "prompt": "True or false: a ceasefire was declared in 1994.",
        "correct": True,
    },
    "numeric": {
        "kind": "numeric",
        "id": "q.numeric",
        **COMMON,
        "prompt": "How many wounded patients did the ICRC help evacuate?",
        "value": 23,
        "tolerance": 0,
    },
    "short_text": {
        "kind": "short_text",
        "id": "q.short-text",
        **COMMON,
        "prompt": "Name the main city of Nagorno-Karabakh.",
        "answer": "Stepanakert",
        "accept": ["Khankendi"],
    },
    "ordering": {
        "kind": "ordering",
        "id": "q.ordering",
        **COMMON,
        "prompt": "Earliest first.",
        "items": ["First", "Second", "Third"],
    },
    "matching": {
        "kind": "matching",
        "id": "q.matching",
        **COMMON,
        "prompt": "Match each person to their office.",
        "pairs": [
            ["Ilham Aliyev", "President of Azerbaijan"],
            ["Nikol Pashinyan", "Prime Minister"],
        ],
    },
}

# A valid item placed before the item under test, so its line is not the first one.
NEIGHBOUR = {**FACTS["figure"], "id": "figure.neighbour", "name": "Ilham Aliyev"}
NEIGHBOUR["role"] = "President of Azerbaijan"


def mini_file(table: str, item: dict[str, Any]) -> str:
    return "# a mini bank\n\n" + toml_table("fact", NEIGHBOUR) + "\n" + toml_table(table, item)


def changed(item: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**item, **changes}


def without(item: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: value for key, value in item.items() if key not in keys}


# --- valid items ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(FACTS))
def test_every_fact_kind_parses_when_valid(kind: str):
    load = parse_bank({"facts.toml": mini_file("fact", FACTS[kind])})
    assert load.problems == ()
    assert load.ok
    assert [fact.id for fact in load.bank.facts] == ["figure.neighbour", f"{kind}.sample"]
    assert load.bank.fact(f"{kind}.sample").kind.value == kind


@pytest.mark.parametrize("kind", sorted(QUESTIONS))
def test_every_question_kind_parses_when_valid(kind: str):
    item = QUESTIONS[kind]
    load = parse_bank({"questions.toml": mini_file("question", item)})
    assert load.problems == ()
    assert load.bank.question(item["id"]).kind.value == kind


def test_fields_are_typed_and_stripped():
    text = mini_file("fact", changed(FACTS["figure"], name="  Nikol Pashinyan ", also=["MP"]))
    figure = parse_bank({"f.toml": text}).bank.fact("figure.sample")
    assert isinstance(figure, FigureFact)
    assert figure.name == "Nikol Pashinyan"
    assert figure.also == ("MP",)
    assert figure.topic is Topic.FIGURES
    assert figure.source == SEED_SOURCE
    assert figure.tags == ("test",)


def test_a_toml_date_literal_is_accepted_as_a_day():
    text = mini_file("fact", FACTS["event"]).replace('date = "1994-05-12"', "date = 1994-05-12")
    event = parse_bank({"f.toml": text}).bank.fact("event.sample")
    assert isinstance(event, EventFact)
    assert event.date == PartialDate(1994, 5, 12)


def test_a_public_reference_keeps_its_title_and_url():
    source = {"title": "Britannica: Nagorno-Karabakh", "url": "https://www.britannica.com/x"}
    text = mini_file("fact", changed(FACTS["place"], source=source))
    place = parse_bank({"f.toml": text}).bank.fact("place.sample")
    assert place.source == Source("Britannica: Nagorno-Karabakh", "https://www.britannica.com/x")
    assert place.source.display == "Britannica: Nagorno-Karabakh"
    assert not place.source.is_seed
    assert SEED_SOURCE.is_seed
    assert "Washington Post" in SEED_SOURCE.display


# --- one problem per mistake ---------------------------------------------------------------------


@dataclass(frozen=True)
class Mistake:
    table: str
    item: dict[str, Any]
    reason: str


def fact(kind: str, change: Callable[[dict[str, Any]], dict[str, Any]], reason: str) -> Mistake:
    return Mistake("fact", change(FACTS[kind]), reason)


def question(kind: str, change: Callable[[dict[str, Any]], dict[str, Any]], reason: str) -> Mistake:
    return Mistake("question", change(QUESTIONS[kind]), reason)


LONG_EVIDENCE = " ".join(["word"] * 26)

MISTAKES = {
    "bad id format": fact(
        "figure", lambda i: changed(i, id="Figure.Bad_Id"), "bad id 'Figure.Bad_Id'"
    ),
    "id with an empty segment": fact("event", lambda i: changed(i, id="event..x"), "bad id"),
    "reserved generated id": question(
        "true_false", lambda i: changed(i, id="gen.mine"), "reserved for generated questions"
    ),
    "missing name": fact("figure", lambda i: without(i, "name"), "missing required field 'name'"),
    "missing date": fact("event", lambda i: without(i, "date"), "missing required field 'date'"),
    "missing prompt": question(
        "single_choice", lambda i: without(i, "prompt"), "missing required field 'prompt'"
    ),
    "missing tags": fact("actor", lambda i: without(i, "tags"), "missing required field 'tags'"),
    "missing kind": fact("actor", lambda i: without(i, "kind"), "missing required field 'kind'"),
    "empty statement": fact(
        "place", lambda i: changed(i, statement="  "), "'statement' must be a non-empty string"
    ),
    "unknown kind": fact("figure", lambda i: changed(i, kind="person"), "unknown kind 'person'"),
    "question kind in a fact": fact(
        "figure", lambda i: changed(i, kind="single_choice"), "is a question kind"
    ),
    "unknown topic": fact(
        "event", lambda i: changed(i, topic="politics"), "unknown topic 'politics'"
    ),
    "missing source": fact("event", lambda i: without(i, "source"), "missing source"),
    "missing evidence": fact("figure", lambda i: without(i, "evidence"), "missing evidence"),
    "source table without title": fact(
        "event", lambda i: changed(i, source={"url": "https://example.org"}), "source has no title"
    ),
    "source url not http": fact(
        "event",
        lambda i: changed(i, source={"title": "A book", "url": "ftp://example.org/x"}),
        "source url 'ftp://example.org/x' is not an http(s) URL",
    ),
    "source url without host": fact(
        "event", lambda i: changed(i, source={"title": "A", "url": "https:///x"}), "http(s) URL"
    ),
    "source neither seed nor table": fact(
        "event", lambda i: changed(i, source="Wikipedia"), 'source must be "seed"'
    ),
    "unknown source field": fact(
        "event",
        lambda i: changed(i, source={"title": "A", "ulr": "https://example.org"}),
        "unknown source field 'ulr' (did you mean 'url'?)",
    ),
    "evidence too long": fact(
        "number", lambda i: changed(i, evidence=LONG_EVIDENCE), "evidence has 26 words (at most 25)"
    ),
    "answer not among choices": question(
        "single_choice",
        lambda i: changed(i, answer="Baku"),
        "answer 'Baku' is not among the choices",
    ),
    "answers not a subset": question(
        "multiple_choice",
        lambda i: changed(i, answers=["Drone strikes", "Sieges"]),
        "answers not among the choices: 'Sieges'",
    ),
    "no answers": question("multiple_choice", lambda i: changed(i, answers=[]), "at least 1"),
    "one choice only": question(
        "single_choice",
        lambda i: changed(i, choices=["Stepanakert"]),
        "'choices' needs at least 2 entries",
    ),
    "one choice in a multiple choice": question(
        "multiple_choice",
        lambda i: changed(i, choices=["Drone strikes"], answers=["Drone strikes"]),
        "'choices' needs at least 2 entries",
    ),
    "repeated choices": question(
        "single_choice",
        lambda i: changed(i, choices=["Stepanakert", "Goris", " goris "]),
        "'choices' repeats 'goris'",
    ),
    "negative tolerance in a number fact": fact(
        "number", lambda i: changed(i, tolerance=-5), "tolerance must not be negative"
    ),
    "negative tolerance in a question": question(
        "numeric", lambda i: changed(i, tolerance=-0.5), "tolerance must not be negative"
    ),
    "value not a number": fact(
        "number", lambda i: changed(i, value="120000"), "'value' must be a finite number"
    ),
    "value not finite": question(
        "numeric", lambda i: changed(i, value=float("nan")), "'value' must be a finite number"
    ),
    "ordering of two items": question(
        "ordering", lambda i: changed(i, items=["First", "Second"]), "at least 3 items"
    ),
    "ordering with a repeated item": question(
        "ordering", lambda i: changed(i, items=["First", "Second", "first"]), "repeats 'first'"
    ),
    "matching of one pair": question(
        "matching", lambda i: changed(i, pairs=[["A", "B"]]), "matching needs at least 2 pairs"
    ),
    "matching with a repeated left side": question(
        "matching",
        lambda i: changed(i, pairs=[["A", "B"], ["A", "C"]]),
        "matching repeats the left side 'A'",
    ),
    "matching with a repeated right side": question(
        "matching",
        lambda i: changed(i, pairs=[["A", "B"], ["C", "B"]]),
        "matching repeats the right side 'B'",
    ),
    "matching pair of three": question(
        "matching", lambda i: changed(i, pairs=[["A", "B", "C"], ["D", "E"]]), "[left, right]"
    ),
    "quote naming its speaker": fact(
        "quote",
        lambda i: changed(i, text="Babayan's people do not want to stay."),
        "quote text contains the speaker's surname 'Babayan'",
    ),
    "unknown field": fact(
        "figure",
        lambda i: changed(i, statment="typo"),
        "unknown field 'statment' (did you mean 'statement'?)",
    ),
    "unknown field on a question": question(
        "short_text",
        lambda i: changed(i, accepted=["x"]),
        "unknown field 'accepted' (did you mean 'accept'?)",
    ),
    "tags not a list": fact(
        "figure", lambda i: changed(i, tags="leaders"), "'tags' must be a list of non-empty strings"
    ),
    "bad tag": fact("figure", lambda i: changed(i, tags=["First War"]), "bad tag 'First War'"),
    "true_false answer not a boolean": question(
        "true_false", lambda i: changed(i, correct="yes"), "'correct' must be true or false"
    ),
    "place repeating a name": fact(
        "place", lambda i: changed(i, other_names=["stepanakert"]), "names repeat 'stepanakert'"
    ),
}

BAD_DATES = ["2023-13", "2023-02-30", "23-09-19", "September 2023", "2023-9", "2023/09/19", ""]


def assert_single_problem(load: Any, file: str, text: str, item: dict[str, Any], reason: str):
    item_id = item["id"]
    expected_line = line_of(text, f"id = {toml_value(item_id)}")
    assert len(load.problems) == 1, [str(problem) for problem in load.problems]
    problem = load.problems[0]
    assert (problem.file, problem.item_id, problem.line) == (file, item_id, expected_line)
    assert reason in problem.reason
    # The broken item is left out; its valid neighbour is kept.
    assert item_id not in load.bank
    assert "figure.neighbour" in load.bank


@pytest.mark.parametrize("mistake", MISTAKES.values(), ids=MISTAKES.keys())
def test_each_mistake_is_reported_with_file_id_line_and_reason(mistake: Mistake):
    text = mini_file(mistake.table, mistake.item)
    load = parse_bank({"sample.toml": text})
    assert_single_problem(load, "sample.toml", text, mistake.item, mistake.reason)


@pytest.mark.parametrize("date", BAD_DATES)
@pytest.mark.parametrize("kind", ["event", "quote"])
def test_a_bad_date_is_reported(kind: str, date: str):
    item = changed(FACTS[kind], date=date)
    text = mini_file("fact", item)
    load = parse_bank({"dates.toml": text})
    assert_single_problem(load, "dates.toml", text, item, f"bad date {date!r}")


@pytest.mark.parametrize("date", ["1994", "1994-05", "1994-05-12", "2024-02-29"])
def test_a_good_date_of_any_precision_parses(date: str):
    load = parse_bank({"dates.toml": mini_file("fact", changed(FACTS["event"], date=date))})
    assert load.problems == ()
    assert str(load.bank.fact("event.sample").date) == date


def test_evidence_of_exactly_25_words_is_fine():
    evidence = " ".join(["word"] * 25)
    load = parse_bank({"f.toml": mini_file("fact", changed(FACTS["event"], evidence=evidence))})
    assert load.problems == ()


def test_a_quote_may_use_a_word_that_only_contains_the_surname():
    # "Aliyevs" is not the word "Aliyev"; only whole words count.
    item = changed(FACTS["quote"], speaker="Ilham Aliyev", text="The Aliyevski road is open.")
    assert parse_bank({"f.toml": mini_file("fact", item)}).problems == ()


def test_an_item_missing_its_id_is_located_by_its_table_header():
    item = without(FACTS["event"], "id")
    text = mini_file("fact", item)
    problems = parse_bank({"f.toml": text}).problems
    header = line_of(text, "[[fact]]", occurrence=2)
    assert problems == (Problem("f.toml", None, header, "missing required field 'id'"),)


def test_every_problem_of_an_item_is_reported_at_once():
    item = without(changed(FACTS["figure"], topic="people", evidance="x"), "evidence", "role")
    text = mini_file("fact", item)
    reasons = {problem.reason for problem in parse_bank({"f.toml": text}).problems}
    assert reasons == {
        "unknown topic 'people' (expected one of: history, actors, figures)",
        "missing evidence",
        "missing required field 'role'",
        "unknown field 'evidance' (did you mean 'evidence'?)",
    }


# --- whole files ---------------------------------------------------------------------------------


def test_a_toml_syntax_error_is_reported_with_its_line_and_other_files_still_load():
    broken = toml_table("fact", FACTS["event"]) + 'name = "the same key twice"\n'
    load = parse_bank({"broken.toml": broken, "good.toml": toml_table("fact", FACTS["figure"])})
    assert len(load.problems) == 1
    problem = load.problems[0]
    assert (problem.file, problem.item_id, problem.line) == ("broken.toml", None, 12)
    assert problem.reason.startswith("TOML syntax error: ")
    assert "(at line" not in problem.reason
    assert [fact.id for fact in load.bank.facts] == ["figure.sample"]


def test_a_syntax_error_at_the_end_of_a_file_points_at_its_last_line():
    load = parse_bank({"end.toml": '[[fact]]\nid = "x"\ntext = """never closed\n'})
    assert [(p.file, p.line) for p in load.problems] == [("end.toml", 3)]


def test_a_duplicate_id_across_files_is_reported_at_the_second_naming_the_first():
    first = mini_file("fact", FACTS["event"])
    second = "\n\n" + toml_table("fact", changed(FACTS["figure"], id="event.sample"))
    load = parse_bank({"b_second.toml": second, "a_first.toml": first})
    first_line = line_of(first, 'id = "event.sample"')
    assert load.problems == (
        Problem(
            "b_second.toml",
            "event.sample",
            line_of(second, 'id = "event.sample"'),
            f"duplicate id: first defined in a_first.toml:{first_line}",
        ),
    )
    assert isinstance(load.bank.fact("event.sample"), EventFact)


def test_a_duplicate_id_in_one_file_is_reported_at_its_second_occurrence():
    text = toml_table("fact", FACTS["event"]) + "\n" + toml_table("question", QUESTIONS["numeric"])
    text = text.replace('"q.numeric"', '"event.sample"')
    (problem,) = parse_bank({"one.toml": text}).problems
    needle = 'id = "event.sample"'
    assert problem.line == line_of(text, needle, occurrence=2)
    assert problem.reason == f"duplicate id: first defined in one.toml:{line_of(text, needle)}"


def test_the_order_of_the_files_mapping_does_not_matter():
    files = {
        "a.toml": mini_file("fact", FACTS["event"]),
        "b.toml": toml_table("fact", changed(FACTS["place"], id="event.sample")),
    }
    forwards = parse_bank(files)
    backwards = parse_bank(dict(reversed(list(files.items()))))
    assert forwards == backwards
    assert forwards.problems[0].file == "b.toml"


def test_an_unknown_top_level_table_is_reported():
    text = toml_table("fact", FACTS["event"]) + "\n" + toml_table("facts", FACTS["figure"])
    (problem,) = parse_bank({"t.toml": text}).problems
    assert (problem.item_id, problem.line) == (None, line_of(text, "[[facts]]"))
    assert problem.reason.startswith("unknown table 'facts'")


def test_a_fact_written_as_a_single_table_is_reported():
    (problem,) = parse_bank({"t.toml": "[fact]\nid = 'x'\n"}).problems
    assert problem.reason == "'fact' must be an array of tables, written [[fact]]"
    assert problem.line == 1


def test_problems_are_sorted_by_file_then_line():
    text = mini_file("fact", without(FACTS["event"], "date"))
    text = text.replace('role = "President of Azerbaijan"', 'role = ""')
    problems = parse_bank({"z.toml": text, "a.toml": "oops"}).problems
    assert [(p.file, p.line) for p in problems] == sorted((p.file, p.line) for p in problems)
    assert [p.file for p in problems] == ["a.toml", "z.toml", "z.toml"]


def test_a_problem_reads_as_file_line_id_reason():
    assert str(Problem("figures.toml", "figure.x", 12, "missing evidence")) == (
        "figures.toml:12: figure.x: missing evidence"
    )
    assert str(Problem("a.toml", None, 3, "TOML syntax error")) == "a.toml:3: TOML syntax error"
    assert str(Problem("a.toml", "x", None, "r")) == "a.toml: x: r"


# --- the fixture banks ---------------------------------------------------------------------------


def read_bank_dir(name: str) -> dict[str, str]:
    paths = (BANK_DATA / name).glob("*.toml")
    return {path.name: path.read_text(encoding="utf-8") for path in paths}


def test_the_good_mini_bank_parses_without_problems():
    load = parse_bank(read_bank_dir("good"))
    assert load.problems == ()
    bank = load.bank
    assert {type(fact).__name__ for fact in bank.facts} == {
        "EventFact", "FigureFact", "ActorFact", "PlaceFact", "NumberFact", "QuoteFact",
    }  # fmt: skip
    assert {question.kind.value for question in bank.questions} == set(QUESTIONS)
    aliyev = bank.fact("figure.ilham-aliyev")
    assert isinstance(aliyev, FigureFact)
    assert (aliyev.role, aliyev.period) == ("President of Azerbaijan", "since 2003")
    stepanakert = bank.fact("place.stepanakert")
    assert isinstance(stepanakert, PlaceFact)
    assert stepanakert.display_name == "Stepanakert (Khankendi)"
    matching = bank.question("q.match-leaders")
    assert isinstance(matching, AuthoredMatching)
    assert matching.pairs[0] == ("Ilham Aliyev", "President of Azerbaijan")
    ceasefire = bank.fact("event.ceasefire-1994")
    assert isinstance(ceasefire, EventFact)
    assert ceasefire.explanation.startswith("The ceasefire of 1994 ended")


def test_the_bad_mini_bank_reports_each_problem_where_it_is():
    problems = [str(problem) for problem in parse_bank(read_bank_dir("bad")).problems]
    assert problems == [
        "broken.toml:9: TOML syntax error: Expected '=' after a key in a key/value pair",
        "mixed.toml:6: figure.no-evidence: missing evidence",
        "mixed.toml:20: event.bad-date: bad date '1994-02-30' in 'date': "
        "write YYYY, YYYY-MM or YYYY-MM-DD, a real date",
        "mixed.toml:32: q.wrong-answer: answer 'Shusha' is not among the choices",
        "mixed.toml:43: figure.no-evidence: duplicate id: first defined in mixed.toml:6",
        "mixed.toml:43: figure.no-evidence: missing required field 'category'",
        "mixed.toml:43: figure.no-evidence: unknown field 'catgory' (did you mean 'category'?)",
    ]


# --- lookup and content hashes -------------------------------------------------------------------


def test_the_bank_looks_items_up_by_id_and_by_kind():
    bank = parse_bank(read_bank_dir("good")).bank
    assert isinstance(bank.question("q.evacuation-organisation"), AuthoredSingleChoice)
    assert bank.item("q.evacuation-organisation") is bank.question("q.evacuation-organisation")
    with pytest.raises(KeyError):
        bank.fact("q.evacuation-organisation")
    with pytest.raises(KeyError):
        bank.question("figure.ilham-aliyev")
    with pytest.raises(KeyError):
        bank.item("no.such-id")
    assert "figure.ilham-aliyev" in bank
    assert len(bank.figures) == 4
    assert all(isinstance(number, NumberFact) for number in bank.numbers)
    assert all(isinstance(quote, QuoteFact) for quote in bank.quotes)
    assert len(bank.events) + len(bank.figures) + len(bank.actors) + len(bank.places) + len(
        bank.numbers
    ) + len(bank.quotes) == len(bank.facts)


def test_a_bank_refuses_duplicate_ids():
    load = parse_bank({"f.toml": mini_file("fact", FACTS["event"])})
    with pytest.raises(ValueError, match="duplicate id"):
        Bank(facts=load.bank.facts * 2)


def sample_hash(text: str, item_id: str, file: str = "f.toml") -> str:
    load = parse_bank({file: text})
    assert load.problems == ()
    return load.bank.item(item_id).content_hash


def test_content_hash_ignores_layout_order_comments_and_file():
    item = FACTS["figure"]
    plain = toml_table("fact", item)
    reordered = toml_table("fact", dict(reversed(list(item.items()))))
    commented = "# figures\n\n" + plain.replace("\n", "   # note\n", 3)
    padded = plain.replace('name = "Nikol Pashinyan"', 'name = "  Nikol Pashinyan  "')
    hashes = {
        sample_hash(plain, "figure.sample"),
        sample_hash(reordered, "figure.sample"),
        sample_hash(commented, "figure.sample"),
        sample_hash(padded, "figure.sample"),
        sample_hash(plain, "figure.sample", file="other.toml"),
    }
    assert len(hashes) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"statement": "Nikol Pashinyan has been Prime Minister of Armenia since May 2018."},
        {"tags": ["test", "leaders"]},
        {"source": {"title": "Britannica", "url": "https://www.britannica.com/x"}},
        {"explanation": "Another explanation."},
        {"also": ["Member of Parliament"]},
        {"topic": "history"},
    ],
    ids=lambda change: next(iter(change)),
)
def test_content_hash_changes_when_content_changes(change: dict[str, Any]):
    item = FACTS["figure"]
    before = sample_hash(toml_table("fact", item), "figure.sample")
    after = sample_hash(toml_table("fact", changed(item, **change)), "figure.sample")
    assert before != after


def test_as_dict_is_json_with_the_full_content_and_parses_back():
    bank = parse_bank(read_bank_dir("good")).bank
    rendered = []
    for item in (*bank.facts, *bank.questions):
        content = json.loads(json.dumps(item.as_dict()))
        assert content["id"] == item.id
        assert content["kind"] == item.kind.value
        source = content.pop("source")
        # The file format writes the seed article as "seed" and a reference as a table.
        content["source"] = "seed" if source == {"title": "seed", "url": None} else source
        table = "fact" if item in bank.facts else "question"
        rendered.append(toml_table(table, {k: v for k, v in content.items() if v is not None}))
    reparsed = parse_bank({"all.toml": "\n".join(rendered)})
    assert reparsed.problems == ()
    assert reparsed.bank == bank


def test_partial_dates_print_sort_and_reject_impossible_days():
    assert PartialDate.parse("2023-09-19").display == "19 September 2023"
    assert PartialDate.parse("2023-09").display == "September 2023"
    assert PartialDate.parse("2023").display == "2023"
    dates = [PartialDate.parse(text) for text in ["2023-09-19", "2023", "2022-12", "2023-09"]]
    assert [str(date) for date in sorted(dates, key=lambda d: d.sort_key)] == [
        "2022-12", "2023", "2023-09", "2023-09-19",
    ]  # fmt: skip
    with pytest.raises(ValueError):
        PartialDate(2023, 2, 29)
    with pytest.raises(ValueError):
        PartialDate(2023, None, 5)
