"""What the open-data pages show: downloads, the data dictionary, snapshots, changes and citations.

Plain dataclasses and functions; the open-data step (:mod:`styrmodell.exports.opendata`)
computes them together with the files they describe. Addresses come from :mod:`styrmodell.urls`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import snapshots
from ..formatting import long_date, number
from ..package.model import Period, Styrmodell

TYPE_TEXT = {"string": "text", "integer": "heltal", "number": "tal", "boolean": "true eller false", "date": "datum"}
FORMAT_TEXT = {
    "csv": "CSV",
    "json": "JSON",
    "zip": "Zip",
    "xlsx": "Excel (XLSX)",
    "sqlite": "SQLite",
    "ttl": "Turtle (RDF)",
    "jsonld": "JSON-LD",
    "atom": "Atom",
}

#: The columns of a goal's or styrmått's figures CSV: one row per value the page shows.
FIGURE_COLUMNS = (
    "resource",
    "indicator",
    "indicator_name",
    "unit",
    "year",
    "area",
    "area_name",
    "value",
    "min",
    "max",
    "preliminary",
    "method_break",
    "period",
    "source",
    "example",
)
#: The columns of a nämnd's goal list CSV.
GOAL_COLUMNS = (
    "goal",
    "title",
    "level",
    "owner",
    "valid_from",
    "valid_to",
    "computed_status",
    "assessment_period",
    "assessment_status",
    "source",
    "example",
)


@dataclass(frozen=True)
class Download:
    url: str  # relative to the site root, without leading slash
    label: str
    format: str
    size: int
    checksum: str
    media_type: str = ""  # the link's ``type``, from the format (``exports.files.file``)

    @property
    def format_text(self) -> str:
        return FORMAT_TEXT[self.format]

    @property
    def size_text(self) -> str:
        return size_text(self.size)


@dataclass(frozen=True)
class PageData:
    """What a page offers under "Data och citat"."""

    downloads: tuple[Download, ...]
    citation: str
    snapshot_url: str | None
    snapshot_name: str | None
    changes_url: str | None
    #: schema.org JSON-LD of the page (a styrmått's Dataset, a goal's WebPage), printed in ``<head>``.
    jsonld: Mapping | None = None


@dataclass(frozen=True)
class FieldView:
    name: str
    title: str
    description: str
    type_text: str
    required: bool
    allowed: str


@dataclass(frozen=True)
class ResourceView:
    name: str
    title: str
    description: str
    rows: int
    example_rows: int | None  # rows with example=true; None when the table has no example column
    fields: tuple[FieldView, ...]
    csv: Download
    excel_csv: Download
    key: str

    @property
    def rows_text(self) -> str:
        """``"25 rader, varav 19 exempeldata"``: what the table holds, in words."""
        text = "1 rad" if self.rows == 1 else f"{number(self.rows, 0)} rader"
        if self.example_rows:
            return f"{text}, varav {number(self.example_rows, 0)} exempeldata"
        if self.example_rows == 0 and self.rows:
            return f"{text}, inga exempeldata"
        return text


@dataclass(frozen=True)
class SnapshotView:
    snapshot: snapshots.Snapshot
    period: Period
    downloads: tuple[Download, ...]
    files: tuple[Download, ...]
    citation: str
    example: bool
    jsonld: Mapping
    changes_url: str | None
    facts: tuple[str, ...] = ()  # when the report was published, when the snapshot was frozen, what it holds


def snapshot_facts(snapshot: snapshots.Snapshot, period: Period, resources: Mapping[str, str]) -> tuple[str, ...]:
    """The snapshot page's sentences: publication, freeze, after the fact or not, and what the files hold.

    ``resources`` names each file in Swedish (``"budget.csv"`` → ``"budget"``), for the list of left-out rows.
    """
    published = (
        f"{period.name} publicerades den {long_date(period.published)}."
        if period.published
        else f"Publiceringsdatum saknas för {first_lower(period.name)}."
    )
    if snapshot.frozen_on is None:
        frozen = "När ögonblicksbilden frystes finns inte antecknat."
    elif snapshot.after_the_fact:
        frozen = f"Ögonblicksbilden frystes i efterhand, den {long_date(snapshot.frozen_on)}."
    else:
        frozen = f"Ögonblicksbilden frystes den {long_date(snapshot.frozen_on)}."
    if snapshot.later_rows == "left_out":
        left_out = sum(n for _, n in snapshot.left_out)
        holds = f"Den innehåller bara det som var känt när perioden slutade den {long_date(period.end_date)}."
        if left_out:
            parts = ", ".join(
                f"{first_lower(resources.get(name, name))}: {number(n, 0)}" for name, n in snapshot.left_out
            )
            rows = "rad" if left_out == 1 else "rader"
            holds += f" {number(left_out, 0)} {rows} som hör till senare perioder är utelämnade ({parts})."
    elif snapshot.later_rows == "included":
        holds = "Den innehåller också rader som hör till senare perioder: allt som fanns i datapaketet när den frystes."
    else:
        holds = "Den innehåller datapaketet som det såg ut när den frystes, och kan ha rader från senare perioder."
    return tuple(t for t in (published, frozen, holds, sentence(snapshot.note) if snapshot.note else "") if t)


@dataclass(frozen=True)
class ChangesView:
    period: Period
    digest: snapshots.Digest
    source_label: str  # where the new data comes from: a snapshot or the live package
    url: str
    sources: tuple


def size_text(size: int) -> str:
    if size < 1000:
        return f"{size} byte"
    if size < 1_000_000:
        return f"{number(size / 1000, 0)} kB"
    return f"{number(size / 1_000_000, 1)} MB"


def example_count(resource: Mapping, rows: Iterable[Mapping]) -> int | None:
    """How many of a table's rows are example data (example=true); None when the table has no example column."""
    if not any(f["name"] == "example" for f in resource["schema"]["fields"]):
        return None
    return sum(1 for row in rows if row.get("example") is True)


def has_example_rows(model: Styrmodell) -> bool:
    """Whether any row of any table of ``model`` is example data."""
    return any(model.example_flags())


def first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


#: Ends the citation of a page that shows example data, so invented rows are never cited as the municipality's.
EXAMPLE_CITATION = "Sidan innehåller exempeldata."


def sentence(text: str) -> str:
    """``text`` ending with a full stop: a title that already ends a sentence gets no second one."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def citation(
    publisher: str,
    title: str,
    period: Period,
    url: str,
    snapshot_url: str | None,
    *,
    example: bool = False,
    credits: tuple[str, ...] = (),
) -> str:
    """The citation text: the publisher, the period's year and name, the page's address, and a date the reader fills in.

    The site is built ahead of time, so it cannot know the day someone reads it; writing the build
    date would be wrong and change the output on every build. "[datum]" is for the reader to replace.
    ``example`` is the page's ``example`` flag: a page that shows example rows says so in its citation too.
    ``credits`` are the credits its sources ask for (Kolada's, see :mod:`styrmodell.views.publisher`).
    """
    text = f"{sentence(f'{publisher} ({period.year})')} {sentence(title)} Data från {first_lower(period.name)}"
    text += f", publicerad {long_date(period.published)}" if period.published else ", publiceringsdatum saknas"
    text += f". {url}"
    if snapshot_url:
        text += f" (ögonblicksbild: {snapshot_url})"
    text += ". Hämtad [datum]."
    text = " ".join((text, *credits))
    return f"{text} {EXAMPLE_CITATION}" if example else text


def format_of(name: str) -> str:
    """The download format of a file, from its name's suffix."""
    suffix = name.rsplit(".", 1)[-1]
    return {"ttl": "ttl", "atom": "atom"}.get(suffix, suffix)
