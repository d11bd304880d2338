"""A Pelican writer that renders each file in its own language's chrome.

Jinja2's i18n extension looks ``gettext`` and ``ngettext`` up in the render
context before the environment's globals, so one environment serves every
language when each write passes its language's callables.
"""

from __future__ import annotations

from pelican.writers import Writer


class LanguageWriter(Writer):
    """Writer that adds the page language's gettext callables to the context."""

    def write_file(self, name, template, context, *args, **kwargs):
        site = context.get("signposter")
        code = kwargs.pop("lang_code", None) or getattr(
            kwargs.get("page"), "lang", None
        )
        if site is not None and code:
            kwargs = {**site.template_context(code), **kwargs}
        return super().write_file(name, template, context, *args, **kwargs)
