"""A small HTTP client for the Kolada API v3 (standard library only).

What it relies on (sources in docs/kolada.md): data lives under
``{base}/data/kpi/{kpis}/municipality/{ids}[/year/{years}]``, where each part may be a comma-separated
list and a municipality id may be a Kolada group; every answer is an envelope
``{"count", "values", "next_url", "previous_url"}`` (API v2 called the link ``next_page``) and holds at most
5 000 items, so the client follows the link until there is none; a relative link is read against the base
URL, and a link to another server is refused. Lists are sent in batches of :data:`BATCH` ids; leaving out
the municipality (:meth:`KoladaClient.national`) asks for every municipality at once. A 5xx answer, a 429
(too many requests) or a time-out is retried a bounded number of times with a growing pause, or after as
long as the server's ``Retry-After`` says (at most :data:`MAX_WAIT` seconds); any other 4xx answer, a
broken envelope or malformed JSON is an error at once.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from .api import DEFAULT_BASE_URL

#: Ids per list in one request: public clients send 20–25; fewer keeps the URL short.
BATCH = 20
#: The most items Kolada returns in one page.
PER_PAGE = 5000
#: A guard against a server whose next_url never ends.
MAX_PAGES = 1000
RIKET = "0000"
#: The longest pause a ``Retry-After`` may ask for, in seconds: a longer one is cut to this.
MAX_WAIT = 120.0
#: Answers that mean "try again later": too many requests, and service unavailable.
BUSY = (429, 503)


class KoladaError(Exception):
    """A fetch that failed, with a Swedish message that says why and what to do."""


@dataclass(frozen=True)
class Value:
    """One total (gender T) value; ``value`` is None when Kolada gives a status (bortfall, sekretess …)."""

    kpi: str
    municipality: str
    year: int
    value: float | None
    status: str = ""


def batches(ids: Iterable[str], size: int = BATCH) -> list[list[str]]:
    ids = list(dict.fromkeys(ids))
    return [ids[i : i + size] for i in range(0, len(ids), size)]


class KoladaClient:
    """Fetches Kolada's JSON; ``timeout``, ``retries`` and ``backoff`` (seconds, doubled per try) are settable."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 2.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], datetime] = lambda: datetime.now(tz=UTC),
        max_wait: float = MAX_WAIT,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.clock = clock  # only to read a Retry-After given as a date
        self.max_wait = max_wait
        self.requests = 0

    # One request -------------------------------------------------------------------------------

    def get_json(self, url: str) -> dict:
        """One GET with retries on 5xx, 429 and time-outs; the parsed envelope, or :class:`KoladaError`."""
        last, wait = "", None
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(wait if wait is not None else self.backoff * 2 ** (attempt - 1))
            wait = None
            self.requests += 1
            request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 - http(s) only, checked in _check_url
            try:
                with self._opener().open(request, timeout=self.timeout) as response:
                    body = response.read()
            except urllib.error.HTTPError as error:
                if error.code < 500 and error.code not in BUSY:
                    raise KoladaError(
                        f"Kolada svarade {error.code} på {url}. Frågan är felaktig (till exempel ett nyckeltal som "
                        "inte finns), så den görs inte om. Så rättar du: kontrollera kolada_kpi i indicators.csv och "
                        "kommunkoden i municipality.csv"
                    ) from None
                last = f"Kolada svarade {error.code}"
                if error.code in BUSY:
                    wait = self.retry_after(error.headers.get("Retry-After") if error.headers else None)
                continue
            except TimeoutError:
                last = f"inget svar inom {self.timeout:g} sekunder"
                continue
            except urllib.error.URLError as error:
                if isinstance(error.reason, KoladaError):
                    raise error.reason from None
                if isinstance(error.reason, TimeoutError):
                    last = f"inget svar inom {self.timeout:g} sekunder"
                else:
                    last = f"servern gick inte att nå ({error.reason})"
                continue
            except (http.client.HTTPException, OSError) as error:  # the connection broke off mid-answer
                last = f"svaret avbröts ({type(error).__name__})"
                continue
            return _envelope(body, url)
        raise KoladaError(
            f"Hämtningen från {url} misslyckades {self.retries + 1} gånger: {last}. "
            "Så rättar du: försök igen senare, eller ange en annan adress med --base-url"
        )

    def retry_after(self, header: str | None) -> float | None:
        """The pause a ``Retry-After`` header asks for (seconds or an HTTP date), at most ``max_wait``.

        None when there is no usable header: then the client's own growing pause applies.
        """
        text = (header or "").strip()
        if not text:
            return None
        if text.isdigit():
            seconds = float(text)
        else:
            try:
                when = email.utils.parsedate_to_datetime(text)
            except (TypeError, ValueError):
                return None
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            seconds = (when - self.clock()).total_seconds()
        return min(max(seconds, 0.0), self.max_wait)

    def pages(self, url: str) -> Iterator[dict]:
        """Every page of a query, following ``next_url`` (or v2's ``next_page``) on the same server.

        A relative link (``/v3/data/…?page=2`` or ``data/…?page=2``) is read against the base URL.
        """
        seen: set[str] = set()
        current: str | None = url
        while current:
            if current in seen or len(seen) >= MAX_PAGES:
                raise KoladaError(f"Kolada skickar tillbaka samma sida igen ({current}); hämtningen avbröts")
            seen.add(current)
            self._check_url(current)
            page = self.get_json(current)
            yield page
            link = page.get("next_url") or page.get("next_page") or None
            current = urllib.parse.urljoin(self.base_url + "/", link) if isinstance(link, str) and link else None

    def _opener(self) -> urllib.request.OpenerDirector:
        """An opener that follows a redirect only to the same server, as ``pages`` does with ``next_url``."""
        client = self

        class SameServer(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: PLR0917 - urllib's signature
                client._check_url(newurl)
                return super().redirect_request(req, fp, code, msg, headers, newurl)

        return urllib.request.build_opener(SameServer)

    def _check_url(self, url: str) -> None:
        base, target = urllib.parse.urlsplit(self.base_url), urllib.parse.urlsplit(url)
        if (target.scheme, target.netloc) != (base.scheme, base.netloc):
            raise KoladaError(f"Kolada pekar på en annan server ({url}); hämtningen avbröts")

    def values(self, path: str) -> list[dict]:
        """Every item of every page of ``{base}/{path}``."""
        separator = "&" if "?" in path else "?"
        url = f"{self.base_url}/{path}{separator}per_page={PER_PAGE}"
        return [item for page in self.pages(url) for item in page["values"]]

    # Kolada's resources ------------------------------------------------------------------------

    def data(
        self, kpis: Iterable[str], municipalities: Iterable[str], years: Iterable[int] | None = None
    ) -> list[Value]:
        """The total (gender T) values, in batches; deleted values are left out, statuses kept as no value."""
        year_batches = batches([str(y) for y in years]) if years is not None else [[]]
        found: dict[tuple[str, str, int], Value] = {}
        for kpi_batch in batches(kpis):
            for municipality_batch in batches(municipalities):
                for year_batch in year_batches:
                    path = f"data/kpi/{','.join(kpi_batch)}/municipality/{','.join(municipality_batch)}"
                    if year_batch:
                        path += f"/year/{','.join(year_batch)}"
                    for item in self.values(path):
                        value = _total(item, path)
                        if value is not None:
                            found[(value.kpi, value.municipality, value.year)] = value
        return [found[key] for key in sorted(found)]

    def national(self, kpi: str, years: Iterable[int]) -> list[Value]:
        """One KPI's total values for every municipality, region and Riket in ``years``: one paged query.

        Kolada answers ``data/kpi/{kpi}/year/{years}`` with every municipality when the municipality is
        left out (at least two of KPI, municipality and year must be given, so the years are). All the years
        go in one query (Kolada has kept figures since 1994, so the list stays short); the pages carry the rest.
        """
        found: dict[tuple[str, str, int], Value] = {}
        path = f"data/kpi/{kpi}/year/{','.join(str(y) for y in sorted(set(years)))}"
        for item in self.values(path):
            value = _total(item, path)
            if value is not None and value.kpi == kpi:
                found[(value.kpi, value.municipality, value.year)] = value
        return [found[key] for key in sorted(found)]

    def groups(self) -> list[dict]:
        """Kolada's municipality groups: ``{id, title, members: [{member_id, member_title}]}``."""
        return self.values("municipality_groups")

    def municipalities(self) -> list[dict]:
        """Kolada's list of municipalities and regions: ``{id, title, type}``."""
        return self.values("municipality")

    def kpis(self, ids: Iterable[str]) -> list[dict]:
        """Kolada's metadata for the KPIs: ``{id, title, description, …}``."""
        return [item for batch in batches(ids) for item in self.values(f"kpi/{','.join(batch)}")]


def _envelope(body: bytes, url: str) -> dict:
    try:
        page = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise KoladaError(
            f"Svaret från {url} är inte giltig JSON ({error}). Så rättar du: försök igen senare; "
            "kvarstår felet har Koladas API ändrats"
        ) from None
    if not isinstance(page, dict) or not isinstance(page.get("values"), list):
        raise KoladaError(f"Svaret från {url} saknar listan values. Så rättar du: kontrollera --base-url")
    return page


def _total(item: object, path: str) -> Value | None:
    """The gender-T value of one data item, None when it has none (or it is deleted)."""
    try:
        kpi, municipality, year = str(item["kpi"]), str(item["municipality"]), int(item["period"])
        entries = item["values"]
    except (TypeError, KeyError, ValueError):
        raise KoladaError(f"Ett värde i svaret på {path} saknar kpi, municipality, period eller values") from None
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or entry.get("gender") != "T":
            continue
        if entry.get("isdeleted") or entry.get("is_deleted"):
            return None
        status, raw = str(entry.get("status") or "").strip(), entry.get("value")
        if status or raw is None:
            return Value(kpi, municipality, year, None, status or "inget värde")
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise KoladaError(f"Värdet för {kpi} {municipality} {year} i svaret på {path} är inget tal: {raw!r}")
        return Value(kpi, municipality, year, float(raw))
    return None
