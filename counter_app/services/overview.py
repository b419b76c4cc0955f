"""A few plain figures about the hall today, for windows that have nothing richer yet."""

from __future__ import annotations

from counter_app import clock
from counter_app.models import Account, Customer, Payment, QueueCategory, ServiceOrder, Staff, Ticket
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session


def hall_today(session: Session) -> dict[str, int]:
    """Today's plain counts at the session's hall (managers: reports permission)."""
    require(session, Permission.VIEW_REPORTS)
    hall_code = session.hall_code
    today = clock.today()
    return {
        "customers": Customer.select().count(),
        "accounts": Account.select().count(),
        "staff": Staff.select().where((Staff.hall == hall_code) & Staff.active).count(),
        "tickets": Ticket.select().where((Ticket.hall == hall_code) & (Ticket.business_date == today)).count(),
        "waiting": Ticket.select().where((Ticket.hall == hall_code) & (Ticket.business_date == today)
                                         & (Ticket.status == "waiting")).count(),
        "orders": ServiceOrder.select().where((ServiceOrder.hall == hall_code)
                                              & (ServiceOrder.business_date == today)).count(),
        "payments": Payment.select().where((Payment.hall == hall_code) & (Payment.business_date == today)).count(),
    }


def waiting_by_category(hall_code: str) -> list[tuple[QueueCategory, int]]:
    today = clock.today()
    out = []
    for category in QueueCategory.select().order_by(QueueCategory.sort):
        count = Ticket.select().where((Ticket.hall == hall_code) & (Ticket.business_date == today)
                                      & (Ticket.category == category.code) & (Ticket.status == "waiting")).count()
        out.append((category, count))
    return out
