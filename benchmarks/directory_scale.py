"""Directory scale: how validation and the build grow with the number of organisations.

Builds the demo site's pages with N synthetic organisations (valid files spread
over the 19 countries, 9 languages) for several N, alternating with a baseline
of no organisations, and prints medians: validation time per file, whole build
time, and the directory's share of the build (build(N) - build(0)) per
organisation. Linear growth shows as a roughly constant share per organisation.

    python benchmarks/directory_scale.py                # N = 500, 1000, 2000
    python benchmarks/directory_scale.py --sizes 2000 --rounds 5
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from synthetic import signposter_build  # noqa: E402

from signposter.directory.model import load_directory  # noqa: E402
from signposter.problems import Problems  # noqa: E402

COUNTRIES = [
    "UA",
    "PL",
    "MD",
    "RO",
    "SK",
    "HU",
    "CZ",
    "BG",
    "LT",
    "LV",
    "EE",
    "DE",
    "FR",
    "IT",
    "ES",
    "PT",
    "GR",
    "IE",
    "GB",
]
TOPICS = [
    "report-trafficking",
    "hotline",
    "shelter",
    "child-protection",
    "legal-advice",
    "work-rights",
    "health",
    "mental-health",
    "interpreting",
    "money",
]
LANGS = ["uk", "ru", "en", "ar", "fa", "bn", "hi", "be", "fr", "pl"]


def organisation(i: int) -> str:
    country = COUNTRIES[i % len(COUNTRIES)]
    topics = [TOPICS[i % 10], TOPICS[(i * 7 + 3) % 10]]
    langs = sorted({LANGS[i % 10], LANGS[(i + 3) % 10], "en"})
    return (
        "# EXAMPLE DATA: synthetic, for benchmarks only.\n"
        f"id: bench-{i:05d}\nexample: true\nname: Example Organisation {i}\n"
        "description:\n"
        f"  en: Synthetic organisation number {i} that gives free help.\n"
        f"  uk: Синтетична організація номер {i}, що безкоштовно допомагає.\n"
        f"email: org{i}@example.org\n"
        f"phones:\n- number: '+48 22 0{i // 10000 % 10}{i // 1000 % 10} "
        f"{i // 100 % 10}{i // 10 % 10} {i % 10}0'\n  free: true\n"
        f"languages: [{', '.join(langs)}]\ncountries: [{country}]\n"
        f"topics: [{', '.join(dict.fromkeys(topics))}]\n"
        "hours:\n  timezone: Europe/Warsaw\n  always_open: true\n"
        "last_verified: '2026-11-01'\n"
    )


def make_site(root: Path, count: int) -> Path:
    shutil.copytree(REPO / "content" / "pages", root / "content" / "pages")
    shutil.copy(
        REPO / "content" / "countries.yaml", root / "content" / "countries.yaml"
    )
    folder = root / "content" / "organisations"
    folder.mkdir(parents=True)
    for i in range(count):
        (folder / f"bench-{i:05d}.yaml").write_text(organisation(i), encoding="utf-8")
    conf = root / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "from pelicanconf import *  # noqa\n"
        f"PATH = {str(root / 'content')!r}\n"
        f"THEME = {str(REPO / 'themes/signposter')!r}\n"
        f"SIGNPOSTER_TRANSLATIONS_DIR = {str(REPO / 'translations')!r}\n"
    )
    return conf


def build_seconds(conf: Path, output: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        signposter_build(conf, output), capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(result.stderr)
    return elapsed


def validation_seconds(conf: Path) -> float:
    from signposter.cli import load_settings

    settings = load_settings(str(conf))
    problems = Problems()
    start = time.perf_counter()
    directory = load_directory(settings, problems)
    elapsed = time.perf_counter() - start
    assert not problems.errors, problems.errors[:3]
    assert directory.organisations
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="signposter-dir-") as tmp:
        tmp = Path(tmp)
        baseline_conf = make_site(tmp / "n0", 0)
        print(f"Demo pages × 9 languages; median of {args.rounds} rounds")
        print(
            f"{'orgs':>6} {'validate/file':>14} {'build':>8} {'baseline':>9} "
            f"{'directory share':>16} {'per org':>9}"
        )
        for size in args.sizes:
            conf = make_site(tmp / f"n{size}", size)
            builds, baselines, validations = [], [], []
            for _ in range(args.rounds):
                baselines.append(build_seconds(baseline_conf, tmp / "out0"))
                builds.append(build_seconds(conf, tmp / f"out{size}"))
                validations.append(validation_seconds(conf))
            build, base = statistics.median(builds), statistics.median(baselines)
            per_file = statistics.median(validations) / size
            share = build - base
            print(
                f"{size:>6} {per_file * 1000:>11.2f} ms {build:>7.2f}s {base:>8.2f}s "
                f"{share:>15.2f}s {share / size * 1000:>6.2f} ms"
            )


if __name__ == "__main__":
    main()
