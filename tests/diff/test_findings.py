"""Lint findings between versions: matched by rule, node and message, so lines that shift change nothing."""

from __future__ import annotations

from pathlib import Path

from ivrkit.diff import diff_menus
from ivrkit.loader import loads

FLAWED = Path(__file__).resolve().parents[2] / "examples" / "flawed" / "overlapping-labels.yaml"


def load_text(text: str):
    return loads(text, FLAWED)


def test_findings_that_only_moved_down_the_file_are_neither_new_nor_fixed():
    text = FLAWED.read_text(encoding="utf-8")
    diff = diff_menus(load_text(text), load_text("# a comment\n# and another\n\n" + text))
    assert diff.findings == () and diff.empty


def test_a_fixed_label_is_a_fixed_finding_and_putting_it_back_a_new_one():
    text = FLAWED.read_text(encoding="utf-8")
    edited = text.replace("{label: ask about billing,", "{label: tell us you are moving house,")
    fixed = diff_menus(load_text(text), load_text(edited))
    assert [(f.status, f.code, f.line, f.message) for f in fixed.findings] == [
        (
            "fixed",
            "WD001",
            33,
            '"ask about billing" is too similar to "pay a bill" and "make a payment" (all about: bill)',
        )
    ]
    back = diff_menus(load_text(edited), load_text(text))
    assert [(f.status, f.code, f.line) for f in back.findings] == [("new", "WD001", 33)]
    assert not back.empty


def test_a_finding_whose_figures_alone_changed_is_changed_not_new_and_fixed():
    long_prompts = FLAWED.with_name("long-prompts.yaml")
    text = long_prompts.read_text(encoding="utf-8")
    longer = text.replace(
        "the reason for your call today.", "the reason for your call today, or the one closest to it."
    )
    diff = diff_menus(loads(text, long_prompts), loads(longer, long_prompts))
    changed = [(f.status, f.code, f.message_before, f.message) for f in diff.findings]
    assert (
        "changed",
        "LN002",
        "the prompt of `main` takes about 35 s to say (over 30 s)",
        "the prompt of `main` takes about 37 s to say (over 30 s)",
    ) in changed
    assert all(status == "changed" for status, _, _, _ in changed)
