"""The tillgänglighetsredogörelse's assessment is fresh: less than a year old, and updated after it.

The assessment must be redone at least once a year: this test uses today's date
on purpose, so a stale statement fails CI before it goes out. What the
statement says is tested on the built page in ``tests/site/test_tillganglighet.py``.
"""

from __future__ import annotations

from datetime import date

from conftest import statement_metadata


def test_assessment_is_less_than_a_year_old():
    meta = statement_metadata()
    assessed = date.fromisoformat(meta["assessed"])
    updated = date.fromisoformat(meta["updated"])
    today = date.today()  # noqa: DTZ011 - freshness is about the calendar day the test runs
    assert assessed <= today, f"Assessed {assessed} is in the future"
    assert (today - assessed).days < 365, (
        f"the accessibility assessment from {assessed} is a year old or more: test the site again "
        "and update Assessed, Updated and the dates in content/pages/tillganglighet.md"
    )
    assert assessed <= updated <= today
