"""The wheel another charity installs: it builds the demo and a new site on its own.

The editable install used everywhere else would hide missing package data, so
this builds a real wheel, installs it (not editable) into a fresh virtual
environment and builds from that install, outside the repository.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sites import REPO, tree_digest


def _run(*args, cwd=None) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The python of a fresh venv with the wheel (and only it) installed."""
    work = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", work, REPO)
    wheel = next(work.glob("signposter-*.whl"))
    _run(sys.executable, "-m", "venv", work / "venv")
    python = work / "venv" / "bin" / "python"
    # pytest too: a new site from `signposter init` runs its own test with it.
    _run(
        python,
        "-m",
        "pip",
        "install",
        "-q",
        "-c",
        REPO / "constraints.txt",
        wheel,
        "pytest",
    )
    return python


def test_the_wheel_builds_the_demo_exactly_as_the_checkout_does(
    installed, demo, tmp_path
):
    site = tmp_path / "site"
    for name in ("content", "translations"):
        shutil.copytree(REPO / name, site / name)
    shutil.copy(REPO / "pelicanconf.py", site)
    # Outside the repository, so `signposter` can only come from the wheel.
    where = _run(
        installed, "-c", "import signposter; print(signposter.__file__)", cwd=site
    )
    assert "site-packages" in where
    _run(installed, "-m", "signposter.cli", "build", "-o", "output", cwd=site)
    assert tree_digest(site / "output") == tree_digest(demo)


def test_signposter_init_makes_a_site_that_builds_from_the_wheel(installed, tmp_path):
    command = installed.parent / "signposter"
    _run(command, "init", tmp_path / "new", "--name", "Help for people on the move")
    new = tmp_path / "new"
    assert (new / "README.md").read_text().count("scripts/") >= 2
    # Checked "today": the day builds count from (SIGNPOSTER_TODAY in tests).
    example = (new / "content/organisations/example-organisation.yaml").read_text()
    assert f"last_verified: '{os.environ['SIGNPOSTER_TODAY']}'" in example
    _run(installed, "-m", "signposter.cli", "build", cwd=new)
    home = (new / "output" / "en" / "index.html").read_text(encoding="utf-8")
    assert "Keep your passport and documents with you." in home
    chooser = (new / "output" / "index.html").read_text(encoding="utf-8")
    assert "<title>Help for people on the move</title>" in chooser
    assert (new / "output" / "theme" / "css" / "site.css").is_file()
    _run(installed, "-m", "pytest", "-q", "tests", cwd=new)


def test_init_refuses_a_folder_with_files_in_it(tmp_path, capsys):
    from signposter.cli import main

    (tmp_path / "keep.txt").write_text("mine")
    assert main(["init", str(tmp_path)]) == 2
    assert "already exists and is not empty" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
