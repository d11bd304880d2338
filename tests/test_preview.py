"""The translators' preview: save a page, the open tab shows it."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

import pytest
from browser import chromium
from servers import free_port
from sites import REPO, write_site

pytestmark = pytest.mark.browser


@pytest.fixture
def preview(tmp_path):
    write_site(
        tmp_path,
        {
            "content/pages/en/index.md": "Title: Home\n\nFirst text.\n",
            "content/pages/uk/index.md": "Title: Головна\n\nПерший текст.\n",
            "conf.py": f"""
            import sys
            sys.path.insert(0, {str(REPO)!r})
            from pelicanconf import *
            THEME = {str(REPO / "themes/signposter")!r}
            SIGNPOSTER_LANGUAGES = ["en", "uk"]
            SIGNPOSTER_TRANSLATIONS_DIR = {str(REPO / "translations")!r}
            """,
        },
    )
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "signposter.cli",
            "serve",
            "-s",
            "conf.py",
            "-p",
            str(port),
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/en/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield tmp_path, base
    process.terminate()
    process.wait()


def test_saving_a_page_reloads_the_open_tab(preview):
    site, base = preview
    with chromium() as browser:
        page = browser.new_page()
        page.goto(base + "/uk/")
        assert "Перший текст." in page.inner_text("main")
        time.sleep(0.3)
        (site / "content/pages/uk/index.md").write_text(
            "Title: Головна\n\nДругий текст.\n", encoding="utf-8"
        )
        page.wait_for_function(
            "document.body.innerText.includes('Другий текст.')", timeout=10000
        )
        # The preview's reloader never reaches the built files.
        assert "__preview" not in (site / "output/theme/css/site.css").read_text()


def test_a_broken_save_shows_the_problem_and_keeps_the_page(preview):
    site, base = preview
    with chromium() as browser:
        page = browser.new_page()
        page.goto(base + "/en/")
        time.sleep(0.3)
        (site / "content/pages/xx").mkdir()
        (site / "content/pages/xx/index.md").write_text("Title: X\n\nText.\n")
        page.wait_for_selector("#preview-errors", timeout=10000)
        assert "content/pages/xx/index.md: lang: 'xx' is not a language" in (
            page.inner_text("#preview-errors")
        )
        assert "First text." in page.inner_text("main")
