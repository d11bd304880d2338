"""The impact report's words, numbers and names in one of the site's languages.

Its text comes from the site's own gettext catalogs (the theme's
messages.po, where `invoke i18n-extract` puts it), numbers and dates from
Babel's CLDR data, organisation names from the directory, picked for a
language the way the site's pages pick them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from babel import UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations

from signposter.catalog_marks import N_
from signposter.country_names import country_name
from signposter.languages import Language
from signposter.package_files import TRANSLATIONS as PACKAGED_TRANSLATIONS
from signposter.problems import Problems
from signposter.translation.catalogs import catalog_path, load_translations

# Ids the counting script sends that are not directory entries.
SPECIAL_ORGANISATIONS = {
    "emergency": N_("Emergency number (112)"),
    "in-page": N_("Contact links in page text"),
    "(not in Plausible's export)": N_("Plausible clicks (not split by organisation)"),
}
CHANNELS = {
    "email": N_("Email"),
    "phone": N_("Phone"),
    "web": N_("Website"),
    "app": N_("App"),
    "sms": N_("SMS"),
    "any": N_("Not split by channel"),
    # Brand names are the same in every language.
    "whatsapp": "WhatsApp",
    "telegram": "Telegram",
    "viber": "Viber",
    "signal": "Signal",
}
NOT_KNOWN = N_("Not known")
NOT_IN_DIRECTORY = N_("%(id)s (not in the directory)")


class UnknownReportLanguage(ValueError):
    """--lang names a language the site does not have."""


@dataclass
class ReportLanguage:
    """Everything the report says, in one language."""

    language: Language
    translations: NullTranslations = field(default_factory=NullTranslations)
    names: dict[str, str] = field(default_factory=dict)  # organisation id -> name

    @property
    def code(self) -> str:
        return self.language.code

    @property
    def direction(self) -> str:
        return self.language.direction

    def text(self, message: str, **values) -> str:
        translated = self.translations.gettext(message)
        return translated % values if values else translated

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.language.locale)

    def percent(self, share: float) -> str:
        return format_percent(share, locale=self.language.locale)

    def day(self, iso: str) -> str:
        try:
            value = datetime.date.fromisoformat(iso)
        except ValueError:
            return iso
        return format_date(value, format="medium", locale=self.language.locale)

    def language_name(self, code: str) -> str:
        if code in ("", "?"):
            return self.text(NOT_KNOWN)
        try:
            name = Language(code).name_in(self.language)
        except (UnknownLocaleError, ValueError):
            return code
        return name[:1].upper() + name[1:]  # a row's name, as in a menu

    def country_name(self, code: str) -> str:
        if code in ("", "?"):
            return self.text(NOT_KNOWN)
        return country_name(code, self.code)

    def channel(self, channel: str) -> str:
        return self.text(CHANNELS[channel]) if channel in CHANNELS else channel

    def organisation(self, org: str) -> str:
        """The organisation's name; an id the directory lacks, shown and marked."""
        if org in self.names:
            return self.names[org]
        if org in SPECIAL_ORGANISATIONS:
            return self.text(SPECIAL_ORGANISATIONS[org])
        return self.text(NOT_IN_DIRECTORY, id=org)


def report_language(
    code: str, codes: list[str], translations_dir: Path | None, names: dict
) -> ReportLanguage:
    """The report's language ``code``, one of the site's ``codes``.

    The catalog is the site's own, or the package's for a language the site
    has no catalog of (as the build does).
    """
    if code not in codes:
        raise UnknownReportLanguage(
            f"--lang {code}: the report is written in one of the site's languages: "
            + ", ".join(codes)
        )
    language = Language(code)
    folder = translations_dir
    if folder is None or not catalog_path(folder, code).exists():
        folder = PACKAGED_TRANSLATIONS
    problems = Problems()
    translations = load_translations(folder, language, Language(codes[0]), problems)
    if problems.errors:
        # The build refuses such a catalog too; the report names the line.
        raise UnknownReportLanguage(
            f"--lang {code}: the catalog cannot be read: {problems.errors[0]}"
        )
    return ReportLanguage(language, translations, names)
