"""The A–Ö list of the search page: Swedish alphabetical order, letter groups, every goal and styrmått once.

How the list and the Pagefind index look in the built site is tested in ``tests/site/test_search.py``.
"""

from __future__ import annotations

from conftest import MINI
from styrmodell import search
from styrmodell.package import load_package


def test_swedish_alphabetical_order_puts_a_ring_a_umlaut_and_o_umlaut_last():
    words = ["Öppenhet", "ärenden", "Ålder", "zon", "Ekonomi", "éclair", "avgift", "Äldreomsorg"]
    assert sorted(words, key=search.swedish_sort_key) == [
        "avgift",
        "éclair",  # é sorts as e
        "Ekonomi",
        "zon",
        "Ålder",
        "Äldreomsorg",
        "ärenden",
        "Öppenhet",
    ]


def test_titles_are_listed_under_their_first_letter():
    assert search.initial("Åtgärder") == "Å"
    assert search.initial("ökad trygghet") == "Ö"
    assert search.initial("Élevhälsa") == "E"
    assert search.initial("32 000 invånare") == search.DIGITS_GROUP


def test_a_to_z_lists_every_goal_and_styrmatt_once():
    model = load_package(MINI)
    groups = search.a_to_z(model, lambda g: f"mal/{g}/", lambda i: f"styrmatt/{i}/")
    urls = [e.url for g in groups for e in g.entries]
    assert sorted(urls) == sorted(
        [f"mal/{g.id}/" for g in model.goals] + [f"styrmatt/{i.id}/" for i in model.indicators]
    )
    letters = [g.letter for g in groups]
    assert letters == sorted(letters, key=search._group_key), "letter groups out of Swedish order"
