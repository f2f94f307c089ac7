"""The comparison group on styrmått pages: members, source, and what the page says about its values."""

from __future__ import annotations

from conftest import KARLSKOGA, MINI
from styrmodell.package import load_package
from styrmodell.views.indicators import group_views


def test_every_group_lists_its_members_and_says_whether_the_styrmatt_has_values():
    model = load_package(KARLSKOGA)
    groups = {m.group for m in model.comparison_groups}
    assert groups  # the live package names a group
    for indicator in model.indicators:
        comparisons = model.comparisons_of(indicator.id)
        for view in group_views(model, comparisons):
            members = [m for m in model.comparison_groups if m.group == view.id]
            assert view.member_names == tuple(f"{m.name} ({m.code})" for m in members)
            assert [s.id for s in view.sources] == sorted({m.source for m in members})
            has_values = any(c.area == view.id for c in comparisons)
            assert ("bredvid Riket" in view.text) == has_values
            assert ("ännu inga värden" in view.text) == (not has_values)


def test_a_package_without_groups_shows_none():
    model = load_package(MINI)
    assert model.comparison_groups == ()
    assert group_views(model, model.comparisons) == ()
