#!/usr/bin/env python3
"""Check (and refit) ivrkit.timing against real espeak-ng speech.

Collects every spoken text of examples/*.yaml and menus/*.yaml in each of the
file's languages (node prompts, composed options, no-input and no-match
messages), has espeak-ng write each one to a WAV at the node's rate, and
prints the model's estimate beside the WAV's length with the error.

    python3 scripts/calibrate_timing.py              # per-prompt errors at each node's rate
    python3 scripts/calibrate_timing.py --rates 120 165 220
    python3 scripts/calibrate_timing.py --fit        # also fit new coefficients (needs numpy, scipy)
    python3 scripts/calibrate_timing.py --save scripts/timing_calibration.json

The saved file keeps the measurements (text, language, rate, seconds) with the
espeak-ng version, so a fit can be repeated without synthesising.
Exit status 1 when any prompt is off by more than --tolerance (default 15 %).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import wave
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ivrkit import timing  # noqa: E402


def collect(patterns=("examples/*.yaml", "menus/*.yaml")) -> list[dict]:
    """Every distinct spoken text of the files: {file, node, language, rate, voice, text}."""
    from ivrkit.loader import load
    from ivrkit.model import Interactive
    from ivrkit.prompts import node_segments, text_in

    prompts, seen = [], set()
    for pattern in patterns:
        for path in sorted(glob.glob(str(ROOT / pattern))):
            if path.endswith((".calls.yaml", ".goals.yaml")):  # call scripts, not menus
                continue
            menuset = load(path)
            menu_file = menuset.root
            for key, node in menuset.nodes.items():
                if node.file != menu_file.key:
                    continue
                rate = node.setting("rate", menu_file.settings)
                for language in menu_file.languages:
                    texts = [(s.text, s.language) for s in node_segments(menuset, key, language) if s.text]
                    if isinstance(node, Interactive):
                        for handler in node.no_input + node.no_match:
                            if handler.prompt is not None and handler.prompt.text is not None:
                                text, used, _ = text_in(handler.prompt.text, language, menu_file.language)
                                texts.append((text, used))
                    voices = node.setting("voice", menu_file.settings)
                    for text, used in texts:
                        if (text, used, rate) in seen:
                            continue
                        seen.add((text, used, rate))
                        voice = (voices.get(used) if voices is not None else None) or used
                        prompts.append(
                            {
                                "file": Path(path).relative_to(ROOT).as_posix(),
                                "node": node.id,
                                "language": used,
                                "voice": voice,
                                "rate": rate,
                                "text": text,
                            }
                        )
    return prompts


def wav_seconds(text: str, voice: str, rate: float) -> float:
    """The length of the WAV espeak-ng writes for `text`."""
    fd, path = tempfile.mkstemp(suffix=".wav")
    os.close(fd)
    try:
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(int(round(rate))), "-w", path, text],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with wave.open(path) as wav:
            return wav.getnframes() / wav.getframerate()
    finally:
        os.unlink(path)


def measure(prompts: list[dict], rates: list[float] | None) -> list[dict]:
    jobs = [dict(p, rate=r) for p in prompts for r in (rates or [p["rate"]])]
    with ThreadPoolExecutor(4) as pool:
        seconds = list(pool.map(lambda j: wav_seconds(j["text"], j["voice"], j["rate"]), jobs))
    return [dict(j, seconds=s) for j, s in zip(jobs, seconds)]


def fit(rows: list[dict]) -> None:
    """Non-negative least squares on relative error (weights 1/seconds), per language, over every rate.

    The rate exponents (`timing.RATE_EXPONENTS`) stay fixed; the fit gives
    each language's coefficients.
    """
    import numpy as np
    from scipy.optimize import nnls

    sounds, pauses, base = timing.RATE_EXPONENTS
    for language in sorted({r["language"] for r in rows}):
        data = [r for r in rows if r["language"] == language]
        features = np.array([timing.features(r["text"], language) for r in data], float)
        slower = timing.DEFAULT_RATE / np.array([r["rate"] for r in data], float)
        X = np.column_stack(
            [
                slower**base,
                features[:, 0] * slower**sounds,
                features[:, 1] * slower**sounds,
                features[:, 2] * slower**pauses,
                features[:, 3] * slower**pauses,
            ]
        )
        y = np.array([r["seconds"] for r in data])
        coef, _ = nnls(X / y[:, None], np.ones_like(y))
        err = X @ coef / y - 1
        print(
            f"fit {language}: base={coef[0]:.3f} syllable={coef[1]:.4f} letter={coef[2]:.4f} "
            f"comma={coef[3]:.3f} sentence={coef[4]:.3f}  max |error| {abs(err).max():.1%}"
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rates", type=float, nargs="*", help="measure at these rates instead of each node's")
    parser.add_argument("--fit", action="store_true", help="fit new coefficients")
    parser.add_argument("--load", help="use saved measurements instead of running espeak-ng")
    parser.add_argument("--save", help="save the measurements as JSON")
    parser.add_argument("--tolerance", type=float, default=0.15)
    parser.add_argument("--quiet", action="store_true", help="only the summary")
    args = parser.parse_args(argv)

    if args.load:
        rows = json.loads(Path(args.load).read_text(encoding="utf-8"))["measurements"]
    else:
        rows = measure(collect(), args.rates)
    if args.save:
        version = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout.strip()
        Path(args.save).write_text(
            json.dumps({"espeak_ng": version, "measurements": rows}, ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8",
        )
    worst: dict[tuple, float] = {}
    failures = 0
    for row in rows:
        estimate = timing.speech_seconds(row["text"], row["language"], row["rate"])
        error = estimate / row["seconds"] - 1
        key = (row["language"], row["rate"])
        worst[key] = max(worst.get(key, 0.0), abs(error))
        failures += abs(error) > args.tolerance
        if not args.quiet:
            flag = "  !!" if abs(error) > args.tolerance else ""
            print(
                f"{row['language']} {row['rate']:5.0f} {row['seconds']:6.2f}s {estimate:6.2f}s {error:+6.1%}"
                f"  {row['file']}#{row['node']}: {row['text'][:70]}{flag}"
            )
    for (language, rate), error in sorted(worst.items()):
        errors = [
            abs(timing.speech_seconds(r["text"], language, rate) / r["seconds"] - 1)
            for r in rows
            if r["language"] == language and r["rate"] == rate
        ]
        print(
            f"{language} at {rate:.0f} wpm: {len(errors)} prompts, mean |error| "
            f"{sum(errors) / len(errors):.1%}, max {error:.1%}"
        )
    if args.fit:
        fit(rows)
    print(f"{failures} prompts outside ±{args.tolerance:.0%}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
