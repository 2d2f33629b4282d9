"""The app's look: Fusion style, a calm palette and a few named roles (headings, hints)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

__all__ = ["apply_style"]

ACCENT = "#1f5fa8"

STYLE_SHEET = f"""
QLabel[heading="true"] {{ font-size: 15px; font-weight: 600; color: #1b2733; }}
QLabel[title="true"] {{ font-size: 20px; font-weight: 600; color: #14202b; }}
QLabel[muted="true"] {{ color: #5f6b7a; }}
QLabel[strong="true"] {{ font-weight: 600; color: #1b2733; }}
QLabel[criterion="true"] {{ font-weight: 600; color: #1b2733; padding-top: 4px; }}
QLabel[description="true"] {{ color: #5f6b7a; font-size: 12px; }}
QLabel#welcomeTitle {{ font-size: 34px; font-weight: 700; color: {ACCENT}; }}
QLabel#hint {{ color: #9a1c1c; background: #fdecec; border: 1px solid #f3b7b7;
    border-radius: 4px; padding: 6px 10px; }}
QLabel#noteValue {{ font-size: 24px; font-weight: 700; color: {ACCENT}; }}
QFrame#notePanel {{ background: #eef4fb; border: 1px solid #cddcee; border-radius: 6px; }}
QFrame#recusalBanner {{ background: #f3edfa; border: 1px solid #d5c3ec; border-radius: 6px; }}
QFrame#errorReport {{ background: #fdecec; border: 1px solid #f3b7b7; border-radius: 6px; }}
QLineEdit[invalid="true"] {{ border: 2px solid #c62828; background: #fff5f5; }}
QLineEdit {{ padding: 3px 6px; }}
QPushButton {{ padding: 5px 14px; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: 1px solid #174a84;
    border-radius: 4px; font-weight: 600; }}
QPushButton#primary:disabled {{ background: #9db5d3; border-color: #9db5d3; }}
QGroupBox {{ font-weight: 600; border: 1px solid #d5dbe3; border-radius: 6px;
    margin-top: 12px; padding: 12px 10px 8px 10px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #1b2733; }}
QTableView {{ gridline-color: #e3e7ec; selection-background-color: #d6e6f8;
    selection-color: #14202b; }}
QHeaderView::section {{ background: #f2f4f7; border: none; border-bottom: 1px solid #d5dbe3;
    border-right: 1px solid #e3e7ec; padding: 5px 6px; font-weight: 600; color: #36424f; }}
QProgressBar {{ border: none; background: #e3e7ec; border-radius: 4px; }}
QProgressBar::chunk {{ background: #2e8b57; border-radius: 4px; }}
QStatusBar {{ border-top: 1px solid #d5dbe3; }}
QFrame#separator {{ background: #d5dbe3; border: none; }}
QListWidget#recentList::item, QListWidget#whoList::item {{ padding: 6px 4px; }}
"""


def apply_style(app: QApplication) -> None:
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f7f8fa"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f6f8fb"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#d6e6f8"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#14202b"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#1b2733"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#1b2733"))
    palette.setColor(QPalette.ColorRole.Button, QColor("#f2f4f7"))
    app.setPalette(palette)
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
