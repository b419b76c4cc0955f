"""The account ledger: every charge and every credit of a line, one row each.

``ledger_entry`` is reference data owned by the hub, pulled by every terminal: the monthly
bill run writes each bill's charge here, and the hub turns every payment a hall pushes into
an entry with the payment's own id (``sync/hub.py``). A terminal's own payments that the hub
has not confirmed yet are still only ``payment`` rows; ``services.ledger`` adds them to the
account's ledger until their entry comes back. ``Account.balance_fen`` is the cached sum of
an account's entries; ``counter-app check ledger`` recomputes it.

Sign: an entry adds to what the customer has. A payment or a credit is positive, a charge
negative; a negative balance is owed. Entries are never updated: a correction is a new entry.
"""

from __future__ import annotations

from peewee import CharField, DateTimeField, IntegerField, UUIDField

from counter_app.models.base import BaseModel

# opening: the balance a line was brought in with (the demo, a migration);
# charge: a closed month's bill; payment / reversal / refund / compensation: money at a hall
# (the entry of a ``payment`` row) or through another channel (bank, online);
# adjustment: a correction by the centre, either sign.
ENTRY_KINDS = ("opening", "charge", "payment", "reversal", "refund", "compensation", "adjustment")
CHARGE_KINDS = ("charge",)


class LedgerEntry(BaseModel):
    id = UUIDField(primary_key=True)  # a hall's payment keeps its payment's id here
    account_id = UUIDField()
    period = CharField(max_length=7)  # YYYY-MM: the month whose statement shows the entry
    kind = CharField(max_length=16)
    amount_fen = IntegerField()  # + credit, − charge
    method = CharField(max_length=16, default="")  # cash, pos, card, remote, bank, online, credit, ...
    ref = CharField(max_length=40, default="")  # receipt number, bill id
    hall = CharField(max_length=16, default="")  # the hall that took the money; "" the centre
    posted_at = DateTimeField()

    class Meta:
        indexes = ((("account_id", "period"), False),)
