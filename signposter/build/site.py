"""The multilingual site as templates see it: languages, catalogs, pages by key."""

from __future__ import annotations

from pathlib import Path

from signposter.languages import Language, site_languages
from signposter.package_files import TRANSLATIONS as PACKAGED_TRANSLATIONS
from signposter.problems import Problems
from signposter.translation.catalogs import catalog_path, load_translations


class Site:
    """Everything language-aware that one build shares between its generators."""

    def __init__(self, settings, problems: Problems):
        self.settings = settings
        self.problems = problems
        self.languages: list[Language] = self._read_languages()
        self.default = self.languages[0] if self.languages else Language("en")
        self.by_code = {language.code: language for language in self.languages}
        self.translations = {
            language.code: load_translations(
                self.catalogs_dir(language.code), language, self.default, problems
            )
            for language in self.languages
        }
        # key -> language code -> Page (real or fallback); filled by link_pages()
        self.pages: dict[str, dict] = {}
        # Every page shows each language's name and direction: read their CLDR
        # data now, while the pages convert (generator.py), not at the first
        # render, which nothing else runs beside.
        for language in self.languages:
            language.native_name, language.direction  # noqa: B018

    @property
    def codes(self) -> list[str]:
        return [language.code for language in self.languages]

    @property
    def translations_dir(self) -> Path:
        configured = Path(self.settings["SIGNPOSTER_TRANSLATIONS_DIR"])
        if configured.is_absolute():
            return configured
        # Relative to the site folder, the one that holds content/.
        return Path(self.settings["PATH"]).parent / configured

    def catalogs_dir(self, code: str) -> Path:
        """The site's translations folder, or the package's for a language the
        site has no catalog of (a new site starts with the package's strings)."""
        own = self.translations_dir
        if not catalog_path(own, code).exists() and (
            catalog_path(PACKAGED_TRANSLATIONS, code).exists()
        ):
            return PACKAGED_TRANSLATIONS
        return own

    def _read_languages(self) -> list[Language]:
        try:
            return site_languages(self.settings)
        except ValueError as err:
            self.problems.add(
                self.settings.get("SIGNPOSTER_SETTINGS_FILE"),
                None,
                "SIGNPOSTER_LANGUAGES",
                str(err),
                "use a code Babel knows, such as uk, ar or fa",
            )
            return []

    def gettext(self, code: str, message: str) -> str:
        return self.translations[code].gettext(message)

    def template_context(self, code: str) -> dict:
        """The variables that put a page's chrome in language ``code``."""
        language = self.by_code.get(code, self.default)
        catalog = self.translations.get(language.code)
        return {
            "gettext": catalog.gettext,
            "ngettext": catalog.ngettext,
            "lang": language,
            "site": self,
        }

    def page(self, key: str, code: str):
        return self.pages.get(key, {}).get(code)

    def url(self, key: str, code: str) -> str:
        """Root-relative URL of page ``key`` in language ``code`` ('' if none)."""
        page = self.page(key, code)
        return f"{self.settings['SITEURL']}/{page.url}" if page else ""
