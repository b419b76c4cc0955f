"""Drawing the verification QR codes of printed documents.

Only drawing: the text of a code (signed with the issuing hall's key) is made and checked by
``services/signing.py``; a document draws the payload it is given.
"""

from __future__ import annotations

import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas


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


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    """Draw a QR code of side ``size`` points with its lower-left corner at (x, y)."""
    canvas.drawImage(qr_image_reader(data), x, y, width=size, height=size)
