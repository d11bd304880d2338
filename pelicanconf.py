"""Settings for building the Signposter demo site locally (see publishconf.py).

The plugin sets the Pelican settings every Signposter site needs (page paths
and URLs per language, the packaged theme, no feeds or archives); this file
only says what is particular to this site. signposter/settings.py lists every
SIGNPOSTER_* setting with its default.
"""

SITENAME = "Signposter"
SITEURL = ""  # pages link root-relatively, so the preview works on 127.0.0.1
SIGNPOSTER_CANONICAL_BASE = (
    "https://example.org"  # the public address, for search engines
)
PATH = "content"
PLUGINS = ["signposter"]
PELICAN_CLASS = "signposter.AtomicPelican"
TIMEZONE = "Europe/London"

# The site's languages. Adding a language is one line here, plus its
# translations/<code>/LC_MESSAGES/messages.po and pages under content/pages/<code>/.
DEFAULT_LANG = "en"
SIGNPOSTER_LANGUAGES = [
    "en",
    "uk",
    "ru",
    "ar",
    "fa",
    "bn",
    "hi",
    "be",
    "fr",
]
# Where a page is not translated, borrow it from these languages before English.
# Empty by default: Ukrainian readers are never sent to Russian unless a site asks.
SIGNPOSTER_FALLBACKS = {}

# Counting (docs/analytics.md): nothing is counted in local builds.
SIGNPOSTER_ANALYTICS = {"provider": "none"}
# The charity's anonymous reporting app (an example address in the demo).
SIGNPOSTER_REPORTING_APP = {
    "id": "reporting-app",
    "url": "https://example.org/reporting-app",
}
