"""English texts on the hall's CJK font: an ellipsis on the line, not in its middle, in the
translated texts and in the cells Qt cuts short."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication, QPushButton

from counter_app.ui.i18n import install_translations
from counter_app.ui.widgets.elide import eliding


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


def hall_font() -> QFont:
    from counter_app import paths

    font_id = QFontDatabase.addApplicationFont(str(paths.cjk_font_file()))
    font = QFont(QFontDatabase.applicationFontFamilies(font_id)[0])
    font.setPointSize(11)
    return font


def _cut_cell(lang: str, qtbot) -> QImage:
    """A table's one cell, too narrow for its English text, as drawn in ``lang``."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    install_translations(QApplication.instance(), lang)
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))
    view = eliding(QTableView())
    qtbot.addWidget(view)
    view.setFont(hall_font())  # as the program's windows have it (app.load_fonts)
    view.setModel(model)
    view.horizontalHeader().hide()
    view.verticalHeader().hide()
    view.setColumnWidth(0, 150)
    view.setShowGrid(False)
    view.resize(200, 60)
    view.show()
    qtbot.waitExposed(view)
    return view.viewport().grab(view.visualRect(model.index(0, 0))).toImage()


def _ink(image: QImage) -> list[tuple[int, int]]:
    return [(x, y) for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).lightness() < 128]


def test_a_cell_cut_in_english_ends_on_the_line_and_in_chinese_mid_line(qtbot, qapp):
    """The cut's last marks (the ellipsis) sit on the line of the letters in English (three
    full stops), and above it in Chinese (the font's own "…", mid-line)."""
    try:
        shapes = {}
        for lang in ("en", "zh_CN"):
            ink = _ink(_cut_cell(lang, qtbot))
            baseline = max(y for _x, y in ink)  # "a" has no descender: its lowest ink is the line
            right = max(x for x, _y in ink)
            ellipsis = [y for x, y in ink if x >= right - 3]  # the last dot
            shapes[lang] = baseline - max(ellipsis)
    finally:
        install_translations(QApplication.instance(), "en")
    assert shapes["en"] <= 1, shapes  # on the line
    assert shapes["zh_CN"] >= 3, shapes  # mid-line, as Chinese wants it


def test_elided_text_fits_and_ends_with_the_languages_ellipsis(qapp):
    from counter_app.ui.widgets.elide import elided

    metrics = QFontMetrics(hall_font())
    text = "Overpayment of 12.00 yuan credited to the line's balance"
    try:
        install_translations(QApplication.instance(), "en")
        english = elided(metrics, text, 120)
        whole = elided(metrics, "Paid", 120)
        install_translations(QApplication.instance(), "zh_CN")
        chinese = elided(metrics, text, 120)
    finally:
        install_translations(QApplication.instance(), "en")
    assert english.endswith("...") and "\u2026" not in english and metrics.horizontalAdvance(english) <= 120
    assert text.startswith(english[:-3])
    assert whole == "Paid"  # what fits is left alone
    assert chinese.endswith("\u2026") and metrics.horizontalAdvance(chinese) <= 120
