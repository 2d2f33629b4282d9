"""The campaign file: one SQLite file per campaign, its schema migrations, journal and seal.

Open or create a file with :class:`CampaignFile`; every refusal or storage
problem the user can act on is a :class:`StoreError` with a French message.
"""

from juryapp.store.campaign_file import (
    CampaignFile,
    CommentCell,
    DecisionInfo,
    ImportReport,
    ScoreCell,
    SealInfo,
    VerifyReport,
)
from juryapp.store.errors import StoreError
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
