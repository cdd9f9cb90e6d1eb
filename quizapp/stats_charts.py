"""Server-drawn SVG charts: shapes placed in Python, written out by `templates/_charts.html`.

No script and no inline style (the content security policy allows neither): colours come from CSS
classes in app.css, sizes from SVG attributes. Every chart is an image with a title for assistive
technology, and every page that shows one also shows its data as a table.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .domain.review_stats import Heatmap

WIDTH = 640
HEIGHT = 220
_LEFT = 44
_RIGHT = 12
_TOP = 12
_BOTTOM = 28
_WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "")
_SMALL = "chart-label chart-small"


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str = ""


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "middle"
    css: str = "chart-label"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str = "chart-axis"


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    title: str
    css: str = "chart-point"


@dataclass(frozen=True)
class Chart:
    """A chart ready to draw: an id (for its title), a title, and its shapes."""

    id: str
    title: str
    width: int
    height: int
    rects: tuple[Rect, ...] = ()
    lines: tuple[Line, ...] = ()
    texts: tuple[Text, ...] = ()
    points: tuple[Point, ...] = ()
    path: tuple[tuple[float, float], ...] = field(default=())

    @property
    def polyline(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.path)


def _nice_maximum(value: float) -> float:
    """A round axis maximum at or above `value` (1, 2, 5, 10, 20, 50...)."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _count(value: float) -> str:
    return f"{value:g}"


def bar_chart(
    chart_id: str,
    title: str,
    items: Sequence[tuple[str, float]],
    *,
    describe: Callable[[str, float], str] = lambda label, value: f"{label}: {value:g}",
    label_every: int = 1,
    css: str = "chart-bar",
) -> Chart:
    """Vertical bars with a count axis; every `label_every`-th bar is labelled underneath."""
    top = _nice_maximum(max((value for _, value in items), default=0))
    plot_width = WIDTH - _LEFT - _RIGHT
    plot_height = HEIGHT - _TOP - _BOTTOM
    slot = plot_width / max(len(items), 1)
    bar_width = max(slot * 0.7, 1)
    rects, texts = [], []
    for index, (label, value) in enumerate(items):
        height = plot_height * value / top
        x = _LEFT + index * slot + (slot - bar_width) / 2
        rects.append(
            Rect(x, _TOP + plot_height - height, bar_width, height, css, describe(label, value))
        )
        if index % label_every == 0:
            texts.append(Text(x + bar_width / 2, HEIGHT - 10, label))
    texts.extend(_value_axis(top, plot_height, _count))
    lines = (Line(_LEFT, _TOP + plot_height, WIDTH - _RIGHT, _TOP + plot_height),)
    return Chart(chart_id, title, WIDTH, HEIGHT, tuple(rects), lines, tuple(texts))


def _value_axis(top: float, plot_height: float, fmt: Callable[[float], str]) -> list[Text]:
    return [
        Text(_LEFT - 6, _TOP + plot_height * (1 - share) + 4, fmt(top * share), anchor="end")
        for share in (0, 0.5, 1)
    ]


def share_bars(
    chart_id: str,
    title: str,
    items: Sequence[tuple[str, float | None]],
    *,
    reference: float | None = None,
    reference_label: str = "",
) -> Chart:
    """Horizontal bars of shares (0 to 1), one row per item, with an optional reference line."""
    row = 30
    label_width = 150
    plot_width = WIDTH - label_width - 60
    height = _TOP + row * len(items) + 24
    rects, texts = [], []
    for index, (label, value) in enumerate(items):
        y = _TOP + index * row
        texts.append(Text(label_width - 8, y + 19, label, anchor="end"))
        rects.append(Rect(label_width, y + 4, plot_width, row - 10, "chart-track"))
        if value is None:
            texts.append(Text(label_width + 8, y + 19, "no data yet", anchor="start"))
            continue
        rects.append(
            Rect(
                label_width,
                y + 4,
                plot_width * value,
                row - 10,
                "chart-bar",
                f"{label}: {value:.0%}",
            )
        )
        texts.append(Text(label_width + plot_width + 8, y + 19, f"{value:.0%}", anchor="start"))
    lines = []
    if reference is not None:
        x = label_width + plot_width * reference
        lines.append(Line(x, _TOP, x, _TOP + row * len(items), "chart-reference"))
        texts.append(Text(x, height - 6, reference_label or f"{reference:.0%}"))
    return Chart(chart_id, title, WIDTH, height, tuple(rects), tuple(lines), tuple(texts))


def heatmap_chart(chart_id: str, title: str, calendar: Heatmap) -> Chart:
    """A calendar of reviews: a column per week, a row per weekday, darker for busier days."""
    cell, gap = 10, 2
    left, top = 30, 18
    width = left + calendar.weeks * (cell + gap) + 24  # room for the last month's name
    height = top + 7 * (cell + gap) + 4
    rects = tuple(
        Rect(
            left + day.week * (cell + gap),
            top + day.weekday * (cell + gap),
            cell,
            cell,
            f"heat heat-{day.level}",
            f"{day.day.isoformat()}: {_reviews(day.reviews)}",
        )
        for day in calendar.cells
    )
    texts = [
        Text(left - 4, top + weekday * (cell + gap) + cell - 1, name, "end", _SMALL)
        for weekday, name in enumerate(_WEEKDAYS)
        if name
    ]
    for day in calendar.cells:
        # A month's name above the first week that starts in it.
        if day.weekday == 0 and day.day.day <= 7:
            x = left + day.week * (cell + gap)
            texts.append(Text(x, top - 6, day.day.strftime("%b"), "start", _SMALL))
    return Chart(chart_id, title, width, height, rects, (), tuple(texts))


def _reviews(count: int) -> str:
    return "1 review" if count == 1 else f"{count} reviews"


def score_line(chart_id: str, title: str, scores: Sequence[tuple[date, float, str]]) -> Chart:
    """Quiz scores (0 to 1) in the order they were taken, as a line with a point per attempt."""
    plot_width = WIDTH - _LEFT - _RIGHT
    plot_height = HEIGHT - _TOP - _BOTTOM
    count = len(scores)
    points, path, texts = [], [], []
    for index, (day, score, quiz_title) in enumerate(scores):
        x = _LEFT + (plot_width * (index + 0.5) / count)
        y = _TOP + plot_height * (1 - score)
        path.append((x, y))
        points.append(Point(x, y, f"{quiz_title}, {day.isoformat()}: {score:.0%}"))
    if scores:
        texts.append(Text(path[0][0], HEIGHT - 10, scores[0][0].isoformat(), anchor="start"))
        if count > 1:
            texts.append(Text(path[-1][0], HEIGHT - 10, scores[-1][0].isoformat(), anchor="end"))
    texts.extend(_value_axis(1, plot_height, lambda value: f"{value:.0%}"))
    lines = (
        Line(_LEFT, _TOP + plot_height, WIDTH - _RIGHT, _TOP + plot_height),
        Line(_LEFT, _TOP, WIDTH - _RIGHT, _TOP, "chart-grid"),
        Line(_LEFT, _TOP + plot_height / 2, WIDTH - _RIGHT, _TOP + plot_height / 2, "chart-grid"),
    )
    return Chart(
        chart_id, title, WIDTH, HEIGHT, (), lines, tuple(texts), tuple(points), tuple(path)
    )
