"""Satisfaction ratings given at the counter after an order (1 very unsatisfied .. 5 very
satisfied). One rating per order: a second press of a key does not count twice."""

from __future__ import annotations

import uuid

from counter_app.errors import NotFound, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Rating, ServiceOrder, db
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session

SCORES = (1, 2, 3, 4, 5)


def rate_order(session: Session, order_id: uuid.UUID, score: int) -> Rating:
    require(session, Permission.SERVE)
    if isinstance(score, bool) or score not in SCORES:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A rating is 1 to 5 stars."), field="score")
    with db.atomic():
        order = ServiceOrder.get_or_none(ServiceOrder.id == order_id)
        if order is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no such order."))
        existing = Rating.get_or_none(Rating.order_id == order.id)
        if existing is not None:
            return existing
        return Rating.create(hall=session.hall_code, terminal=session.terminal_id, order_id=order.id,
                             ticket_id=order.ticket_id, staff_no=order.staff_no, score=score, channel="counter")


def rating_of(session: Session, order_id: uuid.UUID) -> int | None:
    require(session, Permission.SERVE)
    row = Rating.get_or_none(Rating.order_id == order_id)
    return row.score if row else None
