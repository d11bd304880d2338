"""An all-or-nothing Pelican run: build beside output/, swap in only on success.

Readers must never be served half a site, so the last good output/ is left
exactly as it was whenever a build fails, whatever the reason.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import subprocess
import sys
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
        with output_lock(final):
            self._run_locked(final)

    def _run_locked(self, final: Path):
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


@contextlib.contextmanager
def output_lock(final: Path):
    """Hold the lock of one output folder; wait (saying so) while another run has it.

    The lock is per output folder, not per project: two builds into one
    output/ share a staging folder and would delete each other's files, while
    builds into different folders (tests, `invoke publish`'s temporary folder,
    the preview's own folder) cannot meet and may run side by side.
    """
    final = final.absolute()
    final.parent.mkdir(parents=True, exist_ok=True)
    path = final.with_name(f".{final.name}.lock")
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            print(
                f"Waiting: {holder} is building into {final}; this build starts "
                "when it has finished.",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def swap_into_place(staging: Path, final: Path) -> None:
    """Replace ``final`` with ``staging`` by renaming, never by copying.

    The replaced site is deleted in the background: deleting its files takes
    about as long as writing them, and once renamed nobody reads it.
    """
    previous = final.with_name(f".{final.name}-previous-{os.getpid()}")
    shutil.rmtree(previous, ignore_errors=True)  # left by an earlier same pid
    if final.exists():
        os.rename(final, previous)
    os.rename(staging, final)
    # Ours, and any an interrupted deletion left behind.
    for leftover in final.parent.glob(f".{final.name}-previous-*"):
        remove_in_background(leftover)


# Deletions still running, polled on the next call so none is left a zombie.
_deleting: list[subprocess.Popen] = []


def remove_in_background(folder: Path) -> None:
    """Delete ``folder`` in a process of its own, holding none of our files."""
    _deleting[:] = [process for process in _deleting if process.poll() is None]
    _deleting.append(
        subprocess.Popen(
            ["rm", "-rf", "--", str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl-C of the build does not stop it
        )
    )


def _as_problem(record: logging.LogRecord) -> Problem:
    return Problem(
        "<pelican>",
        None,
        record.name,
        record.getMessage(),
        severity=record.levelname.lower(),
    )
