"""Every command in README.md and docs/*.md works as written, pasted.

Commands are taken from fenced ``sh`` blocks and from inline code; every
``invoke`` command must use the full path the README's set-up creates, and the
safe ones (they read, or write only inside the copy) run in a fresh copy of
the repository with no virtual environment activated.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess

import pytest
from sites import REPO

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
_FENCE = re.compile(r"^\s*```(\w*)\s*$")
_INLINE = re.compile(r"`((?:\.venv/bin/)?invoke [^`]+|\.venv/bin/[^`]+)`")
# Tasks that only read, or write inside the copy, and finish on their own.
SAFE = {"--list", "status", "orgs-check", "orgs-stale", "orgs-export", "i18n-extract"}


def commands() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        fenced = None
        for line in doc.read_text(encoding="utf-8").split("\n"):
            fence = _FENCE.match(line)
            if fence:
                fenced = None if fenced is not None else fence.group(1)
                continue
            if fenced in ("sh", "bash", "console"):
                command = line.split(" #")[0].strip()
                if command and not command.startswith("#"):
                    found.append((doc.name, command))
            elif fenced is None:
                found += [(doc.name, m.group(1)) for m in _INLINE.finditer(line)]
    return found


def test_the_docs_have_commands():
    assert len(commands()) > 20


@pytest.mark.parametrize("doc, command", commands())
def test_invoke_is_always_written_with_its_full_path(doc, command):
    words = command.split()
    assert words[0] != "invoke", (
        f"{doc}: write `.venv/bin/invoke {' '.join(words[1:])}` (works without "
        "activating the virtual environment)"
    )


def _runnable(command: str) -> bool:
    words = command.split()
    return (
        words[0] == ".venv/bin/invoke"
        and len(words) > 1
        and words[1] in SAFE
        and not any(c in command for c in "[]…<>|")
        and not re.search(r"\b[A-Z]{2,}\b", command)  # a placeholder like FILE
    )


SAFE_COMMANDS = sorted({c for _doc, c in commands() if _runnable(c)})


@pytest.fixture(scope="module")
def fresh_copy(tmp_path_factory):
    copy = tmp_path_factory.mktemp("clone")
    files = (
        subprocess.run(
            ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, files):
        source = REPO / name
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():  # the package's theme and catalogs
            (copy / name).symlink_to(os.readlink(source))
        elif source.is_file():
            shutil.copy2(source, copy / name)
    (copy / ".venv").symlink_to(REPO / ".venv")
    return copy


@pytest.mark.parametrize("command", SAFE_COMMANDS)
def test_safe_commands_run_as_pasted(fresh_copy, command):
    # A fresh terminal: no virtual environment on PATH.
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env["PATH"] = os.pathsep.join(
        p for p in env["PATH"].split(os.pathsep) if ".venv" not in p
    )
    result = subprocess.run(
        shlex.split(command),
        cwd=fresh_copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
