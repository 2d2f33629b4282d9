"""The store's shape holds: SQL text in one module, no private name used across modules."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import juryapp.store

STORE = Path(juryapp.store.__file__).parent
SQL_TEXT = re.compile(
    r"^\s*(SELECT |INSERT INTO |UPDATE \S+ SET |DELETE FROM |PRAGMA |CREATE |ATTACH |DETACH "
    r"|BEGIN|COMMIT)"
)


def _modules() -> list[Path]:
    return sorted(STORE.glob("*.py"))


def _strings(tree: ast.AST) -> list[ast.Constant]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_sql_text_lives_only_in_rawsql() -> None:
    found = [
        f"{path.name}:{node.lineno}: {node.value[:40]!r}"
        for path in _modules()
        if path.name != "rawsql.py"
        for node in _strings(ast.parse(path.read_text(encoding="utf-8")))
        if SQL_TEXT.match(node.value)
    ]
    assert found == []


def test_rawsql_holds_sql_indeed() -> None:
    tree = ast.parse((STORE / "rawsql.py").read_text(encoding="utf-8"))
    assert sum(bool(SQL_TEXT.match(node.value)) for node in _strings(tree)) > 40


def test_no_module_imports_another_modules_private_names() -> None:
    found = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("juryapp"):
                found += [
                    f"{path.name}: {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and alias.name != "_"
                ]
    assert found == []


def test_no_module_reaches_into_another_objects_private_attributes() -> None:
    found = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"})
            ):
                found.append(f"{path.name}:{node.lineno}: .{node.attr}")
    assert found == []
