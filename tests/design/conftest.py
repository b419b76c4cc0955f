"""The design checks look at the windows as a hall PC shows them: the application's font (the
bundled CJK face at 11 pt) and stylesheet, as ``make_application`` sets them."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from counter_app import theme


@pytest.fixture(autouse=True)
def app_look(qapp):
    from counter_app.app import load_fonts

    font, sheet = QApplication.font(), qapp.styleSheet()
    load_fonts(qapp)
    qapp.setStyleSheet(theme.qss("counter"))
    yield
    qapp.setStyleSheet(sheet)
    QApplication.setFont(font)
