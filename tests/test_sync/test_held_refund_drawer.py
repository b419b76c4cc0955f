"""The refund of money the hub held leaves the drawer of whoever paid it out, not the drawer of
the clerk who took the payment (docs/dayclose.md, "The refund of held money"): on the
settlement sheet's per-clerk figures (from the hub and from this PC alone, PDF read back) and
in the cash a handover expects. An ordinary void still comes out of the drawer that took the
payment. On a real PostgreSQL hub."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from counter_app.documents import settlement as sheet
from counter_app.services import identify, payments, settlement
from counter_app.sync import held
from counter_app.sync.runner import sync_once
from tests.test_sync.support import staff_session
from tests.test_sync.test_hub_held import _pay_past_the_counter, _two_halls

pytestmark = pytest.mark.postgres

DAY = dt.date(2026, 11, 25)


def _clerk_rows(pdf: bytes) -> dict[str, str]:
    """The sheet's per-clerk rows (cash, cross-city, reversals, net, cash due, counted,
    difference), by staff number, as the text read back from the PDF."""
    cells = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).splitlines()
    return {cell[:4]: " ".join(cells[i + 1:i + 8]) for i, cell in enumerate(cells) if re.fullmatch(r"500[12] \S+", cell)}


def test_a_refund_of_held_money_is_charged_to_the_drawer_that_paid_it_out(tmp_path, hub, frozen_clock):
    url_b, _hall_b, (never, other, _) = _two_halls(tmp_path, hub)
    pay = _pay_past_the_counter(never, 12345, "b-held-drawer")  # clerk 5001 took it: held by the hub
    sync_once(url_b)
    manager = staff_session("5002")
    refund = held.refund_held(manager, url_b, pay.receipt_no, reason="the customer took the money back")
    assert refund.staff_no == "5002"
    # An ordinary void of the clerk's own payment, authorised by the manager, for comparison.
    clerk = staff_session("5001")
    identify.identify(staff_session("5001", url_b), other.phone)  # a walk-in the clerk fetched
    own = payments.take_payment(clerk, account_id=other.id, method="remote", amount_fen=2000, idempotency_key="b-void")
    payments.reverse_payment(manager, own.id, reason="wrong amount", idempotency_key="b-void-rev")
    sync_once(url_b)

    for figures in (settlement.settlement(staff_session("5002", url_b), DAY), settlement.figures(manager, DAY)):
        by_clerk = {c.staff_no: c for c in figures.clerks}
        # The clerk's drawer keeps the held payment's 123.45 yuan (and gave back the void's 20.00).
        assert (by_clerk["5001"].takings.amount_fen, by_clerk["5001"].reversals.amount_fen) == (14345, -2000)
        assert by_clerk["5001"].expected_cash_fen == 12345
        # The manager paid the 123.45 yuan out of theirs.
        assert (by_clerk["5002"].takings.amount_fen, by_clerk["5002"].reversals.amount_fen) == (0, -12345)
        assert by_clerk["5002"].expected_cash_fen == -12345
        assert figures.expected_cash_fen == 0

    rows = _clerk_rows(sheet.build(settlement.settlement(staff_session("5002", url_b), DAY), "en"))
    assert rows == {"5001": "123.45 20.00 -20.00 123.45 123.45 — —", "5002": "0.00 0.00 -123.45 -123.45 -123.45 — —"}

    # The handover's expected cash follows the same drawers.
    assert settlement.drawer_cash_since_last_handover(clerk, "5001", DAY) == 12345
    assert settlement.drawer_cash_since_last_handover(manager, "5002", DAY) == -12345
