"""The campaign file: one SQLite file per campaign, its schema migrations, journal and seal.

Open or create a file with :class:`CampaignFile`; every refusal or storage
problem the user can act on is a :class:`StoreError` with a French message.
"""

from typing import TYPE_CHECKING, Any

from juryapp.store.errors import StoreError

if TYPE_CHECKING:
    from juryapp.store.campaign_file import (
        CampaignFile,
        CommentCell,
        DecisionInfo,
        ImportReport,
        ScoreCell,
        SealInfo,
        VerifyReport,
    )
    from juryapp.store.journal import JournalEntry

__all__ = [
    "CampaignFile",
    "CommentCell",
    "DecisionInfo",
    "ImportReport",
    "JournalEntry",
    "ScoreCell",
    "SealInfo",
    "StoreError",
    "VerifyReport",
]


def __getattr__(name: str) -> Any:
    """The file's classes, imported on first use (``juryapp.store.errors`` stays light)."""
    if name == "JournalEntry":
        from juryapp.store.journal import JournalEntry

        return JournalEntry
    if name in __all__:
        from juryapp.store import campaign_file

        return getattr(campaign_file, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
