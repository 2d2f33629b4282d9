"""The app's look: Fusion style, a calm palette and a few named roles (headings, hints).

Text sizes are relative to the app's font (the system's, 10 points at least): a juror
who sets a larger system font (150 %) gets headings, titles and notes 150 % larger too.
Every control shows where the keyboard is with a ring of at least 3:1 (WCAG 1.4.11).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

__all__ = ["ACCENT", "MUTED_ON_SELECTION", "apply_style", "style_sheet"]

ACCENT = "#1f5fa8"
# Where the keyboard is, on every control: a 2-pixel ring in the accent, 6.2:1 against the
# white and light grey it replaces (WCAG 1.4.11 asks 3:1); on the accent-blue primary
# button, a black ring (3.3:1 against the blue). Each control keeps its size: the ring
# takes the room of a padding pixel or a transparent border when it is unfocused.
_ARROWS = ":/qt-project.org/styles/commonstyle/images"  # Qt's own arrows, in every Qt
# Greyed text that still reads at 4.5:1 on white, alternate rows and the selection (4.95:1)
MUTED_ON_SELECTION = "#566170"
FIELD_BORDER = "#7a8794"  # 3.7:1 against white: a field's edge is seen (WCAG 1.4.11)

# Text sizes relative to the app's font (they were 15, 20, 12, 34 and 24 px over 10 points).
_RELATIVE_SIZES = {
    "heading": 1.125,
    "title": 1.5,
    "description": 0.9,
    "welcome": 2.55,
    "note": 1.8,
}


def style_sheet(points: float) -> str:
    """The app's style sheet for a base font of ``points`` points."""
    size = {role: f"{points * ratio:.1f}pt" for role, ratio in _RELATIVE_SIZES.items()}
    return _STYLE_SHEET.format(accent=ACCENT, field=FIELD_BORDER, arrows=_ARROWS, **size)


# A template: {heading}… are text sizes, {accent}… colours; {{ }} are the sheet's braces.
# The focus ring is the accent's.
_STYLE_SHEET = """
QLabel[heading="true"] {{ font-size: {heading}; font-weight: 600; color: #1b2733; }}
QLabel[title="true"] {{ font-size: {title}; font-weight: 600; color: #14202b; }}
QLabel[muted="true"] {{ color: #5f6b7a; }}
QLabel[strong="true"] {{ font-weight: 600; color: #1b2733; }}
QLabel[criterion="true"] {{ font-weight: 600; color: #1b2733; padding-top: 4px; }}
QLabel[description="true"] {{ color: #5f6b7a; font-size: {description}; }}
QLabel#welcomeTitle {{ font-size: {welcome}; font-weight: 700; color: {accent}; }}
QLabel#hint {{ color: #9a1c1c; background: #fdecec; border: 1px solid #f3b7b7;
    border-radius: 4px; padding: 6px 10px; }}
QLabel#noteValue {{ font-size: {note}; font-weight: 700; color: {accent}; }}
QFrame#notePanel {{ background: #eef4fb; border: 1px solid #cddcee; border-radius: 6px; }}
QFrame#recusalBanner {{ background: #f3edfa; border: 1px solid #d5c3ec; border-radius: 6px; }}
QFrame#errorReport {{ background: #fdecec; border: 1px solid #f3b7b7; border-radius: 6px; }}
QLineEdit {{ padding: 3px 6px; }}
QPushButton {{ padding: 4px 13px; border: 1px solid {field}; border-radius: 4px;
    background: #f2f4f7; color: #1b2733; min-height: 1.3em; }}
QPushButton:hover {{ background: #e6ebf1; }}
QPushButton:pressed, QPushButton:checked {{ background: #d6e0ec; }}
QPushButton:disabled {{ color: #6b7682; border-color: #c5ccd4; background: #f2f4f7; }}
QPushButton:focus {{ border: 2px solid {accent}; padding: 3px 12px; }}
QPushButton#primary {{ background: {accent}; color: white; border: 1px solid #174a84;
    font-weight: 600; }}
QPushButton#primary:hover {{ background: #1a5392; }}
QPushButton#primary:focus {{ border: 2px solid #000000; }}
QPushButton#primary:disabled {{ background: #9db5d3; border-color: #9db5d3; }}
QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox {{
    border: 1px solid {field}; border-radius: 3px; background: #ffffff; }}
QLineEdit:disabled, QPlainTextEdit:disabled, QAbstractSpinBox:disabled, QComboBox:disabled {{
    border-color: #c5ccd4; background: #f2f4f7; color: #6b7682; }}
QPlainTextEdit, QTextEdit {{ padding: 1px; }}
QAbstractSpinBox, QComboBox {{ padding: 2px 4px; }}
QLineEdit:focus, QAbstractSpinBox:focus, QComboBox:focus {{ border: 2px solid {accent}; }}
QLineEdit:focus {{ padding: 2px 5px; }}
QLineEdit[invalid="true"] {{ border: 2px solid #c62828; background: #fff5f5; padding: 2px 5px; }}
QLineEdit[invalid="true"]:focus {{ border-color: #000000; }}
QAbstractSpinBox:focus, QComboBox:focus {{ padding: 1px 3px; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ subcontrol-origin: padding;
    width: 16px; border: none; background: transparent; }}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
QAbstractSpinBox::up-arrow {{ image: url({arrows}/arrow-up-16.png); width: 10px;
    height: 10px; }}
QAbstractSpinBox::down-arrow {{ image: url({arrows}/arrow-down-16.png); width: 10px;
    height: 10px; }}
QAbstractSpinBox::up-arrow:disabled, QAbstractSpinBox::down-arrow:disabled {{ image: none; }}
QPlainTextEdit:focus, QTextEdit:focus {{ border: 2px solid {accent}; padding: 0px; }}
QAbstractItemView {{ border: 1px solid #aab4bf; padding: 1px; }}
QAbstractItemView:focus {{ border: 2px solid {accent}; padding: 0px; }}
QScrollArea {{ border: 2px solid transparent; }}
QScrollArea:focus {{ border: 2px solid {accent}; }}
QCheckBox, QRadioButton {{ border: 2px solid transparent; border-radius: 3px; padding: 1px 3px; }}
QCheckBox:focus, QRadioButton:focus {{ border-color: {accent}; }}
QTabBar::tab:focus {{ border: 2px solid {accent}; }}
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


def apply_style(app: QApplication, text_size: float = 1.0, points: float | None = None) -> None:
    """The app's look on ``app``: its font is ``points`` (by default the app's font, 10
    points at least) times ``text_size`` (the app's own zoom), every size relative to it."""
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
    # 5.5:1 on white: an empty score's « – » is read (Qt's grey was 4.0:1)
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#5f6b7a"))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSizeF(max(points or font.pointSizeF(), 10) * text_size)
    app.setFont(font)
    app.setStyleSheet(style_sheet(font.pointSizeF()))
