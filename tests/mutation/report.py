"""The mutation score of each module after `mutmut run`, one line per module.

Reads the verdicts mutmut keeps beside each mutated file (``mutants/<file>.meta``)
for every module of ``[tool.mutmut] source_paths`` and prints killed / total /
score. A mutant that made the tests time out counts as killed, as in mutmut's own
badge. Exits with 1 when a module scores below ``--min-score`` (85 by default), or
has mutants that were never checked.

    python tests/mutation/report.py [--min-score 85] [--survivors]
"""

import argparse
import json
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# mutmut's exit codes of a mutant's test run (mutmut/stats.py).
STATUS_BY_EXIT_CODE = {
    None: "not checked",
    0: "survived",
    1: "killed",
    3: "killed",
    5: "no tests",
    33: "no tests",
    34: "skipped",
    36: "timeout",
    24: "timeout",
    -24: "timeout",
    152: "timeout",
    255: "timeout",
    37: "caught by type check",
    -9: "segfault",
    -11: "segfault",
}
CAUGHT = ("killed", "timeout", "caught by type check")
NOT_CAUGHT = ("survived", "no tests", "suspicious", "segfault", "not checked")


def modules(root: Path) -> list[str]:
    """The mutated files, as mutmut walks ``source_paths``."""
    config = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["mutmut"]
    skipped = set(config.get("do_not_mutate", []))
    found = []
    for source in config["source_paths"]:
        path = root / source
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        found += [str(f.relative_to(root)) for f in files]
    return [module for module in found if module not in skipped]


def statuses(root: Path, module: str) -> dict[str, str]:
    meta = root / "mutants" / f"{module}.meta"
    if not meta.exists():
        return {}
    codes = json.loads(meta.read_text())["exit_code_by_key"]
    return {
        name: STATUS_BY_EXIT_CODE.get(code, "suspicious")
        for name, code in codes.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-score", type=float, default=85.0)
    parser.add_argument("--survivors", action="store_true", help="list them")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    width = max(len(module) for module in modules(args.root))
    print(f"{'module':<{width}}  {'killed':>6}  {'total':>5}  {'score':>6}  not killed")
    failed = False
    survivors = []
    all_killed = all_total = 0
    for module in modules(args.root):
        verdicts = statuses(args.root, module)
        counts = Counter(verdicts.values())
        killed = sum(counts[status] for status in CAUGHT)
        total = len(verdicts) - counts["skipped"]
        all_killed, all_total = all_killed + killed, all_total + total
        if not total:
            print(f"{module:<{width}}  not run")
            failed = True
            continue
        score = 100 * killed / total
        low, unchecked = score < args.min_score, counts["not checked"] > 0
        failed = failed or low or unchecked
        other = ", ".join(f"{counts[s]} {s}" for s in NOT_CAUGHT if counts[s])
        line = f"{module:<{width}}  {killed:>6}  {total:>5}  {score:>5.1f}%  {other}"
        print(line + (f"  (below {args.min_score:g} %)" if low else ""))
        survivors += [(n, s) for n, s in sorted(verdicts.items()) if s in NOT_CAUGHT]
    if all_total:
        score = 100 * all_killed / all_total
        print(f"{'all':<{width}}  {all_killed:>6}  {all_total:>5}  {score:>5.1f}%")
    if args.survivors and survivors:
        print("\nNot killed (`.venv/bin/mutmut show NAME` shows the change):")
        for name, status in survivors:
            print(f"  {name}  [{status}]")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
