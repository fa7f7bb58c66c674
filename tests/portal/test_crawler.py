"""The crawler of the crawl test and ``bench/crawl.py`` catches what it is there to catch."""

from __future__ import annotations

import uuid

from django.urls import reverse

from tests.crawler import crawl, is_download, links_of, normalise, same_site


def test_links_are_read_normalised_and_kept_on_the_site():
    html = (
        '<p><a href="/people/?sex=M&amp;q=binh#top">a</a> <a href="mailto:x@example.org">m</a>'
        '<a href="https://example.org/people/">e</a> <a href="#x">f</a>'
        '<a href="?page=2" download>d</a><a>no href</a></p>'
    )
    links = links_of(html)
    assert [href for href, _ in links] == [
        "/people/?sex=M&q=binh#top",
        "mailto:x@example.org",
        "https://example.org/people/",
        "#x",
        "?page=2",
    ]
    assert links[-1][1] is True  # the download attribute
    targets = [same_site("/people/books/", href) for href, _ in links]
    assert targets == ["/people/?q=binh&sex=M", None, None, None, "/people/books/?page=2"]
    assert normalise("/a/?b=2&a=1&b=2") == "/a/?a=1&b=2"


def test_files_and_synchronous_exports_are_downloads():
    assert is_download("/campaigns/decisions/x/pdf")
    assert is_download("/people/import/template.xlsx")
    assert is_download("/people/books/january/?format=docx")
    assert is_download(f"/reports/exports/{uuid.uuid4()}/download/")
    assert is_download("/people/", has_download_attribute=True)
    assert not is_download("/people/books/january/?page=2")


def test_a_link_that_fails_for_the_user_is_reported_with_its_page(client, personas, units):
    """A commune clerk is sent to a unit outside his area and to a page of the wrong role."""
    client.force_login(personas["commune_clerk"])
    outside = reverse("geo:unit_detail", args=[units["DT"].public_id])
    result = crawl(client, user="p.clerk", start=outside)
    assert [(f.url, f.status, f.referrer) for f in result.failures] == [(outside, 404, "(start)")]
    audit = reverse("audit:event_list")
    result = crawl(client, user="p.clerk", start=audit)
    assert [(f.url, f.status) for f in result.failures] == [(audit, 403)]
    home = crawl(client, user="p.clerk", start="/", max_pages=5)
    assert home.failures == [] and len(home.pages) == 5
    assert home.pages[0].is_html and home.pages[0].queries > 0
