"""Run every benchmark in bench/ and print its figures."""

import runpy
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main() -> int:
    # Modules whose names start with "_" are a benchmark's helpers, not benchmarks.
    scripts = sorted(
        p
        for p in BENCH_DIR.glob("*.py")
        if p.name != "run.py" and not p.name.startswith("_")
    )
    if not scripts:
        print("no benchmarks yet")
        return 0
    for script in scripts:
        runpy.run_path(str(script), run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
