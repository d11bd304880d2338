"""A Markdown reader that builds its Markdown converter once per build.

Pelican's reader creates a new ``markdown.Markdown`` for every file, and
registering the extensions costs as much as converting a short page. Ours
resets one converter between files; the output is the same.
"""

from __future__ import annotations

import multiprocessing
import os

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open


class ReusingMarkdownReader(MarkdownReader):
    """MarkdownReader that reuses one converter, reset between files."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._converter = None
        self._meta_preprocessor = None
        # source path -> (HTML, raw metadata), converted ahead in parallel
        self.prepared: dict = {}

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
        ahead = self.prepared.pop(source_path, None)
        if ahead is not None:
            content, meta = ahead
            return content, self._parse_metadata(meta) if meta else {}
        with pelican_open(source_path) as text:
            content = self._md.convert(text)
        metadata = self._parse_metadata(self._md.Meta) if self._md.Meta else {}
        return content, metadata


def use_reusing_reader(readers) -> None:
    """``readers_init`` receiver: read every Markdown extension with our reader."""
    for extension in ReusingMarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = ReusingMarkdownReader


# -- converting many pages on every core -----

# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
_worker_converter: Markdown | None = None


def _worker_init(markdown_settings: dict) -> None:
    global _worker_converter  # one converter per worker process
    _worker_converter = Markdown(**markdown_settings)


def _convert(path: str) -> tuple[str, str, dict]:
    converter = _worker_converter
    converter.reset()
    with pelican_open(path) as text:
        html = converter.convert(text)
    return path, html, dict(getattr(converter, "Meta", {}) or {})


def convert_ahead(generator) -> None:
    """``page_generator_init`` receiver: convert every page's Markdown in parallel.

    Pelican reads pages one by one on one core; on a big site the Markdown
    conversion is most of the build, so the reader is handed the results of a
    conversion spread over every core, and only reads what is left itself.
    """
    reader = generator.readers.readers.get("md")
    cores = os.cpu_count() or 1
    if not isinstance(reader, ReusingMarkdownReader) or cores < 2:
        return
    paths = [
        os.path.join(generator.path, f)
        for f in generator.get_files(
            generator.settings["PAGE_PATHS"],
            exclude=generator.settings["PAGE_EXCLUDES"],
            extensions=tuple(ReusingMarkdownReader.file_extensions),
        )
    ]
    if len(paths) < PARALLEL_FROM:
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(cores, _worker_init, (generator.settings["MARKDOWN"],)) as pool:
        chunk = max(1, len(paths) // (cores * 4))
        reader.prepared = {
            p: (html, meta)
            for p, html, meta in pool.imap_unordered(_convert, paths, chunk)
        }
