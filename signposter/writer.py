"""Pelican writers that render each file in its own language's chrome.

Jinja2's i18n extension looks ``gettext`` and ``ngettext`` up in the render
context before the environment's globals, so one environment serves every
language when each write passes its language's callables.
"""

from __future__ import annotations

from pelican.writers import Writer


def with_language(context, kwargs: dict) -> dict:
    """``kwargs`` plus the gettext callables of the page's (or lang_code's) language."""
    site = context.get("signposter")
    code = kwargs.pop("lang_code", None) or getattr(kwargs.get("page"), "lang", None)
    if site is not None and code:
        return {**site.template_context(code), **kwargs}
    return kwargs


class LanguageWriter(Writer):
    """Writer that adds the page language's gettext callables to the context."""

    def write_file(self, name, template, context, *args, **kwargs):
        kwargs = with_language(context, kwargs)
        return super().write_file(name, template, context, *args, **kwargs)


class DeferredWriter(Writer):
    """For the preview: keeps each HTML file's render instead of writing it.

    The preview server renders a page when the browser asks for it, so a save
    costs reading and linking the sources, not rendering every page of every
    language. Used only when SIGNPOSTER_PREVIEW_PAGES holds a dict to fill.
    """

    def write_file(self, name, template, context, *args, **kwargs):
        if not name:
            return
        kwargs = with_language(context, kwargs)
        local = {
            **context,
            "localsiteurl": context.get("localsiteurl"),
            "output_file": name,
            **kwargs,
        }
        self.settings["SIGNPOSTER_PREVIEW_PAGES"][name] = lambda: template.render(local)
