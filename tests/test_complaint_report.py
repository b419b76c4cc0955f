"""The monthly complaint analysis: a scripted half year of complaints whose figures the test
counts on its own, matched against the printed PDF; the SP claims list; the CLI."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.documents.complaint_claims import render_claims
from counter_app.documents.complaint_report import render_monthly
from counter_app.models import Account, Customer
from counter_app.money import format_yuan
from counter_app.services import complaint_refunds as refunds
from counter_app.services import complaints
from counter_app.services.complaint_report import monthly_analysis
from counter_app.services.validation import mask_name, mask_phone
from tests.complaint_data import line_with_sp_charges
from tests.helpers import embedded_fonts, pdf_text, rasterize

ROOT = Path(__file__).resolve().parent.parent


def at(clock, text: str) -> None:
    clock.current = dt.datetime.fromisoformat(text)


def script_half_year(session, manager_session, clock) -> dict:
    """June to November 2026 at the demo hall; returns what the test needs to check."""
    b, b_items = line_with_sp_charges(min_recent=2)
    c, c_items = line_with_sp_charges(min_recent=1, exclude={b.id})
    others = [a for a in Account.select().order_by(Account.phone).limit(10) if a.id not in (b.id, c.id)]
    a, d, e = others[:3]

    def complain(line, category, when, text="情况说明"):
        at(clock, when)
        return complaints.open_complaint(session, account_id=line.id, category=category, description=text)

    def answer(complaint, when):
        at(clock, when)
        complaints.reply(session, complaint.id, "已答复客户")

    # the five months before: 1 in June, 2 in August, 1 in October
    answer(complain(a, "billing", "2026-06-10 09:00"), "2026-06-10 11:00")
    answer(complain(d, "network", "2026-08-03 14:00"), "2026-08-04 09:00")
    answer(complain(e, "network", "2026-08-20 10:00"), "2026-08-21 10:00")
    answer(complain(b, "sp_charge", "2026-10-15 11:00"), "2026-10-15 12:00")

    # November
    answer(complain(a, "billing", "2026-11-02 09:00"), "2026-11-03 10:00")  # on time (due 11-05 09:00)
    late = complain(a, "billing", "2026-11-09 16:30")  # due 11-12 16:30
    answer(late, "2026-11-13 08:00")  # 15 h 30 min late
    b1 = complain(b, "sp_charge", "2026-11-10 10:00")
    at(clock, "2026-11-10 10:20")
    r1 = refunds.compensate(session, b1.id, bill_item_ids=[b_items[0].id], idempotency_key="r1")
    c1 = complain(c, "sp_charge", "2026-11-12 09:00")
    at(clock, "2026-11-12 09:30")
    r2 = refunds.compensate(session, c1.id, bill_item_ids=[c_items[0].id], idempotency_key="r2")
    refunds.set_refund_limits(manager_session, months_back=3, amount_fen=1)
    b2 = complain(b, "sp_charge", "2026-11-20 15:00")
    at(clock, "2026-11-20 15:10")
    r3 = refunds.compensate(session, b2.id, bill_item_ids=[b_items[1].id], idempotency_key="r3",
                            approver_no="2001", approver_password="123456")
    ignored = complain(d, "attitude", "2026-11-26 18:00")  # due 11-28 18:00, never answered
    repair = complain(e, "repair", "2026-11-27 10:00")
    answer(repair, "2026-11-27 15:00")
    complaints.close(session, repair.id, "satisfied")
    complain(e, "other", "2026-11-28 23:59")  # due 12-13 23:59: not yet due
    at(clock, "2026-11-29 12:00")
    assert complaints.check_escalations(session) == [ignored.complaint_no]
    return {"a": a, "b": b, "e": e, "late": late, "ignored": ignored, "refunds": [r1, r2, r3],
            "items": [b_items[0], c_items[0], b_items[1]]}


def test_the_monthly_analysis_prints_the_figures_the_test_counts(session, manager_session, frozen_clock, tmp_path):
    story = script_half_year(session, manager_session, frozen_clock)
    data = monthly_analysis(manager_session, "2026-11")
    pdf = render_monthly(data)
    text = pdf_text(pdf)
    flat = re.sub(r"\s+", " ", text)  # table cells come back as words in reading order

    assert "月度投诉分析" in text and "2026-11" in text and "2026-11-29 12:00" in text
    # counts by category over six months (June .. November), then this month's count
    expected_rows = {
        "计费": [1, 0, 0, 0, 0, 2, 2],
        "SP收费": [0, 0, 0, 0, 1, 3, 3],
        "网络质量": [0, 0, 2, 0, 0, 0, 0],
        "服务态度": [0, 0, 0, 0, 0, 1, 1],
        "手机维修": [0, 0, 0, 0, 0, 1, 1],
        "其他": [0, 0, 0, 0, 0, 1, 1],
        "合计": [1, 0, 2, 0, 1, 8, 8],
    }
    for name, figures in expected_rows.items():
        assert f" {name} {' '.join(map(str, figures))} " in flat, name
    # answers due: 7 of 8 (the 'other' one is not due until December); on time: 5 of them
    # (the 15.5-hour late reply and the never-answered attitude complaint are not)
    assert "客户满意 8 7 5 71.4% 1 1 " in flat
    # the overdue list: the late reply (15 whole hours) and the escalated unanswered one (18 hours)
    late, ignored = story["late"], story["ignored"]
    assert (f"{late.complaint_no} 计费 {mask_phone(late.phone)} 2026-11-09 16:30 2026-11-12 16:30 "
            f"2026-11-13 08:00 15 {ignored.complaint_no} 服务态度 {mask_phone(ignored.phone)} "
            f"2026-11-26 18:00 2026-11-28 18:00 未答复 18 是 ") in flat
    # the hall grade counts the same two overdue complaints (a deadline is a reply deadline)
    from counter_app.services.grading import grade_month
    assert grade_month(manager_session, "2026-11").measures.overdue == len(data.overdue) == 2
    # top SPs by disputed charges: per SP, the count and sum of what the hall refunded
    per_sp: dict[str, list[int]] = {}
    for item in story["items"]:
        per_sp.setdefault(item.sp_code, [0, 0])
        per_sp[item.sp_code][0] += 1
        per_sp[item.sp_code][1] += item.amount_fen
    for sp_code, (count, fen) in per_sp.items():
        assert f"({sp_code}) {count} {format_yuan(fen)} " in flat, sp_code
    # refunds paid: three, one approved by the manager
    total = sum(i.amount_fen for i in story["items"])
    assert f"经理审批 3 {format_yuan(total)} 1 " in flat
    # repeat complainants, masked: A (June + 2 in November), B (October + 2), E (August + 2)
    repeat = flat.split("六、")[1].split(" 口径")[0]  # the table may run onto the next page
    expected = sorted((story[k] for k in "abe"), key=lambda line: line.phone)
    found = re.findall(r"(\d{3}\*{4}\d{4}) (\S+) (\d+) (\d+)", repeat)
    assert sorted(found) == sorted((mask_phone(line.phone), mask_name(Customer.get_by_id(line.customer_id).name),
                                    "2", "3") for line in expected)
    for line in expected:
        assert line.phone not in text
    # the Chinese font is embedded and the page rasterizes
    assert all(embedded for _name, embedded in embedded_fonts(pdf, tmp_path))
    assert rasterize(pdf, tmp_path, dpi=50)


def test_a_month_without_complaints_prints_a_clear_empty_analysis(manager_session, frozen_clock):
    text = pdf_text(render_monthly(monthly_analysis(manager_session, "2026-03")))
    assert "本月无。" in text and "合计 0 0 0 0 0 0 0" in re.sub(r"\s+", " ", text)


def test_the_claims_list_prints_per_sp_with_subtotals(session, manager_session, frozen_clock):
    story = script_half_year(session, manager_session, frozen_clock)
    rows = refunds.claims_for_month(manager_session, "2026-11")
    text = re.sub(r"\s+", " ", pdf_text(render_claims(session.hall.name, "2026-11", rows)))
    total = sum(i.amount_fen for i in story["items"])
    assert "SP先行赔付索赔清单" in text and f"合计 3 笔: {format_yuan(total)}" in text
    for sp_code in {i.sp_code for i in story["items"]}:
        items = [i for i in story["items"] if i.sp_code == sp_code]
        assert f"({sp_code})" in text
        assert f"小计 {len(items)} 笔 {format_yuan(sum(i.amount_fen for i in items))}" in text
    assert story["b"].phone not in text and mask_phone(story["b"].phone) in text


def _cli(db_path, *args):
    args = (*args, "--staff", "2001")  # the hall manager, password from COUNTER_APP_PASSWORD
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen",
           "COUNTER_APP_PASSWORD": "123456",
           **{k: v for k, v in __import__("os").environ.items() if k.startswith("COUNTER_APP_")}}
    return subprocess.run([sys.executable, "-m", "counter_app", "--db", str(db_path), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_the_report_command_writes_the_analysis_and_refuses_a_bad_month(session, db_path, tmp_path):
    complaints.open_complaint(session, account_id=Account.select().first().id, category="network",
                              description="信号差")
    out = tmp_path / "analysis.pdf"
    month = dt.date.today().strftime("%Y-%m")
    result = _cli(db_path, "report", "complaints", "--month", month, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "1 complaints" in result.stdout
    assert "月度投诉分析" in pdf_text(out.read_bytes())
    from counter_app.models import AuditEvent

    assert AuditEvent.get(AuditEvent.action == "print").target == f"complaint_analysis:{month}"
    bad = tmp_path / "bad.pdf"
    result = _cli(db_path, "report", "complaints", "--month", "2026-13", "--out", str(bad))
    assert result.returncode != 0 and "YYYY-MM" in result.stderr and not bad.exists()
    claims = tmp_path / "claims.pdf"
    result = _cli(db_path, "report", "sp-claims", "--month", month, "--out", str(claims))
    assert result.returncode == 0 and "0 claims" in result.stdout and claims.exists()
