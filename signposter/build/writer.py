"""Pelican writers that render each file in its own language's chrome.

Jinja2's i18n extension looks ``gettext`` and ``ngettext`` up in the render
context before the environment's globals, so one environment serves every
language when each write passes its language's callables.

Both writers claim each path before writing it (``output_paths``), so no page
can replace another page or a file of the site.
"""

from __future__ import annotations

import os
from pathlib import Path

from pelican import signals
from pelican.writers import Writer

from signposter.build.output_paths import OutputPaths, Source, page_paths, page_source
from signposter.build.parallel_writing import Render, write_all
from signposter.build.written_site import Written, digest

# Arguments of Pelican's Writer.write_file that are not template variables.
WRITER_ARGUMENTS = (
    "relative_urls",
    "paginated",
    "template_name",
    "override_output",
    "url",
)


def with_language(context, kwargs: dict) -> dict:
    """``kwargs`` plus the gettext callables of the page's (or lang_code's) language."""
    site = context.get("signposter")
    code = kwargs.pop("lang_code", None) or getattr(kwargs.get("page"), "lang", None)
    if site is not None and code:
        return {**site.template_context(code), **kwargs}
    return kwargs


def source_of(template, kwargs: dict) -> Source:
    """The page being written, or else the theme template writing a site file."""
    page = kwargs.get("page") or kwargs.get("article")
    if page is not None and getattr(page, "source_path", None):
        return page_source(page)
    return Source(f"the site's {getattr(template, 'name', 'file')}")


class ClaimingWriter(Writer):
    """A writer that writes each path once, for one source (see output_paths)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.output_paths = OutputPaths()
        # Every file this build wrote, by name: build/written_site.py checks
        # the finished output against it.
        self.written: dict[str, Written] = {}

    def record(self, path, data: bytes | None = None) -> None:
        """Note a file written outside ``finish``: ``data``, or its bytes now."""
        name = os.path.relpath(path, self.output_path).replace(os.sep, "/")
        data = Path(path).read_bytes() if data is None else data
        self.written[name] = Written(digest(data))

    def claims(self, name, template, kwargs) -> bool:
        if not name:
            return False
        source = source_of(template, kwargs)
        page = kwargs.get("page") or kwargs.get("article")
        names = {name, *(page_paths(page) if page is not None else ())}
        return all([self.output_paths.claim(n, source) for n in sorted(names)])


class LanguageWriter(ClaimingWriter):
    """Writer that renders each file in its language, all of them on every core.

    ``write_file`` only claims the path and keeps the render; ``finish`` renders
    and writes them all (build/parallel_writing.py) once every generator has
    asked, keeping each page's contact-check scan in ``written``.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.renders: list[Render] = []

    def write_file(self, name, template, context, *args, **kwargs):
        if not self.claims(name, template, kwargs):
            return None
        kwargs = with_language(context, kwargs)
        own = {key: kwargs.pop(key) for key in WRITER_ARGUMENTS if key in kwargs}
        if args or own.get("relative_urls") or _paginates(own, kwargs):
            return self._write_now(name, template, context, *args, **own, **kwargs)
        local = {
            **context,
            "localsiteurl": context.get("localsiteurl"),
            "output_file": name,
            **kwargs,
        }
        self.renders.append(Render(name, template, local))
        return None

    def _write_now(self, *args, **kwargs):
        """What Pelican's writer paginates or links relatively, it writes, now."""
        paths = []

        def note(path, context=None):
            paths.append(path)

        with signals.content_written.connected_to(note):
            result = super().write_file(*args, **kwargs)
        for path in paths:
            self.record(path)
        return result

    def finish(self) -> None:
        """Render and write every kept render, on every core."""
        renders, self.renders = self.renders, []
        self.written.update(write_all(renders, self.output_path))


def _paginates(own: dict, kwargs: dict) -> bool:
    return bool(own.get("paginated")) or bool({"articles", "dates"} & kwargs.keys())


class DeferredWriter(ClaimingWriter):
    """For the preview: keeps each HTML file's render instead of writing it.

    The preview server renders a page when the browser asks for it, so a save
    costs reading and linking the sources, not rendering every page of every
    language. Used only when SIGNPOSTER_PREVIEW_PAGES holds a dict to fill.
    """

    def write_file(self, name, template, context, *args, **kwargs):
        if not self.claims(name, template, kwargs):
            return
        kwargs = with_language(context, kwargs)
        local = {
            **context,
            "localsiteurl": context.get("localsiteurl"),
            "output_file": name,
            **kwargs,
        }
        self.settings["SIGNPOSTER_PREVIEW_PAGES"][name] = lambda: template.render(local)
