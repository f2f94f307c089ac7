"""Where the money figures come from: the sources and example counts on "Så räknade vi" come from the package."""

from __future__ import annotations

from conftest import MINI
from styrmodell.package import load_package
from styrmodell.views.receipt_method import receipt_method_view


def test_receipt_method_lists_the_sources_and_example_rows_of_the_money_figures():
    view = receipt_method_view(load_package(MINI))
    assert [(f.label, f.rows_text, [s.id for s in f.sources], f.example) for f in view.figures] == [
        (
            "Budget, prognos och utfall per nämnd",
            "2 rader. Alla är exempeldata: påhittade för att visa hur sidan fungerar, inte kommunens siffror.",
            ["exempeldata"],
            True,
        ),
        (
            "Årets resultat och det finansiella målet",
            "1 rad. Den är exempeldata: påhittad för att visa hur sidan fungerar, inte kommunens siffra.",
            ["exempeldata"],
            True,
        ),
        (
            "Skattesatserna",
            "2 rader, varav 1 exempeldata. De är märkta Exempel på sidorna.",
            ["exempeldata", "kolada"],
            True,
        ),
        ("Kostnad per invånare och verksamhet", "2 rader, inga exempeldata.", ["kolada"], False),
    ]
    assert [s.id for s in view.sources] == ["exempeldata", "kolada"]
    assert [f.sources_label for f in view.figures] == ["Källa", "Källa", "Källor", "Källa"]
