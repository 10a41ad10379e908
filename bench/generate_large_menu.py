"""Generate a large, valid ivrkit menu for benchmarks (about 20,000 menus, ~13 MB).

The shape follows ../shared/design/platform-notes.md section 3: each menu has a
20-word quoted prompt and 3-9 options (key, label, target) written as block
mappings; the graph has tree edges, "9 = back to the parent" cycles, random
cross edges, five two-node trap loops and one orphan. Seeded, so every run
writes the same file.

    python bench/generate_large_menu.py bench/out/large.yaml [--menus 20000] [--seed 42]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = (
    "account bill payment meter reading outage service contract address move energy price "
    "tariff invoice balance support agent question request change update report order "
    "delivery connection network fault internet mobile plan upgrade refund credit card"
).split()


def generate(menus: int, terminals: int, seed: int) -> str:
    rng = random.Random(seed)
    out = [
        "ivrkit: 1",
        "name: Generated benchmark line",
        "language: en",
        "entry: m0",
        "settings:",
        "  timeout: 5",
        "global_options:",
        '  "0": {label: speak with an agent, goto: t0}',
        "nodes:",
    ]
    # Menu i's tree parent is (i - 1) // 6, so depth grows like log6(menus).
    children: dict[int, list[int]] = {}
    for child in range(1, menus - 1):  # the last menu is the orphan
        children.setdefault((child - 1) // 6, []).append(child)
    traps = set(range(menus - 11, menus - 1))  # five two-node loops with no exit
    for index in range(menus):
        out.append(f"  m{index}:")
        out.append("    type: menu")
        prompt = " ".join(rng.choice(WORDS) for _ in range(20))
        out.append(f'    say: "{prompt.capitalize()}."')
        if index in traps:
            out.append("    global_options: false")
        out.append("    options:")
        if index in traps:
            partner = index + 1 if (index - min(traps)) % 2 == 0 else index - 1
            targets = [f"m{partner}"]
        else:
            targets = [f"m{c}" for c in children.get(index, [])]
            while len(targets) < rng.randint(3, 8):
                if rng.random() < 0.5:
                    targets.append(f"t{rng.randrange(terminals)}")
                else:
                    targets.append(f"m{rng.randrange(menus - 12)}")
        for key, target in enumerate(targets[:8], start=1):
            label = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 5)))
            out.append(f'      "{key}":')
            out.append(f"        label: {label}")
            out.append(f"        goto: {target}")
        if index and index not in traps:
            out.append('      "9":')
            out.append("        label: go back")
            out.append("        action: back")
    for index in range(terminals):
        out.append(f"  t{index}:")
        out.append("    type: transfer")
        out.append(f"    queue: queue-{index}")
    return "\n".join(out) + "\n"


def written(path: Path, menus: int, terminals: int, seed: int) -> Path:
    """`path` holding `generate(menus, terminals, seed)`, written only when it is missing or holds other text."""
    text = generate(menus, terminals, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--menus", type=int, default=20_000)
    parser.add_argument("--terminals", type=int, default=400)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = generate(args.menus, args.terminals, args.seed)
    args.output.write_text(text, encoding="utf-8")
    print(
        f"wrote {args.output}: {len(text.encode()) / 1e6:.1f} MB, {text.count(chr(10))} lines, "
        f"{args.menus} menus, {args.terminals} terminals"
    )


if __name__ == "__main__":
    main()
