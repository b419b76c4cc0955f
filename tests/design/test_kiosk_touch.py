"""Every button of every kiosk page, measured in the real window at full screen, is at least
15 mm in both directions on the kiosk screens the theme assumes (21.5-inch 1920×1080 at
102 pixels per inch: 60 px; 18.5-inch 1366×768 at 85: 50 px)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from counter_app import theme
from counter_app.config import TerminalConfig
from counter_app.models import Hall
from counter_app.services.session import open_session
from counter_app.ui.context import AppContext
from counter_app.ui.i18n import install_translations
from counter_app.ui.kiosk.window import KioskWindow
from counter_app.ui.worker import wait_for_tasks
from tests.helpers import ops_done


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("screen", ["1920x1080", "1366x768"])
def test_every_kiosk_button_is_at_least_15_mm_on_its_screen(demo_db, db_path, qtbot, frozen_clock, screen, lang):
    Hall.update(opens="00:00", closes="24:00").execute()
    install_translations(QApplication.instance(), lang)
    window = KioskWindow(AppContext(open_session(lang=lang), TerminalConfig(mode="kiosk", lang=lang), str(db_path)))
    qtbot.addWidget(window)
    width, height = (int(n) for n in screen.split("x"))
    window.resize(width, height)
    window.show()
    qtbot.waitUntil(lambda: bool(window.category_buttons))
    ops_done(qtbot)
    least = theme.current().touch_px(screen)
    small, measured = [], 0
    for i in range(window.stack.count()):
        window.stack.setCurrentIndex(i)
        QApplication.processEvents()
        page = window.stack.widget(i)
        for button in page.findChildren(QPushButton):
            if button.isVisible():
                measured += 1
                if min(button.width(), button.height()) < least:
                    small.append(f"{page.objectName()}/{button.objectName()} {button.text()!r}: "
                                 f"{button.width()}×{button.height()} px < {least}")
    assert measured >= 20  # the start page's services, the keypad, back and start-again buttons…
    assert not small, "\n".join(small)
    window.close()
    wait_for_tasks()
    install_translations(QApplication.instance(), "en")


def test_each_service_shows_its_icon_beside_its_words_and_the_logo_heads_the_start_page(
        demo_db, db_path, qtbot, frozen_clock):
    from PySide6.QtWidgets import QLabel

    Hall.update(opens="00:00", closes="24:00").execute()
    window = KioskWindow(AppContext(open_session(lang="en"), TerminalConfig(mode="kiosk", lang="en"), str(db_path)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(window.category_buttons))
    ops_done(qtbot)
    for code, button in window.category_buttons.items():
        assert not button.icon().isNull(), code
        assert button.text().strip(), code  # never a picture alone
        assert theme.current().icon_file(f"category:{code}").exists()
    assert window.category_buttons["payment"].palette().color(
        window.category_buttons["payment"].backgroundRole()).name() == theme.colour("kiosk", "primary")
    logo = window.start_page.findChild(QLabel, "kioskLogo")
    assert logo is not None and not logo.pixmap().isNull()
    # The icon set ships with its licence.
    assert "MIT License" in (theme.current().folder / "icons" / "LICENSE-phosphor.txt").read_text()
    window.close()
    wait_for_tasks()
