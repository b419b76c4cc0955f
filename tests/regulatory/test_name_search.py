"""A clerk looks a customer up by name at the counter: two characters at least, numbers
masked in the list of namesakes, and the search is in the audit trail."""

from __future__ import annotations

import re

from peewee import fn
from PySide6.QtCore import Qt

from counter_app.models import AuditEvent, Customer
from tests.test_service_flow import Keys, settle

MASKED = re.compile(r"\b1\d\d\*\*\*\*\d{4}\b")
FULL = re.compile(r"\b1\d{10}\b")


def _common_head() -> str:
    return (Customer.select(fn.SUBSTR(Customer.name, 1, 2).alias("head")).group_by(fn.SUBSTR(Customer.name, 1, 2))
            .order_by(fn.COUNT(Customer.id).desc()).scalar())


def test_two_characters_list_namesakes_with_masked_numbers_and_the_search_is_audited(window, qtbot):
    head = _common_head()
    keys = Keys(qtbot)
    keys.type(head)
    keys.press(Qt.Key.Key_Return)
    bar = window.identify
    qtbot.waitUntil(lambda: bar.results.isVisible())
    shown = [bar.results_model.index(r, 0).data() for r in range(bar.results_model.rowCount())]
    assert len(shown) > 1
    assert all(MASKED.search(text) and not FULL.search(text) for text in shown)
    event = AuditEvent.select().where(AuditEvent.action == "customer.search").first()
    assert event is not None and (event.staff_no, event.target) == ("1001", head)
    settle(qtbot)


def test_one_character_asks_for_more_and_lists_nobody(window, qtbot):
    keys = Keys(qtbot)
    keys.type(_common_head()[0])
    keys.press(Qt.Key.Key_Return)
    bar = window.identify
    qtbot.waitUntil(lambda: "at least 2 characters" in bar.message.text())
    assert not bar.results.isVisible()
    assert not AuditEvent.select().where(AuditEvent.action == "customer.search").exists()
