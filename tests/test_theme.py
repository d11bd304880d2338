"""The theme's promises to a reader on a slow phone, checked on the built demo site."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sites import REPO, html_pages

FIRST_ROUND_TRIP = 14 * 1024  # HTML + CSS, gzipped
EVERYTHING = 30 * 1024  # everything a page loads, gzipped


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def loads(page: Path, output: Path) -> list[Path]:
    """The files a page loads: stylesheets and scripts (no images, no fonts)."""
    html = page.read_text()
    found = re.findall(
        r'<(?:link rel="stylesheet"|script) [^>]*(?:href|src)="([^"]+)"', html
    )
    return [output / url.lstrip("/") for url in found]


def test_every_page_fits_the_weight_budget(demo, capsys):
    sizes = []
    for page in html_pages(demo):
        assets = loads(page, demo)
        css = [a for a in assets if a.suffix == ".css"]
        first = gz(page) + sum(gz(a) for a in css)
        total = gz(page) + sum(gz(a) for a in assets)
        sizes.append((first, total, page.relative_to(demo)))
        assert first <= FIRST_ROUND_TRIP, (page, first)
        assert total <= EVERYTHING, (page, total)
    largest = max(sizes)
    with capsys.disabled():
        print(
            f"\nlargest page: {largest[2]}: {largest[0]} bytes HTML+CSS gzipped, "
            f"{largest[1]} bytes with scripts ({len(sizes)} pages)"
        )


def test_no_third_party_requests_or_web_fonts(demo):
    fetching = re.compile(
        r'<(?:script|img|iframe|video|audio|source)\b[^>]*\bsrc="(?:https?:)?//'
        r'|<link\b(?=[^>]*\brel="(?:stylesheet|icon|preload|prefetch|modulepreload|'
        r'manifest|dns-prefetch|preconnect)")[^>]*\bhref="(?:https?:)?//'
    )
    for page in html_pages(demo):
        assert not fetching.search(page.read_text()), page
    css = (demo / "theme/css/site.css").read_text()
    assert "@font-face" not in css and "url(" not in css


@pytest.mark.skipif(not shutil.which("java"), reason="the Nu HTML Checker needs Java")
def test_whole_site_is_valid_html(demo):
    vnu = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
    assert vnu.exists(), "run `npm ci` (scripts/test.sh does)"
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(vnu),
            "--skip-non-html",
            "--errors-only",
            "--format",
            "gnu",
            str(demo),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[:3000]


def test_print_stylesheet_keeps_contacts_and_drops_controls(demo):
    css = (demo / "theme/css/site.css").read_text()
    printed = css[css.index("@media print") :]
    for hidden in (".exit", ".languages", ".offline", ".tools"):
        assert hidden in printed
