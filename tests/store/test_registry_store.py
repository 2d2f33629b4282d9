"""The registry of past laureates in the campaign file (rules §13): journaled, replayed
by ``verify``, sealed only when used (so the seals made before it still hold), and
older files opened and upgraded."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from juryapp.core.model import Dossier
from juryapp.core.registry import PastLaureate, RulingKind
from juryapp.store import CampaignFile
from juryapp.store.migrations import head_revision
from juryapp.store.state import read_state, seal_document
from tests.plugin.campaigns import small_campaign
from tests.store.test_migrations import make_revision_0001_file

PAST = (
    PastLaureate(siret="12345678900012", holder="Asso A", town="Niort", call="AAP", year="2023"),
    PastLaureate(holder="Les Amis", town="Niort", call="AAP", year="2023", amount_cents=100_000),
)


def _supported_once(path: Path) -> CampaignFile:
    campaign = small_campaign()
    rules = replace(campaign.rules, supported_once=True)
    dossiers = (
        replace(campaign.dossiers[0], siret="123 456 789 00012"),
        replace(campaign.dossiers[1], applicant="Association Les Amis", town="NIORT"),
        *campaign.dossiers[2:],
    )
    return CampaignFile.create(path, replace(campaign, rules=rules, dossiers=dossiers), "sec")


def _state(store: CampaignFile):  # the tables as verify reads them
    with store.database.read() as connection:
        return read_state(connection)


def test_laureates_and_rulings_are_journaled_and_replayed(tmp_path: Path) -> None:
    with _supported_once(tmp_path / "a.jury") as store:
        first, second = store.load().dossiers[:2]
        added = store.add_past_laureates(PAST, "liste.csv", "sec")
        assert (added.added, added.known, added.admissibility) == (2, 0, {first.ref: False})
        again = store.add_past_laureates(PAST, "liste.xlsx", "sec")
        assert (again.added, again.known, again.admissibility) == (0, 2, {})
        flag, changed = store.rule_on_match(second.ref, RulingKind.CONFIRM, "", "Claire")
        assert changed == {second.ref: False} and flag.excludes
        flag, changed = store.rule_on_match(first.ref, RulingKind.OVERRIDE, "distinct", "Claire")
        assert changed == {first.ref: True} and not flag.excludes
        kinds = [e.kind for e in store.journal()]
        assert kinds.count("registry") == 1 and kinds.count("registry-ruling") == 2
        assert kinds.count("admissibility") == 3
        assert store.verify().ok, store.verify().problems
        state = _state(store)
        assert len(state.registry) == 2 and set(state.rulings) == {first.ref, second.ref}
        document = seal_document(state, 1, None)
        assert len(document["registry"]) == 2
        assert document["registry_rulings"] == sorted(
            [[first.ref, "override:distinct"], [second.ref, "confirm:"]]
        )


def test_a_campaign_without_registry_seals_as_before(tmp_path: Path) -> None:
    with CampaignFile.create(tmp_path / "b.jury", small_campaign(), "sec") as store:
        document = seal_document(_state(store), 1, None)
        assert "registry" not in document and "registry_rulings" not in document
        # the new dossier field is left out of the seal while empty
        assert all("rna" not in d for d in document["dossiers"])


def test_registry_rows_changed_behind_the_app_s_back_are_named(tmp_path: Path) -> None:
    path = tmp_path / "c.jury"
    with _supported_once(path) as store:
        store.add_past_laureates(PAST, "liste.csv", "sec")
        ref = store.load().dossiers[1].ref
        store.rule_on_match(ref, RulingKind.DISMISS, "autre", "Claire")
    connection = sqlite3.connect(path)
    connection.execute("UPDATE past_laureate SET siret = '99999999999999' WHERE id = 1")
    connection.execute("UPDATE registry_ruling SET reason = 'tout autre'")
    connection.commit()
    connection.close()
    with CampaignFile.open(path) as store:
        problems = store.verify().problems
    assert any(
        p.startswith("table past_laureate : lauréat du registre 1 modifié") for p in problems
    )
    assert any(p.startswith(f"table registry_ruling : décision sur le registre (dossier) {ref}")
               for p in problems)  # fmt: skip


def test_a_file_from_before_the_registry_opens_and_takes_one(tmp_path: Path) -> None:
    path = tmp_path / "ancien.jury"
    make_revision_0001_file(path)
    with CampaignFile.open(path) as store:
        campaign = store.load()
        assert campaign.dossiers[0].rna == ""
        assert not campaign.rules.supported_once and campaign.rules.minimum_projects is None
        assert store.past_laureates() == [] and store.registry_rulings() == {}
        store.import_dossiers([Dossier("D2", "Deux", siret="12345678900012")], "sec", "x.xlsx")
        added = store.add_past_laureates(PAST, "liste.csv", "sec")
        # « Soutien unique » is not in this call's rules: nothing is made inadmissible
        assert added.added == 2 and added.admissibility == {}
        assert store.verify().ok, store.verify().problems
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            head_revision()
        )
    finally:
        connection.close()
