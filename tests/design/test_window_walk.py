"""Every window, in Chinese and in English, at a 1920×1080 and a 1366×768 screen: no text is
cut off, and every input and button has a name a screen reader can announce."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.config import TerminalConfig
from counter_app.models import Hall, Staff
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.window_size import fit_to_screen
from counter_app.ui.worker import wait_for_tasks
from tests.design.walk import clipped, plain_views, unnamed
from tests.helpers import ops_done

SCREENS = {"1920x1080": QRect(0, 0, 1920, 1080 - 40), "1366x768": QRect(0, 0, 1366, 768 - 40)}
WINDOWS = ("login", "counter", "manager", "kiosk", "display", "inspector")


def build(name: str, lang: str, db_path) -> QWidget:
    mode = {"login": "counter", "inspector": "counter"}.get(name, name)
    session = open_session(counter_number=6 if name == "manager" else 1, lang=lang)
    session.staff = Staff.get_by_id({"counter": "1001", "manager": "2001"}.get(name, "1001"))
    if name == "inspector":
        session.staff = Staff.select().where(Staff.role == "inspector").first() or session.staff
    ctx = AppContext(session, TerminalConfig(mode=mode, lang=lang), str(db_path))
    if name == "login":
        from counter_app.ui.login import LoginWindow
        return LoginWindow(ctx)
    if name == "counter":
        from counter_app.ui.counter.window import CounterWindow
        return CounterWindow(ctx)
    if name == "manager":
        from counter_app.ui.manager.window import ManagerWindow
        return ManagerWindow(ctx)
    if name == "kiosk":
        from counter_app.ui.kiosk.window import KioskWindow
        return KioskWindow(ctx)
    if name == "display":
        from counter_app.ui.display.window import DisplayWindow
        return DisplayWindow(ctx, announcer=_silent())
    from counter_app.ui.supervision.window import InspectorWindow
    return InspectorWindow(ctx)


def _silent():
    from counter_app.services import voice

    return voice.Announcer(["zh"], sink=lambda text, lang: None)


def pages(name: str, window: QWidget):
    """Each page a user can reach without input: the manager's tabs, the kiosk's pages."""
    if hasattr(window, "tabs"):
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            yield f"{name}:{window.tabs.tabText(i)}"
    elif name == "kiosk":
        for i in range(window.stack.count()):
            window.stack.setCurrentIndex(i)
            yield f"kiosk:{window.stack.widget(i).objectName()}"
    else:
        yield name


@pytest.fixture
def open_window(demo_db, db_path, qtbot, frozen_clock):
    Hall.update(opens="00:00", closes="24:00").execute()
    made = []

    def make(name: str, lang: str, screen: str) -> QWidget:
        install_translations(QApplication.instance(), lang)
        window = build(name, lang, db_path)
        qtbot.addWidget(window)
        made.append(window)
        if name in ("kiosk", "display"):
            window.resize(SCREENS[screen].size())  # full screen on their own PC
        else:
            fit_to_screen(window, available=SCREENS[screen])
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    for window in made:
        for timer_owner in (window, getattr(window, "board", None)):
            timer = getattr(timer_owner, "timer", None)
            if timer is not None:
                timer.stop()
        window.close()
    ops_done(qtbot)
    wait_for_tasks()
    install_translations(QApplication.instance(), "en")


def settle(qtbot) -> None:
    """What a user looks at: the page's figures read (a tab reads them when shown, on a
    worker) and the layout redone for them. A text set by a result that arrived a moment ago
    is laid out only at the next pass of the event loop; checked before that, a label still
    has the size of its old text and looks cut off when it is not."""
    ops_done(qtbot)
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("name", WINDOWS)
def test_no_text_is_cut_off_and_every_control_has_a_name(open_window, qtbot, name, lang, screen):
    window = open_window(name, lang, screen)
    ops_done(qtbot)
    cut, nameless, plain = [], [], []
    for page in pages(name, window):
        settle(qtbot)
        cut += [f"{page}: {c}" for c in clipped(window)]
        nameless += [f"{page}: {c}" for c in unnamed(window)]
        plain += [f"{page}: {v}" for v in plain_views(window)]
    assert not cut, "cut off:\n" + "\n".join(cut)
    assert not nameless, "no accessible name:\n" + "\n".join(nameless)
    assert not plain, "cells cut with the font's own ellipsis:\n" + "\n".join(plain)


def test_the_walk_sees_a_cut_label_a_cut_button_and_a_nameless_input(qtbot):
    """The checks above can fail: a label and a button squeezed below their text, and a line
    edit with only a placeholder, are each reported; named and roomy ones are not."""
    from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    squeezed = QLabel("A fairly long sentence that cannot fit")
    squeezed.setFixedWidth(40)
    button = QPushButton("Print the month's report")
    button.setFixedWidth(40)
    roomy = QLabel("OK")
    nameless = QLineEdit()
    nameless.setPlaceholderText("Staff no.")
    named = QLineEdit()
    named.setAccessibleName("Phone number")
    for widget in (squeezed, button, roomy, nameless, named):
        layout.addWidget(widget)
    root.resize(400, 300)
    root.show()
    qtbot.waitExposed(root)
    cut = clipped(root)
    assert len(cut) == 2 and "fairly long" in cut[0] and "Print the month" in cut[1]
    missing = unnamed(root)
    assert len(missing) == 1 and missing[0].startswith("QLineEdit")
