"""The timeline's overview: how many events each period holds, drawn as server-side SVG in the
house style (`stats_charts`), narrow enough to read on a phone without scaling the text down."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.explore import PeriodGroup
from ..stats_charts import Chart, Rect, Text

WIDTH = 360
_ROW = 44
_TOP = 4
_LABEL = "chart-label explore-chart-label"


def period_overview(groups: Sequence[PeriodGroup]) -> Chart:
    """A row per period: its dates above a bar as long as its share of the busiest period."""
    busiest = max((len(group.events) for group in groups), default=0) or 1
    rects, texts = [], []
    for index, group in enumerate(groups):
        y = _TOP + index * _ROW
        count = len(group.events)
        width = (WIDTH - 48) * count / busiest
        texts.append(Text(0, y + 14, group.period.dates, "start", _LABEL))
        rects.append(Rect(0, y + 20, WIDTH - 48, 16, "chart-track"))
        rects.append(
            Rect(0, y + 20, width, 16, "chart-bar", f"{group.period.name}: {count} events")
        )
        texts.append(Text(WIDTH - 40, y + 33, str(count), "start", _LABEL))
    return Chart(
        "timeline-overview",
        "Events in the bank by period",
        WIDTH,
        _TOP + _ROW * len(groups),
        tuple(rects),
        (),
        tuple(texts),
    )
