"""Every demo user crawls the demo: every link shown to a user opens for that user.

The demo is loaded once for the module (at a small scale) inside a transaction rolled back at
the end; each user's crawl runs in its own savepoint. The crawl (``tests/crawler.py``) starts at
the home page and follows every same-site ``<a href>`` with GET, a few samples of each kind of
link from each kind of page, and opens one download of each kind. It fails on a 5xx or a page
that raises, on a link shown to the user that answers 4xx to that user (404 out of scope, 403
wrong role), on a redirect to the login page, and on an HTML page that runs more than
``MAX_QUERIES`` queries (the cheap, untimed proxy of its speed; the 1 s limit on the full demo is
measured by ``bench/crawl.py``).
"""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from muster.accounts.models import Role, User
from muster.demo.accounts import DEMO_ACCOUNTS
from tests.crawler import run_as

SCALE = 0.05
#: Queries one HTML page may run, whatever it shows.
MAX_QUERIES = 60
#: Links tried per (referring pattern, linked pattern, query shape).
SAMPLES = 3
#: Pages per user; the crawl ends well before (about 100 to 150 pages a user, up to about 450
#: for the administrator, who sees every module's pages in every commune).
MAX_PAGES = 800


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", scale=SCALE, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("username", [account.username for account in DEMO_ACCOUNTS])
def test_every_link_shown_to_a_demo_user_opens_for_that_user(demo, db, username):
    _crawl_and_check(username)


def test_the_english_interface_opens_every_page_the_administrator_sees(demo, db):
    """The second language renders the same pages (the administrator is shown every kind)."""
    admin = next(a.username for a in DEMO_ACCOUNTS if a.role == Role.SYSTEM_ADMIN)
    client = Client()
    client.force_login(User.objects.get(username=admin))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<html lang="en"' in client.get("/").content.decode()
    _crawl_and_check(admin, language="en")


def _crawl_and_check(username: str, language: str | None = None) -> None:
    result = run_as(
        User.objects.get(username=username),
        samples=SAMPLES,
        max_pages=MAX_PAGES,
        downloads=True,
        language=language,
    )
    assert len(result.html) >= 20, "the crawl found the site's pages"
    assert len(result.pages) < MAX_PAGES, "the crawl ended by itself"
    heavy = [p for p in result.most_queries() if p.queries > MAX_QUERIES]
    problems = [str(f) for f in result.failures] + [
        f"{username}: {p.url} runs {p.queries} queries (linked from {p.referrer})" for p in heavy
    ]
    assert not problems, "\n".join(problems)
