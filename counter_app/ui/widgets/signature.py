"""A signature pad: the customer signs with the mouse, a finger or a pen.

Strokes are kept as point lists and painted smoothly; :meth:`SignaturePad.to_png` renders
them black on white at a fixed size for the slip, whatever the widget's size on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from counter_app.ui.style import colour

EXPORT_SIZE = QSize(600, 220)
MIN_POINTS = 8  # fewer points is a stray click, not a signature


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setMinimumSize(360, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(self.tr("The customer signs here with the mouse, a finger or the pen"))
        self.strokes: list[list[QPointF]] = []  # in widget-independent units (0..1)
        self._drawing = False

    # -- input ---------------------------------------------------------------------------------

    def _norm(self, pos: QPointF) -> QPointF:
        w, h = max(1, self.width()), max(1, self.height())
        return QPointF(min(max(pos.x() / w, 0.0), 1.0), min(max(pos.y() / h, 0.0), 1.0))

    def _start(self, pos: QPointF) -> None:
        self._drawing = True
        self.strokes.append([self._norm(pos)])
        self.update()

    def _move(self, pos: QPointF) -> None:
        if self._drawing and self.strokes:
            self.strokes[-1].append(self._norm(pos))
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._start(event.position())

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        self._move(event.position())

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        self._end()

    def tabletEvent(self, event) -> None:  # noqa: N802 - a pen on a signature tablet
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._start(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._move(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            points = event.points()
            if points:
                pos = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self._start(pos)
                elif kind == QEvent.Type.TouchUpdate:
                    self._move(pos)
                else:
                    self._end()
            event.accept()
            return True
        return super().event(event)

    # -- state ---------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return sum(len(s) for s in self.strokes) < MIN_POINTS

    def clear(self) -> None:
        self.strokes.clear()
        self.update()
        self.changed.emit()

    def set_strokes(self, strokes: list[list[tuple[float, float]]]) -> None:
        """Strokes in 0..1 units (a replayed signature; tests draw with it too)."""
        self.strokes = [[QPointF(x, y) for x, y in stroke] for stroke in strokes]
        self.update()
        self.changed.emit()

    # -- drawing -------------------------------------------------------------------------------

    def _paint(self, painter: QPainter, size: QSize, width: float) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("black"), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        for stroke in self.strokes:
            path = QPainterPath(QPointF(stroke[0].x() * size.width(), stroke[0].y() * size.height()))
            for point in stroke[1:]:
                path.lineTo(point.x() * size.width(), point.y() * size.height())
            if len(stroke) == 1:
                path.lineTo(path.currentPosition() + QPointF(0.5, 0.5))
            painter.drawPath(path)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(colour("border"), 1, Qt.PenStyle.DashLine))
        baseline = self.height() * 0.78
        painter.drawLine(QPointF(12, baseline), QPointF(self.width() - 12, baseline))
        if not self.strokes:
            painter.setPen(colour("text_muted"))
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.tr("Customer's signature"))
        self._paint(painter, self.size(), 2.5)
        painter.end()

    def to_png(self) -> bytes:
        image = QImage(EXPORT_SIZE, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._paint(painter, EXPORT_SIZE, 4.0)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data)
