"""Wrong guesses of a secret (staff password, kiosk PIN, a customer's service password),
counted by the throttle (``services/throttle.py``). Kept at the terminal: never synced."""

from __future__ import annotations

from peewee import AutoField, CharField, DateTimeField, IntegerField

from counter_app.models.base import BaseModel


class SecretAttempt(BaseModel):
    id = AutoField()  # what peewee adds when a model names no key; named so mypy knows it
    hall = CharField(max_length=16)
    secret = CharField(max_length=32)  # which kind of secret (services.throttle.Secret)
    subject = CharField(max_length=32)  # whose: a staff number, a phone number, the hall
    failures = IntegerField(default=0)  # wrong guesses since the last success or lock
    locks = IntegerField(default=0)  # lock-outs in a row: each one lasts twice the one before
    locked_until = DateTimeField(null=True)
    last_failure_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("hall", "secret", "subject"), True),)
