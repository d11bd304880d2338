"""The translators' preview: save a page, the open tab shows it."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from browser import chromium
from servers import free_port
from sites import REPO, write_site
from waiting import DEADLINE, wait_until

from signposter.build.preview import EVENTS_PATH

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
    try:
        wait_until(lambda: answers(process, base + "/en/"), what="the preview server")
        wait_until(lambda: watches(process), what="the preview's file watcher")
        yield tmp_path, base
    finally:
        process.terminate()
        process.wait()


def answers(process, url: str) -> bool:
    if process.poll() is not None:
        raise AssertionError(f"the preview exited:\n{process.stdout.read().decode()}")
    try:
        urllib.request.urlopen(url, timeout=1)
    except OSError:
        return False
    return True


def watches(process) -> bool:
    """Whether the process watches files yet (Linux: it holds inotify watches).

    The preview starts its watcher just after it starts serving; a file saved
    before then would go unnoticed.
    """
    fdinfo = Path(f"/proc/{process.pid}/fdinfo")
    if not fdinfo.is_dir():  # not Linux: nothing to look at
        return True
    for entry in fdinfo.iterdir():
        try:
            if "inotify wd:" in entry.read_text():
                return True
        except OSError:  # closed meanwhile
            continue
    return False


def open_tab(browser, url: str):
    """A tab showing ``url``, once it listens for rebuilds (or a save is missed)."""
    page = browser.new_page()
    with page.expect_response(lambda response: EVENTS_PATH in response.url):
        page.goto(url)
    return page


def test_saving_a_page_reloads_the_open_tab(preview):
    site, base = preview
    with chromium() as browser:
        page = open_tab(browser, base + "/uk/")
        assert "Перший текст." in page.inner_text("main")
        (site / "content/pages/uk/index.md").write_text(
            "Title: Головна\n\nДругий текст.\n", encoding="utf-8"
        )
        page.wait_for_function(
            "document.body.innerText.includes('Другий текст.')", timeout=DEADLINE * 1000
        )
        # The preview's reloader never reaches the built files.
        assert "__preview" not in (site / ".preview/theme/css/site.css").read_text()


def test_a_broken_save_shows_the_problem_and_keeps_the_page(preview):
    site, base = preview
    with chromium() as browser:
        page = open_tab(browser, base + "/en/")
        # A whole folder at once, so the watcher cannot see it half written.
        (site / "new-xx").mkdir()
        (site / "new-xx/index.md").write_text("Title: X\n\nText.\n")
        os.replace(site / "new-xx", site / "content/pages/xx")
        page.wait_for_selector("#preview-errors", timeout=DEADLINE * 1000)
        assert "content/pages/xx/index.md: lang: 'xx' is not a language" in (
            page.inner_text("#preview-errors")
        )
        assert "First text." in page.inner_text("main")
