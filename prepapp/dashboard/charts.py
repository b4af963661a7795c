"""Server-rendered SVG chart geometry: answers per week as bars, average score as a line.

Only numbers are computed here; the template draws them, with a title, a
description and a table for anyone who cannot see the chart.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 240
# Room on both sides for the tick numbers and an axis title, and below for the week
# labels and the x-axis title.
PAD_LEFT = 52
PAD_RIGHT = 52
PAD_TOP = 12
PAD_BOTTOM = 46


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int
    average: float | None


@dataclass(frozen=True)
class WeeklyChart:
    width: int
    height: int
    bars: list[Bar]
    line_points: str  # "x,y x,y" for <polyline>, weeks with no answers skipped
    dots: list[tuple[float, float, float]]  # (x, y, average)
    max_count: int
    baseline: float
    plot_top: float
    left: float
    right: float

    @property
    def has_data(self) -> bool:
        return any(bar.count for bar in self.bars)

    @property
    def mid_x(self) -> float:
        """The plot's horizontal middle, where the x-axis title is centred."""
        return round((self.left + self.right) / 2, 1)

    @property
    def mid_y(self) -> float:
        """The plot's vertical middle, where the rotated y-axis titles are centred."""
        return round((self.plot_top + self.baseline) / 2, 1)


def chart_weekly(weeks) -> WeeklyChart:
    """Geometry for a list of practice.stats.WeekStats (oldest first)."""
    plot_width = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_height = HEIGHT - PAD_TOP - PAD_BOTTOM
    baseline = PAD_TOP + plot_height
    slot = plot_width / max(len(weeks), 1)
    max_count = max((w.count for w in weeks), default=0) or 1
    bars, points, dots = [], [], []
    for n, week in enumerate(weeks):
        height = plot_height * week.count / max_count
        x = PAD_LEFT + n * slot
        bars.append(
            Bar(
                x=round(x + slot * 0.15, 1),
                y=round(baseline - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=week.week.strftime("%d %b"),
                count=week.count,
                average=week.average,
            )
        )
        if week.average is not None:
            # Scores run 1-5: 1 sits on the baseline, 5 at the top.
            y = baseline - plot_height * (week.average - 1) / 4
            cx = round(x + slot / 2, 1)
            points.append(f"{cx},{round(y, 1)}")
            dots.append((cx, round(y, 1), week.average))
    return WeeklyChart(
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        line_points=" ".join(points),
        dots=dots,
        max_count=max_count if any(w.count for w in weeks) else 0,
        baseline=baseline,
        plot_top=PAD_TOP,
        left=PAD_LEFT,
        right=WIDTH - PAD_RIGHT,
    )
