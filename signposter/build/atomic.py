"""An all-or-nothing Pelican run: build beside output/, swap in only on success.

Readers must never be served half a site, so the last good output/ is left
exactly as it was whenever a build fails, whatever the reason.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from pelican import Pelican

from signposter.problems import BuildError, Problem


class _LogCounter(logging.Handler):
    """Remembers every log record at or above its level during one build."""

    def __init__(self, level):
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        if not record.name.startswith("signposter"):
            self.records.append(record)


class AtomicPelican(Pelican):
    """Pelican whose run() replaces OUTPUT_PATH only when the build is clean.

    Errors Pelican itself logs (a page it could not read, say) fail the build
    too; under SIGNPOSTER_STRICT so do its warnings.
    """

    def run(self):
        final = Path(self.settings["OUTPUT_PATH"])
        staging = final.with_name(f".{final.name}-staging")
        shutil.rmtree(staging, ignore_errors=True)
        strict = self.settings.get("SIGNPOSTER_STRICT", False)
        counter = _LogCounter(logging.WARNING if strict else logging.ERROR)
        logging.getLogger().addHandler(counter)
        self.output_path = str(staging)
        try:
            super().run()
            if counter.records:
                raise BuildError([_as_problem(r) for r in counter.records])
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            self.output_path = str(final)
            logging.getLogger().removeHandler(counter)
        swap_into_place(staging, final)


def swap_into_place(staging: Path, final: Path) -> None:
    """Replace ``final`` with ``staging`` by renaming, never by copying."""
    previous = final.with_name(f".{final.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    if final.exists():
        os.rename(final, previous)
    os.rename(staging, final)
    shutil.rmtree(previous, ignore_errors=True)


def _as_problem(record: logging.LogRecord) -> Problem:
    return Problem(
        "<pelican>",
        None,
        record.name,
        record.getMessage(),
        severity=record.levelname.lower(),
    )
