"""VIP club reception (俱乐部会员接待): a club member's line is shown with their tier, privileges
and the partners' discounts, from the club's data; a customer who is not a member gets no band."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from counter_app.config import TerminalConfig
from counter_app.models import Account, Customer
from counter_app.services import club
from counter_app.services.reference import read_catalogue
from counter_app.ui.context import AppContext
from counter_app.ui.counter.customer_view import CustomerView
from counter_app.ui.i18n import install_translations
from tests.helpers import ops_done


def test_every_tier_has_privileges_and_the_diamond_tier_gets_every_partner(demo_db):
    data = read_catalogue("club.json")
    for row in data["tiers"]:
        found = club.tier(row["code"], "zh_CN")
        assert found.name == row["name_zh"] and len(found.privileges) == len(row["privileges"]) > 0
    assert len(club.tier("diamond", "en").partner_offers) == len(data["partners"])
    assert club.tier("", "zh_CN") is None and club.tier("bronze", "zh_CN") is None


def test_the_counter_greets_a_gold_member_as_one(session, db_path, qtbot):
    member = Account.select().order_by(Account.phone).first()
    Customer.update(vip_tier="gold", vip_member_no="VIP880001").where(Customer.id == member.customer_id).execute()
    other = Account.select().join(Customer, on=(Account.customer == Customer.id)) \
        .where(Customer.vip_tier == "").first()
    install_translations(QApplication.instance(), "zh_CN")
    try:
        view = CustomerView(AppContext(session, TerminalConfig(mode="counter", lang="zh_CN"), str(db_path)))
        qtbot.addWidget(view)
        view.show()
        view.load(member.id)
        ops_done(qtbot)
        text = view.club_flag.text()
        assert view.club_flag.isVisible()
        assert "金卡会员" in text and "VIP880001" in text and "备用机" in text and "齐鲁书城" in text
        assert "舜耕山庄" not in text  # a diamond-only partner
        view.load(other.id)
        ops_done(qtbot)
        assert not view.club_flag.isVisible()
        view.close()
    finally:
        install_translations(QApplication.instance(), "en")
