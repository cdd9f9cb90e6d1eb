"""Teaching: question sets and their questions, import and export, quizzes, classes and results.

Every route needs a teacher (or admin) and shows only what that teacher owns: another teacher's
set, class or quiz is a 404, as is an id that does not exist.
"""

from __future__ import annotations

import csv
import io
from functools import partial
from types import SimpleNamespace

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from wtforms import SelectChoice

from . import class_store, import_store, set_exposure, set_store
from .access import teacher_required
from .accommodations import store as extra_time_store
from .accommodations.forms import AssignmentExtraTimeForm, ExtraTimeForm
from .attempt_display import describe_answer
from .attempt_store import shortfall_warning
from .clock import now as clock_now
from .domain.generation import QuestionKind
from .domain.interchange import problems, problems_by_question
from .domain.set_formats import Reading, read_set
from .exports import neutralise
from .import_forms import IMPORT_LIMIT, ConfirmImportForm, ImportForm
from .models import (
    Assignment,
    Attempt,
    FeedbackTiming,
    GradingMethod,
    Question,
    QuestionSet,
    Quiz,
    QuizLayout,
    SchoolClass,
    User,
    db,
)
from .set_export import EXPORT_FORMATS, export_set
from .teach_forms import (
    KIND_LABELS,
    MARKDOWN_HINT,
    AssignForm,
    ClassForm,
    ConfirmForm,
    QuestionForm,
    QuizForm,
    SetForm,
    fill_question_form,
    question_from_form,
)

bp = Blueprint("teach", __name__, url_prefix="/teach")


def own_set_or_404(set_id: int) -> QuestionSet:
    found = db.session.scalar(
        select(QuestionSet).where(
            QuestionSet.id == set_id,
            QuestionSet.owner_id == current_user.id,
            QuestionSet.deleted_at.is_(None),
        )
    )
    if found is None:
        abort(404)
    return found


def set_question_or_404(question_set: QuestionSet, number: int) -> Question:
    row = db.session.get(Question, f"set.{question_set.id}.{number}")
    if row is None or row.set_id != question_set.id or row.retired_at is not None:
        abort(404)
    return row


def own_class_or_404(class_id: int) -> SchoolClass:
    found = db.session.get(SchoolClass, class_id)
    if found is None or found.owner_id != current_user.id:
        abort(404)
    return found


def own_quiz_or_404(quiz_id: int) -> Quiz:
    found = db.session.get(Quiz, quiz_id)
    if found is None or found.owner_id != current_user.id:
        abort(404)
    return found


def question_number(row: Question) -> int:
    return int(row.id.rsplit(".", 1)[1])


@bp.app_template_global()
def set_question_number(row: Question) -> int:
    return question_number(row)


# --- overview -------------------------------------------------------------------------------------


@bp.get("/")
@teacher_required
def index():
    quizzes = db.session.scalars(
        select(Quiz)
        .where(Quiz.owner_id == current_user.id, Quiz.practice_of.is_(None))
        .order_by(Quiz.id)
    ).all()
    return render_template(
        "teach/index.html",
        sets=set_store.own_sets(current_user),
        classes=set_store.share_targets(current_user),
        quizzes=quizzes,
    )


# --- question sets --------------------------------------------------------------------------------


def _set_form(question_set: QuestionSet | None = None) -> SetForm:
    form = SetForm(obj=question_set)
    form.shared_with.choices = [
        SelectChoice(c.id, c.name) for c in set_store.share_targets(current_user)
    ]
    if question_set is not None and request.method == "GET":
        form.shared_with.data = sorted(set_store.shared_class_ids(question_set.id))
    return form


@bp.route("/sets/new", methods=["GET", "POST"])
@teacher_required
def new_set():
    form = _set_form()
    if form.validate_on_submit():
        question_set = QuestionSet(owner_id=current_user.id, created_at=clock_now())
        _apply_set_form(form, question_set)
        flash(f"Set “{question_set.title}” created. Now add questions.", "success")
        db.session.commit()
        return redirect(url_for("teach.show_set", set_id=question_set.id))
    status = 422 if form.is_submitted() else 200
    return render_template("teach/set_form.html", form=form, question_set=None), status


def _apply_set_form(form: SetForm, question_set: QuestionSet) -> None:
    question_set.title = form.title.data.strip()
    question_set.description = form.description.data or ""
    question_set.is_public = bool(form.is_public.data)
    db.session.add(question_set)
    db.session.flush()
    set_store.set_shares(question_set, form.shared_with.data or [])


@bp.route("/sets/<int:set_id>/edit", methods=["GET", "POST"])
@teacher_required
def edit_set(set_id: int):
    question_set = own_set_or_404(set_id)
    form = _set_form(question_set)
    if form.validate_on_submit():
        _apply_set_form(form, question_set)
        db.session.commit()
        flash("Set saved.", "success")  # the set's page warns if its answers are now exposed
        return redirect(url_for("teach.show_set", set_id=set_id))
    status = 422 if form.is_submitted() else 200
    return render_template("teach/set_form.html", form=form, question_set=question_set), status


@bp.get("/sets/<int:set_id>")
@teacher_required
def show_set(set_id: int):
    question_set = own_set_or_404(set_id)
    uses = set_exposure.open_uses_while_shared(question_set, clock_now())
    return render_template(
        "teach/set.html",
        question_set=question_set,
        exposure=set_exposure.warning(uses) if uses else None,
        questions=set_store.ordered_questions(set_id),
        kind_labels=KIND_LABELS,
        formats=EXPORT_FORMATS,
        confirm=ConfirmForm(),
    )


@bp.post("/sets/<int:set_id>/delete")
@teacher_required
def delete_set(set_id: int):
    question_set = own_set_or_404(set_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    set_store.delete_set(question_set, clock_now())
    db.session.commit()
    flash(f"Set “{question_set.title}” deleted. Past results keep its questions.", "success")
    return redirect(url_for("teach.index"))


# --- questions ------------------------------------------------------------------------------------


def _question_page(form: QuestionForm, question_set: QuestionSet, row: Question | None, status):
    return (
        render_template(
            "teach/question_form.html",
            form=form,
            question_set=question_set,
            row=row,
            markdown_hint=MARKDOWN_HINT,
        ),
        status,
    )


def _sourcing(form: QuestionForm) -> set_store.Sourcing:
    return set_store.Sourcing(
        title=(form.source_title.data or "").strip(),
        url=(form.source_url.data or "").strip(),
        evidence=(form.evidence.data or "").strip(),
    )


@bp.route("/sets/<int:set_id>/questions/new", methods=["GET", "POST"])
@teacher_required
def new_question(set_id: int):
    question_set = own_set_or_404(set_id)
    form = QuestionForm()
    if form.validate_on_submit():
        question = question_from_form(form)
        if question is not None:
            row = set_store.add_question(
                question_set, question, form.topic.data, _sourcing(form), clock_now()
            )
            db.session.commit()
            flash("Question added.", "success")
            return redirect(
                url_for("teach.preview_question", set_id=set_id, number=question_number(row))
            )
    status = 422 if form.is_submitted() else 200
    return _question_page(form, question_set, None, status)


@bp.route("/sets/<int:set_id>/questions/<int:number>/edit", methods=["GET", "POST"])
@teacher_required
def edit_question(set_id: int, number: int):
    question_set = own_set_or_404(set_id)
    row = set_question_or_404(question_set, number)
    form = QuestionForm()
    if request.method == "GET":
        fill_question_form(form, set_store.set_question_of(row.content))
        sourcing = set_store.sourcing_of(row.content, set_store.set_source_title(question_set))
        form.topic.data = row.topic
        form.source_title.data = sourcing.title
        form.source_url.data = sourcing.url
        form.evidence.data = sourcing.evidence
    elif form.validate_on_submit():
        question = question_from_form(form)
        if question is not None:
            changed = set_store.edit_question(
                row, question, form.topic.data, _sourcing(form), clock_now()
            )
            db.session.commit()
            flash(
                f"Question saved as version {row.version}; past results keep the version "
                "they were asked."
                if changed
                else "Nothing changed.",
                "success",
            )
            return redirect(url_for("teach.preview_question", set_id=set_id, number=number))
    status = 422 if form.is_submitted() else 200
    return _question_page(form, question_set, row, status)


@bp.get("/sets/<int:set_id>/questions/<int:number>")
@teacher_required
def preview_question(set_id: int, number: int):
    question_set = own_set_or_404(set_id)
    row = set_question_or_404(question_set, number)
    content = row.content
    kind = QuestionKind(content["kind"])
    lefts = tuple(left for left, _ in content["answer"]) if kind is QuestionKind.MATCHING else ()
    view = SimpleNamespace(
        position=1, kind=kind, choices=tuple(content["choices"]), lefts=lefts, prompt=""
    )
    return render_template(
        "teach/question.html",
        question_set=question_set,
        row=row,
        content=content,
        view=view,
        correct_answer=describe_answer(content),
        kind_label=KIND_LABELS.get(kind, kind.value),
        confirm=ConfirmForm(),
    )


@bp.post("/sets/<int:set_id>/questions/<int:number>/delete")
@teacher_required
def delete_question(set_id: int, number: int):
    question_set = own_set_or_404(set_id)
    row = set_question_or_404(question_set, number)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    set_store.retire_question(row, clock_now())
    db.session.commit()
    flash("Question deleted. Past results keep it.", "success")
    return redirect(url_for("teach.show_set", set_id=set_id))


# --- import and export ----------------------------------------------------------------------------


@bp.route("/sets/<int:set_id>/import", methods=["GET", "POST"])
@teacher_required
def import_set(set_id: int):
    question_set = own_set_or_404(set_id)
    form = ImportForm()
    page = partial(render_template, "teach/import.html", form=form, question_set=question_set)
    if not form.validate_on_submit():
        return page(), 422 if form.is_submitted() else 200
    upload = form.file.data
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        form.file.errors = ["The file is not UTF-8 text."]
        return page(), 422
    reading = read_set(upload.filename or "", text, form.format.data or None)
    skipped = problems_by_question(reading.result.errors)
    held = len(reading.result.questions) + len(skipped)
    if held > IMPORT_LIMIT:
        form.file.errors = [
            f"The file holds {held:,} questions; one import takes at most {IMPORT_LIMIT:,}. "
            "Split the file and import each part."
        ]
        return page(), 422
    return page(
        reading=reading,
        result=reading.result,
        skipped=skipped,
        filename=upload.filename,
        confirm=_kept_preview(question_set, upload.filename or "", reading, len(skipped)),
        kind_labels=KIND_LABELS,
        describe_answer=describe_answer,
    ), 200 if reading.result.ok else 422


def _kept_preview(
    question_set: QuestionSet, filename: str, reading: Reading, skipped: int
) -> ConfirmImportForm | None:
    """The confirm form for the file's good questions, kept on the server; None if none."""
    questions = reading.result.questions
    if not questions:
        return None
    preview = import_store.keep_preview(
        current_user, question_set, filename, questions, skipped, clock_now()
    )
    db.session.commit()
    topic = set_store.default_topic(questions)
    return ConfirmImportForm(formdata=None, preview=preview.id, topic=topic)


@bp.post("/sets/<int:set_id>/import/confirm")
@teacher_required
def confirm_import(set_id: int):
    question_set = own_set_or_404(set_id)
    form = ConfirmImportForm()
    now = clock_now()
    preview = None
    if form.validate_on_submit():
        preview = import_store.usable_preview(form.preview.data, current_user, question_set, now)
    questions = import_store.previewed_questions(preview) if preview else []
    if not questions or any(problems(q) for q in questions):
        why = "choose a topic" if form.topic.errors else "this preview has expired"
        flash(f"Nothing was imported: {why}. Upload the file again.", "error")
        return redirect(url_for("teach.import_set", set_id=set_id))
    set_store.import_questions(question_set, questions, form.topic.data, now)
    db.session.delete(preview)
    db.session.commit()
    message = f"Imported {len(questions)} questions."
    if preview.skipped:
        message += f" Skipped {preview.skipped} with problems."
    flash(message, "success")
    return redirect(url_for("teach.show_set", set_id=set_id))


@bp.get("/sets/<int:set_id>/export/<fmt>")
@teacher_required
def export(set_id: int, fmt: str):
    question_set = own_set_or_404(set_id)
    if fmt not in EXPORT_FORMATS:
        abort(404)
    try:
        exported = export_set(question_set, fmt, clock_now())
    except ValueError as error:
        flash(str(error), "error")
        return redirect(url_for("teach.show_set", set_id=set_id))
    return Response(
        exported.data,
        mimetype=exported.mimetype,
        headers={"Content-Disposition": f'attachment; filename="{exported.filename}"'},
    )


# --- quizzes --------------------------------------------------------------------------------------


def _quiz_form(quiz: Quiz | None = None) -> QuizForm:
    form = QuizForm(obj=quiz)
    form.set_ids.choices = [
        SelectChoice(
            s.id, s.title if s.owner_id == current_user.id else f"{s.title} (by {s.owner.username})"
        )
        for s in set_store.usable_sets(current_user)
    ]
    if request.method == "GET" and quiz is not None:
        form.topic.data = quiz.topic or ""
        form.grading_method.data = quiz.grading_method.value
        form.feedback_timing.data = quiz.feedback_timing.value
        form.layout.data = quiz.layout.value
        seconds = quiz.time_limit_seconds
        form.time_limit_minutes.data = seconds // 60 if seconds else None
    elif request.method == "GET":
        form.include_bank.data = True
    return form


def _apply_quiz_form(form: QuizForm, quiz: Quiz) -> None:
    quiz.title = form.title.data.strip()
    quiz.description = form.description.data or ""
    quiz.include_bank = bool(form.include_bank.data)
    quiz.topic = form.topic.data or None
    quiz.set_ids = list(form.set_ids.data or [])
    quiz.question_count = form.question_count.data
    minutes = form.time_limit_minutes.data
    quiz.time_limit_seconds = minutes * 60 if minutes else None
    quiz.grading_method = GradingMethod(form.grading_method.data)
    quiz.feedback_timing = FeedbackTiming(form.feedback_timing.data)
    quiz.layout = QuizLayout(form.layout.data)
    quiz.shuffle_questions = bool(form.shuffle_questions.data)
    quiz.shuffle_choices = bool(form.shuffle_choices.data)


@bp.route("/quizzes/new", methods=["GET", "POST"])
@teacher_required
def new_quiz():
    form = _quiz_form()
    if form.validate_on_submit():
        quiz = Quiz(owner_id=current_user.id, created_at=clock_now(), tags=[], kinds=[])
        _apply_quiz_form(form, quiz)
        db.session.add(quiz)
        db.session.flush()
        shortfall = shortfall_warning(quiz)
        db.session.commit()
        flash(f"Quiz “{quiz.title}” saved. Assign it to a class from the class page.", "success")
        if shortfall:
            flash(shortfall, "error")
        return redirect(url_for("teach.index"))
    status = 422 if form.is_submitted() else 200
    return render_template("teach/quiz_form.html", form=form, quiz=None), status


@bp.route("/quizzes/<int:quiz_id>/edit", methods=["GET", "POST"])
@teacher_required
def edit_quiz(quiz_id: int):
    quiz = own_quiz_or_404(quiz_id)
    form = _quiz_form(quiz)
    if form.validate_on_submit():
        _apply_quiz_form(form, quiz)
        shortfall = shortfall_warning(quiz)
        db.session.commit()
        flash("Quiz saved.", "success")
        if shortfall:
            flash(shortfall, "error")
        return redirect(url_for("teach.index"))
    status = 422 if form.is_submitted() else 200
    shortfall = None if form.is_submitted() else shortfall_warning(quiz)
    return render_template(
        "teach/quiz_form.html", form=form, quiz=quiz, shortfall=shortfall
    ), status


# --- classes --------------------------------------------------------------------------------------


@bp.route("/classes/new", methods=["GET", "POST"])
@teacher_required
def new_class():
    form = ClassForm()
    if form.validate_on_submit():
        school_class = SchoolClass(
            owner_id=current_user.id,
            name=form.name.data.strip(),
            join_code=class_store.new_join_code(),
            created_at=clock_now(),
        )
        db.session.add(school_class)
        db.session.commit()
        flash(f"Class created. Students join it with the code {school_class.join_code}.", "success")
        return redirect(url_for("teach.show_class", class_id=school_class.id))
    status = 422 if form.is_submitted() else 200
    return render_template("teach/class_form.html", form=form), status


def _assign_form() -> AssignForm:
    form = AssignForm()
    form.time_zone = current_user.time_zone
    quizzes = db.session.scalars(
        select(Quiz)
        .where(Quiz.owner_id == current_user.id, Quiz.practice_of.is_(None))
        .order_by(Quiz.id)
    ).all()
    form.quiz_id.choices = [SelectChoice(quiz.id, quiz.title) for quiz in quizzes]
    form.needs_close_time = frozenset(
        quiz.id for quiz in quizzes if quiz.feedback_timing is FeedbackTiming.AFTER_CLOSE
    )
    return form


def class_page(
    school_class: SchoolClass,
    assign: AssignForm | None = None,
    status: int = 200,
    extra_override: dict[int, ExtraTimeForm] | None = None,
):
    students = class_store.members(school_class.id)
    factors = extra_time_store.class_factors(school_class.id)
    extra_forms = {
        student.id: ExtraTimeForm(
            formdata=None, factor=factors[student.id], prefix=f"student-{student.id}"
        )
        for student in students
    }
    extra_forms.update(extra_override or {})
    return (
        render_template(
            "teach/class.html",
            school_class=school_class,
            students=students,
            extra_forms=extra_forms,
            assignments=class_store.assignments(school_class.id),
            assign=assign or _assign_form(),
            confirm=ConfirmForm(),
            shared_sets=set_store.shared_sets(school_class.id),
        ),
        status,
    )


@bp.get("/classes/<int:class_id>")
@teacher_required
def show_class(class_id: int):
    return class_page(own_class_or_404(class_id))


@bp.post("/classes/<int:class_id>/assignments")
@teacher_required
def assign(class_id: int):
    school_class = own_class_or_404(class_id)
    form = _assign_form()
    if not form.validate_on_submit():
        return class_page(school_class, form, 422)
    existing = db.session.scalar(
        select(Assignment).where(
            Assignment.class_id == class_id, Assignment.quiz_id == form.quiz_id.data
        )
    )
    if existing is not None:
        form.quiz_id.errors = ["This quiz is already assigned to the class."]
        return class_page(school_class, form, 422)
    db.session.add(
        Assignment(
            class_id=class_id,
            quiz_id=form.quiz_id.data,
            opens_at=form.opens_utc,
            closes_at=form.closes_utc,
            attempts_allowed=form.attempts_allowed.data,
            created_at=clock_now(),
        )
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        form.quiz_id.errors = ["This quiz is already assigned to the class."]
        return class_page(own_class_or_404(class_id), form, 422)
    flash("Quiz assigned.", "success")
    return redirect(url_for("teach.show_class", class_id=class_id))


def own_assignment_or_404(school_class: SchoolClass, assignment_id: int) -> Assignment:
    found = db.session.get(Assignment, assignment_id)
    if found is None or found.class_id != school_class.id:
        abort(404)
    return found


@bp.post("/classes/<int:class_id>/assignments/<int:assignment_id>/delete")
@teacher_required
def unassign(class_id: int, assignment_id: int):
    school_class = own_class_or_404(class_id)
    assignment = own_assignment_or_404(school_class, assignment_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if class_store.has_attempts(assignment.id):
        flash("Students have attempted this assignment; it stays in the gradebook.", "error")
    else:
        db.session.delete(assignment)
        db.session.commit()
        flash("Assignment removed.", "success")
    return redirect(url_for("teach.show_class", class_id=class_id))


def member_or_404(school_class: SchoolClass, user_id: int) -> User:
    if not class_store.is_member(school_class.id, user_id):
        abort(404)
    return db.session.get(User, user_id)


# --- results --------------------------------------------------------------------------------------


@bp.get("/classes/<int:class_id>/gradebook")
@teacher_required
def gradebook(class_id: int):
    school_class = own_class_or_404(class_id)
    return render_template(
        "teach/gradebook.html", school_class=school_class, book=class_store.gradebook(class_id)
    )


@bp.get("/classes/<int:class_id>/gradebook.csv")
@teacher_required
def gradebook_csv(class_id: int):
    own_class_or_404(class_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in class_store.gradebook_rows(class_store.gradebook(class_id)):
        writer.writerow([neutralise(cell) for cell in row])
    return Response(
        buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="gradebook-{class_id}.csv"'},
    )


@bp.get("/classes/<int:class_id>/students/<int:user_id>")
@teacher_required
def student(class_id: int, user_id: int):
    school_class = own_class_or_404(class_id)
    return student_page(school_class, member_or_404(school_class, user_id))


def student_page(
    school_class: SchoolClass,
    member: User,
    status: int = 200,
    override: dict[int, AssignmentExtraTimeForm] | None = None,
):
    """A student's attempts in the class, their extra time and its per-assignment overrides."""
    overrides = extra_time_store.assignment_factors(school_class.id, member.id)
    assignments = class_store.assignments(school_class.id)
    forms = {
        assignment.id: AssignmentExtraTimeForm(
            formdata=None, factor=overrides.get(assignment.id), prefix=f"assignment-{assignment.id}"
        )
        for assignment, _quiz in assignments
    }
    forms.update(override or {})
    page = render_template(
        "teach/student.html",
        school_class=school_class,
        student=member,
        attempts=class_store.attempts_of_member(school_class.id, member.id),
        class_factor=extra_time_store.class_factors(school_class.id)[member.id],
        assignments=assignments,
        extra_forms=forms,
    )
    return page, status


@bp.get("/classes/<int:class_id>/attempts/<int:attempt_id>")
@teacher_required
def attempt(class_id: int, attempt_id: int):
    school_class = own_class_or_404(class_id)
    found = db.session.get(Attempt, attempt_id)
    if found is None or found.assignment_id is None:
        abort(404)
    assignment = own_assignment_or_404(school_class, found.assignment_id)
    return render_template(
        "teach/attempt.html",
        school_class=school_class,
        attempt=found,
        assignment=assignment,
        student=db.session.get(User, found.user_id),
        answered=class_store.answered_questions(found),
    )


@bp.get("/classes/<int:class_id>/assignments/<int:assignment_id>/items")
@teacher_required
def items(class_id: int, assignment_id: int):
    school_class = own_class_or_404(class_id)
    assignment = own_assignment_or_404(school_class, assignment_id)
    return render_template(
        "teach/items.html",
        school_class=school_class,
        assignment=assignment,
        quiz=db.session.get(Quiz, assignment.quiz_id),
        reports=class_store.item_analysis(assignment.id),
    )
