"""Data minimisation at a terminal (个人信息保护法 art. 6): a terminal keeps the customers of its
own hall (``customer.hall``, pulled by sync) and, for a while, those of other halls who walked
in. Such a customer is fetched from the hub when the clerk types their exact number or document
number (never by name), the fetch is audited here and logged on the hub, and the rows are kept
for the hall setting ``visitor_keep_days`` (default :data:`DEFAULT_KEEP_DAYS`) before the next
sync forgets them (``sync.lookup.sweep_visitors``). Detailed records are never kept: each
verified view asks the hub (``services.statements.records_data``)."""

from __future__ import annotations

from counter_app.errors import HubUnavailable
from counter_app.models import db
from counter_app.services import audit
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session, hall_setting
from counter_app.services.validation import mask_id_number

DEFAULT_KEEP_DAYS = 30
KEEP_DAYS_KEY = "visitor_keep_days"  # hall setting; the hub reads it too (sync/lookup.py)


def keep_days(hall_code: str) -> int:
    return max(1, int(hall_setting(hall_code, KEEP_DAYS_KEY, DEFAULT_KEEP_DAYS)))


def fetch_walk_in(session: Session, *, phone: str = "", id_number: str = "") -> bool:
    """Ask the hub for the customer with this exact number; True when found and kept here.
    False when the hub has nobody, or does not answer (the caller says "not found")."""
    require(session, Permission.SERVE)
    hub = getattr(session, "hub", None)
    if hub is None or session.staff is None:
        return False
    try:
        data = hub.walk_in(phone=phone, id_number=id_number)
    except HubUnavailable:
        return False
    with db.atomic():
        audit.record(session, "customer.fetch", phone or mask_id_number(id_number), by="phone" if phone else "id_number",
                     found=bool(data))
    if not data:
        return False
    hub.keep(data, keep_days(session.hall_code))
    return True
