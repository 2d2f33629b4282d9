"""Calls that run over a year (rules §12) as campaign files: the Nantes Factory year
(900 000 €, three project reviews, the first with its own envelope of 300 000 €, at
least 14 projects) and the Lyon foundation's year (two selection sessions, each axis with
its own envelope and cap)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from juryapp.core.model import (
    CallRules,
    CallSession,
    Campaign,
    Category,
    Criterion,
    Dossier,
    Juror,
    Mode,
    Role,
)
from juryapp.store import CampaignFile

EUROS = 100
JURORS = (Juror("J1", "Présidente", Role.PRESIDENT), Juror("J2", "Membre"))
CRITERIA = (Criterion("IMPACT", "Impact social", 1, 20),)

# (ref, session, requested €) — ranked in this order (scores fall along the list)
NANTES_DOSSIERS: tuple[tuple[str, str, int], ...] = (
    *((f"S1-{i}", "S1", 70_000) for i in range(1, 6)),  # 4 × 70 000 fit in 300 000
    *((f"S2-{i}", "S2", 64_000) for i in range(1, 6)),  # 5 × 64 000 = 320 000
    *((f"S3-{i}", "S3", 80_000) for i in range(1, 7)),
)


def nantes_year(*, carry_over: bool) -> Campaign:
    """Year 900 000 €, cap 80 000 €; S1 declares 300 000 €, S2 300 000 €, S3 none."""
    return Campaign(
        rules=CallRules(
            name="Fonds d'amorçage ESS Nantes Factory 2024",
            authority="Nantes Métropole",
            mode=Mode.ENVELOPE,
            envelope_cents=900_000 * EUROS,
            cap_cents=80_000 * EUROS,
            year=2024,
            carry_over=carry_over,
            minimum_projects=14,
            min_scores=2,
        ),
        criteria=CRITERIA,
        jurors=JURORS,
        sessions=(
            CallSession("S1", "Revue de projets de mars", "2024-03-14", 300_000 * EUROS),
            CallSession("S2", "Revue de projets de juin", "2024-06-13", 300_000 * EUROS),
            CallSession("S3", "Revue de projets d'octobre", "2024-10-10", None),
        ),
        dossiers=tuple(
            Dossier(
                ref,
                f"Projet {ref}",
                f"Porteur {ref}",
                session=session,
                requested_cents=euros * EUROS,
            )
            for ref, session, euros in NANTES_DOSSIERS
        ),
    )


# Lyon: two axes with their own year envelope and cap, two sessions without envelopes
LYON_DOSSIERS: tuple[tuple[str, str, str, int], ...] = (
    ("L1-A1", "C1", "A", 30_000),
    ("L1-A2", "C1", "A", 30_000),
    ("L1-B1", "C1", "B", 20_000),
    ("L2-A1", "C2", "A", 30_000),
    ("L2-A2", "C2", "A", 30_000),
    ("L2-B1", "C2", "B", 20_000),
    ("L2-B2", "C2", "B", 20_000),
)


def lyon_year() -> Campaign:
    """Axis A: 80 000 € a year, cap 30 000 €; axis B: 50 000 €, cap 15 000 €."""
    return Campaign(
        rules=CallRules(
            name="Fondation lyonnaise — appel annuel",
            mode=Mode.ENVELOPE,
            envelope_cents=130_000 * EUROS,
            min_scores=2,
        ),
        criteria=CRITERIA,
        jurors=JURORS,
        categories=(
            Category("A", "Solidarités", 80_000 * EUROS, cap_cents=30_000 * EUROS),
            Category("B", "Culture", 50_000 * EUROS, cap_cents=15_000 * EUROS),
        ),
        sessions=(
            CallSession("C1", "Comité de printemps", "2024-04-04"),
            CallSession("C2", "Comité d'automne", "2024-11-07"),
        ),
        dossiers=tuple(
            Dossier(
                ref,
                f"Projet {ref}",
                f"Porteur {ref}",
                category=axis,
                session=session,
                requested_cents=euros * EUROS,
            )
            for ref, session, axis, euros in LYON_DOSSIERS
        ),
    )


def create_year(path: Path, campaign: Campaign, refs: Sequence[str] | None = None) -> Path:
    """The campaign file, every dossier scored by both jurors, falling along the list
    (``refs``: only those)."""
    with CampaignFile.create(path, campaign, "Secrétariat") as campaign_file:
        score_year(campaign_file, [d.ref for d in campaign.dossiers] if refs is None else refs)
    return path


def score_year(campaign_file: CampaignFile, refs: Sequence[str]) -> None:
    for rank, ref in enumerate(refs):
        for juror in ("J1", "J2"):
            campaign_file.set_scores(juror, ref, {"IMPACT": 20 - rank % 20}, "Secrétariat")
