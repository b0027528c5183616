"""The case page's side list, and where Tab goes from it.

The pages are built when first shown, so their widgets join the window's focus chain
after the side list, or (the overview's links, made per case) at its very end. Tab in
the side list therefore does not follow the chain: it goes to the first control of the
page on screen, the one at the top left (reading order). From there Tab walks the page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTreeWidget, QWidget

__all__ = ["SideList", "first_control"]


def _takes_tab(widget: QWidget) -> bool:
    return (
        widget.isVisible()
        and widget.isEnabled()
        and widget.focusProxy() is None
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )


def first_control(page: QWidget) -> QWidget | None:
    """The control Tab should reach first on ``page``: top-most, then left-most (the
    page itself, a scroll area, only when nothing in it takes focus)."""
    inside = [w for w in page.findChildren(QWidget) if _takes_tab(w)]
    if not inside:
        return page if _takes_tab(page) else None

    def place(widget: QWidget) -> tuple[int, int]:
        point = widget.mapTo(page, QPoint(0, 0))
        return (point.y(), point.x())

    return min(inside, key=place)


class SideList(QTreeWidget):
    """A tree of the case's pages; Tab goes into the page on screen."""

    def __init__(self, current_page: Callable[[], QWidget | None], parent: QWidget) -> None:
        super().__init__(parent)
        self._current_page = current_page

    def focusNextPrevChild(self, next: bool) -> bool:
        page = self._current_page() if next else None
        target = first_control(page) if page is not None else None
        if target is None:
            return super().focusNextPrevChild(next)
        target.setFocus(Qt.FocusReason.TabFocusReason)
        return True
