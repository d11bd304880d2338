"""Preview latency: from saving a page to the browser showing it, side by side.

Copies the demo site to a temporary folder and, for each tool, starts its
preview, opens the English privacy page in headless Chromium, then N times
appends a sentence to content/pages/en/privacy.md and measures until the open
tab shows it. Tools:

- signposter: `signposter serve` (rebuilds in a warm process, reloads the tab);
- pelican -r -l: Pelican's own autoreload server (rebuilds, but never reloads
  the tab: measured until a reload by hand would show it, by polling the file).

    python benchmarks/preview_latency.py --saves 10
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import chromium  # noqa: E402
from servers import free_port  # noqa: E402

PAGE = "content/pages/en/privacy.md"


def copy_site(root: Path) -> Path:
    for name in ("content", "translations", "pelicanconf.py"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    conf = root / "pelicanconf.py"
    conf.write_text(
        conf.read_text().replace(
            'THEME = "themes/signposter"',
            f"THEME = {str(REPO / 'themes/signposter')!r}",
        )
    )
    return root


def wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer")


def measure(root: Path, command: list[str], port: int, saves: int, reloads: bool):
    # Its own process group: Pelican's autoreload forks workers that must end too.
    process = subprocess.Popen(
        command,
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/en/privacy/"
    times = []
    try:
        wait_http(url)
        with chromium() as browser:
            page = browser.new_page()
            page.goto(url)
            time.sleep(1.0)
            for i in range(saves):
                marker = f"Preview marker {port}-{i}."
                start = time.perf_counter()
                with open(root / PAGE, "a", encoding="utf-8") as handle:
                    handle.write(f"\n{marker}\n")
                if reloads:
                    page.wait_for_function(
                        f"document.body.innerText.includes({marker!r})", timeout=30000
                    )
                else:
                    while marker not in urllib.request.urlopen(url).read().decode():
                        time.sleep(0.01)
                times.append(time.perf_counter() - start)
                time.sleep(0.5)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--saves", type=int, default=10)
    args = parser.parse_args()
    py = sys.executable
    results = {}
    with tempfile.TemporaryDirectory(prefix="signposter-preview-") as tmp:
        for name, make, reloads in [
            (
                "signposter serve (tab reloads itself)",
                lambda p: [py, "-m", "signposter.cli", "serve", "-p", str(p)],
                True,
            ),
            (
                "pelican -r -l (file rebuilt; no reload)",
                lambda p: [
                    py,
                    "-m",
                    "pelican",
                    "-r",
                    "-l",
                    "-p",
                    str(p),
                    "-s",
                    "pelicanconf.py",
                ],
                False,
            ),
        ]:
            root = copy_site(Path(tmp) / name.split()[0])
            port = free_port()
            results[name] = measure(root, make(port), port, args.saves, reloads)
    print(f"median seconds from save to visible ({args.saves} saves of a demo page):")
    for name, times in results.items():
        print(
            f"  {name:42} {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f})"
        )


if __name__ == "__main__":
    main()
