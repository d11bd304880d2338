"""Rendering and writing the pages on every core, and scanning them as they go.

Once the pages are read and linked, each page renders from the shared context
alone, so the renders are independent: worker processes forked from the build
render a share each, write the file, and scan it for the contact check
(publishing/contact_check.py) while the HTML is still in memory. Only the small
scan results travel back.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from dataclasses import dataclass

from jinja2 import Template
from pelican import signals
from pelican.utils import sanitised_join

from signposter.publishing.contact_check import ScannedPage, scan_html

logger = logging.getLogger(__name__)

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 200


@dataclass
class Render:
    """One file to write: its name under the output folder, template and context."""

    name: str
    template: Template
    context: dict


def write_all(renders: list[Render], output_path: str) -> dict[str, ScannedPage]:
    """Render and write every file; return each HTML file's scan, by name."""
    if not renders:
        return {}
    # The first render compiles the templates every page includes, once, here,
    # rather than once in each worker; a template error also surfaces here.
    first, *rest = renders
    scans = dict([_write(first, output_path)])
    cores = os.cpu_count() or 1
    if len(rest) < PARALLEL_FROM or cores < 2:
        scans.update(_write(render, output_path) for render in rest)
        return {name: scan for name, scan in scans.items() if scan is not None}
    scans.update(_write_forked(rest, output_path, cores))
    logger.info("%d files were written on every core", len(rest))
    return {name: scan for name, scan in scans.items() if scan is not None}


# The renders of the call below, inherited by its forked workers: templates
# and contexts hold objects that cannot be pickled to them.
_shared: tuple[list[Render], str] | None = None


def _write_forked(renders: list[Render], output_path: str, cores: int):
    global _shared
    _shared = (renders, output_path)
    written = []
    try:
        with multiprocessing.get_context("fork").Pool(cores) as pool:
            chunk = max(1, len(renders) // (cores * 4))
            indexes = range(len(renders))
            for name, scan, records in pool.imap_unordered(_write_nth, indexes, chunk):
                # What a render logged (a link Pelican could not resolve, say)
                # counts in this process, where the build decides (atomic.py).
                for record in records:
                    logging.getLogger(record.name).handle(record)
                written.append((name, scan))
    finally:
        _shared = None
    return written


class _Keep(logging.Handler):
    """Keeps a worker's log records, to be sent back and logged by the build."""

    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.records.append(record)


def _write_nth(index: int):
    renders, output_path = _shared
    keep, root = _Keep(), logging.getLogger()
    handlers, root.handlers = root.handlers, [keep]
    try:
        name, scan = _write(renders[index], output_path)
    finally:
        root.handlers = handlers
    return name, scan, keep.records


def _write(render: Render, output_path: str) -> tuple[str, ScannedPage | None]:
    html = render.template.render(render.context)
    path = sanitised_join(output_path, render.name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as file:
        file.write(html)
    logger.info('Writing "%s"', path)
    # In a worker, for other plugins' receivers as Pelican's writer sends it;
    # what they keep in memory stays in that worker (docs/architecture.md).
    signals.content_written.send(path, context=render.context)
    name = os.path.relpath(path, output_path).replace(os.sep, "/")
    return name, scan_html(html) if name.endswith(".html") else None
