"""What a user can do to a campaign, shared by the command line and the desktop app.

One module per task: ``campaign`` (create, import dossiers, who acts, results),
``scoring`` (scores, comments, recusals, score sheets), ``secretariat``
(admissibility, grid, attendance), ``deliberation`` (decisions, seal), ``copies``
(juror copies, coordinator copy, merge), ``documents`` (exports). Each operation
refuses with one French sentence (``OperationError``) and changes nothing, or
records its change in the campaign file (which journals it) and returns an
``Outcome``: its value and the ``Changes`` it made. No Qt here.

The names most callers need are importable from the package itself.
"""

from __future__ import annotations

from juryapp.core.errors import OperationError
from juryapp.operations.campaign import (
    CreatedCampaign,
    DossierImportResult,
    account_name,
    acting_author,
    author_of,
    campaign_info,
    compute,
    create_from_workbook,
    import_dossiers,
)
from juryapp.operations.changes import Changes, Outcome
from juryapp.operations.deliberation import (
    Draw,
    chain_departure,
    close_deliberation,
    decide_amount,
    decide_draw,
    decide_no_award,
    decide_tie,
    decide_withdraw,
    reopen_deliberation,
    undo_decision,
)
from juryapp.operations.scoring import write_score_sheet
from juryapp.operations.secretariat import set_attendance

__all__ = [
    "Changes",
    "CreatedCampaign",
    "DossierImportResult",
    "Draw",
    "OperationError",
    "Outcome",
    "account_name",
    "acting_author",
    "author_of",
    "campaign_info",
    "chain_departure",
    "close_deliberation",
    "compute",
    "create_from_workbook",
    "decide_amount",
    "decide_draw",
    "decide_no_award",
    "decide_tie",
    "decide_withdraw",
    "import_dossiers",
    "reopen_deliberation",
    "set_attendance",
    "undo_decision",
    "write_score_sheet",
]
