"""Every Pelican internal Signposter relies on (docs/architecture.md lists them).

When a Pelican upgrade changes one of these, this file fails by name, before a
build fails in some less obvious way.
"""

import inspect

import pelican
from pelican.contents import Page
from pelican.generators import Generator, PagesGenerator, StaticGenerator
from pelican.readers import BaseReader, MarkdownReader, Readers
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer

from signposter.build.writer import WRITER_ARGUMENTS


def _page(**kwargs):
    settings = dict(DEFAULT_CONFIG)
    return Page("<p>x</p>", metadata={"title": "T"}, settings=settings, **kwargs)


def test_base_reader_process_metadata_is_public_api():
    # build/reader.py turns front-matter values into Pelican metadata with it.
    assert list(inspect.signature(MarkdownReader.process_metadata).parameters) == [
        "self",
        "name",
        "value",
    ]


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


def test_pelican_empties_the_output_folder_through_delete_outputdir():
    # build/atomic.py turns it off for the staging folder it writes over.
    source = inspect.getsource(pelican.Pelican.run)
    assert "if self.delete_outputdir" in source
    assert "self.delete_outputdir" in inspect.getsource(pelican.Pelican.__init__)


def test_writer_write_file_signature():
    params = list(inspect.signature(Writer.write_file).parameters)
    assert params[:4] == ["self", "name", "template", "context"]
    # build/writer.py keeps Pelican's own arguments out of the template context,
    # and gives each render the two variables Pelican's writer adds.
    assert params[4:] == [*WRITER_ARGUMENTS, "kwargs"]
    source = inspect.getsource(Writer.write_file)
    assert 'localcontext["localsiteurl"]' in source
    assert 'localcontext["output_file"] = name' in source


def test_static_files_are_read_by_the_static_reader():
    # build/reader.py keeps this one reader when it drops all but Markdown.
    # (Not by building a Readers: a plugin registered earlier would join in.)
    assert BaseReader.file_extensions == ["static"]
    assert "self.reader_classes[ext] = cls" in inspect.getsource(Readers.__init__)
    assert 'fmt="static"' in inspect.getsource(StaticGenerator)
