"""What an acceptance slip's QR code carries, so that any terminal of the hall recognises it.

A terminal keeps the orders it made; another terminal of the same hall has the hall's lines
(reference data) but not those orders. The slip's QR therefore names, besides the order's
id, its number and the line it was done on: ``CA1|order|<order id>:<order no>:<line id>|<check>``
(the line id is empty for a walk-in's business, e.g. a value card sale). Slips printed before
carried the order id alone; they are still read.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from counter_app.documents import qr


@dataclass(frozen=True)
class SlipRef:
    order_id: uuid.UUID
    order_no: str = ""
    account_id: uuid.UUID | None = None


def payload(order) -> str:
    account = order.account_id.hex if order.account_id else ""
    return qr.payload("order", f"{order.id.hex}:{order.order_no}:{account}")


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
    """A scanned slip QR (with a valid check), or None."""
    parsed = qr.parse(text or "")
    if parsed is None or parsed[0] != "order":
        return None
    return parse_ident(parsed[1])
