"""The manager's settlement tab: figures, the printed sheet, closing the day."""

from __future__ import annotations

from counter_app.config import TerminalConfig
from counter_app.models import Account, DayClose
from counter_app.money import format_yuan
from counter_app.services import payments
from counter_app.ui.context import AppContext
from counter_app.ui.worker import wait_for_tasks
from tests.test_printing import no_stray_previews  # noqa: F401 - autouse: no preview outlives its test


def test_the_manager_sees_the_totals_prints_the_sheet_and_closes_the_day(session, manager_session, db_path,
                                                                         frozen_clock, qtbot, qtmodeltester):
    from counter_app.ui.manager.settlement_tab import SettlementTab
    from counter_app.ui.printing import open_previews

    account = Account.select().where(Account.home_city == "济南").first()
    p = payments.take_payment(session, account_id=account.id, method="cash", amount_fen=5000, idempotency_key="1")
    payments.take_payment(session, account_id=account.id, method="pos", amount_fen=2000, reference="123456",
                          idempotency_key="2")
    payments.reverse_payment(manager_session, p.id, reason="错号", idempotency_key="3")
    ctx = AppContext(manager_session, TerminalConfig(), str(db_path))
    tab = SettlementTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.data is not None)
    qtmodeltester.check(tab.model)
    assert format_yuan(2000) in tab.summary["net"].text()
    assert format_yuan(-5000) in tab.summary["reversals"].text()
    # one POS payment is "1 row", never "1 rows"; the two takings are "2 rows"
    assert tab.summary["pos"].text().endswith(" · 1 row") and tab.summary["takings"].text().endswith(" · 2 rows")
    assert tab.model.rowCount() == 1

    tab.print_sheet()
    qtbot.waitUntil(lambda: len(open_previews()) == 1, timeout=15_000)
    open_previews()[0].done(0)

    tab.close_day(confirmed=True)
    qtbot.waitUntil(lambda: DayClose.select().exists())
    qtbot.waitUntil(lambda: not tab.close_button.isEnabled())
    assert "陈静" in tab.state.text()
    wait_for_tasks()
