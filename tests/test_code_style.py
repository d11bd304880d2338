"""The code stays as ruff (configured in pyproject.toml) wants it."""

import re
import subprocess
import sys

from sites import REPO


def test_ruff_check_and_format():
    for args in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *args],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_only_the_build_imports_pelican():
    """Pelican is reached through build/ (and register() in __init__.py), so a
    Pelican upgrade touches one sub-package (docs/architecture.md)."""
    package = REPO / "signposter"
    importing = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "starter" not in path.parts
        and re.search(r"^\s*(import|from) pelican\b", path.read_text(), re.M)
    )
    assert [p for p in importing if not p.startswith("build/")] == ["__init__.py"]
