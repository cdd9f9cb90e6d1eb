"""Each quality rule of `flask bank lint`, with an example it flags and one it passes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from support_bank import real_bank, real_questions

from quizapp.domain.bank import (
    SEED_SOURCE,
    ActorFact,
    Bank,
    EventFact,
    FigureFact,
    NumberFact,
    PartialDate,
    QuoteFact,
    Topic,
)
from quizapp.domain.bank_lint import (
    RULES,
    Accepted,
    Level,
    Lint,
    item_lines,
    lint_bank,
    read_accepted,
    unaccepted,
)
from quizapp.domain.generation import Question, QuestionKind

COMMON: dict[str, Any] = {
    "topic": Topic.HISTORY,
    "tags": (),
    "source": SEED_SOURCE,
    "evidence": "e",
    "explanation": "x",
}


def figure(fid: str, name: str, role: str, affiliation: str, period: str = "2018-2022"):
    return FigureFact(
        id=fid, name=name, role=role, period=period, affiliation=affiliation,
        category="official", statement=f"{name} was {role}.", **COMMON,
    )  # fmt: skip


def actor(fid: str, name: str, category: str, description: str) -> ActorFact:
    return ActorFact(
        id=fid, name=name, category=category, description=description,
        statement=f"{name} is {description}.", **COMMON,
    )  # fmt: skip


def event(fid: str, name: str, date: str, end: str | None = None, tags=()) -> EventFact:
    return EventFact(
        id=fid, name=name, date=PartialDate.parse(date),
        end=PartialDate.parse(end) if end else None, statement=f"{name}.",
        **{**COMMON, "tags": tags},
    )  # fmt: skip


def question(template: str, fact_id: str, prompt: str, answer: Any, choices=(), kind=None):
    kind = kind or (QuestionKind.SINGLE_CHOICE if choices else QuestionKind.TRUE_FALSE)
    return Question(
        id=f"gen.{template}.{fact_id}", kind=kind, topic=Topic.HISTORY, tags=(), prompt=prompt,
        choices=tuple(choices), answer=answer, explanation="x", source=SEED_SOURCE,
        evidence="e", fact_ids=(fact_id,), template=template,
    )  # fmt: skip


def findings(rule_id: str, bank: Bank, questions: list[Question]) -> list[str]:
    rule = next(rule for rule in RULES if rule.id == rule_id)
    return [finding.message for finding in rule.findings(Lint(bank, questions))]


ARMENIA = [
    figure("figure.a", "Anna Avetisyan", "President of Armenia", "Armenia"),
    figure("figure.b", "Boris Babayan", "Prime Minister of Armenia", "Armenia"),
    figure("figure.c", "Carl Clark", "President of the United States", "United States"),
    figure("figure.d", "Dora Davtyan", "acting President of Armenia", "Armenia"),
]


def test_every_rule_has_an_id_a_level_and_an_explanation():
    assert len({rule.id for rule in RULES}) == len(RULES) >= 8
    for rule in RULES:
        assert rule.level in Level and len(rule.explanation) > 30


def test_give_away_flags_an_answer_in_its_prompt_or_alone_in_its_precision():
    bank = Bank((*ARMENIA,))
    shown = question(
        "figure-by-role", "figure.a", "Who is Anna Avetisyan, President of Armenia?",
        "Anna Avetisyan", ["Anna Avetisyan", "Boris Babayan"],
    )  # fmt: skip
    hidden = replace(shown, prompt="Who held this office: President of Armenia (2018-2022)?")
    number = NumberFact(
        id="number.n", question="What share?", value=76.9, tolerance=1, unit="percent",
        statement="s", **COMMON,
    )  # fmt: skip
    precise = question(
        "number-choice", "number.n", "What share?", "76.9 percent",
        ["76.9 percent", "50 percent", "40 percent"],
    )  # fmt: skip
    alike = replace(precise, choices=("76.9 percent", "50.2 percent", "40.1 percent"))
    bank = Bank((*ARMENIA, number))
    assert findings("give-away", bank, [shown, precise]) == [
        "the prompt states 'Anna Avetisyan'",
        "only the answer '76.9 percent' has 1 decimal place(s)",
    ]
    assert findings("give-away", bank, [hidden, alike]) == []


def test_wrong_kind_flags_an_office_holder_of_another_state():
    bank = Bank(tuple(ARMENIA))
    foreign = question(
        "figure-by-role", "figure.a", "Who held this office?", "Anna Avetisyan",
        ["Anna Avetisyan", "Carl Clark"],
    )  # fmt: skip
    same = replace(foreign, choices=("Anna Avetisyan", "Boris Babayan"))
    assert findings("wrong-kind-distractor", bank, [foreign]) == ["'Carl Clark' is not of Armenia"]
    assert findings("wrong-kind-distractor", bank, [same]) == []


def test_implausible_number_flags_a_percentage_over_100():
    number = NumberFact(
        id="number.n", question="Turnout?", value=82, tolerance=1, unit="percent",
        statement="s", **COMMON,
    )  # fmt: skip
    wild = question(
        "number-choice", "number.n", "Turnout?", "82 percent", ["82 percent", "250 percent"]
    )
    fair = replace(wild, choices=("82 percent", "61 percent"))
    assert findings("implausible-number", Bank((number,)), [wild]) == ["250 is not a percentage"]
    assert findings("implausible-number", Bank((number,)), [fair]) == []


def test_duplicate_flags_one_quote_in_the_bank_twice():
    quote = QuoteFact(
        id="quote.one", text="Our people do not want to leave.", speaker="A B",
        speaker_role="r", date=PartialDate(2023), context="c", **COMMON,
    )  # fmt: skip
    twice = replace(quote, id="quote.two", text="Our people do not want to leave")
    other = replace(quote, id="quote.two", text="Peace is near")
    assert findings("duplicate", Bank((quote, twice)), []) == ["the same quote as quote.one"]
    assert findings("duplicate", Bank((quote, other)), []) == []


def test_self_contradiction_flags_a_statement_naming_its_subject_as_another():
    states = (
        actor("actor.arm", "Armenia", "state", "the landlocked republic"),
        actor("actor.rus", "Russia", "state", "the state with ties to Armenia and Azerbaijan"),
    )
    bank = Bank(states)
    prompt = "True or false: Armenia is the state with ties to Armenia and Azerbaijan."
    contradicting = question("actor-true-false", "actor.arm", prompt, False)
    fine = question(
        "actor-true-false", "actor.rus", "True or false: Russia is the landlocked republic.", False
    )
    assert findings("self-contradiction", bank, [contradicting]) == [
        "the statement names 'Armenia' twice"
    ]
    assert findings("self-contradiction", bank, [fine]) == []


def test_second_answer_flags_an_acting_holder_and_a_near_duplicate_events_year():
    blocking = event("event.b", "the blocking of the Lachin corridor", "2022-12-12")
    start = event("event.s", "the start of the blocking of the Lachin corridor", "2023-01")
    bank = Bank((*ARMENIA, blocking, start))
    acting = question(
        "figure-by-role", "figure.a", "Who held this office?", "Anna Avetisyan",
        ["Anna Avetisyan", "Dora Davtyan"],
    )  # fmt: skip
    years = question("event-year-choice", "event.b", "When?", "2022", ["2022", "2023", "2018"])
    assert findings("second-defensible-answer", bank, [acting, years]) == [
        "'Dora Davtyan' also held 'President of Armenia'",
        "2023 is defensible too",
    ]
    fair_acting = replace(acting, choices=("Anna Avetisyan", "Boris Babayan"))
    fair_years = replace(years, choices=("2022", "2018", "2017"))
    assert findings("second-defensible-answer", bank, [fair_acting, fair_years]) == []


def test_span_as_single_year_flags_a_lasting_event_asked_as_taking_place():
    blockade = event("event.b", "the blockade", "2022-12", end="2023-09")
    bank = Bank((blockade,))
    once = question(
        "event-true-false", "event.b", "True or false: the blockade took place in 2023.", False
    )
    began = replace(once, prompt="True or false: the blockade began in 2023.")
    assert findings("span-as-single-year", bank, [once]) == [
        "a span is asked as taking place at one time"
    ]
    assert findings("span-as-single-year", bank, [began]) == []
    untold = replace(blockade, end=None, statement="The blockade lasted until September 2023.")
    assert findings("span-as-single-year", Bank((untold,)), []) == [
        "the text says the event lasted, but it has no `end`"
    ]


def test_template_grammar_flags_a_thing_said_to_take_place():
    checkpoint = event("event.c", "the Azerbaijani checkpoint at the bridge", "2023-04")
    setting_up = event("event.s", "the setting up of the checkpoint at the bridge", "2023-04")
    bank = Bank((checkpoint, setting_up))
    thing = question(
        "event-year", "event.c", "In which year did the Azerbaijani checkpoint at the bridge "
        "take place?", {"value": 2023}, kind=QuestionKind.YEAR,
    )  # fmt: skip
    happening = question(
        "event-year", "event.s", "In which year did the setting up of the checkpoint at the "
        "bridge take place?", {"value": 2023}, kind=QuestionKind.YEAR,
    )  # fmt: skip
    assert findings("template-grammar", bank, [thing]) == [
        "'checkpoint' is a thing: it does not take place"
    ]
    assert findings("template-grammar", bank, [happening]) == []


def test_the_real_bank_has_no_error():
    found = lint_bank(real_bank(), list(real_questions().values()))
    assert [f for f in found if f.level is Level.ERROR] == []


def test_only_warnings_can_be_accepted_and_each_needs_a_reason():
    accepted, problems = read_accepted(
        {
            "accepted": [
                {"rule": "give-away", "item": "x", "reason": "because"},
                {"rule": "nonsense", "item": "x", "reason": "because"},
            ]
        }
    )
    assert accepted == []
    assert problems == [
        "accepted entry 1: 'give-away' is an error and cannot be accepted",
        "accepted entry 2: unknown rule 'nonsense'",
    ]
    finding = lint_bank(Bank((ARMENIA[0], ARMENIA[2])), [])
    assert unaccepted(finding, [Accepted("give-away", "figure.a", "r")]) == finding


@pytest.mark.parametrize("text", ['id = "event.x"\n', '  id   =  "event.x"  # note\n'])
def test_items_are_located_by_file_and_line(text):
    assert item_lines({"b.toml": "[[fact]]\n" + text})["event.x"] == ("b.toml", 2)


def test_telling_word_flags_a_word_only_the_answer_shares_with_the_prompt():
    bank = Bank(tuple(ARMENIA))
    telling = question(
        "authored", "figure.a", "Which format did the OSCE close?", "the OSCE Minsk process",
        ["the OSCE Minsk process", "the Normandy format"],
    )  # fmt: skip
    neutral = replace(telling, choices=("the OSCE Minsk process", "the OSCE Normandy format"))
    assert findings("telling-word", bank, [telling]) == ["the prompt shares 'OSCE' with the answer"]
    assert findings("telling-word", bank, [neutral]) == []
