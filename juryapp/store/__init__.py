"""The campaign file: one SQLite file per campaign, its schema migrations, journal and seal.

Open or create a file with :class:`CampaignFile`; every refusal or storage
problem the user can act on is a :class:`StoreError` with a French message.
"""

import importlib
from typing import TYPE_CHECKING, Any

from juryapp.store.errors import StoreError

if TYPE_CHECKING:
    from juryapp.store.campaign_file import CampaignFile
    from juryapp.store.deliberation import DecisionInfo
    from juryapp.store.details import ImportProfile
    from juryapp.store.journal import JournalEntry
    from juryapp.store.scores import CommentCell, ScoreCell
    from juryapp.store.seal import SealInfo
    from juryapp.store.secretariat import ImportReport
    from juryapp.store.verify import VerifyReport

__all__ = [
    "CampaignFile",
    "CommentCell",
    "DecisionInfo",
    "ImportProfile",
    "ImportReport",
    "JournalEntry",
    "ScoreCell",
    "SealInfo",
    "StoreError",
    "VerifyReport",
]


# Where each name lives: imported on first use (``juryapp.store.errors`` stays light).
_HOMES = {
    "CampaignFile": "campaign_file",
    "CommentCell": "scores",
    "DecisionInfo": "deliberation",
    "ImportProfile": "details",
    "ImportReport": "secretariat",
    "JournalEntry": "journal",
    "ScoreCell": "scores",
    "SealInfo": "seal",
    "VerifyReport": "verify",
}


def __getattr__(name: str) -> Any:
    """The file's classes, imported on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"juryapp.store.{home}"), name)
