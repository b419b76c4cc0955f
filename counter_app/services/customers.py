"""Finding customers and reading what the counter shows about them."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.errors import NotFound
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Account, Customer, TariffPlan
from counter_app.services.validation import mask_id_number, normalize_phone


@dataclass(frozen=True)
class CustomerSummary:
    account_id: object
    customer_id: object
    name: str
    masked_id: str
    phone: str
    plan_code: str
    plan_zh: str
    plan_en: str
    status: str
    balance_fen: int
    vip_tier: str
    home_city: str


def find_by_phone(phone_text: str) -> CustomerSummary:
    """The account with this phone number; ValidationError for malformed input (nothing is
    looked up then), NotFound when no line has that number."""
    phone = normalize_phone(phone_text)
    row = (Account.select(Account, Customer, TariffPlan)
           .join(Customer).switch(Account).join(TariffPlan, on=(Account.plan == TariffPlan.code))
           .where(Account.phone == phone).first())
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "No customer has the number {phone}."), phone=phone)
    c = row.customer
    return CustomerSummary(row.id, c.id, c.name, mask_id_number(c.id_number), row.phone, row.plan.code,
                           row.plan.name_zh, row.plan.name_en, row.status, row.balance_fen, c.vip_tier, c.home_city)
