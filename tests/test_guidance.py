"""Consumption guidance (消费引导): from a line's last three months of use, what every plan
would have cost, and the cheapest one recommended with its monthly saving."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from counter_app.cli.main import main
from counter_app.errors import NotFound, PermissionDenied
from counter_app.models import Account, TariffPlan, UsageRecord
from counter_app.services import guidance
from counter_app.services.session import open_session

MONTHS = ("2026-08", "2026-09", "2026-10")


def give_usage(account: Account, *, out_local_min=0, out_long_min=0, roam_min=0, sms=0, data_mb=0,
               months=MONTHS, sessions_of_data=1) -> None:
    """Replace the line's records with the same use in each month (whole minutes, one record each)."""
    UsageRecord.delete().where(UsageRecord.account == account).execute()
    rows = []
    for period in months:
        start = dt.datetime.strptime(period + "-02 09:00", "%Y-%m-%d %H:%M")
        if out_local_min:
            rows.append(dict(kind="call", subtype="local", direction="out", duration_s=out_local_min * 60))
        if out_long_min:
            rows.append(dict(kind="call", subtype="long", direction="out", duration_s=out_long_min * 60))
        if roam_min:
            rows.append(dict(kind="call", subtype="roam", direction="in", duration_s=roam_min * 60))
        rows += [dict(kind="sms", subtype="", direction="out", duration_s=0)] * sms
        for _ in range(sessions_of_data if data_mb else 0):
            rows.append(dict(kind="data", subtype="", direction="out", volume_kb=data_mb * 1024 // sessions_of_data))
        for i, row in enumerate(rows):
            row.update(account=account, period=period, started_at=start + dt.timedelta(minutes=i))
        UsageRecord.insert_many(rows).execute()
        rows = []


def on_plan(account: Account, code: str) -> Account:
    Account.update(plan=code).where(Account.id == account.id).execute()
    return Account.get_by_id(account.id)


def cost_of(rec: guidance.Recommendation, code: str) -> int:
    return next(c.total_fen for c in rec.costs if c.code == code)


@pytest.fixture
def line(demo_db):
    return on_plan(Account.select().order_by(Account.phone).first(), "RY88")


def test_a_light_user_on_the_88_plan_is_offered_the_18_card(session, line):
    # 60 local minutes, 10 messages, no data a month.
    give_usage(line, out_local_min=60, sms=10)
    rec = guidance.recommend(session, line.phone)
    assert rec.periods == MONTHS
    # hand-computed, three months: SQ18 = 3 x (18.00 + 60 x 0.18 + 10 x 0.10) = 3 x 29.80
    assert cost_of(rec, "SQ18") == 3 * (1800 + 60 * 18 + 10 * 10) == 8940
    assert cost_of(rec, "RY38") == 3 * 3800  # all inside its 200 minutes and 50 messages
    assert cost_of(rec, "RY88") == 3 * 8800 == rec.current.total_fen
    assert rec.best.code == "SQ18"
    assert rec.saving_month_fen == (26400 - 8940) // 3 == 5820
    assert "神奇卡18元月租" in rec.reason and "58.20" in rec.reason and "60分钟" in rec.reason


def test_bundles_overage_and_data_packs_by_hand(session, line):
    # 300 local + 50 long-distance minutes, 120 messages, 100 MB in two sessions, 20 roaming minutes a month.
    give_usage(line, out_local_min=300, out_long_min=50, sms=120, data_mb=100, roam_min=20, sessions_of_data=2)
    rec = guidance.recommend(session, line.phone)
    # RY38: 200 free minutes go to the first call (local 300 -> 100 charged at 0.15), long 50 at 0.30,
    # roaming always charged 20 x 0.60, 70 messages over 50 at 0.10, 70 MB over 30 MB at 0.30.
    ry38 = 3800 + 100 * 15 + 50 * 30 + 20 * 60 + 70 * 10 + 70 * 30
    assert cost_of(rec, "RY38") == 3 * ry38
    # RY58: 400 minutes cover 350, 20 messages over 100, 40 MB over 60 MB at 0.25, roaming at 0.50.
    ry58 = 5800 + 20 * 60 // 60 * 50 + 20 * 10 + 40 * 25
    assert cost_of(rec, "RY58") == 3 * ry58
    # SJ128: everything inside the bundle but roaming, at 0.20.
    assert cost_of(rec, "SJ128") == 3 * (12800 + 20 * 20)
    cheapest = min(rec.costs, key=lambda c: c.total_fen)
    assert rec.best is not None and rec.best.code == cheapest.code
    assert rec.best.total_fen <= rec.current.total_fen


def test_no_recommendation_when_the_current_plan_is_already_cheapest(session, line):
    line = on_plan(line, "RY58")
    give_usage(line, out_local_min=380, sms=90, data_mb=55)
    rec = guidance.recommend(session, line.phone)
    assert rec.best is None and rec.saving_month_fen == 0
    assert rec.current.total_fen == min(c.total_fen for c in rec.costs)
    assert "已是最省钱" in rec.reason


@pytest.mark.parametrize("minutes", [0, 50, 150, 250, 450, 900, 1500])
def test_the_recommended_plan_never_costs_more_than_the_current_one(session, line, minutes):
    for plan in TariffPlan.select():
        current = on_plan(line, plan.code)
        give_usage(current, out_local_min=minutes, sms=minutes // 5, data_mb=minutes // 4)
        rec = guidance.recommend(session, current.phone)
        if rec.best is not None:
            assert rec.best.total_fen < rec.current.total_fen
            assert rec.saving_month_fen >= guidance.MIN_SAVING_FEN


def test_unknown_number_and_no_sign_in_are_refused(demo_db, session):
    with pytest.raises(NotFound):
        guidance.recommend(session, "13999999999")
    with pytest.raises(PermissionDenied):
        guidance.recommend(open_session(), Account.select().first().phone)


def test_recommend_on_the_command_line(line, db_path, tmp_path, capsys):
    give_usage(line, out_local_min=60, sms=10)
    secret = tmp_path / "pw"
    secret.write_text("123456\n")
    secret.chmod(0o600)
    assert main(["--db", str(db_path), "recommend", "--phone", line.phone, "--json", "--staff", "1003",
                 "--password-file", str(secret)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["recommended"]["code"] == "SQ18" and data["recommended"]["saving_month_fen"] == 5820
    assert data["current"]["cost_fen"] == 26400


def test_the_counter_shows_the_cheaper_plan_when_a_line_is_served_and_none_when_it_is_cheapest(
        session, line, db_path, qtbot):
    from PySide6.QtWidgets import QApplication

    from counter_app.config import TerminalConfig
    from counter_app.ui.context import AppContext
    from counter_app.ui.counter.customer_view import CustomerView
    from counter_app.ui.i18n import install_translations
    from tests.helpers import ops_done

    install_translations(QApplication.instance(), "zh_CN")
    try:
        give_usage(line, out_local_min=60, sms=10)
        view = CustomerView(AppContext(session, TerminalConfig(mode="counter", lang="zh_CN"), str(db_path)))
        qtbot.addWidget(view)
        view.show()
        view.load(line.id)
        ops_done(qtbot)
        flag = view.guidance_flag
        assert flag.isVisible()
        glance, aloud = flag.text().split("\n")
        assert "神奇卡18元月租" in glance and "58.20" in glance
        assert aloud == f"可对客户说：“{flag.recommendation.reason}”"  # the sentence once, quoted
        cheapest = on_plan(line, "SQ18")
        view.load(cheapest.id)
        ops_done(qtbot)
        assert not flag.isVisible() and flag.recommendation.best is None
        view.close()
    finally:
        install_translations(QApplication.instance(), "en")
