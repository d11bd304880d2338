"""Link a page's translations by key and fill each missing language with a fallback.

Pelican reads every language's Markdown in one pass and groups translations by
``translation_key``; this module checks those groups and, where a language has
no translation, adds a page at the same URL in that language's chrome that
shows the text of the nearest language that has one.
"""

from __future__ import annotations

import math

from pelican.contents import Page

from signposter.build.site import Site
from signposter.problems import Problems, display_path
from signposter.translation.campaigns import is_campaign, read_campaign
from signposter.translation.checks import (
    is_outdated,
    read_page,
    safety_problems,
    tokens,
    word_count,
)
from signposter.translation.metadata import as_date, metadata_line


def all_pages(pages_generator) -> list:
    """Every page Pelican will write, whichever list it filed it in."""
    return [
        *pages_generator.pages,
        *pages_generator.translations,
        *pages_generator.hidden_pages,
        *pages_generator.hidden_translations,
    ]


def link_pages(site: Site, pages_generator, problems: Problems) -> None:
    """Check languages and keys, describe every page, and add fallback pages."""
    reader = pages_generator.readers.readers.get("md")
    sources = getattr(reader, "sources", {})
    groups = _group_by_key(site, all_pages(pages_generator), problems)
    for key, variants in groups.items():
        for page in variants.values():
            _describe(site, key, page, problems, sources.get(page.source_path))
        _check_declared_languages(site, key, variants, problems)
        check_translations(site, variants, problems, sources)
        real = dict(variants)
        for language in site.languages:
            if language.code not in variants:
                source = _fallback_source(site, language.code, real)
                fallback = _make_fallback(site, source, language.code)
                variants[language.code] = fallback
                pages_generator.hidden_translations.append(fallback)
        ordered = {code: variants[code] for code in site.codes if code in variants}
        for page in ordered.values():
            _freeze_url(page)
        alternates = [p for p in ordered.values() if not p.is_fallback]
        for page in ordered.values():
            page.variants = ordered
            page.alternates = alternates if not page.is_fallback else []
        site.pages[key] = ordered


def _group_by_key(site: Site, pages, problems: Problems) -> dict[str, dict]:
    groups: dict[str, dict] = {}
    for page in sorted(pages, key=lambda p: p.source_path):
        code = page.lang
        if code not in site.by_code:
            problems.add(
                page.source_path,
                metadata_line(page.source_path, "lang"),
                "lang",
                f"{code!r} is not a language of this site (it has "
                f"{', '.join(site.codes)})",
                "move the file to the folder of one of those languages, or add the "
                "language to SIGNPOSTER_LANGUAGES in pelicanconf.py",
            )
            continue
        key = page.translation_key
        variants = groups.setdefault(key, {})
        if code in variants:
            _report_duplicate(key, code, variants[code], page, problems)
            continue
        variants[code] = page
    return groups


def _report_duplicate(key, code, first, second, problems: Problems) -> None:
    """Report on the file that claims the key in its metadata, naming the other."""
    here, other = second, first
    if metadata_line(first.source_path, "translation_key"):
        here, other = first, second
    problems.add(
        here.source_path,
        metadata_line(here.source_path, "translation_key"),
        "translation_key",
        f"two pages have the key {key!r} in language {code!r}: this one and "
        f"{display_path(other.source_path)}",
        "delete one of them, or give one another key",
    )


def _describe(site: Site, key: str, page, problems: Problems, written=None) -> None:
    """Attach what templates need to a real (not fallback) page.

    ``written``: the page as the reader parsed it, its words counted.
    """
    page.key = key
    page.language = site.by_code[page.lang]
    page.content_language = page.language
    page.is_fallback = False
    words = written.found.get("words") if written is not None else None
    if words is None:
        words = word_count(page._content)
    page.reading_minutes = reading_minutes(words, site.settings)
    page.reviewed = None
    if "reviewed" in page.metadata:
        try:
            page.reviewed = as_date(page.metadata["reviewed"])
        except ValueError:
            problems.add(
                page.source_path,
                metadata_line(page.source_path, "reviewed"),
                "Reviewed",
                f"expected a date, found {page.metadata['reviewed']!r}",
                "write the date as YEAR-MONTH-DAY, e.g. `Reviewed: 2026-11-20`",
            )
    page.campaign = (
        read_campaign(page, site.codes, problems) if is_campaign(page) else None
    )
    if key == site.settings["SIGNPOSTER_HOME_KEY"]:
        _serve_at_language_root(page)


def _check_declared_languages(site: Site, key: str, variants, problems) -> None:
    """Warn when a language the page is meant to have has no translation."""
    source = variants.get(site.default.code) or next(iter(variants.values()))
    campaign = getattr(source, "campaign", None)
    declared = campaign.languages if campaign else site.codes
    for code in declared:
        if code in site.by_code and code not in variants:
            problems.warn(
                source.source_path,
                None,
                "translation",
                f"page {key!r} has no {site.by_code[code].english_name} "
                f"({code}) translation; readers see the fallback",
                f"add pages/{code}/{key}.md",
            )


def check_translations(
    site: Site, variants: dict, problems: Problems, sources: dict
) -> None:
    """Mark outdated translations; warn of mistyped numbers and wrong scripts.

    ``sources`` holds the pages as the reader parsed them, by source path.
    """

    def as_written(page):
        return sources.get(page.source_path) or read_page(page.source_path)

    source = variants.get(site.default.code)
    if source is not None:
        original = as_written(source)
        source_tokens = tokens(original)
    for code, page in variants.items():
        page.outdated = False
        if source is None or page is source:
            continue
        translation = as_written(page)
        page.outdated = is_outdated(translation, original)
        page.source_page = source
        page.source_updated = source.reviewed
        found = safety_problems(
            translation, original, code, site.by_code[code].english_name, source_tokens
        )
        for problem in found:
            mismatch = problem.state == "mismatch"
            problems.warn(
                page.source_path,
                problem.line,
                "safety tokens" if mismatch else "script",
                problem.message
                + (f" ({code} translation of {page.key!r})" if mismatch else ""),
                problem.fix,
            )
        if any(problem.state == "script" for problem in found):
            continue
        if translation.body.strip() == original.body.strip():
            problems.warn(
                page.source_path,
                translation.body_line,
                "text",
                "is the same as the source page's text",
                "translate the text, or delete the file to show the fallback",
            )


def _fallback_source(site: Site, code: str, real: dict):
    chain = [*site.settings["SIGNPOSTER_FALLBACKS"].get(code, []), site.default.code]
    for candidate in chain:
        if candidate in real:
            return real[candidate]
    return real[next(c for c in site.codes if c in real)]


def _make_fallback(site: Site, source, code: str):
    metadata = dict(source.metadata, lang=code)
    for key in ("save_as", "url"):
        metadata.pop(key, None)
    page = Page(
        source._content,
        metadata=metadata,
        settings=source.settings,
        source_path=source.source_path,
        context=source._context,
    )
    page.outdated = False
    for name in ("key", "campaign", "reviewed", "reading_minutes", "content_language"):
        setattr(page, name, getattr(source, name))
    page.language = site.by_code[code]
    page.is_fallback = True
    page.fallback_source = source
    if source.key == site.settings["SIGNPOSTER_HOME_KEY"]:
        _serve_at_language_root(page)
    return page


def _freeze_url(page) -> None:
    """Compute each URL once: every page links to its key in nine languages,
    and Pelican would otherwise re-derive the URL from settings each time."""
    page.override_url = page.url
    page.override_save_as = page.save_as


def _serve_at_language_root(page) -> None:
    page.override_url = f"{page.lang}/"
    page.override_save_as = f"{page.lang}/index.html"


def reading_minutes(words: int, settings) -> int:
    """Whole minutes to read ``words`` words, at least one."""
    return max(1, math.ceil(words / settings["SIGNPOSTER_WORDS_PER_MINUTE"]))
