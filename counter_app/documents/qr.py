"""Verification QR codes on printed documents.

The payload is a short text a scanner (a keyboard-wedge scanner types it) or a phone can
read: ``CA1|<kind>|<id>|<check>``, where ``check`` is the first 8 hex digits of an HMAC
over the rest with the hall's document key, so a forged slip does not verify.
"""

from __future__ import annotations

import hashlib
import hmac
import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.utils import ImageReader

from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP

PREFIX = "CA1"
_DEFAULT_KEY = b"counter_app-document-key"
# A code printed in training mode names its kind "TRAINING.<kind>" (counter_app/training.py):
# a training process reads it like any other, every other process refuses it by name.
TRAINING_KIND = "TRAINING."
TRAINING_REFUSED = QT_TRANSLATE_NOOP("Errors", "This code is from a training printout (培训): it is not valid "
                                               "at a real counter.")


def _signed(kind: str, ident: str, key: bytes) -> str:
    body = f"{PREFIX}|{kind}|{ident}"
    check = hmac.new(key, body.encode(), hashlib.sha256).hexdigest()[:8]
    return f"{body}|{check}"


def payload(kind: str, ident: str, key: bytes = _DEFAULT_KEY) -> str:
    from counter_app import training

    return _signed(TRAINING_KIND + kind if training.is_active() else kind, ident, key)


def parse(text: str, key: bytes = _DEFAULT_KEY) -> tuple[str, str] | None:
    """(kind, id) when ``text`` is one of our codes with a valid check, else None. A code of a
    training printout is refused (ValidationError) outside training mode."""
    from counter_app import training

    parts = text.strip().split("|")
    if len(parts) != 4 or parts[0] != PREFIX:
        return None
    if not hmac.compare_digest(_signed(parts[1], parts[2], key), text.strip()):
        return None
    kind = parts[1]
    if kind.startswith(TRAINING_KIND):
        if not training.is_active():
            raise ValidationError(TRAINING_REFUSED, field="query")
        kind = kind.removeprefix(TRAINING_KIND)
    return kind, parts[2]


def qr_png(data: str, box_size: int = 8, border: int = 2) -> bytes:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=border)
    code.add_data(data)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_image_reader(data: str) -> ImageReader:
    return ImageReader(io.BytesIO(qr_png(data)))


def draw_qr(canvas, data: str, x: float, y: float, size: float) -> None:
    """Draw a QR code of side ``size`` points with its lower-left corner at (x, y)."""
    canvas.drawImage(qr_image_reader(data), x, y, width=size, height=size)
