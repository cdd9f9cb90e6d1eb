"""Importing and exporting teachers' question sets: GIFT, Aiken and CSV.

What a teacher notices: a file from Moodle or a spreadsheet reads into the questions they wrote,
every mistake is reported on its line, and an exported set reads back as the same set.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quizapp.domain import aiken, csv_format, gift
from quizapp.domain.aiken import export_aiken, parse_aiken
from quizapp.domain.csv_format import export_csv, parse_csv
from quizapp.domain.generation import QuestionKind
from quizapp.domain.gift import export_gift, parse_gift
from quizapp.domain.interchange import (
    ImportResult,
    LineError,
    SetQuestion,
    normalised,
    problems,
    tidy_text,
)
from quizapp.domain.set_formats import export_by_extension, parse_by_extension, read_set

DATA = Path(__file__).resolve().parents[1] / "data" / "interchange"
K = QuestionKind


def only(result: ImportResult) -> SetQuestion:
    """The one question of an import that must have no errors."""
    assert result.errors == ()
    assert len(result.questions) == 1
    return result.questions[0]


def gift_question(text: str) -> SetQuestion:
    return only(parse_gift(text))


def error_of(result: ImportResult) -> LineError:
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


# --- GIFT: reading each construct --------------------------------------------------------------


def test_gift_single_choice_with_name_feedback_and_general_feedback():
    question = gift_question(
        "::Bishkek::When was the Bishkek Protocol signed? {=1994#Yes, in May. ~1992 "
        "~1996#Too late. ####The ceasefire began on 12 May 1994.}"
    )
    assert question == SetQuestion(
        name="Bishkek",
        kind=K.SINGLE_CHOICE,
        prompt="When was the Bishkek Protocol signed?",
        choices=("1994", "1992", "1996"),
        answer="1994",
        explanation="The ceasefire began on 12 May 1994.",
        choice_feedback={"1994": "Yes, in May.", "1996": "Too late."},
    )
    assert problems(question) == ()


def test_gift_comments_and_blank_lines_separate_questions():
    result = parse_gift(
        "// a comment before\n"
        "First? {=a ~b}\n"
        "\n"
        "   \n"
        "// a comment between lines of one question\n"
        "Second, over\n"
        "// ignored\n"
        "two lines? {=c ~d}\n"
    )
    assert result.errors == ()
    assert [q.prompt for q in result.questions] == ["First?", "Second, over\ntwo lines?"]


def test_gift_category_applies_to_the_questions_after_it():
    result = parse_gift(
        "Before? {T}\n\n"
        "$CATEGORY: $course$/top/Default for NK101/Ceasefires\n\n"
        "One? {T}\n\n"
        "Two? {F}\n\n"
        "$CATEGORY: Places/Names\n"
        "Right below the category? {T}\n\n"
        "$CATEGORY:\n\n"
        "After an empty category? {T}\n"
    )
    assert result.errors == ()
    assert [q.category for q in result.questions] == [
        None,
        "Default for NK101/Ceasefires",
        "Default for NK101/Ceasefires",
        "Places/Names",
        None,
    ]


def test_gift_names_can_hold_escaped_colons():
    question = gift_question("::Time 12\\:00\\: noon::What? {T}")
    assert question.name == "Time 12:00: noon"
    assert gift_question("No name here? {T}").name is None


@pytest.mark.parametrize(
    ("tag", "markdown"),
    [("[markdown]", True), ("[html]", True), ("[plain]", False), ("[moodle]", False), ("", False)],
)
def test_gift_format_tags_set_the_markdown_flag(tag, markdown):
    question = gift_question(f"::n::{tag}Is *this* emphasised? {{T}}")
    assert question.prompt == "Is *this* emphasised?"
    assert question.markdown is markdown


def test_gift_format_tags_on_answers_and_feedback_are_dropped():
    question = gift_question("[html]Pick {=[html]<b>a</b>#[plain]yes ~b ####[markdown]*fine*}")
    assert question.choices == ("<b>a</b>", "b")
    assert question.choice_feedback == {"<b>a</b>": "yes"}
    assert question.explanation == "*fine*"


def test_gift_multiple_choice_weights():
    question = gift_question(
        "Which co-chaired the Minsk Group? {~%33.33333%France ~%33.33333%Russia "
        "~%33.33333%United States ~%-100%Turkey#No. ~%0%Iran}"
    )
    assert question.kind is K.MULTIPLE_CHOICE
    assert question.answer == ["France", "Russia", "United States"]
    assert question.weights == {
        "France": 33.33333,
        "Russia": 33.33333,
        "United States": 33.33333,
        "Turkey": -100,
        "Iran": 0,
    }
    assert question.choice_feedback == {"Turkey": "No."}


def test_gift_single_choice_partial_credit():
    question = gift_question("Year? {=1994 ~%50%1993 ~1990}")
    assert question.kind is K.SINGLE_CHOICE
    assert question.answer == "1994"
    assert question.weights == {"1993": 50}


@pytest.mark.parametrize(
    ("written", "value"),
    [("T", True), ("TRUE", True), ("F", False), ("FALSE", False), ("true", True), (" f ", False)],
)
def test_gift_true_false(written, value):
    question = gift_question(f"Stepanakert is also called Khankendi. {{{written}}}")
    assert question.kind is K.TRUE_FALSE
    assert question.answer is value
    assert question.choices == ()


def test_gift_true_false_feedback_is_keyed_by_the_answer_given():
    # {T#shown to a wrong answer#shown to a right answer}
    assert gift_question("Statement? {T#wrong fb#right fb}").choice_feedback == {
        "true": "right fb",
        "false": "wrong fb",
    }
    assert gift_question("Statement? {FALSE#wrong fb#right fb}").choice_feedback == {
        "false": "right fb",
        "true": "wrong fb",
    }
    assert gift_question("Statement? {T##only right}").choice_feedback == {"true": "only right"}


def test_gift_short_answer_with_every_spelling_and_feedback():
    question = gift_question("Called in Armenian? {=Stepanakert#Yes =%100%Step'anakert}")
    assert question.kind is K.SHORT_TEXT
    assert question.answer == {"answer": "Stepanakert", "accept": ["Stepanakert", "Step'anakert"]}
    assert question.choice_feedback == {"Stepanakert": "Yes"}


def test_gift_missing_word_keeps_a_blank_in_the_prompt():
    choice = gift_question("The protocol was signed in {~1992 =1994 ~1996} in Bishkek.")
    assert choice.prompt == "The protocol was signed in _____ in Bishkek."
    short = gift_question("{=Stepanakert =Khankendi} is the main city.")
    assert short.prompt == "_____ is the main city."
    assert gift_question("Signed in {=1994 ~1992}.").prompt == "Signed in _____."


def test_gift_numeric_value_and_tolerance():
    question = gift_question("When was the ceasefire? {#1994:0.5}")
    assert question.kind is K.NUMERIC
    assert question.answer == {"value": 1994, "tolerance": 0.5, "unit": None}
    assert question.choices == ()


def test_gift_numeric_range_becomes_midpoint_and_half_width():
    assert gift_question("A number from 1 to 5? {#1..5}").answer == {
        "value": 3,
        "tolerance": 2,
        "unit": None,
    }
    assert gift_question("Between? {#1.5..2}").answer == {
        "value": 1.75,
        "tolerance": 0.25,
        "unit": None,
    }
    assert gift_question("Negative? {#-5..-1}").answer["value"] == -3


def test_gift_numeric_exact_number_and_several_answers():
    assert gift_question("Year? {#1994}").answer == {"value": 1994, "tolerance": 0, "unit": None}
    # As in Moodle, every range is kept in its order: the first worth 100 % is the answer.
    several = gift_question("Decade? {#=1990..1994 =1996..1999#Also right}")
    assert several.answer == {
        "value": 1992,
        "tolerance": 2,
        "unit": None,
        "ranges": [{"value": 1997.5, "tolerance": 1.5, "weight": 100.0}],
    }
    assert several.choice_feedback == {"range 1": "Also right"}


def test_gift_numeric_partial_credit_ranges_keep_weights_and_feedback():
    question = gift_question(
        "Born? {#\n=%50%1822:2#Close.\n=1822:0#Exactly.\n=%10%1800..1850\n~#No.\n}"
    )
    assert question.answer == {
        "value": 1822,
        "tolerance": 0,
        "unit": None,
        "ranges": [
            {"value": 1822, "tolerance": 2, "weight": 50.0},
            {"value": 1825, "tolerance": 25, "weight": 10.0},
        ],
    }
    assert question.choice_feedback == {
        "right": "Exactly.",
        "range 1": "Close.",
        "wrong": "No.",
    }


def test_gift_short_answer_partial_credit_keeps_weights():
    question = gift_question("From? {=Nazareth#Yes. =%75%Nazereth#Misspelled. =%0%*#No.}")
    assert question.answer == {"answer": "Nazareth", "accept": ["Nazareth", "Nazereth", "*"]}
    assert question.weights == {"Nazereth": 75.0, "*": 0.0}
    assert question.choice_feedback["*"] == "No."


def test_gift_lists_every_problem_of_a_question_at_once():
    text = "Which? {\n=%25%a\n~b\n~b\n=c\n~%500%d\n}"
    result = parse_gift(text)
    assert [(e.line, e.question) for e in result.errors] == [(2, 1), (4, 1), (6, 1), (5, 1)]
    assert "= marks the correct answer" in result.errors[0].message
    assert 'the answer "b" appears twice' in result.errors[1].message
    assert "%500%" in result.errors[2].message
    assert "only one answer can be marked =" in result.errors[3].message


def test_gift_numeric_feedback_for_right_and_any_other_number():
    question = gift_question("Year? {#=1992:0#Yes, February 1992. ~#It was in the first war.}")
    assert question.choice_feedback == {
        "right": "Yes, February 1992.",
        "wrong": "It was in the first war.",
    }


def test_gift_matching_pairs_and_extra_right_sides():
    question = gift_question(
        "Match the names. {=Stepanakert -> Khankendi =Shushi -> Shusha = -> Aghdam ####Both used.}"
    )
    assert question.kind is K.MATCHING
    assert question.answer == [["Stepanakert", "Khankendi"], ["Shushi", "Shusha"]]
    assert question.choices == ("Khankendi", "Shusha", "Aghdam")
    assert question.explanation == "Both used."


@pytest.mark.parametrize(
    ("escaped", "plain"),
    [
        ("\\~", "~"),
        ("\\=", "="),
        ("\\#", "#"),
        ("\\{", "{"),
        ("\\}", "}"),
        ("\\:", ":"),
        ("\\n", "\n"),
        ("\\\\", "\\"),
    ],
)
def test_gift_escapes_in_prompt_answers_and_feedback(escaped, plain):
    question = gift_question(
        f"::a{escaped}b::x{escaped}y {{=r{escaped}s#f{escaped}g ~t ####e{escaped}h}}"
    )
    assert question.name == f"a{plain}b"
    assert question.prompt == f"x{plain}y"
    assert question.choices == (f"r{plain}s", "t")
    assert question.choice_feedback == {f"r{plain}s": f"f{plain}g"}
    assert question.explanation == f"e{plain}h"


def test_gift_unknown_escapes_keep_their_backslash():
    assert gift_question("Path C:\\temp\\x? {T}").prompt == "Path C:\\temp\\x?"


def test_gift_moodle_export_reads_whole():
    result = parse_gift((DATA / "moodle_export.gift").read_text(encoding="utf-8"))
    assert result.errors == ()
    assert {q.category for q in result.questions} == {"Default for NK101/Ceasefires"}
    assert all(q.markdown for q in result.questions)
    bishkek, mediators, capital, khojaly, statement, names = result.questions
    assert bishkek.prompt == "<p>In which year was the Bishkek Protocol signed?</p>"
    assert bishkek.answer == "1994"
    assert bishkek.choice_feedback == {
        "1994": "It was signed in May 1994.",
        "1996": "Two years too late.",
    }
    assert bishkek.explanation == "<p>The ceasefire took effect on 12 May 1994.</p>"
    assert mediators.answer == ["France", "Russia", "United States"]
    assert capital.answer["accept"] == ["Stepanakert", "Step'anakert"]
    assert capital.choice_feedback == {}
    assert khojaly.answer == {"value": 1992, "tolerance": 0, "unit": None}
    assert set(khojaly.choice_feedback) == {"right", "wrong"}
    assert statement.answer is True
    assert statement.choice_feedback["true"] == "Correct."
    assert names.choices == ("Khankendi", "Shusha", "Aghdam")
    assert all(problems(q) == () for q in result.questions)


# --- GIFT: errors, each on its line ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Essay?\n{}", 2, "essay questions (an empty answer list {}) are not supported"),
        ("Just a description.", 1, "descriptions are not supported"),
        ("Capital?\n{Paris}", 2, "the answer list has no correct answer (=)"),
        ("Which?\n{~a ~b ~%0%c}", 2, "the answer list has no correct answer"),
        ("Which? {\n=a\n~b\n=c\n}", 4, "only one answer can be marked ="),
        ("Open? {=a ~b\nand never closed", 1, "never closed"),
        ("Stray } here {=a ~b}", 1, "a } closes no answer list"),
        ("Nested? {=a {~b} ~c}", 1, "a { inside an answer list"),
        ("Two lists? {=a ~b}\nand {=c ~d}", 2, "a question has one answer list"),
        ("::Unclosed name\nWhat? {T}", 1, "the question name is not closed"),
        ("Short? {\n=a\n=%-50%b\n}", 3, "a short answer's weight (=-50%) runs from 0 to 100"),
        (
            "Year? {#\n=1994:0\n=%-50%1993:1\n}",
            3,
            "a numeric answer's weight (=-50%) runs from 0 to 100",
        ),
        ("Year? {#\n=%50%1993:1\n}", 2, "no numeric answer is worth 100%"),
        ("Year? {#abc}", 1, '"abc" is not a number'),
        ("Year? {#1994:x}", 1, '"x" is not a number'),
        ("Year? {#5..1}", 1, "the range 5..1 ends below its start"),
        ("Year? {#5:-1}", 1, "the tolerance in 5:-1 is negative"),
        ("Year? {#=5:1 ~4:1#close}", 1, "numeric wrong answers are not supported"),
        ("Match {\n=a -> b\n=c\n}", 3, "a matching pair is written =left -> right"),
        ("Match {\n=a -> b#fb\n=c -> d\n}", 2, "matching pairs take no feedback (#)"),
        ("Match {=a -> b =%50%c -> d}", 1, "matching pairs take no weights"),
        ("Match {=a -> b =a -> c}", 1, 'the left side "a" appears twice'),
        ("Match {=a -> b}", 1, "a matching question needs at least two pairs"),
        ("Which? {\n=a\n~%150%b\n}", 3, "the weight %150% is not a percentage from -100 to 100"),
        ("Which? {=a ~b ~a}", 1, 'the answer "a" appears twice'),
        ("Which? {=a ~}", 1, "an answer is empty"),
        ("Which? {~%100%a}", 1, "a choice question needs at least two answers"),
        ("Which? {=%50%a ~b}", 1, "= marks the correct answer"),
        ("Which? {stray =a ~b}", 1, "text before the first answer"),
        ("::name::{=a ~b}", 1, "the question has no text"),
    ],
)
def test_gift_errors_name_their_line(text, line, message):
    error = error_of(parse_gift("// a comment first\n\n" + text))
    assert error.line == line + 2
    assert message in error.message
    assert str(error) == f"line {line + 2}: {error.message}"


def test_gift_reports_every_bad_question_and_still_reads_the_good_ones():
    text = "Good? {T}\n\nEssay? {}\n\n// note\nAlso good? {=a ~b}\n\nCapital?\n{Paris}\n"
    result = parse_gift(text)
    assert [q.prompt for q in result.questions] == ["Good?", "Also good?"]
    assert [(e.line, e.message) for e in result.errors] == [
        (3, "essay questions (an empty answer list {}) are not supported"),
        (9, "the answer list has no correct answer (=)"),
    ]
    assert not result.ok


def test_gift_empty_file_has_no_questions():
    assert parse_gift("// only a comment\n\n$CATEGORY: x\n").errors == (
        LineError(0, "the file holds no questions"),
    )


# --- GIFT: writing ------------------------------------------------------------------------------


def test_gift_export_reads_like_moodle():
    questions = [
        SetQuestion(
            name="Bishkek",
            kind=K.SINGLE_CHOICE,
            prompt="Signed in {year}: when?",
            choices=("1994", "1992"),
            answer="1994",
            explanation="May 1994.",
            choice_feedback={"1992": "Too early."},
            category="Ceasefires",
        ),
        SetQuestion(kind=K.TRUE_FALSE, prompt="Statement.", answer=False, category="Ceasefires"),
        SetQuestion(
            kind=K.SHORT_TEXT,
            prompt="_____ is the main city.",
            answer={"answer": "Stepanakert", "accept": ["Khankendi"]},
            markdown=True,
        ),
    ]
    assert export_gift(questions) == (
        "$CATEGORY: Ceasefires\n\n"
        "::Bishkek::Signed in \\{year\\}\\: when? {\n=1994\n~1992#Too early.\n####May 1994.\n}\n\n"
        "Statement. {\nFALSE\n}\n\n"
        "$CATEGORY:\n\n"
        "[markdown]{\n=Stepanakert\n=Khankendi\n} is the main city.\n"
    )


def test_gift_export_writes_a_missing_word_back_in_place():
    question = SetQuestion(
        kind=K.SINGLE_CHOICE, prompt="Signed in _____ in Bishkek.", choices=("a", "b"), answer="a"
    )
    assert export_gift([question]) == "Signed in {\n=a\n~b\n} in Bishkek.\n"


def test_gift_export_gives_unweighted_multiple_choice_the_apps_grading():
    question = SetQuestion(
        kind=K.MULTIPLE_CHOICE, prompt="Which?", choices=("a", "b", "c", "d"), answer=["b", "a"]
    )
    assert "~%50%a\n~%50%b\n~%-50%c\n~%-50%d\n" in export_gift([question])
    assert gift.carried(question).answer == ["a", "b"]
    assert gift.carried(question).weights == {"a": 50, "b": 50, "c": -50, "d": -50}


def test_gift_export_escapes_what_gift_would_misread():
    question = SetQuestion(
        kind=K.SHORT_TEXT,
        prompt="//not a comment [html]",
        answer={"answer": "a->b", "accept": ["%5% off", "[html]tag"]},
    )
    written = export_gift([question])
    assert written == (
        "[plain]//not a comment [html] {\n=a-\\>b\n=\\%5% off\n=[plain][html]tag\n}\n"
    )
    assert only(parse_gift(written)) == normalised(question)


def test_gift_export_refuses_what_it_cannot_write_and_names_it():
    ordering = SetQuestion(kind=K.ORDERING, prompt="Order these.", answer=["a", "b", "c"])
    broken = SetQuestion(kind=K.SINGLE_CHOICE, prompt="Pick", choices=("a", "b"), answer="c")
    with pytest.raises(ValueError) as raised:
        export_gift([ordering, broken])
    message = str(raised.value)
    assert 'question 1 "Order these.": GIFT has no ordering questions' in message
    assert 'question 2 "Pick": the answer is not one of the choices' in message


def test_gift_export_drops_the_numeric_unit_only():
    question = SetQuestion(
        kind=K.NUMERIC, prompt="Area?", answer={"value": 4400, "tolerance": 100, "unit": "km²"}
    )
    back = only(parse_gift(export_gift([question])))
    assert back.answer == {"value": 4400, "tolerance": 100, "unit": None}


# --- Aiken ---------------------------------------------------------------------------------------


def test_aiken_reads_a_file():
    result = parse_aiken((DATA / "sample.txt").read_text(encoding="utf-8"))
    assert result.errors == ()
    first, second = result.questions
    assert first == SetQuestion(
        kind=K.SINGLE_CHOICE,
        prompt="In which year was the Bishkek Protocol signed?",
        choices=("1992", "1994", "1996"),
        answer="1994",
    )
    assert second.prompt == (
        "Which body mediated the talks after 1992?\nThe answer names a group, not a country."
    )
    assert second.answer == "The OSCE Minsk Group"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Question?\nA. a\nB. b\n", 1, "the question has no ANSWER: line after it"),
        ("Question?\nA. a\nC. c\nANSWER: A\n", 3, "expected choice B, found C"),
        ("Question?\nA. a\nB. b\nANSWER: C\n", 4, "the answer must be one of the letters A, B"),
        ("Question?\nA. a\nANSWER: A\n", 3, "at least two choices"),
        ("Question?\nA.\nB. b\nANSWER: A\n", 2, "choice A is empty"),
        ("Question?\nA. a\nB. a\nANSWER: A\n", 3, 'the choice "a" appears twice'),
        ("Question?\nA. a\nB. b\nnot a choice\nANSWER: A\n", 4, "expected choice C"),
    ],
)
def test_aiken_errors_name_their_line(text, line, message):
    error = error_of(parse_aiken("\n" + text))
    assert error.line == line + 1
    assert message in error.message


def test_aiken_a_missing_answer_line_shows_where_the_next_question_starts():
    result = parse_aiken(
        "One?\nA. a\nB. b\n\nTwo?\nA. c\nB. d\nANSWER: A\n\nThree?\nA. e\nB. f\nANSWER: B\n"
    )
    assert [q.prompt for q in result.questions] == ["Three?"]
    assert result.errors == (LineError(5, 'expected choice C ("C. text") or the ANSWER: line'),)


def test_aiken_export_writes_single_choice_and_refuses_other_kinds():
    question = SetQuestion(
        name="dropped",
        kind=K.SINGLE_CHOICE,
        prompt="Signed when?",
        choices=("1992", "1994"),
        answer="1994",
        explanation="dropped too",
    )
    assert export_aiken([question]) == "Signed when?\nA. 1992\nB. 1994\nANSWER: B\n"
    multiple = SetQuestion(
        name="Co-chairs", kind=K.MULTIPLE_CHOICE, prompt="Which?", choices=("a", "b"), answer=["a"]
    )
    numeric = SetQuestion(
        kind=K.NUMERIC, prompt="How many?", answer={"value": 3, "tolerance": 0, "unit": None}
    )
    with pytest.raises(ValueError) as raised:
        export_aiken([question, multiple, numeric])
    assert str(raised.value) == (
        'cannot export as Aiken: question 2 "Co-chairs" is a multiple_choice question; Aiken '
        'holds single-choice questions only; question 3 "How many?" is a numeric question; '
        "Aiken holds single-choice questions only"
    )


def test_aiken_keeps_prompt_lines_it_can_and_joins_the_rest():
    question = SetQuestion(
        kind=K.SINGLE_CHOICE,
        prompt="First line\n\nA. looks like a choice\nANSWER: looks like the end\nlast",
        choices=("one\nline", "two"),
        answer="two",
    )
    carried = aiken.carried(question)
    assert carried.prompt == "First line A. looks like a choice ANSWER: looks like the end\nlast"
    assert carried.choices == ("one line", "two")
    assert only(parse_aiken(export_aiken([question]))) == carried


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_reads_every_kind():
    result = parse_csv((DATA / "sample.csv").read_text(encoding="utf-8"))
    assert result.errors == ()
    single, multiple, true_false, numeric, short, matching = result.questions
    assert single == SetQuestion(
        name="Bishkek",
        kind=K.SINGLE_CHOICE,
        prompt="In which year was the Bishkek Protocol signed?",
        choices=("1992", "1994", "1996"),
        answer="1994",
        explanation="Signed in May 1994, in Bishkek.",
        category="Ceasefires",
    )
    assert multiple.answer == ["France", "Russia", "United States"]
    assert true_false.answer is True
    assert numeric.answer == {"value": 3, "tolerance": 0, "unit": None}
    assert short.answer == {"answer": "Stepanakert", "accept": ["Stepanakert", "Step'anakert"]}
    assert short.explanation == 'Also spelled "Step\'anakert".'
    assert matching.prompt == "Match each place with its other name,\nin the other language."
    assert matching.answer == [["Stepanakert", "Khankendi"], ["Shushi", "Shusha"]]
    assert matching.choices == ("Khankendi", "Shusha", "Aghdam")


def test_csv_numeric_answers():
    def numeric(cell):
        return only(parse_csv(f"{','.join(csv_format.HEADER)}\nnumeric,,How much?,,{cell},,\n"))

    assert numeric("1994±1").answer == {"value": 1994, "tolerance": 1, "unit": None}
    assert numeric("1994 +/- 0.5").answer == {"value": 1994, "tolerance": 0.5, "unit": None}
    assert numeric("4400±100 km²").answer == {"value": 4400, "tolerance": 100, "unit": "km²"}
    assert numeric("'-2.5").answer == {"value": -2.5, "tolerance": 0, "unit": None}


def test_csv_lists_escape_bars_and_backslashes():
    question = only(
        parse_csv(
            "kind,name,prompt,choices,answer,explanation,category\n"
            "single_choice,,Pick,a\\|b|c\\\\|d\\x,a\\|b,,\n"
        )
    )
    assert question.choices == ("a|b", "c\\", "d\\x")
    assert question.answer == "a|b"


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_export_neutralises_formulas_and_import_restores_them():
    question = SetQuestion(
        name='=HYPERLINK("http://example.com")',
        kind=K.SHORT_TEXT,
        prompt="+1 or -1?",
        answer={"answer": "@SUM(A1)", "accept": ["-1"]},
        explanation="'=already quoted",
        category="'plain quote",
    )
    written = export_csv([question])
    assert rows(written)[1] == [
        "short_text",
        '\'=HYPERLINK("http://example.com")',
        "'+1 or -1?",
        "",
        "'@SUM(A1)|-1",
        "''=already quoted",
        "'plain quote",
    ]
    assert only(parse_csv(written)) == normalised(question)


def test_csv_import_strips_exactly_one_guarding_quote():
    question = only(
        parse_csv(
            "kind,name,prompt,choices,answer,explanation,category\n"
            "true_false,'=name,'+prompt,,true,''-explanation,'category\n"
        )
    )
    assert (question.name, question.prompt, question.explanation, question.category) == (
        "=name",
        "+prompt",
        "'-explanation",
        "'category",
    )


def test_csv_export_quotes_commas_quotes_and_line_breaks():
    question = SetQuestion(
        kind=K.MULTIPLE_CHOICE,
        prompt='He said "no",\nthen left.',
        choices=("a, b", 'c "d"', "e|f"),
        answer=["a, b", "e|f"],
        choice_feedback={"a, b": "not carried"},
        weights={"a, b": 50, "e|f": 50},
        markdown=True,
    )
    written = export_csv([question])
    assert written.splitlines()[0] == "kind,name,prompt,choices,answer,explanation,category"
    assert rows(written)[1][2:5] == ['He said "no",\nthen left.', 'a, b|c "d"|e\\|f', "a, b|e\\|f"]
    back = only(parse_csv(written))
    assert back == csv_format.carried(question)
    assert (back.choice_feedback, back.weights, back.markdown) == ({}, {}, False)


HEADER_LINE = "kind,name,prompt,choices,answer,explanation,category"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("single_choice,,Pick,a|b", "a row has 7 cells"),
        ("essay,,Write,,,,", 'unknown kind "essay"'),
        ("true_false,, ,,true,,", "the prompt is empty"),
        ("single_choice,,Pick,a|b,c,,", 'the answer "c" is not one of the choices'),
        ("single_choice,,Pick,a|b,a|b,,", "exactly one correct choice"),
        ("single_choice,,Pick,a,a,,", "at least two choices"),
        ("single_choice,,Pick,a||b,a,,", "the choices has an empty item"),
        ("single_choice,,Pick,a|b|a,a,,", '"a" appears twice in the choices'),
        ("multiple_choice,,Pick,a|b,,,", "at least one correct choice"),
        ("true_false,,Statement,,maybe,,", 'true or false, not "maybe"'),
        ("numeric,,How many?,,three,,", 'value±tolerance, such as 1994±1, not "three"'),
        ("numeric,,How many?,,3±-1,,", "the tolerance is negative"),
        ("numeric,,How many?,a|b,3,,", "a numeric question takes no choices"),
        ("short_text,,Name?,,,,", "at least one accepted answer"),
        ("matching,,Match,,a->b|c,,", 'a matching pair is written left->right, not "c"'),
        ("matching,,Match,,a->b|->d,,", 'the pair "->d" has an empty side'),
        ("matching,,Match,,a->b,,", "at least two pairs"),
    ],
)
def test_csv_errors_name_the_rows_line(row, message):
    # The first question's prompt spans two lines, so the bad row starts on line 4.
    text = f'{HEADER_LINE}\ntrue_false,,"Two\nlines",,true,,\n{row}\n'
    result = parse_csv(text)
    assert len(result.questions) == 1
    error = error_of(result)
    assert error.line == 4
    assert message in error.message


def test_csv_needs_its_header_and_some_questions():
    assert parse_csv("kind,prompt\nsingle_choice,Pick\n").errors == (
        LineError(1, f"the first row must be the header {HEADER_LINE}"),
    )
    assert parse_csv(HEADER_LINE + "\n\n").errors == (LineError(0, "the file holds no questions"),)
    # A spreadsheet's byte-order mark and blank rows are fine.
    assert parse_csv("\ufeff\n" + HEADER_LINE + "\n,,,,,,\ntrue_false,,S,,TRUE,,\n").ok


# --- choosing a format, the shared model ---------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "text"),
    [
        ("set.gift", "Statement? {T}"),
        ("uploads/Set.GIFT", "Statement? {T}"),
        ("set.aiken", "Pick?\nA. x\nB. y\nANSWER: A"),
        ("set.txt", "Pick?\nA. x\nB. y\nANSWER: A"),
        ("C:\\teacher\\set.csv", HEADER_LINE + "\ntrue_false,,Statement?,,true,,"),
    ],
)
def test_parse_by_extension_picks_the_format(filename, text):
    assert only(parse_by_extension(filename, text)).prompt in {"Statement?", "Pick?"}


@pytest.mark.parametrize("filename", ["set.docx", "set", "archive.gift.zip"])
def test_parse_by_extension_reports_an_unknown_extension(filename):
    result = parse_by_extension(filename, "Statement? {T}")
    assert result.questions == ()
    error = error_of(result)
    assert error.line == 0
    assert filename in error.message and ".gift, .aiken, .txt, .csv" in error.message
    assert str(error) == error.message


def test_export_by_extension_picks_the_format():
    question = SetQuestion(kind=K.TRUE_FALSE, prompt="Statement?", answer=True)
    assert export_by_extension("set.gift", [question]) == export_gift([question])
    assert export_by_extension("set.csv", [question]) == export_csv([question])
    with pytest.raises(ValueError, match="question sets are written as"):
        export_by_extension("set.docx", [question])


def test_generated_kinds_export_as_the_supported_kind_with_the_same_answer():
    who = SetQuestion(kind=K.WHO_SAID_IT, prompt=" Who said it? ", choices=("a", "b"), answer="a")
    year = SetQuestion(kind=K.YEAR, prompt="Year?", answer={"value": 1994, "tolerance": 0})
    assert normalised(who).kind is K.SINGLE_CHOICE
    assert normalised(who).prompt == "Who said it?"
    assert normalised(year).answer == {"value": 1994, "tolerance": 0, "unit": None}
    assert only(parse_aiken(export_aiken([who]))).kind is K.SINGLE_CHOICE


def test_normalised_tidies_what_no_format_keeps():
    question = SetQuestion(
        name="  ",
        kind=K.MULTIPLE_CHOICE,
        prompt="Which?\r\nTwo lines.",
        choices=("a", " b ", "c"),
        answer=["c", "b"],
        choice_feedback={"a": " ", "b": "fb", "zzz": "no such choice"},
        category="",
    )
    assert normalised(question) == SetQuestion(
        kind=K.MULTIPLE_CHOICE,
        prompt="Which?\nTwo lines.",
        choices=("a", "b", "c"),
        answer=["b", "c"],
        choice_feedback={"b": "fb"},
    )


def test_problems_explain_an_unfit_question():
    assert problems(SetQuestion(kind=K.TRUE_FALSE, prompt="S", answer="yes")) == (
        "a true_false answer must be true or false",
    )
    weighted = SetQuestion(
        kind=K.MULTIPLE_CHOICE, prompt="?", choices=("a", "b"), answer=["a"], weights={"b": 50}
    )
    assert problems(weighted) == (
        "the correct choices are not exactly those with a positive weight",
    )


def test_a_question_survives_a_trip_through_a_dict():
    question = gift_question("::n::Which? {~%50%a ~%50%b#fb ~c ####why}")
    assert SetQuestion.from_dict(question.as_dict()) == question
    assert hash(question) == hash(SetQuestion.from_dict(question.as_dict()))


# --- properties: an exported set reads back as the same set -----------------------------------

TRICKY = ["->", "####", "_____", "\\n", "::", "//", "[html]", "[markdown]", "%50%", "$CATEGORY:"]
CHARACTERS = st.sampled_from(list("abzAZ09 əŞ~=#{}:\\|,\"\n-+@'%[]/>_.\t"))
PREFIXES = st.sampled_from(["", "", "", "=", "+", "-", "@", "'=", "'", "T", "#", "%5%", "top/"])
PIECES = st.one_of(st.text(CHARACTERS, min_size=1, max_size=6), st.sampled_from(TRICKY))
TEXT = (
    st.tuples(PREFIXES, st.lists(PIECES, min_size=1, max_size=4))
    .map(lambda drawn: tidy_text(drawn[0] + "".join(drawn[1])))
    .filter(bool)
)
OPTIONAL_TEXT = st.one_of(st.none(), TEXT)
NUMBERS = st.one_of(
    st.integers(-(10**20), 10**20), st.floats(allow_nan=False, allow_infinity=False)
)
TOLERANCES = st.one_of(st.integers(0, 10**6), st.floats(0, 1e12))
WEIGHTS = st.one_of(
    st.sampled_from([-100.0, -50.0, 0.0, 12.5, 33.33333, 100.0]), st.floats(-100, 100)
)


@st.composite
def feedback_for(draw, keys):
    chosen = draw(st.lists(st.sampled_from(list(keys)), unique=True)) if keys else []
    return {key: draw(TEXT) for key in chosen}


@st.composite
def set_questions(draw, kinds):
    kind = draw(st.sampled_from(kinds))
    choices: tuple[str, ...] = ()
    weights: dict[str, float] = {}
    feedback_keys: list[str] = []
    if kind in (K.SINGLE_CHOICE, K.MULTIPLE_CHOICE):
        choices = tuple(draw(st.lists(TEXT, min_size=2, max_size=5, unique=True)))
        feedback_keys = list(choices)
        if kind is K.SINGLE_CHOICE:
            answer = draw(st.sampled_from(choices))
            others = [choice for choice in choices if choice != answer]
            weights = {
                c: draw(WEIGHTS) for c in draw(st.lists(st.sampled_from(others), unique=True))
            }
        else:
            correct = draw(st.lists(st.sampled_from(choices), min_size=1, unique=True))
            answer = [choice for choice in choices if choice in correct]
            if draw(st.booleans()):
                for choice in choices:
                    if choice in correct:
                        weights[choice] = draw(st.floats(0, 100, exclude_min=True))
                    elif draw(st.booleans()):
                        weights[choice] = draw(st.floats(-100, 0))
    elif kind is K.TRUE_FALSE:
        answer = draw(st.booleans())
        feedback_keys = ["true", "false"]
    elif kind is K.NUMERIC:
        answer = {
            "value": draw(NUMBERS),
            "tolerance": draw(TOLERANCES),
            "unit": draw(OPTIONAL_TEXT),
        }
        ranges = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"value": NUMBERS, "tolerance": TOLERANCES, "weight": st.floats(0, 100)}
                ),
                max_size=2,
            )
        )
        if ranges:
            answer["ranges"] = ranges
        feedback_keys = ["right", "wrong", *(f"range {n}" for n in range(1, len(ranges) + 1))]
    elif kind is K.SHORT_TEXT:
        spellings = draw(st.lists(TEXT, min_size=1, max_size=3, unique=True))
        answer = {"answer": spellings[0], "accept": spellings}
        feedback_keys = spellings
        weighted = draw(st.lists(st.sampled_from(spellings), unique=True))
        weights = {spelling: draw(st.floats(0, 100, exclude_max=True)) for spelling in weighted}
    else:
        lefts = draw(st.lists(TEXT, min_size=2, max_size=4, unique=True))
        answer = [[left, draw(TEXT)] for left in lefts]
        choices = tuple(draw(st.lists(TEXT, max_size=2)))
    return SetQuestion(
        name=draw(OPTIONAL_TEXT),
        kind=kind,
        prompt=draw(TEXT),
        choices=choices,
        answer=answer,
        explanation=draw(st.one_of(st.just(""), TEXT)),
        choice_feedback=draw(feedback_for(feedback_keys)),
        weights=weights,
        category=draw(OPTIONAL_TEXT),
        markdown=draw(st.booleans()),
    )


ALL_KINDS = (K.SINGLE_CHOICE, K.MULTIPLE_CHOICE, K.TRUE_FALSE, K.NUMERIC, K.SHORT_TEXT, K.MATCHING)
ROUND_TRIP = settings(
    derandomize=True,
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def in_normal_form(questions, carried):
    """The questions as the format carries them; the property then asks for exact equality."""
    carried_questions = tuple(carried(question) for question in questions)
    assume(all(problems(question) == () for question in carried_questions))
    assert tuple(carried(question) for question in carried_questions) == carried_questions
    return carried_questions


@ROUND_TRIP
@given(st.lists(set_questions(ALL_KINDS), min_size=1, max_size=4))
def test_gift_round_trip(questions):
    questions = in_normal_form(questions, gift.carried)
    assert parse_gift(export_gift(questions)) == ImportResult(questions, ())


@ROUND_TRIP
@given(st.lists(set_questions(ALL_KINDS), min_size=1, max_size=4))
def test_csv_round_trip(questions):
    questions = in_normal_form(questions, csv_format.carried)
    assert parse_csv(export_csv(questions)) == ImportResult(questions, ())


@ROUND_TRIP
@given(st.lists(set_questions((K.SINGLE_CHOICE,)), min_size=1, max_size=4))
def test_aiken_round_trip(questions):
    questions = in_normal_form(questions, aiken.carried)
    assert parse_aiken(export_aiken(questions)) == ImportResult(questions, ())


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.lists(st.one_of(PIECES, st.sampled_from(["{", "}", "{#", "\n\n", "A. ", "ANSWER: "]))))
def test_parsers_report_rather_than_crash_on_any_text(pieces):
    text = "".join(pieces)
    for parse in (parse_gift, parse_aiken, parse_csv):
        result = parse(text)
        assert result.questions or result.errors
        assert all(problems(question) == () for question in result.questions)


def test_ordering_questions_live_in_sets_and_round_trip_through_csv_only():
    ordering = SetQuestion(
        kind=K.ORDERING, prompt="Earliest first.", answer=["Bishkek", "Madrid | Kazan", "Prague"]
    )
    assert problems(ordering) == ()
    assert parse_csv(export_csv([ordering])).questions == (csv_format.carried(ordering),)
    assert parse_csv(export_csv([ordering])).questions[0].answer == [
        "Bishkek",
        "Madrid | Kazan",
        "Prague",
    ]
    short = SetQuestion(kind=K.ORDERING, prompt="Order.", answer=["a", "a"])
    assert problems(short) == (
        "an ordering question needs at least three items",
        "an item appears twice",
    )
    with pytest.raises(ValueError, match="Aiken holds single-choice questions only"):
        export_aiken([ordering])


def test_csv_ordering_rows_need_three_items():
    text = "kind,name,prompt,choices,answer,explanation,category\nordering,,Order,,a|b,,\n"
    result = parse_csv(text)
    assert [str(error) for error in result.errors] == [
        "line 2: an ordering question lists at least three items, in order, with |"
    ]


@pytest.mark.parametrize(
    ("text", "expected", "reason"),
    [
        ("::q::Capital? {=Yerevan ~Baku}\n", "gift", "GIFT answer lists"),
        ("Capital?\nA. Yerevan\nB. Baku\nANSWER: A\n", "aiken", "Aiken ANSWER: lines (1)"),
        ("kind,name,prompt,choices,answer,explanation,category\n", "csv", "CSV header"),
        ("just some words\n", "gift", "nothing in it looks like GIFT, Aiken or CSV"),
    ],
)
def test_a_txt_file_is_read_in_the_format_its_content_shows(text, expected, reason):
    reading = read_set("bank.txt", text)
    assert reading.format == expected
    assert reading.reason.startswith(".txt names no format, and ")
    assert reason in reading.reason


def test_a_chosen_format_wins_over_the_extension_and_the_content():
    text = "Capital?\nA. Yerevan\nB. Baku\nANSWER: A\n"
    assert read_set("bank.gift", text).format == "gift"
    chosen = read_set("bank.gift", text, "aiken")
    assert (chosen.format, chosen.reason) == ("aiken", "you chose it")
    assert len(chosen.result.questions) == 1
    assert read_set("bank.docx", text, "aiken").result.ok
