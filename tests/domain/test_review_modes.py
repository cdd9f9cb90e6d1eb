"""Review modes: grading a typed answer, the ratings of typing and choosing, the learn path."""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.domain.generation import QuestionKind
from quizapp.domain.review_modes import (
    CHOOSE_ONE,
    EMPTY_ANSWER,
    MAX_TYPED_LENGTH,
    OPTIONS,
    DiffPart,
    LearnStep,
    ReviewMode,
    asked_mode,
    candidate_question_ids,
    choice_options,
    choice_outcome,
    difference,
    grade_typed,
    learn_step,
    mode_for_card,
    mode_questions,
    overruled,
    parse_choice,
    parse_mode,
    parse_typed,
)
from quizapp.domain.scheduling import Rating

K = QuestionKind
STEPANAKERT = {"answer": "Stepanakert", "accept": ["Stepanakert", "Khankendi", "Xankəndi"]}
YEAR_1994 = {"value": 1994, "tolerance": 0, "unit": None}
POPULATION = {"value": 120000, "tolerance": 10000, "unit": "people"}
ALL_MODES = (ReviewMode.FLIP, ReviewMode.TYPE, ReviewMode.CHOOSE)


def typed(kind, answer, text):
    parsed = parse_typed(kind, text)
    assert parsed.error is None, parsed.error
    return grade_typed(kind, answer, text, parsed.response)


# --- typing --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "correct"),
    [
        ("Stepanakert", True),
        ("  STEPANAKERT. ", True),
        ("Xankendi", True),
        ("Xankəndi", True),
        ("khankendi!", True),
        ("Stepanakertt", False),
        ("Shusha", False),
    ],
)
def test_typed_text_is_graded_with_the_quizzes_tolerance(text, correct):
    result = typed(K.SHORT_TEXT, STEPANAKERT, text)
    assert result.correct is correct
    assert result.rating is (Rating.GOOD if correct else Rating.AGAIN)


def test_typed_year_and_number_use_the_numeric_tolerance():
    assert typed(K.YEAR, YEAR_1994, "1994").correct
    assert not typed(K.YEAR, YEAR_1994, "1992").correct
    assert typed(K.NUMERIC, POPULATION, "115,000").correct
    assert not typed(K.NUMERIC, POPULATION, "90000").correct


def test_the_expected_answer_shown_is_the_nearest_accepted_spelling():
    assert typed(K.SHORT_TEXT, STEPANAKERT, "Khankandi").expected == "Khankendi"
    assert typed(K.SHORT_TEXT, STEPANAKERT, "Stepankert").expected == "Stepanakert"
    assert typed(K.YEAR, YEAR_1994, "1993").expected == "1994"
    assert typed(K.NUMERIC, POPULATION, "5").expected == "120,000 people (within 10,000)"


def test_the_difference_marks_missing_and_extra_letters():
    assert difference("Stepankertt", "Stepanakert") == (
        DiffPart("Stepan", "same"),
        DiffPart("a", "missing"),
        DiffPart("kert", "same"),
        DiffPart("t", "extra"),
    )
    assert difference("stepanakert", "Stepanakert") == (DiffPart("Stepanakert", "same"),)
    assert typed(K.YEAR, YEAR_1994, "1993").diff == ()


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_an_empty_answer_is_refused_with_a_message(text):
    assert parse_typed(K.SHORT_TEXT, text).error == EMPTY_ANSWER
    assert parse_typed(K.YEAR, text).error == EMPTY_ANSWER


def test_a_huge_or_malformed_answer_is_refused_with_a_message():
    assert "200" in parse_typed(K.SHORT_TEXT, "x" * (MAX_TYPED_LENGTH + 1)).error
    assert parse_typed(K.YEAR, "nineteen ninety").error == "Enter a whole year in digits."
    assert parse_typed(K.YEAR, 1994, from_json=True).response == 1994
    assert parse_typed(K.SHORT_TEXT, 5, from_json=True).error == "Send a string."
    assert parse_typed(K.SHORT_TEXT, None, from_json=True).error == EMPTY_ANSWER


def test_an_overrule_lifts_again_to_good_once():
    assert overruled(Rating.AGAIN) is Rating.GOOD
    assert overruled(Rating.GOOD) is None
    assert overruled(Rating.HARD) is None


# The tolerant matcher's invariants, over any text a learner might type.
answers = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F),
    min_size=1,
    max_size=20,
).filter(lambda text: any(ch.isalnum() for ch in text))


@given(answers)
def test_the_expected_answer_always_matches_itself(answer):
    spec = {"answer": answer, "accept": []}
    assert typed(K.SHORT_TEXT, spec, answer).correct


@given(answers, answers, st.sampled_from(["", ".", "!", "?", "  ", '"', "(", "..."]))
def test_case_and_surrounding_punctuation_never_change_the_verdict(answer, text, mark):
    spec = {"answer": answer, "accept": []}
    plain = typed(K.SHORT_TEXT, spec, text).correct
    changed = f"{mark}{text.swapcase()}{mark}"
    assert typed(K.SHORT_TEXT, spec, changed).correct is plain


@given(answers, answers)
def test_accents_never_change_the_verdict(answer, text):
    spec = {"answer": answer, "accept": []}
    plain = typed(K.SHORT_TEXT, spec, text).correct
    accented = unicodedata.normalize("NFC", "".join(ch + "\u0301" for ch in text))
    assert typed(K.SHORT_TEXT, spec, accented).correct is plain


@given(answers, st.lists(answers, max_size=3), answers)
def test_a_listed_spelling_is_as_right_as_the_answer(answer, others, text):
    spec = {"answer": answer, "accept": [*others, text]}
    assert typed(K.SHORT_TEXT, spec, text).correct


# --- choosing ------------------------------------------------------------------------------------


def test_options_are_the_answer_and_three_distinct_wrong_choices():
    choices = ["1992", "1994", "1996", "1991", "1994."]
    options = choice_options("1994", choices, random.Random(1))
    assert options is not None and len(options) == OPTIONS
    assert "1994" in options and "1994." not in options
    assert len(set(options)) == OPTIONS


def test_too_few_distinct_wrong_choices_give_no_options():
    assert (
        choice_options("Shusha", ["Shusha", "shusha", "Shushi", "SHUSHI!"], random.Random(1))
        is None
    )


@given(st.integers())
def test_the_answer_is_not_always_in_the_same_place(seed):
    rng = random.Random(seed)
    positions = {choice_options("a", ["a", "b", "c", "d"], rng).index("a") for _ in range(40)}
    assert len(positions) > 1


def test_a_wrong_choice_rates_again_and_a_right_one_only_rates_studied_cards():
    assert choice_outcome(False, is_new=True).rating is Rating.AGAIN
    assert choice_outcome(False, is_new=False).rating is Rating.AGAIN
    new = choice_outcome(True, is_new=True)
    assert new.rating is None and new.to_typing_step
    studied = choice_outcome(True, is_new=False)
    assert studied.rating is Rating.GOOD and not studied.to_typing_step


@pytest.mark.parametrize("value", ["", None, "Not shown", 3, ["1994"]])
def test_a_choice_not_among_the_options_is_refused(value):
    assert parse_choice(("1992", "1994", "1996", "1991"), value).error == CHOOSE_ONE


# --- which questions ask a card ------------------------------------------------------------------


def test_a_fact_card_is_asked_by_its_facts_recall_and_choice_questions():
    ids = candidate_question_ids("event.ceasefire-1994", None)
    assert ids[0] == "gen.figure-name.event.ceasefire-1994"
    assert "gen.event-year.event.ceasefire-1994" in ids
    assert "gen.event-year-choice.event.ceasefire-1994" in ids
    assert candidate_question_ids(None, "set.7.q1") == ["set.7.q1"]


def test_mode_questions_pick_the_first_question_of_each_kind():
    contents = {
        "q.year": {"kind": "year", "prompt": "When?", "answer": YEAR_1994, "choices": []},
        "q.choice": {
            "kind": "single_choice",
            "prompt": "Which year?",
            "answer": "1994",
            "choices": ["1992", "1994", "1996", "1991"],
        },
        "q.true": {"kind": "true_false", "prompt": "T/F", "answer": True, "choices": []},
    }
    found = mode_questions(["q.true", "q.missing", "q.year", "q.choice"], contents, "seed")
    assert found[ReviewMode.TYPE].id == "q.year"
    assert found[ReviewMode.CHOOSE].id == "q.choice"
    assert sorted(found[ReviewMode.CHOOSE].options) == ["1991", "1992", "1994", "1996"]
    assert mode_questions(["q.true"], contents, "seed") == {}


# --- the learn path ------------------------------------------------------------------------------


def test_learn_steps():
    assert learn_step(is_new=True, recognised=False) is LearnStep.CHOOSE
    assert learn_step(is_new=True, recognised=True) is LearnStep.TYPE
    assert learn_step(is_new=False, recognised=True) is LearnStep.SCHEDULED


@pytest.mark.parametrize("wanted", ALL_MODES)
def test_on_the_learn_path_a_new_card_is_chosen_then_typed(wanted):
    def mode(step):
        return mode_for_card(wanted, learn_path=True, step=step, available=ALL_MODES)

    assert mode(LearnStep.CHOOSE) is ReviewMode.CHOOSE
    assert mode(LearnStep.TYPE) is ReviewMode.TYPE
    assert mode(LearnStep.SCHEDULED) is wanted


@pytest.mark.parametrize("wanted", ALL_MODES)
def test_off_the_learn_path_the_session_mode_holds_until_a_card_is_recognised(wanted):
    def mode(step):
        return mode_for_card(wanted, learn_path=False, step=step, available=ALL_MODES)

    assert mode(LearnStep.CHOOSE) is wanted
    assert mode(LearnStep.SCHEDULED) is wanted
    assert mode(LearnStep.TYPE) is ReviewMode.TYPE


def test_a_card_without_a_question_for_the_mode_falls_back():
    def mode(wanted, available):
        return mode_for_card(
            wanted, learn_path=False, step=LearnStep.SCHEDULED, available=available
        )

    assert mode(ReviewMode.CHOOSE, [ReviewMode.TYPE]) is ReviewMode.TYPE
    assert mode(ReviewMode.CHOOSE, []) is ReviewMode.FLIP
    assert mode(ReviewMode.TYPE, [ReviewMode.CHOOSE]) is ReviewMode.FLIP


def test_modes_are_parsed_from_their_names_only():
    assert parse_mode("type") is ReviewMode.TYPE
    assert parse_mode("TYPE") is None
    assert parse_mode(None) is None
    assert parse_mode("x" * 1000) is None


def test_a_transliterated_letter_with_an_accent_matches_the_plain_letter():
    # "Ǿ" decomposes to "Ø" and an accent; "Ø" is then transliterated like the bare letter.
    assert typed(K.SHORT_TEXT, {"answer": "Orsted", "accept": []}, "Ǿrsted").correct


def test_a_card_asked_to_be_flipped_is_flipped_whatever_questions_it_has():
    """The review page looks up no question when `asked_mode` says flip: that must be right."""
    flipped = [
        (wanted, step, learn_path)
        for wanted in ReviewMode
        for step in LearnStep
        for learn_path in (True, False)
        if asked_mode(wanted, learn_path=learn_path, step=step) is ReviewMode.FLIP
    ]
    assert (ReviewMode.FLIP, LearnStep.SCHEDULED, True) in flipped
    assert (ReviewMode.FLIP, LearnStep.CHOOSE, True) not in flipped  # the learn path asks
    for wanted, step, learn_path in flipped:
        for available in ([], list(ReviewMode)):
            chosen = mode_for_card(wanted, learn_path=learn_path, step=step, available=available)
            assert chosen is ReviewMode.FLIP
