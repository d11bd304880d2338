"""The Pelican settings every Signposter site needs, and reading a settings file.

The plugin sets each one that the site left at Pelican's default, so a site's
pelicanconf.py names only what is its own.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pelican.settings
from pelican.settings import get_settings_from_file, read_settings

from signposter.package_files import THEME
from signposter.settings import validate

PELICAN_SETTINGS: dict[str, Any] = {
    "THEME": str(THEME),
    # Pages live at content/pages/<lang>/<key>.md and are served at /<lang>/<key>/.
    "ARTICLE_PATHS": [],
    "PAGE_PATHS": ["pages"],
    "PATH_METADATA": r"pages/(?P<lang>[^/]+)/(?P<translation_key>[^/]+)\.md",
    "SLUGIFY_SOURCE": "basename",
    "PAGE_TRANSLATION_ID": "translation_key",
    "PAGE_URL": "{lang}/{slug}/",
    "PAGE_LANG_URL": "{lang}/{slug}/",
    "PAGE_SAVE_AS": "{lang}/{slug}/index.html",
    "PAGE_LANG_SAVE_AS": "{lang}/{slug}/index.html",
    "STATIC_PATHS": [],
    # Only the pages, the directory and site files: no blog, feeds or archives.
    "DIRECT_TEMPLATES": [],
    "FEED_ALL_ATOM": None,
    "FEED_ALL_RSS": None,
    "CATEGORY_FEED_ATOM": None,
    "TRANSLATION_FEED_ATOM": None,
    "TRANSLATION_FEED_RSS": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
    "AUTHOR_SAVE_AS": "",
    "CATEGORY_SAVE_AS": "",
    "TAG_SAVE_AS": "",
    "AUTHORS_SAVE_AS": "",
    "CATEGORIES_SAVE_AS": "",
    "TAGS_SAVE_AS": "",
    "ARCHIVES_SAVE_AS": "",
    "DEFAULT_PAGINATION": False,
    "DELETE_OUTPUT_DIRECTORY": True,
    "CACHE_CONTENT": False,
    # Safety pages have no code to highlight, so no codehilite.
    "MARKDOWN": {
        "extension_configs": {
            "markdown.extensions.extra": {},
            "markdown.extensions.meta": {},
        },
        "output_format": "html5",
    },
}

JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    # Each build makes new environments (Pelican does), so a template edited
    # since the last build is read again anyway: no need to check its file
    # every time a page includes it.
    "auto_reload": False,
}


def fill(settings) -> None:
    """Set each Pelican setting a Signposter site needs that the site left out."""
    defaults = pelican.settings.DEFAULT_CONFIG
    for key, value in PELICAN_SETTINGS.items():
        if key not in settings or settings[key] == defaults.get(key):
            settings[key] = copy.deepcopy(value)
    environment = settings.setdefault("JINJA_ENVIRONMENT", {})
    for key, value in JINJA_ENVIRONMENT.items():
        if key == "extensions":
            extensions = environment.setdefault("extensions", [])
            for name in value:
                if name not in extensions:
                    extensions.append(name)
        else:
            # Autoescaping is what keeps data-file text from becoming markup:
            # a site cannot turn it off.
            environment[key] = value


def load_settings(settings_file: str, output: str | None = None, **overrides):
    """Read a Pelican settings file, as the ``pelican`` command would, and check
    every SIGNPOSTER_* setting (BuildError if one is unknown or malformed)."""
    if output:
        overrides["OUTPUT_PATH"] = str(Path(output).resolve())
    # What the plugin needs and the site left out goes in before Pelican reads
    # the file, so Pelican neither resolves nor warns about its own defaults.
    own = get_settings_from_file(settings_file)
    for key, value in PELICAN_SETTINGS.items():
        if key not in own:
            overrides.setdefault(key, copy.deepcopy(value))
    settings = read_settings(settings_file, override=overrides)
    settings["SIGNPOSTER_SETTINGS_FILE"] = settings_file
    validate(settings)
    fill(settings)
    return settings
