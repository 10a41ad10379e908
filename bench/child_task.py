"""One timed task in a fresh process, for bench/bench_core.py: prints `cpu=` and `wall=` of the task alone.

    python bench/child_task.py lint FILE        # `ivrkit lint --no-cache FILE` through ivrkit.cli.main, report discarded
    python bench/child_task.py lint-one-rule FILE  # the same with one cheap rule (`--select AU001`): the lint's floor
    python bench/child_task.py check FILE       # `ivrkit check FILE`: loading and validating, no rules
    python bench/child_task.py compose FILE     # yaml.compose(text, CSafeLoader), cyclic GC off
    python bench/child_task.py yamllint FILE    # yamllint's default configuration, every problem listed

Imports are done before the clock starts, so each side is timed on its work
only; a fresh process per run gives each the same clean heap. CPU time is that
of this process and of the children it waited for (the lint may fork workers).
The lint runs with the cyclic garbage collector off, as the `ivrkit` console
script runs batch commands; yamllint runs as its own console script does.
Only the command line of ivrkit is used, so the task survives its internals
being reshaped.
"""

from __future__ import annotations

import gc
import os
import resource
import sys
import time
from pathlib import Path

IVRKIT_COMMANDS = {
    "lint": ["lint", "--no-cache", "--color", "never"],
    "lint-one-rule": ["lint", "--no-cache", "--color", "never", "--select", "AU001"],
    "check": ["check", "--color", "never"],
}


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    mode, path = sys.argv[1], sys.argv[2]
    detail = ""
    if mode in IVRKIT_COMMANDS:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from ivrkit import cli

        devnull = open(os.devnull, "w", encoding="utf-8")
        real_stdout = sys.stdout
        gc.disable()
        cpu, wall = cpu_seconds(), time.perf_counter()
        sys.stdout = devnull  # the report is rendered and written, to nowhere
        try:
            code = cli.main([*IVRKIT_COMMANDS[mode], path])
        finally:
            sys.stdout = real_stdout
        cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
        detail = f"exit={code}"
    elif mode == "compose":
        import yaml

        text = Path(path).read_text(encoding="utf-8")
        gc.disable()
        cpu, wall = cpu_seconds(), time.perf_counter()
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
        cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
        detail = f"libyaml={yaml.__with_libyaml__} root={type(node).__name__}"
    elif mode == "yamllint":
        from yamllint import linter
        from yamllint.config import YamlLintConfig

        config = YamlLintConfig("extends: default")
        cpu, wall = cpu_seconds(), time.perf_counter()
        with open(path, encoding="utf-8") as stream:
            problems = sum(1 for _ in linter.run(stream, config, path))
        cpu, wall = cpu_seconds() - cpu, time.perf_counter() - wall
        detail = f"problems={problems}"
    else:
        print(f"unknown task {mode!r}", file=sys.stderr)
        return 2
    print(f"cpu={cpu:.4f}")
    print(f"wall={wall:.4f}")
    for pair in detail.split():
        print(pair)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
