"""Charts for printed reports and for the screen, drawn with reportlab graphics.

Each function takes plain numbers and returns a reportlab ``Drawing``: a PDF flows it like a
paragraph, and :func:`drawing_pdf` turns it into a one-page PDF that the UI renders with
QtPdf, so the screen shows exactly the chart that is printed (reportlab's bitmap renderer
would need an extra cairo dependency).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import cast

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import Color

from counter_app import theme
from counter_app.documents.fonts import register_fonts

# Distinct fills, also what tests look for on the rasterized page.
ARRIVALS, WAITS, RATINGS = theme.pdf_series()[:3]


def whole_step(top: float, ticks: int = 6) -> tuple[int, int]:
    """(step, axis top) for an axis of counts: whole numbers (1, 2, 5, 10, 20, 50, …) and at
    most ``ticks`` steps; a count axis in 0.2 steps would show fractions of a customer."""
    wanted = max(1, math.ceil(top))
    step, base = 1, 1
    while math.ceil(wanted / step) > ticks:
        for factor in (2, 5, 10):
            step = base * factor
            if math.ceil(wanted / step) <= ticks:
                break
        base *= 10
    return step, step * max(1, math.ceil(wanted / step))


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float], fill: Color, *,
              width: float = 250, height: float = 160, value_format: str = "{:g}", counts: bool = False) -> Drawing:
    """One series of vertical bars with a title, category labels and each bar's value on top;
    ``counts``: the value axis steps in whole numbers."""
    font = register_fonts()
    drawing = Drawing(width, height)
    # The renderer starts a drawing in its default font (Helvetica, not embedded) unless the
    # drawing names its own first font.
    drawing.initialFontName = font
    drawing.add(String(width / 2, height - 12, title, fontName=font, fontSize=9, textAnchor="middle"))
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 24
    chart.width, chart.height = width - 40, height - 50
    data = [float(v) for v in values] or [0.0]
    chart.data = [data]
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 6 if len(data) > 12 else 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max(data) if data else 0
    chart.valueAxis.valueMax = top * 1.2 if top > 0 else 1
    if counts:
        chart.valueAxis.valueStep, chart.valueAxis.valueMax = whole_step(top * 1.15)
        chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.forceZero = True
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = theme.pdf_colour("grid_soft")
    chart.bars[0].fillColor = fill
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda v: value_format.format(v) if v else ""
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


def hourly_arrivals(hours: Sequence[int], arrivals: Sequence[int], title: str) -> Drawing:
    return bar_chart(title, [f"{h:02d}" for h in hours], arrivals, ARRIVALS, value_format="{:.0f}", counts=True)


def hourly_waits(hours: Sequence[int], minutes: Sequence[float | None], title: str) -> Drawing:
    return bar_chart(title, [f"{h:02d}" for h in hours], [m or 0.0 for m in minutes], WAITS, value_format="{:.1f}")


def rating_distribution(counts: dict[int, int], title: str) -> Drawing:
    scores = range(1, 6)
    return bar_chart(title, [f"{s}★" for s in scores], [counts.get(s, 0) for s in scores], RATINGS,
                     value_format="{:.0f}", counts=True)


def drawing_pdf(drawing: Drawing) -> bytes:
    """The drawing alone as a one-page PDF of its own size (for on-screen display)."""
    return cast(bytes, renderPDF.drawToString(drawing))  # reportlab has no type hints
