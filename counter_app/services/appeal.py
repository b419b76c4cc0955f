"""Where a customer appeals a complaint (电信用户申诉处理办法).

The appeal body is the province's 电信用户申诉受理中心 (set up by the provincial communications
administration, reached through 12300), not the national centre. It is a province setting:
``resources/catalogue/province.json`` ships the body of the operator's province, and a hall
setting ``appeal_body`` (``{"name_zh", "name_en", "phone"}``) overrides it where needed.

The customer may appeal on either ground: the operator has not answered within
:data:`LEGAL_REPLY_DAYS` of the complaint, or the customer is not satisfied with the answer.
Both are printed on the acknowledgment and told when a complaint is closed as unsatisfied.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from counter_app.i18n import pick
from counter_app.services.reference import read_catalogue
from counter_app.services.session import hall_setting

LEGAL_REPLY_DAYS = 15  # 电信用户申诉处理办法: the operator answers within 15 days


@dataclass(frozen=True)
class AppealBody:
    name_zh: str
    name_en: str
    phone: str

    def name(self, lang: str) -> str:
        return pick(lang, self.name_zh, self.name_en)


def appeal_body(hall_code: str) -> AppealBody:
    """The body this hall's customers appeal to: the hall setting over the province's."""
    province = read_catalogue("province.json")["appeal_body"]
    stored = hall_setting(hall_code, "appeal_body", None) or {}
    merged = {**province, **{k: v for k, v in dict(stored).items() if k in province and v}}
    return AppealBody(merged["name_zh"], merged["name_en"], merged["phone"])


def legal_deadline(opened_at: dt.datetime) -> dt.datetime:
    """When a complaint without an answer becomes a ground for appeal."""
    return opened_at + dt.timedelta(days=LEGAL_REPLY_DAYS)
