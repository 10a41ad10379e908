"""The text and Markdown reports: headline, order, escaping, and the same bytes for the same diff."""

from __future__ import annotations

from ivrkit.diff import diff_menus, github, text
from ivrkit.loader import loads

from .test_options import MENU, edit


def test_a_label_with_a_pipe_and_backticks_cannot_break_the_markdown_table():
    tricky = edit(("label: pay your bill,", 'label: "pay | `bill` <now>",'))
    comment = github.render(diff_menus(loads(MENU), loads(tricky)))
    [row] = [line for line in comment.splitlines() if line.startswith("| reworded |")]
    assert row == '| reworded | main 1: "pay your bill" → "pay \\| \\`bill\\` &lt;now&gt;" |'
    assert row.replace("\\|", "").count("|") == 3  # two cells


def test_the_comment_starts_with_its_marker_and_ends_with_the_files():
    comment = github.render(diff_menus(loads(MENU), loads(MENU)))
    lines = comment.splitlines()
    assert lines[0] == github.MARKER and lines[3] == "No change a caller would notice."
    assert lines[-1] == "<sub>`menu.yaml` → `menu.yaml`, simulated 2026-11-23 10:00.</sub>"


def test_text_lists_the_lost_destination_first_and_counts_the_rest():
    lost = edit(('      "1": {label: pay your bill, goto: pay}\n', ""))
    report = text.render(diff_menus(loads(MENU), loads(lost)))
    lines = report.splitlines()
    assert lines[1].startswith("1 destination now unreachable; 4 destinations faster; 1 option change;")
    first = lines[lines.index("Destinations (first-time seconds on the fastest route, as `ivrkit paths`):") + 1]
    assert first.split()[:4] == ["now", "unreachable", "pay", "2.9"] and first.split()[6:8] == ["—", "now"]
    assert '  removed   main 1 "pay your bill" (led to pay)' in lines


def test_text_spells_out_control_characters_in_goal_words_and_finding_lines(tmp_path):
    """A goal's words reach the report (goals table, GL001 finding lines) as `ivrkit lint` prints them: no escape
    sequence or line break reaches the terminal."""
    from dataclasses import replace

    from ivrkit.goals import load_goals
    from ivrkit.loader import load

    from .edits import NORTHWIND, copy_example, edited_example, write_goals

    said = "can I set up a payment plan to pay what I owe"
    change = replace(NORTHWIND, goals_yaml=NORTHWIND.goals_yaml.replace(said, f'"{said}\\e[2J\\nreally"'))
    new_file = edited_example(tmp_path, change)
    old, new = load(copy_example(tmp_path, change.example, "old")), load(new_file)
    goals = load_goals(write_goals(new_file, change), menuset=new)
    assert goals.goals[0].say == f"{said}\x1b[2J\nreally"
    report = text.render(diff_menus(old, new, goals=goals, goals_source="beside NEW"))
    assert "\x1b" not in report and "\nreally" not in report
    escaped = f"{said}\\x1b[2J\\nreally"
    goal_lines = [line for line in report.splitlines() if line.startswith("  success ")]
    assert any(f'"{escaped}" → payment_support' in line for line in goal_lines)
    finding_lines = [line for line in report.splitlines() if " GL001 " in line]
    assert any(f'callers who say "{escaped}"' in line for line in finding_lines)


def test_the_markdown_comment_spells_out_control_characters_too():
    tricky = edit(("label: pay your bill,", 'label: "pay your\\e[2J bill",'))
    comment = github.render(diff_menus(loads(MENU), loads(tricky)))
    assert "\x1b" not in comment
    [row] = [line for line in comment.splitlines() if line.startswith("| reworded |")]
    assert row == '| reworded | main 1: "pay your bill" → "pay your\\\\x1b[2J bill" |'
