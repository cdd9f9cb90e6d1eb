"""Review pages for typing and choosing: the card asked, the answer checked, the verdict shown.

Plain forms posted and redirected, so each mode works without JavaScript and from the keyboard.
A card's answer side is not in the page until the learner has answered it.
"""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from .. import clock
from .. import flashcard_store as cards
from ..domain.generation import Flashcard as CardFace
from ..domain.review_modes import (
    ModeQuestion,
    ReviewMode,
    choice_outcome,
    grade_typed,
    parse_choice,
    parse_typed,
)
from ..domain.scheduling import Rating, format_interval
from ..domain.study import StudyPreferences
from ..flashcards_tools import undo
from ..flashcards_tools.review_page import STALE_REVIEW, duration_ms, epoch_ms
from ..models import LearnerCard, ReviewLog, ReviewSource, db
from . import store
from .forms import ChoiceForm, OverruleForm, TypedAnswerForm

bp = Blueprint("review_modes", __name__, url_prefix="/flashcards")

NOT_ASKABLE = "That card cannot be asked in this mode any more, so nothing changed."


@bp.app_context_processor
def review_mode_helpers():
    """`review_modes()`: the modes a session can be in, for the switch on the review pages."""
    return {"review_modes": lambda: list(ReviewMode)}


def _user_id() -> int:
    return int(current_user.id)


def card_page(
    card: LearnerCard,
    mode: ReviewMode,
    question: ModeQuestion,
    *,
    wanted: ReviewMode,
    deck: cards.Deck | None,
    chosen: StudyPreferences,
    now: datetime,
    form: TypedAnswerForm | ChoiceForm | None = None,
    error: str | None = None,
    status: int = 200,
):
    """A card to type or choose: the question only, never its answer."""
    form_class = TypedAnswerForm if mode is ReviewMode.TYPE else ChoiceForm
    if form is None:
        form = form_class(
            formdata=None,
            review_count=card.reps,
            shown_at=str(epoch_ms(now)),
            deck=_deck_arg(deck) or "",
            mode=wanted.value,
        )
    page = render_template(
        "flashcards/review_mode.html",
        deck=deck,
        card=card,
        mode=mode,
        session_mode=wanted,
        question=question,
        form=form,
        error=error,
        counts=cards.due_counts(card.user_id, now, chosen, deck),
        learn_step=store.card_step(card),
    )
    return page, status


def _deck_arg(deck: cards.Deck | None) -> str | None:
    return str(deck.key) if deck is not None else None


def _answered(card_id: int, mode: ReviewMode, form_class: type[TypedAnswerForm | ChoiceForm]):
    """The card, its question in `mode`, the posted form and the session's settings; a 404 for
    another learner's card."""
    card = cards.learner_card(_user_id(), card_id) or abort(404)
    form = form_class()
    deck = cards.find_deck(_user_id(), form.deck.data) if form.deck.data else None
    wanted = store.session_mode(form.mode.data, _user_id())
    question = store.questions_for(card).get(mode)
    return card, form, deck, wanted, question


def _next(deck: cards.Deck | None, wanted: ReviewMode):
    return redirect(url_for("flashcards.review", deck=_deck_arg(deck), mode=wanted.value))


@bp.post("/cards/<int:card_id>/typed")
@login_required
def typed(card_id: int):
    card, form, deck, wanted, question = _answered(card_id, ReviewMode.TYPE, TypedAnswerForm)
    if question is None:
        flash(NOT_ASKABLE, "error")
        return _next(deck, wanted)
    now, chosen = clock.now(), cards.preferences(_user_id())
    text = form.answer.data or ""
    parsed = parse_typed(question.kind, text)
    page = {"wanted": wanted, "deck": deck, "chosen": chosen, "now": now, "form": form}
    if not form.validate_on_submit() or parsed.error:
        error = parsed.error or "This page is out of date; please answer again."
        return card_page(card, ReviewMode.TYPE, question, **page, error=error, status=422)
    grade = grade_typed(question.kind, question.answer, text, parsed.response)
    return _saved(
        lambda: store.record_typed(
            card,
            grade,
            text.strip(),
            form.review_count.data,
            now,
            chosen,
            duration_ms(form.shown_at.data, now),
        ),
        card.memory(),
        deck,
        wanted,
    )


@bp.post("/cards/<int:card_id>/chosen")
@login_required
def chosen_answer(card_id: int):
    card, form, deck, wanted, question = _answered(card_id, ReviewMode.CHOOSE, ChoiceForm)
    if question is None:
        flash(NOT_ASKABLE, "error")
        return _next(deck, wanted)
    now, chosen = clock.now(), cards.preferences(_user_id())
    parsed = parse_choice(question.options, form.choice.data)
    page = {"wanted": wanted, "deck": deck, "chosen": chosen, "now": now, "form": form}
    if not form.validate_on_submit() or parsed.error:
        error = parsed.error or "This page is out of date; please answer again."
        return card_page(card, ReviewMode.CHOOSE, question, **page, error=error, status=422)
    outcome = choice_outcome(parsed.response == question.answer, is_new=card.reps == 0)
    return _saved(
        lambda: store.record_choice(
            card,
            outcome,
            parsed.response,
            form.review_count.data,
            now,
            chosen,
            duration_ms(form.shown_at.data, now),
        ),
        card.memory(),
        deck,
        wanted,
    )


def _saved(record, before, deck: cards.Deck | None, wanted: ReviewMode):
    """Record the answer (`record` rates the card), let it be undone, and commit once; then the
    verdict page, or back to the session with a message when the answer came too late."""
    try:
        result, log = record()
        if result is None:  # a new card recognised: nothing scheduled to undo
            undo.forget(session)
        else:
            undo.remember(session, _user_id(), before, result)
        db.session.commit()
    except (cards.StaleReview, IntegrityError):
        db.session.rollback()
        flash(STALE_REVIEW, "error")
        return _next(deck, wanted)
    return redirect(url_for(".result", log_id=log.id, deck=_deck_arg(deck), mode=wanted.value))


@bp.get("/answers/<int:log_id>")
@login_required
def result(log_id: int):
    """The verdict on a typed or chosen answer, with the card's answer side."""
    log = store.own_log(_user_id(), log_id) or abort(404)
    if log.source not in (ReviewSource.TYPED, ReviewSource.RECOGNITION):
        abort(404)
    deck = cards.find_deck(_user_id(), request.args.get("deck"))
    wanted = store.session_mode(request.args.get("mode"), _user_id())
    mode = ReviewMode.TYPE if log.source is ReviewSource.TYPED else ReviewMode.CHOOSE
    question = store.questions_for(log.card).get(mode)
    grade = _typed_grade(log, question)
    return render_template(
        "flashcards/mode_result.html",
        log=log,
        card=log.card,
        face=CardFace.from_dict(log.card.flashcard.content),
        mode=mode,
        question=question,
        grade=grade,
        correct=grade.correct if grade is not None else log.rating != Rating.AGAIN,
        rating=Rating(log.rating),
        recognised_only=log.review_number == 0,
        interval=format_interval(log.due - log.reviewed_at),
        can_overrule=store.can_overrule(log, undo.last_rating(session, _user_id())),
        overrule_form=OverruleForm(formdata=None, deck=_deck_arg(deck) or "", mode=wanted.value),
        next_url=url_for("flashcards.review", deck=_deck_arg(deck), mode=wanted.value),
    )


def _typed_grade(log: ReviewLog, question: ModeQuestion | None):
    if log.source is not ReviewSource.TYPED or question is None or log.response is None:
        return None
    parsed = parse_typed(question.kind, log.response)
    return grade_typed(question.kind, question.answer, log.response, parsed.response)


@bp.post("/answers/<int:log_id>/overrule")
@login_required
def overrule(log_id: int):
    """ "I was right: typo": count a typed answer graded wrong as right, once."""
    log = store.own_log(_user_id(), log_id) or abort(404)
    form = OverruleForm()
    deck_arg = _deck_arg(cards.find_deck(_user_id(), form.deck.data)) if form.deck.data else None
    mode_arg = store.session_mode(form.mode.data, _user_id()).value
    if not form.validate_on_submit():
        flash("The form had expired; nothing changed. Please try again.", "error")
        return redirect(url_for(".result", log_id=log.id, deck=deck_arg, mode=mode_arg))
    try:
        before, outcome, new_log = store.overrule(
            log, undo.last_rating(session, _user_id()), cards.preferences(_user_id())
        )
        undo.remember(session, _user_id(), before, outcome)
        db.session.commit()
    except (store.OverruleRefused, cards.StaleReview, IntegrityError) as refusal:
        db.session.rollback()
        flash(str(refusal) or STALE_REVIEW, "error")
        return redirect(url_for(".result", log_id=log_id, deck=deck_arg, mode=mode_arg))
    flash(f"Counted as Good: next review in {format_interval(outcome.interval)}.", "success")
    return redirect(url_for(".result", log_id=new_log.id, deck=deck_arg, mode=mode_arg))
