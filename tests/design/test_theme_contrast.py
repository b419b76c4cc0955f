"""Readability of the theme, computed from resources/theme/theme.json: every text/background
pair a role declares meets WCAG 2.2 AA (4.5:1; 3:1 for large text), and every colour the
stylesheet or a document names exists in its role."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import counter_app
from counter_app import theme

ROLES = theme.ROLES


def test_the_wcag_formula_gives_the_known_extremes_and_a_known_pair():
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic "just fails"
    assert theme.contrast("#ffffff", "#777777") == theme.contrast("#777777", "#ffffff")


@pytest.mark.parametrize("role", ROLES)
def test_every_text_pair_of_a_role_meets_wcag_aa_for_normal_text(role):
    r = theme.current().role(role)
    assert r.pairs, f"role {role} declares no text/background pairs"
    weak = [(text, back, round(theme.contrast(r.colour(text), r.colour(back)), 2)) for text, back in r.pairs
            if theme.contrast(r.colour(text), r.colour(back)) < 4.5]
    assert weak == []


def test_the_display_is_dark_and_the_counter_light_from_the_same_palette():
    t = theme.current()
    display, counter = t.role("display"), t.role("counter")
    assert display.dark and not counter.dark
    assert theme.luminance(display.colour("background")) < 0.05 < 0.8 < theme.luminance(counter.colour("background"))
    palette = set(t.palette.values())
    for role in ROLES:
        assert set(t.role(role).colours.values()) <= palette


def test_the_kiosk_accent_text_stays_readable_as_large_text_on_every_surface():
    """Large text (≥ 18 pt, or 14 pt bold) may go down to 3:1; the kiosk's primary buttons use it."""
    r = theme.current().role("kiosk")
    assert r.numbers["button_pt"] >= theme.current().large_text_pt
    assert theme.contrast(r.colour("on_primary"), r.colour("primary")) >= 3.0


@pytest.mark.parametrize("role", [r for r in ROLES if r != "print"])
def test_the_stylesheet_of_every_screen_role_is_complete(role):
    qss = theme.qss(role)
    assert "$" not in qss
    assert set(re.findall(r"#[0-9a-fA-F]{6}", qss)) <= set(theme.current().palette.values())


def test_no_window_or_document_writes_a_colour_of_its_own():
    package = Path(counter_app.__file__).parent
    offenders = []
    for folder in ("ui", "documents"):
        for path in sorted((package / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if re.search(r"#[0-9a-fA-F]{6}\b", text) or "setStyleSheet(" in text and path.name != "style.py":
                offenders.append(path.name)
    assert offenders == []
