"""Qt table models over the campaign's plain values."""
