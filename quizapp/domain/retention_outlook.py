"""What a desired retention costs and gives: a year of study simulated with fsrs-rs-python.

For each desired retention, the simulator plays a learner who starts a fixed number of new cards a
day for a year under a memory model (default or fitted parameters), and reports the reviews per day
and the cards memorised at the end (the sum of every card's probability of recall). These are the
figures a learner weighs when choosing a desired retention.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache

import fsrs_rs_python

RETENTIONS = (0.80, 0.85, 0.90, 0.95)
SIMULATED_DAYS = 365
# The simulated learner: ten new cards a day all year, at most thirty minutes of study a day (the
# simulator's own default cap), with its default rating habits and answer times (Anki's averages).
# Ten a day, rather than the app's default twenty, keeps the four simulations near a third of a
# second in all, so a learner's figures are cheap to compute once and keep.
NEW_CARDS_PER_DAY = 10
SIMULATION_SEED = 42


@dataclass(frozen=True)
class RetentionOutlook:
    desired_retention: float
    reviews_per_day: float
    """Reviews (new cards excluded) per day, averaged over the year."""
    minutes_per_day: float
    """Study time per day, averaged over the year, with the simulator's answer times."""
    memorised: float
    """Cards the learner would recall on the last day (the sum of their probabilities of recall)."""

    def as_dict(self) -> dict[str, float]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, float]) -> RetentionOutlook:
        return cls(**{name: float(values[name]) for name in cls.__dataclass_fields__})


def retention_outlook(
    parameters: Sequence[float], retentions: Sequence[float] = RETENTIONS
) -> tuple[RetentionOutlook, ...]:
    """The simulated year at each desired retention, for a learner with memory `parameters`."""
    return _outlook(tuple(float(value) for value in parameters), tuple(retentions))


@lru_cache(maxsize=32)
def _outlook(
    parameters: tuple[float, ...], retentions: tuple[float, ...]
) -> tuple[RetentionOutlook, ...]:
    # Cached: the same parameters always give the same figures (the seed is fixed), and the
    # default parameters are asked for on every Settings page of a learner without a fit.
    config = fsrs_rs_python.default_simulator_config()
    config.learn_span = SIMULATED_DAYS
    config.learn_limit = NEW_CARDS_PER_DAY
    config.deck_size = NEW_CARDS_PER_DAY * SIMULATED_DAYS
    outlook = []
    for retention in retentions:
        result = fsrs_rs_python.simulate(list(parameters), retention, config, seed=SIMULATION_SEED)
        outlook.append(
            RetentionOutlook(
                desired_retention=retention,
                reviews_per_day=sum(result.review_cnt_per_day) / SIMULATED_DAYS,
                minutes_per_day=sum(result.cost_per_day) / SIMULATED_DAYS / 60,
                memorised=float(result.memorized_cnt_per_day[-1]),
            )
        )
    return tuple(outlook)
