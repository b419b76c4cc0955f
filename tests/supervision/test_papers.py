"""The printed supervision papers: a check's sheet and the monthly bulletin, read back from
the PDF, rasterized, the QR decoded, fonts embedded; the bulletin from the command line as an
inspector and as a manager, in Chinese and English."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.cli.main import main
from counter_app.documents.supervision import render_sheet
from counter_app.models import AuditEvent
from counter_app.services import signing, supervision
from tests.helpers import decode_qr, embedded_fonts, pdf_text, rasterize
from tests.supervision.conftest import INSPECTOR_NO, PASSWORD, full_marks
from tests.supervision.test_inspections import month_of_checks


def test_a_check_sheet_lists_every_item_its_points_and_the_follow_up(inspector, frozen_clock, tmp_path):
    row = supervision.record_inspection(
        inspector, kind="spot_check", visited_at=dt.datetime(2026, 11, 25, 9, 40), staff_no="1001", counter_number=1,
        scores=full_marks(greeting=2), notes={"greeting": "没有起身问候"}, follow_up="重新学习服务规范用语",
        follow_up_due="2026-12-05")
    check = supervision.get_inspection(inspector, row.id)
    data = render_sheet(check, "zh_CN", supervision.sheet_code(inspector, check))
    text = pdf_text(data)
    for expected in ("服务质量检查记录单", "济南泉城路营业厅", "1001 王芳", "1号窗口", "孙敏", "2 / 5", "没有起身问候",
                     "97 / 100", "重新学习服务规范用语", "2026-12-05", "自助设施"):
        assert expected in text, expected
    assert all(embedded for _name, embedded in embedded_fonts(data, tmp_path))
    pages = rasterize(data, tmp_path)
    assert [signing.parse(c) for c in decode_qr(pages[0])] == [("inspection", row.id.hex)]
    inspector.lang = "en"  # the check is read in the session's language, as the CLI's --lang does
    english = pdf_text(render_sheet(supervision.get_inspection(inspector, row.id), "en"))
    assert "Service check sheet" in english and "Counter 1" in english and "97 / 100" in english


def test_the_checklist_sheet_says_passed_or_failed_and_the_level_each_item_belongs_to(inspector, frozen_clock):
    row = supervision.record_inspection(inspector, kind="standard_hall", visited_at=dt.datetime(2026, 11, 25, 9, 0),
                                        scores=full_marks("standard_hall", ss_two=0))
    text = pdf_text(render_sheet(supervision.get_inspection(inspector, row.id), "zh_CN"))
    assert "未通过" in text and "（示范）" in text and "通过 19 项 / 共 20 项" in text


@pytest.mark.parametrize(("who", "password"), [(INSPECTOR_NO, PASSWORD), ("2001", "123456")])
def test_the_bulletin_prints_from_the_command_line(inspector, frozen_clock, tmp_path, capsys, who, password, db_path):
    month_of_checks(inspector)
    secret = tmp_path / "pw"
    secret.write_text(password + "\n")
    out = tmp_path / "bulletin.pdf"
    code = main(["--db", str(db_path), "report", "inspections", "--month", "2026-11", "--out", str(out),
                 "--staff", who, "--password-file", str(secret)])
    assert code == 0, capsys.readouterr().err
    assert "3 checks in 2026-11, average 96.0%, 1 repeated failures, 2 follow-ups" in capsys.readouterr().out
    data = out.read_bytes()
    text = pdf_text(data)
    for expected in ("服务质量抽查通报 · 2026-11", "平均得分率 96.0%", "1001 王芳", "94.0%", "46.7%", "2 / 3",
                     "重复失分", "已逾期", "未到期", "社会监督员暗访"):
        assert expected in text, expected
    assert all(embedded for _name, embedded in embedded_fonts(data, tmp_path))
    assert rasterize(data, tmp_path)
    assert AuditEvent.select().where((AuditEvent.action == "print")
                                     & (AuditEvent.target == "inspection_bulletin:2026-11")).count() == 1


def test_the_english_bulletin_and_an_empty_month(inspector, frozen_clock, tmp_path, capsys, db_path):
    month_of_checks(inspector)
    secret = tmp_path / "pw"
    secret.write_text(PASSWORD)
    out = tmp_path / "en.pdf"
    assert main(["--db", str(db_path), "report", "inspections", "--month", "2026-11", "--lang", "en", "--out",
                 str(out), "--staff", INSPECTOR_NO, "--password-file", str(secret)]) == 0
    text = pdf_text(out.read_bytes())
    assert "Service-quality bulletin" in text and "Weakest items" in text and "overdue" in text
    empty = tmp_path / "empty.pdf"
    assert main(["--db", str(db_path), "report", "inspections", "--month", "2026-10", "--out", str(empty),
                 "--staff", INSPECTOR_NO, "--password-file", str(secret)]) == 0
    assert "本月没有抽查或暗访记录" in pdf_text(empty.read_bytes())


def test_a_clerk_cannot_print_the_bulletin(demo_db, frozen_clock, tmp_path, capsys, db_path):
    secret = tmp_path / "pw"
    secret.write_text("123456")
    out = tmp_path / "b.pdf"
    assert main(["--db", str(db_path), "report", "inspections", "--month", "2026-11", "--out", str(out),
                 "--staff", "1001", "--password-file", str(secret)]) == 2
    assert "inspector or a manager" in capsys.readouterr().err and not out.exists()
