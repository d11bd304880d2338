"""Country codes and names, from Babel's CLDR data."""

from __future__ import annotations

from functools import cache

from babel import Locale


@cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code CLDR names (no numeric regions such as 150)."""
    return frozenset(
        code for code in Locale("en").territories if len(code) == 2 and code.isalpha()
    )


def is_country_code(code) -> bool:
    return isinstance(code, str) and code.upper() == code and code in country_codes()


@cache
def country_name(code: str, locale: str) -> str:
    """The country's name in the reader's language."""
    return Locale.parse(locale).territories.get(code, code)
