"""Fonts for printed documents. Chinese text uses an embedded TrueType CJK font (WenQuanYi
Micro Hei), so a page prints the same on any machine and any viewer; reportlab's built-in
CID fonts are not embedded and render blank where the viewer lacks them."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from counter_app import paths

CJK = "CJK"
CJK_BOLD = "CJK-Bold"  # the same face; bold is drawn by the renderer where needed
_registered = False


class FontMissing(RuntimeError):
    pass


def register_fonts() -> str:
    """Register the CJK font once; returns its reportlab name."""
    global _registered
    if _registered:
        return CJK
    font_file = paths.cjk_font_file()
    if font_file is None:
        raise FontMissing("No TrueType CJK font found: install fonts-wqy-microhei")
    pdfmetrics.registerFont(TTFont(CJK, str(font_file), subfontIndex=0))
    pdfmetrics.registerFont(TTFont(CJK_BOLD, str(font_file), subfontIndex=0))
    from reportlab.lib.fonts import addMapping

    addMapping(CJK, 0, 0, CJK)
    addMapping(CJK, 1, 0, CJK_BOLD)
    addMapping(CJK, 0, 1, CJK)
    addMapping(CJK, 1, 1, CJK_BOLD)
    _registered = True
    return CJK
