"""The signature pad takes a signature from the mouse, a finger and a pen alike, and what it
exports for the slip is the ink the customer drew."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QInputDevice, QMouseEvent, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from counter_app.ui.widgets.signature import SignaturePad

PATH = [QPointF(40 + 12 * i, 60 + (i % 5) * 10) for i in range(20)]


@pytest.fixture
def pad(qtbot):
    pad = SignaturePad()
    pad.resize(400, 160)
    qtbot.addWidget(pad)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def ink(pad: SignaturePad) -> int:
    """Dark pixels in the exported PNG."""
    image = QImage.fromData(pad.to_png())
    small = image.scaled(150, 55)
    return sum(1 for y in range(small.height()) for x in range(small.width())
               if brightness(small.pixel(x, y)) < 128)


def brightness(rgb: int) -> int:
    return ((rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF)) // 3


def send_mouse(pad, kind, pos, buttons):
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    QApplication.sendEvent(pad, QMouseEvent(kind, pos, pad.mapToGlobal(pos), button, buttons,
                                            Qt.KeyboardModifier.NoModifier))


def test_a_mouse_signature_is_ink_and_a_stray_click_is_not_a_signature(pad, qtbot):
    QTest.mouseClick(pad, Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    assert pad.is_empty()
    pad.clear()
    with qtbot.waitSignal(pad.changed):
        send_mouse(pad, QEvent.Type.MouseButtonPress, PATH[0], Qt.MouseButton.LeftButton)
        for point in PATH[1:]:
            send_mouse(pad, QEvent.Type.MouseMove, point, Qt.MouseButton.LeftButton)
        send_mouse(pad, QEvent.Type.MouseButtonRelease, PATH[-1], Qt.MouseButton.NoButton)
    assert not pad.is_empty() and len(pad.strokes) == 1
    assert ink(pad) > 20
    pad.clear()
    assert pad.is_empty() and ink(pad) == 0


def test_a_pen_on_a_signature_tablet_signs(pad, qtbot):
    pen = QPointingDevice("pen", 7, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
                          QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 3)

    def tablet(kind, pos, buttons):
        event = QTabletEvent(kind, pen, pos, QPointF(pad.mapToGlobal(pos)), 0.6, 0.0, 0.0, 0.0, 0.0, 0.0,
                             Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, buttons)
        QApplication.sendEvent(pad, event)
        assert event.isAccepted()  # not turned into a mouse event as well (no double stroke)

    with qtbot.waitSignal(pad.changed):
        tablet(QEvent.Type.TabletPress, PATH[0], Qt.MouseButton.LeftButton)
        for point in PATH[1:]:
            tablet(QEvent.Type.TabletMove, point, Qt.MouseButton.LeftButton)
        tablet(QEvent.Type.TabletRelease, PATH[-1], Qt.MouseButton.NoButton)
    assert len(pad.strokes) == 1 and len(pad.strokes[0]) == len(PATH)
    assert not pad.is_empty() and ink(pad) > 20


def test_a_finger_on_the_touchscreen_signs(pad, qtbot):
    finger = QTest.createTouchDevice()
    touch = QTest.touchEvent(pad, finger)
    touch.press(0, PATH[0].toPoint(), pad).commit()
    for point in PATH[1:]:
        QTest.touchEvent(pad, finger).move(0, point.toPoint(), pad).commit()
    QTest.touchEvent(pad, finger).release(0, PATH[-1].toPoint(), pad).commit()
    qtbot.waitUntil(lambda: not pad.is_empty())
    assert len(pad.strokes) == 1 and ink(pad) > 20
