"""The deliberation engine: a ``Campaign`` in, ``Results`` out (rules §2–§9).

Steps, in order: the jury's decisions are indexed; every juror's grid becomes an
exact note (integer arithmetic, see ``GridArithmetic``); notes are normalised
(z-score) and aggregated per dossier; statuses and thresholds are applied;
each pool is ranked with competition ranks and its tie groups are run through
the tie-break chain and the jury's decisions; the money is allocated (prizes or
envelope), unused money is reallocated; quorum and what blocks closing are
listed. Every dossier carries the sentences explaining each step.

One module per job: ``state`` (what a run builds up), ``notes``, ``eligibility``,
``ties``, ``ranking``, ``amounts``, ``walks``, ``allocation``, ``closing``.
"""

from __future__ import annotations

from juryapp.core.bulk import collector_paused
from juryapp.core.engine.allocation import Allocation
from juryapp.core.engine.closing import Closing
from juryapp.core.engine.eligibility import Eligibility
from juryapp.core.engine.notes import Notes
from juryapp.core.model import Campaign
from juryapp.core.results import Results

__all__ = ["compute_results"]


def compute_results(campaign: Campaign) -> Results:
    """Compute every result of a deliberation from its data and decisions."""
    with collector_paused():  # tens of thousands of notes and sentences, no cycles
        return _Engine(campaign).run()


class _Engine(Notes, Eligibility, Allocation, Closing):
    """The steps of a run, in order."""

    def run(self) -> Results:
        self._index_decisions()
        self._create_results()
        self._compute_notes()
        self._aggregate()
        self._apply_thresholds()
        pool_slots = self._rank_pools()
        pools = self._allocate(pool_slots)
        self._warn_unused_decisions()
        call_quorum = self._quorum()
        self._finish_explanations()
        ordered = self._ordered_results()
        envelope = self._call_envelope(pools)
        return Results(
            rules=self.rules,
            dossiers=ordered,
            ties=self.ties,
            pools=pools,
            pending=self.pending,
            quorum=call_quorum,
            envelope_cents=envelope,
            warnings=self.warnings,
            raw_jurors=self.raw_jurors,
        )
