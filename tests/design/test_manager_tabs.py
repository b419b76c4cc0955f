"""The manager's thirteen tabs all show in the tab bar on a hall PC's screen: no section hides
behind scroll arrows, in Chinese or in English (seen at 1366×768 in English: Audit and Backups
were reachable only through the arrows)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolButton

from tests.design.test_window_walk import SCREENS, open_window  # noqa: F401 - the real window's fixture


def hidden_tabs(window) -> list[str]:
    """The titles of the tabs not wholly inside the bar."""
    bar = window.tabs.tabBar()
    return [bar.tabText(i) for i in range(bar.count()) if not bar.rect().contains(bar.tabRect(i))]


def scroll_arrows(window) -> list[QToolButton]:
    return [b for b in window.tabs.tabBar().findChildren(QToolButton) if b.isVisible()]


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_tab_shows_without_scroll_arrows(open_window, lang, screen):  # noqa: F811
    window = open_window("manager", lang, screen)
    assert window.tabs.objectName() == "managerTabs" and window.tabs.count() == 13
    assert not hidden_tabs(window), f"behind the scroll arrows at {window.width()} px: {hidden_tabs(window)}"
    assert not scroll_arrows(window)
    for full_screen in (SCREENS[screen].size(),):  # maximised, as the screenshots show it
        window.resize(full_screen)
        assert not hidden_tabs(window) and not scroll_arrows(window)


def test_the_check_sees_a_tab_behind_the_arrows(open_window):  # noqa: F811
    """The same window squeezed: the check names the tabs it can no longer show."""
    window = open_window("manager", "en", "1366x768")
    window.setMinimumWidth(0)
    window.resize(700, 600)
    assert "Backups" in hidden_tabs(window) and scroll_arrows(window)
