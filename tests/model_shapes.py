"""Packages of shapes neither shipped municipality has, made from tests/fixtures/mini by editing its rows.

:func:`measured_top` is one level that is measured (so no vision), with goals owned only by
kommunfullmäktige and a bolag, and two reports a year; the nämnd is still in the organisation
but owns no goals.
"""

from __future__ import annotations

import shutil
from pathlib import Path

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


def _write(directory: Path, name: str, text: str) -> None:
    (directory / name).write_text(text, encoding="utf-8")


def _replace(directory: Path, name: str, old: str, new: str) -> None:
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} has no {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def measured_top(target: Path) -> Path:
    """One measured level, goals owned by fullmäktige and a bolag, reports in August and December."""
    shutil.copytree(MINI, target)
    _write(
        target,
        "levels.csv",
        "id,name,plural,order,decided_by,measurable,description,source,example\n"
        "mal,Mål,Mål,1,Kommunfullmäktige och bolagens styrelser,true,,styrmodell,false\n",
    )
    _write(
        target,
        "goals.csv",
        "id,level,parent,owner,perspective,title,description,valid_from,valid_to,replaces,decision,source,example,note\n"
        "kf-1,mal,,kf,medborgare,Invånarna är nöjda med servicen,,2020,,,,styrmodell,false,\n"
        "eb-1,mal,,eb,medarbetare,Frisk personal i bolaget,,2020,,,,exempeldata,true,\n",
    )
    _replace(
        target,
        "organisation.csv",
        "bun,Barn- och utbildningsnämnden",
        "eb,Exempel Energi AB,,bolag,kf,Energibolaget.,styrmodell,false,\nbun,Barn- och utbildningsnämnden",
    )
    _replace(target, "indicators.csv", ",bun-1,", ",kf-1,")
    _replace(target, "indicators.csv", ",bun-3,", ",eb-1,")
    _replace(target, "assessments.csv", "bun-1,2022-12", "eb-1,2022-12")
    _replace(target, "activities.csv", "lasfixning,bun-1,bun", "lasfixning,kf-1,kf")
    return target
