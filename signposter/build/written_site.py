"""The finished output, checked once everything is in it: every page is one
this build wrote, and every contact on it is a known one.

Pelican copies static files (content's and the theme's) and runs other
plugins' generators after ours, so the check waits for ``finalized``. A page
whose bytes are still the ones a worker wrote is not parsed again: its scan
(build/parallel_writing.py) is used. Any other HTML is refused, because it
never went through the sanitizer, the header allowlist or the output-path
claims: a static file named, renamed or compressed into a page, a file in the
theme's static folder, another plugin's output.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from signposter.problems import Problem, Problems
from signposter.publishing.contact_check import ScannedPage, check_site, scan_html

# What browsers and servers treat as a web page, compressed or not.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml")
COMPRESSED = (".gz", ".br")


@dataclass(frozen=True)
class Written:
    """A file this build wrote: a digest of its bytes, and its scan if a page."""

    digest: str
    scan: ScannedPage | None = None


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_page(name: str) -> bool:
    """Whether a host would serve ``name`` (or its .gz/.br copy) as a web page."""
    lower = name.lower()
    for suffix in COMPRESSED:
        lower = lower.removesuffix(suffix)
    return lower.endswith(PAGE_SUFFIXES)


def entries(folder: Path) -> Iterator[tuple[str, os.DirEntry]]:
    """Everything in ``folder`` as (name under it, entry), each folder before
    what it holds; links are listed, never followed."""

    def walk(path, prefix: str):
        with os.scandir(path) as listing:
            found = list(listing)  # the caller may remove what it is given
        for entry in found:
            name = prefix + entry.name
            yield name, entry
            if entry.is_dir(follow_symlinks=False):
                yield from walk(entry.path, name + "/")

    if folder.is_dir():
        yield from walk(folder, "")


def _files(folder: Path) -> list[tuple[str, bool]]:
    """(name, whether it is a symbolic link) of everything but folders in
    ``folder``, sorted."""
    return sorted(
        (name, entry.is_symlink())
        for name, entry in entries(folder)
        if entry.is_symlink() or not entry.is_dir()
    )


def output_state(folder: Path) -> dict[str, tuple]:
    """Every file and link in ``folder``, with what changes when it is written."""
    state = {}
    for name, _ in _files(folder):
        status = os.lstat(folder / name)
        state[name] = (status.st_ino, status.st_ctime_ns, status.st_size)
    return state


def changed_since_checked(folder: Path, checked: dict | None) -> list[Problem]:
    """A problem for each file added, changed or removed since ``checked``
    (``output_state`` when the finished site was checked)."""
    if checked is None:
        return []
    now = output_state(folder)
    return [
        Problem(
            name,
            None,
            "file",
            "changed after the finished site was checked (another plugin writing "
            "when Pelican had finished), so it would be published unchecked",
            "write it from a generator, before Pelican finishes",
        )
        for name in sorted(set(now) | set(checked))
        if now.get(name) != checked.get(name)
    ]


def check_written_site(
    folder: Path, settings, written: dict[str, Written], directory
) -> Problems:
    """Refuse pages this build did not write; contact-check every page against
    ``directory``, the one the build read."""
    problems = Problems(strict=settings.get("SIGNPOSTER_STRICT", False))
    scans: dict[str, ScannedPage] = {}
    for name, is_link in _files(folder):
        if is_link:
            problems.add(
                name,
                None,
                "file",
                "is a link: a host would serve whatever it points at, unchecked",
                "copy the file into the site instead of linking to it",
            )
            continue
        if not is_page(name):
            continue
        data = (folder / name).read_bytes()
        ours = written.get(name)
        if ours is not None and ours.digest == digest(data) and name.endswith(".html"):
            scans[name] = ours.scan or scan_html(data.decode("utf-8"))
            continue
        problems.add(
            name,
            None,
            "file",
            "is a web page the build did not write from a checked page (a static "
            "file, a file in the theme's static folder or another plugin's "
            "output), so it would be published unchecked",
            "make it a page in content/pages/, or remove it",
        )
        if name.endswith(".html"):  # its contacts are named too
            scans[name] = scan_html(data.decode("utf-8", errors="replace"))
    # Its findings are the same Problems: one list, one verdict.
    problems.items += check_site(settings, scans, directory).items
    return problems
