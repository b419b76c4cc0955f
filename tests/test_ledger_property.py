"""Random months of one line: bills (written, or by the monthly bill run), counter payments,
reversals, credits and payments through the bank, in any order. Whatever happened, the counter, the payment panel, the kiosk, the
printed bill and the command line show the balance and amount due the ledger adds up to,
to the fen; and each bill's statement agrees with an independent reckoning of the entries."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
from contextlib import redirect_stdout
from dataclasses import dataclass, field

import pytest

from counter_app import clock
from counter_app.cli.main import main as cli
from counter_app.documents import bill as bill_doc
from counter_app.models import Account, Bill
from counter_app.money import format_yuan
from counter_app.services import billrun, customers, ledger, payments, statements
from counter_app.services.bill_writer import ItemSpec
from counter_app.services.ledger import shift_month
from tests.helpers import pdf_text

SEQUENCES = 24


@dataclass
class Reckoning:
    """The test's own book: (period, is charge, amount) of everything that happened."""

    rows: list[tuple[str, bool, int]] = field(default_factory=list)

    def add(self, period: str, amount: int, charge: bool = False) -> None:
        self.rows.append((period, charge, amount))

    def balance(self) -> int:
        return sum(a for _p, _c, a in self.rows)

    def month(self, period: str) -> tuple[int, int, int, int]:
        opening = sum(a for p, _c, a in self.rows if p < period)
        charges = -sum(a for p, c, a in self.rows if p == period and c)
        credits = sum(a for p, c, a in self.rows if p == period and not c)
        return opening, charges, credits, opening - charges + credits


def _printed(label: str, text: str) -> str:
    return re.search(label + r"\s*((?:欠费|结余)?\s*[-\d.,]+)", text).group(1).replace(" ", "")


def _balance_words(fen: int) -> str:
    return f"欠费{format_yuan(-fen)}" if fen < 0 else f"结余{format_yuan(fen)}" if fen > 0 else "0.00"


def play(seed: int, session, manager_session) -> tuple[Account, Reckoning, list[str]]:
    """A random sequence of what happens to one line; returns the line, the test's own book
    and the months billed. Leaves the clock at the sequence's last day (reset by the caller)."""
    rng = random.Random(seed)
    account = (Account.select().where(Account.home_city == session.hall.city).order_by(Account.phone)
               .offset(rng.randrange(50)).first())
    book = Reckoning()
    for entry in ledger.entries(account.id):  # what the demo hall gave the line
        book.add(entry.period, entry.amount_fen, entry.is_charge)
    latest = Bill.select(Bill.period).where(Bill.account == account).order_by(Bill.period.desc()).first()
    period = shift_month(latest.period if latest else "2026-10", 1)
    year, month = map(int, shift_month(period, 1).split("-"))
    now = dt.datetime(year, month, 2, 9, 0)
    clock.set_clock(lambda: now)
    billed: list[str] = []
    today_payments: list = []
    for step in range(rng.randrange(6, 16)):
        action = rng.choices(("bill", "run", "pay", "reverse", "credit", "bank", "day"), (1, 1, 5, 2, 1, 1, 2))[0]
        key = f"s{seed}-{step}"
        here = ledger.month_of(now)
        if action == "bill" and period < here:
            items = [ItemSpec("plan", "PLAN", "套餐及固定费", "Plan", rng.randrange(1800, 19900)),
                     ItemSpec("voice", "VOICE_LOCAL", "本地通话费", "Local calls", rng.randrange(0, 3000))]
            if rng.random() < 0.3:
                items.append(ItemSpec("discount", "DISCOUNT", "优惠减免", "Discounts", -rng.randrange(100, 1000)))
            billrun.write_bill(account.id, period, account.plan_id, items, issued_at=now)
            book.add(period, -sum(i.amount_fen for i in items), charge=True)
            billed.append(period)
            period = shift_month(period, 1)
        elif action == "run" and period < here:  # the monthly bill run itself, for this line
            done = billrun.run_month(period, accounts=[account.id])
            book.add(period, -done.total_fen, charge=True)
            billed.append(period)
            period = shift_month(period, 1)
        elif action == "pay":
            amount = rng.choice([rng.randrange(1, 30000), max(1, ledger.amount_due(account.id))])
            paid = payments.take_payment(session, account_id=account.id, method="cash", amount_fen=amount,
                                         idempotency_key=key)
            today_payments.append(paid)
            book.add(here, amount)
        elif action == "reverse" and today_payments:
            original = today_payments.pop(rng.randrange(len(today_payments)))
            payments.reverse_payment(manager_session, original.id, reason="输错号码", idempotency_key=key)
            book.add(here, -original.amount_fen)
        elif action == "credit":
            amount = rng.randrange(100, 2000)
            payments.record_credit(session, account_id=account.id, amount_fen=amount, reason="先行赔付",
                                   idempotency_key=key)
            book.add(here, amount)
        elif action == "bank":  # paid through the bank: the centre's entry, pulled like any other
            amount = rng.randrange(1000, 20000)
            ledger.post(account.id, period=here, kind="payment", amount_fen=amount, method="bank", posted_at=now)
            book.add(here, amount)
        elif action == "day":
            now = now + dt.timedelta(days=rng.randrange(1, 20))
            today_payments.clear()  # a payment is reversed on its own day only
    return account, book, billed


@pytest.mark.parametrize("seed", range(SEQUENCES))
def test_every_channel_shows_what_the_ledger_adds_up_to(seed, session, manager_session, db_path):
    try:
        account, book, billed = play(seed, session, manager_session)
        balance = book.balance()
        due = max(0, -balance)
        assert ledger.balance(account.id) == balance and ledger.amount_due(account.id) == due
        view = customers.load_view(session, account.id, session.hall.city)
        assert (view.balance_fen, view.due_fen) == (balance, due)
        payee = payments.payee(session, account.id)
        assert (payee.balance_fen, payee.due_fen) == (balance, due)
        for month in billed:
            data = statements.bill_data(session, account.phone, month)
            assert (data.opening_fen, data.charges_fen, data.credits_fen, data.closing_fen) == book.month(month)
            assert data.charges_fen == data.total_fen
            assert (data.balance_fen, data.due_fen) == (balance, due)
        if billed:
            kiosk = statements.kiosk_bill(session, account.phone, "123456")
            assert kiosk.header.period == billed[-1] and (kiosk.balance_fen, kiosk.due_fen) == (balance, due)
            printed = pdf_text(bill_doc.build(kiosk)).replace(",", "")
            assert _printed("当前应缴", printed) == format_yuan(due).replace(",", "")
            assert _printed("当前余额", printed) == _balance_words(balance).replace(",", "")
            assert _printed("本期结余", printed) == _balance_words(book.month(billed[-1])[3]).replace(",", "")
        out = io.StringIO()
        password = db_path.parent / "clerk.pw"
        password.write_text("123456\n")
        with redirect_stdout(out):
            assert cli(["--db", str(db_path), "ledger", "--phone", account.phone, "--json", "--staff", "1001",
                        "--password-file", str(password)]) == 0
        shown = json.loads(out.getvalue())
        assert (shown["balance_fen"], shown["due_fen"]) == (balance, due)
        assert sum(e["amount_fen"] for e in shown["entries"]) == balance
        assert ledger.check().ok
    finally:
        clock.set_clock(None)


def test_the_counter_screens_show_the_same_figures(session, manager_session, db_path, qtbot):
    from counter_app.config import TerminalConfig
    from counter_app.ui.context import AppContext
    from counter_app.ui.counter.customer_view import CustomerView
    from counter_app.ui.counter.payment_panel import PaymentPanel
    from counter_app.ui.counter.statement_panel import StatementPanel
    from counter_app.ui.worker import wait_for_tasks

    try:
        account, book, billed = next(r for r in (play(s, session, manager_session) for s in range(100, 140))
                                     if r[2] and r[1].balance() < 0)
        balance, due = book.balance(), -book.balance()
        ctx = AppContext(session, TerminalConfig(), str(db_path))
        view, panel, bills = CustomerView(ctx), PaymentPanel(ctx), StatementPanel(ctx)
        for widget in (view, panel, bills):
            qtbot.addWidget(widget)
        ctx.select_customer(account.id)
        qtbot.waitUntil(lambda: view.view is not None and panel.payee_info is not None and bills.month.count() > 0)
        assert view.fields["balance"].text() == f"owed {format_yuan(-balance)}"
        assert view.fields["due"].text() == format_yuan(due)
        assert f"due {format_yuan(due)} yuan" in panel.payee_label.text()
        panel.fill_due()
        assert panel.amount.text() == format_yuan(due)
        bills.show_bill()
        qtbot.waitUntil(lambda: bills.bill_view.data is not None)
        text = bills.bill_view.toPlainText()
        assert f"Amount due now: {format_yuan(due)}" in text and f"owed {format_yuan(-balance)}" in text
        wait_for_tasks()
    finally:
        clock.set_clock(None)


def test_a_line_in_credit_owes_nothing_and_its_credit_carries_into_the_next_bill(session, frozen_clock):
    account = next(a for a in Account.select().where(Account.home_city == session.hall.city).order_by(Account.phone)
                   if ledger.balance(a.id) < 0)
    payments.take_payment(session, account_id=account.id, method="cash",
                          amount_fen=ledger.amount_due(account.id) + 5000, idempotency_key="credit-50")
    assert ledger.balance(account.id) == 5000 and ledger.amount_due(account.id) == 0
    # the next bill after the payment, run once its month is over (a month to come is refused)
    frozen_clock.current = dt.datetime(2027, 1, 5, 10, 0)
    month = "2026-12"
    billrun.write_bill(account.id, month, account.plan_id, [ItemSpec("plan", "PLAN", "套餐", "Plan", 3800)])
    data = statements.bill_data(session, account.phone, month)
    assert data.opening_fen == 5000 and data.closing_fen == 1200 and data.due_fen == 0
    text = " ".join(pdf_text(bill_doc.build(data)).split())
    assert "上期结余 结余 50.00" in text and "本期结余 结余 12.00" in text and "当前应缴 0.00" in text
