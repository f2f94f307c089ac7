"""The site's stylesheet: a colour for every status, and nothing loaded from another origin (the CSP forbids it)."""

from __future__ import annotations

import re

from conftest import ROOT
from styrmodell.fulfilment import GoalStatus, Status

CSS = ROOT / "theme" / "static" / "css" / "site.css"


def test_every_status_has_a_style():
    css = CSS.read_text(encoding="utf-8")
    for status in (*Status, *GoalStatus):
        assert f".status-{status.value}" in css, f"no colour for status {status.value}"


def test_stylesheet_loads_nothing_from_other_origins():
    css = CSS.read_text(encoding="utf-8")
    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)
