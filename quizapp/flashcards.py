"""Flashcards: choose decks, review cards on an FSRS schedule, settings, statistics and exports."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from . import clock, exports, learner_stats, stats_charts
from . import flashcard_store as store
from .access import teacher_required
from .domain.generation import Flashcard as CardFace
from .domain.review_modes import ModePreferences, ReviewMode, parse_mode
from .domain.scheduling import (
    Rating,
    SchedulerSettings,
    format_interval,
    format_steps,
    parse_steps,
    preview,
)
from .domain.study import DailyLimits, StudyPreferences
from .flashcard_forms import ReviewForm, SettingsForm
from .flashcards_tools import day_summary, review_page, undo
from .flashcards_tools.review_page import duration_ms, epoch_ms
from .models import Flashcard, LearnerCard, db
from .review_modes import store as mode_store
from .review_modes import views as modes

bp = Blueprint("flashcards", __name__, url_prefix="/flashcards")


def _user_id() -> int:
    return int(current_user.id)


def _deck_or_404(text: str | None) -> store.Deck | None:
    """The deck named in the request; None means all the learner's cards."""
    if not text:
        return None
    deck = store.find_deck(_user_id(), text)
    if deck is None:
        abort(404)
    return deck


def _deck_arg(deck: store.Deck | None) -> str | None:
    return str(deck.key) if deck is not None else None


@bp.get("/")
@login_required
def index():
    now = clock.now()
    chosen = store.preferences(_user_id())
    return render_template(
        "flashcards/index.html",
        summaries=store.deck_summaries(_user_id(), now, chosen),
        overall=store.due_counts(_user_id(), now, chosen),
        limits=chosen.limits,
    )


@bp.post("/decks/<deck_key>/add")
@login_required
def add_deck(deck_key: str):
    deck = _deck_or_404(deck_key)
    assert deck is not None
    added = store.enrol_deck(_user_id(), deck, clock.now())
    db.session.commit()
    if added:
        flash(f"Added {_cards(added)} from {deck.title} to your collection.", "success")
    else:
        flash(f"You already have every card from {deck.title}.", "info")
    return redirect(url_for(".index"))


def _cards(count: int) -> str:
    return "1 card" if count == 1 else f"{count} cards"


# --- reviewing -----------------------------------------------------------------------------------


@bp.get("/review")
@login_required
def review():
    deck = _deck_or_404(request.args.get("deck"))
    now = clock.now()
    chosen = store.preferences(_user_id())
    day = store.study_day_of(_user_id(), now, chosen)
    queued = store.next_card(_user_id(), now, chosen, deck, day)
    if queued is None:
        next_due = store.next_due_at(_user_id(), deck)
        return render_template(
            "flashcards/review.html",
            deck=deck,
            card=None,
            counts=store.due_counts(_user_id(), now, chosen, deck, day),
            next_due=next_due,
            wait=format_interval(next_due - now) if next_due and next_due > now else None,
            summary=day_summary.today(_user_id(), now, chosen),
        )
    card = queued.card
    wanted = mode_store.session_mode(request.args.get("mode"), _user_id())
    mode, question = mode_store.card_mode(card, wanted)
    if question is not None:
        return modes.card_page(
            card, mode, question, wanted=wanted, deck=deck, chosen=chosen, now=now
        )
    form = ReviewForm(
        formdata=None,
        review_count=card.reps,
        shown_at=str(epoch_ms(now)),
        deck=_deck_arg(deck) or "",
        mode=wanted.value,
    )
    return _card_page(card, form, deck, chosen, now, revealed=False, day=day)


@bp.get("/cards/<int:card_id>/answer")
@login_required
def answer(card_id: int):
    """The answer side, for browsers without JavaScript (the script flips the card in place)."""
    card = store.learner_card(_user_id(), card_id) or abort(404)
    deck = _deck_or_404(request.args.get("deck"))
    now = clock.now()
    form = ReviewForm(
        formdata=None,
        review_count=card.reps,
        shown_at=review_page.shown_at_or_now(request.args.get("shown_at"), now),
        deck=_deck_arg(deck) or "",
        mode=mode_store.session_mode(request.args.get("mode"), _user_id()).value,
    )
    return _card_page(card, form, deck, store.preferences(_user_id()), now, revealed=True)


@bp.post("/cards/<int:card_id>/review")
@login_required
def rate(card_id: int):
    card = store.learner_card(_user_id(), card_id) or abort(404)
    form = ReviewForm()
    deck = store.find_deck(_user_id(), form.deck.data) if form.deck.data else None
    now = clock.now()
    chosen = store.preferences(_user_id())
    if not form.validate_on_submit():
        return _card_page(card, form, deck, chosen, now, revealed=True, status=422)
    rating = Rating(form.rating.data)
    before = card.memory()
    try:
        result = store.rate_card(
            card,
            rating,
            form.review_count.data,
            now,
            chosen,
            duration_ms=duration_ms(form.shown_at.data, now),
        )
        undo.remember(session, _user_id(), before, result)
        db.session.commit()
    except (store.StaleReview, IntegrityError):
        db.session.rollback()
        flash(review_page.STALE_REVIEW, "error")
    else:
        flash(f"{rating.label}: next review in {format_interval(result.interval)}.", "success")
    return redirect(url_for(".review", deck=_deck_arg(deck), mode=parse_mode(form.mode.data)))


def _card_page(
    card: LearnerCard,
    form: ReviewForm,
    deck: store.Deck | None,
    chosen: StudyPreferences,
    now: datetime,
    *,
    revealed: bool,
    status: int = 200,
    day: store.StudyDay | None = None,
):
    """A card with today's counts: the front only, or (`revealed`) the answer and the ratings."""
    intervals = preview(card.memory(), now, chosen.scheduler)
    page = render_template(
        "flashcards/review.html",
        deck=deck,
        card=card,
        face=CardFace.from_dict(card.flashcard.content),
        form=form,
        counts=store.due_counts(_user_id(), now, chosen, deck, day),
        ratings=[(rating, format_interval(intervals[rating])) for rating in Rating],
        revealed=revealed,
        answer_url=url_for(
            ".answer",
            card_id=card.id,
            deck=_deck_arg(deck),
            shown_at=form.shown_at.data,
            mode=parse_mode(form.mode.data),
        ),
        session_mode=parse_mode(form.mode.data),
    )
    return page, status


# --- settings ------------------------------------------------------------------------------------


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    current = store.preferences(_user_id())
    modes_chosen = mode_store.mode_preferences(_user_id())
    form = SettingsForm(
        data={
            "desired_retention": current.scheduler.desired_retention,
            "new_cards_per_day": current.limits.new_cards,
            "reviews_per_day": current.limits.reviews,
            "learning_steps": format_steps(current.scheduler.learning_steps),
            "relearning_steps": format_steps(current.scheduler.relearning_steps),
            "review_mode": modes_chosen.review_mode.value,
            "learn_path": modes_chosen.learn_path,
        }
    )
    if form.validate_on_submit():
        store.save_preferences(
            _user_id(),
            StudyPreferences(
                scheduler=SchedulerSettings(
                    desired_retention=float(form.desired_retention.data),
                    learning_steps=parse_steps(form.learning_steps.data or ""),
                    relearning_steps=parse_steps(form.relearning_steps.data or ""),
                ),
                limits=DailyLimits(
                    new_cards=form.new_cards_per_day.data, reviews=form.reviews_per_day.data
                ),
            ),
        )
        mode_store.save_mode_preferences(
            _user_id(), ModePreferences(ReviewMode(form.review_mode.data), form.learn_path.data)
        )
        db.session.commit()
        flash("Your flashcard settings are saved.", "success")
        return redirect(url_for(".settings"))
    status = 422 if form.errors else 200
    return render_template("flashcards/settings.html", form=form), status


# --- statistics ----------------------------------------------------------------------------------


@bp.get("/stats")
@login_required
def stats():
    now = clock.now()
    chosen = store.preferences(_user_id())
    figures = learner_stats.review_stats(_user_id(), now, chosen)
    states = figures.states
    state_items = [
        ("New", states.new),
        ("Learning", states.learning),
        ("Review", states.review),
        ("Relearning", states.relearning),
    ]
    charts = {
        "states": stats_charts.bar_chart(
            "chart-states", "Your cards by state (the table below has the figures)", state_items
        ),
        "heatmap": stats_charts.heatmap_chart(
            "chart-heatmap",
            "Reviews per day over the last year (the table below lists each day)",
            figures.heatmap,
        ),
        "forecast": stats_charts.bar_chart(
            "chart-forecast",
            "Cards due on each of the next 30 days (the table below has the figures)",
            [(_short_day(day, figures.today), count) for day, count in figures.forecast],
            label_every=5,
        ),
        "retention": stats_charts.share_bars(
            "chart-retention",
            "Measured retention against your desired retention (figures in the table below)",
            [(f"Last {figure.days} days", figure.rate) for figure in figures.retention],
            reference=figures.desired_retention,
            reference_label=f"desired {figures.desired_retention:.0%}",
        ),
    }
    return render_template(
        "flashcards/stats.html",
        figures=figures,
        state_items=state_items,
        charts=charts,
        hardest=_listed(figures.hardest),
        leeches=_listed(figures.leeches),
    )


def _short_day(day: date, today: date) -> str:
    if day == today:
        return "today"
    if day == today + timedelta(days=1):
        return "tomorrow"
    return day.strftime("%d %b")


def _listed(cards: list[LearnerCard]) -> list[dict[str, Any]]:
    return [
        {
            "front": CardFace.from_dict(card.flashcard.content).front,
            "topic": card.flashcard.topic,
            "lapses": card.lapses,
            "reps": card.reps,
            "difficulty": card.difficulty,
            "due": card.due,
            "is_leech": card.memory().is_leech,
        }
        for card in cards
    ]


@bp.get("/leeches")
@teacher_required
def bank_leeches():
    """Bank cards, and cards from the teacher's own sets, that are leeches for some learners."""
    return render_template(
        "flashcards/leeches.html",
        leeches=learner_stats.bank_leeches(),
        set_leeches=learner_stats.set_leeches(current_user.id),
    )


# --- exports -------------------------------------------------------------------------------------


@bp.get("/export.<any(csv, apkg):file_format>")
@login_required
def export(file_format: str):
    """The learner's cards, or a whole deck (with the learner's schedule where they have it)."""
    deck = _deck_or_404(request.args.get("deck"))
    if deck is None:
        cards = store.collection(_user_id())
        rows = [_export_card(card.flashcard, card) for card in cards]
        name, file_stem = "quizapp: my flashcards", "my-flashcards"
    else:
        flashcards = store.deck_flashcards(deck)
        owned = store.cards_by_flashcard(_user_id(), (card.id for card in flashcards))
        rows = [_export_card(card, owned.get(card.id)) for card in flashcards]
        name, file_stem = f"quizapp: {deck.title}", f"{deck.key.key}-flashcards"
    if file_format == "csv":
        body: bytes | str = exports.to_csv(rows)
        mimetype = "text/csv"
    else:
        body = exports.to_apkg(name, rows, clock.now())
        mimetype = "application/octet-stream"
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{file_stem}.{file_format}"'},
    )


def _export_card(flashcard: Flashcard, card: LearnerCard | None) -> exports.ExportCard:
    face = CardFace.from_dict(flashcard.content)
    schedule: dict[str, Any] = {}
    if card is not None:
        schedule = {
            "state": "new" if card.reps == 0 else card.state.value,
            "due": card.due,
            "stability": card.stability,
            "difficulty": card.difficulty,
            "reps": card.reps,
            "lapses": card.lapses,
        }
    return exports.ExportCard(
        card_id=flashcard.id,
        topic=flashcard.topic,
        tags=face.tags,
        front=face.front,
        back=face.back,
        source_title=face.source.display,
        source_url=face.source.url or "",
        evidence=face.evidence,
        **schedule,
    )
