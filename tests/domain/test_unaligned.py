"""Matching choices in an order where no right side sits beside its own left side."""

from __future__ import annotations

import random

import pytest

from quizapp.domain.quiz_rules import unaligned

RIGHTS = ["President of Armenia", "President of Azerbaijan", "Defence Minister", "Mediator"]
CHOICES = [*RIGHTS, "Foreign Minister"]


def aligned(choices: list[str]) -> list[int]:
    return [i for i, right in enumerate(RIGHTS) if i < len(choices) and choices[i] == right]


@pytest.mark.parametrize("seed", range(50))
def test_unaligned_moves_every_right_side_off_its_left(seed):
    order = unaligned(CHOICES, RIGHTS, random.Random(seed))
    assert aligned(order) == [] and sorted(order) == sorted(CHOICES)
    assert order == unaligned(CHOICES, RIGHTS, random.Random(seed))


def test_an_order_already_unaligned_is_kept():
    order = RIGHTS[1:] + RIGHTS[:1]
    assert unaligned(order, RIGHTS, random.Random(1)) == order
