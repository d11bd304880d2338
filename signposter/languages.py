"""The site's languages, described by Babel's CLDR data rather than typed tables."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from functools import cached_property

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.plurals import get_plural


@dataclass(frozen=True)
class Language:
    """One language of the site: its code and what Babel knows about it."""

    code: str

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(self.code)

    @cached_property
    def native_name(self) -> str:
        """The language's name in itself, capitalised as a menu item would be."""
        name = self.locale.get_display_name(self.locale)
        return name[:1].upper() + name[1:]

    @cached_property
    def english_name(self) -> str:
        return self.locale.get_display_name("en")

    @property
    def direction(self) -> str:
        return _direction(self.code)  # "ltr" or "rtl"

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def plural_forms(self) -> int:
        """How many forms gettext catalogs of this language have (Arabic: 6)."""
        return get_plural(self.locale).num_plurals

    @property
    def plural_header(self) -> str:
        """The gettext Plural-Forms value for this language, from CLDR."""
        return get_plural(self.locale).plural_forms

    def name_in(self, other: Language) -> str:
        """This language's name as a reader of ``other`` would say it."""
        return self.locale.get_display_name(other.locale) or self.code

    def format_date(self, value, fmt: str = "long") -> str:
        return format_date(value, format=fmt, locale=self.locale)

    def __str__(self) -> str:
        return self.code


# Every page asks, many times; CLDR's answer takes a locale's data to read.
@functools.lru_cache
def _direction(code: str) -> str:
    return Locale.parse(code).text_direction


def parse_language(code: str) -> Language:
    """Return the Language for ``code``; raise ValueError if Babel does not know it."""
    if not isinstance(code, str) or not code.strip():
        raise ValueError(f"a language code is empty or not text: {code!r}")
    try:
        Locale.parse(code.strip())
    except (UnknownLocaleError, ValueError) as err:
        raise ValueError(f"unknown language code {code!r}") from err
    return Language(code.strip())


def site_languages(settings) -> list[Language]:
    """Return the languages declared in settings, default language first."""
    codes = list(settings["SIGNPOSTER_LANGUAGES"])
    default = settings["DEFAULT_LANG"]
    if default in codes:
        codes.remove(default)
    return [parse_language(c) for c in [default, *codes]]
