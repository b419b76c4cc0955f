"""The calling display on its wall screen, full screen at 1366×768 and at 1920×1080, in Chinese
and in English, with calls at several counters and the demo hall's notices: the whole wall
fits the screen (the notices band's foot is not below the screen's edge), and the longest
notice shows whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from counter_app.config import TerminalConfig
from counter_app.models import Hall, Staff
from counter_app.services import queue, voice
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.display.type_scale import BASE_PT
from counter_app.ui.i18n import install_translations
from tests.design.walk import clipped
from tests.helpers import ops_done

SCREENS = {"1366x768": QSize(1366, 768), "1920x1080": QSize(1920, 1080)}
# Each clerk calls two customers at a counter serving the category: eight calls, six in "Last calls".
CALLS = (("1001", 1, "payment"), ("1002", 3, "new_data"), ("1003", 4, "plan"), ("1004", 5, "complaint"))


@pytest.fixture
def wall(demo_db, db_path, qtbot, frozen_clock):
    from counter_app.ui.display.window import DisplayWindow

    Hall.update(opens="00:00", closes="24:00").execute()
    for staff_no, counter, category in CALLS:
        clerk = open_session(counter_number=counter)
        clerk.staff = Staff.get_by_id(staff_no)
        for _ in range(2):
            queue.take_ticket(clerk, category)
            queue.call_next(clerk)
    made = []

    def make(lang: str, screen: QSize) -> DisplayWindow:
        install_translations(QApplication.instance(), lang)
        ctx = AppContext(open_session(lang=lang), TerminalConfig(mode="display", lang=lang), str(db_path))
        window = DisplayWindow(ctx, announcer=voice.Announcer(["zh"], sink=lambda text, lang: None))
        qtbot.addWidget(window)
        made.append(window)
        window.resize(screen)  # full screen on its own PC
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: len(window.notice_band.slides) > 10 and bool(window.waiting_labels)
                        and window.recent_labels[5].text() != "", timeout=10_000)
        ops_done(qtbot)
        settle()
        return window

    yield make
    for window in made:
        window.close()
    ops_done(qtbot)
    install_translations(QApplication.instance(), "en")


def settle() -> None:
    """Let the layouts run: a label's new size reaches its box, then the box's the window, each
    by an event posted for the next pass of the event loop."""
    for _ in range(10):
        QApplication.processEvents()


def bottom(widget: QWidget, window: QWidget) -> int:
    return widget.mapTo(window, QPoint(0, widget.height())).y()


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_whole_wall_fits_its_screen(wall, lang, screen):
    """Seen on a 1366×768 wall screen: the window asked for 799 px, 31 more than the screen,
    and the foot of the notices band was below the screen's edge."""
    size = SCREENS[screen]
    window = wall(lang, size)
    assert_fits(window, size)
    assert len({label.text() for label in window.recent_labels if label.text()}) == 6
    if screen == "1920x1080":
        assert window.call_code.font().pointSize() >= 110 * 1.3


def assert_fits(window, size: QSize) -> None:
    """The wall fits its screen at one type scale, the call the largest type on it."""
    screen = f"{size.width()}x{size.height()}"
    need = window.minimumSizeHint()
    assert need.height() <= size.height() and need.width() <= size.width(), (
        f"the display needs {need.width()}×{need.height()} on a {screen} screen")
    assert window.size() == size, f"the window grew to {window.width()}×{window.height()}"
    band = window.notice_band
    assert band.isVisible() and bottom(band, window) <= size.height()
    assert not clipped(window), clipped(window)
    # One scale for all: every label at its design size times the window's factor.
    off = [(label.text()[:20], label.font().pointSize()) for label in window.findChildren(QLabel)
           if label.property(BASE_PT) and label.font().pointSize() != max(8, round(int(label.property(BASE_PT))
                                                                                  * window.type_factor))]
    assert not off, f"not at the scale {window.type_factor:.2f}: {off}"
    # The call is still the largest thing on the wall, and larger on the larger screen.
    sizes = [label.font().pointSize() for label in window.findChildren(QLabel) if label is not window.call_code]
    assert window.call_code.font().pointSize() > max(sizes)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_closed_counter_leaves_the_wall_at_the_next_read(wall, qtbot, manager_session, screen):
    """A counter closed (taken out of the hall's setup) while the display runs: its labels were
    taken out of the grid but stayed on the wall where they were, a stale panel, until Qt got
    round to deleting them. They go with the read that no longer lists the counter, and the
    wall still fits its screen."""
    from counter_app.services import setup

    size = SCREENS[screen]
    window = wall("zh_CN", size)
    before = window.type_factor
    closed = window.counter_labels[4]
    assert all(label.isVisible() for label in closed) and closed[1].text() != "—"  # it was calling
    name = closed[0].text()
    setup.set_counter_active(manager_session, 4, False)
    # The next read, handed to the window as its poll does: nothing runs between it and the checks.
    window.show_status(queue.hall_status(window.ctx.session.hall_code))
    assert not any(label.isVisible() for label in closed), "the closed counter is still on the wall"
    assert name not in {label.text() for label in window.findChildren(QLabel) if label.isVisible()}
    assert 4 not in window.counter_order
    assert all(label.isVisible() for number in window.counter_order for label in window.counter_labels[number])
    qtbot.waitUntil(lambda: window.findChild(QLabel, "displayCounter4") is None)  # and then deleted
    settle()
    assert window.type_factor >= before  # one row of counters fewer: the type is not smaller
    assert_fits(window, size)
    # The same through the display's own poll of the queue: seen as each read is put up.
    closed = window.counter_labels[3]
    still_shown: list[bool] = []
    put_up = window.show_status

    def show_status(status):
        put_up(status)
        still_shown.append(any(label.isVisible() for label in closed))

    window.show_status = show_status
    setup.set_counter_active(manager_session, 3, False)
    window.poll()
    qtbot.waitUntil(lambda: 3 not in window.counter_order, timeout=5000)
    assert still_shown and not still_shown[-1], "the closed counter stayed on the wall after the read"
    ops_done(qtbot)
    settle()
    assert_fits(window, size)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_notice_shows_whole_on_a_1366_screen(wall, qtbot, lang):
    """Each notice in turn, the longest ones three lines and more: none is cut, none pushes the
    band's foot off the screen."""
    window = wall(lang, SCREENS["1366x768"])
    band, text = window.notice_band, window.notice_band.text
    lines = []
    for _ in range(len(band.slides)):
        band.next_slide()
        settle()
        own = QLabel.heightForWidth(text, text.width())  # this notice's own need at its width
        assert text.height() >= own, f"{text.text()[:40]!r} needs {own} px and has {text.height()}"
        assert bottom(band, window) <= window.height() == 768
        lines.append(own // text.fontMetrics().lineSpacing())
    assert max(lines) >= 3, "the demo's longest notice takes three lines or more"


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_notice_as_long_as_a_manager_may_post_shows_whole(wall, manager_session, lang):
    """The longest title and text the notices tab accepts: the type gets smaller, the notice
    shows whole, and the wall still fits its screen."""
    import datetime as dt

    from counter_app.services import notices

    notices.add_hall_notice(manager_session, title_zh="营业时间" * (notices.MAX_TITLE // 4),
                            body_zh="本厅营业时间下月调整，" * (notices.MAX_BODY // 11),
                            title_en="Opening hours " * 2, body_en="The hall's opening hours change next month. " * 9,
                            starts=dt.date(2026, 11, 1), ends=dt.date(2026, 12, 31))
    window = wall(lang, SCREENS["1366x768"])
    band, text = window.notice_band, window.notice_band.text
    for _ in range(len(band.slides)):
        band.next_slide()
        settle()
        assert text.height() >= QLabel.heightForWidth(text, text.width()), f"{text.text()[:40]!r} is cut"
    assert window.size() == SCREENS["1366x768"] and window.minimumSizeHint().height() <= 768
    assert bottom(band, window) <= 768 and not clipped(window), clipped(window)
    assert window.call_code.font().pointSize() >= 110 * 0.5
