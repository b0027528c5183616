"""The seam between the case-file PDFs and the pictures (genogram, tijdlijn, CAF).

The pictures are drawn by ``casusregie.reports.drawing`` (from ``casusregie.layout``, the
same geometry as on screen). This module only asks it for a flowable:

    drawing.genogram_flowable(cf, width) -> Flowable
    drawing.timeline_flowable(cf, width) -> Flowable
    drawing.caf_flowable(cf, width) -> Flowable

``width`` is the frame width in points; the flowable may be as tall as it needs, but no
taller than one page (scale down inside). Until that module exists (or if it fails on
one case), the PDF shows a clear placeholder instead of breaking the whole file.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import logging
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Table

from casusregie.domain.model import CaseFile
from casusregie.reports.base import GREY, Styles, table_style

__all__ = ["PICTURES", "picture"]

log = logging.getLogger(__name__)

#: picture kind -> (function name in drawing, Dutch title)
PICTURES = {
    "genogram": ("genogram_flowable", "Genogram"),
    "tijdlijn": ("timeline_flowable", "Tijdlijn"),
    "caf": ("caf_flowable", "Gezinspatroon (CAF-driehoek)"),
    "relaties": ("relations_flowable", "Relaties"),
}


def _drawing() -> Any:
    try:
        return importlib.import_module("casusregie.reports.drawing")
    except ImportError:
        return None


def picture(
    kind: str, cf: CaseFile, width: float, st: Styles, as_of: dt.date | None = None
) -> Flowable:
    """The picture of ``kind`` for this case, or a placeholder box. ``as_of`` (the
    report's date) goes to drawings that take it (the tijdlijn's "nu")."""
    func_name, title = PICTURES[kind]
    module = _drawing()
    func = getattr(module, func_name, None) if module is not None else None
    if callable(func):
        try:
            takes_date = as_of is not None and "as_of" in inspect.signature(func).parameters
            flowable = func(cf, width, as_of=as_of) if takes_date else func(cf, width)
            if isinstance(flowable, Flowable):
                return flowable
        except Exception as exc:  # one bad picture must not cost the whole file
            log.warning("Afbeelding %s niet getekend (%s)", kind, type(exc).__name__)
    return placeholder(f"Afbeelding volgt: {title.lower()}", width, st)


def placeholder(message: str, width: float, st: Styles) -> Flowable:
    box = Table([[Paragraph(message, st.note)]], colWidths=[width], rowHeights=[18 * 2.8])
    box.setStyle(
        table_style(
            *[
                ("BOX", (0, 0), (-1, -1), 0.6, GREY),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ]
        )
    )
    return box
