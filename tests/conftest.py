"""Test-wide settings: Qt renders offscreen, before any QApplication exists; the suite's
own plugin (``tests/plugin``: shared builders and fixtures) is registered here."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.plugin.fixtures"]
