"""The plugin's settings: ``STYRMODELL = {...}`` in pelicanconf.py, checked when the build starts,
and the package those settings name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import fulfilment
from .package import Package, load


@dataclass(frozen=True)
class Settings:
    """``STYRMODELL`` in pelicanconf.py, merged over these defaults (documented in the README)."""

    tolerance: float = 0.05
    rollup: str = "majority"
    example_income: int = 30000

    @classmethod
    def from_mapping(cls, values: Mapping) -> Settings:
        """Check every setting and raise one error that lists every problem, in Swedish."""
        problems = [
            f"okänd inställning STYRMODELL[{key!r}]; tillåtna är package, {', '.join(cls.__dataclass_fields__)}"
            for key in sorted(set(values) - {"package", *cls.__dataclass_fields__})
        ]
        rollup = values.get("rollup", cls.rollup)
        if rollup not in fulfilment.ROLLUPS:
            problems.append(f"STYRMODELL['rollup'] måste vara en av {', '.join(fulfilment.ROLLUPS)}, inte {rollup!r}")
        tolerance = values.get("tolerance", cls.tolerance)
        if not isinstance(tolerance, int | float) or not 0 <= tolerance < 1:
            problems.append(f"STYRMODELL['tolerance'] måste vara ett tal från 0 till under 1, inte {tolerance!r}")
        income = values.get("example_income", cls.example_income)
        if not isinstance(income, int) or income < 0:
            problems.append(f"STYRMODELL['example_income'] måste vara ett heltal i kronor, inte {income!r}")
        if problems:
            raise ValueError("; ".join(problems))
        return cls(**{k: v for k, v in values.items() if k in cls.__dataclass_fields__})


#: The settings key that carries the loaded :class:`~styrmodell.package.Package` into the generators.
PACKAGE_SETTING = "STYRMODELL_PACKAGE"


def project_directory(settings: Mapping) -> Path:
    """The project folder: the parent of ``PATH`` (the content folder).

    Pelican has made ``PATH`` absolute relative to the settings file, so for ``pelicanconf.py`` and
    ``publishconf.py`` (``PATH = "content"``) this is the settings file's own folder. The package
    and the chart cache are found from here, and from nowhere else.
    """
    return Path(settings["PATH"]).parent


def package_directory(settings: Mapping) -> Path:
    """The folder named by ``STYRMODELL["package"]``; a relative one is relative to the project folder."""
    directory = Path(settings.get("STYRMODELL", {}).get("package", "data"))
    return directory if directory.is_absolute() else project_directory(settings) / directory


def settings_package(settings: Mapping) -> Package:
    """The package the build loaded, or, when Pelican runs on its own, the package loaded now."""
    package = settings.get(PACKAGE_SETTING)
    return package if package is not None else load(package_directory(settings))
