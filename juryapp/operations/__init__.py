"""What a user can do to a campaign, shared by the command line and the desktop app.

One module per task: ``campaign`` (create, import dossiers, who acts, results),
``scoring`` (scores, comments, recusals, score sheets), ``secretariat``
(admissibility, grid, attendance), ``deliberation`` (decisions, seal), ``copies``
(juror copies, coordinator copy, merge), ``documents`` (exports). Each operation
refuses with one French sentence (``juryapp.core.errors.OperationError``) and
changes nothing, or records its change in the campaign file (which journals it)
and returns an ``Outcome`` (``changes``): its value and the ``Changes`` it made,
from which the app refreshes its screens. No Qt here.
"""
