"""Printing a report: the same PDF that is saved, sent to a printer from memory.

One document, one renderer: ReportLab makes the PDF (``casusregie.reports``); here
QtPdf (pdfium; in PySide6-Addons up to 6.11) renders its pages, and a ``QPainter`` puts
them on the ``QPrinter`` chosen in the print dialog. The bytes stay in a ``QBuffer``: no
temp file is written, so nothing readable is left behind (DESIGN.md, invariant 4).

Pages are rendered as images at the printer's resolution, capped at ``MAX_DPI`` (an A4
page at 300 dpi is about 35 MB in memory, one page at a time).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEventLoop,
    QIODevice,
    QRectF,
    QSize,
)
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from casusregie.domain.errors import CasusregieError

if TYPE_CHECKING:  # QtPdf is imported when printing, so the app starts without it too
    from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions

__all__ = ["MAX_DPI", "PrintFailed", "Progress", "print_pdf", "qtpdf_available"]

#: ``progress(done, total)``: pages printed so far
Progress = Callable[[int, int], None]

MAX_DPI = 300


class PrintFailed(CasusregieError):
    pass


def qtpdf_available() -> bool:
    try:
        from PySide6 import QtPdf  # noqa: F401
    except ImportError:
        return False
    return True


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


def print_pdf(pdf: bytes, printer: QPrinter, progress: Progress | None = None) -> int:
    """Print every page of ``pdf`` (or the range set on ``printer``); returns the number
    of pages sent. Raises ``PrintFailed`` with a Dutch message. ``progress(done, total)``
    is called after each page (the caller shows it and lets the window breathe)."""
    try:
        from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
    except ImportError:
        raise PrintFailed(
            _tr("Afdrukken kan hier niet (QtPdf ontbreekt). Sla het op als PDF en druk dat af.")
        ) from None
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buffer)
    if doc.status() == QPdfDocument.Status.Loading:
        loop = QEventLoop()
        doc.statusChanged.connect(lambda _status: loop.quit())
        loop.exec()
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() == 0:
        doc.close()
        raise PrintFailed(_tr("Het document kon niet worden voorbereid om af te drukken."))
    try:
        return _paint(doc, printer, QPdfDocumentRenderOptions(), progress)
    finally:
        doc.close()
        buffer.close()


def _pages(printer: QPrinter, count: int) -> range:
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 and last <= 0:
        return range(count)
    first = max(first, 1)
    last = min(last if last > 0 else count, count)
    return range(first - 1, last)


def _paint(
    doc: QPdfDocument,
    printer: QPrinter,
    options: QPdfDocumentRenderOptions,
    progress: Progress | None = None,
) -> int:
    printer.setFullPage(True)  # the PDF brings its own margins
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(_tr("De printer is niet bereikbaar. Er is niets afgedrukt."))
    printed = 0
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        target = printer.paperRect(QPrinter.Unit.DevicePixel)
        pages = _pages(printer, doc.pageCount())
        for index in pages:
            if printed:
                printer.newPage()
            points = doc.pagePointSize(index)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = doc.render(index, size, options)
            if image.isNull():
                raise PrintFailed(_tr("Een bladzijde kon niet worden getekend."))
            painter.drawImage(_fit(target, image), image)
            printed += 1
            if progress is not None:
                progress(printed, len(pages))
    finally:
        painter.end()
    return printed


def _fit(paper: QRectF, image: QImage) -> QRectF:
    """The largest rectangle with the image's proportions, centred on the paper."""
    scale = min(paper.width() / image.width(), paper.height() / image.height())
    w, h = image.width() * scale, image.height() * scale
    return QRectF(paper.x() + (paper.width() - w) / 2, paper.y() + (paper.height() - h) / 2, w, h)
