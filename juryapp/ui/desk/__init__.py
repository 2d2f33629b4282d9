"""The deliberation desk (« bureau de la délibération »): the ranking projected in
session, the jury's decisions, attendance and quorum, the seal and the documents.

``DeskPage(campaign_file, author, lang)`` is a plain widget the main window
embeds; ``show_desk(path)`` opens it alone in a window (``python -m juryapp.ui.desk``).
"""

from __future__ import annotations

from juryapp.ui.desk.page import DeskPage
from juryapp.ui.desk.window import show_desk

__all__ = ["DeskPage", "show_desk"]
