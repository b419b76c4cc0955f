"""The manager's Today tab: the day at a glance, large figures on cards that use the page, read
from one service call (takings so far, queues waiting, the longest wait, complaints due)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from counter_app.config import TerminalConfig
from counter_app.errors import PermissionDenied
from counter_app.models import Account, QueueCategory
from counter_app.money import format_yuan
from counter_app.services import complaints, overview, queue, settlement, today_glance
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.worker import wait_for_tasks
from tests.test_day_close import a_full_day, clerk


def a_busy_morning(manager_session, frozen_clock):
    """A customer waiting past the payment queue's target, a day's payments, one complaint due
    at noon (then overdue) and one due in three days."""
    target = QueueCategory.get_by_id("payment").wait_target_min
    ticket = queue.take_ticket(open_session(), "payment")
    a_full_day(frozen_clock)
    complaints.set_deadline_hours(manager_session, "network", 2)
    account = Account.select().first()
    complaints.open_complaint(clerk("1001", 1), account_id=account.id, category="network", description="No signal")
    complaints.open_complaint(clerk("1001", 1), account_id=account.id, category="billing", description="Bill")
    frozen_clock.advance(minutes=target + 150)  # past the network complaint's two hours
    return ticket, target


def test_the_glance_reads_the_day_from_the_services(manager_session, frozen_clock):
    before = today_glance.glance(manager_session)
    ticket, target = a_busy_morning(manager_session, frozen_clock)
    after = today_glance.glance(manager_session)

    assert after.takings_fen == settlement.figures(manager_session, frozen_clock.current.date()).net_fen
    assert after.takings_fen - before.takings_fen == 5000 + 2000 + 12_800 + 3000 + 10_000 + 1999 + 2000 - 2000
    assert after.complaints_due == before.complaints_due + 1  # the billing one is due in three days
    assert after.complaints_overdue == before.complaints_overdue + 1
    payment = next(q for q in after.queues if q.code == "payment")
    assert payment.waiting >= 1 and payment.late and payment.longest_wait_s >= (target + 150) * 60
    assert after.longest_wait_s >= (target + 150) * 60
    assert after.counts["payments"] - before.counts["payments"] == 9


def test_a_clerk_does_not_see_the_glance(session):
    with pytest.raises(PermissionDenied):
        today_glance.glance(session)


def test_the_hall_counts_need_a_manager(session, manager_session):
    with pytest.raises(PermissionDenied):
        overview.hall_today(session)  # a clerk
    with pytest.raises(PermissionDenied):
        overview.hall_today(open_session())  # nobody signed in
    assert overview.hall_today(manager_session)["staff"] >= 1


@pytest.fixture
def manager_window(manager_session, db_path, qtbot):
    from counter_app.ui.manager.window import ManagerWindow

    window = ManagerWindow(AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path)))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.board.timer.stop()
    window.today.live.timer.stop()
    wait_for_tasks()


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def rows_of(grid) -> list[list[str]]:
    """The cards' object names row by row, as they stand on the page."""
    rows: dict[int, list[tuple[int, str]]] = {}
    for card in grid.cards:
        rows.setdefault(card.y(), []).append((card.x(), card.figure.objectName()))
    return [[name for _, name in sorted(row)] for _, row in sorted(rows.items())]


def test_the_today_tab_shows_the_day_large_and_reflows_with_the_width(manager_window, manager_session,
                                                                      frozen_clock, qtbot):
    window = manager_window
    a_busy_morning(manager_session, frozen_clock)
    window.tabs.setCurrentWidget(window.today)
    qtbot.waitUntil(lambda: window.today.loads >= 1, timeout=10_000)
    settle()
    today = window.today
    glance = today.glance
    figure, caption = today.labels["waiting"], today.cards["waiting"].caption
    assert figure.font().pointSizeF() >= 2 * caption.font().pointSizeF()  # read from across the office
    assert today.labels["takings"].text() == format_yuan(glance.takings_fen)
    assert today.labels["payments"].text() == f"{glance.counts['payments']:,}"
    assert today.labels["complaints"].text() == f"{glance.complaints_due:,}"
    assert today.labels["complaints"].property("tone") == "glance-late"  # one is overdue
    assert f"{glance.complaints_overdue} overdue" in today.cards["complaints"].note.text()
    queues = {card.figure.objectName(): card for card in today.queue_cards.values()}
    assert len(queues) == QueueCategory.select().count()
    payment = queues["todayQueue_payment"]
    assert payment.figure.property("tone") == "glance-late" and "longest" in payment.note.text()

    # Five cards a row at 1280 px; the row uses the page's width (no figures lost in a corner).
    wide = rows_of(today.figures)
    assert len(wide[0]) == 5 and len(wide) == 3
    page = today.figures.width()
    last = today.figures.cards[len(wide[0]) - 1]
    assert last.geometry().right() >= page - 2 and last.width() >= 220
    # A full-HD window: larger figures on wider cards, more to a row; a narrow window fewer,
    # none cut off at the right.
    size_at_1280 = figure.font().pointSizeF()
    window.resize(1900, 1000)
    settle()
    assert len(rows_of(today.figures)[0]) == 6
    assert figure.font().pointSizeF() > size_at_1280 and figure.width() >= figure.sizeHint().width()
    assert today.labels["complaints"].property("tone") == "glance-wide-late"
    window.setMinimumWidth(0)
    window.resize(760, 700)
    settle()
    narrow = rows_of(today.figures)
    assert len(narrow[0]) < 5 and sum(len(r) for r in narrow) == len(today.cards)
    assert all(card.geometry().right() <= today.figures.width() for card in today.figures.cards)


def test_the_tickets_by_hour_fill_the_room_below_the_cards_at_full_hd(manager_window, manager_session,
                                                                    frozen_clock, qtbot):
    window = manager_window
    a_busy_morning(manager_session, frozen_clock)
    window.resize(1920, 1080)
    window.tabs.setCurrentWidget(window.today)
    today = window.today
    qtbot.waitUntil(lambda: today.loads >= 1, timeout=10_000)
    settle()
    glance = today.glance
    assert glance.hourly and sum(n for _, n in glance.hourly) == glance.counts["tickets"]
    bars = today.hours.bars
    assert bars.hours == glance.hourly
    first_hour, first_count = glance.hourly[0]
    assert f"{first_hour:02d}:00 {first_count}" in bars.accessibleDescription()
    # On the page, under the queues, whole and inside the window: nothing to scroll at 1920×1080.
    assert today.hours.isVisible() and today.hours.y() > today.queues.geometry().bottom()
    page = today.hours.parentWidget()
    assert page.height() <= today.height() and today.status.geometry().bottom() <= today.height()
    # Painted: the busiest hour's bar in the accent colour.
    from counter_app.ui.style import colour

    image = bars.grab().toImage()
    accent = colour("accent").rgb()
    assert any(image.pixel(x, y) == accent for x in range(0, image.width(), 2) for y in range(0, image.height(), 4))
