"""Benchmark: `lint` and `check` grow in proportion to the size of their input.

    python bench/bench_linear.py [--repeat 1] [--only options|chain] [--big]

Two shapes of input are generated in a temporary folder:

1. **One wide menu** of 1,000, 4,000 and 16,000 options: a company
   directory, each option a direct-dial key (all keys of one length, as an
   extension plan has them) whose label names a person and a department
   ("Talvikaro in sales"), leading to a transfer node of its own.
2. **A chain of building blocks**: 100, 250 and 1,000 files, each file's
   menu going on to the next file (`goto: block0043.yaml`), the last one to a
   person. `check` and `lint` are run on the first file, which loads them all.
3. **The same chain as a folder**: `ivrkit check DIR` and `ivrkit lint DIR`
   (the command-line entry, in this process, output discarded), which take
   every file as a menu of its own. A size is skipped, and said so, when the
   growth measured so far predicts more than `--budget` seconds for it.

Each case is loaded (`check`: `ivrkit.loader.load`, what `ivrkit check`
does per file) and linted (`ivrkit.lint.project.lint_files`, what `ivrkit
lint` does) in this process, with the cyclic collector off as the `ivrkit`
console script runs them. Times are CPU seconds of this process and of the
lint's forked half (ivrkit.lint.parallel), so the second process of a large
menu is counted and the machine's other load is not.

The report gives each size's time over the smallest size's time beside the
size ratio; linear means a time ratio close to the size ratio (the target is
at most 1.5 x the size ratio). The last lines are `name=value`, e.g.
`options_16k_over_1k_lint=17.2` and `options_16k_size_ratio=16`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import resource
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from ivrkit.gcpause import gc_paused  # noqa: E402
from ivrkit.lint.config_file import ConfigResolver  # noqa: E402
from ivrkit.lint.project import lint_files  # noqa: E402
from ivrkit.loader import load  # noqa: E402

OPTION_SIZES = (1_000, 4_000, 16_000)
CHAIN_SIZES = (100, 250, 1_000)
TARGET = 1.5  # the time ratio may be at most this times the size ratio

DEPARTMENTS = (
    "sales",
    "billing",
    "payroll",
    "finance",
    "logistics",
    "marketing",
    "research",
    "legal",
    "purchasing",
    "maintenance",
    "security",
    "training",
)
ONSETS = "b d f g h j k l m n p r s t v".split()
VOWELS = "a e i o u ai ei oi".split()
CODAS = ("", "n", "l", "r", "s", "k", "t")


def _surname(index: int) -> str:
    """A distinct invented surname for every index (pronounceable, capitalised)."""
    rng = random.Random(index)
    syllables = []
    n = index
    while True:  # the index in a mixed base: distinct indexes give distinct names
        syllables.append(ONSETS[n % len(ONSETS)] + VOWELS[(n // len(ONSETS)) % len(VOWELS)])
        n //= len(ONSETS) * len(VOWELS)
        if n == 0:
            break
    syllables.append(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS))
    return "".join(syllables).capitalize()


def wide_menu(options: int) -> str:
    """One menu with `options` direct-dial options, each to a transfer of its own."""
    width = len(str(options)) + 1
    first = 10 ** (width - 1)
    out = [
        "ivrkit: 1",
        f"name: Directory of {options} people",
        "language: en",
        "entry: directory",
        "settings:",
        "  retries: 2",
        "  fallback: reception",
        "global_options:",
        '  "0": {label: speak to reception, goto: reception}',
        '  "*": {label: hear these options again, action: repeat}',
        "nodes:",
        "  directory:",
        "    type: menu",
        f"    say: Enter the {width}-digit extension of the person you want to reach.",
        "    options:",
    ]
    for i in range(options):
        department = DEPARTMENTS[i % len(DEPARTMENTS)]
        out.append(f'      "{first + i}": {{label: {_surname(i)} in {department}, goto: person{i}}}')
    out += [
        "    no_input:",
        "      - say: Sorry, I didn't hear an extension.",
        "      - say: Enter the extension of the person you want, or press 0 for reception.",
        "    no_match:",
        "      - say: Sorry, that isn't an extension.",
        "      - say: Sorry, that isn't an extension either. Press 0 for reception.",
        "  reception:",
        "    type: transfer",
        "    queue: reception",
        "    say: Connecting you to reception.",
        "    announce_wait: true",
        "    max_wait: 600",
        "    overflow: voicemail",
        "  voicemail:",
        "    type: voicemail",
        "    say: Please leave a message after the tone. We will call you back within one working day.",
    ]
    for i in range(options):
        out += [
            f"  person{i}:",
            "    type: transfer",
            f"    queue: extension-{first + i}",
            "    announce_wait: true",
            "    max_wait: 300",
            "    overflow: voicemail",
        ]
    return "\n".join(out) + "\n"


def chain_block(index: int, count: int) -> str:
    """Building block `index` of a chain of `count`: its menu goes on to the next file."""
    onward = f"block{index + 1:04d}.yaml" if index + 1 < count else "agent"
    return (
        "\n".join(
            [
                "ivrkit: 1",
                f"name: Step {index + 1} of {count}",
                "language: en",
                "entry: step",
                "settings:",
                "  retries: 2",
                "  fallback: agent",
                "global_options:",
                '  "0": {label: speak to an agent, goto: agent}',
                "nodes:",
                "  step:",
                "    type: menu",
                f"    say: This is step {index + 1}.",
                "    options:",
                f'      "1": {{label: go on to the next step, goto: {onward}}}',
                "    no_input:",
                "      - say: Sorry, I didn't hear a choice.",
                "      - say: Press 1 to go on, or 0 to speak to an agent.",
                "    no_match:",
                "      - say: Sorry, that key isn't one of the options.",
                "      - say: Sorry, that key isn't one of the options either. Press 0 to speak to an agent.",
                "  agent:",
                "    type: transfer",
                "    queue: general",
                "    say: Connecting you to an agent.",
                "    announce_wait: true",
                "    max_wait: 600",
                "    overflow: voicemail",
                "  voicemail:",
                "    type: voicemail",
                "    say: Please leave a message after the tone. We will call you back within one working day.",
            ]
        )
        + "\n"
    )


def write_chain(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (folder / f"block{index:04d}.yaml").write_text(chain_block(index, count), encoding="utf-8")
    return folder / "block0000.yaml"


def _cpu_seconds() -> float:
    """CPU time of this process and its waited-for children (the lint's forked half)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _measure(path: Path, root: Path, repeat: int) -> tuple[float, float, int]:
    """(check CPU seconds, lint CPU seconds, findings), the minimum of `repeat` runs each."""
    checks, lints, findings = [], [], 0
    for _ in range(repeat):
        with gc_paused():
            start = _cpu_seconds()
            menuset = load(path, root=root)
            checks.append(_cpu_seconds() - start)
            del menuset
        with gc_paused():
            start = _cpu_seconds()
            result = lint_files([path], ConfigResolver(), root=str(root))
            lints.append(_cpu_seconds() - start)
        assert not result.load_errors, [str(d) for d in result.load_errors[:3]]
        findings = len(result.findings)
        del result
    return min(checks), min(lints), findings


def _measure_folder(folder: Path) -> tuple[float, float, int]:
    """(CPU seconds of `ivrkit check DIR`, of `ivrkit lint DIR`, lint's exit code), through `ivrkit.cli.main`."""
    from ivrkit import cli

    seconds = []
    code = 0
    for command in (["check", str(folder)], ["lint", "--format", "concise", str(folder)]):
        with gc_paused(), contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            start = _cpu_seconds()
            code = cli.main(command)
            seconds.append(_cpu_seconds() - start)
    return seconds[0], seconds[1], code


def run_folder(sizes: tuple[int, ...], folder: Path, budget: float) -> list[tuple[str, float]]:
    rows = []
    for size in sizes:
        if len(rows) >= 2:  # predict from the growth so far: time ~ size ** exponent
            (s0, _, l0), (s1, c1, l1) = rows[-2][:3], rows[-1][:3]
            exponent = max(1.0, _log(max(l1, 1e-3) / max(l0, 1e-3)) / _log(s1 / s0))
            predicted = (c1 + l1) * (size / s1) ** exponent
            if predicted > budget:
                print(
                    f"  folder {size:>6}: skipped, predicted {predicted:.0f} s (growth ~ size^{exponent:.1f}) "
                    f"> --budget {budget:g} s",
                    flush=True,
                )
                continue
        chain = folder / f"folder{size}"
        write_chain(chain, size)
        check, lint, code = _measure_folder(chain)
        rows.append((size, check, lint, code))
        print(f"  folder {size:>6}: check {check:7.2f} s   lint {lint:7.2f} s   (lint exit {code})", flush=True)
    return _ratios("folder", rows)


def _ratios(kind: str, rows: list[tuple[int, float, float, object]]) -> list[tuple[str, float]]:
    """Print each size's check and lint time as a ratio to the smallest size's; the name=value pairs."""
    base_size, base_check, base_lint, _ = rows[0]
    values: list[tuple[str, float]] = []
    for size, check, lint, _ in rows[1:]:
        ratio = size / base_size
        name = f"{kind}_{_label(size)}_over_{_label(base_size)}"
        print(
            f"  {name}: check {check / base_check:5.1f}, lint {lint / base_lint:5.1f} "
            f"(size ratio {ratio:g}, target <= {TARGET * ratio:g})"
        )
        values += [
            (f"{name}_check", check / base_check),
            (f"{name}_lint", lint / base_lint),
            (f"{kind}_{_label(size)}_size_ratio", ratio),
        ]
    values += [
        (f"{kind}_{_label(size)}_{what}_cpu_s", seconds)
        for size, checked, linted, _ in rows
        for what, seconds in (("check", checked), ("lint", linted))
    ]
    return values


def _log(x: float) -> float:
    import math

    return math.log(x)


def _label(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def run(kind: str, sizes: tuple[int, ...], repeat: int, folder: Path) -> list[tuple[str, float]]:
    rows = []
    for size in sizes:
        if kind == "options":
            path = folder / f"wide{size}" / "menu.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(wide_menu(size), encoding="utf-8")
        else:
            path = write_chain(folder / f"chain{size}", size)
        check, lint, findings = _measure(path, path.parent, repeat)
        rows.append((size, check, lint, findings))
        print(f"  {kind} {size:>6}: check {check:7.2f} s   lint {lint:7.2f} s   ({findings} findings)", flush=True)
    return _ratios(kind, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; the fastest counts")
    parser.add_argument("--only", choices=("options", "chain", "folder"))
    parser.add_argument(
        "--options",
        type=lambda s: tuple(int(x) for x in s.split(",")),
        default=OPTION_SIZES,
        help="menu sizes, comma-separated (default 1000,4000,16000)",
    )
    parser.add_argument(
        "--chain",
        type=lambda s: tuple(int(x) for x in s.split(",")),
        default=CHAIN_SIZES,
        help="chain lengths, comma-separated (default 100,250,1000)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=300.0,
        help="skip a folder size predicted to take longer than this many CPU seconds (default 300)",
    )
    args = parser.parse_args()
    values: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="ivrkit-bench-") as tmp:
        folder = Path(tmp)
        (folder / ".ivrkit.yaml").write_text("lint: {}\n", encoding="utf-8")
        if args.only in (None, "options"):
            print("1. one menu with many options", flush=True)
            values += run("options", args.options, args.repeat, folder)
        if args.only in (None, "chain"):
            print("2. a chain of building blocks, checked and linted from the first file", flush=True)
            values += run("chain", args.chain, args.repeat, folder)
        if args.only in (None, "folder"):
            print("3. the same chain as a folder: `ivrkit check DIR`, `ivrkit lint DIR`", flush=True)
            values += run_folder(args.chain, folder, args.budget)
    ok = all(
        value <= TARGET * dict(values)[name.rsplit("_over_", 1)[0] + "_size_ratio"]
        for name, value in values
        if "_over_" in name
    )
    print()
    for name, value in values:
        print(f"{name}={value:.3g}")
    print(f"linear={'yes' if ok else 'no'}")


if __name__ == "__main__":
    main()
