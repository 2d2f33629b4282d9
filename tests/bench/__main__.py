"""``python -m tests.bench``: every benchmark, one after the other."""

from tests.bench import engine_bench

engine_bench.main()
