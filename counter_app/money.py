"""Money is integer fen (分) everywhere; yuan exist only on screen and paper.

Parsing never goes through float: "0.1" + "0.2" is 10 + 20 fen, exactly 30.
"""

from __future__ import annotations

import re

from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP

_YUAN_RE = re.compile(r"^\s*(?P<sign>[-+]?)(?P<int>\d{1,12})(?:\.(?P<frac>\d*))?\s*$")

MAX_FEN_DEFAULT = 5_000_000  # 50,000 yuan: beyond any counter payment


def parse_yuan(text: str, *, min_fen: int = 1, max_fen: int = MAX_FEN_DEFAULT, field: str = "amount") -> int:
    """Turn what the clerk typed ("50", "50.5", "0.30") into fen, or raise ValidationError."""
    if isinstance(text, float):  # a float has already lost the exact value
        raise TypeError("amounts must not be floats")
    raw = str(text).replace(",", "").replace("¥", "").replace("元", "").strip()
    if not raw:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Enter an amount."), field=field)
    match = _YUAN_RE.match(raw)
    if not match:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "“{text}” is not an amount in yuan, e.g. 50 or 50.00."), field=field, text=raw
        )
    frac = match.group("frac") or ""
    if len(frac) > 2:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "An amount has at most two decimals (fen): “{text}”."), field=field, text=raw
        )
    fen = int(match.group("int")) * 100 + int((frac + "00")[:2])
    if match.group("sign") == "-":
        fen = -fen
    if fen < min_fen:
        if fen < 0:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The amount cannot be negative."), field=field)
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "The amount must be at least {minimum} yuan."), field=field,
            minimum=format_yuan(min_fen),
        )
    if fen > max_fen:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "The amount is above the limit of {maximum} yuan."), field=field,
            maximum=format_yuan(max_fen),
        )
    return fen


def format_yuan(fen: int, *, symbol: bool = False) -> str:
    """12345 -> "123.45"; -5 -> "-0.05". Integer arithmetic only."""
    if not isinstance(fen, int):
        raise TypeError("fen must be an int")
    sign = "-" if fen < 0 else ""
    whole, part = divmod(abs(fen), 100)
    text = f"{sign}{whole:,}.{part:02d}" if abs(fen) >= 100_000_00 else f"{sign}{whole}.{part:02d}"
    return f"¥{text}" if symbol else text
