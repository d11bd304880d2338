"""Report speed: lines per second and peak memory of `signposter report`'s reading.

Writes synthetic combined-format logs (tests/logfixture.py) of several sizes and,
for each, runs in a fresh process (alternating, R rounds): the report's
aggregation, and as a baseline a plain read of the same lines. Prints medians
of lines per second and the peak resident memory of each process. When Debian's
``goaccess`` is installed it reads the same log too, and the ratio is printed
(skipped, and said so, when it is not). ``--hostile`` adds a log with one 10 MB
line; ``--gigabyte`` a 1 GB log: both must stay under 150 MB peak, for the
reading alone and for the whole ``signposter report`` command (charts included).

    python benchmarks/report_speed.py                      # 250k, 500k, 1M lines
    python benchmarks/report_speed.py --sizes 1000000 --rounds 3
    python benchmarks/report_speed.py --sizes 100000 --hostile --gigabyte
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from logfixture import write_log  # noqa: E402

MEASURE = """
import json, resource, sys, time
sys.path.insert(0, {repo!r})
from signposter.counting.report import aggregate
start = time.perf_counter()
if {baseline!r}:
    lines = 0
    with open({log!r}, "rb") as handle:
        for raw in handle:
            raw.decode("utf-8")
            lines += 1
else:
    lines = aggregate([{log!r}]).tally.lines
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps([lines, elapsed, peak]))
"""


def measure(log: Path, baseline: bool) -> tuple[int, float, float]:
    code = MEASURE.format(repo=str(REPO), log=str(log), baseline=baseline)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return tuple(json.loads(out))


PEAK_LIMIT_MB = 150


def measure_goaccess(log: Path) -> tuple[float, float] | None:
    """(seconds, peak MB) of GoAccess writing its HTML report, or None if absent."""
    if not shutil.which("goaccess"):
        return None
    code = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "subprocess.run(['goaccess', sys.argv[1], '--log-format=COMBINED', "
        "'--no-global-config', '-o', sys.argv[1] + '.html'], check=True, "
        "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(time.perf_counter() - start, peak)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(log)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), float(out[1])


def hostile_log(path: Path, line_mb: int = 10) -> None:
    from logfixture import BROWSER

    write_log(path, 100_000)
    with open(path, "a") as handle:
        handle.write(
            f'203.0.113.9 - - [02/Nov/2026:10:00:00 +0000] "GET /uk/?q='
            f'{"A" * line_mb * 1_000_000} HTTP/1.1" 200 5 "-" "{BROWSER}"\n'
        )


def gigabyte_log(path: Path) -> None:
    seed = path.with_suffix(".seed")
    write_log(seed, 200_000)
    block = seed.read_bytes()
    with open(path, "wb") as handle:
        while handle.tell() < 1_000_000_000:
            handle.write(block)
    seed.unlink()


WHOLE = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run([sys.executable, "-m", "signposter.cli", "report", sys.argv[1], "-o",
    sys.argv[2], "--lang", "uk"], cwd=sys.argv[3], check=True,
    stdout=subprocess.DEVNULL)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(time.perf_counter() - start, peak)
"""


def measure_whole(log: Path) -> tuple[float, float]:
    """(seconds, peak MB) of the whole `signposter report` command: reading,
    figures, charts and files, in the report's Ukrainian."""
    out = subprocess.run(
        [sys.executable, "-c", WHOLE, str(log), str(log) + "-report", str(REPO)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    shutil.rmtree(str(log) + "-report")
    return float(out[0]), float(out[1])


def check_peak(name: str, log: Path) -> None:
    lines, elapsed, peak = measure(log, baseline=False)
    verdict = "ok" if peak < PEAK_LIMIT_MB else f"OVER {PEAK_LIMIT_MB} MB"
    print(f"{name}: {lines:,} lines in {elapsed:.1f} s, peak {peak:.0f} MB ({verdict})")
    seconds, peak = measure_whole(log)
    verdict = "ok" if peak < PEAK_LIMIT_MB else f"OVER {PEAK_LIMIT_MB} MB"
    print(
        f"  the whole report command: {seconds:.1f} s, peak {peak:.0f} MB ({verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[250_000, 500_000, 1_000_000]
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--hostile", action="store_true", help="a 10 MB line")
    parser.add_argument("--gigabyte", action="store_true", help="a 1 GB log")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="signposter-logs-") as tmp:
        print(f"median of {args.rounds} rounds, fresh process each")
        print(
            f"{'lines':>10} {'report lines/s':>15} {'peak MB':>8} "
            f"{'plain read lines/s':>19} {'peak MB':>8}"
        )
        for size in args.sizes:
            log = Path(tmp) / f"access-{size}.log"
            write_log(log, size)
            report, plain = [], []
            for _ in range(args.rounds):
                report.append(measure(log, baseline=False))
                plain.append(measure(log, baseline=True))
            rate = statistics.median(n / t for n, t, _ in report)
            base = statistics.median(n / t for n, t, _ in plain)
            print(
                f"{size:>10,} {rate:>15,.0f} {max(p for *_, p in report):>8.1f} "
                f"{base:>19,.0f} {max(p for *_, p in plain):>8.1f}"
            )
            goaccess = measure_goaccess(log)
            if goaccess is None:
                print("           goaccess not installed: comparison skipped")
            else:
                seconds = statistics.median(t for _, t, _ in report)
                peak = max(p for *_, p in report)
                print(
                    f"           goaccess {goaccess[0]:.1f} s, {goaccess[1]:.0f} MB; "
                    f"report {seconds:.1f} s, {peak:.0f} MB: "
                    f"{goaccess[0] / seconds:.1f}x faster, "
                    f"{goaccess[1] / peak:.1f}x less memory"
                )
        if args.hostile:
            hostile_log(Path(tmp) / "hostile.log")
            check_peak("one 10 MB line", Path(tmp) / "hostile.log")
        if args.gigabyte:
            gigabyte_log(Path(tmp) / "gigabyte.log")
            check_peak("1 GB log", Path(tmp) / "gigabyte.log")


if __name__ == "__main__":
    main()
