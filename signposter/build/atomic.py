"""An all-or-nothing Pelican run: build beside output/, swap in only on success.

Readers must never be served half a site, so the last good output/ is left
exactly as it was whenever a build fails, whatever the reason.

The build writes over the site before the live one, kept beside it as the
staging folder, rather than into a new folder: creating every file and folder
anew costs the file system more than rewriting them (most of a build's time
on some disks). What the build did not write there is removed before the
finished site is checked, so nothing of an older build is published.
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

from signposter.build.reader import Converting
from signposter.build.written_site import changed_since_checked, entries
from signposter.problems import BuildError, Problem


class _LogCounter(logging.Handler):
    """Remembers every log record at or above its level during one build,
    and whether Pelican failed to copy a file."""

    def __init__(self, level):
        super().__init__(logging.WARNING)
        self.counted = level
        self.records: list[logging.LogRecord] = []
        self.copy_problems = False

    def emit(self, record):
        if record.name.startswith("signposter"):
            return
        if record.levelno >= self.counted:
            self.records.append(record)
        # pelican.utils.copy and the static generator, on a file or folder
        # that stands where they copy
        if record.name.startswith("pelican") and "cop" in str(record.msg).lower():
            self.copy_problems = True


class _InTheWay(Exception):
    """The older build in the staging folder stands where this one writes."""


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
        # remove_unwritten() leaves only this build's files; Pelican's emptying
        # of the folder would make every file new again.
        self.delete_outputdir = False
        # Every static file copied anew, or remove_unwritten() takes it for an
        # older build's; and a copy, as a hard link to content/ would publish
        # a later edit of the file unchecked.
        self.settings["STATIC_CHECK_IF_MODIFIED"] = False
        self.settings["STATIC_CREATE_LINKS"] = False
        try:
            self._build_into(staging)
            in_the_way = False
        except _InTheWay:
            in_the_way = True
        if in_the_way:
            # A folder of the older build where this one writes a file, or
            # the reverse: build again into an empty folder.
            shutil.rmtree(staging, ignore_errors=True)
            self._build_into(staging)
        swap_into_place(staging, final)

    def _build_into(self, staging: Path) -> None:
        self._before = Snapshot.of(staging)
        older = bool(self._before.files or self._before.folders)
        strict = self.settings.get("SIGNPOSTER_STRICT", False)
        counter = _LogCounter(logging.WARNING if strict else logging.ERROR)
        logging.getLogger().addHandler(counter)
        final, self.output_path = self.output_path, str(staging)
        try:
            super().run()
            if older and counter.copy_problems:
                raise _InTheWay
            self.remove_unwritten()
            changed = changed_since_checked(staging, getattr(self, "checked", None))
            if counter.records or changed:
                raise BuildError([*map(_as_problem, counter.records), *changed])
        except (IsADirectoryError, NotADirectoryError, FileExistsError):
            if older:
                raise _InTheWay from None
            raise
        finally:
            Converting.stop_all()  # workers a failed build left converting
            # A failed build's files stay in the staging folder, never live:
            # the next build writes over them or removes them.
            self.output_path = final
            self.checked = None
            logging.getLogger().removeHandler(counter)

    def remove_unwritten(self) -> None:
        """Remove from the staging folder every file this build did not write.

        Called when Pelican is done, before the finished site is checked
        (generator.py); again after the run, in case no check ran.
        """
        before, self._before = getattr(self, "_before", None), None
        if before is not None:
            before.remove_unchanged(Path(self.output_path))


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


class Snapshot:
    """The files of a folder, each with what changes when it is written."""

    def __init__(self, files: dict[str, tuple[int, int]], folders: list[str]):
        self.files = files  # relative path -> (inode, change time in ns)
        self.folders = folders  # relative paths, deepest last

    @classmethod
    def of(cls, folder: Path) -> Snapshot:
        """Record ``folder``'s files; remove its symbolic and hard links, which
        a build would write through, out of the folder."""
        files, folders = {}, []
        for relative, entry in entries(folder):
            if entry.is_symlink():
                os.unlink(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                folders.append(relative)
            else:
                status = entry.stat(follow_symlinks=False)
                if status.st_nlink > 1:  # written over, it would change the
                    os.unlink(entry.path)  # other name's file too
                    continue
                files[relative] = (status.st_ino, status.st_ctime_ns)
        return cls(files, folders)

    def remove_unchanged(self, folder: Path) -> None:
        """Remove the recorded files nothing has written since, and the
        recorded folders that leaves empty.

        Writing a file, even with the same bytes, or replacing it, changes its
        change time (which no program can set back) or its inode.
        """
        for relative, recorded in self.files.items():
            path = os.path.join(folder, relative)
            try:
                status = os.lstat(path)
            except FileNotFoundError:
                continue
            if (status.st_ino, status.st_ctime_ns) == recorded:
                os.unlink(path)
        for relative in reversed(self.folders):
            with contextlib.suppress(OSError):  # not empty: this build wrote there
                os.rmdir(os.path.join(folder, relative))


def swap_into_place(staging: Path, final: Path) -> None:
    """Replace ``final`` with ``staging`` by renaming, never by copying.

    The replaced site becomes the staging folder, for the next build to write
    over.
    """
    previous = final.with_name(f".{final.name}-previous-{os.getpid()}")
    shutil.rmtree(previous, ignore_errors=True)  # left by an earlier same pid
    if final.exists():
        os.rename(final, previous)
    os.rename(staging, final)
    if previous.exists():
        os.rename(previous, staging)
    # Any an interrupted swap left behind.
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
