"""Signposter's defaults; a site's pelicanconf.py overrides any of them."""

DEFAULTS = {
    # Codes Babel knows; the site's DEFAULT_LANG is always first.
    "SIGNPOSTER_LANGUAGES": ["en"],
    # Per language, the languages to borrow an untranslated page from, in order,
    # before the default language. Empty means straight to the default language.
    "SIGNPOSTER_FALLBACKS": {},
    # Folder holding <lang>/LC_MESSAGES/messages.po, relative to the site folder
    # (the parent of content/).
    "SIGNPOSTER_TRANSLATIONS_DIR": "translations",
    # The translation key of the page served at /<lang>/.
    "SIGNPOSTER_HOME_KEY": "index",
    # Keys of pages linked from every page's navigation, in order.
    "SIGNPOSTER_NAV_KEYS": ["index", "about", "privacy"],
    # Warnings become errors (publishconf.py turns this on).
    "SIGNPOSTER_STRICT": False,
    # The public address of the site, for canonical/hreflang/sitemap URLs
    # (defaults to SITEURL).
    "SIGNPOSTER_CANONICAL_BASE": "",
    # Where "Leave this site quickly" goes: somewhere neutral.
    "SIGNPOSTER_EXIT_URL": "https://www.bbc.com/weather",
    # An organisation not verified for this many months gets a warning.
    "SIGNPOSTER_STALE_MONTHS": 6,
    # Counting: {"provider": "none" | "self" | "plausible" | "matomo" | "ga4",
    #  "endpoint": where events go, "site": domain / site id / measurement id}.
    "SIGNPOSTER_ANALYTICS": {"provider": "none"},
    # The charity's anonymous reporting app: {"id": ..., "url": ...}, or None.
    "SIGNPOSTER_REPORTING_APP": None,
    # Send the quick exit through /leave/ on this site, which the generated host
    # configuration answers with Clear-Site-Data (publishconf.py turns this on).
    "SIGNPOSTER_EXIT_VIA_SITE": False,
    # A whole visit takes one history entry: links within the site replace the
    # current entry (with JavaScript), so after a quick exit Back leaves the site.
    # The cost: Back no longer returns to the previous page of this site.
    "SIGNPOSTER_ONE_HISTORY_ENTRY": False,
    # Words a reader reads per minute, for the reading-time line.
    "SIGNPOSTER_WORDS_PER_MINUTE": 180,
}


def apply_defaults(settings) -> None:
    """Fill in every SIGNPOSTER_* setting the site did not set."""
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
