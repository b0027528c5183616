"""The pictures on screen: the Qt scene draws what the layout says (and what reportlab
draws on paper), the rendered image shows every symbol, and the panel zooms, fits,
exports, lets a person be dragged and forgets everything when cleared."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetricsF, QPainterPath
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casusregie.domain.caseformat import from_document
from casusregie.domain.model import CaseFile
from casusregie.layout import genogram, timeline
from casusregie.layout import primitives as p
from casusregie.reports.drawing import to_drawing
from casusregie.templates import resource_path
from casusregie.ui.pictures.export import render_image
from casusregie.ui.pictures.panel import KINDS, PicturesPanel
from casusregie.ui.pictures.scene import PictureScene
from layout_checks import person_boxes
from layout_families import FAMILIES, remarriage
from picture_geometry import (
    from_primitives,
    from_reportlab,
    reportlab_text_left,
)


def _r(*values: float) -> tuple[float, ...]:
    return tuple(round(v, 3) + 0.0 for v in values)


def _path_points(path: QPainterPath) -> list[float]:
    return [
        c for i in range(path.elementCount()) for c in (path.elementAt(i).x, path.elementAt(i).y)
    ]


def from_qt(scene: PictureScene) -> tuple[list[tuple[Any, ...]], list[float]]:
    """The scene's items in the shared comparable form, and each text's left edge."""
    shapes: list[tuple[Any, ...]] = []
    lefts: list[float] = []
    for prim, item in scene.drawn:
        if isinstance(item, QGraphicsRectItem):
            r = item.rect()
            shapes.append(("rect", *_r(r.x(), r.y(), r.width(), r.height(), 0.0)))
        elif isinstance(item, QGraphicsEllipseItem):
            r = item.rect()
            shapes.append(("circle", *_r(r.center().x(), r.center().y(), r.width() / 2)))
        elif isinstance(item, QGraphicsLineItem):
            line = item.line()
            shapes.append(("line", *_r(line.x1(), line.y1(), line.x2(), line.y2())))
        elif isinstance(item, QGraphicsPolygonItem):
            pts = [c for pt in item.polygon() for c in (pt.x(), pt.y())]
            shapes.append(("poly", True, *_r(*pts)))
        elif isinstance(item, QGraphicsPathItem) and isinstance(prim, p.Rect):
            r = item.path().boundingRect()
            shapes.append(("rect", *_r(r.x(), r.y(), r.width(), r.height(), prim.radius)))
        elif isinstance(item, QGraphicsPathItem):
            shapes.append(("poly", False, *_r(*_path_points(item.path()))))
        elif isinstance(item, QGraphicsSimpleTextItem):
            scale = item.scale()
            ascent = QFontMetricsF(item.font()).ascent() * scale
            shapes.append(("text", item.text(), *_r(item.pos().y() + ascent, 100 * scale)))
            lefts.append(item.pos().x())
    return shapes, lefts


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_screen_and_paper_draw_the_same_shapes(qtbot: Any, name: str) -> None:
    pic = genogram(FAMILIES[name]())
    scene = PictureScene()
    scene.show_picture(pic, movable=True)
    on_screen, lefts = from_qt(scene)
    drawing = to_drawing(pic)
    assert on_screen == from_primitives(pic) == from_reportlab(drawing, pic)
    paper_lefts = [x + pic.x0 for x in reportlab_text_left(drawing)]
    for qt_x, rl_x, text in zip(
        lefts, paper_lefts, [t for t in pic.items if isinstance(t, p.Text)], strict=True
    ):
        assert abs(qt_x - rl_x) < 0.05 + 0.02 * len(text.text), text.text


def test_timeline_on_screen_is_the_layout(qtbot: Any) -> None:
    pic = timeline(remarriage())
    scene = PictureScene()
    scene.show_picture(pic)
    assert from_qt(scene)[0] == from_primitives(pic)
    assert scene.sceneRect().width() == pytest.approx(pic.width)


def test_rendered_image_shows_every_symbol(qtbot: Any) -> None:
    pic = genogram(remarriage())
    image = render_image(pic, pixels_per_mm=4.0)
    assert (image.width(), image.height()) == (round(pic.width * 4), round(pic.height * 4))
    for pid, box in person_boxes(pic).items():
        x = (box.x0 - pic.x0) * 4
        y = ((box.y0 + box.y1) / 2 - pic.y0) * 4
        darkest = min(
            image.pixelColor(round(x) + dx, round(y) + dy).lightness()
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
        )
        assert darkest < 128, pid
    corner = image.pixelColor(1, 1)
    assert corner.lightness() == 255  # a white page, not a blank or black one


def _demo() -> CaseFile:
    return from_document(json.loads(resource_path("demo", "familie-demo.json").read_text("utf-8")))


def test_panel_shows_each_picture_and_forgets_on_clear(qtbot: Any) -> None:
    panel = PicturesPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show_case(_demo())
    for index, kind in enumerate(KINDS):
        if index:
            with qtbot.waitSignal(panel.drawn, timeout=5000) as blocker:
                panel.kind.setCurrentIndex(index)
            assert blocker.args == [kind]
        assert panel.picture is not None
        assert len(panel.scene.drawn) == len(panel.picture.items)
        assert panel.timeline_bar.isVisibleTo(panel) == (kind == "tijdlijn")
    panel.clear()
    assert panel.scene.items() == [] and panel.picture is None


def test_zoom_fit_and_timeline_filters(qtbot: Any) -> None:
    panel = PicturesPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    panel.show_case(_demo())
    before = panel.view.zoom
    panel.view.zoom_in()
    assert panel.view.zoom == pytest.approx(before * 1.25)
    panel.view.zoom_out()
    panel.view.fit()
    visible = panel.view.mapToScene(panel.view.viewport().rect()).boundingRect()
    assert visible.contains(panel.scene.sceneRect().adjusted(1, 1, -1, -1))
    panel.kind.setCurrentIndex(KINDS.index("tijdlijn"))

    def shapes() -> int:  # hatching grows with a bar's width, so it is not counted
        return len([i for i in panel.picture.items if i.role != "hatch"])  # type: ignore[union-attr]

    everyone = shapes()
    panel.from_year.setValue(2024)
    assert shapes() < everyone
    panel.person.setCurrentIndex(panel.person.findText("Jayden Kok"))
    panel.group.setCurrentIndex(1)
    rows = [t for t in panel.picture.items if t.role == "row-label"]  # type: ignore[union-attr]
    assert [t.text for t in rows] == [panel.person.currentText()]  # type: ignore[union-attr]


def test_dragging_a_person_keeps_it_there(qtbot: Any) -> None:
    panel = PicturesPanel()
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    cf = _demo()
    panel.show_case(cf)
    qtbot.waitExposed(panel)
    pid = next(p.id for p in cf.persons if p.name.startswith("Kim"))
    box = panel.picture.anchors[f"person:{pid}"]  # type: ignore[union-attr]
    start = QPointF((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
    view = panel.view
    a = view.mapFromScene(start)
    b = view.mapFromScene(start + QPointF(40.0, 25.0))
    with qtbot.waitSignal(panel.scene.person_moved, timeout=5000) as moved:
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=a)
        for i in range(1, 6):
            qtbot.mouseMove(view.viewport(), a + (b - a) * i / 5)
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=b)
    assert moved.args[0] == pid
    after = panel.picture.anchors[f"person:{pid}"]  # type: ignore[union-attr]
    assert (after.x0 + after.x1) / 2 == pytest.approx(moved.args[1], abs=0.01)
    assert after.y0 == box.y0  # sideways only: the generation keeps the row
    assert (after.x0 + after.x1) / 2 > (box.x0 + box.x1) / 2 + 20
    panel.reset_button.click()
    again = panel.picture.anchors[f"person:{pid}"]  # type: ignore[union-attr]
    assert again == box


@pytest.mark.parametrize(
    "suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")]
)
def test_export(qtbot: Any, tmp_path: Path, suffix: str, magic: bytes) -> None:
    panel = PicturesPanel()
    qtbot.addWidget(panel)
    panel.show_case(_demo())
    target = panel.export(suffix, tmp_path / f"genogram{suffix}")
    assert target is not None and target.read_bytes().startswith(magic)


def test_window_title_names_no_one_and_clear_hides(qtbot: Any) -> None:
    from casusregie.ui.pictures.window import PicturesWindow

    window = PicturesWindow()
    qtbot.addWidget(window)
    cf = _demo()
    window.show_case(cf, "netwerk")
    assert window.isVisible() and window.panel.current_kind() == "netwerk"
    assert not any(p.name.split()[0] in window.windowTitle() for p in cf.persons)
    window.clear()
    assert not window.isVisible() and window.panel.scene.items() == []


def test_export_failure_is_reported_not_raised(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    panel = PicturesPanel()
    qtbot.addWidget(panel)
    panel.show_case(_demo())
    assert panel.export(".png", tmp_path / "bestaat-niet" / "g.png") is None
    boxes = panel.findChildren(QMessageBox)
    assert [b.text() for b in boxes] == ["De tekening kon niet worden opgeslagen."]


def test_emotional_relations_are_a_layer_that_switches(qtbot: Any) -> None:
    panel = PicturesPanel()
    qtbot.addWidget(panel)
    panel.show_case(_demo())
    assert panel.emotions.isVisibleTo(panel) and panel.emotions.isChecked()
    assert panel.picture is not None
    with_lines = [i for i in panel.picture.items if i.role == "emotional"]
    assert with_lines
    with qtbot.waitSignal(panel.drawn, timeout=5000):
        panel.emotions.setChecked(False)
    assert not [i for i in panel.picture.items if i.role == "emotional"]
    assert len(panel.scene.drawn) == len(panel.picture.items)
    panel.kind.setCurrentIndex(KINDS.index("tijdlijn"))
    assert not panel.emotions.isVisibleTo(panel)
