"""Finding demo lines that suit a complaint story."""

from __future__ import annotations

from counter_app import clock
from counter_app.models import Account, Bill, BillItem, SpSubscription
from counter_app.services.complaint_refunds import months_back_of


def line_with_sp_charges(min_recent: int = 2, months: int = 3, exclude=()) -> tuple[Account, list[BillItem]]:
    """A demo line with at least ``min_recent`` positive SP charges within ``months`` bill
    months and an active subscription to the charged service."""
    today = clock.today()
    query = (BillItem.select(BillItem, Bill).join(Bill)
             .where((BillItem.group == "sp") & (BillItem.amount_fen > 0)).order_by(Bill.account, Bill.period.desc()))
    by_account: dict = {}
    for item in query:
        by_account.setdefault(item.bill.account_id, []).append(item)
    for account_id, items in by_account.items():
        if account_id in exclude:
            continue
        recent = [i for i in items if months_back_of(i.bill.period, today) <= months]
        services = {i.service_code for i in recent}
        active = SpSubscription.select().where((SpSubscription.account == account_id)
                                               & SpSubscription.service.in_(list(services))
                                               & SpSubscription.end_date.is_null()).exists()
        if len(recent) >= min_recent and active:
            return Account.get_by_id(account_id), recent
    raise AssertionError("the demo hall has no line with recent SP charges")


def plain_line(index: int = 0) -> Account:
    return Account.select().order_by(Account.phone).offset(index).first()
