"""The published fee standards and business procedures (收费项目及标准), plus the SP services'
prices, for the counter, the kiosk and print-outs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app import clock
from counter_app.i18n import pick
from counter_app.models import FeeStandard, SpService
from counter_app.money import format_yuan
from counter_app.services.session import Session


@dataclass(frozen=True)
class FeeLine:
    code: str
    name: str
    price: str  # "20.00 元/张", "免费", or the rule in words
    note: str


@dataclass(frozen=True)
class FeeStandardsData:
    hall_name: str
    printed_at: dt.datetime
    lang: str
    fees: tuple[FeeLine, ...]
    sp_services: tuple[FeeLine, ...]
    procedures: tuple[FeeLine, ...]


def _price(lang: str, amount_fen: int | None, unit: str) -> str:
    if amount_fen is None:
        return unit
    if amount_fen == 0:
        return pick(lang, "免费", "free")
    unit = unit.removeprefix("元").removeprefix("yuan").strip() if unit else ""
    money = f"{format_yuan(amount_fen)} {pick(lang, '元', 'yuan')}"
    return f"{money}{unit}" if unit.startswith("/") else f"{money} {unit}".strip()


def fee_standards(session: Session, *, lang: str | None = None) -> FeeStandardsData:
    lang = lang or session.lang
    fees: list[FeeLine] = []
    procedures: list[FeeLine] = []
    for row in FeeStandard.select().order_by(FeeStandard.sort, FeeStandard.code):
        name = pick(lang, row.name_zh, row.name_en)
        text = pick(lang, row.text_zh, row.text_en)
        if row.kind == "procedure":
            procedures.append(FeeLine(row.code, name, "", text))
        else:
            fees.append(FeeLine(row.code, name, _price(lang, row.amount_fen, pick(lang, row.unit_zh, row.unit_en)), text))
    sp = []
    for service in SpService.select().order_by(SpService.provider, SpService.code):
        if service.monthly_fee_fen:
            price = _price(lang, service.monthly_fee_fen, pick(lang, "/月", "per month"))
        else:
            price = _price(lang, service.per_use_fen, pick(lang, "/次", "per use"))
        sp.append(FeeLine(service.code, pick(lang, service.name_zh, service.name_en), price,
                          f"{service.provider.name} · {service.provider.hotline}".rstrip(" ·")))
    return FeeStandardsData(session.hall.name, clock.now(), lang, tuple(fees), tuple(sp), tuple(procedures))
