"""Every Pelican internal Signposter relies on (docs/architecture.md lists them).

When a Pelican upgrade changes one of these, this file fails by name, before a
build fails in some less obvious way.
"""

import inspect

import pelican
from pelican.contents import Page
from pelican.generators import Generator, PagesGenerator
from pelican.readers import MarkdownReader, Readers
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer


def _page(**kwargs):
    settings = dict(DEFAULT_CONFIG)
    return Page("<p>x</p>", metadata={"title": "T"}, settings=settings, **kwargs)


def test_markdown_reader_parse_metadata_reads_md_and_source_path():
    # build/reader.py calls _parse_metadata(meta) after setting _md and
    # _source_path, as Pelican's own MarkdownReader.read does.
    assert list(inspect.signature(MarkdownReader._parse_metadata).parameters) == [
        "self",
        "meta",
    ]
    source = inspect.getsource(MarkdownReader.read)
    assert "self._md" in source and "self._source_path" in source


def test_markdown_reader_still_removes_the_meta_preprocessor():
    # build/reader.py puts it back between files; if Pelican stops removing it,
    # the reader's "if missing" check simply does nothing.
    source = inspect.getsource(MarkdownReader._parse_metadata)
    assert "preprocessors" in source or "Meta" in source


def test_content_keeps_raw_html_and_context():
    context = {"generated_content": {}}
    page = _page(context=context)
    assert page._content == "<p>x</p>"  # build/linking.py: fallbacks, reading time
    assert page._context is context  # build/linking.py: fallback pages


def test_urls_can_be_overridden_once_computed():
    page = _page()
    page.override_url = "uk/"
    page.override_save_as = "uk/index.html"
    assert (page.url, page.save_as) == ("uk/", "uk/index.html")


def test_pages_generator_lists_and_generator_get_files():
    # build/linking.py reads all four lists and adds fallbacks to the last one.
    source = inspect.getsource(PagesGenerator)
    for name in ("pages", "translations", "hidden_pages", "hidden_translations"):
        assert f"self.{name}" in source
    assert list(inspect.signature(Generator.get_files).parameters)[:3] == [
        "self",
        "paths",
        "exclude",
    ]


def test_readers_expose_reader_classes():
    assert "reader_classes" in inspect.getsource(Readers.__init__)


def test_pelican_keeps_output_path_on_the_instance():
    # build/atomic.py points output_path at a staging folder during run().
    assert "self.output_path" in inspect.getsource(pelican.Pelican.__init__)
    assert "self.output_path" in inspect.getsource(pelican.Pelican.run)


def test_writer_write_file_signature():
    params = list(inspect.signature(Writer.write_file).parameters)
    assert params[:4] == ["self", "name", "template", "context"]
