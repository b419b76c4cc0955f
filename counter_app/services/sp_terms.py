"""What the subscriber confirms when ordering a value-added (SP) service (二次确认): who
provides it and how to reach them, what it costs and how it is charged (per month or per use),
and how to cancel. These lines are added to the order's slip under the service chosen, so the
signed slip is the confirmation; the subscriber's identity was verified before
(``services.verification``)."""

from __future__ import annotations

from counter_app.i18n import pick
from counter_app.models import SpProvider, SpService
from counter_app.money import format_yuan
from counter_app.services.reference import read_catalogue


def price_text(service: SpService, lang: str) -> str:
    """"5.00元/月（按月计费）", "2.00元/次（按次计费，不使用不收费）" and their English."""
    parts = []
    if service.monthly_fee_fen:
        parts.append(pick(lang, f"{format_yuan(service.monthly_fee_fen)}元/月（按月计费）",
                          f"{format_yuan(service.monthly_fee_fen)} yuan per month (charged monthly)"))
    if service.per_use_fen:
        parts.append(pick(lang, f"{format_yuan(service.per_use_fen)}元/次（按次计费，不使用不收费）",
                          f"{format_yuan(service.per_use_fen)} yuan per use (charged per use; no use, no charge)"))
    return pick(lang, "，另加", "; plus ").join(parts) or pick(lang, "免费", "free")


def confirmation_rows(service_code: str, lang: str) -> list[tuple[str, str, str]]:
    """(label_zh, label_en, text) rows naming the SP, its hotline, the price and how to cancel."""
    service = SpService.get_by_id(service_code)
    provider = SpProvider.get_by_id(service.provider_id)
    hotline = provider.hotline or "—"
    customer_service = read_catalogue("province.json").get("customer_service", "")
    cancel = pick(lang, f"到任一营业厅办理“增值业务退订”，或拨打客服热线{customer_service}，或致电服务提供商客服{hotline}；"
                        "退订次日起不再收费。",
                  f"at any hall (“Cancel value-added service”), or call {customer_service}, or the provider on "
                  f"{hotline}; no charge from the day after cancelling.")
    return [
        ("服务提供商", "Provider", f"{provider.name}（{provider.code}）"),
        ("服务提供商客服", "Provider's hotline", hotline),
        ("资费", "Price", price_text(service, lang)),
        ("退订方式", "How to cancel", cancel),
    ]
