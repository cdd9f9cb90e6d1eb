"""WTForms for teachers and classes: question sets, questions, quizzes, classes, assignments, flags.

The question form reads one question of any kind; `question_from_form` turns it into an
interchange `SetQuestion`, putting every problem on the field it concerns.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import URL, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from .domain.bank import Topic
from .domain.generation import QuestionKind
from .domain.interchange import SetQuestion, parse_number, problems
from .domain.local_time import DEFAULT_TIME_ZONE, NonexistentLocalTime, from_local, zone
from .domain.weighted_lines import split_range, split_weight, with_weight
from .models import FeedbackTiming, GradingMethod, QuizLayout

KIND_LABELS = {
    QuestionKind.SINGLE_CHOICE: "Single choice",
    QuestionKind.MULTIPLE_CHOICE: "Multiple choice",
    QuestionKind.TRUE_FALSE: "True or false",
    QuestionKind.NUMERIC: "Number",
    QuestionKind.SHORT_TEXT: "Short text",
    QuestionKind.MATCHING: "Matching",
    QuestionKind.ORDERING: "Ordering",
}
TOPIC_CHOICES = [SelectChoice(topic.value, topic.value.title()) for topic in Topic]
MARKDOWN_HINT = "You may use Markdown: *italic*, **bold**, `code`, lists and links."


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SetForm(FlaskForm):
    title = StringField("Title", validators=[InputRequired(), Length(max=200)])
    description = TextAreaField("Description", validators=[Optional(), Length(max=2000)])
    is_public = BooleanField("Public: every teacher may use it and every learner may study it")
    shared_with = MultiCheckboxField("Share with these classes", coerce=int)
    submit = SubmitField("Save set")


class QuestionForm(FlaskForm):
    kind = SelectField(
        "Kind",
        choices=[SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()],
        validators=[InputRequired()],
    )
    topic = SelectField("Topic", choices=TOPIC_CHOICES, validators=[InputRequired()])
    prompt = TextAreaField("Question", validators=[InputRequired(), Length(max=4000)])
    choices = TextAreaField(
        "Choices",
        description="Single and multiple choice: one choice per line; start each correct "
        "choice with * (one for single choice). A weight such as %50% before a choice gives it "
        "that share of the credit (in multiple choice a negative one takes credit away).",
        validators=[Optional(), Length(max=4000)],
    )
    truth = SelectField(
        "The statement is",
        choices=[
            SelectChoice("", "Choose"),
            SelectChoice("true", "True"),
            SelectChoice("false", "False"),
        ],
        description="True or false questions only.",
        validators=[Optional()],
    )
    number = StringField(
        "Correct number", description="Number questions only.", validators=[Optional()]
    )
    tolerance = StringField(
        "Tolerance",
        description="Number questions: answers this far from the number also count (0 for exact).",
        validators=[Optional()],
    )
    unit = StringField("Unit", validators=[Optional(), Length(max=40)])
    ranges = TextAreaField(
        "Partial credit ranges",
        description="Number questions: one further range per line, its weight first, such as "
        "%50% 2020:1 (2020 give or take 1 earns half the credit).",
        validators=[Optional(), Length(max=2000)],
    )
    accepted = TextAreaField(
        "Accepted answers",
        description="Short text questions: one accepted spelling per line, the main one first; "
        "%75% before one gives it 75 % of the credit.",
        validators=[Optional(), Length(max=2000)],
    )
    pairs = TextAreaField(
        "Pairs",
        description="Matching questions: one pair per line, written left = right (at least two).",
        validators=[Optional(), Length(max=4000)],
    )
    ordered_items = TextAreaField(
        "Items in order",
        description="Ordering questions: one item per line, in the correct order (at least three).",
        validators=[Optional(), Length(max=4000)],
    )
    explanation = TextAreaField(
        "Explanation", description="Shown after answering.", validators=[Length(max=4000)]
    )
    source_title = StringField("Source", validators=[Optional(), Length(max=300)])
    source_url = StringField(
        "Source address",
        validators=[Optional(), URL(require_tld=False, message="Give a full http(s) address.")],
    )
    evidence = TextAreaField(
        "Evidence", description="A short excerpt of the source.", validators=[Length(max=2000)]
    )
    submit = SubmitField("Save question")


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def question_from_form(form: QuestionForm) -> SetQuestion | None:
    """The question the (already validated) form describes, or None with errors on its fields."""
    kind = QuestionKind(form.kind.data)
    found: dict[Any, list[str]] = {}
    choices: tuple[str, ...] = ()
    answer: Any = None
    weights: dict[str, float] = {}
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        lines = _lines(form.choices.data)
        weights = _weights(form.choices, [line.lstrip("*") for line in lines], found)
        choices = tuple(split_weight(line.lstrip("*"))[1] for line in lines)
        correct = [split_weight(line[1:])[1] for line in lines if line.startswith("*")]
        if not lines:
            found.setdefault(form.choices, []).append("Write the choices, one per line.")
        elif kind is QuestionKind.SINGLE_CHOICE:
            if len(correct) != 1:
                found.setdefault(form.choices, []).append(
                    "Mark exactly one choice as correct with a leading *."
                )
            answer = correct[0] if correct else ""
        else:
            answer = correct
    elif kind is QuestionKind.TRUE_FALSE:
        if form.truth.data not in ("true", "false"):
            found.setdefault(form.truth, []).append("Choose whether the statement is true.")
        answer = form.truth.data == "true"
    elif kind is QuestionKind.NUMERIC:
        value = parse_number(form.number.data or "")
        tolerance = parse_number(form.tolerance.data or "0")
        if value is None:
            found.setdefault(form.number, []).append("Give the correct number, e.g. 1994.")
        if tolerance is None:
            found.setdefault(form.tolerance, []).append("Give the tolerance as a number, e.g. 0.")
        answer = {"value": value or 0, "tolerance": tolerance or 0, "unit": form.unit.data or None}
        ranges = _ranges(form.ranges, found)
        if ranges:
            answer["ranges"] = ranges
    elif kind is QuestionKind.SHORT_TEXT:
        lines = _lines(form.accepted.data)
        weights = _weights(form.accepted, lines, found)
        spellings = [split_weight(line)[1] for line in lines]
        if not spellings:
            found.setdefault(form.accepted, []).append("Give at least one accepted answer.")
        answer = {"answer": spellings[0] if spellings else "", "accept": spellings}
    elif kind is QuestionKind.MATCHING:
        pairs = []
        for number, line in enumerate(_lines(form.pairs.data), start=1):
            left, equals, right = line.partition("=")
            if not equals:
                found.setdefault(form.pairs, []).append(f"Line {number} has no “=”.")
            pairs.append([left.strip(), right.strip()])
        answer = pairs
    elif kind is QuestionKind.ORDERING:
        answer = _lines(form.ordered_items.data)
        if not answer:
            found.setdefault(form.ordered_items, []).append(
                "Write the items, one per line, in order."
            )
    question = SetQuestion(
        kind=kind,
        prompt=form.prompt.data or "",
        choices=choices,
        answer=answer,
        explanation=form.explanation.data or "",
        weights=weights,
        markdown=True,
    )
    if not found:
        target = {
            QuestionKind.SINGLE_CHOICE: form.choices,
            QuestionKind.MULTIPLE_CHOICE: form.choices,
            QuestionKind.TRUE_FALSE: form.truth,
            QuestionKind.NUMERIC: form.tolerance,
            QuestionKind.SHORT_TEXT: form.accepted,
            QuestionKind.MATCHING: form.pairs,
            QuestionKind.ORDERING: form.ordered_items,
        }[kind]
        for problem in problems(question):
            field = form.prompt if "prompt" in problem else target
            found.setdefault(field, []).append(problem[0].upper() + problem[1:] + ".")
    for field, messages in found.items():
        field.errors = [*field.errors, *messages]
    return None if found else question


def _weights(field: Any, lines: list[str], found: dict[Any, list[str]]) -> dict[str, float]:
    weights = {}
    for line in lines:
        weight, text, problem = split_weight(line)
        if problem:
            found.setdefault(field, []).append(problem + ".")
        elif weight is not None:
            weights[text] = weight
    return weights


def _ranges(field: Any, found: dict[Any, list[str]]) -> list[dict[str, float]]:
    ranges = []
    for line in _lines(field.data):
        weight, text, problem = split_weight(line)
        spelled = split_range(text)
        if problem or weight is None or spelled is None:
            found.setdefault(field, []).append(
                f"“{line}”: write a weight and a range, such as %50% 2020:1."
            )
            continue
        ranges.append({"value": spelled[0], "tolerance": spelled[1], "weight": weight})
    return ranges


def fill_question_form(form: QuestionForm, question: SetQuestion) -> None:
    """Put a stored question's fields into the form (for editing)."""
    form.kind.data = question.kind.value
    form.prompt.data = question.prompt
    form.explanation.data = question.explanation
    answer = question.answer
    weights = question.weights
    if question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        correct = [answer] if question.kind is QuestionKind.SINGLE_CHOICE else answer
        form.choices.data = "\n".join(
            ("*" if choice in correct else "") + with_weight(weights.get(choice), choice)
            for choice in question.choices
        )
    elif question.kind is QuestionKind.TRUE_FALSE:
        form.truth.data = "true" if answer else "false"
    elif question.kind is QuestionKind.NUMERIC:
        form.number.data = f"{answer['value']:g}"
        form.tolerance.data = f"{answer['tolerance']:g}"
        form.unit.data = answer.get("unit") or ""
        form.ranges.data = "\n".join(
            with_weight(r["weight"], f"{r['value']:g}:{r['tolerance']:g}")
            for r in answer.get("ranges", ())
        )
    elif question.kind is QuestionKind.SHORT_TEXT:
        form.accepted.data = "\n".join(
            with_weight(weights.get(spelling), spelling) for spelling in answer["accept"]
        )
    elif question.kind is QuestionKind.MATCHING:
        form.pairs.data = "\n".join(f"{left} = {right}" for left, right in answer)
    elif question.kind is QuestionKind.ORDERING:
        form.ordered_items.data = "\n".join(answer)


class ConfirmForm(FlaskForm):
    """A button that only needs the CSRF token (delete, retire, resolve)."""

    submit = SubmitField("Confirm")


class QuizForm(FlaskForm):
    title = StringField("Title", validators=[InputRequired(), Length(max=200)])
    description = TextAreaField("Description", validators=[Optional(), Length(max=2000)])
    include_bank = BooleanField("Draw questions from the question bank")
    topic = SelectField(
        "Topic", choices=[SelectChoice("", "Any topic"), *TOPIC_CHOICES], validators=[Optional()]
    )
    set_ids = MultiCheckboxField("Draw questions from these sets", coerce=int)
    question_count = IntegerField(
        "Number of questions", default=10, validators=[InputRequired(), NumberRange(1, 100)]
    )
    time_limit_minutes = IntegerField(
        "Time limit (minutes)",
        description="Leave empty for no time limit.",
        validators=[Optional(), NumberRange(1, 600)],
    )
    grading_method = SelectField(
        "Grade from",
        choices=[
            SelectChoice(GradingMethod.HIGHEST.value, "The highest attempt"),
            SelectChoice(GradingMethod.LAST.value, "The last attempt"),
            SelectChoice(GradingMethod.AVERAGE.value, "The average of all attempts"),
        ],
    )
    feedback_timing = SelectField(
        "Show correct answers",
        choices=[
            SelectChoice(FeedbackTiming.AT_END.value, "At the end of the attempt"),
            SelectChoice(FeedbackTiming.AFTER_EACH.value, "After each checked question"),
            SelectChoice(
                FeedbackTiming.AFTER_CLOSE.value,
                "After the quiz closes (its assignment needs a close time)",
            ),
        ],
    )
    layout = SelectField(
        "Layout",
        default=QuizLayout.ALL_ON_ONE_PAGE.value,
        choices=[
            SelectChoice(QuizLayout.ALL_ON_ONE_PAGE.value, "All questions on one page"),
            SelectChoice(QuizLayout.ONE_PER_PAGE.value, "One question per page"),
        ],
    )
    shuffle_questions = BooleanField("Shuffle questions", default=True)
    shuffle_choices = BooleanField("Shuffle choices", default=True)
    submit = SubmitField("Save quiz")

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if not self.include_bank.data and not self.set_ids.data:
            self.set_ids.errors = [
                *self.set_ids.errors,
                "Choose at least one set, or draw from the question bank.",
            ]
            valid = False
        return valid


class ClassForm(FlaskForm):
    name = StringField("Class name", validators=[InputRequired(), Length(max=120)])
    submit = SubmitField("Create class")


class AssignForm(FlaskForm):
    """Assign a quiz to a class. The times are typed in the teacher's time zone (`time_zone`)."""

    quiz_id = SelectField("Quiz", coerce=int, validators=[InputRequired()])
    opens_at = DateTimeLocalField("Opens", validators=[Optional()])
    closes_at = DateTimeLocalField("Closes", validators=[Optional()])
    attempts_allowed = IntegerField(
        "Attempts allowed",
        description="Leave empty for unlimited attempts.",
        validators=[Optional(), NumberRange(1, 100)],
    )
    submit = SubmitField("Assign quiz")
    needs_close_time: frozenset[int] = frozenset()
    """Quizzes that show answers only after they close: without a close time, never."""

    time_zone: str = DEFAULT_TIME_ZONE
    opens_utc: datetime | None = None
    closes_utc: datetime | None = None

    def validate(self, extra_validators: Any = None) -> bool:
        """Check the fields and read the times in the teacher's zone into `opens_utc` and
        `closes_utc`; a time skipped by a daylight-saving change is an error on its field.
        """
        valid = super().validate(extra_validators)
        if not valid:
            return False
        local_zone = zone(self.time_zone)
        moments = {}
        for field in (self.opens_at, self.closes_at):
            try:
                moments[field.name] = from_local(field.data, local_zone) if field.data else None
            except NonexistentLocalTime as error:
                field.errors = [*field.errors, str(error)]
                valid = False
        if not valid:
            return False
        self.opens_utc, self.closes_utc = moments["opens_at"], moments["closes_at"]
        if self.opens_utc and self.closes_utc and self.closes_utc <= self.opens_utc:
            self.closes_at.errors = [*self.closes_at.errors, "Close after it opens."]
            return False
        if self.closes_utc is None and self.quiz_id.data in self.needs_close_time:
            self.closes_at.errors = [
                *self.closes_at.errors,
                "This quiz shows answers after it closes: give it a close time.",
            ]
            return False
        return True


class JoinForm(FlaskForm):
    code = StringField(
        "Class code",
        description="Your teacher gives you this code.",
        validators=[InputRequired(), Length(max=16)],
    )
    submit = SubmitField("Join class")


class FlagForm(FlaskForm):
    reason = TextAreaField(
        "What is wrong?",
        validators=[InputRequired("Say what is wrong."), Length(max=2000)],
    )
    submit = SubmitField("Report the problem")
