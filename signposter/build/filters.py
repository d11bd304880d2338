"""Jinja2 filters the theme uses."""

from __future__ import annotations

import json
from functools import cache

from babel import Locale
from babel.dates import get_day_names, get_timezone_name
from babel.lists import format_list
from markupsafe import Markup

from signposter.country_names import country_name
from signposter.languages import Language

DAYS = ["mo", "tu", "we", "th", "fr", "sa", "su"]


def lang_attrs(content, chrome_language) -> Markup:
    """`` lang=.. dir=..`` when a page's text is not in the chrome's language.

    A fallback page shows English text inside, say, Farsi chrome: screen readers
    and the bidi algorithm need to know the text is English and left-to-right.
    """
    language = getattr(content, "content_language", None)
    if language is None or language == chrome_language:
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(language.code, language.direction)


def lang_attr(code, chrome_language) -> Markup:
    """The same for a fragment whose language is known only by its code."""
    if not code or code == chrome_language.code:
        return Markup("")
    return lang_attrs(
        type("Fragment", (), {"content_language": Language(code)}), chrome_language
    )


@cache
def _locale(code: str) -> Locale:
    return Locale.parse(code)


def language_name(code: str, reader: Language) -> str:
    """``code``'s name in the reader's language (Babel), e.g. uk in ar: الأوكرانية."""
    return _locale(reader.code).languages.get(code, code)


def country(code: str, reader: Language) -> str:
    return country_name(code, reader.code)


def opening_hours(hours, reader: Language) -> str:
    """e.g. "Mon–Fri 09:00–17:00 (Central European Time)", in the reader's language."""
    if not hours:
        return ""
    return _opening_hours(json.dumps(hours, sort_keys=True), reader.code)


@cache
def _opening_hours(hours_json: str, code: str) -> str:
    hours = json.loads(hours_json)
    reader = Language(code)
    names = get_day_names("abbreviated", locale=reader.locale)
    parts = []
    for slot in hours.get("schedule", []):
        days = sorted(DAYS.index(d) for d in slot["days"])
        if days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
            label = f"{names[days[0]]}–{names[days[-1]]}"
        else:
            label = ", ".join(names[d] for d in days)
        parts.append(f"{label} {slot['opens']}–{slot['closes']}")
    zone = get_timezone_name(hours["timezone"], locale=reader.locale)
    return f"{'; '.join(parts)} ({zone})" if parts else ""


def help_now(countries, directory) -> tuple[list, list]:
    """The emergency numbers every one of ``countries`` answers, then their hotlines.

    A campaign aimed at many countries shows the numbers they share (112 across
    the EU) rather than a long list, so the block fits on the first screen.
    """
    known = [directory.countries[c] for c in countries if c in directory.countries]
    if not known:
        return [], []
    shared = [
        number
        for number in known[0].emergency
        if all(number.e164 in {n.e164 for n in c.emergency} for c in known[1:])
    ]
    hotlines = [(c.code, hotline) for c in known for hotline in c.hotlines]
    return shared, hotlines


def soft_breaks(text: str) -> Markup:
    """Escape ``text`` and let a long email or web address wrap only after "@",
    "/" or before "."; never inside a name."""
    return (
        Markup.escape(text)
        .replace("@", Markup("@<wbr>"))
        .replace(".", Markup("<wbr>."))
        .replace("/", Markup("/<wbr>"))
    )


def list_of(items, reader: Language, style: str = "standard") -> str:
    """``items`` joined as the reader's language joins a list (Arabic uses "،")."""
    return format_list([str(item) for item in items], style=style, locale=reader.code)


FILTERS = {
    "help_now": help_now,
    "list_of": list_of,
    "soft_breaks": soft_breaks,
    "lang_attrs": lang_attrs,
    "lang_attr": lang_attr,
    "language_name": language_name,
    "country_name": country,
    "opening_hours": opening_hours,
}
