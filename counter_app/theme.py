"""The hall's visual identity as data: resources/theme/theme.json holds the palette, the type
scale, spacing and corner radius, and per role (counter, manager, kiosk, display, print) which
palette colour plays which part. This module turns it into the Qt stylesheet of a window
(resources/theme/app.qss filled with the role's tokens) and into reportlab colours for the
printed documents, so screens and paper share one set of colours.

No Qt here: the stylesheet is text, and ``counter_app.ui.style`` applies it. An operator
replaces ``logo.svg`` and the brand colours in theme.json; nothing else changes.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from counter_app import paths

ROLES = ("counter", "manager", "kiosk", "display", "print")


@dataclass(frozen=True)
class Role:
    """One role's tokens: ``colours`` maps a part (text, background, danger…) to a hex colour."""

    name: str
    dark: bool
    colours: dict[str, str]
    numbers: dict[str, float]
    pairs: list[tuple[str, str]] = field(default_factory=list)
    series: list[str] = field(default_factory=list)

    def colour(self, part: str) -> str:
        return self.colours[part]


@dataclass(frozen=True, eq=False)
class Theme:
    data: dict[str, Any]
    folder: Path

    @property
    def palette(self) -> dict[str, str]:
        return self.data["palette"]

    @property
    def large_text_pt(self) -> float:
        return float(self.data["type"]["large_text_pt"])

    @property
    def large_bold_text_pt(self) -> float:
        return float(self.data["type"]["large_bold_text_pt"])

    def touch_px(self, screen: str) -> int:
        """The kiosk's smallest touch target in pixels on one of its assumed screens ("1920x1080")."""
        kiosk = self.data["roles"]["kiosk"]
        return round(kiosk["touch_target_mm"] / 25.4 * kiosk["screens_ppi"][screen])

    def icon_file(self, use: str) -> Path | None:
        """The icon of a use ("category:payment", "tab:board"…); a "kind:*" entry covers the
        rest of its kind. None when the theme gives that use no icon."""
        icons = self.data.get("icons", {})
        name = icons.get(use) or icons.get(use.split(":", 1)[0] + ":*")
        return self.folder / "icons" / f"{name}.svg" if name else None

    @property
    def logo(self) -> Path:
        return self.folder / self.data["logo"]

    def role(self, name: str) -> Role:
        return _role(self, name)

    def qss(self, role: str) -> str:
        """The Qt stylesheet of a window of this role."""
        r = self.role(role)
        values: dict[str, str] = dict(r.colours)
        values.update({k: _num(v) for k, v in r.numbers.items()})
        template = string.Template((self.folder / "app.qss").read_text(encoding="utf-8"))
        return template.substitute(values)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


@cache
def _role(theme: Theme, name: str) -> Role:
    if name not in theme.data["roles"]:
        raise KeyError(f"theme.json has no role {name!r}")
    spec = theme.data["roles"][name]
    chain = [spec]
    while "inherits" in chain[-1]:
        chain.append(theme.data["roles"][chain[-1]["inherits"]])
    merged: dict[str, Any] = {}
    tokens: dict[str, str] = {}
    for level in reversed(chain):
        merged.update({k: v for k, v in level.items() if k != "tokens"})
        tokens.update(level.get("tokens", {}))
    palette = theme.palette
    colours = {part: palette[name_] for part, name_ in tokens.items()}
    scale = theme.data["type"]["scale_pt"]
    numbers: dict[str, float] = {f"{k}_pt": v for k, v in scale.items()}
    numbers.update({f"space_{k}": v for k, v in theme.data["spacing_px"].items()})
    numbers.update({f"radius_{k}": v for k, v in theme.data["radius_px"].items()})
    for key, value in merged.items():
        if key.endswith("_pt") or key.endswith("_mm"):
            numbers[key] = value
    vertical, horizontal = merged.get("button_padding_px", [6, 14])
    numbers["button_padding_v"], numbers["button_padding_h"] = vertical, horizontal
    numbers.setdefault("button_pt", numbers.get("body_pt", scale["body"]))
    return Role(name=name, dark=bool(merged.get("dark", False)), colours=colours, numbers=numbers,
                pairs=[(a, b) for a, b in merged.get("pairs", [])],
                series=[palette[s] for s in merged.get("series", [])])


@cache
def _load(folder: str) -> Theme:
    path = Path(folder)
    with open(path / "theme.json", encoding="utf-8") as handle:
        data = json.load(handle)
    return Theme(data=data, folder=path)


def current() -> Theme:
    return _load(str(paths.resource("theme")))


def colour(role: str, part: str) -> str:
    """A role's colour as hex, e.g. ``colour("counter", "danger")``."""
    return current().role(role).colour(part)


def qss(role: str) -> str:
    return current().qss(role)


# ---------------------------------------------------------------- print (reportlab)

def pdf_colour(part: str):
    """A print token as a reportlab colour (documents use only these)."""
    from reportlab.lib import colors

    return colors.HexColor(colour("print", part))


def pdf_series() -> list[Any]:
    """The print role's chart colours, in order."""
    from reportlab.lib import colors

    return [colors.HexColor(c) for c in current().role("print").series]


# ---------------------------------------------------------------- contrast (WCAG 2.2)

def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1.0 … 21.0."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
