"""Every output file has exactly one source; a second writer of a path is refused.

Pelican lets a page with its own ``save_as`` overwrite a file written before it,
and our generator writes site files straight to disk. Either way a page could
silently take the place of a country's list of organisations, the language
chooser, the 404 page or the service worker. So each write claims its path
first, naming its source; a second claim is refused, not written, and reported
with both names once everything has been written (to the staging folder only:
the build then fails and output/ stays as it was).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from signposter.problems import BuildError, Problem, display_path
from signposter.translation.metadata import metadata_line

# Page headers that decide a page's path, in the order a clash is traced to.
_PATH_HEADERS = ("save_as", "url", "slug", "lang", "translation_key")


@dataclass(frozen=True)
class Source:
    """Who writes a file: a page (its source file, or a language's fallback
    copy of it), or the site (``label``)."""

    label: str | None = None
    path: str | None = None
    fallback_lang: str | None = None

    @property
    def what(self) -> str:
        """How a clash names it; worked out only when one is reported."""
        if self.path is None:
            return self.label or "the site"
        shown = display_path(self.path)
        if self.fallback_lang:
            return f"the {self.fallback_lang} fallback copy of {shown}"
        return shown

    @property
    def line(self) -> int | None:
        """The line of the header that placed the page, if any.

        Read from the file only when a clash is reported: every page claims
        its path, and almost none clash.
        """
        if not self.path:
            return None
        return next(
            (n for key in _PATH_HEADERS if (n := metadata_line(self.path, key))), None
        )


def page_source(page) -> Source:
    """The source of a page."""
    if getattr(page, "is_fallback", False):
        return Source(path=page.source_path, fallback_lang=page.lang)
    return Source(path=page.source_path)


class OutputPaths:
    """Which source claimed each output path, and the claims refused."""

    def __init__(self):
        self.owners: dict[str, Source] = {}
        self.refused: list[tuple[str, Source, Source]] = []

    def claim(self, name: str, source: Source) -> bool:
        """Record ``source`` as the writer of ``name``; False if another has it."""
        key = os.path.normpath(str(name).lstrip("/"))
        first = self.owners.setdefault(key, source)
        if first != source:
            self.refused.append((key, first, source))
            return False
        return True

    def claim_theme_files(self, settings) -> None:
        """The theme's static files, which Pelican copies after everything else."""
        theme = Path(settings["THEME"])
        for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
            root = theme / folder
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                name = Path(settings["THEME_STATIC_DIR"]) / path.relative_to(root)
                self.claim(str(name), Source(f"the theme's file {name}"))

    def problems(self) -> list[Problem]:
        """One error per pair of sources, on the page's source file if there is one."""
        clashes: dict[tuple, list[str]] = {}
        for name, first, second in self.refused:
            clashes.setdefault((first, second), []).append(name)
        found = []
        for (first, second), names in clashes.items():
            # Report where the fix is: the page file, at its moving header.
            if not second.path or (first.line and not second.line):
                here, other = first, second
            else:
                here, other = second, first
            more = f" (and {len(names) - 1} more)" if len(names) > 1 else ""
            found.append(
                Problem(
                    display_path(here.path) if here.path else "<site>",
                    here.line,
                    "output path",
                    f"{here.what} and {other.what} would both be published as "
                    f"{names[0]}{more}",
                    "a page must never replace another page or a file of the site: "
                    "rename the page's file, or remove the header that moves it",
                )
            )
        return found

    def raise_if_clashed(self) -> None:
        if self.refused:
            raise BuildError(self.problems())


def page_paths(page) -> set[str]:
    """The file a page is written to, and the one its URL points at, if another.

    A page whose URL is another page's address would take that page's place in
    every link, even if its own file goes elsewhere.
    """
    paths = {page.save_as}
    url = str(getattr(page, "url", "") or "")
    if url and "://" not in url and not url.startswith("#"):
        path = url.split("#", 1)[0].split("?", 1)[0]
        paths.add(path + "index.html" if path.endswith("/") or not path else path)
    return {p for p in paths if p}


def claim(writer, name: str, source: Source) -> bool:
    """Claim ``name`` through ``writer`` if it keeps track (Pelican's own does not)."""
    paths = getattr(writer, "output_paths", None)
    return paths is None or paths.claim(name, source)
