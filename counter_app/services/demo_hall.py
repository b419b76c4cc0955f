"""The demo hall itself: its counters and the queues each serves, its staff with their
specialties and passwords, the manager's PIN, the hall's notice and its signing key."""

from __future__ import annotations

from typing import Any

from counter_app.models import Counter, Hall, Staff, db
from counter_app.services.session import HALL_KEY, set_local_setting

DEMO_PASSWORD = "123456"
DEMO_SERVICE_PASSWORD = "123456"
DEMO_MANAGER_PIN = "8888"

# (staff_no, name, role, specialties)
DEMO_STAFF = [
    ("1001", "王芳", "clerk", ["billing", "etiquette"]),
    ("1002", "李强", "clerk", ["new_business", "data"]),
    ("1003", "张丽", "clerk", ["plans", "calming"]),
    ("1004", "刘洋", "clerk", ["billing", "new_business", "plans"]),
    ("2001", "陈静", "manager", ["calming", "plans", "billing", "new_business", "data"]),
    ("9001", "赵磊", "admin", []),
    ("7001", "孙敏", "inspector", []),  # the province's inspector: service checks only
]
# counter number -> queue categories it serves
DEMO_COUNTERS = {
    1: ["payment", "general"],
    2: ["payment", "general", "vip", "green"],
    3: ["new_data", "general"],
    4: ["plan", "general"],
    5: ["complaint", "general"],
    6: ["vip", "green", "general", "payment", "new_data", "plan", "complaint"],
}


def set_up_hall(info: dict[str, Any], passwords: list[str], pin_hash: str) -> None:
    """The hall, its counters, staff (``passwords``: a hash each) and settings; then its
    signing key, so that its documents are signed from now on."""
    with db.atomic():
        Hall.insert(**info).on_conflict_ignore().execute()
        set_local_setting(HALL_KEY, info["code"])
        for number, categories in DEMO_COUNTERS.items():
            Counter.insert(hall=info["code"], number=number, name=f"{number}号窗口", categories=categories
                           ).on_conflict_ignore().execute()
        for (staff_no, name, role, specialties), password_hash in zip(DEMO_STAFF, passwords, strict=True):
            # Each its own hash (its own salt), though the demo password is the same for all.
            Staff.insert(staff_no=staff_no, hall=info["code"], name=name, role=role, specialties=specialties,
                         password_hash=password_hash, may_reverse=staff_no == "1004"
                         ).on_conflict_ignore().execute()
        from counter_app.services.session import Setting  # hall settings the other services read

        Setting.insert(hall=info["code"], key="manager_pin", value=pin_hash).on_conflict_ignore().execute()
        from counter_app.services.notices import demo_hall_notices

        Setting.insert(hall=info["code"], key="hall_notices", value=demo_hall_notices()).on_conflict_ignore().execute()
    from counter_app.services import signing

    signing.signing_key(info["code"])
