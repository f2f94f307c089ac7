"""What the page views compute for the templates, checked on the mini fixture with values written out by hand.

The mini package (tests/fixtures/mini) has one vision, one fullmäktigemål and three
nämndmål of BUN (bun-2 ended in 2021 and is replaced by bun-3); its latest period is
Årsredovisning 2022.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import MINI
from styrmodell.fulfilment import ROLLUP_RULES, GoalStatus, Status
from styrmodell.package import load_package
from styrmodell.package.model import Document, Goal, Organisation, PlanningStep
from styrmodell.settings import Settings
from styrmodell.views import NavLink, Rollup, page_views, site_view
from styrmodell.views.goals import validity_span, validity_text
from styrmodell.views.prose import (
    chain_view,
    decision_text,
    documents_view,
    owner_text,
    planning_view,
    rules_view,
    step_when,
    vision_view,
)


@pytest.fixture(scope="module")
def model():
    return load_package(MINI)


@pytest.fixture(scope="module")
def pages(model):
    return page_views(model, Settings())


def goal(valid_from=None, valid_to=None) -> Goal:
    return Goal("g", "namndmal", "bun", "Ett mål", "s", False, valid_from=valid_from, valid_to=valid_to)


def organ(kind: str, name: str = "Karlskoga Energi & Miljö AB") -> Organisation:
    return Organisation(id="o", name=name, kind=kind, source="s", example=False, short_name="KEMAB")


# The vision and the chain of goals ------------------------------------------------------------


def test_vision_view_lists_each_vision_with_its_goals(model):
    view = vision_view(model)
    assert [(v.goal.id, v.retired, [c.id for c in v.children]) for v in view.visions] == [
        ("vision", False, ["kf-1", "parent-kf"])
    ]
    assert [g.id for g in view.current] == ["vision"]
    assert view.example is False
    assert [s.id for s in view.sources] == ["styrmodell"]


def test_chain_view_is_the_tree_of_goals_with_lower_case_names(model):
    view = chain_view(model)

    def flat(nodes, depth=0):
        for n in nodes:
            yield (depth, n.goal.id, n.level_text, n.owner_text, n.retired)
            yield from flat(n.children, depth + 1)

    assert list(flat(view.roots)) == [
        (0, "vision", "vision", "kommunfullmäktige", False),
        (1, "kf-1", "fullmäktigemål", "kommunfullmäktige", False),
        (2, "bun-1", "nämndmål", "barn- och utbildningsnämnden", False),
        (2, "bun-2", "nämndmål", "barn- och utbildningsnämnden", True),
        (2, "bun-3", "nämndmål", "barn- och utbildningsnämnden", False),
        (1, "parent-kf", "fullmäktigemål", "kommunfullmäktige", True),
        (2, "parent-bun", "nämndmål", "barn- och utbildningsnämnden", False),
    ]
    assert view.municipality_name == "Testkommun"
    assert [lv.id for lv in view.levels] == ["vision", "fullmaktigemal", "namndmal"]
    assert view.example is True  # the goals of BUN are example rows


def test_a_company_keeps_its_capitals_in_a_sentence():
    assert owner_text(organ("bolag")) == "Karlskoga Energi & Miljö AB"
    assert owner_text(organ("namnd", "Socialnämnden")) == "socialnämnden"


# The planning year ----------------------------------------------------------------------------


def test_planning_view_says_when_and_who(model):
    view = planning_view(model)
    assert [(s.step.id, s.when, s.who) for s in view.steps] == [
        ("seminarium", "Februari", "Kommunstyrelsen"),
        ("beslut", "Juni", "Kommunfullmäktige"),
    ]
    assert view.example is False


@pytest.mark.parametrize(
    ("start", "end", "offset", "expected"),
    [
        (10, 10, 0, "Oktober"),
        (1, 3, 0, "Januari–mars"),
        (2, 2, 1, "Februari året därpå"),
        (11, 12, 1, "November–december året därpå"),
        (12, 1, 0, "December–januari året därpå"),
        (12, 1, 1, "December året därpå–januari två år senare"),
        (3, 4, 2, "Mars–april två år senare"),
    ],
)
def test_step_when(start, end, offset, expected):
    step = PlanningStep("s", 1, "Steg", start, end, offset, "ks", "s", False)
    assert step_when(step) == expected


# The register of styrdokument -----------------------------------------------------------------


def test_documents_view_names_the_organ_once_and_flags_overdue_reviews(model):
    view = documents_view(model, model.latest_period())
    assert [(r.document.id, r.type_text, r.decision, r.overdue) for r in view.rows] == [
        ("styrmodell", "Styrmodell", "KF § 1", True)  # review by 2018-05-31, period ends 2022-12-31
    ]
    assert view.period.id == "2022-12"
    assert view.example is False


@pytest.mark.parametrize(("reference", "expected"), [("KF § 150", "KF § 150"), ("§ 150", "KF § 150"), (None, "KF")])
def test_decision_text(model, reference, expected):
    document = Document("d", "Policy", "policy", "kf", "s", False, reference=reference)
    assert decision_text(model, document) == expected


def test_a_review_on_the_last_day_of_the_period_is_not_overdue(model):
    from dataclasses import replace

    period = replace(model.latest_period(), end_date=date(2018, 5, 31))
    assert [r.overdue for r in documents_view(model, period).rows] == [False]


# The rules page --------------------------------------------------------------------------------


def test_rules_view_names_each_status_and_shows_one_real_case_each(model, pages):
    view = rules_view(model, Settings(), pages.goals.values())
    assert (view.met, view.near, view.not_met, view.not_measured, view.not_followed_up, view.no_target) == (
        Status.MET,
        Status.NEAR,
        Status.NOT_MET,
        Status.NOT_MEASURED,
        Status.NOT_FOLLOWED_UP,
        Status.NO_TARGET,
    )
    assert view.tolerance_percent == pytest.approx(5)
    assert view.rule == ROLLUP_RULES["majority"]
    assert [(w.case.indicator.id, w.case.year, w.case.status, w.direction_text) for w in view.examples] == [
        ("kostnad-elev", 2022, Status.MET, "Ju lägre desto bättre"),  # 98 000 under 100 000
        ("meritvarde", 2022, Status.NEAR, "Ju högre desto bättre"),  # 219,8 misses 225 by less than 5 %
        ("sjukfranvaro", 2022, Status.NOT_MET, "Ju lägre desto bättre"),  # 8,1 over 7 by more than 5 %
        # a målnivå for 2021 and no result, judged at the end of 2022
        ("delar-handlaggningstid", 2021, Status.NOT_FOLLOWED_UP, "Ju lägre desto bättre"),
        ("meritvarde", 2020, Status.NO_TARGET, "Ju högre desto bättre"),
    ]
    assert view.example_goal.goal.id == "bun-1"
    assert view.example is True  # the målnivåer are example rows


# Goals -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "text", "span"),
    [
        (2024, 2027, "från 2024 till och med 2027", "2024–2027"),
        (2024, None, "från 2024, tills vidare", "2024–"),
        (None, 2027, " till och med 2027", "–2027"),
        (None, None, "tills vidare", "–"),
    ],
)
def test_validity(valid_from, valid_to, text, span):
    assert validity_text(goal(valid_from, valid_to)) == text
    assert validity_span(goal(valid_from, valid_to)) == span


def test_a_retired_goal_names_its_replacement_in_its_notice_not_among_the_facts(pages):
    retired, successor = pages.goals["bun-2"], pages.goals["bun-3"]
    assert retired.summary.retired is True
    assert [g.id for g in retired.replaced_by] == ["bun-3"]
    assert retired.replaced_by_fact == ()
    assert retired.validity_span == "2020–2021"
    assert retired.validity_text == "från 2020 till och med 2021"
    assert successor.replaces.id == "bun-2"
    assert successor.validity_text == "från 2022, tills vidare"


def test_a_goal_in_force_under_an_ended_parent_gets_the_parent_notice(pages):
    # parent-bun applies in 2022; its parent parent-kf applied 2020–2021. No other goal of mini has an ended parent.
    notices = {i: v.parent_notice.id for i, v in pages.goals.items() if v.parent_notice}
    assert notices == {"parent-bun": "parent-kf"}
    assert pages.goals["parent-bun"].summary.retired is False
    assert pages.goals["parent-kf"].summary.retired is True


def test_activity_comment(pages):
    (activity,) = pages.goals["bun-1"].activities
    assert (activity.status_text, activity.comment) == ("Pågår", None)


# Lists and roll-ups ---------------------------------------------------------------------------


def test_goals_page_groups_by_level_then_owner_then_perspective(pages):
    groups = [
        (level.id, [(o.id, [s.goal.id for s in summaries]) for o, summaries in owners])
        for level, owners in pages.goals_page.groups
    ]
    assert groups == [
        ("vision", [("kf", ["vision"])]),
        ("fullmaktigemal", [("kf", ["kf-1", "parent-kf"])]),
        ("namndmal", [("bun", ["bun-1", "bun-2", "bun-3", "parent-bun"])]),
    ]
    assert pages.goals_page.period.id == "2022-12"
    assert pages.goals_page.example is True


def test_list_pages(pages):
    assert [v.period.id for v in pages.periods_page.periods] == ["2022-12", "2022-08", "2021-12"]
    assert [(v.organ.id, v.kind_text) for v in pages.organs_page.organs] == [
        ("kf", "Fullmäktige"),
        ("ks", "Styrelse"),
        ("bun", "Nämnd"),
    ]
    assert [v.indicator.id for v in pages.indicators_page.indicators] == [
        "meritvarde",
        "kostnad-elev",
        "sjukfranvaro",
        "delar-handlaggningstid",
    ]
    assert pages.indicators_page.period.year == 2022
    assert pages.search.example is True
    assert [r.document.id for r in pages.documents.rows] == ["styrmodell"]


def test_indicator_years_newest_first_with_one_comparison_per_area(pages):
    view = pages.indicators["meritvarde"]
    assert view.comparison_areas == (("riket", "Riket"),)
    assert [(y.year, y.comparison_values, y.preliminary, y.method_break) for y in view.years_newest_first] == [
        (2022, (230.1,), False, False),
        (2021, (229.8,), False, False),
        (2020, (None,), False, False),
    ]


def test_rollup_counts_in_order_and_only_those_present():
    rollup = Rollup(
        "x",
        "X",
        {GoalStatus.NOT_ASSESSED: 0, GoalStatus.NOT_MET: 1, GoalStatus.PARTLY: 0, GoalStatus.MET: 2},
        (),
    )
    assert rollup.ordered_counts == (
        (GoalStatus.MET, 2),
        (GoalStatus.PARTLY, 0),
        (GoalStatus.NOT_MET, 1),
        (GoalStatus.NOT_ASSESSED, 0),
    )
    assert rollup.counts_present == ((GoalStatus.MET, 2), (GoalStatus.NOT_MET, 1))
    assert rollup.sentence == "Av 3\u00a0mål är 2\u00a0uppnådda och 1\u00a0inte uppnått."


# The site view ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page_url", "current"),
    [("mal/", True), ("mal/bun-1/", True), ("styrmatt/", False), ("", False), (None, False)],
)
def test_nav_link_is_current_on_its_page_and_below(page_url, current):
    assert NavLink("mal/", "Mål och resultat").current(page_url) is current


def test_site_view(model, pages):
    site = site_view(model, Settings(), pages)
    assert site.municipality.name == "Testkommun"
    assert site.licence_url == "https://creativecommons.org/licenses/by/4.0/"
    assert site.latest.id == "2022-12"
    assert site.latest_view is pages.periods["2022-12"]
    assert [(n.url, n.label) for n in site.navigation] == [
        ("styrmodell/", "Styrmodellen"),
        ("mal/", "Mål och resultat"),
        ("ekonomi/", "Ekonomi"),
        ("skattepengar/", "Skattepengar"),
        ("data/", "Öppna data"),
        ("sok/", "Sök"),
    ]
    assert site.statuses == (
        Status.MET,
        Status.NEAR,
        Status.NOT_MET,
        Status.NOT_MEASURED,
        Status.NOT_FOLLOWED_UP,
        Status.NO_TARGET,
    )
    assert site.goal_statuses == (GoalStatus.MET, GoalStatus.PARTLY, GoalStatus.NOT_MET, GoalStatus.NOT_ASSESSED)


def test_indicator_facts_in_words(pages):
    view = pages.indicators["meritvarde"]
    assert (view.can_influence_text, view.comparable_text) == ("Ja", "Ja")


# The economy page ------------------------------------------------------------------------------


def test_economy_page_says_utfall_for_a_closed_year_and_writes_the_financial_goal(model):
    from dataclasses import replace

    from styrmodell.views.money import economy_page

    page = economy_page(model, Settings())
    assert [(y.year, y.outcome_word) for y in page.budget_years] == [(2022, "utfall")]
    (year,) = page.financial
    assert year.target_text == "minst 2,0\u00a0%"
    assert replace(year, row=replace(year.row, target_percent=None)).target_text == "Saknas i källan"


# The templates ---------------------------------------------------------------------------------


def test_no_template_reaches_into_the_model():
    """Templates print views: no ``styrmodell.…`` lookups, no ``model`` in any expression."""
    import re

    from conftest import ROOT

    expression = re.compile(r"{{.*?}}|{%.*?%}", re.DOTALL)
    comment = re.compile(r"{#.*?#}", re.DOTALL)
    found = {
        (path.name, code)
        for path in sorted((ROOT / "theme" / "templates").glob("*.html"))
        for code in expression.findall(comment.sub("", path.read_text(encoding="utf-8")))
        if re.search(r"\bstyrmodell\b|\bmodel\b", code)
    }
    assert found == set()


def test_the_rules_page_gives_a_case_the_status_its_styrmatt_page_gives(mini_copy):
    """A målnivå for 2023 with no result, built in 2024: both pages say *ej uppföljd*, not one *ej mätt*."""
    with (mini_copy / "targets.csv").open("a", encoding="utf-8") as f:
        f.write("sjukfranvaro,2023,,7,,exempeldata,true,\n")
    model = load_package(mini_copy)
    settings = Settings(build_date=date(2024, 3, 1))
    pages = page_views(model, settings)
    view = rules_view(model, settings, pages.goals.values())
    cases = {(w.case.indicator.id, w.case.year): w.case.status for w in view.examples}
    assert cases[("sjukfranvaro", 2023)] is Status.NOT_FOLLOWED_UP
    for (indicator, year), status in cases.items():
        on_page = next(y.status.status for y in pages.indicators[indicator].years if y.year == year)
        assert on_page is status, (indicator, year)
