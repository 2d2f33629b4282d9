"""The intact files the robustness tests mutate, made once per session."""

from __future__ import annotations

import pytest

from .fuzzing import Seeds, make_seeds


@pytest.fixture(scope="session")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Seeds:
    return make_seeds(tmp_path_factory.mktemp("intacts"))
