"""Charts of counts step their axis in whole numbers: a day with three customers in an hour
must not read 0.2, 0.4, … customers."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.graphics import renderPDF

from counter_app.documents import charts


def axis_labels(drawing) -> list[str]:
    text = PdfReader(io.BytesIO(renderPDF.drawToString(drawing))).pages[0].extract_text()
    return [t for t in text.split() if t.replace(".", "", 1).isdigit()]


def test_whole_steps_for_small_and_large_counts():
    assert charts.whole_step(1.2) == (1, 2)
    assert charts.whole_step(4.6) == (1, 5)
    assert charts.whole_step(13) == (5, 15)
    assert charts.whole_step(230) == (50, 250)


def test_the_hourly_arrivals_axis_of_a_quiet_day_counts_whole_customers():
    drawing = charts.hourly_arrivals([9, 10, 11], [1, 0, 1], "arrivals")  # unstepped: 0.2, 0.4, …
    labels = axis_labels(drawing)
    assert labels and all("." not in label for label in labels), labels
    waits = axis_labels(charts.hourly_waits([9, 10], [0.4, 1.3], "waits"))
    assert any("." in label for label in waits)  # minutes keep their fractions
