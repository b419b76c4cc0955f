"""English texts on the hall's CJK font: an ellipsis on the line, not in its middle."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QPushButton

from counter_app.ui.i18n import install_translations


def test_in_english_an_ellipsis_is_three_full_stops_and_chinese_keeps_its_own(qapp):
    try:
        install_translations(QApplication.instance(), "en")
        english = QCoreApplication.translate("Training", "Training mode…")
        plain = QCoreApplication.translate("Training", "Reset")
        plural = QCoreApplication.translate("Nowhere", "%n waiting…", None, 3)
        install_translations(QApplication.instance(), "zh_CN")
        chinese = QCoreApplication.translate("Training", "Training mode…")
    finally:
        install_translations(QApplication.instance(), "en")
    assert english == "Training mode..."
    assert plain == "Reset"  # a text without one is left alone
    assert plural == "3 waiting..."  # Qt still fills in the count
    assert chinese == "培训模式…"  # the Chinese text keeps its own, as translated


def test_the_sign_in_window_in_english_shows_no_mid_line_ellipsis(qtbot, demo_db, db_path):
    from counter_app.config import TerminalConfig
    from counter_app.services.session import open_session
    from counter_app.ui.context import AppContext
    from counter_app.ui.login import LoginWindow
    from counter_app.ui.training.launch import add_training_button

    install_translations(QApplication.instance(), "en")
    window = LoginWindow(AppContext(open_session(counter_number=1, lang="en"), TerminalConfig(lang="en"),
                                    str(db_path)))
    qtbot.addWidget(window)
    add_training_button(window, window.ctx)  # as the program's shell adds it
    texts = [button.text() for button in window.findChildren(QPushButton)]
    assert "Training mode..." in texts
    assert not [text for text in texts if "…" in text]
