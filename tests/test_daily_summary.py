"""A manager prints the daily summary (营业日报) of a scripted day and every figure on it is
the one a person counts by hand from the day's events."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from counter_app.documents import charts
from counter_app.documents.daily import build_daily_pdf
from counter_app.models import DayClose, Outbox, Ticket
from counter_app.services.reports import daily_summary
from tests.helpers import embedded_fonts, pdf_pages, pdf_text, rasterize
from tests.manager_day import DAY, EXPECTED_CATEGORIES, EXPECTED_CLERKS, HALL, script_day, signed_in_manager

ROOT = Path(__file__).resolve().parent.parent


def flat(text: str) -> str:
    return " ".join(text.split())


def pixels_like(png: Path, color, tolerance: int = 12) -> int:
    want = tuple(int(round(c * 255)) for c in (color.red, color.green, color.blue))
    image = Image.open(png).convert("RGB")
    return sum(1 for px in image.get_flattened_data() if all(abs(a - b) <= tolerance for a, b in zip(px, want, strict=True)))


@pytest.fixture
def scripted(manager_session, frozen_clock):
    return script_day(frozen_clock)


def test_the_printed_summary_shows_the_hand_counted_figures_and_its_charts(scripted, tmp_path):
    assert Outbox.select().where(Outbox.table == Ticket._meta.table_name).count() >= len(scripted)
    pdf = build_daily_pdf(daily_summary(signed_in_manager(), DAY), "zh_CN")
    text = flat(pdf_text(pdf))
    assert "营业日报 · 济南泉城路营业厅" in text and "营业日: 2026-11-25" in text
    assert "日结状态：未日结" in text
    for label, figures in EXPECTED_CATEGORIES.items():
        assert f"{label} {figures}" in text, label
    for clerk, figures in EXPECTED_CLERKS.items():
        assert f"{clerk} {figures}" in text, clerk
    # businesses by type: the voided new subscription is not counted, its fee neither
    assert "缴费 3 0 0.00" in text and "补换卡 1 0 20.00" in text and "新入网 0 1 0.00" in text
    assert "合计 5 1 20.00" in text
    # payments by method as the settlement sheet counts them: cash 50 + 30 − 30 (reversal) + 20
    # fee; the 10 yuan refund is a credit that never passed a drawer; 1001 counted 50 at handover
    assert "现金 4 70.00 银行卡POS 1 100.00 净收款 5 170.00" in text
    assert "笔数 金额（元） 收款（缴费+手续费） 4 200.00 冲正 1 -30.00 退款与先行赔付（不经钱箱） 1 -10.00" in text
    assert "钱箱应有现金 70.00 交接班点钞合计 1 50.00" in text
    # what reached the customers' ledgers: 50 + 30 + 100 − 30 (reversal) + 10 (refund); the fee none
    assert "记入客户账户（缴费−冲正+返还） 5 160.00" in text
    # complaints: one opened today, one closed today, one overdue since yesterday (escalated today)
    assert "新受理 办结 日终逾期未结 升级 1 1 1 1" in text
    assert "满意率（4–5分）：75.0%，共 4 条评价" in text
    assert "笔数 0 1 0 1 2" in text

    # the Chinese font travels inside the file, and no other font is named without being embedded
    fonts = embedded_fonts(pdf, tmp_path)
    assert any("WenQuanYi" in name for name, _embedded in fonts) and all(embedded for _name, embedded in fonts)
    pages = rasterize(pdf, tmp_path, dpi=60)
    # the hourly charts on page one, the rating chart where the satisfaction section is
    assert pixels_like(pages[0], charts.ARRIVALS) > 300
    assert pixels_like(pages[0], charts.WAITS) > 300
    assert sum(pixels_like(page, charts.RATINGS) for page in pages) > 100


def test_a_closed_day_says_who_closed_it_in_english_too(scripted):
    DayClose.create(hall=HALL, business_date=DAY, closed_by="2001", totals={})
    text = flat(pdf_text(build_daily_pdf(daily_summary(signed_in_manager(), DAY), "en")))
    assert "Settlement: closed by 2001 陈静 at 2026-11-25 16:00" in text
    assert "Payment (target 10) 4 3 0 1 15.7 35.0 3.7 5.0 66.7%" in text
    assert "Total 8 5 1 2 12.2 35.0 6.4 15.0 80.0%" in text


def test_a_day_without_activity_prints_a_clear_empty_summary(manager_session, frozen_clock):
    pdf = build_daily_pdf(daily_summary(signed_in_manager(), dt.date(2026, 11, 1)), "zh_CN")
    text = flat(pdf_text(pdf))
    assert pdf_pages(pdf) == 1
    assert "营业日: 2026-11-01" in text
    assert "本营业日没有任何业务记录" in text
    assert "合计" not in text


def run_cli(*args: str) -> subprocess.CompletedProcess:
    args = (*args, "--staff", "2001")  # the hall manager, password from COUNTER_APP_PASSWORD
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COUNTER_APP_PASSWORD": "123456"}
    return subprocess.run([sys.executable, "-m", "counter_app", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_report_command_prints_the_day_and_refuses_a_bad_date(scripted, db_path, tmp_path):
    from counter_app.db import close_database

    close_database()
    out = tmp_path / "daily.pdf"
    done = run_cli("--db", str(db_path), "report", "daily", "--date", "2026-11-25", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "8 tickets, 5 orders, 6 payments" in done.stdout
    text = flat(pdf_text(out.read_bytes()))
    assert "缴费 (目标 10) 4 3 0 1 15.7 35.0 3.7 5.0 66.7%" in text

    before = tmp_path / "before.pdf"  # the hall's data begins on the scripted day
    done = run_cli("--db", str(db_path), "report", "daily", "--date", "2026-10-01", "--out", str(before))
    assert done.returncode == 2
    assert "The hall's data begins on 2026-11-25" in done.stderr
    assert not before.exists()

    done = run_cli("--db", str(db_path), "report", "daily", "--date", "25.11.2026", "--out", str(tmp_path / "x.pdf"))
    assert done.returncode == 2
    assert "Give the date as YYYY-MM-DD" in done.stderr
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.postgres
def test_the_same_summary_comes_out_of_postgresql(pg_url, frozen_clock):
    from counter_app.db import close_database, open_database
    from counter_app.services.demo import build_demo

    open_database(pg_url)
    try:
        build_demo(20, detailed=0)
        script_day(frozen_clock)
        text = flat(pdf_text(build_daily_pdf(daily_summary(signed_in_manager(), DAY), "zh_CN")))
        for label, figures in EXPECTED_CATEGORIES.items():
            assert f"{label} {figures}" in text, label
        for clerk, figures in EXPECTED_CLERKS.items():
            assert f"{clerk} {figures}" in text, clerk
        assert "现金 4 70.00 银行卡POS 1 100.00 净收款 5 170.00" in text and "新受理 办结 日终逾期未结 升级 1 1 1 1" in text
    finally:
        close_database()
