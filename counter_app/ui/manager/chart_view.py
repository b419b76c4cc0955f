"""Shows a reportlab chart on screen: the chart arrives as a one-page PDF (see
``documents/charts.py``) and is painted with QtPdf, so screen and paper show the same chart."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QSizePolicy, QWidget


class ChartView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(280, 170)
        self._doc = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self._image: QImage | None = None

    @property
    def loaded(self) -> bool:
        return self._doc.pageCount() > 0

    def set_pdf(self, data: bytes) -> None:
        self._doc.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._doc.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self._image = None
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 230)

    def image(self) -> QImage | None:
        if not self.loaded:
            return None
        page = self._doc.pagePointSize(0)
        scale = min(self.width() / page.width(), self.height() / page.height())
        size = QSize(max(1, int(page.width() * scale)), max(1, int(page.height() * scale)))
        if self._image is None or self._image.size() != size:
            self._image = self._doc.render(0, size)
        return self._image

    def paintEvent(self, event) -> None:  # noqa: ARG002 - Qt's signature
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        image = self.image()
        if image is not None:
            x = (self.width() - image.width()) // 2
            y = (self.height() - image.height()) // 2
            painter.drawImage(x, y, image)
        painter.end()
