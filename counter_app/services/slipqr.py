"""What an acceptance slip's QR code carries, so that any terminal of the hall recognises it.

A terminal keeps the orders it made; another terminal of the same hall has the hall's lines
(reference data) but not those orders. The slip's QR therefore names, besides the order's
id, its number and the line it was done on: ``<order id>:<order no>:<line id>`` (the line id
is empty for a walk-in's business, e.g. a value card sale), signed by the hall's key
(``services/signing.py``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from counter_app.models import ServiceOrder
from counter_app.services import signing


@dataclass(frozen=True)
class SlipRef:
    order_id: uuid.UUID
    order_no: str = ""
    account_id: uuid.UUID | None = None


def payload(order: ServiceOrder) -> str:
    account = order.account_id.hex if order.account_id else ""
    return signing.payload(order.hall, "order", f"{order.id.hex}:{order.order_no}:{account}")


def parse_ident(ident: str) -> SlipRef | None:
    """The parts of an order QR's id, or None when they are not an order's."""
    parts = ident.split(":")
    try:
        order_id = uuid.UUID(parts[0])
        account_id = uuid.UUID(parts[2]) if len(parts) > 2 and parts[2] else None
    except ValueError:
        return None
    return SlipRef(order_id, parts[1] if len(parts) > 1 else "", account_id)


def parse(text: str) -> SlipRef | None:
    """A scanned slip QR whose signature holds, or None."""
    parsed = signing.parse(text or "")
    if parsed is None or parsed[0] != "order":
        return None
    return parse_ident(parsed[1])
