"""``N_`` marks a string for the gettext catalogs where it is defined.

The string is translated later, where it is shown, in the reader's (or the
report's, or the editor's) language; ``.venv/bin/invoke i18n-extract`` finds it
by this name, one of Babel's default keywords.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools look for
    return message
