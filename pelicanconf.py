"""Settings for building the Signposter demo site locally (see publishconf.py)."""

SITENAME = "Signposter"
SITEURL = ""  # pages link root-relatively, so the preview works on 127.0.0.1
SIGNPOSTER_CANONICAL_BASE = (
    "https://example.org"  # the public address, for search engines
)
PATH = "content"
THEME = "themes/signposter"
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

# Pages live at content/pages/<lang>/<key>.md and are served at /<lang>/<key>/.
ARTICLE_PATHS = []
PAGE_PATHS = ["pages"]
PATH_METADATA = r"pages/(?P<lang>[^/]+)/(?P<translation_key>[^/]+)\.md"
SLUGIFY_SOURCE = "basename"
PAGE_TRANSLATION_ID = "translation_key"
PAGE_URL = PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
STATIC_PATHS = []

# Only the pages, the directory and site files: no blog, feeds or archives.
DIRECT_TEMPLATES = []
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_RSS = None
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ARCHIVES_SAVE_AS = ""
DEFAULT_PAGINATION = False
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False

# Safety pages have no code to highlight, so no codehilite.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
    },
    "output_format": "html5",
}

JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}
