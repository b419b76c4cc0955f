"""The counter window keeps its size and its panels their place on a hall PC's screen: a
message beside the customer field moves nothing, in Chinese and in English, in normal and in
training mode."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget

from tests.design.test_counter_layout import SCREENS, counter_at  # noqa: F401 - the signed-in window's fixture
from tests.helpers import ops_done


def settle() -> None:
    for _ in range(5):  # a new text's size reaches the window's layout a pass or two later
        QApplication.processEvents()


def shape(window: QWidget) -> tuple:
    """What a clerk would see move: the window, its minimum, the bar and the panels under it."""
    tabs = window.tabs
    return (window.size().toTuple(), window.minimumSizeHint().toTuple(), window.identify.height(),
            tabs.mapTo(window, QPoint(0, 0)).toTuple(), tabs.size().toTuple())


@pytest.mark.parametrize("mode", ["normal", "training"])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_search_message_moves_nothing(counter_at, qtbot, lang, mode):  # noqa: F811
    """Seen at 1366×768: the window grew while "Searching…" or "No customer's name contains…"
    showed beside the field, and the panels under it jumped down and back."""
    window = counter_at(lang, mode, SCREENS["1366x768"])
    settle()
    before = shape(window)
    message = window.identify.message
    window.identify.query.setText("")
    window.identify.lookup()  # refused at once: what to type
    settle()
    assert message.text() and shape(window) == before
    assert message.fits(), f"{message.text()!r} does not fit {message.width()} px in two lines"
    window.identify.query.setText("Zzyzx Qwerty")
    window.identify.lookup()  # searched on a worker: "Searching…", then no customer of that name
    assert message.text()
    settle()
    assert shape(window) == before
    ops_done(qtbot)
    settle()
    assert "Zzyzx" in message.text() and shape(window) == before
