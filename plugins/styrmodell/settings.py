"""The plugin's settings: ``STYRMODELL = {...}`` in pelicanconf.py, checked when the build starts,
and the package those settings name."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from . import fulfilment
from .package import Package, load


@dataclass(frozen=True)
class Settings:
    """``STYRMODELL`` in pelicanconf.py, merged over these defaults (documented in the README)."""

    tolerance: float = 0.05
    rollup: str = "majority"
    example_income: int = 30000
    #: The figures count as old when the newest period ended more than this many months before the build.
    stale_after_months: int = 15
    #: Whether goal, styrmått, nämnd and report pages get a share image (og:image) drawn at build time.
    share_images: bool = True
    #: The day of the build from ``SOURCE_DATE_EPOCH``, or None: then :meth:`build_day` is the latest period's end.
    build_date: date | None = None

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        """The keys ``STYRMODELL`` may have besides ``package``: every field but the build date."""
        return tuple(name for name in cls.__dataclass_fields__ if name != "build_date")

    def build_day(self, latest_end: date) -> date:
        """The date the site is built: ``SOURCE_DATE_EPOCH`` if set, otherwise the latest period's end date."""
        return self.build_date or latest_end

    @classmethod
    def from_mapping(cls, values: Mapping, environ: Mapping[str, str] | None = None) -> Settings:
        """Check every setting and raise one error that lists every problem, in Swedish.

        The build date is read from ``SOURCE_DATE_EPOCH`` in ``environ`` (by default the process's
        environment), never from the clock.
        """
        allowed = cls.keys()
        problems = [
            f"okänd inställning STYRMODELL[{key!r}]; tillåtna är package, {', '.join(allowed)}"
            for key in sorted(set(values) - {"package", *allowed})
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
        stale = values.get("stale_after_months", cls.stale_after_months)
        if not isinstance(stale, int) or isinstance(stale, bool) or stale < 1:
            problems.append(f"STYRMODELL['stale_after_months'] måste vara ett heltal månader, minst 1, inte {stale!r}")
        if not isinstance(values.get("share_images", cls.share_images), bool):
            problems.append(f"STYRMODELL['share_images'] måste vara True eller False, inte {values['share_images']!r}")
        try:
            built = source_date(os.environ if environ is None else environ)
        except ValueError as error:
            problems.append(str(error))
            built = None
        if problems:
            raise ValueError("; ".join(problems))
        return cls(**{k: v for k, v in values.items() if k in allowed}, build_date=built)


#: The reproducible-builds convention: the build's time as whole seconds since 1970-01-01 UTC.
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
#: Dates on the site are Swedish dates.
TIME_ZONE = ZoneInfo("Europe/Stockholm")


def source_date(environ: Mapping[str, str]) -> date | None:
    """The date in Sweden of ``SOURCE_DATE_EPOCH``, or None when it is unset or empty.

    A value that is not a whole number of seconds raises a ValueError in Swedish.
    """
    raw = environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ValueError(
            f"miljövariabeln {SOURCE_DATE_EPOCH} måste vara ett heltal sekunder sedan 1 januari 1970 (UTC), "
            f"till exempel värdet av git log -1 --format=%ct, inte {raw!r}. Ta bort den eller rätta den och bygg igen"
        )
    try:
        return datetime.fromtimestamp(int(raw), UTC).astimezone(TIME_ZONE).date()
    except (OverflowError, OSError, ValueError):
        raise ValueError(
            f"miljövariabeln {SOURCE_DATE_EPOCH} är ett för stort tal ({raw}). Sätt den till byggets tid i "
            "sekunder sedan 1 januari 1970 (UTC) och bygg igen"
        ) from None


#: The settings key that carries the loaded :class:`~styrmodell.package.Package` into the generators.
PACKAGE_SETTING = "STYRMODELL_PACKAGE"


def project_directory(settings: Mapping) -> Path:
    """The project folder: the parent of ``PATH`` (the content folder).

    Pelican has made ``PATH`` absolute relative to the settings file, so for ``pelicanconf.py`` and
    ``publishconf.py`` (``PATH = "content"``) this is the settings file's own folder. The package
    and the chart cache are found from here, and from nowhere else.
    """
    return Path(settings["PATH"]).parent


def validation_cache(settings: Mapping) -> Path:
    """Where the build remembers which package files frictionless has accepted (see ``package.load``)."""
    return build_cache(settings, "validation")


def build_cache(settings: Mapping, name: str) -> Path:
    """The build's cache folder ``name``: ``<STYRMODELL_CACHE>/<name>``, by default ``.cache/<name>`` in the
    project folder (a relative ``STYRMODELL_CACHE`` is taken from there; ``make clean`` empties it)."""
    return project_directory(settings) / settings.get("STYRMODELL_CACHE", ".cache") / name


def package_directory(settings: Mapping) -> Path:
    """The folder named by ``STYRMODELL["package"]``; a relative one is relative to the project folder."""
    directory = Path(settings.get("STYRMODELL", {}).get("package", "data"))
    return directory if directory.is_absolute() else project_directory(settings) / directory


def settings_package(settings: Mapping) -> Package:
    """The package the build loaded, or, when Pelican runs on its own, the package loaded now."""
    package = settings.get(PACKAGE_SETTING)
    return package if package is not None else load(package_directory(settings))
