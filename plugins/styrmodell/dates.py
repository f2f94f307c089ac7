"""The one rule for "which day is it": ``SOURCE_DATE_EPOCH``, read here and nowhere else.

A build, a freeze and a Kolada fetch each need a day: the build prints it on every page,
the freeze and the fetch record it (``snapshot.json``, ``sources.csv``). All three read it the
same way, so the same environment gives the same day everywhere:

- ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention: whole seconds since 1970-01-01 UTC),
  when it is set and not empty, is that moment's date **in Sweden** (Europe/Stockholm);
- a value that is not a whole number of seconds is an error in Swedish, never silently ignored;
- without it, a build takes the latest period's end (so the same data gives the same bytes), and a
  freeze or a fetch, which are acts done on a day, take today's date in Sweden.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

#: The reproducible-builds convention: the build's time as whole seconds since 1970-01-01 UTC.
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
#: Dates on the site and in the package are Swedish dates.
TIME_ZONE = ZoneInfo("Europe/Stockholm")


def source_date(environ: Mapping[str, str] | None = None) -> date | None:
    """The date in Sweden of ``SOURCE_DATE_EPOCH``, or None when it is unset or empty.

    ``environ`` is the process's environment by default. A value that is not a whole number of
    seconds raises a ValueError in Swedish.
    """
    raw = (os.environ if environ is None else environ).get(SOURCE_DATE_EPOCH, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ValueError(
            f"miljövariabeln {SOURCE_DATE_EPOCH} måste vara ett heltal sekunder sedan 1 januari 1970 (UTC), "
            f"till exempel värdet av git log -1 --format=%ct, inte {raw!r}. Ta bort den eller rätta den och bygg igen"
        )
    try:
        return datetime.fromtimestamp(int(raw), UTC).astimezone(TIME_ZONE).date()
    except (OverflowError, OSError, ValueError):
        raise ValueError(
            f"miljövariabeln {SOURCE_DATE_EPOCH} är ett för stort tal ({raw}). Sätt den till byggets tid i "
            "sekunder sedan 1 januari 1970 (UTC) och bygg igen"
        ) from None


def action_date(environ: Mapping[str, str] | None = None) -> date:
    """The day of an act (a freeze, a Kolada fetch): ``SOURCE_DATE_EPOCH``'s date if set, else today in Sweden."""
    return source_date(environ) or datetime.now(tz=TIME_ZONE).date()  # the act's own day is what it records
