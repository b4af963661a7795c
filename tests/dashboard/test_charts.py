from __future__ import annotations

from datetime import date, timedelta

from prepapp.dashboard.charts import HEIGHT, PAD_BOTTOM, PAD_TOP, chart_weekly
from prepapp.practice.stats import WeekStats


def _weeks(counts, averages):
    start = date(2026, 9, 7)
    return [
        WeekStats(start + timedelta(weeks=i), c, a)
        for i, (c, a) in enumerate(zip(counts, averages, strict=True))
    ]


def test_tallest_bar_fills_the_plot_and_empty_weeks_have_no_height():
    chart = chart_weekly(_weeks([0, 5, 10], [None, 2.0, 5.0]))
    plot_height = HEIGHT - PAD_TOP - PAD_BOTTOM
    assert chart.bars[0].height == 0
    assert chart.bars[2].height == plot_height
    assert chart.bars[1].height == plot_height / 2
    assert chart.max_count == 10


def test_line_skips_weeks_without_scores_and_maps_1_to_5():
    chart = chart_weekly(_weeks([0, 5, 10], [None, 1.0, 5.0]))
    points = [tuple(map(float, p.split(","))) for p in chart.line_points.split()]
    assert len(points) == 2
    assert points[0][1] == chart.baseline  # a 1 sits on the baseline
    assert points[1][1] == chart.plot_top  # a 5 at the top


def test_no_data():
    chart = chart_weekly(_weeks([0, 0], [None, None]))
    assert not chart.has_data
    assert chart.line_points == ""
    assert chart.max_count == 0
