"""One quiz draw never holds two questions of which one answers the other."""

from __future__ import annotations

import random
import re
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support_bank import real_questions

from quizapp.domain.composition import Footprint, clash
from quizapp.domain.generation import Question
from quizapp.domain.quiz_rules import Candidate, Selection, draw_questions

PROPERTIES = settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@cache
def candidates() -> tuple[Candidate, ...]:
    return tuple(
        Candidate(q.id, q.kind, q.topic.value, q.tags, Footprint.of(q.as_dict()))
        for q in real_questions().values()
    )


def shown_text(question: Question) -> str:
    return " ".join([question.prompt, *question.choices]).casefold()


def text_answers(question: Question) -> list[str]:
    if isinstance(question.answer, str):
        return [question.answer]
    if question.kind.value == "short_text":
        return [question.answer["answer"]]
    return []


def test_questions_on_one_fact_clash():
    questions = real_questions()
    month = Footprint.of(
        questions["gen.event-month-choice.event.osce-minsk-process-closed"].as_dict()
    )
    true_false = Footprint.of(
        questions["gen.event-true-false.event.osce-minsk-process-closed"].as_dict()
    )
    assert clash(month, true_false)


def test_near_duplicate_events_clash_though_they_are_two_facts():
    questions = real_questions()
    arrival = Footprint.of(questions["gen.event-true-false.seed.first-evacuees-arrive"].as_dict())
    year = Footprint.of(questions["gen.event-year.event.exodus-begins"].as_dict())
    assert clash(arrival, year)


def test_a_question_showing_another_ones_answer_clashes():
    questions = real_questions()
    by_role = questions["gen.figure-by-role.figure.ilham-aliyev"]
    role = questions["gen.figure-role.figure.jeyhun-bayramov"]
    # "Who held this office: President of Azerbaijan" offers Jeyhun Bayramov's name, and "Which
    # office did Jeyhun Bayramov hold" offers "President of Azerbaijan"? Either way one tells.
    first, second = Footprint.of(by_role.as_dict()), Footprint.of(role.as_dict())
    if "Jeyhun Bayramov" in by_role.choices:
        assert clash(first, second)
    unrelated = Footprint.of(questions["gen.place-name.place.goris"].as_dict())
    assert not clash(first, unrelated)


def test_without_footprints_the_draw_is_the_plain_sample_it_always_was():
    plain = [Candidate(c.id, c.kind, c.topic, c.tags) for c in candidates()[:50]]
    expected = random.Random(7).sample(sorted(plain, key=lambda c: c.id), 10)
    drawn = draw_questions(plain, Selection(), 10, random.Random(7), shuffle=True)
    assert drawn == [c.id for c in expected]


@PROPERTIES
@given(
    count=st.integers(2, 40),
    seed=st.integers(0, 2**32),
    topic=st.sampled_from([None, "history", "actors", "figures"]),
)
def test_no_draw_holds_two_questions_on_one_fact_or_one_answering_another(count, seed, topic):
    drawn = draw_questions(candidates(), Selection(topic=topic), count, random.Random(seed), True)
    assert len(drawn) == min(count, len(drawn)) and len(drawn) >= min(count, 10)
    questions = [real_questions()[qid] for qid in drawn]
    facts = [fact for question in questions for fact in set(question.fact_ids)]
    assert len(facts) == len(set(facts))
    for asked in questions:
        for answer in text_answers(asked):
            if len(answer) < 4:
                continue
            pattern = rf"(?<!\w){re.escape(answer.casefold())}(?!\w)"
            for other in questions:
                if other is not asked:
                    assert not re.search(pattern, shown_text(other)), (asked.id, other.id)
