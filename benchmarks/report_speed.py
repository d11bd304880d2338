"""Report speed: lines per second and peak memory of `signposter report`'s reading.

Writes synthetic combined-format logs (tests/logfixture.py) of several sizes and,
for each, runs in a fresh process (alternating, R rounds): the report's
aggregation, and as a baseline a plain read of the same lines. Prints medians
of lines per second and the peak resident memory of each process.

    python benchmarks/report_speed.py                      # 250k, 500k, 1M lines
    python benchmarks/report_speed.py --sizes 1000000 --rounds 3
"""

from __future__ import annotations

import argparse
import json
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[250_000, 500_000, 1_000_000]
    )
    parser.add_argument("--rounds", type=int, default=3)
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


if __name__ == "__main__":
    main()
