"""VIP club members waiting (俱乐部会员接待): who holds a VIP ticket now, for the manager's
board and for the counters that may call them.

A VIP ticket taken at the kiosk (the member number typed, or ``take --vip``) is a ``Ticket``
with ``vip`` set; it may wait in the VIP category or, flagged, in another one. The manager's
board lists every one of the hall; a counter lists those it may call itself (the same rule as
its waiting list, ``queue.waiting_list``), so a counter that does not serve them is not
disturbed. The windows read this on their refresh; the kiosk is often another PC, so no
announcement from it reaches them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from counter_app import clock
from counter_app.models import Customer, Ticket
from counter_app.services import club, queue
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session
from counter_app.services.validation import mask_name


@dataclass(frozen=True)
class VipArrival:
    ticket_id: uuid.UUID
    code: str  # V003
    tier: str  # 金卡会员, in the reader's language ("" for a flagged ticket without a known tier)
    member_no: str
    name: str  # masked: the banner is seen over the clerk's shoulder
    issued_at: dt.datetime
    waited_min: int


def vip_waiting(session: Session, counter_number: int | None = None) -> list[VipArrival]:
    """The VIP tickets waiting now, longest first: the hall's (``counter_number`` None, the
    manager's board) or those this counter may call."""
    require(session, Permission.SERVE)
    now = clock.now()
    query = Ticket.select().where((Ticket.hall == session.hall_code) & (Ticket.business_date == now.date())
                                  & (Ticket.status == "waiting") & (Ticket.vip == True))  # noqa: E712 - SQL
    if counter_number is not None:
        mine = [t.id for t in queue.waiting_list(session, counter_number)]
        if not mine:
            return []
        query = query.where(Ticket.id.in_(mine))
    tickets = list(query.order_by(Ticket.queued_at, Ticket.number))
    ids = {t.customer_id for t in tickets if t.customer_id is not None}
    members = {c.id: c for c in Customer.select(Customer.id, Customer.name, Customer.vip_tier)
               .where(Customer.id.in_(ids))} if ids else {}
    out = []
    for t in tickets:
        member = members.get(t.customer_id) if t.customer_id is not None else None
        tier = club.tier(member.vip_tier or "", session.lang) if member is not None else None
        out.append(VipArrival(t.id, t.code, tier.name if tier else "", t.member_no,
                              mask_name(member.name) if member is not None else "", t.issued_at,
                              max(int((now - t.issued_at).total_seconds() // 60), 0)))
    return out
