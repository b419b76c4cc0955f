"""The hall's public notices (公示): the calling display rotates them under the calls, the
kiosk's 业务指南 shows them in large type, and the wall sheets print them, with the same
fee figures as the catalogue."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from counter_app.cli.main import main
from counter_app.config import TerminalConfig
from counter_app.errors import PermissionDenied, ValidationError
from counter_app.models import AuditEvent, FeeStandard, Hall, Setting, SpService, Staff
from counter_app.money import format_yuan
from counter_app.services import notices, queue
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.display.window import DisplayWindow
from counter_app.ui.i18n import install_translations
from counter_app.ui.kiosk.window import KioskWindow
from counter_app.ui.worker import wait_for_tasks
from tests.helpers import embedded_fonts, ops_done, pdf_text


def catalogue_figures() -> list[tuple[str, str]]:
    """(name, yuan figure) of every priced fee standard and SP service, straight from the tables."""
    fees = [(f.name_zh, format_yuan(f.amount_fen)) for f in FeeStandard.select()
            if f.kind == "fee" and f.amount_fen]
    sp = [(s.name_zh, format_yuan(s.monthly_fee_fen or s.per_use_fen)) for s in SpService.select()]
    assert fees and sp
    return fees + sp


def test_a_manager_posts_a_notice_for_three_days_and_it_shows_only_then(manager_session, frozen_clock):
    today = frozen_clock().date()
    notice = notices.add_hall_notice(manager_session, title_zh="国庆营业时间", title_en="Holiday hours",
                                     body_zh="10月1日至3日营业时间为9:00-17:00。", body_en="9:00-17:00 on 1-3 October.",
                                     starts=today, ends=today + dt.timedelta(days=2))
    public = open_session(lang="zh_CN")  # the wall display and the kiosk: nobody signed in
    ours = f"hall-{notice.id}"
    board = notices.notice_board(public)
    assert board.notice(ours).title == "国庆营业时间" and board.notice(ours).hall_notice
    assert notices.notice_board(public, lang="en").notice(ours).lines[0].text == "9:00-17:00 on 1-3 October."
    assert all(n.code != ours for n in notices.notice_board(public, today=today + dt.timedelta(days=3)).notices)
    assert AuditEvent.select().where(AuditEvent.action == "notice.add").count() == 1
    notices.remove_hall_notice(manager_session, notice.id)
    assert all(n.code != ours for n in notices.notice_board(public).notices)


def test_a_notice_with_bad_dates_or_by_a_clerk_is_refused_and_changes_nothing(manager_session, frozen_clock):
    today = frozen_clock().date()
    before = list(Setting.select().where(Setting.key == notices.HALL_NOTICES_KEY))
    with pytest.raises(ValidationError) as refused:
        notices.add_hall_notice(manager_session, title_zh="通知", body_zh="内容", starts=today,
                                ends=today - dt.timedelta(days=1))
    assert "ends on or after" in refused.value.text()
    with pytest.raises(ValidationError):
        notices.add_hall_notice(manager_session, title_zh="", body_zh="内容", starts=today, ends=today)
    clerk = open_session(counter_number=1)
    clerk.staff = Staff.get_by_id("1001")
    with pytest.raises(PermissionDenied):
        notices.add_hall_notice(clerk, title_zh="通知", body_zh="内容", starts=today, ends=today)
    assert list(Setting.select().where(Setting.key == notices.HALL_NOTICES_KEY)) == before


def test_complaint_deadlines_and_the_12300_appeal_are_posted(session):
    board = notices.notice_board(session, lang="zh_CN")
    complaints = board.notice(notices.COMPLAINTS)
    assert any(line.label == "SP收费" and "24小时内" in line.text for line in complaints.lines)
    assert "12300" in complaints.lines[-1].text
    sp = board.notice(notices.SP)
    assert any(line.label == "退订" for line in sp.lines) and any("先行赔付" in line.text for line in sp.lines)
    assert any(line.label == "新入网" for line in board.notice(notices.BRING).lines)


@pytest.fixture
def zh():
    install_translations(QApplication.instance(), "zh_CN")
    yield
    install_translations(QApplication.instance(), "en")


def test_the_display_the_kiosk_and_the_wall_sheets_show_the_catalogues_fee_figures(
        demo_db, db_path, tmp_path, qtbot, zh):
    Hall.update(opens="00:00", closes="24:00").execute()
    figures = catalogue_figures()

    # the calling display: the band rotates through every notice line while a call stays up
    ctx = AppContext(open_session(lang="zh_CN"), TerminalConfig(mode="display", lang="zh_CN"), str(db_path))
    display = DisplayWindow(ctx, announcer=_silent())
    qtbot.addWidget(display)
    qtbot.waitUntil(lambda: bool(display.notice_band.slides), timeout=10_000)
    ops_done(qtbot)
    clerk = open_session(counter_number=3)
    clerk.staff = Staff.get_by_id("1002")
    ticket = queue.take_ticket(open_session(), "new_data")
    queue.call_next(clerk)
    with qtbot.waitSignal(display.callShown, timeout=10_000):
        display.poll()
    shown = []
    for _ in display.notice_band.slides:
        display.notice_band.next_slide()
        shown.append(f"{display.notice_band.title.text()} {display.notice_band.text.text()}")
        assert display.call_code.text() == ticket.code  # a notice never takes the call's place
    assert display.notice_band.isVisibleTo(display)
    for name, yuan in figures:
        assert any(name in line and yuan in line for line in shown), (name, yuan)
    display.close()

    # the kiosk: 业务指南 from the start page, the fee standards in large type
    kctx = AppContext(open_session(lang="zh_CN"), TerminalConfig(mode="kiosk", lang="zh_CN"), str(db_path))
    kiosk = KioskWindow(kctx)
    qtbot.addWidget(kiosk)
    kiosk.show()
    qtbot.waitUntil(lambda: bool(kiosk.category_buttons))
    qtbot.mouseClick(kiosk.guide_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(kiosk.guide_view.topic_buttons), timeout=10_000)
    assert kiosk.stack.currentWidget() is kiosk.guide_page
    guide_text = ""
    for code in (notices.FEES, notices.SP):
        qtbot.mouseClick(kiosk.guide_view.findChild(QPushButton, f"kioskGuide_{code}"), Qt.MouseButton.LeftButton)
        guide_text += kiosk.guide_view.body.text()
    for name, yuan in figures:
        assert name in guide_text and yuan in guide_text, (name, yuan)
    qtbot.mouseClick(kiosk.guide_view.findChild(QPushButton, "kioskGuideBack"), Qt.MouseButton.LeftButton)
    assert kiosk.stack.currentWidget() is kiosk.start_page
    ops_done(qtbot)
    kiosk.close()
    wait_for_tasks()

    # the wall sheets, headless: A4, fonts embedded, the same figures
    out = tmp_path / "notices.pdf"
    assert main(["--db", str(db_path), "statement", "notices", "--out", str(out)]) == 0
    pdf = out.read_bytes()
    text = pdf_text(pdf)
    for name, yuan in figures:
        assert name in text and yuan in text, (name, yuan)
    assert "12300" in text and "发票项目说明" in text
    assert all(embedded for _n, embedded in embedded_fonts(pdf, tmp_path))
    import io

    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4


def _silent():
    from counter_app.services import voice

    return voice.Announcer(["zh"], sink=lambda text, lang: None)


def test_a_manager_posts_a_notice_from_the_command_line_and_the_wall_sheets_print_it(
        demo_db, db_path, tmp_path, capsys, frozen_clock):
    secret = tmp_path / "pw"
    secret.write_text("123456\n")
    secret.chmod(0o600)
    args = ["--db", str(db_path), "notices", "add", "--staff", "2001", "--password-file", str(secret),
            "--title-zh", "停车提示", "--body-zh", "本厅门前停车限30分钟。", "--starts", "2026-11-25",
            "--ends", "2026-11-30"]
    assert main(args) == 0
    bad = [a if a != "2026-11-30" else "2026-11-20" for a in args]
    assert main(bad) == 2  # ends before it starts: refused, nothing added
    assert "ends on or after" in capsys.readouterr().err
    out = tmp_path / "wall.pdf"
    assert main(["--db", str(db_path), "statement", "notices", "--out", str(out)]) == 0
    text = pdf_text(out.read_bytes())
    assert text.count("停车提示") == 1 and "本厅门前停车限30分钟。" in text
    clerk_secret = secret
    assert main(["--db", str(db_path), "notices", "add", "--staff", "1001", "--password-file", str(clerk_secret),
                 "--title-zh", "x", "--body-zh", "y", "--starts", "2026-11-25", "--ends", "2026-11-25"]) != 0


def test_the_demo_hall_posts_its_own_notice_on_first_start(demo_db):
    board = notices.notice_board(open_session(lang="zh_CN"))
    assert board.notices[0].hall_notice and "套餐小专家" in board.notices[0].lines[0].text
