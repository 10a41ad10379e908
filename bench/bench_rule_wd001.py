"""Benchmark: the CPU time of rule WD001 `option-overlap` alone, on the generated large menu.

    python bench/bench_rule_wd001.py [--menus 2000] [--repeat 5]

The file of `generate_large_menu.py` (`--menus` menus, seed 42) is loaded once;
then WD001's `check` runs `--repeat` times over it with the label caches of
`ivrkit.language.matching` emptied before each run (a lint in a fresh process
meets every label for the first time). Also timed: `candidate_pairs` alone on
the concepts of every menu's labels, and the concepts of every label. CPU
seconds of this process, cyclic collector off as the `ivrkit` console script
runs; the minimum of the runs. Last lines `name=value`.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate_large_menu import generate  # noqa: E402

from ivrkit.language import candidate_pairs, concepts  # noqa: E402
from ivrkit.lint.config import LintConfig  # noqa: E402
from ivrkit.lint.context import Context  # noqa: E402
from ivrkit.loader import load  # noqa: E402
from ivrkit.rules.wd001_option_overlap import OptionOverlap  # noqa: E402


def _best(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        concepts.cache_clear()
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--menus", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    gc.disable()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.yaml"
        path.write_text(generate(args.menus, 40, 42), encoding="utf-8")
        menuset = load(path)
    context = Context(menuset, config=LintConfig())
    rule = OptionOverlap(LintConfig().settings_of(OptionOverlap))
    findings = list(rule.check(context))  # warm: the language tables, the context's analyses

    per_menu = []
    for _, menu in context.menus():
        menu_file = menuset.file_of(menu)
        for language in menu_file.languages:
            labels = [o.label.get(language) for o in menu_file.options_of(menu) if o.announce and o.label]
            per_menu.append([(text, language) for text in labels if text and text.strip()])

    def all_concepts() -> None:
        for labels in per_menu:
            for text, language in labels:
                concepts(text, language)

    found = [[concepts(text, language) for text, language in labels] for labels in per_menu]

    def all_pairs() -> None:
        for labels in found:
            candidate_pairs(labels, 0.5)

    rule_s = _best(lambda: list(rule.check(context)), args.repeat)
    concepts_s = _best(all_concepts, args.repeat)
    pairs_s = _best(all_pairs, args.repeat)
    print(f"menus={len(per_menu)} labels={sum(map(len, per_menu))} findings={len(findings)}")
    print(f"wd001_check_cpu_s={rule_s:.4f}")
    print(f"wd001_concepts_cpu_s={concepts_s:.4f}")
    print(f"wd001_candidate_pairs_cpu_s={pairs_s:.4f}")


if __name__ == "__main__":
    main()
