"""What a complaint can be linked to at intake: the line's number, its SP subscriptions still
charged and the charged items of its latest bills (the counter's complaint form offers them)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from counter_app import clock
from counter_app.models import Account
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session


@dataclass(frozen=True)
class SubscriptionChoice:
    id: uuid.UUID
    service_code: str
    name_zh: str
    name_en: str


def active_subscriptions(session: Session, account_id: uuid.UUID | str) -> list[SubscriptionChoice]:
    """The line's SP subscriptions still charged, for linking a complaint to them."""
    require(session, Permission.SERVE)
    from counter_app.models import SpService, SpSubscription

    today = clock.today()
    rows = (SpSubscription.select(SpSubscription, SpService).join(SpService)
            .where((SpSubscription.account == account_id)
                   & (SpSubscription.end_date.is_null() | (SpSubscription.end_date > today)))
            .order_by(SpService.code))
    return [SubscriptionChoice(r.id, r.service.code, r.service.name_zh, r.service.name_en) for r in rows]


@dataclass(frozen=True)
class BillItemChoice:
    id: int
    period: str
    name_zh: str
    name_en: str
    amount_fen: int
    service_code: str


def recent_bill_items(session: Session, account_id: uuid.UUID | str, bills: int = 2) -> list[BillItemChoice]:
    """The charged items of the line's latest bills, newest first, for linking a complaint."""
    require(session, Permission.SERVE)
    from counter_app.models import Bill, BillItem

    periods = [b.period for b in Bill.select(Bill.period).where(Bill.account == account_id)
               .order_by(Bill.period.desc()).limit(bills)]
    if not periods:
        return []
    rows = (BillItem.select(BillItem, Bill.period).join(Bill)
            .where((Bill.account == account_id) & Bill.period.in_(periods) & (BillItem.amount_fen != 0))
            .order_by(Bill.period.desc(), BillItem.sort))
    return [BillItemChoice(r.id, r.bill.period, r.name_zh, r.name_en, r.amount_fen, r.service_code) for r in rows]


def line_phone(session: Session, account_id: uuid.UUID | str) -> str:
    require(session, Permission.SERVE)
    account = Account.get_or_none(Account.id == account_id)
    return account.phone if account else ""
