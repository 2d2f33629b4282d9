"""The list of equivalent mutants stays short, says why for each, and names code that
still exists (a renamed function leaves a stale line that must go)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

LIST = Path(__file__).resolve().parents[1] / "mutation_equivalents.txt"
NAME = re.compile(
    r"^(?P<module>juryapp\.[a-z_.]+)\.x(?:ǁ(?P<cls>\w+)ǁ|_)(?P<function>\w+?)__mutmut_\d+$"
)


def entries() -> list[tuple[str, str]]:
    rows = []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, reason = line.partition(" # ")
        rows.append((name.strip(), reason.strip()))
    return rows


def test_every_equivalent_mutant_says_why_and_names_existing_code():
    rows = entries()
    assert rows
    for name, reason in rows:
        assert len(reason) >= 15, f"{name}: the reason is missing or too short"
        match = NAME.match(name)
        assert match, f"not a mutant name: {name}"
        owner = importlib.import_module(match["module"])
        if match["cls"]:
            owner = getattr(owner, match["cls"])
        assert hasattr(owner, match["function"]), f"{name}: no such function any more"
    names = [name for name, _ in rows]
    assert len(names) == len(set(names)), "a mutant is listed twice"


def test_the_list_stays_short():
    # 18 of them are zip(strict=True) on lists of equal length by construction
    assert len(entries()) <= 60
