"""``juryapp.paths`` finds the migrations, fonts, catalogues and guide wherever juryapp runs:
a PyInstaller bundle, an installed package, the source tree."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from juryapp import i18n, paths

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh_lookups() -> Iterator[None]:
    paths.data_folder.cache_clear()
    i18n._catalogue.cache_clear()
    yield
    paths.data_folder.cache_clear()
    i18n._catalogue.cache_clear()


def test_the_source_tree_serves_its_top_level_folders() -> None:
    assert paths.migrations_path() == REPOSITORY / "db"
    assert paths.resource_path("fonts", "DejaVuSans.ttf").is_file()
    assert paths.app_root() == REPOSITORY
    assert paths.guide_path("fr") == REPOSITORY / "resources" / "doc" / "guide-fr.md"
    assert paths.guide_path("en").name == "guide-en.md"


def test_a_bundle_is_looked_in_first_under_juryapp(tmp_path: Path, monkeypatch) -> None:
    for name in ("db", "resources"):
        (tmp_path / "juryapp" / name).mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.migrations_path() == tmp_path / "juryapp" / "db"
    assert paths.resource_path("i18n") == tmp_path / "juryapp" / "resources" / "i18n"


def test_a_missing_catalogue_is_an_error_not_silent_french(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "juryapp" / "resources" / "i18n").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    with pytest.raises(FileNotFoundError) as raised:
        i18n.translate("Procès-verbal", "en")
    assert raised.value.filename == str(tmp_path / "juryapp" / "resources" / "i18n" / "en-*.po")
    assert i18n.translate("Procès-verbal", "fr") == "Procès-verbal"
