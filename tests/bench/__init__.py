"""Benchmarks: run with ``bash packaging/bootstrap.sh bench`` (not part of the test suite)."""
