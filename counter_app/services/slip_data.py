"""What an acceptance slip (业务受理单) says: the data ``services/orders.py`` assembles and
``documents/slip.py`` renders. It lives in the services layer so that no service imports a
document (docs/architecture.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SlipField:
    label_zh: str
    label_en: str
    text: str


@dataclass
class SlipData:
    hall_name: str
    hall_address: str
    order_no: str  # empty on a preview
    created_at: dt.datetime
    staff_no: str
    staff_name: str
    counter_number: int | None
    business_zh: str
    business_en: str
    customer_name: str
    masked_id: str
    phone: str
    fields: list[SlipField] = field(default_factory=list)
    fee_text: str = "0.00"
    fee_method: str = ""
    fee_receipt: str = ""
    terms_zh: str = ""
    terms_en: str = ""
    signature_png: bytes = b""
    qr_text: str = ""  # empty on a preview
    voided: bool = False
    copy_label: str = ""  # e.g. "客户联" / "营业厅联"
    id_checked: bool = False
    fee_reference: str = ""  # the POS slip's reference number or the payment card's serial
