"""The monthly bill run: each account's bill, written as the ledger's statement for the month.

:func:`write_bill` is the one way a bill comes to exist: the bill, its items, the charge of
their total in the account's ledger and the cached balance, in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app import clock
from counter_app.errors import Conflict
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Bill, BillItem, db
from counter_app.models.billing import BILL_GROUPS
from counter_app.services import ledger


@dataclass(frozen=True)
class ItemSpec:
    """One line of a bill as the run (or an imported file) makes it."""

    group: str  # one of BILL_GROUPS
    code: str
    name_zh: str
    name_en: str
    amount_fen: int
    explanation_zh: str = ""
    explanation_en: str = ""
    sp_code: str = ""
    service_code: str = ""


def write_bill(account_id, period: str, plan_code: str, items: list[ItemSpec], *,
               issued_at: dt.datetime | None = None) -> Bill:
    """Write the bill of ``period`` for an account: its items, one charge of their total in
    the ledger (the statement of the month shows it) and the cached balance, in one
    transaction. A second bill for the same month is refused."""
    for item in items:
        if isinstance(item.amount_fen, bool) or not isinstance(item.amount_fen, int):
            raise TypeError("amount_fen must be int fen")
        if item.group not in BILL_GROUPS:
            raise ValueError(f"unknown bill group {item.group!r}")
    total = sum(item.amount_fen for item in items)
    issued_at = issued_at or clock.now()
    with db.atomic():
        if Bill.select().where((Bill.account == account_id) & (Bill.period == period)).exists():
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "The bill of {month} has already been issued."), month=period)
        bill = Bill.create(account=account_id, period=period, plan_code=plan_code, total_fen=total, issued_at=issued_at)
        BillItem.insert_many([
            dict(bill=bill.id, group=i.group, code=i.code, name_zh=i.name_zh, name_en=i.name_en,
                 explanation_zh=i.explanation_zh, explanation_en=i.explanation_en, amount_fen=i.amount_fen,
                 sp_code=i.sp_code, service_code=i.service_code, sort=n) for n, i in enumerate(items)]).execute()
        ledger.post(account_id, period=period, kind="charge", amount_fen=-total, ref=bill.id.hex, posted_at=issued_at)
        # The bill's own summary columns keep the statement as issued (owed positive, as they
        # always were): for reference only; every channel reads the ledger.
        st = ledger.statement(account_id, period)
        Bill.update(previous_balance_fen=-st.opening_fen, payments_fen=st.credits_fen,
                    due_fen=st.closing_due_fen).where(Bill.id == bill.id).execute()
    return bill

