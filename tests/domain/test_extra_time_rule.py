"""Which extra-time factor an attempt gets, from the account, the class and the assignment."""

from __future__ import annotations

import pytest

from quizapp.domain.timing import extra_time_factor


@pytest.mark.parametrize(
    ("account", "class_factor", "assignment_factor", "expected"),
    [
        (1.0, None, None, 1.0),  # outside a class: the account's only
        (2.0, None, None, 2.0),
        (1.0, 4.0, None, 4.0),  # a class assignment: the class's
        (1.0, 4.0, 1.5, 1.5),  # ... unless the teacher set one for the assignment
        (2.0, 1.5, None, 2.0),  # never below the admin's accommodation
        (2.0, 4.0, 1.0, 2.0),
    ],
)
def test_the_factor_of_an_attempt(account, class_factor, assignment_factor, expected):
    assert extra_time_factor(account, class_factor, assignment_factor) == expected
