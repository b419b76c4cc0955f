"""The manager closes the day (日结) in the full manager window: the figures on screen are
today's, the day is not closed on figures older than the newest payment, the manager is
warned of an open hall and of clerks who have not handed over, and the printed settlement
sheet adds up row by row and column by column."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app.config import TerminalConfig
from counter_app.documents import settlement as sheet
from counter_app.errors import Conflict
from counter_app.models import Account, CounterState, DayClose, Staff
from counter_app.money import format_yuan
from counter_app.services import payments, settlement
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.worker import wait_for_tasks
from tests.test_printing import no_stray_previews  # noqa: F401 - autouse: no preview outlives its test


def clerk(staff_no: str, counter: int):
    s = open_session(counter_number=counter)
    s.staff = Staff.get_by_id(staff_no)
    return s


def local_accounts(n: int) -> list[Account]:
    return list(Account.select().where(Account.home_city == "济南").order_by(Account.phone).limit(n))


def a_full_day(frozen_clock) -> None:
    """Two clerks, every method, a fee, a credit, a reversal by the manager, one handover with
    a difference: 1001 (cash 50 + 20, POS 128, cross-city 30; the 20 reversed), 1002 (card
    100, cash 19.99, fee 20 cash, credit 5, handed over 39.00 for 39.99)."""
    a = local_accounts(5)
    remote = Account.select().where(Account.home_city != "济南").first()
    first, second, manager = clerk("1001", 1), clerk("1002", 3), clerk("2001", 6)
    payments.take_payment(first, account_id=a[0].id, method="cash", amount_fen=5000, tendered_fen=5000,
                          idempotency_key="d1")
    wrong = payments.take_payment(first, account_id=a[1].id, method="cash", amount_fen=2000, tendered_fen=2000,
                                  idempotency_key="d2")
    payments.take_payment(first, account_id=a[2].id, method="pos", amount_fen=12_800, reference="88886666",
                          idempotency_key="d3")
    payments.take_payment(first, account_id=remote.id, method="remote", amount_fen=3000, tendered_fen=3000,
                          idempotency_key="d4")
    payments.take_payment(second, account_id=a[3].id, method="card", amount_fen=10_000, reference="JK20261125",
                          idempotency_key="d5")
    payments.take_payment(second, account_id=a[4].id, method="cash", amount_fen=1999, tendered_fen=2000,
                          idempotency_key="d6")
    payments.record_fee(second, account_id=a[4].id, amount_fen=2000, method="cash", order_id=None,
                        tendered_fen=2000, idempotency_key="d7")
    payments.record_credit(second, account_id=a[4].id, amount_fen=500, reason="SP", idempotency_key="d8")
    payments.reverse_payment(manager, wrong.id, reason="错号", idempotency_key="d9")
    frozen_clock.advance(minutes=5)
    settlement.hand_over(second, counted_cash_fen=3900, note="少一元", idempotency_key="d10")


def pdf_rows(data: bytes) -> list[list[str]]:
    """The printed lines of a PDF, each as its cells from left to right (text pieces on the
    same baseline make one line)."""
    from pypdf import PdfReader

    rows: list[list[str]] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        pieces: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, _font, _size, pieces=pieces):
            if text.strip():
                pieces.append((tm[5] * cm[3] + cm[5], tm[4] * cm[0] + cm[4], text.strip()))

        page.extract_text(visitor_text=visit)
        lines: dict[float, list[tuple[float, str]]] = {}
        for y, x, text in pieces:
            key = next((k for k in lines if abs(k - y) <= 2), y)
            lines.setdefault(key, []).append((x, text))
        rows.extend([t for _x, t in sorted(lines[y])] for y in sorted(lines, reverse=True))
    return rows


def fen(text: str) -> int:
    """A printed amount in yuan ("-1,234.50") as fen, read without floats."""
    sign = -1 if text.startswith("-") else 1
    yuan, _, jiao_fen = text.lstrip("-").replace(",", "").partition(".")
    return sign * (int(yuan) * 100 + int((jiao_fen + "00")[:2]))


def table_after(rows: list[list[str]], heading: str) -> tuple[list[str], list[list[str]]]:
    """The header and body rows of the table printed under ``heading`` (up to its total row)."""
    start = next(i for i, r in enumerate(rows) if r[0].startswith(heading))
    header = rows[start + 1]
    body = []
    for r in rows[start + 2:]:
        body.append(r)
        if r[0] == "合计":
            break
    return header, body


def test_the_printed_settlement_sheet_adds_up(manager_session, frozen_clock):
    a_full_day(frozen_clock)
    data = settlement.settlement(manager_session, frozen_clock.current.date())
    rows = pdf_rows(sheet.build(data))
    summary = {r[0]: r[1:] for r in rows}
    takings, reversals, net = (fen(summary["收款（缴费+业务收费）"][-1]), fen(summary["冲正"][-1]),
                               fen(summary["净收款"][-1]))
    cash_due = fen(summary["其中应存现金"][-1])
    assert takings + reversals == net
    # What was done, counted by hand: 50 + 20 + 128 + 30 + 100 + 19.99 + 20 in, 20 back.
    assert (takings, reversals, net) == (36_799, -2000, 34_799)
    assert cash_due == 5000 + 3000 + 1999 + 2000

    header, body = table_after(rows, "按收款方式")
    assert header == ["收款方式", "笔数", "收款(元)", "冲正(元)", "净额(元)"]
    *lines, total = body
    for name, _count, taken, back, line_net in lines:
        assert fen(taken) + fen(back) == fen(line_net), name
    for column in (2, 3, 4):
        assert sum(fen(r[column]) for r in lines) == fen(total[column])
    assert sum(int(r[1]) for r in lines) == int(total[1])
    assert (fen(total[2]), fen(total[3]), fen(total[4])) == (takings, reversals, net)

    header, body = table_after(rows, "按营业员")
    methods = header[1:header.index("冲正")]
    assert methods == ["现金", "POS", "缴费卡", "异地"]
    *clerks, total = body
    col = {name: i for i, name in enumerate(header)}
    for r in clerks:
        assert sum(fen(r[col[m]]) for m in methods) + fen(r[col["冲正"]]) == fen(r[col["净收款"]]), r[0]
    for name in (*methods, "冲正", "净收款", "应有现金"):
        assert sum(fen(r[col[name]]) for r in clerks) == fen(total[col[name]]), name
    assert fen(total[col["净收款"]]) == net and fen(total[col["应有现金"]]) == cash_due
    by_clerk = {r[0]: r for r in clerks}
    # 1001's drawer: 50 + 20 - 20 + 30 cross-city cash; the reversal comes out of the drawer that took it.
    assert fen(by_clerk["1001 王芳"][col["应有现金"]]) == 8000
    assert by_clerk["1001 王芳"][col["实点现金"]] == "未交班"
    assert [fen(by_clerk["1002 李强"][col[c]]) for c in ("应有现金", "实点现金", "差额")] == [3999, 3900, -99]


def test_the_english_sheet_adds_up_too(manager_session, frozen_clock):
    a_full_day(frozen_clock)
    data = settlement.settlement(manager_session, frozen_clock.current.date())
    rows = pdf_rows(sheet.build(data, "en"))
    start = next(i for i, r in enumerate(rows) if r[0].startswith("By clerk"))
    header = rows[start + 1]
    total = next(r for r in rows[start + 2:] if r[0] == "Total")
    assert fen(total[header.index("Net")]) == data.net_fen == 34_799


def test_a_day_is_not_closed_on_figures_older_than_the_newest_payment(manager_session, frozen_clock):
    a_full_day(frozen_clock)
    day = frozen_clock.current.date()
    seen = settlement.settlement(manager_session, day).mark
    frozen_clock.advance(minutes=1)
    payments.take_payment(clerk("1001", 1), account_id=local_accounts(1)[0].id, method="cash", amount_fen=100,
                          tendered_fen=100, idempotency_key="late")
    with pytest.raises(Conflict, match="newest payment 10:06:00"):
        settlement.close_day(manager_session, day, seen=seen)
    assert not DayClose.select().exists()
    fresh = settlement.settlement(manager_session, day)
    assert fresh.mark != seen
    assert settlement.close_day(manager_session, day, seen=fresh.mark).totals["net_fen"] == 34_899


def test_closing_warns_of_an_open_hall_clerks_not_handed_over_and_open_counters(manager_session, frozen_clock):
    a_full_day(frozen_clock)  # at 10:05 on a day the hall is open until 18:00
    CounterState.create(hall="JN001", counter_number=1, status="open", staff_no="1001", since=frozen_clock.current)
    day = frozen_clock.current.date()
    check = settlement.close_check(manager_session, day)
    assert check.hall_closes == "18:00"
    assert [c.staff_no for c in check.not_handed_over] == ["1001"]  # 1002 handed over after the last payment
    assert [(c.number, c.staff_no) for c in check.open_counters] == [(1, "1001")]
    # 1002 takes money after the handover: the drawer is not handed over any more.
    frozen_clock.advance(minutes=1)
    payments.take_payment(clerk("1002", 3), account_id=local_accounts(1)[0].id, method="cash", amount_fen=100,
                          tendered_fen=100, idempotency_key="after")
    assert [c.staff_no for c in settlement.close_check(manager_session, day).not_handed_over] == ["1001", "1002"]
    # Yesterday's day is over: no opening-hours warning, no counters of today.
    frozen_clock.current = frozen_clock.current.replace(hour=19)
    evening = settlement.close_check(manager_session, day)
    assert evening.hall_closes is None


def answer_next_box(qtbot, button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Answer the next message box the window opens (it is modal: the test cannot wait for it)."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        seen.append(box.defaultButton().text() if box.defaultButton() else "")
        box.button(button).click()

    QTimer.singleShot(0, answer)


def test_the_manager_closes_the_day_in_the_window(manager_session, db_path, frozen_clock, qtbot):
    from counter_app.ui.manager.window import ManagerWindow

    a_full_day(frozen_clock)
    window = ManagerWindow(AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path)))
    qtbot.addWidget(window)
    window.show()
    tab = window.settlement
    assert tab.loads == 0  # behind the board: nothing read yet
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.data is not None)
    assert tab.summary["net"].text().startswith(format_yuan(34_799))
    assert tab.close_button.isEnabled()

    # Another counter takes a payment: no signal reaches this window, the timer reads it.
    tab.live.timer.setInterval(100)
    frozen_clock.advance(minutes=1)
    payments.take_payment(clerk("1001", 1), account_id=local_accounts(1)[0].id, method="cash", amount_fen=100,
                          tendered_fen=100, idempotency_key="w1")
    qtbot.waitUntil(lambda: tab.summary["net"].text().startswith(format_yuan(34_899)), timeout=5000)
    tab.live.timer.stop()

    # One more arrives after the figures were read: the close is refused and the figures reread.
    frozen_clock.advance(minutes=1)
    payments.take_payment(clerk("1001", 1), account_id=local_accounts(1)[0].id, method="cash", amount_fen=100,
                          tendered_fen=100, idempotency_key="w2")
    tab.close_button.click()
    qtbot.waitUntil(lambda: tab.summary["net"].text().startswith(format_yuan(34_999)))
    assert "New payments" in tab.message.text() or "新的收款" in tab.message.text()
    assert not DayClose.select().exists()

    # Now the warnings: the hall is open until 18:00 and 1001 has not handed over. No is the default.
    seen: list[str] = []
    answer_next_box(qtbot, QMessageBox.StandardButton.No, seen)
    tab.close_button.click()
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert "18:00" in seen[0] and "1001" in seen[0]
    assert seen[1] == QMessageBox(QMessageBox.Icon.NoIcon, "", "", QMessageBox.StandardButton.No).button(
        QMessageBox.StandardButton.No).text()
    wait_for_tasks()
    assert not DayClose.select().exists()

    answer_next_box(qtbot, QMessageBox.StandardButton.Yes, seen)
    tab.close_button.click()
    qtbot.waitUntil(lambda: DayClose.select().exists())
    qtbot.waitUntil(lambda: not tab.close_button.isEnabled() and tab.data.closed_at is not None)
    assert DayClose.get().totals["net_fen"] == 34_999
    window.board.timer.stop()
    wait_for_tasks()


def test_today_and_the_grade_follow_the_hall_without_f5(manager_session, db_path, frozen_clock, qtbot):
    from counter_app.services import queue
    from counter_app.ui.manager.window import ManagerWindow

    window = ManagerWindow(AppContext(manager_session, TerminalConfig(mode="manager"), str(db_path)))
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.today)
    qtbot.waitUntil(lambda: window.today.loads >= 1)
    payments_label = window.today.labels["payments"]
    assert payments_label.text() == "0"
    window.today.live.timer.setInterval(100)
    a_full_day(frozen_clock)  # another counter's payments: no signal, the timer reads them
    qtbot.waitUntil(lambda: payments_label.text() == "9", timeout=5000)
    window.today.live.timer.stop()

    window.tabs.setCurrentWidget(window.grade)
    qtbot.waitUntil(lambda: window.grade.history_loads >= 1 and window.grade.loads >= 1, timeout=20_000)
    wait_for_tasks()
    qtbot.wait(20)  # every read started so far has shown its result
    served = window.grade.history.rows[0].measures.customers
    # A customer is called and served while the manager looks at another tab.
    window.tabs.setCurrentWidget(window.today)
    kiosk, counter = open_session(), clerk("1001", 1)
    queue.take_ticket(kiosk, "payment")
    frozen_clock.advance(minutes=2)
    queue.call_next(counter, 1)
    frozen_clock.advance(minutes=3)
    queue.finish(counter, 1)
    loads = window.grade.loads
    window.tabs.setCurrentWidget(window.grade)
    qtbot.waitUntil(lambda: window.grade.loads > loads, timeout=20_000)
    assert window.grade.history.rows[0].measures.customers == served + 1
    window.board.timer.stop()
    wait_for_tasks()
