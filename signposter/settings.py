"""Every SIGNPOSTER_* setting: its default, what it expects, and one check.

A site's pelicanconf.py overrides any of them. ``validate`` runs once when a
build or command starts: it fills in the defaults, and an unknown
SIGNPOSTER_* name or a value of the wrong shape is an error naming the
setting, what it expects and what it received (as MkDocs checks its config).
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from signposter.problems import BuildError, Problem

Check = Callable[[Any], str | None]  # an error message, or None if the value is fine


@dataclass(frozen=True)
class Option:
    default: Any
    expects: str  # in the words of the error message: "a list of language codes"
    check: Check


def _is(kind) -> Check:
    def check(value):
        # bool is an int in Python, but True is not a number of months
        ok = isinstance(value, kind) and not (
            isinstance(value, bool) and kind is not bool
        )
        return None if ok else "wrong type"

    return check


def _list_of_str(value) -> str | None:
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(item, str) for item in value
    ):
        return "wrong type"
    return None


def _fallbacks(value) -> str | None:
    if not isinstance(value, dict):
        return "wrong type"
    for code, chain in value.items():
        if not isinstance(code, str) or _list_of_str(chain):
            return f"the entry {code!r}: {chain!r} is not a list of codes"
    return None


def _positive_int(value) -> str | None:
    if _is(int)(value) or value < 1:
        return "wrong type"
    return None


def _analytics(value) -> str | None:
    if not isinstance(value, dict) or "provider" not in value:
        return "wrong type"
    return None


def _reporting_app(value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not {"id", "url"} <= set(value):
        return "wrong type"
    return None


def _page_headers(value) -> str | None:
    if not isinstance(value, dict):
        return "wrong type"
    for name, allowed in value.items():
        if not isinstance(name, str):
            return f"the header {name!r} is not a name"
        if allowed is not None and _list_of_str(allowed):
            return f"the values of {name!r} must be None or a list of strings"
    return None


def _optional_date(value) -> str | None:
    if value is None:
        return None
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        return "wrong type"
    return None


def _editor_backend(value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("name") not in (
        "github",
        "gitlab",
        "gitea",
        "git-gateway",
    ):
        return "wrong type"
    return None


def _locale_code(value) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"[a-z]{2}(_[A-Za-z]+)?", value):
        return None
    return "wrong type"


def _optional_str(value) -> str | None:
    return None if value is None or isinstance(value, str) else "wrong type"


OPTIONS: dict[str, Option] = {
    # Codes Babel knows; the site's DEFAULT_LANG is always first.
    "SIGNPOSTER_LANGUAGES": Option(
        ["en"], "a list of language codes, e.g. ['en', 'uk']", _list_of_str
    ),
    # Per language, the languages to borrow an untranslated page from, in order,
    # before the default language. Empty means straight to the default language.
    "SIGNPOSTER_FALLBACKS": Option(
        {}, "a dict of language code -> list of codes, e.g. {'be': ['ru']}", _fallbacks
    ),
    # Folder holding <lang>/LC_MESSAGES/messages.po, relative to the site folder
    # (the parent of content/). Languages without a catalog there use the
    # catalogs that ship with the package.
    "SIGNPOSTER_TRANSLATIONS_DIR": Option(
        "translations", "a folder path as a string", _is(str)
    ),
    # The translation key of the page served at /<lang>/.
    "SIGNPOSTER_HOME_KEY": Option("index", "a page key as a string", _is(str)),
    # Keys of pages linked from every page's navigation, in order.
    "SIGNPOSTER_NAV_KEYS": Option(
        ["index", "about", "privacy"], "a list of page keys", _list_of_str
    ),
    # Warnings become errors (publishconf.py turns this on).
    "SIGNPOSTER_STRICT": Option(False, "True or False", _is(bool)),
    # The public address of the site, for canonical/hreflang/sitemap URLs
    # (defaults to SITEURL).
    "SIGNPOSTER_CANONICAL_BASE": Option(
        "", "an address such as 'https://help.example.org'", _is(str)
    ),
    # Where "Leave this site quickly" goes: somewhere neutral.
    "SIGNPOSTER_EXIT_URL": Option(
        "https://www.bbc.com/weather", "an https:// address", _is(str)
    ),
    # An organisation not verified for this many months gets a warning.
    "SIGNPOSTER_STALE_MONTHS": Option(6, "a whole number of months", _positive_int),
    # Counting: {"provider": "none" | "self" | "plausible" | "matomo" | "ga4",
    #  "endpoint": where events go, "site": domain / site id / measurement id}.
    "SIGNPOSTER_ANALYTICS": Option(
        {"provider": "none"}, "a dict with at least a 'provider' key", _analytics
    ),
    # The charity's anonymous reporting app: {"id": ..., "url": ...}, or None.
    "SIGNPOSTER_REPORTING_APP": Option(
        None, "None or a dict with 'id' and 'url'", _reporting_app
    ),
    # Send the quick exit through /leave/ on this site, which the generated host
    # configuration answers with Clear-Site-Data (publishconf.py turns this on).
    "SIGNPOSTER_EXIT_VIA_SITE": Option(False, "True or False", _is(bool)),
    # A whole visit takes one history entry: links within the site replace the
    # current entry (with JavaScript), so after a quick exit Back leaves the site.
    # The cost: Back no longer returns to the previous page of this site.
    "SIGNPOSTER_ONE_HISTORY_ENTRY": Option(False, "True or False", _is(bool)),
    # Words a reader reads per minute, for the reading-time line.
    "SIGNPOSTER_WORDS_PER_MINUTE": Option(180, "a whole number", _positive_int),
    # The only headers a page may have, each with its allowed values (None: any);
    # others (Save_as, Url, Slug, Status …) could move a page, so they are errors.
    "SIGNPOSTER_PAGE_HEADERS": Option(
        {
            "title": None,
            "summary": None,
            "reviewed": None,
            "source_hash": None,
            "lang": None,
            "translation_key": None,
            "template": ["campaign"],
            "phase": None,
            "countries": None,
            "languages": None,
            "topics": None,
        },
        "a dict of header name -> None (any value) or a list of allowed values",
        _page_headers,
    ),
    # Links to plain http:// addresses in pages are allowed without a warning.
    "SIGNPOSTER_ALLOW_HTTP_LINKS": Option(False, "True or False", _is(bool)),
    # Where remote volunteers' edits go (docs/editing.md): Decap's git backend,
    # e.g. {"name": "github", "repo": "charity/site", "branch": "main"}.
    "SIGNPOSTER_EDITOR_BACKEND": Option(
        None,
        "None or a dict with name github, gitlab, gitea or git-gateway",
        _editor_backend,
    ),
    # The language of the editor's own buttons and menus (`invoke edit`): one
    # of Decap CMS's locales, e.g. "en" or "uk".
    "SIGNPOSTER_EDITOR_LOCALE": Option("en", "a Decap CMS locale code", _locale_code),
    # The date that "last verified N months ago" is counted from: None means
    # today. Tests fix it (so they pass next year too); the environment variable
    # SIGNPOSTER_TODAY sets it for one command.
    "SIGNPOSTER_TODAY": Option(
        None, "None or a date written YEAR-MONTH-DAY", _optional_date
    ),
    # Set by the tools themselves, not by sites: the settings file (for
    # messages) and, in the live preview, the pages to render.
    "SIGNPOSTER_SETTINGS_FILE": Option(None, "a file path", _optional_str),
    "SIGNPOSTER_PREVIEW_PAGES": Option(None, "a set of pages", lambda value: None),
}

# Marks settings that have been through validate(), so it runs once per build.
_VALIDATED = "_SIGNPOSTER_SETTINGS_VALID"


def validate(settings) -> None:
    """Fill in every default and check every SIGNPOSTER_* setting, once.

    Raise BuildError listing every unknown or malformed setting.
    """
    if settings.get(_VALIDATED):
        return
    where = settings.get("SIGNPOSTER_SETTINGS_FILE") or "<settings>"
    problems = []
    for key in sorted(k for k in settings if k.startswith("SIGNPOSTER_")):
        if key not in OPTIONS:
            problems.append(
                Problem(
                    where,
                    None,
                    key,
                    "is not a Signposter setting",
                    f"check the spelling; the settings are {', '.join(OPTIONS)}",
                )
            )
    if settings.get("SIGNPOSTER_TODAY") is None and os.environ.get("SIGNPOSTER_TODAY"):
        settings["SIGNPOSTER_TODAY"] = os.environ["SIGNPOSTER_TODAY"]
    for key, option in OPTIONS.items():
        value = settings.setdefault(key, _copy(option.default))
        error = option.check(value)
        if error:
            detail = "" if error == "wrong type" else f" ({error})"
            problems.append(
                Problem(
                    where,
                    None,
                    key,
                    f"expected {option.expects}, but received {value!r}{detail}",
                )
            )
    if problems:
        raise BuildError(problems)
    settings[_VALIDATED] = True


def today(settings) -> datetime.date:
    """The date the build counts from: SIGNPOSTER_TODAY, or else today."""
    fixed = settings.get("SIGNPOSTER_TODAY")
    return datetime.date.fromisoformat(str(fixed)) if fixed else datetime.date.today()


def _copy(value):
    """Defaults are shared between builds: never hand out the same list twice."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value
