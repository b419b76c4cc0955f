"""What a terminal remembers, and which database a command used: a newcomer following the
README must never wonder which file a command read, nor find a setting kept that they gave
for one start only."""

from __future__ import annotations

import argparse
import json
import shutil

import pytest
from PySide6.QtWidgets import QApplication

from counter_app.cli.main import main
from counter_app.config import TerminalConfig
from counter_app.db import close_database


@pytest.fixture
def config_dir(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("COUNTER_APP_CONFIG_DIR", str(folder))
    monkeypatch.delenv("COUNTER_APP_DB", raising=False)
    monkeypatch.delenv("COUNTER_APP_HUB", raising=False)
    monkeypatch.setenv("COUNTER_APP_LANG", "en")
    return folder


@pytest.fixture
def hall_copy(demo_template, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(demo_template, tmp_path / "hall.db")
    yield tmp_path / "hall.db"
    close_database()


def test_every_command_names_its_database_first_and_where_the_name_came_from(config_dir, hall_copy, tmp_path,
                                                                              monkeypatch, capsys):
    assert main(["--db", "hall.db", "queue", "status"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == f"database: {hall_copy} (from --db)"  # a relative name, shown as the file it is

    monkeypatch.setenv("COUNTER_APP_DB", str(hall_copy))
    assert main(["queue", "status"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"database: {hall_copy} (from COUNTER_APP_DB)"

    monkeypatch.delenv("COUNTER_APP_DB")
    TerminalConfig.remember(db=str(hall_copy))
    assert main(["queue", "status"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"database: {hall_copy} (from the terminal config)"

    assert main(["queue", "status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["database"] == str(hall_copy) and "waiting" in data

    monkeypatch.setenv("COUNTER_APP_LANG", "zh_CN")
    assert main(["--db", "hall.db", "queue", "status"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"数据库：{hall_copy}（来自 --db）"


def test_the_default_database_is_named_too_when_it_is_missing(config_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COUNTER_APP_DATA_DIR", str(tmp_path / "data"))
    assert main(["queue", "status"]) == 2
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == f"database: {tmp_path / 'data' / 'hall.db'} (from the default)"
    assert "There is no database at" in captured.err


def test_sync_without_a_hub_says_no_hub_is_configured(config_dir, hall_copy, capsys):
    assert main(["--db", "hall.db", "sync", "--check"]) == 2
    err = capsys.readouterr().err
    assert "No hub is configured" in err and "--hub URL" in err
    assert "must be a postgresql:// URL" not in err


def test_sync_save_keeps_nothing_when_the_hub_cannot_be_reached(config_dir, hall_copy, capsys):
    assert main(["--db", "hall.db", "sync", "--once", "--hub", "postgresql://hall@127.0.0.1:1/province",
                 "--save"]) == 2
    assert "cannot be reached" in capsys.readouterr().err
    assert TerminalConfig.load().hub == "" and TerminalConfig.load().db == ""


def test_sync_save_needs_a_hub_given_on_the_command_line(config_dir, hall_copy, capsys):
    assert main(["--db", "hall.db", "sync", "--once", "--save"]) == 2
    assert "--save keeps the hub given with --hub URL" in capsys.readouterr().err


def _gui_args(**values) -> argparse.Namespace:
    return argparse.Namespace(**{"demo": False, "mode": None, "lang": None, "counter": None, "save": False,
                                 **values})


def test_mode_language_and_counter_apply_to_one_start_unless_saved(config_dir):
    from counter_app.app import apply_arguments

    config = TerminalConfig.load()
    assert apply_arguments(config, _gui_args(mode="display", lang="en", counter=3)) == {
        "mode": "display", "lang": "en", "counter_number": 3}
    assert (config.mode, config.lang, config.counter_number) == ("display", "en", 3)  # this start
    saved = TerminalConfig.load()
    assert (saved.mode, saved.lang, saved.counter_number) == ("counter", "", 1)  # nothing remembered

    apply_arguments(TerminalConfig.load(), _gui_args(mode="kiosk", save=True))
    assert TerminalConfig.load().mode == "kiosk" and TerminalConfig.load().lang == ""
    assert oct(TerminalConfig.path().stat().st_mode & 0o777) == "0o600"  # it may hold a hub's password


def test_the_language_picked_at_sign_in_is_remembered_and_nothing_else(config_dir, demo_db, db_path, qtbot):
    from counter_app.services.session import open_session
    from counter_app.ui.context import AppContext
    from counter_app.ui.i18n import install_translations
    from counter_app.ui.shell import Shell

    config = TerminalConfig(mode="manager")  # given with --mode for this start
    shell = Shell(AppContext(open_session(lang="en"), config, str(db_path)), show=False)
    shell.start()
    qtbot.addWidget(shell.window)
    try:
        shell.change_language("zh_CN")
        qtbot.addWidget(shell.window)
        saved = TerminalConfig.load()
        assert saved.lang == "zh_CN" and saved.mode == "counter"
    finally:
        install_translations(QApplication.instance(), "en")


def test_leaving_kiosk_mode_with_the_pin_opens_the_sign_in_window(config_dir, demo_db, db_path, qtbot,
                                                                  frozen_clock):
    from counter_app.services.session import open_session
    from counter_app.ui.context import AppContext
    from counter_app.ui.i18n import install_translations
    from counter_app.ui.shell import Shell

    install_translations(QApplication.instance(), "en")
    TerminalConfig.remember(mode="kiosk")
    shell = Shell(AppContext(open_session(lang="en"), TerminalConfig.load(), str(db_path)), show=False)
    kiosk = shell.start()
    qtbot.addWidget(kiosk)
    assert kiosk.objectName() == "kioskWindow"
    kiosk.pin.setText("8888")
    with qtbot.waitSignal(kiosk.leaveRequested, timeout=10_000):
        kiosk.check_pin()
    assert shell.window.objectName() == "loginWindow"
    qtbot.addWidget(shell.window)
    assert TerminalConfig.load().mode == "kiosk"  # the PC still starts as a kiosk next time


def test_dates_and_months_may_be_named_relative_to_today(frozen_clock):
    from counter_app.cli.main import relative_dates

    args = argparse.Namespace(date="yesterday", month="last")
    relative_dates(args)
    assert (args.date, args.month) == ("2026-11-24", "2026-10")
    args = argparse.Namespace(date="Today", month="this")
    relative_dates(args)
    assert (args.date, args.month) == ("2026-11-25", "2026-11")
    args = argparse.Namespace(date="2026-11-20", month="2026-01")
    relative_dates(args)
    assert (args.date, args.month) == ("2026-11-20", "2026-01")  # as written
