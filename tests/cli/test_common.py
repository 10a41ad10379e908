"""`ivrkit.cli.common`: the one output-file check, error printer and menu loader every command uses."""

from __future__ import annotations

import os

import pytest

from ivrkit.cli import common, main

MENU = """\
ivrkit: 1
name: Tiny line
language: en
entry: main
nodes:
  main:
    type: menu
    say: Welcome.
    options:
      "1": {label: speak to sales, goto: sales}
  sales:
    type: transfer
    say: Connecting you to sales.
    queue: sales
"""


def test_a_new_file_in_an_existing_folder_can_be_written(tmp_path):
    assert common.output_problem(str(tmp_path / "new.txt"), False) is None


def test_an_existing_file_needs_force(tmp_path):
    target = tmp_path / "old.txt"
    target.write_text("x", encoding="utf-8")
    assert common.output_problem(str(target), False) == f"{target} exists; pass --force to overwrite it"
    assert common.output_problem(str(target), True) is None


def test_a_folder_and_a_missing_folder_are_refused_even_with_force(tmp_path):
    assert common.output_problem(str(tmp_path), True, instead="say what") == f"{tmp_path} is a folder; say what"
    missing = tmp_path / "no" / "x.txt"
    assert (
        common.output_problem(str(missing), True)
        == f"cannot write {missing}: the folder {missing.parent} does not exist"
    )


@pytest.mark.parametrize("force", [False, True])
def test_a_fifo_is_refused_as_not_a_regular_file_with_or_without_force(tmp_path, force):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    assert (
        common.output_problem(str(pipe), force, instead="name a file") == f"{pipe} is not a regular file; name a file"
    )


def test_an_input_is_refused_before_force_is_asked_for(tmp_path):
    menu = tmp_path / "menu.yaml"
    menu.write_text(MENU, encoding="utf-8")
    message = f"{menu} is one of the input files; write the output elsewhere"
    assert common.output_problem(str(menu), False, inputs=[menu]) == message
    assert common.output_problem(str(menu), True, inputs=[str(menu)]) == message


def test_an_earlier_output_is_replaced_without_force_and_anything_else_is_not(tmp_path):
    target = tmp_path / "report.json"
    earlier = ("json report", lambda text: text.startswith("{"))
    target.write_text("{}", encoding="utf-8")
    assert common.output_problem(str(target), False, earlier=earlier) is None
    target.write_text("", encoding="utf-8")  # an empty file holds nothing to lose
    assert common.output_problem(str(target), False, earlier=earlier) is None
    target.write_text("my notes", encoding="utf-8")
    assert (
        common.output_problem(str(target), False, earlier=earlier)
        == f"{target} exists and is not an earlier json report; pass --force to overwrite it"
    )
    assert common.output_problem(str(target), True, earlier=earlier) is None


def test_a_recogniser_that_breaks_means_not_ours(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("[[[", encoding="utf-8")

    def breaks(text):
        raise RecursionError

    assert (
        common.output_problem(str(target), False, earlier=("baseline", breaks))
        == f"{target} exists and is not an earlier baseline; pass --force to overwrite it"
    )


def test_error_prints_the_message_and_its_hint(capsys):
    assert common.error("it broke", "fix it") == common.EXIT_INVALID == 2
    assert capsys.readouterr().err == "ivrkit: error: it broke\n  hint: fix it\n"


def test_test_and_paths_refuse_a_fifo_output_without_suggesting_force(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "menu.yaml").write_text(MENU, encoding="utf-8")
    (tmp_path / "menu.calls.yaml").write_text(
        "menu: menu.yaml\ncalls:\n  - name: sales\n    press: '1'\n    expect: {reaches: sales}\n", encoding="utf-8"
    )
    os.mkfifo("pipe")
    for argv in (["test", "menu.calls.yaml", "-o", "pipe"], ["paths", "menu.yaml", "--write-calls", "pipe"]):
        for force in ([], ["--force"]):
            assert main([*argv, *force]) == 2
            assert (
                capsys.readouterr().err
                == "ivrkit: error: pipe is not a regular file; give a file name for the output\n"
            )


@pytest.mark.parametrize("command", [["call"], ["paths"], ["graph"], ["audio", "--out", "wavs"]])
def test_every_command_taking_a_menu_names_a_call_script_given_instead(tmp_path, monkeypatch, capsys, command):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "menu.calls.yaml").write_text("menu: menu.yaml\ncalls: []\n", encoding="utf-8")
    assert main([command[0], "menu.calls.yaml", *command[1:]]) == 2
    assert capsys.readouterr().err == (
        "menu.calls.yaml:1:1: error: this is a call script, not a menu: its menu is `menu.yaml`, relative to the "
        "script; run it with `ivrkit test menu.calls.yaml`\n"
    )
