"""A Markdown reader that builds its Markdown converter once per build.

Pelican's reader creates a new ``markdown.Markdown`` for every file, and
registering the extensions costs as much as converting a short page. Ours
resets one converter between files; the output is the same.
"""

from __future__ import annotations

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open


class ReusingMarkdownReader(MarkdownReader):
    """MarkdownReader that reuses one converter, reset between files."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._converter = None
        self._meta_preprocessor = None

    def _reset_converter(self) -> Markdown:
        if self._converter is None:
            self._converter = Markdown(**self.settings["MARKDOWN"])
            self._meta_preprocessor = self._converter.preprocessors["meta"]
        converter = self._converter
        converter.reset()
        # Pelican's _parse_metadata removes the metadata preprocessor; put it back.
        if "meta" not in converter.preprocessors:
            converter.preprocessors.register(self._meta_preprocessor, "meta", 27)
        return converter

    def read(self, source_path):
        self._source_path = source_path
        self._md = self._reset_converter()
        with pelican_open(source_path) as text:
            content = self._md.convert(text)
        metadata = self._parse_metadata(self._md.Meta) if self._md.Meta else {}
        return content, metadata


def use_reusing_reader(readers) -> None:
    """``readers_init`` receiver: read every Markdown extension with our reader."""
    for extension in ReusingMarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = ReusingMarkdownReader
