"""The generator that brings Signposter's data into a Pelican build."""

from __future__ import annotations

import json
import logging
from html import escape
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from signposter.build import site_files
from signposter.build.output_paths import Source, claim
from signposter.build.site import Site
from signposter.build.written_site import check_written_site, output_state
from signposter.counting.analytics import SCRIPT_PATH, counting_files, read_analytics
from signposter.counting.contact_links import CHANNELS, IN_PAGE
from signposter.directory.topics import TOPICS
from signposter.hidden_characters import check_files, source_files
from signposter.package_files import STATIC
from signposter.problems import Problems

logger = logging.getLogger(__name__)


LEAVE_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer">'
    '<meta http-equiv="refresh" content="0; url={url}"><title>…</title></head>'
    '<body><p><a href="{url}">…</a></p></body></html>\n'
)


class SignposterGenerator(Generator):
    """Loads languages, catalogs and the directory, then writes the site-wide files.

    Pelican makes and runs plugin generators after its own: this one loads
    while the pages convert, and by the time its context is ready they are
    read. They are linked once every generator has finished
    (``all_generators_finalized``), before anything is written.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.problems = Problems(strict=self.settings["SIGNPOSTER_STRICT"])
        self._writer = None
        # Static files and other plugins' output are written after this
        # generator's, so the finished site is checked when Pelican is done.
        # A bound method, so the connection lasts as long as this build's
        # generator (blinker holds it weakly).
        signals.finalized.connect(self.check_written_site)
        # Pelican makes this generator after its pages generator, whose pages
        # are converting on every core by now (reader.convert_ahead): what
        # needs no page is loaded meanwhile.
        self.site = Site(self.settings, self.problems)
        sources = source_files(
            self.settings, self.site.translations_dir, read_pages=True
        )
        check_files(sources, self.problems)
        self._refuse_unread_pages()
        # Imported here, while pages convert: the schema validator it brings
        # is a third of the plugin's start-up.
        from signposter.directory.model import load_directory

        self.directory = load_directory(self.settings, self.problems)
        self.analytics = read_analytics(self.settings, self.problems)

    def generate_context(self):
        self.context["signposter"] = self.site
        self.context["analytics"] = self.analytics
        self.context["directory"] = self.directory
        self.context["topics"] = TOPICS
        # Canonical, hreflang and sitemap URLs must be absolute even when the
        # local preview links pages root-relatively.
        self.context["CANONICAL_BASE"] = (
            self.settings["SIGNPOSTER_CANONICAL_BASE"] or self.settings["SITEURL"]
        ).rstrip("/")

    def _refuse_unread_pages(self) -> None:
        """A page that is not .md is not read (build/reader.py): say so, rather
        than silently leave it out or publish it unchecked."""
        pages = Path(self.settings["PATH"]) / "pages"
        for path in sorted(pages.rglob("*")) if pages.is_dir() else []:
            if (
                path.is_file()
                and path.suffix != ".md"
                and not path.name.startswith(".")
            ):
                self.problems.add(
                    path,
                    None,
                    "file",
                    "is not a page: pages are Markdown files whose names end in .md",
                    f"rename it to {path.stem}.md, or move it out of content/pages/",
                )

    def generate_output(self, writer):
        self._writer = writer
        self._write_site_files(writer)
        # Pelican's pages were written before this, the theme's files come after:
        # a page that took any of their paths stops the build here.
        paths = getattr(writer, "output_paths", None)
        if paths is not None:
            paths.claim_theme_files(self.settings)
            paths.raise_if_clashed()
        if hasattr(writer, "finish"):
            writer.finish()

    def check_written_site(self, pelican) -> None:
        """``finalized`` receiver, for this build only: the finished output holds
        only pages this build wrote, and every contact on them is a known one."""
        if pelican.settings is not self.settings or self._writer is None:
            return  # another build's, in the same process
        if hasattr(pelican, "remove_unwritten"):
            pelican.remove_unwritten()  # an older build's files (build/atomic.py)
        written = getattr(self._writer, "written", {})
        output = Path(self.output_path)
        check_written_site(
            output, self.settings, written, self.directory
        ).raise_if_errors()
        # What was checked, for the atomic build to compare once Pelican has
        # run every other ``finalized`` receiver (build/atomic.py).
        pelican.checked = output_state(output)

    def _write_site_files(self, writer):
        site = self.site
        writer.write_file(
            "index.html",
            self.get_template("chooser"),
            self.context,
            lang_code=site.default.code,
            choices=site_files.language_choices(site),
        )
        # Each language's 404, and the site-wide one in the default language.
        not_found = [(f"{lang.code}/404.html", lang.code) for lang in site.languages]
        for name, code in [*not_found, ("404.html", site.default.code)]:
            writer.write_file(
                name,
                self.get_template("404"),
                self.context,
                lang_code=code,
                place="404.html",
            )
        self._write_directory(writer)
        self._write_counting()
        self._write_leave_pages()
        for language in site.languages:
            self._write_text(
                f"{language.code}/sw.js", self._service_worker(language.code)
            )
        help_groups = [
            {lang.code: path for lang in site.languages}
            for path in self._directory_paths()
        ]
        self._write_text(
            "sitemap.xml",
            site_files.sitemap(
                site,
                [
                    {code: f"{code}/{path}" for code, path in group.items()}
                    for group in help_groups
                ],
            ),
        )
        self._write_text("robots.txt", site_files.robots(site))

    def _directory_paths(self) -> list[str]:
        return [
            "help/",
            *(f"help/{c.lower()}/" for c in self.directory.country_codes()),
        ]

    def _write_directory(self, writer) -> None:
        """/<lang>/help/ and /<lang>/help/<country>/ in every language."""
        for language in self.site.languages:
            writer.write_file(
                f"{language.code}/help/index.html",
                self.get_template("help_index"),
                self.context,
                lang_code=language.code,
                place="help/",
            )
            for code in self.directory.country_codes():
                writer.write_file(
                    f"{language.code}/help/{code.lower()}/index.html",
                    self.get_template("help_country"),
                    self.context,
                    lang_code=language.code,
                    country=code,
                    place=f"help/{code.lower()}/",
                )

    def _write_leave_pages(self) -> None:
        """/leave/ (and /leave/<country>/): a same-origin stop on the way out.

        The host configuration answers it with Clear-Site-Data; the page itself
        only forwards to the neutral site, replacing itself in the history.
        """
        targets = {"": self.settings["SIGNPOSTER_EXIT_URL"]}
        for code, country in self.directory.countries.items():
            if country.exit_url:
                targets[f"{code.lower()}/"] = country.exit_url
        for path, url in targets.items():
            self._write_text(
                f"leave/{path}index.html", LEAVE_PAGE.format(url=escape(url))
            )

    def _service_worker(self, code: str) -> str:
        """The offline worker for one language: its directory pages and the CSS."""
        base = self.settings["SITEURL"]
        urls = [f"{base}/{code}/{path}" for path in self._directory_paths()]
        # Also the pages a reader arrives on (home, campaigns), so the page they
        # came from opens offline too.
        urls += sorted(
            f"{base}/{variants[code].url}"
            for variants in self.site.pages.values()
            if code in variants
        )
        urls += [f"{base}/theme/css/site.css", f"{base}/theme/js/safety.js"]
        source = (STATIC / "sw.js").read_text(encoding="utf-8")
        return source.replace("/*@lang@*/", code).replace(
            "/*@urls@*/", json.dumps(urls)
        )

    def _write_counting(self) -> None:
        """The counting script, and for the ``self`` provider the files it requests."""
        if not self.analytics.enabled:
            return
        self._write_text(SCRIPT_PATH, self.analytics.script())
        pairs = self.directory.contact_channels()
        # The footer's 112 and contact links written in pages are counted too.
        pairs.add(("emergency", "phone"))
        pairs.update((IN_PAGE, channel) for _, channel in CHANNELS)
        app = self.settings.get("SIGNPOSTER_REPORTING_APP")
        if app:
            pairs.add((app["id"], "app"))
        for path in counting_files(self.analytics, pairs):
            self._write_text(path, "")

    def _write_text(self, name: str, text: str) -> None:
        if not claim(self._writer, name, Source(f"the site's {name}")):
            return
        path = Path(self.output_path) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        logger.info("Writing %s", path)
        if hasattr(self._writer, "record"):
            self._writer.record(path, data)
