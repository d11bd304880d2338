"""Build the site into a temporary folder and read what it wrote."""

import subprocess
import sys
from pathlib import Path

SITE = Path(__file__).resolve().parent.parent


def test_the_site_builds_and_has_its_home_page(tmp_path):
    output = tmp_path / "output"
    result = subprocess.run(
        [sys.executable, "-m", "signposter.cli", "build", "-o", str(output)],
        cwd=SITE,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    home = (output / "$lang" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="$lang"' in home
    assert (output / "$lang" / "help" / "index.html").is_file()
