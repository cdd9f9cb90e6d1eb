"""Generated questions and flashcards: fair, deterministic and stable, for any valid bank."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.domain.bank import (
    SEED_SOURCE,
    ActorFact,
    AuthoredMatching,
    AuthoredOrdering,
    AuthoredSingleChoice,
    Bank,
    EventFact,
    Fact,
    FigureFact,
    NumberFact,
    PartialDate,
    PlaceFact,
    QuoteFact,
    Source,
    Topic,
    parse_bank,
)
from quizapp.domain.bank_stats import bank_stats
from quizapp.domain.generation import (
    CHOICE_KINDS,
    Flashcard,
    Question,
    QuestionKind,
    generate_flashcards,
    generate_questions,
    skipped_questions,
)

BANK_DATA = Path(__file__).resolve().parents[1] / "data" / "bank"

# Derandomised so that every run tries the same banks; no deadline, which would read the clock.
PROPERTIES = settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- strategies for valid banks ------------------------------------------------------------------

SYLLABLES = ["ar", "ben", "cor", "dal", "ev", "fir", "gor", "hal", "ish", "jan", "lor", "mar",
             "nor", "oz", "par", "ros", "sar", "tal", "ur", "val", "zen"]  # fmt: skip
COUNTRIES = ["Aravia", "Belmont", "Corvale", "Dunmar", "Eskaria", "Fenwick"]
TITLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "Speaker"]
FIGURE_CATEGORIES = ["head of state", "head of government", "foreign minister", "official"]
ACTOR_KINDS = ["Council", "Front", "Mission", "Union", "Assembly", "Brigade"]
ACTOR_CATEGORIES = ["state", "mediator", "armed force", "international organisation"]
PLACE_CATEGORIES = ["city", "town", "district", "road", "river"]
QUOTE_WORDS = ["we", "will", "never", "give", "up", "our", "land", "peace", "is", "near",
               "the", "talks", "must", "go", "on", "today", "history", "ends"]  # fmt: skip
FEATURES = ["its bridges", "its old fortress", "its vineyards", "its airport", "its monastery",
            "its market", "its dam", "its mountain pass"]  # fmt: skip
NOUNS = ["signing", "siege", "founding", "collapse", "summit", "treaty", "ceasefire", "vote"]
TAGS = ["war", "peace", "talks", "leaders", "places"]

words = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=4).map(
    lambda parts: "".join(parts).capitalize()
)
person_names = st.tuples(words, words).map(" ".join)
sources = st.sampled_from([SEED_SOURCE, Source("A public reference", "https://example.org/ref")])
tags = st.lists(st.sampled_from(TAGS), max_size=2, unique=True).map(tuple)
topics = st.sampled_from(list(Topic))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1900, 2030))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    return PartialDate(year, month, draw(st.integers(1, 28)) if precision == "day" else None)


def common(draw: st.DrawFn, fact_id: str) -> dict[str, Any]:
    return {
        "id": fact_id,
        "topic": draw(topics),
        "tags": draw(tags),
        "source": draw(sources),
        "evidence": "an excerpt of the source",
        "explanation": "why, with one piece of context",
    }


@st.composite
def figures(draw: st.DrawFn, index: int, names: list[str]) -> FigureFact:
    # Reusing a name makes a second entry for one person, as writers sometimes do.
    reuse = names and draw(st.integers(0, 5)) == 0
    name = draw(st.sampled_from(names)) if reuse else draw(person_names)
    country = draw(st.sampled_from(COUNTRIES))
    role = f"{draw(st.sampled_from(TITLES))} of {country}"
    also = draw(st.lists(st.sampled_from(TITLES).map(lambda t: f"{t} of {country}"), max_size=1))
    return FigureFact(
        **common(draw, f"figure.f{index}"),
        name=name,
        role=role,
        period=f"{draw(st.integers(1988, 2020))}-{draw(st.integers(2021, 2025))}",
        affiliation=draw(st.sampled_from([country, *COUNTRIES])),
        category=draw(st.sampled_from(FIGURE_CATEGORIES)),
        also=tuple(also),
        statement=f"{name} served as {role}.",
    )


@st.composite
def events(draw: st.DrawFn, index: int) -> EventFact:
    date = draw(partial_dates())
    name = f"the {draw(st.sampled_from(NOUNS))} of {draw(words)}"
    if draw(st.integers(0, 9)) == 0:
        # Some names carry a year, which must never give a date question away.
        name = f"{name} of {draw(st.sampled_from([date.year, date.year + 1]))}"
    return EventFact(
        **common(draw, f"event.e{index}"),
        name=name,
        date=date,
        statement=f"{name.capitalize()} took place in {date.display}.",
    )


@st.composite
def actors(draw: st.DrawFn, index: int) -> ActorFact:
    name = f"{draw(words)} {draw(st.sampled_from(ACTOR_KINDS))}"
    description = f"the body known for {draw(st.sampled_from(FEATURES))}"
    if draw(st.integers(0, 5)) == 0:
        # Sometimes a description shares a word with a name, as a giveaway would.
        description = f"the {draw(st.sampled_from(ACTOR_KINDS)).lower()} based in {draw(words)}"
    return ActorFact(
        **common(draw, f"actor.a{index}"),
        name=name,
        category=draw(st.sampled_from(ACTOR_CATEGORIES)),
        description=description,
        statement=f"{name} is {description}.",
    )


@st.composite
def places(draw: st.DrawFn, index: int) -> PlaceFact:
    names = draw(st.lists(words, min_size=1, max_size=3, unique_by=str.casefold))
    category = draw(st.sampled_from(PLACE_CATEGORIES))
    description = f"the {category} known for {draw(st.sampled_from(FEATURES))}"
    if draw(st.integers(0, 5)) == 0:
        description = f"the {category} near {draw(words)}"
    return PlaceFact(
        **common(draw, f"place.p{index}"),
        name=names[0],
        other_names=tuple(names[1:]),
        category=category,
        description=description,
        statement=f"{names[0]} is {description}.",
    )


@st.composite
def numbers(draw: st.DrawFn, index: int) -> NumberFact:
    value: int | float = draw(
        st.one_of(
            st.integers(-1_000, 10_000_000),
            st.floats(0.01, 1000, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 2)),
        )
    )
    tolerance = draw(st.sampled_from([0, abs(value) / 20, abs(value) / 5, 1]))
    question = f"How many {draw(st.sampled_from(NOUNS))}s were counted, according to {draw(words)}?"
    if draw(st.integers(0, 9)) == 0:
        question = f"{question} (Not {value}.)"
    return NumberFact(
        **common(draw, f"number.n{index}"),
        question=question,
        value=value,
        tolerance=tolerance,
        unit=draw(st.sampled_from(["people", "soldiers", "percent"])),
        statement=f"The count was {value}.",
    )


@st.composite
def quotes(draw: st.DrawFn, index: int, speakers: list[str]) -> QuoteFact:
    speaker = draw(st.sampled_from(speakers)) if speakers and draw(st.booleans()) else None
    speaker = speaker or draw(person_names)
    surname = speaker.split()[-1].casefold()
    text = " ".join(w for w in draw(st.lists(st.sampled_from(QUOTE_WORDS), min_size=3, max_size=8))
                    if w != surname)  # fmt: skip
    return QuoteFact(
        **common(draw, f"quote.q{index}"),
        text=text or "no",
        speaker=speaker,
        speaker_role="an official",
        date=draw(partial_dates()),
        context=draw(st.sampled_from(["to reporters", "in a speech", "in parliament"])),
    )


@st.composite
def authored_questions(draw: st.DrawFn, index: int) -> Any:
    base = {**common(draw, f"q.a{index}"), "prompt": "A hand-written question?"}
    items = draw(st.lists(words, min_size=3, max_size=5, unique_by=str.casefold))
    kind = draw(st.sampled_from(["single", "ordering", "matching"]))
    if kind == "single":
        answer = draw(st.sampled_from(items))
        return AuthoredSingleChoice(**base, choices=tuple(items), answer=answer)
    if kind == "ordering":
        return AuthoredOrdering(**base, items=tuple(items))
    rights = [f"{item} side" for item in reversed(items)]
    return AuthoredMatching(**base, pairs=tuple(zip(items, rights, strict=True)))


@st.composite
def banks(draw: st.DrawFn) -> Bank:
    facts: list[Fact] = []
    names: list[str] = []
    for index in range(draw(st.integers(0, 10))):
        figure = draw(figures(index, names))
        names.append(figure.name)
        facts.append(figure)
    facts += [draw(events(index)) for index in range(draw(st.integers(0, 10)))]
    facts += [draw(actors(index)) for index in range(draw(st.integers(0, 6)))]
    facts += [draw(places(index)) for index in range(draw(st.integers(0, 8)))]
    facts += [draw(numbers(index)) for index in range(draw(st.integers(0, 4)))]
    facts += [draw(quotes(index, names)) for index in range(draw(st.integers(0, 4)))]
    facts = draw(st.permutations(facts))
    questions = [draw(authored_questions(index)) for index in range(draw(st.integers(0, 3)))]
    return Bank(tuple(facts), tuple(questions))


seeds = st.integers(0, 2**32)


# --- reading questions back ----------------------------------------------------------------------


def norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def generated(questions: tuple[Question, ...]) -> list[Question]:
    return [question for question in questions if question.template != "authored"]


def answer_texts(question: Question) -> list[str]:
    """The answer as text a prompt must not contain: names, offices, places."""
    if question.template in ("place-name", "figure-name"):
        return question.answer["accept"]
    if question.template == "place-by-description":
        return re.split(r" \(| / |\)", question.answer)
    return [question.answer]


INFLECTIONS = ["", "s", "es", "'s", "\u2019s", "n", "an", "i"]


def gives_answer_away(question: Question) -> bool:
    prompt = norm(question.prompt)
    if question.kind is QuestionKind.YEAR or question.template == "event-year-choice":
        year = question.answer["value"] if question.kind is QuestionKind.YEAR else question.answer
        return re.search(rf"(?<!\d){year}(?!\d)", prompt) is not None
    if question.kind in (QuestionKind.NUMERIC,) or question.template == "number-choice":
        return False  # checked by test_number_questions_never_state_their_value
    if question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.WHO_SAID_IT,
                         QuestionKind.SHORT_TEXT):  # fmt: skip
        for answer in filter(None, answer_texts(question)):
            if re.search(rf"(?<!\w){re.escape(norm(answer))}(?!\w)", prompt):
                return True
            for part in re.findall(r"[^\W_]+", answer):
                # A name word, whole or inflected (Armenia -> Armenian, Aliyev -> Aliyev's).
                forms = [f"{part}{ending}".casefold() for ending in INFLECTIONS]
                words = re.findall(r"[\w'\u2019]+", prompt)
                if len(part) >= 4 and any(word in forms for word in words):
                    return True
    return False


def number_of(choice: str) -> float:
    return float(choice.split()[0].replace(",", ""))


# --- properties ----------------------------------------------------------------------------------


@PROPERTIES
@given(banks(), seeds)
def test_generation_is_deterministic(bank: Bank, seed: int):
    first = generate_questions(bank, seed)
    assert generate_questions(bank, seed) == first
    assert [q.content_hash for q in generate_questions(bank, seed)] == [
        q.content_hash for q in first
    ]
    assert generate_flashcards(bank) == generate_flashcards(bank)


@PROPERTIES
@given(banks(), seeds, st.randoms(use_true_random=False))
def test_the_order_of_facts_in_the_bank_does_not_change_any_question(bank, seed, rng):
    facts = list(bank.facts)
    rng.shuffle(facts)
    shuffled = Bank(tuple(facts), bank.questions)
    by_id = {q.id: q for q in generate_questions(bank, seed)}
    assert {q.id: q for q in generate_questions(shuffled, seed)} == by_id


@PROPERTIES
@given(banks(), seeds)
def test_question_ids_are_unique_and_say_where_they_come_from(bank: Bank, seed: int):
    questions = generate_questions(bank, seed)
    ids = [question.id for question in questions]
    assert len(ids) == len(set(ids))
    for question in generated(questions):
        # A group question is named after the fact it was built around.
        anchor = question.id.removeprefix(f"gen.{question.template}.")
        assert anchor in question.fact_ids
        assert all(fact_id in bank for fact_id in question.fact_ids)
    assert {q.id for q in questions if q.template == "authored"} == {q.id for q in bank.questions}


PER_FACT_TEMPLATES = {
    EventFact: ["event-year", "event-year-choice", "event-true-false"],
    FigureFact: ["figure-by-role", "figure-role", "figure-true-false"],
    ActorFact: ["actor-by-description", "actor-true-false"],
    PlaceFact: ["place-by-description", "place-name", "place-true-false"],
    NumberFact: ["number-value", "number-choice"],
    QuoteFact: ["who-said-it"],
}


@PROPERTIES
@given(banks(), seeds)
def test_every_template_makes_its_question_or_says_why_not(bank: Bank, seed: int):
    made = {question.id for question in generate_questions(bank, seed)}
    skipped = {skip.id: skip for skip in skipped_questions(bank, seed)}
    assert made.isdisjoint(skipped)
    for fact in bank.facts:
        templates = list(PER_FACT_TEMPLATES[type(fact)])
        if isinstance(fact, EventFact) and fact.date.month is not None:
            templates.append("event-month-choice")
        for template in templates:
            question_id = f"gen.{template}.{fact.id}"
            assert question_id in made or question_id in skipped
    for skip in skipped.values():
        assert skip.reason.startswith(("too few distractors", "the prompt would give"))


@PROPERTIES
@given(banks(), seeds)
def test_choices_hold_the_answer_once_among_distinct_distractors(bank: Bank, seed: int):
    for question in generate_questions(bank, seed):
        if question.kind not in CHOICE_KINDS:
            continue
        keys = [norm(choice) for choice in question.choices]
        assert len(keys) == len(set(keys)), question
        answers = question.answer if isinstance(question.answer, list) else [question.answer]
        assert all(answer in question.choices for answer in answers)
        if question.template != "authored":
            assert len(question.choices) == 4
            assert keys.count(norm(question.answer)) == 1


@PROPERTIES
@given(banks(), seeds)
def test_no_prompt_gives_its_answer_away(bank: Bank, seed: int):
    for question in generated(generate_questions(bank, seed)):
        assert not gives_answer_away(question), question


@PROPERTIES
@given(banks(), seeds)
def test_year_questions_offer_nearby_wrong_years_and_state_the_truth(bank: Bank, seed: int):
    for question in generate_questions(bank, seed):
        if question.template == "event-year-choice":
            event = bank.fact(question.fact_ids[0])
            assert isinstance(event, EventFact)
            assert question.answer == str(event.date.year)
            for choice in set(question.choices) - {question.answer}:
                assert 1 <= abs(int(choice) - event.date.year) <= 6
        elif question.template == "event-true-false":
            event = bank.fact(question.fact_ids[0])
            assert isinstance(event, EventFact)
            stated = int(re.findall(r"\d{4}", question.prompt)[-1])
            assert question.answer is (stated == event.date.year)
            assert event.statement in question.explanation
        elif question.kind is QuestionKind.YEAR:
            assert question.answer["tolerance"] == 0
            assert question.choices == ()


@PROPERTIES
@given(banks(), seeds)
def test_number_questions_never_state_their_value_and_distractors_lie_outside_tolerance(
    bank: Bank, seed: int
):
    for question in generate_questions(bank, seed):
        if question.template not in ("number-value", "number-choice"):
            continue
        number = bank.fact(question.fact_ids[0])
        assert isinstance(number, NumberFact)
        assert question.prompt == number.question
        value = number.value
        digits = str(int(value)) if float(value).is_integer() else repr(value)
        plain = re.sub(r"(?<=\d),(?=\d{3})", "", question.prompt)
        assert not re.search(rf"(?<![\d.]){re.escape(digits)}(?!\d)", plain)
        if question.template == "number-value":
            assert question.answer == {
                "value": number.value, "tolerance": number.tolerance, "unit": number.unit,
            }  # fmt: skip
        else:
            for choice in set(question.choices) - {question.answer}:
                assert abs(number_of(choice) - number.value) > number.tolerance


@PROPERTIES
@given(banks(), seeds)
def test_ordering_answers_are_chronological_with_distinct_years(bank: Bank, seed: int):
    for question in generate_questions(bank, seed):
        if question.template != "event-order":
            continue
        events = [bank.fact(fact_id) for fact_id in question.fact_ids]
        assert all(isinstance(event, EventFact) for event in events)
        years = [event.date.year for event in events]
        assert 3 <= len(events) <= 5
        assert years == sorted(years) and len(set(years)) == len(years)
        names = [norm(event.name.rstrip(" .")) for event in events]
        assert [norm(item) for item in question.answer] == names
        assert sorted(question.choices) == sorted(question.answer)
        assert list(question.choices) != question.answer


@PROPERTIES
@given(banks(), seeds)
def test_figure_questions_never_offer_a_second_right_answer(bank: Bank, seed: int):
    offices: dict[str, set[str]] = {}
    for figure in bank.figures:
        offices.setdefault(norm(figure.name), set()).update(
            norm(role) for role in (figure.role, *figure.also)
        )
    for question in generate_questions(bank, seed):
        if question.template not in ("figure-by-role", "figure-role", "figure-true-false"):
            continue
        figure = bank.fact(question.fact_ids[0])
        assert isinstance(figure, FigureFact)
        wrong = set(question.choices) - {question.answer}
        if question.template == "figure-by-role":
            assert all(norm(figure.role) not in offices[norm(name)] for name in wrong)
        elif question.template == "figure-role":
            assert all(norm(role) not in offices[norm(figure.name)] for role in wrong)
        else:
            assert question.answer is (question.prompt.endswith(f" {figure.role}."))


@PROPERTIES
@given(banks(), seeds)
def test_matching_has_exactly_one_right_pairing(bank: Bank, seed: int):
    for question in generate_questions(bank, seed):
        if question.kind is not QuestionKind.MATCHING:
            continue
        lefts = [norm(left) for left, _ in question.answer]
        rights = [norm(right) for _, right in question.answer]
        assert len(set(lefts)) == len(lefts) and len(set(rights)) == len(rights)
        assert sorted(question.choices) == sorted(right for _, right in question.answer)
        if question.template == "figure-match":
            assert len(question.answer) == 4
            for name, _ in question.answer:
                held = {
                    norm(role)
                    for figure in bank.figures
                    if norm(figure.name) == norm(name)
                    for role in (figure.role, *figure.also)
                }
                others = [norm(right) for left, right in question.answer if left != name]
                assert held.isdisjoint(others)


@PROPERTIES
@given(banks(), seeds)
def test_one_flashcard_per_fact(bank: Bank, seed: int):
    cards = generate_flashcards(bank)
    assert [card.fact_id for card in cards] == [fact.id for fact in bank.facts]
    assert len({card.id for card in cards}) == len(cards)
    for card, fact in zip(cards, bank.facts, strict=True):
        assert card.front and card.back
        assert (card.topic, card.source, card.evidence) == (fact.topic, fact.source, fact.evidence)
        if isinstance(fact, PlaceFact):
            assert all(norm(name) in norm(card.back) for name in fact.names)


@PROPERTIES
@given(banks(), seeds, events(99), figures(99, []))
def test_a_new_fact_leaves_questions_about_other_kinds_of_fact_alone(bank, seed, event, figure):
    def questions_not_about(bank: Bank, prefix: str) -> dict[str, Question]:
        return {
            q.id: q
            for q in generate_questions(bank, seed)
            if not q.template.startswith(prefix) and q.template != "who-said-it"
        }

    with_event = Bank((*bank.facts, event), bank.questions)
    assert questions_not_about(with_event, "event-") == questions_not_about(bank, "event-")
    with_figure = Bank((*bank.facts, figure), bank.questions)
    assert questions_not_about(with_figure, "figure-") == questions_not_about(bank, "figure-")


@PROPERTIES
@given(banks(), seeds)
def test_questions_and_cards_survive_a_json_round_trip(bank: Bank, seed: int):
    for question in generate_questions(bank, seed):
        assert Question.from_dict(json.loads(json.dumps(question.as_dict()))) == question
    for card in generate_flashcards(bank):
        assert Flashcard.from_dict(json.loads(json.dumps(card.as_dict()))) == card


@PROPERTIES
@given(banks(), seeds)
def test_bank_stats_add_up(bank: Bank, seed: int):
    questions = generate_questions(bank, seed)
    stats = bank_stats(bank, questions)
    assert stats["facts"] == len(bank.facts) == stats["flashcards"]
    assert stats["questions"] == len(questions)
    assert stats["figures"] == len(bank.figures)
    assert sum(stats["by_topic"].values()) == len(questions)
    assert sum(stats["by_kind"].values()) == len(questions)
    assert sum(stats["by_fact_kind"].values()) == len(bank.facts)
    assert set(stats["by_kind"]) == {kind.value for kind in QuestionKind}


# --- examples from the fixture bank --------------------------------------------------------------


def fixture_bank() -> Bank:
    files = {p.name: p.read_text(encoding="utf-8") for p in (BANK_DATA / "good").glob("*.toml")}
    load = parse_bank(files)
    assert load.problems == ()
    return load.bank


def same_state_peers(figure: FigureFact) -> list[FigureFact]:
    """Three other office holders of the figure's state, in office at the same time."""
    return [
        replace(
            figure,
            id=f"figure.peer-{index}",
            name=name,
            role=role,
            also=(),
            other_names=(),
            statement=f"{name} has been {role}.",
        )
        for index, (name, role) in enumerate(
            [
                ("Jeyhun Bayramov", f"Foreign Minister of {figure.affiliation}"),
                ("Zakir Hasanov", f"Defence Minister of {figure.affiliation}"),
                ("Mehriban Aliyeva", f"First Vice-President of {figure.affiliation}"),
            ]
        )
    ]


def test_a_figure_is_asked_by_office_with_people_of_the_same_state_as_distractors():
    # Distractors from other states (the US Secretary of State for the President of
    # Azerbaijan) gave the answer away: without same-state peers there is no question.
    bank = fixture_bank()
    assert "gen.figure-by-role.figure.ilham-aliyev" not in {
        q.id for q in generate_questions(bank, seed=1)
    }
    aliyev = bank.fact("figure.ilham-aliyev")
    assert isinstance(aliyev, FigureFact)
    with_peers = Bank((*bank.facts, *same_state_peers(aliyev)), bank.questions)
    questions = {q.id: q for q in generate_questions(with_peers, seed=1)}
    question = questions["gen.figure-by-role.figure.ilham-aliyev"]
    assert question.kind is QuestionKind.SINGLE_CHOICE
    assert question.prompt == "Who held this office: President of Azerbaijan (since 2003)?"
    assert question.answer == "Ilham Aliyev"
    assert sorted(question.choices) == [
        "Ilham Aliyev", "Jeyhun Bayramov", "Mehriban Aliyeva", "Zakir Hasanov",
    ]  # fmt: skip
    assert question.fact_ids == ("figure.ilham-aliyev",)
    assert question.source.is_seed


def test_a_place_is_shown_with_both_names_and_accepts_either():
    bank = fixture_bank()
    questions = {q.id: q for q in generate_questions(bank, seed=1)}
    short = questions["gen.place-name.place.stepanakert"]
    assert short.kind is QuestionKind.SHORT_TEXT
    assert short.answer == {"answer": "Stepanakert", "accept": ["Stepanakert", "Khankendi"]}
    card = {c.fact_id: c for c in generate_flashcards(bank)}["place.stepanakert"]
    assert card.front == "What is Stepanakert (Khankendi)?"
    assert "Khankendi" in card.back


def test_a_quote_is_asked_as_who_said_it():
    questions = {q.id: q for q in generate_questions(fixture_bank(), seed=1)}
    question = questions["gen.who-said-it.quote.babayan-leave"]
    assert question.kind is QuestionKind.WHO_SAID_IT
    assert question.answer == "David Babayan"
    assert "Our people do not want to live as part of Azerbaijan." in question.prompt
    assert "24 September 2023" in question.prompt


def test_a_number_is_asked_free_and_with_scaled_distractors():
    questions = {q.id: q for q in generate_questions(fixture_bank(), seed=1)}
    free = questions["gen.number-value.number.population-2023"]
    assert free.answer == {"value": 120000, "tolerance": 10000, "unit": "people"}
    choice = questions["gen.number-choice.number.population-2023"]
    assert choice.answer == "120,000 people"
    assert all(choice.endswith(" people") for choice in choice.choices)


def test_no_question_is_made_without_enough_distractors_or_with_a_giveaway():
    bank = fixture_bank()
    ids = {q.id for q in generate_questions(bank, seed=1)}
    skipped = {s.id: s for s in skipped_questions(bank, seed=1)}
    # Two places only, a city and a road: a road is no wrong answer for a city.
    assert not any(i.startswith("gen.place-by-description.") for i in ids)
    assert skipped["gen.place-by-description.place.stepanakert"].reason == (
        "too few distractors (0 of 3)"
    )
    # ACLED's description says "data collection": its name's "Data" would give it away.
    assert "gen.actor-by-description.actor.acled" not in ids
    assert str(skipped["gen.actor-by-description.actor.acled"]) == (
        "actor.acled: no actor-by-description question: "
        "the prompt would give the answer away ('Data')"
    )
    # Two other organisations and a state: a state is no wrong answer for an organisation.
    assert skipped["gen.actor-by-description.actor.icrc"].reason == "too few distractors (2 of 3)"
    assert ids.isdisjoint(skipped)


def test_the_templates_own_words_are_no_giveaway():
    # "Office" is in the role, and "office" in "Which office did ... hold": every choice is an
    # office, so the prompt gives nothing away.
    people = [
        FigureFact(
            id=f"figure.person-{index}",
            topic=Topic.FIGURES,
            tags=(),
            source=SEED_SOURCE,
            evidence="e",
            explanation="x",
            name=name,
            role=role,
            period="from 1997",
            affiliation=affiliation,
            category="mediator",
            statement=f"{name} served as {role}.",
        )
        for index, (name, role, affiliation) in enumerate(
            [
                # One body: "which office" options are offices of the same body.
                ("Andrzej Kasprzyk", "Personal Representative of the Chairperson-in-Office",
                 "OSCE"),
                ("Igor Popov", "Russian Co-Chair of the Minsk Group", "OSCE"),
                ("Stephane Visconti", "French Co-Chair of the Minsk Group", "OSCE"),
                ("Andrew Schofer", "American Co-Chair of the Minsk Group", "OSCE"),
            ]
        )
    ]  # fmt: skip
    questions = {q.id: q for q in generate_questions(Bank(tuple(people)), seed=5)}
    question = questions["gen.figure-role.figure.person-0"]
    assert question.prompt == "Which office did Andrzej Kasprzyk hold (from 1997)?"
    assert question.answer == "Personal Representative of the Chairperson-in-Office"


def test_a_first_name_inside_a_country_name_is_no_giveaway_but_an_adjective_is():
    aliyev = fixture_bank().fact("figure.ilham-aliyev")
    assert isinstance(aliyev, FigureFact)
    others = [*fixture_bank().figures[1:], *same_state_peers(aliyev)]
    armen = replace(aliyev, name="Armen Sarkissian", role="President of Armenia")
    made = {q.id for q in generate_questions(Bank((armen, *others)), seed=1)}
    assert "gen.figure-by-role.figure.ilham-aliyev" in made
    armenia = replace(aliyev, name="Armenia Example", role="Armenian head of state")
    skipped = {s.id: s.reason for s in skipped_questions(Bank((armenia, *others)), seed=1)}
    assert skipped["gen.figure-by-role.figure.ilham-aliyev"] == (
        "the prompt would give the answer away ('Armenia')"
    )


def test_a_period_naming_the_office_is_a_giveaway():
    figure = replace(
        fixture_bank().fact("figure.ilham-aliyev"), period="President of Azerbaijan since 2003"
    )
    bank = Bank((figure, *fixture_bank().figures[1:], *same_state_peers(figure)))
    skipped = {s.id: s.reason for s in skipped_questions(bank, seed=1)}
    assert skipped["gen.figure-role.figure.ilham-aliyev"] == (
        "the prompt would give the answer away ('President of Azerbaijan')"
    )


def test_hand_written_questions_are_kept_as_written_with_shuffled_choices():
    bank = fixture_bank()
    questions = {q.id: q for q in generate_questions(bank, seed=1)}
    ordering = questions["q.order-of-wars"]
    assert ordering.kind is QuestionKind.ORDERING
    written = bank.question("q.order-of-wars")
    assert isinstance(written, AuthoredOrdering)
    assert ordering.answer == list(written.items)
    assert sorted(ordering.choices) == sorted(ordering.answer)
    assert ordering.fact_ids == ()
    short = questions["q.corridor-name"]
    assert short.answer == {
        "answer": "Lachin corridor", "accept": ["Lachin corridor", "Berdzor corridor", "Lachin"],
    }  # fmt: skip
    assert questions["q.recognised-status"].answer is True
    assert questions["q.offensive-weapons"].answer == ["Drone strikes", "Artillery strikes"]


def test_another_seed_reshuffles_choices_but_keeps_the_questions():
    bank = fixture_bank()
    one = {q.id: q for q in generate_questions(bank, seed=1)}
    two = {q.id: q for q in generate_questions(bank, seed=2)}
    assert set(one) == set(two)
    same_ask = [i for i in one if (one[i].prompt, one[i].kind) == (two[i].prompt, two[i].kind)]
    assert len(same_ask) > len(one) / 2
    assert any(one[i].choices != two[i].choices for i in one)


def test_every_kind_of_question_comes_out_of_the_fixture_bank():
    questions = generate_questions(fixture_bank(), seed=3)
    kinds = Counter(question.kind for question in questions)
    assert set(kinds) == set(QuestionKind)
    stats = bank_stats(fixture_bank(), questions)
    assert stats["by_kind"] == {kind.value: kinds[kind] for kind in QuestionKind}


def test_a_single_fact_bank_yields_no_choice_question_it_cannot_fill():
    figure = FigureFact(
        id="figure.only",
        topic=Topic.FIGURES,
        tags=(),
        source=SEED_SOURCE,
        evidence="e",
        explanation="x",
        name="Ilham Aliyev",
        role="President of Azerbaijan",
        period="since 2003",
        affiliation="Azerbaijan",
        category="head of state",
        statement="Ilham Aliyev has been President of Azerbaijan since 2003.",
    )
    questions = generate_questions(Bank((figure,)), seed=0)
    # Typing the name needs no distractors; choosing among people does.
    assert [q.template for q in questions] == ["figure-name", "figure-true-false"]
    assert questions[0].answer == {
        "answer": "Ilham Aliyev",
        "accept": ["Ilham Aliyev", "Aliyev"],
    }
    assert questions[1].answer is True
    renamed = replace(figure, id="figure.other")
    ids = [q.id for q in generate_questions(Bank((renamed,)), seed=0)]
    assert ids == ["gen.figure-name.figure.other", "gen.figure-true-false.figure.other"]
