"""The VIP club (俱乐部会员): each tier's privileges and the 服务同盟 partners' discounts.

Kept as data (``resources/catalogue/club.json``), published like the fee standards: the
counter greets a member with their tier and what it gives them, and the same lines can be
printed for the member. A customer's tier and member number are on the customer record
(``Customer.vip_tier``, ``vip_member_no``), read with the customer view that checked the clerk.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.i18n import pick
from counter_app.services.reference import read_catalogue


@dataclass(frozen=True)
class ClubTier:
    code: str
    name: str
    privileges: tuple[str, ...]
    partner_offers: tuple[str, ...]  # "泉城大药房：凭会员卡购药9.5折"


def tier(code: str, lang: str) -> ClubTier | None:
    """The tier ``code`` in ``lang``; None for a customer who is not a club member."""
    if not code:
        return None
    data = read_catalogue("club.json")
    row = next((t for t in data["tiers"] if t["code"] == code), None)
    if row is None:
        return None
    sep = pick(lang, "：", ": ")
    offers = tuple(f"{pick(lang, p['name_zh'], p['name_en'])}{sep}{pick(lang, p['offer_zh'], p['offer_en'])}"
                   for p in data["partners"] if code in p.get("tiers", ()))
    return ClubTier(code, pick(lang, row["name_zh"], row["name_en"]),
                    tuple(pick(lang, p["zh"], p["en"]) for p in row["privileges"]), offers)
