"""A Markdown reader that builds its Markdown converter once per build.

Pelican's reader creates a new ``markdown.Markdown`` for every file, and
registering the extensions costs as much as converting a short page. Ours
resets one converter between files; the output is the same.

Headers are YAML front matter (translation/front_matter, which also reads the
old ``Key: value`` lines), so the converter only ever sees the body: Markdown's
``meta`` extension, which Pelican adds, is taken out of it.

It is also where a page is held to what the theme allows (``inspect``): only
allowed headers, and HTML reduced to text, links and plain formatting. What it
refuses is kept in ``findings`` until the build reports every problem at once.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import re
from dataclasses import dataclass

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from signposter.build.page_headers import check_headers
from signposter.build.safe_html import HtmlPolicy, Removal, clean
from signposter.hidden_characters import problems_in as hidden_character_problems
from signposter.problems import Problems
from signposter.translation import front_matter
from signposter.translation.checks import (
    page_from_front_matter,
    script_share,
    tokens,
    word_count,
)
from signposter.translation.metadata import metadata_line

logger = logging.getLogger(__name__)


class ReusingMarkdownReader(MarkdownReader):
    """MarkdownReader that reuses one converter, reset between files."""

    file_extensions = ["md"]  # the only pages there are (see use_reusing_reader)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._converter = None
        # Pages being converted on every core (convert_ahead), if they are
        self.ahead: Converting | None = None
        # How many pages came converted from the worker processes (logged once
        # the pages are read, so a silently skipped parallel path shows).
        self.read_ahead = 0
        # (path, line, field, message, fix, severity) for every page read
        self.findings: list[tuple] = []
        # source path -> the page as written (translation/checks.MarkdownPage)
        self.sources: dict = {}
        self.policy = PagePolicy.from_settings(self.settings)

    def _reset_converter(self) -> Markdown:
        if self._converter is None:
            self._converter = body_converter(self.settings["MARKDOWN"])
        self._converter.reset()
        return self._converter

    def read(self, source_path):
        self._source_path = source_path
        ahead = self.ahead.take(source_path) if self.ahead else None
        if ahead is not None:
            self.read_ahead += 1
        else:
            with pelican_open(source_path) as text:
                converter = self._reset_converter()
                ahead = prepare(source_path, text, converter, self.policy)
        content, meta, findings, self.sources[source_path] = ahead
        self.findings += findings
        metadata = self._metadata(meta)
        if "summary" in metadata:
            metadata["summary"] = self._clean_summary(source_path, metadata["summary"])
        return content, metadata

    def _metadata(self, meta: dict) -> dict:
        """Pelican's metadata from the page's headers, as Pelican's reader makes it."""
        formatted = self.settings["FORMATTED_FIELDS"]
        metadata = {}
        for name, value in meta.items():
            if isinstance(value, list):
                value = ", ".join(value)
            if name in formatted:
                value = self._reset_converter().convert(value)
            metadata[name] = self.process_metadata(name, value)
        return metadata

    def _clean_summary(self, source_path, summary: str) -> str:
        """The Summary header is Markdown too, and is held to the same allowlist."""
        summary, removals, _ = clean(summary, self.policy.html)
        for removal in removals:
            message, fix = explain(removal)
            line = metadata_line(source_path, "summary")
            self.findings.append(
                (source_path, line, "Summary", message, fix, "warning")
            )
        return summary


@dataclass(frozen=True)
class PagePolicy:
    """What a page may contain, from the site's settings (sent to worker processes)."""

    headers: dict
    html: HtmlPolicy
    content: str = ""  # the content folder, and where in it a page's language is
    path_metadata: str = ""

    @classmethod
    def from_settings(cls, settings) -> PagePolicy:
        headers = settings["SIGNPOSTER_PAGE_HEADERS"]
        headers = {key.lower(): values for key, values in headers.items()}
        return cls(
            headers,
            HtmlPolicy.from_settings(settings),
            str(settings["PATH"]),
            settings.get("PATH_METADATA") or "",
        )

    def language_of(self, path, meta: dict) -> str | None:
        """The page's language as Pelican will read it: its header, or its path."""
        if meta.get("lang"):
            return str(meta["lang"])
        relative = os.path.relpath(path, self.content).replace(os.sep, "/")
        match = re.match(self.path_metadata, relative) if self.path_metadata else None
        return match.groupdict().get("lang") if match else None


def body_converter(markdown_settings: dict) -> Markdown:
    """A converter for page bodies: headers are read before Markdown sees the text."""
    converter = Markdown(**markdown_settings)
    if "meta" in converter.preprocessors:
        converter.preprocessors.deregister("meta")
    return converter


def prepare(path, text: str, converter: Markdown, policy: PagePolicy):
    """Return (HTML, headers, findings, source) for one page's text.

    ``source`` is the page as its translator wrote it (headers with their
    lines, and body), which the translation checks read (build/linking.py).
    """
    page = front_matter.parse(text)
    html = converter.convert(page.body)
    meta = {key: header.value for key, header in page.headers.items()}
    html, meta, findings = inspect(path, text, html, meta, policy)
    for line, message, fix in page.problems:
        findings.insert(0, (path, line, "header", message, fix, "error"))
    for line, message, fix in hidden_character_problems(text):
        findings.append((path, line, "hidden character", message, fix, "error"))
    source = page_from_front_matter(page, path)
    # The translation checks' and linking's share of the work, done here: on
    # every core.
    tokens(source)
    source.found["words"] = word_count(html)
    language = policy.language_of(path, meta)
    if language:
        script_share(source, language)
    return html, meta, findings, source


def inspect(path, text: str, html: str, meta: dict, policy: PagePolicy):
    """Return (HTML, headers, findings) with everything the site does not allow removed.

    Refused headers are errors: they could move the page. Removed HTML and
    plain-http links are warnings (errors in strict builds and publish).
    """
    meta, refused = check_headers(meta, text, policy.headers)
    findings = [(path, *problem, "error") for problem in refused]
    html, removals, http_links = clean(html, policy.html)
    locate = _Locator(text)
    for removal in removals:
        message, fix = explain(removal)
        findings.append((path, locate(removal), "HTML", message, fix, "warning"))
    if not policy.html.allow_http:
        for url in http_links:
            findings.append(
                (
                    path,
                    locate(Removal("a", "href", url)),
                    "link",
                    f"{url} is not encrypted (http://): anyone on the reader's "
                    "network can see or change it",
                    "use the https:// address",
                    "warning",
                )
            )
    return html, meta, findings


def explain(removal: Removal) -> tuple[str, str]:
    """The problem and the fix, in words a translator can act on."""
    tag, name, value = removal.tag, removal.attribute, removal.value
    if name is None:
        return (
            f"<{tag}> is not allowed in pages, and was removed",
            "delete it: pages may hold text, links and plain formatting only "
            "(see docs/translators.md)",
        )
    if name.startswith("on"):
        return (
            f"the {name} attribute of <{tag}> runs code, and was removed",
            f"delete {name}=…",
        )
    if name in ("href", "src", "cite"):
        scheme = value.split(":", 1)[0].strip().lower() if ":" in value else ""
        if (tag, name) == ("img", "src") and scheme not in ("javascript", "data"):
            return (
                f"<img> loads {value} from another site, which would learn who reads "
                "this page; it was removed",
                "delete the image, or use one stored on this site",
            )
        return (
            f"the address {value!r} in <{tag} {name}> is not allowed (only https:, "
            "http:, mailto:, tel:, sms: and addresses on this site), and was removed",
            "link to a web page, email address or phone number instead",
        )
    if name == "style":
        return (
            f"the style {value!r} of <{tag}> is not allowed (only text-align), "
            "and was removed",
            "delete style=…; the theme styles pages",
        )
    return (
        f"the {name} attribute of <{tag}> is not allowed, and was removed",
        f"delete {name}=…",
    )


class _Locator:
    """Finds the source line of each removal, in order for repeated ones."""

    def __init__(self, text: str):
        self.text = text
        self.body_line = front_matter.parse(text).body_line
        self.start = len("\n".join(text.split("\n")[: self.body_line - 1]))
        self.after: dict[str, int] = {}

    def __call__(self, removal: Removal) -> int:
        patterns = []
        if removal.value and len(removal.value) > 2:
            patterns.append(re.escape(removal.value))
        if removal.attribute:
            patterns.append(rf"\b{re.escape(removal.attribute)}\b")
        patterns.append(rf"<{re.escape(removal.tag)}\b")
        for pattern in patterns:
            found = re.compile(pattern, re.IGNORECASE).search(
                self.text, self.after.get(pattern, self.start)
            )
            if found:
                self.after[pattern] = found.end()
                return self.text.count("\n", 0, found.start()) + 1
        return self.body_line


def report_findings(readers, problems: Problems) -> None:
    """Move what every Markdown reader found into the build's problems."""
    for reader in readers.readers.values():
        if getattr(reader, "read_ahead", 0):
            logger.info("%d pages were converted on every core", reader.read_ahead)
        for path, line, field, message, fix, severity in getattr(
            reader, "findings", ()
        ):
            problems.add(path, line, field, message, fix, severity)
        if isinstance(reader, ReusingMarkdownReader):
            reader.findings = []
            if reader.ahead is not None:
                reader.ahead.close()


def use_reusing_reader(readers) -> None:
    """``readers_init`` receiver: pages are read as Markdown (.md), by our reader.

    Every other reader goes: Pelican's HTML and reStructuredText readers would
    publish a page's raw HTML past every check above (generator.py refuses
    such files by name).
    """
    # Static files (STATIC_PATHS) are "read" by the base reader, which reads nothing.
    static = readers.reader_classes.get("static")
    readers.reader_classes.clear()
    readers.reader_classes["md"] = ReusingMarkdownReader
    if static is not None:
        readers.reader_classes["static"] = static


# -- converting many pages on every core -----

# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
_worker_converter: Markdown | None = None
_worker_policy: PagePolicy | None = None


def _worker_init(markdown_settings: dict, policy: PagePolicy) -> None:
    global _worker_converter, _worker_policy  # one of each per worker process
    # This process has its own work meanwhile (Pelican reading each converted
    # page, our generator loading the directory and catalogs) and is the one
    # the build waits for: the workers give it way.
    os.nice(10)
    _worker_converter = body_converter(markdown_settings)
    _worker_policy = policy


def _convert(path: str) -> tuple[str, tuple]:
    converter = _worker_converter
    converter.reset()
    with pelican_open(path) as text:
        return path, prepare(path, text, converter, _worker_policy)


class Converting:
    """Pages converting in worker processes, each taken as Pelican reads it.

    Pelican goes on while they convert (it makes the other generators, and
    ours loads what needs no page: generator.py), and reads each page as soon
    as it is ready rather than once all are.
    """

    # Those still converting: a build that fails before reading every page
    # stops them (build/atomic.py), so that no worker outlives it.
    running: set[Converting] = set()

    def __init__(self, pool, results):
        self._pool = pool
        self._results = results  # (path, prepared) in Pelican's reading order
        self._ready: dict = {}
        Converting.running.add(self)

    def take(self, path: str):
        """The page at ``path`` converted, or None if it is not among them."""
        while path not in self._ready and self._pool is not None:
            try:
                found, prepared = next(self._results)
            except StopIteration:
                self.close()
                break
            except BaseException:
                self.close()
                raise
            self._ready[found] = prepared
        return self._ready.pop(path, None)

    def close(self) -> None:
        Converting.running.discard(self)
        if self._pool is not None:
            self._pool.terminate()  # every result is in, or none is wanted
            self._pool.join()
            self._pool = None
            gc.unfreeze()  # see convert_ahead

    @classmethod
    def stop_all(cls) -> None:
        for converting in list(cls.running):
            converting.close()


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
    arguments = (generator.settings["MARKDOWN"], reader.policy)
    # Out of the workers' garbage collections: each collection would touch
    # every object this process holds, and so copy it into the worker (a
    # tenth of the build's time). Unfrozen when the pool closes.
    gc.freeze()
    pool = context.Pool(cores, _worker_init, arguments)
    # Small chunks, in Pelican's reading order: the pages it reads first are
    # ready first, and no worker is left converting alone at the end.
    chunk = max(1, len(paths) // (cores * 16))
    reader.ahead = Converting(pool, pool.imap(_convert, paths, chunk))
