"""The generator that brings Signposter's data into a Pelican build."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from . import sitefiles
from .problems import Problems
from .site import Site

logger = logging.getLogger(__name__)


class SignposterGenerator(Generator):
    """Loads languages and catalogs, then writes the site-wide files.

    Pelican runs plugin generators after its own, so by the time this one's
    context is ready the pages are read; they are linked once every generator
    has finished (``all_generators_finalized``), before anything is written.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.problems = Problems(strict=self.settings["SIGNPOSTER_STRICT"])
        self.site: Site | None = None

    def generate_context(self):
        self.site = Site(self.settings, self.problems)
        self.context["signposter"] = self.site
        self.context["SIGNPOSTER_LANGUAGES_INFO"] = self.site.languages

    def generate_output(self, writer):
        site = self.site
        writer.write_file(
            "index.html", self.get_template("chooser"), self.context,
            lang_code=site.default.code, choices=sitefiles.language_choices(site),
        )
        for language in site.languages:
            writer.write_file(
                f"{language.code}/404.html", self.get_template("404"), self.context,
                lang_code=language.code,
            )
        writer.write_file(
            "404.html", self.get_template("404"), self.context,
            lang_code=site.default.code, choices=sitefiles.language_choices(site),
        )
        self._write_text("sitemap.xml", sitefiles.sitemap(site))
        self._write_text("robots.txt", sitefiles.robots(site))

    def _write_text(self, name: str, text: str) -> None:
        path = Path(self.output_path) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        logger.info("Writing %s", path)
