"""One table of cache rules (host_config.CACHE_RULES), and every host serves it.

A published site is served by real nginx and real Apache with the generated
configuration; each kind of file must come back with the Cache-Control the
table gives it, compressed or not, and the leave pages also clear the browser.
"""

from __future__ import annotations

import os
import shutil
import urllib.request

import pytest
from servers import apache, nginx
from test_publish import make_site, publish

from signposter.publishing.deploy import object_headers
from signposter.publishing.host_config import (
    ASSET_CACHE,
    CACHE_RULES,
    HTML_CACHE,
    NO_CACHE,
    cache_control,
)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cache")
    result = publish(make_site(tmp / "src"), "--keep", str(tmp / "work"))
    assert result.returncode == 0, result.stderr
    return tmp / "work"


def sample_paths(site) -> dict[str, str]:
    """A URL path for each kind of file the site has, and the file it serves."""
    css = next((site / "theme/css").glob("site.*.css")).relative_to(site).as_posix()
    js = next((site / "theme/js").glob("safety.*.js")).relative_to(site).as_posix()
    return {
        "/en/about/": "en/about/index.html",
        "/en/help/": "en/help/index.html",
        "/leave/": "leave/index.html",
        "/en/sw.js": "en/sw.js",
        f"/{css}": css,
        f"/{js}": js,
        "/sitemap.xml": "sitemap.xml",
        "/robots.txt": "robots.txt",
    }


def test_the_table_gives_each_kind_of_file_its_cache(published):
    site = published / "site"
    expected = {
        "en/about/index.html": HTML_CACHE,
        "en/help/index.html": HTML_CACHE,
        "leave/index.html": NO_CACHE,
        "en/sw.js": NO_CACHE,
        "sitemap.xml": HTML_CACHE,
        "robots.txt": HTML_CACHE,
    }
    for file in sample_paths(site).values():
        if file.startswith("theme/"):
            expected[file] = ASSET_CACHE
    assert {file: cache_control(file) for file in expected} == expected
    # The S3 upload sets the same on every object, compressed copies included.
    for path in site.rglob("*"):
        if path.is_file():
            key = path.relative_to(site).as_posix()
            assert object_headers(key)["CacheControl"] == cache_control(key), key


def test_netlify_headers_follow_the_table(published):
    headers = (published / "site/_headers").read_text()
    for rule in CACHE_RULES:
        assert f"{rule.glob}\n  Cache-Control: {rule.cache}\n" in headers
    # Netlify and Cloudflare merge every matching rule: "/*" sets no cache.
    first_block = headers.split("\n/", 2)[1]
    assert "Cache-Control" not in first_block


def _served(base: str, path: str, encoding: str | None):
    request = urllib.request.Request(
        base + path, headers={"Accept-Encoding": encoding} if encoding else {}
    )
    with urllib.request.urlopen(request) as response:
        return response.headers


def _assert_served_as_the_table_says(base: str, site) -> None:
    for path, file in sample_paths(site).items():
        for encoding in (None, "gzip", "br"):
            headers = _served(base, path, encoding)
            assert headers["Cache-Control"] == cache_control(file), (path, encoding)
            if file.startswith("leave/"):
                assert headers["Clear-Site-Data"] == '"cache", "storage"', encoding


def test_nginx_serves_the_table(published, tmp_path):
    snippet = (published / "host/nginx-site.conf").read_text()
    maps = (published / "host/nginx-maps.conf").read_text()
    site = published / "site"
    with nginx(tmp_path / "nginx", snippet, maps, site) as base:
        _assert_served_as_the_table_says(base, site)


@pytest.mark.skipif(
    not os.path.exists("/usr/sbin/apache2") or not shutil.which("apache2ctl"),
    reason="needs Debian's apache2",
)
def test_apache_serves_the_table(published, tmp_path):
    site = published / "site"
    with apache(tmp_path / "apache", site) as base:
        _assert_served_as_the_table_says(base, site)
