"""Where the files that ship inside the package are (the wheel's package data)."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SCHEMAS = PACKAGE / "schemas"
STATIC = PACKAGE / "static"
# The theme and the default catalogs are symlinks to the repository's
# themes/signposter/ and translations/, copied into the wheel when it is built.
THEME = PACKAGE / "theme"
TRANSLATIONS = PACKAGE / "default_translations"
STARTER = PACKAGE / "starter"
