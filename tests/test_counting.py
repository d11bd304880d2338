"""Counted contact links, in real headless Chromium against a local endpoint."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import pytest
from browser import chromium, served
from sites import REPO, build_fixture, write_site
from waiting import wait_until

pytestmark = pytest.mark.browser

ORG = """
id: counted-org
example: true
name: Example Counted Helpline
description: {en: A helpline.}
email: counted@example.org
phones: [{number: "+48 22 000 00 04"}]
languages: [uk, pl]
countries: [PL]
topics: [hotline]
last_verified: "2026-11-01"
"""
LANDING = (
    "/uk/help/pl/?utm_source=fb&utm_medium=ad&utm_campaign=p4-pl&utm_content=a1&keep=1"
)
UTM = {
    "utm_source": "fb",
    "utm_medium": "ad",
    "utm_campaign": "p4-pl",
    "utm_content": "a1",
}


def build_with(tmp_path, monkeypatch, analytics):
    monkeypatch.chdir(tmp_path)
    write_site(
        tmp_path,
        {
            "content/pages/en/index.md": "Title: Home\n\nHello.\n",
            "content/organisations/counted-org.yaml": ORG,
            "content/countries.yaml": 'PL:\n  emergency: ["112"]\n',
        },
    )
    assert (
        build_fixture(
            tmp_path,
            languages=["en", "uk"],
            SIGNPOSTER_TRANSLATIONS_DIR=str(REPO / "translations"),
            SIGNPOSTER_ANALYTICS=analytics,
        )
        == 0
    )
    return tmp_path / "output"


def counted(server):
    """(path, fields) of every request the counting script made."""
    events = []
    for _method, path, body in server.requests:
        parts = urlsplit(path)
        if parts.path.startswith("/t/"):
            events.append((parts.path, dict(parse_qsl(parts.query))))
        elif parts.path == "/api/event":
            events.append((parts.path, json.loads(body)))
    return events


def click(page, selector):
    page.locator(selector).first.dispatch_event("click")


def wait_counted(server, count: int, what: str) -> list:
    """The counted events once ``count`` of them reached the server."""
    wait_until(lambda: len(counted(server)) >= count, what=what)
    return counted(server)


def requests_made(page) -> list[str]:
    """Every URL the page asks for from now on, as the browser reports it."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def all_requests_reported(page) -> None:
    """Return once the browser reported every request the page made so far.

    The browser reports requests in the order the page makes them; a marker
    fetched now, and answered, comes after any count the page sent before.
    That proves "nothing was sent" without waiting for an arbitrary time.
    """
    page.evaluate("fetch('/robots.txt?marker').then(r => r.status)")


@pytest.fixture
def self_site(tmp_path, monkeypatch):
    return build_with(tmp_path, monkeypatch, {"provider": "self"})


def test_clicks_reach_the_endpoint_with_exactly_the_fields(self_site):
    with served(self_site) as (server, base), chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        made = requests_made(page)
        page.goto(base + LANDING)
        wait_counted(server, 1, "the page view")
        assert page.url == base + "/uk/help/pl/?keep=1"  # utm_* gone from the address
        # One click at a time: two requests in flight may land in either order.
        click(page, 'a[href="tel:+48220000004"]')
        wait_counted(server, 2, "the phone click")
        click(page, 'a[href="mailto:counted@example.org"]')
        wait_counted(server, 3, "the email click")
        view, phone, email = counted(server)
        # The browser reports the counts it sends (what the tests of silence rely on).
        all_requests_reported(page)
        assert sum("/t/" in url for url in made) == 3
        common = {"lang": "uk", "country": "PL", "path": "/uk/help/pl/", **UTM}
        assert view == ("/t/view/page", {"event": "view", **common})
        assert phone == (
            "/t/phone/counted-org",
            {"event": "click", "org": "counted-org", "channel": "phone", **common},
        )
        assert email == (
            "/t/email/counted-org",
            {"event": "click", "org": "counted-org", "channel": "email", **common},
        )
        # The counted paths are real files on the host.
        assert (self_site / "t/phone/counted-org").is_file()
        assert context.cookies() == []
        storage = page.evaluate("""async () => [localStorage.length,
            sessionStorage.length, (await indexedDB.databases()).length,
            (await caches.keys()).length,
            (await navigator.serviceWorker.getRegistrations()).length]""")
        assert storage == [0, 0, 0, 0, 0]


@pytest.mark.parametrize("signal", ["globalPrivacyControl", "doNotTrack"])
def test_nothing_is_sent_under_gpc_or_dnt(self_site, signal):
    value = "true" if signal == "globalPrivacyControl" else '"1"'
    with served(self_site) as (server, base), chromium() as browser:
        context = browser.new_context()
        context.add_init_script(
            f"Object.defineProperty(Navigator.prototype, {signal!r}, "
            f"{{get: () => {value}}})"
        )
        page = context.new_page()
        made = requests_made(page)
        page.goto(base + LANDING)
        click(page, 'a[href="tel:+48220000004"]')
        all_requests_reported(page)
        assert made[-1].endswith("/robots.txt?marker")  # the browser saw it all
        assert [url for url in made if "/t/" in url] == []
        assert counted(server) == []
        assert "utm_" not in page.url  # the campaign code still leaves the history


def test_without_javascript_links_work_and_nothing_is_counted(self_site):
    with served(self_site) as (server, base), chromium() as browser:
        page = browser.new_context(java_script_enabled=False).new_page()
        made = requests_made(page)
        page.goto(base + LANDING)
        link = page.locator('a[data-channel="phone"][data-org="counted-org"]')
        assert link.get_attribute("href") == "tel:+48220000004"
        assert page.locator('a[data-channel="email"]').get_attribute("href") == (
            "mailto:counted@example.org"
        )
        # Without scripts, the page asks for nothing after it has loaded.
        assert [url for url in made if "/t/" in url] == []
        assert counted(server) == []


def test_plausible_events_carry_the_fields_as_props(tmp_path, monkeypatch):
    site = build_with(
        tmp_path,
        monkeypatch,
        {"provider": "plausible", "endpoint": "/api/event", "site": "example.org"},
    )
    with served(site) as (server, base), chromium() as browser:
        page = browser.new_page()
        page.goto(base + LANDING)
        wait_counted(server, 1, "the page view")
        click(page, 'a[href="tel:+48220000004"]')
        (_, view), (_, phone) = wait_counted(server, 2, "the phone click")
        assert view["name"] == "pageview" and view["domain"] == "example.org"
        assert phone == {
            "name": "Contact",
            "domain": "example.org",
            "url": base
            + "/uk/help/pl/?"
            + "&".join(f"{k}={v}" for k, v in UTM.items()),
            "props": {
                "event": "click",
                "org": "counted-org",
                "channel": "phone",
                "lang": "uk",
                "country": "PL",
                "path": "/uk/help/pl/",
                **UTM,
            },
        }


def test_script_is_small_and_deferred(self_site):
    script = (self_site / "theme/js/count.js").read_bytes()
    assert len(script) <= 1536
    html = (self_site / "uk/help/pl/index.html").read_text()
    assert '<script src="/theme/js/count.js" defer data-provider="self"' in html


def test_no_script_without_a_provider(tmp_path, monkeypatch):
    site = build_with(tmp_path, monkeypatch, {"provider": "none"})
    assert "count.js" not in (site / "uk/help/pl/index.html").read_text()
    assert not (site / "t").exists()
