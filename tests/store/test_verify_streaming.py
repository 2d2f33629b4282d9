"""``verify`` reads the journal once: a ``score-batch`` payload's cells decoded one at a
time (no list of 400,000 beside the state), the same cells as ``json.loads`` gives."""

from __future__ import annotations

import pytest

from juryapp.store.codec import canonical_json
from juryapp.store.journal import _LazyCells

CELLS = [
    ["J1", "D1", "INNO", "9/2", "2026-05-02T09:00:00.000000+00:00", None],
    ["J2", "D«2»", "IMPACT", "15", "2026-05-02T09:00:01.000000+00:00", "12"],
    ["J3", 'D"3', "INNO", None, "2026-05-02T09:00:02.000000+00:00", "1"],
]


def test_lazy_cells_are_the_cells_json_gives() -> None:
    assert list(_LazyCells(canonical_json({"cells": CELLS}))) == CELLS
    assert list(_LazyCells('{"cells":[' + ",".join(canonical_json(c) for c in CELLS) + "]}")) == (
        CELLS
    )  # as the merge's staging writes it
    assert list(_LazyCells('{"cells":[]}')) == []


@pytest.mark.parametrize(
    "text",
    [
        '{"cells":[["J1"] ["J2"]]}',
        '{"cells":[["J1"],["J2"]]}x',
        '{"cells":[["J1",',
        '{"cells":[x]}',
    ],
)
def test_damaged_cells_raise_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        list(_LazyCells(text))
