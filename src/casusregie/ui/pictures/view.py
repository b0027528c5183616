"""A zoomable view of one picture: Ctrl + wheel or the buttons zoom, drag to pan.

``fit()`` shows the whole picture; ``zoom_by()`` keeps the point under the mouse in
place. The scale is kept between 20 % and 2000 % of "one millimetre = one pixel".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from casusregie.ui.pictures.scene import PictureScene

__all__ = ["PictureView"]

MIN_SCALE = 0.2
MAX_SCALE = 20.0


class PictureView(QGraphicsView):
    def __init__(self, scene: PictureScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(Qt.GlobalColor.white)

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        target = min(max(self.zoom * factor, MIN_SCALE), MAX_SCALE)
        if self.zoom:
            self.scale(target / self.zoom, target / self.zoom)

    @Slot()
    def zoom_in(self) -> None:
        self.zoom_by(1.25)

    @Slot()
    def zoom_out(self) -> None:
        self.zoom_by(0.8)

    @Slot()
    def fit(self) -> None:
        rect = self.sceneRect()
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom > MAX_SCALE or self.zoom < MIN_SCALE:
            self.zoom_by(1.0)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.0015 ** event.angleDelta().y())
            event.accept()
        else:
            super().wheelEvent(event)
