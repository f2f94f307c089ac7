"""The comparison group on styrmått pages: members, source, and what the page says about its values."""

from __future__ import annotations

import dataclasses

from conftest import MINI
from styrmodell.package import load_package
from styrmodell.package.model import Comparison, ComparisonGroupMember
from styrmodell.views.indicators import group_views


def member(group: str, code: str, name: str, source: str, kolada_group: str | None = None) -> ComparisonGroupMember:
    return ComparisonGroupMember(
        group=group, group_name=f"Gruppen {group}", code=code, name=name, source=source,
        example=True, kolada_group=kolada_group,
    )  # fmt: skip


def with_groups():
    """The mini package with two groups: one of Kolada's (with a value) and one of the package's own (without)."""
    model = load_package(MINI)
    indicator = model.indicators[0]
    groups = (
        member("liknande", "1882", "Askersund", "kolada", kolada_group="G123"),
        member("liknande", "1883", "Karlskoga", "kolada", kolada_group="G123"),
        member("grannar", "1884", "Nora", "exempeldata"),
        member("grannar", "1885", "Lindesberg", "kolada"),
    )
    value = Comparison(indicator.id, 2022, "liknande", "Gruppen liknande", 1.5, "kolada", example=True)
    return dataclasses.replace(model, comparison_groups=groups), indicator, (value,)


def test_every_group_lists_its_members_in_file_order_and_its_sources():
    model, _indicator, comparisons = with_groups()
    views = {view.id: view for view in group_views(model, comparisons)}
    assert list(views) == ["grannar", "liknande"]
    assert views["grannar"].member_names == ("Nora (1884)", "Lindesberg (1885)")
    assert [s.id for s in views["grannar"].sources] == ["exempeldata", "kolada"]
    assert [s.id for s in views["liknande"].sources] == ["kolada"]
    assert all(view.example for view in views.values())


def test_the_page_says_whether_the_styrmatt_has_values_for_the_group_and_how_they_are_made():
    model, _indicator, comparisons = with_groups()
    views = {view.id: view for view in group_views(model, comparisons)}
    assert "bredvid Riket" in views["liknande"].text
    assert "Koladas medelvärde för gruppen G123" in views["liknande"].text
    assert "ännu inga värden" in views["grannar"].text
    assert "bredvid Riket" not in views["grannar"].text
    without = {view.id: view for view in group_views(model, ())}
    assert all("ännu inga värden" in view.text for view in without.values())


def test_a_package_without_groups_shows_none():
    model = load_package(MINI)
    assert model.comparison_groups == ()
    assert group_views(model, model.comparisons) == ()
