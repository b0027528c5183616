"""``layout`` is pure geometry: it imports only the standard library, ``domain`` and
itself (no Qt, no reportlab, no templates, no store), so screen, paper and the command
line share it and it can be tested without any of them."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

LAYOUT = Path(__file__).resolve().parents[1] / "src" / "casusregie" / "layout"


def test_layout_imports_only_stdlib_and_domain() -> None:
    bad = []
    for path in sorted(LAYOUT.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                ok = (
                    top in sys.stdlib_module_names
                    or top == "__future__"
                    or name.startswith(("casusregie.domain", "casusregie.layout"))
                )
                if not ok:
                    bad.append(f"{path.name}: {name}")
    assert bad == []
