"""The finished output holds only pages this build wrote from checked sources.

Pelican copies static files, and runs other plugins' generators, after ours:
each way a page could arrive unchecked is refused, and the last good output/
stays as it was.
"""

from __future__ import annotations

import sys
import textwrap

import brotli
import pytest
from pelican import signals
from sites import REPO, build_fixture, tree_digest, write_site

sys.path.insert(0, str(REPO / "benchmarks"))

from synthetic import write_pages  # noqa: E402

BAD_PAGE = '<html><body><a href="tel:+48221234567">112</a></body></html>'
OVERRIDES = {"SIGNPOSTER_TRANSLATIONS_DIR": str(REPO / "translations")}


@pytest.fixture
def site(tmp_path, monkeypatch):
    write_pages(tmp_path, ["en"], 2, word_count=20)
    monkeypatch.chdir(tmp_path)
    assert build_fixture(tmp_path, ["en"], **OVERRIDES) == 0
    return tmp_path


def build_with_late_plugin(site, monkeypatch, output_code: str) -> int:
    """Build with another plugin whose generator runs after ours; its
    ``generate_output`` runs ``output_code``, with ``os``, ``Path``,
    ``signals`` and ``self.output_path`` at hand."""
    body = textwrap.indent(textwrap.dedent(output_code).strip(), " " * 20)
    plugin = f"""
            import os
            from pathlib import Path
            from pelican import signals

            class Late:
                def __init__(self, *args, **kwargs):
                    self.output_path = kwargs["output_path"]

                def generate_context(self):
                    pass

                def generate_output(self, writer):
{body}

            def late(pelican):
                return Late

            def register():
                signals.get_generators.connect(late)
            """
    write_site(site, {"plugins/late_plugin.py": plugin})
    monkeypatch.syspath_prepend(str(site / "plugins"))
    try:
        settings = {"PLUGINS": ["signposter", "late_plugin"], **OVERRIDES}
        return build_fixture(site, ["en"], **settings)
    finally:  # Pelican's signals outlive the build: later tests must not see it
        module = sys.modules.pop("late_plugin", None)
        if module is not None:
            signals.get_generators.disconnect(module.late)


def refused(site, capsys, name: str, **settings) -> None:
    before = tree_digest(site / "output")
    assert build_fixture(site, ["en"], **OVERRIDES, **settings) == 1
    err = capsys.readouterr().err
    assert f"{name}: file: is a web page the build did not write" in err
    assert "make it a page in content/pages/, or remove it" in err
    assert tree_digest(site / "output") == before


def test_a_plain_static_file_is_copied(site):
    write_site(site, {"content/extra/notes.txt": "Plain text is copied."})
    assert build_fixture(site, ["en"], STATIC_PATHS=["extra"], **OVERRIDES) == 0
    assert (site / "output/extra/notes.txt").is_file()


@pytest.mark.parametrize(
    "skipping", [{"STATIC_CHECK_IF_MODIFIED": True}, {"STATIC_CREATE_LINKS": True}]
)
def test_a_static_file_stays_in_rebuilds_however_pelican_would_skip_it(site, skipping):
    # Each build writes over the site before the live one (build/atomic.py)
    # and removes what it did not write: Pelican must copy every file anew.
    write_site(site, {"content/extra/notes.txt": "Plain text is copied."})
    for _ in range(4):
        settings = {"STATIC_PATHS": ["extra"], **skipping, **OVERRIDES}
        assert build_fixture(site, ["en"], **settings) == 0
        notes = site / "output/extra/notes.txt"
        assert notes.read_text() == "Plain text is copied."
        assert notes.stat().st_nlink == 1  # a copy: an edit is not published


def test_a_static_html_file(site, capsys):
    write_site(site, {"content/extra/call.html": BAD_PAGE})
    refused(site, capsys, "extra/call.html", STATIC_PATHS=["extra"])


def test_a_compressed_page_linked_from_a_page(site, capsys):
    # No STATIC_PATHS: Pelican copies what a page links with {static}, and nginx
    # would serve /extra/call.html from this file to any browser that takes br.
    packed = site / "content/extra/call.html.br"
    packed.parent.mkdir(parents=True)
    packed.write_bytes(brotli.compress(BAD_PAGE.encode()))
    page = site / "content/pages/en/page-0.md"
    page.write_text(page.read_text() + "\n[Printable]({static}/extra/call.html.br)\n")
    refused(site, capsys, "extra/call.html.br")


def test_a_static_file_renamed_over_a_checked_page(site, capsys):
    write_site(site, {"content/extra/call.txt": BAD_PAGE})
    refused(
        site,
        capsys,
        "en/help/index.html",
        STATIC_PATHS=["extra"],
        EXTRA_PATH_METADATA={"extra/call.txt": {"path": "en/help/index.html"}},
    )


def test_a_file_named_among_the_themes_static_paths(site, capsys, tmp_path):
    extra = tmp_path / "outside/call.html"
    extra.parent.mkdir()
    extra.write_text(BAD_PAGE)
    refused(site, capsys, "theme/call.html", THEME_STATIC_PATHS=["static", str(extra)])


def test_another_plugins_page_written_after_ours(site, capsys, monkeypatch):
    before = tree_digest(site / "output")
    code = f"""
        path = Path(self.output_path) / "en/late/index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text({BAD_PAGE!r})
        """
    assert build_with_late_plugin(site, monkeypatch, code) == 1
    err = capsys.readouterr().err
    assert "en/late/index.html: file: is a web page the build did not write" in err
    assert tree_digest(site / "output") == before


@pytest.mark.parametrize("target", ["folder", "file"])
def test_a_link_in_the_finished_output(site, capsys, monkeypatch, target):
    # nginx and Apache follow links: one would publish whatever it points at.
    outside = site / "elsewhere"
    (outside / "en").mkdir(parents=True)
    (outside / "en" / "index.html").write_text(BAD_PAGE)
    pointed = outside if target == "folder" else outside / "en" / "index.html"
    before = tree_digest(site / "output")
    code = f"os.symlink({str(pointed)!r}, os.path.join(self.output_path, 'x'))"
    assert build_with_late_plugin(site, monkeypatch, code) == 1
    err = capsys.readouterr().err
    assert "x: file: is a link: a host would serve whatever it points at" in err
    assert tree_digest(site / "output") == before


def test_a_static_folder_that_became_a_file_is_published(site):
    # The staging folder holds the site from two builds ago (build/atomic.py):
    # its folder must not stand where this build copies a file.
    write_site(site, {"content/extra/map/a.txt": "A"})
    settings = {"STATIC_PATHS": ["extra"], **OVERRIDES}
    for _ in range(2):
        assert build_fixture(site, ["en"], **settings) == 0
    (site / "content/extra/map/a.txt").unlink()
    (site / "content/extra/map").rmdir()
    write_site(site, {"content/extra/map": "Now a file."})
    assert build_fixture(site, ["en"], **settings) == 0
    assert (site / "output/extra/map").read_text() == "Now a file."


def test_a_page_where_an_older_build_had_a_file(site):
    # The reverse: the page's folder is needed where a static file stood.
    write_site(site, {"content/en/notes": "A file."})
    settings = {"STATIC_PATHS": ["en"], **OVERRIDES}
    for _ in range(2):  # the staging folder now holds en/notes, a file
        assert build_fixture(site, ["en"], **settings) == 0
    (site / "content/en/notes").unlink()
    write_site(site, {"content/pages/en/notes.md": "Title: Notes\n\nNotes.\n"})
    assert build_fixture(site, ["en"], **settings) == 0
    assert "Notes." in (site / "output/en/notes/index.html").read_text()


def test_another_plugins_page_written_when_pelican_has_finished(
    site, capsys, monkeypatch
):
    before = tree_digest(site / "output")
    code = """
        path = os.path.join(self.output_path, "late.html")

        def write(pelican):
            with open(path, "w") as file:
                file.write('<a href="tel:+48221234567">Call us</a>')

        # Connected after the check's own receiver, so it runs after it; kept
        # on the generator, as signals hold their receivers weakly.
        self.write = write
        signals.finalized.connect(write)
        """
    assert build_with_late_plugin(site, monkeypatch, code) == 1
    assert "late.html: file: changed after the finished site was checked" in (
        capsys.readouterr().err
    )
    assert tree_digest(site / "output") == before
