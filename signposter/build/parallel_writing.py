"""Rendering and writing the pages on every core, and scanning them as they go.

Once the pages are read and linked, each page renders from the shared context
alone, so the renders are independent: worker processes forked from the build
render a share each, write the file, and scan it for the contact check
(publishing/contact_check.py) while the HTML is still in memory. Only the small
scan results travel back.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from dataclasses import dataclass

from jinja2 import Template
from pelican import signals
from pelican.utils import sanitised_join

from signposter.build.written_site import Written, digest
from signposter.publishing.contact_check import scan_html

logger = logging.getLogger(__name__)

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 200


@dataclass
class Render:
    """One file to write: its name under the output folder, template and context."""

    name: str
    template: Template
    context: dict


def write_all(renders: list[Render], output_path: str) -> dict[str, Written]:
    """Render and write every file; return what was written, by name."""
    if not renders:
        return {}
    # The first render compiles the templates every page includes, once, here,
    # rather than once in each worker; a template error also surfaces here.
    first, *rest = renders
    written = dict([_write(first, output_path)])
    cores = os.cpu_count() or 1
    if len(rest) < PARALLEL_FROM or cores < 2:
        written.update(_write(render, output_path) for render in rest)
        return written
    written.update(_write_forked(rest, output_path, cores))
    return written


# The renders of the call below, inherited by its forked workers (templates
# and contexts hold objects that cannot be pickled to them), and the counter
# through which every process takes the next one.
_shared: tuple[list[Render], str, object] | None = None


def _write_forked(renders: list[Render], output_path: str, cores: int):
    """Render in ``cores - 1`` workers and here, each taking the next render
    not yet taken, so that all finish together."""
    global _shared
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    _shared = (renders, output_path, counter)
    # Out of the workers' garbage collections, which would otherwise copy
    # every object of this process into them (reader.convert_ahead).
    gc.freeze()
    try:
        with context.Pool(cores - 1) as pool:
            pending = pool.map_async(_write_taken, range(cores - 1), 1)
            written = [
                _write(renders[i], output_path) for i in _taken(counter, len(renders))
            ]
            by_workers = 0
            for theirs, records in pending.get():
                # What a render logged (a link Pelican could not resolve, say)
                # counts in this process, where the build decides (atomic.py).
                for record in records:
                    logging.getLogger(record.name).handle(record)
                written += theirs
                by_workers += len(theirs)
        logger.info(
            "%d files were written on every core, %d of them by worker processes",
            len(renders),
            by_workers,
        )
    finally:
        _shared = None
        gc.unfreeze()
    return written


def _taken(counter, total: int):
    """The indexes this process takes, one at a time, until none is left."""
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value = index + 1
        if index >= total:
            return
        yield index


class _Keep(logging.Handler):
    """Keeps a worker's log records, to be sent back and logged by the build."""

    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.records.append(record)


def _write_taken(_worker: int):
    """In a worker: write renders until none is left; what was written, and logged."""
    renders, output_path, counter = _shared
    keep, root = _Keep(), logging.getLogger()
    handlers, root.handlers = root.handlers, [keep]
    try:
        written = [
            _write(renders[i], output_path) for i in _taken(counter, len(renders))
        ]
    finally:
        root.handlers = handlers
    return written, keep.records


def _write(render: Render, output_path: str) -> tuple[str, Written]:
    html = render.template.render(render.context)
    data = html.encode("utf-8")
    path = sanitised_join(output_path, render.name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    overwrite(path, data)
    logger.info('Writing "%s"', path)
    # In a worker, for other plugins' receivers as Pelican's writer sends it;
    # what they keep in memory stays in that worker (docs/architecture.md).
    signals.content_written.send(path, context=render.context)
    name = os.path.relpath(path, output_path).replace(os.sep, "/")
    scan = scan_html(html) if name.endswith(".html") else None
    return name, Written(digest(data), scan)


def overwrite(path: str, data: bytes) -> None:
    """Write ``data`` over the file at ``path``, in the blocks it already has.

    The staging folder holds an older build of the same site (build/atomic.py),
    so most files are there already, at about the same size: writing over one
    costs the file system far less than emptying it and filling it again.
    """
    try:
        file = open(path, "r+b")  # noqa: SIM115 - closed below, either way
    except FileNotFoundError:
        file = open(path, "wb")  # noqa: SIM115
    with file:
        file.write(data)
        file.truncate()
