"""What waits on the hub for a line that has not arrived, longer than it should.

An order naming a line the hub does not know is stored with the outcome ``waiting``, and a
payment for it is held (reason ``unknown_line``); both are decided when the line arrives
(``sync/hub_held.py``, ``counter_sync.line_arrived``). A line that never arrives (the PC that
opened it never synced, or the centre never loaded it) would leave them waiting unseen: after
``WAITING_DAYS`` days (counted on this PC's clock from when the business was made at the
counter) they are listed by ``sync --check``, ``sync --status``, ``counter-app held`` and the
manager's Sync tab, each with what the manager can do about it (docs/security.md, "Money the
hub holds").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg

from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.sync.hub_rows import scalar

WAITING_DAYS = 2  # a line opened at a hall reaches the hub with its PC's next sync, within hours

HEADING = QT_TRANSLATE_NOOP("WaitingOnHub", "Waiting on the hub for a line it does not know, over {days} days: "
                                            "{count}")
ORDER = QT_TRANSLATE_NOOP("WaitingOnHub", "Order {ref} of {date} is not made yet: the hub does not "
                                          "know the line. If it was opened at this hall, sync the PC that opened it; "
                                          "otherwise ask the centre to load the line. The order is made by itself "
                                          "when the line arrives.")
PAYMENT = QT_TRANSLATE_NOOP("WaitingOnHub", "Receipt {ref} of {date}, {amount} yuan for line {phone}, is credited to "
                                            "no line: the hub does not know the line. Sync the PC that opened it or "
                                            "ask the centre; the money is credited by itself when the line arrives, "
                                            "or refund it to the customer.")


@dataclass(frozen=True)
class Waiting:
    """An order or a held payment of this hall waiting for its line on the hub."""

    what: str  # order | payment
    ref: str  # the order's number or the payment's receipt number
    phone: str
    business_date: str
    amount_fen: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def text(self, translate: Callable[[str, str], str] | None = None) -> str:
        from counter_app.money import format_yuan

        say: Callable[[str, str], str] = translate or (lambda context, text: text)
        template = ORDER if self.what == "order" else PAYMENT
        return say("WaitingOnHub", template).format(ref=self.ref, date=self.business_date, phone=self.phone or "—",
                                                    amount=format_yuan(self.amount_fen))


WAITING_SQL = """
SELECT 'order', e.order_no, '', coalesce(o.business_date::text, e.made_at::date::text), 0,
       e.made_at
FROM counter_sync.order_effect e
LEFT JOIN service_order o ON o.hall = e.hall AND o.id = e.order_id
WHERE e.hall = %(hall)s AND e.outcome = 'waiting' AND e.action = 'apply' AND e.made_at < %(before)s
UNION ALL
SELECT 'payment', h.receipt_no, h.phone, h.business_date::text, h.amount_fen, h.made_at
FROM counter_sync.held_payment h
WHERE h.hall = %(hall)s AND h.reason = 'unknown_line' AND h.made_at < %(before)s
  AND NOT EXISTS (SELECT 1 FROM counter_sync.held_settlement s WHERE s.hall = h.hall AND s.payment_id = h.payment_id)
ORDER BY 6, 2 LIMIT %(limit)s
"""


def waiting(conn: psycopg.Connection[Any], hall: str, now: dt.datetime, *, days: int = WAITING_DAYS,
            limit: int = 100) -> list[Waiting]:
    """This hall's orders and held payments waiting for a line the hub does not know, made at
    the counter more than ``days`` days before ``now``, oldest first; [] on a hub before holds."""
    if scalar(conn.execute("SELECT to_regclass('counter_sync.held_payment')")) is None:
        return []
    rows = conn.execute(WAITING_SQL, {"hall": hall, "before": now - dt.timedelta(days=days), "limit": limit})
    return [Waiting(r[0], r[1], r[2], r[3], int(r[4])) for r in rows]


def waiting_lines(rows: list[Waiting], translate: Callable[[str, str], str]) -> list[str]:
    """The heading and one line per waiting business, in the reader's words."""
    if not rows:
        return []
    return ([translate("WaitingOnHub", HEADING).format(days=WAITING_DAYS, count=len(rows))]
            + [f"  {w.text(translate)}" for w in rows])
