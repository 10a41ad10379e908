"""Benchmark: what caller goals cost the linter (GL001) and the simulator's goals panel, per example.

    python bench/bench_goals.py [--repeat 5]

For each example with a goals file, in this process with the cyclic GC off (as the console script runs a lint),
timed in CPU seconds, medians of `--repeat` runs after one warm-up (imports, language data):

- `lint_s` and `lint_without_gl001_s`: `ivrkit.cli.main(["lint", MENU, "--no-cache", "--jobs", "1"])`, the second
  with `--ignore GL001`, alternating; `gl001_lint_ratio` is the first over the second (what a goals file adds to a
  lint of that menu; a findings cache answers an unchanged menu and its goals file without either);
- `goals_panel_s`: `ivrkit.tui.goals.goals_view`, the work `ivrkit sim` does in a worker thread once per load;
- `cold_lint_cpu_s` and `cold_lint_without_gl001_cpu_s`: whole-process `python -m ivrkit lint MENU --no-cache`
  (CPU seconds of the child, `measure.run_child`), medians, alternating: the first lint of a session, which also
  imports the predictor and reads the caller model's language data.

The last line is `gl001_lint_ratio_max=N` over the examples.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from measure import child_env, run_child  # noqa: E402

from ivrkit.cli import main  # noqa: E402
from ivrkit.loader import load  # noqa: E402
from ivrkit.tui.goals import goals_view  # noqa: E402


def lint_run(menu: Path, *extra: str) -> float:
    started = time.process_time()
    with open("/dev/null", "w") as sink, contextlib.redirect_stdout(sink):
        code = main(["lint", str(menu), "--no-cache", "--jobs", "1", *extra])
    assert code in (0, 1), code
    return time.process_time() - started


def panel_run(menu: Path) -> float:
    menuset = load(menu)
    started = time.process_time()
    view = goals_view(menuset)
    assert view.problem is None and view.file is not None, view.problem
    return time.process_time() - started


def cold_run(menu: Path, *extra: str) -> float:
    command = [sys.executable, "-m", "ivrkit", "lint", str(menu), "--no-cache", "--jobs", "1", *extra]
    measured = run_child(command, env=child_env(), cwd=ROOT)
    assert measured.returncode in (0, 1), measured.returncode
    return measured.cpu


def main_(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    gc.disable()
    menus = sorted(path for path in (ROOT / "examples").glob("*.yaml") if path.with_suffix(".goals.yaml").is_file())
    ratios = []
    for menu in menus:
        lint_run(menu), lint_run(menu, "--ignore", "GL001"), panel_run(menu)  # warm-up
        with_goals, without, panel = [], [], []
        for _ in range(args.repeat):
            with_goals.append(lint_run(menu))
            without.append(lint_run(menu, "--ignore", "GL001"))
            panel.append(panel_run(menu))
        name = menu.stem.replace("-", "_")
        ratio = statistics.median(with_goals) / statistics.median(without)
        ratios.append(ratio)
        print(f"{name}_lint_s={statistics.median(with_goals):.3f}")
        print(f"{name}_lint_without_gl001_s={statistics.median(without):.3f}")
        print(f"{name}_gl001_lint_ratio={ratio:.2f}")
        print(f"{name}_goals_panel_s={statistics.median(panel):.3f}")
        cold, cold_without = [], []
        for _ in range(args.repeat):
            cold.append(cold_run(menu))
            cold_without.append(cold_run(menu, "--ignore", "GL001"))
        print(f"{name}_cold_lint_cpu_s={statistics.median(cold):.3f}")
        print(f"{name}_cold_lint_without_gl001_cpu_s={statistics.median(cold_without):.3f}")
    print(f"gl001_lint_ratio_max={max(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main_())
