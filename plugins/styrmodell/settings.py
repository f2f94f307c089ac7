"""The plugin's settings: ``STYRMODELL = {...}`` in pelicanconf.py, checked when the build starts,
and the package those settings name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import fulfilment
from .dates import source_date


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
            built = source_date(environ)
        except ValueError as error:
            problems.append(str(error))
            built = None
        if problems:
            raise ValueError("; ".join(problems))
        return cls(**{k: v for k, v in values.items() if k in allowed}, build_date=built)


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


def write_settings_file(path: Path, extends: Path, *, package: Path | None = None, **settings: object) -> Path:
    """Write, at ``path``, a settings file that is ``extends`` with ``package`` and ``settings`` replaced.

    This is how a build of another package, into another folder or with another cache, gets its
    settings without touching the municipality's own file: the benchmark, the build matrix and the
    tests all use it. ``extends`` is run as Pelican runs a settings file, and its upper-case names
    are kept; ``package`` replaces ``STYRMODELL["package"]`` (the rest of ``STYRMODELL`` stays);
    each of ``settings`` (``PATH="…"``, ``RELATIVE_URLS=False``) replaces that setting. Paths are
    written absolute, so the file works from any folder. Returns ``path``.
    """
    replaced = ["STYRMODELL['package']"] * (package is not None) + list(settings)
    lines = [
        f'"""The settings of {Path(extends).name}, with {", ".join(replaced) or "nothing"} replaced."""',
        "from runpy import run_path",
        "",
        f"globals().update({{k: v for k, v in run_path({str(Path(extends).resolve())!r}).items() if k.isupper()}})",
    ]
    if package is not None:
        lines.append(f"STYRMODELL = dict(globals().get('STYRMODELL', {{}}), package={str(Path(package).resolve())!r})")
    for name, value in settings.items():
        lines.append(f"{name} = {str(Path(value).resolve()) if isinstance(value, Path) else value!r}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
