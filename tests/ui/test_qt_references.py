"""Qt calling into Python must not cost Python its references to None.

PySide 6.12.0 dropped one reference to None on every call from Qt into a Python override
(a ``resizeEvent``, a delegate's ``sizeHint``): None starts with a few thousand, so a long
session ended in "Fatal Python error: deallocating None". pyproject.toml keeps PySide below
6.12 for this; this test says when a version may come back. It runs in its own process,
so a bad version aborts only that process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CALLS = 600

CHILD = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtCore import QModelIndex, QSize, QStringListModel
    from PySide6.QtWidgets import (
        QApplication, QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget,
    )

    app = QApplication([])

    class Resized(QWidget):
        def resizeEvent(self, event):
            super().resizeEvent(event)

    class Sized(QStyledItemDelegate):
        def sizeHint(self, option, index):
            return QSize(40, 20)

    widget = Resized()
    widget.show()
    view = QListView()
    view.setModel(QStringListModel(["a"]))
    delegate = Sized(view)
    view.setItemDelegate(delegate)
    app.processEvents()
    before = sys.getrefcount(None)
    for i in range({CALLS}):
        widget.resize(100 + i % 7, 100)
        app.processEvents()
        view.sizeHintForRow(0)
    print(sys.getrefcount(None) - before)
    """
)


def test_calls_from_qt_into_python_keep_none_alive() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lost = -int(done.stdout.strip().splitlines()[-1])
    # A few references may come and go with Qt's own caches; one per call may not.
    assert lost < CALLS // 10, f"{lost} references to None lost in {2 * CALLS} calls from Qt"
