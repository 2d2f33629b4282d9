"""Damaged and hostile files through the command line: never exit 4, never a traceback,
nothing changed after a refusal (see fuzzing.py). A fixed seed keeps it reproducible;
``bash packaging/bootstrap.sh fuzz N`` runs a longer one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .fuzzing import Seeds, file_hash, mutate_bytes, mutate_sql, run_fuzz

MUTATIONS = int(os.environ.get("JURYAPP_FUZZ_MUTATIONS", "200"))


def test_mutated_files_are_refused_cleanly(seeds: Seeds, tmp_path: Path) -> None:
    stats = run_fuzz(MUTATIONS, seed=2026, folder=tmp_path, seeds=seeds)
    print(stats.summary())
    assert stats.failures == [], stats.summary()
    assert stats.mutations == MUTATIONS
    statuses = {status for (_command, status) in stats.exits}
    assert statuses <= {0, 1, 3} and {1, 3} <= statuses  # refusals and damage were met


def _juryapp(*args: object, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "juryapp", "--lang", "fr", *(str(a) for a in args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_real_processes_on_damaged_files(seeds: Seeds, tmp_path: Path) -> None:
    import random

    env = {**os.environ, "JURYAPP_LOG_DIR": str(tmp_path / "logs")}
    rng = random.Random(7)
    sealed = tmp_path / "scellee.jury"
    sealed.write_bytes(seeds.sealed.read_bytes())
    mutate_sql(rng, sealed)
    truncated = tmp_path / "tronquee.jury"
    truncated.write_bytes(seeds.scored.read_bytes()[:20000])
    flipped = tmp_path / "copie.jury"
    flipped.write_bytes(seeds.copy.read_bytes())
    mutate_bytes(rng, flipped)
    for campaign in (sealed, truncated):
        verify = _juryapp("verify", campaign, env=env)
        assert verify.returncode in (0, 3) and "Traceback" not in verify.stderr
        before = file_hash(campaign)
        results = _juryapp("results", campaign, env=env)
        assert results.returncode in (0, 1) and "Traceback" not in results.stderr
        if results.returncode == 1:
            assert results.stderr.startswith("juryapp : ") and file_hash(campaign) == before
    target = tmp_path / "cible.jury"
    target.write_bytes(seeds.fresh.read_bytes())
    before = file_hash(target)
    merge = _juryapp("scores", "merge", target, flipped, env=env)
    assert merge.returncode in (0, 1) and "Traceback" not in merge.stderr
    if merge.returncode == 1:
        assert file_hash(target) == before
    assert not list((tmp_path / "logs").glob("erreur-*"))
