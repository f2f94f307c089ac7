"""Catalogue metadata: DCAT-AP-SE 3.0.1 in Turtle and schema.org ``Dataset`` JSON-LD.

Pure functions from frozen descriptions of the catalogue and its datasets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .tables import EU_FILE_TYPES, MEDIA_TYPES


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
    example: bool = False  # whether the dataset holds example rows

    @property
    def descriptions(self) -> tuple[str, str]:
        """The Swedish and English descriptions; for a dataset with example rows, a sentence saying so.

        A description that already speaks of example data (the package's own, say) gets no second sentence.
        """
        if not self.example:
            return self.description_sv, self.description_en
        return _noted(self.description_sv, "exempeldata", EXAMPLE_NOTE_SV), _noted(
            self.description_en, "example data", EXAMPLE_NOTE_EN
        )


#: What every description of a dataset with example rows adds.
EXAMPLE_NOTE_SV = "Innehåller exempeldata: rader med example=true är påhittade och inte verkliga siffror."
EXAMPLE_NOTE_EN = "Contains example data: rows with example=true are invented, not real figures."


def _noted(text: str, word: str, note: str) -> str:
    return text if word in text.lower() else " ".join(t for t in (text, note) if t)


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
    publisher_is_municipality: bool = True
    area_name: str = ""  # the municipality the data is about (schema.org spatialCoverage); empty = the publisher


def _literal(text: str, lang: str | None = None) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def _publisher_statements(cat: CatalogueInfo) -> list[str]:
    """The publisher as a foaf:Agent. Only the municipality gets an ADMS type (a local authority): the package
    does not say what kind of organisation another publisher is, so none is invented."""
    statements = ["a foaf:Agent", f"foaf:name {_literal(cat.publisher_name)}"]
    if cat.publisher_is_municipality:
        statements.append("dcterms:type <http://purl.org/adms/publishertype/LocalAuthority>")
    return statements


def _organisation_type(cat: CatalogueInfo) -> str:
    return "GovernmentOrganization" if cat.publisher_is_municipality else "Organization"


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
    lines += _subject(cat.publisher_url, _publisher_statements(cat))
    contact = f"{cat.url.split('#')[0]}#kontakt"
    contact_statements = ["a vcard:Organization", f"vcard:fn {_literal(cat.publisher_name)}"]
    if cat.contact_email:
        contact_statements.append(f"vcard:hasEmail {_iri('mailto:' + cat.contact_email)}")
    lines += _subject(contact, contact_statements)
    for dataset in cat.datasets:
        statements = [
            "a dcat:Dataset",
            f"dcterms:title {_literal(dataset.title_sv, 'sv')}, {_literal(dataset.title_en, 'en')}",
            f"dcterms:description {_literal(dataset.descriptions[0], 'sv')}, {_literal(dataset.descriptions[1], 'en')}",
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


def _organisation(catalogue: CatalogueInfo) -> dict:
    """The publisher as schema.org ``creator`` and ``publisher`` (the package names who publishes it)."""
    return {"@type": _organisation_type(catalogue), "name": catalogue.publisher_name, "url": catalogue.publisher_url}


def _place(catalogue: CatalogueInfo) -> dict:
    return {"@type": "Place", "name": catalogue.area_name or catalogue.publisher_name}


@dataclass(frozen=True)
class PageDataset:
    """A styrmått page's figures as a dataset: its own CSV (and JSON) download."""

    url: str  # the page, absolute; the dataset's ``@id`` is ``<url>#data``
    name: str
    description: str
    keywords: tuple[str, ...]
    start_year: int | None
    end_year: int | None
    distributions: tuple[Distribution, ...]
    modified: date | None = None


def page_dataset_jsonld(dataset: PageDataset, catalogue: CatalogueInfo) -> dict:
    """schema.org ``Dataset`` of one page's figures; same publisher, licence and catalogue as the package's."""
    value = {"@context": "https://schema.org", "@type": "Dataset", "@id": f"{dataset.url}#data"}
    value |= _dataset_body(dataset.name, dataset.description, dataset.url, dataset.keywords, catalogue)
    value["distribution"] = [_download(d) for d in dataset.distributions]
    if dataset.start_year and dataset.end_year:
        value["temporalCoverage"] = f"{dataset.start_year}/{dataset.end_year}"
    if dataset.modified:
        value["dateModified"] = dataset.modified.isoformat()
    return value


def _dataset_body(name: str, description: str, url: str, keywords: Sequence[str], catalogue: CatalogueInfo) -> dict:
    """What every Dataset of the site says: name, description, page, language, licence, who and where."""
    return {
        "name": name,
        "description": description,
        "url": url,
        "inLanguage": "sv",
        "isAccessibleForFree": True,
        "license": catalogue.licence_url,
        "creator": _organisation(catalogue),
        "publisher": _organisation(catalogue),
        "spatialCoverage": _place(catalogue),
        "keywords": list(keywords),
        "includedInDataCatalog": {"@type": "DataCatalog", "name": catalogue.title_sv, "url": catalogue.url},
    }


def _download(d: Distribution) -> dict:
    return {
        "@type": "DataDownload",
        "name": d.title,
        "contentUrl": d.url,
        "encodingFormat": d.media_type,
        "contentSize": f"{d.size} B",
        "sha256": d.checksum,
    }


def page_jsonld(url: str, name: str, description: str, datasets: Sequence[dict]) -> dict:
    """schema.org ``WebPage`` of a goal page: it rests on its styrmått's datasets (``isBasedOn``, by ``@id``)."""
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": name,
        "description": description,
        "inLanguage": "sv",
        "isBasedOn": [{"@type": "Dataset", "@id": d["@id"], "name": d["name"], "url": d["url"]} for d in datasets],
    }


def dataset_jsonld(dataset: DatasetInfo, catalogue: CatalogueInfo) -> dict:
    """schema.org ``Dataset`` for a page's ``<script type="application/ld+json">``."""
    value: dict = {"@context": "https://schema.org", "@type": "Dataset"}
    value |= _dataset_body(dataset.title_sv, dataset.descriptions[0], dataset.landing_page, dataset.keywords, catalogue)
    value["alternateName"] = dataset.title_en
    value["distribution"] = [_download(d) for d in dataset.distributions]
    if dataset.start_year and dataset.end_year:
        value["temporalCoverage"] = f"{dataset.start_year}/{dataset.end_year}"
    if dataset.issued:
        value["datePublished"] = dataset.issued.isoformat()
    if dataset.modified:
        value["dateModified"] = dataset.modified.isoformat()
    if dataset.version:
        value["version"] = dataset.version
    return value
