"""Complaints send appeals to the province's appeal centre on both grounds, the hall's own
targets stay below the legal 15 days, a complaint escalates before its deadline, and closing
one as unsatisfied tells the customer where to appeal."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import QApplication

from counter_app.config import TerminalConfig
from counter_app.documents.complaint_ack import render_ack
from counter_app.models import AuditEvent, BusinessType, Complaint, FeeStandard
from counter_app.models.complaints import CATEGORIES
from counter_app.services import appeal, complaints, setup_record
from counter_app.services.reference import read_catalogue
from counter_app.ui.context import AppContext
from tests.complaint_data import plain_line
from tests.helpers import pdf_text

PROVINCE = "山东省通信管理局电信用户申诉受理中心"


def flat(pdf: bytes) -> str:
    return re.sub(r"\s+", "", pdf_text(pdf))


def open_one(session, category="billing"):
    line = plain_line()
    return complaints.open_complaint(session, account_id=line.id, category=category, description="话费多扣")


def test_the_acknowledgment_names_the_province_centre_both_grounds_and_the_legal_date(session, frozen_clock):
    complaint = open_one(session)
    zh = flat(render_ack(complaints.acknowledgment(session, complaint.id)))
    assert PROVINCE in zh and "12300" in zh and "工业和信息化部" not in zh
    assert "对答复不满意" in zh and "15日内" in zh and "2026-12-1010:00前" in zh  # 15 days from 11-25 10:00
    en = flat(render_ack(complaints.acknowledgment(session, complaint.id, lang="en")))
    assert "ShandongCommunicationsAdministration" in en and "notsatisfiedwithouranswer" in en
    assert "within15days" in en and "MinistryofIndustry" not in en


def test_another_province_sets_its_own_centre(session, frozen_clock):
    setup_record.put_hall_setting(session.hall_code, "appeal_body",
                                  {"name_zh": "江苏省通信管理局电信用户申诉受理中心", "name_en": "Jiangsu centre"})
    body = appeal.appeal_body(session.hall_code)
    assert (body.name_zh, body.phone) == ("江苏省通信管理局电信用户申诉受理中心", "12300")
    text = flat(render_ack(complaints.acknowledgment(session, open_one(session).id)))
    assert "江苏省通信管理局电信用户申诉受理中心" in text and PROVINCE not in text


def test_every_target_stays_below_fifteen_days_and_escalates_before_it_is_due(session, frozen_clock):
    start = frozen_clock.current
    opened = {category: open_one(session, category) for category in CATEGORIES}
    for category, complaint in opened.items():
        assert complaint.deadline_at < appeal.legal_deadline(complaint.opened_at) - dt.timedelta(days=2), category
    escalated_at: dict[str, dt.datetime] = {}
    while len(escalated_at) < len(CATEGORIES):
        frozen_clock.advance(hours=1)
        for number in complaints.check_escalations(session):
            escalated_at[number] = frozen_clock.current
        assert frozen_clock.current < start + dt.timedelta(days=15)
    for complaint in opened.values():
        assert escalated_at[complaint.complaint_no] < Complaint.get_by_id(complaint.id).deadline_at


def test_closing_as_unsatisfied_tells_the_customer_where_to_appeal(session, frozen_clock):
    complaint = open_one(session)
    complaints.reply(session, complaint.id, "经核实话费无误")
    complaints.close(session, complaint.id, "unsatisfied", "客户认为仍多扣")
    event = AuditEvent.get(AuditEvent.action == "complaint.close")
    assert event.detail == {"view": "unsatisfied", "appeal_to": f"{PROVINCE} 12300"}
    text = flat(render_ack(complaints.acknowledgment(session, complaint.id)))
    assert f"您对答复不满意：可向{PROVINCE}申诉（电话12300）" in text


def test_the_clerk_sees_where_to_send_an_unsatisfied_customer(session, db_path, frozen_clock, qtbot):
    from counter_app.ui.i18n import install_translations
    from counter_app.ui.widgets.complaint_handling import HandlingBox
    from tests.helpers import ops_done

    install_translations(QApplication.instance(), "en")
    session.lang = "en"
    complaint = open_one(session)
    complaints.reply(session, complaint.id, "经核实话费无误")
    box = HandlingBox(AppContext(session, TerminalConfig(lang="en"), str(db_path)))
    qtbot.addWidget(box)
    box.show_complaint(complaint.id)
    ops_done(qtbot)
    box.unsatisfied_button.click()
    ops_done(qtbot)
    assert Complaint.get_by_id(complaint.id).customer_view == "unsatisfied"
    assert "Telecom User Appeal Centre of the Shandong Communications Administration" in box.message.text()
    assert "12300" in box.message.text()


def test_the_catalogue_and_the_posted_procedure_send_appeals_to_the_province_on_both_grounds(session):
    terms = BusinessType.get_by_id("complaint").terms_zh
    procedure = FeeStandard.get_by_id("P_COMPLAINT").text_zh
    for text in (terms, procedure):
        assert PROVINCE in text and "不满意" in text and "15日" in text
    assert read_catalogue("province.json")["appeal_body"]["name_zh"] == PROVINCE
