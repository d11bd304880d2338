"""Settings for $name (local builds; see publishconf.py for production).

The signposter plugin sets every Pelican setting a Signposter site needs; this
file only says what is particular to this site. Every SIGNPOSTER_* setting is
listed, with its default, in the signposter package's settings.py.
"""

SITENAME = "$name"
SITEURL = ""  # pages link root-relatively, so the preview works on 127.0.0.1
PATH = "content"
PLUGINS = ["signposter"]
PELICAN_CLASS = "signposter.AtomicPelican"
TIMEZONE = "UTC"

DEFAULT_LANG = "$lang"
# Adding a language: one code here, then pages under content/pages/<code>/.
SIGNPOSTER_LANGUAGES = ["$lang"]
