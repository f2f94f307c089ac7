"""What pages say in words: roll-up sentences that agree with their numbers."""

from __future__ import annotations

import pytest
from styrmodell.fulfilment import GoalStatus
from styrmodell.views import Rollup, rollup_sentence

MET, PARTLY, NOT_MET, NONE = GoalStatus.MET, GoalStatus.PARTLY, GoalStatus.NOT_MET, GoalStatus.NOT_ASSESSED


def sentence(met=0, partly=0, not_met=0, none=0) -> str:
    counts = {MET: met, PARTLY: partly, NOT_MET: not_met, NONE: none}
    return rollup_sentence(Rollup("alla", "Alla mål", counts, ())).replace("\u00a0", " ")


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (
            {"met": 5, "partly": 8, "not_met": 1, "none": 3},
            "Av 17 mål är 5 uppnådda, 8 delvis uppnådda och 1 inte uppnått. 3 mål kunde inte bedömas, "
            "eftersom det saknas mätvärden eller målnivåer för året.",
        ),
        ({"met": 2, "not_met": 2}, "Av 4 mål är 2 uppnådda och 2 inte uppnådda."),
        ({"partly": 1}, "Målet är delvis uppnått."),
        ({"none": 3}, "Inget av målen kunde bedömas, eftersom det saknas mätvärden eller målnivåer för året."),
        ({}, "Det finns inga gällande mål med styrmått att bedöma."),
    ],
)
def test_rollup_sentence_agrees_with_its_numbers_and_skips_zeros(counts, expected):
    assert sentence(**counts) == expected


def test_no_clause_says_zero():
    assert " 0 " not in sentence(met=3, none=1)


def test_organs_are_listed_council_board_then_committees_in_swedish_order():
    from styrmodell.package.model import Organisation
    from styrmodell.views import ordered_organs

    def organ(i: str, name: str, kind: str) -> Organisation:
        return Organisation(id=i, name=name, kind=kind, source="s", example=False)

    organs = [
        organ("ofn", "Överförmyndarnämnd", "namnd"),
        organ("bun", "Barn- och utbildningsnämnden", "namnd"),
        organ("ks", "Kommunstyrelsen", "styrelse"),
        organ("kf", "Kommunfullmäktige", "fullmaktige"),
        organ("an", "Administrativ nämnd", "namnd"),
    ]
    assert [o.id for o in ordered_organs(organs)] == ["kf", "ks", "an", "bun", "ofn"]


def test_settings_report_every_problem_at_once():
    from styrmodell.settings import Settings

    with pytest.raises(ValueError, match="rollup") as caught:
        Settings.from_mapping({"rollup": "medel", "tolerance": 2, "colour": "blå"})
    message = str(caught.value)
    assert "tolerance" in message
    assert "okänd inställning STYRMODELL['colour']" in message


def test_every_setting_is_documented_in_the_readme():
    from pathlib import Path

    from styrmodell.settings import Settings

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    undocumented = [name for name in ("package", *Settings.keys()) if f"`{name}`" not in readme]
    assert undocumented == []
