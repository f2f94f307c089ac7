"""Downloads for journalists and catalogue metadata, as pure functions from the package's bytes.

Nothing here imports Pelican. Every function takes the package descriptor and
the files' bytes and returns bytes or text, always the same for the same input
(fixed timestamps in zip and XLSX, sorted iteration), so a rebuild with the
same data publishes identical files.

The CSV safety policy lives here too: the canonical CSV is the package file
unchanged; only the Excel flavours guard text that a spreadsheet could run as a
formula (see :func:`guard_formula`).
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .package import _cast, read_descriptor

#: A text cell starting with one of these could be read as a formula by a spreadsheet
#: (OWASP "CSV injection"); tab and carriage return are included because Excel strips them first.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

#: Fixed time stamp for every member of a generated zip (the zip format cannot store dates before 1980).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

SQLITE_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT", "string": "TEXT"}

MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "zip": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sqlite": "application/vnd.sqlite3",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "atom": "application/atom+xml",
}

#: EU vocabulary for file types (DCAT-AP-SE recommends dcterms:format from it).
EU_FILE_TYPES = {
    "csv": "CSV",
    "json": "JSON",
    "zip": "ZIP",
    "xlsx": "XLSX",
    "sqlite": "SQL",
}


# The package's files -------------------------------------------------------------------------


def package_files(directory: Path | str) -> tuple[dict, dict[str, bytes]]:
    """The descriptor and the bytes of every resource file, keyed by the resource's path."""
    directory = Path(directory)
    descriptor = read_descriptor(directory)
    files = {r["path"]: (directory / r["path"]).read_bytes() for r in descriptor["resources"]}
    return descriptor, files


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def published_descriptor(descriptor: Mapping, files: Mapping[str, bytes]) -> bytes:
    """``datapackage.json`` as published: the package's descriptor with ``bytes`` and ``hash`` per resource.

    The hash uses the Data Package form ``sha256:<hex>``, which frictionless checks on validation.
    """
    published = copy.deepcopy(dict(descriptor))
    for resource in published["resources"]:
        data = files[resource["path"]]
        resource["bytes"] = len(data)
        resource["hash"] = f"sha256:{sha256(data)}"
    return (json.dumps(published, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def typed_rows(resource: Mapping, data: bytes) -> list[dict[str, object]]:
    """The rows of one resource with the package's types (int, float, bool, date, str, None for empty)."""
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    return [{name: _cast(record.get(name) or "", field) for name, field in fields.items()} for record in reader]


# Spreadsheet flavours ----------------------------------------------------------------------------


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def guard_formula(text: str) -> str:
    """Prefix formula-like text with an apostrophe, the spreadsheet convention for "this is text"."""
    return f"'{text}" if is_formula_like(text) else text


def _swedish_number(value: float | int) -> str:
    text = repr(value) if isinstance(value, float) else str(value)
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",")


def excel_csv(resource: Mapping, data: bytes) -> bytes:
    """The Swedish-Excel flavour of one resource: BOM, semicolons, CRLF, decimal comma, guarded text.

    Numbers lose nothing (all digits are kept, only ``.`` becomes ``,``); dates stay ISO 8601;
    booleans stay ``true``/``false`` as in the package.
    """
    fields = resource["schema"]["fields"]
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([f["name"] for f in fields])
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    for record in reader:
        row = []
        for field in fields:
            raw = record.get(field["name"]) or ""
            if raw and field["type"] == "number":
                row.append(_swedish_number(float(raw)))
            elif field["type"] == "string":
                row.append(guard_formula(raw))
            else:
                row.append(raw)
        writer.writerow(row)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def xlsx_bytes(descriptor: Mapping, files: Mapping[str, bytes]) -> bytes:
    """One workbook, one sheet per resource (named after the resource), typed cells.

    Numbers are numbers, dates are dates shown as ÅÅÅÅ-MM-DD, booleans are ``true``/``false``
    text as in the package. Text is always a text cell, never a formula: openpyxl would turn
    ``=…`` into a formula, so the type is set explicitly, and formula-like text also gets
    the "quote prefix" style, so that editing the cell in Excel or LibreOffice keeps it text.
    """
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for resource in descriptor["resources"]:
        sheet = workbook.create_sheet(resource["name"][:31])
        fields = resource["schema"]["fields"]
        sheet.append([f["name"] for f in fields])
        for row_number, row in enumerate(typed_rows(resource, files[resource["path"]]), start=2):
            for column, field in enumerate(fields, start=1):
                value = row[field["name"]]
                if value is None:
                    continue
                cell = sheet.cell(row=row_number, column=column)
                if isinstance(value, bool):
                    cell.value = "true" if value else "false"
                    cell.data_type = "s"
                elif isinstance(value, str):
                    cell.value = value
                    cell.data_type = "s"  # never "f" (formula)
                    if is_formula_like(value):
                        cell.quotePrefix = True
                else:
                    cell.value = value
                    if isinstance(value, date):
                        cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    fixed = datetime(1980, 1, 1)  # noqa: DTZ001 - a fixed, zone-less stamp keeps the file deterministic
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    workbook.properties.creator = "styrmodell"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return normalise_zip(raw.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with a fixed time stamp and fixed attributes per member, in the original order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return zip_bytes([(info.filename, source.read(info.filename)) for info in source.infolist()], sort=False)


def zip_bytes(members: Iterable[tuple[str, bytes]], sort: bool = True) -> bytes:
    """A deterministic zip: fixed time stamps and permissions, members sorted by name unless ``sort=False``."""
    members = sorted(members) if sort else list(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def package_zip(descriptor: Mapping, files: Mapping[str, bytes], folder: str) -> bytes:
    """The whole package in one zip, inside ``folder/``: the published datapackage.json and every CSV."""
    members = [(f"{folder}/datapackage.json", published_descriptor(descriptor, files))]
    members += [(f"{folder}/{path}", data) for path, data in files.items()]
    return zip_bytes(members)


# SQLite -------------------------------------------------------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_bytes(descriptor: Mapping, files: Mapping[str, bytes]) -> bytes:
    """The package as one SQLite database: a table per resource, typed columns, primary and foreign keys.

    Dates are ISO 8601 text and booleans 0/1 (SQLite has neither type). A table ``_fields``
    holds the Swedish title and description of every column, for Datasette and DB Browser users.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "package.sqlite"
        connection = sqlite3.connect(path)
        try:
            with connection:
                connection.execute(
                    "CREATE TABLE _fields (resource TEXT, field TEXT, type TEXT, title TEXT, description TEXT, "
                    "PRIMARY KEY (resource, field))"
                )
                for resource in descriptor["resources"]:
                    _sqlite_table(connection, resource, files[resource["path"]])
            connection.execute("VACUUM")
        finally:
            connection.close()
        return path.read_bytes()


def _sqlite_table(connection: sqlite3.Connection, resource: Mapping, data: bytes) -> None:
    schema = resource["schema"]
    fields = schema["fields"]
    columns = []
    for field in fields:
        required = " NOT NULL" if field.get("constraints", {}).get("required") else ""
        columns.append(f"{_quote(field['name'])} {SQLITE_TYPES.get(field['type'], 'TEXT')}{required}")
    if schema.get("primaryKey"):
        columns.append(f"PRIMARY KEY ({', '.join(_quote(k) for k in schema['primaryKey'])})")
    for key in schema.get("foreignKeys", []):
        target = key["reference"].get("resource") or resource["name"]
        columns.append(
            f"FOREIGN KEY ({', '.join(_quote(f) for f in key['fields'])}) "
            f"REFERENCES {_quote(target)} ({', '.join(_quote(f) for f in key['reference']['fields'])})"
        )
    table = _quote(resource["name"])
    connection.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
    placeholders = ", ".join("?" for _ in fields)
    rows = [tuple(_sqlite_value(row[f["name"]]) for f in fields) for row in typed_rows(resource, data)]
    connection.executemany(f"INSERT INTO {table} VALUES ({placeholders})", rows)  # noqa: S608 - names come from the validated schema
    connection.executemany(
        "INSERT INTO _fields VALUES (?, ?, ?, ?, ?)",
        [(resource["name"], f["name"], f["type"], f.get("title"), f.get("description")) for f in fields],
    )


def _sqlite_value(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


# Per-page data ------------------------------------------------------------------------------------


def rows_csv(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> bytes:
    """RFC 4180 CSV (UTF-8, comma, CRLF, header row) with values written as in the package."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(row.get(c)) for c in columns])
    return out.getvalue().encode("utf-8")


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _plain_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _plain_number(value: float) -> str:
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


def json_bytes(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False, default=_json_default) + "\n").encode(
        "utf-8"
    )


def _json_default(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    msg = f"Kan inte skriva {type(value).__name__} som JSON"
    raise TypeError(msg)


# Catalogue metadata -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Distribution:
    """One downloadable file of a dataset."""

    key: str
    url: str
    title: str
    format: str
    size: int
    checksum: str

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


@dataclass(frozen=True)
class DatasetInfo:
    """What the catalogue says about one dataset (the live package or one snapshot)."""

    key: str
    landing_page: str
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    issued: date | None
    modified: date | None
    start_year: int | None
    end_year: int | None
    keywords: tuple[str, ...]
    distributions: tuple[Distribution, ...]
    version: str | None = None


@dataclass(frozen=True)
class CatalogueInfo:
    url: str
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    publisher_name: str
    publisher_url: str
    contact_email: str | None
    licence_url: str
    homepage: str
    modified: date | None
    datasets: tuple[DatasetInfo, ...]


def _literal(text: str, lang: str | None = None) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def _iri(url: str) -> str:
    for char in '<>"{}|^`\\ ':
        if char in url:
            msg = f"Adressen {url!r} innehåller {char!r} och kan inte skrivas som IRI; rätta adressen i datapaketet"
            raise ValueError(msg)
    return f"<{url}>"


def _date(value: date) -> str:
    return f'"{value.isoformat()}"^^xsd:date'


def dcat_turtle(catalogue: CatalogueInfo) -> str:
    """DCAT-AP-SE 3.0.1 in Turtle: catalogue, publisher, contact, datasets and one distribution per file.

    Modelled on Digg's examples (obligatoriskt.ttl, rekommenderat.ttl). IRIs may be relative
    when the site has no public address yet; they then resolve against the file's own URL.
    """
    lines = [
        "@prefix dcat: <http://www.w3.org/ns/dcat#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .",
        "@prefix spdx: <http://spdx.org/rdf/terms#> .",
        "@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "",
    ]
    cat = catalogue
    publisher = _iri(cat.publisher_url)
    licence = _iri(cat.licence_url)
    swedish = "<http://publications.europa.eu/resource/authority/language/SWE>"
    statements = [
        "a dcat:Catalog",
        f"dcterms:title {_literal(cat.title_sv, 'sv')}, {_literal(cat.title_en, 'en')}",
        f"dcterms:description {_literal(cat.description_sv, 'sv')}, {_literal(cat.description_en, 'en')}",
        f"dcterms:publisher {publisher}",
        f"dcterms:license {licence}",
        f"dcterms:language {swedish}",
        f"foaf:homepage {_iri(cat.homepage)}",
        "dcat:themeTaxonomy <http://publications.europa.eu/resource/authority/data-theme>",
    ]
    if cat.modified:
        statements.append(f"dcterms:modified {_date(cat.modified)}")
    statements.append("dcat:dataset " + ", ".join(_iri(d.key) for d in cat.datasets))
    lines += _subject(cat.url, statements)
    lines += _subject(
        cat.publisher_url,
        [
            "a foaf:Agent",
            f"foaf:name {_literal(cat.publisher_name)}",
            "dcterms:type <http://purl.org/adms/publishertype/LocalAuthority>",
        ],
    )
    contact = f"{cat.url.split('#')[0]}#kontakt"
    contact_statements = ["a vcard:Organization", f"vcard:fn {_literal(cat.publisher_name)}"]
    if cat.contact_email:
        contact_statements.append(f"vcard:hasEmail {_iri('mailto:' + cat.contact_email)}")
    lines += _subject(contact, contact_statements)
    for dataset in cat.datasets:
        statements = [
            "a dcat:Dataset",
            f"dcterms:title {_literal(dataset.title_sv, 'sv')}, {_literal(dataset.title_en, 'en')}",
            f"dcterms:description {_literal(dataset.description_sv, 'sv')}, {_literal(dataset.description_en, 'en')}",
            f"dcterms:publisher {publisher}",
            f"dcat:contactPoint {_iri(contact)}",
            f"dcterms:language {swedish}",
            "dcat:theme <http://publications.europa.eu/resource/authority/data-theme/GOVE>",
            "dcterms:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC>",
            f"dcat:landingPage {_iri(dataset.landing_page)}",
            "dcterms:spatial <http://sws.geonames.org/2661886>",
        ]
        if dataset.keywords:
            statements.append("dcat:keyword " + ", ".join(_literal(k, "sv") for k in dataset.keywords))
        if dataset.issued:
            statements.append(f"dcterms:issued {_date(dataset.issued)}")
        if dataset.modified:
            statements.append(f"dcterms:modified {_date(dataset.modified)}")
        if dataset.version:
            statements.append(f"dcat:version {_literal(dataset.version)}")
        if dataset.start_year and dataset.end_year:
            statements.append(
                "dcterms:temporal [ a dcterms:PeriodOfTime ; "
                f"dcat:startDate {_date(date(dataset.start_year, 1, 1))} ; "
                f"dcat:endDate {_date(date(dataset.end_year, 12, 31))} ]"
            )
        statements.append("dcat:distribution " + ", ".join(_iri(d.key) for d in dataset.distributions))
        lines += _subject(dataset.key, statements)
        for dist in dataset.distributions:
            dist_statements = [
                "a dcat:Distribution",
                f"dcterms:title {_literal(dist.title, 'sv')}",
                f"dcat:accessURL {_iri(dist.url)}",
                f"dcat:downloadURL {_iri(dist.url)}",
                f"dcat:mediaType <http://www.iana.org/assignments/media-types/{dist.media_type}>",
                f"dcterms:license {licence}",
                f'dcat:byteSize "{dist.size}"^^xsd:nonNegativeInteger',
                "spdx:checksum [ a spdx:Checksum ; spdx:algorithm spdx:checksumAlgorithm_sha256 ; "
                f'spdx:checksumValue "{dist.checksum}"^^xsd:hexBinary ]',
            ]
            if dist.format in EU_FILE_TYPES:
                dist_statements.append(
                    f"dcterms:format <http://publications.europa.eu/resource/authority/file-type/{EU_FILE_TYPES[dist.format]}>"
                )
            lines += _subject(dist.key, dist_statements)
    lines += _subject("http://sws.geonames.org/2661886", ['<http://www.w3.org/2000/01/rdf-schema#label> "Sverige"@sv'])
    return "\n".join(lines)


def _subject(iri: str, statements: Sequence[str]) -> list[str]:
    body = " ;\n    ".join(statements)
    return [f"{_iri(iri)} {body} .", ""]


def dataset_jsonld(dataset: DatasetInfo, catalogue: CatalogueInfo) -> dict:
    """schema.org ``Dataset`` for a page's ``<script type="application/ld+json">``."""
    value: dict = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": dataset.title_sv,
        "alternateName": dataset.title_en,
        "description": dataset.description_sv,
        "url": dataset.landing_page,
        "inLanguage": "sv",
        "isAccessibleForFree": True,
        "license": catalogue.licence_url,
        "creator": {
            "@type": "GovernmentOrganization",
            "name": catalogue.publisher_name,
            "url": catalogue.publisher_url,
        },
        "publisher": {
            "@type": "GovernmentOrganization",
            "name": catalogue.publisher_name,
            "url": catalogue.publisher_url,
        },
        "spatialCoverage": {"@type": "Place", "name": catalogue.publisher_name},
        "keywords": list(dataset.keywords),
        "includedInDataCatalog": {"@type": "DataCatalog", "name": catalogue.title_sv, "url": catalogue.url},
        "distribution": [
            {
                "@type": "DataDownload",
                "name": d.title,
                "contentUrl": d.url,
                "encodingFormat": d.media_type,
                "contentSize": f"{d.size} B",
                "sha256": d.checksum,
            }
            for d in dataset.distributions
        ],
    }
    if dataset.start_year and dataset.end_year:
        value["temporalCoverage"] = f"{dataset.start_year}/{dataset.end_year}"
    if dataset.issued:
        value["datePublished"] = dataset.issued.isoformat()
    if dataset.modified:
        value["dateModified"] = dataset.modified.isoformat()
    if dataset.version:
        value["version"] = dataset.version
    return value


# Atom feed ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    id: str
    url: str
    title: str
    updated: date
    summary: str


def atom_feed(
    *, feed_id: str, self_url: str, site_url: str, title: str, author: str, entries: Sequence[FeedEntry]
) -> bytes:
    """An Atom 1.0 feed (RFC 4287) with plain-text summaries, newest entry first; dates at midnight UTC."""
    from xml.sax.saxutils import escape, quoteattr

    def stamp(value: date) -> str:
        return f"{value.isoformat()}T00:00:00Z"

    ordered = sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)
    updated = ordered[0].updated if ordered else date(1970, 1, 1)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">',
        f"  <id>{escape(feed_id)}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{stamp(updated)}</updated>",
        f"  <author><name>{escape(author)}</name></author>",
        f'  <link rel="self" href={quoteattr(self_url)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(site_url)}/>',
    ]
    for entry in ordered:
        parts += [
            "  <entry>",
            f"    <id>{escape(entry.id)}</id>",
            f"    <title>{escape(entry.title)}</title>",
            f"    <updated>{stamp(entry.updated)}</updated>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(entry.url)}/>',
            f'    <summary type="text">{escape(entry.summary)}</summary>',
            "  </entry>",
        ]
    parts.append("</feed>")
    return ("\n".join(parts) + "\n").encode("utf-8")
