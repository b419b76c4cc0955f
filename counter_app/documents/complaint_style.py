"""What the complaint documents share: paragraph styles on the embedded CJK font, label
lookup by language, table styling, date formats."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle

from counter_app import theme
from counter_app.documents.fonts import register_fonts
from counter_app.money import format_yuan


class Styles:
    def __init__(self, base: float = 9.5) -> None:
        font = register_fonts()
        self.font = font
        # CJK wrapping breaks between any two Chinese characters, not only at spaces.
        self.body = ParagraphStyle("body", fontName=font, fontSize=base, leading=base * 1.45, wordWrap="CJK")
        self.small = ParagraphStyle("small", fontName=font, fontSize=base - 1.5, leading=(base - 1.5) * 1.4,
                                    textColor=theme.pdf_colour("text_muted"))
        self.title = ParagraphStyle("title", fontName=font, fontSize=base + 7, leading=(base + 7) * 1.3,
                                    alignment=1, spaceAfter=2)
        self.subtitle = ParagraphStyle("subtitle", fontName=font, fontSize=base, leading=base * 1.4, alignment=1,
                                       textColor=theme.pdf_colour("text_muted"), spaceAfter=6)
        self.heading = ParagraphStyle("heading", fontName=font, fontSize=base + 2, leading=(base + 2) * 1.4,
                                      spaceBefore=8, spaceAfter=3, textColor=theme.pdf_colour("heading"))
        self.cell = ParagraphStyle("cell", fontName=font, fontSize=base - 0.5, leading=(base - 0.5) * 1.35,
                                   wordWrap="CJK")
        self.tiny = ParagraphStyle("tiny", parent=self.cell, fontSize=base - 2, leading=(base - 2) * 1.3)
        self.strong = ParagraphStyle("strong", parent=self.body, textColor=theme.pdf_colour("danger"),
                                     fontSize=base + 1.5, leading=(base + 1.5) * 1.4)

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(escape(text), style or self.cell)

    def grid(self, header_rows: int = 1, numeric_from: int | None = None) -> TableStyle:
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("GRID", (0, 0), (-1, -1), 0.4, theme.pdf_colour("grid")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        if header_rows:
            commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), theme.pdf_colour("head_bg")))
        if numeric_from is not None:
            commands.append(("ALIGN", (numeric_from, header_rows), (-1, -1), "RIGHT"))
        return TableStyle(commands)


def escape(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>"))


def label(labels: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    zh, en = labels[key]
    return zh if lang.startswith("zh") else en


def when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"


def yuan(fen: int) -> str:
    return format_yuan(fen)
