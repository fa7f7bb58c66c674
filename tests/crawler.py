"""A breadth-first crawl of the site as one logged-in user, shared by the crawl test
(``tests/portal/test_crawl.py``, on a small demo) and the bench (``bench/crawl.py``, on the full
demo).

From the home page it follows every same-site ``<a href>`` the user is shown, with GET only, and
records for each page its status, content type, time and number of queries. A link the user is
shown must open for that user: a 5xx, an exception, any 4xx (404 out of scope, 403 wrong role,
405 a POST-only view behind a plain link) or a redirect to the login page is a failure, reported
with the page that showed the link.

What it does not follow: other sites, ``mailto:`` and the like, the logout (a POST form anyway),
static files, and, unless asked, downloads (PDF, Excel, Word, JSON, evidence files, finished
exports). With ``downloads=True`` it opens one download per URL pattern and query shape and
checks only its status; the synchronous ``?format=`` exports of the books and health forms are
never opened, as their access is that of the HTML page of the same view and their speed is
measured by ``bench/registry_books.py``.

Not every link is opened: the crawl keeps at most ``samples`` links per (pattern of the page that
shows the link, pattern of the link, names of its query parameters), so a list of 500 people
costs a few person pages, not 500, while every kind of link from every kind of page is tried.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, reverse

from muster.accounts.models import User

#: Suffixes (of the path) of the files the site serves.
DOWNLOAD_SUFFIXES = (".pdf", "/pdf", ".xlsx", ".docx", ".json", ".csv", ".zip")
#: URL names of views that send a stored file.
DOWNLOAD_VIEWS = frozenset(
    {
        "directives:evidence_download",
        "people:evidence_download",
        "people:import_errors",
        "people:import_export",
        "people:import_template",
        "reports:export_download",
    }
)
#: How many redirects one link may take.
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Page:
    """One request of the crawl."""

    url: str
    referrer: str
    status: int
    content_type: str
    seconds: float
    queries: int
    error: str = ""
    #: CPU time of this process (the view, the templates and SQLite) for the request.
    cpu: float = 0.0

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")


@dataclass(frozen=True)
class Failure:
    user: str
    referrer: str
    url: str
    status: int | str

    def __str__(self) -> str:
        return f"{self.user}: {self.url} -> {self.status} (linked from {self.referrer})"


@dataclass
class Crawl:
    """What one user's crawl saw."""

    user: str
    pages: list[Page] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    #: Links found but not opened, because their sample was full or they were downloads.
    skipped: int = 0

    @property
    def html(self) -> list[Page]:
        return [p for p in self.pages if p.is_html and p.status == 200]

    def slowest(self, n: int = 10) -> list[Page]:
        return sorted(self.html, key=lambda p: p.seconds, reverse=True)[:n]

    def most_queries(self, n: int = 10) -> list[Page]:
        return sorted(self.html, key=lambda p: p.queries, reverse=True)[:n]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, bool]] = []  # (href, has the download attribute)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "a":
            return
        values = dict(attrs)
        href = values.get("href")
        if href:
            self.links.append((href.strip(), "download" in values))


def links_of(html: str) -> list[tuple[str, bool]]:
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.links


def normalise(url: str) -> str:
    """The path and the sorted query, without the fragment or the host."""
    parts = urlsplit(url)
    query = sorted(set(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path + (f"?{urlencode(query)}" if query else "")


def route_of(url: str) -> str:
    """The URL pattern's name (``people:person_detail``), or the path when nothing matches."""
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return match.view_name


def shape_of(url: str) -> tuple[str, ...]:
    return tuple(sorted({name for name, _ in parse_qsl(urlsplit(url).query, True)}))


def is_download(url: str, has_download_attribute: bool = False) -> bool:
    path = urlsplit(url).path
    return (
        has_download_attribute
        or path.endswith(DOWNLOAD_SUFFIXES)
        or "format" in shape_of(url)
        or route_of(url) in DOWNLOAD_VIEWS
    )


def same_site(base: str, href: str) -> str | None:
    """The normalised same-site URL an ``href`` on ``base`` points to, or None."""
    if href.startswith("#"):
        return None
    absolute = urljoin(f"http://testserver{base}", href)
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    return normalise(absolute)


def _skip_paths() -> tuple[str, ...]:
    return (reverse("accounts:logout"), settings.STATIC_URL, settings.MEDIA_URL)


def crawl(
    client: Client,
    *,
    user: str,
    start: str = "/",
    samples: int = 3,
    max_pages: int = 400,
    downloads: bool = False,
) -> Crawl:
    """Crawl the site from ``start`` with ``client`` (already logged in as ``user``)."""
    login_path = reverse("accounts:login")
    skip_paths = _skip_paths()
    result = Crawl(user=user)
    seen: set[str] = {normalise(start)}
    taken: dict[tuple[str, str, tuple[str, ...]], int] = {}
    download_shapes: set[tuple[str, tuple[str, ...]]] = set()
    queue: deque[tuple[str, str]] = deque([(normalise(start), "")])

    def fail(referrer: str, url: str, status: int | str) -> None:
        result.failures.append(Failure(user, referrer or "(start)", url, status))

    while queue and len(result.pages) < max_pages:
        url, referrer = queue.popleft()
        page, location, body = _open(client, url, referrer)
        hops = 0
        while location is not None and hops < MAX_REDIRECTS:
            result.pages.append(page)
            if urlsplit(location).path == login_path:
                fail(referrer, url, f"{page.status} to the login page")
                break
            hops += 1
            page, location, body = _open(client, location, referrer)
        else:
            result.pages.append(page)
            if location is not None:
                fail(referrer, url, f"more than {MAX_REDIRECTS} redirects")
                continue
        if page.error:
            fail(referrer, page.url, page.error)
            continue
        if page.status >= 400:
            fail(referrer, page.url, page.status)
            continue
        if not page.is_html or page.status != 200:
            continue
        for target, has_download in _links_on(page.url, body, skip_paths):
            # Each link is weighed once, where it is first found (breadth first: on the
            # shallowest page that shows it).
            if target in seen:
                continue
            seen.add(target)
            if is_download(target, has_download):
                key = (route_of(target), shape_of(target))
                if not downloads or "format" in key[1] or key in download_shapes:
                    result.skipped += 1
                    continue
                download_shapes.add(key)
            else:
                sample = (route_of(page.url), route_of(target), shape_of(target))
                if taken.get(sample, 0) >= samples:
                    result.skipped += 1
                    continue
                taken[sample] = taken.get(sample, 0) + 1
            queue.append((target, page.url))
    return result


def _links_on(base: str, body: str, skip_paths: tuple[str, ...]) -> list[tuple[str, bool]]:
    """The same-site links of a page to follow, normalised, in the order of the page."""
    found = []
    for href, has_download in links_of(body):
        target = same_site(base, href)
        if target is not None and not target.startswith(skip_paths):
            found.append((target, has_download))
    return found


def _open(client: Client, url: str, referrer: str) -> tuple[Page, str | None, str]:
    """GET ``url``: the page, where it redirects to (normalised, same site) and its HTML."""
    body = ""
    connection.queries_log.clear()  # a full log (9,000 queries under DEBUG) would count 0
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            content_type = response.get("Content-Type", "")
            if getattr(response, "streaming", False):
                for _chunk in response.streaming_content:
                    pass
            elif content_type.startswith("text/html") and response.status_code == 200:
                body = response.content.decode(response.charset or "utf-8")
    except Exception as error:  # a page that raises is a finding, not the crawl's end
        seconds = time.perf_counter() - started
        page = Page(url, referrer, 500, "", seconds, 0, f"{type(error).__name__}: {error}")
        return page, None, ""
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    page = Page(url, referrer, response.status_code, content_type, seconds, len(queries), cpu=cpu)
    location = None
    if response.status_code in (301, 302, 303, 307, 308):
        location = same_site(url, response["Location"])
    return page, location, body


def run_as(
    user: User,
    *,
    samples: int = 3,
    max_pages: int = 400,
    downloads: bool = False,
    language: str | None = None,
) -> Crawl:
    """Log a fresh test client in as ``user`` and crawl from the home page, in ``language``
    (the language switch's cookie) or the default, Vietnamese."""
    client = Client()
    client.force_login(user)
    if language is not None:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return crawl(
        client, user=user.username, samples=samples, max_pages=max_pages, downloads=downloads
    )
