"""Signposter: a Pelican plugin for multilingual safety landing pages.

``register()`` only wires Pelican's signals to the module-level functions
below; the work is done in the modules they call.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.generators import PagesGenerator

from signposter.build import pelican_settings, template_cache
from signposter.build.atomic import AtomicPelican
from signposter.build.filters import FILTERS
from signposter.build.generator import SignposterGenerator
from signposter.build.linking import all_pages, link_pages
from signposter.build.reader import convert_ahead, report_findings, use_reusing_reader
from signposter.build.writer import DeferredWriter, LanguageWriter
from signposter.settings import validate

__all__ = ["AtomicPelican", "register"]


def configure(pelican):
    """Check the settings and add the theme's filters before generators start."""
    validate(pelican.settings)
    pelican_settings.fill(pelican.settings)
    # Pelican read these two before plugins ran; follow what validate() filled in.
    pelican.theme = pelican.settings["THEME"]
    pelican.delete_outputdir = pelican.settings["DELETE_OUTPUT_DIRECTORY"]
    pelican.settings["JINJA_FILTERS"] = {**FILTERS, **pelican.settings["JINJA_FILTERS"]}
    template_cache.SHARED.folder = (
        Path(pelican.settings["PATH"]).parent / "cache" / ("templates")
    )
    pelican.settings["JINJA_ENVIRONMENT"] = {
        "bytecode_cache": template_cache.SHARED,
        **pelican.settings["JINJA_ENVIRONMENT"],
    }


def get_generators(pelican):
    return SignposterGenerator


def get_writer(pelican):
    if pelican.settings.get("SIGNPOSTER_PREVIEW_PAGES") is not None:
        return DeferredWriter
    return LanguageWriter


def default_translation_key(content):
    """Pages outside pages/<lang>/ are keyed by their slug."""
    if not getattr(content, "translation_key", None):
        content.translation_key = content.slug


def link_and_check(generators):
    """Link translations and stop the build, before any write, if anything is wrong."""
    ours = next(g for g in generators if isinstance(g, SignposterGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    report_findings(pages.readers, ours.problems)
    mark_page_contacts(pages, ours.directory)
    link_pages(ours.site, pages, ours.problems)
    ours.problems.raise_if_errors()


def mark_page_contacts(pages_generator, directory) -> None:
    """Markdown contact links get the directory links' counting attributes."""
    from signposter.counting.contact_links import contact_owners, mark_contact_links
    from signposter.publishing.contact_check import known_from_directory

    owners = contact_owners(known_from_directory(directory, None).directory_links)
    for page in all_pages(pages_generator):
        page._content = mark_contact_links(page._content, page.lang, owners)


def register():
    signals.initialized.connect(configure)
    signals.readers_init.connect(use_reusing_reader)
    signals.page_generator_init.connect(convert_ahead)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
    signals.content_object_init.connect(default_translation_key)
    signals.all_generators_finalized.connect(link_and_check)
