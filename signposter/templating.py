"""Jinja2 filters the theme uses."""

from __future__ import annotations

from markupsafe import Markup


def lang_attrs(content, chrome_language) -> Markup:
    """`` lang=.. dir=..`` when a page's text is not in the chrome's language.

    A fallback page shows English text inside, say, Farsi chrome: screen readers
    and the bidi algorithm need to know the text is English and left-to-right.
    """
    language = getattr(content, "content_language", None)
    if language is None or language == chrome_language:
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(language.code, language.direction)


FILTERS = {"lang_attrs": lang_attrs}
