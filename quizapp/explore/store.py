"""The explore pages' queries and writes: the live bank, its fingerprint, the periods and search
index the bank sync keeps, full-text search, practice quizzes and explore decks. Nothing here
commits.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, literal_column, select, text
from sqlalchemy.exc import IntegrityError

from ..domain.bank import Fact, QuoteFact, fact_from_content
from ..domain.bank import content_hash as hash_content
from ..domain.explore import ExploreBank, Selection, selection_facts, selection_title
from ..domain.periods import Period
from ..domain.search_text import fold
from ..models import BankPeriod, ExploreDeck, FeedbackTiming, Quiz, SearchEntry, db
from ..models import Fact as FactRow
from ..models.explore import SEARCH_FTS_TABLE

# --- the bank as the explore pages read it -------------------------------------------------------


# The parsed bank of the latest fingerprint seen. Derived state only: every call checks the
# fingerprint against the database, so each worker reads what every other worker sees.
_parsed: dict[str, ExploreBank] = {}


def explore_bank() -> ExploreBank:
    """The live facts (in id order) and the periods, from the database."""
    fingerprint = bank_fingerprint()
    cached = _parsed.get(fingerprint)
    if cached is not None:
        return cached
    contents = db.session.scalars(
        select(FactRow.content).where(FactRow.retired_at.is_(None)).order_by(FactRow.id)
    )
    periods = db.session.scalars(select(BankPeriod.content).order_by(BankPeriod.position))
    parsed = ExploreBank(
        tuple(fact_from_content(content) for content in contents),
        tuple(Period.from_dict(content) for content in periods),
    )
    _parsed.clear()
    _parsed[fingerprint] = parsed
    return parsed


def bank_fingerprint() -> str:
    """A digest that changes whenever a live fact or a period changes, appears or goes."""
    digest = hashlib.sha256()
    facts = db.session.execute(
        select(FactRow.id, FactRow.content_hash)
        .where(FactRow.retired_at.is_(None))
        .order_by(FactRow.id)
    )
    for fact_id, content_hash in facts:
        digest.update(f"f {fact_id} {content_hash}\n".encode())
    periods = db.session.execute(
        select(BankPeriod.id, BankPeriod.content_hash).order_by(BankPeriod.position)
    )
    for period_id, content_hash in periods:
        digest.update(f"p {period_id} {content_hash}\n".encode())
    return digest.hexdigest()[:32]


# --- what the bank sync keeps for explore --------------------------------------------------------


def sync_explore(periods: Sequence[Period]) -> None:
    """Store the bank's periods and rebuild the search index from the live facts."""
    db.session.execute(delete(BankPeriod))
    for position, period in enumerate(periods):
        content = period.as_dict()
        db.session.add(
            BankPeriod(
                id=period.id,
                position=position,
                content=content,
                content_hash=hash_content(content),
            )
        )
    db.session.execute(delete(SearchEntry))
    db.session.flush()
    for fact in explore_bank().facts:
        title, body = search_document(fact)
        db.session.add(
            SearchEntry(
                fact_id=fact.id,
                kind=fact.kind.value,
                title=title,
                body=body,
                folded_title=fold(title),
                folded_body=fold(body),
            )
        )
    db.session.flush()
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(
            text(f"INSERT INTO {SEARCH_FTS_TABLE}({SEARCH_FTS_TABLE}) VALUES ('rebuild')")
        )


def search_document(fact: Fact) -> tuple[str, str]:
    """What search matches for a fact: its title (every listed name) and its other words."""
    names = getattr(fact, "names", None) or (getattr(fact, "name", None),)
    if isinstance(fact, QuoteFact):
        names = (fact.speaker,)
    title = " / ".join(name for name in names if name) or getattr(fact, "question", fact.id)
    words = [
        getattr(fact, field, "")
        for field in ("name", "role", "description", "statement", "text", "context", "question")
    ]
    body = " ".join(word for word in words if isinstance(word, str) and word)
    return title, body


# --- search --------------------------------------------------------------------------------------

_MAX_TERMS = 8


@dataclass(frozen=True)
class SearchHit:
    fact_id: str
    kind: str
    title: str
    body: str


def search_terms(query: str) -> list[str]:
    """The words of a query, folded: letters and digits only, so no query syntax gets in."""
    return re.findall(r"\w+", fold(query[:200]))[:_MAX_TERMS]


def search(query: str, limit: int = 50) -> list[SearchHit]:
    """Live facts matching every word of the query (each as a word prefix), best first."""
    terms = search_terms(query)
    if not terms:
        return []
    if db.session.get_bind().dialect.name == "sqlite":
        match = " AND ".join(f'"{term}"*' for term in terms)
        statement = text(
            f"SELECT e.fact_id, e.kind, e.title, e.body FROM {SEARCH_FTS_TABLE} "
            f"JOIN search_entries AS e ON e.id = {SEARCH_FTS_TABLE}.rowid "
            f"WHERE {SEARCH_FTS_TABLE} MATCH :match "
            # A match in a name counts ten times one in the words.
            f"ORDER BY bm25({SEARCH_FTS_TABLE}, 10.0, 1.0), e.fact_id LIMIT :limit"
        ).bindparams(match=match, limit=limit)
    else:
        # The expression the migration's GIN index is built on.
        document = func.to_tsvector(
            text("'simple'"),
            SearchEntry.folded_title + literal_column("' '") + SearchEntry.folded_body,
        )
        # A match in a name counts more than one in the words.
        weighted = func.setweight(
            func.to_tsvector(text("'simple'"), SearchEntry.folded_title), text("'A'")
        ).op("||")(func.to_tsvector(text("'simple'"), SearchEntry.folded_body))
        query_vector = func.to_tsquery(text("'simple'"), " & ".join(f"{t}:*" for t in terms))
        statement = (
            select(SearchEntry.fact_id, SearchEntry.kind, SearchEntry.title, SearchEntry.body)
            .where(document.op("@@")(query_vector))
            .order_by(func.ts_rank(weighted, query_vector).desc(), SearchEntry.fact_id)
            .limit(limit)
        )
    return [SearchHit(*row) for row in db.session.execute(statement)]


# --- practice quizzes ----------------------------------------------------------------------------

PRACTICE_QUESTIONS = 10


def practice_quiz(
    user_id: int, selection: Selection, title: str, facts: Sequence[Fact], now: datetime
) -> Quiz:
    """The learner's untimed practice quiz for the selection, drawing only from its facts.

    One per learner and selection; its facts follow the bank each time it is started.
    """
    quiz = _practice_quiz_of(user_id, selection)
    if quiz is None:
        quiz = Quiz(
            owner_id=user_id,
            practice_of=str(selection),
            title="",
            description="An untimed practice quiz from the explore pages.",
            include_bank=True,
            set_ids=[],
            tags=[],
            kinds=[],
            question_count=PRACTICE_QUESTIONS,
            time_limit_seconds=None,
            attempts_allowed=None,
            feedback_timing=FeedbackTiming.AFTER_EACH,
            created_at=now,
        )
        try:
            with db.session.begin_nested():
                db.session.add(quiz)
        except IntegrityError:
            # A concurrent request made it first.
            quiz = _practice_quiz_of(user_id, selection)
            assert quiz is not None
    quiz.title = f"Practice: {title}"
    quiz.fact_ids = sorted(fact.id for fact in facts)
    return quiz


def _practice_quiz_of(user_id: int, selection: Selection) -> Quiz | None:
    return db.session.scalar(
        select(Quiz).where(Quiz.owner_id == user_id, Quiz.practice_of == str(selection))
    )


# --- explore decks -------------------------------------------------------------------------------


def deck_selections(user_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(ExploreDeck.selection)
            .where(ExploreDeck.user_id == user_id)
            .order_by(ExploreDeck.id)
        )
    )


def has_deck(user_id: int, selection: Selection) -> bool:
    return str(selection) in deck_selections(user_id)


def add_deck(user_id: int, selection: Selection, now: datetime) -> None:
    """Add the selection's deck to the learner's decks (once)."""
    if has_deck(user_id, selection):
        return
    try:
        with db.session.begin_nested():
            db.session.add(ExploreDeck(user_id=user_id, selection=str(selection), created_at=now))
    except IntegrityError:
        pass  # added by a concurrent request


def remove_deck(user_id: int, selection: Selection) -> bool:
    """Remove the deck from the learner's decks; their cards and reviews stay."""
    removed = db.session.execute(
        delete(ExploreDeck).where(
            ExploreDeck.user_id == user_id, ExploreDeck.selection == str(selection)
        )
    )
    return bool(removed.rowcount)


def described(bank: ExploreBank, selection: Selection) -> tuple[str, tuple[Fact, ...]] | None:
    """The selection's title and facts, or None when the bank has no such selection."""
    facts = selection_facts(bank, selection)
    title = selection_title(bank, selection)
    if facts is None or title is None:
        return None
    return title, facts
