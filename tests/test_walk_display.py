"""The calling display as seen by hand from across the hall (docs/development.md, "By-hand
checks"): the notices changing along its foot must not move the calls."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel

from tests.test_display import display  # noqa: F401 - the display window's fixture


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_the_calls_and_counters_keep_their_place_while_the_notices_change(display, qtbot, size):  # noqa: F811
    """Seen by hand: each notice took the height its text needed (one line, two, three), so
    every 8 seconds the current call, the counters and the queues jumped up or down."""
    display.resize(*size)
    display.show()
    band = display.notice_band
    qtbot.waitUntil(lambda: len(band.slides) > 10, timeout=10_000)

    def places() -> tuple:
        return tuple((w.mapTo(display, QPoint(0, 0)).y(), w.height())
                     for w in (display.call_code, band, band.text))

    heights, seen = set(), set()
    for _ in range(len(band.slides)):
        band.next_slide()
        qtbot.wait(20)  # the layout settles
        heights.add(QLabel.heightForWidth(band.text, band.text.width()))  # this text's own need
        seen.add(places())
    assert len(seen) == 1, f"the wall moved as the notices changed: {sorted(seen)}"
    assert display.notice_band.text.height() >= max(heights) - 1  # the longest notice is not cut
