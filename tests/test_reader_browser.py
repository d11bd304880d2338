"""What a reader on a phone experiences, in real headless Chromium."""

from __future__ import annotations

import pytest
from browser import chromium, served
from sites import REPO, build_demo
from waiting import wait_until

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules/axe-core/axe.min.js"
LANGS = ["en", "uk", "ru", "ar", "fa", "bn", "hi", "be", "fr"]
KINDS = {  # each kind of page, by path in a language
    "home": "/{lang}/",
    "campaign": "/{lang}/travel-safe-stay-safe/",
    "campaign-tcn": "/{lang}/seeking-sanctuary/",
    "directory": "/{lang}/help/",
    "country": "/{lang}/help/pl/",
    "fallback": "/{lang}/live-safe-uk/",  # only en and uk have it
    "404": "/{lang}/404.html",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo site with a neutral exit page served locally (no network here)."""
    output = tmp_path_factory.mktemp("reader") / "output"
    assert build_demo(output, SIGNPOSTER_EXIT_URL="/neutral.html") == 0
    (output / "neutral.html").write_text(
        "<!doctype html><title>Weather</title><h1>Weather</h1>"
    )
    with served(output) as (server, base), chromium() as browser:
        yield base, browser, output, server


def storage_state(page) -> list:
    return page.evaluate("""async () => [localStorage.length, sessionStorage.length,
        (await indexedDB.databases()).length, (await caches.keys()).length,
        (await navigator.serviceWorker.getRegistrations()).length,
        document.cookie]""")


def test_exit_button_blanks_the_page_and_back_does_not_return(site):
    base, browser, *_ = site
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base + "/en/")
    page.goto(base + "/uk/help/pl/")
    server = site[3]
    before = len(server.requests)  # the server is shared with other tests
    # Report, as the page goes, whether it was already blank.
    page.evaluate("""addEventListener('pagehide', () => navigator.sendBeacon('/seen?' +
        document.documentElement.classList.contains('leaving') + '-' +
        getComputedStyle(document.querySelector('main')).display))""")
    page.click("#exit")
    page.wait_for_url(base + "/neutral.html")

    def beacons():
        return [r for r in server.requests[before:] if r[1].startswith("/seen?")]

    # A beacon travels on its own after the page is gone: wait for it to land.
    wait_until(beacons, what="the beacon sent as the page went")
    assert beacons() == [("POST", "/seen?true-none", b"")]
    page.go_back()
    assert page.url == base + "/en/"  # the landing page is gone from the history
    context.close()


def test_shift_three_times_leaves_and_announces_progress(site):
    base, browser, *_ = site
    page = browser.new_page()
    page.goto(base + "/uk/help/pl/")
    page.keyboard.press("Shift")
    status = page.locator("#exit-status")
    assert status.get_attribute("role") == "status"
    assert "Shift" in status.text_content() and status.text_content() == (
        page.locator("#exit").get_attribute("data-shift1")
    )
    assert page.evaluate("document.documentElement.lang") == "uk"
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(base + "/neutral.html")
    page.close()


def test_without_javascript_the_exit_is_a_plain_link(site):
    base, browser, *_ = site
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(base + "/ar/")
    assert page.locator("#exit").get_attribute("href") == "/neutral.html"
    assert page.locator('a.skip[href="#exit"]').count() == 1
    page.click("#exit")
    page.wait_for_url(base + "/neutral.html")


@pytest.mark.parametrize("lang", ["en", "uk", "ar"])
def test_axe_finds_no_violations_on_any_kind_of_page(site, lang):
    base, browser, *_ = site
    page = browser.new_page(viewport={"width": 360, "height": 740})
    paths = ["/", *[p.format(lang=lang) for p in KINDS.values()]]
    if lang == "ar":
        paths.append("/ar/travel-safe-stay-safe/")  # an English fallback in RTL chrome
    for path in paths:
        page.goto(base + path)
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("""async () => (await axe.run(document, {runOnly:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}))
            .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '))""")
        assert found == [], (path, found)
    page.close()


@pytest.mark.parametrize("width", [320, 360])
def test_no_page_scrolls_sideways_in_any_language(site, width):
    base, browser, *_ = site
    page = browser.new_page(viewport={"width": width, "height": 740})
    wide = []
    for lang in LANGS:
        for path in KINDS.values():
            page.goto(base + path.format(lang=lang))
            if page.evaluate("document.documentElement.scrollWidth > innerWidth"):
                wide.append(path.format(lang=lang))
    assert wide == []
    page.close()


def test_rtl_pages_mirror(site):
    base, browser, *_ = site
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(base + "/ar/")
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] + brand["width"] > 330  # the site name starts on the right
    assert page.locator("h1").evaluate("e => getComputedStyle(e).textAlign") in (
        "start",
        "right",
    )
    page.goto(base + "/en/")
    assert page.locator(".brand").bounding_box()["x"] < 30
    page.close()


def test_offline_only_after_the_reader_asks_and_removed_on_request(site):
    base, browser, *_ = site
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/uk/help/pl/")
    assert storage_state(page) == [0, 0, 0, 0, 0, ""]
    box = page.locator(".offline")
    assert box.is_visible()
    page.click(".save-offline")
    page.wait_for_function(
        "document.querySelector('.offline [aria-live]').textContent.length > 0"
    )
    assert page.locator(".offline [aria-live]").text_content() == box.get_attribute(
        "data-saved"
    )
    context.set_offline(True)
    page.reload()
    assert "Польща" in page.locator("h1").text_content()
    page.goto(base + "/uk/help/")  # another saved page of the same language
    assert page.locator(".countries").count() == 1
    context.set_offline(False)
    page.click(".remove-offline")
    page.wait_for_function(
        "document.querySelector('.offline [aria-live]').textContent.startsWith("
        "document.querySelector('.offline').dataset.removed)"
    )
    assert storage_state(page)[3:5] == [0, 0]
    context.close()


def test_controls_are_at_least_44px_tall_and_focus_is_visible(site):
    base, browser, *_ = site
    page = browser.new_page(viewport={"width": 360, "height": 740})
    for path in ("/uk/help/pl/", "/ar/", "/en/seeking-sanctuary/"):
        page.goto(base + path)
        small = page.evaluate("""() => [...document.querySelectorAll(
            'header a, nav a, .contacts a, button, .countries a, summary, .chooser a')]
            .filter(e => e.offsetParent !== null)
            .filter(e => e.getBoundingClientRect().height < 44)
            .map(e => e.outerHTML.slice(0, 80))""")
        assert small == [], (path, small)
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.close()
