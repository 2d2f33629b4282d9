"""The deliberation engine: plain values in, results out. No Qt, no SQL."""
