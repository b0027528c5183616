"""The CAF-driehoek and the sociogram: the seed's boxes with the family's texts, the
pattern sentence, nothing overlapping."""

from __future__ import annotations

import json

from casusregie.domain.caseformat import from_document
from casusregie.domain.model import CaseFile, Form
from casusregie.layout import caf_triangle, sociogram
from casusregie.layout.caf import corner_text, parent_figures
from casusregie.layout.geometry import segment_hits_box
from casusregie.layout.primitives import Rect, Text, bbox
from casusregie.templates import resource_path
from layout_checks import segments


def _demo() -> CaseFile:
    return from_document(json.loads(resource_path("demo", "familie-demo.json").read_text("utf-8")))


def test_caf_triangle_has_the_seed_boxes_and_the_pattern() -> None:
    cf = _demo()
    pic = caf_triangle(cf, {"school": "School"})
    titles = [p.text for p in pic.items if isinstance(p, Text) and p.role == "box-title"]
    assert titles[:3] == ["PROBLEMEN IN HET GEZIN", "GEDRAG KIND", "ONTWIKKELING KIND"]
    assert {"HULPVERLENINGSPATROON", "GEZINSPATROON"} <= set(titles)
    assert "GEDRAG MARK (VADER)" in titles and "GEDRAG DENNIS (VADER)" in titles
    assert "FACTOREN SANNE (MOEDER)" in titles and "GEDRAG RICARDO" in titles
    text = " ".join(p.text for p in pic.items if isinstance(p, Text))
    assert "Deze kinderen groeien op in een gezin" in text
    assert "School" in text
    boxes = [bbox(p) for p in pic.items if isinstance(p, Rect) and p.role == "box"]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)
    for t in (p for p in pic.items if isinstance(p, Text) and p.role == "box-text"):
        assert any(b.x0 <= bbox(t).x0 and bbox(t).x1 <= b.x1 + 0.01 for b in boxes), t.text


def test_caf_triangle_of_an_empty_case_says_what_is_missing() -> None:
    cf = CaseFile(_demo().case)
    texts = [p.text for p in caf_triangle(cf).items if isinstance(p, Text)]
    assert texts.count("(nog niet ingevuld)") >= 5


def test_sociogram_puts_the_child_in_the_middle_and_nobody_on_top_of_another() -> None:
    cf = _demo()
    pic = sociogram(cf)
    index = next(p for p in cf.persons if p.index_child)
    centre = pic.anchors[f"person:{index.id}"]
    assert (centre.x0 + centre.x1) / 2 == 0 and (centre.y0 + centre.y1) / 2 == 0
    others = [k for k in pic.anchors if k != f"person:{index.id}"]
    assert len([k for k in others if k.startswith("person:")]) == len(cf.persons) - 1
    boxes = list(pic.anchors.values())
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)
    labels = [bbox(p) for p in pic.items if p.role == "label"]
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not a.overlaps(b)
    sectors = {p.text for p in pic.items if isinstance(p, Text) and p.role == "sector"}
    assert sectors == {"Gezin", "Familie", "Vrienden, buren, vereniging", "Hulpverlening"}


def test_sociogram_lines_pass_no_symbol() -> None:
    cf = _demo()
    pic = sociogram(cf)
    ends = {
        f"emotion:{i.id}": {f"person:{i.answers.get('van')}", f"person:{i.answers.get('naar')}"}
        for i in cf.items
        if i.section == "emotionele_relaties"
    }
    for p in pic.items:
        if p.role != "emotional":
            continue
        for a, b in segments(p):
            for key, box in pic.anchors.items():
                if key not in ends[p.key]:
                    assert not segment_hits_box(a, b, box.grow(-0.05)), (p.key, key)


def test_caf_has_one_box_per_parent_figure_with_keywords() -> None:
    cf = _demo()
    pic = caf_triangle(cf)
    figures = parent_figures(cf)
    assert [p.name for p in figures] == ["Sanne Bakker", "Ricardo Mendes", "Mark de Vries",
                                         "Dennis Kok"]  # fmt: skip
    titles = [p.text for p in pic.items if isinstance(p, Text) and p.role == "box-title"]
    assert len([t for t in titles if t.startswith("GEDRAG ") and t != "GEDRAG KIND"]) == 4
    assert len([t for t in titles if t.startswith("FACTOREN ")]) == 4
    text = " ".join(p.text for p in pic.items if isinstance(p, Text))
    assert "Streng op regels; wordt fysiek" in text  # Ricardo's short summary
    assert "Gaf Jayden in januari 2025" not in text  # his full text is not in the corner
    sizes = {p.size for p in pic.items if isinstance(p, Text) and p.role == "box-text"}
    assert sizes == {2.5}  # the type keeps its size


def test_corner_text_shortens_a_long_answer_without_a_summary() -> None:
    answers = {"gedrag": "woord " * 60, "ontwikkelingsfactoren_kort": "Kort"}
    form = Form("f", "c", "gezinspatroon", "vader", person="p", answers=answers)
    assert corner_text(form, "ontwikkelingsfactoren") == "Kort"
    short = corner_text(form, "gedrag")
    assert short.endswith("…") and len(short) <= 72
