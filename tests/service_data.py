"""Shared pieces of the form-free service tests: a drawn signature and a helper that submits
an order the way the panel does."""

from __future__ import annotations

import io

from counter_app.models import Account, Customer
from counter_app.services import orders


def signature_png() -> bytes:
    """A signature as the pad exports it: dark strokes on white."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 150), "white")
    draw = ImageDraw.Draw(image)
    draw.line([(20, 110), (80, 30), (140, 120), (200, 40), (260, 115), (380, 60)], fill="black", width=5)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def local_line(status: str = "active") -> Account:
    """A line homed in the hall's city (济南) with an active SIM."""
    return (Account.select().join(Customer).where((Account.home_city == "济南") & (Account.status == status))
            .order_by(Account.phone).first())


def remote_line() -> Account:
    return Account.select().where(Account.home_city != "济南").order_by(Account.phone).first()


def verify(session, account: Account):
    """The subscriber shows their ID card at the counter (services.verification)."""
    from counter_app.services import verification

    customer = Customer.get_by_id(account.customer_id)
    return verification.by_id_document(session, account.id, id_number=customer.id_number)


def submit(session, code: str, account: Account | None, key: str | None = None, **values):
    """As the panel does it: a business that needs the subscriber verified gets its check first."""
    from counter_app.services import catalogue, verification

    if account is not None and verification.needs_verification(catalogue.business(code)) \
            and verification.current(session, account.id) is None:
        verify(session, account)
    options = {k: values.pop(k) for k in ("id_checked", "fee_method", "fee_reference") if k in values}
    return orders.submit(session, code=code, account_id=account.id if account else None, values=values,
                         idempotency_key=key or orders.new_key(), signature_png=signature_png(), **options)
