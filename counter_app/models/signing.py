"""The halls' document-signing keys (public halves only).

Every printed document's verification QR is signed with an Ed25519 key of the hall that
issued it (``services/signing.py``). The private half never leaves the terminal that made it
(a file readable by the application's user only); the public half is this table's row, sent
to the hub as a setup change and pulled back by every terminal of every hall as reference
data, so any counter of the province verifies any hall's document offline. A key is valid
for documents dated from ``valid_from`` up to ``valid_until`` (open while NULL): a rotated key
keeps its older documents verifiable.
"""

from __future__ import annotations

from peewee import CharField, DateField

from counter_app.models.base import BaseModel


class HallKey(BaseModel):
    hall = CharField(max_length=16)
    key_id = CharField(max_length=16)  # first 8 hex digits of the SHA-256 of the public key
    public_key = CharField(max_length=64)  # the raw 32-byte Ed25519 public key, hex
    valid_from = DateField()
    valid_until = DateField(null=True)
    terminal = CharField(max_length=40, default="")  # where the private half is kept

    class Meta:
        indexes = ((("hall", "key_id"), True),)
