"""The simulated year behind the desired-retention figures."""

from __future__ import annotations

from quizapp.domain.retention_outlook import RETENTIONS, RetentionOutlook, retention_outlook
from quizapp.domain.schedule_fitting import DEFAULT_PARAMETERS
from quizapp.domain.synthetic_reviews import FORGETFUL_LEARNER


def test_one_figure_per_retention_and_a_higher_retention_costs_more_reviews():
    outlook = retention_outlook(DEFAULT_PARAMETERS)
    assert [figure.desired_retention for figure in outlook] == list(RETENTIONS)
    reviews = [figure.reviews_per_day for figure in outlook]
    assert reviews == sorted(reviews) and reviews[0] < reviews[-1]
    assert all(figure.memorised > 0 and figure.minutes_per_day > 0 for figure in outlook)


def test_a_forgetful_learner_needs_more_reviews_for_the_same_retention():
    default = {figure.desired_retention: figure for figure in retention_outlook(DEFAULT_PARAMETERS)}
    forgetful = retention_outlook(FORGETFUL_LEARNER)
    for figure in forgetful:
        assert figure.reviews_per_day > default[figure.desired_retention].reviews_per_day


def test_a_figure_survives_storage_as_a_mapping():
    (figure,) = retention_outlook(FORGETFUL_LEARNER, (0.9,))
    assert RetentionOutlook.from_dict(figure.as_dict()) == figure
