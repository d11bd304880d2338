"""Collect every problem in the sources, then stop once with a readable list.

Volunteers and translators fix faster when they see all their mistakes at once,
so nothing here raises on the first problem: callers ``add`` and the build
calls ``raise_if_errors`` at the one point before anything is written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one source file."""

    path: str
    line: int | None
    field: str
    message: str
    fix: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        text = (
            f"{where}: {self.field}: {self.message}"
            if self.field
            else (f"{where}: {self.message}")
        )
        return f"{text} — {self.fix}" if self.fix else text


class BuildError(Exception):
    """The sources have errors; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(
            f"{len(problems)} problem(s) stop the build; output/ was left as it was:"
            f"\n{lines}"
        )


@dataclass
class Problems:
    """Errors and warnings gathered over one build."""

    items: list[Problem] = field(default_factory=list)
    strict: bool = False

    def add(self, path, line, field_name, message, fix="", severity="error"):
        self.items.append(
            Problem(display_path(path), line, field_name, message, fix, severity)
        )

    def warn(self, path, line, field_name, message, fix=""):
        self.add(path, line, field_name, message, fix, severity="warning")

    @property
    def errors(self) -> list[Problem]:
        if self.strict:
            return list(self.items)
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        """Log the warnings; raise BuildError listing every error, if any."""
        for warning in self.warnings:
            if not self.strict:
                logger.warning("%s", warning)
        if self.errors:
            raise BuildError(sorted(self.errors, key=_sort_key))


def _sort_key(problem: Problem):
    return (problem.path, problem.line or 0, problem.field)


def display_path(path) -> str:
    """Show paths relative to the working folder, as a volunteer typed them."""
    if path is None:
        return "<settings>"
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
