"""One line, one moment, one figure: the counter (customer view and payment panel), the kiosk,
the printed bill and the command line show the balance and amount due the line's ledger adds
up to (``ledger.position_of``): at the start, after a payment, after its reversal, after a
credit, after the monthly bill run, and even while the cached balance column is wrong (which
``check ledger`` reports, and no channel shows)."""

from __future__ import annotations

import datetime as dt
import io
import json
from contextlib import redirect_stdout

from counter_app.cli.main import main as cli
from counter_app.models import Account, Bill
from counter_app.money import format_yuan
from counter_app.services import billrun, customers, ledger, payments, statements
from counter_app.services.ledger import shift_month
from tests.helpers import pdf_text
from tests.test_ledger_property import _balance_words, _printed


def _shown(session, account, db_path) -> dict[str, tuple[int, int]]:
    """(balance, amount due) as each channel shows it now, in fen."""
    out: dict[str, tuple[int, int]] = {}
    view = customers.load_view(session, account.id, session.hall.city)
    out["counter"] = (view.balance_fen, view.due_fen)
    payee = payments.payee(session, account.id)
    out["payment panel"] = (payee.balance_fen, payee.due_fen)
    kiosk = statements.kiosk_bill(session, account.phone, "123456")
    out["kiosk"] = (kiosk.balance_fen, kiosk.due_fen)
    assert kiosk.statement.closing_fen + kiosk.statement.later_fen == kiosk.balance_fen  # the bill adds up
    password = db_path.parent / "clerk.pw"
    password.write_text("123456\n")
    signed = ["--staff", "1001", "--password-file", str(password)]
    printed = db_path.parent / "bill.pdf"
    assert cli(["--db", str(db_path), "statement", "bill", "--phone", account.phone, "--month",
                kiosk.header.period, "--out", str(printed), *signed]) == 0
    text = pdf_text(printed.read_bytes()).replace(",", "")
    out["paper"] = (_yuan_fen(_printed("当前余额", text)), _yuan_fen(_printed("当前应缴", text)))
    assert _printed("当前余额", text) == _balance_words(out["paper"][0]).replace(",", "")
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        assert cli(["--db", str(db_path), "ledger", "--phone", account.phone, "--json", *signed]) == 0
    data = json.loads(buffer.getvalue())
    out["command line"] = (data["balance_fen"], data["due_fen"])
    return out


def _yuan_fen(words: str) -> int:
    """A printed balance ("欠费12.50", "结余3.00", "0.00") as signed fen."""
    sign = -1 if words.startswith("欠费") else 1
    yuan, _, fen = words.removeprefix("欠费").removeprefix("结余").partition(".")
    return sign * (int(yuan) * 100 + int(fen))


def _all_agree(session, account, db_path, balance: int) -> None:
    shown = _shown(session, account, db_path)
    assert shown == dict.fromkeys(shown, (balance, max(0, -balance))), shown
    assert ledger.position(account.id) == ledger.position_of(ledger.entries(account.id))


def test_every_channel_shows_one_figure_through_a_payment_a_reversal_a_credit_and_the_bill_run(
        session, manager_session, frozen_clock, db_path):
    account = (Account.select().join(Bill, on=(Bill.account == Account.id))
               .where((Account.home_city == session.hall.city) & (Account.status == "active"))
               .order_by(Account.phone).first())
    latest = Bill.select(Bill.period).where(Bill.account == account).order_by(Bill.period.desc()).first().period
    month = shift_month(latest, 1)
    frozen_clock.current = dt.datetime.fromisoformat(f"{month}-20 10:00:00")
    balance = sum(e.amount_fen for e in ledger.entries(account.id))
    credited_before = ledger.statement(account.id, month).credits_fen  # the demo's own payments of the month
    _all_agree(session, account, db_path, balance)

    owed = max(0, -balance)
    paid = payments.take_payment(session, account_id=account.id, method="cash", amount_fen=owed + 12345,
                                 idempotency_key="pay")
    _all_agree(session, account, db_path, balance + owed + 12345)  # in credit: nothing due

    payments.reverse_payment(manager_session, paid.id, reason="收错号码", idempotency_key="reverse")
    _all_agree(session, account, db_path, balance)

    payments.record_credit(session, account_id=account.id, amount_fen=550, reason="先行赔付", idempotency_key="credit")
    balance += 550
    _all_agree(session, account, db_path, balance)

    # The monthly bill run bills the month: the kiosk and the paper now show the new bill.
    frozen_clock.current = dt.datetime.fromisoformat(f"{shift_month(month, 1)}-01 09:00:00")
    done = billrun.run_month(month, accounts=[account.id])
    assert done.billed == 1 and done.total_fen > 0
    balance -= done.total_fen
    _all_agree(session, account, db_path, balance)
    assert statements.kiosk_bill(session, account.phone, "123456").header.period == month
    this = statements.bill_data(session, account.phone, month)
    # the reversed payment nets to nothing
    assert (this.charges_fen, this.credits_fen) == (done.total_fen, credited_before + 550)
    assert ledger.check().ok

    # A cached balance gone wrong is the check's finding; every channel still shows the ledger.
    Account.update(balance_fen=Account.balance_fen + 100).where(Account.id == account.id).execute()
    _all_agree(session, account, db_path, balance)
    found = ledger.check()
    assert [d[0] for d in found.balance_differences] == [account.phone]
    assert format_yuan(found.balance_differences[0][1] - found.balance_differences[0][2]) == "1.00"
