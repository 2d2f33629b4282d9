"""How the tests share their builders: through the suite's plugin (``tests/plugin``) and
helper modules, never by importing a ``conftest`` as a module."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_test_imports_a_conftest() -> None:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            found += [
                f"{path.relative_to(TESTS)}:{node.lineno}"
                for name in names
                if "conftest" in name.split(".")
            ]
    assert not found, found
