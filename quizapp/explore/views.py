"""Explore the bank: the timeline by period, people, organisations and states, places, search;
and from any of them, an untimed practice quiz or a flashcard deck of exactly what it shows.

The reading pages are open to everyone and cacheable (public, with an ETag that follows the bank);
practising asks for an account, then comes back to the page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user

from ..attempt_store import AttemptProblem, start_or_resume
from ..clock import now as clock_now
from ..domain.bank import Fact
from ..domain.explore import (
    ExploreBank,
    Selection,
    SelectionKind,
    TimelineFilter,
    dossier,
    timeline,
)
from ..domain.periods import period_of
from ..flashcard_store import enrol_deck, find_deck
from ..models import db
from ..security import is_safe_next
from . import store
from .charts import period_overview
from .decks import deck_key
from .pages import SUBJECT_PAGES, hit_link, page_context, section_of

bp = Blueprint("explore", __name__, url_prefix="/explore")

CACHE_SECONDS = 300


def _bank() -> ExploreBank:
    if "explore_bank" not in g:
        g.explore_bank = store.explore_bank()
    return g.explore_bank


def _cacheable(html: str) -> Response:
    """Anonymous pages are public and revalidated by the bank's fingerprint; a learner's page
    (with their buttons and messages) is theirs alone."""
    response = Response(html)
    response.vary.add("Cookie")
    if current_user.is_authenticated or "_flashes" in session:
        response.cache_control.private = True
        response.cache_control.no_store = True
        return response
    response.cache_control.public = True
    response.cache_control.max_age = CACHE_SECONDS
    response.set_etag(store.bank_fingerprint())
    return response.make_conditional(request)


def _render(
    template: str, description: str, canonical_args: dict[str, str] | None = None, **context: Any
) -> Response:
    canonical = url_for(
        request.endpoint or "explore.index",
        _external=True,
        **(request.view_args or {}),
        **(canonical_args or {}),
    )
    return _cacheable(
        render_template(
            template,
            description=description,
            canonical=canonical,
            **page_context(),
            **context,
        )
    )


@bp.get("/")
def index():
    return _render(
        "explore/index.html",
        "Read the sourced history of the Nagorno-Karabakh conflict: a timeline, the people, "
        "organisations and places, with every source.",
        periods=_bank().periods,
    )


def _choice(name: str, allowed: set[str]) -> str | None:
    value = request.args.get(name) or None
    return value if value in allowed else None


@bp.get("/timeline")
def timeline_page():
    bank = _bank()
    events = bank.events
    tags = sorted({tag for event in events for tag in event.tags})
    topics = sorted({event.topic.value for event in events})
    chosen = TimelineFilter(
        period=_choice("period", {period.id for period in bank.periods}),
        topic=_choice("topic", set(topics)),
        tag=_choice("tag", set(tags)),
    )
    groups = timeline(bank, chosen)
    every_group = timeline(bank)
    return _render(
        "explore/timeline.html",
        "Every event in the question bank in date order, by period, each with its source.",
        groups=groups,
        overview=period_overview(every_group),
        overview_groups=every_group,
        shown=sum(len(group.events) for group in groups),
        chosen=chosen,
        tags=tags,
        topics=topics,
        periods=bank.periods,
        places=bank.places,
        canonical_args={k: v for k, v in vars(chosen).items() if v},
    )


@bp.get("/<any(people, actors, places):section>")
def subjects(section: str):
    page = SUBJECT_PAGES[section]
    bank = _bank()
    return _render(
        "explore/subjects.html",
        page.description,
        page=page,
        subjects=page.subjects(bank),
    )


@bp.get("/<any(people, actors, places):section>/<fact_id>")
def subject(section: str, fact_id: str):
    page = SUBJECT_PAGES[section]
    bank = _bank()
    found = dossier(bank, page.kind, fact_id)
    if found is None:
        abort(404)
    return _render(
        "explore/subject.html",
        found.subject.statement,
        page=page,
        dossier=found,
        selection=Selection(page.kind, fact_id),
        periods={event.id: period_of(event.id, event.date, bank.periods) for event in found.events},
        places=bank.places,
    )


@bp.get("/search")
def search():
    query = request.args.get("q", "")[:200]
    bank = _bank()
    hits = [(hit, hit_link(hit, bank), bank.fact(hit.fact_id, Fact)) for hit in store.search(query)]
    return _render(
        "explore/search.html",
        "Search the question bank: people by any spelling, places by either name, events.",
        query=query,
        hits=hits,
        searched=bool(store.search_terms(query)),
    )


# --- from reading to practice --------------------------------------------------------------------


def _selection_from_form() -> tuple[Selection, str, tuple]:
    try:
        selection = Selection.parse(request.form.get("selection", ""))
    except ValueError:
        abort(404)
    found = store.described(_bank(), selection)
    if found is None:
        abort(404)
    return selection, *found


def _back(selection: Selection) -> str:
    target = request.form.get("next", "")
    if is_safe_next(target) and target.startswith("/explore/"):
        return target
    if selection.kind is SelectionKind.PERIOD:
        return url_for("explore.timeline_page", period=selection.key)
    return url_for("explore.subject", section=section_of(selection.kind), fact_id=selection.key)


def _login_first(selection: Selection) -> Response:
    flash("Log in to practise this, and you will come back here.", "info")
    return redirect(url_for("auth.login") + "?" + urlencode({"next": _back(selection)}))


@bp.post("/practice")
def practice():
    selection, title, facts = _selection_from_form()
    if not current_user.is_authenticated:
        return _login_first(selection)
    now = clock_now()
    quiz = store.practice_quiz(current_user.id, selection, title, facts, now)
    try:
        attempt = start_or_resume(quiz, current_user, now)
    except AttemptProblem as problem:
        db.session.commit()
        flash(problem.message, "error")
        return redirect(_back(selection))
    db.session.commit()
    return redirect(url_for("quizzes.attempt", attempt_id=attempt.id))


@bp.post("/decks")
def add_deck():
    selection, title, _facts = _selection_from_form()
    if not current_user.is_authenticated:
        return _login_first(selection)
    store.add_deck(current_user.id, selection, clock_now())
    deck = find_deck(current_user.id, deck_key(selection))
    added = enrol_deck(current_user.id, deck, clock_now()) if deck is not None else 0
    db.session.commit()
    flash(f"The deck “{title}” is in your flashcards ({added} new cards added).", "success")
    return redirect(_back(selection))


@bp.post("/decks/remove")
def remove_deck():
    selection, title, _facts = _selection_from_form()
    if not current_user.is_authenticated:
        return _login_first(selection)
    store.remove_deck(current_user.id, selection)
    db.session.commit()
    flash(
        f"The deck “{title}” is removed; its cards and your reviews stay in your collection.",
        "success",
    )
    return redirect(_back(selection))
