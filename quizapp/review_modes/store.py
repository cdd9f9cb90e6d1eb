"""Review modes in the database: the questions that ask a card, typed and chosen answers, the
overrule of a typed verdict, recognition of new cards, and the learner's mode settings.

Like `flashcard_store`, nothing here commits: the view commits once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update

from .. import flashcard_store
from ..domain.review_modes import (
    ChoiceOutcome,
    LearnStep,
    ModePreferences,
    ModeQuestion,
    ReviewMode,
    TypedGrade,
    asked_mode,
    candidate_question_ids,
    learn_step,
    mode_for_card,
    mode_questions,
    overruled,
    parse_mode,
)
from ..domain.scheduling import CardMemory, Rating, Review
from ..domain.study import StudyPreferences
from ..flashcards_tools import undo
from ..models import (
    LearnerCard,
    LearnerSettings,
    Question,
    ReviewLog,
    ReviewSource,
    User,
    db,
)
from ..models.bank import QUESTION_CARD_PREFIX

RECOGNISED_WAIT = timedelta(minutes=1)
"""How long a new card recognised among options waits before it is typed, when the learner has
no learning steps: long enough for another card to come first."""

NOT_OVERRULABLE = (
    "Only a typed answer graded wrong can be overruled, once, right after it was graded "
    "(before another rating)."
)


def mode_preferences(user_id: int) -> ModePreferences:
    # Through the user, who is loaded with their settings: a learner without any costs no query.
    row = db.session.get(User, user_id).learner_settings
    if row is None:
        return ModePreferences()
    return ModePreferences(ReviewMode(row.review_mode), row.learn_path)


def save_mode_preferences(user_id: int, chosen: ModePreferences) -> None:
    """Store the mode settings; the row is the one `flashcard_store.save_preferences` made."""
    row = db.session.get(LearnerSettings, user_id)
    assert row is not None, "save_preferences first"
    row.review_mode = chosen.review_mode.value
    row.learn_path = chosen.learn_path


def session_mode(text: str | None, user_id: int) -> ReviewMode:
    """The mode named in the request, else the learner's setting."""
    return parse_mode(text) or mode_preferences(user_id).review_mode


def card_mode(card: LearnerCard, wanted: ReviewMode) -> tuple[ReviewMode, ModeQuestion | None]:
    """The mode this card is asked in now, and the question that asks it (None for flip)."""
    learn_path = mode_preferences(card.user_id).learn_path
    step = card_step(card)
    if asked_mode(wanted, learn_path=learn_path, step=step) is ReviewMode.FLIP:
        return ReviewMode.FLIP, None  # flipping needs no question: no query
    questions = questions_for(card)
    mode = mode_for_card(wanted, learn_path=learn_path, step=step, available=questions)
    return mode, questions.get(mode)


def card_step(card: LearnerCard) -> LearnStep:
    return learn_step(card.reps == 0, card.recognised_at is not None)


def questions_for(card: LearnerCard) -> dict[ReviewMode, ModeQuestion]:
    """The live questions that can ask this card to be typed or chosen."""
    set_question = None
    if card.fact_id is None:
        set_question = card.flashcard_id.removeprefix(QUESTION_CARD_PREFIX)
    ids = candidate_question_ids(card.fact_id, set_question)
    if not ids:
        return {}
    rows = db.session.execute(
        select(Question.id, Question.content).where(
            Question.id.in_(ids), Question.retired_at.is_(None)
        )
    ).all()
    # The options' order changes from one review of the card to the next, never within one.
    return mode_questions(ids, {row.id: row.content for row in rows}, f"{card.id}:{card.reps}")


def log_of(card_id: int, review_number: int) -> ReviewLog:
    log = db.session.scalar(
        select(ReviewLog).where(
            ReviewLog.learner_card_id == card_id, ReviewLog.review_number == review_number
        )
    )
    assert log is not None
    return log


def record_typed(
    card: LearnerCard,
    grade: TypedGrade,
    typed: str,
    review_count: int,
    now: datetime,
    chosen: StudyPreferences,
    duration_ms: int | None,
) -> tuple[Review, ReviewLog]:
    """Rate the card as the typed answer's grade says; StaleReview as `rate_card` raises it."""
    return _rate_answer(
        card, grade.rating, typed, ReviewSource.TYPED, review_count, now, chosen, duration_ms
    )


def _rate_answer(
    card: LearnerCard,
    rating: Rating,
    response: str | None,
    source: ReviewSource,
    review_count: int,
    now: datetime,
    chosen: StudyPreferences,
    duration_ms: int | None,
) -> tuple[Review, ReviewLog]:
    """Rate the card, and keep what the learner answered on the new log row."""
    result = flashcard_store.rate_card(
        card, rating, review_count, now, chosen, duration_ms=duration_ms, source=source
    )
    log = log_of(card.id, result.review_number)
    log.response = response
    return result, log


def record_choice(
    card: LearnerCard,
    outcome: ChoiceOutcome,
    choice: str,
    review_count: int,
    now: datetime,
    chosen: StudyPreferences,
    duration_ms: int | None,
) -> tuple[Review | None, ReviewLog]:
    """Rate the card for a choice, or (a new card recognised) move it to the typing step."""
    if outcome.rating is None:
        return None, _recognise(card, choice, review_count, now, chosen, duration_ms)
    return _rate_answer(
        card,
        outcome.rating,
        choice,
        ReviewSource.RECOGNITION,
        review_count,
        now,
        chosen,
        duration_ms,
    )


def _recognise(
    card: LearnerCard,
    choice: str,
    review_count: int,
    now: datetime,
    chosen: StudyPreferences,
    duration_ms: int | None,
) -> ReviewLog:
    """Log a new card's recognition (review number 0: its schedule is untouched) and hold it
    back for a moment before it is typed. Once per card: StaleReview for a replay."""
    if review_count != 0 or card.reps != 0 or card.recognised_at is not None:
        raise flashcard_store.StaleReview
    steps = chosen.scheduler.learning_steps
    due = now + (steps[0] if steps else RECOGNISED_WAIT)
    updated = db.session.execute(
        update(LearnerCard)
        .where(
            LearnerCard.id == card.id, LearnerCard.reps == 0, LearnerCard.recognised_at.is_(None)
        )
        .values(recognised_at=now, due=due)
    )
    if updated.rowcount != 1:
        raise flashcard_store.StaleReview
    log = ReviewLog(
        learner_card_id=card.id,
        user_id=card.user_id,
        review_number=0,
        rating=int(Rating.GOOD),
        source=ReviewSource.RECOGNITION,
        reviewed_at=now,
        duration_ms=duration_ms,
        state_before=card.state,
        due=due,
        response=choice,
    )
    db.session.add(log)
    db.session.flush()
    db.session.refresh(card)
    return log


def own_log(user_id: int, log_id: int) -> ReviewLog | None:
    """The learner's own review log row; None for anyone else's."""
    return db.session.scalar(
        select(ReviewLog).where(ReviewLog.id == log_id, ReviewLog.user_id == user_id)
    )


class OverruleRefused(Exception):
    pass


def can_overrule(log: ReviewLog, remembered: undo.LastRating | None) -> bool:
    """Whether the learner may still say "I was right" about this typed answer."""
    return (
        log.source is ReviewSource.TYPED
        and not log.overruled
        and overruled(Rating(log.rating)) is not None
        and remembered is not None
        and remembered.log_id == log.id
    )


def overrule(
    log: ReviewLog, remembered: undo.LastRating | None, chosen: StudyPreferences
) -> tuple[CardMemory, Review, ReviewLog]:
    """Replace the typed answer's rating by the one step higher one, as of when it was typed,
    and mark the log row overruled; returns the card as it was before the answer, the new review
    and its log row. OverruleRefused unless `can_overrule`."""
    if not can_overrule(log, remembered):
        raise OverruleRefused(NOT_OVERRULABLE)
    assert remembered is not None
    rating = overruled(Rating(log.rating))
    assert rating is not None
    reviewed_at, duration_ms, response = log.reviewed_at, log.duration_ms, log.response
    try:
        card = undo.undo(remembered)
    except undo.UndoRefused as refusal:
        raise OverruleRefused(NOT_OVERRULABLE) from refusal
    before = card.memory()
    result, new_log = _rate_answer(
        card, rating, response, ReviewSource.TYPED, card.reps, reviewed_at, chosen, duration_ms
    )
    new_log.overruled = True
    return before, result, new_log
