"""Training mode is kept apart from the hall: the copy holds no customer's real data, a payment
taken in training is nowhere in the hall's database (nor its outbox), the hall's file is only
ever read, the copy never syncs, and its printouts are marked and refused at a real counter."""

from __future__ import annotations

import hashlib
import sqlite3
import sys

import pytest

from counter_app import training
from counter_app.errors import UserError, ValidationError
from counter_app.models import DrillResult, Payment
from counter_app.services import drills, payments, queue
from counter_app.services import training as training_service
from counter_app.services.validation import normalize_id_number
from tests.helpers import decode_qr, pdf_text, rasterize
from tests.service_data import local_line

# sqlite3.connect calls seen while a test listens (an audit hook cannot be removed once added).
_connects: list[str] | None = None


def _hook(event: str, args) -> None:
    if event == "sqlite3.connect" and _connects is not None:
        _connects.append(str(args[0]))


sys.addaudithook(_hook)


def rows(path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_copy_keeps_the_hall_and_none_of_its_customers_real_data(training_hall):
    live, copy = training_hall.live, training_hall.copy
    for table in ("customer", "account", "bill", "bill_item", "ledger_entry", "staff", "tariff_plan"):
        assert rows(live, f"SELECT count(*) FROM {table}") == rows(copy, f"SELECT count(*) FROM {table}"), table
    real = {value for row in rows(live, "SELECT name, id_number, phone, address FROM customer") for value in row if value}
    real |= {p for (p,) in rows(live, "SELECT phone FROM account")}
    real |= {s for (s,) in rows(live, "SELECT serial FROM sim_card")}
    fake = {value for row in rows(copy, "SELECT name, id_number, phone, address FROM customer") for value in row}
    fake |= {p for (p,) in rows(copy, "SELECT phone FROM account")}
    fake |= {s for (s,) in rows(copy, "SELECT serial FROM sim_card")}
    fake |= {p for (p,) in rows(copy, "SELECT DISTINCT other_party FROM usage_record")}
    clash = (real & fake) - {name for (name,) in rows(copy, "SELECT name FROM customer")}
    assert not clash, f"real values in the copy: {sorted(clash)[:5]}"
    for (number,) in rows(copy, "SELECT id_number FROM customer"):
        assert normalize_id_number(number) == number  # valid: region, birth date, check digit
    # the same real number became the same fake everywhere: a customer's contact phone that was
    # their line's number still is, and a call between two lines of the hall still joins them
    same_live = rows(live, "SELECT count(*) FROM customer c JOIN account a ON a.customer_id = c.id "
                           "WHERE c.phone = a.phone")
    assert same_live == rows(copy, "SELECT count(*) FROM customer c JOIN account a ON a.customer_id = c.id "
                                   "WHERE c.phone = a.phone") and same_live[0][0] > 0
    between = "SELECT count(*) FROM usage_record u JOIN account a ON a.phone = u.other_party"
    assert rows(live, between) == rows(copy, between)
    for table in ("ticket", "payment", "service_order", "complaint", "audit_event", "outbox", "subscriber_check"):
        assert rows(copy, f"SELECT count(*) FROM {table}") == [(0,)], table
    assert rows(copy, "SELECT opens, closes FROM hall") == [("00:00", "24:00")]
    assert training_service.copy_info()["from"] == "hall.db"


def test_a_payment_taken_in_training_never_reaches_the_hall_and_its_file_is_only_read(training_hall, trainee):
    global _connects
    live = training_hall.live
    before = digest(live)
    outbox_before = rows(live, "SELECT count(*) FROM outbox")
    line = local_line()
    _connects = []
    try:
        paid = payments.take_payment(trainee, account_id=line.id, method="cash", amount_fen=5000,
                                     tendered_fen=5000, idempotency_key=payments.new_key())
        assert Payment.get_by_id(paid.id).amount_fen == 5000  # in the copy
        training_service.reset_copy(trainee, str(live))  # reads the hall's file again
        assert Payment.get_or_none(Payment.id == paid.id) is None  # the reset took it away
    finally:
        seen, _connects = _connects, None
    assert rows(live, f"SELECT count(*) FROM payment WHERE receipt_no = '{paid.receipt_no}'") == [(0,)]
    assert rows(live, "SELECT count(*) FROM payment WHERE id = '" + paid.id.hex + "'") == [(0,)]
    assert rows(live, "SELECT count(*) FROM outbox") == outbox_before
    assert digest(live) == before
    to_live = [c for c in seen if c.split("?")[0].endswith("/hall.db") or c.endswith("hall.db")]
    assert to_live and all(c.endswith("?mode=ro") for c in to_live), seen


def test_the_copy_never_syncs(training_hall):
    from counter_app.sync.runner import sync_once

    with pytest.raises(UserError) as refused:
        sync_once("postgresql://hall_jn001@127.0.0.1:1/province")
    assert "training copy" in refused.value.text()


def test_printouts_carry_the_watermark_and_their_qr_is_refused_at_a_real_counter(training_hall, trainee, tmp_path):
    from counter_app.documents import receipt
    from counter_app.services import identify

    line = local_line()
    paid = payments.take_payment(trainee, account_id=line.id, method="cash", amount_fen=2000, tendered_fen=5000,
                                 idempotency_key=payments.new_key())
    pdf = receipt.build(payments.receipt_data(trainee, paid.id), "zh_CN")
    assert "培训 TRAINING" in pdf_text(pdf) and "NOT A VALID DOCUMENT" in pdf_text(pdf)
    codes = decode_qr(rasterize(pdf, tmp_path, dpi=200)[0])
    assert len(codes) == 1 and "TRAINING." in codes[0]
    ticket = queue.take_ticket(trainee, "general", phone=line.phone)
    from counter_app.services import signing

    scanned = signing.payload(trainee.hall_code, "ticket", ticket.id.hex)
    assert identify.by_qr(trainee, scanned).ticket_id == ticket.id  # in training, training codes work
    training.deactivate()  # a real counter (this process, as the hall's own program)
    try:
        with pytest.raises(ValidationError) as refused:
            identify.by_qr(trainee, scanned)
        assert "training" in refused.value.text()
        assert "培训 TRAINING" not in pdf_text(receipt.build(payments.receipt_data(trainee, paid.id), "zh_CN"))
    finally:
        training.activate()


def test_a_reset_keeps_the_drill_results_not_yet_collected(training_hall, trainee, frozen_clock):
    run = drills.start_drill(trainee, "loss_report")
    queue.call_next(trainee, 1)
    outcome = drills.finish_drill(trainee, keys=4)
    training_service.reset_copy(trainee, str(training_hall.live))
    assert [r.id for r in DrillResult.select()] == [outcome.result.id]
    assert drills.current_run(trainee) is None and run.ticket_code


def test_the_hall_s_own_program_collects_the_drill_results_once(training_hall, trainee, frozen_clock):
    from counter_app.db import close_database, open_database
    from counter_app.models import Outbox, Staff
    from counter_app.services.session import open_session

    drills.start_drill(trainee, "cross_city_payment")
    queue.call_next(trainee, 1)
    outcome = drills.finish_drill(trainee, keys=2)
    close_database()
    training.deactivate()
    open_database(str(training_hall.live))
    try:
        clerk = open_session(counter_number=1)
        clerk.staff = Staff.get_by_id("1002")
        assert training_service.collect_results(clerk) == 1
        assert training_service.collect_results(clerk) == 0
        stored = DrillResult.get_by_id(outcome.result.id)
        assert (stored.staff_no, stored.drill_code, stored.keys, stored.score) == ("1002", "cross_city_payment", 2,
                                                                                   outcome.result.score)
        assert Outbox.select().where(Outbox.table == "drill_result").count() == 1  # on its way to the hub
    finally:
        close_database()
        open_database(str(training_hall.copy))
        training.activate()


def test_a_server_or_a_file_that_is_not_a_copy_is_refused(live_file):
    with pytest.raises(UserError):
        training_service.prepare_copy("postgresql://admin@hub/province")
    training.training_path(live_file).write_bytes(live_file.read_bytes())  # a hall file where the copy goes
    with pytest.raises(UserError) as refused:
        training_service.prepare_copy(str(live_file))
    assert "not a training copy" in refused.value.text()
