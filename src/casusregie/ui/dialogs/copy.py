"""'Wat ziet X?': the regisseur sees one copy of the plan exactly before it goes out.

``CopyPreviewDialog`` shows, for the person chosen in ``ReportDialog``:

- the kind of reader (by their role; the regisseur may choose another);
- the parts and topics of the plan, ticked where this copy shows them; a tick beyond the
  kind's default widens the copy (it is written in the disclosure log);
- the copy's text, as it will be printed;
- for the regisseur only: what this copy leaves out, and every place where a value marked
  "niet delen met" (or a part of it) was typed again. Each such hit is hidden unless the
  regisseur unticks it ("vrijgeven").

Everything here is computed from the case already loaded (no store on the UI thread).
Use ``ask()``; tests replace it or drive the dialog directly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.copies import (
    KIND_LABELS,
    PARTS,
    TOPICS,
    CopySpec,
    RecipientKind,
    copy_spec,
)
from casusregie.domain.model import CaseFile
from casusregie.reports.copy_preview import Preview, preview
from casusregie.reports.safety_plan import recipient_name

__all__ = ["CopyPreviewDialog"]


class CopyPreviewDialog(QDialog):
    """The copy of the plan for one reader, with what it leaves out; OK sends it."""

    def __init__(
        self,
        cf: CaseFile,
        for_person: str | None,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self._cf = cf
        self._person = for_person
        self._today = today or dt.date.today()
        self._released: set[str] = set()
        self._spec = copy_spec(cf, for_person, today=self._today)
        self.preview: Preview | None = None
        self.setWindowTitle(self.tr("Wat ziet %s?") % recipient_name(cf, for_person))
        self.resize(980, 720)
        self._setup_ui()
        self._refresh()

    def _setup_ui(self) -> None:
        box = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Soort ontvanger:"), self))
        self.kind = QComboBox(self)
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.kind.setCurrentIndex(self.kind.findData(self._spec.kind.value))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        top.addWidget(self.kind)
        top.addStretch(1)
        box.addLayout(top)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #a40000; font-weight: bold;")
        box.addWidget(self.warnings)

        parts = QGroupBox(self.tr("Wat staat erin (een extra vinkje komt in het log)"), self)
        grid = QGridLayout(parts)
        self.boxes: dict[str, QCheckBox] = {}
        for n, (key, label) in enumerate([*PARTS.items(), *TOPICS.items()]):
            check = QCheckBox(label, parts)
            check.toggled.connect(self._refresh)
            grid.addWidget(check, n // 4, n % 4)
            self.boxes[key] = check
        box.addWidget(parts)

        body = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("<b>Dit gaat mee</b> (precies deze tekst)"), self))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        left.addWidget(self.text)
        body.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("<b>Alleen voor u: gaat niet mee</b>"), self))
        self.withheld = QListWidget(self)
        self.withheld.setWordWrap(True)
        right.addWidget(self.withheld, 1)
        hint = QLabel(
            self.tr(
                "<b>Verborgen in de tekst</b><br/>Een waarde die niet gedeeld mag worden, of "
                "een deel ervan, staat ook hier. Vinkje weg: toch laten staan."
            ),
            self,
        )
        hint.setWordWrap(True)
        right.addWidget(hint)
        self.hits = QListWidget(self)
        self.hits.setWordWrap(True)
        self.hits.itemChanged.connect(self._hit_changed)
        right.addWidget(self.hits, 1)
        body.addLayout(right, 2)
        box.addLayout(body, 1)

        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(
            self.tr("Klopt, ga door"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self._tick(self._spec)

    def _tick(self, spec: CopySpec) -> None:
        for key, check in self.boxes.items():
            check.blockSignals(True)
            check.setChecked(key in spec.parts or key in spec.topics)
            check.blockSignals(False)

    @Slot()
    def _kind_changed(self) -> None:
        kind = RecipientKind(self.kind.currentData())
        self._spec = copy_spec(self._cf, self._person, kind=kind, today=self._today)
        self._tick(self._spec)
        self._refresh()

    def _chosen(self) -> CopySpec:
        """The copy as ticked: beyond the kind's default is widening (logged); below it
        is narrowing, which needs no log line."""
        kind = RecipientKind(self.kind.currentData())
        ticked = [k for k, c in self.boxes.items() if c.isChecked()]
        spec = copy_spec(
            self._cf,
            self._person,
            kind=kind,
            widen=ticked,
            released=sorted(self._released),
            today=self._today,
        )
        return dataclasses.replace(
            spec,
            parts=frozenset(k for k in ticked if k in PARTS),
            topics=frozenset(k for k in ticked if k in TOPICS),
        )

    @Slot()
    def _refresh(self) -> None:
        spec = self._chosen()
        self.preview = preview(self._cf, spec, self._today)
        self.text.setPlainText(self.preview.text)
        self.warnings.setText("\n".join(f"Let op: {w}" for w in self.preview.warnings))
        self.warnings.setVisible(bool(self.preview.warnings))
        self.withheld.clear()
        for line in self.preview.withheld:
            self.withheld.addItem(line)
        if spec.widened:
            self.withheld.addItem(
                self.tr("Extra gedeeld (komt in het log): %s") % ", ".join(spec.widened_labels())
            )
        self.hits.blockSignals(True)
        self.hits.clear()
        for found in self.preview.found:
            item = QListWidgetItem(f"{found.where}: {found.hit.what} {found.hit.context}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if found.released else Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, found.hit.key)
            self.hits.addItem(item)
        self.hits.blockSignals(False)

    @Slot(QListWidgetItem)
    def _hit_changed(self, item: QListWidgetItem) -> None:
        key = str(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            self._released.discard(key)
        else:
            self._released.add(key)
        self._refresh()

    def spec(self) -> CopySpec:
        return self._chosen()

    @classmethod
    def ask(cls, cf: CaseFile, for_person: str | None, parent: QWidget | None) -> CopySpec | None:
        dialog = cls(cf, for_person, parent)
        return dialog.spec() if dialog.exec() == QDialog.DialogCode.Accepted else None
