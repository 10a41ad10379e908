"""Issue 12's table, measured side by side in one run: one `name=value` line per figure.

    python bench/bench_core.py                 # the full table (the 20,000-menu file, 50/200/500 files)
    python bench/bench_core.py --quick         # a 2,000-menu file, 5/20/50 files, fewer runs
    python bench/bench_core.py --only lint,dir # some rows: lint, yamllint, floors, dir, cache, calls, startup, tui

Rows (each figure is a median of paired runs; every ivrkit run goes through its
command line, so the benchmark survives the internals being reshaped):

- **lint**: `ivrkit lint` of the generated large file against
  `yaml.compose(text, CSafeLoader)` with the cyclic GC off, CPU time, each in a
  fresh process timed after its imports (bench/child_task.py), runs alternating.
  `lint_over_compose` is the median of the per-pair ratios.
- **yamllint**: yamllint with its default configuration on the same file,
  paired with the lint runs above; `yamllint_over_lint` is how many times
  faster ivrkit is. Printed as unavailable when yamllint is not installed
  (`pip install -e .[dev]` installs it).
- **floors**: what the lint and the start-up cost with (almost) no rule work, so
  that a goal can be weighed against what no rule could go below: on the same
  large file, `ivrkit check` (loading and validating) and `ivrkit lint --select
  AU001` (the whole lint with one cheap rule, its report included) against
  compose, each a fresh process as in the lint row; and the whole process of
  each on the 100-node menu of the startup row against `import yaml`.
- **dir**: `ivrkit lint DIR` of N generated files of 40 menus each, as a whole
  process: wall time, CPU time, CPU ÷ wall (the cores used), the peak RSS of
  the largest process (ru_maxrss from wait4) and of the whole process tree
  (sampled from /proc every 50 ms).
  Each size lints with a cache folder of its own (IVRKIT_CACHE_DIR), so every
  run is cold: the figures include writing the findings cache.
- **cache**: `ivrkit lint DIR` of N files (`--cache-files`, default 200,
  --quick 20) twice with the same cache: cold, then unchanged; the re-lint's
  wall and CPU time over the cold run's (`cache_warm_over_cold`).
- **calls**: bench/bench_calls.py's last line, `action_cost_ratio`, and the line
  before it, `prepared_action_cost_ratio` (every node's speech prepared first).
- **startup**: whole-process `python -m ivrkit lint` of a 100-node menu against
  `python -c "import yaml"`, alternating, CPU and wall; then `python -X importtime`
  of the lint: networkx's share of the import time, and for each of check,
  lint, call, test and paths whether networkx is imported at all.
- **tui**: bench/sim_latency.py's Textual Pilot figure (keypress to screen
  update, headless), on the machine as it is and with one busy process per
  core beside it ("loaded").

Times are CPU seconds where the work is CPU-bound, so other load on the machine
moves them little; wall times are printed beside them. The last lines repeat
every figure as `name=value`.
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import os
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate_large_menu import generate  # noqa: E402
from measure import child_env, median, run_child, spread, values_of  # noqa: E402

ROWS = ("lint", "yamllint", "floors", "dir", "cache", "calls", "startup", "tui")
COMMANDS = ("check", "lint", "call", "test", "paths")
EXAMPLE = "examples/northwind-energy.yaml"
EXAMPLE_CALLS = "examples/northwind-energy.calls.yaml"

results: list[tuple[str, str]] = []


def emit(name: str, value: object, note: str = "") -> None:
    """Record a figure and print it at once (a long run shows its progress)."""
    text = f"{value:.3f}" if isinstance(value, float) else str(value)
    results.append((name, text))
    print(f"  {name}={text}" + (f"   # {note}" if note else ""), flush=True)


OUT = HERE / "out"  # where the generated large files are kept between runs (--out)


def large_file(menus: int, out: Path) -> Path:
    path = out / ("large.yaml" if menus == 20_000 else f"large-{menus}.yaml")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate(menus, 400, 42), encoding="utf-8")
    return path


def task(mode: str, path: Path, env: dict[str, str]) -> dict[str, str]:
    run = run_child([sys.executable, str(HERE / "child_task.py"), mode, str(path)], env=env, cwd=REPO, capture=True)
    values = values_of(run.stdout)
    if run.returncode != 0 or "cpu" not in values:
        raise SystemExit(f"bench/child_task.py {mode} {path} failed (exit {run.returncode})")
    return values


def yamllint_available() -> bool:
    return importlib.util.find_spec("yamllint") is not None


def row_lint(path: Path, repeat: int, yamllint_repeat: int, rows: set[str], env: dict[str, str]) -> None:
    size = path.stat().st_size / 1e6
    print(f"lint: {path.name} ({size:.1f} MB), CPU seconds, fresh process per run, runs alternating", flush=True)
    compose, lint, lint_wall, pair_ratios = [], [], [], []
    yl, yl_ratios = [], []
    use_yamllint = "yamllint" in rows and yamllint_available()
    for run in range(repeat):
        if "lint" in rows or use_yamllint:
            c = task("compose", path, env) if "lint" in rows else None
            linted = task("lint", path, env)
            lint.append(float(linted["cpu"]))
            lint_wall.append(float(linted["wall"]))
            if c:
                compose.append(float(c["cpu"]))
                pair_ratios.append(lint[-1] / compose[-1])
        if use_yamllint and run < yamllint_repeat:
            y = task("yamllint", path, env)
            yl.append(float(y["cpu"]))
            yl_ratios.append(yl[-1] / lint[-1])
    emit("large_file_mb", round(size, 2))
    if "lint" in rows:
        print(f"  compose (GC off)  {spread(compose)}\n  ivrkit lint       {spread(lint)}  wall {spread(lint_wall)}")
        emit("compose_gc_off_cpu_s", median(compose))
        emit("lint_cpu_s", median(lint))
        emit("lint_over_compose", median(pair_ratios), "goal <= 3 (stretch <= 2)")
    if "yamllint" in rows:
        if not use_yamllint:
            print("  yamllint is not installed here (pip install -e .[dev]): row unavailable", flush=True)
            emit("yamllint_over_lint", "unavailable", "yamllint not installed")
        else:
            print(f"  yamllint          {spread(yl)}", flush=True)
            emit("yamllint_cpu_s", median(yl))
            emit("yamllint_over_lint", median(yl_ratios), "times faster than yamllint; goal >= 20")


def write_folder(folder: Path, files: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".ivrkit.yaml").write_text("lint: {}\n", encoding="utf-8")
    for index in range(files):
        (folder / f"menu{index:04d}.yaml").write_text(generate(40, 10, 1000 + index), encoding="utf-8")


def startup_menu(work: Path) -> Path:
    """The 100-node menu the startup and floors rows lint (80 menus and 20 other nodes, as bench_lint.py's)."""
    menu = work / "hundred.yaml"
    if not menu.exists():
        menu.write_text(generate(80, 20, 7), encoding="utf-8")
    return menu


def row_floors(path: Path, repeat: int, runs: int, env: dict[str, str], work: Path) -> None:
    print(f"floors: {path.name}, CPU seconds, fresh process per run, runs alternating", flush=True)
    times: dict[str, list[float]] = {"compose": [], "check": [], "lint-one-rule": []}
    for _ in range(repeat):
        for mode, kept in times.items():
            kept.append(float(task(mode, path, env)["cpu"]))
    print(
        f"  compose (GC off)          {spread(times['compose'])}\n"
        f"  ivrkit check              {spread(times['check'])}\n"
        f"  ivrkit lint --select AU001 {spread(times['lint-one-rule'])}"
    )
    ratios = {mode: median([t / c for t, c in zip(kept, times["compose"])]) for mode, kept in times.items()}
    emit("check_over_compose", ratios["check"], "loading alone; the lint's goal is <= 3")
    emit("lint_one_rule_over_compose", ratios["lint-one-rule"], "the whole lint with one cheap rule")
    menu = startup_menu(work)
    commands = {
        "import yaml": [sys.executable, "-c", "import yaml"],
        "check": [sys.executable, "-m", "ivrkit", "check", "--color", "never", str(menu)],
        "lint --select AU001": [
            sys.executable,
            "-m",
            "ivrkit",
            "lint",
            "--no-cache",
            "--color",
            "never",
            "--select",
            "AU001",
            str(menu),
        ],
    }
    for command in commands.values():
        run_child(command, env=env, cwd=REPO)  # warm-up: writes the bytecode
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            cpu[name].append(run_child(command, env=env, cwd=REPO).cpu)
    print(f"  whole process, the startup row's 100-node menu, {runs} alternating runs")
    for name, kept in cpu.items():
        print(f"  {name:<26}{spread(kept)}")
    base = median(cpu["import yaml"])
    emit("startup_check_over_import_yaml", median(cpu["check"]) / base, "CPU; the startup goal is <= 2")
    emit("startup_lint_one_rule_over_import_yaml", median(cpu["lint --select AU001"]) / base, "CPU")


def row_dir(sizes: list[int], env: dict[str, str], work: Path) -> None:
    print(f"dir: `ivrkit lint DIR` of N files x 40 menus, whole process ({os.cpu_count()} cores here)", flush=True)
    trees = []
    for files in sizes:
        folder = work / f"dir{files}"
        write_folder(folder, files)
        cold = {**env, "IVRKIT_CACHE_DIR": str(work / f"cache-dir{files}")}
        run = run_child(
            [sys.executable, "-m", "ivrkit", "lint", "--color", "never", str(folder)], env=cold, cwd=REPO, sample=True
        )
        print(
            f"  {files:4d} files: wall {run.wall:7.2f} s  CPU {run.cpu:7.2f} s  cores {run.cpu / run.wall:4.2f}  "
            f"peak RSS {run.peak_rss_mib:6.0f} MiB (largest process), {run.tree_rss_mib:6.0f} MiB (tree)  "
            f"exit {run.returncode}",
            flush=True,
        )
        if run.returncode not in (0, 1):
            raise SystemExit(f"ivrkit lint {folder} failed with exit {run.returncode}")
        emit(f"dir_{files}_wall_s", run.wall)
        emit(f"dir_{files}_cpu_s", run.cpu)
        emit(f"dir_{files}_cores", run.cpu / run.wall, "goal: all cores")
        emit(f"dir_{files}_peak_rss_mib", round(run.peak_rss_mib))
        emit(f"dir_{files}_tree_rss_mib", round(run.tree_rss_mib))
        trees.append(max(run.tree_rss_mib, run.peak_rss_mib))
    if len(sizes) > 1:
        emit(f"dir_rss_{sizes[-1]}_over_{sizes[0]}", trees[-1] / trees[0], "goal: flat (about 1)")


def row_cache(files: int, env: dict[str, str], work: Path) -> None:
    print(f"cache: `ivrkit lint DIR` of {files} files x 40 menus, cold then unchanged, one cache", flush=True)
    folder = work / f"cache{files}"
    write_folder(folder, files)
    cached = {**env, "IVRKIT_CACHE_DIR": str(work / f"cache-{files}")}
    runs = []
    for name in ("cold", "warm"):
        run = run_child([sys.executable, "-m", "ivrkit", "lint", "--color", "never", str(folder)], env=cached, cwd=REPO)
        if run.returncode not in (0, 1):
            raise SystemExit(f"ivrkit lint {folder} failed with exit {run.returncode}")
        print(f"  {name}: wall {run.wall:7.2f} s  CPU {run.cpu:7.2f} s", flush=True)
        emit(f"cache_{files}_{name}_wall_s", run.wall)
        emit(f"cache_{files}_{name}_cpu_s", run.cpu)
        runs.append(run)
    emit("cache_warm_over_cold", runs[1].cpu / runs[0].cpu, "CPU of the unchanged re-lint / the cold lint")
    emit("cache_warm_over_cold_wall", runs[1].wall / runs[0].wall)


def row_calls(calls: int, repeat: int, path: Path, env: dict[str, str]) -> None:
    print(f"calls: bench/bench_calls.py --calls {calls} --repeat {repeat}", flush=True)
    run = run_child(
        [
            sys.executable,
            str(HERE / "bench_calls.py"),
            "--calls",
            str(calls),
            "--repeat",
            str(repeat),
            "--file",
            str(path),
        ],
        env=env,
        cwd=REPO,
        capture=True,
    )
    last = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""
    for line in run.stdout.strip().splitlines()[:-1]:
        print(f"  | {line}")
    match = re.fullmatch(r"action_cost_ratio=([0-9.]+)", last)
    prepared = re.search(r"^prepared_action_cost_ratio=([0-9.]+)$", run.stdout, re.MULTILINE)
    if run.returncode != 0 or not match or not prepared:
        raise SystemExit(f"bench/bench_calls.py failed (exit {run.returncode}), last line {last!r}")
    emit("prepared_action_cost_ratio", float(prepared.group(1)), "every node's speech prepared first")
    emit("action_cost_ratio", float(match.group(1)), "goal <= 10")


def _networkx_share(stderr: str) -> tuple[float, bool]:
    """networkx's share of the self import time in `-X importtime` output, and whether it was imported."""
    total = networkx = 0
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+\d+ \|(\s*)(\S+)", line)
        if match:
            own = int(match.group(1))
            total += own
            if match.group(3).split(".")[0] == "networkx":
                networkx += own
    return (networkx / total if total else 0.0), networkx > 0


def _importtime(args: list[str], env: dict[str, str]) -> str:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ivrkit", *args],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=300,
    )
    return done.stderr


def row_startup(runs: int, env: dict[str, str], work: Path) -> None:
    menu = startup_menu(work)
    lint = [sys.executable, "-m", "ivrkit", "lint", "--no-cache", "--color", "never", str(menu)]
    baseline = [sys.executable, "-c", "import yaml"]
    run_child(lint, env=env, cwd=REPO)  # warm-up: writes the bytecode
    run_child(baseline, env=env, cwd=REPO)
    lint_runs, base_runs = [], []
    for _ in range(runs):
        base_runs.append(run_child(baseline, env=env, cwd=REPO))
        lint_runs.append(run_child(lint, env=env, cwd=REPO))
    print(f"startup: whole process, 100-node menu, medians of {runs} alternating runs", flush=True)
    print(
        f"  python -c 'import yaml'  CPU {spread([r.cpu for r in base_runs])}  "
        f"wall {spread([r.wall for r in base_runs])}"
    )
    print(
        f"  python -m ivrkit lint    CPU {spread([r.cpu for r in lint_runs])}  "
        f"wall {spread([r.wall for r in lint_runs])}"
    )
    emit("startup_lint_cpu_s", median([r.cpu for r in lint_runs]))
    emit("startup_import_yaml_cpu_s", median([r.cpu for r in base_runs]))
    emit(
        "startup_lint_over_import_yaml",
        median([r.cpu for r in lint_runs]) / median([r.cpu for r in base_runs]),
        "CPU; goal <= 2",
    )
    emit(
        "startup_lint_over_import_yaml_wall", median([r.wall for r in lint_runs]) / median([r.wall for r in base_runs])
    )
    share, _ = _networkx_share(_importtime(lint[3:], env))
    emit("networkx_share_of_lint_imports", round(100 * share, 1), "percent of the self import time; goal 0")
    arguments = {
        "check": [EXAMPLE],
        "lint": [EXAMPLE],
        "call": [EXAMPLE, "--press", "1"],
        "test": [EXAMPLE_CALLS],
        "paths": [EXAMPLE],
    }
    for command in COMMANDS:
        _, imported = _networkx_share(_importtime([command, *arguments[command]], env))
        emit(f"networkx_imported_by_{command}", int(imported), "goal 0")


def _burn(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def row_tui(runs: int, env: dict[str, str]) -> None:
    command = [sys.executable, str(HERE / "sim_latency.py"), "--pilot-only", "--runs", str(runs)]
    print(f"tui: bench/sim_latency.py --pilot-only (Textual Pilot, headless), {runs} key presses", flush=True)
    for label in ("quiet", "loaded"):
        burners = []
        if label == "loaded":  # one busy process per core, bounded in time, ended below
            burners = [
                multiprocessing.Process(target=_burn, args=(120.0,), daemon=True) for _ in range(os.cpu_count() or 1)
            ]
            for burner in burners:
                burner.start()
        try:
            run = run_child(command, env=env, cwd=REPO, capture=True, timeout=300)
        finally:
            for burner in burners:
                burner.terminate()
                burner.join()
        values = values_of(run.stdout)
        if run.returncode != 0 or "tui_keypress_to_screen_ms" not in values:
            print(f"  {label}: sim_latency.py failed headless here (exit {run.returncode})", flush=True)
            emit(f"tui_keypress_to_screen_ms_{label}", "unavailable", "sim_latency.py failed")
            continue
        emit(
            f"tui_keypress_to_screen_ms_{label}",
            float(values["tui_keypress_to_screen_ms"]),
            "Pilot; goal < 50 loaded" if label == "loaded" else "Pilot",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 2,000-menu file, 5/20/50 files, fewer runs")
    parser.add_argument("--menus", type=int, help="menus in the large file (default 20000, --quick 2000)")
    parser.add_argument("--repeat", type=int, help="paired compose/lint runs (default 3, --quick 2)")
    parser.add_argument("--yamllint-repeat", type=int, default=1, help="yamllint runs (default 1: it is slow)")
    parser.add_argument("--dirs", type=int, nargs="+", help="file counts (default 50 200 500, --quick 5 20 50)")
    parser.add_argument("--cache-files", type=int, help="files of the cache row (default 200, --quick 20)")
    parser.add_argument("--calls", type=int, help="simulated calls per run (default 2000, --quick 300)")
    parser.add_argument("--runs", type=int, help="process runs of the startup row (default 7, --quick 3)")
    parser.add_argument("--tui-runs", type=int, help="key presses of the TUI row (default 20, --quick 5)")
    parser.add_argument("--out", type=Path, default=OUT, help="folder of the generated large files (bench/out)")
    parser.add_argument("--only", default=",".join(ROWS), help=f"comma-separated rows of {', '.join(ROWS)}")
    args = parser.parse_args()
    quick = args.quick
    menus = args.menus or (2_000 if quick else 20_000)
    repeat = args.repeat or (2 if quick else 3)
    dirs = args.dirs or ([5, 20, 50] if quick else [50, 200, 500])
    rows = {row.strip() for row in args.only.split(",") if row.strip()}
    unknown = rows - set(ROWS)
    if unknown:
        parser.error(f"unknown rows {', '.join(sorted(unknown))}: choose from {', '.join(ROWS)}")
    load = os.getloadavg()
    print(
        f"bench_core: Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
        flush=True,
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ivrkit-bench-") as folder:
        work = Path(folder)
        env = child_env(str(work / "pycache"))
        if rows & {"lint", "yamllint"}:
            row_lint(large_file(menus, args.out), repeat, min(args.yamllint_repeat, repeat), rows, env)
        if "floors" in rows:
            row_floors(large_file(menus, args.out), repeat, args.runs or (3 if quick else 7), env, work)
        if "dir" in rows:
            row_dir(dirs, env, work)
        if "cache" in rows:
            row_cache(args.cache_files or (20 if quick else 200), env, work)
        if "calls" in rows:
            row_calls(args.calls or (300 if quick else 2000), 2 if quick else 3, large_file(menus, args.out), env)
        if "startup" in rows:
            row_startup(args.runs or (3 if quick else 7), env, work)
        if "tui" in rows:
            row_tui(args.tui_runs or (5 if quick else 20), env)
    print(f"all figures ({time.perf_counter() - started:.0f} s):")
    for name, value in results:
        print(f"{name}={value}")


if __name__ == "__main__":
    main()
