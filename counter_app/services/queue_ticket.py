"""What a printed queue ticket says: the data the kiosk's ticket (``documents/ticket.py``) and
the ESC/POS ticket printers (``printers/``) render. Assembled here, in the services layer, so
that no service imports a document (docs/architecture.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app.models import Hall, Ticket


@dataclass(frozen=True)
class TicketData:
    ticket_id: str
    hall_name: str
    code: str
    category_zh: str
    category_en: str
    issued_at: dt.datetime
    ahead: int
    est_wait_min: int
    priority: bool = False
    qr_payload: str = ""  # the signed code; none, no QR


def ticket_data(ticket: Ticket) -> TicketData:
    """What the printed ticket of ``ticket`` says, for any printer."""
    from counter_app.services import signing
    from counter_app.services.queue import category

    cat = category(ticket.category)
    hall = Hall.get_by_id(ticket.hall)
    return TicketData(str(ticket.id), hall.name, ticket.code, cat.name_zh, cat.name_en, ticket.issued_at,
                      ticket.ahead_at_issue, ticket.est_wait_min, ticket.priority > 0,
                      qr_payload=signing.payload(ticket.hall, "ticket", ticket.id.hex))
