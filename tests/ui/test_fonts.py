"""The pictures' font comes from the package, on screen and on paper alike.

Proves: reportlab reads DejaVu Sans from ``resources/fonts`` (not from a system font
folder); Qt has the same four files as application fonts; and Qt's advance widths of
names with diacritics match the layout's own table, so a name the layout gave room for
fits on screen exactly as in the PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetricsF

from casusregie.layout.textmetrics import FONT_FAMILY, FONT_FILES, font_dir, text_width
from casusregie.reports import fonts
from casusregie.templates import resource_path
from casusregie.ui.fonts import register_fonts
from casusregie.ui.pictures.scene import qt_font

NAMES = ["Nguyễn Văn An", "Çelik-Özdemir", "Ayşe Łukasz", "Zoë ’t Hart", "WWW mmm iii"]


def test_the_fonts_are_shipped_with_their_licence() -> None:
    folder = font_dir()
    assert folder == resource_path("fonts")
    for name in FONT_FILES.values():
        assert (folder / name).stat().st_size > 100_000, name
    assert "Bitstream Vera" in (folder / "LICENSE.txt").read_text(encoding="utf-8")


def test_reportlab_reads_the_shipped_files_not_a_system_folder() -> None:
    files = fonts.registered_files()
    assert set(files) == {fonts.REGULAR, fonts.BOLD, fonts.ITALIC, fonts.BOLD_ITALIC}
    package = Path(str(resource_path())).resolve()
    for path in files.values():
        assert path.resolve().is_relative_to(package), path
        assert not str(path).startswith(("/usr/share/fonts", "/usr/local/share/fonts"))


def test_qt_has_the_shipped_files_as_application_fonts(qapp: Any) -> None:
    loaded = register_fonts()
    assert set(loaded) == set(FONT_FILES)
    for font_id in loaded.values():
        assert QFontDatabase.applicationFontFamilies(font_id) == [FONT_FAMILY]
    assert QFontInfo(QFont(FONT_FAMILY)).family() == FONT_FAMILY
    styles = QFontDatabase.styles(FONT_FAMILY)
    for style in ("Book", "Bold", "Oblique", "Bold Oblique"):
        assert style in styles, styles


@pytest.mark.parametrize("bold", [False, True])
def test_screen_and_layout_measure_names_alike(qapp: Any, bold: bool) -> None:
    font = qt_font(bold)
    assert QFontInfo(font).family() == FONT_FAMILY
    metrics = QFontMetricsF(font)
    for name in NAMES:
        on_screen = metrics.horizontalAdvance(name) / font.pixelSize()  # in em
        layout = text_width(name, 1.0, bold)
        assert on_screen == pytest.approx(layout, rel=0.002), name
