"""The PV is « fait à » the town of the session's place, and its times are local,
with their offset from UTC; merge conflicts show local times too."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from export_fixtures import pdf_text, rich_campaign

from juryapp.documents.minutes import write_minutes
from juryapp.documents.record import record_from_campaign
from juryapp.documents.wording import format_timestamp, signing_town
from juryapp.merge.report import display_time
from juryapp.moments import zone_label


@pytest.fixture
def paris() -> Iterator[None]:
    """The computer's clock in Paris (winter: UTC+1, summer: UTC+2)."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Paris"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


@pytest.mark.parametrize(
    ("place", "town"),
    [
        ("Hôtel de ville, Poitiers", "Poitiers"),
        ("Salle du conseil, 84 rue Carnot, 86000 Poitiers", "Poitiers"),
        ("Hôtel de Région, Bordeaux — salle Garonne", "Bordeaux"),
        ("14 boulevard Diderot, 75012 Paris Cedex 12", "Paris"),
        ("Saint-Jean-de-Luz", "Saint-Jean-de-Luz"),
        ("Hôtel de ville", ""),
        ("", ""),
    ],
)
def test_the_town_of_a_place(place: str, town: str) -> None:
    assert signing_town(place) == town


def test_the_pv_is_made_in_the_town_and_dated_with_its_zone(tmp_path: Path, paris: None) -> None:
    campaign = rich_campaign()
    campaign = replace(campaign, rules=replace(campaign.rules, place="Hôtel de ville, Poitiers"))
    moment = dt.datetime(2026, 12, 6, 2, 3, tzinfo=dt.UTC)
    record = record_from_campaign(campaign, generated_at=moment, author="secrétariat")
    path = tmp_path / "pv.pdf"
    write_minutes(path, record)
    text = " ".join(pdf_text(path).split())
    assert "Fait à Poitiers, le" in text
    assert "Fait à Hôtel" not in text
    assert "06/12/2026 03:03 UTC+1" in text  # the document's time, in Paris


def test_times_are_local_with_their_offset(paris: None) -> None:
    summer = "2026-06-12T12:30:00+00:00"
    assert format_timestamp(summer, "fr") == "12/06/2026 14:30"
    assert format_timestamp(summer, "fr", zone=True) == "12/06/2026 14:30 UTC+2"
    assert display_time("2026-05-03T10:00:00+00:00") == "03/05/2026 12:00:00 UTC+2"
    assert display_time("pas une date") == "pas une date"


def test_zone_labels() -> None:
    def at(minutes: int) -> dt.datetime:
        return dt.datetime(2026, 1, 1, tzinfo=dt.timezone(dt.timedelta(minutes=minutes)))

    assert [zone_label(at(m)) for m in (0, 60, 330, -180)] == [
        "UTC",
        "UTC+1",
        "UTC+5:30",
        "UTC-3",
    ]
