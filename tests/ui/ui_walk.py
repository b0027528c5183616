"""Collect every text a window could show: widget texts, tooltips, menu and tab
labels, and the DisplayRole data and headers of every item model in it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    """Its column count (a QListWidget's model keeps that method private: one column)."""
    try:
        return int(model.columnCount(parent))
    except TypeError:
        return 1


def _model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    out: list[str] = []
    display = Qt.ItemDataRole.DisplayRole
    if not parent.isValid():
        for column in range(_columns(model, QModelIndex())):
            out.append(str(model.headerData(column, Qt.Orientation.Horizontal, display) or ""))
    for row in range(model.rowCount(parent)):
        for column in range(_columns(model, parent)):
            index = model.index(row, column, parent)
            out.append(str(index.data(display) or ""))
            out.append(str(index.data(Qt.ItemDataRole.ToolTipRole) or ""))
            if column == 0 and model.rowCount(index) > 0:
                out += _model_texts(model, index)
    return out


def widget_texts(widget: QWidget) -> list[str]:
    texts = [widget.windowTitle(), widget.toolTip(), widget.accessibleName()]
    if isinstance(widget, QLabel):
        texts.append(widget.text())
    elif isinstance(widget, QLineEdit):
        texts += [widget.text(), widget.placeholderText()]
    elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
        texts.append(widget.toPlainText())
    elif isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QGroupBox):
        texts.append(widget.title())
    elif isinstance(widget, QTabBar):
        for i in range(widget.count()):
            texts += [widget.tabText(i), widget.tabToolTip(i)]
    elif isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    elif isinstance(widget, QMenu):
        texts.append(widget.title())
    return texts


def all_texts(root: QWidget) -> list[str]:
    """Every text under ``root`` (visible or not: hidden widgets count too)."""
    texts = widget_texts(root)
    for widget in root.findChildren(QWidget):
        texts += widget_texts(widget)
    models: set[int] = set()
    for obj in [
        *root.findChildren(QAbstractItemModel),
        *(v.model() for v in root.findChildren(QAbstractItemView) if v.model()),
    ]:
        if id(obj) not in models:
            models.add(id(obj))
            texts += _model_texts(obj)
    for action in root.findChildren(QAction):
        texts += [action.text(), action.toolTip()]
    return [t for t in texts if t]


def models_in(root: QObject) -> list[QAbstractItemModel]:
    return list(root.findChildren(QAbstractItemModel))
