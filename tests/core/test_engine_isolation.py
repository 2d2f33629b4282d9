"""The engine and its tests run without Qt, SQL or file-format libraries."""

import subprocess
import sys
from pathlib import Path

FORBIDDEN = ("PySide6", "sqlalchemy", "sqlmodel", "sqlite3", "alembic", "openpyxl", "reportlab")


def test_core_and_its_tests_import_neither_qt_nor_sql():
    tests = sorted(p.stem for p in Path(__file__).parent.glob("test_*.py"))
    imports = "; ".join(f"import tests.core.{name}" for name in tests)
    code = (
        f"import sys; import juryapp.core.engine, juryapp.core.report; {imports}; "
        f"loaded = [m for m in {FORBIDDEN!r} if m in sys.modules]; "
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
