"""The pictures of the open case in a window of their own, beside the forms.

The title names no one (window titles can show up in other apps). ``clear()`` empties
it and closes it; whoever locks the app calls it, as it does for the case page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from casusregie.domain.model import CaseFile
from casusregie.ui.pictures.panel import PicturesPanel

__all__ = ["PicturesWindow"]


class PicturesWindow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Tekeningen – Casusregie"))
        self.panel = PicturesPanel(self)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.panel)
        self.resize(1100, 750)

    def show_case(self, cf: CaseFile, kind: str = "") -> None:
        """Show (and raise) the pictures of ``cf``, on the picture ``kind`` if given."""
        if kind:
            index = self.panel.kind.findData(kind)
            if index >= 0:
                self.panel.kind.setCurrentIndex(index)
        self.panel.show_case(cf)
        self.show()
        self.raise_()
        self.panel.view.fit()

    def clear(self) -> None:
        self.panel.clear()
        self.hide()
