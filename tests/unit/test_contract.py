"""The contract the plugin ships (``package/contract.json``) is the one the packages in ``data/`` follow.

``init`` writes a new package from the contract alone, so the contract must not drift from the packages
that build the sites: every package's resources (the ones it has) equal the contract's, file, dialect,
titles and schemas alike. Frozen archives are snapshots of their time and are not compared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from styrmodell.package import CONTRACT
from styrmodell.package.model import OPTIONAL_RESOURCES, ROW_CLASSES

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = sorted(p.parent.name for p in (ROOT / "data").glob("*/datapackage.json"))

#: Columns a package may leave out, and why.
OPTIONAL_COLUMNS = {
    # import-kolada asks for the column before it writes; a package that never imports may do without it.
    ("results", "origin"),
    ("comparisons", "origin"),
    # Ties a goal to a row of the tax receipt; a package whose goals follow the nämnder does without it.
    ("goals", "area"),
}


def _resources(path: Path) -> dict[str, dict]:
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    return {resource["name"]: resource for resource in descriptor["resources"]}


def _without_optional_columns(resource: dict, kept: set[str]) -> dict:
    resource = json.loads(json.dumps(resource))
    name = resource["name"]
    fields = resource["schema"]["fields"]
    resource["schema"]["fields"] = [f for f in fields if f["name"] in kept or (name, f["name"]) not in OPTIONAL_COLUMNS]
    return resource


def test_the_contract_has_every_resource_the_model_reads():
    assert sorted(_resources(CONTRACT)) == sorted(ROW_CLASSES)


def test_the_packages_in_data_are_the_ones_compared():
    assert {"karlskoga", "exempelkommun"} <= set(PACKAGES)


@pytest.mark.parametrize("kommun", PACKAGES)
def test_a_package_has_every_resource_that_is_not_optional(kommun: str):
    missing = set(_resources(CONTRACT)) - set(_resources(ROOT / "data" / kommun / "datapackage.json"))
    assert missing <= OPTIONAL_RESOURCES


@pytest.mark.parametrize("kommun", PACKAGES)
def test_a_package_describes_its_resources_as_the_contract_does(kommun: str):
    contract = _resources(CONTRACT)
    package = _resources(ROOT / "data" / kommun / "datapackage.json")
    assert set(package) <= set(contract)
    for name, resource in package.items():
        kept = {f["name"] for f in resource["schema"]["fields"]}
        assert resource == _without_optional_columns(contract[name], kept), name
