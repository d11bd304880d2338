"""Build speed: Signposter vs plain Pelican vs i18n_subsites vs Hugo, side by side.

Generates a synthetic site of L languages × N pages (~600 words each, in each
language's own script, translations of each other) and builds it with each tool
in turn, alternating, R rounds; prints the median pages per second and ratios.

    .venv/bin/python benchmarks/build_speed.py                 # N=60, R=3
    .venv/bin/python benchmarks/build_speed.py --pages 20 --rounds 5 --sweep

Each tool builds into the output folder its previous round left, as a rebuild
on a translator's or volunteer's machine does; --fresh empties every output
folder before each build instead, as a build on a new CI machine starts.

--sweep also builds Signposter with 3, 6 and 9 languages to show how its cost
grows with the number of languages. --baseline DIR also builds with the
Signposter of another checkout, to measure a change side by side:

    git worktree add /tmp/before <commit>
    .venv/bin/python benchmarks/build_speed.py --baseline /tmp/before

Tools that are not installed are skipped (pip install pelican-i18n-subsites;
apt-get install hugo).

Every tool is timed as installed: Pelican and its plugins were compiled to
bytecode by pip, so Signposter's package (an editable install, which nothing
compiles when PYTHONDONTWRITEBYTECODE is set) is compiled first too.
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import signposter_build, write_pages

REPO = Path(__file__).resolve().parent.parent
NINE = ["en", "uk", "ru", "ar", "fa", "bn", "hi", "be", "fr"]
COMMON = """
PATH = {content!r}
ARTICLE_PATHS = []
PAGE_PATHS = ["pages"]
PATH_METADATA = r"pages/(?P<lang>[^/]+)/(?P<translation_key>[^/]+)\\.md"
SLUGIFY_SOURCE = "basename"
PAGE_TRANSLATION_ID = "translation_key"
DEFAULT_LANG = "en"
DIRECT_TEMPLATES = []
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
CACHE_CONTENT = False
PLUGINS = []  # else Pelican loads every installed namespace plugin
"""


def signposter_conf(work: Path, languages: list[str], repo: Path = REPO) -> Path:
    suffix = "" if repo == REPO else "_baseline"
    conf = work / f"signposter_{len(languages)}{suffix}.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(repo)!r})\n"
        "from pelicanconf import *  # noqa\n"
        f"PATH = {str(work / 'content')!r}\n"
        f"THEME = {str(repo / 'themes/signposter')!r}\n"
        f"SIGNPOSTER_LANGUAGES = {languages!r}\n"
        f"SIGNPOSTER_TRANSLATIONS_DIR = {str(repo / 'translations')!r}\n"
    )
    return conf


def plain_conf(work: Path) -> Path:
    conf = work / "plain.py"
    conf.write_text(
        COMMON.format(content=str(work / "content"))
        + 'PAGE_URL = PAGE_LANG_URL = "{lang}/{slug}/"\n'
        'PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"\n'
    )
    return conf


def subsites_conf(work: Path, languages: list[str]) -> Path:
    conf = work / "subsites.py"
    subsites = {code: {} for code in languages if code != "en"}
    conf.write_text(
        COMMON.format(content=str(work / "content"))
        + 'PAGE_URL = PAGE_LANG_URL = "{slug}/"\n'
        'PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = "{slug}/index.html"\n'
        'PLUGINS = ["pelican.plugins.i18n_subsites"]\n'
        f"I18N_SUBSITES = {subsites!r}\n"
        'JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"]}\n'
    )
    return conf


def hugo_site(work: Path, languages: list[str]) -> Path:
    site = work / "hugo"
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    lines = [
        'baseURL = "https://example.org/"',
        'defaultContentLanguage = "en"',
        "defaultContentLanguageInSubdir = true",
        'disableKinds = ["taxonomy", "term", "RSS"]',
        "[languages]",
    ]
    for weight, code in enumerate(languages, start=1):
        rtl = "rtl" if code in ("ar", "fa") else "ltr"
        lines += [
            f"[languages.{code}]",
            f"weight = {weight}",
            f'languageDirection = "{rtl}"',
        ]
    (site / "config.toml").write_text("\n".join(lines) + "\n")
    (layouts / "single.html").write_text(
        '<!doctype html><html lang="{{ .Lang }}" '
        'dir="{{ .Language.LanguageDirection }}">'
        "<head><title>{{ .Title }}</title>"
        '{{ range .Translations }}<link rel="alternate" hreflang="{{ .Lang }}" '
        'href="{{ .Permalink }}">{{ end }}</head>'
        "<body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n"
    )
    (layouts / "list.html").write_text("<!doctype html><title>{{ .Title }}</title>\n")
    (site / "layouts" / "index.html").write_text("<!doctype html><title>home</title>\n")
    return site


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{command[0:3]} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def has_i18n_subsites() -> bool:
    try:
        import pelican.plugins.i18n_subsites  # noqa: F401
    except ImportError:
        return False
    return True


def tools(work: Path, languages: list[str]) -> dict[str, list[str]]:
    py = sys.executable
    out = work / "out"
    commands = {
        "signposter": signposter_build(signposter_conf(work, languages), out / "sp"),
        "plain pelican": [
            py,
            "-m",
            "pelican",
            "-q",
            "-s",
            str(plain_conf(work)),
            "-o",
            str(out / "plain"),
        ],
    }
    if has_i18n_subsites():
        commands["i18n_subsites"] = [
            py,
            "-m",
            "pelican",
            "-q",
            "-s",
            str(subsites_conf(work, languages)),
            "-o",
            str(out / "subsites"),
        ]
    if shutil.which("hugo"):
        commands["hugo"] = [
            "hugo",
            "--quiet",
            "-s",
            str(hugo_site(work, languages)),
            "-d",
            str(out / "hugo"),
        ]
    return commands


def baseline_command(work: Path, languages: list[str], baseline: Path) -> list[str]:
    """Signposter as another checkout has it (run from that folder, so its
    package is the one imported), on the same site."""
    conf = signposter_conf(work, languages, baseline)
    return signposter_build(conf, work / "out" / "baseline")


def run(
    languages: list[str],
    pages: int,
    rounds: int,
    work: Path,
    baseline: Path | None = None,
    fresh: bool = False,
) -> dict[str, float]:
    """Median pages per second of each tool on one synthetic site."""
    write_pages(work, languages, pages)
    for checkout in (REPO, baseline):
        if checkout is not None:
            compileall.compile_dir(checkout / "signposter", quiet=1)
    commands = tools(work, languages)
    folders = dict.fromkeys(commands, REPO)
    if baseline is not None:
        commands["signposter baseline"] = baseline_command(work, languages, baseline)
        folders["signposter baseline"] = baseline
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(rounds):
        names = list(commands)
        if round_number % 2:
            names.reverse()  # alternate the order so no tool always runs warm
        for name in names:
            if fresh:  # every tool's output, staging and lock folders
                shutil.rmtree(work / "out", ignore_errors=True)
            times[name].append(timed(commands[name], folders[name]))
    total = len(languages) * pages
    return {name: total / statistics.median(values) for name, values in times.items()}


def demo_build_seconds(rounds: int, work: Path) -> float:
    command = signposter_build(REPO / "pelicanconf.py", work / "demo-out")
    return statistics.median(timed(command, REPO) for _ in range(rounds))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=60, help="pages per language")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--baseline",
        type=Path,
        help="also time the Signposter of another checkout (e.g. a git worktree "
        "of an older commit), side by side",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="empty every output folder before each build (a first build)",
    )
    parser.add_argument(
        "--sweep",
        action="store_true",
        help="also time Signposter with 3, 6 and 9 languages",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="signposter-bench-") as tmp:
        work = Path(tmp)
        print(
            f"{len(NINE)} languages × {args.pages} pages, median of {args.rounds} "
            f"rounds, {'first builds' if args.fresh else 'rebuilds'} (wall time of "
            "the whole command, pages per second):"
        )
        rates = run(
            NINE, args.pages, args.rounds, work / "main", args.baseline, args.fresh
        )
        for name, rate in rates.items():
            print(f"  {name:15} {rate:8.1f} pages/s")
        ours = rates["signposter"]
        for name, rate in rates.items():
            if name != "signposter":
                print(f"  signposter / {name}: {ours / rate:.2f}×")
        if args.sweep:
            print("Signposter as languages grow (same pages per language):")
            for count in (3, 6, 9):
                rate = run(
                    NINE[:count], args.pages, args.rounds, work / f"sweep{count}"
                )["signposter"]
                print(f"  {count} languages: {rate:8.1f} pages/s")
        print(
            f"Demo site build: {demo_build_seconds(args.rounds, work):.2f} s "
            "(median, whole command)"
        )


if __name__ == "__main__":
    main()
