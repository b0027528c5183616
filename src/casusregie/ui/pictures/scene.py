"""A layout ``Picture`` as Qt graphics items: the on-screen twin of ``reports.drawing``.

Scene units are the layout's millimetres, so the items have exactly the layout's
coordinates; ``drawn`` lists each primitive with the item made for it (the tests
compare this with what reportlab was asked to draw). In a genogram, a person's symbol
and name form one group that can be dragged sideways; letting go emits
``person_moved`` with the new centre of the symbol.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractGraphicsShapeItem,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsItemGroup,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
)

from casusregie.layout import primitives as p
from casusregie.layout.textmetrics import FONT_FAMILY
from casusregie.ui.fonts import register_fonts

__all__ = ["PictureScene", "qt_font"]

#: Text is laid out at this pixel size and scaled down to the layout's size in mm.
_BASE = 100.0


def qt_font(bold: bool = False) -> QFont:
    """The layout's font (the shipped DejaVu Sans) at the base size."""
    register_fonts()
    font = QFont(FONT_FAMILY)
    font.setPixelSize(int(_BASE))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setKerning(False)  # reportlab does not kern: the same advances on paper
    return font


def _pen(pen: p.Pen | None) -> QPen:
    if pen is None:
        return QPen(Qt.PenStyle.NoPen)
    qpen = QPen(QColor(pen.color), pen.width)
    qpen.setCapStyle(Qt.PenCapStyle.FlatCap)
    qpen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    if pen.dash:
        qpen.setDashPattern([d / pen.width for d in pen.dash])  # Qt counts in pen widths
    return qpen


def _brush(fill: str | None) -> QBrush:
    return QBrush(QColor(fill)) if fill else QBrush(Qt.BrushStyle.NoBrush)


def make_item(item: p.Primitive) -> QGraphicsItem:
    """One Qt item for one primitive, in the primitive's own coordinates."""
    if isinstance(item, p.Rect):
        if item.radius:
            path = QPainterPath()
            path.addRoundedRect(QRectF(item.x, item.y, item.w, item.h), item.radius, item.radius)
            g: QAbstractGraphicsShapeItem = QGraphicsPathItem(path)
        else:
            g = QGraphicsRectItem(item.x, item.y, item.w, item.h)
        g.setPen(_pen(item.pen))
        g.setBrush(_brush(item.fill))
        return g
    if isinstance(item, p.Circle):
        e = QGraphicsEllipseItem(item.cx - item.r, item.cy - item.r, 2 * item.r, 2 * item.r)
        e.setPen(_pen(item.pen))
        e.setBrush(_brush(item.fill))
        return e
    if isinstance(item, p.Line):
        line = QGraphicsLineItem(item.x1, item.y1, item.x2, item.y2)
        line.setPen(_pen(item.pen))
        return line
    if isinstance(item, p.Polyline):
        points = [QPointF(x, y) for x, y in item.points]
        if item.closed:
            poly = QGraphicsPolygonItem(QPolygonF(points))
            poly.setPen(_pen(item.pen))
            poly.setBrush(_brush(item.fill))
            return poly
        path = QPainterPath(points[0])
        for pt in points[1:]:
            path.lineTo(pt)
        open_path = QGraphicsPathItem(path)
        open_path.setPen(_pen(item.pen))
        return open_path
    text = QGraphicsSimpleTextItem(item.text)
    font = qt_font(item.bold)
    text.setFont(font)
    text.setBrush(QColor(item.color))
    text.setPen(QPen(Qt.PenStyle.NoPen))
    scale = item.size / _BASE
    metrics = QFontMetricsF(font)
    width = metrics.horizontalAdvance(item.text) * scale
    shift = {"start": 0.0, "middle": width / 2, "end": width}[item.anchor]
    text.setScale(scale)
    text.setPos(item.x - shift, item.y - metrics.ascent() * scale)
    return text


class _Person(QGraphicsItemGroup):
    """A person's symbol and name; moves sideways only (the generation fixes the row)."""

    def __init__(self, key: str, centre: QPointF) -> None:
        super().__init__()
        self.key = key
        self.centre = centre
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges, True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange and isinstance(
            value, QPointF
        ):
            return QPointF(value.x(), 0.0)
        return super().itemChange(change, value)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        scene = self.scene()
        if abs(self.pos().x()) > 0.5 and isinstance(scene, PictureScene):
            scene.person_moved.emit(
                self.key.split(":", 1)[1], self.centre.x() + self.pos().x(), self.centre.y()
            )


class PictureScene(QGraphicsScene):
    #: a person was dragged: person id, new x and y of the symbol's centre (mm)
    person_moved = Signal(str, float, float)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.picture: p.Picture | None = None
        self.drawn: list[tuple[p.Primitive, QGraphicsItem]] = []
        self.setBackgroundBrush(QBrush(QColor("#ffffff")))

    def show_picture(self, picture: p.Picture, movable: bool = False) -> None:
        """Replace what is shown; with ``movable`` people can be dragged sideways."""
        self.clear()
        self.drawn = []
        self.picture = picture
        groups: dict[str, _Person] = {}
        for prim in picture.items:
            item = make_item(prim)
            self.drawn.append((prim, item))
            anchor = picture.anchors.get(prim.key) if movable else None
            if anchor is not None and prim.key.startswith("person:"):
                group = groups.get(prim.key)
                if group is None:
                    centre = QPointF((anchor.x0 + anchor.x1) / 2, (anchor.y0 + anchor.y1) / 2)
                    group = groups[prim.key] = _Person(prim.key, centre)
                    self.addItem(group)
                group.addToGroup(item)
            else:
                self.addItem(item)
        self.setSceneRect(QRectF(picture.x0, picture.y0, picture.width, picture.height))

    def forget(self) -> None:
        """Drop every item (case data) at once, as locking requires."""
        self.clear()
        self.drawn = []
        self.picture = None
