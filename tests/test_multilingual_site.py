"""The demo site, built for real, read as HTML."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sites import Page, html_pages

LANGS = ["en", "uk", "ru", "ar", "fa", "bn", "hi", "be", "fr"]
RTL = {"ar", "fa"}
KEYS = [
    "index",
    "about",
    "privacy",
    "travel-safe-stay-safe",
    "travel-safe-work-safe",
    "work-safe-southern-europe",
    "seeking-sanctuary",
    "live-safe-uk",
]


def page_path(output: Path, lang: str, key: str) -> Path:
    return output / lang / ("index.html" if key == "index" else f"{key}/index.html")


def test_every_page_has_lang_and_dir_of_its_folder(demo):
    pages = html_pages(demo)
    assert len(pages) >= len(LANGS) * len(KEYS)
    for path in pages:
        html = Page(path).first("html")
        folder = path.relative_to(demo).parts[0]
        if folder in LANGS:
            assert html["lang"] == folder, path
            assert html["dir"] == ("rtl" if folder in RTL else "ltr"), path


@pytest.mark.parametrize("key", KEYS)
def test_every_page_exists_in_every_language(demo, key):
    for lang in LANGS:
        assert page_path(demo, lang, key).exists(), (lang, key)


def test_language_chooser_lists_nine_languages_in_their_own_names(demo):
    page = Page(demo / "index.html")
    # the language links (the footer's emergency number carries data-lang too)
    links = [
        a
        for a in page.find_all("a")
        if "data-lang" in a and not a["href"].startswith("tel:")
    ]
    assert [a["data-lang"] for a in links] == LANGS
    for a in links:
        assert a["lang"] == a["hreflang"] == a["data-lang"]
        assert a["href"] == f"/{a['data-lang']}/"
    for name in [
        "English",
        "Українська",
        "Русский",
        "العربية",
        "فارسی",
        "বাংলা",
        "हिन्दी",
        "Беларуская",
        "Français",
    ]:
        assert name in page.text
    # Never an automatic redirect: no refresh, and the script only highlights.
    assert not page.find_all("meta", **{"http-equiv": "refresh"})
    script = (demo / "theme/js/chooser.js").read_text()
    assert "location" not in script


def _alternates(page: Page) -> dict[str, str]:
    """hreflang -> path; the links themselves are absolute, as search engines need."""
    links = page.find_all("link", rel="alternate")
    assert all(a["href"].startswith("https://example.org/") for a in links)
    return {a["hreflang"]: urlsplit(a["href"]).path for a in links}


def test_alternates_are_reciprocal_and_exclude_fallbacks(demo):
    for path in html_pages(demo):
        page = Page(path)
        canonical = page.find_all("link", rel="canonical")
        if path.name != "index.html" or path.parent == demo:
            continue
        if path.relative_to(demo).parts[0] == "leave":
            continue  # the quick exit's redirect pages, not content
        assert canonical, path
        alternates = _alternates(page)
        for code, href in alternates.items():
            if code == "x-default":
                assert href == "/"  # the language chooser
                continue
            other = Page(demo / href.strip("/") / "index.html")
            assert _alternates(other) == alternates, (path, href)
            assert not other.find_all("meta", name="robots")


def test_campaign_alternates_are_its_real_languages(demo):
    page = Page(page_path(demo, "en", "seeking-sanctuary"))
    assert set(_alternates(page)) == {
        "en",
        "ar",
        "fa",
        "bn",
        "hi",
        "be",
        "fr",
        "x-default",
    }


def test_fallback_page_is_english_text_in_farsi_chrome(demo):
    page = Page(page_path(demo, "fa", "travel-safe-stay-safe"))
    assert page.first("html")["dir"] == "rtl"
    # A duplicate of the English page: its canonical is that page, not noindex.
    assert not page.find_all("meta", name="robots")
    canonical = page.first("link", rel="canonical")["href"]
    assert canonical.endswith("/en/travel-safe-stay-safe/")
    assert not _alternates(page)
    article = page.first("article")
    assert article["lang"] == "en" and article["dir"] == "ltr"
    notice = Path(page.path).read_text()
    assert 'class="notice"' in notice
    # The switcher still offers the real translations.
    hrefs = {a["hreflang"]: a["href"] for a in page.find_all("a") if "hreflang" in a}
    assert hrefs["uk"] == "/uk/travel-safe-stay-safe/"


def test_sitemap_lists_real_pages_with_alternates_and_no_fallbacks(demo):
    sitemap = (demo / "sitemap.xml").read_text()
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert any(loc.endswith("/uk/travel-safe-stay-safe/") for loc in locs)
    assert not any(loc.endswith("/fa/travel-safe-stay-safe/") for loc in locs)
    assert 'hreflang="x-default"' in sitemap
    assert "Sitemap:" in (demo / "robots.txt").read_text()


def test_404_page_in_each_language(demo):
    for lang in LANGS:
        page = Page(demo / lang / "404.html")
        assert page.first("html")["lang"] == lang
    assert (demo / "404.html").exists()


def test_no_broken_internal_links(demo):
    broken = []
    for path in html_pages(demo):
        page = Page(path)
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src")):
            for element in page.find_all(tag):
                url = element.get(attr)
                if not url or urlsplit(url).scheme or url.startswith("#"):
                    continue
                target = demo / urlsplit(url).path.lstrip("/")
                if url.endswith("/"):
                    target = target / "index.html"
                if not target.exists():
                    broken.append(f"{path.relative_to(demo)} -> {url}")
    assert not broken, "\n".join(broken)


def test_phone_numbers_and_emails_stay_left_to_right_in_rtl_pages(demo):
    for path in [
        page_path(demo, "ar", "index"),
        demo / "fa/help/pl/index.html",
        page_path(demo, "ar", "seeking-sanctuary"),
    ]:
        links = re.findall(
            r'<a href="(?:tel|mailto):[^"]*"([^>]*)>(.*?)</a>', path.read_text(), re.S
        )
        assert links, path
        for attrs, inner in links:
            assert 'dir="ltr"' in attrs or '<bdi dir="ltr">' in inner, (path, inner)


def test_sitemap_lists_directory_pages_in_every_language(demo):
    sitemap = (demo / "sitemap.xml").read_text()
    for lang in LANGS:
        assert f"/{lang}/help/pl/</loc>" in sitemap
