"""The golden file of findings: every finding (all levels) `ivrkit lint` reports on every shipped example, flawed
menu and shared menu, and on every third-party corpus file, as JSON (tests/golden/findings.json). Corpus
findings keep their message as a hash: it quotes third-party prompts, which stay out of the repository. GL001's
findings (the predictions of the caller model on the examples' goals files) are left out.

It was written before the core reshape of issue 12 and is kept as a regression test
(tests/test_golden_findings.py): a change that alters what the linter says about these files fails until the
file is rewritten on purpose.

    python scripts/golden_findings.py check    # differences, exit 1 when there are any
    python scripts/golden_findings.py write    # rewrite the golden file (after a deliberate change)
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
GOLDEN = ROOT / "tests" / "golden" / "findings.json"
COMPANIONS = {"01b_freeswitch-demo-ivr.phrases.xml", "31_freepbx-salama-recordings.sql"}  # read with 01 / 30


def shipped_files() -> list[Path]:
    menus = [*ROOT.glob("examples/*.yaml"), *ROOT.glob("examples/flawed/*.yaml"), *ROOT.glob("menus/*.yaml")]
    return sorted(path for path in menus if not path.name.endswith((".calls.yaml", ".goals.yaml")))  # no menus


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.name[:2].isdigit() and p.name not in COMPANIONS)


def findings_of(path: Path) -> list[dict]:
    """Every finding on one file, suppressed ones included, in report order."""
    from ivrkit.importers import load_any
    from ivrkit.lint.predictor import goal_predictor, predict_goals_with
    from ivrkit.lint.runner import lint

    root = path.parent if path.parent == CORPUS else ROOT
    # GL001 (goal-success) quotes the caller model's predictions, which are tuned on their own and pinned by
    # tests/rules/test_gl001_goal_success.py: no predictor here, whatever an earlier test in the process handed down.
    before = goal_predictor()
    predict_goals_with(None)
    try:
        findings = sorted(lint(load_any(path, root=root)), key=lambda f: f.sort_key())
    finally:
        predict_goals_with(before)
    third_party = path.parent == CORPUS
    return [
        {
            "code": f.code,
            "level": str(f.level),
            "line": f.span.line,
            "col": f.span.col,
            "node": f.node,
            "message": _digest(f.message) if third_party else f.message,
            "suppressed": f.suppressed,
        }
        for f in findings
    ]


def _digest(message: str) -> str:
    """A corpus finding's message quotes third-party prompts, which stay out of the repository: kept as a hash."""
    return "sha256:" + hashlib.sha256(message.encode("utf-8")).hexdigest()[:16]


def key_of(path: Path) -> str:
    return f"corpus/{path.name}" if path.parent == CORPUS else path.relative_to(ROOT).as_posix()


def current(with_corpus: bool = True) -> dict[str, list[dict]]:
    files = shipped_files() + (corpus_files() if with_corpus and CORPUS.is_dir() else [])
    return {key_of(path): findings_of(path) for path in files}


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    now = current()
    if command == "write":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(now, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {GOLDEN.relative_to(ROOT)}: {sum(map(len, now.values()))} findings in {len(now)} files")
        return 0
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    changed = sorted(name for name in set(golden) | set(now) if golden.get(name) != now.get(name))
    for name in changed:
        print(f"changed: {name}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
