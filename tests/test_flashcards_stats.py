"""Statistics: the pure figures, the statistics page and the learner's home page."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from support_flashcards import T0, cards_of, install_clock, load_bank

from quizapp.domain.review_stats import (
    Evidence,
    due_forecast,
    heatmap,
    mastery,
    measured_retention,
    streak,
)
from quizapp.domain.scheduling import Rating
from quizapp.flashcard_store import preferences, rate_card
from quizapp.models import (
    Attempt,
    AttemptQuestion,
    AttemptState,
    Question,
    Quiz,
    db,
)
from quizapp.stats_charts import bar_chart, heatmap_chart

TODAY = date(2026, 3, 2)


# --- the figures ---------------------------------------------------------------------------------


def test_a_streak_counts_days_in_a_row_up_to_today_or_yesterday():
    days = {TODAY - timedelta(days=n) for n in (0, 1, 2, 4)}
    assert streak(days, TODAY) == 3
    assert streak(days - {TODAY}, TODAY) == 2, "not broken until today is over"
    assert streak(days - {TODAY, TODAY - timedelta(days=1)}, TODAY) == 0
    assert streak(set(), TODAY) == 0


def test_the_heatmap_covers_whole_weeks_and_shades_by_quarter_of_the_busiest_day():
    calendar = heatmap(
        {TODAY: 40, TODAY - timedelta(days=1): 10, TODAY - timedelta(days=2): 1}, TODAY
    )
    assert calendar.cells[0].day.weekday() == 0 and calendar.cells[-1].day == TODAY
    assert calendar.cells[-1].week == calendar.weeks - 1
    levels = {cell.day: cell.level for cell in calendar.cells if cell.reviews}
    assert levels == {
        TODAY: 4,
        TODAY - timedelta(days=1): 1,
        TODAY - timedelta(days=2): 1,
    }
    assert calendar.total == 51 and len(calendar.active_days) == 3


def test_the_forecast_counts_overdue_cards_for_today():
    forecast = due_forecast(
        [TODAY - timedelta(days=3), TODAY, TODAY + timedelta(days=2), TODAY + timedelta(days=40)],
        TODAY,
    )
    assert len(forecast) == 30
    assert forecast[0] == (TODAY, 2)
    assert forecast[2] == (TODAY + timedelta(days=2), 1)
    assert sum(count for _, count in forecast) == 3


def test_measured_retention_per_period():
    reviews = [(TODAY, True), (TODAY, False), (TODAY - timedelta(days=10), True)]
    week, month, year = measured_retention(reviews, TODAY)
    assert (week.reviews, week.recalled, week.rate) == (2, 1, 0.5)
    assert (month.reviews, month.recalled) == (3, 2)
    assert year.rate == pytest.approx(2 / 3)
    empty = measured_retention([], TODAY)[0]
    assert empty.rate is None


def test_mastery_weighs_quizzes_and_reviews_by_their_evidence():
    assert mastery(None, None) is None
    assert mastery(Evidence(0.5, 10), None) == 0.5
    assert mastery(Evidence(1.0, 1), Evidence(0.5, 3)) == pytest.approx(0.625)
    assert mastery(Evidence(0.8, 0), Evidence(0.4, 2)) == pytest.approx(0.4)


# --- the pages -----------------------------------------------------------------------------------


@pytest.fixture
def learner(app, make_user, auth):
    load_bank(app)
    user = make_user("ani")
    auth.login("ani")
    return user


def review_history(client, user_id, clock):
    """Add the history deck and review cards on three days in a row, ending today (T0)."""
    client.post("/flashcards/decks/topic:history/add")
    chosen = preferences(user_id)
    cards = cards_of(user_id)
    for days_ago, card, rating in [
        (2, cards[0], Rating.EASY),
        (1, cards[1], Rating.EASY),
        (0, cards[0], Rating.AGAIN),
        (0, cards[2], Rating.GOOD),
    ]:
        rate_card(card, rating, card.reps, T0 - timedelta(days=days_ago), chosen)
        db.session.commit()


def assert_no_inline_style_or_script(html: str):
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "no inline script"


def test_the_statistics_page(client, learner, app):
    clock = install_clock(app)
    review_history(client, learner.id, clock)
    response = client.get("/flashcards/stats")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert_no_inline_style_or_script(html)
    assert html.count('<svg class="chart"') == 4
    for title in ("chart-states-title", "chart-heatmap-title", "chart-forecast-title"):
        assert f'aria-labelledby="{title}"' in html
    # Cards by state, with the data as a table.
    for state, count in (("New", 5), ("Learning", 1), ("Review", 1), ("Relearning", 1)):
        assert f'<th scope="row">{state}</th><td>{count}</td>' in html
    # Reviews per day: four reviews on three days.
    assert "4 reviews on\n     3 days" in html
    assert "Mon 02 Mar 2026</th><td>2</td>" in html
    # Retention: one review of a learned card (the Again today), against 90% desired.
    assert re.search(r"Last 7 days</th>\s*<td>1</td>\s*<td>0</td>\s*<td>0.0%</td>", html)
    assert "desired 90%" in html
    # Hardest cards: the lapsed one first.
    hardest = html.index("Hardest cards")
    assert cards_of(learner.id)[0].flashcard.content["front"] in html[hardest:]


def test_statistics_show_only_the_learners_own_reviews(client, learner, app, auth, make_user):
    clock = install_clock(app)
    review_history(client, learner.id, clock)
    auth.logout()
    make_user("bob")
    auth.login("bob")
    html = client.get("/flashcards/stats").get_data(as_text=True)
    assert "0 reviews on\n     0 days" in html
    assert "No reviewed cards yet." in html


def add_finished_attempt(user_id, quiz, number, finished_days_ago, score, answers):
    finished = T0 - timedelta(days=finished_days_ago)
    attempt = Attempt(
        quiz_id=quiz.id,
        user_id=user_id,
        number=number,
        state=AttemptState.FINISHED,
        started_at=finished - timedelta(minutes=10),
        finished_at=finished,
        score=score,
    )
    db.session.add(attempt)
    db.session.flush()
    for position, (question_id, question_score) in enumerate(answers):
        db.session.add(
            AttemptQuestion(
                attempt_id=attempt.id,
                position=position,
                question_id=question_id,
                question_version=1,
                score=question_score,
            )
        )
    db.session.commit()


def test_the_home_page_shows_due_cards_streak_scores_and_mastery(client, learner, app):
    clock = install_clock(app)
    review_history(client, learner.id, clock)
    questions = {
        topic: db.session.scalars(select(Question.id).where(Question.topic == topic)).first()
        for topic in ("history", "figures")
    }
    quiz = Quiz(title="History of the conflict", question_count=2)
    db.session.add(quiz)
    db.session.commit()
    add_finished_attempt(learner.id, quiz, 1, 3, 0.5, [(questions["history"], 0.0)])
    add_finished_attempt(learner.id, quiz, 2, 1, 1.0, [(questions["figures"], 1.0)])

    html = client.get("/").get_data(as_text=True)
    assert_no_inline_style_or_script(html)
    assert "Welcome, ani" in html
    assert re.search(r"Due today</h2>\s*<p class=\"tile-figure\">\d+ cards", html)
    assert re.search(r"Streak</h2>\s*<p class=\"tile-figure\">3 days", html)
    # Quiz scores over time, oldest first, drawn and tabulated.
    assert 'aria-labelledby="chart-scores-title"' in html
    assert html.index("<td>50%</td>") < html.index("<td>100%</td>")
    # Mastery: history from 1 quiz answer (0%) and 4 reviews (3 remembered) = 3/5.
    row = re.search(r"History</th>(.*?)</tr>", html, re.S).group(1)
    assert "1 (mean 0%)" in row and "4 (75% remembered)" in row and "60%" in row
    row = re.search(r"Figures</th>(.*?)</tr>", html, re.S).group(1)
    assert "100%" in row
    row = re.search(r"Actors</th>(.*?)</tr>", html, re.S).group(1)
    assert "no data yet" in row


def test_the_home_page_for_visitors_is_unchanged(client, app):
    html = client.get("/").get_data(as_text=True)
    assert "Create an account" in html and "Due today" not in html


def test_charts_are_drawn_to_scale_with_a_title_per_shape():
    chart = bar_chart("c", "Cards", [("New", 5), ("Review", 10)])
    new, review = chart.rects
    assert review.height == pytest.approx(2 * new.height)
    assert (new.title, review.title) == ("New: 5", "Review: 10")
    assert [text.text for text in chart.texts if text.anchor == "end"] == ["0", "5", "10"]

    calendar = heatmap_chart("h", "Reviews", heatmap({TODAY: 3}, TODAY))
    assert len(calendar.rects) == 52 * 7 + TODAY.weekday() + 1
    assert calendar.rects[-1].css == "heat heat-4" and calendar.rects[-1].title.endswith(
        "3 reviews"
    )
    assert all(rect.x + rect.width <= calendar.width for rect in calendar.rects)
