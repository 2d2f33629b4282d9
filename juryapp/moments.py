"""Times for people: a stored UTC timestamp shown in the computer's local time, with
its offset from UTC where it matters (the PV, edits from other machines)."""

from __future__ import annotations

import datetime as dt

__all__ = ["local", "zone_label"]


def local(value: str | dt.datetime) -> dt.datetime | None:
    """``value`` (ISO-8601 text or a datetime) in local time; None when unreadable.

    A time without a zone is taken as UTC, as the store writes them."""
    if isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        moment = value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone()


def zone_label(moment: dt.datetime) -> str:
    """« UTC », « UTC+1 », « UTC+5:30 » or « UTC-3 » for a zone-aware time."""
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
