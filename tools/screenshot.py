#!/usr/bin/env python3
"""Screenshots of the real windows under Xvfb, for the README and for review.

    python tools/screenshot.py [--lang zh_CN] [--size 1366x768] [--out docs/screenshots] [login counter manager kiosk display]
    python tools/screenshot.py --all   # every window and manager tab, 1920x1080 and 1366x768, zh_CN and en

--lang and --size may be repeated; with several, files are named ``<window>_<lang>_<size>.png``.

Starts Xvfb when there is no display, builds a demo hall in a temporary folder, signs in as
the demo clerk or manager, and saves ``<window>_<lang>.png``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def start_xvfb() -> subprocess.Popen | None:
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return None
    if shutil.which("Xvfb") is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return None
    display = ":97"
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    return proc


def settle(app, seconds: float = 0.6, until=None) -> None:
    end = time.time() + seconds
    while time.time() < end and not (until is not None and until()):
        app.processEvents()
        time.sleep(0.02)


ALL_WINDOWS = ("login", "counter", "manager", "kiosk", "display", "inspector")
ALL_SIZES = ("1920x1080", "1366x768")
MANAGER_TABS = ("board", "today", "reports", "grade", "training", "checks", "settlement", "complaints", "notices",
                "sync", "setup", "audit", "backups")


# Views of the manager's window: a tab, or the year's evaluation opened from the grade tab.
MANAGER_VIEWS = ("manager-training", "manager-checks", "evaluation")


def manager_view(app, window, name: str):
    if name == "evaluation":
        window.tabs.setCurrentWidget(window.grade)
        window.grade.open_year()
        dialog = window.grade.year_dialog
        settle(app, 20.0, until=lambda: dialog.loads >= 1)
        return dialog
    tab = window.training if name == "manager-training" else window.checks
    window.tabs.setCurrentWidget(tab)
    settle(app, 20.0, until=lambda: tab.loads >= 1)
    return window


def training_shot(app, lang: str, db_url: str, size_text: str, out: Path) -> Path:
    """The counter in training mode: the training copy, clerk 1002, a drill's customer called."""
    from counter_app import training
    from counter_app.config import TerminalConfig
    from counter_app.db import close_database, open_database
    from counter_app.services.session import open_session
    from counter_app.services.training import prepare_copy
    from counter_app.ui.context import AppContext
    from counter_app.ui.shell import Shell
    from counter_app.ui.training.marking import install

    copy = prepare_copy(db_url)
    close_database()
    training.activate()
    open_database(str(copy))
    install(app)
    ctx = AppContext(open_session(counter_number=3, lang=lang), TerminalConfig(mode="counter", lang=lang), str(copy))
    shell = Shell(ctx, show=False)
    login = shell.start()
    login.staff_no.setText("1003")
    login.password.setText("123456")
    login.attempt()
    settle(app, 10.0, until=lambda: shell.window.objectName() != "loginWindow")
    window = shell.window
    panel = window.training_dock.drills
    panel.choice.setCurrentIndex(panel.choice.findData("plan_change_sq18"))
    panel.start()
    settle(app, 10.0, until=lambda: panel.progress is not None)
    window.keys["next"].trigger()  # F1: the scripted customer is called
    settle(app, 10.0, until=lambda: panel.progress is not None and panel.progress.called_at is not None)
    window.identify.query.setText(panel.progress.run.phone)
    window.identify.lookup()
    size = tuple(int(n) for n in size_text.split("x")) if size_text else (1280, 800)
    window.resize(*size)
    window.show()
    settle(app, 2.0)
    path = out / (f"training_{lang}.png" if not size_text else f"training_{lang}_{size_text}.png")
    window.grab().save(str(path))
    window.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", action="append", default=None, help="zh_CN or en; repeat for both (default zh_CN)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--size", action="append", default=None,
                        help="WxH of the windows (default 1280x800, kiosk and display 1280x720), e.g. 1366x768; "
                             "repeat for several")
    parser.add_argument("--all", action="store_true",
                        help=f"{', '.join(ALL_WINDOWS)} and every manager tab at {' and '.join(ALL_SIZES)}, "
                             "in zh_CN and en")
    parser.add_argument("windows", nargs="*", default=None)
    args = parser.parse_args()
    langs = args.lang or (["zh_CN", "en"] if args.all else ["zh_CN"])
    sizes = args.size or (list(ALL_SIZES) if args.all else [""])
    windows = args.windows or (list(ALL_WINDOWS) if args.all else ["counter"])
    xvfb = start_xvfb()
    tmp = Path(tempfile.mkdtemp(prefix="counter-shot-"))
    os.environ["COUNTER_APP_CONFIG_DIR"] = str(tmp / "config")
    os.environ["COUNTER_APP_LOG_DIR"] = str(tmp / "log")
    try:
        from counter_app.app import make_application
        from counter_app.clock import set_clock
        from counter_app.db import open_database
        from counter_app.services.demo_whole import build_demo_whole
        from counter_app.ui.i18n import install_translations

        db_url = str(tmp / "hall.db")
        open_database(db_url)
        # Screens are shot in the middle of a business morning, whatever the hour the tool runs
        # at (a closed hall would show only its opening hours): the demo's own hall, its last 30
        # working days and today's morning up to 10:30, as `counter-app demo` builds it then.
        morning = dt.datetime.combine(dt.date.today(), dt.time(10, 30))
        set_clock(lambda: morning)
        build_demo_whole(args.customers, days=30)
        started = dt.datetime.now()
        set_clock(lambda: morning + (dt.datetime.now() - started))
        app = make_application()
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for wanted_lang in langs:
            lang = install_translations(app, wanted_lang)
            for size_text in sizes:
                shoot(app, db_url, lang, size_text, windows, out, several=len(langs) * len(sizes) > 1)
        return 0
    finally:
        if xvfb is not None:
            xvfb.terminate()
        shutil.rmtree(tmp, ignore_errors=True)


def shoot(app, db_url: str, lang: str, size_text: str, windows: list[str], out: Path, several: bool) -> None:
    from counter_app.config import TerminalConfig
    from counter_app.models import Account, Bill
    from counter_app.services.session import open_session
    from counter_app.ui.context import AppContext
    from counter_app.ui.shell import Shell

    suffix = f"_{size_text}" if size_text else ""
    training_shots = [n for n in windows if n == "training"]
    for name in [n for n in windows if n != "training"]:
        mode = {"login": "counter", "inspector": "counter"}.get(name, name)
        mode = "manager" if mode in MANAGER_VIEWS else mode
        ctx = AppContext(open_session(counter_number=2, lang=lang), TerminalConfig(mode=mode, lang=lang), db_url)
        shell = Shell(ctx, show=False)
        window = shell.start()
        if name in ("counter", "manager", "inspector", *MANAGER_VIEWS):
            window.staff_no.setText({"counter": "1001", "inspector": "7001"}.get(name, "2001"))
            window.password.setText("123456")
            window.attempt()  # checked on a worker
            settle(app, 10.0, until=lambda shell=shell: shell.window.objectName() != "loginWindow")
            window = shell.window
        if name in MANAGER_VIEWS:
            window = manager_view(app, window, name)
        if name == "counter":
            account = (Account.select().join(Bill, on=(Bill.account == Account.id))
                       .where(Account.balance_fen > 0).order_by(Account.phone).first())
            window.identify.query.setText(account.phone)
            window.identify.lookup()
        size = tuple(int(n) for n in size_text.split("x")) if size_text else None
        window.resize(*(size or ((1280, 800) if name not in ("kiosk", "display") else (1280, 720))))
        window.show()
        settle(app, 2.0)
        tabs = MANAGER_TABS if name == "manager" and several else ("",)
        for tab in tabs:
            if tab and not hasattr(window, tab):
                continue
            if tab:
                window.tabs.setCurrentWidget(getattr(window, tab))
                settle(app, 3.0)
            path = out / f"{name}{'_' + tab if tab else ''}_{lang}{suffix}.png"
            window.grab().save(str(path))
            print(path)
        window.close()
    for _name in training_shots:
        print(training_shot(app, lang, db_url, size_text, out))


if __name__ == "__main__":
    raise SystemExit(main())
