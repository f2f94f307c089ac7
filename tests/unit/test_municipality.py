"""A municipality's folder kommuner/<id>/: ``ny-kommun`` writes it from the package, and a build whose settings and
package are not one municipality's stops (``styrmodell.municipality``).

The command runs in a small project folder of its own (kommuner/base.py, the generic pages and a copy of the mini
package), never in the repository; the shipped folders are compared with what the command writes for them.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, MUNICIPALITIES, ROOT, municipality_package
from styrmodell import municipality
from styrmodell.cli import main
from styrmodell.municipality import Derived, SettingsMismatch, mismatches, require_own_package
from styrmodell.pelican.run import read_settings
from styrmodell.settings import Settings

#: What the shipped municipalities chose that no package says (the rest are the defaults).
SHIPPED_CHOICES = {"karlskoga": {}, "exempelkommun": {"tolerance": 0.1, "rollup": "worst"}}


def municipality_row(package: Path) -> dict[str, str]:
    with (package / "municipality.csv").open(encoding="utf-8", newline="") as file:
        return next(csv.DictReader(file))


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A project folder with what ny-kommun needs (kommuner/base.py, content/, theme/) and data/nyby, the mini package."""
    (tmp_path / "kommuner").mkdir()
    for name in ("__init__.py", "base.py", "publish.py"):
        shutil.copy(ROOT / "kommuner" / name, tmp_path / "kommuner" / name)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "theme").symlink_to(ROOT / "theme")
    shutil.copytree(MINI, tmp_path / "data" / "nyby")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def settings_in_own_process(settings_file: Path, environ: dict[str, str]) -> dict:
    """Pelican's settings from ``settings_file``, read in a process of their own (as a build reads them).

    This process has imported the repository's ``kommuner`` already, so a project folder's own
    ``kommuner.<id>`` would not be found here.
    """
    script = (
        "import json, sys\n"
        "from pelican.settings import read_settings\n"
        "s = read_settings(sys.argv[1])\n"
        "print(json.dumps({k: s.get(k) for k in sys.argv[2:]}, ensure_ascii=False))\n"
    )
    keys = ["KOMMUN", "KOMMUNKOD", "AUTHOR", "SITENAME", "STYRMODELL", "PATH", "SITEURL"]
    env = {**os.environ, **environ, "PYTHONPATH": str(ROOT / "plugins")}
    done = subprocess.run(
        [sys.executable, "-c", script, str(settings_file), *keys], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("kommun", sorted(SHIPPED_CHOICES))
def test_the_shipped_settings_are_exactly_what_the_command_writes(kommun: str):
    package = ROOT / "data" / kommun
    row = municipality_row(package)
    derived = Derived(id=kommun, name=row["name"], code=row["code"], package=("data", kommun))
    choices = Settings(**SHIPPED_CHOICES[kommun])
    folder = ROOT / "kommuner" / kommun
    assert (folder / "pelicanconf.py").read_text(encoding="utf-8") == municipality.pelicanconf(derived, choices)
    assert (folder / "publishconf.py").read_text(encoding="utf-8") == municipality.publishconf(derived)
    assert (folder / "__init__.py").read_text(encoding="utf-8") == ""


@pytest.mark.parametrize("kommun", MUNICIPALITIES)
def test_every_folder_names_its_own_id_and_its_package_code(kommun: str):
    settings = read_settings(ROOT / "kommuner" / kommun / "pelicanconf.py")
    assert settings["KOMMUN"] == kommun
    assert settings["KOMMUNKOD"] == municipality.package_code(municipality_package(kommun))
    published = {**settings, "SITEURL": "https://kommun.example"}
    assert mismatches(ROOT / "kommuner" / kommun / "publishconf.py", published) == []


@pytest.mark.parametrize("kommun", MUNICIPALITIES)
def test_each_folder_readme_names_only_generic_pages_that_exist(kommun: str):
    readme = ROOT / "kommuner" / kommun / "content" / "pages" / "README.md"
    named = {line.split("`")[1] for line in readme.read_text(encoding="utf-8").splitlines() if line.startswith("| `")}
    generic = {p.name for p in (ROOT / "content" / "pages").glob("*.md")}
    assert named
    assert named <= generic


def test_ny_kommun_writes_the_folder_from_the_package(project: Path, capsys):
    assert main(["ny-kommun", "nyby", "--paket", "data/nyby", "--tolerance", "0.1", "--rollup", "worst"]) == 0
    folder = project / "kommuner" / "nyby"
    assert tree(folder) == [
        "__init__.py",
        "content",
        "content/pages",
        "content/pages/README.md",
        "pelicanconf.py",
        "publishconf.py",
    ]
    settings = settings_in_own_process(folder / "publishconf.py", {"SITEURL": "https://nyby.example"})
    assert settings["KOMMUN"] == "nyby"
    assert settings["KOMMUNKOD"] == "9999"
    assert settings["AUTHOR"] == "Testkommun"
    assert settings["SITENAME"] == "Testkommun – mål och resultat"
    assert Path(settings["STYRMODELL"]["package"]) == project / "data" / "nyby"
    assert settings["STYRMODELL"]["tolerance"] == 0.1
    assert settings["STYRMODELL"]["rollup"] == "worst"
    assert settings["PATH"] == str(project / "content")
    assert settings["SITEURL"] == "https://nyby.example"
    assert "from kommuner.nyby.pelicanconf import *" in (folder / "publishconf.py").read_text(encoding="utf-8")
    readme = (folder / "content" / "pages" / "README.md").read_text(encoding="utf-8")
    assert all(f"`{p.name}`" in readme for p in (project / "content" / "pages").glob("*.md"))
    out = capsys.readouterr().out
    assert "make site KOMMUN=nyby" in out
    assert "make test KOMMUN=nyby" in out
    assert "variabeln KOMMUN med värdet nyby" in out


def test_every_styrmodell_setting_is_written_with_its_comment():
    text = municipality.pelicanconf(Derived("nyby", "Nyby kommun", "0001", ("data", "nyby")), Settings())
    assert all(f'"{key}": ' in text for key in Settings.keys())  # noqa: SIM118 - a classmethod


def test_a_name_from_the_package_stays_a_string_in_the_settings(monkeypatch):
    hostile = 'Ny"by\\ """kommun\n{SITEURL}'
    text = municipality.pelicanconf(Derived("nyby", hostile, "0001", ("data", "ny by")), Settings())
    monkeypatch.setattr("sys.path", list(__import__("sys").path))  # the file adds the project folder to it
    namespace: dict = {"__file__": str(ROOT / "kommuner" / "nyby" / "pelicanconf.py")}
    exec(compile(text, "pelicanconf.py", "exec"), namespace)  # noqa: S102 - the file the command would write
    assert namespace["AUTHOR"] == hostile
    assert namespace["SITENAME"] == f"{hostile} – mål och resultat"
    assert namespace["STYRMODELL"]["package"] == str(ROOT / "data" / "ny by")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Östra-Göinge", "Förslag: ostra_goinge"),
        ("ostra-goinge", "Förslag: ostra_goinge"),
        ("1kommun", "börja med en bokstav"),
        ("", "små bokstäver"),
        ("../karlskoga", "Förslag: karlskoga"),
        ("base", "upptaget"),
        ("class", "upptaget"),
        ("a" * 41, "högst 40 tecken"),
    ],
)
def test_an_id_that_is_no_folder_and_module_name_is_refused(project: Path, capsys, name: str, words: str):
    assert main(["ny-kommun", name, "--paket", "data/nyby"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Inga filer skrevs: ")
    assert words in err
    assert tree(project / "kommuner") == ["__init__.py", "base.py", "publish.py"]


def test_an_existing_folder_is_never_overwritten(project: Path, capsys):
    (project / "kommuner" / "nyby").mkdir()
    (project / "kommuner" / "nyby" / "pelicanconf.py").write_text("# egen\n", encoding="utf-8")
    assert main(["ny-kommun", "nyby", "--paket", "data/nyby"]) == 1
    assert "finns redan, och den skrivs aldrig över" in capsys.readouterr().err
    assert tree(project / "kommuner" / "nyby") == ["pelicanconf.py"]
    assert (project / "kommuner" / "nyby" / "pelicanconf.py").read_text(encoding="utf-8") == "# egen\n"


def test_a_package_with_errors_writes_nothing_and_says_what_is_wrong(project: Path, capsys):
    goals = project / "data" / "nyby" / "goals.csv"
    lines = goals.read_text(encoding="utf-8").splitlines()
    goals.write_text("\n".join([*lines, lines[-1]]) + "\n", encoding="utf-8")  # the same id twice
    assert main(["ny-kommun", "nyby", "--paket", "data/nyby"]) == 1
    err = capsys.readouterr().err
    assert "Inga filer skrevs: datapaketet i data/nyby har fel" in err
    assert "goals.csv" in err
    assert tree(project / "kommuner") == ["__init__.py", "base.py", "publish.py"]


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--paket", "data/saknas"], "datapackage.json saknas"),
        (["--paket", str(MINI)], "ligger utanför projektmappen"),
        (["--paket", "data/nyby", "--rollup", "median"], "STYRMODELL['rollup'] måste vara en av"),
        (["--paket", "data/nyby", "--tolerance", "2"], "STYRMODELL['tolerance']"),
    ],
)
def test_a_wrong_package_or_setting_writes_nothing(project: Path, capsys, arguments: list[str], words: str):
    assert main(["ny-kommun", "nyby", *arguments]) == 1
    assert words in capsys.readouterr().err
    assert tree(project / "kommuner") == ["__init__.py", "base.py", "publish.py"]


def test_outside_the_project_folder_the_command_says_where_to_run_it(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["ny-kommun", "nyby", "--paket", "data/nyby"]) == 1
    assert "Kör kommandot i projektmappen" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# --- the check before a build ----------------------------------------------------------------------


@pytest.fixture
def two(tmp_path: Path) -> Path:
    """A project folder with two municipalities, a (code 0001) and b (code 0002), each with its package in data/."""
    for kommun, code in (("a", "0001"), ("b", "0002")):
        (tmp_path / "kommuner" / kommun).mkdir(parents=True)
        (tmp_path / "kommuner" / kommun / "pelicanconf.py").write_text("", encoding="utf-8")
        (tmp_path / "data" / kommun).mkdir(parents=True)
        (tmp_path / "data" / kommun / "municipality.csv").write_text(f"id,name,code\n{kommun},{kommun},{code}\n")
    return tmp_path


def settings(root: Path, kommun: str | None, code: str | None, package: str, siteurl: str = "https://x.example"):
    values = {"PATH": str(root / "content"), "SITEURL": siteurl, "STYRMODELL": {"package": str(root / package)}}
    return values | ({"KOMMUN": kommun} if kommun else {}) | ({"KOMMUNKOD": code} if code else {})


def test_own_settings_and_own_package_pass(two: Path):
    for kommun, code in (("a", "0001"), ("b", "0002")):
        for name in ("pelicanconf.py", "publishconf.py"):
            assert mismatches(two / "kommuner" / kommun / name, settings(two, kommun, code, f"data/{kommun}")) == []


def test_a_copied_publishconf_that_imports_another_municipality_stops(two: Path):
    """The guide once said: copy kommuner/exempelkommun/, publishconf.py "behöver inte ändras"."""
    problems = mismatches(two / "kommuner" / "b" / "publishconf.py", settings(two, "a", "0001", "data/a"))
    assert len(problems) == 1
    assert "kommuner/b/publishconf.py är för kommunen a, inte för b" in problems[0]
    assert "kommuner.b.pelicanconf" in problems[0]


def test_settings_that_point_at_another_municipality_s_package_stop(two: Path):
    problems = mismatches(two / "kommuner" / "b" / "publishconf.py", settings(two, "b", "0001", "data/a"))
    assert len(problems) == 1
    assert "pekar på datapaketet för kommunen a" in problems[0]
    assert 'ROOT / "data" / "b"' in problems[0]


def test_a_package_with_another_municipality_code_stops(two: Path):
    (two / "data" / "ny").mkdir()
    (two / "data" / "ny" / "municipality.csv").write_text("id,name,code\nny,Ny,0003\n", encoding="utf-8")
    problems = mismatches(two / "kommuner" / "b" / "publishconf.py", settings(two, "b", "0002", "data/ny"))
    assert problems == [
        f"datapaketet i {two / 'data' / 'ny'} är för kommunkoden 0003 (municipality.csv, kolumn code), men "
        "inställningarna för b säger KOMMUNKOD = '0002'. Peka ut kommunens eget paket i "
        'STYRMODELL["package"] i kommuner/b/pelicanconf.py, eller rätta KOMMUNKOD om koden i inställningarna är fel'
    ]


def test_settings_in_a_municipality_folder_must_say_which_it_is(two: Path):
    problems = mismatches(two / "kommuner" / "b" / "pelicanconf.py", settings(two, None, None, "data/b", siteurl=""))
    assert len(problems) == 1
    assert 'lägg till KOMMUN = "b" och KOMMUNKOD' in problems[0]
    problems = mismatches(two / "kommuner" / "b" / "pelicanconf.py", settings(two, "b", None, "data/b"))
    assert problems == ['inställningarna för b säger inte vilken kommunkod deras datapaket ska ha: lägg till KOMMUNKOD = "0002" i kommuner/b/pelicanconf.py']  # fmt: skip


def test_a_local_preview_of_another_package_is_not_checked(two: Path):
    """``make site PACKAGE=…`` and the tests build other packages with a municipality's settings."""
    preview = settings(two, "a", "0001", "data/a", siteurl="")
    assert mismatches(two / "conf.py", preview, two / "data" / "b") == []
    assert mismatches(two / "kommuner" / "a" / "pelicanconf.py", preview, two / "data" / "b") == []
    published = settings(two, "a", "0001", "data/a")
    assert mismatches(two / "conf.py", published, two / "data" / "b") != []


def test_the_local_build_of_a_municipality_s_own_settings_is_checked(two: Path):
    local = settings(two, "b", "0002", "data/a", siteurl="")
    assert len(mismatches(two / "kommuner" / "b" / "pelicanconf.py", local)) == 2  # a's package, a's code


def test_the_check_stops_the_build_with_a_swedish_message(two: Path):
    with pytest.raises(SettingsMismatch) as stopped:
        require_own_package(two / "kommuner" / "b" / "publishconf.py", settings(two, "a", "0001", "data/a"))
    message = str(stopped.value)
    assert message.startswith("Bygget stoppades: inställningarna ")
    assert message.endswith("Ingenting byggdes, och den tidigare versionen i output/ är orörd.")
    assert stopped.value.code == message  # SystemExit: printed on stderr, exit code 1, no traceback


@pytest.mark.parametrize(("tolerance", "words"), [(0.1, "0.1 = 10 %"), (0.05, "0.05 = 5 %"), (0.125, "0.125 = 12.5 %")])
def test_the_tolerance_comment_is_the_value_written_below_it(tolerance: float, words: str):
    text = municipality.pelicanconf(Derived("nyby", "Nyby", "0001", ("data", "nyby")), Settings(tolerance=tolerance))
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if '"tolerance"' in line)
    comment, value = lines[at - 1], lines[at]
    assert comment.endswith(f"(share of the målnivå, {words}).")
    assert value.strip() == f'"tolerance": {tolerance!r},'


# --- the guide and the README's routine ------------------------------------------------------------

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december")  # fmt: skip
#: Every resource a new report may touch (the contract's resources that change with a period or a year).
REPORT_RESOURCES = ("periods", "results", "assessments", "activity_status", "budget", "financial_results", "spending", "tax_rates", "population", "comparisons")  # fmt: skip


def section(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start : end if end != -1 else None]


def test_the_guide_makes_the_folder_with_the_command_and_copies_no_municipality():
    guide = (ROOT / "docs" / "infora-i-en-kommun.md").read_text(encoding="utf-8")
    assert "python -m styrmodell ny-kommun <kommun> --paket data/<kommun>" in guide
    assert "make test KOMMUN=<kommun>" in guide
    for words in ("Kopiera `kommuner/", "Kopiera `data/exempelkommun", "vision.md", "MUNICIPALITIES", "behöver inte ändras: den tar"):  # fmt: skip
        assert words not in guide


def test_the_report_routine_names_no_month_and_every_resource_a_report_touches():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    routine = section(readme, "## Så publiceras en ny uppföljning").split("\nGitHub Pages måste")[0]
    guide = section(
        (ROOT / "docs" / "infora-i-en-kommun.md").read_text(encoding="utf-8"), "## 6. Efter varje uppföljning"
    )
    for text in (routine, guide):
        assert not [m for m in MONTHS if re.search(rf"\b{m}\b", text, re.IGNORECASE)]
        assert not re.search(r"\b20\d\d-\d\d\b", text), "a period id of one municipality"
        assert "data/karlskoga" not in text.replace("till exempel `data/karlskoga`", "")
        assert [r for r in REPORT_RESOURCES if f"`{r}.csv`" not in text] == []
