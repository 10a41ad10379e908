"""Benchmark: the instructions the default rules execute on one generated file, optionally two trees side by side.

    python bench/bench_rule_instructions.py [--menus 2000] [--rules WD011,WD013] [--base /tmp/old-tree]

An instruction count does not move with the machine's load, so a change of a few per cent shows where CPU
time (bench_rule_costs.py) drowns it in noise. Each tree is measured by two fresh processes under
`valgrind --tool=cachegrind --cache-sim=no` with PYTHONHASHSEED=0, after one plain run that writes the byte
code: one loads the generated file (bench/generate_large_menu.py, seed 42) and builds a lint `Context`, the
other also runs the rules in registry order with the cyclic GC off, as `ivrkit lint --jobs 1` does (every
default rule, or only `--rules`; a rule run alone pays for what it shares with earlier rules). The rules'
figure is the difference. It prints `<tree>_rules_instructions=` per tree, then the change, the last line
`rules_instructions=` of this tree.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _one_run(root: str, path: str, rules: str) -> int:
    sys.path.insert(0, root)
    from ivrkit.lint.config import LintConfig
    from ivrkit.lint.context import Context
    from ivrkit.loader import load
    from ivrkit.rules import all_rules

    gc.disable()
    config = LintConfig()
    context = Context(load(path), config=config)
    if rules == "none":
        return 0
    only = set(rules.split(",")) if rules else None
    found = 0
    for rule_class in all_rules():
        if config.enabled(rule_class) and (only is None or rule_class.code in only):
            found += len(list(rule_class(config.settings_of(rule_class)).check(context)))
    return found


def _instructions(root: Path, path: Path, rules: str) -> int:
    command = [sys.executable, __file__, "--child", str(path), "--root", str(root), "--rules", rules]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(command, check=True, capture_output=True, cwd=root, env=env)  # byte code written first
    out = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *command],
        check=True,
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
    ).stderr
    found = re.search(r"I\s+refs:\s+([\d,]+)", out)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{out}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--menus", type=int, default=2000)
    parser.add_argument("--rules", default="", help="comma-separated codes (default: every default rule)")
    parser.add_argument("--base", type=Path, help="an older checkout to measure with this one")
    parser.add_argument("--root", default=str(HERE.parent), help=argparse.SUPPRESS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(_one_run(args.root, args.child, args.rules))
        return
    if shutil.which("valgrind") is None:
        print("bench_rule_instructions: valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        raise SystemExit(2)

    sys.path.insert(0, str(HERE))
    from generate_large_menu import written

    path = written(HERE / "out" / f"large-{args.menus}-rules.yaml", args.menus, 40, 42)
    trees = {"new": HERE.parent} if args.base is None else {"base": args.base.resolve(), "new": HERE.parent}
    figures = {}
    for name, root in trees.items():
        load_only = _instructions(root, path, "none")
        figures[name] = _instructions(root, path, args.rules) - load_only
        print(f"{name}_rules_instructions={figures[name]}")
    if "base" in figures:
        print(f"change={figures['new'] / figures['base'] - 1:+.1%}")
    print(f"rules_instructions={figures['new']}")


if __name__ == "__main__":
    main()
