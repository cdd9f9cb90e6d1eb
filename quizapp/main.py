"""The home page: for a learner, what is due today and how their learning is going."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from . import clock, learner_stats, stats_charts
from . import flashcard_store as store

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    if not current_user.is_authenticated:
        return render_template("main/home.html")
    user_id = int(current_user.id)
    now = clock.now()
    chosen = store.preferences(user_id)
    scores = learner_stats.quiz_scores(user_id)
    mastery = learner_stats.topic_mastery(user_id)
    return render_template(
        "main/home.html",
        due=store.due_counts(user_id, now, chosen),
        streak=learner_stats.review_streak(user_id, now, chosen.zone),
        scores=scores,
        mastery=mastery,
        score_chart=stats_charts.score_line(
            "chart-scores",
            "Your quiz scores over time, oldest first (the table below lists them)",
            [
                (score.finished_at.astimezone(chosen.zone).date(), score.score, score.title)
                for score in scores
            ],
        )
        if scores
        else None,
        mastery_chart=stats_charts.share_bars(
            "chart-mastery",
            "Mastery per topic (the table below has the figures)",
            [(row.topic.value.title(), row.mastery) for row in mastery],
        ),
    )
