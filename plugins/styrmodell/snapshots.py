"""Frozen snapshots of the package per reporting period, and what changed between two of them.

``freeze`` copies the validated package into ``<package>/archive/<period>/`` with a
manifest of SHA-256 hashes; a published snapshot is never changed, and
:func:`verify` says so if it was. :func:`diff` compares two models (two snapshots,
or the last snapshot and the live package) and returns a :class:`Digest`: the
"Sedan förra uppföljningen" page and the Atom feed are made from it.

The loader never looks into ``archive/``: it reads only the files that
``datapackage.json`` lists.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from . import fulfilment
from .formatting import long_date
from .fulfilment import GoalStatus, Trend
from .grammar import genitive
from .later import later_rows
from .package import DESCRIPTOR, Package, load
from .package.model import Goal, Indicator, Period, Result, Styrmodell, Target
from .package.published import published_descriptor, sha256

ARCHIVE = "archive"
MANIFEST = "snapshot.json"


class SnapshotError(Exception):
    """A snapshot cannot be made or has been changed; the message says what to do, in Swedish."""


@dataclass(frozen=True)
class Snapshot:
    """One frozen period: where it lies and what its manifest recorded at freeze time."""

    period: str
    period_name: str
    end_date: date
    published: date | None
    path: Path
    frozen_on: date | None
    after_the_fact: bool | None  # None: an older manifest that did not record it
    later_rows: str | None  # "left_out", "included" or None (not recorded)
    left_out: tuple[tuple[str, int], ...]  # (file name, rows left out)
    note: str
    files: tuple[tuple[str, int, str], ...]  # (file name, bytes, sha256), sorted by name

    def file_bytes(self, name: str) -> bytes:
        return (self.path / name).read_bytes()


def archive_dir(package_dir: Path | str) -> Path:
    return Path(package_dir) / ARCHIVE


def freeze(
    package_dir: Path | str,
    period_id: str,
    *,
    frozen_on: date,
    include_later: bool = False,
    note: str = "",
) -> Snapshot:
    """Validate the package and copy it, with hashes, into ``archive/<period_id>/``.

    By default the snapshot holds only what was known when the period ended: the rows
    that belong after it are left out (see :func:`later_rows`), and the rows that refer
    to them. ``include_later`` keeps every row, and the manifest says so. ``frozen_on``
    is the day of the freeze (the command line works it out: an act, so its day is data); the
    manifest records it. The smaller package is validated
    like the live one before anything is written; a failed freeze writes nothing.

    Raises :class:`~styrmodell.problems.PackageError` for invalid data and
    :class:`SnapshotError` if the period is unknown, has not ended on ``frozen_on``, or is already frozen.
    """
    package_dir = Path(package_dir)
    package = load(package_dir)
    model = package.model
    if period_id not in model.index["period"]:
        known = ", ".join(p.id for p in model.periods)
        msg = f"Uppföljningen {period_id!r} finns inte i periods.csv. Välj en av: {known}."
        raise SnapshotError(msg)
    period = model.period(period_id)
    if frozen_on <= period.end_date:
        msg = (
            f"{period.name} slutar den {long_date(period.end_date)}, så den kan inte frysas den "
            f"{long_date(frozen_on)}: en ögonblicksbild visar det som var känt när perioden slutade, och "
            f"ändras aldrig. Frys den tidigast den {long_date(period.end_date + timedelta(days=1))}, "
            "när periodens siffror är inlagda."
        )
        raise SnapshotError(msg)
    target = archive_dir(package_dir) / period_id
    if target.exists():
        msg = (
            f"Det finns redan en ögonblicksbild för {period.name} i {target}. En publicerad ögonblicksbild "
            "ändras aldrig. Rättelser görs i datapaketet och syns vid nästa uppföljning som reviderade värden."
        )
        raise SnapshotError(msg)
    descriptor = package.descriptor
    files, left_out = (dict(package.files), {}) if include_later else later_rows(descriptor, package.files, period)
    contents = {DESCRIPTOR: published_descriptor(descriptor, files), **files}
    manifest = {
        "period": period.id,
        "period_name": period.name,
        "end_date": period.end_date.isoformat(),
        "published": period.published.isoformat() if period.published else None,
        "package": descriptor.get("name"),
        "frozen_on": frozen_on.isoformat(),
        "after_the_fact": after_the_fact(period, frozen_on),
        "later_rows": "included" if include_later else "left_out",
        "left_out": dict(sorted(left_out.items())),
        "note": note,
        "files": {name: {"bytes": len(data), "sha256": sha256(data)} for name, data in sorted(contents.items())},
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{period_id}-", dir=target.parent))
    try:
        for name, data in contents.items():
            (staging / name).write_bytes(data)
        load(staging)  # the snapshot must validate on its own (foreign keys included) before it is kept
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        for path in staging.iterdir():
            os.chmod(path, 0o444)  # read-only: a reminder that a published snapshot is never edited
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return read_snapshot(target)


def after_the_fact(period: Period, frozen_on: date) -> bool:
    """A freeze is after the fact when it happened after the report was published or, with no
    publication date, after the year following the period's end (no report takes longer)."""
    if period.published:
        return frozen_on > period.published
    return frozen_on.year > period.end_date.year + 1


def read_snapshot(path: Path) -> Snapshot:
    manifest_path = path / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        msg = f"Ögonblicksbilden i {path} saknar en läsbar {MANIFEST} ({error}). Återställ mappen från versionshanteringen."
        raise SnapshotError(msg) from None
    return Snapshot(
        period=manifest["period"],
        period_name=manifest["period_name"],
        end_date=date.fromisoformat(manifest["end_date"]),
        published=date.fromisoformat(manifest["published"]) if manifest.get("published") else None,
        path=path,
        frozen_on=date.fromisoformat(manifest["frozen_on"]) if manifest.get("frozen_on") else None,
        after_the_fact=manifest.get("after_the_fact"),
        later_rows=manifest.get("later_rows"),
        left_out=tuple(sorted((manifest.get("left_out") or {}).items())),
        note=manifest.get("note") or "",
        files=tuple((name, info["bytes"], info["sha256"]) for name, info in sorted(manifest["files"].items())),
    )


def list_snapshots(package_dir: Path | str) -> tuple[Snapshot, ...]:
    """Every snapshot of the package, oldest period first."""
    root = archive_dir(package_dir)
    if not root.is_dir():
        return ()
    snapshots = [read_snapshot(p) for p in sorted(root.iterdir()) if p.is_dir() and not p.name.startswith(".")]
    return tuple(sorted(snapshots, key=lambda s: (s.end_date, s.period)))


def verify(snapshot: Snapshot) -> list[str]:
    """Differences between the snapshot's files and the hashes recorded when it was frozen (empty = intact)."""
    problems = []
    recorded = {name for name, _, _ in snapshot.files}
    for name, size, digest in snapshot.files:
        path = snapshot.path / name
        if not path.is_file():
            problems.append(f"{path}: filen saknas")
            continue
        data = path.read_bytes()
        if len(data) != size or sha256(data) != digest:
            problems.append(f"{path}: filen har ändrats sedan ögonblicksbilden frystes (sha256 stämmer inte)")
    for path in sorted(snapshot.path.iterdir()):
        if path.name not in recorded and path.name != MANIFEST:
            problems.append(f"{path}: filen har lagts till efter att ögonblicksbilden frystes")
    return problems


def verify_all(package_dir: Path | str) -> tuple[Snapshot, ...]:
    """All snapshots, or :class:`SnapshotError` listing every changed file."""
    snapshots = list_snapshots(package_dir)
    problems = [p for s in snapshots for p in verify(s)]
    if problems:
        msg = (
            "En publicerad ögonblicksbild har ändrats:\n"
            + "\n".join(f"- {p}" for p in problems)
            + "\nÅterställ filerna från versionshanteringen (git checkout -- data/<kommun>/archive). "
            "Rättelser görs i datapaketet, aldrig i arkivet."
        )
        raise SnapshotError(msg)
    return snapshots


def load_snapshot(snapshot: Snapshot, cache: Path | None = None, *, verified: bool = False) -> Package:
    """The snapshot's package, read and validated like the live one (``cache``: see :func:`load`).

    ``verified``: every file has just been checked against the manifest (:func:`verify`), so the package is
    byte for byte the one :func:`freeze` checked in full; frictionless is skipped, the model's own rules run.
    """
    return load(snapshot.path, cache=cache, verified=verified)


@dataclass(frozen=True)
class Frozen:
    """A verified snapshot with its loaded package and the bytes of every file its manifest lists."""

    snapshot: Snapshot
    package: Package
    members: dict[str, bytes]  # file name -> bytes, in the manifest's (sorted) order

    @property
    def model(self) -> Styrmodell:
        return self.package.model


def load_all(package_dir: Path | str, cache: Path | None = None) -> tuple[Frozen, ...]:
    """Every snapshot of the package, verified and loaded once, oldest period first (see :func:`verify_all`)."""
    return tuple(
        Frozen(
            snapshot=s,
            package=load_snapshot(s, cache, verified=True),
            members={name: s.file_bytes(name) for name, _, _ in s.files},
        )
        for s in verify_all(package_dir)
    )


# What changed --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultChange:
    """A new result, compared with the value alike before it (direction aware, :func:`fulfilment.result_trend`)."""

    indicator: Indicator
    result: Result
    previous: Result | None
    trend: Trend


@dataclass(frozen=True)
class Revision:
    """A value that was published before and is now different: flagged on the page."""

    indicator: Indicator
    old: Result
    new: Result


@dataclass(frozen=True)
class TargetChange:
    indicator: Indicator
    year: int
    old: Target | None
    new: Target | None


@dataclass(frozen=True)
class StatusChange:
    goal: Goal
    kind: str  # "beraknad" (computed from the styrmått) or "namnd" (the owner's own assessment, whoever owns it)
    old: GoalStatus
    new: GoalStatus
    owner_name: str = ""  # the goal's owner, whose assessment it is: a nämnd, fullmäktige, a bolag …

    @property
    def basis_text(self) -> str:
        """Which status changed, in the words of the changes page: "Barn- och utbildningsnämndens bedömning"."""
        if self.kind != "namnd":
            return "Beräknad från styrmåtten"
        return f"{genitive(self.owner_name)} bedömning" if self.owner_name else "Egen bedömning"


@dataclass(frozen=True)
class Digest:
    """What changed from ``old_period`` (a snapshot) to ``new_period``."""

    old_period: Period
    new_period: Period
    new_results: tuple[ResultChange, ...]
    revised: tuple[Revision, ...]
    target_changes: tuple[TargetChange, ...]
    status_changes: tuple[StatusChange, ...]
    new_goals: tuple[Goal, ...]
    retired_goals: tuple[Goal, ...]

    @property
    def improved(self) -> tuple[ResultChange, ...]:
        return tuple(c for c in self.new_results if c.trend == Trend.BETTER)

    @property
    def worsened(self) -> tuple[ResultChange, ...]:
        return tuple(c for c in self.new_results if c.trend == Trend.WORSE)

    @property
    def empty(self) -> bool:
        return not (
            self.new_results
            or self.revised
            or self.target_changes
            or self.status_changes
            or self.new_goals
            or self.retired_goals
        )

    @property
    def example(self) -> bool:
        rows = [
            *(c.result for c in self.new_results),
            *(r.new for r in self.revised),
            *(r.old for r in self.revised),
            *(t for c in self.target_changes for t in (c.old, c.new) if t),
            *(c.goal for c in self.status_changes),
            *self.new_goals,
            *self.retired_goals,
        ]
        return any(r.example for r in rows)

    def summary(self) -> str:
        """One Swedish sentence with the counts, for the feed and the list of periods."""
        if self.empty:
            return f"Inga ändringar jämfört med {self.old_period.name}."
        parts = [
            (len(self.new_results), "nytt resultat", "nya resultat"),
            (len(self.improved), "styrmått blev bättre", "styrmått blev bättre"),
            (len(self.worsened), "styrmått blev sämre", "styrmått blev sämre"),
            (len(self.status_changes), "mål bytte status", "mål bytte status"),
            (len(self.target_changes), "ändrad målnivå", "ändrade målnivåer"),
            (len(self.revised), "reviderat värde", "reviderade värden"),
            (len(self.new_goals), "nytt mål", "nya mål"),
            (len(self.retired_goals), "mål upphörde", "mål upphörde"),
        ]
        text = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in parts if n)
        return f"Jämfört med {self.old_period.name}: {text}."


def _results(model: Styrmodell, period: Period) -> dict[tuple[str, int, str], Result]:
    """The package's values known at the end of ``period``, by styrmått, year and period ("" for none)."""
    return {(r.indicator, r.year, r.period or ""): r for r in model.results if model.known_on(r) <= period.end_date}


def _targets(model: Styrmodell) -> dict[tuple[str, int], Target]:
    return {(t.indicator, t.year): t for t in model.targets}


def diff(
    old: Styrmodell, old_period: Period, new: Styrmodell, new_period: Period, *, tolerance: float, rule: str
) -> Digest:
    """Everything that changed between two versions of the package, each change listed once.

    A new result is compared with the value alike before it (improved/worsened): a delår value with the
    same period a year before, the year's value with the year's value before it; a
    changed value that was already published is a revision, never also an improvement.
    """
    old_results, new_results = _results(old, old_period), _results(new, new_period)
    added = []
    revised = []
    for key in sorted(new_results):
        result = new_results[key]
        indicator = new.indicator(result.indicator)
        if key not in old_results:
            known = new.known_on(result)
            earlier = [r for r in new.results_of(indicator.id) if new.known_on(r) < known]
            previous = fulfilment.compared_with(new, result, earlier)
            trend = fulfilment.result_trend(new, indicator, result, earlier)
            added.append(ResultChange(indicator, result, previous, trend))
        elif old_results[key].value != result.value:
            revised.append(Revision(indicator, old_results[key], result))

    old_targets, new_targets = _targets(old), _targets(new)
    target_changes = []
    for key in sorted(set(old_targets) | set(new_targets)):
        before, after = old_targets.get(key), new_targets.get(key)
        if before and after and (before.min, before.max) == (after.min, after.max):
            continue
        indicator_id = key[0]
        indicator = (
            new.indicator(indicator_id) if indicator_id in new.index["indicator"] else old.indicator(indicator_id)
        )
        target_changes.append(TargetChange(indicator, key[1], before, after))

    measurable = {lv.id for lv in new.levels if lv.measurable}
    status_changes = []
    for goal in new.goals:
        if goal.id not in old.index["goal"] or goal.level not in measurable:
            continue
        before = fulfilment.goal_status(
            old, goal.id, old_period.year, tolerance, rule, as_of=old_period.end_date
        ).status
        after = fulfilment.goal_status(new, goal.id, new_period.year, tolerance, rule, as_of=new_period.end_date).status
        if before != after:
            status_changes.append(StatusChange(goal, "beraknad", before, after))
        old_assessment = next((a for a in old.assessments_of(goal.id) if a.period == old_period.id), None)
        new_assessment = next((a for a in new.assessments_of(goal.id) if a.period == new_period.id), None)
        if old_assessment and new_assessment and old_assessment.status != new_assessment.status:
            status_changes.append(
                StatusChange(
                    goal,
                    "namnd",
                    GoalStatus(old_assessment.status),
                    GoalStatus(new_assessment.status),
                    new.organ(goal.owner).name,
                )
            )

    new_goals = tuple(g for g in new.goals if g.id not in old.index["goal"])
    retired = tuple(
        g
        for g in old.goals
        if not old.is_retired(g, old_period.year)
        and (g.id not in new.index["goal"] or new.is_retired(new.goal(g.id), new_period.year))
    )
    return Digest(
        old_period=old_period,
        new_period=new_period,
        new_results=tuple(added),
        revised=tuple(revised),
        target_changes=tuple(target_changes),
        status_changes=tuple(status_changes),
        new_goals=new_goals,
        retired_goals=retired,
    )
