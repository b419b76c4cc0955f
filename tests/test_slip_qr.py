"""Every slip's QR, printed and scanned back with zbar, is recognised at the terminal that
made it and at another terminal of the same hall, which has the hall's lines but not the
orders of the first."""

from __future__ import annotations

import shutil

import pytest

from counter_app.db import close_database, open_database
from counter_app.documents import slip
from counter_app.errors import NotFound
from counter_app.models import Staff
from counter_app.services import identify, orders, slipqr
from counter_app.services.session import open_session, set_local_setting
from tests.helpers import decode_qr, rasterize
from tests.slip_cases import catalogue_orders
from tests.test_slip_layout import _codes


@pytest.fixture
def scanned(demo_template, tmp_path):
    """Terminal A does one order of every business and prints its slip; the codes are read
    back from the pages. Returns {code: (scanned text, order number, line id or None)}."""
    path = tmp_path / "terminal_a.db"
    shutil.copy(demo_template, path)
    open_database(str(path))
    try:
        set_local_setting("terminal_id", "T-A")
        session = open_session(counter_number=6)
        session.staff = Staff.get_by_id("2001")
        out = {}
        for code in _codes():
            order = next(iter(catalogue_orders(session, code)))
            pdf = slip.build(orders.slip_data(session, order))
            (tmp_path / code).mkdir()
            pages = rasterize(pdf, tmp_path / code, dpi=150)
            texts = [t for page in pages for t in decode_qr(page)]
            assert len(texts) == 1, f"{code}: {texts}"
            out[code] = (texts[0], order.order_no, order.account_id)
            # At the terminal that made it, the slip finds its line (or says what it is).
            _expect(session, out[code])
        yield out
    finally:
        close_database()


def _expect(session, item) -> None:
    text, order_no, account_id = item
    assert slipqr.parse(text).order_no == order_no
    if account_id is None:
        with pytest.raises(NotFound, match=f"Slip {order_no} is one of this hall's, for a customer without a line"):
            identify.identify(session, text)
    else:
        found = identify.identify(session, text)
        assert found.by == "order" and found.single.account_id == account_id


def test_every_slip_of_the_catalogue_is_recognised_at_another_terminal_of_the_hall(scanned, demo_template, tmp_path):
    path = tmp_path / "terminal_b.db"
    shutil.copy(demo_template, path)
    open_database(str(path))
    try:
        set_local_setting("terminal_id", "T-B")
        # Terminal A's signing key reaches B with the hub's pull (hall_key is reference data).
        import sqlite3

        from counter_app.models import HallKey

        source = sqlite3.connect(tmp_path / "terminal_a.db")
        cursor = source.execute("SELECT * FROM hall_key")
        columns = [c[0] for c in cursor.description]
        HallKey.insert_many([dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]).on_conflict_ignore().execute()
        source.close()
        session = open_session(counter_number=2)
        session.staff = Staff.get_by_id("2001")
        for code, item in scanned.items():
            text, order_no, _ = item
            if code == "new_subscription":
                # The line opened at A reaches B with the hub's next pull; the slip is still known as ours.
                with pytest.raises(NotFound, match=f"Slip {order_no} is one of this hall's; its line is not at this"):
                    identify.identify(session, text)
            else:
                _expect(session, item)
            with pytest.raises(NotFound, match=f"Order {order_no} was made at another terminal"):
                orders.find_order(session, text)
    finally:
        close_database()


def test_a_tampered_slip_code_is_refused(scanned, demo_template, tmp_path):
    from counter_app.errors import ValidationError

    text = scanned["puk_unlock"][0]
    body, check = text.rsplit("|", 1)
    forged = body.replace(body.split(":")[-1], "0" * 32) + "|" + check
    shutil.copy(demo_template, tmp_path / "b.db")
    open_database(str(tmp_path / "b.db"))
    try:
        session = open_session(counter_number=2)
        session.staff = Staff.get_by_id("1001")
        with pytest.raises(ValidationError, match="not one of ours"):
            identify.identify(session, forged)
    finally:
        close_database()
