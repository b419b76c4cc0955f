"""The monthly bill run: plan changes in force on the first of the month, SP services charged
while subscribed, usage rated under the plan in force, each bill the ledger's statement; and
bills taken from the operator's billing system file, whole or not at all."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app import clock
from counter_app.documents import bill as bill_doc
from counter_app.errors import ValidationError
from counter_app.models import (
    Account,
    Bill,
    BillItem,
    LedgerEntry,
    SpService,
    SpSubscription,
    TariffPlan,
    UsageRecord,
)
from counter_app.services import bill_import, billrun, ledger, statements
from counter_app.services.ledger import shift_month
from tests.helpers import pdf_text
from tests.service_data import submit

ROOT = Path(__file__).resolve().parent.parent


def line_with_a_monthly_service() -> tuple[Account, SpSubscription]:
    sub = (SpSubscription.select().join(SpService).switch(SpSubscription).join(Account)
           .where((SpService.monthly_fee_fen > 0) & SpSubscription.end_date.is_null() & (Account.home_city == "济南")
                  & (Account.status == "active"))
           .order_by(Account.phone).first())
    return Account.get_by_id(sub.account_id), sub


def add_usage(account: Account, period: str, day: int, *, minutes: int, kb: int) -> None:
    at = dt.datetime.fromisoformat(f"{period}-{day:02d} 10:00:00")
    UsageRecord.create(account=account, period=period, kind="call", subtype="local", direction="out",
                       started_at=at, other_party="13800000000", duration_s=minutes * 60)
    UsageRecord.create(account=account, period=period, kind="data", started_at=at + dt.timedelta(hours=1),
                       other_party="CMNET", volume_kb=kb)


def set_day(frozen, day: dt.date) -> None:
    frozen.current = dt.datetime.combine(day, dt.time(9, 0))


def test_a_plan_change_and_a_cancelled_service_show_on_the_next_months_bill(session, frozen_clock, tmp_path):
    account, sub = line_with_a_monthly_service()
    service = SpService.get_by_id(sub.service_id)
    latest = Bill.select(Bill.period).where(Bill.account == account).order_by(Bill.period.desc()).first()
    month = shift_month(latest.period if latest else ledger.month_of(clock.today()), 1)
    after = shift_month(month, 1)
    old_plan = TariffPlan.get_by_id(account.plan_id)
    new_plan = TariffPlan.get_by_id("RY88" if old_plan.code != "RY88" else "RY58")
    set_day(frozen_clock, dt.date.fromisoformat(f"{month}-10"))
    submit(session, "plan_change", account, plan=new_plan.code)
    submit(session, "sp_cancel", account, subscription=sub.id.hex)
    add_usage(account, month, 12, minutes=old_plan.voice_minutes + 7, kb=10)
    add_usage(account, after, 5, minutes=3, kb=10)

    with pytest.raises(ValidationError, match="not over yet"):
        billrun.run_month(month)
    set_day(frozen_clock, dt.date.fromisoformat(f"{after}-01"))
    first = billrun.run_month(month)
    assert first.billed == Account.select().where(Account.opened_at <= frozen_clock.current.date()).count() - \
        first.already
    line = Account.get_by_id(account.id)
    assert (line.plan_id, line.next_plan_id) == (new_plan.code, None)  # in force from the first of the month
    billed = statements.bill_data(session, account.phone, month)
    assert billed.header.plan_name == old_plan.name_zh  # the month was used under the old plan
    assert any(g.code == "sp" and any(x.service_code == service.code for x in g.lines) for g in billed.groups)
    # Seven minutes beyond the allowance, charged at the plan's local rate; the record says so too.
    assert billed.usage_fen("VOICE_LOCAL") == 7 * old_plan.local_per_min_fen
    assert sum(r.fee_fen for r in UsageRecord.select().where((UsageRecord.account == account)
                                                             & (UsageRecord.period == month))) == \
        sum(billed.usage_fen(c) for c in statements.USAGE_CODES)

    set_day(frozen_clock, dt.date.fromisoformat(f"{shift_month(after, 1)}-01"))
    second = billrun.run_month(after)
    assert second.billed > 0 and billrun.run_month(after).billed == 0  # a second run bills nobody twice
    shown = statements.bill_data(session, account.phone, after)
    assert shown.header.plan_name == new_plan.name_zh
    assert shown.groups[0].lines[0].amount_fen == new_plan.monthly_fee_fen
    assert not any(x.service_code == service.code for g in shown.groups for x in g.lines)
    kiosk = statements.kiosk_bill(session, account.phone, "123456")
    assert kiosk.header.period == after and kiosk.groups == shown.groups
    paper = pdf_text(bill_doc.build(kiosk))
    assert new_plan.name_zh in paper and service.name_zh not in paper
    assert service.name_zh in pdf_text(bill_doc.build(billed))
    # Each bill is the ledger's statement: its charge is its items, the balance their sum.
    assert shown.charges_fen == shown.total_fen and ledger.check().ok


def test_a_line_opened_during_the_month_pays_its_fee_by_the_day(session, frozen_clock):
    account = Account.select().order_by(Account.phone).first()
    latest = Bill.select(Bill.period).order_by(Bill.period.desc()).first().period
    month = shift_month(latest, 1)
    Account.update(opened_at=dt.date.fromisoformat(f"{month}-21")).where(Account.id == account.id).execute()
    set_day(frozen_clock, dt.date.fromisoformat(f"{shift_month(month, 1)}-02"))
    billrun.run_month(month, accounts=[account.id])
    plan = TariffPlan.get_by_id(account.plan_id)
    fee = BillItem.get((BillItem.bill == Bill.get((Bill.account == account) & (Bill.period == month)))
                       & (BillItem.code == "PLAN"))
    days = (dt.date.fromisoformat(f"{shift_month(month, 1)}-01") - dt.timedelta(days=1)).day
    active = days - 20
    assert fee.amount_fen == (plan.monthly_fee_fen * active * 2 + days) // (2 * days)
    assert f"{active} 天" in fee.explanation_zh


def test_rating_uses_the_plans_allowance_first_and_always_charges_roaming():
    plan = TariffPlan(code="T", name_zh="t", monthly_fee_fen=0, voice_minutes=10, sms_included=1, data_mb=1,
                      local_per_min_fen=15, long_per_min_fen=30, roam_per_min_fen=60, sms_fen=10, data_per_mb_fen=30)
    records = [(1, "call", "local", "out", 8 * 60, 0),  # 8 free minutes
               (2, "call", "long", "out", 5 * 60 - 10, 0),  # 2 free, 3 charged at 0.30
               (3, "call", "roam", "in", 61, 0),  # roaming: 2 minutes at 0.60 even incoming
               (4, "call", "local", "in", 600, 0),  # incoming local: free
               (5, "sms", "", "out", 0, 0), (6, "sms", "", "out", 0, 0),  # one included, one at 0.10
               (7, "data", "", "out", 0, 1000), (8, "data", "", "out", 0, 1100)]  # 1024 free, then 1076 KB: 2 MB
    totals, fees = billrun.rate(plan, records)
    assert dict(fees) == {1: 0, 2: 90, 3: 120, 4: 0, 5: 0, 6: 10, 7: 0, 8: 60}
    assert totals == {"VOICE_LOCAL": 0, "VOICE_LONG": 90, "VOICE_ROAM": 120, "SMS": 10, "DATA": 60}


def _bill_file(tmp_path: Path, rows: list[dict], kind: str = "csv") -> Path:
    path = tmp_path / f"bills.{kind}"
    if kind == "json":
        by_phone: dict = {}
        for row in rows:
            bill = by_phone.setdefault(row["phone"], {"phone": row["phone"], "plan_code": row["plan_code"], "items": []})
            bill["items"].append({k: v for k, v in row.items() if k not in ("phone", "plan_code", "period")})
        path.write_text(json.dumps({"period": rows[0]["period"], "bills": list(by_phone.values())},
                                   ensure_ascii=False), encoding="utf-8")
    else:
        columns = list(bill_import.IMPORT_COLUMNS)
        lines = [",".join(columns)] + [",".join(str(row.get(c, "")) for c in columns) for row in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rows(phones: list[str], month: str) -> list[dict]:
    rows = []
    for phone in phones:
        rows.append(dict(phone=phone, period=month, plan_code="RY58", group="plan", code="PLAN", name_zh="套餐及固定费",
                         name_en="Plan and fixed fees", amount_fen=5800, explanation_zh="如意通58元套餐月功能费"))
        rows.append(dict(phone=phone, period=month, plan_code="RY58", group="sp", code="SP_GAME", name_zh="代收费-手机游戏",
                         amount_fen=600, sp_code="SP_KL", service_code="GAME", explanation_zh="按次计费3次"))
    return rows


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_bills_from_the_operators_file_are_taken_whole_or_not_at_all(session, frozen_clock, tmp_path, kind):
    latest = Bill.select(Bill.period).order_by(Bill.period.desc()).first().period
    month = shift_month(latest, 1)
    set_day(frozen_clock, dt.date.fromisoformat(f"{shift_month(month, 1)}-03"))
    phones = [a.phone for a in Account.select().order_by(Account.phone).limit(3)]
    bad = _rows(phones, month)
    bad[1]["amount_fen"] = "6.00"
    bad[2]["phone"] = "13999999999"
    bad[5]["group"] = "snacks"
    entries = LedgerEntry.select().count()
    with pytest.raises(ValidationError) as refused:
        billrun.run_month(month, import_file=_bill_file(tmp_path, bad, kind))
    message = refused.value.text()
    assert "3 error(s)" in message and "nothing was written" in message
    assert "13999999999" in message and "'6.00'" in message and "unknown group 'snacks'" in message
    assert Bill.select().where(Bill.period == month).count() == 0 and LedgerEntry.select().count() == entries

    done = billrun.run_month(month, import_file=_bill_file(tmp_path, _rows(phones, month), kind))
    assert (done.billed, done.total_fen, done.source) == (3, 3 * 6400, f"import:bills.{kind}")
    data = statements.bill_data(session, phones[0], month)
    assert data.total_fen == data.charges_fen == 6400 and data.header.plan_name == "如意通58元套餐"
    assert [(g.code, [x.sp_code for x in g.lines]) for g in data.groups] == [("plan", [""]), ("sp", ["SP_KL"])]
    assert billrun.run_month(month, import_file=_bill_file(tmp_path, _rows(phones, month), kind)).already == 3
    assert ledger.check().ok


def test_the_command_runs_a_month_and_refuses_a_bad_file_with_a_clear_line(demo_db, db_path, tmp_path):
    from counter_app.db import close_database

    month = shift_month(ledger.month_of(clock.today()), -8)  # before the demo's months: nobody billed
    phone = Account.select().order_by(Account.phone).first().phone
    close_database()
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    bad = _bill_file(tmp_path, [dict(_rows([phone], month)[0], group="snacks")])
    refused = subprocess.run([sys.executable, "-m", "counter_app", "--db", str(db_path), "hub", "bill-run",
                              "--month", month, "--import", str(bad)], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=120)
    assert refused.returncode == 2 and "unknown group 'snacks'" in refused.stderr
    done = subprocess.run([sys.executable, "-m", "counter_app", "--db", str(db_path), "hub", "bill-run",
                           "--month", month, "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["month"] == month and result["billed"] > 100 and result["source"] == "rated"
    check = subprocess.run([sys.executable, "-m", "counter_app", "--db", str(db_path), "check", "ledger"], cwd=ROOT,
                           env=env, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0 and "ledger agrees" in check.stdout


def test_a_line_owing_past_the_limit_is_suspended_and_works_again_once_paid(session, frozen_clock):
    from counter_app.services import payments

    line = Account.select().where((Account.home_city == "济南") & (Account.status == "active")).order_by(
        Account.phone).first()
    latest = Bill.select(Bill.period).order_by(Bill.period.desc()).first().period
    month = shift_month(latest, 1)
    set_day(frozen_clock, dt.date.fromisoformat(f"{month}-20"))
    ledger.post(line.id, period=month, kind="adjustment", amount_fen=-ledger.balance(line.id) - 30000)  # owes 300
    set_day(frozen_clock, dt.date.fromisoformat(f"{shift_month(month, 1)}-01"))
    done = billrun.run_month(month, accounts=[line.id])
    assert done.suspended == 1 and Account.get_by_id(line.id).status == "arrears"
    due = ledger.amount_due(line.id)
    assert due > 30000  # 300.00 and the month's bill
    payments.take_payment(session, account_id=line.id, method="cash", amount_fen=10000, idempotency_key="part")
    assert Account.get_by_id(line.id).status == "arrears"  # still owing
    payments.take_payment(session, account_id=line.id, method="cash", amount_fen=due - 10000, idempotency_key="rest")
    assert ledger.amount_due(line.id) == 0 and Account.get_by_id(line.id).status == "active"
    # A line owing less than the limit stays in service.
    other = Account.select().where((Account.home_city == "济南") & (Account.status == "active")
                                   & (Account.id != line.id)).order_by(Account.phone).first()
    ledger.post(other.id, period=month, kind="adjustment", amount_fen=-ledger.balance(other.id) - 19900)
    assert ledger.suspend_for_arrears([other.id]) == 0 and Account.get_by_id(other.id).status == "active"
