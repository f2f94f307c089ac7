"""The facts of a package's styrmodell that the generic pages print, and the open vocabulary behind them."""

from __future__ import annotations

import pytest
from conftest import EXEMPELKOMMUN, KARLSKOGA_2022, MINI
from model_shapes import measured_top
from styrmodell.charts.specs import planning_spec
from styrmodell.formatting import measure
from styrmodell.package import load_package
from styrmodell.package.model import DEFAULT_UNITS, PlanningStep
from styrmodell.views.model_facts import and_list, fill_facts, genitive, model_view, prose_facts, reporting_months
from styrmodell.views.publisher import publisher_view


@pytest.fixture(scope="module")
def example():
    return load_package(EXEMPELKOMMUN)


def test_the_example_model_has_three_levels_four_perspectives_and_four_reports(example):
    view = model_view(example)
    assert view.levels_text == "tre nivåer: Målbild, Inriktningsmål och Effektmål"
    assert view.perspectives_text.startswith("fyra perspektiv: ")
    assert view.rhythm_text == "efter mars, juni, september och december"
    assert view.reports_per_year == 4
    assert [o.id for o in view.companies] == ["bb", "eb"]
    assert view.decision is not None
    assert view.decision.type == "styrmodell"
    assert view.example is True


def test_facts_follow_each_package():
    for directory in (MINI, KARLSKOGA_2022):
        model = load_package(directory)
        facts = prose_facts(model, model_view(model))
        assert facts["kommun"] == model.municipality.name
        assert facts["antal-nivaer"] in ("två", "tre", "fyra", "fem")
        assert all(isinstance(v, str) and v for v in facts.values())


def test_facts_are_escaped_and_unknown_names_are_reported():
    text, unknown = fill_facts("<p>{data:kommun} och {data:okand}</p>", {"kommun": "A &amp; B"})
    assert text == "<p>A &amp; B och {data:okand}</p>"
    assert unknown == ("okand",)


def test_swedish_lists_and_genitives():
    assert and_list(["a"]) == "a"
    assert and_list(["a", "b", "c"]) == "a, b och c"
    assert genitive("Exempelkommun") == "Exempelkommuns"
    assert genitive("Vännäs") == "Vännäs"


def test_the_rhythm_is_the_year_with_the_most_reports(example):
    assert reporting_months(example) == (3, 6, 9, 12)


def test_units_of_the_package_and_the_built_in_ones(example):
    kilos = next(i for i in example.indicators if i.unit == "kg-inv")
    assert (kilos.unit_name, kilos.unit_symbol) == ("kilogram per invånare", "kg/inv.")
    energy = next(i for i in example.indicators if i.unit == "kwh-m2")
    assert measure(114.2, energy.unit_symbol, 1) == "114,2\u00a0kWh/m²"
    assert energy.unit_title == "Kilowattimmar per kvadratmeter"
    assert measure(3, DEFAULT_UNITS["antal"].symbol) == "3"
    assert measure(82, "procent") == "82\u00a0%"


def test_an_unknown_unit_is_reported(mini_copy):
    from styrmodell.package import validate_package

    path = mini_copy / "indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",poang,1,", ",grader,1,", 1), encoding="utf-8")
    problems = validate_package(mini_copy)
    assert [(p.file, p.column, p.type) for p in problems] == [("indicators.csv", "unit", "unit-unknown")]
    assert "units.csv" in problems[0].fix


@pytest.mark.parametrize(
    ("start", "end", "offset", "first", "last"),
    [
        (11, 1, 0, 10, 13),  # november–januari: over the new year, never backwards
        (12, 1, 1, 23, 25),
        (3, 4, 3, 38, 40),  # three years after the first
        (6, 6, 0, 5, 6),
    ],
)
def test_planning_steps_are_drawn_forwards(start, end, offset, first, last):
    step = PlanningStep("s", 1, "Steg", start, end, offset, "ks", "s", False)
    assert (step.first_month, step.last_month) == (first, last)
    records = list(_records(planning_spec([step]).to_dict()))
    assert {(r["start"], r["end"]) for r in records} == {(first, last)}


def _records(node):
    """Every data row of a chart spec that has a start and an end (the steps' bars)."""
    if isinstance(node, dict):
        if "start" in node and "end" in node:
            yield node
        for value in node.values():
            yield from _records(value)
    elif isinstance(node, list):
        for value in node:
            yield from _records(value)


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """One measured level (no vision), goals owned by kommunfullmäktige and a bolag, two reports a year."""
    return load_package(measured_top(tmp_path_factory.mktemp("shape") / "paket"))


def test_a_measured_top_level_is_no_vision(measured):
    view = model_view(measured)
    facts = prose_facts(measured, view)
    assert (view.has_vision, view.visions, view.vision_label) == (False, (), "")
    assert view.levels_text == "en nivå: Mål"
    assert facts["antal-nivaer"] == "en"
    assert view.goals_span == "på nivån Mål"
    assert "vision" not in view.goals_shortcut.lower()
    assert "Därför mäts den inte direkt" not in facts["oversta-nivan-mats"]
    assert facts["oversta-nivan-beslutas-av"] == "Kommunfullmäktige och bolagens styrelser"


def test_a_vision_on_top_is_named_by_its_level():
    model = load_package(MINI)
    view = model_view(model)
    assert (view.has_vision, view.vision_label) == (True, "Kommunens vision")
    assert [g.id for g in view.visions] == ["vision"]
    assert view.goals_span == "från nivån Vision till nivån Nämndmål"
    assert "Därför mäts den inte direkt" in prose_facts(model, view)["oversta-nivan-mats"]


def test_where_only_fullmaktige_and_a_bolag_own_goals_no_namnd_is_said_to(measured):
    view = model_view(measured)
    facts = prose_facts(measured, view)
    assert "Varje nämnd" not in view.owners_sentence
    assert view.owners_sentence == (
        "Kommunfullmäktige och Exempel Energi AB beslutar om egna mål. Nämnderna har inga egna mål i datapaketet."
    )
    assert facts["egna-mal"] == view.owners_sentence
    assert facts["malens-agare"] == "kommunfullmäktige och Exempel Energi AB"
    assert facts["egna-bedomningar"] == "I datapaketet finns egna bedömningar från Exempel Energi AB."


def test_every_namnd_is_said_to_decide_only_when_every_namnd_does():
    assert model_view(load_package(MINI)).owners_sentence == (
        "Varje nämnd beslutar om egna mål som ska bidra till fullmäktiges mål. "
        "Kommunfullmäktige beslutar också om egna mål."
    )
    assert model_view(load_package(KARLSKOGA_2022)).owners_sentence.startswith("Sex av nio nämnder beslutar")


def test_a_definition_is_said_to_be_koladas_only_when_its_source_is(mini_copy):
    model = load_package(MINI)
    assert model_view(model).definition_intros["meritvarde"] == "Så här beskriver Kolada nyckeltalet N15507:"
    path = mini_copy / "indicators.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Genomsnittligt meritvärde.,poang,1,resultat,higher,arligen,N15507,true,true,kolada",
            "Genomsnittligt meritvärde.,poang,1,resultat,higher,arligen,N15507,true,true,styrmodell",
        ),
        encoding="utf-8",
    )
    own = load_package(mini_copy)
    assert own.indicator("meritvarde").kolada_kpi == "N15507"
    assert "meritvarde" not in model_view(own).definition_intros


def test_readers_are_sent_to_whoever_publishes_the_site():
    mini = load_package(MINI)  # published by a project, not by the municipality
    facts = prose_facts(mini, model_view(mini))
    assert facts["kontakta-utgivaren"].startswith("Kontakta Testprojektet, som ger ut webbplatsen")
    assert facts["utgivaren"] == "Testprojektet"
    assert publisher_view(mini).contact_name == "Testprojektet"
    karlskoga = load_package(KARLSKOGA_2022)
    assert prose_facts(karlskoga, model_view(karlskoga))["kontakta-utgivaren"].startswith("Kontakta kommunen via ")
    assert publisher_view(karlskoga).contact_name == "kommunen"


def test_without_a_vision_the_vision_page_is_left_out(measured, tmp_path):
    from types import SimpleNamespace

    from styrmodell.pelican import own_pages
    from styrmodell.pelican.generators import INPUTS_SETTING

    assert model_view(measured).left_out_pages == {"vision.md"}
    assert model_view(load_package(MINI)).left_out_pages == frozenset()
    generic, own = tmp_path / "content" / "pages", tmp_path / "own"
    generic.mkdir(parents=True)
    own.mkdir()
    for name in ("vision.md", "om.md"):
        (generic / name).write_text("x", encoding="utf-8")
    (own / "vision.md").write_text("x", encoding="utf-8")
    for left_out, expected in ((frozenset({"vision.md"}), ["pages/om.md"]), (frozenset(), ["pages/om.md", str(own)])):
        settings = {
            "PATH": str(tmp_path / "content"),
            "PAGE_PATHS": ["pages", str(own)],
            INPUTS_SETTING: SimpleNamespace(left_out_pages=left_out),
        }
        own_pages(SimpleNamespace(settings=settings))
        assert settings["PAGE_PATHS"] == expected


def test_the_top_of_the_chain_is_said_to_show_the_direction_only_when_it_is_a_vision(measured):
    assert prose_facts(measured, model_view(measured))["kedjans-topp"] == "Alla mål ligger på samma nivå, Mål."
    mini = load_package(MINI)
    assert prose_facts(mini, model_view(mini))["kedjans-topp"].startswith(
        "Högst upp finns Vision, som visar riktningen på lång sikt. Målen på varje nivå ska hjälpa nivån ovanför"
    )
